//! The client's async primitives bound to the JS event loop: timers, monotonic and wall-clock
//! time, the caller's `AbortSignal`. The waiting logic itself is `crate::client::waiting`.
//!
//! Timers and AbortController are bound on the global object (not `window`), so the same code
//! runs in Node ≥ 20 and in browsers. No `RefCell` borrow is ever held across an `.await`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::client::waiting::{race, Notify, Stop, StopFuture};
use crate::client::waiting::{StopState, Wakers};

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

/// The caller's signal and our listener on it.
type Listener = (EventTargetLike, Closure<dyn FnMut()>);

struct StopInner {
    state: Rc<StopState>,
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
                inner.state.fire(Stop::Aborted);
            } else {
                let weak: Weak<StopState> = Rc::downgrade(&inner.state);
                let closure = Closure::<dyn FnMut()>::new(move || {
                    if let Some(s) = weak.upgrade() {
                        s.fire(Stop::Aborted);
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
        StopSignal(Rc::new(StopInner { state: Rc::default(), listener: RefCell::new(None) }))
    }

    /// Internal cancellation (does not override an earlier abort).
    pub fn cancel(&self) {
        self.0.state.fire(Stop::Cancelled);
    }

    pub fn stopped(&self) -> Option<Stop> {
        self.0.state.stopped()
    }

    /// Resolves when stopped for any reason (waits in the gate, backoff sleeps).
    pub fn any(&self) -> StopFuture {
        self.0.state.any()
    }

    /// Resolves only on the caller's abort (a request on the wire).
    pub fn aborted(&self) -> StopFuture {
        self.0.state.aborted()
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
