//! One call of one endpoint, end to end: authenticate, pass the rate gate, send, decode, and
//! retry or re-authenticate as `crate::retry::decide` says.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::super::convert::to_js_error;
use super::errors;
use super::gate::Gate;
use super::hooks::{CecEvent, Hooks};
use super::options::CallOpts;
use super::rt::{self, Notify, Sleep, Stop, StopSignal};
use super::signer::{After, CallSigning};
use super::tokens::{Token, TokenFailure, TokenSource};
use super::transport::{self, AttemptError, HttpRequest};
use crate::auth::CONTENT_TYPE_JSON;
use crate::codes;
use crate::config::{ApiFabricAuth, ClientConfig, IsalesAuth, OifdeAuth, Secret};
use crate::detect::Detector;
use crate::endpoints::transfer_records::TransferRecordRequest;
use crate::endpoints::{Endpoint, Gateway, WireRequest};
use crate::retry::{self, Decision, Failure, RetryPolicy, RetryState};
use crate::signing::{Credentials, SigningProfile, Wire};
use crate::{CecError, ErrorKind, Locale};

/// Everything the calls of one client share.
pub struct Shared {
    pub config: ClientConfig,
    pub gate: Rc<Gate>,
    pub hooks: Hooks,
    pub policy: RetryPolicy,
    pub fabric_tokens: Option<Rc<TokenSource>>,
    pub oifde_tokens: Option<Rc<TokenSource>>,
    /// Every configured credential, for `errors::scrub`.
    pub secrets: Vec<String>,
    /// Which auth-v2 profile CC-iSales requests are signed with (`isales.signing`), shared by
    /// every call so `"auto"` detects once.
    pub detector: RefCell<Detector>,
    /// Bumped when a probe ends, to wake the calls waiting for it.
    pub signing_changed: Notify,
    /// The config's `fetch`, else the global one.
    pub fetch: Option<js_sys::Function>,
    /// `isales.sign`: a backend signs CC-iSales requests (the page holds no SK).
    pub isales_sign: Option<js_sys::Function>,
    /// The latest tokens obtained from the token endpoints, also scrubbed by value.
    pub issued: std::cell::RefCell<Vec<String>>,
}

/// How many obtained tokens are remembered for scrubbing (a token lives minutes to an hour; a
/// handful covers every token an in-flight call can have used).
const ISSUED_KEPT: usize = 8;

impl Shared {
    fn remember_issued(&self, token: &Token) {
        if token.generation.is_none() {
            return; // configured, already in `secrets`
        }
        if let Ok(mut list) = self.issued.try_borrow_mut() {
            let value = token.value.expose();
            if !list.iter().any(|t| t == value) {
                list.push(value.to_owned());
                if list.len() > ISSUED_KEPT {
                    list.remove(0);
                }
            }
        }
    }

    pub fn scrub(&self, e: CecError) -> CecError {
        let issued = self.issued.try_borrow().map(|l| l.clone()).unwrap_or_default();
        errors::scrub(e, &self.secrets, &issued)
    }
}

/// A failed call: the error, and what JS gets as its `cause` (what fetch rejected with, or the
/// abort signal's `reason`).
pub struct CallError {
    pub error: CecError,
    pub cause: Option<JsValue>,
}

impl CallError {
    pub fn to_js(&self) -> JsValue {
        let e = to_js_error(&self.error);
        if let Some(c) = self.cause.as_ref().filter(|c| !c.is_undefined()) {
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str("cause"), c);
        }
        e
    }
}

/// A validated request, ready but for the credentials of its gateway.
#[derive(Clone)]
pub enum Prepared {
    /// CC-iSales and API Fabric: the wire request is complete (auth goes in headers).
    Headers(WireRequest),
    /// OIFDE: `tenantId` and `authToken` go in the body, so the wire is built per attempt.
    Oifde(TransferRecordRequest),
}

/// An OIFDE answer that the token is no good (900001/900002): renew it and resend once.
fn is_oifde_token_error(e: &CecError) -> bool {
    e.kind == ErrorKind::Api && e.code.as_deref().is_some_and(|c| codes::OIFDE_RENEW_TOKEN_CODES.contains(&c))
}

struct AttemptFailure {
    error: CecError,
    failure: Failure,
    retry_after_ms: Option<u64>,
    /// The managed token the attempt used (to drop it on `Reauthenticate`).
    token_generation: Option<u64>,
    /// A 401 to an auth-v2 probe: resend at once with the next profile (not a retry).
    resign: bool,
}

impl AttemptFailure {
    fn permanent(error: CecError) -> Self {
        AttemptFailure {
            error,
            failure: Failure::Permanent,
            retry_after_ms: None,
            token_generation: None,
            resign: false,
        }
    }
}

fn failure_of(e: &CecError) -> Failure {
    match e.kind {
        ErrorKind::Network => Failure::Network,
        ErrorKind::Timeout => Failure::Timeout,
        ErrorKind::Http => e.http_status.map_or(Failure::Permanent, Failure::Status),
        _ => Failure::Permanent,
    }
}

fn stopped(s: Stop, endpoint: Endpoint, locale: Locale) -> CecError {
    // A cancelled iterator discards the error; an abort reports it.
    let _ = s;
    errors::aborted(Some(endpoint), locale)
}

impl Shared {
    fn token_source(&self, gateway: Gateway) -> Option<&Rc<TokenSource>> {
        match gateway {
            Gateway::ApiFabric => self.fabric_tokens.as_ref(),
            Gateway::Oifde => self.oifde_tokens.as_ref(),
            Gateway::Isales => None,
        }
    }

    pub(super) fn event(
        &self,
        kind: &'static str,
        endpoint: Endpoint,
        method: &'static str,
        url: &str,
        attempt: u32,
    ) -> CecEvent {
        CecEvent {
            kind,
            endpoint: endpoint.as_str(),
            gateway: errors::gateway_name(endpoint.gateway()),
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

    /// The token for one attempt: configured, cached, or renewed.
    async fn token(&self, gateway: Gateway, stop: &StopSignal) -> Result<Option<Token>, TokenFailure> {
        let fixed = match gateway {
            Gateway::Isales => return Ok(None),
            Gateway::ApiFabric => match self.config.api_fabric.as_ref().map(|c| &c.auth) {
                Some(ApiFabricAuth::AccessToken { access_token, .. }) => Some(access_token.clone()),
                _ => None,
            },
            Gateway::Oifde => match self.config.oifde.as_ref().map(|c| &c.auth) {
                Some(OifdeAuth::AuthToken { auth_token }) => Some(auth_token.clone()),
                _ => None,
            },
        };
        if let Some(value) = fixed {
            return Ok(Some(Token { value, generation: None }));
        }
        match self.token_source(gateway) {
            Some(src) => src.get(stop).await.map(Some),
            None => Ok(None),
        }
    }
}

/// Calls `endpoint` with retries; the error carries `attempts`, `endpoint` and `httpStatus`.
pub async fn execute<T>(
    shared: &Rc<Shared>,
    endpoint: Endpoint,
    prepared: &Prepared,
    decode: fn(&str, Locale) -> Result<T, CecError>,
    opts: &CallOpts,
    stop: &StopSignal,
) -> Result<T, CallError> {
    let locale = shared.config.locale;
    let mut state = RetryState::default();
    let mut tally = Tally { attempts: 0, method: "POST", url: String::new(), cause: None, request_id: None };
    let mut signing = CallSigning::default();
    let policy =
        RetryPolicy { max_retries: opts.max_retries.unwrap_or(shared.policy.max_retries), ..shared.policy };
    let result = loop {
        if let Some(s) = stop.stopped() {
            break Err(stopped(s, endpoint, locale));
        }
        let failed =
            match attempt(shared, endpoint, prepared, decode, opts, stop, &mut tally, &mut signing).await {
                Ok(v) => break Ok(v),
                Err(f) => f,
            };
        if failed.error.kind == ErrorKind::Aborted {
            break Err(failed.error);
        }
        if failed.resign {
            continue;
        }
        match retry::decide(&policy, &mut state, failed.failure, failed.retry_after_ms, rt::random()) {
            Decision::GiveUp => break Err(failed.error),
            Decision::Reauthenticate => {
                if let (Some(src), Some(g)) =
                    (shared.token_source(endpoint.gateway()), failed.token_generation)
                {
                    src.invalidate(g);
                }
                let mut ev = shared.event("retry", endpoint, tally.method, &tally.url, tally.attempts);
                ev.error_kind = Some(failed.error.kind);
                ev.delay_ms = Some(0);
                shared.hooks.emit(&ev);
            }
            Decision::Retry { delay_ms } => {
                let mut ev = shared.event("retry", endpoint, tally.method, &tally.url, tally.attempts);
                ev.error_kind = Some(failed.error.kind);
                ev.delay_ms = Some(delay_ms);
                shared.hooks.emit(&ev);
                if let Err(s) = rt::race(Sleep::new(delay_ms as f64), stop.any()).await {
                    break Err(stopped(s, endpoint, locale));
                }
            }
        }
    };
    result.map_err(|e| {
        let mut e = shared.scrub(e).with_endpoint(endpoint).with_attempts(tally.attempts);
        if e.kind == ErrorKind::Validation {
            e.attempts = 0;
        }
        e.request_id = tally.request_id.take();
        let cause = match e.kind {
            ErrorKind::Aborted => {
                opts.signal.as_ref().and_then(|s| js_sys::Reflect::get(s, &JsValue::from_str("reason")).ok())
            }
            ErrorKind::Network => tally.cause.take(),
            _ => None,
        };
        CallError { error: e, cause }
    })
}

/// What the attempts of one call have done so far: how many, and the last request (for retry
/// events).
struct Tally {
    attempts: u32,
    method: &'static str,
    url: String,
    /// What the last network failure's fetch rejected with.
    cause: Option<JsValue>,
    /// The request id of the last response that had one.
    request_id: Option<String>,
}

/// The token of `endpoint`'s gateway (none for CC-iSales), as an attempt's failure on error.
async fn credentials(
    shared: &Rc<Shared>,
    endpoint: Endpoint,
    stop: &StopSignal,
    tally: &mut Tally,
) -> Result<Option<Token>, AttemptFailure> {
    match shared.token(endpoint.gateway(), stop).await {
        Ok(t) => {
            if let Some(t) = &t {
                shared.remember_issued(t);
            }
            Ok(t)
        }
        Err(TokenFailure::Stopped(s)) => {
            Err(AttemptFailure::permanent(stopped(s, endpoint, shared.config.locale)))
        }
        Err(TokenFailure::Error(e)) => {
            tally.attempts += 1;
            let failure = failure_of(&e);
            Err(AttemptFailure {
                failure,
                retry_after_ms: None,
                token_generation: None,
                error: e,
                resign: false,
            })
        }
    }
}

#[allow(clippy::too_many_arguments)] // folded into one struct when the boundary is thinned (issue 15)
async fn attempt<T>(
    shared: &Rc<Shared>,
    endpoint: Endpoint,
    prepared: &Prepared,
    decode: fn(&str, Locale) -> Result<T, CecError>,
    opts: &CallOpts,
    stop: &StopSignal,
    tally: &mut Tally,
    signing: &mut CallSigning,
) -> Result<T, AttemptFailure> {
    let locale = shared.config.locale;
    let gateway = endpoint.gateway();
    let timeout_ms = opts.timeout_ms;

    // 0. The auth-v2 profile (may wait while another call probes the gateway's layout).
    let profile = if gateway == Gateway::Isales {
        match signing.profile(shared, stop).await {
            Ok(p) => Some(p),
            Err(s) => return Err(AttemptFailure::permanent(stopped(s, endpoint, locale))),
        }
    } else {
        None
    };

    // 1. Warm the credentials before the gate, so a token renewal rarely holds a batch slot.
    credentials(shared, endpoint, stop, tally).await?;

    // 2. The rate gate.
    let permit = match shared.gate.acquire(stop).await {
        Ok(p) => p,
        Err(s) => return Err(AttemptFailure::permanent(stopped(s, endpoint, locale))),
    };
    // Let the other requests admitted with this one take their permits before this one signs
    // and sends, so a batch's requests start together.
    rt::yield_now().await;

    // 3. The token actually sent is taken now, not before the wait: a call can wait in the gate
    //    longer than a token lives (cached tokens make this free; an expired one is renewed).
    let token = credentials(shared, endpoint, stop, tally).await?;
    let token_generation = token.as_ref().and_then(|t| t.generation);
    let wire = match prepared {
        Prepared::Headers(w) => w.clone(),
        Prepared::Oifde(req) => {
            let (Some(cfg), Some(t)) = (shared.config.oifde.as_ref(), token.as_ref()) else {
                return Err(AttemptFailure::permanent(errors::not_configured(endpoint, locale)));
            };
            req.to_wire(&cfg.tenant_id, t.value.expose())
        }
    };

    // 4. URL and headers (auth-v2 signed now, with this attempt's timestamp: here, or by the
    // caller's `isales.sign`).
    let remote = match (&profile, &shared.isales_sign) {
        (Some(p), Some(f)) => match super::remote::sign(shared, f, endpoint, &wire, p, stop).await {
            Ok(a) => Some(a),
            Err(e) => return Err(AttemptFailure::permanent(e)),
        },
        _ => None,
    };
    let signer = match (&profile, remote) {
        (_, Some(authorization)) => Signer::Remote(authorization),
        (Some(p), None) => Signer::Local(p),
        (None, None) => Signer::None,
    };
    let (url, mut headers) =
        match build_headers(&shared.config, endpoint, &wire, token.as_ref().map(|t| &t.value), signer) {
            Ok(x) => x,
            Err(e) => return Err(AttemptFailure::permanent(e)),
        };
    // This call's headers replace the gateway's of the same name.
    for (name, value) in &opts.headers {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.clone()));
    }

    // 5. Send.
    tally.attempts += 1;
    let attempt_no = tally.attempts;
    tally.method = wire.method;
    tally.url = url.clone();
    shared.hooks.emit(&shared.event("request", endpoint, wire.method, &url, attempt_no));
    let started = rt::now_ms();
    let outcome = transport::send(
        shared.fetch.as_ref(),
        HttpRequest { method: wire.method, url: &url, headers, body: wire.body.clone() },
        timeout_ms,
        stop,
    )
    .await;
    permit.finish(outcome.is_ok());
    let mut ev = shared.event("response", endpoint, wire.method, &url, attempt_no);
    ev.duration_ms = Some(rt::now_ms() - started);
    if let Ok(resp) = &outcome {
        ev.request_id = resp.request_id.clone();
        if resp.request_id.is_some() {
            tally.request_id = resp.request_id.clone();
        }
    }

    // 6. Classify.
    let what = endpoint.as_str();
    let result = match outcome {
        Err(AttemptError::Aborted) => Err(AttemptFailure::permanent(errors::aborted(Some(endpoint), locale))),
        Err(AttemptError::Timeout) => Err(AttemptFailure {
            error: errors::timeout(Some(endpoint), what, timeout_ms, locale),
            failure: Failure::Timeout,
            retry_after_ms: None,
            token_generation,
            resign: false,
        }),
        Err(AttemptError::Network(n)) => {
            let certificate = n.code.as_deref().is_some_and(retry::is_certificate_error);
            tally.cause = Some(n.cause);
            Err(AttemptFailure {
                error: errors::network(Some(endpoint), what, &n.message, certificate, locale),
                // An untrusted certificate stays untrusted: resending cannot help.
                failure: if certificate { Failure::Permanent } else { Failure::Network },
                retry_after_ms: None,
                token_generation,
                resign: false,
            })
        }
        Ok(resp) if profile.is_some() && resp.status == 401 => {
            ev.status = Some(resp.status);
            let description = errors::body_description(&resp.body);
            let outcome = signing.after(shared, resp.status, endpoint, wire.method, &url, attempt_no);
            let (error, resign) = match outcome {
                After::Resend => (errors::auth_status(Some(endpoint), what, 401, description, locale), true),
                After::Exhausted(tried) => {
                    (errors::signing_exhausted(endpoint, &tried, description, locale), false)
                }
                After::Done => (errors::auth_status(Some(endpoint), what, 401, description, locale), false),
            };
            Err(AttemptFailure {
                error,
                failure: Failure::Permanent,
                retry_after_ms: None,
                token_generation,
                resign,
            })
        }
        Ok(resp) => {
            ev.status = Some(resp.status);
            if profile.is_some() {
                signing.after(shared, resp.status, endpoint, wire.method, &url, attempt_no);
            }
            classify(
                endpoint,
                resp.status,
                &resp.body,
                resp.retry_after.as_deref(),
                decode,
                token_generation,
                locale,
            )
            .map_err(|mut f| {
                if f.error.http_status.is_none() {
                    f.error.http_status = Some(resp.status);
                }
                f
            })
        }
    };
    if let Err(f) = &result {
        ev.error_kind = Some(f.error.kind);
    }
    shared.hooks.emit(&ev);
    result
}

fn classify<T>(
    endpoint: Endpoint,
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    decode: fn(&str, Locale) -> Result<T, CecError>,
    token_generation: Option<u64>,
    locale: Locale,
) -> Result<T, AttemptFailure> {
    let what = endpoint.as_str();
    let gateway = endpoint.gateway();
    if (200..300).contains(&status) {
        return decode(body, locale).map_err(|e| {
            if gateway == Gateway::Oifde && is_oifde_token_error(&e) {
                // Reported as `auth` if re-authentication does not help (or is impossible).
                let auth = errors::auth_code(
                    Some(endpoint),
                    what,
                    e.code.as_deref().unwrap_or(""),
                    e.description.clone(),
                    locale,
                );
                let failure =
                    if token_generation.is_some() { Failure::TokenRejected } else { Failure::Permanent };
                return AttemptFailure {
                    error: auth,
                    failure,
                    retry_after_ms: None,
                    token_generation,
                    resign: false,
                };
            }
            if e.kind == ErrorKind::Decode {
                let error = e.with_retryable(true);
                return AttemptFailure {
                    failure: Failure::Undecodable,
                    retry_after_ms: None,
                    token_generation,
                    error,
                    resign: false,
                };
            }
            AttemptFailure::permanent(e)
        });
    }
    let description = errors::body_description(body);
    if status == 401 || status == 403 {
        let error = errors::auth_status(Some(endpoint), what, status, description, locale);
        // A managed Bearer token the gateway no longer accepts: renew once and resend.
        let failure = if status == 401 && gateway != Gateway::Isales && token_generation.is_some() {
            Failure::TokenRejected
        } else {
            Failure::Permanent
        };
        return Err(AttemptFailure { error, failure, retry_after_ms: None, token_generation, resign: false });
    }
    // A vendor business answer on an error status (docs: 500 = business failure) is `api`.
    if let Err(e) = decode(body, locale) {
        if e.kind == ErrorKind::Api {
            return Err(AttemptFailure::permanent(e.with_status(status)));
        }
    }
    // A status the endpoint's doc calls a business failure: the same request fails again.
    if retry::is_business_failure_status(endpoint, status) {
        let description = description.or_else(|| errors::body_text(body));
        let error = errors::http(Some(endpoint), what, status, description, locale).with_retryable(false);
        return Err(AttemptFailure::permanent(error));
    }
    let retry_after_ms = retry_after.and_then(|v| retry::parse_retry_after(v, rt::epoch_ms() as i64));
    Err(AttemptFailure {
        error: errors::http(Some(endpoint), what, status, description, locale),
        failure: Failure::Status(status),
        retry_after_ms,
        token_generation,
        resign: false,
    })
}

/// Who signs a CC-iSales attempt.
enum Signer<'a> {
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

/// Request headers, names as sent.
type Headers = Vec<(String, String)>;

/// The URL and headers of one attempt.
fn build_headers(
    config: &ClientConfig,
    endpoint: Endpoint,
    wire: &WireRequest,
    token: Option<&Secret>,
    signer: Signer<'_>,
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
                    let timestamp = profile.timestamp_at(rt::epoch_ms() as i64).ok_or_else(|| {
                        errors::bad_token_response(
                            Some(endpoint),
                            "auth-v2",
                            "the clock is out of range",
                            locale,
                        )
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
