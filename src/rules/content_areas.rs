//! Content areas: each area of an implementing plan addresses areas its parents have, and every area of the
//! parents is addressed. The parents' codes are pooled: with two parents that both have area `1`, one area
//! addressing `1` covers both.

use rustc_hash::FxHashSet;

use super::wording::{list, q};
use super::{Checker, PlanView, Rule, plan_label};
use crate::report::{Field, Finding, Message, Subject};

/// The content-area rules, on an active plan. Both stay silent unless every `implements` entry resolves to
/// an active parent: a dangling or withdrawn parent is reported by the parent rules instead.
pub(super) fn check(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let (plan, parents) = (view.plan, &view.parents);
    if !parents.all_active() || parents.active.is_empty() {
        return;
    }
    // The common case, decided without reading an area: one parent, and the plan's areas address the
    // parent's areas one for one, in order (the registry keeps both sequences interned). Then every address
    // is a parent code and every parent code is addressed, so both rules are quiet.
    if let [(parent, _)] = parents.active.as_slice() {
        if c.reg.indexes().addresses_one_for_one(view.n, *parent) {
            return;
        }
    }
    let label = plan_label(plan);
    // Plans have a handful of areas, so scanning is cheapest; a hostile plan with thousands gets hash sets
    // instead of a quadratic scan.
    let large = plan.content_areas.len() + parents.active().map(|p| p.content_areas.len()).sum::<usize>() > 64;
    let pooled: FxHashSet<&str> = if large {
        parents.active().flat_map(|p| p.content_areas.iter().map(|a| a.code.as_str())).collect()
    } else {
        FxHashSet::default()
    };
    let parent_has = |code: &str| {
        if large { pooled.contains(code) } else { parents.active().any(|p| p.content_areas.get(code).is_some()) }
    };
    // content-area-unknown
    if c.on(Rule::ContentAreaUnknown) {
        let mut unknown: Vec<(String, String)> = Vec::new();
        for area in &plan.content_areas {
            for code in &area.addresses {
                if !parent_has(code.as_str()) {
                    unknown.push((q(area.code.as_str()), q(code.as_str())));
                }
            }
        }
        if !unknown.is_empty() {
            let vi: Vec<String> = unknown.iter().map(|(a, x)| format!("nội dung {a} tham chiếu {x}")).collect();
            let en: Vec<String> = unknown.iter().map(|(a, x)| format!("area {a} addresses {x}")).collect();
            c.emit(
                out,
                Rule::ContentAreaUnknown,
                Subject::Plan(plan.id.clone()),
                Some(Field::ContentAreas),
                None,
                || Message {
                    vi: format!("Kế hoạch {label} tham chiếu nội dung không có ở kế hoạch cấp trên: {}.", list(&vi)),
                    en: format!("Plan {label} addresses content areas that no parent plan has: {}.", list(&en)),
                },
            );
        }
    }
    // content-area-uncovered: only a plan that lists content areas at all.
    if c.on(Rule::ContentAreaUncovered) && !plan.content_areas.is_empty() {
        let all_addressed: FxHashSet<&str> = if large {
            plan.content_areas.iter().flat_map(|a| a.addresses.iter().map(|x| x.as_str())).collect()
        } else {
            FxHashSet::default()
        };
        let addressed = |code: &str| {
            if large {
                all_addressed.contains(code)
            } else {
                plan.content_areas.iter().any(|a| a.addresses.iter().any(|x| x == code))
            }
        };
        let mut uncovered: Vec<&str> = Vec::new();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for parent in parents.active() {
            for area in &parent.content_areas {
                let code = area.code.as_str();
                if !addressed(code) && seen.insert(code) {
                    uncovered.push(code);
                }
            }
        }
        let uncovered: Vec<String> = uncovered.into_iter().map(q).collect();
        if !uncovered.is_empty() {
            c.emit(
                out,
                Rule::ContentAreaUncovered,
                Subject::Plan(plan.id.clone()),
                Some(Field::ContentAreas),
                None,
                || Message {
                    vi: format!(
                        "Kế hoạch {label} chưa triển khai nội dung của kế hoạch cấp trên: {}.",
                        list(&uncovered)
                    ),
                    en: format!(
                        "Plan {label} does not carry out these content areas of its parent plans: {}.",
                        list(&uncovered)
                    ),
                },
            );
        }
    }
}
