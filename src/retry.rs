//! Retry decisions and backoff with jitter (pure; the client only sleeps what `decide` says).
//!
//! Every endpoint is a read-only query, so a POST is as safe to resend as a GET. What is resent:
//! network failures, timeouts and the transient HTTP statuses (429, 500, 502, 503, 504).
//! What never is: validation, auth (401/403), vendor business codes and undecodable bodies,
//! because the same request would fail the same way. One exception is a rejected or expired
//! token: the client drops it, fetches a new one and resends once (`Decision::Reauthenticate`).
//!
//! HTTP 500: the vendor docs use 500 for "business failure, check the parameters", which comes
//! with a vendor code in the body; such an answer is decoded into an `api` error and never
//! resent. A 500 whose body carries no vendor code is a server or proxy fault and is resent
//! like 502/503 (`Failure::Status` is only used for answers without a decodable vendor code).

use time::{Date, Month, PrimitiveDateTime, Time};

/// Backoff and retry limits. `max_retries` is the client's `maxRetries` (default 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Resends after the first attempt (0 = never resend).
    pub max_retries: u32,
    /// The first backoff ceiling; it doubles with every retry ("full jitter": a uniform draw
    /// between 0 and the ceiling).
    pub base_delay_ms: u64,
    /// The backoff ceiling never grows past this.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` the client will wait. A server asking for more is not retried:
    /// the error is reported at once (with `retryable: true`) instead of hanging the caller.
    pub retry_after_cap_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, base_delay_ms: 300, max_delay_ms: 10_000, retry_after_cap_ms: 30_000 }
    }
}

/// Why one attempt failed, as far as resending is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection failed (refused, reset, DNS, CORS, body cut off mid-stream).
    Network,
    /// The attempt's timeout elapsed.
    Timeout,
    /// A non-2xx status whose body had no vendor code.
    Status(u16),
    /// A success status whose body did not decode (malformed, cut short, wrong types): a proxy
    /// or a gateway under load garbles an answer now and then; the same request usually comes
    /// back whole. Resent like a network failure, within `max_retries`.
    Undecodable,
    /// The gateway rejected the cached token (API Fabric 401, OIFDE token-expired code).
    TokenRejected,
    /// Anything that the same request would hit again: validation, auth, vendor business
    /// codes, decode errors. Also the caller's abort.
    Permanent,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Sleep this long (through the abort signal), then resend.
    Retry { delay_ms: u64 },
    /// Drop the cached token, fetch a new one, resend at once.
    Reauthenticate,
    /// Report the failure.
    GiveUp,
}

/// The per-call bookkeeping `decide` updates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetryState {
    /// Resends made so far for retryable failures.
    pub retries: u32,
    /// Whether the one re-authentication has been used.
    pub reauthenticated: bool,
}

/// TLS certificate failures (Node's codes; a browser reports no code). Resending cannot fix an
/// untrusted certificate, so these are never retried and the message says how to trust the CA.
pub const CERTIFICATE_ERROR_CODES: [&str; 10] = [
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "CERT_UNTRUSTED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "CERT_SIGNATURE_FAILURE",
];

pub fn is_certificate_error(code: &str) -> bool {
    CERTIFICATE_ERROR_CODES.contains(&code)
}

/// Response headers that carry a gateway's request id, in the order they are looked for (the
/// CEC docs name none; these are the common ones of API gateways).
pub const REQUEST_ID_HEADERS: [&str; 4] = ["x-request-id", "x-requestid", "request-id", "x-trace-id"];

/// Statuses worth resending when the body holds no vendor code.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Statuses an endpoint's doc gives a business meaning: "500: Business failure. Check the values
/// of parameters in the request." (03 callRecord, 04 API Fabric; AUTH.md §2). The same request
/// would fail the same way, so they are never resent.
const BUSINESS_FAILURE_STATUSES: &[(crate::Endpoint, u16)] =
    &[(crate::Endpoint::CallRecords, 500), (crate::Endpoint::CallManualDetail, 500)];

/// Whether `status` on `endpoint` is a documented business failure (not transient).
pub fn is_business_failure_status(endpoint: crate::Endpoint, status: u16) -> bool {
    BUSINESS_FAILURE_STATUSES.contains(&(endpoint, status))
}

/// Whether `status` (without a vendor code in the body) may succeed if resent on `endpoint`.
pub fn is_transient_status(endpoint: crate::Endpoint, status: u16) -> bool {
    is_retryable_status(status) && !is_business_failure_status(endpoint, status)
}

/// The full-jitter backoff before retry number `retry` (0-based): uniform in
/// `[0, min(max, base * 2^retry)]`. `random` is a uniform draw in `[0, 1)`.
pub fn backoff_ms(policy: &RetryPolicy, retry: u32, random: f64) -> u64 {
    let ceiling = policy
        .base_delay_ms
        .saturating_mul(1u64.checked_shl(retry.min(62)).unwrap_or(u64::MAX))
        .min(policy.max_delay_ms);
    let r = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
    // The product is ≤ ceiling, so the cast cannot overflow.
    ((ceiling as f64) * r).floor() as u64
}

/// Decides what follows a failed attempt and records it in `state`.
///
/// `retry_after_ms` is the server's `Retry-After` (already parsed, see `parse_retry_after`);
/// it replaces the jittered backoff when present, because the server knows when it will
/// recover. `random` is a uniform draw in `[0, 1)` for the jitter.
pub fn decide(
    policy: &RetryPolicy,
    state: &mut RetryState,
    failure: Failure,
    retry_after_ms: Option<u64>,
    random: f64,
) -> Decision {
    let retryable = match failure {
        Failure::Permanent => return Decision::GiveUp,
        Failure::TokenRejected => {
            if state.reauthenticated {
                return Decision::GiveUp;
            }
            state.reauthenticated = true;
            return Decision::Reauthenticate;
        }
        Failure::Network | Failure::Timeout | Failure::Undecodable => true,
        Failure::Status(s) => is_retryable_status(s),
    };
    if !retryable || state.retries >= policy.max_retries {
        return Decision::GiveUp;
    }
    let delay_ms = match retry_after_ms {
        Some(ms) if ms > policy.retry_after_cap_ms => return Decision::GiveUp,
        Some(ms) => ms,
        None => backoff_ms(policy, state.retries, random),
    };
    state.retries += 1;
    Decision::Retry { delay_ms }
}

/// Parses a `Retry-After` header value: delta-seconds (`"120"`) or an HTTP date
/// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850 and asctime forms).
/// Returns the wait in milliseconds from `now_ms` (epoch ms); a date in the past is 0.
/// `None` for anything unparseable (the caller then uses its own backoff).
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // Saturate absurdly long values; the cap in `decide` rejects them anyway.
        let secs: u64 = v.parse().unwrap_or(u64::MAX);
        return Some(secs.saturating_mul(1000));
    }
    let at = parse_http_date(v)?;
    let delta = at.saturating_sub(now_ms);
    Some(u64::try_from(delta).unwrap_or(0))
}

/// An HTTP date to epoch milliseconds. Tokens are read by shape, which covers the three forms
/// RFC 9110 requires recipients to accept:
/// `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let cleaned: String = s.chars().map(|c| if c == ',' || c == '-' { ' ' } else { c }).collect();
    let mut month = None;
    let mut clock = None;
    let mut numbers: Vec<&str> = Vec::new();
    for tok in cleaned.split_whitespace() {
        if tok.contains(':') {
            clock = Some(tok);
        } else if tok.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(tok);
        } else if let Some(m) = month_from_name(tok) {
            month = Some(m);
        } else if !(tok.eq_ignore_ascii_case("GMT") || tok.eq_ignore_ascii_case("UTC") || is_weekday(tok)) {
            return None;
        }
    }
    let (day_s, year_s) = match numbers.as_slice() {
        [d, y] => (*d, *y),
        _ => return None,
    };
    let day: u8 = day_s.parse().ok().filter(|_| day_s.len() <= 2)?;
    let year: i32 = match year_s.len() {
        4 => year_s.parse().ok()?,
        // RFC 850 two-digit years, read with the usual 1970 pivot.
        2 => {
            let yy: i32 = year_s.parse().ok()?;
            if yy < 70 {
                2000 + yy
            } else {
                1900 + yy
            }
        }
        _ => return None,
    };
    let mut hms = clock?.split(':');
    let h: u8 = hms.next()?.parse().ok()?;
    let m: u8 = hms.next()?.parse().ok()?;
    let sec: u8 = hms.next()?.parse().ok()?;
    if hms.next().is_some() {
        return None;
    }
    let date = Date::from_calendar_date(year, month?, day).ok()?;
    let time = Time::from_hms(h, m, sec).ok()?;
    let dt = PrimitiveDateTime::new(date, time).assume_utc();
    dt.unix_timestamp().checked_mul(1000)
}

fn month_from_name(tok: &str) -> Option<Month> {
    const NAMES: [(&str, Month); 12] = [
        ("jan", Month::January),
        ("feb", Month::February),
        ("mar", Month::March),
        ("apr", Month::April),
        ("may", Month::May),
        ("jun", Month::June),
        ("jul", Month::July),
        ("aug", Month::August),
        ("sep", Month::September),
        ("oct", Month::October),
        ("nov", Month::November),
        ("dec", Month::December),
    ];
    if tok.len() != 3 {
        return None;
    }
    let t = tok.to_ascii_lowercase();
    NAMES.iter().find(|(n, _)| *n == t).map(|(_, m)| *m)
}

fn is_weekday(tok: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let t = tok.to_ascii_lowercase();
    DAYS.iter().any(|d| t.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: RetryPolicy =
        RetryPolicy { max_retries: 2, base_delay_ms: 300, max_delay_ms: 10_000, retry_after_cap_ms: 30_000 };

    #[test]
    fn documented_business_500s_are_not_transient() {
        use crate::Endpoint;
        assert!(!is_transient_status(Endpoint::CallRecords, 500));
        assert!(!is_transient_status(Endpoint::CallManualDetail, 500));
        // No doc gives 500 that meaning on these: a bare 500 there is a server fault.
        assert!(is_transient_status(Endpoint::CallResults, 500));
        assert!(is_transient_status(Endpoint::TransferRecords, 500));
        assert!(is_transient_status(Endpoint::CallRecords, 503));
    }

    #[test]
    fn certificate_codes() {
        assert!(is_certificate_error("UNABLE_TO_VERIFY_LEAF_SIGNATURE"));
        assert!(is_certificate_error("DEPTH_ZERO_SELF_SIGNED_CERT"));
        assert!(!is_certificate_error("ECONNREFUSED"));
        assert!(!is_certificate_error("ENOTFOUND"));
    }

    #[test]
    fn transient_failures_are_retried_up_to_the_budget() {
        for f in [
            Failure::Network,
            Failure::Timeout,
            Failure::Undecodable,
            Failure::Status(429),
            Failure::Status(500),
            Failure::Status(502),
            Failure::Status(503),
            Failure::Status(504),
        ] {
            let mut s = RetryState::default();
            assert!(matches!(decide(&P, &mut s, f, None, 0.5), Decision::Retry { .. }), "{f:?}");
            assert!(matches!(decide(&P, &mut s, f, None, 0.5), Decision::Retry { .. }), "{f:?}");
            assert_eq!(decide(&P, &mut s, f, None, 0.5), Decision::GiveUp, "{f:?}");
            assert_eq!(s.retries, 2);
        }
    }

    #[test]
    fn permanent_failures_are_never_retried() {
        for f in [
            Failure::Permanent,
            Failure::Status(400),
            Failure::Status(401),
            Failure::Status(403),
            Failure::Status(404),
            Failure::Status(501),
        ] {
            let mut s = RetryState::default();
            assert_eq!(decide(&P, &mut s, f, None, 0.5), Decision::GiveUp, "{f:?}");
            assert_eq!(s.retries, 0);
        }
    }

    #[test]
    fn zero_retries_means_one_attempt() {
        let p = RetryPolicy { max_retries: 0, ..P };
        assert_eq!(decide(&p, &mut RetryState::default(), Failure::Network, None, 0.1), Decision::GiveUp);
    }

    #[test]
    fn one_reauthentication_only_and_it_does_not_use_the_retry_budget() {
        let mut s = RetryState::default();
        assert_eq!(decide(&P, &mut s, Failure::TokenRejected, None, 0.5), Decision::Reauthenticate);
        assert_eq!(s.retries, 0);
        assert_eq!(decide(&P, &mut s, Failure::TokenRejected, None, 0.5), Decision::GiveUp);
        // Retries still available for transient failures afterwards.
        assert!(matches!(decide(&P, &mut s, Failure::Network, None, 0.5), Decision::Retry { .. }));
        // Even with no retry budget the one re-authentication is made.
        let p0 = RetryPolicy { max_retries: 0, ..P };
        assert_eq!(
            decide(&p0, &mut RetryState::default(), Failure::TokenRejected, None, 0.5),
            Decision::Reauthenticate
        );
    }

    #[test]
    fn full_jitter_stays_within_the_doubling_ceiling() {
        assert_eq!(backoff_ms(&P, 0, 0.0), 0);
        assert_eq!(backoff_ms(&P, 0, 0.999_999), 299);
        assert_eq!(backoff_ms(&P, 1, 0.5), 300);
        assert_eq!(backoff_ms(&P, 2, 0.5), 600);
        // Capped.
        assert_eq!(backoff_ms(&P, 10, 0.5), 5_000);
        assert_eq!(backoff_ms(&P, 200, 0.999), 9_990);
        // Garbage randomness cannot produce garbage delays.
        assert_eq!(backoff_ms(&P, 1, f64::NAN), 0);
        assert_eq!(backoff_ms(&P, 1, 7.0), 600);
        for i in 0..100u32 {
            let r = f64::from(i) / 100.0;
            assert!(backoff_ms(&P, 3, r) <= 2_400);
        }
    }

    #[test]
    fn retry_after_replaces_backoff_and_is_capped() {
        let mut s = RetryState::default();
        assert_eq!(
            decide(&P, &mut s, Failure::Status(429), Some(2_000), 0.0),
            Decision::Retry { delay_ms: 2_000 }
        );
        let mut s = RetryState::default();
        assert_eq!(
            decide(&P, &mut s, Failure::Status(503), Some(30_000), 0.0),
            Decision::Retry { delay_ms: 30_000 }
        );
        let mut s = RetryState::default();
        assert_eq!(decide(&P, &mut s, Failure::Status(503), Some(30_001), 0.0), Decision::GiveUp);
        assert_eq!(s.retries, 0);
    }

    #[test]
    fn retry_after_parsing() {
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(now, 784_111_777_000);
        assert_eq!(parse_retry_after("2", now), Some(2_000));
        assert_eq!(parse_retry_after(" 0 ", now), Some(0));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now), Some(3_000));
        assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now), Some(10_000));
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:38 1994", now), Some(1_000));
        // In the past: no wait.
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(0));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(parse_retry_after("Sun, 31 Feb 1994 08:49:40 GMT", now), None);
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 25:49:40 GMT", now), None);
        // Huge delta-seconds saturate instead of overflowing.
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(u64::MAX));
    }

    #[test]
    fn rfc850_two_digit_year() {
        let t = parse_http_date("Monday, 01-Jan-24 00:00:00 GMT").unwrap();
        assert_eq!(t, 1_704_067_200_000);
    }
}
