//! HTTP surface: one module per gateway plus `/__sim/`, and the two middlewares every request goes
//! through — CORS (outermost, so even faults and errors carry it) and, on the seven API routes,
//! stats + fault injection.

pub mod apifabric;
pub mod isales;
pub mod isales_envelope;
pub mod obs;
pub mod oifde;
pub mod params;
pub mod sim;

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Serialize;
use serde_json::{json, Value};

use crate::endpoint::ApiEndpoint;
use crate::faults::{self, FaultKind};
use crate::AppState;

pub type Shared = Arc<AppState>;

/// Response extension asking the connection layer to close the socket without answering
/// (the `drop` fault). See `server.rs`.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

pub fn router(state: Shared) -> Router {
    let api = |ep: ApiEndpoint, mr: MethodRouter<Shared>| {
        mr.layer(from_fn_with_state(ApiCtx { state: state.clone(), ep }, api_middleware))
    };
    Router::new()
        .route(
            ApiEndpoint::CallResultDetail.route(),
            api(ApiEndpoint::CallResultDetail, get(isales::call_result_detail)),
        )
        .route(ApiEndpoint::CallResults.route(), api(ApiEndpoint::CallResults, post(isales::call_results)))
        .route(ApiEndpoint::CallRecords.route(), api(ApiEndpoint::CallRecords, post(isales::call_records)))
        .route(
            ApiEndpoint::ObsResultCodes.route(),
            api(ApiEndpoint::ObsResultCodes, get(obs::query_obs_result_code)),
        )
        .route(
            ApiEndpoint::CallManualDetail.route(),
            api(ApiEndpoint::CallManualDetail, post(apifabric::query_call_manual_detail)),
        )
        .route(
            ApiEndpoint::TokenByAkSk.route(),
            api(ApiEndpoint::TokenByAkSk, post(apifabric::token_by_ak_sk)),
        )
        .route(ApiEndpoint::Gettoken.route(), api(ApiEndpoint::Gettoken, post(oifde::gettoken)))
        .route(
            ApiEndpoint::TransferRecords.route(),
            api(ApiEndpoint::TransferRecords, post(oifde::query_transfer_record_history)),
        )
        .route("/__sim/stats", get(sim::stats))
        .route("/__sim/reset", post(sim::reset))
        .route("/__sim/expire-tokens", post(sim::expire_tokens))
        .route("/__sim/dataset", get(sim::dataset))
        .route("/__sim/calls", get(sim::calls))
        .route("/__sim/faults", get(sim::get_faults).post(sim::set_faults).delete(sim::clear_faults))
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), cors))
        .with_state(state)
}

async fn not_found() -> Response {
    error_json(StatusCode::NOT_FOUND, "Not Found", "no such path")
}

const ALLOW_METHODS: &str = "GET, POST, OPTIONS, DELETE";
const ALLOW_HEADERS: &str = "Content-Type, Authorization, X-APP-Key, X-Token-Expire, locale, X-TenantSpaceID";

/// Answers every preflight with 204 (before routing, so also for unknown paths) and adds the CORS
/// headers to every response: the demo page calls the simulator from another origin.
async fn cors(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        state.stats.preflight();
        let mut resp = StatusCode::NO_CONTENT.into_response();
        add_cors(&mut resp);
        return resp;
    }
    let mut resp = next.run(req).await;
    if resp.extensions().get::<DropConnection>().is_none() {
        add_cors(&mut resp);
    }
    resp
}

fn add_cors(resp: &mut Response) {
    let h = resp.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert("access-control-allow-methods", HeaderValue::from_static(ALLOW_METHODS));
    h.insert("access-control-allow-headers", HeaderValue::from_static(ALLOW_HEADERS));
    h.insert("access-control-expose-headers", HeaderValue::from_static("Retry-After, X-Request-Id"));
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
}

/// Numbers the `X-Request-Id` of the API answers.
static REQUEST_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[derive(Clone)]
struct ApiCtx {
    state: Shared,
    ep: ApiEndpoint,
}

/// Stats and faults of the seven API routes. Faults act before the handler (as a proxy would),
/// except `truncate`/`wrong-type`, which damage the handler's real response.
async fn api_middleware(State(ctx): State<ApiCtx>, req: Request, next: Next) -> Response {
    let stats = &ctx.state.stats;
    // Held until the response is produced; dropped early if the client goes away.
    let _in_flight = stats.arrive(ctx.ep, caller(ctx.ep, req.headers()));
    let plan = ctx.state.faults.plan(ctx.ep);
    for k in &plan.injected {
        stats.fault_injected(*k);
    }
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    let resp = match plan.action {
        None => next.run(req).await,
        Some(FaultKind::Latency { .. }) => next.run(req).await,
        Some(FaultKind::Drop) => {
            let mut r = Response::new(Body::empty());
            r.extensions_mut().insert(DropConnection);
            r
        }
        Some(FaultKind::Status { status, retry_after }) => status_fault(status, retry_after),
        Some(FaultKind::Malformed) => {
            ([(CONTENT_TYPE, JSON_CONTENT_TYPE)], faults::MALFORMED_BODY).into_response()
        }
        Some(FaultKind::Truncate) => truncate(next.run(req).await).await,
        Some(FaultKind::WrongType) => wrong_type(ctx.ep, next.run(req).await).await,
        Some(FaultKind::Echo) => echo(req).await,
    };
    let dropped = resp.extensions().get::<DropConnection>().is_some();
    let mut resp = resp;
    if !dropped {
        // Like an API gateway, every answer names its request, for support tickets.
        let id = REQUEST_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(v) = HeaderValue::from_str(&format!("sim-{}-{id:08x}", ctx.ep.as_str())) {
            resp.headers_mut().insert("x-request-id", v);
        }
    }
    stats.response(if dropped { None } else { Some(resp.status().as_u16()) });
    resp
}

/// Who a request says it is, unverified (the handler checks): the auth-v2 access key for CC-iSales,
/// `X-APP-Key` for API Fabric. OIFDE names its tenant in the body, which this does not read.
fn caller(ep: ApiEndpoint, headers: &axum::http::HeaderMap) -> Option<String> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (gateway, key) = match ep {
        ApiEndpoint::CallResultDetail
        | ApiEndpoint::CallResults
        | ApiEndpoint::CallRecords
        | ApiEndpoint::ObsResultCodes => {
            ("isales", header("authorization")?.trim().strip_prefix("auth-v2/")?.split('/').next()?)
        }
        ApiEndpoint::CallManualDetail | ApiEndpoint::TokenByAkSk => ("apiFabric", header("x-app-key")?),
        ApiEndpoint::TransferRecords | ApiEndpoint::Gettoken => return None,
    };
    (!key.is_empty() && key.len() <= 128).then(|| format!("{gateway}:{key}"))
}

fn status_fault(status: u16, retry_after: Option<u64>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = error_json(code, code.canonical_reason().unwrap_or("Error"), "injected fault");
    if let (Some(secs), 429 | 503) = (retry_after, status) {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert(RETRY_AFTER, v);
        }
    }
    resp
}

/// A gateway error page that repeats the request, credentials included.
async fn echo(req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (authorization, app_key) = (header("authorization"), header("x-app-key"));
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let message = format!(
        "bad request; Authorization: {authorization}; X-APP-Key: {app_key}; body: {}",
        String::from_utf8_lossy(&body)
    );
    error_json(StatusCode::BAD_REQUEST, "Bad Request", &message)
}

async fn body_bytes(resp: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = resp.into_parts();
    // Handler bodies are small, fully built JSON buffers; reading them cannot fail in practice.
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    (parts, bytes)
}

async fn truncate(resp: Response) -> Response {
    let (mut parts, bytes) = body_bytes(resp).await;
    parts.headers.remove(CONTENT_LENGTH);
    let half = bytes.slice(0..bytes.len() / 2);
    Response::from_parts(parts, Body::from(half))
}

async fn wrong_type(ep: ApiEndpoint, resp: Response) -> Response {
    let (mut parts, bytes) = body_bytes(resp).await;
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if !faults::corrupt(ep, &mut v) {
        faults::corrupt_envelope(&mut v);
    }
    parts.headers.remove(CONTENT_LENGTH);
    let body = serde_json::to_vec(&v).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}

/// A JSON response with the vendor's content type.
pub fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (status, [(CONTENT_TYPE, JSON_CONTENT_TYPE)], body).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "serialization failed").into_response(),
    }
}

pub fn ok_json<T: Serialize>(value: &T) -> Response {
    json_response(StatusCode::OK, value)
}

/// Transport-level errors (401/400/404/faults): `{"error": <status text>, "reason": <why>}`.
pub fn error_json(status: StatusCode, error: &str, reason: &str) -> Response {
    json_response(status, &json!({"error": error, "reason": reason}))
}

pub fn unauthorized(reason: &str) -> Response {
    error_json(StatusCode::UNAUTHORIZED, "Unauthorized", reason)
}

pub fn bad_request(reason: &str) -> Response {
    error_json(StatusCode::BAD_REQUEST, "Bad Request", reason)
}
