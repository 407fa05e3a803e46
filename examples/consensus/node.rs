//! The replica: a viewstamped-replication state machine over a replicated log.
//!
//! The leader of view `v` is node `v mod n`. It appends each client request to
//! its write-ahead log and sends `Prepare` to the followers; a follower appends
//! the entry to its own log and answers `PrepareOk`; once a majority holds an
//! entry the leader commits it and sends `Commit` (which doubles as its
//! heartbeat). A follower that hears nothing from its leader for
//! [`VIEW_TIMEOUT_MS`] starts a view change: it sends `StartViewChange` to
//! everyone and its log in `DoViewChange` to the next view's leader, which
//! takes the most up-to-date log of a majority and announces it in
//! `StartView`.
//!
//! The node does no I/O itself: every effect goes through its [`Ports`], and
//! every cause comes in through [`Api`]. It never reads the system clock,
//! never spawns, and iterates no hash maps, so given the same inbound calls
//! and port returns it does the same thing, which is what replay relies on.

use serde::{Deserialize, Serialize};

use crate::messages::{
    Committed, ConsensusError, Digest, Index, LogEntry, Message, NodeId, Outcome, Request,
    StorageError, View,
};
use crate::ports::{Api, Ports};

/// How often a leader sends heartbeats (and retransmits what is unacknowledged).
pub const HEARTBEAT_MS: u64 = 20;

/// How long a follower waits without hearing from its leader before it starts
/// a view change, and how long a view change may take before the next one.
pub const VIEW_TIMEOUT_MS: u64 = 60;

/// At most this many entries are retransmitted to one follower per heartbeat.
const MAX_RETRANSMIT: Index = 8;

/// Switches between the code as shipped and the code as fixed.
///
/// A real project would simply change the code; the demo keeps both paths so
/// that one binary can show the bug and the divergence of the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeConfig {
    /// Reject a `Prepare` from a view older than the node's current one.
    ///
    /// Without this check (the shipped code) a follower that has already moved
    /// to a new view still appends a late `Prepare` from the replaced leader,
    /// although the new view's log, chosen without that entry, may put another
    /// entry at the same index.
    pub strict_view_check: bool,
}

impl NodeConfig {
    /// The code as shipped, with the latent bug.
    pub const BUGGY: NodeConfig = NodeConfig {
        strict_view_check: false,
    };
    /// The code as fixed.
    pub const FIXED: NodeConfig = NodeConfig {
        strict_view_check: true,
    };
}

/// Whether a node takes part in its view or is changing views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The view is running: the leader proposes, followers accept.
    Normal,
    /// The node gave up on its previous view and waits for `StartView`.
    ViewChange,
}

/// A log offered to the leader-elect in a `DoViewChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// The last view in which the sender was in normal status.
    pub last_normal_view: View,
    /// The sender's log.
    pub log: Vec<LogEntry>,
    /// The sender's commit index.
    pub commit: Index,
}

/// Everything a node knows; recorded as the transcript's initial state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeState {
    /// This node.
    pub id: NodeId,
    /// The cluster size.
    pub n: usize,
    /// The current view.
    pub view: View,
    /// Normal or changing views.
    pub status: Status,
    /// The last view in which this node was in normal status.
    pub last_normal_view: View,
    /// The log, mirrored in the write-ahead log.
    pub log: Vec<LogEntry>,
    /// Entries `1..=commit` are committed.
    pub commit: Index,
    /// When the current leader was last heard from (clock nanoseconds).
    pub last_heard_ns: Option<u64>,
    /// As leader: per node, the highest index it acknowledged in this view
    /// (`None` until it acknowledged the view's `StartView`).
    pub acks: Vec<Option<Index>>,
    /// As leader-elect: the `DoViewChange` logs received for this view.
    pub candidates: Vec<Option<Candidate>>,
}

impl NodeState {
    /// A fresh node `id` of an `n`-node cluster: view 0, empty log.
    pub fn new(id: NodeId, n: usize) -> NodeState {
        NodeState {
            id,
            n,
            view: 0,
            status: Status::Normal,
            last_normal_view: 0,
            log: Vec::new(),
            commit: 0,
            last_heard_ns: None,
            acks: vec![Some(0); n],
            candidates: vec![None; n],
        }
    }
}

impl NodeState {
    /// Checks what the node relies on, for a state read from a transcript.
    pub fn check(&self) -> Result<(), String> {
        let n = self.n;
        if n == 0 || self.id >= n {
            return Err(format!("node {} of a {n}-node cluster", self.id));
        }
        if self.acks.len() != n || self.candidates.len() != n {
            return Err(format!(
                "acks and candidates must have one slot per node ({n})"
            ));
        }
        if self.commit > self.log.len() as Index {
            return Err(format!(
                "commit {} is beyond the log ({} entries)",
                self.commit,
                self.log.len()
            ));
        }
        Ok(())
    }
}

/// A replica: its state, its configuration and its outbound ports.
pub struct Node {
    state: NodeState,
    /// `digests[i]` is the log's digest at index `i`; `digests[0]` is genesis.
    digests: Vec<Digest>,
    config: NodeConfig,
    ports: Ports,
}

impl Node {
    /// A node resuming from `state` (a fresh one, or a transcript's initial state).
    pub fn new(state: NodeState, config: NodeConfig, ports: Ports) -> Node {
        let digests = chain(&state.log);
        Node {
            state,
            digests,
            config,
            ports,
        }
    }

    fn leader_of(&self, view: View) -> NodeId {
        // The remainder is below `n`, which is a `usize`.
        (view % self.state.n as u64) as NodeId
    }

    fn is_leader(&self) -> bool {
        self.leader_of(self.state.view) == self.state.id
    }

    fn majority(&self) -> usize {
        self.state.n / 2 + 1
    }

    fn len(&self) -> Index {
        self.state.log.len() as Index
    }

    fn digest_at(&self, index: Index) -> Digest {
        self.digests[to_usize(index)]
    }

    fn broadcast(&mut self, msg: &Message) {
        for to in 0..self.state.n {
            if to != self.state.id {
                self.ports.network.send(to, msg);
            }
        }
    }

    /// Notes that the current leader was heard from just now.
    fn touch(&mut self) {
        self.state.last_heard_ns = Some(self.ports.clock.now_ns());
    }

    /// Appends to the write-ahead log, then to the in-memory log.
    fn append(&mut self, entry: LogEntry) -> Result<Index, ConsensusError> {
        let index = self.ports.storage.append(&entry)?;
        let expected = self.len() + 1;
        if index != expected {
            return Err(StorageError {
                message: format!("appended at index {index}, expected {expected}"),
            }
            .into());
        }
        let digest = self.digest_at(self.len()).chain(&entry);
        self.state.log.push(entry);
        self.digests.push(digest);
        Ok(index)
    }

    /// Replaces the log with `log`, keeping the common prefix, and refuses to
    /// drop an entry that is already committed.
    fn install_log(&mut self, log: Vec<LogEntry>) -> Result<(), ConsensusError> {
        let theirs = chain(&log);
        let common = self.len().min(log.len() as Index);
        let first_diff = (1..=common)
            .find(|&i| self.digest_at(i) != theirs[to_usize(i)])
            .unwrap_or(common + 1);
        if first_diff <= self.state.commit {
            return Err(match theirs.get(to_usize(first_diff)) {
                Some(&committed) => ConsensusError::CommittedConflict {
                    index: first_diff,
                    ours: self.digest_at(first_diff),
                    committed,
                },
                None => ConsensusError::CommittedDropped { index: first_diff },
            });
        }
        if first_diff <= self.len() {
            self.ports.storage.truncate(first_diff)?;
            self.state.log.truncate(to_usize(first_diff) - 1);
            self.digests.truncate(to_usize(first_diff));
        }
        for entry in log.into_iter().skip(to_usize(first_diff) - 1) {
            self.append(entry)?;
        }
        Ok(())
    }

    /// Marks entries up to `index` committed and returns the newly committed.
    fn commit_to(&mut self, index: Index) -> Vec<Committed> {
        let index = index.min(self.len());
        let committed = (self.state.commit + 1..=index)
            .map(|i| Committed {
                index: i,
                request_id: self.state.log[to_usize(i) - 1].request.id,
            })
            .collect();
        self.state.commit = self.state.commit.max(index);
        committed
    }

    /// As leader: commits the highest index a majority holds, and tells the followers.
    fn advance_commit(&mut self) -> Vec<Committed> {
        let majority = self.majority();
        let holders = |k: Index| {
            self.state
                .acks
                .iter()
                .filter(|a| a.is_some_and(|a| a >= k))
                .count()
        };
        let Some(index) = (self.state.commit + 1..=self.len())
            .rev()
            .find(|&k| holders(k) >= majority)
        else {
            return Vec::new();
        };
        let view = self.state.view;
        let digest = self.digest_at(index);
        self.broadcast(&Message::Commit {
            view,
            index,
            digest,
        });
        self.commit_to(index)
    }

    /// As leader: a heartbeat to each follower: `StartView` if it has not
    /// acknowledged the view, otherwise the entries it has not acknowledged
    /// and a `Commit`.
    fn heartbeat(&mut self) {
        let (view, commit, len) = (self.state.view, self.state.commit, self.len());
        for to in 0..self.state.n {
            if to == self.state.id {
                continue;
            }
            let Some(acked) = self.state.acks[to] else {
                let log = self.state.log.clone();
                self.ports
                    .network
                    .send(to, &Message::StartView { view, log, commit });
                continue;
            };
            for index in acked + 1..=len.min(acked + MAX_RETRANSMIT) {
                let entry = self.state.log[to_usize(index) - 1].clone();
                self.ports
                    .network
                    .send(to, &Message::Prepare { view, index, entry });
            }
            // Commit as far as the follower is known to hold our log, so that
            // it can check the digest and commit too.
            let index = commit.min(acked);
            let digest = self.digest_at(index);
            self.ports.network.send(
                to,
                &Message::Commit {
                    view,
                    index,
                    digest,
                },
            );
        }
    }

    /// Gives up on the current view and moves to `view`.
    fn start_view_change(&mut self, view: View) -> Outcome {
        let n = self.state.n;
        self.state.view = view;
        self.state.status = Status::ViewChange;
        self.state.acks = vec![None; n];
        self.state.candidates = vec![None; n];
        self.broadcast(&Message::StartViewChange { view });
        self.ports.synchronizer.arm(view, VIEW_TIMEOUT_MS);
        let candidate = Candidate {
            last_normal_view: self.state.last_normal_view,
            log: self.state.log.clone(),
            commit: self.state.commit,
        };
        let leader = self.leader_of(view);
        if leader == self.state.id {
            self.state.candidates[leader] = Some(candidate);
            return self.try_start_view();
        }
        let Candidate {
            last_normal_view,
            log,
            commit,
        } = candidate;
        self.ports.network.send(
            leader,
            &Message::DoViewChange {
                view,
                last_normal_view,
                log,
                commit,
            },
        );
        Ok(Vec::new())
    }

    /// As leader-elect: starts the view once a majority sent their logs.
    fn try_start_view(&mut self) -> Outcome {
        let candidates: Vec<&Candidate> = self.state.candidates.iter().flatten().collect();
        if candidates.len() < self.majority() {
            return Ok(Vec::new());
        }
        let commit = candidates.iter().map(|c| c.commit).max().unwrap_or(0);
        let best = candidates
            .iter()
            .max_by_key(|c| (c.last_normal_view, c.log.len()))
            .map(|c| c.log.clone())
            .unwrap_or_default();
        self.install_log(best)?;
        let (n, id, view, len) = (self.state.n, self.state.id, self.state.view, self.len());
        self.state.status = Status::Normal;
        self.state.last_normal_view = view;
        self.state.candidates = vec![None; n];
        self.state.acks = vec![None; n];
        self.state.acks[id] = Some(len);
        let log = self.state.log.clone();
        self.broadcast(&Message::StartView { view, log, commit });
        self.ports.synchronizer.arm(view, HEARTBEAT_MS);
        Ok(self.commit_to(commit))
    }

    fn on_prepare(&mut self, from: NodeId, view: View, index: Index, entry: LogEntry) -> Outcome {
        let current = self.state.view;
        if self.is_leader() {
            // A leader takes no orders.
            return Ok(Vec::new());
        }
        if view > current || (view == current && self.state.status != Status::Normal) {
            // We missed the start of `view`; its leader resends `StartView`.
            return Ok(Vec::new());
        }
        if self.config.strict_view_check && view < current {
            // A prepare from a leader that has since been replaced.
            return Ok(Vec::new());
        }
        if view == current {
            self.touch();
        }
        let len = self.len();
        if index == 0 || index > len + 1 {
            // Not a log position, or an earlier prepare is still in flight
            // (the leader retransmits).
            return Ok(Vec::new());
        }
        if index <= len {
            // A retransmission: acknowledge it again if it is what we hold.
            if self.digest_at(index - 1).chain(&entry) == self.digest_at(index) {
                self.ports
                    .network
                    .send(from, &Message::PrepareOk { view, index });
            }
            return Ok(Vec::new());
        }
        self.append(entry)?;
        self.ports
            .network
            .send(from, &Message::PrepareOk { view, index });
        Ok(Vec::new())
    }

    fn on_prepare_ok(&mut self, from: NodeId, view: View, index: Index) -> Outcome {
        if view != self.state.view || self.state.status != Status::Normal || !self.is_leader() {
            return Ok(Vec::new());
        }
        let index = index.min(self.len());
        if let Some(acked) = self.state.acks.get_mut(from) {
            *acked = Some(acked.map_or(index, |a| a.max(index)));
        }
        Ok(self.advance_commit())
    }

    fn on_commit(&mut self, view: View, index: Index, digest: Digest) -> Outcome {
        if view != self.state.view || self.state.status != Status::Normal || self.is_leader() {
            return Ok(Vec::new());
        }
        self.touch();
        if index > self.len() {
            // We lag behind; the leader retransmits what we miss.
            return Ok(Vec::new());
        }
        let ours = self.digest_at(index);
        if ours != digest {
            return Err(ConsensusError::CommittedConflict {
                index,
                ours,
                committed: digest,
            });
        }
        Ok(self.commit_to(index))
    }

    fn on_do_view_change(&mut self, from: NodeId, view: View, candidate: Candidate) -> Outcome {
        let mut committed = Vec::new();
        if view > self.state.view {
            committed = self.start_view_change(view)?;
        }
        let waiting = view == self.state.view
            && self.state.status == Status::ViewChange
            && self.leader_of(view) == self.state.id;
        if let Some(slot) = self.state.candidates.get_mut(from).filter(|_| waiting) {
            *slot = Some(candidate);
            committed.extend(self.try_start_view()?);
        }
        Ok(committed)
    }

    fn on_start_view(
        &mut self,
        from: NodeId,
        view: View,
        log: Vec<LogEntry>,
        commit: Index,
    ) -> Outcome {
        let current = self.state.view;
        if view < current || (view == current && self.state.status == Status::Normal) {
            return Ok(Vec::new());
        }
        self.install_log(log)?;
        let n = self.state.n;
        self.state.view = view;
        self.state.status = Status::Normal;
        self.state.last_normal_view = view;
        self.state.acks = vec![None; n];
        self.state.candidates = vec![None; n];
        self.touch();
        let index = self.len();
        self.ports
            .network
            .send(from, &Message::PrepareOk { view, index });
        self.ports.synchronizer.arm(view, VIEW_TIMEOUT_MS);
        Ok(self.commit_to(commit))
    }
}

impl Api for Node {
    fn on_message(&mut self, from: NodeId, msg: Message) -> Outcome {
        match msg {
            Message::Prepare { view, index, entry } => self.on_prepare(from, view, index, entry),
            Message::PrepareOk { view, index } => self.on_prepare_ok(from, view, index),
            Message::Commit {
                view,
                index,
                digest,
            } => self.on_commit(view, index, digest),
            Message::StartViewChange { view } if view > self.state.view => {
                self.start_view_change(view)
            }
            Message::StartViewChange { .. } => Ok(Vec::new()),
            Message::DoViewChange {
                view,
                last_normal_view,
                log,
                commit,
            } => self.on_do_view_change(
                from,
                view,
                Candidate {
                    last_normal_view,
                    log,
                    commit,
                },
            ),
            Message::StartView { view, log, commit } => self.on_start_view(from, view, log, commit),
        }
    }

    fn on_timeout(&mut self, view: View) -> Outcome {
        if view != self.state.view {
            return Ok(Vec::new());
        }
        match self.state.status {
            // The view change stalled: try the next leader.
            Status::ViewChange => self.start_view_change(view + 1),
            Status::Normal if self.is_leader() => {
                self.heartbeat();
                self.ports.synchronizer.arm(view, HEARTBEAT_MS);
                Ok(Vec::new())
            }
            Status::Normal => {
                let now = self.ports.clock.now_ns();
                let last = *self.state.last_heard_ns.get_or_insert(now);
                let silent_ms = now.saturating_sub(last) / 1_000_000;
                if silent_ms >= VIEW_TIMEOUT_MS {
                    return self.start_view_change(view + 1);
                }
                self.ports
                    .synchronizer
                    .arm(view, VIEW_TIMEOUT_MS - silent_ms);
                Ok(Vec::new())
            }
        }
    }

    fn on_client(&mut self, request: Request) -> Outcome {
        let view = self.state.view;
        if self.state.status != Status::Normal || !self.is_leader() {
            return Err(ConsensusError::NotLeader {
                view,
                leader: self.leader_of(view),
            });
        }
        let entry = LogEntry { view, request };
        let index = self.append(entry.clone())?;
        self.state.acks[self.state.id] = Some(index);
        self.broadcast(&Message::Prepare { view, index, entry });
        Ok(self.advance_commit())
    }
}

/// The digest chain of `log`: genesis, then one digest per entry.
fn chain(log: &[LogEntry]) -> Vec<Digest> {
    let mut digests = Vec::with_capacity(log.len() + 1);
    digests.push(Digest::GENESIS);
    for entry in log {
        let last = digests[digests.len() - 1];
        digests.push(last.chain(entry));
    }
    digests
}

/// A log index as a position in memory; logs this size always fit.
fn to_usize(index: Index) -> usize {
    usize::try_from(index).unwrap_or(usize::MAX)
}
