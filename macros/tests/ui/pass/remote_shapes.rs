//! Remote traits and conversions compile without warnings, and the
//! generated items are documented.
#![deny(warnings, missing_docs)]

use serde::{Deserialize, Serialize};

/// Stands in for another crate.
pub mod foreign {
    /// Not a serde type.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Entry(pub u64);

    /// A sync trait: generic method, associated type, `impl Into`, an out buffer.
    pub trait Store {
        /// An associated type.
        type Key;
        /// An out buffer and a foreign type.
        fn read(&mut self, key: Self::Key, buf: &mut [u8]) -> std::io::Result<usize>;
        /// `impl Into`, a generic `AsRef` parameter.
        fn scan<P: AsRef<str>>(&self, prefix: P, limit: impl Into<Option<u32>>) -> Vec<Entry>;
        /// A default method.
        fn first(&self) -> Option<Entry> {
            self.scan("", 1).pop()
        }
    }

    /// An `#[async_trait]` trait.
    #[async_trait::async_trait]
    pub trait Remote: Send + Sync {
        /// Fetches an entry.
        async fn fetch(&self, id: u64) -> Result<Entry, String>;
    }

    /// An inbound trait, with a value read through a `with` module.
    pub trait Api {
        /// Handles an entry, fills a buffer.
        fn on_entry(&mut self, entry: Entry, out: &mut [u8]) -> usize;
    }
}

/// The mirror of `foreign::Entry`.
#[derive(Serialize, Deserialize)]
pub struct EntryMirror(u64);
impl From<foreign::Entry> for EntryMirror {
    fn from(e: foreign::Entry) -> Self {
        EntryMirror(e.0)
    }
}
impl From<EntryMirror> for foreign::Entry {
    fn from(e: EntryMirror) -> Self {
        foreign::Entry(e.0)
    }
}

/// A serde `with` module for `foreign::Entry`.
pub mod entry_codec {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes it.
    pub fn serialize<S: Serializer>(e: &super::foreign::Entry, s: S) -> Result<S::Ok, S::Error> {
        e.0.serialize(s)
    }
    /// Reads it.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<super::foreign::Entry, D::Error> {
        u64::deserialize(d).map(super::foreign::Entry)
    }
}

#[reprise::boundary(remote = foreign::Store)]
trait Store {
    type Key: Serialize + serde::de::DeserializeOwned;
    fn read(&mut self, key: Self::Key, buf: &mut [u8]) -> std::io::Result<usize>;
    #[reprise(ok(via = EntryMirror), query)]
    fn scan<P: AsRef<str>>(&self, prefix: P, limit: impl Into<Option<u32>>) -> Vec<foreign::Entry>;
}

#[reprise::boundary(remote = foreign::Remote)]
#[async_trait::async_trait]
trait Remote {
    #[reprise(ok(with = "entry_codec"))]
    async fn fetch(&self, id: u64) -> Result<foreign::Entry, String>;
}

#[reprise::boundary(remote = foreign::Api, inbound)]
trait Api {
    fn on_entry(&mut self, #[reprise(with = "entry_codec")] entry: foreign::Entry, out: &mut [u8]) -> usize;
}

struct Memory;

impl foreign::Store for Memory {
    type Key = String;
    fn read(&mut self, _: String, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(1);
        Ok(buf.len())
    }
    fn scan<P: AsRef<str>>(&self, _: P, _: impl Into<Option<u32>>) -> Vec<foreign::Entry> {
        Vec::new()
    }
}

#[async_trait::async_trait]
impl foreign::Remote for Memory {
    async fn fetch(&self, id: u64) -> Result<foreign::Entry, String> {
        Ok(foreign::Entry(id))
    }
}

impl foreign::Api for Memory {
    fn on_entry(&mut self, entry: foreign::Entry, out: &mut [u8]) -> usize {
        out.fill(entry.0 as u8);
        out.len()
    }
}

fn store<S: foreign::Store<Key = String>>(_: &S) {}
fn remote<R: foreign::Remote>(_: &R) {}

#[allow(dead_code)]
fn uses(
    recorder: &reprise::recorder::Recorder,
    replay: &reprise::replayer::Replay,
    call: &reprise::replayer::Inbound,
) -> Result<(), reprise::replayer::ReplayError> {
    // The generated types implement the foreign traits.
    store(&RecordedStore::new(Memory, recorder));
    store(&ReplayStore::<Memory>::new(replay));
    remote(&RecordedRemote::new(Memory, recorder));
    remote(&ReplayRemote::new(replay));
    let _ = ApiDispatcher::dispatch(&mut Memory, call)?;
    let _ = RecordedApi::new(Memory, recorder);
    Ok(())
}

fn main() {}
