//! Round trips through the generated code: a small key-value component is
//! recorded through the generated wrappers (its outbound ports and its
//! inbound API), then replayed through the generated stand-ins and
//! dispatcher. Replaying the same component is clean; replaying a changed one
//! reports the method and the argument path that differ.
//!
//! The same story is told three times: a sync trait, native `async fn` (and
//! `impl Future`) traits, and `#[async_trait]` traits with the attribute in
//! either order.

use reprise::recorder::{MemorySink, Recorder};
use reprise::replayer::{FindingKind, Replay, Report};
use serde::{Deserialize, Serialize};

/// What `put` sends to the replicas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    key: String,
    value: u64,
}

/// Records a component with `record` and returns the transcript.
fn record(record: impl FnOnce(&Recorder)) -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("kv")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    record(&recorder);
    recorder.finish().expect("finish");
    sink.contents_string()
}

/// Checks the report of a changed component: the first finding is at
/// `method`, where the argument at `path` differs.
fn check_diverged(report: &Report, port: &str, method: &str, path: &str) {
    let first = report
        .first()
        .unwrap_or_else(|| panic!("clean:\n{}", report.to_text()));
    assert_eq!(
        (first.kind, first.port.as_str(), first.method.as_str()),
        (FindingKind::ArgumentsDiffer, port, method),
        "{}",
        report.to_text()
    );
    assert_eq!(first.paths, [path], "{}", report.to_text());
    let text = report.to_text();
    assert!(text.contains(method) && text.contains(path), "{text}");
}

mod sync {
    use super::*;

    #[reprise::boundary]
    pub trait Network {
        fn send(&mut self, to: u32, msg: &Message) -> Result<(), String>;
    }

    #[reprise::boundary]
    pub trait Storage {
        fn append(&mut self, entry: &str, bytes: &[u8]) -> Result<u64, String>;
        fn read(&self, index: u64) -> Option<String>;
    }

    #[reprise::boundary(inbound, port = "api")]
    pub trait Api {
        fn put(&mut self, key: &str, value: u64) -> Result<u64, String>;
        fn get(&mut self, index: u64) -> Option<String>;
        fn put_blob(&mut self, key: &str, blob: &[u8]) -> Result<u64, String>;
    }

    #[derive(Default)]
    struct Wire(Vec<(u32, Message)>);
    impl Network for Wire {
        fn send(&mut self, to: u32, msg: &Message) -> Result<(), String> {
            self.0.push((to, msg.clone()));
            Ok(())
        }
    }

    #[derive(Default)]
    struct Memory(Vec<String>);
    impl Storage for Memory {
        fn append(&mut self, entry: &str, _bytes: &[u8]) -> Result<u64, String> {
            self.0.push(entry.to_owned());
            Ok(self.0.len() as u64)
        }
        fn read(&self, index: u64) -> Option<String> {
            self.0.get(index as usize - 1).cloned()
        }
    }

    /// The component: stores `value * factor`, then tells replica 2.
    struct Node<N, S> {
        net: N,
        storage: S,
        factor: u64,
    }

    impl<N: Network, S: Storage> Api for Node<N, S> {
        fn put(&mut self, key: &str, value: u64) -> Result<u64, String> {
            let value = value * self.factor;
            let index = self
                .storage
                .append(&format!("{key}={value}"), key.as_bytes())?;
            let msg = Message {
                key: key.to_owned(),
                value,
            };
            self.net.send(2, &msg)?;
            Ok(index)
        }
        fn get(&mut self, index: u64) -> Option<String> {
            self.storage.read(index)
        }
        fn put_blob(&mut self, key: &str, blob: &[u8]) -> Result<u64, String> {
            self.storage.append(key, blob)
        }
    }

    fn replay(transcript: &str, factor: u64) -> Report {
        let replay = Replay::from_str(transcript).expect("loads");
        let mut node = Node {
            net: ReplayNetwork::new(&replay),
            storage: ReplayStorage::new(&replay),
            factor,
        };
        replay.drive(|call| ApiDispatcher::dispatch(&mut node, call))
    }

    #[test]
    fn replays_clean_then_reports_the_changed_argument() {
        let transcript = record(|recorder| {
            let node = Node {
                net: RecordedNetwork::new(Wire::default(), recorder),
                storage: RecordedStorage::new(Memory::default(), recorder),
                factor: 1,
            };
            let mut api = RecordedApi::new(node, recorder);
            assert_eq!(api.put("a", 1), Ok(1));
            assert_eq!(api.put("b", 2), Ok(2));
            assert_eq!(api.get(2), Some("b=2".to_owned()));
            assert_eq!(api.put_blob("c", &[0x00, 0xff]), Ok(3));
            assert_eq!(api.inner().net.inner().0.len(), 2);
        });
        // Byte buffers are base64 strings, on both sides of the boundary.
        assert!(
            transcript.contains(r#""dir":"out","port":"storage","method":"append","args":{"entry":"a=1","bytes":"YQ=="}"#),
            "{transcript}"
        );
        assert!(
            transcript.contains(r#""method":"put_blob","args":{"key":"c","blob":"AP8="}"#),
            "{transcript}"
        );
        assert!(
            transcript
                .contains(r#""dir":"in","port":"api","method":"put","args":{"key":"a","value":1}"#),
            "{transcript}"
        );
        replay(&transcript, 1).assert_clean();
        check_diverged(&replay(&transcript, 2), "storage", "append", "$.args.entry");
    }

    #[test]
    fn a_recorded_return_of_another_type_is_a_divergence_not_a_panic() {
        let transcript = record(|recorder| {
            let mut storage = RecordedStorage::new(Memory::default(), recorder);
            let mut api = RecordedApi::new(
                Node {
                    net: RecordedNetwork::new(Wire::default(), recorder),
                    storage: &mut storage,
                    factor: 1,
                },
                recorder,
            );
            api.put("a", 1).expect("put");
        });
        // The recording says `append` returned 1; make it a string.
        let transcript = transcript.replace(r#""ok":1,"#, r#""ok":"one","#);
        let report = replay(&transcript, 1);
        let first = report.first().expect("a finding");
        assert_eq!(
            (first.kind, first.method.as_str()),
            (FindingKind::ReturnDiffers, "append")
        );
        assert!(
            first.message.contains("cannot be read as `u64`"),
            "{}",
            first.message
        );
    }

    impl<S: Storage + ?Sized> Storage for &mut S {
        fn append(&mut self, entry: &str, bytes: &[u8]) -> Result<u64, String> {
            (**self).append(entry, bytes)
        }
        fn read(&self, index: u64) -> Option<String> {
            (**self).read(index)
        }
    }

    #[test]
    fn the_wrappers_are_usable_as_trait_objects_and_across_threads() {
        fn send_sync<T: Send + Sync>(_: &T) {}
        let transcript = record(|recorder| {
            let inner: Box<dyn Storage + Send + Sync> = Box::new(Memory::default());
            let mut storage: Box<dyn Storage + Send + Sync> =
                Box::new(RecordedStorage::new(inner, recorder));
            send_sync(&storage);
            std::thread::scope(|s| {
                s.spawn(|| storage.append("x", b"x"))
                    .join()
                    .expect("thread")
                    .expect("append");
            });
        });
        let replay = Replay::from_str(&transcript).expect("loads");
        let mut storage: Box<dyn Storage> = Box::new(ReplayStorage::new(&replay));
        assert_eq!(storage.append("x", b"x"), Ok(1));
        assert!(replay.finish().is_clean());
    }
}

mod native_async {
    use super::*;
    use std::future::Future;

    #[reprise::boundary]
    pub trait Network {
        fn send(&self, to: u32, msg: Message) -> impl Future<Output = Result<(), String>> + Send;
    }

    #[reprise::boundary]
    #[allow(async_fn_in_trait)]
    pub trait Storage {
        async fn append(&mut self, entry: String) -> std::io::Result<u64>;
        async fn read(&self, index: u64) -> std::io::Result<Option<String>>;
    }

    #[reprise::boundary(inbound, port = "api")]
    #[allow(async_fn_in_trait)]
    pub trait Api {
        async fn put(&mut self, key: String, value: u64) -> std::io::Result<u64>;
    }

    struct Wire;
    impl Network for Wire {
        async fn send(&self, _to: u32, _msg: Message) -> Result<(), String> {
            tokio::task::yield_now().await;
            Ok(())
        }
    }

    #[derive(Default)]
    struct Memory(Vec<String>);
    impl Storage for Memory {
        async fn append(&mut self, entry: String) -> std::io::Result<u64> {
            if entry.starts_with("full") {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "disk full",
                ));
            }
            self.0.push(entry);
            Ok(self.0.len() as u64)
        }
        async fn read(&self, index: u64) -> std::io::Result<Option<String>> {
            Ok(self.0.get(index as usize - 1).cloned())
        }
    }

    struct Node<N, S> {
        net: N,
        storage: S,
        factor: u64,
    }

    impl<N: Network, S: Storage> Api for Node<N, S> {
        async fn put(&mut self, key: String, value: u64) -> std::io::Result<u64> {
            let value = value * self.factor;
            let index = self.storage.append(format!("{key}={value}")).await?;
            self.storage.read(index).await?;
            self.net
                .send(2, Message { key, value })
                .await
                .map_err(std::io::Error::other)?;
            Ok(index)
        }
    }

    async fn replay(transcript: &str, factor: u64) -> Report {
        let replay = Replay::from_str(transcript).expect("loads");
        let mut node = Node {
            net: ReplayNetwork::new(&replay),
            storage: ReplayStorage::new(&replay),
            factor,
        };
        // No glue: an async closure borrows the node for each call.
        replay
            .drive_async(async |call| ApiDispatcher::dispatch(&mut node, &call).await)
            .await
    }

    #[tokio::test]
    async fn replays_clean_then_reports_the_changed_argument() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("kv")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let node = Node {
            net: RecordedNetwork::new(Wire, &recorder),
            storage: RecordedStorage::new(Memory::default(), &recorder),
            factor: 1,
        };
        let mut api = RecordedApi::new(node, &recorder);
        // Across tasks: the wrapped component's futures are `Send`.
        let handle = tokio::spawn(async move {
            assert_eq!(api.put("a".into(), 1).await.expect("put"), 1);
            let error = api.put("full".into(), 2).await.unwrap_err();
            assert_eq!(error.kind(), std::io::ErrorKind::StorageFull);
        });
        handle.await.expect("task");
        recorder.finish().expect("finish");
        let transcript = sink.contents_string();
        assert!(
            transcript.contains(r#""err":{"kind":"StorageFull","message":"disk full"}"#),
            "{transcript}"
        );
        // The child calls name the inbound call as their parent.
        assert!(transcript.contains(r#""method":"append","args":{"entry":"a=1"},"at_ns""#));
        assert!(transcript.contains(r#","parent":1}"#), "{transcript}");

        replay(&transcript, 1).await.assert_clean();
        check_diverged(
            &replay(&transcript, 3).await,
            "storage",
            "append",
            "$.args.entry",
        );
    }
}

mod with_async_trait {
    use super::*;

    /// `#[reprise::boundary]` above `#[async_trait]`: it sees `async fn`s.
    #[reprise::boundary]
    #[async_trait::async_trait]
    pub trait Storage {
        async fn append(&mut self, entry: Message) -> std::io::Result<u64>;
        async fn read(&self, index: u64) -> std::io::Result<Option<Message>>;
        /// Not recorded: delegated as is.
        #[reprise(skip)]
        fn len(&self) -> usize;
    }

    /// `#[async_trait]` above `#[reprise::boundary]`: it sees the boxed
    /// futures `#[async_trait]` wrote.
    #[async_trait::async_trait]
    #[reprise::boundary(port = "net")]
    pub trait Network {
        #[reprise(name = "send_to")]
        async fn send(&self, to: u32, msg: &Message) -> Result<(), String>;
    }

    #[async_trait::async_trait]
    #[reprise::boundary(inbound, port = "api")]
    pub trait Api {
        async fn put(&mut self, key: String, value: u64) -> std::io::Result<u64>;
    }

    #[derive(Default)]
    struct Memory(Vec<Message>);
    #[async_trait::async_trait]
    impl Storage for Memory {
        async fn append(&mut self, entry: Message) -> std::io::Result<u64> {
            self.0.push(entry);
            Ok(self.0.len() as u64)
        }
        async fn read(&self, index: u64) -> std::io::Result<Option<Message>> {
            Ok(self.0.get(index as usize - 1).cloned())
        }
        fn len(&self) -> usize {
            self.0.len()
        }
    }

    struct Wire;
    #[async_trait::async_trait]
    impl Network for Wire {
        async fn send(&self, _to: u32, _msg: &Message) -> Result<(), String> {
            Ok(())
        }
    }

    struct Node {
        net: Box<dyn Network + Send + Sync>,
        storage: Box<dyn Storage + Send + Sync>,
        factor: u64,
    }

    #[async_trait::async_trait]
    impl Api for Node {
        async fn put(&mut self, key: String, value: u64) -> std::io::Result<u64> {
            let msg = Message {
                key,
                value: value * self.factor,
            };
            let index = self.storage.append(msg.clone()).await?;
            assert_eq!(self.storage.read(index).await?, Some(msg.clone()));
            self.net
                .send(2, &msg)
                .await
                .map_err(std::io::Error::other)?;
            Ok(index)
        }
    }

    async fn replay(transcript: &str, factor: u64) -> Report {
        let replay = Replay::from_str(transcript).expect("loads");
        let mut node = Node {
            net: Box::new(ReplayNetwork::new(&replay)),
            storage: Box::new(ReplayStorage::new(&replay)),
            factor,
        };
        replay
            .drive_async(async |call| ApiDispatcher::dispatch(&mut node, &call).await)
            .await
    }

    #[tokio::test]
    async fn replays_clean_then_reports_the_changed_argument() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("kv")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let inner: Box<dyn Storage + Send + Sync> = Box::new(Memory::default());
        let storage = RecordedStorage::new(inner, &recorder);
        let node = Node {
            net: Box::new(RecordedNetwork::new(Wire, &recorder)),
            storage: Box::new(storage),
            factor: 1,
        };
        let mut api = RecordedApi::new(node, &recorder);
        let handle = tokio::spawn(async move {
            api.put("a".into(), 1).await.expect("put");
            api.put("b".into(), 2).await.expect("put");
            assert_eq!(api.inner().storage.len(), 2);
        });
        handle.await.expect("task");
        recorder.finish().expect("finish");
        let transcript = sink.contents_string();
        assert!(
            transcript.contains(
                r#""port":"net","method":"send_to","args":{"to":2,"msg":{"key":"a","value":1}}"#
            ),
            "{transcript}"
        );
        assert!(!transcript.contains(r#""method":"len""#));

        replay(&transcript, 1).await.assert_clean();
        check_diverged(
            &replay(&transcript, 5).await,
            "storage",
            "append",
            "$.args.entry.value",
        );
    }
}

/// `#[reprise(query)]`: a read served by equal arguments in replay, in any
/// order and any number of times, never missing by itself.
mod query {
    use super::*;

    #[reprise::boundary]
    pub trait Log {
        #[reprise(query)]
        fn term(&self) -> u64;
        fn append(&mut self, term: u64, entry: u64);
    }

    struct Memory(Vec<u64>);

    impl Log for Memory {
        fn term(&self) -> u64 {
            7
        }
        fn append(&mut self, _term: u64, entry: u64) {
            self.0.push(entry);
        }
    }

    /// Appends `entries`, reading the term `reads` times before each.
    fn run(log: &mut impl Log, entries: &[u64], reads: usize) {
        for &entry in entries {
            let mut term = 0;
            for _ in 0..reads {
                term = log.term();
            }
            log.append(term, entry);
        }
    }

    #[test]
    fn reading_more_often_than_recorded_is_clean_and_an_effect_still_diverges() {
        let transcript = record(|recorder| {
            let mut log = RecordedLog::new(Memory(Vec::new()), recorder);
            run(&mut log, &[1, 2], 1);
        });
        let replay = Replay::from_str(&transcript).expect("loads");
        let mut log = ReplayLog::new(&replay);
        run(&mut log, &[1, 2], 3);
        replay.finish().assert_clean();

        let replay = Replay::builder()
            .stop_at_first(false)
            .from_str(&transcript)
            .expect("loads");
        let mut log = ReplayLog::new(&replay);
        run(&mut log, &[1, 3], 2);
        check_diverged(&replay.finish(), "log", "append", "$.args.entry");
    }
}
