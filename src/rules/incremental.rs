//! Incremental re-validation: which subjects an edit of a plan can affect, and re-checking only those.
//!
//! A plan's findings depend on a known neighbourhood (`design.md`): its own data; the plans sharing its
//! first issuer and school year (`duplicate-plan`) or its number (`document-number-duplicate`); the plans
//! that implement it, resolved or still waiting for its id (every `parent-plan-*`, content-area and
//! `staff-conference-before-parent` finding of a child reads the parent); the plans on its `implements`
//! cycle (`plan-cycle`); and, for `school-without-plan`, its first issuer and the schools that issuer
//! manages. Collecting that neighbourhood before and after an edit, and re-checking it, gives exactly the
//! findings a full check would: `tests/it/incremental.rs` checks so on random edit sequences.
//!
//! A unit's neighbourhood is collected the same way (`unit_neighbourhood`). Edits of the profile or the
//! overrides can change any finding and fall back to a full check.

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashSet;

use super::Checker;
use super::cycles::{self, Cycles};
use crate::registry::{Link, Registry};
use crate::report::{Finding, Report, Subject};

/// Beyond this many plans on one side of an edited plan's component, or this many affected subjects, a full
/// check is cheaper than tracking.
const LIMIT: usize = 4096;

/// Adds to `out` every subject whose findings may depend on plan node `n` as it stands now. Returns false
/// when the neighbourhood is too large to be worth tracking (re-check everything instead).
pub(crate) fn plan_neighbourhood(reg: &Registry, n: NodeIndex, out: &mut FxHashSet<Subject>) -> bool {
    let Some(plan) = reg.plan_at(n) else { return true };
    out.insert(Subject::Plan(plan.id.clone()));
    let plan_subject = |m: NodeIndex| reg.plan_at(m).map(|p| Subject::Plan(p.id.clone()));
    if let Some(first) = plan.issuers.first() {
        let idx = reg.indexes();
        out.extend(idx.active_group(n).iter().filter_map(|&m| plan_subject(m)));
        out.extend(idx.number_group(n).iter().filter_map(|&m| plan_subject(m)));
        if let Some(u) = reg.unit_node(first.as_str()) {
            out.insert(Subject::Unit(first.clone()));
            for s in reg.subordinate_nodes(u) {
                if let Some(school) = reg.unit_at(s).filter(|x| x.is_school()) {
                    out.insert(Subject::Unit(school.id.clone()));
                }
            }
        }
    }
    out.extend(reg.child_nodes(n).into_iter().filter_map(plan_subject));
    out.extend(reg.waiting_for_plan(plan.id.as_str()).iter().filter_map(|&m| plan_subject(m)));
    match cycles::plan_component(reg, n, LIMIT) {
        None => return false,
        Some(component) => out.extend(component.into_iter().filter_map(plan_subject)),
    }
    out.len() <= LIMIT
}

/// Adds to `out` every subject whose findings may depend on unit node `n` as it stands now; false when that
/// is too many to track. A unit's findings read its own references and the units they name (sides, labels)
/// and its `parent` cycle; a plan's findings read its issuers (their kinds, the first's counterpart, labels),
/// its managing unit (the first issuer's parent) and its parents' administration issuers. So: the unit and
/// the units it names; the units that name it, and the plans their first issuer issued (they are managed by
/// it, or their issuer's counterpart is it); the plans that name it as an issuer, and the children of the
/// plans it issued first; the units on its cycle.
pub(crate) fn unit_neighbourhood(reg: &Registry, n: NodeIndex, out: &mut FxHashSet<Subject>) -> bool {
    let Some(unit) = reg.unit_at(n) else { return true };
    out.insert(Subject::Unit(unit.id.clone()));
    let unit_subject = |m: NodeIndex| reg.unit_at(m).map(|u| Subject::Unit(u.id.clone()));
    let plan_subject = |m: NodeIndex| reg.plan_at(m).map(|p| Subject::Plan(p.id.clone()));
    let fact = reg.fact(n);
    out.extend([fact.parent(), fact.counterpart()].into_iter().flatten().filter_map(unit_subject));
    for e in reg.graph().edges_directed(n, Direction::Incoming) {
        let source = e.source();
        match *e.weight() {
            Link::Parent | Link::Counterpart => {
                out.extend(unit_subject(source));
                out.extend(reg.plans_issued_by(source).filter_map(plan_subject));
            }
            Link::Issuer { position } => {
                out.extend(plan_subject(source));
                if position == 0 {
                    out.extend(reg.child_nodes(source).into_iter().filter_map(plan_subject));
                }
            }
            Link::Implements { .. } => {}
        }
        if out.len() > LIMIT {
            return false;
        }
    }
    out.extend(Cycles::Local.unit_cycle(reg, n).iter().filter_map(|&m| unit_subject(m)));
    out.len() <= LIMIT
}

/// Re-checks `subjects` and puts their findings in `report` in place of the old ones.
pub(crate) fn recheck(reg: &Registry, report: &mut Report, subjects: FxHashSet<Subject>) {
    let out = findings_of(reg, subjects.iter());
    let subjects: Vec<Subject> = subjects.into_iter().collect();
    report.replace_subjects(subjects, out);
}

/// The findings a full check would give about `subjects` (each given once), in no particular order.
pub(crate) fn findings_of<'a>(reg: &Registry, subjects: impl Iterator<Item = &'a Subject>) -> Vec<Finding> {
    let checker = Checker::local(reg);
    let mut out = Vec::new();
    for s in subjects {
        match s {
            Subject::Unit(id) => {
                if let Some(n) = reg.unit_node(id.as_str()) {
                    checker.check_unit(n, &mut out);
                }
            }
            Subject::Plan(id) => {
                if let Some(n) = reg.plan_node(id.as_str()) {
                    checker.check_plan(n, &mut out);
                }
            }
            Subject::Registry => {}
        }
    }
    out
}
