//! Change, before and after: what a list of edits would do to the findings and the compliance table
//! ([`Validator::what_if`](crate::Validator::what_if)), and what differs between two registries ([`diff`]).
//!
//! People who keep plans ask about changes, not states: "if the department withdraws plan 2731, or this school
//! moves to another office, what breaks, and where?"; "what did these offline edits change, and what did they
//! fix or break?". Both answers have the same second half: the findings that appear, are resolved, or change
//! message or severity (a finding is identified by its rule, subject, field and school year: [`FindingKey`]),
//! and the compliance rows (per managing unit and school year) that move ([`ComplianceChange`]).
//!
//! - A what-if applies the edits to a [`Validator`](crate::Validator), re-checks only what they touch (the
//!   validator's incremental engine), compares, and undoes every edit in reverse, so that the registry, its
//!   cached report and its saved form are exactly as before.
//! - A diff compares two registries entry by entry and field by field ([`Diff`]), then their reports and
//!   compliance tables, and can give the [`Edit`]s that turn one into the other ([`Diff::edits`]).
//!
//! Both have a JSON form ([`what_if_to_json`], `kehoach/what-if@1`; [`diff_to_json`], `kehoach/diff@1`, described
//! in `docs/DIFF-FORMAT.md`) and a text form for people in Vietnamese or English ([`what_if_text`],
//! [`diff_text`]).
//! Both can be drawn too ([`what_if_dot`], [`what_if_mermaid`], [`diff_dot`], [`diff_mermaid`]): the part of the
//! implementation tree the change touches, after it, new findings coloured and resolved ones marked.
//!
//! This module sits above the validator and the exports, and nothing below it names it.

mod diff;
mod json;
mod picture;
mod text;
mod what_if;

use std::borrow::Cow;
use std::fmt;

use crate::catalogue::Rule;
use crate::model::Severity;
use crate::model::{Level, Plan, PlanId, Profile, SchoolYear, Unit, UnitId};
use crate::query::Compliance;
use crate::registry::{EditError, Registry};
use crate::report::Report;
use crate::report::{Field, Finding, Subject};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashSet;

pub use diff::{Diff, EntryChange, EntryChangeKind, FieldChange, OverrideChange, diff, diff_judged};
pub use json::{DIFF_FORMAT, WHAT_IF_FORMAT, diff_to_json, what_if_to_json};
pub use picture::{diff_dot, diff_mermaid, what_if_dot, what_if_mermaid};
pub use text::{diff_text, what_if_text};
pub use what_if::{Impact, WhatIfError};

/// One edit of a registry, as a what-if takes it and as a [`Diff`] gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a unit ([`Registry::add_unit`](crate::Registry::add_unit)).
    AddUnit(Unit),
    /// Replace the unit of the same id ([`Registry::replace_unit`](crate::Registry::replace_unit)).
    ReplaceUnit(Unit),
    /// Remove the unit with this id ([`Registry::remove_unit`](crate::Registry::remove_unit)).
    RemoveUnit(UnitId),
    /// Add a plan ([`Registry::add_plan`](crate::Registry::add_plan)).
    AddPlan(Plan),
    /// Replace the plan of the same id ([`Registry::replace_plan`](crate::Registry::replace_plan)).
    ReplacePlan(Plan),
    /// Remove the plan with this id ([`Registry::remove_plan`](crate::Registry::remove_plan)).
    RemovePlan(PlanId),
    /// Withdraw the plan with this id: replace it by itself with status `withdrawn`.
    WithdrawPlan(PlanId),
    /// Judge the registry by another profile ([`Registry::set_profile`](crate::Registry::set_profile)).
    SetProfile(Profile),
    /// Set a rule's severity, turn it off, or (`None`) go back to the profile's default
    /// ([`Registry::set_override`](crate::Registry::set_override)).
    SetOverride(Rule, Option<Level>),
}

impl Edit {
    /// Applies the edit to `registry` (refused as the registry's own edit would be, changing nothing then).
    ///
    /// ```
    /// use kehoach::change::{Edit, diff};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let old = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
    /// let mut new = old.clone();
    /// new.remove_plan("tx-th-kg-2020")?;
    /// let mut rebuilt = old.clone();
    /// for edit in diff(&old, &new).edits() {
    ///     edit.apply(&mut rebuilt)?;
    /// }
    /// assert_eq!(kehoach::format::save(&rebuilt), kehoach::format::save(&new));
    /// # Ok(()) }
    /// ```
    pub fn apply(&self, registry: &mut Registry) -> Result<(), EditError> {
        match self {
            Edit::AddUnit(u) => registry.add_unit(u.clone()),
            Edit::ReplaceUnit(u) => registry.replace_unit(u.clone()).map(drop),
            Edit::RemoveUnit(id) => registry.remove_unit(id.as_str()).map(drop),
            Edit::AddPlan(p) => registry.add_plan(p.clone()),
            Edit::ReplacePlan(p) => registry.replace_plan(p.clone()).map(drop),
            Edit::RemovePlan(id) => registry.remove_plan(id.as_str()).map(drop),
            Edit::WithdrawPlan(id) => registry.replace_plan(withdrawn(registry, id)?).map(drop),
            Edit::SetProfile(p) => {
                registry.set_profile(*p);
                Ok(())
            }
            Edit::SetOverride(rule, level) => {
                registry.set_override(*rule, *level);
                Ok(())
            }
        }
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::AddUnit(u) => write!(f, "add unit \"{}\"", u.id.as_str()),
            Edit::ReplaceUnit(u) => write!(f, "replace unit \"{}\"", u.id.as_str()),
            Edit::RemoveUnit(id) => write!(f, "remove unit \"{}\"", id.as_str()),
            Edit::AddPlan(p) => write!(f, "add plan \"{}\"", p.id.as_str()),
            Edit::ReplacePlan(p) => write!(f, "replace plan \"{}\"", p.id.as_str()),
            Edit::RemovePlan(id) => write!(f, "remove plan \"{}\"", id.as_str()),
            Edit::WithdrawPlan(id) => write!(f, "withdraw plan \"{}\"", id.as_str()),
            Edit::SetProfile(p) => write!(f, "set profile {}", p.code()),
            Edit::SetOverride(rule, Some(level)) => write!(f, "set rule {} to {}", rule.code(), level.code()),
            Edit::SetOverride(rule, None) => write!(f, "set rule {} to its default", rule.code()),
        }
    }
}

/// The plan `id` of `registry` with status `withdrawn`: what [`Edit::WithdrawPlan`] puts in its place.
pub(super) fn withdrawn(registry: &Registry, id: &PlanId) -> Result<Plan, EditError> {
    let mut plan = registry.plan(id.as_str()).cloned().ok_or_else(|| EditError::UnknownPlan { id: id.to_string() })?;
    plan.status = crate::model::PlanStatus::Withdrawn;
    Ok(plan)
}

/// What identifies a finding across two reports: its rule, subject, field and school year. Two findings with
/// one key are the same finding; their message or severity may differ.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingKey {
    /// The subject.
    pub subject: Subject,
    /// The rule.
    pub rule: Rule,
    /// The field.
    pub field: Option<Field>,
    /// The school year.
    pub school_year: Option<SchoolYear>,
}

impl FindingKey {
    /// The key of `f`.
    pub fn of(f: &Finding) -> FindingKey {
        FindingKey { subject: f.subject.clone(), rule: f.rule, field: f.field, school_year: f.school_year }
    }
}

/// How the findings differ between before and after, each list in the report's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingsDelta {
    /// Findings only after.
    pub appeared: Vec<Finding>,
    /// Findings only before.
    pub resolved: Vec<Finding>,
    /// Findings with one key before and after whose severity, message or basis differ.
    pub changed: Vec<ChangedFinding>,
}

impl FindingsDelta {
    /// True when the findings are the same.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty() && self.resolved.is_empty() && self.changed.is_empty()
    }
}

/// One finding before and after a change, with the same [`FindingKey`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedFinding {
    /// As it was.
    pub before: Finding,
    /// As it would be (or is, in the newer registry).
    pub after: Finding,
}

/// One compliance row (a managing unit in a school year) that differs; `None` on a side where the row does
/// not exist (the unit manages no school then, or neither it nor its schools issued a plan that year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplianceChange {
    /// The managing unit.
    pub managing_unit: UnitId,
    /// The school year.
    pub school_year: SchoolYear,
    /// The row before.
    pub before: Option<Compliance>,
    /// The row after.
    pub after: Option<Compliance>,
}

/// The delta of two lists of findings, each sorted in the report's order (which sorts by [`FindingKey`]
/// first): a merge, linear in their lengths.
/// first): a merge, linear in their lengths. Each list is given as borrowed or owned findings, so that
/// findings made for the occasion (a what-if's re-check) move into the delta instead of being copied.
pub(crate) fn findings_delta<'a>(
    before: impl IntoIterator<Item = Cow<'a, Finding>>,
    after: impl IntoIterator<Item = Cow<'a, Finding>>,
) -> FindingsDelta {
    fn key(f: &Finding) -> (&Subject, Rule, Option<Field>, Option<SchoolYear>) {
        (&f.subject, f.rule, f.field, f.school_year)
    }
    let mut d = FindingsDelta::default();
    let (mut before, mut after) = (before.into_iter().peekable(), after.into_iter().peekable());
    loop {
        let order = match (before.peek(), after.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(b), Some(a)) => key(b).cmp(&key(a)),
        };
        match order {
            std::cmp::Ordering::Less => d.resolved.extend(before.next().map(Cow::into_owned)),
            std::cmp::Ordering::Greater => d.appeared.extend(after.next().map(Cow::into_owned)),
            std::cmp::Ordering::Equal => {
                if let (Some(b), Some(a)) = (before.next(), after.next()) {
                    if b != a {
                        d.changed.push(ChangedFinding { before: b.into_owned(), after: a.into_owned() });
                    }
                }
            }
        }
    }
    d
}

/// The rows that differ between two compliance tables, each sorted by managing unit id, then school year.
pub(crate) fn compliance_delta(before: &[Compliance], after: &[Compliance]) -> Vec<ComplianceChange> {
    let key = |c: &Compliance| (c.managing_unit.clone(), c.school_year);
    let change = |b: Option<&Compliance>, a: Option<&Compliance>| {
        let (managing_unit, school_year) = match (b, a) {
            (Some(c), _) | (None, Some(c)) => key(c),
            (None, None) => return None,
        };
        Some(ComplianceChange { managing_unit, school_year, before: b.cloned(), after: a.cloned() })
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let (b, a) = (before.get(i), after.get(j));
        let step = match (b, a) {
            (None, None) => break,
            (Some(_), None) => (true, false),
            (None, Some(_)) => (false, true),
            (Some(x), Some(y)) => match key(x).cmp(&key(y)) {
                std::cmp::Ordering::Less => (true, false),
                std::cmp::Ordering::Greater => (false, true),
                std::cmp::Ordering::Equal => (true, true),
            },
        };
        let (b, a) = (b.filter(|_| step.0), a.filter(|_| step.1));
        if b != a {
            out.extend(change(b, a));
        }
        i += usize::from(step.0);
        j += usize::from(step.1);
    }
    out
}

/// Whether `report` has an error about plan `id`.
pub(super) fn has_error_in(report: &Report, id: &PlanId) -> bool {
    report.findings_for(&Subject::Plan(id.clone())).iter().any(|f| f.severity == Severity::Error)
}

/// The ids of the units whose compliance rows `subjects` bear on, in `reg` as it stands: each unit subject,
/// and its manager when it is a school; each plan subject's administration issuer, and that issuer's manager
/// when the issuer is a school. (A managing unit's rows count its schools and the years it issued plans in,
/// so a unit that is not a school bears on no row but its own.)
pub(super) fn managers(reg: &Registry, subjects: &[Subject]) -> FxHashSet<UnitId> {
    let mut out = FxHashSet::default();
    for s in subjects {
        let unit = match s {
            Subject::Unit(id) => reg.unit_node(id.as_str()),
            Subject::Plan(id) => reg.plan_node(id.as_str()).and_then(|p| reg.administration_issuer_node(p)),
            Subject::Registry => None,
        };
        let Some(u) = unit.and_then(|n| reg.unit_at(n).map(|u| (n, u))) else { continue };
        out.insert(u.1.id.clone());
        if u.1.is_school() {
            if let Some(m) = reg.manager_node(u.0).and_then(|m| reg.unit_at(m)) {
                out.insert(m.id.clone());
            }
        }
    }
    out
}

/// The nodes of the units `ids` that `reg` holds.
pub(super) fn nodes(reg: &Registry, ids: &FxHashSet<UnitId>) -> Vec<NodeIndex> {
    ids.iter().filter_map(|id| reg.unit_node(id.as_str())).collect()
}
