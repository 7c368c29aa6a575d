//! Response side of the core, natively: the error-code table in both locales, every documented
//! response example decoded and normalised, API-error envelopes, decode-error paths, and the
//! outbound-result callback.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::codes::{self, describe};
use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{
    self, call_manual_detail, call_records, call_result_detail, call_results, transfer_records,
    DecodedResponse,
};
use cec_calldata::{CecError, ErrorKind, Locale, Rule};
use serde_json::{json, Value};

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

// ---------------------------------------------------------------------------------------------
// Documented response examples

const DETAIL_EXAMPLE: &str = r#"{
"returnCode": "0200000",
"data": {
"callId": "1644464743-1388",
"called": "88881955",
"callEndTime": "2022-02-10 11:45:51",
"vdnId": 8,
"callStatus": "6",
"failCode": "00000",
"resultCode": "OB99999",
"callBeginTime": "2022-02-10 11:45:47",
"recordPath": "https://south-aicc-develop.obs.cn-south- 1.myhuaweicloud.com:443/isales/record/A68CA32800B9684811D698D1B61C1A0661511E7AD042DEE5304254DDB9DCED00/ec96a62d-f56c-4f4e-8f5e-30e7a29f38e5?AccessKeyId=ERUDBXB5GOMYURMPLKBO&Expires=1644484560&Signature=uztQO%2FxI8GOSW2GZJWCBCm8AyAg%3D",
"ackBeginTime": "2022-02-10 11:45:43"
},
"resultCode": "0200000",
"resultDesc": "Query Success!",
"returnDesc": "Query Success!"
}"#;

const CALL_RESULTS_EXAMPLE: &str = r#"{
  "resultCode":"0200000",
  "resultDesc":"Query Success!",
  "returnCode":"0200000",
  "returnDesc":"Query Success!",
  "totalCount": 2,
  "data": [
      {
        "campaignId": "3",
        "sessionId": "1202_test013",
        "called": "60584",
        "callTimeStr": "2020-08-30 20:00:00",
        "callStatus": 6,
        "failCode": "0",
        "resultCode": "OB99999",
        "vdnId": 11,
        "callId": "0023-134864174",
        "recordPath": "Y:/1/11/20200830/3408/0949218.V3"
      },
      {
        "campaignId": "3",
        "sessionId": "1202_test013",
        "called": "60584",
        "callTimeStr": "2020-08-30 20:05:00",
        "callStatus": 6,
        "failCode": "0",
        "resultCode": "OB99999",
        "vdnId": 11,
        "callId": "0023-134864893",
        "recordPath": "Y:/1/11/20200830/3408/0942113.V3"
      }
    ]
}"#;

const CALL_RECORDS_EXAMPLE: &str = r#"{
  "returnCode": "0200000",
  "recordList": [
    {
      "interNo": "1",
      "userSaying": null,
      "systemReply": "May I ask my colleague in charge to briefly introduce the highlights of the exhibition to you? Enterprises related to foreign trade will be interested in the exhibition.",
      "intention": null,
      "systemReplyTime": "2022-05-31 20:13:08",
      "requestTime": "2022-05-31 20:13:10",
      "responseSource": "0"
    },
    {
      "interNo": "2",
      "userSaying": "null",
      "systemReply": "Hello, welcome to use the intelligent chatbot.",
      "intention": null,
      "systemReplyTime": "2022-05-31 20:13:08",
      "requestTime": "2022-05-31 20:13:08",
      "responseSource": "0"

    }
  ],
  "resultCode": "0200000",
  "resultDesc": "success",
  "returnDesc": "success"
}"#;

const MANUAL_DETAIL_EXAMPLE: &str = r#"{
    "total":2,
    "results":[
    {
        "callId":"1669464198-17002955",
        "vdn":1,
        "evaluationValue":"1",
        "callBegin":"100010"
     },
    {
        "callId":"1669463446-17002406",
        "vdn":1,
        "evaluationValue":"5",
        "callBegin":"100010"
    }
    ]
}"#;

/// Doc 05's response example, which carries `//` comments (not JSON).
const TRANSFER_EXAMPLE_WITH_COMMENTS: &str = r#"{
  "errorCode": 0, //Interface success or failure flag.
  "errorMessage": "success!",//Interface success or failure description.
  "total": 1,//Total
  "transferRecordList": [
    {
      "id": "202204013156893697",
      "tenantId": "202204017094",
      "callId": "1648805538-165717321823298",
      "ctiCallId": "1648805538-1657",
      "flowInstId": "88880301202204011732186311648805538-165717321823298",
      "callingNumber": "88880301",
      "calledNumber": "30502",
      "transfNumber": "88880302",
      "startTime": 1648805539000,
      "endTime": 1648805558000,
      "recordFilePath": "Y:/61/transferrecord/20220401/77448039.wav",
      "locationId": "0",
      "opResult": "SUCCESS",
      "recordResult": "N/A"
    }
  ]
}"#;

fn strip_line_comments(s: &str) -> String {
    s.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

#[test]
fn call_result_detail_example() {
    let r = call_result_detail::decode(DETAIL_EXAMPLE, Locale::EnUs).expect("decodes");
    assert_eq!(r.return_code.as_deref(), Some("0200000"));
    assert_eq!(r.result_desc.as_deref(), Some("Query Success!"));
    let d = &r.data;
    assert_eq!(d.call_id, "1644464743-1388");
    assert_eq!(d.call_status, Some(6), "\"6\" becomes 6");
    assert_eq!(d.vdn_id, Some(8));
    assert_eq!(d.fail_code.as_deref(), Some("00000"));
    assert_eq!(d.result_code.as_deref(), Some("OB99999"));
    assert_eq!(d.ack_begin_time.as_deref(), Some("2022-02-10 11:45:43"));
    assert!(d
        .record_path
        .as_deref()
        .is_some_and(|p| p.ends_with("Signature=uztQO%2FxI8GOSW2GZJWCBCm8AyAg%3D")));
    let out = serde_json::to_value(&r).expect("serializable");
    assert_eq!(out["data"]["callStatus"], json!(6));
    assert_eq!(out["data"]["vdnId"], json!(8));
}

#[test]
fn call_results_example() {
    let r = call_results::decode(CALL_RESULTS_EXAMPLE, Locale::EnUs).expect("decodes");
    assert_eq!(r.total_count, Some(2));
    assert_eq!(r.data.len(), 2);
    assert_eq!(r.data[0].call_id, "0023-134864174");
    assert_eq!(r.data[1].call_id, "0023-134864893");
    assert_eq!(r.data[1].campaign_id.as_deref(), Some("3"));
    assert_eq!(r.data[1].call_status, Some(6));
    assert_eq!(r.data[1].vdn_id, Some(11));
    assert_eq!(r.data[1].call_time_str.as_deref(), Some("2020-08-30 20:05:00"));
    assert_eq!(r.data[1].record_path.as_deref(), Some("Y:/1/11/20200830/3408/0942113.V3"));
}

#[test]
fn call_records_example_reads_the_null_string_as_null() {
    let r = call_records::decode(CALL_RECORDS_EXAMPLE, Locale::EnUs).expect("decodes");
    assert_eq!(r.record_list.len(), 2);
    assert_eq!(r.record_list[0].inter_no, "1");
    assert_eq!(r.record_list[0].user_saying, None);
    assert_eq!(r.record_list[1].user_saying, None, "\"null\" is null");
    assert_eq!(r.record_list[1].intention, None);
    assert_eq!(
        r.record_list[1].system_reply.as_deref(),
        Some("Hello, welcome to use the intelligent chatbot.")
    );
    assert_eq!(r.record_list[1].response_source.as_deref(), Some("0"));
    let out = serde_json::to_value(&r).expect("serializable");
    assert_eq!(out["recordList"][1]["userSaying"], Value::Null);
    assert_eq!(out["returnDesc"], json!("success"));

    let none =
        r#"{"resultCode":"0200000","recordList":[{"interNo":3,"userSaying":"none","intention":"NULL"}]}"#;
    let r = call_records::decode(none, Locale::EnUs).expect("decodes");
    assert_eq!(r.record_list[0].inter_no, "3", "a numeric interNo becomes a string");
    // Issue 10 #8: only "null" is the documented quirk; a literal "none"/"None" is what was said.
    assert_eq!(r.record_list[0].user_saying.as_deref(), Some("none"));
    assert_eq!(r.record_list[0].intention, None);
    let said =
        r#"{"resultCode":"0200000","recordList":[{"interNo":1,"userSaying":"None","intention":"None"}]}"#;
    let r = call_records::decode(said, Locale::EnUs).expect("decodes");
    assert_eq!(r.record_list[0].user_saying.as_deref(), Some("None"));
    assert_eq!(r.record_list[0].intention.as_deref(), Some("None"));
}

#[test]
fn call_manual_detail_example_normalises_numbers_and_keeps_every_field() {
    let r = call_manual_detail::decode(MANUAL_DETAIL_EXAMPLE, Locale::EnUs).expect("decodes");
    assert_eq!(r.total, Some(2));
    assert_eq!(r.results.len(), 2);
    assert_eq!(r.results[0].vdn.as_deref(), Some("1"), "vdn 1 becomes \"1\"");
    assert_eq!(r.results[1].evaluation_value.as_deref(), Some("5"));
    assert_eq!(r.results[1].call_id.as_deref(), Some("1669463446-17002406"));
    let out = serde_json::to_value(&r).expect("serializable");
    assert_eq!(
        out["results"][0],
        json!({
            "logDate": null, "callerNo": null, "calleeNo": null, "callId": "1669464198-17002955",
            "callType": null, "mediatype": null, "waitBegin": null, "ackBegin": null, "callBegin": "100010",
            "callEnd": null, "vdn": "1", "leaveReason": null, "evaluationValue": "1"
        })
    );
    assert_eq!(out["total"], json!(2));
    let r = call_manual_detail::decode(
        r#"{"total":"7","results":[{"callId":"c","mediatype":5,"callType":"1"}]}"#,
        Locale::EnUs,
    )
    .expect("decodes");
    assert_eq!(r.total, Some(7), "a String total becomes a number");
    assert_eq!(r.results[0].mediatype.as_deref(), Some("5"));
}

#[test]
fn transfer_records_example() {
    // The doc's example is not JSON (it has `//` comments): that is a decode error ...
    let err = transfer_records::decode(TRANSFER_EXAMPLE_WITH_COMMENTS, Locale::EnUs).expect_err("not JSON");
    assert_eq!(err.kind, ErrorKind::Decode);
    assert_eq!(err.endpoint, Some(Endpoint::TransferRecords));
    // ... and without them it decodes.
    let r = transfer_records::decode(&strip_line_comments(TRANSFER_EXAMPLE_WITH_COMMENTS), Locale::EnUs)
        .expect("decodes");
    assert_eq!(r.error_code, 0);
    assert_eq!(r.error_message.as_deref(), Some("success!"));
    assert_eq!(r.total, Some(1));
    let t = &r.transfer_record_list[0];
    assert_eq!(t.id, "202204013156893697");
    assert_eq!(t.start_time, Some(1648805539000));
    assert_eq!(t.end_time, Some(1648805558000));
    assert_eq!(t.transf_number.as_deref(), Some("88880302"));
    assert_eq!(t.op_result.as_deref(), Some("SUCCESS"));
    assert_eq!(t.record_result.as_deref(), Some("N/A"));

    let strings = r#"{"errorCode":"0","total":"3","transferRecordList":[{"id":1,"startTime":"1648805539000","endTime":"null","recordResult":0}]}"#;
    let r = transfer_records::decode(strings, Locale::EnUs).expect("decodes");
    assert_eq!(r.total, Some(3));
    let t = &r.transfer_record_list[0];
    assert_eq!(t.id, "1");
    assert_eq!(t.start_time, Some(1648805539000));
    assert_eq!(t.end_time, None);
    assert_eq!(t.record_result.as_deref(), Some("0"));
}

#[test]
fn missing_lists_are_empty_and_every_field_is_present() {
    let r = call_results::decode(r#"{"returnCode":"0200000"}"#, Locale::EnUs).expect("decodes");
    assert!(r.data.is_empty());
    assert_eq!(r.total_count, None);
    let r = call_results::decode(r#"{"returnCode":"0200000","data":null,"extra":{"x":1}}"#, Locale::EnUs)
        .expect("decodes");
    assert!(r.data.is_empty());
    let r = call_records::decode(r#"{"resultCode":"0200000"}"#, Locale::EnUs).expect("decodes");
    assert!(r.record_list.is_empty());
    let r = call_manual_detail::decode("{}", Locale::EnUs).expect("decodes");
    assert!(r.results.is_empty());
    assert_eq!(serde_json::to_value(&r).expect("serializable"), json!({"total": null, "results": []}));
    let r = transfer_records::decode(r#"{"errorCode":0}"#, Locale::EnUs).expect("decodes");
    assert!(r.transfer_record_list.is_empty());

    let r =
        call_results::decode(r#"{"returnCode":"0200000","data":[{"callId":"c","unknown":1}]}"#, Locale::EnUs)
            .expect("decodes");
    let out = serde_json::to_value(&r).expect("serializable");
    assert_eq!(
        out,
        json!({
            "resultCode": null, "resultDesc": null, "returnCode": "0200000", "returnDesc": null, "totalCount": null,
            "data": [{
                "campaignId": null, "sessionId": null, "called": null, "callTimeStr": null, "callStatus": null,
                "failCode": null, "resultCode": null, "vdnId": null, "callId": "c", "recordPath": null
            }]
        })
    );
}

#[test]
fn decoded_models_round_trip_through_serde() {
    let r = call_results::decode(CALL_RESULTS_EXAMPLE, Locale::EnUs).expect("decodes");
    let back: call_results::CallResultsResponse =
        serde_json::from_value(serde_json::to_value(&r).expect("serializable")).expect("deserializable");
    assert_eq!(back, r);
    let r = call_manual_detail::decode(MANUAL_DETAIL_EXAMPLE, Locale::EnUs).expect("decodes");
    let back: call_manual_detail::CallManualDetailResponse =
        serde_json::from_value(serde_json::to_value(&r).expect("serializable")).expect("deserializable");
    assert_eq!(back, r);
}

#[test]
fn dispatch_decode_picks_the_endpoint_model() {
    let cases = [
        (Endpoint::CallResultDetail, DETAIL_EXAMPLE.to_owned()),
        (Endpoint::CallResults, CALL_RESULTS_EXAMPLE.to_owned()),
        (Endpoint::CallRecords, CALL_RECORDS_EXAMPLE.to_owned()),
        (Endpoint::CallManualDetail, MANUAL_DETAIL_EXAMPLE.to_owned()),
        (Endpoint::TransferRecords, strip_line_comments(TRANSFER_EXAMPLE_WITH_COMMENTS)),
    ];
    for (endpoint, body) in cases {
        let decoded = endpoints::decode(endpoint, &body, Locale::EnUs).expect("decodes");
        assert_eq!(decoded.endpoint(), endpoint);
        // Untagged: in JS the decoded value is just the response object.
        let value = serde_json::to_value(&decoded).expect("serializable");
        let inner = match &decoded {
            DecodedResponse::CallResultDetail(r) => serde_json::to_value(r),
            DecodedResponse::CallResults(r) => serde_json::to_value(r),
            DecodedResponse::CallRecords(r) => serde_json::to_value(r),
            DecodedResponse::CallManualDetail(r) => serde_json::to_value(r),
            DecodedResponse::TransferRecords(r) => serde_json::to_value(r),
            DecodedResponse::ObsResultCodes(r) => serde_json::to_value(r),
        }
        .expect("serializable");
        assert_eq!(value, inner);
    }
}

// ---------------------------------------------------------------------------------------------
// API-error envelopes

fn api_error(endpoint: Endpoint, body: &str, locale: Locale) -> CecError {
    let err = endpoints::decode(endpoint, body, locale).expect_err("an error answer");
    assert_eq!(err.kind, ErrorKind::Api, "{err:?}");
    assert_eq!(err.endpoint, Some(endpoint));
    assert!(!err.retryable);
    err
}

#[test]
fn isales_error_envelopes() {
    let body = r#"{"returnCode":"0200007","returnDesc":"campaign 3 not found","resultCode":"0200007","resultDesc":"campaign 3 not found"}"#;
    let err = api_error(Endpoint::CallResults, body, Locale::EnUs);
    assert_eq!(err.code.as_deref(), Some("0200007"));
    assert_eq!(err.description.as_deref(), Some("campaign 3 not found"));
    assert_eq!(err.message, "The outbound campaign does not exist.");

    let body = r#"{"resultCode":"0200007","resultDesc":"call record not exist"}"#;
    let err = api_error(Endpoint::CallResultDetail, body, Locale::ZhCn);
    assert_eq!(err.message, "通话记录ID不存在。");
    assert_eq!(err.description.as_deref(), Some("call record not exist"));

    // A failing resultCode under a succeeding returnCode still fails.
    let body = r#"{"returnCode":"0200000","resultCode":"0200011","resultDesc":"too long"}"#;
    let err = api_error(Endpoint::CallResults, body, Locale::EnUs);
    assert_eq!(err.code.as_deref(), Some("0200011"));
    assert_eq!(err.description.as_deref(), Some("too long"));

    // The description falls back to the other desc field; an unknown code gets the fallback text.
    let body = r#"{"returnCode":"0299999","resultDesc":"boom"}"#;
    let err = api_error(Endpoint::CallRecords, body, Locale::EnUs);
    assert_eq!(err.message, "The server answered error code 0299999.");
    assert_eq!(err.description.as_deref(), Some("boom"));

    let body = r#"{"returnCode":"02000001"}"#;
    let err = api_error(Endpoint::CallRecords, body, Locale::ZhCn);
    assert_eq!(err.message, "参数值为空");
    assert_eq!(err.description, None);
}

#[test]
fn oifde_error_envelopes() {
    let err = api_error(
        Endpoint::TransferRecords,
        r#"{"errorCode":1001,"errorMessage":"token invalid"}"#,
        Locale::EnUs,
    );
    assert_eq!(err.code.as_deref(), Some("1001"));
    assert_eq!(err.description.as_deref(), Some("token invalid"));
    assert_eq!(err.message, "The server answered error code 1001.");
    let err = api_error(Endpoint::TransferRecords, r#"{"errorCode":"-1","errorMsg":"bad"}"#, Locale::EnUs);
    assert_eq!(err.code.as_deref(), Some("-1"));
    assert_eq!(err.description.as_deref(), Some("bad"));
}

// ---------------------------------------------------------------------------------------------
// Decode errors

fn decode_error(endpoint: Endpoint, body: &str) -> CecError {
    let err = endpoints::decode(endpoint, body, Locale::EnUs).expect_err("not decodable");
    assert_eq!(err.kind, ErrorKind::Decode, "{err:?}");
    assert_eq!(err.endpoint, Some(endpoint));
    assert!(err.code.is_none());
    err
}

#[test]
fn decode_errors_name_the_path() {
    let cases: Vec<(Endpoint, String, &str)> = vec![
        (
            Endpoint::CallResults,
            r#"{"returnCode":"0200000","data":[{"callId":"a"},{"callId":"b"},{"callId":"c"},{"callId":"d","callStatus":"six"}]}"#.to_owned(),
            "data[3].callStatus",
        ),
        (Endpoint::CallResults, r#"{"returnCode":"0200000","data":[{"called":"1"}]}"#.to_owned(), "data[0]"),
        (Endpoint::CallResults, r#"{"returnCode":"0200000","totalCount":-1}"#.to_owned(), "totalCount"),
        (Endpoint::CallResults, r#"{"returnCode":"0200000","data":{"callId":"a"}}"#.to_owned(), "data"),
        (Endpoint::CallResultDetail, r#"{"returnCode":"0200000"}"#.to_owned(), "data"),
        (Endpoint::CallResultDetail, r#"{"returnCode":"0200000","data":{"callId":"a","vdnId":1.5}}"#.to_owned(), "data.vdnId"),
        (Endpoint::CallRecords, r#"{"resultCode":"0200000","recordList":[{"interNo":"1"},{"interNo":{}}]}"#.to_owned(), "recordList[1].interNo"),
        (Endpoint::CallManualDetail, r#"{"results":[{"callId":"a","vdn":[1]}]}"#.to_owned(), "results[0].vdn"),
        (Endpoint::TransferRecords, r#"{"errorCode":0,"transferRecordList":[{"tenantId":"t"}]}"#.to_owned(), "transferRecordList[0]"),
        (Endpoint::TransferRecords, r#"{"errorCode":0,"transferRecordList":[{"id":"1","startTime":"yesterday"}]}"#.to_owned(), "transferRecordList[0].startTime"),
        (Endpoint::TransferRecords, r#"{"errorMessage":"no code"}"#.to_owned(), "errorCode"),
    ];
    for (endpoint, body, path) in cases {
        let err = decode_error(endpoint, &body);
        assert!(err.message.contains(path), "{endpoint:?}: {:?} lacks {path}", err.message);
    }
    let err = decode_error(
        Endpoint::CallResults,
        r#"{"returnCode":"0200000","data":[{"callId":"a"},{"callStatus":true,"callId":"b"}]}"#,
    );
    assert!(
        err.message.starts_with("Could not decode the callResults response at data[1].callStatus: "),
        "{}",
        err.message
    );
    let zh = endpoints::decode(
        Endpoint::CallResults,
        r#"{"returnCode":"0200000","data":[{"callId":1,"vdnId":"x"}]}"#,
        Locale::ZhCn,
    )
    .expect_err("bad");
    assert!(zh.message.starts_with("无法解析 callResults 响应(位置 data[0].vdnId)"), "{}", zh.message);
}

#[test]
fn bodies_that_are_not_the_documented_json() {
    for endpoint in Endpoint::ALL {
        for body in ["", "{", "not json", "{\"returnCode\":\"0200000\",}", "<html>502</html>"] {
            decode_error(endpoint, body);
        }
    }
    for endpoint in [Endpoint::CallResultDetail, Endpoint::CallResults, Endpoint::CallRecords] {
        // Valid JSON, but no iSales envelope.
        for body in ["{}", "[]", "null", "\"0200000\"", "{\"data\":[]}"] {
            decode_error(endpoint, body);
        }
    }
    for body in ["[]", "null", "5"] {
        decode_error(Endpoint::TransferRecords, body);
        decode_error(Endpoint::CallManualDetail, body);
    }
}
