//! JSON string text: unescaping what the server sent, escaping what we write (as serde_json
//! writes it).

/// False only when `s` cannot be a `"null"` spelling (`is_null_string`), cheaply: shorter than
/// `null`, or longer with no whitespace (ASCII or not) at either end.
#[inline(always)]
pub(crate) fn maybe_null(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if b.len() >= 4 => {
            b.len() == 4 || !first.is_ascii_graphic() || !last.is_ascii_graphic()
        }
        _ => false,
    }
}

/// Four hex digits at `at` as a number.
fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let digits = std::str::from_utf8(b.get(at..at.checked_add(4)?)?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

/// The content of a JSON string with escapes, unescaped; `None` for an unpaired surrogate.
pub(crate) fn unescape(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let (mut i, mut start) = (0, 0);
    while let Some(&c) = b.get(i) {
        if c != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(raw.get(start..i)?);
        let e = *b.get(i + 1)?;
        i += 2;
        let ch = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex4(b, i)?;
                i += 4;
                if (0xD800..0xDC00).contains(&unit) {
                    if b.get(i..i + 2)? != b"\\u" {
                        return None;
                    }
                    let low = hex4(b, i + 2)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    i += 6;
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    char::from_u32(unit)?
                }
            }
            _ => return None,
        };
        out.push(ch);
        start = i;
    }
    out.push_str(raw.get(start..)?);
    Some(out)
}

/// Writes `s` as a JSON string exactly as serde_json does: `"` and `\` escaped, control
/// characters as `\b \t \n \f \r` or `\u00xx` (lower-case hex), everything else as it is.
pub fn push_escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, c) in s.bytes().enumerate() {
        let short = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        if let Some(run) = s.get(start..i) {
            out.push_str(run);
        }
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 0xf)]));
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    if let Some(run) = s.get(start..) {
        out.push_str(run);
    }
    out.push('"');
}
