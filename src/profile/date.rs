//! Birth dates, full or partial as RFC 6350 allows (`--0203` without a year, `1985-02` without
//! a day, `1985` alone), and the one question a minimisation asks of them: is the person at
//! least N years old? For a partial date the answer may be "cannot tell".

use chrono::{Datelike, Months, NaiveDate};

use crate::error::{Error, Refusal, Result};

/// A date of which some parts may be unknown. Always a possible calendar date (Feb 29 is
/// possible when the year is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// The year, if known.
    pub year: Option<i32>,
    /// The month (1–12), if known.
    pub month: Option<u32>,
    /// The day of the month, if known.
    pub day: Option<u32>,
}

/// The answer to "is the person at least N years old?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeCheck {
    /// Certainly at least N years old.
    Yes,
    /// Certainly younger.
    No,
    /// The date does not say (no year, or a year in which the birthday falls on either side).
    CannotTell,
}

impl PartialDate {
    /// Read `YYYY-MM-DD`, `YYYYMMDD`, `DD.MM.YYYY`, `YYYY-MM`, `YYYY`, `--MM-DD`, `--MMDD`,
    /// `--MM` and `---DD`. `None` if it is none of these or not a possible date.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let num = |s: &str| (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse::<u32>().ok())?;
        let (year, month, day) = if let Some(rest) = text.strip_prefix("---") {
            (None, None, Some(two(rest)?))
        } else if let Some(rest) = text.strip_prefix("--") {
            match rest.len() {
                2 => (None, Some(two(rest)?), None),
                4 => (None, Some(two(&rest[..2])?), Some(two(&rest[2..])?)),
                5 if rest.as_bytes()[2] == b'-' => (None, Some(two(&rest[..2])?), Some(two(&rest[3..])?)),
                _ => return None,
            }
        } else if let Some((d, rest)) = text.split_once('.') {
            let (m, y) = rest.split_once('.')?;
            if y.len() != 4 || d.len() > 2 || m.len() > 2 {
                return None;
            }
            (Some(num(y)? as i32), Some(num(m)?), Some(num(d)?))
        } else {
            let parts: Vec<&str> = text.split('-').collect();
            match parts.as_slice() {
                [y] if y.len() == 4 => (Some(num(y)? as i32), None, None),
                [ymd] if ymd.len() == 8 => {
                    (Some(num(&ymd[..4])? as i32), Some(two(&ymd[4..6])?), Some(two(&ymd[6..])?))
                }
                [y, m] if y.len() == 4 => (Some(num(y)? as i32), Some(two(m)?), None),
                [y, m, d] if y.len() == 4 => (Some(num(y)? as i32), Some(two(m)?), Some(two(d)?)),
                _ => return None,
            }
        };
        let date = PartialDate { year, month, day };
        date.is_possible().then_some(date)
    }

    fn is_possible(&self) -> bool {
        if self.month.is_some_and(|m| !(1..=12).contains(&m)) {
            return false;
        }
        let Some(day) = self.day else { return true };
        // Without a year, February 29 is possible (a leap year).
        let year = self.year.unwrap_or(2000);
        match self.month {
            Some(month) => NaiveDate::from_ymd_opt(year, month, day).is_some(),
            None => (1..=31).contains(&day),
        }
    }

    /// A full date, if nothing is missing.
    pub fn full(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// The first and last day the date can be; `None` without a year.
    fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let year = self.year?;
        let (first_month, last_month) = self.month.map_or((1, 12), |m| (m, m));
        let first = NaiveDate::from_ymd_opt(year, first_month, self.day.unwrap_or(1))?;
        let last = match self.day {
            Some(day) => NaiveDate::from_ymd_opt(year, last_month, day)?,
            None => NaiveDate::from_ymd_opt(year, last_month, 1)?.checked_add_months(Months::new(1))?.pred_opt()?,
        };
        Some((first, last))
    }

    /// Whether someone born on this date is at least `years` old on `today`.
    pub fn is_at_least(&self, years: u32, today: NaiveDate) -> AgeCheck {
        let Some((first, last)) = self.range() else { return AgeCheck::CannotTell };
        let birthday = |born: NaiveDate| born.checked_add_months(Months::new(years.saturating_mul(12)));
        match (birthday(first), birthday(last)) {
            (_, Some(latest)) if latest <= today => AgeCheck::Yes,
            (Some(earliest), _) if earliest > today => AgeCheck::No,
            (None, _) => AgeCheck::No,
            _ => AgeCheck::CannotTell,
        }
    }
}

/// Two digits.
fn two(s: &str) -> Option<u32> {
    (s.len() == 2 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
}

impl std::fmt::Display for PartialDate {
    /// `1985-04-12`, `1985-04`, `1985`, `--04-12`, `--04`, `---12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, Some(d)) => write!(f, "---{d:02}"),
            (None, None, None) => Ok(()),
        }
    }
}

/// Whether someone born on `birth_date` (a stored value, full or partial) is at least `years`
/// old on `today`. A value that is not a date cannot tell.
pub fn is_at_least(birth_date: &str, years: u32, today: NaiveDate) -> AgeCheck {
    PartialDate::parse(birth_date).map_or(AgeCheck::CannotTell, |d| d.is_at_least(years, today))
}

/// Check a date (full or partial) and give its stored form: a real date, not in the future,
/// not before 1900.
pub(crate) fn date_value(text: &str, today: NaiveDate) -> Result<String> {
    let text = text.trim();
    let date = PartialDate::parse(text).ok_or_else(|| Error::from(Refusal::NotDate { value: text.into() }))?;
    if let Some(year) = date.year {
        if year < 1900 {
            return Err(Refusal::DateTooOld { value: date.to_string() }.into());
        }
        let starts = date.range().map(|(first, _)| first);
        if starts.is_none_or(|first| first > today) || year > today.year() {
            return Err(Refusal::DateInFuture { value: date.to_string() }.into());
        }
    }
    Ok(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn forms_and_their_stored_form() {
        let cases = [
            ("1985-04-12", "1985-04-12"),
            ("19850412", "1985-04-12"),
            ("12.04.1985", "1985-04-12"),
            ("1985-04", "1985-04"),
            ("1985", "1985"),
            ("--0203", "--02-03"),
            ("--02-03", "--02-03"),
            ("--02", "--02"),
            ("---03", "---03"),
            ("--0229", "--02-29"),
        ];
        for (text, stored) in cases {
            assert_eq!(PartialDate::parse(text).map(|d| d.to_string()).as_deref(), Some(stored), "{text}");
        }
        for bad in ["", "1985-02-30", "--1301", "--0230", "85", "1985-4", "circa 1800", "---32", "2001-02-29"] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn validation() {
        let today = day(2026, 12, 1);
        assert_eq!(date_value("--0203", today).unwrap(), "--02-03");
        assert_eq!(date_value("2026-11", today).unwrap(), "2026-11");
        assert!(date_value("2026-12-02", today).unwrap_err().to_string().contains("future"));
        assert!(date_value("2027", today).unwrap_err().to_string().contains("future"));
        assert!(date_value("1899", today).unwrap_err().to_string().contains("too long ago"));
        assert!(date_value("--1301", today).is_err());
    }

    #[test]
    fn over_eighteen() {
        let today = day(2026, 12, 1);
        assert_eq!(is_at_least("2008-12-01", 18, today), AgeCheck::Yes);
        assert_eq!(is_at_least("2008-12-02", 18, today), AgeCheck::No);
        assert_eq!(is_at_least("--02-03", 18, today), AgeCheck::CannotTell);
        assert_eq!(is_at_least("---03", 18, today), AgeCheck::CannotTell);
        assert_eq!(is_at_least("1985", 18, today), AgeCheck::Yes);
        // Born in 2008: 18 already, or not until later in December.
        assert_eq!(is_at_least("2008", 18, today), AgeCheck::CannotTell);
        assert_eq!(is_at_least("2008-11", 18, today), AgeCheck::Yes);
        assert_eq!(is_at_least("2008-12", 18, today), AgeCheck::CannotTell);
        assert_eq!(is_at_least("2009", 18, today), AgeCheck::No);
        assert_eq!(is_at_least("not a date", 18, today), AgeCheck::CannotTell);
    }
}
