//! Indexes over plans that the rules read: plans grouped by first issuer and school year, and by first
//! issuer, number and calendar year; each plan's content-area sequences, interned (see `sequences`); and a
//! summary of each plan (see [`Summary`]).
//!
//! Both groupings are keyed by the first issuer's *id*, not by the unit it resolves to, so that adding or
//! removing a unit never moves a plan between groups; a rule asks separately whether that id resolves to an
//! administration unit. They share one map, from issuer id to that issuer's groups: once a national registry's
//! maps outgrow the cache, each probe of a map costs a few cache misses, and one probe a plan instead of two
//! is measurably cheaper to load and build. Keys share their strings with the plans (`Arc`), so building one
//! costs no copy.

use chrono::{Datelike, NaiveDate};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::sequences::{self, SequenceId, Sequences};
use super::small::{self, List, Small, find, push};
use crate::model::{AreaCode, Plan, PlanStatus, SchoolYear, Text, UnitId};

/// A group of plans (same first issuer and year, or same number): an index into the slab of groups.
type GroupId = u32;

/// No group.
const NONE: GroupId = GroupId::MAX;

#[derive(Clone, Debug, Default)]
pub(crate) struct PlanIndexes {
    /// The groups of each first-issuer id.
    by_issuer: FxHashMap<UnitId, OfIssuer>,
    groups: Groups,
    /// For each plan node (by index), its groups and sequences: a rule reads them straight from here, without
    /// building a key, hashing a string or reading the plan.
    of_plan: Vec<Slot>,
    sequences: Sequences,
}

/// The groups of one first-issuer id. An issuer has one active group and one number group a year, or a few,
/// so each list keeps one entry inline.
#[derive(Clone, Debug, Default)]
struct OfIssuer {
    /// Its active plans' groups, by school year.
    active: List<(SchoolYear, GroupId)>,
    /// Its non-draft numbered plans' groups, by calendar year; each group's number is in `Groups::numbers`.
    numbered: List<(i32, GroupId)>,
}

impl OfIssuer {
    fn is_empty(&self) -> bool {
        self.active.is_none() && self.numbered.is_none()
    }
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
    /// (`catalogue::conditions::plan_is_locally_sound`).
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
            locally_quiet: crate::catalogue::conditions::plan_is_locally_sound(plan),
        }
    }
}

/// A plan's slot with what the plan alone decides: its summary and its sequences, interned in `sequences`.
fn prepared(sequences: &mut Sequences, plan: &Plan) -> Slot {
    let mut slot = Slot { summary: Some(Summary::of(plan)), ..Slot::VACANT };
    (slot.codes, slot.addresses) = sequences.acquire_plan(plan);
    slot
}

/// What the indexes keep of one plan that the plan alone decides, taken by a [`Preparer`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Prepared(Slot);

/// Prepares plans read apart from any registry (on another thread), each while it is in the cache. The
/// sequence ids are this preparer's own: it hands each sequence over once ([`Preparer::new_sequences`]) to an
/// [`Adopter`], with which the registry translates the ids as the plans join it ([`PlanIndexes::adopt`]).
#[derive(Debug, Default)]
pub(crate) struct Preparer {
    sequences: Sequences,
    /// How many of its sequences it has handed over.
    handed_over: usize,
}

impl Preparer {
    pub(crate) fn prepare(&mut self, plan: &Plan) -> Prepared {
        Prepared(prepared(&mut self.sequences, plan))
    }

    /// The sequences interned since the last call, in the order of their ids: an [`Adopter`] receives them
    /// before the plans prepared since join the registry.
    pub(crate) fn new_sequences(&mut self) -> NewSequences {
        let new = self.sequences.codes_from(self.handed_over);
        self.handed_over += new.len();
        NewSequences(new)
    }
}

/// Sequences a [`Preparer`] hands over, in the order of their ids.
#[derive(Debug, Default)]
pub(crate) struct NewSequences(Vec<Box<[AreaCode]>>);

/// The registry's side of one [`Preparer`]: the sequences it handed over, and the registry's id of each that
/// a plan has brought in.
#[derive(Debug, Default)]
pub(crate) struct Adopter {
    codes: Vec<Box<[AreaCode]>>,
    adopted: Vec<Option<SequenceId>>,
}

impl Adopter {
    /// Takes the preparer's next sequences.
    pub(crate) fn receive(&mut self, new: NewSequences) {
        self.codes.extend(new.0);
    }
}

/// The canonical number and calendar year under which `plan` joins its first issuer's number groups: a
/// non-draft plan with a number and a day of issue.
fn number_of(plan: &Plan) -> Option<(&Text, i32)> {
    if plan.status == PlanStatus::Draft {
        return None;
    }
    Some((plan.number.as_ref()?.canonical_text(), plan.issued_on?.year()))
}

/// The groups of both indexes, in one slab.
#[derive(Clone, Debug, Default)]
struct Groups {
    /// The members of each group; a freed slot is `None` and listed in `free`.
    members: Vec<List<NodeIndex>>,
    /// The size of each group, dense: a full check asks every plan whether its groups have another member,
    /// and four bytes a group stream faster than the lists.
    sizes: Vec<u32>,
    /// The canonical number of each number group (`None` for an active group).
    numbers: Vec<Option<Text>>,
    free: Vec<GroupId>,
}

impl Groups {
    /// A new, empty group (reusing a freed id); `number` is its number if it is a number group.
    fn open(&mut self, number: Option<Text>) -> GroupId {
        match self.free.pop() {
            Some(id) => {
                if let Some(slot) = self.numbers.get_mut(id as usize) {
                    *slot = number;
                }
                id
            }
            None => {
                self.members.push(None);
                self.sizes.push(0);
                self.numbers.push(number);
                GroupId::try_from(self.members.len() - 1).unwrap_or(NONE)
            }
        }
    }

    /// Adds `n` to group `id`.
    fn join(&mut self, id: GroupId, n: NodeIndex) {
        if let Some(slot) = self.members.get_mut(id as usize) {
            push(slot, n);
        }
        self.sync_size(id);
    }

    /// Removes `n` from group `id`; frees the group, and returns true, when that empties it.
    fn leave(&mut self, id: GroupId, n: NodeIndex) -> bool {
        let Some(slot) = self.members.get_mut(id as usize) else { return false };
        let emptied = small::remove(slot, n);
        if emptied {
            if let Some(number) = self.numbers.get_mut(id as usize) {
                *number = None;
            }
            self.free.push(id);
        }
        self.sync_size(id);
        emptied
    }

    /// Whether group `id` is the number group of `number`.
    fn is_for(&self, id: GroupId, number: &Text) -> bool {
        self.numbers.get(id as usize).and_then(Option::as_ref) == Some(number)
    }

    /// Copies group `id`'s member count into the dense sizes, after it changed.
    fn sync_size(&mut self, id: GroupId) {
        let len = self.members.get(id as usize).and_then(Option::as_ref).map_or(0, |g| g.as_slice().len());
        if let Some(size) = self.sizes.get_mut(id as usize) {
            *size = u32::try_from(len).unwrap_or(u32::MAX);
        }
    }
}

impl PlanIndexes {
    /// Takes what the indexes keep of `plan`, at node `n`, that the plan alone decides: its summary and its
    /// sequences. The loader calls it as each plan is read, while the plan is in the cache;
    /// [`PlanIndexes::insert`] then files the plan in its groups.
    pub(crate) fn prepare(&mut self, n: NodeIndex, plan: &Plan) {
        let slot = prepared(&mut self.sequences, plan);
        self.put(n, slot);
    }

    /// [`PlanIndexes::prepare`], with what a [`Preparer`] took of the plan; `adopter` has received its
    /// sequences.
    pub(crate) fn adopt(&mut self, n: NodeIndex, prepared: Prepared, adopter: &mut Adopter) {
        let mut slot = prepared.0;
        slot.codes = self.adopt_sequence(slot.codes, adopter);
        slot.addresses = self.adopt_sequence(slot.addresses, adopter);
        self.put(n, slot);
    }

    /// This registry's id of the preparer's sequence `id`, with one more user.
    fn adopt_sequence(&mut self, id: SequenceId, adopter: &mut Adopter) -> SequenceId {
        if id == sequences::NONE {
            return id;
        }
        if let Some(&Some(ours)) = adopter.adopted.get(id as usize) {
            self.sequences.add_user(ours);
            return ours;
        }
        let codes = adopter.codes.get(id as usize).map_or(&[][..], |c| &**c);
        let ours = self.sequences.acquire_codes(codes);
        if adopter.adopted.len() <= id as usize {
            adopter.adopted.resize(id as usize + 1, None);
        }
        if let Some(slot) = adopter.adopted.get_mut(id as usize) {
            *slot = Some(ours);
        }
        ours
    }

    fn put(&mut self, n: NodeIndex, slot: Slot) {
        if self.of_plan.len() <= n.index() {
            self.of_plan.resize(n.index() + 1, Slot::VACANT);
        }
        if let Some(s) = self.of_plan.get_mut(n.index()) {
            *s = slot;
        }
    }

    /// Files plan `plan`, at node `n`, in its groups, with its summary and sequences: those prepared for it
    /// if it was prepared (a prepared slot has a summary and no group: a slot is emptied when its plan leaves,
    /// so it can only have been prepared for the plan now at `n`), else taken now.
    ///
    /// `issuer` is the registry's own copy of the first issuer's id, when it names a unit (the unit map's key):
    /// a new group list is keyed by it, so that the plans of one issuer that resolve to the unit find their
    /// list by pointer, without reading a copy of the id that has left the cache (`Text`'s `eq`).
    pub(crate) fn insert(&mut self, n: NodeIndex, plan: &Plan, issuer: Option<&UnitId>) {
        let mut slot = match self.of_plan.get(n.index()) {
            Some(&s) if s.summary.is_some() => s,
            _ => prepared(&mut self.sequences, plan),
        };
        let active = plan.status.is_active();
        let number = number_of(plan);
        if let (Some(first), true) = (plan.issuers.first(), active || number.is_some()) {
            debug_assert!(issuer.is_none_or(|i| i == first));
            let groups = &mut self.groups;
            let of = self.by_issuer.entry(issuer.unwrap_or(first).clone()).or_default();
            if active {
                let year = plan.school_year;
                let id = match find(&of.active, |&(y, _)| y == year) {
                    Some((_, id)) => id,
                    None => {
                        let id = groups.open(None);
                        push(&mut of.active, (year, id));
                        id
                    }
                };
                groups.join(id, n);
                slot.active = id;
            }
            if let Some((number, year)) = number {
                let id = match find(&of.numbered, |&(y, id)| y == year && groups.is_for(id, number)) {
                    Some((_, id)) => id,
                    None => {
                        let id = groups.open(Some(number.clone()));
                        push(&mut of.numbered, (year, id));
                        id
                    }
                };
                groups.join(id, n);
                slot.numbered = id;
            }
        }
        self.put(n, slot);
    }

    pub(crate) fn remove(&mut self, n: NodeIndex, plan: &Plan) {
        let Some(slot) = self.of_plan.get_mut(n.index()) else { return };
        let old = std::mem::replace(slot, Slot::VACANT);
        self.sequences.release(old.codes);
        self.sequences.release(old.addresses);
        let Some(issuer) = plan.issuers.first() else { return };
        let Some(of) = self.by_issuer.get_mut(issuer.as_str()) else { return };
        if old.active != NONE && self.groups.leave(old.active, n) {
            small::remove(&mut of.active, (plan.school_year, old.active));
        }
        if let (Some((_, year)), true) = (number_of(plan), old.numbered != NONE) {
            if self.groups.leave(old.numbered, n) {
                small::remove(&mut of.numbered, (year, old.numbered));
            }
        }
        if of.is_empty() {
            self.by_issuer.remove(issuer.as_str());
        }
    }

    fn group(&self, id: GroupId) -> &[NodeIndex] {
        self.groups.members.get(id as usize).and_then(Option::as_ref).map_or(&[], Small::as_slice)
    }

    /// Makes room for plans on node indexes below `bound`, without touching it: the loader prepares each plan
    /// as it comes (`PlanIndexes::prepare`).
    pub(crate) fn reserve_slots(&mut self, bound: usize) {
        self.of_plan.reserve(bound.saturating_sub(self.of_plan.len()));
    }

    /// Makes room for `plans` more plans of at most `issuers` first issuers, on node indexes below `bound`.
    pub(crate) fn reserve(&mut self, plans: usize, issuers: usize, bound: usize) {
        self.by_issuer.reserve(plans.min(issuers));
        self.groups.members.reserve(2 * plans);
        self.groups.sizes.reserve(2 * plans);
        self.groups.numbers.reserve(2 * plans);
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
        let of = self.by_issuer.get(issuer.as_str());
        of.and_then(|of| find(&of.active, |&(y, _)| y == year)).map_or(&[], |(_, id)| self.group(id))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};
    use petgraph::stable_graph::NodeIndex;

    use crate::model::{Plan, PlanStatus};
    use crate::registry::Registry;

    /// Every plan's two groups, and the issuer look-up, against the groups worked out from the plans alone.
    fn agree(reg: &Registry) {
        let plans: Vec<(NodeIndex, &Plan)> = reg.plan_nodes().filter_map(|n| reg.plan_at(n).map(|p| (n, p))).collect();
        let same_issuer = |a: &Plan, b: &Plan| !a.issuers.is_empty() && a.issuers.first() == b.issuers.first();
        let number = |p: &Plan| match (p.status, &p.number, p.issued_on) {
            (PlanStatus::Draft, _, _) | (_, None, _) | (_, _, None) => None,
            (_, Some(number), Some(on)) => Some((number.canonical_text().clone(), on.year())),
        };
        for &(n, p) in &plans {
            let mut active: Vec<NodeIndex> = plans
                .iter()
                .filter(|(_, q)| {
                    p.status.is_active() && q.status.is_active() && same_issuer(p, q) && q.school_year == p.school_year
                })
                .map(|&(m, _)| m)
                .collect();
            let mut numbered: Vec<NodeIndex> = plans
                .iter()
                .filter(|(_, q)| number(p).is_some() && same_issuer(p, q) && number(q) == number(p))
                .map(|&(m, _)| m)
                .collect();
            let mut got_active = reg.indexes().active_group(n).to_vec();
            let mut got_numbered = reg.indexes().number_group(n).to_vec();
            for v in [&mut active, &mut numbered, &mut got_active, &mut got_numbered] {
                v.sort_unstable();
            }
            assert_eq!(got_active, active, "active group of {}", p.id);
            assert_eq!(got_numbered, numbered, "number group of {}", p.id);
            assert_eq!(reg.indexes().group_sizes(n), (active.len(), numbered.len()), "sizes of {}", p.id);
            if let (Some(issuer), true) = (p.issuers.first(), p.status.is_active()) {
                let mut by_id = reg.indexes().active_by_id(issuer, p.school_year).to_vec();
                by_id.sort_unstable();
                assert_eq!(by_id, active, "active plans of {issuer} in {}", p.school_year);
            }
        }
    }

    fn plan(id: &str, issuer: &str, year: &str, status: PlanStatus, number: Option<(&str, i32)>) -> Plan {
        let mut p = Plan::new(id, "KH", year.parse().unwrap(), status).unwrap().with_issuers(&[issuer]).unwrap();
        if let Some((number, on)) = number {
            p = p.with_number(number).unwrap();
            p.issued_on = NaiveDate::from_ymd_opt(on, 9, 4);
        }
        p
    }

    #[test]
    fn groups_follow_every_edit_with_one_map_entry_per_issuer() {
        use PlanStatus::{Draft, Issued, Withdrawn};
        let mut reg = Registry::default();
        let n17 = Some(("17/KHPH-GD&ĐT-LĐLĐ", 2020));
        // One issuer: the same number twice in a year, another number, the same number a year later.
        reg.add_plan(plan("a", "o1", "2020-2021", Issued, n17)).unwrap();
        reg.add_plan(plan("b", "o1", "2020-2021", Issued, n17)).unwrap();
        reg.add_plan(plan("c", "o1", "2020-2021", Issued, Some(("18/KHPH-GD&ĐT-LĐLĐ", 2020)))).unwrap();
        reg.add_plan(plan("d", "o1", "2021-2022", Issued, Some(("17/KHPH-GD&ĐT-LĐLĐ", 2021)))).unwrap();
        // A draft (active, no number group), a withdrawn plan (number group, not active), another issuer.
        reg.add_plan(plan("e", "o1", "2020-2021", Draft, n17)).unwrap();
        reg.add_plan(plan("f", "o1", "2020-2021", Withdrawn, n17)).unwrap();
        reg.add_plan(plan("g", "o2", "2020-2021", Issued, n17)).unwrap();
        agree(&reg);
        assert_eq!(reg.indexes().group_sizes(reg.plan_node("a").unwrap()), (4, 3));
        assert_eq!(reg.indexes().by_issuer.len(), 2);
        // Renumbering, moving a plan to another issuer, leaving: groups empty and are freed.
        reg.replace_plan(plan("b", "o1", "2020-2021", Issued, Some(("18/KHPH-GD&ĐT-LĐLĐ", 2020)))).unwrap();
        agree(&reg);
        reg.replace_plan(plan("g", "o1", "2021-2022", Withdrawn, Some(("17/KHPH-GD&ĐT-LĐLĐ", 2021)))).unwrap();
        agree(&reg);
        assert_eq!(reg.indexes().by_issuer.len(), 1, "o2 has no plan left");
        for id in ["a", "c", "f"] {
            reg.remove_plan(id).unwrap();
            agree(&reg);
        }
        // A freed number group is reused for another number: it must not keep the old one.
        let freed = reg.indexes().groups.free.len();
        assert!(freed > 0);
        reg.add_plan(plan("h", "o1", "2020-2021", Issued, Some(("19/KHPH-GD&ĐT-LĐLĐ", 2020)))).unwrap();
        reg.add_plan(plan("i", "o1", "2020-2021", Issued, n17)).unwrap();
        agree(&reg);
        assert!(reg.indexes().groups.free.len() < freed);
        for id in ["b", "d", "e", "g", "h", "i"] {
            reg.remove_plan(id).unwrap();
            agree(&reg);
        }
        assert!(reg.indexes().by_issuer.is_empty());
        assert!(reg.indexes().groups.members.iter().all(Option::is_none));
        assert!(reg.indexes().groups.numbers.iter().all(Option::is_none));
    }
}
