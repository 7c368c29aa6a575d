//! The error model shared by every operation: validation issues and `CecError`.
//!
//! The boundary turns a `CecError` into the JS `CecError` class; everything here is plain Rust.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::endpoint::Endpoint;
use crate::says::{say, Msg};

/// The rule a request field broke. Serialized as the kebab-case names the JS API documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Required,
    Type,
    Range,
    MaxLength,
    AllowedValues,
    BothOrNeither,
    OneOfRequired,
    DateFormat,
    DateOrder,
    WindowTooLong,
    /// A key that is not a documented field of the request (a typo would be silently ignored).
    UnknownField,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Range => "range",
            Rule::MaxLength => "max-length",
            Rule::AllowedValues => "allowed-values",
            Rule::BothOrNeither => "both-or-neither",
            Rule::OneOfRequired => "one-of-required",
            Rule::DateFormat => "date-format",
            Rule::DateOrder => "date-order",
            Rule::WindowTooLong => "window-too-long",
            Rule::UnknownField => "unknown-field",
        }
    }
}

/// One problem with a request: which field, which rule, the vendor code the server would have
/// answered (where the docs give one), and a sentence in the caller's locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Issue {
    /// The request field's documented name, or `""` for the request as a whole.
    pub field: String,
    pub rule: Rule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub code: Option<String>,
    pub message: String,
}

/// What went wrong, coarsely: the JS `CecError.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// The request broke a documented rule; nothing was sent.
    Validation,
    /// The server answered with a vendor error code (business failure).
    Api,
    /// A non-2xx HTTP status without a decodable vendor code.
    Http,
    /// The connection failed (DNS, refused, reset, CORS).
    Network,
    /// The per-call or client timeout elapsed.
    Timeout,
    /// The caller's AbortSignal fired.
    Aborted,
    /// Authentication failed (401/403, bad signature, bad token or credentials).
    Auth,
    /// The body was not the JSON the docs describe.
    Decode,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Api => "api",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Auth => "auth",
            ErrorKind::Decode => "decode",
        }
    }
}

/// The one error type of every operation. Field names match the JS `CecError` properties.
///
/// It never holds secrets: messages are built from codes, statuses, field names and the
/// server's own description, never from credentials or headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CecError {
    pub kind: ErrorKind,
    /// Human-readable sentence in the caller's locale.
    pub message: String,
    /// Vendor error code (`0200011`, OIFDE `errorCode` as a string), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    /// Every validation issue (kind `validation` only; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// The server's own description (`resultDesc`, `errorMessage`, ...), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the same request may succeed if sent again.
    pub retryable: bool,
    /// How many HTTP attempts were made (0 when nothing was sent).
    #[serde(default)]
    pub attempts: u32,
    /// The gateway's request id of the last response (`X-Request-Id`, ...), for its support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl CecError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CecError {
            kind,
            message: message.into(),
            code: None,
            http_status: None,
            endpoint: None,
            issues: Vec::new(),
            description: None,
            retryable: false,
            attempts: 0,
            request_id: None,
        }
    }

    pub fn with_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
    pub fn with_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// A validation error carrying every issue; the message summarises them.
    pub fn validation(endpoint: Option<Endpoint>, issues: Vec<Issue>, locale: crate::Locale) -> Self {
        let summary = issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; ");
        let message = say(Msg::InvalidRequest, locale, &[("issues", &summary)]);
        let mut e = CecError::new(ErrorKind::Validation, message);
        e.endpoint = endpoint;
        e.issues = issues;
        e
    }
}

impl CecError {
    /// A `Decode` error: the body was not the JSON the docs describe.
    ///
    /// `subject` names what was decoded (`"the callResults response"`), already in `locale`;
    /// `path` is the JSON path of the offending value (`data[3].callStatus`) when known;
    /// `detail` is the parser's own explanation.
    pub fn decode(
        endpoint: Option<Endpoint>,
        subject: &str,
        path: Option<&str>,
        detail: &str,
        locale: crate::Locale,
    ) -> Self {
        let message = match path {
            Some(p) => {
                say(Msg::CouldNotDecodeAt, locale, &[("subject", subject), ("path", p), ("detail", detail)])
            }
            None => say(Msg::CouldNotDecode, locale, &[("subject", subject), ("detail", detail)]),
        };
        let mut e = CecError::new(ErrorKind::Decode, message);
        e.endpoint = endpoint;
        e
    }
}

impl fmt::Display for CecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CecError {}
