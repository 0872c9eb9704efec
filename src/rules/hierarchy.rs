//! The implementation hierarchy: each plan implements the plan of the unit that manages its issuer, for the
//! same school year, issued no earlier; no cycles; and every school has a plan for each year its managing
//! unit has one.

use petgraph::stable_graph::NodeIndex;

use super::wording::{date_en, date_vi, list, members_en, members_vi, q};
use super::{Checker, PlanView, Rule, plan_label, unit_label};
use crate::model::Plan;
use crate::model::Unit;
use crate::report::{Field, Finding, Message, Subject};

/// The `parent-plan-*` rules, on an active plan.
pub(super) fn check(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let (plan, parents) = (view.plan, &view.parents);
    let subject = || Subject::Plan(plan.id.clone());
    let label = plan_label(plan);
    // parent-plan-missing: only a plan with a managing unit has a level above it.
    if view.managing.is_some() && plan.implements.is_empty() {
        if let Some(m) = view.managing() {
            c.emit(out, Rule::ParentPlanMissing, subject(), Some(Field::Implements), None, || Message {
                vi: format!(
                    "Kế hoạch {label} không thực hiện kế hoạch cấp trên nào; cần thực hiện kế hoạch của đơn vị quản lý {}.",
                    unit_label(m)
                ),
                en: format!(
                    "Plan {label} implements no plan; it must implement a plan of its managing unit {}.",
                    unit_label(m)
                ),
            });
        }
    }
    if !parents.unknown.is_empty() {
        c.emit(out, Rule::ParentPlanUnknown, subject(), Some(Field::Implements), None, || {
            let ids: Vec<String> = parents.unknown.iter().map(|id| q(id)).collect();
            let (label, ids) = (label.render(), list(&ids));
            Message {
                vi: ["Kế hoạch ", &label, " thực hiện kế hoạch không có trong sổ: ", &ids, "."].concat(),
                en: ["Plan ", &label, " implements plans that are not in the registry: ", &ids, "."].concat(),
            }
        });
    }
    if !parents.withdrawn.is_empty() {
        c.emit(out, Rule::ParentPlanWithdrawn, subject(), Some(Field::Implements), None, || {
            // Built for every plan under a withdrawn one (hundreds, when a district's plan is): each label
            // and the list are written once and shared by both languages.
            let ids: Vec<String> = parents.withdrawn.iter().map(|p| plan_label(p).render()).collect();
            let (label, ids) = (label.render(), list(&ids));
            Message {
                vi: ["Kế hoạch ", &label, " thực hiện kế hoạch đã bị thu hồi: ", &ids, "."].concat(),
                en: ["Plan ", &label, " implements withdrawn plans: ", &ids, "."].concat(),
            }
        });
    }
    // The remaining parent rules look at active parents only: a dangling or withdrawn parent is reported
    // above and silences them.
    if let Some(managing) = view.managing {
        // Compared as nodes: the data of the units is read only for a finding's message.
        let wrong: Vec<(&Plan, &Unit)> = parents
            .active
            .iter()
            .filter_map(|&(p_node, p)| c.reg.administration_issuer_node(p_node).map(|a| (p, a)))
            .filter(|&(_, a)| a != managing)
            .filter_map(|(p, a)| c.reg.unit_at(a).map(|a| (p, a)))
            .collect();
        if let (false, Some(m)) = (wrong.is_empty(), view.managing()) {
            c.emit(out, Rule::ParentPlanWrongIssuer, subject(), Some(Field::Implements), None, || {
                let vi: Vec<String> =
                    wrong.iter().map(|(p, a)| format!("{} của {}", plan_label(p), unit_label(a))).collect();
                let en: Vec<String> =
                    wrong.iter().map(|(p, a)| format!("{} of {}", plan_label(p), unit_label(a))).collect();
                let profile = c.reg.profile();
                Message {
                    vi: format!(
                        "Kế hoạch {label} thực hiện {}, không phải kế hoạch của đơn vị quản lý {} ({}).",
                        list(&vi),
                        unit_label(m),
                        profile.middle_level_vi()
                    ),
                    en: format!(
                        "Plan {label} implements {}, not a plan of its managing unit {} (the level above: {}).",
                        list(&en),
                        unit_label(m),
                        profile.middle_level_en()
                    ),
                }
            });
        }
    }
    let other_year: Vec<&Plan> = parents.active().filter(|p| p.school_year != plan.school_year).collect();
    if !other_year.is_empty() {
        c.emit(out, Rule::ParentPlanSchoolYear, subject(), Some(Field::Implements), None, || {
            let ids: Vec<String> =
                other_year.iter().map(|p| format!("{} ({})", plan_label(p), p.school_year)).collect();
            Message {
                vi: format!(
                    "Kế hoạch {label} cho năm học {} thực hiện kế hoạch của năm học khác: {}.",
                    plan.school_year,
                    list(&ids)
                ),
                en: format!(
                    "Plan {label} for school year {} implements plans for another school year: {}.",
                    plan.school_year,
                    list(&ids)
                ),
            }
        });
    }
    // parent-plan-date-order: silent when either date is absent.
    if let Some(date) = plan.issued_on {
        let later: Vec<(&Plan, chrono::NaiveDate)> =
            parents.active().filter_map(|p| p.issued_on.map(|d| (p, d))).filter(|&(_, d)| date < d).collect();
        if !later.is_empty() {
            c.emit(out, Rule::ParentPlanDateOrder, subject(), Some(Field::IssuedOn), None, || {
                let vi: Vec<String> =
                    later.iter().map(|(p, d)| format!("{} ngày {}", plan_label(p), date_vi(*d))).collect();
                let en: Vec<String> =
                    later.iter().map(|(p, d)| format!("{} of {}", plan_label(p), date_en(*d))).collect();
                Message {
                    vi: format!(
                        "Kế hoạch {label} ban hành ngày {}, trước kế hoạch cấp trên mà nó thực hiện: {}.",
                        date_vi(date),
                        list(&vi)
                    ),
                    en: format!(
                        "Plan {label}, issued on {}, predates the plans it implements: {}.",
                        date_en(date),
                        list(&en)
                    ),
                }
            });
        }
    }
}

/// `plan-cycle`, on a plan of any status: every plan on the cycle.
pub(super) fn check_cycle(c: &Checker<'_>, n: NodeIndex, plan: &Plan, out: &mut Vec<Finding>) {
    let cycle = c.cycles.plan_cycle(c.reg, n);
    let size = cycle.len();
    if size == 0 {
        return;
    }
    c.emit(out, Rule::PlanCycle, Subject::Plan(plan.id.clone()), Some(Field::Implements), None, || {
        let others: Vec<String> = cycle
            .iter()
            .filter(|&&m| m != n)
            .take(8)
            .filter_map(|&m| c.reg.plan_at(m))
            .map(|p| q(p.id.as_str()))
            .collect();
        if others.is_empty() {
            Message {
                vi: format!("Kế hoạch {} thực hiện chính nó.", plan_label(plan)),
                en: format!("Plan {} implements itself.", plan_label(plan)),
            }
        } else {
            Message {
                vi: format!(
                    "Đi theo quan hệ thực hiện từ kế hoạch {} lại quay về chính nó (vòng {size} kế hoạch, cùng {}).",
                    plan_label(plan),
                    members_vi(&others, size - 1)
                ),
                en: format!(
                    "Following implements from plan {} comes back to it (a cycle of {size} plans, with {}).",
                    plan_label(plan),
                    members_en(&others, size - 1)
                ),
            }
        }
    });
}

/// `school-without-plan`: a school with a managing unit, for each school year in which the managing unit
/// issued a plan and the school did not.
pub(super) fn check_school(c: &Checker<'_>, n: NodeIndex, out: &mut Vec<Finding>) {
    if !c.on(Rule::SchoolWithoutPlan) {
        return;
    }
    let Some(m) = c.reg.manager_node(n) else {
        return;
    };
    let missing = c.missing_years(n, m);
    if missing.is_empty() {
        return;
    }
    // Something to report: read the units for the message.
    let (Some(manager), Some(unit)) = (c.reg.unit_at(m), c.reg.unit_at(n)) else {
        return;
    };
    for year in missing {
        c.emit(out, Rule::SchoolWithoutPlan, Subject::Unit(unit.id.clone()), None, Some(year), || Message {
            vi: format!(
                "Trường {} chưa có kế hoạch phối hợp đã ban hành cho năm học {year}, trong khi đơn vị quản lý {} đã ban hành kế hoạch năm học này.",
                unit_label(unit),
                unit_label(manager)
            ),
            en: format!(
                "School {} has no issued plan for school year {year}, though its managing unit {} issued one.",
                unit_label(unit),
                unit_label(manager)
            ),
        });
    }
}
