//! The whole test workflow in a temporary crate, as a user lives it: a crate
//! that depends only on `reprise` has a replay test; `auto` records its
//! missing transcript, the next run replays it, a changed component fails,
//! `update` writes the `.jsonl.new` beside the transcript, `reprise accept`
//! makes the test pass again, and with `CI` set nothing is written.
//!
//! The crate builds offline against this workspace (its `Cargo.lock` is
//! copied, so every dependency is one the workspace already fetched), in a
//! target folder of its own under this workspace's `target/`, reused from
//! run to run. The change to the component is an environment variable read
//! at run time (`E2E_STEP`), so each step costs a test run, not a build.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

const MANIFEST: &str = r#"[package]
name = "e2e-counter"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
reprise = { path = "WORKSPACE" }
serde_json = "1"

[workspace]

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#;

const LIB: &str = r#"//! A counter that stores each new total.
use reprise::recorder::Port;
use reprise::replayer::ReplayPort;

/// How much each `add` adds on top of its argument: the "code change".
pub fn step() -> u64 {
    std::env::var("E2E_STEP").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
}

pub struct Counter { pub total: u64 }

impl Counter {
    pub fn add(&mut self, n: u64, store: impl Fn(u64) -> u64) -> u64 {
        self.total += n + step();
        store(self.total)
    }
}

pub fn store_recorded(port: &Port, total: u64) -> u64 {
    port.outbound("put", &serde_json::json!({ "total": total }), || total)
}

pub fn store_replayed(port: &ReplayPort, total: u64) -> u64 {
    port.outbound("put", &serde_json::json!({ "total": total }))
}
"#;

const TEST: &str = r#"use e2e_counter::{Counter, store_recorded, store_replayed};
use reprise::recorder::{FileSink, Recorder};
use reprise::replayer::{Outcome, Replay};
use reprise::testing::{Mode, Plan};

#[test]
fn counter() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recordings/counter.jsonl");
    match Mode::current()?.plan(&path)? {
        Plan::Record(into) => {
            std::fs::create_dir_all(into.parent().unwrap())?;
            let recorder = Recorder::builder("counter").sink(FileSink::builder(&into).open()?).start(&())?;
            let (api, storage) = (recorder.port("api"), recorder.port("storage"));
            let mut counter = Counter { total: 0 };
            for n in [1u64, 2, 3] {
                api.inbound("add", &serde_json::json!({ "n": n }), || counter.add(n, |t| store_recorded(&storage, t)));
            }
            recorder.finish()?;
        }
        plan => {
            let replay = Replay::builder().capture(plan == Plan::Update).from_file(&path)?;
            let storage = replay.port("storage");
            let mut counter = Counter { total: 0 };
            let report = replay.drive(|call| {
                let n: u64 = call.arg("n")?;
                Ok(Outcome::ok(&counter.add(n, |t| store_replayed(&storage, t)))?)
            });
            if plan == Plan::Update {
                reprise::testing::write_pending(&path, &replay.actual_transcript()?)?;
            } else {
                report.assert_clean();
            }
        }
    }
    Ok(())
}
"#;

/// The temporary crate's folder, written afresh.
fn write_crate(dir: &Path, workspace: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("src");
    std::fs::create_dir_all(dir.join("tests")).expect("tests");
    let manifest = MANIFEST.replace("WORKSPACE", &workspace.display().to_string());
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::write(dir.join("src/lib.rs"), LIB).expect("lib");
    std::fs::write(dir.join("tests/counter.rs"), TEST).expect("test");
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock");
}

/// `cargo test --offline` in the crate, with `env` set and `CI` and
/// `REPRISE_MODE` cleared first; whether it passed, and its output.
fn cargo_test(dir: &Path, target: &Path, env: &[(&str, &str)]) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(["test", "--offline", "--quiet", "--test", "counter"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CI")
        .env_remove("REPRISE_MODE")
        .env_remove("E2E_STEP")
        .env_remove("RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn the_whole_loop_in_a_crate_that_depends_only_on_reprise() {
    let workspace: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_owned();
    let target = workspace.join("target/e2e-crate");
    let dir = tempfile::tempdir().expect("tempdir");
    let dir = dir.path();
    write_crate(dir, &workspace);
    let transcript = dir.join("tests/recordings/counter.jsonl");
    let pending = dir.join("tests/recordings/counter.jsonl.new");

    // In CI a missing transcript fails the test and nothing is recorded.
    let (ok, out) = cargo_test(dir, &target, &[("CI", "true"), ("REPRISE_MODE", "auto")]);
    assert!(!ok && !transcript.exists(), "{out}");

    // `auto` records it; the next run replays it clean.
    let (ok, out) = cargo_test(dir, &target, &[("REPRISE_MODE", "auto")]);
    assert!(ok && transcript.exists(), "{out}");
    let (ok, out) = cargo_test(dir, &target, &[]);
    assert!(ok, "{out}");

    // The component changes: the replay fails with a report.
    let (ok, out) = cargo_test(dir, &target, &[("E2E_STEP", "10")]);
    assert!(!ok && out.contains("divergence"), "{out}");

    // With CI set, `update` writes nothing.
    let recorded = std::fs::read(&transcript).expect("read");
    let _ = cargo_test(
        dir,
        &target,
        &[
            ("CI", "true"),
            ("REPRISE_MODE", "update"),
            ("E2E_STEP", "10"),
        ],
    );
    assert!(!pending.exists());

    // `update` writes the pending transcript beside it, never over it.
    let (ok, out) = cargo_test(
        dir,
        &target,
        &[("REPRISE_MODE", "update"), ("E2E_STEP", "10")],
    );
    assert!(ok && pending.exists(), "{out}");
    assert_eq!(std::fs::read(&transcript).expect("read"), recorded);

    // `reprise accept` makes the new behaviour the recording.
    let accepted = common::reprise(dir, &["accept", "tests/recordings/counter.jsonl"])
        .output()
        .expect("accept runs");
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert!(!pending.exists());
    let (ok, out) = cargo_test(dir, &target, &[("E2E_STEP", "10")]);
    assert!(ok, "{out}");
}
