//! Credential scrubbing for every text the client surfaces (error messages, server
//! descriptions, issue messages).
//!
//! A gateway that echoes the request (some error pages do) would otherwise hand the caller the
//! credentials the client sent. Two layers, because neither alone is enough:
//! - the exact values the client knows: configured secrets and every token it obtained;
//! - the shapes of what it sends: an auth-v2 `Authorization` value (`auth-v2/ak/ts/headers/sig`),
//!   a `Bearer` token, and the OIFDE `authToken`/`appSecret`/`app_secret` JSON members, whose
//!   values are replaced whatever they are.

use crate::error::CecError;

/// What replaces a credential.
pub const REDACTED: &str = "<redacted>";

/// Shorter values are not scrubbed by value: they would match ordinary words and numbers.
const MIN_SECRET_LEN: usize = 4;

/// JSON members whose value is a credential, wherever they appear.
const SECRET_MEMBERS: [&str; 5] = ["authToken", "appSecret", "app_secret", "AccessToken", "secretKey"];

/// `text` with every known secret and every credential-shaped value replaced by [`REDACTED`].
pub fn scrub_text(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    // Longest first, so a secret that contains another is replaced whole.
    let mut known: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= MIN_SECRET_LEN).collect();
    known.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for secret in known {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out = redact_after(&out, "auth-v2/", |c| {
        c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '<' | '>' | '\\')
    });
    out = redact_after(&out, "Bearer ", |c| {
        c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '<' | '>' | '\\')
    });
    for member in SECRET_MEMBERS {
        out = redact_json_member(&out, member);
    }
    out
}

/// Replaces the run of characters after each `marker` (up to `stop`) with [`REDACTED`].
fn redact_after(text: &str, marker: &str, stop: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        out.push_str(head);
        let end = tail.find(&stop).unwrap_or(tail.len());
        if end > 0 && !tail[..end].starts_with(REDACTED) {
            out.push_str(REDACTED);
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Replaces the string value of `"member": "..."` (escaped quotes included) with [`REDACTED`].
fn redact_json_member(text: &str, member: &str) -> String {
    let key = format!("\"{member}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&key) {
        let (head, tail) = rest.split_at(at + key.len());
        out.push_str(head);
        // Skip `\s*:\s*"` if present; otherwise this was not a member with a string value.
        let after_colon = tail.trim_start().strip_prefix(':').map(str::trim_start);
        match after_colon.and_then(|t| t.strip_prefix('"')) {
            Some(value) => {
                let consumed = tail.len() - value.len();
                out.push_str(&tail[..consumed]);
                let end = string_end(value);
                out.push_str(REDACTED);
                rest = &value[end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// Byte index of the closing quote of a JSON string body (or the end of the text).
fn string_end(body: &str) -> usize {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i,
            _ => {}
        }
    }
    body.len()
}

/// A server description is cut to this many characters, after scrubbing.
pub const MAX_DESCRIPTION_CHARS: usize = 300;

/// Every text of `e` scrubbed; the description then cut to [`MAX_DESCRIPTION_CHARS`].
pub fn scrub_error(mut e: CecError, secrets: &[&str]) -> CecError {
    e.message = scrub_text(&e.message, secrets);
    e.description = e
        .description
        .as_deref()
        .map(|d| scrub_text(d, secrets).chars().take(MAX_DESCRIPTION_CHARS).collect());
    for issue in &mut e.issues {
        issue.message = scrub_text(&issue.message, secrets);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn known_values_are_replaced_longest_first() {
        assert_eq!(
            scrub_text("a sk-123456 b sk-1234", &["sk-1234", "sk-123456"]),
            "a <redacted> b <redacted>"
        );
        // Too short to scrub by value: would eat ordinary text.
        assert_eq!(scrub_text("abc", &["abc"]), "abc");
    }

    #[test]
    fn auth_v2_values_are_replaced_whatever_the_signature() {
        let echoed = r#"{"headers":{"Authorization":"auth-v2/ak/2024-01-01T00:00:00.000Z/host/7e5c8f3e"}}"#;
        assert_eq!(scrub_text(echoed, &[]), r#"{"headers":{"Authorization":"auth-v2/<redacted>"}}"#);
        assert_eq!(
            scrub_text("Authorization: auth-v2/x/y/z/abc rest", &[]),
            "Authorization: auth-v2/<redacted> rest"
        );
    }

    #[test]
    fn bearer_tokens_are_replaced() {
        assert_eq!(
            scrub_text("Authorization: Bearer eyJhbGciOi.x-y_z", &[]),
            "Authorization: Bearer <redacted>"
        );
        assert_eq!(scrub_text(r#"{"a":"Bearer tok\"x"}"#, &[]), r#"{"a":"Bearer <redacted>\"x"}"#);
    }

    #[test]
    fn credential_members_are_replaced() {
        let body = r#"{"tenantId":"t1","authToken" : "abc\"def","callId":"1","appSecret":"s"}"#;
        assert_eq!(
            scrub_text(body, &[]),
            r#"{"tenantId":"t1","authToken" : "<redacted>","callId":"1","appSecret":"<redacted>"}"#
        );
        // Not a string member: left alone.
        assert_eq!(scrub_text(r#"{"authToken":null}"#, &[]), r#"{"authToken":null}"#);
        assert_eq!(scrub_text(r#"the word "authToken" alone"#, &[]), r#"the word "authToken" alone"#);
    }

    #[test]
    fn unterminated_values_are_replaced_to_the_end() {
        assert_eq!(scrub_text(r#"{"authToken":"abc"#, &[]), r#"{"authToken":"<redacted>"#);
    }

    #[test]
    fn errors_are_scrubbed_everywhere() {
        let mut e = CecError::new(ErrorKind::Http, "failed with sk-secret-1");
        e.description = Some("echo: Bearer t0k3n".into());
        let e = scrub_error(e, &["sk-secret-1"]);
        assert_eq!(e.message, "failed with <redacted>");
        assert_eq!(e.description.as_deref(), Some("echo: Bearer <redacted>"));
    }

    #[test]
    fn a_long_description_is_cut_only_after_scrubbing() {
        let secret = "s3cr3t-value-that-straddles";
        let mut e = CecError::new(ErrorKind::Http, "x");
        e.description = Some(format!("{}{secret} tail", "a".repeat(MAX_DESCRIPTION_CHARS - 5)));
        let e = scrub_error(e, &[secret]);
        let d = e.description.unwrap_or_default();
        assert_eq!(d.chars().count(), MAX_DESCRIPTION_CHARS);
        assert!(!d.contains("s3cr"), "{d}");
    }

    #[test]
    fn non_ascii_text_is_kept() {
        assert_eq!(scrub_text("错误：auth-v2/ak/签名 结束", &[]), "错误：auth-v2/<redacted> 结束");
    }
}
