//! wasm tests of the stateless exports, run in Node by wasm-bindgen-test-runner: the boundary's
//! conversions (any JS value in, Issue[] / typed objects / CecError out) on the real wasm build.
#![cfg(target_arch = "wasm32")]

use cec_calldata::wasm::exports::*;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON")
}

fn options(locale: &str) -> JsValue {
    parse_json(&format!(r#"{{"locale":"{locale}"}}"#))
}

#[wasm_bindgen_test]
fn validators_accept_any_js_value() {
    let odd = [
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_f64(42.0),
        JsValue::from_str("x"),
        Array::new().into(),
        js_sys::Function::new_no_args("return 1").into(),
        JsValue::symbol(Some("s")),
        JsValue::bigint_from_str("10"),
        parse_json(r#"{"vdnId": {}, "callId": 5}"#),
    ];
    for v in odd {
        for f in [
            validate_call_result_detail_request,
            validate_call_results_request,
            validate_call_records_request,
            validate_call_manual_detail_request,
            validate_transfer_record_request,
        ] {
            let issues = f(v.clone(), None).expect("validators never throw");
            let issues: Array = issues.dyn_into().expect("an array");
            assert!(issues.length() > 0);
            let first = issues.get(0);
            assert!(get(&first, "field").is_string());
            assert!(get(&first, "rule").is_string());
            assert!(get(&first, "message").is_string());
        }
    }
}

#[wasm_bindgen_test]
fn window_rule_in_both_locales() {
    let req = parse_json(r#"{"vdnId":1,"campaignId":"101","beginTime":"2026-07-01","endTime":"2026-08-01"}"#);
    for locale in ["en_US", "zh_CN"] {
        let issues: Array =
            validate_call_results_request(req.clone(), Some(options(locale))).unwrap().dyn_into().unwrap();
        assert_eq!(issues.length(), 1);
        let issue = issues.get(0);
        assert_eq!(get(&issue, "rule").as_string().as_deref(), Some("window-too-long"));
        assert_eq!(get(&issue, "code").as_string().as_deref(), Some("0200011"));
    }
    // 30 days exactly is allowed.
    let ok = parse_json(r#"{"vdnId":1,"campaignId":"101","beginTime":"2026-07-01","endTime":"2026-07-31"}"#);
    let issues: Array = validate_call_results_request(ok, None).unwrap().dyn_into().unwrap();
    assert_eq!(issues.length(), 0);
}

#[wasm_bindgen_test]
fn decode_returns_plain_objects_with_nulls() {
    let body = r#"{"returnCode":"0200000","resultCode":"0200000","data":{"callId":"1644464743-1388","callStatus":"6","vdnId":8,"recordPath":"null"}}"#;
    let v =
        decode_response(JsValue::from_str("callResultDetail"), JsValue::from_str(body), JsValue::UNDEFINED)
            .unwrap();
    let data = get(&v, "data");
    assert_eq!(get(&data, "callStatus").as_f64(), Some(6.0));
    assert!(get(&data, "recordPath").is_null());
    assert!(get(&data, "called").is_null(), "absent documented fields come out as null");
}

#[wasm_bindgen_test]
fn decode_errors_are_thrown_as_error_objects_with_fields() {
    let body = r#"{"returnCode":"0200007","resultCode":"0200007","resultDesc":"campaign not found"}"#;
    let err = decode_response(JsValue::from_str("callResults"), JsValue::from_str(body), options("zh_CN"))
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("api"));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("0200007"));
    assert_eq!(get(&err, "description").as_string().as_deref(), Some("campaign not found"));
    assert_eq!(get(&err, "endpoint").as_string().as_deref(), Some("callResults"));
    let bad =
        decode_response(JsValue::from_str("nope"), JsValue::from_str("{}"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&bad, "kind").as_string().as_deref(), Some("validation"));
}

#[wasm_bindgen_test]
fn sign_matches_auth_md_vectors_in_both_profiles() {
    let input = |ts: &str, signing: &str| {
        parse_json(&format!(
            r#"{{"accessKey":"globalaktest","secretKey":"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p","method":"POST",
                "path":"/rest/cmsapp/v1/ping","host":"10.22.26.181:28080","body":"{{\"say\": \"Hello world!\"}}",
                "timestamp":"{ts}","signing":"{signing}"}}"#
        ))
    };
    assert_eq!(
        sign_auth_v2(input("2024-01-01T00:00:00Z", "B")).unwrap(),
        "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf"
    );
    assert_eq!(
        sign_auth_v2(input("2024-01-01T00:00:00.000Z", "A")).unwrap(),
        "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-length;content-type;host/7e5c8f3e3f8fd40367b1e2c9046219d45ac0727c3b98fbd66a7231c96176295a"
    );
}

#[wasm_bindgen_test]
fn describe_unknown_is_undefined() {
    assert!(describe_error_code(JsValue::from_str("nope"), None).unwrap().is_undefined());
    let info = describe_error_code(
        JsValue::from_str("0200007"),
        Some(parse_json(r#"{"endpoint":"callResultDetail","locale":"zh_CN"}"#)),
    )
    .unwrap();
    assert!(get(&info, "message").as_string().unwrap().contains("通话记录"));
}
