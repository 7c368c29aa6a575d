//! Response side of the core, natively: every documented response example decoded and
//! normalised, API-error envelopes, decode-error paths, and the outbound-result callback.
#![cfg(not(target_arch = "wasm32"))]

use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{
    self, call_manual_detail, call_records, call_result_detail, call_results, transfer_records,
    DecodedResponse,
};
use cec_calldata::{CecError, ErrorKind, Locale};
use serde_json::{json, Value};

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
