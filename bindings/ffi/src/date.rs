//! Calendar dates: [`chrono::NaiveDate`] crossing the boundary as ISO `YYYY-MM-DD` text.
//!
//! `uniffi.toml` turns that text into `java.time.LocalDate` in Kotlin and `datetime.date` in Python. Swift
//! sees a `NaiveDate` typealias of `String` holding `YYYY-MM-DD`: a calendar date is not an instant, and
//! `Foundation.Date` would need a time zone to become one (a plan issued on 2020-09-04 in Hanoi must not turn
//! into 2020-09-03 on a phone set to another zone). The ISO text is exactly what the registry format holds,
//! sorts as text in date order and compares with `==`.
//!
//! Text that is not a date written exactly `YYYY-MM-DD` (only Swift can pass one, and a Kotlin `LocalDate`
//! beyond the year 9999) is refused with [`EditError::Invalid`]: dates only enter through
//! `Registry::add_plan` and `Registry::replace_plan`, which throw that error, so a bad date is a thrown
//! error and never a crash.

use chrono::NaiveDate;
use kehoach::model::date::{parse_iso_date, write_iso_date};

use crate::errors::EditError;

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| write_date(date),
    try_lift: |text| parse_date(&text).map_err(Into::into),
});

/// Writes `date` as `YYYY-MM-DD`: the core's form.
pub fn write_date(date: NaiveDate) -> String {
    write_iso_date(date)
}

/// Reads a date written exactly `YYYY-MM-DD` in ASCII digits, as the registry format writes dates (the core's
/// reading); what is not one is an [`EditError::Invalid`] naming the text and why.
pub fn parse_date(text: &str) -> Result<NaiveDate, EditError> {
    parse_iso_date(text).map_err(|why| EditError::Invalid {
        subject: "plan".to_owned(),
        field: "date".to_owned(),
        detail: format!("\"{text}\" is not a date written YYYY-MM-DD: {why}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let d = NaiveDate::from_ymd_opt(2020, 9, 4).unwrap();
        assert_eq!(write_date(d), "2020-09-04");
        assert_eq!(parse_date("2020-09-04").unwrap(), d);
        let early = NaiveDate::from_ymd_opt(33, 1, 2).unwrap();
        assert_eq!(parse_date(&write_date(early)).unwrap(), early);
    }

    #[test]
    fn refuses_other_forms() {
        for s in [
            "2020-9-4",
            "2020-09-31",
            "2021-02-29",
            "+10000-01-01",
            "0000-01-01",
            "2020/09/04",
            "2020-09-04T00:00",
            "２020-09-04",
            "",
        ] {
            let err = parse_date(s).unwrap_err();
            assert!(
                matches!(&err, EditError::Invalid { field, detail, .. } if field == "date" && detail.contains(s)),
                "{s}: {err:?}"
            );
        }
    }
}
