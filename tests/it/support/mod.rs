//! What several test modules share. Each helper here has more than one user (one exception: `World::ghost`,
//! which only `properties` calls, stays with the generator because it reads the generator's private id sets);
//! a helper one module needs lives in that module.
//!
//! - [`common`]: the clean three-level registry the rule and export tests mutate, short constructors, and
//!   `validate`, which checks what `spec/rules.md` says of every report;
//! - [`export`]: registries that exercise the exports, and readers of the DOT and Mermaid they write;
//! - [`props`]: the generators and the oracle of the property tests;
//! - [`program`]: running `kehoach-validate` as a process.

pub mod common;
pub mod export;
pub mod program;
pub mod props;
