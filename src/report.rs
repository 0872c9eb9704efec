//! Findings and the validation report: what is wrong, about which unit or plan and which field, how
//! serious it is, in Vietnamese and English, and on what legal basis.
//!
//! Like a SHACL validation result, a [`Finding`] names its focus (the [`Subject`]), its path (the
//! [`Field`]), the constraint (the [`Rule`]), the severity and a message. A [`Report`] keeps findings in the
//! spec's stable order: by subject kind (units, plans, registry), subject id (by code point), rule code,
//! field (none first), then school year.

use std::fmt;

use crate::catalogue::Rule;
use crate::model::{PlanId, SchoolYear, Severity, UnitId};

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A unit, by id.
    Unit(UnitId),
    /// A plan, by id.
    Plan(PlanId),
    /// The registry as a whole (no rule of version 1 has this subject).
    Registry,
}

/// The kind of a [`Subject`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKind {
    /// A unit.
    Unit,
    /// A plan.
    Plan,
    /// The registry.
    Registry,
}

impl SubjectKind {
    /// The report-format name (`unit`, `plan`, `registry`).
    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Unit => "unit",
            SubjectKind::Plan => "plan",
            SubjectKind::Registry => "registry",
        }
    }
}

impl Subject {
    /// The kind of subject.
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Unit(_) => SubjectKind::Unit,
            Subject::Plan(_) => SubjectKind::Plan,
            Subject::Registry => SubjectKind::Registry,
        }
    }

    /// The subject's id (empty for the registry).
    pub fn id(&self) -> &str {
        match self {
            Subject::Unit(id) => id.as_str(),
            Subject::Plan(id) => id.as_str(),
            Subject::Registry => "",
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Unit(id) => write!(f, "unit \"{id}\""),
            Subject::Plan(id) => write!(f, "plan \"{id}\""),
            Subject::Registry => f.write_str("registry"),
        }
    }
}

/// The field of the subject a finding is about, as the registry format names it. The variants are in
/// name order, so sorting fields sorts their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `approvals`
    Approvals,
    /// `content_areas`
    ContentAreas,
    /// `counterpart`
    Counterpart,
    /// `implements`
    Implements,
    /// `issued_on`
    IssuedOn,
    /// `issuers`
    Issuers,
    /// `number`
    Number,
    /// `parent`
    Parent,
}

impl Field {
    /// Every field, in name order.
    pub const ALL: [Field; 8] = [
        Field::Approvals,
        Field::ContentAreas,
        Field::Counterpart,
        Field::Implements,
        Field::IssuedOn,
        Field::Issuers,
        Field::Number,
        Field::Parent,
    ];

    /// The registry-format name (`issued_on`).
    pub fn code(self) -> &'static str {
        match self {
            Field::Approvals => "approvals",
            Field::ContentAreas => "content_areas",
            Field::Counterpart => "counterpart",
            Field::Implements => "implements",
            Field::IssuedOn => "issued_on",
            Field::Issuers => "issuers",
            Field::Number => "number",
            Field::Parent => "parent",
        }
    }

    /// The field named by a registry-format name.
    pub fn from_code(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == s)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A message in Vietnamese and English.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

/// One thing wrong with one subject.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is (the rule's severity under the registry's profile and overrides).
    pub severity: Severity,
    /// The unit or plan it is about.
    pub subject: Subject,
    /// The field it is about, when there is one.
    pub field: Option<Field>,
    /// The school year it is about (`school-without-plan` only).
    pub school_year: Option<SchoolYear>,
    /// What is wrong, naming the subject and the values involved.
    pub message: Message,
    /// The legal basis or practice the rule rests on.
    pub basis: &'static str,
}

impl Finding {
    /// The key findings are ordered by.
    fn key(&self) -> (&Subject, Rule, Option<Field>, Option<SchoolYear>) {
        (&self.subject, self.rule, self.field, self.school_year)
    }
}

/// `findings` in order. Sorting compares subject ids, and the ids of a large registry share long prefixes
/// (`p00-m0006-2020-s00386`), so most comparisons would call `memcmp` on two strings elsewhere in memory. A
/// long report is sorted on a copy of each subject's first 32 bytes instead (an inline compare of two arrays),
/// with the full order deciding only between findings whose kind and prefix agree; zero padding keeps the
/// prefix order the string order. Then each finding is moved once, to its place.
fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 256 {
        findings.sort_unstable();
        return findings;
    }
    let mut keys: Vec<(u8, [u8; 32], usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (kind, id) = match &f.subject {
                Subject::Unit(id) => (0, id.as_str()),
                Subject::Plan(id) => (1, id.as_str()),
                Subject::Registry => (2, ""),
            };
            let mut prefix = [0u8; 32];
            for (slot, &b) in prefix.iter_mut().zip(id.as_bytes()) {
                *slot = b;
            }
            (kind, prefix, i)
        })
        .collect();
    keys.sort_unstable_by(|a, b| {
        (a.0, &a.1).cmp(&(b.0, &b.1)).then_with(|| match (findings.get(a.2), findings.get(b.2)) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => std::cmp::Ordering::Equal,
        })
    });
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    keys.into_iter().filter_map(|(_, _, i)| slots.get_mut(i).and_then(Option::take)).collect()
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Finding {
    /// The spec's stable order; ties (which no rule produces) are broken by the message so that the order is
    /// total.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key()).then_with(|| self.message.en.cmp(&other.message.en))
    }
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    /// Findings of severity error.
    pub error: usize,
    /// Findings of severity warning.
    pub warning: usize,
    /// Findings of severity info.
    pub info: usize,
}

impl Counts {
    fn add(&mut self, s: Severity, delta: isize) {
        let slot = match s {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        };
        *slot = slot.saturating_add_signed(delta);
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The result of validating a registry: every finding, in the spec's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    counts: Counts,
}

impl Report {
    /// A report of `findings`, sorted into the spec's order.
    pub fn new(findings: Vec<Finding>) -> Report {
        let findings = sorted(findings);
        let mut counts = Counts::default();
        for f in &findings {
            counts.add(f.severity, 1);
        }
        Report { findings, counts }
    }

    /// True when no finding has severity error.
    pub fn conforms(&self) -> bool {
        self.counts.error == 0
    }

    /// How many findings of each severity.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Every finding, in order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings, in order, given up.
    pub(crate) fn into_findings(self) -> impl Iterator<Item = Finding> {
        self.findings.into_iter()
    }

    /// The findings about `subject`, in order.
    pub fn findings_for(&self, subject: &Subject) -> &[Finding] {
        let start = self.findings.partition_point(|f| &f.subject < subject);
        let rest = self.findings.get(start..).unwrap_or(&[]);
        rest.get(..rest.partition_point(|f| &f.subject == subject)).unwrap_or(&[])
    }

    /// The findings about each of `subjects` (sorted, each once), in order. One walk through the report that
    /// gallops from one subject to the next: the subjects an edit touches are few and often neighbours (a
    /// plan's children share its id's prefix), so this costs far less than a search of the whole report for
    /// each.
    pub(crate) fn findings_for_each<'a>(&'a self, subjects: &'a [Subject]) -> impl Iterator<Item = &'a Finding> + 'a {
        let mut rest: &'a [Finding] = &self.findings;
        subjects.iter().flat_map(move |s| {
            let from = rest.get(gallop(rest, |f| &f.subject < s)..).unwrap_or(&[]);
            let about = from.get(..gallop(from, |f| &f.subject == s)).unwrap_or(&[]);
            rest = from.get(about.len()..).unwrap_or(&[]);
            about
        })
    }

    /// Replaces every finding about the subjects in `subjects` by `findings` (which are about those subjects
    /// only): the last step of incremental re-validation. Each subject's findings are spliced in place, so
    /// the cost is that of the subjects touched, not of the whole report.
    pub(crate) fn replace_subjects(&mut self, mut subjects: Vec<Subject>, mut findings: Vec<Finding>) {
        subjects.sort_unstable();
        subjects.dedup();
        findings.sort_unstable();
        for f in &findings {
            self.counts.add(f.severity, 1);
        }
        if subjects.len() > 64 {
            // Many subjects: one pass over the whole report is cheaper than many splices.
            let counts = &mut self.counts;
            self.findings.retain(|f| {
                let replaced = subjects.binary_search(&f.subject).is_ok();
                if replaced {
                    counts.add(f.severity, -1);
                }
                !replaced
            });
            self.findings.extend(findings);
            self.findings.sort_unstable();
            return;
        }
        // Few subjects: find each one's range by binary search and splice its new findings in; the cost is
        // that of the subjects touched (and of moving the tail when their number of findings changes).
        let mut new = findings.into_iter().peekable();
        for subject in &subjects {
            let start = self.findings.partition_point(|f| &f.subject < subject);
            let old = self.findings.get(start..).unwrap_or(&[]);
            let len = old.partition_point(|f| &f.subject == subject);
            for f in old.get(..len).unwrap_or(&[]) {
                self.counts.add(f.severity, -1);
            }
            let mut mine = Vec::new();
            while let Some(f) = new.next_if(|f| &f.subject == subject) {
                mine.push(f);
            }
            if len == 0 && mine.is_empty() {
                continue;
            }
            self.findings.splice(start..start + len, mine);
        }
    }

    /// The most serious severity among the findings about `subject`, if any.
    pub fn worst_for(&self, subject: &Subject) -> Option<Severity> {
        self.findings_for(subject).iter().map(|f| f.severity).max()
    }
}

impl IntoIterator for Report {
    type Item = Finding;
    type IntoIter = std::vec::IntoIter<Finding>;
    fn into_iter(self) -> Self::IntoIter {
        self.findings.into_iter()
    }
}

/// The length of the prefix of `items` for which `pred` holds (it holds for a prefix, then never), found by
/// doubling steps and then a binary search: cost logarithmic in the answer, not in the slice's length.
fn gallop<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut hi = 1;
    while hi <= items.len() && items.get(hi - 1).is_some_and(&pred) {
        hi *= 2;
    }
    let lo = hi / 2;
    lo + items.get(lo..hi.min(items.len())).map_or(0, |r| r.partition_point(&pred))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: &str) -> Subject {
        Subject::Plan(PlanId::new(id).expect("an id"))
    }

    #[test]
    fn gallop_finds_the_end_of_the_prefix_at_every_length() {
        for len in 0..40usize {
            let items: Vec<usize> = (0..len).collect();
            for cut in 0..=len {
                assert_eq!(gallop(&items, |&x| x < cut), cut, "len {len}, cut {cut}");
            }
        }
    }

    #[test]
    fn findings_for_each_is_findings_for_of_each_subject_in_turn() {
        // Subjects with none, one or several findings, some asked for and some not.
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let mut findings = Vec::new();
        for (k, id) in ids.iter().enumerate() {
            for rule in Rule::ALL.iter().take(k % 3) {
                findings.push(Finding {
                    rule: *rule,
                    severity: Severity::Warning,
                    subject: plan(id),
                    field: None,
                    school_year: None,
                    message: Message { vi: (*id).to_owned(), en: (*id).to_owned() },
                    basis: "",
                });
            }
        }
        let report = Report::new(findings);
        for mask in 0u32..(1 << ids.len()) {
            let asked: Vec<Subject> =
                ids.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, id)| plan(id)).collect();
            let each: Vec<&Finding> = report.findings_for_each(&asked).collect();
            let one_by_one: Vec<&Finding> = asked.iter().flat_map(|s| report.findings_for(s)).collect();
            assert_eq!(each, one_by_one, "mask {mask:b}");
        }
    }
}
