//! What one attempt's outcome means: the HTTP answer (or its absence) becomes the decoded
//! response, or an `AttemptFailure` that `crate::retry::decide` turns into give up, retry or
//! re-authenticate. Pure: the caller passes the clock in.

use crate::client::errors;
use crate::codes;
use crate::endpoint::{Endpoint, Gateway};
use crate::endpoints::{self, JsonPage};
use crate::retry::{self, Failure};
use crate::{CecError, ErrorKind, Locale};

/// A failed attempt and what the retry policy needs to know about it.
#[derive(Debug)]
pub struct AttemptFailure {
    pub error: CecError,
    pub failure: Failure,
    pub retry_after_ms: Option<u64>,
    /// The managed token the attempt used (to drop it on `Reauthenticate`).
    pub token_generation: Option<u64>,
    /// A 401 to an auth-v2 probe: resend at once with the next profile (not a retry).
    pub resign: bool,
}

impl AttemptFailure {
    /// A failure no resend can fix.
    pub fn permanent(error: CecError) -> Self {
        AttemptFailure {
            error,
            failure: Failure::Permanent,
            retry_after_ms: None,
            token_generation: None,
            resign: false,
        }
    }

    fn with(error: CecError, failure: Failure, token_generation: Option<u64>) -> Self {
        AttemptFailure { error, failure, retry_after_ms: None, token_generation, resign: false }
    }
}

/// Why an attempt got no HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer<'a> {
    Aborted,
    Timeout {
        ms: u32,
    },
    /// Refused, reset, DNS, TLS, CORS, body cut off: the runtime's message and error code.
    Network {
        message: &'a str,
        code: Option<&'a str>,
    },
}

/// The error of an attempt (of `what`: an endpoint or a token request) that got no answer.
pub fn no_answer_error(
    endpoint: Option<Endpoint>,
    what: &str,
    why: NoAnswer<'_>,
    locale: Locale,
) -> CecError {
    match why {
        NoAnswer::Aborted => errors::aborted(endpoint, locale),
        NoAnswer::Timeout { ms } => errors::timeout(endpoint, what, ms, locale),
        NoAnswer::Network { message, code } => {
            let certificate = code.is_some_and(retry::is_certificate_error);
            errors::network(endpoint, what, message, certificate, locale)
        }
    }
}

/// A data call's attempt that got no answer.
pub fn no_answer(
    endpoint: Endpoint,
    why: NoAnswer<'_>,
    token_generation: Option<u64>,
    locale: Locale,
) -> AttemptFailure {
    let error = no_answer_error(Some(endpoint), endpoint.as_str(), why, locale);
    let failure = match why {
        NoAnswer::Aborted => return AttemptFailure::permanent(error),
        NoAnswer::Timeout { .. } => Failure::Timeout,
        // An untrusted certificate stays untrusted: resending cannot help.
        NoAnswer::Network { code, .. } if code.is_some_and(retry::is_certificate_error) => Failure::Permanent,
        NoAnswer::Network { .. } => Failure::Network,
    };
    AttemptFailure::with(error, failure, token_generation)
}

/// What a failed token request means for the data call that needed it.
pub fn token_failure(error: CecError) -> AttemptFailure {
    let failure = match error.kind {
        ErrorKind::Network => Failure::Network,
        ErrorKind::Timeout => Failure::Timeout,
        ErrorKind::Http => error.http_status.map_or(Failure::Permanent, Failure::Status),
        _ => Failure::Permanent,
    };
    AttemptFailure::with(error, failure, None)
}

/// An OIFDE answer that the token is no good (900001/900002): renew it and resend once.
pub fn is_oifde_token_error(e: &CecError) -> bool {
    e.kind == ErrorKind::Api && e.code.as_deref().is_some_and(|c| codes::OIFDE_RENEW_TOKEN_CODES.contains(&c))
}

/// One HTTP answer to a data call.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub status: u16,
    pub body: &'a str,
    pub retry_after: Option<&'a str>,
}

/// Classifies an HTTP answer of `endpoint`: the decoded response (normalised JSON text), or why
/// the attempt failed.
/// `now_epoch_ms` dates a `Retry-After` given as an HTTP date.
pub fn classify(
    endpoint: Endpoint,
    answer: Answer<'_>,
    token_generation: Option<u64>,
    now_epoch_ms: i64,
    locale: Locale,
) -> Result<JsonPage, AttemptFailure> {
    classify_status(endpoint, answer, token_generation, now_epoch_ms, locale).map_err(|mut f| {
        if f.error.http_status.is_none() {
            f.error.http_status = Some(answer.status);
        }
        f
    })
}

fn classify_status(
    endpoint: Endpoint,
    Answer { status, body, retry_after }: Answer<'_>,
    token_generation: Option<u64>,
    now_epoch_ms: i64,
    locale: Locale,
) -> Result<JsonPage, AttemptFailure> {
    let what = endpoint.as_str();
    let gateway = endpoint.gateway();
    if (200..300).contains(&status) {
        // The normalised JSON text, indexed by item: what JS gets, with no typed model between.
        return endpoints::decode_page(endpoint, body, locale).map_err(|e| {
            if gateway == Gateway::Oifde && is_oifde_token_error(&e) {
                // Reported as `auth` if re-authentication does not help (or is impossible).
                let code = e.code.as_deref().unwrap_or("");
                let auth = errors::auth_code(Some(endpoint), what, code, e.description.clone(), locale);
                let failure =
                    if token_generation.is_some() { Failure::TokenRejected } else { Failure::Permanent };
                return AttemptFailure::with(auth, failure, token_generation);
            }
            if e.kind == ErrorKind::Decode {
                return AttemptFailure::with(e.with_retryable(true), Failure::Undecodable, token_generation);
            }
            AttemptFailure::permanent(e)
        });
    }
    let description = errors::body_description(body);
    if status == 401 || status == 403 {
        let error = errors::auth_status(Some(endpoint), what, status, description, locale);
        // A managed Bearer token the gateway no longer accepts: renew once and resend.
        let failure = if status == 401 && gateway != Gateway::Isales && token_generation.is_some() {
            Failure::TokenRejected
        } else {
            Failure::Permanent
        };
        return Err(AttemptFailure::with(error, failure, token_generation));
    }
    // A vendor business answer on an error status (docs: 500 = business failure) is `api`.
    if let Err(e) = endpoints::decode(endpoint, body, locale) {
        if e.kind == ErrorKind::Api {
            return Err(AttemptFailure::permanent(e.with_status(status)));
        }
    }
    // A status the endpoint's doc calls a business failure: the same request fails again.
    if retry::is_business_failure_status(endpoint, status) {
        let description = description.or_else(|| errors::body_text(body));
        let error = errors::http(Some(endpoint), what, status, description, locale).with_retryable(false);
        return Err(AttemptFailure::permanent(error));
    }
    let mut failed = AttemptFailure::with(
        errors::http(Some(endpoint), what, status, description, locale),
        Failure::Status(status),
        token_generation,
    );
    failed.retry_after_ms = retry_after.and_then(|v| retry::parse_retry_after(v, now_epoch_ms));
    Err(failed)
}

/// What a signed attempt's answer means for `signing: "auto"` (`crate::detect` decides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// Carry on with the answer as it is.
    Done,
    /// 401 while probing: resend the same request at once with the next profile.
    Resend,
    /// 401 to every profile: these were tried.
    Exhausted(Vec<&'static str>),
}

/// A CC-iSales HTTP 401 to a signed attempt.
pub fn signature_rejected(
    endpoint: Endpoint,
    body: &str,
    outcome: ProbeOutcome,
    token_generation: Option<u64>,
    locale: Locale,
) -> AttemptFailure {
    let what = endpoint.as_str();
    let description = errors::body_description(body);
    let (error, resign) = match outcome {
        ProbeOutcome::Resend => (errors::auth_status(Some(endpoint), what, 401, description, locale), true),
        ProbeOutcome::Exhausted(tried) => {
            (errors::signing_exhausted(endpoint, &tried, description, locale), false)
        }
        ProbeOutcome::Done => (errors::auth_status(Some(endpoint), what, 401, description, locale), false),
    };
    AttemptFailure { error, failure: Failure::Permanent, retry_after_ms: None, token_generation, resign }
}

#[cfg(test)]
#[path = "attempt_tests.rs"]
mod tests;
