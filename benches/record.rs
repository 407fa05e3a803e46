//! Recording one outbound call with a ~180-byte message, against baselines
//! measured in the same run, like for like:
//!
//! - `plain_call`: the call itself, unrecorded;
//! - `serde_json_bufwriter`: `serde_json::to_writer` of the same message
//!   (its bytes as base64, as the recorder writes them), one line, into a
//!   `BufWriter<File>` on the calling thread: the cost of writing the
//!   payload at all;
//! - `serde_json_call_and_return`: the same two lines the recorder writes
//!   per call (a `call` line with seq, direction, port, method, the message
//!   as arguments and a timestamp; a `return` line with its call, the
//!   result and a second timestamp), serialised by `serde_json::to_writer`
//!   into a `BufWriter<File>` on the calling thread, the clock read twice
//!   as the recorder reads it: the cost of serialising what a recording
//!   holds, which is what "recording at the cost of serialisation" means;
//! - `reprise_outbound`: the call through a recording `Port` into a
//!   `FileSink` (a `call` line and a `return` line, written by a background
//!   thread);
//! - `tracing_json_nonblocking`: the same information per call through
//!   `tracing-subscriber`'s JSON formatter into `tracing-appender`'s
//!   lossless non-blocking writer: two events (the call with the same
//!   fields, the payload as the same base64 string; and its return), each
//!   with the seq, port and method reprise writes.
//!
//! Each is measured twice: `wall/` is the calling thread's time per call
//! (what the component feels); `cpu/` is the process's CPU time per call,
//! every thread counted (the recorder's and tracing's writer threads
//! included, each sample flushed before it is read), so work moved to a
//! background thread is not hidden. Compare the ratios within one run: the
//! machine is shared and noisy.
//!
//! Every `cpu/` sample starts from an empty file: the file each variant
//! writes is truncated and rewound between samples, outside the measured
//! time (after the sample's lines are written). So each sample writes into
//! page-cache pages the kernel has just freed. Without it the rows that
//! write files measured the hypervisor as much as the code: on this VM
//! (virtio-balloon free page reporting) memory the guest freed a few
//! seconds earlier is taken back by the host, and the first write to it
//! costs 5-8x more (1.1-1.8 against 0.21 ns a byte, a 1.5 GB file written
//! after a 5 s pause or right after another one was deleted), which moved
//! every file-writing row 2x between identical runs.
//!
//! Targets (issue 14): `cpu/reprise_outbound` at most 1.8x
//! `cpu/serde_json_bufwriter`, and at least 8x faster than
//! `cpu/tracing_json_nonblocking`. Both serde_json rows are kept: the first
//! writes about 40% of the bytes a recording writes (one line, no envelope,
//! no return), the second the same lines; benches/README.md gives the ratio
//! to each.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::fs::File;
use std::hint::black_box;
use std::io::{BufWriter, Seek, Write};
use std::time::Duration;

use base64::Engine;
use criterion::{Criterion, criterion_group, criterion_main};
use reprise::recorder::{FileSink, Recorder};
use serde::Serialize;

mod common;
#[path = "common/cpu.rs"]
mod cpu;

use common::{message, send};
use cpu::process_cpu;

/// Empties `file` and rewinds its offset (shared with the writer that
/// writes it), between samples: see the module docs.
fn empty(mut file: &File) {
    file.set_len(0).expect("truncate");
    file.rewind().expect("rewind");
}

/// The process CPU time `run` takes (it runs the iterations, then waits for
/// the background writers).
fn cpu_of(run: impl FnOnce()) -> Duration {
    let start = process_cpu();
    run();
    process_cpu().saturating_sub(start)
}

fn bench(c: &mut Criterion) {
    let msg = message();
    let size = serde_json::to_vec(&msg).map(|v| v.len()).unwrap_or(0);
    let dir = tempfile::tempdir().expect("tempdir");
    // Each variant writes gigabytes: deleting a variant's file drops its
    // dirty pages, so that the kernel's writeback of them does not slow
    // the next variant.
    let forget = |name: &str| std::fs::remove_file(dir.path().join(name)).expect("remove");

    let mut group = c.benchmark_group(format!("record_outbound_{size}B"));
    group.bench_function("wall/plain_call", |b| b.iter(|| send(black_box(&msg))));

    // serde_json on the calling thread.
    let mut out = BufWriter::new(File::create(dir.path().join("serde.jsonl")).expect("file"));
    group.bench_function("wall/serde_json_bufwriter", |b| {
        b.iter(|| {
            serde_json::to_writer(&mut out, black_box(&msg)).expect("write");
            out.write_all(b"\n").expect("write");
            send(&msg)
        })
    });
    group.bench_function("cpu/serde_json_bufwriter", |b| {
        b.iter_custom(|iters| {
            out.flush().expect("flush");
            empty(out.get_ref());
            cpu_of(|| {
                for _ in 0..iters {
                    serde_json::to_writer(&mut out, black_box(&msg)).expect("write");
                    out.write_all(b"\n").expect("write");
                    let _ = send(&msg);
                }
                out.flush().expect("flush");
            })
        })
    });
    drop(out);
    forget("serde.jsonl");

    // serde_json writing the recorder's two lines per call.
    #[derive(Serialize)]
    struct CallLine<'a, T> {
        seq: u64,
        kind: &'static str,
        dir: &'static str,
        port: &'static str,
        method: &'static str,
        args: &'a T,
        at_ns: u64,
    }
    #[derive(Serialize)]
    struct ReturnLine<'a, R> {
        seq: u64,
        kind: &'static str,
        call: u64,
        ok: &'a R,
        at_ns: u64,
    }
    let mut out = BufWriter::new(File::create(dir.path().join("events.jsonl")).expect("file"));
    let start = std::time::Instant::now();
    let mut seq = 0u64;
    let mut lines = |out: &mut BufWriter<File>| {
        let call = seq;
        let line = CallLine {
            seq: call,
            kind: "call",
            dir: "out",
            port: "network",
            method: "send",
            args: black_box(&msg),
            at_ns: start.elapsed().as_nanos() as u64,
        };
        serde_json::to_writer(&mut *out, &line).expect("write");
        out.write_all(b"\n").expect("write");
        let result = send(&msg);
        let line = ReturnLine {
            seq: call + 1,
            kind: "return",
            call,
            ok: &result,
            at_ns: start.elapsed().as_nanos() as u64,
        };
        serde_json::to_writer(&mut *out, &line).expect("write");
        out.write_all(b"\n").expect("write");
        seq += 2;
        result
    };
    group.bench_function("wall/serde_json_call_and_return", |b| {
        b.iter(|| lines(&mut out))
    });
    group.bench_function("cpu/serde_json_call_and_return", |b| {
        b.iter_custom(|iters| {
            out.flush().expect("flush");
            empty(out.get_ref());
            cpu_of(|| {
                for _ in 0..iters {
                    let _ = lines(&mut out);
                }
                out.flush().expect("flush");
            })
        })
    });
    drop(out);
    forget("events.jsonl");

    // reprise: the call and its return, written by the sink's thread.
    // What `FileSink::builder(path).open()` does, keeping a handle to
    // empty the file between samples.
    let file = File::create(dir.path().join("reprise.jsonl")).expect("file");
    let reprise_file = file.try_clone().expect("clone");
    let sink = FileSink::builder(dir.path().join("reprise.jsonl"))
        .open_writer(file)
        .expect("sink");
    let recorder = Recorder::builder("bench")
        .sink(sink)
        .start(&())
        .expect("recorder");
    let network = recorder.port("network");
    group.bench_function("wall/reprise_outbound", |b| {
        b.iter(|| network.outbound_result("send", black_box(&msg), || send(&msg)))
    });
    group.bench_function("cpu/reprise_outbound", |b| {
        b.iter_custom(|iters| {
            recorder.flush().expect("flush");
            empty(&reprise_file);
            cpu_of(|| {
                for _ in 0..iters {
                    let _ = network.outbound_result("send", black_box(&msg), || send(&msg));
                }
                recorder.flush().expect("flush");
            })
        })
    });
    recorder.finish().expect("finish");
    forget("reprise.jsonl");

    // tracing: the same information, the payload in the same encoding.
    let file = File::create(dir.path().join("tracing.jsonl")).expect("file");
    let tracing_file = file.try_clone().expect("clone");
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(file);
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_writer(writer)
        .finish();
    let mut seq = 0u64;
    let mut traced = move || {
        let m = black_box(&msg);
        seq += 2;
        let payload = base64::engine::general_purpose::STANDARD.encode(&m.payload);
        tracing::info!(
            kind = "call",
            seq = seq,
            dir = "out",
            port = "network",
            method = "send",
            to = m.to,
            view = m.view,
            index = m.index,
            term = m.term,
            digest = %m.digest,
            payload = %payload,
            "call"
        );
        let result = send(m);
        tracing::info!(kind = "return", seq = seq + 1, call = seq, ok = ?result, "return");
        result
    };
    tracing::subscriber::with_default(subscriber, || {
        group.bench_function("wall/tracing_json_nonblocking", |b| b.iter(&mut traced));
        // tracing-appender has no flush: its queue is drained by its worker
        // thread, which this sample's CPU time counts while it runs; a
        // short pause lets it finish the sample's lines before the reading.
        group.bench_function("cpu/tracing_json_nonblocking", |b| {
            b.iter_custom(|iters| {
                empty(&tracing_file);
                cpu_of(|| {
                    for _ in 0..iters {
                        let _ = traced();
                    }
                    std::thread::sleep(Duration::from_millis(20));
                })
            })
        });
    });
    drop(guard);
    forget("tracing.jsonl");
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
