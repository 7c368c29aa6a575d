//! CC-iSales endpoints: callresult (validation, paging, filters, showDetail),
//! callresultdetail and callRecord.

mod common;

use common::*;
use serde_json::{json, Value};

const CR: &str = "/rest/isales/v1/openapi/campaigns/1/callresult/101";

#[tokio::test]
async fn call_results_validation_codes() {
    let sim = start().await;
    let cases: Vec<(&str, &str, String, &str)> = vec![
        ("abc", "101", "{}".into(), "02000006"),
        ("0", "101", "{}".into(), "02000007"),
        ("10000", "101", "{}".into(), "02000007"),
        ("1", "x1", "{}".into(), "02000006"),
        ("1", "103", "{}".into(), "0200007"), // campaign of VDN 2
        ("1", "999", "{}".into(), "0200007"),
        ("7", "101", "{}".into(), "0200007"), // valid VDN without that campaign
        ("1", "101", "not json".into(), "02000008"),
        ("1", "101", "[1,2]".into(), "02000008"),
        ("1", "101", json!({"sessionId": "s".repeat(33)}).to_string(), "02000003"),
        ("1", "101", json!({"sessionId": 12}).to_string(), "02000006"),
        ("1", "101", json!({"showDetail": 2}).to_string(), "02000007"),
        ("1", "101", json!({"showDetail": "x"}).to_string(), "02000006"),
        ("1", "101", json!({"showDetail": 1, "pageSize": 101}).to_string(), "02000007"),
        ("1", "101", json!({"showDetail": 0, "pageSize": 501}).to_string(), "02000007"),
        ("1", "101", json!({"pageSize": 0}).to_string(), "02000007"),
        ("1", "101", json!({"pageSize": ""}).to_string(), "02000001"),
        ("1", "101", json!({"pageNum": 0}).to_string(), "02000007"),
        ("1", "101", json!({"pageNum": -3}).to_string(), "02000007"),
        ("1", "101", json!({"beginTime": "2026-06-01"}).to_string(), "0200008"),
        ("1", "101", json!({"endTime": "2026-06-01"}).to_string(), "0200008"),
        ("1", "101", json!({"beginTime": "2026-06-01", "endTime": "2026-6-2"}).to_string(), "0200009"),
        ("1", "101", json!({"beginTime": "2026-02-30", "endTime": "2026-03-02"}).to_string(), "0200009"),
        ("1", "101", json!({"beginTime": "2026-06-02", "endTime": "2026-06-02"}).to_string(), "0200010"),
        ("1", "101", json!({"beginTime": "2026-06-03", "endTime": "2026-06-02"}).to_string(), "0200010"),
        ("1", "101", json!({"beginTime": "2026-06-01", "endTime": "2026-07-02"}).to_string(), "0200011"),
    ];
    for (vdn, camp, body, code) in cases {
        let r = sim
            .isales_post(&format!("/rest/isales/v1/openapi/campaigns/{vdn}/callresult/{camp}"), &body)
            .await;
        assert_code(&r, code);
    }
    // Exactly 30 days is allowed; pageSize 100 with showDetail 1 and 500 with 0 are allowed.
    for body in [
        json!({"beginTime": "2026-06-01", "endTime": "2026-07-01"}),
        json!({"showDetail": 1, "pageSize": 100}),
        json!({"showDetail": 0, "pageSize": 500}),
        json!({"pageSize": "20", "pageNum": "2", "showDetail": "1"}),
        json!({}),
    ] {
        assert_eq!(sim.call_results("1", "101", body.clone()).await["returnCode"], "0200000", "{body}");
    }
    // Empty body = no parameters.
    assert_eq!(sim.isales_post(CR, "").await.json()["returnCode"], "0200000");
    // Descriptions follow the locale header (default zh_CN).
    let auth = sign(&sim.host, "POST", CR, Some("{\"pageNum\":0}"), now_ms());
    let zh = sim.isales_post_with_auth(CR, "{\"pageNum\":0}", &auth).await.json();
    assert!(zh["returnDesc"].as_str().unwrap().contains("参数值大小不正确"), "{zh}");
    let en = sim
        .http
        .post(sim.url(CR))
        .header("Authorization", &auth)
        .header("Content-Type", CT)
        .header("locale", "en_US")
        .body("{\"pageNum\":0}")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(en["returnDesc"], "Incorrect parameter value. [pageNum]");
    sim.shutdown().await;
}

/// Pages of the API, concatenated, equal the `/__sim/calls` ground truth item for item.
#[tokio::test]
async fn call_results_paging_matches_ground_truth() {
    let sim = start().await;
    for (show, size) in [(0, 500), (1, 100), (0, 37)] {
        let window = json!({"beginTime": "2026-07-01", "endTime": "2026-07-31"});
        let mut got: Vec<Value> = Vec::new();
        let mut total = None;
        for page in 1.. {
            let mut body = window.clone();
            body["showDetail"] = json!(show);
            body["pageSize"] = json!(size);
            body["pageNum"] = json!(page);
            let v = sim.call_results("1", "101", body).await;
            let data = v["data"].as_array().unwrap().clone();
            total = Some(v["totalCount"].as_u64().unwrap());
            if data.is_empty() {
                break;
            }
            assert!(data.len() <= size);
            got.extend(data);
        }
        let truth = sim.get(&format!("/__sim/calls?vdnId=1&campaignId=101&beginTime=2026-07-01&endTime=2026-07-31&showDetail={show}")).await.json();
        assert_eq!(truth["totalCount"].as_u64(), total);
        assert_eq!(&Value::Array(got.clone()), &truth["data"], "showDetail {show}");
        assert!(got.len() > 300, "{}", got.len());
        // Order (callTimeStr, callId); every call in the window; list quirk: callStatus a number.
        let keys: Vec<(String, String)> = got
            .iter()
            .map(|i| (i["callTimeStr"].as_str().unwrap().into(), i["callId"].as_str().unwrap().into()))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys
            .iter()
            .all(|(t, _)| t.as_str() >= "2026-07-01 00:00:00" && t.as_str() < "2026-07-31 00:00:00"));
        assert!(got.iter().all(|i| i["callStatus"].is_u64() && i["vdnId"] == 1 && i["campaignId"] == "101"));
        if show == 0 {
            let mut sessions: Vec<&str> = got.iter().map(|i| i["sessionId"].as_str().unwrap()).collect();
            let n = sessions.len();
            sessions.sort();
            sessions.dedup();
            assert_eq!(sessions.len(), n, "showDetail 0 returns one item per session");
        }
    }
    // Beyond the last page: empty data, same totalCount.
    let v = sim.call_results("1", "101", json!({"pageNum": 100000, "pageSize": 500})).await;
    assert_eq!(v["data"], json!([]));
    assert!(v["totalCount"].as_u64().unwrap() > 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn show_detail_final_attempt_and_filters() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    // A session with 3 attempts in campaign 101.
    let (idx, c) = ds
        .calls
        .iter()
        .enumerate()
        .find(|(_, c)| c.attempt == 3 && ds.campaign_of(c).unwrap().def.id == 101)
        .expect("a 3-attempt session");
    let sid = ds.session_id(c);
    let all = sim.call_results("1", "101", json!({"sessionId": sid, "showDetail": 1})).await;
    assert_eq!(all["totalCount"], 3, "{all}");
    let items = all["data"].as_array().unwrap();
    assert_eq!(items.iter().map(|i| i["attempt"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(items[2]["callId"], ds.call_id(idx));
    // Retries of one subscriber are spread over hours, typically the same day.
    let fin = sim.call_results("1", "101", json!({"sessionId": sid})).await;
    assert_eq!(fin["totalCount"], 1);
    assert_eq!(fin["data"][0], items[2]);
    // With a window that ends before the last attempt, the final attempt within it is returned.
    let t1 = items[1]["callTimeStr"].as_str().unwrap();
    let t2 = items[2]["callTimeStr"].as_str().unwrap();
    if t1[..10] != t2[..10] {
        let day = &t1[..10];
        let next = cec_calldata::dates::format_ymd(
            cec_calldata::dates::parse_ymd(day).unwrap() + time::Duration::days(1),
        );
        let w = sim
            .call_results("1", "101", json!({"sessionId": sid, "beginTime": "2026-06-01", "endTime": next}))
            .await;
        assert_eq!(w["data"][0], items[1]);
    }
    // Unknown / malformed sessionIds match nothing.
    assert_eq!(sim.call_results("1", "101", json!({"sessionId": "nobody"})).await["totalCount"], 0);
    // customField filter equals the ground truth.
    let v = sim.call_results("1", "101", json!({"customField": "vip", "beginTime": "2026-08-01", "endTime": "2026-08-15", "showDetail": 1, "pageSize": 100})).await;
    let truth = sim.get("/__sim/calls?vdnId=1&campaignId=101&customField=vip&beginTime=2026-08-01&endTime=2026-08-15&showDetail=1").await.json();
    assert_eq!(v["totalCount"], truth["totalCount"]);
    assert!(v["totalCount"].as_u64().unwrap() > 0);
    let everyone = sim
        .call_results(
            "1",
            "101",
            json!({"beginTime": "2026-08-01", "endTime": "2026-08-15", "showDetail": 1}),
        )
        .await;
    assert!(everyone["totalCount"].as_u64() > v["totalCount"].as_u64());
    // Failures and successes both appear, with documented codes.
    let d = sim.get("/__sim/calls?vdnId=1&campaignId=101&showDetail=1").await.json();
    let data = d["data"].as_array().unwrap();
    assert!(data.iter().any(|i| i["callStatus"] == 5 && i["recordPath"] == ""));
    assert!(data.iter().any(|i| i["callStatus"] == 6 && i["recordPath"].as_str().unwrap().ends_with(".V3")));
    assert!(data.iter().any(|i| i["failCode"] == "0") && data.iter().any(|i| i["failCode"] == "00000"));
    assert!(data.iter().any(|i| i["failCode"] == "00145"));
    assert!(data.iter().all(|i| i["resultCode"].as_str().unwrap().starts_with("OB")));
    assert!(data.iter().all(|i| i["sessionId"].as_str().unwrap().len() <= 32));
    // Campaign 106 starts later than the dataset: an early window is empty.
    let v = sim.call_results("3", "106", json!({"beginTime": "2026-06-01", "endTime": "2026-06-20"})).await;
    assert_eq!((v["returnCode"].as_str(), v["totalCount"].as_u64()), (Some("0200000"), Some(0)));
    sim.shutdown().await;
}

#[tokio::test]
async fn call_result_detail() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    let ok = ds.calls.iter().position(|c| c.success()).unwrap();
    let vdn = vdn_of(&sim, ok);
    let id = ds.call_id(ok);
    let v = sim
        .isales_get(&format!("/rest/isales/v1/openapi/campaigns/{vdn}/callresultdetail/{id}"))
        .await
        .json();
    assert_eq!(v["returnCode"], "0200000");
    assert_eq!(v["resultDesc"], "Query Success!");
    let d = &v["data"];
    assert_eq!(d["callId"], id.as_str());
    assert_eq!(d["callStatus"], "6", "detail sends callStatus as a string");
    assert_eq!(d["vdnId"], vdn);
    for k in
        ["called", "ackBeginTime", "callBeginTime", "callEndTime", "failCode", "resultCode", "recordPath"]
    {
        assert!(d[k].is_string(), "{k}: {d}");
    }
    assert!(
        d["ackBeginTime"].as_str() < d["callBeginTime"].as_str()
            && d["callBeginTime"].as_str() < d["callEndTime"].as_str()
    );
    // It agrees with the list item of the same call.
    let item = sim.get(&format!("/__sim/calls?vdnId={vdn}&showDetail=1")).await.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["callId"] == id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(item["callTimeStr"], d["ackBeginTime"]);
    assert_eq!(item["called"], d["called"]);
    // 01: the detail's recordPath is the recording's OBS URL; 02's list shows the file path.
    let (list_path, obs_url) = (item["recordPath"].as_str().unwrap(), d["recordPath"].as_str().unwrap());
    assert!(list_path.starts_with("Y:/"), "{list_path}");
    assert!(
        obs_url.starts_with("https://") && obs_url.contains(".obs.") && obs_url.contains(&list_path[3..]),
        "{obs_url}"
    );

    let failed = ds.calls.iter().position(|c| !c.success()).unwrap();
    let v = sim
        .isales_get(&format!(
            "/rest/isales/v1/openapi/campaigns/{}/callresultdetail/{}",
            vdn_of(&sim, failed),
            ds.call_id(failed)
        ))
        .await
        .json();
    assert_eq!(v["data"]["callStatus"], "5");
    assert_eq!(v["data"]["callBeginTime"], "");

    // Unknown callId, other VDN, bad VDN.
    assert_code(
        &sim.isales_get(&format!("/rest/isales/v1/openapi/campaigns/{vdn}/callresultdetail/1-1")).await,
        "0200007",
    );
    let other = if vdn == 1 { 2 } else { 1 };
    assert_code(
        &sim.isales_get(&format!("/rest/isales/v1/openapi/campaigns/{other}/callresultdetail/{id}")).await,
        "0200007",
    );
    assert_code(
        &sim.isales_get(&format!("/rest/isales/v1/openapi/campaigns/x/callresultdetail/{id}")).await,
        "02000006",
    );
    assert_code(
        &sim.isales_get(&format!("/rest/isales/v1/openapi/campaigns/0/callresultdetail/{id}")).await,
        "02000007",
    );
    assert_code(
        &sim.isales_get("/rest/isales/v1/openapi/campaigns/1/callresultdetail/%20").await,
        "02000001",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn call_records_conversations() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    let post = |vdn: u32, body: String| {
        let sim = &sim;
        async move { sim.isales_post(&format!("/rest/isales/v1/openapi/campaigns/{vdn}/callRecord"), &body).await }
    };
    let mut saw = (false, false, false, false, false); // zh, en, real null, "null", "none"
    for (i, c) in ds.calls.iter().enumerate().filter(|(_, c)| c.success()).step_by(150).take(60) {
        let camp = ds.campaign_of(c).unwrap();
        let v = post(camp.def.vdn, json!({"callId": ds.call_id(i)}).to_string()).await.json();
        assert_eq!(v["returnCode"], "0200000");
        assert_eq!(v["resultCode"], "0200000");
        let list = v["recordList"].as_array().unwrap();
        assert!((3..=8).contains(&list.len()), "{}", list.len());
        for (n, t) in list.iter().enumerate() {
            assert_eq!(t["interNo"], (n + 1).to_string());
            assert!(t["responseSource"] == "0" || t["responseSource"] == "1");
            assert!(t["systemReplyTime"].as_str() <= t["requestTime"].as_str());
            match &t["userSaying"] {
                Value::Null => saw.2 = true,
                Value::String(s) if s == "null" => saw.3 = true,
                // Only the documented "null"; "none" could be what a caller said.
                Value::String(s) if s == "none" => saw.4 = true,
                _ => {}
            }
        }
        let text = list[0]["systemReply"].as_str().unwrap();
        if text.chars().any(|ch| ch > '\u{2e80}') {
            saw.0 = true;
        } else {
            saw.1 = true;
        }
        // Deterministic: asking again gives the same conversation.
        let again = post(camp.def.vdn, json!({"callId": ds.call_id(i)}).to_string()).await.json();
        assert_eq!(again, v);
    }
    assert_eq!(saw, (true, true, true, true, false));
    // Failed call: no conversation. Unknown callId: empty list, success.
    let failed = ds.calls.iter().position(|c| !c.success()).unwrap();
    let v = post(vdn_of(&sim, failed), json!({"callId": ds.call_id(failed)}).to_string()).await.json();
    assert_eq!(v["recordList"], json!([]));
    let v = post(1, json!({"callId": "123-456"}).to_string()).await.json();
    assert_eq!(
        (v["returnCode"].as_str(), v["recordList"].as_array().map(Vec::len)),
        (Some("0200000"), Some(0))
    );
    // Validation: 03 answers business failures with HTTP 500 (and the code in the body).
    assert_code_status(&post(1, "{}".into()).await, 500, "02000001");
    assert_code_status(&post(1, json!({"callId": ""}).to_string()).await, 500, "02000001");
    assert_code_status(&post(1, json!({"callId": 5}).to_string()).await, 500, "02000006");
    assert_code_status(&post(1, "{\"callId\" : \"1688028889-836\",}".into()).await, 500, "02000008");
    assert_code_status(&post(0, json!({"callId": "1-1"}).to_string()).await, 500, "02000007");
    sim.shutdown().await;
}
