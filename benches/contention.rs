//! Call-to-return overhead under contention: 64 threads each record no-op
//! outbound calls as fast as they can into a file sink, and the time each
//! recorded call takes (from before the wrapper to after it returns) is
//! sampled. Printed: p50, p99, p99.9 and max per call, and how evenly the
//! threads were served (fewest and most calls per thread), against the same
//! threads calling the no-op without recording (the machine's own
//! scheduling noise) in the same run. Run: `cargo bench --bench contention`.
//!
//! On a 2-core machine 64 runnable threads are mostly waiting for a core
//! whatever the recorder does; the baseline says how much of the tail is
//! that. What the recorder must not add is its own queueing: a lock held
//! across I/O, or a thread starved by an unfair lock.

#![allow(missing_docs)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reprise::recorder::{FileSink, Recorder};

const THREADS: usize = 64;
const RUN: Duration = Duration::from_secs(2);

/// Per-call latencies (ns) and per-thread call counts of one run.
fn run(record: Option<&Recorder>) -> (Vec<u64>, Vec<usize>) {
    let stop = Arc::new(AtomicBool::new(false));
    let msg = common::message();
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let stop = stop.clone();
            let msg = msg.clone();
            let port = record.map(|r| r.port("network"));
            std::thread::spawn(move || {
                let mut samples = Vec::with_capacity(1 << 16);
                let mut calls = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    let _ = match &port {
                        Some(port) => port.outbound_result("send", &msg, || common::send(&msg)),
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
    let baseline = run(None);
    let sink = FileSink::builder(dir.path().join("contention.jsonl"))
        .open()
        .expect("sink");
    let recorder = Recorder::builder("contention")
        .sink(sink)
        .start(&())
        .expect("start");
    let recorded = run(Some(&recorder));
    recorder.finish().expect("finish");
    println!("{THREADS} threads, {RUN:?} each, one call in 16 sampled:");
    show("no-op", &baseline);
    show("recorded", &recorded);
}
