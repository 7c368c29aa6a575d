//! One HTTP attempt through gloo-net (the global `fetch` of Node ≥ 20 and browsers), with a
//! per-attempt `AbortController` fired by the attempt's timeout or the caller's abort.

use std::future::Future;

use gloo_net::http::{Method, RequestBuilder};

use super::rt::{self, Sleep, Stop, StopSignal};

pub struct HttpRequest<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
}

pub enum AttemptError {
    /// No response: refused, reset, DNS, CORS, body cut off. The text is the runtime's message
    /// (it never contains our headers or body).
    Network(String),
    Timeout,
    Aborted,
}

/// Sends `req` and reads the whole body, within `timeout_ms`, unless the caller aborts.
pub async fn send(req: HttpRequest<'_>, timeout_ms: u32, stop: &StopSignal) -> Result<HttpResponse, AttemptError> {
    if stop.stopped() == Some(Stop::Aborted) {
        return Err(AttemptError::Aborted);
    }
    let controller = web_sys::AbortController::new()
        .map_err(|_| AttemptError::Network("AbortController is not available in this runtime".to_owned()))?;
    let signal = controller.signal();
    let method = if req.method == "GET" { Method::GET } else { Method::POST };
    let mut builder = RequestBuilder::new(req.url).method(method).abort_signal(Some(&signal));
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    let request = match req.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|e| AttemptError::Network(e.to_string()))?;

    let work = async move {
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after");
        let body = response.text().await.map_err(|e| e.to_string())?;
        Ok::<_, String>(HttpResponse { status, body, retry_after })
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
        Ok(Some(Err(message))) => Err(AttemptError::Network(message)),
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
