//! Request side of the core, natively (continued from core_requests.rs): issue texts in both
//! locales, robustness against any JSON value, and the exact wire encodings.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{
    self, call_manual_detail, call_records, call_result_detail, call_results, transfer_records,
};
use cec_calldata::Locale;
use serde_json::{json, Map, Value};
// ---------------------------------------------------------------------------------------------
// Issue texts

#[test]
fn messages_name_the_limit_in_both_locales() {
    let cases: Vec<(Endpoint, Value, &str)> = vec![
        (Endpoint::CallResultDetail, json!({"vdnId": 0, "callId": "a"}), "9999"),
        (Endpoint::CallResults, json!({"vdnId": 1, "campaignId": 1, "sessionId": "s".repeat(33)}), "32"),
        (
            Endpoint::CallResults,
            json!({"vdnId": 1, "campaignId": 1, "pageSize": 101, "showDetail": 1}),
            "100",
        ),
        (Endpoint::CallResults, json!({"vdnId": 1, "campaignId": 1, "pageSize": 501}), "500"),
        (
            Endpoint::CallResults,
            json!({"vdnId": 1, "campaignId": 1, "beginTime": "2024-01-01", "endTime": "2024-03-01"}),
            "30",
        ),
        (
            Endpoint::CallResults,
            json!({"vdnId": 1, "campaignId": 1, "beginTime": "x", "endTime": "2024-03-01"}),
            "YYYY-MM-DD",
        ),
        (Endpoint::TransferRecords, json!({"callId": "a", "pageSize": 7}), "5, 10, 20, 50, 100"),
        (Endpoint::TransferRecords, json!({"callId": "a", "endTime": "x"}), "yyyy-MM-dd HH:mm:ss"),
        (Endpoint::CallManualDetail, json!({"subCcNo": "1", "vdn": 1, "callId": "a", "mediaType": 1}), "53"),
    ];
    for (endpoint, input, limit) in cases {
        for locale in [Locale::EnUs, Locale::ZhCn] {
            let issues = endpoints::validate(endpoint, &input, locale);
            assert_eq!(issues.len(), 1, "{input}");
            assert!(issues[0].message.contains(limit), "{locale:?}: {:?} lacks {limit}", issues[0].message);
        }
    }
}

#[test]
fn exact_messages_for_a_few_rules() {
    let issues = call_results::validate(&json!({"vdnId": 10000, "campaignId": 1}), Locale::EnUs);
    assert_eq!(issues[0].message, "vdnId must be an integer from 1 to 9999.");
    let issues = call_results::validate(&json!({"vdnId": 10000, "campaignId": 1}), Locale::ZhCn);
    assert_eq!(issues[0].message, "vdnId 必须是 1 到 9999 之间的整数。");
    let issues = call_results::validate(
        &json!({"vdnId": 1, "campaignId": 1, "beginTime": "2024-01-01"}),
        Locale::EnUs,
    );
    assert_eq!(issues[0].message, "endTime is required when beginTime is given (give both or neither).");
    let issues = call_records::validate(&json!({"vdnId": 1}), Locale::EnUs);
    assert_eq!(issues[0].message, "callId is required and must not be empty.");
    let issues = call_records::validate(&json!({"vdnId": 1}), Locale::ZhCn);
    assert_eq!(issues[0].message, "callId 为必填项,不能为空。");
    let issues = transfer_records::validate(&json!({}), Locale::EnUs);
    assert_eq!(issues[0].message, "At least one of callId, userMobile, ctiCallId is required.");
}

// ---------------------------------------------------------------------------------------------
// Robustness: validate and parse never panic, whatever the value

fn odd_values() -> Vec<Value> {
    let mut deep = json!(1);
    for _ in 0..64 {
        deep = json!({"a": [deep]});
    }
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(-0.0),
        json!(1e308),
        json!(-1e308),
        json!(f64::MIN_POSITIVE),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(""),
        json!(" "),
        json!("\u{0}"),
        json!("0"),
        json!("-0"),
        json!("99999999999999999999999999999999999999999999999999"),
        json!("2024-02-29"),
        json!("2024-02-29 23:59:59"),
        // Multi-byte text whose ASCII separators sit where the date parsers look for them.
        json!("a字-é-é"),
        json!("a字-é-é é:é:é"),
        json!("字字字-字-"),
        json!("１２３"),
        json!("字".repeat(10_000)),
        json!([]),
        json!([1, "2", null]),
        json!({}),
        json!({"vdnId": 1}),
        deep,
    ]
}

#[test]
fn validate_and_parse_never_panic() {
    let field_names = [
        "vdnId",
        "callId",
        "campaignId",
        "sessionId",
        "customField",
        "pageSize",
        "pageNum",
        "showDetail",
        "beginTime",
        "endTime",
        "subCcNo",
        "vdn",
        "callerNo",
        "calleeNo",
        "beginDate",
        "endDate",
        "callType",
        "mediaType",
        "evaluationValue",
        "userMobile",
        "ctiCallId",
    ];
    let values = odd_values();
    let mut inputs: Vec<Value> = values.clone();
    for v in &values {
        // Every field set to the same odd value, and each field alone set to it.
        let mut all = Map::new();
        for name in field_names {
            all.insert(name.to_owned(), v.clone());
            inputs.push(json!({ name: v.clone() }));
        }
        inputs.push(Value::Object(all));
    }
    for input in &inputs {
        for endpoint in Endpoint::ALL {
            for locale in [Locale::EnUs, Locale::ZhCn] {
                let issues = endpoints::validate(endpoint, input, locale);
                assert!(issues.iter().all(|i| !i.message.is_empty()));
                let _ = call_result_detail::parse(input, locale);
                let _ = call_results::parse(input, locale);
                let _ = call_results::parse_for_export(input, locale);
                let _ = call_records::parse(input, locale);
                let _ = call_manual_detail::parse(input, locale);
                let _ = transfer_records::parse(input, locale);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wire encodings

#[test]
fn call_result_detail_wire_is_a_get_with_an_encoded_call_id() {
    let req = call_result_detail::parse(&json!({"vdnId": 1, "callId": "1589167025-134428"}), Locale::EnUs)
        .expect("valid");
    let wire = req.to_wire();
    assert_eq!(wire.endpoint, Endpoint::CallResultDetail);
    assert_eq!(wire.method, "GET");
    // The path of AUTH.md's second test vector.
    assert_eq!(wire.path, "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428");
    assert_eq!(wire.body, None);

    let req =
        call_result_detail::parse(&json!({"vdnId": 9999, "callId": "a b/c?d#e%f+g~h_i.j中"}), Locale::EnUs)
            .expect("valid");
    assert_eq!(
        req.to_wire().path,
        "/rest/isales/v1/openapi/campaigns/9999/callresultdetail/a%20b%2Fc%3Fd%23e%25f%2Bg~h_i.j%E4%B8%AD"
    );
}

#[test]
fn call_results_wire_has_only_present_body_fields_in_documented_order() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"vdnId": 1, "campaignId": 3, "sessionId": "1202_test013", "pageSize": 500, "pageNum": 1}),
            "/rest/isales/v1/openapi/campaigns/1/callresult/3",
            r#"{"sessionId":"1202_test013","pageSize":500,"pageNum":1}"#,
        ),
        (json!({"vdnId": 11, "campaignId": "3"}), "/rest/isales/v1/openapi/campaigns/11/callresult/3", "{}"),
        (
            json!({
                "endTime": "2024-01-31", "beginTime": "2024-01-01", "showDetail": 1, "pageNum": 2,
                "pageSize": 100.0, "customField": "cf", "sessionId": "s", "campaignId": "12", "vdnId": 2
            }),
            "/rest/isales/v1/openapi/campaigns/2/callresult/12",
            r#"{"sessionId":"s","customField":"cf","pageSize":100,"pageNum":2,"showDetail":1,"beginTime":"2024-01-01","endTime":"2024-01-31"}"#,
        ),
        (
            json!({"vdnId": 1, "campaignId": 1, "sessionId": "", "customField": null, "showDetail": 0}),
            "/rest/isales/v1/openapi/campaigns/1/callresult/1",
            r#"{"showDetail":0}"#,
        ),
        (
            json!({"vdnId": 1, "campaignId": 1, "sessionId": "q\"b\\n\n中"}),
            "/rest/isales/v1/openapi/campaigns/1/callresult/1",
            r#"{"sessionId":"q\"b\\n\n中"}"#,
        ),
    ];
    for (input, path, body) in cases {
        let wire = call_results::parse(&input, Locale::EnUs).expect("valid").to_wire();
        assert_eq!(wire.method, "POST");
        assert_eq!(wire.path, path);
        assert_eq!(wire.body.as_deref(), Some(body));
        let reparsed: Value = serde_json::from_str(body).expect("the body is JSON");
        assert!(reparsed.is_object());
    }
}

#[test]
fn call_records_wire() {
    let wire = call_records::parse(&json!({"vdnId": 8, "callId": "1688028889-836"}), Locale::EnUs)
        .expect("valid")
        .to_wire();
    assert_eq!(wire.method, "POST");
    assert_eq!(wire.path, "/rest/isales/v1/openapi/campaigns/8/callRecord");
    assert_eq!(wire.body.as_deref(), Some(r#"{"callId":"1688028889-836"}"#));
}

#[test]
fn call_manual_detail_wire_sends_every_field_as_a_string() {
    let input = json!({
        "evaluationValue": 10, "mediaType": 5, "callType": 0, "endDate": "1658188800000",
        "beginDate": 1658102400000u64, "calleeNo": "", "callerNo": "0", "callId": null,
        "vdn": 1, "subCcNo": "0"
    });
    let wire = call_manual_detail::parse(&input, Locale::EnUs).expect("valid").to_wire();
    assert_eq!(wire.method, "POST");
    assert_eq!(wire.path, "/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo");
    assert_eq!(
        wire.body.as_deref(),
        Some(
            r#"{"subCcNo":"0","vdn":"1","callerNo":"0","beginDate":"1658102400000","endDate":"1658188800000","callType":"0","mediaType":"5","evaluationValue":"10"}"#
        )
    );
    let minimal =
        call_manual_detail::parse(&json!({"subCcNo": "0", "vdn": "0", "callId": "c"}), Locale::EnUs)
            .expect("valid")
            .to_wire();
    assert_eq!(minimal.body.as_deref(), Some(r#"{"subCcNo":"0","vdn":"0","callId":"c"}"#));
}

#[test]
fn transfer_records_wire_carries_the_credentials_and_string_paging() {
    let doc_example = json!({
        "authToken": "ignored", "tenantId": "ignored",
        "beginTime": "2022-02-21 20:04:38", "endTime": "", "pageNum": "1", "pageSize": "5",
        "callId": "1648805538-165717321823298", "userMobile": "", "ctiCallId": ""
    });
    let wire = transfer_records::parse(&doc_example, Locale::EnUs)
        .expect("valid")
        .to_wire("202204017094", "P********************oN1ix");
    assert_eq!(wire.method, "POST");
    assert_eq!(wire.path, "/oifde/rest/api/queryTransferRecordHistory");
    assert_eq!(
        wire.body.as_deref(),
        Some(
            r#"{"tenantId":"202204017094","authToken":"P********************oN1ix","beginTime":"2022-02-21 20:04:38","pageNum":"1","pageSize":"5","callId":"1648805538-165717321823298"}"#
        )
    );

    let numbers =
        transfer_records::parse(&json!({"ctiCallId": "x", "pageNum": 2, "pageSize": 10.0}), Locale::EnUs)
            .expect("valid")
            .to_wire("t", "k");
    assert_eq!(
        numbers.body.as_deref(),
        Some(r#"{"tenantId":"t","authToken":"k","pageNum":"2","pageSize":"10","ctiCallId":"x"}"#)
    );
}

#[test]
fn wire_debug_never_shows_the_oifde_token() {
    let wire = transfer_records::parse(&json!({"callId": "c"}), Locale::EnUs)
        .expect("valid")
        .to_wire("tenant", "SECRET-TOKEN-123");
    let shown = format!("{wire:?}");
    assert!(!shown.contains("SECRET-TOKEN-123"), "{shown}");
    assert!(shown.contains("redacted"));
    let isales =
        call_records::parse(&json!({"vdnId": 1, "callId": "c"}), Locale::EnUs).expect("valid").to_wire();
    assert!(format!("{isales:?}").contains(r#"{\"callId\":\"c\"}"#));
}

#[test]
fn typed_requests_serialize_with_documented_names() {
    let req = call_manual_detail::parse(
        &json!({"subCcNo": "0", "vdn": 1, "beginDate": 1658102400000u64, "mediaType": 53}),
        Locale::EnUs,
    )
    .expect("valid");
    assert_eq!(
        serde_json::to_value(&req).expect("serializable"),
        json!({"subCcNo": "0", "vdn": "1", "beginDate": "1658102400000", "mediaType": "53"})
    );
    let req = call_results::parse(&json!({"vdnId": 1, "campaignId": 7, "pageSize": 10}), Locale::EnUs)
        .expect("valid");
    let value = serde_json::to_value(&req).expect("serializable");
    assert_eq!(value, json!({"vdnId": 1, "campaignId": "7", "pageSize": 10}));
    // And back: the typed request is also a valid input.
    assert_eq!(call_results::parse(&value, Locale::EnUs), Ok(req));
}
