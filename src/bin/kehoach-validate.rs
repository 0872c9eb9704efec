//! `kehoach-validate`: checks a registry file against every rule and prints the report, the implementation
//! tree or the compliance table.
//!
//! ```text
//! cargo install kehoach          # or, from a checkout: cargo install --path .
//! kehoach-validate FILE [--format text|json|dot|mermaid] [--language vi|en] [--summary text|markdown|csv]
//! ```
//!
//! - `--format text` (the default) prints the report for people of [`kehoach::export::text_report`], in
//!   `--language en` (the default) or `vi`; `--format json` a `kehoach/report@1` document; `--format dot` and
//!   `--format mermaid` the implementation tree of the whole registry (every plan, coloured by its worst
//!   finding) as Graphviz DOT or a Mermaid flowchart.
//! - `--summary markdown|csv|text` prints the compliance table (per managing unit and school year), with
//!   headings in the `--language`. Alone, the table is the whole output, so it can be redirected to a `.md` or
//!   `.csv` file; after `--format text` it follows the report. With `--format json`, `dot` or `mermaid` it is
//!   refused (exit 2), because standard output then holds one document that a program reads.
//!
//! Exit status, whatever is printed: 0 when the registry conforms, 1 when it has errors, 2 when it cannot be
//! loaded or the command is misused (the message goes to standard error and names the file and the JSON
//! location; nothing goes to standard output). `--help` prints the usage and exits 0.
//!
//! The file is mapped into memory rather than read, when the system allows it: the library then reads the
//! system's cached pages where they lie (`read.rs` says what that saves). A mapped file must not change while
//! the program runs; `KEHOACH_NO_MMAP=1` reads it instead.
//!
//! The Swift package has the same command (`bindings/swift/Sources/kehoach-validate`); `tests/it/export_validate.rs`
//! runs this one as a process.

#![deny(unsafe_code)]

#[path = "kehoach-validate/change.rs"]
mod change;
#[path = "kehoach-validate/read.rs"]
mod read;

use std::process::ExitCode;

use kehoach::export::{self, Language, Scope, TableFormat};
use kehoach::format::{self, LoadError};

const USAGE: &str = "\
usage: kehoach-validate FILE [--format text|json|dot|mermaid] [--language vi|en] [--summary text|markdown|csv]
       kehoach-validate what-if FILE EDIT... [--format text|json|dot|mermaid] [--language vi|en]
       kehoach-validate diff OLD NEW [--format text|json|dot|mermaid] [--language vi|en]

Checks a kehoach/registry@1 file against every rule of the catalogue.
  --format text       a report for people (the default), in --language en (default) or vi
  --format json       a kehoach/report@1 document
  --format dot        the implementation tree of the whole registry as Graphviz DOT
                      (kehoach-validate FILE --format dot | dot -Tpng -o tree.png)
  --format mermaid    the same tree as a Mermaid flowchart
  --summary markdown  the compliance table per managing unit and school year, as Markdown
  --summary csv       the same table as CSV (RFC 4180)
  --summary text      the same table as aligned plain text
A --summary alone is the whole output; after --format text it follows the report;
with --format json, dot or mermaid it is refused.
Exit status: 0 conforms, 1 has errors, 2 cannot be loaded or bad usage.
FILE is mapped into memory and must not change meanwhile; KEHOACH_NO_MMAP=1 reads it instead.
`kehoach-validate what-if --help` and `kehoach-validate diff --help` describe the other two.";

/// What standard output shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Text,
    Json,
    Dot,
    Mermaid,
}

/// What the command asks for.
struct Request {
    path: String,
    /// `None` when `--format` was not given.
    output: Option<Output>,
    language: Language,
    summary: Option<TableFormat>,
}

/// What to print and how to exit.
#[derive(Default)]
struct Outcome {
    /// Standard output.
    stdout: String,
    /// Standard error.
    stderr: String,
    /// The exit status.
    code: u8,
    /// What was read and loaded, handed back so that `main` can exit without freeing it: the operating system
    /// reclaims a process's memory at once, while freeing a national registry piece by piece takes ~60 ms.
    /// A small file is let go once loaded (`read::Bytes::kept_to_exit`).
    loaded: Option<(Option<read::Bytes>, kehoach::Registry)>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = run(&args);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    std::mem::forget(outcome.loaded);
    ExitCode::from(outcome.code)
}

/// Runs the command on `args` (without the program name).
fn run(args: &[String]) -> Outcome {
    match args.first().map(String::as_str) {
        Some("what-if") => return change::what_if(args.get(1..).unwrap_or(&[])),
        Some("diff") => return change::diff(args.get(1..).unwrap_or(&[])),
        _ => {}
    }
    let failure = |stderr: String| Outcome { stdout: String::new(), stderr, code: 2, loaded: None };
    let request = match parse_args(args) {
        Ok(Some(r)) => r,
        Ok(None) => return Outcome { stdout: format!("{USAGE}\n"), ..Outcome::default() },
        Err(problem) => return failure(format!("kehoach-validate: {problem}\n\n{USAGE}\n")),
    };
    let path = &request.path;
    let bytes = match read::read(path) {
        Ok(b) => b,
        Err(e) => return failure(format!("kehoach-validate: {path}: cannot read the file: {e}\n")),
    };
    let registry = match format::load(&bytes) {
        Ok(r) => r,
        Err(e) => return failure(format!("kehoach-validate: {path}: {}\n", describe(&e))),
    };
    let bytes = bytes.kept_to_exit();
    let report = registry.validate();
    let drawn = match (request.output, request.summary) {
        (None, Some(_)) => Ok(String::new()),
        (None | Some(Output::Text), _) => Ok(export::text_report(&registry, &report, request.language)),
        (Some(Output::Json), _) => Ok(format::report_to_json(&report)),
        (Some(Output::Dot), _) => export::dot(&registry, &report, &Scope::All),
        (Some(Output::Mermaid), _) => export::mermaid(&registry, &report, &Scope::All),
    };
    // The whole registry's tree names no plan, so drawing it cannot fail; were it to, say so like a misuse.
    let mut stdout = match drawn {
        Ok(s) => s,
        Err(e) => return failure(format!("kehoach-validate: {path}: {e}\n")),
    };
    if let Some(table) = request.summary {
        if !stdout.is_empty() {
            stdout.push('\n');
        }
        stdout.push_str(&export::compliance_table(&registry, &report, table, request.language));
    }
    let code = if report.conforms() { 0 } else { 1 };
    Outcome { stdout, stderr: String::new(), code, loaded: Some((bytes, registry)) }
}

/// `Ok(None)` asks for the usage.
fn parse_args(args: &[String]) -> Result<Option<Request>, String> {
    let mut path = None;
    let mut output = None;
    let mut language = Language::En;
    let mut summary = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--help" | "-h" => return Ok(None),
            "--format" => {
                let value = it.next().ok_or("--format needs a value: text, json, dot or mermaid")?;
                output = Some(format_value(value)?);
            }
            "--language" => {
                let value = it.next().ok_or("--language needs a value: vi or en")?;
                language = language_value(value)?;
            }
            "--summary" => {
                let value = it.next().ok_or("--summary needs a value: markdown, csv or text")?;
                summary = Some(summary_value(value)?);
            }
            a if a.starts_with("--format=") => output = Some(format_value(&a["--format=".len()..])?),
            a if a.starts_with("--language=") => language = language_value(&a["--language=".len()..])?,
            a if a.starts_with("--summary=") => summary = Some(summary_value(&a["--summary=".len()..])?),
            a if a.starts_with('-') && a != "-" => return Err(format!("unknown option {a}")),
            a => {
                if path.replace(a.to_owned()).is_some() {
                    return Err("give one FILE".into());
                }
            }
        }
    }
    let path = path.ok_or("give the FILE to validate")?;
    if let (Some(o @ (Output::Json | Output::Dot | Output::Mermaid)), Some(_)) = (output, summary) {
        let name = match o {
            Output::Json => "json",
            Output::Dot => "dot",
            _ => "mermaid",
        };
        return Err(format!(
            "--summary cannot follow --format {name}: standard output holds one {name} document; \
             run kehoach-validate twice"
        ));
    }
    Ok(Some(Request { path, output, language, summary }))
}

fn format_value(v: &str) -> Result<Output, String> {
    match v {
        "text" => Ok(Output::Text),
        "json" => Ok(Output::Json),
        "dot" => Ok(Output::Dot),
        "mermaid" => Ok(Output::Mermaid),
        other => Err(format!("--format {other}: use text, json, dot or mermaid")),
    }
}

fn language_value(v: &str) -> Result<Language, String> {
    Language::from_code(v).ok_or_else(|| format!("--language {v}: use vi or en"))
}

fn summary_value(v: &str) -> Result<TableFormat, String> {
    TableFormat::from_code(v).ok_or_else(|| format!("--summary {v}: use markdown, csv or text"))
}

fn describe(e: &LoadError) -> String {
    match (e.line(), e.column()) {
        (Some(l), Some(c)) if !matches!(e, LoadError::Syntax { .. }) => {
            format!("{e} (line {l}, column {c})")
        }
        _ => e.to_string(),
    }
}
