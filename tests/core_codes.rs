//! The vendor error-code table in both locales, natively: every documented code, the codes that
//! depend on the endpoint, unknown codes, and the codes issues carry per rule and gateway.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::codes::{self, describe};
use cec_calldata::endpoint::Endpoint;
use cec_calldata::{Locale, Rule};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Error codes

/// (code, English, Chinese) from the docs' error tables; Chinese from doc 01 where it has the
/// code. `0200007` is endpoint-dependent and checked separately.
const CODES: &[(&str, &str, &str)] = &[
    (
        "0200001",
        "Parameter error. For details about the error, see resultDesc.",
        "参数异常,异常详情在resultDesc中描述。",
    ),
    (
        "0200008",
        "The start time and end time must be specified or left empty at the same time.",
        "开始时间和结束时间必须同时指定或同时为空。",
    ),
    ("0200009", "The format of the start time or end time is incorrect.", "开始时间或结束时间的格式不正确。"),
    ("0200010", "The start time is later than or equal to the end time.", "开始时间晚于或等于结束时间。"),
    (
        "0200011",
        "The interval between the start time and end time exceeds 30 days.",
        "开始时间与结束时间的间隔超过30天。",
    ),
    ("02000001", "Empty parameter.", "参数值为空"),
    ("02000002", "The parameter contains invalid characters.", "参数包含非法字符"),
    ("02000003", "The parameter length cannot exceed the maximum length.", "参数长度不能大于规定长度"),
    ("02000004", "The parameter length cannot be less than the minimum length.", "参数长度不能小于规定长度"),
    ("02000005", "The parameter length must be within the specified range.", "参数长度需要介于规定长度之间"),
    ("02000006", "Incorrect parameter type.", "参数值类型不正确"),
    ("02000007", "Incorrect parameter value.", "参数值大小不正确"),
    ("02000008", "Parameter conversion error. Check the request parameters.", "参数转换异常,请检查请求参数"),
    (
        "02000009",
        "Incorrect parameter combination. Check the request parameters.",
        "参数组合不正确,请检查请求参数",
    ),
    ("02000010", "The hour and minute parameters must be set at the same time.", "hour和minute必须同时存在"),
    ("02000011", "The number of parameters cannot exceed the specified number.", "参数个数不能大于规定个数"),
];

#[test]
fn every_documented_code_in_both_locales() {
    for (code, en, zh) in CODES {
        // Issue 10 #5: a code is described for an endpoint only if its table lists it; the
        // date-window codes are in 02's table only.
        let window_code = ["0200008", "0200009", "0200010", "0200011"].contains(code);
        let endpoints: &[Option<Endpoint>] = if window_code {
            &[None, Some(Endpoint::CallResults)]
        } else {
            &[
                None,
                Some(Endpoint::CallResults),
                Some(Endpoint::CallResultDetail),
                Some(Endpoint::CallRecords),
            ]
        };
        if window_code {
            assert_eq!(describe(code, Some(Endpoint::CallRecords), Locale::EnUs), None, "{code}");
            assert_eq!(describe(code, Some(Endpoint::CallResultDetail), Locale::EnUs), None, "{code}");
        }
        for &endpoint in endpoints {
            let info = describe(code, endpoint, Locale::EnUs).expect("documented");
            assert_eq!(info.code, *code);
            assert_eq!(info.message, *en, "{code}");
            assert!(!info.retryable, "{code}");
            let info = describe(code, endpoint, Locale::ZhCn).expect("documented");
            assert_eq!(info.message, *zh, "{code}");
        }
    }
    let mut listed: Vec<&str> = CODES.iter().map(|(c, _, _)| *c).collect();
    listed.push("0200007");
    // The OIAP common codes (FAILCODES.md §4), described for transferRecords only.
    let oiap = [
        "900001",
        "900002",
        "10000001",
        "10000002",
        "10000006",
        "10000007",
        "10000008",
        "10000003",
        "10000004",
        "20000001",
        "20000002",
        "20000003",
        "20000004",
        "20000005",
        "20000006",
        "20000007",
        "20000008",
        "200900002",
        "200900003",
        "200800001",
        "200800002",
        "200800003",
    ];
    for code in oiap {
        assert!(describe(code, Some(Endpoint::TransferRecords), Locale::ZhCn).is_some(), "{code}");
        assert_eq!(describe(code, Some(Endpoint::CallResults), Locale::EnUs), None, "{code}");
    }
    listed.extend(oiap);
    listed.sort_unstable();
    let mut table = codes::documented_codes();
    table.sort_unstable();
    assert_eq!(table, listed, "the table holds exactly the documented codes");
}

#[test]
fn code_0200007_depends_on_the_endpoint() {
    let en = |ep| describe("0200007", ep, Locale::EnUs).expect("documented").message;
    let zh = |ep| describe("0200007", ep, Locale::ZhCn).expect("documented").message;
    assert_eq!(en(Some(Endpoint::CallResults)), "The outbound campaign does not exist.");
    assert_eq!(zh(Some(Endpoint::CallResults)), "外呼活动不存在。");
    assert_eq!(en(Some(Endpoint::CallResultDetail)), "The call record ID does not exist.");
    assert_eq!(zh(Some(Endpoint::CallResultDetail)), "通话记录ID不存在。");
    for (message, campaign, record) in
        [(en(None), "outbound campaign", "call record ID"), (zh(None), "外呼活动", "通话记录ID")]
    {
        assert!(message.contains(campaign) && message.contains(record), "{message}");
    }
    // Issue 10 #5: an endpoint whose table does not list it gets no (merged) sentence.
    assert_eq!(describe("0200007", Some(Endpoint::CallRecords), Locale::EnUs), None);
    assert_eq!(describe("0200007", Some(Endpoint::CallManualDetail), Locale::EnUs), None);
}

#[test]
fn unknown_codes() {
    for code in ["0200000", "0200002", "9999999", "", "abc", "2000001"] {
        assert_eq!(describe(code, None, Locale::EnUs), None, "{code}");
    }
    assert_eq!(codes::api_message("0299999", None, Locale::EnUs), "The server answered error code 0299999.");
    assert_eq!(codes::api_message("0299999", None, Locale::ZhCn), "服务器返回错误码 0299999。");
    assert_eq!(codes::api_message("0200011", None, Locale::EnUs), CODES[4].1);
    assert!(!codes::is_retryable("0299999", None));
    assert!(describe(" 0200001 ", None, Locale::EnUs).is_some(), "surrounding blanks are tolerated");
}

#[test]
fn issue_codes_per_rule_and_gateway() {
    let isales = [
        (Rule::Required, Some("02000001")),
        (Rule::Type, Some("02000006")),
        (Rule::Range, Some("02000007")),
        (Rule::MaxLength, Some("02000003")),
        (Rule::AllowedValues, Some("02000007")),
        (Rule::BothOrNeither, Some("0200008")),
        (Rule::DateFormat, Some("0200009")),
        (Rule::DateOrder, Some("0200010")),
        (Rule::WindowTooLong, Some("0200011")),
        (Rule::OneOfRequired, None),
    ];
    for (rule, code) in isales {
        for endpoint in [Endpoint::CallResultDetail, Endpoint::CallResults, Endpoint::CallRecords] {
            assert_eq!(codes::issue_code(rule, endpoint), code, "{rule:?}");
        }
        for endpoint in [Endpoint::CallManualDetail, Endpoint::TransferRecords] {
            assert_eq!(codes::issue_code(rule, endpoint), None);
        }
    }
}

#[test]
fn code_info_serializes_for_js() {
    let info = describe("0200011", None, Locale::EnUs).expect("documented");
    assert_eq!(
        serde_json::to_value(&info).expect("serializable"),
        json!({"code": "0200011", "message": CODES[4].1, "retryable": false})
    );
}
