//! A small real component for the replay tests: a replicated key-value
//! store with a storage port and a network port, and its replay harness.

#![allow(dead_code, reason = "each test binary uses a part of the harness")]

use reprise_replayer::{Inbound, Outcome, Replay, ReplayError, ReplayPort, Report};
use serde::Deserialize;
use serde_json::json;

/// The recorded transcript of the store: a `put` replicated to two peers,
/// then a `get`.
pub const KV: &str = include_str!("../recordings/kv-node.jsonl");

/// The path of the same transcript on disk.
pub fn kv_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recordings/kv-node.jsonl")
}

/// `KV` with `from` replaced by `to` on the line of event `seq` (and only there).
pub fn edit(seq: u64, from: &str, to: &str) -> String {
    let tag = format!("{{\"seq\":{seq},");
    KV.lines()
        .map(|line| {
            if line.starts_with(&tag) {
                assert!(line.contains(from), "line {seq} has no {from}: {line}");
                line.replacen(from, to, 1)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The storage dependency.
pub trait Storage {
    fn write(&mut self, key: &str, value: &str) -> Result<u64, String>;
    fn read(&mut self, key: &str) -> Result<Option<String>, String>;
}

/// The network dependency.
pub trait Network {
    fn replicate(&mut self, to: u32, key: &str, value: &str, version: u64);
}

/// Deliberate behaviours, to make the replay diverge the way a changed
/// component would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// The recorded behaviour.
    #[default]
    Recorded,
    /// Replicates to the first peer only.
    SkipsLastPeer,
    /// Calls `network.broadcast` instead of `replicate`.
    Broadcasts,
    /// Replicates before writing to storage.
    ReplicatesFirst,
    /// Panics in `get` after reading.
    PanicsOnGet,
}

#[derive(Debug, Deserialize)]
pub struct State {
    pub peers: Vec<u32>,
}

/// The component under test.
pub struct KvStore<S, N> {
    pub storage: S,
    pub network: N,
    pub peers: Vec<u32>,
    pub variant: Variant,
}

impl<S: Storage, N: Network> KvStore<S, N> {
    pub fn put(&mut self, key: &str, value: &str) -> Result<u64, String> {
        if self.variant == Variant::ReplicatesFirst {
            for &to in &self.peers {
                self.network.replicate(to, key, value, 1);
            }
            return self.storage.write(key, value);
        }
        let version = self.storage.write(key, value)?;
        let peers = match self.variant {
            Variant::SkipsLastPeer => &self.peers[..1],
            _ => &self.peers[..],
        };
        for &to in peers {
            self.network.replicate(to, key, value, version);
        }
        Ok(version)
    }

    pub fn get(&mut self, key: &str) -> Result<Option<String>, String> {
        let value = self.storage.read(key)?;
        if self.variant == Variant::PanicsOnGet {
            panic!("index out of bounds: the len is 0 but the index is 0");
        }
        Ok(value)
    }
}

/// Storage replayed from the transcript.
pub struct ReplayStorage(pub ReplayPort);

impl Storage for ReplayStorage {
    fn write(&mut self, key: &str, value: &str) -> Result<u64, String> {
        self.0
            .outbound_result("write", &json!({"key": key, "value": value}))
    }
    fn read(&mut self, key: &str) -> Result<Option<String>, String> {
        self.0.outbound_result("read", &json!({"key": key}))
    }
}

/// Network replayed from the transcript.
pub struct ReplayNetwork(pub ReplayPort, pub Variant);

impl Network for ReplayNetwork {
    fn replicate(&mut self, to: u32, key: &str, value: &str, version: u64) {
        let method = match self.1 {
            Variant::Broadcasts => "broadcast",
            _ => "replicate",
        };
        let () = self.0.outbound(
            method,
            &json!({"to": to, "key": key, "value": value, "version": version}),
        );
    }
}

/// Builds the store from the session and feeds it one recorded call.
pub fn handle<S: Storage, N: Network>(
    store: &mut KvStore<S, N>,
    call: &Inbound,
) -> Result<Outcome, ReplayError> {
    match call.method() {
        "put" => Ok(Outcome::from_result(
            &store.put(call.arg("key")?, call.arg("value")?),
        )?),
        "get" => Ok(Outcome::from_result(&store.get(call.arg("key")?))?),
        _ => Err(ReplayError::unknown_method(call)),
    }
}

/// Replays the store, in `variant`, from a session.
pub fn replay_kv(replay: &Replay, variant: Variant) -> Report {
    let state: State = replay.initial_state().expect("initial state");
    let mut store = KvStore {
        storage: ReplayStorage(replay.port("storage")),
        network: ReplayNetwork(replay.port("network"), variant),
        peers: state.peers,
        variant,
    };
    replay.drive(|call| handle(&mut store, call))
}

/// Replays the store, in `variant`, from transcript text with default settings.
pub fn replay_text(text: &str, variant: Variant) -> Report {
    replay_kv(&Replay::from_str(text).expect("transcript loads"), variant)
}
