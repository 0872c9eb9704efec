//! The findings of a report as text for people, in Vietnamese or English.
//!
//! A [`Report`] lists findings one by one, each with its own copy of the legal basis; read in that form, a
//! registry with forty schools missing their conference repeats the same paragraph of law forty times. This
//! report instead opens with the verdict and the counts, lists findings grouped under the unit or plan they
//! are about (named as an officer knows it: a unit by its name, a plan by its document number), and prints
//! each rule's basis once, in a closing "Căn cứ / Basis" section, numbered in order of first use; every
//! finding points to its number.
//!
//! The bases are quoted from the rule catalogue, which writes them in Vietnamese with an English gloss, so
//! they read the same in both languages.

use std::fmt::Write as _;

use crate::catalogue::Rule;
use crate::model::Severity;
use crate::registry::Registry;
use crate::report::{Finding, Report, Subject, SubjectKind};

use super::Language;

/// The findings of `report` (about `registry`, which gives the names of units and plans) as a text report in
/// `language`: a heading with the verdict and the counts, the findings grouped by subject (units, then plans,
/// then the registry, each in the report's order), and a basis section that quotes the legal basis of each
/// rule that fired once, with a reference number that each finding cites.
///
/// ```
/// use kehoach::export::{Language, text_report};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let report = registry.validate();
/// let vi = text_report(&registry, &report, Language::Vi);
/// assert!(vi.contains("Kết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin"));
/// assert!(vi.contains("Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ"));
/// assert!(vi.contains("Căn cứ pháp lý"));
/// let en = text_report(&registry, &report, Language::En);
/// assert!(en.contains("Verdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info"));
/// assert!(en.contains("[error] staff-conference-quorum"));
/// # Ok(()) }
/// ```
pub fn text_report(registry: &Registry, report: &Report, language: Language) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, registry, report, language);
    out
}

fn write_report(out: &mut String, registry: &Registry, report: &Report, lang: Language) -> std::fmt::Result {
    let c = report.counts();
    let findings = report.findings();
    let mut subjects: Vec<&Subject> = findings.iter().map(|f| &f.subject).collect();
    subjects.dedup();

    writeln!(out, "{}", lang.pick("BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP", "COORDINATION PLAN VALIDATION REPORT"))?;
    let verdict = match (report.conforms(), lang) {
        (true, Language::Vi) => "ĐẠT",
        (false, Language::Vi) => "KHÔNG ĐẠT",
        (true, Language::En) => "CONFORMS",
        (false, Language::En) => "DOES NOT CONFORM",
    };
    writeln!(out, "{}: {verdict} — {}", lang.pick("Kết luận", "Verdict"), counts(c.error, c.warning, c.info, lang))?;
    match lang {
        Language::Vi => writeln!(
            out,
            "Sổ gồm {} đơn vị, {} kế hoạch; {} đối tượng có phát hiện.",
            registry.unit_count(),
            registry.plan_count(),
            subjects.len()
        )?,
        Language::En => writeln!(
            out,
            "The registry holds {} units and {} plans; {} {} findings.",
            registry.unit_count(),
            registry.plan_count(),
            subjects.len(),
            if subjects.len() == 1 { "subject has" } else { "subjects have" }
        )?,
    }
    if findings.is_empty() {
        writeln!(out, "\n{}", lang.pick("Không có phát hiện nào.", "No findings."))?;
        return Ok(());
    }

    // The basis of each rule, numbered in order of first use. A rule quotes one basis per profile, so a
    // report has one per rule; should two ever differ, each gets its own number.
    let mut bases: Vec<(Rule, &'static str)> = Vec::new();
    let mut reference = |f: &Finding| -> usize {
        let at = bases.iter().position(|&(r, b)| r == f.rule && b == f.basis).unwrap_or_else(|| {
            bases.push((f.rule, f.basis));
            bases.len() - 1
        });
        at + 1
    };

    let mut kind = None;
    let mut rest = findings;
    while let Some(first) = rest.first() {
        let subject = &first.subject;
        let n = rest.iter().take_while(|f| &f.subject == subject).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        if kind != Some(subject.kind()) {
            kind = Some(subject.kind());
            let total = subjects.iter().filter(|s| s.kind() == subject.kind()).count();
            writeln!(out, "\n== {} ({total}) ==", kind_heading(subject.kind(), lang))?;
        }
        writeln!(out, "\n{}", subject_heading(registry, subject, lang))?;
        for f in group {
            let r = reference(f);
            let mut facts = Vec::new();
            if let Some(field) = f.field {
                facts.push(format!("{} {field}", lang.pick("trường dữ liệu", "field")));
            }
            if let Some(y) = f.school_year {
                facts.push(format!("{} {y}", lang.pick("năm học", "school year")));
            }
            facts.push(format!("{} [{r}]", lang.pick("căn cứ", "basis")));
            writeln!(out, "  [{}] {}: {}", severity(f.severity, lang), f.rule, title(f.rule, lang))?;
            writeln!(out, "    {}", one_line(lang.pick(&f.message.vi, &f.message.en)))?;
            writeln!(out, "    ({})", facts.join("; "))?;
        }
    }

    writeln!(out, "\n== {} ==", lang.pick("Căn cứ pháp lý", "Basis"))?;
    for (i, (rule, basis)) in bases.iter().enumerate() {
        writeln!(out, "\n[{}] {}: {}", i + 1, rule, title(*rule, lang))?;
        writeln!(out, "    {basis}")?;
    }
    Ok(())
}

fn counts(error: usize, warning: usize, info: usize, lang: Language) -> String {
    match lang {
        Language::Vi => format!("{error} lỗi, {warning} cảnh báo, {info} thông tin"),
        Language::En => format!(
            "{error} {}, {warning} {}, {info} info",
            if error == 1 { "error" } else { "errors" },
            if warning == 1 { "warning" } else { "warnings" }
        ),
    }
}

fn severity(s: Severity, lang: Language) -> &'static str {
    match lang {
        Language::Vi => s.name_vi(),
        Language::En => s.code(),
    }
}

fn title(rule: Rule, lang: Language) -> &'static str {
    match lang {
        Language::Vi => rule.title_vi(),
        Language::En => rule.title_en(),
    }
}

fn kind_heading(kind: SubjectKind, lang: Language) -> &'static str {
    match kind {
        SubjectKind::Unit => lang.pick("Đơn vị", "Units"),
        SubjectKind::Plan => lang.pick("Kế hoạch", "Plans"),
        SubjectKind::Registry => lang.pick("Toàn sổ", "The registry"),
    }
}

/// A unit by id and name, a plan by id and number (or title, when it has no number yet).
fn subject_heading(registry: &Registry, subject: &Subject, lang: Language) -> String {
    match subject {
        Subject::Unit(id) => {
            let name = registry.unit(id.as_str()).map(|u| format!(" — {}", one_line(u.name.as_str())));
            format!("{} {}{}", lang.pick("Đơn vị", "Unit"), one_line(id.as_str()), name.unwrap_or_default())
        }
        Subject::Plan(id) => {
            let what = registry.plan(id.as_str()).map(|p| match &p.number {
                Some(n) => format!(" — {}", one_line(n.as_str())),
                None => format!(" — {}", one_line(p.title.as_str())),
            });
            format!("{} {}{}", lang.pick("Kế hoạch", "Plan"), one_line(id.as_str()), what.unwrap_or_default())
        }
        Subject::Registry => lang.pick("Toàn sổ", "The registry").to_owned(),
    }
}

/// `s` on one line, so that a line break in a name cannot break the report's layout.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
