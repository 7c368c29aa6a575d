//! The optional `logger` / `onRequest` / `onResponse` hooks. They see what was called, where,
//! how it went and how long it took: never headers, bodies, tokens or keys (those are not in
//! `CecEvent` at all). A hook that throws, or returns a promise that rejects, cannot break the
//! call.

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;

use crate::client::event::CecEvent;

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
