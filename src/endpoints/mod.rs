//! The five vendor endpoints, one module each. Each module holds the endpoint's request model,
//! its rule table, its wire encoding (method, path, body) and its response model + decoder.

use serde::{Deserialize, Serialize};

pub mod call_manual_detail;
pub mod call_records;
pub mod call_result_detail;
pub mod call_results;
pub mod transfer_records;

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
    pub const ALL: [Endpoint; 5] = [
        Endpoint::CallResultDetail,
        Endpoint::CallResults,
        Endpoint::CallRecords,
        Endpoint::CallManualDetail,
        Endpoint::TransferRecords,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::CallResultDetail => "callResultDetail",
            Endpoint::CallResults => "callResults",
            Endpoint::CallRecords => "callRecords",
            Endpoint::CallManualDetail => "callManualDetail",
            Endpoint::TransferRecords => "transferRecords",
        }
    }

    pub fn parse(name: &str) -> Option<Endpoint> {
        Endpoint::ALL.into_iter().find(|e| e.as_str() == name)
    }

    pub fn gateway(self) -> Gateway {
        match self {
            Endpoint::CallResultDetail | Endpoint::CallResults | Endpoint::CallRecords => Gateway::Isales,
            Endpoint::CallManualDetail => Gateway::ApiFabric,
            Endpoint::TransferRecords => Gateway::Oifde,
        }
    }
}

/// What the transport must send for one validated request: the gateway adds auth on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireRequest {
    pub endpoint: Endpoint,
    /// `"GET"` or `"POST"`.
    pub method: &'static str,
    /// Path with path parameters already percent-encoded, e.g.
    /// `/rest/isales/v1/openapi/campaigns/1/callresultdetail/1644464743-1388`.
    pub path: String,
    /// The exact body text to send (and to sign), or `None` for GET.
    pub body: Option<String>,
}
