//! CC-iSales auth-v2 over HTTP (split from isales.rs): good, bad and skewed signatures, the
//! demo and AUTH.md key pairs, and AUTH.md's vectors per `--auth-profile` against an injected clock.

mod common;

use cec_calldata::signing::Wire;
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
    let r = sim.isales_post_with_auth(CR, r#"{"pageSize":2}"#, &auth).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["reason"], "signature mismatch");
    // Wrong host signed.
    let auth = sign("127.0.0.1:1", "POST", CR, Some(body), now_ms());
    assert_eq!(sim.isales_post_with_auth(CR, body, &auth).await.status, 401);
    // Wrong secret key.
    let wire = Wire {
        method: "POST",
        path: CR,
        query: &[],
        host: &sim.host,
        content_type: Some(CT),
        body: Some(body),
    };
    let bad = sign_as("A", (demo::ISALES_AK, "nope"), &wire, now_ms());
    let r = sim.isales_post_with_auth(CR, body, &bad).await;
    assert_eq!(r.status, 401);
    assert!(!r.text.contains(demo::ISALES_SK));
    // Clock skew: 20 minutes off is refused, 10 minutes is fine (default window 900 s).
    for (off, status) in [(-20 * 60_000, 401), (20 * 60_000, 401), (-10 * 60_000, 200), (10 * 60_000, 200)] {
        let auth = sign(&sim.host, "POST", CR, Some(body), now_ms() + off);
        let r = sim.isales_post_with_auth(CR, body, &auth).await;
        assert_eq!(r.status, status, "offset {off}: {}", r.text);
        if status == 401 {
            assert!(r.json()["reason"].as_str().unwrap().contains("skew"));
        }
    }
    // Missing / garbage header.
    assert_eq!(sim.isales_post_with_auth(CR, body, "").await.status, 401);
    assert_eq!(sim.isales_post_with_auth(CR, body, "Bearer x").await.status, 401);
    // Unknown AK.
    let r = sim.isales_post_with_auth(CR, body, "auth-v2/someone/2026-01-01T00:00:00.000Z/host/00").await;
    assert_eq!(r.json()["reason"], "unknown access key");
    // GET without body.
    let id = sim.handle.dataset().call_id(0);
    let r = sim
        .isales_get(&format!("/rest/isales/v1/openapi/campaigns/{}/callresultdetail/{id}", vdn_of(&sim, 0)))
        .await;
    assert_eq!(r.json()["returnCode"], "0200000", "{}", r.text);
    sim.shutdown().await;
}

#[tokio::test]
async fn auth_v2_auth_md_pair_extra_keys_and_narrow_skew() {
    let sim = start().await;
    let body = r#"{"showDetail":1,"pageSize":3}"#;
    let wire = Wire {
        method: "POST",
        path: CR,
        query: &[],
        host: &sim.host,
        content_type: Some(CT),
        body: Some(body),
    };
    let auth = sign_as("A", (demo::AUTH_MD_AK, demo::AUTH_MD_SK), &wire, now_ms());
    assert!(auth.contains("/content-length;content-type;host/"));
    let r = sim.isales_post_with_auth(CR, body, &auth).await;
    assert_eq!(r.json()["returnCode"], "0200000", "{}", r.text);
    assert_eq!(r.json()["data"].as_array().unwrap().len(), 3);

    // --ak adds a pair; a narrow skew window applies.
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.isales_keys.push(cec_sim::config::Credential::new("extra-ak", "extra-sk"));
    cfg.max_clock_skew_secs = 2;
    let sim2 = start_with(cfg).await;
    let wire = Wire { host: &sim2.host, ..wire };
    let auth = sign_as("A", ("extra-ak", "extra-sk"), &wire, now_ms());
    assert_eq!(sim2.isales_post_with_auth(CR, body, &auth).await.json()["returnCode"], "0200000");
    let old = sign(&sim2.host, "POST", CR, Some(body), now_ms() - 10_000);
    assert_eq!(sim2.isales_post_with_auth(CR, body, &old).await.status, 401);
    sim.shutdown().await;
    sim2.shutdown().await;
}

/// AUTH.md's GET vectors, sent over HTTP to servers whose clock is injected at the vectors'
/// instant, one per profile: auth passes (the callId is not in the dataset, so the answer is
/// 0200007, not 401), and each vector is refused by the other profile.
#[tokio::test]
async fn auth_md_vectors_over_http_with_injected_clock() {
    let path = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428";
    let a = "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-type;host/aad6f047acf6d2319b00d256567063d80a06e77d399b9822faaf900db8b774ff";
    let b = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576";
    for (profile, good, bad) in
        [(cec_sim::authv2::AuthProfile::A, a, b), (cec_sim::authv2::AuthProfile::B, b, a)]
    {
        let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
        cfg.clock = std::sync::Arc::new(|| 1_704_067_200_000);
        cfg.auth_profile = profile;
        let sim = start_with(cfg).await;
        let send = |auth: &'static str, host: &'static str| {
            let req = sim
                .http
                .get(sim.url(path))
                .header("Host", host)
                .header("Content-Type", CT)
                .header("Authorization", auth);
            async move {
                let r = req.send().await.unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        let (status, body) = send(good, "10.22.26.181:28080").await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"returnCode\":\"0200007\""), "{body}");
        assert_eq!(send(bad, "10.22.26.181:28080").await.0, 401);
        // The same header with the real Host (what the test connection would send) does not verify.
        assert_eq!(send(good, "127.0.0.1:1").await.0, 401);
        sim.shutdown().await;
    }
}
