use std::io::{BufRead, Cursor};

use reprise_transcript::Reader;

use super::*;
use crate::input::Input;

const HEADER: &str = r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{"node":2},"sanitizer":null}"#;

/// Summarises a transcript given as its lines after the header, joined by
/// newlines (the caller adds the final newline, or leaves a torn tail).
fn summary(body: &str) -> Summary {
    let text = format!("{HEADER}\n{body}");
    let input: Box<dyn BufRead> = Box::new(Cursor::new(text.into_bytes()));
    let mut input = Input {
        name: "t.jsonl".into(),
        reader: Reader::from_buf_read(input).expect("a valid header"),
    };
    summarize(&mut input)
}

fn call(seq: u64, dir: &str, port: &str, method: &str, at_ns: u64) -> String {
    format!(
        r#"{{"kind":"call","seq":{seq},"dir":"{dir}","port":"{port}","method":"{method}","args":{{}},"at_ns":{at_ns}}}"#
    )
}

fn ret(seq: u64, call: u64, side: &str, at_ns: u64) -> String {
    format!(r#"{{"kind":"return","seq":{seq},"call":{call},"{side}":null,"at_ns":{at_ns}}}"#)
}

fn state(seq: u64, label: &str) -> String {
    format!(r#"{{"kind":"state","seq":{seq},"label":"{label}","state":{{}}}}"#)
}

fn probe(seq: u64, name: &str, at_ns: u64) -> String {
    format!(r#"{{"kind":"probe","seq":{seq},"name":"{name}","fields":{{}},"at_ns":{at_ns}}}"#)
}

fn end(events: u64) -> String {
    format!(r#"{{"kind":"end","events":{events},"dropped":0}}"#)
}

fn lines(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn stats(port: &str, method: &str, calls: u64, errors: u64, without_return: u64) -> CallStats {
    CallStats {
        port: port.into(),
        method: method.into(),
        calls,
        errors,
        without_return,
    }
}

#[test]
fn calls_are_counted_per_direction_port_and_method_with_errors() {
    let s = summary(&lines(&[
        call(0, "in", "api", "put", 10),
        call(1, "out", "storage", "append", 20),
        ret(2, 1, "err", 30),
        ret(3, 0, "ok", 40),
        call(4, "in", "api", "put", 50),
        call(5, "out", "storage", "append", 60),
        ret(6, 5, "ok", 70),
        ret(7, 4, "err", 80),
        call(8, "out", "network", "send", 90),
        ret(9, 8, "ok", 95),
        end(10),
    ]));
    assert_eq!(s.inbound, [stats("api", "put", 2, 1, 0)]);
    assert_eq!(
        s.outbound,
        [
            stats("network", "send", 1, 0, 0),
            stats("storage", "append", 2, 1, 0)
        ]
    );
    assert_eq!(s.events.call, 5);
    assert_eq!(s.events.return_, 5);
    assert_eq!(s.events.total, 10);
    assert_eq!(s.returns_without_call, 0);
}

#[test]
fn the_same_method_name_in_both_directions_stays_apart() {
    let s = summary(&lines(&[
        call(0, "in", "bus", "publish", 1),
        call(1, "out", "bus", "publish", 2),
    ]));
    assert_eq!(s.inbound, [stats("bus", "publish", 1, 0, 1)]);
    assert_eq!(s.outbound, [stats("bus", "publish", 1, 0, 1)]);
}

#[test]
fn calls_cut_off_before_their_return_are_counted_without_return() {
    let s = summary(&lines(&[
        call(0, "in", "api", "get", 1),
        call(1, "out", "storage", "read", 2),
        ret(2, 1, "ok", 3),
    ]));
    assert_eq!(s.inbound, [stats("api", "get", 1, 0, 1)]);
    assert_eq!(s.outbound, [stats("storage", "read", 1, 0, 0)]);
    assert_eq!(s.ending, End::CutShort { torn_line: None });
}

#[test]
fn a_return_to_an_unknown_call_is_counted_apart() {
    let s = summary(&lines(&[
        call(0, "in", "api", "get", 1),
        ret(1, 0, "ok", 2),
        ret(2, 0, "ok", 3),
        ret(3, 99, "err", 4),
    ]));
    assert_eq!(s.returns_without_call, 2);
    assert_eq!(s.inbound, [stats("api", "get", 1, 0, 0)]);
}

#[test]
fn states_after_the_first_are_checkpoints() {
    let s = summary(&lines(&[
        state(0, "initial"),
        state(1, "checkpoint"),
        state(2, "after-compaction"),
    ]));
    assert_eq!(s.events.state, 3);
    assert_eq!(s.checkpoints, 2);
    assert_eq!(summary(&lines(&[state(0, "initial")])).checkpoints, 0);
}

#[test]
fn probes_are_counted_by_name() {
    let s = summary(&lines(&[
        probe(0, "queue.depth", 1),
        probe(1, "view.change", 2),
        probe(2, "queue.depth", 3),
    ]));
    let expected: BTreeMap<String, u64> =
        [("queue.depth".into(), 2), ("view.change".into(), 1)].into();
    assert_eq!(s.probes, expected);
    assert_eq!(s.events.probe, 3);
}

#[test]
fn duration_spans_the_smallest_to_the_largest_at_ns() {
    let s = summary(&lines(&[
        state(0, "initial"),
        call(1, "in", "api", "get", 1_200),
        probe(2, "p", 900),
        ret(3, 1, "ok", 2_500),
    ]));
    let expected = TimeSpan {
        first_at_ns: 900,
        last_at_ns: 2_500,
        duration_ns: 1_600,
    };
    assert_eq!(s.time, Some(expected));
    assert_eq!(summary(&lines(&[state(0, "initial")])).time, None);
}

#[test]
fn a_clean_end_carries_the_end_lines_counts() {
    let s = summary(&lines(&[
        state(0, "initial"),
        r#"{"kind":"end","events":1,"dropped":4}"#.into(),
    ]));
    assert_eq!(
        s.ending,
        End::Clean {
            events: 1,
            dropped: 4
        }
    );
    assert_eq!(s.bad_lines.count, 0);
}

#[test]
fn a_torn_last_line_is_reported_in_the_ending() {
    let body = format!(
        "{}\n{{\"kind\":\"call\",\"seq\":1,\"di",
        state(0, "initial")
    );
    let s = summary(&body);
    assert_eq!(s.ending, End::CutShort { torn_line: Some(3) });
    assert_eq!(s.events.total, 1);
    assert_eq!(s.bad_lines.count, 0);
}

#[test]
fn a_bad_middle_line_is_listed_and_the_rest_still_counted() {
    let s = summary(&lines(&[
        state(0, "initial"),
        r#"{"kind":"call","seq":1,"dir":"in""#.into(),
        probe(2, "p", 5),
        end(2),
    ]));
    assert_eq!(s.events.total, 2);
    assert_eq!(s.bad_lines.count, 1);
    assert_eq!(s.bad_lines.first[0].line, Some(3));
    assert!(
        s.bad_lines.first[0].message.starts_with("line 3, column "),
        "{}",
        s.bad_lines.first[0].message
    );
    assert!(matches!(s.ending, End::Clean { .. }));
}

#[test]
fn only_the_first_bad_lines_are_kept() {
    let body: String = (0..BadLines::KEPT + 5).map(|_| "{oops\n").collect();
    let s = summary(&body);
    assert_eq!(s.bad_lines.count, BadLines::KEPT as u64 + 5);
    assert_eq!(s.bad_lines.first.len(), BadLines::KEPT);
    assert_eq!(s.bad_lines.first[0].line, Some(2));
}

#[test]
fn the_summary_is_plain_json_for_tools() {
    let s = summary(&lines(&[call(0, "out", "clock", "now", 7), end(1)]));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(
        json["ending"],
        serde_json::json!({"status": "clean", "events": 1, "dropped": 0})
    );
    assert_eq!(json["events"]["return"], 0);
    assert_eq!(json["outbound"][0]["without_return"], 1);
    assert_eq!(json["time"]["duration_ns"], 0);
}

fn check_duration(ns: u64, expected: &str) {
    assert_eq!(human_duration(ns), expected, "{ns} ns");
}

#[test]
fn durations_read_like_a_person_would_say_them() {
    check_duration(0, "0 ns");
    check_duration(999, "999 ns");
    check_duration(1_000, "1.00 µs");
    check_duration(1_400, "1.40 µs");
    check_duration(12_345, "12.3 µs");
    check_duration(999_499, "999 µs");
    check_duration(999_999, "1.00 ms");
    check_duration(8_057_076, "8.06 ms");
    check_duration(250_000_000, "250 ms");
    check_duration(12_345_678_901, "12.3 s");
    check_duration(59_999_999_999, "1m 00s");
    check_duration(245_000_000_000, "4m 05s");
    check_duration(7_384_000_000_000, "2h 03m 04s");
}
