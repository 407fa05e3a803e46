//! The queue-worker story, checked without printing: the same run fails
//! under the `unit` profile (the slow item, with a flight-recorder dump and a
//! checkpoint the worker takes when asked) and
//! passes with a warning under `stress`, the profile chosen through the API;
//! the dump and the whole recording replay clean against the queue.
//!
//! The example's modules are compiled into this test as they are, so the
//! test exercises exactly the code `cargo run --example queue_worker` runs.
//!
//! Timing margins: ordinary items take 2-8 ms and are done well within
//! 100 ms; the slow item takes at least 1 s (a sleep), five times the 200 ms
//! `unit` limit. Only a warning for an ordinary item on a badly loaded
//! machine could vary, so the assertions are about the slow item. The
//! checkpoint needs the watchdog (every 50 ms) to see the slow item's missed
//! deadline while it is still being processed: an 800 ms margin.

#[path = "../examples/queue_worker/queue.rs"]
mod queue;
#[path = "../examples/queue_worker/scenario.rs"]
mod scenario;

use reprise::expect::{Finding, Report, Severity};

use scenario::SLOW_ITEM;

/// The findings of `report` about the slow item.
fn about_slow_item(report: &Report) -> Vec<&Finding> {
    let key = format!("(id = {SLOW_ITEM})");
    report
        .findings()
        .iter()
        .filter(|f| f.expectation.as_deref() == Some("queue.item") && f.message.contains(&key))
        .collect()
}

#[test]
fn unit_profile_fails_the_slow_item_and_dumps_the_flight_recorder()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let profiles = scenario::profiles()?;
    let run = scenario::record(profiles.get("unit")?, dir.path())?;
    assert_eq!(run.tickets, (0..8).collect::<Vec<u64>>());
    let report = run.summary.report.as_ref().ok_or("a live report")?;
    assert!(!report.passed(), "{}", report.to_text());
    assert_eq!(report.tally().0, 1, "{}", report.to_text());
    let slow = about_slow_item(report);
    assert_eq!(slow.len(), 1, "{}", report.to_text());
    assert_eq!(slow[0].severity, Severity::Fail);

    // One dump, named after the failure, in the directory given.
    assert_eq!(run.summary.dumps.len(), 1);
    assert_eq!(run.summary.actions_skipped, 0);
    let dump = &run.summary.dumps[0];
    assert_eq!(dump.parent(), Some(dir.path()));
    let name = dump.file_name().and_then(|n| n.to_str()).ok_or("a name")?;
    assert!(
        name.starts_with("queue_worker-seq") && name.ends_with("-queue.item.jsonl"),
        "{name}"
    );

    // The failure also asked for a checkpoint, and the report says so; the
    // worker took it at the top of its loop once the slow item was done,
    // with all 8 tickets handed out.
    let seq = slow[0].seq.ok_or("the failure's seq")?;
    let requested = format!("checkpoint requested for `queue.item` at seq {seq}");
    assert!(report.notes().contains(&requested), "{:?}", report.notes());
    let checkpoints = scenario::checkpoints(&run.transcript)?;
    assert_eq!(checkpoints.len(), 1, "{checkpoints:?} {:?}", report.notes());
    let (at, state) = checkpoints[0];
    assert!(at > seq, "checkpoint at seq {at}, failure at seq {seq}");
    assert_eq!(state, queue::State { next_ticket: 8 });
    // Replay skips it: the whole recording still replays clean.
    scenario::replay(&run.transcript)?.assert_clean();
    Ok(())
}

#[test]
fn stress_profile_passes_the_same_run_with_a_warning() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let profiles = scenario::profiles()?;
    let run = scenario::record(profiles.get("stress")?, dir.path())?;
    let report = run.summary.report.as_ref().ok_or("a live report")?;
    assert!(report.passed(), "{}", report.to_text());
    let slow = about_slow_item(report);
    assert_eq!(slow.len(), 1, "{}", report.to_text());
    assert_eq!(slow[0].severity, Severity::Warn);
    assert!(run.summary.dumps.is_empty());
    assert!(!std::fs::read_dir(dir.path())?.any(|e| {
        e.map(|e| e.file_name().to_string_lossy().contains("-seq"))
            .unwrap_or(false)
    }));
    Ok(())
}

#[test]
fn the_dump_replays_clean_against_the_queue() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let profiles = scenario::profiles()?;
    let run = scenario::record(profiles.get("unit")?, dir.path())?;
    let dump = run.summary.dumps.first().ok_or("a dump")?;

    // The dump is an ordinary transcript from the initial checkpoint to the
    // moment of the failure: every enqueue is in it.
    let text = std::fs::read_to_string(dump)?;
    let enqueues = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|e| e["kind"] == "call" && e["method"] == "enqueue")
        .count();
    assert_eq!(enqueues, 8);

    let report = scenario::replay(dump)?;
    report.assert_clean();
    assert_eq!(report.counts().0, 8, "{}", report.to_text());
    // The failure was found while the slow item was still being processed;
    // the dump waited for it to return, so it replays to its end.
    assert!(report.notes().is_empty(), "{:?}", report.notes());
    Ok(())
}

#[test]
fn the_whole_recording_replays_clean_against_the_queue() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let profiles = scenario::profiles()?;
    let run = scenario::record(profiles.get("stress")?, dir.path())?;
    let report = scenario::replay(&run.transcript)?;
    report.assert_clean();
    assert_eq!(report.counts(), (8, 8));
    assert!(report.notes().is_empty(), "{:?}", report.notes());
    Ok(())
}

#[test]
fn the_profile_file_has_unit_and_stress() -> Result<(), Box<dyn std::error::Error>> {
    let profiles = scenario::profiles()?;
    assert_eq!(profiles.names().collect::<Vec<_>>(), ["stress", "unit"]);
    for name in ["stress", "unit"] {
        queue::expectations().with_profile(profiles.get(name)?)?;
    }
    Ok(())
}
