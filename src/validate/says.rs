//! What a validation issue says: the rule that broke, with the field and the limit. The
//! sentences are the catalogue's (`crate::says`).

use super::{DateFormat, ValueKind};
use crate::locale::Locale;
use crate::says::{say, say_field, Msg};

/// What an issue says; rendered in the caller's locale. One sentence each, naming the field and
/// the limit.
pub(super) enum Says<'a> {
    NotAnObject,
    Unreadable { detail: &'a str },
    Required { field: &'a str },
    Type { field: &'a str, kind: ValueKind },
    Range { field: &'a str, min: i64, max: Option<i64> },
    MaxChars { field: &'a str, limit: usize },
    AllowedValues { field: &'a str, allowed: &'a [i64] },
    DateFormat { field: &'a str, format: DateFormat },
    PathSegment { field: &'a str },
    BothOrNeither { missing: &'a str, present: &'a str },
    OneOfRequired { fields: &'a [&'a str], unless: Option<&'a str> },
    DateOrder { begin: &'a str, end: &'a str, allow_equal: bool },
    WindowTooLong { begin: &'a str, end: &'a str, max_days: i64 },
    RangeWhen { field: &'a str, on: &'a str, when: i64, min: i64, max: i64, or_absent: bool },
    UnknownField { field: &'a str, closest: Option<&'a str> },
}

impl Says<'_> {
    pub(super) fn render(&self, locale: Locale) -> String {
        let l = locale;
        match *self {
            Says::NotAnObject => say(Msg::RequestNotObject, l, &[]),
            Says::Unreadable { detail } => say(Msg::RequestUnreadable, l, &[("detail", detail)]),
            Says::Required { field } => say_field(Msg::Required, l, field),
            Says::Type { field, kind } => {
                let msg = match kind {
                    ValueKind::Integer => Msg::MustBeInteger,
                    ValueKind::EpochMillis => Msg::MustBeEpochMillis,
                    ValueKind::Text => Msg::MustBeString,
                    ValueKind::Digits => Msg::MustBeDigits,
                    ValueKind::Id => Msg::MustBeId,
                };
                say_field(msg, l, field)
            }
            Says::Range { field, min, max } => {
                let min = min.to_string();
                match max {
                    Some(max) => say(
                        Msg::IntegerFromTo,
                        l,
                        &[("field", field), ("min", &min), ("max", &max.to_string())],
                    ),
                    None => say(Msg::IntegerAtLeast, l, &[("field", field), ("min", &min)]),
                }
            }
            Says::MaxChars { field, limit } => {
                say(Msg::MaxChars, l, &[("field", field), ("limit", &limit.to_string())])
            }
            Says::AllowedValues { field, allowed } => {
                let list = allowed.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                say(Msg::OneOf, l, &[("field", field), ("list", &list)])
            }
            Says::DateFormat { field, format } => match format {
                DateFormat::Ymd => say(Msg::DateFormat, l, &[("field", field), ("pattern", "YYYY-MM-DD")]),
                DateFormat::DateTime => {
                    say(Msg::DateFormat, l, &[("field", field), ("pattern", "yyyy-MM-dd HH:mm:ss")])
                }
                DateFormat::EpochMillis => say_field(Msg::DateEpochMillis, l, field),
            },
            Says::PathSegment { field } => say_field(Msg::PathSegment, l, field),
            Says::BothOrNeither { missing, present } => {
                say(Msg::BothOrNeither, l, &[("missing", missing), ("present", present)])
            }
            Says::OneOfRequired { fields, unless } => {
                let list = fields.join(locale.pick(", ", "、"));
                match unless {
                    Some(u) => say(Msg::OneOfRequiredUnless, l, &[("unless", u), ("list", &list)]),
                    None => say(Msg::OneOfRequired, l, &[("list", &list)]),
                }
            }
            Says::DateOrder { begin, end, allow_equal } => {
                let msg = if allow_equal { Msg::NotLaterThan } else { Msg::EarlierThan };
                say(msg, l, &[("begin", begin), ("end", end)])
            }
            Says::WindowTooLong { begin, end, max_days } => {
                say(Msg::WindowTooLong, l, &[("begin", begin), ("end", end), ("days", &max_days.to_string())])
            }
            Says::RangeWhen { field, on, when, min, max, or_absent } => {
                let msg = if or_absent { Msg::IntegerFromToWhenOrAbsent } else { Msg::IntegerFromToWhen };
                let (when, min, max) = (when.to_string(), min.to_string(), max.to_string());
                say(msg, l, &[("field", field), ("on", on), ("when", &when), ("min", &min), ("max", &max)])
            }
            Says::UnknownField { field, closest } => match closest {
                Some(c) => say(Msg::UnknownFieldDidYouMean, l, &[("field", field), ("closest", c)]),
                None => say_field(Msg::UnknownField, l, field),
            },
        }
    }
}
