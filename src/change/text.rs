//! The text forms of a what-if and a diff, in Vietnamese or English, read top to bottom: the verdict and the
//! counts, what changed in the data (a diff), the findings that appear, are resolved and change, then the
//! compliance rows that move.

use std::fmt::Write as _;

use super::{ComplianceChange, Diff, Edit, EntryChange, EntryChangeKind, FieldChange, FindingsDelta, Impact};
use crate::export::Language;
use crate::query::Compliance;
use crate::report::Finding;

/// `impact`, the effect of `edits`, as text in `language`.
///
/// ```
/// use kehoach::change::{Edit, what_if_text};
/// use kehoach::export::Language;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = kehoach::format::load_str(include_str!("../../examples/data/hanoi-2020-2021.json"))?;
/// let edits = [Edit::WithdrawPlan("tx-17-2020".parse()?)];
/// let impact = kehoach::Validator::new(registry).what_if(&edits)?;
/// assert!(what_if_text(&edits, &impact, Language::En).contains("1. withdraw plan \"tx-17-2020\""));
/// assert!(what_if_text(&edits, &impact, Language::Vi).contains("1. rút kế hoạch \"tx-17-2020\""));
/// # Ok(()) }
/// ```
pub fn what_if_text(edits: &[Edit], impact: &Impact, language: Language) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_what_if(&mut out, edits, impact, language);
    out
}

/// `diff` as text in `language`.
pub fn diff_text(diff: &Diff, language: Language) -> String {
    let mut out = String::new();
    let _ = write_diff(&mut out, diff, language);
    out
}

fn edit_words(edit: &Edit, lang: Language) -> String {
    match lang {
        Language::En => edit.to_string(),
        Language::Vi => match edit {
            Edit::AddUnit(u) => format!("thêm đơn vị \"{}\"", u.id.as_str()),
            Edit::ReplaceUnit(u) => format!("thay đơn vị \"{}\"", u.id.as_str()),
            Edit::RemoveUnit(id) => format!("xoá đơn vị \"{}\"", id.as_str()),
            Edit::AddPlan(p) => format!("thêm kế hoạch \"{}\"", p.id.as_str()),
            Edit::ReplacePlan(p) => format!("thay kế hoạch \"{}\"", p.id.as_str()),
            Edit::RemovePlan(id) => format!("xoá kế hoạch \"{}\"", id.as_str()),
            Edit::WithdrawPlan(id) => format!("rút kế hoạch \"{}\"", id.as_str()),
            Edit::SetProfile(p) => format!("đặt hồ sơ quy tắc {}", p.code()),
            Edit::SetOverride(rule, Some(level)) => format!("đặt quy tắc {} thành {}", rule.code(), level.code()),
            Edit::SetOverride(rule, None) => format!("đặt quy tắc {} về mặc định", rule.code()),
        },
    }
}

fn write_what_if(out: &mut String, edits: &[Edit], impact: &Impact, lang: Language) -> std::fmt::Result {
    writeln!(out, "{}", lang.pick("NẾU THAY ĐỔI: TÁC ĐỘNG DỰ KIẾN", "WHAT-IF: THE IMPACT OF A CHANGE"))?;
    let verdict = match (impact.is_empty(), lang) {
        (true, Language::Vi) => "không phát hiện hay dòng tuân thủ nào thay đổi",
        (true, Language::En) => "no finding and no compliance row would change",
        (false, Language::Vi) => "có thay đổi",
        (false, Language::En) => "the change would matter",
    };
    writeln!(out, "{}: {verdict}", lang.pick("Kết luận", "Verdict"))?;
    writeln!(out, "\n{} ({}):", lang.pick("Các thay đổi", "The edits"), edits.len())?;
    for (i, e) in edits.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, edit_words(e, lang))?;
    }
    write_findings(out, &impact.findings, lang, true)?;
    write_compliance(out, &impact.compliance, lang)
}

fn write_diff(out: &mut String, d: &Diff, lang: Language) -> std::fmt::Result {
    writeln!(out, "{}", lang.pick("SO SÁNH HAI SỔ KẾ HOẠCH", "DIFF OF TWO REGISTRIES"))?;
    let verdict = match (d.is_empty(), lang) {
        (true, Language::Vi) => "giống nhau",
        (true, Language::En) => "the same",
        (false, Language::Vi) => "khác nhau",
        (false, Language::En) => "they differ",
    };
    writeln!(out, "{}: {verdict}", lang.pick("Kết luận", "Verdict"))?;
    let count = |xs: &[EntryChange<_>], k: EntryChangeKind| xs.iter().filter(|c| c.kind == k).count();
    for (label, added, removed, changed) in [
        (
            lang.pick("Đơn vị", "Units"),
            count(&d.units, EntryChangeKind::Added),
            count(&d.units, EntryChangeKind::Removed),
            count(&d.units, EntryChangeKind::Changed),
        ),
        (
            lang.pick("Kế hoạch", "Plans"),
            count_plans(d, EntryChangeKind::Added),
            count_plans(d, EntryChangeKind::Removed),
            count_plans(d, EntryChangeKind::Changed),
        ),
    ] {
        match lang {
            Language::Vi => writeln!(out, "{label}: thêm {added}, xoá {removed}, sửa {changed}.")?,
            Language::En => writeln!(out, "{label}: {added} added, {removed} removed, {changed} changed.")?,
        }
    }
    if let Some((old, new)) = d.profile {
        writeln!(out, "\n{}: {} → {}", lang.pick("Hồ sơ quy tắc", "Profile"), old.code(), new.code())?;
    }
    if !d.overrides.is_empty() {
        writeln!(out, "\n{}:", lang.pick("Mức của quy tắc", "Rule levels"))?;
        let default = lang.pick("mặc định", "default");
        for c in &d.overrides {
            let level = |l: Option<crate::model::Level>| l.map_or(default, |l| l.code());
            writeln!(out, "  {}: {} → {}", c.rule.code(), level(c.old), level(c.new))?;
        }
    }
    write_entries(out, &d.units, lang.pick("đơn vị", "unit"), lang.pick("Đơn vị", "Units"), lang)?;
    write_entries(out, &d.plans, lang.pick("kế hoạch", "plan"), lang.pick("Kế hoạch", "Plans"), lang)?;
    write_findings(out, &d.findings, lang, false)?;
    write_compliance(out, &d.compliance, lang)
}

fn count_plans(d: &Diff, k: EntryChangeKind) -> usize {
    d.plans.iter().filter(|c| c.kind == k).count()
}

fn write_entries<T>(
    out: &mut String,
    xs: &[EntryChange<T>],
    noun: &str,
    heading: &str,
    lang: Language,
) -> std::fmt::Result {
    if xs.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}:")?;
    for c in xs {
        let (mark, what) = match (c.kind, lang) {
            (EntryChangeKind::Added, Language::Vi) => ('+', "thêm"),
            (EntryChangeKind::Added, Language::En) => ('+', "added"),
            (EntryChangeKind::Removed, Language::Vi) => ('-', "xoá"),
            (EntryChangeKind::Removed, Language::En) => ('-', "removed"),
            (EntryChangeKind::Changed, Language::Vi) => ('~', "sửa"),
            (EntryChangeKind::Changed, Language::En) => ('~', "changed"),
        };
        let moved = if c.moved { lang.pick(" (đổi chỗ trong tệp)", " (moved in the document)") } else { "" };
        writeln!(out, "  {mark} {noun} \"{}\" {what}{moved}", c.id)?;
        for f in &c.fields {
            write_field(out, f, lang)?;
        }
    }
    Ok(())
}

fn write_field(out: &mut String, f: &FieldChange, lang: Language) -> std::fmt::Result {
    let none = lang.pick("(không có)", "(none)");
    if f.is_list() {
        let mut parts = Vec::new();
        if !f.added.is_empty() {
            parts.push(format!("{} {}", lang.pick("thêm", "added"), f.added.join(", ")));
        }
        if !f.removed.is_empty() {
            parts.push(format!("{} {}", lang.pick("bớt", "removed"), f.removed.join(", ")));
        }
        if parts.is_empty() {
            parts.push(lang.pick("cùng các mục, đổi thứ tự", "same items, another order").to_owned());
        }
        writeln!(out, "      {}: {}", f.field, parts.join("; "))
    } else {
        writeln!(out, "      {}: {} → {}", f.field, f.old.as_deref().unwrap_or(none), f.new.as_deref().unwrap_or(none))
    }
}

fn finding_line(f: &Finding, lang: Language) -> String {
    let field = f.field.map(|x| format!(" [{}]", x.code())).unwrap_or_default();
    let year = f.school_year.map(|y| format!(" {y}")).unwrap_or_default();
    let message = match lang {
        Language::Vi => &f.message.vi,
        Language::En => &f.message.en,
    };
    format!("[{}] {} — {}{field}{year}: {message}", f.severity.code(), f.rule.code(), f.subject)
}

fn write_findings(out: &mut String, d: &FindingsDelta, lang: Language, would: bool) -> std::fmt::Result {
    let (appear, resolve, change) = match (lang, would) {
        (Language::Vi, _) => ("Phát hiện mới", "Phát hiện được giải quyết", "Phát hiện thay đổi"),
        (Language::En, true) => {
            ("Findings that would appear", "Findings that would be resolved", "Findings that would change")
        }
        (Language::En, false) => ("Findings that appeared", "Findings resolved", "Findings that changed"),
    };
    match lang {
        Language::Vi => writeln!(
            out,
            "\nPhát hiện: {} mới, {} được giải quyết, {} thay đổi.",
            d.appeared.len(),
            d.resolved.len(),
            d.changed.len()
        )?,
        Language::En => writeln!(
            out,
            "\nFindings: {} {}, {} {}, {} {}.",
            d.appeared.len(),
            if would { "would appear" } else { "appeared" },
            d.resolved.len(),
            if would { "would be resolved" } else { "resolved" },
            d.changed.len(),
            if would { "would change" } else { "changed" },
        )?,
    }
    if !d.appeared.is_empty() {
        writeln!(out, "\n{appear}:")?;
        for f in &d.appeared {
            writeln!(out, "  + {}", finding_line(f, lang))?;
        }
    }
    if !d.resolved.is_empty() {
        writeln!(out, "\n{resolve}:")?;
        for f in &d.resolved {
            writeln!(out, "  - {}", finding_line(f, lang))?;
        }
    }
    if !d.changed.is_empty() {
        writeln!(out, "\n{change}:")?;
        for c in &d.changed {
            writeln!(out, "  ~ {}", finding_line(&c.before, lang))?;
            writeln!(out, "    → {}", finding_line(&c.after, lang))?;
        }
    }
    Ok(())
}

fn row(c: &Option<Compliance>, lang: Language) -> String {
    match (c, lang) {
        (None, Language::Vi) => "(không có)".to_owned(),
        (None, Language::En) => "(none)".to_owned(),
        (Some(c), Language::Vi) => format!(
            "{}/{} trường đạt, {} có lỗi, {} chưa có kế hoạch",
            c.conforming, c.schools, c.with_errors, c.without_plan
        ),
        (Some(c), Language::En) => format!(
            "{}/{} schools conform, {} with errors, {} without a plan",
            c.conforming, c.schools, c.with_errors, c.without_plan
        ),
    }
}

fn write_compliance(out: &mut String, rows: &[ComplianceChange], lang: Language) -> std::fmt::Result {
    if rows.is_empty() {
        return writeln!(out, "\n{}", lang.pick("Bảng tuân thủ: không đổi.", "Compliance: unchanged."));
    }
    writeln!(out, "\n{}:", lang.pick("Bảng tuân thủ thay đổi", "Compliance rows that move"))?;
    for c in rows {
        writeln!(out, "  {} {}:", c.managing_unit.as_str(), c.school_year)?;
        writeln!(out, "    {}: {}", lang.pick("trước", "before"), row(&c.before, lang))?;
        writeln!(out, "    {}: {}", lang.pick("sau", "after"), row(&c.after, lang))?;
    }
    Ok(())
}
