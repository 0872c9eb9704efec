//! The floor of the whole-process benchmark: a bare typed `serde_json` parse of a registry file into plain
//! structs (owned `String`s, `Option`s, `Vec`s, no checks, no graph, no rules), as a program with no library
//! would write it at its best. `benches/whole-process.sh` times `kehoach-validate` against it.
//!
//! ```text
//! cargo build --release --locked -p kehoach-bench-tools && target/release/bare_parse FILE
//! ```
//!
//! To be a fair floor it reads the file into a `String` (one UTF-8 check of the whole file, as
//! `std::fs::read_to_string` does it) and parses with `serde_json::from_str`, which then trusts that the text
//! is UTF-8: the fastest way serde_json offers to owned structs. (`from_slice` on the bytes, which it used
//! before, checks the UTF-8 of each string as it parses it instead: more work for the same result, which made
//! the floor slower than a careful program and flattered the comparison.)

use std::collections::HashMap;
use std::process::ExitCode;

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Doc {
    format: String,
    profile: Option<String>,
    rules: Option<HashMap<String, String>>,
    units: Vec<Unit>,
    plans: Vec<Plan>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Unit {
    id: String,
    name: String,
    kind: String,
    parent: Option<String>,
    counterpart: Option<String>,
    school_level: Option<String>,
    staff_count: Option<u32>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Plan {
    id: String,
    number: Option<String>,
    title: String,
    school_year: String,
    status: String,
    issued_on: Option<String>,
    issuers: Vec<String>,
    #[serde(default)]
    implements: Vec<String>,
    #[serde(default)]
    content_areas: Vec<Area>,
    #[serde(default)]
    approvals: Vec<Approval>,
    #[serde(default)]
    reviews: Vec<Review>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Area {
    code: String,
    title: String,
    #[serde(default)]
    addresses: Vec<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Approval {
    kind: String,
    held_on: String,
    staff_total: Option<u32>,
    attendees: Option<u32>,
    votes_for: Option<u32>,
    votes_against: Option<u32>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Review {
    kind: String,
    held_on: String,
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bare_parse: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match serde_json::from_str::<Doc>(&text) {
        Ok(doc) => {
            println!("{} units, {} plans", doc.units.len(), doc.plans.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bare_parse: {path}: {e}");
            ExitCode::from(2)
        }
    }
}
