//! Lenient readers of JSON request fields, as a Java/Jackson gateway would bind them: a numeric
//! string binds to an Integer field, `null` is "not given". Every failure is a value, never a panic.

use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Present but empty (`""`).
    Empty,
    /// Present with a type that cannot bind.
    Type,
}

pub type Obj = Map<String, Value>;

/// Parses a request body as a JSON object; an empty body counts as `{}`.
pub fn body_object(body: &[u8]) -> Option<Obj> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(o)) => Some(o),
        _ => None,
    }
}

/// A string field: absent/null → None.
pub fn string<'a>(o: &'a Obj, k: &str) -> Result<Option<&'a str>, FieldError> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(FieldError::Type),
    }
}

/// A non-empty string field: absent/null/"" → None.
pub fn nonempty_string<'a>(o: &'a Obj, k: &str) -> Result<Option<&'a str>, FieldError> {
    Ok(string(o, k)?.filter(|s| !s.is_empty()))
}

/// An integer field given as a JSON integer or a numeric string: absent/null → None, "" → Empty.
pub fn integer(o: &Obj, k: &str) -> Result<Option<i64>, FieldError> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().map(Some).ok_or(FieldError::Type),
        Some(Value::String(s)) if s.is_empty() => Err(FieldError::Empty),
        Some(Value::String(s)) => parse_int(s).map(Some).ok_or(FieldError::Type),
        Some(_) => Err(FieldError::Type),
    }
}

/// A field documented as String whose values are numbers or codes: a string or a JSON number,
/// normalised to its text. Absent/null/"" → None.
pub fn text(o: &Obj, k: &str) -> Result<Option<String>, FieldError> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(FieldError::Type),
    }
}

/// Optional sign, then ASCII digits only (no spaces, no `+`, no exponent).
pub fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn readers() {
        let o = body_object(br#"{"a":"x","n":5,"s":"7","e":"","f":1.5,"b":true,"z":null}"#).unwrap();
        assert_eq!(string(&o, "a"), Ok(Some("x")));
        assert_eq!(string(&o, "n"), Err(FieldError::Type));
        assert_eq!(string(&o, "z"), Ok(None));
        assert_eq!(nonempty_string(&o, "e"), Ok(None));
        assert_eq!(integer(&o, "n"), Ok(Some(5)));
        assert_eq!(integer(&o, "s"), Ok(Some(7)));
        assert_eq!(integer(&o, "e"), Err(FieldError::Empty));
        assert_eq!(integer(&o, "f"), Err(FieldError::Type));
        assert_eq!(integer(&o, "b"), Err(FieldError::Type));
        assert_eq!(integer(&o, "a"), Err(FieldError::Type));
        assert_eq!(text(&o, "n"), Ok(Some("5".into())));
        assert_eq!(text(&o, "b"), Err(FieldError::Type));
        assert!(body_object(b"  ").unwrap().is_empty());
        assert!(body_object(b"[1]").is_none());
        assert!(body_object(b"{").is_none());
        assert_eq!(parse_int("-3"), Some(-3));
        assert_eq!(parse_int("+3"), None);
        assert_eq!(parse_int(" 3"), None);
        let _ = json!(null);
    }
}
