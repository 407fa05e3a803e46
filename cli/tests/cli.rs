//! End-to-end tests of the `reprise` binary: each runs the real built binary
//! on transcripts written into a temporary directory, and snapshots what a
//! person would see (exit code, stdout, stderr).
//!
//! The binary runs with the temporary directory as its working directory and
//! is given relative paths, so no temporary path reaches a snapshot.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::{Run, dir_with, reprise, run, run_in, run_with_stdin};

/// A clean transcript: an inbound `put` that appends to storage and fails to
/// send on the network, a probe, an inbound `get`, a checkpoint, and `end`.
const CLEAN: &str = r#"{"reprise":1,"kind":"header","component":"kv-node","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{"role":"leader","version":"1.4.2"},"sanitizer":null}
{"kind":"state","seq":0,"label":"initial","state":{"keys":0}}
{"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a","value":"MQ=="},"at_ns":1200,"task":"main"}
{"kind":"call","seq":2,"dir":"out","port":"storage","method":"append","args":{"entry":"YT0x"},"at_ns":1900,"parent":1,"task":"main"}
{"kind":"return","seq":3,"call":2,"ok":null,"at_ns":2400}
{"kind":"call","seq":4,"dir":"out","port":"network","method":"send","args":{"msg":"put a","to":2},"at_ns":2600,"parent":1,"task":"main"}
{"kind":"return","seq":5,"call":4,"err":"connection reset","at_ns":3100}
{"kind":"return","seq":6,"call":1,"ok":{"version":1},"at_ns":3500}
{"kind":"probe","seq":7,"name":"queue.depth","fields":{"len":12},"at_ns":3600}
{"kind":"call","seq":8,"dir":"in","port":"api","method":"get","args":{"key":"a"},"at_ns":1204000,"task":"main"}
{"kind":"return","seq":9,"call":8,"ok":"MQ==","at_ns":1250000}
{"kind":"probe","seq":10,"name":"queue.depth","fields":{"len":3},"at_ns":1260000}
{"kind":"state","seq":11,"label":"checkpoint","state":{"keys":1}}
{"kind":"end","events":12,"dropped":0}
"#;

/// The first `n` lines of [`CLEAN`], each with its newline.
fn clean_lines(n: usize) -> String {
    CLEAN.lines().take(n).map(|l| format!("{l}\n")).collect()
}

/// [`CLEAN`] cut short by a crash while writing line 11: no `end`, and a
/// torn last line without its newline.
fn torn() -> String {
    clean_lines(10) + r#"{"kind":"return","seq":9,"call":8,"ok":"M"#
}

/// [`CLEAN`] with line 6 cut in the middle and line 9 missing a field.
fn corrupt() -> String {
    CLEAN
        .lines()
        .enumerate()
        .map(|(i, line)| match i + 1 {
            6 => format!("{}\n", &line[..50]),
            9 => format!("{}\n", line.replace(r#""name":"queue.depth","#, "")),
            _ => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn inspect_summarises_a_clean_transcript() {
    let run = run(&[("kv.jsonl", CLEAN)], &["inspect", "kv.jsonl"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_json_summarises_a_clean_transcript_for_tools() {
    let run = run(&[("kv.jsonl", CLEAN)], &["inspect", "--json", "kv.jsonl"]);
    assert_eq!(run.code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["ending"]["status"], "clean");
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_pretty_prints_every_line_of_a_clean_transcript() {
    let run = run(&[("kv.jsonl", CLEAN)], &["inspect", "--pretty", "kv.jsonl"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_reports_a_torn_last_line_as_cut_short_not_an_error() {
    let run = run(&[("torn.jsonl", &torn())], &["inspect", "torn.jsonl"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_pretty_ends_a_torn_transcript_with_where_it_was_cut() {
    let run = run(
        &[("torn.jsonl", &torn())],
        &["inspect", "--pretty", "torn.jsonl"],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_reports_a_missing_end_on_a_line_boundary_as_cut_short() {
    let run = run(
        &[("cut.jsonl", &clean_lines(13))],
        &["inspect", "cut.jsonl"],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_summarises_what_it_can_read_around_corrupt_lines_and_fails() {
    let run = run(
        &[("corrupt.jsonl", &corrupt())],
        &["inspect", "corrupt.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_json_lists_corrupt_lines() {
    let run = run(
        &[("corrupt.jsonl", &corrupt())],
        &["inspect", "--json", "corrupt.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["bad_lines"]["count"], 3);
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_pretty_marks_corrupt_lines_and_goes_on() {
    let run = run(
        &[("corrupt.jsonl", &corrupt())],
        &["inspect", "--pretty", "corrupt.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_refuses_a_newer_format_version() {
    let newer = CLEAN.replacen(r#""reprise":1"#, r#""reprise":2"#, 1);
    let run = run(&[("newer.jsonl", &newer)], &["inspect", "newer.jsonl"]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_refuses_a_file_that_is_not_a_transcript() {
    let csv = "id,name\n1,alice\n";
    let run = run(&[("users.csv", csv)], &["inspect", "users.csv"]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_refuses_a_transcript_without_its_header() {
    let headless = CLEAN.lines().skip(1).collect::<Vec<_>>().join("\n");
    let run = run(
        &[("headless.jsonl", &headless)],
        &["inspect", "headless.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_refuses_an_empty_file() {
    let run = run(&[("empty.jsonl", "")], &["inspect", "empty.jsonl"]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_names_a_file_it_cannot_open() {
    let run = run(&[], &["inspect", "missing.jsonl"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    // The OS's own words follow; they differ between platforms.
    assert!(
        run.stderr
            .starts_with("error: missing.jsonl: cannot open: "),
        "{}",
        run.stderr
    );
}

#[test]
fn inspect_reads_stdin_for_dash() {
    let run = run_with_stdin(&[], &["inspect", "-"], &torn());
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_without_a_file_is_a_usage_error() {
    let run = run(&[], &["inspect"]);
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_pretty_and_json_together_is_a_usage_error() {
    let run = run(
        &[("kv.jsonl", CLEAN)],
        &["inspect", "--pretty", "--json", "kv.jsonl"],
    );
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn inspect_help_describes_the_command() {
    let run = run(&[], &["inspect", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn a_closed_stdout_ends_pretty_printing_quietly_with_success() {
    // Enough events that the output outgrows the pipe and our buffer.
    let mut big = clean_lines(2);
    for seq in 1..20_000 {
        big.push_str(&format!(
            "{{\"kind\":\"probe\",\"seq\":{seq},\"name\":\"tick\",\"fields\":{{\"n\":{seq}}},\"at_ns\":{seq}}}\n"
        ));
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("big.jsonl"), big).expect("write a fixture");
    let mut child = reprise(dir.path(), &["inspect", "--pretty", "big.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run reprise");
    // Read a little, as `head` would, then close the pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("wait for reprise");
    assert!(first.starts_with(b"--- line 1\n{"));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "no panic, no error"
    );
    assert_eq!(output.status.code(), Some(0));
}

/// A transcript a user would not want to send: an email in the header's
/// meta, a login with a password and a bearer token, a payment with a card
/// number inside a log line, a probe with an IP address, a base64 blob that
/// hides an email, and a checkpoint keyed by email.
const LEAKY: &str = r#"{"reprise":1,"kind":"header","component":"shop","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{"operator":"ops@corp.com","version":"1.4.2"},"sanitizer":null}
{"kind":"state","seq":0,"label":"initial","state":{"accounts":{"alice@corp.com":{"balance":120}}}}
{"kind":"call","seq":1,"dir":"in","port":"api","method":"login","args":{"user":"alice@corp.com","password":"hunter2!","headers":{"Authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlMTIz"}},"at_ns":1000,"task":"main"}
{"kind":"return","seq":2,"call":1,"ok":{"session":"s-93f1c0a7e2","user":"alice@corp.com"},"at_ns":2000}
{"kind":"call","seq":3,"dir":"out","port":"payments","method":"charge","args":{"log":"charge 4916 3385 0608 2832 for alice@corp.com","amount":25,"commit":"9fceb02d0ae598e95dc970b74767f19372d61af8"},"at_ns":3000,"parent":1,"task":"main"}
{"kind":"return","seq":4,"call":3,"err":"declined for card 4916 3385 0608 2832","at_ns":4000}
{"kind":"probe","seq":5,"name":"login","fields":{"from":"203.0.113.77","blob":"Y29udGFjdCBhbGljZUBjb3JwLmNvbQ=="},"at_ns":5000}
{"kind":"state","seq":6,"label":"checkpoint","state":{"accounts":{"alice@corp.com":{"balance":95}}}}
{"kind":"end","events":7,"dropped":0}
"#;

/// A fixed pseudonym key, so scrubbed output is stable enough to snapshot.
const KEY: &str = "a test key, not secret at all\n";

/// The values planted in [`LEAKY`]; none may appear in output meant to be sent.
const PLANTED: &[&str] = &[
    "ops@corp.com",
    "alice@corp.com",
    "hunter2",
    "eyJhbGciOiJIUzI1NiJ9",
    "s-93f1c0a7e2",
    "4916 3385 0608 2832",
    "203.0.113.77",
    "Y29udGFjdCBhbGljZUBjb3JwLmNvbQ==",
];

/// Runs `reprise ARGS` in a fresh directory holding `files`, and returns the
/// directory too, to look at what the command wrote.
fn run_keeping(files: &[(&str, &str)], args: &[&str]) -> (Run, tempfile::TempDir) {
    let dir = dir_with(files);
    (run_in(dir.path(), args), dir)
}

#[track_caller]
fn assert_nothing_planted(text: &str) {
    for planted in PLANTED {
        assert!(!text.contains(planted), "{planted} leaked into:\n{text}");
    }
}

#[test]
fn verify_names_seq_path_and_rule_of_every_leak_never_the_value() {
    let run = run(&[("shop.jsonl", LEAKY)], &["verify", "shop.jsonl"]);
    assert_eq!(run.code, Some(1));
    assert_nothing_planted(&run.stdout);
    insta::assert_snapshot!(run);
}

#[test]
fn verify_passes_a_transcript_with_nothing_sensitive() {
    let run = run(&[("kv.jsonl", CLEAN)], &["verify", "kv.jsonl"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

/// A transcript as a recorder with a sanitizer writes it: the header lists
/// the rules only; the `end` line says `$.args.card` was pseudonymized.
fn recorded_scrubbed(end_report: bool) -> String {
    let header = r#"{"reprise":1,"kind":"header","component":"shop","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{},"sanitizer":{"version":1,"mode":"rules","key":"user","rules":[{"name":"card","target":"detector","action":"pseudonymize"}],"paths":[],"total":0,"unlisted":0}}"#;
    let call = r#"{"kind":"call","seq":0,"dir":"out","port":"pay","method":"charge","args":{"card":"4539148803436467","note":"card 5425233430109903"},"at_ns":1}"#;
    let end = if end_report {
        r#"{"kind":"end","events":1,"dropped":0,"sanitizer":{"version":1,"mode":"rules","key":"user","rules":[],"paths":[{"path":"$.args.card","rule":"card","action":"pseudonymize","count":1}],"total":1,"unlisted":0}}"#
    } else {
        r#"{"kind":"end","events":1,"dropped":0}"#
    };
    format!("{header}\n{call}\n{end}\n")
}

#[test]
fn verify_accepts_pseudonyms_at_paths_the_end_line_lists() {
    let text = recorded_scrubbed(true);
    let out = run(&[("rec.jsonl", &text)], &["verify", "rec.jsonl"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stdout.contains("seq 0: $.args.note: card"), "{out}");
    assert!(!out.stdout.contains("$.args.card"), "{out}");
    assert!(out.stdout.contains("1 sensitive value in 1 event"), "{out}");

    let text = recorded_scrubbed(false);
    let out = run(&[("rec.jsonl", &text)], &["verify", "rec.jsonl"]);
    assert!(out.stdout.contains("seq 0: $.args.card: card"), "{out}");
    assert!(out.stdout.contains("2 sensitive values"), "{out}");
}

#[test]
fn scrub_writes_a_transcript_that_verify_passes_and_inspect_reads() {
    let (run, dir) = run_keeping(
        &[("shop.jsonl", LEAKY), ("key", KEY)],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
        ],
    );
    assert_eq!(run.code, Some(0), "{run}");
    insta::assert_snapshot!("scrub_summary", run);
    let safe = std::fs::read_to_string(dir.path().join("safe.jsonl")).expect("output written");
    assert_nothing_planted(&safe);
    assert!(
        !safe.contains(KEY.trim()),
        "the key never reaches the output"
    );
    insta::assert_snapshot!("scrub_output", safe);

    let verify = run_in(dir.path(), &["verify", "safe.jsonl"]);
    assert_eq!(verify.code, Some(0), "{verify}");
    insta::assert_snapshot!("scrub_then_verify", verify);

    let inspect = run_in(dir.path(), &["inspect", "safe.jsonl"]);
    assert_eq!(inspect.code, Some(0), "{inspect}");
    assert!(
        inspect.stdout.contains("7 events") || inspect.stdout.contains("events"),
        "{inspect}"
    );
}

#[test]
fn scrub_is_stable_under_one_key() {
    let files = [("shop.jsonl", LEAKY), ("key", KEY)];
    let (_, a) = run_keeping(
        &files,
        &["scrub", "shop.jsonl", "-o", "a.jsonl", "--key-file", "key"],
    );
    let (_, b) = run_keeping(
        &files,
        &["scrub", "shop.jsonl", "-o", "b.jsonl", "--key-file", "key"],
    );
    let a = std::fs::read_to_string(a.path().join("a.jsonl")).expect("a");
    let b = std::fs::read_to_string(b.path().join("b.jsonl")).expect("b");
    assert_eq!(a, b);
}

#[test]
fn scrub_in_allowlist_mode_with_a_rules_file() {
    let rules = "[[rule]]\nname = \"amounts\"\npath = \"$.args.amount\"\naction = \"drop\"\n";
    let allow = "# only what replay needs to route calls\n$.args.amount\n$..version\n";
    let (run, dir) = run_keeping(
        &[
            ("shop.jsonl", LEAKY),
            ("key", KEY),
            ("rules.toml", rules),
            ("allow.txt", allow),
        ],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
            "--rules",
            "rules.toml",
            "--allowlist",
            "allow.txt",
        ],
    );
    assert_eq!(run.code, Some(0), "{run}");
    let safe = std::fs::read_to_string(dir.path().join("safe.jsonl")).expect("output written");
    assert_nothing_planted(&safe);
    insta::assert_snapshot!("scrub_allowlist_output", safe);
    let verify = run_in(dir.path(), &["verify", "safe.jsonl"]);
    assert_eq!(verify.code, Some(0), "{verify}");
}

#[test]
fn scrub_refuses_a_bad_rules_file_naming_the_line_and_writes_nothing() {
    let rules = "[[rule]]\nname = \"ok\"\nkey = \"pin\"\n\n[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9\"\n";
    let (run, dir) = run_keeping(
        &[("shop.jsonl", LEAKY), ("rules.toml", rules)],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--rules",
            "rules.toml",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(!dir.path().join("safe.jsonl").exists());
    insta::assert_snapshot!(run);
}

#[test]
fn scrub_without_a_key_says_pseudonyms_are_stable_within_the_run_only() {
    let (run, _dir) = run_keeping(
        &[("kv.jsonl", CLEAN)],
        &["scrub", "kv.jsonl", "-o", "out.jsonl"],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn scrub_refuses_a_short_key() {
    let (run, dir) = run_keeping(
        &[("kv.jsonl", CLEAN), ("key", "short\n")],
        &["scrub", "kv.jsonl", "-o", "out.jsonl", "--key-file", "key"],
    );
    assert_eq!(run.code, Some(1));
    assert!(!dir.path().join("out.jsonl").exists());
    insta::assert_snapshot!(run);
}

#[test]
fn scrub_leaves_out_unreadable_lines_and_fails() {
    let (run, dir) = run_keeping(
        &[("kv.jsonl", &corrupt()), ("key", KEY)],
        &["scrub", "kv.jsonl", "-o", "out.jsonl", "--key-file", "key"],
    );
    assert_eq!(run.code, Some(1));
    let out = std::fs::read_to_string(dir.path().join("out.jsonl")).expect("written");
    assert_eq!(out.lines().count(), 12, "header, 10 readable events, end");
    insta::assert_snapshot!(run);
}

#[test]
fn scrub_keeps_a_cut_short_transcript_cut_short() {
    let (run, dir) = run_keeping(
        &[("kv.jsonl", &torn()), ("key", KEY)],
        &["scrub", "kv.jsonl", "-o", "out.jsonl", "--key-file", "key"],
    );
    assert_eq!(run.code, Some(0), "{run}");
    let out = std::fs::read_to_string(dir.path().join("out.jsonl")).expect("written");
    assert!(!out.contains(r#""kind":"end""#), "no end line is invented");
    assert_eq!(out.lines().count(), 10);
}

#[test]
fn scrub_writes_stdout_for_dash() {
    let run = run_with_stdin(
        &[("key", KEY)],
        &["scrub", "-", "-o", "-", "--key-file", "key"],
        LEAKY,
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert_nothing_planted(&run.stdout);
    assert!(run.stdout.starts_with(r#"{"reprise":1,"kind":"header""#));
    assert!(
        run.stderr
            .contains("scrubbed 7 events from <stdin> into <stdout>"),
        "{run}"
    );
}

#[test]
fn scrub_help_describes_the_command() {
    let run = run(&[], &["scrub", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn verify_checks_the_custom_rules_of_a_rules_file_too() {
    let rules = "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9]{6}\"\n";
    let transcript = CLEAN.replace(r#""msg":"put a""#, r#""msg":"see TCK-123456""#);
    let run = run(
        &[("kv.jsonl", &transcript), ("rules.toml", rules)],
        &["verify", "kv.jsonl", "--rules", "rules.toml"],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn verify_help_describes_the_command() {
    let run = run(&[], &["verify", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn verify_summary_counts_per_rule_and_path_never_the_value() {
    let run = run(
        &[("shop.jsonl", LEAKY)],
        &["verify", "--summary", "shop.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    assert_nothing_planted(&run.stdout);
    assert!(!run.stdout.contains("seq "), "no finding one by one: {run}");
    insta::assert_snapshot!(run);
}

#[test]
fn verify_json_lists_findings_counts_and_verdict_never_the_value() {
    let run = run(
        &[("shop.jsonl", LEAKY)],
        &["verify", "--json", "shop.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    assert_nothing_planted(&run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["verdict"], "sensitive");
    assert_eq!(json["passed"], false);
    assert_eq!(json["sensitive"], 13);
    assert_eq!(json["rules"]["email"], 7);
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(13));
    assert_eq!(
        json["findings"][0],
        serde_json::json!({"seq": null, "path": "$.meta.operator", "rule": "email"})
    );
    insta::assert_snapshot!(run);
}

#[test]
fn verify_json_summary_leaves_the_findings_out() {
    let run = run(
        &[("shop.jsonl", LEAKY)],
        &["verify", "--json", "--summary", "shop.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert!(json.get("findings").is_none(), "{run}");
    assert_eq!(json["paths"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["sensitive"], 13);
}

#[test]
fn verify_json_passes_a_transcript_with_nothing_sensitive() {
    let run = run(&[("kv.jsonl", CLEAN)], &["verify", "--json", "kv.jsonl"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn verify_json_and_summary_wait_for_the_end_line_s_report() {
    for end_report in [true, false] {
        let text = recorded_scrubbed(end_report);
        let json = run(&[("rec.jsonl", &text)], &["verify", "--json", "rec.jsonl"]);
        assert_eq!(json.code, Some(1), "{json}");
        let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
        let summary = run(
            &[("rec.jsonl", &text)],
            &["verify", "--summary", "rec.jsonl"],
        );
        assert_eq!(summary.code, Some(1), "{summary}");
        if end_report {
            // The card at $.args.card is a pseudonym the end line lists.
            assert_eq!(doc["sensitive"], 1, "{json}");
            assert_eq!(
                doc["findings"],
                serde_json::json!([{"seq": 0, "path": "$.args.note", "rule": "card"}])
            );
            assert!(!summary.stdout.contains("$.args.card"), "{summary}");
        } else {
            assert_eq!(doc["sensitive"], 2, "{json}");
            assert_eq!(doc["paths"][0]["path"], "$.args.card", "{json}");
            assert!(summary.stdout.contains("$.args.card"), "{summary}");
        }
    }
}

#[test]
fn verify_json_says_unreadable_lines_were_not_checked() {
    let run = run(
        &[("corrupt.jsonl", &corrupt())],
        &["verify", "--json", "corrupt.jsonl"],
    );
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["verdict"], "unreadable");
    assert_eq!(json["bad_lines"]["count"], 3);
}

#[test]
fn scrub_json_reports_what_was_scrubbed_for_tools() {
    let (run, dir) = run_keeping(
        &[("shop.jsonl", LEAKY), ("key", KEY)],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
            "--json",
        ],
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert_nothing_planted(&run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["events"], 7);
    assert_eq!(json["report"]["total"], 13);
    assert_eq!(json["ending"]["status"], "clean");
    // The report is the one written into the output's header.
    let safe = std::fs::read_to_string(dir.path().join("safe.jsonl")).expect("output written");
    let header: serde_json::Value =
        serde_json::from_str(safe.lines().next().expect("a header")).expect("JSON");
    assert_eq!(json["report"], header["sanitizer"]);
    insta::assert_snapshot!(run);
}

#[test]
fn scrub_json_with_the_transcript_on_stdout_is_a_usage_error() {
    let run = run(
        &[("shop.jsonl", LEAKY), ("key", KEY)],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "-",
            "--key-file",
            "key",
            "--json",
        ],
    );
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "", "not a byte of the transcript");
    insta::assert_snapshot!(run);
}

/// A rules file that is not TOML, or whose rules do not compile, stops
/// `reprise scrub` before it writes a byte: no output, no temporary file
/// left beside it, nothing on stdout.
#[test]
fn scrub_with_a_rules_file_that_does_not_parse_writes_not_a_byte() {
    let not_toml = "[[rule]\nname = \"ticket\"\n";
    let bad_regex = "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9\"\n";
    for rules in [not_toml, bad_regex] {
        for output in ["safe.jsonl", "-"] {
            let (run, dir) = run_keeping(
                &[("shop.jsonl", LEAKY), ("key", KEY), ("rules.toml", rules)],
                &[
                    "scrub",
                    "shop.jsonl",
                    "-o",
                    output,
                    "--key-file",
                    "key",
                    "--rules",
                    "rules.toml",
                ],
            );
            assert_eq!(run.code, Some(1), "{run}");
            assert_eq!(run.stdout, "", "{run}");
            assert!(run.stderr.starts_with("error: rules.toml: line "), "{run}");
            let mut files: Vec<String> = std::fs::read_dir(dir.path())
                .expect("the directory")
                .map(|e| {
                    e.expect("an entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            files.sort();
            assert_eq!(files, ["key", "rules.toml", "shop.jsonl"], "{run}");
        }
    }
}
