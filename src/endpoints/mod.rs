//! The five vendor endpoints, one module each. Each module holds the endpoint's request model,
//! its rule table, its wire encoding (method, path, body) and its response model + decoder.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::endpoint::Endpoint;
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::says::{say, Msg};
use crate::validate::{FieldRule, FieldSpec, ValueKind, MAX_SAFE_INTEGER};

pub mod call_manual_detail;
pub mod call_records;
pub mod call_result_detail;
pub mod call_results;
pub mod obs_result_codes;
pub mod transfer_records;
use cec_transcode as transcode;

// ---------------------------------------------------------------------------------------------
// Request value types shared by the endpoint modules.

/// A non-negative integer that a doc types as String (`vdn`, `callType`, epoch-millisecond
/// dates, OIFDE `pageNum`/`pageSize`): accepted as a number or a string of digits, always sent
/// as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number | string"))]
pub struct NumericString(String);

impl NumericString {
    /// `None` unless `s` is a non-empty string of ASCII digits.
    pub fn new(s: impl Into<String>) -> Option<Self> {
        let s = s.into();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(NumericString(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<u64> for NumericString {
    fn from(v: u64) -> Self {
        NumericString(v.to_string())
    }
}

impl fmt::Display for NumericString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for NumericString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

struct NumericStringVisitor;

impl Visitor<'_> for NumericStringVisitor {
    type Value = NumericString;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a non-negative integer or a string of digits")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(NumericString::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map(NumericString::from)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // JS numbers arrive as f64; accept the exact, safe, non-negative integers only.
        if v.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER as f64).contains(&v) {
            Ok(NumericString((v as u64).to_string()))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        NumericString::new(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl<'de> Deserialize<'de> for NumericString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumericStringVisitor)
    }
}

/// The digits of an optional numeric field, for a wire body.
pub(crate) fn opt_digits(v: &Option<NumericString>) -> Option<&str> {
    v.as_ref().map(NumericString::as_str)
}

/// An identifier given as a string or an integer (`campaignId`: Integer in the URL table, a
/// String in responses). Kept and sent as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number | string"))]
pub struct IdString(String);

impl IdString {
    /// `None` for an empty string (an empty id is a missing id).
    pub fn new(s: impl Into<String>) -> Option<Self> {
        let s = s.into();
        (!s.is_empty()).then_some(IdString(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<i64> for IdString {
    fn from(v: i64) -> Self {
        IdString(v.to_string())
    }
}

impl fmt::Display for IdString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for IdString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

struct IdStringVisitor;

impl Visitor<'_> for IdStringVisitor {
    type Value = IdString;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a non-empty string or an integer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(IdString(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(IdString::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER as f64 {
            Ok(IdString::from(v as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        IdString::new(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl<'de> Deserialize<'de> for IdString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdStringVisitor)
    }
}

/// `vdnId` of the three CC-iSales endpoints: "an integer ranging from 1 to 9999".
pub(crate) const VDN_ID_FIELD: FieldSpec =
    FieldSpec::required("vdnId", ValueKind::Integer, &[FieldRule::Range { min: 1, max: Some(9999) }]);

/// A path segment, percent-encoded: every byte but the unreserved `A-Z a-z 0-9 - . _ ~`
/// (callIds such as `1644464743-1388` go into URL paths).
pub fn encode_path_segment(s: &str) -> String {
    crate::auth::normalize(s)
}

/// Builds a compact JSON object body with its keys in the order given (the documented order).
/// serde_json's `Map` would sort keys unless `preserve_order` is on, and the body is signed, so
/// the bytes must not depend on a feature flag somewhere in the dependency graph.
#[derive(Debug, Default)]
pub(crate) struct JsonBody {
    out: String,
}

impl JsonBody {
    pub(crate) fn new() -> Self {
        JsonBody { out: String::from("{") }
    }

    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        self.out.push_str(&Value::from(key).to_string());
        self.out.push(':');
    }

    pub(crate) fn string(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        self.out.push_str(&Value::from(value).to_string());
        self
    }

    /// Adds `key` only when `value` is present and not empty.
    pub(crate) fn opt_string(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) if !v.is_empty() => self.string(key, v),
            _ => self,
        }
    }

    pub(crate) fn opt_integer(mut self, key: &str, value: Option<i64>) -> Self {
        if let Some(v) = value {
            self.key(key);
            self.out.push_str(&v.to_string());
        }
        self
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

// ---------------------------------------------------------------------------------------------
// Response decoding shared by the endpoint modules.

/// The success code of the CC-iSales envelope (`returnCode` / `resultCode`).
pub const ISALES_SUCCESS: &str = "0200000";

fn subject(endpoint: Endpoint, locale: Locale) -> String {
    say(Msg::ResponseOf, locale, &[("endpoint", endpoint.as_str())])
}

/// Parses a response body as JSON (malformed JSON is a `Decode` error).
pub(crate) fn parse_body(endpoint: Endpoint, body: &str, locale: Locale) -> Result<Value, CecError> {
    crate::normalize::parse_json(body, Some(endpoint), &subject(endpoint, locale), locale)
}

/// What a typed response says about itself: whether it is a success answer. Used only to
/// accept the one-pass decode; anything else goes through the careful path.
pub(crate) trait SuccessAnswer {
    fn is_success(&self) -> bool;
}

/// isales: at least one code present, and every present code is `0200000`.
pub(crate) fn isales_success(return_code: Option<&str>, result_code: Option<&str>) -> bool {
    (return_code.is_some() || result_code.is_some())
        && [return_code, result_code].into_iter().flatten().all(|c| c == ISALES_SUCCESS)
}

/// Decodes one response body.
///
/// One pass: the typed model is deserialized straight from the text, with path tracking. A
/// success answer (the common case) is done then. Otherwise the envelope decides: the body is
/// parsed once more as a `Value` and the gateway's code check runs, so a vendor code wins over
/// a shape error (an error envelope has no `data`), and a shape error names the offending field.
/// The export bench showed the former parse-to-`Value`-then-decode path spending over half its
/// time on the intermediate tree.
pub(crate) fn decode_response_body<T: de::DeserializeOwned + SuccessAnswer>(
    endpoint: Endpoint,
    body: &str,
    locale: Locale,
    check_envelope: fn(Endpoint, &Value, Locale) -> Result<(), CecError>,
) -> Result<T, CecError> {
    let subject = subject(endpoint, locale);
    // Every documented response is an object; a bare array would deserialize as defaults.
    let typed = if body.trim_start().starts_with('{') {
        match crate::normalize::decode_str::<T>(body, Some(endpoint), &subject, locale) {
            Ok(t) if t.is_success() => return Ok(t),
            other => Some(other),
        }
    } else {
        None
    };
    let value = parse_body(endpoint, body, locale)?;
    check_envelope(endpoint, &value, locale)?;
    match typed {
        Some(result) => result,
        // Not an object: the envelope check has already said so; this keeps the types whole.
        None => Err(CecError::decode(
            Some(endpoint),
            &subject,
            None,
            &say(Msg::ExpectedObject, locale, &[]),
            locale,
        )),
    }
}

/// The envelope check of queryCallManualDetailInfo, which has no code: an object is enough.
pub(crate) fn check_object_envelope(
    endpoint: Endpoint,
    value: &Value,
    locale: Locale,
) -> Result<(), CecError> {
    envelope_object(endpoint, value, locale).map(|_| ())
}

/// The body as a JSON object (every documented response is one), else a `Decode` error.
pub(crate) fn envelope_object(
    endpoint: Endpoint,
    value: &Value,
    locale: Locale,
) -> Result<&Map<String, Value>, CecError> {
    value.as_object().ok_or_else(|| {
        CecError::decode(
            Some(endpoint),
            &subject(endpoint, locale),
            None,
            &say(Msg::ExpectedObject, locale, &[]),
            locale,
        )
    })
}

/// A vendor code as text: codes are documented as strings, but a number is read too.
fn code_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !crate::normalize::is_null_string(s) && !s.trim().is_empty() => {
            Some(s.trim().to_owned())
        }
        // `0` and `0.0` are the same success code.
        Value::Number(n) if n.as_f64() == Some(0.0) => Some("0".to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_of<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    object.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// The more specific of `resultDesc` and `returnDesc`: the docs put an error's details in
/// `resultDesc` ("For details about the error, see resultDesc"), so it wins unless it is only a
/// part of `returnDesc` (then `returnDesc` says more).
pub(crate) fn more_specific<'a>(
    result_desc: Option<&'a str>,
    return_desc: Option<&'a str>,
) -> Option<&'a str> {
    match (result_desc, return_desc) {
        (Some(r), Some(t)) if t.len() > r.len() && t.contains(r.trim()) => Some(t),
        (Some(r), _) => Some(r),
        (None, t) => t,
    }
}

/// The CC-iSales envelope: `returnCode` (then `resultCode`) other than `0200000` is an `api`
/// error carrying that code and the server's paired description verbatim. A body with neither
/// code is not an iSales answer at all: a `Decode` error.
pub(crate) fn check_isales_envelope(
    endpoint: Endpoint,
    value: &Value,
    locale: Locale,
) -> Result<(), CecError> {
    let object = envelope_object(endpoint, value, locale)?;
    let mut seen_code = false;
    for code_key in ["returnCode", "resultCode"] {
        let Some(code) = object.get(code_key).and_then(code_text) else {
            continue;
        };
        seen_code = true;
        if code != ISALES_SUCCESS {
            let description = more_specific(text_of(object, "resultDesc"), text_of(object, "returnDesc"));
            return Err(crate::codes::api_error(endpoint, &code, description, locale));
        }
    }
    if seen_code {
        Ok(())
    } else {
        Err(CecError::decode(
            Some(endpoint),
            &subject(endpoint, locale),
            None,
            &say(Msg::NoEnvelopeCode, locale, &[]),
            locale,
        ))
    }
}

/// The OIFDE envelope: `errorCode` other than 0 is an `api` error with the code as a string and
/// `errorMessage` (or `errorMsg`, the spelling of `gettoken`) as description. A missing
/// `errorCode` is left to the typed decoder, which reports it with its path.
pub(crate) fn check_oifde_envelope(
    endpoint: Endpoint,
    value: &Value,
    locale: Locale,
) -> Result<(), CecError> {
    let object = envelope_object(endpoint, value, locale)?;
    match object.get("errorCode").and_then(code_text) {
        Some(code) if code != "0" => {
            let description = text_of(object, "errorMessage").or_else(|| text_of(object, "errorMsg"));
            Err(crate::codes::api_error(endpoint, &code, description, locale))
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Dispatch by endpoint (the boundary's `validate*Request` and `decodeResponse`).

/// Every issue of `input` as a request of `endpoint`.
pub fn validate(endpoint: Endpoint, input: &Value, locale: Locale) -> Vec<Issue> {
    match endpoint {
        Endpoint::CallResultDetail => call_result_detail::validate(input, locale),
        Endpoint::CallResults => call_results::validate(input, locale),
        Endpoint::CallRecords => call_records::validate(input, locale),
        Endpoint::CallManualDetail => call_manual_detail::validate(input, locale),
        Endpoint::TransferRecords => transfer_records::validate(input, locale),
        Endpoint::ObsResultCodes => obs_result_codes::validate(input, locale),
    }
}

/// A decoded response of any endpoint. Untagged: in JS it is just the response object.
///
/// Serialize only: the lenient response models accept almost any object, so reading an
/// untagged value back could not tell the endpoints apart. Decode with [`decode`] instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum DecodedResponse {
    CallResultDetail(call_result_detail::CallResultDetailResponse),
    CallResults(call_results::CallResultsResponse),
    CallRecords(call_records::CallRecordsResponse),
    CallManualDetail(call_manual_detail::CallManualDetailResponse),
    TransferRecords(transfer_records::TransferRecordsResponse),
    ObsResultCodes(obs_result_codes::ObsResultCodesResponse),
}

impl DecodedResponse {
    pub fn endpoint(&self) -> Endpoint {
        match self {
            DecodedResponse::CallResultDetail(_) => Endpoint::CallResultDetail,
            DecodedResponse::CallResults(_) => Endpoint::CallResults,
            DecodedResponse::CallRecords(_) => Endpoint::CallRecords,
            DecodedResponse::CallManualDetail(_) => Endpoint::CallManualDetail,
            DecodedResponse::TransferRecords(_) => Endpoint::TransferRecords,
            DecodedResponse::ObsResultCodes(_) => Endpoint::ObsResultCodes,
        }
    }
}

/// Decodes a response body of `endpoint`: envelope check, then the normalised model.
pub fn decode(endpoint: Endpoint, body: &str, locale: Locale) -> Result<DecodedResponse, CecError> {
    Ok(match endpoint {
        Endpoint::CallResultDetail => {
            DecodedResponse::CallResultDetail(call_result_detail::decode(body, locale)?)
        }
        Endpoint::CallResults => DecodedResponse::CallResults(call_results::decode(body, locale)?),
        Endpoint::CallRecords => DecodedResponse::CallRecords(call_records::decode(body, locale)?),
        Endpoint::CallManualDetail => {
            DecodedResponse::CallManualDetail(call_manual_detail::decode(body, locale)?)
        }
        Endpoint::TransferRecords => {
            DecodedResponse::TransferRecords(transfer_records::decode(body, locale)?)
        }
        Endpoint::ObsResultCodes => DecodedResponse::ObsResultCodes(obs_result_codes::decode(body, locale)?),
    })
}

/// Decodes a response body of `endpoint` straight to its normalised JSON text: byte for byte
/// `serde_json::to_string(&decode(endpoint, body, locale)?)`, and the same `CecError` (kind, code,
/// message, JSON path) when `decode` fails.
///
/// A success body goes through the table-driven transcoder (one pass over the text, no typed
/// model); anything else falls back to [`decode`], which produces the exact error or the model.
pub fn decode_to_json(endpoint: Endpoint, body: &str, locale: Locale) -> Result<String, CecError> {
    if let Some(t) = transcode::transcode(transcode_table(endpoint), body, true) {
        return Ok(t.text);
    }
    to_json_text(&decode(endpoint, body, locale)?)
}

/// The transcoding table of `endpoint`'s response.
fn transcode_table(endpoint: Endpoint) -> &'static transcode::ResponseTable {
    match endpoint {
        Endpoint::CallResultDetail => &call_result_detail::RESPONSE_TABLE,
        Endpoint::CallResults => &call_results::RESPONSE_TABLE,
        Endpoint::CallRecords => &call_records::RESPONSE_TABLE,
        Endpoint::CallManualDetail => &call_manual_detail::RESPONSE_TABLE,
        Endpoint::TransferRecords => &transfer_records::RESPONSE_TABLE,
        Endpoint::ObsResultCodes => &obs_result_codes::RESPONSE_TABLE,
    }
}

fn to_json_text(decoded: &DecodedResponse) -> Result<String, CecError> {
    // Our models are plain structs of strings, integers and lists: serialising cannot fail; if
    // it ever did, the caller gets a `decode` error, not a panic.
    serde_json::to_string(decoded).map_err(|e| {
        CecError::new(crate::error::ErrorKind::Decode, format!("could not convert a value for JS: {e}"))
    })
}

/// A decoded page as normalised JSON text (what [`decode_to_json`] returns), with where its
/// items are, for the iterators: they hand items to JS as text and read the few fields they
/// filter on, without a typed model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPage {
    text: String,
    items: Vec<(usize, usize)>,
    total: Option<u64>,
}

impl JsonPage {
    /// The whole response, normalised (= `decode_to_json`).
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The total the page reports (`totalCount` / `total`), for the endpoints that have one.
    pub fn total(&self) -> Option<u64> {
        self.total
    }
    /// How many items the page's list holds (`data`, `recordList`, `results`,
    /// `transferRecordList`, `obsCodes`; 0 for callResultDetail, which has none).
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Item `index` as JSON text: byte for byte `serde_json::to_string` of the typed item.
    pub fn item(&self, index: usize) -> Option<&str> {
        let &(a, b) = self.items.get(index)?;
        self.text.get(a..b)
    }
    /// Every item, in order, as JSON text.
    pub fn items(&self) -> impl Iterator<Item = &str> + '_ {
        self.items.iter().filter_map(|&(a, b)| self.text.get(a..b))
    }
    /// A string field of item `index` (`callId`, `callTimeStr`, ...): `None` when it is null,
    /// absent or not a string.
    pub fn item_str(&self, index: usize, field: &str) -> Option<String> {
        transcode::string_field(self.item(index)?, field)
    }
}

/// Decodes a response body of `endpoint` as a [`JsonPage`]: the same text and errors as
/// [`decode_to_json`].
pub fn decode_page(endpoint: Endpoint, body: &str, locale: Locale) -> Result<JsonPage, CecError> {
    let table = transcode_table(endpoint);
    let page = |t: transcode::Transcoded| {
        let total = t.total.and_then(|(a, b)| t.text.get(a..b)).and_then(|n| n.parse::<u64>().ok());
        JsonPage { total, items: t.items, text: t.text }
    };
    if let Some(t) = transcode::transcode(table, body, true) {
        return Ok(page(t));
    }
    let text = to_json_text(&decode(endpoint, body, locale)?)?;
    // The typed route's own output is normalised JSON, which the transcoder always reads back
    // (whatever the envelope says: the typed decoder has already accepted it).
    match transcode::transcode(table, &text, false) {
        Some(t) if t.text == text => Ok(page(t)),
        _ => Err(CecError::new(
            crate::error::ErrorKind::Decode,
            format!("could not index the {} response", endpoint.as_str()),
        )),
    }
}

#[cfg(test)]
mod tests;
