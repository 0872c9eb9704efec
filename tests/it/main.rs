//! The integration tests, as one test binary (`cargo test --test it`): one module per subject, the helpers
//! they share in [`support`]. One binary links `kehoach` once, where one per file linked it 23 times.
//!
//! Run one module with a filter on its path: `cargo test --test it rules_numbers::`. The data these tests
//! read stays where it was: `tests/conformance/` (the spec's examples), `tests/fuzz/` (the fuzz harness, its
//! seeds and saved findings) and `tests/proptest-regressions/<module>.txt` (the cases proptest saved: its
//! default persistence finds this `main.rs` and keeps them in a directory beside `tests/it`).

mod support;

mod change;
mod change_pictures;
mod change_props;
mod conformance;
mod cycles;
mod deep;
mod export_graphviz;
mod export_table;
mod export_text;
mod export_tree;
mod export_validate;
mod format_errors;
mod fuzz_regressions;
mod hanoi;
mod incremental;
mod limits;
mod properties;
mod readme;
mod roundtrip;
mod rules_catalogue;
mod rules_content_areas;
mod rules_hierarchy;
mod rules_numbers;
mod rules_staff_conference;
mod rules_units;
mod synthetic;
