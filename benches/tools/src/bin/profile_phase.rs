//! One operation, run once on a registry file, for callgrind: the instruction count that
//! `benches/instructions.sh` turns into a cost per plan at each scale.
//!
//! ```text
//! cargo build --release --locked -p kehoach-bench-tools && target/release/profile_phase FILE load|build|validate|compliance|what-if-district
//! valgrind --tool=callgrind --toggle-collect='profile_phase::measured_*' target/release/profile_phase FILE build
//! ```
//!
//! Wall time on a shared virtual machine moves by tens of per cent from one hour to the next, and most of
//! what grows with the data there is cache misses; an instruction count does neither. If the instructions
//! per plan stay flat from 1/100 of a year to ten years, no step does more work per plan on a larger
//! registry (no hidden quadratic step), and what the wall-clock figures add on top is memory.
//!
//! Everything the operation needs (reading the file; loading it, for the operations that start from a
//! registry; copying its units and plans, for `build`) is done outside the functions named `measured_*`,
//! which callgrind is told to count alone. Prints the number of plans on standard output.

use std::hint::black_box;
use std::process::ExitCode;

use kehoach::{Compliance, Plan, Registry, Report, Unit, format};

fn main() -> ExitCode {
    match run() {
        Ok(plans) => {
            println!("{plans}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("profile_phase: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<usize, Box<dyn std::error::Error>> {
    let usage = "usage: profile_phase FILE load|build|validate|compliance|what-if-district";
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(phase), None) = (args.next(), args.next(), args.next()) else {
        return Err(usage.into());
    };
    let bytes = std::fs::read(&file)?;
    if phase == "load" {
        return Ok(measured_load(&bytes)?.plan_count());
    }
    let registry = format::load(&bytes)?;
    let plans = registry.plan_count();
    match phase.as_str() {
        "build" => {
            let units: Vec<Unit> = registry.units().cloned().collect();
            let plan_list: Vec<Plan> = registry.plans().cloned().collect();
            drop(registry);
            black_box(measured_build(units, plan_list)?);
        }
        "validate" => {
            black_box(measured_validate(&registry));
        }
        "compliance" => {
            let report = registry.validate();
            black_box(measured_compliance(&registry, &report));
        }
        "what-if-district" => {
            // As the criterion bench `what-if/withdraw-district-plan`: the first plan that implements a plan
            // and has children, withdrawn, on a validator whose report is current.
            let district = registry
                .plans()
                .find(|p| !p.implements.is_empty() && !registry.children(p.id.as_str()).is_empty())
                .ok_or("no district plan")?
                .id
                .clone();
            let mut validator = kehoach::Validator::new(registry);
            validator.report();
            black_box(measured_what_if(&mut validator, &[kehoach::change::Edit::WithdrawPlan(district)])?);
        }
        _ => return Err(format!("unknown operation {phase:?}; {usage}").into()),
    }
    Ok(plans)
}

/// Loads the registry file.
#[inline(never)]
fn measured_load(bytes: &[u8]) -> Result<Registry, format::LoadError> {
    format::load(black_box(bytes))
}

/// Builds the registry through the API, one unit and one plan at a time, as the `build` benchmark does.
#[inline(never)]
fn measured_build(units: Vec<Unit>, plans: Vec<Plan>) -> Result<Registry, kehoach::EditError> {
    let mut registry = Registry::default();
    for unit in units {
        registry.add_unit(unit)?;
    }
    for plan in plans {
        registry.add_plan(plan)?;
    }
    Ok(registry)
}

/// Validates the whole registry.
#[inline(never)]
fn measured_validate(registry: &Registry) -> Report {
    black_box(registry).validate()
}

/// The compliance summary of the registry's report.
#[inline(never)]
fn measured_compliance(registry: &Registry, report: &Report) -> Vec<Compliance> {
    black_box(registry).compliance(report)
}

/// A what-if of `edits` on a validator whose report is current.
#[inline(never)]
fn measured_what_if(
    validator: &mut kehoach::Validator,
    edits: &[kehoach::change::Edit],
) -> Result<kehoach::change::Impact, kehoach::change::WhatIfError> {
    black_box(validator).what_if(edits)
}
