//! `CecError`s the client itself produces (transport, auth, configuration). Messages are built
//! from statuses, endpoint names and the server's own short description, never from headers,
//! bodies we sent, keys or tokens; `scrub` removes any configured secret a server might echo.

use serde_json::Value;

use crate::endpoint::{Endpoint, Gateway};
use crate::retry::is_retryable_status;
use crate::says::{say, Msg};
use crate::{CecError, ErrorKind, Issue, Locale, Rule};

pub fn gateway_name(g: Gateway) -> &'static str {
    match g {
        Gateway::Isales => "isales",
        Gateway::ApiFabric => "apiFabric",
        Gateway::Oifde => "oifde",
    }
}

pub fn not_configured(endpoint: Endpoint, locale: Locale) -> CecError {
    let g = gateway_name(endpoint.gateway());
    let message = say(Msg::GatewayNotConfigured, locale, &[("gateway", g), ("endpoint", endpoint.as_str())]);
    let issue = Issue { field: g.to_owned(), rule: Rule::Required, code: None, message };
    CecError::validation(Some(endpoint), vec![issue], locale)
}

pub fn network(
    endpoint: Option<Endpoint>,
    what: &str,
    detail: &str,
    certificate: bool,
    locale: Locale,
) -> CecError {
    let msg = if certificate { Msg::NetworkUntrustedCertificate } else { Msg::NetworkError };
    let msg = say(msg, locale, &[("what", what), ("detail", detail)]);
    with_endpoint(CecError::new(ErrorKind::Network, msg).with_retryable(!certificate), endpoint)
}

pub fn timeout(endpoint: Option<Endpoint>, what: &str, ms: u32, locale: Locale) -> CecError {
    let msg = say(Msg::Timeout, locale, &[("what", what), ("ms", &ms.to_string())]);
    with_endpoint(CecError::new(ErrorKind::Timeout, msg).with_retryable(true), endpoint)
}

pub fn aborted(endpoint: Option<Endpoint>, locale: Locale) -> CecError {
    let what = match endpoint {
        Some(e) => e.as_str().to_owned(),
        None => say(Msg::TheRequest, locale, &[]),
    };
    let msg = say(Msg::Aborted, locale, &[("what", &what)]);
    with_endpoint(CecError::new(ErrorKind::Aborted, msg), endpoint)
}

pub fn http(
    endpoint: Option<Endpoint>,
    what: &str,
    status: u16,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = say(Msg::HttpStatus, locale, &[("what", what), ("status", &status.to_string())]);
    let mut e =
        CecError::new(ErrorKind::Http, msg).with_status(status).with_retryable(is_retryable_status(status));
    e.description = description;
    with_endpoint(e, endpoint)
}

pub fn auth_status(
    endpoint: Option<Endpoint>,
    what: &str,
    status: u16,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = say(Msg::AuthStatus, locale, &[("what", what), ("status", &status.to_string())]);
    let mut e = CecError::new(ErrorKind::Auth, msg).with_status(status);
    e.description = description;
    with_endpoint(e, endpoint)
}

/// `isales.sign` threw, rejected or returned something that is not an auth-v2 header.
pub fn remote_sign_failed(endpoint: Endpoint, detail: &str, locale: Locale) -> CecError {
    let msg = say(Msg::RemoteSignFailed, locale, &[("what", endpoint.as_str()), ("detail", detail)]);
    CecError::new(ErrorKind::Auth, msg).with_endpoint(endpoint)
}

/// Every auth-v2 profile `"auto"` tried got 401: the layout is not the problem.
pub fn signing_exhausted(
    endpoint: Endpoint,
    tried: &[&str],
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = say(Msg::SigningExhausted, locale, &[("what", endpoint.as_str()), ("list", &tried.join(", "))]);
    let mut e = CecError::new(ErrorKind::Auth, msg).with_status(401);
    e.description = description;
    e.with_endpoint(endpoint)
}

/// OIFDE `gettoken` (or a data call) answered a non-zero token/credential `errorCode`.
pub fn auth_code(
    endpoint: Option<Endpoint>,
    what: &str,
    code: &str,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = say(Msg::AuthCode, locale, &[("what", what), ("code", code)]);
    let mut e = CecError::new(ErrorKind::Auth, msg).with_code(code);
    e.description = description;
    with_endpoint(e, endpoint)
}

/// An answer the client could not read; `detail` is a catalogue sentence.
pub fn bad_token_response(endpoint: Option<Endpoint>, what: &str, detail: Msg, locale: Locale) -> CecError {
    let detail = say(detail, locale, &[]);
    let msg = say(Msg::BadTokenResponse, locale, &[("what", what), ("detail", &detail)]);
    with_endpoint(CecError::new(ErrorKind::Decode, msg), endpoint)
}

fn with_endpoint(e: CecError, endpoint: Option<Endpoint>) -> CecError {
    match endpoint {
        Some(ep) => e.with_endpoint(ep),
        None => e,
    }
}

/// A short description from an error body: the first string among the usual message keys of a
/// JSON object, at most 300 characters. Non-JSON bodies (HTML error pages) give none.
pub fn body_description(body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    const KEYS: [&str; 9] = [
        "reason",
        "message",
        "errorMessage",
        "errorMsg",
        "error_msg",
        "error_description",
        "resultDesc",
        "returnDesc",
        "error",
    ];
    let o = v.as_object()?;
    let text =
        KEYS.iter().find_map(|k| o.get(*k).and_then(Value::as_str).filter(|s| !s.trim().is_empty()))?;
    // Kept long here: it is cut to its final length only after scrubbing (`crate::redact`), so a
    // credential is never cut in half before it is recognised.
    Some(text.chars().take(8 * 1024).collect())
}

/// The body itself as a description, when it is short text (a gateway's plain-text business
/// failure): trimmed, at most 300 characters; HTML pages give none.
pub fn body_text(body: &str) -> Option<String> {
    let t = body.trim();
    if t.is_empty() || t.starts_with('<') {
        return None;
    }
    Some(t.chars().take(300).collect())
}

/// Scrubs every credential from the error's texts (`crate::redact`): the configured secrets,
/// the tokens the client obtained, and anything shaped like a credential it sends.
pub fn scrub(e: CecError, secrets: &[String], issued: &[String]) -> CecError {
    let all: Vec<&str> = secrets.iter().chain(issued).map(String::as_str).collect();
    crate::redact::scrub_error(e, &all)
}
