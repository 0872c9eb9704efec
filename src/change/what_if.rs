//! What-if: the findings and compliance rows a list of edits would change, without changing anything.

use std::borrow::Cow;

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashSet;

use super::{
    ComplianceChange, Edit, FindingsDelta, compliance_delta, findings_delta, has_error_in, managers, nodes, withdrawn,
};
use crate::catalogue::Rule;
use crate::model::{Level, Plan, PlanId, Profile, Severity, Unit, UnitId, nfc};
use crate::query::Compliance;
use crate::registry::EditError;
use crate::report::{Finding, Report, Subject};
use crate::rules::incremental;
use crate::validator::Validator;

/// What a list of edits would change: the findings and the compliance rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// The findings that would appear, be resolved, or change message or severity.
    pub findings: FindingsDelta,
    /// The compliance rows (managing unit, school year) that would move, by managing unit id then year.
    pub compliance: Vec<ComplianceChange>,
}

impl Impact {
    /// True when the edits would change no finding and no compliance row.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.compliance.is_empty()
    }
}

/// A what-if (or [`Validator::apply_edits`]) whose edit `index` (from 0) was refused, and why. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("edit {index} ({edit}) was refused: {reason}")]
pub struct WhatIfError {
    /// The position of the refused edit in the list, from 0.
    pub index: usize,
    /// The edit, in words (`withdraw plan "x"`).
    pub edit: String,
    /// The registry's refusal.
    pub reason: EditError,
}

/// How to undo one applied edit. A removed unit or plan goes back to its place in saving order.
#[derive(Debug)]
enum Undo {
    RemoveUnit(UnitId),
    PutUnit(Unit, Option<u64>),
    ReplaceUnit(Unit),
    RemovePlan(PlanId),
    PutPlan(Plan, Option<u64>),
    ReplacePlan(Plan),
    Profile(Profile),
    Overrides(Vec<(Rule, Level)>),
}

/// Applies `edit` through the validator, which notes what it touches; returns its inverse.
fn apply(v: &mut Validator, edit: &Edit) -> Result<Undo, EditError> {
    Ok(match edit {
        Edit::AddUnit(u) => {
            v.add_unit(u.clone())?;
            Undo::RemoveUnit(u.id.clone())
        }
        Edit::ReplaceUnit(u) => Undo::ReplaceUnit(v.replace_unit(u.clone())?),
        Edit::RemoveUnit(id) => {
            let place = v.registry().place_of_unit(&nfc(id.as_str()));
            Undo::PutUnit(v.remove_unit(id.as_str())?, place)
        }
        Edit::AddPlan(p) => {
            v.add_plan(p.clone())?;
            Undo::RemovePlan(p.id.clone())
        }
        Edit::ReplacePlan(p) => Undo::ReplacePlan(v.replace_plan(p.clone())?),
        Edit::RemovePlan(id) => {
            let place = v.registry().place_of_plan(&nfc(id.as_str()));
            Undo::PutPlan(v.remove_plan(id.as_str())?, place)
        }
        Edit::WithdrawPlan(id) => Undo::ReplacePlan(v.replace_plan(withdrawn(v.registry(), id)?)?),
        Edit::SetProfile(profile) => {
            let old = v.registry().profile();
            v.set_profile(*profile);
            Undo::Profile(old)
        }
        Edit::SetOverride(rule, level) => {
            let old = v.registry().overrides().to_vec();
            v.set_override(*rule, *level);
            Undo::Overrides(old)
        }
    })
}

/// Whether the edits leave every unit, and every plan's issuers, as they were, so that each subject bears on
/// the same managing units before and after (see [`managers`]): true for withdrawals and for replaced plans
/// with the same issuers, the usual what-ifs.
fn keep_managers(edits: &[Edit], undos: &[Undo]) -> bool {
    edits.iter().zip(undos).all(|pair| match pair {
        (Edit::WithdrawPlan(_), _) => true,
        (Edit::ReplacePlan(new), Undo::ReplacePlan(old)) => new.issuers == old.issuers,
        _ => false,
    })
}

/// Undoes `undos` in reverse, straight on the registry: the caller then declares the old report current
/// ([`Validator::settle`]). Undoing an edit that was applied puts back what was there, which the registry
/// held before, so no step can be refused.
fn undo_all(v: &mut Validator, undos: Vec<Undo>) {
    let reg = v.registry_to_restore();
    for undo in undos.into_iter().rev() {
        let done = match undo {
            Undo::RemoveUnit(id) => reg.remove_unit(id.as_str()).map(drop),
            Undo::PutUnit(unit, place) => reg.add_unit_at(unit, place),
            Undo::ReplaceUnit(unit) => reg.replace_unit(unit).map(drop),
            Undo::RemovePlan(id) => reg.remove_plan(id.as_str()).map(drop),
            Undo::PutPlan(plan, place) => reg.add_plan_at(plan, place),
            Undo::ReplacePlan(plan) => reg.replace_plan(plan).map(drop),
            Undo::Profile(profile) => {
                reg.set_profile(profile);
                Ok(())
            }
            Undo::Overrides(overrides) => {
                reg.restore_overrides(overrides);
                Ok(())
            }
        };
        debug_assert!(done.is_ok(), "undoing an applied edit was refused: {done:?}");
    }
}

/// Applies every edit, or none: on a refusal, undoes those applied and says which one was refused. The
/// subjects the applied edits noted stay noted (re-checking them again finds what the report has); a caller
/// whose report was current before may [`Validator::settle`] instead.
fn apply_all(v: &mut Validator, edits: &[Edit]) -> Result<Vec<Undo>, WhatIfError> {
    let mut undos = Vec::with_capacity(edits.len());
    for (index, edit) in edits.iter().enumerate() {
        match apply(v, edit) {
            Ok(undo) => undos.push(undo),
            Err(reason) => {
                undo_all(v, undos);
                return Err(WhatIfError { index, edit: edit.to_string(), reason });
            }
        }
    }
    Ok(undos)
}

impl Validator {
    /// Applies `edits` in order, all or none: when one is refused, those before it are undone and the error
    /// says which and why, so a batch (a reviewed set of offline edits, a [`Diff::edits`](super::Diff::edits))
    /// never leaves the registry half-changed. The next report re-checks what the edits touch, as after the
    /// validator's own edits.
    ///
    /// ```
    /// use kehoach::change::{Edit, diff};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let old = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
    /// let mut new = old.clone();
    /// new.remove_plan("tx-th-kg-2020")?;
    /// let mut validator = kehoach::Validator::new(old.clone());
    /// validator.apply_edits(&diff(&old, &new).edits())?;
    /// assert_eq!(kehoach::format::save(validator.registry()), kehoach::format::save(&new));
    /// // The second removal is refused, so the first is undone.
    /// let twice = [Edit::RemovePlan("tx-th-nt-2020".parse()?), Edit::RemovePlan("tx-th-nt-2020".parse()?)];
    /// assert_eq!(validator.apply_edits(&twice).unwrap_err().index, 1);
    /// assert_eq!(kehoach::format::save(validator.registry()), kehoach::format::save(&new));
    /// # Ok(()) }
    /// ```
    pub fn apply_edits(&mut self, edits: &[Edit]) -> Result<(), WhatIfError> {
        apply_all(self, edits).map(drop)
    }

    /// What `edits`, applied in order, would change: the findings that would appear, be resolved or change
    /// message or severity, and the compliance rows that would move. Nothing changes: the edits are applied,
    /// the subjects they touch re-checked (as [`Validator::report`] would), and the edits undone in reverse,
    /// so that the registry, its report and its saved form are exactly as before (a validator with edits not
    /// yet judged first brings its report up to date, as [`Validator::report`] would). When an edit is
    /// refused, the error says which and why, and the edits before it are undone.
    ///
    /// The cost is that of the re-check the edits call for: an edit of a plan or a unit re-checks its
    /// neighbourhood; a new profile or override, or a neighbourhood too large to track, checks everything.
    ///
    /// ```
    /// use kehoach::change::Edit;
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
    /// let saved = kehoach::format::save(&registry);
    /// let mut validator = kehoach::Validator::new(registry);
    /// let impact = validator.what_if(&[Edit::WithdrawPlan("tx-17-2020".parse()?)])?;
    /// assert!(!impact.findings.appeared.is_empty()); // the schools' plans now implement a withdrawn plan
    /// assert_eq!(kehoach::format::save(validator.registry()), saved); // nothing changed
    /// let refused = validator.what_if(&[Edit::RemovePlan("nowhere".parse()?)]).unwrap_err();
    /// assert_eq!(refused.index, 0);
    /// # Ok(()) }
    /// ```
    pub fn what_if(&mut self, edits: &[Edit]) -> Result<Impact, WhatIfError> {
        self.report();
        let undos = apply_all(self, edits).inspect_err(|_| self.settle())?;
        let subjects: Option<Vec<Subject>> = self.dirty_subjects().map(|s| {
            let mut v: Vec<Subject> = s.iter().cloned().collect();
            v.sort_unstable();
            v
        });
        let impact = match subjects {
            Some(subjects) => self.local_impact(edits, undos, &subjects),
            None => {
                let after = self.registry().validate();
                let rows_after = self.registry().compliance(&after);
                undo_all(self, undos);
                let (reg, before) = (self.registry(), self.last_report());
                let empty = Report::default();
                let before = before.unwrap_or(&empty);
                Impact {
                    findings: findings_delta(
                        before.findings().iter().map(Cow::Borrowed),
                        after.findings().iter().map(Cow::Borrowed),
                    ),
                    compliance: compliance_delta(&reg.compliance(before), &rows_after),
                }
            }
        };
        self.settle();
        Ok(impact)
    }

    /// The impact when only `subjects` can have changed: they are re-checked, and the compliance rows of the
    /// managing units they bear on are compared. Leaves the edits undone.
    fn local_impact(&mut self, edits: &[Edit], undos: Vec<Undo>, subjects: &[Subject]) -> Impact {
        let empty = Report::default();
        let after = Report::new(incremental::findings_of(self.registry(), subjects.iter()));

        // Compliance after: plans among the subjects are judged by their new findings, others by the report.
        let errors_after: FxHashSet<&str> = after
            .findings()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| match &f.subject {
                Subject::Plan(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let rechecked: FxHashSet<&str> = subjects
            .iter()
            .filter_map(|s| match s {
                Subject::Plan(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let managers_after = managers(self.registry(), subjects);
        let mut rows_after = {
            let (reg, base) = (self.registry(), self.last_report().unwrap_or(&empty));
            let has_error = |n: NodeIndex| match reg.plan_at(n) {
                Some(p) if rechecked.contains(p.id.as_str()) => errors_after.contains(p.id.as_str()),
                Some(p) => has_error_in(base, &p.id),
                None => false,
            };
            reg.compliance_of(&nodes(reg, &managers_after), &has_error)
        };
        let same_managers = keep_managers(edits, &undos);
        undo_all(self, undos);

        // The managing units as things stood: any the edits took schools from that were not reached after
        // need their rows after too, so the edits are applied once more for them (rare: the neighbourhoods
        // noted before each edit name the old parents and issuers).
        let managers_before = if same_managers { managers_after.clone() } else { managers(self.registry(), subjects) };
        let missing: Vec<UnitId> = managers_before.difference(&managers_after).cloned().collect();
        if !missing.is_empty() {
            if let Ok(undos) = apply_all(self, edits) {
                let (reg, base) = (self.registry(), self.last_report().unwrap_or(&empty));
                let has_error = |n: NodeIndex| match reg.plan_at(n) {
                    Some(p) if rechecked.contains(p.id.as_str()) => errors_after.contains(p.id.as_str()),
                    Some(p) => has_error_in(base, &p.id),
                    None => false,
                };
                let missing: FxHashSet<UnitId> = missing.into_iter().collect();
                rows_after.extend(reg.compliance_of(&nodes(reg, &missing), &has_error));
                rows_after
                    .sort_by(|a, b| a.managing_unit.cmp(&b.managing_unit).then(a.school_year.cmp(&b.school_year)));
                undo_all(self, undos);
            }
        }
        // The report is the one from before the edits (applying and undoing them changed only the registry).
        let base = self.last_report().unwrap_or(&empty);
        let before: Vec<&Finding> = base.findings_for_each(subjects).collect();
        let findings = findings_delta(before.iter().map(|&f| Cow::Borrowed(f)), after.into_findings().map(Cow::Owned));
        let all: FxHashSet<UnitId> = managers_before.union(&managers_after).cloned().collect();
        // The re-checked plans' errors before are in `before` already: a set look-up instead of a search of
        // the whole report for each.
        let errors_before: FxHashSet<&str> = before
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| match &f.subject {
                Subject::Plan(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let rows_before: Vec<Compliance> = {
            let (reg, base) = (self.registry(), self.last_report().unwrap_or(&empty));
            let has_error = |n: NodeIndex| match reg.plan_at(n) {
                Some(p) if rechecked.contains(p.id.as_str()) => errors_before.contains(p.id.as_str()),
                Some(p) => has_error_in(base, &p.id),
                None => false,
            };
            reg.compliance_of(&nodes(reg, &all), &has_error)
        };
        Impact { findings, compliance: compliance_delta(&rows_before, &rows_after) }
    }
}
