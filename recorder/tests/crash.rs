//! A recording process killed with SIGKILL keeps every event it flushed.
//!
//! The parent test re-executes this test binary, running only
//! `child_records_until_killed` with [`CHILD_ENV`] set to the transcript
//! path. The child records in a loop, flushes every [`FLUSH_EVERY`] calls and
//! prints `flushed <i>`; the parent kills it once it has seen a few of those
//! and reads the file back.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reprise_recorder::{FileSink, Recorder};
use reprise_transcript::{Ending, Outcome};
use serde_json::json;

/// Set (to the transcript path) in the child process only.
const CHILD_ENV: &str = "REPRISE_RECORDER_CRASH_CHILD";
const FLUSH_EVERY: u64 = 300;
/// How many flush reports the parent waits for before killing the child.
const REPORTS: usize = 5;

/// The child: a no-op unless run by the parent test with [`CHILD_ENV`] set.
#[test]
fn child_records_until_killed() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let sink = FileSink::builder(&path).open().expect("sink");
    let recorder = Recorder::builder("crash-child")
        .sink(sink)
        .start(&())
        .expect("start");
    let network = recorder.port("network");
    let padding = "x".repeat(120);
    let started = Instant::now();
    let mut stdout = std::io::stdout();
    for i in 0u64.. {
        network.outbound("send", &json!({"i": i, "padding": padding}), || i);
        if i % FLUSH_EVERY == FLUSH_EVERY - 1 {
            recorder.flush().expect("flush");
            writeln!(stdout, "flushed {i}").expect("stdout");
            stdout.flush().expect("stdout");
        }
        // Never outlive a parent that failed to kill us.
        if started.elapsed() > Duration::from_secs(60) {
            std::process::exit(3);
        }
    }
}

#[test]
fn events_flushed_before_sigkill_are_read_back() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.jsonl");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_records_until_killed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the child");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut last_flushed = None;
    let mut reports = 0;
    // Keep the pipe open until the child is dead: a closed pipe would make
    // its next report fail and end it cleanly rather than by the kill.
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.expect("child stdout");
        // libtest may print `test <name> ... ` on the same line, before ours.
        if let Some((_, i)) = line.split_once("flushed ") {
            last_flushed = Some(i.parse::<u64>().expect("a number"));
            reports += 1;
            if reports == REPORTS {
                break;
            }
        }
    }
    // Let the child get on with recording (and its writer thread with
    // writing) past the last flush, so the kill lands mid-run.
    std::thread::sleep(Duration::from_millis(20));
    // SIGKILL on Unix: no destructor, no `end` line, the writer thread dies
    // wherever it was.
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    drop(lines);
    assert!(
        !status.success(),
        "the child was killed, not finished: {status}"
    );
    let last_flushed = last_flushed.expect("the child reported flushes");
    assert_eq!(reports, REPORTS);

    let read = common::read_file(&path);
    assert!(
        matches!(read.ending, Ending::CutShort { .. }),
        "a killed recording is cut short: {:?}",
        read.ending
    );
    let seqs = read.seqs();
    assert_eq!(seqs, (0..seqs.len() as u64).collect::<Vec<_>>());
    // Every call up to the last reported flush is there, in order, with its return.
    let calls: Vec<_> = read.calls().collect();
    assert!(
        calls.len() as u64 > last_flushed,
        "{} calls read, flushed up to {last_flushed}",
        calls.len()
    );
    for (i, call) in calls.iter().enumerate().take(last_flushed as usize + 1) {
        assert_eq!(call.args["i"], json!(i));
    }
    let returns: Vec<_> = read.returns().collect();
    assert!(returns.len() as u64 > last_flushed);
    for (i, ret) in returns.iter().enumerate().take(last_flushed as usize + 1) {
        assert_eq!(ret.call, calls[i].seq);
        assert_eq!(ret.outcome, Outcome::Ok(json!(i)));
    }
}

/// Issue 15: the durability promise offers a sync policy for power-loss
/// durability. With `Durability::Disk` every batch is synced before it
/// counts as written, and a flushed recording is whole on disk.
#[test]
fn regression_a_disk_durable_sink_has_everything_on_disk_after_flush() {
    use reprise_recorder::{Durability, FileSink, Recorder};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("durable.jsonl");
    let sink = FileSink::builder(&path)
        .durability(Durability::Disk)
        .open()
        .expect("open");
    let recorder = Recorder::builder("durable")
        .sink(sink)
        .start(&())
        .expect("start");
    let port = recorder.port("disk");
    for i in 0..100u64 {
        port.outbound("write", &i, || ());
    }
    recorder.flush().expect("flush");
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text.lines().count(),
        2 + 200,
        "header, state, 100 calls and returns"
    );
    recorder.finish().expect("finish");
}
