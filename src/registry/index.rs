//! Indexes over plans that the rules read: plans grouped by first issuer and school year, and by first
//! issuer, number and calendar year.
//!
//! They are keyed by the first issuer's *id*, not by the unit it resolves to, so that adding or removing a
//! unit never moves a plan between groups; a rule asks separately whether that id resolves to an
//! administration unit. Keys share their strings with the plans (`Arc`), so building one costs no copy.

use chrono::Datelike;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::small::Small;
use crate::model::{Plan, PlanStatus, SchoolYear, Text, UnitId};

/// Non-draft plans of one first issuer with one canonical number, issued in one calendar year.
pub(crate) type NumberKey = (UnitId, Text, i32);

/// A group of plans (same first issuer and year, or same number): an index into the slab of groups.
type GroupId = u32;

/// No group.
const NONE: GroupId = GroupId::MAX;

#[derive(Clone, Debug, Default)]
pub(crate) struct PlanIndexes {
    active: FxHashMap<(UnitId, SchoolYear), GroupId>,
    numbered: FxHashMap<NumberKey, GroupId>,
    /// The members of each group; a freed slot is `None` and listed in `free`.
    groups: Vec<Option<Small<NodeIndex>>>,
    free: Vec<GroupId>,
    /// For each plan node (by index), its active group and its number group: a rule reads a plan's group
    /// straight from here, without building a key or hashing a string.
    of_plan: Vec<(GroupId, GroupId)>,
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

/// Adds `n` to the group `key` names in `map`, making the group if needed; returns its id.
fn join<K: std::hash::Hash + Eq>(
    map: &mut FxHashMap<K, GroupId>,
    groups: &mut Vec<Option<Small<NodeIndex>>>,
    free: &mut Vec<GroupId>,
    key: K,
    n: NodeIndex,
) -> GroupId {
    let id = *map.entry(key).or_insert_with(|| match free.pop() {
        Some(id) => id,
        None => {
            groups.push(None);
            GroupId::try_from(groups.len() - 1).unwrap_or(NONE)
        }
    });
    if let Some(slot) = groups.get_mut(id as usize) {
        match slot {
            Some(g) => g.push(n),
            None => *slot = Some(Small::One(n)),
        }
    }
    id
}

/// Removes `n` from group `id` of `map`; frees the group when it empties.
fn leave<K: std::hash::Hash + Eq>(
    map: &mut FxHashMap<K, GroupId>,
    groups: &mut [Option<Small<NodeIndex>>],
    free: &mut Vec<GroupId>,
    key: K,
    id: GroupId,
    n: NodeIndex,
) {
    let Some(slot) = groups.get_mut(id as usize) else { return };
    if slot.as_mut().is_some_and(|g| g.remove_all(n)) {
        *slot = None;
        map.remove(&key);
        free.push(id);
    }
}

impl PlanIndexes {
    pub(crate) fn insert(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(issuer) = plan.issuers.first() else {
            return;
        };
        let mut handles = (NONE, NONE);
        if plan.status.is_active() {
            let key = (issuer.clone(), plan.school_year);
            handles.0 = join(&mut self.active, &mut self.groups, &mut self.free, key, n);
        }
        if let Some(key) = number_key(plan) {
            handles.1 = join(&mut self.numbered, &mut self.groups, &mut self.free, key, n);
        }
        if self.of_plan.len() <= n.index() {
            self.of_plan.resize(n.index() + 1, (NONE, NONE));
        }
        if let Some(slot) = self.of_plan.get_mut(n.index()) {
            *slot = handles;
        }
    }

    pub(crate) fn remove(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(issuer) = plan.issuers.first() else {
            return;
        };
        let (active, numbered) = self.of_plan.get(n.index()).copied().unwrap_or((NONE, NONE));
        if active != NONE {
            let key = (issuer.clone(), plan.school_year);
            leave(&mut self.active, &mut self.groups, &mut self.free, key, active, n);
        }
        if let (Some(key), true) = (number_key(plan), numbered != NONE) {
            leave(&mut self.numbered, &mut self.groups, &mut self.free, key, numbered, n);
        }
        if let Some(slot) = self.of_plan.get_mut(n.index()) {
            *slot = (NONE, NONE);
        }
    }

    fn group(&self, id: GroupId) -> &[NodeIndex] {
        self.groups.get(id as usize).and_then(Option::as_ref).map_or(&[], Small::as_slice)
    }

    /// Makes room for `plans` more plans on node indexes below `bound`.
    pub(crate) fn reserve(&mut self, plans: usize, bound: usize) {
        self.active.reserve(plans);
        self.numbered.reserve(plans);
        self.groups.reserve(2 * plans);
        if self.of_plan.len() < bound {
            self.of_plan.resize(bound, (NONE, NONE));
        }
    }

    /// The active plans sharing plan node `n`'s first issuer and school year (`n` included; empty when `n`
    /// is not active or has no issuer).
    pub(crate) fn active_group(&self, n: NodeIndex) -> &[NodeIndex] {
        self.of_plan.get(n.index()).map_or(&[], |&(active, _)| self.group(active))
    }

    /// The non-draft plans sharing plan node `n`'s first issuer, canonical number and calendar year.
    pub(crate) fn number_group(&self, n: NodeIndex) -> &[NodeIndex] {
        self.of_plan.get(n.index()).map_or(&[], |&(_, numbered)| self.group(numbered))
    }

    /// The active plans whose first issuer is `issuer`, for `year`.
    pub(crate) fn active_by_id(&self, issuer: &UnitId, year: SchoolYear) -> &[NodeIndex] {
        self.active.get(&(issuer.clone(), year)).map_or(&[], |&id| self.group(id))
    }
}
