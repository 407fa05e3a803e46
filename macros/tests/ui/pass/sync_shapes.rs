//! The synchronous shapes `#[reprise::boundary]` supports, and that the
//! generated items exist with the documented names and traits.
#![deny(warnings, missing_docs)]

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A serialisable payload.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Its key.
    pub key: String,
}

/// A `Result` under an alias: still recorded as `ok` / `err`.
pub type Outcome = Result<Vec<u64>, String>;

/// Receivers, arguments by value and by reference, every return shape,
/// default methods, `skip` and `name`, a raw identifier.
#[reprise::boundary]
pub trait Everything {
    /// `&self`, nothing returned.
    fn unit(&self);
    /// `&mut self`, by-value and by-reference arguments.
    fn args(&mut self, n: u64, entry: &Entry, key: &str, bytes: &[u8], counts: &mut Vec<u8>) -> u64;
    /// `Option<T>`.
    fn option(&self, key: String) -> Option<Entry>;
    /// `Result<T, E>`.
    fn result(&self) -> Result<BTreeMap<String, u64>, String>;
    /// An alias of `Result`.
    fn alias(&self) -> Outcome;
    /// `io::Result`: the error recorded by kind and message.
    fn io(&mut self, r#type: u8) -> std::io::Result<()>;
    /// A default method, recorded as one call.
    fn defaulted(&self, n: u64) -> u64 {
        n + 1
    }
    /// Delegated without recording.
    #[reprise(skip)]
    fn handle(&self) -> std::fs::File;
    /// Skipped, with a default body the stand-in uses.
    #[reprise(skip)]
    fn version(&self) -> &'static str {
        "1"
    }
    /// Recorded under another name.
    #[reprise(name = "put_v2")]
    fn put(&mut self, entry: Entry);
}

/// Generic trait and methods with serde bounds, associated types and consts.
#[reprise::boundary(port = "kv", no_box)]
pub trait Store<K: Serialize + DeserializeOwned + Ord> {
    /// A serialisable associated type.
    type Value: Serialize + DeserializeOwned;
    /// An associated const.
    const SHARDS: usize;
    /// Uses both.
    fn get(&self, key: K) -> Option<Self::Value>;
    /// A generic method.
    fn convert<V: Serialize + DeserializeOwned>(&self, value: V) -> Result<V, String>;
    /// `impl Trait` argument.
    fn log(&self, line: impl Serialize);
}

/// An inbound API, with its dispatcher.
#[reprise::boundary(inbound)]
pub trait Api {
    /// By reference.
    fn on_message(&mut self, from: u32, msg: &Entry, raw: &[u8], note: &str) -> Result<u64, String>;
    /// Plain return.
    fn on_tick(&mut self) -> u64;
    /// Not dispatched.
    #[reprise(skip)]
    fn local(&self) -> std::fs::File;
}

/// Only `&self`: the dispatcher takes `&T`.
#[reprise::boundary(inbound, port = "queries")]
pub trait Query {
    /// A lookup.
    fn lookup(&self, key: String) -> Option<u64>;
}

struct Impl;

impl Store<String> for Impl {
    type Value = u64;
    const SHARDS: usize = 4;
    fn get(&self, _key: String) -> Option<u64> {
        None
    }
    fn convert<V: Serialize + DeserializeOwned>(&self, value: V) -> Result<V, String> {
        Ok(value)
    }
    fn log(&self, _line: impl Serialize) {}
}

impl Query for Impl {
    fn lookup(&self, _key: String) -> Option<u64> {
        None
    }
}

fn send_sync<T: Send + Sync>() {}

#[allow(dead_code)]
fn uses(
    recorder: &reprise::recorder::Recorder,
    replay: &reprise::replayer::Replay,
    call: &reprise::replayer::Inbound,
    everything: Box<dyn Everything + Send + Sync>,
    api: &mut dyn Api,
) -> Result<(), reprise::replayer::ReplayError> {
    // Wrappers wrap, and become, trait objects.
    let recorded: Box<dyn Everything + Send + Sync> = Box::new(RecordedEverything::new(everything, recorder));
    let _: Box<dyn Everything> = Box::new(ReplayEverything::new(replay));
    send_sync::<RecordedEverything<Box<dyn Everything + Send + Sync>>>();
    send_sync::<ReplayEverything>();
    assert_eq!(RecordedEverything::<()>::PORT, "everything");
    assert_eq!(ReplayEverything::PORT, "everything");
    drop(recorded);

    // Generic traits: the stand-in takes associated items from the type it replaces.
    let store = RecordedStore::new(Impl, recorder);
    let _: Option<u64> = store.get("a".to_owned());
    let _: Result<Vec<u8>, String> = store.convert(vec![1u8]);
    store.log(("free", 1));
    let stand_in = ReplayStore::<Impl>::new(replay);
    let _: Option<u64> = Store::<String>::get(&stand_in, "a".to_owned());
    assert_eq!(<ReplayStore<Impl> as Store<String>>::SHARDS, 4);
    assert_eq!(ReplayStore::<Impl>::PORT, "kv");
    let _ = stand_in.clone();

    // Inbound: dispatch to any implementation, also a trait object.
    let _ = ApiDispatcher::dispatch(api, call)?;
    let _ = QueryDispatcher::dispatch(&Impl, call)?;
    assert_eq!(ApiDispatcher::PORT, "api");
    let mut recorded_api = RecordedApi::with_port(Box::new(()) as Box<dyn Api>, recorder.port("api2"));
    let _ = recorded_api.inner_mut();
    let _ = recorded_api.port();
    let _ = recorded_api.into_inner();
    Ok(())
}

impl Api for () {
    fn on_message(&mut self, _: u32, _: &Entry, _: &[u8], _: &str) -> Result<u64, String> {
        Ok(0)
    }
    fn on_tick(&mut self) -> u64 {
        0
    }
    fn local(&self) -> std::fs::File {
        unimplemented!()
    }
}

fn main() {}
