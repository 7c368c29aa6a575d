//! The URL and headers of one attempt, exactly as fetch will send them: the gateway's auth
//! (auth-v2 signature, Bearer token, nothing for OIFDE, whose credentials are in the body), the
//! gateway's extra headers, then the call's own. Pure: the caller passes the clock in.

use crate::auth::CONTENT_TYPE_JSON;
use crate::client::errors;
use crate::config::{ClientConfig, IsalesAuth, Secret};
use crate::endpoint::{Endpoint, Gateway, WireRequest};
use crate::says::Msg;
use crate::signing::{Credentials, SigningProfile, Wire};
use crate::CecError;

/// Request headers, names as sent.
pub type Headers = Vec<(String, String)>;

/// Who signs a CC-iSales attempt.
pub enum Signer<'a> {
    Local(&'a SigningProfile),
    /// The value `isales.sign` returned.
    Remote(String),
    None,
}

/// Exactly what fetch will send for a CC-iSales request: Host from the URL, our Content-Type,
/// the body (and so its length).
pub fn isales_wire<'a>(
    host: &'a str,
    wire: &'a WireRequest,
    path: &'a str,
    query: &'a [(&'a str, &'a str)],
) -> Wire<'a> {
    Wire {
        method: wire.method,
        path,
        query,
        host,
        content_type: Some(CONTENT_TYPE_JSON),
        body: wire.body.as_deref(),
    }
}

/// The wire's query pairs, borrowed (queryOBSResultCode has `pageSize`/`pageNum`; the others none).
pub fn query_refs(wire: &WireRequest) -> Vec<(&str, &str)> {
    wire.query.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The URL and headers of one attempt. `now_epoch_ms` is the auth-v2 timestamp's clock; the
/// call's `extra` headers replace the gateway's of the same name.
pub fn build(
    config: &ClientConfig,
    endpoint: Endpoint,
    wire: &WireRequest,
    token: Option<&Secret>,
    signer: Signer<'_>,
    extra: &[(String, String)],
    now_epoch_ms: i64,
) -> Result<(String, Headers), CecError> {
    let (url, mut headers) = gateway_headers(config, endpoint, wire, token, signer, now_epoch_ms)?;
    for (name, value) in extra {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.clone()));
    }
    Ok((url, headers))
}

fn gateway_headers(
    config: &ClientConfig,
    endpoint: Endpoint,
    wire: &WireRequest,
    token: Option<&Secret>,
    signer: Signer<'_>,
    now_epoch_ms: i64,
) -> Result<(String, Headers), CecError> {
    let locale = config.locale;
    let mut headers: Headers = vec![("Content-Type".to_owned(), CONTENT_TYPE_JSON.to_owned())];
    match endpoint.gateway() {
        Gateway::Isales => {
            let cfg = config.isales.as_ref().ok_or_else(|| errors::not_configured(endpoint, locale))?;
            let (url, path) = cfg.base.join(&wire.path);
            // The signature covers the path alone plus the query pairs (AUTH.md); the URL gets both.
            let url = match wire.path_and_query().strip_prefix(wire.path.as_str()) {
                Some(query) if !query.is_empty() => format!("{url}{query}"),
                _ => url,
            };
            let query = query_refs(wire);
            let authorization = match (signer, &cfg.auth) {
                (Signer::Remote(a), _) => a,
                (Signer::Local(profile), IsalesAuth::Keys { access_key, secret_key }) => {
                    let timestamp = profile.timestamp_at(now_epoch_ms).ok_or_else(|| {
                        errors::bad_token_response(Some(endpoint), "auth-v2", Msg::ClockOutOfRange, locale)
                    })?;
                    let key = Credentials { access_key, secret_key: secret_key.expose() };
                    profile.sign(&key, &isales_wire(&cfg.base.host, wire, &path, &query), &timestamp)
                }
                _ => return Err(errors::not_configured(endpoint, locale)),
            };
            headers.push(("Authorization".to_owned(), authorization));
            // The optional `locale` header (01, queryOBSResultCode; default zh_CN) picks the language
            // of the server's descriptions: send the client's, so they match the UI. Not signed.
            headers.push(("locale".to_owned(), locale.as_str().to_owned()));
            headers.extend(cfg.headers.iter().cloned());
            Ok((url, headers))
        }
        Gateway::ApiFabric => {
            let cfg = config.api_fabric.as_ref().ok_or_else(|| errors::not_configured(endpoint, locale))?;
            let (url, _) = cfg.base.join(&wire.path);
            if let Some(t) = token {
                headers.push(("Authorization".to_owned(), format!("Bearer {}", t.expose())));
            }
            if let Some(k) = cfg.app_key() {
                headers.push(("X-APP-Key".to_owned(), k.to_owned()));
            }
            headers.extend(cfg.headers.iter().cloned());
            Ok((url, headers))
        }
        Gateway::Oifde => {
            let cfg = config.oifde.as_ref().ok_or_else(|| errors::not_configured(endpoint, locale))?;
            let (url, _) = cfg.base.join(&wire.path);
            headers.extend(cfg.headers.iter().cloned());
            Ok((url, headers))
        }
    }
}
