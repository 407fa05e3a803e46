//! Scrubbed transcripts still replay: the consensus story's transcripts,
//! scrubbed with the default rules and in allowlist mode, replay against the
//! shipped code with no divergence.
//!
//! Two transcripts:
//!
//! - the checked-in `tests/recordings/consensus-view-change-race.jsonl`,
//!   whose client payloads (`set k1 = 1`) hold nothing sensitive: scrubbing
//!   must leave the replay, and the safety violation it reproduces, intact;
//! - a fresh recording made here, of a cluster whose client requests carry
//!   emails and GitHub tokens: scrubbing must change them (checked before
//!   replaying), and the scrubbed transcript must still replay.
//!
//! One limit shows in the second: the node chains a digest (FNV-1a) over the
//! payload bytes and sends it in `Commit` messages. A scrubbed payload has
//! another digest, so a digest the node *computes* from a scrubbed payload
//! differs from the recorded one, which was computed from the original; the
//! replay ignores `$..digest` for that (and the test checks that the digests
//! are the only thing that differs without the rule). A digest a node
//! *checks* against one computed elsewhere (a follower's `Commit`) cannot be
//! fixed by any sanitizer, so the fresh recording is the leader's, in a run
//! without a view change. Values derived from secrets are the component's to
//! know; the sanitizer cannot recompute them.

#[path = "../examples/consensus/messages.rs"]
#[allow(dead_code)]
mod messages;
#[path = "../examples/consensus/node.rs"]
#[allow(dead_code)]
mod node;
#[path = "../examples/consensus/ports.rs"]
#[allow(dead_code)]
mod ports;
#[path = "../examples/consensus/recorded.rs"]
mod recorded;
#[path = "../examples/consensus/replayed.rs"]
mod replayed;
#[path = "../examples/consensus/sim.rs"]
#[allow(dead_code)]
mod sim;
#[path = "../examples/consensus/story.rs"]
#[allow(dead_code)]
mod story;

use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use reprise::recorder::{FileSink, Recorder};
use reprise::replayer::Replay;
use reprise::transcript::Reader;
use reprise_sanitizer::{Allowlist, Key, Sanitizer, Scrubbed, Verifier};

use messages::{ConsensusError, Message, NodeId, Outcome, Request, View};
use node::{Node, NodeConfig, NodeState};
use ports::{Api, RecordedApi};
use sim::{Sim, SimConfig};

/// The checked-in transcript: node 2 of seed 3, cut at its safety violation.
const RECORDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/recordings/consensus-view-change-race.jsonl"
);

/// The paths the consensus node needs in clear to replay, for allowlist
/// mode: every field of its messages, state and returns it reads or
/// compares. Everything else (the header's `meta`, say) is pseudonymized.
///
/// The payload is listed for the checked-in recording only: it holds no
/// personal data there, and the node hashes it into digests that arrive
/// from other nodes (see the module docs).
const NEEDED: &str = "
# message and call fields
$.args.from
$.args.to
$.args.view
$.args.after_ms
$..type
$..view
$..index
$..commit
$..last_normal_view
$..digest
$..request.id
$..payload
$..log
$..entry.view
# the node's state
$.state
# returns: clock readings, log indices, committed entries, errors
$.ok
$.err
";

/// For the fresh recording: the same, but the payload (where the client's
/// secrets are) is not in clear.
const NEEDED_NOT_PAYLOAD: &str = "
$.args.from
$.args.to
$.args.view
$.args.after_ms
$..type
$..view
$..index
$..commit
$..last_normal_view
$..digest
$..request.id
$..entry.view
$.ok
$.err
$.state.id
$.state.n
$.state.view
$.state.status
$.state.last_normal_view
$.state.commit
$.state.last_heard_ns
$.state.acks
$.state.candidates
";

const EMAILS: [&str; 3] = [
    "alice.martin@corp-mail.com",
    "bob@example-bank.co.uk",
    "carol+ops@corp-mail.com",
];
const TOKEN: &str = "ghp_Zk3xQ9vB7nT2mL5pR8wY4cD1fH6jK0sA2eG7";

fn key() -> Key {
    Key::from_bytes(b"the user's own key, kept at home", "test").expect("a valid key")
}

fn defaults() -> Sanitizer {
    Sanitizer::builder()
        .pseudonym_key(key())
        .build()
        .expect("the default rules build")
}

fn allowlist(paths: &str) -> Sanitizer {
    Sanitizer::builder()
        .pseudonym_key(key())
        .allowlist(Allowlist::parse(paths, "test allowlist").expect("the allowlist parses"))
        .build()
        .expect("the rules build")
}

/// Scrubs the transcript at `input` with `sanitizer` into `dir`.
fn scrub(
    sanitizer: &Sanitizer,
    input: &Path,
    dir: &Path,
    name: &str,
) -> Result<(PathBuf, Scrubbed), Box<dyn Error>> {
    let output = dir.join(name);
    let reader = Reader::new(BufReader::new(File::open(input)?))?;
    let mut out = Vec::new();
    let done = sanitizer.scrub_transcript(reader, tempfile::tempfile()?, &mut out, &mut |_| {})?;
    assert_eq!(done.bad_lines, 0);
    std::fs::write(&output, out)?;
    Ok((output, done))
}

// ---- the checked-in recording ----

#[test]
fn the_checked_in_recording_scrubbed_with_the_defaults_replays_clean() -> Result<(), Box<dyn Error>>
{
    let dir = tempfile::tempdir()?;
    let (scrubbed, done) = scrub(
        &defaults(),
        Path::new(RECORDING),
        dir.path(),
        "defaults.jsonl",
    )?;
    assert_eq!(done.events, 271);
    let replayed = story::replay(&scrubbed, NodeConfig::BUGGY)?;
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
fn the_checked_in_recording_scrubbed_in_allowlist_mode_replays_clean() -> Result<(), Box<dyn Error>>
{
    let dir = tempfile::tempdir()?;
    let (scrubbed, done) = scrub(
        &allowlist(NEEDED),
        Path::new(RECORDING),
        dir.path(),
        "allow.jsonl",
    )?;
    let report = done.report.to_json();
    assert_eq!(report["mode"], "allowlist");
    // The header's metadata is not on the list: it is pseudonymized.
    let header = Reader::new(BufReader::new(File::open(&scrubbed)?))?
        .header()
        .clone();
    assert_ne!(header.meta["seed"], 3);
    let replayed = story::replay(&scrubbed, NodeConfig::BUGGY)?;
    replayed.report.assert_clean();
    assert!(replayed.violation.is_some());
    Ok(())
}

// ---- a fresh recording whose client requests carry secrets ----

/// Puts an email and a token into every client request the node is given,
/// before the recording wrapper sees it.
struct WithSecrets<A>(A);

impl<A: Api> Api for WithSecrets<A> {
    fn on_message(&mut self, from: NodeId, msg: Message) -> Outcome {
        self.0.on_message(from, msg)
    }

    fn on_timeout(&mut self, view: View) -> Outcome {
        self.0.on_timeout(view)
    }

    fn on_client(&mut self, request: Request) -> Outcome {
        let email = EMAILS[(request.id % 3) as usize];
        let payload = format!(
            "set owner:{} = {email}; auth = {TOKEN}; was {}",
            request.id % 4,
            String::from_utf8_lossy(&request.payload)
        );
        self.0.on_client(Request {
            id: request.id,
            payload: payload.into_bytes(),
        })
    }
}

/// Records node 0 (the leader of view 0) of a 3-node run without
/// congestion, hence without a view change, into `dir`.
fn record_leader(dir: &Path, seed: u64) -> Result<PathBuf, Box<dyn Error>> {
    let config = SimConfig {
        max_congestion_ms: 1,
        ..SimConfig::default()
    };
    let sim = Sim::new(seed, config);
    let path = dir.join(format!("leader-{seed}.jsonl"));
    let mut recorders = Vec::new();
    let mut nodes: Vec<Box<dyn Api>> = Vec::new();
    for id in 0..config.nodes {
        let state = NodeState::new(id, config.nodes);
        let node_path = if id == 0 {
            path.clone()
        } else {
            dir.join(format!("follower-{seed}-{id}.jsonl"))
        };
        let recorder = Recorder::builder(story::COMPONENT)
            .meta("node", id)
            .meta("seed", seed)
            .sink(FileSink::builder(&node_path).open()?)
            .start(&state)?;
        let node = Node::new(
            state,
            NodeConfig::BUGGY,
            recorded::ports(sim.ports(id), &recorder),
        );
        nodes.push(Box::new(WithSecrets(RecordedApi::new(node, &recorder))));
        recorders.push(recorder);
    }
    let result = sim.run(&mut nodes);
    drop(nodes);
    for recorder in recorders {
        recorder.finish()?;
    }
    assert_eq!(result.failure, None, "seed {seed}");
    assert!(result.committed[0] > 0, "seed {seed}: nothing committed");
    Ok(path)
}

/// Every client payload in the transcript at `path`, decoded.
fn payloads(path: &Path) -> Result<Vec<String>, Box<dyn Error>> {
    let mut out = Vec::new();
    for event in Reader::new(BufReader::new(File::open(path)?))? {
        if let reprise::transcript::Event::Call(call) = event?
            && call.method == "on_client"
            && let Some(payload) = call.args["request"]["payload"].as_str()
        {
            let bytes = base64::engine::general_purpose::STANDARD.decode(payload)?;
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(out)
}

/// How many findings `reprise verify` would report in the transcript at `path`.
fn leaks(path: &Path) -> Result<usize, Box<dyn Error>> {
    let verifier = Verifier::new()?;
    let mut reader = Reader::new(BufReader::new(File::open(path)?))?;
    let accepted = reprise_sanitizer::pseudonymized_paths(reader.header().sanitizer.as_ref());
    let mut found = verifier.check_header(reader.header(), &accepted).len();
    for event in reader.by_ref() {
        found += verifier.check_event(&event?, &accepted).len();
    }
    Ok(found)
}

/// Replays the transcript at `path` against the shipped code, ignoring the
/// digests the node computes from the (scrubbed) payloads.
fn replay_ignoring_digests(path: &Path) -> Result<story::Replayed, Box<dyn Error>> {
    let replay = Replay::builder().ignore("$..digest")?.from_file(path)?;
    Ok(story::drive(&replay, NodeConfig::BUGGY)?)
}

/// Checks that the scrubbed transcript holds no secret any more, replays
/// clean against the shipped code, and without the digest rule differs
/// only in digests.
fn check_scrubbed(raw: &Path, scrubbed: &Path) -> Result<(), Box<dyn Error>> {
    let text = std::fs::read_to_string(scrubbed)?;
    let after = payloads(scrubbed)?;
    let before = payloads(raw)?;
    assert_eq!(before.len(), after.len());
    assert!(before.len() > 3, "too few client requests: {before:?}");
    assert_ne!(before, after, "the sanitizer changed nothing");
    for payload in &after {
        assert!(
            EMAILS.iter().all(|e| !payload.contains(e)) && !payload.contains(TOKEN),
            "{payload}"
        );
    }
    for secret in EMAILS.iter().chain([&TOKEN]) {
        assert!(!text.contains(secret));
    }
    assert_eq!(leaks(scrubbed)?, 0, "verify passes");

    replay_ignoring_digests(scrubbed)?.report.assert_clean();

    let strict = story::replay(scrubbed, NodeConfig::BUGGY)?;
    assert!(!strict.report.is_clean(), "the digests should differ");
    for finding in strict.report.findings() {
        assert_eq!(
            (finding.method.as_str(), finding.paths.as_slice()),
            ("send", ["$.args.msg.digest".to_owned()].as_slice()),
            "more than digests differ: {}",
            finding.to_text()
        );
    }
    Ok(())
}

#[test]
fn a_leader_transcript_with_secrets_in_its_requests_scrubbed_still_replays()
-> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let raw = record_leader(dir.path(), 1)?;

    // The raw transcript holds the secrets, and replays clean as it is.
    let before = payloads(&raw)?;
    assert!(
        before
            .iter()
            .all(|p| p.contains(TOKEN) && EMAILS.iter().any(|e| p.contains(e)))
    );
    assert!(leaks(&raw)? > 0, "verify fails on the raw transcript");
    story::replay(&raw, NodeConfig::BUGGY)?
        .report
        .assert_clean();

    let (scrubbed, done) = scrub(&defaults(), &raw, dir.path(), "defaults.jsonl")?;
    assert!(done.report.total() > 0);
    check_scrubbed(&raw, &scrubbed)?;

    let (scrubbed, done) = scrub(
        &allowlist(NEEDED_NOT_PAYLOAD),
        &raw,
        dir.path(),
        "allow.jsonl",
    )?;
    assert_eq!(done.report.to_json()["mode"], "allowlist");
    check_scrubbed(&raw, &scrubbed)?;
    Ok(())
}
