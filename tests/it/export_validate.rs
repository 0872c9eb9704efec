//! The `kehoach-validate` program end to end, run as a process as a user runs it (`src/bin/kehoach-validate.rs`):
//! `--format text|json|dot|mermaid`, `--language vi|en`, `--summary markdown|csv|text`, how they combine, and
//! the exit codes (0 conforms, 1 errors, 2 load error or misuse with nothing on standard output). What it
//! prints is compared with what the library's functions produce for the same registry.

use crate::support::export::*;
use crate::support::program::{file, run, run_with};
use kehoach::export::{Language, Scope, TableFormat, compliance_table, dot, mermaid, text_report};
use kehoach::format;

const HANOI_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/hanoi-2020-2021.json");

#[test]
fn format_dot_prints_the_whole_registrys_tree() {
    let r = hanoi();
    let out = run(&[HANOI_PATH, "--format", "dot"]);
    assert_eq!(out.code, 1, "the Hanoi file has an error");
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, dot(&r, &r.validate(), &Scope::All).expect("drawn"));
    let pic = read_dot(&out.stdout);
    for p in r.plans() {
        assert!(pic.has(p.id.as_str()), "{}", p.id);
    }
    assert_eq!(run(&["--format=dot", HANOI_PATH]).stdout, out.stdout, "the option before the path, with =");
}

#[test]
fn format_mermaid_prints_the_whole_registrys_tree() {
    let r = hanoi();
    let out = run(&[HANOI_PATH, "--format", "mermaid"]);
    assert_eq!((out.code, out.stderr.as_str()), (1, ""));
    assert_eq!(out.stdout, mermaid(&r, &r.validate(), &Scope::All).expect("drawn"));
    let pic = read_mermaid(&out.stdout);
    for p in r.plans() {
        assert!(pic.has(p.id.as_str()), "{}", p.id);
    }
}

#[test]
fn a_summary_alone_is_the_whole_output() {
    let r = hanoi();
    let report = r.validate();
    for (value, table) in [("markdown", TableFormat::Markdown), ("csv", TableFormat::Csv), ("text", TableFormat::Text)]
    {
        let out = run(&[HANOI_PATH, "--summary", value]);
        assert_eq!((out.code, out.stderr.as_str()), (1, ""), "{value}");
        assert_eq!(out.stdout, compliance_table(&r, &report, table, Language::En), "{value}");
    }
    assert!(run(&[HANOI_PATH, "--summary", "csv"]).stdout.starts_with("managing_unit,managing_unit_name,"));
}

#[test]
fn a_summary_follows_the_text_report() {
    let r = hanoi();
    let plain = run(&[HANOI_PATH, "--format", "text"]);
    let both = run(&[HANOI_PATH, "--format", "text", "--summary", "markdown"]);
    assert_eq!(both.code, 1);
    let table = compliance_table(&r, &r.validate(), TableFormat::Markdown, Language::En);
    assert_eq!(both.stdout, format!("{}\n{table}", plain.stdout));
}

#[test]
fn a_summary_with_a_document_format_is_misuse() {
    for format in ["json", "dot", "mermaid"] {
        let out = run(&[HANOI_PATH, "--format", format, "--summary", "csv"]);
        assert_eq!(out.code, 2, "{format}");
        assert_eq!(out.stdout, "", "{format}: nothing on standard output");
        assert!(out.stderr.contains(&format!("--summary cannot follow --format {format}")), "{}", out.stderr);
        assert!(out.stderr.contains("usage: kehoach-validate FILE"), "{}", out.stderr);
    }
}

#[test]
fn the_exit_code_is_that_of_the_report_whatever_is_printed() {
    let clean = file("export_validate", "clean.json", &format::save(&crate::support::common::clean()));
    for args in [
        vec!["--format", "dot"],
        vec!["--format", "mermaid"],
        vec!["--summary", "markdown"],
        vec!["--summary", "csv"],
        vec!["--format", "text", "--summary", "text"],
        vec!["--format", "json"],
        vec![],
    ] {
        let mut with_clean = vec![clean.as_str()];
        with_clean.extend(&args);
        let out = run(&with_clean);
        assert_eq!(out.code, 0, "{args:?}: a clean registry conforms");
        assert!(!out.stdout.is_empty() && out.stderr.is_empty(), "{args:?}");
        let mut with_hanoi = vec![HANOI_PATH];
        with_hanoi.extend(&args);
        assert_eq!(run(&with_hanoi).code, 1, "{args:?}: Hanoi has an error");
    }
}

#[test]
fn load_errors_and_misuse_exit_2_with_nothing_on_standard_output() {
    let broken = file(
        "export_validate",
        "broken.json",
        "{ \"format\": \"kehoach/registry@1\", \"units\": [], \"plans\": [ {} ] }",
    );
    let missing = file("export_validate", "missing-dir", "");
    let missing = format!("{missing}/no-such-file.json");
    let cases: Vec<Vec<&str>> = vec![
        vec![broken.as_str(), "--format", "dot"],
        vec![broken.as_str(), "--summary", "csv"],
        vec![missing.as_str(), "--format", "mermaid"],
        vec![HANOI_PATH, "--format", "svg"],
        vec![HANOI_PATH, "--summary", "xlsx"],
        vec![HANOI_PATH, "--summary"],
        vec![HANOI_PATH, "--format"],
        vec!["--format", "dot"],
        vec![HANOI_PATH, HANOI_PATH, "--format", "dot"],
        vec![HANOI_PATH, "--colour"],
        vec![HANOI_PATH, "--language", "fr"],
        vec![HANOI_PATH, "--language"],
    ];
    for args in cases {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.starts_with("kehoach-validate: "), "{args:?}: {}", out.stderr);
    }
    let load = run(&[broken.as_str(), "--format", "dot"]);
    assert!(load.stderr.contains(&broken), "the file is named: {}", load.stderr);
    assert!(load.stderr.contains("plans[0]"), "the JSON location is named: {}", load.stderr);
    assert!(run(&[missing.as_str()]).stderr.contains(&missing), "the file is named");
}

#[test]
fn the_usage_names_the_new_options_and_the_old_ones_still_work() {
    let help = run(&["--help"]);
    assert_eq!((help.code, help.stderr.as_str()), (0, ""));
    for needle in [
        "usage: kehoach-validate FILE [--format text|json|dot|mermaid] [--language vi|en] [--summary text|markdown|csv]",
        "--format dot",
        "--format mermaid",
        "--summary markdown",
        "--summary csv",
        "Exit status: 0 conforms, 1 has errors, 2 cannot be loaded or bad usage.",
    ] {
        assert!(help.stdout.contains(needle), "{needle:?} in {}", help.stdout);
    }
    let r = hanoi();
    let json = run(&[HANOI_PATH, "--format", "json"]);
    assert_eq!((json.code, json.stdout), (1, format::report_to_json(&r.validate())));
    let text = run(&[HANOI_PATH]);
    assert_eq!(text.stdout, run(&[HANOI_PATH, "--format", "text"]).stdout);
}

#[test]
fn the_text_report_is_the_librarys_in_the_language_asked() {
    let r = hanoi();
    let report = r.validate();
    let en = run(&[HANOI_PATH]);
    assert_eq!((en.code, en.stderr.as_str()), (1, ""));
    assert_eq!(en.stdout, text_report(&r, &report, Language::En), "English by default");
    assert_eq!(run(&[HANOI_PATH, "--language", "en", "--format", "text"]).stdout, en.stdout);
    let vi = run(&[HANOI_PATH, "--language", "vi"]);
    assert_eq!((vi.code, vi.stderr.as_str()), (1, ""));
    assert_eq!(vi.stdout, text_report(&r, &report, Language::Vi));
    assert_eq!(run(&["--language=vi", HANOI_PATH, "--format", "text"]).stdout, vi.stdout, "with =, before the path");
    let both = run(&[HANOI_PATH, "--language", "vi", "--summary", "csv", "--format", "text"]);
    let table = compliance_table(&r, &report, TableFormat::Csv, Language::Vi);
    assert_eq!(both.stdout, format!("{}\n{table}", vi.stdout), "the table follows, in the same language");
}

#[test]
fn a_large_file_gives_the_report_of_its_registry() {
    // Past 8 MiB the program reads the file in two halves at once, and past 1 MiB the library reads the
    // document in two parts (on a machine with two cores): the report is still that of the registry the file
    // holds.
    use kehoach::synthetic::{Config, national};
    let s = national(&Config { scale: 0.1, years: 2, ..Config::default() }).expect("generated");
    let json = format::save(&s.registry);
    assert!(json.len() > 8 << 20, "{} bytes", json.len());
    let path = file("export_validate", "large.json", &json);
    let out = run(&[&path, "--format", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (1, ""), "the synthetic registry has errors");
    assert_eq!(out.stdout, format::report_to_json(&s.registry.validate()));
    assert!(!s.expected().is_empty());
    // The same file read instead of mapped (in two halves at once), the same report.
    let read = run_with(&[&path, "--format", "json"], &[("KEHOACH_NO_MMAP", "1")]);
    assert_eq!((read.code, read.stdout, read.stderr), (out.code, out.stdout, out.stderr));
}

#[test]
fn a_file_mapped_or_read_gives_the_same_output_and_errors() {
    // Regular files are mapped into memory unless KEHOACH_NO_MMAP is set; what cannot be mapped is read (an
    // empty file, a device). Each gives what reading gives, byte for byte, errors included.
    let broken =
        file("export_validate", "mapped-broken.json", "{ \"format\": \"kehoach/registry@1\", \"units\": [ 7 ] }");
    let bom = file(
        "export_validate",
        "mapped-bom.json",
        &format!("\u{feff}{}", std::fs::read_to_string(HANOI_PATH).unwrap()),
    );
    let empty = file("export_validate", "mapped-empty.json", "");
    let missing = format!("{}/no-such-dir/no-such-file.json", env!("CARGO_TARGET_TMPDIR"));
    for args in [
        vec![HANOI_PATH, "--format", "json"],
        vec![HANOI_PATH, "--summary", "csv", "--language", "vi"],
        vec![bom.as_str()],
        vec![broken.as_str()],
        vec![empty.as_str()],
        vec!["/dev/null"],
        vec![missing.as_str()],
    ] {
        let mapped = run(&args);
        let read = run_with(&args, &[("KEHOACH_NO_MMAP", "1")]);
        assert_eq!(
            (&mapped.code, &mapped.stdout, &mapped.stderr),
            (&read.code, &read.stdout, &read.stderr),
            "{args:?}"
        );
        let empty_value = run_with(&args, &[("KEHOACH_NO_MMAP", "")]);
        assert_eq!((&mapped.code, &mapped.stdout), (&empty_value.code, &empty_value.stdout), "{args:?}");
    }
    assert_eq!(run(&[HANOI_PATH]).code, 1, "the Hanoi file has one error");
    assert_eq!(run(&[broken.as_str()]).code, 2);
    assert!(run(&[broken.as_str()]).stderr.contains("units[0]"), "the JSON location is named");
    assert!(run(&[empty.as_str()]).stderr.contains(&empty), "the file is named");
    assert!(run(&[missing.as_str()]).stderr.contains("cannot read the file"));
}
