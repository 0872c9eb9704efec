//! School years (`năm học`), written `2020-2021`, and the window of dates that belong to one.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::ModelError;

/// A school year `Y-(Y+1)`, with `Y` from 1900 to 2999.
///
/// Its window runs from 1 August `Y` to 31 July `Y+1`, both days included: plans for a year are prepared from
/// August (Hanoi's `2731/KHLT-SGDĐT-CĐN` is dated 27/8/2020) and the year ends before 31 May (Decision
/// 2084/QĐ-BGDĐT), with the summer as slack. Both built-in profiles use this window.
///
/// ```
/// use kehoach::SchoolYear;
/// use chrono::NaiveDate;
/// let y: SchoolYear = "2020-2021".parse().unwrap();
/// assert_eq!(y.start_year(), 2020);
/// assert!(y.contains(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap()));
/// assert!(!y.contains(NaiveDate::from_ymd_opt(2020, 7, 31).unwrap()));
/// assert!("2020-2022".parse::<SchoolYear>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolYear(u16);

impl SchoolYear {
    /// The earliest first year accepted.
    pub const MIN_START: u16 = 1900;
    /// The latest first year accepted.
    pub const MAX_START: u16 = 2999;

    /// The school year that starts in `start_year`; refuses years outside 1900–2999.
    pub fn new(start_year: u16) -> Result<SchoolYear, ModelError> {
        if (Self::MIN_START..=Self::MAX_START).contains(&start_year) {
            Ok(SchoolYear(start_year))
        } else {
            Err(ModelError::SchoolYear { value: start_year.to_string() })
        }
    }

    /// The calendar year in which this school year starts.
    pub fn start_year(self) -> u16 {
        self.0
    }

    /// The first day of the window: 1 August of the start year.
    pub fn first_day(self) -> NaiveDate {
        ymd(i32::from(self.0), 8, 1)
    }

    /// The last day of the window: 31 July of the following year.
    pub fn last_day(self) -> NaiveDate {
        ymd(i32::from(self.0) + 1, 7, 31)
    }

    /// Whether `date` falls within the window (both ends included).
    pub fn contains(self, date: NaiveDate) -> bool {
        let (y, m) = (date.year(), date.month());
        let start = i32::from(self.0);
        (y == start && m >= 8) || (y == start + 1 && m <= 7)
    }
}

/// A date that exists for every year and month this module asks for (1 August, 31 July, years 1900–3000).
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl FromStr for SchoolYear {
    type Err = ModelError;

    /// Parses exactly `YYYY-YYYY` in ASCII digits, the second year the first plus one.
    fn from_str(s: &str) -> Result<SchoolYear, ModelError> {
        let bad = || ModelError::SchoolYear { value: s.to_owned() };
        let (first, second) = s.split_once('-').ok_or_else(bad)?;
        let digits = |x: &str| x.len() == 4 && x.bytes().all(|b| b.is_ascii_digit());
        if !digits(first) || !digits(second) {
            return Err(bad());
        }
        let first: u16 = first.parse().map_err(|_| bad())?;
        let second: u16 = second.parse().map_err(|_| bad())?;
        if second != first + 1 {
            return Err(bad());
        }
        SchoolYear::new(first).map_err(|_| bad())
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.0 + 1)
    }
}

impl fmt::Debug for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SchoolYear({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let y: SchoolYear = "2020-2021".parse().unwrap();
        assert_eq!(y.to_string(), "2020-2021");
        assert_eq!(y.first_day(), NaiveDate::from_ymd_opt(2020, 8, 1).unwrap());
        assert_eq!(y.last_day(), NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
    }

    #[test]
    fn refuses_malformed() {
        for s in [
            "2020-2022",
            "2020/2021",
            "20202021",
            "1899-1900",
            "3000-3001",
            "２020-2021",
            "2020-202１",
            "+202-2021",
            "",
        ] {
            assert!(s.parse::<SchoolYear>().is_err(), "{s}");
        }
        assert!("1900-1901".parse::<SchoolYear>().is_ok());
        assert!("2999-3000".parse::<SchoolYear>().is_ok());
    }

    #[test]
    fn window_edges() {
        let y = SchoolYear::new(2020).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(y.contains(d(2020, 8, 1)));
        assert!(!y.contains(d(2020, 7, 31)));
        assert!(y.contains(d(2021, 7, 31)));
        assert!(!y.contains(d(2021, 8, 1)));
    }
}
