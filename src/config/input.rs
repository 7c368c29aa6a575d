//! The `CecClient` configuration as the caller writes it: the one Rust definition that serde
//! deserializes and tsify exports to TypeScript. Every field is a `Given`, so reading a config
//! never fails; `super::parse_client_config_in` then checks the typed values and reports every
//! problem with its field.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::client::types::ReadByBoundary;
use crate::shape::{field_names, Given};

/// The config keys that hold functions (`ReadByBoundary` fields, by path): the boundary reads
/// them itself and leaves them out of the JSON the core validates.
pub const FUNCTION_KEYS: [&str; 5] = ["logger", "onRequest", "onResponse", "fetch", "isales.sign"];

/// Configuration of `new CecClient(config)`. Configure only the gateways you use.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CecClientConfig {
    /// CC-iSales: `getCallResultDetail`, `queryCallResults`, `queryCallRecords`,
    /// `iterateCallResults`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "IsalesGatewayConfig"))]
    #[serde(default)]
    pub isales: Given<IsalesGatewayConfig>,
    /// API Fabric: `queryCallManualDetail`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "ApiFabricGatewayConfig"))]
    #[serde(default)]
    pub api_fabric: Given<ApiFabricGatewayConfig>,
    /// OIFDE: `queryTransferRecords`, `iterateTransferRecords`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "OifdeGatewayConfig"))]
    #[serde(default)]
    pub oifde: Given<OifdeGatewayConfig>,
    /// Language of error messages (and the `locale` header of `getCallResultDetail`).
    /// Default `"en_US"`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Locale"))]
    #[serde(default)]
    pub locale: Given<String>,
    /// Per-attempt timeout in ms (1..600000). Default 30000.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub timeout_ms: Given<f64>,
    /// Resends after a transient failure (0..10). Default 2.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub max_retries: Given<f64>,
    /// Most requests in flight, and most per batch, across every call of this client
    /// (1..100). Default 10, the vendor's advice.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub max_concurrency: Given<f64>,
    /// Least time between the starts of two batches, in ms (0..60000). Default 1000, the
    /// vendor's advice ("more than 1 s between batches").
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub batch_interval_ms: Given<f64>,
    /// Receives every event (requests, responses, retries). Errors it throws are ignored.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "(event: CecEvent) => void"))]
    pub logger: Option<ReadByBoundary>,
    /// Called before every HTTP attempt.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "(event: CecEvent) => void"))]
    pub on_request: Option<ReadByBoundary>,
    /// Called after every HTTP attempt (with `status`, or `errorKind` when no response came).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "(event: CecEvent) => void"))]
    pub on_response: Option<ReadByBoundary>,
    /// A fetch-compatible function for every request (proxies, custom CAs, mocks). Default: the
    /// global `fetch`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "typeof fetch"))]
    pub fetch: Option<ReadByBoundary>,
    /// Accept long-lived secrets (`secretKey`, `appSecret`) in a browser page. Anyone who opens
    /// the page can read them: only for local tools.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "boolean"))]
    #[serde(default)]
    pub dangerously_allow_secrets_in_browser: Given<bool>,
}

/// CC-iSales, authenticated with auth-v2 AK/SK signatures.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IsalesGatewayConfig {
    /// `https://ip:port` (a path prefix is allowed).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub base_url: Given<String>,
    /// Give `accessKey` + `secretKey`, or `sign`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub access_key: Given<String>,
    /// In a browser page, refused unless `dangerouslyAllowSecretsInBrowser` (use `sign`).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub secret_key: Given<String>,
    /// Signs on your backend instead (the page holds no SK): receives what the client will send
    /// and returns the `Authorization` value, e.g. from a `createSigningHandler` endpoint.
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "(request: SignRequest) => Promise<string> | string")
    )]
    pub sign: Option<ReadByBoundary>,
    /// The auth-v2 layout (AUTH.md leaves three points open). `"auto"` (default) signs with
    /// profile A and, on the first HTTP 401, tries the other profiles on that same request and
    /// pins the first that passes for the life of the client (reported to the `logger` as a
    /// `"signing"` event). `"A"`, `"B"` or a custom object never probe.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "\"auto\" | \"A\" | \"B\" | SigningProfileOptions"))]
    #[serde(default)]
    pub signing: Given<Value>,
    /// Extra headers for every request to this gateway (not signed).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<Value>,
}

/// API Fabric: tokens fetched with an app key and secret, or a token you manage. Which one is
/// decided by `accessToken`: given (not null), the caller manages the token.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(untagged, from = "Map<String, Value>")]
pub enum ApiFabricGatewayConfig {
    AppKey(ApiFabricAppKeyConfig),
    AccessToken(ApiFabricAccessTokenConfig),
}

impl From<Map<String, Value>> for ApiFabricGatewayConfig {
    fn from(o: Map<String, Value>) -> Self {
        if o.get("accessToken").is_some_and(|v| !v.is_null()) {
            ApiFabricGatewayConfig::AccessToken(lenient(o))
        } else {
            ApiFabricGatewayConfig::AppKey(lenient(o))
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ApiFabricAppKeyConfig {
    /// `https://domain` of the API Fabric gateway.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub base_url: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub app_key: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub app_secret: Given<String>,
    /// Default `${baseUrl}/apigovernance/api/oauth/tokenByAkSk`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub token_url: Given<String>,
    /// Extra headers for every request to this gateway (e.g. `X-TenantSpaceID`).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ApiFabricAccessTokenConfig {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub base_url: Given<String>,
    /// Sent as `Authorization: Bearer <accessToken>`; renewing it is up to you.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub access_token: Given<String>,
    /// Sent as `X-APP-Key` when given.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    #[serde(default)]
    pub app_key: Given<String>,
    /// Extra headers for every request to this gateway (e.g. `X-TenantSpaceID`).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<Value>,
}

/// OIFDE: tokens fetched with the tenant's API password, or a token you manage. Which one is
/// decided by `authToken`: given (not null), the caller manages the token.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(untagged, from = "Map<String, Value>")]
pub enum OifdeGatewayConfig {
    AppSecret(OifdeAppSecretConfig),
    AuthToken(OifdeAuthTokenConfig),
}

impl From<Map<String, Value>> for OifdeGatewayConfig {
    fn from(o: Map<String, Value>) -> Self {
        if o.get("authToken").is_some_and(|v| !v.is_null()) {
            OifdeGatewayConfig::AuthToken(lenient(o))
        } else {
            OifdeGatewayConfig::AppSecret(lenient(o))
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OifdeAppSecretConfig {
    /// `https://ip:port`; `gettoken` is `${baseUrl}/oifde/rest/api/gettoken`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub base_url: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub tenant_id: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub app_secret: Given<String>,
    /// Extra headers for every request to this gateway (e.g. `X-TenantSpaceID`).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OifdeAuthTokenConfig {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub base_url: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub tenant_id: Given<String>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub auth_token: Given<String>,
    /// Extra headers for every request to this gateway (e.g. `X-TenantSpaceID`).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<Value>,
}

/// A struct of `Given` fields from an object: cannot fail (every field reads any value).
fn lenient<T: Default + for<'de> Deserialize<'de>>(o: Map<String, Value>) -> T {
    T::deserialize(Value::Object(o)).unwrap_or_default()
}

/// The keys an API Fabric or OIFDE gateway object may hold: the fields of both of its forms.
pub fn gateway_keys<A: for<'de> Deserialize<'de>, B: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    crate::shape::union_of(&[field_names::<A>(), field_names::<B>()])
}
