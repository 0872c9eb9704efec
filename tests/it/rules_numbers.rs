//! The plan and document-number rules of `spec/rules.md`: `plan-issuers`, `plan-issued-fields`,
//! `document-number-format`, `document-number-spacing`, `document-number-type`, `document-number-duplicate`,
//! `school-year-window`, `duplicate-plan`, and the Decree 30 grammar of numbers.

use crate::support::common::*;
use kehoach::{PlanStatus, Registry, Rule};

/// The number rules (format, spacing, type) that fire on `tx-2020` when it carries `number`.
fn number_findings(number: &str) -> Vec<String> {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num(number)));
    lines(&r)
}

const FORMAT: &str = "error document-number-format plan:tx-2020 number";
const SPACING: &str = "warning document-number-spacing plan:tx-2020 number";
const TYPE: &str = "warning document-number-type plan:tx-2020 number";

#[track_caller]
fn assert_number(number: &str, expected: &[&str]) {
    assert_eq!(number_findings(number), expected, "number {number:?}");
}

// ---- the grammar -----------------------------------------------------------------------------------------

#[test]
fn real_numbers_the_grammar_accepts() {
    for n in [
        "42/KHLT-SGDĐT-CĐGDT",
        "821/KHLT-PGDĐT-CĐGD",
        "16/KH-PGD&ĐT",
        "1171/KH-SGDĐT",
        "57/KH-SGD&ĐT",
        "2731/KHLT-SGDĐT-CĐN",
        "17/KHPH-GD&ĐT-LĐLĐ",
    ] {
        assert_number(n, &[]);
    }
}

#[test]
fn real_numbers_the_grammar_refuses() {
    // not padded, a dot, one group: format only (a number that breaks the grammar has no type to judge)
    for n in ["5/HD-SGDĐT", "814/SGDĐT.CNTT-QLTB&TV", "458/PGD&ĐT"] {
        assert_number(n, &[FORMAT]);
    }
}

#[test]
fn the_serial_is_01_to_09_or_10_and_more_without_leading_zeros() {
    for n in ["01", "05", "09", "10", "17", "99", "100", "2731", "1000000"] {
        assert_number(&format!("{n}/KH-PGDĐT"), &[]);
    }
    for n in ["5", "0", "00", "005", "010", "0100", "", "1a", "٣", "１２", "+12", "-12"] {
        assert_number(&format!("{n}/KH-PGDĐT"), &[FORMAT]);
    }
}

#[test]
fn the_message_explains_the_defect() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("5/KHPH-GD&ĐT-LĐLĐ")));
    let f = the(&validate(&r), Rule::DocumentNumberFormat, "tx-2020");
    assert_names(&f, &["5/KHPH-GD&ĐT-LĐLĐ", "05"]);
    assert_names_en(&f, &["Decree 30"]);
}

#[test]
fn symbol_groups_start_with_an_upper_case_letter_or_a_digit_and_mix_case_after() {
    // Decree 30's own CTr and TTr, GDTrH, a group of digits, a lower-case Vietnamese letter inside a group
    for n in [
        "10/KH-CTr-TTr",
        "18/KH-SGDĐT-GDTrH",
        "12/KH-3T",
        "12/KH-Trường",
        "12/KH-ỦY-ĐOÀN",
        "12/KH-MỸ-Ỳ2ỳ",
        "12/KH-GD&ĐT&X",
        "12/KH-ĐĂK-Lăk",
        "12/KH-FJWZ",
    ] {
        assert_number(n, &[]);
    }
    // khph, a group starting with & or a lower-case Vietnamese letter
    for n in ["12/khph-GD&ĐT", "12/KH-&ĐT", "12/KH-đT", "12/Kh-x", "12/KH-ưT"] {
        assert_number(n, &[FORMAT]);
    }
}

#[test]
fn symbol_characters_outside_the_vietnamese_alphabet_are_refused() {
    for n in [
        "12/KH-\u{D0}T",          // Ð U+00D0, the look-alike of Đ U+0110
        "12/KH-ΑΒ",               // Greek capitals
        "12/ＫＨ-PGD",            // full-width letters
        "12/KH-PGD.ĐT",           // a dot
        "12/KH-PGD,ĐT",           // a comma
        "12/KH-PGD٣",             // another digit
        "12/KH-PGD/ĐT",           // a second slash
        "12/KH-ÑT",               // a tilde on a consonant
        "12/KH-ÖT",               // a diaeresis
        "12/KH-A\u{300}\u{301}T", // two tone marks on one vowel
        "12/KH-PGD_ĐT",
    ] {
        assert_number(n, &[FORMAT]);
    }
    // every tone mark on each vowel of the alphabet, upper and lower case
    for v in ["A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"] {
        for mark in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
            let upper = format!("12/KH-{v}{mark}");
            assert_number(&upper, &[]);
            let lower = format!("12/KH-X{}{mark}", v.to_lowercase());
            assert_number(&lower, &[]);
        }
    }
}

#[test]
fn groups_are_joined_by_single_hyphens() {
    for n in ["12/KH--PGD", "12/KH-", "12/-KH-PGD", "12/KH", "12KH-PGD", "/KH-PGD", "12/"] {
        assert_number(n, &[FORMAT]);
    }
}

#[test]
fn nfd_numbers_are_judged_after_composition() {
    // Ư with a combining horn and a combining grave: ừ after NFC
    assert_number("12/KH-TRU\u{31b}O\u{31b}\u{300}NG", &[]);
}

// ---- document-number-spacing -----------------------------------------------------------------------------

#[test]
fn spaces_next_to_slash_or_hyphen_are_a_warning_and_judged_without() {
    for n in ["41 /KHLT-SGDĐT-CĐGDT", "41/ KHLT-SGDĐT-CĐGDT", "41   /   KHLT - SGDĐT -CĐGDT", "41/KHLT- SGDĐT-CĐGDT"]
    {
        assert_number(n, &[SPACING]);
    }
    // judged without the spaces: a type and a padding defect are still seen
    assert_number("41 / QĐ-SGDĐT", &[SPACING, TYPE]);
    assert_number("5 /KH-SGDĐT", &[FORMAT, SPACING]);
    // spaces left elsewhere are whitespace that the grammar refuses, not spacing
    for n in [
        " 41/KH-SGDĐT",
        "41/KH-SGDĐT ",
        "4 1/KH-SGDĐT",
        "41/KH-SGD ĐT",
        "41\u{a0}/KH-SGDĐT", // no-break space: only U+0020 is removed
        "41\t/KH-SGDĐT",
    ] {
        assert_number(n, &[FORMAT]);
    }
    // both: a removed space and one that stays
    assert_number("4 1 /KH-SGDĐT", &[FORMAT, SPACING]);
    // a hyphen at the end once its space is gone
    assert_number("41/KH-SGDĐT- ", &[FORMAT, SPACING]);
}

#[test]
fn the_spacing_message_gives_the_number_as_decree_30_writes_it() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("17 /KHPH - GD&ĐT-LĐLĐ")));
    let f = the(&validate(&r), Rule::DocumentNumberSpacing, "tx-2020");
    assert_names(&f, &["17 /KHPH - GD&ĐT-LĐLĐ", "17/KHPH-GD&ĐT-LĐLĐ"]);
}

// ---- document-number-type --------------------------------------------------------------------------------

#[test]
fn the_type_is_kh_khlt_or_khph() {
    for n in ["12/KH-X", "12/KHLT-X", "12/KHPH-X"] {
        assert_number(n, &[]);
    }
    for n in ["12/HD-X", "12/QĐ-X", "12/CTr-X", "12/Kh-X", "12/KHP-X", "12/2020-KH"] {
        assert_number(n, &[TYPE]);
    }
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("12/QĐ-PGDĐT")));
    let f = the(&validate(&r), Rule::DocumentNumberType, "tx-2020");
    assert_names(&f, &["\"QĐ\"", "KHPH"]);
}

#[test]
fn number_rules_judge_drafts_but_not_withdrawn_plans() {
    let mut r = clean();
    add(
        &mut r,
        plan("tx-draft", "2021-2022", PlanStatus::Draft)
            .with_number("5 /hd")
            .unwrap()
            .with_issuers(&["tx-pgd", "tx-ldld"])
            .unwrap()
            .implementing(&["hn-2020"])
            .unwrap(),
    );
    add(
        &mut r,
        plan("tx-gone", "2019-2020", PlanStatus::Withdrawn)
            .with_number("5 /hd")
            .unwrap()
            .with_issuers(&["tx-pgd", "tx-ldld"])
            .unwrap(),
    );
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.number = Some(num("12/BC-THKT-CĐ"));
        p.status = PlanStatus::Draft;
    });
    // (the draft also implements a plan of another year)
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "error document-number-format plan:tx-draft number",
            "warning document-number-spacing plan:tx-draft number",
            "error parent-plan-school-year plan:tx-draft implements",
            "warning document-number-type plan:tx-th-kt-2020 number",
        ],
    );
    for rule in [Rule::DocumentNumberFormat, Rule::DocumentNumberSpacing, Rule::DocumentNumberType] {
        assert_off_only_removes(&r, rule);
    }
}

// ---- plan-issuers ----------------------------------------------------------------------------------------

#[test]
fn a_plan_has_exactly_two_issuers() {
    for issuers in [&[][..], &["tx-pgd"][..], &["tx-pgd", "tx-ldld", "hn-cdn"][..]] {
        let mut r = clean();
        edit_plan(&mut r, "tx-2020", |p| p.issuers = uids(issuers));
        assert_findings(&r, &["error plan-issuers plan:tx-2020 issuers"]);
        let f = the(&validate(&r), Rule::PlanIssuers, "tx-2020");
        assert_names(&f, &[&issuers.len().to_string()]);
    }
}

#[test]
fn swapped_issuers_are_one_finding_naming_both_defects() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.issuers = uids(&["tx-ldld", "tx-pgd"]));
    // No administration issuer any more: tx-pgd issues no plan, so neither its schools' parent nor their
    // absence of plans can be judged against it, and tx-2020 has no managing unit.
    assert_findings(&r, &["error plan-issuers plan:tx-2020 issuers"]);
    let f = the(&validate(&r), Rule::PlanIssuers, "tx-2020");
    assert_names(&f, &["\"tx-ldld\"", "\"tx-pgd\""]);
    assert_names_en(&f, &["issuer 1", "issuer 2"]);
    assert_names_vi(&f, &["thứ 1", "thứ 2"]);
}

#[test]
fn two_administration_units_or_two_unions() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.issuers = uids(&["tx-pgd", "hn-sgd"]));
    edit_plan(&mut r, "cg-2020", |p| p.issuers = uids(&["cg-ldld", "hn-cdn"]));
    assert_findings(&r, &["error plan-issuers plan:cg-2020 issuers", "error plan-issuers plan:tx-2020 issuers"]);
    let report = validate(&r);
    // tx-2020: the second is on the wrong side, and it is not tx-pgd's counterpart
    let tx = the(&report, Rule::PlanIssuers, "tx-2020");
    assert_names(&tx, &["\"hn-sgd\"", "\"tx-ldld\""]);
    // cg-2020: the first is on the wrong side; a union has no counterpart to compare
    let cg = the(&report, Rule::PlanIssuers, "cg-2020");
    assert_names(&cg, &["\"cg-ldld\""]);
    assert_not_named(&cg, "\"hn-cdn\"");
}

#[test]
fn the_second_issuer_is_the_counterpart_of_the_first() {
    let mut r = clean();
    edit_plan(&mut r, "tx-thcs-nc-2020", |p| {
        p.issuers = uids(&["tx-thcs-nc", "tx-th-kt-cd"]);
    });
    assert_findings(&r, &["error plan-issuers plan:tx-thcs-nc-2020 issuers"]);
    let f = the(&validate(&r), Rule::PlanIssuers, "tx-thcs-nc-2020");
    assert_names(&f, &["tx-thcs-nc-cd", "tx-th-kt-cd"]);
}

#[test]
fn no_counterpart_check_when_the_counterpart_is_absent_or_dangling() {
    let mut r = clean();
    // no counterpart recorded: any union unit second is fine
    edit_unit(&mut r, "cg-pgd", |u| {
        *u = kehoach::Unit::administration("cg-pgd", u.name.as_str(), kehoach::AdministrationKind::EducationOffice)
            .unwrap()
            .with_parent("hn-sgd")
            .unwrap();
    });
    edit_plan(&mut r, "cg-2020", |p| p.issuers = uids(&["cg-pgd", "tx-ldld"]));
    // a dangling counterpart: reported on the unit only
    edit_unit(&mut r, "tx-pgd", |u| {
        *u = u.clone().with_counterpart("tx-ldld-old").unwrap();
    });
    assert_findings(&r, &["error unit-unknown-reference unit:tx-pgd counterpart"]);
}

#[test]
fn plan_issuers_judges_drafts_not_withdrawn_plans() {
    let mut r = clean();
    edit_plan(&mut r, "cg-th-yh-2020", |p| {
        p.status = PlanStatus::Withdrawn;
        p.issuers = uids(&["cg-th-yh"]);
    });
    edit_plan(&mut r, "tx-th-kt-2020", |p| {
        p.status = PlanStatus::Draft;
        p.issuers = uids(&["tx-th-kt"]);
    });
    assert_findings(
        &r,
        &[
            "warning school-without-plan unit:cg-th-yh - 2020-2021",
            "warning school-without-plan unit:tx-th-kt - 2020-2021",
            "error plan-issuers plan:tx-th-kt-2020 issuers",
        ],
    );
    assert_off_only_removes(&r, Rule::PlanIssuers);
}

// ---- plan-issued-fields ----------------------------------------------------------------------------------

#[test]
fn an_issued_plan_has_a_number_and_a_date_one_finding_per_missing_field() {
    let mut r = clean();
    edit_plan(&mut r, "hn-2020", |p| p.number = None);
    edit_plan(&mut r, "tx-2020", |p| p.issued_on = None);
    edit_plan(&mut r, "cg-2020", |p| {
        p.number = None;
        p.issued_on = None;
    });
    // without issued_on the date comparisons with the children are silent
    assert_findings(
        &r,
        &[
            "error plan-issued-fields plan:cg-2020 issued_on",
            "error plan-issued-fields plan:cg-2020 number",
            "error plan-issued-fields plan:hn-2020 number",
            "error plan-issued-fields plan:tx-2020 issued_on",
        ],
    );
    let report = validate(&r);
    assert_names(&report.findings()[0], &["cg-2020"]);
}

#[test]
fn drafts_and_withdrawn_plans_need_neither() {
    let mut r = clean();
    add(&mut r, plan("hn-2021", "2021-2022", PlanStatus::Draft).with_issuers(&["hn-sgd", "hn-cdn"]).unwrap());
    add(&mut r, plan("hn-2019", "2019-2020", PlanStatus::Withdrawn).with_issuers(&["hn-sgd", "hn-cdn"]).unwrap());
    assert_findings(&r, &[]);
}

// ---- school-year-window ----------------------------------------------------------------------------------

#[test]
fn the_window_runs_from_1_august_to_31_july_both_included() {
    let mut r = clean();
    edit_plan(&mut r, "hn-2020", |p| p.issued_on = Some(d(2020, 8, 1)));
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.issued_on = Some(d(2021, 7, 31)));
    assert_findings(&r, &[]);
    edit_plan(&mut r, "hn-2020", |p| p.issued_on = Some(d(2020, 7, 31)));
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.issued_on = Some(d(2021, 8, 1)));
    assert_findings(
        &r,
        &["error school-year-window plan:hn-2020 issued_on", "error school-year-window plan:tx-th-kt-2020 issued_on"],
    );
    let report = validate(&r);
    let f = the(&report, Rule::SchoolYearWindow, "hn-2020");
    assert_names(&f, &["2020-2021"]);
    assert_names_en(&f, &["2020-07-31", "2020-08-01", "2021-07-31"]);
    assert_names_vi(&f, &["31/7/2020", "01/8/2020", "31/7/2021"]);
}

#[test]
fn the_window_judges_drafts_not_withdrawn_plans_nor_plans_without_a_date() {
    let mut r = clean();
    add(
        &mut r,
        plan("hn-draft", "2021-2022", PlanStatus::Draft)
            .issued(d(2020, 12, 1))
            .with_issuers(&["hn-sgd", "hn-cdn"])
            .unwrap(),
    );
    add(
        &mut r,
        plan("hn-gone", "2019-2020", PlanStatus::Withdrawn)
            .with_number("01/KH-SGDĐT")
            .unwrap()
            .issued(d(2022, 1, 1))
            .with_issuers(&["hn-sgd", "hn-cdn"])
            .unwrap(),
    );
    add(&mut r, plan("hn-undated", "2022-2023", PlanStatus::Draft).with_issuers(&["hn-sgd", "hn-cdn"]).unwrap());
    assert_findings(&r, &["error school-year-window plan:hn-draft issued_on"]);
    assert_off_only_removes(&r, Rule::SchoolYearWindow);
}

// ---- document-number-duplicate ---------------------------------------------------------------------------

/// A withdrawn Thanh Xuân plan with `number`, issued on `on`.
fn tx_withdrawn(id: &str, year: &str, number: &str, on: chrono::NaiveDate) -> kehoach::Plan {
    let mut p = issued(id, year, number, on, &["tx-pgd", "tx-ldld"], &["hn-2020"]);
    p.status = PlanStatus::Withdrawn;
    p
}

#[test]
fn a_withdrawn_plan_keeps_its_number_every_holder_is_reported() {
    let mut r = clean();
    add(&mut r, tx_withdrawn("tx-2020-a", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1)));
    add(&mut r, tx_withdrawn("tx-2020-b", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 12, 31)));
    assert_findings(
        &r,
        &[
            "error document-number-duplicate plan:tx-2020 number",
            "error document-number-duplicate plan:tx-2020-a number",
            "error document-number-duplicate plan:tx-2020-b number",
        ],
    );
    let f = the(&validate(&r), Rule::DocumentNumberDuplicate, "tx-2020");
    assert_names(&f, &["17/KHPH-GD&ĐT-LĐLĐ", "tx-pgd", "2020", "\"tx-2020-a\"", "\"tx-2020-b\""]);
    assert_names(&f, &["3"]);
}

#[test]
fn numbers_are_compared_after_nfc_and_removing_spaces_next_to_slash_and_hyphen() {
    let mut r = clean();
    // Đ has no decomposition; the Ư of "TRƯỜNG" does
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("17/KHPH-TRƯỜNG-LĐLĐ")));
    add(
        &mut r,
        tx_withdrawn("tx-2020-nfd", "2020-2021", "17 / KHPH -TRU\u{31b}O\u{31b}\u{300}NG- LĐLĐ", d(2020, 10, 1)),
    );
    // the withdrawn plan's spacing is not judged; the number is shared
    assert_findings(
        &r,
        &[
            "error document-number-duplicate plan:tx-2020 number",
            "error document-number-duplicate plan:tx-2020-nfd number",
        ],
    );
}

#[test]
fn different_strings_are_different_numbers() {
    // 05, 5 and 005 are three numbers (two of them badly written), not one
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("05/KHPH-GD&ĐT-LĐLĐ")));
    add(&mut r, tx_withdrawn("tx-a", "2020-2021", "5/KHPH-GD&ĐT-LĐLĐ", d(2020, 10, 1)));
    add(&mut r, tx_withdrawn("tx-b", "2020-2021", "005/KHPH-GD&ĐT-LĐLĐ", d(2020, 10, 2)));
    add(&mut r, tx_withdrawn("tx-c", "2020-2021", "05/KHPH-GD&ĐT-LĐLD", d(2020, 10, 3)));
    add(&mut r, tx_withdrawn("tx-d", "2020-2021", "05/khph-GD&ĐT-LĐLĐ", d(2020, 10, 4)));
    assert_findings(&r, &[]);
}

#[test]
fn numbering_runs_per_administration_issuer_and_calendar_year() {
    let mut r = clean();
    // another district office may issue the same number
    edit_plan(&mut r, "cg-2020", |p| p.number = Some(num("17/KHPH-GD&ĐT-LĐLĐ")));
    // the same office, the same number, another calendar year (same school year 2020-2021)
    add(&mut r, tx_withdrawn("tx-2021-jan", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2021, 1, 2)));
    // the same number, the same year, but a draft: drafts hold no number
    add(
        &mut r,
        plan("tx-draft", "2020-2021", PlanStatus::Draft)
            .with_number("17/KHPH-GD&ĐT-LĐLĐ")
            .unwrap()
            .issued(d(2020, 9, 5))
            .with_issuers(&["tx-pgd", "tx-ldld"])
            .unwrap()
            .implementing(&["hn-2020"])
            .unwrap(),
    );
    // (the draft is a second active plan of tx-pgd for 2020-2021)
    assert_findings(
        &r,
        &["warning duplicate-plan plan:tx-2020 issuers", "warning duplicate-plan plan:tx-draft issuers"],
    );
}

#[test]
fn duplicates_need_the_administration_issuer_and_the_dates() {
    let mut r = clean();
    // the same first issuer id, which resolves to no unit
    edit_plan(&mut r, "tx-2020", |p| p.issuers = uids(&["tx-pgd-x", "tx-ldld"]));
    let mut twin = tx_withdrawn("tx-twin", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1));
    twin.issuers = uids(&["tx-pgd-x", "tx-ldld"]);
    add(&mut r, twin);
    // the same number on a withdrawn hn plan without a date
    let mut undated =
        issued("hn-undated", "2020-2021", "2731/KHLT-SGDĐT-CĐN", d(2020, 8, 1), &["hn-sgd", "hn-cdn"], &[]);
    undated.issued_on = None;
    undated.status = PlanStatus::Withdrawn;
    add(&mut r, undated);
    // tx-2020 has no administration issuer: its schools' parent is not judged, and tx-pgd issues nothing
    assert_findings(
        &r,
        &["error unit-unknown-reference plan:tx-2020 issuers", "error unit-unknown-reference plan:tx-twin issuers"],
    );
}

#[test]
fn a_first_issuer_on_the_union_side_is_no_administration_issuer() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.issuers = uids(&["tx-ldld", "tx-ldld"]));
    let mut twin = tx_withdrawn("tx-twin", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1));
    twin.issuers = uids(&["tx-ldld", "tx-ldld"]);
    add(&mut r, twin);
    assert_findings(&r, &["error plan-issuers plan:tx-2020 issuers"]);
}

#[test]
fn duplicate_number_off_wakes_nothing() {
    let mut r = clean();
    add(&mut r, tx_withdrawn("tx-2020-a", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1)));
    assert_off_only_removes(&r, Rule::DocumentNumberDuplicate);
}

// ---- duplicate-plan --------------------------------------------------------------------------------------

#[test]
fn several_active_plans_of_one_issuer_for_one_year_are_all_reported() {
    let mut r = clean();
    for (id, status) in [("tx-2020-b", PlanStatus::Draft), ("tx-2020-c", PlanStatus::Issued)] {
        let mut p = issued(
            id,
            "2020-2021",
            &format!("{}/KHPH-GD&ĐT-LĐLĐ", if id.ends_with('b') { 18 } else { 19 }),
            d(2020, 9, 10),
            &["tx-pgd", "tx-ldld"],
            &["hn-2020"],
        );
        p.status = status;
        add(&mut r, p);
    }
    assert_findings(
        &r,
        &[
            "warning duplicate-plan plan:tx-2020 issuers",
            "warning duplicate-plan plan:tx-2020-b issuers",
            "warning duplicate-plan plan:tx-2020-c issuers",
        ],
    );
    let f = the(&validate(&r), Rule::DuplicatePlan, "tx-2020");
    assert_names(&f, &["tx-pgd", "2020-2021", "\"tx-2020-b\"", "\"tx-2020-c\"", "3"]);
}

#[test]
fn other_years_withdrawn_plans_and_other_issuers_are_no_duplicates() {
    let mut r = clean();
    // another year (a draft, so that the schools need no plan for it yet)
    let mut next = issued("tx-2021", "2021-2022", "18/KHPH-GD&ĐT-LĐLĐ", d(2021, 9, 4), &["tx-pgd", "tx-ldld"], &[]);
    next.status = PlanStatus::Draft;
    add(&mut r, next);
    // withdrawn, same year
    add(&mut r, tx_withdrawn("tx-2020-old", "2020-2021", "16/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 1)));
    // tx-2021 has a managing unit and implements nothing; hn-sgd issued nothing for 2021-2022
    assert_findings(&r, &["error parent-plan-missing plan:tx-2021 implements"]);
}

#[test]
fn duplicate_plan_needs_an_administration_issuer() {
    let mut r = Registry::default();
    for id in ["a", "b"] {
        add(&mut r, plan(id, "2020-2021", PlanStatus::Draft).with_issuers(&["ghost", "ghost-cd"]).unwrap());
    }
    assert_findings(
        &r,
        &["error unit-unknown-reference plan:a issuers", "error unit-unknown-reference plan:b issuers"],
    );
}

#[test]
fn malformed_numbers_are_compared_too() {
    let mut r = clean();
    edit_plan(&mut r, "tx-2020", |p| p.number = Some(num("5/khph")));
    add(&mut r, tx_withdrawn("tx-2020-a", "2020-2021", "5/khph", d(2020, 9, 1)));
    assert_findings(
        &r,
        &[
            "error document-number-duplicate plan:tx-2020 number",
            "error document-number-format plan:tx-2020 number",
            "error document-number-duplicate plan:tx-2020-a number",
        ],
    );
}
