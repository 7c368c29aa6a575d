//! Pagination plans (pure): splitting a long call-results date range into the 30-day windows the
//! server accepts, page counts, and `PagePlan`, the state machine behind the client's iterators
//! (which pages to fetch next, in which order items come out, progress for a UI).
//!
//! The rate limits themselves live in `rate.rs`; this module only bounds how far ahead of the
//! consumer the iterator fetches, so memory stays flat however long the export is.

use std::collections::{BTreeMap, VecDeque};

use time::{Date, Duration};

/// The server's longest call-results window, in days (error `0200011` beyond it).
pub const MAX_WINDOW_DAYS: i64 = 30;

/// Default page size of the call-results iterator: the largest the docs allow
/// (100 with `showDetail: 1`, 500 otherwise).
pub fn call_results_default_page_size(show_detail: bool) -> u32 {
    if show_detail {
        100
    } else {
        500
    }
}

/// Default (and largest) OIFDE page size.
pub const TRANSFER_RECORDS_DEFAULT_PAGE_SIZE: u32 = 100;

/// Splits `[begin, end)` (RELATED.md: begin day included, end day excluded) into consecutive
/// windows `[d, d+30)`, `[d+30, d+60)`, ..., the last cut at `end`. No gap, no overlap.
/// Empty when `begin >= end`.
pub fn split_windows(begin: Date, end: Date) -> Vec<(Date, Date)> {
    let mut out = Vec::new();
    let mut start = begin;
    while start < end {
        let stop = match start.checked_add(Duration::days(MAX_WINDOW_DAYS)) {
            Some(d) if d < end => d,
            _ => end,
        };
        out.push((start, stop));
        start = stop;
    }
    out
}

/// How many pages `total` items take at `page_size` per page.
pub fn page_count(total: u64, page_size: u32) -> u64 {
    let size = u64::from(page_size.max(1));
    total.div_ceil(size)
}

/// How many pages after the first an iterator of `endpoint` starts before the window's total is
/// known (`PagePlan::with_speculation`): enough to fill the first batch of a `max_concurrency`
/// gate. Call results only: what the other endpoints answer for a page past the end is not
/// documented, and their tables are usually small.
pub fn speculation(endpoint: crate::endpoint::Endpoint, max_concurrency: u32) -> u64 {
    match endpoint {
        crate::endpoint::Endpoint::CallResults => u64::from(max_concurrency.saturating_sub(1)),
        _ => 0,
    }
}

/// One page of one window. `page` is 1-based, as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageRef {
    pub window: usize,
    pub page: u64,
}

enum Slot<T, E> {
    InFlight,
    Ready(VecDeque<T>),
    Failed(E),
}

#[derive(Debug, Clone, Copy, Default)]
struct WindowState {
    /// `totalCount` from the window's first page.
    total: Option<u64>,
    /// Pages to consume; known with `total`, shortened if a page comes back empty early.
    pages: Option<u64>,
    /// The next page number not yet started.
    next_to_start: u64,
    /// The first page fetched (1, or the page a resumed iteration starts at): it reports the total.
    first: u64,
}

/// Where an iteration stands: the cursor's page and how many of its items the consumer has
/// already taken. `window == windows` means finished. A checkpoint (`crate::checkpoint`) is this
/// plus what binds it to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub window: usize,
    pub page: u64,
    pub offset: u64,
}

/// What the consumer gets from `PagePlan::next_item`.
#[derive(Debug, PartialEq)]
pub enum NextItem<T, E> {
    Item(T),
    /// Every window is consumed.
    Done,
    /// The page under the cursor failed (after the client's retries). The page is reset, so
    /// the next call fetches it again: nothing is lost or repeated.
    Failed(PageRef, E),
    /// The page under the cursor is not here yet: start `next_starts()` and wait for a page.
    Wait,
}

/// Progress of an iterator, for a UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Items handed to the consumer so far.
    pub yielded: u64,
    /// Sum of the known window totals.
    pub total_count: u64,
    /// Whether every window's total is known (then `total_count` is the grand total).
    pub total_known: bool,
    pub windows_done: u64,
    pub windows_total: u64,
    pub pages_fetched: u64,
}

/// The iterator's plan over `windows` date windows (1 when there is no date range to split).
///
/// Order of fetching: the page under the cursor first; then the first page of every later window
/// (so the grand total is known early); then, while the cursor's window has no total yet, up to
/// `speculate` pages after its first (`with_speculation`); then the following pages in order.
/// Pages started but not yet consumed (in flight, buffered or failed) never exceed `budget`,
/// except the cursor's own page, which is always allowed so the plan cannot stall.
pub struct PagePlan<T, E> {
    page_size: u32,
    budget: usize,
    /// Pages after the first that may start before the window's total is known.
    speculate: u64,
    windows: Vec<WindowState>,
    slots: BTreeMap<PageRef, Slot<T, E>>,
    cursor: PageRef,
    stopped: bool,
    yielded: u64,
    pages_fetched: u64,
    /// Items of the cursor's page already consumed (or skipped on resume).
    offset: u64,
    /// On resume: the first page and how many of its leading items were consumed before.
    skip: Option<(PageRef, u64)>,
    /// Items yielded by earlier windows before a resume (for progress totals).
    base_total: u64,
    /// The window of the item `next_item` gave last (the cursor may already be past it).
    last_item_window: usize,
}

/// What the consumer gets from `PagePlan::next_page`.
#[derive(Debug, PartialEq)]
pub enum NextPage<T, E> {
    /// The rest of the cursor's page (never empty); the plan has moved past it.
    Page(Vec<T>),
    Done,
    Failed(PageRef, E),
    Wait,
}

impl<T, E> PagePlan<T, E> {
    pub fn new(windows: usize, page_size: u32, budget: usize) -> Self {
        PagePlan {
            page_size: page_size.max(1),
            budget: budget.max(1),
            speculate: 0,
            windows: vec![WindowState { total: None, pages: None, next_to_start: 1, first: 1 }; windows],
            slots: BTreeMap::new(),
            cursor: PageRef { window: 0, page: 1 },
            stopped: false,
            yielded: 0,
            pages_fetched: 0,
            offset: 0,
            skip: None,
            base_total: 0,
            last_item_window: 0,
        }
    }

    /// A plan that continues at `pos` (from a checkpoint taken after `yielded` items): earlier
    /// windows count as done, the cursor's page is fetched first and its first `pos.offset` items
    /// are dropped, so nothing is lost or repeated as long as the server's order is stable.
    /// The caller has checked `pos` against the windows (`crate::checkpoint`).
    pub fn resume(windows: usize, page_size: u32, budget: usize, pos: Position, yielded: u64) -> Self {
        let mut plan = Self::new(windows, page_size, budget);
        let window = pos.window.min(windows);
        for w in plan.windows.iter_mut().take(window) {
            *w = WindowState { total: Some(0), pages: Some(0), next_to_start: 1, first: 1 };
        }
        let page = pos.page.max(1);
        if let Some(w) = plan.windows.get_mut(window) {
            w.first = page;
            w.next_to_start = page;
        }
        plan.cursor = PageRef { window, page };
        plan.offset = pos.offset;
        plan.yielded = yielded;
        let before = (page - 1).saturating_mul(u64::from(plan.page_size)).saturating_add(pos.offset);
        plan.base_total = yielded.saturating_sub(before);
        if pos.offset > 0 {
            plan.skip = Some((plan.cursor, pos.offset));
        }
        plan
    }

    /// Lets up to `pages` pages after the first of the cursor's window start before that window's
    /// total is known. Without it the pages 2…N wait for page 1's answer, and when that answer is
    /// slower than the rate gate's join window they miss the first batch, which then goes out
    /// with a single request (issue 14: about 5% of an export's time). A guessed page past the
    /// window's end comes back empty (or fails) and is dropped unseen; the cost is that request.
    pub fn with_speculation(mut self, pages: u64) -> Self {
        self.speculate = pages;
        self
    }

    /// Where the consumer stands; a new plan `resume`d here continues with the next item.
    pub fn position(&self) -> Position {
        if self.done() {
            return Position { window: self.windows.len(), page: 1, offset: 0 };
        }
        Position { window: self.cursor.window, page: self.cursor.page, offset: self.offset }
    }

    pub fn yielded(&self) -> u64 {
        self.yielded
    }

    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// No page starts after this (the consumer broke out of its loop or aborted).
    pub fn stop(&mut self) {
        self.stopped = true;
        self.slots.retain(|_, s| matches!(s, Slot::InFlight));
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    fn done(&self) -> bool {
        self.cursor.window >= self.windows.len()
    }

    fn in_window(&self, p: PageRef) -> bool {
        match self.windows.get(p.window) {
            Some(w) => {
                p.page >= 1
                    && (p.page == w.first || w.pages.is_some_and(|n| p.page >= w.first && p.page <= n))
            }
            None => false,
        }
    }

    /// Pages to start now, marked in flight. The client fetches each and reports back with
    /// `page_ok` / `page_failed`.
    pub fn next_starts(&mut self) -> Vec<PageRef> {
        let mut out = Vec::new();
        if self.stopped || self.done() {
            return out;
        }
        // 1. The cursor's page, whatever the budget.
        let cursor = self.cursor;
        if !self.slots.contains_key(&cursor) && self.in_window(cursor) {
            self.start(cursor, &mut out);
        }
        // 2. First pages of later windows, for the totals.
        for w in (cursor.window + 1)..self.windows.len() {
            if self.slots.len() >= self.budget {
                return out;
            }
            if self.windows[w].next_to_start == 1 {
                self.start(PageRef { window: w, page: 1 }, &mut out);
            }
        }
        // 3. Pages after the first of the cursor's window while its total is unknown (guesses).
        if let Some(w) = self.windows.get(cursor.window).filter(|w| w.total.is_none()) {
            let last = w.first.saturating_add(self.speculate);
            let mut p = w.next_to_start.max(w.first.saturating_add(1));
            while p <= last {
                if self.slots.len() >= self.budget {
                    return out;
                }
                let r = PageRef { window: cursor.window, page: p };
                if !self.slots.contains_key(&r) {
                    self.start(r, &mut out);
                }
                p += 1;
            }
        }
        // 4. Following pages in order, up to the first window whose size is unknown.
        for w in cursor.window..self.windows.len() {
            let Some(pages) = self.windows[w].pages else { break };
            let from = if w == cursor.window {
                self.windows[w].next_to_start.max(cursor.page)
            } else {
                self.windows[w].next_to_start
            };
            let mut p = from.max(1);
            while p <= pages {
                if self.slots.len() >= self.budget {
                    return out;
                }
                let r = PageRef { window: w, page: p };
                if !self.slots.contains_key(&r) {
                    self.start(r, &mut out);
                }
                p += 1;
            }
        }
        out
    }

    fn start(&mut self, r: PageRef, out: &mut Vec<PageRef>) {
        self.slots.insert(r, Slot::InFlight);
        if let Some(w) = self.windows.get_mut(r.window) {
            w.next_to_start = w.next_to_start.max(r.page + 1);
        }
        out.push(r);
    }

    /// A page arrived: its items and the `totalCount` it reported.
    pub fn page_ok(&mut self, r: PageRef, total: Option<u64>, mut items: Vec<T>) {
        self.pages_fetched += 1;
        let page_size = self.page_size;
        if let Some(w) = self.windows.get_mut(r.window) {
            if r.page == w.first && w.total.is_none() {
                let t = total.unwrap_or(items.len() as u64);
                w.total = Some(t);
                let n = page_count(t, page_size).max(1);
                // A guessed later page may have come back empty first: the window ends there.
                w.pages = Some(w.pages.map_or(n, |p| p.min(n)));
                if r.page > 1 && items.is_empty() {
                    // A resumed page past the (shrunk) end: the window ends before it.
                    w.pages = Some(w.pages.map_or(r.page, |n| n.min(r.page)));
                }
            }
            // A page that comes back empty ends the window there (the data shrank meanwhile).
            if items.is_empty() && r.page > 1 {
                w.pages = Some(w.pages.map_or(r.page, |n| n.min(r.page)));
            }
        }
        // Pages past the window's end (guesses that missed) are dropped, not buffered. Not the
        // cursor's: the consumer moves past it (a resumed page past a shrunk end).
        let end = self.windows.get(r.window).and_then(|w| w.pages);
        let cursor = self.cursor;
        if let Some(n) = end {
            self.slots.retain(|p, s| {
                p.window != r.window || p.page <= n || *p == cursor || matches!(s, Slot::InFlight)
            });
        }
        if self.stopped || r < cursor || (end.is_some_and(|n| r.page > n) && r != cursor) {
            self.slots.remove(&r);
            return;
        }
        if let Some((page, n)) = self.skip {
            if page == r {
                let n = usize::try_from(n).unwrap_or(usize::MAX).min(items.len());
                items.drain(..n);
                self.skip = None;
            }
        }
        if let Some(slot) = self.slots.get_mut(&r) {
            *slot = Slot::Ready(items.into());
        }
    }

    /// A page failed after the client's retries.
    pub fn page_failed(&mut self, r: PageRef, error: E) {
        let past_end = self.windows.get(r.window).and_then(|w| w.pages).is_some_and(|n| r.page > n);
        if self.stopped || r < self.cursor || (past_end && r != self.cursor) {
            self.slots.remove(&r);
            return;
        }
        if let Some(slot) = self.slots.get_mut(&r) {
            *slot = Slot::Failed(error);
        }
    }

    /// The next item in order, or what the consumer must do to get it.
    pub fn next_item(&mut self) -> NextItem<T, E> {
        loop {
            if self.done() {
                return NextItem::Done;
            }
            let cursor = self.cursor;
            if !self.in_window(cursor) {
                self.advance();
                continue;
            }
            match self.slots.get_mut(&cursor) {
                None | Some(Slot::InFlight) => return NextItem::Wait,
                Some(Slot::Ready(items)) => {
                    if let Some(item) = items.pop_front() {
                        self.yielded += 1;
                        self.offset += 1;
                        self.last_item_window = cursor.window;
                        // Past the page's last item at once, so `position()` names the next page.
                        if items.is_empty() {
                            self.slots.remove(&cursor);
                            self.advance();
                        }
                        return NextItem::Item(item);
                    }
                    self.slots.remove(&cursor);
                    self.advance();
                }
                Some(Slot::Failed(_)) => {
                    if let Some(Slot::Failed(e)) = self.slots.remove(&cursor) {
                        return NextItem::Failed(cursor, e);
                    }
                }
            }
        }
    }

    /// The window of the item `next_item` gave last. Not the cursor's: the cursor moves past a
    /// page as soon as its last item is taken.
    pub fn last_item_window(&self) -> usize {
        self.last_item_window
    }

    /// The window of the page under the cursor (what `next_page` would give next).
    pub fn cursor_window(&self) -> usize {
        self.cursor.window
    }

    /// The rest of the cursor's page at once (for batched writes), or what to do to get it.
    pub fn next_page(&mut self) -> NextPage<T, E> {
        loop {
            if self.done() {
                return NextPage::Done;
            }
            let cursor = self.cursor;
            if !self.in_window(cursor) {
                self.advance();
                continue;
            }
            match self.slots.remove(&cursor) {
                None => return NextPage::Wait,
                Some(Slot::InFlight) => {
                    self.slots.insert(cursor, Slot::InFlight);
                    return NextPage::Wait;
                }
                Some(Slot::Ready(items)) => {
                    self.advance();
                    if !items.is_empty() {
                        self.yielded += items.len() as u64;
                        return NextPage::Page(items.into());
                    }
                }
                Some(Slot::Failed(e)) => return NextPage::Failed(cursor, e),
            }
        }
    }

    /// Moves the cursor past the current page (and past a finished window).
    fn advance(&mut self) {
        self.offset = 0;
        let Some(w) = self.windows.get(self.cursor.window) else { return };
        let last = w.pages.unwrap_or(1).max(1);
        if self.cursor.page < last {
            self.cursor.page += 1;
        } else {
            self.cursor = PageRef { window: self.cursor.window + 1, page: 1 };
        }
        // Drop pages the cursor has passed (a window that ended early).
        let cursor = self.cursor;
        self.slots.retain(|r, s| *r >= cursor || matches!(s, Slot::InFlight));
    }

    /// Pages started and not consumed (in flight, buffered, failed).
    pub fn outstanding(&self) -> usize {
        self.slots.len()
    }

    pub fn progress(&self) -> Progress {
        let total_known = self.windows.iter().all(|w| w.total.is_some());
        Progress {
            yielded: self.yielded,
            total_count: self.base_total + self.windows.iter().filter_map(|w| w.total).sum::<u64>(),
            total_known,
            windows_done: self.cursor.window.min(self.windows.len()) as u64,
            windows_total: self.windows.len() as u64,
            pages_fetched: self.pages_fetched,
        }
    }
}

// The unit tests live next door to keep this file short; they use the private plan state.
#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
