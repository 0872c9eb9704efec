//! Sequences of area codes, interned: equal sequences get the same id, so two plans' content areas can be
//! compared by reading two numbers.
//!
//! Nearly every implementing plan carries out its one parent's content areas one for one, in order: its
//! areas address exactly one code each, and those codes are the parent's codes. A full check confirms this for
//! every plan, and reading the areas to do so means following two heap blocks per plan (the area list, then
//! each area's list of addresses) that no longer sit in the cache at national scale: it was three quarters
//! of a plan's check. The registry interns, for each plan, the sequence of its area codes and (when every
//! area addresses exactly one code) the sequence of its addresses, when the plan comes in and its data is
//! still in the cache; the check then compares ids. Interning is exact (a hash picks a bucket, the codes
//! themselves decide), so equal ids mean equal sequences.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::small::Small;
use crate::model::{AreaCode, Plan};

/// The id of an interned sequence.
pub(crate) type SequenceId = u32;

/// No sequence (a plan with an area that addresses no code or several).
pub(crate) const NONE: SequenceId = SequenceId::MAX;

#[derive(Clone, Debug)]
struct Entry {
    codes: Box<[AreaCode]>,
    hash: u64,
    /// How many plan slots hold this id.
    users: u32,
}

/// The interned sequences, with a count of users each: a sequence no plan uses any more is dropped.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sequences {
    by_hash: FxHashMap<u64, Small<SequenceId>>,
    entries: Vec<Option<Entry>>,
    free: Vec<SequenceId>,
}

fn hash<'a>(codes: impl Iterator<Item = &'a AreaCode>) -> u64 {
    let mut h = FxHasher::default();
    for code in codes {
        code.hash(&mut h);
    }
    h.finish()
}

impl Sequences {
    /// The ids of `plan`'s code sequence and address sequence, taken: each must be given back with
    /// [`Sequences::release`] when the plan leaves.
    pub(crate) fn acquire_plan(&mut self, plan: &Plan) -> (SequenceId, SequenceId) {
        let areas = &plan.content_areas;
        let codes = self.acquire(areas.iter().map(|a| &a.code));
        let one_each = areas.iter().all(|a| a.addresses.len() == 1);
        let addresses = if one_each { self.acquire(areas.iter().filter_map(|a| a.addresses.first())) } else { NONE };
        (codes, addresses)
    }

    /// The codes of the sequences with ids `from` and up, in order (a released sequence's are empty; the
    /// loader's preparers release none).
    pub(crate) fn codes_from(&self, from: usize) -> Vec<Box<[AreaCode]>> {
        let entries = self.entries.get(from..).unwrap_or_default();
        entries.iter().map(|e| e.as_ref().map_or_else(Box::default, |e| e.codes.clone())).collect()
    }

    /// The id of the sequence `codes`, interned if new; counts one more user.
    pub(crate) fn acquire_codes(&mut self, codes: &[AreaCode]) -> SequenceId {
        self.acquire(codes.iter())
    }

    /// Counts one more user of `id`, which is in use. [`NONE`] is ignored.
    pub(crate) fn add_user(&mut self, id: SequenceId) {
        if let Some(Some(e)) = self.entries.get_mut(id as usize) {
            e.users = e.users.saturating_add(1);
        }
    }

    /// The id of the sequence `codes`, interned if new; counts one more user.
    fn acquire<'a, I>(&mut self, codes: I) -> SequenceId
    where
        I: Iterator<Item = &'a AreaCode> + Clone,
    {
        let h = hash(codes.clone());
        let found = self.by_hash.get(&h).and_then(|bucket| {
            bucket.as_slice().iter().copied().find(|&id| {
                self.entries.get(id as usize).and_then(Option::as_ref).is_some_and(|e| e.codes.iter().eq(codes.clone()))
            })
        });
        if let Some(id) = found {
            self.add_user(id);
            return id;
        }
        let entry = Entry { codes: codes.cloned().collect(), hash: h, users: 1 };
        let id = match self.free.pop() {
            Some(id) => {
                if let Some(slot) = self.entries.get_mut(id as usize) {
                    *slot = Some(entry);
                }
                id
            }
            None => {
                let Ok(id) = SequenceId::try_from(self.entries.len()) else { return NONE };
                if id == NONE {
                    return NONE;
                }
                self.entries.push(Some(entry));
                id
            }
        };
        match self.by_hash.get_mut(&h) {
            Some(bucket) => bucket.push(id),
            None => {
                self.by_hash.insert(h, Small::One(id));
            }
        }
        id
    }

    /// Counts one user less of `id`; drops the sequence when none is left. [`NONE`] is ignored.
    pub(crate) fn release(&mut self, id: SequenceId) {
        let Some(slot) = self.entries.get_mut(id as usize) else { return };
        let Some(entry) = slot else { return };
        entry.users = entry.users.saturating_sub(1);
        if entry.users > 0 {
            return;
        }
        let h = entry.hash;
        *slot = None;
        self.free.push(id);
        if let Some(bucket) = self.by_hash.get_mut(&h) {
            if bucket.remove_all(id) {
                self.by_hash.remove(&h);
            }
        }
    }

    /// How many distinct sequences are in use.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.iter().flatten().count()
    }
}

#[cfg(test)]
mod tests {
    use super::{NONE, Sequences};
    use crate::model::{ContentArea, ContentAreas, Plan, PlanStatus};

    fn plan(areas: &[(&str, &[&str])]) -> Plan {
        let areas = areas
            .iter()
            .map(|(code, addresses)| {
                let mut a = ContentArea::new(code, "Nội dung").unwrap();
                a.addresses = addresses.iter().map(|x| crate::model::AreaCode::new(x).unwrap()).collect();
                a
            })
            .collect();
        let mut p = Plan::new("p", "KH", "2020-2021".parse().unwrap(), PlanStatus::Draft).unwrap();
        p.content_areas = ContentAreas::new(areas).unwrap();
        p
    }

    #[test]
    fn equal_sequences_share_an_id_and_are_dropped_with_their_last_user() {
        let mut s = Sequences::default();
        let parent = s.acquire_plan(&plan(&[("1", &[]), ("2", &[])]));
        let child = s.acquire_plan(&plan(&[("a", &["1"]), ("b", &["2"])]));
        assert_eq!(parent.1, NONE, "areas that address nothing have no address sequence");
        assert_eq!(child.1, parent.0, "the child's addresses are the parent's codes");
        let other = s.acquire_plan(&plan(&[("a", &["2"]), ("b", &["1"])]));
        assert_ne!(other.1, parent.0, "order matters");
        let shorter = s.acquire_plan(&plan(&[("1", &["1"])]));
        assert_ne!(shorter.0, parent.0, "length matters");
        let several = s.acquire_plan(&plan(&[("a", &["1", "2"])]));
        assert_eq!(several.1, NONE, "an area with two addresses");
        let empty = s.acquire_plan(&plan(&[]));
        assert_eq!(empty.0, empty.1, "no areas: both sequences are the empty one");
        // "1","2" (codes of parent = addresses of child), "a","b", "2","1", "1", "a", the empty one.
        assert_eq!(s.len(), 6);
        s.release(child.0);
        s.release(child.1);
        assert_eq!(s.len(), 6, "\"a\",\"b\" is still the code sequence of `other`; \"1\",\"2\" of the parent");
        s.release(other.0);
        s.release(other.1);
        assert_eq!(s.len(), 4);
        for id in [parent.0, parent.1, shorter.0, shorter.1, several.0, several.1, empty.0, empty.1] {
            s.release(id);
        }
        assert_eq!(s.len(), 0);
        assert!(s.by_hash.is_empty());
        // Ids are reused, and a reused id names the new sequence.
        let again = s.acquire_plan(&plan(&[("x", &["y"])]));
        let same = s.acquire_plan(&plan(&[("y", &["x"])]));
        assert_eq!(again.1, same.0);
        assert_ne!(again.0, again.1);
    }
}
