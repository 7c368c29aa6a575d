//! Querying the OBS outbound-call result codes of a tenant (FAILCODES.md §5, cec_07_4055):
//! `GET /rest/isales/v1/openapi/campaigns/{vdnId}/queryOBSResultCode?pageSize=&pageNum=`.
//!
//! The only endpoint with query parameters: they are signed (AUTH.md query line), so the wire
//! request carries them as pairs beside the path.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::VDN_ID_FIELD;
use crate::endpoint::{Endpoint, WireRequest};
use crate::error::{CecError, Issue};
use crate::locale::Locale;
use crate::normalize::{opt_string_lenient, opt_u64_lenient, response_model, vec_or_null};
use crate::validate::{self, FieldRule, FieldSpec, RequestSpec, ValueKind};
use cec_transcode::{Field, Kind, Model, ResponseTable, Success};

const ENDPOINT: Endpoint = Endpoint::ObsResultCodes;

/// "The value ranges from 1 to 50."
pub const MAX_PAGE_SIZE: i64 = 50;

/// The rule table: all three parameters are mandatory (Table 1).
pub const SPEC: RequestSpec = RequestSpec {
    endpoint: ENDPOINT,
    fields: &[
        VDN_ID_FIELD,
        // "Page number. The value is greater than 0."
        FieldSpec::required("pageNum", ValueKind::Integer, &[FieldRule::Range { min: 1, max: None }]),
        FieldSpec::required(
            "pageSize",
            ValueKind::Integer,
            &[FieldRule::Range { min: 1, max: Some(MAX_PAGE_SIZE) }],
        ),
    ],
    cross: &[],
};

/// Request of `queryOBSResultCode`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ObsResultCodesRequest {
    /// VDN ID, an integer from 1 to 9999.
    pub vdn_id: i64,
    /// Page number, from 1.
    pub page_num: i64,
    /// Codes per page, 1 to 50.
    pub page_size: i64,
}

/// Every issue of `input` as a queryOBSResultCode request.
pub fn validate(input: &Value, locale: Locale) -> Vec<Issue> {
    validate::validate(&SPEC, input, locale)
}

/// The typed request, or every issue.
pub fn parse(input: &Value, locale: Locale) -> Result<ObsResultCodesRequest, Vec<Issue>> {
    validate::parse(&SPEC, input, locale, &[])
}

/// For the iterator, which sets `pageNum` itself: `pageNum` may be absent, `pageSize` defaults
/// to the largest allowed.
pub fn parse_for_export(input: &Value, locale: Locale) -> Result<ObsResultCodesRequest, Vec<Issue>> {
    let mut filled = input.clone();
    if let Some(o) = filled.as_object_mut() {
        for (key, default) in [("pageNum", 1), ("pageSize", MAX_PAGE_SIZE)] {
            if o.get(key).is_none_or(|v| v.is_null() || v.as_str() == Some("")) {
                o.insert(key.to_owned(), Value::from(default));
            }
        }
    }
    parse(&filled, locale)
}

impl ObsResultCodesRequest {
    /// GET, no body; `pageSize` and `pageNum` in the query string (and in the signature).
    pub fn to_wire(&self) -> WireRequest {
        WireRequest {
            endpoint: ENDPOINT,
            method: "GET",
            path: format!("/rest/isales/v1/openapi/campaigns/{}/queryOBSResultCode", self.vdn_id),
            body: None,
            // Documented order; the signature sorts them itself.
            query: vec![("pageSize", self.page_size.to_string()), ("pageNum", self.page_num.to_string())],
        }
    }
}

response_model! {
    /// One tenant result code (Table 4).
    pub struct ObsCode via ObsCodeWire {
        /// The OBS result code, in the failCode space (`00603`).
        pub obs_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Its description, in the tenant's words.
        pub obs_code_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

response_model! {
    /// Response of `queryOBSResultCode`.
    pub struct ObsResultCodesResponse via ObsResultCodesResponseWire {
        pub result_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub result_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        pub return_desc: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Total number of result codes (all pages).
        pub total_count: Option<u64> => (default, deserialize_with = "opt_u64_lenient"),
        /// This page's codes; empty when the server sends none.
        pub obs_codes: Vec<ObsCode> => (default, deserialize_with = "vec_or_null"),
    }
}

impl super::SuccessAnswer for ObsResultCodesResponse {
    fn is_success(&self) -> bool {
        super::isales_success(self.return_code.as_deref(), self.result_code.as_deref())
    }
}

/// Decodes a response body: the iSales envelope first, then the model.
pub fn decode(body: &str, locale: Locale) -> Result<ObsResultCodesResponse, CecError> {
    super::decode_response_body(ENDPOINT, body, locale, super::check_isales_envelope)
}

// The transcoding tables of the response models above (`cec_transcode`): the same fields,
// names and lenient readings, in the same order. `tests/fuzz_core.rs` checks they agree.

const OBS_CODE_MODEL: Model = Model {
    fields: &[
        Field { name: "obsCode", kind: Kind::OptStr },
        Field { name: "obsCodeDesc", kind: Kind::OptStr },
    ],
};

const RESPONSE_MODEL: Model = Model {
    fields: &[
        Field { name: "resultCode", kind: Kind::OptStr },
        Field { name: "resultDesc", kind: Kind::OptStr },
        Field { name: "returnCode", kind: Kind::OptStr },
        Field { name: "returnDesc", kind: Kind::OptStr },
        Field { name: "totalCount", kind: Kind::OptU64 },
        Field { name: "obsCodes", kind: Kind::List(&OBS_CODE_MODEL) },
    ],
};

pub(crate) const RESPONSE_TABLE: ResponseTable =
    ResponseTable { model: &RESPONSE_MODEL, success: Success::Isales, total: Some("totalCount") };
