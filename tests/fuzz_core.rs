//! Fuzzing of the pure core on stable Rust (no nightly here for cargo-fuzz): proptest strategies
//! run for a time budget per target, checking "never panics" plus each target's invariants.
//!
//! Budget per target: `CEC_FUZZ_SECONDS` (default 2; `scripts/test.sh fuzz` uses 15, a long
//! run is e.g. `CEC_FUZZ_SECONDS=600 cargo test --release --test fuzz_core -- --nocapture`).
//! Each target prints how many inputs it ran.

#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use cec_calldata::auth;
use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints;
use cec_calldata::paging::{split_windows, NextItem, PagePlan, PageRef};
use cec_calldata::rate::{Admission, GateConfig, RateGate};
use cec_calldata::signing::{Credentials, SigningProfile, Wire};
use cec_calldata::{callback, dates, redact, Locale};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use serde_json::{json, Value};

fn budget() -> Duration {
    let secs = std::env::var("CEC_FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(2.0);
    Duration::from_secs_f64(secs.max(0.1))
}

/// Runs `check` on values of `strategy` until the budget is used; returns the input count.
fn fuzz<S: Strategy>(name: &str, strategy: S, mut check: impl FnMut(S::Value)) -> u64
where
    S::Value: std::fmt::Debug + Clone,
{
    let seed = std::env::var("CEC_FUZZ_SEED").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(0x00C0_FFEE);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    seed_bytes[8..16].copy_from_slice(&(name.len() as u64).to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed_bytes),
    );
    let deadline = Instant::now() + budget();
    let mut n = 0u64;
    while Instant::now() < deadline {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let value = tree.current();
        let shown = format!("{value:?}");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(value)));
        assert!(outcome.is_ok(), "{name}: panicked on input {}", &shown[..shown.len().min(2000)]);
        n += 1;
    }
    println!("fuzz {name}: {n} inputs");
    assert!(n > 0, "{name}: no input ran");
    n
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        ".{0,12}".prop_map(Value::String),
        "[0-9]{1,14}".prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9]:[0-5][0-9])?".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("vdnId".to_owned()),
                    Just("campaignId".to_owned()),
                    Just("callId".to_owned()),
                    Just("pageSize".to_owned()),
                    Just("pageNum".to_owned()),
                    Just("beginTime".to_owned()),
                    Just("endTime".to_owned()),
                    Just("showDetail".to_owned()),
                    Just("sessionId".to_owned()),
                    Just("subCcNo".to_owned()),
                    Just("vdn".to_owned()),
                    Just("beginDate".to_owned()),
                    Just("endDate".to_owned()),
                    ".{0,6}".prop_map(String::from)
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Sample bodies in the documented shapes, to mutate.
fn seed_bodies() -> Vec<String> {
    vec![
        json!({"returnCode":"0200000","resultCode":"0200000","resultDesc":"ok","data":{"callId":"1-2","callStatus":"6","failCode":"00000","vdnId":1}}).to_string(),
        json!({"returnCode":"0200000","resultCode":"0200000","totalCount":2,"data":[{"callId":"1-2","callStatus":6,"callTime":"2026-06-01 10:00:00","failCode":"00000"},{"callId":"1-3","callStatus":5,"failCode":"00601"}]}).to_string(),
        json!({"returnCode":"0200000","recordList":[{"userSaying":"null","robotSaying":"hi","time":"1700000000000"}]}).to_string(),
        json!({"total":"2","results":[{"callId":"1-2","beginTime":"1700000000000","evaluationValue":"1"}]}).to_string(),
        json!({"errorCode":0,"errorMsg":"","total":1,"transferRecordList":[{"callId":"1-2","recordPath":"/r/1.wav"}]}).to_string(),
        json!([{"campaignId":"1","callId":"1-2","callStatus":6,"failCode":"00000","vdnId":1}]).to_string(),
    ]
}

/// A seed body with a few byte-level mutations (cut, delete, insert, replace), kept UTF-8.
fn mutated_body() -> impl Strategy<Value = String> {
    let bodies = seed_bodies();
    (
        0..bodies.len(),
        prop::collection::vec(
            (any::<u8>(), any::<prop::sample::Index>(), "[\\[\\]{}\",:0-9a-z\\\\ ]{0,3}"),
            0..4,
        ),
    )
        .prop_map(move |(i, edits)| {
            let mut s = bodies[i].clone();
            for (op, at, text) in edits {
                let mut pos = at.index(s.len() + 1);
                while !s.is_char_boundary(pos) {
                    pos -= 1;
                }
                match op % 4 {
                    0 => s.truncate(pos),
                    1 => {
                        let end = (pos + text.len()).min(s.len());
                        let mut end = end;
                        while !s.is_char_boundary(end) {
                            end += 1;
                        }
                        s.replace_range(pos..end, "");
                    }
                    2 => s.insert_str(pos, &text),
                    _ => {
                        let end = s[pos..].char_indices().nth(1).map_or(s.len(), |(j, _)| pos + j);
                        s.replace_range(pos..end, &text);
                    }
                }
            }
            s
        })
}

fn any_body() -> impl Strategy<Value = String> {
    prop_oneof![3 => mutated_body(), 1 => ".{0,64}"]
}

#[test]
fn fuzz_validators() {
    fuzz("validators", (json_value(), 0..Endpoint::ALL.len(), any::<bool>()), |(v, e, zh)| {
        let locale = if zh { Locale::ZhCn } else { Locale::EnUs };
        let endpoint = Endpoint::ALL[e];
        let issues = endpoints::validate(endpoint, &v, locale);
        for i in &issues {
            assert!(!i.message.is_empty());
        }
        if !v.is_object() {
            assert!(!issues.is_empty(), "a non-object request must be reported");
        }
    });
}

#[test]
fn fuzz_decoders() {
    fuzz("decoders", (any_body(), 0..Endpoint::ALL.len()), |(body, e)| {
        let _ = endpoints::decode(Endpoint::ALL[e], &body, Locale::EnUs);
    });
}

#[test]
fn fuzz_callback_parser() {
    fuzz("callback", any_body(), |body| {
        if let Ok(items) = callback::parse_call_result_callback(&body, Locale::ZhCn) {
            assert!(body.trim_start().starts_with(['[', '{']));
            let _ = items.len();
        }
    });
}

#[test]
fn fuzz_date_parsers() {
    let text = prop_oneof![
        ".{0,24}",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,3}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2,3}"
    ];
    fuzz("dates", text, |s| {
        if let Some(d) = dates::parse_ymd(&s) {
            assert_eq!(dates::parse_ymd(&dates::format_ymd(d)), Some(d), "round trip of {s}");
        }
        if let Some(dt) = dates::parse_datetime(&s) {
            assert_eq!(dates::parse_datetime(&dates::format_datetime(dt)), Some(dt), "round trip of {s}");
        }
        let _ = auth::parse_timestamp(&s);
    });
    // The 30-day window planner over random date pairs: contiguous, in order, each ≤ 30 days.
    fuzz("windows", (0i32..3000, 0i32..3000), |(a, b)| {
        let base = dates::parse_ymd("2020-01-01").expect("valid");
        let (b0, e0) = (
            base + time::Duration::days(i64::from(a.min(b))),
            base + time::Duration::days(i64::from(a.max(b))),
        );
        let windows = split_windows(b0, e0);
        let mut at = b0;
        for (w0, w1) in &windows {
            assert_eq!(*w0, at);
            assert!(*w1 > *w0 && (*w1 - *w0).whole_days() <= 30);
            at = *w1;
        }
        if e0 > b0 {
            assert_eq!(at, e0);
        }
    });
}

#[test]
fn fuzz_signer() {
    let strategy = (
        ".{0,16}",
        ".{0,16}",
        ".{0,40}",
        prop::option::of(".{0,40}"),
        any::<i64>(),
        prop::sample::select(vec!["A", "B"]),
        prop::collection::vec((".{0,6}", ".{0,6}"), 0..3),
    );
    fuzz("signer", strategy, |(ak, sk, path, body, ms, profile_name, query)| {
        let Some(profile) = SigningProfile::named(profile_name) else { panic!("profile {profile_name}") };
        let ts = profile.timestamp_at(ms).unwrap_or_else(|| "2024-01-01T00:00:00Z".to_owned());
        let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let wire = Wire {
            method: "POST",
            path: &path,
            query: &pairs,
            host: "h:1",
            content_type: Some(auth::CONTENT_TYPE_JSON),
            body: body.as_deref(),
        };
        let header = profile.sign(&Credentials { access_key: &ak, secret_key: &sk }, &wire, &ts);
        let n = auth::normalize(&path);
        assert!(n.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{n}");
        assert!(header.starts_with("auth-v2/") && header.len() > 64);
        // A header-safe access key (what the config requires) is scrubbed whole.
        if ak.bytes().all(|b| (0x21..=0x7e).contains(&b) && !b"\"',<>\\".contains(&b)) {
            assert_eq!(redact::scrub_text(&header, &[]), "auth-v2/<redacted>", "{header}");
        }
    });
}

#[test]
fn fuzz_page_planner() {
    // Random windows, page sizes, totals, guessed pages and failures: every item arrives once,
    // in order (a guessed page past a window's end comes back empty or fails).
    let plan = (
        (1usize..5, 0u64..5),
        1u32..6,
        1usize..6,
        prop::collection::vec(0u64..14, 1..5),
        prop::collection::vec(any::<u8>(), 0..64),
    );
    fuzz("page planner", plan, |((windows, speculate), page_size, budget, totals, coin)| {
        let totals: Vec<u64> = (0..windows).map(|w| totals[w % totals.len()]).collect();
        let mut p: PagePlan<(usize, u64), &'static str> =
            PagePlan::new(windows, page_size, budget).with_speculation(speculate);
        let mut inflight: Vec<PageRef> = Vec::new();
        let mut got = Vec::new();
        let mut flips = coin.into_iter().cycle();
        // A page fails at most twice (as after the client's retries); then it comes back.
        let mut failures: std::collections::HashMap<PageRef, u32> = std::collections::HashMap::new();
        for _ in 0..10_000 {
            inflight.extend(p.next_starts());
            match p.next_item() {
                NextItem::Item(x) => got.push(x),
                NextItem::Done => break,
                NextItem::Failed(..) => {}
                NextItem::Wait => {
                    // `Wait` means "start next_starts() and wait for a page".
                    inflight.extend(p.next_starts());
                    assert!(!inflight.is_empty(), "waiting with nothing in flight");
                    let flip = flips.next().unwrap_or(0);
                    let r = inflight.remove(usize::from(flip) % inflight.len());
                    let count = failures.entry(r).or_insert(0);
                    if flip % 7 == 3 && *count < 2 {
                        *count += 1;
                        p.page_failed(r, "garbled");
                    } else {
                        let total = totals[r.window];
                        let first = (r.page - 1) * u64::from(page_size);
                        let items: Vec<(usize, u64)> =
                            (first..total.min(first + u64::from(page_size))).map(|i| (r.window, i)).collect();
                        p.page_ok(r, Some(total), items);
                    }
                }
            }
        }
        let want: Vec<(usize, u64)> =
            (0..windows).flat_map(|w| (0..totals[w]).map(move |i| (w, i))).collect();
        assert_eq!(got, want);
    });
}

#[test]
fn fuzz_rate_gate() {
    // Random asks and ends (answered or not) of random admitted requests: the gate never admits
    // more than max, never asks to wait for the past, and only waits for a release when a slot
    // or an answer is missing.
    let steps = prop::collection::vec((0u8..4, 0.0f64..1500.0, any::<u16>()), 1..200);
    fuzz("rate gate", (1u32..12, 0.0f64..2000.0, steps), |(max, interval, steps)| {
        let config =
            GateConfig { max_concurrency: max, interval_ms: interval, join_window_ms: 50.0, margin_ms: 25.0 };
        let mut gate = RateGate::new(config);
        let mut live: Vec<u64> = Vec::new(); // the batch of each admitted request
        let mut now = 0.0f64;
        for (kind, dt, pick) in steps {
            now += dt;
            if kind < 2 && !live.is_empty() {
                let batch = live.swap_remove(usize::from(pick) % live.len());
                gate.release(batch, (kind == 0).then_some(now));
                continue;
            }
            match gate.try_acquire(now) {
                Admission::Go => {
                    assert!(gate.in_flight() <= max);
                    live.push(gate.batch());
                }
                Admission::WaitUntil(t) => assert!(t > now, "asked to wait until the past: {t} at {now}"),
                Admission::WaitForRelease => {
                    assert!(gate.in_flight() == max || gate.awaiting_answer(), "waiting for nothing")
                }
            }
            assert_eq!(gate.in_flight() as usize, live.len());
        }
    });
}

/// One request of the adversarial gate run: when its caller wants it (ms after the previous
/// one), how long it takes to reach the server once sent, how long the answer takes after that,
/// and whether an answer comes back at all (else the attempt fails after that time).
#[derive(Debug, Clone)]
struct TimedRequest {
    ready_gap: f64,
    send_delay: f64,
    answer_after: f64,
    answered: bool,
}

#[test]
fn fuzz_rate_gate_adversarial_timings() {
    // Whatever the network and the event loop do to send and answer times, two batches never
    // start within the interval as the server sees them, as long as the earlier batch got an
    // answer; with sends that are never more than the join window late, the simulator's own
    // grouping (arrivals ≤ 250 ms apart form a batch) agrees.
    let request = (0.0f64..400.0, 0.0f64..300.0, 0.0f64..2500.0, prop::bool::weighted(0.85)).prop_map(
        |(ready_gap, send_delay, answer_after, answered)| TimedRequest {
            ready_gap,
            send_delay,
            answer_after,
            answered,
        },
    );
    let interval = prop_oneof![1 => Just(0.0f64), 6 => 1.0f64..2000.0];
    let config = (1u32..12, interval, 0.0f64..150.0, 0.5f64..50.0);
    fuzz("rate gate, adversarial timings", (config, prop::collection::vec(request, 1..60)), |(c, reqs)| {
        let (max, interval, join, margin) = c;
        let mut gate = RateGate::new(GateConfig {
            max_concurrency: max,
            interval_ms: interval,
            join_window_ms: join,
            margin_ms: margin,
        });
        let mut t = 0.0;
        let ready: Vec<f64> = reqs
            .iter()
            .map(|r| {
                t += r.ready_gap;
                t
            })
            .collect();
        // Per request: (batch, arrival at the server); `running`: (end, request, batch).
        let mut sent: Vec<Option<(u64, f64)>> = vec![None; reqs.len()];
        let mut running: Vec<(f64, usize, u64)> = Vec::new();
        let mut next = 0usize; // the first request not admitted yet (callers wait in order)
        let mut now = 0.0f64;
        for _ in 0..100_000 {
            running.sort_by(|a, b| b.0.total_cmp(&a.0));
            while running.last().is_some_and(|r| r.0 <= now) {
                let Some((end, i, batch)) = running.pop() else { break };
                gate.release(batch, reqs[i].answered.then_some(end));
            }
            let mut wake = f64::INFINITY;
            while next < reqs.len() && ready[next] <= now {
                match gate.try_acquire(now) {
                    Admission::Go => {
                        let r = &reqs[next];
                        let arrival = now + r.send_delay;
                        let end = if r.answered { arrival + r.answer_after } else { now + r.answer_after };
                        sent[next] = Some((gate.batch(), arrival));
                        running.push((end, next, gate.batch()));
                        assert!(running.len() <= max as usize && gate.in_flight() <= max);
                        next += 1;
                    }
                    Admission::WaitUntil(t) => {
                        assert!(t > now);
                        wake = t;
                        break;
                    }
                    Admission::WaitForRelease => {
                        assert!(!running.is_empty(), "waiting for a release with nothing in flight");
                        break;
                    }
                }
            }
            if next == reqs.len() && running.is_empty() {
                break;
            }
            let next_ready = ready.get(next).copied().filter(|t| *t > now).unwrap_or(f64::INFINITY);
            let next_end = running.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
            now = wake.min(next_ready).min(next_end);
            assert!(now.is_finite(), "stalled");
        }
        let sent: Vec<(u64, f64)> = sent.into_iter().map(|s| s.expect("every request admitted")).collect();
        if interval <= 0.0 {
            return;
        }
        // Per gate batch: the first arrival, and whether any of its requests was answered.
        let mut batches: std::collections::BTreeMap<u64, (f64, bool)> = std::collections::BTreeMap::new();
        for (i, &(b, arrival)) in sent.iter().enumerate() {
            let e = batches.entry(b).or_insert((f64::INFINITY, false));
            e.0 = e.0.min(arrival);
            e.1 |= reqs[i].answered;
        }
        let firsts: Vec<(u64, (f64, bool))> = batches.into_iter().collect();
        for w in firsts.windows(2) {
            let ((b0, (a0, answered)), (b1, (a1, _))) = (w[0], w[1]);
            assert_eq!(b1, b0 + 1);
            if answered {
                assert!(a1 - a0 >= interval + margin, "batches {b0}, {b1} arrived {} ms apart", a1 - a0);
            }
        }
        let calm = reqs.iter().all(|r| r.answered && r.send_delay + join < 250.0);
        if calm && interval >= 250.0 {
            let mut arrivals: Vec<f64> = sent.iter().map(|s| s.1).collect();
            arrivals.sort_by(f64::total_cmp);
            let mut starts = vec![arrivals[0]];
            for w in arrivals.windows(2) {
                if w[1] - w[0] > 250.0 {
                    starts.push(w[1]);
                }
            }
            for w in starts.windows(2) {
                assert!(w[1] - w[0] > interval, "the simulator would see batches {} ms apart", w[1] - w[0]);
            }
        }
    });
}
