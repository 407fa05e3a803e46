//! The demo's six acts, as functions that return what happened, so that
//! `main.rs` can tell the story and `tests/consensus.rs` can check it.
//!
//! 1. [`find_bug`]: run the cluster seed after seed, every node recorded to a
//!    file, until a node reports a safety violation; keep that node's transcript.
//! 2. [`replay`] with [`NodeConfig::BUGGY`]: re-drive the real node from the
//!    transcript, with stand-ins for every port: the violation reproduces.
//! 3. [`replay`] with [`NodeConfig::FIXED`]: the report points at the event
//!    where the fixed node behaves differently.
//! 4. [`see`]: merge the three nodes' transcripts of the failing seed into one
//!    causal timeline and write it as an HTML page, the fixed build's
//!    divergence overlaid.
//! 5. [`minimize_failure`]: cut the failing transcript down to the inbound
//!    calls that still make the node report the violation.
//! 6. [`campaign`]: from a *clean* recording, mutate message delivery
//!    (drop, duplicate, reorder, delay) until the node reports the same
//!    violation, and write that case as a transcript that replays.

use std::error::Error;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reprise::entropy::{
    self, Campaign, CampaignReport, Minimized, MutationConfig, Transcript, Verdict,
};
use reprise::recorder::{FileSink, Recorder};
use reprise::replayer::{
    Finding, FindingKind, Outcome, Replay, ReplayBuilder, ReplayError, Report, check_determinism,
};
use reprise::transcript::Outcome as Served;
use serde::Deserialize;

use crate::messages::ConsensusError;
use crate::node::{Node, NodeConfig, NodeState};
use crate::ports::{Api, ApiDispatcher, RecordedApi};
use crate::recorded;
use crate::replayed;
use crate::sim::{Failure, RunResult, Sim, SimConfig};

/// The component name written in every transcript's header.
pub const COMPONENT: &str = "consensus-node";

/// A run in which a recorded node reported a safety violation.
#[derive(Debug)]
pub struct Found {
    /// The seed of the run.
    pub seed: u64,
    /// The node that failed, what it returned and when.
    pub failure: Failure,
    /// That node's transcript.
    pub transcript: PathBuf,
    /// Every node's transcript of the run, in node order.
    pub transcripts: Vec<PathBuf>,
    /// How many events the transcript holds.
    pub events: u64,
}

/// What a seed's run came to.
#[derive(Debug)]
pub enum Run {
    /// No node failed; how many entries each committed.
    Clean(Vec<usize>),
    /// A node failed, and here is its transcript.
    Failed(Found),
}

/// Runs the seeds in `seeds` in turn, each with every node recorded into
/// `dir`, until one ends with a node's error; calls `on_run` after each.
/// Transcripts of clean runs are removed; the failing run's are all kept.
pub fn find_bug(
    dir: &Path,
    seeds: Range<u64>,
    mut on_run: impl FnMut(u64, &Run),
) -> Result<Option<Found>, Box<dyn Error>> {
    fs::create_dir_all(dir)?;
    for seed in seeds {
        let run = record_run(dir, seed)?;
        on_run(seed, &run);
        if let Run::Failed(found) = run {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Runs the shipped (buggy) cluster with `seed`, every node's API and ports
/// recorded to `dir/seed-{seed}-node-{id}.jsonl`.
pub fn record_run(dir: &Path, seed: u64) -> Result<Run, Box<dyn Error>> {
    record_run_keeping(dir, seed, false)
}

/// Records the cluster run of `seed` into `dir` and keeps every node's
/// transcript (`seed-{seed}-node-{id}.jsonl`), failing or not.
pub fn record_every_node(dir: &Path, seed: u64) -> Result<Run, Box<dyn Error>> {
    record_run_keeping(dir, seed, true)
}

fn record_run_keeping(dir: &Path, seed: u64, keep_all: bool) -> Result<Run, Box<dyn Error>> {
    let config = SimConfig::default();
    let sim = Sim::new(seed, config);
    let mut recorders = Vec::new();
    let mut nodes: Vec<Box<dyn Api>> = Vec::new();
    for id in 0..config.nodes {
        let path = dir.join(format!("seed-{seed}-node-{id}.jsonl"));
        let state = NodeState::new(id, config.nodes);
        let recorder = Recorder::builder(COMPONENT)
            .meta("node", id)
            .meta("seed", seed)
            .sink(FileSink::builder(&path).open()?)
            .start(&state)?;
        let node = Node::new(
            state,
            NodeConfig::BUGGY,
            recorded::ports(sim.ports(id), &recorder),
        );
        nodes.push(Box::new(RecordedApi::new(node, &recorder)));
        recorders.push((id, recorder, path));
    }
    let RunResult { failure, committed } = sim.run(&mut nodes);
    drop(nodes);

    let mut found = None;
    let mut transcripts = Vec::new();
    for (id, recorder, path) in recorders {
        let summary = recorder.finish()?;
        match &failure {
            Some(failure) if failure.node == id => {
                let events = summary.events;
                found = Some(Found {
                    seed,
                    failure: failure.clone(),
                    transcript: path.clone(),
                    transcripts: Vec::new(),
                    events,
                });
            }
            Some(_) => {}
            None if keep_all => {}
            None => fs::remove_file(&path)?,
        }
        transcripts.push(path);
    }
    if let Some(found) = &mut found {
        found.transcripts = transcripts;
    }
    Ok(found.map_or(Run::Clean(committed), Run::Failed))
}

/// How a node's `send` is paired with the `on_message` that receives it: the
/// sender, the receiver and the message itself (the protocol's messages
/// carry no id; equal messages on one link pair oldest first).
pub const CORRELATION: &str = "network.send(from=@node, to=$.args.to, msg=$.args.msg) -> \
                               api.on_message(from=$.args.from, to=@node, msg=$.args.msg)";

/// What [`see`] wrote.
#[derive(Debug)]
pub struct Seen {
    /// The merged transcript of the three nodes.
    pub cluster: PathBuf,
    /// The HTML timeline.
    pub timeline: PathBuf,
    /// What the merge matched and did not.
    pub merge: reprise::view::Summary,
}

/// Merges the transcripts of `found`'s run into `dir/cluster.jsonl` and writes
/// `dir/timeline.html`, with `report` (the fixed build's replay of the
/// failing node) overlaid on that node's events.
pub fn see(found: &Found, report: &Report, dir: &Path) -> Result<Seen, Box<dyn Error>> {
    use reprise::view::{Input, Merge, Overlay, Timeline};
    use std::io::{BufReader, BufWriter};

    let open = |path: &PathBuf| -> Result<Input<BufReader<fs::File>>, Box<dyn Error>> {
        let name = path.file_name().unwrap_or(path.as_os_str());
        Ok(Input {
            file: name.to_string_lossy().into_owned(),
            reader: BufReader::new(fs::File::open(path)?),
        })
    };
    let cluster = dir.join("cluster.jsonl");
    let inputs = found
        .transcripts
        .iter()
        .map(open)
        .collect::<Result<_, _>>()?;
    let merge = Merge::new(CORRELATION.parse()?)
        .run(inputs, BufWriter::new(fs::File::create(&cluster)?))?;

    let timeline = dir.join("timeline.html");
    let node = found.failure.node.to_string();
    let overlay = Overlay::from_json(
        "fixed-replay.json",
        Some(node),
        &report.to_json().to_string(),
    )?;
    Timeline::new(format!(
        "consensus, seed {}: the fixed build's divergence",
        found.seed
    ))
    .overlay(overlay)
    .write(
        vec![open(&cluster)?],
        BufWriter::new(fs::File::create(&timeline)?),
    )?;
    Ok(Seen {
        cluster,
        timeline,
        merge,
    })
}

/// A replay of one node's transcript.
#[derive(Debug)]
pub struct Replayed {
    /// What the replay found.
    pub report: Report,
    /// How many inbound calls were fed to the node.
    pub calls: usize,
    /// The safety violation the node returned during the replay, if any.
    pub violation: Option<ConsensusError>,
}

/// Replays the transcript at `path` against the node built with `config`.
pub fn replay(path: &Path, config: NodeConfig) -> Result<Replayed, Box<dyn Error>> {
    let replay = Replay::from_file(path)?;
    Ok(drive(&replay, config)?)
}

/// Re-drives a node built with `config` from `replay`: its initial state, the
/// recorded inbound calls, and stand-ins for its ports.
pub fn drive(replay: &Replay, config: NodeConfig) -> Result<Replayed, ReplayError> {
    let state: NodeState = replay.initial_state()?;
    state
        .check()
        .map_err(|problem| ReplayError::msg(format!("initial state: {problem}")))?;
    let mut node = Node::new(state, config, replayed::ports(replay));
    let mut calls = 0;
    let mut violation = None;
    let report = replay.drive(|call| {
        calls += 1;
        let outcome = ApiDispatcher::dispatch(&mut node, call)?;
        if let Outcome::Err(error) = &outcome
            && let Ok(error) = ConsensusError::deserialize(error)
            && is_violation(&error)
        {
            violation = Some(error);
        }
        Ok(outcome)
    });
    Ok(Replayed {
        report,
        calls,
        violation,
    })
}

/// Replays the transcript at `path` twice against the shipped code and
/// reports the first event where the two runs differ.
pub fn determinism(path: &Path) -> Report {
    check_determinism(path, |replay| match drive(replay, NodeConfig::BUGGY) {
        Ok(replayed) => replayed.report,
        Err(error) => Report::new(
            COMPONENT,
            vec![Finding::new(FindingKind::Error, error.to_string())],
        ),
    })
}

/// Whether `error` is a safety violation (rather than a refusal).
pub fn is_violation(error: &ConsensusError) -> bool {
    matches!(
        error,
        ConsensusError::CommittedConflict { .. } | ConsensusError::CommittedDropped { .. }
    )
}

// ---- entropy: minimization and a campaign ----

/// Replays a transcript tolerantly (see `reprise::entropy::tolerant`)
/// against the node built with `config`, the session built by `load` from
/// the builder it is handed (`|b| transcript.replay(b)`, or
/// `|b| case.replay(b)` in a campaign): the transcript may have been cut
/// down or mutated, so the node's calls are served by what is recorded
/// where they match, by a model of the write-ahead log for storage, and by
/// a similar recorded call elsewhere. Returns the replay (for the failing
/// case's transcript) and what the node did.
pub fn drive_tolerant(
    load: impl FnOnce(ReplayBuilder) -> Result<Replay, ReplayError>,
    config: NodeConfig,
) -> Result<(Replay, Replayed), ReplayError> {
    // The model's log starts as long as the initial state's.
    let wal_len = Arc::new(AtomicU64::new(0));
    let model_len = wal_len.clone();
    let replay = load(entropy::tolerant(Replay::builder()).model(
        "storage",
        move |method, args| match method {
            "append" => Some(Served::Ok(
                (model_len.fetch_add(1, Ordering::Relaxed) + 1).into(),
            )),
            "truncate" => {
                let from = args["from"].as_u64()?;
                model_len.store(from.saturating_sub(1), Ordering::Relaxed);
                Some(Served::Ok(serde_json::Value::Null))
            }
            _ => None,
        },
    ))?;
    let state: NodeState = replay.initial_state()?;
    wal_len.store(state.log.len() as u64, Ordering::Relaxed);
    let replayed = drive(&replay, config)?;
    Ok((replay, replayed))
}

/// Whether the node reports a conflicting commit when `transcript` is
/// replayed tolerantly against the shipped code.
pub fn shows_conflict(transcript: &Transcript) -> bool {
    matches!(
        drive_tolerant(|builder| transcript.replay(builder), NodeConfig::BUGGY),
        Ok((
            _,
            Replayed {
                violation: Some(ConsensusError::CommittedConflict { .. }),
                ..
            }
        ))
    )
}

/// Act 5: the smallest transcript, cut from the one at `path`, for which
/// the shipped node still reports a conflicting commit.
pub fn minimize_failure(path: &Path) -> Result<Minimized, Box<dyn Error>> {
    let transcript = Transcript::from_file(path)?;
    Ok(entropy::minimize(&transcript, shows_conflict)?)
}

/// The node of the clean recording the campaign mutates, its seed, and the
/// campaign's seed and cases: the example and its test run the same campaign.
pub const CAMPAIGN: (u64, usize, u64, u64) = (1, 2, 3, 64);

/// Act 6: a campaign over the clean transcript at `path`: `cases` cases
/// seeded `seed`, each up to three mutations of any kind (message delivery
/// dropped, duplicated, reordered or delayed; a dependency failing; a
/// payload field perturbed), judged by panics and the node's own safety
/// check. The failing case is written into `dir`.
///
/// Delivery faults alone cannot break a follower of seed 1: that run never
/// changes views, so there is no older leader whose prepare could arrive
/// late. What the campaign finds is a prepare whose entry differs from the
/// one the leader later commits (a perturbed field): the same conflicting
/// commit the view-change race produces.
pub fn campaign(
    path: &Path,
    dir: &Path,
    seed: u64,
    cases: u64,
) -> Result<CampaignReport, Box<dyn Error>> {
    let source = Transcript::from_file(path)?;
    let report = Campaign::new(&source)
        .mutations(MutationConfig::all().max_mutations(3))
        .seed(seed)
        .cases(cases)
        .write_failures_to(dir)
        .quiet()
        .run(|case| {
            let (replay, replayed) =
                drive_tolerant(|builder| case.replay(builder), NodeConfig::BUGGY)?;
            let verdict = entropy::judge(&replay, &replayed.report);
            Ok(match replayed.violation {
                Some(violation) if is_violation(&violation) => {
                    verdict.or(Verdict::fail(&replay, violation.to_string()))
                }
                _ => verdict,
            })
        })?;
    Ok(report)
}
