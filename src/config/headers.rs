//! Extra request headers (`headers` of a gateway, and of a call): names must be HTTP tokens,
//! values sendable by fetch, and the headers the client sets itself cannot be replaced (the
//! signature and the token depend on them).

use serde_json::Value;

use super::Issues;
use crate::says::Msg;
use crate::Rule;

/// Set by the client (auth, framing), so an extra header may not name them.
pub const RESERVED: [&str; 4] = ["authorization", "content-length", "content-type", "host"];

fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Visible ASCII and inner spaces/tabs, as fetch accepts; no line breaks.
fn is_value(v: &str) -> bool {
    v.bytes().all(|b| b == b' ' || b == b'\t' || (0x21..=0x7e).contains(&b))
}

/// Parses `obj[key]` (absent = none). Values are never echoed: a header may carry a secret.
pub fn parse_at(is: &mut Issues, value: Option<&Value>, field: &str) -> Vec<(String, String)> {
    let map = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Object(m)) => m,
        Some(_) => {
            is.say(field, Rule::Type, Msg::HeadersObject, &[]);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (name, v) in map {
        let f = format!("{field}.{name}");
        if !is_token(name) {
            is.say(&f, Rule::Type, Msg::HeaderName, &[]);
            continue;
        }
        if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
            is.say(&f, Rule::AllowedValues, Msg::HeaderReserved, &[]);
            continue;
        }
        match v {
            Value::String(s) if is_value(s) => out.push((name.clone(), s.trim().to_owned())),
            Value::String(_) => is.say(&f, Rule::Type, Msg::HeaderValue, &[]),
            _ => is.wrong_type(&f, Msg::MustBeString),
        }
    }
    out
}

/// Per-call `options.headers`.
pub fn parse_call_headers(
    value: &Value,
    locale: crate::Locale,
) -> Result<Vec<(String, String)>, Vec<crate::Issue>> {
    let mut is = Issues { locale, list: Vec::new() };
    let h = parse_at(&mut is, Some(value), "options.headers");
    if is.list.is_empty() {
        Ok(h)
    } else {
        Err(is.list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use serde_json::json;

    #[test]
    fn names_values_and_reserved() {
        let mut is = Issues { locale: Locale::EnUs, list: Vec::new() };
        let v = json!({ "X-TenantSpaceID": "ts-1", "Authorization": "x", "bad name": "x", "X-Num": 3, "X-Nl": "a\nb" });
        let h = parse_at(&mut is, Some(&v), "isales.headers");
        assert_eq!(h, vec![("X-TenantSpaceID".to_owned(), "ts-1".to_owned())]);
        let mut fields: Vec<&str> = is.list.iter().map(|i| i.field.as_str()).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "isales.headers.Authorization",
                "isales.headers.X-Nl",
                "isales.headers.X-Num",
                "isales.headers.bad name"
            ]
        );
        assert!(!format!("{:?}", is.list).contains("a\nb"));
        let mut is = Issues { locale: Locale::EnUs, list: Vec::new() };
        assert!(parse_at(&mut is, Some(&json!([1])), "headers").is_empty());
        assert_eq!(is.list[0].field, "headers");
    }
}
