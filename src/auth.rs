//! Authentication for the three gateways (AUTH.md): auth-v2 signing for CC-iSales, and the token
//! responses of API Fabric `tokenByAkSk` and OIFDE `gettoken`.

use std::fmt;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use time::OffsetDateTime;

type HmacSha256 = Hmac<Sha256>;

/// How precise the auth-v2 timestamp is (AUTH.md: reading A uses ms, reading B whole seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TimestampPrecision {
    #[default]
    Millis,
    Seconds,
}

/// Inputs of one auth-v2 signature. `Debug` redacts the secret key.
#[derive(Clone)]
pub struct SignInput<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub method: &'a str,
    /// The raw request path, exactly as sent, without the query string.
    pub path: &'a str,
    /// The query parameters `(name, value)`, not yet encoded (`normalize` encodes them).
    pub query: &'a [(&'a str, &'a str)],
    /// Whether the query line is kept when there are no parameters (reading A) or left out
    /// (reading B). With parameters the line is always there.
    pub empty_query_line: bool,
    /// `(name, value)` of every signed header, values exactly as sent.
    pub headers: &'a [(&'a str, &'a str)],
    /// The exact body bytes that are sent, if any.
    pub body: Option<&'a str>,
    /// The header timestamp string (`yyyy-MM-ddTHH:mm:ss.SSSZ` or `yyyy-MM-ddTHH:mm:ssZ`).
    pub timestamp: &'a str,
}

impl fmt::Debug for SignInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInput")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("timestamp", &self.timestamp)
            .finish_non_exhaustive()
    }
}

/// AUTH.md `normalize`: unreserved bytes stay, all others become `%XX` (upper-case hex).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX_UPPER[(b >> 4) as usize] as char);
            out.push(HEX_UPPER[(b & 0xf) as usize] as char);
        }
    }
    out
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

fn hex_lower(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(HEX_LOWER[(b >> 4) as usize] as char);
        s.push(HEX_LOWER[(b & 0xf) as usize] as char);
    }
    s
}

fn hmac_hex(key: &[u8], msg: &[u8]) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable_hmac(),
    };
    mac.update(msg);
    hex_lower(&mac.finalize().into_bytes())
}

#[cold]
fn unreachable_hmac() -> ! {
    // Documented by the hmac crate: HMAC has no key-length restriction.
    unreachable!("HMAC-SHA256 accepts any key length")
}

/// Lower-cased, sorted, `;`-joined signed header names.
pub fn signed_header_names(headers: &[(&str, &str)]) -> String {
    let mut names: Vec<String> = headers.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();
    names.join(";")
}

/// The query line: `normalize(k)=normalize(v)` sorted, joined with `&` (AUTH.md).
pub fn query_line(query: &[(&str, &str)]) -> String {
    let mut pairs: Vec<String> =
        query.iter().map(|(k, v)| format!("{}={}", normalize(k), normalize(v))).collect();
    pairs.sort();
    pairs.join("&")
}

/// The canonical request of AUTH.md.
pub fn canonical_request(input: &SignInput<'_>) -> String {
    let signed = signed_header_names(input.headers);
    let mut header_lines: Vec<String> = input
        .headers
        .iter()
        .map(|(n, v)| format!("{}:{}", normalize(&n.to_ascii_lowercase()), normalize(v.trim())))
        .collect();
    header_lines.sort();
    let mut s = String::new();
    s.push_str(&input.method.to_ascii_uppercase());
    s.push('\n');
    s.push_str(input.path);
    s.push('\n');
    if !input.query.is_empty() || input.empty_query_line {
        s.push_str(&query_line(input.query));
        s.push('\n');
    }
    s.push_str(&signed);
    s.push('\n');
    s.push_str(&header_lines.join("\n"));
    s.push('\n');
    if let Some(body) = input.body {
        s.push_str(&normalize(body));
    }
    s
}

/// `auth-v2/{AK}/{timestamp}/{signedHeaders}`.
pub fn auth_string_prefix(input: &SignInput<'_>) -> String {
    format!("auth-v2/{}/{}/{}", input.access_key, input.timestamp, signed_header_names(input.headers))
}

/// The full `Authorization` header value of AUTH.md's auth-v2 scheme.
pub fn sign_auth_v2(input: &SignInput<'_>) -> String {
    let prefix = auth_string_prefix(input);
    let signing_key = hmac_hex(input.secret_key.as_bytes(), prefix.as_bytes());
    let signature = hmac_hex(signing_key.as_bytes(), canonical_request(input).as_bytes());
    format!("{prefix}/{signature}")
}

/// The Content-Type every endpoint documents; signed when `content-type` is in the header set.
pub const CONTENT_TYPE_JSON: &str = "application/json; charset=UTF-8";

/// Parsed `Authorization: auth-v2/...` header, for the verifying side (the simulator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthV2Header<'a> {
    pub access_key: &'a str,
    pub timestamp: &'a str,
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

/// Splits an auth-v2 header into its parts; `None` when it is not auth-v2 shaped.
pub fn parse_auth_v2(header: &str) -> Option<AuthV2Header<'_>> {
    let rest = header.trim().strip_prefix("auth-v2/")?;
    let mut parts = rest.split('/');
    let access_key = parts.next().filter(|s| !s.is_empty())?;
    let timestamp = parts.next().filter(|s| !s.is_empty())?;
    let signed = parts.next().filter(|s| !s.is_empty())?;
    let signature = parts.next().filter(|s| !s.is_empty())?;
    if parts.next().is_some() {
        return None;
    }
    Some(AuthV2Header { access_key, timestamp, signed_headers: signed.split(';').collect(), signature })
}

/// Constant-time comparison of two signatures (avoid leaking how many hex digits matched).
pub fn signatures_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Formats a UTC instant (milliseconds since the epoch) as the auth-v2 timestamp.
pub fn format_timestamp(epoch_millis: i64, precision: TimestampPrecision) -> Option<String> {
    let nanos = (epoch_millis as i128).checked_mul(1_000_000)?;
    let t = OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    Some(match precision {
        TimestampPrecision::Seconds => format!("{base}Z"),
        TimestampPrecision::Millis => format!("{base}.{:03}Z", t.millisecond()),
    })
}

/// Parses an auth-v2 timestamp (`...ssZ` or `...ss.SSSZ`) to epoch milliseconds.
pub fn parse_timestamp(ts: &str) -> Option<i64> {
    let body = ts.strip_suffix('Z')?;
    let (date, time_part) = body.split_once('T')?;
    let (hms, millis) = match time_part.split_once('.') {
        Some((hms, ms)) if ms.len() == 3 && ms.bytes().all(|b| b.is_ascii_digit()) => {
            (hms, ms.parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (time_part, 0),
    };
    let d = crate::dates::parse_ymd(date)?;
    let mut it = hms.split(':');
    let h: u8 = two_digits(it.next()?)?;
    let m: u8 = two_digits(it.next()?)?;
    let s: u8 = two_digits(it.next()?)?;
    if it.next().is_some() {
        return None;
    }
    let t = time::Time::from_hms(h, m, s).ok()?;
    let dt = time::PrimitiveDateTime::new(d, t).assume_utc();
    Some(dt.unix_timestamp() * 1000 + millis)
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// API Fabric `tokenByAkSk` response (AUTH.md §2). `CreateTime`/`Expires` are strings of seconds
/// on the wire; both forms are accepted.
#[derive(Clone, Deserialize)]
pub struct ApiFabricToken {
    #[serde(rename = "AccessToken")]
    pub access_token: String,
    #[serde(rename = "Expires", default, deserialize_with = "crate::normalize::opt_u64_lenient")]
    pub expires_secs: Option<u64>,
    #[serde(rename = "CreateTime", default, deserialize_with = "crate::normalize::opt_u64_lenient")]
    pub create_time: Option<u64>,
}

impl fmt::Debug for ApiFabricToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiFabricToken")
            .field("access_token", &"<redacted>")
            .field("expires_secs", &self.expires_secs)
            .finish()
    }
}

/// OIFDE `gettoken` response (AUTH.md §3).
#[derive(Clone, Deserialize)]
pub struct OifdeToken {
    #[serde(rename = "errorCode", deserialize_with = "crate::normalize::i64_lenient")]
    pub error_code: i64,
    #[serde(rename = "errorMsg", default)]
    pub error_msg: Option<String>,
    #[serde(rename = "authToken", default)]
    pub auth_token: Option<String>,
    #[serde(rename = "expireTime", default, deserialize_with = "crate::normalize::opt_u64_lenient")]
    pub expire_time_secs: Option<u64>,
}

impl fmt::Debug for OifdeToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OifdeToken")
            .field("error_code", &self.error_code)
            .field("error_msg", &self.error_msg)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "<redacted>"))
            .field("expire_time_secs", &self.expire_time_secs)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AK: &str = "globalaktest";
    const SK: &str = "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p";
    const TS: &str = "2024-01-01T00:00:00Z";
    const HOST: &str = "10.22.26.181:28080";

    fn input<'a>(
        method: &'a str,
        path: &'a str,
        body: Option<&'a str>,
        headers: &'a [(&'a str, &'a str)],
    ) -> SignInput<'a> {
        SignInput {
            access_key: AK,
            secret_key: SK,
            method,
            path,
            query: &[],
            empty_query_line: false,
            headers,
            body,
            timestamp: TS,
        }
    }

    #[test]
    fn query_line_is_sorted_and_normalised_after_the_path() {
        let h = [("host", HOST)];
        let q = [("pageSize", "10"), ("pageNum", "1"), ("a b", "x/y")];
        let i = SignInput {
            query: &q,
            ..input("GET", "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode", None, &h)
        };
        assert_eq!(
            canonical_request(&i),
            "GET\n/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode\na%20b=x%2Fy&pageNum=1&pageSize=10\nhost\nhost:10.22.26.181%3A28080\n"
        );
        // The query is part of what is signed.
        let without = input("GET", "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode", None, &h);
        assert_ne!(sign_auth_v2(&i), sign_auth_v2(&without));
    }

    #[test]
    fn vector_1_post_ping() {
        let h = [("host", HOST)];
        let i = input("POST", "/rest/cmsapp/v1/ping", Some(r#"{"say": "Hello world!"}"#), &h);
        assert_eq!(
            canonical_request(&i),
            "POST\n/rest/cmsapp/v1/ping\nhost\nhost:10.22.26.181%3A28080\n%7B%22say%22%3A%20%22Hello%20world%21%22%7D"
        );
        assert_eq!(
            sign_auth_v2(&i),
            "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf"
        );
    }

    #[test]
    fn vector_2_get_detail() {
        let h = [("host", HOST)];
        let i =
            input("GET", "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428", None, &h);
        assert_eq!(
            sign_auth_v2(&i),
            "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576"
        );
    }

    #[test]
    fn normalize_encodes_utf8_and_space() {
        assert_eq!(normalize("a b+é~"), "a%20b%2B%C3%A9~");
    }

    #[test]
    fn parse_header_round_trip() {
        let h = [("host", HOST)];
        let i = input("GET", "/x", None, &h);
        let v = sign_auth_v2(&i);
        let p = parse_auth_v2(&v).unwrap();
        assert_eq!(p.access_key, AK);
        assert_eq!(p.timestamp, TS);
        assert_eq!(p.signed_headers, vec!["host"]);
        assert!(parse_auth_v2("Bearer x").is_none());
        assert!(parse_auth_v2("auth-v2/a/b/host/sig/extra").is_none());
    }

    #[test]
    fn signed_headers_sorted_lowercase() {
        let h = [("Host", "h"), ("Content-Type", "application/json")];
        assert_eq!(signed_header_names(&h), "content-type;host");
    }

    #[test]
    fn timestamps() {
        assert_eq!(format_timestamp(1_704_067_200_000, TimestampPrecision::Seconds).unwrap(), TS);
        assert_eq!(
            format_timestamp(1_704_067_200_123, TimestampPrecision::Millis).unwrap(),
            "2024-01-01T00:00:00.123Z"
        );
        assert_eq!(parse_timestamp(TS), Some(1_704_067_200_000));
        assert_eq!(parse_timestamp("2024-01-01T00:00:00.123Z"), Some(1_704_067_200_123));
        assert_eq!(parse_timestamp("2024-02-30T00:00:00Z"), None);
        assert_eq!(parse_timestamp("2024-01-01 00:00:00"), None);
    }

    #[test]
    fn query_line_sorted_and_normalised() {
        assert_eq!(
            query_line(&[("pageSize", "10"), ("pageNum", "1"), ("a b", "é")]),
            "a%20b=%C3%A9&pageNum=1&pageSize=10"
        );
        let h = [("host", HOST)];
        let q = [("pageSize", "10"), ("pageNum", "1")];
        let mut i = input("GET", "/p", None, &h);
        i.query = &q;
        assert_eq!(
            canonical_request(&i),
            "GET\n/p\npageNum=1&pageSize=10\nhost\nhost:10.22.26.181%3A28080\n"
        );
        i.query = &[];
        assert_eq!(canonical_request(&i), "GET\n/p\nhost\nhost:10.22.26.181%3A28080\n");
        i.empty_query_line = true;
        assert_eq!(canonical_request(&i), "GET\n/p\n\nhost\nhost:10.22.26.181%3A28080\n");
    }

    #[test]
    fn debug_redacts_secret() {
        let h = [("host", HOST)];
        let i = input("GET", "/x", None, &h);
        assert!(!format!("{i:?}").contains(SK));
    }
}
