//! The server side of `isales.sign`: `createSigningHandler` (js/runtime.js) builds one of these
//! from `{ accessKey, secretKey, allow }` and asks it to sign each request body it receives. The
//! checks are the core's (`crate::remote_sign`); the SK stays in this object.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::convert::{js_to_json, to_js_error};
use crate::config::{BaseUrl, Secret};
use crate::remote_sign;
use crate::{CecError, ErrorKind, Issue, Locale, Rule};

#[wasm_bindgen(js_name = "__RemoteSigner")]
pub struct RemoteSigner {
    access_key: String,
    secret_key: Secret,
    allow: Vec<BaseUrl>,
}

fn issue(field: &str, rule: Rule, message: String) -> Issue {
    Issue { field: field.to_owned(), rule, code: None, message }
}

#[wasm_bindgen(js_class = "__RemoteSigner")]
impl RemoteSigner {
    /// `{ accessKey, secretKey, allow: baseUrl | baseUrl[] }`; throws a validation `CecError`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<RemoteSigner, JsValue> {
        let locale = Locale::EnUs;
        let v =
            js_to_json(&options, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        let mut issues = Vec::new();
        let text = |k: &str, issues: &mut Vec<Issue>| match v.get(k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => {
                issues.push(issue(k, Rule::Required, format!("{k} is required (a non-empty string).")));
                None
            }
        };
        let access_key = text("accessKey", &mut issues);
        let secret_key = text("secretKey", &mut issues);
        let urls: Vec<&Value> = match v.get("allow") {
            Some(Value::Array(a)) if !a.is_empty() => a.iter().collect(),
            Some(s @ Value::String(_)) => vec![s],
            _ => {
                issues.push(issue(
                    "allow",
                    Rule::Required,
                    "allow is required: the CC-iSales base URL(s) this handler signs for.".to_owned(),
                ));
                Vec::new()
            }
        };
        let mut allow = Vec::new();
        for (i, u) in urls.iter().enumerate() {
            match u.as_str().map(BaseUrl::parse) {
                Some(Ok(b)) => allow.push(b),
                Some(Err(reason)) => {
                    issues.push(issue(&format!("allow[{i}]"), Rule::Type, format!("allow[{i}] {reason}.")))
                }
                None => issues.push(issue(
                    &format!("allow[{i}]"),
                    Rule::Type,
                    format!("allow[{i}] must be a base URL string."),
                )),
            }
        }
        if let Some(o) = v.as_object() {
            for k in o.keys().filter(|k| !["accessKey", "secretKey", "allow"].contains(&k.as_str())) {
                issues.push(issue(
                    k,
                    Rule::AllowedValues,
                    format!("{k} is not a known option (known: accessKey, secretKey, allow)."),
                ));
            }
        }
        match (access_key, secret_key) {
            (Some(a), Some(s)) if issues.is_empty() => {
                Ok(RemoteSigner { access_key: a, secret_key: Secret::new(s), allow })
            }
            _ => Err(to_js_error(&CecError::validation(None, issues, locale))),
        }
    }

    /// Signs one request the client described, or throws a `CecError`: `validation` for a
    /// malformed request, `auth` for one it may not sign.
    pub fn sign(&self, request: JsValue) -> Result<String, JsValue> {
        let locale = Locale::EnUs;
        let v =
            js_to_json(&request, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        let req = remote_sign::parse_request(&v)
            .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        if let Some(why) = remote_sign::refusal(&req, &self.allow, js_sys::Date::now() as i64) {
            return Err(to_js_error(&CecError::new(ErrorKind::Auth, format!("Refused to sign: {why}."))));
        }
        Ok(remote_sign::sign(&req, &self.access_key, self.secret_key.expose()))
    }
}
