//! CC-iSales queryOBSResultCode (FAILCODES.md §5): `GET …/campaigns/{vdnId}/queryOBSResultCode
//! ?pageSize&pageNum`, auth-v2 with the query parameters signed, the tenant's OBS result codes
//! page by page.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use serde_json::json;

use super::isales::{parse_vdn, SUCCESS};
use super::isales_envelope::{codes, envelope, fail, Fail};
use super::{ok_json, params, unauthorized, Shared};
use crate::auth::decode_query;
use crate::authv2::{verify, Received};
use crate::data::catalog::FAIL_CAUSES;

/// "Number of query records on each page. The value ranges from 1 to 50."
pub const MAX_PAGE_SIZE: i64 = 50;
const SUCCESS_DESC: &str = "query queryOBSResultCode Success!";

/// A mandatory integer query parameter: absent or empty → 02000001, not an integer → 02000006.
fn int_param(query: &[(String, String)], name: &'static str) -> Result<i64, Fail> {
    match query.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()) {
        None | Some("") => Err(fail(codes::EMPTY, name)),
        Some(v) => params::parse_int(v).ok_or(fail(codes::TYPE, name)),
    }
}

/// The tenant's codes as validated pages: pageNum > 0, pageSize 1..=50 (02000007 otherwise).
pub fn validate_obs_query(vdn: &str, query: &[(String, String)]) -> Result<(u32, usize, usize), Fail> {
    let vdn = parse_vdn(vdn)?;
    let page_num = int_param(query, "pageNum")?;
    let page_size = int_param(query, "pageSize")?;
    if page_num < 1 {
        return Err(fail(codes::VALUE, "pageNum"));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(fail(codes::VALUE, "pageSize"));
    }
    Ok((vdn, usize::try_from(page_num).unwrap_or(usize::MAX), page_size as usize))
}

pub async fn query_obs_result_code(
    State(s): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let query = decode_query(uri.query().unwrap_or(""));
    let req = Received {
        method: method.as_str(),
        path: uri.path(),
        query: uri.query(),
        headers: &headers,
        body: &body,
    };
    if let Err(e) = verify(
        s.config.auth_profile,
        &s.config.isales_keys,
        &req,
        (s.config.clock)(),
        s.config.max_clock_skew_secs,
    ) {
        return unauthorized(&e.reason());
    }
    let Ok(Path(vdn)) = path else {
        return envelope(&s, Fail { code: codes::CONVERSION, param: None }, "", &headers);
    };
    let (_vdn, page_num, page_size) = match validate_obs_query(&vdn, &query) {
        Ok(v) => v,
        Err(f) => return envelope(&s, f, "", &headers),
    };
    // Every VDN shares the simulator's one tenant table: the failCodes its dataset uses.
    let start = page_num.saturating_sub(1).saturating_mul(page_size);
    let obs_codes: Vec<_> = FAIL_CAUSES
        .iter()
        .skip(start)
        .take(page_size)
        .map(|c| json!({"obsCodeDesc": c.description, "obsCode": c.fail_code}))
        .collect();
    ok_json(&json!({
        "obsCodes": obs_codes,
        "returnCode": SUCCESS,
        "resultCode": SUCCESS,
        "resultDesc": SUCCESS_DESC,
        "totalCount": FAIL_CAUSES.len(),
        "returnDesc": SUCCESS_DESC,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn obs_query_rules() {
        let code =
            |vdn: &str, p: &[(&str, &str)]| validate_obs_query(vdn, &q(p)).map_err(|f| (f.code, f.param));
        assert_eq!(code("1", &[("pageNum", "1"), ("pageSize", "50")]), Ok((1, 1, 50)));
        assert_eq!(code("1", &[("pageSize", "50")]), Err(("02000001", Some("pageNum"))));
        assert_eq!(code("1", &[("pageNum", "1"), ("pageSize", "")]), Err(("02000001", Some("pageSize"))));
        assert_eq!(code("1", &[("pageNum", "x"), ("pageSize", "5")]), Err(("02000006", Some("pageNum"))));
        assert_eq!(code("1", &[("pageNum", "0"), ("pageSize", "5")]), Err(("02000007", Some("pageNum"))));
        assert_eq!(code("1", &[("pageNum", "1"), ("pageSize", "51")]), Err(("02000007", Some("pageSize"))));
        assert_eq!(code("0", &[("pageNum", "1"), ("pageSize", "5")]), Err(("02000007", Some("vdnId"))));
    }
}
