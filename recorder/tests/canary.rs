//! The canary test: a recorder with a sanitizer, exercised on every path
//! that writes, never puts a canary secret into any byte it writes.
//!
//! The canaries (an email, a GitHub token, a card number, a password, a
//! bearer credential) go into every payload the recorder writes: inbound and
//! outbound arguments, `ok` and `err` returns (sync, async and the low-level
//! `begin`/`finish_*`), probe fields, checkpoints, the initial state, the
//! header's `meta`, a value whose `Serialize` fails with a message quoting
//! a secret, and byte payloads (base64). The bytes written are read back
//! from a file on disk ([`FileSink`]) and from a [`MemorySink`], after a
//! `flush`, after `finish`, and after the recording is finished by dropping
//! its last handle, and searched for each canary, raw and inside every
//! base64 string.

use std::path::Path;

use base64::Engine as _;
use reprise_recorder::{Direction, FileSink, MemorySink, Recorder, RecorderBuilder};
use reprise_sanitizer::{Key, Sanitizer};
use reprise_transcript::Reader;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

const EMAIL: &str = "canary.user@corp-secret.com";
const TOKEN: &str = "ghp_Zk3xQ9vB7nT2mL5pR8wY4cD1fH6jK0sA2eG7";
const CARD: &str = "4539 1488 0343 6467";
const CARD_DIGITS: u64 = 4539148803436467;
const PASSWORD: &str = "hunter2-canary-pass";
const BEARER: &str = "eyJhbGciOiJIUzI1NiJ9.Y2FuYXJ5.c2lnbmF0dXJl";

/// Every canary, as it must never appear.
fn canaries() -> Vec<String> {
    vec![
        EMAIL.into(),
        TOKEN.into(),
        CARD.into(),
        CARD.replace(' ', ""),
        PASSWORD.into(),
        BEARER.into(),
    ]
}

/// A payload carrying every canary in a different way.
fn secrets(tag: &str) -> Value {
    json!({
        "tag": tag,
        "to": EMAIL,
        "auth": {"token": TOKEN, "header": format!("Bearer {BEARER}")},
        "log": format!("paid with {CARD} by {EMAIL} using {TOKEN}"),
        "password": PASSWORD,
        "pan": CARD_DIGITS,
        "nested": [{"note": format!("reach me at {EMAIL}")}],
        {EMAIL}: "keyed by an email",
    })
}

/// Bytes that carry secrets, written as base64 by the `bytes` helper.
#[derive(Serialize)]
struct Blob {
    #[serde(with = "reprise_recorder::bytes")]
    payload: Vec<u8>,
}

fn blob() -> Blob {
    Blob {
        payload: format!("SET owner={EMAIL} token={TOKEN}").into_bytes(),
    }
}

/// A value whose `Serialize` fails with a message that quotes a secret.
struct Leaky;

impl Serialize for Leaky {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(format!(
            "cannot serialise the account of {EMAIL}"
        )))
    }
}

fn sanitizer() -> Sanitizer {
    Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"canary test key, 32 bytes long!!", "test").expect("key"))
        .build()
        .expect("the default rules build")
}

fn builder() -> RecorderBuilder {
    Recorder::builder("canary")
        .meta("operator", EMAIL)
        .meta("deploy_token", TOKEN)
        .meta("notes", format!("card {CARD} on file"))
        .sanitizer(sanitizer())
}

/// Records through every write path of `recorder`.
fn exercise(recorder: &Recorder) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let (api, network, storage) = (
        recorder.port("api"),
        recorder.port("network"),
        recorder.port("storage"),
    );
    let _: Value = api.inbound("on_message", &secrets("inbound"), || {
        network.outbound("send", &secrets("outbound"), || secrets("ok"))
    });
    let _: Result<Value, Value> = api.inbound_result("login", &secrets("inbound-result"), || {
        storage.outbound_result("lookup", &secrets("outbound-result"), || {
            Err(secrets("err"))
        })
    });
    let _: Result<Value, Value> = storage.outbound_result("get", &blob(), || Ok(secrets("ok-2")));
    let _ = rt.block_on(
        network.outbound_async("send_async", &secrets("async"), async {
            secrets("async-ok")
        }),
    );
    let _ = rt.block_on(api.inbound_result_async("put_async", &blob(), async {
        Err::<Value, Value>(secrets("async-err"))
    }));
    let call = network.begin(Direction::Out, "raw", &secrets("begin"));
    call.finish_err(&secrets("finish-err"));
    let call = network.begin(Direction::Out, "raw_ok", &Leaky);
    call.finish_ok(&Leaky);
    recorder.probe("login.attempt", &secrets("probe"));
    recorder.probe("login.blob", &blob());
    recorder.checkpoint(&secrets("checkpoint"));
}

/// Panics if any canary, raw or base64-decoded, is in `bytes`.
#[track_caller]
fn assert_no_canary(bytes: &[u8], what: &str) {
    assert!(!bytes.is_empty(), "{what}: nothing written");
    let text = String::from_utf8_lossy(bytes);
    for canary in canaries() {
        assert!(
            !text.contains(&canary),
            "{what}: canary `{canary}` written in the clear"
        );
    }
    // Every string of every line, decoded when it is base64.
    for line in text.lines() {
        let value: Value = serde_json::from_str(line).expect("every line is JSON");
        for_each_string(&value, &mut |s| {
            for engine in [
                base64::engine::general_purpose::STANDARD,
                base64::engine::general_purpose::URL_SAFE,
            ] {
                if let Ok(decoded) = engine.decode(s) {
                    let decoded = String::from_utf8_lossy(&decoded);
                    for canary in canaries() {
                        assert!(
                            !decoded.contains(&canary),
                            "{what}: canary `{canary}` written in base64"
                        );
                    }
                }
            }
        });
    }
}

fn for_each_string(value: &Value, f: &mut dyn FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter().for_each(|v| for_each_string(v, f)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            f(k);
            for_each_string(v, f);
        }),
        _ => {}
    }
}

/// Checks that what was written is a complete transcript whose report
/// names what was scrubbed, and that the recording was really exercised.
fn assert_scrubbed_transcript(bytes: &[u8]) {
    let mut reader = Reader::new(bytes).expect("a header");
    let header = reader.header().clone();
    let section = header.sanitizer.expect("the header lists the rules");
    assert!(
        section["rules"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["name"] == "github-token"))
    );
    let events = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .expect("events");
    assert!(events.len() >= 22, "{} events", events.len());
    let ending = reader.ending().expect("ended").clone();
    let report = ending.sanitizer().expect("the end line holds the report");
    let text = report.to_string();
    assert!(text.contains(r#""path":"$.args.to""#), "{text}");
    assert!(text.contains(r#""path":"$.err.to""#), "{text}");
    assert!(text.contains(r#""path":"$.fields.log""#), "{text}");
    assert!(text.contains(r#""path":"$.state.password""#), "{text}");
    assert!(text.contains(r#""path":"$.meta.operator""#), "{text}");
}

#[test]
fn a_file_sink_never_writes_a_canary_after_flush_and_finish() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("canary.jsonl");
    let recorder = builder()
        .sink(FileSink::builder(&path).open().expect("open"))
        .start(&secrets("initial"))
        .expect("start");
    exercise(&recorder);
    recorder.flush().expect("flush");
    assert_no_canary(&read(&path), "file after flush");
    recorder.probe("late", &secrets("late"));
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.serialization_failures, 2, "the two `Leaky` values");
    let bytes = read(&path);
    assert_no_canary(&bytes, "file after finish");
    assert_scrubbed_transcript(&bytes);
}

#[test]
fn a_file_sink_finished_by_dropping_its_last_handle_never_writes_a_canary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("canary.jsonl");
    let recorder = builder()
        .sink(FileSink::builder(&path).open().expect("open"))
        .start(&secrets("initial"))
        .expect("start");
    exercise(&recorder);
    let port = recorder.port("network");
    drop(recorder);
    port.outbound("after_drop", &secrets("after-drop"), || ());
    drop(port);
    let bytes = read(&path);
    assert_no_canary(&bytes, "file after drop");
    assert_scrubbed_transcript(&bytes);
}

#[test]
fn a_memory_sink_never_holds_a_canary() {
    let sink = MemorySink::new();
    let recorder = builder()
        .sink(sink.clone())
        .start(&secrets("initial"))
        .expect("start");
    exercise(&recorder);
    recorder.flush().expect("flush");
    assert_no_canary(&sink.contents(), "memory after flush");
    drop(recorder);
    assert_no_canary(&sink.contents(), "memory after drop");
    assert_scrubbed_transcript(&sink.contents());
}

#[test]
fn without_a_sanitizer_the_canaries_are_written_so_the_test_can_fail() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("canary")
        .meta("operator", EMAIL)
        .sink(sink.clone())
        .start(&secrets("initial"))
        .expect("start");
    exercise(&recorder);
    recorder.finish().expect("finish");
    let text = sink.contents_string();
    for canary in canaries() {
        assert!(text.contains(&canary), "`{canary}` was not exercised");
    }
    let result = std::panic::catch_unwind(|| assert_no_canary(&sink.contents(), "raw"));
    assert!(result.is_err());
}

#[test]
fn a_rules_file_that_does_not_load_stops_the_recording_before_any_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("canary.jsonl");
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[[rule]]\nname = \"broken\"\nregex = \"(\"\n").expect("write");
    for rules in [rules.as_path(), Path::new("no/such/rules.toml")] {
        let err = Recorder::builder("canary")
            .meta("operator", EMAIL)
            .sanitizer_rules(rules)
            .sink(FileSink::builder(&path).open().expect("open"))
            .start(&secrets("initial"))
            .expect_err("the rules do not load");
        assert!(
            matches!(err, reprise_recorder::RecordError::Sanitizer { .. }),
            "{err}"
        );
        let written = std::fs::read(&path).unwrap_or_default();
        assert_no_canary_or_empty(&written);
    }
}

/// The summary says what failed to serialise as it was written: scrubbed.
/// The failure of a metadata value and of a payload both quote an email.
#[test]
fn a_serialization_failure_in_the_summary_never_quotes_a_canary() {
    for in_meta in [true, false] {
        let mut builder = builder().sink(MemorySink::new());
        if in_meta {
            builder = builder.meta("account", Leaky);
        }
        let recorder = builder.start(&()).expect("start");
        recorder.probe("account", &Leaky);
        let summary = recorder.finish().expect("finish");
        let first = summary
            .first_serialization_failure
            .expect("a failure reported");
        assert!(first.contains("cannot serialise the account of"), "{first}");
        for canary in canaries() {
            assert!(!first.contains(&canary), "{first}");
        }
    }
}

fn assert_no_canary_or_empty(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(canaries().iter().all(|c| !text.contains(c.as_str())));
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("the transcript file")
}
