//! Units, plans and their parts as records and enums, with the translations to and from the core's model.
//! C-like enums are the core's own, declared to UniFFI with `#[uniffi::remote(Enum)]`.
//!
//! The shapes follow the core: only a school has a level and a staff count, only an administration unit has
//! a counterpart, so no misplaced field can be built. Ids, names and codes are plain strings here; turning a
//! record into the core's model (on an edit) refuses what the core's constructors refuse, naming the field
//! as the registry format does (`approvals[0].staff_total`).

use chrono::NaiveDate;
use kehoach as core_;
// The core's C-like enums cross as they are (`#[uniffi::remote(Enum)]` below restates their variants for the
// bindings, and the compiler checks that they match): no conversion code to keep in step.
pub use kehoach::{PlanStatus, Profile, ReviewKind, SchoolLevel, UnionKind};

/// The hierarchy a registry follows; it sets the rules' default severities and the legal basis quoted.
#[uniffi::remote(Enum)]
pub enum Profile {
    /// City → district → school (`three-tier-2020`), as in the Hanoi seeds. The default.
    ThreeTier2020,
    /// Province → commune → school (`two-tier-2025`), after the reform of 1/7/2025.
    TwoTier2025,
}

/// What a registry sets a rule to: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Level {
    /// Report the rule's findings as errors.
    Error,
    /// Report them as warnings.
    Warning,
    /// Report them as information.
    Info,
    /// Do not run the rule.
    Off,
}

/// The level taught by a school.
#[uniffi::remote(Enum)]
pub enum SchoolLevel {
    /// Mầm non.
    Kindergarten,
    /// Tiểu học.
    Primary,
    /// Trung học cơ sở (THCS).
    LowerSecondary,
    /// Trung học phổ thông (THPT).
    UpperSecondary,
    /// A school spanning several levels (trường liên cấp).
    MultiLevel,
}

/// The kind of an administration unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AdministrationKind {
    /// Sở GD&ĐT: the province or city administration for education.
    EducationDepartment,
    /// Phòng GD&ĐT: the district administration for education (until 30/6/2025).
    EducationOffice,
    /// UBND xã/phường: manages kindergartens, primary and lower-secondary schools from 1/7/2025.
    CommuneCommittee,
    /// A school, run by its principal.
    School {
        /// The level it teaches.
        level: SchoolLevel,
        /// Its number of staff, when known: 0 to 1,000,000 (a negative count is refused).
        #[uniffi(default)]
        staff_count: Option<i32>,
    },
}

/// The kind of a union unit.
#[uniffi::remote(Enum)]
pub enum UnionKind {
    /// Công đoàn ngành Giáo dục: the province or city education trade union.
    SectorUnion,
    /// Liên đoàn Lao động quận/huyện: the district trade union body.
    LabourFederation,
    /// Công đoàn cơ sở: the union of one school.
    GrassrootsUnion,
}

/// What a unit is, with the fields only that kind of unit may have.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum UnitRole {
    /// An administration unit, and the union unit at its level that co-issues its plans.
    Administration {
        /// Department, office, commune committee or school.
        kind: AdministrationKind,
        /// The union unit at the same level, when recorded.
        #[uniffi(default)]
        counterpart: Option<String>,
    },
    /// A union unit.
    Union {
        /// Sector union, labour federation or grassroots union.
        kind: UnionKind,
    },
}

/// A unit (đơn vị): a body that issues plans or manages other units. (`Unit` would clash with Kotlin's
/// `Unit` type.)
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OrgUnit {
    /// Unique among units.
    pub id: String,
    /// The display name.
    pub name: String,
    /// What the unit is.
    pub role: UnitRole,
    /// The unit directly above on the same side; none for a root.
    #[uniffi(default)]
    pub parent: Option<String>,
}

/// Where a plan stands.
#[uniffi::remote(Enum)]
pub enum PlanStatus {
    /// Being written; not yet adopted.
    Draft,
    /// Issued: signed and numbered.
    Issued,
    /// Withdrawn: kept as history.
    Withdrawn,
}

/// One content area of a plan (nội dung phối hợp), e.g. "1. Tuyên truyền".
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ContentArea {
    /// Unique within the plan.
    pub code: String,
    /// What the area is about.
    pub title: String,
    /// Codes of the parent plans' areas that this area carries out.
    #[uniffi(default)]
    pub addresses: Vec<String>,
}

/// How a plan was approved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Approval {
    /// Adopted at a staff conference (Hội nghị cán bộ, viên chức).
    StaffConference {
        /// The day it was held.
        held_on: NaiveDate,
        /// All staff of the unit (or the delegates summoned).
        staff_total: i32,
        /// How many attended.
        attendees: i32,
        /// Votes for the resolution.
        votes_for: i32,
        /// Votes against, when recorded.
        #[uniffi(default)]
        votes_against: Option<i32>,
    },
    /// Signed by both sides at a ceremony (ký kết).
    Signing {
        /// The day of the ceremony.
        held_on: NaiveDate,
    },
}

/// The kind of a review of how a plan was carried out.
#[uniffi::remote(Enum)]
pub enum ReviewKind {
    /// Sơ kết: the mid-year review.
    MidYear,
    /// Tổng kết: the year-end review.
    YearEnd,
}

/// A review of how a plan was carried out.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Review {
    /// Mid-year or year-end.
    pub kind: ReviewKind,
    /// The day it was held.
    pub held_on: NaiveDate,
}

/// A coordination plan (kế hoạch phối hợp).
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Plan {
    /// Unique among plans.
    pub id: String,
    /// The title.
    pub title: String,
    /// The school year, `YYYY-YYYY` (`2020-2021`).
    pub school_year: String,
    /// Draft, issued or withdrawn.
    pub status: PlanStatus,
    /// The document number and symbol (`2731/KHLT-SGDĐT-CĐN`); a draft usually has none yet.
    #[uniffi(default)]
    pub number: Option<String>,
    /// The day it was issued.
    #[uniffi(default)]
    pub issued_on: Option<NaiveDate>,
    /// Unit ids: the administration unit first, its union second.
    #[uniffi(default)]
    pub issuers: Vec<String>,
    /// Ids of the plans this plan carries out (its parent plans).
    #[uniffi(default)]
    pub implements: Vec<String>,
    /// What the plan covers.
    #[uniffi(default)]
    pub content_areas: Vec<ContentArea>,
    /// Staff conferences and signings.
    #[uniffi(default)]
    pub approvals: Vec<Approval>,
    /// Mid-year and year-end reviews.
    #[uniffi(default)]
    pub reviews: Vec<Review>,
}

// ---- enums ------------------------------------------------------------------------------------------

impl From<core_::Level> for Level {
    fn from(l: core_::Level) -> Level {
        match l {
            core_::Level::On(core_::Severity::Error) => Level::Error,
            core_::Level::On(core_::Severity::Warning) => Level::Warning,
            core_::Level::On(core_::Severity::Info) => Level::Info,
            core_::Level::Off => Level::Off,
        }
    }
}

impl From<Level> for core_::Level {
    fn from(l: Level) -> core_::Level {
        match l {
            Level::Error => core_::Level::On(core_::Severity::Error),
            Level::Warning => core_::Level::On(core_::Severity::Warning),
            Level::Info => core_::Level::On(core_::Severity::Info),
            Level::Off => core_::Level::Off,
        }
    }
}

// ---- core → records -----------------------------------------------------------------------------

impl From<&core_::Unit> for OrgUnit {
    fn from(u: &core_::Unit) -> OrgUnit {
        let role = match &u.role {
            core_::Role::Administration { kind, counterpart } => UnitRole::Administration {
                kind: match kind {
                    core_::AdministrationKind::EducationDepartment => AdministrationKind::EducationDepartment,
                    core_::AdministrationKind::EducationOffice => AdministrationKind::EducationOffice,
                    core_::AdministrationKind::CommuneCommittee => AdministrationKind::CommuneCommittee,
                    core_::AdministrationKind::School { level, staff_count } => {
                        AdministrationKind::School { level: (*level), staff_count: staff_count.map(i32::from) }
                    }
                },
                counterpart: counterpart.as_ref().map(ToString::to_string),
            },
            core_::Role::Union { kind } => UnitRole::Union { kind: (*kind) },
        };
        OrgUnit {
            id: u.id.to_string(),
            name: u.name.to_string(),
            role,
            parent: u.parent.as_ref().map(ToString::to_string),
        }
    }
}

impl From<&core_::Approval> for Approval {
    fn from(a: &core_::Approval) -> Approval {
        match a {
            core_::Approval::StaffConference(c) => Approval::StaffConference {
                held_on: c.held_on,
                staff_total: c.staff_total.into(),
                attendees: c.attendees.into(),
                votes_for: c.votes_for.into(),
                votes_against: c.votes_against.map(i32::from),
            },
            core_::Approval::Signing { held_on } => Approval::Signing { held_on: *held_on },
        }
    }
}

impl From<&core_::Plan> for Plan {
    fn from(p: &core_::Plan) -> Plan {
        Plan {
            id: p.id.to_string(),
            title: p.title.to_string(),
            school_year: p.school_year.to_string(),
            status: p.status,
            number: p.number.as_ref().map(|n| n.as_str().to_owned()),
            issued_on: p.issued_on,
            issuers: p.issuers.iter().map(ToString::to_string).collect(),
            implements: p.implements.iter().map(ToString::to_string).collect(),
            content_areas: p
                .content_areas
                .iter()
                .map(|a| ContentArea {
                    code: a.code.to_string(),
                    title: a.title.to_string(),
                    addresses: a.addresses.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            approvals: p.approvals.iter().map(Approval::from).collect(),
            reviews: p.reviews.iter().map(|r| Review { kind: r.kind, held_on: r.held_on }).collect(),
        }
    }
}

// ---- records → core -----------------------------------------------------------------------------

/// A field that the core's constructors refused: where, and why.
pub(crate) struct BadField {
    field: String,
    detail: String,
}

impl BadField {
    fn at(field: impl Into<String>) -> impl FnOnce(core_::ModelError) -> BadField {
        let field = field.into();
        move |e| BadField { field, detail: e.to_string() }
    }

    /// The edit error for this field of `subject` (`unit "x"`, `plan "x"`).
    pub(crate) fn into_edit_error(self, subject: String) -> crate::EditError {
        crate::EditError::Invalid { subject, field: self.field, detail: self.detail }
    }
}

fn count(value: i32, field: impl Into<String>) -> Result<core_::Count, BadField> {
    core_::Count::from_signed(i64::from(value)).map_err(BadField::at(field))
}

fn ids<T>(
    values: &[String],
    field: &str,
    make: impl Fn(&str) -> Result<T, core_::ModelError>,
) -> Result<Vec<T>, BadField> {
    values.iter().enumerate().map(|(i, v)| make(v).map_err(BadField::at(format!("{field}[{i}]")))).collect()
}

impl OrgUnit {
    /// The subject named in an edit error about this unit.
    pub(crate) fn subject(&self) -> String {
        format!("unit \"{}\"", self.id)
    }

    /// The core's unit, or the first field it refuses.
    pub(crate) fn to_core(&self) -> Result<core_::Unit, BadField> {
        let role = match &self.role {
            UnitRole::Administration { kind, counterpart } => core_::Role::Administration {
                kind: match kind {
                    AdministrationKind::EducationDepartment => core_::AdministrationKind::EducationDepartment,
                    AdministrationKind::EducationOffice => core_::AdministrationKind::EducationOffice,
                    AdministrationKind::CommuneCommittee => core_::AdministrationKind::CommuneCommittee,
                    AdministrationKind::School { level, staff_count } => core_::AdministrationKind::School {
                        level: (*level),
                        staff_count: staff_count.map(|c| count(c, "staff_count")).transpose()?,
                    },
                },
                counterpart: counterpart
                    .as_deref()
                    .map(core_::UnitId::new)
                    .transpose()
                    .map_err(BadField::at("counterpart"))?,
            },
            UnitRole::Union { kind } => core_::Role::Union { kind: (*kind) },
        };
        Ok(core_::Unit {
            id: core_::UnitId::new(&self.id).map_err(BadField::at("id"))?,
            name: core_::Text::new(&self.name).map_err(BadField::at("name"))?,
            parent: self.parent.as_deref().map(core_::UnitId::new).transpose().map_err(BadField::at("parent"))?,
            role,
        })
    }
}

impl Plan {
    /// The subject named in an edit error about this plan.
    pub(crate) fn subject(&self) -> String {
        format!("plan \"{}\"", self.id)
    }

    /// The core's plan, or the first field it refuses.
    pub(crate) fn to_core(&self) -> Result<core_::Plan, BadField> {
        let mut areas = Vec::with_capacity(self.content_areas.len());
        for (i, a) in self.content_areas.iter().enumerate() {
            areas.push(core_::ContentArea {
                code: core_::AreaCode::new(&a.code).map_err(BadField::at(format!("content_areas[{i}].code")))?,
                title: core_::Text::new(&a.title).map_err(BadField::at(format!("content_areas[{i}].title")))?,
                addresses: ids(&a.addresses, &format!("content_areas[{i}].addresses"), core_::AreaCode::new)?,
            });
        }
        let content_areas = core_::ContentAreas::new(areas).map_err(|e| {
            let field = match &e {
                core_::ModelError::DuplicateAreaCode { index, .. } => {
                    format!("content_areas[{index}].code")
                }
                _ => "content_areas".to_owned(),
            };
            BadField::at(field)(e)
        })?;
        let mut approvals = Vec::with_capacity(self.approvals.len());
        for (i, a) in self.approvals.iter().enumerate() {
            approvals.push(match a {
                Approval::StaffConference { held_on, staff_total, attendees, votes_for, votes_against } => {
                    core_::Approval::StaffConference(core_::StaffConference {
                        held_on: *held_on,
                        staff_total: count(*staff_total, format!("approvals[{i}].staff_total"))?,
                        attendees: count(*attendees, format!("approvals[{i}].attendees"))?,
                        votes_for: count(*votes_for, format!("approvals[{i}].votes_for"))?,
                        votes_against: votes_against
                            .map(|v| count(v, format!("approvals[{i}].votes_against")))
                            .transpose()?,
                    })
                }
                Approval::Signing { held_on } => core_::Approval::Signing { held_on: *held_on },
            });
        }
        Ok(core_::Plan {
            id: core_::PlanId::new(&self.id).map_err(BadField::at("id"))?,
            number: self
                .number
                .as_deref()
                .map(core_::DocumentNumber::new)
                .transpose()
                .map_err(BadField::at("number"))?,
            title: core_::Text::new(&self.title).map_err(BadField::at("title"))?,
            school_year: self.school_year.parse().map_err(BadField::at("school_year"))?,
            status: self.status,
            issued_on: self.issued_on,
            issuers: ids(&self.issuers, "issuers", core_::UnitId::new)?,
            implements: ids(&self.implements, "implements", core_::PlanId::new)?,
            content_areas,
            approvals,
            reviews: self.reviews.iter().map(|r| core_::Review { kind: r.kind, held_on: r.held_on }).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school() -> OrgUnit {
        OrgUnit {
            id: "tx-thcs-nc".into(),
            name: "Trường THCS Nhân Chính".into(),
            role: UnitRole::Administration {
                kind: AdministrationKind::School { level: SchoolLevel::LowerSecondary, staff_count: Some(48) },
                counterpart: Some("tx-thcs-nc-cd".into()),
            },
            parent: Some("tx-pgd".into()),
        }
    }

    #[test]
    fn unit_round_trips() {
        let u = school();
        let core = u.to_core().ok().unwrap();
        assert_eq!(core.staff_count().map(|c| c.get()), Some(48));
        assert_eq!(OrgUnit::from(&core), u);
    }

    #[test]
    fn unit_fields_are_named() {
        let mut u = school();
        u.role = UnitRole::Administration {
            kind: AdministrationKind::School { level: SchoolLevel::Primary, staff_count: Some(1_000_001) },
            counterpart: None,
        };
        let err = u.to_core().err().unwrap();
        assert_eq!(err.field, "staff_count");
        assert!(err.detail.contains("1000001"), "{}", err.detail);
        u.role = UnitRole::Union { kind: UnionKind::GrassrootsUnion };
        u.parent = Some(String::new());
        assert_eq!(u.to_core().err().unwrap().field, "parent");
    }

    fn plan() -> Plan {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        Plan {
            id: "p".into(),
            title: "KH".into(),
            school_year: "2020-2021".into(),
            status: PlanStatus::Issued,
            number: Some("10/KHPH-THYH-CĐ".into()),
            issued_on: Some(d(9, 25)),
            issuers: vec!["a".into(), "b".into()],
            implements: vec!["q".into()],
            content_areas: vec![ContentArea {
                code: "1".into(),
                title: "Tuyên truyền".into(),
                addresses: vec!["1".into()],
            }],
            approvals: vec![
                Approval::StaffConference {
                    held_on: d(9, 24),
                    staff_total: 52,
                    attendees: 40,
                    votes_for: 33,
                    votes_against: Some(2),
                },
                Approval::Signing { held_on: d(9, 25) },
            ],
            reviews: vec![Review { kind: ReviewKind::MidYear, held_on: d(12, 20) }],
        }
    }

    #[test]
    fn plan_round_trips() {
        let p = plan();
        let core = p.to_core().ok().unwrap();
        assert_eq!(Plan::from(&core), p);
    }

    #[test]
    fn plan_fields_are_named() {
        let mut p = plan();
        p.school_year = "2020-2022".into();
        assert_eq!(p.to_core().err().unwrap().field, "school_year");
        let mut p = plan();
        p.content_areas.push(p.content_areas[0].clone());
        let err = p.to_core().err().unwrap();
        assert_eq!(err.field, "content_areas[1].code");
        let mut p = plan();
        p.approvals[0] = Approval::StaffConference {
            held_on: NaiveDate::from_ymd_opt(2020, 9, 24).unwrap(),
            staff_total: 52,
            attendees: 40,
            votes_for: 33,
            votes_against: Some(2_000_000),
        };
        assert_eq!(p.to_core().err().unwrap().field, "approvals[0].votes_against");
        let mut p = plan();
        p.issuers[1] = String::new();
        assert_eq!(p.to_core().err().unwrap().field, "issuers[1]");
    }
}
