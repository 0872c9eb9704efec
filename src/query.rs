//! The questions users ask of a registry: what a plan implements and what implements it (the
//! implementation tree), which schools of a managing unit have no plan for a year, and how each managing
//! unit's schools stand.

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;

use crate::model::Plan;
use crate::model::{PlanStatus, SchoolYear, Severity, Side, Unit, UnitId, nfc};
use crate::registry::Registry;
use crate::registry::facts::Kind;
use crate::report::{Report, Subject};

/// A school's issued plans by school year: (year, whether one of that year's plans has no error).
type YearsIssued = Vec<(SchoolYear, bool)>;

/// A look-up that named a unit or plan that is not in the registry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// No plan has this id.
    #[error("there is no plan \"{id}\"")]
    UnknownPlan {
        /// The id asked for.
        id: String,
    },
    /// No unit has this id.
    #[error("there is no unit \"{id}\"")]
    UnknownUnit {
        /// The id asked for.
        id: String,
    },
    /// The unit exists but is not an administration unit, so it manages no school.
    #[error("unit \"{id}\" is on the union side; only an administration unit manages schools")]
    NotAdministration {
        /// The id asked for.
        id: String,
    },
}

/// How the schools of one managing unit stand for one school year.
///
/// A school counts as *conforming* when at least one of its issued plans for the year has no finding of
/// severity error, *with errors* when it has issued plans and every one has an error, and *without a plan*
/// when it has no issued plan for the year (a draft is not yet a plan: it has not been adopted).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Compliance {
    /// The district office, commune committee or department the schools belong to.
    pub managing_unit: UnitId,
    /// The school year.
    pub school_year: SchoolYear,
    /// How many schools it manages.
    pub schools: usize,
    /// Schools with an issued plan that has no error.
    pub conforming: usize,
    /// Schools whose issued plans all have errors.
    pub with_errors: usize,
    /// Schools with no issued plan for the year.
    pub without_plan: usize,
}

impl Compliance {
    /// The share of schools that conform, in percent (100 when there are no schools).
    pub fn percent_conforming(&self) -> f64 {
        if self.schools == 0 {
            100.0
        } else {
            // Counts of schools are far below 2^52: the conversion is exact.
            self.conforming as f64 * 100.0 / self.schools as f64
        }
    }
}

impl Registry {
    /// The plans `plan` implements, directly or not: its parents first, then theirs, each once, in the
    /// order listed in `implements`. The plan itself is not included, even on a cycle.
    ///
    /// ```
    /// # let registry = kehoach::format::load_str(include_str!("../examples/data/hanoi-2020-2021.json")).unwrap();
    /// let up: Vec<&str> = registry.ancestors("tx-thcs-nc-2020").unwrap().iter().map(|p| p.id.as_str()).collect();
    /// assert_eq!(up, ["tx-17-2020", "hn-2731-2020"]);
    /// ```
    pub fn ancestors(&self, plan: &str) -> Result<Vec<&Plan>, QueryError> {
        let start = self.plan_node(&nfc(plan)).ok_or_else(|| QueryError::UnknownPlan { id: plan.to_owned() })?;
        Ok(self.walk(start, |n| {
            let mut parents: Vec<NodeIndex> = Vec::new();
            if let Some(p) = self.plan_at(n) {
                for id in &p.implements {
                    if let Some(m) = self.plan_node(id.as_str()) {
                        parents.push(m);
                    }
                }
            }
            parents
        }))
    }

    /// The plans that implement `plan`, directly or not: its children first, then theirs, each once, in the
    /// order they were added. The plan itself is not included, even on a cycle.
    pub fn descendants(&self, plan: &str) -> Result<Vec<&Plan>, QueryError> {
        let start = self.plan_node(&nfc(plan)).ok_or_else(|| QueryError::UnknownPlan { id: plan.to_owned() })?;
        Ok(self.walk(start, |n| self.in_order(self.child_nodes(n).iter())))
    }

    /// Breadth-first from `start` along `next`, without recursion.
    fn walk(&self, start: NodeIndex, next: impl Fn(NodeIndex) -> Vec<NodeIndex>) -> Vec<&Plan> {
        let mut seen = vec![false; self.node_bound()];
        if let Some(s) = seen.get_mut(start.index()) {
            *s = true;
        }
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(n) = queue.pop_front() {
            for m in next(n) {
                if let Some(s) = seen.get_mut(m.index()) {
                    if !*s {
                        *s = true;
                        queue.push_back(m);
                        out.extend(self.plan_at(m));
                    }
                }
            }
        }
        out
    }

    /// The schools `managing_unit` manages (those whose `parent` it is), in the order they were added.
    pub fn schools_of(&self, managing_unit: &str) -> Result<Vec<&Unit>, QueryError> {
        let m = self.managing_node(managing_unit)?;
        Ok(self
            .in_order(self.subordinate_nodes(m).iter())
            .into_iter()
            .filter_map(|n| self.unit_at(n))
            .filter(|u| u.is_school())
            .collect())
    }

    /// The schools `managing_unit` manages that are the administration issuer of no active (issued or
    /// draft) plan for `year`.
    pub fn schools_without_active_plan(&self, managing_unit: &str, year: SchoolYear) -> Result<Vec<&Unit>, QueryError> {
        Ok(self
            .schools_of(managing_unit)?
            .into_iter()
            .filter(|s| self.indexes().active_by_id(&s.id, year).is_empty())
            .collect())
    }

    /// The administration issuer of `plan`: its first issuer, when that is an administration unit.
    pub fn administration_issuer_of(&self, plan: &str) -> Result<Option<&Unit>, QueryError> {
        let p = self.plan(plan).ok_or_else(|| QueryError::UnknownPlan { id: plan.to_owned() })?;
        Ok(self.administration_issuer(p))
    }

    /// The managing unit of `plan`: the unit that manages its administration issuer (for a school plan, the
    /// district office, commune committee or department).
    pub fn managing_unit_of(&self, plan: &str) -> Result<Option<&Unit>, QueryError> {
        let p = self.plan(plan).ok_or_else(|| QueryError::UnknownPlan { id: plan.to_owned() })?;
        Ok(self.managing_unit(p))
    }

    /// How the schools of every managing unit stand in every school year for which the unit or one of its
    /// schools issued a plan, judged by `report` (normally `self.validate()`). Ordered by managing unit id,
    /// then school year.
    pub fn compliance(&self, report: &Report) -> Vec<Compliance> {
        // The plans with an error, by node: one pass over the report.
        let mut has_error = vec![false; self.node_bound()];
        for f in report.findings() {
            if let (Severity::Error, Subject::Plan(id)) = (f.severity, &f.subject) {
                if let Some(slot) = self.plan_node(id.as_str()).and_then(|n| has_error.get_mut(n.index())) {
                    *slot = true;
                }
            }
        }
        // Each school's issued plans, as (year, whether one of that year's has no error), read from the
        // issuer edges into the school: no look-up by id.
        let issued = |unit: NodeIndex| -> YearsIssued {
            let mut years: YearsIssued = Vec::new();
            for p in self.plans_issued_by(unit) {
                // The registry's dense summary of the plan: no plan is read.
                let Some(plan) = self.indexes().summary(p).filter(|plan| plan.status == PlanStatus::Issued) else {
                    continue;
                };
                let clean = !has_error.get(p.index()).copied().unwrap_or(false);
                match years.iter_mut().find(|(y, _)| *y == plan.school_year) {
                    Some((_, any_clean)) => *any_clean |= clean,
                    None => years.push((plan.school_year, clean)),
                }
            }
            years
        };
        // Schools by managing unit, in node order within each.
        let mut by_manager: Vec<(NodeIndex, Vec<YearsIssued>)> = Vec::new();
        let mut slot: rustc_hash::FxHashMap<NodeIndex, usize> = rustc_hash::FxHashMap::default();
        // From the dense facts: a unit is read only to name a managing unit.
        for (n, kind) in self.node_kinds() {
            if kind != Kind::School {
                continue;
            }
            let Some(m) = self.manager_node(n) else {
                continue;
            };
            let i = *slot.entry(m).or_insert_with(|| {
                by_manager.push((m, Vec::new()));
                by_manager.len() - 1
            });
            if let Some((_, schools)) = by_manager.get_mut(i) {
                schools.push(issued(n));
            }
        }
        let mut out = Vec::new();
        for (m, schools) in by_manager {
            let Some(manager) = self.unit_at(m) else { continue };
            rows_of(manager, issued(m), &schools, &mut out);
        }
        out.sort_by(|a, b| a.managing_unit.cmp(&b.managing_unit).then(a.school_year.cmp(&b.school_year)));
        out
    }

    /// The compliance rows of the managing units `managers` only, as [`Registry::compliance`] gives them (a
    /// unit that manages no school has none), with `has_error` saying which plan nodes have an error: for
    /// `change`, which judges a few managing units by a report it has not merged. Ordered by managing unit
    /// id, then school year.
    pub(crate) fn compliance_of(
        &self,
        managers: &[NodeIndex],
        has_error: &dyn Fn(NodeIndex) -> bool,
    ) -> Vec<Compliance> {
        let issued = |unit: NodeIndex| -> YearsIssued {
            let mut years: YearsIssued = Vec::new();
            for p in self.plans_issued_by(unit) {
                let Some(plan) = self.indexes().summary(p).filter(|plan| plan.status == PlanStatus::Issued) else {
                    continue;
                };
                let clean = !has_error(p);
                match years.iter_mut().find(|(y, _)| *y == plan.school_year) {
                    Some((_, any_clean)) => *any_clean |= clean,
                    None => years.push((plan.school_year, clean)),
                }
            }
            years
        };
        let mut managers = managers.to_vec();
        managers.sort_unstable();
        managers.dedup();
        let mut out = Vec::new();
        for m in managers {
            let Some(manager) = self.unit_at(m) else { continue };
            let schools: Vec<YearsIssued> = self
                .subordinate_nodes(m)
                .into_iter()
                .filter(|&n| self.fact(n).kind == Kind::School && self.manager_node(n) == Some(m))
                .map(issued)
                .collect();
            if schools.is_empty() {
                continue;
            }
            rows_of(manager, issued(m), &schools, &mut out);
        }
        out.sort_by(|a, b| a.managing_unit.cmp(&b.managing_unit).then(a.school_year.cmp(&b.school_year)));
        out
    }

    fn managing_node(&self, id: &str) -> Result<NodeIndex, QueryError> {
        let n = self.unit_node(&nfc(id)).ok_or_else(|| QueryError::UnknownUnit { id: id.to_owned() })?;
        match self.unit_at(n) {
            Some(u) if u.side() == Side::Administration => Ok(n),
            _ => Err(QueryError::NotAdministration { id: id.to_owned() }),
        }
    }
}

/// The compliance rows of `manager`: one per school year in which it (`own`) or one of its `schools` issued a
/// plan, counting the schools that have a plan without errors, only plans with errors, or no plan that year.
fn rows_of(manager: &Unit, own: YearsIssued, schools: &[YearsIssued], out: &mut Vec<Compliance>) {
    let mut years: Vec<SchoolYear> = own.into_iter().map(|(y, _)| y).collect();
    years.extend(schools.iter().flatten().map(|&(y, _)| y));
    years.sort_unstable();
    years.dedup();
    for year in years {
        let mut c = Compliance {
            managing_unit: manager.id.clone(),
            school_year: year,
            schools: schools.len(),
            conforming: 0,
            with_errors: 0,
            without_plan: 0,
        };
        for school in schools {
            match school.iter().find(|(y, _)| *y == year) {
                None => c.without_plan += 1,
                Some((_, true)) => c.conforming += 1,
                Some((_, false)) => c.with_errors += 1,
            }
        }
        out.push(c);
    }
}
