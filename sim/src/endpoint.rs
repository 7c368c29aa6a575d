//! The eight simulated API operations, named as in `/__sim/stats` and fault specs.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ApiEndpoint {
    CallResultDetail,
    CallResults,
    CallRecords,
    CallManualDetail,
    TransferRecords,
    TokenByAkSk,
    Gettoken,
    ObsResultCodes,
}

impl ApiEndpoint {
    pub const ALL: [ApiEndpoint; 8] = [
        ApiEndpoint::CallResultDetail,
        ApiEndpoint::CallResults,
        ApiEndpoint::CallRecords,
        ApiEndpoint::CallManualDetail,
        ApiEndpoint::TransferRecords,
        ApiEndpoint::TokenByAkSk,
        ApiEndpoint::Gettoken,
        ApiEndpoint::ObsResultCodes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiEndpoint::CallResultDetail => "callResultDetail",
            ApiEndpoint::CallResults => "callResults",
            ApiEndpoint::CallRecords => "callRecords",
            ApiEndpoint::CallManualDetail => "callManualDetail",
            ApiEndpoint::TransferRecords => "transferRecords",
            ApiEndpoint::TokenByAkSk => "tokenByAkSk",
            ApiEndpoint::Gettoken => "gettoken",
            ApiEndpoint::ObsResultCodes => "obsResultCodes",
        }
    }

    pub fn parse(s: &str) -> Option<ApiEndpoint> {
        ApiEndpoint::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// The five data endpoints (not the token endpoints): these count for in-flight and batches.
    pub fn is_data(self) -> bool {
        !matches!(self, ApiEndpoint::TokenByAkSk | ApiEndpoint::Gettoken)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Route pattern (axum syntax) of each operation.
    pub fn route(self) -> &'static str {
        match self {
            ApiEndpoint::CallResultDetail => {
                "/rest/isales/v1/openapi/campaigns/{vdn_id}/callresultdetail/{call_id}"
            }
            ApiEndpoint::CallResults => "/rest/isales/v1/openapi/campaigns/{vdn_id}/callresult/{campaign_id}",
            ApiEndpoint::CallRecords => "/rest/isales/v1/openapi/campaigns/{vdn_id}/callRecord",
            ApiEndpoint::CallManualDetail => {
                "/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo"
            }
            ApiEndpoint::TokenByAkSk => "/apigovernance/api/oauth/tokenByAkSk",
            ApiEndpoint::Gettoken => "/oifde/rest/api/gettoken",
            ApiEndpoint::TransferRecords => "/oifde/rest/api/queryTransferRecordHistory",
            ApiEndpoint::ObsResultCodes => "/rest/isales/v1/openapi/campaigns/{vdn_id}/queryOBSResultCode",
        }
    }

    pub fn from_route(pattern: &str) -> Option<ApiEndpoint> {
        ApiEndpoint::ALL.into_iter().find(|e| e.route() == pattern)
    }
}
