//! One error enum per concern. Every variant carries readable fields, and its `Display` (the library's
//! sentence) is exported: Swift's `description`, Kotlin's `message` and Python's `str()` say it (Kotlin's and
//! Python's through the project's uniffi-bindgen, see `bindings/uniffi-bindgen/src/main.rs`). `Eq` and `Hash`
//! are exported too, so two Kotlin exceptions of one class with equal fields are `==` with one `hashCode`. No
//! field is called `message`, which would clash with `Throwable.message` in Kotlin.

/// Why a document could not be loaded as a registry (`kehoach/registry@1`).
///
/// Kotlin: `LoadException`; Swift: `LoadError`; Python: `LoadError`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display, Eq, Hash)]
pub enum LoadError {
    /// The bytes are not JSON: a syntax error, invalid UTF-8, a lone surrogate escape, trailing data.
    #[error("line {line}, column {column}: invalid JSON: {detail}")]
    Syntax {
        /// The line of the error, from 1.
        line: i32,
        /// The column of the error, from 1.
        column: i32,
        /// What the JSON parser found.
        detail: String,
    },
    /// The document is not an object, has no `format`, or a `format` other than `kehoach/registry@1`.
    #[error("format: {detail}")]
    Format {
        /// The value of `format`, when there is one.
        found: Option<String>,
        /// What is wrong.
        detail: String,
    },
    /// A limit given to the loader is negative.
    #[error("the limit {name} is {value}; a limit is 0 or more")]
    Limit {
        /// The limit's name, as `Limits` spells it (`max_units`).
        name: String,
        /// The value given.
        value: i64,
    },
    /// The document is JSON with the right `format` but cannot be a registry.
    #[error("{path}: {detail}")]
    Invalid {
        /// The JSON path of the offending value (`plans[3].issued_on`), or of a missing field.
        path: String,
        /// What is wrong, quoting the offending value.
        detail: String,
        /// The line where the parser stood, when known.
        line: Option<i32>,
        /// The column where the parser stood, when known.
        column: Option<i32>,
    },
}

/// Why an edit was refused. The registry is unchanged.
///
/// Kotlin: `EditException`; Swift and Python: `EditError`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display, Eq, Hash)]
pub enum EditError {
    /// A unit with this id already exists.
    #[error("unit \"{id}\" already exists; replace it or remove it first")]
    DuplicateUnit {
        /// The id.
        id: String,
    },
    /// A plan with this id already exists.
    #[error("plan \"{id}\" already exists; replace it or remove it first")]
    DuplicatePlan {
        /// The id.
        id: String,
    },
    /// No unit has this id.
    #[error("there is no unit \"{id}\"")]
    UnknownUnit {
        /// The id.
        id: String,
    },
    /// No plan has this id.
    #[error("there is no plan \"{id}\"")]
    UnknownPlan {
        /// The id.
        id: String,
    },
    /// A field holds a value that no unit or plan may hold (an empty id, a school year `2020-2022`, a count
    /// below 0 or above 1,000,000, two content areas with one code, a counterpart on a union unit, a date
    /// outside the years 0001–9999), or one beyond the registry's `Limits` (a string longer than
    /// `max_string_bytes`, a list longer than `max_list_items`) that a load would refuse.
    #[error("{subject}, field {field}: {detail}")]
    Invalid {
        /// `unit "x"` or `plan "x"` (`plan` alone for a date that could not be read).
        subject: String,
        /// The field, as the registry format names it (`approvals[1].staff_total`).
        field: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The registry holds as many units as its limits allow (`Limits.max_units`).
    #[error("the registry holds {limit} units, its limit (Limits::max_units); remove one first")]
    TooManyUnits {
        /// The limit.
        limit: i64,
    },
    /// The registry holds as many plans as its limits allow (`Limits.max_plans`).
    #[error("the registry holds {limit} plans, its limit (Limits::max_plans); remove one first")]
    TooManyPlans {
        /// The limit.
        limit: i64,
    },
    /// A refusal this version of the bindings does not know by name.
    #[error("{detail}")]
    Other {
        /// What the core said.
        detail: String,
    },
}

/// A look-up that named a unit or plan that is not in the registry, or a value it cannot read.
///
/// Kotlin: `QueryException`; Swift and Python: `QueryError`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display, Eq, Hash)]
pub enum QueryError {
    /// No plan has this id.
    #[error("there is no plan \"{id}\"")]
    UnknownPlan {
        /// The id asked for.
        id: String,
    },
    /// No unit has this id.
    #[error("there is no unit \"{id}\"")]
    UnknownUnit {
        /// The id asked for.
        id: String,
    },
    /// The unit exists but is on the union side, so it manages no school.
    #[error("unit \"{id}\" is on the union side; only an administration unit manages schools")]
    NotAdministration {
        /// The id asked for.
        id: String,
    },
    /// The school year is not written `YYYY-YYYY` with consecutive years from 1900 to 2999.
    #[error("\"{value}\" is not a school year: write YYYY-YYYY, consecutive years")]
    SchoolYear {
        /// The value given.
        value: String,
    },
    /// A failure this version of the bindings does not know by name.
    #[error("{detail}")]
    Other {
        /// What the core said.
        detail: String,
    },
}

/// A value that can never be valid, given outside an edit (a rule code that does not exist, an empty
/// document number, a malformed school year).
///
/// Kotlin: `InvalidValueException`; Swift and Python: `InvalidValueError`. (Not `ValueError`: in the
/// generated Python module that name would shadow the built-in the generated code raises.)
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display, Eq, Hash)]
pub enum InvalidValueError {
    /// No rule has this code.
    #[error("there is no rule \"{code}\"")]
    UnknownRule {
        /// The code given.
        code: String,
    },
    /// The value is empty.
    #[error("{field} is empty")]
    Empty {
        /// What was empty.
        field: String,
    },
    /// The school year is not written `YYYY-YYYY` with consecutive years from 1900 to 2999.
    #[error("\"{value}\" is not a school year: write YYYY-YYYY, consecutive years, the first from 1900 to 2999")]
    SchoolYear {
        /// The value given.
        value: String,
    },
}

impl From<kehoach::format::LoadError> for LoadError {
    fn from(e: kehoach::format::LoadError) -> LoadError {
        use kehoach::format::LoadError as Core;
        match e {
            Core::Syntax { line, column, detail } => {
                LoadError::Syntax { line: crate::int(line), column: crate::int(column), detail }
            }
            Core::Format { found, detail } => LoadError::Format { found, detail },
            Core::Invalid { path, detail, line, column } => {
                LoadError::Invalid { path, detail, line: line.map(crate::int), column: column.map(crate::int) }
            }
            other => LoadError::Invalid {
                path: other.path().unwrap_or_default().to_owned(),
                detail: other.to_string(),
                line: other.line().map(crate::int),
                column: other.column().map(crate::int),
            },
        }
    }
}

impl From<kehoach::EditError> for EditError {
    fn from(e: kehoach::EditError) -> EditError {
        use kehoach::EditError as Core;
        match e {
            Core::DuplicateUnit { id } => EditError::DuplicateUnit { id },
            Core::DuplicatePlan { id } => EditError::DuplicatePlan { id },
            Core::UnknownUnit { id } => EditError::UnknownUnit { id },
            Core::UnknownPlan { id } => EditError::UnknownPlan { id },
            Core::Invalid { subject, field, problem } => {
                EditError::Invalid { subject, field, detail: problem.to_string() }
            }
            Core::TooManyUnits { limit } => EditError::TooManyUnits { limit: i64::try_from(limit).unwrap_or(i64::MAX) },
            Core::TooManyPlans { limit } => EditError::TooManyPlans { limit: i64::try_from(limit).unwrap_or(i64::MAX) },
            other => EditError::Other { detail: other.to_string() },
        }
    }
}

impl From<kehoach::QueryError> for QueryError {
    fn from(e: kehoach::QueryError) -> QueryError {
        use kehoach::QueryError as Core;
        match e {
            Core::UnknownPlan { id } => QueryError::UnknownPlan { id },
            Core::UnknownUnit { id } => QueryError::UnknownUnit { id },
            Core::NotAdministration { id } => QueryError::NotAdministration { id },
            other => QueryError::Other { detail: other.to_string() },
        }
    }
}
