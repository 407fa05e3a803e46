//! Recording: every outbound port of a node wrapped in the recording wrapper
//! `#[reprise::boundary]` generated for its trait (see [`crate::ports`]).
//!
//! Each wrapper delegates to the real port and writes the call (port
//! `network`, `storage` or `synchronizer`, the trait method's name, the
//! arguments as an object keyed by parameter name) and its return. The clock
//! is reprise's own [`Clock`](crate::ports::Clock) port, recorded by
//! reprise's [`RecordedClock`] (port `clock`, method `now`, arguments `{}`).
//! The node's inbound API is recorded by [`RecordedApi`](crate::ports::RecordedApi).

use reprise::recorder::{RecordedClock, Recorder};

use crate::ports::{Ports, RecordedNetwork, RecordedStorage, RecordedSynchronizer};

/// Wraps every outbound port of `inner` in its recording wrapper.
pub fn ports(inner: Ports, recorder: &Recorder) -> Ports {
    Ports {
        network: Box::new(RecordedNetwork::new(inner.network, recorder)),
        storage: Box::new(RecordedStorage::new(inner.storage, recorder)),
        clock: Box::new(RecordedClock::new(inner.clock, recorder)),
        synchronizer: Box::new(RecordedSynchronizer::new(inner.synchronizer, recorder)),
    }
}
