//! Cycles are found whatever order the registry was built in: a full check skips looking for cycles only
//! while every `implements` and `parent` edge points to an earlier-added node, so these tests close cycles
//! by editing the *earlier* node, by adding children before parents, and by removing and re-adding.

use kehoach::{AdministrationKind, Plan, PlanStatus, Registry, Rule, Subject, Unit};

fn plan(id: &str, implements: &[&str]) -> Plan {
    Plan::new(id, "KH", "2020-2021".parse().unwrap(), PlanStatus::Draft).unwrap().implementing(implements).unwrap()
}

fn office(id: &str, parent: Option<&str>) -> Unit {
    let u = Unit::administration(id, "Phòng", AdministrationKind::EducationOffice).unwrap();
    match parent {
        Some(p) => u.with_parent(p).unwrap(),
        None => u,
    }
}

fn cycle_subjects(reg: &Registry, rule: Rule) -> Vec<String> {
    reg.validate().findings().iter().filter(|f| f.rule == rule).map(|f| f.subject.id().to_owned()).collect()
}

#[test]
fn a_plan_cycle_closed_by_editing_the_earlier_plan_is_found() {
    let mut reg = Registry::default();
    reg.add_plan(plan("a", &[])).unwrap();
    reg.add_plan(plan("b", &["a"])).unwrap();
    assert!(cycle_subjects(&reg, Rule::PlanCycle).is_empty());
    reg.replace_plan(plan("a", &["b"])).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::PlanCycle), ["a", "b"]);
    reg.replace_plan(plan("a", &[])).unwrap();
    assert!(cycle_subjects(&reg, Rule::PlanCycle).is_empty());
}

#[test]
fn a_plan_cycle_whose_members_arrive_child_first_is_found() {
    let mut reg = Registry::default();
    reg.add_plan(plan("c", &["d"])).unwrap();
    reg.add_plan(plan("d", &["c"])).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::PlanCycle), ["c", "d"]);
    // Removed and added again: the edges into it come back, and so does the cycle.
    let d = reg.remove_plan("d").unwrap();
    assert!(cycle_subjects(&reg, Rule::PlanCycle).is_empty());
    reg.add_plan(d).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::PlanCycle), ["c", "d"]);
    let self_loop = plan("e", &["e"]);
    reg.add_plan(self_loop).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::PlanCycle), ["c", "d", "e"]);
}

#[test]
fn a_unit_cycle_closed_by_editing_the_earlier_unit_is_found() {
    let mut reg = Registry::default();
    reg.add_unit(office("x", None)).unwrap();
    reg.add_unit(office("y", Some("x"))).unwrap();
    assert!(cycle_subjects(&reg, Rule::UnitHierarchyCycle).is_empty());
    reg.replace_unit(office("x", Some("y"))).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::UnitHierarchyCycle), ["x", "y"]);
    reg.remove_unit("y").unwrap();
    assert!(cycle_subjects(&reg, Rule::UnitHierarchyCycle).is_empty());
    reg.add_unit(office("y", Some("x"))).unwrap();
    assert_eq!(cycle_subjects(&reg, Rule::UnitHierarchyCycle), ["x", "y"]);
    assert!(reg.validate().findings().iter().any(|f| f.subject == Subject::Unit("y".parse().unwrap())));
}
