//! Indexes over plans that the rules read: plans grouped by first issuer and school year, and by first
//! issuer, number and calendar year; each plan's content-area sequences, interned (see `sequences`); and a
//! summary of each plan (see [`Summary`]).
//!
//! They are keyed by the first issuer's *id*, not by the unit it resolves to, so that adding or removing a
//! unit never moves a plan between groups; a rule asks separately whether that id resolves to an
//! administration unit. Keys share their strings with the plans (`Arc`), so building one costs no copy.

use chrono::{Datelike, NaiveDate};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::sequences::{self, SequenceId, Sequences};
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
    groups: Groups,
    /// For each plan node (by index), its groups and sequences: a rule reads them straight from here, without
    /// building a key, hashing a string or reading the plan.
    of_plan: Vec<Slot>,
    sequences: Sequences,
}

/// What the indexes hold for one plan node.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The plan's active group and number group.
    active: GroupId,
    numbered: GroupId,
    /// The sequence of the plan's area codes, and of its addresses when each area addresses exactly one code.
    codes: SequenceId,
    addresses: SequenceId,
    summary: Option<Summary>,
}

impl Slot {
    const VACANT: Slot =
        Slot { active: NONE, numbered: NONE, codes: sequences::NONE, addresses: sequences::NONE, summary: None };
}

/// What a full check needs to know about a plan to see that it has nothing to report, taken from the plan
/// when it comes in (its data is then in the cache) and kept in a dense array: a national check reads this
/// sixteen-byte summary instead of the plan's scattered heap blocks, and reads the plan itself only when the
/// summary leaves a finding possible (`rules::Checker::check_plan`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Summary {
    pub(crate) status: PlanStatus,
    pub(crate) school_year: SchoolYear,
    pub(crate) issued_on: Option<NaiveDate>,
    /// The day of the adopting staff conference (`Plan::adopting_conference`).
    pub(crate) conference_held_on: Option<NaiveDate>,
    /// How many issuers and `implements` entries the plan lists (saturating at 255).
    pub(crate) issuers: u8,
    pub(crate) implements: u8,
    /// Whether the rules that read nothing but the plan itself say nothing about it
    /// (`rules::locally_quiet`).
    pub(crate) locally_quiet: bool,
}

impl Summary {
    fn of(plan: &Plan) -> Summary {
        let count = |len: usize| u8::try_from(len).unwrap_or(u8::MAX);
        Summary {
            status: plan.status,
            school_year: plan.school_year,
            issued_on: plan.issued_on,
            conference_held_on: plan.adopting_conference().map(|c| c.held_on),
            issuers: count(plan.issuers.len()),
            implements: count(plan.implements.len()),
            locally_quiet: crate::rules::locally_quiet(plan),
        }
    }
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
    groups: &mut Groups,
    key: K,
    n: NodeIndex,
) -> GroupId {
    let id = *map.entry(key).or_insert_with(|| match groups.free.pop() {
        Some(id) => id,
        None => {
            groups.members.push(None);
            groups.sizes.push(0);
            GroupId::try_from(groups.members.len() - 1).unwrap_or(NONE)
        }
    });
    if let Some(slot) = groups.members.get_mut(id as usize) {
        match slot {
            Some(g) => g.push(n),
            None => *slot = Some(Small::One(n)),
        }
    }
    groups.sync_size(id);
    id
}

/// Removes `n` from group `id` of `map`; frees the group when it empties.
fn leave<K: std::hash::Hash + Eq>(
    map: &mut FxHashMap<K, GroupId>,
    groups: &mut Groups,
    key: K,
    id: GroupId,
    n: NodeIndex,
) {
    let Some(slot) = groups.members.get_mut(id as usize) else { return };
    if slot.as_mut().is_some_and(|g| g.remove_all(n)) {
        *slot = None;
        map.remove(&key);
        groups.free.push(id);
    }
    groups.sync_size(id);
}

/// The groups of both indexes, in one slab.
#[derive(Clone, Debug, Default)]
struct Groups {
    /// The members of each group; a freed slot is `None` and listed in `free`.
    members: Vec<Option<Small<NodeIndex>>>,
    /// The size of each group, dense: a full check asks every plan whether its groups have another member,
    /// and four bytes a group stream faster than the lists.
    sizes: Vec<u32>,
    free: Vec<GroupId>,
}

impl Groups {
    /// Copies group `id`'s member count into the dense sizes, after it changed.
    fn sync_size(&mut self, id: GroupId) {
        let len = self.members.get(id as usize).and_then(Option::as_ref).map_or(0, |g| g.as_slice().len());
        if let Some(size) = self.sizes.get_mut(id as usize) {
            *size = u32::try_from(len).unwrap_or(u32::MAX);
        }
    }
}

impl PlanIndexes {
    pub(crate) fn insert(&mut self, n: NodeIndex, plan: &Plan) {
        let mut slot = Slot { summary: Some(Summary::of(plan)), ..Slot::VACANT };
        (slot.codes, slot.addresses) = self.sequences.acquire_plan(plan);
        if let Some(issuer) = plan.issuers.first() {
            if plan.status.is_active() {
                let key = (issuer.clone(), plan.school_year);
                slot.active = join(&mut self.active, &mut self.groups, key, n);
            }
            if let Some(key) = number_key(plan) {
                slot.numbered = join(&mut self.numbered, &mut self.groups, key, n);
            }
        }
        if self.of_plan.len() <= n.index() {
            self.of_plan.resize(n.index() + 1, Slot::VACANT);
        }
        if let Some(s) = self.of_plan.get_mut(n.index()) {
            *s = slot;
        }
    }

    pub(crate) fn remove(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(slot) = self.of_plan.get_mut(n.index()) else { return };
        let old = std::mem::replace(slot, Slot::VACANT);
        self.sequences.release(old.codes);
        self.sequences.release(old.addresses);
        let Some(issuer) = plan.issuers.first() else {
            return;
        };
        if old.active != NONE {
            let key = (issuer.clone(), plan.school_year);
            leave(&mut self.active, &mut self.groups, key, old.active, n);
        }
        if let (Some(key), true) = (number_key(plan), old.numbered != NONE) {
            leave(&mut self.numbered, &mut self.groups, key, old.numbered, n);
        }
    }

    fn group(&self, id: GroupId) -> &[NodeIndex] {
        self.groups.members.get(id as usize).and_then(Option::as_ref).map_or(&[], Small::as_slice)
    }

    /// Makes room for `plans` more plans on node indexes below `bound`.
    pub(crate) fn reserve(&mut self, plans: usize, bound: usize) {
        self.active.reserve(plans);
        self.numbered.reserve(plans);
        self.groups.members.reserve(2 * plans);
        self.groups.sizes.reserve(2 * plans);
        if self.of_plan.len() < bound {
            self.of_plan.resize(bound, Slot::VACANT);
        }
    }

    /// The active plans sharing plan node `n`'s first issuer and school year (`n` included; empty when `n`
    /// is not active or has no issuer).
    pub(crate) fn active_group(&self, n: NodeIndex) -> &[NodeIndex] {
        self.of_plan.get(n.index()).map_or(&[], |s| self.group(s.active))
    }

    /// How many plans [`PlanIndexes::active_group`] and [`PlanIndexes::number_group`] of plan node `n` hold,
    /// read from the dense sizes.
    pub(crate) fn group_sizes(&self, n: NodeIndex) -> (usize, usize) {
        let size = |id: GroupId| self.groups.sizes.get(id as usize).map_or(0, |&s| s as usize);
        self.of_plan.get(n.index()).map_or((0, 0), |s| (size(s.active), size(s.numbered)))
    }

    /// The non-draft plans sharing plan node `n`'s first issuer, canonical number and calendar year.
    pub(crate) fn number_group(&self, n: NodeIndex) -> &[NodeIndex] {
        self.of_plan.get(n.index()).map_or(&[], |s| self.group(s.numbered))
    }

    /// The summary of plan node `n`.
    pub(crate) fn summary(&self, n: NodeIndex) -> Option<&Summary> {
        self.of_plan.get(n.index()).and_then(|s| s.summary.as_ref())
    }

    /// Whether plan node `child`'s areas address plan node `parent`'s areas one for one, in order: each area
    /// of `child` addresses exactly one code, and those codes are `parent`'s codes. Two numbers read, no plan.
    pub(crate) fn addresses_one_for_one(&self, child: NodeIndex, parent: NodeIndex) -> bool {
        match (self.of_plan.get(child.index()), self.of_plan.get(parent.index())) {
            (Some(c), Some(p)) => c.addresses != sequences::NONE && c.addresses == p.codes,
            _ => false,
        }
    }

    /// The active plans whose first issuer is `issuer`, for `year`.
    pub(crate) fn active_by_id(&self, issuer: &UnitId, year: SchoolYear) -> &[NodeIndex] {
        self.active.get(&(issuer.clone(), year)).map_or(&[], |&id| self.group(id))
    }
}
