//! An in-process cluster: a simulated network with seeded delays, reordering
//! and congested links, an in-memory write-ahead log, a virtual clock, a
//! pacemaker, and a client that keeps submitting requests.
//!
//! Everything random comes from one RNG seeded by the run's seed, and events
//! at the same instant run in the order they were scheduled, so a seed
//! determines the whole run: the same seed always finds the same bug.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::messages::{
    ConsensusError, LogEntry, Message, NodeId, Outcome, Request, StorageError, View,
};
use crate::ports::{Api, Clock, Network, Ports, Storage, Synchronizer};

/// The virtual clock's reading at the start of every run: 2026-01-01T00:00:00Z.
pub const EPOCH_NS: u64 = 1_767_225_600_000_000_000;

const MS: u64 = 1_000_000;

/// The shape of a simulated run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimConfig {
    /// How many nodes (3 or 5).
    pub nodes: usize,
    /// The run stops after this much virtual time.
    pub horizon_ms: u64,
    /// A message takes between 1 ms and this long to arrive.
    pub max_delay_ms: u64,
    /// A client request arrives every 1 ms to this many ms.
    pub max_request_gap_ms: u64,
    /// Each node's outbound link congests once, at a random time before this.
    pub congestion_before_ms: u64,
    /// A congestion holds messages back for up to this long.
    pub max_congestion_ms: u64,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            nodes: 3,
            horizon_ms: 200,
            max_delay_ms: 8,
            max_request_gap_ms: 16,
            congestion_before_ms: 100,
            max_congestion_ms: 120,
        }
    }
}

/// The first error a node returned, which ends the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The node that returned it.
    pub node: NodeId,
    /// What it returned.
    pub error: ConsensusError,
    /// When, in virtual milliseconds since the start.
    pub at_ms: u64,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    /// The first error a node returned (a client's `NotLeader` aside).
    pub failure: Option<Failure>,
    /// How many entries node by node committed.
    pub committed: Vec<usize>,
}

/// The simulator. Build it, hand each node the [`Ports`] from
/// [`Sim::ports`], then [`Sim::run`] the nodes.
pub struct Sim {
    config: SimConfig,
    rng: StdRng,
    now_ns: u64,
    clock: Arc<AtomicU64>,
    outbox: Outbox,
    queue: BinaryHeap<Reverse<Scheduled>>,
    next_order: u64,
    /// Per node: the generation of its armed timer; older ones are dropped.
    timers: Vec<u64>,
    /// Per node: its outbound link holds messages until this time.
    congested_until_ns: Vec<u64>,
    next_request: u64,
    /// The node the client believes leads.
    leader_guess: NodeId,
}

impl Sim {
    /// A simulator for `config`, all randomness drawn from `seed`.
    pub fn new(seed: u64, config: SimConfig) -> Sim {
        Sim {
            config,
            rng: StdRng::seed_from_u64(seed),
            now_ns: 0,
            clock: Arc::new(AtomicU64::new(EPOCH_NS)),
            outbox: Outbox::default(),
            queue: BinaryHeap::new(),
            next_order: 0,
            timers: vec![0; config.nodes],
            congested_until_ns: vec![0; config.nodes],
            next_request: 1,
            leader_guess: 0,
        }
    }

    /// The simulated ports of node `id`: its network link, its write-ahead
    /// log, the virtual clock and its pacemaker.
    pub fn ports(&self, id: NodeId) -> Ports {
        Ports {
            network: Box::new(SimNetwork {
                from: id,
                outbox: self.outbox.clone(),
            }),
            storage: Box::new(MemoryWal::default()),
            clock: Box::new(SimClock {
                now_ns: self.clock.clone(),
            }),
            synchronizer: Box::new(SimSynchronizer {
                node: id,
                outbox: self.outbox.clone(),
            }),
        }
    }

    /// Runs the cluster until the horizon or the first error.
    ///
    /// Each node is booted by a timeout for view 0; a client submits requests
    /// to whoever it believes leads, following `NotLeader` hints.
    pub fn run(mut self, nodes: &mut [Box<dyn Api + '_>]) -> RunResult {
        self.boot(nodes.len());
        let mut committed = vec![0; nodes.len()];
        while let Some(Reverse(Scheduled { at_ns, pending, .. })) = self.queue.pop() {
            if at_ns > self.config.horizon_ms * MS {
                break;
            }
            self.now_ns = at_ns;
            self.clock.store(EPOCH_NS + at_ns, Ordering::SeqCst);
            let handled = self.handle(pending, nodes);
            self.flush();
            match handled {
                Some((node, Ok(entries))) => committed[node] += entries.len(),
                Some((node, Err(error))) => {
                    let failure = Failure {
                        node,
                        error,
                        at_ms: at_ns / MS,
                    };
                    return RunResult {
                        failure: Some(failure),
                        committed,
                    };
                }
                None => {}
            }
        }
        RunResult {
            failure: None,
            committed,
        }
    }

    /// Schedules each node's first timeout and its link's congestion, and
    /// the client's first request.
    fn boot(&mut self, nodes: usize) {
        for node in 0..nodes {
            let boot = self.rng.random_range(0..5 * MS);
            self.schedule(
                boot,
                Pending::Timeout {
                    node,
                    view: 0,
                    generation: 0,
                },
            );
            let congestion = self
                .rng
                .random_range(0..self.config.congestion_before_ms * MS);
            self.schedule(congestion, Pending::Congestion { node });
        }
        let request = self.new_request();
        self.schedule(
            5 * MS,
            Pending::Client {
                node: 0,
                request,
                retries: 0,
            },
        );
    }

    /// Does what was scheduled; returns which node was called and what it
    /// returned, unless nothing was called or only a client was turned away.
    fn handle(
        &mut self,
        pending: Pending,
        nodes: &mut [Box<dyn Api + '_>],
    ) -> Option<(NodeId, Outcome)> {
        match pending {
            Pending::Deliver { from, to, msg } => Some((to, nodes[to].on_message(from, msg))),
            Pending::Timeout {
                node,
                view,
                generation,
            } => {
                // A timer re-armed since is not the node's business any more.
                (generation == self.timers[node]).then(|| (node, nodes[node].on_timeout(view)))
            }
            Pending::Client {
                node,
                request,
                retries,
            } => {
                if retries == 0 {
                    let gap = self
                        .rng
                        .random_range(MS..=self.config.max_request_gap_ms * MS);
                    let request = self.new_request();
                    let next = Pending::Client {
                        node: self.leader_guess,
                        request,
                        retries: 0,
                    };
                    self.schedule(self.now_ns + gap, next);
                }
                match nodes[node].on_client(request.clone()) {
                    Err(ConsensusError::NotLeader { leader, .. }) => {
                        // Ask the hinted leader; if that is this node, it is
                        // changing views: wait a little.
                        self.leader_guess = leader;
                        let wait = if leader == node { 10 * MS } else { MS };
                        if retries < 3 {
                            let retry = Pending::Client {
                                node: leader,
                                request,
                                retries: retries + 1,
                            };
                            self.schedule(self.now_ns + wait, retry);
                        }
                        None
                    }
                    outcome => Some((node, outcome)),
                }
            }
            Pending::Congestion { node } => {
                let length = self
                    .rng
                    .random_range(MS..=self.config.max_congestion_ms * MS);
                self.congested_until_ns[node] = self.now_ns + length;
                None
            }
        }
    }

    fn new_request(&mut self) -> Request {
        let id = self.next_request;
        self.next_request += 1;
        Request {
            id,
            payload: format!("set k{} = {id}", id % 4).into_bytes(),
        }
    }

    fn schedule(&mut self, at_ns: u64, pending: Pending) {
        let order = self.next_order;
        self.next_order += 1;
        self.queue.push(Reverse(Scheduled {
            at_ns,
            order,
            pending,
        }));
    }

    /// Schedules what the last call sent and armed.
    fn flush(&mut self) {
        let outgoing = std::mem::take(&mut *self.outbox.0.borrow_mut());
        for item in outgoing {
            match item {
                Outgoing::Send { from, to, msg } => {
                    let departs = self.now_ns.max(self.congested_until_ns[from]);
                    let delay = self.rng.random_range(MS..=self.config.max_delay_ms * MS);
                    self.schedule(departs + delay, Pending::Deliver { from, to, msg });
                }
                Outgoing::Arm {
                    node,
                    view,
                    after_ms,
                } => {
                    self.timers[node] += 1;
                    let generation = self.timers[node];
                    self.schedule(
                        self.now_ns + after_ms * MS,
                        Pending::Timeout {
                            node,
                            view,
                            generation,
                        },
                    );
                }
            }
        }
    }
}

/// Something that happens at a scheduled time.
enum Pending {
    Deliver {
        from: NodeId,
        to: NodeId,
        msg: Message,
    },
    Timeout {
        node: NodeId,
        view: View,
        generation: u64,
    },
    Client {
        node: NodeId,
        request: Request,
        retries: u32,
    },
    Congestion {
        node: NodeId,
    },
}

/// A pending event, ordered by time, then by when it was scheduled.
struct Scheduled {
    at_ns: u64,
    order: u64,
    pending: Pending,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.at_ns, self.order) == (other.at_ns, other.order)
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at_ns, self.order).cmp(&(other.at_ns, other.order))
    }
}

/// What a node's simulated ports asked for during one call.
enum Outgoing {
    Send {
        from: NodeId,
        to: NodeId,
        msg: Message,
    },
    Arm {
        node: NodeId,
        view: View,
        after_ms: u64,
    },
}

#[derive(Clone, Default)]
struct Outbox(Rc<RefCell<Vec<Outgoing>>>);

impl Outbox {
    fn push(&self, item: Outgoing) {
        self.0.borrow_mut().push(item);
    }
}

/// A node's link to the simulated network.
struct SimNetwork {
    from: NodeId,
    outbox: Outbox,
}

impl Network for SimNetwork {
    fn send(&mut self, to: NodeId, msg: &Message) {
        self.outbox.push(Outgoing::Send {
            from: self.from,
            to,
            msg: msg.clone(),
        });
    }
}

/// A write-ahead log in memory.
#[derive(Default)]
struct MemoryWal {
    entries: Vec<LogEntry>,
}

impl Storage for MemoryWal {
    fn append(&mut self, entry: &LogEntry) -> Result<u64, StorageError> {
        self.entries.push(entry.clone());
        Ok(self.entries.len() as u64)
    }

    fn truncate(&mut self, from: u64) -> Result<(), StorageError> {
        let keep = usize::try_from(from.saturating_sub(1)).unwrap_or(usize::MAX);
        self.entries.truncate(keep);
        Ok(())
    }
}

/// The virtual clock, shared by every node.
struct SimClock {
    now_ns: Arc<AtomicU64>,
}

impl Clock for SimClock {
    fn now_ns(&self) -> u64 {
        self.now_ns.load(Ordering::SeqCst)
    }
}

/// A node's pacemaker: one timer, re-armed by each `arm`.
struct SimSynchronizer {
    node: NodeId,
    outbox: Outbox,
}

impl Synchronizer for SimSynchronizer {
    fn arm(&mut self, view: View, after_ms: u64) {
        self.outbox.push(Outgoing::Arm {
            node: self.node,
            view,
            after_ms,
        });
    }
}
