//! Exactly-once across call-results windows whichever way the server reads `endTime`.
//!
//! The docs do not say whether the end day of `[beginTime, endTime]` is included. The iterator
//! splits a range into windows that share their boundary days (`[d, d+30)`, `[d+30, d+60)`):
//! under the exclusive reading each boundary day comes once, under the inclusive one the records
//! of a boundary day come at the end of one window and again at the start of the next. This
//! drops the second copies, by `callId`, and only on boundary days, so memory holds at most
//! one day's ids.

use std::collections::HashSet;

use time::Date;

/// Filters the items of consecutive windows `(begin, end)` as they come out, in order.
#[derive(Debug, Default)]
pub struct BoundaryDedupe {
    windows: Vec<(Date, Date)>,
    /// The window whose boundary ids are being collected (and the one after it filtered).
    window: usize,
    /// callIds yielded from the end day of `window`.
    end_day_ids: HashSet<String>,
    /// callIds yielded from the end day of the window before `window` (filtered now).
    previous_end_day_ids: HashSet<String>,
}

impl BoundaryDedupe {
    pub fn new(windows: Vec<(Date, Date)>) -> Self {
        BoundaryDedupe { windows, ..Default::default() }
    }

    /// Whether to yield an item of `window` with this `callId` and `callTimeStr`
    /// (`yyyy-mm-dd hh:mm:ss`). Items without either are always yielded.
    pub fn keep(&mut self, window: usize, call_id: Option<&str>, call_time: Option<&str>) -> bool {
        if window != self.window {
            // Windows come out in order: the previous window's end-day ids filter this one.
            self.previous_end_day_ids = if window == self.window + 1 {
                std::mem::take(&mut self.end_day_ids)
            } else {
                HashSet::new()
            };
            self.end_day_ids.clear();
            self.window = window;
        }
        let (Some(id), Some(day)) =
            (call_id, call_time.and_then(|t| t.get(0..10)).and_then(crate::dates::parse_ymd))
        else {
            return true;
        };
        let Some(&(begin, end)) = self.windows.get(window) else { return true };
        if window > 0 && day == begin && self.previous_end_day_ids.contains(id) {
            return false;
        }
        if day == end && window + 1 < self.windows.len() {
            self.end_day_ids.insert(id.to_owned());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_ymd;
    use crate::paging::split_windows;

    fn windows() -> Vec<(Date, Date)> {
        split_windows(parse_ymd("2026-06-01").unwrap(), parse_ymd("2026-08-15").unwrap())
    }

    #[test]
    fn inclusive_server_repeats_are_dropped_once() {
        let mut d = BoundaryDedupe::new(windows());
        // Window 0 ends 2026-07-01; an inclusive server returns that day in windows 0 and 1.
        assert!(d.keep(0, Some("a"), Some("2026-06-30 10:00:00")));
        assert!(d.keep(0, Some("b"), Some("2026-07-01 09:00:00")));
        assert!(!d.keep(1, Some("b"), Some("2026-07-01 09:00:00")));
        assert!(d.keep(1, Some("c"), Some("2026-07-01 10:00:00")));
        assert!(d.keep(1, Some("d"), Some("2026-07-02 10:00:00")));
        // Same id on a non-boundary day is data, not a repeat.
        assert!(d.keep(1, Some("b"), Some("2026-07-05 09:00:00")));
    }

    #[test]
    fn exclusive_server_loses_nothing() {
        let mut d = BoundaryDedupe::new(windows());
        assert!(d.keep(0, Some("a"), Some("2026-06-30 10:00:00")));
        assert!(d.keep(1, Some("b"), Some("2026-07-01 09:00:00")));
        assert!(d.keep(2, Some("c"), Some("2026-07-31 00:00:00")));
        assert!(d.keep(2, None, None));
    }
}
