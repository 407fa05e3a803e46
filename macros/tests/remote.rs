//! Wrapping traits the component does not own: `#[reprise::boundary(remote
//! = ..)]` on a local copy of a foreign trait's required methods, with
//! `via`, `with`, `Into` and `AsRef` arguments, out buffers, associated
//! types, generic methods and async traits. Each story records through the
//! generated wrapper (which implements the *foreign* trait), replays
//! through the stand-in, and checks a changed component diverges.

use reprise::recorder::{MemorySink, Recorder};
use reprise::replayer::{FindingKind, Replay};
use serde::{Deserialize, Serialize};

/// Records with `record` and returns the transcript.
fn record(record: impl FnOnce(&Recorder)) -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("remote")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    record(&recorder);
    recorder.finish().expect("finish");
    sink.contents_string()
}

mod io {
    use std::io::{BufRead, BufReader, Read, Write};

    use super::*;

    #[reprise::boundary(remote = std::io::Write, port = "out")]
    trait Write {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize>;
        fn flush(&mut self) -> std::io::Result<()>;
    }

    #[reprise::boundary(remote = std::io::Read, port = "input")]
    trait Read {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize>;
    }

    /// The component: echoes each line it reads, upper-cased, numbered.
    fn echo(input: impl Read, mut out: impl Write) -> std::io::Result<usize> {
        let mut lines = 0;
        for line in BufReader::with_capacity(16, input).lines() {
            lines += 1;
            writeln!(out, "{lines}: {}", line?.to_uppercase())?;
        }
        out.flush()?;
        Ok(lines)
    }

    #[test]
    fn write_and_read_round_trip_through_the_foreign_traits() {
        let text = record(|recorder| {
            let input = RecordedRead::new(&b"alpha\nbeta\n"[..], recorder);
            let out = RecordedWrite::new(Vec::new(), recorder);
            let mut out = out;
            assert_eq!(echo(input, &mut out).unwrap(), 2);
            assert_eq!(out.inner(), b"1: ALPHA\n2: BETA\n");
        });
        // The default methods (`write_all`, `write_fmt`) go through the
        // recorded `write`; a read records what it filled.
        assert!(
            text.contains(r#""port":"input","method":"read","args":{"buf":{"len":16}}"#),
            "{text}"
        );
        assert!(
            text.contains(r#""ok":{"value":11,"buf":"YWxwaGEKYmV0YQo="}"#),
            "{text}"
        );
        assert!(
            text.contains(r#""port":"out","method":"write","args":{"buf":"QUxQSEE="}"#),
            "{text}"
        );

        // Replay: the stand-in fills the component's buffer from the
        // recording, and takes its writes.
        let replay = Replay::from_str(&text).unwrap();
        assert_eq!(
            echo(ReplayRead::new(&replay), ReplayWrite::new(&replay)).unwrap(),
            2
        );
        replay.finish().assert_clean();

        // A component that writes something else diverges at that write.
        let replay = Replay::from_str(&text).unwrap();
        let mut out = ReplayWrite::new(&replay);
        let mut input = ReplayRead::new(&replay);
        let mut buf = [0u8; 16];
        let n = input.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"alpha\nbeta\n");
        let _ = out.write(b"1: alpha");
        drop(out);
        let report = replay.finish();
        let first = report.first().expect("a divergence");
        assert_eq!(
            (first.kind, first.method.as_str()),
            (FindingKind::ArgumentsDiffer, "write")
        );
    }
}

/// A stand-in for a consensus library's storage crate (as `raft` has): the
/// trait and its types are not ours and not serde.
#[allow(dead_code)]
mod raftlike {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Entry {
        pub term: u64,
        pub index: u64,
        pub data: Vec<u8>,
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct HardState {
        pub term: u64,
        pub commit: u64,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub enum Error {
        Compacted,
        Unavailable,
        Other(String),
    }

    pub type Result<T> = std::result::Result<T, Error>;

    /// A context the caller passes along; replay need not compare it.
    #[derive(Debug, Default)]
    pub struct GetEntriesContext(pub bool);

    pub trait Storage {
        fn initial_state(&self) -> Result<HardState>;
        fn entries(
            &self,
            low: u64,
            high: u64,
            max_size: impl Into<Option<u64>>,
            context: GetEntriesContext,
        ) -> Result<Vec<Entry>>;
        fn term(&self, idx: u64) -> Result<u64>;
        fn first_index(&self) -> Result<u64>;
        fn last_index(&self) -> Result<u64>;
        fn append(&mut self, entries: &[Entry]) -> Result<()>;
        /// A default method: goes through the recorded `last_index`.
        fn is_empty(&self) -> Result<bool> {
            Ok(self.last_index()? == 0)
        }
    }
}

mod raft {
    use super::raftlike::{self, Entry, GetEntriesContext, HardState};
    use super::*;

    // The glue: one mirror per foreign type, and the attributes below.
    #[derive(Serialize, Deserialize)]
    struct EntryMirror {
        term: u64,
        index: u64,
        #[serde(with = "reprise::bytes")]
        data: Vec<u8>,
    }
    impl From<Entry> for EntryMirror {
        fn from(e: Entry) -> Self {
            EntryMirror {
                term: e.term,
                index: e.index,
                data: e.data,
            }
        }
    }
    impl From<EntryMirror> for Entry {
        fn from(e: EntryMirror) -> Self {
            Entry {
                term: e.term,
                index: e.index,
                data: e.data,
            }
        }
    }

    #[derive(Serialize, Deserialize)]
    enum ErrorMirror {
        Compacted,
        Unavailable,
        Other(String),
    }
    impl From<raftlike::Error> for ErrorMirror {
        fn from(e: raftlike::Error) -> Self {
            match e {
                raftlike::Error::Compacted => ErrorMirror::Compacted,
                raftlike::Error::Unavailable => ErrorMirror::Unavailable,
                raftlike::Error::Other(s) => ErrorMirror::Other(s),
            }
        }
    }
    impl From<ErrorMirror> for raftlike::Error {
        fn from(e: ErrorMirror) -> Self {
            match e {
                ErrorMirror::Compacted => raftlike::Error::Compacted,
                ErrorMirror::Unavailable => raftlike::Error::Unavailable,
                ErrorMirror::Other(s) => raftlike::Error::Other(s),
            }
        }
    }

    /// `with = "hard_state"`: a serde `with` module for a foreign type.
    mod hard_state {
        use super::HardState;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(hs: &HardState, s: S) -> Result<S::Ok, S::Error> {
            (hs.term, hs.commit).serialize(s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HardState, D::Error> {
            let (term, commit) = <(u64, u64)>::deserialize(d)?;
            Ok(HardState { term, commit })
        }
    }

    #[reprise::boundary(remote = raftlike::Storage, err(via = ErrorMirror))]
    trait Storage {
        #[reprise(ok(with = "hard_state"))]
        fn initial_state(&self) -> raftlike::Result<HardState>;
        #[reprise(ok(via = EntryMirror))]
        fn entries(
            &self,
            low: u64,
            high: u64,
            max_size: impl Into<Option<u64>>,
            #[reprise(skip)] context: GetEntriesContext,
        ) -> raftlike::Result<Vec<Entry>>;
        fn term(&self, idx: u64) -> raftlike::Result<u64>;
        fn first_index(&self) -> raftlike::Result<u64>;
        fn last_index(&self) -> raftlike::Result<u64>;
        fn append(
            &mut self,
            #[reprise(via = EntryMirror)] entries: &[Entry],
        ) -> raftlike::Result<()>;
    }

    /// The real storage.
    #[derive(Default)]
    struct Memory {
        entries: Vec<Entry>,
    }

    impl raftlike::Storage for Memory {
        fn initial_state(&self) -> raftlike::Result<HardState> {
            Ok(HardState {
                term: 2,
                commit: self.entries.len() as u64,
            })
        }
        fn entries(
            &self,
            low: u64,
            high: u64,
            max_size: impl Into<Option<u64>>,
            _context: GetEntriesContext,
        ) -> raftlike::Result<Vec<Entry>> {
            if low == 0 {
                return Err(raftlike::Error::Compacted);
            }
            let max = max_size.into().unwrap_or(u64::MAX) as usize;
            Ok(self.entries[(low - 1) as usize..(high - 1) as usize]
                .iter()
                .take(max)
                .cloned()
                .collect())
        }
        fn term(&self, idx: u64) -> raftlike::Result<u64> {
            self.entries
                .get((idx - 1) as usize)
                .map(|e| e.term)
                .ok_or(raftlike::Error::Unavailable)
        }
        fn first_index(&self) -> raftlike::Result<u64> {
            Ok(1)
        }
        fn last_index(&self) -> raftlike::Result<u64> {
            Ok(self.entries.len() as u64)
        }
        fn append(&mut self, entries: &[Entry]) -> raftlike::Result<()> {
            self.entries.extend_from_slice(entries);
            Ok(())
        }
    }

    /// The component: a log that appends and reads back through any
    /// `raftlike::Storage`, as a consensus library would.
    fn run(storage: &mut impl raftlike::Storage, data: &[u8]) -> Vec<u64> {
        let mut seen = Vec::new();
        let state = storage.initial_state().unwrap();
        seen.push(state.term);
        let last = storage.last_index().unwrap();
        let entry = Entry {
            term: state.term,
            index: last + 1,
            data: data.to_vec(),
        };
        storage
            .append(&[
                entry.clone(),
                Entry {
                    index: last + 2,
                    ..entry
                },
            ])
            .unwrap();
        let got = storage.entries(1, 3, 10, GetEntriesContext(true)).unwrap();
        seen.extend(got.iter().map(|e| e.index));
        seen.push(storage.term(2).unwrap());
        seen.push(u64::from(
            storage.term(9) == Err(raftlike::Error::Unavailable),
        ));
        seen.push(u64::from(
            storage.entries(0, 1, None, GetEntriesContext(false))
                == Err(raftlike::Error::Compacted),
        ));
        seen.push(u64::from(storage.is_empty().unwrap()));
        seen
    }

    #[test]
    fn a_foreign_storage_trait_records_and_replays_through_mirrors() {
        let mut expected = Vec::new();
        let text = record(|recorder| {
            let mut storage = RecordedStorage::new(Memory::default(), recorder);
            expected = run(&mut storage, b"set x");
        });
        assert_eq!(expected, [2, 1, 2, 2, 1, 1, 0]);
        // `impl Into<Option<u64>>` is recorded as what it converts to, the
        // context is left out, entries go through their mirror.
        assert!(
            text.contains(r#""method":"entries","args":{"low":1,"high":3,"max_size":10}"#),
            "{text}"
        );
        assert!(
            text.contains(r#""method":"entries","args":{"low":0,"high":1,"max_size":null}"#),
            "{text}"
        );
        assert!(text.contains(r#""err":"Compacted""#), "{text}");
        assert!(text.contains(r#""err":"Unavailable""#), "{text}");
        assert!(
            text.contains(r#""ok":[2,0]"#),
            "the `with` module writes the hard state: {text}"
        );
        assert!(
            text.contains(r#""args":{"entries":[{"term":2,"index":1,"data":"c2V0IHg="}"#),
            "{text}"
        );

        // Replay: the stand-in implements `raftlike::Storage` and serves the
        // foreign types rebuilt from their mirrors, errors included.
        let replay = Replay::from_str(&text).unwrap();
        let mut storage = ReplayStorage::new(&replay);
        assert_eq!(run(&mut storage, b"set x"), expected);
        replay.finish().assert_clean();

        // Another payload diverges at the append, at the entry's data.
        let replay = Replay::from_str(&text).unwrap();
        let mut storage = ReplayStorage::new(&replay);
        run(&mut storage, b"set y");
        let report = replay.finish();
        let first = report.first().expect("a divergence");
        assert_eq!(
            (first.kind, first.method.as_str()),
            (FindingKind::ArgumentsDiffer, "append")
        );
        assert_eq!(
            first.paths,
            ["$.args.entries[0].data", "$.args.entries[1].data"]
        );
    }
}

/// A foreign trait with an associated type, a generic method, and a type
/// parameter bounded by `AsRef`.
mod generic {
    use super::*;

    pub mod foreign {
        pub trait Cache {
            type Value;
            fn get(&self, key: &str) -> Option<Self::Value>;
            fn put<V: Into<String>>(&mut self, key: V, value: Self::Value);
            fn size_of<K: AsRef<str>>(&self, key: K) -> usize;
        }
    }

    #[reprise::boundary(remote = foreign::Cache)]
    trait Cache {
        type Value: Serialize + serde::de::DeserializeOwned;
        fn get(&self, key: &str) -> Option<Self::Value>;
        fn put<V: Into<String>>(&mut self, key: V, value: Self::Value);
        fn size_of<K: AsRef<str>>(&self, key: K) -> usize;
    }

    #[derive(Default)]
    struct Map(std::collections::BTreeMap<String, u32>);
    impl foreign::Cache for Map {
        type Value = u32;
        fn get(&self, key: &str) -> Option<u32> {
            self.0.get(key).copied()
        }
        fn put<V: Into<String>>(&mut self, key: V, value: u32) {
            self.0.insert(key.into(), value);
        }
        fn size_of<K: AsRef<str>>(&self, key: K) -> usize {
            key.as_ref().len()
        }
    }

    fn run<C: foreign::Cache<Value = u32>>(cache: &mut C) -> (Option<u32>, usize) {
        cache.put("a", 1);
        cache.put(String::from("b"), 2);
        (cache.get("b"), cache.size_of(String::from("abc")))
    }

    #[test]
    fn associated_types_and_generic_methods_of_a_foreign_trait() {
        let text = record(|recorder| {
            assert_eq!(
                run(&mut RecordedCache::new(Map::default(), recorder)),
                (Some(2), 3)
            );
        });
        assert!(
            text.contains(r#""method":"put","args":{"key":"b","value":2}"#),
            "{text}"
        );
        assert!(
            text.contains(r#""method":"size_of","args":{"key":"abc"}"#),
            "{text}"
        );
        let replay = Replay::from_str(&text).unwrap();
        assert_eq!(run(&mut ReplayCache::<Map>::new(&replay)), (Some(2), 3));
        replay.finish().assert_clean();
    }
}

/// A foreign async trait (native `async fn`), wrapped remotely.
mod asynchronous {
    use super::*;

    pub mod foreign {
        #[derive(Debug, Clone, PartialEq)]
        pub struct Blob(pub Vec<u8>);

        pub trait ObjectStore {
            fn put(
                &self,
                path: &str,
                blob: Blob,
            ) -> impl Future<Output = Result<u64, String>> + Send;
            fn get(&self, path: &str) -> impl Future<Output = Result<Blob, String>> + Send;
        }
    }

    #[derive(Serialize, Deserialize)]
    struct BlobMirror(#[serde(with = "reprise::bytes")] Vec<u8>);
    impl From<foreign::Blob> for BlobMirror {
        fn from(b: foreign::Blob) -> Self {
            BlobMirror(b.0)
        }
    }
    impl From<BlobMirror> for foreign::Blob {
        fn from(b: BlobMirror) -> Self {
            foreign::Blob(b.0)
        }
    }

    #[reprise::boundary(remote = foreign::ObjectStore, port = "store")]
    trait ObjectStore {
        fn put(
            &self,
            path: &str,
            #[reprise(via = BlobMirror)] blob: foreign::Blob,
        ) -> impl Future<Output = Result<u64, String>> + Send;
        #[reprise(ok(via = BlobMirror))]
        fn get(&self, path: &str) -> impl Future<Output = Result<foreign::Blob, String>> + Send;
    }

    struct Memory(std::sync::Mutex<Vec<(String, foreign::Blob)>>);
    impl foreign::ObjectStore for Memory {
        async fn put(&self, path: &str, blob: foreign::Blob) -> Result<u64, String> {
            let mut all = self.0.lock().unwrap();
            all.push((path.to_owned(), blob));
            Ok(all.len() as u64)
        }
        async fn get(&self, path: &str) -> Result<foreign::Blob, String> {
            let all = self.0.lock().unwrap();
            all.iter()
                .find(|(p, _)| p == path)
                .map(|(_, b)| b.clone())
                .ok_or_else(|| format!("no {path}"))
        }
    }

    async fn run(
        store: &impl foreign::ObjectStore,
    ) -> (
        u64,
        Result<foreign::Blob, String>,
        Result<foreign::Blob, String>,
    ) {
        let n = store.put("a", foreign::Blob(b"hi".to_vec())).await.unwrap();
        (n, store.get("a").await, store.get("b").await)
    }

    #[test]
    fn a_foreign_async_trait() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut expected = None;
        let text = record(|recorder| {
            let store = RecordedObjectStore::new(Memory(Default::default()), recorder);
            expected = Some(rt.block_on(run(&store)));
        });
        assert!(
            text.contains(r#""args":{"path":"a","blob":"aGk="}"#),
            "{text}"
        );
        assert!(text.contains(r#""err":"no b""#), "{text}");
        let replay = Replay::from_str(&text).unwrap();
        let got = rt.block_on(run(&ReplayObjectStore::new(&replay)));
        assert_eq!(Some(got), expected);
        replay.finish().assert_clean();
    }
}

/// An inbound foreign trait: its dispatcher reads mirrors, `Into`
/// arguments and skipped arguments back from the recording.
mod inbound {
    use super::*;

    pub mod foreign {
        #[derive(Debug, Clone, PartialEq)]
        pub struct Msg(pub String);
        #[derive(Debug, Default)]
        pub struct Ctx;
        pub trait Handler {
            fn handle(
                &mut self,
                msg: Msg,
                limit: impl Into<Option<u32>>,
                ctx: Ctx,
            ) -> Result<Msg, Msg>;
        }
    }

    #[derive(Serialize, Deserialize)]
    struct MsgMirror(String);
    impl From<foreign::Msg> for MsgMirror {
        fn from(m: foreign::Msg) -> Self {
            MsgMirror(m.0)
        }
    }
    impl From<MsgMirror> for foreign::Msg {
        fn from(m: MsgMirror) -> Self {
            foreign::Msg(m.0)
        }
    }

    #[reprise::boundary(remote = foreign::Handler, inbound, port = "api", err(via = MsgMirror))]
    trait Handler {
        #[reprise(ok(via = MsgMirror))]
        fn handle(
            &mut self,
            #[reprise(via = MsgMirror)] msg: foreign::Msg,
            limit: impl Into<Option<u32>>,
            #[reprise(skip)] ctx: foreign::Ctx,
        ) -> Result<foreign::Msg, foreign::Msg>;
    }

    struct Upper;
    impl foreign::Handler for Upper {
        fn handle(
            &mut self,
            msg: foreign::Msg,
            limit: impl Into<Option<u32>>,
            _: foreign::Ctx,
        ) -> Result<foreign::Msg, foreign::Msg> {
            match limit.into() {
                Some(l) if msg.0.len() > l as usize => Err(msg),
                _ => Ok(foreign::Msg(msg.0.to_uppercase())),
            }
        }
    }

    #[test]
    fn a_foreign_inbound_trait_is_dispatched_from_its_recording() {
        use foreign::Handler as _;
        let text = record(|recorder| {
            let mut api = RecordedHandler::new(Upper, recorder);
            assert_eq!(
                api.handle(foreign::Msg("hi".into()), 5, foreign::Ctx),
                Ok(foreign::Msg("HI".into()))
            );
            assert!(
                api.handle(foreign::Msg("too long".into()), Some(3), foreign::Ctx)
                    .is_err()
            );
        });
        assert!(text.contains(r#""args":{"msg":"hi","limit":5}"#), "{text}");
        assert!(text.contains(r#""err":"too long""#), "{text}");
        let replay = Replay::from_str(&text).unwrap();
        let mut upper = Upper;
        replay
            .drive(|call| HandlerDispatcher::dispatch(&mut upper, call))
            .assert_clean();
    }
}
