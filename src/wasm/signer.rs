//! The server side of `isales.sign`: `createSigningHandler` (js/runtime.js) builds one of these
//! from `{ accessKey, secretKey, allow }` and asks it to sign each request body it receives. The
//! checks are the core's (`crate::remote_sign`); the SK stays in this object.

use wasm_bindgen::prelude::*;

use super::convert::{js_to_json, to_js_error};
use crate::config::{BaseUrl, Secret};
use crate::remote_sign;
use crate::{CecError, ErrorKind, Locale};

#[wasm_bindgen(js_name = "__RemoteSigner")]
pub struct RemoteSigner {
    access_key: String,
    secret_key: Secret,
    allow: Vec<BaseUrl>,
}

#[wasm_bindgen(js_class = "__RemoteSigner")]
impl RemoteSigner {
    /// `{ accessKey, secretKey, allow: baseUrl | baseUrl[] }`; throws a validation `CecError`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<RemoteSigner, JsValue> {
        let locale = Locale::EnUs;
        let v =
            js_to_json(&options, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        let o = remote_sign::parse_handler_options(&v)
            .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        Ok(RemoteSigner { access_key: o.access_key, secret_key: o.secret_key, allow: o.allow })
    }

    /// Signs one request the client described, or throws a `CecError`: `validation` for a
    /// malformed request, `auth` for one it may not sign.
    pub fn sign(&self, request: JsValue) -> Result<String, JsValue> {
        let locale = Locale::EnUs;
        let v =
            js_to_json(&request, locale).map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        let req = remote_sign::parse_request(&v)
            .map_err(|i| to_js_error(&CecError::validation(None, i, locale)))?;
        if let Some(refused) = remote_sign::refusal(&req, &self.allow, js_sys::Date::now() as i64) {
            return Err(to_js_error(&CecError::new(ErrorKind::Auth, refused)));
        }
        Ok(remote_sign::sign(&req, &self.access_key, self.secret_key.expose()))
    }
}
