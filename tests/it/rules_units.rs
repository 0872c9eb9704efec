//! The unit rules of `spec/rules.md`: `unit-unknown-reference`, `unit-hierarchy-cycle`, `unit-side-mismatch`.

use crate::support::common::*;
use kehoach::format::load_str;
use kehoach::{Level, PlanStatus, Registry, Rule, SchoolLevel, UnionKind, Unit};

fn set_parent(r: &mut Registry, unit: &str, parent: Option<&str>) {
    edit_unit(r, unit, |u| u.parent = parent.map(|p| uids(&[p])[0].clone()));
}

// ---- unit-unknown-reference ------------------------------------------------------------------------------

#[test]
fn unknown_parent_and_counterpart_are_two_findings_of_one_unit() {
    let mut r = clean();
    set_parent(&mut r, "tx-pgd", Some("hn-sgd-old"));
    edit_unit(&mut r, "tx-pgd", |u| {
        *u = u.clone().with_counterpart("tx-ldld-old").unwrap();
    });
    // tx-pgd has no managing unit any more, so its plan no longer needs a parent, and whether hn-2020 is
    // the plan of its managing unit cannot be judged: nothing else changes.
    assert_findings(
        &r,
        &["error unit-unknown-reference unit:tx-pgd counterpart", "error unit-unknown-reference unit:tx-pgd parent"],
    );
    let report = validate(&r);
    let parent = &report.findings()[1];
    assert_names(parent, &["tx-pgd", "hn-sgd-old"]);
    let counterpart = &report.findings()[0];
    assert_names(counterpart, &["tx-pgd", "tx-ldld-old"]);
}

#[test]
fn unknown_issuers_are_one_finding_naming_each() {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.issuers = uids(&["tx-th-kt-x", "tx-th-kt-cd-x", "tx-th-kt-x"]);
    });
    // Three issuers is a plan-issuers defect; the unresolved first issuer leaves the plan without an
    // administration issuer, so the school is the issuer of no issued plan for the year.
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "error plan-issuers plan:tx-th-kt-2020 issuers",
            "error unit-unknown-reference plan:tx-th-kt-2020 issuers",
        ],
    );
    let f = the(&validate(&r), Rule::UnitUnknownReference, "tx-th-kt-2020");
    assert_names(&f, &["\"tx-th-kt-x\"", "\"tx-th-kt-cd-x\""]);
    // each dangling id once
    assert_eq!(f.message.en.matches("\"tx-th-kt-x\"").count(), 1);
}

#[test]
fn an_unknown_second_issuer_is_only_an_unknown_reference() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| {
        p.issuers = uids(&["tx-pgd", "tx-ldld-2019"]);
    });
    assert_findings(&r, &["error unit-unknown-reference plan:tx-2020 issuers"]);
}

#[test]
fn withdrawn_and_draft_plans_are_subjects_of_unknown_reference() {
    let mut r = clean();
    add(
        &mut r,
        plan("tx-old", "2019-2020", PlanStatus::Withdrawn)
            .with_issuers(&["tx-pgd-2019"])
            .unwrap()
            .implementing(&["nothing-here"])
            .unwrap(),
    );
    add(&mut r, plan("hn-draft", "2021-2022", PlanStatus::Draft).with_issuers(&["hn-sgd", "hn-cdn-2021"]).unwrap());
    // the withdrawn plan: only the unknown issuer (no plan-issuers, no parent-plan-unknown)
    assert_findings(
        &r,
        &["error unit-unknown-reference plan:hn-draft issuers", "error unit-unknown-reference plan:tx-old issuers"],
    );
}

#[test]
fn references_resolve_whatever_order_units_are_added_in() {
    let mut r = Registry::default();
    r.add_unit(Unit::union("cd", "Công đoàn trường", UnionKind::GrassrootsUnion).unwrap().with_parent("ldld").unwrap())
        .unwrap();
    assert_findings(&r, &["error unit-unknown-reference unit:cd parent"]);
    r.add_unit(Unit::union("ldld", "Liên đoàn Lao động", UnionKind::LabourFederation).unwrap()).unwrap();
    assert_findings(&r, &[]);
    r.remove_unit("ldld").unwrap();
    assert_findings(&r, &["error unit-unknown-reference unit:cd parent"]);
}

#[test]
fn the_clean_units_have_no_unit_finding() {
    let report = validate(&clean());
    assert!(report.findings().iter().all(|f| f.rule.family() != kehoach::Family::Units));
    assert!(report.findings().is_empty());
}

#[test]
fn unknown_reference_off_wakes_nothing() {
    let mut r = clean();
    set_parent(&mut r, "tx-thcs-nc", Some("tx-pgd-old"));
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.issuers = uids(&["cg-th-yh-old", "cg-th-yh-cd"]);
    });
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "error unit-unknown-reference unit:tx-thcs-nc parent",
            "error unit-unknown-reference plan:cg-th-yh-2020 issuers",
        ],
    );
    assert_off_only_removes(&r, Rule::UnitUnknownReference);
    let mut off = r.clone();
    off.set_override(Rule::UnitUnknownReference, Some(Level::Off));
    assert_findings(&off, &["warning school-without-plan unit:cg-th-yh - 2020-2021"]);
}

// ---- unit-hierarchy-cycle --------------------------------------------------------------------------------

#[test]
fn every_unit_on_a_cycle_is_reported_and_none_leading_into_it() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [
        { "id": "a", "name": "A", "kind": "labour_federation", "parent": "b" },
        { "id": "b", "name": "B", "kind": "labour_federation", "parent": "c" },
        { "id": "c", "name": "C", "kind": "sector_union", "parent": "a" },
        { "id": "d", "name": "D", "kind": "grassroots_union", "parent": "a" },
        { "id": "e", "name": "E", "kind": "grassroots_union", "parent": "d" },
        { "id": "f", "name": "F", "kind": "sector_union" },
        { "id": "g", "name": "G", "kind": "grassroots_union", "parent": "f" } ],
      "plans": [] }"#;
    let r = load_str(json).unwrap();
    assert_findings(
        &r,
        &[
            "error unit-hierarchy-cycle unit:a parent",
            "error unit-hierarchy-cycle unit:b parent",
            "error unit-hierarchy-cycle unit:c parent",
        ],
    );
    let report = validate(&r);
    let a = the(&report, Rule::UnitHierarchyCycle, "a");
    assert_names(&a, &["\"a\"", "\"b\"", "\"c\""]);
    assert_names_en(&a, &["3"]);
}

#[test]
fn a_unit_that_is_its_own_parent_is_a_cycle() {
    let mut r = clean();
    set_parent(&mut r, "hn-cdn", Some("hn-cdn"));
    assert_findings(&r, &["error unit-hierarchy-cycle unit:hn-cdn parent"]);
    let f = the(&validate(&r), Rule::UnitHierarchyCycle, "hn-cdn");
    assert_names(&f, &["hn-cdn"]);
}

#[test]
fn a_cycle_silences_nothing() {
    // The Thanh Xuân office becomes its own parent: it is on a cycle, and it is its own managing unit, so
    // its plan implementing the city plan is judged against it.
    let mut r = clean();
    set_parent(&mut r, "tx-pgd", Some("tx-pgd"));
    assert_findings(
        &r,
        &["error unit-hierarchy-cycle unit:tx-pgd parent", "error parent-plan-wrong-issuer plan:tx-2020 implements"],
    );
    assert_off_only_removes(&r, Rule::UnitHierarchyCycle);
}

#[test]
fn a_chain_without_cycle_is_quiet() {
    let mut r = Registry::default();
    let mut parent: Option<String> = None;
    for i in 0..50 {
        let id = format!("u{i:02}");
        let mut u = Unit::union(&id, "LĐLĐ", UnionKind::LabourFederation).unwrap();
        if let Some(p) = &parent {
            u = u.with_parent(p).unwrap();
        }
        r.add_unit(u).unwrap();
        parent = Some(id);
    }
    assert_findings(&r, &[]);
    // closing the chain puts every unit on one cycle
    edit_unit(&mut r, "u00", |u| u.parent = Some(uids(&["u49"])[0].clone()));
    let report = validate(&r);
    assert_eq!(report.findings().len(), 50);
    assert!(report.findings().iter().all(|f| f.rule == Rule::UnitHierarchyCycle));
}

// ---- unit-side-mismatch ----------------------------------------------------------------------------------

#[test]
fn a_union_under_a_school_is_a_side_mismatch() {
    let mut r = clean();
    set_parent(&mut r, "tx-thcs-nc-cd", Some("tx-thcs-nc"));
    assert_findings(&r, &["error unit-side-mismatch unit:tx-thcs-nc-cd parent"]);
    let f = the(&validate(&r), Rule::UnitSideMismatch, "tx-thcs-nc-cd");
    assert_names(&f, &["tx-thcs-nc-cd", "tx-thcs-nc"]);
}

#[test]
fn a_school_under_a_union_has_no_managing_unit() {
    // The parent resolves to a union unit: a side mismatch, and the school has no managing unit, so it is
    // not judged by school-without-plan and its plan's parent is not judged by parent-plan-wrong-issuer.
    let mut r = clean();
    set_parent(&mut r, "tx-th-kt", Some("tx-ldld"));
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.implements = pids(&["cg-2020"]));
    assert_findings(&r, &["error unit-side-mismatch unit:tx-th-kt parent"]);
}

#[test]
fn a_counterpart_on_the_administration_side_is_a_side_mismatch() {
    let mut r = clean();
    edit_unit(&mut r, "tx-pgd", |u| {
        *u = u.clone().with_counterpart("hn-sgd").unwrap();
    });
    // the plan's second issuer is then not the first issuer's counterpart
    assert_findings(
        &r,
        &["error unit-side-mismatch unit:tx-pgd counterpart", "error plan-issuers plan:tx-2020 issuers"],
    );
    let f = the(&validate(&r), Rule::UnitSideMismatch, "tx-pgd");
    assert_names(&f, &["tx-pgd", "hn-sgd"]);
}

#[test]
fn a_counterpart_on_the_union_side_and_same_side_parents_are_quiet() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [
        { "id": "sgd", "name": "Sở", "kind": "education_department", "counterpart": "ldld" },
        { "id": "ldld", "name": "LĐLĐ", "kind": "labour_federation", "parent": "cdn" },
        { "id": "cdn", "name": "CĐN", "kind": "sector_union" },
        { "id": "xa", "name": "UBND xã", "kind": "commune_committee", "parent": "sgd", "counterpart": "cdn" },
        { "id": "th", "name": "Trường", "kind": "school", "parent": "xa", "school_level": "primary" } ],
      "plans": [] }"#;
    assert_findings(&load_str(json).unwrap(), &[]);
}

#[test]
fn side_mismatch_and_unknown_reference_on_one_unit() {
    let mut r = Registry::default();
    r.add_unit(
        Unit::school("s", "Trường", SchoolLevel::Primary, None)
            .unwrap()
            .with_parent("cd")
            .unwrap()
            .with_counterpart("nowhere")
            .unwrap(),
    )
    .unwrap();
    r.add_unit(Unit::union("cd", "Công đoàn", UnionKind::GrassrootsUnion).unwrap()).unwrap();
    assert_findings(&r, &["error unit-side-mismatch unit:s parent", "error unit-unknown-reference unit:s counterpart"]);
    for rule in [Rule::UnitSideMismatch, Rule::UnitUnknownReference] {
        assert_off_only_removes(&r, rule);
    }
}

#[test]
fn units_and_plans_are_two_namespaces() {
    let mut r = clean();
    // a plan id is no unit, a unit id is no plan
    edit_plan(&mut r, "cg-2020", |p| p.issuers = uids(&["cg-pgd", "hn-2020"]));
    edit_plan(&mut r, "cg-th-yh-2020", |p| p.implements = pids(&["cg-pgd"]));
    assert_findings(
        &r,
        &[
            "error unit-unknown-reference plan:cg-2020 issuers",
            "error parent-plan-unknown plan:cg-th-yh-2020 implements",
        ],
    );
}

#[test]
fn references_are_compared_after_nfc() {
    // the unit ids written in NFD, the references in NFC (and the other way round)
    let json = r#"{ "format": "kehoach/registry@1", "units": [
        { "id": "ho\u0300a-pgd", "name": "Phòng", "kind": "education_office", "counterpart": "hòa-ldld" },
        { "id": "h\u00f2a-ldld", "name": "LĐLĐ", "kind": "labour_federation" },
        { "id": "ho\u0300a-cd", "name": "CĐ", "kind": "grassroots_union", "parent": "ho\u0300a-ldld" } ],
      "plans": [
        { "id": "p", "title": "KH", "school_year": "2020-2021", "status": "draft",
          "issuers": ["h\u00f2a-pgd", "ho\u0300a-ldld"] } ] }"#;
    assert_findings(&load_str(json).unwrap(), &[]);
}
