//! Replaying a 100,000-event transcript, in the same run:
//!
//! - `reprise_replay` (`Replay::from_file`: indexed in one pass, payloads
//!   read back from the file through the bounded block cache) against
//!   `serde_json_values`, parsing the same file into `Value`s line by line
//!   (the floor of any JSON reader). Target: at least 0.8x its speed.
//! - `reprise_replay` against `reprise_replay_from_str`: the file read into
//!   a string and replayed with `Replay::from_str`, which holds the whole
//!   text in memory and reads payloads back from it. Both start from the
//!   file and run the same component, so the difference is what reading
//!   back from the file (its block cache, the hash check of each block)
//!   costs. Target: from the file no slower than from a string.
//!
//! Memory is not measured here: `cargo run --release --example replay_rss --
//! N` prints the peak RSS of replaying N events from a file (see
//! benches/README.md).

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter};
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use reprise::replayer::{Outcome, Replay};
use reprise::transcript::{Call, Direction, Event, Header, Return, State, Writer};
use serde_json::{Value, json};

const INBOUND: u64 = 25_000; // 4 events each: in call, out call, out return, in return.

fn write_transcript(path: &Path) {
    let file = BufWriter::new(File::create(path).expect("file"));
    let mut w = Writer::new(file);
    w.header(&Header::new("bench", "2026-11-25T00:00:00Z", "0.1.0"))
        .expect("header");
    w.event(&Event::State(State {
        seq: 0,
        label: "initial".into(),
        state: json!({"keys": 0}),
    }))
    .expect("state");
    let mut seq = 1;
    for i in 0..INBOUND {
        let key = format!("user:{i:06}");
        let inbound = seq;
        let events: [Event; 4] = [
            Event::Call(Call {
                seq,
                dir: Direction::In,
                port: "api".into(),
                method: "get".into(),
                args: json!({"key": key, "consistency": "quorum", "trace": {"id": i, "hops": [1, 2, 3]}}),
                at_ns: seq * 100,
                parent: None,
                task: Some("main".into()),
            }),
            Event::Call(Call {
                seq: seq + 1,
                dir: Direction::Out,
                port: "storage".into(),
                method: "read".into(),
                args: json!({"key": key, "snapshot": i / 7}),
                at_ns: seq * 100 + 10,
                parent: Some(inbound),
                task: Some("main".into()),
            }),
            Event::Return(Return {
                seq: seq + 2,
                call: seq + 1,
                outcome: Outcome::Ok(json!({"value": i * 3, "version": i % 11})),
                at_ns: seq * 100 + 20,
            }),
            Event::Return(Return {
                seq: seq + 3,
                call: inbound,
                outcome: Outcome::Ok(json!(i * 3)),
                at_ns: seq * 100 + 30,
            }),
        ];
        for e in &events {
            w.event(e).expect("event");
        }
        seq += 4;
    }
    w.end(0).expect("end");
}

fn parse_values(path: &Path) -> usize {
    let reader = BufReader::new(File::open(path).expect("open"));
    let mut n = 0;
    for line in reader.lines() {
        let v: Value = serde_json::from_str(&line.expect("line")).expect("json");
        black_box(&v);
        n += 1;
    }
    n
}

fn replay(path: &Path) -> usize {
    drive(&Replay::from_file(path).expect("load"))
}

fn replay_from_str(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("read");
    drive(&Replay::from_str(&text).expect("load"))
}

fn drive(replay: &Replay) -> usize {
    let storage = replay.port("storage");
    let report = replay.drive(|call| {
        let key: String = call.arg("key")?;
        let snapshot = call.args()["trace"]["id"].as_u64().unwrap_or(0) / 7;
        let read: Value = storage.outbound("read", &json!({"key": key, "snapshot": snapshot}));
        Ok(Outcome::ok(&read["value"])?)
    });
    assert!(report.is_clean(), "{}", report.to_text());
    report.findings().len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("100k.jsonl");
    write_transcript(&path);
    let mut group = c.benchmark_group("replay_100k_events");
    group.sample_size(10);
    group.bench_function("serde_json_values", |b| b.iter(|| parse_values(&path)));
    group.bench_function("reprise_replay", |b| b.iter(|| replay(&path)));
    group.bench_function("reprise_replay_from_str", |b| {
        b.iter(|| replay_from_str(&path))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
