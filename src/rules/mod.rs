//! The rule engine: every rule of `spec/rules.md`, one file per family, each rule beside its messages and its
//! tests.
//!
//! A check runs per subject: [`Checker::check_unit`] runs every rule whose subject is that unit,
//! [`Checker::check_plan`] every rule whose subject is that plan. What a rule needs beyond its subject comes
//! from the registry's indexes (plans by issuer and year, by number) and from the cycle sets computed once per
//! check, so a full check is linear in the size of the registry and re-checking a few subjects after an edit
//! costs only those subjects.
//!
//! "Silence" (`spec/rules.md`): a rule that needs data which is absent or broken says nothing, and the finding
//! about that data is the one reported. Each rule's code states the precondition it stays silent under.

mod catalogue;
mod content_areas;
pub(crate) mod cycles;
mod hierarchy;
pub(crate) mod incremental;
mod numbers;
mod staff_conference;
mod text;
mod units;

use petgraph::stable_graph::NodeIndex;

pub use catalogue::{Family, Rule};

use crate::model::{Plan, SchoolYear, Severity, Unit};
use crate::registry::Registry;
use crate::report::{Field, Finding, Message, Report, Subject};

/// Validates `registry` against every rule that is not off: the full check.
pub(crate) fn check(registry: &Registry) -> Report {
    let checker = Checker::new(registry);
    let mut out = Vec::new();
    for n in registry.unit_nodes() {
        checker.check_unit(n, &mut out);
    }
    for n in registry.plan_nodes() {
        checker.check_plan(n, &mut out);
    }
    Report::new(out)
}

/// What a check reads: the registry, the severity of each rule, and the units and plans on cycles.
pub(crate) struct Checker<'r> {
    pub(crate) reg: &'r Registry,
    severities: [Option<Severity>; Rule::ALL.len()],
    cycles: cycles::Cycles,
}

impl<'r> Checker<'r> {
    /// A checker for the whole registry: finds every cycle once.
    pub(crate) fn new(reg: &'r Registry) -> Checker<'r> {
        let severities = Rule::ALL.map(|r| reg.severity(r));
        Checker { reg, severities, cycles: cycles::Cycles::global(reg) }
    }

    /// A checker for a few subjects: finds cycles from each subject when asked.
    pub(crate) fn local(reg: &'r Registry) -> Checker<'r> {
        let severities = Rule::ALL.map(|r| reg.severity(r));
        Checker { reg, severities, cycles: cycles::Cycles::Local }
    }

    /// Whether `rule` runs.
    fn on(&self, rule: Rule) -> bool {
        self.severities.get(rule as usize).copied().flatten().is_some()
    }

    /// Records a finding of `rule` unless the rule is off; `message` is only built when it is on.
    fn emit(
        &self,
        out: &mut Vec<Finding>,
        rule: Rule,
        subject: Subject,
        field: Option<Field>,
        school_year: Option<SchoolYear>,
        message: impl FnOnce() -> Message,
    ) {
        let Some(severity) = self.severities.get(rule as usize).copied().flatten() else {
            return;
        };
        out.push(Finding {
            rule,
            severity,
            subject,
            field,
            school_year,
            message: message(),
            basis: rule.basis(self.reg.profile()),
        });
    }

    /// Every rule whose subject is unit node `n`.
    pub(crate) fn check_unit(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        let Some(unit) = self.reg.unit_at(n) else {
            return;
        };
        units::check(self, n, unit, out);
        hierarchy::check_school(self, unit, out);
    }

    /// Every rule whose subject is plan node `n`.
    pub(crate) fn check_plan(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        let Some(plan) = self.reg.plan_at(n) else {
            return;
        };
        units::check_plan(self, plan, out);
        hierarchy::check_cycle(self, n, plan, out);
        if plan.status.is_active() {
            let parents = Parents::of(self.reg, plan);
            numbers::check(self, plan, out);
            hierarchy::check(self, plan, &parents, out);
            staff_conference::check(self, plan, &parents, out);
            content_areas::check(self, plan, &parents, out);
        } else {
            numbers::check_withdrawn(self, plan, out);
        }
    }
}

/// What an active plan's `implements` resolve to: the rules of three families read it.
pub(crate) struct Parents<'r> {
    /// Entries that name no plan, each once, in the order listed.
    unknown: Vec<&'r str>,
    /// Entries that name a withdrawn plan, each once.
    withdrawn: Vec<&'r Plan>,
    /// Entries that name an active plan, each once: the active parents.
    active: Vec<&'r Plan>,
}

impl<'r> Parents<'r> {
    fn of(reg: &'r Registry, plan: &'r Plan) -> Parents<'r> {
        let mut p = Parents { unknown: Vec::new(), withdrawn: Vec::new(), active: Vec::new() };
        for (i, id) in plan.implements.iter().enumerate() {
            if plan.implements.get(..i).is_some_and(|before| before.contains(id)) {
                continue;
            }
            match reg.plan(id.as_str()) {
                None => p.unknown.push(id.as_str()),
                Some(parent) if parent.status.is_active() => p.active.push(parent),
                Some(parent) => p.withdrawn.push(parent),
            }
        }
        p
    }

    /// Whether `implements` is not empty and every entry resolves to an active parent (the precondition of
    /// the content-area rules).
    fn all_active(&self) -> bool {
        self.unknown.is_empty() && self.withdrawn.is_empty()
    }
}

/// A unit as messages name it: `"cg-pgd" (Phòng GD&ĐT quận Cầu Giấy)`.
fn unit_label(unit: &Unit) -> String {
    format!("\"{}\" ({})", unit.id, unit.name)
}

/// A plan as messages name it: `"cg-2020" (21/KHPH-GD&ĐT-LĐLĐ)`, or just the id when it has no number.
fn plan_label(plan: &Plan) -> String {
    match &plan.number {
        Some(n) => format!("\"{}\" ({})", plan.id, n),
        None => format!("\"{}\"", plan.id),
    }
}
