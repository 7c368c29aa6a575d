//! Querying outbound call results (doc 02):
//! `POST /rest/isales/v1/openapi/campaigns/{vdnId}/callresult/{campaignId}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{encode_path_segment, IdString, JsonBody, VDN_ID_FIELD};
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue, Rule};
use crate::locale::Locale;
use crate::normalize::{
    opt_i64_lenient, opt_string_lenient, opt_u64_lenient, response_model, string_lenient, vec_or_null,
};
use crate::validate::{self, CrossRule, DateFormat, FieldRule, FieldSpec, RangeCase, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::CallResults;

/// The longest query window the server accepts, in days (`0200011`). With RELATED.md's reading
/// `[beginTime 00:00, endTime 00:00)`, `2024-01-01..2024-01-31` is the longest from Jan 1.
pub const MAX_WINDOW_DAYS: i64 = 30;

/// Java's `Integer.MAX_VALUE`.
pub const JAVA_INT_MAX: i64 = 2_147_483_647;

const FIELDS: &[FieldSpec] = &[
    VDN_ID_FIELD,
    // "Integer, mandatory" (02 Table 1). The upper bound is Java's Integer.MAX_VALUE, the widest
    // value the server's Integer can bind.
    FieldSpec::required(
        "campaignId",
        ValueKind::Integer,
        &[FieldRule::Range { min: 1, max: Some(JAVA_INT_MAX) }],
    ),
    // "A maximum of 32 characters", counted as the Java server counts them.
    FieldSpec::optional("sessionId", ValueKind::Text, &[FieldRule::MaxUtf16Units(32)]),
    FieldSpec::optional("customField", ValueKind::Text, &[]),
    // Its bounds depend on showDetail: see `RangeDependsOn` below.
    FieldSpec::optional("pageSize", ValueKind::Integer, &[]),
    FieldSpec::optional("pageNum", ValueKind::Integer, &[FieldRule::Range { min: 1, max: None }]),
    FieldSpec::optional("showDetail", ValueKind::Integer, &[FieldRule::AllowedValues(&[0, 1])]),
    FieldSpec::optional("beginTime", ValueKind::Text, &[FieldRule::Format(DateFormat::Ymd)]),
    FieldSpec::optional("endTime", ValueKind::Text, &[FieldRule::Format(DateFormat::Ymd)]),
];

const CROSS: &[CrossRule] = &[
    CrossRule::BothOrNeither { first: "beginTime", second: "endTime" },
    // "The start time must be earlier than the end time": equal dates are an error (0200010).
    CrossRule::DateOrder { begin: "beginTime", end: "endTime", format: DateFormat::Ymd, allow_equal: false },
    CrossRule::WindowMaxDays { begin: "beginTime", end: "endTime", max_days: MAX_WINDOW_DAYS },
    // "When showDetail is 1, pageSize ≤ 100; when 0, ≤ 500"; showDetail defaults to 0.
    CrossRule::RangeDependsOn {
        field: "pageSize",
        on: "showDetail",
        cases: &[RangeCase { when: 1, min: 1, max: 100 }, RangeCase { when: 0, min: 1, max: 500 }],
        default_when: 0,
    },
];

/// The rule table of the call-results request.
pub const SPEC: RequestSpec = RequestSpec { endpoint: ENDPOINT, fields: FIELDS, cross: CROSS };

/// Request of `queryCallResults`: two path parameters and the documented body fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallResultsRequest {
    /// VDN ID, an integer from 1 to 9999.
    pub vdn_id: i64,
    /// Outbound campaign ID, a positive integer (a string of digits is accepted too); goes into
    /// the URL path.
    pub campaign_id: IdString,
    /// Subscriber ID given when the data was added; at most 32 characters.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// User-defined field.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field: Option<String>,
    /// Page size: 1..100 when `showDetail` is 1, 1..500 otherwise.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// Page number, from 1.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_num: Option<i64>,
    /// 0 (default): final result of each call; 1: detailed results.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_detail: Option<i64>,
    /// `YYYY-MM-DD`, with `endTime`; the window is `[beginTime, endTime)`, at most 30 days.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_time: Option<String>,
    /// `YYYY-MM-DD`, later than `beginTime`, at most 30 days after it.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

/// Every issue of `input` as a call-results request.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<CallResultsRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

/// Like [`parse`] without the 30-day window limit: the exporter splits a long range into
/// windows of at most 30 days itself. Every other rule (format, order, both-or-neither) holds.
pub fn parse_for_export(input: &Value, locale: Locale) -> Result<CallResultsRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[Rule::WindowTooLong])
}

impl CallResultsRequest {
    /// POST; the body holds only the body fields that are present, in documented order,
    /// numbers as JSON numbers.
    pub fn to_wire(&self) -> WireRequest {
        let body = JsonBody::new()
            .opt_string("sessionId", self.session_id.as_deref())
            .opt_string("customField", self.custom_field.as_deref())
            .opt_integer("pageSize", self.page_size)
            .opt_integer("pageNum", self.page_num)
            .opt_integer("showDetail", self.show_detail)
            .opt_string("beginTime", self.begin_time.as_deref())
            .opt_string("endTime", self.end_time.as_deref())
            .finish();
        WireRequest {
            endpoint: ENDPOINT,
            method: "POST",
            path: format!(
                "/rest/isales/v1/openapi/campaigns/{}/callresult/{}",
                self.vdn_id,
                encode_path_segment(self.campaign_id.as_str())
            ),
            body: Some(body),
            query: Vec::new(),
        }
    }
}

response_model! {
    /// One outbound call result (doc 02, table 5).
    pub struct CallResult via CallResultWire {
        /// Outbound campaign ID (a string on the wire).
        pub campaign_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Subscriber ID.
        pub session_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Called number.
        pub called: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call time, `yyyy-mm-dd hh:mm:ss`.
        pub call_time_str: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// 5: failed, 6: succeeded.
        pub call_status: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Failure cause code (`0` / `00000` on success).
        pub fail_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Tenant-defined display code mapped from `failCode`.
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// VDN of the called number.
        pub vdn_id: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Call record ID; the key for `callRecords` and CDRs.
        pub call_id: String => (deserialize_with = "string_lenient"),
        /// Recording path (SaaS networking only).
        pub record_path: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryCallResults`.
    pub struct CallResultsResponse via CallResultsResponseWire {
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub result_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Total number of results (all pages).
        pub total_count: Option<u64> => (default, deserialize_with = "opt_u64_lenient"),
        /// This page's results; empty when the server sends none.
        pub data: Vec<CallResult> => (default, deserialize_with = "vec_or_null"),
    }
}

/// Decodes a response body: the iSales envelope first, then the model.
impl super::SuccessAnswer for CallResultsResponse {
    fn is_success(&self) -> bool {
        super::isales_success(self.return_code.as_deref(), self.result_code.as_deref())
    }
}

pub fn decode(body: &str, locale: Locale) -> Result<CallResultsResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_isales_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const CALL_RESULT_MODEL: Model = Model {
    fields: &[
        Field { name: "campaignId", kind: Kind::OptStr },
        Field { name: "sessionId", kind: Kind::OptStr },
        Field { name: "called", kind: Kind::OptStr },
        Field { name: "callTimeStr", kind: Kind::OptStr },
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
        Field { name: "totalCount", kind: Kind::OptU64 },
        Field { name: "data", kind: Kind::List(&CALL_RESULT_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::Isales, total: Some("totalCount") };
