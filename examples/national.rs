//! Writes a synthetic national registry (see `kehoach::synthetic`) as a `kehoach/registry@1` document.
//!
//! ```text
//! cargo run --release --example national -- [--scale 1] [--years 1] [--faults 0.02] [--seed 2020]
//!     [--profile three-tier-2020|two-tier-2025] [--strings realistic|short] [--compact] [--out FILE]
//! ```
//! `--strings short` gives short ids, names and titles; `--compact` writes the document on one line. Together
//! they give the shape of a file exported from a database, where the library's cost per entity shows most.
//! Scale 1 is one national school year: about 97,000 units and 48,600 plans (40 MB).

use std::io::Write;
use std::process::ExitCode;

use kehoach::Profile;
use kehoach::synthetic::{Config, Strings, national};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("national: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::default();
    let mut out: Option<String> = None;
    let mut compact = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--scale" => config.scale = value()?.parse()?,
            "--years" => config.years = value()?.parse()?,
            "--faults" => config.fault_rate = value()?.parse()?,
            "--seed" => config.seed = value()?.parse()?,
            "--profile" => {
                let v = value()?;
                config.profile = Profile::from_code(&v).ok_or(format!("unknown profile {v}"))?;
            }
            "--strings" => {
                config.strings = match value()?.as_str() {
                    "realistic" => Strings::Realistic,
                    "short" => Strings::Short,
                    v => return Err(format!("--strings is realistic or short, not {v}").into()),
                }
            }
            "--compact" => compact = true,
            "--out" => out = Some(value()?),
            "--help" | "-h" => {
                println!(
                    "usage: national [--scale S] [--years N] [--faults RATE] [--seed N] [--profile P] \
                     [--strings realistic|short] [--compact] [--out FILE]"
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let synthetic = national(&config)?;
    let json = if compact {
        kehoach::format::save_compact(&synthetic.registry)
    } else {
        kehoach::format::save(&synthetic.registry)
    };
    eprintln!(
        "national: {} units, {} plans, {} faults, {} bytes",
        synthetic.registry.unit_count(),
        synthetic.registry.plan_count(),
        synthetic.faults.len(),
        json.len()
    );
    match out {
        Some(path) => std::fs::write(path, json)?,
        None => std::io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(())
}
