//! The paging iterators. `crate::paging::PagePlan` decides which pages to fetch and in which
//! order items come out; this runs the fetches (as tasks on the event loop, through the client's
//! shared rate gate) and hands items to `next()`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, spawn_local};

use super::exec::{execute, CallError, Shared};
use super::options::CallOpts;
use super::rt::{self, Notify, Stop, StopSignal};
use crate::checkpoint;
use crate::client::errors;
use crate::client::export_plan::{page_items, ExportPlan, PageItem};
use crate::client::setup::prefetch_budget;
use crate::client::types::IteratorProgress;
use crate::endpoint::Endpoint;
use crate::paging::{NextItem, NextPage, PagePlan, PageRef, Position};
use crate::wasm::convert::{json_to_js, to_js, to_js_via_json};
use crate::{CecError, Locale};

/// Whether to yield an item of a window (call results: drop boundary-day repeats).
pub type ItemFilter = Box<dyn FnMut(&PageItem, usize) -> bool>;

struct IterState {
    plan: PagePlan<PageItem, CallError>,
    finished: bool,
}

/// One iterator, whatever its endpoint: items are JSON text until they reach JS.
pub struct IterCore {
    shared: Rc<Shared>,
    endpoint: Endpoint,
    state: RefCell<IterState>,
    changed: Notify,
    stop: StopSignal,
    opts: CallOpts,
    /// The request of every page, the fingerprint and window count (for `checkpoint()`).
    plan: ExportPlan,
    filter: RefCell<Option<ItemFilter>>,
}

/// Reads `options.resume` (absent, `null` or `undefined`: from the start) and checks it against
/// the export. A bad checkpoint is a validation `CecError` naming `options.resume.<field>`.
pub fn resume_point(
    plan: &ExportPlan,
    options: &Option<js_sys::Object>,
    locale: Locale,
) -> Result<Option<(Position, u64)>, CecError> {
    let endpoint = plan.endpoint;
    let Some(o) = options else { return Ok(None) };
    let invalid = |issues| CecError::validation(Some(endpoint), issues, locale);
    let raw = crate::wasm::js_input::get_prop(o, "resume")
        .map_err(|p| invalid(vec![p.issue("options.resume", locale)]))?;
    if raw.is_undefined() || raw.is_null() {
        return Ok(None);
    }
    let value = crate::wasm::convert::js_to_json(&raw, locale).map_err(invalid)?;
    checkpoint::parse(&value, endpoint, &plan.fingerprint, plan.windows, plan.page_size, locale)
        .map(Some)
        .map_err(invalid)
}

impl IterCore {
    pub fn new(
        shared: Rc<Shared>,
        plan: ExportPlan,
        resume: Option<(Position, u64)>,
        opts: CallOpts,
    ) -> Rc<Self> {
        let budget = prefetch_budget(shared.config.limits.max_concurrency);
        let guesses = crate::paging::speculation(plan.endpoint, shared.config.limits.max_concurrency);
        let pages = match resume {
            Some((pos, yielded)) => PagePlan::resume(plan.windows, plan.page_size, budget, pos, yielded),
            None => PagePlan::new(plan.windows, plan.page_size, budget),
        }
        .with_speculation(guesses);
        Rc::new(IterCore {
            shared,
            endpoint: plan.endpoint,
            state: RefCell::new(IterState { plan: pages, finished: false }),
            changed: Notify::default(),
            stop: opts.stop.clone(),
            opts,
            plan,
            filter: RefCell::new(None),
        })
    }

    /// Where the consumer stands, as plain JSON data (no secrets): pass it back as
    /// `{ resume: checkpoint }` to continue after the last item consumed.
    pub fn checkpoint(&self) -> JsValue {
        let cp = match self.state.try_borrow() {
            Ok(st) => checkpoint::make(
                self.endpoint,
                &self.plan.fingerprint,
                st.plan.position(),
                st.plan.yielded(),
                self.plan.windows,
            ),
            Err(_) => return JsValue::UNDEFINED,
        };
        to_js_via_json(&cp).unwrap_or(JsValue::UNDEFINED)
    }

    /// Sets the filter every item passes before it is yielded.
    pub fn set_filter(&self, filter: ItemFilter) {
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
        let prepared = self.plan.page(r);
        let result = execute(&self.shared, self.endpoint, &prepared, &self.opts, &self.stop).await;
        let page = result.map(|page| page_items(self.endpoint, &page));
        if let Ok(mut st) = self.state.try_borrow_mut() {
            match page {
                Ok((total, items)) => st.plan.page_ok(r, total, items),
                Err(e) => st.plan.page_failed(r, e),
            }
        }
        self.changed.notify();
    }

    /// Runs `step` until it answers (`Some`), starting pages and waiting for a page to land in
    /// between. The caller's abort rejects; the iterator's own end resolves as done.
    async fn wait_for<R>(
        self: &Rc<Self>,
        step: impl Fn(&Rc<Self>) -> Option<Result<Option<R>, CallError>>,
    ) -> Result<Option<R>, CallError> {
        let locale = self.shared.config.locale;
        loop {
            if self.stop.stopped() == Some(Stop::Aborted) {
                self.close();
                return Err(self.aborted(locale));
            }
            let since = self.changed.version();
            if let Some(answer) = step(self) {
                return answer;
            }
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

    fn finish(&self) {
        if let Ok(mut st) = self.state.try_borrow_mut() {
            st.finished = true;
        }
    }

    /// The next item the filter keeps, done, a failed page, or `None` to wait.
    fn try_item(self: &Rc<Self>) -> Option<Result<Option<PageItem>, CallError>> {
        loop {
            let (step, window) = match self.state.try_borrow_mut() {
                Ok(st) if st.finished => (NextItem::Done, 0),
                Ok(mut st) => {
                    let step = st.plan.next_item();
                    (step, st.plan.last_item_window())
                }
                Err(_) => return None,
            };
            return match step {
                NextItem::Item(x) => {
                    let keep = match self.filter.try_borrow_mut() {
                        Ok(mut f) => f.as_mut().is_none_or(|f| f(&x, window)),
                        Err(_) => true,
                    };
                    if !keep {
                        continue;
                    }
                    self.pump();
                    Some(Ok(Some(x)))
                }
                NextItem::Done => {
                    self.finish();
                    Some(Ok(None))
                }
                // The plan has reset the page: a later `next()` fetches it again.
                NextItem::Failed(_, e) => Some(Err(e)),
                NextItem::Wait => None,
            };
        }
    }

    /// The rest of the cursor's page (filtered like `try_item`) with the checkpoint after it,
    /// done, a failed page, or `None` to wait.
    #[allow(clippy::type_complexity)]
    fn try_page(
        self: &Rc<Self>,
    ) -> Option<Result<Option<(Vec<PageItem>, checkpoint::Checkpoint)>, CallError>> {
        let mut st = match self.state.try_borrow_mut() {
            Ok(st) if st.finished => return Some(Ok(None)),
            Ok(st) => st,
            Err(_) => return None,
        };
        let window = st.plan.cursor_window();
        match st.plan.next_page() {
            NextPage::Page(mut items) => {
                let cp = checkpoint::make(
                    self.endpoint,
                    &self.plan.fingerprint,
                    st.plan.position(),
                    st.plan.yielded(),
                    self.plan.windows,
                );
                drop(st);
                if let Ok(mut f) = self.filter.try_borrow_mut() {
                    if let Some(f) = f.as_mut() {
                        items.retain(|x| f(x, window));
                    }
                }
                self.pump();
                Some(Ok(Some((items, cp))))
            }
            NextPage::Done => {
                st.finished = true;
                Some(Ok(None))
            }
            NextPage::Failed(_, e) => Some(Err(e)),
            NextPage::Wait => None,
        }
    }

    pub fn next_page_promise(self: &Rc<Self>) -> js_sys::Promise {
        let core = Rc::clone(self);
        future_to_promise(async move {
            match core.wait_for(Self::try_page).await {
                Ok(Some((items, cp))) => {
                    // `{ items, checkpoint }` built as one JSON text: one `JSON.parse` per page.
                    let items: Vec<&str> = items.iter().map(|i| i.json.as_str()).collect();
                    let cp = serde_json::to_string(&cp).unwrap_or_else(|_| "null".to_owned());
                    json_to_js(&format!("{{\"items\":[{}],\"checkpoint\":{cp}}}", items.join(",")))
                }
                Ok(None) => Ok(JsValue::UNDEFINED),
                Err(e) => Err(e.to_js()),
            }
        })
    }

    pub fn next_promise(self: &Rc<Self>) -> js_sys::Promise {
        let core = Rc::clone(self);
        future_to_promise(async move {
            match core.wait_for(Self::try_item).await {
                Ok(Some(item)) => Ok(iter_result(&json_to_js(&item.json)?, false)),
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
