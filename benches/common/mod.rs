//! The message the recording benchmarks record: a consensus `Prepare` of
//! about 180 bytes as JSON, with a base64 payload.

use std::hint::black_box;

use serde::Serialize;

/// A replication message, as a replicated log would send it.
#[derive(Serialize, Clone)]
pub struct Prepare {
    pub to: u32,
    pub view: u64,
    pub index: u64,
    pub term: u64,
    pub digest: String,
    #[serde(with = "reprise::bytes")]
    pub payload: Vec<u8>,
}

/// The message every recording benchmark records.
pub fn message() -> Prepare {
    Prepare {
        to: 2,
        view: 17,
        index: 40_312,
        term: 9,
        digest: "9f86d081884c7d659a2feaa0c55ad015".into(),
        payload: b"SET user:1042 {\"plan\":\"pro\",\"seats\":12,\"trial\":false}".to_vec(),
    }
}

/// The call being recorded: it does nothing the optimiser can remove.
#[inline(never)]
pub fn send(msg: &Prepare) -> Result<(), String> {
    black_box(msg);
    Ok(())
}
