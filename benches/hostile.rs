//! Hostile shapes, timed: costs must grow linearly with the input, never quadratically. Each group runs at
//! two or three sizes, so a quadratic step shows as a cost per item that grows with the size.
//!
//! - `chain`: load + validate a chain of N plans, each implementing the next (no recursion, linear peeling);
//! - `long-lists`: validate plans naming N dangling parents and N dangling issuers each;
//! - `many-areas`: load plans of N content areas each (the unique-code check).
//!
//! The documents come from `kehoach::synthetic::hostile`, which the tests load and check too.
//!
//! ```text
//! cargo bench --bench hostile
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::format;
use kehoach::synthetic::hostile;

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("chain");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000, 1_000_000] {
        let json = hostile::plan_chain(n, false, false);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| format::load_str(black_box(json)).expect("loads").validate())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("long-lists");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000] {
        let registry = format::load_str(&hostile::long_lists(10, n)).expect("loads");
        g.throughput(Throughput::Elements(10 * n as u64));
        g.bench_function(BenchmarkId::from_parameter(n), |b| b.iter(|| black_box(&registry).validate()));
    }
    g.finish();

    let mut g = c.benchmark_group("many-areas");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000] {
        let json = hostile::many_areas(10, n);
        g.throughput(Throughput::Elements(10 * n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| format::load_str(black_box(json)).expect("loads"))
        });
    }
    g.finish();
}

criterion_group!(hostile, benches);
criterion_main!(hostile);
