//! `client.checkConnection()`: one cheap authenticated request per configured gateway, what a
//! user runs first against a new tenant. Each asks for a call id that cannot exist, so any
//! vendor answer (CC-iSales `0200007`, an empty CDR list, an OIFDE page) proves the credentials
//! and, for CC-iSales, the auth-v2 layout passed.

use std::rc::Rc;

use serde_json::json;
use wasm_bindgen::prelude::*;

use super::super::convert::to_js_error;
use super::exec::{execute, CallError, Prepared, Shared};
use super::options::{parse_options, CallOpts};
use super::rt::{self, StopSignal};
use super::CecClient;
use crate::endpoint::Endpoint;
use crate::endpoints::{call_manual_detail, call_result_detail, transfer_records};
use crate::{CecError, ErrorKind, Locale};

struct ProbeResult {
    ok: bool,
    latency_ms: f64,
    error: Option<CallError>,
}

/// A call id no tenant has (the docs' format `<epoch seconds>-<sequence>`, epoch 0).
const NO_SUCH_CALL: &str = "0000000000-0";

async fn probe<T>(
    shared: &Rc<Shared>,
    endpoint: Endpoint,
    prepared: Prepared,
    decode: fn(&str, Locale) -> Result<T, CecError>,
    opts: &CallOpts,
    stop: &StopSignal,
) -> ProbeResult {
    let started = rt::now_ms();
    let outcome = execute(shared, endpoint, &prepared, decode, opts, stop).await;
    let latency_ms = (rt::now_ms() - started).round();
    match outcome {
        Ok(_) => ProbeResult { ok: true, latency_ms, error: None },
        // The gateway answered with a business code: authentication passed.
        Err(e) if e.error.kind == ErrorKind::Api => ProbeResult { ok: true, latency_ms, error: None },
        Err(e) => ProbeResult { ok: false, latency_ms, error: Some(e) },
    }
}

fn entry(r: ProbeResult, signing_profile: Option<&str>) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set("ok", &JsValue::from_bool(r.ok));
    if let Some(p) = signing_profile {
        set("signingProfile", &JsValue::from_str(p));
    }
    set("latencyMs", &JsValue::from_f64(r.latency_ms));
    if let Some(e) = &r.error {
        set("error", &e.to_js());
    }
    o.into()
}

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
            let stop = opts.stop.clone();
            let report = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&report, &JsValue::from_str(k), &v);
            };
            if shared.config.isales.is_some() {
                let req = call_result_detail::parse(&json!({ "vdnId": 1, "callId": NO_SUCH_CALL }), locale)
                    .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
                let r = probe(
                    &shared,
                    Endpoint::CallResultDetail,
                    Prepared::Headers(req.to_wire()),
                    call_result_detail::decode,
                    &opts,
                    &stop,
                )
                .await;
                let profile = shared.detector.try_borrow().ok().and_then(|d| d.known().map(|p| p.name));
                set("isales", entry(r, profile));
            }
            if shared.config.api_fabric.is_some() {
                let req = call_manual_detail::parse(
                    &json!({ "subCcNo": "1", "vdn": 1, "callId": NO_SUCH_CALL }),
                    locale,
                )
                .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
                let r = probe(
                    &shared,
                    Endpoint::CallManualDetail,
                    Prepared::Headers(req.to_wire()),
                    call_manual_detail::decode,
                    &opts,
                    &stop,
                )
                .await;
                set("apiFabric", entry(r, None));
            }
            if shared.config.oifde.is_some() {
                let req = transfer_records::parse(&json!({ "callId": NO_SUCH_CALL, "pageSize": 5 }), locale)
                    .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
                let r = probe(
                    &shared,
                    Endpoint::TransferRecords,
                    Prepared::Oifde(req),
                    transfer_records::decode,
                    &opts,
                    &stop,
                )
                .await;
                set("oifde", entry(r, None));
            }
            Ok(report.into())
        })
    }
}
