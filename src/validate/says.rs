//! The sentences of validation issues, in English and Chinese: one per rule, naming the field
//! and the limit.

use super::{DateFormat, ValueKind};
use crate::locale::Locale;

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
        let zh = locale == Locale::ZhCn;
        match *self {
            Says::NotAnObject => {
                locale.pick("The request must be a JSON object.", "请求必须是一个 JSON 对象。").to_owned()
            }
            Says::Unreadable { detail } => {
                if zh {
                    format!("无法读取请求:{detail}。")
                } else {
                    format!("The request could not be read: {detail}.")
                }
            }
            Says::Required { field } => {
                if zh {
                    format!("{field} 为必填项,不能为空。")
                } else {
                    format!("{field} is required and must not be empty.")
                }
            }
            Says::Type { field, kind } => match (kind, zh) {
                (ValueKind::Integer, false) => format!("{field} must be an integer (a number or a string of digits)."),
                (ValueKind::Integer, true) => format!("{field} 必须是整数(数字或纯数字字符串)。"),
                (ValueKind::EpochMillis, false) => format!(
                    "{field} must be epoch milliseconds (a number or a string of digits), a Date, or an ISO-8601 date-time with an offset."
                ),
                (ValueKind::EpochMillis, true) => {
                    format!("{field} 必须是毫秒时间戳(数字或纯数字字符串)、Date 对象或带时区偏移的 ISO-8601 日期时间。")
                }
                (ValueKind::Text, false) => format!("{field} must be a string."),
                (ValueKind::Text, true) => format!("{field} 必须是字符串。"),
                (ValueKind::Digits, false) => {
                    format!("{field} must be a non-negative integer or a string of digits.")
                }
                (ValueKind::Digits, true) => format!("{field} 必须是非负整数或纯数字字符串。"),
                (ValueKind::Id, false) => format!("{field} must be a string or an integer."),
                (ValueKind::Id, true) => format!("{field} 必须是字符串或整数。"),
            },
            Says::Range { field, min, max } => match (max, zh) {
                (Some(max), false) => format!("{field} must be an integer from {min} to {max}."),
                (Some(max), true) => format!("{field} 必须是 {min} 到 {max} 之间的整数。"),
                (None, false) => format!("{field} must be an integer of at least {min}."),
                (None, true) => format!("{field} 必须是不小于 {min} 的整数。"),
            },
            Says::MaxChars { field, limit } => {
                if zh {
                    format!("{field} 的长度不能超过 {limit} 个字符。")
                } else {
                    format!("{field} must be at most {limit} characters long (UTF-16 units, as the server counts).")
                }
            }
            Says::AllowedValues { field, allowed } => {
                let list = allowed.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                if zh {
                    format!("{field} 必须是以下值之一:{list}。")
                } else {
                    format!("{field} must be one of {list}.")
                }
            }
            Says::DateFormat { field, format } => {
                let pattern = match format {
                    DateFormat::Ymd => "YYYY-MM-DD",
                    DateFormat::DateTime => "yyyy-MM-dd HH:mm:ss",
                    DateFormat::EpochMillis => "epoch milliseconds",
                };
                if zh {
                    format!("{field} 必须是格式为 {pattern} 的有效日期时间。")
                } else {
                    format!("{field} must be a real date in the format {pattern}.")
                }
            }
            Says::PathSegment { field } => {
                if zh {
                    format!("{field} 不能是 \".\" 或 \"..\"(它会作为 URL 路径的一段发送)。")
                } else {
                    format!("{field} must not be \".\" or \"..\" (it is sent as a URL path segment).")
                }
            }
            Says::BothOrNeither { missing, present } => {
                if zh {
                    format!("指定 {present} 时必须同时指定 {missing}(两者同时指定或同时不指定)。")
                } else {
                    format!("{missing} is required when {present} is given (give both or neither).")
                }
            }
            Says::OneOfRequired { fields, unless } => {
                let en_list = fields.join(", ");
                let zh_list = fields.join("、");
                match (unless, zh) {
                    (Some(u), false) => format!("When {u} is empty, at least one of {en_list} is required."),
                    (Some(u), true) => format!("{u} 为空时,{zh_list} 至少需要指定一个。"),
                    (None, false) => format!("At least one of {en_list} is required."),
                    (None, true) => format!("{zh_list} 至少需要指定一个。"),
                }
            }
            Says::DateOrder { begin, end, allow_equal } => match (allow_equal, zh) {
                (false, false) => format!("{begin} must be earlier than {end}."),
                (false, true) => format!("{begin} 必须早于 {end}。"),
                (true, false) => format!("{begin} must not be later than {end}."),
                (true, true) => format!("{begin} 不能晚于 {end}。"),
            },
            Says::WindowTooLong { begin, end, max_days } => {
                if zh {
                    format!("{end} 与 {begin} 的间隔不能超过 {max_days} 天。")
                } else {
                    format!("{end} must be at most {max_days} days after {begin}.")
                }
            }
            Says::RangeWhen { field, on, when, min, max, or_absent } => match (or_absent, zh) {
                (false, false) => format!("{field} must be an integer from {min} to {max} when {on} is {when}."),
                (true, false) => {
                    format!("{field} must be an integer from {min} to {max} when {on} is {when} or absent.")
                }
                (false, true) => format!("{on} 为 {when} 时,{field} 必须是 {min} 到 {max} 之间的整数。"),
                (true, true) => format!("{on} 为 {when} 或未指定时,{field} 必须是 {min} 到 {max} 之间的整数。"),
            },
            Says::UnknownField { field, closest } => match (closest, zh) {
                (Some(c), false) => format!("{field} is not a field of this request (did you mean {c}?); it would be ignored."),
                (Some(c), true) => format!("{field} 不是该请求的字段(是否想输入 {c}?),将被忽略。"),
                (None, false) => format!("{field} is not a field of this request; it would be ignored."),
                (None, true) => format!("{field} 不是该请求的字段,将被忽略。"),
            },
        }
    }
}
