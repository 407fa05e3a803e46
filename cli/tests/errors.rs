//! An error about a transcript never prints a payload value: every command
//! that reads a transcript, given malformed lines that hold canary secrets
//! (wrong types, unknown variants, invalid values), reports each line with
//! its number, column, what was wrong and what was expected, and never the
//! value itself, on stdout or stderr.

mod common;

use common::{Run, dir_with, run_in};

const EMAIL: &str = "bob.canary@corp-secret.com";
const AKIA: &str = "AKIAIOSFODNN7CANARY0";
const CARD: &str = "4111111111111111";
const TOKEN: &str = "ghp_Zk3xQ9vB7nT2mL5pR8wY4cD1fH6jK0sA2eG7";
const OTHER_EMAIL: &str = "carol.canary@corp-secret.com";
const AMOUNT: &str = "4539148803436467";

/// Every canary, as it must never be printed.
const CANARIES: &[&str] = &[EMAIL, AKIA, CARD, TOKEN, OTHER_EMAIL, AMOUNT];

/// A transcript whose good lines hold nothing sensitive and whose malformed
/// lines each hold a canary where the format expects something else.
fn malformed() -> String {
    let lines = [
        r#"{"reprise":1,"kind":"header","component":"shop","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{},"sanitizer":null}"#.to_owned(),
        r#"{"kind":"state","seq":0,"label":"initial","state":{"n":0}}"#.to_owned(),
        // A string where a number is expected.
        format!(r#"{{"kind":"call","seq":"{AKIA}","dir":"in","port":"api","method":"get","args":{{}},"at_ns":1}}"#),
        // An unknown variant.
        format!(r#"{{"kind":"call","seq":2,"dir":"{EMAIL}","port":"api","method":"get","args":{{}},"at_ns":1}}"#),
        // An unknown variant holding backticks, quotes and a fake `expected`.
        format!(r#"{{"kind":"x`, expected `in` or \"{TOKEN}\"","seq":3}}"#),
        // A number where a string is expected.
        format!(r#"{{"kind":"probe","seq":4,"name":{CARD},"fields":{{}},"at_ns":4}}"#),
        // An invalid value: a negative number for an unsigned one.
        format!(r#"{{"kind":"probe","seq":5,"name":"p","fields":{{}},"at_ns":-{AMOUNT}}}"#),
        // A string where an object is expected, and a line that is only a string.
        format!(r#"{{"kind":"probe","seq":6,"name":"p","fields":{{}},"meta":"{OTHER_EMAIL}","at_ns":6}}"#),
        format!(r#""{EMAIL}""#),
        // A number too large, and a float, where an integer is expected.
        format!(r#"{{"kind":"return","seq":7,"call":{CARD}0000000000,"ok":null,"at_ns":7}}"#),
        format!(r#"{{"kind":"return","seq":8,"call":{AMOUNT}.5,"ok":null,"at_ns":8}}"#),
        r#"{"kind":"probe","seq":9,"name":"tick","fields":{"n":1},"at_ns":9}"#.to_owned(),
        r#"{"kind":"end","events":2,"dropped":0}"#.to_owned(),
    ];
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// A fixed pseudonym key.
const KEY: &str = "a test key, not secret at all\n";

/// Expectations `reprise check` can apply to [`malformed`].
const EXPECTATIONS: &str = "[profiles.default]\n\"tick\" = { kind = \"probe_bounds\", probe = \"tick\", field = \"n\", within = [0, 10] }\n";

#[track_caller]
fn assert_no_canary(run: &Run, what: &str) {
    for canary in CANARIES {
        assert!(
            !run.stdout.contains(canary) && !run.stderr.contains(canary),
            "{what}: `{canary}` printed:\n{run}"
        );
    }
}

#[test]
fn errors_never_print_a_payload_value() {
    let dir = dir_with(&[
        ("shop.jsonl", &malformed()),
        ("key", KEY),
        ("expectations.toml", EXPECTATIONS),
    ]);
    let commands: &[&[&str]] = &[
        &["verify", "shop.jsonl"],
        &["verify", "--summary", "shop.jsonl"],
        &["verify", "--json", "shop.jsonl"],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
        ],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
            "--json",
        ],
        &["scrub", "shop.jsonl", "-o", "-", "--key-file", "key"],
        &["inspect", "shop.jsonl"],
        &["inspect", "--json", "shop.jsonl"],
        &["inspect", "--pretty", "shop.jsonl"],
        &["check", "shop.jsonl", "--expectations", "expectations.toml"],
        &[
            "check",
            "shop.jsonl",
            "--expectations",
            "expectations.toml",
            "--json",
        ],
        &["train", "shop.jsonl", "-o", "profile.toml"],
    ];
    for args in commands {
        let run = run_in(dir.path(), args);
        let what = args.join(" ");
        assert_eq!(run.code, Some(1), "{what}: the bad lines fail it\n{run}");
        assert!(run.stderr.contains("line 3, column"), "{what}:\n{run}");
        assert_no_canary(&run, &what);
    }
    let scrubbed = std::fs::read_to_string(dir.path().join("safe.jsonl")).expect("scrubbed");
    assert!(CANARIES.iter().all(|c| !scrubbed.contains(c)), "{scrubbed}");

    // What the errors say instead: the category, line, column and what was
    // expected.
    let run = run_in(dir.path(), &["verify", "shop.jsonl"]);
    insta::assert_snapshot!(run);
}

#[test]
fn an_error_in_the_header_line_never_prints_its_value() {
    let header = format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"shop\",\"meta\":\"{EMAIL}\"}}\n"
    );
    let dir = dir_with(&[("shop.jsonl", &header), ("key", KEY)]);
    for args in [
        &["verify", "shop.jsonl"][..],
        &["inspect", "shop.jsonl"],
        &[
            "scrub",
            "shop.jsonl",
            "-o",
            "safe.jsonl",
            "--key-file",
            "key",
        ],
    ] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, Some(1), "{run}");
        assert_no_canary(&run, &args.join(" "));
        assert_eq!(
            run.stderr,
            "error: shop.jsonl: line 1: not a reprise transcript: the first line is not a header: \
             invalid type: a string, expected a map at line 1 column 83\n",
            "{run}"
        );
    }
}

#[test]
fn the_workflow_commands_never_print_a_value_from_a_bad_transcript() {
    let good = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"shop\",\"created\":\"2026-11-22T10:00:00Z\",\"recorder\":\"0.1.0\",\"meta\":{},\"sanitizer\":null}\n";
    let dir = dir_with(&[("shop.jsonl", good), ("shop.jsonl.new", &malformed())]);
    for (args, code) in [
        (&["diff", "shop.jsonl", "shop.jsonl.new"][..], 2),
        (&["diff", "--json", "shop.jsonl.new", "shop.jsonl"], 2),
        (&["accept", "shop.jsonl"], 1),
        (&["accept", "--json", "shop.jsonl"], 1),
    ] {
        let run = run_in(dir.path(), args);
        let what = args.join(" ");
        assert_eq!(run.code, Some(code), "{what}:\n{run}");
        assert!(
            run.stderr.contains("line 3, column") || run.stdout.contains("line 3, column"),
            "{what}:\n{run}"
        );
        assert_no_canary(&run, &what);
    }
    // Review shows the error in place of the diff, and accepting it fails.
    let run = common::run_full(dir.path(), &["review"], &[], "a\n");
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.contains("error: shop.jsonl.new: line 3, column"),
        "{run}"
    );
    assert_no_canary(&run, "review");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("shop.jsonl")).expect("read"),
        good
    );
}
