//! The reprise story in one run: a replicated log with a latent bug, the bug
//! recorded at "the user's site", replayed on "the developer's machine", and
//! the fix pinpointed by the divergence report.
//!
//! Run it with `cargo run --example consensus`. With `--save PATH` it also
//! copies the transcript it found to `PATH` (that is how
//! `tests/recordings/consensus-view-change-race.jsonl` was made).
//!
//! The cluster is three nodes of a viewstamped-replication log ([`node`])
//! over a simulated network with seeded delays, reordering and congested
//! links ([`sim`]). The shipped code forgets to reject a `Prepare` from an
//! older view: when a replaced leader's prepare arrives late, after the
//! follower has moved to the new view, the follower appends a stale entry
//! that the new view later overwrites with another one everywhere else.

mod messages;
mod node;
mod ports;
mod recorded;
mod replayed;
mod sim;
mod story;

use std::error::Error;
use std::path::{Path, PathBuf};

use node::NodeConfig;
use story::Run;

fn main() -> Result<(), Box<dyn Error>> {
    let save: Option<PathBuf> = match std::env::args().nth(1).as_deref() {
        Some("--save") => std::env::args().nth(2).map(PathBuf::from),
        _ => None,
    };

    println!("1. At the user's site: a 3-node replicated log, every node recorded.");
    println!("   Running the cluster seed after seed until a node reports a problem...");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("reprise-demo");
    let found = story::find_bug(&dir, 1..1000, |seed, run| match run {
        Run::Clean(committed) => {
            println!("   seed {seed}: clean ({committed:?} entries committed per node)")
        }
        Run::Failed(found) => println!(
            "   seed {seed}: node {} failed at {} ms: {}",
            found.failure.node, found.failure.at_ms, found.failure.error
        ),
    })?;
    let Some(found) = found else {
        return Err("no seed in 1..1000 showed the bug".into());
    };
    println!(
        "   transcript of seed {}, node {}: {} ({} events)",
        found.seed,
        found.failure.node,
        found.transcript.display(),
        found.events
    );
    if let Some(path) = save {
        std::fs::copy(&found.transcript, &path)?;
        println!("   saved a copy to {}", path.display());
    }

    println!();
    println!("2. On the developer's machine: replay the transcript against the shipped code.");
    println!("   No network, no disk, no clock: every port is a stand-in serving the transcript.");
    let buggy = story::replay(&found.transcript, NodeConfig::BUGGY)?;
    let verdict = if buggy.report.is_clean() {
        "clean, every call and return as recorded"
    } else {
        "DIVERGED"
    };
    println!("   {} inbound calls re-driven: {verdict}", buggy.calls);
    match &buggy.violation {
        Some(error) => println!("   reproduced: {error}"),
        None => println!("   the violation did not reproduce"),
    }
    let determinism = story::determinism(&found.transcript);
    let verdict = if determinism.is_clean() {
        "both runs identical"
    } else {
        "the runs differ"
    };
    println!("   determinism check (replayed twice, compared): {verdict}");
    if !buggy.report.is_clean() || !determinism.is_clean() {
        println!("{}{}", buggy.report.to_text(), determinism.to_text());
    }

    println!();
    println!(
        "3. The fix: reject prepares from older views. Replay the same transcript against it:"
    );
    let fixed = story::replay(&found.transcript, NodeConfig::FIXED)?;
    println!();
    for line in fixed.report.to_text().lines() {
        if line.is_empty() {
            println!();
        } else {
            println!("   {line}");
        }
    }

    println!();
    println!("4. See it: the three nodes' transcripts merged into one causal timeline,");
    println!("   the fixed build's divergence overlaid.");
    let seen = story::see(&found, &fixed.report, &dir)?;
    println!(
        "   {}: {} events, {} messages matched, {} sent but not received when the run stopped, {} received without a send",
        seen.cluster.display(),
        seen.merge.events,
        seen.merge.matched,
        seen.merge.unmatched_sends.len(),
        seen.merge.unmatched_receives.len()
    );
    println!("   open {} in a browser", seen.timeline.display());

    println!();
    println!("5. Minimize: the smallest cut of the transcript that still shows the violation.");
    let before = reprise::entropy::Transcript::from_file(&found.transcript)?;
    print_inbound("before", &before);
    let minimized = story::minimize_failure(&found.transcript)?;
    print_inbound("after", &minimized.transcript);
    for line in minimized.summary().lines() {
        println!("   {line}");
    }

    println!();
    let (seed, node, campaign_seed, cases) = story::CAMPAIGN;
    println!(
        "6. A campaign from a clean recording: seed {seed}, node {node}, {cases} mutated cases (campaign seed {campaign_seed})."
    );
    story::record_every_node(&dir, seed)?;
    let clean = dir.join(format!("seed-{seed}-node-{node}.jsonl"));
    let report = story::campaign(&clean, &dir.join("entropy"), campaign_seed, cases)?;
    match report.failure {
        Some(found) => {
            println!("   case {} failed: {}", found.case, found.reason);
            for mutation in &found.mutations {
                println!("   mutation: {}", serde_json::to_string(mutation)?);
            }
            if let Some(path) = &found.transcript {
                let replayed = story::replay(path, NodeConfig::BUGGY)?;
                println!("   written to {}", path.display());
                println!(
                    "   replayed strictly against the shipped code: {}, violation: {}",
                    if replayed.report.is_clean() {
                        "clean"
                    } else {
                        "DIVERGED"
                    },
                    replayed
                        .violation
                        .map_or("none".to_owned(), |v| v.to_string())
                );
            }
            println!("   rerun it alone: {}", found.rerun);
        }
        None => println!("   {} cases, no failure", report.cases),
    }
    Ok(())
}

/// Prints the inbound calls of `transcript`, one a line.
fn print_inbound(when: &str, transcript: &reprise::entropy::Transcript) {
    let calls = transcript.inbound_calls();
    println!(
        "   {when}: {} inbound calls, {} events",
        calls.len(),
        transcript.len()
    );
    if calls.len() > 12 {
        return;
    }
    for call in calls {
        println!(
            "     #{} {}.{} {}",
            call.seq,
            call.port,
            call.method,
            call.args.get()
        );
    }
}
