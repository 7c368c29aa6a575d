//! Option and input types that exist only at the JS boundary. tsify generates their TypeScript.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::{Endpoint, Locale};

/// Options of every `validate*Request` function.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
pub struct ValidateOptions {
    /// Language of the issue messages. Default `"en_US"`.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Options of `describeErrorCode`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
pub struct DescribeOptions {
    /// Resolves codes whose meaning depends on the endpoint (`0200007`).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Options of `describeFailCode`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
pub struct DescribeFailCodeOptions {
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The tenant's own codes (`obsCodes` of `queryOBSResultCode`, all pages): their
    /// descriptions win, and they describe tenant `resultCode`s the vendor tables lack.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Vec<crate::endpoints::obs_result_codes::ObsCode>>,
}

/// Input of `signAuthV2` (AUTH.md §1).
#[derive(Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SignAuthV2Input {
    pub access_key: String,
    pub secret_key: String,
    /// `"GET"` or `"POST"`.
    pub method: String,
    /// The raw request path, exactly as sent, without the query string.
    pub path: String,
    /// The Host header that will be sent: the URL's `host[:port]`.
    pub host: String,
    /// The exact body text that will be sent.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Query parameters, not yet encoded (`{ pageSize: 10 }` or `[["pageSize", "10"]]`): signed
    /// as AUTH.md's sorted query line. `path` must not contain `?`.
    #[tsify(optional, type = "Record<string, string | number> | [string, string | number][]")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<serde_json::Value>,
    /// The header timestamp (`yyyy-MM-ddTHH:mm:ss.SSSZ` for profile A, `...ssZ` for B).
    /// Defaults to now, in the profile's precision.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The auth-v2 layout: `"A"` (default), `"B"`, or `{ profile?, queryLine?, timestamp?,
    /// signedHeaders? }` (see `SigningOption`). Headers are signed only when the request carries
    /// them: `content-length` only with a body, `content-type` only when `contentType` is not null.
    #[tsify(optional, type = "\"A\" | \"B\" | SigningProfileOptions")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<serde_json::Value>,
    /// The Content-Type the request carries. Default `application/json; charset=UTF-8`;
    /// `null` for none.
    #[tsify(optional, type = "string | null")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// A custom auth-v2 layout: a named profile (default `"A"`) with any of its three points
/// overridden (AUTH.md, "What is known and what is not").
#[derive(Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SigningProfileOptions {
    #[tsify(optional, type = "\"A\" | \"B\"")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Without query parameters: `"keep"` an empty query line (A) or `"omit"` it (B).
    #[tsify(optional, type = "\"keep\" | \"omit\"")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_line: Option<String>,
    /// `"millis"` (`...ss.SSSZ`, A) or `"seconds"` (`...ssZ`, B).
    #[tsify(optional, type = "\"millis\" | \"seconds\"")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Among `host`, `content-type`, `content-length`; each signed only when the request carries it.
    #[tsify(optional, type = "(\"host\" | \"content-type\" | \"content-length\")[]")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_headers: Option<Vec<String>>,
}
