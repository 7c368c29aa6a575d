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
    format!(
        "{} {:02}:{:02}:{:02}",
        format_ymd(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
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
    fn datetime_strict() {
        assert!(parse_datetime("2022-02-21 20:04:38").is_some());
        assert!(parse_datetime("2022-02-21 24:00:00").is_none());
        assert!(parse_datetime("2022-02-21T20:04:38").is_none());
        assert_eq!(
            format_datetime(parse_datetime("2022-02-21 20:04:38").unwrap()),
            "2022-02-21 20:04:38"
        );
    }
}
