//! Many threads recording at once into a real file: ordering, completeness,
//! and the overflow policies.

mod common;

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use common::read_file;
use reprise_recorder::{FileSink, Overflow, Recorder, task};
use reprise_transcript::{Ending, Event, Outcome};
use serde::Serialize;
use serde_json::json;

const THREADS: u64 = 8;
/// Each call is two events (call and return): 10,000 events per thread.
const CALLS_PER_THREAD: u64 = 5_000;

#[derive(Serialize)]
struct Send<'a> {
    thread: u64,
    n: u64,
    body: &'a str,
}

#[test]
fn eight_threads_ten_thousand_events_each_no_loss_gap_free_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("threads.jsonl");
    let sink = FileSink::builder(&path).open().expect("sink");
    let recorder = Recorder::builder("threads")
        .sink(sink)
        .start(&json!({"threads": THREADS}))
        .expect("start");
    let barrier = Arc::new(Barrier::new(THREADS as usize));
    let workers: Vec<_> = (0..THREADS)
        .map(|thread| {
            let port = recorder.port("network");
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                task::scope(format!("thread-{thread}"), || {
                    barrier.wait();
                    for n in 0..CALLS_PER_THREAD {
                        let args = Send {
                            thread,
                            n,
                            body: "payload \"quoted\" \u{e9}",
                        };
                        let got = port.outbound("send", &args, || n * 2);
                        assert_eq!(got, n * 2);
                    }
                })
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    let summary = recorder.finish().expect("finish");
    let total = 1 + THREADS * CALLS_PER_THREAD * 2;
    assert_eq!((summary.events, summary.dropped), (total, 0));
    assert!(summary.is_complete());

    let read = read_file(&path);
    assert_eq!(read.header.component, "threads");
    assert_eq!(
        read.ending,
        Ending::Clean {
            events: total,
            dropped: 0,
            sanitizer: None
        }
    );
    // Unique, gap-free, increasing in file order.
    assert_eq!(read.seqs(), (0..total).collect::<Vec<_>>());
    // `at_ns` never goes backwards along the file.
    let times: Vec<u64> = read
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Call(c) => Some(c.at_ns),
            Event::Return(r) => Some(r.at_ns),
            _ => None,
        })
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));

    // Per-thread order: each thread's calls come in the order it made them,
    // each from its own task, each followed by its own return.
    let mut next_n: HashMap<String, u64> = HashMap::new();
    let mut open: HashMap<u64, (String, u64)> = HashMap::new();
    for event in &read.events {
        match event {
            Event::Call(call) => {
                let task = call.task.clone().expect("every call has its thread's task");
                let thread = call.args["thread"].as_u64().expect("thread");
                assert_eq!(task, format!("thread-{thread}"));
                let n = call.args["n"].as_u64().expect("n");
                let expected = next_n.entry(task.clone()).or_insert(0);
                assert_eq!(n, *expected, "order of {task}");
                *expected += 1;
                assert_eq!(call.parent, None);
                assert_eq!(
                    (call.port.as_str(), call.method.as_str()),
                    ("network", "send")
                );
                assert!(open.insert(call.seq, (task, n)).is_none());
            }
            Event::Return(ret) => {
                let (_, n) = open.remove(&ret.call).expect("a return follows its call");
                assert_eq!(ret.outcome, Outcome::Ok(json!(n * 2)));
            }
            Event::State(state) => assert_eq!(state.label, "initial"),
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert!(open.is_empty(), "calls without a return: {}", open.len());
    assert_eq!(next_n.len(), THREADS as usize);
    assert!(next_n.values().all(|&n| n == CALLS_PER_THREAD));
}

/// A destination that is slow to write, to fill the queue.
struct Slow(std::fs::File);

impl Write for Slow {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        thread::sleep(Duration::from_millis(2));
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[test]
fn drop_and_count_drops_counts_and_still_reads_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("overflow.jsonl");
    let file = std::fs::File::create(&path).expect("file");
    let sink = FileSink::builder(&path)
        .queue_capacity(4)
        .overflow(Overflow::DropAndCount)
        .open_writer(Slow(file))
        .expect("sink");
    let recorder = Recorder::builder("overflow")
        .sink(sink)
        .start(&())
        .expect("start");
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let recorder = recorder.clone();
            thread::spawn(move || {
                for i in 0..1_000 {
                    recorder.probe("tick", &json!({"t": t, "i": i}));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let summary = recorder.finish().expect("finish");
    assert!(
        summary.dropped > 0,
        "a tiny queue and a slow writer must drop"
    );
    assert_eq!(summary.events + summary.dropped, 1 + 2_000);

    let read = read_file(&path);
    assert_eq!(
        read.ending,
        Ending::Clean {
            events: summary.events,
            dropped: summary.dropped,
            sanitizer: None
        }
    );
    assert_eq!(read.events.len() as u64, summary.events);
    // Dropped events leave gaps: the seqs read are increasing, within the
    // seqs assigned, and exactly `dropped` of those are missing.
    let seqs = read.seqs();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    let assigned = summary.events + summary.dropped;
    assert!(seqs.iter().all(|&s| s < assigned));
    assert_eq!(assigned - seqs.len() as u64, summary.dropped);
    assert_eq!(seqs[0], 0, "the initial state is never dropped");
}

#[test]
fn block_waits_for_a_slow_writer_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("block.jsonl");
    let file = std::fs::File::create(&path).expect("file");
    let sink = FileSink::builder(&path)
        .queue_capacity(4)
        .open_writer(Slow(file))
        .expect("sink");
    let recorder = Recorder::builder("block")
        .sink(sink)
        .start(&())
        .expect("start");
    for i in 0..200 {
        recorder.probe("tick", &i);
    }
    let summary = recorder.finish().expect("finish");
    assert_eq!((summary.events, summary.dropped), (201, 0));
    let read = read_file(&path);
    assert_eq!(read.seqs(), (0..201).collect::<Vec<_>>());
    assert!(read.ending.is_clean());
}
