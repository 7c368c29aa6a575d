//! Per-call options `{ signal?, timeoutMs?, maxRetries?, headers? }`, validated like the config:
//! every problem, and every unknown key, is an issue naming the field.

use wasm_bindgen::prelude::*;

use super::issue;
use super::rt::StopSignal;
use crate::config::{parse_call_headers, ClientConfig};
use crate::wasm::js_input;
use crate::{Issue, Rule};

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

// `resume` is read by the iterators (`iter::Start`); a single call ignores it.
const KEYS: [&str; 5] = ["signal", "timeoutMs", "maxRetries", "headers", "resume"];

fn integer_in(v: &JsValue, lo: f64, hi: f64) -> Option<u32> {
    v.as_f64().filter(|t| t.fract() == 0.0 && (lo..=hi).contains(t)).map(|t| t as u32)
}

pub fn parse_options(
    options: &Option<js_sys::Object>,
    config: &ClientConfig,
) -> Result<CallOpts, Vec<Issue>> {
    let locale = config.locale;
    let mut issues = Vec::new();
    let mut out = CallOpts {
        signal: None,
        stop: StopSignal::none(),
        timeout_ms: config.limits.timeout_ms,
        max_retries: None,
        headers: Vec::new(),
    };
    let Some(o) = options else { return Ok(out) };
    // Read defensively: the options object is the caller's (a Proxy may throw).
    let keys = match js_input::keys_of(o) {
        Ok(k) => k,
        Err(p) => return Err(vec![p.issue("options", locale)]),
    };
    for key in keys {
        if !KEYS.contains(&key.as_str()) {
            let field = format!("options.{key}");
            let known = KEYS.join(", ");
            issues.push(Issue {
                field: field.clone(),
                rule: Rule::AllowedValues,
                code: None,
                message: match locale {
                    crate::Locale::EnUs => format!("{field} is not a known option (known: {known})."),
                    crate::Locale::ZhCn => format!("{field} 不是已知的选项（已知：{known}）。"),
                },
            });
        }
    }
    let get = |k: &str| js_input::get_prop(o, k).unwrap_or(JsValue::UNDEFINED);
    let present = |v: &JsValue| !(v.is_undefined() || v.is_null());
    let signal = get("signal");
    if present(&signal) {
        let looks_like_signal = signal.is_object()
            && js_sys::Reflect::get(&signal, &JsValue::from_str("aborted"))
                .is_ok_and(|v| v.as_bool().is_some())
            && js_sys::Reflect::get(&signal, &JsValue::from_str("addEventListener"))
                .is_ok_and(|v| v.is_function());
        if !looks_like_signal {
            issues.push(issue(
                "options.signal",
                Rule::Type,
                locale,
                "must be an AbortSignal",
                "必须是 AbortSignal",
            ));
        } else if let Ok(stop) = StopSignal::new(Some(&signal)) {
            out.stop = stop;
            out.signal = Some(signal);
        } else {
            issues.push(issue(
                "options.signal",
                Rule::Type,
                locale,
                "could not be watched (its addEventListener threw)",
                "无法监听（其 addEventListener 抛出了异常）",
            ));
        }
    }
    let timeout = get("timeoutMs");
    if present(&timeout) {
        match integer_in(&timeout, 1.0, 600_000.0) {
            Some(t) => out.timeout_ms = t,
            None => issues.push(issue(
                "options.timeoutMs",
                Rule::Range,
                locale,
                "must be an integer from 1 to 600000",
                "必须是 1 到 600000 之间的整数",
            )),
        }
    }
    let retries = get("maxRetries");
    if present(&retries) {
        match integer_in(&retries, 0.0, 10.0) {
            Some(r) => out.max_retries = Some(r),
            None => issues.push(issue(
                "options.maxRetries",
                Rule::Range,
                locale,
                "must be an integer from 0 to 10",
                "必须是 0 到 10 之间的整数",
            )),
        }
    }
    let headers = get("headers");
    if present(&headers) {
        match super::super::convert::js_to_json(&headers, locale) {
            Ok(v) => match parse_call_headers(&v, locale) {
                Ok(h) => out.headers = h,
                Err(mut more) => issues.append(&mut more),
            },
            Err(mut more) => issues.append(&mut more),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}
