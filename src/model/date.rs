//! Calendar dates as the registry format writes them: exactly `YYYY-MM-DD` in ASCII digits, years 0001–9999.
//!
//! One statement of the form, read by the loader, written by `format::save`, and used by the bindings,
//! which carry dates across as this text (Swift keeps it as text: a plan's date is a calendar day, not an
//! instant that a time zone could move).

use chrono::{Datelike, NaiveDate};

/// Why text is not a date of the registry format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not ten characters of the form `YYYY-MM-DD` in ASCII digits.
    #[error("write four-digit year, two-digit month and day")]
    Form,
    /// The year 0000.
    #[error("the years run from 0001 to 9999")]
    YearZero,
    /// A month or day that does not exist (`2020-09-31`).
    #[error("there is no such day")]
    NoSuchDay,
}

/// Reads a date written exactly `YYYY-MM-DD`.
///
/// ```
/// use kehoach::model::date::{DateError, parse_iso_date, write_iso_date};
/// let day = parse_iso_date("2020-09-04").unwrap();
/// assert_eq!(write_iso_date(day), "2020-09-04");
/// assert_eq!(parse_iso_date("2020-09-31"), Err(DateError::NoSuchDay));
/// assert_eq!(parse_iso_date("2020-9-4"), Err(DateError::Form));
/// ```
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(DateError::Form);
    }
    let number = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
        let digits = b.get(r).filter(|x| x.iter().all(u8::is_ascii_digit)).ok_or(DateError::Form)?;
        Ok(digits.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if y == 0 {
        return Err(DateError::YearZero);
    }
    let year = i32::try_from(y).map_err(|_| DateError::Form)?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::NoSuchDay)
}

/// Writes `date` as `YYYY-MM-DD`. The registry holds only the years 0001–9999 (edits refuse others), which
/// this writes in four digits.
pub fn write_iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}
