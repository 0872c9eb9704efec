//! The text report of findings: the verdict and counts first, findings grouped under the subject they are
//! about (units, then plans), each rule's legal basis printed once and cited by number, in Vietnamese and in
//! English.

use std::collections::BTreeSet;

use crate::support::common::*;
use crate::support::export::*;
use kehoach::export::{Language, text_report};
use kehoach::{Registry, Report, Rule, Subject};

/// The text of the report from the first line that starts with `heading` to the next heading (`== `).
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(heading).unwrap_or_else(|| panic!("a section {heading:?} in:\n{text}"));
    let rest = &text[start + heading.len()..];
    &text[start..start + heading.len() + rest.find("\n== ").unwrap_or(rest.len())]
}

/// The subject headings (lines that start at column 0 after a blank line and are not section headings).
fn subject_headings(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let basis =
        lines.iter().position(|l| l.starts_with("== Căn cứ") || l.starts_with("== Basis")).unwrap_or(lines.len());
    (4..basis).filter(|&i| lines[i - 1].is_empty() && !lines[i].starts_with("==")).map(|i| lines[i]).collect()
}

fn heading_of(r: &Registry, s: &Subject, lang: Language) -> String {
    let (unit, plan) = match lang {
        Language::Vi => ("Đơn vị", "Kế hoạch"),
        Language::En => ("Unit", "Plan"),
    };
    match s {
        Subject::Unit(id) => format!("{unit} {id} — {}", r.unit(id.as_str()).expect("a unit").name),
        Subject::Plan(id) => {
            let p = r.plan(id.as_str()).expect("a plan");
            format!("{plan} {id} — {}", p.number.as_ref().map_or(p.title.to_string(), |n| n.to_string()))
        }
        Subject::Registry => unreachable!("no rule of version 1 is about the registry"),
    }
}

fn both(r: &Registry) -> (Report, String, String) {
    let report = r.validate();
    let vi = text_report(r, &report, Language::Vi);
    let en = text_report(r, &report, Language::En);
    (report, vi, en)
}

#[test]
fn the_counts_and_the_verdict_come_first() {
    let (report, vi, en) = both(&mixed());
    let c = report.counts();
    assert!(c.error > 1 && c.warning > 1 && c.info == 1, "the fixture has several of each: {c:?}");
    let vi_lines: Vec<&str> = vi.lines().take(3).collect();
    assert_eq!(vi_lines[0], "BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP");
    assert_eq!(
        vi_lines[1],
        format!("Kết luận: KHÔNG ĐẠT — {} lỗi, {} cảnh báo, {} thông tin", c.error, c.warning, c.info)
    );
    let subjects: BTreeSet<&Subject> = report.findings().iter().map(|f| &f.subject).collect();
    assert_eq!(vi_lines[2], format!("Sổ gồm 14 đơn vị, 10 kế hoạch; {} đối tượng có phát hiện.", subjects.len()));
    let en_lines: Vec<&str> = en.lines().take(3).collect();
    assert_eq!(en_lines[0], "COORDINATION PLAN VALIDATION REPORT");
    assert_eq!(en_lines[1], format!("Verdict: DOES NOT CONFORM — {} errors, {} warnings, 1 info", c.error, c.warning));
    assert_eq!(
        en_lines[2],
        format!("The registry holds 14 units and 10 plans; {} subjects have findings.", subjects.len())
    );

    let (_, vi, en) = both(&hanoi());
    assert!(vi.contains("\nKết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin\n"), "{vi}");
    assert!(en.contains("\nVerdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info\n"), "{en}");
}

#[test]
fn findings_are_grouped_under_their_subject_in_the_reports_order() {
    let r = mixed();
    let (report, vi, en) = both(&r);
    for (lang, text) in [(Language::Vi, &vi), (Language::En, &en)] {
        let mut expected: Vec<String> = report.findings().iter().map(|f| heading_of(&r, &f.subject, lang)).collect();
        expected.dedup();
        assert_eq!(subject_headings(text), expected, "{lang:?}: each subject once, in order:\n{text}");
        // Every finding is listed under its subject's heading, before the next heading.
        for f in report.findings() {
            let heading = heading_of(&r, &f.subject, lang);
            let start = text.find(&format!("\n{heading}\n")).expect("the heading");
            let block = &text[start + heading.len() + 2..];
            let block = &block[..block.find("\n\n").unwrap_or(block.len())];
            let message = match lang {
                Language::Vi => &f.message.vi,
                Language::En => &f.message.en,
            };
            assert!(block.contains(&format!("] {}: ", f.rule)), "{lang:?}: {} under {heading}", f.rule);
            assert!(block.contains(message.as_str()), "{lang:?}: the message under {heading}");
        }
    }
    let units = section(&en, "== Units (");
    let plans = section(&en, "== Plans (");
    assert!(en.find("== Units (").expect("units") < en.find("== Plans (").expect("plans"));
    assert!(units.contains("Unit cg-th-yh — Trường Tiểu học Yên Hòa"), "{units}");
    assert!(plans.contains("Plan tx-th-kt-2020 — 12/KHPH-THKT-CĐ"), "{plans}");
    assert!(plans.contains("Plan mo-coi-2020 — Kế hoạch phối hợp năm học 2020-2021"), "a draft by its title: {plans}");
    let n_units = report
        .findings()
        .iter()
        .filter(|f| matches!(f.subject, Subject::Unit(_)))
        .map(|f| &f.subject)
        .collect::<BTreeSet<_>>()
        .len();
    assert!(en.contains(&format!("== Units ({n_units}) ==")), "{en}");
}

#[test]
fn each_rules_basis_is_printed_once_and_cited_by_number() {
    let mut r = mixed();
    // parent-plan-missing quotes the same basis as school-without-plan (both are hierarchy rules).
    edit_plan(&mut r, "cg-2020", |p| p.implements = Vec::new());
    let (report, vi, en) = both(&r);
    let rules: Vec<Rule> = {
        let mut seen = Vec::new();
        for f in report.findings() {
            if !seen.contains(&f.rule) {
                seen.push(f.rule);
            }
        }
        seen
    };
    assert!(
        report.findings().iter().filter(|f| f.rule == Rule::SchoolWithoutPlan).count() == 3,
        "the fixture has a rule that fires three times"
    );
    assert_eq!(Rule::ParentPlanMissing.basis(r.profile()), Rule::SchoolWithoutPlan.basis(r.profile()));
    assert!(rules.contains(&Rule::ParentPlanMissing), "two fired rules share a basis");
    for (lang, text, heading) in [(Language::Vi, &vi, "== Căn cứ pháp lý =="), (Language::En, &en, "== Basis ==")]
    {
        let basis = section(text, heading);
        for f in report.findings() {
            // Rules of one family may quote the same basis; each rule quotes it once.
            let rules_quoting = rules
                .iter()
                .filter(|rule| report.findings().iter().any(|g| g.rule == **rule && g.basis == f.basis))
                .count();
            assert_eq!(text.matches(f.basis).count(), rules_quoting, "{lang:?}: the basis of {} once", f.rule);
            assert!(basis.contains(f.basis), "{lang:?}: in the basis section");
        }
        // Numbered in order of first use, and each finding cites its rule's number.
        for (i, rule) in rules.iter().enumerate() {
            let title = match lang {
                Language::Vi => rule.title_vi(),
                Language::En => rule.title_en(),
            };
            let entry = format!("\n[{}] {rule}: {title}\n", i + 1);
            assert!(basis.contains(&entry), "{lang:?}: {entry:?} in {basis}");
        }
        assert_eq!(basis.matches("\n[").count(), rules.len(), "{lang:?}: one entry per rule");
        let cite = match lang {
            Language::Vi => "căn cứ",
            Language::En => "basis",
        };
        for (i, rule) in rules.iter().enumerate() {
            let cited = text.matches(&format!("{cite} [{}])", i + 1)).count();
            assert_eq!(cited, report.findings().iter().filter(|f| f.rule == *rule).count(), "{lang:?}: {rule}");
        }
    }
}

#[test]
fn each_language_reads_in_that_language() {
    let (report, vi, en) = both(&hanoi());
    let quorum = report.findings().iter().find(|f| f.rule == Rule::StaffConferenceQuorum).expect("quorum");
    assert!(vi.contains(&quorum.message.vi) && !vi.contains(&quorum.message.en));
    assert!(en.contains(&quorum.message.en) && !en.contains(&quorum.message.vi));
    assert!(vi.contains("  [lỗi] staff-conference-quorum: Hội nghị cán bộ, viên chức không đủ 2/3 số người tham dự\n"));
    assert!(en.contains("  [error] staff-conference-quorum: Staff conference below the two-thirds quorum\n"));
    assert!(vi.contains("    (trường dữ liệu approvals; căn cứ [2])\n"), "{vi}");
    assert!(en.contains("    (field approvals; basis [2])\n"), "{en}");
    assert!(vi.contains("    (năm học 2020-2021; căn cứ [1])\n"), "{vi}");
    assert!(en.contains("    (school year 2020-2021; basis [1])\n"), "{en}");
    assert!(vi.contains("\n== Đơn vị (1) ==\n") && vi.contains("\n== Kế hoạch (1) ==\n"));
}

#[test]
fn a_clean_registry_says_so() {
    let r = clean();
    let (_, vi, en) = both(&r);
    assert!(vi.contains("Kết luận: ĐẠT — 0 lỗi, 0 cảnh báo, 0 thông tin\n"), "{vi}");
    assert!(vi.ends_with("\nKhông có phát hiện nào.\n"), "{vi}");
    assert!(en.contains("Verdict: CONFORMS — 0 errors, 0 warnings, 0 info\n"), "{en}");
    assert!(en.ends_with("\nNo findings.\n"), "{en}");
    assert!(!en.contains("== Basis") && !vi.contains("== Căn cứ"));
}

#[test]
fn a_line_break_in_a_name_does_not_break_the_layout() {
    let mut r = hanoi();
    edit_unit(&mut r, "tx-thcs-kd", |u| u.name = kehoach::Text::new("Trường THCS\nKhương Đình").expect("a name"));
    let (_, vi, _) = both(&r);
    assert!(vi.contains("\nĐơn vị tx-thcs-kd — Trường THCS Khương Đình\n"), "{vi}");
}
