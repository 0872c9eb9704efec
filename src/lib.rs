#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod export;
pub mod format;
pub mod model;
pub mod registry;
pub mod rules;
#[cfg(feature = "synthetic")]
pub mod synthetic;

pub use model::*;
pub use registry::{EditError, Link, Node, Registry};
pub use rules::{Family, Rule};
pub mod query;
pub mod report;
pub use query::{Compliance, QueryError};
pub use report::{Counts, Field, Finding, Message, Report, Subject, SubjectKind};
