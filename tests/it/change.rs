//! Change, before and after: what-if on a `Validator` and the diff of two registries, through the
//! library and through `kehoach-validate what-if` / `kehoach-validate diff` run as processes.

use crate::support::program::{file, run};
use kehoach::change::{self, Edit, EntryChangeKind};
use kehoach::export::Language;
use kehoach::{Level, Registry, Rule, Severity, Subject, Unit, Validator, format};

const HANOI: &str = include_str!("../../examples/data/hanoi-2020-2021.json");
const HANOI_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/hanoi-2020-2021.json");

fn hanoi() -> Registry {
    format::load_str(HANOI).expect("the seeds load")
}

/// A validator on the seeds whose report has been taken, with the saved form and report to compare with.
fn judged() -> (Validator, String, kehoach::Report) {
    let registry = hanoi();
    let saved = format::save(&registry);
    let report = registry.validate();
    let mut v = Validator::new(registry);
    assert_eq!(v.report(), &report);
    (v, saved, report)
}

/// Nothing changed: the registry saves as before, and both the cached report and a full check are as before.
fn unchanged(v: &mut Validator, saved: &str, report: &kehoach::Report) {
    assert_eq!(format::save(v.registry()), saved);
    assert_eq!(&v.registry().validate(), report);
    assert_eq!(v.report(), report);
}

#[test]
fn withdrawing_the_district_plan_breaks_its_schools_plans_and_changes_nothing() {
    let (mut v, saved, report) = judged();
    let impact = v.what_if(&[Edit::WithdrawPlan("tx-17-2020".parse().unwrap())]).unwrap();
    unchanged(&mut v, &saved, &report);
    let appeared: Vec<(Rule, &str)> = impact.findings.appeared.iter().map(|f| (f.rule, f.subject.id())).collect();
    assert_eq!(
        appeared,
        [
            (Rule::ParentPlanWithdrawn, "tx-mn-kt-2020"),
            (Rule::ParentPlanWithdrawn, "tx-th-kg-2020"),
            (Rule::ParentPlanWithdrawn, "tx-th-nt-2020"),
            (Rule::ParentPlanWithdrawn, "tx-thcs-kd-2020"),
            (Rule::ParentPlanWithdrawn, "tx-thcs-nc-2020"),
        ]
    );
    // The office no longer has an issued plan, so its school without a plan is no longer reported.
    assert_eq!(impact.findings.resolved.len(), 1);
    assert_eq!(impact.findings.resolved[0].rule, Rule::SchoolWithoutPlan);
    assert_eq!(impact.compliance.len(), 1);
    let row = &impact.compliance[0];
    assert_eq!(row.managing_unit.as_str(), "tx-pgd");
    let (before, after) = (row.before.as_ref().unwrap(), row.after.as_ref().unwrap());
    assert_eq!((before.conforming, after.conforming), (3, 0));
    assert_eq!((before.with_errors, after.with_errors), (1, 4));
}

#[test]
fn the_impact_is_what_applying_and_validating_would_show() {
    let (mut v, saved, report) = judged();
    let edits = [
        Edit::WithdrawPlan("tx-17-2020".parse().unwrap()),
        Edit::RemovePlan("tx-th-kg-2020".parse().unwrap()),
        Edit::SetOverride(Rule::SchoolWithoutPlan, Some(Level::On(Severity::Error))),
    ];
    let impact = v.what_if(&edits).unwrap();
    unchanged(&mut v, &saved, &report);
    let mut applied = hanoi();
    for e in &edits {
        e.apply(&mut applied).unwrap();
    }
    let expected = change::diff(&hanoi(), &applied);
    assert_eq!(impact.findings, expected.findings);
    assert_eq!(impact.compliance, expected.compliance);
}

#[test]
fn a_refused_edit_is_named_and_nothing_changes() {
    let (mut v, saved, report) = judged();
    let edits = [
        Edit::RemovePlan("tx-th-kg-2020".parse().unwrap()),
        Edit::RemoveUnit("tx-pgd".parse().unwrap()),
        Edit::WithdrawPlan("tx-th-kg-2020".parse().unwrap()),
    ];
    let err = v.what_if(&edits).unwrap_err();
    assert_eq!(err.index, 2);
    assert_eq!(err.edit, "withdraw plan \"tx-th-kg-2020\"");
    assert!(matches!(err.reason, kehoach::EditError::UnknownPlan { .. }));
    assert!(err.to_string().starts_with("edit 2 (withdraw plan \"tx-th-kg-2020\") was refused"));
    unchanged(&mut v, &saved, &report);
}

#[test]
fn moving_a_school_moves_compliance_rows_of_both_offices() {
    let (mut v, saved, report) = judged();
    let school = v.registry().unit("tx-th-kg").unwrap().clone();
    let other = v.registry().units().find(|u| u.id.as_str() != "tx-pgd" && !u.is_school()).unwrap().id.clone();
    let moved = Unit { parent: Some(other), ..school };
    let impact = v.what_if(&[Edit::ReplaceUnit(moved.clone())]).unwrap();
    unchanged(&mut v, &saved, &report);
    let mut applied = hanoi();
    applied.replace_unit(moved).unwrap();
    let expected = change::diff(&hanoi(), &applied);
    assert_eq!(impact.findings, expected.findings);
    assert_eq!(impact.compliance, expected.compliance);
    assert!(impact.compliance.iter().any(|c| c.managing_unit.as_str() == "tx-pgd"));
}

#[test]
fn edits_that_cancel_out_change_nothing_and_the_validator_goes_on() {
    let (mut v, saved, report) = judged();
    let plan = v.registry().plan("tx-th-kg-2020").unwrap().clone();
    let impact = v.what_if(&[Edit::RemovePlan(plan.id.clone()), Edit::AddPlan(plan.clone())]).unwrap();
    assert!(impact.is_empty(), "{impact:?}");
    unchanged(&mut v, &saved, &report);
    // The validator's incremental report stays a full check's after a what-if.
    v.remove_plan("tx-17-2020").unwrap();
    let r = v.report().clone();
    assert_eq!(r, v.registry().validate());
}

#[test]
fn a_severity_override_changes_findings_in_place() {
    let (mut v, _, _) = judged();
    let impact = v.what_if(&[Edit::SetOverride(Rule::SchoolWithoutPlan, Some(Level::On(Severity::Error)))]).unwrap();
    assert_eq!(impact.findings.changed.len(), 1);
    let c = &impact.findings.changed[0];
    assert_eq!((c.before.severity, c.after.severity), (Severity::Warning, Severity::Error));
    assert!(impact.findings.appeared.is_empty() && impact.findings.resolved.is_empty());
}

#[test]
fn identical_registries_diff_to_nothing() {
    let a = hanoi();
    let d = change::diff(&a, &a.rebuilt());
    assert!(d.is_empty());
    assert!(d.edits().is_empty());
    let json = change::diff_to_json(&d);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "kehoach/diff@1");
    assert_eq!(v["same"], true);
}

#[test]
fn a_diff_names_fields_and_list_items_and_gives_edits() {
    let a = hanoi();
    let mut b = a.clone();
    let mut plan = b.plan("tx-thcs-nc-2020").unwrap().clone();
    plan.implements.push("hn-2731-2020".parse().unwrap());
    plan.title = kehoach::Text::new("Kế hoạch mới").unwrap();
    b.replace_plan(plan).unwrap();
    b.remove_plan("tx-th-kg-2020").unwrap();
    b.set_override(Rule::SchoolWithoutPlan, Some(Level::Off));
    let d = change::diff(&a, &b);
    assert_eq!(d.overrides.len(), 1);
    assert_eq!(d.overrides[0].new, Some(Level::Off));
    let ids: Vec<(&str, EntryChangeKind)> = d.plans.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    assert_eq!(ids, [("tx-th-kg-2020", EntryChangeKind::Removed), ("tx-thcs-nc-2020", EntryChangeKind::Changed)]);
    let fields: Vec<&str> = d.plans[1].fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, ["title", "implements"]);
    assert_eq!(d.plans[1].fields[1].added, ["\"hn-2731-2020\""]);
    assert!(d.plans[1].fields[1].removed.is_empty());
    let mut rebuilt = a.clone();
    for e in d.edits() {
        e.apply(&mut rebuilt).unwrap();
    }
    assert_eq!(format::save(&rebuilt), format::save(&b));

    let en = change::diff_text(&d, Language::En);
    assert!(en.contains("- plan \"tx-th-kg-2020\" removed"), "{en}");
    assert!(en.contains("implements: added \"hn-2731-2020\""), "{en}");
    assert!(en.contains("school-without-plan: default → off"), "{en}");
    let vi = change::diff_text(&d, Language::Vi);
    assert!(vi.contains("SO SÁNH HAI SỔ KẾ HOẠCH"), "{vi}");
    assert!(vi.contains("implements: thêm \"hn-2731-2020\""), "{vi}");
    let json: serde_json::Value = serde_json::from_str(&change::diff_to_json(&d)).unwrap();
    assert_eq!(json["same"], false);
    assert_eq!(json["plans"][1]["fields"][1]["added"][0], "hn-2731-2020");
    assert_eq!(json["plans"][0]["change"], "removed");
    assert_eq!(json["plans"][0]["value"]["id"], "tx-th-kg-2020");
}

#[test]
fn a_plan_put_back_between_others_is_added_and_moves_none_of_them() {
    let with = hanoi();
    let mut without = with.clone();
    without.remove_plan("tx-th-kg-2020").unwrap();
    // From the registry without it to the one with it: the plan comes back at its place, between others.
    let d = change::diff(&without, &with);
    let ids: Vec<_> = d.plans.iter().map(|c| (c.id.as_str(), c.kind, c.moved)).collect();
    assert_eq!(ids, [("tx-th-kg-2020", EntryChangeKind::Added, false)]);
    assert!(!change::diff_text(&d, Language::En).contains("(moved in the document)"));
    // The edits still rebuild it in its place (the plans after it are added again behind it).
    let mut rebuilt = without.clone();
    for e in d.edits() {
        e.apply(&mut rebuilt).unwrap();
    }
    assert_eq!(format::save(&rebuilt), format::save(&with));
}

#[test]
fn applying_edits_is_all_or_nothing_and_the_report_follows() {
    let old = hanoi();
    let mut v = Validator::new(old.clone());
    let before = v.report().clone();
    // Refused at the third edit: the two before it are undone, and the report is still the registry's.
    let edits = [
        Edit::WithdrawPlan("tx-17-2020".parse().unwrap()),
        Edit::RemoveUnit("tx-th-kg".parse().unwrap()),
        Edit::RemovePlan("no-such-plan".parse().unwrap()),
    ];
    let refused = v.apply_edits(&edits).unwrap_err();
    assert_eq!((refused.index, refused.edit.as_str()), (2, "remove plan \"no-such-plan\""));
    assert_eq!(format::save(v.registry()), format::save(&old));
    assert_eq!(v.report(), &before);
    // Accepted: the registry changes, and the report is a full validation's of the result.
    v.apply_edits(&edits[..2]).unwrap();
    let mut expected = old.clone();
    for e in &edits[..2] {
        e.apply(&mut expected).unwrap();
    }
    assert_eq!(format::save(v.registry()), format::save(&expected));
    assert_eq!(v.report(), &expected.validate());
}

#[test]
fn a_moved_unit_is_reported_and_put_back_in_its_new_place() {
    let a = hanoi();
    let mut b = a.clone();
    let u = b.remove_unit("tx-pgd").unwrap();
    b.add_unit(u).unwrap();
    let d = change::diff(&a, &b);
    assert!(!d.is_empty());
    assert!(d.units.iter().any(|c| c.id == "tx-pgd" && c.moved && c.fields.is_empty()));
    let mut rebuilt = a.clone();
    for e in d.edits() {
        e.apply(&mut rebuilt).unwrap();
    }
    assert_eq!(format::save(&rebuilt), format::save(&b));
}

#[test]
fn what_if_text_and_json() {
    let (mut v, _, _) = judged();
    let edits = [Edit::WithdrawPlan("tx-17-2020".parse().unwrap())];
    let impact = v.what_if(&edits).unwrap();
    let en = change::what_if_text(&edits, &impact, Language::En);
    assert!(en.contains("Findings: 5 would appear, 1 would be resolved, 0 would change."), "{en}");
    assert!(en.contains("tx-pgd 2020-2021"), "{en}");
    let vi = change::what_if_text(&edits, &impact, Language::Vi);
    assert!(vi.contains("Phát hiện: 5 mới, 1 được giải quyết, 0 thay đổi."), "{vi}");
    let json: serde_json::Value = serde_json::from_str(&change::what_if_to_json(&impact)).unwrap();
    assert_eq!(json["format"], "kehoach/what-if@1");
    assert_eq!(json["findings"]["appeared"].as_array().unwrap().len(), 5);
    assert_eq!(json["compliance"][0]["before"]["conforming"], 3);
    assert!(matches!(&impact.findings.appeared[0].subject, Subject::Plan(_)));
}

// ---- the program -------------------------------------------------------------------------------------

#[test]
fn the_program_answers_what_if() {
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let (mut v, _, _) = judged();
    let edits = [Edit::WithdrawPlan("tx-17-2020".parse().unwrap())];
    let impact = v.what_if(&edits).unwrap();
    assert_eq!(o.stdout, change::what_if_text(&edits, &impact, Language::En));
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020", "--format", "json", "--language", "vi"]);
    assert_eq!(o.stdout, change::what_if_to_json(&impact));

    // A plan from a file, replaced with itself: nothing would change.
    let plan = serde_json::from_str::<serde_json::Value>(HANOI).unwrap()["plans"][1].to_string();
    let o = run(&["what-if", HANOI_PATH, "--replace-plan", &file("change", "plan.json", &plan), "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("\"changes\": false"));

    let o = run(&["what-if", HANOI_PATH, "--move-unit", "tx-th-kg", "hn-sgd", "--set-rule", "school-without-plan=off"]);
    assert_eq!(o.code, 1, "{}", o.stderr);

    // Refused edits, unknown options, unreadable files: 2, nothing on standard output.
    for args in [
        &["what-if", HANOI_PATH, "--remove-unit", "tx-pgd", "--remove-unit", "tx-pgd"][..],
        &["what-if", HANOI_PATH],
        &["what-if", HANOI_PATH, "--withdraw"],
        &["what-if", HANOI_PATH, "--colour", "x"],
        &["what-if", "/no/such/file", "--withdraw", "x"],
        &["what-if", HANOI_PATH, "--set-rule", "nothing=off"],
        &["what-if", HANOI_PATH, "--move-unit", "nobody", "tx-pgd"],
    ] {
        let o = run(args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020", "--move-unit", "nobody", "tx-pgd"]);
    assert!(o.stderr.contains("edit 1 (move unit \"nobody\") was refused"), "{}", o.stderr);
    let two = format!("{plan}, {plan}");
    let o = run(&["what-if", HANOI_PATH, "--add-plan", &file("change", "two.json", &two)]);
    assert_eq!(o.code, 2);
    let o = run(&["what-if", HANOI_PATH, "--remove-unit", "tx-pgd", "--remove-unit", "tx-pgd"]);
    assert!(o.stderr.contains("edit 1 (remove unit \"tx-pgd\") was refused"), "{}", o.stderr);
}

#[test]
fn the_program_diffs_as_diff_does() {
    let o = run(&["diff", HANOI_PATH, HANOI_PATH]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("Verdict: the same"));

    let mut b = hanoi();
    b.remove_plan("tx-th-kg-2020").unwrap();
    let new = file("change", "new.json", &format::save(&b));
    let o = run(&["diff", HANOI_PATH, &new, "--format", "json"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.stdout, change::diff_to_json(&change::diff(&hanoi(), &b)));
    let o = run(&["diff", HANOI_PATH, &new, "--language", "vi"]);
    assert_eq!(o.stdout, change::diff_text(&change::diff(&hanoi(), &b), Language::Vi));

    let broken = file("change", "broken.json", "{ \"format\": \"kehoach/registry@1\" ");
    for args in
        [&["diff", HANOI_PATH, &broken][..], &["diff", HANOI_PATH], &["diff", &broken, HANOI_PATH, "--format", "dot"]]
    {
        let o = run(args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(o.stdout.is_empty());
    }
}
