//! Signing CC-iSales requests on a server for a client that must not hold the secret key (a web
//! console): the client sends what it will put on the wire (method, path, signed header values,
//! body, timestamp, profile), the server checks the request is one a call-data client needs and
//! returns the `Authorization` value.
//!
//! What is allowed is deliberately narrow, because a signer is a key: only the three documented
//! CC-iSales endpoints, with their methods, under a configured base URL (its host must be the
//! signed Host), with a fresh timestamp, signing only headers auth-v2 can sign.

use serde_json::{Map, Value};

use crate::auth::{self, SignInput};
use crate::config::{BaseUrl, Secret};
use crate::says::{say, say_field, Msg};
use crate::signing::SignableHeader;
use crate::{Issue, Locale, Rule};

/// The CC-iSales endpoints auth-v2 protects: method and path under the base URL (`*` is one
/// path segment): the three call-data endpoints and the tenant's result codes.
const ALLOWED: [(&str, &[&str]); 4] = [
    ("GET", &["rest", "isales", "v1", "openapi", "campaigns", "*", "callresultdetail", "*"]),
    ("POST", &["rest", "isales", "v1", "openapi", "campaigns", "*", "callresult", "*"]),
    ("POST", &["rest", "isales", "v1", "openapi", "campaigns", "*", "callRecord"]),
    ("GET", &["rest", "isales", "v1", "openapi", "campaigns", "*", "queryOBSResultCode"]),
];

/// A signature for a timestamp further than this from the signer's clock is refused: a stolen
/// page cannot mint signatures for later.
pub const MAX_SKEW_MS: i64 = 5 * 60 * 1000;

/// One request to sign, as the client describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSignRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// The signed headers, lower-case names with the values sent.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timestamp: String,
    /// Whether the empty query line is kept (profile A) when there are no parameters.
    pub empty_query_line: bool,
}

/// The handler runs on the caller's server, whose logs are read in code terms: English.
const LOCALE: Locale = Locale::EnUs;

fn issue(field: &str, rule: Rule, msg: Msg) -> Issue {
    Issue { field: field.to_owned(), rule, code: None, message: say_field(msg, LOCALE, field) }
}

/// What `createSigningHandler({ accessKey, secretKey, allow })` is given: the keys, and the
/// CC-iSales base URLs (one or several) it signs for.
pub struct HandlerOptions {
    pub access_key: String,
    pub secret_key: Secret,
    pub allow: Vec<BaseUrl>,
}

/// Reads the signing handler's options. Every problem is an issue; the secret key's value is
/// never copied into one.
pub fn parse_handler_options(v: &Value) -> Result<HandlerOptions, Vec<Issue>> {
    let mut issues = Vec::new();
    let text = |k: &str, issues: &mut Vec<Issue>| match v.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => {
            issues.push(issue(k, Rule::Required, Msg::Required));
            None
        }
    };
    let access_key = text("accessKey", &mut issues);
    let secret_key = text("secretKey", &mut issues);
    let urls: Vec<&Value> = match v.get("allow") {
        Some(Value::Array(a)) if !a.is_empty() => a.iter().collect(),
        Some(s @ Value::String(_)) => vec![s],
        _ => {
            issues.push(issue("allow", Rule::Required, Msg::HandlerAllowRequired));
            Vec::new()
        }
    };
    let mut allow = Vec::new();
    for (i, u) in urls.iter().enumerate() {
        let field = format!("allow[{i}]");
        match u.as_str().map(BaseUrl::parse) {
            Some(Ok(b)) => allow.push(b),
            Some(Err(reason)) => {
                let reason = say(reason, LOCALE, &[]);
                let message = say(Msg::ConfigBaseUrl, LOCALE, &[("field", &field), ("reason", &reason)]);
                issues.push(Issue { field, rule: Rule::Type, code: None, message });
            }
            None => issues.push(issue(&field, Rule::Type, Msg::MustBeBaseUrl)),
        }
    }
    const KEYS: [&str; 3] = ["accessKey", "secretKey", "allow"];
    for k in v.as_object().into_iter().flat_map(|o| o.keys()).filter(|k| !KEYS.contains(&k.as_str())) {
        let message = say(Msg::UnknownOption, LOCALE, &[("field", k), ("list", &KEYS.join(", "))]);
        issues.push(Issue { field: k.clone(), rule: Rule::AllowedValues, code: None, message });
    }
    match (access_key, secret_key) {
        (Some(access_key), Some(s)) if issues.is_empty() => {
            Ok(HandlerOptions { access_key, secret_key: Secret::new(s), allow })
        }
        _ => Err(issues),
    }
}

/// Reads the JSON the client's `sign` callback receives (and posts to the signing handler).
pub fn parse_request(v: &Value) -> Result<RemoteSignRequest, Vec<Issue>> {
    let mut issues = Vec::new();
    let Some(o) = v.as_object() else {
        return Err(vec![issue("", Rule::Type, Msg::SignRequestNotObject)]);
    };
    let text = |k: &str, issues: &mut Vec<Issue>| match o.get(k) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => {
            issues.push(issue(k, Rule::Required, Msg::Required));
            None
        }
    };
    let method = text("method", &mut issues);
    let path = text("path", &mut issues);
    let timestamp = text("timestamp", &mut issues);
    let body = match o.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            issues.push(issue("body", Rule::Type, Msg::MustBeString));
            None
        }
    };
    let empty_query_line = match o.get("queryLine").and_then(Value::as_str) {
        Some("keep") => true,
        Some("omit") => false,
        _ => {
            issues.push(issue("queryLine", Rule::AllowedValues, Msg::QueryLineOption));
            false
        }
    };
    let headers = pairs(o, "headers", &mut issues);
    let query = pairs(o, "query", &mut issues);
    for (name, _) in &headers {
        if SignableHeader::parse(name).is_none() {
            issues.push(issue(&format!("headers.{name}"), Rule::AllowedValues, Msg::NotSignableHeader));
        }
    }
    if !headers.iter().any(|(n, _)| n == "host") {
        issues.push(issue("headers.host", Rule::Required, Msg::HostHeaderRequired));
    }
    match (method, path, timestamp) {
        (Some(method), Some(path), Some(timestamp)) if issues.is_empty() => {
            Ok(RemoteSignRequest { method, path, query, headers, body, timestamp, empty_query_line })
        }
        _ => Err(issues),
    }
}

/// `{ name: value }` of strings; names lower-cased.
fn pairs(o: &Map<String, Value>, key: &str, issues: &mut Vec<Issue>) -> Vec<(String, String)> {
    match o.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(m)) => m
            .iter()
            .filter_map(|(k, v)| match v.as_str() {
                Some(s) => {
                    Some((if key == "headers" { k.to_ascii_lowercase() } else { k.clone() }, s.to_owned()))
                }
                None => {
                    issues.push(issue(&format!("{key}.{k}"), Rule::Type, Msg::MustBeString));
                    None
                }
            })
            .collect(),
        Some(_) => {
            issues.push(issue(key, Rule::Type, Msg::MustBeObjectOfStrings));
            Vec::new()
        }
    }
}

fn path_matches(pattern: &[&str], path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    segments.len() == pattern.len()
        && segments.iter().zip(pattern).all(|(s, p)| if *p == "*" { !s.is_empty() } else { s == p })
}

/// Why a request is refused (the whole sentence); `None` when one of `allowed` bases covers it.
pub fn refusal(req: &RemoteSignRequest, allowed: &[BaseUrl], now_ms: i64) -> Option<String> {
    let why = refusal_reason(req, allowed, now_ms)?;
    Some(say(Msg::RefusedToSign, LOCALE, &[("why", &why)]))
}

fn refusal_reason(req: &RemoteSignRequest, allowed: &[BaseUrl], now_ms: i64) -> Option<String> {
    let host = req.headers.iter().find(|(n, _)| n == "host").map(|(_, v)| v.as_str())?;
    let Some(base) = allowed.iter().find(|b| b.host.eq_ignore_ascii_case(host)) else {
        return Some(say(Msg::RefuseHost, LOCALE, &[("host", host)]));
    };
    let Some(rest) = req.path.strip_prefix(&format!("{}/", base.prefix)) else {
        return Some(say(Msg::RefusePrefix, LOCALE, &[]));
    };
    if !ALLOWED.iter().any(|(m, p)| *m == req.method && path_matches(p, rest)) {
        return Some(say(Msg::RefuseEndpoint, LOCALE, &[("method", &req.method), ("path", &req.path)]));
    }
    match auth::parse_timestamp(&req.timestamp) {
        Some(t) if (t - now_ms).abs() <= MAX_SKEW_MS => None,
        Some(_) => Some(say(Msg::RefuseStale, LOCALE, &[])),
        None => Some(say(Msg::RefuseTimestamp, LOCALE, &[])),
    }
}

/// The `Authorization` value for an allowed request.
pub fn sign(req: &RemoteSignRequest, access_key: &str, secret_key: &str) -> String {
    let headers: Vec<(&str, &str)> = req.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let query: Vec<(&str, &str)> = req.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    auth::sign_auth_v2(&SignInput {
        access_key,
        secret_key,
        method: &req.method,
        path: &req.path,
        query: &query,
        empty_query_line: req.empty_query_line,
        headers: &headers,
        body: req.body.as_deref(),
        timestamp: &req.timestamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_704_067_200_000;

    fn base() -> Vec<BaseUrl> {
        vec![BaseUrl::parse("https://10.22.26.181:28080").unwrap()]
    }

    fn req(method: &str, path: &str) -> Value {
        json!({
            "method": method, "path": path, "timestamp": "2024-01-01T00:00:00.000Z", "queryLine": "keep",
            "headers": { "host": "10.22.26.181:28080", "content-type": "application/json; charset=UTF-8" },
        })
    }

    #[test]
    fn reproduces_the_a_get_vector() {
        let r = parse_request(&req(
            "GET",
            "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428",
        ))
        .unwrap();
        assert_eq!(refusal(&r, &base(), NOW), None);
        assert_eq!(
            sign(&r, "globalaktest", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"),
            "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-type;host/aad6f047acf6d2319b00d256567063d80a06e77d399b9822faaf900db8b774ff"
        );
    }

    #[test]
    fn refuses_other_hosts_paths_methods_and_stale_timestamps() {
        let ok = parse_request(&req("POST", "/rest/isales/v1/openapi/campaigns/1/callRecord")).unwrap();
        assert_eq!(refusal(&ok, &base(), NOW), None);
        let obs =
            parse_request(&req("GET", "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode")).unwrap();
        assert_eq!(refusal(&obs, &base(), NOW), None);
        for (method, path) in [
            ("GET", "/rest/isales/v1/openapi/campaigns/1/callRecord"),
            ("POST", "/rest/isales/v1/openapi/campaigns/1/callresult"),
            ("POST", "/rest/isales/v1/openapi/campaigns/1/deleteCampaign/3"),
            ("GET", "/rest/isales/v1/openapi/campaigns//callresultdetail/x"),
        ] {
            let r = parse_request(&req(method, path)).unwrap();
            assert!(refusal(&r, &base(), NOW).is_some(), "{method} {path}");
        }
        let mut other_host = req("POST", "/rest/isales/v1/openapi/campaigns/1/callRecord");
        other_host["headers"]["host"] = json!("evil.example");
        assert!(refusal(&parse_request(&other_host).unwrap(), &base(), NOW)
            .unwrap()
            .contains("not an allowed"));
        assert!(refusal(&ok, &base(), NOW + MAX_SKEW_MS + 1).unwrap().contains("5 minutes"));
        let prefixed = vec![BaseUrl::parse("https://10.22.26.181:28080/cec").unwrap()];
        assert!(refusal(&ok, &prefixed, NOW).is_some());
    }

    #[test]
    fn bad_requests_name_their_fields() {
        let e =
            parse_request(&json!({ "method": "GET", "headers": { "x-evil": "1" }, "body": 3 })).unwrap_err();
        let mut f: Vec<&str> = e.iter().map(|i| i.field.as_str()).collect();
        f.sort();
        assert_eq!(f, ["body", "headers.host", "headers.x-evil", "path", "queryLine", "timestamp"]);
        assert!(parse_request(&json!([])).is_err());
    }
}
