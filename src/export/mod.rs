//! Pictures and reports people read: the implementation tree as a diagram, the compliance of each managing
//! unit as a table, and the findings as a text report.
//!
//! A district officer would rather look at the tree of plans than read a list of findings, and would rather
//! paste a table into a document or a spreadsheet than read JSON. So each export here produces a form people
//! already use:
//!
//! - [`dot`] and [`mermaid`]: the implementation tree (which plan implements which) as Graphviz DOT, which
//!   renders to PNG, SVG or PDF with `dot`, and as a Mermaid flowchart, which GitHub, GitLab and many wikis
//!   render inside Markdown. Both draw the same picture from the same selection (see [`Scope`]): plans grouped
//!   by the level that issued them, coloured by their worst finding, and schools that have no issued plan
//!   shown as dashed boxes where their plan is missing.
//! - [`compliance_table`]: [`Registry::compliance`] as a table per managing unit and school year, as aligned
//!   plain text for a terminal, Markdown for a document and CSV for a spreadsheet (see [`TableFormat`]).
//! - [`text_report`]: the findings of a [`Report`] grouped by what they are about, in Vietnamese or English
//!   (see [`Language`]), with the legal basis of each rule printed once instead of under every finding.
//!
//! Every export is a function from the registry and its report to a `String`: the library does no I/O, so a
//! caller writes the text to a file, a terminal, an HTTP response or a mobile view as it needs. The report is
//! passed in rather than computed so that a caller who has validated once (or re-validated incrementally)
//! does not pay for a second validation. The output is deterministic: the same registry and report give the
//! same bytes every time, and a registry saved and loaded again gives the same bytes too, because everything
//! is listed in registry order (the order units and plans were added, which [`crate::format::save`] keeps)
//! or in the report's stable order, never in hash order.

mod dot;
mod mermaid;
mod table;
mod text;
mod tree;

use std::fmt;

use crate::model::{PlanId, SchoolYear};

pub use dot::dot;
pub use mermaid::mermaid;
pub use table::compliance_table;
pub use text::text_report;

pub(crate) use dot::write as write_dot;
pub(crate) use mermaid::write as write_mermaid;
pub(crate) use tree::{Border, Note, PlanNode, Tree};

#[cfg(doc)]
use crate::{Registry, Report};

/// Which part of the implementation tree to draw.
///
/// ```
/// use kehoach::export::Scope;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let everything = Scope::All;
/// let one_year = Scope::SchoolYear("2020-2021".parse()?);
/// let thanh_xuan = Scope::Under("tx-17-2020".parse()?);
/// assert_eq!(thanh_xuan.to_string(), "under plan tx-17-2020");
/// # let _ = (everything, one_year);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every plan of the registry, of every school year.
    All,
    /// The plans of one school year.
    SchoolYear(SchoolYear),
    /// One plan and every plan that implements it, directly or not (its subtree). An id that names no plan
    /// is an error ([`crate::QueryError::UnknownPlan`]).
    Under(PlanId),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::All => f.write_str("whole registry"),
            Scope::SchoolYear(y) => write!(f, "school year {y}"),
            Scope::Under(id) => write!(f, "under plan {id}"),
        }
    }
}

/// How a [`compliance_table`] is written.
///
/// ```
/// use kehoach::export::TableFormat;
/// assert_eq!(TableFormat::from_code("csv"), Some(TableFormat::Csv));
/// assert_eq!(TableFormat::Markdown.code(), "markdown");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableFormat {
    /// Plain text with aligned columns, for a terminal or an e-mail.
    Text,
    /// A Markdown (GitHub-flavoured) table, for a document or a wiki.
    Markdown,
    /// Comma-separated values (RFC 4180), for a spreadsheet.
    Csv,
}

impl TableFormat {
    /// Every format.
    pub const ALL: [TableFormat; 3] = [TableFormat::Text, TableFormat::Markdown, TableFormat::Csv];

    /// The name used on command lines (`text`, `markdown`, `csv`).
    pub fn code(self) -> &'static str {
        match self {
            TableFormat::Text => "text",
            TableFormat::Markdown => "markdown",
            TableFormat::Csv => "csv",
        }
    }

    /// The format named by [`TableFormat::code`].
    pub fn from_code(s: &str) -> Option<TableFormat> {
        TableFormat::ALL.into_iter().find(|f| f.code() == s)
    }
}

/// The language of a [`text_report`] and of a [`compliance_table`]'s headings.
///
/// ```
/// use kehoach::export::Language;
/// assert_eq!(Language::from_code("vi"), Some(Language::Vi));
/// assert_eq!(Language::En.code(), "en");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl Language {
    /// Both languages.
    pub const ALL: [Language; 2] = [Language::Vi, Language::En];

    /// The ISO 639-1 code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// The language named by its ISO 639-1 code.
    pub fn from_code(s: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == s)
    }

    /// `vi` or `en`, whichever is this language.
    pub(crate) fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }
}

/// Whether the text after an `&` would make it a character entity (`amp;`, `#38;`, `#x26;`), which HTML,
/// Markdown and Graphviz labels would show as the character it names instead of as written.
pub(crate) fn starts_entity(rest: &str) -> bool {
    let Some((name, _)) = rest.split_once(';') else {
        return false;
    };
    let name = name.strip_prefix('#').unwrap_or(name);
    !name.is_empty() && name.len() <= 32 && name.chars().all(|c| c.is_ascii_alphanumeric())
}
