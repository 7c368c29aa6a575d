//! Issue 10 at client level: `CecClient` in Node against cec-sim, for the doc-fidelity fixes.
//! Needs the simulators of tests/wasm_client.rs plus a third with `--window-end inclusive`
//! (`CEC_SIM_URL_INCLUSIVE`); scripts/test.sh starts all three.
// The shared helpers are `include!`d by three test files; each uses a different subset.
#![allow(dead_code)]
#![cfg(target_arch = "wasm32")]

include!("wasm_client_shared/helpers.rs");

fn sim_inclusive() -> String {
    match SIM_INCLUSIVE {
        Some(u) if !u.is_empty() => u.trim_end_matches('/').to_owned(),
        _ => panic!(
            "CEC_SIM_URL_INCLUSIVE was not set at compile time: start `cec-sim --window-end inclusive`"
        ),
    }
}

/// A request object holding JS `Date`s (what a web console passes).
fn with_dates(base: &Value, dates: &[(&str, f64)]) -> JsValue {
    let o = js(base);
    for (k, ms) in dates {
        let d = js_sys::Date::new(&JsValue::from_f64(*ms));
        js_sys::Reflect::set(&o, &JsValue::from_str(k), &d).unwrap();
    }
    o
}

/// #3: a 500 is "business failure" on callRecord and API Fabric: not retried, not retryable,
/// the body's text as description. Elsewhere a bare 500 is still a transient fault.
#[wasm_bindgen_test]
async fn business_500s_are_not_retried() {
    let base = sim();
    clear_faults(&base).await;
    let c = client(&with(all_gateways(&base), json!({ "batchIntervalMs": 0, "maxRetries": 2 })));
    let rec = || js(&json!({ "vdnId": 1, "callId": "1780301060-1000001" }));
    set_faults(&base, json!(["callRecords:status=500"])).await;
    let e = fails(c.query_call_records(rec(), None)).await;
    assert_eq!(
        (e.kind.as_str(), e.http_status, e.attempts, e.retryable),
        ("http", Some(500), 1, false),
        "{e:?}"
    );
    assert!(e.description.as_deref().is_some_and(|d| !d.is_empty()), "{e:?}");
    set_faults(&base, json!(["callManualDetail:status=500"])).await;
    let e = fails(c.query_call_manual_detail(js(&json!({ "subCcNo": "1", "vdn": 1, "callId": "x" })), None))
        .await;
    assert_eq!(
        (e.kind.as_str(), e.http_status, e.attempts, e.retryable),
        ("http", Some(500), 1, false),
        "{e:?}"
    );
    // Not a business status on the detail endpoint: the bare 500 is resent (then 0200007).
    set_faults(&base, json!(["callResultDetail:status=500,count=1"])).await;
    let e = fails(c.get_call_result_detail(rec(), None)).await;
    assert_eq!((e.code.as_deref(), e.attempts), (Some("0200007"), 2), "{e:?}");
    clear_faults(&base).await;
}

/// #1, #6, #7, #13: what the validator says decides what is sent.
#[wasm_bindgen_test]
async fn requests_follow_the_documented_types() {
    let base = sim();
    let c = client(&all_gateways(&base));
    let page =
        ok(c.query_call_results(js(&json!({ "vdnId": "1", "campaignId": "101", "pageSize": "10" })), None))
            .await;
    assert!(page["data"].as_array().unwrap().len() <= 10, "{page}");
    for (bad, field, rule) in [
        (json!({ "vdnId": 1, "campaignId": "abc" }), "campaignId", "type"),
        (json!({ "vdnId": 1, "campaignId": 101, "pagesize": 10 }), "pagesize", "unknown-field"),
    ] {
        let e = fails(c.query_call_results(js(&bad), None)).await;
        assert_eq!((e.kind.as_str(), e.attempts), ("validation", 0), "{e:?}");
        assert_eq!(
            (e.issues[0]["field"].as_str(), e.issues[0]["rule"].as_str()),
            (Some(field), Some(rule)),
            "{e:?}"
        );
    }
    let e = fails(c.query_call_records(js(&json!({ "vdnId": 1, "callId": "   " })), None)).await;
    assert_eq!(e.issues[0]["code"].as_str(), Some("02000001"), "{e:?}");
}

/// #4: CDR dates as JS `Date`s go out as the epoch milliseconds the example shows.
#[wasm_bindgen_test]
async fn cdr_dates_accept_js_dates() {
    let base = sim();
    let c = client(&all_gateways(&base));
    let (b, e) = (1_782_864_000_000.0, 1_782_864_000_000.0 + 86_400_000.0);
    let q = json!({ "subCcNo": "1", "vdn": 1 });
    let by_ms = ok(c.query_call_manual_detail(
        js(&with(q.clone(), json!({ "beginDate": b as u64, "endDate": e as u64 }))),
        None,
    ))
    .await;
    let by_date =
        ok(c.query_call_manual_detail(with_dates(&q, &[("beginDate", b), ("endDate", e)]), None)).await;
    assert!(by_ms["total"].as_u64().unwrap() > 0, "{by_ms}");
    assert_eq!(by_ms, by_date);
    let by_iso = ok(c.query_call_manual_detail(
        js(&with(q.clone(), json!({ "beginDate": "2026-07-01T08:00:00+08:00", "endDate": e as u64 }))),
        None,
    ))
    .await;
    assert_eq!(by_ms, by_iso);
    let bad = fails(c.query_call_manual_detail(with_dates(&q, &[("beginDate", f64::NAN)]), None)).await;
    assert_eq!(bad.issues[0]["field"].as_str(), Some("beginDate"), "{bad:?}");
}

/// The `locale` header: the server's descriptions come in the client's language.
#[wasm_bindgen_test]
async fn server_descriptions_follow_the_client_locale() {
    let base = sim();
    let en = client(&with(all_gateways(&base), json!({ "locale": "en_US" })));
    let zh = client(&with(all_gateways(&base), json!({ "locale": "zh_CN" })));
    let missing = || js(&json!({ "vdnId": 1, "campaignId": 99999 }));
    let e = fails(en.query_call_results(missing(), None)).await;
    assert_eq!(e.code.as_deref(), Some("0200007"));
    assert!(e.description.as_deref().is_some_and(|d| d.is_ascii()), "{e:?}");
    let z = fails(zh.query_call_results(missing(), None)).await;
    assert!(z.description.as_deref().is_some_and(|d| !d.is_ascii()), "{z:?}");
}

/// queryOBSResultCode (signed query) and its iterator over every page.
#[wasm_bindgen_test]
async fn obs_result_codes_and_their_iterator() {
    let base = sim();
    let c = client(&all_gateways(&base));
    let first =
        ok(c.query_obs_result_code(js(&json!({ "vdnId": 1, "pageNum": 1, "pageSize": 4 })), None)).await;
    let total = first["totalCount"].as_u64().unwrap();
    assert_eq!(first["obsCodes"].as_array().unwrap().len(), 4, "{first}");
    let it = c.iterate_obs_result_codes(js(&json!({ "vdnId": 1, "pageSize": 4 })), None).unwrap();
    let mut codes = Vec::new();
    while let Some(x) = next_item(it.next()).await.unwrap_or_else(|e| panic!("{e:?}")) {
        codes.push(x["obsCode"].as_str().unwrap().to_owned());
    }
    assert_eq!(codes.len() as u64, total);
    let e =
        fails(c.query_obs_result_code(js(&json!({ "vdnId": 1, "pageNum": 1, "pageSize": 51 })), None)).await;
    assert_eq!((e.kind.as_str(), e.issues[0]["code"].as_str()), ("validation", Some("02000007")), "{e:?}");
}

async fn export(base: &str, end: &str) -> Vec<Value> {
    let c = client(&all_gateways(base));
    let query =
        json!({ "vdnId": 3, "campaignId": 105, "showDetail": 1, "beginTime": "2026-06-01", "endTime": end });
    let it = c.iterate_call_results(js(&query), None).unwrap();
    let mut got = Vec::new();
    while let Some(x) = next_item(it.next()).await.unwrap_or_else(|e| panic!("export failed: {e:?}")) {
        got.push(x);
    }
    got
}

fn assert_same(got: &[Value], truth: &[Value], what: &str) {
    assert_eq!(got.len(), truth.len(), "{what}");
    let mut seen = std::collections::HashSet::new();
    for (g, t) in got.iter().zip(truth) {
        assert_eq!(g["callId"], t["callId"], "{what}");
        assert!(seen.insert(g["callId"].as_str().unwrap().to_owned()), "{what}: duplicate {}", g["callId"]);
    }
}

/// #11: the export has no gap and no duplicate at window boundaries whichever way the server
/// reads endTime's day.
#[wasm_bindgen_test]
async fn export_is_exact_under_both_window_readings() {
    let (exclusive, inclusive) = (sim(), sim_inclusive());
    clear_faults(&exclusive).await;
    clear_faults(&inclusive).await;
    // 65 days: windows [06-01, 07-01), [07-01, 07-31), [07-31, 08-05), two boundary days.
    let truth = |base: String, end: &'static str| async move {
        let v = sim_call(
            "GET",
            &base,
            &format!("/__sim/calls?vdnId=3&campaignId=105&beginTime=2026-06-01&endTime={end}&showDetail=1"),
            None,
        )
        .await;
        v["data"].as_array().cloned().unwrap_or_default()
    };
    let got = export(&exclusive, "2026-08-05").await;
    assert_same(&got, &truth(exclusive.clone(), "2026-08-05").await, "exclusive");
    // Inclusive: the boundary days come twice from the server, once from the export; the
    // range's own end day is included, as that server reads it.
    let got = export(&inclusive, "2026-08-05").await;
    assert_same(&got, &truth(exclusive.clone(), "2026-08-06").await, "inclusive");
}
