//! The synthetic generator: a clean registry has no findings, and every injected fault causes exactly the
//! findings it says it does, at several scales, profiles and years.

use kehoach::synthetic::{Config, FaultKind, national};
use kehoach::{Profile, format};

fn findings(s: &kehoach::synthetic::Synthetic) -> Vec<(kehoach::Rule, kehoach::Subject, Option<kehoach::Field>)> {
    s.registry.validate().findings().iter().map(|f| (f.rule, f.subject.clone(), f.field)).collect()
}

#[test]
fn a_clean_registry_has_no_findings() {
    for profile in Profile::ALL {
        let s = national(&Config { scale: 0.01, years: 2, fault_rate: 0.0, profile, ..Config::default() }).unwrap();
        assert!(s.faults.is_empty());
        let report = s.registry.validate();
        assert!(report.findings().is_empty(), "{profile}: {:#?}", &report.findings()[..report.findings().len().min(3)]);
    }
}

#[test]
fn every_fault_causes_exactly_its_findings() {
    for (seed, profile, years) in
        [(1, Profile::ThreeTier2020, 1), (2, Profile::ThreeTier2020, 3), (3, Profile::TwoTier2025, 2)]
    {
        let s = national(&Config { seed, scale: 0.02, years, fault_rate: 0.3, profile, first_year: 2020 }).unwrap();
        let kinds: std::collections::BTreeSet<FaultKind> = s.faults.iter().map(|f| f.kind).collect();
        assert!(kinds.len() >= 20, "only {} kinds of fault drawn", kinds.len());
        assert_eq!(findings(&s), s.expected(), "seed {seed}");
    }
}

#[test]
fn the_same_config_gives_the_same_bytes() {
    let c = Config { scale: 0.01, years: 2, fault_rate: 0.1, ..Config::default() };
    let a = format::save(&national(&c).unwrap().registry);
    let b = format::save(&national(&c).unwrap().registry);
    assert_eq!(a, b);
    let other = format::save(&national(&Config { seed: 7, ..c }).unwrap().registry);
    assert_ne!(a, other);
}

#[test]
fn sizes_follow_the_national_figures() {
    let s = national(&Config { scale: 0.1, years: 1, fault_rate: 0.0, ..Config::default() }).unwrap();
    // 6 provinces, 71 districts (70.5 rounded), 4,500 + 280 schools, each with its union.
    assert_eq!(s.registry.unit_count(), 2 * (6 + 71 + 4500 + 280));
    assert_eq!(s.registry.plan_count(), 6 + 71 + 4500 + 280);
}

#[test]
fn out_of_range_configs_are_refused() {
    assert!(national(&Config { scale: 0.0, ..Config::default() }).is_err());
    assert!(national(&Config { fault_rate: 1.5, ..Config::default() }).is_err());
    assert!(national(&Config { years: 0, ..Config::default() }).is_err());
}
