//! The auth-v2 profiles end to end: requests signed by the client library in profile A or B,
//! verified by simulators started with `--auth-profile A` and `--auth-profile B` (whose verifier
//! is written from AUTH.md independently). Each request passes in its own profile, gets 401 in
//! the other.

mod common;

use cec_calldata::auth::normalize;
use cec_calldata::signing::Wire;
use cec_sim::authv2::AuthProfile;
use cec_sim::config::demo;
use common::*;

const DETAIL: &str = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428";
const CR: &str = "/rest/isales/v1/openapi/campaigns/1/callresult/101";

struct Case {
    what: &'static str,
    method: &'static str,
    path: &'static str,
    query: &'static [(&'static str, &'static str)],
    content_type: bool,
    body: Option<&'static str>,
    /// Send this Host instead of the URL's `host:port`.
    host: Option<&'static str>,
}

const CASES: [Case; 7] = [
    Case {
        what: "GET, no body, no Content-Type",
        method: "GET",
        path: DETAIL,
        query: &[],
        content_type: false,
        body: None,
        host: None,
    },
    Case {
        what: "GET, no body, Content-Type (the client's GET)",
        method: "GET",
        path: DETAIL,
        query: &[],
        content_type: true,
        body: None,
        host: None,
    },
    Case {
        what: "POST with a body",
        method: "POST",
        path: CR,
        query: &[],
        content_type: true,
        body: Some(r#"{"pageSize":2}"#),
        host: None,
    },
    Case {
        what: "POST with an empty body",
        method: "POST",
        path: CR,
        query: &[],
        content_type: true,
        body: Some(""),
        host: None,
    },
    Case {
        what: "POST, non-ASCII body",
        method: "POST",
        path: CR,
        query: &[],
        content_type: true,
        body: Some(r#"{"pageSize":1,"sessionId":"会话 é+&="}"#),
        host: None,
    },
    Case {
        what: "POST, Host without a port",
        method: "POST",
        path: CR,
        query: &[],
        content_type: true,
        body: Some(r#"{"pageSize":1}"#),
        host: Some("isales.example"),
    },
    Case {
        what: "GET with query parameters",
        method: "GET",
        path: DETAIL,
        query: &[("pageSize", "10"), ("pageNum", "1"), ("q", "a b/é")],
        content_type: true,
        body: None,
        host: None,
    },
];

async fn send(sim: &Sim, case: &Case, profile: &str) -> Resp {
    let host = case.host.unwrap_or(&sim.host);
    let wire = Wire {
        method: case.method,
        path: case.path,
        query: case.query,
        host,
        content_type: case.content_type.then_some(CT),
        body: case.body,
    };
    let auth = sign_as(profile, (demo::ISALES_AK, demo::ISALES_SK), &wire, now_ms());
    let mut url = sim.url(case.path);
    if !case.query.is_empty() {
        let q: Vec<String> =
            case.query.iter().map(|(k, v)| format!("{}={}", normalize(k), normalize(v))).collect();
        url = format!("{url}?{}", q.join("&"));
    }
    let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
    let mut b = sim.http.request(method, url).header("Authorization", auth);
    if case.content_type {
        b = b.header("Content-Type", CT);
    }
    if let Some(h) = case.host {
        b = b.header("Host", h);
    }
    if let Some(body) = case.body {
        // fetch sends `Content-Length: 0` for an empty body; hyper would leave it out.
        if body.is_empty() {
            b = b.header("Content-Length", "0");
        }
        b = b.body(body.to_string());
    }
    let r = b.send().await.expect("request");
    Resp { status: r.status(), headers: r.headers().clone(), text: r.text().await.expect("body") }
}

#[tokio::test]
async fn each_profile_verifies_its_own_layout_only() {
    for (sim_profile, good, bad) in [(AuthProfile::A, "A", "B"), (AuthProfile::B, "B", "A")] {
        let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
        cfg.auth_profile = sim_profile;
        let sim = start_with(cfg).await;
        for case in &CASES {
            let r = send(&sim, case, good).await;
            assert_ne!(r.status, 401, "sim {good}, {}: signed in {good} was refused: {}", case.what, r.text);
            assert_eq!(r.status, 200, "sim {good}, {}: {}", case.what, r.text);
            let r = send(&sim, case, bad).await;
            assert_eq!(r.status, 401, "sim {good}, {}: signed in {bad} was accepted: {}", case.what, r.text);
        }
        sim.shutdown().await;
    }
}
