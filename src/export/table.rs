//! The compliance of each managing unit's schools per school year, as a table people paste elsewhere.
//!
//! The numbers are those of [`Registry::compliance`] (a school conforms when one of its issued plans for the
//! year has no error; a draft is not a plan yet); this module only writes them out, with the managing unit's
//! name beside its id because an officer knows "Phòng GD&ĐT quận Thanh Xuân", not `tx-pgd`.
//!
//! - Text pads columns to line up in a monospaced font: text columns to the left, numbers to the right,
//!   widths counted in characters (ids and names are NFC, so a Vietnamese letter is one character).
//! - Markdown escapes what would break a cell or turn into formatting (`|`, `\`, `*`, `_`, `` ` ``, `[`,
//!   `]`, `<`, `>`, and `&` where it could start an entity).
//! - CSV follows RFC 4180: CRLF line ends, a field quoted when it holds `,`, `"`, CR or LF, a `"` inside
//!   doubled. Its header row is in snake_case English whatever the language, so that a script reading the
//!   file does not depend on who exported it, and its percentages are plain numbers (`60.0`).
//!
//! The percentage is written with one decimal: a comma in Vietnamese text (`60,0%`), a point in English and
//! in CSV.

use crate::query::Compliance;
use crate::registry::Registry;
use crate::report::Report;

use super::{Language, TableFormat, starts_entity};

/// The compliance table of every managing unit and school year in `registry`, judged by `report` (normally
/// `registry.validate()`), one row per [`Compliance`] in the order [`Registry::compliance`] gives (managing
/// unit id, then school year). Columns: managing unit id, its name, school year, schools, conforming, with
/// errors, without a plan, percent conforming. `language` chooses the headings of the text and Markdown
/// forms and the decimal mark of their percentages; CSV keeps fixed English headers.
///
/// ```
/// use kehoach::export::{Language, TableFormat, compliance_table};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let report = registry.validate();
/// let csv = compliance_table(&registry, &report, TableFormat::Csv, Language::En);
/// assert_eq!(
///     csv,
///     "managing_unit,managing_unit_name,school_year,schools,conforming,with_errors,without_plan,percent_conforming\r\n\
///      tx-pgd,Phòng Giáo dục và Đào tạo quận Thanh Xuân,2020-2021,5,3,1,1,60.0\r\n"
/// );
/// let md = compliance_table(&registry, &report, TableFormat::Markdown, Language::Vi);
/// assert!(md.contains("| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |"));
/// # Ok(()) }
/// ```
pub fn compliance_table(registry: &Registry, report: &Report, format: TableFormat, language: Language) -> String {
    let rows: Vec<[String; 8]> =
        registry.compliance(report).iter().map(|c| row(registry, c, format, language)).collect();
    match format {
        TableFormat::Text => text(&headers(language), &rows),
        TableFormat::Markdown => markdown(&headers(language), &rows),
        TableFormat::Csv => csv(&CSV_HEADERS, &rows),
    }
}

/// Columns holding numbers: right-aligned in text and Markdown.
const NUMERIC: [bool; 8] = [false, false, false, true, true, true, true, true];

const CSV_HEADERS: [&str; 8] = [
    "managing_unit",
    "managing_unit_name",
    "school_year",
    "schools",
    "conforming",
    "with_errors",
    "without_plan",
    "percent_conforming",
];

fn headers(language: Language) -> [&'static str; 8] {
    match language {
        Language::Vi => {
            ["Đơn vị quản lý", "Tên đơn vị", "Năm học", "Số trường", "Đạt", "Có lỗi", "Chưa có kế hoạch", "Tỷ lệ đạt"]
        }
        Language::En => [
            "Managing unit",
            "Name",
            "School year",
            "Schools",
            "Conforming",
            "With errors",
            "Without plan",
            "Conforming %",
        ],
    }
}

fn row(registry: &Registry, c: &Compliance, format: TableFormat, language: Language) -> [String; 8] {
    let name = registry.unit(c.managing_unit.as_str()).map(|u| u.name.to_string()).unwrap_or_default();
    let percent = format!("{:.1}", c.percent_conforming());
    let percent = match (format, language) {
        (TableFormat::Csv, _) => percent,
        (_, Language::En) => format!("{percent}%"),
        (_, Language::Vi) => format!("{}%", percent.replace('.', ",")),
    };
    [
        c.managing_unit.to_string(),
        name,
        c.school_year.to_string(),
        c.schools.to_string(),
        c.conforming.to_string(),
        c.with_errors.to_string(),
        c.without_plan.to_string(),
        percent,
    ]
}

/// `s` on one line: line breaks and other control characters become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn text(headers: &[&str; 8], rows: &[[String; 8]]) -> String {
    let headers = headers.map(one_line);
    let rows: Vec<[String; 8]> = rows.iter().map(|r| r.clone().map(|c| one_line(&c))).collect();
    let mut widths = headers.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String; 8], out: &mut String| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(NUMERIC)
            .map(|((cell, w), numeric)| {
                let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                if numeric { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&headers, &mut out);
    line(&widths.map(|w| "-".repeat(w)), &mut out);
    for r in &rows {
        line(r, &mut out);
    }
    out
}

fn markdown(headers: &[&str; 8], rows: &[[String; 8]]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    };
    line(headers.iter().map(|h| markdown_cell(h)).collect(), &mut out);
    line(NUMERIC.iter().map(|&n| if n { "---:" } else { "---" }.to_owned()).collect(), &mut out);
    for r in rows {
        line(r.iter().map(|c| markdown_cell(c)).collect(), &mut out);
    }
    out
}

/// `s` as the text of one Markdown table cell.
fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(s.get(i + 1..).unwrap_or("")) => out.push_str("\\&"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn csv(headers: &[&str; 8], rows: &[[String; 8]]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(headers.iter().map(|h| csv_field(h)).collect(), &mut out);
    for r in rows {
        line(r.iter().map(|c| csv_field(c)).collect(), &mut out);
    }
    out
}

/// `s` as one RFC 4180 field: quoted, with `"` doubled, when it holds a comma, a quote, CR or LF.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("tx-pgd"), "tx-pgd");
        assert_eq!(csv_field("Phòng GD&ĐT, quận \"TX\""), "\"Phòng GD&ĐT, quận \"\"TX\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn markdown_escapes_cell_breakers_and_entities_only() {
        assert_eq!(markdown_cell("a|b_c*d"), "a\\|b\\_c\\*d");
        assert_eq!(markdown_cell("GD&ĐT"), "GD&ĐT");
        assert_eq!(markdown_cell("x&amp;y &#35;"), "x\\&amp;y \\&#35;");
        assert_eq!(markdown_cell("dòng\nhai"), "dòng hai");
    }
}
