//! Request statistics for `/__sim/stats`: per-endpoint counts, the concurrency high-water mark of
//! the data endpoints, and arrival batches (so a test can check a client's rate gate: at most N
//! concurrent requests, batches more than 1 s apart), overall and per caller (`byCaller`: the
//! credential a request names, so clients of several tenants can share one simulator and each
//! tenant's batches still be checked on their own).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::endpoint::ApiEndpoint;
use crate::faults::KIND_KEYS;

/// Arrival batches of one stream of data requests (all of them, or one caller's).
#[derive(Default)]
struct Batches {
    requests: u64,
    in_flight: u64,
    max_in_flight: u64,
    last_arrival: Option<Instant>,
    batch_first: Option<Instant>,
    batch_size: u64,
    batches: u64,
    min_batch_gap: Option<Duration>,
    max_batch_size: u64,
    min_batch_size: Option<u64>,
}

impl Batches {
    fn arrive(&mut self, now: Instant, cluster: Duration) {
        self.requests += 1;
        self.in_flight += 1;
        self.max_in_flight = self.max_in_flight.max(self.in_flight);
        let new_batch = match self.last_arrival {
            None => true,
            Some(last) => now.saturating_duration_since(last) > cluster,
        };
        if new_batch {
            if let Some(first) = self.batch_first {
                let gap = now.saturating_duration_since(first);
                self.min_batch_gap = Some(self.min_batch_gap.map_or(gap, |g| g.min(gap)));
                let finished = self.batch_size;
                self.min_batch_size = Some(self.min_batch_size.map_or(finished, |m| m.min(finished)));
            }
            self.batches += 1;
            self.batch_first = Some(now);
            self.batch_size = 0;
        }
        self.batch_size += 1;
        self.max_batch_size = self.max_batch_size.max(self.batch_size);
        self.last_arrival = Some(now);
    }

    fn leave(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// The running batch counts too, as a batch of its current size.
    fn min_batch(&self) -> Option<u64> {
        match (self.min_batch_size, self.batches) {
            (Some(m), _) => Some(m.min(self.batch_size)),
            (None, 0) => None,
            (None, _) => Some(self.batch_size),
        }
    }

    fn min_gap_ms(&self) -> Option<f64> {
        self.min_batch_gap.map(|d| (d.as_secs_f64() * 1e6).round() / 1e3)
    }
}

/// Callers kept apart in `byCaller`, at most (a client inventing keys cannot grow the map).
const MAX_CALLERS: usize = 64;

#[derive(Default)]
struct Inner {
    requests: [u64; ApiEndpoint::ALL.len()],
    preflights: u64,
    all: Batches,
    by_caller: BTreeMap<String, Batches>,
    faults_injected: [u64; KIND_KEYS.len()],
    statuses: [u64; 6],
}

pub struct Stats {
    cluster: Duration,
    inner: Mutex<Inner>,
}

/// Decrements the in-flight counts when the request finishes or is cancelled (client went away).
pub struct InFlightGuard {
    stats: Arc<Stats>,
    caller: Option<String>,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let mut i = self.stats.lock();
        i.all.leave();
        if let Some(b) = self.caller.as_ref().and_then(|c| i.by_caller.get_mut(c)) {
            b.leave();
        }
    }
}

impl Stats {
    pub fn new(batch_cluster_ms: u64) -> Stats {
        Stats { cluster: Duration::from_millis(batch_cluster_ms), inner: Mutex::new(Inner::default()) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records an arrival. Data endpoints also enter in-flight and batch accounting, overall and
    /// under `caller` when the request names one; the guard keeps them in flight until dropped.
    pub fn arrive(self: &Arc<Self>, ep: ApiEndpoint, caller: Option<String>) -> Option<InFlightGuard> {
        let now = Instant::now();
        let mut i = self.lock();
        if let Some(c) = i.requests.get_mut(ep.index()) {
            *c += 1;
        }
        if !ep.is_data() {
            return None;
        }
        i.all.arrive(now, self.cluster);
        let caller = caller.filter(|c| i.by_caller.contains_key(c) || i.by_caller.len() < MAX_CALLERS);
        if let Some(c) = &caller {
            i.by_caller.entry(c.clone()).or_default().arrive(now, self.cluster);
        }
        drop(i);
        Some(InFlightGuard { stats: Arc::clone(self), caller })
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
        let keep = |b: &Batches| Batches {
            in_flight: b.in_flight,
            max_in_flight: b.in_flight,
            ..Batches::default()
        };
        let all = keep(&i.all);
        let by_caller =
            i.by_caller.iter().filter(|(_, b)| b.in_flight > 0).map(|(k, b)| (k.clone(), keep(b))).collect();
        *i = Inner { all, by_caller, ..Inner::default() };
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
        let by_caller: serde_json::Map<String, Value> = i
            .by_caller
            .iter()
            .map(|(k, b)| {
                let v = json!({
                    "requests": b.requests,
                    "inFlight": b.in_flight,
                    "maxInFlight": b.max_in_flight,
                    "batches": b.batches,
                    "minBatchGapMs": b.min_gap_ms(),
                    "batchSizes": {"max": b.max_batch_size, "min": b.min_batch(), "last": b.batch_size},
                });
                (k.clone(), v)
            })
            .collect();
        let a = &i.all;
        json!({
            "requests": Value::Object(requests),
            "totalRequests": total,
            "preflights": i.preflights,
            "inFlight": a.in_flight,
            "maxInFlight": a.max_in_flight,
            "batches": a.batches,
            "minBatchGapMs": a.min_gap_ms(),
            "maxBatchSize": a.max_batch_size,
            "batchSizes": {"max": a.max_batch_size, "min": a.min_batch(), "last": a.batch_size},
            "byCaller": Value::Object(by_caller),
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
        let g1 = s.arrive(ApiEndpoint::CallResults, None);
        let g2 = s.arrive(ApiEndpoint::CallRecords, None);
        assert!(s.arrive(ApiEndpoint::Gettoken, None).is_none());
        drop((g1, g2));
        std::thread::sleep(Duration::from_millis(120));
        let _g3 = s.arrive(ApiEndpoint::CallResults, None);
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

    #[test]
    fn each_caller_has_its_own_batches() {
        let s = Arc::new(Stats::new(50));
        let a = || Some("isales:ak-a".to_string());
        let b = || Some("isales:ak-b".to_string());
        drop(s.arrive(ApiEndpoint::CallResults, a()));
        std::thread::sleep(Duration::from_millis(80));
        // Caller b's first batch lands 80 ms after a's: overall a new batch 80 ms later, but
        // neither caller has a second batch yet.
        let held = s.arrive(ApiEndpoint::CallResults, b());
        std::thread::sleep(Duration::from_millis(80));
        drop(s.arrive(ApiEndpoint::CallResults, a()));
        let v = s.to_json();
        assert_eq!(v["batches"], 3);
        assert!(v["minBatchGapMs"].as_f64().unwrap() < 160.0);
        let (va, vb) = (&v["byCaller"]["isales:ak-a"], &v["byCaller"]["isales:ak-b"]);
        assert_eq!(va["batches"], 2);
        assert!(va["minBatchGapMs"].as_f64().unwrap() >= 160.0);
        assert_eq!(va["requests"], 2);
        assert_eq!(vb["batches"], 1);
        assert!(vb["minBatchGapMs"].is_null());
        assert_eq!(vb["inFlight"], 1);
        // A reset keeps only callers with a request in flight, at that count.
        s.reset();
        let v = s.to_json();
        assert!(v["byCaller"]["isales:ak-a"].is_null());
        assert_eq!(v["byCaller"]["isales:ak-b"]["inFlight"], 1);
        drop(held);
        assert_eq!(s.to_json()["byCaller"]["isales:ak-b"]["inFlight"], 0);
        // The map is bounded.
        for n in 0..(MAX_CALLERS + 10) {
            drop(s.arrive(ApiEndpoint::CallResults, Some(format!("k{n}"))));
        }
        assert_eq!(s.to_json()["byCaller"].as_object().unwrap().len(), MAX_CALLERS);
    }
}
