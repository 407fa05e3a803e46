//! One test per recording: every transcript under `tests/recordings/` is
//! its own named test (`cargo test consensus_view_change` runs one; a new
//! file needs no code; `cargo test --test recordings -- --list` lists them
//! and nextest shards them). This target is declared with `harness = false`
//! and runs through `reprise::testing::recordings` (libtest-mimic).
//!
//! Each recording is of one consensus node (its header's `meta` says which
//! node of which seed). What a test does depends on `REPRISE_MODE`:
//!
//! - `replay` (the default, and always in CI): the recording replays clean
//!   against the shipped code, twice the same way (no unrecorded clock or
//!   randomness).
//! - `record`: the seed is run again against the real (simulated) cluster,
//!   every node recorded, and the node's new transcript replaces the
//!   recording.
//! - `update`: the recording is replayed and what the node actually did is
//!   written as `<name>.jsonl.new` beside it for `reprise review`, unless
//!   it is equivalent to the recording (then a stale pending file is
//!   cleared).

#[path = "../examples/consensus/messages.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod messages;
#[path = "../examples/consensus/node.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod node;
#[path = "../examples/consensus/ports.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod ports;
#[path = "../examples/consensus/recorded.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod recorded;
#[path = "../examples/consensus/replayed.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod replayed;
#[path = "../examples/consensus/sim.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod sim;
#[path = "../examples/consensus/story.rs"]
#[allow(
    dead_code,
    reason = "the example's modules, shared with the consensus story"
)]
mod story;

use std::path::Path;

use reprise::replayer::Replay;
use reprise::testing::{Failed, Plan, Recording, recordings};
use reprise::transcript::Reader;

use node::NodeConfig;

fn main() {
    recordings(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/recordings"),
        test,
    )
    .main();
}

/// The test of one recording, in the mode in force.
fn test(recording: &Recording) -> Result<(), Failed> {
    match recording.plan()? {
        Plan::Replay => replay(recording.path()),
        Plan::Update => update(recording),
        Plan::Record(into) => record(recording.path(), &into),
    }
}

/// Replays the recording against the shipped code: clean, and the same
/// twice.
fn replay(path: &Path) -> Result<(), Failed> {
    let replayed = story::replay(path, NodeConfig::BUGGY).map_err(|e| e.to_string())?;
    if !replayed.report.is_clean() {
        return Err(replayed.report.to_text().into());
    }
    let twice = story::determinism(path);
    if !twice.is_clean() {
        return Err(twice.to_text().into());
    }
    Ok(())
}

/// Replays the recording, keeping what the node actually does, and writes
/// it as the pending `<name>.jsonl.new` when it differs from the recording
/// (a clean replay writes nothing and clears a stale pending file).
fn update(recording: &Recording) -> Result<(), Failed> {
    let replay = Replay::builder()
        .capture(true)
        .stop_at_first(false)
        .from_file(recording.path())?;
    story::drive(&replay, NodeConfig::BUGGY)?;
    recording.write_pending(&replay.actual_transcript()?)?;
    Ok(())
}

/// Records again the node and seed the recording at `path` is of, into
/// `into`.
fn record(path: &Path, into: &Path) -> Result<(), Failed> {
    let header = Reader::new(std::fs::File::open(path)?)?.header().clone();
    let (Some(seed), Some(node)) = (
        header.meta.get("seed").and_then(|v| v.as_u64()),
        header.meta.get("node").and_then(|v| v.as_u64()),
    ) else {
        return Err(format!(
            "{}: no `seed` and `node` in its header's meta",
            path.display()
        )
        .into());
    };
    let dir = tempfile::tempdir()?;
    match story::record_run(dir.path(), seed).map_err(|e| e.to_string())? {
        story::Run::Failed(found) if found.failure.node as u64 == node => {
            std::fs::copy(&found.transcript, into)?;
            Ok(())
        }
        _ => Err(format!("seed {seed} no longer makes node {node} fail: nothing recorded").into()),
    }
}
