//! Date and time formats the endpoints use, parsed strictly (real calendar dates only).

use time::{Date, Month, PrimitiveDateTime, Time};

/// `YYYY-MM-DD`, exactly 10 characters, a real calendar date (2023-02-29 is rejected).
pub fn parse_ymd(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = digits(&s[0..4])?;
    let month: u8 = digits(&s[5..7])?;
    let day: u8 = digits(&s[8..10])?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// `yyyy-MM-dd HH:mm:ss`, a real calendar date and time of day.
pub fn parse_datetime(s: &str) -> Option<PrimitiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_ymd(&s[0..10])?;
    let h: u8 = digits(&s[11..13])?;
    let m: u8 = digits(&s[14..16])?;
    let sec: u8 = digits(&s[17..19])?;
    Some(PrimitiveDateTime::new(date, Time::from_hms(h, m, sec).ok()?))
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Formats a date-time as `yyyy-MM-dd HH:mm:ss`.
pub fn format_datetime(dt: PrimitiveDateTime) -> String {
    format!("{} {:02}:{:02}:{:02}", format_ymd(dt.date()), dt.hour(), dt.minute(), dt.second())
}

/// An ISO-8601 / RFC 3339 instant, `YYYY-MM-DDTHH:mm:ss[.fraction](Z|±HH:MM)`, as epoch
/// milliseconds. The offset is required: a local time means a different instant on every
/// machine, so it is rejected rather than guessed. `None` for anything else, or before 1970.
pub fn parse_iso_instant_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_ymd(s.get(0..10)?)?;
    let (h, m, sec): (u8, u8, u8) =
        (digits(s.get(11..13)?)?, digits(s.get(14..16)?)?, digits(s.get(17..19)?)?);
    let mut rest = s.get(19..)?;
    let mut millis: i64 = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        // Milliseconds: the first three digits, padded; finer digits are truncated.
        let ms_text: String = frac[..n].chars().chain("000".chars()).take(3).collect();
        millis = digits(&ms_text)?;
        rest = &frac[n..];
    }
    let offset_secs: i64 = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let oh: i64 = digits(rest.get(1..3)?)?;
            let om: i64 = digits(rest.get(4..6)?)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let v = oh * 3600 + om * 60;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    let local = PrimitiveDateTime::new(date, Time::from_hms(h, m, sec).ok()?);
    let secs = local.assume_utc().unix_timestamp() - offset_secs;
    let ms = secs.checked_mul(1000)?.checked_add(millis)?;
    (ms >= 0).then_some(ms)
}

fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_strict() {
        assert!(parse_ymd("2024-02-29").is_some());
        assert!(parse_ymd("2023-02-29").is_none());
        assert!(parse_ymd("2024-1-01").is_none());
        assert!(parse_ymd("2024-13-01").is_none());
        assert!(parse_ymd("2024-01-01 ").is_none());
        assert!(parse_ymd("+024-01-01").is_none());
        assert_eq!(format_ymd(parse_ymd("0999-03-04").unwrap()), "0999-03-04");
    }

    #[test]
    fn iso_instants_need_an_offset() {
        assert_eq!(parse_iso_instant_ms("2022-07-18T00:00:00Z"), Some(1_658_102_400_000));
        assert_eq!(parse_iso_instant_ms("2022-07-18T08:00:00.123+08:00"), Some(1_658_102_400_123));
        assert_eq!(parse_iso_instant_ms("2022-07-18T00:00:00.5Z"), Some(1_658_102_400_500));
        assert_eq!(parse_iso_instant_ms("2022-07-18T00:00:00"), None);
        assert_eq!(parse_iso_instant_ms("2022-07-18"), None);
        assert_eq!(parse_iso_instant_ms("2022-02-30T00:00:00Z"), None);
        assert_eq!(parse_iso_instant_ms("1969-12-31T23:59:59Z"), None);
        assert_eq!(parse_iso_instant_ms("2022-07-18T00:00:00+8:00"), None);
        assert_eq!(parse_iso_instant_ms("2022-07-18T00:00:00Z "), None);
    }

    #[test]
    fn datetime_strict() {
        assert!(parse_datetime("2022-02-21 20:04:38").is_some());
        assert!(parse_datetime("2022-02-21 24:00:00").is_none());
        assert!(parse_datetime("2022-02-21T20:04:38").is_none());
        assert_eq!(format_datetime(parse_datetime("2022-02-21 20:04:38").unwrap()), "2022-02-21 20:04:38");
    }
}
