//! Counts of people (staff, attendees, votes): whole numbers from 0 to 1,000,000.

use std::fmt;

use super::ModelError;

/// A count of people, 0 to [`Count::MAX`]. The cap keeps every sum and product the rules compute far inside
/// 64 bits and refuses the typing accidents (`480000000`) that would otherwise pass as data.
///
/// ```
/// use kehoach::Count;
/// assert_eq!(Count::new(48).unwrap().get(), 48);
/// assert!(Count::new(1_000_001).is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Count(u32);

impl Count {
    /// The largest count accepted.
    pub const MAX: u32 = 1_000_000;

    /// A count; refuses values above [`Count::MAX`].
    pub fn new(value: u64) -> Result<Count, ModelError> {
        match u32::try_from(value) {
            Ok(v) if v <= Self::MAX => Ok(Count(v)),
            _ => Err(ModelError::CountTooLarge { value }),
        }
    }

    /// A count from a signed number, as Kotlin, Swift and forms give them; refuses negative values and values
    /// above [`Count::MAX`].
    ///
    /// ```
    /// use kehoach::{Count, ModelError};
    /// assert_eq!(Count::from_signed(60).unwrap().get(), 60);
    /// assert_eq!(Count::from_signed(-1), Err(ModelError::NegativeCount { value: -1 }));
    /// ```
    pub fn from_signed(value: i64) -> Result<Count, ModelError> {
        match u64::try_from(value) {
            Ok(v) => Count::new(v),
            Err(_) => Err(ModelError::NegativeCount { value }),
        }
    }

    /// The value.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The value widened to 64 bits, for arithmetic that must not overflow.
    pub fn wide(self) -> u64 {
        u64::from(self.0)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

// Every count fits an `i32`, the ordinary integer of Kotlin and Java (and Swift's `Int32`).
const _: () = assert!(Count::MAX <= i32::MAX as u32);

impl From<Count> for i32 {
    /// The value; lossless, since [`Count::MAX`] is far below `i32::MAX`.
    fn from(c: Count) -> i32 {
        c.0 as i32
    }
}

impl fmt::Debug for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl TryFrom<u64> for Count {
    type Error = ModelError;
    fn try_from(v: u64) -> Result<Count, ModelError> {
        Count::new(v)
    }
}
