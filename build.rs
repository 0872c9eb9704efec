//! Lays out `kehoach-validate`'s hot code in one place, where the linker can do it.
//!
//! A validation run executes about 260 KB of the program's 1.2 MB of code, scattered over the whole of it. The
//! kernel maps code 64 KB around each page a program first touches, so that run had nearly all of its code
//! resident: 1 MB, a quarter of its peak memory at 1/100 of a national year. `src/bin/kehoach-validate/hot-code.txt`
//! names the functions a run executes (`benches/hot-code.py write` lists them from callgrind); given to the linker
//! as a symbol ordering file, they come first and together, and the run maps about 360 KB of code instead
//! (docs/PERFORMANCE.md, "Hot code together").
//!
//! Only where the option is known to be understood: release builds for `x86_64-unknown-linux-gnu` with rustc's
//! own linker, LLD, which is the default there from Rust 1.90. Any other target, linker or compiler links as
//! before. A listed function that no longer exists is skipped, so a stale list costs memory, never a build;
//! `benches/hot-code.py check` (run by CI) says when the list needs writing again.

use std::env;
use std::process::Command;

const HOT_CODE: &str = "src/bin/kehoach-validate/hot-code.txt";

fn main() {
    println!("cargo::rerun-if-changed={HOT_CODE}");
    println!("cargo::rerun-if-changed=build.rs");
    let list = format!("{}/{HOT_CODE}", env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    if std::path::Path::new(&list).is_file() && lld_links_this_build() {
        // `-Xlinker`, one argument each, rather than `-Wl,`, which would split a path holding a comma.
        let ordering = format!("--symbol-ordering-file={list}");
        for arg in [ordering.as_str(), "--no-warn-symbol-ordering"] {
            println!("cargo::rustc-link-arg-bin=kehoach-validate=-Xlinker");
            println!("cargo::rustc-link-arg-bin=kehoach-validate={arg}");
        }
    }
}

/// Whether this is a release build linked by rustc's default linker for x86_64 Linux, LLD.
fn lld_links_this_build() -> bool {
    let var = |name: &str| env::var(name).unwrap_or_default();
    let target_is_x86_64_linux_gnu = var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu";
    // A linker chosen in cargo's configuration, or flags that choose one, may not know the option.
    let linker_chosen = env::var_os("RUSTC_LINKER").is_some()
        || ["linker", "link-self-contained", "fuse-ld"]
            .iter()
            .any(|flag| var("CARGO_ENCODED_RUSTFLAGS").contains(flag));
    var("PROFILE") == "release" && target_is_x86_64_linux_gnu && !linker_chosen && rustc_links_with_lld()
}

/// rustc 1.90 and later link `x86_64-unknown-linux-gnu` with LLD unless told otherwise.
fn rustc_links_with_lld() -> bool {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let Ok(output) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let version = String::from_utf8_lossy(&output.stdout);
    let mut numbers = version.split_whitespace().nth(1).unwrap_or("").split(['.', '-']);
    let major: u32 = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let minor: u32 = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    (major, minor) >= (1, 90)
}
