//! Limits on what the boundary converts from JavaScript, and the issues it reports when an
//! input breaks them. The walk itself lives in the boundary (`wasm::js_input`); the decisions
//! (how deep, how many values, what each problem says) are here so they are tested natively.
//!
//! Why limits at all: requests and configs are small, flat objects. Anything deep, cyclic or
//! huge is a mistake (or an attack), and converting it unbounded overflows the wasm stack or
//! exhausts its memory, which kills the instance for every later call.

use crate::error::{Issue, Rule};
use crate::locale::Locale;
use crate::says::{say, Msg};

/// Deepest nesting converted (objects and arrays). The deepest documented shape is 3.
pub const MAX_DEPTH: usize = 32;
/// Most values (of every kind, nested ones included) converted from one input.
pub const MAX_VALUES: usize = 10_000;
/// Longest array converted; longer ones are rejected before any element is read, so a
/// sparse `length = 1e9` array costs nothing.
pub const MAX_ARRAY_LEN: usize = 10_000;
/// Most UTF-16 code units of all strings of one input (4 MiB of text).
pub const MAX_TEXT_UNITS: usize = 4 * 1024 * 1024;

/// What is wrong with one JS value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    /// The value contains itself (`a.self = a`).
    Cycle,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_VALUES`] values, or an array longer than [`MAX_ARRAY_LEN`], or more text
    /// than [`MAX_TEXT_UNITS`].
    TooLarge,
    /// Reading it threw (a throwing getter, a revoked Proxy, a Proxy trap).
    Unreadable,
    /// A function.
    Function,
    /// A symbol.
    Symbol,
    /// A BigInt: JSON has no such number, and silently converting it would lose precision.
    BigInt,
    /// NaN or ±Infinity.
    NotFinite,
    /// A `Date` whose time is NaN.
    InvalidDate,
}

impl InputProblem {
    fn message(self) -> Msg {
        match self {
            InputProblem::Cycle => Msg::InputCycle,
            InputProblem::TooDeep => Msg::InputTooDeep,
            InputProblem::TooLarge => Msg::InputTooLarge,
            InputProblem::Unreadable => Msg::InputUnreadable,
            InputProblem::Function => Msg::InputFunction,
            InputProblem::Symbol => Msg::InputSymbol,
            InputProblem::BigInt => Msg::InputBigInt,
            InputProblem::NotFinite => Msg::InputNotFinite,
            InputProblem::InvalidDate => Msg::InputInvalidDate,
        }
    }

    /// The issue for this problem at `path` (`""` is the input as a whole). Every problem breaks
    /// the type rule: the value is not JSON data of any type.
    pub fn issue(self, path: &str, locale: Locale) -> Issue {
        let the_input = say(Msg::TheInput, locale, &[]);
        let subject = if path.is_empty() { the_input.as_str() } else { path };
        let message = say(self.message(), locale, &[("subject", subject)]);
        Issue { field: path.to_owned(), rule: Rule::Type, code: None, message }
    }
}

/// Joins a property name onto a path the way issues name fields: `a.b`, `a[3]`.
pub fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// Running totals of one conversion, checked against the limits.
#[derive(Debug, Default)]
pub struct Budget {
    values: usize,
    text_units: usize,
}

impl Budget {
    /// Counts one more value; `Err(TooLarge)` once over the limit.
    pub fn take_value(&mut self) -> Result<(), InputProblem> {
        self.values += 1;
        if self.values > MAX_VALUES {
            Err(InputProblem::TooLarge)
        } else {
            Ok(())
        }
    }

    /// Counts `units` UTF-16 code units of text.
    pub fn take_text(&mut self, units: usize) -> Result<(), InputProblem> {
        self.text_units = self.text_units.saturating_add(units);
        if self.text_units > MAX_TEXT_UNITS {
            Err(InputProblem::TooLarge)
        } else {
            Ok(())
        }
    }
}

/// Whether an array of `len` items may be converted (checked before reading any item).
pub fn array_len_ok(len: f64) -> bool {
    len.is_finite() && len >= 0.0 && len <= MAX_ARRAY_LEN as f64
}

/// A JS number as JSON: integers stay integers (so `5` and `5.0` validate as Integer), other
/// finite numbers stay floats; NaN and ±Infinity are a problem, never a silent `null`.
pub fn number_to_json(n: f64) -> Result<serde_json::Value, InputProblem> {
    if !n.is_finite() {
        return Err(InputProblem::NotFinite);
    }
    // Within ±2^53 an integral f64 is an exact i64.
    if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 {
        return Ok(serde_json::Value::from(n as i64));
    }
    Ok(serde_json::Number::from_f64(n).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [InputProblem; 9] = [
        InputProblem::Cycle,
        InputProblem::TooDeep,
        InputProblem::TooLarge,
        InputProblem::Unreadable,
        InputProblem::Function,
        InputProblem::Symbol,
        InputProblem::BigInt,
        InputProblem::NotFinite,
        InputProblem::InvalidDate,
    ];

    #[test]
    fn every_problem_has_both_languages() {
        for p in ALL {
            let en = p.issue("a.b", Locale::EnUs);
            let zh = p.issue("a.b", Locale::ZhCn);
            assert_eq!(en.field, "a.b");
            assert!(en.message.starts_with("a.b ") && en.message.ends_with('.'), "{}", en.message);
            assert!(zh.message.starts_with("a.b") && zh.message.ends_with('。'), "{}", zh.message);
            assert_ne!(en.message, zh.message);
            assert_eq!(en.rule, Rule::Type);
        }
    }

    #[test]
    fn whole_input_is_named() {
        assert_eq!(
            InputProblem::Cycle.issue("", Locale::EnUs).message,
            "The input contains itself (a cycle); pass plain JSON data."
        );
        assert_eq!(InputProblem::Cycle.issue("", Locale::EnUs).field, "");
    }

    #[test]
    fn paths() {
        assert_eq!(child_path("", "a"), "a");
        assert_eq!(child_path("a", "b"), "a.b");
        assert_eq!(index_path("a", 3), "a[3]");
        assert_eq!(child_path(&index_path("a", 0), "c"), "a[0].c");
    }

    #[test]
    fn budget_limits() {
        let mut b = Budget::default();
        for _ in 0..MAX_VALUES {
            b.take_value().unwrap();
        }
        assert_eq!(b.take_value(), Err(InputProblem::TooLarge));
        let mut b = Budget::default();
        assert!(b.take_text(MAX_TEXT_UNITS).is_ok());
        assert_eq!(b.take_text(1), Err(InputProblem::TooLarge));
        assert!(array_len_ok(0.0) && array_len_ok(MAX_ARRAY_LEN as f64));
        assert!(!array_len_ok(1e7) && !array_len_ok(f64::NAN) && !array_len_ok(-1.0));
    }

    #[test]
    fn numbers() {
        assert_eq!(number_to_json(5.0), Ok(serde_json::json!(5)));
        assert_eq!(number_to_json(-3.0), Ok(serde_json::json!(-3)));
        assert_eq!(number_to_json(1.5), Ok(serde_json::json!(1.5)));
        assert_eq!(number_to_json(f64::NAN), Err(InputProblem::NotFinite));
        assert_eq!(number_to_json(f64::INFINITY), Err(InputProblem::NotFinite));
        assert_eq!(number_to_json(1e300), Ok(serde_json::json!(1e300)));
    }
}
