//! Request statistics for `/__sim/stats`: per-endpoint counts, the concurrency high-water mark of
//! the data endpoints, and arrival batches (so a test can check a client's rate gate: at most N
//! concurrent requests, batches more than 1 s apart).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::endpoint::ApiEndpoint;
use crate::faults::KIND_KEYS;

#[derive(Default)]
struct Inner {
    requests: [u64; ApiEndpoint::ALL.len()],
    preflights: u64,
    in_flight: u64,
    max_in_flight: u64,
    last_arrival: Option<Instant>,
    batch_first: Option<Instant>,
    batch_size: u64,
    batches: u64,
    min_batch_gap: Option<Duration>,
    max_batch_size: u64,
    min_batch_size: Option<u64>,
    faults_injected: [u64; KIND_KEYS.len()],
    statuses: [u64; 6],
}

pub struct Stats {
    cluster: Duration,
    inner: Mutex<Inner>,
}

/// Decrements the in-flight count when the request finishes or is cancelled (client went away).
pub struct InFlightGuard {
    stats: Arc<Stats>,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let mut i = self.stats.lock();
        i.in_flight = i.in_flight.saturating_sub(1);
    }
}

impl Stats {
    pub fn new(batch_cluster_ms: u64) -> Stats {
        Stats { cluster: Duration::from_millis(batch_cluster_ms), inner: Mutex::new(Inner::default()) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records an arrival. Data endpoints also enter in-flight and batch accounting; the guard
    /// keeps them in flight until dropped.
    pub fn arrive(self: &Arc<Self>, ep: ApiEndpoint) -> Option<InFlightGuard> {
        let now = Instant::now();
        let mut i = self.lock();
        if let Some(c) = i.requests.get_mut(ep.index()) {
            *c += 1;
        }
        if !ep.is_data() {
            return None;
        }
        i.in_flight += 1;
        i.max_in_flight = i.max_in_flight.max(i.in_flight);
        let new_batch = match i.last_arrival {
            None => true,
            Some(last) => now.saturating_duration_since(last) > self.cluster,
        };
        if new_batch {
            if let Some(first) = i.batch_first {
                let gap = now.saturating_duration_since(first);
                i.min_batch_gap = Some(i.min_batch_gap.map_or(gap, |g| g.min(gap)));
                let finished = i.batch_size;
                i.min_batch_size = Some(i.min_batch_size.map_or(finished, |m| m.min(finished)));
            }
            i.batches += 1;
            i.batch_first = Some(now);
            i.batch_size = 0;
        }
        i.batch_size += 1;
        i.max_batch_size = i.max_batch_size.max(i.batch_size);
        i.last_arrival = Some(now);
        drop(i);
        Some(InFlightGuard { stats: Arc::clone(self) })
    }

    pub fn preflight(&self) {
        self.lock().preflights += 1;
    }

    pub fn fault_injected(&self, kind_index: usize) {
        if let Some(c) = self.lock().faults_injected.get_mut(kind_index) {
            *c += 1;
        }
    }

    /// Counts an API response by status class (1xx..5xx; index 0 = dropped connection).
    pub fn response(&self, status: Option<u16>) {
        let idx = match status {
            None => 0,
            Some(s) => (s / 100).clamp(1, 5) as usize,
        };
        if let Some(c) = self.lock().statuses.get_mut(idx) {
            *c += 1;
        }
    }

    /// Zeroes everything except the requests currently in flight.
    pub fn reset(&self) {
        let mut i = self.lock();
        let in_flight = i.in_flight;
        *i = Inner { in_flight, max_in_flight: in_flight, ..Inner::default() };
    }

    pub fn to_json(&self) -> Value {
        let i = self.lock();
        let mut requests = serde_json::Map::new();
        for ep in ApiEndpoint::ALL {
            requests.insert(ep.as_str().into(), json!(i.requests.get(ep.index()).copied().unwrap_or(0)));
        }
        let mut faults = serde_json::Map::new();
        for (k, n) in KIND_KEYS.iter().zip(i.faults_injected.iter()) {
            faults.insert((*k).into(), json!(n));
        }
        faults.insert("total".into(), json!(i.faults_injected.iter().sum::<u64>()));
        let total: u64 = i.requests.iter().sum();
        // The running batch counts too, as a batch of its current size.
        let min_batch = match (i.min_batch_size, i.batches) {
            (Some(m), _) => Some(m.min(i.batch_size)),
            (None, 0) => None,
            (None, _) => Some(i.batch_size),
        };
        json!({
            "requests": Value::Object(requests),
            "totalRequests": total,
            "preflights": i.preflights,
            "inFlight": i.in_flight,
            "maxInFlight": i.max_in_flight,
            "batches": i.batches,
            "minBatchGapMs": i.min_batch_gap.map(|d| (d.as_secs_f64() * 1e6).round() / 1e3),
            "maxBatchSize": i.max_batch_size,
            "batchSizes": {"max": i.max_batch_size, "min": min_batch, "last": i.batch_size},
            "batchClusterMs": self.cluster.as_millis() as u64,
            "responses": {
                "dropped": i.statuses[0],
                "1xx": i.statuses[1],
                "2xx": i.statuses[2],
                "3xx": i.statuses[3],
                "4xx": i.statuses[4],
                "5xx": i.statuses[5],
            },
            "faultsInjected": Value::Object(faults),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_and_in_flight() {
        let s = Arc::new(Stats::new(50));
        let g1 = s.arrive(ApiEndpoint::CallResults);
        let g2 = s.arrive(ApiEndpoint::CallRecords);
        assert!(s.arrive(ApiEndpoint::Gettoken).is_none());
        drop((g1, g2));
        std::thread::sleep(Duration::from_millis(120));
        let _g3 = s.arrive(ApiEndpoint::CallResults);
        let v = s.to_json();
        assert_eq!(v["maxInFlight"], 2);
        assert_eq!(v["inFlight"], 1);
        assert_eq!(v["batches"], 2);
        assert!(v["minBatchGapMs"].as_f64().unwrap() >= 120.0);
        assert_eq!(v["batchSizes"]["max"], 2);
        assert_eq!(v["batchSizes"]["min"], 1);
        assert_eq!(v["requests"]["gettoken"], 1);
        s.reset();
        let v = s.to_json();
        assert_eq!(v["batches"], 0);
        assert!(v["minBatchGapMs"].is_null());
        assert_eq!(v["maxInFlight"], 1);
    }
}
