//! What a registry may hold: one set of limits for the loader and for every edit, so that whatever an edit
//! accepts, `save` writes and `load` reads back, and whatever `load` refuses, an edit refuses too.

/// Limits on what a registry may hold, so that hostile or broken input costs bounded time and memory and
/// is refused with an error that says which limit and where, instead of exhausting the device.
///
/// The loader (`format::load_with`) and the edits ([`crate::Registry::add_plan`] and the others) obey
/// the same limits: a registry keeps the limits it was loaded with (or built with,
/// [`crate::Registry::with_limits`]), and an edit that would make it hold what a load under those limits would
/// refuse is itself refused. Strings are measured as the registry keeps them, in NFC. The one limit an edit
/// cannot see is [`Limits::max_bytes`], the size of the whole document, which depends on how it is written.
///
/// The defaults are far above any real registry (ten national school years are about 900 MB, half a million
/// plans and a million units; a plan lists a handful of issuers, parents, areas and approvals) and far below
/// what would hurt a phone. Change them for unusual data:
///
/// ```
/// use kehoach::{Limits, format};
/// let strict = Limits { max_plans: 1, ..Limits::default() };
/// let json = r#"{"format": "kehoach/registry@1", "units": [], "plans": [
///   {"id": "a", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []},
///   {"id": "b", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []}]}"#;
/// let err = format::load_with(json.as_bytes(), &strict).unwrap_err();
/// assert_eq!(err.path(), Some("plans"));
/// assert!(format::load(json.as_bytes()).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// The largest document, in bytes (default 2 GiB).
    pub max_bytes: usize,
    /// The longest string (an id, name, title, number, code or reference), in bytes of UTF-8 (default 4 KiB).
    pub max_string_bytes: usize,
    /// The most units in one document (default 10,000,000).
    pub max_units: usize,
    /// The most plans in one document (default 10,000,000).
    pub max_plans: usize,
    /// The most items in one list of a unit or plan: issuers, implements, content areas, addresses, approvals,
    /// reviews, or rule overrides (default 10,000).
    pub max_list_items: usize,
    /// The deepest nesting of arrays and objects (default 64; a registry nests 5 deep). JSON nested deeper
    /// than 128 levels is refused by the parser whatever this says.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 2 << 30,
            max_string_bytes: 4 << 10,
            max_units: 10_000_000,
            max_plans: 10_000_000,
            max_list_items: 10_000,
            max_depth: 64,
        }
    }
}
