// Test bodies shared by tests/wasm_client.rs (Node) and tests/wasm_client_browser.rs (headless
// Chromium), `include!`d by both after helpers.rs.

// ---- tests -------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn every_method_against_every_gateway() {
    let base = sim();
    let c = client(&all_gateways(&base));
    let ids = first_call_ids(&base, 1).await;
    let id = &ids[0];

    let page = ok(c.query_call_results(js(&json!({ "vdnId": 1, "campaignId": 101, "pageSize": 5, "pageNum": 1, "showDetail": 1, "beginTime": "2026-06-01", "endTime": "2026-07-01" })), None)).await;
    assert_eq!(page["data"].as_array().unwrap().len(), 5);
    assert!(page["totalCount"].as_u64().unwrap() > 5);
    assert_eq!(page["data"][0]["callId"].as_str(), Some(id.as_str()));

    let detail = ok(c.get_call_result_detail(js(&json!({ "vdnId": 1, "callId": id })), None)).await;
    assert_eq!(detail["data"]["callId"].as_str(), Some(id.as_str()));

    let records = ok(c.query_call_records(js(&json!({ "vdnId": 1, "callId": id })), None)).await;
    assert!(records["recordList"].is_array(), "{records}");

    let cdr = ok(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": id })), None)).await;
    assert_eq!(cdr["results"][0]["callId"].as_str(), Some(id.as_str()), "{cdr}");

    let tid = transfer_call_id(&base).await;
    let tr = ok(c.query_transfer_records(js(&json!({ "callId": tid })), None)).await;
    assert_eq!(tr["transferRecordList"][0]["callId"].as_str(), Some(tid.as_str()), "{tr}");

    // The same gateways with tokens the caller manages.
    let fabric = sim_call("POST", &base, "/apigovernance/api/oauth/tokenByAkSk", Some(json!({ "app_key": APP_KEY, "app_secret": APP_SECRET }))).await;
    let oifde = sim_call("POST", &base, "/oifde/rest/api/gettoken", Some(json!({ "appKey": TENANT, "appSecret": OIFDE_SECRET }))).await;
    let c2 = client(&json!({
        "apiFabric": { "baseUrl": base, "accessToken": fabric["AccessToken"], "appKey": APP_KEY },
        "oifde": { "baseUrl": base, "tenantId": TENANT, "authToken": oifde["authToken"] },
    }));
    let cdr2 = ok(c2.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": "1", "callId": id })), None)).await;
    assert_eq!(cdr2, cdr);
    let tr2 = ok(c2.query_transfer_records(js(&json!({ "callId": tid })), None)).await;
    assert_eq!(tr2, tr);

    // An explicit profile A (the simulator's), written as a custom object; a base URL with a
    // trailing slash.
    let c3 = client(&json!({ "isales": { "baseUrl": format!("{base}/"), "accessKey": ISALES_AK, "secretKey": ISALES_SK,
        "signing": { "queryLine": "keep", "timestamp": "millis", "signedHeaders": ["content-type", "content-length", "host"] } } }));
    let page3 = ok(c3.query_call_results(js(&json!({ "vdnId": 1, "campaignId": 101, "pageSize": 5, "pageNum": 1, "showDetail": 1, "beginTime": "2026-06-01", "endTime": "2026-07-01" })), None)).await;
    assert_eq!(page3, page);

    // The transfer-record iterator over the same query gives the same records.
    let it = c.iterate_transfer_records(js(&json!({ "callId": tid })), None).unwrap();
    let mut items = Vec::new();
    while let Some(x) = next_item(it.next()).await.unwrap() {
        items.push(x);
    }
    assert_eq!(Value::Array(items), tr["transferRecordList"]);
}

#[wasm_bindgen_test]
async fn invalid_input_is_rejected_before_anything_is_sent() {
    let base = sim();
    quiet_reset(&base).await;
    let c = client(&json!({ "isales": { "baseUrl": base, "accessKey": ISALES_AK, "secretKey": ISALES_SK } }));
    let e = fails(c.query_call_results(js(&json!({ "vdnId": 0, "pageSize": 900, "beginTime": "2026-02-30" })), None)).await;
    assert_eq!(e.kind, "validation");
    assert_eq!(e.attempts, 0);
    assert_eq!(e.endpoint.as_deref(), Some("callResults"));
    let fields: Vec<&str> = e.issues.iter().filter_map(|i| i["field"].as_str()).collect();
    for f in ["vdnId", "campaignId", "beginTime"] {
        assert!(fields.contains(&f), "missing issue on {f}: {fields:?}");
    }
    // A gateway that is not configured is named, together with the request's own issues.
    let e = fails(c.query_transfer_records(js(&json!({})), None)).await;
    assert_eq!(e.kind, "validation");
    let fields: Vec<&str> = e.issues.iter().filter_map(|i| i["field"].as_str()).collect();
    assert!(fields.contains(&"oifde"), "{fields:?}");
    let e = fails(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": "x" })), None)).await;
    assert!(e.issues.iter().any(|i| i["field"] == "apiFabric"), "{:?}", e.issues);
    // Bad options.
    let e = fails(c.query_call_records(js(&json!({ "vdnId": 1, "callId": "x" })), opts(json!({ "timeoutMs": -5, "signal": 3 })))).await;
    let fields: Vec<&str> = e.issues.iter().filter_map(|i| i["field"].as_str()).collect();
    assert!(fields.contains(&"options.timeoutMs") && fields.contains(&"options.signal"), "{fields:?}");
    // The iterators throw at once.
    let e = c.iterate_call_results(js(&json!({ "vdnId": 1 })), None).err().map(|e| err(&e)).unwrap();
    assert_eq!(e.kind, "validation");
    assert_eq!(stats(&base).await["totalRequests"].as_u64(), Some(0), "something was sent");
}

#[wasm_bindgen_test]
async fn invalid_config_names_every_bad_field() {
    let cfg = json!({
        "isales": { "baseUrl": "not a url", "accessKey": "ak" },
        "apiFabric": { "baseUrl": "http://x", "appKey": "k" },
        "timeoutMs": 0,
        "maxConcurrency": "ten",
        "logger": "not a function",
    });
    let e = err(&CecClient::new(js(&cfg)).err().expect("config should be rejected"));
    assert_eq!(e.kind, "validation");
    let fields: Vec<&str> = e.issues.iter().filter_map(|i| i["field"].as_str()).collect();
    for f in ["isales.baseUrl", "isales.secretKey", "apiFabric.appSecret", "timeoutMs", "maxConcurrency", "logger"] {
        assert!(fields.contains(&f), "missing {f}: {fields:?}");
    }
    let e = err(&CecClient::new(js(&json!({}))).err().expect("an empty config should be rejected"));
    assert_eq!(e.kind, "validation");
    let e = err(&CecClient::new(JsValue::UNDEFINED).err().expect("undefined should be rejected"));
    assert_eq!(e.kind, "validation");
}

#[wasm_bindgen_test]
fn secrets_in_a_browser_page_need_the_opt_in() {
    let cfg = json!({ "isales": { "baseUrl": "http://x", "accessKey": "ak", "secretKey": "sk-value" } });
    let in_browser = js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("document")).unwrap_or(false);
    match CecClient::new(js(&cfg)) {
        Ok(_) => assert!(!in_browser, "a browser page accepted a secret key without the opt-in"),
        Err(e) => {
            let e = err(&e);
            assert!(in_browser, "Node refused a secret key: {e:?}");
            assert_eq!(e.issues[0]["field"], "isales.secretKey");
            assert!(e.message.contains("isales.sign") && !e.message.contains("sk-value"), "{e:?}");
        }
    }
    assert!(CecClient::new(opted_in(&cfg)).is_ok());
}

#[wasm_bindgen_test]
async fn wrong_secrets_give_auth_errors_without_leaking_them() {
    let base = sim();
    let bad_sk = "WRONG-isales-secret-123";
    let bad_app = "WRONG-app-secret-456";
    let bad_oifde = "WRONG-oifde-secret-789";
    let rec = recorder();
    let c = client_with_hooks(
        &json!({
            "isales": { "baseUrl": base, "accessKey": ISALES_AK, "secretKey": bad_sk },
            "apiFabric": { "baseUrl": base, "appKey": APP_KEY, "appSecret": bad_app },
            "oifde": { "baseUrl": base, "tenantId": TENANT, "appSecret": bad_oifde },
        }),
        &[("logger", &rec.function)],
    );
    let e = fails(c.query_call_records(js(&json!({ "vdnId": 1, "callId": "1-1" })), None)).await;
    assert_eq!(e.kind, "auth", "{e:?}");
    assert_eq!(e.http_status, Some(401));
    // `signing: "auto"` tried both profiles (A, then B) before giving up.
    assert_eq!(e.attempts, 2);
    assert!(e.message.contains("(A, B)"), "{e:?}");
    assert_eq!(e.endpoint.as_deref(), Some("callRecords"));
    let e2 = fails(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": "1-1" })), None)).await;
    assert_eq!(e2.kind, "auth", "{e2:?}");
    assert_eq!(e2.endpoint.as_deref(), Some("callManualDetail"));
    let e3 = fails(c.query_transfer_records(js(&json!({ "callId": "1-1" })), None)).await;
    assert_eq!(e3.kind, "auth", "{e3:?}");
    assert!(e3.code.is_some());
    for (e, secret) in [(&e, bad_sk), (&e2, bad_app), (&e3, bad_oifde)] {
        assert!(!e.full.contains(secret), "error leaks its secret: {}", e.full);
        assert_no_secret(&e.full, "auth error");
    }
    for ev in rec.events.borrow().iter() {
        for s in [bad_sk, bad_app, bad_oifde] {
            assert!(!ev.contains(s), "event leaks a secret: {ev}");
        }
    }
}

#[wasm_bindgen_test]
async fn token_renewal_is_shared_by_concurrent_callers() {
    let base = sim_short_ttl();
    quiet_reset(&base).await;
    let c = client(&all_gateways(&base));
    let ids = first_call_ids(&base, 4).await;
    let tid = transfer_call_id(&base).await;
    for round in 1..=2u64 {
        if round > 1 {
            // Tokens live 2 s; the client renews them from 80% of that on.
            sleep(2_200).await;
        }
        let mut calls = Vec::new();
        for id in &ids {
            calls.push(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": id })), None));
            calls.push(c.query_transfer_records(js(&json!({ "callId": tid })), None));
        }
        for p in calls {
            ok(p).await;
        }
        let s = stats(&base).await;
        assert_eq!(requests(&s, "tokenByAkSk"), round, "round {round}: {s}");
        assert_eq!(requests(&s, "gettoken"), round, "round {round}: {s}");
    }

    // A token that expires while its request waits in the rate gate is never sent: the token is
    // taken again when the request leaves the gate, and renewed then. One request per 1.2 s
    // batch: the third request waited past the 2 s token's life and is sent at t≈2.4 s with a
    // renewed token, so no request is rejected and none is resent. One client per gateway, side by
    // side (each has its own gate; the sim counts per endpoint).
    quiet_reset(&base).await;
    let slow_config = with(all_gateways(&base), json!({ "maxConcurrency": 1, "batchIntervalMs": 1_200 }));
    let (fabric, oifde) = (client(&slow_config), client(&slow_config));
    let mut calls: Vec<(&str, js_sys::Promise)> = Vec::new();
    for id in &ids[..3] {
        calls.push(("callManualDetail", fabric.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": id })), None)));
        calls.push(("transferRecords", oifde.query_transfer_records(js(&json!({ "callId": tid })), None)));
    }
    let mut results = Vec::new();
    for (ep, p) in calls {
        results.push((ep, done(p).await.map_err(|e| err(&e))));
    }
    let s = stats(&base).await;
    for r in &results {
        assert!(r.1.is_ok(), "{r:?} {s}");
    }
    for (endpoint, token_endpoint) in [("callManualDetail", "tokenByAkSk"), ("transferRecords", "gettoken")] {
        assert_eq!(requests(&s, endpoint), 3, "{endpoint}: a request was sent with an expired token: {s}");
        assert_eq!(requests(&s, token_endpoint), 2, "{endpoint}: {s}");
    }
}

#[wasm_bindgen_test]
async fn faults_are_retried_or_reported_with_the_right_kind() {
    let base = sim();
    clear_faults(&base).await;
    let c = client(&with(all_gateways(&base), json!({ "batchIntervalMs": 0, "maxRetries": 2 })));
    let req = || js(&json!({ "vdnId": 1, "callId": "1780301060-1000001" }));

    // Recovered by a retry.
    // (A 500 on callRecords is a documented business failure: tests/wasm_fidelity.rs.)
    for spec in ["callRecords:status=502,count=1", "callRecords:status=503,count=1", "callRecords:drop,count=1", "callRecords:status=504,count=1"] {
        set_faults(&base, json!([spec])).await;
        ok(c.query_call_records(req(), None)).await;
        let f = sim_call("GET", &base, "/__sim/faults", None).await;
        assert_eq!(f[0]["injected"].as_u64(), Some(1), "{spec}: {f}");
    }
    // 429 with Retry-After: the client waits as told.
    set_faults(&base, json!(["callRecords:status=429,retryAfter=1,count=1"])).await;
    let t0 = now();
    ok(c.query_call_records(req(), None)).await;
    assert!(now() - t0 >= 950.0, "Retry-After not honoured: {} ms", now() - t0);

    // Reported after the retries, with attempts and status.
    set_faults(&base, json!(["callRecords:status=503"])).await;
    let e = fails(c.query_call_records(req(), None)).await;
    assert_eq!((e.kind.as_str(), e.http_status, e.attempts, e.retryable), ("http", Some(503), 3, true), "{e:?}");
    assert_eq!(e.endpoint.as_deref(), Some("callRecords"));
    set_faults(&base, json!(["callRecords:drop"])).await;
    let e = fails(c.query_call_records(req(), None)).await;
    assert_eq!((e.kind.as_str(), e.attempts), ("network", 3), "{e:?}");
    // Not retried.
    set_faults(&base, json!(["callRecords:status=404"])).await;
    let e = fails(c.query_call_records(req(), None)).await;
    assert_eq!((e.kind.as_str(), e.http_status, e.attempts), ("http", Some(404), 1), "{e:?}");
    for (spec, ep) in [("truncate", "callRecords"), ("malformed", "callRecords"), ("wrong-type", "callRecords"), ("wrong-type", "transferRecords"), ("malformed", "callManualDetail")] {
        set_faults(&base, json!([format!("{ep}:{spec}")])).await;
        let e = match ep {
            "callRecords" => fails(c.query_call_records(req(), None)).await,
            "transferRecords" => fails(c.query_transfer_records(js(&json!({ "callId": "1780301060-1000001" })), None)).await,
            _ => fails(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": "1780301060-1000001" })), None)).await,
        };
        // An undecodable success body is resent like a transient fault, within maxRetries.
        assert_eq!((e.kind.as_str(), e.attempts, e.retryable), ("decode", 3, true), "{spec} on {ep}: {e:?}");
        assert_eq!(e.endpoint.as_deref(), Some(ep));
    }
    // Latency beyond the timeout: each attempt times out, then the error says so.
    set_faults(&base, json!(["callResultDetail:latency=1500"])).await;
    let t0 = now();
    let e = fails(c.get_call_result_detail(req(), opts(json!({ "timeoutMs": 300 })))).await;
    assert_eq!((e.kind.as_str(), e.attempts, e.retryable), ("timeout", 3, true), "{e:?}");
    assert!(now() - t0 < 1_500.0 * 3.0, "timeouts did not cut the attempts short");
    // Token requests: a failing gettoken is retried like any request.
    set_faults(&base, json!(["gettoken:status=503,count=1"])).await;
    let fresh = client(&with(all_gateways(&base), json!({ "batchIntervalMs": 0 })));
    ok(fresh.query_transfer_records(js(&json!({ "callId": "1780301060-1000001" })), None)).await;
    clear_faults(&base).await;
}

#[wasm_bindgen_test]
async fn abort_rejects_promptly_wherever_the_call_is() {
    let base = sim();
    clear_faults(&base).await;
    let req = || js(&json!({ "vdnId": 1, "callId": "1780301060-1000001" }));

    // Already aborted: nothing is sent.
    let ctrl = web_sys::AbortController::new().unwrap();
    ctrl.abort();
    let c = client(&all_gateways(&base));
    let e = fails(c.query_call_records(req(), opts_signal(&ctrl.signal(), None))).await;
    assert_eq!((e.kind.as_str(), e.attempts), ("aborted", 0), "{e:?}");

    // Mid-request.
    set_faults(&base, json!(["callRecords:latency=3000"])).await;
    let ctrl = web_sys::AbortController::new().unwrap();
    let p = c.query_call_records(req(), opts_signal(&ctrl.signal(), None));
    sleep(200).await;
    let t0 = now();
    ctrl.abort();
    let e = fails(p).await;
    assert_eq!((e.kind.as_str(), e.attempts), ("aborted", 1), "{e:?}");
    assert!(now() - t0 < 500.0, "abort took {} ms", now() - t0);
    clear_faults(&base).await;

    // In a backoff sleep (Retry-After 20 s).
    set_faults(&base, json!(["callRecords:status=503,retryAfter=20"])).await;
    let ctrl = web_sys::AbortController::new().unwrap();
    let p = c.query_call_records(req(), opts_signal(&ctrl.signal(), None));
    sleep(300).await;
    let t0 = now();
    ctrl.abort();
    let e = fails(p).await;
    assert_eq!(e.kind, "aborted", "{e:?}");
    assert!(now() - t0 < 500.0, "abort took {} ms", now() - t0);
    clear_faults(&base).await;

    // Waiting in the rate gate.
    let gated = client(&with(all_gateways(&base), json!({ "maxConcurrency": 1, "batchIntervalMs": 10_000 })));
    ok(gated.query_call_records(req(), None)).await;
    let ctrl = web_sys::AbortController::new().unwrap();
    let p = gated.query_call_records(req(), opts_signal(&ctrl.signal(), None));
    sleep(200).await;
    let t0 = now();
    ctrl.abort();
    let e = fails(p).await;
    assert_eq!((e.kind.as_str(), e.attempts), ("aborted", 0), "{e:?}");
    assert!(now() - t0 < 500.0, "abort took {} ms", now() - t0);

    // An iterator's pending next().
    set_faults(&base, json!(["callResults:latency=3000"])).await;
    let ctrl = web_sys::AbortController::new().unwrap();
    let it = c
        .iterate_call_results(js(&json!({ "vdnId": 1, "campaignId": 101, "beginTime": "2026-06-01", "endTime": "2026-06-03" })), opts_signal(&ctrl.signal(), None))
        .unwrap();
    let p = it.next();
    sleep(200).await;
    ctrl.abort();
    let e = fails(p).await;
    assert_eq!(e.kind, "aborted", "{e:?}");
    clear_faults(&base).await;
}

#[wasm_bindgen_test]
async fn export_of_95_days_matches_ground_truth_within_rate_limits() {
    let base = sim();
    clear_faults(&base).await;
    quiet_reset(&base).await;
    let c = client(&all_gateways(&base));
    // 95 days: windows [06-01, 07-01), [07-01, 07-31), [07-31, 08-30), [08-30, 09-04).
    let query = json!({ "vdnId": 3, "campaignId": 105, "showDetail": 1, "beginTime": "2026-06-01", "endTime": "2026-09-04" });
    let it = c.iterate_call_results(js(&query), None).unwrap();
    let mut got: Vec<Value> = Vec::new();
    let started = now();
    let mut total_known_at: Option<f64> = None;
    while let Some(x) = next_item(it.next()).await.unwrap_or_else(|e| panic!("export failed: {e:?}")) {
        got.push(x);
        if total_known_at.is_none() && prop(&it.progress(), "totalKnown").as_bool() == Some(true) {
            total_known_at = Some(now() - started);
        }
    }
    let s = stats(&base).await;
    let truth = sim_call("GET", &base, "/__sim/calls?vdnId=3&campaignId=105&beginTime=2026-06-01&endTime=2026-09-04&showDetail=1", None).await;
    let truth = truth["data"].as_array().unwrap();
    // With the default dataset (200000 calls) ~11000 items; with `--calls 20000` ~1100, still
    // several pages per window and more than one batch.
    assert!(truth.len() > 500, "dataset too small for this test: {}", truth.len());
    assert_eq!(got.len(), truth.len());
    let mut seen = std::collections::HashSet::new();
    for (i, (g, t)) in got.iter().zip(truth.iter()).enumerate() {
        assert_eq!(g["callId"], t["callId"], "item {i}");
        assert_eq!(g["callTimeStr"], t["callTimeStr"], "item {i}");
        assert_eq!(g["sessionId"], t["sessionId"], "item {i}");
        assert_eq!(g["callStatus"], t["callStatus"], "item {i}");
        assert!(seen.insert(g["callId"].as_str().unwrap().to_owned()), "duplicate {}", g["callId"]);
    }
    let p = to_value(&it.progress());
    assert_eq!(p["windowsTotal"], 4, "{p}");
    assert_eq!(p["windowsDone"], 4, "{p}");
    assert_eq!(p["totalCount"].as_u64(), Some(truth.len() as u64), "{p}");
    assert_eq!(p["yielded"].as_u64(), Some(truth.len() as u64), "{p}");
    // Every window's first page goes out in the first batch, so the grand total is known before
    // the second batch (which starts more than 1 s after the first).
    assert!(total_known_at.is_some_and(|ms| ms < 1_000.0), "total known only after {total_known_at:?} ms");
    assert!(s["maxInFlight"].as_u64().unwrap() <= 10, "{s}");
    assert!(s["minBatchGapMs"].as_f64().unwrap() > 1000.0, "{s}");
    assert!(s["batches"].as_u64().unwrap() >= 2, "{s}");
    assert_eq!(requests(&s, "callResults"), p["pagesFetched"].as_u64().unwrap(), "a page was fetched twice: {s}");
}

#[wasm_bindgen_test]
async fn breaking_out_of_an_iteration_stops_requests() {
    let base = sim();
    clear_faults(&base).await;
    quiet_reset(&base).await;
    let c = client(&all_gateways(&base));
    let it = c
        .iterate_call_results(js(&json!({ "vdnId": 1, "campaignId": 101, "pageSize": 10, "beginTime": "2026-06-01", "endTime": "2026-10-01" })), None)
        .unwrap();
    for _ in 0..25 {
        assert!(next_item(it.next()).await.unwrap().is_some());
    }
    let r = done(it.return_()).await.unwrap();
    assert_eq!(prop(&r, "done").as_bool(), Some(true));
    sleep(300).await;
    let after_break = requests(&stats(&base).await, "callResults");
    sleep(1_500).await;
    let later = requests(&stats(&base).await, "callResults");
    assert_eq!(after_break, later, "requests continued after return()");
    // At most the prefetch budget (2 × maxConcurrency pages) went out beyond what was consumed.
    assert!(later <= 3 + 20, "{later} pages requested for 25 items");
    assert_eq!(next_item(it.next()).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn hooks_see_redacted_events_and_cannot_break_calls() {
    let base = sim();
    clear_faults(&base).await;
    let rec = recorder();
    let thrower = js_sys::Function::new_with_args("e", "throw new Error('hook failure')");
    let rejecter = js_sys::Function::new_with_args("e", "return Promise.reject(new Error('async hook failure'))");
    let c = client_with_hooks(&all_gateways(&base), &[("logger", &rec.function), ("onRequest", &thrower), ("onResponse", &rejecter)]);
    let id = first_call_ids(&base, 1).await.remove(0);
    let tid = transfer_call_id(&base).await;
    ok(c.query_call_results(js(&json!({ "vdnId": 1, "campaignId": 101, "pageSize": 2 })), None)).await;
    ok(c.get_call_result_detail(js(&json!({ "vdnId": 1, "callId": id })), None)).await;
    ok(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": id })), None)).await;
    ok(c.query_transfer_records(js(&json!({ "callId": tid })), None)).await;
    set_faults(&base, json!(["callRecords:status=503,count=1"])).await;
    ok(c.query_call_records(js(&json!({ "vdnId": 1, "callId": id })), None)).await;
    clear_faults(&base).await;

    let events = rec.events.borrow().clone();
    let parsed: Vec<Value> = events.iter().map(|e| serde_json::from_str(e).unwrap()).collect();
    for e in &events {
        assert_no_secret(e, "hook event");
        assert!(!e.contains("authToken") && !e.contains("AccessToken"), "event carries a token: {e}");
    }
    let kinds = |t: &str| parsed.iter().filter(|e| e["type"] == t).count();
    assert!(kinds("request") >= 8 && kinds("response") >= 8 && kinds("retry") == 1, "{events:?}");
    for ep in ["callResults", "callResultDetail", "callManualDetail", "transferRecords", "callRecords", "apiFabricToken", "oifdeToken"] {
        assert!(parsed.iter().any(|e| e["endpoint"] == ep), "no event for {ep}");
    }
    let resp = parsed.iter().find(|e| e["type"] == "response" && e["endpoint"] == "callResults").unwrap();
    assert_eq!(resp["status"], 200);
    assert!(resp["durationMs"].as_f64().is_some() && resp["url"].as_str().unwrap().starts_with(&base));
    let retried = parsed.iter().find(|e| e["type"] == "response" && e["endpoint"] == "callRecords" && e["attempt"] == 2).unwrap();
    assert_eq!(retried["retries"], 1);

    // The client object shows nothing secret.
    let summary = stringify(&c.to_json().unwrap());
    assert_no_secret(&summary, "toJSON");
    assert!(!summary.contains(ISALES_AK) && !summary.contains(TENANT) && !summary.contains(APP_KEY), "{summary}");
    assert!(summary.contains(&base), "{summary}");
}
