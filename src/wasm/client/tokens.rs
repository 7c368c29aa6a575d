//! Token sources of API Fabric (`tokenByAkSk`) and OIFDE (`gettoken`). The lifecycle decisions
//! are `crate::token::TokenCache`'s; this file runs the one shared renewal (a JS promise every
//! concurrent caller awaits) and talks HTTP. Token requests are not rate-gated.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::hooks::Hooks;
use super::rt::{self, StopSignal};
use super::transport::{self, AttemptError, HttpRequest};
use crate::client::attempt::{no_answer_error, NoAnswer};
use crate::client::errors;
use crate::client::event::CecEvent;
use crate::client::token_request::{is_final_refusal, Issued, TokenKind};
use crate::config::Secret;
use crate::says::Msg;
use crate::token::{TokenCache, TokenLookup};
use crate::{CecError, Locale};

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
                if rt::race(JsFuture::from(promise), stop.any()).await.is_err() {
                    return Err(TokenFailure::Stopped);
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
        errors::bad_token_response(None, self.kind.what(), Msg::NoUsableToken, self.ctx.locale)
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
                if is_final_refusal(&e) {
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

    async fn fetch(&self) -> Result<Issued, CecError> {
        let locale = self.ctx.locale;
        let kind = self.kind;
        let (body, content_type) = kind.request_body(&self.key, self.secret.expose());
        let event =
            |name: &'static str| CecEvent::of_token(name, kind.operation(), kind.gateway(), &self.url);
        self.ctx.hooks.emit(&event("request"));
        let started = rt::now_ms();
        let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        headers.extend(self.headers.iter().cloned());
        let request = HttpRequest { method: "POST", url: &self.url, headers, body: Some(body), locale };
        // Shared by every waiter, so no caller's abort cancels it; the timeout bounds it.
        let outcome =
            transport::send(self.ctx.fetch.as_ref(), request, self.ctx.timeout_ms, &StopSignal::none()).await;
        let mut done = event("response");
        done.duration_ms = Some(rt::now_ms() - started);
        let no_answer = |why| Err(no_answer_error(None, kind.what(), why, locale));
        let result = match outcome {
            Err(AttemptError::Network(n)) => {
                no_answer(NoAnswer::Network { message: &n.message, code: n.code.as_deref() })
            }
            Err(AttemptError::Timeout) => no_answer(NoAnswer::Timeout { ms: self.ctx.timeout_ms }),
            Err(AttemptError::Aborted) => no_answer(NoAnswer::Aborted),
            Ok(resp) => {
                done.status = Some(resp.status);
                kind.interpret(resp.status, &resp.body, locale)
            }
        };
        if let Err(e) = &result {
            done.error_kind = Some(e.kind);
        }
        self.ctx.hooks.emit(&done);
        result
    }
}

/// Why no token came.
pub enum TokenFailure {
    /// The caller stopped waiting (abort, or its iterator ended).
    Stopped,
    Error(CecError),
}
