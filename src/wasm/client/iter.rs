//! The paging iterators. `crate::paging::PagePlan` decides which pages to fetch and in which
//! order items come out; this runs the fetches (as tasks on the event loop, through the client's
//! shared rate gate) and hands items to `next()`.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, spawn_local};

use super::errors;
use super::exec::{execute, CallError, Prepared, Shared};
use super::options::CallOpts;
use super::rt::{self, Notify, Stop, StopSignal};
use crate::checkpoint;
use crate::endpoints::Endpoint;
use crate::paging::{NextItem, NextPage, PagePlan, PageRef, Position};
use crate::wasm::client::types::IteratorProgress;
use crate::wasm::convert::{to_js, to_js_via_json};
use crate::{CecError, Locale};

/// Decodes one page into (the `totalCount` it reports, its items).
pub type PageDecoder<T> = fn(&str, Locale) -> Result<(Option<u64>, Vec<T>), CecError>;

/// Whether to yield an item of a window (call results: drop boundary-day repeats).
pub type ItemFilter<T> = Box<dyn FnMut(&T, usize) -> bool>;

struct IterState<T> {
    plan: PagePlan<T, CallError>,
    finished: bool,
}

pub struct IterCore<T> {
    shared: Rc<Shared>,
    endpoint: Endpoint,
    state: RefCell<IterState<T>>,
    changed: Notify,
    stop: StopSignal,
    opts: CallOpts,
    build: Box<dyn Fn(PageRef) -> Prepared>,
    decode: PageDecoder<T>,
    filter: RefCell<Option<ItemFilter<T>>>,
    /// The request's fingerprint and window count, for `checkpoint()`.
    fingerprint: String,
    windows: usize,
}

/// Where an iterator starts: its request's fingerprint, windows and page size, and the checkpoint
/// to resume from (already checked).
pub struct Start {
    pub fingerprint: String,
    pub windows: usize,
    pub page_size: u32,
    pub resume: Option<(Position, u64)>,
}

impl Start {
    /// Reads `options.resume` (absent, `null` or `undefined`: from the start) and checks it against
    /// this request. A bad checkpoint is a validation `CecError` naming `options.resume.<field>`.
    pub fn new(
        endpoint: Endpoint,
        fingerprint: String,
        windows: usize,
        page_size: u32,
        options: &Option<js_sys::Object>,
        locale: Locale,
    ) -> Result<Start, CecError> {
        let mut start = Start { fingerprint, windows, page_size, resume: None };
        let Some(o) = options else { return Ok(start) };
        let raw = crate::wasm::js_input::get_prop(o, "resume").map_err(|p| {
            CecError::validation(Some(endpoint), vec![p.issue("options.resume", locale)], locale)
        })?;
        if raw.is_undefined() || raw.is_null() {
            return Ok(start);
        }
        let value = crate::wasm::convert::js_to_json(&raw, locale)
            .map_err(|i| CecError::validation(Some(endpoint), i, locale))?;
        let parsed = checkpoint::parse(&value, endpoint, &start.fingerprint, windows, page_size, locale)
            .map_err(|i| CecError::validation(Some(endpoint), i, locale))?;
        start.resume = Some(parsed);
        Ok(start)
    }
}

/// How many pages may be in flight or buffered ahead of the consumer: two batches' worth, so the
/// next batch is ready while the consumer drains the current one; memory stays bounded.
pub fn prefetch_budget(max_concurrency: u32) -> usize {
    (max_concurrency as usize).saturating_mul(2).clamp(2, 40)
}

impl<T: Serialize + 'static> IterCore<T> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        shared: Rc<Shared>,
        endpoint: Endpoint,
        start: Start,
        stop: StopSignal,
        opts: CallOpts,
        build: Box<dyn Fn(PageRef) -> Prepared>,
        decode: PageDecoder<T>,
    ) -> Rc<Self> {
        let budget = prefetch_budget(shared.config.limits.max_concurrency);
        let guesses = crate::paging::speculation(endpoint, shared.config.limits.max_concurrency);
        Rc::new(IterCore {
            shared,
            endpoint,
            state: RefCell::new(IterState {
                plan: match start.resume {
                    Some((pos, yielded)) => {
                        PagePlan::resume(start.windows, start.page_size, budget, pos, yielded)
                    }
                    None => PagePlan::new(start.windows, start.page_size, budget),
                }
                .with_speculation(guesses),
                finished: false,
            }),
            changed: Notify::default(),
            stop,
            opts,
            build,
            decode,
            filter: RefCell::new(None),
            fingerprint: start.fingerprint,
            windows: start.windows,
        })
    }

    /// Where the consumer stands, as plain JSON data (no secrets): pass it back as
    /// `{ resume: checkpoint }` to continue after the last item consumed.
    pub fn checkpoint(&self) -> JsValue {
        let cp = match self.state.try_borrow() {
            Ok(st) => checkpoint::make(
                self.endpoint,
                &self.fingerprint,
                st.plan.position(),
                st.plan.yielded(),
                self.windows,
            ),
            Err(_) => return JsValue::UNDEFINED,
        };
        to_js_via_json(&cp).unwrap_or(JsValue::UNDEFINED)
    }

    /// Sets the filter every item passes before it is yielded.
    pub fn set_filter(&self, filter: ItemFilter<T>) {
        if let Ok(mut f) = self.filter.try_borrow_mut() {
            *f = Some(filter);
        }
    }

    /// Stops the iteration: nothing new starts (requests on the wire may finish; their results
    /// are dropped), and a pending `next()` resolves as done.
    pub fn close(&self) {
        if let Ok(mut st) = self.state.try_borrow_mut() {
            st.finished = true;
            st.plan.stop();
        }
        self.stop.cancel();
        self.changed.notify();
    }

    pub fn progress(&self) -> JsValue {
        let p = match self.state.try_borrow() {
            Ok(st) => st.plan.progress(),
            Err(_) => Default::default(),
        };
        to_js(&IteratorProgress::from(p)).unwrap_or(JsValue::UNDEFINED)
    }

    fn pump(self: &Rc<Self>) {
        let starts = match self.state.try_borrow_mut() {
            Ok(mut st) if !st.finished => st.plan.next_starts(),
            _ => Vec::new(),
        };
        for r in starts {
            let core = Rc::clone(self);
            spawn_local(async move { core.fetch_page(r).await });
        }
    }

    async fn fetch_page(self: Rc<Self>, r: PageRef) {
        let prepared = (self.build)(r);
        let result =
            execute(&self.shared, self.endpoint, &prepared, self.decode, &self.opts, &self.stop).await;
        if let Ok(mut st) = self.state.try_borrow_mut() {
            match result {
                Ok((total, items)) => st.plan.page_ok(r, total, items),
                Err(e) => st.plan.page_failed(r, e),
            }
        }
        self.changed.notify();
    }

    /// The next item, `None` when done.
    async fn next_item(self: Rc<Self>) -> Result<Option<T>, CallError> {
        let locale = self.shared.config.locale;
        loop {
            if self.stop.stopped() == Some(Stop::Aborted) {
                self.close();
                return Err(self.aborted(locale));
            }
            let since = self.changed.version();
            let step = match self.state.try_borrow_mut() {
                Ok(st) if st.finished => (NextItem::Done, 0),
                Ok(mut st) => {
                    let step = st.plan.next_item();
                    (step, st.plan.last_item_window())
                }
                Err(_) => (NextItem::Wait, 0),
            };
            match step {
                (NextItem::Item(x), window) => {
                    let keep = match self.filter.try_borrow_mut() {
                        Ok(mut f) => f.as_mut().is_none_or(|f| f(&x, window)),
                        Err(_) => true,
                    };
                    if !keep {
                        continue;
                    }
                    self.pump();
                    return Ok(Some(x));
                }
                (NextItem::Done, _) => {
                    if let Ok(mut st) = self.state.try_borrow_mut() {
                        st.finished = true;
                    }
                    return Ok(None);
                }
                // The plan has reset the page: a later `next()` fetches it again.
                (NextItem::Failed(_, e), _) => return Err(e),
                (NextItem::Wait, _) => {
                    self.pump();
                    match rt::race(self.changed.changed(since), self.stop.any()).await {
                        Ok(()) => {}
                        Err(Stop::Cancelled) => return Ok(None),
                        Err(Stop::Aborted) => {
                            self.close();
                            return Err(self.aborted(locale));
                        }
                    }
                }
            }
        }
    }

    /// The rest of the cursor's page and the checkpoint after it, `None` when done. The same
    /// waiting and failure rules as `next_item`.
    async fn next_page(self: Rc<Self>) -> Result<Option<(Vec<T>, checkpoint::Checkpoint)>, CallError> {
        let locale = self.shared.config.locale;
        loop {
            if self.stop.stopped() == Some(Stop::Aborted) {
                self.close();
                return Err(self.aborted(locale));
            }
            let since = self.changed.version();
            let step = match self.state.try_borrow_mut() {
                Ok(st) if st.finished => NextPage::Done,
                Ok(mut st) => {
                    let window = st.plan.cursor_window();
                    match st.plan.next_page() {
                        NextPage::Page(mut items) => {
                            let cp = checkpoint::make(
                                self.endpoint,
                                &self.fingerprint,
                                st.plan.position(),
                                st.plan.yielded(),
                                self.windows,
                            );
                            drop(st);
                            // The same filter as `next_item` (boundary-day repeats of the window reading).
                            if let Ok(mut f) = self.filter.try_borrow_mut() {
                                if let Some(f) = f.as_mut() {
                                    items.retain(|x| f(x, window));
                                }
                            }
                            self.pump();
                            return Ok(Some((items, cp)));
                        }
                        other => other,
                    }
                }
                Err(_) => NextPage::Wait,
            };
            match step {
                NextPage::Page(_) | NextPage::Done => {
                    if let Ok(mut st) = self.state.try_borrow_mut() {
                        st.finished = true;
                    }
                    return Ok(None);
                }
                NextPage::Failed(_, e) => return Err(e),
                NextPage::Wait => {
                    self.pump();
                    match rt::race(self.changed.changed(since), self.stop.any()).await {
                        Ok(()) => {}
                        Err(Stop::Cancelled) => return Ok(None),
                        Err(Stop::Aborted) => {
                            self.close();
                            return Err(self.aborted(locale));
                        }
                    }
                }
            }
        }
    }

    pub fn next_page_promise(self: &Rc<Self>) -> js_sys::Promise {
        let core = Rc::clone(self);
        future_to_promise(async move {
            match core.next_page().await {
                Ok(Some((items, cp))) => {
                    #[derive(Serialize)]
                    struct Page<'a, T> {
                        items: &'a [T],
                        checkpoint: &'a checkpoint::Checkpoint,
                    }
                    to_js_via_json(&Page { items: &items, checkpoint: &cp })
                }
                Ok(None) => Ok(JsValue::UNDEFINED),
                Err(e) => Err(e.to_js()),
            }
        })
    }

    pub fn next_promise(self: &Rc<Self>) -> js_sys::Promise {
        let core = Rc::clone(self);
        future_to_promise(async move {
            match core.next_item().await {
                Ok(Some(item)) => Ok(iter_result(&to_js_via_json(&item)?, false)),
                Ok(None) => Ok(iter_result(&JsValue::UNDEFINED, true)),
                Err(e) => Err(e.to_js()),
            }
        })
    }

    /// The abort error, with the signal's `reason` as its cause.
    fn aborted(&self, locale: Locale) -> CallError {
        let cause = self
            .opts
            .signal
            .as_ref()
            .and_then(|s| js_sys::Reflect::get(s, &JsValue::from_str("reason")).ok());
        CallError { error: errors::aborted(Some(self.endpoint), locale), cause }
    }

    pub fn return_promise(&self) -> js_sys::Promise {
        self.close();
        js_sys::Promise::resolve(&iter_result(&JsValue::UNDEFINED, true))
    }
}

fn iter_result(value: &JsValue, done: bool) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("value"), value);
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("done"), &JsValue::from_bool(done));
    o.into()
}
