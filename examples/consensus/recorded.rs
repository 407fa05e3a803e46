//! Recording wrappers: each delegates to the real port and writes the call,
//! its arguments and its return to the transcript.
//!
//! They are written by hand here, one per trait and all alike: arguments are
//! an object keyed by parameter name, the method name is the trait method's.
//! A later version of reprise generates them from the trait. The clock is
//! reprise's own [`Clock`](crate::ports::Clock) port, recorded by reprise's
//! [`RecordedClock`] (port `clock`, method `now`, arguments `{}`).

use reprise::recorder::{Port, RecordedClock, Recorder};
use serde_json::json;

use crate::messages::{LogEntry, Message, NodeId, Outcome, Request, StorageError, View};
use crate::ports::{Api, Network, Ports, Storage, Synchronizer};

/// Wraps every outbound port of `inner` in its recording wrapper.
pub fn ports(inner: Ports, recorder: &Recorder) -> Ports {
    Ports {
        network: Box::new(RecordedNetwork {
            inner: inner.network,
            port: recorder.port("network"),
        }),
        storage: Box::new(RecordedStorage {
            inner: inner.storage,
            port: recorder.port("storage"),
        }),
        clock: Box::new(RecordedClock::new(inner.clock, recorder)),
        synchronizer: Box::new(RecordedSynchronizer {
            inner: inner.synchronizer,
            port: recorder.port("synchronizer"),
        }),
    }
}

/// Records the network port (`network`).
pub struct RecordedNetwork {
    inner: Box<dyn Network>,
    port: Port,
}

impl Network for RecordedNetwork {
    fn send(&mut self, to: NodeId, msg: &Message) {
        let inner = &mut self.inner;
        self.port
            .outbound("send", &json!({"to": to, "msg": msg}), || {
                inner.send(to, msg)
            });
    }
}

/// Records the write-ahead log port (`storage`).
pub struct RecordedStorage {
    inner: Box<dyn Storage>,
    port: Port,
}

impl Storage for RecordedStorage {
    fn append(&mut self, entry: &LogEntry) -> Result<u64, StorageError> {
        let inner = &mut self.inner;
        self.port
            .outbound_result("append", &json!({"entry": entry}), || inner.append(entry))
    }

    fn truncate(&mut self, from: u64) -> Result<(), StorageError> {
        let inner = &mut self.inner;
        self.port
            .outbound_result("truncate", &json!({"from": from}), || inner.truncate(from))
    }
}

/// Records the pacemaker port (`synchronizer`).
pub struct RecordedSynchronizer {
    inner: Box<dyn Synchronizer>,
    port: Port,
}

impl Synchronizer for RecordedSynchronizer {
    fn arm(&mut self, view: View, after_ms: u64) {
        let inner = &mut self.inner;
        self.port
            .outbound("arm", &json!({"view": view, "after_ms": after_ms}), || {
                inner.arm(view, after_ms)
            });
    }
}

/// Records the node's inbound API (`api`): each call into the node and what it returned.
pub struct RecordedApi<A> {
    inner: A,
    port: Port,
}

impl<A: Api> RecordedApi<A> {
    /// Records the calls into `inner` with `recorder`.
    pub fn new(inner: A, recorder: &Recorder) -> Self {
        RecordedApi {
            inner,
            port: recorder.port("api"),
        }
    }
}

impl<A: Api> Api for RecordedApi<A> {
    fn on_message(&mut self, from: NodeId, msg: Message) -> Outcome {
        let inner = &mut self.inner;
        let args = json!({"from": from, "msg": msg});
        self.port
            .inbound_result("on_message", &args, || inner.on_message(from, msg))
    }

    fn on_timeout(&mut self, view: View) -> Outcome {
        let inner = &mut self.inner;
        self.port
            .inbound_result("on_timeout", &json!({"view": view}), || {
                inner.on_timeout(view)
            })
    }

    fn on_client(&mut self, request: Request) -> Outcome {
        let inner = &mut self.inner;
        let args = json!({"request": request});
        self.port
            .inbound_result("on_client", &args, || inner.on_client(request))
    }
}
