//! Querying a single outbound call result (doc 01, 查询单个外呼结果详情):
//! `GET /rest/isales/v1/openapi/campaigns/{vdnId}/callresultdetail/{callId}`, no body.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{encode_path_segment, VDN_ID_FIELD};
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::normalize::{opt_i64_lenient, opt_string_lenient, response_model, string_lenient};
use crate::validate::{self, FieldRule, FieldSpec, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::CallResultDetail;

/// The rule table: both fields are path parameters and both are mandatory.
pub const SPEC: RequestSpec = RequestSpec {
    endpoint: ENDPOINT,
    fields: &[VDN_ID_FIELD, FieldSpec::required("callId", ValueKind::Text, &[FieldRule::PathSegment])],
    cross: &[],
};

/// Request of `queryCallResultDetail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallResultDetailRequest {
    /// VDN ID, an integer from 1 to 9999.
    pub vdn_id: i64,
    /// Call record ID, e.g. `1644464743-1388` (the `callId` of a call result).
    pub call_id: String,
}

/// Every issue of `input` as a call-result-detail request.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<CallResultDetailRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

impl CallResultDetailRequest {
    /// GET with both parameters in the path; `callId` percent-encoded.
    pub fn to_wire(&self) -> WireRequest {
        WireRequest {
            endpoint: ENDPOINT,
            method: "GET",
            path: format!(
                "/rest/isales/v1/openapi/campaigns/{}/callresultdetail/{}",
                self.vdn_id,
                encode_path_segment(&self.call_id)
            ),
            body: None,
            query: Vec::new(),
        }
    }
}

response_model! {
    /// One outbound call result (doc 01, table 4).
    pub struct CallResultDetail via CallResultDetailWire {
        /// Called number.
        pub called: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Ringing start, `yyyy-mm-dd hh:mm:ss`.
        pub ack_begin_time: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Answer time, `yyyy-mm-dd hh:mm:ss`.
        pub call_begin_time: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Hang-up time, `yyyy-mm-dd hh:mm:ss`.
        pub call_end_time: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// 5: failed, 6: succeeded (the doc's example sends `"6"`; normalised to a number).
        pub call_status: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Failure cause code (`00000` on success).
        pub fail_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Tenant-defined display code mapped from `failCode` (e.g. `OB99999`).
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// VDN of the called number.
        pub vdn_id: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Call record ID; links to the CTI's CDRs.
        pub call_id: String => (deserialize_with = "string_lenient"),
        /// OBS URL of the recording (SaaS networking only).
        pub record_path: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryCallResultDetail`.
    pub struct CallResultDetailResponse via CallResultDetailResponseWire {
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub result_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// The call result. Required: a success answer without it says nothing.
        pub data: CallResultDetail => (),
    }
}

/// Decodes a response body: the iSales envelope first, then the model.
impl super::SuccessAnswer for CallResultDetailResponse {
    fn is_success(&self) -> bool {
        super::isales_success(self.return_code.as_deref(), self.result_code.as_deref())
    }
}

pub fn decode(body: &str, locale: Locale) -> Result<CallResultDetailResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_isales_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const CALL_RESULT_DETAIL_MODEL: Model = Model {
    fields: &[
        Field { name: "called", kind: Kind::OptStr },
        Field { name: "ackBeginTime", kind: Kind::OptStr },
        Field { name: "callBeginTime", kind: Kind::OptStr },
        Field { name: "callEndTime", kind: Kind::OptStr },
        Field { name: "callStatus", kind: Kind::OptI64 },
        Field { name: "failCode", kind: Kind::OptStr },
        Field { name: "resultCode", kind: Kind::OptStr },
        Field { name: "vdnId", kind: Kind::OptI64 },
        Field { name: "callId", kind: Kind::Str },
        Field { name: "recordPath", kind: Kind::OptStr },
    ],
};

const RESPONSE_MODEL: Model = Model {
    fields: &[
        Field { name: "resultCode", kind: Kind::OptStr },
        Field { name: "resultDesc", kind: Kind::OptStr },
        Field { name: "returnCode", kind: Kind::OptStr },
        Field { name: "returnDesc", kind: Kind::OptStr },
        Field { name: "data", kind: Kind::Object(&CALL_RESULT_DETAIL_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::Isales, total: None };
