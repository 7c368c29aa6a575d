//! `CecError`s the client itself produces (transport, auth, configuration). Messages are built
//! from statuses, endpoint names and the server's own short description, never from headers,
//! bodies we sent, keys or tokens; `scrub` removes any configured secret a server might echo.

use serde_json::Value;

use crate::endpoint::{Endpoint, Gateway};
use crate::retry::is_retryable_status;
use crate::{CecError, ErrorKind, Issue, Locale, Rule};

pub fn gateway_name(g: Gateway) -> &'static str {
    match g {
        Gateway::Isales => "isales",
        Gateway::ApiFabric => "apiFabric",
        Gateway::Oifde => "oifde",
    }
}

pub fn not_configured(endpoint: Endpoint, locale: Locale) -> CecError {
    let g = gateway_name(endpoint.gateway());
    let issue = Issue {
        field: g.to_owned(),
        rule: Rule::Required,
        code: None,
        message: match locale {
            Locale::EnUs => format!(
                "The {g} gateway is not configured: pass `{g}` in the CecClient config to call {}.",
                endpoint.as_str()
            ),
            Locale::ZhCn => {
                format!("未配置 {g} 网关：调用 {} 需要在 CecClient 配置中提供 `{g}`。", endpoint.as_str())
            }
        },
    };
    CecError::validation(Some(endpoint), vec![issue], locale)
}

pub fn network(
    endpoint: Option<Endpoint>,
    what: &str,
    detail: &str,
    certificate: bool,
    locale: Locale,
) -> CecError {
    let msg = match (locale, certificate) {
        (Locale::EnUs, false) => format!("Network error calling {what}: {detail}"),
        (Locale::ZhCn, false) => format!("调用 {what} 时网络错误：{detail}"),
        (Locale::EnUs, true) => format!(
            "Network error calling {what}: {detail}. The gateway's TLS certificate is not trusted: give Node your CA \
             (NODE_EXTRA_CA_CERTS=/path/ca.pem) or pass a `fetch` that trusts it (see README, on-premises gateways)."
        ),
        (Locale::ZhCn, true) => format!(
            "调用 {what} 时网络错误：{detail}。网关的 TLS 证书不受信任：请为 Node 提供 CA 证书（NODE_EXTRA_CA_CERTS=/path/ca.pem），\
             或传入信任该 CA 的 `fetch`（见 README“本地部署网关”）。"
        ),
    };
    with_endpoint(CecError::new(ErrorKind::Network, msg).with_retryable(!certificate), endpoint)
}

pub fn timeout(endpoint: Option<Endpoint>, what: &str, ms: u32, locale: Locale) -> CecError {
    let msg = match locale {
        Locale::EnUs => format!("{what} did not answer within {ms} ms."),
        Locale::ZhCn => format!("{what} 未在 {ms} 毫秒内响应。"),
    };
    with_endpoint(CecError::new(ErrorKind::Timeout, msg).with_retryable(true), endpoint)
}

pub fn aborted(endpoint: Option<Endpoint>, locale: Locale) -> CecError {
    let what = endpoint.map_or("the request", Endpoint::as_str);
    let msg = match locale {
        Locale::EnUs => format!("The call to {what} was aborted."),
        Locale::ZhCn => format!("对 {what} 的调用已中止。"),
    };
    with_endpoint(CecError::new(ErrorKind::Aborted, msg), endpoint)
}

pub fn http(
    endpoint: Option<Endpoint>,
    what: &str,
    status: u16,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = match locale {
        Locale::EnUs => format!("{what} answered HTTP {status}."),
        Locale::ZhCn => format!("{what} 返回 HTTP {status}。"),
    };
    let mut e =
        CecError::new(ErrorKind::Http, msg).with_status(status).with_retryable(is_retryable_status(status));
    e.description = description;
    with_endpoint(e, endpoint)
}

pub fn auth_status(
    endpoint: Option<Endpoint>,
    what: &str,
    status: u16,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = match locale {
        Locale::EnUs => format!("Authentication failed: {what} answered HTTP {status}. Check the credentials in the client config."),
        Locale::ZhCn => format!("鉴权失败：{what} 返回 HTTP {status}。请检查客户端配置中的凭据。"),
    };
    let mut e = CecError::new(ErrorKind::Auth, msg).with_status(status);
    e.description = description;
    with_endpoint(e, endpoint)
}

/// `isales.sign` threw, rejected or returned something that is not an auth-v2 header.
pub fn remote_sign_failed(endpoint: Endpoint, detail: &str, locale: Locale) -> CecError {
    let what = endpoint.as_str();
    let msg = match locale {
        Locale::EnUs => format!("isales.sign could not sign the {what} request: {detail}"),
        Locale::ZhCn => format!("isales.sign 无法为 {what} 请求签名：{detail}"),
    };
    CecError::new(ErrorKind::Auth, msg).with_endpoint(endpoint)
}

/// Every auth-v2 profile `"auto"` tried got 401: the layout is not the problem.
pub fn signing_exhausted(
    endpoint: Endpoint,
    tried: &[&str],
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let what = endpoint.as_str();
    let list = tried.join(", ");
    let msg = match locale {
        Locale::EnUs => format!(
            "Authentication failed: {what} answered HTTP 401 to every auth-v2 signing profile tried ({list}). \
             The access key / secret key, or this machine's clock (the timestamp must be within the gateway's allowed skew), is the likely cause."
        ),
        Locale::ZhCn => format!(
            "鉴权失败：{what} 对尝试过的每种 auth-v2 签名方式（{list}）都返回 HTTP 401。\
             最可能的原因是 AK/SK 错误，或本机时钟偏差超出网关允许范围。"
        ),
    };
    let mut e = CecError::new(ErrorKind::Auth, msg).with_status(401);
    e.description = description;
    e.with_endpoint(endpoint)
}

/// OIFDE `gettoken` (or a data call) answered a non-zero token/credential `errorCode`.
pub fn auth_code(
    endpoint: Option<Endpoint>,
    what: &str,
    code: &str,
    description: Option<String>,
    locale: Locale,
) -> CecError {
    let msg = match locale {
        Locale::EnUs => format!("Authentication failed: {what} answered errorCode {code}. Check the credentials in the client config."),
        Locale::ZhCn => format!("鉴权失败：{what} 返回 errorCode {code}。请检查客户端配置中的凭据。"),
    };
    let mut e = CecError::new(ErrorKind::Auth, msg).with_code(code);
    e.description = description;
    with_endpoint(e, endpoint)
}

pub fn bad_token_response(endpoint: Option<Endpoint>, what: &str, detail: &str, locale: Locale) -> CecError {
    let msg = match locale {
        Locale::EnUs => format!("Could not decode the {what} response: {detail}."),
        Locale::ZhCn => format!("无法解析 {what} 的响应：{detail}。"),
    };
    with_endpoint(CecError::new(ErrorKind::Decode, msg), endpoint)
}

fn with_endpoint(e: CecError, endpoint: Option<Endpoint>) -> CecError {
    match endpoint {
        Some(ep) => e.with_endpoint(ep),
        None => e,
    }
}

/// A short description from an error body: the first string among the usual message keys of a
/// JSON object, at most 300 characters. Non-JSON bodies (HTML error pages) give none.
pub fn body_description(body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    const KEYS: [&str; 9] = [
        "reason",
        "message",
        "errorMessage",
        "errorMsg",
        "error_msg",
        "error_description",
        "resultDesc",
        "returnDesc",
        "error",
    ];
    let o = v.as_object()?;
    let text =
        KEYS.iter().find_map(|k| o.get(*k).and_then(Value::as_str).filter(|s| !s.trim().is_empty()))?;
    // Kept long here: it is cut to its final length only after scrubbing (`crate::redact`), so a
    // credential is never cut in half before it is recognised.
    Some(text.chars().take(8 * 1024).collect())
}

/// The body itself as a description, when it is short text (a gateway's plain-text business
/// failure): trimmed, at most 300 characters; HTML pages give none.
pub fn body_text(body: &str) -> Option<String> {
    let t = body.trim();
    if t.is_empty() || t.starts_with('<') {
        return None;
    }
    Some(t.chars().take(300).collect())
}

/// Scrubs every credential from the error's texts (`crate::redact`): the configured secrets,
/// the tokens the client obtained, and anything shaped like a credential it sends.
pub fn scrub(e: CecError, secrets: &[String], issued: &[String]) -> CecError {
    let all: Vec<&str> = secrets.iter().chain(issued).map(String::as_str).collect();
    crate::redact::scrub_error(e, &all)
}
