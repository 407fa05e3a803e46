//! Reading with `next_line`, `decode_line` and `check` gives what iteration
//! gives, on transcripts with every kind of bad line.

use proptest::prelude::*;
use serde_json::Value;

use crate::{DEFAULT_MAX_LINE, Ending, Event, ReadError, Reader, Verdict, decode_line};

/// What reading found: the events kept, the errors (as text), the ending.
type Outcome = (Vec<Event>, Vec<String>, Option<Ending>);

fn iterate(text: &str, max_line: usize) -> Outcome {
    let mut reader = Reader::with_max_line(text.as_bytes(), max_line).expect("header");
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for item in reader.by_ref() {
        match item {
            Ok(event) => events.push(event),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (events, errors, reader.ending().cloned())
}

/// A line read and decoded, not yet checked.
type Read = (crate::LineAt, Option<Event>, crate::Decoded);

/// The split way, with every line decoded before any is checked (as when
/// decoding runs ahead on other threads).
fn split(text: &str, max_line: usize) -> Outcome {
    let mut reader = Reader::with_max_line(text.as_bytes(), max_line).expect("header");
    let mut read: Vec<Result<Read, ReadError>> = Vec::new();
    while let Some(at) = reader.next_line() {
        read.push(at.map(|at| {
            let (event, decoded) = decode_line::<Value>(reader.line_bytes());
            (at, event, decoded)
        }));
    }
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for item in read {
        let (verdict, event) = match item {
            Ok((at, event, decoded)) => (reader.check(at, decoded), event),
            Err(e @ (ReadError::Io { .. } | ReadError::LineNeverEnds { .. })) => {
                errors.push(e.to_string());
                continue;
            }
            Err(e) => (reader.check_unreadable(e), None),
        };
        match verdict {
            Verdict::Keep => events.extend(event),
            Verdict::Bad(e) => errors.push(e.to_string()),
            Verdict::Skip => {}
        }
    }
    reader.end_of_lines();
    (events, errors, reader.ending().cloned())
}

const HEADER: &str = r#"{"reprise":1,"kind":"header","component":"c"}"#;

fn lines() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..6).prop_map(|seq| format!(
            r#"{{"seq":{seq},"kind":"probe","name":"p","fields":{{"n":{seq}}}}}"#
        )),
        (0u64..6).prop_map(|seq| format!(
            r#"{{"seq":{seq},"kind":"call","dir":"in","port":"api","method":"m","args":[1],"at_ns":5}}"#
        )),
        (0u64..8).prop_map(|n| format!(r#"{{"kind":"end","events":{n},"dropped":0}}"#)),
        Just(HEADER.to_string()),
        Just(r#"{"seq":1,"kind":"probe""#.to_string()),
        Just(r#"{"seq":"x","kind":"probe"}"#.to_string()),
        Just(r#"{"seq":2,"kind":"nope"}"#.to_string()),
        Just("   ".to_string()),
        Just(String::new()),
        Just("y".repeat(200)),
    ]
}

proptest! {
    #[test]
    fn split_reading_agrees_with_iteration(
        body in proptest::collection::vec(lines(), 0..12),
        newline_at_end in any::<bool>(),
    ) {
        let mut text = format!("{HEADER}\n{}", body.join("\n"));
        if newline_at_end && !body.is_empty() {
            text.push('\n');
        }
        let max_line = 120;
        prop_assert_eq!(split(&text, max_line), iterate(&text, max_line), "{}", text);
        prop_assert_eq!(split(&text, DEFAULT_MAX_LINE), iterate(&text, DEFAULT_MAX_LINE));
    }
}

#[test]
fn a_line_after_the_end_line_is_reported_once_and_a_torn_line_ends_the_transcript() {
    let text = format!(
        "{HEADER}\n{}\n{}\n\n{}\n{}\n",
        r#"{"seq":0,"kind":"probe","name":"p","fields":{}}"#,
        r#"{"kind":"end","events":1,"dropped":0}"#,
        r#"{"seq":1,"kind":"probe","name":"p","fields":{}}"#,
        r#"{"seq":2,"kind":"probe","name":"p","fields":{}}"#,
    );
    let (events, errors, ending) = split(&text, DEFAULT_MAX_LINE);
    assert_eq!(events.len(), 1);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("line 5") && errors[0].contains("after its end line (line 3)"));
    assert!(ending.is_some_and(|e| e.is_clean()));

    let torn = format!(
        "{HEADER}\n{}\n{{\"seq\":1,\"ki",
        r#"{"seq":0,"kind":"probe","name":"p","fields":{}}"#
    );
    let (events, errors, ending) = split(&torn, DEFAULT_MAX_LINE);
    assert_eq!((events.len(), errors.len()), (1, 0));
    assert_eq!(ending, Some(Ending::CutShort { torn_line: Some(3) }));
}
