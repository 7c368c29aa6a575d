//! Native tests of the doc-fidelity fixes of issue 10 (decoders, wire encoding, codes) that do
//! not fit the table-driven suites of core_requests.rs / core_responses.rs.

use cec_calldata::endpoints::{call_manual_detail, call_records, call_results};
use cec_calldata::Locale;
use serde_json::json;

/// Issue 10 #4: ISO-8601 dates go on the wire as the epoch milliseconds the example shows.
#[test]
fn call_manual_detail_iso_dates_are_sent_as_epoch_millis() {
    let input = json!({"subCcNo": "1", "vdn": 1, "beginDate": "2022-07-18T08:00:00+08:00",
        "endDate": "2022-07-19T00:00:00.000Z", "evaluationValue": "very good"});
    let wire = call_manual_detail::parse(&input, Locale::EnUs).expect("valid").to_wire();
    assert_eq!(
        wire.body.as_deref(),
        Some(
            r#"{"subCcNo":"1","vdn":"1","beginDate":"1658102400000","endDate":"1658188800000","evaluationValue":"very good"}"#
        )
    );
}

/// Issue 10 #2: every field of 04's `results` is "Mandatory: No": a CDR without `callId` is
/// data, not a broken page.
#[test]
fn a_cdr_without_call_id_decodes_with_null() {
    let body = r#"{"total":2,"results":[{"vdn":1,"evaluationValue":"1"},{"callId":"c-2"}]}"#;
    let r = call_manual_detail::decode(body, Locale::EnUs).expect("decodes");
    assert_eq!(r.results[0].call_id, None);
    assert_eq!(r.results[0].vdn.as_deref(), Some("1"));
    assert_eq!(r.results[1].call_id.as_deref(), Some("c-2"));
}

/// Issue 10 #10: the more specific description wins; the docs put details in resultDesc.
#[test]
fn isales_error_description_prefers_the_details() {
    let body = r#"{"returnCode":"0200001","returnDesc":"Parameter error.","resultCode":"0200001",
        "resultDesc":"Parameter error. pageSize must be 1-50."}"#;
    let e = call_results::decode(body, Locale::EnUs).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("Parameter error. pageSize must be 1-50."));
    // returnDesc wins only when it says more than resultDesc and contains it.
    let body = r#"{"returnCode":"0200001","returnDesc":"Parameter error: callId is empty","resultDesc":"Parameter error"}"#;
    let e = call_records::decode(body, Locale::EnUs).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("Parameter error: callId is empty"));
    let body = r#"{"returnCode":"0200001","returnDesc":"Parameter error.","resultDesc":""}"#;
    let e = call_records::decode(body, Locale::EnUs).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("Parameter error."));
}

/// queryOBSResultCode: the doc's response example decodes.
#[test]
fn obs_result_codes_example() {
    let body = r#"{"obsCodes":[{"obsCodeDesc":"The switch is busy.","obsCode":"00605"},{"obsCodeDesc":"The call is rejected.","obsCode":"00604"}],"returnCode":"0200000","resultCode":"0200000","resultDesc":"query queryOBSResultCode Success!","totalCount":120,"returnDesc":"query queryOBSResultCode Success!"}"#;
    let r = cec_calldata::endpoints::obs_result_codes::decode(body, Locale::EnUs).expect("decodes");
    assert_eq!(r.total_count, Some(120));
    assert_eq!(r.obs_codes[1].obs_code.as_deref(), Some("00604"));
    assert_eq!(r.obs_codes[0].obs_code_desc.as_deref(), Some("The switch is busy."));
}
