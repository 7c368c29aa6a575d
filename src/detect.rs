//! Finding the auth-v2 layout of a CC-iSales gateway (`signing: "auto"`), as a pure state machine
//! the client drives.
//!
//! One request at a time probes: until a profile is known to pass, the first CC-iSales call signs
//! with reading A and the others wait for its answer, so concurrent first calls cost one
//! detection, not one each. An answer of the application (2xx, or the docs' 500 business
//! failure) proves the signature passed and pins the profile for the life of the client; a proxy's
//! 502/503/504 or 429 proves nothing, so the probe stays open while the call retries. On a 401 the prober resends the same request with the next
//! untried profile (each at most once). When every profile got 401 nothing is pinned (the AK/SK
//! or the clock is the likely cause) and the next call probes again.

use crate::signing::{SigningMode, SigningProfile, AUTO_ORDER};

/// What an HTTP status says about the signature: `Some(false)` rejected (401), `Some(true)`
/// accepted (the application answered), `None` unknown (a proxy or gateway fault, a redirect,
/// another client error that may come before auth).
pub fn signature_verdict(status: u16) -> Option<bool> {
    match status {
        401 => Some(false),
        200..=299 | 500 => Some(true),
        _ => None,
    }
}

/// What a CC-iSales attempt should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Sign with this profile (fixed or pinned).
    Use(SigningProfile),
    /// This attempt is the probe: sign with this profile and report the outcome.
    Probe(SigningProfile),
    /// Another call is probing: wait until it reports, then plan again.
    Wait,
}

/// The outcome of a probe after a 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Resend the same request with this profile (still probing).
    Try(SigningProfile),
    /// Every profile was tried; these are their names, in order.
    Exhausted(Vec<&'static str>),
}

#[derive(Debug, Clone)]
pub struct Detector {
    mode: SigningMode,
    pinned: Option<SigningProfile>,
    probing: bool,
    /// Profiles the current probe has tried, in order.
    tried: Vec<&'static str>,
}

impl Detector {
    pub fn new(mode: SigningMode) -> Detector {
        Detector { mode, pinned: None, probing: false, tried: Vec::new() }
    }

    pub fn is_auto(&self) -> bool {
        self.mode == SigningMode::Auto
    }

    /// The profile in use once known: the fixed one, or the pinned one.
    pub fn known(&self) -> Option<&SigningProfile> {
        match &self.mode {
            SigningMode::Fixed(p) => Some(p),
            SigningMode::Auto => self.pinned.as_ref(),
        }
    }

    pub fn plan(&mut self) -> Plan {
        if let Some(p) = self.known() {
            return Plan::Use(p.clone());
        }
        if self.probing {
            return Plan::Wait;
        }
        self.probing = true;
        self.tried.clear();
        self.next_untried().map_or(Plan::Wait, Plan::Probe)
    }

    fn next_untried(&mut self) -> Option<SigningProfile> {
        let name = AUTO_ORDER.iter().find(|n| !self.tried.contains(n))?;
        self.tried.push(name);
        SigningProfile::named(name)
    }

    /// The probe got an answer other than 401: pin its profile. Returns the names tried (the
    /// pinned one last), for the hook event.
    pub fn passed(&mut self, profile: &SigningProfile) -> Vec<&'static str> {
        self.probing = false;
        if self.pinned.is_none() {
            self.pinned = Some(profile.clone());
        }
        std::mem::take(&mut self.tried)
    }

    /// The probe got 401.
    pub fn rejected(&mut self) -> Next {
        match self.next_untried() {
            Some(p) => Next::Try(p),
            None => {
                self.probing = false;
                Next::Exhausted(std::mem::take(&mut self.tried))
            }
        }
    }

    /// The probe ended without an answer (network error, timeout, abort): let another call probe.
    pub fn abandon(&mut self) {
        self.probing = false;
        self.tried.clear();
    }

    pub fn is_probing(&self) -> bool {
        self.probing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a() -> SigningProfile {
        SigningProfile::named("A").unwrap()
    }
    fn b() -> SigningProfile {
        SigningProfile::named("B").unwrap()
    }

    #[test]
    fn verdicts() {
        assert_eq!(signature_verdict(401), Some(false));
        assert_eq!(signature_verdict(200), Some(true));
        assert_eq!(signature_verdict(500), Some(true));
        for s in [429, 502, 503, 504, 404, 403, 302] {
            assert_eq!(signature_verdict(s), None, "{s}");
        }
    }

    #[test]
    fn fixed_never_probes() {
        let mut d = Detector::new(SigningMode::Fixed(b()));
        assert_eq!(d.plan(), Plan::Use(b()));
        assert_eq!(d.plan(), Plan::Use(b()));
        assert!(!d.is_auto());
    }

    #[test]
    fn one_probe_others_wait_then_pinned() {
        let mut d = Detector::new(SigningMode::Auto);
        assert_eq!(d.plan(), Plan::Probe(a()));
        assert_eq!(d.plan(), Plan::Wait);
        assert_eq!(d.rejected(), Next::Try(b()));
        assert_eq!(d.plan(), Plan::Wait);
        assert_eq!(d.passed(&b()), vec!["A", "B"]);
        assert_eq!(d.plan(), Plan::Use(b()));
        assert_eq!(d.known(), Some(&b()));
    }

    #[test]
    fn first_profile_passing_pins_it() {
        let mut d = Detector::new(SigningMode::Auto);
        assert_eq!(d.plan(), Plan::Probe(a()));
        assert_eq!(d.passed(&a()), vec!["A"]);
        assert_eq!(d.plan(), Plan::Use(a()));
    }

    #[test]
    fn exhausted_leaves_it_open_and_abandon_releases() {
        let mut d = Detector::new(SigningMode::Auto);
        assert_eq!(d.plan(), Plan::Probe(a()));
        assert_eq!(d.rejected(), Next::Try(b()));
        assert_eq!(d.rejected(), Next::Exhausted(vec!["A", "B"]));
        assert!(!d.is_probing());
        assert_eq!(d.plan(), Plan::Probe(a()));
        d.abandon();
        assert_eq!(d.plan(), Plan::Probe(a()));
        assert_eq!(d.known(), None);
    }
}
