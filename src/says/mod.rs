//! The message catalogue: every sentence the library writes (issues, errors, descriptions of
//! its own), in English and Chinese, by key (`catalogue.rs`). Call sites name a key and its
//! values; `say` renders it in the caller's locale. The vendor's own code tables (`codes`,
//! `failcodes`) are data from the docs and keep their texts beside their codes.

use crate::locale::Locale;

/// Defines `Msg` (one variant per sentence), `Msg::ALL` and each sentence's two templates, from
/// one list, so a sentence cannot exist in one language only.
macro_rules! catalogue {
    ($($key:ident: $en:literal, $zh:literal;)*) => {
        /// A sentence of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every sentence, for the catalogue's tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The template in `locale`; `{name}` marks a value, `{{`/`}}` a literal brace.
            pub fn template(self, locale: Locale) -> &'static str {
                match self {
                    $(Msg::$key => match locale {
                        Locale::EnUs => $en,
                        Locale::ZhCn => $zh,
                    },)*
                }
            }
        }
    };
}

mod catalogue;

pub use self::catalogue::Msg;

/// Renders `msg` in `locale` with its values (`("field", "callId")` fills `{field}`). A name
/// without a value is left as written: a missed value shows up in tests, never as a panic.
pub fn say(msg: Msg, locale: Locale, values: &[(&str, &str)]) -> String {
    let template = msg.template(locale);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(end)) => {
                let name = &tail[1..end];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&tail[..=end]),
                }
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `say` for the many sentences whose only value is the field they are about.
pub fn say_field(msg: Msg, locale: Locale, field: &str) -> String {
    say(msg, locale, &[("field", field)])
}

#[cfg(test)]
mod tests;
