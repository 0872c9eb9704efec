//! A registry with its report kept up to date: incremental re-validation.
//!
//! A full check of a national registry takes milliseconds; an app that edits one plan and shows the findings
//! again wants microseconds. A [`Validator`] owns a [`Registry`], the last report, and the subjects whose
//! findings the edits since may have changed: each edit of a plan notes the plan's neighbourhood as it stood
//! before the edit and as it stands after (`rules::incremental::plan_neighbourhood`: the plan, its index
//! groups, its children, the plans waiting for its id, its cycle, its issuer's schools), and
//! [`Validator::report`] re-checks only those. Edits of units, the profile or the overrides can change any
//! finding, so the next report is a full check.
//!
//! The registry knows nothing of this: it holds the data and the graph; judging is the rules' business, and
//! remembering what was judged is this type's.
//!
//! **Invariant:** [`Validator::report`] equals [`Registry::validate`] of the registry as it stands
//! (`tests/incremental.rs` checks so on random edit sequences, and the property tests after every mutation).

use rustc_hash::FxHashSet;

use crate::catalogue::Rule;
use crate::model::{Level, Plan, Profile, Unit};
use crate::registry::{EditError, Registry};
use crate::report::{Report, Subject};
use crate::rules::incremental;

/// A [`Registry`] and its report, kept up to date incrementally across edits.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../examples/data/hanoi-2020-2021.json"))?;
/// let mut validator = kehoach::Validator::new(registry);
/// assert_eq!(validator.report().counts().error, 1); // the first report is a full check
/// validator.remove_plan("tx-th-kg-2020")?; // the plan whose conference lacked quorum
/// let report = validator.report().clone(); // re-checks only what the removal can affect
/// assert_eq!((report.counts().error, report.counts().warning), (0, 2)); // now the school has no plan
/// assert_eq!(report, validator.registry().validate());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Validator {
    registry: Registry,
    /// The report of the last [`Validator::report`], if there was one.
    report: Option<Report>,
    dirty: Dirty,
    /// The neighbourhood of the plan an edit is about, as it stood before the edit: merged into `dirty` only
    /// when the edit succeeds. Kept between edits so that an edit allocates nothing.
    before: FxHashSet<Subject>,
}

/// What edits have touched since the last report.
#[derive(Clone, Debug)]
enum Dirty {
    /// Anything: the next report is a full check.
    All,
    /// Only these subjects' findings can differ.
    Subjects(FxHashSet<Subject>),
}

impl Default for Dirty {
    fn default() -> Dirty {
        Dirty::Subjects(FxHashSet::default())
    }
}

impl From<Registry> for Validator {
    fn from(registry: Registry) -> Validator {
        Validator::new(registry)
    }
}

impl Validator {
    /// Takes `registry`; the first [`Validator::report`] is a full check.
    pub fn new(registry: Registry) -> Validator {
        Validator { registry, report: None, dirty: Dirty::default(), before: FxHashSet::default() }
    }

    /// The registry, to read and query.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Gives the registry back.
    pub fn into_registry(self) -> Registry {
        self.registry
    }

    /// The report of the registry as it stands: the same as [`Registry::validate`], computed by re-checking
    /// only what the edits since the last call can affect (nothing, when there was none).
    pub fn report(&mut self) -> &Report {
        self.judged().1
    }

    /// The registry and its up-to-date report together, for the exports and queries that read both.
    pub fn judged(&mut self) -> (&Registry, &Report) {
        let dirty = std::mem::take(&mut self.dirty);
        let report = match (self.report.take(), dirty) {
            (Some(mut report), Dirty::Subjects(subjects)) => {
                if !subjects.is_empty() {
                    incremental::recheck(&self.registry, &mut report, subjects);
                }
                report
            }
            _ => self.registry.validate(),
        };
        (&self.registry, self.report.insert(report))
    }

    /// [`Registry::set_profile`]; the next report is a full check.
    pub fn set_profile(&mut self, profile: Profile) {
        self.registry.set_profile(profile);
        self.dirty = Dirty::All;
    }

    /// [`Registry::set_override`]; the next report is a full check.
    pub fn set_override(&mut self, rule: Rule, level: Option<Level>) {
        self.registry.set_override(rule, level);
        self.dirty = Dirty::All;
    }

    /// [`Registry::add_unit`]; the next report is a full check.
    pub fn add_unit(&mut self, unit: Unit) -> Result<(), EditError> {
        self.registry.add_unit(unit)?;
        self.dirty = Dirty::All;
        Ok(())
    }

    /// [`Registry::replace_unit`]; the next report is a full check.
    pub fn replace_unit(&mut self, unit: Unit) -> Result<Unit, EditError> {
        let old = self.registry.replace_unit(unit)?;
        self.dirty = Dirty::All;
        Ok(old)
    }

    /// [`Registry::remove_unit`]; the next report is a full check.
    pub fn remove_unit(&mut self, id: &str) -> Result<Unit, EditError> {
        let old = self.registry.remove_unit(id)?;
        self.dirty = Dirty::All;
        Ok(old)
    }

    /// [`Registry::add_plan`]; the next report re-checks the new plan's neighbourhood.
    pub fn add_plan(&mut self, plan: Plan) -> Result<(), EditError> {
        let id = plan.id.clone();
        self.registry.add_plan(plan)?;
        self.touch_plan(id.as_str());
        Ok(())
    }

    /// [`Registry::replace_plan`]; the next report re-checks the plan's neighbourhood as it was and as it is.
    pub fn replace_plan(&mut self, plan: Plan) -> Result<Plan, EditError> {
        let id = plan.id.clone();
        let tracked = self.note_before(id.as_str());
        let old = self.registry.replace_plan(plan)?;
        self.merge_before(tracked);
        self.touch_plan(id.as_str());
        Ok(old)
    }

    /// [`Registry::remove_plan`]; the next report re-checks what the plan's neighbourhood was.
    pub fn remove_plan(&mut self, id: &str) -> Result<Plan, EditError> {
        let tracked = self.note_before(id);
        let old = self.registry.remove_plan(id)?;
        self.merge_before(tracked);
        Ok(old)
    }

    /// Whether the next report is incremental, so that neighbourhoods are worth noting.
    fn tracking(&self) -> bool {
        self.report.is_some() && matches!(self.dirty, Dirty::Subjects(_))
    }

    /// Notes in `before` the subjects that may depend on the plan `id` as it stands now; false when the
    /// neighbourhood is too large to track (the next report must then be a full check).
    fn note_before(&mut self, id: &str) -> bool {
        self.before.clear();
        if !self.tracking() {
            return true;
        }
        match self.registry.plan_node(id) {
            Some(n) => incremental::plan_neighbourhood(&self.registry, n, &mut self.before),
            None => true,
        }
    }

    /// After a successful edit: what `before` holds joins what the next report re-checks.
    fn merge_before(&mut self, tracked: bool) {
        if !tracked {
            self.dirty = Dirty::All;
        } else if let Dirty::Subjects(subjects) = &mut self.dirty {
            subjects.extend(self.before.drain());
        }
    }

    /// Notes the neighbourhood of the plan `id` as it stands now.
    fn touch_plan(&mut self, id: &str) {
        if !self.tracking() {
            return;
        }
        let Dirty::Subjects(mut subjects) = std::mem::replace(&mut self.dirty, Dirty::All) else { return };
        let tracked = match self.registry.plan_node(id) {
            Some(n) => incremental::plan_neighbourhood(&self.registry, n, &mut subjects),
            None => true,
        };
        if tracked {
            self.dirty = Dirty::Subjects(subjects);
        }
    }
}
