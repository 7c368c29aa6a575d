//! The outbound-result callback parser, natively (split from core_responses.rs).
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::callback::{parse_call_result_callback, CALLBACK_ACK_BODY};
use cec_calldata::{ErrorKind, Locale};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Callback

#[test]
fn callback_array_is_normalised() {
    let body = r#"[
        {"campaignId":"3","sessionId":"1202_test013","called":"60584","callTimeStr":"2020-08-30 20:00:00",
         "callStatus":"6","failCode":"00000","vdnId":"11","callId":"0023-134864174","customField":"cf",
         "recordPath":"Y:/1/11/20200830/3408/0949218.V3"},
        {"campaignId":3,"callStatus":5,"failCode":"00145","vdnId":11,"callId":"0023-134864893","customField":"null"}
    ]"#;
    let items = parse_call_result_callback(body, Locale::EnUs).expect("parses");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].call_status, Some(6));
    assert_eq!(items[0].vdn_id, Some(11));
    assert_eq!(items[0].custom_field.as_deref(), Some("cf"));
    assert_eq!(items[1].campaign_id.as_deref(), Some("3"));
    assert_eq!(items[1].call_status, Some(5));
    assert_eq!(items[1].custom_field, None);
    assert_eq!(items[1].record_path, None);
    let out = serde_json::to_value(&items[1]).expect("serializable");
    assert_eq!(out.as_object().map(|o| o.len()), Some(10), "every field present: {out}");
    assert_eq!(out["sessionId"], Value::Null);
}

#[test]
fn callback_single_object_and_empty_array() {
    let items = parse_call_result_callback(r#"{"callId":"1644464743-1388","callStatus":6}"#, Locale::EnUs)
        .expect("parses");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].call_id, "1644464743-1388");
    assert!(parse_call_result_callback("[]", Locale::EnUs).expect("parses").is_empty());
}

#[test]
fn callback_errors_name_the_path() {
    let cases = [
        (r#"[{"callId":"a"},{"callId":"b","callStatus":"x"}]"#, "[1].callStatus"),
        (r#"[{"callStatus":6}]"#, "[0]"),
        (r#"{"callId":"a","vdnId":{}}"#, "vdnId"),
    ];
    for (body, path) in cases {
        let err = parse_call_result_callback(body, Locale::EnUs).expect_err("bad");
        assert_eq!(err.kind, ErrorKind::Decode);
        assert_eq!(err.endpoint, None);
        assert!(err.message.contains(path), "{:?} lacks {path}", err.message);
    }
    for body in ["", "[", "42", "\"x\"", "null", "[1]"] {
        let err = parse_call_result_callback(body, Locale::ZhCn).expect_err("bad");
        assert_eq!(err.kind, ErrorKind::Decode);
        assert!(err.message.contains("外呼结果回调"), "{}", err.message);
    }
}

#[test]
fn callback_ack_body() {
    let ack: Value = serde_json::from_str(CALLBACK_ACK_BODY).expect("JSON");
    assert_eq!(ack, json!({"retCode": "0", "retMsg": "success"}));
}
