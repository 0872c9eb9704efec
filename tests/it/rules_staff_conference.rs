//! The staff-conference rules of `spec/rules.md`: `staff-conference-missing`, `-counts`, `-quorum`,
//! `-majority`, `-window`, `-before-parent`, judged on the adopting conference.

use crate::support::common::*;
use kehoach::{Approval, Level, PlanStatus, Registry, Rule, Unit};

/// The clean registry with `approvals` on the Nhân Chính school plan (48 staff, issued 2020-09-28,
/// implementing `tx-2020` of 2020-09-04).
fn nc_with(approvals: Vec<Approval>) -> Registry {
    let mut r = clean();
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| p.approvals = approvals);
    r
}

const NC: &str = "tx-thcs-nc-2020";

/// Sets the staff count of school `id` (`None`: not recorded).
pub fn set_staff_count(r: &mut Registry, id: &str, staff: Option<u64>) {
    let old = r.unit(id).cloned().expect("the school exists");
    let mut u = Unit::school(old.id.as_str(), old.name.as_str(), old.school_level().expect("a school"), staff)
        .expect("a school");
    u.parent = old.parent.clone();
    if let Some(cp) = old.counterpart() {
        u = u.with_counterpart(cp.as_str()).expect("counterpart");
    }
    r.replace_unit(u).expect("the unit is replaced");
}

fn nc_rule(rule: &str) -> String {
    let severity = if rule == "staff-conference-before-parent" { "warning" } else { "error" };
    format!("{severity} {rule} plan:{NC} approvals")
}

// ---- staff-conference-missing ----------------------------------------------------------------------------

#[test]
fn an_issued_school_plan_without_a_staff_conference() {
    let r = nc_with(Vec::new());
    assert_findings(&r, &[&nc_rule("staff-conference-missing")]);
    let f = the(&validate(&r), Rule::StaffConferenceMissing, NC);
    assert_names(&f, &["tx-thcs-nc", "48"]);
    // a signing ceremony is not a staff conference
    let r = nc_with(vec![Approval::Signing { held_on: d(2020, 9, 28) }]);
    assert_findings(&r, &[&nc_rule("staff-conference-missing")]);
}

#[test]
fn seven_staff_or_fewer_need_no_conference_but_a_school_without_staff_count_does() {
    for (staff, fires) in [(Some(0), false), (Some(7), false), (Some(8), true), (None, true)] {
        let mut r = nc_with(Vec::new());
        set_staff_count(&mut r, "tx-thcs-nc", staff);
        let want: Vec<String> = if fires { vec![nc_rule("staff-conference-missing")] } else { Vec::new() };
        assert_eq!(lines(&r), want, "staff_count {staff:?}");
    }
}

#[test]
fn a_small_school_that_holds_a_conference_is_judged_on_it() {
    let mut r = nc_with(vec![conf(d(2020, 9, 25), 6, 3, 1, None)]);
    set_staff_count(&mut r, "tx-thcs-nc", Some(6));
    assert_findings(&r, &[&nc_rule("staff-conference-majority"), &nc_rule("staff-conference-quorum")]);
}

#[test]
fn drafts_withdrawn_plans_and_plans_of_other_units_need_no_conference() {
    let mut r = clean();
    edit_plan(&mut r, NC, |p| {
        p.approvals.clear();
        p.status = PlanStatus::Draft;
    });
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.approvals.clear();
        p.status = PlanStatus::Withdrawn;
    });
    // tx-2020, cg-2020 and hn-2020 have no conference and need none
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "warning school-without-plan unit:tx-thcs-nc - 2020-2021",
        ],
    );
}

#[test]
fn an_unresolved_first_issuer_silences_missing() {
    let mut r = nc_with(Vec::new());
    edit_plan(&mut r, NC, |p| p.issuers = uids(&["nc-old", "tx-thcs-nc-cd"]));
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-thcs-nc - 2020-2021",
            "error unit-unknown-reference plan:tx-thcs-nc-2020 issuers",
        ],
    );
}

// ---- staff-conference-counts -----------------------------------------------------------------------------

#[test]
fn more_attendees_than_staff() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 40, 45, 30, Some(5))]);
    assert_findings(&r, &[&nc_rule("staff-conference-counts")]);
    let f = the(&validate(&r), Rule::StaffConferenceCounts, NC);
    assert_names(&f, &["45", "40"]);
}

#[test]
fn more_votes_than_attendees_votes_against_absent_counts_as_zero() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 37, Some(5))]);
    assert_findings(&r, &[&nc_rule("staff-conference-counts")]);
    let f = the(&validate(&r), Rule::StaffConferenceCounts, NC);
    assert_names(&f, &["37", "5", "40"]);
    // exactly as many votes as attendees; and votes against not recorded
    for against in [Some(3), None] {
        let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 37, against)]);
        assert_findings(&r, &[]);
    }
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 40, None)]);
    assert_findings(&r, &[]);
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 41, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-counts")]);
}

#[test]
fn both_count_defects_are_one_finding() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 40, 45, 40, Some(10))]);
    assert_findings(&r, &[&nc_rule("staff-conference-counts")]);
    let f = the(&validate(&r), Rule::StaffConferenceCounts, NC);
    assert_names(&f, &["45", "40", "10"]);
    assert_names_en(&f, &["attended out of 40", "exceed the 45"]);
}

// ---- staff-conference-quorum -----------------------------------------------------------------------------

#[test]
fn quorum_is_two_thirds_of_staff_total() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 60, 39, 30, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-quorum")]);
    let f = the(&validate(&r), Rule::StaffConferenceQuorum, NC);
    // 39 of 60 → at least 40
    assert_names(&f, &["39", "60", "40"]);
    assert_names_en(&f, &["39 of 60", "at least 40"]);
    assert_names_vi(&f, &["39 trên 60", "ít nhất 40"]);
    let r = nc_with(vec![conf(d(2020, 9, 25), 60, 40, 30, None)]);
    assert_findings(&r, &[]);
    // 2/3 of 52 is 34.67: 35 is enough, 34 is not (the message asks for 35)
    let r = nc_with(vec![conf(d(2020, 9, 25), 52, 35, 30, None)]);
    assert_findings(&r, &[]);
    let r = nc_with(vec![conf(d(2020, 9, 25), 52, 34, 30, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-quorum")]);
    let f = the(&validate(&r), Rule::StaffConferenceQuorum, NC);
    assert_names_en(&f, &["at least 35"]);
}

#[test]
fn counts_are_computed_without_overflow() {
    let big = 1_000_000;
    let r = nc_with(vec![conf(d(2020, 9, 25), big, 666_667, 333_334, None)]);
    assert_findings(&r, &[]);
    let r = nc_with(vec![conf(d(2020, 9, 25), big, 666_666, 333_334, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-quorum")]);
    let f = the(&validate(&r), Rule::StaffConferenceQuorum, NC);
    assert_names(&f, &["666666", "1000000", "666667"]);
    let r = nc_with(vec![conf(d(2020, 9, 25), big, big, big, Some(big))]);
    assert_findings(&r, &[&nc_rule("staff-conference-counts")]);
}

// ---- staff-conference-majority ---------------------------------------------------------------------------

#[test]
fn majority_is_more_than_half_of_those_attending() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 20, Some(2))]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority")]);
    let f = the(&validate(&r), Rule::StaffConferenceMajority, NC);
    assert_names(&f, &["20", "40", "21"]);
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 40, 21, Some(2))]);
    assert_findings(&r, &[]);
    // odd attendance: 20 of 39 is more than half
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 39, 20, None)]);
    assert_findings(&r, &[]);
    let r = nc_with(vec![conf(d(2020, 9, 25), 48, 39, 19, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority")]);
}

#[test]
fn staff_total_zero_with_no_attendees_fires_majority_only() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 0, 0, 0, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority")]);
    let f = the(&validate(&r), Rule::StaffConferenceMajority, NC);
    assert_names(&f, &["0"]);
}

#[test]
fn quorum_and_majority_together() {
    let r = nc_with(vec![conf(d(2020, 9, 25), 60, 30, 15, Some(15))]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority"), &nc_rule("staff-conference-quorum")]);
    for rule in [Rule::StaffConferenceMajority, Rule::StaffConferenceQuorum] {
        assert_off_only_removes(&r, rule);
    }
}

// ---- the adopting conference -----------------------------------------------------------------------------

#[test]
fn only_the_adopting_conference_is_judged() {
    // held again after a conference without quorum: the first is history
    let failed = conf(d(2020, 9, 10), 48, 20, 10, Some(50));
    let good = conf(d(2020, 9, 25), 48, 40, 37, Some(1));
    let r = nc_with(vec![failed, good]);
    assert_findings(&r, &[]);
    // listed in the other order, the latest is still the adopting one
    let r = nc_with(vec![good, failed]);
    assert_findings(&r, &[]);
    // the latest fails: judged
    let late_bad = conf(d(2020, 9, 26), 48, 20, 10, None);
    let r = nc_with(vec![good, late_bad]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority"), &nc_rule("staff-conference-quorum")]);
    // the same day: the last listed adopts
    let same_day_bad = conf(d(2020, 9, 25), 48, 20, 10, None);
    let r = nc_with(vec![good, same_day_bad]);
    assert_findings(&r, &[&nc_rule("staff-conference-majority"), &nc_rule("staff-conference-quorum")]);
    let r = nc_with(vec![same_day_bad, good]);
    assert_findings(&r, &[]);
    // a signing in between changes nothing
    let r = nc_with(vec![failed, Approval::Signing { held_on: d(2020, 9, 30) }, good]);
    assert_findings(&r, &[]);
}

#[test]
fn conferences_of_drafts_and_of_any_unit_are_judged_not_of_withdrawn_plans() {
    let mut r = clean();
    edit_plan(&mut r, NC, |p| {
        p.status = PlanStatus::Draft;
        p.approvals = vec![conf(d(2020, 9, 25), 48, 20, 10, None)];
    });
    edit_plan(&mut r, "tx-2020", |p| {
        p.approvals = vec![conf(d(2020, 9, 3), 30, 25, 10, None)];
    });
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.status = PlanStatus::Withdrawn;
        p.approvals = vec![conf(d(2019, 9, 3), 10, 20, 1, None)];
    });
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "warning school-without-plan unit:tx-thcs-nc - 2020-2021",
            "error staff-conference-majority plan:tx-2020 approvals",
            "error staff-conference-majority plan:tx-thcs-nc-2020 approvals",
            "error staff-conference-quorum plan:tx-thcs-nc-2020 approvals",
        ],
    );
}

// ---- staff-conference-window -----------------------------------------------------------------------------

#[test]
fn the_conference_is_held_within_the_school_year() {
    // hn-2020 has no parent: only the window is judged
    let mut r = clean();
    for (held, fires) in
        [(d(2020, 7, 31), true), (d(2020, 8, 1), false), (d(2021, 7, 31), false), (d(2021, 8, 1), true)]
    {
        edit_plan(&mut r, "hn-2020", |p| {
            p.approvals = vec![conf(held, 100, 80, 70, None)];
        });
        let want: Vec<&str> =
            if fires { vec!["error staff-conference-window plan:hn-2020 approvals"] } else { Vec::new() };
        assert_eq!(lines(&r), want, "held on {held}");
    }
    edit_plan(&mut r, "hn-2020", |p| {
        p.approvals = vec![conf(d(2020, 7, 31), 100, 80, 70, None)];
    });
    let f = the(&validate(&r), Rule::StaffConferenceWindow, "hn-2020");
    assert_names(&f, &["2020-2021"]);
    assert_names_en(&f, &["2020-07-31", "2020-08-01", "2021-07-31"]);
    assert_names_vi(&f, &["31/7/2020"]);
}

#[test]
fn a_school_conference_after_the_window() {
    let r = nc_with(vec![conf(d(2021, 8, 1), 48, 40, 37, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-window")]);
}

// ---- staff-conference-before-parent ----------------------------------------------------------------------

#[test]
fn a_conference_before_the_parent_was_issued() {
    let r = nc_with(vec![conf(d(2020, 9, 3), 48, 40, 37, None)]);
    assert_findings(&r, &[&nc_rule("staff-conference-before-parent")]);
    let f = the(&validate(&r), Rule::StaffConferenceBeforeParent, NC);
    assert_names(&f, &["tx-2020"]);
    assert_names_en(&f, &["2020-09-03", "2020-09-04"]);
    assert_names_vi(&f, &["03/9/2020", "04/9/2020"]);
    // the same day is fine
    let r = nc_with(vec![conf(d(2020, 9, 4), 48, 40, 37, None)]);
    assert_findings(&r, &[]);
}

#[test]
fn before_parent_names_only_the_later_parents() {
    // tx-2020 (04/9) and, wrongly, cg-2020 (07/9); the conference on 05/9
    let mut r = nc_with(vec![conf(d(2020, 9, 5), 48, 40, 37, None)]);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["tx-2020", "cg-2020"]));
    assert_findings(
        &r,
        &["error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements", &nc_rule("staff-conference-before-parent")],
    );
    let f = the(&validate(&r), Rule::StaffConferenceBeforeParent, NC);
    assert_names(&f, &["cg-2020"]);
    assert_not_named(&f, "\"tx-2020\"");
}

#[test]
fn before_parent_is_silent_for_an_undated_or_withdrawn_or_dangling_parent() {
    let early = conf(d(2020, 8, 15), 48, 40, 37, None);
    // an undated parent
    let mut r = nc_with(vec![early]);
    edit_plan(&mut r, "tx-2020", |p| p.issued_on = None);
    assert_findings(&r, &["error plan-issued-fields plan:tx-2020 issued_on"]);
    let mut off = r.clone();
    off.set_override(Rule::PlanIssuedFields, Some(Level::Off));
    assert_findings(&off, &[]);
    // a withdrawn parent
    let mut r = nc_with(vec![early]);
    edit_plan(&mut r, "tx-2020", |p| p.status = PlanStatus::Withdrawn);
    assert_findings(
        &r,
        &[
            "error parent-plan-withdrawn plan:tx-th-kt-2020 implements",
            "error parent-plan-withdrawn plan:tx-thcs-nc-2020 implements",
        ],
    );
    let mut off = r.clone();
    off.set_override(Rule::ParentPlanWithdrawn, Some(Level::Off));
    assert_findings(&off, &[]);
    // a dangling parent next to an active one: the active one is still compared
    let mut r = nc_with(vec![early]);
    edit_plan(&mut r, NC, |p| p.implements = pids(&["ghost", "tx-2020"]));
    assert_findings(
        &r,
        &["error parent-plan-unknown plan:tx-thcs-nc-2020 implements", &nc_rule("staff-conference-before-parent")],
    );
}

#[test]
fn every_conference_rule_at_once_and_off_one_by_one() {
    // Nhân Chính: 12 of 48 attended, 30 for and 2 against, on 2021-08-10: counts, quorum and window (30 of
    // 12 is a majority, and the parent came long before). Khương Trung: 10 of 25 on 2020-09-01, before
    // tx-2020. Yên Hòa: no conference and no staff count recorded.
    let mut r = nc_with(vec![conf(d(2021, 8, 10), 48, 12, 30, Some(2))]);
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.approvals = vec![conf(d(2020, 9, 1), 30, 25, 10, None)];
    });
    set_staff_count(&mut r, "cg-th-yh", None);
    edit_plan(&mut r, "cg-th-yh-2020", |p| p.approvals.clear());
    assert_findings(
        &r,
        &[
            "error staff-conference-missing plan:cg-th-yh-2020 approvals",
            "warning staff-conference-before-parent plan:tx-th-kt-2020 approvals",
            "error staff-conference-majority plan:tx-th-kt-2020 approvals",
            &nc_rule("staff-conference-counts"),
            &nc_rule("staff-conference-quorum"),
            &nc_rule("staff-conference-window"),
        ],
    );
    for rule in Rule::ALL {
        assert_off_only_removes(&r, rule);
    }
}

// ---- the basis follows the conference's date --------------------------------------------------------------

#[test]
fn quorum_majority_and_counts_quote_the_basis_in_force_on_the_conference_day() {
    // 10 of 48 attend, 4 for and 7 against: no quorum, no majority, and the votes exceed the attendance.
    let rules = [Rule::StaffConferenceQuorum, Rule::StaffConferenceMajority, Rule::StaffConferenceCounts];
    for (day, wanted) in [
        (d(2020, 9, 25), "Thông tư 01/2016/TT-BNV, Điều 2"),
        (d(2023, 6, 30), "Thông tư 01/2016/TT-BNV, Điều 2"),
        (d(2023, 7, 1), "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51"),
        (d(2023, 9, 25), "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51"),
    ] {
        let r = nc_with(vec![conf(day, 48, 10, 4, Some(7))]);
        let report = validate(&r);
        for rule in rules {
            let f = the(&report, rule, NC);
            assert!(f.basis.starts_with(wanted), "{rule} on {day}: {}", f.basis);
            assert!(!f.basis.contains("11/2020"), "{rule}: Circular 11/2020 is not quoted");
        }
        // The other staff-conference rules quote one basis whatever the day.
        if let Some(window) = report.findings().iter().find(|f| f.rule == Rule::StaffConferenceWindow) {
            assert_eq!(window.basis, Rule::StaffConferenceWindow.basis(r.profile()));
        }
    }
}

#[test]
fn no_basis_quotes_a_clause_that_was_not_read() {
    for profile in [kehoach::Profile::ThreeTier2020, kehoach::Profile::TwoTier2025] {
        for rule in Rule::ALL {
            let basis = rule.basis(profile);
            assert!(!basis.contains("11/2020"), "{rule}: {basis}");
            assert!(!basis.contains("Điều 22 khoản") && !basis.contains("Art. 22("), "{rule}: {basis}");
            assert!(!basis.contains("Điều 51 khoản 2 điểm c"), "{rule}: {basis}");
        }
    }
}
