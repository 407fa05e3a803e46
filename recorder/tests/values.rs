//! What gets recorded as a value: base64 bytes, and the placeholder for a
//! value that cannot be serialised.

mod common;

use std::collections::HashMap;

use base64::Engine;
use proptest::prelude::*;
use reprise_recorder::{MemorySink, Recorder};
use reprise_transcript::{Event, Outcome};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::json;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Message {
    to: u32,
    #[serde(with = "reprise_recorder::bytes")]
    payload: Vec<u8>,
}

proptest! {
    #[test]
    fn bytes_round_trip_as_standard_base64(to: u32, payload in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let msg = Message { to, payload };
        let json = serde_json::to_value(&msg).expect("serialise");
        let encoded = base64::engine::general_purpose::STANDARD.encode(&msg.payload);
        prop_assert_eq!(&json["payload"], &json!(encoded));
        let back: Message = serde_json::from_value(json).expect("deserialise");
        prop_assert_eq!(back, msg);
    }
}

/// Writes part of a struct, then fails.
struct FailsHalfway;

impl Serialize for FailsHalfway {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeStruct};
        let mut st = s.serialize_struct("FailsHalfway", 2)?;
        st.serialize_field("written", &1)?;
        drop(st);
        Err(S::Error::custom("the sensor is unplugged"))
    }
}

#[test]
fn an_unserializable_value_is_a_placeholder_and_reported() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("values")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let network = recorder.port("network");
    let tuple_keys: HashMap<(u8, u8), &str> = [((1, 2), "pair")].into();
    // The component is not disturbed: the call runs and returns its value.
    let got = network.outbound("send", &tuple_keys, || FailsHalfway);
    assert!(matches!(got, FailsHalfway));
    recorder.probe("fine", &json!({"ok": true}));
    let summary = recorder.finish().expect("finish");

    assert_eq!(summary.serialization_failures, 2);
    assert!(!summary.is_complete());
    let first = summary.first_serialization_failure.expect("reported");
    assert_eq!(
        first,
        "the arguments of `network.send`: key must be a string"
    );

    let read = common::read_bytes(&sink.contents());
    assert!(read.ending.is_clean());
    let Event::Call(call) = &read.events[1] else {
        panic!("a call")
    };
    assert_eq!(
        call.args,
        json!({"$unserializable": "key must be a string"})
    );
    let Event::Return(ret) = &read.events[2] else {
        panic!("a return")
    };
    assert_eq!(
        ret.outcome,
        Outcome::Ok(json!({"$unserializable": "the sensor is unplugged"}))
    );
    let Event::Probe(probe) = &read.events[3] else {
        panic!("a probe")
    };
    assert_eq!(probe.fields, json!({"ok": true}));
}

/// A recorder of `component` into memory, scrubbing with the default rules
/// when `scrub` is set.
fn recorder_with(component: &str, scrub: bool) -> (MemorySink, Recorder) {
    let sink = MemorySink::new();
    let mut builder = Recorder::builder(component).sink(sink.clone());
    if scrub {
        let sanitizer = reprise_sanitizer::Sanitizer::builder()
            .build()
            .expect("rules");
        builder = builder.sanitizer(sanitizer);
    }
    (sink, builder.start(&()).expect("start"))
}

/// Issue 15: arguments nested deeper than the readers accept were recorded,
/// then refused by inspect, verify, check and train. Now the recorder
/// refuses them (counted as a serialisation failure) and every line it
/// writes reads back, with or without a sanitizer.
#[test]
fn regression_a_payload_nested_too_deep_is_refused_when_written_not_when_read() {
    for scrub in [false, true] {
        let (sink, recorder) = recorder_with("deep", scrub);
        let port = recorder.port("store");
        let mut deep = serde_json::json!(1);
        for _ in 0..200 {
            deep = serde_json::json!([deep]);
        }
        port.outbound("put", &deep, || ());
        port.outbound("put", &serde_json::json!([[["shallow"]]]), || ());
        let summary = recorder.finish().expect("finish");
        assert_eq!(summary.serialization_failures, 1, "scrub: {scrub}");
        let text = sink.contents_string();
        let mut reader = reprise_transcript::Reader::new(text.as_bytes()).expect("header");
        let events: Vec<_> = reader
            .by_ref()
            .collect::<Result<_, _>>()
            .expect("every line reads");
        assert_eq!(events.len(), 5, "scrub: {scrub}");
        assert!(text.contains("nested deeper than 126 levels"), "{text}");
    }
}

/// Issue 15: NaN and infinities were written as `null` without a word, and
/// the replay then failed on them. JSON cannot hold them; the recorder now
/// counts each such payload and says what it was, with or without a
/// sanitizer.
#[test]
fn regression_a_non_finite_float_is_counted_and_named() {
    for scrub in [false, true] {
        let (sink, recorder) = recorder_with("floats", scrub);
        let sensor = recorder.port("sensor");
        let read: f64 = sensor.outbound("read", &json!({}), || f64::NAN);
        assert!(read.is_nan());
        sensor.outbound("read", &json!({}), || 1.5f64);
        let summary = recorder.finish().expect("finish");
        assert_eq!(summary.serialization_failures, 1, "scrub: {scrub}");
        let first = summary.first_serialization_failure.expect("named");
        assert!(first.contains("NaN or infinite float"), "{first}");
        assert!(sink.contents_string().contains(r#","ok":null,"#));
    }
}
