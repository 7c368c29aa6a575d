//! The CC-iSales business-error envelope (HTTP 200, or the callRecord error status): the docs'
//! codes and descriptions in the language of the `locale` header (default zh_CN, doc 01).
//!
//! Parameter failures have two documented forms and the docs do not say which a server uses:
//! the specific code (`02000001` empty, `02000006` type, ...) or `0200001` "Parameter error. For
//! details about the error, see resultDesc". `--param-errors specific|generic` picks one.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::params::FieldError;
use super::{json_response, Shared};

/// A business error: code and, for the generic parameter codes, the offending parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fail {
    pub code: &'static str,
    pub param: Option<&'static str>,
}

pub fn fail(code: &'static str, param: &'static str) -> Fail {
    Fail { code, param: Some(param) }
}

pub fn field(param: &'static str) -> impl Fn(FieldError) -> Fail {
    move |e| match e {
        FieldError::Empty => fail(codes::EMPTY, param),
        FieldError::Type => fail(codes::TYPE, param),
    }
}

pub mod codes {
    pub const PARAM: &str = "0200001";
    pub const NOT_FOUND: &str = "0200007";
    pub const BOTH_TIMES: &str = "0200008";
    pub const TIME_FORMAT: &str = "0200009";
    pub const TIME_ORDER: &str = "0200010";
    pub const TIME_SPAN: &str = "0200011";
    pub const EMPTY: &str = "02000001";
    pub const TOO_LONG: &str = "02000003";
    pub const TYPE: &str = "02000006";
    pub const VALUE: &str = "02000007";
    pub const CONVERSION: &str = "02000008";
}

/// (code, English, Chinese) descriptions from the docs' error tables.
const DESCRIPTIONS: [(&str, &str, &str); 11] = [
    (codes::PARAM, "Parameter error.", "参数异常。"),
    (codes::NOT_FOUND, "The requested object does not exist.", "请求的对象不存在。"),
    (
        codes::BOTH_TIMES,
        "The start time and end time must be specified or left empty at the same time.",
        "开始时间和结束时间必须同时存在或同时为空。",
    ),
    (
        codes::TIME_FORMAT,
        "The format of the start time or end time is incorrect.",
        "开始时间或结束时间格式不正确。",
    ),
    (
        codes::TIME_ORDER,
        "The start time is later than or equal to the end time.",
        "开始时间大于或等于结束时间。",
    ),
    (
        codes::TIME_SPAN,
        "The interval between the start time and end time exceeds 30 days.",
        "开始时间与结束时间间隔超过30天。",
    ),
    (codes::EMPTY, "Empty parameter.", "参数值为空。"),
    (codes::TOO_LONG, "The parameter length cannot exceed the maximum length.", "参数长度不能大于规定长度。"),
    (codes::TYPE, "Incorrect parameter type.", "参数值类型不正确。"),
    (codes::VALUE, "Incorrect parameter value.", "参数值大小不正确。"),
    (
        codes::CONVERSION,
        "Parameter conversion error. Check the request parameters.",
        "参数转换异常,请检查请求参数。",
    ),
];

/// The `locale` header picks the language of descriptions; the docs' default is zh_CN.
pub fn english(headers: &HeaderMap) -> bool {
    headers
        .get("locale")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"))
}

fn describe(f: Fail, not_found: &str, english: bool) -> String {
    let base = if f.code == codes::NOT_FOUND {
        not_found.to_string()
    } else {
        DESCRIPTIONS
            .iter()
            .find(|(c, _, _)| *c == f.code)
            .map(|(_, en, zh)| if english { *en } else { *zh })
            .unwrap_or("")
            .to_string()
    };
    match f.param {
        Some(p) => format!("{base} [{p}]"),
        None => base,
    }
}

/// The business-error envelope, HTTP 200. In `generic` mode a parameter failure is `0200001`
/// with the generic text in `returnDesc` and the details in `resultDesc`, as the docs describe.
pub fn envelope(s: &Shared, f: Fail, not_found: &str, headers: &HeaderMap) -> Response {
    envelope_with_status(s, StatusCode::OK, f, not_found, headers)
}

/// [`envelope`] with another HTTP status (callRecord's documented 500 business failure).
pub fn envelope_with_status(
    s: &Shared,
    status: StatusCode,
    f: Fail,
    not_found: &str,
    headers: &HeaderMap,
) -> Response {
    let en = english(headers);
    let desc = describe(f, not_found, en);
    let body = if s.config.generic_param_errors && is_param_code(f.code) {
        let generic = describe(Fail { code: codes::PARAM, param: None }, not_found, en);
        json!({"returnCode": codes::PARAM, "returnDesc": generic, "resultCode": codes::PARAM,
               "resultDesc": format!("{generic} {desc}")})
    } else {
        json!({"returnCode": f.code, "returnDesc": desc, "resultCode": f.code, "resultDesc": desc})
    };
    json_response(status, &body)
}

/// The generic parameter codes `02000001`..`02000011` (not the date-window codes, which are
/// specific to callresult and have their own meaning).
fn is_param_code(code: &str) -> bool {
    code.len() == 8 && code.starts_with("020000")
}
