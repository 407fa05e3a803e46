//! Tolerant replay with models, judged by expectations.

use reprise::expect::{Expectations, expect};
use reprise::replayer::{Outcome, Replay};
use reprise::transcript::Outcome as Served;

const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a"}}
{"seq":1,"kind":"call","dir":"out","port":"wal","method":"append","args":{"entry":"a"}}
{"seq":2,"kind":"return","call":1,"ok":1}
{"seq":3,"kind":"return","call":0,"ok":"stored"}
"#;

/// A model-served call was shown to the expectations with its inbound
/// call's seq, so the engine took the model's call for the inbound call
/// (or the model's return for the inbound call's): `api.put`'s own return
/// was lost, or a model's error the component handled was blamed on it.
#[test]
fn regression_a_model_served_return_is_not_taken_for_its_inbound_calls_return() {
    let expectations = Expectations::new()
        .expect(expect::never(expect::returned("api", "put").err()))
        .expect(expect::must(expect::returned("wal", "append").err()))
        .expect(expect::must(expect::returned("api", "put").ok()));
    let replay = Replay::builder()
        .tolerant(true)
        .expectations(expectations)
        .model("wal", |method, _| {
            (method == "append").then(|| Served::Err("disk full".into()))
        })
        .from_str(TEXT)
        .expect("loads");
    let wal = replay.port("wal");
    let report = replay.drive(|_| {
        // The component retries once, then keeps the write in memory.
        let first: Result<u64, String> =
            wal.outbound_result("append", &serde_json::json!({"entry": "a"}));
        let second: Result<u64, String> =
            wal.outbound_result("append", &serde_json::json!({"entry": "b"}));
        assert!(first.is_err() && second.is_err());
        Ok(Outcome::ok(&"stored")?)
    });
    let text = report.to_text();
    assert!(!text.contains("api.put"), "api.put returned ok: {text}");
    assert!(report.passed(), "{text}");
}

/// The component's own probes judge a tolerant replay too: its probe hook
/// calls `Replay::probe`, a bound on the probe fails, and the captured
/// transcript (what a campaign writes for a failing case) holds the probe.
#[test]
fn a_probe_the_component_emits_is_judged_and_captured() {
    let expectations =
        Expectations::new().expect(expect::probe_bounds("wal.depth", "len").within(0.0..=1.0));
    let replay = Replay::builder()
        .tolerant(true)
        .capture(true)
        .expectations(expectations)
        .model("wal", |method, _| {
            (method == "append").then(|| Served::Ok(2.into()))
        })
        .from_str(TEXT)
        .expect("loads");
    let wal = replay.port("wal");
    let report = replay.drive(|_| {
        let len: Result<u64, String> =
            wal.outbound_result("append", &serde_json::json!({"entry": "b"}));
        replay.probe("wal.depth", &serde_json::json!({"len": len.unwrap_or(0)}));
        Ok(Outcome::ok(&"stored")?)
    });
    assert!(!report.passed(), "{}", report.to_text());
    assert!(
        report.to_text().contains("wal.depth"),
        "{}",
        report.to_text()
    );
    let actual = String::from_utf8(replay.actual_transcript().expect("captured")).expect("utf-8");
    assert!(
        actual.contains(r#""kind":"probe""#)
            && actual.contains(r#""name":"wal.depth","fields":{"len":2}"#),
        "{actual}"
    );
}
