//! Criterion benchmarks on synthetic national registries (`kehoach::synthetic`), at 1/100, 1/10 and 1
//! national school year and at ten national years: load the JSON, build the graph through the API, validate
//! everything, the compliance summary, and one school-plan edit followed by incremental re-validation.
//!
//! Two last groups hold no rule and no graph; they show how the cost per plan of the least a build must do
//! grows with the data on this machine, so that `build`'s growth can be read against them:
//! - `read-ids` reads every id a registry is built from once (hashes each unit's id and each plan's id,
//!   issuers and parents) and writes nothing: the least any build must do, whatever it builds;
//! - `id-maps` times the least any registry keyed by id must do as it is built: put every unit and plan id in a
//!   hash map and look up each plan's issuers and parents.
//!
//! ```text
//! cargo bench --bench national                 # everything (the ten-year set takes minutes)
//! cargo bench --bench national -- 'validate/'  # one group
//! ```
//! Figures and the machine they came from are in README.md.

use std::hash::BuildHasher;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::synthetic::{Config, national};
use kehoach::{Approval, Count, Registry, format};
use rustc_hash::{FxBuildHasher, FxHashMap};

/// (label, scale, years)
const SIZES: [(&str, f64, u16); 4] = [("0.01y", 0.01, 1), ("0.1y", 0.1, 1), ("1y", 1.0, 1), ("10y", 1.0, 10)];

fn registry(scale: f64, years: u16) -> Registry {
    national(&Config { scale, years, fault_rate: 0.02, ..Config::default() }).expect("the generator works").registry
}

fn tune<'a>(c: &'a mut Criterion, label: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(label);
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g
}

fn benches(c: &mut Criterion) {
    for (label, scale, years) in SIZES {
        // Validate, compliance and edits run on the registry as loaded from its file, as users have it.
        let json = format::save(&registry(scale, years));
        let reg = format::load(json.as_bytes()).expect("the generated file loads");
        let plans = reg.plan_count() as u64;

        let mut g = tune(c, "load");
        g.throughput(Throughput::Elements(plans));
        // The registry is freed outside the clock, as `build` (`iter_batched`) frees its own: freeing half a
        // million plans is its own cost (printed by `bench_load_validate` of `benches/tools`), not loading's.
        g.bench_with_input(BenchmarkId::from_parameter(label), &json, |b, json| {
            b.iter_with_large_drop(|| format::load(black_box(json.as_bytes())).expect("loads"))
        });
        g.finish();

        let mut g = tune(c, "build");
        g.throughput(Throughput::Elements(plans));
        let units: Vec<_> = reg.units().cloned().collect();
        let plan_list: Vec<_> = reg.plans().cloned().collect();
        g.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter_batched(
                || (units.clone(), plan_list.clone()),
                |(units, plans)| {
                    let mut r = Registry::default();
                    for u in units {
                        r.add_unit(u).expect("fresh id");
                    }
                    for p in plans {
                        r.add_plan(p).expect("fresh id");
                    }
                    r
                },
                criterion::BatchSize::LargeInput,
            )
        });
        g.finish();

        let mut g = tune(c, "validate");
        g.throughput(Throughput::Elements(plans));
        g.bench_function(BenchmarkId::from_parameter(label), |b| b.iter(|| black_box(&reg).validate()));
        g.finish();

        let report = reg.validate();
        let mut g = tune(c, "compliance");
        g.throughput(Throughput::Elements(plans));
        g.bench_function(BenchmarkId::from_parameter(label), |b| b.iter(|| black_box(&reg).compliance(&report)));
        g.finish();

        // One school-plan edit (a conference that loses quorum, then regains it) and re-validation.
        let mut live = kehoach::Validator::new(reg.clone());
        live.report();
        let school_plan = live
            .registry()
            .plans()
            .find(|p| {
                p.id.as_str().contains("-s0") && p.approvals.iter().any(|a| matches!(a, Approval::StaffConference(_)))
            })
            .cloned()
            .expect("a school plan with a conference");
        let mut broken = school_plan.clone();
        if let Some(Approval::StaffConference(conf)) = broken.approvals.first_mut() {
            conf.attendees = Count::new(1).expect("in range");
        }
        let mut g = tune(c, "edit+revalidate");
        g.bench_function(BenchmarkId::from_parameter(label), |b| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                let p = if flip { broken.clone() } else { school_plan.clone() };
                live.replace_plan(p).expect("the plan exists");
                black_box(live.report().counts())
            })
        });
        g.finish();

        let ids = Ids::of(&reg);
        let mut g = tune(c, "read-ids");
        g.throughput(Throughput::Elements(plans));
        g.bench_function(BenchmarkId::from_parameter(label), |b| b.iter(|| black_box(&ids).read()));
        g.finish();

        let mut g = tune(c, "id-maps");
        g.throughput(Throughput::Elements(plans));
        g.bench_function(BenchmarkId::from_parameter(label), |b| b.iter_with_large_drop(|| ids.build()));
        g.finish();
    }
}

/// A shared id.
type Id = std::sync::Arc<str>;

/// The ids a registry is built from: each unit's id; each plan's id, issuers and parents.
struct Ids {
    units: Vec<Id>,
    plans: Vec<(Id, Vec<Id>, Vec<Id>)>,
}

impl Ids {
    fn of(reg: &Registry) -> Ids {
        let units = reg.units().map(|u| u.id.as_str().into()).collect();
        let plans = reg
            .plans()
            .map(|p| {
                let issuers = p.issuers.iter().map(|i| i.as_str().into()).collect();
                let parents = p.implements.iter().map(|i| i.as_str().into()).collect();
                (p.id.as_str().into(), issuers, parents)
            })
            .collect();
        Ids { units, plans }
    }

    /// Reads every id once, in the order a build meets them: hashes its text, as a look-up would.
    fn read(&self) -> u64 {
        let hash = |id: &Id| FxBuildHasher.hash_one(id);
        let mut sum = 0u64;
        for id in &self.units {
            sum = sum.wrapping_add(hash(id));
        }
        for (id, issuers, parents) in &self.plans {
            sum = sum.wrapping_add(hash(id));
            for x in issuers.iter().chain(parents) {
                sum = sum.wrapping_add(hash(x));
            }
        }
        sum
    }

    /// Maps every id to its position, as a registry does, looking up each plan's issuers among the units and
    /// its parents among the plans before it; returns the maps and how many references resolved.
    fn build(&self) -> (FxHashMap<Id, u32>, FxHashMap<Id, u32>, usize) {
        let mut units = FxHashMap::default();
        let mut plans = FxHashMap::default();
        let mut resolved = 0;
        for (i, id) in (0..).zip(&self.units) {
            units.insert(id.clone(), i);
        }
        for (i, (id, issuers, parents)) in (0..).zip(&self.plans) {
            resolved += issuers.iter().filter(|x| units.contains_key(&***x)).count();
            resolved += parents.iter().filter(|x| plans.contains_key(&***x)).count();
            plans.insert(id.clone(), i);
        }
        (units, plans, resolved)
    }
}

/// Issue 20 on one national year: what-if (withdrawing a city or province plan, a district plan, moving one
/// school to another office) and the diff of two years differing in 1 % of plans.
///
/// ```text
/// cargo bench --bench national -- 'what-if/'
/// cargo bench --bench national -- 'diff/'
/// ```
fn change_benches(c: &mut Criterion) {
    use kehoach::Validator;
    use kehoach::change::{self, Edit};
    let json = format::save(&registry(1.0, 1));
    let reg = format::load(json.as_bytes()).expect("the generated file loads");
    // A city plan implements nothing and has children; a district plan implements a plan and has children.
    let city = reg.plans().find(|p| p.implements.is_empty() && !reg.children(p.id.as_str()).is_empty());
    let district = reg.plans().find(|p| !p.implements.is_empty() && !reg.children(p.id.as_str()).is_empty());
    let (city, district) = (city.expect("a city plan").id.clone(), district.expect("a district plan").id.clone());
    // A school, moved to the office of another school.
    let school = reg.units().find(|u| u.is_school() && u.parent.is_some()).expect("a school").clone();
    let other = reg
        .units()
        .filter(|u| u.is_school())
        .filter_map(|u| u.parent.clone())
        .find(|p| Some(p) != school.parent.as_ref())
        .expect("another office");
    let moved = kehoach::Unit { parent: Some(other), ..school };

    let mut v = Validator::new(reg.clone());
    v.report();
    let mut g = tune(c, "what-if");
    for (label, edit) in [
        ("withdraw-city-plan", Edit::WithdrawPlan(city)),
        ("withdraw-district-plan", Edit::WithdrawPlan(district)),
        ("move-school", Edit::ReplaceUnit(moved)),
    ] {
        let edits = [edit];
        g.bench_function(BenchmarkId::new(label, "1y"), |b| b.iter(|| v.what_if(black_box(&edits)).expect("applies")));
    }
    g.finish();

    // A second year: every hundredth plan retitled.
    let mut other = reg.clone();
    let changed: Vec<_> = reg.plans().step_by(100).cloned().collect();
    for mut p in changed {
        p.title = kehoach::Text::new(&format!("{} (sửa)", p.title.as_str())).expect("a title");
        other.replace_plan(p).expect("the plan exists");
    }
    let mut g = tune(c, "diff");
    g.bench_function(BenchmarkId::new("one-percent-of-plans", "1y"), |b| {
        b.iter(|| change::diff(black_box(&reg), black_box(&other)))
    });
    // A third: every hundredth plan withdrawn (findings and compliance rows move too).
    let mut withdrawn = reg.clone();
    let changed: Vec<_> = reg.plans().step_by(100).cloned().collect();
    for mut p in changed {
        p.status = kehoach::PlanStatus::Withdrawn;
        withdrawn.replace_plan(p).expect("the plan exists");
    }
    g.bench_function(BenchmarkId::new("one-percent-withdrawn", "1y"), |b| {
        b.iter(|| change::diff(black_box(&reg), black_box(&withdrawn)))
    });
    g.bench_function(BenchmarkId::new("identical", "1y"), |b| {
        b.iter(|| change::diff(black_box(&reg), black_box(&reg)))
    });
    g.finish();
}

criterion_group!(national_benches, benches, change_benches);
criterion_main!(national_benches);
