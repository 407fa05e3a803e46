//! The protocol's data: client requests, log entries, digests, messages,
//! what a call returns and how it fails.
//!
//! Everything here is `Serialize`/`Deserialize` because it crosses the
//! recorded boundary: it is what a transcript's `args`, `ok` and `err` hold.
//! Client payloads are bytes, written as base64 strings in the transcript.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A node's position in the cluster, from `0` to `n - 1`.
pub type NodeId = usize;

/// A view number; the leader of view `v` is node `v mod n`.
pub type View = u64;

/// A position in the replicated log, from `1`; `0` means "before the first".
pub type Index = u64;

/// A client's command, opaque to the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Unique per request, chosen by the client.
    pub id: u64,
    /// The command itself.
    #[serde(with = "reprise::bytes")]
    pub payload: Vec<u8>,
}

/// One slot of the replicated log: a request and the view that proposed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The view whose leader proposed this entry.
    pub view: View,
    /// The client request it carries.
    pub request: Request,
}

/// A hash chain over the log: the digest at index `i` covers entries `1..=i`,
/// so two logs with the same digest at `i` agree on their whole prefix.
///
/// Written as 16 hex digits, which reads better than a large integer.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Digest(u64);

impl Digest {
    /// The digest of the empty log.
    pub const GENESIS: Digest = Digest(0xcbf2_9ce4_8422_2325);

    /// The digest of a log whose prefix has digest `self`, extended by `entry`
    /// (FNV-1a, deterministic on every platform and Rust version).
    pub fn chain(self, entry: &LogEntry) -> Digest {
        let mut hash = self.0;
        let id = entry.request.id.to_le_bytes();
        for byte in id.iter().chain(&entry.request.payload) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Digest(hash)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl From<Digest> for String {
    fn from(digest: Digest) -> String {
        digest.to_string()
    }
}

impl TryFrom<String> for Digest {
    type Error = std::num::ParseIntError;

    fn try_from(text: String) -> Result<Digest, Self::Error> {
        u64::from_str_radix(&text, 16).map(Digest)
    }
}

/// What nodes send each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Message {
    /// Leader to followers: append `entry` at `index`.
    Prepare {
        /// The leader's view.
        view: View,
        /// Where the entry goes.
        index: Index,
        /// The proposed entry.
        entry: LogEntry,
    },
    /// Follower to leader: my log holds your entries up to `index`.
    PrepareOk {
        /// The view of the prepare (or start-view) being acknowledged.
        view: View,
        /// The highest index acknowledged.
        index: Index,
    },
    /// Leader to followers: the log is committed up to `index`, whose digest
    /// is `digest`. Also sent as the leader's heartbeat.
    Commit {
        /// The leader's view.
        view: View,
        /// The commit index.
        index: Index,
        /// The leader's log digest at `index`.
        digest: Digest,
    },
    /// Anyone to everyone: I gave up on the previous view; let us move to `view`.
    StartViewChange {
        /// The view being started.
        view: View,
    },
    /// To the leader of `view`: my log, so you can pick the most up to date.
    DoViewChange {
        /// The view being started.
        view: View,
        /// The last view in which the sender was in normal status.
        last_normal_view: View,
        /// The sender's whole log.
        log: Vec<LogEntry>,
        /// The sender's commit index.
        commit: Index,
    },
    /// New leader to followers: `view` has started with this log.
    StartView {
        /// The new view.
        view: View,
        /// The log chosen from a majority of `DoViewChange`s.
        log: Vec<LogEntry>,
        /// The commit index known to that majority.
        commit: Index,
    },
}

/// An entry that became committed during a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// Its log index.
    pub index: Index,
    /// The request it carries.
    pub request_id: u64,
}

/// What every inbound call returns: the entries it committed, if any.
pub type Outcome = Result<Vec<Committed>, ConsensusError>;

/// A failure of the write-ahead log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageError {
    /// What went wrong, in words.
    pub message: String,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "write-ahead log: {}", self.message)
    }
}

impl std::error::Error for StorageError {}

/// Why a node refused or failed a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsensusError {
    /// A client asked a node that is not the leader of a view in normal status.
    NotLeader {
        /// The node's current view.
        view: View,
        /// Who leads that view: retry there.
        leader: NodeId,
    },
    /// Safety violation: the cluster committed its log up to `index`, and this
    /// node's log disagrees with it at `index` or before.
    CommittedConflict {
        /// The committed index whose digest differs.
        index: Index,
        /// This node's digest at `index`.
        ours: Digest,
        /// The committed digest at `index`.
        committed: Digest,
    },
    /// Safety violation: a view change would drop the committed entry at `index`.
    CommittedDropped {
        /// The first committed index missing from the new view's log.
        index: Index,
    },
    /// The write-ahead log failed.
    Storage(StorageError),
}

impl fmt::Display for ConsensusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsensusError::NotLeader { view, leader } => {
                write!(f, "not the leader of view {view}; node {leader} is")
            }
            ConsensusError::CommittedConflict {
                index,
                ours,
                committed,
            } => write!(
                f,
                "safety violation: the log committed up to entry {index} has digest {committed}, \
                 but this node's log up to there has digest {ours}"
            ),
            ConsensusError::CommittedDropped { index } => write!(
                f,
                "safety violation: the new view's log drops committed entry {index}"
            ),
            ConsensusError::Storage(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ConsensusError {}

impl From<StorageError> for ConsensusError {
    fn from(error: StorageError) -> Self {
        ConsensusError::Storage(error)
    }
}
