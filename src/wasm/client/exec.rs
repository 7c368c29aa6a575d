//! One call of one endpoint, end to end: authenticate, pass the rate gate, send, decode, and
//! retry or re-authenticate as `crate::retry::decide` says.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::super::convert::to_js_error;
use super::gate::Gate;
use super::hooks::Hooks;
use super::options::CallOpts;
use super::rt::{self, Notify, Sleep, StopSignal};
use super::signer::CallSigning;
use super::tokens::{Token, TokenFailure, TokenSource};
use super::transport::{self, AttemptError, HttpRequest};
use crate::client::attempt::{self, Answer, AttemptFailure, NoAnswer, ProbeOutcome};
use crate::client::errors;
use crate::client::event::CecEvent;
use crate::client::export_plan::Prepared;
use crate::client::request::{self, Signer};
use crate::client::setup::{configured_token, Scrubber};
use crate::config::ClientConfig;
use crate::detect::Detector;
use crate::endpoint::{Endpoint, Gateway};
use crate::endpoints::JsonPage;
use crate::retry::{self, Decision, RetryPolicy, RetryState};
use crate::{CecError, ErrorKind, Locale};

/// Everything the calls of one client share.
pub struct Shared {
    pub config: ClientConfig,
    pub gate: Rc<Gate>,
    pub hooks: Hooks,
    pub policy: RetryPolicy,
    pub fabric_tokens: Option<Rc<TokenSource>>,
    pub oifde_tokens: Option<Rc<TokenSource>>,
    /// Removes every configured secret and obtained token from errors.
    pub scrubber: Scrubber,
    /// Which auth-v2 profile CC-iSales requests are signed with (`isales.signing`), shared by
    /// every call so `"auto"` detects once.
    pub detector: RefCell<Detector>,
    /// Bumped when a probe ends, to wake the calls waiting for it.
    pub signing_changed: Notify,
    /// The config's `fetch`, else the global one.
    pub fetch: Option<js_sys::Function>,
    /// `isales.sign`: a backend signs CC-iSales requests (the page holds no SK).
    pub isales_sign: Option<js_sys::Function>,
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

/// A call stopped by its abort signal, or by its iterator's end (which discards the error).
fn stopped(endpoint: Endpoint, locale: Locale) -> CecError {
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

    /// The token for one attempt: configured, cached, or renewed.
    async fn token(&self, gateway: Gateway, stop: &StopSignal) -> Result<Option<Token>, TokenFailure> {
        if let Some(value) = configured_token(&self.config, gateway) {
            return Ok(Some(Token { value, generation: None }));
        }
        match self.token_source(gateway) {
            Some(src) => src.get(stop).await.map(Some),
            None => Ok(None),
        }
    }
}

/// Calls `endpoint` with retries; the error carries `attempts`, `endpoint` and `httpStatus`.
/// One non-generic path for every endpoint: the response is its normalised JSON text, indexed
/// by item (`endpoints::JsonPage`).
pub async fn execute(
    shared: &Rc<Shared>,
    endpoint: Endpoint,
    prepared: &Prepared,
    opts: &CallOpts,
    stop: &StopSignal,
) -> Result<JsonPage, CallError> {
    let locale = shared.config.locale;
    let mut state = RetryState::default();
    let mut call = Call {
        shared,
        endpoint,
        prepared,
        opts,
        stop,
        tally: Tally { attempts: 0, method: "POST", url: String::new(), cause: None, request_id: None },
        signing: CallSigning::default(),
    };
    let policy =
        RetryPolicy { max_retries: opts.max_retries.unwrap_or(shared.policy.max_retries), ..shared.policy };
    let result = loop {
        if stop.stopped().is_some() {
            break Err(stopped(endpoint, locale));
        }
        let failed = match call.attempt().await {
            Ok(v) => break Ok(v),
            Err(f) => f,
        };
        if failed.error.kind == ErrorKind::Aborted {
            break Err(failed.error);
        }
        if failed.resign {
            continue;
        }
        let tally = &call.tally;
        match retry::decide(&policy, &mut state, failed.failure, failed.retry_after_ms, rt::random()) {
            Decision::GiveUp => break Err(failed.error),
            Decision::Reauthenticate => {
                if let (Some(src), Some(g)) =
                    (shared.token_source(endpoint.gateway()), failed.token_generation)
                {
                    src.invalidate(g);
                }
                let mut ev = CecEvent::of_call("retry", endpoint, tally.method, &tally.url, tally.attempts);
                ev.error_kind = Some(failed.error.kind);
                ev.delay_ms = Some(0);
                shared.hooks.emit(&ev);
            }
            Decision::Retry { delay_ms } => {
                let mut ev = CecEvent::of_call("retry", endpoint, tally.method, &tally.url, tally.attempts);
                ev.error_kind = Some(failed.error.kind);
                ev.delay_ms = Some(delay_ms);
                shared.hooks.emit(&ev);
                if rt::race(Sleep::new(delay_ms as f64), stop.any()).await.is_err() {
                    break Err(stopped(endpoint, locale));
                }
            }
        }
    };
    let mut tally = call.tally;
    result.map_err(|e| {
        let mut e = shared.scrubber.scrub(e).with_endpoint(endpoint).with_attempts(tally.attempts);
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

/// One call in progress: what it sends, and what its attempts have done.
struct Call<'a> {
    shared: &'a Rc<Shared>,
    endpoint: Endpoint,
    prepared: &'a Prepared,
    opts: &'a CallOpts,
    stop: &'a StopSignal,
    tally: Tally,
    signing: CallSigning,
}

impl Call<'_> {
    /// The token of the gateway (none for CC-iSales), as an attempt's failure on error.
    async fn credentials(&mut self) -> Result<Option<Token>, AttemptFailure> {
        match self.shared.token(self.endpoint.gateway(), self.stop).await {
            Ok(t) => {
                if let Some(t) = t.as_ref().filter(|t| t.generation.is_some()) {
                    self.shared.scrubber.remember(t.value.expose());
                }
                Ok(t)
            }
            Err(TokenFailure::Stopped) => {
                Err(AttemptFailure::permanent(stopped(self.endpoint, self.shared.config.locale)))
            }
            Err(TokenFailure::Error(e)) => {
                self.tally.attempts += 1;
                Err(attempt::token_failure(e))
            }
        }
    }

    async fn attempt(&mut self) -> Result<JsonPage, AttemptFailure> {
        let (shared, endpoint, stop) = (self.shared, self.endpoint, self.stop);
        let locale = shared.config.locale;
        let stopped_now = || AttemptFailure::permanent(stopped(endpoint, locale));

        // 0. The auth-v2 profile (may wait while another call probes the gateway's layout).
        let profile = if endpoint.gateway() == Gateway::Isales {
            Some(self.signing.profile(shared, stop).await.map_err(|_| stopped_now())?)
        } else {
            None
        };
        // 1. Warm the credentials before the gate, so a token renewal rarely holds a batch slot.
        self.credentials().await?;
        // 2. The rate gate.
        let permit = shared.gate.acquire(stop).await.map_err(|_| stopped_now())?;
        // Let the other requests admitted with this one take their permits before this one signs
        // and sends, so a batch's requests start together.
        rt::yield_now().await;
        // 3. The token actually sent is taken now, not before the wait: a call can wait in the gate
        //    longer than a token lives (cached tokens make this free; an expired one is renewed).
        let token = self.credentials().await?;
        let token_generation = token.as_ref().and_then(|t| t.generation);
        let wire = match self.prepared {
            Prepared::Headers(w) => w.clone(),
            Prepared::Oifde(req) => {
                let (Some(cfg), Some(t)) = (shared.config.oifde.as_ref(), token.as_ref()) else {
                    return Err(AttemptFailure::permanent(errors::not_configured(endpoint, locale)));
                };
                req.to_wire(&cfg.tenant_id, t.value.expose())
            }
        };
        // 4. URL and headers (auth-v2 signed now, with this attempt's timestamp: here, or by the
        //    caller's `isales.sign`).
        let signer = match (&profile, &shared.isales_sign) {
            (Some(p), Some(f)) => Signer::Remote(
                super::remote::sign(shared, f, endpoint, &wire, p, stop)
                    .await
                    .map_err(AttemptFailure::permanent)?,
            ),
            (Some(p), None) => Signer::Local(p),
            (None, _) => Signer::None,
        };
        let token_value = token.as_ref().map(|t| &t.value);
        let (url, headers) = request::build(
            &shared.config,
            endpoint,
            &wire,
            token_value,
            signer,
            &self.opts.headers,
            rt::epoch_ms() as i64,
        )
        .map_err(AttemptFailure::permanent)?;

        // 5. Send.
        self.tally.attempts += 1;
        let attempt_no = self.tally.attempts;
        self.tally.method = wire.method;
        self.tally.url = url.clone();
        shared.hooks.emit(&CecEvent::of_call("request", endpoint, wire.method, &url, attempt_no));
        let started = rt::now_ms();
        let timeout_ms = self.opts.timeout_ms;
        let request =
            HttpRequest { method: wire.method, url: &url, headers, body: wire.body.clone(), locale };
        let outcome = transport::send(shared.fetch.as_ref(), request, timeout_ms, stop).await;
        permit.finish(outcome.is_ok());
        let mut ev = CecEvent::of_call("response", endpoint, wire.method, &url, attempt_no);
        ev.duration_ms = Some(rt::now_ms() - started);

        // 6. Classify.
        let result = match outcome {
            Err(AttemptError::Aborted) => Err(attempt::no_answer(endpoint, NoAnswer::Aborted, None, locale)),
            Err(AttemptError::Timeout) => Err(attempt::no_answer(
                endpoint,
                NoAnswer::Timeout { ms: timeout_ms },
                token_generation,
                locale,
            )),
            Err(AttemptError::Network(n)) => {
                let why = NoAnswer::Network { message: &n.message, code: n.code.as_deref() };
                let failed = attempt::no_answer(endpoint, why, token_generation, locale);
                self.tally.cause = Some(n.cause);
                Err(failed)
            }
            Ok(resp) => {
                ev.status = Some(resp.status);
                ev.request_id = resp.request_id.clone();
                if resp.request_id.is_some() {
                    self.tally.request_id = resp.request_id.clone();
                }
                let after = match profile {
                    Some(_) => {
                        self.signing.after(shared, resp.status, endpoint, wire.method, &url, attempt_no)
                    }
                    None => ProbeOutcome::Done,
                };
                let answer = Answer {
                    status: resp.status,
                    body: &resp.body,
                    retry_after: resp.retry_after.as_deref(),
                };
                match (profile.is_some() && resp.status == 401, after) {
                    // A 401 to a signed request: the signature's verdict decides, not the body.
                    (true, after) => Err(attempt::signature_rejected(
                        endpoint,
                        &resp.body,
                        after,
                        token_generation,
                        locale,
                    )),
                    (false, _) => {
                        attempt::classify(endpoint, answer, token_generation, rt::epoch_ms() as i64, locale)
                    }
                }
            }
        };
        if let Err(f) = &result {
            ev.error_kind = Some(f.error.kind);
        }
        shared.hooks.emit(&ev);
        result
    }
}
