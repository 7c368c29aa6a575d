//! The `CecClient` configuration (pure): parsed and validated from a JSON value into resolved
//! settings, with every problem reported as an `Issue` naming the field (`isales.baseUrl`).
//!
//! Secrets (SK, app secret, tokens) are held in `Secret`, whose `Debug` is redacted and which is
//! never serialized; `ClientConfig::summary` is the redacted view `toJSON` shows.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod headers;
pub mod input;
mod url;

pub use self::headers::parse_call_headers;
pub use self::url::{is_header_safe, BaseUrl};
use crate::says::{say, Msg};
use crate::shape::{field_names, Given};

use self::input::{
    gateway_keys, ApiFabricAccessTokenConfig, ApiFabricAppKeyConfig, ApiFabricGatewayConfig, CecClientConfig,
    IsalesGatewayConfig, OifdeAppSecretConfig, OifdeAuthTokenConfig, OifdeGatewayConfig,
};
use crate::signing::{parse_signing, SigningMode};
use crate::{Issue, Locale, Rule};

/// A credential. Not `Serialize`, `Debug` redacted; read it only where it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How CC-iSales requests get their auth-v2 signature.
#[derive(Debug, Clone, PartialEq)]
pub enum IsalesAuth {
    /// Signed here with the AK/SK.
    Keys { access_key: String, secret_key: Secret },
    /// Signed by the caller's `isales.sign` callback (the boundary holds the function).
    Remote,
}

/// What the caller's environment adds to the JSON config: a remote signer function was given,
/// and whether the client runs in a browser page (where long-lived secrets are readable).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseEnv {
    pub isales_signer: bool,
    pub browser: bool,
}

/// CC-iSales (auth-v2 AK/SK signing).
#[derive(Debug, Clone, PartialEq)]
pub struct IsalesConfig {
    pub base: BaseUrl,
    pub auth: IsalesAuth,
    /// `isales.signing`: a fixed auth-v2 profile, or `"auto"` (the default).
    pub signing: SigningMode,
    /// Extra headers sent with every request to this gateway (not signed).
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiFabricAuth {
    /// Fetch tokens from `token_url` with the app key and secret.
    AppKey { app_key: String, app_secret: Secret, token_url: String },
    /// A token the caller manages.
    AccessToken { access_token: Secret, app_key: Option<String> },
}

/// API Fabric (Bearer token from tokenByAkSk).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFabricConfig {
    pub base: BaseUrl,
    pub auth: ApiFabricAuth,
    /// Extra headers sent with every request to this gateway (e.g. `X-TenantSpaceID`).
    pub headers: Vec<(String, String)>,
}

impl ApiFabricConfig {
    /// The `X-APP-Key` to send, when known.
    pub fn app_key(&self) -> Option<&str> {
        match &self.auth {
            ApiFabricAuth::AppKey { app_key, .. } => Some(app_key),
            ApiFabricAuth::AccessToken { app_key, .. } => app_key.as_deref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum OifdeAuth {
    /// Fetch tokens from `gettoken` with the tenant id and API password.
    AppSecret { app_secret: Secret, token_url: String },
    /// A token the caller manages.
    AuthToken { auth_token: Secret },
}

/// OIFDE (`tenantId` + `authToken` in the body).
#[derive(Debug, Clone, PartialEq)]
pub struct OifdeConfig {
    pub base: BaseUrl,
    pub tenant_id: String,
    pub auth: OifdeAuth,
    /// Extra headers sent with every request to this gateway.
    pub headers: Vec<(String, String)>,
}

/// Limits shared by every call made through one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub max_concurrency: u32,
    pub batch_interval_ms: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout_ms: 30_000, max_retries: 2, max_concurrency: 10, batch_interval_ms: 1000 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    pub isales: Option<IsalesConfig>,
    pub api_fabric: Option<ApiFabricConfig>,
    pub oifde: Option<OifdeConfig>,
    pub locale: Locale,
    pub limits: Limits,
}

/// Path of the API Fabric token endpoint under the gateway's base URL (AUTH.md §2).
pub const API_FABRIC_TOKEN_PATH: &str = "/apigovernance/api/oauth/tokenByAkSk";
/// Path of the OIFDE token endpoint under the gateway's base URL (AUTH.md §3).
pub const OIFDE_TOKEN_PATH: &str = "/oifde/rest/api/gettoken";

// Ranges accepted for the limits. Above the vendor's advice is allowed (a deployment may permit
// more), but not absurd values.
const TIMEOUT_RANGE: (u64, u64) = (1, 600_000);
const RETRIES_RANGE: (u64, u64) = (0, 10);
const CONCURRENCY_RANGE: (u64, u64) = (1, 100);
const INTERVAL_RANGE: (u64, u64) = (0, 60_000);

struct Issues {
    locale: Locale,
    list: Vec<Issue>,
}

impl Issues {
    /// An issue about `field`, saying `msg` with these values (`field` is always one of them).
    fn say(&mut self, field: &str, rule: Rule, msg: Msg, values: &[(&str, &str)]) {
        let mut all = vec![("field", field)];
        all.extend_from_slice(values);
        let message = say(msg, self.locale, &all);
        self.list.push(Issue { field: field.to_owned(), rule, code: None, message });
    }

    fn required(&mut self, field: &str) {
        self.say(field, Rule::Required, Msg::Required, &[]);
    }

    fn wrong_type(&mut self, field: &str, msg: Msg) {
        self.say(field, Rule::Type, msg, &[]);
    }

    fn unknown(&mut self, field: &str, allowed: &[&str]) {
        self.say(field, Rule::AllowedValues, Msg::UnknownOption, &[("list", &allowed.join(", "))]);
    }

    /// A required non-empty string. Never echoes the value (it may be a secret).
    fn string(&mut self, field: &str, given: &Given<String>) -> Option<String> {
        match given {
            Given::Valid(s) if !s.trim().is_empty() => Some(s.clone()),
            Given::Invalid => {
                self.wrong_type(field, Msg::MustBeString);
                None
            }
            _ => {
                self.required(field);
                None
            }
        }
    }

    /// A required string that is sent in an HTTP header: visible ASCII only (fetch rejects
    /// anything else, and a key or token never needs more).
    fn header_string(&mut self, field: &str, given: &Given<String>) -> Option<String> {
        let v = self.string(field, given)?;
        if is_header_safe(&v) {
            Some(v)
        } else {
            self.say(field, Rule::Type, Msg::ConfigHeaderText, &[]);
            None
        }
    }

    fn base_url(&mut self, field: &str, given: &Given<String>) -> Option<BaseUrl> {
        let raw = self.string(field, given)?;
        match BaseUrl::parse(&raw) {
            Ok(u) => Some(u),
            Err(reason) => {
                let reason = say(reason, self.locale, &[]);
                self.say(field, Rule::Type, Msg::ConfigBaseUrl, &[("reason", &reason)]);
                None
            }
        }
    }

    fn limit(&mut self, field: &str, given: &Given<f64>, range: (u64, u64), default: u32) -> u32 {
        let n = match given {
            Given::Missing | Given::Null => return default,
            Given::Valid(f) if f.fract() == 0.0 && *f >= 0.0 => *f as u64,
            _ => {
                self.wrong_type(field, Msg::MustBeNonNegative);
                return default;
            }
        };
        if n < range.0 || n > range.1 {
            let (min, max) = (range.0.to_string(), range.1.to_string());
            self.say(field, Rule::Range, Msg::IntegerFromTo, &[("min", &min), ("max", &max)]);
            return default;
        }
        u32::try_from(n).unwrap_or(default)
    }

    /// A gateway's object: its typed form, or an issue when it is not an object (serde would
    /// also read a struct from an array).
    fn gateway<'a, T>(&mut self, field: &str, given: &'a Given<T>, raw: Option<&Value>) -> Option<&'a T> {
        if raw.is_some_and(|v| !v.is_null() && !v.is_object()) || matches!(given, Given::Invalid) {
            self.wrong_type(field, Msg::MustBeObject);
            return None;
        }
        given.valid()
    }

    fn check_keys(&mut self, obj: Option<&Map<String, Value>>, prefix: &str, allowed: &[&str]) {
        for k in obj.into_iter().flat_map(|o| o.keys()) {
            if !allowed.contains(&k.as_str()) {
                let field = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                self.unknown(&field, allowed);
            }
        }
    }

    /// The caller manages the token (`token_field` given) but also gave fields of the other form
    /// (`A`'s fields that `B` lacks): say they exclude each other.
    fn exclusive<A: for<'de> Deserialize<'de>, B: for<'de> Deserialize<'de>>(
        &mut self,
        raw: Option<&Map<String, Value>>,
        prefix: &str,
        token_field: &str,
    ) {
        let own = field_names::<B>();
        let others: Vec<&str> = field_names::<A>().iter().copied().filter(|k| !own.contains(k)).collect();
        let given = |k: &&str| raw.and_then(|o| o.get(*k)).is_some_and(|v| !v.is_null());
        if others.iter().any(given) {
            let field = format!("{prefix}.{token_field}");
            let others = others.iter().map(|k| format!("{prefix}.{k}")).collect::<Vec<_>>().join(" + ");
            self.say(&field, Rule::OneOfRequired, Msg::ConfigEitherOr, &[("others", &others)]);
        }
    }
}

/// Parses and validates a client configuration. Every problem is reported, never the values of
/// credentials.
pub fn parse_client_config(input: &Value) -> Result<ClientConfig, Vec<Issue>> {
    parse_client_config_in(input, ParseEnv::default())
}

/// The long-lived secrets a config can hold: gateway and field.
const BROWSER_SECRETS: [(&str, &str); 3] =
    [("isales", "secretKey"), ("apiFabric", "appSecret"), ("oifde", "appSecret")];

/// `parse_client_config` in an environment (see `ParseEnv`): the JSON is read into its one
/// type, `input::CecClientConfig`, then every typed field is checked.
pub fn parse_client_config_in(input: &Value, env: ParseEnv) -> Result<ClientConfig, Vec<Issue>> {
    let Some(root) = input.as_object() else {
        let mut is = Issues { locale: Locale::default(), list: Vec::new() };
        is.say("", Rule::Type, Msg::ConfigNotObject, &[]);
        return Err(is.list);
    };
    let cfg: CecClientConfig = CecClientConfig::deserialize(input).unwrap_or_default();
    // The locale first, so the other messages use it.
    let locale = cfg.locale.valid().and_then(|s| Locale::parse(s)).unwrap_or_default();
    let mut is = Issues { locale, list: Vec::new() };
    is.check_keys(Some(root), "", field_names::<CecClientConfig>());
    let allow_secrets = match cfg.dangerously_allow_secrets_in_browser {
        Given::Valid(b) => b,
        Given::Invalid => {
            is.wrong_type("dangerouslyAllowSecretsInBrowser", Msg::MustBeBoolean);
            false
        }
        _ => false,
    };
    if env.browser && !allow_secrets {
        for (gateway, key) in BROWSER_SECRETS {
            if root.get(gateway).and_then(|g| g.get(key)).is_some_and(|v| !v.is_null()) {
                is.say(&format!("{gateway}.{key}"), Rule::AllowedValues, Msg::ConfigSecretInBrowser, &[]);
            }
        }
    }
    if matches!(&cfg.locale, Given::Invalid) || cfg.locale.valid().is_some_and(|s| Locale::parse(s).is_none())
    {
        is.say("locale", Rule::AllowedValues, Msg::ConfigLocale, &[]);
    }
    let d = Limits::default();
    let limits = Limits {
        timeout_ms: is.limit("timeoutMs", &cfg.timeout_ms, TIMEOUT_RANGE, d.timeout_ms),
        max_retries: is.limit("maxRetries", &cfg.max_retries, RETRIES_RANGE, d.max_retries),
        max_concurrency: is.limit(
            "maxConcurrency",
            &cfg.max_concurrency,
            CONCURRENCY_RANGE,
            d.max_concurrency,
        ),
        batch_interval_ms: is.limit(
            "batchIntervalMs",
            &cfg.batch_interval_ms,
            INTERVAL_RANGE,
            d.batch_interval_ms,
        ),
    };
    let raw = |key: &str| root.get(key).and_then(Value::as_object);
    let isales = is
        .gateway("isales", &cfg.isales, root.get("isales"))
        .and_then(|g| parse_isales(&mut is, raw("isales"), g, env));
    let api_fabric = is
        .gateway("apiFabric", &cfg.api_fabric, root.get("apiFabric"))
        .and_then(|g| parse_api_fabric(&mut is, raw("apiFabric"), g));
    let oifde = is
        .gateway("oifde", &cfg.oifde, root.get("oifde"))
        .and_then(|g| parse_oifde(&mut is, raw("oifde"), g));
    if cfg.isales.is_absent() && cfg.api_fabric.is_absent() && cfg.oifde.is_absent() {
        is.say("", Rule::OneOfRequired, Msg::ConfigNoGateway, &[]);
    }
    if !is.list.is_empty() {
        return Err(is.list);
    }
    Ok(ClientConfig { isales, api_fabric, oifde, locale, limits })
}

fn parse_isales(
    is: &mut Issues,
    raw: Option<&Map<String, Value>>,
    g: &IsalesGatewayConfig,
    env: ParseEnv,
) -> Option<IsalesConfig> {
    is.check_keys(raw, "isales", field_names::<IsalesGatewayConfig>());
    let base = is.base_url("isales.baseUrl", &g.base_url);
    let auth = if env.isales_signer {
        if !g.access_key.is_absent() || !g.secret_key.is_absent() {
            let others = "isales.accessKey + isales.secretKey";
            is.say("isales.sign", Rule::OneOfRequired, Msg::ConfigEitherOr, &[("others", others)]);
        }
        Some(IsalesAuth::Remote)
    } else {
        let access_key = is.header_string("isales.accessKey", &g.access_key);
        let secret_key = is.string("isales.secretKey", &g.secret_key);
        access_key
            .zip(secret_key)
            .map(|(a, s)| IsalesAuth::Keys { access_key: a, secret_key: Secret::new(s) })
    };
    let signing = match parse_signing(g.signing.valid(), "isales.signing", true, is.locale) {
        Ok(m) => Some(m),
        Err(mut more) => {
            is.list.append(&mut more);
            None
        }
    };
    let headers = headers::parse_at(is, g.headers.valid(), "isales.headers");
    Some(IsalesConfig { base: base?, auth: auth?, signing: signing?, headers })
}

fn parse_api_fabric(
    is: &mut Issues,
    raw: Option<&Map<String, Value>>,
    g: &ApiFabricGatewayConfig,
) -> Option<ApiFabricConfig> {
    const P: &str = "apiFabric";
    is.check_keys(raw, P, &gateway_keys::<ApiFabricAppKeyConfig, ApiFabricAccessTokenConfig>());
    match g {
        ApiFabricGatewayConfig::AccessToken(t) => {
            let headers = headers::parse_at(is, t.headers.valid(), "apiFabric.headers");
            let base = is.base_url("apiFabric.baseUrl", &t.base_url);
            is.exclusive::<ApiFabricAppKeyConfig, ApiFabricAccessTokenConfig>(raw, P, "accessToken");
            let token = is.header_string("apiFabric.accessToken", &t.access_token);
            let app_key =
                if t.app_key.is_absent() { None } else { is.header_string("apiFabric.appKey", &t.app_key) };
            let auth = ApiFabricAuth::AccessToken { access_token: Secret::new(token?), app_key };
            Some(ApiFabricConfig { base: base?, auth, headers })
        }
        ApiFabricGatewayConfig::AppKey(k) => {
            let headers = headers::parse_at(is, k.headers.valid(), "apiFabric.headers");
            let base = is.base_url("apiFabric.baseUrl", &k.base_url);
            let app_key = is.header_string("apiFabric.appKey", &k.app_key);
            let app_secret = is.string("apiFabric.appSecret", &k.app_secret);
            let token_url = if k.token_url.is_absent() {
                base.as_ref().map(|b| b.join(API_FABRIC_TOKEN_PATH).0)
            } else {
                is.base_url("apiFabric.tokenUrl", &k.token_url).map(|u| u.as_string())
            };
            let auth = ApiFabricAuth::AppKey {
                app_key: app_key?,
                app_secret: Secret::new(app_secret?),
                token_url: token_url?,
            };
            Some(ApiFabricConfig { base: base?, auth, headers })
        }
    }
}

fn parse_oifde(
    is: &mut Issues,
    raw: Option<&Map<String, Value>>,
    g: &OifdeGatewayConfig,
) -> Option<OifdeConfig> {
    const P: &str = "oifde";
    is.check_keys(raw, P, &gateway_keys::<OifdeAppSecretConfig, OifdeAuthTokenConfig>());
    match g {
        OifdeGatewayConfig::AuthToken(t) => {
            let headers = headers::parse_at(is, t.headers.valid(), "oifde.headers");
            let base = is.base_url("oifde.baseUrl", &t.base_url);
            let tenant_id = is.string("oifde.tenantId", &t.tenant_id);
            is.exclusive::<OifdeAppSecretConfig, OifdeAuthTokenConfig>(raw, P, "authToken");
            let auth = OifdeAuth::AuthToken {
                auth_token: Secret::new(is.string("oifde.authToken", &t.auth_token)?),
            };
            Some(OifdeConfig { base: base?, tenant_id: tenant_id?, auth, headers })
        }
        OifdeGatewayConfig::AppSecret(s) => {
            let headers = headers::parse_at(is, s.headers.valid(), "oifde.headers");
            let base = is.base_url("oifde.baseUrl", &s.base_url);
            let tenant_id = is.string("oifde.tenantId", &s.tenant_id);
            let secret = is.string("oifde.appSecret", &s.app_secret);
            let token_url = base.as_ref().map(|b| b.join(OIFDE_TOKEN_PATH).0);
            let auth = OifdeAuth::AppSecret { app_secret: Secret::new(secret?), token_url: token_url? };
            Some(OifdeConfig { base: base?, tenant_id: tenant_id?, auth, headers })
        }
    }
}

/// The redacted view of a configuration (`client.toJSON()`): where it connects, how, and its
/// limits. No keys, secrets, tokens or tenant ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    pub isales: Option<GatewaySummary>,
    pub api_fabric: Option<GatewaySummary>,
    pub oifde: Option<GatewaySummary>,
    pub locale: Locale,
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub max_concurrency: u32,
    pub batch_interval_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySummary {
    pub base_url: String,
    /// How the client authenticates: `"auth-v2"`, `"appKey"`, `"accessToken"`, `"appSecret"`,
    /// `"authToken"`.
    pub auth: &'static str,
}

impl ClientConfig {
    pub fn summary(&self) -> ClientSummary {
        ClientSummary {
            isales: self
                .isales
                .as_ref()
                .map(|c| GatewaySummary { base_url: c.base.as_string(), auth: "auth-v2" }),
            api_fabric: self.api_fabric.as_ref().map(|c| GatewaySummary {
                base_url: c.base.as_string(),
                auth: match c.auth {
                    ApiFabricAuth::AppKey { .. } => "appKey",
                    ApiFabricAuth::AccessToken { .. } => "accessToken",
                },
            }),
            oifde: self.oifde.as_ref().map(|c| GatewaySummary {
                base_url: c.base.as_string(),
                auth: match c.auth {
                    OifdeAuth::AppSecret { .. } => "appSecret",
                    OifdeAuth::AuthToken { .. } => "authToken",
                },
            }),
            locale: self.locale,
            timeout_ms: self.limits.timeout_ms,
            max_retries: self.limits.max_retries,
            max_concurrency: self.limits.max_concurrency,
            batch_interval_ms: self.limits.batch_interval_ms,
        }
    }
}

#[cfg(test)]
mod tests;
