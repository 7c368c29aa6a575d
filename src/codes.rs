//! The vendor error-code table: every code of the endpoint docs' error tables, in English and
//! Chinese, with whether a retry can help, plus the mapping from a validation rule to the code
//! the CC-iSales server would have answered for it.
//!
//! Each entry lists the endpoints whose error table lists the code: a lookup for an endpoint
//! finds only the codes of that endpoint's table (`0200007` has one meaning per endpoint, and
//! none on callRecords). A lookup without an endpoint finds every code of every table.

use serde::{Deserialize, Serialize};

use crate::endpoint::{Endpoint, Gateway};
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

/// Which lookups an entry answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Lookups for these endpoints (whose tables list the code) and lookups without an endpoint.
    Tables(&'static [Endpoint]),
    /// Lookups for this endpoint only (its own meaning of a shared code).
    Only(Endpoint),
    /// Lookups without an endpoint only (a code whose meaning depends on the endpoint).
    NoEndpoint,
}

/// The CC-iSales endpoints whose tables list the generic parameter codes (01, 02, 03 and
/// FAILCODES.md §5 queryOBSResultCode).
const ISALES_TABLES: &[Endpoint] =
    &[Endpoint::CallResultDetail, Endpoint::CallResults, Endpoint::CallRecords, Endpoint::ObsResultCodes];
/// The OIAP common error codes apply to OIFDE's interfaces (FAILCODES.md §4 links them to
/// queryTransferRecordHistory by inference: doc 05 itself only says "non-zero").
const OIAP_TABLE: &[Endpoint] = &[Endpoint::TransferRecords];
/// Only 02 (call results) lists the date-window codes.
const CALL_RESULTS_TABLE: &[Endpoint] = &[Endpoint::CallResults];

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
        scope: Scope::Tables(ISALES_TABLES),
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
        scope: Scope::NoEndpoint,
        en: "The outbound campaign (call results query) or the call record ID (call result detail query) does not exist.",
        zh: "外呼活动(查询外呼结果)或通话记录ID(查询单个外呼结果详情)不存在。",
        retryable: false,
    },
    CodeEntry {
        code: "0200008",
        scope: Scope::Tables(CALL_RESULTS_TABLE),
        en: "The start time and end time must be specified or left empty at the same time.",
        zh: "开始时间和结束时间必须同时指定或同时为空。",
        retryable: false,
    },
    CodeEntry {
        code: "0200009",
        scope: Scope::Tables(CALL_RESULTS_TABLE),
        en: "The format of the start time or end time is incorrect.",
        zh: "开始时间或结束时间的格式不正确。",
        retryable: false,
    },
    CodeEntry {
        code: "0200010",
        scope: Scope::Tables(CALL_RESULTS_TABLE),
        en: "The start time is later than or equal to the end time.",
        zh: "开始时间晚于或等于结束时间。",
        retryable: false,
    },
    CodeEntry {
        code: "0200011",
        scope: Scope::Tables(CALL_RESULTS_TABLE),
        en: "The interval between the start time and end time exceeds 30 days.",
        zh: "开始时间与结束时间的间隔超过30天。",
        retryable: false,
    },
    CodeEntry {
        code: "02000001",
        scope: Scope::Tables(ISALES_TABLES),
        en: "Empty parameter.",
        zh: "参数值为空",
        retryable: false,
    },
    CodeEntry {
        code: "02000002",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The parameter contains invalid characters.",
        zh: "参数包含非法字符",
        retryable: false,
    },
    CodeEntry {
        code: "02000003",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The parameter length cannot exceed the maximum length.",
        zh: "参数长度不能大于规定长度",
        retryable: false,
    },
    CodeEntry {
        code: "02000004",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The parameter length cannot be less than the minimum length.",
        zh: "参数长度不能小于规定长度",
        retryable: false,
    },
    CodeEntry {
        code: "02000005",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The parameter length must be within the specified range.",
        zh: "参数长度需要介于规定长度之间",
        retryable: false,
    },
    CodeEntry {
        code: "02000006",
        scope: Scope::Tables(ISALES_TABLES),
        en: "Incorrect parameter type.",
        zh: "参数值类型不正确",
        retryable: false,
    },
    CodeEntry {
        code: "02000007",
        scope: Scope::Tables(ISALES_TABLES),
        en: "Incorrect parameter value.",
        zh: "参数值大小不正确",
        retryable: false,
    },
    CodeEntry {
        code: "02000008",
        scope: Scope::Tables(ISALES_TABLES),
        en: "Parameter conversion error. Check the request parameters.",
        zh: "参数转换异常,请检查请求参数",
        retryable: false,
    },
    CodeEntry {
        code: "02000009",
        scope: Scope::Tables(ISALES_TABLES),
        en: "Incorrect parameter combination. Check the request parameters.",
        zh: "参数组合不正确,请检查请求参数",
        retryable: false,
    },
    CodeEntry {
        code: "02000010",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The hour and minute parameters must be set at the same time.",
        zh: "hour和minute必须同时存在",
        retryable: false,
    },
    CodeEntry {
        code: "02000011",
        scope: Scope::Tables(ISALES_TABLES),
        en: "The number of parameters cannot exceed the specified number.",
        zh: "参数个数不能大于规定个数",
        retryable: false,
    },
    // OIAP common error codes (FAILCODES.md §4, cec_07_2000), for the OIFDE interface. English is
    // the doc's where it was retrievable (900001..10000002), translated otherwise.
    CodeEntry {
        code: "900001",
        scope: Scope::Tables(OIAP_TABLE),
        en: "No token information exists or the token has expired.",
        zh: "无Token信息,或Token已过期。",
        retryable: false,
    },
    CodeEntry {
        code: "900002",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Failed to check the token information.",
        zh: "检查Token信息失败。",
        retryable: false,
    },
    CodeEntry {
        code: "10000001",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Internal error, which is usually caused by an application system fault.",
        zh: "内部错误,通常因为应用系统故障引起。",
        retryable: false,
    },
    CodeEntry {
        code: "10000002",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The parameter is incorrect. Generally, the request does not provide all mandatory fields.",
        zh: "参数错误。通常由于请求中未提供全部必填字段的值。",
        retryable: false,
    },
    CodeEntry {
        code: "10000006",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Duplicate interface input parameters.",
        zh: "接口入参重复",
        retryable: false,
    },
    CodeEntry {
        code: "10000007",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Duplicate interface output parameters.",
        zh: "接口出参重复",
        retryable: false,
    },
    CodeEntry {
        code: "10000008",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Duplicate interface header parameters.",
        zh: "接口头参数重复",
        retryable: false,
    },
    CodeEntry {
        code: "10000003",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The parameter does not exist; it must be entered.",
        zh: "参数不存在,必须输入该参数",
        retryable: false,
    },
    CodeEntry {
        code: "10000004",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The parameter already exists in the system and cannot be reused.",
        zh: "参数已经在系统中存在,不能重复使用",
        retryable: false,
    },
    CodeEntry {
        code: "20000001",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Cannot be modified while in the released state.",
        zh: "处于发布状态不能修改",
        retryable: false,
    },
    CodeEntry {
        code: "20000002",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The flow name already exists.",
        zh: "流程名已经存在",
        retryable: false,
    },
    CodeEntry {
        code: "20000003",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Node deletion error: the node is referenced by another flow.",
        zh: "删除节点错误,节点被别的流程引用",
        retryable: false,
    },
    CodeEntry {
        code: "20000004",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Variable deletion error: the variable is referenced by a flow or template.",
        zh: "删除变量错误,变量被流程或者模板引用",
        retryable: false,
    },
    CodeEntry {
        code: "20000005",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Variable modification error: the original variable is referenced by a flow or template.",
        zh: "修改变量错误,原变量被流程或者模板引用",
        retryable: false,
    },
    CodeEntry {
        code: "20000006",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The file path does not exist.",
        zh: "文件路径不存在",
        retryable: false,
    },
    CodeEntry {
        code: "20000007",
        scope: Scope::Tables(OIAP_TABLE),
        en: "IOException: error reading the file stream.",
        zh: "IOException 读取文件流错误",
        retryable: false,
    },
    CodeEntry {
        code: "20000008",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Data update error.",
        zh: "更新数据错误",
        retryable: false,
    },
    CodeEntry {
        code: "200900002",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Internal error, usually caused by an application system fault.",
        zh: "内部错误,通常因为应用系统故障引起",
        retryable: false,
    },
    CodeEntry {
        code: "200900003",
        scope: Scope::Tables(OIAP_TABLE),
        en: "Parameter error; usually the request did not provide values for all mandatory fields.",
        zh: "参数错误。通常由于请求中未提供全部必填字段的值",
        retryable: false,
    },
    CodeEntry {
        code: "200800001",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The key does not exist.",
        zh: "密钥不存在",
        retryable: false,
    },
    CodeEntry {
        code: "200800002",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The key is incorrect.",
        zh: "密钥错误",
        retryable: false,
    },
    CodeEntry {
        code: "200800003",
        scope: Scope::Tables(OIAP_TABLE),
        en: "The account is locked.",
        zh: "锁账号",
        retryable: false,
    },
];

fn entries() -> impl Iterator<Item = &'static CodeEntry> {
    CODE_TABLE.iter()
}

/// OIFDE answers meaning "this authToken is no good": the client renews the token and resends
/// once (AUTH.md §3).
pub const OIFDE_RENEW_TOKEN_CODES: [&str; 2] = ["900001", "900002"];

/// OIFDE gettoken answers a client must never repeat: another attempt keeps the account locked.
/// The client remembers them and stops asking for tokens.
pub const OIFDE_NEVER_RETRY_CODES: [&str; 1] = ["200800003"];

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
    CODE_TABLE.iter().filter(|e| e.code == code).find(|e| match (e.scope, endpoint) {
        (Scope::Tables(eps), Some(ep)) => eps.contains(&ep),
        (Scope::Only(only), Some(ep)) => only == ep,
        (Scope::Tables(_) | Scope::NoEndpoint, None) => true,
        (Scope::NoEndpoint, Some(_)) | (Scope::Only(_), None) => false,
    })
}

/// What `code` means on `endpoint`: only codes that endpoint's error table lists, with that
/// endpoint's meaning (`0200007`). Without an endpoint, any documented code. `None` otherwise.
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
        for c in OIFDE_RENEW_TOKEN_CODES
            .iter()
            .chain(OIFDE_NEVER_RETRY_CODES.iter())
            .chain(["200800001", "200800002"].iter())
        {
            assert!(describe(c, None, Locale::ZhCn).is_some(), "{c}");
        }
        assert!(describe("200800003", Some(Endpoint::TransferRecords), Locale::EnUs).is_some());
        assert!(describe("100001", None, Locale::EnUs).is_none());
    }

    #[test]
    fn codes_are_described_per_endpoint_table() {
        let en = |code: &str, ep: Option<Endpoint>| describe(code, ep, Locale::EnUs).map(|i| i.message);
        assert_eq!(
            en("0200007", Some(Endpoint::CallResults)).as_deref(),
            Some("The outbound campaign does not exist.")
        );
        assert_eq!(
            en("0200007", Some(Endpoint::CallResultDetail)).as_deref(),
            Some("The call record ID does not exist.")
        );
        // Not in 03's table, nor in the API Fabric / OIFDE docs.
        assert_eq!(en("0200007", Some(Endpoint::CallRecords)), None);
        assert_eq!(en("0200011", Some(Endpoint::CallRecords)), None);
        assert_eq!(en("0200011", Some(Endpoint::CallResultDetail)), None);
        assert_eq!(en("02000001", Some(Endpoint::CallManualDetail)), None);
        assert!(en("0200011", Some(Endpoint::CallResults)).is_some());
        assert!(en("02000006", Some(Endpoint::ObsResultCodes)).is_some());
        // Without an endpoint every documented code is described.
        for code in documented_codes() {
            assert!(en(code, None).is_some(), "{code}");
        }
    }

    #[test]
    fn no_duplicate_entries() {
        // `lookup` does not depend on order, but a duplicate Any entry would shadow silently.
        let all: Vec<&CodeEntry> = entries().collect();
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1) {
                assert!(!(a.code == b.code && a.scope == b.scope), "duplicate {}", a.code);
                if let (Scope::Tables(x), Scope::Tables(y)) = (a.scope, b.scope) {
                    assert!(a.code != b.code || !x.iter().any(|e| y.contains(e)), "overlap {}", a.code);
                }
            }
        }
    }
}
