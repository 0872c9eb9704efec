//! Plans and document numbers: who issues a plan, what an issued plan must carry, the Decree 30 grammar of
//! numbers, numbers used twice, issue dates outside the school year, and several plans for one year.

use petgraph::stable_graph::NodeIndex;

use super::units::{side_en, side_vi};
use super::wording::{date_en, date_vi, list, q};
use super::{Checker, PlanView, Rule, plan_label, unit_label};
use crate::catalogue::conditions::PLAN_TYPES;
use crate::model::{Plan, PlanStatus, Side};
use crate::report::{Field, Finding, Message, Subject};

/// The number and plan rules whose subject is an active plan.
pub(super) fn check(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let plan = view.plan;
    let subject = || Subject::Plan(plan.id.clone());
    let label = plan_label(plan);
    if c.on(Rule::PlanIssuers) {
        plan_issuers(c, view, out);
    }
    // plan-issued-fields
    if plan.status == PlanStatus::Issued {
        if plan.number.is_none() {
            c.emit(out, Rule::PlanIssuedFields, subject(), Some(Field::Number), None, || Message {
                vi: format!("Kế hoạch {label} đã ban hành nhưng không có số, ký hiệu."),
                en: format!("Plan {label} is issued but has no document number."),
            });
        }
        if plan.issued_on.is_none() {
            c.emit(out, Rule::PlanIssuedFields, subject(), Some(Field::IssuedOn), None, || Message {
                vi: format!("Kế hoạch {label} đã ban hành nhưng không có ngày ban hành."),
                en: format!("Plan {label} is issued but has no issue date."),
            });
        }
    }
    if let Some(number) = &plan.number {
        // document-number-spacing: the other rules judge the number without those spaces.
        if number.has_spacing() {
            c.emit(out, Rule::DocumentNumberSpacing, subject(), Some(Field::Number), None, || Message {
                vi: format!(
                    "Số, ký hiệu \"{}\" của kế hoạch {} có khoảng trắng cạnh \"/\" hoặc \"-\"; viết đúng là \"{}\".",
                    number.as_str(),
                    q(plan.id.as_str()),
                    number.canonical()
                ),
                en: format!(
                    "The number \"{}\" of plan {} has spaces next to \"/\" or \"-\"; Decree 30 writes \"{}\".",
                    number.as_str(),
                    q(plan.id.as_str()),
                    number.canonical()
                ),
            });
        }
        match number.defect() {
            Some(defect) => c.emit(out, Rule::DocumentNumberFormat, subject(), Some(Field::Number), None, || Message {
                vi: format!(
                    "Số, ký hiệu \"{}\" của kế hoạch {} sai thể thức: {}.",
                    number.canonical(),
                    q(plan.id.as_str()),
                    defect.describe_vi()
                ),
                en: format!(
                    "The number \"{}\" of plan {} does not follow Decree 30/2020: {}.",
                    number.canonical(),
                    q(plan.id.as_str()),
                    defect.describe_en()
                ),
            }),
            None => {
                let doc_type = number.document_type().unwrap_or_default();
                if !PLAN_TYPES.contains(&doc_type) {
                    c.emit(out, Rule::DocumentNumberType, subject(), Some(Field::Number), None, || Message {
                        vi: format!(
                            "Số, ký hiệu \"{}\" của kế hoạch {} mang tên loại \"{doc_type}\", không phải KH, KHLT hoặc KHPH.",
                            number.canonical(),
                            q(plan.id.as_str())
                        ),
                        en: format!(
                            "The number \"{}\" of plan {} has document type \"{doc_type}\", not KH, KHLT or KHPH.",
                            number.canonical(),
                            q(plan.id.as_str())
                        ),
                    });
                }
            }
        }
    }
    // school-year-window (silent without issued_on).
    if let Some(date) = plan.issued_on {
        let year = plan.school_year;
        if !year.contains(date) {
            c.emit(out, Rule::SchoolYearWindow, subject(), Some(Field::IssuedOn), None, || Message {
                vi: format!(
                    "Kế hoạch {label} cho năm học {year} ban hành ngày {}, ngoài khoảng {} - {}.",
                    date_vi(date),
                    date_vi(year.first_day()),
                    date_vi(year.last_day())
                ),
                en: format!(
                    "Plan {label} for school year {year} was issued on {}, outside {} to {}.",
                    date_en(date),
                    date_en(year.first_day()),
                    date_en(year.last_day())
                ),
            });
        }
    }
    // duplicate-plan: silent without an administration issuer.
    let group = c.reg.indexes().active_group(view.n);
    if let (true, Some(issuer)) = (group.len() >= 2, view.admin()) {
        c.emit(out, Rule::DuplicatePlan, subject(), Some(Field::Issuers), None, || {
            let others = others_in(c, plan, group);
            Message {
                vi: format!(
                    "{} có {} kế hoạch cho năm học {}: {label} và {}.",
                    unit_label(issuer),
                    group.len(),
                    plan.school_year,
                    others.vi()
                ),
                en: format!(
                    "{} has {} plans for school year {}: {label} and {}.",
                    unit_label(issuer),
                    group.len(),
                    plan.school_year,
                    others.en()
                ),
            }
        });
    }
    number_duplicate(c, view, out);
}

/// The rules whose subject may be a withdrawn plan: it keeps its number.
pub(super) fn check_withdrawn(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    number_duplicate(c, view, out);
}

/// `document-number-duplicate`: issued or withdrawn plans, same administration issuer, same canonical
/// number, same calendar year. Silent without an administration issuer, a number or an issue date.
fn number_duplicate(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let plan = view.plan;
    if plan.status == PlanStatus::Draft || !c.on(Rule::DocumentNumberDuplicate) {
        return;
    }
    let group = c.reg.indexes().number_group(view.n);
    if group.len() < 2 {
        return;
    }
    let (Some(issuer), Some(number), Some(date)) = (view.admin(), &plan.number, plan.issued_on) else {
        return;
    };
    c.emit(out, Rule::DocumentNumberDuplicate, Subject::Plan(plan.id.clone()), Some(Field::Number), None, || {
        let others = others_in(c, plan, group);
        let year = chrono::Datelike::year(&date);
        Message {
            vi: format!(
                "Số \"{}\" của {} được dùng cho {} văn bản trong năm {year}: kế hoạch {} và {}.",
                number.canonical(),
                unit_label(issuer),
                group.len(),
                q(plan.id.as_str()),
                others.vi()
            ),
            en: format!(
                "Number \"{}\" of {} is used by {} documents issued in {year}: plan {} and {}.",
                number.canonical(),
                unit_label(issuer),
                group.len(),
                q(plan.id.as_str()),
                others.en()
            ),
        }
    });
}

/// Groups larger than this are described by their size alone, so that a hostile registry with one issuer of
/// a hundred thousand plans costs linear time, not quadratic.
const NAMED_GROUP: usize = 32;

/// The quoted ids of the plans of `group` other than `plan`, sorted; for a very large group, only a count.
fn others_in(c: &Checker<'_>, plan: &Plan, group: &[petgraph::stable_graph::NodeIndex]) -> Others {
    if group.len() > NAMED_GROUP {
        return Others { named: Vec::new(), count: group.len() - 1 };
    }
    let mut ids: Vec<&str> =
        group.iter().filter_map(|&m| c.reg.plan_at(m)).filter(|p| p.id != plan.id).map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    Others { count: ids.len(), named: ids.into_iter().map(q).collect() }
}

/// The other plans of a group, named when there are few.
struct Others {
    named: Vec<String>,
    count: usize,
}

impl Others {
    fn vi(&self) -> String {
        if self.named.is_empty() { format!("{} kế hoạch khác", self.count) } else { list(&self.named) }
    }

    fn en(&self) -> String {
        if self.named.is_empty() { format!("{} other plans", self.count) } else { list(&self.named) }
    }
}

/// `plan-issuers`: exactly two issuers, administration first and union second, and the first's counterpart
/// (when it resolves) is the second. One finding naming every defect.
fn plan_issuers(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let plan = view.plan;
    let mut vi: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let count = plan.issuers.len();
    if count != 2 {
        vi.push(format!("có {count} đơn vị ban hành, cần đúng hai: chính quyền trước, công đoàn cùng cấp sau"));
        en.push(format!("has {count} issuers; a joint plan has two: the administration unit, then its union"));
    }
    let side = |m: NodeIndex| if c.reg.fact(m).kind.is_administration() { Side::Administration } else { Side::Union };
    for (position, node, wanted) in [(1, view.first, Side::Administration), (2, view.second, Side::Union)] {
        if let Some(u) = node.filter(|&m| side(m) != wanted).and_then(|m| c.reg.unit_at(m)) {
            vi.push(format!(
                "đơn vị ban hành thứ {position} {} ở phía {}, cần phía {}",
                unit_label(u),
                side_vi(u.side()),
                side_vi(wanted)
            ));
            en.push(format!(
                "issuer {position}, {}, is on the {} side, not the {} side",
                unit_label(u),
                side_en(u.side()),
                side_en(wanted)
            ));
        }
    }
    if let (Some(a_node), Some(b_node)) = (view.first, view.second) {
        // The first issuer's counterpart, when it resolves: a unit's second fact.
        let cp_node = c.reg.fact(a_node).counterpart().filter(|&cp| cp != b_node);
        let units = cp_node.and_then(|cp| Some((c.reg.unit_at(a_node)?, c.reg.unit_at(cp)?, c.reg.unit_at(b_node)?)));
        if let Some((a, cp, b)) = units {
            vi.push(format!(
                "đơn vị đối ứng của {} là {}, không phải {}",
                unit_label(a),
                unit_label(cp),
                unit_label(b)
            ));
            en.push(format!("the counterpart of {} is {}, not {}", unit_label(a), unit_label(cp), unit_label(b)));
        }
    }
    if vi.is_empty() {
        return;
    }
    let label = plan_label(plan);
    c.emit(out, Rule::PlanIssuers, Subject::Plan(plan.id.clone()), Some(Field::Issuers), None, || Message {
        vi: format!("Kế hoạch {label}: {}.", vi.join("; ")),
        en: format!("Plan {label}: {}.", en.join("; ")),
    });
}
