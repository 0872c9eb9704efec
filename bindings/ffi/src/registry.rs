//! The registry object: the core's [`kehoach::Validator`] (a registry with its report kept up to date) behind
//! a lock, shared by reference count, so one registry can be read, validated and edited from several threads.

use std::sync::{Arc, Mutex, MutexGuard};

use kehoach as core_;

use crate::bytes::DocumentBytes;
use crate::change::{Diff, Edit, Impact, WhatIfError};
use crate::errors::{EditError, LoadError, QueryError};
use crate::export::{Language, TableFormat, TreeScope};
use crate::limits::Limits;
use crate::model::{Level, OrgUnit, Plan, Profile};
use crate::report::{Compliance, Report, Rule, RuleOverride, Severity};

/// Units, plans and the graph between them, with the profile and severity overrides they are judged by.
///
/// Every method takes the lock for the whole call, so each call sees and leaves a consistent registry; two
/// threads editing at once are serialised. An edit that fails leaves the registry unchanged.
///
/// Every method that judges the registry (`validate`, `validate_to_json`, `compliance` and the exports) uses
/// one report that the registry keeps and brings up to date incrementally (the core's `Validator`): the
/// first call checks everything, a call with no edit since costs nothing more, and a call after a plan
/// edit re-checks only what that edit can affect. The report is always the one a full validation gives.
///
/// Kotlin: `Registry(profile)`, `Registry.fromJson(json)`; close it (`use { }`) to free it at once rather
/// than when it is collected. Swift: `Registry(profile:)`, `Registry.fromJson(json:)`.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    inner: Mutex<core_::Validator>,
}

impl Registry {
    fn wrap(inner: core_::Registry) -> Arc<Registry> {
        Arc::new(Registry { inner: Mutex::new(core_::Validator::new(inner)) })
    }

    /// The registry, locked. A lock poisoned by a panic in an earlier call is recovered, never passed on:
    /// the graph and its indexes are rebuilt from the data (the core's `Registry::rebuilt`), the report
    /// dropped, and the poison cleared, so one failed call does not turn every later call into an error.
    fn lock(&self) -> MutexGuard<'_, core_::Validator> {
        match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                *guard = core_::Validator::new(guard.registry().rebuilt());
                self.inner.clear_poison();
                guard
            }
        }
    }
}

fn plans(v: Vec<&core_::Plan>) -> Vec<Plan> {
    v.into_iter().map(Plan::from).collect()
}

fn units(v: Vec<&core_::Unit>) -> Vec<OrgUnit> {
    v.into_iter().map(OrgUnit::from).collect()
}

#[uniffi::export]
impl Registry {
    /// An empty registry under `profile`.
    #[uniffi::constructor]
    pub fn new(profile: Profile) -> Arc<Registry> {
        Registry::wrap(core_::Registry::new(profile))
    }

    /// Loads a `kehoach/registry@1` document.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load_str(&json)?))
    }

    /// Loads a `kehoach/registry@1` document from its bytes as read from a file (one leading byte-order
    /// mark is ignored; bytes that are not UTF-8 are a syntax error). The bytes cross as they are, copied
    /// once into a buffer of the library's, while a string is first encoded to UTF-8 by the foreign side
    /// (Kotlin: `ByteArray`, Swift: `Data`, Python: `bytes`). [`Registry::from_buffer`] copies nothing,
    /// which shows on large documents.
    #[uniffi::constructor]
    pub fn from_bytes(bytes: DocumentBytes) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load(bytes.as_slice())?))
    }

    /// Loads a `kehoach/registry@1` document from bytes the caller keeps, reading them where they lie: nothing
    /// is copied, so this is the fastest way in for a large document (one leading byte-order mark is ignored;
    /// bytes that are not UTF-8 are a syntax error). The library is done with the bytes when the call returns;
    /// they must not change while it runs.
    /// `limits` as for [`Registry::from_bytes_with_limits`]; none means the defaults.
    ///
    /// Kotlin: a direct `java.nio.ByteBuffer` from its start, such as a file mapped with `FileChannel.map`
    /// (a heap buffer is refused with `IllegalArgumentException`; pass `buffer.slice()` when the position is
    /// not 0). Swift: `Data`. Python: `bytes`.
    #[uniffi::constructor(default(limits = None))]
    pub fn from_buffer(buffer: &[u8], limits: Option<Limits>) -> Result<Arc<Registry>, LoadError> {
        let limits = match limits {
            Some(limits) => limits.try_into()?,
            None => core_::Limits::default(),
        };
        Ok(Registry::wrap(core_::format::load_with(buffer, &limits)?))
    }

    /// Loads a `kehoach/registry@1` document under `limits` instead of the defaults; the registry's edits obey
    /// the same limits from then on.
    #[uniffi::constructor]
    pub fn from_json_with_limits(json: String, limits: Limits) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load_with(json.as_bytes(), &limits.try_into()?)?))
    }

    /// [`Registry::from_bytes`] under `limits` instead of the defaults; the registry's edits obey the same
    /// limits from then on.
    #[uniffi::constructor]
    pub fn from_bytes_with_limits(bytes: DocumentBytes, limits: Limits) -> Result<Arc<Registry>, LoadError> {
        Ok(Registry::wrap(core_::format::load_with(bytes.as_slice(), &limits.try_into()?)?))
    }

    /// The limits every edit obeys: those the registry was loaded with (the defaults unless chosen). A
    /// document saved with `to_json` loads again under them.
    pub fn limits(&self) -> Limits {
        Limits::from(self.lock().registry().limits())
    }

    /// An independent copy: edits to one do not show in the other.
    pub fn copy(&self) -> Arc<Registry> {
        Arc::new(Registry { inner: Mutex::new(self.lock().clone()) })
    }

    /// The registry as a `kehoach/registry@1` document (units and plans in the order they were added).
    pub fn to_json(&self) -> String {
        core_::format::save(self.lock().registry())
    }

    /// The profile the registry is judged by.
    pub fn profile(&self) -> Profile {
        self.lock().registry().profile()
    }

    /// Judges the registry by `profile` from now on.
    pub fn set_profile(&self, profile: Profile) {
        self.lock().set_profile(profile);
    }

    /// The severity overrides, in the order they were set.
    pub fn overrides(&self) -> Vec<RuleOverride> {
        self.lock()
            .registry()
            .overrides()
            .iter()
            .map(|(rule, level)| RuleOverride { rule: *rule, level: (*level).into() })
            .collect()
    }

    /// Sets `rule` to `level`; `None` (null, nil) goes back to the profile's default.
    pub fn set_override(&self, rule: Rule, level: Option<Level>) {
        self.lock().set_override(rule, level.map(Into::into));
    }

    /// The severity `rule` reports with here, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.lock().registry().severity(rule)
    }

    /// The unit with `id`.
    pub fn unit(&self, id: String) -> Option<OrgUnit> {
        self.lock().registry().unit(&id).map(OrgUnit::from)
    }

    /// The plan with `id`.
    pub fn plan(&self, id: String) -> Option<Plan> {
        self.lock().registry().plan(&id).map(Plan::from)
    }

    /// The units, in the order they were added (for a loaded registry: document order).
    pub fn units(&self) -> Vec<OrgUnit> {
        self.lock().registry().units().map(OrgUnit::from).collect()
    }

    /// The plans, in the order they were added (for a loaded registry: document order).
    pub fn plans(&self) -> Vec<Plan> {
        self.lock().registry().plans().map(Plan::from).collect()
    }

    /// How many units there are.
    pub fn unit_count(&self) -> i32 {
        crate::int(self.lock().registry().unit_count())
    }

    /// How many plans there are.
    pub fn plan_count(&self) -> i32 {
        crate::int(self.lock().registry().plan_count())
    }

    /// The plans that the plan `id` names in `implements` and that exist (empty for an unknown id).
    pub fn parents(&self, id: String) -> Vec<Plan> {
        plans(self.lock().registry().parents(&id))
    }

    /// The plans that name the plan `id` in `implements` (empty for an unknown id).
    pub fn children(&self, id: String) -> Vec<Plan> {
        plans(self.lock().registry().children(&id))
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
        Ok(OrgUnit::from(&self.lock().remove_unit(&id)?))
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
        Ok(Plan::from(&self.lock().remove_plan(&id)?))
    }

    /// Validates the registry against every rule that is not off (re-checking only what the edits since the
    /// last report can affect; the result is the same as a full check's).
    pub fn validate(&self) -> Report {
        Report::from(self.lock().report())
    }

    /// Validates the registry and writes the report as a `kehoach/report@1` document.
    pub fn validate_to_json(&self) -> String {
        core_::format::report_to_json(self.lock().report())
    }

    /// The plans the plan `id` implements, directly or not: its parents first, then theirs, each once.
    pub fn ancestors(&self, id: String) -> Result<Vec<Plan>, QueryError> {
        Ok(plans(self.lock().registry().ancestors(&id)?))
    }

    /// The plans that implement the plan `id`, directly or not: its children first, then theirs, each once.
    pub fn descendants(&self, id: String) -> Result<Vec<Plan>, QueryError> {
        Ok(plans(self.lock().registry().descendants(&id)?))
    }

    /// The schools the unit `id` manages, in the order they were added.
    pub fn schools_of(&self, id: String) -> Result<Vec<OrgUnit>, QueryError> {
        Ok(units(self.lock().registry().schools_of(&id)?))
    }

    /// The schools the unit `id` manages that issue no active (issued or draft) plan for `school_year`.
    pub fn schools_without_active_plan(&self, id: String, school_year: String) -> Result<Vec<OrgUnit>, QueryError> {
        let year = school_year.parse().map_err(|_| QueryError::SchoolYear { value: school_year })?;
        Ok(units(self.lock().registry().schools_without_active_plan(&id, year)?))
    }

    /// The administration issuer of the plan `id`: its first issuer, when that is an administration unit.
    pub fn administration_issuer_of(&self, id: String) -> Result<Option<OrgUnit>, QueryError> {
        Ok(self.lock().registry().administration_issuer_of(&id)?.map(OrgUnit::from))
    }

    /// The managing unit of the plan `id`: the unit that manages its administration issuer.
    pub fn managing_unit_of(&self, id: String) -> Result<Option<OrgUnit>, QueryError> {
        Ok(self.lock().registry().managing_unit_of(&id)?.map(OrgUnit::from))
    }

    /// How the schools of every managing unit stand in every school year with an issued plan, judged by a
    /// validation made under the same lock. Ordered by managing unit id, then school year.
    pub fn compliance(&self) -> Vec<Compliance> {
        self.judged(|reg, report| reg.compliance(report).iter().map(Compliance::from).collect())
    }

    /// The implementation tree that `scope` selects as a Graphviz DOT `digraph` (render it with
    /// `dot -Tpng`): plans grouped by issuing level, filled by their worst finding (green none, blue info,
    /// amber warning, red error), labelled with issuer, id, number and date; a school without an issued plan
    /// for a school year in the picture is a dashed box. The same registry gives the same text every time.
    /// A scope that names no plan, or a school year that cannot be read, is a [`QueryError`].
    pub fn dot(&self, scope: TreeScope) -> Result<String, QueryError> {
        let scope = scope.to_core()?;
        Ok(self.judged(|reg, report| core_::export::dot(reg, report, &scope))?)
    }

    /// The same tree as [`Registry::dot`], as a Mermaid flowchart (for a `mermaid` code block in Markdown).
    pub fn mermaid(&self, scope: TreeScope) -> Result<String, QueryError> {
        let scope = scope.to_core()?;
        Ok(self.judged(|reg, report| core_::export::mermaid(reg, report, &scope))?)
    }

    /// The compliance table (one row per managing unit and school year, as [`Registry::compliance`] orders
    /// them: managing unit id and name, school year, schools, conforming, with errors, without a plan,
    /// percent conforming) as aligned text, Markdown or CSV. `language` chooses the headings and the
    /// decimal mark of text and Markdown; CSV keeps a fixed English header row.
    pub fn compliance_table(&self, format: TableFormat, language: Language) -> String {
        self.judged(|reg, report| core_::export::compliance_table(reg, report, format, language))
    }

    /// The findings as a text report for people in `language`: the verdict and the counts, the findings
    /// grouped by the unit or plan they are about, and each rule's legal basis once.
    pub fn text_report(&self, language: Language) -> String {
        self.judged(|reg, report| core_::export::text_report(reg, report, language))
    }

    /// What `edits` would change, without changing anything: the findings that would appear, be resolved or
    /// change, and the compliance rows that would move. The edits are applied in order, the registry is
    /// re-checked where they reach, and they are undone; afterwards the registry, its report and `to_json`
    /// are exactly as before. An edit the registry would refuse is a [`WhatIfError`] naming it (its index
    /// from 0) and why, and nothing changes.
    pub fn what_if(&self, edits: Vec<Edit>) -> Result<Impact, WhatIfError> {
        let edits = crate::change::to_core(&edits)?;
        Ok(Impact::from(&self.lock().what_if(&edits)?))
    }

    /// Applies `edits` in order, all or none: when one is refused, those before it are undone and the
    /// [`WhatIfError`] names it (its index from 0) and why. For a batch that must not half-happen: a reviewed
    /// set of offline edits, or a [`Diff`]'s `edits` (applied to the old registry, they make it save as the
    /// new one does).
    pub fn apply_edits(&self, edits: Vec<Edit>) -> Result<(), WhatIfError> {
        let edits = crate::change::to_core(&edits)?;
        Ok(self.lock().apply_edits(&edits)?)
    }

    /// [`Registry::what_if`] as a `kehoach/what-if@1` document.
    pub fn what_if_to_json(&self, edits: Vec<Edit>) -> Result<String, WhatIfError> {
        let edits = crate::change::to_core(&edits)?;
        Ok(core_::change::what_if_to_json(&self.lock().what_if(&edits)?))
    }

    /// [`Registry::what_if`] as text for people in `language`: the edits, then what they would change.
    pub fn what_if_text(&self, edits: Vec<Edit>, language: Language) -> Result<String, WhatIfError> {
        let edits = crate::change::to_core(&edits)?;
        let impact = self.lock().what_if(&edits)?;
        Ok(core_::change::what_if_text(&edits, &impact, language))
    }

    /// What differs from this registry to `other`: units and plans added, removed and changed field by
    /// field, the profile and the rule overrides, then the findings and compliance rows that differ. Empty
    /// when `other` holds the same data in the same order (and for the registry itself).
    pub fn diff(&self, other: Arc<Registry>) -> Diff {
        self.diffed(&other, |d| Diff::from(d))
    }

    /// [`Registry::diff`] as a `kehoach/diff@1` document.
    pub fn diff_to_json(&self, other: Arc<Registry>) -> String {
        self.diffed(&other, core_::change::diff_to_json)
    }

    /// [`Registry::diff`] as text for people in `language`, read top to bottom.
    pub fn diff_text(&self, other: Arc<Registry>, language: Language) -> String {
        self.diffed(&other, |d| core_::change::diff_text(d, language))
    }
}

impl Registry {
    /// `f` of the diff from this registry to `other`, both judged. The two locks are taken in one order (by
    /// address) whichever registry asks, so `a.diff(b)` and `b.diff(a)` on two threads cannot deadlock; a
    /// registry diffed with itself is locked once.
    fn diffed<T>(&self, other: &Registry, f: impl FnOnce(&core_::change::Diff) -> T) -> T {
        if std::ptr::eq(self, other) {
            let mut v = self.lock();
            let (reg, report) = v.judged();
            return f(&core_::change::diff_judged(reg, report, reg, report));
        }
        let (mut old, mut new) = if (self as *const Registry) < (other as *const Registry) {
            let old = self.lock();
            (old, other.lock())
        } else {
            let new = other.lock();
            (self.lock(), new)
        };
        let (old_reg, old_report) = old.judged();
        let (new_reg, new_report) = new.judged();
        f(&core_::change::diff_judged(old_reg, old_report, new_reg, new_report))
    }

    /// `f` of the registry and its up-to-date report, under one lock.
    fn judged<T>(&self, f: impl FnOnce(&core_::Registry, &core_::Report) -> T) -> T {
        let mut validator = self.lock();
        let (registry, report) = validator.judged();
        f(registry, report)
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
        assert!(matches!(Registry::from_bytes(vec![0xff, 0xfe].into()), Err(LoadError::Syntax { line: 1, .. })));
        assert_eq!(Registry::from_bytes(CLEAN.as_bytes().to_vec().into()).unwrap().to_json(), CLEAN);
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

    const HANOI: &str = include_str!("../../../examples/data/hanoi-2020-2021.json");

    /// Poisons the lock of `r` from another thread, as a panic inside a call would; `during` runs on the
    /// locked registry first (a change the panic interrupts after it was made).
    fn poison(r: &Arc<Registry>, during: impl FnOnce(&mut core_::Validator) + Send + 'static) {
        let r2 = Arc::clone(r);
        let joined = std::thread::spawn(move || {
            let mut guard = r2.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            during(&mut guard);
            panic!("a panic while the lock is held (expected by the test)");
        })
        .join();
        assert!(joined.is_err());
    }

    #[test]
    fn poison_amid_many_threads_never_turns_their_calls_into_errors() {
        let r = Registry::from_json(HANOI.into()).unwrap();
        let report = r.validate();
        let base = r.plan("tx-th-nt-2020".into()).unwrap();
        let workers: Vec<_> = (0..8)
            .map(|t| {
                let r = Arc::clone(&r);
                let base = base.clone();
                std::thread::spawn(move || {
                    for i in 0..40 {
                        // Every call answers normally, whether or not the lock was poisoned just before it.
                        let id = format!("t{t}-{i}");
                        r.add_plan(Plan { id: id.clone(), ..base.clone() }).unwrap();
                        assert!(r.validate().findings.iter().any(|f| f.subject.id == id), "{id}");
                        assert!(r.dot(TreeScope::Under { plan: "tx-17-2020".into() }).unwrap().contains(&id));
                        assert_eq!(r.add_plan(base.clone()), Err(EditError::DuplicatePlan { id: base.id.clone() }));
                        assert_eq!(r.remove_plan(id.clone()).unwrap().id, id);
                    }
                })
            })
            .collect();
        for _ in 0..25 {
            poison(&r, |_| {});
            std::thread::yield_now();
        }
        for w in workers {
            w.join().expect("a worker's call failed after a poisoned lock");
        }
        assert_eq!(r.to_json(), HANOI);
        assert_eq!(r.validate(), report);
    }

    #[test]
    fn a_change_a_panic_interrupted_is_kept_whole_and_consistent() {
        let r = Registry::from_json(HANOI.into()).unwrap();
        r.validate(); // the registry keeps a report, which the recovery must not reuse
        let extra =
            Plan { id: "tx-th-kg-2021".into(), ..r.plan("tx-th-kg-2020".into()).unwrap() }.to_core().ok().unwrap();
        poison(&r, move |reg| {
            reg.add_plan(extra).unwrap();
            reg.remove_plan("tx-th-nt-2020").unwrap();
        });
        assert!(r.inner.is_poisoned());
        // The data is the authority: both edits made before the panic stand, and the report is of that data.
        assert!(r.plan("tx-th-kg-2021".into()).is_some());
        assert!(r.plan("tx-th-nt-2020".into()).is_none());
        assert!(!r.inner.is_poisoned());
        let fresh = Registry::from_json(r.to_json()).unwrap();
        assert_eq!(r.validate(), fresh.validate());
        assert!(r.validate().findings.iter().any(|f| f.subject.id == "tx-th-kg-2021"));
        // And it goes on: later edits and exports work, and a second poison is recovered as well.
        r.remove_plan("tx-th-kg-2021".into()).unwrap();
        poison(&r, |_| {});
        assert_eq!(r.plan_count(), 6);
        assert!(r.text_report(Language::En).contains("tx-th-kg-2020"));
    }

    #[test]
    fn exports_name_every_plan_and_refuse_an_unknown_scope() {
        let r = Registry::from_json(HANOI.into()).unwrap();
        let ids: Vec<String> = r.plans().into_iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), 7);
        for text in [r.dot(TreeScope::All).unwrap(), r.mermaid(TreeScope::All).unwrap()] {
            for id in &ids {
                assert!(text.contains(id.as_str()), "{id} missing from {text}");
            }
        }
        let year = TreeScope::SchoolYear { school_year: "2020-2021".into() };
        let in_year = r.dot(year).unwrap();
        assert!(in_year.contains("school year 2020-2021") && ids.iter().all(|id| in_year.contains(id.as_str())));
        let other_year = r.mermaid(TreeScope::SchoolYear { school_year: "2021-2022".into() }).unwrap();
        assert!(!other_year.contains("hn-2731-2020"), "{other_year}");
        let under = r.dot(TreeScope::Under { plan: "tx-17-2020".into() }).unwrap();
        assert!(under.contains("tx-th-kg-2020") && !under.contains("hn-2731-2020"), "{under}");
        for scope in [TreeScope::Under { plan: "no-such-plan".into() }, TreeScope::Under { plan: String::new() }] {
            let TreeScope::Under { plan } = scope.clone() else { unreachable!() };
            assert_eq!(r.dot(scope.clone()), Err(QueryError::UnknownPlan { id: plan.clone() }));
            assert_eq!(r.mermaid(scope), Err(QueryError::UnknownPlan { id: plan }));
        }
        assert_eq!(
            r.dot(TreeScope::SchoolYear { school_year: "2020-2022".into() }),
            Err(QueryError::SchoolYear { value: "2020-2022".into() })
        );
        let csv = r.compliance_table(TableFormat::Csv, Language::Vi);
        assert_eq!(
            csv,
            "managing_unit,managing_unit_name,school_year,schools,conforming,with_errors,without_plan,percent_conforming\r\n\
             tx-pgd,Phòng Giáo dục và Đào tạo quận Thanh Xuân,2020-2021,5,3,1,1,60.0\r\n"
        );
        assert!(r.compliance_table(TableFormat::Markdown, Language::Vi).contains("| 60,0% |"));
        assert!(r.compliance_table(TableFormat::Text, Language::En).contains("60.0%"));
        let vi = r.text_report(Language::Vi);
        let en = r.text_report(Language::En);
        assert!(vi.contains("Kế hoạch tx-th-kg-2020") && vi.contains("staff-conference-quorum"), "{vi}");
        assert!(en.contains("[error] staff-conference-quorum"), "{en}");
        // The exports judge by the report validate() gives, edits included.
        r.remove_plan("tx-th-kg-2020".into()).unwrap();
        assert!(!r.text_report(Language::En).contains("staff-conference-quorum"));
        assert!(!r.dot(TreeScope::All).unwrap().contains("tx-th-kg-2020"));
    }

    #[test]
    fn overrides_name_rules_by_the_enum() {
        let r = Registry::new(Profile::TwoTier2025);
        r.set_override(Rule::PlanCycle, Some(Level::Off));
        assert_eq!(r.severity(Rule::PlanCycle), None);
        assert_eq!(r.severity(Rule::PlanIssuers), Some(Severity::Error));
        assert_eq!(r.overrides(), vec![RuleOverride { rule: Rule::PlanCycle, level: Level::Off }]);
        r.set_override(Rule::PlanCycle, None);
        assert!(r.overrides().is_empty());
    }

    #[test]
    fn what_if_changes_nothing_and_names_a_refused_edit() {
        use crate::change::{Edit, WhatIfError};
        let r = Registry::from_json(HANOI.into()).unwrap();
        let before = r.validate();
        let impact = r.what_if(vec![Edit::WithdrawPlan { id: "tx-17-2020".into() }]).unwrap();
        assert!(impact.findings.appeared.iter().any(|f| f.rule == Rule::ParentPlanWithdrawn), "{impact:?}");
        assert!(!impact.compliance.is_empty());
        assert_eq!((r.to_json(), r.validate()), (HANOI.to_owned(), before.clone()));
        // The second edit is refused; the first, already applied, is undone.
        let refused = r.what_if(vec![
            Edit::RemovePlan { id: "tx-th-kg-2020".into() },
            Edit::RemovePlan { id: "tx-th-kg-2020".into() },
        ]);
        assert_eq!(
            refused,
            Err(WhatIfError::Refused {
                index: 1,
                edit: "remove plan \"tx-th-kg-2020\"".into(),
                reason: EditError::UnknownPlan { id: "tx-th-kg-2020".into() },
            })
        );
        // A record the core refuses is refused at its place, as the registry's own edit would be.
        let mut bad = r.plan("tx-th-kg-2020".into()).unwrap();
        bad.school_year = "2020-2022".into();
        let Err(WhatIfError::Refused { index: 0, reason: EditError::Invalid { field, .. }, .. }) =
            r.what_if(vec![Edit::ReplacePlan { plan: bad }])
        else {
            panic!("a bad school year was taken")
        };
        assert_eq!(field, "school_year");
        assert_eq!(
            r.what_if(vec![Edit::RemoveUnit { id: String::new() }]),
            Err(WhatIfError::Refused {
                index: 0,
                edit: "remove unit \"\"".into(),
                reason: EditError::UnknownUnit { id: String::new() }
            })
        );
        assert_eq!((r.to_json(), r.validate()), (HANOI.to_owned(), before));
    }

    #[test]
    fn diff_of_itself_is_empty_and_crossed_diffs_do_not_deadlock() {
        let a = Registry::from_json(HANOI.into()).unwrap();
        let same = a.diff(Arc::clone(&a));
        assert!(same.units.is_empty() && same.plans.is_empty() && same.findings.appeared.is_empty(), "{same:?}");
        let b = a.copy();
        b.remove_plan("tx-th-kg-2020".into()).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let (a, b) = (Arc::clone(&a), Arc::clone(&b));
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let (old, new) = if t % 2 == 0 { (&a, &b) } else { (&b, &a) };
                        let d = old.diff(Arc::clone(new));
                        // One plan is on one side only, in either direction, and no other moved.
                        let plans: Vec<(&str, bool)> = d.plans.iter().map(|p| (p.id.as_str(), p.moved)).collect();
                        assert_eq!(plans, [("tx-th-kg-2020", false)]);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("a diff failed");
        }
        let d = a.diff(Arc::clone(&b));
        assert_eq!(d.plans[0].kind, crate::EntryChangeKind::Removed);
        assert!(d.findings.resolved.iter().any(|f| f.subject.id == "tx-th-kg-2020"));
        assert!(a.diff_to_json(b).starts_with("{"));
    }
}
