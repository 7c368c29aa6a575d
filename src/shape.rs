//! Input shapes read through their one Rust type: the type that tsify exports to TypeScript is
//! what serde reads the caller's JSON into (its fields `Given`, so reading never fails and every
//! problem can be reported), and its field list is the one list of keys the parsers accept.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde_json::Value;

/// Carries the field list out of `deserialize_struct`; every other request is refused.
struct FieldNames<'a>(&'a Cell<Option<&'static [&'static str]>>);

#[derive(Debug)]
struct Done;

impl fmt::Display for Done {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field names read")
    }
}

impl std::error::Error for Done {}

impl de::Error for Done {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Done
    }
}

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = Done;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Done> {
        self.0.set(Some(fields));
        Err(Done)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Done> {
        Err(Done)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The JSON names of the fields of the struct `T` (after `rename_all`), in declaration order.
/// Empty for a type that is not a plain struct.
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let found = Cell::new(None);
    let _ = T::deserialize(FieldNames(&found));
    found.get().unwrap_or(&[])
}

/// The names of several structs (the variants of an untagged union), each once, first seen first.
pub fn union_of(lists: &[&'static [&'static str]]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for name in lists.iter().flat_map(|l| l.iter()) {
        if !out.contains(name) {
            out.push(name);
        }
    }
    out
}

/// A field of an input shape as the caller gave it. Deserializing it never fails, so a parser
/// reading the typed shape can still report every problem of every field, each with its own
/// rule and message. `Debug` never shows the value (it may be a secret).
#[derive(Clone, Default, PartialEq)]
pub enum Given<T> {
    /// The key is not there.
    #[default]
    Missing,
    /// `null` (JS `undefined` becomes a missing key before this).
    Null,
    Valid(T),
    /// A value of another JSON type than the field's.
    Invalid,
}

impl<T> Given<T> {
    /// Missing or null.
    pub fn is_absent(&self) -> bool {
        matches!(self, Given::Missing | Given::Null)
    }

    pub fn valid(&self) -> Option<&T> {
        match self {
            Given::Valid(t) => Some(t),
            _ => None,
        }
    }
}

/// Read through `deserialize_option`, which serde also uses for a required field that is
/// missing: such a field is `Null` (absent) rather than an error, so a field can be required
/// in TypeScript (no `#[serde(default)]`) and still be reported as an issue here. An optional
/// field has `#[serde(default)]`, so a missing one is `Missing` and `null` is `Null`.
impl<'de, T: DeserializeOwned> Deserialize<'de> for Given<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(GivenVisitor(PhantomData))
    }
}

struct GivenVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for GivenVisitor<T> {
    type Value = Given<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_none<E: de::Error>(self) -> Result<Given<T>, E> {
        Ok(Given::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Given<T>, E> {
        Ok(Given::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Given<T>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => Given::Null,
            v => T::deserialize(v).map_or(Given::Invalid, Given::Valid),
        })
    }
}

impl<T> fmt::Debug for Given<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Given::Missing => "Missing",
            Given::Null => "Null",
            Given::Valid(_) => "Valid(..)",
            Given::Invalid => "Invalid",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Sample {
        base_url: String,
        #[serde(default)]
        time_out_ms: Option<u32>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        name: Given<String>,
        #[serde(default)]
        note: Given<String>,
        #[serde(default)]
        count: Given<f64>,
    }

    fn read(v: serde_json::Value) -> Shape {
        Shape::deserialize(v).expect("reading a shape from an object never fails")
    }

    #[test]
    fn given_fields_never_fail_and_tell_missing_null_and_wrong_apart() {
        let s = read(serde_json::json!({}));
        // A required field that is missing reads as absent, not as an error.
        assert!(s.name.is_absent() && matches!(s.note, Given::Missing));
        let s = read(serde_json::json!({ "name": "a", "note": null, "count": "3" }));
        assert_eq!(s.name.valid().map(String::as_str), Some("a"));
        assert!(matches!(s.note, Given::Null) && matches!(s.count, Given::Invalid));
        let s = read(serde_json::json!({ "name": 5, "count": 2.5 }));
        assert!(matches!(s.name, Given::Invalid) && s.count.valid() == Some(&2.5));
        // Debug never shows a value (a field may hold a secret).
        let s = read(serde_json::json!({ "name": "s3cr3t" }));
        assert!(!format!("{s:?}").contains("s3cr3t"));
    }

    #[test]
    fn reads_the_json_names_of_a_struct() {
        assert_eq!(field_names::<Sample>(), ["baseUrl", "timeOutMs"]);
        assert!(field_names::<String>().is_empty());
        assert_eq!(union_of(&[&["a", "b"], &["b", "c"]]), ["a", "b", "c"]);
    }
}
