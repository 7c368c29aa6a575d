//! The waiting primitives of the client, executor-agnostic and single-threaded: why an operation
//! stopped (abort or cancel), futures that resolve when it does, racing a future against them,
//! and a version counter with waiters. The boundary binds them to the JS event loop (timers,
//! `AbortSignal`); the logic is here, tested natively. No `RefCell` borrow is held across a poll.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Wakers waiting on one thing; `will_wake` keeps repeated polls from piling up duplicates.
#[derive(Default)]
pub struct Wakers(RefCell<Vec<Waker>>);

impl Wakers {
    pub fn register(&self, w: &Waker) {
        if let Ok(mut list) = self.0.try_borrow_mut() {
            if !list.iter().any(|x| x.will_wake(w)) {
                list.push(w.clone());
            }
        }
    }
    pub fn wake_all(&self) {
        let list = match self.0.try_borrow_mut() {
            Ok(mut l) => std::mem::take(&mut *l),
            Err(_) => return,
        };
        for w in list {
            w.wake();
        }
    }
}

/// Why an operation stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The caller's `AbortSignal` fired: in-flight HTTP requests are aborted too.
    Aborted,
    /// The client cancelled internally (an iterator's `return()`): nothing new starts, but a
    /// request already on the wire is left to finish.
    Cancelled,
}

/// Whether, and why, an operation was stopped; the futures waiting on it. Shared by `Rc`.
#[derive(Default)]
pub struct StopState {
    state: Cell<Option<Stop>>,
    wakers: Wakers,
}

impl StopState {
    /// Records why (the first reason wins) and wakes every waiter.
    pub fn fire(&self, why: Stop) {
        if self.state.get().is_none() {
            self.state.set(Some(why));
        }
        self.wakers.wake_all();
    }

    pub fn stopped(&self) -> Option<Stop> {
        self.state.get()
    }

    /// Resolves when stopped for any reason (waits in the gate, backoff sleeps).
    pub fn any(self: &Rc<Self>) -> StopFuture {
        StopFuture { inner: Rc::clone(self), only_abort: false }
    }

    /// Resolves only on the caller's abort (a request on the wire).
    pub fn aborted(self: &Rc<Self>) -> StopFuture {
        StopFuture { inner: Rc::clone(self), only_abort: true }
    }
}

pub struct StopFuture {
    inner: Rc<StopState>,
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

#[cfg(test)]
#[path = "waiting_tests.rs"]
mod tests;
