//! Load + validate of a registry file in process, timed over several runs: the Rust figure that the Kotlin
//! benchmark of the bindings (`bindings/kotlin/bench.sh`) is compared with.
//!
//! ```text
//! cargo build --release --locked -p kehoach-bench-tools && target/release/bench_load_validate FILE [--runs 10] [--warmup 2]
//! ```
//!
//! The file is read once, before any timing. Each run times `format::load(&bytes)` and `validate()` of the
//! loaded registry (the work `Registry.fromBytes(bytes)` + `validate()` asks of the core through the
//! bindings); the registry is freed after the clock stops, as the Kotlin benchmark closes its registry after
//! its clock stops. Prints the median and the spread (minimum, maximum) of load, validate and their sum, in
//! milliseconds, then the time freeing took (timed apart, so that it is not hidden), and a last line
//! `rust-load-validate-median-ms <ms>` for scripts.

use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_load_validate: {e}");
            ExitCode::from(2)
        }
    }
}

/// Median, minimum and maximum, in milliseconds.
fn summary(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = times.len();
    let median = if n % 2 == 1 { ms(times[n / 2]) } else { (ms(times[n / 2 - 1]) + ms(times[n / 2])) / 2.0 };
    (median, ms(times[0]), ms(times[n - 1]))
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = None;
    let mut runs = 10usize;
    let mut warmup = 2usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().ok_or("--runs needs a value")?.parse()?,
            "--warmup" => warmup = args.next().ok_or("--warmup needs a value")?.parse()?,
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg}; usage: FILE [--runs N] [--warmup N]").into()),
        }
    }
    let file = file.ok_or("usage: bench_load_validate FILE [--runs N] [--warmup N]")?;
    if runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let bytes = std::fs::read(&file)?;

    let (mut load, mut validate, mut total, mut free) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut shape = (0, 0, 0);
    for i in 0..warmup + runs {
        let start = Instant::now();
        let registry = kehoach::format::load(&bytes)?;
        let loaded = Instant::now();
        let report = registry.validate();
        let done = Instant::now();
        shape = (registry.unit_count(), registry.plan_count(), report.findings().len());
        drop((registry, report));
        let freed = Instant::now();
        if i >= warmup {
            load.push(loaded - start);
            validate.push(done - loaded);
            total.push(done - start);
            free.push(freed - done);
        }
    }

    let (units, plans, findings) = shape;
    println!(
        "file: {file} ({:.1} MB; {units} units, {plans} plans, {findings} findings); {runs} runs after {warmup} warm-up",
        bytes.len() as f64 / 1e6
    );
    for (name, times) in [("load", &mut load), ("validate", &mut validate), ("load + validate", &mut total)] {
        let (median, min, max) = summary(times);
        println!("rust {name:<16} median {median:8.1} ms   min {min:8.1}   max {max:8.1}");
    }
    let (median, min, max) = summary(&mut free);
    println!("(freeing the registry and report, after the clock: median {median:.1} ms, min {min:.1}, max {max:.1})");
    let (median, _, _) = summary(&mut total);
    println!("rust-load-validate-median-ms {median:.1}");
    Ok(())
}
