//! Expectations in one run: a work queue states what normal looks like next
//! to its code, a profile file says how strict to be, and a slow item fails
//! the run under `unit` (dumping the flight recorder, which then replays
//! clean, and asking the worker for a checkpoint, which it takes at the top
//! of its loop) but is only a warning under `stress`.
//!
//! Run it with `cargo run --example queue_worker` (profile `unit`), or
//! `REPRISE_PROFILE=stress cargo run --example queue_worker`.
//!
//! The component ([`queue`]) is a tokio work queue: producers call
//! `api.enqueue`, a worker task hands each item to the processing service
//! through the recorded `processor` port, and probes say when an item was
//! enqueued, when it was done, and how deep the queue is. The run
//! ([`scenario`]) enqueues seeded items in bursts; the last item is 1000 KiB
//! and the service takes a second over it.

mod queue;
mod scenario;

use std::error::Error;
use std::path::Path;

use reprise::expect::Severity;

fn main() -> Result<(), Box<dyn Error>> {
    let profiles = scenario::profiles()?;
    let profile = match profiles.from_env()? {
        Some(profile) => profile,
        None => profiles.get("unit")?,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("reprise-demo")
        .join("queue_worker");
    // Dumps of earlier runs would be mistaken for this one's.
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }

    println!("1. A work queue with its expectations declared next to it:");
    println!("   queue.item:  queue.done within 100 ms of queue.enqueue, by id (fail after 1 s)");
    println!("   queue.depth: queue.depth.len in 0..=16");
    println!("   examples/queue_worker/profiles.toml re-tunes them by id, with no recompiling:");
    println!("   `unit` fails an item after 200 ms, `stress` only warns about it");
    println!(
        "   profile in use: `{}` (REPRISE_PROFILE, `unit` by default)",
        profile.name()
    );

    println!();
    println!("2. Recording a run: 8 seeded items in three bursts, the last one 1000 KiB (1 s).");
    let run = scenario::record(profile, &dir)?;
    let report = run.summary.report.as_ref().ok_or("no live report")?;
    println!(
        "   {} items enqueued, {} events recorded to {}",
        run.tickets.len(),
        run.summary.events,
        run.transcript.display()
    );
    let (failures, warnings) = report.tally();
    let verdict = if report.passed() { "PASSED" } else { "FAILED" };
    println!("   live expectations: {verdict}, {failures} failure(s), {warnings} warning(s)");
    for finding in report.findings() {
        let tier = match finding.severity {
            Severity::Fail => "fail",
            _ => "warn",
        };
        println!(
            "   [{tier}] {}: {}",
            finding.expectation.as_deref().unwrap_or("-"),
            finding.message
        );
    }
    for note in report.notes() {
        println!("   note: {note}");
    }

    println!();
    if run.summary.dumps.is_empty() {
        println!("3. No failure, so no flight-recorder dump. Try it under `unit`:");
        println!("   cargo run --example queue_worker");
        return Ok(());
    }
    println!("3. The failure dumped the flight recorder (the checkpoint and every event since):");
    for dump in &run.summary.dumps {
        println!("   {}", dump.display());
        let replayed = scenario::replay(dump)?;
        let (inbound, outbound) = replayed.counts();
        let verdict = if replayed.is_clean() {
            "clean, zero divergences"
        } else {
            "DIVERGED"
        };
        println!(
            "   replayed against the queue: {inbound} enqueue(s), {outbound} process call(s): {verdict}"
        );
        for note in replayed.notes() {
            println!("   note: {note}");
        }
        if !replayed.is_clean() {
            println!("{}", replayed.to_text());
        }
    }

    println!();
    println!("4. The failure also asked the worker for a checkpoint; it took one at the top");
    println!("   of its loop, once the queue was empty (the flight recorder starts over there):");
    let checkpoints = scenario::checkpoints(&run.transcript)?;
    if checkpoints.is_empty() {
        println!("   none taken (see the notes above)");
    }
    for (seq, state) in checkpoints {
        println!("   seq {seq}: {state:?}");
    }
    println!();
    println!("Under `stress` the same run passes with a warning:");
    println!("   REPRISE_PROFILE=stress cargo run --example queue_worker");
    Ok(())
}
