//! Incremental re-validation (`Validator::report`) always gives the report a full check gives, whatever
//! sequence of edits came before: random edits on synthetic registries with faults, compared after each edit.

use chrono::{Days, NaiveDate};
use kehoach::synthetic::{Config, national};
use kehoach::{
    Approval, Count, DocumentNumber, Level, Plan, PlanId, PlanStatus, Profile, Registry, Rule, SchoolYear, Severity,
    StaffConference, UnitId, Validator,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Edit {
    Status(usize, u8),
    Implements(usize, Vec<usize>),
    ImplementsUnknown(usize),
    SwapIssuers(usize),
    FirstIssuer(usize, usize),
    Number(usize, u8),
    IssuedOn(usize, i64),
    Year(usize, bool),
    Conference(usize, u32, u32),
    RemovePlan(usize),
    ReAdd,
    NewPlanLike(usize),
    UnitParent(usize, usize),
    RemoveUnit(usize),
    Override(usize, u8),
    Profile(bool),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<prop::sample::Index>().prop_map(|x| x.index(1 << 20));
    prop_oneof![
        6 => (i.clone(), 0u8..3).prop_map(|(a, b)| Edit::Status(a, b)),
        6 => (i.clone(), prop::collection::vec(0usize..1 << 20, 0..3)).prop_map(|(a, b)| Edit::Implements(a, b)),
        2 => i.clone().prop_map(Edit::ImplementsUnknown),
        2 => i.clone().prop_map(Edit::SwapIssuers),
        3 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::FirstIssuer(a, b)),
        4 => (i.clone(), 0u8..4).prop_map(|(a, b)| Edit::Number(a, b)),
        3 => (i.clone(), -40i64..400).prop_map(|(a, b)| Edit::IssuedOn(a, b)),
        2 => (i.clone(), any::<bool>()).prop_map(|(a, b)| Edit::Year(a, b)),
        3 => (i.clone(), 0u32..60, 0u32..60).prop_map(|(a, b, c)| Edit::Conference(a, b, c)),
        4 => i.clone().prop_map(Edit::RemovePlan),
        3 => Just(Edit::ReAdd),
        2 => i.clone().prop_map(Edit::NewPlanLike),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::UnitParent(a, b)),
        1 => i.clone().prop_map(Edit::RemoveUnit),
        1 => (0usize..27, 0u8..4).prop_map(|(a, b)| Edit::Override(a, b)),
        1 => any::<bool>().prop_map(Edit::Profile),
    ]
}

fn nth_plan(reg: &Registry, i: usize) -> Option<Plan> {
    let n = reg.plan_count();
    if n == 0 { None } else { reg.plans().nth(i % n).cloned() }
}

fn nth_unit_id(reg: &Registry, i: usize) -> Option<UnitId> {
    let n = reg.unit_count();
    if n == 0 { None } else { reg.units().nth(i % n).map(|u| u.id.clone()) }
}

fn apply(v: &mut Validator, removed: &mut Vec<Plan>, edit: &Edit) {
    let reg = v.registry().clone();
    let reg = &reg;
    let plan_ids: Vec<PlanId> = reg.plans().map(|p| p.id.clone()).collect();
    match edit {
        Edit::Status(i, s) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.status = PlanStatus::ALL[*s as usize % 3];
                v.replace_plan(p).unwrap();
            }
        }
        Edit::Implements(i, targets) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.implements = targets.iter().map(|t| plan_ids[t % plan_ids.len()].clone()).collect();
                v.replace_plan(p).unwrap();
            }
        }
        Edit::ImplementsUnknown(i) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.implements.push(PlanId::new("no-such-plan").unwrap());
                v.replace_plan(p).unwrap();
            }
        }
        Edit::SwapIssuers(i) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.issuers.reverse();
                v.replace_plan(p).unwrap();
            }
        }
        Edit::FirstIssuer(i, u) => {
            if let (Some(mut p), Some(u)) = (nth_plan(reg, *i), nth_unit_id(reg, *u)) {
                if p.issuers.is_empty() {
                    p.issuers.push(u);
                } else {
                    p.issuers[0] = u;
                }
                v.replace_plan(p).unwrap();
            }
        }
        Edit::Number(i, k) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.number = match k {
                    0 => None,
                    1 => Some(DocumentNumber::new("10/KHPH-TR1-CĐ").unwrap()),
                    2 => Some(DocumentNumber::new("7 /QĐ-X").unwrap()),
                    _ => Some(DocumentNumber::new("21/KHPH-GD&ĐT-LĐLĐ").unwrap()),
                };
                v.replace_plan(p).unwrap();
            }
        }
        Edit::IssuedOn(i, d) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                let base = NaiveDate::from_ymd_opt(2020, 8, 1).unwrap();
                p.issued_on = if *d < -30 { None } else { base.checked_add_days(Days::new(d.unsigned_abs())) };
                v.replace_plan(p).unwrap();
            }
        }
        Edit::Year(i, later) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.school_year = SchoolYear::new(if *later { 2021 } else { 2019 }).unwrap();
                v.replace_plan(p).unwrap();
            }
        }
        Edit::Conference(i, attendees, votes) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                let day = NaiveDate::from_ymd_opt(2020, 9, 20).unwrap();
                p.approvals = vec![Approval::StaffConference(
                    StaffConference::new(day, 45, u64::from(*attendees), u64::from(*votes), None).unwrap(),
                )];
                v.replace_plan(p).unwrap();
            }
        }
        Edit::RemovePlan(i) => {
            if let Some(p) = nth_plan(reg, *i) {
                removed.push(v.remove_plan(p.id.as_str()).unwrap());
            }
        }
        Edit::ReAdd => {
            if let Some(p) = removed.pop() {
                v.add_plan(p).unwrap();
            }
        }
        Edit::NewPlanLike(i) => {
            if let Some(mut p) = nth_plan(reg, *i) {
                p.id = PlanId::new(&format!("{}-copy-{}", p.id, reg.plan_count())).unwrap();
                if reg.plan(p.id.as_str()).is_none() {
                    v.add_plan(p).unwrap();
                }
            }
        }
        Edit::UnitParent(u, parent) => {
            if let (Some(id), Some(parent)) = (nth_unit_id(reg, *u), nth_unit_id(reg, *parent)) {
                let mut unit = reg.unit(id.as_str()).cloned().unwrap();
                unit.parent = Some(parent);
                v.replace_unit(unit).unwrap();
            }
        }
        Edit::RemoveUnit(u) => {
            if let Some(id) = nth_unit_id(reg, *u) {
                v.remove_unit(id.as_str()).unwrap();
            }
        }
        Edit::Override(r, l) => {
            let level = match l {
                0 => None,
                1 => Some(Level::Off),
                2 => Some(Level::On(Severity::Info)),
                _ => Some(Level::On(Severity::Error)),
            };
            v.set_override(Rule::ALL[*r], level);
        }
        Edit::Profile(two) => v.set_profile(if *two { Profile::TwoTier2025 } else { Profile::ThreeTier2020 }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_after_every_edit(seed in 0u64..1000, edits in prop::collection::vec(edit(), 1..25)) {
        let mut v = Validator::new(
            national(&Config { seed, scale: 0.003, years: 2, fault_rate: 0.2, ..Config::default() }).unwrap().registry,
        );
        let mut removed = Vec::new();
        prop_assert_eq!(v.report().clone(), v.registry().validate());
        for e in &edits {
            apply(&mut v, &mut removed, e);
            let incremental = v.report().clone();
            let full = v.registry().validate();
            prop_assert_eq!(incremental, full, "after {:?}", e);
        }
    }
}

#[test]
fn a_school_plan_edit_rechecks_locally_and_agrees() {
    let mut v = Validator::new(
        national(&Config { scale: 0.05, years: 1, fault_rate: 0.05, ..Config::default() }).unwrap().registry,
    );
    let before = v.report().clone();
    assert_eq!(before, v.registry().validate());
    let reg = v.registry().clone();
    // Break one conference, then mend it.
    let id = reg.plans().find(|p| p.id.as_str().contains("-s0")).unwrap().id.clone();
    let original = reg.plan(id.as_str()).cloned().unwrap();
    let mut broken = original.clone();
    if let Some(Approval::StaffConference(c)) = broken.approvals.first_mut() {
        c.attendees = Count::new(1).unwrap();
    }
    v.replace_plan(broken).unwrap();
    let after = v.report().clone();
    assert_eq!(after, v.registry().validate());
    assert!(after.counts().error > before.counts().error);
    v.replace_plan(original).unwrap();
    assert_eq!(v.report(), &before);
}
