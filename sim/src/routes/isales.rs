//! CC-iSales: call result detail, call results, call records. auth-v2 first (401 on failure),
//! then validation with the documented codes in an HTTP 200 vendor envelope.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use serde::Serialize;

use super::params::{self, Obj};
use super::{ok_json, unauthorized, Shared};
use crate::authv2::{verify, Received};
use crate::data::derive::{self, CallResultItem};
use crate::data::CallFilter;

pub const SUCCESS: &str = "0200000";
const SUCCESS_DESC: &str = "Query Success!";

/// Longest sessionId (doc: "a maximum of 32 characters").
pub const MAX_SESSION_ID_CHARS: usize = 32;
/// pageSize upper bounds (doc) and the defaults chosen here: the maximum of each mode.
pub const MAX_PAGE_SIZE_DETAIL: i64 = 100;
pub const MAX_PAGE_SIZE_FINAL: i64 = 500;
pub const MAX_WINDOW_DAYS: i64 = 30;

pub use super::isales_envelope::{codes, Fail};
use super::isales_envelope::{english, envelope, envelope_with_status, fail, field};

/// auth-v2 over the raw path and the exact body bytes; `Err` is the 401 reason.
fn check_auth(
    s: &Shared,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), String> {
    let req = Received { method: method.as_str(), path: uri.path(), query: uri.query(), headers, body };
    verify(
        s.config.auth_profile,
        &s.config.isales_keys,
        &req,
        (s.config.clock)(),
        s.config.max_clock_skew_secs,
    )
    .map(|_| ())
    .map_err(|e| e.reason())
}

/// vdnId: non-numeric → 02000006, an integer outside 1..9999 → 02000007.
pub fn parse_vdn(s: &str) -> Result<u32, Fail> {
    if s.trim().is_empty() {
        return Err(fail(codes::EMPTY, "vdnId"));
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail(codes::TYPE, "vdnId"));
    }
    match s.parse::<i64>() {
        Ok(v) if (1..=9999).contains(&v) => Ok(v as u32),
        _ => Err(fail(codes::VALUE, "vdnId")),
    }
}

// ---------------------------------------------------------------------------------------------
// GET .../campaigns/{vdnId}/callresultdetail/{callId}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetailEnvelope {
    return_code: &'static str,
    data: derive::CallDetail,
    result_code: &'static str,
    result_desc: &'static str,
    return_desc: &'static str,
}

/// The shared start of the two handlers with `{vdnId}/{x}` paths: auth first (as the server
/// does), then the path, with the 0200007 text in the caller's language for later use.
fn two_segment_prelude(
    s: &Shared,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
    path: Result<Path<(String, String)>, PathRejection>,
    not_found: [&'static str; 2],
) -> Result<(String, String, &'static str), Response> {
    if let Err(reason) = check_auth(s, method, uri, headers, body) {
        return Err(unauthorized(&reason));
    }
    let nf = if english(headers) { not_found[0] } else { not_found[1] };
    match path {
        Ok(Path((a, b))) => Ok((a, b, nf)),
        Err(_) => Err(envelope(s, Fail { code: codes::CONVERSION, param: None }, nf, headers)),
    }
}

pub async fn call_result_detail(
    State(s): State<Shared>,
    path: Result<Path<(String, String)>, PathRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (vdn, call_id, nf) = match two_segment_prelude(
        &s,
        &method,
        &uri,
        &headers,
        &body,
        path,
        ["The call record ID does not exist.", "通话记录ID不存在。"],
    ) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let vdn = match parse_vdn(&vdn) {
        Ok(v) => v,
        Err(f) => return envelope(&s, f, nf, &headers),
    };
    if call_id.trim().is_empty() {
        return envelope(&s, fail(codes::EMPTY, "callId"), nf, &headers);
    }
    let found = s
        .dataset
        .find_call(&call_id)
        .filter(|&i| {
            s.dataset.calls.get(i).and_then(|c| s.dataset.campaign_of(c)).is_some_and(|c| c.def.vdn == vdn)
        })
        .and_then(|i| derive::call_detail(&s.dataset, i));
    match found {
        Some(data) => ok_json(&DetailEnvelope {
            return_code: SUCCESS,
            data,
            result_code: SUCCESS,
            result_desc: SUCCESS_DESC,
            return_desc: SUCCESS_DESC,
        }),
        None => envelope(&s, Fail { code: codes::NOT_FOUND, param: None }, nf, &headers),
    }
}

// ---------------------------------------------------------------------------------------------
// POST .../campaigns/{vdnId}/callresult/{campaignId}

/// A validated callresult query.
#[derive(Debug, Clone, PartialEq)]
pub struct CallResultsQuery {
    pub vdn: u32,
    pub campaign_id: u32,
    pub session_id: Option<String>,
    pub custom_field: Option<String>,
    pub show_detail: bool,
    pub page_size: usize,
    pub page_num: usize,
    /// `[begin, end)` dates.
    pub window: Option<(time::Date, time::Date)>,
}

/// The server's validation, in the order: vdnId, campaignId (format), body JSON, sessionId,
/// customField, showDetail, pageSize, pageNum, beginTime/endTime. Campaign existence is checked
/// by the caller afterwards.
pub fn validate_call_results(vdn: &str, campaign: &str, body: &[u8]) -> Result<CallResultsQuery, Fail> {
    let vdn = parse_vdn(vdn)?;
    if campaign.trim().is_empty() {
        return Err(fail(codes::EMPTY, "campaignId"));
    }
    let campaign_id = match params::parse_int(campaign) {
        // Any integer is well-formed; one that is no campaign of this VDN is "does not exist".
        Some(c) => u32::try_from(c).unwrap_or(0),
        None => return Err(fail(codes::TYPE, "campaignId")),
    };
    let o: Obj = params::body_object(body).ok_or(Fail { code: codes::CONVERSION, param: None })?;

    let session_id = params::nonempty_string(&o, "sessionId").map_err(field("sessionId"))?;
    // "A maximum of 32 characters", counted as the Java server counts them (String.length():
    // UTF-16 code units, so an emoji counts 2).
    if session_id.is_some_and(|s| s.encode_utf16().count() > MAX_SESSION_ID_CHARS) {
        return Err(fail(codes::TOO_LONG, "sessionId"));
    }
    let custom_field = params::nonempty_string(&o, "customField").map_err(field("customField"))?;

    let show_detail = match params::integer(&o, "showDetail").map_err(field("showDetail"))? {
        None | Some(0) => false,
        Some(1) => true,
        Some(_) => return Err(fail(codes::VALUE, "showDetail")),
    };
    let max_size = if show_detail { MAX_PAGE_SIZE_DETAIL } else { MAX_PAGE_SIZE_FINAL };
    let page_size = params::integer(&o, "pageSize").map_err(field("pageSize"))?.unwrap_or(max_size);
    if !(1..=max_size).contains(&page_size) {
        return Err(fail(codes::VALUE, "pageSize"));
    }
    let page_num = params::integer(&o, "pageNum").map_err(field("pageNum"))?.unwrap_or(1);
    if page_num < 1 {
        return Err(fail(codes::VALUE, "pageNum"));
    }

    let begin = params::nonempty_string(&o, "beginTime").map_err(field("beginTime"))?;
    let end = params::nonempty_string(&o, "endTime").map_err(field("endTime"))?;
    let window = match (begin, end) {
        (None, None) => None,
        (Some(_), None) | (None, Some(_)) => return Err(Fail { code: codes::BOTH_TIMES, param: None }),
        (Some(b), Some(e)) => {
            let (Some(b), Some(e)) = (cec_calldata::dates::parse_ymd(b), cec_calldata::dates::parse_ymd(e))
            else {
                return Err(Fail { code: codes::TIME_FORMAT, param: None });
            };
            if b >= e {
                return Err(Fail { code: codes::TIME_ORDER, param: None });
            }
            if (e - b).whole_days() > MAX_WINDOW_DAYS {
                return Err(Fail { code: codes::TIME_SPAN, param: None });
            }
            Some((b, e))
        }
    };
    Ok(CallResultsQuery {
        vdn,
        campaign_id,
        session_id: session_id.map(str::to_string),
        custom_field: custom_field.map(str::to_string),
        show_detail,
        page_size: page_size as usize,
        page_num: usize::try_from(page_num).unwrap_or(usize::MAX),
        window,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListEnvelope {
    result_code: &'static str,
    result_desc: &'static str,
    return_code: &'static str,
    return_desc: &'static str,
    total_count: usize,
    data: Vec<CallResultItem>,
}

pub async fn call_results(
    State(s): State<Shared>,
    path: Result<Path<(String, String)>, PathRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (vdn, campaign, nf) = match two_segment_prelude(
        &s,
        &method,
        &uri,
        &headers,
        &body,
        path,
        ["The outbound campaign does not exist.", "外呼活动不存在。"],
    ) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let q = match validate_call_results(&vdn, &campaign, &body) {
        Ok(q) => q,
        Err(f) => return envelope(&s, f, nf, &headers),
    };
    let ds = &s.dataset;
    let Some(ci) = ds.campaign_index(q.vdn, q.campaign_id) else {
        return envelope(&s, Fail { code: codes::NOT_FOUND, param: None }, nf, &headers);
    };
    let filter = CallFilter {
        vdn: Some(q.vdn),
        campaign: Some(ci),
        // The docs do not say whether endTime's day is in the window: `--window-end` picks.
        window: q.window.map(|(b, e)| {
            let end = if s.config.window_end_inclusive { e.next_day().unwrap_or(e) } else { e };
            (ds.offset_of_date(b), ds.offset_of_date(end))
        }),
        session_id: q.session_id.as_deref(),
        custom_field: q.custom_field.as_deref(),
        final_only: !q.show_detail,
    };
    let all = ds.select(&filter);
    let start = q.page_num.saturating_sub(1).saturating_mul(q.page_size);
    let data = all
        .iter()
        .skip(start)
        .take(q.page_size)
        .filter_map(|&i| derive::call_result_item(ds, i as usize))
        .collect();
    ok_json(&ListEnvelope {
        result_code: SUCCESS,
        result_desc: SUCCESS_DESC,
        return_code: SUCCESS,
        return_desc: SUCCESS_DESC,
        total_count: all.len(),
        data,
    })
}

// ---------------------------------------------------------------------------------------------
// POST .../campaigns/{vdnId}/callRecord

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordsEnvelope {
    return_code: &'static str,
    record_list: Vec<derive::Turn>,
    result_code: &'static str,
    result_desc: &'static str,
    return_desc: &'static str,
}

pub async fn call_records(
    State(s): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(reason) = check_auth(&s, &method, &uri, &headers, &body) {
        return unauthorized(&reason);
    }
    let Ok(Path(vdn)) = path else {
        return envelope_with_status(
            &s,
            s.config.call_record_error_status,
            Fail { code: codes::CONVERSION, param: None },
            "",
            &headers,
        );
    };
    let vdn = match parse_vdn(&vdn) {
        Ok(v) => v,
        Err(f) => return envelope_with_status(&s, s.config.call_record_error_status, f, "", &headers),
    };
    let Some(o) = params::body_object(&body) else {
        return envelope_with_status(
            &s,
            s.config.call_record_error_status,
            Fail { code: codes::CONVERSION, param: None },
            "",
            &headers,
        );
    };
    let call_id = match params::string(&o, "callId") {
        Ok(Some(c)) if !c.trim().is_empty() => c,
        Ok(_) => {
            return envelope_with_status(
                &s,
                s.config.call_record_error_status,
                fail(codes::EMPTY, "callId"),
                "",
                &headers,
            )
        }
        Err(e) => {
            return envelope_with_status(
                &s,
                s.config.call_record_error_status,
                field("callId")(e),
                "",
                &headers,
            )
        }
    };
    // An unknown callId (or one of another VDN) is not an error: like a call without a bot
    // conversation, it has an empty record list.
    let ds = &s.dataset;
    let record_list = ds
        .find_call(call_id)
        .filter(|&i| ds.calls.get(i).and_then(|c| ds.campaign_of(c)).is_some_and(|c| c.def.vdn == vdn))
        .map(|i| derive::conversation(ds, i))
        .unwrap_or_default();
    ok_json(&RecordsEnvelope {
        return_code: SUCCESS,
        record_list,
        result_code: SUCCESS,
        result_desc: "success",
        return_desc: "success",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(body: &str) -> Result<CallResultsQuery, &'static str> {
        validate_call_results("1", "101", body.as_bytes()).map_err(|f| f.code)
    }

    #[test]
    fn validation_codes() {
        assert_eq!(parse_vdn("abc").map_err(|f| f.code), Err("02000006"));
        assert_eq!(parse_vdn("0").map_err(|f| f.code), Err("02000007"));
        assert_eq!(parse_vdn("10000").map_err(|f| f.code), Err("02000007"));
        assert_eq!(parse_vdn("-1").map_err(|f| f.code), Err("02000007"));
        assert_eq!(parse_vdn("99999999999999999999999").map_err(|f| f.code), Err("02000007"));
        assert_eq!(parse_vdn("9999"), Ok(9999));
        assert_eq!(validate_call_results("1", "x", b"{}").map_err(|f| f.code), Err("02000006"));
        assert_eq!(v("not json"), Err("02000008"));
        assert_eq!(v("[]"), Err("02000008"));
        assert_eq!(v(&format!(r#"{{"sessionId":"{}"}}"#, "x".repeat(33))), Err("02000003"));
        assert!(v(&format!(r#"{{"sessionId":"{}"}}"#, "x".repeat(32))).is_ok());
        assert_eq!(v(r#"{"sessionId":5}"#), Err("02000006"));
        assert_eq!(v(r#"{"showDetail":2}"#), Err("02000007"));
        assert_eq!(v(r#"{"showDetail":1,"pageSize":101}"#), Err("02000007"));
        assert_eq!(v(r#"{"showDetail":0,"pageSize":501}"#), Err("02000007"));
        assert_eq!(v(r#"{"pageSize":0}"#), Err("02000007"));
        assert_eq!(v(r#"{"pageSize":""}"#), Err("02000001"));
        assert_eq!(v(r#"{"pageSize":"ten"}"#), Err("02000006"));
        assert_eq!(v(r#"{"pageNum":0}"#), Err("02000007"));
        assert_eq!(v(r#"{"beginTime":"2026-06-01"}"#), Err("0200008"));
        assert_eq!(v(r#"{"beginTime":"2026-06-01","endTime":"2026/06/02"}"#), Err("0200009"));
        assert_eq!(v(r#"{"beginTime":"2026-06-02","endTime":"2026-06-02"}"#), Err("0200010"));
        assert_eq!(v(r#"{"beginTime":"2026-06-01","endTime":"2026-07-02"}"#), Err("0200011"));
        let q = v(r#"{"beginTime":"2026-06-01","endTime":"2026-07-01","pageSize":"20","showDetail":"1"}"#)
            .unwrap();
        assert_eq!((q.page_size, q.page_num, q.show_detail), (20, 1, true));
        assert_eq!(v("").unwrap().page_size, 500);
        assert_eq!(v(r#"{"showDetail":1}"#).unwrap().page_size, 100);
    }
}
