//! The reader and writer together: round trips, cut-short and corrupt input.

use proptest::prelude::*;
use reprise_transcript::{
    Call, Direction, Ending, Event, Header, Outcome, Probe, ReadError, Reader, Return, State,
    Writer,
};
use serde_json::{Value, json};

const HEADER: &str = r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{},"sanitizer":null}"#;

fn transcript(lines: &[&str]) -> String {
    let mut text = String::from(HEADER);
    text.push('\n');
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn read_all(text: &str) -> (Vec<Result<Event, String>>, Option<Ending>) {
    let mut reader = Reader::new(text.as_bytes()).expect("header reads");
    let items = reader
        .by_ref()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    (items, reader.ending().cloned())
}

#[test]
fn a_torn_last_line_returns_every_complete_event_and_reports_the_tail() {
    let mut text = transcript(&[
        r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#,
        r#"{"seq":1,"kind":"probe","name":"q","fields":{"len":1},"at_ns":5}"#,
    ]);
    text.push_str(r#"{"seq":2,"kind":"probe","name":"q","fie"#);
    let (items, ending) = read_all(&text);
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(Result::is_ok));
    assert_eq!(ending, Some(Ending::CutShort { torn_line: Some(4) }));
}

#[test]
fn the_end_line_may_carry_a_sanitizer_report_and_older_end_lines_still_read() {
    let with = transcript(&[
        r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#,
        r#"{"kind":"end","events":1,"dropped":0,"sanitizer":{"paths":[{"path":"$.args.to","rule":"email","action":"pseudonymize","count":2}]}}"#,
    ]);
    let (items, ending) = read_all(&with);
    assert_eq!(items.len(), 1);
    let ending = ending.expect("ended");
    assert!(ending.is_clean());
    assert_eq!(
        ending.sanitizer().map(|s| s["paths"][0]["rule"].clone()),
        Some(json!("email"))
    );

    for end in [
        r#"{"kind":"end","events":1,"dropped":0}"#,
        r#"{"kind":"end","events":1,"dropped":0,"sanitizer":null}"#,
    ] {
        let old = transcript(&[
            r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#,
            end,
        ]);
        let (_, ending) = read_all(&old);
        assert_eq!(
            ending,
            Some(Ending::Clean {
                events: 1,
                dropped: 0,
                sanitizer: None
            })
        );
    }
}

#[test]
fn a_missing_end_line_is_cut_short_not_an_error() {
    let text = transcript(&[r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#]);
    let (items, ending) = read_all(&text);
    assert_eq!(items.len(), 1);
    assert!(items[0].is_ok());
    assert_eq!(ending, Some(Ending::CutShort { torn_line: None }));
}

#[test]
fn a_corrupt_middle_line_is_an_error_naming_its_line_and_reading_goes_on() {
    let text = transcript(&[
        r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#,
        r#"{"seq":1,"kind":"call","dir":"in","port":"api" "method":"get"}"#,
        r#"{"seq":2,"kind":"call","dir":"sideways","port":"api","method":"get","args":{}}"#,
        r#"{"seq":3,"kind":"call","dir":"in","method":"get","args":{}}"#,
        r#"{"seq":4,"kind":"return","call":1,"ok":1,"at_ns":1}"#,
        r#"{"kind":"end","events":5,"dropped":0}"#,
    ]);
    let (items, ending) = read_all(&text);
    let errors: Vec<&String> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(
        errors,
        [
            "line 3, column 48: expected `,` or `}`",
            // The value (`sideways`) is never quoted: it could be a secret.
            "line 4, column 39: unknown variant, expected `in` or `out`",
            "line 5: call event is missing field `port`",
            // Three bad lines were not counted, so the end line disagrees: it says so.
            "line 7: the end line counts 5 events but 2 were read",
        ]
    );
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 2);
    assert!(ending.is_some_and(|e| e.is_clean()));
}

#[test]
fn invalid_utf8_is_an_error_with_its_line() {
    let mut bytes =
        transcript(&[r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#]).into_bytes();
    bytes
        .extend_from_slice(b"{\"seq\":1,\"kind\":\"probe\",\"name\":\"\xff\xfe\",\"fields\":{}}\n");
    let mut reader = Reader::new(&bytes[..]).expect("header reads");
    assert!(reader.next().is_some_and(|r| r.is_ok()));
    let err = reader.next().and_then(Result::err).expect("an error");
    assert_eq!(err.line(), Some(3));
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn a_newer_major_version_is_a_clear_error() {
    let text = r#"{"reprise":2,"kind":"header","component":"kv"}"#;
    let err = Reader::new(text.as_bytes()).expect_err("version 2 is refused");
    assert!(matches!(
        err,
        ReadError::UnsupportedVersion {
            found: 2,
            supported: 1,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "line 1: transcript format version 2 is newer than this reader's (1); upgrade reprise to read it"
    );
}

#[test]
fn foreign_input_is_not_a_transcript() {
    for text in ["", "hello world\n", "[1,2,3]\n", "{\"kind\":\"call\"}\n"] {
        let err = Reader::new(text.as_bytes()).expect_err(text);
        assert!(
            matches!(err, ReadError::Empty | ReadError::NotATranscript { .. }),
            "{text:?}: {err}"
        );
    }
}

#[test]
fn an_over_long_line_is_refused_and_skipped() {
    let long = format!(
        r#"{{"seq":0,"kind":"probe","name":"{}","fields":{{}}}}"#,
        "x".repeat(5000)
    );
    let text = transcript(&[&long, r#"{"seq":1,"kind":"probe","name":"q","fields":{}}"#]);
    let mut reader =
        Reader::with_max_line(std::io::BufReader::new(text.as_bytes()), 1024).expect("header");
    let first = reader.next().and_then(Result::err).expect("too long");
    assert!(matches!(
        first,
        ReadError::LineTooLong {
            line: 2,
            limit: 1024
        }
    ));
    assert!(reader.next().is_some_and(|r| r.is_ok()));
    assert!(reader.next().is_none());
}

/// Issue 15: `/dev/zero` (a line that never ends) hung every reader at
/// 266 MB. Now reading stops within twice the line limit, with an error
/// naming the line, whether the endless line is the header or an event.
#[test]
fn regression_a_line_that_never_ends_stops_reading_within_twice_the_limit() {
    use std::io::Read;
    let endless = std::io::repeat(b'0');
    let Err(err) = Reader::with_max_line(std::io::BufReader::new(endless), 4096) else {
        panic!("an endless header is an error");
    };
    assert!(
        matches!(
            err,
            ReadError::LineNeverEnds {
                line: 1,
                limit: 4096
            }
        ),
        "{err}"
    );

    let header = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    let input = header.as_bytes().chain(std::io::repeat(b' ').take(1 << 30));
    let mut reader = Reader::with_max_line(std::io::BufReader::new(input), 4096).expect("header");
    let err = reader.next().and_then(Result::err).expect("an error");
    assert_eq!(
        err.to_string(),
        "line 2: longer than the limit of 4096 bytes, with no end of line within twice that: reading stopped there"
    );
    assert!(reader.next().is_none(), "reading has stopped");
    assert!(!reader.ending().expect("ended").is_clean());
}

#[test]
fn the_end_line_count_is_checked() {
    let text = transcript(&[
        r#"{"seq":0,"kind":"state","label":"initial","state":{}}"#,
        r#"{"kind":"end","events":2,"dropped":0}"#,
    ]);
    let (items, _) = read_all(&text);
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].as_ref().expect_err("count mismatch"),
        "line 3: the end line counts 2 events but 1 were read"
    );
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn arb_event() -> impl Strategy<Value = Event> {
    let name = "[a-z.]{1,10}";
    prop_oneof![
        (".{0,10}", arb_value()).prop_map(|(label, state)| Event::State(State {
            seq: 0,
            label,
            state
        })),
        (
            any::<bool>(),
            name,
            name,
            arb_value(),
            any::<u64>(),
            any::<Option<u64>>(),
            prop::option::of(".{0,8}")
        )
            .prop_map(
                |(inbound, port, method, args, at_ns, parent, task)| Event::Call(Call {
                    seq: 0,
                    dir: if inbound {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    port,
                    method,
                    args,
                    at_ns,
                    parent,
                    task,
                })
            ),
        (any::<u64>(), any::<bool>(), arb_value(), any::<u64>()).prop_map(
            |(call, ok, v, at_ns)| {
                Event::Return(Return {
                    seq: 0,
                    call,
                    outcome: if ok { Outcome::Ok(v) } else { Outcome::Err(v) },
                    at_ns,
                })
            }
        ),
        (name, arb_value(), any::<u64>()).prop_map(|(name, fields, at_ns)| Event::Probe(Probe {
            seq: 0,
            name,
            fields,
            at_ns
        })),
    ]
}

fn set_seq(event: &mut Event, seq: u64) {
    match event {
        Event::State(e) => e.seq = seq,
        Event::Call(e) => e.seq = seq,
        Event::Return(e) => e.seq = seq,
        Event::Probe(e) => e.seq = seq,
        Event::End(_) => {}
    }
}

proptest! {
    #[test]
    fn any_sequence_of_events_written_then_read_comes_back_equal(
        mut events in prop::collection::vec(arb_event(), 0..20),
        meta in prop::collection::btree_map("[a-z]{1,6}", arb_value(), 0..3),
        dropped in 0u64..5,
    ) {
        for (i, e) in events.iter_mut().enumerate() {
            set_seq(e, i as u64);
        }
        let mut header = Header::new("comp", "2026-11-22T10:00:00Z", "0.1.0");
        header.meta = meta.into_iter().collect();
        let mut writer = Writer::new(Vec::new());
        writer.header(&header).expect("header");
        for e in &events {
            writer.event(e).expect("event");
        }
        let bytes = writer.end(dropped).expect("end");

        let mut reader = Reader::new(&bytes[..]).expect("reads");
        prop_assert_eq!(reader.header(), &header);
        let back: Vec<Event> = reader.by_ref().collect::<Result<_, _>>().expect("all events");
        prop_assert_eq!(back, events.clone());
        prop_assert_eq!(reader.ending(), Some(&Ending::Clean { events: events.len() as u64, dropped, sanitizer: None }));
    }

    #[test]
    fn a_transcript_cut_at_any_byte_reads_without_panicking(
        events in prop::collection::vec(arb_event(), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut writer = Writer::new(Vec::new());
        writer.header(&Header::new("comp", "", "0.1.0")).expect("header");
        for (i, e) in events.iter().enumerate() {
            let mut e = e.clone();
            set_seq(&mut e, i as u64);
            writer.event(&e).expect("event");
        }
        let bytes = writer.end(0).expect("end");
        let cut = cut.index(bytes.len());
        if let Ok(mut reader) = Reader::new(&bytes[..cut]) {
            let read: Vec<_> = reader.by_ref().collect();
            // Every event before the cut is complete and valid.
            prop_assert!(read.iter().all(Result::is_ok));
            prop_assert!(reader.ending().is_some());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut input = HEADER.as_bytes().to_vec();
        input.push(b'\n');
        input.extend_from_slice(&bytes);
        let mut reader = Reader::new(&input[..]).expect("header reads");
        for _ in reader.by_ref().take(1000) {}
    }
}

#[test]
fn a_value_written_as_null_ok_reads_back_as_ok_null() {
    let text = transcript(&[r#"{"seq":0,"kind":"return","call":0,"ok":null}"#]);
    let (items, _) = read_all(&text);
    let Ok(Event::Return(r)) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(r.outcome, Outcome::Ok(json!(null)));
}

/// Issue 15: events after the end line, and duplicate, reordered or
/// decreasing seqs, were read without a word. Each is now a problem naming
/// its line; reading goes on with the next line.
#[test]
fn regression_nonsense_the_recorder_never_writes_is_a_problem_naming_its_line() {
    let probe = |seq: u64| format!(r#"{{"seq":{seq},"kind":"probe","name":"q","fields":{{}}}}"#);
    let (a, b, c, d) = (probe(0), probe(2), probe(2), probe(1));
    let end = r#"{"kind":"end","events":4,"dropped":0}"#;
    let after = probe(7);
    let text = transcript(&[&a, &b, &c, &d, end, "", &after]);
    let (items, ending) = read_all(&text);
    let errors: Vec<&String> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(
        errors,
        [
            "line 4: seq 2 comes after seq 2: seqs must increase (a duplicated or reordered line)",
            "line 5: seq 1 comes after seq 2: seqs must increase (a duplicated or reordered line)",
            "line 8: the transcript goes on after its end line (line 6): what follows is ignored",
        ]
    );
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 2);
    assert!(ending.expect("ended").is_clean());
}
