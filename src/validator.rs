//! A registry with its report kept up to date: incremental re-validation.
//!
//! A full check of a national registry takes milliseconds; an app that edits one plan and shows the findings
//! again wants microseconds. A [`Validator`] owns a [`Registry`], the last report, and the subjects whose
//! findings the edits since may have changed: each edit of a plan notes the plan's neighbourhood as it stood
//! before the edit and as it stands after (`rules::incremental::plan_neighbourhood`: the plan, its index
//! groups, its children, the plans waiting for its id, its cycle, its issuer's schools), and
//! [`Validator::report`] re-checks only those. An edit of a unit notes the unit's neighbourhood the same way
//! (`rules::incremental::unit_neighbourhood`: the units it names and that name it, the plans they and it
//! issued, the children of its plans, its cycle). A new profile or override can change any finding, so the
//! next report is a full check.
//!
//! The registry knows nothing of this: it holds the data and the graph; judging is the rules' business, and
//! remembering what was judged is this type's.
//!
//! **Invariant:** [`Validator::report`] equals [`Registry::validate`] of the registry as it stands
//! (`tests/it/incremental.rs` checks so on random edit sequences, and the property tests after every mutation).

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
        Validator { registry, report: None, dirty: Dirty::default() }
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

    /// [`Registry::add_unit`]; the next report re-checks the new unit's neighbourhood.
    pub fn add_unit(&mut self, unit: Unit) -> Result<(), EditError> {
        let id = unit.id.clone();
        self.registry.add_unit(unit)?;
        self.touch_unit(id.as_str());
        Ok(())
    }

    /// [`Registry::replace_unit`]; the next report re-checks the unit's neighbourhood as it was and as it is
    /// (noted before the edit is checked, as [`Validator::replace_plan`] does).
    pub fn replace_unit(&mut self, unit: Unit) -> Result<Unit, EditError> {
        let id = unit.id.clone();
        self.touch_unit(id.as_str());
        let old = self.registry.replace_unit(unit)?;
        self.touch_unit(id.as_str());
        Ok(old)
    }

    /// [`Registry::remove_unit`]; the next report re-checks what the unit's neighbourhood was.
    pub fn remove_unit(&mut self, id: &str) -> Result<Unit, EditError> {
        self.touch_unit(&crate::model::nfc(id));
        self.registry.remove_unit(id)
    }

    /// [`Registry::add_plan`]; the next report re-checks the new plan's neighbourhood.
    pub fn add_plan(&mut self, plan: Plan) -> Result<(), EditError> {
        let id = plan.id.clone();
        self.registry.add_plan(plan)?;
        self.touch_plan(id.as_str());
        Ok(())
    }

    /// [`Registry::replace_plan`]; the next report re-checks the plan's neighbourhood as it was and as it is.
    ///
    /// The neighbourhood as it was is noted before the registry checks the edit, so a refused edit leaves it
    /// noted: the next report re-checks those subjects for nothing, and finds what it found. Noting it into a
    /// set of its own and merging that only on success would hash every subject twice on every edit (3.6 %
    /// more instructions per edit, measured), to spare a re-check after the rare refusal.
    pub fn replace_plan(&mut self, plan: Plan) -> Result<Plan, EditError> {
        let id = plan.id.clone();
        self.touch_plan(id.as_str());
        let old = self.registry.replace_plan(plan)?;
        self.touch_plan(id.as_str());
        Ok(old)
    }

    /// [`Registry::remove_plan`]; the next report re-checks what the plan's neighbourhood was.
    pub fn remove_plan(&mut self, id: &str) -> Result<Plan, EditError> {
        self.touch_plan(&crate::model::nfc(id));
        self.registry.remove_plan(id)
    }

    /// The subjects whose findings the edits since the last report may have changed; `None` when the next
    /// report is a full check (everything may have changed, or there is no report yet). For `change`.
    pub(crate) fn dirty_subjects(&self) -> Option<&FxHashSet<Subject>> {
        match (&self.report, &self.dirty) {
            (Some(_), Dirty::Subjects(s)) => Some(s),
            _ => None,
        }
    }

    /// The report of the last [`Validator::report`], as it was then (stale when edits came since).
    pub(crate) fn last_report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// The registry, to change without noting what changes: for `change`, which undoes its own edits and
    /// then calls [`Validator::settle`]. Nothing else may use it, or the report would fall out of step.
    pub(crate) fn registry_to_restore(&mut self) -> &mut Registry {
        &mut self.registry
    }

    /// Declares the last report current again, with nothing dirty: only after the registry was put back
    /// exactly as it stood when that report was made (what `change` does after a what-if).
    pub(crate) fn settle(&mut self) {
        self.dirty = Dirty::default();
    }

    /// Notes the subjects that may depend on the unit `id` (in NFC) as it stands now (see
    /// [`Validator::touch_plan`]).
    fn touch_unit(&mut self, id: &str) {
        if self.report.is_none() {
            return;
        }
        let Dirty::Subjects(mut subjects) = std::mem::replace(&mut self.dirty, Dirty::All) else { return };
        let tracked = match self.registry.unit_node(id) {
            Some(n) => incremental::unit_neighbourhood(&self.registry, n, &mut subjects),
            None => true,
        };
        if tracked {
            self.dirty = Dirty::Subjects(subjects);
        }
    }

    /// Notes the subjects that may depend on the plan `id` (in NFC) as it stands now, when the next report is
    /// to be incremental; a neighbourhood too large to track makes it a full check.
    fn touch_plan(&mut self, id: &str) {
        if self.report.is_none() {
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
