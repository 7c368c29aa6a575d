//! One HTTP attempt, with a per-attempt `AbortController` fired by the attempt's timeout or the
//! caller's abort.
//!
//! The request goes out as `fetch(url, init)`, through the client's `fetch` option (proxies,
//! custom CAs, mocks) or the global fetch; without the option the `Response` is read by gloo-net
//! (status, headers, text). The call itself is made here rather than by gloo-net's `send` for
//! two measured reasons: `send` flattens a failure to a message while Node's fetch keeps the
//! reason in `cause` (`ECONNREFUSED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`), which the error must
//! keep; and `send` passes a `Request` object, which Next.js's patched server fetch does not send
//! as signed (the Next.js ecosystem test got HTTP 401 for every profile that way, and passes with
//! `(url, init)`; a body re-streamed without `Content-Length` would explain it).

use std::future::Future;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::rt::{self, Sleep, Stop, StopSignal};
use crate::retry::REQUEST_ID_HEADERS;
use crate::says::{say, Msg};
use crate::Locale;

pub struct HttpRequest<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The language of the failures this module describes itself.
    pub locale: Locale,
}

pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
    /// The gateway's request id header, if it sent one.
    pub request_id: Option<String>,
}

/// A failure without a response.
pub struct NetworkFailure {
    /// The runtime's message, with the cause's message (it never contains our headers or body).
    pub message: String,
    /// The system or TLS error code (`ECONNREFUSED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`), if any.
    pub code: Option<String>,
    /// What fetch rejected with, kept as the `CecError`'s `cause`.
    pub cause: JsValue,
}

pub enum AttemptError {
    /// No response: refused, reset, DNS, TLS, CORS, body cut off.
    Network(NetworkFailure),
    Timeout,
    Aborted,
}

fn get(v: &JsValue, key: &str) -> JsValue {
    if !v.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `target[name](...args)`; a missing method (a custom `fetch` that resolved to something
/// that is not a `Response`) is an `Error` saying so.
fn call_method(target: &JsValue, name: &str, args: &[&JsValue], locale: Locale) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, name).dyn_into().map_err(|_| {
        JsValue::from(js_sys::Error::new(&say(Msg::ResponseMethodMissing, locale, &[("method", name)])))
    })?;
    match args {
        [] => f.call0(target),
        [a] => f.call1(target, a),
        [a, b, ..] => f.call2(target, a, b),
    }
}

/// Message and code of a fetch rejection: Node's undici wraps the system error as `cause`
/// (`TypeError: fetch failed`, cause `{ code: "ECONNREFUSED" }`), sometimes two levels deep.
pub fn describe_failure(err: JsValue) -> NetworkFailure {
    let text = |v: &JsValue| get(v, "message").as_string().filter(|s| !s.is_empty());
    let cause = get(&err, "cause");
    let code = [get(&cause, "code"), get(&err, "code"), get(&get(&cause, "cause"), "code")]
        .iter()
        .find_map(|c| c.as_string().filter(|s| !s.is_empty()));
    let mut message = text(&err).or_else(|| err.as_string()).unwrap_or_else(|| "fetch failed".to_owned());
    if let Some(inner) = text(&cause) {
        if !message.contains(&inner) {
            message = format!("{message}: {inner}");
        }
    }
    if let Some(c) = &code {
        if !message.contains(c.as_str()) {
            message = format!("{message} ({c})");
        }
    }
    NetworkFailure { message, code, cause: err }
}

fn network(message: &str) -> AttemptError {
    AttemptError::Network(NetworkFailure {
        message: message.to_owned(),
        code: None,
        cause: JsValue::UNDEFINED,
    })
}

/// Sends `req` and reads the whole body, within `timeout_ms`, unless the caller aborts.
pub async fn send(
    fetch: Option<&js_sys::Function>,
    req: HttpRequest<'_>,
    timeout_ms: u32,
    stop: &StopSignal,
) -> Result<HttpResponse, AttemptError> {
    if stop.stopped() == Some(Stop::Aborted) {
        return Err(AttemptError::Aborted);
    }
    let controller = web_sys::AbortController::new()
        .map_err(|_| network(&say(Msg::NoAbortController, req.locale, &[])))?;
    let global = js_sys::global();
    let fetch_fn: js_sys::Function = match fetch {
        Some(f) => f.clone(),
        None => get(&global, "fetch").dyn_into().map_err(|_| network(&say(Msg::NoFetch, req.locale, &[])))?,
    };
    let init = js_sys::Object::new();
    let headers = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
    };
    for (name, value) in &req.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    set(&init, "method", &JsValue::from_str(req.method));
    set(&init, "headers", &headers);
    set(&init, "signal", &controller.signal());
    if let Some(body) = &req.body {
        set(&init, "body", &JsValue::from_str(body));
    }
    let url = JsValue::from_str(req.url);

    let custom = fetch.is_some();
    let locale = req.locale;
    let work = async move {
        // A fetch that throws synchronously is a failure like a rejected one.
        let pending = fetch_fn.call2(&JsValue::UNDEFINED, &url, &init)?;
        let response = JsFuture::from(js_sys::Promise::resolve(&pending)).await?;
        if !custom {
            if let Ok(raw) = response.clone().dyn_into::<web_sys::Response>() {
                return read_with_gloo(raw).await;
            }
        }
        let status = get(&response, "status").as_f64().map_or(0, |s| s as u16);
        let response_headers = get(&response, "headers");
        let header = |name: &str| {
            call_method(&response_headers, "get", &[&JsValue::from_str(name)], locale)
                .ok()
                .and_then(|v| v.as_string())
        };
        let retry_after = header("retry-after");
        let request_id =
            REQUEST_ID_HEADERS.iter().find_map(|h| header(h)).map(|s| s.chars().take(200).collect());
        let text = call_method(&response, "text", &[], locale)?;
        let body = JsFuture::from(js_sys::Promise::resolve(&text)).await?.as_string().unwrap_or_default();
        Ok::<_, JsValue>(HttpResponse { status, body, retry_after, request_id })
    };
    let timeout = async {
        Sleep::new(f64::from(timeout_ms)).await;
    };
    let outcome = rt::race(
        async {
            let mut work = std::pin::pin!(work);
            let mut timeout = std::pin::pin!(timeout);
            std::future::poll_fn(|cx| {
                if let std::task::Poll::Ready(r) = work.as_mut().poll(cx) {
                    return std::task::Poll::Ready(Some(r));
                }
                timeout.as_mut().poll(cx).map(|_| None)
            })
            .await
        },
        stop.aborted(),
    )
    .await;
    match outcome {
        Ok(Some(Ok(resp))) => Ok(resp),
        Ok(Some(Err(err))) => Err(AttemptError::Network(describe_failure(err))),
        Ok(None) => {
            controller.abort();
            Err(AttemptError::Timeout)
        }
        Err(_) => {
            controller.abort();
            Err(AttemptError::Aborted)
        }
    }
}

/// The default route's response, read by gloo-net (status, headers, text).
async fn read_with_gloo(raw: web_sys::Response) -> Result<HttpResponse, JsValue> {
    let response = gloo_net::http::Response::from(raw);
    let headers = response.headers();
    let retry_after = headers.get("retry-after");
    let request_id =
        REQUEST_ID_HEADERS.iter().find_map(|h| headers.get(h)).map(|s| s.chars().take(200).collect());
    let status = response.status();
    let body = response.text().await.map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    Ok(HttpResponse { status, body, retry_after, request_id })
}
