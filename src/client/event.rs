//! `CecEvent`: what the `logger` / `onRequest` / `onResponse` hooks receive. It holds what was
//! called, where, how it went and how long it took: never headers, bodies, tokens or keys.

use serde::Serialize;

use crate::client::errors::gateway_name;
use crate::endpoint::Endpoint;
use crate::ErrorKind;

/// What a hook receives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CecEvent {
    /// `"request"` before each HTTP attempt, `"response"` after it (with `status`, or with
    /// `errorKind` when no response arrived), `"retry"` before a backoff sleep, `"signing"` when
    /// `signing: "auto"` pins the auth-v2 profile that passed (`signingProfile`, `tried`).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"request\" | \"response\" | \"retry\" | \"signing\""))]
    pub kind: &'static str,
    /// The endpoint (`"callResults"`, ...), or `"apiFabricToken"` / `"oifdeToken"` for token
    /// requests.
    #[cfg_attr(feature = "wasm", tsify(type = "Endpoint | \"apiFabricToken\" | \"oifdeToken\""))]
    pub endpoint: &'static str,
    #[cfg_attr(feature = "wasm", tsify(type = "\"isales\" | \"apiFabric\" | \"oifde\""))]
    pub gateway: &'static str,
    pub method: &'static str,
    /// The request URL (credentials are never in URLs: they travel in headers or bodies).
    pub url: String,
    /// 1 for the first attempt of a call, 2 for the first retry, ...
    pub attempt: u32,
    /// Retries made so far (`attempt - 1` for data requests).
    pub retries: u32,
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Milliseconds from sending to the end of the response body (response events).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<f64>,
    /// Why an attempt failed (response events) or is being retried (retry events).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ErrorKind>,
    /// How long the client waits before the retry (retry events).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// The auth-v2 profile pinned (signing events): `"A"`, `"B"`; put it in `isales.signing`
    /// to skip detection next time.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_profile: Option<&'static str>,
    /// The profiles tried, in order, the pinned one last (signing events).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tried: Option<Vec<&'static str>>,
    /// The gateway's request id (`X-Request-Id` or similar), when its response carried one.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl CecEvent {
    /// An event of one attempt of a data call (`attempt` counts from 1).
    pub fn of_call(
        kind: &'static str,
        endpoint: Endpoint,
        method: &'static str,
        url: &str,
        attempt: u32,
    ) -> Self {
        CecEvent {
            kind,
            endpoint: endpoint.as_str(),
            gateway: gateway_name(endpoint.gateway()),
            method,
            url: url.to_owned(),
            attempt,
            retries: attempt.saturating_sub(1),
            status: None,
            duration_ms: None,
            error_kind: None,
            delay_ms: None,
            signing_profile: None,
            tried: None,
            request_id: None,
        }
    }

    /// An event of a token request (`"apiFabricToken"` / `"oifdeToken"`), always one attempt.
    pub fn of_token(kind: &'static str, operation: &'static str, gateway: &'static str, url: &str) -> Self {
        CecEvent {
            kind,
            endpoint: operation,
            gateway,
            method: "POST",
            url: url.to_owned(),
            attempt: 1,
            retries: 0,
            status: None,
            duration_ms: None,
            error_kind: None,
            delay_ms: None,
            signing_profile: None,
            tried: None,
            request_id: None,
        }
    }
}
