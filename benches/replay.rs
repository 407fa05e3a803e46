//! Replaying a 100,000-event transcript, against parsing the same file with
//! `serde_json` into `Value`s line by line (the floor of any JSON reader),
//! in the same run. Target: replay at least half that speed.

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
    let replay = Replay::from_file(path).expect("load");
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
