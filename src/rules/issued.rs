//! The school years in which each administration unit issued a plan: `school-without-plan` compares a
//! school's years with its managing unit's, for every school of the registry.
//!
//! A full check notes them as its pass over the nodes meets each plan (from the registry's dense summary
//! of the plan: no plan is read, and no second pass is made), then judges the schools. A registry spans a
//! handful of school years, so each unit's years are kept as bits of one word (bit `i`: the `i`-th distinct
//! year met), and a school is judged with one `and not`; past 64 distinct years (no real registry) the
//! table turns into sorted lists.

use petgraph::stable_graph::NodeIndex;

use crate::model::{PlanStatus, SchoolYear};
use crate::registry::Registry;
use crate::registry::small::Small;

/// Each administration unit's issued years, by node index.
pub(super) enum IssuedYears {
    /// At most 64 distinct years: `years` in the order first met, and for each node a word whose bit `i`
    /// is `years[i]`.
    Bits { years: Vec<SchoolYear>, of: Vec<u64> },
    /// More: each node's years, sorted.
    Lists(Vec<Option<Small<SchoolYear>>>),
}

impl Default for IssuedYears {
    fn default() -> IssuedYears {
        IssuedYears::Bits { years: Vec::new(), of: Vec::new() }
    }
}

impl IssuedYears {
    /// Notes plan node `n`'s year under its administration issuer, when the plan is issued.
    pub(super) fn record(&mut self, reg: &Registry, n: NodeIndex) {
        let Some(plan) = reg.indexes().summary(n).filter(|p| p.status == PlanStatus::Issued) else { return };
        let Some(unit) = reg.administration_issuer_node(n) else { return };
        let year = plan.school_year;
        if let IssuedYears::Bits { years, of } = self {
            let bit = match years.iter().position(|&y| y == year) {
                Some(bit) => Some(bit),
                None if years.len() < 64 => {
                    years.push(year);
                    Some(years.len() - 1)
                }
                None => None,
            };
            if let Some(bit) = bit {
                if of.len() <= unit.index() {
                    of.resize(unit.index() + 1, 0);
                }
                if let Some(word) = of.get_mut(unit.index()) {
                    *word |= 1 << bit;
                }
                return;
            }
            *self = IssuedYears::Lists(lists(years, of));
        }
        if let IssuedYears::Lists(table) = self {
            add(table, unit, year);
        }
    }

    /// The years, in order, in which unit node `manager` issued a plan and unit node `school` did not.
    pub(super) fn missing(&self, school: NodeIndex, manager: NodeIndex) -> Vec<SchoolYear> {
        match self {
            IssuedYears::Bits { years, of } => {
                let word = |n: NodeIndex| of.get(n.index()).copied().unwrap_or(0);
                let mut missing = word(manager) & !word(school);
                let mut out = Vec::new();
                while missing != 0 {
                    let bit = missing.trailing_zeros() as usize;
                    missing &= missing - 1;
                    out.extend(years.get(bit).copied());
                }
                out.sort_unstable();
                out
            }
            IssuedYears::Lists(table) => {
                let list =
                    |n: NodeIndex| table.get(n.index()).and_then(Option::as_ref).map_or(&[][..], Small::as_slice);
                let own = list(school);
                list(manager).iter().copied().filter(|y| own.binary_search(y).is_err()).collect()
            }
        }
    }
}

/// The bits `of` over `years`, as sorted lists.
fn lists(years: &[SchoolYear], of: &[u64]) -> Vec<Option<Small<SchoolYear>>> {
    let mut table = vec![None; of.len()];
    for (i, &word) in of.iter().enumerate() {
        for (bit, &year) in years.iter().enumerate() {
            if word & (1 << bit) != 0 {
                add(&mut table, NodeIndex::new(i), year);
            }
        }
    }
    table
}

/// Adds `year` to unit node `unit`'s sorted list.
fn add(table: &mut Vec<Option<Small<SchoolYear>>>, unit: NodeIndex, year: SchoolYear) {
    if table.len() <= unit.index() {
        table.resize(unit.index() + 1, None);
    }
    let Some(slot) = table.get_mut(unit.index()) else { return };
    match slot {
        None => *slot = Some(Small::One(year)),
        Some(list) => {
            if let Err(i) = list.as_slice().binary_search(&year) {
                list.insert(i, year);
            }
        }
    }
}
