//! The core's [`kehoach::export`] as strings: the implementation tree as Graphviz DOT or a Mermaid flowchart,
//! the compliance table as text, Markdown or CSV, and the text report of the findings in Vietnamese or
//! English. The methods themselves are on [`crate::Registry`] (`dot`, `mermaid`, `compliance_table`,
//! `text_report`); this module holds the enums that choose what they write and their translations.

use kehoach as core_;

use crate::errors::QueryError;
pub use kehoach::export::{Language, TableFormat};

/// Which part of the implementation tree to draw.
///
/// Kotlin: `TreeScope.All`, `TreeScope.SchoolYear("2020-2021")`, `TreeScope.Under("tx-17-2020")`; Swift:
/// `.all`, `.schoolYear(schoolYear:)`, `.under(plan:)`; Python: `TreeScope.ALL()`, `TreeScope.SCHOOL_YEAR(...)`,
/// `TreeScope.UNDER(...)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TreeScope {
    /// Every plan of the registry, of every school year.
    All,
    /// The plans of one school year, written `YYYY-YYYY` (`2020-2021`).
    SchoolYear {
        /// The school year; anything else is [`QueryError::SchoolYear`].
        school_year: String,
    },
    /// One plan and every plan that implements it, directly or not; an id that names no plan is
    /// [`QueryError::UnknownPlan`].
    Under {
        /// The id of the plan at the top of the subtree.
        plan: String,
    },
}

impl TreeScope {
    /// The core's scope, or the error that names the value it cannot read. An id is not looked up here:
    /// the export does that, under the registry's lock.
    pub(crate) fn to_core(&self) -> Result<core_::export::Scope, QueryError> {
        match self {
            TreeScope::All => Ok(core_::export::Scope::All),
            TreeScope::SchoolYear { school_year } => school_year
                .parse()
                .map(core_::export::Scope::SchoolYear)
                .map_err(|_| QueryError::SchoolYear { value: school_year.clone() }),
            // The empty id names no plan: the same error as an id that is not in the registry.
            TreeScope::Under { plan } => core_::PlanId::new(plan)
                .map(core_::export::Scope::Under)
                .map_err(|_| QueryError::UnknownPlan { id: plan.clone() }),
        }
    }
}

/// How a compliance table is written.
#[uniffi::remote(Enum)]
pub enum TableFormat {
    /// Plain text with aligned columns, for a terminal or an e-mail.
    Text,
    /// A Markdown (GitHub-flavoured) table.
    Markdown,
    /// Comma-separated values (RFC 4180: CRLF line ends), with a fixed English snake_case header row whatever
    /// the language, and percentages as plain numbers (`60.0`).
    Csv,
}

/// The language of a text report and of a compliance table's headings.
#[uniffi::remote(Enum)]
pub enum Language {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_translate_and_refuse_what_they_cannot_read() {
        assert_eq!(TreeScope::All.to_core(), Ok(core_::export::Scope::All));
        assert_eq!(
            TreeScope::SchoolYear { school_year: "2020-2021".into() }.to_core(),
            Ok(core_::export::Scope::SchoolYear("2020-2021".parse().unwrap()))
        );
        assert_eq!(
            TreeScope::SchoolYear { school_year: "2020-2022".into() }.to_core(),
            Err(QueryError::SchoolYear { value: "2020-2022".into() })
        );
        assert_eq!(
            TreeScope::Under { plan: String::new() }.to_core(),
            Err(QueryError::UnknownPlan { id: String::new() })
        );
        assert_eq!(
            TreeScope::Under { plan: "tx-17-2020".into() }.to_core().map(|s| s.to_string()),
            Ok("under plan tx-17-2020".to_owned())
        );
    }
}
