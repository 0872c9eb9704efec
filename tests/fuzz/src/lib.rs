//! What the fuzz targets check, one function per target, each panicking when a property fails (under AFL
//! a panic aborts, which is a crash).
//!
//! This file depends on `kehoach` alone, so the main crate's `tests/it/fuzz_regressions.rs` includes it with
//! `#[path]` and runs the same checks on every saved crash input without AFL.
//!
//! - [`check_load`]: bytes → `format::load`. It must not panic, must give the same result twice, and an
//!   error must say where (a JSON path or a line and column) and have a message.
//! - [`check_validate`]: bytes → load → if it loads: `validate`, the report as JSON, `save`, load the saved
//!   text again. The saved text must load, save to itself and validate to the same report; the incremental
//!   a `Validator`'s report must agree with `validate` after removing the last plan and adding it back.

use kehoach::format::{self, LoadError};
use kehoach::{Registry, Report};

/// Loads `bytes` twice: never a panic, the same result both times, and an error that says where.
pub fn check_load(bytes: &[u8]) {
    let first = format::load(bytes);
    let second = format::load(bytes);
    match (&first, &second) {
        (Ok(a), Ok(b)) => assert_eq!(format::save(a), format::save(b), "loading the same bytes twice"),
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "loading the same bytes twice gave two errors");
            check_error(a);
        }
        _ => panic!("loading the same bytes twice gave {first:?} and then {second:?}"),
    }
}

/// A load error has a message, and a syntax error or an invalid value names its place (a JSON path, or a
/// line and column). The other kinds (`format`, the document's size) are about the whole document.
fn check_error(e: &LoadError) {
    if matches!(e, LoadError::Syntax { .. } | LoadError::Invalid { .. }) {
        let has_path = e.path().is_some_and(|p| !p.is_empty());
        let has_position = e.line().is_some_and(|l| l > 0) && e.column().is_some();
        assert!(has_path || has_position, "a load error that says nowhere: {e:?}");
    }
    assert!(!e.to_string().is_empty(), "a load error without a message: {e:?}");
}

/// Loads `bytes`; when they are a registry, validates it and checks the save → load round trip and the
/// incremental re-validation.
pub fn check_validate(bytes: &[u8]) {
    let registry = match format::load(bytes) {
        Ok(r) => r,
        Err(e) => return check_error(&e),
    };
    let report = registry.validate();
    check_report(&report);

    // save → load is the identity on the saved text, and the reloaded registry validates the same.
    let saved = format::save(&registry);
    let back = format::load_str(&saved).unwrap_or_else(|e| panic!("the saved text does not load: {e}\n{saved}"));
    assert_eq!(format::save(&back), saved, "save(load(save(r))) differs from save(r)");
    assert_eq!(back.validate(), report, "the reloaded registry validates differently");

    check_incremental(registry, &report, &saved);
}

/// The report's own invariants: `conforms` means no error, the counts add up, and it writes as JSON.
fn check_report(report: &Report) {
    let counts = report.counts();
    assert_eq!(counts.total(), report.findings().len(), "the counts do not add up to the findings");
    assert_eq!(report.conforms(), counts.error == 0);
    let json = format::report_to_json(report);
    assert!(json.starts_with('{') && json.ends_with("}\n"), "the report JSON is not an object: {json}");
}

/// Removes the last plan and adds it back: a `Validator`'s report must agree with `validate` after each edit,
/// and the registry must end as it began.
fn check_incremental(registry: Registry, report: &Report, saved: &str) {
    let mut live = kehoach::Validator::new(registry);
    assert_eq!(live.report(), report, "the first incremental report differs from validate");
    let Some(id) = live.registry().plans().last().map(|p| p.id.to_string()) else { return };
    let plan = live.remove_plan(&id).unwrap_or_else(|e| panic!("removing plan {id:?}: {e}"));
    let without = live.registry().validate();
    assert_eq!(live.report(), &without, "the report after removing plan {id:?} differs from validate");
    live.add_plan(plan).unwrap_or_else(|e| panic!("adding plan {id:?} back: {e}"));
    assert_eq!(live.report(), report, "the report after adding plan {id:?} back differs from the first report");
    assert_eq!(format::save(live.registry()), saved, "removing plan {id:?} and adding it back changed the registry");
}
