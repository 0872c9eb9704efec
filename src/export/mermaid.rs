//! The implementation tree as a Mermaid flowchart, which GitHub, GitLab and many wikis draw from a
//! ```` ```mermaid ```` block in Markdown, so a plan's tree can sit in the document that discusses it.
//!
//! The picture is the DOT one (see [`super::dot`]): the same groups, colours, dashed boxes and child → parent
//! edges, laid out bottom to top (`flowchart BT`) so the top-level plan is at the top.
//!
//! Mermaid is fussier than DOT about text. A node id must be a plain word (and not `end`), so every node gets
//! a generated id (`p0`, `p1`, … in registry order; `s0`, … for schools without a plan) and the real id goes
//! in the label. Labels are quoted, and inside them Mermaid reads `#name;` as an entity and passes `<…>` on
//! as HTML, so `"`, `#`, `&`, `<`, `>` and `` ` `` are written as entities (`#quot;`, `#35;`, …); Vietnamese
//! letters are written as they are.

use std::fmt::Write as _;

use crate::query::QueryError;
use crate::registry::Registry;
use crate::report::Report;

use super::Scope;
use super::tree::{Border, IssuingLevel, MISSING_LEGEND, Mark, Note, Tree};

/// Writes the implementation tree that `scope` selects as a Mermaid flowchart, judged by `report`
/// (normally `registry.validate()`). It shows what [`super::dot`] shows: plans grouped by issuing level
/// (subgraphs), coloured by their worst finding, labelled with issuer, id, number and issue date, an arrow
/// from each plan to each plan it implements, and dashed boxes for schools without an issued plan under
/// their managing unit's plan.
///
/// ```
/// use kehoach::export::{Scope, mermaid};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let report = registry.validate();
/// let chart = mermaid(&registry, &report, &Scope::SchoolYear("2020-2021".parse()?))?;
/// assert!(chart.contains("flowchart BT"));
/// assert!(chart.contains("p1 --> p0")); // Thanh Xuân's plan implements the city's
/// assert!(chart.contains("GD#amp;ĐT")); // "&" is an entity inside a label
/// assert!(chart.contains(":::sevError")); // Kim Giang's conference lacked quorum
/// # Ok(()) }
/// ```
pub fn mermaid(registry: &Registry, report: &Report, scope: &Scope) -> Result<String, QueryError> {
    Ok(write(&Tree::build(registry, report, scope)?))
}

/// `tree` as a Mermaid flowchart: the writer of [`mermaid`] and of the pictures of a change
/// ([`crate::change`]).
pub(crate) fn write(tree: &Tree<'_>) -> String {
    let mut out = String::with_capacity(512 + 200 * (tree.plans.len() + tree.missing.len()));
    // Writing to a String cannot fail.
    let _ = write_tree(&mut out, tree);
    out
}

fn class(mark: Mark) -> &'static str {
    match mark {
        Mark::Clean => "sevNone",
        Mark::Worst(crate::Severity::Info) => "sevInfo",
        Mark::Worst(crate::Severity::Warning) => "sevWarning",
        Mark::Worst(crate::Severity::Error) => "sevError",
    }
}

fn missing_class(mark: Mark) -> &'static str {
    match mark {
        Mark::Clean => "noPlanNone",
        Mark::Worst(crate::Severity::Info) => "noPlanInfo",
        Mark::Worst(crate::Severity::Warning) => "noPlanWarning",
        Mark::Worst(crate::Severity::Error) => "noPlanError",
    }
}

/// The class of a node: its mark's (`sevError`, `noPlanError` for a school without a plan), followed by its
/// border's for a node a picture of a change outlines (`sevError_newError`); `removed` for a plan gone.
fn node_class(mark: Mark, note: &Note, missing: bool) -> String {
    let base = if missing { missing_class(mark) } else { class(mark) };
    match note.border {
        None => base.to_owned(),
        Some(Border::Removed) => Border::Removed.code().to_owned(),
        Some(b) => format!("{base}_{}", b.code()),
    }
}

/// The classes the outlined nodes of `tree` use, each once, in a stable order: `(class, mark, border, missing)`.
fn outlined(tree: &Tree<'_>) -> std::collections::BTreeMap<String, (Mark, Border, bool)> {
    let plans = tree.plans.iter().map(|n| (n.mark, &n.note, false));
    let missing = tree.missing.iter().map(|m| (m.mark, &m.note, true));
    plans
        .chain(missing)
        .filter_map(|(mark, note, missing)| {
            let b = note.border.filter(|&b| b != Border::Removed)?;
            Some((node_class(mark, note, missing), (mark, b, missing)))
        })
        .collect()
}

fn write_tree(out: &mut String, tree: &Tree<'_>) -> std::fmt::Result {
    writeln!(out, "%% {}", comment(&tree.title))?;
    writeln!(out, "flowchart BT")?;
    for level in IssuingLevel::ALL {
        if !tree.has_group(level) {
            continue;
        }
        writeln!(out, "  subgraph {}[\"{}\"]", level.code(), escape(level.title()))?;
        for i in tree.plans_at(level) {
            let Some(node) = tree.plans.get(i) else { continue };
            writeln!(
                out,
                "    p{i}(\"{}\"):::{}",
                label(&node.label_lines()),
                node_class(node.mark, &node.note, false)
            )?;
        }
        if level == IssuingLevel::School {
            for (i, m) in tree.missing.iter().enumerate() {
                writeln!(out, "    s{i}(\"{}\"):::{}", label(&m.label_lines()), node_class(m.mark, &m.note, true))?;
            }
        }
        writeln!(out, "  end")?;
    }
    writeln!(out, "  subgraph legend[\"{}\"]", escape("Chú giải · Legend"))?;
    writeln!(out, "    direction LR")?;
    for (i, mark) in Mark::ALL.into_iter().enumerate() {
        writeln!(out, "    k{i}(\"{}\"):::{}", escape(mark.legend()), class(mark))?;
    }
    writeln!(out, "    k4(\"{}\"):::legendNoPlan", escape(MISSING_LEGEND))?;
    let mut keys = 5;
    if let Some(remarks) = &tree.remarks {
        for b in Border::LEGEND {
            writeln!(out, "    k{keys}(\"{}\"):::legend_{}", escape(b.legend()), b.code())?;
            keys += 1;
        }
        // Mermaid draws no title: the title and the remarks are the legend's first box.
        let text: Vec<String> = std::iter::once(&tree.title).chain(remarks).cloned().collect();
        writeln!(out, "    kt(\"{}\"):::legendNoPlan", label(&text))?;
    }
    // Invisible links keep the legend in one row, in order.
    let title = tree.remarks.as_ref().map(|_| "kt".to_owned());
    let chain: Vec<String> = title.into_iter().chain((0..keys).map(|k| format!("k{k}"))).collect();
    writeln!(out, "    {}", chain.join(" ~~~ "))?;
    writeln!(out, "  end")?;
    let gone = |i: usize| tree.plans.get(i).is_some_and(|n| n.note.border == Some(Border::Removed));
    for &(child, parent) in &tree.implements {
        if gone(child) || gone(parent) {
            writeln!(out, "  p{child} -.-> p{parent}")?;
        } else {
            writeln!(out, "  p{child} --> p{parent}")?;
        }
    }
    for (school, plan) in &tree.expected {
        writeln!(out, "  s{school} -.-> p{plan}")?;
    }
    for mark in Mark::ALL {
        writeln!(out, "  classDef {} fill:{},stroke:{},color:#000000", class(mark), mark.fill(), mark.stroke())?;
    }
    for mark in Mark::ALL {
        writeln!(
            out,
            "  classDef {} fill:{},stroke:{},color:#000000,stroke-dasharray:5 5",
            missing_class(mark),
            mark.fill(),
            mark.stroke()
        )?;
    }
    writeln!(out, "  classDef legendNoPlan fill:#ffffff,stroke:#4d4d4d,color:#000000,stroke-dasharray:5 5")?;
    if tree.remarks.is_some() {
        write_border_classes(out, tree)?;
    }
    Ok(())
}

/// The classes of a picture of a change: those of the outlined nodes, of the removed plans and of the
/// legend's borders.
fn write_border_classes(out: &mut String, tree: &Tree<'_>) -> std::fmt::Result {
    for (name, (mark, border, missing)) in outlined(tree) {
        let dashed = if missing { ",stroke-dasharray:5 5" } else { "" };
        writeln!(
            out,
            "  classDef {name} fill:{},stroke:{},color:#000000,stroke-width:3px{dashed}",
            mark.fill(),
            border.stroke()
        )?;
    }
    let removed = Border::Removed;
    writeln!(
        out,
        "  classDef {} fill:#ffffff,stroke:{},color:#4d4d4d,stroke-dasharray:2 4",
        removed.code(),
        removed.stroke()
    )?;
    for b in Border::LEGEND {
        let dotted = if b == Border::Removed { ",stroke-dasharray:2 4" } else { "" };
        writeln!(
            out,
            "  classDef legend_{} fill:#ffffff,stroke:{},color:#000000,stroke-width:3px{dotted}",
            b.code(),
            b.stroke()
        )?;
    }
    Ok(())
}

/// `lines` as the inside of one quoted Mermaid label, joined by `<br/>`.
fn label(lines: &[String]) -> String {
    lines.iter().map(|l| escape(l)).collect::<Vec<_>>().join("<br/>")
}

/// The inside of a quoted Mermaid label showing `s` as it is: the characters Mermaid or HTML would read
/// as markup written as entities, line breaks and other control characters as spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `s` on one line, for a `%%` comment.
fn comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn writes_markup_characters_as_entities() {
        assert_eq!(escape(r#"a "b" #1 <br> & `c`"#), "a #quot;b#quot; #35;1 #lt;br#gt; #amp; #96;c#96;");
        assert_eq!(escape("Hà Nội\nThanh Xuân"), "Hà Nội Thanh Xuân");
    }
}
