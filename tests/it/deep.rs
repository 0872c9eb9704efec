//! No recursion that input can drive: a chain of a million plans, each implementing the next, and a unit
//! hierarchy a million deep load, validate, answer queries and re-validate without overflowing the stack.
//! (Their speed is measured in `benches/`, not here: these tests check that the work finishes and is right.)

use kehoach::synthetic::hostile::{plan_chain, unit_chain};
use kehoach::{Rule, format};

const DEEP: usize = 1_000_000;

#[test]
fn a_chain_of_a_million_plans_loads_validates_and_answers_queries() {
    for parents_first in [false, true] {
        let registry = format::load_str(&plan_chain(DEEP, parents_first, false)).expect("loads");
        assert_eq!(registry.plan_count(), DEEP);
        assert!(registry.validate().findings().is_empty());
        assert_eq!(registry.ancestors("p0").unwrap().len(), DEEP - 1);
        assert_eq!(registry.descendants(&format!("p{}", DEEP - 1)).unwrap().len(), DEEP - 1);
        // An edit in the middle of the chain, re-validated incrementally.
        let mut validator = kehoach::Validator::new(registry);
        validator.report();
        let mut middle = validator.registry().plan("p500000").cloned().unwrap();
        middle.implements.clear();
        validator.replace_plan(middle).unwrap();
        assert!(validator.report().findings().is_empty());
        assert_eq!(validator.registry().ancestors("p0").unwrap().len(), 500_000);
    }
}

#[test]
fn a_cycle_of_a_hundred_thousand_plans_is_reported_once_per_plan() {
    let n = 100_000;
    let registry = format::load_str(&plan_chain(n, false, true)).expect("loads");
    let report = registry.validate();
    assert_eq!(report.findings().len(), n);
    assert!(report.findings().iter().all(|f| f.rule == Rule::PlanCycle));
    let message = &report.findings()[0].message.en;
    assert!(message.contains("a cycle of 100000 plans") && message.contains("and 99991 more"), "{message}");
}

#[test]
fn a_unit_hierarchy_a_million_deep_loads_and_validates() {
    for (parents_first, closed) in [(false, false), (true, false), (false, true)] {
        let n = if closed { 100_000 } else { DEEP };
        let registry = format::load_str(&unit_chain(n, parents_first, closed)).expect("loads");
        let report = registry.validate();
        if closed {
            assert_eq!(report.findings().len(), n);
            assert!(report.findings().iter().all(|f| f.rule == Rule::UnitHierarchyCycle));
        } else {
            assert!(report.findings().is_empty(), "{:?}", report.findings().first());
        }
    }
}
