//! Replay from a file reads payloads back from it through a bounded cache:
//! a transcript several times larger than the cache replays to the same
//! report, context, captured transcript and determinism verdict as the same
//! text replayed from a string; a line changed on disk after loading is an
//! error naming the file and the line, never a panic and never the value.

use std::path::Path;

use reprise::recorder::{FileSink, Recorder};
use reprise::replayer::{FindingKind, Replay, ReplayError, Report, check_determinism};
use serde::{Deserialize, Serialize};

/// A stored record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    version: u64,
    body: String,
}

/// The store's storage.
#[reprise::boundary]
pub trait Storage {
    /// The record under `key`.
    fn read(&mut self, key: &str) -> Result<Option<Record>, String>;
    /// Stores `record` under `key`; returns its version.
    fn write(&mut self, key: &str, record: &Record) -> Result<u64, String>;
}

/// The store's API.
#[reprise::boundary(inbound)]
pub trait Api {
    /// Stores `body` under `key`.
    fn put(&mut self, key: String, body: String) -> Result<u64, String>;
}

/// The component: bumps a record's version on every put. With `drift`, it
/// writes a changed body every 400th version, so a replay diverges now and
/// then, each finding with its context read back from the transcript.
struct Store<S> {
    storage: S,
    drift: bool,
}

impl<S: Storage> Api for Store<S> {
    fn put(&mut self, key: String, body: String) -> Result<u64, String> {
        let version = self.storage.read(&key)?.map_or(1, |r| r.version + 1);
        let body = if self.drift && version % 400 == 0 {
            format!("{body}!")
        } else {
            body
        };
        self.storage.write(&key, &Record { version, body })
    }
}

#[derive(Default)]
struct Table(std::collections::HashMap<String, Record>);

impl Storage for Table {
    fn read(&mut self, key: &str) -> Result<Option<Record>, String> {
        Ok(self.0.get(key).cloned())
    }
    fn write(&mut self, key: &str, record: &Record) -> Result<u64, String> {
        self.0.insert(key.to_owned(), record.clone());
        Ok(record.version)
    }
}

/// The secret every body carries: no error may print it.
const SECRET: &str = "tok_live_9f86d081884c7d65";

/// Records `puts` puts (6 events each) with the real recorder to `path`.
fn record(path: &Path, puts: u64) {
    let recorder = Recorder::builder("store")
        .sink(FileSink::builder(path).open().expect("sink"))
        .start(&serde_json::json!({"keys": 8}))
        .expect("start");
    let mut api = RecordedApi::new(
        Store {
            storage: RecordedStorage::new(Table::default(), &recorder),
            drift: false,
        },
        &recorder,
    );
    for i in 0..puts {
        let body = format!("{SECRET} body {i:06} {}", "x".repeat(60));
        api.put(format!("key:{}", i % 8), body).expect("put");
    }
    drop(api);
    recorder.finish().expect("finish");
}

fn drive(replay: &Replay, drift: bool) -> Report {
    let mut store = Store {
        storage: ReplayStorage::new(replay),
        drift,
    };
    replay.drive(|call| ApiDispatcher::dispatch(&mut store, call))
}

#[test]
fn a_transcript_larger_than_the_cache_replays_from_its_file_as_from_a_string() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.jsonl");
    record(&path, 5_000);
    let text = std::fs::read_to_string(&path).expect("read");
    // The block cache holds 1 MiB: several times less than the file.
    assert!(text.len() > 2 << 20, "{} bytes", text.len());

    let builder = || Replay::builder().stop_at_first(false).capture(true);
    let from_file = builder().from_file(&path).expect("load file");
    let from_str = builder().from_str(&text).expect("load text");
    let (file_report, str_report) = (drive(&from_file, true), drive(&from_str, true));
    // Version 400 of each of the 8 keys.
    assert_eq!(file_report.findings().len(), 8, "{}", file_report.to_text());
    assert!(
        file_report
            .findings()
            .iter()
            .all(|f| f.kind == FindingKind::ArgumentsDiffer)
    );
    // The inbound call, and the read it made before the write.
    assert_eq!(file_report.findings()[7].context.len(), 2);
    assert_eq!(file_report.to_json(), str_report.to_json());
    assert_eq!(
        from_file.actual_transcript().expect("captured"),
        from_str.actual_transcript().expect("captured")
    );
    assert_eq!(
        from_file
            .initial_state::<serde_json::Value>()
            .expect("state"),
        serde_json::json!({"keys": 8})
    );

    // The determinism check reads its context back from the file too.
    let check = |source: Option<&Path>| {
        let mut runs = 0;
        let replay_fn = |replay: &Replay| {
            runs += 1;
            drive(replay, runs == 2)
        };
        match source {
            Some(path) => check_determinism(path, replay_fn),
            None => check_determinism(&from_str, replay_fn),
        }
    };
    let (file_check, str_check) = (check(Some(&path)), check(None));
    assert_eq!(file_check.findings().len(), 1, "{}", file_check.to_text());
    assert_eq!(file_check.findings()[0].context.len(), 4);
    assert_eq!(file_check.to_json(), str_check.to_json());
}

/// Replaces the first occurrence of `from` at or after byte `at` with `to`
/// (of the same length), as an editor saving the file in place would.
fn overwrite(path: &Path, at: usize, from: &str, to: &str) -> usize {
    let mut text = std::fs::read_to_string(path).expect("read");
    let found = at + text[at..].find(from).expect("found");
    text.replace_range(found..found + from.len(), to);
    std::fs::write(path, text).expect("write");
    found
}

#[test]
fn a_line_changed_on_disk_after_loading_is_an_error_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.jsonl");
    record(&path, 2_000);
    let replay = Replay::builder().from_file(&path).expect("load");
    // A recorded return value, in the second half of the file, changed in
    // place: same length, still valid JSON.
    let half = std::fs::metadata(&path).expect("meta").len() as usize / 2;
    let at = overwrite(
        &path,
        half,
        "\"ok\":{\"version\":",
        "\"ok\":{\"version\"  :",
    );
    let text = std::fs::read_to_string(&path).expect("read");
    let line_at = |offset: usize| text[..offset].matches('\n').count() as u64 + 1;
    // The file is checked a block (64 KiB) at a time: the line named is the
    // first one replay read back from the block that changed.
    let block = at / (64 * 1024) * (64 * 1024);
    let (first, changed) = (line_at(block), line_at(at));

    let report = drive(&replay, false);
    let finding = report.findings().last().expect("an error finding");
    assert_eq!(finding.kind, FindingKind::Error, "{}", report.to_text());
    let prefix = format!("the replay cannot go on: {}: line ", path.display());
    let rest = finding
        .message
        .strip_prefix(&prefix)
        .expect("names the file");
    let (line, reason) = rest.split_once(": ").expect("names the line");
    let line: u64 = line.parse().expect("a line number");
    assert!(
        (first..=changed).contains(&line),
        "{first} <= {line} <= {changed}"
    );
    assert!(
        reason.starts_with("the transcript file changed since the replay indexed it"),
        "{reason}"
    );
    // The error quotes nothing from the line (the finding's context shows
    // the recorded inbound call, as every finding's does).
    assert!(!finding.message.contains(SECRET));
    // The replay stopped there: no further inbound call was fed.
    let (fed, _) = report.counts();
    assert!(fed < 2_000 && fed > 500, "{fed}");
}

#[test]
fn a_state_changed_or_a_file_cut_after_loading_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.jsonl");
    record(&path, 50);
    let replay = Replay::from_file(&path).expect("load");
    overwrite(&path, 0, "{\"keys\":8}", "{\"keys\":9}");
    let err = replay.initial_state::<serde_json::Value>().unwrap_err();
    assert!(matches!(err, ReplayError::Reread { line: 2, .. }), "{err}");
    assert_eq!(err.file(), Some(path.display().to_string()));
    assert_eq!(err.line(), Some(2));

    let replay = Replay::from_file(&path).expect("load again");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, &text[..text.len() / 3]).expect("cut");
    let report = drive(&replay, false);
    assert_eq!(report.findings().len(), 1, "{}", report.to_text());
    let message = &report.findings()[0].message;
    assert!(
        message.contains("changed since the replay indexed it"),
        "{message}"
    );
    assert!(!message.contains(SECRET));
}

#[cfg(unix)]
#[test]
fn regression_a_transcript_from_a_pipe_loads_without_hanging() {
    // A named pipe cannot be read twice: its bytes are kept in memory.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.jsonl");
    record(&path, 20);
    let fifo = dir.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let text = std::fs::read(&path).expect("read");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text).expect("write the pipe"))
    };
    let replay = Replay::from_file(&fifo).expect("load from the pipe");
    writer.join().expect("writer");
    drive(&replay, false).assert_clean();
}
