//! Property tests over the public API:
//!
//! 1. arbitrary registries (dangling references, cycles, any status, numbers and dates of every shape) never
//!    panic the validator, the queries or the format, and their reports are ordered and counted right;
//! 2. a correct registry has no finding, and one targeted change gives exactly the findings `rules.md`
//!    derives for it (knock-on effects included), whether the change is made by edits, built from scratch
//!    in any order, re-validated incrementally, saved and loaded, or judged under severity overrides;
//! 3. arbitrary and mutated bytes given to the loader give a registry or an error with a place, never a
//!    panic;
//! 5. failed edits leave the registry unchanged.
//!
//! (Round trips and NFC are in `tests/it/roundtrip.rs`.)

use std::collections::BTreeSet;

use crate::support::props::*;
use crate::support::props::{Level, Rng};
use chrono::{Datelike, NaiveDate};
use kehoach::format;
use kehoach::{
    AdministrationKind, Approval, ContentArea, Count, EditError, Level as RuleLevel, Plan, PlanStatus, Registry,
    Review, ReviewKind, Role, Rule, Severity, StaffConference, Unit, Validator,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

mod oracle;

use oracle::*;

// ---- what the tests ask of a generated world -----------------------------------------------------------

impl World {
    /// The plans that implement `p` directly.
    fn children(&self, p: usize) -> Vec<usize> {
        (0..self.plans.len()).filter(|&c| self.meta[c].parent == Some(p)).collect()
    }

    /// Every plan that implements `p` directly or not.
    fn descendants(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = vec![p];
        while let Some(x) = todo.pop() {
            for c in self.children(x) {
                out.push(c);
                todo.push(c);
            }
        }
        out
    }

    /// Whether plan `p` is issued.
    fn issued(&self, p: usize) -> bool {
        self.plans[p].status == PlanStatus::Issued
    }

    /// The level of the unit that issues plan `p`.
    fn level_of_plan(&self, p: usize) -> Level {
        self.admins[self.meta[p].admin].level
    }

    /// The school-without-plan finding that appears when plan `p` stops being an issued plan of its
    /// school: only when it was issued, its issuer is a school, and that school's managing unit issued a
    /// plan for the year (every unit of a generated world has exactly one plan per year).
    fn school_loses(&self, p: usize) -> Vec<Key> {
        let m = &self.meta[p];
        let a = &self.admins[m.admin];
        if !self.issued(p) || a.level != Level::School {
            return Vec::new();
        }
        let Some(manager) = a.manager else {
            return Vec::new();
        };
        match self.plan_of(manager, m.year) {
            Some(q) if self.issued(q) => vec![school_without_plan(&a.id, m.year)],
            _ => Vec::new(),
        }
    }

    /// The schools `admin` manages.
    fn schools_of(&self, admin: usize) -> Vec<usize> {
        (0..self.admins.len())
            .filter(|&s| self.admins[s].level == Level::School && self.admins[s].manager == Some(admin))
            .collect()
    }

    /// The plans whose first issuer is `admin`.
    fn plans_of(&self, admin: usize) -> Vec<usize> {
        (0..self.plans.len()).filter(|&p| self.meta[p].admin == admin).collect()
    }

    /// The unit `id` of the world.
    fn unit(&self, id: &str) -> &Unit {
        self.units.iter().find(|u| u.id == id).expect("a unit of the world")
    }
}

/// The day of `d` in another calendar year that keeps it valid.
fn same_calendar_year(d: NaiveDate, rng: &mut Rng) -> NaiveDate {
    if rng.chance(50) { ymd(d.year(), 1, 1) } else { ymd(d.year(), 12, 31) }
}

// ---- 2. a correct registry, and one targeted change --------------------------------------------------

/// An edit of a registry, applied both to a live registry and to the plain lists it was built from.
#[derive(Clone, Debug)]
enum Edit {
    AddUnit(Unit),
    AddPlan(Plan),
    ReplaceUnit(Unit),
    ReplacePlan(Plan),
    RemoveUnit(String),
    RemovePlan(String),
}

/// One targeted change and the findings `rules.md` says it produces.
struct Mutation {
    name: String,
    edits: Vec<Edit>,
    expected: BTreeSet<Key>,
}

fn mutation(name: &str, edits: Vec<Edit>, expected: impl IntoIterator<Item = Key>) -> Mutation {
    Mutation { name: name.to_owned(), edits, expected: expected.into_iter().collect() }
}

/// Applies `edits` to `reg` (each must succeed) and returns the edits that undo them, in order.
fn apply<R: Editor>(reg: &mut R, edits: &[Edit]) -> Vec<Edit> {
    let mut undo = Vec::new();
    for e in edits {
        let inverse = match e {
            Edit::AddUnit(u) => {
                reg.add_unit(u.clone()).expect("add_unit");
                Edit::RemoveUnit(u.id.to_string())
            }
            Edit::AddPlan(p) => {
                reg.add_plan(p.clone()).expect("add_plan");
                Edit::RemovePlan(p.id.to_string())
            }
            Edit::ReplaceUnit(u) => Edit::ReplaceUnit(reg.replace_unit(u.clone()).expect("replace_unit")),
            Edit::ReplacePlan(p) => Edit::ReplacePlan(reg.replace_plan(p.clone()).expect("replace_plan")),
            Edit::RemoveUnit(id) => Edit::AddUnit(reg.remove_unit(id).expect("remove_unit")),
            Edit::RemovePlan(id) => Edit::AddPlan(reg.remove_plan(id).expect("remove_plan")),
        };
        undo.push(inverse);
    }
    undo.reverse();
    undo
}

/// Applies `edits` to plain lists of units and plans.
fn apply_to_lists(units: &mut Vec<Unit>, plans: &mut Vec<Plan>, edits: &[Edit]) {
    for e in edits {
        match e {
            Edit::AddUnit(u) => units.push(u.clone()),
            Edit::AddPlan(p) => plans.push(p.clone()),
            Edit::ReplaceUnit(u) => {
                let slot = units.iter_mut().find(|x| x.id == u.id).expect("a unit");
                *slot = u.clone();
            }
            Edit::ReplacePlan(p) => {
                let slot = plans.iter_mut().find(|x| x.id == p.id).expect("a plan");
                *slot = p.clone();
            }
            Edit::RemoveUnit(id) => units.retain(|u| u.id != id.as_str()),
            Edit::RemovePlan(id) => plans.retain(|p| p.id != id.as_str()),
        }
    }
}

fn pick(rng: &mut Rng, xs: &[usize]) -> Option<usize> {
    if xs.is_empty() { None } else { Some(*rng.pick(xs)) }
}

fn pid(w: &World, p: usize) -> String {
    w.plans[p].id.to_string()
}

/// The content-area findings of `plan` whose `implements` is not empty and resolves entirely to the
/// active `parents`: codes addressed that no parent has, and (when the plan lists an area) parent codes
/// no area addresses. The parents' codes are pooled.
fn content_expect(plan: &Plan, parents: &[&Plan]) -> Vec<Key> {
    let id = plan.id.as_str();
    let pooled: BTreeSet<&str> = parents.iter().flat_map(|p| p.content_areas.iter().map(|a| a.code.as_str())).collect();
    let addressed: BTreeSet<&str> =
        plan.content_areas.iter().flat_map(|a| a.addresses.iter().map(|c| c.as_str())).collect();
    let mut out = Vec::new();
    if addressed.iter().any(|c| !pooled.contains(c)) {
        out.push(plan_key(id, Rule::ContentAreaUnknown, "content_areas"));
    }
    if !plan.content_areas.is_empty() && pooled.iter().any(|c| !addressed.contains(c)) {
        out.push(plan_key(id, Rule::ContentAreaUncovered, "content_areas"));
    }
    out
}

/// The findings of the parent rules, the conference-before-parent rule and the content-area rules for
/// `plan` (issued by `admin` of the world, whose unit hierarchy is unchanged) whose `implements` resolves
/// entirely to the active `parents`.
fn parent_effects(w: &World, plan: &Plan, admin: usize, parents: &[&Plan]) -> Vec<Key> {
    let id = plan.id.as_str();
    let mut out = Vec::new();
    if let Some(m) = w.admins[admin].manager {
        if parents.iter().any(|p| p.issuers[0] != w.admins[m].id.as_str()) {
            out.push(plan_key(id, Rule::ParentPlanWrongIssuer, "implements"));
        }
    }
    if parents.iter().any(|p| p.school_year != plan.school_year) {
        out.push(plan_key(id, Rule::ParentPlanSchoolYear, "implements"));
    }
    if let Some(d) = plan.issued_on {
        if parents.iter().any(|p| p.issued_on.is_some_and(|pd| d < pd)) {
            out.push(plan_key(id, Rule::ParentPlanDateOrder, "issued_on"));
        }
    }
    if let Some(c) = adopting(plan) {
        if parents.iter().any(|p| p.issued_on.is_some_and(|pd| c.held_on < pd)) {
            out.push(plan_key(id, Rule::StaffConferenceBeforeParent, "approvals"));
        }
    }
    out.extend(content_expect(plan, parents));
    out
}

/// `plan` with its adopting conference replaced by `c`.
fn with_adopting(plan: &Plan, c: StaffConference) -> Plan {
    let mut p = plan.clone();
    let i = adopting_index(&p).expect("a conference");
    p.approvals[i] = Approval::StaffConference(c);
    p
}

fn conference(held: NaiveDate, total: u64, attendees: u64, votes_for: u64, against: Option<u64>) -> StaffConference {
    StaffConference::new(held, total, attendees, votes_for, against).expect("counts in range")
}

/// The number split as `serial`, `type`, `rest` (the groups after the type).
fn split_number(n: &str) -> (String, String, String) {
    let (serial, symbol) = n.split_once('/').expect("a slash");
    let (ty, rest) = symbol.split_once('-').expect("two groups");
    (serial.to_owned(), ty.to_owned(), rest.to_owned())
}

fn with_staff_count(unit: &Unit, staff: Option<u64>) -> Unit {
    let mut u = unit.clone();
    if let Role::Administration { kind: AdministrationKind::School { staff_count, .. }, .. } = &mut u.role {
        *staff_count = staff.map(|s| Count::new(s).expect("in range"));
    }
    u
}

/// How many kinds of change [`make_mutation`] knows.
const KINDS: usize = 47;

/// The change of kind `kind` to world `w` (targets picked by `rng`), or `None` when the world has nothing
/// it applies to.
#[allow(clippy::too_many_lines)]
fn make_mutation(kind: usize, w: &mut World, rng: &mut Rng) -> Option<Mutation> {
    use Edit::*;
    use Rule::*;
    let n = w.plans.len();
    let all: Vec<usize> = (0..n).collect();
    let with_parent: Vec<usize> = all.iter().copied().filter(|&p| w.meta[p].parent.is_some()).collect();
    let with_children: Vec<usize> = all.iter().copied().filter(|&p| !w.children(p).is_empty()).collect();
    let with_conference: Vec<usize> = all.iter().copied().filter(|&p| adopting(&w.plans[p]).is_some()).collect();
    let with_number: Vec<usize> = all.iter().copied().filter(|&p| w.plans[p].number.is_some()).collect();
    let with_date: Vec<usize> = all.iter().copied().filter(|&p| w.plans[p].issued_on.is_some()).collect();
    let issued: Vec<usize> = all.iter().copied().filter(|&p| w.issued(p)).collect();
    let admins: Vec<usize> = (0..w.admins.len()).collect();
    let managed: Vec<usize> = admins.iter().copied().filter(|&a| w.admins[a].manager.is_some()).collect();
    let children_keys = |w: &World, p: usize, rule: Rule| -> Vec<Key> {
        w.children(p).into_iter().map(|c| plan_key(w.plans[c].id.as_str(), rule, "implements")).collect()
    };
    match kind {
        0 => {
            let p = pick(rng, &with_parent)?;
            let mut plan = w.plans[p].clone();
            plan.implements.clear();
            let id = pid(w, p);
            Some(mutation("drop implements", vec![ReplacePlan(plan)], [plan_key(&id, ParentPlanMissing, "implements")]))
        }
        1 => {
            let p = pick(rng, &with_parent)?;
            let parent = pid(w, w.meta[p].parent?);
            let (g1, g2) = (w.ghost(rng), w.ghost(rng));
            let refs: Vec<&str> = match rng.below(3) {
                0 => vec![g1.as_str()],
                1 => vec![parent.as_str(), g1.as_str()],
                _ => vec![g1.as_str(), parent.as_str(), g2.as_str(), g1.as_str()],
            };
            let plan = w.plans[p].clone().implementing(&refs).expect("valid");
            let id = pid(w, p);
            Some(mutation(
                "implements a plan that does not exist",
                vec![ReplacePlan(plan)],
                [plan_key(&id, ParentPlanUnknown, "implements")],
            ))
        }
        2 => {
            let p = pick(rng, &with_children)?;
            let mut plan = w.plans[p].clone();
            plan.status = PlanStatus::Withdrawn;
            Some(mutation("withdraw a parent plan", vec![ReplacePlan(plan)], children_keys(w, p, ParentPlanWithdrawn)))
        }
        3 => {
            let schools: Vec<usize> = all.iter().copied().filter(|&p| w.level_of_plan(p) == Level::School).collect();
            let p = pick(rng, &schools)?;
            let mut plan = w.plans[p].clone();
            plan.status = PlanStatus::Withdrawn;
            Some(mutation("withdraw a school plan", vec![ReplacePlan(plan)], w.school_loses(p)))
        }
        4 => {
            let p = pick(rng, &issued)?;
            let mut plan = w.plans[p].clone();
            plan.status = PlanStatus::Draft;
            Some(mutation("an issued plan back to draft", vec![ReplacePlan(plan)], w.school_loses(p)))
        }
        5 => {
            let p = pick(rng, &all)?;
            let mut expected = children_keys(w, p, ParentPlanUnknown);
            expected.extend(w.school_loses(p));
            Some(mutation("delete a plan", vec![RemovePlan(pid(w, p))], expected))
        }
        6 => {
            let p = pick(rng, &with_conference)?;
            let held = adopting(&w.plans[p])?.held_on;
            let total = if rng.chance(50) { rng.range(2, 60) } else { rng.range(2, 1_000_000) };
            let attendees = rng.range(1, (2 * total - 1) / 3);
            let votes_for = rng.range(attendees / 2 + 1, attendees);
            let against = rng.chance(50).then(|| rng.range(0, attendees - votes_for));
            let plan = with_adopting(&w.plans[p], conference(held, total, attendees, votes_for, against));
            Some(mutation(
                "conference below quorum",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), StaffConferenceQuorum, "approvals")],
            ))
        }
        7 => {
            let p = pick(rng, &with_conference)?;
            let held = adopting(&w.plans[p])?.held_on;
            let c = if rng.chance(25) {
                // rules.md: `staff_total` 0 with 0 attendees fires -majority only.
                conference(held, 0, 0, 0, rng.chance(50).then_some(0))
            } else {
                let total = rng.range(1, 5000);
                let attendees = rng.range((2 * total).div_ceil(3), total);
                let votes_for = rng.range(0, attendees / 2);
                let against = rng.chance(50).then(|| rng.range(0, attendees - votes_for));
                conference(held, total, attendees, votes_for, against)
            };
            let plan = with_adopting(&w.plans[p], c);
            Some(mutation(
                "conference without a majority",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), StaffConferenceMajority, "approvals")],
            ))
        }
        8 => {
            let p = pick(rng, &with_conference)?;
            let held = adopting(&w.plans[p])?.held_on;
            let total = rng.range(1, 1000);
            let c = if rng.chance(50) {
                let attendees = total + rng.range(1, 10);
                let votes_for = rng.range(attendees / 2 + 1, attendees);
                conference(held, total, attendees, votes_for, None)
            } else {
                let attendees = rng.range((2 * total).div_ceil(3), total);
                let votes_for = rng.range(attendees / 2 + 1, attendees);
                let against = attendees - votes_for + rng.range(1, 5);
                conference(held, total, attendees, votes_for, Some(against))
            };
            let plan = with_adopting(&w.plans[p], c);
            Some(mutation(
                "conference counts that do not add up",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), StaffConferenceCounts, "approvals")],
            ))
        }
        9 => {
            let p = pick(rng, &with_conference)?;
            let mut c = adopting(&w.plans[p])?;
            c.held_on = plus(w.meta[p].year.last_day(), rng.range(1, 200));
            let plan = with_adopting(&w.plans[p], c);
            Some(mutation(
                "conference after the school year",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), StaffConferenceWindow, "approvals")],
            ))
        }
        10 => {
            let targets: Vec<usize> = with_conference
                .iter()
                .copied()
                .filter(|&p| w.meta[p].parent.is_some_and(|q| w.plans[q].issued_on.is_some()))
                .collect();
            let p = pick(rng, &targets)?;
            let parent_date = w.plans[w.meta[p].parent?].issued_on?;
            let mut c = adopting(&w.plans[p])?;
            c.held_on = minus(parent_date, rng.range(1, 40));
            let mut plan = w.plans[p].clone();
            plan.approvals.retain(|a| matches!(a, Approval::Signing { .. }));
            let at = rng.index(plan.approvals.len() + 1);
            plan.approvals.insert(at, Approval::StaffConference(c));
            let id = pid(w, p);
            let mut expected = vec![plan_key(&id, StaffConferenceBeforeParent, "approvals")];
            if !w.meta[p].year.contains(c.held_on) {
                expected.push(plan_key(&id, StaffConferenceWindow, "approvals"));
            }
            Some(mutation("conference before the parent plan", vec![ReplacePlan(plan)], expected))
        }
        11 => {
            let p = pick(rng, &with_conference)?;
            let mut plan = w.plans[p].clone();
            plan.approvals.retain(|a| matches!(a, Approval::Signing { .. }));
            let a = &w.admins[w.meta[p].admin];
            let required = w.issued(p) && a.level == Level::School && a.staff_count.is_none_or(|s| s > 7);
            let expected = required.then(|| plan_key(&pid(w, p), StaffConferenceMissing, "approvals"));
            Some(mutation("no conference", vec![ReplacePlan(plan)], expected))
        }
        12 => {
            let p = pick(rng, &with_number)?;
            let number = w.plans[p].number.as_ref()?.as_str().to_owned();
            let (serial, ty, rest) = split_number(&number);
            let sym = format!("{ty}-{rest}");
            let bad = match rng.below(11) {
                0 => format!("{}/{sym}", rng.range(1, 9)),
                1 => format!("0{serial}/{sym}"),
                2 => format!("{serial}/{ty}.{rest}"),
                3 => format!("{serial}/{ty}"),
                4 => format!("{serial}/{}-{rest}", ty.to_lowercase()),
                5 => format!("{serial}/{ty}-Ð{rest}"),
                6 => format!("１７/{sym}"),
                7 => format!("{serial}-{sym}"),
                8 => format!("{serial}/{ty}--{rest}"),
                9 => format!("{serial}/{sym} A"),
                _ => format!("{serial}\t/{sym}"),
            };
            let plan = w.plans[p].clone().with_number(&bad).expect("not empty");
            Some(mutation(
                &format!("number {bad:?}"),
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), DocumentNumberFormat, "number")],
            ))
        }
        13 => {
            let p = pick(rng, &with_number)?;
            let number = w.plans[p].number.as_ref()?.as_str().to_owned();
            let (serial, ty, rest) = split_number(&number);
            let spaced = match rng.below(4) {
                0 => format!("{serial} /{ty}-{rest}"),
                1 => format!("{serial}/ {ty}-{rest}"),
                2 => format!("{serial}  /  {ty} - {rest}"),
                _ => format!("{serial}/{ty} -{rest}"),
            };
            let plan = w.plans[p].clone().with_number(&spaced).expect("not empty");
            Some(mutation(
                &format!("number {spaced:?}"),
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), DocumentNumberSpacing, "number")],
            ))
        }
        14 => {
            let p = pick(rng, &with_number)?;
            let number = w.plans[p].number.as_ref()?.as_str().to_owned();
            let (serial, _, rest) = split_number(&number);
            let ty = rng.pick(&["QĐ", "HD", "CV", "TTr", "BC", "KHQ", "K", "Kh"]);
            let other = format!("{serial}/{ty}-{rest}");
            let plan = w.plans[p].clone().with_number(&other).expect("not empty");
            Some(mutation(
                &format!("number {other:?}"),
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), DocumentNumberType, "number")],
            ))
        }
        15 => {
            let p = pick(rng, &with_number)?;
            let mut plan = w.plans[p].clone();
            plan.number = None;
            let expected = w.issued(p).then(|| plan_key(&pid(w, p), PlanIssuedFields, "number"));
            Some(mutation("no number", vec![ReplacePlan(plan)], expected))
        }
        16 => {
            let p = pick(rng, &with_date)?;
            let mut plan = w.plans[p].clone();
            plan.issued_on = None;
            let expected = w.issued(p).then(|| plan_key(&pid(w, p), PlanIssuedFields, "issued_on"));
            Some(mutation("no issue date", vec![ReplacePlan(plan)], expected))
        }
        17 => {
            let p = pick(rng, &with_date)?;
            let date = minus(w.meta[p].year.first_day(), rng.range(1, 400));
            let plan = w.plans[p].clone().issued(date);
            let id = pid(w, p);
            let mut expected = vec![plan_key(&id, SchoolYearWindow, "issued_on")];
            if w.meta[p].parent.is_some_and(|q| w.plans[q].issued_on.is_some()) {
                expected.push(plan_key(&id, ParentPlanDateOrder, "issued_on"));
            }
            Some(mutation("issued before the school year", vec![ReplacePlan(plan)], expected))
        }
        18 => {
            let p = pick(rng, &all)?;
            let m = w.meta[p].clone();
            let y2 = if rng.chance(50) { year(m.year.start_year() + 1) } else { year(m.year.start_year() - 1) };
            let mut plan = w.plans[p].clone();
            plan.school_year = y2;
            let id = pid(w, p);
            let mut expected = Vec::new();
            if plan.issued_on.is_some() {
                expected.push(plan_key(&id, SchoolYearWindow, "issued_on"));
            }
            if m.parent.is_some() {
                expected.push(plan_key(&id, ParentPlanSchoolYear, "implements"));
            }
            if adopting(&plan).is_some() {
                expected.push(plan_key(&id, StaffConferenceWindow, "approvals"));
            }
            expected.extend(children_keys(w, p, ParentPlanSchoolYear));
            if let Some(q) = w.plan_of(m.admin, y2) {
                expected.push(plan_key(&id, DuplicatePlan, "issuers"));
                expected.push(plan_key(&pid(w, q), DuplicatePlan, "issuers"));
            }
            if w.issued(p) {
                expected.extend(w.school_loses(p));
                for s in w.schools_of(m.admin) {
                    if !w.plan_of(s, y2).is_some_and(|q| w.issued(q)) {
                        expected.push(school_without_plan(&w.admins[s].id, y2));
                    }
                }
            }
            Some(mutation(&format!("school year {y2}"), vec![ReplacePlan(plan)], expected))
        }
        19 => {
            let targets: Vec<usize> = with_parent
                .iter()
                .copied()
                .filter(|&p| w.meta[w.meta[p].parent.expect("a parent")].parent.is_some())
                .collect();
            let p = pick(rng, &targets)?;
            let gp = w.meta[w.meta[p].parent?].parent?;
            let gp_id = pid(w, gp);
            let plan = w.plans[p].clone().implementing(&[&gp_id]).expect("valid");
            let expected = parent_effects(w, &plan, w.meta[p].admin, &[&w.plans[gp]]);
            assert!(expected.iter().any(|k| k.rule == ParentPlanWrongIssuer.code()));
            Some(mutation("implements the grandparent plan", vec![ReplacePlan(plan)], expected))
        }
        20 => {
            let p = pick(rng, &with_parent)?;
            let parent = w.meta[p].parent?;
            let below = w.descendants(p);
            let others: Vec<usize> =
                all.iter().copied().filter(|&q| q != p && q != parent && !below.contains(&q)).collect();
            let q = pick(rng, &others)?;
            let q_id = pid(w, q);
            let plan = w.plans[p].clone().implementing(&[&q_id]).expect("valid");
            let expected = parent_effects(w, &plan, w.meta[p].admin, &[&w.plans[q]]);
            Some(mutation("implements another plan", vec![ReplacePlan(plan)], expected))
        }
        21 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            plan.issuers.reverse();
            let mut expected = vec![plan_key(&pid(w, p), PlanIssuers, "issuers")];
            expected.extend(w.school_loses(p));
            Some(mutation("issuers swapped", vec![ReplacePlan(plan)], expected))
        }
        22 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            plan.issuers.truncate(1);
            Some(mutation("one issuer", vec![ReplacePlan(plan)], [plan_key(&pid(w, p), PlanIssuers, "issuers")]))
        }
        23 => {
            if w.admins.len() < 2 {
                return None;
            }
            let p = pick(rng, &all)?;
            let own = w.meta[p].admin;
            let other: Vec<usize> = admins.iter().copied().filter(|&a| a != own).collect();
            let o = pick(rng, &other)?;
            let mut plan = w.plans[p].clone();
            plan.issuers[1] = w.admins[o].union_id.parse().expect("valid");
            Some(mutation(
                "another unit's union as second issuer",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), PlanIssuers, "issuers")],
            ))
        }
        24 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            let id = pid(w, p);
            let mut expected = vec![plan_key(&id, PlanIssuers, "issuers")];
            let third = if rng.chance(50) {
                w.units[rng.index(w.units.len())].id.to_string()
            } else {
                expected.push(plan_key(&id, UnitUnknownReference, "issuers"));
                w.ghost(rng)
            };
            plan.issuers.push(third.parse().expect("valid"));
            Some(mutation("three issuers", vec![ReplacePlan(plan)], expected))
        }
        25 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            plan.issuers[0] = w.ghost(rng).parse().expect("valid");
            let mut expected = vec![plan_key(&pid(w, p), UnitUnknownReference, "issuers")];
            expected.extend(w.school_loses(p));
            Some(mutation("first issuer does not exist", vec![ReplacePlan(plan)], expected))
        }
        26 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            plan.issuers[1] = w.ghost(rng).parse().expect("valid");
            Some(mutation(
                "second issuer does not exist",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), UnitUnknownReference, "issuers")],
            ))
        }
        27 => {
            let with_parent_units: Vec<usize> = (0..w.units.len()).filter(|&i| w.units[i].parent.is_some()).collect();
            let i = pick(rng, &with_parent_units)?;
            let g = w.ghost(rng);
            let unit = w.units[i].clone().with_parent(&g).expect("valid");
            let id = unit.id.to_string();
            Some(mutation(
                "parent unit does not exist",
                vec![ReplaceUnit(unit)],
                [unit_key(&id, UnitUnknownReference, Some("parent"))],
            ))
        }
        28 => {
            let a = pick(rng, &admins)?;
            let g = w.ghost(rng);
            let unit = w.unit(&w.admins[a].id).clone().with_counterpart(&g).expect("admin");
            Some(mutation(
                "counterpart does not exist",
                vec![ReplaceUnit(unit)],
                [unit_key(&w.admins[a].id, UnitUnknownReference, Some("counterpart"))],
            ))
        }
        29 => {
            if rng.chance(50) {
                let a = pick(rng, &managed)?;
                let target = if rng.chance(50) {
                    w.admins[a].union_id.clone()
                } else {
                    w.admins[w.admins[a].manager?].union_id.clone()
                };
                let unit = w.unit(&w.admins[a].id).clone().with_parent(&target).expect("valid");
                Some(mutation(
                    "administration unit under a union unit",
                    vec![ReplaceUnit(unit)],
                    [unit_key(&w.admins[a].id, UnitSideMismatch, Some("parent"))],
                ))
            } else {
                let a = pick(rng, &admins)?;
                let b = pick(rng, &admins)?;
                let union = w.unit(&w.admins[a].union_id).clone();
                let unit = union.with_parent(&w.admins[b].id).expect("valid");
                Some(mutation(
                    "union unit under an administration unit",
                    vec![ReplaceUnit(unit)],
                    [unit_key(&w.admins[a].union_id, UnitSideMismatch, Some("parent"))],
                ))
            }
        }
        30 => {
            let a = pick(rng, &admins)?;
            let b = pick(rng, &admins)?;
            let unit = w.unit(&w.admins[a].id).clone().with_counterpart(&w.admins[b].id).expect("admin");
            let mut expected = vec![unit_key(&w.admins[a].id, UnitSideMismatch, Some("counterpart"))];
            for p in w.plans_of(a) {
                expected.push(plan_key(&pid(w, p), PlanIssuers, "issuers"));
            }
            Some(mutation("counterpart on the administration side", vec![ReplaceUnit(unit)], expected))
        }
        31 => match rng.below(3) {
            0 => {
                // A unit that is its own parent: it becomes its own managing unit.
                let a = pick(rng, &admins)?;
                let id = w.admins[a].id.clone();
                let unit = w.unit(&id).clone().with_parent(&id).expect("valid");
                let mut expected = vec![unit_key(&id, UnitHierarchyCycle, Some("parent"))];
                for p in w.plans_of(a) {
                    let rule = if w.meta[p].parent.is_some() { ParentPlanWrongIssuer } else { ParentPlanMissing };
                    expected.push(plan_key(&pid(w, p), rule, "implements"));
                }
                Some(mutation("unit is its own parent", vec![ReplaceUnit(unit)], expected))
            }
            1 => {
                // A department under a unit below it: the chain from there up is the cycle.
                let below: Vec<usize> = managed.clone();
                let x = pick(rng, &below)?;
                let mut chain = vec![x];
                while let Some(m) = w.admins[*chain.last()?].manager {
                    chain.push(m);
                }
                let top = *chain.last()?;
                let top_id = w.admins[top].id.clone();
                let unit = w.unit(&top_id).clone().with_parent(&w.admins[x].id).expect("valid");
                let mut expected: Vec<Key> =
                    chain.iter().map(|&a| unit_key(&w.admins[a].id, UnitHierarchyCycle, Some("parent"))).collect();
                for p in w.plans_of(top) {
                    expected.push(plan_key(&pid(w, p), ParentPlanMissing, "implements"));
                }
                Some(mutation("department under its own school or office", vec![ReplaceUnit(unit)], expected))
            }
            _ => {
                // Two union units, each the other's parent.
                let pairs: Vec<usize> =
                    admins.iter().copied().filter(|&a| w.admins[a].union_parent.is_some()).collect();
                let a = pick(rng, &pairs)?;
                let child = w.admins[a].union_id.clone();
                let parent = w.admins[a].union_parent.clone()?;
                let unit = w.unit(&parent).clone().with_parent(&child).expect("valid");
                Some(mutation(
                    "two union units, each the other's parent",
                    vec![ReplaceUnit(unit)],
                    [
                        unit_key(&child, UnitHierarchyCycle, Some("parent")),
                        unit_key(&parent, UnitHierarchyCycle, Some("parent")),
                    ],
                ))
            }
        },
        32 => {
            let p = pick(rng, &all)?;
            let id = pid(w, p);
            let copy_id = w.fresh_plan_id(&format!("{id}-bản-sao"));
            let mut copy = w.plans[p].clone();
            copy.id = copy_id.parse().expect("valid");
            copy.status = PlanStatus::Draft;
            if rng.chance(50) {
                copy.number = None;
            }
            if rng.chance(50) {
                copy.issued_on = None;
            }
            copy.approvals.clear();
            copy.reviews.clear();
            Some(mutation(
                "a second, draft plan for the same year",
                vec![AddPlan(copy)],
                [plan_key(&id, DuplicatePlan, "issuers"), plan_key(&copy_id, DuplicatePlan, "issuers")],
            ))
        }
        33 => {
            let p = pick(rng, &issued)?;
            let id = pid(w, p);
            let copy_id = w.fresh_plan_id(&format!("{id}-thu-hồi"));
            let mut copy = w.plans[p].clone();
            copy.id = copy_id.parse().expect("valid");
            copy.status = PlanStatus::Withdrawn;
            let number = copy.number.as_ref()?.as_str().to_owned();
            let date = copy.issued_on?;
            let variant = rng.below(4);
            match variant {
                0 => {}
                1 => {
                    let (serial, ty, rest) = split_number(&number);
                    copy = copy.with_number(&format!("{serial} / {ty} - {rest}")).expect("valid");
                }
                2 => {
                    let nfd: String = number.nfd().collect();
                    copy = copy.with_number(&nfd).expect("valid");
                }
                _ => {}
            }
            if variant != 3 {
                copy.issued_on = Some(same_calendar_year(date, rng));
                Some(mutation(
                    "a withdrawn plan with the same number",
                    vec![AddPlan(copy)],
                    [
                        plan_key(&id, DocumentNumberDuplicate, "number"),
                        plan_key(&copy_id, DocumentNumberDuplicate, "number"),
                    ],
                ))
            } else {
                copy.issued_on = Some(NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)?);
                Some(mutation("a withdrawn plan with the same number, the next calendar year", vec![AddPlan(copy)], []))
            }
        }
        34 => {
            let p = pick(rng, &all)?;
            let id = pid(w, p);
            let mut plan = w.plans[p].clone();
            plan.implements.push(id.parse().expect("valid"));
            let mut parents: Vec<&Plan> = w.meta[p].parent.map(|q| &w.plans[q]).into_iter().collect();
            parents.push(&plan);
            let mut expected = parent_effects(w, &plan, w.meta[p].admin, &parents);
            expected.push(plan_key(&id, PlanCycle, "implements"));
            Some(mutation("plan implements itself", vec![ReplacePlan(plan)], expected))
        }
        35 => {
            let p = pick(rng, &with_parent)?;
            let mut chain = vec![p];
            while let Some(q) = w.meta[*chain.last()?].parent {
                chain.push(q);
            }
            let top = *chain.last()?;
            let p_id = pid(w, p);
            let plan = w.plans[top].clone().implementing(&[&p_id]).expect("valid");
            let mut expected: Vec<Key> = chain.iter().map(|&x| plan_key(&pid(w, x), PlanCycle, "implements")).collect();
            expected.extend(parent_effects(w, &plan, w.meta[top].admin, &[&w.plans[p]]));
            Some(mutation("top plan implements a plan below it", vec![ReplacePlan(plan)], expected))
        }
        36 => {
            let p = pick(rng, &with_parent)?;
            let parent = w.meta[p].parent?;
            let g = w.ghost(rng);
            let mut plan = w.plans[p].clone();
            let mut areas: Vec<ContentArea> = plan.content_areas.iter().cloned().collect();
            if areas.is_empty() || rng.chance(20) {
                areas.push(ContentArea::new("mới-9", "Nội dung mới").expect("valid").addressing(&[&g]).expect("valid"));
            } else {
                let i = rng.index(areas.len());
                areas[i].addresses.push(g.parse().expect("valid"));
            }
            plan = plan.with_content_areas(areas).expect("unique");
            let mut expected = content_expect(&plan, &[&w.plans[parent]]);
            assert!(expected.iter().any(|k| k.rule == ContentAreaUnknown.code()));
            // A new area is a new code for the plans below to cover.
            for c in w.children(p) {
                expected.extend(content_expect(&w.plans[c], &[&plan]));
            }
            Some(mutation("addresses an area no parent has", vec![ReplacePlan(plan)], expected))
        }
        37 => {
            let targets: Vec<usize> = with_parent
                .iter()
                .copied()
                .filter(|&p| {
                    !w.plans[p].content_areas.is_empty()
                        && !w.plans[w.meta[p].parent.expect("parent")].content_areas.is_empty()
                })
                .collect();
            let p = pick(rng, &targets)?;
            let parent = w.meta[p].parent?;
            let codes: Vec<String> = w.plans[parent].content_areas.iter().map(|a| a.code.to_string()).collect();
            let code = rng.pick(&codes).clone();
            let mut areas: Vec<ContentArea> = w.plans[p].content_areas.iter().cloned().collect();
            for a in &mut areas {
                a.addresses.retain(|c| *c != code.as_str());
            }
            let plan = w.plans[p].clone().with_content_areas(areas).expect("unique");
            Some(mutation(
                "a parent area left uncovered",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), ContentAreaUncovered, "content_areas")],
            ))
        }
        38 | 39 => {
            let targets: Vec<usize> =
                with_children.iter().copied().filter(|&p| kind == 38 || !w.plans[p].content_areas.is_empty()).collect();
            let p = pick(rng, &targets)?;
            let mut areas: Vec<ContentArea> = w.plans[p].content_areas.iter().cloned().collect();
            if kind == 38 {
                areas.push(ContentArea::new("mới", "Nội dung bổ sung").expect("valid"));
            } else {
                areas.remove(rng.index(areas.len()));
            }
            let plan = w.plans[p].clone().with_content_areas(areas).expect("unique");
            let mut expected = Vec::new();
            if let Some(q) = w.meta[p].parent {
                expected.extend(content_expect(&plan, &[&w.plans[q]]));
            }
            for c in w.children(p) {
                expected.extend(content_expect(&w.plans[c], &[&plan]));
            }
            let name = if kind == 38 { "parent adds an area" } else { "parent drops an area" };
            Some(mutation(name, vec![ReplacePlan(plan)], expected))
        }
        40 => {
            let schools: Vec<usize> = admins.iter().copied().filter(|&a| w.admins[a].level == Level::School).collect();
            let s = pick(rng, &schools)?;
            let staff = match rng.below(3) {
                0 => Some(rng.range(0, 7)),
                1 => None,
                _ => Some(rng.range(8, 1_000_000)),
            };
            let exempt = staff.is_some_and(|c| c <= 7);
            let mut edits = vec![ReplaceUnit(with_staff_count(w.unit(&w.admins[s].id), staff))];
            let mut expected = Vec::new();
            for p in w.plans_of(s) {
                let mut plan = w.plans[p].clone();
                plan.approvals.retain(|a| matches!(a, Approval::Signing { .. }));
                edits.push(ReplacePlan(plan));
                if !exempt && w.issued(p) {
                    expected.push(plan_key(&pid(w, p), StaffConferenceMissing, "approvals"));
                }
            }
            Some(mutation(&format!("staff count {staff:?}, no conference"), edits, expected))
        }
        41 => {
            let targets: Vec<usize> = with_date
                .iter()
                .copied()
                .filter(|&p| w.meta[p].parent.is_some_and(|q| w.plans[q].issued_on.is_some()))
                .collect();
            let p = pick(rng, &targets)?;
            let parent_date = w.plans[w.meta[p].parent?].issued_on?;
            let date = minus(parent_date, rng.range(1, 20));
            let plan = w.plans[p].clone().issued(date);
            let id = pid(w, p);
            let mut expected = vec![plan_key(&id, ParentPlanDateOrder, "issued_on")];
            if !w.meta[p].year.contains(date) {
                expected.push(plan_key(&id, SchoolYearWindow, "issued_on"));
            }
            Some(mutation("issued before its parent", vec![ReplacePlan(plan)], expected))
        }
        42 => {
            let a = pick(rng, &admins)?;
            let union = w.admins[a].union_id.clone();
            let mut expected = vec![unit_key(&w.admins[a].id, UnitUnknownReference, Some("counterpart"))];
            for p in w.plans_of(a) {
                expected.push(plan_key(&pid(w, p), UnitUnknownReference, "issuers"));
            }
            for b in &w.admins {
                if b.union_parent.as_deref() == Some(union.as_str()) {
                    expected.push(unit_key(&b.union_id, UnitUnknownReference, Some("parent")));
                }
            }
            Some(mutation("remove a union unit", vec![RemoveUnit(union)], expected))
        }
        43 => {
            let a = pick(rng, &admins)?;
            let mut expected = Vec::new();
            for (b, info) in w.admins.iter().enumerate() {
                if info.manager == Some(a) {
                    expected.push(unit_key(&w.admins[b].id, UnitUnknownReference, Some("parent")));
                }
            }
            for p in w.plans_of(a) {
                expected.push(plan_key(&pid(w, p), UnitUnknownReference, "issuers"));
            }
            Some(mutation("remove an administration unit", vec![RemoveUnit(w.admins[a].id.clone())], expected))
        }
        44 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            plan.status = PlanStatus::Withdrawn;
            plan.issuers[0] = w.ghost(rng).parse().expect("valid");
            let mut expected = vec![plan_key(&pid(w, p), UnitUnknownReference, "issuers")];
            expected.extend(children_keys(w, p, ParentPlanWithdrawn));
            expected.extend(w.school_loses(p));
            Some(mutation("withdrawn, first issuer gone", vec![ReplacePlan(plan)], expected))
        }
        45 => {
            let p = pick(rng, &all)?;
            let mut plan = w.plans[p].clone();
            let at = rng.index(plan.approvals.len() + 1);
            plan.approvals.insert(at, Approval::Signing { held_on: ymd(1, 1, 1) });
            plan.reviews.push(Review { kind: ReviewKind::YearEnd, held_on: ymd(9999, 12, 31) });
            if let Some(c) = adopting(&plan) {
                let earlier = minus(c.held_on, rng.range(1, 1000));
                let history = any_conference(rng, earlier);
                let at = rng.index(plan.approvals.len() + 1);
                plan.approvals.insert(at, Approval::StaffConference(history));
                // Same day, listed before the adopting one: history too.
                let i = adopting_index(&plan)?;
                let same_day = conference(c.held_on, 100, 10, 0, Some(50));
                plan.approvals.insert(rng.index(i + 1), Approval::StaffConference(same_day));
                assert_eq!(adopting(&plan), Some(c));
            }
            Some(mutation("history and signings only", vec![ReplacePlan(plan)], []))
        }
        _ => {
            let p = pick(rng, &with_conference)?;
            let c = adopting(&w.plans[p])?;
            let mut plan = w.plans[p].clone();
            let i = adopting_index(&plan)?;
            // Same day, listed after: it adopts the plan, and it lacks quorum.
            let again = conference(c.held_on, 90, 59, 59, None);
            plan.approvals.insert(i + 1 + rng.index(plan.approvals.len() - i), Approval::StaffConference(again));
            assert_eq!(adopting(&plan), Some(again));
            Some(mutation(
                "a later-listed conference the same day adopts",
                vec![ReplacePlan(plan)],
                [plan_key(&pid(w, p), StaffConferenceQuorum, "approvals")],
            ))
        }
    }
}

/// Compares a report with the expected keys (exact, in the spec's order) and the report invariants.
fn check_expected(
    reg: &Registry,
    report: &kehoach::Report,
    expected: &BTreeSet<Key>,
    what: &str,
) -> Result<(), TestCaseError> {
    if let Err(e) = check_report_invariants(reg, report) {
        return Err(TestCaseError::fail(format!("{what}: {e}")));
    }
    let got = keys(report);
    let want: Vec<Key> = expected.iter().cloned().collect();
    if got != want {
        let missing: Vec<&Key> = want.iter().filter(|k| !got.contains(k)).collect();
        let extra: Vec<&Key> = got.iter().filter(|k| !want.contains(k)).collect();
        return Err(TestCaseError::fail(format!(
            "{what}: findings differ\n  missing: {missing:#?}\n  unexpected: {extra:#?}\n  messages: {:#?}",
            report.findings().iter().map(|f| &f.message.en).collect::<Vec<_>>()
        )));
    }
    Ok(())
}

/// Runs every kind of change that applies to a correct world of `shape`, checking each in five ways.
/// Returns the rules the expectations covered.
fn run_world(shape: Shape) -> Result<BTreeSet<&'static str>, TestCaseError> {
    let mut w = World::generate(shape);
    let mut rng = Rng::new(shape.seed.rotate_left(17) ^ 0xA5A5);
    let reg = w.build(&mut rng);
    let report = reg.validate();
    let json = format::save(&reg);
    prop_assert!(
        report.findings().is_empty(),
        "a correct registry has findings: {:#?}\n{json}",
        report.findings().iter().map(|f| &f.message.en).collect::<Vec<_>>()
    );
    for c in reg.compliance(&report) {
        prop_assert_eq!(c.with_errors, 0);
        prop_assert_eq!(c.schools, c.conforming + c.without_plan);
    }
    let mut covered = BTreeSet::new();
    let mut live = Validator::new(reg.clone());
    live.report();
    for kind in 0..KINDS {
        let Some(m) = make_mutation(kind, &mut w, &mut rng) else {
            continue;
        };
        let what = format!("change {kind} ({}) of\n{json}", m.name);
        covered.extend(m.expected.iter().map(|k| k.rule));

        // (a) by edits on the built registry, then validated; and re-validated incrementally.
        let mut r1 = reg.clone();
        let undo = apply(&mut r1, &m.edits);
        let after = r1.validate();
        check_expected(&r1, &after, &m.expected, &format!("{what}\n(edits)"))?;
        prop_assert_eq!(&oracle(&r1), &m.expected, "{}\n(the spec oracle disagrees with the expectation)", what);
        prop_assert_eq!(compliance_rows(&r1, &after), oracle_compliance(&r1, &after), "{}\n(compliance)", what);
        let undo_live = apply(&mut live, &m.edits);
        let incremental = live.report().clone();
        prop_assert_eq!(
            &incremental,
            &live.registry().validate(),
            "{}\n(the validator's report after the edits)",
            what
        );
        prop_assert_eq!(keys_with_severity(&incremental), keys_with_severity(&after), "{}", what);

        // (b) built from scratch, in another order.
        let mut units = w.units.clone();
        let mut plans = w.plans.clone();
        apply_to_lists(&mut units, &mut plans, &m.edits);
        let r2 = build_shuffled(w.profile, &units, &plans, &mut rng);
        check_expected(&r2, &r2.validate(), &m.expected, &format!("{what}\n(built from scratch)"))?;

        // (c) saved and loaded.
        let saved = format::save(&r1);
        let r3 = format::load_str(&saved).map_err(|e| TestCaseError::fail(format!("{what}: reload: {e}")))?;
        prop_assert_eq!(format::save(&r3), saved.clone());
        prop_assert_eq!(keys_with_severity(&r3.validate()), keys_with_severity(&after), "{}\n(saved and loaded)", what);

        // (d) under random overrides: off rules vanish, nothing else wakes or sleeps.
        let mut r4 = r1.clone();
        for _ in 0..rng.range(1, 4) {
            let rule = if !m.expected.is_empty() && rng.chance(70) {
                let ks: Vec<&Key> = m.expected.iter().collect();
                Rule::from_code(rng.pick(&ks).rule).expect("a rule")
            } else {
                *rng.pick(&Rule::ALL)
            };
            r4.set_override(rule, Some(*rng.pick(&RuleLevel::ALL)));
        }
        let expected_over: BTreeSet<Key> = m
            .expected
            .iter()
            .filter(|k| r4.severity(Rule::from_code(k.rule).expect("a rule")).is_some())
            .cloned()
            .collect();
        check_expected(&r4, &r4.validate(), &expected_over, &format!("{what}\n(overrides {:?})", r4.overrides()))?;

        // (e) undone: no finding again.
        apply(&mut r1, &undo);
        let again = r1.validate();
        prop_assert!(again.findings().is_empty(), "{}\n(undone): {:?}", what, keys(&again));
        apply(&mut live, &undo_live);
        let incremental = live.report().clone();
        prop_assert!(
            incremental.findings().is_empty(),
            "{}\n(the validator's report after undoing): {:?}",
            what,
            keys(&incremental)
        );
    }
    Ok(covered)
}

fn shape_strategy() -> impl Strategy<Value = Shape> {
    (any::<u64>(), 1usize..=2, 0usize..=3, 0usize..=3, 0usize..=2, 1usize..=2, any::<bool>()).prop_map(
        |(seed, departments, middles, schools, direct_schools, years, two_tier)| Shape {
            seed,
            departments,
            middles,
            schools,
            direct_schools,
            years,
            two_tier,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(64), ..ProptestConfig::default() })]

    /// A correct registry has no finding; each targeted change gives exactly the findings the spec derives.
    #[test]
    fn correct_registry_then_one_change(shape in shape_strategy()) {
        run_world(shape)?;
    }
}

/// Applies the edits that still apply (a change made earlier may have removed their target).
fn apply_lenient<R: Editor>(reg: &mut R, edits: &[Edit]) {
    for e in edits {
        let _ = match e {
            Edit::AddUnit(u) => reg.add_unit(u.clone()),
            Edit::AddPlan(p) => reg.add_plan(p.clone()),
            Edit::ReplaceUnit(u) => reg.replace_unit(u.clone()).map(drop),
            Edit::ReplacePlan(p) => reg.replace_plan(p.clone()).map(drop),
            Edit::RemoveUnit(id) => reg.remove_unit(id).map(drop),
            Edit::RemovePlan(id) => reg.remove_plan(id).map(drop),
        };
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(96), ..ProptestConfig::default() })]

    /// Several changes at once, their knock-on effects mixed: the report is what the spec oracle derives,
    /// and incremental re-validation, saving and loading agree.
    #[test]
    fn combined_changes_match_the_oracle(shape in shape_strategy(), kinds in proptest::collection::vec(0..KINDS, 2..8)) {
        let mut w = World::generate(shape);
        let mut rng = Rng::new(shape.seed ^ 0xC0FFEE);
        let mut live = Validator::new(w.build(&mut rng));
        live.report();
        for kind in kinds {
            if let Some(m) = make_mutation(kind, &mut w, &mut rng) {
                apply_lenient(&mut live, &m.edits);
                if rng.chance(50) {
                    let full = live.registry().validate();
                    prop_assert_eq!(live.report(), &full, "after {}", m.name);
                }
            }
        }
        let incremental = live.report().clone();
        let reg = live.into_registry();
        let report = reg.validate();
        let json = format::save(&reg);
        check_report_invariants(&reg, &report).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        let want: Vec<Key> = oracle(&reg).into_iter().collect();
        let got = keys(&report);
        if got != want {
            let missing: Vec<&Key> = want.iter().filter(|k| !got.contains(k)).collect();
            let extra: Vec<&Key> = got.iter().filter(|k| !want.contains(k)).collect();
            return Err(TestCaseError::fail(format!(
                "the report differs from the spec oracle\n  missing: {missing:#?}\n  unexpected: {extra:#?}\n{json}"
            )));
        }
        prop_assert_eq!(&incremental, &report);
        prop_assert_eq!(compliance_rows(&reg, &report), oracle_compliance(&reg, &report), "compliance\n{}", json);
        let back = format::load_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(format::save(&back), json);
        prop_assert_eq!(keys_with_severity(&back.validate()), keys_with_severity(&report));
    }
}

/// The targeted changes, over a few fixed larger worlds, cover all 27 rules.
#[test]
fn targeted_changes_cover_every_rule() {
    let mut covered = BTreeSet::new();
    for seed in 0..6u64 {
        let shape = Shape {
            seed: seed * 7919 + 1,
            departments: 2,
            middles: 3,
            schools: 3,
            direct_schools: 2,
            years: 2,
            two_tier: seed % 2 == 1,
        };
        covered.extend(run_world(shape).unwrap_or_else(|e| panic!("{e}")));
    }
    let missing: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).filter(|c| !covered.contains(c)).collect();
    assert!(missing.is_empty(), "rules never expected: {missing:?}");
}

// ---- 1. arbitrary registries never panic ------------------------------------------------------------

fn check_arbitrary(reg: &Registry, rng: &mut Rng) -> Result<(), TestCaseError> {
    let json = format::save(reg);
    let report = reg.validate();
    if let Err(e) = check_report_invariants(reg, &report) {
        return Err(TestCaseError::fail(format!("{e}\n{json}")));
    }
    // The report is what rules.md says, rule by rule.
    let want: Vec<Key> = oracle(reg).into_iter().collect();
    let got = keys(&report);
    if got != want {
        let missing: Vec<&Key> = want.iter().filter(|k| !got.contains(k)).collect();
        let extra: Vec<&Key> = got.iter().filter(|k| !want.contains(k)).collect();
        return Err(TestCaseError::fail(format!(
            "the report differs from the spec oracle\n  missing: {missing:#?}\n  unexpected: {extra:#?}\n{json}"
        )));
    }
    // Queries.
    prop_assert_eq!(compliance_rows(reg, &report), oracle_compliance(reg, &report), "compliance\n{}", json);
    let compliance = reg.compliance(&report);
    for w in compliance.windows(2) {
        prop_assert!(
            (&w[0].managing_unit, w[0].school_year) < (&w[1].managing_unit, w[1].school_year),
            "compliance out of order"
        );
    }
    for c in &compliance {
        prop_assert_eq!(c.schools, c.conforming + c.with_errors + c.without_plan);
        prop_assert!(c.percent_conforming() >= 0.0 && c.percent_conforming() <= 100.0);
        let schools = reg.schools_of(c.managing_unit.as_str()).expect("a managing unit");
        prop_assert_eq!(schools.len(), c.schools);
        let without =
            reg.schools_without_active_plan(c.managing_unit.as_str(), c.school_year).expect("a managing unit");
        prop_assert!(without.len() <= c.without_plan);
    }
    for p in reg.plans() {
        let id = p.id.as_str();
        let up = reg.ancestors(id).expect("the plan exists");
        let down = reg.descendants(id).expect("the plan exists");
        for list in [&up, &down] {
            let ids: BTreeSet<&str> = list.iter().map(|q| q.id.as_str()).collect();
            prop_assert_eq!(ids.len(), list.len(), "each plan once");
            prop_assert!(!ids.contains(id), "the plan itself is not included");
        }
        let up_ids: BTreeSet<&str> = up.iter().map(|q| q.id.as_str()).collect();
        for parent in reg.parents(id) {
            prop_assert!(parent.id == id || up_ids.contains(parent.id.as_str()));
        }
        let down_ids: BTreeSet<&str> = down.iter().map(|q| q.id.as_str()).collect();
        for child in reg.children(id) {
            prop_assert!(child.id == id || down_ids.contains(child.id.as_str()));
        }
        reg.administration_issuer_of(id).expect("the plan exists");
        reg.managing_unit_of(id).expect("the plan exists");
    }
    prop_assert!(reg.ancestors("no such plan").is_err());
    prop_assert!(reg.descendants("no such plan").is_err());
    for u in reg.units() {
        let r = reg.schools_of(u.id.as_str());
        prop_assert_eq!(r.is_ok(), u.side() == kehoach::Side::Administration);
    }
    // Format: save, load, save again.
    let back = format::load_str(&json).map_err(|e| TestCaseError::fail(format!("reload: {e}\n{json}")))?;
    prop_assert_eq!(format::save(&back), json.clone());
    prop_assert_eq!(keys_with_severity(&back.validate()), keys_with_severity(&report), "{}", json);
    // Turning a rule off or changing its severity changes only that rule's findings.
    let rule = if !report.findings().is_empty() && rng.chance(70) {
        report.findings()[rng.index(report.findings().len())].rule
    } else {
        *rng.pick(&Rule::ALL)
    };
    let level = *rng.pick(&RuleLevel::ALL);
    let mut changed = reg.clone();
    changed.set_override(rule, Some(level));
    let others = |r: &kehoach::Report| -> Vec<(Key, Severity)> {
        keys_with_severity(r).into_iter().filter(|(k, _)| k.rule != rule.code()).collect()
    };
    let new_report = changed.validate();
    prop_assert_eq!(
        others(&new_report),
        others(&report),
        "{} set to {}: other rules changed\n{}",
        rule.code(),
        level,
        json
    );
    let mine: Vec<Key> = keys(&new_report).into_iter().filter(|k| k.rule == rule.code()).collect();
    if level == RuleLevel::Off {
        prop_assert!(mine.is_empty());
    } else if reg.severity(rule).is_some() {
        let before: Vec<Key> = keys(&report).into_iter().filter(|k| k.rule == rule.code()).collect();
        prop_assert_eq!(mine, before);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(256), ..ProptestConfig::default() })]

    /// Arbitrary registries (any kinds, dangling and cyclic references, any status, numbers, dates and
    /// counts), edited at random: nothing panics, and reports, queries and the format stay consistent.
    #[test]
    fn arbitrary_registries_never_panic(
        seed in any::<u64>(),
        max_units in 0u64..14,
        max_plans in 0u64..16,
        edits in 0u64..6,
    ) {
        let mut reg = arb_registry(seed, max_units, max_plans);
        let mut rng = Rng::new(seed ^ 0xFFFF_0000);
        let mut live = Validator::new(reg.clone());
        live.report();
        random_edits(&mut reg, &mut rng, edits);
        check_arbitrary(&reg, &mut rng)?;
        // The validator's report after each of the same edits is the full check's.
        let mut rng2 = Rng::new(seed ^ 0xFFFF_0000);
        for _ in 0..edits {
            random_edits(&mut live, &mut rng2, 1);
            let full = live.registry().validate();
            prop_assert_eq!(live.report(), &full);
        }
        prop_assert_eq!(format::save(live.registry()), format::save(&reg));
        prop_assert_eq!(live.report().clone(), reg.validate());
    }
}

/// Long chains and cycles (units and plans) are walked without recursion.
#[test]
fn long_chains_and_cycles_do_not_overflow() {
    const N: usize = 20_000;
    let mut reg = Registry::default();
    for i in 0..N {
        let mut u =
            Unit::administration(&format!("u{i}"), "Đơn vị", AdministrationKind::EducationOffice).expect("valid");
        // A chain u1 → u0 → u(N-1) → … → u1: one cycle of every unit.
        u = u.with_parent(&format!("u{}", (i + N - 1) % N)).expect("valid");
        reg.add_unit(u).expect("fresh id");
    }
    let y = year(2020);
    for i in 0..N {
        let mut p = Plan::new(&format!("p{i}"), "Kế hoạch", y, PlanStatus::Issued)
            .expect("valid")
            .with_issuers(&[&format!("u{i}")])
            .expect("valid");
        if i > 0 {
            p = p.implementing(&[&format!("p{}", i - 1)]).expect("valid");
        }
        reg.add_plan(p).expect("fresh id");
    }
    let report = reg.validate();
    check_report_invariants(&reg, &report).unwrap_or_else(|e| panic!("{e}"));
    let cycles = report.findings().iter().filter(|f| f.rule == Rule::UnitHierarchyCycle).count();
    assert_eq!(cycles, N);
    assert_eq!(reg.ancestors(&format!("p{}", N - 1)).expect("exists").len(), N - 1);
    assert_eq!(reg.descendants("p0").expect("exists").len(), N - 1);
    // Close the plan chain into one cycle: every plan is on it.
    let first = reg.plan("p0").expect("exists").clone();
    reg.replace_plan(first.implementing(&[&format!("p{}", N - 1)]).expect("valid")).expect("exists");
    let report = reg.validate();
    let plan_cycles = report.findings().iter().filter(|f| f.rule == Rule::PlanCycle).count();
    assert_eq!(plan_cycles, N);
    assert_eq!(reg.ancestors("p0").expect("exists").len(), N - 1);
    let json = format::save(&reg);
    let back = format::load_str(&json).expect("loads");
    assert_eq!(format::save(&back), json);
    assert_eq!(keys(&back.validate()), keys(&report));
}

// ---- 3. arbitrary and mutated bytes never panic the loader --------------------------------------------

/// Loads `bytes`: a registry that saves and reloads to itself, or an error that names a place; the same
/// result every time.
fn load_checked(bytes: &[u8]) -> Result<(), TestCaseError> {
    let first = format::load(bytes);
    let second = format::load(bytes);
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            let json = format::save(a);
            prop_assert_eq!(format::save(b), json.clone());
            let back = format::load_str(&json).map_err(|e| TestCaseError::fail(format!("reload: {e}")))?;
            prop_assert_eq!(format::save(&back), json);
            check_report_invariants(a, &a.validate()).map_err(TestCaseError::fail)?;
        }
        (Err(a), Err(b)) => {
            prop_assert_eq!(a, b, "the same error for the same bytes");
            let has_path = a.path().is_some_and(|p| !p.is_empty());
            let has_position = a.line().is_some() && a.column().is_some();
            prop_assert!(
                has_path || has_position,
                "an error without a path or a position: {:?} for {:?}",
                a,
                String::from_utf8_lossy(bytes)
            );
            prop_assert!(!a.to_string().is_empty());
        }
        _ => prop_assert!(false, "loading the same bytes twice gave different results"),
    }
    Ok(())
}

const TOKENS: [&str; 40] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "\"format\"",
    "\"kehoach/registry@1\"",
    "\"units\"",
    "\"plans\"",
    "\"rules\"",
    "\"profile\"",
    "\"id\"",
    "\"name\"",
    "\"kind\"",
    "\"school\"",
    "\"school_level\"",
    "\"primary\"",
    "\"title\"",
    "\"school_year\"",
    "\"2020-2021\"",
    "\"status\"",
    "\"issued\"",
    "\"issuers\"",
    "\"approvals\"",
    "\"staff_conference\"",
    "\"held_on\"",
    "\"2020-09-31\"",
    "\"staff_total\"",
    "null",
    "1",
    "-0",
    "48.0",
    "1e400",
    "1000001",
    "\"\\ud800\"",
    "\"x\"",
    "\"plan-cycle\"",
];

/// A valid document to mutate: a saved generated registry.
fn base_document(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    if rng.chance(50) {
        let shape = Shape {
            seed,
            departments: 1,
            middles: 2,
            schools: 2,
            direct_schools: 1,
            years: 1,
            two_tier: rng.chance(50),
        };
        let w = World::generate(shape);
        format::save(&w.build(&mut rng))
    } else {
        format::save(&arb_registry(seed, 6, 6))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(256), ..ProptestConfig::default() })]

    /// Arbitrary bytes: a registry or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        load_checked(&bytes)?;
    }

    /// JSON-shaped noise, from the format's own words.
    #[test]
    fn json_noise_never_panics(tokens in proptest::collection::vec(proptest::sample::select(&TOKENS[..]), 0..80)) {
        load_checked(tokens.concat().as_bytes())?;
    }

    /// Valid documents with flipped bytes, truncated, with nulls, repeated keys, odd numbers or deep
    /// nesting inserted: a registry or an error with a place, never a panic.
    #[test]
    fn mutated_documents_never_panic(seed in any::<u64>(), op in 0u64..12, count in 1usize..4) {
        let doc = base_document(seed);
        let mut rng = Rng::new(seed.rotate_right(7));
        let mut bytes = doc.clone().into_bytes();
        for _ in 0..count {
            let at = rng.index(bytes.len() + 1);
            match op {
                0 => {
                    if at < bytes.len() {
                        bytes[at] ^= u8::try_from(rng.range(1, 255)).expect("a byte");
                    }
                }
                1 => bytes.truncate(at),
                2 => bytes.insert(at, 0),
                3 => bytes.splice(at..at, b"null".iter().copied()).for_each(drop),
                4 => bytes.splice(at..at, b"\\u0000".iter().copied()).for_each(drop),
                5 => {
                    let deep = if rng.chance(50) { "[".repeat(10_000) } else { format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)) };
                    bytes.splice(at..at, deep.into_bytes()).for_each(drop);
                }
                6 => {
                    let end = (at + rng.index(40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                7 => {
                    let odd = rng.pick(&["-1", "-0", "48.0", "1e2", "1000001", "1e400", "NaN", "18446744073709551616", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\u{feff}", "\u{0300}"]);
                    bytes.splice(at..at, odd.bytes()).for_each(drop);
                }
                8 => {
                    // Invalid UTF-8.
                    let choices: [&[u8]; 4] = [&[0xFF], &[0xC3], &[0xED, 0xA0, 0x80], &[0xF4, 0x90, 0x80, 0x80]];
                    let bad = *rng.pick(&choices);
                    bytes.splice(at..at, bad.iter().copied()).for_each(drop);
                }
                9 => {
                    if at < bytes.len() {
                        let b = rng.index(bytes.len());
                        bytes.swap(at, b);
                    }
                }
                10 => {
                    // Replace a value with deep nesting.
                    let s = String::from_utf8_lossy(&bytes).into_owned();
                    let colons: Vec<usize> = s.match_indices(": ").map(|(i, _)| i + 2).collect();
                    if let Some(&c) = colons.get(rng.index(colons.len().max(1))) {
                        let mut t = s.clone();
                        t.insert_str(c, &"[".repeat(10_000));
                        bytes = t.into_bytes();
                    }
                }
                _ => {
                    let s = String::from_utf8_lossy(&bytes).into_owned();
                    let cut = s.char_indices().map(|(i, _)| i).rfind(|&i| i <= at).unwrap_or(0);
                    bytes = format!("{}{}", &s[..cut], rng.pick(&TOKENS)).into_bytes();
                }
            }
        }
        load_checked(&bytes)?;
    }

    /// A key given twice in any object is a load error naming that key (its path ends with it).
    #[test]
    fn repeated_keys_are_named(seed in any::<u64>()) {
        let doc = base_document(seed);
        let mut rng = Rng::new(seed ^ 77);
        let lines: Vec<&str> = doc.lines().collect();
        let candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let t = lines[i].trim_start();
                t.starts_with('"') && t.contains("\": ") && t.ends_with(',')
            })
            .collect();
        prop_assume!(!candidates.is_empty());
        let i = *rng.pick(&candidates);
        let key = lines[i].trim_start()[1..].split('"').next().expect("a key").to_owned();
        let mut out: Vec<&str> = lines.clone();
        out.insert(i, lines[i]);
        let text = out.join("\n");
        let err = format::load_str(&text).expect_err("a repeated key");
        let path = err.path().unwrap_or_default().to_owned();
        prop_assert!(path.ends_with(key.as_str()), "path {:?} for repeated key {:?}: {}", path, key, err);
        load_checked(text.as_bytes())?;
    }

    /// Whitespace between tokens and one leading byte-order mark change nothing.
    #[test]
    fn whitespace_and_bom_change_nothing(seed in any::<u64>()) {
        let doc = base_document(seed);
        let spaced = doc.replace(",\n", " ,\r\n\t").replace(": ", " :  ");
        let reg = format::load_str(&spaced).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(format::save(&reg), doc.clone());
        let with_bom = format!("\u{feff}{doc}");
        let reg = format::load(with_bom.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(format::save(&reg), doc.clone());
        let two_boms = format!("\u{feff}\u{feff}{doc}");
        prop_assert!(format::load(two_boms.as_bytes()).is_err());
    }
}

/// Every place in a document: (path as the spec writes it, JSON pointer, value).
fn places(v: &serde_json::Value, path: &str, ptr: &str, out: &mut Vec<(String, String, serde_json::Value)>) {
    out.push((path.to_owned(), ptr.to_owned(), v.clone()));
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                places(x, &p, &format!("{ptr}/{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                places(x, &format!("{path}[{i}]"), &format!("{ptr}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The required fields of the object at JSON pointer `ptr`.
fn required_fields(ptr: &str, object: &serde_json::Map<String, serde_json::Value>) -> Vec<&'static str> {
    let parts: Vec<&str> = ptr.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => vec!["format", "units", "plans"],
        ["units", _] => {
            let mut v = vec!["id", "name", "kind"];
            if object.get("kind").and_then(|k| k.as_str()) == Some("school") {
                v.push("school_level");
            }
            v
        }
        ["plans", _] => vec!["id", "title", "school_year", "status", "issuers"],
        ["plans", _, "content_areas", _] => vec!["code", "title"],
        ["plans", _, "approvals", _] => {
            let mut v = vec!["kind", "held_on"];
            if object.get("kind").and_then(|k| k.as_str()) == Some("staff_conference") {
                v.extend(["staff_total", "attendees", "votes_for"]);
            }
            v
        }
        ["plans", _, "reviews", _] => vec!["kind", "held_on"],
        _ => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(256), ..ProptestConfig::default() })]

    /// One bad value, unknown field or missing field in an otherwise valid document: the load error names
    /// exactly its JSON path (`plans[3].issued_on`, `units[2].colour`, `rules.foo`), and a missing field
    /// by its would-be path.
    #[test]
    fn one_error_is_named_by_its_path(seed in any::<u64>(), op in 0u64..6) {
        use serde_json::Value;
        let doc = base_document(seed);
        let mut rng = Rng::new(seed ^ 0x1234);
        let mut value: Value = serde_json::from_str(&doc).expect("JSON");
        let mut all = Vec::new();
        places(&value, "", "", &mut all);
        let leaves: Vec<&(String, String, Value)> = all
            .iter()
            .filter(|(_, _, v)| !v.is_object() && !v.is_array())
            .collect();
        let objects: Vec<&(String, String, Value)> = all.iter().filter(|(_, _, v)| v.is_object()).collect();
        let expected_path: String;
        match op {
            0..=2 => {
                let (path, ptr, v) = (*rng.pick(&leaves)).clone();
                let bad = match (op, &v) {
                    (0, Value::String(_)) => Value::String(String::new()),
                    (0, Value::Number(_)) => Value::from(-1),
                    (1, _) => Value::Null,
                    (_, Value::String(_)) => Value::Array(Vec::new()),
                    _ => Value::from(1_000_001),
                };
                *value.pointer_mut(&ptr).expect("a place") = bad;
                expected_path = path;
            }
            3 => {
                // An unknown field (in `rules`: an unknown rule code).
                let (path, ptr, _) = (*rng.pick(&objects)).clone();
                let key = if ptr == "/rules" { "plan-cycles" } else { "colour" };
                value
                    .pointer_mut(&ptr)
                    .and_then(Value::as_object_mut)
                    .expect("an object")
                    .insert(key.to_owned(), Value::from(1));
                expected_path = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
            }
            4 => {
                // A missing required field.
                let with_required: Vec<_> = objects
                    .iter()
                    .filter(|(_, ptr, v)| !required_fields(ptr, v.as_object().expect("object")).is_empty())
                    .collect();
                let (path, ptr, v) = (**rng.pick(&with_required)).clone();
                let fields = required_fields(&ptr, v.as_object().expect("object"));
                let key = *rng.pick(&fields);
                value
                    .pointer_mut(&ptr)
                    .and_then(Value::as_object_mut)
                    .expect("an object")
                    .remove(key);
                expected_path = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
            }
            _ => {
                // A date that does not exist, a school year that is not one.
                let dates: Vec<_> = leaves
                    .iter()
                    .filter(|(p, _, _)| p.ends_with("issued_on") || p.ends_with("held_on") || p.ends_with("school_year"))
                    .collect();
                prop_assume!(!dates.is_empty());
                let (path, ptr, _) = (**rng.pick(&dates)).clone();
                let bad = if path.ends_with("school_year") {
                    *rng.pick(&["2020-2022", "1899-1900", "3000-3001", "2020/2021", "２020-2021"])
                } else {
                    *rng.pick(&["2021-02-29", "2020-09-31", "0000-01-01", "2020-9-04", "2020-09-04T00:00", " 2020-09-04"])
                };
                *value.pointer_mut(&ptr).expect("a place") = Value::from(bad);
                expected_path = path;
            }
        }
        let text = serde_json::to_string_pretty(&value).expect("JSON");
        let err = format::load_str(&text).expect_err("one error");
        prop_assert_eq!(err.path().unwrap_or_default(), expected_path.as_str(), "{}\n{}", err, text);
        load_checked(text.as_bytes())?;
    }
}

/// Deep nesting everywhere a value can stand: an error with a place, never a stack overflow.
#[test]
fn deep_nesting_is_an_error() {
    let deep_open = "[".repeat(10_000);
    let deep_closed = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    for deep in [&deep_open, &deep_closed, &deep_objects] {
        for doc in [
            deep.to_string(),
            format!("{{\"format\": \"kehoach/registry@1\", \"units\": {deep}, \"plans\": []}}"),
            format!("{{\"format\": \"kehoach/registry@1\", \"rules\": {deep}, \"units\": [], \"plans\": []}}"),
            format!("{{\"format\": {deep}, \"units\": [], \"plans\": []}}"),
            format!("{{\"units\": [], \"plans\": [], \"x\": {deep}, \"format\": \"kehoach/registry@1\"}}"),
            format!(
                "{{\"format\": \"kehoach/registry@1\", \"units\": [], \"plans\": [{{\"id\": \"p\", \"title\": \"t\", \
                 \"school_year\": \"2020-2021\", \"status\": \"draft\", \"issuers\": {deep}}}]}}"
            ),
        ] {
            let err = format::load_str(&doc).expect_err("too deep");
            assert!(err.path().is_some_and(|p| !p.is_empty()) || err.line().is_some(), "no place: {err:?}");
        }
    }
}

// ---- 5. failed edits leave the registry unchanged -----------------------------------------------------

fn bad_dates() -> [NaiveDate; 6] {
    [
        NaiveDate::from_ymd_opt(0, 1, 1).expect("chrono holds year 0"),
        NaiveDate::from_ymd_opt(-44, 3, 15).expect("chrono holds negative years"),
        NaiveDate::from_ymd_opt(10_000, 1, 1).expect("chrono holds year 10000"),
        NaiveDate::from_ymd_opt(0, 12, 31).expect("year 0"),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ]
}

/// A failing edit, and a check of the error it must give.
fn failing_edit<R: Editor>(reg: &mut R, rng: &mut Rng) -> Result<(), TestCaseError> {
    let plan_ids: Vec<String> = reg.registry().plans().map(|p| p.id.to_string()).collect();
    let unit_ids: Vec<String> = reg.registry().units().map(|u| u.id.to_string()).collect();
    let unknown = format!("không-có-{}", rng.below(1000));
    prop_assume!(reg.registry().plan(&unknown).is_none() && reg.registry().unit(&unknown).is_none());
    match rng.below(9) {
        0 if !unit_ids.is_empty() => {
            let id = rng.pick(&unit_ids).clone();
            let mut u = arb_unit(rng);
            // Given in NFD when the id has marks: the same id once normalised.
            u.id = id.nfd().collect::<String>().parse().expect("valid");
            let r = reg.add_unit(u);
            prop_assert!(matches!(r, Err(EditError::DuplicateUnit { .. })), "{:?}", r);
        }
        1 if !plan_ids.is_empty() => {
            let id = rng.pick(&plan_ids).clone();
            let mut p = arb_plan(rng);
            p.id = id.nfd().collect::<String>().parse().expect("valid");
            if rng.chance(50) {
                p = p.issued(*rng.pick(&bad_dates()));
            }
            let r = reg.add_plan(p);
            prop_assert!(r.is_err(), "{:?}", r);
        }
        2 => {
            let mut u = arb_unit(rng);
            u.id = unknown.parse().expect("valid");
            let r = reg.replace_unit(u);
            prop_assert!(matches!(r, Err(EditError::UnknownUnit { .. })), "{:?}", r);
        }
        3 => {
            let mut p = arb_plan(rng);
            p.id = unknown.parse().expect("valid");
            let r = reg.replace_plan(p);
            prop_assert!(matches!(r, Err(EditError::UnknownPlan { .. })), "{:?}", r);
        }
        4 => {
            let r = reg.remove_unit(&unknown);
            prop_assert!(matches!(r, Err(EditError::UnknownUnit { .. })), "{:?}", r);
        }
        5 => {
            let r = reg.remove_plan(&unknown);
            prop_assert!(matches!(r, Err(EditError::UnknownPlan { .. })), "{:?}", r);
        }
        6 | 7 => {
            // A date the format cannot write, in a new plan or in a replacement of an existing one.
            let mut p = arb_plan(rng);
            let replace = rng.chance(50) && !plan_ids.is_empty();
            p.id = if replace { rng.pick(&plan_ids).parse().expect("valid") } else { unknown.parse().expect("valid") };
            let bad = *rng.pick(&bad_dates());
            let field = match rng.below(3) {
                0 => {
                    p.issued_on = Some(bad);
                    "issued_on".to_owned()
                }
                1 => {
                    let at = rng.index(p.approvals.len() + 1);
                    let a = if rng.chance(50) {
                        Approval::Signing { held_on: bad }
                    } else {
                        Approval::StaffConference(conference(bad, 10, 10, 10, None))
                    };
                    p.approvals.insert(at, a);
                    // The first out-of-range approval is named.
                    let first =
                        p.approvals.iter().position(|a| !(1..=9999).contains(&a.held_on().year())).expect("one");
                    if p.issued_on.is_some_and(|d| !(1..=9999).contains(&d.year())) {
                        "issued_on".to_owned()
                    } else {
                        format!("approvals[{first}].held_on")
                    }
                }
                _ => {
                    let at = rng.index(p.reviews.len() + 1);
                    p.reviews.insert(at, Review { kind: ReviewKind::MidYear, held_on: bad });
                    format!("reviews[{at}].held_on")
                }
            };
            let r = if replace { reg.replace_plan(p).map(|_| ()) } else { reg.add_plan(p) };
            match r {
                Err(EditError::Invalid { field: f, .. }) => prop_assert_eq!(f, field),
                other => prop_assert!(false, "expected an invalid date error, got {:?}", other),
            }
        }
        _ => {
            // Removing then re-adding works; adding it twice does not.
            if let Some(id) = plan_ids.first() {
                let p = reg.registry().plan(id).expect("exists").clone();
                let r = reg.add_plan(p);
                prop_assert!(matches!(r, Err(EditError::DuplicatePlan { .. })), "{:?}", r);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(128), ..ProptestConfig::default() })]

    /// Random failing edits on random registries (arbitrary or correct) change nothing: the saved
    /// document and the report are the same before and after, and re-validation agrees.
    #[test]
    fn failed_edits_change_nothing(seed in any::<u64>(), correct in any::<bool>(), count in 1usize..8) {
        let mut rng = Rng::new(seed);
        let mut reg = if correct {
            let shape = Shape { seed, departments: 1, middles: 2, schools: 2, direct_schools: 1, years: 2, two_tier: false };
            World::generate(shape).build(&mut rng)
        } else {
            arb_registry(seed, 10, 10)
        };
        let before = format::save(&reg);
        let report = reg.validate();
        let mut live = Validator::new(reg.clone());
        live.report();
        for _ in 0..count {
            failing_edit(&mut reg, &mut rng)?;
            prop_assert_eq!(format::save(&reg), before.clone());
        }
        let mut rng2 = rng.clone();
        for _ in 0..count {
            failing_edit(&mut live, &mut rng2)?;
        }
        prop_assert_eq!(reg.validate(), report.clone());
        prop_assert_eq!(live.report().clone(), report.clone());
        let mut reg = live.into_registry();
        // Replacing a plan or a unit by itself is no change either.
        let plans: Vec<Plan> = reg.plans().cloned().collect();
        for p in plans {
            let old = reg.replace_plan(p.clone()).expect("exists");
            prop_assert_eq!(old, p);
        }
        let units: Vec<Unit> = reg.units().cloned().collect();
        for u in units {
            let old = reg.replace_unit(u.clone()).expect("exists");
            prop_assert_eq!(old, u);
        }
        prop_assert_eq!(format::save(&reg), before);
        prop_assert_eq!(reg.validate(), report);
    }
}

/// The edit API refuses the dates the format cannot write, naming the plan and the field; years 0001 and
/// 9999 are accepted and written with four digits.
#[test]
fn out_of_range_dates_name_their_field() {
    let y = year(2020);
    for bad in bad_dates() {
        let mut reg = Registry::default();
        let p = Plan::new("p", "Kế hoạch", y, PlanStatus::Issued).expect("valid").issued(bad);
        match reg.add_plan(p) {
            Err(EditError::Invalid { subject, field, .. }) => {
                assert_eq!(field, "issued_on");
                assert!(subject.contains("\"p\""), "{subject}");
            }
            other => panic!("{bad}: {other:?}"),
        }
        assert_eq!(reg.plan_count(), 0);
        let ok = Plan::new("p", "Kế hoạch", y, PlanStatus::Issued)
            .expect("valid")
            .issued(ymd(9999, 12, 31))
            .approved(Approval::Signing { held_on: ymd(1, 1, 1) });
        reg.add_plan(ok.clone()).expect("years 0001-9999 are fine");
        let before = format::save(&reg);
        let worse = ok.reviewed(Review { kind: ReviewKind::YearEnd, held_on: bad });
        match reg.replace_plan(worse) {
            Err(EditError::Invalid { field, .. }) => assert_eq!(field, "reviews[0].held_on"),
            other => panic!("{bad}: {other:?}"),
        }
        assert_eq!(format::save(&reg), before);
        assert!(before.contains("\"issued_on\": \"9999-12-31\""), "{before}");
        assert!(before.contains("\"held_on\": \"0001-01-01\""), "{before}");
        let back = format::load_str(&before).expect("loads");
        assert_eq!(format::save(&back), before);
    }
}

/// A severity override changes severities and nothing else.
#[test]
fn severity_is_what_the_registry_says() {
    let mut reg = arb_registry(42, 10, 12);
    let report = reg.validate();
    assert!(report.findings().len() > 5, "{:?}", keys(&report));
    for rule in Rule::ALL {
        reg.set_override(rule, Some(RuleLevel::On(Severity::Info)));
    }
    let all_info = reg.validate();
    assert_eq!(keys(&all_info), keys(&report));
    assert!(all_info.conforms());
    assert_eq!(all_info.counts().info, report.findings().len());
    for rule in Rule::ALL {
        reg.set_override(rule, None);
    }
    assert_eq!(reg.validate(), report);
}

// ---- 6. what an edit keeps, `save` writes and `load` reads back ------------------------------------------

/// A string around a 24-byte limit: as it was, at the limit, one byte over, NFD Vietnamese that NFC
/// shortens, Devanagari that NFC lengthens (U+0958: 3 bytes, 6 in NFC), precomposed Vietnamese.
fn near_limit(rng: &mut Rng, was: &str) -> String {
    let n = rng.range(1, 10) as usize;
    match rng.below(7) {
        0 | 1 => was.to_owned(),
        2 => "x".repeat(24),
        3 => "x".repeat(25),
        4 => "e\u{0302}\u{0323}".repeat(n),
        5 => "\u{0958}".repeat(n),
        _ => "ệ".repeat(n),
    }
}

/// An edit of any kind, with strings and lists stretched around tight limits.
fn stretched_edit(reg: &Registry, rng: &mut Rng) -> Edit {
    let plan_ids: Vec<String> = reg.plans().map(|p| p.id.to_string()).collect();
    let unit_ids: Vec<String> = reg.units().map(|u| u.id.to_string()).collect();
    match rng.below(6) {
        0 if !plan_ids.is_empty() => Edit::RemovePlan(rng.pick(&plan_ids).clone()),
        1 if !unit_ids.is_empty() => Edit::RemoveUnit(rng.pick(&unit_ids).clone()),
        2 | 3 => {
            let mut p = arb_plan(rng);
            p.title = near_limit(rng, p.title.as_str()).as_str().try_into().expect("not empty");
            if rng.chance(30) {
                p = p.with_number(&near_limit(rng, "17/KH-PGD")).expect("not empty");
            }
            let issuers: Vec<String> = (0..rng.range(0, 5)).map(|i| near_limit(rng, &format!("u{i}"))).collect();
            p = p.with_issuers(&issuers.iter().map(String::as_str).collect::<Vec<_>>()).expect("valid");
            if !plan_ids.is_empty() && rng.chance(50) {
                p.id = rng.pick(&plan_ids).parse().expect("valid");
                Edit::ReplacePlan(p)
            } else {
                Edit::AddPlan(p)
            }
        }
        _ => {
            let mut u = arb_unit(rng);
            u.name = near_limit(rng, u.name.as_str()).as_str().try_into().expect("not empty");
            if rng.chance(20) {
                u.id = near_limit(rng, u.id.as_str()).parse().expect("valid");
            }
            if !unit_ids.is_empty() && rng.chance(50) {
                u.id = rng.pick(&unit_ids).parse().expect("valid");
                Edit::ReplaceUnit(u)
            } else {
                Edit::AddUnit(u)
            }
        }
    }
}

fn try_edit(reg: &mut Registry, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::AddUnit(u) => reg.add_unit(u.clone()),
        Edit::AddPlan(p) => reg.add_plan(p.clone()),
        Edit::ReplaceUnit(u) => reg.replace_unit(u.clone()).map(drop),
        Edit::ReplacePlan(p) => reg.replace_plan(p.clone()).map(drop),
        Edit::RemoveUnit(id) => reg.remove_unit(id).map(drop),
        Edit::RemovePlan(id) => reg.remove_plan(id).map(drop),
    }
}

fn sorted<T: Clone, K: Ord>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut v: Vec<T> = items.collect();
    v.sort_by_key(|x| key(x));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(256), ..ProptestConfig::default() })]

    /// For every registry reachable by edits under tight limits, `load_with(save(r))` is `r` (same units and
    /// plans, same text when saved again). And the edits refuse exactly what a load would: the same edit on
    /// a registry without these limits makes a document that loads under them if and only if it was kept.
    #[test]
    fn what_edits_keep_loads_back(seed in any::<u64>(), count in 1usize..24) {
        let limits = kehoach::Limits {
            max_string_bytes: 24, max_list_items: 3, max_units: 6, max_plans: 6, ..kehoach::Limits::default()
        };
        let mut rng = Rng::new(seed);
        let mut reg = Registry::with_limits(*rng.pick(&kehoach::Profile::ALL), limits);
        for _ in 0..count {
            let edit = stretched_edit(&reg, &mut rng);
            let before = format::save(&reg);
            let mut free = format::load(before.as_bytes()).expect("a saved registry loads");
            let free_result = try_edit(&mut free, &edit);
            let result = try_edit(&mut reg, &edit);
            match (&free_result, &result) {
                (Ok(()), Ok(())) => prop_assert_eq!(format::save(&free), format::save(&reg)),
                (Ok(()), Err(e)) => {
                    prop_assert!(
                        matches!(e, EditError::TooManyUnits { .. } | EditError::TooManyPlans { .. }
                            | EditError::Invalid { problem: kehoach::ModelError::TooLong { .. }
                                | kehoach::ModelError::TooManyItems { .. }, .. }),
                        "refused for something else than a limit: {:?}", e
                    );
                    prop_assert_eq!(format::save(&reg), before.clone());
                    let refused = format::load_with(format::save(&free).as_bytes(), &limits);
                    prop_assert!(refused.is_err(), "the edit was refused ({}) but load keeps the data", e);
                }
                (Err(_), Ok(())) => prop_assert!(false, "kept under limits, refused without: {:?}", edit),
                (Err(_), Err(_)) => prop_assert_eq!(format::save(&reg), before.clone()),
            }
            let saved = format::save(&reg);
            let back = format::load_with(saved.as_bytes(), &limits);
            prop_assert!(back.is_ok(), "saved but cannot load: {:?}", back.err());
            let back = back.expect("checked");
            prop_assert_eq!(format::save(&back), saved);
            prop_assert_eq!(sorted(back.units().cloned(), |u| u.id.clone()), sorted(reg.units().cloned(), |u| u.id.clone()));
            prop_assert_eq!(sorted(back.plans().cloned(), |p| p.id.clone()), sorted(reg.plans().cloned(), |p| p.id.clone()));
        }
    }
}
