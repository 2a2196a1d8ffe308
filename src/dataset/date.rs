//! Dates that may be known only to the year or the month.

use std::fmt;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PartialDate {
    /// The year (four digits when parsed).
    pub year: i32,
    /// The month, 1–12; `None` when only the year is known.
    pub month: Option<u8>,
    /// The day of the month, 1–31; `None` when only the year or month is known. Never `Some`
    /// when `month` is `None` in a parsed date.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A full date from year, month and day. The values are not checked against the calendar.
    pub const fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; `/` or `.` are accepted instead of `-` because
    /// spreadsheets rewrite dates that way. Month and day are checked against the calendar.
    /// Surrounding whitespace is ignored.
    ///
    /// Returns `None` unless the year has exactly four digits and the month and day one or two,
    /// or when the month is not 1–12, the day is not in that month, or there are more than
    /// three parts.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
        let num = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
            if len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = num(parts.first()?, 4..=4)? as i32;
        let month = match parts.get(1) {
            Some(m) => Some(
                u8::try_from(num(m, 1..=2)?)
                    .ok()
                    .filter(|m| (1..=12).contains(m))?,
            ),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d = u8::try_from(num(d, 1..=2)?).ok()?;
                let max = days_in_month(year, month?);
                Some(Some(d).filter(|d| (1..=max).contains(d))?)
            }
            None => None,
        };
        if parts.len() > 3 {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// True when the date is certainly later than `today` at its own precision.
    pub fn is_after(&self, today: &PartialDate) -> bool {
        let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0));
        let mine = key(self);
        let theirs = (
            today.year,
            if self.month.is_some() {
                today.month.unwrap_or(12)
            } else {
                0
            },
            if self.day.is_some() {
                today.day.unwrap_or(31)
            } else {
                0
            },
        );
        mine > theirs
    }

    /// The date from days since 1970-01-01 (the civil calendar, proleptic Gregorian).
    pub fn from_unix_days(days: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self::ymd(year, month, day)
    }

    /// Decade start, e.g. 1986 → 1980.
    pub fn decade(&self) -> i32 {
        self.year.div_euclid(10) * 10
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_precisions_parse_and_print_back() {
        for text in ["1979", "1979-10", "1979-10-03"] {
            assert_eq!(PartialDate::parse(text).expect(text).to_string(), text);
        }
    }

    #[test]
    fn spreadsheet_separators_are_accepted() {
        assert_eq!(
            PartialDate::parse("1979/10/3"),
            Some(PartialDate::ymd(1979, 10, 3))
        );
        assert_eq!(PartialDate::parse("2001.09"), PartialDate::parse("2001-09"));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "79",
            "1979-13",
            "1979-02-30",
            "2023-02-29",
            "1979-10-03-01",
            "Oct-79",
            "",
            "197a",
        ] {
            assert_eq!(PartialDate::parse(text), None, "{text}");
        }
        assert!(PartialDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn future_is_judged_at_the_date_s_own_precision() {
        let today = PartialDate::ymd(2026, 11, 21);
        assert!(!PartialDate::parse("2026").expect("y").is_after(&today));
        assert!(!PartialDate::parse("2026-11").expect("ym").is_after(&today));
        assert!(PartialDate::parse("2026-12").expect("ym").is_after(&today));
        assert!(PartialDate::parse("2026-11-22")
            .expect("ymd")
            .is_after(&today));
        assert!(PartialDate::parse("2027").expect("y").is_after(&today));
    }

    #[test]
    fn unix_days_convert_to_civil_dates() {
        assert_eq!(PartialDate::from_unix_days(0), PartialDate::ymd(1970, 1, 1));
        assert_eq!(
            PartialDate::from_unix_days(20_413),
            PartialDate::ymd(2025, 11, 21)
        );
        assert_eq!(
            PartialDate::from_unix_days(-1),
            PartialDate::ymd(1969, 12, 31)
        );
    }
}
