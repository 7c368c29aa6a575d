//! Token sources of API Fabric (`tokenByAkSk`) and OIFDE (`gettoken`). The lifecycle decisions
//! are `crate::token::TokenCache`'s; this file runs the one shared renewal (a JS promise every
//! concurrent caller awaits) and talks HTTP. Token requests are not rate-gated.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::errors;
use super::hooks::{CecEvent, Hooks};
use super::rt::{self, Stop, StopSignal};
use super::transport::{self, AttemptError, HttpRequest};
use crate::auth::{ApiFabricToken, OifdeToken, CONTENT_TYPE_JSON};
use crate::codes;
use crate::config::Secret;
use crate::token::{TokenCache, TokenLookup};
use crate::{CecError, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    ApiFabric,
    Oifde,
}

impl TokenKind {
    pub fn operation(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "apiFabricToken",
            TokenKind::Oifde => "oifdeToken",
        }
    }
    fn gateway(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "apiFabric",
            TokenKind::Oifde => "oifde",
        }
    }
    fn what(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "API Fabric tokenByAkSk",
            TokenKind::Oifde => "OIFDE gettoken",
        }
    }
}

/// A token to use for one attempt; `generation` is `None` for a token the caller configured.
#[derive(Clone)]
pub struct Token {
    pub value: Secret,
    pub generation: Option<u64>,
}

/// What the token requests need from the client.
#[derive(Clone)]
pub struct TokenContext {
    pub hooks: Hooks,
    /// The client's `fetch` option.
    pub fetch: Option<js_sys::Function>,
    pub timeout_ms: u32,
    pub locale: Locale,
}

pub struct TokenSource {
    kind: TokenKind,
    url: String,
    key: String,
    secret: Secret,
    ctx: TokenContext,
    /// The gateway's extra headers (a proxy in front of it may need them on every request).
    headers: Vec<(String, String)>,
    cache: RefCell<TokenCache>,
    /// A gettoken answer that must never be repeated (account locked): every later call gets it
    /// without asking again.
    refused: RefCell<Option<CecError>>,
    /// The renewal under way: its generation and the promise every caller awaits.
    pending: RefCell<Option<(u64, js_sys::Promise)>>,
    /// The error of the last failed renewal, for the callers that waited on it.
    last_error: RefCell<Option<(u64, CecError)>>,
}

impl TokenSource {
    pub fn new(
        kind: TokenKind,
        url: String,
        key: String,
        secret: Secret,
        ctx: TokenContext,
        headers: Vec<(String, String)>,
    ) -> Rc<TokenSource> {
        Rc::new(TokenSource {
            kind,
            url,
            key,
            secret,
            ctx,
            headers,
            refused: RefCell::new(None),
            cache: RefCell::new(TokenCache::new()),
            pending: RefCell::new(None),
            last_error: RefCell::new(None),
        })
    }

    /// Drops the token of `generation` after the gateway rejected it.
    pub fn invalidate(&self, generation: u64) {
        if let Ok(mut c) = self.cache.try_borrow_mut() {
            c.invalidate(generation);
        }
    }

    /// A valid token: the cached one, the renewal under way, or a new renewal.
    pub async fn get(self: &Rc<Self>, stop: &StopSignal) -> Result<Token, TokenFailure> {
        if let Some(e) = self.refused.try_borrow().ok().and_then(|r| r.clone()) {
            return Err(TokenFailure::Error(e));
        }
        // A few rounds cover a renewal that finished with a token already too old to use.
        for _ in 0..3 {
            let now = rt::now_ms();
            let lookup = match self.cache.try_borrow_mut() {
                Ok(mut c) => c.lookup(now),
                Err(_) => return Err(TokenFailure::Error(self.internal_error())),
            };
            let generation = match lookup {
                TokenLookup::Use { token, generation } => {
                    return Ok(Token { value: Secret::new(token), generation: Some(generation) })
                }
                TokenLookup::Fetch { generation } => {
                    let this = Rc::clone(self);
                    let promise = future_to_promise(async move {
                        this.renew(generation).await;
                        Ok(JsValue::UNDEFINED)
                    });
                    if let Ok(mut p) = self.pending.try_borrow_mut() {
                        *p = Some((generation, promise));
                    }
                    generation
                }
                TokenLookup::Join { generation } => generation,
            };
            let promise = self
                .pending
                .try_borrow()
                .ok()
                .and_then(|p| p.as_ref().filter(|(g, _)| *g == generation).map(|(_, p)| p.clone()));
            if let Some(promise) = promise {
                if let Err(s) = rt::race(JsFuture::from(promise), stop.any()).await {
                    return Err(TokenFailure::Stopped(s));
                }
            }
            let now = rt::now_ms();
            let token = self.cache.try_borrow().ok().and_then(|c| c.token_of(generation, now));
            if let Some(t) = token {
                return Ok(Token { value: Secret::new(t), generation: Some(generation) });
            }
            let failed = self
                .last_error
                .try_borrow()
                .ok()
                .and_then(|e| e.as_ref().filter(|(g, _)| *g == generation).map(|(_, e)| e.clone()));
            if let Some(e) = failed {
                return Err(TokenFailure::Error(e));
            }
        }
        Err(TokenFailure::Error(self.internal_error()))
    }

    fn internal_error(&self) -> CecError {
        errors::bad_token_response(None, self.kind.what(), "no usable token was obtained", self.ctx.locale)
    }

    /// The shared renewal: one HTTP request, its outcome stored for every waiter.
    async fn renew(self: Rc<Self>, generation: u64) {
        let result = self.fetch().await;
        let now = rt::now_ms();
        match result {
            Ok((token, ttl)) => {
                if let Ok(mut c) = self.cache.try_borrow_mut() {
                    c.complete(generation, token, ttl, now);
                }
            }
            Err(e) => {
                if let Ok(mut c) = self.cache.try_borrow_mut() {
                    c.fail(generation);
                }
                if e.code.as_deref().is_some_and(|c| codes::OIFDE_NEVER_RETRY_CODES.contains(&c)) {
                    if let Ok(mut r) = self.refused.try_borrow_mut() {
                        *r = Some(e.clone());
                    }
                }
                if let Ok(mut last) = self.last_error.try_borrow_mut() {
                    *last = Some((generation, e));
                }
            }
        }
        if let Ok(mut p) = self.pending.try_borrow_mut() {
            if p.as_ref().is_some_and(|(g, _)| *g == generation) {
                *p = None;
            }
        }
    }

    async fn fetch(&self) -> Result<(String, Option<u64>), CecError> {
        let locale = self.ctx.locale;
        let what = self.kind.what();
        let (body, content_type) = match self.kind {
            TokenKind::ApiFabric => (
                json!({ "app_key": self.key, "app_secret": self.secret.expose() }).to_string(),
                "application/json",
            ),
            TokenKind::Oifde => (
                json!({ "appKey": self.key, "appSecret": self.secret.expose() }).to_string(),
                CONTENT_TYPE_JSON,
            ),
        };
        let event = |kind: &'static str| CecEvent {
            kind,
            endpoint: self.kind.operation(),
            gateway: self.kind.gateway(),
            method: "POST",
            url: self.url.clone(),
            attempt: 1,
            retries: 0,
            status: None,
            duration_ms: None,
            error_kind: None,
            delay_ms: None,
            signing_profile: None,
            tried: None,
            request_id: None,
        };
        self.ctx.hooks.emit(&event("request"));
        let started = rt::now_ms();
        let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        headers.extend(self.headers.iter().cloned());
        let request = HttpRequest { method: "POST", url: &self.url, headers, body: Some(body) };
        // Shared by every waiter, so no caller's abort cancels it; the timeout bounds it.
        let outcome =
            transport::send(self.ctx.fetch.as_ref(), request, self.ctx.timeout_ms, &StopSignal::none()).await;
        let mut done = event("response");
        done.duration_ms = Some(rt::now_ms() - started);
        let result = match outcome {
            Err(AttemptError::Network(n)) => {
                let certificate = n.code.as_deref().is_some_and(crate::retry::is_certificate_error);
                Err(errors::network(None, what, &n.message, certificate, locale))
            }
            Err(AttemptError::Timeout) => Err(errors::timeout(None, what, self.ctx.timeout_ms, locale)),
            Err(AttemptError::Aborted) => Err(errors::aborted(None, locale)),
            Ok(resp) => {
                done.status = Some(resp.status);
                self.interpret(resp.status, &resp.body)
            }
        };
        if let Err(e) = &result {
            done.error_kind = Some(e.kind);
        }
        self.ctx.hooks.emit(&done);
        result
    }

    fn interpret(&self, status: u16, body: &str) -> Result<(String, Option<u64>), CecError> {
        let locale = self.ctx.locale;
        let what = self.kind.what();
        if !(200..300).contains(&status) {
            let description = errors::body_description(body);
            return Err(match status {
                400 | 401 | 403 => errors::auth_status(None, what, status, description, locale),
                _ => errors::http(None, what, status, description, locale),
            });
        }
        match self.kind {
            TokenKind::ApiFabric => {
                let t: ApiFabricToken = serde_json::from_str(body).map_err(|_| {
                    errors::bad_token_response(
                        None,
                        what,
                        "expected {\"AccessToken\": ..., \"Expires\": ...}",
                        locale,
                    )
                })?;
                if !crate::config::is_header_safe(&t.access_token) {
                    return Err(errors::bad_token_response(
                        None,
                        what,
                        "AccessToken is empty or not sendable in a header",
                        locale,
                    ));
                }
                Ok((t.access_token, t.expires_secs))
            }
            TokenKind::Oifde => {
                let t: OifdeToken = serde_json::from_str(body).map_err(|_| {
                    errors::bad_token_response(
                        None,
                        what,
                        "expected {\"errorCode\": 0, \"authToken\": ...}",
                        locale,
                    )
                })?;
                if t.error_code != 0 {
                    let code = t.error_code.to_string();
                    let mut e =
                        errors::auth_code(None, what, &code, t.error_msg.filter(|m| !m.is_empty()), locale);
                    // 200800001..3 have documented meanings: say which.
                    if let Some(info) = codes::describe(&code, None, locale) {
                        e.message = format!("{} {}", e.message, info.message);
                    }
                    return Err(e);
                }
                match t.auth_token.filter(|s| !s.trim().is_empty()) {
                    Some(token) => Ok((token, t.expire_time_secs)),
                    None => Err(errors::bad_token_response(None, what, "authToken is missing", locale)),
                }
            }
        }
    }
}

/// Why no token came.
pub enum TokenFailure {
    Stopped(Stop),
    Error(CecError),
}
