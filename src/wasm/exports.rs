//! The stateless exports: validators, decoding, error-code lookup, signing, callback parsing.
//! Each one: convert in → call the core → convert out → map errors.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::convert::{js_to_json, locale_option, to_js, to_js_error, to_js_via_json};
use crate::auth;
use crate::endpoint::Endpoint;
use crate::endpoints;
use crate::signing::{parse_signing, Credentials, SigningMode, Wire};
use crate::{callback, codes, CecError, Issue, Locale, Rule};

/// Shared body of the five validators: any JS value in, an `Issue[]` out, never a throw.
fn validate_with(
    endpoint: Endpoint,
    request: &JsValue,
    options: &Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let locale = locale_option(options.as_ref().unwrap_or(&JsValue::UNDEFINED));
    let issues = match js_to_json(request, locale) {
        Ok(value) => endpoints::validate(endpoint, &value, locale),
        Err(issues) => issues,
    };
    to_js(&issues)
}

#[wasm_bindgen(js_name = "validateCallResultDetailRequest", unchecked_return_type = "Issue[]")]
pub fn validate_call_result_detail_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::CallResultDetail, &request, &options)
}

#[wasm_bindgen(js_name = "validateCallResultsRequest", unchecked_return_type = "Issue[]")]
pub fn validate_call_results_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::CallResults, &request, &options)
}

#[wasm_bindgen(js_name = "validateCallRecordsRequest", unchecked_return_type = "Issue[]")]
pub fn validate_call_records_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::CallRecords, &request, &options)
}

#[wasm_bindgen(js_name = "validateCallManualDetailRequest", unchecked_return_type = "Issue[]")]
pub fn validate_call_manual_detail_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::CallManualDetail, &request, &options)
}

#[wasm_bindgen(js_name = "validateTransferRecordRequest", unchecked_return_type = "Issue[]")]
pub fn validate_transfer_record_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::TransferRecords, &request, &options)
}

#[wasm_bindgen(js_name = "validateObsResultCodesRequest", unchecked_return_type = "Issue[]")]
pub fn validate_obs_result_codes_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_with(Endpoint::ObsResultCodes, &request, &options)
}

/// `describeFailCode(code, { locale?, table? })`: never throws. `table` is the tenant's
/// `obsCodes` (from `queryOBSResultCode`); anything unreadable there is ignored.
#[wasm_bindgen(js_name = "describeFailCode", unchecked_return_type = "FailCodeInfo")]
pub fn describe_fail_code(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DescribeFailCodeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let locale = locale_option(&options);
    let table: Vec<crate::endpoints::obs_result_codes::ObsCode> = if options.is_object() {
        js_sys::Reflect::get(&options, &JsValue::from_str("table"))
            .ok()
            .and_then(|t| js_to_json(&t, locale).ok())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    // A number (`603`) is not the code `00603`; only its text is looked up.
    let code = code.as_string().or_else(|| code.as_f64().map(|n| n.to_string())).unwrap_or_default();
    to_js(&crate::failcodes::describe_fail_code(&code, locale, &table))
}

/// An unknown endpoint name is a validation error on the `endpoint` argument.
fn endpoint_arg(name: &JsValue, locale: Locale) -> Result<Endpoint, JsValue> {
    name.as_string().as_deref().and_then(Endpoint::parse).ok_or_else(|| {
        let names = Endpoint::ALL.map(Endpoint::as_str).join(", ");
        let message = match locale {
            Locale::EnUs => format!("endpoint must be one of {names}."),
            Locale::ZhCn => format!("endpoint 必须是以下之一：{names}。"),
        };
        let issue = Issue { field: "endpoint".to_owned(), rule: Rule::AllowedValues, code: None, message };
        to_js_error(&CecError::validation(None, vec![issue], locale))
    })
}

/// A validation `CecError` for an argument of the wrong type (never a raw `TypeError`).
fn text_arg_error(field: &str, what: &str, locale: Locale) -> JsValue {
    let message = match locale {
        Locale::EnUs => format!("{field} must be {what}."),
        Locale::ZhCn => format!("{field} 必须是字符串。"),
    };
    let issue = Issue { field: field.to_owned(), rule: Rule::Type, code: None, message };
    to_js_error(&CecError::validation(None, vec![issue], locale))
}

/// `decodeResponse(endpoint, bodyText, options?)`. Typed overloads are declared in js/extra.d.ts.
#[wasm_bindgen(js_name = "decodeResponse", skip_typescript)]
pub fn decode_response(endpoint: JsValue, body_text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let locale = locale_option(&options);
    let endpoint = endpoint_arg(&endpoint, locale)?;
    let body = body_text
        .as_string()
        .ok_or_else(|| text_arg_error("bodyText", "a string (the raw response body)", locale))?;
    let text = endpoints::decode_to_json(endpoint, &body, locale).map_err(|e| to_js_error(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| to_js_error(&json_text_error()))
}

fn json_text_error() -> CecError {
    CecError::new(crate::ErrorKind::Decode, "could not convert a value for JS: JSON.parse rejected the text")
}

thread_local! {
    /// Where the JS layer writes a body for `__decodeBody` (js/runtime.js `bodyDecoder`). Kept
    /// between calls: it only grows, so a page-sized body costs no allocation after the first.
    static BODY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `__bodyBuffer(capacity)`: the address of at least `capacity` bytes of wasm memory that JS
/// fills with `TextEncoder.encodeInto`. One native copy instead of wasm-bindgen's string passing,
/// which walks an ASCII string in a JS loop (measured 0.4–0.9× a whole `JSON.parse`).
#[wasm_bindgen(js_name = "__bodyBuffer", skip_typescript)]
pub fn body_buffer(capacity: usize) -> *mut u8 {
    BODY.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity {
            b.resize(capacity, 0);
        }
        b.as_mut_ptr()
    })
}

/// The wasm memory, for the JS layer's view onto `__bodyBuffer`.
#[wasm_bindgen(js_name = "__memory", skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `decodeResponse` over the first `len` bytes of the body buffer: the normalised JSON text
/// (`endpoints::decode_to_json`), which the JS layer hands to `JSON.parse`.
#[wasm_bindgen(js_name = "__decodeBody", skip_typescript)]
pub fn decode_body(endpoint: JsValue, len: usize, options: JsValue) -> Result<String, JsValue> {
    let locale = locale_option(&options);
    let endpoint = endpoint_arg(&endpoint, locale)?;
    BODY.with(|b| {
        let b = b.borrow();
        // JS wrote UTF-8 from a JS string; a lone surrogate became U+FFFD as with string passing.
        let body = b.get(..len).and_then(|bytes| std::str::from_utf8(bytes).ok()).ok_or_else(|| {
            to_js_error(&CecError::new(crate::ErrorKind::Decode, "the body buffer does not hold UTF-8 text"))
        })?;
        endpoints::decode_to_json(endpoint, body, locale).map_err(|e| to_js_error(&e))
    })
}

/// `describeErrorCode(code, { endpoint?, locale? })`: `undefined` for an unknown code.
#[wasm_bindgen(js_name = "describeErrorCode", unchecked_return_type = "CodeInfo | undefined")]
pub fn describe_error_code(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DescribeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let locale = locale_option(&options);
    let endpoint = super::convert::string_prop(&options, "endpoint").as_deref().and_then(Endpoint::parse);
    // A code may come straight from a response as a number (`errorCode: 900001`).
    let code = match (code.as_string(), code.as_f64()) {
        (Some(s), _) => s,
        (None, Some(n)) if n.is_finite() && n.fract() == 0.0 => format!("{n:.0}"),
        _ => return Err(text_arg_error("code", "a string", locale)),
    };
    match codes::describe(&code, endpoint, locale) {
        Some(info) => to_js(&info),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// `parseCallResultCallback(bodyText)`: the outbound-result callback push, normalised.
#[wasm_bindgen(js_name = "parseCallResultCallback", unchecked_return_type = "CallbackCallResult[]")]
pub fn parse_call_result_callback(
    #[wasm_bindgen(js_name = "bodyText", unchecked_param_type = "string")] body_text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let locale = locale_option(options.as_ref().unwrap_or(&JsValue::UNDEFINED));
    let body_text = body_text
        .as_string()
        .ok_or_else(|| text_arg_error("bodyText", "a string (the raw request body)", locale))?;
    let items = callback::parse_call_result_callback(&body_text, locale).map_err(|e| to_js_error(&e))?;
    to_js_via_json(&items)
}

/// Reads one string field of the signing input, recording an issue when it is missing or not a
/// string. The secret key's value is never copied into an issue.
fn required_str<'a>(obj: &'a Value, field: &str, issues: &mut Vec<Issue>, locale: Locale) -> &'a str {
    match obj.get(field) {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::String(_)) | None | Some(Value::Null) => {
            issues.push(Issue {
                field: field.to_owned(),
                rule: Rule::Required,
                code: None,
                message: match locale {
                    Locale::EnUs => format!("{field} is required."),
                    Locale::ZhCn => format!("{field} 为必填项。"),
                },
            });
            ""
        }
        Some(_) => {
            issues.push(Issue {
                field: field.to_owned(),
                rule: Rule::Type,
                code: None,
                message: match locale {
                    Locale::EnUs => format!("{field} must be a string."),
                    Locale::ZhCn => format!("{field} 必须是字符串。"),
                },
            });
            ""
        }
    }
}

/// `signAuthV2(input)`: the `Authorization` header value of AUTH.md's auth-v2 scheme.
#[wasm_bindgen(js_name = "signAuthV2")]
pub fn sign_auth_v2(
    #[wasm_bindgen(unchecked_param_type = "SignAuthV2Input")] input: JsValue,
) -> Result<String, JsValue> {
    let locale = Locale::EnUs;
    let value =
        js_to_json(&input, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
    let mut issues = Vec::new();
    if !value.is_object() {
        issues.push(Issue {
            field: String::new(),
            rule: Rule::Type,
            code: None,
            message: "signAuthV2 takes an object { accessKey, secretKey, method, path, host, query?, body?, contentType?, timestamp?, signing? }.".to_owned(),
        });
        return Err(to_js_error(&CecError::validation(None, issues, locale)));
    }
    const KEYS: [&str; 10] = [
        "accessKey",
        "secretKey",
        "method",
        "path",
        "host",
        "query",
        "body",
        "contentType",
        "timestamp",
        "signing",
    ];
    if let Some(o) = value.as_object() {
        for k in o.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            issues.push(issue(
                k,
                Rule::AllowedValues,
                &format!("{k} is not a known signAuthV2 option (known: {}).", KEYS.join(", ")),
            ));
        }
    }
    let access_key = required_str(&value, "accessKey", &mut issues, locale);
    let secret_key = required_str(&value, "secretKey", &mut issues, locale);
    let method = required_str(&value, "method", &mut issues, locale);
    let path = required_str(&value, "path", &mut issues, locale);
    let host = required_str(&value, "host", &mut issues, locale);
    let body = value.get("body").and_then(Value::as_str);
    // Absent: the client's JSON Content-Type; `null`: the request carries none.
    let content_type = match value.get("contentType") {
        None => Some(auth::CONTENT_TYPE_JSON),
        Some(Value::Null) => None,
        Some(v) => v.as_str(),
    };
    if path.contains('?') {
        issues.push(issue(
            "path",
            Rule::Type,
            "path must not contain a query string: pass the parameters in query.",
        ));
    }
    let query = query_pairs(value.get("query"), &mut issues);
    let profile = match parse_signing(value.get("signing"), "signing", false, locale) {
        Ok(SigningMode::Fixed(p)) => Some(p),
        Ok(SigningMode::Auto) => None,
        Err(mut more) => {
            issues.append(&mut more);
            None
        }
    };
    let timestamp = match (value.get("timestamp").and_then(Value::as_str), &profile) {
        (Some(ts), _) => ts.to_owned(),
        (None, Some(p)) => p.timestamp_at(js_sys::Date::now() as i64).unwrap_or_default(),
        (None, None) => String::new(),
    };
    // Both go verbatim into the Authorization header: CR, LF, NUL or spaces there would split
    // or corrupt it.
    for (field, text) in [("accessKey", access_key), ("timestamp", timestamp.as_str())] {
        if !text.is_empty() && !crate::config::is_header_safe(text) {
            issues.push(issue(field, Rule::Type, &format!("{field} must be visible ASCII only (no spaces or control characters such as CR, LF, NUL).")));
        }
    }
    let Some(profile) = profile.filter(|_| issues.is_empty()) else {
        return Err(to_js_error(&CecError::validation(None, issues, locale)));
    };
    let query_refs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let wire = Wire { method, path, query: &query_refs, host, content_type, body };
    Ok(profile.sign(&Credentials { access_key, secret_key }, &wire, &timestamp))
}

fn issue(field: &str, rule: Rule, message: &str) -> Issue {
    Issue { field: field.to_owned(), rule, code: None, message: message.to_owned() }
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
                    None => issues.push(issue(
                        &format!("query.{k}"),
                        Rule::Type,
                        &format!("query.{k} must be a string or a number."),
                    )),
                }
            }
        }
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_array().map(Vec::as_slice) {
                    Some([Value::String(k), v]) if scalar(v).is_some() => {
                        out.push((k.clone(), scalar(v).unwrap_or_default()))
                    }
                    _ => issues.push(issue(
                        &format!("query[{i}]"),
                        Rule::Type,
                        &format!("query[{i}] must be a [name, value] pair of strings."),
                    )),
                }
            }
        }
        Some(_) => issues.push(issue(
            "query",
            Rule::Type,
            "query must be an object of parameters or an array of [name, value] pairs.",
        )),
    }
    out
}

/// Traps on purpose (`unreachable`), so the package's tests can prove that the JS layer
/// contains a trap: a `CecError` of kind `"internal"`, then a fresh instance. Not public API
/// (the JS layer exposes it only as `__testing.trap`).
#[wasm_bindgen(js_name = "__trapForTests", skip_typescript)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}
