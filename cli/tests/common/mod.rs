//! Running the real `reprise` binary for the end-to-end tests: in a fresh
//! temporary directory holding the fixtures, with relative paths, so that
//! what it prints is stable enough to snapshot.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => writeln!(f, "exit code: {code}")?,
            None => writeln!(f, "killed by a signal")?,
        }
        writeln!(f, "--- stdout")?;
        write!(f, "{}", self.stdout)?;
        writeln!(f, "--- stderr")?;
        write!(f, "{}", self.stderr)
    }
}

/// A fresh directory holding `files`.
pub fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write a fixture");
    }
    dir
}

/// `reprise ARGS` in `dir`, with the environment variables that would change
/// its output (keys, profiles, colour) cleared.
pub fn reprise(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reprise"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("REPRISE_SANITIZER_KEY")
        .env_remove("REPRISE_PROFILE");
    command
}

/// Runs `reprise ARGS` in `dir` with `env` set and `stdin` as its input.
pub fn run_full(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut command = reprise(dir, args);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run reprise");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    let output = child.wait_with_output().expect("wait for reprise");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs `reprise ARGS` in `dir` with `env` set.
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    run_full(dir, args, env, "")
}

/// Runs `reprise ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_full(dir, args, &[], "")
}

/// Runs `reprise ARGS` in a fresh directory holding `files`, with `stdin`.
pub fn run_with_stdin(files: &[(&str, &str)], args: &[&str], stdin: &str) -> Run {
    run_full(dir_with(files).path(), args, &[], stdin)
}

/// Runs `reprise ARGS` in a fresh directory holding `files`.
pub fn run(files: &[(&str, &str)], args: &[&str]) -> Run {
    run_with_stdin(files, args, "")
}
