//! The registry object: the core's [`kehoach::Registry`] behind a lock, shared by reference count, so one
//! registry can be read, validated and edited from several threads.

use std::sync::{Arc, Mutex, MutexGuard};

use kehoach as core_;

use crate::errors::{EditError, InvalidValueError, LoadError, QueryError};
use crate::model::{Level, OrgUnit, Plan, Profile};
use crate::report::{Compliance, Report, RuleOverride, Severity, rule_named};

/// Units, plans and the graph between them, with the profile and severity overrides they are judged by.
///
/// Every method takes the lock for the whole call, so each call sees and leaves a consistent registry; two
/// threads editing at once are serialised. An edit that fails leaves the registry unchanged.
///
/// Kotlin: `Registry(profile)`, `Registry.fromJson(json)`; close it (`use { }`) to free it at once rather
/// than when it is collected. Swift: `Registry(profile:)`, `Registry.fromJson(json:)`.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    inner: Mutex<core_::Registry>,
}

/// A registry made anew from the units, plans, profile and overrides of `old`: after a panic inside a call
/// (none is expected: the core's edits check everything before they change anything) the graph and its
/// indexes are rebuilt from the data, which is the authority, so that no half-made change survives in them.
fn rebuilt(old: &core_::Registry) -> core_::Registry {
    let mut new = core_::Registry::new(old.profile());
    for (rule, level) in old.overrides() {
        new.set_override(*rule, Some(*level));
    }
    for u in old.units() {
        // Ids are unique among the old units, so this cannot be refused; if it were, the unit is dropped.
        let _ = new.add_unit(u.clone());
    }
    for p in old.plans() {
        let _ = new.add_plan(p.clone());
    }
    new
}

impl Registry {
    fn wrap(inner: core_::Registry) -> Arc<Registry> {
        Arc::new(Registry { inner: Mutex::new(inner) })
    }

    /// The registry, locked. A lock poisoned by a panic in an earlier call is recovered, never passed on:
    /// the data is rebuilt (see [`rebuilt`]) and the poison cleared, so one failed call does not turn every
    /// later call into an error.
    fn lock(&self) -> MutexGuard<'_, core_::Registry> {
        match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                *guard = rebuilt(&guard);
                self.inner.clear_poison();
                guard
            }
        }
    }
}

/// `id` in NFC (the form the registry keeps ids in), so that an id typed on iOS, which often hands over
/// NFD text, finds what it names; `None` for the empty string, which names nothing.
fn unit_key(id: &str) -> Option<core_::UnitId> {
    core_::UnitId::new(id).ok()
}

fn plan_key(id: &str) -> Option<core_::PlanId> {
    core_::PlanId::new(id).ok()
}

fn plans(v: Vec<&core_::Plan>) -> Vec<Plan> {
    v.into_iter().map(Plan::from).collect()
}

fn units(v: Vec<&core_::Unit>) -> Vec<OrgUnit> {
    v.into_iter().map(OrgUnit::from).collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[uniffi::export]
impl Registry {
    /// An empty registry under `profile`.
    #[uniffi::constructor]
    pub fn new(profile: Profile) -> Arc<Registry> {
        Registry::wrap(core_::Registry::new(profile.into()))
    }

    /// Loads a `kehoach/registry@1` document.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load_str(&json)?))
    }

    /// Loads a `kehoach/registry@1` document from its bytes as read from a file (one leading byte-order
    /// mark is ignored; bytes that are not UTF-8 are a syntax error).
    #[uniffi::constructor]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load(&bytes)?))
    }

    /// An independent copy: edits to one do not show in the other.
    pub fn copy(&self) -> Arc<Registry> {
        Registry::wrap(self.lock().clone())
    }

    /// The registry as a `kehoach/registry@1` document (units and plans in the order they were added).
    pub fn to_json(&self) -> String {
        core_::format::save(&self.lock())
    }

    /// The profile the registry is judged by.
    pub fn profile(&self) -> Profile {
        self.lock().profile().into()
    }

    /// Judges the registry by `profile` from now on.
    pub fn set_profile(&self, profile: Profile) {
        self.lock().set_profile(profile.into());
    }

    /// The severity overrides, in the order they were set.
    pub fn overrides(&self) -> Vec<RuleOverride> {
        self.lock()
            .overrides()
            .iter()
            .map(|(rule, level)| RuleOverride { rule: rule.code().to_owned(), level: (*level).into() })
            .collect()
    }

    /// Sets the rule with code `rule` to `level`; `None` (null, nil) goes back to the profile's default.
    pub fn set_override(&self, rule: String, level: Option<Level>) -> Result<(), InvalidValueError> {
        let rule = rule_named(&rule)?;
        self.lock().set_override(rule, level.map(Into::into));
        Ok(())
    }

    /// The severity the rule with code `rule` reports with here, or `None` when it is off.
    pub fn severity(&self, rule: String) -> Result<Option<Severity>, InvalidValueError> {
        let rule = rule_named(&rule)?;
        Ok(self.lock().severity(rule).map(Into::into))
    }

    /// The unit with `id`.
    pub fn unit(&self, id: String) -> Option<OrgUnit> {
        let id = unit_key(&id)?;
        self.lock().unit(id.as_str()).map(OrgUnit::from)
    }

    /// The plan with `id`.
    pub fn plan(&self, id: String) -> Option<Plan> {
        let id = plan_key(&id)?;
        self.lock().plan(id.as_str()).map(Plan::from)
    }

    /// The units, in the order they were added (for a loaded registry: document order).
    pub fn units(&self) -> Vec<OrgUnit> {
        self.lock().units().map(OrgUnit::from).collect()
    }

    /// The plans, in the order they were added (for a loaded registry: document order).
    pub fn plans(&self) -> Vec<Plan> {
        self.lock().plans().map(Plan::from).collect()
    }

    /// How many units there are.
    pub fn unit_count(&self) -> u32 {
        count(self.lock().unit_count())
    }

    /// How many plans there are.
    pub fn plan_count(&self) -> u32 {
        count(self.lock().plan_count())
    }

    /// The plans that the plan `id` names in `implements` and that exist (empty for an unknown id).
    pub fn parents(&self, id: String) -> Vec<Plan> {
        let Some(id) = plan_key(&id) else {
            return Vec::new();
        };
        plans(self.lock().parents(id.as_str()))
    }

    /// The plans that name the plan `id` in `implements` (empty for an unknown id).
    pub fn children(&self, id: String) -> Vec<Plan> {
        let Some(id) = plan_key(&id) else {
            return Vec::new();
        };
        plans(self.lock().children(id.as_str()))
    }

    /// Adds `unit`; refuses an id already used by a unit, or a field no unit may hold.
    pub fn add_unit(&self, unit: OrgUnit) -> Result<(), EditError> {
        let core = unit.to_core().map_err(|b| b.into_edit_error(unit.subject()))?;
        Ok(self.lock().add_unit(core)?)
    }

    /// Replaces the unit with `unit.id`, returning the old one; refuses an unknown id.
    pub fn replace_unit(&self, unit: OrgUnit) -> Result<OrgUnit, EditError> {
        let core = unit.to_core().map_err(|b| b.into_edit_error(unit.subject()))?;
        Ok(OrgUnit::from(&self.lock().replace_unit(core)?))
    }

    /// Removes the unit with `id`, returning it. References to it stay and are reported.
    pub fn remove_unit(&self, id: String) -> Result<OrgUnit, EditError> {
        let key = unit_key(&id).ok_or(EditError::UnknownUnit { id })?;
        Ok(OrgUnit::from(&self.lock().remove_unit(key.as_str())?))
    }

    /// Adds `plan`; refuses an id already used by a plan, or a field no plan may hold.
    pub fn add_plan(&self, plan: Plan) -> Result<(), EditError> {
        let core = plan.to_core().map_err(|b| b.into_edit_error(plan.subject()))?;
        Ok(self.lock().add_plan(core)?)
    }

    /// Replaces the plan with `plan.id`, returning the old one; refuses an unknown id.
    pub fn replace_plan(&self, plan: Plan) -> Result<Plan, EditError> {
        let core = plan.to_core().map_err(|b| b.into_edit_error(plan.subject()))?;
        Ok(Plan::from(&self.lock().replace_plan(core)?))
    }

    /// Removes the plan with `id`, returning it. Plans that implement it keep the reference, reported.
    pub fn remove_plan(&self, id: String) -> Result<Plan, EditError> {
        let key = plan_key(&id).ok_or(EditError::UnknownPlan { id })?;
        Ok(Plan::from(&self.lock().remove_plan(key.as_str())?))
    }

    /// Validates the registry against every rule that is not off.
    pub fn validate(&self) -> Report {
        Report::from(&self.lock().validate())
    }

    /// Validates the registry and writes the report as a `kehoach/report@1` document.
    pub fn validate_to_json(&self) -> String {
        core_::format::report_to_json(&self.lock().validate())
    }

    /// The plans the plan `id` implements, directly or not: its parents first, then theirs, each once.
    pub fn ancestors(&self, id: String) -> Result<Vec<Plan>, QueryError> {
        let key = plan_key(&id).ok_or(QueryError::UnknownPlan { id })?;
        Ok(plans(self.lock().ancestors(key.as_str())?))
    }

    /// The plans that implement the plan `id`, directly or not: its children first, then theirs, each once.
    pub fn descendants(&self, id: String) -> Result<Vec<Plan>, QueryError> {
        let key = plan_key(&id).ok_or(QueryError::UnknownPlan { id })?;
        Ok(plans(self.lock().descendants(key.as_str())?))
    }

    /// The schools the unit `id` manages, in the order they were added.
    pub fn schools_of(&self, id: String) -> Result<Vec<OrgUnit>, QueryError> {
        let key = unit_key(&id).ok_or(QueryError::UnknownUnit { id })?;
        Ok(units(self.lock().schools_of(key.as_str())?))
    }

    /// The schools the unit `id` manages that issue no active (issued or draft) plan for `school_year`.
    pub fn schools_without_active_plan(&self, id: String, school_year: String) -> Result<Vec<OrgUnit>, QueryError> {
        let key = unit_key(&id).ok_or(QueryError::UnknownUnit { id })?;
        let year = school_year.parse().map_err(|_| QueryError::SchoolYear { value: school_year })?;
        Ok(units(self.lock().schools_without_active_plan(key.as_str(), year)?))
    }

    /// The administration issuer of the plan `id`: its first issuer, when that is an administration unit.
    pub fn administration_issuer_of(&self, id: String) -> Result<Option<OrgUnit>, QueryError> {
        let key = plan_key(&id).ok_or(QueryError::UnknownPlan { id })?;
        Ok(self.lock().administration_issuer_of(key.as_str())?.map(OrgUnit::from))
    }

    /// The managing unit of the plan `id`: the unit that manages its administration issuer.
    pub fn managing_unit_of(&self, id: String) -> Result<Option<OrgUnit>, QueryError> {
        let key = plan_key(&id).ok_or(QueryError::UnknownPlan { id })?;
        Ok(self.lock().managing_unit_of(key.as_str())?.map(OrgUnit::from))
    }

    /// How the schools of every managing unit stand in every school year with an issued plan, judged by a
    /// validation made under the same lock. Ordered by managing unit id, then school year.
    pub fn compliance(&self) -> Vec<Compliance> {
        let reg = self.lock();
        let report = reg.validate();
        reg.compliance(&report).iter().map(Compliance::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = include_str!("../../../tests/conformance/01-clean-three-levels.json");

    #[test]
    fn loads_validates_and_saves() {
        let r = Registry::from_json(CLEAN.into()).unwrap();
        assert_eq!((r.unit_count(), r.plan_count()), (6, 3));
        let report = r.validate();
        assert!(report.conforms, "{report:?}");
        assert_eq!(r.to_json(), CLEAN);
        let up: Vec<String> = r.ancestors("cg-th-yh-2020".into()).unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(up, ["cg-2020", "hn-2020"]);
        assert_eq!(r.ancestors(String::new()), Err(QueryError::UnknownPlan { id: String::new() }));
    }

    #[test]
    fn nfd_ids_find_nfc_data() {
        let r = Registry::new(Profile::ThreeTier2020);
        let unit = OrgUnit {
            id: "tr\u{1eb1}".into(),
            name: "Trằm".into(),
            role: crate::model::UnitRole::Union { kind: crate::model::UnionKind::SectorUnion },
            parent: None,
        };
        r.add_unit(unit).unwrap();
        assert!(r.unit("tra\u{0306}\u{0300}".into()).is_some());
        assert!(r.unit(String::new()).is_none());
    }

    #[test]
    fn load_errors_carry_the_path() {
        let bad = include_str!("../../../tests/conformance/11-load-impossible-date.json");
        match Registry::from_json(bad.into()) {
            Err(LoadError::Invalid { path, detail, .. }) => {
                assert_eq!(path, "plans[1].issued_on");
                assert!(detail.contains("2020-09-31"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(Registry::from_bytes(vec![0xff, 0xfe]), Err(LoadError::Syntax { line: 1, .. })));
    }

    #[test]
    fn a_poisoned_lock_is_recovered() {
        let r = Registry::from_json(CLEAN.into()).unwrap();
        let r2 = Arc::clone(&r);
        let joined = std::thread::spawn(move || {
            let _guard = r2.inner.lock();
            panic!("a panic while the lock is held");
        })
        .join();
        assert!(joined.is_err());
        assert!(r.inner.is_poisoned());
        assert_eq!(r.plan_count(), 3);
        assert!(!r.inner.is_poisoned());
        assert!(r.validate().conforms);
        assert_eq!(r.to_json(), CLEAN);
    }

    #[test]
    fn overrides_name_rules_by_code() {
        let r = Registry::new(Profile::TwoTier2025);
        r.set_override("plan-cycle".into(), Some(Level::Off)).unwrap();
        assert_eq!(r.severity("plan-cycle".into()), Ok(None));
        assert_eq!(r.set_override("nope".into(), None), Err(InvalidValueError::UnknownRule { code: "nope".into() }));
        assert_eq!(r.overrides().len(), 1);
        r.set_override("plan-cycle".into(), None).unwrap();
        assert!(r.overrides().is_empty());
    }
}
