//! Querying call result data (CDRs and satisfaction) from Elasticsearch through API Fabric
//! (doc 04): `POST /apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo`.
//!
//! The doc types every body field String and documents no error codes (only HTTP statuses), so
//! issues carry no `code` and every field goes on the wire as a JSON string.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{opt_digits, IdString, JsonBody, NumericString};
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::normalize::{opt_string_lenient, opt_u64_lenient, response_model, vec_or_null};
use crate::validate::{self, CrossRule, DateFormat, FieldRule, FieldSpec, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::CallManualDetail;

/// Call types of the doc: inbound, outbound, predicted, previewed, preempted, bidirectional,
/// collaborative, click-to-dial.
pub const CALL_TYPES: &[i64] = &[0, 1, 2, 3, 4, 10, 11, 12];
/// Media types of the doc: voice click-to-dial, voice, video click-to-dial, video, multimedia.
pub const MEDIA_TYPES: &[i64] = &[2, 5, 18, 19, 53];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::required("subCcNo", ValueKind::Text, &[]),
    FieldSpec::required("vdn", ValueKind::Digits, &[]),
    FieldSpec::optional("callId", ValueKind::Text, &[]),
    FieldSpec::optional("callerNo", ValueKind::Text, &[]),
    FieldSpec::optional("calleeNo", ValueKind::Text, &[]),
    // Documented String with no format; the example sends epoch milliseconds. Accepted as epoch
    // ms, or an ISO-8601 instant / JS Date converted to epoch ms for the wire.
    FieldSpec::optional("beginDate", ValueKind::EpochMillis, &[]),
    FieldSpec::optional("endDate", ValueKind::EpochMillis, &[]),
    FieldSpec::optional("callType", ValueKind::Digits, &[FieldRule::AllowedValues(CALL_TYPES)]),
    FieldSpec::optional("mediaType", ValueKind::Digits, &[FieldRule::AllowedValues(MEDIA_TYPES)]),
    // Levels are configured by each tenant: any non-empty string (or a number).
    FieldSpec::optional("evaluationValue", ValueKind::Id, &[]),
];

const CROSS: &[CrossRule] = &[
    // "If callId is empty, either beginDate or endDate must be set." The issue's field is ""
    // (it is about the combination); its message names beginDate and endDate.
    CrossRule::OneOfRequired { fields: &["beginDate", "endDate"], unless_present: Some("callId") },
    // The doc gives no order rule; a begin after the end can only match nothing. Equal is a
    // legitimate one-instant query.
    CrossRule::DateOrder {
        begin: "beginDate",
        end: "endDate",
        format: DateFormat::EpochMillis,
        allow_equal: true,
    },
];

/// The rule table of the CDR query.
pub const SPEC: RequestSpec = RequestSpec { endpoint: ENDPOINT, fields: FIELDS, cross: CROSS };

/// Request of `queryCallManualDetail`. Numeric fields accept a number or a numeric string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallManualDetailRequest {
    /// Call center ID.
    pub sub_cc_no: String,
    /// Tenant VDN ID.
    pub vdn: NumericString,
    /// Call ID; when absent, `beginDate` or `endDate` is required.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// Calling number.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_no: Option<String>,
    /// Called number.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee_no: Option<String>,
    /// Start: epoch milliseconds (number or digits), a `Date`, or an ISO-8601 string with an
    /// offset; always sent as epoch-millisecond digits.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number | string | Date"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_date: Option<NumericString>,
    /// End, same forms as `beginDate`, not before it.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number | string | Date"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NumericString>,
    /// One of 0, 1, 2, 3, 4, 10, 11, 12.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<NumericString>,
    /// One of 2, 5, 18, 19, 53.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<NumericString>,
    /// Satisfaction level as configured by the tenant (any non-empty string or a number).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_value: Option<IdString>,
}

/// Every issue of `input` as a CDR query.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<CallManualDetailRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

impl CallManualDetailRequest {
    /// POST; every field a JSON string, in documented order, empty optional ones left out.
    pub fn to_wire(&self) -> WireRequest {
        let body = JsonBody::new()
            .string("subCcNo", &self.sub_cc_no)
            .string("vdn", self.vdn.as_str())
            .opt_string("callId", self.call_id.as_deref())
            .opt_string("callerNo", self.caller_no.as_deref())
            .opt_string("calleeNo", self.callee_no.as_deref())
            .opt_string("beginDate", opt_digits(&self.begin_date))
            .opt_string("endDate", opt_digits(&self.end_date))
            .opt_string("callType", opt_digits(&self.call_type))
            .opt_string("mediaType", opt_digits(&self.media_type))
            .opt_string("evaluationValue", self.evaluation_value.as_ref().map(IdString::as_str))
            .finish();
        WireRequest {
            endpoint: ENDPOINT,
            method: "POST",
            path: "/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo".to_owned(),
            body: Some(body),
            query: Vec::new(),
        }
    }
}

response_model! {
    /// One CDR (doc 04, table 3 `results`). Every field is a String in the doc; numbers on the
    /// wire (`"vdn": 1`) become strings.
    pub struct CallManualDetail via CallManualDetailWire {
        /// Daily settlement time.
        pub log_date: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Calling number.
        pub caller_no: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Called number.
        pub callee_no: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call ID. "Mandatory: No" like every field of `results` (04 Table 3): `null` when absent.
        pub call_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call type (0 inbound, 1 outbound, ... 12 click-to-dial).
        pub call_type: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Media type (2, 5, 18, 19, 53). Lower-case `t`, as documented.
        pub mediatype: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Waiting start.
        pub wait_begin: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Answering start.
        pub ack_begin: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call start.
        pub call_begin: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call end.
        pub call_end: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Tenant VDN ID.
        pub vdn: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Why the device left the call.
        pub leave_reason: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Satisfaction value.
        pub evaluation_value: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryCallManualDetail`.
    pub struct CallManualDetailResponse via CallManualDetailResponseWire {
        /// Number of results. Documented String, sent as a number in the example; a count
        /// either way, so it is a number here.
        pub total: Option<u64> => (default, deserialize_with = "opt_u64_lenient"),
        /// The CDRs; empty when the server sends none.
        pub results: Vec<CallManualDetail> => (default, deserialize_with = "vec_or_null"),
    }
}

/// Decodes a response body. There is no envelope: failures are HTTP statuses only.
impl super::SuccessAnswer for CallManualDetailResponse {
    /// No code in this answer: any object that decodes is a success.
    fn is_success(&self) -> bool {
        true
    }
}

pub fn decode(body: &str, locale: Locale) -> Result<CallManualDetailResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_object_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const CALL_MANUAL_DETAIL_MODEL: Model = Model {
    fields: &[
        Field { name: "logDate", kind: Kind::OptStr },
        Field { name: "callerNo", kind: Kind::OptStr },
        Field { name: "calleeNo", kind: Kind::OptStr },
        Field { name: "callId", kind: Kind::OptStr },
        Field { name: "callType", kind: Kind::OptStr },
        Field { name: "mediatype", kind: Kind::OptStr },
        Field { name: "waitBegin", kind: Kind::OptStr },
        Field { name: "ackBegin", kind: Kind::OptStr },
        Field { name: "callBegin", kind: Kind::OptStr },
        Field { name: "callEnd", kind: Kind::OptStr },
        Field { name: "vdn", kind: Kind::OptStr },
        Field { name: "leaveReason", kind: Kind::OptStr },
        Field { name: "evaluationValue", kind: Kind::OptStr },
    ],
};

const RESPONSE_MODEL: Model = Model {
    fields: &[
        Field { name: "total", kind: Kind::OptU64 },
        Field { name: "results", kind: Kind::List(&CALL_MANUAL_DETAIL_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::Always, total: Some("total") };
