//! Unit tests of `paging` (a separate file to keep paging.rs under the size limit).

use super::*;
use crate::dates::{format_ymd, parse_ymd};

fn d(s: &str) -> Date {
    parse_ymd(s).unwrap()
}

fn fmt(ws: &[(Date, Date)]) -> Vec<(String, String)> {
    ws.iter().map(|(a, b)| (format_ymd(*a), format_ymd(*b))).collect()
}

#[test]
fn windows_cover_the_range_exactly() {
    let ws = split_windows(d("2024-01-01"), d("2024-04-05"));
    assert_eq!(
        fmt(&ws),
        vec![
            ("2024-01-01".into(), "2024-01-31".into()),
            ("2024-01-31".into(), "2024-03-01".into()),
            ("2024-03-01".into(), "2024-03-31".into()),
            ("2024-03-31".into(), "2024-04-05".into()),
        ]
    );
    // 95 days → 4 windows, contiguous, each ≤ 30 days.
    for (a, b) in &ws {
        assert!((*b - *a).whole_days() <= 30 && *a < *b);
    }
    for w in ws.windows(2) {
        assert_eq!(w[0].1, w[1].0);
    }
}

#[test]
fn window_edge_cases() {
    assert!(split_windows(d("2024-01-02"), d("2024-01-02")).is_empty());
    assert!(split_windows(d("2024-01-03"), d("2024-01-02")).is_empty());
    assert_eq!(split_windows(d("2024-01-01"), d("2024-01-02")).len(), 1);
    assert_eq!(split_windows(d("2024-01-01"), d("2024-01-31")).len(), 1);
    assert_eq!(split_windows(d("2024-01-01"), d("2024-02-01")).len(), 2);
    assert_eq!(
        fmt(&split_windows(d("2023-02-01"), d("2023-03-05")))[1],
        ("2023-03-03".into(), "2023-03-05".into())
    );
    // Across a leap day and a year end, every day covered once.
    let ws = split_windows(d("2023-12-15"), d("2024-12-15"));
    let days: i64 = ws.iter().map(|(a, b)| (*b - *a).whole_days()).sum();
    assert_eq!(days, 366);
    assert_eq!(ws.len(), 13);
    // Near the end of the calendar: no overflow.
    let end = Date::MAX;
    let ws = split_windows(end.checked_sub(Duration::days(45)).unwrap(), end);
    assert_eq!(ws.len(), 2);
}

#[test]
fn page_counts() {
    assert_eq!(page_count(0, 100), 0);
    assert_eq!(page_count(1, 100), 1);
    assert_eq!(page_count(100, 100), 1);
    assert_eq!(page_count(101, 100), 2);
    assert_eq!(page_count(5, 0), 5);
    assert_eq!(call_results_default_page_size(true), 100);
    assert_eq!(call_results_default_page_size(false), 500);
}

/// Drives a plan against fake windows (`totals[w]` items each) completing pages in the
/// given order policy; returns the yielded items and the max outstanding pages seen.
fn run(
    totals: &[u64],
    page_size: u32,
    (budget, speculate): (usize, u64),
    reverse_completion: bool,
    fail_once: Option<PageRef>,
) -> (Vec<(usize, u64)>, usize, Progress) {
    let mut plan: PagePlan<(usize, u64), &'static str> =
        PagePlan::new(totals.len(), page_size, budget).with_speculation(speculate);
    let mut out = Vec::new();
    let mut in_flight: Vec<PageRef> = Vec::new();
    let mut failed_once = false;
    let mut max_outstanding = 0;
    let mut guard = 0;
    loop {
        guard += 1;
        assert!(guard < 100_000);
        match plan.next_item() {
            NextItem::Item(x) => out.push(x),
            NextItem::Done => break,
            NextItem::Failed(r, _) => assert_eq!(Some(r), fail_once),
            NextItem::Wait => {
                in_flight.extend(plan.next_starts());
                max_outstanding = max_outstanding.max(plan.outstanding());
                assert!(!in_flight.is_empty(), "stalled");
                let r = if reverse_completion { in_flight.pop().unwrap() } else { in_flight.remove(0) };
                if fail_once == Some(r) && !failed_once {
                    failed_once = true;
                    plan.page_failed(r, "boom");
                    continue;
                }
                let total = totals[r.window];
                let first = (r.page - 1) * u64::from(page_size);
                let items: Vec<(usize, u64)> =
                    (first..total.min(first + u64::from(page_size))).map(|i| (r.window, i)).collect();
                plan.page_ok(r, Some(total), items);
            }
        }
    }
    (out, max_outstanding, plan.progress())
}

fn expected(totals: &[u64]) -> Vec<(usize, u64)> {
    totals.iter().enumerate().flat_map(|(w, &t)| (0..t).map(move |i| (w, i))).collect()
}

#[test]
fn plan_yields_every_item_once_in_order() {
    for totals in [vec![0u64], vec![5], vec![250, 0, 101, 7], vec![0, 0, 0], vec![1000, 1000, 1000, 1000]] {
        for (budget, speculate) in [(1usize, 0u64), (3, 0), (20, 0), (3, 2), (20, 9)] {
            for reverse in [false, true] {
                let (items, max_out, progress) = run(&totals, 100, (budget, speculate), reverse, None);
                let case = format!("{totals:?} budget {budget} speculate {speculate} reverse {reverse}");
                assert_eq!(items, expected(&totals), "{case}");
                assert!(max_out <= budget.max(1), "outstanding {max_out} > budget {budget}");
                assert!(progress.total_known);
                assert_eq!(progress.total_count, totals.iter().sum::<u64>());
                assert_eq!(progress.yielded, progress.total_count);
                assert_eq!(progress.windows_done, totals.len() as u64);
                let pages: u64 = totals.iter().map(|&t| page_count(t, 100).max(1)).sum();
                // Guesses past a window's end are fetched too, at most `speculate` per window.
                let guesses = progress.pages_fetched - pages;
                assert!(guesses <= speculate * totals.len() as u64, "{case}: {guesses} guesses");
            }
        }
    }
}

#[test]
fn failed_page_is_reported_then_refetched_without_loss_or_repeat() {
    let totals = [250u64, 30];
    let bad = PageRef { window: 0, page: 2 };
    for speculate in [0, 3] {
        let (items, _, _) = run(&totals, 100, (4, speculate), false, Some(bad));
        assert_eq!(items, expected(&totals));
    }
}

#[test]
fn first_pages_of_all_windows_are_fetched_early() {
    let mut plan: PagePlan<u8, ()> = PagePlan::new(4, 100, 20);
    assert_eq!(plan.next_item(), NextItem::Wait);
    let starts = plan.next_starts();
    assert_eq!(starts, (0..4).map(|w| PageRef { window: w, page: 1 }).collect::<Vec<_>>());
    assert!(!plan.progress().total_known);
    for w in 0..4 {
        plan.page_ok(PageRef { window: w, page: 1 }, Some(300), vec![1; 100]);
    }
    let p = plan.progress();
    assert!(p.total_known);
    assert_eq!(p.total_count, 1200);
    // Then the remaining pages, window by window.
    let more = plan.next_starts();
    assert_eq!(more[0], PageRef { window: 0, page: 2 });
    assert_eq!(more[1], PageRef { window: 0, page: 3 });
    assert_eq!(more[2], PageRef { window: 1, page: 2 });
    assert_eq!(more.len(), 8);
    assert!(plan.next_starts().is_empty());
}

#[test]
fn budget_bounds_prefetch_and_cursor_page_is_always_allowed() {
    let mut plan: PagePlan<u8, ()> = PagePlan::new(1, 10, 2);
    let s = plan.next_starts();
    assert_eq!(s, vec![PageRef { window: 0, page: 1 }]);
    plan.page_ok(s[0], Some(100), vec![0; 10]);
    let s = plan.next_starts();
    assert_eq!(s, vec![PageRef { window: 0, page: 2 }]);
    assert!(plan.next_starts().is_empty());
    // Consume page 1 entirely: budget frees one slot.
    for _ in 0..10 {
        assert!(matches!(plan.next_item(), NextItem::Item(_)));
    }
    assert_eq!(plan.next_item(), NextItem::Wait);
    assert_eq!(plan.next_starts(), vec![PageRef { window: 0, page: 3 }]);
}

#[test]
fn stop_prevents_new_starts_and_drops_late_pages() {
    let mut plan: PagePlan<u8, ()> = PagePlan::new(2, 10, 10);
    let s = plan.next_starts();
    assert_eq!(s.len(), 2);
    plan.stop();
    assert!(plan.next_starts().is_empty());
    plan.page_ok(s[0], Some(50), vec![1; 10]);
    plan.page_failed(s[1], ());
    assert_eq!(plan.outstanding(), 0);
    assert!(plan.is_stopped());
}

#[test]
fn an_empty_page_ends_its_window_early() {
    let mut plan: PagePlan<u8, ()> = PagePlan::new(2, 10, 10);
    let s = plan.next_starts();
    plan.page_ok(s[0], Some(30), vec![1; 10]);
    plan.page_ok(s[1], Some(5), vec![2; 5]);
    let s = plan.next_starts();
    assert_eq!(s, vec![PageRef { window: 0, page: 2 }, PageRef { window: 0, page: 3 }]);
    plan.page_ok(s[0], Some(10), vec![]);
    plan.page_ok(s[1], Some(10), vec![]);
    let mut got = Vec::new();
    loop {
        match plan.next_item() {
            NextItem::Item(x) => got.push(x),
            NextItem::Done => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(got, [vec![1u8; 10], vec![2u8; 5]].concat());
}

#[test]
fn missing_total_counts_the_first_page() {
    let mut plan: PagePlan<u8, ()> = PagePlan::new(1, 10, 10);
    let s = plan.next_starts();
    plan.page_ok(s[0], None, vec![1; 3]);
    assert_eq!(plan.progress().total_count, 3);
    assert!(plan.next_starts().is_empty());
}

#[test]
fn the_last_item_of_a_window_is_reported_in_its_window() {
    // The cursor moves on as soon as a page's last item is taken; the item's own window is what
    // the boundary-day filter needs (issue 10's inclusive reading).
    let mut p: PagePlan<u32, ()> = PagePlan::new(2, 2, 4);
    for r in p.next_starts() {
        let items = if r.window == 0 { vec![1, 2] } else { vec![3] };
        p.page_ok(r, Some(items.len() as u64), items);
    }
    let mut seen = Vec::new();
    loop {
        match p.next_item() {
            NextItem::Item(x) => seen.push((x, p.last_item_window())),
            NextItem::Done => break,
            NextItem::Wait => {
                for r in p.next_starts() {
                    p.page_ok(r, Some(1), vec![3]);
                }
            }
            NextItem::Failed(..) => unreachable!(),
        }
    }
    assert_eq!(seen, vec![(1, 0), (2, 0), (3, 1)]);
}

#[test]
fn speculation_fills_the_first_batch() {
    // Two windows, a gate of 10: the cursor's page, the other window's first page, then the
    // guesses 2..=10 of the first window (the gate sends the first 10 together).
    let mut plan: PagePlan<u8, ()> = PagePlan::new(2, 500, 20).with_speculation(9);
    let starts = plan.next_starts();
    let want: Vec<PageRef> = [(0, 1), (1, 1)]
        .into_iter()
        .chain((2..=10).map(|p| (0, p)))
        .map(|(window, page)| PageRef { window, page })
        .collect();
    assert_eq!(starts, want);
    assert!(plan.next_starts().is_empty(), "no more guesses until the total is known");
    // The total arrives: the rest of the window follows in order, within the budget.
    plan.page_ok(PageRef { window: 0, page: 1 }, Some(20_000), vec![0; 500]);
    let more = plan.next_starts();
    assert_eq!(more.first(), Some(&PageRef { window: 0, page: 11 }));
    assert_eq!(plan.outstanding(), 20);
    // Not for the call-results iterator only by accident: the policy is per endpoint.
    assert_eq!(speculation(crate::endpoint::Endpoint::CallResults, 10), 9);
    assert_eq!(speculation(crate::endpoint::Endpoint::CallResults, 0), 0);
    assert_eq!(speculation(crate::endpoint::Endpoint::TransferRecords, 10), 0);
}

/// How the guessed pages of a 25-item window (page size 10: pages 1..=3) come back, in order.
#[derive(Debug, Clone, Copy)]
enum Back {
    Ok(u64),
    Fail(u64),
}

#[test]
fn guessed_pages_past_the_end_are_dropped_unseen() {
    use Back::{Fail, Ok};
    let cases: Vec<(&str, Vec<Back>)> = vec![
        ("the first page first", vec![Ok(1), Ok(2), Ok(3), Ok(4), Ok(5), Ok(6)]),
        ("every guess before the first page", vec![Ok(6), Ok(5), Ok(4), Ok(3), Ok(2), Ok(1)]),
        ("an empty guess, then the rest", vec![Ok(4), Ok(2), Ok(1), Ok(6), Ok(3), Ok(5)]),
        ("guesses past the end fail", vec![Fail(5), Ok(1), Fail(4), Fail(6), Ok(3), Ok(2)]),
    ];
    for (name, order) in cases {
        let mut plan: PagePlan<u64, &str> = PagePlan::new(1, 10, 20).with_speculation(5);
        let starts = plan.next_starts();
        assert_eq!(starts.len(), 6, "{name}");
        for b in order {
            let (page, ok) = match b {
                Ok(p) => (p, true),
                Fail(p) => (p, false),
            };
            let r = PageRef { window: 0, page };
            if ok {
                let items: Vec<u64> = ((page - 1) * 10..25.min(page * 10)).collect();
                plan.page_ok(r, Some(25), items);
            } else {
                plan.page_failed(r, "past the end");
            }
        }
        // Only the window's three pages stay buffered.
        assert_eq!(plan.outstanding(), 3, "{name}");
        let mut got = Vec::new();
        loop {
            match plan.next_item() {
                NextItem::Item(x) => got.push(x),
                NextItem::Done => break,
                other => panic!("{name}: unexpected {other:?}"),
            }
        }
        assert_eq!(got, (0..25).collect::<Vec<u64>>(), "{name}");
        assert!(plan.next_starts().is_empty());
    }
}

#[test]
fn a_failed_guess_inside_the_window_is_reported_in_order() {
    let mut plan: PagePlan<u64, &str> = PagePlan::new(1, 10, 20).with_speculation(3);
    assert_eq!(plan.next_starts().len(), 4);
    plan.page_failed(PageRef { window: 0, page: 2 }, "boom");
    plan.page_ok(PageRef { window: 0, page: 1 }, Some(40), (0..10).collect());
    for x in 0..10 {
        assert_eq!(plan.next_item(), NextItem::Item(x));
    }
    assert_eq!(plan.next_item(), NextItem::Failed(PageRef { window: 0, page: 2 }, "boom"));
    // Asked again: that page is fetched again, nothing lost.
    assert_eq!(plan.next_item(), NextItem::Wait);
    assert_eq!(plan.next_starts(), vec![PageRef { window: 0, page: 2 }]);
}

#[test]
fn a_resumed_plan_guesses_after_its_first_page() {
    let pos = Position { window: 1, page: 3, offset: 4 };
    let mut plan: PagePlan<u64, ()> = PagePlan::resume(3, 10, 20, pos, 100).with_speculation(2);
    let starts: Vec<(usize, u64)> = plan.next_starts().iter().map(|r| (r.window, r.page)).collect();
    assert_eq!(starts, vec![(1, 3), (2, 1), (1, 4), (1, 5)]);
    plan.page_ok(PageRef { window: 1, page: 4 }, Some(33), (30..33).collect());
    plan.page_ok(PageRef { window: 1, page: 5 }, Some(33), vec![]);
    plan.page_ok(PageRef { window: 1, page: 3 }, Some(33), (20..30).collect());
    plan.page_ok(PageRef { window: 2, page: 1 }, Some(0), vec![]);
    let mut got = Vec::new();
    while let NextItem::Item(x) = plan.next_item() {
        got.push(x);
    }
    assert_eq!(got, (24..33).collect::<Vec<u64>>());
    assert_eq!(plan.next_item(), NextItem::Done);
}
