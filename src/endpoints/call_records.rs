//! Querying call records of automatic and intelligent outbound calls (doc 03):
//! `POST /rest/isales/v1/openapi/campaigns/{vdnId}/callRecord`, body `{"callId": ".."}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{JsonBody, VDN_ID_FIELD};
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::normalize::{opt_string_lenient, response_model, string_lenient, vec_or_null};
use crate::validate::{self, FieldSpec, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::CallRecords;

/// The rule table: `vdnId` in the path, `callId` in the body, both mandatory.
pub const SPEC: RequestSpec = RequestSpec {
    endpoint: ENDPOINT,
    fields: &[VDN_ID_FIELD, FieldSpec::required("callId", ValueKind::Text, &[])],
    cross: &[],
};

/// Request of `queryCallRecords`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallRecordsRequest {
    /// VDN ID, an integer from 1 to 9999.
    pub vdn_id: i64,
    /// Call record ID, from the `callId` of a call result or of the callback.
    pub call_id: String,
}

/// Every issue of `input` as a call-records request.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<CallRecordsRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

impl CallRecordsRequest {
    /// POST with `vdnId` in the path and `{"callId":".."}` as body.
    pub fn to_wire(&self) -> WireRequest {
        WireRequest {
            endpoint: ENDPOINT,
            method: "POST",
            path: format!("/rest/isales/v1/openapi/campaigns/{}/callRecord", self.vdn_id),
            body: Some(JsonBody::new().string("callId", &self.call_id).finish()),
            query: Vec::new(),
        }
    }
}

response_model! {
    /// One turn of the conversation (doc 03, `recordList` items).
    pub struct CallRecordTurn via CallRecordTurnWire {
        /// Internal number of the turn (`"1"`, `"2"`, ...).
        pub inter_no: String => (deserialize_with = "string_lenient"),
        /// What the system said (the full prompt, even when interrupted).
        pub system_reply: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// What the subscriber said; the server's `"null"` string reads as null.
        pub user_saying: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Subscriber intention.
        pub intention: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// When the system replied.
        pub system_reply_time: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// When the subscriber spoke.
        pub request_time: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// `0`: chatbot, `1`: silent agent.
        pub response_source: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryCallRecords`.
    pub struct CallRecordsResponse via CallRecordsResponseWire {
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub result_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// The turns, in order; empty when the server sends none.
        pub record_list: Vec<CallRecordTurn> => (default, deserialize_with = "vec_or_null"),
    }
}

/// Decodes a response body: the iSales envelope first, then the model.
impl super::SuccessAnswer for CallRecordsResponse {
    fn is_success(&self) -> bool {
        super::isales_success(self.return_code.as_deref(), self.result_code.as_deref())
    }
}

pub fn decode(body: &str, locale: Locale) -> Result<CallRecordsResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_isales_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const CALL_RECORD_TURN_MODEL: Model = Model {
    fields: &[
        Field { name: "interNo", kind: Kind::Str },
        Field { name: "systemReply", kind: Kind::OptStr },
        Field { name: "userSaying", kind: Kind::OptStr },
        Field { name: "intention", kind: Kind::OptStr },
        Field { name: "systemReplyTime", kind: Kind::OptStr },
        Field { name: "requestTime", kind: Kind::OptStr },
        Field { name: "responseSource", kind: Kind::OptStr },
    ],
};

const RESPONSE_MODEL: Model = Model {
    fields: &[
        Field { name: "resultCode", kind: Kind::OptStr },
        Field { name: "resultDesc", kind: Kind::OptStr },
        Field { name: "returnCode", kind: Kind::OptStr },
        Field { name: "returnDesc", kind: Kind::OptStr },
        Field { name: "recordList", kind: Kind::List(&CALL_RECORD_TURN_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::Isales, total: None };
