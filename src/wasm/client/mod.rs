//! `CecClient`: the typed, validated client of the five call-data endpoints (fetch transport,
//! timers, abort, tokens, retries, one rate gate per client) and its two paging iterators.
//!
//! The decisions are pure core code (`config`, `retry`, `rate`, `token`, `paging`, the endpoint
//! modules); this module converts, waits and sends.

mod check;
mod exec;
mod gate;
mod hooks;
mod iter;
mod obs;
mod options;
mod remote;
mod rt;
mod signer;
mod tokens;
mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use self::exec::{execute, Shared};
use self::gate::Gate;
use self::hooks::Hooks;
use self::iter::{resume_point, IterCore};
use self::options::{parse_options, CallOpts};
use self::rt::Notify;
use self::tokens::{TokenContext, TokenSource};
use super::convert::{js_to_json, json_to_js, to_js, to_js_error};
use super::js_input;
use crate::client::export_plan::{self, ExportPlan, PageItem};
use crate::client::setup::{gate_config, gateway_issues, not_a_function, Scrubber};
use crate::client::token_request::TokenKind;
use crate::client::types;
use crate::config::input::FUNCTION_KEYS;
use crate::config::{self, ApiFabricAuth, OifdeAuth};
use crate::detect::Detector;
use crate::endpoint::Endpoint;
use crate::endpoints::call_results;
use crate::endpoints::transfer_records;
use crate::retry::RetryPolicy;
use crate::signing::SigningMode;
use crate::{CecError, Issue, Locale};

#[wasm_bindgen(typescript_custom_section)]
const ITERATOR_TS: &str = r#"
export interface CallResultsIterator {
  /** `for await (const r of client.iterateCallResults(...))` (added by the package's JS layer). */
  [Symbol.asyncIterator](): CallResultsIterator;
}
export interface TransferRecordsIterator {
  /** `for await (const r of client.iterateTransferRecords(...))` (added by the package's JS layer). */
  [Symbol.asyncIterator](): TransferRecordsIterator;
}
export interface ObsCodesIterator {
  /** `for await (const c of client.iterateOBSResultCodes(...))` (added by the package's JS layer). */
  [Symbol.asyncIterator](): ObsCodesIterator;
}
"#;

/// The client of the CEC call-data APIs. One instance shares its tokens, its rate gate
/// (`maxConcurrency`, `batchIntervalMs`) and its retry policy across every call made through it.
/// Credentials cannot be read back; `toJSON()` shows a redacted summary.
#[wasm_bindgen]
pub struct CecClient {
    shared: Rc<Shared>,
}

/// The config's functions, by key (`crate::client::types::FUNCTION_KEYS`).
#[derive(Default)]
struct Functions {
    hooks: Hooks,
    fetch: Option<js_sys::Function>,
    isales_sign: Option<js_sys::Function>,
}

/// Reads one function-valued key (`a` or `a.b`); absent is fine, anything else is an issue.
fn read_function(config: &JsValue, path: &str, locale: Locale) -> Result<Option<js_sys::Function>, Issue> {
    // An unreadable parent (`isales`) is reported where the config is converted, not here.
    let (parent, key) = match path.split_once('.') {
        Some((parent, key)) => match js_input::get_prop(config, parent) {
            Ok(p) if p.is_object() => (p, key),
            _ => return Ok(None),
        },
        None => (config.clone(), path),
    };
    let value = js_input::get_prop(&parent, key).map_err(|p| p.issue(path, locale))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.dyn_into::<js_sys::Function>().map(Some).map_err(|_| not_a_function(path, locale))
}

/// Reads the config's functions and returns a copy of the config without them (plain JSON
/// data), with the problems found on the way (reported together with the core's).
fn split_config(config: &JsValue, locale: Locale) -> (Value, Functions, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut functions = Functions::default();
    if !config.is_object() {
        return (Value::Null, functions, issues);
    }
    for path in FUNCTION_KEYS {
        let f = match read_function(config, path, locale) {
            Ok(f) => f,
            Err(issue) => {
                issues.push(issue);
                continue;
            }
        };
        let slot = match path {
            "logger" => &mut functions.hooks.logger,
            "onRequest" => &mut functions.hooks.on_request,
            "onResponse" => &mut functions.hooks.on_response,
            "fetch" => &mut functions.fetch,
            _ => &mut functions.isales_sign,
        };
        *slot = f;
    }
    match js_input::to_json(config, &FUNCTION_KEYS, locale) {
        Ok(v) => (v, functions, issues),
        Err(mut more) => {
            issues.append(&mut more);
            (Value::Object(Default::default()), functions, issues)
        }
    }
}

fn config_locale(config: &JsValue) -> Locale {
    super::convert::string_prop(config, "locale").and_then(|s| Locale::parse(&s)).unwrap_or_default()
}

/// A browser page (not Node, Deno or a worker): there, long-lived secrets are readable by users.
fn in_browser() -> bool {
    let global = js_sys::global();
    let has = |k: &str| js_sys::Reflect::has(&global, &JsValue::from_str(k)).unwrap_or(false);
    let node = js_sys::Reflect::get(&global, &JsValue::from_str("process"))
        .ok()
        .and_then(|p| js_sys::Reflect::get(&p, &JsValue::from_str("versions")).ok())
        .and_then(|v| js_sys::Reflect::get(&v, &JsValue::from_str("node")).ok())
        .is_some_and(|n| n.is_string());
    has("window") && has("document") && !node
}

/// Validates everything a call needs before anything is sent: the gateway, the request, the
/// options. Every issue is reported at once.
fn precheck<R>(
    shared: &Shared,
    endpoint: Endpoint,
    request: &JsValue,
    options: &Option<js_sys::Object>,
    parse: impl FnOnce(&Value, Locale) -> Result<R, Vec<Issue>>,
) -> Result<(R, CallOpts), CecError> {
    let locale = shared.config.locale;
    let mut issues = Vec::new();
    issues.extend(gateway_issues(&shared.config, endpoint));
    let parsed = match js_to_json(request, locale) {
        Ok(v) => parse(&v, locale).map_err(|mut i| issues.append(&mut i)).ok(),
        Err(mut i) => {
            issues.append(&mut i);
            None
        }
    };
    let opts = parse_options(options, &shared.config).map_err(|mut i| issues.append(&mut i)).ok();
    match (parsed, opts) {
        (Some(p), Some(o)) if issues.is_empty() => Ok((p, o)),
        _ => Err(CecError::validation(Some(endpoint), issues, locale)),
    }
}

impl CecClient {
    /// One call of `endpoint`: every check before anything is sent, then the call; the promise
    /// resolves to the endpoint's response model.
    fn call(
        &self,
        endpoint: Endpoint,
        request: &JsValue,
        options: &Option<js_sys::Object>,
    ) -> js_sys::Promise {
        let prepare = |v: &Value, l| export_plan::prepare(endpoint, v, l);
        let (prepared, opts) = match precheck(&self.shared, endpoint, request, options, prepare) {
            Ok(x) => x,
            Err(e) => return js_sys::Promise::reject(&to_js_error(&e)),
        };
        let shared = Rc::clone(&self.shared);
        wasm_bindgen_futures::future_to_promise(async move {
            let page =
                execute(&shared, endpoint, &prepared, &opts, &opts.stop).await.map_err(|e| e.to_js())?;
            json_to_js(page.text())
        })
    }

    /// An iterator's core over every page of `plan`, resumed from `options.resume` if given.
    fn export(
        &self,
        plan: ExportPlan,
        options: &Option<js_sys::Object>,
        opts: CallOpts,
    ) -> Result<Rc<IterCore>, JsValue> {
        let resume = resume_point(&plan, options, self.shared.config.locale).map_err(|e| to_js_error(&e))?;
        Ok(IterCore::new(Rc::clone(&self.shared), plan, resume, opts))
    }
}

#[wasm_bindgen]
impl CecClient {
    /// Creates a client. Throws a `CecError` of kind `"validation"` naming every bad field
    /// (`isales.baseUrl`, `timeoutMs`, ...).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CecClientConfig")] config: JsValue,
    ) -> Result<CecClient, JsValue> {
        let locale = config_locale(&config);
        let (data, Functions { hooks, fetch, isales_sign }, mut issues) = split_config(&config, locale);
        let env = config::ParseEnv { isales_signer: isales_sign.is_some(), browser: in_browser() };
        let cfg = match config::parse_client_config_in(&data, env) {
            Ok(cfg) if issues.is_empty() => cfg,
            Ok(_) => return Err(to_js_error(&CecError::validation(None, issues, locale))),
            Err(mut more) => {
                more.append(&mut issues);
                return Err(to_js_error(&CecError::validation(None, more, locale)));
            }
        };
        let limits = cfg.limits;
        let gate = Gate::new(gate_config(&cfg));
        let ctx = TokenContext {
            hooks: hooks.clone(),
            fetch: fetch.clone(),
            timeout_ms: limits.timeout_ms,
            locale: cfg.locale,
        };
        let fabric_tokens = cfg.api_fabric.as_ref().and_then(|f| match &f.auth {
            ApiFabricAuth::AppKey { app_key, app_secret, token_url } => Some(TokenSource::new(
                TokenKind::ApiFabric,
                token_url.clone(),
                app_key.clone(),
                app_secret.clone(),
                ctx.clone(),
                f.headers.clone(),
            )),
            ApiFabricAuth::AccessToken { .. } => None,
        });
        let oifde_tokens = cfg.oifde.as_ref().and_then(|o| match &o.auth {
            OifdeAuth::AppSecret { app_secret, token_url } => Some(TokenSource::new(
                TokenKind::Oifde,
                token_url.clone(),
                o.tenant_id.clone(),
                app_secret.clone(),
                ctx.clone(),
                o.headers.clone(),
            )),
            OifdeAuth::AuthToken { .. } => None,
        });
        let signing = cfg.isales.as_ref().map_or(SigningMode::Auto, |i| i.signing.clone());
        let shared = Shared {
            detector: RefCell::new(Detector::new(signing)),
            signing_changed: Notify::default(),
            fetch,
            isales_sign,
            scrubber: Scrubber::new(&cfg),
            policy: RetryPolicy { max_retries: limits.max_retries, ..RetryPolicy::default() },
            config: cfg,
            gate,
            hooks,
            fabric_tokens,
            oifde_tokens,
        };
        Ok(CecClient { shared: Rc::new(shared) })
    }

    /// Every call result of the request, page by page: a range longer than 30 days is split
    /// into consecutive 30-day windows; without a range it just pages. `pageNum` is ignored;
    /// `pageSize` defaults to the largest allowed (100 with `showDetail: 1`, else 500).
    /// Throws a `CecError` of kind `"validation"` at once for an invalid request.
    #[wasm_bindgen(js_name = iterateCallResults)]
    pub fn iterate_call_results(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallResultsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> Result<CallResultsIterator, JsValue> {
        let (req, opts) =
            precheck(&self.shared, Endpoint::CallResults, &request, &options, call_results::parse_for_export)
                .map_err(|e| to_js_error(&e))?;
        let (plan, mut dedupe) = ExportPlan::call_results(req);
        let core = self.export(plan, &options, opts)?;
        core.set_filter(Box::new(move |r: &PageItem, window| {
            dedupe.keep(window, r.call_id.as_deref(), r.call_time.as_deref())
        }));
        Ok(CallResultsIterator { core })
    }

    /// Every transfer record of the request, page by page (`pageSize` default 100).
    /// Throws a `CecError` of kind `"validation"` at once for an invalid request.
    #[wasm_bindgen(js_name = iterateTransferRecords)]
    pub fn iterate_transfer_records(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TransferRecordRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> Result<TransferRecordsIterator, JsValue> {
        let (req, opts) = precheck(
            &self.shared,
            Endpoint::TransferRecords,
            &request,
            &options,
            transfer_records::parse_for_export,
        )
        .map_err(|e| to_js_error(&e))?;
        let core = self.export(ExportPlan::transfer_records(req), &options, opts)?;
        Ok(TransferRecordsIterator { core })
    }

    /// A redacted summary for logs and `JSON.stringify(client)`: base URLs, how each gateway
    /// authenticates, the limits. Never keys, secrets or tokens.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CecClientSummary")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&types::CecClientSummary::from(self.shared.config.summary()))
    }
}

/// The single calls: one method per endpoint, each `call`ing its endpoint.
macro_rules! endpoint_calls {
    ($($(#[doc = $doc:tt])* $rust:ident = $js:tt($req:tt) -> $ret:tt for $endpoint:expr;)*) => {
        #[wasm_bindgen]
        impl CecClient {$(
            $(#[doc = $doc])*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
            pub fn $rust(
                &self,
                #[wasm_bindgen(unchecked_param_type = $req)] request: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
            ) -> js_sys::Promise {
                self.call($endpoint, &request, &options)
            }
        )*}
    };
}

endpoint_calls! {
    /// One outbound call result (CC-iSales, GET .../callresultdetail/{callId}).
    get_call_result_detail = "getCallResultDetail"("CallResultDetailRequest") -> "Promise<CallResultDetailResponse>" for Endpoint::CallResultDetail;
    /// One page of outbound call results (CC-iSales). For a whole range, `iterateCallResults`.
    query_call_results = "queryCallResults"("CallResultsRequest") -> "Promise<CallResultsResponse>" for Endpoint::CallResults;
    /// The dialogue turns of one automatic/intelligent outbound call (CC-iSales).
    query_call_records = "queryCallRecords"("CallRecordsRequest") -> "Promise<CallRecordsResponse>" for Endpoint::CallRecords;
    /// CDRs and satisfaction data (API Fabric queryCallManualDetailInfo).
    query_call_manual_detail = "queryCallManualDetail"("CallManualDetailRequest") -> "Promise<CallManualDetailResponse>" for Endpoint::CallManualDetail;
    /// One page of transfer-record history (OIFDE); `tenantId`/`authToken` are added by the
    /// client.
    query_transfer_records = "queryTransferRecords"("TransferRecordRequest") -> "Promise<TransferRecordsResponse>" for Endpoint::TransferRecords;
    /// One page of the tenant's OBS result codes (CC-iSales, GET …/queryOBSResultCode, query
    /// parameters signed). `pageNum` ≥ 1 and `pageSize` 1..50 are both required.
    query_obs_result_code = "queryOBSResultCode"("ObsResultCodesRequest") -> "Promise<ObsResultCodesResponse>" for Endpoint::ObsResultCodes;
}

macro_rules! iterator_class {
    ($name:ident, $item_ts:literal, $page_ts:literal) => {
        /// An async iterator over every item of a paged query (see `CecClient`). Use it with
        /// `for await`; `break` (or `return()`) stops all further requests.
        #[wasm_bindgen]
        pub struct $name {
            core: Rc<IterCore>,
        }

        #[wasm_bindgen]
        impl $name {
            /// The next item; rejects with the `CecError` of a page that failed after retries
            /// (calling `next()` again refetches that page: nothing is lost or repeated).
            #[wasm_bindgen(unchecked_return_type = $item_ts)]
            pub fn next(&self) -> js_sys::Promise {
                self.core.next_promise()
            }

            /// Stops the iteration (called by `for await` on `break`).
            #[wasm_bindgen(js_name = "return", unchecked_return_type = $item_ts)]
            pub fn return_(&self) -> js_sys::Promise {
                self.core.return_promise()
            }

            /// Where the consumer stands (plain JSON, no secrets): `{ resume: checkpoint }` in the
            /// options of the same request continues after the last item consumed.
            #[wasm_bindgen(unchecked_return_type = "IteratorCheckpoint")]
            pub fn checkpoint(&self) -> JsValue {
                self.core.checkpoint()
            }

            /// The rest of the current page with the checkpoint after it, `undefined` when done
            /// (`pages()` of the JS layer iterates these).
            #[wasm_bindgen(js_name = nextPage, unchecked_return_type = $page_ts)]
            pub fn next_page(&self) -> js_sys::Promise {
                self.core.next_page_promise()
            }

            /// Progress so far, for a UI.
            #[wasm_bindgen(unchecked_return_type = "IteratorProgress")]
            pub fn progress(&self) -> JsValue {
                self.core.progress()
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                self.core.close();
            }
        }
    };
}

iterator_class!(
    CallResultsIterator,
    "Promise<IteratorResult<CallResult, undefined>>",
    "Promise<IteratorPage<CallResult> | undefined>"
);
iterator_class!(
    TransferRecordsIterator,
    "Promise<IteratorResult<TransferRecord, undefined>>",
    "Promise<IteratorPage<TransferRecord> | undefined>"
);
iterator_class!(
    ObsCodesIterator,
    "Promise<IteratorResult<ObsCode, undefined>>",
    "Promise<IteratorPage<ObsCode> | undefined>"
);
