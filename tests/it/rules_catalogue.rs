//! The catalogue as a whole (`spec/rules.md`): every rule has a code, a default severity, titles and a basis
//! in both profiles; the clean registry conforms in both profiles; the finding order; severity overrides,
//! including `info` and `off`; turning a rule off never wakes another.

use crate::support::common::*;
use kehoach::format::load_str;
use kehoach::{Family, Field, Finding, Level, Message, PlanStatus, Profile, Report, Rule, Severity, Subject};

/// The default severity of each rule, from the tables of `spec/rules.md`.
const TABLE: [(&str, &str, Family); 27] = [
    ("unit-unknown-reference", "error", Family::Units),
    ("unit-hierarchy-cycle", "error", Family::Units),
    ("unit-side-mismatch", "error", Family::Units),
    ("plan-issuers", "error", Family::Numbers),
    ("plan-issued-fields", "error", Family::Numbers),
    ("document-number-format", "error", Family::Numbers),
    ("document-number-spacing", "warning", Family::Numbers),
    ("document-number-type", "warning", Family::Numbers),
    ("document-number-duplicate", "error", Family::Numbers),
    ("school-year-window", "error", Family::Numbers),
    ("duplicate-plan", "warning", Family::Numbers),
    ("parent-plan-missing", "error", Family::Hierarchy),
    ("parent-plan-unknown", "error", Family::Hierarchy),
    ("parent-plan-withdrawn", "error", Family::Hierarchy),
    ("parent-plan-wrong-issuer", "error", Family::Hierarchy),
    ("parent-plan-school-year", "error", Family::Hierarchy),
    ("parent-plan-date-order", "error", Family::Hierarchy),
    ("plan-cycle", "error", Family::Hierarchy),
    ("school-without-plan", "warning", Family::Hierarchy),
    ("staff-conference-missing", "error", Family::StaffConference),
    ("staff-conference-counts", "error", Family::StaffConference),
    ("staff-conference-quorum", "error", Family::StaffConference),
    ("staff-conference-majority", "error", Family::StaffConference),
    ("staff-conference-window", "error", Family::StaffConference),
    ("staff-conference-before-parent", "warning", Family::StaffConference),
    ("content-area-unknown", "error", Family::ContentAreas),
    ("content-area-uncovered", "warning", Family::ContentAreas),
];

#[test]
fn the_catalogue_is_complete() {
    assert_eq!(Rule::ALL.len(), 27);
    let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 27, "codes are unique");
    for (code, severity, family) in TABLE {
        let rule = Rule::from_code(code).unwrap_or_else(|| panic!("{code} is in the catalogue"));
        assert!(Rule::ALL.contains(&rule));
        assert_eq!(rule.code(), code);
        assert_eq!(rule.to_string(), code);
        assert_eq!(rule.family(), family, "{code}");
        for profile in Profile::ALL {
            assert_eq!(rule.default_severity(profile).code(), severity, "{code} under {profile}");
            assert!(!rule.basis(profile).trim().is_empty(), "{code} has a basis under {profile}");
        }
        assert!(!rule.title_vi().trim().is_empty(), "{code}: vi title");
        assert!(!rule.title_en().trim().is_empty(), "{code}: en title");
        assert_ne!(rule.title_vi(), rule.title_en(), "{code}: two languages");
    }
    for rule in Rule::ALL {
        let code = rule.code();
        assert!(TABLE.iter().any(|(c, _, _)| *c == code), "{code} is in the spec's tables");
        assert!(
            !code.is_empty() && code.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
            "{code} is kebab-case"
        );
    }
    assert_eq!(Rule::from_code("plan-cycles"), None);
    assert_eq!(Rule::from_code("Plan-Cycle"), None);
}

#[test]
fn the_clean_registry_conforms_in_both_profiles() {
    for profile in Profile::ALL {
        let r = clean_under(profile);
        assert_eq!(r.profile(), profile);
        let report = validate(&r);
        assert!(report.findings().is_empty(), "{profile}: {:?}", lines(&r));
        assert!(report.conforms());
        assert_eq!(report.counts().total(), 0);
    }
}

/// A registry with findings of many rules at once, to compare orders, profiles and overrides on.
fn messy() -> kehoach::Registry {
    let mut r = clean();
    // units: a dangling parent, a union under a school.
    edit_unit(&mut r, "cg-ldld", |u| u.parent = Some(uids(&["ghost-ldld"])[0].clone()));
    edit_unit(&mut r, "tx-th-kt-cd", |u| u.parent = Some(uids(&["tx-th-kt"])[0].clone()));
    // numbers: a spaced and badly padded number, a type, a missing date.
    edit_plan(&mut r, "cg-2020", |p| p.number = Some(num("5 /KHPH-GD&ĐT-LĐLĐ")));
    edit_plan(&mut r, "hn-thpt-nt-2020", |p| {
        p.number = Some(num("08/BC-THPTNT"));
    });
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.issued_on = None);
    edit_plan(&mut r, "hn-2020", |p| p.issued_on = Some(d(2020, 7, 31)));
    // hierarchy: a school implementing the city plan, a school plan withdrawn.
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| p.implements = pids(&["hn-2020"]));
    edit_plan(&mut r, "cg-th-yh-2020", |p| p.status = PlanStatus::Withdrawn);
    // staff conference: below quorum.
    edit_plan(&mut r, "hn-thpt-nt-2020", |p| {
        p.approvals = vec![conf(d(2020, 10, 1), 90, 59, 50, None)];
    });
    // content areas: one area not carried out.
    edit_plan(&mut r, "tx-2020", |p| {
        p.content_areas = kehoach::ContentAreas::new(vec![
            area("1", &["1"]),
            area("2", &["2"]),
            area("3", &["3", "4"]),
            area("9", &["9"]),
        ])
        .unwrap();
    });
    r
}

#[test]
fn a_report_of_many_rules_is_in_the_spec_order() {
    let r = messy();
    assert_findings(
        &r,
        &[
            "error unit-unknown-reference unit:cg-ldld parent",
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "error unit-side-mismatch unit:tx-th-kt-cd parent",
            "error document-number-format plan:cg-2020 number",
            "warning document-number-spacing plan:cg-2020 number",
            "error school-year-window plan:hn-2020 issued_on",
            "warning document-number-type plan:hn-thpt-nt-2020 number",
            "error staff-conference-quorum plan:hn-thpt-nt-2020 approvals",
            "error content-area-unknown plan:tx-2020 content_areas",
            // tx-2020 no longer has area 4, and has 9: its school plans are judged against that.
            "warning content-area-uncovered plan:tx-th-kt-2020 content_areas",
            "error content-area-unknown plan:tx-th-kt-2020 content_areas",
            "error plan-issued-fields plan:tx-th-kt-2020 issued_on",
            "error parent-plan-wrong-issuer plan:tx-thcs-nc-2020 implements",
        ],
    );
}

fn finding(rule: Rule, subject: Subject, field: Option<Field>, year: Option<&str>) -> Finding {
    Finding {
        rule,
        severity: Severity::Error,
        subject,
        field,
        school_year: year.map(sy),
        message: Message { vi: "x".into(), en: "y".into() },
        basis: "b",
    }
}

#[test]
fn findings_sort_by_kind_id_code_point_rule_field_absent_first_and_school_year() {
    let unit = |id: &str| Subject::Unit(uids(&[id])[0].clone());
    let plan = |id: &str| Subject::Plan(pids(&[id])[0].clone());
    let want = vec![
        finding(Rule::SchoolWithoutPlan, unit("Z"), None, Some("2019-2020")),
        finding(Rule::SchoolWithoutPlan, unit("Z"), None, Some("2020-2021")),
        finding(Rule::UnitUnknownReference, unit("Z"), Some(Field::Counterpart), None),
        finding(Rule::UnitUnknownReference, unit("Z"), Some(Field::Parent), None),
        finding(Rule::UnitUnknownReference, unit("a"), None, None),
        finding(Rule::UnitUnknownReference, unit("a"), Some(Field::Counterpart), None),
        // Ô is U+00D4, Đ is U+0110: code point order, not a collation that puts Đ after D.
        finding(Rule::UnitSideMismatch, unit("Ông"), Some(Field::Parent), None),
        finding(Rule::UnitSideMismatch, unit("Đông"), Some(Field::Parent), None),
        finding(Rule::ContentAreaUncovered, plan("A"), Some(Field::ContentAreas), None),
        finding(Rule::PlanIssuedFields, plan("A"), Some(Field::IssuedOn), None),
        finding(Rule::PlanIssuedFields, plan("A"), Some(Field::Number), None),
        finding(Rule::PlanCycle, plan("b"), Some(Field::Implements), None),
        finding(Rule::ContentAreaUncovered, Subject::Registry, None, None),
    ];
    let mut shuffled = want.clone();
    shuffled.reverse();
    shuffled.swap(0, 5);
    shuffled.swap(2, 9);
    let report = Report::new(shuffled);
    assert_eq!(report.findings(), want.as_slice());
    for pair in report.findings().windows(2) {
        assert!(order_key(&pair[0]) < order_key(&pair[1]));
    }
}

#[test]
fn a_long_report_is_in_the_same_order() {
    // A long report is sorted on fixed-size prefixes of the ids first: ids that share 32 bytes and differ
    // after them, that are prefixes of each other, that contain a zero byte, and that need more than one
    // byte a character, all in the order of the short path (the library's `Ord`, checked above).
    let long = "p00-m0006-2020-s00386-".repeat(2);
    let mut ids: Vec<String> = Vec::new();
    for i in 0..150 {
        ids.push(format!("{long}{i:03}"));
        ids.push(format!("p{:02}-m{i:04}", i % 7));
        ids.push(format!("Đông-{i}"));
    }
    ids.extend(["p", "p\u{0}", "p\u{0}a", "pa", &long, &long[..32], &long[..31]].map(str::to_owned));
    let mut want = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let subject = if i % 3 == 0 {
            Subject::Unit(kehoach::UnitId::new(id).unwrap())
        } else {
            Subject::Plan(kehoach::PlanId::new(id).unwrap())
        };
        want.push(finding(Rule::PlanCycle, subject.clone(), Some(Field::Implements), None));
        if i % 5 == 0 {
            want.push(finding(Rule::PlanIssuedFields, subject, Some(Field::Number), None));
        }
    }
    assert!(want.len() >= 256, "long enough for the prefix sort");
    let mut sorted = want.clone();
    sorted.sort();
    // A fixed shuffle.
    let n = want.len();
    let shuffled: Vec<Finding> = (0..n).map(|i| want[(i * 7919) % n].clone()).collect();
    let report = Report::new(shuffled);
    assert_eq!(report.findings(), sorted.as_slice());
    for pair in report.findings().windows(2) {
        assert!(order_key(&pair[0]) < order_key(&pair[1]), "{:?} / {:?}", pair[0].subject, pair[1].subject);
    }
}

#[test]
fn a_full_check_orders_ids_by_code_point() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [
        { "id": "Đông", "name": "Đ", "kind": "sector_union", "parent": "x" },
        { "id": "alpha", "name": "a", "kind": "sector_union", "parent": "x" },
        { "id": "O\u0302ng", "name": "Ô", "kind": "sector_union", "parent": "x" },
        { "id": "Zeta", "name": "Z", "kind": "sector_union", "parent": "x" },
        { "id": "zeta", "name": "z", "kind": "sector_union", "parent": "x" } ],
      "plans": [] }"#;
    let r = load_str(json).unwrap();
    assert_findings(
        &r,
        &[
            "error unit-unknown-reference unit:Zeta parent",
            "error unit-unknown-reference unit:alpha parent",
            "error unit-unknown-reference unit:zeta parent",
            // the NFD id was composed on load: Ô (U+00D4) sorts before Đ (U+0110)
            "error unit-unknown-reference unit:\u{d4}ng parent",
            "error unit-unknown-reference unit:Đông parent",
        ],
    );
}

#[test]
fn severity_overrides_error_warning_info_and_off() {
    let mut r = messy();
    let before = validate(&r);
    assert!(!before.conforms());
    assert_eq!(the(&before, Rule::DocumentNumberSpacing, "cg-2020").severity, Severity::Warning);
    // a warning raised to error, an error lowered to info, a rule off
    r.set_override(Rule::DocumentNumberSpacing, Some(Level::On(Severity::Error)));
    r.set_override(Rule::ParentPlanWrongIssuer, Some(Level::On(Severity::Info)));
    r.set_override(Rule::StaffConferenceQuorum, Some(Level::Off));
    assert_eq!(r.severity(Rule::StaffConferenceQuorum), None);
    let after = validate(&r);
    assert_eq!(the(&after, Rule::DocumentNumberSpacing, "cg-2020").severity, Severity::Error);
    let info = the(&after, Rule::ParentPlanWrongIssuer, "tx-thcs-nc-2020");
    assert_eq!(info.severity, Severity::Info);
    assert_eq!(after.counts().info, 1);
    assert!(after.findings().iter().all(|f| f.rule != Rule::StaffConferenceQuorum));
    assert_eq!(after.findings().len(), before.findings().len() - 1);
    // back to the defaults
    r.set_override(Rule::DocumentNumberSpacing, None);
    r.set_override(Rule::ParentPlanWrongIssuer, None);
    r.set_override(Rule::StaffConferenceQuorum, None);
    assert_eq!(validate(&r), before);
}

#[test]
fn info_findings_never_make_a_registry_non_conforming() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.implements = Vec::new());
    assert!(!validate(&r).conforms());
    r.set_override(Rule::ParentPlanMissing, Some(Level::On(Severity::Info)));
    let report = validate(&r);
    assert!(report.conforms());
    assert_eq!((report.counts().error, report.counts().warning, report.counts().info), (0, 0, 1));
    assert_findings(&r, &["info parent-plan-missing plan:tx-2020 implements"]);
}

#[test]
fn the_rules_object_of_a_document_sets_severities() {
    let json = r#"{ "format": "kehoach/registry@1", "profile": "two-tier-2025",
      "rules": { "document-number-spacing": "info", "document-number-type": "error",
                 "plan-issued-fields": "off", "duplicate-plan": "error" },
      "units": [
        { "id": "dn-sgd", "name": "Sở GD&ĐT Đà Nẵng", "kind": "education_department", "counterpart": "dn-cdn" },
        { "id": "dn-cdn", "name": "Công đoàn ngành Giáo dục Đà Nẵng", "kind": "sector_union" } ],
      "plans": [
        { "id": "dn-2025", "number": "1450 /HD-SGDĐT-CĐN", "title": "Kế hoạch", "school_year": "2025-2026",
          "status": "issued", "issuers": ["dn-sgd", "dn-cdn"] },
        { "id": "dn-2025-b", "title": "Kế hoạch", "school_year": "2025-2026", "status": "draft",
          "issuers": ["dn-sgd", "dn-cdn"] } ] }"#;
    let r = load_str(json).unwrap();
    assert_eq!(r.profile(), Profile::TwoTier2025);
    assert_findings(
        &r,
        &[
            "info document-number-spacing plan:dn-2025 number",
            "error document-number-type plan:dn-2025 number",
            "error duplicate-plan plan:dn-2025 issuers",
            "error duplicate-plan plan:dn-2025-b issuers",
        ],
    );
}

/// A registry where data is absent or broken, so that many rules are silenced by data.
fn silenced() -> kehoach::Registry {
    let mut r = clean();
    // a dangling parent next to a resolving one, and an area addressing a code no parent has
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| {
        p.implements = pids(&["ghost", "tx-2020"]);
        p.content_areas = kehoach::ContentAreas::new(vec![area("1", &["9"])]).unwrap();
    });
    // a withdrawn parent that would break every other parent rule, holding tx-2020's number in 2020
    add(
        &mut r,
        issued("tx-old", "2019-2020", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 12, 1), &["tx-pgd", "tx-ldld"], &[])
            .with_content_areas(vec![area("7", &[])])
            .unwrap(),
    );
    edit_plan(&mut r, "tx-old", |p| p.status = PlanStatus::Withdrawn);
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.implements = pids(&["tx-old"]);
        p.approvals = vec![conf(d(2020, 8, 20), 30, 25, 20, None)];
    });
    // an unresolved first issuer
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.issuers = uids(&["ghost-school", "cg-th-yh-cd"]);
        p.implements = pids(&["hn-2020"]);
        p.approvals.clear();
    });
    // no issue date on a parent
    edit_plan(&mut r, "cg-2020", |p| p.issued_on = None);
    // no one attended, no one was expected
    edit_plan(&mut r, "hn-thpt-nt-2020", |p| {
        p.approvals = vec![conf(d(2020, 10, 1), 0, 0, 0, None)];
    });
    r
}

#[test]
fn data_silences_rules_and_each_cause_is_reported_once() {
    assert_findings(
        &silenced(),
        &[
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "error plan-issued-fields plan:cg-2020 issued_on",
            "error unit-unknown-reference plan:cg-th-yh-2020 issuers",
            "error staff-conference-majority plan:hn-thpt-nt-2020 approvals",
            "error document-number-duplicate plan:tx-2020 number",
            "error document-number-duplicate plan:tx-old number",
            "error parent-plan-withdrawn plan:tx-th-kt-2020 implements",
            "error parent-plan-unknown plan:tx-thcs-nc-2020 implements",
        ],
    );
}

#[test]
fn turning_any_rule_off_only_removes_its_own_findings() {
    for r in [messy(), silenced()] {
        for rule in Rule::ALL {
            assert_off_only_removes(&r, rule);
        }
    }
}

#[test]
fn both_profiles_judge_alike_and_quote_their_own_basis() {
    let three = messy();
    let mut two = messy();
    two.set_profile(Profile::TwoTier2025);
    assert_eq!(lines(&three), lines(&two));
    let (a, b) = (validate(&three), validate(&two));
    for (x, y) in a.findings().iter().zip(b.findings()) {
        assert_eq!(x.basis, basis_in_force(&three, x));
        assert_eq!(y.basis, basis_in_force(&two, y));
    }
    // the hierarchy rests on the 2012 Trade Union Law in 2020, on the 2024 law after the reform
    let w3 = the(&a, Rule::ParentPlanWrongIssuer, "tx-thcs-nc-2020");
    let w2 = the(&b, Rule::ParentPlanWrongIssuer, "tx-thcs-nc-2020");
    assert!(w3.basis.contains("2012"), "{}", w3.basis);
    assert!(w2.basis.contains("2024"), "{}", w2.basis);
    // and the messages name the middle level of the profile
    assert_names_en(&w3, &["district education office"]);
    assert_names_en(&w2, &["commune committee"]);
    for rule in Rule::ALL {
        for profile in Profile::ALL {
            assert_eq!(rule.default_severity(profile), rule.default_severity(Profile::ThreeTier2020));
        }
    }
}

#[test]
fn an_unresolved_first_issuer_silences_only_what_needs_it() {
    // Without an administration issuer the plan has no managing unit and the school issues nothing; every
    // rule that does not need them still judges the plan.
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.issuers = uids(&["kt-old", "tx-th-kt-cd"]);
        p.number = Some(num("5/BC-THKT"));
        p.issued_on = Some(d(2021, 8, 5));
        p.content_areas = kehoach::ContentAreas::new(vec![area("1", &["9"])]).unwrap();
        p.approvals = vec![conf(d(2021, 8, 4), 30, 10, 3, None)];
    });
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "warning content-area-uncovered plan:tx-th-kt-2020 content_areas",
            "error content-area-unknown plan:tx-th-kt-2020 content_areas",
            "error document-number-format plan:tx-th-kt-2020 number",
            "error school-year-window plan:tx-th-kt-2020 issued_on",
            "error staff-conference-majority plan:tx-th-kt-2020 approvals",
            "error staff-conference-quorum plan:tx-th-kt-2020 approvals",
            "error staff-conference-window plan:tx-th-kt-2020 approvals",
            "error unit-unknown-reference plan:tx-th-kt-2020 issuers",
        ],
    );
    // the same plan under another year's parent, with its own issuer unknown
    let json = r#"{ "format": "kehoach/registry@1", "units": [], "plans": [
        { "id": "p", "title": "KH", "school_year": "2019-2020", "status": "draft", "issued_on": "2019-09-01",
          "issuers": ["a", "b"] },
        { "id": "q", "title": "KH", "school_year": "2020-2021", "status": "draft", "issued_on": "2020-08-01",
          "issuers": ["c", "d"], "implements": ["p"] } ] }"#;
    assert_findings(
        &load_str(json).unwrap(),
        &[
            "error unit-unknown-reference plan:p issuers",
            "error parent-plan-school-year plan:q implements",
            "error unit-unknown-reference plan:q issuers",
        ],
    );
}

#[test]
fn a_plan_without_issued_on_is_still_judged_by_what_does_not_compare_it() {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.issued_on = None;
        p.approvals = vec![conf(d(2021, 8, 4), 30, 25, 20, None)];
        p.issuers = uids(&["tx-th-kt"]);
    });
    assert_findings(
        &r,
        &[
            "error plan-issued-fields plan:tx-th-kt-2020 issued_on",
            "error plan-issuers plan:tx-th-kt-2020 issuers",
            "error staff-conference-window plan:tx-th-kt-2020 approvals",
        ],
    );
}

#[test]
fn units_come_before_plans_of_the_same_id() {
    let json = r#"{ "format": "kehoach/registry@1", "units": [
        { "id": "x", "name": "X", "kind": "grassroots_union", "parent": "nowhere" } ],
      "plans": [
        { "id": "x", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": ["x", "y"] },
        { "id": "a", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": ["y", "x"] } ] }"#;
    assert_findings(
        &load_str(json).unwrap(),
        &[
            "error unit-unknown-reference unit:x parent",
            // a union second is where it belongs
            "error unit-unknown-reference plan:a issuers",
            "error plan-issuers plan:x issuers",
            "error unit-unknown-reference plan:x issuers",
        ],
    );
}
