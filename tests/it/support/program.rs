//! Running the `kehoach-validate` program as a user does, and files for it to read.

use std::process::Command;

/// What one run of the program printed and how it exited.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `kehoach-validate` with `args` and waits for it.
pub fn run(args: &[&str]) -> Outcome {
    run_with(args, &[])
}

/// Runs `kehoach-validate` with `args` and the environment variables `vars` set.
pub fn run_with(args: &[&str], vars: &[(&str, &str)]) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach-validate"))
        .args(args)
        .envs(vars.iter().copied())
        .output()
        .expect("the program runs");
    Outcome {
        stdout: String::from_utf8(out.stdout).expect("standard output is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("standard error is UTF-8"),
        code: out.status.code().expect("the program exited, not killed by a signal"),
    }
}

/// Writes `contents` to a file of the calling test module's own (`name` is prefixed by `module`) and returns
/// its path.
pub fn file(module: &str, name: &str, contents: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{module}-{name}"));
    std::fs::write(&path, contents).expect("the file is written");
    path.to_string_lossy().into_owned()
}
