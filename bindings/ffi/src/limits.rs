//! The core's [`kehoach::Limits`] as a record with the same defaults, for loading unusual data and for reading
//! the limits a registry's edits obey.

/// What a registry may hold. The loader refuses a document beyond these, and every edit refuses to make the
/// registry hold what a load under them would refuse, so a registry saved with `toJson()` always loads again
/// with the limits it has (`Registry.limits()`).
///
/// Kotlin: `Limits(maxPlans = 1_000L)`; Swift: `Limits(maxPlans: 1_000)`; Python: `Limits(max_plans=1_000)`. The
/// defaults are the core's: far above any real registry, far below what would hurt a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Limits {
    /// The largest document, in bytes (default 2 GiB).
    #[uniffi(default = 2147483648)]
    pub max_bytes: i64,
    /// The longest string (an id, name, title, number, code or reference), in bytes of UTF-8 in NFC
    /// (default 4,096).
    #[uniffi(default = 4096)]
    pub max_string_bytes: i64,
    /// The most units (default 10,000,000).
    #[uniffi(default = 10000000)]
    pub max_units: i64,
    /// The most plans (default 10,000,000).
    #[uniffi(default = 10000000)]
    pub max_plans: i64,
    /// The most items in one list of a unit or plan (default 10,000).
    #[uniffi(default = 10000)]
    pub max_list_items: i64,
    /// The deepest nesting of arrays and objects (default 64).
    #[uniffi(default = 64)]
    pub max_depth: i64,
}

impl From<&kehoach::Limits> for Limits {
    fn from(l: &kehoach::Limits) -> Limits {
        let wide = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Limits {
            max_bytes: wide(l.max_bytes),
            max_string_bytes: wide(l.max_string_bytes),
            max_units: wide(l.max_units),
            max_plans: wide(l.max_plans),
            max_list_items: wide(l.max_list_items),
            max_depth: wide(l.max_depth),
        }
    }
}

impl TryFrom<Limits> for kehoach::Limits {
    type Error = crate::LoadError;
    /// The core's limits; a negative one is refused, naming it.
    fn try_from(l: Limits) -> Result<kehoach::Limits, crate::LoadError> {
        let size = |name: &str, value: i64| {
            usize::try_from(value).map_err(|_| crate::LoadError::Limit { name: name.to_owned(), value })
        };
        Ok(kehoach::Limits {
            max_bytes: size("max_bytes", l.max_bytes)?,
            max_string_bytes: size("max_string_bytes", l.max_string_bytes)?,
            max_units: size("max_units", l.max_units)?,
            max_plans: size("max_plans", l.max_plans)?,
            max_list_items: size("max_list_items", l.max_list_items)?,
            max_depth: size("max_depth", l.max_depth)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_cores() {
        // The record's defaults are written out for the bindings; they must be the core's.
        let core = kehoach::Limits::default();
        let record = Limits::from(&core);
        assert_eq!(kehoach::Limits::try_from(record), Ok(core));
        assert_eq!(record.max_string_bytes, 4096);
        assert_eq!(record.max_bytes, 2 << 30);
        assert_eq!(record.max_units, 10_000_000);
        assert_eq!(record.max_plans, 10_000_000);
        assert_eq!(record.max_list_items, 10_000);
        assert_eq!(record.max_depth, 64);
    }

    #[test]
    fn a_negative_limit_is_refused_by_name() {
        let record = Limits { max_units: -1, ..Limits::from(&kehoach::Limits::default()) };
        assert_eq!(
            kehoach::Limits::try_from(record),
            Err(crate::LoadError::Limit { name: "max_units".into(), value: -1 })
        );
    }
}
