//! No recursion that input can drive: a chain of a million plans, each implementing the next, and a unit
//! hierarchy a million deep load, validate, answer queries and re-validate without overflowing the stack.
//! (Their speed is measured in `benches/`, not here: these tests check that the work finishes and is right.)

use std::fmt::Write;

use kehoach::{Rule, format};

const DEEP: usize = 1_000_000;

/// `n` withdrawn plans, `p0` implementing `p1` … implementing `p{n-1}` (withdrawn plans raise no finding of
/// their own, so the report stays small while the graph is as deep as it gets); listed last-first when
/// `parents_first`, so that both orders of the edges are exercised.
fn chain(n: usize, parents_first: bool, closed: bool) -> String {
    let mut s = String::with_capacity(n * 110);
    s.push_str(r#"{"format": "kehoach/registry@1", "units": [], "plans": ["#);
    let order: Box<dyn Iterator<Item = usize>> = if parents_first { Box::new((0..n).rev()) } else { Box::new(0..n) };
    for (k, i) in order.enumerate() {
        if k > 0 {
            s.push(',');
        }
        let next = if i + 1 < n {
            Some(i + 1)
        } else if closed {
            Some(0)
        } else {
            None
        };
        let implements = next.map(|j| format!(r#", "implements": ["p{j}"]"#)).unwrap_or_default();
        let _ = write!(
            s,
            r#"{{"id": "p{i}", "title": "KH", "school_year": "2020-2021", "status": "withdrawn", "issuers": []{implements}}}"#
        );
    }
    s.push_str("]}");
    s
}

#[test]
fn a_chain_of_a_million_plans_loads_validates_and_answers_queries() {
    for parents_first in [false, true] {
        let mut registry = format::load_str(&chain(DEEP, parents_first, false)).expect("loads");
        assert_eq!(registry.plan_count(), DEEP);
        assert!(registry.validate().findings().is_empty());
        assert_eq!(registry.ancestors("p0").unwrap().len(), DEEP - 1);
        assert_eq!(registry.descendants(&format!("p{}", DEEP - 1)).unwrap().len(), DEEP - 1);
        // An edit in the middle of the chain, re-validated incrementally.
        registry.revalidate();
        let mut middle = registry.plan("p500000").cloned().unwrap();
        middle.implements.clear();
        registry.replace_plan(middle).unwrap();
        assert!(registry.revalidate().findings().is_empty());
        assert_eq!(registry.ancestors("p0").unwrap().len(), 500_000);
    }
}

#[test]
fn a_cycle_of_a_hundred_thousand_plans_is_reported_once_per_plan() {
    let n = 100_000;
    let registry = format::load_str(&chain(n, false, true)).expect("loads");
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
        let mut s = String::with_capacity(n * 80);
        s.push_str(r#"{"format": "kehoach/registry@1", "plans": [], "units": ["#);
        let order: Vec<usize> = if parents_first { (0..n).rev().collect() } else { (0..n).collect() };
        for (k, i) in order.into_iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            let parent = if i + 1 < n {
                Some(i + 1)
            } else if closed {
                Some(0)
            } else {
                None
            };
            let parent = parent.map(|j| format!(r#", "parent": "u{j}""#)).unwrap_or_default();
            let _ = write!(s, r#"{{"id": "u{i}", "name": "LĐLĐ", "kind": "labour_federation"{parent}}}"#);
        }
        s.push_str("]}");
        let registry = format::load_str(&s).expect("loads");
        let report = registry.validate();
        if closed {
            assert_eq!(report.findings().len(), n);
            assert!(report.findings().iter().all(|f| f.rule == Rule::UnitHierarchyCycle));
        } else {
            assert!(report.findings().is_empty(), "{:?}", report.findings().first());
        }
    }
}
