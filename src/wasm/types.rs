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
    /// Query parameters to sign (queryOBSResultCode's `pageSize`/`pageNum`), raw values; sent as
    /// `?k=v` percent-encoded the way AUTH.md normalises them.
    #[tsify(optional, type = "Record<string, string | number> | [string, string | number][]")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<serde_json::Value>,
    /// The Host header that will be sent: the URL's `host[:port]`.
    pub host: String,
    /// The exact body text that will be sent.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The header timestamp, `yyyy-MM-ddTHH:mm:ssZ`. Defaults to now.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Header names to sign, among `host`, `content-type`, `content-length`. Default `["host"]`.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_headers: Option<Vec<String>>,
    /// Use a millisecond timestamp (`...ss.SSSZ`) when `timestamp` is not given.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_millis: Option<bool>,
    /// The Content-Type to sign when `content-type` is signed. Default `application/json; charset=UTF-8`.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}
