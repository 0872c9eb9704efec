//! The fifteen conformance examples of `spec/examples/`: each registry gives exactly the findings (rule,
//! severity, subject, field, in order) and the exit status its `.expect.json` lists, or the load error it
//! names.

use std::path::{Path, PathBuf};

use kehoach::format;
use serde_json::{Value, json};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    v.sort();
    v
}

fn expectation(input: &Path) -> Value {
    let name = input.file_stem().expect("a file name").to_string_lossy().to_string();
    let path = input.with_file_name(format!("{name}.expect.json"));
    serde_json::from_slice(&std::fs::read(path).expect("expectation exists")).expect("expectation is JSON")
}

#[test]
fn every_example_gives_exactly_its_expected_findings() {
    let inputs = examples();
    assert_eq!(inputs.len(), 15);
    for input in inputs {
        let expect = expectation(&input);
        let bytes = std::fs::read(&input).expect("example exists");
        let name = input.file_name().expect("name").to_string_lossy().to_string();
        match format::load(&bytes) {
            Err(e) => {
                assert_eq!(expect["exit"], json!(2), "{name}: unexpected load error: {e}");
                let shown = e.to_string();
                for needle in expect["stderr_names"].as_array().expect("stderr_names") {
                    let needle = needle.as_str().expect("a string");
                    assert!(shown.contains(needle), "{name}: the error \"{shown}\" does not name {needle}");
                }
            }
            Ok(registry) => {
                let report = registry.validate();
                let exit = if report.conforms() { 0 } else { 1 };
                let got: Vec<Value> = report
                    .findings()
                    .iter()
                    .map(|f| {
                        let mut v = json!({
                            "rule": f.rule.code(),
                            "severity": f.severity.code(),
                            "subject": { "kind": f.subject.kind().code(), "id": f.subject.id() },
                        });
                        if let Some(field) = f.field {
                            v["field"] = json!(field.code());
                        }
                        v
                    })
                    .collect();
                let want = expect["findings"].as_array().cloned().unwrap_or_default();
                assert_eq!(got, want, "{name}: findings differ");
                assert_eq!(json!(exit), expect["exit"], "{name}: exit status differs");
            }
        }
    }
}
