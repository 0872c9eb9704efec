//! Deserializers for single field values: non-empty strings (borrowed when the JSON has no escapes), dates
//! written exactly `YYYY-MM-DD`, school years, counts from 0 to 1,000,000 as plain integer tokens, and the
//! enumerations. Each refuses `null` and names the offending value as written or as parsed.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::NaiveDate;
use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::model::{Count, Level, PlanStatus, Profile, ReviewKind, SchoolLevel, SchoolYear, UnitKind};

/// A non-empty string, borrowed from the input when it holds no escape.
pub(super) struct Str<'a>(pub(super) Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-empty string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        let s = d.deserialize_str(V)?;
        if s.is_empty() {
            return Err(de::Error::custom("the value is the empty string; it must not be empty"));
        }
        Ok(Str(s))
    }
}

/// Reads a [`Str`] of at most `.0` bytes; a longer one is refused where it stands, so that the error's path
/// ends in its field.
#[derive(Clone, Copy)]
pub(super) struct StrSeed(pub(super) usize);

impl<'de> serde::de::DeserializeSeed<'de> for StrSeed {
    type Value = Str<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Str<'de>, D::Error> {
        let s = Str::deserialize(d)?;
        // The registry keeps strings in NFC, and that is what `save` writes back: the limit is on that form,
        // so that a saved registry always loads again. NFC makes UTF-8 at most three times longer (UAX #15,
        // section 9), so only a string longer than a third of the limit can grow past it.
        // One comparison for nearly every string; the rest only for long ones.
        if s.0.len() <= self.0 / 3 {
            return Ok(s);
        }
        let kept = crate::model::nfc(&s.0).len();
        if s.0.len() > self.0 || kept > self.0 {
            let nfc = if kept == s.0.len() { String::new() } else { format!(" ({kept} in NFC)") };
            return Err(de::Error::custom(format!(
                "the string \"{}\" is {} bytes long{nfc}; the limit is {} bytes (Limits::max_string_bytes)",
                preview(&s.0),
                s.0.len(),
                self.0
            )));
        }
        Ok(s)
    }
}

/// The start of a long value, for an error message that must not repeat a megabyte of input.
pub(super) fn preview(s: &str) -> Cow<'_, str> {
    const SHOWN: usize = 80;
    match s.char_indices().nth(SHOWN) {
        Some((end, _)) => Cow::Owned(format!("{}…", s.get(..end).unwrap_or(s))),
        None => Cow::Borrowed(s),
    }
}

/// A date written exactly `YYYY-MM-DD` in ASCII digits, years 0001–9999, that exists.
pub(super) struct Date(pub(super) NaiveDate);

/// Parses exactly `YYYY-MM-DD`; `None` for any other form or a day that does not exist
/// ([`crate::model::date::parse_iso_date`] says which).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::model::date::parse_iso_date(s).ok()
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
                parse_date(v).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a date: write YYYY-MM-DD (ASCII digits, years 0001-9999) for a day that exists"
                    ))
                })
            }
        }
        d.deserialize_str(V).map(Date)
    }
}

/// A school year `YYYY-YYYY`.
pub(super) struct Year(pub(super) SchoolYear);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SchoolYear;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a school year written YYYY-YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SchoolYear, E> {
                v.parse::<SchoolYear>().map_err(|_| {
                    E::custom(format!(
                        "\"{v}\" is not a school year: write YYYY-YYYY, consecutive years, the first from 1900 to 2999"
                    ))
                })
            }
        }
        d.deserialize_str(V).map(Year)
    }
}

/// A count: a plain JSON integer token from 0 to 1,000,000.
pub(super) struct JsonCount(pub(super) Count);

impl<'de> Deserialize<'de> for JsonCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<JsonCount, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number from 0 to 1,000,000")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                Count::new(v).map_err(|_| E::custom(format!("{v} is more than 1,000,000")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                match u64::try_from(v) {
                    Ok(u) => self.visit_u64(u),
                    Err(_) => Err(E::custom(format!("{v} is negative; counts are whole numbers from 0 to 1,000,000"))),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                Err(E::custom(format!(
                    "{v:?} is not a plain integer; counts are whole numbers from 0 to 1,000,000 written without \
                     fraction, exponent or sign"
                )))
            }
        }
        d.deserialize_any(V).map(JsonCount)
    }
}

/// A value of one of the format's enumerations, named by its code.
pub(super) trait Code: Sized + 'static {
    const EXPECTED: &'static [&'static str];
    fn from_code(s: &str) -> Option<Self>;
}

/// A value of enumeration `T`.
pub(super) struct Enum<T>(pub(super) T);

impl<'de, T: Code> Deserialize<'de> for Enum<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Enum<T>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<T: Code> Visitor<'_> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "one of {}", T::EXPECTED.join(", "))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
                T::from_code(v).ok_or_else(|| E::custom(format!("\"{v}\" is not one of {}", T::EXPECTED.join(", "))))
            }
        }
        d.deserialize_str(V(PhantomData)).map(Enum)
    }
}

macro_rules! code {
    ($t:ty, [$($c:literal),* $(,)?]) => {
        impl Code for $t {
            const EXPECTED: &'static [&'static str] = &[$($c),*];
            fn from_code(s: &str) -> Option<Self> {
                <$t>::from_code(s)
            }
        }
    };
}

code!(
    UnitKind,
    [
        "education_department",
        "education_office",
        "commune_committee",
        "school",
        "sector_union",
        "labour_federation",
        "grassroots_union"
    ]
);
code!(SchoolLevel, ["kindergarten", "primary", "lower_secondary", "upper_secondary", "multi_level"]);
code!(PlanStatus, ["draft", "issued", "withdrawn"]);
code!(Profile, ["three-tier-2020", "two-tier-2025"]);
code!(Level, ["error", "warning", "info", "off"]);
code!(ReviewKind, ["mid_year", "year_end"]);

/// The kind of an approval.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ApprovalKind {
    StaffConference,
    Signing,
}

impl ApprovalKind {
    fn from_code(s: &str) -> Option<ApprovalKind> {
        match s {
            "staff_conference" => Some(ApprovalKind::StaffConference),
            "signing" => Some(ApprovalKind::Signing),
            _ => None,
        }
    }
}

code!(ApprovalKind, ["staff_conference", "signing"]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2020-09-04"), NaiveDate::from_ymd_opt(2020, 9, 4));
        assert_eq!(parse_date("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
        assert_eq!(parse_date("9999-12-31"), NaiveDate::from_ymd_opt(9999, 12, 31));
        for bad in [
            "2020-09-31",
            "2021-02-29",
            "0000-01-01",
            "2020-9-04",
            "2020-09-04T00:00",
            "20200904",
            "２020-09-04",
            "2020/09/04",
            "+020-09-04",
            " 2020-09-04",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2020-02-29").is_some());
    }
}
