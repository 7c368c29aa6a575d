//! The request rule engine: runs an endpoint's rule table (a [`RequestSpec`]) over an arbitrary
//! JSON value and reports every broken rule as an [`Issue`].
//!
//! The tables live next to their endpoints (`endpoints/*.rs`); this module only knows the kinds
//! of rules. It never panics on input: the request comes from arbitrary JS.
//!
//! Conventions every table shares:
//! - `null`, a missing key and `""` all mean "absent" (JS callers use all three for "not set";
//!   the OIFDE and API Fabric docs say an empty value is not a value).
//! - a required text field holding only whitespace is empty (the server trims: `02000001`).
//! - unknown keys are issues (`unknown-field`, naming the closest documented field): a misspelt
//!   `pagesize` would otherwise be dropped and the user's setting silently ignored.
//! - once a field has the wrong type its own rules and the cross-field rules that need its value
//!   are skipped, so one mistake gives one issue.

use std::cmp::Ordering;

use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::codes;
use crate::dates;
use crate::endpoint::Endpoint;
use crate::error::{Issue, Rule};
use crate::locale::Locale;

mod says;
use says::Says;

/// JavaScript's `Number.MAX_SAFE_INTEGER`: beyond it a JS number is no longer an exact integer,
/// so it is the implicit upper bound of every numeric field without a documented one.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// What JSON a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A JSON number without a fractional part (`5`, `5.0`), or a string of digits with an
    /// optional `-` (`"100"`): the server is Java and binds numeric strings to Integer fields,
    /// so the client accepts what the server accepts (and sends it as a JSON number).
    Integer,
    /// A JSON string.
    Text,
    /// A non-negative integer as a number or as a string of ASCII digits; kept as the digit
    /// string (docs type it String, values are numbers: `vdn`, epoch milliseconds, OIFDE paging).
    Digits,
    /// A string or an integer (a tenant-configured value such as `evaluationValue`); kept as text.
    Id,
    /// An instant as epoch milliseconds (a number or a string of digits) or an ISO-8601 string
    /// with an offset (`2022-07-18T00:00:00Z`; the boundary turns a JS `Date` into one); kept as
    /// the epoch-millisecond digits that go on the wire.
    EpochMillis,
}

/// The date and time formats the endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `YYYY-MM-DD` (call results).
    Ymd,
    /// `yyyy-MM-dd HH:mm:ss` (OIFDE transfer records).
    DateTime,
    /// Epoch milliseconds as digits (API Fabric CDR query); the `Digits` kind checks the format.
    EpochMillis,
}

/// A rule about one field's own value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    /// Inclusive bounds of a numeric value; `max: None` means no documented upper bound
    /// (then [`MAX_SAFE_INTEGER`] applies).
    Range { min: i64, max: Option<i64> },
    /// At most this many UTF-16 code units: what Java's `String.length()` counts, so an emoji
    /// counts 2 as on the server.
    MaxUtf16Units(usize),
    /// The numeric value must be one of these.
    AllowedValues(&'static [i64]),
    /// The text must be a real date/time in this format.
    Format(DateFormat),
    /// The text goes into the URL path as one segment: `.` and `..` would leave the intended
    /// path (URL parsers resolve them, encoded or not), so they are refused.
    PathSegment,
}

/// One field of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The documented field name (also the JSON key).
    pub name: &'static str,
    pub kind: ValueKind,
    pub required: bool,
    pub rules: &'static [FieldRule],
}

impl FieldSpec {
    pub const fn required(name: &'static str, kind: ValueKind, rules: &'static [FieldRule]) -> Self {
        FieldSpec { name, kind, required: true, rules }
    }
    pub const fn optional(name: &'static str, kind: ValueKind, rules: &'static [FieldRule]) -> Self {
        FieldSpec { name, kind, required: false, rules }
    }
}

/// One case of [`CrossRule::RangeDependsOn`]: when the other field equals `when`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeCase {
    pub when: i64,
    pub min: i64,
    pub max: i64,
}

/// A rule relating several fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossRule {
    /// Give both fields or neither; the issue names the missing one.
    BothOrNeither { first: &'static str, second: &'static str },
    /// At least one of `fields` must be present, unless `unless_present` is. The issue's field
    /// is `""`: it is about the combination, not one field; the message names them all.
    OneOfRequired { fields: &'static [&'static str], unless_present: Option<&'static str> },
    /// `begin` must not be after `end` (nor equal, unless `allow_equal`). The issue names `begin`.
    DateOrder { begin: &'static str, end: &'static str, format: DateFormat, allow_equal: bool },
    /// `end − begin` must be at most `max_days` days (`Ymd` dates). The issue names `end`.
    WindowMaxDays { begin: &'static str, end: &'static str, max_days: i64 },
    /// `field`'s bounds depend on the integer value of `on`. When `on` is absent or invalid the
    /// case for `on`'s documented default (`default_when`) applies.
    RangeDependsOn { field: &'static str, on: &'static str, cases: &'static [RangeCase], default_when: i64 },
}

impl CrossRule {
    /// The rule an issue from this cross rule reports.
    pub fn rule(&self) -> Rule {
        match self {
            CrossRule::BothOrNeither { .. } => Rule::BothOrNeither,
            CrossRule::OneOfRequired { .. } => Rule::OneOfRequired,
            CrossRule::DateOrder { .. } => Rule::DateOrder,
            CrossRule::WindowMaxDays { .. } => Rule::WindowTooLong,
            CrossRule::RangeDependsOn { .. } => Rule::Range,
        }
    }

    /// Every field name the rule refers to (tables are checked against their field lists).
    pub fn field_names(&self) -> Vec<&'static str> {
        match *self {
            CrossRule::BothOrNeither { first, second } => vec![first, second],
            CrossRule::OneOfRequired { fields, unless_present } => {
                fields.iter().copied().chain(unless_present).collect()
            }
            CrossRule::DateOrder { begin, end, .. } | CrossRule::WindowMaxDays { begin, end, .. } => {
                vec![begin, end]
            }
            CrossRule::RangeDependsOn { field, on, .. } => vec![field, on],
        }
    }
}

/// The rule table of one endpoint's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestSpec {
    /// Decides which vendor codes the issues carry (see [`codes::issue_code`]).
    pub endpoint: Endpoint,
    pub fields: &'static [FieldSpec],
    pub cross: &'static [CrossRule],
}

/// A field's value once its kind is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Typed {
    /// Integers are kept wide so a huge JS number is a range issue, not an overflow.
    Int(i128),
    Text(String),
    Digits(String),
}

impl Typed {
    fn numeric(&self) -> Option<i128> {
        match self {
            Typed::Int(v) => Some(*v),
            Typed::Digits(s) => Some(digits_value(s)),
            Typed::Text(_) => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Typed::Text(s) | Typed::Digits(s) => Some(s),
            Typed::Int(_) => None,
        }
    }

    fn to_json(&self) -> Option<Value> {
        match self {
            Typed::Int(v) => i64::try_from(*v).ok().map(Value::from),
            Typed::Text(s) | Typed::Digits(s) => Some(Value::String(s.clone())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Reading {
    Absent,
    WrongType,
    /// `rules_ok`: the field's own rules all passed, so cross rules may use the value.
    Value {
        value: Typed,
        rules_ok: bool,
    },
}

impl Reading {
    fn is_present(&self) -> bool {
        !matches!(self, Reading::Absent)
    }
    fn valid(&self) -> Option<&Typed> {
        match self {
            Reading::Value { value, rules_ok: true } => Some(value),
            _ => None,
        }
    }
    fn typed(&self) -> Option<&Typed> {
        match self {
            Reading::Value { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// The result of running a spec: every issue, and the known fields that passed the type check,
/// normalised (integers as JSON integers, digit and id fields as strings) for deserializing.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub issues: Vec<Issue>,
    pub normalized: Map<String, Value>,
}

/// Every issue of `input` against `spec`.
pub fn validate(spec: &RequestSpec, input: &Value, locale: Locale) -> Vec<Issue> {
    check(spec, input, locale, &[]).issues
}

/// Validates, then builds the typed request from the normalised fields. `skip` names rules not
/// to apply (the exporter splits long ranges itself, so it skips `WindowTooLong`).
pub fn parse<T: DeserializeOwned>(
    spec: &RequestSpec,
    input: &Value,
    locale: Locale,
    skip: &[Rule],
) -> Result<T, Vec<Issue>> {
    let checked = check(spec, input, locale, skip);
    if !checked.issues.is_empty() {
        return Err(checked.issues);
    }
    // The normalised map only holds values the table accepted, so this fails only if a table
    // and its request struct disagree; report that as an issue rather than panic.
    serde_json::from_value(Value::Object(checked.normalized)).map_err(|e| {
        vec![issue(spec.endpoint, "", Rule::Type, Says::Unreadable { detail: &e.to_string() }.render(locale))]
    })
}

/// Runs every field rule and cross rule of `spec` over `input`, except the rules in `skip`.
pub fn check(spec: &RequestSpec, input: &Value, locale: Locale, skip: &[Rule]) -> Checked {
    let mut out = Checked { issues: Vec::new(), normalized: Map::new() };
    let Some(object) = input.as_object() else {
        out.issues.push(issue(spec.endpoint, "", Rule::Type, Says::NotAnObject.render(locale)));
        return out;
    };

    if !skip.contains(&Rule::UnknownField) {
        for key in object.keys().filter(|k| !spec.fields.iter().any(|f| f.name == k.as_str())) {
            let says = Says::UnknownField { field: key, closest: closest_field(spec, key) };
            out.issues.push(issue(spec.endpoint, key, Rule::UnknownField, says.render(locale)));
        }
    }

    let mut readings: Vec<(&'static str, Reading)> = Vec::with_capacity(spec.fields.len());
    for field in spec.fields {
        let reading = read_field(spec, field, object.get(field.name), locale, skip, &mut out.issues);
        if let Some(json) = reading.typed().and_then(Typed::to_json) {
            out.normalized.insert(field.name.to_owned(), json);
        }
        readings.push((field.name, reading));
    }

    for cross in spec.cross {
        if skip.contains(&cross.rule()) {
            continue;
        }
        if let Some((field, says)) = run_cross(cross, &readings) {
            out.issues.push(issue(spec.endpoint, field, cross.rule(), says.render(locale)));
        }
    }
    out
}

/// The documented field an unknown key most likely meant: the same name in another case, else
/// the nearest by edit distance when it is close (at most a third of the key's length, min 2).
fn closest_field(spec: &RequestSpec, key: &str) -> Option<&'static str> {
    if let Some(f) = spec.fields.iter().find(|f| f.name.eq_ignore_ascii_case(key)) {
        return Some(f.name);
    }
    let lower = key.to_ascii_lowercase();
    let limit = (key.chars().count() / 3).max(2);
    spec.fields
        .iter()
        .map(|f| (edit_distance(&lower, &f.name.to_ascii_lowercase()), f.name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Levenshtein distance over chars (keys are short; quadratic is fine).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// A name the table does not declare reads as absent (the tables are tested for this).
static ABSENT: Reading = Reading::Absent;

fn reading_of<'a>(readings: &'a [(&'static str, Reading)], name: &str) -> &'a Reading {
    readings.iter().find(|(n, _)| *n == name).map_or(&ABSENT, |(_, r)| r)
}

fn issue(endpoint: Endpoint, field: &str, rule: Rule, message: String) -> Issue {
    Issue {
        field: field.to_owned(),
        rule,
        code: codes::issue_code(rule, endpoint).map(str::to_owned),
        message,
    }
}

fn read_field(
    spec: &RequestSpec,
    field: &FieldSpec,
    raw: Option<&Value>,
    locale: Locale,
    skip: &[Rule],
    issues: &mut Vec<Issue>,
) -> Reading {
    let mut report = |rule: Rule, says: Says<'_>| {
        if !skip.contains(&rule) {
            issues.push(issue(spec.endpoint, field.name, rule, says.render(locale)));
        }
    };

    let raw = match raw {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) if field.required && s.trim().is_empty() => None,
        Some(v) => Some(v),
    };
    let Some(raw) = raw else {
        if field.required {
            report(Rule::Required, Says::Required { field: field.name });
        }
        return Reading::Absent;
    };

    let Some(value) = read_kind(field.kind, raw) else {
        report(Rule::Type, Says::Type { field: field.name, kind: field.kind });
        return Reading::WrongType;
    };

    let mut rules_ok = true;
    for rule in field.rules {
        if let Some((broken, says)) = run_field_rule(field.name, rule, &value) {
            rules_ok = false;
            report(broken, says);
        }
    }
    Reading::Value { value, rules_ok }
}

fn read_kind(kind: ValueKind, raw: &Value) -> Option<Typed> {
    match (kind, raw) {
        (ValueKind::Integer, Value::Number(n)) => integer_of(n).map(Typed::Int),
        (ValueKind::Integer, Value::String(s)) => integer_text(s).map(Typed::Int),
        (ValueKind::EpochMillis, Value::String(s)) if s.contains('T') || s.contains('t') => {
            dates::parse_iso_instant_ms(s).map(|ms| Typed::Digits(ms.to_string()))
        }
        (ValueKind::EpochMillis, v) => read_kind(ValueKind::Digits, v),
        (ValueKind::Text, Value::String(s)) => Some(Typed::Text(s.clone())),
        (ValueKind::Digits, Value::String(s)) => {
            s.bytes().all(|b| b.is_ascii_digit()).then(|| Typed::Digits(s.clone()))
        }
        (ValueKind::Digits, Value::Number(n)) => integer_of(n)
            .filter(|v| (0..=i128::from(MAX_SAFE_INTEGER)).contains(v))
            .map(|v| Typed::Digits(v.to_string())),
        (ValueKind::Id, Value::String(s)) => Some(Typed::Text(s.clone())),
        (ValueKind::Id, Value::Number(n)) => integer_of(n)
            .filter(|v| v.unsigned_abs() <= u128::from(MAX_SAFE_INTEGER.unsigned_abs()))
            .map(|v| Typed::Text(v.to_string())),
        _ => None,
    }
}

/// An optional `-` then ASCII digits only (no spaces, `+` or exponent), as Java's
/// `Integer.valueOf` reads it; saturating, so a 40-digit string is a range issue.
fn integer_text(s: &str) -> Option<i128> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = digits_value(digits);
    Some(if negative { -v } else { v })
}

/// The integer a JSON number holds, if it has no fractional part. Floats beyond `i128` are
/// clamped (they fail every range anyway).
fn integer_of(n: &Number) -> Option<i128> {
    if let Some(v) = n.as_i64() {
        return Some(i128::from(v));
    }
    if let Some(v) = n.as_u64() {
        return Some(i128::from(v));
    }
    let f = n.as_f64()?;
    if !f.is_finite() || f.fract() != 0.0 {
        return None;
    }
    // `as` saturates for floats out of range, which is what we want here.
    Some(f as i128)
}

/// The value of an ASCII digit string, saturating (a 40-digit number is simply "too big").
fn digits_value(s: &str) -> i128 {
    s.bytes().fold(0i128, |acc, b| acc.saturating_mul(10).saturating_add(i128::from(b.wrapping_sub(b'0'))))
}

/// Exact numeric order of two ASCII digit strings of any length.
fn compare_digits(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn run_field_rule<'a>(name: &'a str, rule: &FieldRule, value: &Typed) -> Option<(Rule, Says<'a>)> {
    match *rule {
        FieldRule::Range { min, max } => {
            let v = value.numeric()?;
            let effective_max = max.unwrap_or(MAX_SAFE_INTEGER);
            if v < i128::from(min) || v > i128::from(effective_max) {
                // Name the implicit bound only when it is the one broken.
                let shown_max = if v > i128::from(effective_max) { Some(effective_max) } else { max };
                Some((Rule::Range, Says::Range { field: name, min, max: shown_max }))
            } else {
                None
            }
        }
        FieldRule::MaxUtf16Units(limit) => {
            let text = value.text()?;
            (text.encode_utf16().count() > limit)
                .then_some((Rule::MaxLength, Says::MaxChars { field: name, limit }))
        }
        FieldRule::AllowedValues(allowed) => {
            let v = value.numeric()?;
            (!allowed.iter().any(|a| i128::from(*a) == v))
                .then_some((Rule::AllowedValues, Says::AllowedValues { field: name, allowed }))
        }
        FieldRule::Format(format) => {
            let text = value.text()?;
            (!format_ok(format, text)).then_some((Rule::DateFormat, Says::DateFormat { field: name, format }))
        }
        FieldRule::PathSegment => {
            let text = value.text()?.trim();
            matches!(text, "." | "..").then_some((Rule::AllowedValues, Says::PathSegment { field: name }))
        }
    }
}

fn format_ok(format: DateFormat, text: &str) -> bool {
    match format {
        DateFormat::Ymd => dates::parse_ymd(text).is_some(),
        DateFormat::DateTime => dates::parse_datetime(text).is_some(),
        DateFormat::EpochMillis => !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// Order of two values in `format`; `None` when either does not parse.
fn compare_dates(format: DateFormat, begin: &Typed, end: &Typed) -> Option<Ordering> {
    let (b, e) = (begin.text()?, end.text()?);
    match format {
        DateFormat::Ymd => Some(dates::parse_ymd(b)?.cmp(&dates::parse_ymd(e)?)),
        DateFormat::DateTime => Some(dates::parse_datetime(b)?.cmp(&dates::parse_datetime(e)?)),
        DateFormat::EpochMillis => {
            (format_ok(format, b) && format_ok(format, e)).then(|| compare_digits(b, e))
        }
    }
}

fn run_cross(
    cross: &CrossRule,
    readings: &[(&'static str, Reading)],
) -> Option<(&'static str, Says<'static>)> {
    let reading_of = |name: &str| reading_of(readings, name);
    match *cross {
        CrossRule::BothOrNeither { first, second } => {
            match (reading_of(first).is_present(), reading_of(second).is_present()) {
                (true, false) => Some((second, Says::BothOrNeither { missing: second, present: first })),
                (false, true) => Some((first, Says::BothOrNeither { missing: first, present: second })),
                _ => None,
            }
        }
        CrossRule::OneOfRequired { fields, unless_present } => {
            if unless_present.is_some_and(|u| reading_of(u).is_present()) {
                return None;
            }
            let any = fields.iter().any(|f| reading_of(f).is_present());
            (!any).then_some(("", Says::OneOfRequired { fields, unless: unless_present }))
        }
        CrossRule::DateOrder { begin, end, format, allow_equal } => {
            let order = compare_dates(format, reading_of(begin).valid()?, reading_of(end).valid()?)?;
            let broken = match order {
                Ordering::Greater => true,
                Ordering::Equal => !allow_equal,
                Ordering::Less => false,
            };
            broken.then_some((begin, Says::DateOrder { begin, end, allow_equal }))
        }
        CrossRule::WindowMaxDays { begin, end, max_days } => {
            let b = dates::parse_ymd(reading_of(begin).valid()?.text()?)?;
            let e = dates::parse_ymd(reading_of(end).valid()?.text()?)?;
            ((e - b).whole_days() > max_days).then_some((end, Says::WindowTooLong { begin, end, max_days }))
        }
        CrossRule::RangeDependsOn { field, on, cases, default_when } => {
            // The field's type must be right; its value is then checked here, not by a field rule.
            let value = reading_of(field).typed()?.numeric()?;
            let on_value = reading_of(on).valid().and_then(Typed::numeric);
            let chosen = on_value
                .and_then(|v| cases.iter().find(|c| i128::from(c.when) == v))
                .or_else(|| cases.iter().find(|c| c.when == default_when))?;
            let out_of_range = value < i128::from(chosen.min) || value > i128::from(chosen.max);
            out_of_range.then_some((
                field,
                Says::RangeWhen {
                    field,
                    on,
                    when: chosen.when,
                    min: chosen.min,
                    max: chosen.max,
                    or_absent: chosen.when == default_when,
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests;
