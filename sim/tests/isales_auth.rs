//! CC-iSales auth-v2 over HTTP (split from isales.rs): good, bad and skewed signatures, the
//! demo and AUTH.md key pairs, and AUTH.md's vector against an injected clock.

mod common;

use cec_calldata::auth::{format_timestamp, sign_auth_v2, SignInput, TimestampPrecision};
use cec_sim::config::demo;
use common::*;

const CR: &str = "/rest/isales/v1/openapi/campaigns/1/callresult/101";

#[tokio::test]
async fn auth_v2_good_bad_and_skew() {
    let sim = start().await;
    let body = r#"{"pageSize":1}"#;
    // Good signature.
    let r = sim.isales_post(CR, body).await;
    assert_eq!(r.json()["returnCode"], "0200000");
    // Tampered body (signed one thing, sent another).
    let auth = sign(&sim.host, "POST", CR, Some(body), now_ms());
    let r = sim
        .isales_post_with_auth(CR, r#"{"pageSize":2}"#, &auth)
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["reason"], "signature mismatch");
    // Wrong host signed.
    let auth = sign("127.0.0.1:1", "POST", CR, Some(body), now_ms());
    assert_eq!(sim.isales_post_with_auth(CR, body, &auth).await.status, 401);
    // Wrong secret key.
    let ts = format_timestamp(now_ms(), TimestampPrecision::Seconds).unwrap();
    let bad = sign_auth_v2(&SignInput {
        access_key: demo::ISALES_AK,
        secret_key: "nope",
        method: "POST",
        path: CR,
        query: &[],
        headers: &[("host", &sim.host)],
        body: Some(body),
        timestamp: &ts,
    });
    let r = sim.isales_post_with_auth(CR, body, &bad).await;
    assert_eq!(r.status, 401);
    assert!(!r.text.contains(demo::ISALES_SK));
    // Clock skew: 20 minutes off is refused, 10 minutes is fine (default window 900 s).
    for (off, status) in [
        (-20 * 60_000, 401),
        (20 * 60_000, 401),
        (-10 * 60_000, 200),
        (10 * 60_000, 200),
    ] {
        let auth = sign(&sim.host, "POST", CR, Some(body), now_ms() + off);
        let r = sim.isales_post_with_auth(CR, body, &auth).await;
        assert_eq!(r.status, status, "offset {off}: {}", r.text);
        if status == 401 {
            assert!(r.json()["reason"].as_str().unwrap().contains("skew"));
        }
    }
    // Missing / garbage header.
    assert_eq!(sim.isales_post_with_auth(CR, body, "").await.status, 401);
    assert_eq!(
        sim.isales_post_with_auth(CR, body, "Bearer x").await.status,
        401
    );
    // Unknown AK.
    let r = sim
        .isales_post_with_auth(CR, body, &format!("auth-v2/someone/{ts}/host/00"))
        .await;
    assert_eq!(r.json()["reason"], "unknown access key");
    // GET without body.
    let id = sim.handle.dataset().call_id(0);
    let r = sim
        .isales_get(&format!(
            "/rest/isales/v1/openapi/campaigns/{}/callresultdetail/{id}",
            vdn_of(&sim, 0)
        ))
        .await;
    assert_eq!(r.json()["returnCode"], "0200000", "{}", r.text);
    sim.shutdown().await;
}

#[tokio::test]
async fn auth_v2_variants_millis_content_headers_and_auth_md_pair() {
    let sim = start().await;
    let body = r#"{"showDetail":1,"pageSize":3}"#;
    let len = body.len().to_string();
    let ct = "application/json; charset=UTF-8";
    let ts = format_timestamp(now_ms(), TimestampPrecision::Millis).unwrap();
    let auth = sign_auth_v2(&SignInput {
        access_key: demo::AUTH_MD_AK,
        secret_key: demo::AUTH_MD_SK,
        method: "POST",
        path: CR,
        query: &[],
        headers: &[
            ("content-length", &len),
            ("content-type", ct),
            ("host", &sim.host),
        ],
        body: Some(body),
        timestamp: &ts,
    });
    assert!(auth.contains("/content-length;content-type;host/"));
    let r = sim.isales_post_with_auth(CR, body, &auth).await;
    assert_eq!(r.json()["returnCode"], "0200000", "{}", r.text);
    assert_eq!(r.json()["data"].as_array().unwrap().len(), 3);

    // --ak adds a pair; a narrow skew window applies.
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.isales_keys
        .push(cec_sim::config::Credential::new("extra-ak", "extra-sk"));
    cfg.max_clock_skew_secs = 2;
    let sim2 = start_with(cfg).await;
    let ts = format_timestamp(now_ms(), TimestampPrecision::Seconds).unwrap();
    let auth = sign_auth_v2(&SignInput {
        access_key: "extra-ak",
        secret_key: "extra-sk",
        method: "POST",
        path: CR,
        query: &[],
        headers: &[("host", &sim2.host)],
        body: Some(body),
        timestamp: &ts,
    });
    assert_eq!(
        sim2.isales_post_with_auth(CR, body, &auth).await.json()["returnCode"],
        "0200000"
    );
    let old = sign(&sim2.host, "POST", CR, Some(body), now_ms() - 10_000);
    assert_eq!(sim2.isales_post_with_auth(CR, body, &old).await.status, 401);
    sim.shutdown().await;
    sim2.shutdown().await;
}

/// AUTH.md's GET vector, sent over HTTP to a server whose clock is injected at the vector's
/// instant: auth passes (the callId is not in the dataset, so the answer is 0200007, not 401).
#[tokio::test]
async fn auth_md_vector_over_http_with_injected_clock() {
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.clock = std::sync::Arc::new(|| 1_704_067_200_000);
    let sim = start_with(cfg).await;
    let path = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428";
    let vector = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576";
    let send = |auth: &'static str, host: &'static str| {
        let req = sim
            .http
            .get(sim.url(path))
            .header("Host", host)
            .header("Authorization", auth);
        async move {
            let r = req.send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, body) = send(vector, "10.22.26.181:28080").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"returnCode\":\"0200007\""), "{body}");
    // The same header with the real Host (what the test connection would send) does not verify.
    let (status, _) = send(vector, "127.0.0.1:1").await;
    assert_eq!(status, 401);
    sim.shutdown().await;
}
