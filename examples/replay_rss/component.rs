//! The component the probe records and replays: a versioned key-value
//! service over a storage port and a clock, with an inbound API.
//!
//! `#[reprise::boundary]` generates the recording wrappers
//! (`RecordedStorage`, `RecordedApi`), the replaying stand-in
//! (`ReplayStorage`) and the dispatcher that re-drives the service from a
//! recorded inbound call (`ApiDispatcher`).

use std::collections::HashMap;

use reprise::recorder::Clock;
use serde::{Deserialize, Serialize};

/// The component name in the transcript's header.
pub const COMPONENT: &str = "kv-service";

/// How many distinct keys the workload touches: the service's memory does
/// not grow with the transcript.
const KEYS: u64 = 4096;

/// A stored value with its version and when it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Bumped by every write.
    pub version: u64,
    /// The clock's reading at the write.
    pub written_ns: u64,
    /// The value.
    pub body: String,
}

/// The storage the service keeps its records in.
#[reprise::boundary]
pub trait Storage {
    /// The record stored under `key`, if any.
    fn read(&mut self, key: &str) -> Result<Option<Record>, String>;
    /// Stores `record` under `key`; returns its version.
    fn write(&mut self, key: &str, record: &Record) -> Result<u64, String>;
}

/// The service's inbound API.
#[reprise::boundary(inbound)]
pub trait Api {
    /// Stores `body` under `key`; returns the new version.
    fn put(&mut self, key: String, body: String) -> Result<u64, String>;
    /// The record under `key`, if any.
    fn get(&mut self, key: String) -> Result<Option<Record>, String>;
}

/// The service: everything it knows is in its storage.
pub struct Service<S> {
    storage: S,
    clock: Box<dyn Clock>,
}

impl<S: Storage> Service<S> {
    /// A service over `storage` and `clock`.
    pub fn new(storage: S, clock: Box<dyn Clock>) -> Self {
        Service { storage, clock }
    }
}

impl<S: Storage> Api for Service<S> {
    fn put(&mut self, key: String, body: String) -> Result<u64, String> {
        let now = self.clock.now_ns();
        let version = self.storage.read(&key)?.map_or(1, |r| r.version + 1);
        self.storage.write(
            &key,
            &Record {
                version,
                written_ns: now,
                body,
            },
        )
    }

    fn get(&mut self, key: String) -> Result<Option<Record>, String> {
        self.storage.read(&key)
    }
}

/// The real storage: a table in memory.
#[derive(Debug, Default)]
pub struct Table {
    records: HashMap<String, Record>,
}

impl Storage for Table {
    fn read(&mut self, key: &str) -> Result<Option<Record>, String> {
        Ok(self.records.get(key).cloned())
    }

    fn write(&mut self, key: &str, record: &Record) -> Result<u64, String> {
        self.records.insert(key.to_owned(), record.clone());
        Ok(record.version)
    }
}

/// The features a plan lists, some of them per `put`.
const FEATURES: [&str; 8] = [
    "sso",
    "audit-log",
    "priority-support",
    "custom-domains",
    "webhooks",
    "api-v2",
    "exports",
    "sandbox",
];

/// The terms every plan carries.
const TERMS: &str = "standard terms of service, version 2026-03, billed monthly in advance, cancellable at the end of any billing period";

/// Step `i` of the workload: a `put` on even steps, a `get` on odd ones.
pub fn workload(api: &mut impl Api, i: u64) {
    let key = format!("user:{:05}", (i * 7919) % KEYS);
    if i % 2 == 0 {
        let body = format!(
            "{{\"plan\":\"pro\",\"seats\":{},\"note\":\"renewed by batch {}\",\"tag\":\"{:016x}\",\"features\":[{}],\"terms\":\"{}\"}}",
            i % 40,
            i / 1000,
            i.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            FEATURES[..(i % 4) as usize + 5].join(","),
            TERMS
        );
        let _ = api.put(key, body);
    } else {
        let _ = api.get(key);
    }
}
