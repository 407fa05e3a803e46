//! The component: a work queue. Producers put items on it through its
//! inbound API ([`Api::enqueue`]); one worker task takes them off in order
//! and hands each to the processing service through the outbound
//! [`Processor`] port. Both traits carry `#[reprise::boundary]`, so the
//! recording wrappers, the replaying stand-in and the inbound dispatcher are
//! generated.
//!
//! The queue reports what it does with three probes: `queue.enqueue {id}`,
//! `queue.done {id}` and `queue.depth {len}`. Next to it, [`expectations`]
//! states what normal looks like; the profile file says how strict to be.
//!
//! While recording, the worker also answers checkpoint requests (a failed
//! expectation's `Action::Checkpoint`): it polls
//! `Recorder::checkpoint_requested` at the top of its loop and records the
//! queue's [`State`] there, once the queue is empty.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reprise::expect::Expectations;
use reprise::expect::expect::{self, ms, secs};
use reprise::recorder::Recorder;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

/// A unit of work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The item's id, which correlates its probes.
    pub id: u64,
    /// Its size: the processing service takes 1 ms per KiB.
    pub size_kib: u64,
}

/// What the processing service returns for an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    /// The item's id.
    pub id: u64,
    /// A checksum of the processed item.
    pub checksum: u64,
}

/// The queue's state: how many items it has ever accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The ticket the next item gets.
    pub next_ticket: u64,
}

/// The outbound port: the service that processes items.
#[reprise::boundary]
pub trait Processor {
    /// Processes `item`.
    async fn process(&mut self, item: Item) -> Result<Receipt, String>;
}

/// The inbound API: what producers call.
#[reprise::boundary(inbound)]
pub trait Api {
    /// Puts `item` on the queue and returns its ticket.
    fn enqueue(&mut self, item: Item) -> Result<u64, String>;
}

/// Where the queue's probes go: the recorder while recording, nowhere in
/// replay (the replay driver skips recorded probes).
pub type Probes = Arc<dyn Fn(&str, Value) + Send + Sync>;

/// Probes that go nowhere.
pub fn no_probes() -> Probes {
    Arc::new(|_, _| {})
}

/// What normal looks like, declared next to the component: an item is done
/// within 100 ms of being enqueued (a warning after that, a failure after
/// 1 s), and the queue holds at most 16 items. Profiles override the tiers.
pub fn expectations() -> Expectations {
    Expectations::new()
        .expect(
            expect::latency("queue.item")
                .between("queue.enqueue", "queue.done")
                .by("id")
                .nominal(ms(20))
                .warn_after(ms(100))
                .fail_after(secs(1)),
        )
        .expect(
            expect::probe_bounds("queue.depth", "len")
                .id("queue.depth")
                .within(0.0..=16.0),
        )
}

/// What the producer side and the worker share.
struct Shared {
    depth: AtomicU64,
    enqueued: AtomicU64,
    /// The queue's [`State`]: the ticket the next item gets.
    next_ticket: AtomicU64,
    probes: Probes,
}

/// The producer side of the queue: implements [`Api`].
pub struct Queue {
    tx: mpsc::UnboundedSender<Item>,
    shared: Arc<Shared>,
}

/// The worker: takes items off the queue and processes them.
pub struct Worker<P> {
    rx: mpsc::UnboundedReceiver<Item>,
    processor: P,
    shared: Arc<Shared>,
    done: watch::Sender<u64>,
    /// The recorder whose checkpoint requests the worker answers; none in
    /// replay.
    checkpoints: Option<Recorder>,
}

/// Waits for the worker to catch up (not part of the boundary: a producer's
/// pacing).
pub struct Drain {
    shared: Arc<Shared>,
    done: watch::Receiver<u64>,
}

/// A queue starting from `state`, its worker (to spawn) and a drain handle.
pub fn start<P: Processor>(
    state: State,
    processor: P,
    probes: Probes,
) -> (Queue, Drain, Worker<P>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (done_tx, done_rx) = watch::channel(0);
    let shared = Arc::new(Shared {
        depth: AtomicU64::new(0),
        enqueued: AtomicU64::new(0),
        next_ticket: AtomicU64::new(state.next_ticket),
        probes,
    });
    let queue = Queue {
        tx,
        shared: shared.clone(),
    };
    let drain = Drain {
        shared: shared.clone(),
        done: done_rx,
    };
    let worker = Worker {
        rx,
        processor,
        shared,
        done: done_tx,
        checkpoints: None,
    };
    (queue, drain, worker)
}

impl Api for Queue {
    fn enqueue(&mut self, item: Item) -> Result<u64, String> {
        let shared = &self.shared;
        // Probe before the item is visible to the worker, so its
        // `queue.enqueue` always comes before its `queue.done`.
        (shared.probes)("queue.enqueue", json!({ "id": item.id }));
        let len = shared.depth.fetch_add(1, Ordering::SeqCst) + 1;
        (shared.probes)("queue.depth", json!({ "len": len }));
        if self.tx.send(item).is_err() {
            shared.depth.fetch_sub(1, Ordering::SeqCst);
            return Err("the worker has stopped".to_owned());
        }
        shared.enqueued.fetch_add(1, Ordering::SeqCst);
        Ok(shared.next_ticket.fetch_add(1, Ordering::SeqCst))
    }
}

impl<P: Processor> Worker<P> {
    /// Answers `recorder`'s checkpoint requests (see [`Worker::run`]).
    pub fn checkpoints(mut self, recorder: Recorder) -> Self {
        self.checkpoints = Some(recorder);
        self
    }

    /// Processes items until every producer handle is dropped.
    ///
    /// The top of the loop is the worker's safe point: the last item is
    /// done and the next not taken. There it answers a pending checkpoint
    /// request with the queue's state, when the queue is empty: items
    /// waiting in it are not part of [`State`], so a checkpoint taken then
    /// would not be a state a replay could start from. A request made while
    /// items wait stays pending until the queue drains.
    pub async fn run(mut self) {
        loop {
            if let Some(recorder) = &self.checkpoints
                && recorder.checkpoint_requested()
                && self.shared.depth.load(Ordering::SeqCst) == 0
            {
                let next_ticket = self.shared.next_ticket.load(Ordering::SeqCst);
                recorder.checkpoint(&State { next_ticket });
            }
            let Some(item) = self.rx.recv().await else {
                break;
            };
            let shared = &self.shared;
            let len = shared.depth.fetch_sub(1, Ordering::SeqCst) - 1;
            (shared.probes)("queue.depth", json!({ "len": len }));
            let id = item.id;
            let ok = self.processor.process(item).await.is_ok();
            (shared.probes)("queue.done", json!({ "id": id, "ok": ok }));
            self.done.send_modify(|n| *n += 1);
        }
    }
}

impl Drain {
    /// Waits until the worker has finished every item enqueued so far.
    pub async fn wait(&mut self) {
        let enqueued = self.shared.enqueued.load(Ordering::SeqCst);
        let _ = self.done.wait_for(|done| *done >= enqueued).await;
    }
}

/// The real processing service: takes 1 ms per KiB.
pub struct Service;

impl Processor for Service {
    async fn process(&mut self, item: Item) -> Result<Receipt, String> {
        tokio::time::sleep(std::time::Duration::from_millis(item.size_kib)).await;
        Ok(Receipt {
            id: item.id,
            checksum: item.size_kib.wrapping_mul(2_654_435_761) ^ item.id,
        })
    }
}
