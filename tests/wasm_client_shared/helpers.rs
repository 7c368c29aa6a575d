// Helpers of the wasm client tests (tests/wasm_client.rs, tests/wasm_client_browser.rs,
// tests/wasm_fidelity.rs), `include!`d by each. See the header of tests/wasm_client.rs for how
// to run them.
//
// wasm-bindgen-test runs tests one at a time, so tests that change the simulator's global state
// (faults, stats) cannot interfere with each other; each one clears the faults it set.

use std::cell::RefCell;
use std::rc::Rc;

use cec_calldata::wasm::client::CecClient;
use gloo_net::http::Request;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const SIM: Option<&str> = option_env!("CEC_SIM_URL");
const SIM_SHORT_TTL: Option<&str> = option_env!("CEC_SIM_URL_SHORT_TTL");
/// A third simulator started with `--window-end inclusive` (tests/wasm_fidelity.rs only).
const SIM_INCLUSIVE: Option<&str> = option_env!("CEC_SIM_URL_INCLUSIVE");

// The simulator's demo credentials (sim/src/config.rs `demo`).
const ISALES_AK: &str = "cec-demo-ak";
const ISALES_SK: &str = "cec-demo-sk-7c1f2e9a";
const APP_KEY: &str = "cec-demo-app";
const APP_SECRET: &str = "cec-demo-app-secret";
const TENANT: &str = "202604010001";
const OIFDE_SECRET: &str = "cec-demo-oifde-secret";
const SECRETS: [&str; 3] = [ISALES_SK, APP_SECRET, OIFDE_SECRET];

fn sim() -> String {
    match SIM {
        Some(u) if !u.is_empty() => u.trim_end_matches('/').to_owned(),
        _ => panic!(
            "CEC_SIM_URL was not set when these tests were compiled: start `cec-sim --port 18790` and build with \
             CEC_SIM_URL=http://127.0.0.1:18790 (and CEC_SIM_URL_SHORT_TTL for a second sim with --token-ttl 2)"
        ),
    }
}

fn sim_short_ttl() -> String {
    match SIM_SHORT_TTL {
        Some(u) if !u.is_empty() => u.trim_end_matches('/').to_owned(),
        _ => panic!("CEC_SIM_URL_SHORT_TTL was not set at compile time: start a second `cec-sim --port 18791 --token-ttl 2`"),
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: f64) -> JsValue;
}

async fn sleep(ms: u32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, f64::from(ms));
    });
    let _ = JsFuture::from(p).await;
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn js(v: &Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

use serde::Serialize as _;

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

fn to_value(v: &JsValue) -> Value {
    serde_json::from_str(&stringify(v)).unwrap_or(Value::Null)
}

fn prop(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The fields of a CecError (thrown as an Error with the fields assigned when no JS class is
/// registered, as in these raw wasm tests).
#[derive(Debug, Clone)]
#[allow(dead_code)] // read through Debug in assertion messages
struct Err_ {
    kind: String,
    message: String,
    code: Option<String>,
    http_status: Option<u16>,
    endpoint: Option<String>,
    attempts: u32,
    retryable: bool,
    issues: Vec<Value>,
    description: Option<String>,
    full: String,
}

fn err(e: &JsValue) -> Err_ {
    let s = |k: &str| prop(e, k).as_string();
    let issues = to_value(&prop(e, "issues")).as_array().cloned().unwrap_or_default();
    Err_ {
        kind: s("kind").unwrap_or_else(|| panic!("not a CecError: {e:?}")),
        message: s("message").unwrap_or_default(),
        code: s("code"),
        http_status: prop(e, "httpStatus").as_f64().map(|f| f as u16),
        endpoint: s("endpoint"),
        attempts: prop(e, "attempts").as_f64().unwrap_or(-1.0) as u32,
        retryable: prop(e, "retryable").as_bool().unwrap_or(false),
        issues,
        description: s("description"),
        full: format!("{} {} {}", s("message").unwrap_or_default(), stringify(e), s("description").unwrap_or_default()),
    }
}

fn assert_no_secret(text: &str, what: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} leaks a secret: {text}");
    }
    assert!(!text.contains("Bearer "), "{what} leaks an Authorization header: {text}");
    assert!(!text.contains("auth-v2/"), "{what} leaks an auth-v2 signature: {text}");
}

async fn done(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

async fn ok(p: js_sys::Promise) -> Value {
    match done(p).await {
        Ok(v) => to_value(&v),
        Err(e) => panic!("call failed: {:?}", err(&e)),
    }
}

async fn fails(p: js_sys::Promise) -> Err_ {
    match done(p).await {
        Ok(v) => panic!("call succeeded but should have failed: {}", stringify(&v)),
        Err(e) => err(&e),
    }
}

// ---- the simulator's control API -----------------------------------------------------------

async fn sim_call(method: &str, base: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{base}{path}");
    let builder = match method {
        "GET" => Request::get(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::post(&url),
    };
    let resp = match body {
        Some(b) => builder.header("Content-Type", "application/json").body(b.to_string()).unwrap().send().await,
        None => builder.send().await,
    }
    .unwrap_or_else(|e| panic!("simulator at {base} unreachable: {e}"));
    resp.json::<Value>().await.unwrap_or(Value::Null)
}

async fn stats(base: &str) -> Value {
    sim_call("GET", base, "/__sim/stats", None).await
}

async fn set_faults(base: &str, faults: Value) {
    let r = sim_call("POST", base, "/__sim/faults", Some(faults.clone())).await;
    assert!(r.is_array(), "faults rejected: {faults} → {r}");
}

async fn clear_faults(base: &str) {
    sim_call("DELETE", base, "/__sim/faults", None).await;
}

/// Waits until nothing is in flight at the simulator, then zeroes its stats.
async fn quiet_reset(base: &str) {
    for _ in 0..100 {
        if stats(base).await["inFlight"].as_u64() == Some(0) {
            break;
        }
        sleep(100).await;
    }
    sim_call("POST", base, "/__sim/reset", None).await;
}

fn requests(s: &Value, ep: &str) -> u64 {
    s["requests"][ep].as_u64().unwrap_or(0)
}

// ---- clients ---------------------------------------------------------------------------------

fn all_gateways(base: &str) -> Value {
    json!({
        "isales": { "baseUrl": base, "accessKey": ISALES_AK, "secretKey": ISALES_SK },
        "apiFabric": { "baseUrl": base, "appKey": APP_KEY, "appSecret": APP_SECRET },
        "oifde": { "baseUrl": base, "tenantId": TENANT, "appSecret": OIFDE_SECRET },
    })
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

/// The test configs hold the simulator's demo secrets; in Chromium that needs the opt-in.
fn opted_in(cfg: &Value) -> JsValue {
    let mut c = cfg.clone();
    if let Some(o) = c.as_object_mut() {
        o.insert("dangerouslyAllowSecretsInBrowser".to_owned(), Value::Bool(true));
    }
    js(&c)
}

fn client(cfg: &Value) -> CecClient {
    CecClient::new(opted_in(cfg)).unwrap_or_else(|e| panic!("config rejected: {:?}", err(&e)))
}

/// A logger collecting every event as JSON text.
struct Recorder {
    events: Rc<RefCell<Vec<String>>>,
    _closure: Closure<dyn FnMut(JsValue)>,
    function: js_sys::Function,
}

fn recorder() -> Recorder {
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let closure = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| sink.borrow_mut().push(stringify(&e)));
    let function: js_sys::Function = closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
    Recorder { events, _closure: closure, function }
}

fn client_with_hooks(cfg: &Value, hooks: &[(&str, &js_sys::Function)]) -> CecClient {
    let v = opted_in(cfg);
    for (k, f) in hooks {
        js_sys::Reflect::set(&v, &JsValue::from_str(k), f).unwrap();
    }
    CecClient::new(v).unwrap_or_else(|e| panic!("config rejected: {:?}", err(&e)))
}

fn opts(v: Value) -> Option<js_sys::Object> {
    Some(js(&v).unchecked_into())
}

fn opts_signal(signal: &web_sys::AbortSignal, timeout_ms: Option<u32>) -> Option<js_sys::Object> {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &JsValue::from_str("signal"), signal).unwrap();
    if let Some(t) = timeout_ms {
        js_sys::Reflect::set(&o, &JsValue::from_str("timeoutMs"), &JsValue::from_f64(f64::from(t))).unwrap();
    }
    Some(o)
}

async fn first_call_ids(base: &str, n: usize) -> Vec<String> {
    let truth = sim_call("GET", base, "/__sim/calls?vdnId=1&campaignId=101&beginTime=2026-06-01&endTime=2026-07-01&showDetail=1", None).await;
    truth["data"].as_array().unwrap().iter().take(n).map(|c| c["callId"].as_str().unwrap().to_owned()).collect()
}

async fn transfer_call_id(base: &str) -> String {
    let ds = sim_call("GET", base, "/__sim/dataset", None).await;
    ds["sampleTransferCallIds"][0].as_str().unwrap().to_owned()
}

/// One step of either iterator, given the promise its `next()` returned.
async fn next_item(next: js_sys::Promise) -> Result<Option<Value>, Err_> {
    match done(next).await {
        Ok(r) => {
            if prop(&r, "done").as_bool() == Some(true) {
                Ok(None)
            } else {
                Ok(Some(to_value(&prop(&r, "value"))))
            }
        }
        Err(e) => Err(err(&e)),
    }
}

