//! Native tests of the client's request building, token answers, per-call options and export plans.

use serde_json::json;

use super::call_options::{self, SignalProblem};
use super::export_plan::{ExportPlan, Prepared};
use super::request::{self, Signer};
use super::setup;
use super::token_request::TokenKind;
use super::types::CallOptions;
use crate::config::{parse_client_config, ClientConfig, Limits, Secret};
use crate::endpoint::Endpoint;
use crate::endpoints::{call_results, obs_result_codes, transfer_records};
use crate::paging::PageRef;
use crate::signing::SigningProfile;
use crate::{ErrorKind, Locale, Rule};

fn config() -> ClientConfig {
    parse_client_config(&json!({
        "isales": { "baseUrl": "https://isales.example:28080/cec", "accessKey": "AK1", "secretKey": "SK-secret",
                    "headers": { "X-Trace": "gw" } },
        "apiFabric": { "baseUrl": "https://fabric.example", "appKey": "app", "appSecret": "app-secret" },
        "oifde": { "baseUrl": "https://oifde.example", "tenantId": "t1", "authToken": "oifde-token" },
        "maxConcurrency": 7, "batchIntervalMs": 2000
    }))
    .expect("a valid config")
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[test]
fn an_isales_attempt_is_signed_with_the_clock_it_is_given() {
    let c = config();
    let req = call_results::parse(&json!({ "vdnId": 1, "campaignId": 101 }), Locale::EnUs).unwrap();
    let wire = req.to_wire();
    let profile = SigningProfile::a();
    let extra = [("x-trace".to_owned(), "call".to_owned())];
    let build =
        |now| request::build(&c, Endpoint::CallResults, &wire, None, Signer::Local(&profile), &extra, now);
    let (url, headers) = build(1_700_000_000_000).unwrap();
    assert_eq!(url, "https://isales.example:28080/cec/rest/isales/v1/openapi/campaigns/1/callresult/101");
    let auth = header(&headers, "Authorization").unwrap();
    assert!(auth.starts_with("auth-v2/AK1/2023-11-14T22:13:20.000Z/"), "{auth}");
    assert!(!auth.contains("SK-secret"));
    // The call's header replaces the gateway's of the same name, whatever its case.
    assert_eq!(header(&headers, "X-Trace"), Some("call"));
    assert_eq!(headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("x-trace")).count(), 1);
    assert_eq!(header(&headers, "locale"), Some("en_US"));
    // Another instant, another signature.
    let (_, later) = build(1_700_000_001_000).unwrap();
    assert_ne!(header(&later, "Authorization"), Some(auth));
}

#[test]
fn a_remote_signature_is_sent_as_given() {
    let c = config();
    let wire =
        call_results::parse(&json!({ "vdnId": 1, "campaignId": 101 }), Locale::EnUs).unwrap().to_wire();
    let signer = Signer::Remote("auth-v2/AK/ts//sig".to_owned());
    let (_, headers) = request::build(&c, Endpoint::CallResults, &wire, None, signer, &[], 0).unwrap();
    assert_eq!(header(&headers, "Authorization"), Some("auth-v2/AK/ts//sig"));
}

#[test]
fn api_fabric_sends_the_bearer_token_and_app_key_and_oifde_nothing_in_headers() {
    let c = config();
    let wire = crate::endpoints::call_manual_detail::parse(
        &json!({ "subCcNo": "1", "vdn": 1, "callId": "1-1" }),
        Locale::EnUs,
    )
    .unwrap()
    .to_wire();
    let token = Secret::new("tok-1");
    let (url, headers) =
        request::build(&c, Endpoint::CallManualDetail, &wire, Some(&token), Signer::None, &[], 0).unwrap();
    assert!(url.starts_with("https://fabric.example/apiaccess/"), "{url}");
    assert_eq!(header(&headers, "Authorization"), Some("Bearer tok-1"));
    assert_eq!(header(&headers, "X-APP-Key"), Some("app"));
    let req = transfer_records::parse(&json!({ "callId": "1-1" }), Locale::EnUs).unwrap();
    let wire = req.to_wire("t1", "oifde-token");
    let (_, headers) =
        request::build(&c, Endpoint::TransferRecords, &wire, None, Signer::None, &[], 0).unwrap();
    assert_eq!(header(&headers, "Authorization"), None);
}

#[test]
fn a_gateway_left_out_of_the_config_is_a_validation_issue() {
    let c = parse_client_config(
        &json!({ "oifde": { "baseUrl": "https://o.example", "tenantId": "t", "authToken": "x" } }),
    )
    .unwrap();
    let issues = setup::gateway_issues(&c, Endpoint::CallResults);
    assert_eq!(
        issues.iter().map(|i| (i.field.as_str(), i.rule)).collect::<Vec<_>>(),
        [("isales", Rule::Required)]
    );
    assert!(setup::gateway_issues(&c, Endpoint::TransferRecords).is_empty());
    let wire = call_results::parse(&json!({ "vdnId": 1, "campaignId": 1 }), Locale::EnUs).unwrap().to_wire();
    let e = request::build(&c, Endpoint::CallResults, &wire, None, Signer::None, &[], 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
}

#[test]
fn the_client_scrubs_every_configured_credential_and_gates_by_its_limits() {
    let c = config();
    let mut secrets = setup::secrets_of(&c);
    secrets.sort();
    assert_eq!(secrets, ["SK-secret", "app-secret", "oifde-token"]);
    let gate = setup::gate_config(&c);
    assert_eq!((gate.max_concurrency, gate.interval_ms), (7, 2000.0));
    assert_eq!(setup::prefetch_budget(7), 14);
    assert_eq!(setup::prefetch_budget(0), 2);
    assert_eq!(setup::prefetch_budget(100), 40);
}

#[test]
fn token_answers() {
    let l = Locale::EnUs;
    let fabric = TokenKind::ApiFabric;
    assert_eq!(
        fabric.interpret(200, r#"{"AccessToken":"abc","Expires":600}"#, l).unwrap(),
        ("abc".to_owned(), Some(600))
    );
    let e = fabric.interpret(200, r#"{"AccessToken":"a b\r\n"}"#, l).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(fabric.interpret(401, "", l).unwrap_err().kind, ErrorKind::Auth);
    assert_eq!(fabric.interpret(503, "", l).unwrap_err().kind, ErrorKind::Http);
    let oifde = TokenKind::Oifde;
    assert_eq!(oifde.interpret(200, r#"{"errorCode":0,"authToken":"t","expireTime":30}"#, l).unwrap().0, "t");
    let e = oifde.interpret(200, r#"{"errorCode":200800003,"errorMsg":"locked"}"#, l).unwrap_err();
    assert_eq!((e.kind, e.code.as_deref()), (ErrorKind::Auth, Some("200800003")));
    // A locked account: never asked again.
    assert!(super::token_request::is_final_refusal(&e));
    let e = oifde.interpret(200, r#"{"errorCode":200800001,"errorMsg":"wrong"}"#, l).unwrap_err();
    assert!(!super::token_request::is_final_refusal(&e));
    assert_eq!(oifde.interpret(200, r#"{"errorCode":0}"#, l).unwrap_err().kind, ErrorKind::Decode);
    let (body, _) = oifde.request_body("tenant", "pw\"x");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        json!({ "appKey": "tenant", "appSecret": "pw\"x" })
    );
}

/// Options as the boundary reads them: JSON (without `signal` and `resume`) into `CallOptions`.
fn options(v: serde_json::Value) -> CallOptions {
    serde::Deserialize::deserialize(&v).expect("reading options never fails")
}

#[test]
fn call_options() {
    let limits = Limits::default();
    let l = Locale::EnUs;
    let s = call_options::settings(&options(json!({})), &limits, l).unwrap();
    assert_eq!((s.timeout_ms, s.max_retries), (30_000, None));
    let given = options(json!({ "timeoutMs": 5, "maxRetries": 0, "headers": { "X-A": "1" }, "bogus": 1 }));
    let s = call_options::settings(&given, &limits, l).unwrap();
    assert_eq!((s.timeout_ms, s.max_retries, s.headers.len()), (5, Some(0), 1));
    for (given, fields) in [
        (json!({ "timeoutMs": 0, "maxRetries": 11 }), vec!["options.timeoutMs", "options.maxRetries"]),
        (json!({ "timeoutMs": 1.5, "maxRetries": "2" }), vec!["options.timeoutMs", "options.maxRetries"]),
        (json!({ "timeoutMs": true, "maxRetries": -1 }), vec!["options.timeoutMs", "options.maxRetries"]),
    ] {
        let issues = call_options::settings(&options(given), &limits, l).unwrap_err();
        assert_eq!(issues.iter().map(|i| i.field.as_str()).collect::<Vec<_>>(), fields);
        assert!(issues.iter().all(|i| i.rule == Rule::Range));
    }
    // null is "not set".
    assert!(
        call_options::settings(&options(json!({ "timeoutMs": null, "headers": null })), &limits, l).is_ok()
    );
    let issues =
        call_options::settings(&options(json!({ "headers": { "Host": "x" } })), &limits, l).unwrap_err();
    assert_eq!(issues[0].field, "options.headers.Host");
    let unknown = call_options::unknown_keys(&["signal".into(), "timeout".into()], Locale::ZhCn);
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].message.starts_with("options.timeout 不是已知的选项"), "{}", unknown[0].message);
    assert_eq!(
        call_options::signal_issue(SignalProblem::NotASignal, l).message,
        "options.signal must be an AbortSignal."
    );
}

#[test]
fn a_long_call_results_export_is_paged_by_30_day_window() {
    let req = call_results::parse_for_export(
        &json!({ "vdnId": 1, "campaignId": 7, "beginTime": "2026-01-01", "endTime": "2026-03-15" }),
        Locale::EnUs,
    )
    .unwrap();
    let (plan, _dedupe) = ExportPlan::call_results(req.clone());
    assert_eq!((plan.windows, plan.page_size), (3, 500));
    let Prepared::Headers(wire) = plan.page(PageRef { window: 1, page: 4 }) else { panic!("headers") };
    let body: serde_json::Value = serde_json::from_str(wire.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        (body["beginTime"].as_str(), body["pageNum"].as_i64(), body["pageSize"].as_i64()),
        (Some("2026-01-31"), Some(4), Some(500))
    );
    // The fingerprint ignores pageNum, so a resumed export matches its checkpoint.
    let mut other = req;
    other.page_num = Some(9);
    assert_eq!(ExportPlan::call_results(other).0.fingerprint, plan.fingerprint);
    let detail = call_results::parse_for_export(
        &json!({ "vdnId": 1, "campaignId": 7, "showDetail": 1 }),
        Locale::EnUs,
    )
    .unwrap();
    assert_eq!((ExportPlan::call_results(detail).0.page_size, plan.windows), (100, 3));
}

#[test]
fn transfer_record_and_obs_code_exports() {
    let req = transfer_records::parse_for_export(&json!({ "callId": "1-1" }), Locale::EnUs).unwrap();
    let plan = ExportPlan::transfer_records(req);
    assert_eq!((plan.windows, plan.page_size, plan.fingerprint.is_empty()), (1, 100, false));
    let Prepared::Oifde(q) = plan.page(PageRef { window: 0, page: 3 }) else { panic!("oifde") };
    assert_eq!(q.page_num.map(|n| n.to_string()), Some("3".to_owned()));
    let req = obs_result_codes::parse_for_export(&json!({ "vdnId": 1 }), Locale::EnUs).unwrap();
    let plan = ExportPlan::obs_codes(req);
    assert_eq!((plan.page_size, plan.fingerprint.as_str()), (50, ""));
    let Prepared::Headers(wire) = plan.page(PageRef { window: 0, page: 2 }) else { panic!("headers") };
    assert!(wire.path_and_query().contains("pageNum=2"), "{}", wire.path_and_query());
}

#[test]
fn an_export_page_is_its_items_json_and_call_results_carry_the_filter_fields() {
    use super::export_plan::page_items;
    let body = r#"{"resultCode":"0200000","returnCode":"0200000","totalCount":3,
      "data":[{"callId":"1-1","callTimeStr":"2026-01-31 10:00:00","callStatus":6},{"callId":"2-2"}]}"#;
    let page = crate::endpoints::decode_page(Endpoint::CallResults, body, Locale::EnUs).unwrap();
    let (total, items) = page_items(Endpoint::CallResults, &page);
    assert_eq!((total, items.len()), (Some(3), 2));
    assert_eq!(
        (items[0].call_id.as_deref(), items[0].call_time.as_deref()),
        (Some("1-1"), Some("2026-01-31 10:00:00"))
    );
    let typed = crate::endpoints::call_results::decode(body, Locale::EnUs).unwrap();
    assert_eq!(items[1].json, serde_json::to_string(&typed.data[1]).unwrap());
    let codes =
        r#"{"resultCode":"0200000","returnCode":"0200000","totalCount":1,"obsCodes":[{"code":"OB1"}]}"#;
    let page = crate::endpoints::decode_page(Endpoint::ObsResultCodes, codes, Locale::EnUs).unwrap();
    let (_, items) = page_items(Endpoint::ObsResultCodes, &page);
    assert_eq!((items.len(), items[0].call_id.as_ref()), (1, None));
}

#[test]
fn connection_probes_ask_each_configured_gateway_for_a_call_that_cannot_exist() {
    let probes = setup::connection_probes(&config());
    let keys: Vec<_> = probes.iter().map(|(k, e, _)| (*k, *e)).collect();
    assert_eq!(
        keys,
        [
            ("isales", Endpoint::CallResultDetail),
            ("apiFabric", Endpoint::CallManualDetail),
            ("oifde", Endpoint::TransferRecords)
        ]
    );
    let Prepared::Headers(wire) = &probes[0].2 else { panic!("headers") };
    assert!(wire.path.ends_with("/callresultdetail/0000000000-0"), "{}", wire.path);
    let only_oifde = parse_client_config(
        &json!({ "oifde": { "baseUrl": "https://o.example", "tenantId": "t", "authToken": "x" } }),
    )
    .unwrap();
    assert_eq!(setup::connection_probes(&only_oifde).len(), 1);
}

#[test]
fn configured_tokens_are_sent_as_given_and_obtained_ones_are_scrubbed() {
    let c = config();
    assert_eq!(
        setup::configured_token(&c, crate::endpoint::Gateway::Oifde).map(|s| s.expose().to_owned()),
        Some("oifde-token".into())
    );
    assert!(
        setup::configured_token(&c, crate::endpoint::Gateway::ApiFabric).is_none(),
        "app key: tokens are obtained"
    );
    assert!(setup::configured_token(&c, crate::endpoint::Gateway::Isales).is_none());
    let scrubber = setup::Scrubber::new(&c);
    for i in 0..10 {
        scrubber.remember(&format!("obtained-token-{i}"));
    }
    let e = crate::CecError::new(
        ErrorKind::Http,
        "saw SK-secret, obtained-token-9 and obtained-token-0".to_owned(),
    );
    let scrubbed = scrubber.scrub(e).message;
    assert!(!scrubbed.contains("SK-secret") && !scrubbed.contains("obtained-token-9"), "{scrubbed}");
    // Only the latest eight obtained tokens are kept.
    assert!(scrubbed.contains("obtained-token-0"), "{scrubbed}");
}

#[test]
fn the_parsers_accept_exactly_the_fields_of_the_exported_types() {
    use crate::config::input::{CecClientConfig, IsalesGatewayConfig, FUNCTION_KEYS};
    use crate::shape::field_names;
    for path in FUNCTION_KEYS {
        let known = match path.split_once('.') {
            None => field_names::<CecClientConfig>().contains(&path),
            Some(("isales", key)) => field_names::<IsalesGatewayConfig>().contains(&key),
            Some(_) => false,
        };
        assert!(known, "{path} is not a field of the config types");
    }
    // An unknown key is named with the type's own list.
    let issues =
        parse_client_config(&json!({ "isales": { "baseUrl": "https://h", "sign2": 1 }, "timeout": 1 }))
            .unwrap_err();
    let unknown: Vec<_> =
        issues.iter().filter(|i| i.rule == Rule::AllowedValues).map(|i| i.field.as_str()).collect();
    assert_eq!(unknown, ["timeout", "isales.sign2"]);
    assert!(
        issues[0].message.contains(&field_names::<CecClientConfig>().join(", ")),
        "{}",
        issues[0].message
    );
    assert_eq!(call_options::keys(), ["signal", "timeoutMs", "maxRetries", "headers", "resume"]);
}
