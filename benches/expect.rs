//! Recording one outbound call with a ~180-byte message into a `FileSink`,
//! with and without live expectations, measured in the same run:
//!
//! - `without_expectations`: the call through a recording `Port`, as in
//!   `benches/record.rs`;
//! - `with_20_expectations`: the same call, with 20 expectations evaluated
//!   live by the recorder (call latencies on several port.methods including
//!   the benchmarked one, count and rate, never and must patterns, probe
//!   bounds and latency, a response).
//!
//! - `with_20_expectations_and_flight_recorder`: the same, keeping the
//!   last 16 MiB of events in memory for dumps on failure, as production
//!   would;
//! - `engine_only`: the work the watchdog thread does for that call and its
//!   return (the 20 expectations evaluating the pair as the recorder hands
//!   it over), so that the total CPU cost is visible too: recording with
//!   expectations costs the calling thread `with_20_expectations`, and the
//!   machine `with_20_expectations` + `engine_only`.
//!
//! Target: `with_20_expectations` at most 1.5x `without_expectations`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reprise::expect::{EventRef, Expectations, expect, expect::ms, expect::secs};
use reprise::recorder::{FileSink, Recorder, RecorderBuilder};
use reprise::transcript::Direction;

mod common;

use common::{message, send};

/// Twenty expectations a replicated store could declare.
fn expectations() -> Expectations {
    Expectations::new()
        // Call latencies, the benchmarked `network.send` among them.
        .expect(
            expect::call_latency("network", "send")
                .warn_after(ms(50))
                .fail_after(secs(5)),
        )
        .expect(expect::call_latency("network", "recv").fail_after(secs(5)))
        .expect(expect::call_latency("storage", "append").fail_after(secs(1)))
        .expect(expect::call_latency("storage", "sync").fail_after(secs(2)))
        .expect(expect::call_latency("storage", "read").fail_after(ms(500)))
        .expect(expect::call_latency("clock", "now").fail_after(ms(10)))
        // Counts and rates.
        .expect(
            expect::count(expect::call("network", "send"))
                .at_most(100_000_000)
                .per(secs(1))
                .id("network.send.rate"),
        )
        .expect(
            expect::count(expect::call("storage", "sync"))
                .at_most(1_000)
                .per(secs(1))
                .id("storage.sync.rate"),
        )
        .expect(
            expect::count(expect::probe("election"))
                .at_most(10)
                .id("election.count"),
        )
        // Patterns that must never, or must, occur.
        .expect(expect::never(expect::returned("network", "send").err()).id("network.send.error"))
        .expect(
            expect::never(expect::returned("storage", "append").err()).id("storage.append.error"),
        )
        .expect(expect::never(expect::probe("panic")).id("panic.never"))
        .expect(
            expect::never(expect::call("network", "send").field("to", 99)).id("network.send.to99"),
        )
        .expect(expect::must(expect::call("network", "send")).id("network.send.must"))
        .expect(expect::must(expect::probe("ready")).warn().id("ready.must"))
        // Probe bounds and latency between probes.
        .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0))
        .expect(expect::probe_bounds("commit.lag", "entries").within(0.0..=10_000.0))
        .expect(
            expect::latency("request.item")
                .between("request.start", "request.done")
                .by("id")
                .fail_after(secs(1)),
        )
        // A response.
        .expect(
            expect::response(
                expect::call("api", "request"),
                expect::call("network", "reply"),
            )
            .fail_after(secs(1))
            .id("api.request.reply"),
        )
        .expect(
            expect::count(expect::returned("storage", "read").err())
                .at_most(5)
                .per(secs(10))
                .id("storage.read.errors"),
        )
}

/// How a variant sets up its recorder.
type Configure = fn(RecorderBuilder) -> RecorderBuilder;

fn bench(c: &mut Criterion) {
    let msg = message();
    let size = serde_json::to_vec(&msg).map(|v| v.len()).unwrap_or(0);
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(expectations().ids().count(), 20);
    let mut group = c.benchmark_group(format!("record_expect_{size}B"));

    // Each variant records into its own file, deleted after it: a variant
    // writes gigabytes, and the kernel's writeback of them must not slow
    // the next one.
    let variants: [(&str, Configure); 3] = [
        ("without_expectations", |b| b),
        ("with_20_expectations", |b| b.expectations(expectations())),
        ("with_20_expectations_and_flight_recorder", |b| {
            b.expectations(expectations()).flight_recorder(16 << 20)
        }),
    ];
    for (name, configure) in variants {
        let path = dir.path().join(format!("{name}.jsonl"));
        let sink = FileSink::builder(&path).open().expect("sink");
        let recorder = configure(Recorder::builder("bench").sink(sink))
            .start(&())
            .expect("recorder");
        let network = recorder.port("network");
        group.bench_function(name, |b| {
            b.iter(|| network.outbound_result("send", black_box(&msg), || send(&msg)))
        });
        drop(network);
        let summary = recorder.finish().expect("finish");
        if let Some(report) = summary.report {
            assert!(report.passed(), "{report:?}");
        }
        std::fs::remove_file(&path).expect("remove");
    }

    let args = serde_json::to_string(&msg).expect("json");
    let mut engine = expectations().engine("bench");
    let route = engine.watches().route("network", "send");
    let mut seq = 0;
    group.bench_function("engine_only", |b| {
        b.iter(|| {
            seq += 2;
            engine.observe_ref(EventRef::Call {
                seq,
                at_ns: seq * 500,
                dir: Direction::Out,
                port: "network",
                method: "send",
                route,
                args: black_box(&args),
            });
            engine.observe_ref(EventRef::Return {
                seq: seq + 1,
                at_ns: seq * 500 + 200,
                call: seq,
                ok: true,
                route,
                value: "null",
            });
        })
    });
    assert!(engine.findings().is_empty(), "{:?}", engine.findings());
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
