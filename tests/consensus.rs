//! The consensus story, checked without printing: the bug is found and
//! recorded from a seed; the checked-in recording replays clean against the
//! shipped code and reproduces the safety violation, deterministically; the
//! fixed code diverges at the event where it rejects the stale prepare.
//!
//! The example's modules are compiled into this test as they are, so the
//! test exercises exactly the code `cargo run --example consensus` runs.
//!
//! Acts 5 and 6 use `reprise::entropy`: the failing recording is
//! minimized, and a campaign of mutations over a clean recording finds the
//! same kind of violation and writes it as a transcript that replays.
//!
//! `tests/recordings/consensus-view-change-race.jsonl` was written by
//! `cargo run --example consensus -- --save tests/recordings/consensus-view-change-race.jsonl`.

#[path = "../view/tests/support/browser.rs"]
mod browser;
#[path = "../examples/consensus/messages.rs"]
mod messages;
#[path = "../examples/consensus/node.rs"]
mod node;
#[path = "../examples/consensus/ports.rs"]
mod ports;
#[path = "../examples/consensus/recorded.rs"]
mod recorded;
#[path = "../examples/consensus/replayed.rs"]
mod replayed;
#[path = "../examples/consensus/sim.rs"]
mod sim;
#[path = "../examples/consensus/story.rs"]
mod story;

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use reprise::replayer::FindingKind;
use reprise::transcript::{Event, Reader};

use messages::{
    Committed, ConsensusError, Digest, LogEntry, Message, NodeId, Request, StorageError, View,
};
use node::{Node, NodeConfig, NodeState};
use ports::{Api, Clock, Network, Ports, Storage, Synchronizer};
use sim::{Sim, SimConfig};
use story::Run;

/// The checked-in transcript: node 2 of seed 3, cut at its safety violation.
const RECORDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/recordings/consensus-view-change-race.jsonl"
);

/// Where, in [`RECORDING`], the fixed node first behaves differently: the
/// write-ahead-log append of the stale prepare, which it no longer makes.
const FIRST_DIVERGENCE_SEQ: u64 = 126;

// ---- the story ----

#[test]
fn seed_search_finds_and_records_the_bug() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut clean_runs = 0;
    let found = story::find_bug(dir.path(), 1..100, |_, run| {
        if let Run::Clean(committed) = run {
            assert!(
                committed.iter().all(|&n| n > 0),
                "a clean run made no progress: {committed:?}"
            );
            clean_runs += 1;
        }
    })?
    .ok_or("no seed in 1..100 showed the bug")?;
    assert_eq!(clean_runs, found.seed - 1);
    assert!(
        story::is_violation(&found.failure.error),
        "{}",
        found.failure.error
    );
    assert!(found.events > 0);
    // The failing run's three transcripts are kept, clean runs' removed.
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 3);
    assert_eq!(found.transcripts.len(), 3);

    let replayed = story::replay(&found.transcript, NodeConfig::BUGGY)?;
    replayed.report.assert_clean();
    assert!(replayed.calls > 0);
    assert_eq!(replayed.violation, Some(found.failure.error));
    Ok(())
}

#[test]
fn recording_replays_clean_and_reproduces_the_violation() -> Result<(), Box<dyn std::error::Error>>
{
    let replayed = story::replay(Path::new(RECORDING), NodeConfig::BUGGY)?;
    replayed.report.assert_clean();
    assert!(
        matches!(
            replayed.violation,
            Some(ConsensusError::CommittedConflict { .. })
        ),
        "{:?}",
        replayed.violation
    );
    Ok(())
}

#[test]
fn recording_holds_a_stale_prepare_after_the_view_change() -> Result<(), Box<dyn std::error::Error>>
{
    let file = std::io::BufReader::new(std::fs::File::open(RECORDING)?);
    let mut calls = Vec::new();
    for event in Reader::new(file)? {
        if let Event::Call(call) = event? {
            calls.push(call);
        }
    }
    let find = |seq: Option<u64>| {
        calls
            .iter()
            .find(|call| Some(call.seq) == seq)
            .ok_or("no such call")
    };
    let append = find(Some(FIRST_DIVERGENCE_SEQ))?;
    let prepare = find(append.parent)?;
    assert_eq!(
        (prepare.port.as_str(), prepare.method.as_str()),
        ("api", "on_message")
    );
    assert_eq!(prepare.args["msg"]["type"], "Prepare");
    let start_view = calls
        .iter()
        .find(|call| {
            call.args["msg"]["type"] == "StartView"
                && call.args["msg"]["view"].as_u64() > prepare.args["msg"]["view"].as_u64()
        })
        .ok_or("no later view started")?;
    assert!(
        start_view.seq < prepare.seq,
        "the view started at #{}, after the prepare #{}",
        start_view.seq,
        prepare.seq
    );
    Ok(())
}

#[test]
fn recording_replays_deterministically() {
    story::determinism(Path::new(RECORDING)).assert_clean();
}

#[test]
fn fixed_code_diverges_where_it_rejects_the_stale_prepare() -> Result<(), Box<dyn std::error::Error>>
{
    let replayed = story::replay(Path::new(RECORDING), NodeConfig::FIXED)?;
    let first = replayed
        .report
        .first()
        .ok_or("the fixed code replayed clean")?;
    assert_eq!(
        (
            first.seq,
            first.port.as_str(),
            first.method.as_str(),
            first.kind
        ),
        (
            Some(FIRST_DIVERGENCE_SEQ),
            "storage",
            "append",
            FindingKind::MissingCall
        )
    );
    assert_eq!(replayed.violation, None);
    insta::assert_snapshot!(replayed.report.to_text());
    Ok(())
}

// ---- seeing it ----

/// Act 4: the failing seed's three transcripts merged into one causal
/// timeline, and the page with the fixed build's divergence overlaid, opened
/// in a real headless Chromium. Its screenshot is the README's
/// (`target/reprise-view/consensus-timeline.png`, copied to
/// `examples/consensus/timeline.png`).
#[test]
fn the_failing_seed_is_merged_and_seen_with_the_divergence_overlaid()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let found = story::find_bug(dir.path(), 1..100, |_, _| {})?.ok_or("no seed showed the bug")?;
    let fixed = story::replay(&found.transcript, NodeConfig::FIXED)?;
    let first = fixed
        .report
        .first()
        .ok_or("the fixed code replayed clean")?;
    let first_seq = first.seq.ok_or("the divergence has a seq")?;
    let seen = story::see(&found, &fixed.report, dir.path())?;

    // Every event of the three nodes is in the merged file, in causal order.
    let node_events: usize = found
        .transcripts
        .iter()
        .map(|p| {
            Reader::new(std::fs::File::open(p)?)
                .map(|r| r.count())
                .map_err(Into::into)
        })
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?
        .into_iter()
        .sum();
    assert_eq!(seen.merge.events, node_events as u64);
    assert_eq!(seen.merge.nodes, ["0", "1", "2"]);
    assert!(seen.merge.matched > 10, "{:?}", seen.merge);
    // The run stops at the violation: messages still in flight are listed as
    // unmatched sends; every receive has its send.
    assert!(
        seen.merge.unmatched_receives.is_empty(),
        "{:?}",
        seen.merge.unmatched_receives
    );
    let mut reader = Reader::new(std::fs::File::open(&seen.cluster)?)?;
    let mut sends = std::collections::HashMap::new();
    let mut failing_node_event = None;
    while let Some(event) = reader.next() {
        let event = event?;
        let origin = reader
            .origin()
            .ok_or("every merged event has its origin")?
            .clone();
        let (seq, clock) = (
            event.seq().unwrap_or_default(),
            origin.clock.unwrap_or_default(),
        );
        sends.insert(seq, clock);
        if let Some(cause) = origin.cause {
            let sent = sends.get(&cause).ok_or("a send comes before its receive")?;
            assert!(*sent < clock, "a receive's clock is above its send's");
        }
        if origin.node == found.failure.node.to_string() && origin.seq == first_seq {
            failing_node_event = Some(seq);
        }
    }
    assert!(
        failing_node_event.is_some(),
        "the divergence's event is in the merged file"
    );

    let html = std::fs::read_to_string(&seen.timeline)?;
    assert!(html.contains("fixed-replay.json"));
    let Some(chromium) =
        browser::browser("the_failing_seed_is_merged_and_seen_with_the_divergence_overlaid")
    else {
        return Ok(());
    };
    let dom = browser::dump_dom(&chromium, &seen.timeline);
    assert_eq!(
        browser::body_data(&dom, "ready"),
        Some("1"),
        "the script ran"
    );
    assert_eq!(
        dom.matches("class=\"lane node-start\"").count(),
        3,
        "a group of lanes per node"
    );
    assert!(
        dom.contains("class=\"finding headline\""),
        "the divergence is highlighted"
    );
    assert!(
        dom.contains(&format!("node {} #", found.failure.node)),
        "the page opens on it"
    );
    let png = browser::artifacts().join("consensus-timeline.png");
    browser::screenshot(&chromium, &seen.timeline, &png, 1600, 760);
    std::fs::copy(
        &seen.timeline,
        browser::artifacts().join("consensus-timeline.html"),
    )?;
    Ok(())
}

// ---- the simulator ----

/// Runs the unrecorded cluster of `nodes` nodes with `seed` and returns the
/// failure, if any.
fn simulate(seed: u64, nodes: usize, config: NodeConfig) -> Option<sim::Failure> {
    let sim = Sim::new(
        seed,
        SimConfig {
            nodes,
            ..SimConfig::default()
        },
    );
    let mut replicas: Vec<Box<dyn Api>> = (0..nodes)
        .map(|id| {
            Box::new(Node::new(NodeState::new(id, nodes), config, sim.ports(id))) as Box<dyn Api>
        })
        .collect();
    sim.run(&mut replicas).failure
}

#[test]
fn shipped_code_fails_under_some_interleavings_only() {
    let failures: Vec<u64> = (0..40)
        .filter(|&seed| simulate(seed, 3, NodeConfig::BUGGY).is_some())
        .collect();
    assert!(!failures.is_empty(), "no seed in 0..40 shows the bug");
    assert!(
        failures.len() < 20,
        "the bug shows for most seeds: {failures:?}"
    );
}

#[test]
fn fixed_code_keeps_the_logs_consistent() {
    for nodes in [3, 5] {
        for seed in 0..100 {
            assert_eq!(
                simulate(seed, nodes, NodeConfig::FIXED),
                None,
                "{nodes} nodes, seed {seed}"
            );
        }
    }
}

#[test]
fn a_seed_determines_the_run() {
    for seed in 0..10 {
        assert_eq!(
            simulate(seed, 3, NodeConfig::BUGGY),
            simulate(seed, 3, NodeConfig::BUGGY)
        );
    }
}

// ---- the node, one message at a time ----

/// What a node under test did through its ports.
#[derive(Clone, Default)]
struct Effects {
    sent: Rc<RefCell<Vec<(NodeId, Message)>>>,
    wal: Rc<RefCell<Vec<LogEntry>>>,
}

impl Network for Effects {
    fn send(&mut self, to: NodeId, msg: &Message) {
        self.sent.borrow_mut().push((to, msg.clone()));
    }
}

impl Storage for Effects {
    fn append(&mut self, entry: &LogEntry) -> Result<u64, StorageError> {
        self.wal.borrow_mut().push(entry.clone());
        Ok(self.wal.borrow().len() as u64)
    }

    fn truncate(&mut self, from: u64) -> Result<(), StorageError> {
        self.wal.borrow_mut().truncate(from as usize - 1);
        Ok(())
    }
}

impl Synchronizer for Effects {
    fn arm(&mut self, _view: View, _after_ms: u64) {}
}

struct FixedClock;

impl Clock for FixedClock {
    fn now_ns(&self) -> u64 {
        sim::EPOCH_NS
    }
}

/// Node `id` of a 3-node cluster, fresh, with ports that remember what it did.
fn test_node(id: NodeId, config: NodeConfig) -> (Node, Effects) {
    let effects = Effects::default();
    let ports = Ports {
        network: Box::new(effects.clone()),
        storage: Box::new(effects.clone()),
        clock: Box::new(FixedClock),
        synchronizer: Box::new(effects.clone()),
    };
    (Node::new(NodeState::new(id, 3), config, ports), effects)
}

fn entry(view: View, id: u64) -> LogEntry {
    LogEntry {
        view,
        request: Request {
            id,
            payload: format!("set k = {id}").into_bytes(),
        },
    }
}

/// Plays the race on follower 2: view 1 starts with entry 1 only, then the
/// replaced leader's prepare of entry 2 arrives, then view 1's own entry 2
/// and its commit. Returns the follower's write-ahead log and the commit's outcome.
fn stale_prepare_race(config: NodeConfig) -> (Vec<LogEntry>, messages::Outcome) {
    let (mut node, effects) = test_node(2, config);
    let (first, stale, current) = (entry(0, 1), entry(0, 2), entry(1, 3));
    let script = [
        (
            0,
            Message::Prepare {
                view: 0,
                index: 1,
                entry: first.clone(),
            },
        ),
        (1, Message::StartViewChange { view: 1 }),
        (
            1,
            Message::StartView {
                view: 1,
                log: vec![first.clone()],
                commit: 0,
            },
        ),
        (
            0,
            Message::Prepare {
                view: 0,
                index: 2,
                entry: stale,
            },
        ),
        (
            1,
            Message::Prepare {
                view: 1,
                index: 2,
                entry: current.clone(),
            },
        ),
    ];
    for (from, msg) in script {
        assert_eq!(node.on_message(from, msg), Ok(vec![]));
    }
    let digest = Digest::GENESIS.chain(&first).chain(&current);
    let outcome = node.on_message(
        1,
        Message::Commit {
            view: 1,
            index: 2,
            digest,
        },
    );
    let wal = effects.wal.borrow().clone();
    (wal, outcome)
}

#[test]
fn shipped_follower_appends_a_stale_prepare_and_detects_the_conflict_at_commit() {
    let (wal, outcome) = stale_prepare_race(NodeConfig::BUGGY);
    assert_eq!(wal, vec![entry(0, 1), entry(0, 2)]);
    assert!(
        matches!(
            outcome,
            Err(ConsensusError::CommittedConflict { index: 2, .. })
        ),
        "{outcome:?}"
    );
}

#[test]
fn fixed_follower_rejects_the_stale_prepare() {
    let (wal, outcome) = stale_prepare_race(NodeConfig::FIXED);
    assert_eq!(wal, vec![entry(0, 1), entry(1, 3)]);
    let committed = vec![
        Committed {
            index: 1,
            request_id: 1,
        },
        Committed {
            index: 2,
            request_id: 3,
        },
    ];
    assert_eq!(outcome, Ok(committed));
}

#[test]
fn leader_commits_once_a_majority_holds_the_entry() {
    let (mut leader, effects) = test_node(0, NodeConfig::FIXED);
    let request = entry(0, 7).request;
    assert_eq!(leader.on_client(request), Ok(vec![]));
    let prepares = effects
        .sent
        .borrow()
        .iter()
        .filter(|(_, m)| matches!(m, Message::Prepare { .. }))
        .count();
    assert_eq!(prepares, 2);

    let committed = leader.on_message(1, Message::PrepareOk { view: 0, index: 1 });
    assert_eq!(
        committed,
        Ok(vec![Committed {
            index: 1,
            request_id: 7
        }])
    );
    let digest = Digest::GENESIS.chain(&entry(0, 7));
    let commit = Message::Commit {
        view: 0,
        index: 1,
        digest,
    };
    assert!(
        effects
            .sent
            .borrow()
            .iter()
            .any(|(to, m)| *to == 2 && *m == commit)
    );
}

#[test]
fn followers_refuse_client_requests_and_name_the_leader() {
    let (mut follower, _) = test_node(1, NodeConfig::FIXED);
    let outcome = follower.on_client(entry(0, 1).request);
    assert_eq!(
        outcome,
        Err(ConsensusError::NotLeader { view: 0, leader: 0 })
    );
}

#[test]
fn payloads_are_base64_in_the_transcript() -> Result<(), serde_json::Error> {
    let request = Request {
        id: 1,
        payload: b"set k1 = 1".to_vec(),
    };
    let json = serde_json::to_value(&request)?;
    assert_eq!(
        json,
        serde_json::json!({"id": 1, "payload": "c2V0IGsxID0gMQ=="})
    );
    assert_eq!(serde_json::from_value::<Request>(json)?, request);
    Ok(())
}

// ---- entropy: minimization and a campaign ----

/// Act 5: the failing recording minimized.
#[test]
fn minimizing_the_failing_recording_keeps_the_stale_prepare_and_drops_most_calls()
-> Result<(), Box<dyn std::error::Error>> {
    let found = story::minimize_failure(Path::new(RECORDING))?;
    assert!(!found.exhausted, "{}", found.summary());
    let (before, after) = found.inbound;
    assert_eq!(before, 62);
    assert!(after * 8 <= before, "{}", found.summary());
    assert!(found.events.1 * 7 <= found.events.0, "{}", found.summary());
    assert!(story::shows_conflict(&found.transcript));
    // What is left is the race: a view-0 prepare after view 1 started.
    let calls: Vec<serde_json::Value> = found
        .transcript
        .inbound_calls()
        .iter()
        .map(|c| serde_json::from_str(c.args.get()))
        .collect::<Result<_, _>>()?;
    let started = calls
        .iter()
        .position(|c| c["msg"]["type"] == "StartView" && c["msg"]["view"] == 1)
        .ok_or("no StartView of view 1 left")?;
    assert!(
        calls[started..]
            .iter()
            .any(|c| c["msg"]["type"] == "Prepare" && c["msg"]["view"] == 0),
        "no stale prepare left"
    );
    Ok(())
}

/// Act 6: a campaign of mutations over a clean recording.
#[test]
fn a_campaign_from_a_clean_recording_finds_the_violation_and_writes_a_transcript_that_replays()
-> Result<(), Box<dyn std::error::Error>> {
    let (seed, node, campaign_seed, cases) = story::CAMPAIGN;
    let dir = tempfile::tempdir()?;
    let run = story::record_every_node(dir.path(), seed)?;
    assert!(matches!(run, Run::Clean(_)), "seed {seed} is clean");
    let clean = dir.path().join(format!("seed-{seed}-node-{node}.jsonl"));
    story::replay(&clean, NodeConfig::BUGGY)?
        .report
        .assert_clean();

    let report = story::campaign(&clean, &dir.path().join("found"), campaign_seed, cases)?;
    let found = report.failure.ok_or("the campaign found nothing")?;
    assert!(!found.mutations.is_empty());
    assert!(found.reason.contains("committed"), "{}", found.reason);
    assert!(
        found.rerun.starts_with(&format!(
            "REPRISE_SEED={} PROPTEST_CASES=1 cargo test",
            found.seed
        )),
        "{}",
        found.rerun
    );

    // The failing case is an ordinary transcript: it replays strictly,
    // clean against the shipped code, and the violation reproduces.
    let path = found.transcript.ok_or("no transcript written")?;
    let replayed = story::replay(&path, NodeConfig::BUGGY)?;
    replayed.report.assert_clean();
    assert!(
        matches!(
            replayed.violation,
            Some(ConsensusError::CommittedConflict { .. })
        ),
        "{:?}",
        replayed.violation
    );
    let replay = reprise::replayer::Replay::from_file(&path)?;
    let meta = &replay.header().meta["entropy"];
    assert_eq!(meta["seed"], found.seed);
    assert_eq!(meta["mutations"], serde_json::to_value(&found.mutations)?);
    Ok(())
}
