//! The content-area rules of `spec/rules.md`: `content-area-unknown` and `content-area-uncovered`, with the
//! parents' codes pooled, and their own preconditions.

use crate::support::common::*;
use kehoach::{ContentArea, Level, PlanStatus, Registry, Rule};

const NC: &str = "tx-thcs-nc-2020";
const UNKNOWN: &str = "error content-area-unknown plan:tx-thcs-nc-2020 content_areas";
const UNCOVERED: &str = "warning content-area-uncovered plan:tx-thcs-nc-2020 content_areas";

fn set_areas(r: &mut Registry, plan: &str, areas: Vec<ContentArea>) {
    edit_plan(r, plan, |p| {
        p.content_areas = kehoach::ContentAreas::new(areas).unwrap();
    });
}

/// The clean registry with `areas` on the Nhân Chính plan (implementing `tx-2020`, areas 1-4).
fn nc_with(areas: Vec<ContentArea>) -> Registry {
    let mut r = clean();
    set_areas(&mut r, NC, areas);
    r
}

// ---- content-area-unknown --------------------------------------------------------------------------------

#[test]
fn an_area_addressing_a_code_no_parent_has() {
    let r = nc_with(vec![area("1", &["1"]), area("2", &["2"]), area("3", &["3"]), area("4", &["4", "5"])]);
    assert_findings(&r, &[UNKNOWN]);
    let f = the(&validate(&r), Rule::ContentAreaUnknown, NC);
    assert_names(&f, &["\"4\"", "\"5\""]);
}

#[test]
fn one_finding_names_every_unknown_address() {
    let r = nc_with(vec![area("a", &["1", "2", "x"]), area("b", &["3", "4"]), area("c", &["y", "z"])]);
    assert_findings(&r, &[UNKNOWN]);
    let f = the(&validate(&r), Rule::ContentAreaUnknown, NC);
    assert_names(&f, &["\"a\"", "\"x\"", "\"c\"", "\"y\"", "\"z\""]);
    assert_not_named(&f, "\"b\"");
}

#[test]
fn an_unknown_address_leaves_a_parent_area_uncovered_two_findings() {
    let r = nc_with(vec![area("1", &["1"]), area("2", &["2"]), area("3", &["3", "9"])]);
    assert_findings(&r, &[UNCOVERED, UNKNOWN]);
    for rule in [Rule::ContentAreaUnknown, Rule::ContentAreaUncovered] {
        assert_off_only_removes(&r, rule);
    }
}

#[test]
fn unknown_is_checked_only_when_every_parent_resolves_to_an_active_plan() {
    let bad = vec![area("1", &["1", "2", "3", "4", "9"])];
    // no parent at all: a root plan's areas address nothing to compare with
    let mut r = clean();
    set_areas(&mut r, "hn-2020", vec![area("1", &["9"]), area("2", &[]), area("3", &[]), area("4", &[])]);
    assert_findings(&r, &[]);
    // a dangling parent next to the real one
    let mut r = nc_with(bad.clone());
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-2020", "ghost"]));
    assert_findings(&r, &["error parent-plan-unknown plan:tx-thcs-nc-2020 implements"]);
    // a withdrawn parent next to the real one
    let mut r = nc_with(bad.clone());
    let mut old =
        issued("tx-old", "2020-2021", "16/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1), &["tx-pgd", "tx-ldld"], &["hn-2020"]);
    old.status = PlanStatus::Withdrawn;
    add(&mut r, old);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-old", "tx-2020"]));
    assert_findings(&r, &["error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements"]);
    // turning the parent rules off wakes neither content rule
    r.set_override(Rule::ParentPlanWithdrawn, Some(Level::Off));
    assert_findings(&r, &[]);
    // only the real parent: judged
    let r = nc_with(bad);
    assert_findings(&r, &[UNKNOWN]);
}

#[test]
fn content_rules_judge_drafts_not_withdrawn_plans() {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.status = PlanStatus::Withdrawn);
    set_areas(&mut r, "tx-th-kt-2020", vec![area("1", &["9"])]);
    edit_plan(&mut r, NC, |p| p.status = PlanStatus::Draft);
    set_areas(&mut r, NC, vec![area("1", &["1", "2", "3", "9"])]);
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "warning school-without-plan unit:tx-thcs-nc - 2020-2021",
            UNCOVERED,
            UNKNOWN,
        ],
    );
}

// ---- content-area-uncovered ------------------------------------------------------------------------------

#[test]
fn a_parent_area_addressed_by_none() {
    let r = nc_with(vec![area("1", &["1"]), area("2", &["2", "3"])]);
    assert_findings(&r, &[UNCOVERED]);
    let f = the(&validate(&r), Rule::ContentAreaUncovered, NC);
    assert_names(&f, &["\"4\""]);
    assert_not_named(&f, "\"3\"");
}

#[test]
fn one_finding_names_every_uncovered_area() {
    let r = nc_with(vec![area("1", &["1"]), area("x", &[])]);
    assert_findings(&r, &[UNCOVERED]);
    let f = the(&validate(&r), Rule::ContentAreaUncovered, NC);
    assert_names(&f, &["\"2\"", "\"3\"", "\"4\""]);
}

#[test]
fn uncovered_is_checked_only_when_the_plan_lists_content_areas() {
    let r = nc_with(Vec::new());
    assert_findings(&r, &[]);
    // tx-2020 lists none: it is not judged against hn-2020's four areas. Khương Trung lists one that
    // addresses nothing, and tx-2020 has nothing to cover; Nhân Chính addresses codes tx-2020 no longer has.
    let mut r = clean();
    set_areas(&mut r, "tx-2020", Vec::new());
    set_areas(&mut r, "tx-th-kt-2020", vec![area("1", &[])]);
    assert_findings(&r, &[UNKNOWN]);
    let f = the(&validate(&r), Rule::ContentAreaUnknown, NC);
    assert_names(&f, &["\"1\"", "\"2\"", "\"3\"", "\"4\""]);
}

#[test]
fn uncovered_is_checked_only_when_every_parent_resolves_to_an_active_plan() {
    let mut r = nc_with(vec![area("1", &["1"])]);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-2020", "ghost"]));
    assert_findings(&r, &["error parent-plan-unknown plan:tx-thcs-nc-2020 implements"]);
    r.set_override(Rule::ParentPlanUnknown, Some(Level::Off));
    assert_findings(&r, &[]);
}

// ---- pooled codes ----------------------------------------------------------------------------------------

#[test]
fn the_parents_codes_are_pooled() {
    // tx-2020 has areas 1-4; cg-2020 (a wrong parent, which is reported but still a parent) gets 1, 2 and 5
    let mut r = clean();
    set_areas(&mut r, "cg-2020", vec![area("1", &["1"]), area("2", &["2"]), area("5", &["3", "4"])]);
    set_areas(&mut r, "cg-th-yh-2020", vec![area("1", &["1"]), area("2", &["2", "5"])]);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-2020", "cg-2020"]));
    const WRONG: &str = "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements";
    // one area addressing 1 covers both parents' area 1; only 5 is uncovered, named once
    assert_findings(&r, &[UNCOVERED, WRONG]);
    let f = the(&validate(&r), Rule::ContentAreaUncovered, NC);
    assert_names(&f, &["\"5\""]);
    assert_not_named(&f, "\"1\"");
    assert_eq!(f.message.en.matches("\"5\"").count(), 1);
    // addressing 5, which only cg-2020 has, is known
    set_areas(&mut r, NC, vec![area("1", &["1"]), area("2", &["2"]), area("3", &["3", "4"]), area("4", &["5"])]);
    assert_findings(&r, &[WRONG]);
    // with the same code on both parents uncovered, it is named once
    set_areas(&mut r, NC, vec![area("1", &["3", "4", "5"])]);
    assert_findings(&r, &[UNCOVERED, WRONG]);
    let f = the(&validate(&r), Rule::ContentAreaUncovered, NC);
    assert_names(&f, &["\"1\"", "\"2\""]);
    assert_eq!(f.message.en.matches("\"1\"").count(), 1);
    assert_eq!(f.message.en.matches("\"2\"").count(), 1);
}

#[test]
fn a_parent_listed_twice_counts_once() {
    let mut r = nc_with(vec![area("1", &["1", "2", "3"])]);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-2020", "tx-2020"]));
    assert_findings(&r, &[UNCOVERED]);
    let f = the(&validate(&r), Rule::ContentAreaUncovered, NC);
    assert_eq!(f.message.en.matches("\"4\"").count(), 1);
}

#[test]
fn off_either_content_rule_leaves_the_other() {
    let mut r = nc_with(vec![area("1", &["1", "9"])]);
    assert_findings(&r, &[UNCOVERED, UNKNOWN]);
    r.set_override(Rule::ContentAreaUncovered, Some(Level::Off));
    assert_findings(&r, &[UNKNOWN]);
    r.set_override(Rule::ContentAreaUncovered, None);
    r.set_override(Rule::ContentAreaUnknown, Some(Level::Off));
    assert_findings(&r, &[UNCOVERED]);
}
