//! API Fabric (tokenByAkSk + CDRs) and OIFDE (gettoken + transfer records), token lifecycles,
//! and the one-callId linkage across all five data endpoints.

mod common;

use std::time::Duration;

use cec_sim::config::demo;
use common::*;
use serde_json::{json, Value};

const CDR: &str = "/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo";
const TOKEN: &str = "/apigovernance/api/oauth/tokenByAkSk";
const TRANSFER: &str = "/oifde/rest/api/queryTransferRecordHistory";

#[tokio::test]
async fn token_by_ak_sk_and_bearer_lifecycle() {
    let sim = start().await;
    let t = sim.fabric_token(None).await;
    assert_eq!(t["ApplyType"], "Bearer");
    assert_eq!(t["Expires"], "600", "Expires is a string of seconds");
    assert_eq!(t["AppKey"], demo::APP_KEY);
    assert_eq!(t["UserID"], "Anonymous");
    let ct: i64 = t["CreateTime"].as_str().unwrap().parse().unwrap();
    assert!((ct - now_ms() / 1000).abs() < 5);
    assert_eq!(sim.fabric_token(Some("120")).await["Expires"], "120");
    assert_eq!(sim.fabric_token(Some("7200")).await["Expires"], "3600");
    let t2 = sim.fabric_token(None).await;
    assert_ne!(t["AccessToken"], t2["AccessToken"]);

    // Wrong credentials: 401, the secret is not echoed.
    let r = sim.post_json(TOKEN, &json!({"app_key": demo::APP_KEY, "app_secret": "wrong-secret"})).await;
    assert_eq!(r.status, 401);
    assert!(!r.text.contains("wrong-secret"));
    assert_eq!(
        sim.post_json(TOKEN, &json!({"app_key": "x", "app_secret": demo::APP_SECRET})).await.status,
        401
    );
    assert_eq!(sim.post_json(TOKEN, &json!({})).await.status, 401);
    assert_eq!(sim.post_raw(TOKEN, "nope", &[]).await.status, 400);

    // The token opens the CDR endpoint; nothing else does.
    let tok = t["AccessToken"].as_str().unwrap();
    let id = sim.handle.dataset().call_id(5);
    let vdn = sim.handle.dataset().campaign_of(&sim.handle.dataset().calls[5]).unwrap().def.vdn;
    let body = json!({"subCcNo": "1", "vdn": vdn.to_string(), "callId": id});
    assert_eq!(sim.cdr(tok, &body).await.status, 200);
    assert_eq!(sim.cdr("not-a-token", &body).await.status, 401);
    let r = sim.post_raw(CDR, &body.to_string(), &[]).await;
    assert_eq!(r.status, 401);
    let r = sim
        .post_raw(
            CDR,
            &body.to_string(),
            &[("Authorization", &format!("Bearer {tok}")), ("X-APP-Key", "other-app")],
        )
        .await;
    assert_eq!(r.status, 401);
    sim.shutdown().await;

    // Expiry with a 1-second TTL.
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.token_ttl_secs = Some(1);
    let sim = start_with(cfg).await;
    let t = sim.fabric_token(Some("600")).await;
    assert_eq!(t["Expires"], "1");
    let tok = t["AccessToken"].as_str().unwrap().to_string();
    assert_eq!(sim.cdr(&tok, &body).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = sim.cdr(&tok, &body).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["reason"], "access token expired");
    sim.shutdown().await;
}

#[tokio::test]
async fn cdr_queries() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    let tok = sim.fabric_token(None).await["AccessToken"].as_str().unwrap().to_string();
    // 500 "Business failure. Check the values of parameters in the request." (04): values the
    // rules reject.
    for body in [
        json!({"vdn": "1", "callId": "1-1"}),
        json!({"subCcNo": "", "vdn": "1", "callId": "1-1"}),
        json!({"subCcNo": "1", "callId": "1-1"}),
        json!({"subCcNo": "1", "vdn": "abc", "callId": "1-1"}),
        json!({"subCcNo": "1", "vdn": "1"}),
        json!({"subCcNo": "1", "vdn": "1", "callId": "", "beginDate": "", "endDate": ""}),
        json!({"subCcNo": "1", "vdn": "1", "beginDate": "yesterday"}),
    ] {
        let r = sim.cdr(&tok, &body).await;
        assert_eq!(r.status, 500, "{body}");
        assert!(r.json()["reason"].as_str().is_some_and(|s| !s.is_empty()), "{body}");
    }
    // 400 "Incorrect request. Check the request path and parameters.": unreadable requests.
    assert_eq!(sim.cdr(&tok, &json!({"subCcNo": "1", "vdn": "1", "callId": {"x": 1}})).await.status, 400);
    assert_eq!(sim.post_raw(CDR, "{{", &[("Authorization", &format!("Bearer {tok}"))]).await.status, 400);

    // One day of VDN 1 by epoch-ms window on callBegin; numbers accepted for String fields.
    let begin = 1_782_864_000_000i64; // 2026-07-01T00:00:00Z
    let end = begin + 86_400_000;
    let v = sim
        .cdr(&tok, &json!({"subCcNo": "1", "vdn": 1, "beginDate": begin, "endDate": end.to_string()}))
        .await
        .json();
    let total = v["total"].as_u64().expect("total is a number on the wire");
    let results = v["results"].as_array().unwrap();
    assert_eq!(total as usize, results.len());
    assert!(total > 20, "{total}");
    let truth =
        sim.get("/__sim/calls?vdnId=1&beginTime=2026-07-01&endTime=2026-07-02&showDetail=1").await.json();
    assert_eq!(truth["totalCount"].as_u64(), Some(total));
    for r in results {
        assert!(r["vdn"].is_u64(), "vdn is a number");
        let b: i64 = r["callBegin"].as_str().unwrap().parse().unwrap();
        assert!(b >= begin && b < end);
        for k in [
            "logDate",
            "callerNo",
            "calleeNo",
            "callId",
            "callType",
            "mediatype",
            "waitBegin",
            "ackBegin",
            "callEnd",
            "leaveReason",
            "evaluationValue",
        ] {
            assert!(r[k].is_string(), "{k}: {r}");
        }
        let e = r["evaluationValue"].as_str().unwrap();
        assert!(e.is_empty() || ("1"..="5").contains(&e), "{e}");
    }
    // Filters.
    let first = results.iter().find(|r| r["evaluationValue"] != "").unwrap();
    for (k, field) in [
        ("callerNo", "callerNo"),
        ("calleeNo", "calleeNo"),
        ("callType", "callType"),
        ("mediaType", "mediatype"),
        ("evaluationValue", "evaluationValue"),
    ] {
        let mut body =
            json!({"subCcNo": "1", "vdn": "1", "beginDate": begin.to_string(), "endDate": end.to_string()});
        body[k] = first[field].clone();
        let v = sim.cdr(&tok, &body).await.json();
        let list = v["results"].as_array().unwrap();
        assert!(!list.is_empty());
        assert!(list.iter().all(|r| r[field] == first[field]), "{k}");
    }
    let five = sim
        .cdr(&tok, &json!({"subCcNo": "1", "vdn": "1", "beginDate": begin.to_string(), "evaluationValue": 5}))
        .await
        .json();
    assert!(five["results"].as_array().unwrap().iter().all(|r| r["evaluationValue"] == "5"));
    // Only beginDate: open-ended; results capped at 1000 while total counts all.
    let open =
        sim.cdr(&tok, &json!({"subCcNo": "1", "vdn": "1", "beginDate": begin.to_string()})).await.json();
    assert!(open["total"].as_u64().unwrap() > 1000);
    assert_eq!(open["results"].as_array().unwrap().len(), 1000);
    // By callId; a wrong VDN or subCcNo finds nothing.
    let id = first["callId"].as_str().unwrap();
    let one = sim.cdr(&tok, &json!({"subCcNo": "1", "vdn": "1", "callId": id})).await.json();
    assert_eq!(one["total"], 1);
    assert_eq!(&one["results"][0], first);
    assert_eq!(sim.cdr(&tok, &json!({"subCcNo": "1", "vdn": "2", "callId": id})).await.json()["total"], 0);
    assert_eq!(sim.cdr(&tok, &json!({"subCcNo": "9", "vdn": "1", "callId": id})).await.json()["total"], 0);
    let _ = ds;
    sim.shutdown().await;
}

#[tokio::test]
async fn oifde_tokens_and_transfer_records() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    // gettoken.
    let r = sim
        .post_json(
            "/oifde/rest/api/gettoken",
            &json!({"appKey": demo::OIFDE_TENANT, "appSecret": demo::OIFDE_SECRET}),
        )
        .await
        .json();
    assert_eq!((r["errorCode"].as_i64(), r["expireTime"].as_u64()), (Some(0), Some(3600)));
    let bad = sim
        .post_json("/oifde/rest/api/gettoken", &json!({"appKey": demo::OIFDE_TENANT, "appSecret": "x"}))
        .await;
    assert_eq!(bad.status, 200);
    // AUTH.md §3: 200800002 wrong key, 200800001 no such key.
    assert_eq!(bad.json()["errorCode"], 200800002);
    assert!(bad.json().get("authToken").is_none());
    let unknown_tenant =
        sim.post_json("/oifde/rest/api/gettoken", &json!({"appKey": "202600000000", "appSecret": "x"})).await;
    assert_eq!(unknown_tenant.json()["errorCode"], 200800001);
    let tok = sim.oifde_token().await;

    // Unknown token, wrong tenant, missing token.
    let id = ds.call_id(ds.transfers[0] as usize);
    let unknown = sim
        .post_json(TRANSFER, &json!({"tenantId": demo::OIFDE_TENANT, "authToken": "zzz", "callId": id}))
        .await
        .json();
    assert_eq!(unknown["errorCode"], 900002);
    let wrong_tenant = sim
        .post_json(TRANSFER, &json!({"tenantId": "202600000000", "authToken": tok, "callId": id}))
        .await
        .json();
    assert_eq!(wrong_tenant["errorCode"], 900002);
    assert_eq!(sim.post_json(TRANSFER, &json!({"callId": id})).await.json()["errorCode"], 900001);

    // By callId: one record, documented types.
    let v = sim
        .transfers(
            &tok,
            json!({"callId": id, "pageNum": "1", "pageSize": "5", "beginTime": "", "endTime": ""}),
        )
        .await;
    assert_eq!(
        (v["errorCode"].as_i64(), v["errorMessage"].as_str(), v["total"].as_u64()),
        (Some(0), Some("success!"), Some(1))
    );
    let rec = &v["transferRecordList"][0];
    assert_eq!(rec["callId"], id.as_str());
    assert_eq!(rec["tenantId"], demo::OIFDE_TENANT);
    assert!(rec["startTime"].is_i64() && rec["endTime"].is_i64());
    assert!(rec["startTime"].as_i64() < rec["endTime"].as_i64());
    assert!(["SUCCESS", "FAIL"].contains(&rec["opResult"].as_str().unwrap()));
    assert!(["0", "N/A"].contains(&rec["recordResult"].as_str().unwrap()));
    // ctiCallId works the same; numbers accepted for pageNum/pageSize.
    let v2 = sim.transfers(&tok, json!({"ctiCallId": id, "pageNum": 1, "pageSize": 10})).await;
    assert_eq!(v2["transferRecordList"][0], *rec);
    // A call without a transfer: zero records.
    let plain = (0..ds.calls.len()).find(|&i| !ds.has_transfer(i)).unwrap();
    assert_eq!(sim.transfers(&tok, json!({"callId": ds.call_id(plain)})).await["total"], 0);
    // By userMobile with a time window on startTime.
    let mobile = rec["callingNumber"].as_str().unwrap();
    let st = rec["startTime"].as_i64().unwrap() / 1000;
    let fmt = |secs: i64| {
        let t = time::OffsetDateTime::from_unix_timestamp(secs).unwrap();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    };
    let w = sim
        .transfers(&tok, json!({"userMobile": mobile, "beginTime": fmt(st - 60), "endTime": fmt(st + 60)}))
        .await;
    assert!(w["total"].as_u64().unwrap() >= 1);
    assert!(w["transferRecordList"].as_array().unwrap().iter().all(|r| r["callingNumber"] == mobile));
    let none = sim
        .transfers(&tok, json!({"userMobile": mobile, "beginTime": fmt(st + 1), "endTime": fmt(st + 60)}))
        .await;
    assert!(none["transferRecordList"].as_array().unwrap().iter().all(|r| r["callId"] != id.as_str()));

    // Parameter errors: non-zero errorCode, HTTP 200.
    for body in [
        json!({}),
        json!({"callId": "", "userMobile": "", "ctiCallId": ""}),
        json!({"callId": id, "pageSize": "7"}),
        json!({"callId": id, "pageSize": 1000}),
        json!({"callId": id, "pageNum": "0"}),
        json!({"callId": id, "beginTime": "2026-06-01"}),
    ] {
        assert_eq!(sim.transfers(&tok, body.clone()).await["errorCode"], 10000002, "{body}");
    }
    assert_eq!(sim.post_raw(TRANSFER, "x", &[]).await.json()["errorCode"], 10000002);
    sim.shutdown().await;

    // Expiry: 900001 ("no token information or expired"), unlike an unknown token's 900002.
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.token_ttl_secs = Some(1);
    let sim = start_with(cfg).await;
    let r = sim
        .post_json(
            "/oifde/rest/api/gettoken",
            &json!({"appKey": demo::OIFDE_TENANT, "appSecret": demo::OIFDE_SECRET}),
        )
        .await
        .json();
    assert_eq!(r["expireTime"], 1);
    let tok = r["authToken"].as_str().unwrap().to_string();
    assert_eq!(sim.transfers(&tok, json!({"callId": id})).await["errorCode"], 0);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(sim.transfers(&tok, json!({"callId": id})).await["errorCode"], 900001);
    sim.shutdown().await;
}

#[tokio::test]
async fn transfer_paging() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    let tok = sim.oifde_token().await;
    // A subscriber number shared by several transfers is unlikely; page over one number's records
    // with pageSize 5 is still checked via total/first page consistency on a busy number.
    let mut counts = std::collections::HashMap::new();
    for &i in &ds.transfers {
        *counts.entry(ds.called_number(ds.calls[i as usize].session)).or_insert(0) += 1;
    }
    let (mobile, _) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    let all = sim.transfers(&tok, json!({"userMobile": mobile})).await;
    let total = all["total"].as_u64().unwrap();
    let mut paged: Vec<Value> = Vec::new();
    for page in 1..=(total.div_ceil(5) + 1) {
        let v = sim
            .transfers(&tok, json!({"userMobile": mobile, "pageSize": "5", "pageNum": page.to_string()}))
            .await;
        assert_eq!(v["total"].as_u64(), Some(total));
        paged.extend(v["transferRecordList"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(Value::Array(paged), all["transferRecordList"]);
    sim.shutdown().await;
}

/// One callId links the call result, its detail, its conversation, its CDR and its transfer record.
#[tokio::test]
async fn one_call_id_links_everything() {
    let sim = start().await;
    let ds = sim.handle.dataset().clone();
    let idx = ds.transfers[ds.transfers.len() / 2] as usize;
    let id = ds.call_id(idx);
    let call = ds.calls[idx];
    let camp = ds.campaign_of(&call).unwrap().def;
    let sid = ds.session_id(&call);

    let list = sim
        .call_results(&camp.vdn.to_string(), &camp.id.to_string(), json!({"sessionId": sid, "showDetail": 1}))
        .await;
    let item = list["data"].as_array().unwrap().iter().find(|i| i["callId"] == id.as_str()).cloned().unwrap();
    assert_eq!(item["callStatus"], 6);
    let detail = sim
        .isales_get(&format!("/rest/isales/v1/openapi/campaigns/{}/callresultdetail/{id}", camp.vdn))
        .await
        .json();
    assert_eq!(detail["data"]["called"], item["called"]);
    let conv = sim
        .isales_post(
            &format!("/rest/isales/v1/openapi/campaigns/{}/callRecord", camp.vdn),
            &json!({"callId": id}).to_string(),
        )
        .await
        .json();
    let turns = conv["recordList"].as_array().unwrap();
    assert!(!turns.is_empty());
    // The conversation happens between answer and hang-up.
    let first_reply = turns[0]["systemReplyTime"].as_str().unwrap();
    assert!(first_reply >= detail["data"]["callBeginTime"].as_str().unwrap());
    assert!(
        turns.last().unwrap()["requestTime"].as_str().unwrap()
            <= detail["data"]["callEndTime"].as_str().unwrap()
    );
    let tok = sim.fabric_token(None).await["AccessToken"].as_str().unwrap().to_string();
    let cdr = sim
        .cdr(&tok, &json!({"subCcNo": demo::SUB_CC_NO, "vdn": camp.vdn.to_string(), "callId": id}))
        .await
        .json();
    assert_eq!(cdr["total"], 1);
    assert_eq!(cdr["results"][0]["calleeNo"], item["called"]);
    assert_eq!(cdr["results"][0]["callerNo"], camp.caller_no);
    let otok = sim.oifde_token().await;
    let tr = sim.transfers(&otok, json!({"callId": id})).await;
    assert_eq!(tr["total"], 1);
    assert_eq!(tr["transferRecordList"][0]["callingNumber"], item["called"]);
    // Dataset summary lists this kind of call.
    let summary = sim.get("/__sim/dataset").await.json();
    let sample = summary["sampleTransferCallIds"][0].as_str().unwrap().to_string();
    assert_eq!(sim.transfers(&otok, json!({"callId": sample})).await["total"], 1);
    sim.shutdown().await;
}

/// gettoken locks a tenant after five wrong API passwords in a row (200800003, even to the right
/// password) until `/__sim/reset`.
#[tokio::test]
async fn oifde_account_locks_after_repeated_wrong_passwords() {
    let sim = start().await;
    let get = |secret: &'static str| {
        let sim = &sim;
        async move {
            let body = json!({"appKey": demo::OIFDE_TENANT, "appSecret": secret});
            sim.post_json("/oifde/rest/api/gettoken", &body).await.json()["errorCode"].as_i64()
        }
    };
    for _ in 0..4 {
        assert_eq!(get("wrong").await, Some(200800002));
    }
    assert_eq!(get("wrong").await, Some(200800003));
    assert_eq!(get(demo::OIFDE_SECRET).await, Some(200800003));
    assert_eq!(sim.post_json("/__sim/reset", &json!({})).await.status, 200);
    assert_eq!(get(demo::OIFDE_SECRET).await, Some(0));
    sim.shutdown().await;
}
