//! The outbound-result callback push (RELATED.md, "Calling Back Outbound Call Results"):
//! CC-iSales POSTs a bare JSON array of call results to the campaign's `callBackUrl`.
//!
//! A push is retried (at most six in all), so receivers see duplicates and should be idempotent
//! on `callId`.

use crate::error::CecError;
use crate::locale::Locale;
use crate::normalize::{
    decode_str, opt_i64_lenient, opt_string_lenient, parse_json, response_model, string_lenient,
};
use crate::says::{say, Msg};

/// What the receiver must answer, with HTTP 200, so that the push is not retried.
pub const CALLBACK_ACK_BODY: &str = r#"{"retCode":"0","retMsg":"success"}"#;

response_model! {
    /// One pushed call result.
    pub struct CallbackCallResult via CallbackCallResultWire {
        /// Campaign ID.
        pub campaign_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Subscriber ID given when the data was added.
        pub session_id: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Called number.
        pub called: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Call time, `yyyy-mm-dd hh:mm:ss`.
        pub call_time_str: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// 5: failed, 6: succeeded.
        pub call_status: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Failure cause code (`0` / `00000` on success).
        pub fail_code: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// VDN.
        pub vdn_id: Option<i64> => (default, deserialize_with = "opt_i64_lenient"),
        /// Call record ID: the idempotency key for the retried pushes.
        pub call_id: String => (deserialize_with = "string_lenient"),
        /// User-defined field.
        pub custom_field: Option<String> => (default, deserialize_with = "opt_string_lenient"),
        /// Recording path (SaaS networking only).
        pub record_path: Option<String> => (default, deserialize_with = "opt_string_lenient"),
    }
}

fn subject(locale: Locale) -> String {
    say(Msg::CallbackSubject, locale, &[])
}

/// Parses a callback body: the documented bare array, or a single object (taken as one item).
/// Decode errors name the path of the bad value (`[2].callStatus`).
///
/// One pass from the text, like the response decoders: the first byte decides the shape, so a
/// large push is never built as an intermediate JSON tree.
pub fn parse_call_result_callback(body: &str, locale: Locale) -> Result<Vec<CallbackCallResult>, CecError> {
    match body.trim_start().as_bytes().first() {
        Some(b'[') => decode_str(body, None, &subject(locale), locale),
        Some(b'{') => decode_str(body, None, &subject(locale), locale).map(|one| vec![one]),
        _ => {
            // Not an array or object: say why (malformed JSON, or the wrong kind of value).
            parse_json(body, None, &subject(locale), locale)?;
            let detail = say(Msg::ExpectedCallbackArray, locale, &[]);
            Err(CecError::decode(None, &subject(locale), None, &detail, locale))
        }
    }
}
