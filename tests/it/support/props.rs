//! Shared generators for the property tests (`tests/properties.rs`, `tests/roundtrip.rs`): a small
//! deterministic random source, a generator of *correct* registries (a valid two- or three-level hierarchy
//! with every plan, number, date, conference and content area right), a generator of *arbitrary*
//! registries (anything the public API can build, dangling references and cycles included), and the
//! finding keys the tests compare.
//!
//! Everything here uses the public API only.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use kehoach::{
    AdministrationKind, Approval, ContentArea, Count, Plan, PlanStatus, Profile, Registry, Report, Review, ReviewKind,
    Rule, SchoolLevel, SchoolYear, Severity, StaffConference, Subject, UnionKind, Unit, UnitKind, Validator,
};

/// The edits a test applies, to a bare [`Registry`] or to a [`Validator`] that keeps its report up to date.
pub trait Editor {
    fn registry(&self) -> &Registry;
    fn add_unit(&mut self, unit: Unit) -> Result<(), kehoach::EditError>;
    fn replace_unit(&mut self, unit: Unit) -> Result<Unit, kehoach::EditError>;
    fn remove_unit(&mut self, id: &str) -> Result<Unit, kehoach::EditError>;
    fn add_plan(&mut self, plan: Plan) -> Result<(), kehoach::EditError>;
    fn replace_plan(&mut self, plan: Plan) -> Result<Plan, kehoach::EditError>;
    fn remove_plan(&mut self, id: &str) -> Result<Plan, kehoach::EditError>;
}

macro_rules! editor {
    ($t:ty, $reg:expr) => {
        impl Editor for $t {
            fn registry(&self) -> &Registry {
                $reg(self)
            }
            fn add_unit(&mut self, unit: Unit) -> Result<(), kehoach::EditError> {
                <$t>::add_unit(self, unit)
            }
            fn replace_unit(&mut self, unit: Unit) -> Result<Unit, kehoach::EditError> {
                <$t>::replace_unit(self, unit)
            }
            fn remove_unit(&mut self, id: &str) -> Result<Unit, kehoach::EditError> {
                <$t>::remove_unit(self, id)
            }
            fn add_plan(&mut self, plan: Plan) -> Result<(), kehoach::EditError> {
                <$t>::add_plan(self, plan)
            }
            fn replace_plan(&mut self, plan: Plan) -> Result<Plan, kehoach::EditError> {
                <$t>::replace_plan(self, plan)
            }
            fn remove_plan(&mut self, id: &str) -> Result<Plan, kehoach::EditError> {
                <$t>::remove_plan(self, id)
            }
        }
    };
}
fn itself(r: &Registry) -> &Registry {
    r
}
editor!(Registry, itself);
editor!(Validator, Validator::registry);

/// `cases` times the factor in the environment variable `KEHOACH_PROPTEST_SCALE` (default 1), for
/// deeper runs by hand: `KEHOACH_PROPTEST_SCALE=50 cargo test --release --test properties`.
pub fn scaled(cases: u32) -> u32 {
    let factor = std::env::var("KEHOACH_PROPTEST_SCALE").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
    cases.saturating_mul(factor)
}

// ---- a deterministic random source -------------------------------------------------------------------

/// SplitMix64: tiny, deterministic, good enough to pick shapes and values from a proptest seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        assert!(lo <= hi, "range({lo}, {hi})");
        lo + self.below(hi - lo + 1)
    }

    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).expect("small")
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        let i = self.index(xs.len());
        &xs[i]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date that exists")
}

pub fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).expect("in range")
}

pub fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).expect("in range")
}

pub fn year(start: u16) -> SchoolYear {
    SchoolYear::new(start).expect("a school year from 1900 to 2999")
}

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

// ---- text pools ----------------------------------------------------------------------------------------

const UNIT_STEMS: [&str; 10] = [
    "sở-gd",
    "pgd-thanh-xuân",
    "ubnd-xã-đông-anh",
    "trường-thcs-nhân-chính",
    "th-yên-hòa",
    "Đức-giang",
    "a",
    "z",
    "cg-pgd",
    "thpt-chu-văn-an",
];

const UNION_STEMS: [&str; 6] = ["cđ-ngành", "lđlđ-cầu-giấy", "cđcs", "công-đoàn-trường", "B", "ư-union"];

const TITLES: [&str; 6] = [
    "Tuyên truyền",
    "Chăm lo đời sống, xây dựng đội ngũ",
    "Phong trào thi đua",
    "Dân chủ cơ sở",
    "Kiểm tra, giám sát",
    "Hoạt động xã hội",
];

const AREA_CODES: [&str; 12] = ["1", "2", "3", "4", "5", "1a", "1b", "2a", "I", "II", "a", "Đ1"];

const NUMBER_GROUPS: [&str; 12] =
    ["SGDĐT", "CĐN", "GD&ĐT", "LĐLĐ", "UBND", "PGDĐT", "CĐGD", "THCSNC", "CĐ", "GDTrH", "Trường", "2"];

pub const PLAN_TYPES: [&str; 3] = ["KH", "KHLT", "KHPH"];

// ---- correct registries ----------------------------------------------------------------------------

/// The level of an administration unit in a generated hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Department,
    Middle,
    School,
}

#[derive(Clone, Debug)]
pub struct Admin {
    pub id: String,
    pub level: Level,
    /// Index into `World::admins` of the managing unit.
    pub manager: Option<usize>,
    pub union_id: String,
    /// The union unit's parent, if any.
    pub union_parent: Option<String>,
    pub staff_count: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct PlanMeta {
    /// Index into `World::admins` of the issuing unit.
    pub admin: usize,
    pub year: SchoolYear,
    /// Index into `World::plans` of the parent plan.
    pub parent: Option<usize>,
    /// The issue date (always computed; the plan may omit it if it is a draft).
    pub date: NaiveDate,
}

/// The shape of a generated hierarchy: the maxima the random source picks under.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub seed: u64,
    pub departments: usize,
    pub middles: usize,
    pub schools: usize,
    pub direct_schools: usize,
    pub years: usize,
    pub two_tier: bool,
}

/// A correct registry as plain data, with what the tests need to know about it.
#[derive(Clone, Debug)]
pub struct World {
    pub profile: Profile,
    pub admins: Vec<Admin>,
    pub units: Vec<Unit>,
    pub years: Vec<SchoolYear>,
    pub plans: Vec<Plan>,
    pub meta: Vec<PlanMeta>,
    used_unit_ids: BTreeSet<String>,
    used_plan_ids: BTreeSet<String>,
    serial_base: u64,
    two_tier: bool,
}

impl World {
    /// A random correct registry of `shape`.
    pub fn generate(shape: Shape) -> World {
        let mut rng = Rng::new(shape.seed);
        let profile = if shape.two_tier { Profile::TwoTier2025 } else { Profile::ThreeTier2020 };
        let mut w = World {
            profile,
            admins: Vec::new(),
            units: Vec::new(),
            years: Vec::new(),
            plans: Vec::new(),
            meta: Vec::new(),
            used_unit_ids: BTreeSet::new(),
            used_plan_ids: BTreeSet::new(),
            serial_base: rng.range(1, 3000),
            two_tier: shape.two_tier,
        };
        for _ in 0..shape.departments.max(1) {
            let d = w.add_admin(&mut rng, Level::Department, None);
            for _ in 0..rng.range(0, shape.middles as u64) {
                let m = w.add_admin(&mut rng, Level::Middle, Some(d));
                for _ in 0..rng.range(0, shape.schools as u64) {
                    w.add_admin(&mut rng, Level::School, Some(m));
                }
            }
            for _ in 0..rng.range(0, shape.direct_schools as u64) {
                w.add_admin(&mut rng, Level::School, Some(d));
            }
        }
        let first = u16::try_from(rng.range(2000, 2089)).expect("small");
        w.years.push(year(first));
        if shape.years > 1 {
            let second = first + u16::try_from(rng.range(1, 3)).expect("small");
            w.years.push(year(second));
        }
        let years = w.years.clone();
        for y in years {
            for a in 0..w.admins.len() {
                w.add_plan(&mut rng, a, y);
            }
        }
        w
    }

    fn fresh_unit_id(&mut self, rng: &mut Rng, stems: &[&str]) -> String {
        loop {
            let stem = rng.pick(stems);
            let id = format!("{stem}-{}", rng.below(1000));
            if self.used_unit_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A plan id no plan has (it may be a unit's id: the namespaces are separate).
    pub fn fresh_plan_id(&mut self, base: &str) -> String {
        let mut n = 0;
        loop {
            let id = if n == 0 { base.to_owned() } else { format!("{base}-{n}") };
            if self.used_plan_ids.insert(id.clone()) {
                return id;
            }
            n += 1;
        }
    }

    /// An id that names no unit and no plan.
    pub fn ghost(&self, rng: &mut Rng) -> String {
        loop {
            let id = format!("không-tồn-tại-{}", rng.below(100_000));
            if !self.used_unit_ids.contains(&id) && !self.used_plan_ids.contains(&id) {
                return id;
            }
        }
    }

    fn add_admin(&mut self, rng: &mut Rng, level: Level, manager: Option<usize>) -> usize {
        let id = self.fresh_unit_id(rng, &UNIT_STEMS);
        let union_id = self.fresh_unit_id(rng, &UNION_STEMS);
        let staff_count = match level {
            Level::School => match rng.below(20) {
                0..=4 => None,
                5..=8 => Some(rng.range(0, 7)),
                9 => Some(rng.range(8, 1_000_000)),
                _ => Some(rng.range(8, 150)),
            },
            _ => None,
        };
        let kind = match level {
            Level::Department => AdministrationKind::EducationDepartment,
            Level::Middle => {
                if self.two_tier != rng.chance(15) {
                    AdministrationKind::CommuneCommittee
                } else {
                    AdministrationKind::EducationOffice
                }
            }
            Level::School => AdministrationKind::School {
                level: *rng.pick(&SchoolLevel::ALL),
                staff_count: staff_count.map(|c| Count::new(c).expect("in range")),
            },
        };
        let name = format!("{} {}", rng.pick(&["Sở", "Phòng", "Trường", "UBND"]), id);
        let mut unit =
            Unit::administration(&id, &name, kind).expect("valid").with_counterpart(&union_id).expect("valid");
        if let Some(m) = manager {
            unit = unit.with_parent(&self.admins[m].id).expect("valid");
        }
        let union_kind = match level {
            Level::Department => UnionKind::SectorUnion,
            Level::Middle => UnionKind::LabourFederation,
            Level::School => UnionKind::GrassrootsUnion,
        };
        let union_parent = match (level, manager) {
            (Level::Department, _) | (_, None) => None,
            (Level::Middle, Some(m)) => rng.chance(50).then(|| self.admins[m].union_id.clone()),
            (Level::School, Some(m)) => Some(self.admins[m].union_id.clone()),
        };
        let mut union = Unit::union(&union_id, &format!("Công đoàn {union_id}"), union_kind).expect("valid");
        if let Some(p) = &union_parent {
            union = union.with_parent(p).expect("valid");
        }
        // Admin units and their unions in either order.
        if rng.chance(50) {
            self.units.push(unit);
            self.units.push(union);
        } else {
            self.units.push(union);
            self.units.push(unit);
        }
        self.admins.push(Admin { id, level, manager, union_id, union_parent, staff_count });
        self.admins.len() - 1
    }

    fn number(&self, rng: &mut Rng, index: usize) -> String {
        let serial = self.serial_base + index as u64;
        let serial = if serial < 10 { format!("0{serial}") } else { serial.to_string() };
        let mut s = format!("{serial}/{}", rng.pick(&PLAN_TYPES));
        for _ in 0..rng.range(1, 3) {
            s.push('-');
            let group = rng.pick::<&str>(&NUMBER_GROUPS);
            s.push_str(group);
        }
        s
    }

    fn add_plan(&mut self, rng: &mut Rng, admin: usize, y: SchoolYear) {
        let a = self.admins[admin].clone();
        let parent = a.manager.map(|m| self.plan_of(m, y).expect("managers first"));
        let parent_issued = parent.is_some_and(|p| self.plans[p].status == PlanStatus::Issued);
        let status = if a.level == Level::School && parent_issued || rng.chance(85) {
            PlanStatus::Issued
        } else {
            PlanStatus::Draft
        };
        let base = match parent {
            Some(p) => plus(self.meta[p].date, rng.range(0, 30)),
            None => plus(y.first_day(), rng.range(0, 60)),
        };
        let date = plus(base, rng.range(0, 15));
        let index = self.plans.len();
        let id_base = if rng.chance(20) { a.id.clone() } else { format!("{}-{}", a.id, y.start_year()) };
        let id = self.fresh_plan_id(&id_base);
        let mut plan = Plan::new(&id, &format!("Kế hoạch phối hợp năm học {y}"), y, status)
            .expect("valid")
            .with_issuers(&[&a.id, &a.union_id])
            .expect("valid");
        if status == PlanStatus::Issued || rng.chance(50) {
            plan = plan.issued(date);
        }
        if status == PlanStatus::Issued || rng.chance(40) {
            let n = self.number(rng, index);
            plan = plan.with_number(&n).expect("valid");
        }
        if let Some(p) = parent {
            let pid = self.plans[p].id.to_string();
            plan = plan.implementing(&[&pid]).expect("valid");
        }
        plan = plan.with_content_areas(self.areas(rng, parent)).expect("unique codes");
        // Approvals: the adopting conference is always valid; earlier ones are history.
        let exempt = a.staff_count.is_some_and(|c| c <= 7);
        let needs = a.level == Level::School && status == PlanStatus::Issued && !exempt;
        let has = needs || rng.chance(if a.level == Level::School { 50 } else { 20 });
        let mut approvals: Vec<Approval> = Vec::new();
        if has {
            approvals.push(Approval::StaffConference(valid_conference(rng, base)));
            if rng.chance(30) {
                let earlier = minus(base, rng.range(1, 90));
                let c = any_conference(rng, earlier);
                let at = rng.index(approvals.len() + 1);
                approvals.insert(at, Approval::StaffConference(c));
            }
            if rng.chance(15) {
                // Same day, listed before: history too (the last listed among equals adopts).
                approvals.insert(0, Approval::StaffConference(any_conference(rng, base)));
            }
        }
        if rng.chance(30) {
            let at = rng.index(approvals.len() + 1);
            approvals.insert(at, Approval::Signing { held_on: plus(date, rng.range(0, 10)) });
        }
        for ap in approvals {
            plan = plan.approved(ap);
        }
        if rng.chance(30) {
            plan =
                plan.reviewed(Review { kind: ReviewKind::MidYear, held_on: ymd(i32::from(y.start_year()) + 1, 1, 15) });
        }
        if rng.chance(20) {
            plan =
                plan.reviewed(Review { kind: ReviewKind::YearEnd, held_on: ymd(i32::from(y.start_year()) + 1, 5, 28) });
        }
        self.plans.push(plan);
        self.meta.push(PlanMeta { admin, year: y, parent, date });
    }

    /// Content areas for a plan whose parent is `parent`: a top plan's areas address nothing that
    /// matters (a plan without `implements` is never checked, so it may address anything); a child's
    /// areas, when it lists any, address every code of its parent and nothing else.
    fn areas(&self, rng: &mut Rng, parent: Option<usize>) -> Vec<ContentArea> {
        let count = rng.index(5);
        let mut codes: Vec<&str> = AREA_CODES.to_vec();
        rng.shuffle(&mut codes);
        let mut areas: Vec<ContentArea> =
            codes[..count].iter().map(|c| ContentArea::new(c, rng.pick::<&str>(&TITLES)).expect("valid")).collect();
        match parent {
            None => {
                for a in &mut areas {
                    if rng.chance(20) {
                        a.addresses = vec![rng.pick(&AREA_CODES).parse().expect("valid")];
                    }
                }
            }
            Some(p) if !areas.is_empty() => {
                for pa in self.plans[p].content_areas.iter() {
                    let i = rng.index(areas.len());
                    areas[i].addresses.push(pa.code.clone());
                    if rng.chance(20) {
                        let j = rng.index(areas.len());
                        if j != i {
                            areas[j].addresses.push(pa.code.clone());
                        }
                    }
                }
            }
            Some(_) => {}
        }
        areas
    }

    /// The plan of admin `a` for `y`.
    pub fn plan_of(&self, a: usize, y: SchoolYear) -> Option<usize> {
        self.meta.iter().position(|m| m.admin == a && m.year == y)
    }

    pub fn children(&self, p: usize) -> Vec<usize> {
        (0..self.plans.len()).filter(|&c| self.meta[c].parent == Some(p)).collect()
    }

    /// Every plan that implements `p` directly or not.
    pub fn descendants(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = vec![p];
        while let Some(x) = todo.pop() {
            for c in self.children(x) {
                out.push(c);
                todo.push(c);
            }
        }
        out
    }

    pub fn issued(&self, p: usize) -> bool {
        self.plans[p].status == PlanStatus::Issued
    }

    pub fn level_of_plan(&self, p: usize) -> Level {
        self.admins[self.meta[p].admin].level
    }

    /// The school-without-plan finding that appears when plan `p` stops being an issued plan of its
    /// school: only when it was issued, its issuer is a school, and that school's managing unit issued a
    /// plan for the year (every unit of a generated world has exactly one plan per year).
    pub fn school_loses(&self, p: usize) -> Vec<Key> {
        let m = &self.meta[p];
        let a = &self.admins[m.admin];
        if !self.issued(p) || a.level != Level::School {
            return Vec::new();
        }
        let Some(manager) = a.manager else {
            return Vec::new();
        };
        match self.plan_of(manager, m.year) {
            Some(q) if self.issued(q) => vec![school_without_plan(&a.id, m.year)],
            _ => Vec::new(),
        }
    }

    /// The schools `admin` manages.
    pub fn schools_of(&self, admin: usize) -> Vec<usize> {
        (0..self.admins.len())
            .filter(|&s| self.admins[s].level == Level::School && self.admins[s].manager == Some(admin))
            .collect()
    }

    /// The plans whose first issuer is `admin`.
    pub fn plans_of(&self, admin: usize) -> Vec<usize> {
        (0..self.plans.len()).filter(|&p| self.meta[p].admin == admin).collect()
    }

    pub fn unit(&self, id: &str) -> &Unit {
        self.units.iter().find(|u| u.id == id).expect("a unit of the world")
    }

    /// The registry, every unit and plan added in a random order.
    pub fn build(&self, rng: &mut Rng) -> Registry {
        build_shuffled(self.profile, &self.units, &self.plans, rng)
    }
}

/// A registry of `units` and `plans`, added interleaved in a random order (each add must succeed).
pub fn build_shuffled(profile: Profile, units: &[Unit], plans: &[Plan], rng: &mut Rng) -> Registry {
    let mut order: Vec<(bool, usize)> =
        (0..units.len()).map(|i| (true, i)).chain((0..plans.len()).map(|i| (false, i))).collect();
    rng.shuffle(&mut order);
    let mut reg = Registry::new(profile);
    for (is_unit, i) in order {
        if is_unit {
            reg.add_unit(units[i].clone()).expect("unit ids are unique");
        } else {
            reg.add_plan(plans[i].clone()).expect("plan ids are unique");
        }
    }
    reg
}

/// A conference that meets quorum and majority, with counts that add up.
pub fn valid_conference(rng: &mut Rng, held_on: NaiveDate) -> StaffConference {
    let total = match rng.below(5) {
        0 | 1 => rng.range(1, 100),
        2 | 3 => rng.range(100, 2000),
        _ => rng.range(1, 1_000_000),
    };
    let attendees = rng.range((2 * total).div_ceil(3), total);
    let votes_for = rng.range(attendees / 2 + 1, attendees);
    let against = rng.chance(60).then(|| rng.range(0, attendees - votes_for));
    StaffConference::new(held_on, total, attendees, votes_for, against).expect("in range")
}

/// A conference with any counts from 0 to 1,000,000.
pub fn any_conference(rng: &mut Rng, held_on: NaiveDate) -> StaffConference {
    let count = |rng: &mut Rng| match rng.below(4) {
        0 => *rng.pick(&[0, 1, 2, 3, 7, 8, 999_999, 1_000_000]),
        1 => rng.range(0, 1_000_000),
        _ => rng.range(0, 60),
    };
    let total = count(rng);
    let attendees = count(rng);
    let votes_for = count(rng);
    let against = rng.chance(50).then(|| count(rng));
    StaffConference::new(held_on, total, attendees, votes_for, against).expect("in range")
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

// ---- arbitrary registries -------------------------------------------------------------------------

const ARB_UNIT_IDS: [&str; 10] = ["u0", "u1", "u2", "trường-a", "Ho\u{0300}a", "H\u{00F2}a", "Đ", "pgd", "cđ", "zz"];

const ARB_PLAN_IDS: [&str; 10] =
    ["p0", "p1", "p2", "kế-hoạch", "ke\u{0302}\u{0301}", "k\u{1EBF}", "u0", "Đ", "zz", "p9"];

const ARB_NUMBERS: [&str; 26] = [
    "05/KH-UBND",
    "17/KHPH-GD&ĐT-LĐLĐ",
    "2731/KHLT-SGDĐT-CĐN",
    "41 /KHLT-SGDĐT-CĐGDT",
    "41 / KHLT - SGDĐT",
    "5/HD-SGDĐT",
    "814/SGDĐT.CNTT-QLTB&TV",
    "458/PGD&ĐT",
    "17/QĐ-UBND",
    "17/khph-X",
    "17/KH-ÐT",
    "１７/KH-X",
    "17/KH--X",
    "17/KH-X-",
    "0/KH-X",
    "00/KH-X",
    "010/KH-X",
    "/",
    "-",
    " ",
    "   /   ",
    "17/KH-X\u{0301}",
    "17/KH-UB ND",
    "17\t/KH-X",
    "KH-X",
    "17/KH/X",
];

const ARB_CHARS: [&str; 16] = ["0", "1", "5", "/", "-", " ", "K", "H", "Đ", "&", ".", "a", "ư", "\u{0300}", "\t", "Ω"];

fn arb_date(rng: &mut Rng, years: &[u16]) -> NaiveDate {
    match rng.below(10) {
        0 => *rng.pick(&[ymd(1, 1, 1), ymd(9999, 12, 31), ymd(2020, 2, 29), ymd(1900, 8, 1), ymd(3000, 7, 31)]),
        1..=3 => {
            let y = i32::from(*rng.pick(years));
            *rng.pick(&[ymd(y, 7, 31), ymd(y, 8, 1), ymd(y + 1, 7, 31), ymd(y + 1, 8, 1)])
        }
        _ => {
            let y = i32::from(*rng.pick(years)) + i32::try_from(rng.range(0, 2)).expect("small");
            let m = u32::try_from(rng.range(1, 12)).expect("small");
            let d = u32::try_from(rng.range(1, 28)).expect("small");
            ymd(y, m, d)
        }
    }
}

fn arb_number(rng: &mut Rng) -> String {
    if rng.chance(75) {
        return (*rng.pick(&ARB_NUMBERS)).to_owned();
    }
    let len = rng.range(1, 12);
    (0..len).map(|_| *rng.pick(&ARB_CHARS)).collect()
}

fn arb_id(rng: &mut Rng, pool: &[&str]) -> String {
    if rng.chance(10) { format!("ghost-{}", rng.below(5)) } else { (*rng.pick(pool)).to_owned() }
}

/// A unit of any kind with references that may dangle, point to itself or to the wrong side.
pub fn arb_unit(rng: &mut Rng) -> Unit {
    let id = arb_id(rng, &ARB_UNIT_IDS);
    let kind = *rng.pick(&UnitKind::ALL);
    let name = format!("Đơn vị {id}");
    let mut unit = match kind {
        UnitKind::School => Unit::school(
            &id,
            &name,
            *rng.pick(&SchoolLevel::ALL),
            rng.chance(70).then(|| *rng.pick(&[0, 1, 7, 8, 48, 1_000_000])),
        ),
        UnitKind::EducationDepartment => Unit::administration(&id, &name, AdministrationKind::EducationDepartment),
        UnitKind::EducationOffice => Unit::administration(&id, &name, AdministrationKind::EducationOffice),
        UnitKind::CommuneCommittee => Unit::administration(&id, &name, AdministrationKind::CommuneCommittee),
        UnitKind::SectorUnion => Unit::union(&id, &name, UnionKind::SectorUnion),
        UnitKind::LabourFederation => Unit::union(&id, &name, UnionKind::LabourFederation),
        UnitKind::GrassrootsUnion => Unit::union(&id, &name, UnionKind::GrassrootsUnion),
    }
    .expect("valid unit");
    if rng.chance(70) {
        unit = unit.with_parent(&arb_id(rng, &ARB_UNIT_IDS)).expect("valid");
    }
    if rng.chance(60) {
        let cp = arb_id(rng, &ARB_UNIT_IDS);
        let refused = unit.side() == kehoach::Side::Union;
        let r = unit.clone().with_counterpart(&cp);
        assert_eq!(r.is_err(), refused, "with_counterpart on {kind:?}");
        if let Ok(u) = r {
            unit = u;
        }
    }
    unit
}

/// A conference with counts from a mix that straddles every threshold.
fn arb_conference(rng: &mut Rng, years: &[u16]) -> StaffConference {
    let held = arb_date(rng, years);
    any_conference(rng, held)
}

/// A plan of any status with references that may dangle (to itself too), numbers valid, invalid or
/// spaced, dates in and out of windows, conferences with any counts, content areas with addresses.
pub fn arb_plan(rng: &mut Rng) -> Plan {
    let years: [u16; 5] = [1900, 2019, 2020, 2021, 2999];
    let y = *rng.pick(&years);
    let id = arb_id(rng, &ARB_PLAN_IDS);
    let mut plan = Plan::new(&id, "Kế hoạch", year(y), *rng.pick(&PlanStatus::ALL)).expect("valid");
    if rng.chance(70) {
        plan = plan.with_number(&arb_number(rng)).expect("not empty");
    }
    if rng.chance(70) {
        plan = plan.issued(arb_date(rng, &years));
    }
    let issuers: Vec<String> = (0..rng.range(0, 3)).map(|_| arb_id(rng, &ARB_UNIT_IDS)).collect();
    let issuers: Vec<&str> = issuers.iter().map(String::as_str).collect();
    plan = plan.with_issuers(&issuers).expect("valid");
    let implements: Vec<String> = (0..rng.range(0, 3)).map(|_| arb_id(rng, &ARB_PLAN_IDS)).collect();
    let implements: Vec<&str> = implements.iter().map(String::as_str).collect();
    plan = plan.implementing(&implements).expect("valid");
    let mut areas = Vec::new();
    for _ in 0..rng.range(0, 3) {
        let code = *rng.pick(&["1", "2", "3", "a", "1a"]);
        let addresses: Vec<&str> = (0..rng.range(0, 3)).map(|_| *rng.pick(&["1", "2", "3", "4", "a", "x"])).collect();
        areas.push(ContentArea::new(code, "Nội dung").expect("valid").addressing(&addresses).expect("valid"));
    }
    // Duplicate codes are refused by the constructor; then the plan has no areas.
    let duplicate = plan.clone().with_content_areas(areas.clone()).is_err();
    let unique: BTreeSet<String> = areas.iter().map(|a| a.code.to_string()).collect();
    assert_eq!(duplicate, unique.len() != areas.len(), "ContentAreas::new");
    if let Ok(p) = plan.clone().with_content_areas(areas) {
        plan = p;
    }
    for _ in 0..rng.range(0, 3) {
        if rng.chance(75) {
            plan = plan.approved(Approval::StaffConference(arb_conference(rng, &years)));
        } else {
            plan = plan.approved(Approval::Signing { held_on: arb_date(rng, &years) });
        }
    }
    for _ in 0..rng.range(0, 2) {
        plan = plan.reviewed(Review {
            kind: *rng.pick(&[ReviewKind::MidYear, ReviewKind::YearEnd]),
            held_on: arb_date(rng, &years),
        });
    }
    plan
}

/// An arbitrary registry: units and plans added in a random interleaved order (adds that are refused,
/// for a taken id, are checked to be refused for that reason), random profile and overrides.
pub fn arb_registry(seed: u64, max_units: u64, max_plans: u64) -> Registry {
    let mut rng = Rng::new(seed);
    let profile = *rng.pick(&Profile::ALL);
    let mut reg = Registry::new(profile);
    let units: Vec<Unit> = (0..rng.range(0, max_units)).map(|_| arb_unit(&mut rng)).collect();
    let plans: Vec<Plan> = (0..rng.range(0, max_plans)).map(|_| arb_plan(&mut rng)).collect();
    let mut order: Vec<(bool, usize)> =
        (0..units.len()).map(|i| (true, i)).chain((0..plans.len()).map(|i| (false, i))).collect();
    rng.shuffle(&mut order);
    for (is_unit, i) in order {
        if is_unit {
            let u = units[i].clone();
            let taken = reg.unit(u.id.as_str()).is_some();
            assert_eq!(reg.add_unit(u).is_err(), taken, "add_unit");
        } else {
            let p = plans[i].clone();
            let taken = reg.plan(p.id.as_str()).is_some();
            assert_eq!(reg.add_plan(p).is_err(), taken, "add_plan");
        }
    }
    for _ in 0..rng.range(0, 3) {
        let rule = *rng.pick(&Rule::ALL);
        let level = *rng.pick(&kehoach::Level::ALL);
        reg.set_override(rule, Some(level));
    }
    reg
}

/// Applies `count` random edits to `reg` (replacing plans and units with arbitrary variants, removing
/// and re-adding), checking each edit's result against whether the id exists.
pub fn random_edits<R: Editor>(reg: &mut R, rng: &mut Rng, count: u64) {
    for _ in 0..count {
        let plan_ids: Vec<String> = reg.registry().plans().map(|p| p.id.to_string()).collect();
        let unit_ids: Vec<String> = reg.registry().units().map(|u| u.id.to_string()).collect();
        match rng.below(6) {
            0 if !plan_ids.is_empty() => {
                let id = rng.pick(&plan_ids).clone();
                let mut p = arb_plan(rng);
                p.id = id.parse().expect("valid");
                reg.replace_plan(p).expect("the plan exists and its dates are in range");
            }
            1 if !unit_ids.is_empty() => {
                let id = rng.pick(&unit_ids).clone();
                let mut u = arb_unit(rng);
                u.id = id.parse().expect("valid");
                reg.replace_unit(u).expect("the unit exists");
            }
            2 if !plan_ids.is_empty() => {
                let id = rng.pick(&plan_ids).clone();
                let p = reg.remove_plan(&id).expect("the plan exists");
                assert!(reg.registry().plan(&id).is_none());
                if rng.chance(50) {
                    reg.add_plan(p).expect("the id is free again");
                }
            }
            3 if !unit_ids.is_empty() => {
                let id = rng.pick(&unit_ids).clone();
                let u = reg.remove_unit(&id).expect("the unit exists");
                assert!(reg.registry().unit(&id).is_none());
                if rng.chance(50) {
                    reg.add_unit(u).expect("the id is free again");
                }
            }
            4 => {
                let p = arb_plan(rng);
                let taken = reg.registry().plan(p.id.as_str()).is_some();
                assert_eq!(reg.add_plan(p).is_err(), taken);
            }
            _ => {
                let u = arb_unit(rng);
                let taken = reg.registry().unit(u.id.as_str()).is_some();
                assert_eq!(reg.add_unit(u).is_err(), taken);
            }
        }
    }
}

/// The day of `d` in another calendar year that keeps it valid.
pub fn same_calendar_year(d: NaiveDate, rng: &mut Rng) -> NaiveDate {
    if rng.chance(50) { ymd(d.year(), 1, 1) } else { ymd(d.year(), 12, 31) }
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
