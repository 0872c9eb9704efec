//! The independent oracle the property tests compare the library with: the keys findings are compared by,
//! the invariants every report keeps, the adopting conference, every rule of `spec/rules.md` read from the
//! spec and computed over the public API, and the compliance the definitions of `Compliance` give.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use kehoach::{
    Approval, Count, Plan, PlanStatus, Registry, Report, Rule, SchoolYear, Severity, StaffConference, Subject, Unit,
};

// ---- finding keys ------------------------------------------------------------------------------------

/// What the tests compare of a finding: subject kind and id, rule, field, school year. Its derived order
/// is the spec's order (kind: unit < plan < registry; id by code point, which is byte order of UTF-8;
/// rule code; field, absent first; school year).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub kind: u8,
    pub id: String,
    pub rule: &'static str,
    pub field: Option<&'static str>,
    pub year: Option<String>,
}

pub fn unit_key(id: &str, rule: Rule, field: Option<&'static str>) -> Key {
    Key { kind: 0, id: id.to_owned(), rule: rule.code(), field, year: None }
}

pub fn plan_key(id: &str, rule: Rule, field: &'static str) -> Key {
    Key { kind: 1, id: id.to_owned(), rule: rule.code(), field: Some(field), year: None }
}

pub fn school_without_plan(school: &str, y: SchoolYear) -> Key {
    Key { kind: 0, id: school.to_owned(), rule: Rule::SchoolWithoutPlan.code(), field: None, year: Some(y.to_string()) }
}

pub fn kind_rank(s: &Subject) -> u8 {
    match s {
        Subject::Unit(_) => 0,
        Subject::Plan(_) => 1,
        Subject::Registry => 2,
    }
}

/// The keys of a report, in the report's order.
pub fn keys(report: &Report) -> Vec<Key> {
    report
        .findings()
        .iter()
        .map(|f| Key {
            kind: kind_rank(&f.subject),
            id: f.subject.id().to_owned(),
            rule: f.rule.code(),
            field: f.field.map(|x| x.code()),
            year: f.school_year.map(|y| y.to_string()),
        })
        .collect()
}

/// Keys with severities, for comparing two reports of the same registry.
pub fn keys_with_severity(report: &Report) -> Vec<(Key, Severity)> {
    keys(report).into_iter().zip(report.findings().iter().map(|f| f.severity)).collect()
}

/// Checks what every report must satisfy, whatever the registry: findings in the spec's order, counts
/// that match them, `conforms` iff no error, severities as the registry sets them, at most one finding
/// per (rule, subject, field) except one per school year for `school-without-plan`, subjects that exist,
/// withdrawn plans only as subjects of the three rules that look at them, no registry subject.
pub fn check_report_invariants(reg: &Registry, report: &Report) -> Result<(), String> {
    let ks = keys(report);
    for w in ks.windows(2) {
        if w[0] >= w[1] {
            return Err(format!("findings out of order or repeated: {:?} then {:?}", w[0], w[1]));
        }
    }
    let (mut e, mut wn, mut i) = (0, 0, 0);
    for f in report.findings() {
        match f.severity {
            Severity::Error => e += 1,
            Severity::Warning => wn += 1,
            Severity::Info => i += 1,
        }
        if reg.severity(f.rule) != Some(f.severity) {
            return Err(format!(
                "{} reported with {:?}, registry says {:?}",
                f.rule.code(),
                f.severity,
                reg.severity(f.rule)
            ));
        }
        match &f.subject {
            Subject::Unit(id) => {
                if reg.unit(id.as_str()).is_none() {
                    return Err(format!("finding about unit {id:?}, which does not exist"));
                }
            }
            Subject::Plan(id) => {
                let Some(p) = reg.plan(id.as_str()) else {
                    return Err(format!("finding about plan {id:?}, which does not exist"));
                };
                if p.status == PlanStatus::Withdrawn
                    && !matches!(f.rule, Rule::UnitUnknownReference | Rule::DocumentNumberDuplicate | Rule::PlanCycle)
                {
                    return Err(format!("withdrawn plan {id:?} is the subject of {}", f.rule.code()));
                }
            }
            Subject::Registry => return Err("a finding with a registry subject".into()),
        }
        if (f.rule == Rule::SchoolWithoutPlan) != f.school_year.is_some() {
            return Err(format!("{} with school year {:?}", f.rule.code(), f.school_year));
        }
        if f.message.vi.is_empty() || f.message.en.is_empty() || f.basis.is_empty() {
            return Err(format!("{} has an empty message or basis", f.rule.code()));
        }
    }
    let c = report.counts();
    if (c.error, c.warning, c.info) != (e, wn, i) || c.total() != report.findings().len() {
        return Err(format!("counts {c:?} do not match findings ({e} errors, {wn} warnings, {i} infos)"));
    }
    if report.conforms() != (e == 0) {
        return Err(format!("conforms() is {} with {e} errors", report.conforms()));
    }
    Ok(())
}

/// The index in `approvals` of the adopting conference: the latest `held_on`, the last listed among
/// equals.
pub fn adopting_index(plan: &Plan) -> Option<usize> {
    let mut best: Option<(usize, NaiveDate)> = None;
    for (i, a) in plan.approvals.iter().enumerate() {
        if let Approval::StaffConference(c) = a {
            if best.is_none_or(|(_, d)| c.held_on >= d) {
                best = Some((i, c.held_on));
            }
        }
    }
    best.map(|(i, _)| i)
}

pub fn adopting(plan: &Plan) -> Option<StaffConference> {
    adopting_index(plan).and_then(|i| match plan.approvals[i] {
        Approval::StaffConference(c) => Some(c),
        Approval::Signing { .. } => None,
    })
}

// ---- an independent oracle: every rule of rules.md, read from the spec, over the public API ------------

/// Upper-case Vietnamese letters beyond `A`–`Z`, built from Unicode composition as `rules.md` states
/// them: `Đ` and the NFC forms of `A Ă Â E Ê I O Ô Ơ U Ư Y` with at most one tone mark.
fn vietnamese_letters() -> BTreeSet<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = BTreeSet::new();
    for base in ["A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"] {
        for mark in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
            let c: String = format!("{base}{mark}").nfc().collect();
            let mut chars = c.chars();
            let (Some(ch), None) = (chars.next(), chars.next()) else {
                panic!("{base}{mark} does not compose to one character");
            };
            out.insert(ch);
        }
    }
    out.insert('Đ');
    out
}

/// The number with the runs of U+0020 next to `/` or `-` removed.
pub fn oracle_canonical(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != ' ' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let touches = |c: Option<char>| matches!(c, Some('/' | '-'));
        if !(touches(before) || touches(after)) {
            out.extend(&chars[start..i]);
        }
    }
    out
}

/// Whether a canonical number follows the grammar of `rules.md`.
pub fn oracle_well_formed(c: &str) -> bool {
    let upper = vietnamese_letters();
    let is_upper = |ch: char| ch.is_ascii_uppercase() || upper.contains(&ch);
    let is_lower = |ch: char| ch.is_ascii_lowercase() || upper.iter().any(|u| u.to_lowercase().eq(std::iter::once(ch)));
    if c.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((serial, symbol)) = c.split_once('/') else {
        return false;
    };
    if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let padded = serial.len() == 2 && serial.starts_with('0') && serial != "00";
    let plain = serial.len() >= 2 && !serial.starts_with('0');
    if !(padded || plain) {
        return false;
    }
    let groups: Vec<&str> = symbol.split('-').collect();
    groups.len() >= 2
        && groups.iter().all(|g| {
            let Some(first) = g.chars().next() else {
                return false;
            };
            (first.is_ascii_digit() || is_upper(first))
                && g.chars().all(|ch| ch.is_ascii_digit() || ch == '&' || is_upper(ch) || is_lower(ch))
        })
}

/// Every finding `rules.md` says `reg` has, as keys, for the rules that are not off.
#[allow(clippy::too_many_lines)]
pub fn oracle(reg: &Registry) -> BTreeSet<Key> {
    use kehoach::Side;
    let mut out: BTreeSet<Key> = BTreeSet::new();
    let units: Vec<&Unit> = reg.units().collect();
    let plans: Vec<&Plan> = reg.plans().collect();
    let admin = |id: &str| reg.unit(id).filter(|u| u.side() == Side::Administration);
    let manager_of = |u: &Unit| u.parent.as_ref().and_then(|p| admin(p.as_str()));
    let admin_issuer = |p: &Plan| p.issuers.first().and_then(|i| admin(i.as_str()));
    let managing = |p: &Plan| admin_issuer(p).and_then(manager_of);
    let active = |p: &Plan| p.status != PlanStatus::Withdrawn;
    let mut add = |k: Key| {
        out.insert(k);
    };

    for u in &units {
        let id = u.id.as_str();
        if let Some(p) = &u.parent {
            match reg.unit(p.as_str()) {
                None => add(unit_key(id, Rule::UnitUnknownReference, Some("parent"))),
                Some(q) if q.side() != u.side() => add(unit_key(id, Rule::UnitSideMismatch, Some("parent"))),
                Some(_) => {}
            }
        }
        if let Some(c) = u.counterpart() {
            match reg.unit(c.as_str()) {
                None => add(unit_key(id, Rule::UnitUnknownReference, Some("counterpart"))),
                Some(q) if q.side() != Side::Union => add(unit_key(id, Rule::UnitSideMismatch, Some("counterpart"))),
                Some(_) => {}
            }
        }
        // Following parent from u comes back to u.
        let mut at = u.parent.as_ref().and_then(|p| reg.unit(p.as_str()));
        for _ in 0..=units.len() {
            match at {
                Some(x) if x.id == u.id => {
                    add(unit_key(id, Rule::UnitHierarchyCycle, Some("parent")));
                    break;
                }
                Some(x) => at = x.parent.as_ref().and_then(|p| reg.unit(p.as_str())),
                None => break,
            }
        }
        // school-without-plan.
        if u.is_school() {
            if let Some(m) = manager_of(u) {
                let issued_by = |unit: &str, y: SchoolYear| {
                    plans.iter().any(|p| {
                        p.status == PlanStatus::Issued
                            && p.school_year == y
                            && admin_issuer(p).is_some_and(|a| a.id == unit)
                    })
                };
                let years: BTreeSet<SchoolYear> = plans.iter().map(|p| p.school_year).collect();
                for y in years {
                    if issued_by(m.id.as_str(), y) && !issued_by(id, y) {
                        add(school_without_plan(id, y));
                    }
                }
            }
        }
    }

    for p in &plans {
        let id = p.id.as_str();
        if p.issuers.iter().any(|i| reg.unit(i.as_str()).is_none()) {
            add(plan_key(id, Rule::UnitUnknownReference, "issuers"));
        }
        // plan-cycle: following implements (any status) comes back.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut todo: Vec<&Plan> = p.implements.iter().filter_map(|i| reg.plan(i.as_str())).collect();
        while let Some(q) = todo.pop() {
            if q.id == p.id {
                add(plan_key(id, Rule::PlanCycle, "implements"));
                break;
            }
            if seen.insert(q.id.as_str()) {
                todo.extend(q.implements.iter().filter_map(|i| reg.plan(i.as_str())));
            }
        }
        // document-number-duplicate: issued or withdrawn plans.
        if p.status != PlanStatus::Draft {
            if let (Some(a), Some(n), Some(d)) = (admin_issuer(p), &p.number, p.issued_on) {
                let c = oracle_canonical(n.as_str());
                let same = plans
                    .iter()
                    .filter(|q| {
                        q.status != PlanStatus::Draft
                            && admin_issuer(q).is_some_and(|b| b.id == a.id)
                            && q.number.as_ref().is_some_and(|m| oracle_canonical(m.as_str()) == c)
                            && q.issued_on.is_some_and(|e| e.year() == d.year())
                    })
                    .count();
                if same >= 2 {
                    add(plan_key(id, Rule::DocumentNumberDuplicate, "number"));
                }
            }
        }
        if !active(p) {
            continue;
        }
        // plan-issuers.
        let first = p.issuers.first().and_then(|i| reg.unit(i.as_str()));
        let second = p.issuers.get(1).and_then(|i| reg.unit(i.as_str()));
        let wrong_count = p.issuers.len() != 2;
        let wrong_first = first.is_some_and(|u| u.side() != Side::Administration);
        let wrong_second = second.is_some_and(|u| u.side() != Side::Union);
        let wrong_pair = match (first, second) {
            (Some(a), Some(b)) => a.counterpart().and_then(|c| reg.unit(c.as_str())).is_some_and(|cp| cp.id != b.id),
            _ => false,
        };
        if wrong_count || wrong_first || wrong_second || wrong_pair {
            add(plan_key(id, Rule::PlanIssuers, "issuers"));
        }
        if p.status == PlanStatus::Issued {
            if p.number.is_none() {
                add(plan_key(id, Rule::PlanIssuedFields, "number"));
            }
            if p.issued_on.is_none() {
                add(plan_key(id, Rule::PlanIssuedFields, "issued_on"));
            }
        }
        if let Some(n) = &p.number {
            let c = oracle_canonical(n.as_str());
            if c != n.as_str() {
                add(plan_key(id, Rule::DocumentNumberSpacing, "number"));
            }
            if !oracle_well_formed(&c) {
                add(plan_key(id, Rule::DocumentNumberFormat, "number"));
            } else {
                let ty = c.split_once('/').and_then(|(_, s)| s.split('-').next()).unwrap_or_default();
                if !["KH", "KHLT", "KHPH"].contains(&ty) {
                    add(plan_key(id, Rule::DocumentNumberType, "number"));
                }
            }
        }
        if p.issued_on.is_some_and(|d| !p.school_year.contains(d)) {
            add(plan_key(id, Rule::SchoolYearWindow, "issued_on"));
        }
        if let Some(a) = admin_issuer(p) {
            let group = plans
                .iter()
                .filter(|q| {
                    active(q) && q.school_year == p.school_year && admin_issuer(q).is_some_and(|b| b.id == a.id)
                })
                .count();
            if group >= 2 {
                add(plan_key(id, Rule::DuplicatePlan, "issuers"));
            }
        }
        // The hierarchy.
        let resolved: Vec<Option<&Plan>> = p.implements.iter().map(|i| reg.plan(i.as_str())).collect();
        let parents: Vec<&Plan> = resolved.iter().flatten().copied().filter(|q| active(q)).collect();
        let all_active = resolved.iter().all(|r| r.is_some_and(active));
        let m = managing(p);
        if m.is_some() && p.implements.is_empty() {
            add(plan_key(id, Rule::ParentPlanMissing, "implements"));
        }
        if resolved.iter().any(Option::is_none) {
            add(plan_key(id, Rule::ParentPlanUnknown, "implements"));
        }
        if resolved.iter().flatten().any(|q| !active(q)) {
            add(plan_key(id, Rule::ParentPlanWithdrawn, "implements"));
        }
        if let Some(m) = m {
            if parents.iter().any(|q| admin_issuer(q).is_some_and(|a| a.id != m.id)) {
                add(plan_key(id, Rule::ParentPlanWrongIssuer, "implements"));
            }
        }
        if parents.iter().any(|q| q.school_year != p.school_year) {
            add(plan_key(id, Rule::ParentPlanSchoolYear, "implements"));
        }
        if let Some(d) = p.issued_on {
            if parents.iter().any(|q| q.issued_on.is_some_and(|e| d < e)) {
                add(plan_key(id, Rule::ParentPlanDateOrder, "issued_on"));
            }
        }
        // Staff conference.
        let has_conference = p.approvals.iter().any(|a| matches!(a, Approval::StaffConference(_)));
        if p.status == PlanStatus::Issued && !has_conference {
            if let Some(school) = admin_issuer(p).filter(|a| a.is_school()) {
                if school.staff_count().is_none_or(|s| s.get() > 7) {
                    add(plan_key(id, Rule::StaffConferenceMissing, "approvals"));
                }
            }
        }
        if let Some(c) = adopting(p) {
            let (t, a, v) = (c.staff_total.wide(), c.attendees.wide(), c.votes_for.wide());
            let against = c.votes_against.map_or(0, Count::wide);
            if a > t || v + against > a {
                add(plan_key(id, Rule::StaffConferenceCounts, "approvals"));
            }
            if a * 3 < t * 2 {
                add(plan_key(id, Rule::StaffConferenceQuorum, "approvals"));
            }
            if v * 2 <= a {
                add(plan_key(id, Rule::StaffConferenceMajority, "approvals"));
            }
            if !p.school_year.contains(c.held_on) {
                add(plan_key(id, Rule::StaffConferenceWindow, "approvals"));
            }
            if parents.iter().any(|q| q.issued_on.is_some_and(|e| c.held_on < e)) {
                add(plan_key(id, Rule::StaffConferenceBeforeParent, "approvals"));
            }
        }
        // Content areas.
        if all_active && !p.implements.is_empty() {
            let pooled: BTreeSet<&str> =
                parents.iter().flat_map(|q| q.content_areas.iter().map(|a| a.code.as_str())).collect();
            let addressed: BTreeSet<&str> =
                p.content_areas.iter().flat_map(|a| a.addresses.iter().map(|c| c.as_str())).collect();
            if addressed.iter().any(|c| !pooled.contains(c)) {
                add(plan_key(id, Rule::ContentAreaUnknown, "content_areas"));
            }
            if !p.content_areas.is_empty() && pooled.iter().any(|c| !addressed.contains(c)) {
                add(plan_key(id, Rule::ContentAreaUncovered, "content_areas"));
            }
        }
    }
    out.retain(|k| reg.severity(Rule::from_code(k.rule).expect("a rule")).is_some());
    out
}

/// How each managing unit's schools stand, derived from the definitions of `Compliance` and a report:
/// (managing unit, school year, schools, conforming, with errors, without a plan), ordered by unit id and
/// year.
pub fn oracle_compliance(reg: &Registry, report: &Report) -> Vec<(String, SchoolYear, usize, usize, usize, usize)> {
    use std::collections::BTreeMap;
    let mut by_manager: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for u in reg.units().filter(|u| u.is_school()) {
        let Some(m) = u.parent.as_ref().and_then(|p| reg.unit(p.as_str())) else {
            continue;
        };
        if m.side() == kehoach::Side::Administration {
            by_manager.entry(m.id.to_string()).or_default().push(u.id.to_string());
        }
    }
    let issued = |issuer: &str, y: Option<SchoolYear>| -> Vec<&Plan> {
        reg.plans()
            .filter(|p| {
                p.status == PlanStatus::Issued
                    && p.issuers.first().is_some_and(|i| i == issuer)
                    && y.is_none_or(|y| p.school_year == y)
            })
            .collect()
    };
    let has_error = |p: &Plan| {
        report.findings().iter().any(|f| f.severity == Severity::Error && f.subject == Subject::Plan(p.id.clone()))
    };
    let mut out = Vec::new();
    for (m, schools) in by_manager {
        let mut years: BTreeSet<SchoolYear> = issued(&m, None).iter().map(|p| p.school_year).collect();
        for s in &schools {
            years.extend(issued(s, None).iter().map(|p| p.school_year));
        }
        for y in years {
            let (mut ok, mut bad, mut none) = (0, 0, 0);
            for s in &schools {
                let plans = issued(s, Some(y));
                if plans.is_empty() {
                    none += 1;
                } else if plans.iter().any(|p| !has_error(p)) {
                    ok += 1;
                } else {
                    bad += 1;
                }
            }
            out.push((m.clone(), y, schools.len(), ok, bad, none));
        }
    }
    out
}

/// The compliance the registry computes, in the shape of [`oracle_compliance`].
pub fn compliance_rows(reg: &Registry, report: &Report) -> Vec<(String, SchoolYear, usize, usize, usize, usize)> {
    reg.compliance(report)
        .into_iter()
        .map(|c| (c.managing_unit.to_string(), c.school_year, c.schools, c.conforming, c.with_errors, c.without_plan))
        .collect()
}
