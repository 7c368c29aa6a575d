//! The stateless exports: validators, decoding, error-code lookup, signing, callback parsing.
//! Each one: convert in → call the core → convert out → map errors.

use wasm_bindgen::prelude::*;

use super::convert::{js_to_json, locale_option, to_js, to_js_error, to_js_via_json};
use crate::endpoint::Endpoint;
use crate::endpoints;
use crate::export_options;
use crate::says::{say, Msg};
use crate::{callback, codes, CecError, Locale};

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

/// The validators: one export per endpoint, each `validate_with` its endpoint.
macro_rules! validators {
    ($($rust:ident = $js:tt for $endpoint:expr;)*) => {$(
        #[wasm_bindgen(js_name = $js, unchecked_return_type = "Issue[]")]
        pub fn $rust(
            #[wasm_bindgen(unchecked_param_type = "unknown")] request: JsValue,
            #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
        ) -> Result<JsValue, JsValue> {
            validate_with($endpoint, &request, &options)
        }
    )*};
}

validators! {
    validate_call_result_detail_request = "validateCallResultDetailRequest" for Endpoint::CallResultDetail;
    validate_call_results_request = "validateCallResultsRequest" for Endpoint::CallResults;
    validate_call_records_request = "validateCallRecordsRequest" for Endpoint::CallRecords;
    validate_call_manual_detail_request = "validateCallManualDetailRequest" for Endpoint::CallManualDetail;
    validate_transfer_record_request = "validateTransferRecordRequest" for Endpoint::TransferRecords;
    validate_obs_result_codes_request = "validateObsResultCodesRequest" for Endpoint::ObsResultCodes;
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
    let name = name.as_string();
    name.as_deref()
        .and_then(Endpoint::parse)
        .ok_or_else(|| to_js_error(&export_options::unknown_endpoint(locale)))
}

/// `decodeResponse(endpoint, bodyText, options?)`. Typed overloads are declared in js/extra.d.ts.
#[wasm_bindgen(js_name = "decodeResponse", skip_typescript)]
pub fn decode_response(endpoint: JsValue, body_text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let locale = locale_option(&options);
    let endpoint = endpoint_arg(&endpoint, locale)?;
    let body = body_text.as_string().ok_or_else(|| {
        to_js_error(&export_options::not_text("bodyText", Some(Msg::TheRawResponseBody), locale))
    })?;
    let text = endpoints::decode_to_json(endpoint, &body, locale).map_err(|e| to_js_error(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| to_js_error(&json_text_error()))
}

fn json_text_error() -> CecError {
    CecError::new(crate::ErrorKind::Decode, say(Msg::JsonParseRejected, Locale::default(), &[]))
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
    BODY.with(|b| match b.try_borrow_mut() {
        Ok(mut b) => {
            if b.len() < capacity {
                b.resize(capacity, 0);
            }
            b.as_mut_ptr()
        }
        // Only while a decode reads the buffer, which JS cannot interleave: never a panic.
        Err(_) => std::ptr::null_mut(),
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
        let not_text = || {
            to_js_error(&CecError::new(crate::ErrorKind::Decode, say(Msg::BodyBufferNotText, locale, &[])))
        };
        let b = b.try_borrow().map_err(|_| not_text())?;
        // JS wrote UTF-8 from a JS string; a lone surrogate became U+FFFD as with string passing.
        let body = b.get(..len).and_then(|bytes| std::str::from_utf8(bytes).ok()).ok_or_else(not_text)?;
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
        _ => return Err(to_js_error(&export_options::not_text("code", None, locale))),
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
    let body_text = body_text.as_string().ok_or_else(|| {
        to_js_error(&export_options::not_text("bodyText", Some(Msg::TheRawRequestBody), locale))
    })?;
    let items = callback::parse_call_result_callback(&body_text, locale).map_err(|e| to_js_error(&e))?;
    to_js_via_json(&items)
}

/// `signAuthV2(input)`: the `Authorization` header value of AUTH.md's auth-v2 scheme.
#[wasm_bindgen(js_name = "signAuthV2")]
pub fn sign_auth_v2(
    #[wasm_bindgen(unchecked_param_type = "SignAuthV2Input")] input: JsValue,
) -> Result<String, JsValue> {
    let locale = Locale::EnUs;
    let value =
        js_to_json(&input, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
    crate::sign_auth_v2::sign(&value, js_sys::Date::now() as i64)
        .map_err(|issues| to_js_error(&CecError::validation(None, issues, locale)))
}

/// Traps on purpose (`unreachable`), so the package's tests can prove that the JS layer
/// contains a trap: a `CecError` of kind `"internal"`, then a fresh instance. Not public API
/// (the JS layer exposes it only as `__testing.trap`).
#[wasm_bindgen(js_name = "__trapForTests", skip_typescript)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}
