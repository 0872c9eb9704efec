//! The floor of the whole-process benchmark: a bare typed `serde_json` parse of a registry file into plain
//! structs (owned `String`s, `Option`s, `Vec`s, no checks, no graph, no rules), as a program with no library
//! would write it. `benches/whole-process.sh` times `validate` against it.
//!
//! ```text
//! cargo run --release --example bare_parse -- FILE
//! ```

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
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bare_parse: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match serde_json::from_slice::<Doc>(&bytes) {
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
