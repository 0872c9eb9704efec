//! Hostile shapes, timed: costs must grow linearly with the input, never quadratically. Each group runs at
//! two or three sizes, so a quadratic step shows as a cost per item that grows with the size.
//!
//! - `chain`: load + validate a chain of N plans, each implementing the next (no recursion, linear peeling);
//! - `long-lists`: validate plans naming N dangling parents and N dangling issuers each;
//! - `many-areas`: load plans of N content areas each (the unique-code check).
//!
//! ```text
//! cargo bench --bench hostile
//! ```

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::format;

fn chain(n: usize) -> String {
    let mut s = String::from(r#"{"format": "kehoach/registry@1", "units": [], "plans": ["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let implements = if i + 1 < n { format!(r#", "implements": ["p{}"]"#, i + 1) } else { String::new() };
        let _ = write!(
            s,
            r#"{{"id": "p{i}", "title": "KH", "school_year": "2020-2021", "status": "withdrawn", "issuers": []{implements}}}"#
        );
    }
    s.push_str("]}");
    s
}

fn long_lists(n: usize) -> String {
    let ids = |prefix: &str| (0..n).map(|i| format!("\"{prefix}{i}\"")).collect::<Vec<_>>().join(",");
    let plans: Vec<String> = (0..10)
        .map(|p| {
            format!(
                r#"{{"id":"p{p}","title":"T","school_year":"2020-2021","status":"issued","issuers":[{}],"implements":[{}]}}"#,
                ids("u"),
                ids("x")
            )
        })
        .collect();
    format!(r#"{{"format":"kehoach/registry@1","units":[],"plans":[{}]}}"#, plans.join(","))
}

fn many_areas(n: usize) -> String {
    let areas = (0..n).map(|i| format!(r#"{{"code":"{i}","title":"a"}}"#)).collect::<Vec<_>>().join(",");
    let plans: Vec<String> = (0..10)
        .map(|p| format!(r#"{{"id":"p{p}","title":"T","school_year":"2020-2021","status":"draft","issuers":[],"content_areas":[{areas}]}}"#))
        .collect();
    format!(r#"{{"format":"kehoach/registry@1","units":[],"plans":[{}]}}"#, plans.join(","))
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("chain");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000, 1_000_000] {
        let json = chain(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| format::load_str(black_box(json)).expect("loads").validate())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("long-lists");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000] {
        let registry = format::load_str(&long_lists(n)).expect("loads");
        g.throughput(Throughput::Elements(10 * n as u64));
        g.bench_function(BenchmarkId::from_parameter(n), |b| b.iter(|| black_box(&registry).validate()));
    }
    g.finish();

    let mut g = c.benchmark_group("many-areas");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000] {
        let json = many_areas(n);
        g.throughput(Throughput::Elements(10 * n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| format::load_str(black_box(json)).expect("loads"))
        });
    }
    g.finish();
}

criterion_group!(hostile, benches);
criterion_main!(hostile);
