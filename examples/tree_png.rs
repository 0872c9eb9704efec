//! `tree_png`: writes the Hanoi 2020-2021 implementation tree as Graphviz DOT and, when Graphviz is
//! installed, renders it to PNG.
//!
//! ```text
//! cargo run --example tree_png             # into the system's temporary directory, under kehoach/
//! cargo run --example tree_png -- OUT_DIR  # into OUT_DIR
//! ```
//!
//! It writes `hanoi-2020-2021.dot` and, when `dot` (Debian package `graphviz`) is on the PATH,
//! `hanoi-2020-2021.png` beside it. Without Graphviz it says so and stops after the DOT file (exit 0): the DOT
//! file can still be rendered elsewhere. Exit status 1 when a file cannot be written or `dot` fails.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use kehoach::export::{Scope, dot};

const DATA: &str = include_str!("data/hanoi-2020-2021.json");

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tree_png: {e}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::args_os().nth(1) {
        Some(d) => PathBuf::from(d),
        None => std::env::temp_dir().join("kehoach"),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create the directory: {e}", dir.display()))?;

    let registry = kehoach::format::load_str(DATA)?;
    let report = registry.validate();
    let tree = dot(&registry, &report, &Scope::SchoolYear("2020-2021".parse()?))?;
    let dot_path = dir.join("hanoi-2020-2021.dot");
    std::fs::write(&dot_path, &tree).map_err(|e| format!("{}: cannot write: {e}", dot_path.display()))?;
    println!("wrote {}", dot_path.display());

    let png_path = dir.join("hanoi-2020-2021.png");
    let rendered = Command::new("dot").arg("-Tpng").arg("-Gdpi=110").arg("-o").arg(&png_path).arg(&dot_path).status();
    match rendered {
        Ok(status) if status.success() => {
            println!("wrote {}", png_path.display());
            Ok(())
        }
        Ok(status) => Err(format!("dot failed ({status}) rendering {}", dot_path.display()).into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!(
                "Graphviz is not installed (no `dot` on the PATH), so no PNG was made. Install it \
                 (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and run again, or render \
                 the DOT file with: dot -Tpng {} -o hanoi-2020-2021.png",
                dot_path.display()
            );
            Ok(())
        }
        Err(e) => Err(format!("cannot run dot: {e}").into()),
    }
}
