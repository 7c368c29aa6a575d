//! CC-iSales auth-v2 for one call: which profile signs the next attempt (fixed, pinned, or this
//! call's probe; the decisions are `crate::detect`'s), what a probe's answer means, and the
//! `signing` hook event when `"auto"` pins a profile.

use std::rc::Rc;

use super::exec::Shared;
use super::rt::{self, Stop, StopSignal};
use crate::client::attempt::ProbeOutcome;
use crate::client::event::CecEvent;
use crate::detect::{signature_verdict, Next, Plan};
use crate::endpoint::Endpoint;
use crate::signing::SigningProfile;

/// This call's part in the detection: it holds the probe while it is the prober.
#[derive(Default)]
pub struct CallSigning {
    probe: Option<ProbeGuard>,
}

/// Held by the probing call. Dropping it unresolved (the call ended without an answer: network
/// error, timeout, abort, a cancelled iterator) lets another call probe.
struct ProbeGuard {
    shared: Rc<Shared>,
    profile: SigningProfile,
    done: bool,
}

impl Drop for ProbeGuard {
    fn drop(&mut self) {
        if !self.done {
            if let Ok(mut d) = self.shared.detector.try_borrow_mut() {
                d.abandon();
            }
            self.shared.signing_changed.notify();
        }
    }
}

impl CallSigning {
    /// The profile for the next attempt; waits while another call probes.
    pub async fn profile(&mut self, shared: &Rc<Shared>, stop: &StopSignal) -> Result<SigningProfile, Stop> {
        if let Some(g) = &self.probe {
            return Ok(g.profile.clone());
        }
        loop {
            let version = shared.signing_changed.version();
            let plan = match shared.detector.try_borrow_mut() {
                Ok(mut d) => d.plan(),
                Err(_) => Plan::Wait,
            };
            match plan {
                Plan::Use(p) => return Ok(p),
                Plan::Probe(p) => {
                    self.probe =
                        Some(ProbeGuard { shared: Rc::clone(shared), profile: p.clone(), done: false });
                    return Ok(p);
                }
                Plan::Wait => rt::race(shared.signing_changed.changed(version), stop.any()).await?,
            }
        }
    }

    /// Interprets the HTTP status of an attempt this call signed.
    pub fn after(
        &mut self,
        shared: &Rc<Shared>,
        status: u16,
        endpoint: Endpoint,
        method: &'static str,
        url: &str,
        attempt: u32,
    ) -> ProbeOutcome {
        let Some(guard) = self.probe.as_mut() else { return ProbeOutcome::Done };
        let Some(passed) = signature_verdict(status) else {
            // A proxy's 503 and the like prove nothing: keep probing with the same profile.
            return ProbeOutcome::Done;
        };
        let mut d = match shared.detector.try_borrow_mut() {
            Ok(d) => d,
            Err(_) => return ProbeOutcome::Done,
        };
        if passed {
            // The application answered: the signature passed. Pin it for the life of the client.
            let tried = d.passed(&guard.profile);
            drop(d);
            guard.done = true;
            let mut ev = CecEvent::of_call("signing", endpoint, method, url, attempt);
            ev.signing_profile = Some(guard.profile.name);
            ev.tried = Some(tried);
            self.probe = None;
            shared.signing_changed.notify();
            shared.hooks.emit(&ev);
            return ProbeOutcome::Done;
        }
        match d.rejected() {
            Next::Try(p) => {
                guard.profile = p;
                ProbeOutcome::Resend
            }
            Next::Exhausted(tried) => {
                drop(d);
                guard.done = true;
                self.probe = None;
                shared.signing_changed.notify();
                ProbeOutcome::Exhausted(tried)
            }
        }
    }
}
