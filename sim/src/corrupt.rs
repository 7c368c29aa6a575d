//! The `wrong-type` fault: one field of a successful body replaced by a value of the wrong type.

use serde_json::{json, Value};

use crate::endpoint::ApiEndpoint;

/// Puts one field of the wrong type into a successful response body (`wrong-type` fault).
/// Returns false when the body has no field to corrupt (then the caller corrupts an envelope field).
pub fn corrupt(ep: ApiEndpoint, v: &mut Value) -> bool {
    let Some(o) = v.as_object_mut() else {
        return false;
    };
    let bad = json!({"unexpected": "object"});
    match ep {
        ApiEndpoint::CallResults => {
            // callStatus an object when there is an item, else totalCount a non-numeric string.
            if let Some(first) = o
                .get_mut("data")
                .and_then(Value::as_array_mut)
                .and_then(|a| a.first_mut())
                .and_then(Value::as_object_mut)
            {
                first.insert("callStatus".into(), bad);
            } else {
                o.insert("totalCount".into(), json!("abc"));
            }
            true
        }
        ApiEndpoint::CallResultDetail => match o.get_mut("data").and_then(Value::as_object_mut) {
            Some(d) => {
                d.insert("callStatus".into(), bad);
                true
            }
            None => false,
        },
        ApiEndpoint::CallRecords => {
            o.insert("recordList".into(), json!("abc"));
            true
        }
        ApiEndpoint::CallManualDetail => {
            o.insert("total".into(), json!("abc"));
            true
        }
        ApiEndpoint::TransferRecords => {
            if o.contains_key("total") {
                o.insert("total".into(), json!("abc"));
                true
            } else {
                false
            }
        }
        ApiEndpoint::TokenByAkSk => {
            o.insert("Expires".into(), bad);
            true
        }
        ApiEndpoint::Gettoken => {
            o.insert("expireTime".into(), json!("abc"));
            true
        }
        ApiEndpoint::ObsResultCodes => {
            o.insert("obsCodes".into(), json!("abc"));
            true
        }
    }
}

/// Fallback of `corrupt` for error envelopes: the code field becomes an object.
pub fn corrupt_envelope(v: &mut Value) {
    if let Some(o) = v.as_object_mut() {
        for k in ["returnCode", "resultCode", "errorCode"] {
            if o.contains_key(k) {
                o.insert(k.into(), json!({"unexpected": "object"}));
                return;
            }
        }
        o.insert("unexpected".into(), json!({"unexpected": "object"}));
    }
}
