//! Checkpoints of the paging iterators (pure): a small JSON value naming where an iteration
//! stands (`paging::Position`), bound to the request it came from by a fingerprint, so that
//! `{ resume: checkpoint }` in a new process continues after the last item the caller consumed.
//!
//! A checkpoint holds no secrets: the requests it fingerprints carry no credentials (OIFDE puts
//! them in the body only at send time), and the fingerprint is a hash, not the request.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::endpoint::Endpoint;
use crate::paging::Position;
use crate::says::{say_field, Msg};
use crate::{Issue, Locale, Rule};

/// Format version; a checkpoint of another version is refused rather than misread.
pub const VERSION: u64 = 1;

/// The JSON shape handed to JS (`iterator.checkpoint()`) and accepted back (`{ resume }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub v: u64,
    /// `"callResults"` or `"transferRecords"`.
    pub endpoint: String,
    /// Fingerprint of the request (range, filters, page size): a checkpoint only fits its own.
    pub request: String,
    pub window: u64,
    pub page: u64,
    pub offset: u64,
    /// Items consumed so far, over every run (for progress).
    pub yielded: u64,
    /// Whether the iteration had finished.
    pub done: bool,
}

fn endpoint_name(e: Endpoint) -> &'static str {
    match e {
        Endpoint::TransferRecords => "transferRecords",
        _ => "callResults",
    }
}

/// FNV-1a 64 over the request's canonical JSON (typed struct → fixed field order). Not a
/// security measure: it catches a checkpoint passed to a different request by mistake.
pub fn fingerprint<R: Serialize>(endpoint: Endpoint, request: &R) -> String {
    let text = serde_json::to_string(request).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in endpoint_name(endpoint).bytes().chain([0u8]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

pub fn make(endpoint: Endpoint, request: &str, pos: Position, yielded: u64, windows: usize) -> Checkpoint {
    Checkpoint {
        v: VERSION,
        endpoint: endpoint_name(endpoint).to_owned(),
        request: request.to_owned(),
        window: pos.window as u64,
        page: pos.page,
        offset: pos.offset,
        yielded,
        done: pos.window >= windows,
    }
}

fn issue(field: &str, rule: Rule, locale: Locale, msg: Msg) -> Issue {
    let field = format!("options.resume{}{field}", if field.is_empty() { "" } else { "." });
    let message = say_field(msg, locale, &field);
    Issue { field, rule, code: None, message }
}

fn uint(v: &Value, key: &str, issues: &mut Vec<Issue>, locale: Locale) -> Option<u64> {
    match v.get(key) {
        Some(n) if n.as_u64().is_some_and(|n| n <= (1u64 << 53)) => n.as_u64(),
        Some(_) => {
            issues.push(issue(key, Rule::Type, locale, Msg::MustBeNonNegative));
            None
        }
        None => {
            issues.push(issue(key, Rule::Required, locale, Msg::Required));
            None
        }
    }
}

/// Checks a checkpoint from JS against the iteration it is meant to resume; returns where to
/// continue and the items consumed so far. Every problem is an `Issue` under `options.resume`.
pub fn parse(
    value: &Value,
    endpoint: Endpoint,
    request: &str,
    windows: usize,
    page_size: u32,
    locale: Locale,
) -> Result<(Position, u64), Vec<Issue>> {
    let mut issues = Vec::new();
    if !value.is_object() {
        issues.push(issue("", Rule::Type, locale, Msg::CheckpointNotObject));
        return Err(issues);
    }
    if value.get("v").and_then(Value::as_u64) != Some(VERSION) {
        issues.push(issue("v", Rule::AllowedValues, locale, Msg::CheckpointVersion));
    }
    if value.get("endpoint").and_then(Value::as_str) != Some(endpoint_name(endpoint)) {
        issues.push(issue("endpoint", Rule::AllowedValues, locale, Msg::CheckpointEndpoint));
    }
    if value.get("request").and_then(Value::as_str) != Some(request) {
        issues.push(issue("request", Rule::AllowedValues, locale, Msg::CheckpointRequest));
    }
    let window = uint(value, "window", &mut issues, locale);
    let page = uint(value, "page", &mut issues, locale);
    let offset = uint(value, "offset", &mut issues, locale);
    let yielded = uint(value, "yielded", &mut issues, locale);
    if window.is_some_and(|w| w > windows as u64) {
        issues.push(issue("window", Rule::Range, locale, Msg::CheckpointPastWindows));
    }
    if page == Some(0) {
        issues.push(issue("page", Rule::Range, locale, Msg::CheckpointPageAtLeastOne));
    }
    if offset.is_some_and(|o| o >= u64::from(page_size.max(1))) {
        issues.push(issue("offset", Rule::Range, locale, Msg::CheckpointOffset));
    }
    match (window, page, offset, yielded) {
        (Some(w), Some(p), Some(o), Some(y)) if issues.is_empty() => {
            Ok((Position { window: usize::try_from(w).unwrap_or(usize::MAX), page: p, offset: o }, y))
        }
        _ => Err(issues),
    }
}
