//! The switches for readings the docs leave open, and queryOBSResultCode paging.

mod common;

use cec_calldata::endpoints::{call_results, obs_result_codes};
use cec_calldata::{ErrorKind, Locale};
use cec_sim::Config;
use common::*;
use serde_json::{json, Value};

/// Every callTimeStr day of one campaign's answer for `[begin, end]` under a reading.
async fn days(sim: &Sim, begin: &str, end: &str) -> Vec<String> {
    let v = sim.call_results("1", "101", json!({"beginTime": begin, "endTime": end, "pageSize": 500})).await;
    let mut d: Vec<String> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["callTimeStr"].as_str().unwrap()[..10].to_string())
        .collect();
    d.dedup();
    d
}

#[tokio::test]
async fn window_end_day_reading_is_a_switch() {
    let exclusive = start().await;
    let mut cfg = Config::for_tests(TEST_CALLS);
    cfg.window_end_inclusive = true;
    let inclusive = start_with(cfg).await;
    let (b, e) = ("2026-06-02", "2026-06-03");
    assert_eq!(days(&exclusive, b, e).await, vec!["2026-06-02"]);
    assert_eq!(days(&inclusive, b, e).await, vec!["2026-06-02", "2026-06-03"]);
    exclusive.shutdown().await;
    inclusive.shutdown().await;
}

#[tokio::test]
async fn generic_parameter_errors_put_the_details_in_result_desc() {
    let mut cfg = Config::for_tests(TEST_CALLS);
    cfg.generic_param_errors = true;
    let sim = start_with(cfg).await;
    let r = sim
        .isales_post(
            "/rest/isales/v1/openapi/campaigns/1/callresult/101",
            &json!({"sessionId": "s".repeat(33)}).to_string(),
        )
        .await;
    let v = r.json();
    assert_eq!((v["returnCode"].as_str(), v["resultCode"].as_str()), (Some("0200001"), Some("0200001")));
    assert!(v["resultDesc"].as_str().unwrap().contains("sessionId"), "{v}");
    // The client reports the specific one (issue 10 #10).
    let e = call_results::decode(&r.text, Locale::EnUs).unwrap_err();
    assert_eq!((e.kind, e.code.as_deref()), (ErrorKind::Api, Some("0200001")));
    assert!(e.description.unwrap().contains("sessionId"));
    // The date-window codes keep their own meaning.
    let v = sim.call_results("1", "101", json!({"beginTime": "2026-06-01"})).await;
    assert_eq!(v["returnCode"], "0200008");
    sim.shutdown().await;
}

#[tokio::test]
async fn call_record_business_failures_status_is_a_switch() {
    let mut cfg = Config::for_tests(TEST_CALLS);
    cfg.call_record_error_status = reqwest::StatusCode::OK;
    let sim = start_with(cfg).await;
    let r = sim.isales_post("/rest/isales/v1/openapi/campaigns/1/callRecord", "{}").await;
    assert_code(&r, "02000001");
    sim.shutdown().await;
    let sim = start().await;
    let r = sim.isales_post("/rest/isales/v1/openapi/campaigns/1/callRecord", "{}").await;
    assert_code_status(&r, 500, "02000001");
    sim.shutdown().await;
}

async fn obs_page(sim: &Sim, page_num: i64, page_size: i64, locale: Option<&str>) -> (u16, String) {
    // Built directly (not parsed), so an out-of-range page size can be sent too.
    let req = obs_result_codes::ObsResultCodesRequest { vdn_id: 1, page_num, page_size }.to_wire();
    let pairs: Vec<(&str, &str)> = req.query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let auth = sign_get_query(&sim.host, &req.path, &pairs, now_ms());
    let mut b = sim.http.get(sim.url(&req.path_and_query())).header("Authorization", auth);
    if let Some(l) = locale {
        b = b.header("locale", l);
    }
    let r = b.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn obs_result_codes_pages_with_a_signed_query() {
    let sim = start().await;
    let mut all: Vec<String> = Vec::new();
    let mut total = None;
    for page in 1..=10 {
        let (status, body) = obs_page(&sim, page, 4, None).await;
        assert_eq!(status, 200, "{body}");
        let r = obs_result_codes::decode(&body, Locale::EnUs).unwrap();
        total = r.total_count;
        if r.obs_codes.is_empty() {
            break;
        }
        all.extend(r.obs_codes.into_iter().filter_map(|c| c.obs_code));
    }
    assert_eq!(Some(all.len() as u64), total);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
    assert!(all.contains(&"00603".to_string()));
    // A query that is not the signed one does not verify.
    let (status, _) = {
        let path = "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode";
        let auth = sign_get_query(&sim.host, path, &[("pageNum", "1"), ("pageSize", "5")], now_ms());
        let r = sim
            .http
            .get(format!("{}?pageNum=2&pageSize=5", sim.url(path)))
            .header("Authorization", auth)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), ())
    };
    assert_eq!(status, 401);
    // Descriptions follow the locale header; the default is zh_CN (01, cec_07_0797).
    let (_, zh) = obs_page(&sim, 1, 51, None).await;
    let (_, en) = obs_page(&sim, 1, 51, Some("en_US")).await;
    let zh: Value = serde_json::from_str(&zh).unwrap();
    let en: Value = serde_json::from_str(&en).unwrap();
    assert_eq!(zh["returnCode"], "02000007");
    assert!(zh["returnDesc"].as_str().unwrap().chars().any(|c| c > '\u{2e80}'), "{zh}");
    assert!(en["returnDesc"].as_str().unwrap().starts_with("Incorrect parameter value"), "{en}");
    sim.shutdown().await;
}
