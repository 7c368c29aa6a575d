use super::*;

const OK_RESULTS: &str = r#"{"resultCode":"0200000","resultDesc":"ok","returnCode":"0200000","returnDesc":"ok",
  "totalCount":1,"data":[{"callId":"1-1","campaignId":"3","callStatus":6,"callTimeStr":"2020-08-30 20:00:00"}]}"#;
const OIFDE_TOKEN_EXPIRED: &str = r#"{"errorCode":"900001","errorMsg":"token expired"}"#;
const NOW: i64 = 1_700_000_000_000;

fn answer(status: u16, body: &str) -> Answer<'_> {
    Answer { status, body, retry_after: None }
}

fn fail(endpoint: Endpoint, a: Answer<'_>, token: Option<u64>) -> AttemptFailure {
    classify(endpoint, a, token, NOW, Locale::EnUs).expect_err("a failure")
}

#[test]
fn a_success_body_decodes_to_the_endpoints_model() {
    let page =
        classify(Endpoint::CallResults, answer(200, OK_RESULTS), None, NOW, Locale::EnUs).expect("a page");
    assert_eq!((page.len(), page.total(), page.item_str(0, "callId").as_deref()), (1, Some(1), Some("1-1")));
    let typed = crate::endpoints::decode(Endpoint::CallResults, OK_RESULTS, Locale::EnUs).unwrap();
    assert_eq!(page.text(), serde_json::to_string(&typed).unwrap());
}

/// endpoint, status, body, the managed token's generation, expected kind and failure.
type Row<'a> = (Endpoint, u16, &'a str, Option<u64>, ErrorKind, Failure);

#[test]
fn http_answers_classify_as_the_retry_policy_needs() {
    use ErrorKind::*;
    let rows: &[Row] = &[
        // A garbled success body is resent like a network failure.
        (Endpoint::CallResults, 200, "{not json", None, Decode, Failure::Undecodable),
        // 401/403: auth; a managed Bearer token is renewed once, a signature is not.
        (Endpoint::CallManualDetail, 401, "", Some(3), Auth, Failure::TokenRejected),
        (Endpoint::CallManualDetail, 401, "", None, Auth, Failure::Permanent),
        (Endpoint::CallResults, 401, "", None, Auth, Failure::Permanent),
        (Endpoint::CallManualDetail, 403, "", Some(3), Auth, Failure::Permanent),
        // The docs call these statuses business failures: never resent.
        (Endpoint::CallRecords, 500, "backend says no", None, Http, Failure::Permanent),
        (Endpoint::CallManualDetail, 500, "", None, Http, Failure::Permanent),
        // Other statuses are the retry policy's to judge.
        (Endpoint::CallResults, 503, "<html>busy</html>", None, Http, Failure::Status(503)),
        (Endpoint::CallResults, 500, "", None, Http, Failure::Status(500)),
        // OIFDE's token-expired code in a 200: renew a managed token; a configured one cannot be.
        (Endpoint::TransferRecords, 200, OIFDE_TOKEN_EXPIRED, Some(1), Auth, Failure::TokenRejected),
        (Endpoint::TransferRecords, 200, OIFDE_TOKEN_EXPIRED, None, Auth, Failure::Permanent),
    ];
    for (endpoint, status, body, token, kind, failure) in rows {
        let f = fail(*endpoint, answer(*status, body), *token);
        assert_eq!((f.error.kind, f.failure), (*kind, *failure), "{endpoint:?} {status} {body}");
        assert_eq!(f.error.http_status, Some(*status), "the status is always kept");
        assert!(!f.resign);
    }
}

#[test]
fn a_vendor_code_on_an_error_status_is_an_api_error() {
    let body =
        r#"{"resultCode":"0200001","resultDesc":"bad vdn","returnCode":"0200001","returnDesc":"bad vdn"}"#;
    let f = fail(Endpoint::CallResults, answer(500, body), None);
    assert_eq!(
        (f.error.kind, f.failure, f.error.http_status),
        (ErrorKind::Api, Failure::Permanent, Some(500))
    );
}

#[test]
fn retry_after_is_read_in_seconds_and_as_an_http_date() {
    let mut a = answer(429, "");
    a.retry_after = Some("3");
    assert_eq!(fail(Endpoint::CallResults, a, None).retry_after_ms, Some(3000));
    // 1_700_000_000_000 ms is Tue, 14 Nov 2023 22:13:20 GMT.
    a.retry_after = Some("Tue, 14 Nov 2023 22:13:25 GMT");
    assert_eq!(fail(Endpoint::CallResults, a, None).retry_after_ms, Some(5000));
}

#[test]
fn descriptions_come_from_the_usual_message_keys() {
    let f = fail(Endpoint::CallResults, answer(502, r#"{"message":"upstream down"}"#), None);
    assert_eq!(f.error.description.as_deref(), Some("upstream down"));
    let f = fail(Endpoint::CallResults, answer(502, "<html>gateway</html>"), None);
    assert_eq!(f.error.description, None);
}

#[test]
fn no_answer_failures() {
    let l = Locale::EnUs;
    let f = no_answer(Endpoint::CallResults, NoAnswer::Timeout { ms: 250 }, Some(2), l);
    assert_eq!(
        (f.error.kind, f.failure, f.token_generation),
        (ErrorKind::Timeout, Failure::Timeout, Some(2))
    );
    assert!(f.error.message.contains("250 ms"), "{}", f.error.message);
    let refused = NoAnswer::Network { message: "fetch failed", code: Some("ECONNREFUSED") };
    let f = no_answer(Endpoint::CallResults, refused, None, l);
    assert_eq!((f.error.kind, f.failure), (ErrorKind::Network, Failure::Network));
    // An untrusted certificate stays untrusted: never resent, and the message says what to do.
    let tls = NoAnswer::Network { message: "fetch failed", code: Some("UNABLE_TO_VERIFY_LEAF_SIGNATURE") };
    let f = no_answer(Endpoint::CallResults, tls, None, l);
    assert_eq!((f.error.kind, f.failure, f.error.retryable), (ErrorKind::Network, Failure::Permanent, false));
    assert!(f.error.message.contains("NODE_EXTRA_CA_CERTS"));
    let f = no_answer(Endpoint::CallResults, NoAnswer::Aborted, Some(1), l);
    assert_eq!((f.error.kind, f.failure, f.token_generation), (ErrorKind::Aborted, Failure::Permanent, None));
}

#[test]
fn a_failed_token_request_fails_the_attempt_the_same_way() {
    let e = errors::http(None, "OIFDE gettoken", 503, None, Locale::EnUs);
    assert_eq!(token_failure(e).failure, Failure::Status(503));
    let e = errors::auth_status(None, "OIFDE gettoken", 401, None, Locale::EnUs);
    assert_eq!(token_failure(e).failure, Failure::Permanent);
    let e = errors::timeout(None, "OIFDE gettoken", 5, Locale::EnUs);
    assert_eq!(token_failure(e).failure, Failure::Timeout);
}

#[test]
fn a_401_to_a_signed_attempt_follows_the_probe() {
    let l = Locale::ZhCn;
    let f = signature_rejected(Endpoint::CallResults, "", ProbeOutcome::Resend, None, l);
    assert!(f.resign && f.error.kind == ErrorKind::Auth);
    let f = signature_rejected(Endpoint::CallResults, "", ProbeOutcome::Exhausted(vec!["A", "B"]), None, l);
    assert!(!f.resign && f.error.message.contains("A, B"), "{}", f.error.message);
    let f = signature_rejected(Endpoint::CallResults, r#"{"error":"bad sig"}"#, ProbeOutcome::Done, None, l);
    assert_eq!(
        (f.resign, f.error.http_status, f.error.description.as_deref()),
        (false, Some(401), Some("bad sig"))
    );
}
