//! Shared helpers of the rule tests: a clean three-level registry that tests mutate, short setters for the
//! fields the rules read, and `validate`, which checks on every report what `spec/rules.md` says of all
//! findings (order, one finding per rule, subject and field, fields and subject kinds per rule, the scope of
//! withdrawn plans, messages in both languages that name the subject, the basis, the counts). And
//! `long_doc`, a document of many units and plans for the loader's tests.
//!
//! Everything goes through the public API of `kehoach`.

use chrono::NaiveDate;
use kehoach::{
    AdministrationKind, Approval, ContentArea, DocumentNumber, Finding, Plan, PlanId, PlanStatus, Profile, Registry,
    Report, Rule, SchoolLevel, SchoolYear, Severity, StaffConference, Subject, SubjectKind, UnionKind, Unit, UnitId,
};

/// A date that exists.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

/// A school year written `2020-2021`.
pub fn sy(s: &str) -> SchoolYear {
    s.parse().expect("a school year")
}

/// Plan ids.
pub fn pids(ids: &[&str]) -> Vec<PlanId> {
    ids.iter().map(|s| PlanId::new(s).expect("an id")).collect()
}

/// Unit ids.
pub fn uids(ids: &[&str]) -> Vec<UnitId> {
    ids.iter().map(|s| UnitId::new(s).expect("an id")).collect()
}

/// A document number.
pub fn num(s: &str) -> DocumentNumber {
    DocumentNumber::new(s).expect("a non-empty number")
}

/// A staff conference approval.
pub fn conf(
    held_on: NaiveDate,
    staff_total: u64,
    attendees: u64,
    votes_for: u64,
    votes_against: Option<u64>,
) -> Approval {
    Approval::StaffConference(
        StaffConference::new(held_on, staff_total, attendees, votes_for, votes_against).expect("counts in range"),
    )
}

/// A content area `code` addressing `addresses` of the parents.
pub fn area(code: &str, addresses: &[&str]) -> ContentArea {
    ContentArea::new(code, &format!("Nội dung {code}")).expect("an area").addressing(addresses).expect("codes")
}

/// The four content areas of plan 2731, without addresses (a root plan).
pub fn root_areas() -> Vec<ContentArea> {
    ["1", "2", "3", "4"].into_iter().map(|c| area(c, &[])).collect()
}

/// Four content areas, each addressing the parent's area with the same code.
pub fn four_areas() -> Vec<ContentArea> {
    ["1", "2", "3", "4"].into_iter().map(|c| area(c, &[c])).collect()
}

/// A plan with the required fields, titled as the seeds title them.
pub fn plan(id: &str, year: &str, status: PlanStatus) -> Plan {
    Plan::new(id, &format!("Kế hoạch phối hợp năm học {year}"), sy(year), status).expect("a plan")
}

/// An issued plan with number, date, issuers and parents.
pub fn issued(id: &str, year: &str, number: &str, on: NaiveDate, issuers: &[&str], implements: &[&str]) -> Plan {
    plan(id, year, PlanStatus::Issued)
        .with_number(number)
        .expect("number")
        .issued(on)
        .with_issuers(issuers)
        .expect("issuers")
        .implementing(implements)
        .expect("parents")
}

fn admin(id: &str, name: &str, kind: AdministrationKind) -> Unit {
    Unit::administration(id, name, kind).expect("a unit")
}

fn union(id: &str, name: &str, kind: UnionKind) -> Unit {
    Unit::union(id, name, kind).expect("a unit")
}

/// The clean registry under the default profile (three-tier-2020).
pub fn clean() -> Registry {
    clean_under(Profile::ThreeTier2020)
}

/// A clean three-level registry of Hanoi, school year 2020-2021, with no finding at all:
///
/// - `hn-sgd` (department, counterpart `hn-cdn`) and `hn-cdn` (sector union): plan `hn-2020`
///   (`2731/KHLT-SGDĐT-CĐN`, 2020-08-27, areas 1-4);
/// - `tx-pgd` (Thanh Xuân office, parent `hn-sgd`, counterpart `tx-ldld`) and `tx-ldld`: plan `tx-2020`
///   (`17/KHPH-GD&ĐT-LĐLĐ`, 2020-09-04, implements `hn-2020`, areas 1-4 addressing 1-4);
/// - `cg-pgd` (Cầu Giấy office) and `cg-ldld`: plan `cg-2020` (`21/KHPH-GD&ĐT-LĐLĐ`, 2020-09-07, implements
///   `hn-2020`);
/// - schools with grassroots unions: `tx-thcs-nc` (48 staff) and `tx-th-kt` (30 staff) under `tx-pgd`,
///   `cg-th-yh` (52 staff) under `cg-pgd`, `hn-thpt-nt` (upper secondary, 90 staff) under `hn-sgd`; each
///   has one issued plan `<school>-2020` implementing its managing unit's plan, areas 1-4, and a staff
///   conference that passes.
pub fn clean_under(profile: Profile) -> Registry {
    use AdministrationKind::{EducationDepartment, EducationOffice};
    use UnionKind::{GrassrootsUnion, LabourFederation, SectorUnion};
    let mut r = Registry::new(profile);
    let units = vec![
        admin("hn-sgd", "Sở Giáo dục và Đào tạo Hà Nội", EducationDepartment)
            .with_counterpart("hn-cdn")
            .expect("counterpart"),
        union("hn-cdn", "Công đoàn ngành Giáo dục Hà Nội", SectorUnion),
        admin("tx-pgd", "Phòng Giáo dục và Đào tạo quận Thanh Xuân", EducationOffice)
            .with_parent("hn-sgd")
            .and_then(|u| u.with_counterpart("tx-ldld"))
            .expect("links"),
        union("tx-ldld", "Liên đoàn Lao động quận Thanh Xuân", LabourFederation),
        admin("cg-pgd", "Phòng Giáo dục và Đào tạo quận Cầu Giấy", EducationOffice)
            .with_parent("hn-sgd")
            .and_then(|u| u.with_counterpart("cg-ldld"))
            .expect("links"),
        union("cg-ldld", "Liên đoàn Lao động quận Cầu Giấy", LabourFederation),
    ];
    for u in units {
        r.add_unit(u).expect("a new unit");
    }
    let schools: [(&str, &str, SchoolLevel, u64, &str, &str); 4] = [
        ("tx-thcs-nc", "Trường THCS Nhân Chính", SchoolLevel::LowerSecondary, 48, "tx-pgd", "tx-ldld"),
        ("tx-th-kt", "Trường Tiểu học Khương Trung", SchoolLevel::Primary, 30, "tx-pgd", "tx-ldld"),
        ("cg-th-yh", "Trường Tiểu học Yên Hòa", SchoolLevel::Primary, 52, "cg-pgd", "cg-ldld"),
        ("hn-thpt-nt", "Trường THPT Nguyễn Trãi - Ba Đình", SchoolLevel::UpperSecondary, 90, "hn-sgd", "hn-cdn"),
    ];
    for (id, name, level, staff, manager, union_above) in schools {
        let cd = format!("{id}-cd");
        r.add_unit(
            Unit::school(id, name, level, Some(staff))
                .and_then(|u| u.with_parent(manager))
                .and_then(|u| u.with_counterpart(&cd))
                .expect("a school"),
        )
        .expect("a new unit");
        r.add_unit(
            union(&cd, &format!("Công đoàn {name}"), GrassrootsUnion).with_parent(union_above).expect("a union"),
        )
        .expect("a new unit");
    }
    let y = "2020-2021";
    let plans = vec![
        issued("hn-2020", y, "2731/KHLT-SGDĐT-CĐN", d(2020, 8, 27), &["hn-sgd", "hn-cdn"], &[])
            .with_content_areas(root_areas())
            .expect("areas"),
        issued("tx-2020", y, "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 4), &["tx-pgd", "tx-ldld"], &["hn-2020"])
            .with_content_areas(four_areas())
            .expect("areas"),
        issued("cg-2020", y, "21/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 7), &["cg-pgd", "cg-ldld"], &["hn-2020"])
            .with_content_areas(four_areas())
            .expect("areas"),
        issued(
            "tx-thcs-nc-2020",
            y,
            "15/KHPH-THCSNC-CĐ",
            d(2020, 9, 28),
            &["tx-thcs-nc", "tx-thcs-nc-cd"],
            &["tx-2020"],
        )
        .with_content_areas(four_areas())
        .expect("areas")
        .approved(conf(d(2020, 9, 25), 48, 40, 37, Some(1))),
        issued("tx-th-kt-2020", y, "12/KHPH-THKT-CĐ", d(2020, 9, 30), &["tx-th-kt", "tx-th-kt-cd"], &["tx-2020"])
            .with_content_areas(four_areas())
            .expect("areas")
            .approved(conf(d(2020, 9, 29), 30, 25, 20, None)),
        issued("cg-th-yh-2020", y, "10/KHPH-THYH-CĐ", d(2020, 9, 25), &["cg-th-yh", "cg-th-yh-cd"], &["cg-2020"])
            .with_content_areas(four_areas())
            .expect("areas")
            .approved(conf(d(2020, 9, 24), 52, 40, 33, Some(2))),
        issued(
            "hn-thpt-nt-2020",
            y,
            "08/KHPH-THPTNT-CĐ",
            d(2020, 10, 2),
            &["hn-thpt-nt", "hn-thpt-nt-cd"],
            &["hn-2020"],
        )
        .with_content_areas(four_areas())
        .expect("areas")
        .approved(conf(d(2020, 10, 1), 90, 80, 75, Some(3))),
    ];
    for p in plans {
        r.add_plan(p).expect("a new plan");
    }
    r
}

/// Changes plan `id` in place.
pub fn edit_plan(r: &mut Registry, id: &str, f: impl FnOnce(&mut Plan)) {
    let mut p = r.plan(id).cloned().expect("the plan exists");
    f(&mut p);
    r.replace_plan(p).expect("the plan is replaced");
}

/// Changes unit `id` in place.
pub fn edit_unit(r: &mut Registry, id: &str, f: impl FnOnce(&mut Unit)) {
    let mut u = r.unit(id).cloned().expect("the unit exists");
    f(&mut u);
    r.replace_unit(u).expect("the unit is replaced");
}

/// Adds `p`.
pub fn add(r: &mut Registry, p: Plan) {
    r.add_plan(p).expect("a new plan");
}

/// Validates `r` and checks what the spec says of every report (see the module comment).
pub fn validate(r: &Registry) -> Report {
    let report = r.validate();
    assert_eq!(report, r.validate(), "validation is deterministic");
    let findings = report.findings();
    let (mut e, mut w, mut i) = (0, 0, 0);
    for f in findings {
        check_finding(r, f);
        match f.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            Severity::Info => i += 1,
        }
    }
    let counts = report.counts();
    assert_eq!((counts.error, counts.warning, counts.info), (e, w, i), "counts");
    assert_eq!(report.conforms(), e == 0, "conforms iff no error");
    // The spec's order, computed here independently of the library's `Ord`; strictly increasing, so that no
    // rule reports twice for one (subject, field) (school year: school-without-plan only).
    for pair in findings.windows(2) {
        let (a, b) = (order_key(&pair[0]), order_key(&pair[1]));
        assert!(a < b, "findings out of the spec's order or repeated:\n  {a:?}\n  {b:?}");
    }
    report
}

/// The spec's order: subject kind (unit, plan, registry), subject id by code point (UTF-8 bytes), rule code,
/// field (absent first), school year.
pub fn order_key(f: &Finding) -> (u8, Vec<u8>, String, Option<String>, Option<u16>) {
    let kind = match f.subject.kind() {
        SubjectKind::Unit => 0,
        SubjectKind::Plan => 1,
        SubjectKind::Registry => 2,
    };
    (
        kind,
        f.subject.id().as_bytes().to_vec(),
        f.rule.code().to_owned(),
        f.field.map(|x| x.code().to_owned()),
        f.school_year.map(|y| y.start_year()),
    )
}

/// The subject kinds and fields `spec/rules.md` gives each rule (`None`: no field).
fn allowed(rule: Rule) -> &'static [(SubjectKind, Option<&'static str>)] {
    use SubjectKind::{Plan as P, Unit as U};
    match rule {
        Rule::UnitUnknownReference => &[(U, Some("parent")), (U, Some("counterpart")), (P, Some("issuers"))],
        Rule::UnitHierarchyCycle => &[(U, Some("parent"))],
        Rule::UnitSideMismatch => &[(U, Some("parent")), (U, Some("counterpart"))],
        Rule::PlanIssuers | Rule::DuplicatePlan => &[(P, Some("issuers"))],
        Rule::PlanIssuedFields => &[(P, Some("number")), (P, Some("issued_on"))],
        Rule::DocumentNumberFormat
        | Rule::DocumentNumberSpacing
        | Rule::DocumentNumberType
        | Rule::DocumentNumberDuplicate => &[(P, Some("number"))],
        Rule::SchoolYearWindow | Rule::ParentPlanDateOrder => &[(P, Some("issued_on"))],
        Rule::ParentPlanMissing
        | Rule::ParentPlanUnknown
        | Rule::ParentPlanWithdrawn
        | Rule::ParentPlanWrongIssuer
        | Rule::ParentPlanSchoolYear
        | Rule::PlanCycle => &[(P, Some("implements"))],
        Rule::SchoolWithoutPlan => &[(U, None)],
        Rule::StaffConferenceMissing
        | Rule::StaffConferenceCounts
        | Rule::StaffConferenceQuorum
        | Rule::StaffConferenceMajority
        | Rule::StaffConferenceWindow
        | Rule::StaffConferenceBeforeParent => &[(P, Some("approvals"))],
        Rule::ContentAreaUnknown | Rule::ContentAreaUncovered => &[(P, Some("content_areas"))],
    }
}

/// The basis `f` must quote: its rule's under the registry's profile or, for a rule that judges a staff
/// conference's figures, the one in force on the day the plan's adopting conference was held.
pub fn basis_in_force(r: &Registry, f: &Finding) -> &'static str {
    let held_on = match &f.subject {
        Subject::Plan(id) => r.plan(id.as_str()).and_then(|p| p.adopting_conference()).map(|c| c.held_on),
        _ => None,
    };
    held_on.map_or_else(|| f.rule.basis(r.profile()), |day| f.rule.basis_on(r.profile(), day))
}

fn check_finding(r: &Registry, f: &Finding) {
    let what = format!("{} on {}", f.rule, f.subject);
    let field = f.field.map(|x| x.code());
    assert!(
        allowed(f.rule).contains(&(f.subject.kind(), field)),
        "{what}: field {field:?} is not one the spec gives this rule"
    );
    assert_eq!(Some(f.severity), r.severity(f.rule), "{what}: the severity is the rule's severity here");
    assert_eq!(
        f.school_year.is_some(),
        f.rule == Rule::SchoolWithoutPlan,
        "{what}: only school-without-plan names a school year"
    );
    assert_eq!(f.basis, basis_in_force(r, f), "{what}: the basis of the profile, or of the conference's day");
    assert!(!f.basis.trim().is_empty(), "{what}: a basis");
    for (lang, m) in [("vi", &f.message.vi), ("en", &f.message.en)] {
        assert!(!m.trim().is_empty(), "{what}: an empty {lang} message");
        assert!(m.contains(f.subject.id()), "{what}: the {lang} message \"{m}\" does not name the subject");
    }
    assert_ne!(f.message.vi, f.message.en, "{what}: two languages");
    match &f.subject {
        Subject::Unit(id) => assert!(r.unit(id.as_str()).is_some(), "{what}: a unit that exists"),
        Subject::Plan(id) => {
            let p = r.plan(id.as_str()).expect("a plan that exists");
            if p.status == PlanStatus::Withdrawn {
                assert!(
                    matches!(f.rule, Rule::UnitUnknownReference | Rule::DocumentNumberDuplicate | Rule::PlanCycle),
                    "{what}: a withdrawn plan is the subject of three rules only"
                );
            }
        }
        Subject::Registry => panic!("{what}: no rule of version 1 has a registry subject"),
    }
}

/// One line per finding: `error plan-cycle plan:hn-2020 implements`, `-` for no field, and the school year
/// when there is one.
pub fn line(f: &Finding) -> String {
    let mut s = format!(
        "{} {} {}:{} {}",
        f.severity.code(),
        f.rule.code(),
        f.subject.kind().code(),
        f.subject.id(),
        f.field.map_or("-", |x| x.code())
    );
    if let Some(y) = f.school_year {
        s.push_str(&format!(" {y}"));
    }
    s
}

/// The findings of `r` as lines, after [`validate`]'s checks.
pub fn lines(r: &Registry) -> Vec<String> {
    validate(r).findings().iter().map(line).collect()
}

/// Asserts that `r` gives exactly `expected` (lines, in order).
#[track_caller]
pub fn assert_findings(r: &Registry, expected: &[&str]) {
    let got = lines(r);
    let want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(got, want, "findings differ");
}

/// The one finding of `rule` about `subject_id` (a unit or plan id).
#[track_caller]
pub fn the(report: &Report, rule: Rule, subject_id: &str) -> Finding {
    let v: Vec<&Finding> =
        report.findings().iter().filter(|f| f.rule == rule && f.subject.id() == subject_id).collect();
    assert_eq!(v.len(), 1, "one {rule} finding about {subject_id}: {v:?}");
    v[0].clone()
}

/// Asserts that both messages of `f` contain every needle.
#[track_caller]
pub fn assert_names(f: &Finding, needles: &[&str]) {
    for n in needles {
        assert!(f.message.vi.contains(n), "the vi message \"{}\" does not name {n}", f.message.vi);
        assert!(f.message.en.contains(n), "the en message \"{}\" does not name {n}", f.message.en);
    }
}

/// Asserts that the English message of `f` contains every needle.
#[track_caller]
pub fn assert_names_en(f: &Finding, needles: &[&str]) {
    for n in needles {
        assert!(f.message.en.contains(n), "the en message \"{}\" does not name {n}", f.message.en);
    }
}

/// Asserts that the Vietnamese message of `f` contains every needle.
#[track_caller]
pub fn assert_names_vi(f: &Finding, needles: &[&str]) {
    for n in needles {
        assert!(f.message.vi.contains(n), "the vi message \"{}\" does not name {n}", f.message.vi);
    }
}

/// Asserts that neither message of `f` contains `needle`.
#[track_caller]
pub fn assert_not_named(f: &Finding, needle: &str) {
    assert!(
        !f.message.vi.contains(needle) && !f.message.en.contains(needle),
        "a message of {} names {needle}: {:?}",
        f.rule,
        f.message
    );
}

/// The findings of `r` with `rule` off, compared with those with every rule on: turning a rule off removes
/// its findings and changes nothing else (silence depends on the data only).
#[track_caller]
pub fn assert_off_only_removes(r: &Registry, rule: Rule) {
    let all = lines(r);
    let mut off = r.clone();
    off.set_override(rule, Some(kehoach::Level::Off));
    let prefix = format!(" {} ", rule.code());
    let want: Vec<String> = all.into_iter().filter(|l| !l.contains(&prefix)).collect();
    assert_eq!(lines(&off), want, "turning {rule} off changed other findings");
}

/// A document of `units` sector unions `u0`, `u1`, … and `plans` draft plans `p0`, `p1`, …, with the unit or
/// plan at an index given by `unit_at` / `plan_at` replaced.
pub fn long_doc(units: usize, plans: usize, unit_at: &[(usize, &str)], plan_at: &[(usize, &str)]) -> String {
    let unit = |i: usize| match unit_at.iter().find(|(at, _)| *at == i) {
        Some((_, u)) => (*u).to_owned(),
        None => format!(r#"{{"id": "u{i}", "name": "Công đoàn {i}", "kind": "sector_union"}}"#),
    };
    let plan = |i: usize| match plan_at.iter().find(|(at, _)| *at == i) {
        Some((_, p)) => (*p).to_owned(),
        None => {
            format!(r#"{{"id": "p{i}", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []}}"#)
        }
    };
    let units: Vec<String> = (0..units).map(unit).collect();
    let plans: Vec<String> = (0..plans).map(plan).collect();
    format!(r#"{{"format": "kehoach/registry@1", "units": [{}], "plans": [{}]}}"#, units.join(","), plans.join(","))
}
