//! The library's call-results decoder, exported without serde-wasm-bindgen, for the decode
//! bench's time split. Every function takes the body as `&str` (the same UTF-16 → UTF-8 copy
//! `decodeResponse` makes) and runs `cec_calldata::endpoints::call_results::decode`, the exact
//! code behind `decodeResponse("callResults", ...)`.

use cec_calldata::endpoints::call_results;
use cec_calldata::Locale;
use wasm_bindgen::prelude::*;

/// JSON text → `serde_json::Value` only (the first half of `decode`).
#[wasm_bindgen(js_name = parseValueOnly)]
pub fn parse_value_only(body: &str) -> u32 {
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(o)) => o.len() as u32,
        Ok(_) => 1,
        Err(_) => 0,
    }
}

/// The whole decode (parse, envelope check, typed model); returns the item count, builds no JS
/// value.
#[wasm_bindgen(js_name = decodeOnly)]
pub fn decode_only(body: &str) -> u32 {
    match call_results::decode(body, Locale::EnUs) {
        Ok(r) => r.data.len() as u32,
        Err(_) => u32::MAX,
    }
}

/// The whole decode, then the normalised model as JSON text (for `JSON.parse` on the JS side):
/// the "return JSON text" alternative to building JS objects from wasm.
#[wasm_bindgen(js_name = decodeToJson)]
pub fn decode_to_json(body: &str) -> String {
    match call_results::decode(body, Locale::EnUs) {
        Ok(r) => serde_json::to_string(&r).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// What-if: the typed model straight from the text (`serde_json::from_str::<CallResultsResponse>`),
/// skipping the intermediate `serde_json::Value`, the envelope check and serde_path_to_error's
/// path tracking. Not what the library does; it bounds what a single-pass decoder would cost.
#[wasm_bindgen(js_name = decodeDirect)]
pub fn decode_direct(body: &str) -> u32 {
    match serde_json::from_str::<call_results::CallResultsResponse>(body) {
        Ok(r) => r.data.len() as u32,
        Err(_) => u32::MAX,
    }
}
