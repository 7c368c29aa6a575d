//! `/__sim/`: observability and control, absent from the real API. All JSON.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{json, Value};

use super::{apifabric, bad_request, isales, oifde, ok_json, Shared};
use crate::config::demo;
use crate::data::catalog::{CUSTOM_FIELDS, VDNS};
use crate::data::{derive, CallFilter};
use crate::faults;

pub async fn stats(State(s): State<Shared>) -> Response {
    ok_json(&s.stats.to_json())
}

pub async fn reset(State(s): State<Shared>) -> Response {
    s.stats.reset();
    s.oifde_lockout.clear();
    ok_json(&s.stats.to_json())
}

/// Expires every issued API Fabric and OIFDE token at once (as a gateway restart or a revocation
/// would), so tests can watch a client renew mid-export. Answers how many were expired.
pub async fn expire_tokens(State(s): State<Shared>) -> Response {
    let fabric = s.fabric_tokens.expire_all();
    let oifde = s.oifde_tokens.expire_all();
    ok_json(&json!({"apiFabric": fabric, "oifde": oifde}))
}

/// How many sample callIds `/__sim/dataset` lists per kind.
const SAMPLES: usize = 5;

pub async fn dataset(State(s): State<Shared>) -> Response {
    let ds = &s.dataset;
    let cfg = &s.config;
    let date = |off: Option<u32>| off.map(|t| ds.date_str(t as i64));
    let campaigns: Vec<Value> = ds
        .campaigns
        .iter()
        .map(|c| {
            let first = c.calls.first().and_then(|&i| ds.calls.get(i as usize)).map(|x| x.time);
            let last = c.calls.last().and_then(|&i| ds.calls.get(i as usize)).map(|x| x.time);
            json!({
                "campaignId": c.def.id,
                "vdnId": c.def.vdn,
                "name": c.def.name,
                "language": c.def.language.code(),
                "callType": c.def.call_type,
                "callerNo": c.def.caller_no,
                "firstCallDate": date(first),
                "lastCallDate": date(last),
                "calls": c.calls.len(),
                "sessions": c.sessions,
                "successes": c.successes,
                "failures": c.calls.len() as u32 - c.successes,
                "transfers": c.transfers,
            })
        })
        .collect();
    let vdns: Vec<Value> = VDNS
        .iter()
        .map(|&v| {
            let ids: Vec<u32> = ds.campaigns.iter().filter(|c| c.def.vdn == v).map(|c| c.def.id).collect();
            let calls = ds.by_vdn.iter().find(|(x, _)| *x == v).map_or(0, |(_, l)| l.len());
            json!({"vdnId": v, "campaignIds": ids, "calls": calls})
        })
        .collect();
    // Samples spread over the dataset so they are not all from the first hour.
    let spread = |idx: &[usize]| -> Vec<String> {
        let step = (idx.len() / SAMPLES).max(1);
        idx.iter().step_by(step).take(SAMPLES).map(|&i| ds.call_id(i)).collect()
    };
    let transfers: Vec<usize> = ds.transfers.iter().map(|&i| i as usize).collect();
    let connected: Vec<usize> = (0..ds.calls.len()).filter(|&i| ds.calls[i].success()).step_by(997).collect();
    let failed: Vec<usize> = (0..ds.calls.len()).filter(|&i| !ds.calls[i].success()).step_by(997).collect();
    let mut custom: Vec<&str> = CUSTOM_FIELDS.iter().copied().filter(|c| !c.is_empty()).collect();
    custom.dedup();
    let last_day = ds.params.start_date + time::Duration::days(ds.params.days as i64 - 1);
    ok_json(&json!({
        "seed": ds.params.seed,
        "calls": ds.calls.len(),
        "sessions": ds.sessions,
        "transfers": ds.transfers.len(),
        "generationMs": (ds.generation_time.as_secs_f64() * 1e4).round() / 10.0,
        "timeZone": "UTC",
        "dateRange": {
            "startDate": cec_calldata::dates::format_ymd(ds.params.start_date),
            "endDate": cec_calldata::dates::format_ymd(last_day),
            "days": ds.params.days,
        },
        "vdns": vdns,
        "campaigns": campaigns,
        "customFields": custom,
        "subCcNo": demo::SUB_CC_NO,
        "sampleTransferCallIds": spread(&transfers),
        "sampleConnectedCallIds": spread(&connected),
        "sampleFailedCallIds": spread(&failed),
        "credentials": {
            "isales": {"ak": demo::ISALES_AK, "sk": demo::ISALES_SK, "authMdAk": demo::AUTH_MD_AK, "authMdSk": demo::AUTH_MD_SK},
            "apiFabric": {"appKey": demo::APP_KEY, "appSecret": demo::APP_SECRET},
            "oifde": {"tenantId": demo::OIFDE_TENANT, "appSecret": demo::OIFDE_SECRET},
        },
        "limits": {
            "callResults": {
                "defaultPageNum": 1,
                "defaultPageSizeShowDetail0": isales::MAX_PAGE_SIZE_FINAL,
                "defaultPageSizeShowDetail1": isales::MAX_PAGE_SIZE_DETAIL,
                "maxWindowDays": isales::MAX_WINDOW_DAYS,
            },
            "callManualDetailMaxResults": apifabric::MAX_RESULTS,
            "transferRecords": {"defaultPageSize": oifde::DEFAULT_PAGE_SIZE, "pageSizes": oifde::PAGE_SIZES},
            "maxClockSkewSecs": cfg.max_clock_skew_secs,
            "authProfile": cfg.auth_profile.name(),
            "tokenTtlSecs": cfg.token_ttl_secs,
            "batchClusterMs": cfg.batch_cluster_ms,
        },
    }))
}

/// Ground truth: every call result matching the query, unpaged, same items and order as the
/// callresult endpoint. Query: vdnId, campaignId, beginTime, endTime (YYYY-MM-DD, each optional,
/// no 30-day limit), showDetail (0 default), sessionId, customField.
pub async fn calls(
    State(s): State<Shared>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = query else {
        return bad_request("malformed query string");
    };
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let ds = &s.dataset;
    let vdn = match get("vdnId").map(isales::parse_vdn) {
        None => None,
        Some(Ok(v)) => Some(v),
        Some(Err(_)) => return bad_request("vdnId must be an integer 1..9999"),
    };
    let campaign = match get("campaignId") {
        None => None,
        Some(c) => {
            let Ok(id) = c.parse::<u32>() else {
                return bad_request("campaignId must be an integer");
            };
            match ds.campaigns.iter().position(|x| x.def.id == id && vdn.is_none_or(|v| v == x.def.vdn)) {
                Some(i) => Some(i),
                None => return ok_json(&json!({"totalCount": 0, "data": []})),
            }
        }
    };
    let day = |k: &str| -> Result<Option<i64>, String> {
        match get(k) {
            None => Ok(None),
            Some(v) => cec_calldata::dates::parse_ymd(v)
                .map(|d| Some(ds.offset_of_date(d)))
                .ok_or_else(|| format!("{k} must be YYYY-MM-DD")),
        }
    };
    let (begin, end) = match (day("beginTime"), day("endTime")) {
        (Ok(b), Ok(e)) => (b, e),
        (Err(r), _) | (_, Err(r)) => return bad_request(&r),
    };
    let final_only = match get("showDetail") {
        None | Some("0") => true,
        Some("1") => false,
        Some(_) => return bad_request("showDetail must be 0 or 1"),
    };
    let window = match (begin, end) {
        (None, None) => None,
        (b, e) => Some((b.unwrap_or(i64::MIN), e.unwrap_or(i64::MAX))),
    };
    let filter = CallFilter {
        vdn,
        campaign,
        window,
        session_id: get("sessionId"),
        custom_field: get("customField"),
        final_only,
    };
    let data: Vec<derive::CallResultItem> =
        ds.select(&filter).iter().filter_map(|&i| derive::call_result_item(ds, i as usize)).collect();
    // A struct (not `json!`) keeps the items' key order byte-identical to the API's.
    ok_json(&CallsResponse { total_count: data.len(), data })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CallsResponse {
    total_count: usize,
    data: Vec<derive::CallResultItem>,
}

pub async fn get_faults(State(s): State<Shared>) -> Response {
    ok_json(&s.faults.list_json())
}

pub async fn set_faults(State(s): State<Shared>, body: Bytes) -> Response {
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return bad_request("body must be JSON: a list of faults");
    };
    match faults::parse_list(&v) {
        Ok(list) => {
            s.faults.replace(list);
            ok_json(&s.faults.list_json())
        }
        Err(e) => bad_request(&e),
    }
}

pub async fn clear_faults(State(s): State<Shared>) -> Response {
    s.faults.replace(Vec::new());
    super::json_response(StatusCode::OK, &s.faults.list_json())
}
