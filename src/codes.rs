//! The vendor error-code table: every code of the endpoint docs' error tables, in English and
//! Chinese, with whether a retry can help, plus the mapping from a validation rule to the code
//! the CC-iSales server would have answered for it.
//!
//! `0200007` means different things on different endpoints, so entries are scoped: a lookup
//! with an endpoint prefers the entry scoped to it and falls back to the unscoped one.

use serde::{Deserialize, Serialize};

use crate::endpoints::{Endpoint, Gateway};
use crate::error::{CecError, ErrorKind, Rule};
use crate::locale::Locale;

/// What a vendor error code means, in the caller's locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CodeInfo {
    pub code: String,
    pub message: String,
    /// Whether sending the same request again may succeed. False for every documented code:
    /// they are parameter or business errors, which a retry would only repeat.
    pub retryable: bool,
}

/// Which endpoints an entry speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The meaning every CC-iSales endpoint shares (and the one given when no endpoint is known).
    Any,
    /// The meaning on this endpoint only.
    Only(Endpoint),
}

struct CodeEntry {
    code: &'static str,
    scope: Scope,
    en: &'static str,
    zh: &'static str,
    retryable: bool,
}

/// Texts come from the docs' error tables: English from doc 02/03, Chinese from doc 01 where it
/// has the code (kept verbatim), translated faithfully for `0200007`..`0200011` otherwise.
const CODE_TABLE: &[CodeEntry] = &[
    CodeEntry {
        code: "0200001",
        scope: Scope::Any,
        en: "Parameter error. For details about the error, see resultDesc.",
        zh: "参数异常,异常详情在resultDesc中描述。",
        retryable: false,
    },
    CodeEntry {
        code: "0200007",
        scope: Scope::Only(Endpoint::CallResults),
        en: "The outbound campaign does not exist.",
        zh: "外呼活动不存在。",
        retryable: false,
    },
    CodeEntry {
        code: "0200007",
        scope: Scope::Only(Endpoint::CallResultDetail),
        en: "The call record ID does not exist.",
        zh: "通话记录ID不存在。",
        retryable: false,
    },
    CodeEntry {
        code: "0200007",
        scope: Scope::Any,
        en: "The outbound campaign (call results query) or the call record ID (call result detail query) does not exist.",
        zh: "外呼活动(查询外呼结果)或通话记录ID(查询单个外呼结果详情)不存在。",
        retryable: false,
    },
    CodeEntry {
        code: "0200008",
        scope: Scope::Any,
        en: "The start time and end time must be specified or left empty at the same time.",
        zh: "开始时间和结束时间必须同时指定或同时为空。",
        retryable: false,
    },
    CodeEntry {
        code: "0200009",
        scope: Scope::Any,
        en: "The format of the start time or end time is incorrect.",
        zh: "开始时间或结束时间的格式不正确。",
        retryable: false,
    },
    CodeEntry {
        code: "0200010",
        scope: Scope::Any,
        en: "The start time is later than or equal to the end time.",
        zh: "开始时间晚于或等于结束时间。",
        retryable: false,
    },
    CodeEntry {
        code: "0200011",
        scope: Scope::Any,
        en: "The interval between the start time and end time exceeds 30 days.",
        zh: "开始时间与结束时间的间隔超过30天。",
        retryable: false,
    },
    CodeEntry {
        code: "02000001",
        scope: Scope::Any,
        en: "Empty parameter.",
        zh: "参数值为空",
        retryable: false,
    },
    CodeEntry {
        code: "02000002",
        scope: Scope::Any,
        en: "The parameter contains invalid characters.",
        zh: "参数包含非法字符",
        retryable: false,
    },
    CodeEntry {
        code: "02000003",
        scope: Scope::Any,
        en: "The parameter length cannot exceed the maximum length.",
        zh: "参数长度不能大于规定长度",
        retryable: false,
    },
    CodeEntry {
        code: "02000004",
        scope: Scope::Any,
        en: "The parameter length cannot be less than the minimum length.",
        zh: "参数长度不能小于规定长度",
        retryable: false,
    },
    CodeEntry {
        code: "02000005",
        scope: Scope::Any,
        en: "The parameter length must be within the specified range.",
        zh: "参数长度需要介于规定长度之间",
        retryable: false,
    },
    CodeEntry {
        code: "02000006",
        scope: Scope::Any,
        en: "Incorrect parameter type.",
        zh: "参数值类型不正确",
        retryable: false,
    },
    CodeEntry {
        code: "02000007",
        scope: Scope::Any,
        en: "Incorrect parameter value.",
        zh: "参数值大小不正确",
        retryable: false,
    },
    CodeEntry {
        code: "02000008",
        scope: Scope::Any,
        en: "Parameter conversion error. Check the request parameters.",
        zh: "参数转换异常,请检查请求参数",
        retryable: false,
    },
    CodeEntry {
        code: "02000009",
        scope: Scope::Any,
        en: "Incorrect parameter combination. Check the request parameters.",
        zh: "参数组合不正确,请检查请求参数",
        retryable: false,
    },
    CodeEntry {
        code: "02000010",
        scope: Scope::Any,
        en: "The hour and minute parameters must be set at the same time.",
        zh: "hour和minute必须同时存在",
        retryable: false,
    },
    CodeEntry {
        code: "02000011",
        scope: Scope::Any,
        en: "The number of parameters cannot exceed the specified number.",
        zh: "参数个数不能大于规定个数",
        retryable: false,
    },
];

/// OIFDE (OIAP) codes of cec_07_2000 that concern authentication (FAILCODES.md §4). They do not
/// collide with CC-iSales codes, so they are unscoped.
const OIFDE_AUTH_TABLE: &[CodeEntry] = &[
    CodeEntry { code: "900001", scope: Scope::Any, en: "No token information exists or the token has expired.", zh: "无Token信息,或Token已过期。", retryable: false },
    CodeEntry { code: "900002", scope: Scope::Any, en: "Failed to check the token information.", zh: "检查Token信息失败。", retryable: false },
    CodeEntry { code: "200800001", scope: Scope::Any, en: "The key (API password) does not exist.", zh: "密钥不存在。", retryable: false },
    CodeEntry { code: "200800002", scope: Scope::Any, en: "The key (API password) is incorrect.", zh: "密钥错误。", retryable: false },
    CodeEntry { code: "200800003", scope: Scope::Any, en: "The account is locked.", zh: "锁账号。", retryable: false },
];

/// OIFDE answers meaning "this authToken is no good": the client renews the token and resends
/// once (AUTH.md §3).
pub const OIFDE_RENEW_TOKEN_CODES: [&str; 2] = ["900001", "900002"];

/// OIFDE gettoken answers a client must never repeat: another attempt keeps the account locked.
/// The client remembers them and stops asking for tokens.
pub const OIFDE_NEVER_RETRY_CODES: [&str; 1] = ["200800003"];

fn entries() -> impl Iterator<Item = &'static CodeEntry> {
    CODE_TABLE.iter().chain(OIFDE_AUTH_TABLE.iter())
}

/// Every distinct code in the table, in table order (for tests and the docs page).
pub fn documented_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    for entry in entries() {
        if !codes.contains(&entry.code) {
            codes.push(entry.code);
        }
    }
    codes
}

fn lookup(code: &str, endpoint: Option<Endpoint>) -> Option<&'static CodeEntry> {
    let scoped = endpoint.and_then(|ep| entries().find(|e| e.code == code && e.scope == Scope::Only(ep)));
    scoped.or_else(|| entries().find(|e| e.code == code && e.scope == Scope::Any))
}

/// What `code` means, for `endpoint` when given (`0200007` depends on it). `None` for a code
/// the docs do not list.
pub fn describe(code: &str, endpoint: Option<Endpoint>, locale: Locale) -> Option<CodeInfo> {
    let code = code.trim();
    lookup(code, endpoint).map(|entry| CodeInfo {
        code: entry.code.to_owned(),
        message: locale.pick(entry.en, entry.zh).to_owned(),
        retryable: entry.retryable,
    })
}

/// The sentence for an `api` error with `code`: the table's meaning, or a fallback naming the
/// code when the docs do not list it (OIFDE codes, undocumented server codes).
pub fn api_message(code: &str, endpoint: Option<Endpoint>, locale: Locale) -> String {
    match describe(code, endpoint, locale) {
        Some(info) => info.message,
        None => match locale {
            Locale::EnUs => format!("The server answered error code {code}."),
            Locale::ZhCn => format!("服务器返回错误码 {code}。"),
        },
    }
}

/// Whether a retry may help for `code`; unknown codes are not retried (a business error
/// repeats, and a retry storm against an unknown failure helps nobody).
pub fn is_retryable(code: &str, endpoint: Option<Endpoint>) -> bool {
    lookup(code.trim(), endpoint).is_some_and(|e| e.retryable)
}

/// The `api` `CecError` for a vendor error answer: localized message from the table, the
/// server's own description verbatim, retryable from the table.
pub fn api_error(endpoint: Endpoint, code: &str, description: Option<&str>, locale: Locale) -> CecError {
    let mut e = CecError::new(ErrorKind::Api, api_message(code, Some(endpoint), locale))
        .with_endpoint(endpoint)
        .with_code(code)
        .with_retryable(is_retryable(code, Some(endpoint)));
    e.description = description.map(str::to_owned);
    e
}

/// The code a CC-iSales server answers when a request breaks `rule`. The other two gateways
/// document no codes, so their issues carry none.
const ISALES_RULE_CODES: &[(Rule, &str)] = &[
    (Rule::Required, "02000001"),
    (Rule::Type, "02000006"),
    (Rule::Range, "02000007"),
    (Rule::MaxLength, "02000003"),
    (Rule::AllowedValues, "02000007"),
    (Rule::BothOrNeither, "0200008"),
    (Rule::DateFormat, "0200009"),
    (Rule::DateOrder, "0200010"),
    (Rule::WindowTooLong, "0200011"),
];

/// The vendor code for a validation issue of `rule` on `endpoint`, if the docs give one.
pub fn issue_code(rule: Rule, endpoint: Endpoint) -> Option<&'static str> {
    match endpoint.gateway() {
        Gateway::Isales => ISALES_RULE_CODES.iter().find(|(r, _)| *r == rule).map(|(_, code)| *code),
        Gateway::ApiFabric | Gateway::Oifde => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_texts_and_is_not_retryable() {
        for e in entries() {
            assert!(!e.en.is_empty() && !e.zh.is_empty(), "{}", e.code);
            assert!(!e.retryable, "{}", e.code);
        }
    }

    #[test]
    fn oifde_auth_codes_are_documented() {
        for c in OIFDE_RENEW_TOKEN_CODES.iter().chain(OIFDE_NEVER_RETRY_CODES.iter()).chain(["200800001", "200800002"].iter()) {
            assert!(describe(c, None, Locale::ZhCn).is_some(), "{c}");
        }
        assert_eq!(describe("200800003", None, Locale::EnUs).unwrap().message, "The account is locked.");
        assert!(describe("100001", None, Locale::EnUs).is_none());
    }

    #[test]
    fn scoped_entries_come_before_any() {
        // `lookup` does not depend on order, but a duplicate Any entry would shadow silently.
        let all: Vec<&CodeEntry> = entries().collect();
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1) {
                assert!(!(a.code == b.code && a.scope == b.scope), "duplicate {}", a.code);
            }
        }
    }
}
