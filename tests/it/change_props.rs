//! Property tests of change on arbitrary registries (`support::props::arb_registry`):
//! - a what-if equals "apply, validate, compare, undo": its findings and compliance rows are those of the
//!   diff of the registry and a copy with the edits applied, a refused edit is named by its index, and
//!   afterwards the registry saves as before and the validator's report is still a full check's;
//! - `diff(a, a)` is empty;
//! - applying a diff's edits to `a` gives a registry that saves as `b` does.

use crate::support::props::{Rng, arb_plan, arb_registry, arb_unit, random_edits, scaled};
use kehoach::change::{self, Edit};
use kehoach::{Level, PlanId, Profile, Registry, Rule, UnitId, Validator, format};
use proptest::prelude::*;

/// Random edits on `reg`: mostly of what exists, some refused (unknown or taken ids).
fn arb_edits(reg: &Registry, rng: &mut Rng, count: u64) -> Vec<Edit> {
    let plan_ids: Vec<PlanId> = reg.plans().map(|p| p.id.clone()).collect();
    let unit_ids: Vec<UnitId> = reg.units().map(|u| u.id.clone()).collect();
    let mut out = Vec::new();
    for _ in 0..count {
        let edit = match rng.below(11) {
            0 if !plan_ids.is_empty() => Edit::WithdrawPlan(rng.pick(&plan_ids).clone()),
            1 if !plan_ids.is_empty() => Edit::RemovePlan(rng.pick(&plan_ids).clone()),
            2 if !plan_ids.is_empty() => {
                let mut p = arb_plan(rng);
                p.id = rng.pick(&plan_ids).clone();
                Edit::ReplacePlan(p)
            }
            3 if !unit_ids.is_empty() => Edit::RemoveUnit(rng.pick(&unit_ids).clone()),
            4 if !unit_ids.is_empty() => {
                let mut u = arb_unit(rng);
                u.id = rng.pick(&unit_ids).clone();
                Edit::ReplaceUnit(u)
            }
            5 if !unit_ids.is_empty() => {
                let id = rng.pick(&unit_ids).clone();
                let parent = rng.pick(&unit_ids).clone();
                match reg.unit(id.as_str()) {
                    Some(u) => Edit::ReplaceUnit(kehoach::Unit { parent: Some(parent), ..u.clone() }),
                    None => Edit::RemoveUnit(id),
                }
            }
            6 => Edit::AddPlan(arb_plan(rng)),
            7 => Edit::AddUnit(arb_unit(rng)),
            8 => {
                let level = if rng.chance(30) { None } else { Some(*rng.pick(&Level::ALL)) };
                Edit::SetOverride(*rng.pick(&Rule::ALL), level)
            }
            // A plan replaced with its issuers kept: the edit a what-if judges without finding managers twice.
            9 if !plan_ids.is_empty() => {
                let id = rng.pick(&plan_ids).clone();
                let mut p = arb_plan(rng);
                match reg.plan(id.as_str()) {
                    Some(old) => {
                        p.id = id;
                        p.issuers = old.issuers.clone();
                        Edit::ReplacePlan(p)
                    }
                    None => Edit::WithdrawPlan(id),
                }
            }
            _ => Edit::SetProfile(*rng.pick(&Profile::ALL)),
        };
        out.push(edit);
    }
    out
}

fn check_what_if(seed: u64, count: u64) -> Result<(), TestCaseError> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let reg = arb_registry(seed, 14, 18);
    let saved = format::save(&reg);
    let report = reg.validate();
    let edits = arb_edits(&reg, &mut rng, count);

    // The oracle: apply to a copy, validate, compare.
    let mut applied = reg.clone();
    let refused = edits.iter().enumerate().find_map(|(i, e)| e.apply(&mut applied).err().map(|r| (i, r)));

    let mut v = Validator::new(reg.clone());
    if rng.chance(50) {
        v.report(); // a report cached, or none yet: both must work
    }
    let got = v.what_if(&edits);
    match refused {
        Some((index, reason)) => {
            let err = got.expect_err("an edit is refused");
            prop_assert_eq!(err.index, index);
            prop_assert_eq!(err.reason, reason);
        }
        None => {
            let impact = got.expect("every edit applies");
            let expected = change::diff(&reg, &applied);
            prop_assert_eq!(&impact.findings, &expected.findings);
            prop_assert_eq!(&impact.compliance, &expected.compliance);
            let rows: Vec<Row> = impact
                .compliance
                .iter()
                .map(|c| (c.managing_unit.to_string(), c.school_year, c.before.clone(), c.after.clone()))
                .collect();
            prop_assert_eq!(rows, full_compliance_delta(&reg, &applied));
        }
    }
    // Nothing changed, and the validator goes on as if no what-if had happened.
    prop_assert_eq!(format::save(v.registry()), saved);
    prop_assert_eq!(v.report(), &report);
    prop_assert_eq!(&v.registry().validate(), &report);
    prop_assert!(change::diff(&reg, v.registry()).is_empty());
    random_edits(&mut v, &mut rng, 3);
    let after = v.report().clone();
    prop_assert_eq!(after, v.registry().validate());
    Ok(())
}

type Row = (String, kehoach::SchoolYear, Option<kehoach::Compliance>, Option<kehoach::Compliance>);

fn compliance_rows(d: &change::Diff) -> Vec<Row> {
    d.compliance
        .iter()
        .map(|c| (c.managing_unit.to_string(), c.school_year, c.before.clone(), c.after.clone()))
        .collect()
}

/// The oracle: both full compliance tables, and the rows that differ.
fn full_compliance_delta(a: &Registry, b: &Registry) -> Vec<Row> {
    use std::collections::BTreeMap;
    let table = |r: &Registry| -> BTreeMap<(String, kehoach::SchoolYear), kehoach::Compliance> {
        r.compliance(&r.validate()).into_iter().map(|c| ((c.managing_unit.to_string(), c.school_year), c)).collect()
    };
    let (ta, tb) = (table(a), table(b));
    let mut keys: Vec<_> = ta.keys().chain(tb.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (ta.get(&k).cloned(), tb.get(&k).cloned());
            (x != y).then_some((k.0, k.1, x, y))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(256), ..ProptestConfig::default() })]

    #[test]
    fn what_if_is_apply_validate_compare_undo(seed in any::<u64>(), count in 1u64..6) {
        check_what_if(seed, count)?;
    }

    #[test]
    fn a_registry_diffs_to_nothing_with_itself(seed in any::<u64>()) {
        let reg = arb_registry(seed, 14, 18);
        prop_assert!(change::diff(&reg, &reg).is_empty());
        prop_assert!(change::diff(&reg, &reg.clone()).edits().is_empty());
        prop_assert!(change::diff(&reg, &reg.rebuilt()).is_empty());
    }

    #[test]
    fn a_diffs_edits_turn_a_into_b(seed in any::<u64>(), count in 0u64..8, settings in any::<bool>()) {
        let a = arb_registry(seed, 14, 18);
        let mut b = a.clone();
        let mut rng = Rng::new(seed.rotate_left(17));
        random_edits(&mut b, &mut rng, count);
        if settings {
            b.set_profile(*rng.pick(&Profile::ALL));
            b.set_override(*rng.pick(&Rule::ALL), Some(*rng.pick(&Level::ALL)));
        }
        let d = change::diff(&a, &b);
        let mut rebuilt = a.clone();
        for e in d.edits() {
            e.apply(&mut rebuilt).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(format::save(&rebuilt), format::save(&b));
        prop_assert!(change::diff(&rebuilt, &b).is_empty());
        prop_assert_eq!(d.is_empty(), format::save(&a) == format::save(&b) && a.validate() == b.validate());
        // The compliance rows are those of the two full tables that differ.
        prop_assert_eq!(compliance_rows(&d), full_compliance_delta(&a, &b));
        // The JSON form reads back, and says whether the registries are the same.
        let json: serde_json::Value = serde_json::from_str(&change::diff_to_json(&d)).expect("JSON");
        prop_assert_eq!(json["same"].as_bool(), Some(d.is_empty()));
    }
}
