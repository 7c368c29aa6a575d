//! Conversions between JS values and core types, shared by every export.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::says::{say, Msg};
use crate::{CecError, ErrorKind, Issue, Locale};

thread_local! {
    /// The JS `CecError` class, registered by the package entry points (js/runtime.js) so that
    /// errors thrown from wasm pass `instanceof CecError`.
    static ERROR_CLASS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the JS `CecError` constructor: `new Ctor(message, fields)`.
#[wasm_bindgen(js_name = "__registerErrorClass", skip_typescript)]
pub fn register_error_class(ctor: js_sys::Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(ctor));
}

/// Serializer used for every value handed to JS: plain objects, `null` for absent fields so
/// response shapes are stable.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true)
}

/// Core value → JS value. Serialization of our own types cannot fail in practice; if it ever
/// did, the caller gets a `decode` CecError rather than a panic.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serializer()).map_err(|e| {
        to_js_error(&CecError::new(ErrorKind::Decode, format!("could not convert a value for JS: {e}")))
    })
}

/// Response models → JS through JSON text and the engine's own `JSON.parse`. For data-sized
/// values this beats building each object property by property across the boundary, which the
/// decode bench measured as nearly half of `decodeResponse`. The shape is the same as `to_js`
/// gives: plain objects, `null` for absent fields.
pub fn to_js_via_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|_| json_error())?;
    json_to_js(&text)
}

/// JSON text (normalised by the core) → JS value, by the engine's own `JSON.parse`.
pub fn json_to_js(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| json_error())
}

fn json_error() -> JsValue {
    to_js_error(&CecError::new(ErrorKind::Decode, say(Msg::JsonParseRejected, Locale::default(), &[])))
}

/// Any JS value → JSON value, for the validators and the client. Never throws and never traps:
/// deep, cyclic, huge, throwing or non-JSON values become issues naming their path
/// (see `js_input`).
pub fn js_to_json(value: &JsValue, locale: Locale) -> Result<serde_json::Value, Vec<Issue>> {
    super::js_input::to_json(value, &[], locale)
}

/// Reads an optional string property of an options object; anything else is treated as absent.
pub fn string_prop(obj: &JsValue, name: &str) -> Option<String> {
    if !obj.is_object() {
        return None;
    }
    super::js_input::get_prop(obj, name).ok().and_then(|v| v.as_string())
}

/// `options.locale`, defaulting to en_US for anything unrecognised (options never throw).
pub fn locale_option(options: &JsValue) -> Locale {
    string_prop(options, "locale").and_then(|s| Locale::parse(&s)).unwrap_or_default()
}

/// Core `CecError` → JS `CecError` instance (or a plain `Error` carrying the same fields when no
/// class has been registered, e.g. in raw wasm tests).
pub fn to_js_error(err: &CecError) -> JsValue {
    let fields = err.serialize(&serializer()).unwrap_or(JsValue::NULL);
    let message = JsValue::from_str(&err.message);
    let registered = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(ctor) = registered {
        let args = js_sys::Array::of2(&message, &fields);
        if let Ok(e) = js_sys::Reflect::construct(&ctor, &args) {
            return e;
        }
    }
    let e = js_sys::Error::new(&err.message);
    e.set_name("CecError");
    let e: JsValue = e.into();
    if let Ok(obj) = fields.dyn_into::<js_sys::Object>() {
        let _ = js_sys::Object::assign(&e.clone().unchecked_into(), &obj);
    }
    e
}
