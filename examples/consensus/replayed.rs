//! Replaying stand-ins: each matches the node's call to the recorded one,
//! compares the arguments and serves the recorded return. None of them
//! touches a network, a disk or a clock.
//!
//! Like the recording wrappers, they are written by hand, one per trait and
//! all alike, with the same port names, method names and argument objects.
//! [`invoke`] is the other half: it turns a recorded inbound call back into
//! a call on the node's [`Api`].

use reprise::replayer::{Inbound, Replay, ReplayError, ReplayPort};
use serde_json::json;

use crate::messages::{LogEntry, Message, NodeId, Outcome, StorageError, View};
use crate::ports::{Api, Clock, Network, Ports, Storage, Synchronizer};

/// The replaying stand-ins for every outbound port, served from `replay`.
pub fn ports(replay: &Replay) -> Ports {
    Ports {
        network: Box::new(ReplayedNetwork {
            port: replay.port("network"),
        }),
        storage: Box::new(ReplayedStorage {
            port: replay.port("storage"),
        }),
        clock: Box::new(ReplayedClock {
            port: replay.port("clock"),
        }),
        synchronizer: Box::new(ReplayedSynchronizer {
            port: replay.port("synchronizer"),
        }),
    }
}

/// Calls the method of `api` that `call` recorded, with the recorded arguments.
pub fn invoke(api: &mut impl Api, call: &Inbound) -> Result<Outcome, ReplayError> {
    Ok(match call.method() {
        "on_message" => api.on_message(call.arg("from")?, call.arg("msg")?),
        "on_timeout" => api.on_timeout(call.arg("view")?),
        "on_client" => api.on_client(call.arg("request")?),
        _ => return Err(ReplayError::unknown_method(call)),
    })
}

/// Stands in for the network port (`network`).
pub struct ReplayedNetwork {
    port: ReplayPort,
}

impl Network for ReplayedNetwork {
    fn send(&mut self, to: NodeId, msg: &Message) {
        self.port.outbound("send", &json!({"to": to, "msg": msg}))
    }
}

/// Stands in for the write-ahead log port (`storage`).
pub struct ReplayedStorage {
    port: ReplayPort,
}

impl Storage for ReplayedStorage {
    fn append(&mut self, entry: &LogEntry) -> Result<u64, StorageError> {
        self.port
            .outbound_result("append", &json!({"entry": entry}))
    }

    fn truncate(&mut self, from: u64) -> Result<(), StorageError> {
        self.port
            .outbound_result("truncate", &json!({"from": from}))
    }
}

/// Stands in for the clock port (`clock`), as reprise's `RecordedClock` records it.
pub struct ReplayedClock {
    port: ReplayPort,
}

impl Clock for ReplayedClock {
    fn now_ns(&self) -> u64 {
        self.port.outbound("now", &json!({}))
    }
}

/// Stands in for the pacemaker port (`synchronizer`).
pub struct ReplayedSynchronizer {
    port: ReplayPort,
}

impl Synchronizer for ReplayedSynchronizer {
    fn arm(&mut self, view: View, after_ms: u64) {
        self.port
            .outbound("arm", &json!({"view": view, "after_ms": after_ms}))
    }
}
