//! auth-v2 verification for CC-iSales, written from the words of AUTH.md §1 alone: it shares no
//! code with the client's signer, so the simulator is an independent oracle. A bug in one reading
//! of the doc shows up as a 401 in the tests instead of being copied to both sides.
//!
//! AUTH.md leaves the layout uncertain on three points; a simulator verifies exactly one layout
//! (`--auth-profile A|B`, default A) and answers 401 to the others, like a real gateway would.

use std::fmt::Write as _;

use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::config::Credential;

/// The layouts of AUTH.md's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthProfile {
    /// Empty query line kept, `...ss.SSSZ`, signs content-length/content-type/host when carried.
    A,
    /// No query line without parameters, `...ssZ`, signs host only.
    B,
}

impl AuthProfile {
    pub fn parse(s: &str) -> Option<AuthProfile> {
        match s {
            "A" | "a" => Some(AuthProfile::A),
            "B" | "b" => Some(AuthProfile::B),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            AuthProfile::A => "A",
            AuthProfile::B => "B",
        }
    }
}

/// Why an auth-v2 check failed. The reasons go into the 401 body; none contains a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthV2Error {
    Missing,
    Malformed,
    UnknownAccessKey,
    BadTimestamp,
    ClockSkew,
    SignedHeaders,
    BodyNotUtf8,
    SignatureMismatch,
}

impl AuthV2Error {
    pub fn reason(&self) -> String {
        match self {
            AuthV2Error::Missing => "missing Authorization header",
            AuthV2Error::Malformed => {
                "Authorization is not auth-v2/{AK}/{timestamp}/{signedHeaders}/{signature}"
            }
            AuthV2Error::UnknownAccessKey => "unknown access key",
            AuthV2Error::BadTimestamp => "timestamp is not in this gateway's format",
            AuthV2Error::ClockSkew => "timestamp outside the allowed clock skew",
            AuthV2Error::SignedHeaders => "signed headers do not match this gateway's rule",
            AuthV2Error::BodyNotUtf8 => "body is not UTF-8",
            AuthV2Error::SignatureMismatch => "signature mismatch",
        }
        .to_string()
    }
}

/// One request as received.
pub struct Received<'a> {
    pub method: &'a str,
    /// The raw path, exactly as sent (still percent-encoded), without the query.
    pub path: &'a str,
    /// The raw query string (after `?`), if any.
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// AUTH.md: "UTF-8 bytes; A-Z a-z 0-9 - . _ ~ stay, every other byte becomes %XX with upper-case hex".
fn normalize(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Decodes `%XX` escapes of a query component (a `+` stays a `+`: AUTH.md encodes space as %20).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The query line: the parameters as `normalize(k)=normalize(v)`, sorted, joined with `&`.
fn query_line(raw: &str) -> Option<String> {
    let mut pairs = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        pairs.push(format!("{}={}", normalize(&percent_decode(k)?), normalize(&percent_decode(v)?)));
    }
    pairs.sort();
    Some(pairs.join("&"))
}

fn hmac_hex(key: &[u8], msg: &str) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(msg.as_bytes());
    let mut hex = String::new();
    for b in mac.finalize().into_bytes() {
        let _ = write!(hex, "{b:02x}");
    }
    Some(hex)
}

/// `yyyy-MM-ddTHH:mm:ss.SSSZ` (A) or `yyyy-MM-ddTHH:mm:ssZ` (B) to epoch ms; the other form fails.
fn timestamp_ms(ts: &str, profile: AuthProfile) -> Option<i64> {
    let want_len = match profile {
        AuthProfile::A => 24,
        AuthProfile::B => 20,
    };
    let b = ts.as_bytes();
    if b.len() != want_len || b.last() != Some(&b'Z') {
        return None;
    }
    let fixed = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if fixed.iter().any(|&(i, c)| b.get(i) != Some(&c)) {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let s = ts.get(from..to)?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
    };
    let millis = match profile {
        AuthProfile::A if b.get(19) == Some(&b'.') => num(20, 23)?,
        AuthProfile::A => return None,
        AuthProfile::B => 0,
    };
    let month = Month::try_from(u8::try_from(num(5, 7)?).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(num(0, 4)?).ok()?, month, u8::try_from(num(8, 10)?).ok()?)
            .ok()?;
    let time = Time::from_hms(
        u8::try_from(num(11, 13)?).ok()?,
        u8::try_from(num(14, 16)?).ok()?,
        u8::try_from(num(17, 19)?).ok()?,
    )
    .ok()?;
    let t = PrimitiveDateTime::new(date, time).assume_utc();
    Some(t.unix_timestamp() * 1000 + i64::from(millis))
}

/// The signed-header list this gateway demands for this request.
fn expected_signed(profile: AuthProfile, headers: &HeaderMap) -> String {
    match profile {
        // "content-length;content-type;host, each only when the request really carries it"
        AuthProfile::A => ["content-length", "content-type", "host"]
            .into_iter()
            .filter(|h| headers.contains_key(*h))
            .collect::<Vec<_>>()
            .join(";"),
        AuthProfile::B => "host".to_string(),
    }
}

/// Verifies the `Authorization` header in `profile`'s layout; returns the access key.
pub fn verify(
    profile: AuthProfile,
    keys: &[Credential],
    req: &Received<'_>,
    now_ms: i64,
    max_skew_secs: u64,
) -> Result<String, AuthV2Error> {
    let header = req
        .headers
        .get("authorization")
        .ok_or(AuthV2Error::Missing)?
        .to_str()
        .map_err(|_| AuthV2Error::Malformed)?
        .trim();
    let rest = header.strip_prefix("auth-v2/").ok_or(AuthV2Error::Malformed)?;
    let parts: Vec<&str> = rest.split('/').collect();
    let [ak, ts, signed, signature] = parts.as_slice() else {
        return Err(AuthV2Error::Malformed);
    };
    if [ak, ts, signed, signature].iter().any(|p| p.is_empty()) {
        return Err(AuthV2Error::Malformed);
    }
    let cred = keys.iter().find(|c| c.key == *ak).ok_or(AuthV2Error::UnknownAccessKey)?;
    let at = timestamp_ms(ts, profile).ok_or(AuthV2Error::BadTimestamp)?;
    if now_ms.abs_diff(at) > max_skew_secs.saturating_mul(1000) {
        return Err(AuthV2Error::ClockSkew);
    }
    if *signed != expected_signed(profile, req.headers) {
        return Err(AuthV2Error::SignedHeaders);
    }
    let body = std::str::from_utf8(req.body).map_err(|_| AuthV2Error::BodyNotUtf8)?;

    let mut canonical = format!("{}\n{}\n", req.method.to_ascii_uppercase(), req.path);
    let query = query_line(req.query.unwrap_or("")).ok_or(AuthV2Error::SignatureMismatch)?;
    // A keeps the query line even when it is empty; B writes it only when there are parameters.
    if profile == AuthProfile::A || !query.is_empty() {
        canonical.push_str(&query);
        canonical.push('\n');
    }
    canonical.push_str(signed);
    canonical.push('\n');
    let mut lines = Vec::new();
    for name in signed.split(';') {
        let value = req.headers.get(name).and_then(|v| v.to_str().ok()).ok_or(AuthV2Error::SignedHeaders)?;
        lines.push(format!("{}:{}", normalize(name), normalize(value.trim())));
    }
    lines.sort();
    canonical.push_str(&lines.join("\n"));
    canonical.push('\n');
    if !body.is_empty() {
        canonical.push_str(&normalize(body));
    }

    let prefix = format!("auth-v2/{ak}/{ts}/{signed}");
    let signing_key = hmac_hex(cred.secret.as_bytes(), &prefix).ok_or(AuthV2Error::SignatureMismatch)?;
    let expected = hmac_hex(signing_key.as_bytes(), &canonical).ok_or(AuthV2Error::SignatureMismatch)?;
    // Constant time: do not reveal how many leading hex digits matched.
    let same = expected.len() == signature.len()
        && expected.bytes().zip(signature.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if same {
        Ok(cred.key.clone())
    } else {
        Err(AuthV2Error::SignatureMismatch)
    }
}

#[cfg(test)]
#[path = "authv2_tests.rs"]
mod tests;
