//! The node's boundary: the traits it calls out through, and the one it is
//! called through.
//!
//! Everything the node does to the outside world goes through an outbound
//! port ([`Network`], [`Storage`], [`Clock`], [`Synchronizer`]); everything
//! the world does to the node comes in through [`Api`]. That is what makes it
//! recordable: wrap each port, and the transcript holds the node's whole
//! interaction with its environment.
//!
//! Each trait carries `#[reprise::boundary]`, which generates its recording
//! wrapper (`RecordedNetwork<T>`, ...) and its replaying stand-in
//! (`ReplayNetwork`, ...); the inbound [`Api`] gets `RecordedApi<T>` and the
//! `ApiDispatcher` that re-drives a node from a recorded call. The clock is
//! reprise's own [`Clock`] port, with its own `RecordedClock` and `ReplayClock`.

use crate::messages::{LogEntry, Message, NodeId, Outcome, Request, StorageError, View};

pub use reprise::recorder::Clock;

/// Sends messages to other nodes. Delivery is best effort: messages may be
/// delayed and reordered, and `send` never reports failure.
#[reprise::boundary]
pub trait Network {
    /// Sends `msg` to node `to`.
    fn send(&mut self, to: NodeId, msg: &Message);
}

/// The node's write-ahead log: durable, append-only, truncated only when a
/// view change replaces an uncommitted suffix.
#[reprise::boundary]
pub trait Storage {
    /// Appends `entry` and returns its index (the first entry is at `1`).
    fn append(&mut self, entry: &LogEntry) -> Result<u64, StorageError>;
    /// Removes every entry at index `from` and above.
    fn truncate(&mut self, from: u64) -> Result<(), StorageError>;
}

/// The pacemaker: one timer per node, which calls the node's
/// [`Api::on_timeout`] for `view` once `after_ms` milliseconds have passed.
#[reprise::boundary]
pub trait Synchronizer {
    /// Arms the timer for `view`, replacing the one armed before.
    fn arm(&mut self, view: View, after_ms: u64);
}

/// The node's inbound API: what its host calls. Every call returns the
/// entries it committed.
#[reprise::boundary(inbound)]
pub trait Api {
    /// A message from node `from` arrived.
    fn on_message(&mut self, from: NodeId, msg: Message) -> Outcome;
    /// A timeout armed for `view` expired.
    fn on_timeout(&mut self, view: View) -> Outcome;
    /// A client submits `request`; only the leader accepts it.
    fn on_client(&mut self, request: Request) -> Outcome;
}

/// The outbound ports a node is built with.
pub struct Ports {
    /// Messages to other nodes.
    pub network: Box<dyn Network>,
    /// The write-ahead log.
    pub storage: Box<dyn Storage>,
    /// Wall-clock time.
    pub clock: Box<dyn Clock>,
    /// View-change and heartbeat timers.
    pub synchronizer: Box<dyn Synchronizer>,
}
