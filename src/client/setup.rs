//! What a client is built from its validated config: the credentials to scrub from every error,
//! the rate gate's settings, and which gateways can be called.

use std::cell::RefCell;
use std::collections::VecDeque;

use serde_json::json;

use crate::client::errors;
use crate::client::export_plan::Prepared;
use crate::config::{ApiFabricAuth, ClientConfig, IsalesAuth, OifdeAuth, Secret};
use crate::endpoint::{Endpoint, Gateway};
use crate::endpoints::{call_manual_detail, call_result_detail, transfer_records};
use crate::rate::{margin_for_interval, GateConfig, DEFAULT_JOIN_WINDOW_MS};
use crate::says::{say_field, Msg};
use crate::{CecError, Issue, Locale, Rule};

/// Every configured credential: scrubbed by value from every text the client surfaces.
pub fn secrets_of(c: &ClientConfig) -> Vec<String> {
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

/// The issue of a call to a gateway the config leaves out, if it does.
pub fn gateway_issues(c: &ClientConfig, endpoint: Endpoint) -> Vec<Issue> {
    let configured = match endpoint.gateway() {
        Gateway::Isales => c.isales.is_some(),
        Gateway::ApiFabric => c.api_fabric.is_some(),
        Gateway::Oifde => c.oifde.is_some(),
    };
    if configured {
        Vec::new()
    } else {
        errors::not_configured(endpoint, c.locale).issues
    }
}

/// The rate gate of one client: the vendor's batch rule with the configured limits.
pub fn gate_config(c: &ClientConfig) -> GateConfig {
    let interval = f64::from(c.limits.batch_interval_ms);
    GateConfig {
        max_concurrency: c.limits.max_concurrency,
        interval_ms: interval,
        join_window_ms: DEFAULT_JOIN_WINDOW_MS,
        margin_ms: margin_for_interval(interval),
    }
}

/// How many pages an iterator may have in flight or buffered ahead of its consumer: two
/// batches' worth, so the next batch is ready while the consumer drains the current one; memory
/// stays bounded.
pub fn prefetch_budget(max_concurrency: u32) -> usize {
    (max_concurrency as usize).saturating_mul(2).clamp(2, 40)
}

/// The token a caller configured for `gateway` (API Fabric `accessToken`, OIFDE `authToken`):
/// sent as it is, never renewed.
pub fn configured_token(c: &ClientConfig, gateway: Gateway) -> Option<Secret> {
    match gateway {
        Gateway::Isales => None,
        Gateway::ApiFabric => match c.api_fabric.as_ref().map(|f| &f.auth) {
            Some(ApiFabricAuth::AccessToken { access_token, .. }) => Some(access_token.clone()),
            _ => None,
        },
        Gateway::Oifde => match c.oifde.as_ref().map(|o| &o.auth) {
            Some(OifdeAuth::AuthToken { auth_token }) => Some(auth_token.clone()),
            _ => None,
        },
    }
}

/// How many obtained tokens are remembered for scrubbing (a token lives minutes to an hour; a
/// handful covers every token an in-flight call can have used).
const ISSUED_KEPT: usize = 8;

/// Removes every credential from the errors of one client: the configured secrets, and the
/// latest tokens it obtained.
#[derive(Default)]
pub struct Scrubber {
    secrets: Vec<String>,
    issued: RefCell<VecDeque<String>>,
}

impl Scrubber {
    pub fn new(c: &ClientConfig) -> Self {
        Scrubber { secrets: secrets_of(c), issued: RefCell::default() }
    }

    /// A token obtained from a token endpoint (the configured ones are already known).
    pub fn remember(&self, token: &str) {
        if let Ok(mut list) = self.issued.try_borrow_mut() {
            if !list.iter().any(|t| t == token) {
                list.push_back(token.to_owned());
                if list.len() > ISSUED_KEPT {
                    list.pop_front();
                }
            }
        }
    }

    pub fn scrub(&self, e: CecError) -> CecError {
        let issued =
            self.issued.try_borrow().map(|l| l.iter().cloned().collect::<Vec<_>>()).unwrap_or_default();
        errors::scrub(e, &self.secrets, &issued)
    }
}

/// A call id no tenant has (the docs' format `<epoch seconds>-<sequence>`, epoch 0).
const NO_SUCH_CALL: &str = "0000000000-0";

/// `checkConnection()`: one cheap authenticated request per configured gateway, each asking for
/// a call id that cannot exist, so any vendor answer (CC-iSales `0200007`, an empty CDR list, an
/// OIFDE page) proves the credentials (and, for CC-iSales, the auth-v2 layout) passed. Each
/// entry: the report's key, the endpoint, the request.
pub fn connection_probes(c: &ClientConfig) -> Vec<(&'static str, Endpoint, Prepared)> {
    let locale = c.locale;
    let mut out = Vec::new();
    if c.isales.is_some() {
        let input = json!({ "vdnId": 1, "callId": NO_SUCH_CALL });
        if let Ok(req) = call_result_detail::parse(&input, locale) {
            out.push(("isales", Endpoint::CallResultDetail, Prepared::Headers(req.to_wire())));
        }
    }
    if c.api_fabric.is_some() {
        let input = json!({ "subCcNo": "1", "vdn": 1, "callId": NO_SUCH_CALL });
        if let Ok(req) = call_manual_detail::parse(&input, locale) {
            out.push(("apiFabric", Endpoint::CallManualDetail, Prepared::Headers(req.to_wire())));
        }
    }
    if c.oifde.is_some() {
        if let Ok(req) = transfer_records::parse(&json!({ "callId": NO_SUCH_CALL, "pageSize": 5 }), locale) {
            out.push(("oifde", Endpoint::TransferRecords, Prepared::Oifde(req)));
        }
    }
    out
}

/// A config key that must hold a function (`logger`, `fetch`, `isales.sign`) holds something else.
pub fn not_a_function(field: &str, locale: Locale) -> Issue {
    let message = say_field(Msg::MustBeFunction, locale, field);
    Issue { field: field.to_owned(), rule: Rule::Type, code: None, message }
}
