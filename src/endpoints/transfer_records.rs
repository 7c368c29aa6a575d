//! Querying the recordings of calls transferred to a third party, on OIFDE (doc 05):
//! `POST /oifde/rest/api/queryTransferRecordHistory`.
//!
//! `tenantId` and `authToken` belong to the client's credentials, not to the user's request:
//! [`TransferRecordRequest::to_wire`] adds them. The doc documents no error codes for requests,
//! so issues carry no `code`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{opt_digits, JsonBody, NumericString};
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::normalize::{
    i64_lenient, opt_i64_lenient, opt_string_lenient, opt_u64_lenient, response_model, string_lenient,
    vec_or_null,
};
use crate::validate::{self, CrossRule, DateFormat, FieldRule, FieldSpec, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::TransferRecords;

/// The page sizes the doc allows.
pub const PAGE_SIZES: &[i64] = &[5, 10, 20, 50, 100];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::optional("beginTime", ValueKind::Text, &[FieldRule::Format(DateFormat::DateTime)]),
    FieldSpec::optional("endTime", ValueKind::Text, &[FieldRule::Format(DateFormat::DateTime)]),
    FieldSpec::optional("pageNum", ValueKind::Digits, &[FieldRule::Range { min: 1, max: None }]),
    FieldSpec::optional("pageSize", ValueKind::Digits, &[FieldRule::AllowedValues(PAGE_SIZES)]),
    FieldSpec::optional("callId", ValueKind::Text, &[]),
    // Documented body fields (Table 1) that belong to the client's credentials: accepted so the
    // doc's own example validates, but the client always sends its own (see `to_wire`).
    FieldSpec::optional("tenantId", ValueKind::Text, &[]),
    FieldSpec::optional("authToken", ValueKind::Text, &[]),
    FieldSpec::optional("userMobile", ValueKind::Text, &[]),
    FieldSpec::optional("ctiCallId", ValueKind::Text, &[]),
];

const CROSS: &[CrossRule] = &[
    // "One of the userMobile, callId, and ctiCallId parameters must be transferred."
    CrossRule::OneOfRequired { fields: &["callId", "userMobile", "ctiCallId"], unless_present: None },
    // The doc states no order rule; a begin after the end can only match nothing.
    CrossRule::DateOrder {
        begin: "beginTime",
        end: "endTime",
        format: DateFormat::DateTime,
        allow_equal: true,
    },
];

/// The rule table of the transfer-record query. Empty strings count as absent (the doc's own
/// example sends `"endTime": ""`).
pub const SPEC: RequestSpec = RequestSpec { endpoint: ENDPOINT, fields: FIELDS, cross: CROSS };

/// Request of `queryTransferRecords` (without the credentials, which the client adds).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TransferRecordRequest {
    /// `yyyy-MM-dd HH:mm:ss`.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_time: Option<String>,
    /// `yyyy-MM-dd HH:mm:ss`, not before `beginTime`.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// Page number from 1 (server default 1).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_num: Option<NumericString>,
    /// 5, 10, 20, 50 or 100 (server default 100).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<NumericString>,
    /// Flow call ID. One of callId, userMobile, ctiCallId is required.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// Subscriber number.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_mobile: Option<String>,
    /// CTI call ID.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cti_call_id: Option<String>,
}

/// Every issue of `input` as a transfer-record query.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<TransferRecordRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

/// For the multi-page iterator. No rule of this endpoint blocks paging (`pageNum` is optional
/// and the iterator sets it per page; there is no window limit), so this is [`parse`]; it
/// exists so both exporters have the same entry point.
pub fn parse_for_export(input: &Value, locale: Locale) -> Result<TransferRecordRequest, Vec<Issue>> {
    parse(input, locale)
}

impl TransferRecordRequest {
    /// POST; the credentials first, then the present fields in documented order, all strings
    /// (`pageNum`/`pageSize` too, as the doc types them). Empty fields are left out.
    pub fn to_wire(&self, tenant_id: &str, auth_token: &str) -> WireRequest {
        let body = JsonBody::new()
            .string("tenantId", tenant_id)
            .string("authToken", auth_token)
            .opt_string("beginTime", self.begin_time.as_deref())
            .opt_string("endTime", self.end_time.as_deref())
            .opt_string("pageNum", opt_digits(&self.page_num))
            .opt_string("pageSize", opt_digits(&self.page_size))
            .opt_string("callId", self.call_id.as_deref())
            .opt_string("userMobile", self.user_mobile.as_deref())
            .opt_string("ctiCallId", self.cti_call_id.as_deref())
            .finish();
        WireRequest {
            endpoint: ENDPOINT,
            method: "POST",
            path: "/oifde/rest/api/queryTransferRecordHistory".to_owned(),
            body: Some(body),
            query: Vec::new(),
        }
    }
}

response_model! {
    /// One transfer record (doc 05, table 3).
    pub struct TransferRecord via TransferRecordWire {
        /// Unique ID of the record.
        pub id: String => (deserialize_with = "string_lenient"),
        /// Tenant ID.
        pub tenant_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Flow call ID.
        pub call_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// CTI call ID.
        pub cti_call_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Flow instance ID.
        pub flow_inst_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Calling (user) number.
        pub calling_number: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Called flow access code.
        pub called_number: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Third-party number transferred to.
        pub transf_number: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call start, epoch milliseconds.
        pub start_time: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Call end, epoch milliseconds.
        pub end_time: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Recording file address.
        pub record_file_path: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Recording node (CTI pool).
        pub location_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// `INIT`, `SUCCESS` or `FAIL`.
        pub op_result: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// `0` success, `N/A` no feedback, other values failure.
        pub record_result: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryTransferRecords`.
    pub struct TransferRecordsResponse via TransferRecordsResponseWire {
        /// 0 on success (failures become `api` errors before this model is built).
        pub error_code: i64 => (deserialize_with = "i64_lenient"),
        /// Server description.
        pub error_message: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Total number of records (all pages).
        pub total: Option<u64> => (default, deserialize_with = "opt_u64_lenient"),
        /// This page's records; empty when the server sends none.
        pub transfer_record_list: Vec<TransferRecord> => (default, deserialize_with = "vec_or_null"),
    }
}

/// Decodes a response body: the OIFDE envelope (`errorCode`) first, then the model.
impl super::SuccessAnswer for TransferRecordsResponse {
    fn is_success(&self) -> bool {
        self.error_code == 0
    }
}

pub fn decode(body: &str, locale: Locale) -> Result<TransferRecordsResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_oifde_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const TRANSFER_RECORD_MODEL: Model = Model {
    fields: &[
        Field { name: "id", kind: Kind::Str },
        Field { name: "tenantId", kind: Kind::OptStr },
        Field { name: "callId", kind: Kind::OptStr },
        Field { name: "ctiCallId", kind: Kind::OptStr },
        Field { name: "flowInstId", kind: Kind::OptStr },
        Field { name: "callingNumber", kind: Kind::OptStr },
        Field { name: "calledNumber", kind: Kind::OptStr },
        Field { name: "transfNumber", kind: Kind::OptStr },
        Field { name: "startTime", kind: Kind::OptI64 },
        Field { name: "endTime", kind: Kind::OptI64 },
        Field { name: "recordFilePath", kind: Kind::OptStr },
        Field { name: "locationId", kind: Kind::OptStr },
        Field { name: "opResult", kind: Kind::OptStr },
        Field { name: "recordResult", kind: Kind::OptStr },
    ],
};

const RESPONSE_MODEL: Model = Model {
    fields: &[
        Field { name: "errorCode", kind: Kind::I64 },
        Field { name: "errorMessage", kind: Kind::OptStr },
        Field { name: "total", kind: Kind::OptU64 },
        Field { name: "transferRecordList", kind: Kind::List(&TRANSFER_RECORD_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::ErrorCodeZero, total: Some("total") };
