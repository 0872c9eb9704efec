//! Units: references that name no unit, cycles of `parent`, and parents or counterparts on the wrong side.

use petgraph::stable_graph::NodeIndex;

use super::wording::{list, members_en, members_vi, q};
use super::{Checker, PlanView, Rule, unit_label};
use crate::model::{Side, Unit};
use crate::registry::facts::Kind;
use crate::report::{Field, Finding, Message, Subject};

/// The unit rules whose subject is `unit`.
pub(super) fn check(c: &Checker<'_>, n: NodeIndex, unit: &Unit, out: &mut Vec<Finding>) {
    let subject = || Subject::Unit(unit.id.clone());
    // unit-unknown-reference, unit-side-mismatch: parent.
    // The resolved parent and counterpart, and their sides, come from the registry's dense facts; a unit's
    // data is read only for a finding's message.
    let fact = c.reg.fact(n);
    let own_admin = fact.kind.is_administration();
    if let Some(parent_id) = &unit.parent {
        match fact.parent() {
            None => c.emit(out, Rule::UnitUnknownReference, subject(), Some(Field::Parent), None, || Message {
                vi: format!("Đơn vị {} có cấp trên {} không có trong sổ.", unit_label(unit), q(parent_id.as_str())),
                en: format!(
                    "Unit {} names parent {}, which is not in the registry.",
                    unit_label(unit),
                    q(parent_id.as_str())
                ),
            }),
            Some(m) if c.reg.fact(m).kind.is_administration() != own_admin => {
                let Some(parent) = c.reg.unit_at(m) else { return };
                c.emit(out, Rule::UnitSideMismatch, subject(), Some(Field::Parent), None, || Message {
                    vi: format!(
                        "Đơn vị {} ({}) có cấp trên {} là {}, ở phía {}; cấp trên phải cùng phía {}.",
                        unit_label(unit),
                        unit.kind().name_vi(),
                        unit_label(parent),
                        parent.kind().name_vi(),
                        side_vi(parent.side()),
                        side_vi(unit.side()),
                    ),
                    en: format!(
                        "Unit {} ({}) has parent {}, a {} on the {} side; a parent must be on the same ({}) side.",
                        unit_label(unit),
                        unit.kind().name_en(),
                        unit_label(parent),
                        parent.kind().name_en(),
                        side_en(parent.side()),
                        side_en(unit.side()),
                    ),
                });
            }
            Some(_) => {}
        }
    }
    // unit-unknown-reference, unit-side-mismatch: counterpart.
    if let Some(cp_id) = unit.counterpart() {
        let counterpart = fact.counterpart();
        let wrong_side = counterpart.filter(|&m| c.reg.fact(m).kind != Kind::Union);
        match (counterpart, wrong_side.and_then(|m| c.reg.unit_at(m))) {
            (None, _) => {
                c.emit(out, Rule::UnitUnknownReference, subject(), Some(Field::Counterpart), None, || Message {
                    vi: format!(
                        "Đơn vị {} có đơn vị công đoàn đối ứng {} không có trong sổ.",
                        unit_label(unit),
                        q(cp_id.as_str())
                    ),
                    en: format!(
                        "Unit {} names counterpart {}, which is not in the registry.",
                        unit_label(unit),
                        q(cp_id.as_str())
                    ),
                })
            }
            (Some(_), Some(cp)) => {
                c.emit(out, Rule::UnitSideMismatch, subject(), Some(Field::Counterpart), None, || Message {
                    vi: format!(
                        "Đơn vị đối ứng của {} là {} ({}), không phải một tổ chức công đoàn.",
                        unit_label(unit),
                        unit_label(cp),
                        cp.kind().name_vi()
                    ),
                    en: format!(
                        "The counterpart of {} is {}, a {}, not a union unit.",
                        unit_label(unit),
                        unit_label(cp),
                        cp.kind().name_en()
                    ),
                });
            }
            (Some(_), None) => {}
        }
    }
    // unit-hierarchy-cycle: every unit on the cycle, not those that only lead into it.
    let cycle = c.cycles.unit_cycle(c.reg, n);
    let size = cycle.len();
    if size > 0 {
        c.emit(out, Rule::UnitHierarchyCycle, subject(), Some(Field::Parent), None, || {
            let others: Vec<String> = cycle
                .iter()
                .filter(|&&m| m != n)
                .take(8)
                .filter_map(|&m| c.reg.unit_at(m))
                .map(|u| q(u.id.as_str()))
                .collect();
            if others.is_empty() {
                Message {
                    vi: format!("Đơn vị {} là cấp trên của chính nó.", unit_label(unit)),
                    en: format!("Unit {} is its own parent.", unit_label(unit)),
                }
            } else {
                Message {
                    vi: format!(
                        "Đi theo cấp trên từ đơn vị {} lại quay về chính nó (vòng {size} đơn vị, cùng {}).",
                        unit_label(unit),
                        members_vi(&others, size - 1)
                    ),
                    en: format!(
                        "Following parent from unit {} comes back to it (a cycle of {size} units, with {}).",
                        unit_label(unit),
                        members_en(&others, size - 1)
                    ),
                }
            }
        });
    }
}

/// `unit-unknown-reference` on a plan (of any status): issuers that name no unit.
pub(super) fn check_plan(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    if !view.dangling_issuers {
        return;
    }
    let plan = view.plan;
    let mut dangling: Vec<String> = Vec::new();
    // Each dangling id once, in order; a set keeps a long list of issuers linear.
    let mut seen = rustc_hash::FxHashSet::default();
    for id in &plan.issuers {
        if c.reg.unit(id.as_str()).is_none() && seen.insert(id.as_str()) {
            dangling.push(q(id.as_str()));
        }
    }
    c.emit(out, Rule::UnitUnknownReference, Subject::Plan(plan.id.clone()), Some(Field::Issuers), None, || Message {
        vi: format!("Kế hoạch {} có đơn vị ban hành không có trong sổ: {}.", q(plan.id.as_str()), list(&dangling)),
        en: format!("Plan {} names issuers that are not in the registry: {}.", q(plan.id.as_str()), list(&dangling)),
    });
}

pub(super) fn side_vi(side: Side) -> &'static str {
    match side {
        Side::Administration => "chính quyền",
        Side::Union => "công đoàn",
    }
}

pub(super) fn side_en(side: Side) -> &'static str {
    match side {
        Side::Administration => "administration",
        Side::Union => "union",
    }
}
