//! Replaying: a stand-in for every outbound port of a node, each the one
//! `#[reprise::boundary]` generated for its trait (see [`crate::ports`]).
//!
//! A stand-in matches the node's call to the recorded one, compares the
//! arguments and serves the recorded return; none of them touches a
//! network, a disk or a clock. The other half, turning a recorded inbound
//! call back into a call on the node, is the generated
//! [`ApiDispatcher`](crate::ports::ApiDispatcher).

use reprise::replayer::{Replay, ReplayClock};

use crate::ports::{Ports, ReplayNetwork, ReplayStorage, ReplaySynchronizer};

/// The replaying stand-ins for every outbound port, served from `replay`.
pub fn ports(replay: &Replay) -> Ports {
    Ports {
        network: Box::new(ReplayNetwork::new(replay)),
        storage: Box::new(ReplayStorage::new(replay)),
        clock: Box::new(ReplayClock::new(replay)),
        synchronizer: Box::new(ReplaySynchronizer::new(replay)),
    }
}
