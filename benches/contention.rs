//! Call-to-return overhead under contention: 64 threads each record no-op
//! outbound calls as fast as they can into a file sink, and the time each
//! recorded call takes (from before the wrapper to after it returns) is
//! sampled. Printed: p50, p99, p99.9 and max per call, and how evenly the
//! threads were served (fewest and most calls per thread), against the same
//! threads calling the no-op without recording (the machine's own
//! scheduling noise) and against the same threads doing the recorder's
//! serialisation work themselves, into a buffer of their own (`serialise`:
//! a call as long as a recorded one, sharing nothing) in the same run.
//! Run: `cargo bench --bench contention`.
//!
//! On a 2-core machine 64 runnable threads are mostly waiting for a core
//! whatever the recorder does, and a call is descheduled in its middle the
//! more often the longer it is: `serialise` says how much of the tail that
//! is for a call of the recorded call's length. What the recorder must not
//! add is its own queueing: a lock held across I/O, a lock whose holder is
//! descheduled while every other thread waits for it, or a thread starved
//! by an unfair lock.
//!
//! The bound kept (issue 15, item 8): the recorded call's p99 at most
//! 15 µs with 64 threads on this 2-core machine (2.8 to 10.8 µs in every
//! run so far, the `serialise` baseline's p99 being 0.4 to 0.6 µs). Not
//! bounded yet: p99.9, max and fairness (threads served 1.9x to 23x
//! unevenly), which the recorder's one lock still makes worse than the
//! baseline's; see benches/README.md for the figures and what was tried.

#![allow(missing_docs)]

mod common;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reprise::recorder::{FileSink, Recorder};

const THREADS: usize = 64;
const RUN: Duration = Duration::from_secs(2);

/// What each thread does per call.
#[derive(Clone, Copy)]
enum Mode<'r> {
    /// The bare call.
    Plain,
    /// The call, and a call line and a return line serialised into the
    /// thread's own buffer: the recorder's work on the calling thread,
    /// without the hand-off.
    Serialise,
    /// The call, recorded.
    Record(&'r Recorder),
}

/// Per-call latencies (ns) and per-thread call counts of one run.
fn run(mode: Mode<'_>) -> (Vec<u64>, Vec<usize>) {
    let stop = Arc::new(AtomicBool::new(false));
    let msg = common::message();
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let stop = stop.clone();
            let msg = msg.clone();
            let port = match mode {
                Mode::Record(r) => Some(r.port("network")),
                _ => None,
            };
            let serialise = matches!(mode, Mode::Serialise);
            std::thread::spawn(move || {
                let mut samples = Vec::with_capacity(1 << 16);
                let mut calls = 0usize;
                let mut own = Vec::with_capacity(1 << 10);
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    let _ = match &port {
                        Some(port) => port.outbound_result("send", &msg, || common::send(&msg)),
                        None if serialise => {
                            own.clear();
                            let _ = write!(own, r#"{{"kind":"call","seq":{calls},"dir":"out","port":"network","method":"send","args":"#);
                            let _ = serde_json::to_writer(&mut own, &msg);
                            let at = started.elapsed().as_nanos();
                            let _ = writeln!(own, r#","at_ns":{at}}}"#);
                            let result = common::send(&msg);
                            let at = started.elapsed().as_nanos();
                            let _ = writeln!(own, r#"{{"kind":"return","seq":{calls},"call":{calls},"ok":null,"at_ns":{at}}}"#);
                            std::hint::black_box(&own);
                            result
                        }
                        None => common::send(&msg),
                    };
                    let ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                    // Keep one sample in 16: memory stays small.
                    if calls % 16 == 0 {
                        samples.push(ns);
                    }
                    calls += 1;
                }
                (samples, calls)
            })
        })
        .collect();
    std::thread::sleep(RUN);
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut counts = Vec::new();
    for h in handles {
        let (samples, calls) = h.join().expect("thread");
        all.extend(samples);
        counts.push(calls);
    }
    all.sort_unstable();
    (all, counts)
}

fn pct(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn show(name: &str, (samples, counts): &(Vec<u64>, Vec<usize>)) {
    let total: usize = counts.iter().sum();
    println!(
        "{name:>10}: {total:>9} calls  p50 {:>8} ns  p99 {:>9} ns  p99.9 {:>10} ns  max {:>11} ns  per thread {}..{}",
        pct(samples, 0.5),
        pct(samples, 0.99),
        pct(samples, 0.999),
        samples.last().copied().unwrap_or(0),
        counts.iter().min().copied().unwrap_or(0),
        counts.iter().max().copied().unwrap_or(0),
    );
}

fn main() {
    // `cargo test --benches` runs benches with `--test`: skip the work.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = run(Mode::Plain);
    let serialised = run(Mode::Serialise);
    let sink = FileSink::builder(dir.path().join("contention.jsonl"))
        .open()
        .expect("sink");
    let recorder = Recorder::builder("contention")
        .sink(sink)
        .start(&())
        .expect("start");
    let recorded = run(Mode::Record(&recorder));
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.dropped, 0);
    println!("{THREADS} threads, {RUN:?} each, one call in 16 sampled:");
    show("no-op", &plain);
    show("serialise", &serialised);
    show("recorded", &recorded);
    let p99 = pct(&recorded.0, 0.99);
    let bound = 15_000;
    let (fewest, most) = (
        recorded.1.iter().min().copied().unwrap_or(0),
        recorded.1.iter().max().copied().unwrap_or(0),
    );
    println!(
        "recorded p99 {p99} ns against the bound of {bound} ns: {}; \
         most/fewest calls per thread {:.2} (not bounded yet)",
        if p99 <= bound { "kept" } else { "NOT kept" },
        most as f64 / fewest.max(1) as f64,
    );
}
