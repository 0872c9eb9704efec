//! `validate`: checks a registry file against every rule and prints the report.
//!
//! ```text
//! cargo run --release --example validate -- FILE [--format text|json]
//! ```
//!
//! Exit status: 0 when the registry conforms, 1 when it has errors, 2 when it cannot be loaded or the command
//! is misused (the message goes to standard error and names the file and the JSON location; nothing goes to
//! standard output). `--help` prints the usage and exits 0.

use std::process::ExitCode;

use kehoach::format::{self, LoadError};
use kehoach::{Finding, Report};

const USAGE: &str = "\
usage: validate FILE [--format text|json]

Checks a kehoach/registry@1 file against every rule of the catalogue.
  --format text   a report for people (the default)
  --format json   a kehoach/report@1 document
Exit status: 0 conforms, 1 has errors, 2 cannot be loaded or bad usage.";

enum Output {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, output) = match parse_args(&args) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("validate: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("validate: {path}: cannot read the file: {e}");
            return ExitCode::from(2);
        }
    };
    let registry = match format::load(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("validate: {path}: {}", describe(&e));
            return ExitCode::from(2);
        }
    };
    let report = registry.validate();
    match output {
        Output::Json => print!("{}", format::report_to_json(&report)),
        Output::Text => print!("{}", text(&path, &report)),
    }
    if report.conforms() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `Ok(None)` asks for the usage.
fn parse_args(args: &[String]) -> Result<Option<(String, Output)>, String> {
    let mut path = None;
    let mut output = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--help" | "-h" => return Ok(None),
            "--format" => {
                let value = it.next().ok_or("--format needs a value: text or json")?;
                output = Some(format_value(value)?);
            }
            a if a.starts_with("--format=") => output = Some(format_value(&a["--format=".len()..])?),
            a if a.starts_with('-') && a != "-" => return Err(format!("unknown option {a}")),
            a => {
                if path.replace(a.to_owned()).is_some() {
                    return Err("give one FILE".into());
                }
            }
        }
    }
    let path = path.ok_or("give the FILE to validate")?;
    Ok(Some((path, output.unwrap_or(Output::Text))))
}

fn format_value(v: &str) -> Result<Output, String> {
    match v {
        "text" => Ok(Output::Text),
        "json" => Ok(Output::Json),
        other => Err(format!("--format {other}: use text or json")),
    }
}

fn describe(e: &LoadError) -> String {
    match (e.line(), e.column()) {
        (Some(l), Some(c)) if !matches!(e, LoadError::Syntax { .. }) => {
            format!("{e} (line {l}, column {c})")
        }
        _ => e.to_string(),
    }
}

fn text(path: &str, report: &Report) -> String {
    let c = report.counts();
    let mut out = format!(
        "{path}: {} ({} errors, {} warnings, {} info)\n",
        if report.conforms() { "conforms" } else { "does not conform" },
        c.error,
        c.warning,
        c.info
    );
    for f in report.findings() {
        out.push_str(&finding(f));
    }
    out
}

fn finding(f: &Finding) -> String {
    let field = f.field.map(|x| format!(", {x}")).unwrap_or_default();
    let year = f.school_year.map(|y| format!(", {y}")).unwrap_or_default();
    format!(
        "\n{:<7} {} ({}{field}{year})\n  {}\n  {}\n  basis: {}\n",
        f.severity.code(),
        f.rule,
        f.subject,
        f.message.en,
        f.message.vi,
        f.basis
    )
}
