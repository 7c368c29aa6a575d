//! The client's shared rate gate: the pure `crate::rate::RateGate` decides, this only sleeps
//! until the time it names or waits for a release, and tells it when a request was answered.

use std::cell::RefCell;
use std::rc::Rc;

use super::rt::{self, Notify, Sleep, Stop, StopSignal};
use crate::rate::{Admission, GateConfig, RateGate};

pub struct Gate {
    gate: RefCell<RateGate>,
    released: Notify,
}

/// One admitted request. Dropping it releases the slot (on every path: success, error, abort);
/// `finish` also says whether the request was answered.
pub struct Permit {
    gate: Rc<Gate>,
    batch: u64,
    answered_at: Option<f64>,
}

impl Permit {
    /// Ends the request. `answered`: an HTTP answer (any status) came back, so the server has
    /// seen the request by now, which dates its batch for the gate (`RateGate::release`).
    pub fn finish(mut self, answered: bool) {
        if answered {
            self.answered_at = Some(rt::now_ms());
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Ok(mut g) = self.gate.gate.try_borrow_mut() {
            g.release(self.batch, self.answered_at);
        }
        self.gate.released.notify();
    }
}

impl Gate {
    pub fn new(config: GateConfig) -> Rc<Gate> {
        Rc::new(Gate { gate: RefCell::new(RateGate::new(config)), released: Notify::default() })
    }

    /// Waits for admission; a stop (abort, cancel) ends the wait at once.
    pub async fn acquire(self: &Rc<Self>, stop: &StopSignal) -> Result<Permit, Stop> {
        loop {
            if let Some(s) = stop.stopped() {
                return Err(s);
            }
            let since = self.released.version();
            let now = rt::now_ms();
            let (admission, batch) = match self.gate.try_borrow_mut() {
                Ok(mut g) => (g.try_acquire(now), g.batch()),
                // Unreachable in a single-threaded loop with no borrow across awaits; wait a tick.
                Err(_) => (Admission::WaitUntil(now + 1.0), 0),
            };
            match admission {
                Admission::Go => return Ok(Permit { gate: Rc::clone(self), batch, answered_at: None }),
                Admission::WaitUntil(t) => {
                    rt::race(Sleep::new(t - now), stop.any()).await?;
                }
                Admission::WaitForRelease => {
                    rt::race(self.released.changed(since), stop.any()).await?;
                }
            }
        }
    }
}
