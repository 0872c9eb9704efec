//! The rule catalogue: every rule's stable code, default severity, family, title and legal basis, so that a
//! caller (a UI, a report) can list the rules and explain a finding.
//!
//! Codes are kebab-case and never reused (`spec/rules.md`). The basis quoted depends on the profile: the
//! 2020 three-tier hierarchy rests on the 2012 Trade Union Law, the 2025 two-tier hierarchy on the 2024 one;
//! the staff conference's quorum and majority on Circular 01/2016/TT-BNV, Art. 2, for conferences before
//! 1 July 2023 and on Law 10/2022/QH15, Art. 51, with those thresholds carried over in practice, after
//! ([`Rule::basis_on`]). A clause that was not read is not quoted as if it had been: Art. 22 of the 2012
//! Trade Union Law is named as practice cites it.

use std::fmt;

use chrono::NaiveDate;

use crate::model::{Profile, Severity};

/// The day Law 10/2022/QH15 on grassroots democracy came into force.
const LAW_10_2022_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2023, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The staff conference's quorum and majority before Law 10/2022 came into force.
const CONFERENCE_VOTE_UNTIL_2023: &str = "Thông tư 01/2016/TT-BNV, Điều 2: hội nghị hợp lệ khi có ít nhất 2/3 tổng \
     số người được triệu tập tham dự; nghị quyết được thông qua khi quá 50% số người dự tán thành (hội nghị họp \
     trước 01/7/2023) (Circular 01/2016/TT-BNV, Art. 2: valid when at least two thirds of those summoned attend; \
     a resolution passes with more than half of those attending; for conferences held before 1 July 2023)";

/// The same thresholds since, carried over in practice: no quotation of Law 10/2022 seen states them.
const CONFERENCE_VOTE_SINCE_2023: &str = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51 (từ 01/7/2023); \
     ngưỡng 2/3 số người được triệu tập tham dự và quá 50% số người dự tán thành của Thông tư 01/2016/TT-BNV, \
     Điều 2 tiếp tục được áp dụng trong thực tiễn (Law on Grassroots Democracy 10/2022/QH15, Art. 51, from 1 July \
     2023; the two-thirds quorum and the majority over half of those attending of Circular 01/2016/TT-BNV, Art. 2, \
     carried over in practice)";

/// Both periods, for the catalogue of the 2020 profile, whose school years span 1 July 2023.
const CONFERENCE_VOTE_BOTH: &str = "Thông tư 01/2016/TT-BNV, Điều 2 (hội nghị họp trước 01/7/2023): hội nghị hợp lệ \
     khi có ít nhất 2/3 tổng số người được triệu tập tham dự, nghị quyết được thông qua khi quá 50% số người dự \
     tán thành; từ 01/7/2023: Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51, các ngưỡng trên tiếp tục được \
     áp dụng trong thực tiễn (Circular 01/2016/TT-BNV, Art. 2, for conferences before 1 July 2023: quorum two \
     thirds of those summoned, majority over half of those attending; from then on, Law 10/2022/QH15, Art. 51, \
     with the same thresholds carried over in practice)";

/// A rule of the catalogue. The variants are in code order, so sorting rules sorts their codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `content-area-uncovered`
    ContentAreaUncovered,
    /// `content-area-unknown`
    ContentAreaUnknown,
    /// `document-number-duplicate`
    DocumentNumberDuplicate,
    /// `document-number-format`
    DocumentNumberFormat,
    /// `document-number-spacing`
    DocumentNumberSpacing,
    /// `document-number-type`
    DocumentNumberType,
    /// `duplicate-plan`
    DuplicatePlan,
    /// `parent-plan-date-order`
    ParentPlanDateOrder,
    /// `parent-plan-missing`
    ParentPlanMissing,
    /// `parent-plan-school-year`
    ParentPlanSchoolYear,
    /// `parent-plan-unknown`
    ParentPlanUnknown,
    /// `parent-plan-withdrawn`
    ParentPlanWithdrawn,
    /// `parent-plan-wrong-issuer`
    ParentPlanWrongIssuer,
    /// `plan-cycle`
    PlanCycle,
    /// `plan-issued-fields`
    PlanIssuedFields,
    /// `plan-issuers`
    PlanIssuers,
    /// `school-without-plan`
    SchoolWithoutPlan,
    /// `school-year-window`
    SchoolYearWindow,
    /// `staff-conference-before-parent`
    StaffConferenceBeforeParent,
    /// `staff-conference-counts`
    StaffConferenceCounts,
    /// `staff-conference-majority`
    StaffConferenceMajority,
    /// `staff-conference-missing`
    StaffConferenceMissing,
    /// `staff-conference-quorum`
    StaffConferenceQuorum,
    /// `staff-conference-window`
    StaffConferenceWindow,
    /// `unit-hierarchy-cycle`
    UnitHierarchyCycle,
    /// `unit-side-mismatch`
    UnitSideMismatch,
    /// `unit-unknown-reference`
    UnitUnknownReference,
}

/// The family a rule belongs to, as `spec/rules.md` groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Units and their references.
    Units,
    /// Plans and document numbers.
    Numbers,
    /// The implementation hierarchy.
    Hierarchy,
    /// The staff conference that adopts a school plan.
    StaffConference,
    /// Content areas and what they address.
    ContentAreas,
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: [Rule; 27] = [
        Rule::ContentAreaUncovered,
        Rule::ContentAreaUnknown,
        Rule::DocumentNumberDuplicate,
        Rule::DocumentNumberFormat,
        Rule::DocumentNumberSpacing,
        Rule::DocumentNumberType,
        Rule::DuplicatePlan,
        Rule::ParentPlanDateOrder,
        Rule::ParentPlanMissing,
        Rule::ParentPlanSchoolYear,
        Rule::ParentPlanUnknown,
        Rule::ParentPlanWithdrawn,
        Rule::ParentPlanWrongIssuer,
        Rule::PlanCycle,
        Rule::PlanIssuedFields,
        Rule::PlanIssuers,
        Rule::SchoolWithoutPlan,
        Rule::SchoolYearWindow,
        Rule::StaffConferenceBeforeParent,
        Rule::StaffConferenceCounts,
        Rule::StaffConferenceMajority,
        Rule::StaffConferenceMissing,
        Rule::StaffConferenceQuorum,
        Rule::StaffConferenceWindow,
        Rule::UnitHierarchyCycle,
        Rule::UnitSideMismatch,
        Rule::UnitUnknownReference,
    ];

    /// The stable code (`parent-plan-missing`).
    pub fn code(self) -> &'static str {
        match self {
            Rule::ContentAreaUncovered => "content-area-uncovered",
            Rule::ContentAreaUnknown => "content-area-unknown",
            Rule::DocumentNumberDuplicate => "document-number-duplicate",
            Rule::DocumentNumberFormat => "document-number-format",
            Rule::DocumentNumberSpacing => "document-number-spacing",
            Rule::DocumentNumberType => "document-number-type",
            Rule::DuplicatePlan => "duplicate-plan",
            Rule::ParentPlanDateOrder => "parent-plan-date-order",
            Rule::ParentPlanMissing => "parent-plan-missing",
            Rule::ParentPlanSchoolYear => "parent-plan-school-year",
            Rule::ParentPlanUnknown => "parent-plan-unknown",
            Rule::ParentPlanWithdrawn => "parent-plan-withdrawn",
            Rule::ParentPlanWrongIssuer => "parent-plan-wrong-issuer",
            Rule::PlanCycle => "plan-cycle",
            Rule::PlanIssuedFields => "plan-issued-fields",
            Rule::PlanIssuers => "plan-issuers",
            Rule::SchoolWithoutPlan => "school-without-plan",
            Rule::SchoolYearWindow => "school-year-window",
            Rule::StaffConferenceBeforeParent => "staff-conference-before-parent",
            Rule::StaffConferenceCounts => "staff-conference-counts",
            Rule::StaffConferenceMajority => "staff-conference-majority",
            Rule::StaffConferenceMissing => "staff-conference-missing",
            Rule::StaffConferenceQuorum => "staff-conference-quorum",
            Rule::StaffConferenceWindow => "staff-conference-window",
            Rule::UnitHierarchyCycle => "unit-hierarchy-cycle",
            Rule::UnitSideMismatch => "unit-side-mismatch",
            Rule::UnitUnknownReference => "unit-unknown-reference",
        }
    }

    /// The rule with `code`, if there is one.
    ///
    /// ```
    /// use kehoach::Rule;
    /// assert_eq!(Rule::from_code("plan-cycle"), Some(Rule::PlanCycle));
    /// assert_eq!(Rule::from_code("plan-cycles"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.binary_search_by(|r| r.code().cmp(code)).ok().and_then(|i| Rule::ALL.get(i).copied())
    }

    /// The severity the rule has unless a registry's `rules` object says otherwise (the same in both
    /// profiles in version 1).
    pub fn default_severity(self, _profile: Profile) -> Severity {
        match self {
            Rule::DocumentNumberSpacing
            | Rule::DocumentNumberType
            | Rule::DuplicatePlan
            | Rule::SchoolWithoutPlan
            | Rule::StaffConferenceBeforeParent
            | Rule::ContentAreaUncovered => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The family the rule belongs to.
    pub fn family(self) -> Family {
        match self {
            Rule::UnitUnknownReference | Rule::UnitHierarchyCycle | Rule::UnitSideMismatch => Family::Units,
            Rule::PlanIssuers
            | Rule::PlanIssuedFields
            | Rule::DocumentNumberFormat
            | Rule::DocumentNumberSpacing
            | Rule::DocumentNumberType
            | Rule::DocumentNumberDuplicate
            | Rule::SchoolYearWindow
            | Rule::DuplicatePlan => Family::Numbers,
            Rule::ParentPlanMissing
            | Rule::ParentPlanUnknown
            | Rule::ParentPlanWithdrawn
            | Rule::ParentPlanWrongIssuer
            | Rule::ParentPlanSchoolYear
            | Rule::ParentPlanDateOrder
            | Rule::PlanCycle
            | Rule::SchoolWithoutPlan => Family::Hierarchy,
            Rule::StaffConferenceMissing
            | Rule::StaffConferenceCounts
            | Rule::StaffConferenceQuorum
            | Rule::StaffConferenceMajority
            | Rule::StaffConferenceWindow
            | Rule::StaffConferenceBeforeParent => Family::StaffConference,
            Rule::ContentAreaUnknown | Rule::ContentAreaUncovered => Family::ContentAreas,
        }
    }

    /// A one-line title in Vietnamese.
    pub fn title_vi(self) -> &'static str {
        match self {
            Rule::UnitUnknownReference => "Tham chiếu tới đơn vị không có trong sổ",
            Rule::UnitHierarchyCycle => "Quan hệ cấp trên của đơn vị tạo thành vòng",
            Rule::UnitSideMismatch => "Cấp trên hoặc đơn vị đối ứng ở sai phía (chính quyền/công đoàn)",
            Rule::PlanIssuers => "Kế hoạch phải do chính quyền và công đoàn cùng cấp ban hành",
            Rule::PlanIssuedFields => "Kế hoạch đã ban hành phải có số, ký hiệu và ngày ban hành",
            Rule::DocumentNumberFormat => "Số, ký hiệu văn bản sai thể thức",
            Rule::DocumentNumberSpacing => "Số, ký hiệu văn bản có khoảng trắng cạnh \"/\" hoặc \"-\"",
            Rule::DocumentNumberType => "Ký hiệu không phải tên loại kế hoạch (KH, KHLT, KHPH)",
            Rule::DocumentNumberDuplicate => "Trùng số, ký hiệu văn bản trong cùng năm của cùng cơ quan",
            Rule::SchoolYearWindow => "Ngày ban hành nằm ngoài năm học của kế hoạch",
            Rule::DuplicatePlan => "Một cơ quan có nhiều kế hoạch cho cùng năm học",
            Rule::ParentPlanMissing => "Kế hoạch không thực hiện kế hoạch cấp trên nào",
            Rule::ParentPlanUnknown => "Kế hoạch cấp trên không có trong sổ",
            Rule::ParentPlanWithdrawn => "Kế hoạch cấp trên đã bị thu hồi",
            Rule::ParentPlanWrongIssuer => "Kế hoạch cấp trên không phải của đơn vị quản lý trực tiếp",
            Rule::ParentPlanSchoolYear => "Kế hoạch cấp trên thuộc năm học khác",
            Rule::ParentPlanDateOrder => "Kế hoạch ban hành trước kế hoạch cấp trên",
            Rule::PlanCycle => "Quan hệ thực hiện giữa các kế hoạch tạo thành vòng",
            Rule::SchoolWithoutPlan => "Trường chưa có kế hoạch phối hợp đã ban hành cho năm học",
            Rule::StaffConferenceMissing => "Kế hoạch của trường chưa được thông qua tại hội nghị cán bộ, viên chức",
            Rule::StaffConferenceCounts => "Số liệu hội nghị cán bộ, viên chức không khớp",
            Rule::StaffConferenceQuorum => "Hội nghị cán bộ, viên chức không đủ 2/3 số người tham dự",
            Rule::StaffConferenceMajority => "Nghị quyết hội nghị không được quá nửa số người dự tán thành",
            Rule::StaffConferenceWindow => "Hội nghị cán bộ, viên chức tổ chức ngoài năm học của kế hoạch",
            Rule::StaffConferenceBeforeParent => "Hội nghị cán bộ, viên chức họp trước khi có kế hoạch cấp trên",
            Rule::ContentAreaUnknown => "Nội dung phối hợp tham chiếu nội dung không có ở kế hoạch cấp trên",
            Rule::ContentAreaUncovered => "Nội dung của kế hoạch cấp trên chưa được triển khai",
        }
    }

    /// A one-line title in English.
    pub fn title_en(self) -> &'static str {
        match self {
            Rule::UnitUnknownReference => "Reference to a unit that is not in the registry",
            Rule::UnitHierarchyCycle => "Unit parents form a cycle",
            Rule::UnitSideMismatch => "Parent or counterpart on the wrong side (administration/union)",
            Rule::PlanIssuers => "A plan is issued by an administration unit and the union at its level",
            Rule::PlanIssuedFields => "An issued plan has a number and an issue date",
            Rule::DocumentNumberFormat => "Document number does not follow Decree 30/2020",
            Rule::DocumentNumberSpacing => "Document number has spaces next to \"/\" or \"-\"",
            Rule::DocumentNumberType => "Document type is not a plan (KH, KHLT, KHPH)",
            Rule::DocumentNumberDuplicate => "The same number issued twice by one body in one calendar year",
            Rule::SchoolYearWindow => "Issue date outside the plan's school year",
            Rule::DuplicatePlan => "Several plans by one body for one school year",
            Rule::ParentPlanMissing => "Plan implements no plan of the level above",
            Rule::ParentPlanUnknown => "Parent plan is not in the registry",
            Rule::ParentPlanWithdrawn => "Parent plan was withdrawn",
            Rule::ParentPlanWrongIssuer => "Parent plan is not a plan of the managing unit",
            Rule::ParentPlanSchoolYear => "Parent plan is for another school year",
            Rule::ParentPlanDateOrder => "Plan issued before its parent plan",
            Rule::PlanCycle => "Plans implement each other in a cycle",
            Rule::SchoolWithoutPlan => "School has no issued plan for a school year",
            Rule::StaffConferenceMissing => "School plan not adopted at a staff conference",
            Rule::StaffConferenceCounts => "Staff conference figures do not add up",
            Rule::StaffConferenceQuorum => "Staff conference below the two-thirds quorum",
            Rule::StaffConferenceMajority => "Resolution not carried by more than half of those attending",
            Rule::StaffConferenceWindow => "Staff conference outside the plan's school year",
            Rule::StaffConferenceBeforeParent => "Staff conference held before the parent plan was issued",
            Rule::ContentAreaUnknown => "Content area addresses an area no parent plan has",
            Rule::ContentAreaUncovered => "A parent plan's content area is not carried out",
        }
    }

    /// The legal basis a finding about a staff conference held on `held_on` quotes: the conference's quorum,
    /// majority and figures were set by Circular 01/2016/TT-BNV, Art. 2, until 1 July 2023, and rest on Law
    /// 10/2022/QH15, Art. 51, with the same thresholds carried over in practice, since. Every other rule
    /// quotes [`Rule::basis`], whatever the date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kehoach::{Profile, Rule};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let before = Rule::StaffConferenceQuorum.basis_on(Profile::ThreeTier2020, day(2020, 9, 22));
    /// let after = Rule::StaffConferenceQuorum.basis_on(Profile::ThreeTier2020, day(2023, 9, 22));
    /// assert!(before.starts_with("Thông tư 01/2016/TT-BNV, Điều 2"));
    /// assert!(after.starts_with("Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51"));
    /// ```
    pub fn basis_on(self, profile: Profile, held_on: NaiveDate) -> &'static str {
        match self {
            Rule::StaffConferenceQuorum | Rule::StaffConferenceMajority | Rule::StaffConferenceCounts => {
                if held_on < LAW_10_2022_IN_FORCE { CONFERENCE_VOTE_UNTIL_2023 } else { CONFERENCE_VOTE_SINCE_2023 }
            }
            _ => self.basis(profile),
        }
    }

    /// The legal basis (or the practice) the rule rests on, as quoted in findings under `profile`.
    pub fn basis(self, profile: Profile) -> &'static str {
        let y2020 = profile == Profile::ThreeTier2020;
        match self.family() {
            Family::Units => match self {
                Rule::UnitSideMismatch if y2020 => {
                    "Luật Công đoàn 2012 (Điều 22, theo cách dẫn trong thực tiễn): cơ quan, đơn vị phối hợp với \
                     công đoàn cùng cấp (Trade Union Law 2012, Art. 22 as cited in practice: each body coordinates \
                     with the union at its own level)"
                }
                Rule::UnitSideMismatch => {
                    "Luật Công đoàn 2024: cơ quan, đơn vị phối hợp với công đoàn cùng cấp \
                     (Trade Union Law 2024: each body coordinates with the union at its own level)"
                }
                _ => {
                    "Định dạng sổ kế hoạch kehoach/registry@1: mọi tham chiếu phải trỏ tới đơn vị có trong sổ, \
                     quan hệ cấp trên không được tạo vòng (registry integrity: every reference names a recorded \
                     unit; the hierarchy of units has no cycle)"
                }
            },
            Family::Numbers => match self {
                Rule::PlanIssuers | Rule::DuplicatePlan if y2020 => {
                    "Luật Công đoàn 2012 (Điều 22, theo cách dẫn trong thực tiễn): mỗi cơ quan phối hợp với công \
                     đoàn cùng cấp; thực tiễn: mỗi năm học một kế hoạch phối hợp chung (Trade Union Law 2012, Art. 22 \
                     as cited in practice: each body coordinates with the union at its own level; practice: one joint \
                     plan a school year)"
                }
                Rule::PlanIssuers | Rule::DuplicatePlan => {
                    "Luật Công đoàn 2024: cơ quan, đơn vị xây dựng, ban hành và thực hiện quy chế phối hợp với công \
                     đoàn cùng cấp (Trade Union Law 2024: each body issues one coordination plan with the union at \
                     its own level)"
                }
                Rule::DocumentNumberDuplicate => {
                    "Nghị định 30/2020/NĐ-CP, Điều 15: số văn bản cấp theo thứ tự trong năm của từng cơ quan, từ 01 \
                     ngày 01/01 (Decree 30/2020, Art. 15: numbers run per issuing body per calendar year)"
                }
                Rule::SchoolYearWindow if y2020 => {
                    "Quyết định 2084/QĐ-BGDĐT ngày 27/7/2020 (khung thời gian năm học 2020-2021); năm học tính từ \
                     01/8 đến 31/7 (school-year time frame; the window runs 1 August to 31 July)"
                }
                Rule::SchoolYearWindow => {
                    "Quyết định khung kế hoạch thời gian năm học hằng năm của Bộ GD&ĐT; năm học tính từ 01/8 đến 31/7 \
                     (the Ministry's yearly school-year time frame; the window runs 1 August to 31 July)"
                }
                Rule::DocumentNumberType => {
                    "Nghị định 30/2020/NĐ-CP, Phụ lục III: KH là kế hoạch; KHLT, KHPH là cách viết quen dùng cho \
                     kế hoạch liên tịch, phối hợp (Decree 30/2020, Appendix III: KH is a plan; KHLT and KHPH are \
                     the usual forms for joint plans)"
                }
                _ => {
                    "Nghị định 30/2020/NĐ-CP, Phụ lục I: số, ký hiệu văn bản ghi bằng chữ số Ả Rập, số dưới 10 ghi \
                     thêm số 0, giữa số và ký hiệu có dấu \"/\", giữa các nhóm chữ viết tắt có dấu \"-\", không cách \
                     chữ (Decree 30/2020, Appendix I: document number and symbol)"
                }
            },
            Family::Hierarchy if y2020 => {
                "Luật Công đoàn 2012 (Điều 22, theo cách dẫn trong thực tiễn); thực tiễn: kế hoạch của cấp dưới \
                 thực hiện kế hoạch của cấp trên trực tiếp, như Kế hoạch 17/KHPH-GD&ĐT-LĐLĐ quận Thanh Xuân thực \
                 hiện Kế hoạch 2731/KHLT-SGDĐT-CĐN (Trade Union Law 2012, Art. 22 as cited in practice; practice: \
                 each level's plan implements the plan of the level directly above)"
            }
            Family::Hierarchy => {
                "Luật Công đoàn 2024; mô hình chính quyền địa phương hai cấp từ 01/7/2025: sở GD&ĐT quản lý trường \
                 THPT, UBND xã/phường quản lý trường mầm non, tiểu học, THCS; kế hoạch cấp dưới thực hiện kế hoạch \
                 của đơn vị quản lý trực tiếp (Trade Union Law 2024; two-tier local government from 1/7/2025: each \
                 plan implements the plan of the unit that manages its issuer)"
            }
            Family::StaffConference => match self {
                Rule::StaffConferenceMissing if y2020 => {
                    "Thực tiễn: kế hoạch phối hợp của trường được thông qua tại hội nghị cán bộ, viên chức (trước \
                     01/7/2023 theo Thông tư 01/2016/TT-BNV, từ 01/7/2023 theo Luật Thực hiện dân chủ ở cơ sở \
                     10/2022/QH15, Điều 51); đơn vị từ 7 người trở xuống không bắt buộc tổ chức (practice: a school \
                     plan is adopted at the staff conference, held under Circular 01/2016/TT-BNV before 1 July 2023 \
                     and Law 10/2022/QH15, Art. 51, after; optional for 7 staff or fewer)"
                }
                Rule::StaffConferenceMissing => {
                    "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51; thực tiễn: kế hoạch phối hợp của trường \
                     được thông qua tại hội nghị cán bộ, viên chức; đơn vị từ 7 người trở xuống không bắt buộc tổ chức \
                     (Law on Grassroots Democracy 10/2022/QH15, Art. 51; practice: a school plan is adopted at the \
                     staff conference; optional for 7 staff or fewer)"
                }
                Rule::StaffConferenceQuorum | Rule::StaffConferenceMajority | Rule::StaffConferenceCounts => {
                    if y2020 {
                        CONFERENCE_VOTE_BOTH
                    } else {
                        CONFERENCE_VOTE_SINCE_2023
                    }
                }
                Rule::StaffConferenceWindow => {
                    "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 51 khoản 1: hội nghị tổ chức mỗi năm một lần, \
                     cho năm công tác của đơn vị (Law 10/2022/QH15, Art. 51(1): held once a year, for the unit's \
                     work year)"
                }
                _ => {
                    "Thực tiễn: hội nghị cán bộ, viên chức thông qua kế hoạch thực hiện kế hoạch cấp trên nên họp sau \
                     khi kế hoạch cấp trên ban hành (practice: the conference adopts a plan that implements the \
                     parent plan, so it meets after the parent is issued)"
                }
            },
            Family::ContentAreas => {
                "Thực tiễn: kế hoạch cấp dưới triển khai các nội dung phối hợp của kế hoạch cấp trên, như bốn nội dung \
                 của Kế hoạch 2731/KHLT-SGDĐT-CĐN (practice: the implementing plan carries out the content areas \
                 of its parent plan, as with the four areas of plan 2731)"
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_code_order_and_codes_round_trip() {
        for w in Rule::ALL.windows(2) {
            assert!(w[0].code() < w[1].code(), "{} then {}", w[0], w[1]);
            assert!(w[0] < w[1]);
        }
        for r in Rule::ALL {
            assert_eq!(Rule::from_code(r.code()), Some(r));
        }
    }
}
