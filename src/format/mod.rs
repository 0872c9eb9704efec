//! The registry format v1 (`kehoach/registry@1`) and the report format v1 (`kehoach/report@1`) as JSON.
//!
//! Reading is strict, because a typo in a field name must never be silently ignored: unknown fields, repeated
//! keys, `null`, empty strings, fractional or negative counts and misplaced fields are all load errors, each
//! naming the JSON path (`plans[3].issued_on`) and the value. Everything that is wrong only in relation to
//! other data (a dangling reference, a broken rule) loads, and the rules report it, all at once.
//!
//! Writing emits fields in the order of `spec/registry-format.md`, omits absent optional fields and empty
//! arrays, and omits `profile` when it is the default (`three-tier-2020`), so `save(load(x))` reproduces a
//! document written by this library byte for byte.
//!
//! ```
//! let json = r#"{ "format": "kehoach/registry@1", "units": [], "plans": [
//!     { "id": "p", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": [], "colour": 1 } ] }"#;
//! let err = kehoach::format::load(json.as_bytes()).unwrap_err();
//! assert_eq!(err.path(), Some("plans[0].colour"));
//! ```

mod fields;
mod load;
pub(crate) mod report;
pub(crate) mod save;
mod split;

pub use load::FORMAT;
pub(crate) use load::{PLAN_FIELDS, UNIT_FIELDS};
pub use report::{REPORT_FORMAT, report_to_json};
pub use save::{save, save_compact};

pub use crate::model::Limits;
use crate::registry::Registry;

/// Why a document could not be loaded. One error is reported: JSON syntax first, then `format`, then the
/// first other error found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The bytes are not JSON: a syntax error, invalid UTF-8, a lone surrogate escape, trailing data.
    #[error("line {line}, column {column}: invalid JSON: {detail}")]
    Syntax {
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error, from 1.
        column: usize,
        /// What the JSON parser found.
        detail: String,
    },
    /// The document is larger than [`Limits::max_bytes`].
    #[error("the document is {bytes} bytes long; the limit is {limit} bytes (Limits::max_bytes)")]
    TooLarge {
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The document is not an object, has no `format`, or a `format` other than `kehoach/registry@1`.
    #[error("format: {detail}")]
    Format {
        /// The value of `format`, when there is one (a string as written, any other value as JSON).
        found: Option<String>,
        /// What is wrong.
        detail: String,
    },
    /// The document is JSON with the right `format` but cannot be a registry.
    #[error("{}{detail}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Invalid {
        /// The JSON path of the offending value (`plans[3].issued_on`), or of a missing field.
        path: String,
        /// What is wrong, quoting the offending value.
        detail: String,
        /// The line where the parser stood, when known.
        line: Option<usize>,
        /// The column where the parser stood, when known.
        column: Option<usize>,
    },
}

impl LoadError {
    /// The JSON path of the error, when it has one (`format` for a format error).
    pub fn path(&self) -> Option<&str> {
        match self {
            LoadError::Syntax { .. } | LoadError::TooLarge { .. } => None,
            LoadError::Format { .. } => Some("format"),
            LoadError::Invalid { path, .. } => Some(path),
        }
    }

    /// The line of the error, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            LoadError::Syntax { line, .. } => Some(*line),
            LoadError::Format { .. } | LoadError::TooLarge { .. } => None,
            LoadError::Invalid { line, .. } => *line,
        }
    }

    /// The column of the error, when known.
    pub fn column(&self) -> Option<usize> {
        match self {
            LoadError::Syntax { column, .. } => Some(*column),
            LoadError::Format { .. } | LoadError::TooLarge { .. } => None,
            LoadError::Invalid { column, .. } => *column,
        }
    }
}

/// Loads a registry from the bytes of a `kehoach/registry@1` document (one leading byte-order mark is
/// ignored), under the default [`Limits`].
pub fn load(bytes: &[u8]) -> Result<Registry, LoadError> {
    load::load(bytes, &Limits::default())
}

/// Loads a registry from a `kehoach/registry@1` document, under the default [`Limits`].
pub fn load_str(json: &str) -> Result<Registry, LoadError> {
    load::load(json.as_bytes(), &Limits::default())
}

/// Loads a registry from the bytes of a `kehoach/registry@1` document under `limits`.
pub fn load_with(bytes: &[u8], limits: &Limits) -> Result<Registry, LoadError> {
    load::load(bytes, limits)
}
