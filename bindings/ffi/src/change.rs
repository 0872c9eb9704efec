//! Change, before and after: the edits a what-if takes ([`Edit`]), what they would change ([`Impact`]), and
//! what differs between two registries ([`Diff`]), as records. The core's `kehoach::change` decides
//! everything; this module only translates its results.

use kehoach as core_;
use kehoach::change::EntryChangeKind;

use crate::errors::EditError;
use crate::model::{Level, OrgUnit, Plan, Profile};
use crate::report::{Compliance, Finding, Rule};

/// One edit of a registry, as [`crate::Registry::what_if`] and [`crate::Registry::apply_edits`] take it and a
/// [`Diff`] gives it.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum Edit {
    /// Add a unit.
    AddUnit {
        /// The unit.
        unit: OrgUnit,
    },
    /// Replace the unit with the same id.
    ReplaceUnit {
        /// The unit as it would be.
        unit: OrgUnit,
    },
    /// Remove the unit with this id.
    RemoveUnit {
        /// The unit's id.
        id: String,
    },
    /// Add a plan.
    AddPlan {
        /// The plan.
        plan: Plan,
    },
    /// Replace the plan with the same id.
    ReplacePlan {
        /// The plan as it would be.
        plan: Plan,
    },
    /// Remove the plan with this id.
    RemovePlan {
        /// The plan's id.
        id: String,
    },
    /// Withdraw the plan with this id (the same plan, with status `withdrawn`).
    WithdrawPlan {
        /// The plan's id.
        id: String,
    },
    /// Judge the registry by another profile.
    SetProfile {
        /// The profile.
        profile: Profile,
    },
    /// Set a rule's severity, turn it off, or (`None`: null, nil) go back to the profile's default.
    SetOverride {
        /// The rule.
        rule: Rule,
        /// The level, or none for the default.
        level: Option<Level>,
    },
}

impl Edit {
    /// The core's edit, or the refusal the registry's own edit would give: the first field the core refuses
    /// in a unit or plan, or, for an id that cannot be one (empty), that no unit or plan has it.
    pub(crate) fn to_core(&self) -> Result<core_::change::Edit, EditError> {
        use core_::change::Edit as Core;
        let unit = |u: &OrgUnit| u.to_core().map_err(|b| b.into_edit_error(u.subject()));
        let plan = |p: &Plan| p.to_core().map_err(|b| b.into_edit_error(p.subject()));
        let unit_id = |id: &str| core_::UnitId::new(id).map_err(|_| EditError::UnknownUnit { id: id.to_owned() });
        let plan_id = |id: &str| core_::PlanId::new(id).map_err(|_| EditError::UnknownPlan { id: id.to_owned() });
        Ok(match self {
            Edit::AddUnit { unit: u } => Core::AddUnit(unit(u)?),
            Edit::ReplaceUnit { unit: u } => Core::ReplaceUnit(unit(u)?),
            Edit::RemoveUnit { id } => Core::RemoveUnit(unit_id(id)?),
            Edit::AddPlan { plan: p } => Core::AddPlan(plan(p)?),
            Edit::ReplacePlan { plan: p } => Core::ReplacePlan(plan(p)?),
            Edit::RemovePlan { id } => Core::RemovePlan(plan_id(id)?),
            Edit::WithdrawPlan { id } => Core::WithdrawPlan(plan_id(id)?),
            Edit::SetProfile { profile } => Core::SetProfile(*profile),
            Edit::SetOverride { rule, level } => Core::SetOverride(*rule, level.map(Into::into)),
        })
    }

    /// The words for an edit that cannot become the core's (only a unit or plan edit can fail to), as the
    /// core's `Display` would write it: `add unit ""`.
    fn words(&self) -> String {
        let (verb, noun, id) = match self {
            Edit::AddUnit { unit } => ("add", "unit", &unit.id),
            Edit::ReplaceUnit { unit } => ("replace", "unit", &unit.id),
            Edit::RemoveUnit { id } => ("remove", "unit", id),
            Edit::AddPlan { plan } => ("add", "plan", &plan.id),
            Edit::ReplacePlan { plan } => ("replace", "plan", &plan.id),
            Edit::RemovePlan { id } => ("remove", "plan", id),
            Edit::WithdrawPlan { id } => ("withdraw", "plan", id),
            Edit::SetProfile { .. } | Edit::SetOverride { .. } => {
                return self.to_core().map(|e| e.to_string()).unwrap_or_default();
            }
        };
        format!("{verb} {noun} \"{id}\"")
    }
}

impl From<&core_::change::Edit> for Edit {
    fn from(e: &core_::change::Edit) -> Edit {
        use core_::change::Edit as Core;
        match e {
            Core::AddUnit(u) => Edit::AddUnit { unit: u.into() },
            Core::ReplaceUnit(u) => Edit::ReplaceUnit { unit: u.into() },
            Core::RemoveUnit(id) => Edit::RemoveUnit { id: id.to_string() },
            Core::AddPlan(p) => Edit::AddPlan { plan: p.into() },
            Core::ReplacePlan(p) => Edit::ReplacePlan { plan: p.into() },
            Core::RemovePlan(id) => Edit::RemovePlan { id: id.to_string() },
            Core::WithdrawPlan(id) => Edit::WithdrawPlan { id: id.to_string() },
            Core::SetProfile(p) => Edit::SetProfile { profile: *p },
            Core::SetOverride(rule, level) => Edit::SetOverride { rule: *rule, level: level.map(Into::into) },
        }
    }
}

/// The core's edits for `edits`, or the what-if error naming the first that cannot be one.
pub(crate) fn to_core(edits: &[Edit]) -> Result<Vec<core_::change::Edit>, WhatIfError> {
    edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            e.to_core().map_err(|reason| WhatIfError::Refused { index: crate::int(i), edit: e.words(), reason })
        })
        .collect()
}

/// Why a what-if could not be answered, or a list of edits was not applied. Nothing changed.
///
/// Kotlin: `WhatIfException`; Swift and Python: `WhatIfError`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display, Eq, Hash)]
pub enum WhatIfError {
    /// The edit at `index` (from 0) was refused, as the registry's own edit would be.
    #[error("edit {index} ({edit}) was refused: {reason}")]
    Refused {
        /// The position of the refused edit in the list, from 0.
        index: i32,
        /// The edit in words (`withdraw plan "x"`).
        edit: String,
        /// Why the registry refused it.
        reason: EditError,
    },
}

impl From<core_::change::WhatIfError> for WhatIfError {
    fn from(e: core_::change::WhatIfError) -> WhatIfError {
        WhatIfError::Refused { index: crate::int(e.index), edit: e.edit, reason: e.reason.into() }
    }
}

/// What a list of edits would change.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Impact {
    /// The findings that would appear, be resolved, or change message or severity.
    pub findings: FindingsDelta,
    /// The compliance rows (managing unit, school year) that would move, by managing unit id then year.
    pub compliance: Vec<ComplianceChange>,
}

impl From<&core_::change::Impact> for Impact {
    fn from(i: &core_::change::Impact) -> Impact {
        Impact { findings: (&i.findings).into(), compliance: compliance(&i.compliance) }
    }
}

/// How the findings differ between before and after. A finding is the same finding on both sides when its
/// rule, subject, field and school year are.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct FindingsDelta {
    /// Findings only after.
    pub appeared: Vec<Finding>,
    /// Findings only before.
    pub resolved: Vec<Finding>,
    /// Findings on both sides whose severity, message or basis differ.
    pub changed: Vec<ChangedFinding>,
}

impl From<&core_::change::FindingsDelta> for FindingsDelta {
    fn from(d: &core_::change::FindingsDelta) -> FindingsDelta {
        FindingsDelta {
            appeared: d.appeared.iter().map(Finding::from).collect(),
            resolved: d.resolved.iter().map(Finding::from).collect(),
            changed: d
                .changed
                .iter()
                .map(|c| ChangedFinding { before: (&c.before).into(), after: (&c.after).into() })
                .collect(),
        }
    }
}

/// One finding before and after.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ChangedFinding {
    /// As it was.
    pub before: Finding,
    /// As it would be (or is, in the other registry).
    pub after: Finding,
}

/// One compliance row that differs; none on a side where the row does not exist.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct ComplianceChange {
    /// The managing unit's id.
    pub managing_unit: String,
    /// The school year, `YYYY-YYYY`.
    pub school_year: String,
    /// The row before.
    pub before: Option<Compliance>,
    /// The row after.
    pub after: Option<Compliance>,
}

fn compliance(rows: &[core_::change::ComplianceChange]) -> Vec<ComplianceChange> {
    rows.iter()
        .map(|c| ComplianceChange {
            managing_unit: c.managing_unit.to_string(),
            school_year: c.school_year.to_string(),
            before: c.before.as_ref().map(Compliance::from),
            after: c.after.as_ref().map(Compliance::from),
        })
        .collect()
}

/// What differs between two registries, in a stable order: the profile, the rule overrides, the units and
/// the plans (each by id, fields in the registry format's order), then the findings and compliance rows.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Diff {
    /// The profile, when it differs.
    pub profile: Option<ProfileChange>,
    /// The rules whose override differs, by rule code.
    pub overrides: Vec<OverrideChange>,
    /// Units added, removed or changed, by id.
    pub units: Vec<UnitChange>,
    /// Plans added, removed or changed, by id.
    pub plans: Vec<PlanChange>,
    /// How the findings differ.
    pub findings: FindingsDelta,
    /// The compliance rows that differ, by managing unit id then school year.
    pub compliance: Vec<ComplianceChange>,
    /// Edits that turn the old registry into one that saves as the new one does (for
    /// [`crate::Registry::apply_edits`]): the profile, the overrides, removals, replacements, then additions.
    pub edits: Vec<Edit>,
}

impl From<&core_::change::Diff> for Diff {
    fn from(d: &core_::change::Diff) -> Diff {
        Diff {
            profile: d.profile.map(|(old, new)| ProfileChange { old, new }),
            overrides: d
                .overrides
                .iter()
                .map(|o| OverrideChange { rule: o.rule, old: o.old.map(Into::into), new: o.new.map(Into::into) })
                .collect(),
            units: d
                .units
                .iter()
                .map(|u| UnitChange {
                    id: u.id.clone(),
                    kind: u.kind,
                    fields: fields(&u.fields),
                    moved: u.moved,
                    old: u.old.as_ref().map(OrgUnit::from),
                    new: u.new.as_ref().map(OrgUnit::from),
                })
                .collect(),
            plans: d
                .plans
                .iter()
                .map(|p| PlanChange {
                    id: p.id.clone(),
                    kind: p.kind,
                    fields: fields(&p.fields),
                    moved: p.moved,
                    old: p.old.as_ref().map(Plan::from),
                    new: p.new.as_ref().map(Plan::from),
                })
                .collect(),
            findings: (&d.findings).into(),
            compliance: compliance(&d.compliance),
            edits: d.edits().iter().map(Edit::from).collect(),
        }
    }
}

/// The profile, old and new.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ProfileChange {
    /// In the old registry.
    pub old: Profile,
    /// In the new registry.
    pub new: Profile,
}

/// A rule whose override differs; none is no override (the profile's default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OverrideChange {
    /// The rule.
    pub rule: Rule,
    /// The old override.
    pub old: Option<Level>,
    /// The new override.
    pub new: Option<Level>,
}

/// Whether a unit or plan was added, removed or changed.
#[uniffi::remote(Enum)]
pub enum EntryChangeKind {
    /// Only in the new registry.
    Added,
    /// Only in the old registry.
    Removed,
    /// In both, with different fields or a different place in the document.
    Changed,
}

/// A unit that differs.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct UnitChange {
    /// Its id.
    pub id: String,
    /// Added, removed or changed.
    pub kind: EntryChangeKind,
    /// For a changed unit, the fields that differ, in the registry format's order.
    pub fields: Vec<FieldChange>,
    /// For a changed unit, whether it moved in the document's order (of the entries on both sides, the fewest
    /// whose moving explains the new order).
    pub moved: bool,
    /// The unit in the old registry (none when added).
    pub old: Option<OrgUnit>,
    /// The unit in the new registry (none when removed).
    pub new: Option<OrgUnit>,
}

/// A plan that differs.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PlanChange {
    /// Its id.
    pub id: String,
    /// Added, removed or changed.
    pub kind: EntryChangeKind,
    /// For a changed plan, the fields that differ, in the registry format's order.
    pub fields: Vec<FieldChange>,
    /// For a changed plan, whether it moved in the document's order (of the entries on both sides, the fewest
    /// whose moving explains the new order).
    pub moved: bool,
    /// The plan in the old registry (none when added).
    pub old: Option<Plan>,
    /// The plan in the new registry (none when removed).
    pub new: Option<Plan>,
}

/// One field that differs, its values as registry@1 JSON text (`"2020-09-04"`, `["a","b"]`). For a list
/// (issuers, implements, content areas, approvals, reviews) the items only in the new list and only in the
/// old one are given too; both empty means the same items in another order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct FieldChange {
    /// The field, as the registry format names it (`parent`, `issuers`).
    pub field: String,
    /// The old value (none when absent).
    pub old: Option<String>,
    /// The new value (none when absent).
    pub new: Option<String>,
    /// For a list: the items only in the new list, in its order.
    pub added: Vec<String>,
    /// For a list: the items only in the old list, in its order.
    pub removed: Vec<String>,
}

fn fields(v: &[core_::change::FieldChange]) -> Vec<FieldChange> {
    v.iter()
        .map(|f| FieldChange {
            field: f.field.to_owned(),
            old: f.old.clone(),
            new: f.new.clone(),
            added: f.added.clone(),
            removed: f.removed.clone(),
        })
        .collect()
}
