//! Tests of the config parser.
use super::*;
use serde_json::json;

fn fields(r: Result<ClientConfig, Vec<Issue>>) -> Vec<String> {
    r.err().unwrap_or_default().into_iter().map(|i| i.field).collect()
}

#[test]
fn base_urls_fetch_would_rewrite_are_refused() {
    // Each of these is sent by fetch to a different host or path than written, so the
    // auth-v2 signature over the written one would fail.
    for bad in [
        "http://127.1",
        "http://2130706433",
        "http://0x7f.0.0.1",
        "http://127.0.0.01",
        "http://1.2.3.256",
        "http://a.1",
        "http://h/a/../b",
        "http://h/./b",
        "http://h/a/%2e%2e/b",
        "http://h/%2E",
        "http://h/a/.%2e",
    ] {
        assert!(BaseUrl::parse(bad).is_err(), "{bad}");
    }
    for good in [
        "http://127.0.0.1",
        "http://10.22.26.181:28080",
        "http://0.0.0.0",
        "http://h1.example",
        "http://a1",
        "http://h/a.b/..c",
        "http://h/.well",
    ] {
        assert!(BaseUrl::parse(good).is_ok(), "{good}");
    }
}

#[test]
fn full_config_parses_with_defaults() {
    let c = parse_client_config(&json!({
        "isales": { "baseUrl": "https://isales:28080", "accessKey": "ak", "secretKey": "sk" },
        "apiFabric": { "baseUrl": "https://fabric", "appKey": "k", "appSecret": "s" },
        "oifde": { "baseUrl": "https://oifde:8443", "tenantId": "t", "appSecret": "p" },
    }))
    .unwrap();
    assert_eq!(c.limits, Limits::default());
    assert_eq!(c.locale, Locale::EnUs);
    assert_eq!(c.isales.as_ref().unwrap().signing, SigningMode::Auto);
    let f = c.api_fabric.as_ref().unwrap();
    assert_eq!(f.app_key(), Some("k"));
    assert!(
        matches!(&f.auth, ApiFabricAuth::AppKey { token_url, .. } if token_url == "https://fabric/apigovernance/api/oauth/tokenByAkSk")
    );
    assert!(
        matches!(&c.oifde.as_ref().unwrap().auth, OifdeAuth::AppSecret { token_url, .. } if token_url == "https://oifde:8443/oifde/rest/api/gettoken")
    );
}

#[test]
fn token_variants_and_options() {
    let c = parse_client_config(&json!({
        "apiFabric": { "baseUrl": "https://fabric", "accessToken": "tok", "appKey": "k" },
        "oifde": { "baseUrl": "https://oifde", "tenantId": "t", "authToken": "a" },
        "isales": { "baseUrl": "http://i", "accessKey": "ak", "secretKey": "sk", "signing": { "profile": "B", "signedHeaders": ["Host", "content-type", "host"] }, "headers": { "X-TenantSpaceID": "t1" } },
        "locale": "zh_CN", "timeoutMs": 500, "maxRetries": 0, "maxConcurrency": 3, "batchIntervalMs": 0,
        "logger": null,
    }))
    .unwrap();
    assert_eq!(c.locale, Locale::ZhCn);
    assert_eq!(
        c.limits,
        Limits { timeout_ms: 500, max_retries: 0, max_concurrency: 3, batch_interval_ms: 0 }
    );
    let i = c.isales.as_ref().unwrap();
    let SigningMode::Fixed(p) = &i.signing else { panic!("fixed profile expected") };
    assert_eq!(
        p.signed_headers,
        vec![crate::signing::SignableHeader::ContentType, crate::signing::SignableHeader::Host]
    );
    assert_eq!((p.name, p.timestamp), ("custom", crate::auth::TimestampPrecision::Seconds));
    assert_eq!(i.headers, vec![("X-TenantSpaceID".to_owned(), "t1".to_owned())]);
    assert!(matches!(c.api_fabric.as_ref().unwrap().auth, ApiFabricAuth::AccessToken { .. }));
    assert!(matches!(c.oifde.as_ref().unwrap().auth, OifdeAuth::AuthToken { .. }));
}

#[test]
fn every_problem_is_reported_with_its_field() {
    let f = fields(parse_client_config(&json!({
        "isales": { "baseUrl": "isales.local", "accessKey": "a k\n", "signing": { "signedHeaders": ["x-date"] }, "headers": { "Host": "x" } },
        "apiFabric": { "baseUrl": "https://f", "appKey": "键", "appSecret": "s", "accessToken": "t" },
        "oifde": { "tenantId": "" , "appSecret": "p", "extra": 1 },
        "timeoutMs": 0, "maxRetries": -1, "maxConcurrency": 1.5, "batchIntervalMs": "1000",
        "locale": "fr_FR", "isale": {},
    })));
    for want in [
        "isales.baseUrl",
        "isales.accessKey",
        "isales.secretKey",
        "isales.signing.signedHeaders[0]",
        "isales.headers.Host",
        "apiFabric.accessToken",
        "apiFabric.appKey",
        "oifde.baseUrl",
        "oifde.tenantId",
        "oifde.extra",
        "timeoutMs",
        "maxRetries",
        "maxConcurrency",
        "batchIntervalMs",
        "locale",
        "isale",
    ] {
        assert!(f.iter().any(|x| x == want), "missing {want} in {f:?}");
    }
}

#[test]
fn no_gateway_or_not_an_object() {
    assert_eq!(fields(parse_client_config(&json!({}))), vec![""]);
    assert_eq!(fields(parse_client_config(&json!(null))), vec![""]);
    assert_eq!(fields(parse_client_config(&json!({ "isales": 3 }))), vec!["isales"]);
}

#[test]
fn issues_never_echo_secrets_and_debug_redacts() {
    let secret = "S3CR3T-VALUE";
    let r = parse_client_config(&json!({
        "isales": { "baseUrl": secret, "accessKey": "ak", "secretKey": secret },
        "oifde": { "baseUrl": "http://o", "tenantId": "t", "appSecret": secret, "authToken": secret },
    }));
    let text = format!("{r:?}");
    assert!(!text.contains(secret), "{text}");
    let c = parse_client_config(&json!({
        "isales": { "baseUrl": "http://i", "accessKey": "ak", "secretKey": secret },
        "apiFabric": { "baseUrl": "http://f", "appKey": "k", "appSecret": secret },
        "oifde": { "baseUrl": "http://o", "tenantId": "t", "authToken": secret },
    }))
    .unwrap();
    assert!(!format!("{c:?}").contains(secret));
    let summary = serde_json::to_string(&c.summary()).unwrap();
    assert!(
        !summary.contains(secret) && !summary.contains("\"ak\"") && !summary.contains("\"t\""),
        "{summary}"
    );
    assert!(summary.contains("\"baseUrl\":\"http://i\""));
}

#[test]
fn browser_secrets_need_the_opt_in_and_a_remote_signer_needs_no_keys() {
    let cfg = json!({
        "isales": { "baseUrl": "http://i", "accessKey": "ak", "secretKey": "sk" },
        "oifde": { "baseUrl": "http://o", "tenantId": "t", "appSecret": "p" },
    });
    let browser = ParseEnv { browser: true, ..ParseEnv::default() };
    let issues = parse_client_config_in(&cfg, browser).unwrap_err();
    let f: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(f, ["isales.secretKey", "oifde.appSecret"]);
    assert!(issues[0].message.contains("readable by everyone"));
    let mut opted = cfg.clone();
    opted["dangerouslyAllowSecretsInBrowser"] = json!(true);
    assert!(parse_client_config_in(&opted, browser).is_ok());
    assert!(parse_client_config(&cfg).is_ok(), "Node needs no opt-in");

    let remote = ParseEnv { isales_signer: true, browser: true };
    let c = parse_client_config_in(&json!({ "isales": { "baseUrl": "http://i" } }), remote).unwrap();
    assert_eq!(c.isales.unwrap().auth, IsalesAuth::Remote);
    let both =
        parse_client_config_in(&json!({ "isales": { "baseUrl": "http://i", "accessKey": "ak" } }), remote);
    assert_eq!(fields(both), vec!["isales.sign"]);
}

#[test]
fn messages_follow_the_locale() {
    let r = parse_client_config(
        &json!({ "locale": "zh_CN", "isales": { "baseUrl": "http://i", "accessKey": "ak" } }),
    );
    let issues = r.unwrap_err();
    assert_eq!(issues[0].field, "isales.secretKey");
    assert!(issues[0].message.contains("必填"));
}

#[test]
fn a_gateway_that_is_not_an_object_is_named() {
    // serde would read a struct from an array; the config says the gateway must be an object.
    let f = fields(parse_client_config(&json!({ "isales": [], "apiFabric": "x", "oifde": 3 })));
    assert_eq!(f, ["isales", "apiFabric", "oifde"]);
    let f = fields(parse_client_config(&json!({ "isales": { "accessKey": "ak", "secretKey": 5 } })));
    assert_eq!(f, ["isales.baseUrl", "isales.secretKey"]);
    // Both forms of an API Fabric gateway at once: one either/or issue, and the token form's checks.
    let f = fields(parse_client_config(&json!({
        "apiFabric": { "baseUrl": "https://f", "accessToken": "t", "appSecret": "s", "tokenUrl": null }
    })));
    assert_eq!(f, ["apiFabric.accessToken"]);
}
