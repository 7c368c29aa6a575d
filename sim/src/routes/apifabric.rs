//! API Fabric: `tokenByAkSk` (app key/secret → Bearer token) and `queryCallManualDetailInfo`
//! (CDRs). This gateway has no business envelope: errors are HTTP statuses (400/401).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cec_calldata::auth::signatures_equal;
use serde_json::json;

use super::params::{self, FieldError};
use super::{bad_request, error_json, ok_json, unauthorized, Shared};
use crate::auth::TokenError;
use crate::config::demo;
use crate::data::derive::{self, Cdr};

/// tokenByAkSk lifetime without `X-Token-Expire` (AUTH.md), and its ceiling.
pub const DEFAULT_TOKEN_TTL_SECS: u64 = 600;
pub const MAX_TOKEN_TTL_SECS: u64 = 3600;
/// queryCallManualDetailInfo returns at most this many results (`total` still counts all).
pub const MAX_RESULTS: usize = 1000;

/// `min(X-Token-Expire or 600, 3600)`; a missing, non-numeric or zero header means the default.
pub fn token_ttl(configured: Option<u64>, headers: &HeaderMap) -> u64 {
    if let Some(ttl) = configured {
        return ttl;
    }
    headers
        .get("x-token-expire")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&v| v > 0)
        .unwrap_or(DEFAULT_TOKEN_TTL_SECS)
        .min(MAX_TOKEN_TTL_SECS)
}

pub async fn token_by_ak_sk(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(o) = params::body_object(&body) else {
        return bad_request("body is not a JSON object");
    };
    let (Ok(Some(key)), Ok(Some(secret))) = (params::string(&o, "app_key"), params::string(&o, "app_secret"))
    else {
        return unauthorized("app_key and app_secret are required");
    };
    let known = s.config.apps.iter().find(|c| c.key == key);
    if !known.is_some_and(|c| signatures_equal(&c.secret, secret)) {
        return unauthorized("invalid app_key or app_secret");
    }
    let ttl = token_ttl(s.config.token_ttl_secs, &headers);
    let token = s.fabric_tokens.issue(key, Duration::from_secs(ttl));
    let now_secs = (s.config.clock)() / 1000;
    ok_json(&json!({
        "AccessToken": token,
        "ApplyType": "Bearer",
        "CreateTime": now_secs.to_string(),
        "Expires": ttl.to_string(),
        "Scope": "default",
        "AppKey": key,
        "UserID": "Anonymous",
    }))
}

/// `Authorization: Bearer <token>`, valid and unexpired; `X-APP-Key`, when sent, must be the app
/// the token was issued to.
fn check_bearer(s: &Shared, headers: &HeaderMap) -> Result<(), &'static str> {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let token = match auth.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => t.trim(),
        _ => return Err("missing Authorization: Bearer <AccessToken>"),
    };
    let app_key = headers.get("x-app-key").and_then(|v| v.to_str().ok());
    match s.fabric_tokens.check(token, app_key) {
        Ok(_) => Ok(()),
        Err(TokenError::Expired) => Err("access token expired"),
        Err(TokenError::Unknown) => Err("invalid access token"),
    }
}

/// A validated CDR query.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CdrQuery {
    pub sub_cc_no: String,
    pub vdn: u32,
    pub call_id: Option<String>,
    pub caller_no: Option<String>,
    pub callee_no: Option<String>,
    /// `[begin, end)` on the call's begin time, epoch milliseconds; either side may be open.
    pub begin_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub call_type: Option<String>,
    pub media_type: Option<String>,
    pub evaluation_value: Option<String>,
}

/// Why a CDR query fails. 04 documents two statuses: 400 "Incorrect request. Check the request
/// path and parameters." for a request that cannot be read (not JSON, a field of the wrong JSON
/// type), and 500 "Business failure. Check the values of parameters in the request." for
/// values the business rules reject (missing, non-numeric, no callId nor dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CdrFailure {
    BadRequest(String),
    Business(String),
}

impl CdrFailure {
    pub fn reason(&self) -> &str {
        match self {
            CdrFailure::BadRequest(r) | CdrFailure::Business(r) => r,
        }
    }
}

pub fn validate_cdr_query(body: &[u8]) -> Result<CdrQuery, CdrFailure> {
    use CdrFailure::{BadRequest, Business};
    let o = params::body_object(body).ok_or(BadRequest("body is not a JSON object".into()))?;
    let text =
        |k: &str| params::text(&o, k).map_err(|_: FieldError| BadRequest(format!("{k} must be a string")));
    let sub_cc_no = text("subCcNo")?.ok_or(Business("subCcNo is required".into()))?;
    let vdn = text("vdn")?.ok_or(Business("vdn is required".into()))?;
    let vdn = params::parse_int(&vdn)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or(Business("vdn must be numeric".into()))?;
    let ms = |k: &str| -> Result<Option<i64>, CdrFailure> {
        match text(k)? {
            None => Ok(None),
            Some(v) => {
                params::parse_int(&v).map(Some).ok_or(Business(format!("{k} must be epoch milliseconds")))
            }
        }
    };
    let q = CdrQuery {
        sub_cc_no,
        vdn,
        call_id: text("callId")?,
        caller_no: text("callerNo")?,
        callee_no: text("calleeNo")?,
        begin_ms: ms("beginDate")?,
        end_ms: ms("endDate")?,
        call_type: text("callType")?,
        media_type: text("mediaType")?,
        evaluation_value: text("evaluationValue")?,
    };
    if q.call_id.is_none() && q.begin_ms.is_none() && q.end_ms.is_none() {
        return Err(Business("callId or beginDate/endDate is required".into()));
    }
    Ok(q)
}

pub async fn query_call_manual_detail(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(reason) = check_bearer(&s, &headers) {
        return unauthorized(reason);
    }
    let q = match validate_cdr_query(&body) {
        Ok(q) => q,
        Err(CdrFailure::BadRequest(reason)) => return bad_request(&reason),
        Err(CdrFailure::Business(reason)) => {
            return error_json(StatusCode::INTERNAL_SERVER_ERROR, "Business failure", &reason)
        }
    };
    let ds = &s.dataset;
    let mut total = 0usize;
    let mut results: Vec<Cdr> = Vec::new();
    let list: &[u32] = match ds.by_vdn.iter().find(|(v, _)| *v == q.vdn) {
        Some((_, l)) if q.sub_cc_no == demo::SUB_CC_NO => l,
        _ => &[],
    };
    let candidates: Vec<u32> = match &q.call_id {
        Some(id) => {
            ds.find_call(id).map(|i| i as u32).filter(|i| list.binary_search(i).is_ok()).into_iter().collect()
        }
        None => {
            let ms = |i: u32| ds.calls.get(i as usize).map(|c| derive::cdr_begin_ms(ds, c)).unwrap_or(0);
            let lo = q.begin_ms.map_or(0, |b| list.partition_point(|&i| ms(i) < b));
            let hi = q.end_ms.map_or(list.len(), |e| list.partition_point(|&i| ms(i) < e));
            list.get(lo..hi.max(lo)).unwrap_or(&[]).to_vec()
        }
    };
    for i in candidates {
        let Some(cdr) = derive::cdr(ds, i as usize) else {
            continue;
        };
        let begin: i64 = cdr.call_begin.parse().unwrap_or(0);
        let eq = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        if q.begin_ms.is_some_and(|b| begin < b)
            || q.end_ms.is_some_and(|e| begin >= e)
            || !eq(&q.caller_no, &cdr.caller_no)
            || !eq(&q.callee_no, &cdr.callee_no)
            || !eq(&q.call_type, &cdr.call_type)
            || !eq(&q.media_type, &cdr.media_type)
            || !eq(&q.evaluation_value, &cdr.evaluation_value)
        {
            continue;
        }
        total += 1;
        if results.len() < MAX_RESULTS {
            results.push(cdr);
        }
    }
    // `total` is a number on the wire although documented as String (the doc's example has 2).
    ok_json(&json!({"total": total, "results": results}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn ttl_rules() {
        let mut h = HeaderMap::new();
        assert_eq!(token_ttl(None, &h), 600);
        h.insert("x-token-expire", HeaderValue::from_static("120"));
        assert_eq!(token_ttl(None, &h), 120);
        h.insert("x-token-expire", HeaderValue::from_static("99999"));
        assert_eq!(token_ttl(None, &h), 3600);
        h.insert("x-token-expire", HeaderValue::from_static("abc"));
        assert_eq!(token_ttl(None, &h), 600);
        assert_eq!(token_ttl(Some(1), &h), 1);
    }

    #[test]
    fn cdr_validation() {
        assert!(validate_cdr_query(b"nope").is_err());
        assert!(validate_cdr_query(br#"{"vdn":"1","callId":"x"}"#).unwrap_err().reason().contains("subCcNo"));
        assert!(matches!(
            validate_cdr_query(br#"{"subCcNo":"1","callId":"x"}"#),
            Err(CdrFailure::Business(r)) if r.contains("vdn")
        ));
        assert!(matches!(
            validate_cdr_query(br#"{"subCcNo":[],"callId":"x"}"#),
            Err(CdrFailure::BadRequest(_))
        ));
        assert!(validate_cdr_query(br#"{"subCcNo":"1","vdn":"one","callId":"x"}"#).is_err());
        assert!(validate_cdr_query(br#"{"subCcNo":"1","vdn":1}"#).is_err());
        assert!(validate_cdr_query(br#"{"subCcNo":"1","vdn":1,"beginDate":"soon"}"#).is_err());
        let q =
            validate_cdr_query(br#"{"subCcNo":"1","vdn":1,"beginDate":1780000000000,"evaluationValue":5}"#)
                .unwrap();
        assert_eq!((q.begin_ms, q.evaluation_value.as_deref()), (Some(1_780_000_000_000), Some("5")));
    }
}
