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
