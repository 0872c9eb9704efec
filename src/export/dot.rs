//! The implementation tree as Graphviz DOT.
//!
//! Edges go from the implementing plan to the plan it implements (child → parent), the direction of
//! `implements` in the registry format and in the registry graph, so an arrow reads "carries out". The graph
//! is laid out bottom to top (`rankdir=BT`) so that, with edges in that direction, the city or province plan
//! still sits at the top and the schools at the bottom, as people draw a hierarchy.
//!
//! Node names are generated (`p0`, `p1`, … for plans, `s0`, … for schools without a plan) because plans and
//! units are two namespaces that may share an id; the real id is in the label and the tooltip. Every string
//! is written as a DOT quoted string with `"` and `\` escaped, line breaks turned into `\n`, and `&` written
//! `&amp;` where Graphviz would otherwise read a character entity (it shows `&amp;` in a label as `&`), so
//! any id, number or Vietnamese name is drawn as written and a backslash in the data can never become a
//! Graphviz escape (`\N`, `\G`, …). The title and the legend form one HTML-like label, escaped as HTML.

use std::fmt::Write as _;

use crate::query::QueryError;
use crate::registry::Registry;
use crate::report::Report;

use super::tree::{Border, IssuingLevel, MISSING_LEGEND, Mark, Note, Tree};
use super::{Scope, starts_entity};

/// Writes the implementation tree that `scope` selects as a Graphviz DOT `digraph`, judged by `report`
/// (normally `registry.validate()`).
///
/// Plans are grouped in clusters by the level of their administration issuer (province or city, district or
/// commune, school; plans whose issuer does not resolve to an administration unit in a fourth group), filled
/// by their worst finding (green none, blue info, amber warning, red error) and labelled with the issuer's
/// name, the plan id, the document number and the issue date (and the status when it is not issued). An
/// edge runs from each plan to each plan it implements that is in the picture. A school whose managing unit
/// issued a plan for a school year in the picture, but which has no issued plan for that year itself, is a
/// dashed box with a dashed edge to its managing unit's plan.
///
/// Render it with `dot -Tpng tree.dot -o tree.png` (Debian package `graphviz`).
///
/// ```
/// use kehoach::export::{Scope, dot};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let report = registry.validate();
/// let tree = dot(&registry, &report, &Scope::Under("tx-17-2020".parse()?))?;
/// assert!(tree.starts_with("digraph kehoach {"));
/// assert!(tree.contains("17/KHPH-GD&ĐT-LĐLĐ")); // the district plan's number
/// assert!(!tree.contains("2731/KHLT")); // the city plan is above the subtree
/// assert!(tree.contains("s0 [label=\"Trường THCS Khương Đình")); // only a draft: a dashed box
/// assert!(dot(&registry, &report, &Scope::Under("no-such-plan".parse()?)).is_err());
/// # Ok(()) }
/// ```
pub fn dot(registry: &Registry, report: &Report, scope: &Scope) -> Result<String, QueryError> {
    Ok(write(&Tree::build(registry, report, scope)?))
}

/// `tree` as DOT: the writer of [`dot`] and of the pictures of a change ([`crate::change`]).
pub(crate) fn write(tree: &Tree<'_>) -> String {
    let mut out = String::with_capacity(256 + 256 * (tree.plans.len() + tree.missing.len()));
    // Writing to a String cannot fail.
    let _ = write_tree(&mut out, tree);
    out
}

const FONT: &str = "sans-serif";

fn write_tree(out: &mut String, tree: &Tree<'_>) -> std::fmt::Result {
    writeln!(out, "digraph kehoach {{")?;
    writeln!(
        out,
        "  graph [rankdir=BT, label={}, labelloc=t, fontname=\"{FONT}\", fontsize=11, nodesep=0.25, ranksep=0.6];",
        heading(tree)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"{FONT}\", fontsize=10, margin=\"0.15,0.06\"];"
    )?;
    writeln!(out, "  edge [color=\"#4d4d4d\", arrowsize=0.7];")?;
    for level in IssuingLevel::ALL {
        if !tree.has_group(level) {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "  subgraph cluster_{} {{", level.code())?;
        writeln!(
            out,
            "    graph [label={}, labelloc=b, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#b3b3b3\"];",
            quote(level.title())
        )?;
        for i in tree.plans_at(level) {
            let Some(node) = tree.plans.get(i) else { continue };
            writeln!(
                out,
                "    p{i} [label={}, tooltip={}, {}];",
                label(&node.label_lines()),
                quote(&format!("{} — {}", node.plan.id, node.plan.title)),
                looks(node.mark, &node.note, false)
            )?;
        }
        if level == IssuingLevel::School {
            for (i, m) in tree.missing.iter().enumerate() {
                writeln!(
                    out,
                    "    s{i} [label={}, tooltip={}, {}];",
                    label(&m.label_lines()),
                    quote(&format!("{} — {}", m.school.id, m.school.name)),
                    looks(m.mark, &m.note, true)
                )?;
            }
        }
        writeln!(out, "  }}")?;
    }

    if !tree.implements.is_empty() || !tree.expected.is_empty() {
        writeln!(out)?;
    }
    let gone = |i: usize| tree.plans.get(i).is_some_and(|n| n.note.border == Some(Border::Removed));
    for &(child, parent) in &tree.implements {
        if gone(child) || gone(parent) {
            writeln!(out, "  p{child} -> p{parent} [style=dotted];")?;
        } else {
            writeln!(out, "  p{child} -> p{parent};")?;
        }
    }
    for (school, plan) in &tree.expected {
        writeln!(out, "  s{school} -> p{plan} [style=dashed, color=\"#8c8c8c\", arrowhead=empty];")?;
    }
    writeln!(out, "}}")
}

/// A node's fill, border and style: the tree's colours, outlined as a picture of a change asks (`note`);
/// `missing` for a school without a plan (dashed).
fn looks(mark: Mark, note: &Note, missing: bool) -> String {
    let style = if missing { ", style=\"dashed,rounded,filled\"" } else { "" };
    match note.border {
        None => format!("fillcolor=\"{}\", color=\"{}\"{style}", mark.fill(), mark.stroke()),
        Some(Border::Removed) => {
            format!("fillcolor=\"#ffffff\", color=\"{}\", style=\"dotted,rounded,filled\"", Border::Removed.stroke())
        }
        Some(b) => format!("fillcolor=\"{}\", color=\"{}\", penwidth=3{style}", mark.fill(), b.stroke()),
    }
}

/// The graph's label: the title over a legend of the colours and the dashed box, as an HTML-like label; a
/// picture of a change adds its remarks under the title and the borders to the legend.
fn heading(tree: &Tree<'_>) -> String {
    let mut cells = String::new();
    for mark in Mark::ALL {
        cells.push_str(&format!(
            "<td border=\"1\" color=\"{}\" bgcolor=\"{}\">{}</td>",
            mark.stroke(),
            mark.fill(),
            html(mark.legend())
        ));
    }
    cells.push_str(&format!("<td border=\"1\" style=\"dashed\">{}</td>", html(MISSING_LEGEND)));
    let mut rows = format!("<tr><td colspan=\"5\"><font point-size=\"14\">{}</font></td></tr>", html(&tree.title));
    if let Some(remarks) = &tree.remarks {
        for line in remarks {
            rows.push_str(&format!("<tr><td colspan=\"5\" align=\"left\">{}</td></tr>", html(line)));
        }
    }
    rows.push_str(&format!("<tr>{cells}</tr>"));
    if tree.remarks.is_some() {
        let borders: String = Border::LEGEND
            .into_iter()
            .map(|b| {
                let style = if b == Border::Removed { " style=\"dotted\"" } else { "" };
                format!("<td border=\"3\" color=\"{}\"{style}>{}</td>", b.stroke(), html(b.legend()))
            })
            .collect();
        rows.push_str(&format!("<tr>{borders}</tr>"));
    }
    format!("<<table border=\"0\" cellspacing=\"6\" cellpadding=\"4\">{rows}</table>>")
}

/// `s` as text in an HTML-like label: `&`, `<`, `>` and `"` as entities, control characters as spaces.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `lines` as one DOT quoted string, each line escaped and centred (`\n`).
fn label(lines: &[String]) -> String {
    let escaped: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!("\"{}\"", escaped.join("\\n"))
}

/// `s` as a DOT quoted string.
fn quote(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// The inside of a DOT quoted string showing `s` as it is: `"` and `\` escaped (so no Graphviz escape such
/// as `\N` can arise from the data), `&` written `&amp;` where Graphviz would read an entity (`&amp;`,
/// `&#35;`) but left alone elsewhere (`GD&ĐT` stays readable), a line break as `\n`, other control
/// characters as spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '&' if starts_entity(s.get(i + 1..).unwrap_or("")) => out.push_str("&amp;"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' => {
                // CR LF is one line break.
                if chars.peek().map(|&(_, next)| next) != Some('\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(escape(r#"a"b\N"#), r#"a\"b\\N"#);
        assert_eq!(escape("dòng 1\r\ndòng 2\rdòng 3\ttab"), "dòng 1\\ndòng 2\\ndòng 3 tab");
        assert_eq!(escape("Sở GD&ĐT <Hà Nội>"), "Sở GD&ĐT <Hà Nội>");
        assert_eq!(escape("&amp; &#35; & x;"), "&amp;amp; &amp;#35; & x;");
    }
}
