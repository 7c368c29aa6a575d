//! Options of the stateless exports (`validate*Request`, `describeErrorCode`, `describeFailCode`).
//! tsify generates their TypeScript (wasm feature).

use serde::{Deserialize, Serialize};

use crate::says::{say, Msg};
use crate::{CecError, Endpoint, Issue, Locale, Rule};

/// Options of every `validate*Request` function.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ValidateOptions {
    /// Language of the issue messages. Default `"en_US"`.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Options of `describeErrorCode`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DescribeOptions {
    /// Resolves codes whose meaning depends on the endpoint (`0200007`).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Options of `describeFailCode`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DescribeFailCodeOptions {
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The tenant's own codes (`obsCodes` of `queryOBSResultCode`, all pages): their
    /// descriptions win, and they describe tenant `resultCode`s the vendor tables lack.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Vec<crate::endpoints::obs_result_codes::ObsCode>>,
}

/// The `endpoint` argument names no endpoint.
pub fn unknown_endpoint(locale: Locale) -> CecError {
    let names = Endpoint::ALL.map(Endpoint::as_str).join(", ");
    let message = say(Msg::EndpointName, locale, &[("list", &names)]);
    let issue = Issue { field: "endpoint".to_owned(), rule: Rule::AllowedValues, code: None, message };
    CecError::validation(None, vec![issue], locale)
}

/// A text argument that is not a string (never a raw `TypeError`); `what` says which text.
pub fn not_text(field: &str, what: Option<Msg>, locale: Locale) -> CecError {
    let message = match what {
        Some(what) => say(Msg::ArgumentText, locale, &[("field", field), ("what", &say(what, locale, &[]))]),
        None => say(Msg::MustBeString, locale, &[("field", field)]),
    };
    let issue = Issue { field: field.to_owned(), rule: Rule::Type, code: None, message };
    CecError::validation(None, vec![issue], locale)
}
