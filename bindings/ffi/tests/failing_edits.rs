//! Every failing edit through the FFI `Registry` leaves the registry byte for byte as it was (issue 5, item 4,
//! FFI side): over random registries built through the FFI object itself (random units, plans, removals,
//! replacements, overrides and validations, in random order) and random failing edits (duplicate ids, unknown
//! ids, and values no unit or plan may hold: an empty id, a count over 1,000,000, a school year `2020-2022`, a
//! date outside 0001–9999, two content areas with one code, …).
//!
//! After each refused edit the test checks that the error is the expected one, that `to_json()` is the same
//! text as before, and that the registry still judges as a registry freshly loaded from that text does (so no
//! index, graph edge or kept report was touched either).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kehoach_ffi::{
    AdministrationKind, Approval, ContentArea, EditError, InvalidValueError, LoadError, OrgUnit, Plan, PlanStatus,
    Profile, Registry, Review, ReviewKind, SchoolLevel, UnionKind, UnitRole,
};
use proptest::prelude::*;
use proptest::sample::Index;

// ---- random registries ------------------------------------------------------------------------------

/// Ids come from small pools so that references often resolve, edits often hit an existing id, and some
/// references dangle.
fn unit_id() -> impl Strategy<Value = String> {
    prop_oneof![(0..8u8).prop_map(|i| format!("u{i}")), Just("trường-á".to_owned()), Just("cd&\"x".to_owned())]
}

fn plan_id() -> impl Strategy<Value = String> {
    prop_oneof![(0..8u8).prop_map(|i| format!("p{i}")), Just("kế-hoạch".to_owned())]
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Trường Tiểu học Kim Giang",
        "Phòng GD&ĐT quận Thanh Xuân",
        "Công đoàn \"cơ sở\" <1>",
        "Sở Giáo dục và Đào tạo Hà Nội",
        "a|b\\c",
    ])
    .prop_map(str::to_owned)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2019..2027i32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn school_level() -> impl Strategy<Value = SchoolLevel> {
    prop::sample::select(vec![
        SchoolLevel::Kindergarten,
        SchoolLevel::Primary,
        SchoolLevel::LowerSecondary,
        SchoolLevel::UpperSecondary,
        SchoolLevel::MultiLevel,
    ])
}

fn role() -> impl Strategy<Value = UnitRole> {
    let administration = (
        prop_oneof![
            Just(AdministrationKind::EducationDepartment),
            Just(AdministrationKind::EducationOffice),
            Just(AdministrationKind::CommuneCommittee),
            (school_level(), prop::option::of(0..=1_000_000i32))
                .prop_map(|(level, staff_count)| AdministrationKind::School { level, staff_count }),
        ],
        prop::option::of(unit_id()),
    )
        .prop_map(|(kind, counterpart)| UnitRole::Administration { kind, counterpart });
    let union =
        prop::sample::select(vec![UnionKind::SectorUnion, UnionKind::LabourFederation, UnionKind::GrassrootsUnion])
            .prop_map(|kind| UnitRole::Union { kind });
    prop_oneof![3 => administration, 2 => union]
}

fn unit() -> impl Strategy<Value = OrgUnit> {
    (unit_id(), name(), role(), prop::option::of(unit_id())).prop_map(|(id, name, role, parent)| OrgUnit {
        id,
        name,
        role,
        parent,
    })
}

fn approval() -> impl Strategy<Value = Approval> {
    prop_oneof![
        (date(), 0..=120i32, 0..=120i32, 0..=120i32, prop::option::of(0..=120i32)).prop_map(
            |(held_on, staff_total, attendees, votes_for, votes_against)| Approval::StaffConference {
                held_on,
                staff_total,
                attendees,
                votes_for,
                votes_against,
            }
        ),
        date().prop_map(|held_on| Approval::Signing { held_on }),
    ]
}

fn content_areas() -> impl Strategy<Value = Vec<ContentArea>> {
    // Unique codes: two areas with one code is an invalid value, which the failing edits try on purpose.
    prop::collection::btree_map(1..6u8, prop::collection::vec(1..6u8, 0..3), 0..4).prop_map(|areas| {
        areas
            .into_iter()
            .map(|(code, addresses)| ContentArea {
                code: code.to_string(),
                title: format!("Nội dung {code}"),
                addresses: addresses.into_iter().map(|a| a.to_string()).collect(),
            })
            .collect()
    })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        (
            plan_id(),
            name(),
            prop::sample::select(vec!["2019-2020", "2020-2021", "2025-2026"]),
            prop::sample::select(vec![PlanStatus::Draft, PlanStatus::Issued, PlanStatus::Withdrawn]),
            prop::option::of(prop::sample::select(vec![
                "2731/KHLT-SGDĐT-CĐN",
                "17/KHPH-GD&ĐT-LĐLĐ",
                "5/HD-SGDĐT",
                "41 /KHLT-SGDĐT-CĐGDT",
                "09/KHPH-THKG-CĐ",
            ])),
            prop::option::of(date()),
        ),
        (
            prop::collection::vec(unit_id(), 0..3),
            prop::collection::vec(plan_id(), 0..3),
            content_areas(),
            prop::collection::vec(approval(), 0..3),
            prop::collection::vec(
                (prop::bool::ANY, date()).prop_map(|(mid, held_on)| Review {
                    kind: if mid { ReviewKind::MidYear } else { ReviewKind::YearEnd },
                    held_on,
                }),
                0..2,
            ),
        ),
    )
        .prop_map(
            |(
                (id, title, year, status, number, issued_on),
                (issuers, implements, content_areas, approvals, reviews),
            )| {
                Plan {
                    id,
                    title,
                    school_year: year.to_owned(),
                    status,
                    number: number.map(str::to_owned),
                    issued_on,
                    issuers,
                    implements,
                    content_areas,
                    approvals,
                    reviews,
                }
            },
        )
}

/// One step of building a registry through the FFI object. Steps that the registry refuses (an id already
/// taken, an unknown id) are part of the history too.
#[derive(Clone, Debug)]
enum Build {
    AddUnit(OrgUnit),
    AddPlan(Plan),
    ReplaceUnit(OrgUnit),
    ReplacePlan(Plan),
    RemoveUnit(String),
    RemovePlan(String),
    Override(&'static str, Option<kehoach_ffi::Level>),
    /// Makes the registry keep a report, so that later edits go through its incremental bookkeeping.
    Validate,
}

fn build_step() -> impl Strategy<Value = Build> {
    let level = prop::option::of(prop::sample::select(vec![
        kehoach_ffi::Level::Error,
        kehoach_ffi::Level::Warning,
        kehoach_ffi::Level::Info,
        kehoach_ffi::Level::Off,
    ]));
    prop_oneof![
        6 => unit().prop_map(Build::AddUnit),
        6 => plan().prop_map(Build::AddPlan),
        1 => unit().prop_map(Build::ReplaceUnit),
        2 => plan().prop_map(Build::ReplacePlan),
        1 => unit_id().prop_map(Build::RemoveUnit),
        1 => plan_id().prop_map(Build::RemovePlan),
        1 => (prop::sample::select(vec!["plan-cycle", "staff-conference-quorum", "document-number-format"]), level)
            .prop_map(|(rule, level)| Build::Override(rule, level)),
        1 => Just(Build::Validate),
    ]
}

fn build(profile: Profile, steps: &[Build]) -> std::sync::Arc<Registry> {
    let r = Registry::new(profile);
    for step in steps {
        // Refusals are expected here (taken or unknown ids); only the outcome matters.
        let _ = match step.clone() {
            Build::AddUnit(u) => r.add_unit(u).map(drop),
            Build::AddPlan(p) => r.add_plan(p).map(drop),
            Build::ReplaceUnit(u) => r.replace_unit(u).map(drop),
            Build::ReplacePlan(p) => r.replace_plan(p).map(drop),
            Build::RemoveUnit(id) => r.remove_unit(id).map(drop),
            Build::RemovePlan(id) => r.remove_plan(id).map(drop),
            Build::Override(rule, level) => {
                r.set_override(kehoach_ffi::rule_from_code(rule.to_owned()).expect("a rule of the catalogue"), level);
                Ok(())
            }
            Build::Validate => {
                r.validate();
                Ok(())
            }
        };
    }
    r
}

// ---- random failing edits ---------------------------------------------------------------------------

/// A value that no unit may hold.
#[derive(Clone, Copy, Debug)]
enum BadUnit {
    EmptyId,
    EmptyName,
    StaffOverAMillion,
    NegativeStaff,
    LongName,
    EmptyParent,
    EmptyCounterpart,
}

/// A value that no plan may hold.
#[derive(Clone, Copy, Debug)]
enum BadPlan {
    EmptyId,
    EmptyTitle,
    SchoolYear(&'static str),
    StaffTotalOverAMillion,
    AttendeesOverAMillion,
    VotesForOverAMillion,
    VotesAgainstOverAMillion,
    NegativeAttendees,
    NegativeVotesAgainst,
    LongTitle,
    TooManyIssuers,
    IssuedAfter9999,
    IssuedBeforeYear1,
    ApprovalAfter9999,
    ReviewAfter9999,
    DuplicateAreaCode,
    EmptyAreaCode,
    EmptyIssuer,
    EmptyParentPlan,
    EmptyNumber,
}

#[derive(Clone, Debug)]
enum Failing {
    /// `add_unit` with the id of a unit that exists (picked by the index).
    DuplicateUnit(Index, OrgUnit),
    DuplicatePlan(Index, Plan),
    /// `replace_unit` / `remove_unit` of an id that is not a unit (possibly empty).
    ReplaceUnknownUnit(OrgUnit),
    RemoveUnknownUnit(String),
    ReplaceUnknownPlan(Plan),
    RemoveUnknownPlan(String),
    /// An invalid value, added under a fresh id (`false`) or replacing an existing unit (`true`).
    InvalidUnit(BadUnit, bool, Index, OrgUnit),
    InvalidPlan(BadPlan, bool, Index, Plan),
    UnknownRule(String),
}

fn bad_unit() -> impl Strategy<Value = BadUnit> {
    prop::sample::select(vec![
        BadUnit::EmptyId,
        BadUnit::EmptyName,
        BadUnit::StaffOverAMillion,
        BadUnit::NegativeStaff,
        BadUnit::LongName,
        BadUnit::EmptyParent,
        BadUnit::EmptyCounterpart,
    ])
}

fn bad_plan() -> impl Strategy<Value = BadPlan> {
    prop::sample::select(vec![
        BadPlan::EmptyId,
        BadPlan::EmptyTitle,
        BadPlan::SchoolYear("2020-2022"),
        BadPlan::SchoolYear("2020"),
        BadPlan::SchoolYear("2021-2020"),
        BadPlan::SchoolYear(""),
        BadPlan::StaffTotalOverAMillion,
        BadPlan::AttendeesOverAMillion,
        BadPlan::VotesForOverAMillion,
        BadPlan::VotesAgainstOverAMillion,
        BadPlan::NegativeAttendees,
        BadPlan::NegativeVotesAgainst,
        BadPlan::LongTitle,
        BadPlan::TooManyIssuers,
        BadPlan::IssuedAfter9999,
        BadPlan::IssuedBeforeYear1,
        BadPlan::ApprovalAfter9999,
        BadPlan::ReviewAfter9999,
        BadPlan::DuplicateAreaCode,
        BadPlan::EmptyAreaCode,
        BadPlan::EmptyIssuer,
        BadPlan::EmptyParentPlan,
        BadPlan::EmptyNumber,
    ])
}

fn unknown_id() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), (0..1000u32).prop_map(|i| format!("không-có-{i}"))]
}

fn failing() -> impl Strategy<Value = Failing> {
    prop_oneof![
        1 => (any::<Index>(), unit()).prop_map(|(i, u)| Failing::DuplicateUnit(i, u)),
        1 => (any::<Index>(), plan()).prop_map(|(i, p)| Failing::DuplicatePlan(i, p)),
        1 => (unknown_id(), unit()).prop_map(|(id, u)| Failing::ReplaceUnknownUnit(OrgUnit { id, ..u })),
        1 => unknown_id().prop_map(Failing::RemoveUnknownUnit),
        1 => (unknown_id(), plan()).prop_map(|(id, p)| Failing::ReplaceUnknownPlan(Plan { id, ..p })),
        1 => unknown_id().prop_map(Failing::RemoveUnknownPlan),
        3 => (bad_unit(), any::<bool>(), any::<Index>(), unit())
            .prop_map(|(b, r, i, u)| Failing::InvalidUnit(b, r, i, u)),
        5 => (bad_plan(), any::<bool>(), any::<Index>(), plan())
            .prop_map(|(b, r, i, p)| Failing::InvalidPlan(b, r, i, p)),
        1 => prop::sample::select(vec!["", "no-such-rule", "PLAN-CYCLE", "plan_cycle"])
            .prop_map(|c| Failing::UnknownRule(c.to_owned())),
    ]
}

/// `unit` made invalid by `bad`; the field the refusal must name.
fn spoil_unit(bad: BadUnit, mut unit: OrgUnit) -> (OrgUnit, &'static str) {
    let field = match bad {
        BadUnit::EmptyId => {
            unit.id = String::new();
            "id"
        }
        BadUnit::EmptyName => {
            unit.name = String::new();
            "name"
        }
        BadUnit::StaffOverAMillion => {
            unit.role = UnitRole::Administration {
                kind: AdministrationKind::School { level: SchoolLevel::Primary, staff_count: Some(1_000_001) },
                counterpart: None,
            };
            "staff_count"
        }
        BadUnit::NegativeStaff => {
            unit.role = UnitRole::Administration {
                kind: AdministrationKind::School { level: SchoolLevel::Primary, staff_count: Some(-1) },
                counterpart: None,
            };
            "staff_count"
        }
        BadUnit::LongName => {
            // 1,366 letters of three bytes: 4,098 bytes, over the default limit a load obeys.
            unit.name = "ệ".repeat(1366);
            "name"
        }
        BadUnit::EmptyParent => {
            unit.parent = Some(String::new());
            "parent"
        }
        BadUnit::EmptyCounterpart => {
            unit.role = UnitRole::Administration {
                kind: AdministrationKind::EducationOffice,
                counterpart: Some(String::new()),
            };
            "counterpart"
        }
    };
    (unit, field)
}

fn beyond(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
}

/// `plan` made invalid by `bad`; the field the refusal must name.
fn spoil_plan(bad: BadPlan, mut plan: Plan) -> (Plan, String) {
    let conference = |staff_total, attendees, votes_for, votes_against| Approval::StaffConference {
        held_on: beyond(2020),
        staff_total,
        attendees,
        votes_for,
        votes_against,
    };
    let over = 1_000_001;
    let field = match bad {
        BadPlan::EmptyId => {
            plan.id = String::new();
            "id".to_owned()
        }
        BadPlan::EmptyTitle => {
            plan.title = String::new();
            "title".to_owned()
        }
        BadPlan::SchoolYear(year) => {
            plan.school_year = year.to_owned();
            "school_year".to_owned()
        }
        BadPlan::StaffTotalOverAMillion => {
            plan.approvals.push(conference(over, 1, 1, None));
            format!("approvals[{}].staff_total", plan.approvals.len() - 1)
        }
        BadPlan::AttendeesOverAMillion => {
            plan.approvals.push(conference(10, i32::MAX, 1, None));
            format!("approvals[{}].attendees", plan.approvals.len() - 1)
        }
        BadPlan::VotesForOverAMillion => {
            plan.approvals.push(conference(10, 5, over, None));
            format!("approvals[{}].votes_for", plan.approvals.len() - 1)
        }
        BadPlan::VotesAgainstOverAMillion => {
            plan.approvals.push(conference(10, 5, 5, Some(over)));
            format!("approvals[{}].votes_against", plan.approvals.len() - 1)
        }
        BadPlan::NegativeAttendees => {
            plan.approvals.push(conference(10, -1, 1, None));
            format!("approvals[{}].attendees", plan.approvals.len() - 1)
        }
        BadPlan::NegativeVotesAgainst => {
            plan.approvals.push(conference(10, 5, 5, Some(-3)));
            format!("approvals[{}].votes_against", plan.approvals.len() - 1)
        }
        BadPlan::LongTitle => {
            plan.title = "à".repeat(879) + &"a".repeat(2421);
            "title".to_owned()
        }
        BadPlan::TooManyIssuers => {
            plan.issuers = (0..10_001).map(|i| format!("u{i}")).collect();
            "issuers".to_owned()
        }
        BadPlan::IssuedAfter9999 => {
            plan.issued_on = Some(beyond(10_000));
            "issued_on".to_owned()
        }
        BadPlan::IssuedBeforeYear1 => {
            plan.issued_on = Some(beyond(0));
            "issued_on".to_owned()
        }
        BadPlan::ApprovalAfter9999 => {
            plan.approvals.push(Approval::Signing { held_on: beyond(12_345) });
            format!("approvals[{}].held_on", plan.approvals.len() - 1)
        }
        BadPlan::ReviewAfter9999 => {
            plan.reviews.push(Review { kind: ReviewKind::YearEnd, held_on: beyond(10_000) });
            format!("reviews[{}].held_on", plan.reviews.len() - 1)
        }
        BadPlan::DuplicateAreaCode => {
            let area = ContentArea { code: "9".into(), title: "Thi đua".into(), addresses: vec![] };
            plan.content_areas.push(area.clone());
            plan.content_areas.push(area);
            format!("content_areas[{}].code", plan.content_areas.len() - 1)
        }
        BadPlan::EmptyAreaCode => {
            plan.content_areas.push(ContentArea { code: String::new(), title: "x".into(), addresses: vec![] });
            format!("content_areas[{}].code", plan.content_areas.len() - 1)
        }
        BadPlan::EmptyIssuer => {
            plan.issuers.push(String::new());
            format!("issuers[{}]", plan.issuers.len() - 1)
        }
        BadPlan::EmptyParentPlan => {
            plan.implements.push(String::new());
            format!("implements[{}]", plan.implements.len() - 1)
        }
        BadPlan::EmptyNumber => {
            plan.number = Some(String::new());
            "number".to_owned()
        }
    };
    (plan, field)
}

/// The id of the registry's unit picked by `i`, when it has one.
fn pick_unit(r: &Registry, i: &Index) -> Option<String> {
    let units = r.units();
    (!units.is_empty()).then(|| units[i.index(units.len())].id.clone())
}

fn pick_plan(r: &Registry, i: &Index) -> Option<String> {
    let plans = r.plans();
    (!plans.is_empty()).then(|| plans[i.index(plans.len())].id.clone())
}

/// A unit id that the registry does not hold.
fn fresh_unit_id(r: &Registry) -> String {
    (0..).map(|i| format!("mới-{i}")).find(|id| r.unit(id.clone()).is_none()).unwrap()
}

fn fresh_plan_id(r: &Registry) -> String {
    (0..).map(|i| format!("mới-{i}")).find(|id| r.plan(id.clone()).is_none()).unwrap()
}

/// What a refusal must be.
#[derive(Debug)]
enum Expect {
    Edit(EditError),
    /// `EditError::Invalid` naming this field.
    InvalidField(String),
    Value(InvalidValueError),
}

/// The debug text of the refusal, or `Err` when the edit went through.
fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(res: Result<T, E>) -> Result<String, String> {
    match res {
        Ok(v) => Err(format!("accepted, giving {v:?}")),
        Err(e) => Ok(format!("{e:?}")),
    }
}

/// Makes the failing edit and says how it must be refused. An edit that needs an existing unit or plan
/// (a duplicate, a replacement) on a registry that has none becomes the nearest edit that can fail there: the
/// removal of an empty id, or the invalid value added under a fresh id.
fn attempt(r: &Registry, edit: &Failing) -> (Expect, Result<String, String>) {
    let unknown_unit =
        |id: String| (Expect::Edit(EditError::UnknownUnit { id: id.clone() }), refused(r.remove_unit(id)));
    let unknown_plan =
        |id: String| (Expect::Edit(EditError::UnknownPlan { id: id.clone() }), refused(r.remove_plan(id)));
    match edit.clone() {
        Failing::DuplicateUnit(i, u) => match pick_unit(r, &i) {
            Some(id) => {
                (Expect::Edit(EditError::DuplicateUnit { id: id.clone() }), refused(r.add_unit(OrgUnit { id, ..u })))
            }
            None => unknown_unit(String::new()),
        },
        Failing::DuplicatePlan(i, p) => match pick_plan(r, &i) {
            Some(id) => {
                (Expect::Edit(EditError::DuplicatePlan { id: id.clone() }), refused(r.add_plan(Plan { id, ..p })))
            }
            None => unknown_plan(String::new()),
        },
        // Unknown ids never collide with the pools the registries are built from.
        Failing::ReplaceUnknownUnit(u) => {
            let expect = if u.id.is_empty() {
                Expect::InvalidField("id".into())
            } else {
                Expect::Edit(EditError::UnknownUnit { id: u.id.clone() })
            };
            (expect, refused(r.replace_unit(u)))
        }
        Failing::RemoveUnknownUnit(id) => unknown_unit(id),
        Failing::ReplaceUnknownPlan(p) => {
            let expect = if p.id.is_empty() {
                Expect::InvalidField("id".into())
            } else {
                Expect::Edit(EditError::UnknownPlan { id: p.id.clone() })
            };
            (expect, refused(r.replace_plan(p)))
        }
        Failing::RemoveUnknownPlan(id) => unknown_plan(id),
        Failing::InvalidUnit(bad, replace, i, u) => {
            let existing = if replace { pick_unit(r, &i) } else { None };
            let (u, field) = spoil_unit(bad, OrgUnit { id: existing.clone().unwrap_or_else(|| fresh_unit_id(r)), ..u });
            let res = if existing.is_some() { refused(r.replace_unit(u)) } else { refused(r.add_unit(u)) };
            (Expect::InvalidField(field.to_owned()), res)
        }
        Failing::InvalidPlan(bad, replace, i, p) => {
            let existing = if replace { pick_plan(r, &i) } else { None };
            let (p, field) = spoil_plan(bad, Plan { id: existing.clone().unwrap_or_else(|| fresh_plan_id(r)), ..p });
            let res = if existing.is_some() { refused(r.replace_plan(p)) } else { refused(r.add_plan(p)) };
            (Expect::InvalidField(field), res)
        }
        Failing::UnknownRule(code) => (
            Expect::Value(InvalidValueError::UnknownRule { code: code.clone() }),
            refused(kehoach_ffi::rule_from_code(code).map(|rule| r.set_override(rule, Some(kehoach_ffi::Level::Off)))),
        ),
    }
}

/// Everything the registry shows of itself through the FFI, for comparison.
fn state(r: &Registry) -> (String, Vec<OrgUnit>, Vec<Plan>, Vec<kehoach_ffi::RuleOverride>, Profile) {
    (r.to_json(), r.units(), r.plans(), r.overrides(), r.profile())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn a_failing_edit_leaves_the_registry_byte_for_byte_unchanged(
        two_tier in any::<bool>(),
        steps in prop::collection::vec(build_step(), 0..40),
        edits in prop::collection::vec(failing(), 1..12),
    ) {
        let profile = if two_tier { Profile::TwoTier2025 } else { Profile::ThreeTier2020 };
        let r = build(profile, &steps);
        for edit in &edits {
            let before = state(&r);
            let (expect, got) = attempt(&r, edit);
            let got = got.map_err(|accepted| TestCaseError::fail(format!("{edit:?} was {accepted}")))?;
            match &expect {
                Expect::Edit(e) => prop_assert_eq!(&got, &format!("{e:?}"), "{:?}", edit),
                Expect::Value(e) => prop_assert_eq!(&got, &format!("{e:?}"), "{:?}", edit),
                Expect::InvalidField(field) => prop_assert!(
                    got.starts_with("Invalid {") && got.contains(&format!("field: {field:?}")),
                    "{:?}: expected Invalid on {}, got {}", edit, field, got
                ),
            }
            let after = state(&r);
            prop_assert_eq!(&after.0, &before.0, "to_json changed after {:?}", edit);
            prop_assert_eq!(&after, &before, "the registry changed after {:?}", edit);
            // Nothing hidden changed either: the registry judges as the same data freshly loaded does.
            let fresh = Registry::from_json(before.0.clone()).expect("a saved registry loads");
            prop_assert_eq!(fresh.to_json(), before.0);
            prop_assert_eq!(r.validate(), fresh.validate(), "after {:?}", edit);
        }
    }
}

/// The FFI records cannot put a counterpart on a union unit (`UnitRole::Union` has no such field, so Kotlin
/// and Swift code that tries does not compile), and a document that does is refused at load, naming the
/// field: the value cannot enter a registry by either door.
#[test]
fn a_counterpart_on_a_union_unit_cannot_enter() {
    let doc = r#"{"format": "kehoach/registry@1", "units": [
        {"id": "cd", "name": "Công đoàn", "kind": "grassroots_union", "counterpart": "x"}
    ], "plans": []}"#;
    match Registry::from_json(doc.into()) {
        Err(LoadError::Invalid { path, .. }) => assert!(path.starts_with("units[0]"), "{path}"),
        other => panic!("{other:?}"),
    }
}

/// A deterministic case of each kind of refusal on the Hanoi data, so a regression names itself even
/// without the random search.
#[test]
fn each_kind_of_refusal_on_the_hanoi_registry() {
    let hanoi = include_str!("../../../examples/data/hanoi-2020-2021.json");
    let r = Registry::from_json(hanoi.into()).unwrap();
    let report = r.validate();
    let before = r.to_json();
    assert_eq!(before, hanoi);
    let school = r.unit("tx-th-kg".into()).unwrap();
    let plan = r.plan("tx-th-kg-2020".into()).unwrap();
    let mut seen = BTreeSet::new();
    for bad in [BadUnit::EmptyId, BadUnit::EmptyName, BadUnit::StaffOverAMillion, BadUnit::EmptyParent] {
        let (u, field) = spoil_unit(bad, school.clone());
        let err = r.replace_unit(u).unwrap_err();
        assert!(matches!(&err, EditError::Invalid { field: f, .. } if f == field), "{bad:?}: {err:?}");
        seen.insert(field.to_owned());
    }
    for bad in [
        BadPlan::SchoolYear("2020-2022"),
        BadPlan::StaffTotalOverAMillion,
        BadPlan::IssuedAfter9999,
        BadPlan::ReviewAfter9999,
        BadPlan::DuplicateAreaCode,
    ] {
        let (p, field) = spoil_plan(bad, plan.clone());
        let err = r.replace_plan(p.clone()).unwrap_err();
        assert!(matches!(&err, EditError::Invalid { field: f, .. } if *f == field), "{bad:?}: {err:?}");
        let err = r.add_plan(Plan { id: "mới".into(), ..p }).unwrap_err();
        assert!(matches!(&err, EditError::Invalid { field: f, .. } if *f == field), "{bad:?}: {err:?}");
        seen.insert(field);
    }
    assert_eq!(r.add_plan(plan.clone()), Err(EditError::DuplicatePlan { id: "tx-th-kg-2020".into() }));
    assert_eq!(r.add_unit(school), Err(EditError::DuplicateUnit { id: "tx-th-kg".into() }));
    assert_eq!(r.remove_plan(String::new()), Err(EditError::UnknownPlan { id: String::new() }));
    assert_eq!(r.replace_plan(Plan { id: "nope".into(), ..plan }), Err(EditError::UnknownPlan { id: "nope".into() }));
    assert_eq!(seen.len(), 9, "{seen:?}");
    assert_eq!(r.to_json(), before);
    assert_eq!(r.validate(), report);
}
