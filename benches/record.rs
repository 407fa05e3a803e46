//! Recording one outbound call with a ~180-byte message, against baselines
//! measured in the same run:
//!
//! - `plain_call`: the call itself, unrecorded;
//! - `serde_json_bufwriter`: `serde_json::to_writer` of the same message, one
//!   line, into a `BufWriter<File>`: the cost of writing the payload at all;
//! - `reprise_outbound`: the call through a recording `Port` into a `FileSink`;
//! - `tracing_json_nonblocking`: the same fields logged through
//!   `tracing-subscriber`'s JSON formatter into `tracing-appender`'s
//!   non-blocking file writer (lossless, like the recorder's default).
//!
//! Targets: `reprise_outbound` at most 2x `serde_json_bufwriter`, and at
//! least 5x faster than `tracing_json_nonblocking`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::fs::File;
use std::hint::black_box;
use std::io::{BufWriter, Write};

use criterion::{Criterion, criterion_group, criterion_main};
use reprise::recorder::{FileSink, Recorder};

mod common;

use common::{message, send};

fn bench(c: &mut Criterion) {
    let msg = message();
    let size = serde_json::to_vec(&msg).map(|v| v.len()).unwrap_or(0);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut group = c.benchmark_group(format!("record_outbound_{size}B"));

    group.bench_function("plain_call", |b| b.iter(|| send(black_box(&msg))));

    let mut out = BufWriter::new(File::create(dir.path().join("serde.jsonl")).expect("file"));
    group.bench_function("serde_json_bufwriter", |b| {
        b.iter(|| {
            serde_json::to_writer(&mut out, black_box(&msg)).expect("write");
            out.write_all(b"\n").expect("write");
            send(&msg)
        })
    });
    drop(out);
    // Each variant writes gigabytes: deleting a variant's file drops its
    // dirty pages, so that the kernel's writeback of them does not slow
    // the next variant.
    let forget = |name: &str| std::fs::remove_file(dir.path().join(name)).expect("remove");
    forget("serde.jsonl");

    let sink = FileSink::builder(dir.path().join("reprise.jsonl"))
        .open()
        .expect("sink");
    let recorder = Recorder::builder("bench")
        .sink(sink)
        .start(&())
        .expect("recorder");
    let network = recorder.port("network");
    group.bench_function("reprise_outbound", |b| {
        b.iter(|| network.outbound_result("send", black_box(&msg), || send(&msg)))
    });
    recorder.finish().expect("finish");
    forget("reprise.jsonl");

    let file = File::create(dir.path().join("tracing.jsonl")).expect("file");
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(file);
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_writer(writer)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        group.bench_function("tracing_json_nonblocking", |b| {
            b.iter(|| {
                let m = black_box(&msg);
                tracing::info!(
                    port = "network",
                    method = "send",
                    to = m.to,
                    view = m.view,
                    index = m.index,
                    term = m.term,
                    digest = %m.digest,
                    payload = ?m.payload,
                    "call"
                );
                send(m)
            })
        });
    });
    drop(guard);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
