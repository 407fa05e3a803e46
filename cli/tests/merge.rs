//! End-to-end tests of `reprise merge`: the real binary on node transcripts
//! written into a temporary directory, what a person reads snapshotted.

mod common;

use common::{Run, dir_with, run, run_in};

const SPEC: &str = "net.send(from=@node, to=$.args.to, id=$.args.id) -> \
                    api.recv(from=$.args.from, to=@node, id=$.args.id)";

/// Node 0 sends message 1 to node 1 and message 2 to node 2 (lost); node 1
/// receives message 1 and a message 7 nobody sent.
const N0: &str = r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-01-01T00:00:00Z","recorder":"0.1.0","meta":{"node":0},"sanitizer":null}
{"kind":"call","seq":0,"dir":"out","port":"net","method":"send","args":{"to":1,"id":1},"at_ns":100}
{"kind":"return","seq":1,"call":0,"ok":null,"at_ns":110}
{"kind":"call","seq":2,"dir":"out","port":"net","method":"send","args":{"to":2,"id":2},"at_ns":120}
{"kind":"return","seq":3,"call":2,"ok":null,"at_ns":130}
{"kind":"end","events":4,"dropped":0}
"#;

const N1: &str = r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-01-01T00:00:00Z","recorder":"0.1.0","meta":{"node":1},"sanitizer":null}
{"kind":"call","seq":0,"dir":"in","port":"api","method":"recv","args":{"from":0,"id":1},"at_ns":5}
{"kind":"return","seq":1,"call":0,"ok":null,"at_ns":6}
{"kind":"call","seq":2,"dir":"in","port":"api","method":"recv","args":{"from":2,"id":7},"at_ns":7}
{"kind":"return","seq":3,"call":2,"ok":null,"at_ns":8}
{"kind":"end","events":4,"dropped":0}
"#;

/// `reprise merge A B -o cluster.jsonl --correlate SPEC` in `dir`.
fn merge_in(dir: &std::path::Path, a: &str, b: &str) -> Run {
    run_in(
        dir,
        &["merge", a, b, "-o", "cluster.jsonl", "--correlate", SPEC],
    )
}

#[test]
fn merge_lists_every_unmatched_send_and_receive() {
    let dir = dir_with(&[("n0.jsonl", N0), ("n1.jsonl", N1)]);
    let run = merge_in(dir.path(), "n0.jsonl", "n1.jsonl");
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
    let merged = std::fs::read_to_string(dir.path().join("cluster.jsonl")).unwrap();
    assert_eq!(
        merged.lines().count(),
        10,
        "a header, 8 events and the end line"
    );
    let inspect = run_in(dir.path(), &["inspect", "cluster.jsonl"]);
    assert_eq!(
        inspect.code,
        Some(0),
        "the merged file reads as a transcript: {inspect}"
    );
}

#[test]
fn merge_json_reports_for_tools() {
    let run = run(
        &[("n0.jsonl", N0), ("n1.jsonl", N1)],
        &[
            "merge",
            "--json",
            "n0.jsonl",
            "n1.jsonl",
            "-o",
            "cluster.jsonl",
            "--correlate",
            SPEC,
        ],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn merge_refuses_a_bad_correlation_saying_where() {
    let run = run(
        &[("n0.jsonl", N0)],
        &[
            "merge",
            "n0.jsonl",
            "-o",
            "c.jsonl",
            "--correlate",
            "net.send($.args.id) api.recv($.args.id)",
        ],
    );
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn merge_names_the_file_and_line_of_a_bad_line_and_fails() {
    let bad = N1.replace(
        r#"{"kind":"return","seq":1,"call":0,"ok":null,"at_ns":6}"#,
        "{\"kind\":\"return\"",
    );
    let dir = dir_with(&[("n0.jsonl", N0), ("n1.jsonl", &bad)]);
    let run = merge_in(dir.path(), "n0.jsonl", "n1.jsonl");
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn merge_refuses_a_file_that_is_not_a_transcript_and_writes_nothing() {
    let dir = dir_with(&[("n0.jsonl", N0), ("notes.txt", "hello\n")]);
    let run = merge_in(dir.path(), "n0.jsonl", "notes.txt");
    assert_eq!(run.code, Some(1));
    assert!(!dir.path().join("cluster.jsonl").exists());
    insta::assert_snapshot!(run);
}

#[test]
fn view_writes_a_page_of_a_merged_file_with_a_report() {
    let dir = dir_with(&[
        ("n0.jsonl", N0),
        ("n1.jsonl", N1),
        (
            "report.json",
            r#"{"findings":[{"seq":2,"port":"api","method":"recv","kind":"return_differs","message":"differs"}]}"#,
        ),
    ]);
    let merged = merge_in(dir.path(), "n0.jsonl", "n1.jsonl");
    assert_eq!(merged.code, Some(0));
    let run = run_in(
        dir.path(),
        &[
            "view",
            "cluster.jsonl",
            "--report",
            "1=report.json",
            "-o",
            "timeline.html",
        ],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
    let page = std::fs::read_to_string(dir.path().join("timeline.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing fetched"
    );
    assert!(page.contains(r#""node":"1""#) && page.contains("report.json"));
}

#[test]
fn view_names_a_report_that_is_not_json_without_quoting_it() {
    let run = run(
        &[
            ("n0.jsonl", N0),
            ("report.json", "{\"findings\": [secret-value"),
        ],
        &[
            "view",
            "n0.jsonl",
            "--report",
            "report.json",
            "-o",
            "t.html",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(!run.stderr.contains("secret-value"));
    insta::assert_snapshot!(run);
}

#[test]
fn view_names_the_file_and_line_of_a_bad_line_and_still_writes_the_page() {
    let bad = N0.replace(
        r#""method":"send","args":{"to":2,"id":2}"#,
        r#""method":"send","args":"#,
    );
    let dir = dir_with(&[("n0.jsonl", &bad)]);
    let run = run_in(dir.path(), &["view", "n0.jsonl", "-o", "t.html"]);
    assert_eq!(run.code, Some(1));
    assert!(dir.path().join("t.html").exists());
    insta::assert_snapshot!(run);
}

/// Regression: with a typo in a key path every send matched every receive;
/// now no call is paired and the command says which side matched nothing.
#[test]
fn correctness_merge_warns_when_a_side_of_the_correlation_matches_no_call() {
    let run = run(
        &[("n0.jsonl", N0), ("n1.jsonl", N1)],
        &[
            "merge",
            "n0.jsonl",
            "n1.jsonl",
            "-o",
            "cluster.jsonl",
            "--correlate",
            "net.send($.args.idd) -> api.receive($.args.id)",
        ],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}
