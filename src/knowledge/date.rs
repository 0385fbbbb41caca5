//! Calendar dates as the knowledge base writes them: a day (`2026-04-07`)
//! or, for plans, only a month (`2027-04`).

use std::fmt;

/// A date; `day` is `None` when only the month is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: Option<u8>,
}

/// A day, comparable: (year, month, day).
pub type Day = (i32, u8, u8);

impl Date {
    /// Parse `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year: i32 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
        let month: u8 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let day = match parts.next() {
            Some(p) if p.len() == 2 => Some(p.parse::<u8>().ok()?),
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        if day.is_some_and(|d| d == 0 || d > days_in_month(year, month)) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// A day (`YYYY-MM-DD` only).
    pub fn parse_day(s: &str) -> Option<Date> {
        Date::parse(s).filter(|d| d.day.is_some())
    }

    /// The first day the date can mean.
    pub fn first(self) -> Day {
        (self.year, self.month, self.day.unwrap_or(1))
    }

    /// The last day the date can mean.
    pub fn last(self) -> Day {
        (self.year, self.month, self.day.unwrap_or_else(|| days_in_month(self.year, self.month)))
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day: Some(day) }
    }

    /// Days from 1970-01-01 to the first day of the date (Howard
    /// Hinnant's days_from_civil).
    pub fn days(self) -> i64 {
        let (y, m, d) = self.first();
        let y = i64::from(y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
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

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{d:02}", self.year, self.month),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_from_days_agree() {
        for n in [-800_000, -1, 0, 1, 59, 60, 365, 10_957, 20_424, 20_788, 400_000] {
            assert_eq!(Date::from_days(n).days(), n, "{n}");
        }
        assert_eq!(Date::parse("2026-12-02").unwrap().days() - Date::parse("2026-08-22").unwrap().days(), 102);
    }

    #[test]
    fn parses_days_and_months_and_rejects_the_rest() {
        assert_eq!(Date::parse("2026-04-07"), Some(Date { year: 2026, month: 4, day: Some(7) }));
        assert_eq!(Date::parse("2027-04").map(|d| (d.first(), d.last())), Some(((2027, 4, 1), (2027, 4, 30))));
        for bad in ["2026-13-01", "2026-02-30", "26-04-07", "2026-4-7", "2026-04-07-1", "April 2027", ""] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2024-02-29").unwrap().last(), (2024, 2, 29));
        assert!(Date::parse_day("2027-04").is_none());
    }

    #[test]
    fn days_since_the_epoch_become_dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_778).to_string(), "2026-11-21");
        assert_eq!(Date::from_days(19_782).to_string(), "2024-02-29");
        assert!(Date::today().year >= 2026);
    }
}
