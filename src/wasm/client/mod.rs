//! `CecClient`: the typed, validated client of the five call-data endpoints (fetch transport,
//! timers, abort, tokens, retries, one rate gate per client) and its two paging iterators.
//!
//! The decisions are pure core code (`config`, `retry`, `rate`, `token`, `paging`, the endpoint
//! modules); this module converts, waits and sends.

mod check;
mod errors;
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
pub mod types;

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use self::exec::{execute, Prepared, Shared};
use self::gate::Gate;
use self::hooks::Hooks;
use self::iter::{IterCore, Start};
use self::options::{parse_options, CallOpts};
use self::rt::Notify;
use self::tokens::{TokenContext, TokenKind, TokenSource};
use super::convert::{js_to_json, to_js, to_js_error, to_js_via_json};
use super::js_input;
use crate::config::{self, ApiFabricAuth, ClientConfig, IsalesAuth, OifdeAuth};
use crate::detect::Detector;
use crate::endpoint::{Endpoint, Gateway};
use crate::endpoints::call_results::{self, CallResult};
use crate::endpoints::obs_result_codes::ObsCode;
use crate::endpoints::transfer_records::{self, TransferRecord};
use crate::endpoints::{call_manual_detail, call_records, call_result_detail, NumericString};
use crate::paging::{self, PageRef};
use crate::rate::{margin_for_interval, GateConfig, DEFAULT_JOIN_WINDOW_MS};
use crate::retry::RetryPolicy;
use crate::signing::SigningMode;
use crate::{CecError, Issue, Locale, Rule};

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

/// Function-valued config keys: the three hooks and `fetch`.
const HOOK_NAMES: [(&str, usize); 4] = [("logger", 0), ("onRequest", 1), ("onResponse", 2), ("fetch", 3)];

/// Reads the hook functions and returns a copy of the config without them (plain JSON data),
/// with the problems found on the way (reported together with the core's).
fn split_config(
    config: &JsValue,
    locale: Locale,
) -> (Value, Hooks, Option<js_sys::Function>, Option<js_sys::Function>, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut hooks = Hooks::default();
    let mut fetch = None;
    let mut isales_sign = None;
    if !config.is_object() {
        return (Value::Null, hooks, fetch, isales_sign, issues);
    }
    let hook_names: Vec<&str> = HOOK_NAMES.iter().map(|(n, _)| *n).collect();
    for (name, slot) in HOOK_NAMES {
        let value = match js_input::get_prop(config, name) {
            Ok(v) => v,
            Err(p) => {
                issues.push(p.issue(name, locale));
                continue;
            }
        };
        if value.is_undefined() || value.is_null() {
            continue;
        }
        match value.dyn_into::<js_sys::Function>() {
            Ok(f) => match slot {
                0 => hooks.logger = Some(f),
                1 => hooks.on_request = Some(f),
                2 => hooks.on_response = Some(f),
                _ => fetch = Some(f),
            },
            Err(_) => issues.push(issue(name, Rule::Type, locale, "must be a function", "必须是函数")),
        }
    }
    // `isales.sign` is a function too: read it here, leave it out of the JSON.
    if let Ok(isales) = js_input::get_prop(config, "isales") {
        if isales.is_object() {
            match js_input::get_prop(&isales, "sign") {
                Ok(v) if v.is_undefined() || v.is_null() => {}
                Ok(v) => match v.dyn_into::<js_sys::Function>() {
                    Ok(f) => isales_sign = Some(f),
                    Err(_) => issues.push(issue(
                        "isales.sign",
                        Rule::Type,
                        locale,
                        "must be a function",
                        "必须是函数",
                    )),
                },
                Err(p) => issues.push(p.issue("isales.sign", locale)),
            }
        }
    }
    let skip: Vec<&str> = hook_names.iter().copied().chain(["isales.sign"]).collect();
    match js_input::to_json(config, &skip, locale) {
        Ok(v) => (v, hooks, fetch, isales_sign, issues),
        Err(mut more) => {
            issues.append(&mut more);
            (Value::Object(Default::default()), hooks, fetch, isales_sign, issues)
        }
    }
}

fn issue(field: &str, rule: Rule, locale: Locale, en: &str, zh: &str) -> Issue {
    Issue {
        field: field.to_owned(),
        rule,
        code: None,
        message: match locale {
            Locale::EnUs => format!("{field} {en}."),
            Locale::ZhCn => format!("{field} {zh}。"),
        },
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

fn secrets_of(c: &ClientConfig) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(IsalesAuth::Keys { secret_key, .. }) = c.isales.as_ref().map(|i| &i.auth) {
        out.push(secret_key.expose().to_owned());
    }
    if let Some(f) = &c.api_fabric {
        match &f.auth {
            ApiFabricAuth::AppKey { app_secret, .. } => out.push(app_secret.expose().to_owned()),
            ApiFabricAuth::AccessToken { access_token, .. } => out.push(access_token.expose().to_owned()),
        }
    }
    if let Some(o) = &c.oifde {
        match &o.auth {
            OifdeAuth::AppSecret { app_secret, .. } => out.push(app_secret.expose().to_owned()),
            OifdeAuth::AuthToken { auth_token } => out.push(auth_token.expose().to_owned()),
        }
    }
    out
}

fn gateway_configured(c: &ClientConfig, g: Gateway) -> bool {
    match g {
        Gateway::Isales => c.isales.is_some(),
        Gateway::ApiFabric => c.api_fabric.is_some(),
        Gateway::Oifde => c.oifde.is_some(),
    }
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
    if !gateway_configured(&shared.config, endpoint.gateway()) {
        issues.extend(errors::not_configured(endpoint, locale).issues);
    }
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
    fn call<T: Serialize + 'static>(
        &self,
        endpoint: Endpoint,
        request: &JsValue,
        options: &Option<js_sys::Object>,
        parse: fn(&Value, Locale) -> Result<Prepared, Vec<Issue>>,
        decode: fn(&str, Locale) -> Result<T, CecError>,
    ) -> js_sys::Promise {
        let (prepared, opts) = match precheck(&self.shared, endpoint, request, options, parse) {
            Ok(x) => x,
            Err(e) => return js_sys::Promise::reject(&to_js_error(&e)),
        };
        let shared = Rc::clone(&self.shared);
        wasm_bindgen_futures::future_to_promise(async move {
            let stop = opts.stop.clone();
            let response =
                execute(&shared, endpoint, &prepared, decode, &opts, &stop).await.map_err(|e| e.to_js())?;
            to_js_via_json(&response)
        })
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
        let (data, hooks, fetch, isales_sign, mut issues) = split_config(&config, locale);
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
        let interval = f64::from(limits.batch_interval_ms);
        let gate = Gate::new(GateConfig {
            max_concurrency: limits.max_concurrency,
            interval_ms: interval,
            join_window_ms: DEFAULT_JOIN_WINDOW_MS,
            margin_ms: margin_for_interval(interval),
        });
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
            secrets: secrets_of(&cfg),
            issued: Default::default(),
            policy: RetryPolicy { max_retries: limits.max_retries, ..RetryPolicy::default() },
            config: cfg,
            gate,
            hooks,
            fabric_tokens,
            oifde_tokens,
        };
        Ok(CecClient { shared: Rc::new(shared) })
    }

    /// One outbound call result (CC-iSales, GET .../callresultdetail/{callId}).
    #[wasm_bindgen(js_name = getCallResultDetail, unchecked_return_type = "Promise<CallResultDetailResponse>")]
    pub fn get_call_result_detail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallResultDetailRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::CallResultDetail,
            &request,
            &options,
            |v, l| call_result_detail::parse(v, l).map(|r| Prepared::Headers(r.to_wire())),
            call_result_detail::decode,
        )
    }

    /// One page of outbound call results (CC-iSales). For a whole range, `iterateCallResults`.
    #[wasm_bindgen(js_name = queryCallResults, unchecked_return_type = "Promise<CallResultsResponse>")]
    pub fn query_call_results(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallResultsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::CallResults,
            &request,
            &options,
            |v, l| call_results::parse(v, l).map(|r| Prepared::Headers(r.to_wire())),
            call_results::decode,
        )
    }

    /// The dialogue turns of one automatic/intelligent outbound call (CC-iSales).
    #[wasm_bindgen(js_name = queryCallRecords, unchecked_return_type = "Promise<CallRecordsResponse>")]
    pub fn query_call_records(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallRecordsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::CallRecords,
            &request,
            &options,
            |v, l| call_records::parse(v, l).map(|r| Prepared::Headers(r.to_wire())),
            call_records::decode,
        )
    }

    /// CDRs and satisfaction data (API Fabric queryCallManualDetailInfo).
    #[wasm_bindgen(js_name = queryCallManualDetail, unchecked_return_type = "Promise<CallManualDetailResponse>")]
    pub fn query_call_manual_detail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallManualDetailRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::CallManualDetail,
            &request,
            &options,
            |v, l| call_manual_detail::parse(v, l).map(|r| Prepared::Headers(r.to_wire())),
            call_manual_detail::decode,
        )
    }

    /// One page of transfer-record history (OIFDE); `tenantId`/`authToken` are added by the
    /// client.
    #[wasm_bindgen(js_name = queryTransferRecords, unchecked_return_type = "Promise<TransferRecordsResponse>")]
    pub fn query_transfer_records(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TransferRecordRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::TransferRecords,
            &request,
            &options,
            |v, l| transfer_records::parse(v, l).map(Prepared::Oifde),
            transfer_records::decode,
        )
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
        let show_detail = req.show_detail == Some(1);
        let page_size = req
            .page_size
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or_else(|| paging::call_results_default_page_size(show_detail));
        let range = match (req.begin_time.as_deref(), req.end_time.as_deref()) {
            (Some(b), Some(e)) => crate::dates::parse_ymd(b).zip(crate::dates::parse_ymd(e)),
            _ => None,
        };
        let split = range.map(|(b, e)| paging::split_windows(b, e)).unwrap_or_default();
        let dedupe = crate::window_dedupe::BoundaryDedupe::new(split.clone());
        let windows: Vec<Option<(String, String)>> = match range {
            Some(_) => split
                .into_iter()
                .map(|(a, z)| Some((crate::dates::format_ymd(a), crate::dates::format_ymd(z))))
                .collect(),
            None => vec![None],
        };
        let fp = {
            let mut q = req.clone();
            q.page_num = None;
            q.page_size = Some(i64::from(page_size));
            crate::checkpoint::fingerprint(Endpoint::CallResults, &q)
        };
        let start = Start::new(
            Endpoint::CallResults,
            fp,
            windows.len(),
            page_size,
            &options,
            self.shared.config.locale,
        )
        .map_err(|e| to_js_error(&e))?;
        let build = Box::new(move |r: PageRef| {
            let mut q = req.clone();
            if let Some(Some((a, z))) = windows.get(r.window) {
                q.begin_time = Some(a.clone());
                q.end_time = Some(z.clone());
            }
            q.page_num = Some(i64::try_from(r.page).unwrap_or(i64::MAX));
            q.page_size = Some(i64::from(page_size));
            Prepared::Headers(q.to_wire())
        });
        let core = IterCore::new(
            Rc::clone(&self.shared),
            Endpoint::CallResults,
            start,
            opts.stop.clone(),
            opts,
            build,
            |body, locale| call_results::decode(body, locale).map(|r| (r.total_count, r.data)),
        );
        let mut dedupe = dedupe;
        core.set_filter(Box::new(move |r: &CallResult, window| {
            dedupe.keep(window, Some(r.call_id.as_str()), r.call_time_str.as_deref())
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
        let page_size = req
            .page_size
            .as_ref()
            .and_then(|n| n.as_str().parse::<u32>().ok())
            .unwrap_or(paging::TRANSFER_RECORDS_DEFAULT_PAGE_SIZE);
        let fp = {
            let mut q = req.clone();
            q.page_num = None;
            q.page_size = Some(NumericString::from(u64::from(page_size)));
            crate::checkpoint::fingerprint(Endpoint::TransferRecords, &q)
        };
        let start =
            Start::new(Endpoint::TransferRecords, fp, 1, page_size, &options, self.shared.config.locale)
                .map_err(|e| to_js_error(&e))?;
        let build = Box::new(move |r: PageRef| {
            let mut q = req.clone();
            q.page_num = Some(NumericString::from(r.page));
            q.page_size = Some(NumericString::from(u64::from(page_size)));
            Prepared::Oifde(q)
        });
        let core = IterCore::new(
            Rc::clone(&self.shared),
            Endpoint::TransferRecords,
            start,
            opts.stop.clone(),
            opts,
            build,
            |body, locale| transfer_records::decode(body, locale).map(|r| (r.total, r.transfer_record_list)),
        );
        Ok(TransferRecordsIterator { core })
    }

    /// A redacted summary for logs and `JSON.stringify(client)`: base URLs, how each gateway
    /// authenticates, the limits. Never keys, secrets or tokens.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CecClientSummary")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&types::CecClientSummary::from(self.shared.config.summary()))
    }
}

macro_rules! iterator_class {
    ($name:ident, $item:ty, $item_ts:literal, $page_ts:literal) => {
        /// An async iterator over every item of a paged query (see `CecClient`). Use it with
        /// `for await`; `break` (or `return()`) stops all further requests.
        #[wasm_bindgen]
        pub struct $name {
            core: Rc<IterCore<$item>>,
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
    CallResult,
    "Promise<IteratorResult<CallResult, undefined>>",
    "Promise<IteratorPage<CallResult> | undefined>"
);
iterator_class!(
    TransferRecordsIterator,
    TransferRecord,
    "Promise<IteratorResult<TransferRecord, undefined>>",
    "Promise<IteratorPage<TransferRecord> | undefined>"
);
iterator_class!(
    ObsCodesIterator,
    ObsCode,
    "Promise<IteratorResult<ObsCode, undefined>>",
    "Promise<IteratorPage<ObsCode> | undefined>"
);
