use super::*;
use crate::config::demo;
use axum::http::HeaderValue;

fn keys() -> Vec<Credential> {
    vec![
        Credential::new(demo::ISALES_AK, demo::ISALES_SK),
        Credential::new(demo::AUTH_MD_AK, demo::AUTH_MD_SK),
    ]
}

/// 2024-01-01T00:00:00Z, the instant of AUTH.md's vectors.
const VECTOR_NOW: i64 = 1_704_067_200_000;
const PING: &[u8] = br#"{"say": "Hello world!"}"#;
const DETAIL: &str = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428";
const CT: &str = "application/json; charset=UTF-8";

fn headers(auth: &str, content_length: Option<&str>) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("host", HeaderValue::from_static("10.22.26.181:28080"));
    h.insert("content-type", HeaderValue::from_static(CT));
    if let Some(l) = content_length {
        h.insert("content-length", HeaderValue::from_str(l).unwrap());
    }
    h.insert("authorization", HeaderValue::from_str(auth).unwrap());
    h
}

fn check(
    profile: AuthProfile,
    auth: &str,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<String, AuthV2Error> {
    let len = (!body.is_empty()).then(|| body.len().to_string());
    let h = headers(auth, len.as_deref());
    verify(profile, &keys(), &Received { method, path, query: None, headers: &h, body }, VECTOR_NOW, 900)
}

const A_POST: &str = "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-length;content-type;host/7e5c8f3e3f8fd40367b1e2c9046219d45ac0727c3b98fbd66a7231c96176295a";
const A_GET: &str = "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-type;host/aad6f047acf6d2319b00d256567063d80a06e77d399b9822faaf900db8b774ff";
const B_POST: &str = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf";
const B_GET: &str = "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576";

#[test]
fn the_four_auth_md_vectors_verify_in_their_own_profile_only() {
    let ok = Ok("globalaktest".to_string());
    assert_eq!(check(AuthProfile::A, A_POST, "POST", "/rest/cmsapp/v1/ping", PING), ok);
    assert_eq!(check(AuthProfile::A, A_GET, "GET", DETAIL, b""), ok);
    assert_eq!(check(AuthProfile::B, B_POST, "POST", "/rest/cmsapp/v1/ping", PING), ok);
    assert_eq!(check(AuthProfile::B, B_GET, "GET", DETAIL, b""), ok);
    // Each layout is refused by the other profile.
    assert_eq!(
        check(AuthProfile::B, A_POST, "POST", "/rest/cmsapp/v1/ping", PING),
        Err(AuthV2Error::BadTimestamp)
    );
    assert_eq!(check(AuthProfile::A, B_GET, "GET", DETAIL, b""), Err(AuthV2Error::BadTimestamp));
}

#[test]
fn any_change_breaks_the_signature() {
    let mismatch = Err(AuthV2Error::SignatureMismatch);
    assert_eq!(
        check(AuthProfile::A, A_POST, "POST", "/rest/cmsapp/v1/ping", br#"{"say": "Hello world?"}"#),
        mismatch
    );
    assert_eq!(
        check(
            AuthProfile::A,
            A_GET,
            "GET",
            "/rest/isales/v1/openapi/campaigns/2/callresultdetail/1589167025-134428",
            b""
        ),
        mismatch
    );
    assert_eq!(check(AuthProfile::B, B_GET, "POST", DETAIL, b""), mismatch);
    let mut h = headers(A_GET, None);
    h.insert("host", HeaderValue::from_static("10.22.26.181:28081"));
    let r = Received { method: "GET", path: DETAIL, query: None, headers: &h, body: b"" };
    assert_eq!(verify(AuthProfile::A, &keys(), &r, VECTOR_NOW, 900), mismatch);
    // A query the signature did not cover.
    let h = headers(A_GET, None);
    let r = Received { method: "GET", path: DETAIL, query: Some("x=1"), headers: &h, body: b"" };
    assert_eq!(verify(AuthProfile::A, &keys(), &r, VECTOR_NOW, 900), mismatch);
}

#[test]
fn profile_a_demands_exactly_the_carried_headers() {
    // A GET signed as if it carried a Content-Length it does not send.
    let wrong = A_GET.replace("/content-type;host/", "/content-length;content-type;host/");
    assert_eq!(check(AuthProfile::A, &wrong, "GET", DETAIL, b""), Err(AuthV2Error::SignedHeaders));
    // A POST that leaves content-length out.
    let wrong = A_POST.replace("/content-length;content-type;host/", "/content-type;host/");
    assert_eq!(
        check(AuthProfile::A, &wrong, "POST", "/rest/cmsapp/v1/ping", PING),
        Err(AuthV2Error::SignedHeaders)
    );
    let wrong = B_GET.replace("/host/", "/content-type;host/");
    assert_eq!(check(AuthProfile::B, &wrong, "GET", DETAIL, b""), Err(AuthV2Error::SignedHeaders));
}

#[test]
fn clock_skew_keys_and_shapes() {
    let h = headers(B_GET, None);
    let r = Received { method: "GET", path: DETAIL, query: None, headers: &h, body: b"" };
    assert_eq!(verify(AuthProfile::B, &keys(), &r, VECTOR_NOW + 901_000, 900), Err(AuthV2Error::ClockSkew));
    assert_eq!(verify(AuthProfile::B, &keys(), &r, VECTOR_NOW - 900_000, 900), Ok("globalaktest".into()));
    for (auth, want) in [
        ("Bearer abc", AuthV2Error::Malformed),
        ("auth-v2/a/b/c/d/e", AuthV2Error::Malformed),
        ("auth-v2/nobody/2024-01-01T00:00:00Z/host/00", AuthV2Error::UnknownAccessKey),
        ("auth-v2/globalaktest/2024-01-01 00:00:00/host/00", AuthV2Error::BadTimestamp),
        ("auth-v2/globalaktest/2024-02-30T00:00:00Z/host/00", AuthV2Error::BadTimestamp),
    ] {
        assert_eq!(check(AuthProfile::B, auth, "GET", DETAIL, b""), Err(want), "{auth}");
    }
    let h = HeaderMap::new();
    let r = Received { method: "GET", path: "/x", query: None, headers: &h, body: b"" };
    assert_eq!(verify(AuthProfile::A, &keys(), &r, VECTOR_NOW, 900), Err(AuthV2Error::Missing));
}

#[test]
fn query_line_follows_auth_md() {
    assert_eq!(query_line("pageSize=10&pageNum=1").as_deref(), Some("pageNum=1&pageSize=10"));
    assert_eq!(query_line("a%20b=%C3%A9&flag").as_deref(), Some("a%20b=%C3%A9&flag="));
    assert_eq!(query_line("").as_deref(), Some(""));
    assert_eq!(query_line("x=%zz"), None);
    assert_eq!(normalize("a b+é~"), "a%20b%2B%C3%A9~");
    assert_eq!(timestamp_ms("2024-01-01T00:00:00.250Z", AuthProfile::A), Some(VECTOR_NOW + 250));
    assert_eq!(timestamp_ms("2024-01-01T00:00:00.250Z", AuthProfile::B), None);
}
