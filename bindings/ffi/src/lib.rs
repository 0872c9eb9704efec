//! UniFFI bindings of [`kehoach`] for Kotlin (Android, JVM), Swift (iOS, macOS) and Python.
//!
//! This crate only translates types: every rule, every check of the registry format and every query is the
//! core's. What crosses the boundary:
//!
//! - [`Registry`]: an object (shared, locked inside, safe to use from several threads) built from JSON or
//!   from a profile, with the core's editing, validation, query and JSON-save operations, and the core's
//!   exports as strings (DOT, Mermaid, the compliance table, the text report; chosen by [`TreeScope`],
//!   [`TableFormat`] and [`Language`]);
//! - records and enums for units ([`OrgUnit`]), plans ([`Plan`]), findings ([`Finding`], [`Report`]),
//!   compliance summaries ([`Compliance`]) and the rule catalogue ([`RuleInfo`]);
//! - change, before and after: [`Registry::what_if`] takes a list of [`Edit`]s and gives their [`Impact`]
//!   without changing anything; [`Registry::diff`] gives the [`Diff`] of two registries;
//! - one error enum per concern: [`LoadError`] (a document that cannot be a registry), [`EditError`] (an
//!   edit that was refused; the registry is unchanged), [`WhatIfError`] (a what-if edit that was refused, by its
//!   place in the list), [`QueryError`] (a look-up that named nothing) and
//!   [`InvalidValueError`] (a value that can never be valid, given outside an edit).
//!
//! Every exported function that can fail returns `Result`, and nothing here panics on any input, so no Rust
//! panic reaches a caller (in Swift, a panic inside a non-throwing call would be an uncatchable crash).
//!
//! `Registry::from_bytes` takes [`DocumentBytes`], which the bindings see as plain bytes (`ByteArray`, `Data`,
//! `bytes`) but which keeps the buffer the foreign code filled instead of lifting it a byte at a time (see
//! [`DocumentBytes`]: the one hand-written uniffi trait implementation here, with no `unsafe` block).
//!
//! Dates are [`chrono::NaiveDate`] in Rust and cross as ISO `YYYY-MM-DD` text, which `uniffi.toml` maps to
//! `java.time.LocalDate` in Kotlin and `datetime.date` in Python; Swift sees the ISO text itself (why: see
//! [`date`]).

// No hand-written unsafe code but one `unsafe impl` (see `bytes.rs`), allowed there by name; UniFFI's
// generated scaffolding is outside this lint's reach.
#![deny(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

uniffi::setup_scaffolding!("kehoach");

mod bytes;
mod change;
pub mod date;
mod errors;
mod export;
mod limits;
mod model;
mod registry;
mod report;

/// `n` as the bindings' ordinary integer (Kotlin `Int`, Swift `Int32`); 2,147,483,647 stands for that many or
/// more, which no registry within the default limits reaches.
fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub use bytes::DocumentBytes;
pub use change::{
    ChangedFinding, ComplianceChange, Diff, Edit, FieldChange, FindingsDelta, Impact, OverrideChange, PlanChange,
    ProfileChange, UnitChange, WhatIfError,
};
pub use errors::{EditError, InvalidValueError, LoadError, QueryError};
pub use export::{Language, TableFormat, TreeScope};
pub use kehoach::change::EntryChangeKind;
pub use limits::Limits;
pub use model::{
    AdministrationKind, Approval, ContentArea, Level, OrgUnit, Plan, PlanStatus, Profile, Review, ReviewKind,
    SchoolLevel, UnionKind, UnitRole,
};
pub use registry::Registry;
pub use report::{
    Compliance, Counts, DocumentNumberInfo, Finding, Message, Report, Rule, RuleFamily, RuleInfo, RuleOverride,
    SchoolYearWindow, Severity, Subject, SubjectKind, document_number, registry_format, report_format, rule_catalogue,
    rule_code, rule_from_code, rule_info, school_year_window,
};
