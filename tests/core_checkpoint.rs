//! Checkpoint/resume of the page plans: stopping after any item (or page) and resuming in a fresh
//! plan yields every item exactly once, and bad checkpoints are typed issues.

use cec_calldata::checkpoint::{self, Checkpoint};
use cec_calldata::paging::{NextItem, NextPage, PagePlan, PageRef, Position};
use cec_calldata::{Endpoint, Locale, Rule};
use serde_json::json;

const PS: u32 = 10;

/// Serves a page of the fake windows (`totals[w]` items each): items are (window, index).
fn serve(totals: &[u64], r: PageRef) -> (Option<u64>, Vec<(usize, u64)>) {
    let total = totals[r.window];
    let first = (r.page - 1) * u64::from(PS);
    (Some(total), (first..total.min(first + u64::from(PS))).map(|i| (r.window, i)).collect())
}

fn expected(totals: &[u64]) -> Vec<(usize, u64)> {
    totals.iter().enumerate().flat_map(|(w, &t)| (0..t).map(move |i| (w, i))).collect()
}

/// Takes up to `limit` items (all when None) and returns them with the plan's position.
fn take(plan: &mut PagePlan<(usize, u64), ()>, totals: &[u64], limit: Option<usize>) -> Vec<(usize, u64)> {
    let mut out = Vec::new();
    let mut pending: Vec<PageRef> = Vec::new();
    let mut steps = 0;
    while limit.is_none_or(|l| out.len() < l) {
        // A plan that fetches the same page again and again fails here instead of hanging.
        steps += 1;
        assert!(steps < 100_000, "the plan does not progress");
        match plan.next_item() {
            NextItem::Item(x) => out.push(x),
            NextItem::Done => break,
            NextItem::Failed(..) => unreachable!(),
            NextItem::Wait => {
                pending.extend(plan.next_starts());
                // Complete in reverse order: the hardest for ordering.
                let r = pending.pop().expect("stalled");
                let (t, items) = serve(totals, r);
                plan.page_ok(r, t, items);
            }
        }
    }
    out
}

#[test]
fn resume_after_every_item_loses_and_repeats_nothing() {
    // With and without guessed pages (the call-results iterator's first-batch speculation).
    for (totals, speculate) in [
        (vec![35u64], 0),
        (vec![25, 0, 31, 10], 0),
        (vec![0, 0], 0),
        (vec![20, 20], 0),
        (vec![35], 3),
        (vec![25, 0, 31, 10], 3),
    ] {
        let all: u64 = totals.iter().sum();
        for stop_after in 0..=all as usize {
            let mut plan: PagePlan<(usize, u64), ()> =
                PagePlan::new(totals.len(), PS, 4).with_speculation(speculate);
            let mut got = take(&mut plan, &totals, Some(stop_after));
            let pos = plan.position();
            let yielded = plan.yielded();
            // Through JSON and the checks, as a new process would.
            let fp = "f";
            let cp =
                serde_json::to_value(checkpoint::make(Endpoint::CallResults, fp, pos, yielded, totals.len()))
                    .unwrap();
            let (pos2, y2) =
                checkpoint::parse(&cp, Endpoint::CallResults, fp, totals.len(), PS, Locale::EnUs).unwrap();
            assert_eq!((pos2, y2), (pos, yielded));
            let mut resumed: PagePlan<(usize, u64), ()> =
                PagePlan::resume(totals.len(), PS, 4, pos2, y2).with_speculation(speculate);
            got.extend(take(&mut resumed, &totals, None));
            assert_eq!(got, expected(&totals), "{totals:?} stop after {stop_after}");
            let p = resumed.progress();
            assert_eq!(p.yielded, all);
            assert_eq!(p.total_count, all, "{totals:?} stop after {stop_after}");
            assert!(p.total_known);
            assert_eq!(resumed.position().window, totals.len());
        }
    }
}

#[test]
fn resume_twice_and_by_pages() {
    let totals = [43u64, 7, 0, 22];
    let mut got = Vec::new();
    let mut pos = Position::default();
    let mut yielded = 0;
    // Page by page, a fresh plan after every page (a crash after each committed batch).
    for _ in 0..100 {
        let mut plan: PagePlan<(usize, u64), ()> = PagePlan::resume(totals.len(), PS, 3, pos, yielded);
        let page = loop {
            match plan.next_page() {
                NextPage::Page(items) => break Some(items),
                NextPage::Done => break None,
                NextPage::Failed(..) => unreachable!(),
                NextPage::Wait => {
                    for r in plan.next_starts() {
                        let (t, items) = serve(&totals, r);
                        plan.page_ok(r, t, items);
                    }
                }
            }
        };
        pos = plan.position();
        yielded = plan.yielded();
        match page {
            Some(items) => {
                assert!(!items.is_empty() && items.len() <= PS as usize);
                got.extend(items);
            }
            None => break,
        }
    }
    assert_eq!(got, expected(&totals));
    assert_eq!(pos.window, totals.len());
}

#[test]
fn resume_past_a_shrunk_window_moves_on() {
    // Checkpoint at page 4 of window 0, but the window now has only 15 items (2 pages).
    let totals = [15u64, 5];
    for speculate in [0, 2] {
        let mut plan: PagePlan<(usize, u64), ()> =
            PagePlan::resume(2, PS, 4, Position { window: 0, page: 4, offset: 3 }, 33)
                .with_speculation(speculate);
        let got = take(&mut plan, &totals, None);
        assert_eq!(got, (0..5).map(|i| (1, i)).collect::<Vec<_>>());
    }
}

#[test]
fn bad_checkpoints_are_typed_issues() {
    let good = serde_json::to_value(Checkpoint {
        v: 1,
        endpoint: "callResults".into(),
        request: "abc".into(),
        window: 1,
        page: 2,
        offset: 3,
        yielded: 40,
        done: false,
    })
    .unwrap();
    assert!(checkpoint::parse(&good, Endpoint::CallResults, "abc", 2, PS, Locale::EnUs).is_ok());
    let fields = |v: serde_json::Value, ep: Endpoint, fp: &str| -> Vec<(String, Rule)> {
        checkpoint::parse(&v, ep, fp, 2, PS, Locale::EnUs)
            .unwrap_err()
            .into_iter()
            .map(|i| (i.field, i.rule))
            .collect()
    };
    assert_eq!(
        fields(json!(null), Endpoint::CallResults, "abc"),
        vec![("options.resume".into(), Rule::Type)]
    );
    assert_eq!(fields(json!("x"), Endpoint::CallResults, "abc"), vec![("options.resume".into(), Rule::Type)]);
    assert_eq!(
        fields(good.clone(), Endpoint::CallResults, "other"),
        vec![("options.resume.request".into(), Rule::AllowedValues)]
    );
    assert_eq!(
        fields(good.clone(), Endpoint::TransferRecords, "abc"),
        vec![("options.resume.endpoint".into(), Rule::AllowedValues)]
    );
    let mut v = good.clone();
    v["window"] = json!(3);
    v["page"] = json!(0);
    v["offset"] = json!(10);
    v["yielded"] = json!(-1);
    v["v"] = json!(2);
    let f = fields(v, Endpoint::CallResults, "abc");
    for want in [
        "options.resume.v",
        "options.resume.window",
        "options.resume.page",
        "options.resume.offset",
        "options.resume.yielded",
    ] {
        assert!(f.iter().any(|(x, _)| x == want), "{want} missing in {f:?}");
    }
    let mut v = good;
    v.as_object_mut().unwrap().remove("page");
    v["offset"] = json!(1.5);
    assert_eq!(
        fields(v, Endpoint::CallResults, "abc"),
        vec![("options.resume.page".into(), Rule::Required), ("options.resume.offset".into(), Rule::Type)]
    );
}

#[test]
fn fingerprint_depends_on_request_and_endpoint() {
    let a = checkpoint::fingerprint(Endpoint::CallResults, &json!({"a": 1}));
    assert_eq!(a, checkpoint::fingerprint(Endpoint::CallResults, &json!({"a": 1})));
    assert_ne!(a, checkpoint::fingerprint(Endpoint::CallResults, &json!({"a": 2})));
    assert_ne!(a, checkpoint::fingerprint(Endpoint::TransferRecords, &json!({"a": 1})));
    assert_eq!(a.len(), 16);
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// JSON values shaped like checkpoints, with every field possibly wrong.
    fn arb_field() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            ".{0,20}".prop_map(Value::from),
            Just(json!([])),
            Just(json!({})),
        ]
    }

    fn arb_checkpoint() -> impl Strategy<Value = Value> {
        const KEYS: [&str; 9] =
            ["v", "endpoint", "request", "window", "page", "offset", "yielded", "done", "extra"];
        proptest::collection::vec((proptest::sample::select(&KEYS[..]), arb_field()), 0..10)
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_accepts_only_consistent_values(v in prop_oneof![arb_checkpoint(), arb_field()], windows in 0usize..5, ps in 0u32..600) {
            if let Ok((pos, _)) = checkpoint::parse(&v, Endpoint::CallResults, "fp", windows, ps, Locale::ZhCn) {
                prop_assert!(pos.window <= windows && pos.page >= 1 && pos.offset < u64::from(ps.max(1)));
                // And a plan resumed there never panics or stalls.
                let totals: Vec<u64> = (0..windows).map(|w| (w as u64 * 17) % 45).collect();
                let mut plan: PagePlan<(usize, u64), ()> = PagePlan::resume(windows, PS, 3, pos, 0).with_speculation(ps as u64 % 4);
                let _ = take(&mut plan, &totals, None);
            }
        }

        #[test]
        fn resume_from_any_stop_point(totals in proptest::collection::vec(0u64..60, 1..5), frac in 0.0f64..=1.0, budget in 1usize..6, speculate in 0u64..5) {
            let all: u64 = totals.iter().sum();
            let stop = ((all as f64) * frac) as usize;
            let mut plan: PagePlan<(usize, u64), ()> = PagePlan::new(totals.len(), PS, budget).with_speculation(speculate);
            let mut got = take(&mut plan, &totals, Some(stop));
            let mut resumed: PagePlan<(usize, u64), ()> = PagePlan::resume(totals.len(), PS, budget, plan.position(), plan.yielded()).with_speculation(speculate);
            got.extend(take(&mut resumed, &totals, None));
            prop_assert_eq!(got, expected(&totals));
        }
    }
}
