//! The token stores behind API Fabric `tokenByAkSk` and OIFDE `gettoken` (AUTH.md §2, §3), and
//! the OIFDE lockout. auth-v2 verification is in `authv2.rs` (independent of the client's
//! signer); the query helpers at the end of this file only adapt the queryOBSResultCode route to it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::prng::{mix, Rng};

/// Splits a raw query string into decoded `(key, value)` pairs, as a servlet container hands
/// them to the application (`+` is a space there too).
pub fn decode_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

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
/// Hard bound on remembered tokens: past it the soonest-expiring are dropped, so a client that
/// asks for tokens in a loop cannot grow the simulator's memory without end.
const MAX_TOKENS: usize = 50_000;

impl TokenStore {
    pub fn new(seed: u64) -> TokenStore {
        TokenStore { tokens: Mutex::new((Rng::new(seed), 0, HashMap::new())) }
    }

    /// Issues a token for `owner` (app key or tenant id) valid for `ttl`.
    pub fn issue(&self, owner: &str, ttl: Duration) -> String {
        let mut g = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let (rng, counter, map) = &mut *g;
        *counter += 1;
        // Seeded RNG + counter: reproducible across runs, unique within one.
        let token = format!("{:016x}{:016x}", rng.next_u64(), mix(rng.next_u64(), *counter));
        let now = Instant::now();
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, t| t.expires + FORGET_AFTER > now);
        }
        if map.len() >= MAX_TOKENS {
            let mut by_expiry: Vec<(Instant, String)> =
                map.iter().map(|(k, t)| (t.expires, k.clone())).collect();
            by_expiry.sort();
            for (_, k) in by_expiry.into_iter().take(map.len() + 1 - MAX_TOKENS / 2) {
                map.remove(&k);
            }
        }
        map.insert(token.clone(), Token { owner: owner.to_string(), expires: now + ttl });
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
    fn the_token_table_stays_bounded() {
        let store = TokenStore::new(1);
        let first = store.issue("a", Duration::from_secs(3600));
        for _ in 0..(MAX_TOKENS + 10) {
            store.issue("a", Duration::from_secs(3600));
        }
        let len = store.tokens.lock().map(|g| g.2.len()).unwrap_or(usize::MAX);
        assert!(len <= MAX_TOKENS, "{len}");
        // The newest token still works; the oldest was forgotten.
        let newest = store.issue("a", Duration::from_secs(7200));
        assert!(store.check(&newest, Some("a")).is_ok());
        assert!(store.check(&first, Some("a")).is_err());
    }

    #[test]
    fn query_strings_decode_like_a_java_server() {
        assert_eq!(
            decode_query("pageSize=10&pageNum=1&a+b=%C3%A9"),
            vec![
                ("pageSize".to_string(), "10".to_string()),
                ("pageNum".to_string(), "1".to_string()),
                ("a b".to_string(), "é".to_string()),
            ]
        );
    }

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
