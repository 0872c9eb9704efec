//! Writes a synthetic national registry (see `kehoach::synthetic`) as a `kehoach/registry@1` document.
//!
//! ```text
//! cargo run --release --example national -- [--scale 1] [--years 1] [--faults 0.02] [--seed 2020]
//!     [--profile three-tier-2020|two-tier-2025] [--out FILE]
//! ```
//! Scale 1 is one national school year: about 97,000 units and 48,600 plans (40 MB).

use std::io::Write;
use std::process::ExitCode;

use kehoach::Profile;
use kehoach::synthetic::{Config, national};

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
            "--out" => out = Some(value()?),
            "--help" | "-h" => {
                println!(
                    "usage: national [--scale S] [--years N] [--faults RATE] [--seed N] [--profile P] [--out FILE]"
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let synthetic = national(&config)?;
    let json = kehoach::format::save(&synthetic.registry);
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
