//! Pictures of a change: the part of the implementation tree a what-if or a diff touches, as Graphviz DOT
//! ([`what_if_dot`], [`diff_dot`]) or a Mermaid flowchart ([`what_if_mermaid`], [`diff_mermaid`]), so that a
//! change can be reviewed at a glance.
//!
//! A picture of a change is the tree of [`crate::export::dot`] and [`crate::export::mermaid`] (same groups,
//! colours, escaping and node names), drawn in the state **after** the change and restricted to:
//!
//! - the plans a finding that appears, is resolved or changes is about;
//! - the plans the change adds, removes or edits (a diff: entries added, removed, changed; a what-if: the
//!   plans its edits name);
//! - the plans the managing units whose compliance rows move issued for that school year;
//! - the plans all of these implement, up to the top, so the reader sees where in the hierarchy they are;
//! - a dashed box for each school without an issued plan that a finding that moves is about.
//!
//! So a one-plan change on a national registry draws a handful of nodes. Each node is filled by its worst
//! finding after the change, as the tree fills it; a node the change touches gets a thick border (in the
//! colour of the worst new finding's severity, purple for a changed finding, green for a resolved one, black
//! for a plan added or edited with no finding moving) and a line per finding that moves under its label
//! (`+ mới · new: rule (severity)`, `~ đổi · changed: rule (old → new)`, `✓ đã giải quyết · resolved: rule`).
//! A plan that is gone after the change is drawn where it was, dotted and white, marked removed, with the
//! findings its removal resolved, so it does not vanish silently. The title says what the change is; the
//! lines under it count the findings, give the compliance rows that move, the changes of units, profile and
//! rule levels, and the findings that no drawn node can carry (about a unit or the registry); a change that
//! changes nothing says so. The legend explains the borders as well as the colours.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{ChangedFinding, ComplianceChange, Diff, Edit, EntryChangeKind, FindingKey, FindingsDelta, Impact};
use crate::export::{Border, Note, PlanNode, Tree, write_dot, write_mermaid};
use crate::model::{Plan, Severity, Unit};
use crate::query::Compliance;
use crate::registry::Registry;
use crate::report::{Finding, Report, Subject};
use crate::validator::Validator;

use super::WhatIfError;

/// How many lines a node or a group of remarks shows before it says how many more there are.
const MAX_LINES: usize = 8;

/// How many edits the title of a what-if names.
const MAX_TITLE_EDITS: usize = 3;

/// The part of the implementation tree `edits` would touch, after them, as Graphviz DOT; `impact` is what
/// [`Validator::what_if`] gave for them. Nothing changes: the edits are applied to a copy of the registry.
/// When an edit is refused, the error says which, as [`Validator::what_if`]'s does.
///
/// ```
/// use kehoach::change::{Edit, what_if_dot};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let mut validator = kehoach::Validator::new(registry);
/// let edits = [Edit::WithdrawPlan("tx-17-2020".parse()?)];
/// let impact = validator.what_if(&edits)?;
/// let picture = what_if_dot(&mut validator, &edits, &impact)?;
/// assert!(picture.starts_with("digraph kehoach {"));
/// assert!(picture.contains("+ mới · new: parent-plan-withdrawn (error)")); // under each school's plan
/// assert!(picture.contains("2731/KHLT")); // the city plan above, for context
/// assert!(!picture.contains("tx-th-kg-2021")); // a plan the change does not touch
/// # Ok(()) }
/// ```
pub fn what_if_dot(validator: &mut Validator, edits: &[Edit], impact: &Impact) -> Result<String, WhatIfError> {
    what_if_tree(validator, edits, impact, Notation::Dot)
}

/// The picture of [`what_if_dot`] as a Mermaid flowchart.
pub fn what_if_mermaid(validator: &mut Validator, edits: &[Edit], impact: &Impact) -> Result<String, WhatIfError> {
    what_if_tree(validator, edits, impact, Notation::Mermaid)
}

/// The part of the implementation tree that differs between `old` and `new`, as `new` has it, as Graphviz
/// DOT; `diff` is [`super::diff`]`(old, new)` (or [`super::diff_judged`]'s) and `new_report` the report of
/// `new`.
///
/// ```
/// use kehoach::change::{diff, diff_dot};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let old = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let mut new = old.clone();
/// new.remove_plan("tx-th-kg-2020")?;
/// let picture = diff_dot(&old, &new, &new.validate(), &diff(&old, &new));
/// assert!(picture.contains("đã xoá · removed")); // drawn dotted where it was
/// assert!(diff_dot(&old, &old, &old.validate(), &diff(&old, &old)).contains("nothing changes"));
/// # Ok(()) }
/// ```
pub fn diff_dot(old: &Registry, new: &Registry, new_report: &Report, diff: &Diff) -> String {
    diff_tree(old, new, new_report, diff, Notation::Dot)
}

/// The picture of [`diff_dot`] as a Mermaid flowchart.
pub fn diff_mermaid(old: &Registry, new: &Registry, new_report: &Report, diff: &Diff) -> String {
    diff_tree(old, new, new_report, diff, Notation::Mermaid)
}

#[derive(Clone, Copy)]
enum Notation {
    Dot,
    Mermaid,
}

impl Notation {
    fn write(self, tree: &Tree<'_>) -> String {
        match self {
            Notation::Dot => write_dot(tree),
            Notation::Mermaid => write_mermaid(tree),
        }
    }
}

/// What a change did to one plan entry.
#[derive(Clone, Debug, PartialEq, Eq)]
enum EntryMark {
    Added,
    /// Edited; the fields, when known (a diff knows them, a what-if's replacement does not say).
    Edited(Vec<&'static str>),
    Removed,
}

impl EntryMark {
    fn line(&self) -> String {
        match self {
            EntryMark::Added => "✚ thêm mới · added".to_owned(),
            EntryMark::Edited(fields) if fields.is_empty() => "✎ sửa · edited".to_owned(),
            EntryMark::Edited(fields) => format!("✎ sửa · edited: {}", fields.join(", ")),
            EntryMark::Removed => "✗ đã xoá · removed".to_owned(),
        }
    }
}

/// A change, whichever kind, as the picture needs it.
struct Change<'r> {
    before: &'r Registry,
    after: &'r Registry,
    findings: &'r FindingsDelta,
    compliance: &'r [ComplianceChange],
    /// The plan entries the change adds, edits or removes, by id.
    entries: Vec<(String, EntryMark)>,
    /// The units the change adds, edits or removes.
    units: FxHashSet<String>,
    /// What the change does besides plans (units, profile, rule levels), worded.
    other: Vec<String>,
    title: String,
    /// Whether the change changes nothing.
    empty: bool,
    /// What to say when it changes nothing.
    nothing: &'static str,
}

/// The findings that move, by subject.
#[derive(Default)]
struct Moves<'d> {
    appeared: Vec<&'d Finding>,
    changed: Vec<&'d ChangedFinding>,
    resolved: Vec<&'d Finding>,
}

fn moves_by_subject(d: &FindingsDelta) -> FxHashMap<&Subject, Moves<'_>> {
    let mut out: FxHashMap<&Subject, Moves<'_>> = FxHashMap::default();
    for f in &d.appeared {
        out.entry(&f.subject).or_default().appeared.push(f);
    }
    for c in &d.changed {
        out.entry(&c.after.subject).or_default().changed.push(c);
    }
    for f in &d.resolved {
        out.entry(&f.subject).or_default().resolved.push(f);
    }
    out
}

fn what_if_tree(
    validator: &mut Validator,
    edits: &[Edit],
    impact: &Impact,
    notation: Notation,
) -> Result<String, WhatIfError> {
    let (before, before_report) = validator.judged();
    let after = applied(before, edits)?;
    let mut entries: Vec<(String, EntryMark)> = Vec::new();
    let mut units = FxHashSet::default();
    let mut other = Vec::new();
    for edit in edits {
        match edit {
            Edit::AddPlan(p) => entries.push((p.id.to_string(), EntryMark::Added)),
            Edit::ReplacePlan(p) => entries.push((p.id.to_string(), EntryMark::Edited(Vec::new()))),
            Edit::WithdrawPlan(id) => entries.push((id.to_string(), EntryMark::Edited(vec!["status"]))),
            Edit::RemovePlan(id) => entries.push((id.to_string(), EntryMark::Removed)),
            Edit::AddUnit(u) | Edit::ReplaceUnit(u) => {
                units.insert(u.id.to_string());
                other.push(format!("✎ {edit}"));
            }
            Edit::RemoveUnit(id) => {
                units.insert(id.to_string());
                other.push(format!("✎ {edit}"));
            }
            Edit::SetProfile(_) | Edit::SetOverride(..) => other.push(format!("✎ {edit}")),
        }
    }
    let change = Change {
        before,
        after: &after,
        findings: &impact.findings,
        compliance: &impact.compliance,
        entries,
        units,
        other,
        title: what_if_title(edits),
        empty: impact.is_empty(),
        nothing: "không phát hiện hay dòng tuân thủ nào thay đổi · nothing changes: no finding and no compliance row would change",
    };
    let moves = moves_by_subject(&impact.findings);
    let after_findings = |s: &Subject| patched(before_report, moves.get(s), s);
    Ok(notation.write(&picture(&change, &moves, &after_findings)))
}

/// `before` with `edits` applied, on a copy.
fn applied(before: &Registry, edits: &[Edit]) -> Result<Registry, WhatIfError> {
    let mut after = Validator::new(before.clone());
    after.apply_edits(edits)?;
    Ok(after.into_registry())
}

/// The findings about `s` after a change: those of `before` that did not move, the changed ones as they
/// are after, and the new ones.
fn patched(before: &Report, moves: Option<&Moves<'_>>, s: &Subject) -> Vec<Finding> {
    let Some(m) = moves else { return before.findings_for(s).to_vec() };
    let gone: FxHashSet<FindingKey> = m
        .resolved
        .iter()
        .map(|f| FindingKey::of(f))
        .chain(m.changed.iter().map(|c| FindingKey::of(&c.before)))
        .collect();
    let kept = before.findings_for(s).iter().filter(|f| !gone.contains(&FindingKey::of(f)));
    kept.chain(m.changed.iter().map(|c| &c.after)).chain(m.appeared.iter().copied()).cloned().collect()
}

fn what_if_title(edits: &[Edit]) -> String {
    let mut named: Vec<String> = edits.iter().take(MAX_TITLE_EDITS).map(Edit::to_string).collect();
    if edits.len() > MAX_TITLE_EDITS {
        named.push(format!("… (+{})", edits.len() - MAX_TITLE_EDITS));
    }
    format!("Nếu thay đổi · What-if: {}", named.join("; "))
}

fn diff_tree(old: &Registry, new: &Registry, new_report: &Report, diff: &Diff, notation: Notation) -> String {
    let entries = diff
        .plans
        .iter()
        .map(|c| {
            let mark = match c.kind {
                EntryChangeKind::Added => EntryMark::Added,
                EntryChangeKind::Removed => EntryMark::Removed,
                EntryChangeKind::Changed if c.fields.is_empty() && c.moved => EntryMark::Edited(vec!["order"]),
                EntryChangeKind::Changed => EntryMark::Edited(c.fields.iter().map(|f| f.field).collect()),
            };
            (c.id.clone(), mark)
        })
        .collect();
    let mut other = Vec::new();
    if let Some((a, b)) = diff.profile {
        other.push(format!("hồ sơ quy tắc · profile: {} → {}", a.code(), b.code()));
    }
    for o in &diff.overrides {
        let level = |l: Option<crate::model::Level>| l.map_or("default", |l| l.code());
        other.push(format!("quy tắc · rule {}: {} → {}", o.rule.code(), level(o.old), level(o.new)));
    }
    for u in &diff.units {
        let fields: Vec<&str> = u.fields.iter().map(|f| f.field).collect();
        let what = match u.kind {
            EntryChangeKind::Changed if !fields.is_empty() => format!("changed ({})", fields.join(", ")),
            kind => kind.code().to_owned(),
        };
        other.push(format!("đơn vị · unit \"{}\": {what}", u.id));
    }
    let change = Change {
        before: old,
        after: new,
        findings: &diff.findings,
        compliance: &diff.compliance,
        entries,
        units: diff.units.iter().map(|u| u.id.clone()).collect(),
        other,
        title: "So sánh hai sổ · Diff of two registries".to_owned(),
        empty: diff.is_empty(),
        nothing: "không có gì thay đổi · nothing changes: no finding, plan or compliance row differs",
    };
    let moves = moves_by_subject(&diff.findings);
    let after_findings = |s: &Subject| new_report.findings_for(s).to_vec();
    notation.write(&picture(&change, &moves, &after_findings))
}

/// The picture of `change`: the touched part of the tree after it, its nodes noted, the plans gone added.
fn picture<'r>(
    change: &Change<'r>,
    moves: &FxHashMap<&Subject, Moves<'_>>,
    after_findings: &dyn Fn(&Subject) -> Vec<Finding>,
) -> Tree<'r> {
    let (touched_plans, schools) = touched(change);
    let ghosts: Vec<&'r Plan> = change
        .before
        .plans()
        .filter(|p| touched_plans.contains(p.id.as_str()) && change.after.plan(p.id.as_str()).is_none())
        .collect();
    let wanted = wanted_after(change, &touched_plans, &ghosts);

    let plan_subjects =
        change.after.plans().filter(|p| wanted.contains(p.id.as_str())).map(|p| Subject::Plan(p.id.clone()));
    let school_subjects = schools.iter().filter_map(|id| change.after.unit(id)).map(|u| Subject::Unit(u.id.clone()));
    let subjects: Vec<Subject> = plan_subjects.chain(school_subjects).collect();
    let report = Report::new(subjects.iter().flat_map(after_findings).collect());

    let mut tree = Tree::of_plans(
        change.after,
        &report,
        &wanted,
        |u: &Unit| schools.contains(u.id.as_str()),
        change.title.clone(),
    );
    let entries: FxHashMap<&str, &EntryMark> = change.entries.iter().map(|(id, m)| (id.as_str(), m)).collect();
    for node in &mut tree.plans {
        let subject = Subject::Plan(node.plan.id.clone());
        node.note = note(moves.get(&subject), entries.get(node.plan.id.as_str()).copied());
    }
    let mut in_boxes: FxHashSet<FindingKey> = FxHashSet::default();
    for m in &mut tree.missing {
        let Some(found) = moves.get(&Subject::Unit(m.school.id.clone())) else { continue };
        let of_year = of_year(found, m.year);
        in_boxes.extend(of_year.appeared.iter().chain(&of_year.resolved).map(|f| FindingKey::of(f)));
        in_boxes.extend(of_year.changed.iter().map(|c| FindingKey::of(&c.after)));
        m.note = note(Some(&of_year), None);
    }
    add_ghosts(&mut tree, change.before, &ghosts, moves);
    let drawn: FxHashSet<&str> = tree.plans.iter().map(|n| n.plan.id.as_str()).collect();
    let placed = |f: &Finding| match &f.subject {
        Subject::Plan(id) => drawn.contains(id.as_str()),
        _ => in_boxes.contains(&FindingKey::of(f)),
    };
    let unplaced = unplaced_lines(change.findings, placed);
    tree.remarks = Some(remarks(change, unplaced));
    tree
}

/// The plans the change touches (by id, in either registry) and the units (schools among them get a dashed
/// box when they have no plan): the subjects of the findings that move, and the entries the change names.
fn touched<'c>(change: &'c Change<'_>) -> (FxHashSet<&'c str>, FxHashSet<&'c str>) {
    let mut plans: FxHashSet<&str> = change.entries.iter().map(|(id, _)| id.as_str()).collect();
    let mut units: FxHashSet<&str> = change.units.iter().map(String::as_str).collect();
    let d = change.findings;
    let subjects = d.appeared.iter().chain(&d.resolved).chain(d.changed.iter().map(|c| &c.after)).map(|f| &f.subject);
    for s in subjects {
        match s {
            Subject::Plan(id) => plans.insert(id.as_str()),
            Subject::Unit(id) => units.insert(id.as_str()),
            Subject::Registry => false,
        };
    }
    (plans, units)
}

/// The ids of the plans to draw from the registry after the change: those touched, those the managing units
/// whose compliance rows move issued for that year, the parents the plans gone implemented, and every plan
/// these implement, up to the top.
fn wanted_after<'r>(change: &Change<'r>, touched: &FxHashSet<&str>, ghosts: &[&Plan]) -> FxHashSet<&'r str> {
    let after = change.after;
    let rows: FxHashSet<(&str, crate::model::SchoolYear)> =
        change.compliance.iter().map(|c| (c.managing_unit.as_str(), c.school_year)).collect();
    let issued_by_row = |p: &Plan| {
        !rows.is_empty()
            && after.administration_issuer(p).is_some_and(|u| rows.contains(&(u.id.as_str(), p.school_year)))
    };
    let ghost_parents: FxHashSet<&str> =
        ghosts.iter().flat_map(|g| g.implements.iter().map(|id| id.as_str())).collect();
    let mut wanted: FxHashSet<&'r str> = FxHashSet::default();
    for p in after.plans() {
        if touched.contains(p.id.as_str()) || ghost_parents.contains(p.id.as_str()) || issued_by_row(p) {
            wanted.insert(p.id.as_str());
            wanted.extend(after.ancestors(p.id.as_str()).unwrap_or_default().into_iter().map(|a| a.id.as_str()));
        }
    }
    wanted
}

/// The findings of `moves` that concern `year` or no year in particular.
fn of_year<'d>(moves: &Moves<'d>, year: crate::model::SchoolYear) -> Moves<'d> {
    let this_year = |f: &Finding| f.school_year.is_none_or(|y| y == year);
    Moves {
        appeared: moves.appeared.iter().copied().filter(|f| this_year(f)).collect(),
        changed: moves.changed.iter().copied().filter(|c| this_year(&c.after)).collect(),
        resolved: moves.resolved.iter().copied().filter(|f| this_year(f)).collect(),
    }
}

/// What the picture says about a node: the entry's mark, then a line per finding that moves; outlined by the
/// most telling of them (see [`Border`]).
fn note(moves: Option<&Moves<'_>>, entry: Option<&EntryMark>) -> Note {
    let mut lines: Vec<String> = entry.map(EntryMark::line).into_iter().collect();
    let mut border = match entry {
        Some(EntryMark::Removed) => Some(Border::Removed),
        Some(_) => Some(Border::Edited),
        None => None,
    };
    if let Some(m) = moves {
        let mut found: Vec<String> = Vec::new();
        found.extend(m.appeared.iter().map(|f| format!("+ mới · new: {} ({})", f.rule.code(), f.severity.code())));
        found.extend(m.changed.iter().map(changed_line));
        found.extend(m.resolved.iter().map(|f| format!("✓ đã giải quyết · resolved: {}", f.rule.code())));
        lines.extend(capped(found));
        if border != Some(Border::Removed) {
            border = outline(m).or(border);
        }
    }
    Note { border, lines }
}

/// The border of a node whose findings moved: new > changed > resolved.
fn outline(m: &Moves<'_>) -> Option<Border> {
    let worst_new: Option<Severity> = m.appeared.iter().map(|f| f.severity).max();
    match worst_new {
        Some(s) => Some(Border::Appeared(s)),
        None if !m.changed.is_empty() => Some(Border::Changed),
        None if !m.resolved.is_empty() => Some(Border::Resolved),
        None => None,
    }
}

fn changed_line(c: &&ChangedFinding) -> String {
    let (b, a) = (c.before.severity, c.after.severity);
    let how = if b == a { "message".to_owned() } else { format!("{} → {}", b.code(), a.code()) };
    format!("~ đổi · changed: {} ({how})", c.after.rule.code())
}

/// The first [`MAX_LINES`] of `lines`, then how many more there are.
fn capped(mut lines: Vec<String>) -> Vec<String> {
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        lines.push(format!("… +{more}"));
    }
    lines
}

/// Adds the plans gone after the change, as they were, where they were: each in its issuing level's group,
/// with an edge to each drawn plan it implemented and from each drawn plan that still names it.
fn add_ghosts<'r>(
    tree: &mut Tree<'r>,
    before: &'r Registry,
    ghosts: &[&'r Plan],
    moves: &FxHashMap<&Subject, Moves<'_>>,
) {
    let empty = Report::default();
    let first = tree.plans.len();
    for &plan in ghosts {
        let mut node = PlanNode::new(before, &empty, plan);
        node.note = note(moves.get(&Subject::Plan(plan.id.clone())), Some(&EntryMark::Removed));
        tree.plans.push(node);
    }
    let index: FxHashMap<&str, usize> = tree.plans.iter().enumerate().map(|(i, n)| (n.plan.id.as_str(), i)).collect();
    for (i, node) in tree.plans.iter().enumerate() {
        let ghost = i >= first;
        for parent in &node.plan.implements {
            let Some(&p) = index.get(parent.as_str()) else { continue };
            if ghost || p >= first {
                tree.implements.push((i, p));
            }
        }
    }
}

/// A line for each finding that moves but that no drawn node carries (about a unit, or the registry).
fn unplaced_lines(d: &FindingsDelta, placed: impl Fn(&Finding) -> bool) -> Vec<String> {
    let at = |f: &Finding| {
        let year = f.school_year.map(|y| format!(" {y}")).unwrap_or_default();
        match &f.subject {
            Subject::Registry => format!("sổ · registry{year}"),
            s => format!("{} \"{}\"{year}", s.kind().code(), s.id()),
        }
    };
    let mut lines = Vec::new();
    for f in d.appeared.iter().filter(|f| !placed(f)) {
        lines.push(format!("+ mới · new: {} ({}) — {}", f.rule.code(), f.severity.code(), at(f)));
    }
    for c in d.changed.iter().filter(|c| !placed(&c.after)) {
        lines.push(format!("{} — {}", changed_line(&c), at(&c.after)));
    }
    for f in d.resolved.iter().filter(|f| !placed(f)) {
        lines.push(format!("✓ đã giải quyết · resolved: {} — {}", f.rule.code(), at(f)));
    }
    capped(lines)
}

/// The lines under the title: the counts (or that nothing changes), the compliance rows that move, what the
/// change does besides plans, and the findings no node carries.
fn remarks(change: &Change<'_>, unplaced: Vec<String>) -> Vec<String> {
    if change.empty {
        return vec![change.nothing.to_owned()];
    }
    let d = change.findings;
    let mut lines = vec![format!(
        "phát hiện: {} mới, {} được giải quyết, {} thay đổi · findings: {} new, {} resolved, {} changed",
        d.appeared.len(),
        d.resolved.len(),
        d.changed.len(),
        d.appeared.len(),
        d.resolved.len(),
        d.changed.len()
    )];
    lines.extend(capped(change.compliance.iter().map(compliance_line).collect()));
    lines.extend(capped(change.other.clone()));
    if !unplaced.is_empty() {
        lines.push("phát hiện không gắn với kế hoạch nào · findings about no drawn plan:".to_owned());
        lines.extend(unplaced);
    }
    lines
}

fn compliance_line(c: &ComplianceChange) -> String {
    let side = |row: &Option<Compliance>| match row {
        Some(r) => format!("{}/{}/{} of {}", r.conforming, r.with_errors, r.without_plan, r.schools),
        None => "—".to_owned(),
    };
    format!(
        "tuân thủ · compliance {} {} (đạt/lỗi/chưa có kế hoạch · conforming/with errors/without plan): {} → {}",
        c.managing_unit,
        c.school_year,
        side(&c.before),
        side(&c.after)
    )
}
