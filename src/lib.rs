//! **Kế hoạch phối hợp**: the hierarchy of coordination plans in Vietnamese education, as a graph, checked
//! against named, documented rules.
//!
//! Every school year, at every level, the education administration and the education trade union sign a joint
//! coordination plan, and each level's plan implements the one above it: the city's (or province's) plan, then
//! the district's (or commune's), then each school's, adopted at the school's staff conference (Hội nghị cán
//! bộ, viên chức). kehoach holds the units, plans, references, approvals and school years in one graph,
//! validates it against 27 rules with their legal basis, and answers what users ask: which schools have no
//! valid plan, what implements what, what is wrong and why. It does no I/O and has no unsafe code; Kotlin,
//! Swift and Python bindings are built on it with UniFFI.
//!
//! # Overview
//!
//! - A [`Registry`] holds the units and plans as the nodes of one graph, their references as edges. Build one
//!   in code with [`Registry::add_unit`] and [`Registry::add_plan`] (the [`model`] types, such as [`Unit`],
//!   [`Plan`], [`SchoolYear`] and [`DocumentNumber`], are re-exported here), or load one.
//! - [`format::load_str`] and [`format::load`] read a `kehoach/registry@1` JSON document, strictly: a
//!   [`format::LoadError`] names the JSON path, the value, the line and the column. [`format::Limits`] bounds
//!   what a document may hold. [`format::save`] writes a registry back in canonical form.
//! - [`Registry::validate`] checks the registry against every rule and returns a [`Report`];
//!   a [`Validator`] owns a registry and keeps its report up to date across edits, re-checking only what
//!   each edit can affect.
//! - A [`Report`] lists [`Finding`]s in a stable order. Each names its [`Rule`], its [`Subject`] (a unit or a
//!   plan) and [`Field`], its [`Severity`], a [`Message`] in Vietnamese and English, and the legal basis the
//!   rule rests on. [`format::report_to_json`] writes it as a `kehoach/report@1` document.
//! - [`Rule`] is the catalogue: [`Rule::ALL`], each rule's stable code, default severity, titles and
//!   [`Rule::basis`] under a [`Profile`]. A registry's overrides change a severity or turn a rule off.
//! - [`query`]: [`Registry::ancestors`], [`Registry::descendants`], the schools of a managing unit, and
//!   [`Registry::compliance`], how each managing unit's schools stand per school year.
//! - [`export`]: the implementation tree as Graphviz DOT ([`export::dot`]) or a Mermaid flowchart
//!   ([`export::mermaid`]), the compliance table as text, Markdown or CSV ([`export::compliance_table`]), and
//!   a text report of the findings ([`export::text_report`]), each as a `String`.
//!
//! # Example
//!
//! Load the Hanoi 2020-2021 hierarchy, validate it, ask what a school plan implements, and save it:
//!
//! ```
//! use kehoach::{export, format, Rule, Severity};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let registry = format::load_str(include_str!("../examples/data/hanoi-2020-2021.json"))?;
//!
//! let report = registry.validate();
//! for f in report.findings() {
//!     println!("{} {} {}: {}", f.severity, f.rule, f.subject, f.message.en);
//! }
//! assert_eq!((report.counts().error, report.counts().warning), (1, 1));
//! assert!(report.findings().iter().any(|f| f.rule == Rule::StaffConferenceQuorum && f.severity == Severity::Error));
//!
//! let chain: Vec<&str> = registry.ancestors("tx-thcs-nc-2020")?.iter().map(|p| p.id.as_str()).collect();
//! assert_eq!(chain, ["tx-17-2020", "hn-2731-2020"]);
//!
//! println!("{}", export::compliance_table(&registry, &report, export::TableFormat::Markdown, export::Language::En));
//!
//! let saved = format::save(&registry);
//! assert_eq!(format::save(&format::load_str(&saved)?), saved);
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! - `synthetic` (off by default): the `kehoach::synthetic` module, which builds deterministic national-scale
//!   registries (about 97,000 units and 48,600 plans a school year) with faults of known kinds and known
//!   findings, and documents of hostile shapes, for benchmarks and tests.
//!
//! # Design
//!
//! `docs/ARCHITECTURE.md` in the repository describes the data flow (JSON bytes, [`format::load`],
//! [`Registry`], the rule engine, [`Report`], queries and exports, the bindings), a map of the code and the
//! invariants it keeps: a failed edit changes nothing; the graph is exactly what the data says, whatever
//! order it was built in; nothing recurses on input; the library does no I/O, starts no thread and keeps no
//! global state. `docs/RULES.md` lists the rules with their legal bases, `docs/PERFORMANCE.md` the speed
//! figures and how they were measured.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalogue;
pub mod change;
pub mod export;
pub mod format;
pub mod model;
pub mod registry;
pub mod rules;
#[cfg(feature = "synthetic")]
pub mod synthetic;

pub mod query;
pub mod report;
mod validator;

pub use catalogue::{Family, Rule};
pub use model::{
    AdministrationKind, Approval, AreaCode, ContentArea, ContentAreas, Count, DocumentNumber, Level, Limits,
    ModelError, NumberDefect, Plan, PlanId, PlanStatus, Profile, Review, ReviewKind, Role, SchoolLevel, SchoolYear,
    Severity, Side, StaffConference, Text, UnionKind, Unit, UnitId, UnitKind,
};
pub use query::{Compliance, QueryError};
pub use registry::{EditError, Registry};
pub use report::{Counts, Field, Finding, Message, Report, Subject, SubjectKind};
pub use validator::Validator;

// The README's Rust snippets, compiled and run as doc tests (the README is this item's only doc, so that its
// paths resolve from the crate root, where it lives).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
