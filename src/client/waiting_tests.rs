use std::task::Waker;

use super::*;

fn poll_once<F: Future>(f: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    f.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn an_abort_wins_over_a_later_cancel_and_wakes_both_futures() {
    let s = Rc::new(StopState::default());
    let mut any = pin!(s.any());
    let mut aborted = pin!(s.aborted());
    assert!(poll_once(any.as_mut()).is_pending() && poll_once(aborted.as_mut()).is_pending());
    s.fire(Stop::Aborted);
    s.fire(Stop::Cancelled);
    assert_eq!(s.stopped(), Some(Stop::Aborted));
    assert_eq!(poll_once(any.as_mut()), Poll::Ready(Stop::Aborted));
    assert_eq!(poll_once(aborted.as_mut()), Poll::Ready(Stop::Aborted));
}

#[test]
fn a_cancel_does_not_abort_a_request_on_the_wire() {
    let s = Rc::new(StopState::default());
    s.fire(Stop::Cancelled);
    assert_eq!(poll_once(pin!(s.any())), Poll::Ready(Stop::Cancelled));
    assert!(poll_once(pin!(s.aborted())).is_pending());
}

#[test]
fn race_returns_the_future_unless_stopped_first() {
    let s = Rc::new(StopState::default());
    assert_eq!(poll_once(pin!(race(std::future::ready(7), s.any()))), Poll::Ready(Ok(7)));
    s.fire(Stop::Cancelled);
    assert_eq!(poll_once(pin!(race(std::future::ready(7), s.any()))), Poll::Ready(Err(Stop::Cancelled)));
}

#[test]
fn notify_resolves_waiters_of_an_older_version_only() {
    let n = Notify::default();
    let v = n.version();
    let mut waiting = pin!(n.changed(v));
    assert!(poll_once(waiting.as_mut()).is_pending());
    n.notify();
    assert_eq!(poll_once(waiting.as_mut()), Poll::Ready(()));
    assert!(poll_once(pin!(n.changed(n.version()))).is_pending());
}

/// Counts its wakes.
struct Counter(std::sync::atomic::AtomicUsize);

impl std::task::Wake for Counter {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn wakers_are_registered_once_per_task() {
    let counter = std::sync::Arc::new(Counter(Default::default()));
    let waker = Waker::from(counter.clone());
    let w = Wakers::default();
    for _ in 0..5 {
        w.register(&waker);
    }
    w.wake_all();
    w.wake_all();
    assert_eq!(counter.0.load(std::sync::atomic::Ordering::SeqCst), 1);
}
