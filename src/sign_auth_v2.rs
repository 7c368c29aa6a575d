//! `signAuthV2(input)`: AUTH.md's auth-v2 `Authorization` value for a request the caller sends
//! itself. The input's checks (every missing or malformed field is an issue) and the signing.

use serde::Deserialize;
use serde_json::Value;

use crate::auth;
use crate::says::{say, Msg};
use crate::shape::{field_names, Given};
use crate::signing::{parse_signing, Credentials, SigningMode, Wire};
use crate::{Issue, Locale, Rule};

/// `signAuthV2(input)`: the `Authorization` header value of AUTH.md's auth-v2 scheme. The input
/// is read into `SignAuthV2Input`, its one type, then checked.
pub fn sign(value: &Value, now_epoch_ms: i64) -> Result<String, Vec<Issue>> {
    // The input names fields in code (`accessKey`), so its messages are English.
    let locale = Locale::EnUs;
    let mut issues = Vec::new();
    let Some(o) = value.as_object() else {
        issues.push(issue("", Rule::Type, Msg::SignInputNotObject, &[]));
        return Err(issues);
    };
    let keys = field_names::<SignAuthV2Input>();
    for k in o.keys().filter(|k| !keys.contains(&k.as_str())) {
        issues.push(issue(k, Rule::AllowedValues, Msg::SignUnknownOption, &[("list", &keys.join(", "))]));
    }
    let input = SignAuthV2Input::deserialize(value).unwrap_or_default();
    let mut required = |field: &str, given: &Given<String>| -> String {
        match given {
            Given::Valid(s) if !s.is_empty() => return s.clone(),
            Given::Invalid => issues.push(issue_in(locale, field, Rule::Type, Msg::MustBeString, &[])),
            _ => issues.push(issue_in(locale, field, Rule::Required, Msg::Required, &[])),
        }
        String::new()
    };
    let access_key = required("accessKey", &input.access_key);
    let secret_key = required("secretKey", &input.secret_key);
    let method = required("method", &input.method);
    let path = required("path", &input.path);
    let host = required("host", &input.host);
    // A body of another type than text is not sent, so not signed.
    let body = input.body.valid().map(String::as_str);
    // Missing: the client's JSON Content-Type; `null`: the request carries none.
    let content_type = match &input.content_type {
        Given::Missing => Some(auth::CONTENT_TYPE_JSON),
        Given::Valid(ct) => Some(ct.as_str()),
        Given::Null | Given::Invalid => None,
    };
    if path.contains('?') {
        issues.push(issue("path", Rule::Type, Msg::SignPathWithQuery, &[]));
    }
    let query = query_pairs(input.query.valid(), &mut issues);
    let profile = match parse_signing(input.signing.valid(), "signing", false, locale) {
        Ok(SigningMode::Fixed(p)) => Some(p),
        Ok(SigningMode::Auto) => None,
        Err(mut more) => {
            issues.append(&mut more);
            None
        }
    };
    let timestamp = match (input.timestamp.valid(), &profile) {
        (Some(ts), _) => ts.clone(),
        (None, Some(p)) => p.timestamp_at(now_epoch_ms).unwrap_or_default(),
        (None, None) => String::new(),
    };
    // Both go verbatim into the Authorization header: CR, LF, NUL or spaces there would split
    // or corrupt it.
    for (field, text) in [("accessKey", access_key.as_str()), ("timestamp", timestamp.as_str())] {
        if !text.is_empty() && !crate::config::is_header_safe(text) {
            issues.push(issue(field, Rule::Type, Msg::SignHeaderText, &[]));
        }
    }
    let Some(profile) = profile.filter(|_| issues.is_empty()) else {
        return Err(issues);
    };
    let query_refs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let wire = Wire { method: &method, path: &path, query: &query_refs, host: &host, content_type, body };
    Ok(profile.sign(&Credentials { access_key: &access_key, secret_key: &secret_key }, &wire, &timestamp))
}

fn issue_in(locale: Locale, field: &str, rule: Rule, msg: Msg, values: &[(&str, &str)]) -> Issue {
    let mut all = vec![("field", field)];
    all.extend_from_slice(values);
    Issue { field: field.to_owned(), rule, code: None, message: say(msg, locale, &all) }
}

/// An issue in the input's language (English: it names fields in code).
fn issue(field: &str, rule: Rule, msg: Msg, values: &[(&str, &str)]) -> Issue {
    issue_in(Locale::EnUs, field, rule, msg, values)
}

/// `query`: `{ name: value }` or `[[name, value], ...]`; values strings or numbers.
fn query_pairs(v: Option<&Value>, issues: &mut Vec<Issue>) -> Vec<(String, String)> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                match scalar(v) {
                    Some(s) => out.push((k.clone(), s)),
                    None => issues.push(issue(&format!("query.{k}"), Rule::Type, Msg::SignQueryValue, &[])),
                }
            }
        }
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_array().map(Vec::as_slice) {
                    Some([Value::String(k), v]) if scalar(v).is_some() => {
                        out.push((k.clone(), scalar(v).unwrap_or_default()))
                    }
                    _ => issues.push(issue(&format!("query[{i}]"), Rule::Type, Msg::SignQueryPair, &[])),
                }
            }
        }
        Some(_) => issues.push(issue("query", Rule::Type, Msg::SignQueryShape, &[])),
    }
    out
}

/// Input of `signAuthV2` (AUTH.md §1).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SignAuthV2Input {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub access_key: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub secret_key: Given<String>,
    /// `"GET"` or `"POST"`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub method: Given<String>,
    /// The raw request path, exactly as sent, without the query string.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub path: Given<String>,
    /// The Host header that will be sent: the URL's `host[:port]`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub host: Given<String>,
    /// The exact body text that will be sent.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub body: Given<String>,
    /// Query parameters, not yet encoded (`{ pageSize: 10 }` or `[["pageSize", "10"]]`): signed
    /// as AUTH.md's sorted query line. `path` must not contain `?`.
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "Record<string, string | number> | [string, string | number][]")
    )]
    #[serde(default)]
    pub query: Given<Value>,
    /// The header timestamp (`yyyy-MM-ddTHH:mm:ss.SSSZ` for profile A, `...ssZ` for B).
    /// Defaults to now, in the profile's precision.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub timestamp: Given<String>,
    /// The auth-v2 layout: `"A"` (default), `"B"`, or `{ profile?, queryLine?, timestamp?,
    /// signedHeaders? }` (see `SigningOption`). Headers are signed only when the request carries
    /// them: `content-length` only with a body, `content-type` only when `contentType` is not null.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "\"A\" | \"B\" | SigningProfileOptions"))]
    #[serde(default)]
    pub signing: Given<Value>,
    /// The Content-Type the request carries. Default `application/json; charset=UTF-8`;
    /// `null` for none.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string | null"))]
    #[serde(default)]
    pub content_type: Given<String>,
}

/// A custom auth-v2 layout: a named profile (default `"A"`) with any of its three points
/// overridden (AUTH.md, "What is known and what is not"). Read by `crate::signing::parse_signing`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SigningProfileOptions {
    #[cfg_attr(feature = "wasm", tsify(optional, type = "\"A\" | \"B\""))]
    #[serde(default)]
    pub profile: Given<String>,
    /// Without query parameters: `"keep"` an empty query line (A) or `"omit"` it (B).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "\"keep\" | \"omit\""))]
    #[serde(default)]
    pub query_line: Given<String>,
    /// `"millis"` (`...ss.SSSZ`, A) or `"seconds"` (`...ssZ`, B).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "\"millis\" | \"seconds\""))]
    #[serde(default)]
    pub timestamp: Given<String>,
    /// Among `host`, `content-type`, `content-length`; each signed only when the request carries it.
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "(\"host\" | \"content-type\" | \"content-length\")[]")
    )]
    #[serde(default)]
    pub signed_headers: Given<Vec<Value>>,
}
