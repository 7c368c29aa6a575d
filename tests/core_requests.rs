//! Request side of the core, natively: every rule of the five rule tables on both sides of its
//! boundary (table-driven from the endpoint docs), the issue texts, robustness against any JSON
//! value, and the exact wire encodings.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{self, call_results};
use cec_calldata::{Locale, Rule};
use serde_json::{json, Value};

mod common;
use common::requests::*;

// ---------------------------------------------------------------------------------------------
// The request as a whole

#[test]
fn a_request_that_is_not_an_object_is_one_type_issue() {
    let odd = [json!(null), json!(5), json!("x"), json!([]), json!([{"vdnId": 1}]), json!(true)];
    for endpoint in Endpoint::ALL {
        let code = match endpoint {
            Endpoint::CallResultDetail
            | Endpoint::CallResults
            | Endpoint::CallRecords
            | Endpoint::ObsResultCodes => TYPE,
            Endpoint::CallManualDetail | Endpoint::TransferRecords => None,
        };
        for input in &odd {
            let issues = endpoints::validate(endpoint, input, Locale::EnUs);
            assert_eq!(
                summary(&issues),
                vec![(String::new(), Rule::Type, code.map(str::to_owned))],
                "{input}"
            );
            assert_eq!(issues[0].message, "The request must be a JSON object.");
            let zh = endpoints::validate(endpoint, input, Locale::ZhCn);
            assert_eq!(zh[0].message, "请求必须是一个 JSON 对象。");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// vdnId + callId: callResultDetail and callRecords share the same table shape

fn vdn_and_call_id_rows() -> Vec<(&'static str, Value, Expected)> {
    let base = json!({"vdnId": 1, "callId": "1644464743-1388"});
    vec![
        ("valid", base.clone(), OK),
        ("vdnId 1 (lower bound)", with(&base, &[("vdnId", json!(1))]), OK),
        ("vdnId 0 (below)", with(&base, &[("vdnId", json!(0))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId 9999 (upper bound)", with(&base, &[("vdnId", json!(9999))]), OK),
        ("vdnId 10000 (above)", with(&base, &[("vdnId", json!(10000))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId negative", with(&base, &[("vdnId", json!(-5))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId huge", with(&base, &[("vdnId", json!(1e300))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId 8.0 is an integer", with(&base, &[("vdnId", json!(8.0))]), OK),
        ("vdnId 1.5", with(&base, &[("vdnId", json!(1.5))]), &[("vdnId", Rule::Type, TYPE)]),
        // Issue 10 #7: the Java server binds a numeric string to an Integer field; so do we.
        ("vdnId numeric string", with(&base, &[("vdnId", json!("8"))]), OK),
        (
            "vdnId padded numeric string",
            with(&base, &[("vdnId", json!(" 8"))]),
            &[("vdnId", Rule::Type, TYPE)],
        ),
        (
            "vdnId numeric string out of range",
            with(&base, &[("vdnId", json!("10000"))]),
            &[("vdnId", Rule::Range, VALUE)],
        ),
        ("vdnId bool", with(&base, &[("vdnId", json!(true))]), &[("vdnId", Rule::Type, TYPE)]),
        ("vdnId missing", with(&base, &[("vdnId", absent())]), &[("vdnId", Rule::Required, REQUIRED)]),
        ("vdnId null", with(&base, &[("vdnId", json!(null))]), &[("vdnId", Rule::Required, REQUIRED)]),
        ("vdnId empty", with(&base, &[("vdnId", json!(""))]), &[("vdnId", Rule::Required, REQUIRED)]),
        ("callId one char", with(&base, &[("callId", json!("x"))]), OK),
        ("callId missing", with(&base, &[("callId", absent())]), &[("callId", Rule::Required, REQUIRED)]),
        ("callId empty", with(&base, &[("callId", json!(""))]), &[("callId", Rule::Required, REQUIRED)]),
        // Issue 10 #6: whitespace only is empty, as the server answers (02000001).
        ("callId blank", with(&base, &[("callId", json!(" \t "))]), &[("callId", Rule::Required, REQUIRED)]),
        ("callId number", with(&base, &[("callId", json!(1644464743))]), &[("callId", Rule::Type, TYPE)]),
        // Issue 10 #13: an unknown field is an issue (it would be silently dropped).
        (
            "unknown fields are reported",
            with(&base, &[("extra", json!({"a": [1]}))]),
            &[("extra", Rule::UnknownField, None)],
        ),
        (
            "a field in the wrong case names the right one",
            with(&base, &[("callid", json!("x"))]),
            &[("callid", Rule::UnknownField, None)],
        ),
        (
            "every issue, in field order",
            json!({"vdnId": 0}),
            &[("vdnId", Rule::Range, VALUE), ("callId", Rule::Required, REQUIRED)],
        ),
        (
            "empty object",
            json!({}),
            &[("vdnId", Rule::Required, REQUIRED), ("callId", Rule::Required, REQUIRED)],
        ),
    ]
}

#[test]
fn call_result_detail_rules() {
    run(Endpoint::CallResultDetail, &vdn_and_call_id_rows());
}

#[test]
fn call_result_detail_call_id_is_one_path_segment() {
    let base = json!({"vdnId": 1, "callId": "1644464743-1388"});
    for dots in [".", "..", " .. "] {
        let issues = endpoints::validate(
            Endpoint::CallResultDetail,
            &with(&base, &[("callId", json!(dots))]),
            Locale::EnUs,
        );
        assert_eq!(issues.len(), 1, "{dots:?}: {issues:?}");
        assert_eq!((issues[0].field.as_str(), issues[0].rule), ("callId", Rule::AllowedValues));
        assert!(issues[0].message.contains("path segment"), "{}", issues[0].message);
    }
    for fine in ["...", ".a", "a.", "1644464743.1388"] {
        assert!(endpoints::validate(
            Endpoint::CallResultDetail,
            &with(&base, &[("callId", json!(fine))]),
            Locale::EnUs
        )
        .is_empty());
    }
}

#[test]
fn call_records_rules() {
    run(Endpoint::CallRecords, &vdn_and_call_id_rows());
}

// ---------------------------------------------------------------------------------------------
// callResults

fn call_results_base() -> Value {
    json!({"vdnId": 1, "campaignId": "3"})
}

#[test]
fn call_results_identity_and_paging_rules() {
    let base = call_results_base();
    let s32 = "s".repeat(32);
    let s33 = "s".repeat(33);
    let zh32 = "字".repeat(32);
    let zh33 = "字".repeat(33);
    let rows: Vec<(&str, Value, Expected)> = vec![
        ("valid", base.clone(), OK),
        ("vdnId 0", with(&base, &[("vdnId", json!(0))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId 10000", with(&base, &[("vdnId", json!(10000))]), &[("vdnId", Rule::Range, VALUE)]),
        ("vdnId 9999", with(&base, &[("vdnId", json!(9999))]), OK),
        ("campaignId number", with(&base, &[("campaignId", json!(3))]), OK),
        // Issue 10 #1: "Integer, mandatory".
        (
            "campaignId text",
            with(&base, &[("campaignId", json!("c-1"))]),
            &[("campaignId", Rule::Type, TYPE)],
        ),
        ("campaignId abc", with(&base, &[("campaignId", json!("abc"))]), &[("campaignId", Rule::Type, TYPE)]),
        (
            "campaignId \"1.5\"",
            with(&base, &[("campaignId", json!("1.5"))]),
            &[("campaignId", Rule::Type, TYPE)],
        ),
        ("campaignId -5", with(&base, &[("campaignId", json!(-5))]), &[("campaignId", Rule::Range, VALUE)]),
        ("campaignId 0", with(&base, &[("campaignId", json!(0))]), &[("campaignId", Rule::Range, VALUE)]),
        ("campaignId \"007\"", with(&base, &[("campaignId", json!("007"))]), OK),
        (
            "campaignId blank",
            with(&base, &[("campaignId", json!("  "))]),
            &[("campaignId", Rule::Required, REQUIRED)],
        ),
        // Issue 10 #13: a misspelt field is reported, naming the documented one.
        ("pagesize typo", with(&base, &[("pagesize", json!(10))]), &[("pagesize", Rule::UnknownField, None)]),
        (
            "campaignId missing",
            with(&base, &[("campaignId", absent())]),
            &[("campaignId", Rule::Required, REQUIRED)],
        ),
        (
            "campaignId empty",
            with(&base, &[("campaignId", json!(""))]),
            &[("campaignId", Rule::Required, REQUIRED)],
        ),
        (
            "campaignId null",
            with(&base, &[("campaignId", json!(null))]),
            &[("campaignId", Rule::Required, REQUIRED)],
        ),
        ("campaignId 1.5", with(&base, &[("campaignId", json!(1.5))]), &[("campaignId", Rule::Type, TYPE)]),
        ("campaignId object", with(&base, &[("campaignId", json!({}))]), &[("campaignId", Rule::Type, TYPE)]),
        ("sessionId 32 chars", with(&base, &[("sessionId", json!(s32))]), OK),
        (
            "sessionId 33 chars",
            with(&base, &[("sessionId", json!(s33))]),
            &[("sessionId", Rule::MaxLength, TOO_LONG)],
        ),
        ("sessionId 32 CJK chars (96 bytes)", with(&base, &[("sessionId", json!(zh32))]), OK),
        (
            "sessionId 33 CJK chars",
            with(&base, &[("sessionId", json!(zh33))]),
            &[("sessionId", Rule::MaxLength, TOO_LONG)],
        ),
        ("sessionId number", with(&base, &[("sessionId", json!(12))]), &[("sessionId", Rule::Type, TYPE)]),
        ("customField", with(&base, &[("customField", json!("anything"))]), OK),
        ("showDetail 0", with(&base, &[("showDetail", json!(0))]), OK),
        ("showDetail 1", with(&base, &[("showDetail", json!(1))]), OK),
        (
            "showDetail 2",
            with(&base, &[("showDetail", json!(2))]),
            &[("showDetail", Rule::AllowedValues, VALUE)],
        ),
        (
            "showDetail -1",
            with(&base, &[("showDetail", json!(-1))]),
            &[("showDetail", Rule::AllowedValues, VALUE)],
        ),
        ("showDetail \"1\"", with(&base, &[("showDetail", json!("1"))]), OK),
        ("pageNum 1", with(&base, &[("pageNum", json!(1))]), OK),
        ("pageNum 0", with(&base, &[("pageNum", json!(0))]), &[("pageNum", Rule::Range, VALUE)]),
        ("pageNum -1", with(&base, &[("pageNum", json!(-1))]), &[("pageNum", Rule::Range, VALUE)]),
        ("pageNum large", with(&base, &[("pageNum", json!(1_000_000))]), OK),
        (
            "pageNum beyond safe integers",
            with(&base, &[("pageNum", json!(1e20))]),
            &[("pageNum", Rule::Range, VALUE)],
        ),
        ("pageNum 1.5", with(&base, &[("pageNum", json!(1.5))]), &[("pageNum", Rule::Type, TYPE)]),
        ("pageNum \"1\"", with(&base, &[("pageNum", json!("1"))]), OK),
        // pageSize without showDetail: showDetail defaults to 0, so 1..500.
        ("pageSize 1", with(&base, &[("pageSize", json!(1))]), OK),
        ("pageSize 0", with(&base, &[("pageSize", json!(0))]), &[("pageSize", Rule::Range, VALUE)]),
        ("pageSize 500", with(&base, &[("pageSize", json!(500))]), OK),
        ("pageSize 501", with(&base, &[("pageSize", json!(501))]), &[("pageSize", Rule::Range, VALUE)]),
        (
            "pageSize 500, showDetail 0",
            with(&base, &[("pageSize", json!(500)), ("showDetail", json!(0))]),
            OK,
        ),
        (
            "pageSize 501, showDetail 0",
            with(&base, &[("pageSize", json!(501)), ("showDetail", json!(0))]),
            &[("pageSize", Rule::Range, VALUE)],
        ),
        (
            "pageSize 100, showDetail 1",
            with(&base, &[("pageSize", json!(100)), ("showDetail", json!(1))]),
            OK,
        ),
        (
            "pageSize 101, showDetail 1",
            with(&base, &[("pageSize", json!(101)), ("showDetail", json!(1))]),
            &[("pageSize", Rule::Range, VALUE)],
        ),
        ("pageSize 1, showDetail 1", with(&base, &[("pageSize", json!(1)), ("showDetail", json!(1))]), OK),
        (
            "pageSize 0, showDetail 1",
            with(&base, &[("pageSize", json!(0)), ("showDetail", json!(1))]),
            &[("pageSize", Rule::Range, VALUE)],
        ),
        (
            "pageSize 300 with an invalid showDetail: the default's limit applies",
            with(&base, &[("pageSize", json!(300)), ("showDetail", json!(7))]),
            &[("showDetail", Rule::AllowedValues, VALUE)],
        ),
        ("pageSize \"10\"", with(&base, &[("pageSize", json!("10"))]), OK),
        ("pageSize \"501\"", with(&base, &[("pageSize", json!("501"))]), &[("pageSize", Rule::Range, VALUE)]),
        ("pageSize \"ten\"", with(&base, &[("pageSize", json!("ten"))]), &[("pageSize", Rule::Type, TYPE)]),
        // Issue 10 #9: 32 UTF-16 units, as Java counts: 16 emoji are 32 units, 17 are 34.
        ("sessionId 16 emoji", with(&base, &[("sessionId", json!("😀".repeat(16)))]), OK),
        (
            "sessionId 17 emoji",
            with(&base, &[("sessionId", json!("😀".repeat(17)))]),
            &[("sessionId", Rule::MaxLength, TOO_LONG)],
        ),
        ("pageSize 10.5", with(&base, &[("pageSize", json!(10.5))]), &[("pageSize", Rule::Type, TYPE)]),
        (
            "the doc's request example",
            with(
                &base,
                &[("sessionId", json!("1202_test013")), ("pageSize", json!(500)), ("pageNum", json!(1))],
            ),
            OK,
        ),
        (
            "every issue at once",
            json!({"vdnId": 0, "sessionId": "s".repeat(33), "pageNum": 0, "showDetail": 1, "pageSize": 101}),
            &[
                ("vdnId", Rule::Range, VALUE),
                ("campaignId", Rule::Required, REQUIRED),
                ("sessionId", Rule::MaxLength, TOO_LONG),
                ("pageNum", Rule::Range, VALUE),
                ("pageSize", Rule::Range, VALUE),
            ],
        ),
    ];
    run(Endpoint::CallResults, &rows);
}

fn dates(begin: Option<&str>, end: Option<&str>) -> Value {
    let mut changes = vec![];
    if let Some(b) = begin {
        changes.push(("beginTime", json!(b)));
    }
    if let Some(e) = end {
        changes.push(("endTime", json!(e)));
    }
    with(&call_results_base(), &changes)
}

const BOTH: Option<&str> = Some("0200008");
const FORMAT: Option<&str> = Some("0200009");
const ORDER: Option<&str> = Some("0200010");
const WINDOW: Option<&str> = Some("0200011");

#[test]
fn call_results_date_rules() {
    let rows: Vec<(&str, Value, Expected)> = vec![
        ("neither", dates(None, None), OK),
        ("one day: [D, D+1)", dates(Some("2024-01-01"), Some("2024-01-02")), OK),
        ("only beginTime", dates(Some("2024-01-01"), None), &[("endTime", Rule::BothOrNeither, BOTH)]),
        ("only endTime", dates(None, Some("2024-01-02")), &[("beginTime", Rule::BothOrNeither, BOTH)]),
        (
            "beginTime with an empty endTime",
            with(&dates(Some("2024-01-01"), None), &[("endTime", json!(""))]),
            &[("endTime", Rule::BothOrNeither, BOTH)],
        ),
        ("leap day", dates(Some("2024-02-29"), Some("2024-03-01")), OK),
        (
            "2023-02-29 does not exist",
            dates(Some("2023-02-29"), Some("2023-03-01")),
            &[("beginTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "2024-02-30",
            dates(Some("2024-01-31"), Some("2024-02-30")),
            &[("endTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "month 13",
            dates(Some("2024-13-01"), Some("2024-12-31")),
            &[("beginTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "slashes",
            dates(Some("2024/01/01"), Some("2024-01-02")),
            &[("beginTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "no zero padding",
            dates(Some("2024-1-1"), Some("2024-01-02")),
            &[("beginTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "with a time",
            dates(Some("2024-01-01 00:00:00"), Some("2024-01-02")),
            &[("beginTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "both malformed",
            dates(Some("yesterday"), Some("today")),
            &[("beginTime", Rule::DateFormat, FORMAT), ("endTime", Rule::DateFormat, FORMAT)],
        ),
        (
            "a date as a number",
            with(&call_results_base(), &[("beginTime", json!(20240101)), ("endTime", json!("2024-01-02"))]),
            &[("beginTime", Rule::Type, TYPE)],
        ),
        ("begin one day before end", dates(Some("2024-01-01"), Some("2024-01-02")), OK),
        (
            "begin equal to end",
            dates(Some("2024-01-01"), Some("2024-01-01")),
            &[("beginTime", Rule::DateOrder, ORDER)],
        ),
        (
            "begin after end",
            dates(Some("2024-01-02"), Some("2024-01-01")),
            &[("beginTime", Rule::DateOrder, ORDER)],
        ),
        ("30 days: Jan 1 .. Jan 31", dates(Some("2024-01-01"), Some("2024-01-31")), OK),
        (
            "31 days: Jan 1 .. Feb 1",
            dates(Some("2024-01-01"), Some("2024-02-01")),
            &[("endTime", Rule::WindowTooLong, WINDOW)],
        ),
        ("30 days over a leap February", dates(Some("2024-02-01"), Some("2024-03-02")), OK),
        (
            "31 days over a leap February",
            dates(Some("2024-02-01"), Some("2024-03-03")),
            &[("endTime", Rule::WindowTooLong, WINDOW)],
        ),
        ("30 days over the new year", dates(Some("2023-12-15"), Some("2024-01-14")), OK),
        (
            "31 days over the new year",
            dates(Some("2023-12-15"), Some("2024-01-15")),
            &[("endTime", Rule::WindowTooLong, WINDOW)],
        ),
        (
            "a year",
            dates(Some("2023-01-01"), Some("2024-01-01")),
            &[("endTime", Rule::WindowTooLong, WINDOW)],
        ),
    ];
    run(Endpoint::CallResults, &rows);
}

#[test]
fn call_results_export_parse_skips_only_the_window_limit() {
    let long = dates(Some("2024-01-01"), Some("2024-06-01"));
    assert!(call_results::parse(&long, Locale::EnUs).is_err());
    let parsed =
        call_results::parse_for_export(&long, Locale::EnUs).expect("a long range is fine for export");
    assert_eq!(parsed.begin_time.as_deref(), Some("2024-01-01"));
    assert_eq!(parsed.end_time.as_deref(), Some("2024-06-01"));

    let still_bad: Vec<(Value, Expected)> = vec![
        (dates(Some("2024-01-01"), Some("2024-01-01")), &[("beginTime", Rule::DateOrder, ORDER)]),
        (dates(Some("2024-01-01"), None), &[("endTime", Rule::BothOrNeither, BOTH)]),
        (dates(Some("2024-02-30"), Some("2024-09-01")), &[("beginTime", Rule::DateFormat, FORMAT)]),
        (with(&long, &[("pageSize", json!(501))]), &[("pageSize", Rule::Range, VALUE)]),
    ];
    for (input, want) in still_bad {
        let issues = call_results::parse_for_export(&input, Locale::EnUs).expect_err("still invalid");
        assert_eq!(summary(&issues), expected(want), "{input}");
    }
}
