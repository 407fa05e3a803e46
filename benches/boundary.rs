//! The cost of `#[reprise::boundary]`: one outbound call with a ~180-byte
//! message recorded through the generated wrapper, against the same call
//! recorded by hand through `Port::outbound_result`, in the same run:
//!
//! - `hand_written`: `port.outbound_result("send", &SendArgs { to, msg }, ..)`
//!   with a borrowing `#[derive(Serialize)]` arguments struct, the cheapest
//!   hand-written form (the same JSON the generated code writes);
//! - `hand_written_json`: the same with `serde_json::json!({..})`, as the
//!   consensus example's hand-written wrappers used to do;
//! - `generated`: the call through `RecordedNetwork<T>`;
//! - `hand_written_via`, `generated_via`: the same call on a trait that is
//!   not ours (`foreign::Network`, wrapped with `remote`) whose message is
//!   not a serde type and is recorded through a mirror
//!   (`#[reprise(via = PrepareMirror)]`), by hand (the arguments struct
//!   holds the converted mirror) and through the generated wrapper;
//! - `via_conversion`: the conversion alone (`PrepareMirror::from(msg.clone())`),
//!   the cost a mirror adds to both.
//!
//! Each records into a sink that discards the lines, so the numbers are the
//! wrapper's own cost (arguments, return, encoding, seq) and nothing else.
//! Into a `FileSink`, millions of ~300-byte lines make the result depend on
//! the order the benchmarks run in (the OS's write-back of earlier ones), not
//! on the wrapper; `benches/record.rs` measures the file sink. Every
//! benchmark gets a fresh recorder. Targets: `generated` within 10% of
//! `hand_written`, `generated_via` within 10% of `hand_written_via`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use reprise::recorder::{Delivery, LineKind, Port, RecordError, Recorder, Sink};
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct Prepare {
    view: u64,
    index: u64,
    term: u64,
    digest: String,
    #[serde(with = "reprise::bytes")]
    payload: Vec<u8>,
}

#[reprise::boundary]
pub trait Network {
    fn send(&mut self, to: u32, msg: &Prepare) -> Result<(), String>;
}

struct Wire;

impl Network for Wire {
    #[inline(never)]
    fn send(&mut self, to: u32, msg: &Prepare) -> Result<(), String> {
        black_box((to, msg));
        Ok(())
    }
}

#[derive(Serialize)]
struct SendArgs<'a> {
    to: u32,
    msg: &'a Prepare,
}

/// A network trait and message of another crate: not serde types.
mod foreign {
    #[derive(Clone)]
    pub struct Prepare {
        pub view: u64,
        pub index: u64,
        pub term: u64,
        pub digest: String,
        pub payload: Vec<u8>,
    }

    pub trait Network {
        fn send(&mut self, to: u32, msg: &Prepare) -> Result<(), String>;
    }
}

/// The mirror of `foreign::Prepare`.
#[derive(Serialize, serde::Deserialize)]
pub struct PrepareMirror {
    view: u64,
    index: u64,
    term: u64,
    digest: String,
    #[serde(with = "reprise::bytes")]
    payload: Vec<u8>,
}

impl From<foreign::Prepare> for PrepareMirror {
    fn from(p: foreign::Prepare) -> Self {
        PrepareMirror {
            view: p.view,
            index: p.index,
            term: p.term,
            digest: p.digest,
            payload: p.payload,
        }
    }
}

impl From<PrepareMirror> for foreign::Prepare {
    fn from(p: PrepareMirror) -> Self {
        foreign::Prepare {
            view: p.view,
            index: p.index,
            term: p.term,
            digest: p.digest,
            payload: p.payload,
        }
    }
}

#[reprise::boundary(remote = foreign::Network, port = "network")]
pub trait ForeignNetwork {
    fn send(
        &mut self,
        to: u32,
        #[reprise(via = PrepareMirror)] msg: &foreign::Prepare,
    ) -> Result<(), String>;
}

impl foreign::Network for Wire {
    #[inline(never)]
    fn send(&mut self, to: u32, msg: &foreign::Prepare) -> Result<(), String> {
        black_box((to, msg));
        Ok(())
    }
}

#[derive(Serialize)]
struct SendArgsVia {
    to: u32,
    msg: PrepareMirror,
}

/// Accepts every line and keeps none.
struct Discard;

impl Sink for Discard {
    fn write(&mut self, _: LineKind, line: &[u8]) -> Result<Delivery, RecordError> {
        black_box(line);
        Ok(Delivery::Accepted)
    }
}

fn message() -> Prepare {
    Prepare {
        view: 17,
        index: 40_312,
        term: 9,
        digest: "9f86d081884c7d659a2feaa0c55ad015".into(),
        payload: b"SET user:1042 {\"plan\":\"pro\",\"seats\":12,\"trial\":false}".to_vec(),
    }
}

/// A fresh recorder into a discarding sink.
fn recorder() -> Recorder {
    Recorder::builder("bench")
        .sink(Discard)
        .start(&())
        .expect("recorder")
}

fn run(group: &mut BenchmarkGroup<'_, WallTime>, msg: &Prepare) {
    let hand = |port: &Port, to: u32, msg: &Prepare, wire: &mut Wire| {
        port.outbound_result("send", &SendArgs { to, msg }, || wire.send(to, msg))
    };

    let rec = recorder();
    let (port, mut wire) = (rec.port("network"), Wire);
    group.bench_function("hand_written", |b| {
        b.iter(|| hand(&port, black_box(2), black_box(msg), &mut wire))
    });
    rec.finish().expect("finish");

    let rec = recorder();
    let mut generated = RecordedNetwork::new(Wire, &rec);
    group.bench_function("generated", |b| {
        b.iter(|| generated.send(black_box(2), black_box(msg)))
    });
    drop(generated);
    rec.finish().expect("finish");

    let rec = recorder();
    let (port, mut wire) = (rec.port("network"), Wire);
    group.bench_function("hand_written_json", |b| {
        b.iter(|| {
            let (to, msg) = (black_box(2), black_box(msg));
            port.outbound_result("send", &serde_json::json!({"to": to, "msg": msg}), || {
                wire.send(to, msg)
            })
        })
    });
    rec.finish().expect("finish");

    let foreign_msg = foreign::Prepare {
        view: msg.view,
        index: msg.index,
        term: msg.term,
        digest: msg.digest.clone(),
        payload: msg.payload.clone(),
    };
    let foreign_msg = &foreign_msg;

    let rec = recorder();
    let (port, mut wire) = (rec.port("network"), Wire);
    group.bench_function("hand_written_via", |b| {
        b.iter(|| {
            let (to, msg) = (black_box(2), black_box(foreign_msg));
            let args = SendArgsVia {
                to,
                msg: PrepareMirror::from(msg.clone()),
            };
            port.outbound_result("send", &args, || foreign::Network::send(&mut wire, to, msg))
        })
    });
    rec.finish().expect("finish");

    let rec = recorder();
    let mut generated = RecordedForeignNetwork::new(Wire, &rec);
    group.bench_function("generated_via", |b| {
        b.iter(|| foreign::Network::send(&mut generated, black_box(2), black_box(foreign_msg)))
    });
    drop(generated);
    rec.finish().expect("finish");

    group.bench_function("via_conversion", |b| {
        b.iter(|| PrepareMirror::from(black_box(foreign_msg).clone()))
    });
}

fn bench(c: &mut Criterion) {
    let msg = message();

    let mut group = c.benchmark_group("boundary_send");
    run(&mut group, &msg);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
