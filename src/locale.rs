//! The two locales the vendor docs are written in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Locale {
    #[default]
    #[serde(rename = "en_US")]
    EnUs,
    #[serde(rename = "zh_CN")]
    ZhCn,
}

impl Locale {
    /// Lenient parse of a locale tag: `en_US`, `en-US`, `en`, `zh_CN`, `zh-CN`, `zh`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase().replace('-', "_");
        match t.as_str() {
            "en_us" | "en" => Some(Locale::EnUs),
            "zh_cn" | "zh" => Some(Locale::ZhCn),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::EnUs => "en_US",
            Locale::ZhCn => "zh_CN",
        }
    }

    /// Picks the text for this locale from an (English, Chinese) pair.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Locale::EnUs => en,
            Locale::ZhCn => zh,
        }
    }
}
