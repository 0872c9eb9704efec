//! Registry documents of hostile shapes, as JSON text: the inputs that would expose recursion or a quadratic
//! step. The tests check that these load and validate correctly (`tests/it/deep.rs`,
//! `tests/it/fuzz_regressions.rs`); the benchmarks time them at growing sizes (`benches/hostile.rs`). Both read
//! the same documents from here, so what is timed is what is checked.
//!
//! ```
//! use kehoach::synthetic::hostile;
//! let registry = kehoach::format::load_str(&hostile::plan_chain(1_000, false, false)).unwrap();
//! assert_eq!(registry.ancestors("p0").unwrap().len(), 999);
//! assert!(registry.validate().findings().is_empty());
//! ```

use std::fmt::Write;

/// A document whose `key` array holds `n` items, item `i` pointing to item `i + 1` (the last to item 0 when
/// `closed`, to nothing otherwise), listed last-first when `parents_first`; `item(i, next)` writes one item.
fn chain(
    key: &str,
    n: usize,
    parents_first: bool,
    closed: bool,
    item: impl Fn(&mut String, usize, Option<usize>),
) -> String {
    let other = if key == "plans" { "units" } else { "plans" };
    let mut s = String::with_capacity(n * 110);
    let _ = write!(s, r#"{{"format": "kehoach/registry@1", "{other}": [], "{key}": ["#);
    let order: Box<dyn Iterator<Item = usize>> = if parents_first { Box::new((0..n).rev()) } else { Box::new(0..n) };
    for (k, i) in order.enumerate() {
        if k > 0 {
            s.push(',');
        }
        let next = if i + 1 < n {
            Some(i + 1)
        } else if closed {
            Some(0)
        } else {
            None
        };
        item(&mut s, i, next);
    }
    s.push_str("]}");
    s
}

/// `n` withdrawn plans, `p0` implementing `p1` … implementing `p{n-1}` (and `p{n-1}` implementing `p0` when
/// `closed`: one cycle of `n` plans). Withdrawn plans raise no finding of their own, so the report stays
/// small while the graph is as deep as it gets; listed last-first when `parents_first`, so that both orders
/// of the edges can be exercised.
pub fn plan_chain(n: usize, parents_first: bool, closed: bool) -> String {
    chain("plans", n, parents_first, closed, |s, i, next| {
        let implements = next.map(|j| format!(r#", "implements": ["p{j}"]"#)).unwrap_or_default();
        let _ = write!(
            s,
            r#"{{"id": "p{i}", "title": "KH", "school_year": "2020-2021", "status": "withdrawn", "issuers": []{implements}}}"#
        );
    })
}

/// `n` labour federations, `u0` under `u1` … under `u{n-1}` (and `u{n-1}` under `u0` when `closed`), listed
/// last-first when `parents_first`.
pub fn unit_chain(n: usize, parents_first: bool, closed: bool) -> String {
    chain("units", n, parents_first, closed, |s, i, next| {
        let parent = next.map(|j| format!(r#", "parent": "u{j}""#)).unwrap_or_default();
        let _ = write!(s, r#"{{"id": "u{i}", "name": "LĐLĐ", "kind": "labour_federation"{parent}}}"#);
    })
}

/// `plans` issued plans, each naming the same `n` issuers (`u0`…) and `n` parents (`x0`…), none of which
/// exist.
pub fn long_lists(plans: usize, n: usize) -> String {
    let ids = |prefix: &str| (0..n).map(|i| format!("\"{prefix}{i}\"")).collect::<Vec<_>>().join(",");
    let (issuers, parents) = (ids("u"), ids("x"));
    let plans: Vec<String> = (0..plans)
        .map(|p| {
            format!(
                r#"{{"id":"p{p}","title":"T","school_year":"2020-2021","status":"issued","issuers":[{issuers}],"implements":[{parents}]}}"#
            )
        })
        .collect();
    format!(r#"{{"format":"kehoach/registry@1","units":[],"plans":[{}]}}"#, plans.join(","))
}

/// `plans` draft plans of `n` content areas each, coded `"0"`, `"1"` … in order.
pub fn many_areas(plans: usize, n: usize) -> String {
    let areas = (0..n).map(|i| format!(r#"{{"code":"{i}","title":"a"}}"#)).collect::<Vec<_>>().join(",");
    let plans: Vec<String> = (0..plans)
        .map(|p| format!(r#"{{"id":"p{p}","title":"T","school_year":"2020-2021","status":"draft","issuers":[],"content_areas":[{areas}]}}"#))
        .collect();
    format!(r#"{{"format":"kehoach/registry@1","units":[],"plans":[{}]}}"#, plans.join(","))
}
