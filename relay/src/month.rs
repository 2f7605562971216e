//! The calendar month (UTC) under which the relay counts arrivals for its monthly
//! statistics ([`crate::store::Store::count_arrivals`]).
//!
//! Calendar arithmetic is the `time` crate's; this module only names the month. It does not
//! read the clock: callers pass the time.

use time::OffsetDateTime;

/// `YYYY-MM` (UTC) of `unix` seconds. Times past the last representable date (year 9999)
/// count under `9999-12`.
pub(crate) fn month_of(unix: u64) -> String {
    let at = i64::try_from(unix)
        .ok()
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok());
    match at {
        Some(at) => format!("{:04}-{:02}", at.year(), u8::from(at.month())),
        None => "9999-12".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::month_of;

    #[test]
    fn months_start_and_end_on_utc_midnight() {
        assert_eq!(month_of(0), "1970-01");
        // 2024-02-29T23:59:59Z, then 2024-03-01T00:00:00Z (a leap year).
        assert_eq!(month_of(1_709_251_199), "2024-02");
        assert_eq!(month_of(1_709_251_200), "2024-03");
        // 2023-02-28T23:59:59Z, then 2023-03-01T00:00:00Z (not a leap year).
        assert_eq!(month_of(1_677_628_799), "2023-02");
        assert_eq!(month_of(1_677_628_800), "2023-03");
        // 2000 is a leap year (divisible by 400): 2000-02-29T12:00:00Z.
        assert_eq!(month_of(951_825_600), "2000-02");
        // 2099-12-31T23:59:59Z, then 2100-01-01T00:00:00Z.
        assert_eq!(month_of(4_102_444_799), "2099-12");
        assert_eq!(month_of(4_102_444_800), "2100-01");
    }

    #[test]
    fn times_beyond_the_calendar_are_the_last_month() {
        assert_eq!(month_of(u64::MAX), "9999-12");
    }
}
