//! Request side of the core, natively (continued from `core_requests.rs`): the API Fabric
//! (queryCallManualDetailInfo) and OIFDE (queryTransferRecordHistory) rule tables.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{call_manual_detail, transfer_records};
use cec_calldata::{Locale, Rule};
use serde_json::{json, Value};

mod common;
use common::requests::*;

// ---------------------------------------------------------------------------------------------
// queryCallManualDetailInfo (no vendor codes)

#[test]
fn call_manual_detail_rules() {
    let base = json!({"subCcNo": "1", "vdn": "100", "callId": "1669464198-17002955"});
    let no_call_id = with(&base, &[("callId", absent())]);
    let mut rows: Vec<(&str, Value, Expected)> = vec![
        ("valid", base.clone(), OK),
        ("subCcNo missing", with(&base, &[("subCcNo", absent())]), &[("subCcNo", Rule::Required, None)]),
        ("subCcNo empty", with(&base, &[("subCcNo", json!(""))]), &[("subCcNo", Rule::Required, None)]),
        ("subCcNo number", with(&base, &[("subCcNo", json!(1))]), &[("subCcNo", Rule::Type, None)]),
        ("vdn missing", with(&base, &[("vdn", absent())]), &[("vdn", Rule::Required, None)]),
        ("vdn number", with(&base, &[("vdn", json!(1))]), OK),
        ("vdn \"0\" (the doc example)", with(&base, &[("vdn", json!("0"))]), OK),
        ("vdn not digits", with(&base, &[("vdn", json!("v1"))]), &[("vdn", Rule::Type, None)]),
        ("vdn negative", with(&base, &[("vdn", json!(-1))]), &[("vdn", Rule::Type, None)]),
        ("vdn 1.5", with(&base, &[("vdn", json!(1.5))]), &[("vdn", Rule::Type, None)]),
        // callId empty/absent: beginDate or endDate becomes required.
        ("no callId, no dates", no_call_id.clone(), &[("", Rule::OneOfRequired, None)]),
        ("empty callId, no dates", with(&base, &[("callId", json!(""))]), &[("", Rule::OneOfRequired, None)]),
        ("no callId, beginDate only", with(&no_call_id, &[("beginDate", json!("1658102400000"))]), OK),
        ("no callId, endDate only", with(&no_call_id, &[("endDate", json!(1658188800000u64))]), OK),
        (
            "no callId, both dates (the doc's values)",
            with(&no_call_id, &[("beginDate", json!("1658102400000")), ("endDate", json!("1658188800000"))]),
            OK,
        ),
        (
            "no callId, dates empty",
            with(&no_call_id, &[("beginDate", json!("")), ("endDate", json!(""))]),
            &[("", Rule::OneOfRequired, None)],
        ),
        (
            "beginDate as a date string",
            with(&base, &[("beginDate", json!("2022-07-18"))]),
            &[("beginDate", Rule::Type, None)],
        ),
        // Issue 10 #4: an ISO-8601 instant (what a JS Date becomes at the boundary).
        ("beginDate ISO-8601 with Z", with(&base, &[("beginDate", json!("2022-07-18T00:00:00.000Z"))]), OK),
        (
            "beginDate ISO-8601 without an offset",
            with(&base, &[("beginDate", json!("2022-07-18T00:00:00"))]),
            &[("beginDate", Rule::Type, None)],
        ),
        (
            "ISO begin after epoch end",
            with(
                &base,
                &[("beginDate", json!("2022-07-19T00:00:00+08:00")), ("endDate", json!("1658102400000"))],
            ),
            &[("beginDate", Rule::DateOrder, None)],
        ),
        (
            "endDate fractional",
            with(&base, &[("endDate", json!(1658188800000.5))]),
            &[("endDate", Rule::Type, None)],
        ),
        (
            "beginDate equal to endDate",
            with(&base, &[("beginDate", json!("1658102400000")), ("endDate", json!(1658102400000u64))]),
            OK,
        ),
        (
            "beginDate 1 ms after endDate",
            with(&base, &[("beginDate", json!("1658102400001")), ("endDate", json!("1658102400000"))]),
            &[("beginDate", Rule::DateOrder, None)],
        ),
        (
            "order compares numerically, not as text",
            with(&base, &[("beginDate", json!("999")), ("endDate", json!("1000"))]),
            OK,
        ),
        ("callType \"abc\"", with(&base, &[("callType", json!("abc"))]), &[("callType", Rule::Type, None)]),
        (
            "mediaType \"10\" (the doc example's value)",
            with(&base, &[("mediaType", json!("10"))]),
            &[("mediaType", Rule::AllowedValues, None)],
        ),
        ("evaluationValue \"10\"", with(&base, &[("evaluationValue", json!("10"))]), OK),
        ("evaluationValue 5", with(&base, &[("evaluationValue", json!(5))]), OK),
        (
            // Issue 10 #4: tenants configure their own levels.
            "evaluationValue text",
            with(&base, &[("evaluationValue", json!("good"))]),
            OK,
        ),
        ("callerNo/calleeNo", with(&base, &[("callerNo", json!("88881955")), ("calleeNo", json!(""))]), OK),
    ];
    for v in [0, 1, 2, 3, 4, 10, 11, 12] {
        rows.push(("allowed callType (number)", with(&base, &[("callType", json!(v))]), OK));
        rows.push(("allowed callType (string)", with(&base, &[("callType", json!(v.to_string()))]), OK));
    }
    for v in [5, 9, 13, 100] {
        rows.push((
            "other callType",
            with(&base, &[("callType", json!(v))]),
            &[("callType", Rule::AllowedValues, None)],
        ));
    }
    for v in [2, 5, 18, 19, 53] {
        rows.push(("allowed mediaType (number)", with(&base, &[("mediaType", json!(v))]), OK));
        rows.push(("allowed mediaType (string)", with(&base, &[("mediaType", json!(v.to_string()))]), OK));
    }
    for v in [0, 1, 3, 4, 6, 17, 20, 52, 54] {
        rows.push((
            "other mediaType",
            with(&base, &[("mediaType", json!(v))]),
            &[("mediaType", Rule::AllowedValues, None)],
        ));
    }
    run(Endpoint::CallManualDetail, &rows);
}

#[test]
fn one_of_required_message_names_both_dates() {
    let issues = call_manual_detail::validate(&json!({"subCcNo": "1", "vdn": 1}), Locale::EnUs);
    assert_eq!(issues.len(), 1);
    for name in ["callId", "beginDate", "endDate"] {
        assert!(issues[0].message.contains(name), "{}", issues[0].message);
    }
    let zh = call_manual_detail::validate(&json!({"subCcNo": "1", "vdn": 1}), Locale::ZhCn);
    assert!(zh[0].message.contains("beginDate") && zh[0].message.contains("endDate"), "{}", zh[0].message);
}

// ---------------------------------------------------------------------------------------------
// queryTransferRecordHistory (no vendor codes; an empty string is absent)

#[test]
fn transfer_record_rules() {
    let base = json!({"callId": "1648805538-165717321823298"});
    let mut rows: Vec<(&str, Value, Expected)> = vec![
        ("valid", base.clone(), OK),
        ("none of the three ids", json!({}), &[("", Rule::OneOfRequired, None)]),
        (
            "all three ids empty",
            json!({"callId": "", "userMobile": "", "ctiCallId": ""}),
            &[("", Rule::OneOfRequired, None)],
        ),
        ("userMobile alone", json!({"userMobile": "88880301"}), OK),
        ("ctiCallId alone", json!({"ctiCallId": "1648805538-1657"}), OK),
        ("userMobile as a number", json!({"userMobile": 88880301}), &[("userMobile", Rule::Type, None)]),
        ("pageNum 1", with(&base, &[("pageNum", json!(1))]), OK),
        ("pageNum \"1\"", with(&base, &[("pageNum", json!("1"))]), OK),
        ("pageNum 0", with(&base, &[("pageNum", json!(0))]), &[("pageNum", Rule::Range, None)]),
        ("pageNum \"0\"", with(&base, &[("pageNum", json!("0"))]), &[("pageNum", Rule::Range, None)]),
        ("pageNum \"-1\"", with(&base, &[("pageNum", json!("-1"))]), &[("pageNum", Rule::Type, None)]),
        ("pageNum 1.5", with(&base, &[("pageNum", json!(1.5))]), &[("pageNum", Rule::Type, None)]),
        ("pageNum empty is absent", with(&base, &[("pageNum", json!(""))]), OK),
        ("pageSize \"abc\"", with(&base, &[("pageSize", json!("abc"))]), &[("pageSize", Rule::Type, None)]),
        ("beginTime", with(&base, &[("beginTime", json!("2022-02-21 20:04:38"))]), OK),
        ("endTime only", with(&base, &[("endTime", json!("2022-02-21 20:04:38"))]), OK),
        (
            "beginTime date only",
            with(&base, &[("beginTime", json!("2022-02-21"))]),
            &[("beginTime", Rule::DateFormat, None)],
        ),
        (
            "beginTime ISO T",
            with(&base, &[("beginTime", json!("2022-02-21T20:04:38"))]),
            &[("beginTime", Rule::DateFormat, None)],
        ),
        (
            "endTime 24:00:00",
            with(&base, &[("endTime", json!("2022-02-21 24:00:00"))]),
            &[("endTime", Rule::DateFormat, None)],
        ),
        (
            "endTime Feb 30",
            with(&base, &[("endTime", json!("2022-02-30 00:00:00"))]),
            &[("endTime", Rule::DateFormat, None)],
        ),
        (
            "begin equal to end",
            with(
                &base,
                &[("beginTime", json!("2022-02-21 20:04:38")), ("endTime", json!("2022-02-21 20:04:38"))],
            ),
            OK,
        ),
        (
            "begin one second after end",
            with(
                &base,
                &[("beginTime", json!("2022-02-21 20:04:39")), ("endTime", json!("2022-02-21 20:04:38"))],
            ),
            &[("beginTime", Rule::DateOrder, None)],
        ),
        (
            "the doc's request example (credentials in it are ignored)",
            json!({
                "authToken": "P********************oN1ix",
                "tenantId": "202204017094",
                "beginTime": "2022-02-21 20:04:38",
                "endTime": "",
                "pageNum": "1",
                "pageSize": "5",
                "callId": "1648805538-165717321823298",
                "userMobile": "",
                "ctiCallId": ""
            }),
            OK,
        ),
    ];
    for v in [5, 10, 20, 50, 100] {
        rows.push(("allowed pageSize (number)", with(&base, &[("pageSize", json!(v))]), OK));
        rows.push(("allowed pageSize (string)", with(&base, &[("pageSize", json!(v.to_string()))]), OK));
    }
    for v in [0, 4, 6, 9, 11, 49, 51, 99, 101, 500] {
        rows.push((
            "other pageSize",
            with(&base, &[("pageSize", json!(v))]),
            &[("pageSize", Rule::AllowedValues, None)],
        ));
    }
    run(Endpoint::TransferRecords, &rows);
}

#[test]
fn transfer_record_export_parse_accepts_a_request_without_page_fields() {
    let input = json!({"userMobile": "88880301", "beginTime": "2022-02-01 00:00:00", "endTime": "2022-05-01 00:00:00"});
    let parsed = transfer_records::parse_for_export(&input, Locale::EnUs).expect("valid");
    assert_eq!(parsed.page_num, None);
    assert_eq!(parsed.page_size, None);
    assert!(transfer_records::parse_for_export(&json!({}), Locale::EnUs).is_err());
}
