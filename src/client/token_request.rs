//! The token requests of API Fabric (`tokenByAkSk`) and OIFDE (`gettoken`): what is sent and
//! what the answer means. The cache lifecycle is `crate::token`'s; sending is the boundary's.

use serde_json::json;

use crate::auth::{ApiFabricToken, OifdeToken, CONTENT_TYPE_JSON};
use crate::client::errors;
use crate::codes;
use crate::says::Msg;
use crate::CecError;
use crate::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    ApiFabric,
    Oifde,
}

/// A token and its lifetime in seconds, as the gateway gave them.
pub type Issued = (String, Option<u64>);

impl TokenKind {
    /// The `endpoint` of the token request's hook events.
    pub fn operation(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "apiFabricToken",
            TokenKind::Oifde => "oifdeToken",
        }
    }

    pub fn gateway(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "apiFabric",
            TokenKind::Oifde => "oifde",
        }
    }

    /// How errors name the token request.
    pub fn what(self) -> &'static str {
        match self {
            TokenKind::ApiFabric => "API Fabric tokenByAkSk",
            TokenKind::Oifde => "OIFDE gettoken",
        }
    }

    /// The body and Content-Type of the token request (AUTH.md §2, §3).
    pub fn request_body(self, key: &str, secret: &str) -> (String, &'static str) {
        match self {
            TokenKind::ApiFabric => {
                (json!({ "app_key": key, "app_secret": secret }).to_string(), "application/json")
            }
            TokenKind::Oifde => {
                (json!({ "appKey": key, "appSecret": secret }).to_string(), CONTENT_TYPE_JSON)
            }
        }
    }

    /// What the token endpoint's answer means: a token, or the error every waiting call gets.
    pub fn interpret(self, status: u16, body: &str, locale: Locale) -> Result<Issued, CecError> {
        let what = self.what();
        if !(200..300).contains(&status) {
            let description = errors::body_description(body);
            return Err(match status {
                400 | 401 | 403 => errors::auth_status(None, what, status, description, locale),
                _ => errors::http(None, what, status, description, locale),
            });
        }
        let bad = |detail: Msg| errors::bad_token_response(None, what, detail, locale);
        match self {
            TokenKind::ApiFabric => {
                let t: ApiFabricToken = serde_json::from_str(body).map_err(|_| bad(Msg::FabricTokenShape))?;
                if !crate::config::is_header_safe(&t.access_token) {
                    return Err(bad(Msg::FabricTokenUnsendable));
                }
                Ok((t.access_token, t.expires_secs))
            }
            TokenKind::Oifde => {
                let t: OifdeToken = serde_json::from_str(body).map_err(|_| bad(Msg::OifdeTokenShape))?;
                if t.error_code != 0 {
                    let code = t.error_code.to_string();
                    let mut e =
                        errors::auth_code(None, what, &code, t.error_msg.filter(|m| !m.is_empty()), locale);
                    // 200800001..3 have documented meanings: say which.
                    if let Some(info) = codes::describe(&code, None, locale) {
                        e.message = format!("{} {}", e.message, info.message);
                    }
                    return Err(e);
                }
                match t.auth_token.filter(|s| !s.trim().is_empty()) {
                    Some(token) => Ok((token, t.expire_time_secs)),
                    None => Err(bad(Msg::OifdeTokenMissing)),
                }
            }
        }
    }
}

/// A gettoken answer that must never be repeated (the account is locked): every later call gets
/// the same error without asking again.
pub fn is_final_refusal(e: &CecError) -> bool {
    e.code.as_deref().is_some_and(|c| codes::OIFDE_NEVER_RETRY_CODES.contains(&c))
}
