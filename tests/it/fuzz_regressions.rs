//! The fuzz harness's checks (tests/fuzz/src/lib.rs), run without AFL on the seed corpus, on every input
//! the fuzzers found to crash or hang (tests/fuzz/regressions/), and on any files named by the environment
//! variable `KEHOACH_FUZZ_REPLAY` (paths separated by `:`; directories are read whole):
//!
//! ```sh
//! KEHOACH_FUZZ_REPLAY=tests/fuzz/out/validate/default/crashes cargo test --test it fuzz_regressions:: -- --nocapture
//! ```

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// The files of `dir` (or `dir` itself when it is a file), sorted, skipping README.txt.
fn files(dir: &Path) -> Vec<PathBuf> {
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_none_or(|n| n != "README.txt"))
        .collect();
    out.sort();
    out
}

/// Runs both checks on each file, naming the file of a failure.
fn check_all(files: &[PathBuf]) {
    for file in files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let outcome = std::panic::catch_unwind(|| {
            checks::check_load(&bytes);
            checks::check_validate(&bytes);
        });
        if let Err(e) = outcome {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()));
            panic!("{}: {}", file.display(), msg.unwrap_or_default());
        }
    }
}

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn the_seed_corpus_passes_both_checks() {
    let seeds = files(&here("tests/fuzz/seeds"));
    assert!(seeds.len() >= 20, "the seed corpus is missing: {} files", seeds.len());
    check_all(&seeds);
}

#[test]
fn every_saved_fuzz_finding_passes_both_checks() {
    check_all(&files(&here("tests/fuzz/regressions")));
}

#[test]
fn files_named_by_kehoach_fuzz_replay_pass_both_checks() {
    let Some(paths) = std::env::var_os("KEHOACH_FUZZ_REPLAY") else { return };
    let mut all = Vec::new();
    for p in std::env::split_paths(&paths) {
        let found = files(&p);
        assert!(!found.is_empty(), "{}: no such file or no files in it", p.display());
        all.extend(found);
    }
    for f in &all {
        println!("replaying {}", f.display());
    }
    check_all(&all);
}

/// Found while looking for hangs beyond the fuzzers' reach (inputs of a megabyte or more): a plan's
/// `implements` and `issuers` were de-duplicated by scanning the items before each one, so a plan naming
/// 10,000 parents or issuers that do not exist took some 190 ms to validate in a release build, and a
/// 1.6 MB file of twenty such plans 1.7-1.9 s; each list is now de-duplicated with a set past 16 items.
/// This test checks the findings; the time is measured by `benches/hostile.rs` (`long-lists`), as the
/// project measures speed in benchmarks, never in timed tests.
#[test]
fn long_lists_of_dangling_parents_and_issuers_give_one_finding_per_plan() {
    let json = kehoach::synthetic::hostile::long_lists(10, 10_000);
    let registry = kehoach::format::load_str(&json).expect("the document loads");
    let report = registry.validate();
    let unknown = |rule: kehoach::Rule| report.findings().iter().filter(|f| f.rule == rule).count();
    assert_eq!(unknown(kehoach::Rule::UnitUnknownReference), 10, "one finding per plan for its issuers");
    assert_eq!(unknown(kehoach::Rule::ParentPlanUnknown), 10, "one finding per plan for its parents");
}

/// Found the same way: the loader's check that content-area codes are unique within a plan rebuilt a hash
/// set of the codes so far for every area past the 32nd, so a plan of 10,000 areas took some 0.3 s to load
/// and a 5.6 MB file of twenty such plans 6-9 s; the set is now built once per plan (timed by
/// `benches/hostile.rs`, `many-areas`). A repeated last code is still found.
#[test]
fn plans_with_ten_thousand_content_areas_load_and_a_repeated_code_is_found() {
    let json = kehoach::synthetic::hostile::many_areas(10, 10_000);
    let registry = kehoach::format::load_str(&json).expect("the document loads");
    assert_eq!(registry.plans().map(|p| p.content_areas.len()).sum::<usize>(), 100_000);

    let repeated =
        kehoach::synthetic::hostile::many_areas(1, 10_000).replacen(r#"{"code":"9999""#, r#"{"code":"0""#, 1);
    let err = kehoach::format::load_str(&repeated).expect_err("a repeated code");
    assert_eq!(err.path(), Some("plans[0].content_areas[9999].code"));
}
