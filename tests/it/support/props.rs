//! Shared generators for the property tests (`tests/it/properties.rs`, `tests/it/roundtrip.rs`): a small
//! deterministic random source, a generator of *correct* registries (a valid two- or three-level hierarchy
//! with every plan, number, date, conference and content area right), a generator of *arbitrary*
//! registries (anything the public API can build, dangling references and cycles included), and the
//! finding keys the tests compare.
//!
//! Everything here uses the public API only.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use kehoach::{
    AdministrationKind, Approval, ContentArea, Count, Plan, PlanStatus, Profile, Registry, Review, ReviewKind, Rule,
    SchoolLevel, SchoolYear, StaffConference, UnionKind, Unit, UnitKind, Validator,
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
/// deeper runs by hand: `KEHOACH_PROPTEST_SCALE=50 cargo test --release --test it properties::`.
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
