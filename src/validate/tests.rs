//! Unit tests of the rule engine on a small table of its own.

use super::*;
use serde_json::json;

const FIELDS: &[FieldSpec] = &[
    FieldSpec::required("n", ValueKind::Integer, &[FieldRule::Range { min: 1, max: Some(10) }]),
    FieldSpec::optional("page", ValueKind::Integer, &[FieldRule::Range { min: 1, max: None }]),
    FieldSpec::optional("d", ValueKind::Digits, &[FieldRule::AllowedValues(&[5, 10])]),
    FieldSpec::optional("s", ValueKind::Text, &[FieldRule::MaxUtf16Units(3)]),
    FieldSpec::optional("b", ValueKind::Text, &[FieldRule::Format(DateFormat::Ymd)]),
    FieldSpec::optional("e", ValueKind::Text, &[FieldRule::Format(DateFormat::Ymd)]),
];
const CROSS: &[CrossRule] = &[
    CrossRule::BothOrNeither { first: "b", second: "e" },
    CrossRule::DateOrder { begin: "b", end: "e", format: DateFormat::Ymd, allow_equal: false },
    CrossRule::WindowMaxDays { begin: "b", end: "e", max_days: 30 },
];
const SPEC: RequestSpec = RequestSpec { endpoint: Endpoint::CallResults, fields: FIELDS, cross: CROSS };

fn rules(input: Value) -> Vec<(String, Rule)> {
    validate(&SPEC, &input, Locale::EnUs).into_iter().map(|i| (i.field, i.rule)).collect()
}

#[test]
fn integers_accept_integral_floats_and_reject_fractions_and_strings() {
    assert!(rules(json!({"n": 5.0})).is_empty());
    assert_eq!(rules(json!({"n": 1.5})), vec![("n".into(), Rule::Type)]);
    assert!(rules(json!({"n": "5"})).is_empty());
    assert_eq!(rules(json!({"n": " 5"})), vec![("n".into(), Rule::Type)]);
    assert_eq!(rules(json!({"n": "5.0"})), vec![("n".into(), Rule::Type)]);
    assert_eq!(rules(json!({"n": "-5"})), vec![("n".into(), Rule::Range)]);
    assert_eq!(rules(json!({"n": 1e300})), vec![("n".into(), Rule::Range)]);
    assert_eq!(rules(json!({"n": -1e300})), vec![("n".into(), Rule::Range)]);
}

#[test]
fn implicit_safe_integer_bound_is_named_when_broken() {
    let issues = validate(&SPEC, &json!({"n": 1, "page": 1e20}), Locale::EnUs);
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.contains("9007199254740991"), "{}", issues[0].message);
    let issues = validate(&SPEC, &json!({"n": 1, "page": 0}), Locale::EnUs);
    assert!(issues[0].message.contains("at least 1"), "{}", issues[0].message);
}

#[test]
fn digits_accept_numbers_and_digit_strings_only() {
    assert!(rules(json!({"n": 1, "d": 5})).is_empty());
    assert!(rules(json!({"n": 1, "d": "10"})).is_empty());
    assert!(rules(json!({"n": 1, "d": "010"})).is_empty());
    assert_eq!(rules(json!({"n": 1, "d": " 5"})), vec![("d".into(), Rule::Type)]);
    assert_eq!(rules(json!({"n": 1, "d": -5})), vec![("d".into(), Rule::Type)]);
    assert_eq!(rules(json!({"n": 1, "d": 5.5})), vec![("d".into(), Rule::Type)]);
    assert_eq!(rules(json!({"n": 1, "d": "6"})), vec![("d".into(), Rule::AllowedValues)]);
    assert_eq!(
        rules(json!({"n": 1, "d": "99999999999999999999999999999999999999999999"})),
        vec![("d".into(), Rule::AllowedValues)]
    );
}

#[test]
fn length_counts_utf16_units_like_java() {
    assert!(rules(json!({"n": 1, "s": "中文字"})).is_empty());
    assert_eq!(rules(json!({"n": 1, "s": "中文字符"})), vec![("s".into(), Rule::MaxLength)]);
    // One scalar value, two UTF-16 units: "a😀" is 3 units.
    assert!(rules(json!({"n": 1, "s": "a😀"})).is_empty());
    assert_eq!(rules(json!({"n": 1, "s": "ab😀"})), vec![("s".into(), Rule::MaxLength)]);
}

#[test]
fn unknown_keys_name_the_closest_field() {
    let issues = validate(&SPEC, &json!({"n": 1, "PAGE": 2, "pgae": 1, "zzzzzz": 0}), Locale::EnUs);
    let got: Vec<(&str, Rule)> = issues.iter().map(|i| (i.field.as_str(), i.rule)).collect();
    assert_eq!(got.len(), 3, "{issues:?}");
    assert!(got.iter().all(|(_, r)| *r == Rule::UnknownField));
    assert!(issues[0].message.contains("page"), "{}", issues[0].message);
    assert!(issues.iter().any(|i| i.field == "zzzzzz" && !i.message.contains("mean")));
    assert!(check(&SPEC, &json!({"n": 1, "x": 1}), Locale::EnUs, &[Rule::UnknownField]).issues.is_empty());
}

#[test]
fn blank_required_text_is_empty() {
    const S: RequestSpec = RequestSpec {
        endpoint: Endpoint::CallRecords,
        fields: &[FieldSpec::required("id", ValueKind::Text, &[])],
        cross: &[],
    };
    let issues = validate(&S, &json!({"id": " \t "}), Locale::EnUs);
    assert_eq!(issues.len(), 1);
    assert_eq!((issues[0].rule, issues[0].code.as_deref()), (Rule::Required, Some("02000001")));
}

#[test]
fn a_bad_format_skips_order_and_window() {
    assert_eq!(
        rules(json!({"n": 1, "b": "2024-02-30", "e": "2023-01-01"})),
        vec![("b".into(), Rule::DateFormat)]
    );
}

#[test]
fn skip_drops_only_the_named_rule() {
    let input = json!({"n": 1, "b": "2024-01-01", "e": "2024-03-01"});
    assert_eq!(check(&SPEC, &input, Locale::EnUs, &[]).issues.len(), 1);
    assert!(check(&SPEC, &input, Locale::EnUs, &[Rule::WindowTooLong]).issues.is_empty());
}

#[test]
fn normalized_holds_only_known_typed_fields() {
    let c = check(&SPEC, &json!({"n": 3.0, "d": 5, "s": null}), Locale::EnUs, &[]);
    assert!(c.issues.is_empty());
    assert_eq!(Value::Object(c.normalized), json!({"n": 3, "d": "5"}));
}

#[test]
fn compare_digits_is_numeric() {
    assert_eq!(compare_digits("0010", "9"), Ordering::Greater);
    assert_eq!(compare_digits("10", "010"), Ordering::Equal);
    assert_eq!(compare_digits("123", "124"), Ordering::Less);
}
