//! CORS, `/__sim/` (stats, dataset, calls, faults), every fault kind, and the real binary's
//! start-up line and clean SIGTERM shutdown.

mod common;

use std::time::{Duration, Instant};

use cec_sim::faults::FaultSpec;
use common::*;
use serde_json::{json, Value};

const CR: &str = "/rest/isales/v1/openapi/campaigns/1/callresult/101";
const DETAIL: &str = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/";

fn assert_cors(r: &Resp) {
    let h = |k: &str| r.headers.get(k).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert_eq!(h("access-control-allow-origin"), "*");
    assert_eq!(h("access-control-allow-methods"), "GET, POST, OPTIONS, DELETE");
    assert_eq!(
        h("access-control-allow-headers"),
        "Content-Type, Authorization, X-APP-Key, X-Token-Expire, locale, X-TenantSpaceID"
    );
    assert_eq!(h("access-control-expose-headers"), "Retry-After, X-Request-Id");
}

async fn with_faults(specs: &[&str]) -> Sim {
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.faults = specs.iter().map(|s| FaultSpec::parse(s).unwrap()).collect();
    start_with(cfg).await
}

#[tokio::test]
async fn cors_everywhere() {
    let sim = with_faults(&["callRecords:status=503,retryAfter=3"]).await;
    for path in [
        CR,
        "/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo",
        "/oifde/rest/api/gettoken",
        "/__sim/stats",
        "/__sim/faults",
        "/nope",
    ] {
        let r = sim.options(path).await;
        assert_eq!(r.status, 204, "{path}");
        assert_cors(&r);
    }
    // On success, 401, 404, and an injected fault.
    assert_cors(&sim.isales_post(CR, "{}").await);
    let r = sim.isales_post_with_auth(CR, "{}", "bad").await;
    assert_eq!(r.status, 401);
    assert_cors(&r);
    let r = sim.get("/no/such/path").await;
    assert_eq!(r.status, 404);
    assert_cors(&r);
    let r = sim.isales_post("/rest/isales/v1/openapi/campaigns/1/callRecord", "{}").await;
    assert_eq!(r.status, 503);
    assert_eq!(r.headers["retry-after"], "3");
    assert_cors(&r);
    // Every API answer (faults included) carries a request id; the /__sim/ routes do not.
    let id = r.headers["x-request-id"].to_str().unwrap();
    assert!(id.starts_with("sim-callRecords-"), "{id}");
    let other = sim.isales_post(CR, "{}").await;
    assert_ne!(other.headers["x-request-id"], r.headers["x-request-id"]);
    assert!(sim.get("/__sim/dataset").await.headers.get("x-request-id").is_none());
    assert_cors(&sim.get("/__sim/dataset").await);
    // Preflights are not API requests.
    let s = sim.stats().await;
    assert_eq!(s["preflights"], 6);
    assert_eq!(s["requests"]["callResults"], 3);
    sim.shutdown().await;
}

#[tokio::test]
async fn stats_counts_in_flight_and_batches() {
    let mut cfg = cec_sim::Config::for_tests(TEST_CALLS);
    cfg.faults = vec![FaultSpec::parse("callResults:latency=400").unwrap()];
    let sim = start_with(cfg).await;
    // Six concurrent slow requests: all in flight together.
    let reqs = (0..6).map(|_| sim.isales_post(CR, "{\"pageSize\":1}"));
    let out = futures_join_all(reqs).await;
    assert!(out.iter().all(|r| r.status == 200));
    let s = sim.stats().await;
    assert_eq!(s["maxInFlight"], 6, "{s}");
    assert_eq!(s["inFlight"], 0);
    assert_eq!(s["requests"]["callResults"], 6);
    assert_eq!(s["faultsInjected"]["latency"], 6);
    assert_eq!(s["batches"], 1);
    assert!(s["minBatchGapMs"].is_null());

    // Reset, then two batches of three about 1.2 s apart.
    let r = sim.post_json("/__sim/reset", &json!({})).await.json();
    assert_eq!(r["totalRequests"], 0);
    assert_eq!(r["maxInFlight"], 0);
    let t0 = Instant::now();
    let missing = format!("{DETAIL}1-1");
    futures_join_all((0..3).map(|_| sim.isales_get(&missing))).await;
    tokio::time::sleep(Duration::from_millis(1200).saturating_sub(t0.elapsed())).await;
    futures_join_all((0..3).map(|_| sim.isales_get(&missing))).await;
    // Token requests count per endpoint but are not data requests.
    sim.fabric_token(None).await;
    sim.oifde_token().await;
    let s = sim.stats().await;
    assert_eq!(s["batches"], 2, "{s}");
    let gap = s["minBatchGapMs"].as_f64().unwrap();
    assert!((1150.0..2500.0).contains(&gap), "{gap}");
    assert_eq!(s["maxBatchSize"], 3);
    assert_eq!(s["batchSizes"]["max"], 3);
    assert_eq!(s["requests"]["callResultDetail"], 6);
    assert_eq!(s["requests"]["tokenByAkSk"], 1);
    assert_eq!(s["requests"]["gettoken"], 1);
    // Per caller: the signed requests under their access key, with the same batches.
    let mine = &s["byCaller"]["isales:cec-demo-ak"];
    assert_eq!(mine["requests"], 6, "{s}");
    assert_eq!(mine["batches"], 2);
    assert_eq!(mine["minBatchGapMs"], s["minBatchGapMs"]);
    assert_eq!(s["totalRequests"], 8);
    assert_eq!(s["responses"]["2xx"], 8);
    for k in [
        "callResultDetail",
        "callResults",
        "callRecords",
        "callManualDetail",
        "transferRecords",
        "tokenByAkSk",
        "gettoken",
    ] {
        assert!(s["requests"][k].is_u64(), "{k}");
    }
    sim.shutdown().await;
}

/// `futures::join_all` without the dependency: spawn-free, runs the futures concurrently.
async fn futures_join_all<F: std::future::Future<Output = Resp>>(futs: impl Iterator<Item = F>) -> Vec<Resp> {
    let futs: Vec<std::pin::Pin<Box<F>>> = futs.map(Box::pin).collect();
    let mut slots: Vec<Option<Resp>> = futs.iter().map(|_| None).collect();
    let mut futs: Vec<Option<std::pin::Pin<Box<F>>>> = futs.into_iter().map(Some).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in futs.iter_mut().zip(slots.iter_mut()) {
            if let Some(fut) = f {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        *slot = Some(v);
                        *f = None;
                    }
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    slots.into_iter().map(|s| s.unwrap()).collect()
}

#[tokio::test]
async fn fault_status_every_and_count() {
    let sim = with_faults(&[
        "callResults:status=503,every=2,retryAfter=2",
        "callRecords:status=429,retryAfter=1,count=1",
        "gettoken:status=500",
        "callResultDetail:status=401",
    ])
    .await;
    let codes: Vec<u16> = futures_seq(&sim, 4).await;
    assert_eq!(codes, [200, 503, 200, 503]);
    let r = sim.isales_post(CR, "{}").await;
    assert_eq!(r.status, 200);
    let r = sim.isales_post(CR, "{}").await;
    assert_eq!(r.headers["retry-after"], "2");
    assert_eq!(r.json()["reason"], "injected fault");
    let rec = "/rest/isales/v1/openapi/campaigns/1/callRecord";
    let r = sim.isales_post(rec, "{\"callId\":\"1-1\"}").await;
    assert_eq!((r.status.as_u16(), r.headers["retry-after"].to_str().unwrap()), (429, "1"));
    assert_eq!(sim.isales_post(rec, "{\"callId\":\"1-1\"}").await.status, 200, "count=1 stops after one");
    let r = sim.post_json("/oifde/rest/api/gettoken", &json!({})).await;
    assert_eq!(r.status, 500);
    assert!(r.headers.get("retry-after").is_none());
    assert_eq!(sim.isales_get(&format!("{DETAIL}1-1")).await.status, 401);
    let s = sim.stats().await;
    assert_eq!(s["faultsInjected"]["status"], 6);
    assert_eq!(s["faultsInjected"]["total"], 6);
    let f = sim.get("/__sim/faults").await.json();
    assert_eq!(f[0]["seen"], 6);
    assert_eq!(f[0]["injected"], 3);
    assert_eq!(f[0]["spec"], "callResults:status=503,retryAfter=2,every=2");
    assert_eq!(f[1]["injected"], 1);
    sim.shutdown().await;
}

async fn futures_seq(sim: &Sim, n: usize) -> Vec<u16> {
    let mut v = Vec::new();
    for _ in 0..n {
        v.push(sim.isales_post(CR, "{}").await.status.as_u16());
    }
    v
}

#[tokio::test]
async fn fault_latency_drop_truncate_malformed() {
    let sim = with_faults(&["callResults:latency=300"]).await;
    let t = Instant::now();
    assert_eq!(sim.isales_post(CR, "{}").await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    // Runtime replacement: drop the connection without a response.
    let set = sim
        .post_json("/__sim/faults", &json!([{"endpoint": "callResults", "kind": "drop", "count": 1}]))
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(set.json()[0]["kind"], "drop");
    let auth = sign(&sim.host, "POST", CR, Some("{}"), now_ms());
    let err = sim.http.post(sim.url(CR)).header("Authorization", auth).body("{}").send().await;
    assert!(err.is_err(), "dropped connection must fail: {err:?}");
    assert_eq!(sim.isales_post(CR, "{}").await.status, 200, "count=1: next one passes");

    // Truncate: a valid response cut in half.
    let full = sim.isales_post(CR, "{\"pageSize\":5}").await.text;
    sim.post_json("/__sim/faults", &json!(["callResults:truncate"])).await;
    let cut = sim.isales_post(CR, "{\"pageSize\":5}").await;
    assert_eq!(cut.status, 200);
    assert_eq!(cut.text.len(), full.len() / 2);
    assert!(full.starts_with(&cut.text));
    assert!(serde_json::from_str::<Value>(&cut.text).is_err());

    // Malformed: 200 but not JSON.
    sim.post_json("/__sim/faults", &json!({"faults": [{"endpoint": "*", "kind": "malformed"}]})).await;
    let m = sim.post_json("/oifde/rest/api/gettoken", &json!({})).await;
    assert_eq!(m.status, 200);
    assert!(serde_json::from_str::<Value>(&m.text).is_err());

    // DELETE clears; GET shows an empty list.
    let d = sim.delete("/__sim/faults").await;
    assert_eq!(d.json(), json!([]));
    assert_eq!(sim.get("/__sim/faults").await.json(), json!([]));
    assert_eq!(sim.isales_post(CR, "{}").await.json()["returnCode"], "0200000");
    // Bad fault lists are refused with 400 and leave the set unchanged.
    for bad in [
        json!([{"kind": "explode"}]),
        json!([{"endpoint": "nope", "kind": "drop"}]),
        json!("callResults:status=200"),
        json!([{"kind": "drop", "every": 2, "probability": 0.5}]),
    ] {
        assert_eq!(sim.post_json("/__sim/faults", &bad).await.status, 400, "{bad}");
    }
    assert_eq!(sim.post_raw("/__sim/faults", "{{", &[]).await.status, 400);
    let s = sim.stats().await;
    assert_eq!(s["faultsInjected"]["drop"], 1);
    assert_eq!(s["faultsInjected"]["truncate"], 1);
    assert_eq!(s["faultsInjected"]["malformed"], 1);
    assert_eq!(s["faultsInjected"]["latency"], 1);
    assert_eq!(s["responses"]["dropped"], 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn fault_wrong_type_per_endpoint() {
    let sim = with_faults(&["*:wrong-type"]).await;
    let ds = sim.handle.dataset().clone();
    let v = sim.isales_post(CR, "{\"pageSize\":2}").await.json();
    assert!(v["data"][0]["callStatus"].is_object(), "{v}");
    assert_eq!(v["returnCode"], "0200000", "still correctly enveloped");
    let v = sim
        .isales_post(
            "/rest/isales/v1/openapi/campaigns/3/callresult/106",
            &json!({"beginTime": "2026-06-01", "endTime": "2026-06-10"}).to_string(),
        )
        .await
        .json();
    assert_eq!(v["totalCount"], "abc");
    let i = ds.calls.iter().position(|c| ds.campaign_of(c).unwrap().def.vdn == 1).unwrap();
    let v = sim.isales_get(&format!("{DETAIL}{}", ds.call_id(i))).await.json();
    assert!(v["data"]["callStatus"].is_object());
    let v = sim
        .isales_post("/rest/isales/v1/openapi/campaigns/1/callRecord", "{\"callId\":\"1-1\"}")
        .await
        .json();
    assert_eq!(v["recordList"], "abc");
    let t = sim
        .post_json(
            "/apigovernance/api/oauth/tokenByAkSk",
            &json!({"app_key": "cec-demo-app", "app_secret": "cec-demo-app-secret"}),
        )
        .await
        .json();
    assert!(t["Expires"].is_object());
    let g = sim
        .post_json(
            "/oifde/rest/api/gettoken",
            &json!({"appKey": "202604010001", "appSecret": "cec-demo-oifde-secret"}),
        )
        .await
        .json();
    assert_eq!(g["expireTime"], "abc");
    // An error envelope gets a wrongly typed code.
    let e = sim.post_json("/oifde/rest/api/queryTransferRecordHistory", &json!({})).await.json();
    assert!(e["errorCode"].is_object(), "{e}");
    let tok = g["authToken"].as_str().unwrap();
    let cdr =
        sim.post_json("/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo", &json!({})).await;
    assert_eq!(cdr.status, 401);
    let _ = tok;
    sim.shutdown().await;
}

#[tokio::test]
async fn fault_probability_is_deterministic() {
    let pattern = |sim: Sim| async move {
        let mut v = Vec::new();
        for _ in 0..30 {
            v.push(sim.post_json("/oifde/rest/api/gettoken", &json!({})).await.status.as_u16());
        }
        sim.shutdown().await;
        v
    };
    let a = pattern(with_faults(&["gettoken:status=502,probability=0.4,seed=11"]).await).await;
    let b = pattern(with_faults(&["gettoken:status=502,probability=0.4,seed=11"]).await).await;
    assert_eq!(a, b);
    let n = a.iter().filter(|s| **s == 502).count();
    assert!((4..=24).contains(&n), "{n}");
    assert!(a.contains(&200));
}

#[tokio::test]
async fn dataset_and_calls_endpoints() {
    let sim = start().await;
    let d = sim.get("/__sim/dataset").await.json();
    assert_eq!(d["seed"], 42);
    assert_eq!(d["calls"], TEST_CALLS);
    assert_eq!(d["dateRange"]["startDate"], "2026-06-01");
    assert_eq!(d["dateRange"]["endDate"], "2026-10-31");
    assert_eq!(d["subCcNo"], "1");
    assert_eq!(d["vdns"].as_array().unwrap().len(), 3);
    let camps = d["campaigns"].as_array().unwrap();
    assert_eq!(
        camps.iter().map(|c| c["campaignId"].as_u64().unwrap()).collect::<Vec<_>>(),
        [101, 102, 103, 104, 105, 106]
    );
    assert!(camps.iter().any(|c| c["language"] == "zh") && camps.iter().any(|c| c["language"] == "en"));
    let sum: u64 = camps.iter().map(|c| c["calls"].as_u64().unwrap()).sum();
    assert_eq!(sum, TEST_CALLS as u64);
    assert!(d["sampleTransferCallIds"].as_array().unwrap().len() >= 3);
    assert_eq!(d["credentials"]["isales"]["ak"], "cec-demo-ak");
    assert_eq!(d["credentials"]["apiFabric"]["appKey"], "cec-demo-app");
    assert_eq!(d["credentials"]["oifde"]["tenantId"], "202604010001");

    // Ground truth: all calls of a VDN across campaigns, in global order; showDetail=1 counts all.
    let all = sim.get("/__sim/calls?showDetail=1").await.json();
    assert_eq!(all["totalCount"], TEST_CALLS);
    let v1 = sim.get("/__sim/calls?vdnId=1&showDetail=1").await.json();
    assert_eq!(v1["totalCount"], d["vdns"][0]["calls"]);
    let finals = sim.get("/__sim/calls").await.json();
    assert_eq!(finals["totalCount"], d["sessions"]);
    assert_eq!(sim.get("/__sim/calls?vdnId=2&campaignId=101").await.json()["totalCount"], 0);
    for bad in ["vdnId=x", "campaignId=x", "beginTime=2026-13-01", "showDetail=2"] {
        assert_eq!(sim.get(&format!("/__sim/calls?{bad}")).await.status, 400, "{bad}");
    }
    sim.shutdown().await;
}

/// The real binary: one exact first line, then a clean exit on SIGTERM.
#[cfg(unix)]
#[test]
fn binary_prints_listening_line_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_cec-sim"))
        .args(["--port", "0", "--calls", "2000", "--fault", "callRecords:latency=5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim_end()
        .strip_prefix("cec-sim listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    let mut rest = String::new();
    for _ in 0..3 {
        out.read_line(&mut rest).unwrap();
    }
    assert!(rest.contains("generated in"), "{rest}");
    assert!(rest.contains("cec-demo-ak"), "{rest}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let body = rt.block_on(async {
        reqwest::get(format!("http://127.0.0.1:{port}/__sim/dataset")).await.unwrap().text().await.unwrap()
    });
    assert!(body.contains("\"calls\":2000"));
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    assert!(code.success(), "{code:?}");
}
