//! Units: the bodies that issue plans, on the administration side and on the union side.
//!
//! Where the format puts a field only on some units (a school level on schools, a counterpart on
//! administration units), the types put it only there too: [`Role::Union`] has no counterpart and only
//! [`AdministrationKind::School`] carries a level and a staff count, so no misplaced field can be built.

use std::fmt;

use super::{Count, Text, UnitId};

/// The side of a unit: the employer side (chính quyền) or the trade union side (công đoàn).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// Education department, office, commune committee or school.
    Administration,
    /// Sector union, labour federation or grassroots union.
    Union,
}

/// The level taught by a school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

impl SchoolLevel {
    /// Every level, in format order.
    pub const ALL: [SchoolLevel; 5] = [
        SchoolLevel::Kindergarten,
        SchoolLevel::Primary,
        SchoolLevel::LowerSecondary,
        SchoolLevel::UpperSecondary,
        SchoolLevel::MultiLevel,
    ];

    /// The registry-format name (`lower_secondary`).
    pub fn code(self) -> &'static str {
        match self {
            SchoolLevel::Kindergarten => "kindergarten",
            SchoolLevel::Primary => "primary",
            SchoolLevel::LowerSecondary => "lower_secondary",
            SchoolLevel::UpperSecondary => "upper_secondary",
            SchoolLevel::MultiLevel => "multi_level",
        }
    }

    /// The level named by a registry-format name.
    pub fn from_code(s: &str) -> Option<SchoolLevel> {
        SchoolLevel::ALL.into_iter().find(|l| l.code() == s)
    }
}

/// The kind of an administration unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
        /// Its number of staff, when known. A school of 7 or fewer need not hold a staff conference.
        staff_count: Option<Count>,
    },
}

/// The kind of a union unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnionKind {
    /// Công đoàn ngành Giáo dục: the province or city education trade union.
    SectorUnion,
    /// Liên đoàn Lao động quận/huyện: the district trade union body.
    LabourFederation,
    /// Công đoàn cơ sở: the union of one school.
    GrassrootsUnion,
}

/// What a unit is, with the fields that only that kind of unit may have.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// An administration unit, and the union unit at its level that co-issues its plans.
    Administration {
        /// Department, office, commune committee or school.
        kind: AdministrationKind,
        /// The union unit at the same level, when recorded.
        counterpart: Option<UnitId>,
    },
    /// A union unit.
    Union {
        /// Sector union, labour federation or grassroots union.
        kind: UnionKind,
    },
}

/// The kind of a unit without its data, as the registry format names it (`education_office`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    /// See [`AdministrationKind::EducationDepartment`].
    EducationDepartment,
    /// See [`AdministrationKind::EducationOffice`].
    EducationOffice,
    /// See [`AdministrationKind::CommuneCommittee`].
    CommuneCommittee,
    /// See [`AdministrationKind::School`].
    School,
    /// See [`UnionKind::SectorUnion`].
    SectorUnion,
    /// See [`UnionKind::LabourFederation`].
    LabourFederation,
    /// See [`UnionKind::GrassrootsUnion`].
    GrassrootsUnion,
}

impl UnitKind {
    /// Every kind, in format order.
    pub const ALL: [UnitKind; 7] = [
        UnitKind::EducationDepartment,
        UnitKind::EducationOffice,
        UnitKind::CommuneCommittee,
        UnitKind::School,
        UnitKind::SectorUnion,
        UnitKind::LabourFederation,
        UnitKind::GrassrootsUnion,
    ];

    /// The registry-format name.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::EducationDepartment => "education_department",
            UnitKind::EducationOffice => "education_office",
            UnitKind::CommuneCommittee => "commune_committee",
            UnitKind::School => "school",
            UnitKind::SectorUnion => "sector_union",
            UnitKind::LabourFederation => "labour_federation",
            UnitKind::GrassrootsUnion => "grassroots_union",
        }
    }

    /// The kind named by a registry-format name.
    pub fn from_code(s: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The side this kind of unit is on.
    pub fn side(self) -> Side {
        match self {
            UnitKind::EducationDepartment
            | UnitKind::EducationOffice
            | UnitKind::CommuneCommittee
            | UnitKind::School => Side::Administration,
            UnitKind::SectorUnion | UnitKind::LabourFederation | UnitKind::GrassrootsUnion => Side::Union,
        }
    }

    /// A short Vietnamese name for messages (`phòng GD&ĐT`).
    pub fn name_vi(self) -> &'static str {
        match self {
            UnitKind::EducationDepartment => "sở GD&ĐT",
            UnitKind::EducationOffice => "phòng GD&ĐT",
            UnitKind::CommuneCommittee => "UBND xã/phường",
            UnitKind::School => "trường",
            UnitKind::SectorUnion => "công đoàn ngành giáo dục",
            UnitKind::LabourFederation => "liên đoàn lao động",
            UnitKind::GrassrootsUnion => "công đoàn cơ sở",
        }
    }

    /// A short English name for messages (`education office`).
    pub fn name_en(self) -> &'static str {
        match self {
            UnitKind::EducationDepartment => "education department",
            UnitKind::EducationOffice => "education office",
            UnitKind::CommuneCommittee => "commune committee",
            UnitKind::School => "school",
            UnitKind::SectorUnion => "sector union",
            UnitKind::LabourFederation => "labour federation",
            UnitKind::GrassrootsUnion => "grassroots union",
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A unit (đơn vị): a body that issues plans or manages other units.
///
/// ```
/// use kehoach::{AdministrationKind, Role, SchoolLevel, Side, Unit, UnitId, UnionKind};
/// # fn main() -> Result<(), kehoach::ModelError> {
/// let office = Unit::administration("tx-pgd", "Phòng GD&ĐT quận Thanh Xuân", AdministrationKind::EducationOffice)?
///     .with_parent("hn-sgd")?
///     .with_counterpart("tx-ldld")?;
/// assert_eq!(office.side(), Side::Administration);
/// let union = Unit::union("tx-ldld", "Liên đoàn Lao động quận Thanh Xuân", UnionKind::LabourFederation)?;
/// assert!(union.clone().with_counterpart("tx-pgd").is_err()); // a union unit has no counterpart
/// let school = Unit::school("tx-thcs-nc", "Trường THCS Nhân Chính", SchoolLevel::LowerSecondary, Some(48))?;
/// assert_eq!(school.staff_count().map(|c| c.get()), Some(48));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Unique among units.
    pub id: UnitId,
    /// The display name.
    pub name: Text,
    /// The unit directly above on the same side; `None` for a root.
    pub parent: Option<UnitId>,
    /// What the unit is, with the fields only that kind may have.
    pub role: Role,
}

impl Unit {
    /// An administration unit without parent or counterpart.
    pub fn administration(id: &str, name: &str, kind: AdministrationKind) -> Result<Unit, super::ModelError> {
        Ok(Unit {
            id: UnitId::new(id)?,
            name: Text::new(name)?,
            parent: None,
            role: Role::Administration { kind, counterpart: None },
        })
    }

    /// A union unit without parent.
    pub fn union(id: &str, name: &str, kind: UnionKind) -> Result<Unit, super::ModelError> {
        Ok(Unit { id: UnitId::new(id)?, name: Text::new(name)?, parent: None, role: Role::Union { kind } })
    }

    /// A school without parent or counterpart; `staff_count` must not exceed [`Count::MAX`].
    pub fn school(
        id: &str,
        name: &str,
        level: SchoolLevel,
        staff_count: Option<u64>,
    ) -> Result<Unit, super::ModelError> {
        let staff_count = staff_count.map(Count::new).transpose()?;
        Unit::administration(id, name, AdministrationKind::School { level, staff_count })
    }

    /// This unit with `parent` as its parent.
    pub fn with_parent(mut self, parent: &str) -> Result<Unit, super::ModelError> {
        self.parent = Some(UnitId::new(parent)?);
        Ok(self)
    }

    /// This unit with `counterpart` as its counterpart; refused on a union unit.
    pub fn with_counterpart(mut self, counterpart: &str) -> Result<Unit, super::ModelError> {
        let id = UnitId::new(counterpart)?;
        match &mut self.role {
            Role::Administration { counterpart, .. } => *counterpart = Some(id),
            Role::Union { .. } => {
                return Err(super::ModelError::CounterpartOnUnion { unit: self.id.to_string() });
            }
        }
        Ok(self)
    }

    /// The kind, without its data.
    pub fn kind(&self) -> UnitKind {
        match &self.role {
            Role::Administration { kind, .. } => match kind {
                AdministrationKind::EducationDepartment => UnitKind::EducationDepartment,
                AdministrationKind::EducationOffice => UnitKind::EducationOffice,
                AdministrationKind::CommuneCommittee => UnitKind::CommuneCommittee,
                AdministrationKind::School { .. } => UnitKind::School,
            },
            Role::Union { kind } => match kind {
                UnionKind::SectorUnion => UnitKind::SectorUnion,
                UnionKind::LabourFederation => UnitKind::LabourFederation,
                UnionKind::GrassrootsUnion => UnitKind::GrassrootsUnion,
            },
        }
    }

    /// The side the unit is on.
    pub fn side(&self) -> Side {
        match self.role {
            Role::Administration { .. } => Side::Administration,
            Role::Union { .. } => Side::Union,
        }
    }

    /// The counterpart, on an administration unit that records one.
    pub fn counterpart(&self) -> Option<&UnitId> {
        match &self.role {
            Role::Administration { counterpart, .. } => counterpart.as_ref(),
            Role::Union { .. } => None,
        }
    }

    /// Whether the unit is a school.
    pub fn is_school(&self) -> bool {
        self.kind() == UnitKind::School
    }

    /// The level taught, for a school.
    pub fn school_level(&self) -> Option<SchoolLevel> {
        match self.role {
            Role::Administration { kind: AdministrationKind::School { level, .. }, .. } => Some(level),
            _ => None,
        }
    }

    /// The staff count, for a school that records one.
    pub fn staff_count(&self) -> Option<Count> {
        match self.role {
            Role::Administration { kind: AdministrationKind::School { staff_count, .. }, .. } => staff_count,
            _ => None,
        }
    }
}
