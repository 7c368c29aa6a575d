//! Which endpoint and which gateway a request, error or code lookup is about, and what goes on
//! the wire for one request. A leaf module: the endpoint modules, the code tables and the errors
//! all name endpoints, so this must import none of them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which endpoint an operation, error or error-code lookup is about.
/// Serialized with the JS names (`"callResults"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Endpoint {
    /// GET /rest/isales/v1/openapi/campaigns/{vdnId}/callresultdetail/{callId}
    CallResultDetail,
    /// POST /rest/isales/v1/openapi/campaigns/{vdnId}/callresult/{campaignId}
    CallResults,
    /// POST /rest/isales/v1/openapi/campaigns/{vdnId}/callRecord
    CallRecords,
    /// POST /apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo
    CallManualDetail,
    /// POST /oifde/rest/api/queryTransferRecordHistory
    TransferRecords,
    /// GET /rest/isales/v1/openapi/campaigns/{vdnId}/queryOBSResultCode?pageSize&pageNum
    ObsResultCodes,
}

/// Which gateway (and so which auth scheme) serves an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Gateway {
    /// CC-iSales, auth-v2 AK/SK signature.
    Isales,
    /// API Fabric, Bearer token from tokenByAkSk.
    ApiFabric,
    /// OIFDE, tenantId + authToken in the body.
    Oifde,
}

impl Endpoint {
    pub const ALL: [Endpoint; 6] = [
        Endpoint::CallResultDetail,
        Endpoint::CallResults,
        Endpoint::CallRecords,
        Endpoint::CallManualDetail,
        Endpoint::TransferRecords,
        Endpoint::ObsResultCodes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::CallResultDetail => "callResultDetail",
            Endpoint::CallResults => "callResults",
            Endpoint::CallRecords => "callRecords",
            Endpoint::CallManualDetail => "callManualDetail",
            Endpoint::TransferRecords => "transferRecords",
            Endpoint::ObsResultCodes => "obsResultCodes",
        }
    }

    pub fn parse(name: &str) -> Option<Endpoint> {
        Endpoint::ALL.into_iter().find(|e| e.as_str() == name)
    }

    pub fn gateway(self) -> Gateway {
        match self {
            Endpoint::CallResultDetail
            | Endpoint::CallResults
            | Endpoint::CallRecords
            | Endpoint::ObsResultCodes => Gateway::Isales,
            Endpoint::CallManualDetail => Gateway::ApiFabric,
            Endpoint::TransferRecords => Gateway::Oifde,
        }
    }
}

/// What the transport must send for one validated request: the gateway adds auth on top.
///
/// `Debug` is written by hand: an OIFDE body carries the `authToken`, which must never reach a
/// log or a snapshot.
#[derive(Clone, PartialEq, Eq)]
pub struct WireRequest {
    pub endpoint: Endpoint,
    /// `"GET"` or `"POST"`.
    pub method: &'static str,
    /// Path with path parameters already percent-encoded, e.g.
    /// `/rest/isales/v1/openapi/campaigns/1/callresultdetail/1644464743-1388`.
    pub path: String,
    /// The exact body text to send (and to sign), or `None` for GET.
    pub body: Option<String>,
    /// Query parameters `(key, raw value)`: signed (AUTH.md query line) and appended to the
    /// path by [`WireRequest::path_and_query`]. Empty except for queryOBSResultCode.
    pub query: Vec<(&'static str, String)>,
}

impl WireRequest {
    /// The path with the query string, each key and value percent-encoded as AUTH.md
    /// normalises them (so the server decodes exactly the signed values).
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let q: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", crate::auth::normalize(k), crate::auth::normalize(v)))
            .collect();
        format!("{}?{}", self.path, q.join("&"))
    }
}

impl fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body: Option<&str> = match (&self.body, self.endpoint.gateway()) {
            (Some(_), Gateway::Oifde) => Some("<redacted: carries authToken>"),
            (Some(b), _) => Some(b.as_str()),
            (None, _) => None,
        };
        f.debug_struct("WireRequest")
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &body)
            .finish()
    }
}
