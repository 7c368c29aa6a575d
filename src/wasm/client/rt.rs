//! The few async primitives the client needs, on the JS event loop: timers, monotonic time,
//! abort/cancel signals, change notification and racing a future against a stop signal.
//!
//! Timers and AbortController are bound on the global object (not `window`), so the same code
//! runs in Node ≥ 20 and in browsers. No `RefCell` borrow is ever held across an `.await`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    /// Any `EventTarget` (an `AbortSignal` here); bound by hand so no extra web-sys features.
    #[wasm_bindgen(js_name = EventTarget)]
    pub type EventTargetLike;
    // `catch`: the signal is the caller's object, and a signal-like object may throw here.
    #[wasm_bindgen(catch, method, js_name = addEventListener)]
    fn add_event_listener(
        this: &EventTargetLike,
        kind: &str,
        listener: &js_sys::Function,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, js_name = removeEventListener)]
    fn remove_event_listener(
        this: &EventTargetLike,
        kind: &str,
        listener: &js_sys::Function,
    ) -> Result<(), JsValue>;
}

/// Monotonic milliseconds (`performance.now()`), for the rate gate and token lifetimes.
pub fn now_ms() -> f64 {
    performance_now()
}

/// Wall-clock epoch milliseconds (`Date.now()`), for auth-v2 timestamps and HTTP dates.
pub fn epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// Wakers waiting on one thing; `will_wake` keeps repeated polls from piling up duplicates.
#[derive(Default)]
struct Wakers(RefCell<Vec<Waker>>);

impl Wakers {
    fn register(&self, w: &Waker) {
        if let Ok(mut list) = self.0.try_borrow_mut() {
            if !list.iter().any(|x| x.will_wake(w)) {
                list.push(w.clone());
            }
        }
    }
    fn wake_all(&self) {
        let list = match self.0.try_borrow_mut() {
            Ok(mut l) => std::mem::take(&mut *l),
            Err(_) => return,
        };
        for w in list {
            w.wake();
        }
    }
}

// ---------------------------------------------------------------------------------------------

struct SleepState {
    fired: Cell<bool>,
    waker: Wakers,
}

/// `setTimeout` as a future. Dropping it clears the timer (before the closure is freed, so the
/// callback can never run against a dropped closure).
pub struct Sleep {
    state: Rc<SleepState>,
    handle: JsValue,
    _closure: Closure<dyn FnMut()>,
}

impl Sleep {
    pub fn new(ms: f64) -> Sleep {
        let state = Rc::new(SleepState { fired: Cell::new(false), waker: Wakers::default() });
        let weak = Rc::downgrade(&state);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(s) = weak.upgrade() {
                s.fired.set(true);
                s.waker.wake_all();
            }
        });
        // setTimeout's limit is 2^31-1 ms; beyond it fires at once.
        let ms = if ms.is_finite() { ms.clamp(0.0, 2_147_483_647.0) } else { 0.0 };
        let handle = set_timeout(closure.as_ref().unchecked_ref(), ms);
        Sleep { state, handle, _closure: closure }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.fired.get() {
            return Poll::Ready(());
        }
        self.state.waker.register(cx.waker());
        if self.state.fired.get() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if !self.state.fired.get() {
            clear_timeout(&self.handle);
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// Why an operation stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The caller's `AbortSignal` fired: in-flight HTTP requests are aborted too.
    Aborted,
    /// The client cancelled internally (an iterator's `return()`): nothing new starts, but a
    /// request already on the wire is left to finish.
    Cancelled,
}

/// The caller's signal and our listener on it.
type Listener = (EventTargetLike, Closure<dyn FnMut()>);

struct StopInner {
    state: Cell<Option<Stop>>,
    wakers: Wakers,
    /// Removed from the signal on drop.
    listener: RefCell<Option<Listener>>,
}

impl Drop for StopInner {
    fn drop(&mut self) {
        if let Ok(mut l) = self.listener.try_borrow_mut() {
            if let Some((target, closure)) = l.take() {
                let _ = target.remove_event_listener("abort", closure.as_ref().unchecked_ref());
            }
        }
    }
}

/// A stop signal: the caller's `AbortSignal` (optional) plus internal cancellation. Cloning
/// shares it.
#[derive(Clone)]
pub struct StopSignal(Rc<StopInner>);

impl StopSignal {
    /// Watches `signal` (already checked to be an AbortSignal-like object), if any. `Err` when
    /// the signal cannot be watched (its `addEventListener` threw).
    pub fn new(signal: Option<&JsValue>) -> Result<StopSignal, ()> {
        let inner = StopSignal::none().0;
        if let Some(sig) = signal {
            let aborted =
                js_sys::Reflect::get(sig, &JsValue::from_str("aborted")).ok().and_then(|v| v.as_bool());
            if aborted == Some(true) {
                inner.state.set(Some(Stop::Aborted));
            } else {
                let weak: Weak<StopInner> = Rc::downgrade(&inner);
                let closure = Closure::<dyn FnMut()>::new(move || {
                    if let Some(s) = weak.upgrade() {
                        fire(&s, Stop::Aborted);
                    }
                });
                let target: EventTargetLike = sig.clone().unchecked_into();
                target.add_event_listener("abort", closure.as_ref().unchecked_ref()).map_err(|_| ())?;
                if let Ok(mut l) = inner.listener.try_borrow_mut() {
                    *l = Some((target, closure));
                }
            }
        }
        Ok(StopSignal(inner))
    }

    /// A stop signal with no caller's signal: only internal cancellation.
    pub fn none() -> StopSignal {
        StopSignal(Rc::new(StopInner {
            state: Cell::new(None),
            wakers: Wakers::default(),
            listener: RefCell::new(None),
        }))
    }

    /// Internal cancellation (does not override an earlier abort).
    pub fn cancel(&self) {
        fire(&self.0, Stop::Cancelled);
    }

    pub fn stopped(&self) -> Option<Stop> {
        self.0.state.get()
    }

    /// Resolves when stopped for any reason (waits in the gate, backoff sleeps).
    pub fn any(&self) -> StopFuture {
        StopFuture { inner: self.0.clone(), only_abort: false }
    }

    /// Resolves only on the caller's abort (a request on the wire).
    pub fn aborted(&self) -> StopFuture {
        StopFuture { inner: self.0.clone(), only_abort: true }
    }
}

fn fire(inner: &StopInner, why: Stop) {
    if inner.state.get().is_none() {
        inner.state.set(Some(why));
    }
    inner.wakers.wake_all();
}

pub struct StopFuture {
    inner: Rc<StopInner>,
    only_abort: bool,
}

impl StopFuture {
    fn check(&self) -> Option<Stop> {
        match self.inner.state.get() {
            Some(Stop::Cancelled) if self.only_abort => None,
            s => s,
        }
    }
}

impl Future for StopFuture {
    type Output = Stop;
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Stop> {
        if let Some(s) = self.check() {
            return Poll::Ready(s);
        }
        self.inner.wakers.register(cx.waker());
        match self.check() {
            Some(s) => Poll::Ready(s),
            None => Poll::Pending,
        }
    }
}

/// Runs `fut` unless `stop` resolves first.
pub async fn race<F: Future>(fut: F, stop: StopFuture) -> Result<F::Output, Stop> {
    let mut fut = pin!(fut);
    let mut stop = pin!(stop);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(s) = stop.as_mut().poll(cx) {
            return Poll::Ready(Err(s));
        }
        fut.as_mut().poll(cx).map(Ok)
    })
    .await
}

// ---------------------------------------------------------------------------------------------

/// A version counter with waiters: "something changed since version N".
#[derive(Default)]
pub struct Notify {
    version: Cell<u64>,
    wakers: Wakers,
}

impl Notify {
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    pub fn notify(&self) {
        self.version.set(self.version.get().wrapping_add(1));
        self.wakers.wake_all();
    }

    /// Resolves once the version differs from `since`.
    pub async fn changed(&self, since: u64) {
        std::future::poll_fn(|cx| {
            if self.version.get() != since {
                return Poll::Ready(());
            }
            self.wakers.register(cx.waker());
            if self.version.get() != since {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await
    }
}

/// `Math.random()`, for backoff jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Gives the other ready tasks a turn (one trip through the microtask queue).
pub async fn yield_now() {
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED)).await;
}
