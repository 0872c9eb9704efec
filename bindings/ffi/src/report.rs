//! Findings, reports, compliance summaries and the rule catalogue as records, and the free functions that
//! need no registry.

use chrono::NaiveDate;
use kehoach as core_;
pub use kehoach::Rule;

use crate::errors::InvalidValueError;
use crate::model::Profile;
pub use kehoach::{Severity, SubjectKind};

/// How serious a finding is.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// Worth knowing; never makes a registry non-conforming.
    Info,
    /// Should be fixed; does not make a registry non-conforming.
    Warning,
    /// Breaks a rule: the registry does not conform.
    Error,
}

/// The kind of subject a finding is about.
#[uniffi::remote(Enum)]
pub enum SubjectKind {
    /// A unit.
    Unit,
    /// A plan.
    Plan,
    /// The registry as a whole.
    Registry,
}

/// What a finding is about, as the report format writes it (`{"kind": "plan", "id": "x"}`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Subject {
    /// Unit, plan or registry.
    pub kind: SubjectKind,
    /// The unit's or plan's id (empty for the registry).
    pub id: String,
}

/// A message in Vietnamese and English.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Message {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

/// A rule of the catalogue: the core's `Rule`, so that a finding's rule is matched by name (`Rule.PLAN_CYCLE`)
/// rather than compared as text. Its stable code (`plan-cycle`), family, titles and default severity come with
/// [`rule_info`]; [`rule_code`] and [`rule_from_code`] go between the enum and the code. Swift, Kotlin and Python
/// also give each rule a `code` property.
#[uniffi::remote(Enum)]
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

/// One thing wrong with one subject.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Finding {
    /// The rule that found it (its code, `parent-plan-missing`, is `rule_code(rule)`).
    pub rule: Rule,
    /// How serious it is, under the registry's profile and overrides.
    pub severity: Severity,
    /// The unit or plan it is about.
    pub subject: Subject,
    /// The registry-format field it is about (`implements`), when there is one.
    pub field: Option<String>,
    /// The school year it is about (`school-without-plan` only).
    pub school_year: Option<String>,
    /// What is wrong, naming the subject and the values involved.
    pub message: Message,
    /// The legal basis or practice the rule rests on.
    pub basis: String,
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Counts {
    /// Findings of severity error.
    pub error: i32,
    /// Findings of severity warning.
    pub warning: i32,
    /// Findings of severity info.
    pub info: i32,
}

/// The result of validating a registry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Report {
    /// True when no finding has severity error.
    pub conforms: bool,
    /// How many findings of each severity.
    pub counts: Counts,
    /// Every finding, in the spec's stable order (subject kind, subject id by code point, rule code, field,
    /// school year).
    pub findings: Vec<Finding>,
}

impl From<&core_::Finding> for Finding {
    fn from(f: &core_::Finding) -> Finding {
        let kind = f.subject.kind();
        Finding {
            rule: f.rule,
            severity: f.severity,
            subject: Subject { kind, id: f.subject.id().to_owned() },
            field: f.field.map(|x| x.code().to_owned()),
            school_year: f.school_year.map(|y| y.to_string()),
            message: Message { vi: f.message.vi.clone(), en: f.message.en.clone() },
            basis: f.basis.to_owned(),
        }
    }
}

impl From<&core_::Report> for Report {
    fn from(r: &core_::Report) -> Report {
        let c = r.counts();
        Report {
            conforms: r.conforms(),
            counts: Counts { error: crate::int(c.error), warning: crate::int(c.warning), info: crate::int(c.info) },
            findings: r.findings().iter().map(Finding::from).collect(),
        }
    }
}

/// How the schools of one managing unit stand for one school year.
///
/// A school is *conforming* when one of its issued plans for the year has no error, *with errors* when it
/// has issued plans and each has an error, and *without a plan* when it has no issued plan for the year.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Compliance {
    /// The district office, commune committee or department the schools belong to.
    pub managing_unit: String,
    /// The school year, `YYYY-YYYY`.
    pub school_year: String,
    /// How many schools it manages.
    pub schools: i32,
    /// Schools with an issued plan that has no error.
    pub conforming: i32,
    /// Schools whose issued plans all have errors.
    pub with_errors: i32,
    /// Schools with no issued plan for the year.
    pub without_plan: i32,
    /// The share of schools that conform, in percent (100 when there are no schools).
    pub percent_conforming: f64,
}

impl From<&core_::Compliance> for Compliance {
    fn from(c: &core_::Compliance) -> Compliance {
        Compliance {
            managing_unit: c.managing_unit.to_string(),
            school_year: c.school_year.to_string(),
            schools: crate::int(c.schools),
            conforming: crate::int(c.conforming),
            with_errors: crate::int(c.with_errors),
            without_plan: crate::int(c.without_plan),
            percent_conforming: c.percent_conforming(),
        }
    }
}

/// The family a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RuleFamily {
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

/// One rule of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Its stable code (`parent-plan-missing`).
    pub code: String,
    /// The family.
    pub family: RuleFamily,
    /// The title in Vietnamese.
    pub title_vi: String,
    /// The title in English.
    pub title_en: String,
    /// The severity under the profile when no override is set.
    pub default_severity: Severity,
    /// The legal basis quoted under the profile.
    pub basis: String,
}

/// A severity override a registry sets.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RuleOverride {
    /// The rule.
    pub rule: Rule,
    /// What it is set to.
    pub level: crate::model::Level,
}

fn info(rule: core_::Rule, profile: core_::Profile) -> RuleInfo {
    RuleInfo {
        rule,
        code: rule.code().to_owned(),
        family: match rule.family() {
            core_::Family::Units => RuleFamily::Units,
            core_::Family::Numbers => RuleFamily::Numbers,
            core_::Family::Hierarchy => RuleFamily::Hierarchy,
            core_::Family::StaffConference => RuleFamily::StaffConference,
            core_::Family::ContentAreas => RuleFamily::ContentAreas,
        },
        title_vi: rule.title_vi().to_owned(),
        title_en: rule.title_en().to_owned(),
        default_severity: rule.default_severity(profile),
        basis: rule.basis(profile).to_owned(),
    }
}

/// The rule with `code`, or [`InvalidValueError::UnknownRule`].
pub(crate) fn rule_named(code: &str) -> Result<core_::Rule, InvalidValueError> {
    core_::Rule::from_code(code).ok_or_else(|| InvalidValueError::UnknownRule { code: code.to_owned() })
}

/// Every rule, in code order, with its titles, default severity and basis under `profile`.
#[uniffi::export]
pub fn rule_catalogue(profile: Profile) -> Vec<RuleInfo> {
    core_::Rule::ALL.iter().map(|r| info(*r, profile)).collect()
}

/// The rule `rule` under `profile`: its code, family, titles, default severity and basis.
#[uniffi::export]
pub fn rule_info(rule: Rule, profile: Profile) -> RuleInfo {
    info(rule, profile)
}

/// The stable code of `rule` (`plan-cycle`), as reports and registry documents write it.
#[uniffi::export]
pub fn rule_code(rule: Rule) -> String {
    rule.code().to_owned()
}

/// The rule with the stable code `code`, or [`InvalidValueError::UnknownRule`].
#[uniffi::export]
pub fn rule_from_code(code: String) -> Result<Rule, InvalidValueError> {
    rule_named(&code)
}

/// The value of `format` in a registry document (`kehoach/registry@1`).
#[uniffi::export]
pub fn registry_format() -> String {
    core_::format::FORMAT.to_owned()
}

/// The value of `format` in a report document (`kehoach/report@1`).
#[uniffi::export]
pub fn report_format() -> String {
    core_::format::REPORT_FORMAT.to_owned()
}

/// A document number and symbol, parsed by the grammar of Decree 30/2020/NĐ-CP.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct DocumentNumberInfo {
    /// The number as given, in NFC.
    pub text: String,
    /// The number with the spaces next to `/` and `-` removed.
    pub canonical: String,
    /// Whether it follows the grammar (judged without those spaces).
    pub well_formed: bool,
    /// Whether it has spaces next to `/` or `-`.
    pub has_spacing: bool,
    /// The part before `/` (`2731`), when there is a `/`.
    pub serial: Option<String>,
    /// The part after `/` (`KHLT-SGDĐT-CĐN`), when there is a `/`.
    pub symbol: Option<String>,
    /// The first group of the symbol (`KHLT`), when there is one.
    pub document_type: Option<String>,
    /// What breaks the grammar, when something does.
    pub defect: Option<Message>,
}

/// Parses a document number as the rules do, for a form that checks it while it is typed.
#[uniffi::export]
pub fn document_number(number: String) -> Result<DocumentNumberInfo, InvalidValueError> {
    let n = core_::DocumentNumber::new(&number).map_err(|_| InvalidValueError::Empty { field: "number".to_owned() })?;
    Ok(DocumentNumberInfo {
        text: n.as_str().to_owned(),
        canonical: n.canonical().to_owned(),
        well_formed: n.is_well_formed(),
        has_spacing: n.has_spacing(),
        serial: n.serial().map(str::to_owned),
        symbol: n.symbol().map(str::to_owned),
        document_type: n.document_type().map(str::to_owned),
        defect: n.defect().map(|d| Message { vi: d.describe_vi(), en: d.describe_en() }),
    })
}

/// The dates that belong to a school year: 1 August to 31 July, both included.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SchoolYearWindow {
    /// 1 August of the first year.
    pub first_day: NaiveDate,
    /// 31 July of the second year.
    pub last_day: NaiveDate,
}

/// The window of `school_year` (`2020-2021`), for date pickers.
#[uniffi::export]
pub fn school_year_window(school_year: String) -> Result<SchoolYearWindow, InvalidValueError> {
    let y: core_::SchoolYear = school_year.parse().map_err(|_| InvalidValueError::SchoolYear { value: school_year })?;
    Ok(SchoolYearWindow { first_day: y.first_day(), last_day: y.last_day() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_lists_every_rule_once() {
        let all = rule_catalogue(Profile::ThreeTier2020);
        assert_eq!(all.len(), core_::Rule::ALL.len());
        let mut codes: Vec<&str> = all.iter().map(|r| r.code.as_str()).collect();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|r| !r.title_vi.is_empty() && !r.basis.is_empty()));
        assert!(all.iter().all(|r| rule_code(r.rule) == r.code && rule_from_code(r.code.clone()) == Ok(r.rule)));
        assert_eq!(rule_info(Rule::PlanCycle, Profile::TwoTier2025).family, RuleFamily::Hierarchy);
        assert_eq!(
            rule_from_code("no-such-rule".into()),
            Err(InvalidValueError::UnknownRule { code: "no-such-rule".into() })
        );
    }

    #[test]
    fn document_numbers_and_windows() {
        let n = document_number("41 /KHLT-SGDĐT-CĐGDT".into()).unwrap();
        assert!(n.well_formed && n.has_spacing);
        assert_eq!(n.canonical, "41/KHLT-SGDĐT-CĐGDT");
        assert_eq!(n.document_type.as_deref(), Some("KHLT"));
        let bad = document_number("5/HD-SGDĐT".into()).unwrap();
        assert!(!bad.well_formed && bad.defect.is_some());
        assert!(document_number(String::new()).is_err());
        let w = school_year_window("2020-2021".into()).unwrap();
        assert_eq!(w.first_day, NaiveDate::from_ymd_opt(2020, 8, 1).unwrap());
        assert_eq!(w.last_day, NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
        assert_eq!(
            school_year_window("2020-2022".into()),
            Err(InvalidValueError::SchoolYear { value: "2020-2022".into() })
        );
    }
}
