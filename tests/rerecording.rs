//! Recording the same seed twice gives transcripts that differ in timing
//! only: `reprise::testing::diff` leaves `at_ns` and `created` out, so they
//! are equivalent, and comparing noise finds the timing.

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

use reprise::testing::{DiffOptions, diff_files};

const RECORDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/recordings/consensus-view-change-race.jsonl"
);

#[test]
fn a_rerecording_of_the_same_seed_differs_in_timing_only() -> Result<(), Box<dyn std::error::Error>>
{
    let dir = tempfile::tempdir()?;
    let story::Run::Failed(found) = story::record_run(dir.path(), 3)? else {
        return Err("seed 3 no longer fails".into());
    };
    let again = diff_files(Path::new(RECORDING), &found.transcript, &DiffOptions::new())?;
    assert!(again.is_equivalent(), "{}", again.to_text());
    let noisy = diff_files(
        Path::new(RECORDING),
        &found.transcript,
        &DiffOptions::new().noise(true),
    )?;
    assert!(!noisy.is_equivalent());
    assert!(
        noisy
            .differences
            .iter()
            .flat_map(|d| &d.paths)
            .all(|p| p.path == "$.at_ns" || p.path == "$.created"),
        "{}",
        noisy.to_text()
    );
    Ok(())
}
