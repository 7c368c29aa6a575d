//! The optional `logger` / `onRequest` / `onResponse` hooks. They see what was called, where,
//! how it went and how long it took: never headers, bodies, tokens or keys (those are not in
//! `CecEvent` at all). A hook that throws, or returns a promise that rejects, cannot break the
//! call.

use std::cell::OnceCell;

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::ErrorKind;

/// What a hook receives.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CecEvent {
    /// `"request"` before each HTTP attempt, `"response"` after it (with `status`, or with
    /// `errorKind` when no response arrived), `"retry"` before a backoff sleep, `"signing"` when
    /// `signing: "auto"` pins the auth-v2 profile that passed (`signingProfile`, `tried`).
    #[serde(rename = "type")]
    #[tsify(type = "\"request\" | \"response\" | \"retry\" | \"signing\"")]
    pub kind: &'static str,
    /// The endpoint (`"callResults"`, ...), or `"apiFabricToken"` / `"oifdeToken"` for token
    /// requests.
    #[tsify(type = "Endpoint | \"apiFabricToken\" | \"oifdeToken\"")]
    pub endpoint: &'static str,
    #[tsify(type = "\"isales\" | \"apiFabric\" | \"oifde\"")]
    pub gateway: &'static str,
    pub method: &'static str,
    /// The request URL (credentials are never in URLs: they travel in headers or bodies).
    pub url: String,
    /// 1 for the first attempt of a call, 2 for the first retry, ...
    pub attempt: u32,
    /// Retries made so far (`attempt - 1` for data requests).
    pub retries: u32,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Milliseconds from sending to the end of the response body (response events).
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<f64>,
    /// Why an attempt failed (response events) or is being retried (retry events).
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ErrorKind>,
    /// How long the client waits before the retry (retry events).
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// The auth-v2 profile pinned (signing events): `"A"`, `"B"`; put it in `isales.signing`
    /// to skip detection next time.
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_profile: Option<&'static str>,
    /// The profiles tried, in order, the pinned one last (signing events).
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tried: Option<Vec<&'static str>>,
    /// The gateway's request id (`X-Request-Id` or similar), when its response carried one.
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[derive(Default, Clone)]
pub struct Hooks {
    pub logger: Option<js_sys::Function>,
    pub on_request: Option<js_sys::Function>,
    pub on_response: Option<js_sys::Function>,
}

thread_local! {
    /// A no-op rejection handler for hooks that return promises (lives as long as the module).
    static SWALLOW: OnceCell<Closure<dyn FnMut(JsValue)>> = const { OnceCell::new() };
}

fn call_safely(f: &js_sys::Function, event: &JsValue) {
    let Ok(ret) = f.call1(&JsValue::UNDEFINED, event) else { return };
    // An async hook that rejects would otherwise be an unhandled rejection (fatal in Node).
    let is_thenable = ret.is_object()
        && js_sys::Reflect::get(&ret, &JsValue::from_str("then")).is_ok_and(|t| t.is_function());
    if is_thenable {
        let promise = js_sys::Promise::resolve(&ret);
        SWALLOW.with(|cell| {
            let handler = cell.get_or_init(|| Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {}));
            let _ = promise.catch(handler);
        });
    }
}

impl Hooks {
    pub fn is_empty(&self) -> bool {
        self.logger.is_none() && self.on_request.is_none() && self.on_response.is_none()
    }

    pub fn emit(&self, event: &CecEvent) {
        if self.is_empty() {
            return;
        }
        let Ok(value) = super::super::convert::to_js(event) else { return };
        if let Some(f) = &self.logger {
            call_safely(f, &value);
        }
        let specific = match event.kind {
            "request" => &self.on_request,
            "response" => &self.on_response,
            _ => &None,
        };
        if let Some(f) = specific {
            call_safely(f, &value);
        }
    }
}
