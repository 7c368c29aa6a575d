//! The client's input and output types, exported to TypeScript by tsify. Inputs are read from
//! JSON into these same types (`crate::shape::Given` fields) and then checked; the config's are
//! in `crate::config::input`.

use serde::{de::IgnoredAny, Deserialize, Deserializer, Serialize};

use crate::shape::Given;
use crate::Locale;

/// A field the boundary reads itself from the JS object (a function, the abort signal, a
/// checkpoint) and leaves out of the JSON the core reads: here it only gives the field its name
/// and its TypeScript type.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadByBoundary;

impl<'de> Deserialize<'de> for ReadByBoundary {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| ReadByBoundary)
    }
}

/// Options of every client call and iterator: the one definition the boundary's JSON is read
/// into (`signal` is watched there and left out of the JSON) and tsify exports.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Aborting rejects the call (or the iterator's pending `next()`) with kind `"aborted"`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "AbortSignal"))]
    pub signal: Option<ReadByBoundary>,
    /// Per-attempt timeout for this call (1..600000 ms), overriding the client's `timeoutMs`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub timeout_ms: Given<f64>,
    /// Resends after a transient failure for this call (0..10), overriding `maxRetries`.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    #[serde(default)]
    pub max_retries: Given<f64>,
    /// Extra headers for this call's requests (replace a gateway header of the same name).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<string, string>"))]
    #[serde(default)]
    pub headers: Given<serde_json::Value>,
    /// Iterators only: a `checkpoint()` of an iterator over the same request; iteration
    /// continues after the last item consumed then (nothing lost, nothing repeated).
    #[cfg_attr(feature = "wasm", tsify(optional, type = "IteratorCheckpoint | null"))]
    pub resume: Option<ReadByBoundary>,
}

/// `client.toJSON()`: where the client connects and its limits. Never keys, secrets or tokens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CecClientSummary {
    #[cfg_attr(feature = "wasm", tsify(type = "GatewaySummary | null"))]
    pub isales: Option<GatewaySummary>,
    #[cfg_attr(feature = "wasm", tsify(type = "GatewaySummary | null"))]
    pub api_fabric: Option<GatewaySummary>,
    #[cfg_attr(feature = "wasm", tsify(type = "GatewaySummary | null"))]
    pub oifde: Option<GatewaySummary>,
    pub locale: Locale,
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub max_concurrency: u32,
    pub batch_interval_ms: u32,
}

/// One configured gateway in `CecClientSummary`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GatewaySummary {
    pub base_url: String,
    /// How the client authenticates to this gateway.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"auth-v2\" | \"appKey\" | \"accessToken\" | \"appSecret\" | \"authToken\"")
    )]
    pub auth: String,
}

/// `iterator.progress()`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IteratorProgress {
    /// Items handed out so far.
    pub yielded: f64,
    /// Sum of the totals known so far (each window's `totalCount` from its first page).
    pub total_count: f64,
    /// Whether every window's total is known, so `totalCount` is the grand total.
    pub total_known: bool,
    pub windows_done: f64,
    pub windows_total: f64,
    pub pages_fetched: f64,
}

impl From<crate::paging::Progress> for IteratorProgress {
    fn from(p: crate::paging::Progress) -> Self {
        IteratorProgress {
            yielded: p.yielded as f64,
            total_count: p.total_count as f64,
            total_known: p.total_known,
            windows_done: p.windows_done as f64,
            windows_total: p.windows_total as f64,
            pages_fetched: p.pages_fetched as f64,
        }
    }
}

impl From<crate::config::ClientSummary> for CecClientSummary {
    fn from(s: crate::config::ClientSummary) -> Self {
        let g = |x: Option<crate::config::GatewaySummary>| {
            x.map(|g| GatewaySummary { base_url: g.base_url, auth: g.auth.to_owned() })
        };
        CecClientSummary {
            isales: g(s.isales),
            api_fabric: g(s.api_fabric),
            oifde: g(s.oifde),
            locale: s.locale,
            timeout_ms: s.timeout_ms,
            max_retries: s.max_retries,
            max_concurrency: s.max_concurrency,
            batch_interval_ms: s.batch_interval_ms,
        }
    }
}
