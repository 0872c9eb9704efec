//! The domain model: units, plans, school years, document numbers, counts, profiles and severities.
//!
//! Every constructor here refuses what can never be valid (an empty id, a school year `2020-2022`, a count of
//! two million, two content areas with one code), so that the registry and the rules never check again. What
//! is wrong only in relation to other data (a parent plan that does not exist, a number used twice) is not a
//! construction error: it is data the rules report.

mod count;
pub mod date;
mod document_number;
mod limits;
mod plan;
mod profile;
mod school_year;
mod text;
mod unit;

pub use count::Count;
pub use document_number::{DocumentNumber, NumberDefect};
pub use limits::Limits;
pub use plan::{Approval, ContentArea, ContentAreas, Plan, PlanStatus, Review, ReviewKind, StaffConference};
pub use profile::{Level, Profile, Severity};
pub use school_year::SchoolYear;
pub(crate) use text::nfc;
pub use text::{AreaCode, PlanId, Text, UnitId};
pub use unit::{AdministrationKind, Role, SchoolLevel, Side, UnionKind, Unit, UnitKind};

/// A value that no unit or plan may hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// An id, name, title, number, code or reference is the empty string.
    #[error("the value is empty; ids, names, titles, numbers and codes must not be")]
    Empty,
    /// A school year that is not `YYYY-YYYY` with consecutive years from 1900 to 2999.
    #[error("\"{value}\" is not a school year: write YYYY-YYYY, consecutive years, the first from 1900 to 2999")]
    SchoolYear {
        /// The value given.
        value: String,
    },
    /// A count above 1,000,000.
    #[error("{value} is more than 1,000,000")]
    CountTooLarge {
        /// The value given.
        value: u64,
    },
    /// Two content areas of one plan share a code.
    #[error("content area code \"{code}\" is used twice in one plan (content_areas[{index}])")]
    DuplicateAreaCode {
        /// The code.
        code: String,
        /// The position of the second area with that code.
        index: usize,
    },
    /// A union unit was given a counterpart (only administration units have one).
    #[error("unit \"{unit}\" is on the union side and cannot have a counterpart")]
    CounterpartOnUnion {
        /// The unit id.
        unit: String,
    },
    /// A negative count (a form's `-1`): counts of people are whole numbers from 0 to 1,000,000.
    #[error("{value} is negative; a count is a whole number from 0 to 1,000,000")]
    NegativeCount {
        /// The value given.
        value: i64,
    },
    /// A string longer, in bytes of UTF-8 in NFC, than the registry's [`Limits::max_string_bytes`].
    #[error("the value is {bytes} bytes long; the limit is {limit} bytes (Limits::max_string_bytes)")]
    TooLong {
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A list with more items than the registry's [`Limits::max_list_items`].
    #[error("the list has {items} items; the limit is {limit} (Limits::max_list_items)")]
    TooManyItems {
        /// How many it has.
        items: usize,
        /// The limit.
        limit: usize,
    },
    /// A date outside the years 0001–9999 that the format can write.
    #[error("{date} is outside the years 0001-9999")]
    DateOutOfRange {
        /// The date.
        date: chrono::NaiveDate,
    },
}
