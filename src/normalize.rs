//! Lenient deserializers for the wire quirks in RELATED.md: numbers that arrive as strings
//! (and strings that arrive as numbers), and the `"null"` string meaning null.
//!
//! Only `"null"` is the documented quirk (03's example: `"userSaying": "null"`). A reply or an
//! intention that is literally "None" is data and survives.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

pub use cec_transcode::is_null_string;

struct I64Lenient;

impl<'de> Visitor<'de> for I64Lenient {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or a string holding an integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v).map(Some).map_err(|_| E::custom("integer out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 {
            Ok(Some(v as i64))
        } else {
            Err(E::invalid_type(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        if t.is_empty() || is_null_string(t) {
            return Ok(None);
        }
        t.parse::<i64>().map(Some).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(I64Lenient)
    }
}

/// An optional integer that may arrive as a number, a numeric string, `null`, `""` or `"null"`.
pub fn opt_i64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(I64Lenient)
}

/// A required integer that may arrive as a number or a numeric string.
pub fn i64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_i64_lenient(d)?.ok_or_else(|| de::Error::custom("expected an integer, found null"))
}

/// An optional non-negative integer, lenient as above.
pub fn opt_u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match opt_i64_lenient(d)? {
        None => Ok(None),
        Some(v) => {
            u64::try_from(v).map(Some).map_err(|_| de::Error::custom("expected a non-negative integer"))
        }
    }
}

struct StrLenient;

impl<'de> Visitor<'de> for StrLenient {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a number or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if is_null_string(v) {
            Ok(None)
        } else {
            Ok(Some(v.to_owned()))
        }
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if is_null_string(&v) {
            Ok(None)
        } else {
            Ok(Some(v))
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(StrLenient)
    }
}

/// An optional string that may arrive as a number (`"vdn": 1`), or as `"null"`/null.
pub fn opt_string_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(StrLenient)
}

/// A required string (an identifying field such as `callId`) that may arrive as a number.
/// Null and `"null"` are errors: an item without its id cannot be used.
pub fn string_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_string_lenient(d)?.ok_or_else(|| de::Error::custom("expected a string, found null"))
}

/// A list that may be absent (with `#[serde(default)]`) or `null`: both read as empty.
pub fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(<Option<Vec<T>> as serde::Deserialize>::deserialize(d)?.unwrap_or_default())
}

/// Parses a body as JSON; malformed JSON becomes a `Decode` error about `subject`.
pub fn parse_json(
    body: &str,
    endpoint: Option<crate::Endpoint>,
    subject: &str,
    locale: crate::Locale,
) -> Result<serde_json::Value, crate::CecError> {
    serde_json::from_str(body)
        .map_err(|e| crate::CecError::decode(endpoint, subject, None, &e.to_string(), locale))
}

/// Deserializes a typed model straight from the body text, in one pass. A wrongly typed or
/// missing field becomes a `Decode` error naming its JSON path (`data[3].callStatus`), so the
/// caller can find it. Working on the text (not on a parsed `Value`) keeps one deserializer per
/// model in the wasm and skips building an intermediate tree.
pub fn decode_str<T: serde::de::DeserializeOwned>(
    body: &str,
    endpoint: Option<crate::Endpoint>,
    subject: &str,
    locale: crate::Locale,
) -> Result<T, crate::CecError> {
    let mut de = serde_json::Deserializer::from_str(body);
    let path_error = |e: serde_path_to_error::Error<serde_json::Error>| {
        let path = e.path().to_string();
        // serde_path_to_error prints the root as "."; an error there has no useful path.
        let path = (path != ".").then_some(path);
        crate::CecError::decode(endpoint, subject, path.as_deref(), &e.inner().to_string(), locale)
    };
    let value = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
    // Trailing text after the value is malformed JSON, as `serde_json::from_str` would say.
    de.end().map_err(|e| crate::CecError::decode(endpoint, subject, None, &e.to_string(), locale))?;
    Ok(value)
}

/// Declares a response model as two structs: the public one (Serialize, Deserialize, Tsify)
/// and a private lenient twin that does the deserializing.
///
/// Why two: the twin needs `#[serde(default)]` to tolerate absent fields, and tsify turns
/// every `default` field into an optional `field?:` property. The public struct has no
/// `default`, so with `missing_as_null` its TS type reads `field: T | null` and the JS shape
/// is stable. Each field names the serde attributes of its twin after `=>`.
macro_rules! response_model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident via $wire:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty => $wattr:tt
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        #[cfg_attr(feature = "wasm", tsify(missing_as_null))]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct $wire {
            $(
                $(#[$fmeta])*
                #[serde $wattr]
                $field: $ty,
            )*
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let wire = <$wire as serde::Deserialize>::deserialize(d)?;
                Ok($name { $($field: wire.$field,)* })
            }
        }
    };
}
pub(crate) use response_model;
