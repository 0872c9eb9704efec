//! The synthetic generator: a clean registry has no findings, and every injected fault causes exactly the
//! findings it says it does, at several scales, profiles and years.

use kehoach::synthetic::{Config, FaultKind, Strings, national};
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
        for strings in [Strings::Realistic, Strings::Short] {
            let config = Config { seed, scale: 0.02, years, fault_rate: 0.3, profile, strings, ..Config::default() };
            let s = national(&config).unwrap();
            let kinds: std::collections::BTreeSet<FaultKind> = s.faults.iter().map(|f| f.kind).collect();
            assert!(kinds.len() >= 20, "only {} kinds of fault drawn", kinds.len());
            assert_eq!(findings(&s), s.expected(), "seed {seed}, {strings:?}");
        }
    }
}

/// The short shape is the realistic registry renamed: the same units and plans one for one, in the same order,
/// the same findings by rule, and a file of short strings.
#[test]
fn short_strings_rename_the_same_registry() {
    let realistic = national(&Config { scale: 0.02, years: 2, fault_rate: 0.2, ..Config::default() }).unwrap();
    let short =
        national(&Config { scale: 0.02, years: 2, fault_rate: 0.2, strings: Strings::Short, ..Config::default() })
            .unwrap();
    let (a, b) = (&realistic.registry, &short.registry);
    assert_eq!((a.unit_count(), a.plan_count()), (b.unit_count(), b.plan_count()));
    for (x, y) in a.units().zip(b.units()) {
        assert_eq!(
            (x.kind(), x.parent.is_some(), x.counterpart().is_some()),
            (y.kind(), y.parent.is_some(), y.counterpart().is_some())
        );
        assert!(y.id.as_str().len() <= 7 && y.name.as_str().len() <= 8, "{y:?}");
    }
    for (x, y) in a.plans().zip(b.plans()) {
        assert_eq!(
            (x.status, x.number.clone(), x.issued_on, x.approvals.clone()),
            (y.status, y.number.clone(), y.issued_on, y.approvals.clone())
        );
        assert_eq!((x.issuers.len(), x.implements.len()), (y.issuers.len(), y.implements.len()));
        assert_eq!(y.title.as_str(), "KH");
    }
    let by_rule = |r: &kehoach::Report| {
        let mut v: Vec<_> = r.findings().iter().map(|f| f.rule).collect();
        v.sort();
        v
    };
    assert_eq!(by_rule(&a.validate()), by_rule(&b.validate()));
    let (long, compact) = (format::save(a), format::save_compact(b));
    assert!(compact.len() * 2 < long.len(), "{} vs {} bytes", compact.len(), long.len());
    assert_eq!(format::save(&format::load_str(&compact).unwrap()), format::save(b));
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
