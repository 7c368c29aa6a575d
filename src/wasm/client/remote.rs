//! `isales.sign`: the client hands a backend what it will send (method, path, the signed header
//! values, body, timestamp, query-line rule) and puts the `Authorization` value it returns on the
//! request. The page never holds the SK. `createSigningHandler` is the matching server side.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::exec::Shared;
use super::rt::{self, Stop, StopSignal};
use crate::client::errors;
use crate::client::request::{isales_wire, query_refs};
use crate::config::is_header_safe;
use crate::endpoint::{Endpoint, WireRequest};
use crate::says::{say, Msg};
use crate::signing::{QueryLine, SigningProfile};
use crate::CecError;

fn set(o: &js_sys::Object, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
}

fn message_of(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "no message".to_owned())
        .chars()
        .take(300)
        .collect()
}

/// Calls `sign` for one attempt and checks what it returns.
pub async fn sign(
    shared: &Rc<Shared>,
    sign: &js_sys::Function,
    endpoint: Endpoint,
    wire: &WireRequest,
    profile: &SigningProfile,
    stop: &StopSignal,
) -> Result<String, CecError> {
    let locale = shared.config.locale;
    let cfg = shared.config.isales.as_ref().ok_or_else(|| errors::not_configured(endpoint, locale))?;
    let (_, path) = cfg.base.join(&wire.path);
    let query = query_refs(wire);
    let on_wire = isales_wire(&cfg.base.host, wire, &path, &query);
    let timestamp = profile
        .timestamp_at(rt::epoch_ms() as i64)
        .ok_or_else(|| errors::bad_token_response(Some(endpoint), "auth-v2", Msg::ClockOutOfRange, locale))?;
    let request = js_sys::Object::new();
    set(&request, "method", &JsValue::from_str(wire.method));
    set(&request, "path", &JsValue::from_str(&path));
    let query_obj = js_sys::Object::new();
    for (k, v) in &query {
        set(&query_obj, k, &JsValue::from_str(v));
    }
    set(&request, "query", &query_obj);
    let headers = js_sys::Object::new();
    for (name, value) in profile.headers_on_wire(&on_wire) {
        set(&headers, name, &JsValue::from_str(&value));
    }
    set(&request, "headers", &headers);
    set(&request, "body", &wire.body.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    set(&request, "timestamp", &JsValue::from_str(&timestamp));
    let query_line = if profile.query_line == QueryLine::Keep { "keep" } else { "omit" };
    set(&request, "queryLine", &JsValue::from_str(query_line));

    let failed = |detail: String| errors::remote_sign_failed(endpoint, &detail, locale);
    let returned = sign.call1(&JsValue::UNDEFINED, &request).map_err(|e| failed(message_of(&e)))?;
    let value = match rt::race(JsFuture::from(js_sys::Promise::resolve(&returned)), stop.any()).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return Err(failed(message_of(&e))),
        Err(Stop::Aborted | Stop::Cancelled) => return Err(errors::aborted(Some(endpoint), locale)),
    };
    match value.as_string() {
        Some(a) if a.starts_with("auth-v2/") && is_header_safe(&a) => Ok(a),
        _ => Err(failed(say(Msg::RemoteSignNotAuthV2, locale, &[]))),
    }
}
