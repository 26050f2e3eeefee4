//! When an answer is due by law.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A period the law gives the company to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months (GDPR Art. 12(3): one month, extendable by two). A month from the 31st
    /// ends on the last day of a shorter month (Regulation 1182/71, Art. 3(2)(c)).
    Months(u32),
    /// Calendar days (CCPA: 45, extendable to 90).
    Days(u64),
    /// Business days, Monday to Friday (CCPA opt-out: 15). Public holidays are not counted out.
    BusinessDays(u32),
}

impl Period {
    /// The last day to answer a request sent on `sent`.
    pub fn due(self, sent: NaiveDate) -> NaiveDate {
        match self {
            Period::Months(n) => sent.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX),
            Period::Days(n) => sent.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX),
            Period::BusinessDays(n) => {
                let mut day = sent;
                let mut left = n;
                while left > 0 {
                    day = day.succ_opt().unwrap_or(NaiveDate::MAX);
                    if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                        left -= 1;
                    }
                }
                day
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_month_ends_on_the_same_day_or_the_last_one() {
        assert_eq!(Period::Months(1).due(d("2026-03-15")), d("2026-04-15"));
        assert_eq!(Period::Months(1).due(d("2027-01-31")), d("2027-02-28"));
        assert_eq!(Period::Months(1).due(d("2028-01-31")), d("2028-02-29"), "leap year");
        assert_eq!(Period::Months(1).due(d("2026-12-20")), d("2027-01-20"), "over the year end");
        assert_eq!(Period::Months(3).due(d("2026-11-30")), d("2027-02-28"), "the extension by two months");
    }

    #[test]
    fn days_and_business_days() {
        assert_eq!(Period::Days(45).due(d("2026-12-01")), d("2027-01-15"));
        assert_eq!(Period::Days(90).due(d("2028-01-01")), d("2028-03-31"), "leap year");
        // Friday + 15 business days = three weeks later, a Friday.
        assert_eq!(Period::BusinessDays(15).due(d("2026-12-04")), d("2026-12-25"));
        // Saturday: counting starts on Monday.
        assert_eq!(Period::BusinessDays(1).due(d("2026-12-05")), d("2026-12-07"));
    }
}
