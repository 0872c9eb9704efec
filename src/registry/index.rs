//! Indexes over plans that the rules read: plans grouped by first issuer and school year, by first issuer,
//! number and calendar year, and the school years in which a unit issued a plan.
//!
//! They are keyed by the first issuer's *id*, not by the unit it resolves to, so that adding or removing a
//! unit never moves a plan between groups; a rule asks separately whether that id resolves to an
//! administration unit. Keys share their strings with the plans (`Arc`), so building one costs no copy.

use chrono::Datelike;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use crate::model::{Plan, PlanStatus, SchoolYear, Text, UnitId};

/// Non-draft plans of one first issuer with one canonical number, issued in one calendar year.
pub(crate) type NumberKey = (UnitId, Text, i32);

#[derive(Clone, Debug, Default)]
pub(crate) struct PlanIndexes {
    active: FxHashMap<(UnitId, SchoolYear), Vec<NodeIndex>>,
    numbered: FxHashMap<NumberKey, Vec<NodeIndex>>,
    /// For each first issuer, the school years it has issued plans for, with how many (sorted by year).
    issued_years: FxHashMap<UnitId, Vec<(SchoolYear, u32)>>,
}

/// The key of `plan` in the number index, if it has one.
pub(crate) fn number_key(plan: &Plan) -> Option<NumberKey> {
    if plan.status == PlanStatus::Draft {
        return None;
    }
    let issuer = plan.issuers.first()?;
    let number = plan.number.as_ref()?;
    let date = plan.issued_on?;
    Some((issuer.clone(), number.canonical_text().clone(), date.year()))
}

impl PlanIndexes {
    pub(crate) fn insert(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(issuer) = plan.issuers.first() else {
            return;
        };
        if plan.status.is_active() {
            self.active.entry((issuer.clone(), plan.school_year)).or_default().push(n);
        }
        if let Some(key) = number_key(plan) {
            self.numbered.entry(key).or_default().push(n);
        }
        if plan.status == PlanStatus::Issued {
            let years = self.issued_years.entry(issuer.clone()).or_default();
            match years.binary_search_by_key(&plan.school_year, |&(y, _)| y) {
                Ok(i) => {
                    if let Some(slot) = years.get_mut(i) {
                        slot.1 += 1;
                    }
                }
                Err(i) => years.insert(i, (plan.school_year, 1)),
            }
        }
    }

    pub(crate) fn remove(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(issuer) = plan.issuers.first() else {
            return;
        };
        if plan.status.is_active() {
            let key = (issuer.clone(), plan.school_year);
            remove_from(&mut self.active, key, n);
        }
        if let Some(key) = number_key(plan) {
            remove_from(&mut self.numbered, key, n);
        }
        if plan.status == PlanStatus::Issued {
            if let Some(years) = self.issued_years.get_mut(issuer.as_str()) {
                if let Ok(i) = years.binary_search_by_key(&plan.school_year, |&(y, _)| y) {
                    let emptied = years.get_mut(i).is_some_and(|slot| {
                        slot.1 -= 1;
                        slot.1 == 0
                    });
                    if emptied {
                        years.remove(i);
                    }
                }
                if years.is_empty() {
                    self.issued_years.remove(issuer.as_str());
                }
            }
        }
    }

    /// The active plans whose first issuer is `issuer`, for `year`.
    pub(crate) fn active_by_id(&self, issuer: &UnitId, year: SchoolYear) -> &[NodeIndex] {
        self.active.get(&(issuer.clone(), year)).map_or(&[], Vec::as_slice)
    }

    /// The non-draft plans sharing `plan`'s first issuer, canonical number and calendar year.
    pub(crate) fn same_number(&self, plan: &Plan) -> &[NodeIndex] {
        number_key(plan).and_then(|k| self.numbered.get(&k)).map_or(&[], Vec::as_slice)
    }

    /// The school years for which `issuer` is the first issuer of an issued plan, in order.
    pub(crate) fn issued_years(&self, issuer: &str) -> impl Iterator<Item = SchoolYear> + '_ {
        self.issued_years.get(issuer).into_iter().flatten().map(|&(y, _)| y)
    }

    /// Whether `issuer` is the first issuer of an issued plan for `year`.
    pub(crate) fn has_issued(&self, issuer: &str, year: SchoolYear) -> bool {
        self.issued_years.get(issuer).is_some_and(|years| years.binary_search_by_key(&year, |&(y, _)| y).is_ok())
    }
}

fn remove_from<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Vec<NodeIndex>>, key: K, n: NodeIndex) {
    if let Some(v) = map.get_mut(&key) {
        v.retain(|&x| x != n);
        if v.is_empty() {
            map.remove(&key);
        }
    }
}
