//! Helpers of the request-side core tests (`tests/core_requests*.rs`): table rows of (what,
//! input, expected issues) run through `endpoints::validate` and each endpoint's `parse`.
#![allow(dead_code)] // each test file uses a different subset

use cec_calldata::endpoint::Endpoint;
use cec_calldata::endpoints::{
    self, call_manual_detail, call_records, call_result_detail, call_results, transfer_records,
};
use cec_calldata::{Issue, Locale, Rule};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers

/// `base` with `changes` applied: a value sets the key, `Value::Null`... is a legitimate input,
/// so removal is spelled with the `ABSENT` marker.
pub const ABSENT: &str = "\u{0}absent";

pub fn with(base: &Value, changes: &[(&str, Value)]) -> Value {
    let mut object = base.as_object().cloned().unwrap_or_default();
    for (key, value) in changes {
        if value.as_str() == Some(ABSENT) {
            object.remove(*key);
        } else {
            object.insert((*key).to_owned(), value.clone());
        }
    }
    Value::Object(object)
}

pub fn absent() -> Value {
    Value::from(ABSENT)
}

pub type Expected = &'static [(&'static str, Rule, Option<&'static str>)];

pub fn summary(issues: &[Issue]) -> Vec<(String, Rule, Option<String>)> {
    issues.iter().map(|i| (i.field.clone(), i.rule, i.code.clone())).collect()
}

pub fn expected(list: Expected) -> Vec<(String, Rule, Option<String>)> {
    list.iter().map(|(f, r, c)| ((*f).to_owned(), *r, c.map(str::to_owned))).collect()
}

/// Runs rows of (what, input, expected issues) through `endpoints::validate`, checking the
/// endpoint's `parse` agrees (Ok exactly when there is no issue).
pub fn run(endpoint: Endpoint, rows: &[(&str, Value, Expected)]) {
    for (what, input, want) in rows {
        for locale in [Locale::EnUs, Locale::ZhCn] {
            let issues = endpoints::validate(endpoint, input, locale);
            assert_eq!(summary(&issues), expected(want), "{endpoint:?} / {what} / {locale:?}: {issues:#?}");
            for issue in &issues {
                assert!(!issue.message.is_empty(), "{what}: empty message");
                if !issue.field.is_empty() {
                    assert!(
                        issue.message.contains(&issue.field),
                        "{what}: {:?} does not name its field",
                        issue.message
                    );
                }
            }
            let parsed_ok = match endpoint {
                Endpoint::CallResultDetail => call_result_detail::parse(input, locale).is_ok(),
                Endpoint::CallResults => call_results::parse(input, locale).is_ok(),
                Endpoint::CallRecords => call_records::parse(input, locale).is_ok(),
                Endpoint::CallManualDetail => call_manual_detail::parse(input, locale).is_ok(),
                Endpoint::TransferRecords => transfer_records::parse(input, locale).is_ok(),
                Endpoint::ObsResultCodes => endpoints::obs_result_codes::parse(input, locale).is_ok(),
            };
            assert_eq!(parsed_ok, want.is_empty(), "{endpoint:?} / {what}: parse disagrees with validate");
        }
    }
}

pub const OK: Expected = &[];
pub const REQUIRED: Option<&str> = Some("02000001");
pub const TYPE: Option<&str> = Some("02000006");
pub const VALUE: Option<&str> = Some("02000007");
pub const TOO_LONG: Option<&str> = Some("02000003");
