//! The `CecClient` configuration (pure): parsed and validated from a JSON value into resolved
//! settings, with every problem reported as an `Issue` naming the field (`isales.baseUrl`).
//!
//! Secrets (SK, app secret, tokens) are held in `Secret`, whose `Debug` is redacted and which is
//! never serialized; `ClientConfig::summary` is the redacted view `toJSON` shows.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

mod headers;
mod url;

pub use self::headers::parse_call_headers;
pub use self::url::{is_header_safe, BaseUrl};
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

/// Function-valued keys the boundary reads itself; the parser accepts and ignores them.
pub const HOOK_KEYS: [&str; 4] = ["logger", "onRequest", "onResponse", "fetch"];

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
    fn push(&mut self, field: &str, rule: Rule, en: String, zh: String) {
        let message = match self.locale {
            Locale::EnUs => en,
            Locale::ZhCn => zh,
        };
        self.list.push(Issue { field: field.to_owned(), rule, code: None, message });
    }

    fn required(&mut self, field: &str) {
        self.push(field, Rule::Required, format!("{field} is required."), format!("{field} 为必填项。"));
    }

    fn wrong_type(&mut self, field: &str, what_en: &str, what_zh: &str) {
        self.push(
            field,
            Rule::Type,
            format!("{field} must be {what_en}."),
            format!("{field} 必须是{what_zh}。"),
        );
    }

    fn unknown(&mut self, field: &str, allowed: &[&str]) {
        let list = allowed.join(", ");
        self.push(
            field,
            Rule::AllowedValues,
            format!("{field} is not a known option (known: {list})."),
            format!("{field} 不是已知的配置项（已知：{list}）。"),
        );
    }

    /// A required non-empty string. Never echoes the value (it may be a secret).
    fn string(&mut self, obj: &Map<String, Value>, prefix: &str, key: &str) -> Option<String> {
        let field = format!("{prefix}.{key}");
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.required(&field);
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.required(&field);
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.wrong_type(&field, "a string", "字符串");
                None
            }
        }
    }

    /// A required string that is sent in an HTTP header: visible ASCII only (fetch rejects
    /// anything else, and a key or token never needs more).
    fn header_string(&mut self, obj: &Map<String, Value>, prefix: &str, key: &str) -> Option<String> {
        let v = self.string(obj, prefix, key)?;
        if is_header_safe(&v) {
            Some(v)
        } else {
            let field = format!("{prefix}.{key}");
            self.push(
                &field,
                Rule::Type,
                format!("{field} may only contain visible ASCII characters (it is sent in an HTTP header)."),
                format!("{field} 只能包含可见 ASCII 字符（它在 HTTP 头中发送）。"),
            );
            None
        }
    }

    fn base_url(&mut self, obj: &Map<String, Value>, prefix: &str, key: &str) -> Option<BaseUrl> {
        let raw = self.string(obj, prefix, key)?;
        match BaseUrl::parse(&raw) {
            Ok(u) => Some(u),
            Err(reason) => {
                let field = format!("{prefix}.{key}");
                self.push(
                    &field,
                    Rule::Type,
                    format!("{field} {reason}."),
                    format!("{field} 不是有效的 http(s) 基础 URL（{reason}）。"),
                );
                None
            }
        }
    }

    fn limit(&mut self, root: &Map<String, Value>, key: &str, range: (u64, u64), default: u32) -> u32 {
        let v = match root.get(key) {
            None | Some(Value::Null) => return default,
            Some(v) => v,
        };
        let n = match v.as_f64() {
            Some(f) if f.fract() == 0.0 && f >= 0.0 => f as u64,
            _ => {
                self.wrong_type(key, "a non-negative integer", "非负整数");
                return default;
            }
        };
        if n < range.0 || n > range.1 {
            self.push(
                key,
                Rule::Range,
                format!("{key} must be between {} and {}.", range.0, range.1),
                format!("{key} 必须介于 {} 与 {} 之间。", range.0, range.1),
            );
            return default;
        }
        u32::try_from(n).unwrap_or(default)
    }

    fn object<'a>(&mut self, root: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
        match root.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(m),
            Some(_) => {
                self.wrong_type(key, "an object", "对象");
                None
            }
        }
    }

    fn check_keys(&mut self, obj: &Map<String, Value>, prefix: &str, allowed: &[&str]) {
        for k in obj.keys() {
            if !allowed.contains(&k.as_str()) {
                let field = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                self.unknown(&field, allowed);
            }
        }
    }
}

/// Parses and validates a client configuration. Every problem is reported, never the values of
/// credentials.
pub fn parse_client_config(input: &Value) -> Result<ClientConfig, Vec<Issue>> {
    parse_client_config_in(input, ParseEnv::default())
}

/// The long-lived secrets a config can hold: field and whether it is given.
const BROWSER_SECRETS: [(&str, &str); 3] =
    [("isales", "secretKey"), ("apiFabric", "appSecret"), ("oifde", "appSecret")];

/// `parse_client_config` in an environment (see `ParseEnv`).
pub fn parse_client_config_in(input: &Value, env: ParseEnv) -> Result<ClientConfig, Vec<Issue>> {
    // The locale first, so the other messages use it.
    let locale = input.get("locale").and_then(Value::as_str).and_then(Locale::parse).unwrap_or_default();
    let mut is = Issues { locale, list: Vec::new() };
    let Some(root) = input.as_object() else {
        is.push(
            "",
            Rule::Type,
            "The client configuration must be an object.".to_owned(),
            "客户端配置必须是一个对象。".to_owned(),
        );
        return Err(is.list);
    };
    const TOP: [&str; 13] = [
        "isales",
        "apiFabric",
        "oifde",
        "locale",
        "timeoutMs",
        "maxRetries",
        "maxConcurrency",
        "batchIntervalMs",
        "logger",
        "onRequest",
        "onResponse",
        "fetch",
        "dangerouslyAllowSecretsInBrowser",
    ];
    is.check_keys(root, "", &TOP);
    let allow_secrets = match root.get("dangerouslyAllowSecretsInBrowser") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            is.wrong_type("dangerouslyAllowSecretsInBrowser", "a boolean", "布尔值");
            false
        }
    };
    if env.browser && !allow_secrets {
        for (gateway, key) in BROWSER_SECRETS {
            if root.get(gateway).and_then(|g| g.get(key)).is_some_and(|v| !v.is_null()) {
                let field = format!("{gateway}.{key}");
                is.push(
                    &field,
                    Rule::AllowedValues,
                    format!(
                        "{field} would be readable by everyone who opens this page. In a browser, sign on your server \
                         (isales.sign with createSigningHandler) and use accessToken / authToken issued by your backend; \
                         for a local tool only, set dangerouslyAllowSecretsInBrowser: true."
                    ),
                    format!(
                        "{field} 会被打开此页面的任何人读取。在浏览器中请在服务器端签名（isales.sign 配合 createSigningHandler），\
                         并使用后端签发的 accessToken / authToken；仅限本地工具时可设置 dangerouslyAllowSecretsInBrowser: true。"
                    ),
                );
            }
        }
    }

    if let Some(v) = root.get("locale") {
        if !v.is_null() && v.as_str().and_then(Locale::parse).is_none() {
            is.push(
                "locale",
                Rule::AllowedValues,
                "locale must be \"en_US\" or \"zh_CN\".".to_owned(),
                "locale 必须是 \"en_US\" 或 \"zh_CN\"。".to_owned(),
            );
        }
    }
    let d = Limits::default();
    let limits = Limits {
        timeout_ms: is.limit(root, "timeoutMs", TIMEOUT_RANGE, d.timeout_ms),
        max_retries: is.limit(root, "maxRetries", RETRIES_RANGE, d.max_retries),
        max_concurrency: is.limit(root, "maxConcurrency", CONCURRENCY_RANGE, d.max_concurrency),
        batch_interval_ms: is.limit(root, "batchIntervalMs", INTERVAL_RANGE, d.batch_interval_ms),
    };

    let isales = is.object(root, "isales").and_then(|o| parse_isales(&mut is, o, env));
    let api_fabric = is.object(root, "apiFabric").and_then(|o| parse_api_fabric(&mut is, o));
    let oifde = is.object(root, "oifde").and_then(|o| parse_oifde(&mut is, o));

    let absent = |k: &str| root.get(k).is_none_or(Value::is_null);
    if absent("isales") && absent("apiFabric") && absent("oifde") {
        is.push(
            "",
            Rule::OneOfRequired,
            "Configure at least one gateway: isales, apiFabric or oifde.".to_owned(),
            "请至少配置一个网关：isales、apiFabric 或 oifde。".to_owned(),
        );
    }

    if !is.list.is_empty() {
        return Err(is.list);
    }
    Ok(ClientConfig { isales, api_fabric, oifde, locale, limits })
}

fn parse_isales(is: &mut Issues, o: &Map<String, Value>, env: ParseEnv) -> Option<IsalesConfig> {
    const P: &str = "isales";
    is.check_keys(o, P, &["baseUrl", "accessKey", "secretKey", "signing", "headers", "sign"]);
    let base = is.base_url(o, P, "baseUrl");
    let auth = if env.isales_signer {
        let has = |k: &str| o.get(k).is_some_and(|v| !v.is_null());
        if has("accessKey") || has("secretKey") {
            is.push(
                "isales.sign",
                Rule::OneOfRequired,
                "Give either isales.sign or isales.accessKey + isales.secretKey, not both.".to_owned(),
                "isales.sign 与 isales.accessKey + isales.secretKey 只能二选一。".to_owned(),
            );
        }
        Some(IsalesAuth::Remote)
    } else {
        let access_key = is.header_string(o, P, "accessKey");
        let secret_key = is.string(o, P, "secretKey");
        access_key
            .zip(secret_key)
            .map(|(a, s)| IsalesAuth::Keys { access_key: a, secret_key: Secret::new(s) })
    };
    let signing = match parse_signing(o.get("signing"), "isales.signing", true, is.locale) {
        Ok(m) => Some(m),
        Err(mut more) => {
            is.list.append(&mut more);
            None
        }
    };
    let headers = headers::parse(is, o, P);
    Some(IsalesConfig { base: base?, auth: auth?, signing: signing?, headers })
}

fn exclusive(
    is: &mut Issues,
    o: &Map<String, Value>,
    prefix: &str,
    token_key: &str,
    secret_keys: &[&str],
) -> bool {
    let has = |k: &str| o.get(k).is_some_and(|v| !v.is_null());
    let token = has(token_key);
    if token && secret_keys.iter().any(|k| has(k)) {
        let field = format!("{prefix}.{token_key}");
        let others = secret_keys.iter().map(|k| format!("{prefix}.{k}")).collect::<Vec<_>>().join(" + ");
        is.push(
            &field,
            Rule::OneOfRequired,
            format!("Give either {field} or {others}, not both."),
            format!("{field} 与 {others} 只能二选一。"),
        );
    }
    token
}

fn parse_api_fabric(is: &mut Issues, o: &Map<String, Value>) -> Option<ApiFabricConfig> {
    const P: &str = "apiFabric";
    is.check_keys(o, P, &["baseUrl", "appKey", "appSecret", "tokenUrl", "accessToken", "headers"]);
    let headers = headers::parse(is, o, P);
    let base = is.base_url(o, P, "baseUrl");
    let auth = if exclusive(is, o, P, "accessToken", &["appSecret", "tokenUrl"]) {
        let token = is.header_string(o, P, "accessToken");
        let app_key = match o.get("appKey") {
            None | Some(Value::Null) => None,
            Some(_) => is.header_string(o, P, "appKey"),
        };
        ApiFabricAuth::AccessToken { access_token: Secret::new(token?), app_key }
    } else {
        let app_key = is.header_string(o, P, "appKey");
        let app_secret = is.string(o, P, "appSecret");
        let token_url = match o.get("tokenUrl") {
            None | Some(Value::Null) => base.as_ref().map(|b| b.join(API_FABRIC_TOKEN_PATH).0),
            Some(_) => is.base_url(o, P, "tokenUrl").map(|u| u.as_string()),
        };
        ApiFabricAuth::AppKey {
            app_key: app_key?,
            app_secret: Secret::new(app_secret?),
            token_url: token_url?,
        }
    };
    Some(ApiFabricConfig { base: base?, auth, headers })
}

fn parse_oifde(is: &mut Issues, o: &Map<String, Value>) -> Option<OifdeConfig> {
    const P: &str = "oifde";
    is.check_keys(o, P, &["baseUrl", "tenantId", "appSecret", "authToken", "headers"]);
    let headers = headers::parse(is, o, P);
    let base = is.base_url(o, P, "baseUrl");
    let tenant_id = is.string(o, P, "tenantId");
    let auth = if exclusive(is, o, P, "authToken", &["appSecret"]) {
        OifdeAuth::AuthToken { auth_token: Secret::new(is.string(o, P, "authToken")?) }
    } else {
        let secret = is.string(o, P, "appSecret");
        let token_url = base.as_ref().map(|b| b.join(OIFDE_TOKEN_PATH).0);
        OifdeAuth::AppSecret { app_secret: Secret::new(secret?), token_url: token_url? }
    };
    Some(OifdeConfig { base: base?, tenant_id: tenant_id?, auth, headers })
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
