//! The diff of two registries: entries and fields, profile and overrides, then findings and compliance.

use std::borrow::Cow;

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;
use serde_json::Value;

use super::{ComplianceChange, Edit, FindingsDelta, compliance_delta, findings_delta, has_error_in, managers, nodes};
use crate::catalogue::Rule;
use crate::format::save::{PlanOut, UnitOut};
use crate::format::{PLAN_FIELDS, UNIT_FIELDS};
use crate::model::{Level, Plan, PlanId, Profile, Unit, UnitId};
use crate::registry::Registry;
use crate::report::{Report, Subject};

/// What differs between two registries, in a stable order: the profile, the rule overrides (by rule code),
/// the units and the plans (each by id, fields in the registry format's order), then the findings and the
/// compliance rows that differ.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    /// The profile, old and new, when it differs.
    pub profile: Option<(Profile, Profile)>,
    /// The rules whose override differs, by rule code.
    pub overrides: Vec<OverrideChange>,
    /// Units added, removed or changed, by id.
    pub units: Vec<EntryChange<Unit>>,
    /// Plans added, removed or changed, by id.
    pub plans: Vec<EntryChange<Plan>>,
    /// How the findings differ.
    pub findings: FindingsDelta,
    /// The compliance rows that differ, by managing unit id then school year.
    pub compliance: Vec<ComplianceChange>,
    /// The overrides of each side in their order (saved in that order), for [`Diff::edits`].
    old_overrides: Vec<(Rule, Level)>,
    new_overrides: Vec<(Rule, Level)>,
    /// Entries equal on both sides and not moved that [`Diff::edits`] still removes and adds again, with
    /// their place in the new document: those after an entry added or moved before them (edits append).
    units_again: Vec<(usize, Unit)>,
    plans_again: Vec<(usize, Plan)>,
}

/// A rule whose override differs; `None` is no override (the profile's default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverrideChange {
    /// The rule.
    pub rule: Rule,
    /// The old override.
    pub old: Option<Level>,
    /// The new override.
    pub new: Option<Level>,
}

/// Whether an entry was added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryChangeKind {
    /// Only in the new registry.
    Added,
    /// Only in the old registry.
    Removed,
    /// In both, with different fields or a different place in the document.
    Changed,
}

impl EntryChangeKind {
    /// `added`, `removed`, `changed`.
    pub fn code(self) -> &'static str {
        match self {
            EntryChangeKind::Added => "added",
            EntryChangeKind::Removed => "removed",
            EntryChangeKind::Changed => "changed",
        }
    }
}

/// One unit or plan that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryChange<T> {
    /// Its id.
    pub id: String,
    /// Added, removed or changed.
    pub kind: EntryChangeKind,
    /// For a changed entry, the fields that differ, in the registry format's order.
    pub fields: Vec<FieldChange>,
    /// For a changed entry, whether it moved in the document's order: of the entries in both documents, the
    /// fewest whose moving explains the new order are marked (those outside a longest run of entries, in new
    /// order, that keeps the old order). An entry added between others moves none of them.
    pub moved: bool,
    /// The entry in the old registry (none when added).
    pub old: Option<T>,
    /// The entry in the new registry (none when removed).
    pub new: Option<T>,
    /// Its place in the new document (for [`Diff::edits`]).
    place: usize,
    /// Whether [`Diff::edits`] removes it and adds it again at the end (it comes after an entry added or
    /// moved before it; the registry's edits only append).
    again: bool,
}

/// One field that differs, its values as registry@1 JSON text (`"2020-09-04"`, `["a","b"]`). For a list
/// (issuers, implements, content areas, approvals, reviews) the items only in the new list and only in the
/// old one are given as well; both empty means the same items in another order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The field, as the registry format names it (`parent`, `issuers`).
    pub field: &'static str,
    /// The old value (none when absent).
    pub old: Option<String>,
    /// The new value (none when absent).
    pub new: Option<String>,
    /// For a list: the items only in the new list, in its order.
    pub added: Vec<String>,
    /// For a list: the items only in the old list, in its order.
    pub removed: Vec<String>,
}

impl FieldChange {
    /// Whether the field holds a list.
    pub fn is_list(&self) -> bool {
        let list = |v: &Option<String>| v.as_deref().is_none_or(|s| s.starts_with('['));
        list(&self.old) && list(&self.new)
    }
}

impl Diff {
    /// True when the registries hold the same data in the same order: same profile, same overrides (in any
    /// order), same units and plans.
    pub fn is_empty(&self) -> bool {
        self.profile.is_none()
            && self.overrides.is_empty()
            && self.units.is_empty()
            && self.plans.is_empty()
            && self.findings.is_empty()
            && self.compliance.is_empty()
    }

    /// Edits that turn the old registry into one that saves as the new one does: the profile, the
    /// overrides (all reset and set again in the new order when they differ in any way), removals of plans
    /// and units (those removed, and those that moved, which are added again at their new place), then
    /// replacements of units, additions of units, replacements of plans and additions of plans, each in the
    /// new document's order.
    pub fn edits(&self) -> Vec<Edit> {
        let mut out = Vec::new();
        if let Some((_, new)) = self.profile {
            out.push(Edit::SetProfile(new));
        }
        if self.old_overrides != self.new_overrides {
            out.extend(self.old_overrides.iter().map(|&(rule, _)| Edit::SetOverride(rule, None)));
            out.extend(self.new_overrides.iter().map(|&(rule, level)| Edit::SetOverride(rule, Some(level))));
        }
        out.extend(
            self.plans
                .iter()
                .filter(|c| c.gone())
                .filter_map(|c| c.old.as_ref())
                .chain(self.plans_again.iter().map(|(_, p)| p))
                .map(|p| Edit::RemovePlan(p.id.clone())),
        );
        out.extend(
            self.units
                .iter()
                .filter(|c| c.gone())
                .filter_map(|c| c.old.as_ref())
                .chain(self.units_again.iter().map(|(_, u)| u))
                .map(|u| Edit::RemoveUnit(u.id.clone())),
        );
        out.extend(self.units.iter().filter(|c| c.replaced()).filter_map(|c| c.new.clone()).map(Edit::ReplaceUnit));
        out.extend(appended(&self.units, &self.units_again).into_iter().map(Edit::AddUnit));
        out.extend(self.plans.iter().filter(|c| c.replaced()).filter_map(|c| c.new.clone()).map(Edit::ReplacePlan));
        out.extend(appended(&self.plans, &self.plans_again).into_iter().map(Edit::AddPlan));
        out
    }
}

impl<T> EntryChange<T> {
    /// Whether [`Diff::edits`] removes it: removed, or to be added again at its new place.
    fn gone(&self) -> bool {
        self.kind == EntryChangeKind::Removed || self.again
    }

    /// Whether [`Diff::edits`] replaces it in place.
    fn replaced(&self) -> bool {
        self.kind == EntryChangeKind::Changed && !self.again
    }
}

/// The entries to add at the end, in the new document's order: those added, and those added again (from the
/// changes and from `again`, the unchanged ones).
fn appended<T: Clone>(changes: &[EntryChange<T>], again: &[(usize, T)]) -> Vec<T> {
    let mut tail: Vec<(usize, T)> = changes
        .iter()
        .filter(|c| c.kind == EntryChangeKind::Added || c.again)
        .filter_map(|c| c.new.clone().map(|x| (c.place, x)))
        .chain(again.iter().cloned())
        .collect();
    tail.sort_by_key(|(place, _)| *place);
    tail.into_iter().map(|(_, x)| x).collect()
}

/// The diff of `old` and `new`, validating both (see [`diff_judged`] when their reports are at hand).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let old = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// assert!(kehoach::change::diff(&old, &old).is_empty());
/// let mut new = old.clone();
/// new.remove_plan("tx-th-kg-2020")?;
/// let d = kehoach::change::diff(&old, &new);
/// assert_eq!(d.plans.len(), 1);
/// assert_eq!(d.plans[0].kind, kehoach::change::EntryChangeKind::Removed);
/// # Ok(()) }
/// ```
pub fn diff(old: &Registry, new: &Registry) -> Diff {
    diff_judged(old, &old.validate(), new, &new.validate())
}

/// The diff of `old` and `new`, whose reports are `old_report` and `new_report` (each `validate()` of its
/// registry, or a [`Validator`](crate::Validator)'s report).
pub fn diff_judged(old: &Registry, old_report: &Report, new: &Registry, new_report: &Report) -> Diff {
    let profile = (old.profile() != new.profile()).then_some((old.profile(), new.profile()));
    let mut overrides: Vec<OverrideChange> = Vec::new();
    for rule in old.overrides().iter().chain(new.overrides()).map(|(r, _)| *r) {
        let level = |reg: &Registry| reg.overrides().iter().find(|(r, _)| *r == rule).map(|(_, l)| *l);
        let (o, n) = (level(old), level(new));
        if o != n && !overrides.iter().any(|c| c.rule == rule) {
            overrides.push(OverrideChange { rule, old: o, new: n });
        }
    }
    overrides.sort_by_key(|c| c.rule.code());
    let (old_units, old_plans) = old.nodes_in_order();
    let (new_units, new_plans) = new.nodes_in_order();
    let bound = old.node_bound();
    let (units, units_again) = entries(
        &old_units.iter().filter_map(|&n| old.unit_at(n)).collect::<Vec<_>>(),
        &old_units,
        &new_units.iter().filter_map(|&n| new.unit_at(n)).collect::<Vec<_>>(),
        bound,
        |id| old.unit_node(id),
        |u: &Unit| u.id.as_str(),
        |u| serde_json::to_value(UnitOut(u)).unwrap_or(Value::Null),
        UNIT_FIELDS,
    );
    let (plans, plans_again) = entries(
        &old_plans.iter().filter_map(|&n| old.plan_at(n)).collect::<Vec<_>>(),
        &old_plans,
        &new_plans.iter().filter_map(|&n| new.plan_at(n)).collect::<Vec<_>>(),
        bound,
        |id| old.plan_node(id),
        |p: &Plan| p.id.as_str(),
        |p| serde_json::to_value(PlanOut(p)).unwrap_or(Value::Null),
        PLAN_FIELDS,
    );
    let findings = findings_delta(
        old_report.findings().iter().map(Cow::Borrowed),
        new_report.findings().iter().map(Cow::Borrowed),
    );

    // Compliance rows can move only for the managing units of what changed: the units and plans that
    // differ, and the plans whose findings differ (an error gained or lost). Each side's rows are computed
    // for those units only.
    let mut subjects: Vec<Subject> = Vec::new();
    // A row reads a unit's parent and kind, and a plan's status, school year and first issuer (its findings
    // are the findings delta's): an entry that changed nothing of these moves no row.
    let unit_counts = |c: &&EntryChange<Unit>| match (&c.old, &c.new) {
        (Some(o), Some(n)) => o.parent != n.parent || o.kind() != n.kind(),
        _ => true,
    };
    let plan_counts = |c: &&EntryChange<Plan>| match (&c.old, &c.new) {
        (Some(o), Some(n)) => {
            o.status != n.status || o.school_year != n.school_year || o.issuers.first() != n.issuers.first()
        }
        _ => true,
    };
    subjects.extend(units.iter().filter(unit_counts).filter_map(|c| UnitId::new(&c.id).ok()).map(Subject::Unit));
    subjects.extend(plans.iter().filter(plan_counts).filter_map(|c| PlanId::new(&c.id).ok()).map(Subject::Plan));
    subjects.extend(findings.appeared.iter().chain(&findings.resolved).map(|f| f.subject.clone()));
    subjects.extend(findings.changed.iter().map(|c| c.after.subject.clone()));
    subjects.sort_unstable();
    subjects.dedup();
    let mut ids = managers(old, &subjects);
    ids.extend(managers(new, &subjects));
    // Beyond a few dozen managing units, the whole table (one dense pass) is cheaper than each unit's rows.
    let whole = ids.len() > 64;
    let rows = |reg: &Registry, report: &Report| {
        if whole {
            return reg.compliance(report);
        }
        let has_error = |n| reg.plan_at(n).is_some_and(|p| has_error_in(report, &p.id));
        reg.compliance_of(&nodes(reg, &ids), &has_error)
    };
    let compliance = compliance_delta(&rows(old, old_report), &rows(new, new_report));
    Diff {
        profile,
        overrides,
        units,
        plans,
        findings,
        compliance,
        old_overrides: old.overrides().to_vec(),
        new_overrides: new.overrides().to_vec(),
        units_again,
        plans_again,
    }
}

/// The entries that differ between `old` (in document order, at nodes `old_nodes` of the old registry, where
/// `find_old` finds an id) and `new` (in document order), sorted by id; and the entries equal on both sides
/// that [`Diff::edits`] must still add again, with their place in `new`. The two lists are walked side by
/// side, and an id is looked up only where they part: comparing two national registries reads each entry
/// once, in order.
#[allow(clippy::too_many_arguments)] // two lists, how to find, name and write their entries
fn entries<T: PartialEq + Clone>(
    old: &[&T],
    old_nodes: &[NodeIndex],
    new: &[&T],
    bound: usize,
    find_old: impl Fn(&str) -> Option<NodeIndex>,
    id: impl Fn(&T) -> &str,
    json: impl Fn(&T) -> Value,
    fields: &[&'static str],
) -> (Vec<EntryChange<T>>, Vec<(usize, T)>) {
    let mut position = vec![usize::MAX; bound];
    for (i, n) in old_nodes.iter().enumerate() {
        if let Some(slot) = position.get_mut(n.index()) {
            *slot = i;
        }
    }
    // Where each new entry was in the old document.
    let mut next = 0;
    let at: Vec<Option<usize>> = new
        .iter()
        .map(|&x| {
            let i = match old.get(next) {
                Some(o) if id(o) == id(x) => Some(next),
                _ => find_old(id(x)).and_then(|n| position.get(n.index()).copied()).filter(|&i| i != usize::MAX),
            };
            if let Some(i) = i {
                next = i + 1;
            }
            i
        })
        .collect();
    let stays = kept_in_order(&at);
    let mut matched = vec![false; old.len()];
    // The longest prefix of the new order that keeps entries of the old one in the old order stays in
    // place; every entry after it is added again (see `Diff::edits`).
    let (mut last, mut in_prefix) = (None, true);
    let (mut out, mut again) = (Vec::new(), Vec::new());
    for (place, (&x, &at)) in new.iter().zip(&at).enumerate() {
        if in_prefix {
            match at {
                Some(i) if last.is_none_or(|l| i > l) => last = Some(i),
                _ => in_prefix = false,
            }
        }
        match at.and_then(|i| old.get(i).map(|&o| (i, o))) {
            None => out.push(EntryChange {
                id: id(x).to_owned(),
                kind: EntryChangeKind::Added,
                fields: Vec::new(),
                moved: false,
                old: None,
                new: Some(x.clone()),
                place,
                again: false,
            }),
            Some((i, o)) => {
                if let Some(m) = matched.get_mut(i) {
                    *m = true;
                }
                let moved = !stays.get(place).copied().unwrap_or(false);
                if o != x || moved {
                    out.push(EntryChange {
                        id: id(x).to_owned(),
                        kind: EntryChangeKind::Changed,
                        fields: if o == x { Vec::new() } else { field_changes(&json(o), &json(x), fields) },
                        moved,
                        old: Some(o.clone()),
                        new: Some(x.clone()),
                        place,
                        again: !in_prefix,
                    });
                } else if !in_prefix {
                    again.push((place, x.clone()));
                }
            }
        }
    }
    for (&o, _) in old.iter().zip(&matched).filter(|(_, m)| !**m) {
        out.push(EntryChange {
            id: id(o).to_owned(),
            kind: EntryChangeKind::Removed,
            fields: Vec::new(),
            moved: false,
            old: Some(o.clone()),
            new: None,
            place: usize::MAX,
            again: false,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, again)
}

/// For each entry of the new document (`at`: its index in the old one, or none when added), whether it is in
/// one longest run (not necessarily contiguous) of entries whose old indexes increase: the entries that keep
/// their order. The others are the fewest that moved. Patience sorting, O(n log n); the first longest run
/// found in new order, so the result is the same every time.
fn kept_in_order(at: &[Option<usize>]) -> Vec<bool> {
    // tails[k]: the place (in `at`) of the smallest last old index of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; at.len()];
    for (place, old) in at.iter().enumerate() {
        let Some(old) = *old else { continue };
        let k = tails.partition_point(|&t| at.get(t).copied().flatten().is_some_and(|o| o < old));
        if let Some(b) = before.get_mut(place) {
            *b = k.checked_sub(1).and_then(|j| tails.get(j).copied());
        }
        match tails.get_mut(k) {
            Some(t) => *t = place,
            None => tails.push(place),
        }
    }
    let mut keep = vec![false; at.len()];
    let mut cur = tails.last().copied();
    while let Some(place) = cur {
        if let Some(k) = keep.get_mut(place) {
            *k = true;
        }
        cur = before.get(place).copied().flatten();
    }
    keep
}

/// The fields that differ between two entries' JSON objects, in `fields` order.
fn field_changes(old: &Value, new: &Value, fields: &[&'static str]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for &field in fields {
        let (o, n) = (old.get(field), new.get(field));
        if o == n {
            continue;
        }
        let text = |v: Option<&Value>| v.map(Value::to_string);
        let (mut added, mut removed) = (Vec::new(), Vec::new());
        let items = |v: Option<&Value>| match v {
            Some(Value::Array(items)) => Some(items.clone()),
            None => Some(Vec::new()),
            Some(_) => None,
        };
        if let (Some(oi), Some(ni), true) =
            (items(o), items(n), o.is_some_and(Value::is_array) || n.is_some_and(Value::is_array))
        {
            added = only_in(&ni, &oi);
            removed = only_in(&oi, &ni);
        }
        out.push(FieldChange { field, old: text(o), new: text(n), added, removed });
    }
    out
}

/// The items of `a` not matched by an equal item of `b` (as multisets), in `a`'s order, as JSON text.
fn only_in(a: &[Value], b: &[Value]) -> Vec<String> {
    let mut left: FxHashMap<String, usize> = FxHashMap::default();
    for v in b {
        *left.entry(v.to_string()).or_default() += 1;
    }
    let mut out = Vec::new();
    for v in a {
        let t = v.to_string();
        match left.get_mut(&t) {
            Some(k) if *k > 0 => *k -= 1,
            _ => out.push(t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::kept_in_order;

    #[test]
    fn the_fewest_entries_are_marked_moved() {
        let kept = |at: &[Option<usize>]| kept_in_order(at);
        assert_eq!(kept(&[Some(0), Some(1), Some(2)]), [true, true, true]);
        // One inserted between others, one removed: nothing moved.
        assert_eq!(kept(&[Some(0), None, Some(2), Some(3)]), [true, false, true, true]);
        // The first moved to the end: only it.
        assert_eq!(kept(&[Some(1), Some(2), Some(3), Some(0)]), [true, true, true, false]);
        // The last moved to the front: only it.
        assert_eq!(kept(&[Some(3), Some(0), Some(1), Some(2)]), [false, true, true, true]);
        // Two swapped: one of them.
        assert_eq!(kept(&[Some(1), Some(0), Some(2)]).iter().filter(|k| !**k).count(), 1);
        assert!(kept(&[]).is_empty());
    }
}
