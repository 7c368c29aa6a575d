//! Per-call options `{ signal?, timeoutMs?, maxRetries?, headers?, resume? }`, validated like the
//! config: every problem, and every unknown key, is an issue naming the field. The boundary
//! reads the values (a signal must be watched there); the rules and messages are here.

use crate::client::types::CallOptions;
use crate::config::{parse_call_headers, Limits};
use crate::says::{say, Msg};
use crate::shape::{field_names, Given};
use crate::{Issue, Locale, Rule};

/// The known keys: the fields of `CallOptions`. `resume` is read by the iterators; a single
/// call ignores it.
pub fn keys() -> &'static [&'static str] {
    field_names::<CallOptions>()
}

/// Why `options.signal` is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalProblem {
    NotASignal,
    /// Its `addEventListener` threw.
    NotWatchable,
}

/// The options' settings, with the client's defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSettings {
    pub timeout_ms: u32,
    /// Overrides the client's `maxRetries` for this call.
    pub max_retries: Option<u32>,
    /// Extra headers for this call, after the gateway's (a same-named one replaces it).
    pub headers: Vec<(String, String)>,
}

impl CallSettings {
    pub fn defaults(limits: &Limits) -> Self {
        CallSettings { timeout_ms: limits.timeout_ms, max_retries: None, headers: Vec::new() }
    }
}

fn issue(field: &str, rule: Rule, locale: Locale, msg: Msg, values: &[(&str, &str)]) -> Issue {
    let mut all = vec![("field", field)];
    all.extend_from_slice(values);
    Issue { field: field.to_owned(), rule, code: None, message: say(msg, locale, &all) }
}

/// An issue for every key that is not an option.
pub fn unknown_keys(keys: &[String], locale: Locale) -> Vec<Issue> {
    let known = self::keys().join(", ");
    keys.iter()
        .filter(|k| !self::keys().contains(&k.as_str()))
        .map(|key| {
            issue(
                &format!("options.{key}"),
                Rule::AllowedValues,
                locale,
                Msg::UnknownOption,
                &[("list", &known)],
            )
        })
        .collect()
}

pub fn signal_issue(problem: SignalProblem, locale: Locale) -> Issue {
    let msg = match problem {
        SignalProblem::NotASignal => Msg::MustBeAbortSignal,
        SignalProblem::NotWatchable => Msg::SignalNotWatchable,
    };
    issue("options.signal", Rule::Type, locale, msg, &[])
}

fn integer_in(v: &Given<f64>, lo: f64, hi: f64) -> Option<u32> {
    match v {
        Given::Valid(t) if t.fract() == 0.0 && (lo..=hi).contains(t) => Some(*t as u32),
        _ => None,
    }
}

/// The settings of `options` (read into its type by the boundary, `signal` and `resume` left
/// to it), with the client's defaults for what is not given.
pub fn settings(options: &CallOptions, limits: &Limits, locale: Locale) -> Result<CallSettings, Vec<Issue>> {
    let mut out = CallSettings::defaults(limits);
    let mut issues = Vec::new();
    let range = |field: &str, min: &str, max: &str| {
        issue(field, Rule::Range, locale, Msg::IntegerFromTo, &[("min", min), ("max", max)])
    };
    if !options.timeout_ms.is_absent() {
        match integer_in(&options.timeout_ms, 1.0, 600_000.0) {
            Some(t) => out.timeout_ms = t,
            None => issues.push(range("options.timeoutMs", "1", "600000")),
        }
    }
    if !options.max_retries.is_absent() {
        match integer_in(&options.max_retries, 0.0, 10.0) {
            Some(r) => out.max_retries = Some(r),
            None => issues.push(range("options.maxRetries", "0", "10")),
        }
    }
    if let Some(v) = options.headers.valid() {
        match parse_call_headers(v, locale) {
            Ok(h) => out.headers = h,
            Err(mut more) => issues.append(&mut more),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}
