//! Per-call options: the caller's object is read into `CallOptions` (its one type) and checked
//! by `crate::client::call_options`; the signal is watched here.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::rt::StopSignal;
use crate::client::call_options::{self, SignalProblem};
use crate::client::types::CallOptions;
use crate::config::ClientConfig;
use crate::wasm::js_input;
use crate::Issue;

/// The options of one call (or iterator), with the client's defaults filled in.
#[derive(Clone)]
pub struct CallOpts {
    pub signal: Option<JsValue>,
    /// The signal, already watched (a signal whose `addEventListener` throws is an issue).
    pub stop: StopSignal,
    pub timeout_ms: u32,
    /// Overrides the client's `maxRetries` for this call.
    pub max_retries: Option<u32>,
    /// Extra headers for this call, after the gateway's (a same-named one replaces it).
    pub headers: Vec<(String, String)>,
}

/// Read here (`signal`) or by the iterators (`resume`), not from the JSON.
const READ_BY_BOUNDARY: [&str; 2] = ["options.signal", "options.resume"];

/// Watches an `AbortSignal`-shaped value.
fn watch(signal: &JsValue) -> Result<StopSignal, SignalProblem> {
    let has = |k: &str, ok: fn(&JsValue) -> bool| {
        js_sys::Reflect::get(signal, &JsValue::from_str(k)).is_ok_and(|v| ok(&v))
    };
    let looks_like_signal = signal.is_object()
        && has("aborted", |v| v.as_bool().is_some())
        && has("addEventListener", JsValue::is_function);
    if !looks_like_signal {
        return Err(SignalProblem::NotASignal);
    }
    StopSignal::new(Some(signal)).map_err(|_| SignalProblem::NotWatchable)
}

pub fn parse_options(
    options: &Option<js_sys::Object>,
    config: &ClientConfig,
) -> Result<CallOpts, Vec<Issue>> {
    let locale = config.locale;
    let defaults = call_options::CallSettings::defaults(&config.limits);
    let mut out = CallOpts {
        signal: None,
        stop: StopSignal::none(),
        timeout_ms: defaults.timeout_ms,
        max_retries: None,
        headers: Vec::new(),
    };
    let Some(o) = options else { return Ok(out) };
    let keys = js_input::keys_of(o).map_err(|p| vec![p.issue("options", locale)])?;
    let (typed, mut issues) = match js_input::to_json_at(o, "options", &READ_BY_BOUNDARY, locale) {
        Ok(v) => (CallOptions::deserialize(&v).unwrap_or_default(), Vec::new()),
        Err(problems) => (CallOptions::default(), problems),
    };
    issues.extend(call_options::unknown_keys(&keys, locale));
    let signal = js_input::get_prop(o, "signal").unwrap_or(JsValue::UNDEFINED);
    if !(signal.is_undefined() || signal.is_null()) {
        match watch(&signal) {
            Ok(stop) => {
                out.stop = stop;
                out.signal = Some(signal);
            }
            Err(problem) => issues.push(call_options::signal_issue(problem, locale)),
        }
    }
    match call_options::settings(&typed, &config.limits, locale) {
        Ok(s) if issues.is_empty() => {
            out.timeout_ms = s.timeout_ms;
            out.max_retries = s.max_retries;
            out.headers = s.headers;
            Ok(out)
        }
        Ok(_) => Err(issues),
        Err(mut more) => {
            issues.append(&mut more);
            Err(issues)
        }
    }
}
