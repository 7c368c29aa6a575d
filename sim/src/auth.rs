//! Server side of the three auth schemes (AUTH.md): auth-v2 verification for CC-iSales, and the
//! token stores behind API Fabric `tokenByAkSk` and OIFDE `gettoken`.
//!
//! auth-v2 is verified by recomputing the signature with the client library's own signer over the
//! exact bytes received, so the simulator and the client cannot drift apart on the canonical form
//! without a test noticing (AUTH.md's vectors pin both).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use cec_calldata::auth::{
    parse_auth_v2, parse_timestamp, sign_auth_v2, signatures_equal, SignInput,
};

use crate::config::Credential;
use crate::prng::{mix, Rng};

/// Why an auth-v2 check failed. The reasons go into the 401 body; none contains a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthV2Error {
    Missing,
    Malformed,
    UnknownAccessKey,
    BadTimestamp,
    ClockSkew,
    HostNotSigned,
    MissingSignedHeader(String),
    BodyNotUtf8,
    SignatureMismatch,
}

impl AuthV2Error {
    pub fn reason(&self) -> String {
        match self {
            AuthV2Error::Missing => "missing Authorization header".into(),
            AuthV2Error::Malformed => {
                "Authorization is not auth-v2/{AK}/{timestamp}/{signedHeaders}/{signature}".into()
            }
            AuthV2Error::UnknownAccessKey => "unknown access key".into(),
            AuthV2Error::BadTimestamp => {
                "timestamp is not yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-ddTHH:mm:ss.SSSZ".into()
            }
            AuthV2Error::ClockSkew => "timestamp outside the allowed clock skew".into(),
            AuthV2Error::HostNotSigned => "signed headers must include host".into(),
            AuthV2Error::MissingSignedHeader(h) => {
                format!("signed header {h} is not in the request")
            }
            AuthV2Error::BodyNotUtf8 => "body is not UTF-8".into(),
            AuthV2Error::SignatureMismatch => "signature mismatch".into(),
        }
    }
}

/// One request as received, for auth-v2 verification.
pub struct Received<'a> {
    pub method: &'a str,
    /// The raw path, exactly as sent (still percent-encoded).
    pub path: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// Verifies an auth-v2 `Authorization` header; returns the access key on success.
pub fn verify_auth_v2(
    keys: &[Credential],
    req: &Received<'_>,
    now_ms: i64,
    max_skew_secs: u64,
) -> Result<String, AuthV2Error> {
    verify_auth_v2_with_query(keys, req, &[], now_ms, max_skew_secs)
}

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

/// [`verify_auth_v2`] for a request with query parameters (decoded pairs): AUTH.md puts them,
/// sorted and normalised, on a line after the path.
pub fn verify_auth_v2_with_query(
    keys: &[Credential],
    req: &Received<'_>,
    query: &[(String, String)],
    now_ms: i64,
    max_skew_secs: u64,
) -> Result<String, AuthV2Error> {
    let header = req
        .headers
        .get("authorization")
        .ok_or(AuthV2Error::Missing)?
        .to_str()
        .map_err(|_| AuthV2Error::Malformed)?;
    let parsed = parse_auth_v2(header).ok_or(AuthV2Error::Malformed)?;
    let cred = keys
        .iter()
        .find(|c| c.key == parsed.access_key)
        .ok_or(AuthV2Error::UnknownAccessKey)?;
    let ts = parse_timestamp(parsed.timestamp).ok_or(AuthV2Error::BadTimestamp)?;
    if now_ms.abs_diff(ts) > max_skew_secs.saturating_mul(1000) {
        return Err(AuthV2Error::ClockSkew);
    }
    // The gateway binds every signature to the host it was sent to.
    if !parsed.signed_headers.contains(&"host") {
        return Err(AuthV2Error::HostNotSigned);
    }
    let mut signed: Vec<(&str, &str)> = Vec::with_capacity(parsed.signed_headers.len());
    for name in &parsed.signed_headers {
        let value = req
            .headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| AuthV2Error::MissingSignedHeader(name.to_string()))?;
        signed.push((name, value));
    }
    let body = match std::str::from_utf8(req.body) {
        Ok("") => None,
        Ok(s) => Some(s),
        Err(_) => return Err(AuthV2Error::BodyNotUtf8),
    };
    let query_pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let expected = sign_auth_v2(&SignInput {
        access_key: &cred.key,
        secret_key: &cred.secret,
        method: req.method,
        path: req.path,
        query: &query_pairs,
        headers: &signed,
        body,
        timestamp: parsed.timestamp,
    });
    // Compare whole headers: the prefix (signed-header order, AK, timestamp) must match too.
    if signatures_equal(&expected, header.trim()) {
        Ok(cred.key.clone())
    } else {
        Err(AuthV2Error::SignatureMismatch)
    }
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
        if map.len() >= MAX_TOKENS {
            let mut by_expiry: Vec<(Instant, String)> = map.iter().map(|(k, t)| (t.expires, k.clone())).collect();
            by_expiry.sort();
            for (_, k) in by_expiry.into_iter().take(map.len() + 1 - MAX_TOKENS / 2) {
                map.remove(&k);
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::demo;

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
    use axum::http::HeaderValue;

    fn keys() -> Vec<Credential> {
        vec![
            Credential::new(demo::ISALES_AK, demo::ISALES_SK),
            Credential::new(demo::AUTH_MD_AK, demo::AUTH_MD_SK),
        ]
    }

    /// 2024-01-01T00:00:00Z, the instant of AUTH.md's vectors.
    const VECTOR_NOW: i64 = 1_704_067_200_000;

    fn headers(auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("10.22.26.181:28080"));
        h.insert("authorization", HeaderValue::from_str(auth).unwrap());
        h
    }

    #[test]
    fn auth_md_vector_1_verifies() {
        let auth = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf";
        let h = headers(auth);
        let req = Received {
            method: "POST",
            path: "/rest/cmsapp/v1/ping",
            headers: &h,
            body: br#"{"say": "Hello world!"}"#,
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req, VECTOR_NOW, 900),
            Ok("globalaktest".into())
        );
        // Any change to the body, the host, the path or the clock breaks it.
        let req2 = Received {
            body: br#"{"say":"Hello world!"}"#,
            ..req
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req2, VECTOR_NOW, 900),
            Err(AuthV2Error::SignatureMismatch)
        );
        let req3 = Received {
            method: "POST",
            path: "/rest/cmsapp/v1/ping",
            headers: &h,
            body: br#"{"say": "Hello world!"}"#,
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req3, VECTOR_NOW + 901_000, 900),
            Err(AuthV2Error::ClockSkew)
        );
        assert_eq!(
            verify_auth_v2(&keys(), &req3, VECTOR_NOW - 900_000, 900),
            Ok("globalaktest".into())
        );
    }

    #[test]
    fn auth_md_vector_2_verifies() {
        let auth = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576";
        let h = headers(auth);
        let req = Received {
            method: "GET",
            path: "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428",
            headers: &h,
            body: b"",
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req, VECTOR_NOW, 900),
            Ok("globalaktest".into())
        );
        let mut other_host = h.clone();
        other_host.insert("host", HeaderValue::from_static("10.22.26.181:28081"));
        let req2 = Received {
            headers: &other_host,
            ..req
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req2, VECTOR_NOW, 900),
            Err(AuthV2Error::SignatureMismatch)
        );
    }

    #[test]
    fn rejects_bad_headers() {
        let check = |auth: &str| {
            let h = headers(auth);
            verify_auth_v2(
                &keys(),
                &Received {
                    method: "GET",
                    path: "/x",
                    headers: &h,
                    body: b"",
                },
                VECTOR_NOW,
                900,
            )
        };
        assert_eq!(check("Bearer abc"), Err(AuthV2Error::Malformed));
        assert_eq!(
            check("auth-v2/nobody/2024-01-01T00:00:00Z/host/00"),
            Err(AuthV2Error::UnknownAccessKey)
        );
        assert_eq!(
            check("auth-v2/globalaktest/2024-01-01 00:00:00/host/00"),
            Err(AuthV2Error::BadTimestamp)
        );
        assert_eq!(
            check("auth-v2/globalaktest/2024-01-01T00:00:00Z/content-type/00"),
            Err(AuthV2Error::HostNotSigned)
        );
        assert_eq!(
            check("auth-v2/globalaktest/2024-01-01T00:00:00Z/content-length;host/00"),
            Err(AuthV2Error::MissingSignedHeader("content-length".into()))
        );
        let h = HeaderMap::new();
        assert_eq!(
            verify_auth_v2(
                &keys(),
                &Received {
                    method: "GET",
                    path: "/x",
                    headers: &h,
                    body: b""
                },
                VECTOR_NOW,
                900
            ),
            Err(AuthV2Error::Missing)
        );
    }

    #[test]
    fn millis_and_content_headers_verify() {
        let body = r#"{"callId":"1-2"}"#;
        let len = body.len().to_string();
        let signed = [
            ("content-length", len.as_str()),
            ("content-type", "application/json; charset=UTF-8"),
            ("host", "127.0.0.1:9"),
        ];
        let ts = "2024-01-01T00:00:00.250Z";
        let auth = sign_auth_v2(&SignInput {
            access_key: demo::ISALES_AK,
            secret_key: demo::ISALES_SK,
            method: "POST",
            path: "/p",
            query: &[],
            headers: &signed,
            body: Some(body),
            timestamp: ts,
        });
        assert!(auth.starts_with(
            "auth-v2/cec-demo-ak/2024-01-01T00:00:00.250Z/content-length;content-type;host/"
        ));
        let mut h = HeaderMap::new();
        for (k, v) in signed {
            h.insert(k, HeaderValue::from_str(v).unwrap());
        }
        h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
        let req = Received {
            method: "POST",
            path: "/p",
            headers: &h,
            body: body.as_bytes(),
        };
        assert_eq!(
            verify_auth_v2(&keys(), &req, VECTOR_NOW, 1),
            Ok("cec-demo-ak".into())
        );
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
    }
}
