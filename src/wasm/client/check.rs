//! `client.checkConnection()`: one cheap authenticated request per configured gateway (which, and
//! why any vendor answer proves the credentials: `crate::client::setup::connection_probes`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::super::convert::to_js_error;
use super::exec::execute;
use super::options::parse_options;
use super::rt;
use super::CecClient;
use crate::client::setup::connection_probes;
use crate::{CecError, ErrorKind};

#[wasm_bindgen]
impl CecClient {
    /// Checks every configured gateway with one cheap authenticated request (a lookup of a call
    /// id that cannot exist). Resolves to `{ isales?, apiFabric?, oifde? }`, each
    /// `{ ok, signingProfile?, latencyMs, error? }`; never rejects for a gateway's failure.
    #[wasm_bindgen(js_name = checkConnection, unchecked_return_type = "Promise<ConnectionReport>")]
    pub fn check_connection(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        let locale = self.shared.config.locale;
        let opts = match parse_options(&options, &self.shared.config) {
            Ok(o) => o,
            Err(issues) => {
                return js_sys::Promise::reject(&to_js_error(&CecError::validation(None, issues, locale)))
            }
        };
        let shared = Rc::clone(&self.shared);
        wasm_bindgen_futures::future_to_promise(async move {
            let report = js_sys::Object::new();
            for (key, endpoint, prepared) in connection_probes(&shared.config) {
                let started = rt::now_ms();
                let outcome = execute(&shared, endpoint, &prepared, &opts, &opts.stop).await;
                let entry = js_sys::Object::new();
                let set = |k: &str, v: &JsValue| {
                    let _ = js_sys::Reflect::set(&entry, &JsValue::from_str(k), v);
                };
                // A business code in the answer means authentication passed.
                let error = outcome.err().filter(|e| e.error.kind != ErrorKind::Api);
                set("ok", &JsValue::from_bool(error.is_none()));
                if key == "isales" {
                    let profile = shared.detector.try_borrow().ok().and_then(|d| d.known().map(|p| p.name));
                    if let Some(p) = profile {
                        set("signingProfile", &JsValue::from_str(p));
                    }
                }
                set("latencyMs", &JsValue::from_f64((rt::now_ms() - started).round()));
                if let Some(e) = &error {
                    set("error", &e.to_js());
                }
                let _ = js_sys::Reflect::set(&report, &JsValue::from_str(key), &entry);
            }
            Ok(report.into())
        })
    }
}
