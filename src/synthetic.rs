//! Deterministic synthetic registries at national scale, with faults of known kinds and known count.
//!
//! Benchmarks, tests and examples need registries the size of Vietnam's (63 provinces, 705 districts, about
//! 45,000 district schools and 2,800 upper-secondary schools, each with its union: about 97,000 units and
//! 48,600 plans a school year) whose correct findings are known in advance. [`national`] builds one from a
//! seed: the same configuration gives the same registry, byte for byte once saved. Each fault it injects
//! records the findings it must cause ([`Fault::expected`]), so a test can check that validation finds
//! exactly those and nothing else.
//!
//! Enabled by the `synthetic` feature.
//!
//! ```
//! use kehoach::synthetic::{national, Config};
//! let s = national(&Config { scale: 0.01, years: 1, fault_rate: 0.0, ..Config::default() }).unwrap();
//! assert!(s.registry.validate().findings().is_empty());
//! ```

pub mod hostile;

use chrono::{Days, NaiveDate};

use crate::catalogue::Rule;
use crate::model::{
    AdministrationKind, Approval, ContentArea, ModelError, Plan, PlanStatus, Profile, Review, ReviewKind, SchoolLevel,
    SchoolYear, StaffConference, UnionKind, Unit,
};
use crate::registry::{EditError, Registry};
use crate::report::{Field, Subject};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The seed of the pseudo-random choices.
    pub seed: u64,
    /// 1.0 is one national school year; 0.01 is one hundredth (at least one province and district).
    pub scale: f64,
    /// How many consecutive school years of plans (the units stay the same).
    pub years: u16,
    /// The first school year's start year.
    pub first_year: u16,
    /// The share of school plans given a fault, from 0 to 1.
    pub fault_rate: f64,
    /// `ThreeTier2020` builds province → district → school (upper-secondary schools under the province);
    /// `TwoTier2025` builds province → commune → school.
    pub profile: Profile,
    /// How long ids, names and titles are.
    pub strings: Strings,
}

/// How long the generated ids, names and titles are: the two shapes real files come in. The library's cost per
/// unit and per plan is the same for both, but parsing costs less when strings are short, so the short shape
/// is where the per-entity cost shows most.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strings {
    /// Ids that say where a unit sits (`p01-m0001-s00001-2020`), names and titles written out as in real
    /// documents ("Kế hoạch phối hợp năm học 2020-2021").
    #[default]
    Realistic,
    /// Short ids (`u23500`, `k1200`), names and titles (`T23500`, `KH`), as a file exported from a database with
    /// surrogate keys reads. The registry is the same one renamed: the same faults, the same findings.
    Short,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 2020,
            scale: 1.0,
            years: 1,
            first_year: 2020,
            fault_rate: 0.02,
            profile: Profile::ThreeTier2020,
            strings: Strings::Realistic,
        }
    }
}

/// A generated registry and the faults injected into it.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// The registry.
    pub registry: Registry,
    /// The faults, in the order they were injected.
    pub faults: Vec<Fault>,
}

impl Synthetic {
    /// Every finding the faults must cause, as (rule, subject, field), sorted in the report's order.
    pub fn expected(&self) -> Vec<(Rule, Subject, Option<Field>)> {
        let mut v: Vec<_> = self.faults.iter().flat_map(|f| f.expected.iter().cloned()).collect();
        v.sort_by(|a, b| (&a.1, a.0, a.2).cmp(&(&b.1, b.0, b.2)));
        v
    }
}

/// The kinds of fault the generator injects into a school plan (or the school's units).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// `implements` emptied: `parent-plan-missing`.
    NoParent,
    /// `implements` names a plan that does not exist: `parent-plan-unknown`.
    UnknownParent,
    /// Implements an older, withdrawn district plan: `parent-plan-withdrawn`.
    WithdrawnParent,
    /// Implements the province plan directly: `parent-plan-wrong-issuer`.
    ProvinceParent,
    /// Implements the district plan of the previous year: `parent-plan-school-year`.
    PreviousYearParent,
    /// Issued the day before the district plan: `parent-plan-date-order`.
    IssuedBeforeParent,
    /// Issued without a staff conference: `staff-conference-missing`.
    NoConference,
    /// More attendees than staff: `staff-conference-counts`.
    ConferenceCounts,
    /// Below the two-thirds quorum: `staff-conference-quorum`.
    ConferenceQuorum,
    /// Not more than half voted for: `staff-conference-majority`.
    ConferenceMajority,
    /// The conference held after the school year: `staff-conference-window`.
    ConferenceAfterYear,
    /// The conference held before the district plan was issued: `staff-conference-before-parent`.
    ConferenceBeforeParent,
    /// A number below 10 without its zero (`7/KHPH-…`): `document-number-format`.
    UnpaddedNumber,
    /// A space before the slash: `document-number-spacing`.
    SpacedNumber,
    /// A decision's type (`QĐ`) instead of a plan's: `document-number-type`.
    DecisionType,
    /// Issued without a number: `plan-issued-fields`.
    NoNumber,
    /// Issued in August of the following year: `school-year-window`.
    IssuedAfterYear,
    /// A second issued plan with the same number: `document-number-duplicate` and `duplicate-plan`, twice.
    DuplicateNumber,
    /// A second plan, a draft: `duplicate-plan`, twice.
    SecondDraft,
    /// Union first, school second: `plan-issuers`, and the school has no plan (`school-without-plan`).
    SwappedIssuers,
    /// The union issuer's id is mistyped: `unit-unknown-reference`.
    UnknownUnionIssuer,
    /// An area addresses a code the district plan lacks, and area 4 is addressed by none:
    /// `content-area-unknown` and `content-area-uncovered`.
    UnknownArea,
    /// Area 4 dropped: `content-area-uncovered`.
    UncoveredArea,
    /// No plan at all: `school-without-plan`.
    MissingPlan,
}

impl FaultKind {
    /// Every kind.
    pub const ALL: [FaultKind; 24] = [
        FaultKind::NoParent,
        FaultKind::UnknownParent,
        FaultKind::WithdrawnParent,
        FaultKind::ProvinceParent,
        FaultKind::PreviousYearParent,
        FaultKind::IssuedBeforeParent,
        FaultKind::NoConference,
        FaultKind::ConferenceCounts,
        FaultKind::ConferenceQuorum,
        FaultKind::ConferenceMajority,
        FaultKind::ConferenceAfterYear,
        FaultKind::ConferenceBeforeParent,
        FaultKind::UnpaddedNumber,
        FaultKind::SpacedNumber,
        FaultKind::DecisionType,
        FaultKind::NoNumber,
        FaultKind::IssuedAfterYear,
        FaultKind::DuplicateNumber,
        FaultKind::SecondDraft,
        FaultKind::SwappedIssuers,
        FaultKind::UnknownUnionIssuer,
        FaultKind::UnknownArea,
        FaultKind::UncoveredArea,
        FaultKind::MissingPlan,
    ];
}

/// One injected fault and the findings it must cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// What was done.
    pub kind: FaultKind,
    /// The findings it causes: rule, subject, field.
    pub expected: Vec<(Rule, Subject, Option<Field>)>,
}

/// Why generation failed: only for a configuration out of range (a bug otherwise).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SyntheticError {
    /// The scale, years or fault rate is out of range.
    #[error("configuration out of range: {0}")]
    Config(String),
    /// A generated value was refused (a bug in the generator).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A generated edit was refused (a bug in the generator).
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        // 53 random bits as a fraction in [0, 1).
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

const AREAS: [(&str, &str); 4] = [
    ("1", "Tuyên truyền"),
    ("2", "Chăm lo đời sống, xây dựng đội ngũ"),
    ("3", "Phong trào thi đua, cuộc vận động"),
    ("4", "Dân chủ cơ sở, xây dựng tổ chức vững mạnh"),
];

fn areas(addressing: bool) -> Result<Vec<ContentArea>, ModelError> {
    AREAS
        .iter()
        .map(|(code, title)| {
            let a = ContentArea::new(code, title)?;
            if addressing { a.addressing(&[code]) } else { Ok(a) }
        })
        .collect()
}

fn date(y: u16, m: u32, d: u32) -> Result<NaiveDate, SyntheticError> {
    NaiveDate::from_ymd_opt(i32::from(y), m, d).ok_or_else(|| SyntheticError::Config(format!("no date {y}-{m}-{d}")))
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

/// A school as the generator knows it.
struct SchoolSpec {
    id: String,
    union: String,
    abbr: String,
    staff: u64,
    /// The unit that manages the school (district office, commune committee or department).
    manager: String,
    /// The province department above it.
    province: String,
}

/// A middle-level or province unit and its plan id for a year.
fn plan_id(unit: &str, year: u16) -> String {
    format!("{unit}-{year}")
}

/// Generates a registry by `config`.
pub fn national(config: &Config) -> Result<Synthetic, SyntheticError> {
    if !(config.scale > 0.0 && config.scale <= 100.0) {
        return Err(SyntheticError::Config(format!("scale {} must be in (0, 100]", config.scale)));
    }
    if !(0.0..=1.0).contains(&config.fault_rate) {
        return Err(SyntheticError::Config(format!("fault rate {} must be in [0, 1]", config.fault_rate)));
    }
    if config.years == 0 || u32::from(config.first_year) + u32::from(config.years) > 2999 {
        return Err(SyntheticError::Config(format!("{} years from {}", config.years, config.first_year)));
    }
    let two_tier = config.profile == Profile::TwoTier2025;
    let mut rng = Rng(config.seed);
    let mut reg = Registry::new(config.profile);
    let count = |n: f64| ((n * config.scale).round() as usize).max(1);
    let provinces = count(63.0);
    let middles = count(if two_tier { 3321.0 } else { 705.0 }).max(provinces);
    let middle_schools = count(45_000.0);
    let upper_schools = count(2_800.0);

    let mut schools: Vec<SchoolSpec> = Vec::with_capacity(middle_schools + upper_schools);
    let mut middle_units: Vec<(String, String)> = Vec::with_capacity(middles);
    for p in 0..provinces {
        let sgd = format!("p{p:02}");
        reg.add_unit(
            Unit::administration(
                &sgd,
                &format!("Sở Giáo dục và Đào tạo tỉnh {p}"),
                AdministrationKind::EducationDepartment,
            )?
            .with_counterpart(&format!("{sgd}-cd"))?,
        )?;
        reg.add_unit(Unit::union(
            &format!("{sgd}-cd"),
            &format!("Công đoàn ngành Giáo dục tỉnh {p}"),
            UnionKind::SectorUnion,
        )?)?;
        // Middle level: districts (2020) or communes (2025), spread evenly over provinces.
        let first = p * middles / provinces;
        let last = (p + 1) * middles / provinces;
        for m in first..last {
            let id = format!("{sgd}-m{m:04}");
            let union = format!("{id}-cd");
            let (kind, name, union_name) = if two_tier {
                (AdministrationKind::CommuneCommittee, format!("UBND phường {m}"), format!("Công đoàn phường {m}"))
            } else {
                (
                    AdministrationKind::EducationOffice,
                    format!("Phòng GD&ĐT quận {m}"),
                    format!("Liên đoàn Lao động quận {m}"),
                )
            };
            reg.add_unit(Unit::administration(&id, &name, kind)?.with_parent(&sgd)?.with_counterpart(&union)?)?;
            let mut u = Unit::union(&union, &union_name, UnionKind::LabourFederation)?;
            if two_tier {
                u = u.with_parent(&format!("{sgd}-cd"))?;
            }
            reg.add_unit(u)?;
            middle_units.push((id, sgd.clone()));
        }
        // Upper-secondary schools: managed by the department directly.
        let first = p * upper_schools / provinces;
        let last = (p + 1) * upper_schools / provinces;
        for s in first..last {
            schools.push(SchoolSpec {
                id: format!("{sgd}-thpt{s:05}"),
                union: format!("{sgd}-thpt{s:05}-cd"),
                abbr: format!("THPT{s}"),
                staff: 40 + rng.below(80),
                manager: sgd.clone(),
                province: sgd.clone(),
            });
        }
    }
    for (i, (middle, sgd)) in middle_units.iter().enumerate() {
        let first = i * middle_schools / middle_units.len();
        let last = (i + 1) * middle_schools / middle_units.len();
        for s in first..last {
            schools.push(SchoolSpec {
                id: format!("{middle}-s{s:05}"),
                union: format!("{middle}-s{s:05}-cd"),
                abbr: format!("TR{s}"),
                staff: 8 + rng.below(90),
                manager: middle.clone(),
                province: sgd.clone(),
            });
        }
    }
    let levels = [SchoolLevel::Kindergarten, SchoolLevel::Primary, SchoolLevel::LowerSecondary];
    for (i, s) in schools.iter().enumerate() {
        let upper = s.abbr.starts_with("THPT");
        let level = if upper { SchoolLevel::UpperSecondary } else { levels[i % levels.len()] };
        reg.add_unit(
            Unit::school(&s.id, &format!("Trường {}", s.abbr), level, Some(s.staff))?
                .with_parent(&s.manager)?
                .with_counterpart(&s.union)?,
        )?;
        // The grassroots union sits under the union of the school's manager: the sector union for an
        // upper-secondary school, the district (or commune) union otherwise.
        reg.add_unit(
            Unit::union(&s.union, &format!("Công đoàn Trường {}", s.abbr), UnionKind::GrassrootsUnion)?
                .with_parent(&format!("{}-cd", s.manager))?,
        )?;
    }

    let mut faults = Vec::new();
    for y in 0..config.years {
        let start = config.first_year + y;
        let year = SchoolYear::new(start)?;
        let title = format!("Kế hoạch phối hợp năm học {year}");
        // The issue date of each province's and middle unit's plan this year, by unit id.
        let mut issued_by: rustc_hash::FxHashMap<String, NaiveDate> = rustc_hash::FxHashMap::default();
        for p in 0..provinces {
            let sgd = format!("p{p:02}");
            let issued = date(start, 8, 15 + rng.below(14) as u32)?;
            issued_by.insert(sgd.clone(), issued);
            reg.add_plan(
                Plan::new(&plan_id(&sgd, start), &title, year, PlanStatus::Issued)?
                    .with_number(&format!("{}/KHLT-SGDĐT-CĐN", 1000 + rng.below(2000)))?
                    .issued(issued)
                    .with_issuers(&[&sgd, &format!("{sgd}-cd")])?
                    .with_content_areas(areas(false)?)?
                    .approved(Approval::Signing { held_on: plus(issued, 7) }),
            )?;
        }
        for (i, (middle, sgd)) in middle_units.iter().enumerate() {
            let issued = date(start, 9, 1 + rng.below(8) as u32)?;
            issued_by.insert(middle.clone(), issued);
            reg.add_plan(
                Plan::new(&plan_id(middle, start), &title, year, PlanStatus::Issued)?
                    .with_number(&format!("{:02}/KHPH-GD&ĐT-LĐLĐ", 10 + i % 90))?
                    .issued(issued)
                    .with_issuers(&[middle, &format!("{middle}-cd")])?
                    .implementing(&[&plan_id(sgd, start)])?
                    .with_content_areas(areas(true)?)?,
            )?;
        }
        for s in &schools {
            let parent = plan_id(&s.manager, start);
            let parent_issued = issued_by.get(&s.manager).copied().unwrap_or(date(start, 9, 1)?);
            let conference_day = plus(parent_issued, 10 + rng.below(12));
            let issued = plus(conference_day, 1 + rng.below(3));
            let attendees = (s.staff * 2).div_ceil(3) + rng.below(s.staff - (s.staff * 2).div_ceil(3) + 1);
            let votes_for = attendees / 2 + 1 + rng.below(attendees - attendees / 2);
            let against = rng.below(attendees - votes_for + 1);
            // Distinct from one year to the next, so that a plan issued late (in the next calendar year) never
            // shares its number with the following year's plan by chance.
            let number = format!("{:02}/KHPH-{}-CĐ", 10 + (start - config.first_year) % 89, s.abbr);
            let plan = Plan::new(&plan_id(&s.id, start), &title, year, PlanStatus::Issued)?
                .with_number(&number)?
                .issued(issued)
                .with_issuers(&[&s.id, &s.union])?
                .implementing(&[&parent])?
                .with_content_areas(areas(true)?)?
                .approved(Approval::StaffConference(StaffConference::new(
                    conference_day,
                    s.staff,
                    attendees,
                    votes_for,
                    Some(against),
                )?))
                .reviewed(Review { kind: ReviewKind::MidYear, held_on: date(start + 1, 1, 20)? });
            if config.fault_rate > 0.0 && rng.chance(config.fault_rate) {
                let kind = FaultKind::ALL[rng.below(FaultKind::ALL.len() as u64) as usize];
                let ctx = FaultContext {
                    reg: &mut reg,
                    school: s,
                    year: start,
                    first_year: config.first_year,
                    parent_issued,
                };
                faults.push(inject(ctx, kind, plan)?);
            } else {
                reg.add_plan(plan)?;
            }
        }
    }
    let synthetic = Synthetic { registry: reg, faults };
    match config.strings {
        Strings::Realistic => Ok(synthetic),
        Strings::Short => shortened(&synthetic),
    }
}

/// `s` with every id, name and title made short: ids renamed one for one (references that name no unit or plan
/// too, so that they still name none), names and titles replaced. Units and plans keep their order.
fn shortened(s: &Synthetic) -> Result<Synthetic, SyntheticError> {
    use rustc_hash::FxHashMap;
    use std::collections::hash_map::Entry;

    fn short(map: &mut FxHashMap<String, String>, prefix: char, id: &str) -> String {
        let next = map.len();
        match map.entry(id.to_owned()) {
            Entry::Occupied(e) => e.get().clone(),
            Entry::Vacant(e) => e.insert(format!("{prefix}{next}")).clone(),
        }
    }
    let (mut units, mut plans) = (FxHashMap::default(), FxHashMap::default());
    let old = &s.registry;
    let mut reg = Registry::new(old.profile());
    for (rule, level) in old.overrides() {
        reg.set_override(*rule, Some(*level));
    }
    for u in old.units() {
        let mut u = u.clone();
        let id = short(&mut units, 'u', u.id.as_str());
        u.name = crate::model::Text::new(&format!("T{}", &id[1..]))?;
        u.id = crate::model::UnitId::new(&id)?;
        if let Some(parent) = &u.parent {
            u.parent = Some(crate::model::UnitId::new(&short(&mut units, 'u', parent.as_str()))?);
        }
        if let crate::model::Role::Administration { counterpart: Some(cp), .. } = &mut u.role {
            *cp = crate::model::UnitId::new(&short(&mut units, 'u', cp.as_str()))?;
        }
        reg.add_unit(u)?;
    }
    for p in old.plans() {
        let mut p = p.clone();
        p.id = crate::model::PlanId::new(&short(&mut plans, 'k', p.id.as_str()))?;
        p.title = crate::model::Text::new("KH")?;
        for issuer in &mut p.issuers {
            *issuer = crate::model::UnitId::new(&short(&mut units, 'u', issuer.as_str()))?;
        }
        for parent in &mut p.implements {
            *parent = crate::model::PlanId::new(&short(&mut plans, 'k', parent.as_str()))?;
        }
        let areas = p
            .content_areas
            .iter()
            .map(|a| {
                let mut a = a.clone();
                a.title = crate::model::Text::new(&format!("ND{}", a.code))?;
                Ok(a)
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        p.content_areas = crate::model::ContentAreas::new(areas)?;
        reg.add_plan(p)?;
    }
    let mut faults = s.faults.clone();
    for fault in &mut faults {
        for (_, subject, _) in &mut fault.expected {
            *subject = match subject {
                Subject::Unit(id) => Subject::Unit(crate::model::UnitId::new(&short(&mut units, 'u', id.as_str()))?),
                Subject::Plan(id) => Subject::Plan(crate::model::PlanId::new(&short(&mut plans, 'k', id.as_str()))?),
                Subject::Registry => Subject::Registry,
            };
        }
    }
    Ok(Synthetic { registry: reg, faults })
}

struct FaultContext<'a> {
    reg: &'a mut Registry,
    school: &'a SchoolSpec,
    year: u16,
    first_year: u16,
    parent_issued: NaiveDate,
}

fn conference(plan: &mut Plan) -> Option<&mut StaffConference> {
    plan.approvals.iter_mut().find_map(|a| match a {
        Approval::StaffConference(c) => Some(c),
        Approval::Signing { .. } => None,
    })
}

/// Applies `kind` to a school's `plan`, adds it (and whatever else the fault needs), and says what it causes.
fn inject(ctx: FaultContext<'_>, kind: FaultKind, mut plan: Plan) -> Result<Fault, SyntheticError> {
    let FaultContext { reg, school, year, first_year, parent_issued } = ctx;
    let plan_subject = Subject::Plan(plan.id.clone());
    let on_plan = |rule, field| (rule, plan_subject.clone(), Some(field));
    let school_id = crate::model::UnitId::new(&school.id)?;
    let mut expected = Vec::new();
    // A fault that cannot apply here (the first year has no previous one) falls back to a kind that can.
    let kind = if kind == FaultKind::PreviousYearParent && year == first_year { FaultKind::NoParent } else { kind };
    match kind {
        FaultKind::NoParent => {
            plan.implements.clear();
            expected.push(on_plan(Rule::ParentPlanMissing, Field::Implements));
        }
        FaultKind::UnknownParent => {
            plan.implements = vec![crate::model::PlanId::new(&format!("{}-typo", plan_id(&school.manager, year)))?];
            expected.push(on_plan(Rule::ParentPlanUnknown, Field::Implements));
        }
        FaultKind::WithdrawnParent => {
            let old = format!("{}-withdrawn-{}", plan_id(&school.manager, year), school.id);
            let mut withdrawn = Plan::new(&old, "Kế hoạch đã thu hồi", SchoolYear::new(year)?, PlanStatus::Withdrawn)?
                .issued(minus(parent_issued, 1));
            withdrawn.issuers = vec![crate::model::UnitId::new(&school.manager)?];
            reg.add_plan(withdrawn)?;
            plan.implements = vec![crate::model::PlanId::new(&old)?];
            expected.push(on_plan(Rule::ParentPlanWithdrawn, Field::Implements));
        }
        FaultKind::ProvinceParent => {
            let province = school.province.clone();
            if province == school.manager {
                // An upper-secondary school's manager is the province itself: use the unknown-parent fault.
                return inject(
                    FaultContext { reg, school, year, first_year, parent_issued },
                    FaultKind::UnknownParent,
                    plan,
                );
            }
            plan.implements = vec![crate::model::PlanId::new(&plan_id(&province, year))?];
            expected.push(on_plan(Rule::ParentPlanWrongIssuer, Field::Implements));
        }
        FaultKind::PreviousYearParent => {
            plan.implements = vec![crate::model::PlanId::new(&plan_id(&school.manager, year - 1))?];
            expected.push(on_plan(Rule::ParentPlanSchoolYear, Field::Implements));
        }
        FaultKind::IssuedBeforeParent => {
            plan.issued_on = Some(minus(parent_issued, 1));
            expected.push(on_plan(Rule::ParentPlanDateOrder, Field::IssuedOn));
        }
        FaultKind::NoConference => {
            plan.approvals.clear();
            if school.staff > 7 {
                expected.push(on_plan(Rule::StaffConferenceMissing, Field::Approvals));
            }
        }
        FaultKind::ConferenceCounts => {
            if let Some(c) = conference(&mut plan) {
                c.attendees = c.staff_total;
                c.votes_for = c.staff_total;
                c.votes_against = Some(crate::model::Count::new(1)?);
            }
            expected.push(on_plan(Rule::StaffConferenceCounts, Field::Approvals));
        }
        FaultKind::ConferenceQuorum => {
            if let Some(c) = conference(&mut plan) {
                let below = (c.staff_total.wide() * 2).div_ceil(3) - 1;
                c.attendees = crate::model::Count::new(below)?;
                c.votes_for = crate::model::Count::new(below)?;
                c.votes_against = None;
            }
            expected.push(on_plan(Rule::StaffConferenceQuorum, Field::Approvals));
        }
        FaultKind::ConferenceMajority => {
            if let Some(c) = conference(&mut plan) {
                c.votes_for = crate::model::Count::new(c.attendees.wide() / 2)?;
                c.votes_against = None;
            }
            expected.push(on_plan(Rule::StaffConferenceMajority, Field::Approvals));
        }
        FaultKind::ConferenceAfterYear => {
            if let Some(c) = conference(&mut plan) {
                c.held_on = date(year + 1, 8, 5)?;
            }
            expected.push(on_plan(Rule::StaffConferenceWindow, Field::Approvals));
        }
        FaultKind::ConferenceBeforeParent => {
            if let Some(c) = conference(&mut plan) {
                c.held_on = minus(parent_issued, 1);
            }
            expected.push(on_plan(Rule::StaffConferenceBeforeParent, Field::Approvals));
        }
        FaultKind::UnpaddedNumber => {
            plan = plan.with_number(&format!("7/KHPH-{}-CĐ", school.abbr))?;
            expected.push(on_plan(Rule::DocumentNumberFormat, Field::Number));
        }
        FaultKind::SpacedNumber => {
            plan = plan.with_number(&format!("17 /KHPH-{}-CĐ", school.abbr))?;
            expected.push(on_plan(Rule::DocumentNumberSpacing, Field::Number));
        }
        FaultKind::DecisionType => {
            plan = plan.with_number(&format!("17/QĐ-{}", school.abbr))?;
            expected.push(on_plan(Rule::DocumentNumberType, Field::Number));
        }
        FaultKind::NoNumber => {
            plan.number = None;
            expected.push(on_plan(Rule::PlanIssuedFields, Field::Number));
        }
        FaultKind::IssuedAfterYear => {
            plan.issued_on = Some(date(year + 1, 8, 3)?);
            expected.push(on_plan(Rule::SchoolYearWindow, Field::IssuedOn));
        }
        FaultKind::DuplicateNumber | FaultKind::SecondDraft => {
            let mut second = plan.clone();
            second.id = crate::model::PlanId::new(&format!("{}-b", plan.id))?;
            let second_subject = Subject::Plan(second.id.clone());
            if kind == FaultKind::SecondDraft {
                second.status = PlanStatus::Draft;
                second.number = None;
            } else {
                expected.push(on_plan(Rule::DocumentNumberDuplicate, Field::Number));
                expected.push((Rule::DocumentNumberDuplicate, second_subject.clone(), Some(Field::Number)));
            }
            expected.push(on_plan(Rule::DuplicatePlan, Field::Issuers));
            expected.push((Rule::DuplicatePlan, second_subject, Some(Field::Issuers)));
            reg.add_plan(second)?;
        }
        FaultKind::SwappedIssuers => {
            plan.issuers.reverse();
            expected.push(on_plan(Rule::PlanIssuers, Field::Issuers));
            expected.push((Rule::SchoolWithoutPlan, Subject::Unit(school_id), None));
        }
        FaultKind::UnknownUnionIssuer => {
            plan.issuers = vec![school_id, crate::model::UnitId::new(&format!("{}-typo", school.union))?];
            expected.push(on_plan(Rule::UnitUnknownReference, Field::Issuers));
        }
        FaultKind::UnknownArea => {
            let mut a = areas(true)?;
            if let Some(last) = a.last_mut() {
                last.addresses = vec![crate::model::AreaCode::new("9")?];
            }
            plan = plan.with_content_areas(a)?;
            expected.push(on_plan(Rule::ContentAreaUncovered, Field::ContentAreas));
            expected.push(on_plan(Rule::ContentAreaUnknown, Field::ContentAreas));
        }
        FaultKind::UncoveredArea => {
            let mut a = areas(true)?;
            a.pop();
            plan = plan.with_content_areas(a)?;
            expected.push(on_plan(Rule::ContentAreaUncovered, Field::ContentAreas));
        }
        FaultKind::MissingPlan => {
            expected.push((Rule::SchoolWithoutPlan, Subject::Unit(school_id), None));
            return Ok(Fault { kind, expected });
        }
    }
    reg.add_plan(plan)?;
    Ok(Fault { kind, expected })
}
