//! What a `failCode` (and a tenant `resultCode`) means: the vendor tables of FAILCODES.md as
//! data, in English and Chinese, plus an optional tenant table from `queryOBSResultCode`.
//!
//! Two vendor pages describe failCodes: the callback table (§1, with categories) and the longer
//! failCode list (§2, no categories). Where both list a code and disagree (00551, 00605, 00606,
//! 01048, 00701; §3), the callback table wins: it is the table the callback and call-result
//! `failCode` fields point to ("For details, see Table 4"). The other page's text is kept as
//! `alternative`. 34606 sits under two categories in §1; the first (platform release) is used.

use serde::{Deserialize, Serialize};

use crate::endpoints::obs_result_codes::ObsCode;
use crate::locale::Locale;
use crate::says::{say, Msg};

mod table;

/// The callback table's categories (分类).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum FailCategory {
    Success,
    UserRelease,
    PlatformRelease,
    InsufficientResources,
    SystemException,
}

impl FailCategory {
    /// The category's label: the doc's Chinese, and its English translation.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            FailCategory::Success => locale.pick("Outbound call success", "外呼成功"),
            FailCategory::UserRelease => locale.pick("User-side release", "用户侧拆线"),
            FailCategory::PlatformRelease => locale.pick("Normal platform release", "平台正常拆线"),
            FailCategory::InsufficientResources => {
                locale.pick("Insufficient system resources, platform-side release", "系统资源不足,平台侧拆线")
            }
            FailCategory::SystemException => locale.pick("System exception", "系统异常"),
        }
    }
}

/// Where a description came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// FAILCODES.md §1, the callback table.
    Callback,
    /// FAILCODES.md §2, the longer failCode list.
    FullList,
    /// The caller's tenant table (`queryOBSResultCode`).
    Tenant,
    /// No table lists the code.
    Unknown,
}

struct FailCodeEntry {
    code: &'static str,
    category: Option<FailCategory>,
    en: &'static str,
    zh: &'static str,
    source: Source,
    /// The other page's (en, zh) text for the same code, when both list it.
    other: Option<(&'static str, &'static str)>,
}

/// What a failCode or resultCode means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FailCodeInfo {
    /// The code as given (trimmed).
    pub code: String,
    /// Whether any table describes it.
    pub known: bool,
    /// The callback table's category, when it lists the code.
    pub category: Option<FailCategory>,
    /// That category's label in the caller's locale.
    pub category_label: Option<String>,
    /// The meaning in the caller's locale (the tenant's own words when its table has the code),
    /// or a sentence saying the code is unknown.
    pub message: String,
    pub source: Source,
    /// The other vendor page's wording, when the two pages both list the code.
    pub alternative: Option<String>,
}

/// The built-in entry of `code`; `"0"` is the success code as the call-result examples send it.
fn entry(code: &str) -> Option<&'static FailCodeEntry> {
    let code = if code == "0" { "00000" } else { code };
    table::FAIL_CODES.iter().find(|e| e.code == code)
}

/// Every code of the built-in tables (tests, the console's legend).
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    table::FAIL_CODES.iter().map(|e| e.code)
}

/// What `code` means. `tenant` is the caller's `queryOBSResultCode` table: its description wins
/// (it is what the tenant configured) and it describes codes the vendor tables lack, such as a
/// tenant's own `resultCode`s. Never fails: an unknown code is reported as unknown.
pub fn describe_fail_code(code: &str, locale: Locale, tenant: &[ObsCode]) -> FailCodeInfo {
    let code = code.trim();
    let builtin = entry(code);
    let tenant_desc = tenant
        .iter()
        .find(|t| t.obs_code.as_deref().map(str::trim) == Some(code))
        .and_then(|t| t.obs_code_desc.clone())
        .filter(|d| !d.trim().is_empty());
    let category = builtin.and_then(|e| e.category);
    let (message, source, alternative) = match (tenant_desc, builtin) {
        (Some(desc), b) => (desc, Source::Tenant, b.map(|e| locale.pick(e.en, e.zh).to_owned())),
        (None, Some(e)) => (
            locale.pick(e.en, e.zh).to_owned(),
            e.source,
            e.other.map(|(en, zh)| locale.pick(en, zh).to_owned()),
        ),
        (None, None) => {
            let message = say(Msg::UnknownFailCode, locale, &[("code", code)]);
            (message, Source::Unknown, None)
        }
    };
    FailCodeInfo {
        code: code.to_owned(),
        known: source != Source::Unknown,
        category,
        category_label: category.map(|c| c.label(locale).to_owned()),
        message,
        source,
        alternative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(code: &str, desc: &str) -> ObsCode {
        ObsCode { obs_code: Some(code.to_owned()), obs_code_desc: Some(desc.to_owned()) }
    }

    #[test]
    fn callback_table_wins_and_keeps_the_other_wording() {
        let i = describe_fail_code("00551", Locale::ZhCn, &[]);
        assert_eq!(
            (i.message.as_str(), i.category, i.source),
            ("用户挂机。", Some(FailCategory::UserRelease), Source::Callback)
        );
        assert_eq!(i.alternative.as_deref(), Some("用户未呼通"));
        // The console's old texts disagreed with the vendor on these two.
        assert_eq!(describe_fail_code("00601", Locale::EnUs, &[]).message, "User hung up before answering.");
        assert_eq!(
            describe_fail_code("00603", Locale::EnUs, &[]).message,
            "Released after the called number did not answer."
        );
        assert_eq!(
            describe_fail_code("34606", Locale::EnUs, &[]).category,
            Some(FailCategory::PlatformRelease)
        );
    }

    #[test]
    fn full_list_codes_have_no_category_and_success_has_two_spellings() {
        let i = describe_fail_code("00129", Locale::ZhCn, &[]);
        assert_eq!((i.message.as_str(), i.category, i.source), ("空号", None, Source::FullList));
        assert_eq!(describe_fail_code("0", Locale::EnUs, &[]).category, Some(FailCategory::Success));
        assert_eq!(describe_fail_code(" 00000 ", Locale::EnUs, &[]).code, "00000");
    }

    #[test]
    fn unknown_codes_are_reported_not_thrown() {
        let i = describe_fail_code("99999", Locale::EnUs, &[]);
        assert!(!i.known);
        assert_eq!(i.source, Source::Unknown);
        assert!(i.message.contains("99999"));
        // 01288's row is cut in the doc: not made up.
        assert!(!describe_fail_code("01288", Locale::EnUs, &[]).known);
    }

    #[test]
    fn a_tenant_table_overrides_and_extends() {
        let t = [tenant("00603", "No answer (tenant)"), tenant("OB99999", "Success (tenant)")];
        let i = describe_fail_code("00603", Locale::EnUs, &t);
        assert_eq!((i.message.as_str(), i.source), ("No answer (tenant)", Source::Tenant));
        assert_eq!(i.category, Some(FailCategory::UserRelease));
        assert!(i.alternative.is_some());
        let r = describe_fail_code("OB99999", Locale::EnUs, &t);
        assert!(r.known && r.category.is_none());
        assert_eq!(r.message, "Success (tenant)");
    }

    #[test]
    fn every_row_has_both_languages() {
        for e in table::FAIL_CODES {
            assert!(e.code.len() == 5 && !e.en.is_empty() && !e.zh.is_empty(), "{}", e.code);
        }
        assert_eq!(known_codes().count(), 76);
    }
}
