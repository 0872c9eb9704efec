//! Runs files (or every file in directories) through both targets' checks outside afl-fuzz, printing what
//! each gives: `target/release/replay out/validate/default/crashes` (`run.sh` builds it with the targets).
//! A failed check panics with its message and the process exits non-zero. The main crate's
//! `tests/it/fuzz_regressions.rs` does the same with no AFL at all (`KEHOACH_FUZZ_REPLAY=FILE|DIR`).

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.is_empty() {
        eprintln!("usage: replay FILE|DIR...");
        std::process::exit(2);
    }
    let mut files = Vec::new();
    for arg in &args {
        collect(arg, &mut files);
    }
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let outcome = match kehoach::format::load(&bytes) {
            Ok(r) => format!("loads: {} units, {} plans", r.unit_count(), r.plan_count()),
            Err(e) => format!("load error: {e}"),
        };
        println!("{}: {outcome}", file.display());
        kehoach_fuzz::check_load(&bytes);
        kehoach_fuzz::check_validate(&bytes);
        println!("{}: both checks pass", file.display());
    }
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().is_none_or(|n| n != "README.txt"))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, files);
        }
    } else {
        files.push(path.to_path_buf());
    }
}
