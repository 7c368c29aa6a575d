//! The catalogue's completeness and language tests.

use super::*;

fn placeholders(t: &str) -> Vec<String> {
    let t = t.replace("{{", "").replace("}}", "");
    let mut names: Vec<String> =
        t.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned())).collect();
    names.sort();
    names.dedup();
    names
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Code names the Chinese sentences keep as the caller writes them (all lowercase, so the
/// identifier test below would not pass them).
const LOWERCASE_CODE_NAMES: &[&str] =
    &["isales", "oifde", "query", "path", "locale", "endpoint", "true", "fetch", "allow", "host"];

/// The words of a Chinese sentence that are neither code names, acronyms nor values: untranslated
/// English. Values, backticked and quoted code, JSON shapes and `[...]` tuples are skipped.
fn english_words(zh: &str) -> Vec<String> {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    for c in zh.chars() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '`' | '"' => quoted = !quoted,
            _ if depth == 0 && !quoted => text.push(c),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut word = String::new();
    let is_part = |c: char| c.is_ascii_alphanumeric() || "._-/=".contains(c);
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if is_part(c) && (c.is_ascii_alphabetic() || !word.is_empty()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            // A URL or `user:password@` is code too.
            let before = text[..i - word.len()].chars().next_back();
            let code = word.chars().any(|c| c.is_ascii_uppercase() || "._-/=0123456789".contains(c))
                || text[i..].starts_with(['(', ':'])
                || before == Some(':')
                || LOWERCASE_CODE_NAMES.contains(&word.as_str());
            if !code {
                out.push(word.clone());
            }
            word.clear();
        }
    }
    out
}

#[test]
fn every_sentence_has_both_languages_with_the_same_values() {
    for &m in Msg::ALL {
        let (en, zh) = (m.template(Locale::EnUs), m.template(Locale::ZhCn));
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{m:?}");
        assert_eq!(placeholders(en), placeholders(zh), "{m:?}: the two languages take different values");
        assert!(!en.chars().any(is_cjk), "{m:?}: Chinese in the English sentence: {en}");
        assert!(zh.chars().any(is_cjk), "{m:?}: the Chinese sentence is not Chinese: {zh}");
    }
}

#[test]
fn no_chinese_sentence_holds_untranslated_english() {
    let found: Vec<String> = Msg::ALL
        .iter()
        .filter_map(|&m| {
            let words = english_words(m.template(Locale::ZhCn));
            (!words.is_empty()).then(|| format!("{m:?}: {words:?}"))
        })
        .collect();
    assert!(found.is_empty(), "untranslated English words:\n{}", found.join("\n"));
}

#[test]
fn chinese_sentences_use_one_punctuation_style() {
    // The style of the validation messages callers already match on: ASCII , : ( ) ; inside a
    // sentence, a full-width 。 at its end and 、 in lists.
    for &m in Msg::ALL {
        let zh = m.template(Locale::ZhCn);
        assert!(!zh.contains(['，', '：', '（', '）', '；']), "{m:?}: {zh}");
    }
}

#[test]
fn the_english_word_check_finds_english() {
    assert_eq!(
        english_words("{field} must be 字符串 (`fetch`) \"x y\" AbortSignal isales.sign() a"),
        ["must", "be", "a"]
    );
    assert!(english_words("{field} 必须是 {names} 或对象 {{ profile?, queryLine? }}。").is_empty());
}

#[test]
fn values_fill_their_places_and_braces_stay_literal() {
    assert_eq!(say_field(Msg::Required, Locale::EnUs, "callId"), "callId is required and must not be empty.");
    assert_eq!(say_field(Msg::Required, Locale::ZhCn, "callId"), "callId 为必填项,不能为空。");
    let s = say(Msg::SigningOption, Locale::EnUs, &[("field", "signing"), ("names", "\"A\", \"B\"")]);
    assert_eq!(
        s,
        "signing must be \"A\", \"B\" or an object { profile?, queryLine?, timestamp?, signedHeaders? }."
    );
    // A value containing braces is not read as a template.
    assert_eq!(say_field(Msg::MustBeString, Locale::EnUs, "{x}"), "{x} must be a string.");
    // A missing value is visible, not a panic.
    assert_eq!(
        say(Msg::Timeout, Locale::EnUs, &[("what", "callResults")]),
        "callResults did not answer within {ms} ms."
    );
}
