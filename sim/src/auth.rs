//! The token stores behind API Fabric `tokenByAkSk` and OIFDE `gettoken` (AUTH.md §2, §3).
//! auth-v2 verification is in `authv2.rs`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::prng::{mix, Rng};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Unknown,
    Expired,
}

struct Token {
    owner: String,
    expires: Instant,
}

/// Issued bearer/auth tokens. Expired tokens are remembered (for a while) so "expired" and
/// "unknown" can be told apart, as a real gateway does.
pub struct TokenStore {
    tokens: Mutex<(Rng, u64, HashMap<String, Token>)>,
}

/// Expired tokens older than this are forgotten once the store grows large.
const FORGET_AFTER: Duration = Duration::from_secs(3600);
const PRUNE_ABOVE: usize = 10_000;

impl TokenStore {
    pub fn new(seed: u64) -> TokenStore {
        TokenStore {
            tokens: Mutex::new((Rng::new(seed), 0, HashMap::new())),
        }
    }

    /// Issues a token for `owner` (app key or tenant id) valid for `ttl`.
    pub fn issue(&self, owner: &str, ttl: Duration) -> String {
        let mut g = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let (rng, counter, map) = &mut *g;
        *counter += 1;
        // Seeded RNG + counter: reproducible across runs, unique within one.
        let token = format!(
            "{:016x}{:016x}",
            rng.next_u64(),
            mix(rng.next_u64(), *counter)
        );
        let now = Instant::now();
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, t| t.expires + FORGET_AFTER > now);
        }
        map.insert(
            token.clone(),
            Token {
                owner: owner.to_string(),
                expires: now + ttl,
            },
        );
        token
    }

    /// Expires every token still valid; returns how many.
    pub fn expire_all(&self) -> usize {
        let mut g = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let mut n = 0;
        for t in g.2.values_mut().filter(|t| t.expires > now) {
            t.expires = now;
            n += 1;
        }
        n
    }

    /// Checks a token; `owner` must match when given. Returns the owner.
    pub fn check(&self, token: &str, owner: Option<&str>) -> Result<String, TokenError> {
        let g = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let t = g.2.get(token).ok_or(TokenError::Unknown)?;
        if owner.is_some_and(|o| o != t.owner) {
            return Err(TokenError::Unknown);
        }
        if Instant::now() >= t.expires {
            return Err(TokenError::Expired);
        }
        Ok(t.owner.clone())
    }
}

/// Consecutive wrong API passwords per OIFDE tenant; at `LOCK_AFTER` the account locks
/// (gettoken answers 200800003, even to the right password) until `/__sim/reset`.
#[derive(Default)]
pub struct Lockout {
    failures: Mutex<HashMap<String, u32>>,
}

pub const LOCK_AFTER: u32 = 5;

impl Lockout {
    pub fn is_locked(&self, tenant: &str) -> bool {
        let g = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        g.get(tenant).is_some_and(|n| *n >= LOCK_AFTER)
    }
    /// Records a wrong password; true when this one locked the account.
    pub fn failed(&self, tenant: &str) -> bool {
        let mut g = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let n = g.entry(tenant.to_string()).or_insert(0);
        *n = n.saturating_add(1);
        *n >= LOCK_AFTER
    }
    pub fn succeeded(&self, tenant: &str) {
        let mut g = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        g.remove(tenant);
    }
    pub fn clear(&self) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockout_after_consecutive_failures() {
        let l = Lockout::default();
        for _ in 1..LOCK_AFTER {
            assert!(!l.failed("t"));
        }
        l.succeeded("t");
        assert!(!l.is_locked("t"));
        for _ in 1..LOCK_AFTER {
            l.failed("t");
        }
        assert!(l.failed("t") && l.is_locked("t") && !l.is_locked("u"));
        l.clear();
        assert!(!l.is_locked("t"));
    }

    #[test]
    fn tokens_expire_and_are_owned() {
        let s = TokenStore::new(1);
        let t = s.issue("app", Duration::from_millis(30));
        let u = s.issue("app", Duration::from_secs(60));
        assert_ne!(t, u);
        assert_eq!(s.check(&t, Some("app")), Ok("app".into()));
        assert_eq!(s.check(&t, Some("other")), Err(TokenError::Unknown));
        assert_eq!(s.check("nope", None), Err(TokenError::Unknown));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(s.check(&t, None), Err(TokenError::Expired));
        assert_eq!(s.check(&u, None), Ok("app".into()));
        assert_eq!(s.expire_all(), 1);
        assert_eq!(s.check(&u, None), Err(TokenError::Expired));
    }
}
