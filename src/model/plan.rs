//! Plans (kế hoạch): the joint coordination plans each level issues, what they implement, what they contain,
//! and how they were adopted and reviewed.

use chrono::NaiveDate;

use super::{AreaCode, Count, DocumentNumber, ModelError, PlanId, SchoolYear, Text, UnitId};

/// Where a plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlanStatus {
    /// Being written; not yet adopted (exempt from the staff-conference requirement).
    Draft,
    /// Issued: signed and numbered.
    Issued,
    /// Withdrawn: kept in the graph as history; it keeps its number.
    Withdrawn,
}

impl PlanStatus {
    /// Every status, in format order.
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Draft, PlanStatus::Issued, PlanStatus::Withdrawn];

    /// The registry-format name.
    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Issued => "issued",
            PlanStatus::Withdrawn => "withdrawn",
        }
    }

    /// The status named by a registry-format name.
    pub fn from_code(s: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Issued or draft: the plans most rules look at.
    pub fn is_active(self) -> bool {
        self != PlanStatus::Withdrawn
    }
}

/// One content area of a plan (nội dung phối hợp), e.g. "1. Tuyên truyền".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentArea {
    /// Unique within the plan.
    pub code: AreaCode,
    /// What the area is about.
    pub title: Text,
    /// Codes of the parent plans' areas that this area carries out.
    pub addresses: Vec<AreaCode>,
}

impl ContentArea {
    /// An area that addresses nothing yet.
    pub fn new(code: &str, title: &str) -> Result<ContentArea, ModelError> {
        Ok(ContentArea { code: AreaCode::new(code)?, title: Text::new(title)?, addresses: Vec::new() })
    }

    /// This area, addressing `codes` of the parent plans' areas.
    pub fn addressing(mut self, codes: &[&str]) -> Result<ContentArea, ModelError> {
        self.addresses = codes.iter().map(|c| AreaCode::new(c)).collect::<Result<_, _>>()?;
        Ok(self)
    }
}

/// The content areas of a plan, their codes unique (checked when built).
///
/// ```
/// use kehoach::{ContentArea, ContentAreas};
/// let a = ContentArea::new("1", "Tuyên truyền").unwrap();
/// assert!(ContentAreas::new(vec![a.clone(), a]).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct ContentAreas(Vec<ContentArea>);

impl ContentAreas {
    /// Refuses two areas with the same code, naming the code.
    pub fn new(areas: Vec<ContentArea>) -> Result<ContentAreas, ModelError> {
        if let Some(i) = first_duplicate_code(&areas) {
            let code = areas.get(i).map(|a| a.code.to_string()).unwrap_or_default();
            return Err(ModelError::DuplicateAreaCode { code, index: i });
        }
        Ok(ContentAreas(areas))
    }

    /// The areas, in the order given.
    pub fn as_slice(&self) -> &[ContentArea] {
        &self.0
    }

    /// The area with `code`.
    pub fn get(&self, code: &str) -> Option<&ContentArea> {
        self.0.iter().find(|a| a.code == code)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The areas, in the order given.
    pub fn iter(&self) -> std::slice::Iter<'_, ContentArea> {
        self.0.iter()
    }
}

/// The index of the first area whose code an earlier area already has.
pub(crate) fn first_duplicate_code(areas: &[ContentArea]) -> Option<usize> {
    if areas.len() < 16 {
        return areas.iter().enumerate().position(|(i, a)| areas.iter().take(i).any(|b| b.code == a.code));
    }
    let mut seen = rustc_hash::FxHashSet::default();
    areas.iter().position(|a| !seen.insert(a.code.as_str()))
}

impl<'a> IntoIterator for &'a ContentAreas {
    type Item = &'a ContentArea;
    type IntoIter = std::slice::Iter<'a, ContentArea>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl TryFrom<Vec<ContentArea>> for ContentAreas {
    type Error = ModelError;
    fn try_from(v: Vec<ContentArea>) -> Result<ContentAreas, ModelError> {
        ContentAreas::new(v)
    }
}

/// A staff conference (Hội nghị cán bộ, viên chức) that voted on the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StaffConference {
    /// The day it was held.
    pub held_on: NaiveDate,
    /// All staff of the unit (or the delegates summoned).
    pub staff_total: Count,
    /// How many attended.
    pub attendees: Count,
    /// Votes for the resolution.
    pub votes_for: Count,
    /// Votes against, when recorded (absent counts as 0).
    pub votes_against: Option<Count>,
}

impl StaffConference {
    /// A conference; each count must not exceed [`Count::MAX`].
    pub fn new(
        held_on: NaiveDate,
        staff_total: u64,
        attendees: u64,
        votes_for: u64,
        votes_against: Option<u64>,
    ) -> Result<StaffConference, ModelError> {
        Ok(StaffConference {
            held_on,
            staff_total: Count::new(staff_total)?,
            attendees: Count::new(attendees)?,
            votes_for: Count::new(votes_for)?,
            votes_against: votes_against.map(Count::new).transpose()?,
        })
    }
}

/// How a plan was approved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approval {
    /// Adopted at a staff conference.
    StaffConference(StaffConference),
    /// Signed by both sides at a ceremony (ký kết).
    Signing {
        /// The day of the ceremony.
        held_on: NaiveDate,
    },
}

impl Approval {
    /// The day of the approval.
    pub fn held_on(&self) -> NaiveDate {
        match self {
            Approval::StaffConference(c) => c.held_on,
            Approval::Signing { held_on } => *held_on,
        }
    }
}

/// The kind of a review of how a plan was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReviewKind {
    /// Sơ kết: the mid-year review (Law 10/2022 Art. 52(3): every six months).
    MidYear,
    /// Tổng kết: the year-end review.
    YearEnd,
}

impl ReviewKind {
    /// The registry-format name.
    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::MidYear => "mid_year",
            ReviewKind::YearEnd => "year_end",
        }
    }

    /// The kind named by a registry-format name.
    pub fn from_code(s: &str) -> Option<ReviewKind> {
        [ReviewKind::MidYear, ReviewKind::YearEnd].into_iter().find(|k| k.code() == s)
    }
}

/// A review of how a plan was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Review {
    /// Mid-year or year-end.
    pub kind: ReviewKind,
    /// The day it was held.
    pub held_on: NaiveDate,
}

/// A coordination plan.
///
/// Every field holds a value that is valid on its own (ids non-empty and NFC, counts in range, content-area
/// codes unique); what depends on other units and plans (does the parent exist? is the number unique?) is
/// for the rules to report.
///
/// ```
/// use kehoach::{Plan, PlanStatus, SchoolYear};
/// use chrono::NaiveDate;
/// # fn main() -> Result<(), kehoach::ModelError> {
/// let plan = Plan::new("tx-17-2020", "Kế hoạch phối hợp năm học 2020-2021", "2020-2021".parse()?, PlanStatus::Issued)?
///     .with_number("17/KHPH-GD&ĐT-LĐLĐ")?
///     .issued(NaiveDate::from_ymd_opt(2020, 9, 4).unwrap())
///     .with_issuers(&["tx-pgd", "tx-ldld"])?
///     .implementing(&["hn-2731-2020"])?;
/// assert_eq!(plan.implements.len(), 1);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Plan {
    /// Unique among plans.
    pub id: PlanId,
    /// The document number and symbol; a draft usually has none yet.
    pub number: Option<DocumentNumber>,
    /// The title.
    pub title: Text,
    /// The school year the plan is for.
    pub school_year: SchoolYear,
    /// Draft, issued or withdrawn.
    pub status: PlanStatus,
    /// The day it was issued.
    pub issued_on: Option<NaiveDate>,
    /// The administration unit first, its union second.
    pub issuers: Vec<UnitId>,
    /// The plans this plan carries out (its parent plans).
    pub implements: Vec<PlanId>,
    /// What the plan covers.
    pub content_areas: ContentAreas,
    /// Staff conferences and signings.
    pub approvals: Vec<Approval>,
    /// Mid-year and year-end reviews.
    pub reviews: Vec<Review>,
}

impl Plan {
    /// A plan with the required fields only.
    pub fn new(id: &str, title: &str, school_year: SchoolYear, status: PlanStatus) -> Result<Plan, ModelError> {
        Ok(Plan {
            id: PlanId::new(id)?,
            number: None,
            title: Text::new(title)?,
            school_year,
            status,
            issued_on: None,
            issuers: Vec::new(),
            implements: Vec::new(),
            content_areas: ContentAreas::default(),
            approvals: Vec::new(),
            reviews: Vec::new(),
        })
    }

    /// This plan with `number`.
    pub fn with_number(mut self, number: &str) -> Result<Plan, ModelError> {
        self.number = Some(DocumentNumber::new(number)?);
        Ok(self)
    }

    /// This plan issued on `date` (the status is not changed).
    pub fn issued(mut self, date: NaiveDate) -> Plan {
        self.issued_on = Some(date);
        self
    }

    /// This plan with `issuers`, the administration unit first.
    pub fn with_issuers(mut self, issuers: &[&str]) -> Result<Plan, ModelError> {
        self.issuers = issuers.iter().map(|s| UnitId::new(s)).collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// This plan implementing `parents`.
    pub fn implementing(mut self, parents: &[&str]) -> Result<Plan, ModelError> {
        self.implements = parents.iter().map(|s| PlanId::new(s)).collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// This plan with `areas`; refuses duplicate codes.
    pub fn with_content_areas(mut self, areas: Vec<ContentArea>) -> Result<Plan, ModelError> {
        self.content_areas = ContentAreas::new(areas)?;
        Ok(self)
    }

    /// This plan with one more approval.
    pub fn approved(mut self, approval: Approval) -> Plan {
        self.approvals.push(approval);
        self
    }

    /// This plan with one more review.
    pub fn reviewed(mut self, review: Review) -> Plan {
        self.reviews.push(review);
        self
    }

    /// The adopting conference: the staff conference with the latest `held_on`, the last listed among equals.
    /// Earlier ones are history (a conference that failed quorum and was held again).
    pub fn adopting_conference(&self) -> Option<&StaffConference> {
        let mut best: Option<&StaffConference> = None;
        for a in &self.approvals {
            if let Approval::StaffConference(c) = a {
                if best.is_none_or(|b| c.held_on >= b.held_on) {
                    best = Some(c);
                }
            }
        }
        best
    }

    /// Whether any approval is a staff conference.
    pub fn has_staff_conference(&self) -> bool {
        self.approvals.iter().any(|a| matches!(a, Approval::StaffConference(_)))
    }
}
