//! Real `tracing` spans and events, through a registry with the
//! `ProbeLayer`, into a recorder; read back as a transcript and checked
//! with expectations.

use std::time::Duration;

use reprise_expect::{Expectations, FindingKind, expect};
use reprise_recorder::{MemorySink, Recorder};
use reprise_tracing::ProbeLayer;
use reprise_transcript::{Event, Reader};
use serde_json::{Value, json};
use tracing::Level;
use tracing_subscriber::Layer;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;

#[derive(Debug)]
#[expect(dead_code, reason = "shown through Debug only")]
struct Shown(u32);

/// Runs `work` under a registry with the layer (built by `layer`) and
/// returns the transcript's text.
fn record(
    layer: impl Fn(&Recorder) -> Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync>,
    work: impl FnOnce(),
) -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("worker")
        .sink(sink.clone())
        .start(&json!({}))
        .expect("recorder starts");
    let subscriber = tracing_subscriber::registry().with(layer(&recorder));
    tracing::subscriber::with_default(subscriber, work);
    recorder.finish().expect("recorder finishes");
    sink.contents_string()
}

fn plain(recorder: &Recorder) -> Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync> {
    Box::new(ProbeLayer::new(recorder))
}

/// The probes of a transcript: (name, fields).
fn probes(text: &str) -> Vec<(String, Value)> {
    let reader = Reader::new(text.as_bytes()).expect("header reads");
    reader
        .map(|event| event.expect("event reads"))
        .filter_map(|event| match event {
            Event::Probe(p) => Some((p.name, p.fields)),
            _ => None,
        })
        .collect()
}

/// The queue worker's instrumentation, as it already is.
fn work(depths: &[u64]) {
    for (i, &len) in depths.iter().enumerate() {
        tracing::info!(target: "queue", len, "depth");
        let span = tracing::info_span!(target: "queue", "item", id = i as u64, outcome = tracing::field::Empty);
        let _entered = span.enter();
        std::thread::sleep(Duration::from_millis(2));
        span.record("outcome", "done");
    }
}

#[test]
fn events_and_spans_become_typed_probes() {
    let text = record(plain, || {
        tracing::info!(
            target: "cache",
            hits = 3u64,
            delta = -2i64,
            ratio = 0.25,
            warm = true,
            key = "a",
            shown = ?Shown(7),
            display = %1.5,
            big = u128::MAX,
            nan = f64::NAN,
            item.id = 9,
            "lookup"
        );
        tracing::warn!(probe = "cache.evicted", count = 2, "evicted entries");
        tracing::info!(target: "cache", size = 1);
    });
    let probes = probes(&text);
    assert_eq!(probes.len(), 3, "{text}");
    assert_eq!(probes[0].0, "cache.lookup");
    assert_eq!(
        probes[0].1,
        json!({
            "hits": 3, "delta": -2, "ratio": 0.25, "warm": true, "key": "a",
            "shown": "Shown(7)", "display": "1.5",
            "big": u128::MAX.to_string(), "nan": "NaN", "item": {"id": 9}
        })
    );
    assert_eq!(
        probes[1],
        (
            "cache.evicted".to_owned(),
            json!({"count": 2, "message": "evicted entries"})
        )
    );
    assert_eq!(probes[2], ("cache".to_owned(), json!({"size": 1})));
}

#[test]
fn a_closed_span_is_a_probe_with_its_fields_and_durations() {
    let text = record(plain, || work(&[5]));
    let probes = probes(&text);
    assert_eq!(probes[0], ("queue.depth".to_owned(), json!({"len": 5})));
    let (name, fields) = &probes[1];
    assert_eq!(name, "queue.item");
    assert_eq!(
        (&fields["id"], &fields["outcome"]),
        (&json!(0), &json!("done"))
    );
    let busy = fields["busy_ns"].as_u64().expect("busy_ns is an integer");
    let elapsed = fields["elapsed_ns"]
        .as_u64()
        .expect("elapsed_ns is an integer");
    assert!(busy >= 2_000_000, "slept 2 ms inside the span: {fields}");
    assert!(elapsed >= busy, "{fields}");
}

#[test]
fn a_probe_bound_over_tracing_probes_passes_and_fails() {
    let bounds = || {
        Expectations::new()
            .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=100.0))
            .expect(
                expect::probe_bounds("queue.item", "elapsed_ns")
                    .within(0.0..=60_000_000_000.0)
                    .id("item.time"),
            )
    };
    let calm = record(plain, || work(&[1, 10, 3]));
    bounds()
        .check_str(&calm)
        .expect("transcript reads")
        .assert_clean_check();

    let flooded = record(plain, || work(&[1, 250, 3]));
    let report = bounds().check_str(&flooded).expect("transcript reads");
    assert!(!report.passed(), "{}", report.to_text());
    let failures: Vec<_> = report.findings().iter().collect();
    assert_eq!(failures.len(), 1, "{}", report.to_text());
    assert_eq!(failures[0].kind, FindingKind::ExpectationFailed);
    assert_eq!(
        failures[0].expectation.as_deref(),
        Some("queue.depth.len.bounds")
    );
    assert_eq!(failures[0].actual, Some(json!(250)));
}

#[test]
fn per_layer_filters_choose_what_becomes_a_probe() {
    let filtered =
        |recorder: &Recorder| -> Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync> {
            Box::new(
                ProbeLayer::new(recorder)
                    .with_filter(Targets::new().with_target("queue", Level::INFO)),
            )
        };
    let text = record(filtered, || {
        work(&[2]);
        tracing::debug!(target: "queue", len = 9, "depth");
        tracing::info!(target: "http", status = 200, "served");
        tracing::info_span!(target: "http", "request").in_scope(|| {});
    });
    let names: Vec<_> = probes(&text).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["queue.depth", "queue.item"]);
}

trait CheckClean {
    fn assert_clean_check(&self);
}

impl CheckClean for reprise_expect::Report {
    fn assert_clean_check(&self) {
        assert!(self.is_clean(), "{}", self.to_text());
    }
}
