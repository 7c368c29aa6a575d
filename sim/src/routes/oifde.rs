//! OIFDE: `gettoken` (tenant id + API password → authToken) and `queryTransferRecordHistory`.
//! Errors are HTTP 200 with a non-zero `errorCode`, as on the real gateway.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use cec_calldata::auth::signatures_equal;
use serde_json::json;

use super::params::{self, FieldError};
use super::{ok_json, Shared};
use crate::auth::TokenError;
use crate::data::derive::{self, TransferRecord};

/// gettoken lifetime when `--token-ttl` is not given (AUTH.md's example).
pub const DEFAULT_TOKEN_TTL_SECS: u64 = 3600;
pub const PAGE_SIZES: [i64; 5] = [5, 10, 20, 50, 100];
pub const DEFAULT_PAGE_SIZE: i64 = 100;

/// The OIAP common error codes (FAILCODES.md §4, cec_07_2000; AUTH.md §3). Doc 05 itself only
/// says "non-zero"; these are the documented codes of the OIAP interfaces. The docs do not say
/// which one each fault gets, so the closest wording is used.
pub mod codes {
    pub const SUCCESS: i64 = 0;
    /// 900001 "No token information exists or the token has expired." (missing or expired)
    pub const TOKEN_MISSING_OR_EXPIRED: i64 = 900_001;
    /// 900002 "Failed to check the token information." (unknown, or another tenant's)
    pub const TOKEN_CHECK_FAILED: i64 = 900_002;
    /// gettoken: 200800001 "密钥不存在" (no such appKey, i.e. tenant id).
    pub const KEY_NOT_FOUND: i64 = 200_800_001;
    /// gettoken: 200800002 "密钥错误" (wrong appSecret).
    pub const KEY_WRONG: i64 = 200_800_002;
    /// gettoken: 200800003 "锁账号" (after `auth::LOCK_AFTER` wrong passwords in a row).
    pub const ACCOUNT_LOCKED: i64 = 200_800_003;
    /// 10000002 "The parameter is incorrect. Generally, the request does not provide all
    /// mandatory fields." (body not JSON, no callId/userMobile/ctiCallId, bad page or time).
    /// 200900003 has the same Chinese wording but no retrieved English text; 10000002's English
    /// row is the doc's own, so it is the one used.
    pub const BAD_PARAMETER: i64 = 10_000_002;
}

pub async fn gettoken(State(s): State<Shared>, body: Bytes) -> Response {
    let Some(o) = params::body_object(&body) else {
        return ok_json(
            &json!({"errorCode": codes::BAD_PARAMETER, "errorMsg": "request body is not a JSON object"}),
        );
    };
    let (Ok(Some(tenant)), Ok(Some(secret))) =
        (params::string(&o, "appKey"), params::string(&o, "appSecret"))
    else {
        return ok_json(
            &json!({"errorCode": codes::BAD_PARAMETER, "errorMsg": "appKey and appSecret are required"}),
        );
    };
    let Some(known) = s.config.tenants.iter().find(|c| c.key == tenant) else {
        return ok_json(&json!({"errorCode": codes::KEY_NOT_FOUND, "errorMsg": "key does not exist"}));
    };
    if s.oifde_lockout.is_locked(tenant) {
        return ok_json(&json!({"errorCode": codes::ACCOUNT_LOCKED, "errorMsg": "account locked"}));
    }
    if !signatures_equal(&known.secret, secret) {
        let code = if s.oifde_lockout.failed(tenant) { codes::ACCOUNT_LOCKED } else { codes::KEY_WRONG };
        return ok_json(&json!({"errorCode": code, "errorMsg": "wrong key"}));
    }
    s.oifde_lockout.succeeded(tenant);
    let ttl = s.config.token_ttl_secs.unwrap_or(DEFAULT_TOKEN_TTL_SECS);
    let token = s.oifde_tokens.issue(tenant, Duration::from_secs(ttl));
    ok_json(&json!({"errorCode": codes::SUCCESS, "errorMsg": "", "authToken": token, "expireTime": ttl}))
}

fn error(code: i64, message: &str) -> Response {
    ok_json(&json!({"errorCode": code, "errorMessage": message}))
}

/// A validated transfer-record query.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TransferQuery {
    pub call_id: Option<String>,
    pub user_mobile: Option<String>,
    pub cti_call_id: Option<String>,
    pub page_num: usize,
    pub page_size: usize,
    /// `[begin, end)` on startTime, epoch milliseconds; either side may be open.
    pub begin_ms: Option<i64>,
    pub end_ms: Option<i64>,
}

pub fn validate_transfer_query(o: &params::Obj) -> Result<TransferQuery, String> {
    let text = |k: &str| params::text(o, k).map_err(|_: FieldError| format!("{k} must be a string"));
    let num = |k: &str| -> Result<Option<i64>, String> {
        match text(k)? {
            None => Ok(None),
            Some(v) => params::parse_int(&v).map(Some).ok_or(format!("{k} must be a number")),
        }
    };
    let time = |k: &str| -> Result<Option<i64>, String> {
        match text(k)? {
            None => Ok(None),
            Some(v) => cec_calldata::dates::parse_datetime(&v)
                .map(|dt| Some(dt.assume_utc().unix_timestamp() * 1000))
                .ok_or(format!("{k} must be yyyy-MM-dd HH:mm:ss")),
        }
    };
    let q = TransferQuery {
        call_id: text("callId")?,
        user_mobile: text("userMobile")?,
        cti_call_id: text("ctiCallId")?,
        page_num: match num("pageNum")?.unwrap_or(1) {
            n if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            _ => return Err("pageNum must be at least 1".into()),
        },
        page_size: match num("pageSize")?.unwrap_or(DEFAULT_PAGE_SIZE) {
            n if PAGE_SIZES.contains(&n) => n as usize,
            _ => return Err("pageSize must be one of 5, 10, 20, 50, 100".into()),
        },
        begin_ms: time("beginTime")?,
        end_ms: time("endTime")?,
    };
    if q.call_id.is_none() && q.user_mobile.is_none() && q.cti_call_id.is_none() {
        return Err("one of callId, userMobile, ctiCallId is required".into());
    }
    Ok(q)
}

pub async fn query_transfer_record_history(State(s): State<Shared>, body: Bytes) -> Response {
    let Some(o) = params::body_object(&body) else {
        return error(codes::BAD_PARAMETER, "request body is not a JSON object");
    };
    let (Ok(Some(tenant)), Ok(Some(token))) =
        (params::nonempty_string(&o, "tenantId"), params::nonempty_string(&o, "authToken"))
    else {
        return error(
            codes::TOKEN_MISSING_OR_EXPIRED,
            "no token information: tenantId and authToken are required",
        );
    };
    match s.oifde_tokens.check(token, Some(tenant)) {
        Ok(_) => {}
        Err(TokenError::Expired) => return error(codes::TOKEN_MISSING_OR_EXPIRED, "the token has expired"),
        Err(TokenError::Unknown) => return error(codes::TOKEN_CHECK_FAILED, "failed to check the token"),
    }
    let q = match validate_transfer_query(&o) {
        Ok(q) => q,
        Err(m) => return error(codes::BAD_PARAMETER, &m),
    };
    let ds = &s.dataset;
    // callId and ctiCallId are the same id in the simulator; both must agree when both are given.
    let by_id = match (q.call_id.as_deref(), q.cti_call_id.as_deref()) {
        (Some(a), Some(b)) if a != b => Some(Vec::new()),
        (Some(id), _) | (None, Some(id)) => {
            Some(ds.find_call(id).filter(|&i| ds.has_transfer(i)).map(|i| vec![i as u32]).unwrap_or_default())
        }
        (None, None) => None,
    };
    let candidates: &[u32] = match &by_id {
        Some(v) => v,
        None => &ds.transfers,
    };
    // Filter on the cheap derived attributes first; build records only for the page.
    let matching: Vec<u32> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            let Some(call) = ds.calls.get(i as usize) else {
                return false;
            };
            let start = derive::transfer_start_ms(ds, i as usize);
            q.user_mobile.as_deref().is_none_or(|m| m == ds.called_number(call.session))
                && q.begin_ms.is_none_or(|b| start >= b)
                && q.end_ms.is_none_or(|e| start < e)
        })
        .collect();
    let total = matching.len();
    let start = q.page_num.saturating_sub(1).saturating_mul(q.page_size);
    let page: Vec<TransferRecord> = matching
        .iter()
        .skip(start)
        .take(q.page_size)
        .filter_map(|&i| derive::transfer_record(ds, i as usize, tenant))
        .collect();
    ok_json(
        &json!({"errorCode": codes::SUCCESS, "errorMessage": "success!", "total": total, "transferRecordList": page}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(body: &str) -> Result<TransferQuery, String> {
        validate_transfer_query(&params::body_object(body.as_bytes()).unwrap())
    }

    #[test]
    fn transfer_validation() {
        assert!(v("{}").is_err());
        assert!(v(r#"{"callId":"","userMobile":"","ctiCallId":""}"#).is_err());
        let q = v(
            r#"{"callId":"1-2","pageNum":"2","pageSize":"5","beginTime":"2026-06-01 00:00:00","endTime":""}"#,
        )
        .unwrap();
        assert_eq!((q.page_num, q.page_size, q.end_ms), (2, 5, None));
        assert_eq!(v(r#"{"userMobile":"138","pageSize":50,"pageNum":3}"#).unwrap().page_size, 50);
        assert_eq!(v(r#"{"userMobile":"138"}"#).unwrap().page_size, 100);
        assert!(v(r#"{"userMobile":"138","pageSize":"7"}"#).is_err());
        assert!(v(r#"{"userMobile":"138","pageNum":0}"#).is_err());
        assert!(v(r#"{"userMobile":"138","beginTime":"2026-06-01"}"#).is_err());
        assert!(v(r#"{"userMobile":true}"#).is_err());
    }
}
