//! Token lifecycle for API Fabric `tokenByAkSk` and OIFDE `gettoken` (AUTH.md §2, §3), as a pure
//! state machine: fetched lazily, cached, renewed a little before it expires, one renewal shared
//! by every concurrent caller, and dropped when the gateway rejects it.
//!
//! The client holds the in-flight renewal itself (a shared promise keyed by `generation`); this
//! module only decides who fetches, who waits and which token is current.

use std::fmt;

/// TTL assumed when a token response does not say (`Expires` is optional on the wire; AUTH.md
/// gives 600 s as the API Fabric default).
pub const DEFAULT_TTL_SECS: u64 = 600;

/// How long before expiry a token is renewed: a fifth of its lifetime, at most a minute. Short
/// tokens (tests use 2 s) still get most of their life; long ones are renewed a minute early.
pub fn renewal_margin_ms(ttl_ms: f64) -> f64 {
    (ttl_ms / 5.0).clamp(0.0, 60_000.0)
}

struct Cached {
    value: String,
    generation: u64,
    renew_at: f64,
    expires_at: f64,
}

/// What a caller should do to get a token.
#[derive(Clone, PartialEq, Eq)]
pub enum TokenLookup {
    /// A fresh token: use it.
    Use { token: String, generation: u64 },
    /// A renewal is under way: wait for it (the client's shared promise for `generation`).
    Join { generation: u64 },
    /// Nobody is fetching: this caller fetches, then calls `complete` or `fail` with `generation`.
    Fetch { generation: u64 },
}

impl fmt::Debug for TokenLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenLookup::Use { generation, .. } => {
                write!(f, "Use {{ token: <redacted>, generation: {generation} }}")
            }
            TokenLookup::Join { generation } => write!(f, "Join {{ generation: {generation} }}"),
            TokenLookup::Fetch { generation } => write!(f, "Fetch {{ generation: {generation} }}"),
        }
    }
}

#[derive(Default)]
pub struct TokenCache {
    current: Option<Cached>,
    fetching: Option<u64>,
    next_generation: u64,
    fetches_started: u64,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("current", &self.current.as_ref().map(|c| (c.generation, "<redacted>")))
            .field("fetching", &self.fetching)
            .field("fetches_started", &self.fetches_started)
            .finish()
    }
}

impl TokenCache {
    pub fn new() -> Self {
        TokenCache::default()
    }

    /// How many fetches this cache has asked for (for tests and diagnostics).
    pub fn fetches_started(&self) -> u64 {
        self.fetches_started
    }

    /// What to do at `now` (ms, monotonic).
    pub fn lookup(&mut self, now: f64) -> TokenLookup {
        if let Some(c) = &self.current {
            if now < c.renew_at {
                return TokenLookup::Use { token: c.value.clone(), generation: c.generation };
            }
        }
        if let Some(generation) = self.fetching {
            return TokenLookup::Join { generation };
        }
        self.next_generation += 1;
        let generation = self.next_generation;
        self.fetching = Some(generation);
        self.fetches_started += 1;
        TokenLookup::Fetch { generation }
    }

    /// The token a finished fetch `generation` produced, if it is still current and unexpired.
    /// Waiters use this after the shared renewal resolves, so a token with a very short life is
    /// still used once instead of triggering another renewal.
    pub fn token_of(&self, generation: u64, now: f64) -> Option<String> {
        self.current
            .as_ref()
            .filter(|c| c.generation == generation && now < c.expires_at)
            .map(|c| c.value.clone())
    }

    /// Stores the result of fetch `generation`, received at `now`, valid for `ttl_secs`.
    /// A stale completion (another fetch started since) is ignored.
    pub fn complete(&mut self, generation: u64, token: String, ttl_secs: Option<u64>, now: f64) {
        if self.fetching != Some(generation) {
            return;
        }
        self.fetching = None;
        let ttl_ms = ttl_secs.unwrap_or(DEFAULT_TTL_SECS) as f64 * 1000.0;
        self.current = Some(Cached {
            value: token,
            generation,
            renew_at: now + ttl_ms - renewal_margin_ms(ttl_ms),
            expires_at: now + ttl_ms,
        });
    }

    /// Fetch `generation` failed: the next lookup starts a new one.
    pub fn fail(&mut self, generation: u64) {
        if self.fetching == Some(generation) {
            self.fetching = None;
        }
    }

    /// The gateway rejected the token of `generation`: drop it, unless it was already replaced
    /// (then concurrent rejections of the same old token cause only one renewal).
    pub fn invalidate(&mut self, generation: u64) {
        if self.current.as_ref().is_some_and(|c| c.generation == generation) {
            self.current = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_a_fifth_capped_at_a_minute() {
        assert_eq!(renewal_margin_ms(2_000.0), 400.0);
        assert_eq!(renewal_margin_ms(600_000.0), 60_000.0);
        assert_eq!(renewal_margin_ms(3_600_000.0), 60_000.0);
        assert_eq!(renewal_margin_ms(-5.0), 0.0);
    }

    #[test]
    fn lazy_fetch_then_cached() {
        let mut c = TokenCache::new();
        assert_eq!(c.lookup(0.0), TokenLookup::Fetch { generation: 1 });
        c.complete(1, "t1".into(), Some(600), 10.0);
        assert_eq!(c.lookup(20.0), TokenLookup::Use { token: "t1".into(), generation: 1 });
        assert_eq!(c.fetches_started(), 1);
    }

    #[test]
    fn concurrent_callers_share_one_renewal() {
        let mut c = TokenCache::new();
        assert_eq!(c.lookup(0.0), TokenLookup::Fetch { generation: 1 });
        for _ in 0..20 {
            assert_eq!(c.lookup(1.0), TokenLookup::Join { generation: 1 });
        }
        c.complete(1, "t1".into(), Some(2), 100.0);
        assert_eq!(c.token_of(1, 150.0).as_deref(), Some("t1"));
        assert_eq!(c.fetches_started(), 1);
    }

    #[test]
    fn renewed_before_expiry_once() {
        let mut c = TokenCache::new();
        let _ = c.lookup(0.0);
        c.complete(1, "t1".into(), Some(2), 0.0);
        // 2 s TTL: renewal from 1.6 s on.
        assert!(matches!(c.lookup(1_599.0), TokenLookup::Use { .. }));
        assert_eq!(c.lookup(1_600.0), TokenLookup::Fetch { generation: 2 });
        assert_eq!(c.lookup(1_601.0), TokenLookup::Join { generation: 2 });
        // The old token still works for whoever holds it until it expires.
        assert_eq!(c.token_of(1, 1_700.0).as_deref(), Some("t1"));
        c.complete(2, "t2".into(), Some(2), 1_650.0);
        assert_eq!(c.lookup(1_700.0), TokenLookup::Use { token: "t2".into(), generation: 2 });
        assert_eq!(c.fetches_started(), 2);
    }

    #[test]
    fn failure_lets_the_next_caller_fetch() {
        let mut c = TokenCache::new();
        assert_eq!(c.lookup(0.0), TokenLookup::Fetch { generation: 1 });
        c.fail(1);
        assert_eq!(c.lookup(1.0), TokenLookup::Fetch { generation: 2 });
        // A late completion of the failed generation is ignored.
        c.complete(1, "stale".into(), None, 2.0);
        assert_eq!(c.lookup(3.0), TokenLookup::Join { generation: 2 });
    }

    #[test]
    fn invalidation_drops_only_the_rejected_generation() {
        let mut c = TokenCache::new();
        let _ = c.lookup(0.0);
        c.complete(1, "t1".into(), None, 0.0);
        c.invalidate(1);
        assert_eq!(c.lookup(1.0), TokenLookup::Fetch { generation: 2 });
        c.complete(2, "t2".into(), None, 2.0);
        // A second caller that also saw t1 rejected must not drop t2.
        c.invalidate(1);
        assert_eq!(c.lookup(3.0), TokenLookup::Use { token: "t2".into(), generation: 2 });
        assert_eq!(c.fetches_started(), 2);
    }

    #[test]
    fn token_of_respects_expiry_and_generation() {
        let mut c = TokenCache::new();
        let _ = c.lookup(0.0);
        c.complete(1, "t1".into(), Some(1), 0.0);
        assert_eq!(c.token_of(2, 10.0), None);
        assert_eq!(c.token_of(1, 999.0).as_deref(), Some("t1"));
        assert_eq!(c.token_of(1, 1_000.0), None);
        // A zero TTL token is usable by nobody, and the next lookup fetches again.
        let mut z = TokenCache::new();
        let _ = z.lookup(0.0);
        z.complete(1, "z".into(), Some(0), 0.0);
        assert_eq!(z.token_of(1, 0.0), None);
    }

    #[test]
    fn debug_redacts() {
        let mut c = TokenCache::new();
        let _ = c.lookup(0.0);
        c.complete(1, "SECRET-TOKEN".into(), None, 0.0);
        assert!(!format!("{c:?}").contains("SECRET"));
        assert!(!format!("{:?}", c.lookup(1.0)).contains("SECRET"));
    }
}
