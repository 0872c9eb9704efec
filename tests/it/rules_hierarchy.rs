//! The hierarchy rules of `spec/rules.md`: `parent-plan-missing`, `parent-plan-unknown`,
//! `parent-plan-withdrawn`, `parent-plan-wrong-issuer`, `parent-plan-school-year`, `parent-plan-date-order`,
//! `plan-cycle`, `school-without-plan`, and the silences of the parent rules.

use crate::support::common::*;
use kehoach::format::load_str;
use kehoach::{Level, PlanStatus, Profile, Registry, Rule};

fn implements(r: &mut Registry, plan: &str, parents: &[&str]) {
    edit_plan(r, plan, |p| p.implements = pids(parents));
}

/// A withdrawn plan of the Cầu Giấy office for 2019-2020, issued after every 2020 plan: as a parent of a
/// Thanh Xuân school it would break every other parent rule, were it active.
fn withdrawn_cg_2019() -> kehoach::Plan {
    let mut p = issued("cg-2019", "2019-2020", "30/KHPH-GD&ĐT-LĐLĐ", d(2020, 12, 1), &["cg-pgd", "cg-ldld"], &[]);
    p.status = PlanStatus::Withdrawn;
    p
}

// ---- parent-plan-missing ---------------------------------------------------------------------------------

#[test]
fn a_plan_with_a_managing_unit_implements_something() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &[]);
    implements(&mut r, "tx-2020", &[]);
    assert_findings(
        &r,
        &[
            "error parent-plan-missing plan:tx-2020 implements",
            "error parent-plan-missing plan:tx-thcs-nc-2020 implements",
        ],
    );
    let report = validate(&r);
    let f = the(&report, Rule::ParentPlanMissing, "tx-thcs-nc-2020");
    assert_names(&f, &["tx-pgd"]);
    let f = the(&report, Rule::ParentPlanMissing, "tx-2020");
    assert_names(&f, &["hn-sgd"]);
}

#[test]
fn drafts_need_a_parent_withdrawn_plans_and_root_plans_do_not() {
    let mut r = clean();
    add(&mut r, plan("tx-2021", "2021-2022", PlanStatus::Draft).with_issuers(&["tx-pgd", "tx-ldld"]).unwrap());
    add(&mut r, plan("tx-2019", "2019-2020", PlanStatus::Withdrawn).with_issuers(&["tx-pgd", "tx-ldld"]).unwrap());
    add(&mut r, plan("hn-2021", "2021-2022", PlanStatus::Draft).with_issuers(&["hn-sgd", "hn-cdn"]).unwrap());
    assert_findings(&r, &["error parent-plan-missing plan:tx-2021 implements"]);
}

#[test]
fn no_managing_unit_no_missing_parent() {
    let mut r = clean();
    // the school's parent dangles
    edit_unit(&mut r, "tx-th-kt", |u| {
        u.parent = Some(uids(&["tx-pgd-old"])[0].clone());
    });
    implements(&mut r, "tx-th-kt-2020", &[]);
    // the plan's first issuer dangles
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| {
        p.issuers = uids(&["nc-old", "tx-thcs-nc-cd"]);
        p.implements.clear();
    });
    // the school's parent is a union unit
    edit_unit(&mut r, "cg-th-yh", |u| {
        u.parent = Some(uids(&["cg-ldld"])[0].clone());
    });
    implements(&mut r, "cg-th-yh-2020", &[]);
    assert_findings(
        &r,
        &[
            "error unit-side-mismatch unit:cg-th-yh parent",
            "error unit-unknown-reference unit:tx-th-kt parent",
            "warning school-without-plan unit:tx-thcs-nc - 2020-2021",
            "error unit-unknown-reference plan:tx-thcs-nc-2020 issuers",
        ],
    );
}

// ---- parent-plan-unknown ---------------------------------------------------------------------------------

#[test]
fn unknown_parents_are_one_finding_naming_each() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &["tx-2019", "tx-2020", "hn-2019", "tx-2019"]);
    // the content-area rules are silent: not every parent resolves
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| {
        p.content_areas = kehoach::ContentAreas::new(vec![area("1", &["9"])]).unwrap();
    });
    assert_findings(&r, &["error parent-plan-unknown plan:tx-thcs-nc-2020 implements"]);
    let f = the(&validate(&r), Rule::ParentPlanUnknown, "tx-thcs-nc-2020");
    assert_names(&f, &["\"tx-2019\"", "\"hn-2019\""]);
    assert_not_named(&f, "\"tx-2020\"");
    assert_eq!(f.message.en.matches("\"tx-2019\"").count(), 1);
}

#[test]
fn an_unknown_parent_silences_the_other_parent_rules_for_it() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &["ghost"]);
    assert_findings(&r, &["error parent-plan-unknown plan:tx-thcs-nc-2020 implements"]);
    // the remaining active parent is still judged
    implements(&mut r, "tx-thcs-nc-2020", &["ghost", "cg-2020"]);
    assert_findings(
        &r,
        &[
            "error parent-plan-unknown plan:tx-thcs-nc-2020 implements",
            "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements",
        ],
    );
    assert_off_only_removes(&r, Rule::ParentPlanUnknown);
}

#[test]
fn a_parent_added_later_resolves() {
    let mut r = clean();
    let tx = r.remove_plan("tx-2020").unwrap();
    assert_findings(
        &r,
        &[
            "error parent-plan-unknown plan:tx-th-kt-2020 implements",
            "error parent-plan-unknown plan:tx-thcs-nc-2020 implements",
        ],
    );
    r.add_plan(tx).unwrap();
    assert_findings(&r, &[]);
}

#[test]
fn withdrawn_plans_are_not_judged_on_their_parents() {
    let mut r = clean();
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.status = PlanStatus::Withdrawn;
        p.implements = pids(&["ghost", "cg-2019"]);
    });
    add(&mut r, withdrawn_cg_2019());
    assert_findings(&r, &["warning school-without-plan unit:cg-th-yh - 2020-2021"]);
}

// ---- parent-plan-withdrawn -------------------------------------------------------------------------------

#[test]
fn a_withdrawn_parent_is_reported_and_silences_the_other_parent_rules_for_it() {
    let mut r = clean();
    add(&mut r, withdrawn_cg_2019());
    // another office, another year, issued later, before the school's conference: none of it is judged
    implements(&mut r, "tx-thcs-nc-2020", &["cg-2019"]);
    assert_findings(&r, &["error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements"]);
    let f = the(&validate(&r), Rule::ParentPlanWithdrawn, "tx-thcs-nc-2020");
    assert_names(&f, &["cg-2019", "30/KHPH-GD&ĐT-LĐLĐ"]);
    // next to an active parent, which is still judged
    implements(&mut r, "tx-thcs-nc-2020", &["cg-2019", "tx-2020"]);
    assert_findings(&r, &["error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements"]);
    implements(&mut r, "tx-thcs-nc-2020", &["cg-2019", "hn-2020"]);
    assert_findings(
        &r,
        &[
            "error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements",
            "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements",
        ],
    );
    for rule in [Rule::ParentPlanWithdrawn, Rule::ParentPlanWrongIssuer] {
        assert_off_only_removes(&r, rule);
    }
}

#[test]
fn withdrawing_a_district_plan_reports_every_school_plan_under_it() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.status = PlanStatus::Withdrawn);
    assert_findings(
        &r,
        &[
            "error parent-plan-withdrawn plan:tx-th-kt-2020 implements",
            "error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements",
        ],
    );
}

// ---- parent-plan-wrong-issuer ----------------------------------------------------------------------------

#[test]
fn a_thanh_xuan_school_implementing_the_cau_giay_plan_or_the_city_plan() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &["cg-2020"]);
    implements(&mut r, "tx-th-kt-2020", &["hn-2020"]);
    assert_findings(
        &r,
        &[
            "error parent-plan-wrong-issuer plan:tx-th-kt-2020 implements",
            "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements",
        ],
    );
    let report = validate(&r);
    let f = the(&report, Rule::ParentPlanWrongIssuer, "tx-thcs-nc-2020");
    assert_names(&f, &["cg-2020", "cg-pgd", "tx-pgd"]);
    let f = the(&report, Rule::ParentPlanWrongIssuer, "tx-th-kt-2020");
    assert_names(&f, &["hn-2020", "hn-sgd", "tx-pgd"]);
}

#[test]
fn one_finding_names_only_the_wrong_parents() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &["tx-2020", "cg-2020", "hn-2020"]);
    assert_findings(&r, &["error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements"]);
    let f = the(&validate(&r), Rule::ParentPlanWrongIssuer, "tx-thcs-nc-2020");
    assert_names(&f, &["\"cg-2020\"", "\"hn-2020\""]);
    assert_not_named(&f, "\"tx-2020\"");
}

#[test]
fn wrong_issuer_is_silent_when_either_unit_is_absent() {
    let mut r = clean();
    // the parent has no administration issuer
    edit_plan(&mut r, "cg-2020", |p| p.issuers = uids(&["cg-pgd-old", "cg-ldld"]));
    implements(&mut r, "tx-thcs-nc-2020", &["cg-2020"]);
    // the plan has no administration issuer
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.issuers = uids(&["kt-old", "tx-th-kt-cd"]);
        p.implements = pids(&["hn-2020"]);
    });
    // the plan's administration issuer has no managing unit
    edit_unit(&mut r, "hn-thpt-nt", |u| u.parent = None);
    implements(&mut r, "hn-thpt-nt-2020", &["tx-2020"]);
    // cg-2020's school still implements it; nobody judges it against cg-pgd
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "error unit-unknown-reference plan:cg-2020 issuers",
            "error unit-unknown-reference plan:tx-th-kt-2020 issuers",
        ],
    );
}

#[test]
fn schools_managed_by_the_department_implement_its_plan() {
    let mut r = clean();
    implements(&mut r, "hn-thpt-nt-2020", &["tx-2020"]);
    assert_findings(&r, &["error parent-plan-wrong-issuer plan:hn-thpt-nt-2020 implements"]);
}

#[test]
fn two_tier_2025_commune_committees_and_their_messages() {
    let json = r#"{ "format": "kehoach/registry@1", "profile": "two-tier-2025", "units": [
        { "id": "dn-sgd", "name": "Sở GD&ĐT Đà Nẵng", "kind": "education_department", "counterpart": "dn-cdn" },
        { "id": "dn-cdn", "name": "Công đoàn ngành Giáo dục Đà Nẵng", "kind": "sector_union" },
        { "id": "p-hc", "name": "UBND phường Hải Châu", "kind": "commune_committee", "parent": "dn-sgd",
          "counterpart": "p-hc-cd" },
        { "id": "p-hc-cd", "name": "Công đoàn phường Hải Châu", "kind": "labour_federation", "parent": "dn-cdn" },
        { "id": "p-hc-th", "name": "Trường Tiểu học Hải Châu", "kind": "school", "parent": "p-hc",
          "counterpart": "p-hc-th-cd", "school_level": "primary", "staff_count": 45 },
        { "id": "p-hc-th-cd", "name": "Công đoàn Trường Tiểu học Hải Châu", "kind": "grassroots_union",
          "parent": "p-hc-cd" } ],
      "plans": [
        { "id": "dn-2025", "number": "1450/KHLT-SGDĐT-CĐN", "title": "KH", "school_year": "2025-2026",
          "status": "issued", "issued_on": "2025-08-22", "issuers": ["dn-sgd", "dn-cdn"] },
        { "id": "p-hc-2025", "number": "12/KH-UBND-CĐ", "title": "KH", "school_year": "2025-2026",
          "status": "issued", "issued_on": "2025-09-01", "issuers": ["p-hc", "p-hc-cd"],
          "implements": ["dn-2025"] },
        { "id": "p-hc-th-2025", "number": "05/KHPH-THHC-CĐ", "title": "KH", "school_year": "2025-2026",
          "status": "issued", "issued_on": "2025-09-20", "issuers": ["p-hc-th", "p-hc-th-cd"],
          "implements": ["dn-2025"],
          "approvals": [ { "kind": "staff_conference", "held_on": "2025-09-18", "staff_total": 45,
                           "attendees": 40, "votes_for": 38 } ] } ] }"#;
    let r = load_str(json).unwrap();
    assert_eq!(r.profile(), Profile::TwoTier2025);
    assert_findings(&r, &["error parent-plan-wrong-issuer plan:p-hc-th-2025 implements"]);
    let f = the(&validate(&r), Rule::ParentPlanWrongIssuer, "p-hc-th-2025");
    assert_names(&f, &["dn-2025", "p-hc"]);
    assert_names_en(&f, &["commune committee"]);
    assert_names_vi(&f, &["UBND xã/phường"]);
    assert_eq!(f.basis, Rule::ParentPlanWrongIssuer.basis(Profile::TwoTier2025));
    assert_ne!(f.basis, Rule::ParentPlanWrongIssuer.basis(Profile::ThreeTier2020));
}

// ---- parent-plan-school-year -----------------------------------------------------------------------------

#[test]
fn a_parent_for_another_school_year() {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.school_year = sy("2021-2022");
        p.issued_on = Some(d(2021, 9, 30));
        p.approvals = vec![conf(d(2021, 9, 29), 30, 25, 20, None)];
    });
    // and the school has no plan left for 2020-2021
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "error parent-plan-school-year plan:tx-th-kt-2020 implements",
        ],
    );
    let f = the(&validate(&r), Rule::ParentPlanSchoolYear, "tx-th-kt-2020");
    assert_names(&f, &["2021-2022", "tx-2020", "2020-2021"]);
    assert_off_only_removes(&r, Rule::ParentPlanSchoolYear);
}

// ---- parent-plan-date-order ------------------------------------------------------------------------------

#[test]
fn a_plan_issued_before_its_parent() {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.issued_on = Some(d(2020, 9, 3)));
    assert_findings(&r, &["error parent-plan-date-order plan:tx-th-kt-2020 issued_on"]);
    let f = the(&validate(&r), Rule::ParentPlanDateOrder, "tx-th-kt-2020");
    assert_names(&f, &["tx-2020"]);
    assert_names_en(&f, &["2020-09-03", "2020-09-04"]);
    assert_names_vi(&f, &["03/9/2020", "04/9/2020"]);
    // the same day is fine
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.issued_on = Some(d(2020, 9, 4)));
    assert_findings(&r, &[]);
}

#[test]
fn date_order_is_silent_without_either_date() {
    let mut r = clean();
    // the parent has no date: the children are not compared with it
    edit_plan(&mut r, "tx-2020", |p| p.issued_on = None);
    // a draft child without a date
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.issued_on = None;
        p.status = PlanStatus::Draft;
    });
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.approvals = vec![conf(d(2020, 8, 2), 30, 25, 20, None)];
    });
    // (cg-th-yh's only plan is a draft now)
    assert_findings(
        &r,
        &["warning school-without-plan unit:cg-th-yh - 2020-2021", "error plan-issued-fields plan:tx-2020 issued_on"],
    );
    // turning plan-issued-fields off does not wake the comparisons
    let mut off = r.clone();
    off.set_override(Rule::PlanIssuedFields, Some(Level::Off));
    assert_findings(&off, &["warning school-without-plan unit:cg-th-yh - 2020-2021"]);
}

// ---- plan-cycle ------------------------------------------------------------------------------------------

#[test]
fn every_plan_on_a_cycle_is_reported_and_a_cycle_silences_nothing() {
    let mut r = clean();
    implements(&mut r, "hn-2020", &["tx-2020"]);
    // tx-2020's schools only lead into the cycle. hn-2020 predates tx-2020 and carries out none of its areas.
    assert_findings(
        &r,
        &[
            "warning content-area-uncovered plan:hn-2020 content_areas",
            "error parent-plan-date-order plan:hn-2020 issued_on",
            "error plan-cycle plan:hn-2020 implements",
            "error plan-cycle plan:tx-2020 implements",
        ],
    );
    let report = validate(&r);
    let f = the(&report, Rule::PlanCycle, "hn-2020");
    assert_names(&f, &["hn-2020", "\"tx-2020\""]);
    for rule in [Rule::PlanCycle, Rule::ParentPlanDateOrder] {
        assert_off_only_removes(&r, rule);
    }
}

#[test]
fn a_plan_implementing_itself() {
    let mut r = clean();
    implements(&mut r, "tx-thcs-nc-2020", &["tx-2020", "tx-thcs-nc-2020"]);
    // It is an active parent of itself, issued by the school, not by its managing unit, and its conference
    // (25/9) was held before that parent (itself) was issued (28/9).
    assert_findings(
        &r,
        &[
            "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements",
            "error plan-cycle plan:tx-thcs-nc-2020 implements",
            "warning staff-conference-before-parent plan:tx-thcs-nc-2020 approvals",
        ],
    );
    let f = the(&validate(&r), Rule::PlanCycle, "tx-thcs-nc-2020");
    assert_names_en(&f, &["itself"]);
}

#[test]
fn cycles_run_through_plans_of_any_status() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [], "plans": [
        { "id": "w1", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["w2"] },
        { "id": "w2", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["d3"] },
        { "id": "d3", "title": "KH", "school_year": "2019-2020", "status": "draft",
          "issuers": ["a", "b"], "implements": ["w1"] },
        { "id": "x", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["w1", "ghost"] } ] }"#;
    let r = load_str(json).unwrap();
    assert_findings(
        &r,
        &[
            "error parent-plan-withdrawn plan:d3 implements",
            "error plan-cycle plan:d3 implements",
            "error unit-unknown-reference plan:d3 issuers",
            "error plan-cycle plan:w1 implements",
            "error plan-cycle plan:w2 implements",
        ],
    );
}

#[test]
fn two_cycles_sharing_a_plan_are_one_strongly_connected_set() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [], "plans": [
        { "id": "a", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["b", "c"] },
        { "id": "b", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["a"] },
        { "id": "c", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["a"] },
        { "id": "d", "title": "KH", "school_year": "2019-2020", "status": "withdrawn", "issuers": [],
          "implements": ["c"] } ] }"#;
    assert_findings(
        &load_str(json).unwrap(),
        &[
            "error plan-cycle plan:a implements",
            "error plan-cycle plan:b implements",
            "error plan-cycle plan:c implements",
        ],
    );
}

// ---- school-without-plan ---------------------------------------------------------------------------------

#[test]
fn a_school_without_an_issued_plan_for_a_year_its_manager_issued_one() {
    let mut r = clean();
    r.remove_plan("tx-th-kt-2020").unwrap();
    assert_findings(&r, &["warning school-without-plan unit:tx-th-kt - 2020-2021"]);
    let f = the(&validate(&r), Rule::SchoolWithoutPlan, "tx-th-kt");
    assert_eq!(f.field, None);
    assert_eq!(f.school_year, Some(sy("2020-2021")));
    assert_names(&f, &["tx-th-kt", "2020-2021", "tx-pgd"]);
}

#[test]
fn one_finding_per_school_and_school_year() {
    let mut r = clean();
    for year in ["2021-2022", "2019-2020"] {
        let start: i32 = year[..4].parse().unwrap();
        add(
            &mut r,
            issued(
                &format!("tx-{start}"),
                year,
                &format!("{}/KHPH-GD&ĐT-LĐLĐ", start - 2000),
                d(start, 9, 4),
                &["tx-pgd", "tx-ldld"],
                &[],
            ),
        );
    }
    // a draft or a withdrawn plan of the school does not count
    add(
        &mut r,
        plan("tx-th-kt-2021", "2021-2022", PlanStatus::Draft)
            .with_issuers(&["tx-th-kt", "tx-th-kt-cd"])
            .unwrap()
            .implementing(&["tx-2021"])
            .unwrap(),
    );
    let mut gone = issued(
        "tx-thcs-nc-2019",
        "2019-2020",
        "03/KHPH-THCSNC-CĐ",
        d(2019, 9, 30),
        &["tx-thcs-nc", "tx-thcs-nc-cd"],
        &["tx-2019"],
    );
    gone.status = PlanStatus::Withdrawn;
    add(&mut r, gone);
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2019-2020",
            "warning school-without-plan unit:tx-th-kt - 2021-2022",
            "warning school-without-plan unit:tx-thcs-nc - 2019-2020",
            "warning school-without-plan unit:tx-thcs-nc - 2021-2022",
            "error parent-plan-missing plan:tx-2019 implements",
            "error parent-plan-missing plan:tx-2021 implements",
        ],
    );
    let report = validate(&r);
    let years: Vec<String> = report
        .findings_for(&kehoach::Subject::Unit(uids(&["tx-th-kt"])[0].clone()))
        .iter()
        .map(|f| {
            assert_names(f, &[&f.school_year.unwrap().to_string()]);
            f.school_year.unwrap().to_string()
        })
        .collect();
    assert_eq!(years, ["2019-2020", "2021-2022"]);
}

#[test]
fn a_manager_with_only_drafts_or_withdrawn_plans_asks_for_nothing() {
    let mut r = clean();
    add(
        &mut r,
        plan("tx-2021", "2021-2022", PlanStatus::Draft)
            .with_issuers(&["tx-pgd", "tx-ldld"])
            .unwrap()
            .implementing(&["hn-2020"])
            .unwrap(),
    );
    let mut gone = issued("tx-2019", "2019-2020", "19/KHPH-GD&ĐT-LĐLĐ", d(2019, 9, 4), &["tx-pgd", "tx-ldld"], &[]);
    gone.status = PlanStatus::Withdrawn;
    add(&mut r, gone);
    // the draft implements a plan of another year
    assert_findings(&r, &["error parent-plan-school-year plan:tx-2021 implements"]);
}

#[test]
fn only_schools_with_a_managing_unit_are_judged() {
    let mut r = clean();
    // offices are not schools: tx-pgd's manager hn-sgd issued a plan, tx-pgd too, but cg-pgd loses its plan
    r.remove_plan("cg-th-yh-2020").unwrap();
    r.remove_plan("cg-2020").unwrap();
    // a root school, and a school whose parent dangles
    edit_unit(&mut r, "tx-th-kt", |u| u.parent = None);
    r.remove_plan("tx-th-kt-2020").unwrap();
    edit_unit(&mut r, "tx-thcs-nc", |u| {
        u.parent = Some(uids(&["tx-pgd-old"])[0].clone());
    });
    r.remove_plan("tx-thcs-nc-2020").unwrap();
    assert_findings(&r, &["error unit-unknown-reference unit:tx-thcs-nc parent"]);
}

#[test]
fn school_without_plan_off_wakes_nothing() {
    let mut r = clean();
    r.remove_plan("tx-th-kt-2020").unwrap();
    edit_plan(&mut r, "cg-th-yh-2020", |p| p.status = PlanStatus::Draft);
    assert_off_only_removes(&r, Rule::SchoolWithoutPlan);
    let mut off = r.clone();
    off.set_override(Rule::SchoolWithoutPlan, Some(Level::Off));
    assert_findings(&off, &[]);
}

#[test]
fn a_registry_of_many_school_years_is_judged_the_same() {
    // More than 64 distinct school years: the full check keeps each unit's years as lists instead of bits.
    // The manager issues a plan every year from 1950; the school every third year. The full check and a
    // re-validation after an edit (which reads the graph, not the full check's table) agree.
    for span in [10, 70] {
        let mut r = clean();
        let mut expected = Vec::new();
        for start in 1950..1950 + span {
            let year = format!("{start}-{}", start + 1);
            add(
                &mut r,
                issued(
                    &format!("tx-{start}"),
                    &year,
                    &format!("{}/KHPH-GD&ĐT-LĐLĐ", start - 1900),
                    d(start, 9, 4),
                    &["tx-pgd", "tx-ldld"],
                    &[],
                ),
            );
            if start % 3 == 0 {
                let mut p = issued(
                    &format!("tx-th-kt-{start}"),
                    &year,
                    &format!("{}/KHPH-THKT-CĐ", start - 1900),
                    d(start, 9, 20),
                    &["tx-th-kt", "tx-th-kt-cd"],
                    &[&format!("tx-{start}")],
                );
                p.approvals.push(conf(d(start, 9, 25), 30, 30, 30, None));
                add(&mut r, p);
            } else {
                expected.push(year.clone());
            }
        }
        let report = validate(&r);
        let years = |report: &kehoach::Report| -> Vec<String> {
            report
                .findings_for(&kehoach::Subject::Unit(uids(&["tx-th-kt"])[0].clone()))
                .iter()
                .map(|f| f.school_year.unwrap().to_string())
                .collect()
        };
        assert_eq!(years(&report), expected, "{span} years");
        let mut live = kehoach::Validator::new(r.clone());
        live.report();
        let mut school = live.registry().unit("tx-th-kt").cloned().unwrap();
        school.name = kehoach::Text::new("Trường mới").unwrap();
        live.replace_unit(school).unwrap();
        let full = validate(live.registry());
        assert_eq!(years(&full), expected, "{span} years");
        assert_ne!(full, report, "the messages name the school by its new name");
        assert_eq!(live.report(), &full, "{span} years: incremental equals full");
    }
}
