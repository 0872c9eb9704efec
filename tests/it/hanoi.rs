//! The Hanoi 2020-2021 example: the hierarchy built through the API is the one shipped as
//! `examples/data/hanoi-2020-2021.json`, and it gives the findings the example describes.

#[expect(dead_code, reason = "the example's `main`, which these tests do not call")]
#[path = "../../examples/hanoi_2020.rs"]
mod example;

use kehoach::{Rule, Severity, format};

const FILE: &str = include_str!("../../examples/data/hanoi-2020-2021.json");

#[test]
fn the_data_file_is_the_hierarchy_the_example_builds() {
    let built = example::build().expect("the example builds");
    assert_eq!(format::save(&built), FILE, "regenerate with: cargo run --example hanoi_2020 -- --json");
}

#[test]
fn the_file_gives_one_quorum_error_and_one_school_without_plan() {
    let registry = format::load_str(FILE).expect("the data file loads");
    let report = registry.validate();
    let got: Vec<(Rule, Severity, String)> =
        report.findings().iter().map(|f| (f.rule, f.severity, f.subject.to_string())).collect();
    assert_eq!(
        got,
        [
            (Rule::SchoolWithoutPlan, Severity::Warning, "unit \"tx-thcs-kd\"".to_owned()),
            (Rule::StaffConferenceQuorum, Severity::Error, "plan \"tx-th-kg-2020\"".to_owned()),
        ]
    );
    let quorum = &report.findings()[1];
    assert!(quorum.message.en.contains("39 of 60"), "{}", quorum.message.en);
    assert!(quorum.message.en.contains("at least 40"), "{}", quorum.message.en);
    assert!(quorum.message.vi.contains("39 trên 60"), "{}", quorum.message.vi);
    assert!(!report.conforms());
}

#[test]
fn the_implementation_tree_runs_from_the_city_to_the_schools() {
    let registry = format::load_str(FILE).expect("the data file loads");
    let up: Vec<&str> = registry.ancestors("tx-thcs-nc-2020").unwrap().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(up, ["tx-17-2020", "hn-2731-2020"]);
    let down = registry.descendants("hn-2731-2020").unwrap();
    assert_eq!(down.len(), 6);
    assert_eq!(down[0].id, "tx-17-2020");
    let summary = registry.compliance(&registry.validate());
    assert_eq!(summary.len(), 1);
    let s = &summary[0];
    assert_eq!(
        (s.managing_unit.as_str(), s.schools, s.conforming, s.with_errors, s.without_plan),
        ("tx-pgd", 5, 3, 1, 1)
    );
}
