//! The synthetic call dataset: generated once at start from `--seed`, `--calls`, `--start-date`
//! and `--days`, then read-only.
//!
//! Only what queries must search is stored (16 bytes per call). Everything else a call has (its
//! timings, recording path, bot conversation, CDR and transfer record) is derived on request from
//! the seed and the call's sequence number (`derive.rs`), so one callId always yields the same
//! linked records and 200k calls are generated in a few tens of milliseconds.

pub mod catalog;
pub mod derive;

use std::time::{Duration, Instant};

use time::Date;

use crate::prng::{mix, pick, Rng};
use catalog::{CampaignDef, CAMPAIGNS, CUSTOM_FIELDS, FAIL_CAUSES, MOBILE_PREFIXES};

/// Marker for "no next attempt".
pub const NONE: u32 = u32::MAX;

/// Domain-separation constants so the different derived attributes are independent.
pub(crate) mod salt {
    pub const SESSION_NUMBER: u64 = 0x51;
    pub const SESSION_CUSTOM: u64 = 0x52;
    pub const TIMING: u64 = 0x61;
    pub const TRANSFER: u64 = 0x71;
    pub const CDR: u64 = 0x81;
    pub const TALK: u64 = 0x91;
}

/// One outbound call attempt.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    /// Call (ringing) start, seconds since the dataset's first day 00:00:00 UTC.
    pub time: u32,
    /// Global subscriber index; the sessionId is derived from it.
    pub session: u32,
    /// Index of the same session's next attempt in `Dataset::calls`, or `NONE`.
    pub next_in_session: u32,
    /// Index into `Dataset::campaigns`.
    pub campaign: u8,
    /// 0 = success, else index into `FAIL_CAUSES`.
    pub fail: u8,
    /// 1-based attempt number within the session.
    pub attempt: u8,
}

impl Call {
    pub fn success(&self) -> bool {
        self.fail == 0
    }
}

/// Per-campaign facts for `/__sim/dataset`.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub def: CampaignDef,
    /// Call indices in global order (time, callId).
    pub calls: Vec<u32>,
    pub sessions: u32,
    pub successes: u32,
    pub transfers: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenParams {
    pub seed: u64,
    pub calls: usize,
    pub start_date: Date,
    pub days: u32,
}

#[derive(Debug)]
pub struct Dataset {
    pub params: GenParams,
    /// Epoch seconds of `start_date` 00:00:00 UTC.
    pub start_epoch: i64,
    /// Sorted by (time, index); the callId sequence number is `seq_base + index`, so the order is
    /// also (callTimeStr, callId) — all sequence numbers have the same digit count, hence string
    /// order equals numeric order.
    pub calls: Vec<Call>,
    pub seq_base: u64,
    pub campaigns: Vec<Campaign>,
    /// (vdnId, call indices in global order) for the CDR queries.
    pub by_vdn: Vec<(u32, Vec<u32>)>,
    /// Calls that have a transfer record, ordered by (transfer startTime, callId).
    pub transfers: Vec<u32>,
    pub sessions: u32,
    /// `YYYY-MM-DD` of every day of the range (formatting cache).
    pub day_strings: Vec<String>,
    pub generation_time: Duration,
}

impl Dataset {
    pub fn generate(params: GenParams) -> Dataset {
        let started = Instant::now();
        let days = params.days.max(1);
        let total_secs = days as u64 * 86_400;
        let mut rng = Rng::new(params.seed);
        let weights: Vec<u32> = CAMPAIGNS.iter().map(|c| c.weight).collect();
        let fail_weights: Vec<u32> = FAIL_CAUSES.iter().map(|f| f.weight).collect();
        let windows: Vec<(u64, u64)> = CAMPAIGNS.iter().map(|c| active_days(c, days)).collect();

        let mut calls: Vec<Call> = Vec::with_capacity(params.calls);
        let mut session: u32 = 0;
        while calls.len() < params.calls {
            let c = rng.weighted(&weights);
            let (first_day, last_day) = windows.get(c).copied().unwrap_or((0, days as u64 - 1));
            let day = rng.range(first_day, last_day);
            // Campaigns dial between 08:00 and 20:00.
            let mut t = day * 86_400 + rng.range(8 * 3600, 20 * 3600);
            // 1..3 planned attempts; a success ends the session early.
            let planned = [1u64, 2, 3][rng.weighted(&[45, 35, 20])];
            let remaining = (params.calls - calls.len()) as u64;
            let planned = planned.min(remaining);
            for a in 1..=planned {
                let success = rng.chance(0.55);
                let fail = if success { 0 } else { rng.weighted(&fail_weights) as u8 };
                calls.push(Call {
                    time: t as u32,
                    session,
                    next_in_session: NONE,
                    campaign: c as u8,
                    fail,
                    attempt: a as u8,
                });
                if success {
                    break;
                }
                // Retry 10 minutes to 4 hours later: usually the same day, sometimes past midnight.
                let next = t + rng.range(600, 4 * 3600);
                if next >= total_secs {
                    break;
                }
                t = next;
            }
            session += 1;
        }
        // Stable sort: equal times keep generation order, then the index becomes the sequence.
        calls.sort_by_key(|c| c.time);

        // Link each session's attempts (they are in time order now).
        let mut last_of_session = vec![NONE; session as usize];
        for i in 0..calls.len() {
            let s = calls[i].session as usize;
            let prev = last_of_session[s];
            if prev != NONE {
                calls[prev as usize].next_in_session = i as u32;
            }
            last_of_session[s] = i as u32;
        }

        let mut seq_base: u64 = 1_000_000;
        while seq_base < calls.len() as u64 {
            seq_base *= 10;
        }
        let start_epoch = params.start_date.midnight().assume_utc().unix_timestamp();
        let day_strings = (0..=days as i64 + 1)
            .map(|d| cec_calldata::dates::format_ymd(params.start_date + time::Duration::days(d)))
            .collect();

        let mut ds = Dataset {
            params,
            start_epoch,
            calls,
            seq_base,
            campaigns: Vec::new(),
            by_vdn: Vec::new(),
            transfers: Vec::new(),
            sessions: session,
            day_strings,
            generation_time: Duration::ZERO,
        };
        ds.build_indexes();
        ds.generation_time = started.elapsed();
        ds
    }

    fn build_indexes(&mut self) {
        let mut campaigns: Vec<Campaign> = CAMPAIGNS
            .iter()
            .map(|d| Campaign { def: *d, calls: Vec::new(), sessions: 0, successes: 0, transfers: 0 })
            .collect();
        let mut by_vdn: Vec<(u32, Vec<u32>)> = catalog::VDNS.iter().map(|&v| (v, Vec::new())).collect();
        let mut transfers = Vec::new();
        for (i, call) in self.calls.iter().enumerate() {
            let Some(camp) = campaigns.get_mut(call.campaign as usize) else {
                continue;
            };
            camp.calls.push(i as u32);
            if call.attempt == 1 {
                camp.sessions += 1;
            }
            if call.success() {
                camp.successes += 1;
            }
            if let Some((_, list)) = by_vdn.iter_mut().find(|(v, _)| *v == camp.def.vdn) {
                list.push(i as u32);
            }
            if self.has_transfer(i) {
                camp.transfers += 1;
                transfers.push(i as u32);
            }
        }
        // Transfer records are listed by their own start time.
        transfers.sort_by_key(|&i| (derive::transfer_start_ms(self, i as usize), i));
        self.campaigns = campaigns;
        self.by_vdn = by_vdn;
        self.transfers = transfers;
    }

    pub fn seq(&self, idx: usize) -> u64 {
        self.seq_base + idx as u64
    }

    /// Epoch seconds of a call's start.
    pub fn epoch(&self, call: &Call) -> i64 {
        self.start_epoch + call.time as i64
    }

    pub fn call_id(&self, idx: usize) -> String {
        match self.calls.get(idx) {
            Some(c) => format!("{}-{}", self.epoch(c), self.seq(idx)),
            None => String::new(),
        }
    }

    /// Index of a callId (`<epochSeconds>-<seq>`), exact spelling only.
    pub fn find_call(&self, call_id: &str) -> Option<usize> {
        let (_, seq) = call_id.split_once('-')?;
        if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seq: u64 = seq.parse().ok()?;
        let idx = usize::try_from(seq.checked_sub(self.seq_base)?).ok()?;
        (idx < self.calls.len() && self.call_id(idx) == call_id).then_some(idx)
    }

    pub fn campaign_of(&self, call: &Call) -> Option<&Campaign> {
        self.campaigns.get(call.campaign as usize)
    }

    pub fn campaign_index(&self, vdn: u32, campaign_id: u32) -> Option<usize> {
        self.campaigns.iter().position(|c| c.def.id == campaign_id && c.def.vdn == vdn)
    }

    pub fn session_id(&self, call: &Call) -> String {
        let cid = self.campaign_of(call).map(|c| c.def.id).unwrap_or(0);
        format!("{}_{:08}", cid, call.session)
    }

    /// (campaignId, session index) of a sessionId, exact spelling only.
    pub fn parse_session_id(s: &str) -> Option<(u32, u32)> {
        let (c, n) = s.split_once('_')?;
        if n.len() < 8 || !n.bytes().all(|b| b.is_ascii_digit()) || !c.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let parsed = (c.parse().ok()?, n.parse().ok()?);
        (format!("{}_{:08}", parsed.0, parsed.1) == s).then_some(parsed)
    }

    /// The subscriber's number (per session).
    pub fn called_number(&self, session: u32) -> String {
        let h = mix(self.params.seed ^ salt::SESSION_NUMBER, session as u64);
        let prefix = pick(&MOBILE_PREFIXES, h).unwrap_or("138");
        format!("{}{:08}", prefix, (h >> 8) % 100_000_000)
    }

    pub fn custom_field(&self, session: u32) -> &'static str {
        pick(&CUSTOM_FIELDS, mix(self.params.seed ^ salt::SESSION_CUSTOM, session as u64)).unwrap_or("")
    }

    /// About 10% of connected calls were transferred by the IVR flow to a third party.
    pub fn has_transfer(&self, idx: usize) -> bool {
        match self.calls.get(idx) {
            Some(c) if c.success() => mix(self.params.seed ^ salt::TRANSFER, self.seq(idx)) % 1000 < 100,
            _ => false,
        }
    }

    /// `yyyy-MM-dd HH:mm:ss` of an offset in seconds from the dataset start.
    pub fn datetime_str(&self, offset_secs: i64) -> String {
        let day = offset_secs.div_euclid(86_400);
        let sod = offset_secs.rem_euclid(86_400);
        let date = match self.day_strings.get(day as usize) {
            Some(s) if day >= 0 => s.clone(),
            _ => cec_calldata::dates::format_ymd(self.params.start_date + time::Duration::days(day)),
        };
        format!("{} {:02}:{:02}:{:02}", date, sod / 3600, (sod / 60) % 60, sod % 60)
    }

    pub fn date_str(&self, offset_secs: i64) -> String {
        let day = offset_secs.div_euclid(86_400);
        match self.day_strings.get(day as usize) {
            Some(s) if day >= 0 => s.clone(),
            _ => cec_calldata::dates::format_ymd(self.params.start_date + time::Duration::days(day)),
        }
    }

    /// Seconds from the dataset start to a date's 00:00:00.
    pub fn offset_of_date(&self, d: Date) -> i64 {
        (d - self.params.start_date).whole_days() * 86_400
    }

    /// Every call matching `f`, in (callTimeStr, callId) order. Shared by the callresult endpoint
    /// and `/__sim/calls`, so the ground truth and the API can never disagree.
    pub fn select(&self, f: &CallFilter<'_>) -> Vec<u32> {
        let all: Vec<u32>;
        let list: &[u32] = match f.campaign {
            Some(ci) => match self.campaigns.get(ci) {
                Some(c) => &c.calls,
                None => return Vec::new(),
            },
            None => match f.vdn {
                Some(v) => match self.by_vdn.iter().find(|(x, _)| *x == v) {
                    Some((_, l)) => l,
                    None => return Vec::new(),
                },
                None => {
                    all = (0..self.calls.len() as u32).collect();
                    &all
                }
            },
        };
        let (lo, hi) = match f.window {
            Some((b, e)) => (
                list.partition_point(|&i| (self.calls[i as usize].time as i64) < b),
                list.partition_point(|&i| (self.calls[i as usize].time as i64) < e),
            ),
            None => (0, list.len()),
        };
        let session = match f.session_id {
            Some(s) => match Self::parse_session_id(s) {
                Some(p) => Some(p),
                None => return Vec::new(),
            },
            None => None,
        };
        let window_end = f.window.map(|(_, e)| e);
        let mut out = Vec::new();
        for &i in list.get(lo..hi).unwrap_or(&[]) {
            let Some(call) = self.calls.get(i as usize) else {
                continue;
            };
            if let Some((cid, s)) = session {
                let camp_id = self.campaign_of(call).map(|c| c.def.id).unwrap_or(0);
                if call.session != s || camp_id != cid {
                    continue;
                }
            }
            if let Some(cf) = f.custom_field {
                if self.custom_field(call.session) != cf {
                    continue;
                }
            }
            if f.final_only && !self.is_final_within(call, window_end) {
                continue;
            }
            out.push(i);
        }
        out
    }

    /// Whether no later attempt of the same session falls inside the window (showDetail 0). The
    /// next attempt is always later, so only the window's end can exclude it.
    fn is_final_within(&self, call: &Call, window_end: Option<i64>) -> bool {
        if call.next_in_session == NONE {
            return true;
        }
        match (window_end, self.calls.get(call.next_in_session as usize)) {
            (Some(end), Some(next)) => next.time as i64 >= end,
            _ => false,
        }
    }
}

/// Filter of `Dataset::select`.
#[derive(Debug, Default, Clone)]
pub struct CallFilter<'a> {
    pub vdn: Option<u32>,
    /// Index into `Dataset::campaigns`.
    pub campaign: Option<usize>,
    /// Half-open `[begin, end)` in seconds from the dataset start.
    pub window: Option<(i64, i64)>,
    pub session_id: Option<&'a str>,
    pub custom_field: Option<&'a str>,
    /// showDetail 0: only each session's last attempt within the filter.
    pub final_only: bool,
}

/// First and last active day (offsets) of a campaign for a range of `days` days.
fn active_days(c: &CampaignDef, days: u32) -> (u64, u64) {
    let d = days as f64;
    let first = (c.window.0 * d).floor() as u64;
    let last = ((c.window.1 * d).ceil() as u64).saturating_sub(1).min(days as u64 - 1);
    (first.min(last), last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(seed: u64) -> Dataset {
        Dataset::generate(GenParams {
            seed,
            calls: 5000,
            start_date: crate::config::default_start_date(),
            days: 153,
        })
    }

    #[test]
    fn deterministic() {
        let a = small(42);
        let b = small(42);
        let c = small(43);
        assert_eq!(a.calls.len(), 5000);
        assert_eq!(a.call_id(17), b.call_id(17));
        assert_eq!(a.session_id(&a.calls[17]), b.session_id(&b.calls[17]));
        assert_ne!(
            (0..50).map(|i| a.call_id(i)).collect::<Vec<_>>(),
            (0..50).map(|i| c.call_id(i)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn ids_unique_and_found() {
        let ds = small(7);
        let mut seen = std::collections::HashSet::new();
        for i in 0..ds.calls.len() {
            let id = ds.call_id(i);
            assert_eq!(ds.find_call(&id), Some(i));
            assert!(seen.insert(id));
        }
        assert_eq!(ds.find_call("1-1"), None);
        assert_eq!(ds.find_call("garbage"), None);
        assert_eq!(ds.find_call(&format!("{}0", ds.call_id(3))), None);
    }

    #[test]
    fn order_is_time_then_call_id() {
        let ds = small(9);
        for w in 0..ds.calls.len() - 1 {
            let (a, b) = (ds.call_id(w), ds.call_id(w + 1));
            let (ta, tb) =
                (ds.datetime_str(ds.calls[w].time as i64), ds.datetime_str(ds.calls[w + 1].time as i64));
            assert!((ta.clone(), a.clone()) < (tb.clone(), b.clone()), "{ta} {a} !< {tb} {b}");
        }
    }

    #[test]
    fn sessions_have_one_to_three_attempts_and_stop_on_success() {
        let ds = small(11);
        for (i, c) in ds.calls.iter().enumerate() {
            assert!((1..=3).contains(&c.attempt));
            if c.next_in_session != NONE {
                let n = &ds.calls[c.next_in_session as usize];
                assert!(!c.success(), "call {i} succeeded but has a retry");
                assert_eq!(n.attempt, c.attempt + 1);
                assert_eq!(n.session, c.session);
                assert!(n.time > c.time);
            }
        }
        let ok = ds.calls.iter().filter(|c| c.success()).count();
        assert!(ok > 1500 && ok < 4000, "{ok}");
        assert!(ds.transfers.len() > 100);
    }

    #[test]
    fn session_id_round_trip() {
        assert_eq!(Dataset::parse_session_id("101_00000042"), Some((101, 42)));
        assert_eq!(Dataset::parse_session_id("101_0000042"), None);
        assert_eq!(Dataset::parse_session_id("101_000000042"), None);
        assert_eq!(Dataset::parse_session_id("x_00000042"), None);
    }
}
