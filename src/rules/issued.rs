//! The school years in which each administration unit issued a plan: `school-without-plan` compares a
//! school's years with its managing unit's, for every school of the registry.
//!
//! A full check builds this once, in one pass over the registry's dense plan summaries. A registry spans a
//! handful of school years, so each unit's years are kept as bits of one word (bit `i`: the `i`-th year of
//! the registry), and a school is checked with one `and not`; a registry of more than 64 distinct years (no
//! real one) falls back to sorted lists.

use petgraph::stable_graph::NodeIndex;

use super::administration_issuer;
use crate::model::{PlanStatus, SchoolYear};
use crate::registry::Registry;
use crate::registry::small::Small;

/// Each administration unit's issued years, by node index.
pub(super) enum IssuedYears {
    /// At most 64 distinct years: `years` sorted, and for each node a word whose bit `i` is `years[i]`.
    Bits { years: Vec<SchoolYear>, of: Vec<u64> },
    /// More: each node's years, sorted.
    Lists(Vec<Option<Small<SchoolYear>>>),
}

impl IssuedYears {
    pub(super) fn of(reg: &Registry) -> IssuedYears {
        // (administration issuer, year) of every issued plan, from the dense summaries: no plan is read.
        let issued = || {
            reg.plan_nodes().filter_map(|n| {
                let year = reg.indexes().summary(n).filter(|p| p.status == PlanStatus::Issued)?.school_year;
                Some((administration_issuer(reg, n)?, year))
            })
        };
        let mut years: Vec<SchoolYear> = Vec::new();
        for (_, year) in issued() {
            if let Err(i) = years.binary_search(&year) {
                if years.len() == 64 {
                    return IssuedYears::Lists(lists(reg, issued()));
                }
                years.insert(i, year);
            }
        }
        let mut of = vec![0u64; reg.node_bound()];
        for (unit, year) in issued() {
            if let (Ok(bit), Some(word)) = (years.binary_search(&year), of.get_mut(unit.index())) {
                *word |= 1 << bit;
            }
        }
        IssuedYears::Bits { years, of }
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

/// Each unit's issued years as sorted lists.
fn lists(reg: &Registry, issued: impl Iterator<Item = (NodeIndex, SchoolYear)>) -> Vec<Option<Small<SchoolYear>>> {
    let mut table: Vec<Option<Small<SchoolYear>>> = vec![None; reg.node_bound()];
    for (unit, year) in issued {
        if let Some(slot) = table.get_mut(unit.index()) {
            match slot {
                None => *slot = Some(Small::One(year)),
                Some(years) => {
                    if let Err(i) = years.as_slice().binary_search(&year) {
                        years.insert(i, year);
                    }
                }
            }
        }
    }
    table
}
