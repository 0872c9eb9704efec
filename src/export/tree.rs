//! What the diagrams draw, decided once for both notations: which plans are in scope, the level each was
//! issued at, its worst finding, the `implements` edges between them, and the schools that have no issued
//! plan where one is expected.
//!
//! DOT and Mermaid differ only in syntax, so the selection lives here and [`super::dot`] and
//! [`super::mermaid`] only write it out. Everything is listed in registry order, so the generated node names
//! (`p0`, `p1`, … for plans, `s0`, … for schools without a plan) are stable for a given registry.
//!
//! A picture of a change ([`crate::change`]) is this tree restricted to the plans a change touches
//! ([`Tree::of_plans`]), with a [`Note`] on each node the change marks and plans that are gone added as
//! [`Border::Removed`] nodes; it is written by the same two writers. This module knows nothing of changes:
//! the change layer fills the notes.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{AdministrationKind, Plan, PlanStatus, Role, SchoolYear, Severity, Unit};
use crate::query::QueryError;
use crate::registry::Registry;
use crate::report::{Report, Subject};

use super::Scope;

/// The level a plan was issued at, from the kind of its administration issuer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum IssuingLevel {
    /// An education department (Sở GD&ĐT): province or city.
    ProvinceOrCity,
    /// An education office (Phòng GD&ĐT) or a commune committee (UBND xã/phường).
    DistrictOrCommune,
    /// A school.
    School,
    /// No administration issuer resolves: the plan cannot be placed (`plan-issuers` or
    /// `unit-unknown-reference` reports why).
    Other,
}

impl IssuingLevel {
    /// The levels, top down: the order the groups are written in.
    pub(crate) const ALL: [IssuingLevel; 4] =
        [IssuingLevel::ProvinceOrCity, IssuingLevel::DistrictOrCommune, IssuingLevel::School, IssuingLevel::Other];

    /// A name for generated group ids.
    pub(crate) fn code(self) -> &'static str {
        match self {
            IssuingLevel::ProvinceOrCity => "province",
            IssuingLevel::DistrictOrCommune => "district",
            IssuingLevel::School => "school",
            IssuingLevel::Other => "other",
        }
    }

    /// The group's title, in Vietnamese and English.
    pub(crate) fn title(self) -> &'static str {
        match self {
            IssuingLevel::ProvinceOrCity => "Cấp tỉnh/thành phố · Province or city level",
            IssuingLevel::DistrictOrCommune => "Cấp quận/huyện hoặc xã/phường · District or commune level",
            IssuingLevel::School => "Cấp trường · School level",
            IssuingLevel::Other => "Chưa xác định được cấp ban hành · Other (no administration issuer)",
        }
    }

    fn of(issuer: Option<&Unit>) -> IssuingLevel {
        match issuer.map(|u| &u.role) {
            Some(Role::Administration { kind, .. }) => match kind {
                AdministrationKind::EducationDepartment => IssuingLevel::ProvinceOrCity,
                AdministrationKind::EducationOffice | AdministrationKind::CommuneCommittee => {
                    IssuingLevel::DistrictOrCommune
                }
                AdministrationKind::School { .. } => IssuingLevel::School,
            },
            _ => IssuingLevel::Other,
        }
    }
}

/// The colour class of a node: its worst finding, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Mark {
    /// No finding.
    Clean,
    /// The worst finding has this severity.
    Worst(Severity),
}

impl Mark {
    /// Every mark, least serious first: the order of the legend.
    pub(crate) const ALL: [Mark; 4] =
        [Mark::Clean, Mark::Worst(Severity::Info), Mark::Worst(Severity::Warning), Mark::Worst(Severity::Error)];

    fn of(worst: Option<Severity>) -> Mark {
        worst.map_or(Mark::Clean, Mark::Worst)
    }

    /// The legend text, in Vietnamese and English.
    pub(crate) fn legend(self) -> &'static str {
        match self {
            Mark::Clean => "không có phát hiện · no finding",
            Mark::Worst(Severity::Info) => "thông tin · info",
            Mark::Worst(Severity::Warning) => "cảnh báo · warning",
            Mark::Worst(Severity::Error) => "lỗi · error",
        }
    }

    /// Fill colour: green, blue, amber, red, light enough for black text.
    pub(crate) fn fill(self) -> &'static str {
        match self {
            Mark::Clean => "#d9f0d3",
            Mark::Worst(Severity::Info) => "#d6e6f5",
            Mark::Worst(Severity::Warning) => "#fde7a9",
            Mark::Worst(Severity::Error) => "#f6c1c1",
        }
    }

    /// Border colour: a darker shade of the fill.
    pub(crate) fn stroke(self) -> &'static str {
        match self {
            Mark::Clean => "#3f7f3a",
            Mark::Worst(Severity::Info) => "#3a6ea5",
            Mark::Worst(Severity::Warning) => "#b07d00",
            Mark::Worst(Severity::Error) => "#b22222",
        }
    }
}

/// How a picture of a change outlines a node it marks, the most telling first (a node that gains a finding
/// and loses another is outlined as gaining one; its label lists both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Border {
    /// A finding of this severity (the worst of those) appears here.
    Appeared(Severity),
    /// A finding here changes severity or message.
    Changed,
    /// A finding here is resolved.
    Resolved,
    /// The plan itself was added or edited, and none of its findings moved.
    Edited,
    /// The plan is gone: it is only in the registry before the change.
    Removed,
}

impl Border {
    /// Every border but those of new findings, in the order of the legend (which shows new findings once, in
    /// the colour of an error).
    pub(crate) const LEGEND: [Border; 5] =
        [Border::Appeared(Severity::Error), Border::Changed, Border::Resolved, Border::Edited, Border::Removed];

    /// The legend text, in Vietnamese and English.
    pub(crate) fn legend(self) -> &'static str {
        match self {
            Border::Appeared(_) => {
                "viền đậm màu mức độ: phát hiện mới · thick border in a severity's colour: new finding"
            }
            Border::Changed => "viền đậm tím: phát hiện thay đổi · thick purple border: finding changed",
            Border::Resolved => "viền đậm xanh lá: phát hiện được giải quyết · thick green border: finding resolved",
            Border::Edited => "viền đậm đen: kế hoạch được thêm hoặc sửa · thick black border: plan added or edited",
            Border::Removed => "khung chấm: kế hoạch bị xoá · dotted: plan removed",
        }
    }

    /// The border colour.
    pub(crate) fn stroke(self) -> &'static str {
        match self {
            Border::Appeared(severity) => Mark::Worst(severity).stroke(),
            Border::Changed => "#6a3d9a",
            Border::Resolved => "#1a7f37",
            Border::Edited => "#000000",
            Border::Removed => "#4d4d4d",
        }
    }

    /// A name for generated class names.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Border::Appeared(Severity::Info) => "newInfo",
            Border::Appeared(Severity::Warning) => "newWarning",
            Border::Appeared(Severity::Error) => "newError",
            Border::Changed => "changed",
            Border::Resolved => "resolved",
            Border::Edited => "edited",
            Border::Removed => "removed",
        }
    }
}

/// What a picture of a change says about one node: how it is outlined (none: as the tree draws it) and the
/// lines added under its label, unescaped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Note {
    pub(crate) border: Option<Border>,
    pub(crate) lines: Vec<String>,
}

/// A plan in the picture.
pub(crate) struct PlanNode<'a> {
    pub(crate) plan: &'a Plan,
    /// Its administration issuer, when it resolves.
    pub(crate) issuer: Option<&'a Unit>,
    pub(crate) level: IssuingLevel,
    pub(crate) mark: Mark,
    /// What a picture of a change says about it.
    pub(crate) note: Note,
}

impl<'a> PlanNode<'a> {
    /// `plan` as `registry` places it, marked by its worst finding in `report`.
    pub(crate) fn new(registry: &'a Registry, report: &Report, plan: &'a Plan) -> PlanNode<'a> {
        let issuer = registry.administration_issuer(plan);
        PlanNode {
            plan,
            issuer,
            level: IssuingLevel::of(issuer),
            mark: Mark::of(report.worst_for(&Subject::Plan(plan.id.clone()))),
            note: Note::default(),
        }
    }
}

impl PlanNode<'_> {
    /// The lines of the node's label, unescaped: issuer, id, number and date, and the status unless issued.
    pub(crate) fn label_lines(&self) -> Vec<String> {
        let p = self.plan;
        let mut lines = Vec::with_capacity(4);
        if let Some(u) = self.issuer {
            lines.push(u.name.to_string());
        }
        lines.push(p.id.to_string());
        let mut facts = Vec::with_capacity(2);
        if let Some(n) = &p.number {
            facts.push(n.to_string());
        }
        if let Some(d) = p.issued_on {
            facts.push(d.format("%Y-%m-%d").to_string());
        }
        if !facts.is_empty() {
            lines.push(facts.join(" · "));
        }
        match p.status {
            PlanStatus::Issued => {}
            PlanStatus::Draft => lines.push("dự thảo · draft".to_owned()),
            PlanStatus::Withdrawn => lines.push("đã thu hồi · withdrawn".to_owned()),
        }
        lines.extend(self.note.lines.iter().cloned());
        lines
    }
}

/// A school with no issued plan for a school year whose managing unit's issued plan is in the picture.
pub(crate) struct MissingNode<'a> {
    pub(crate) school: &'a Unit,
    pub(crate) year: SchoolYear,
    /// The worst finding about the school that concerns this year or no year in particular.
    pub(crate) mark: Mark,
    /// What a picture of a change says about it.
    pub(crate) note: Note,
}

impl MissingNode<'_> {
    /// The lines of the box's label, unescaped.
    pub(crate) fn label_lines(&self) -> Vec<String> {
        let mut lines = vec![
            self.school.name.to_string(),
            self.school.id.to_string(),
            format!("chưa có kế hoạch năm học {} đã ban hành", self.year),
            format!("no issued plan for {}", self.year),
        ];
        lines.extend(self.note.lines.iter().cloned());
        lines
    }
}

/// The picture: nodes in registry order, edges in the order of their child.
pub(crate) struct Tree<'a> {
    /// The title, in Vietnamese and English.
    pub(crate) title: String,
    /// For a picture of a change: the lines under the title (what the nodes cannot show), and the legend
    /// of the borders. `None` for the plain tree.
    pub(crate) remarks: Option<Vec<String>>,
    /// Plan `i` is drawn as node `p{i}`.
    pub(crate) plans: Vec<PlanNode<'a>>,
    /// School `i` without a plan is drawn as node `s{i}`.
    pub(crate) missing: Vec<MissingNode<'a>>,
    /// `(child, parent)`: plan `child` implements plan `parent` (indexes into `plans`).
    pub(crate) implements: Vec<(usize, usize)>,
    /// `(missing, plan)`: the school's plan should implement `plan` (indexes into `missing` and `plans`).
    pub(crate) expected: Vec<(usize, usize)>,
}

impl<'a> Tree<'a> {
    /// Selects what `scope` covers.
    pub(crate) fn build(registry: &'a Registry, report: &Report, scope: &Scope) -> Result<Tree<'a>, QueryError> {
        let selected: Vec<&Plan> = match scope {
            Scope::All => registry.plans().collect(),
            Scope::SchoolYear(y) => registry.plans().filter(|p| p.school_year == *y).collect(),
            Scope::Under(root) => {
                let below = registry.descendants(root.as_str())?;
                let mut wanted: FxHashSet<&str> = below.iter().map(|p| p.id.as_str()).collect();
                wanted.insert(root.as_str());
                registry.plans().filter(|p| wanted.contains(p.id.as_str())).collect()
            }
        };
        Ok(Tree::assemble(registry, report, selected, |_| true, title_of(scope)))
    }

    /// The plans `wanted` names, in registry order, titled `title`; a school without a plan gets its dashed
    /// box only when `school` says so (a picture of a change draws only the schools it touches).
    pub(crate) fn of_plans(
        registry: &'a Registry,
        report: &Report,
        wanted: &FxHashSet<&str>,
        school: impl Fn(&Unit) -> bool,
        title: String,
    ) -> Tree<'a> {
        let selected = registry.plans().filter(|p| wanted.contains(p.id.as_str())).collect();
        Tree::assemble(registry, report, selected, school, title)
    }

    fn assemble(
        registry: &'a Registry,
        report: &Report,
        selected: Vec<&'a Plan>,
        school: impl Fn(&Unit) -> bool,
        title: String,
    ) -> Tree<'a> {
        let index: FxHashMap<&str, usize> = selected.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        let plans: Vec<PlanNode<'a>> = selected.iter().map(|&plan| PlanNode::new(registry, report, plan)).collect();

        let mut implements = Vec::new();
        for (child, node) in plans.iter().enumerate() {
            for parent in registry.parents(node.plan.id.as_str()) {
                if let Some(&p) = index.get(parent.id.as_str()) {
                    implements.push((child, p));
                }
            }
        }

        // A school is missing its plan for year Y where its managing unit issued a plan for Y (the condition of
        // `school-without-plan`), and it is drawn under that plan, where its own plan would hang.
        let mut missing: Vec<MissingNode<'a>> = Vec::new();
        let mut missing_index: FxHashMap<(&str, SchoolYear), usize> = FxHashMap::default();
        let mut expected = Vec::new();
        for (at, node) in plans.iter().enumerate() {
            let Some(manager) = node.issuer.filter(|_| node.plan.status == PlanStatus::Issued) else {
                continue;
            };
            let year = node.plan.school_year;
            // The issuer is an administration unit, so this cannot fail; a school manages no school.
            let schools = registry.schools_of(manager.id.as_str()).unwrap_or_default();
            for school in schools.into_iter().filter(|s| school(s)) {
                if registry.has_issued_plan(school.id.as_str(), year) {
                    continue;
                }
                let i = *missing_index.entry((school.id.as_str(), year)).or_insert_with(|| {
                    let worst = report
                        .findings_for(&Subject::Unit(school.id.clone()))
                        .iter()
                        .filter(|f| f.school_year.is_none_or(|y| y == year))
                        .map(|f| f.severity)
                        .max();
                    missing.push(MissingNode { school, year, mark: Mark::of(worst), note: Note::default() });
                    missing.len() - 1
                });
                expected.push((i, at));
            }
        }
        Tree { title, remarks: None, plans, missing, implements, expected }
    }

    /// The indexes of the plans issued at `level`, in registry order.
    pub(crate) fn plans_at(&self, level: IssuingLevel) -> impl Iterator<Item = usize> + '_ {
        self.plans.iter().enumerate().filter(move |(_, n)| n.level == level).map(|(i, _)| i)
    }

    /// Whether the group of `level` holds anything: plans, or (for the school level) schools without one.
    pub(crate) fn has_group(&self, level: IssuingLevel) -> bool {
        self.plans_at(level).next().is_some() || (level == IssuingLevel::School && !self.missing.is_empty())
    }
}

/// The title of the tree `scope` selects, in Vietnamese and English.
fn title_of(scope: &Scope) -> String {
    let what = match scope {
        Scope::All => "toàn bộ sổ · whole registry".to_owned(),
        Scope::SchoolYear(y) => format!("năm học {y} · school year {y}"),
        Scope::Under(id) => format!("các kế hoạch thực hiện {id} · plans under {id}"),
    };
    format!("Cây thực hiện kế hoạch · Implementation tree — {what}")
}

/// The legend line for a school without a plan.
pub(crate) const MISSING_LEGEND: &str = "khung nét đứt: trường chưa có kế hoạch · dashed: school without a plan";
