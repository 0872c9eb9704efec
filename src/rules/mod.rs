//! The rule engine: every rule of `spec/rules.md`, one file per family, each rule beside its messages (the
//! tests that make each rule fire and keep it quiet are in `tests/`, by family).
//!
//! A check runs per subject: `Checker::check_unit` runs every rule whose subject is that unit,
//! `Checker::check_plan` every rule whose subject is that plan. What a rule needs beyond its subject comes
//! from the registry's indexes (plans by issuer and year, by number) and from the cycle sets computed once per
//! check, so a full check is linear in the size of the registry and re-checking a few subjects after an edit
//! costs only those subjects.
//!
//! A full check of a national registry is bound by memory, not by the rules: the data of a plan is spread
//! over a dozen heap blocks that are no longer in the cache. So the full check walks dense arrays (the
//! registry's facts and plan summaries) and first asks of each plan whether a finding is possible at all
//! (`Checker::plan_is_quiet`); only the few plans where one is are read and checked rule by rule. The
//! rules themselves are written once, in their family's file; the screen is a conservative summary of their
//! conditions, and test builds check every plan it clears in full as well.
//!
//! "Silence" (`spec/rules.md`): a rule that needs data which is absent or broken says nothing, and the finding
//! about that data is the one reported. Each rule's code states the precondition it stays silent under.

mod content_areas;
pub(crate) mod cycles;
mod hierarchy;
pub(crate) mod incremental;
mod issued;
mod numbers;
mod staff_conference;
mod units;
mod wording;

use petgraph::stable_graph::NodeIndex;

pub use crate::catalogue::{Family, Rule};

use crate::model::{Plan, PlanStatus, SchoolYear, Severity, Unit};
use crate::registry::Registry;
use crate::registry::facts::Kind;
use crate::report::{Field, Finding, Message, Report, Subject};

impl Registry {
    /// Validates the registry against every rule that is not off: a full check.
    ///
    /// To keep a report up to date while editing, re-checking only what each edit can affect, hold the
    /// registry in a [`Validator`](crate::Validator).
    ///
    /// ```
    /// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json")).unwrap();
    /// let report = registry.validate();
    /// assert_eq!((report.counts().error, report.counts().warning), (1, 1));
    /// ```
    pub fn validate(&self) -> Report {
        check(self)
    }
}

/// Validates `registry` against every rule that is not off: the full check.
pub(crate) fn check(registry: &Registry) -> Report {
    let mut checker = Checker::new(registry);
    let mut out = Vec::new();
    // One pass over the dense facts, in node order. Plans that may have findings are checked in full in
    // batches (see `Checker::check_plans_in_full`); the pass notes each unit's issued years on the way, and
    // the schools are judged against their managing units' years after it.
    let mut issued = checker.on(Rule::SchoolWithoutPlan).then(issued::IssuedYears::default);
    let mut schools = Vec::new();
    let mut loud = Vec::with_capacity(BATCH);
    for (n, kind) in registry.node_kinds() {
        match kind {
            Kind::Plan => {
                if let Some(issued) = &mut issued {
                    issued.record(registry, n);
                }
                if !checker.plan_is_quiet_checked(n) {
                    loud.push(n);
                    if loud.len() == BATCH {
                        checker.check_plans_in_full(&loud, &mut out);
                        loud.clear();
                    }
                }
            }
            Kind::Vacant => {}
            Kind::School => {
                checker.check_unit_itself(n, &mut out);
                schools.push(n);
            }
            Kind::Administration | Kind::Union => checker.check_unit_itself(n, &mut out),
        }
    }
    checker.check_plans_in_full(&loud, &mut out);
    checker.issued = issued;
    for n in schools {
        hierarchy::check_school(&checker, n, &mut out);
    }
    Report::new(out)
}

/// How many plans a full check reads together (see `Checker::check_plans_in_full`).
const BATCH: usize = 32;

/// What a check reads: the registry, the severity of each rule, and the units and plans on cycles.
pub(crate) struct Checker<'r> {
    pub(crate) reg: &'r Registry,
    severities: [Option<Severity>; Rule::ALL.len()],
    cycles: cycles::Cycles,
    /// For a full check, the school years of each administration unit's issued plans, once they are all
    /// known (`school-without-plan` reads them for every school and its managing unit); otherwise they are
    /// read from the graph.
    issued: Option<issued::IssuedYears>,
    /// For a local check, the last managing unit whose years were read from the graph, and those years: the
    /// schools re-checked after an edit of a district's plan all share that district, and reading its years
    /// walks every edge into it (one per school), once per school without this.
    last_manager: std::cell::RefCell<Option<(NodeIndex, Vec<SchoolYear>)>>,
}

impl<'r> Checker<'r> {
    /// A checker for the whole registry: finds every cycle once.
    pub(crate) fn new(reg: &'r Registry) -> Checker<'r> {
        let severities = Rule::ALL.map(|r| reg.severity(r));
        Checker { reg, severities, cycles: cycles::Cycles::global(reg), issued: None, last_manager: Default::default() }
    }

    /// A checker for a few subjects: finds cycles from each subject when asked.
    pub(crate) fn local(reg: &'r Registry) -> Checker<'r> {
        let severities = Rule::ALL.map(|r| reg.severity(r));
        Checker { reg, severities, cycles: cycles::Cycles::Local, issued: None, last_manager: Default::default() }
    }

    /// The school years, in order, in which unit node `manager` issued a plan and unit node `school` did not.
    fn missing_years(&self, school: NodeIndex, manager: NodeIndex) -> Vec<SchoolYear> {
        if let Some(issued) = &self.issued {
            return issued.missing(school, manager);
        }
        let years = |n: NodeIndex| {
            let issued = |m: NodeIndex| self.reg.plan_at(m).filter(|p| p.status == PlanStatus::Issued);
            let mut years: Vec<SchoolYear> =
                self.reg.plans_issued_by(n).filter_map(issued).map(|p| p.school_year).collect();
            years.sort_unstable();
            years.dedup();
            years
        };
        let own = years(school);
        let mut last = self.last_manager.borrow_mut();
        let managing = match &*last {
            Some((m, years)) if *m == manager => years,
            _ => &last.insert((manager, years(manager))).1,
        };
        managing.iter().copied().filter(|y| own.binary_search(y).is_err()).collect()
    }

    /// Whether `rule` runs.
    fn on(&self, rule: Rule) -> bool {
        self.severities.get(rule as usize).copied().flatten().is_some()
    }

    /// Records a finding of `rule` unless the rule is off; `message` is only built when it is on. The finding
    /// quotes the rule's basis under the registry's profile.
    fn emit(
        &self,
        out: &mut Vec<Finding>,
        rule: Rule,
        subject: Subject,
        field: Option<Field>,
        school_year: Option<SchoolYear>,
        message: impl FnOnce() -> Message,
    ) {
        self.push(out, rule, subject, field, school_year, rule.basis(self.reg.profile()), message);
    }

    /// [`Checker::emit`] for a finding about the approvals of a plan whose staff conference was held on
    /// `held_on`: it quotes the basis in force that day ([`Rule::basis_on`]).
    fn emit_on(
        &self,
        out: &mut Vec<Finding>,
        rule: Rule,
        subject: Subject,
        held_on: chrono::NaiveDate,
        message: impl FnOnce() -> Message,
    ) {
        let basis = rule.basis_on(self.reg.profile(), held_on);
        self.push(out, rule, subject, Some(Field::Approvals), None, basis, message);
    }

    #[allow(clippy::too_many_arguments)] // the fields of a finding, each named where it is built
    fn push(
        &self,
        out: &mut Vec<Finding>,
        rule: Rule,
        subject: Subject,
        field: Option<Field>,
        school_year: Option<SchoolYear>,
        basis: &'static str,
        message: impl FnOnce() -> Message,
    ) {
        let Some(severity) = self.severities.get(rule as usize).copied().flatten() else {
            return;
        };
        out.push(Finding { rule, severity, subject, field, school_year, message: message(), basis });
    }

    /// Every rule whose subject is unit node `n`.
    pub(crate) fn check_unit(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        self.check_unit_itself(n, out);
        if self.reg.fact(n).kind == Kind::School {
            hierarchy::check_school(self, n, out);
        }
    }

    /// The rules about unit node `n`'s own references (all but `school-without-plan`).
    fn check_unit_itself(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        // Most units have nothing to report, and whether one might is in the dense facts: read the unit's
        // own data only when a reference of it is dangling or crosses sides, or it sits on a cycle.
        let fact = self.reg.fact(n);
        let admin = fact.kind.is_administration();
        let suspect = (fact.names_parent
            && fact.parent().is_none_or(|m| self.reg.fact(m).kind.is_administration() != admin))
            || (fact.names_counterpart && fact.counterpart().is_none_or(|m| self.reg.fact(m).kind != Kind::Union))
            || !self.cycles.unit_cycle(self.reg, n).is_empty();
        if suspect {
            if let Some(unit) = self.reg.unit_at(n) {
                units::check(self, n, unit, out);
            }
        }
    }

    /// Every rule whose subject is plan node `n`.
    pub(crate) fn check_plan(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        if !self.plan_is_quiet_checked(n) {
            self.check_plan_in_full(n, out);
        }
    }

    /// [`Checker::plan_is_quiet`]; test builds prove the shortcut: a plan it skips has nothing to report.
    fn plan_is_quiet_checked(&self, n: NodeIndex) -> bool {
        let quiet = self.plan_is_quiet(n);
        #[cfg(debug_assertions)]
        if quiet {
            let mut found = Vec::new();
            self.check_plan_in_full(n, &mut found);
            debug_assert!(found.is_empty(), "a plan judged quiet has findings: {found:?}");
        }
        quiet
    }

    /// Checks plan nodes `nodes` in full. Their data is scattered over the heap, and at national scale each
    /// plan's node entry and body are a cache miss away, paid one after the other when each plan's check
    /// (hundreds of instructions, messages to format) stands between them. So the batch is first touched in
    /// a tight loop, where the processor overlaps the misses, and then checked from the cache.
    fn check_plans_in_full(&self, nodes: &[NodeIndex], out: &mut Vec<Finding>) {
        for &n in nodes {
            if let Some(p) = self.reg.plan_at(n) {
                std::hint::black_box((
                    p.id.as_str().as_bytes().first(),
                    p.status,
                    p.issuers.len(),
                    p.number.is_some(),
                    p.content_areas.len(),
                    p.approvals.len(),
                ));
            }
        }
        for &n in nodes {
            self.check_plan_in_full(n, out);
        }
    }

    /// Whether plan node `n` certainly has nothing to report, judged from dense data only: the registry's
    /// summary of the plan and of its parent, and the facts of its issuers. Most plans of a national registry
    /// are quiet, and this reads none of their scattered heap blocks; anything unusual (a dangling or second
    /// parent, an issuer on the wrong side, a number group of two...) sends the plan to the full check, which
    /// decides. So each condition here only has to be implied by the absence of findings, and the full
    /// check stays the one statement of each rule.
    fn plan_is_quiet(&self, n: NodeIndex) -> bool {
        let reg = self.reg;
        let indexes = reg.indexes();
        // A local check (after an edit) finds cycles from each subject: leave that to the full check.
        if matches!(self.cycles, cycles::Cycles::Local) {
            return false;
        }
        let Some(plan) = indexes.summary(n) else { return false };
        let fact = reg.fact(n);
        // plan-issuers, unit-unknown-reference: two issuers that resolve, the administration unit first, its
        // union second (and the first's counterpart, when it resolves, is the second).
        let (Some(a), Some(b)) = (fact.first_issuer(), fact.second_issuer()) else { return false };
        let issuer = reg.fact(a);
        if plan.issuers != 2
            || !issuer.kind.is_administration()
            || reg.fact(b).kind != Kind::Union
            || issuer.counterpart().is_some_and(|cp| cp != b)
        {
            return false;
        }
        // plan-cycle
        if !self.cycles.plan_cycle(reg, n).is_empty() {
            return false;
        }
        // document-number-duplicate
        let (active_group, number_group) = indexes.group_sizes(n);
        if plan.status != PlanStatus::Draft && number_group >= 2 {
            return false;
        }
        if !plan.status.is_active() {
            return true;
        }
        // The rules that read the plan alone; duplicate-plan; staff-conference-missing.
        if !plan.locally_quiet
            || active_group >= 2
            || (plan.status == PlanStatus::Issued && plan.conference_held_on.is_none() && issuer.kind == Kind::School)
        {
            return false;
        }
        // The parent rules: no parent, and no managing unit to ask for one; or one active parent of the same
        // year, issued by the managing unit no later than the plan and its conference, whose areas the plan
        // addresses one for one.
        let managing = reg.manager_node(a);
        match plan.implements {
            0 => managing.is_none(),
            1 => {
                let Some(p) = fact.first_parent_plan() else { return false };
                let Some(parent) = indexes.summary(p) else { return false };
                let before = |day: Option<chrono::NaiveDate>| match (day, parent.issued_on) {
                    (Some(day), Some(parent_day)) => day < parent_day,
                    _ => false,
                };
                let wrong_issuer = reg.administration_issuer_node(p).is_some_and(|x| managing.is_some_and(|m| m != x));
                parent.status.is_active()
                    && !wrong_issuer
                    && parent.school_year == plan.school_year
                    && !before(plan.issued_on)
                    && !before(plan.conference_held_on)
                    && indexes.addresses_one_for_one(n, p)
            }
            _ => false,
        }
    }

    /// Every rule whose subject is plan node `n`, from the plan's data.
    fn check_plan_in_full(&self, n: NodeIndex, out: &mut Vec<Finding>) {
        let Some(view) = PlanView::of(self.reg, n) else {
            return;
        };
        units::check_plan(self, &view, out);
        hierarchy::check_cycle(self, n, view.plan, out);
        if view.plan.status.is_active() {
            numbers::check(self, &view, out);
            hierarchy::check(self, &view, out);
            staff_conference::check(self, &view, out);
            content_areas::check(self, &view, out);
        } else {
            numbers::check_withdrawn(self, &view, out);
        }
    }
}

/// A plan with its references resolved once, from its outgoing edges: the families read this rather than
/// look ids up again (a national check resolves some 150,000 references, and an edge is cheaper than a
/// hash of a string).
pub(crate) struct PlanView<'r> {
    reg: &'r Registry,
    n: NodeIndex,
    plan: &'r Plan,
    /// The units `issuers[0]` and `issuers[1]` name, when they resolve.
    first: Option<NodeIndex>,
    second: Option<NodeIndex>,
    /// Whether some issuer names no unit.
    dangling_issuers: bool,
    /// The administration issuer: the first issuer, when it is an administration unit.
    admin: Option<NodeIndex>,
    /// The managing unit: the administration issuer's parent, when it is an administration unit.
    managing: Option<NodeIndex>,
    parents: Parents<'r>,
}

impl<'r> PlanView<'r> {
    /// Resolves plan node `n` from the registry's dense facts: a unit's data is read only when a finding
    /// names it.
    fn of(reg: &'r Registry, n: NodeIndex) -> Option<PlanView<'r>> {
        let plan = reg.plan_at(n)?;
        let fact = reg.fact(n);
        let (first, second) = (fact.first_issuer(), fact.second_issuer());
        let admin = reg.administration_issuer_node(n);
        let managing = admin.and_then(|m| reg.manager_node(m));
        let dangling_issuers = match plan.issuers.len() {
            0 => false,
            1 => first.is_none(),
            2 => first.is_none() || second.is_none(),
            count => reg.references(n).issuer_edges < count,
        };
        let mut parents = Parents { unknown: Vec::new(), withdrawn: Vec::new(), active: Vec::new() };
        if plan.status.is_active() && !plan.implements.is_empty() {
            // The first parent is in the dense facts; the plan's edge list is walked only for a second one.
            let refs = (plan.implements.len() > 1).then(|| reg.references(n));
            // A repeated parent counts once: a scan for the usual handful, a set for a long list (a scan of
            // ten thousand parents would be quadratic).
            let long = plan.implements.len() > 16;
            let mut seen = rustc_hash::FxHashSet::default();
            for (i, id) in plan.implements.iter().enumerate() {
                let repeated = if long {
                    !seen.insert(id.as_str())
                } else {
                    i > 0 && plan.implements.get(..i).is_some_and(|before| before.contains(id))
                };
                if repeated {
                    continue;
                }
                let parent = if i == 0 { fact.first_parent_plan() } else { refs.as_ref().and_then(|r| r.parent_at(i)) };
                match parent.and_then(|m| reg.plan_at(m).map(|p| (m, p))) {
                    None => parents.unknown.push(id.as_str()),
                    Some((m, parent)) if parent.status.is_active() => parents.active.push((m, parent)),
                    Some((_, parent)) => parents.withdrawn.push(parent),
                }
            }
        }
        Some(PlanView { reg, n, plan, first, second, dangling_issuers, admin, managing, parents })
    }

    /// The administration issuer's unit.
    fn admin(&self) -> Option<&'r Unit> {
        self.admin.and_then(|m| self.reg.unit_at(m))
    }

    /// The managing unit.
    fn managing(&self) -> Option<&'r Unit> {
        self.managing.and_then(|m| self.reg.unit_at(m))
    }
}

/// What an active plan's `implements` resolve to: the rules of three families read it.
pub(crate) struct Parents<'r> {
    /// Entries that name no plan, each once, in the order listed.
    unknown: Vec<&'r str>,
    /// Entries that name a withdrawn plan, each once.
    withdrawn: Vec<&'r Plan>,
    /// Entries that name an active plan, each once: the active parents, with their nodes.
    active: Vec<(NodeIndex, &'r Plan)>,
}

impl<'r> Parents<'r> {
    /// Whether every `implements` entry resolves to an active parent (the precondition of the content-area
    /// rules).
    fn all_active(&self) -> bool {
        self.unknown.is_empty() && self.withdrawn.is_empty()
    }

    /// The active parents.
    fn active(&self) -> impl Iterator<Item = &'r Plan> + '_ {
        self.active.iter().map(|(_, p)| *p)
    }
}

/// A unit as messages name it: `"cg-pgd" (Phòng GD&ĐT quận Cầu Giấy)`. Formatted only when a message is built.
fn unit_label(unit: &Unit) -> UnitLabel<'_> {
    UnitLabel(unit)
}

/// A plan as messages name it: `"cg-2020" (21/KHPH-GD&ĐT-LĐLĐ)`, or just the id when it has no number.
/// Formatted only when a message is built, so that checking a plan with no finding allocates nothing.
fn plan_label(plan: &Plan) -> PlanLabel<'_> {
    PlanLabel(plan)
}

struct UnitLabel<'a>(&'a Unit);

impl std::fmt::Display for UnitLabel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" ({})", self.0.id, self.0.name)
    }
}

#[derive(Clone, Copy)]
struct PlanLabel<'a>(&'a Plan);

impl<'a> PlanLabel<'a> {
    /// The pieces of the label, the one place its wording is stated: `"id" (number)`, or `"id"`.
    fn parts(self) -> [&'a str; 5] {
        let id = self.0.id.as_str();
        match &self.0.number {
            Some(n) => ["\"", id, "\" (", n.as_str(), ")"],
            None => ["\"", id, "\"", "", ""],
        }
    }

    /// The label as a string, in one allocation (`to_string` would grow the string as it writes).
    fn render(self) -> String {
        self.parts().concat()
    }
}

impl std::fmt::Display for PlanLabel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts().iter().try_for_each(|part| f.write_str(part))
    }
}
