//! End-to-end tests of the test workflow's commands: `reprise diff`,
//! `reprise pending`, `reprise review` (answers on stdin; the terminal is
//! tested in `review_pty.rs`), `reprise accept` and `reprise reject`. Each
//! runs the real binary in a temporary folder with relative paths, and
//! snapshots what a person would see.

mod common;

use std::path::Path;

use common::{Run, dir_with, run, run_full, run_in};
use serde_json::{Value, json};

/// A recorded `put`: the storage append, the network send, its return.
const KV: &str = r#"{"reprise":1,"kind":"header","component":"kv-node","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{"version":"1.4.2"},"sanitizer":null}
{"kind":"state","seq":0,"label":"initial","state":{"keys":0}}
{"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a","value":"MQ=="},"at_ns":1200,"task":"main"}
{"kind":"call","seq":2,"dir":"out","port":"storage","method":"append","args":{"entry":"YT0x","view":0},"at_ns":1900,"parent":1,"task":"main"}
{"kind":"return","seq":3,"call":2,"ok":null,"at_ns":2400}
{"kind":"call","seq":4,"dir":"out","port":"network","method":"send","args":{"msg":"put a","to":2},"at_ns":2600,"parent":1,"task":"main"}
{"kind":"return","seq":5,"call":4,"ok":null,"at_ns":3100}
{"kind":"return","seq":6,"call":1,"ok":{"version":1},"at_ns":3500}
{"kind":"call","seq":7,"dir":"in","port":"api","method":"get","args":{"key":"a"},"at_ns":4000,"task":"main"}
{"kind":"return","seq":8,"call":7,"ok":"MQ==","at_ns":4100}
{"kind":"end","events":9,"dropped":0}
"#;

/// [`KV`] as a fixed node replays it: the append is in view 1, no send,
/// version 2; and every `at_ns` later.
fn kv_fixed() -> String {
    KV.replace(r#""view":0"#, r#""view":1"#)
        .replace(
            "{\"kind\":\"call\",\"seq\":4,\"dir\":\"out\",\"port\":\"network\",\"method\":\"send\",\"args\":{\"msg\":\"put a\",\"to\":2},\"at_ns\":2600,\"parent\":1,\"task\":\"main\"}\n{\"kind\":\"return\",\"seq\":5,\"call\":4,\"ok\":null,\"at_ns\":3100}\n",
            "",
        )
        .replace(r#""ok":{"version":1}"#, r#""ok":{"version":2}"#)
        .replace("\"at_ns\":1", "\"at_ns\":9")
        .replace(r#""events":9"#, r#""events":7"#)
}

/// Every line of `text` parsed.
fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `text` with line `i` (0 is the header) changed by `f`.
fn edit(text: &str, i: usize, f: impl FnOnce(&mut Value)) -> String {
    let mut all = lines(text);
    f(&mut all[i]);
    all.iter().map(|l| format!("{l}\n")).collect()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("a file")
}

// ---- diff ----

#[test]
fn diff_of_a_transcript_with_itself_is_equivalent() {
    let run = run(
        &[("a.jsonl", KV), ("b.jsonl", KV)],
        &["diff", "a.jsonl", "b.jsonl"],
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(run.stdout, "a.jsonl and b.jsonl are equivalent\n");
}

#[test]
fn diff_leaves_timing_out_and_names_the_first_difference() {
    let run = run(
        &[("kv.jsonl", KV), ("kv.jsonl.new", &kv_fixed())],
        &["diff", "kv.jsonl", "kv.jsonl.new"],
    );
    assert_eq!(run.code, Some(1), "{run}");
    insta::assert_snapshot!(run);
}

#[test]
fn diff_json_lists_differences_for_tools() {
    let run = run(
        &[("kv.jsonl", KV), ("kv.jsonl.new", &kv_fixed())],
        &["diff", "--json", "kv.jsonl", "kv.jsonl.new"],
    );
    assert_eq!(run.code, Some(1), "{run}");
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["equivalent"], false);
    assert_eq!(json["differences"][0]["kind"], "arguments_differ");
    assert_eq!(
        json["differences"][0]["paths"][0],
        json!({"path": "$.args.view", "a": 0, "b": 1})
    );
    insta::assert_snapshot!(run);
}

#[test]
fn diff_ignores_what_it_is_told_to_and_compares_noise_when_asked() {
    let only_view = KV.replace(r#""view":0"#, r#""view":7"#);
    let files = [("a.jsonl", KV), ("b.jsonl", only_view.as_str())];
    let run_ignoring = run(
        &files,
        &["diff", "--ignore", "$..view", "a.jsonl", "b.jsonl"],
    );
    assert_eq!(run_ignoring.code, Some(0), "{run_ignoring}");

    let later = KV.replace("\"at_ns\":1900", "\"at_ns\":1950");
    let files = [("a.jsonl", KV), ("b.jsonl", later.as_str())];
    assert_eq!(run(&files, &["diff", "a.jsonl", "b.jsonl"]).code, Some(0));
    let noisy = run(&files, &["diff", "--noise", "a.jsonl", "b.jsonl"]);
    assert_eq!(noisy.code, Some(1), "{noisy}");
    assert!(noisy.stdout.contains("at $.at_ns"), "{noisy}");
}

#[test]
fn diff_of_bad_input_exits_2_naming_the_file_and_line() {
    let bad_line = KV.replace(r#""seq":3,"call":2"#, r#""seq":3,"call":"secret-value""#);
    let dir = dir_with(&[
        ("kv.jsonl", KV),
        ("bad.jsonl", &bad_line),
        ("notes.txt", "hello\n"),
    ]);
    let mut runs = Vec::new();
    for args in [
        &["diff", "kv.jsonl", "bad.jsonl"][..],
        &["diff", "kv.jsonl", "notes.txt"],
        &["diff", "kv.jsonl", "missing.jsonl"],
        &["diff", "--ignore", "args.id", "kv.jsonl", "kv.jsonl"],
    ] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(!run.stderr.contains("secret-value"), "{run}");
        runs.push(format!("$ reprise {}\n{run}", args.join(" ")));
    }
    insta::assert_snapshot!(runs.join("\n"));
}

#[test]
fn diff_reads_one_side_from_stdin() {
    let run = common::run_with_stdin(&[("a.jsonl", KV)], &["diff", "a.jsonl", "-"], &kv_fixed());
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .starts_with("a.jsonl and <stdin> differ: 3 differences\n"),
        "{run}"
    );
    let both = run_in(dir_with(&[]).path(), &["diff", "-", "-"]);
    assert_eq!(both.code, Some(2), "{both}");
}

#[test]
fn diff_help_describes_the_command() {
    let run = run(&[], &["diff", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

// ---- pending ----

#[test]
fn pending_lists_updates_under_a_folder_skipping_target() {
    let dir = dir_with(&[]);
    for folder in ["tests/recordings/raft", "target/debug"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
    }
    for (name, text) in [
        ("tests/recordings/kv.jsonl", KV),
        ("tests/recordings/kv.jsonl.new", KV),
        ("tests/recordings/raft/leader.jsonl.new", KV),
        ("target/debug/kv.jsonl.new", KV),
    ] {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let run = run_in(dir.path(), &["pending"]);
    assert_eq!(run.code, Some(0), "{run}");
    let json = run_in(dir.path(), &["pending", "--json", "tests"]);
    assert_eq!(json.code, Some(0), "{json}");
    let empty = run_in(dir.path(), &["pending", "tests/recordings/raft/none"]);
    insta::assert_snapshot!(format!("{run}\n{json}\n{empty}"));
}

// ---- accept and reject ----

#[test]
fn accept_replaces_the_transcript_and_reject_removes_the_update() {
    let dir = dir_with(&[
        ("kv.jsonl", KV),
        ("kv.jsonl.new", &kv_fixed()),
        ("get.jsonl", KV),
        ("get.jsonl.new", &kv_fixed()),
    ]);
    let accepted = run_in(dir.path(), &["accept", "kv.jsonl"]);
    assert_eq!(accepted.code, Some(0), "{accepted}");
    assert_eq!(read(dir.path(), "kv.jsonl"), kv_fixed());
    assert!(!dir.path().join("kv.jsonl.new").exists());

    let rejected = run_in(dir.path(), &["reject", "--json"]);
    assert_eq!(rejected.code, Some(0), "{rejected}");
    assert_eq!(read(dir.path(), "get.jsonl"), KV);
    assert!(!dir.path().join("get.jsonl.new").exists());

    let nothing = run_in(dir.path(), &["accept", "kv.jsonl"]);
    assert_eq!(nothing.code, Some(1), "{nothing}");
    insta::assert_snapshot!(format!("{accepted}\n{rejected}\n{nothing}"));
}

/// A key file, and [`KV`] with an email in its `put`, scrubbed with it and
/// with a custom rule: what a user ships.
fn shipped(dir: &Path) -> String {
    let raw = KV
        .replace(r#""key":"a","value""#, r#""key":"alice@corp.com","value""#)
        .replace(
            r#""msg":"put a""#,
            r#""msg":"put alice@corp.com ref TCK-123456""#,
        );
    std::fs::write(dir.join("raw.jsonl"), raw).expect("write");
    let run = run_in(
        dir,
        &[
            "scrub",
            "raw.jsonl",
            "-o",
            "kv.jsonl",
            "--key-file",
            "key",
            "--rules",
            "rules.toml",
        ],
    );
    assert_eq!(run.code, Some(0), "{run}");
    std::fs::remove_file(dir.join("raw.jsonl")).expect("remove");
    read(dir, "kv.jsonl")
}

const RULES: &str = "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9]{6}\"\n";

#[test]
fn accepting_an_update_of_a_scrubbed_transcript_scrubs_it_the_same_way() {
    let dir = dir_with(&[
        ("key", "a test key, not secret at all\n"),
        ("rules.toml", RULES),
    ]);
    let shipped = shipped(dir.path());
    let email = lines(&shipped)[2]["args"]["key"]
        .as_str()
        .expect("a pseudonym")
        .to_owned();
    assert!(email.ends_with(".example"), "{email}");
    // The fixed node echoes the pseudonym it was fed, and logs a ticket and
    // a clear email the replay made up.
    let update = edit(&shipped, 5, |send| {
        send["args"]["msg"] = json!(format!("put {email} ref TCK-654321 by bob@corp.com"));
    });
    std::fs::write(dir.path().join("kv.jsonl.new"), &update).expect("write");

    let refused = run_in(dir.path(), &["accept", "kv.jsonl.new"]);
    assert_eq!(refused.code, Some(1), "{refused}");
    assert_eq!(read(dir.path(), "kv.jsonl"), shipped, "nothing written");

    let accepted = run_in(
        dir.path(),
        &["accept", "--rules", "rules.toml", "--key-file", "key"],
    );
    assert_eq!(accepted.code, Some(0), "{accepted}");
    let text = read(dir.path(), "kv.jsonl");
    for clear in ["TCK-654321", "bob@corp.com"] {
        assert!(!text.contains(clear), "{clear} in {text}");
    }
    assert_eq!(
        lines(&text)[2],
        lines(&shipped)[2],
        "the recorded inbound call is kept as shipped"
    );
    let verify = run_in(dir.path(), &["verify", "--rules", "rules.toml", "kv.jsonl"]);
    assert_eq!(verify.code, Some(0), "{verify}");
    insta::assert_snapshot!(format!("{refused}\n{accepted}"));
}

// ---- review, answers on stdin ----

#[test]
fn review_shows_each_update_and_does_what_it_is_told() {
    let dir = dir_with(&[
        ("a.jsonl", KV),
        ("a.jsonl.new", &kv_fixed()),
        ("b.jsonl", KV),
        ("b.jsonl.new", &kv_fixed()),
        ("c.jsonl", KV),
        ("c.jsonl.new", &kv_fixed()),
        ("new.jsonl.new", KV),
    ]);
    // An answer it does not know is asked again; the end of stdin skips
    // what is left.
    let run = run_full(dir.path(), &["review"], &[], "a\nx\nr\ns\n");
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(read(dir.path(), "a.jsonl"), kv_fixed());
    assert!(!dir.path().join("b.jsonl.new").exists() && read(dir.path(), "b.jsonl") == KV);
    assert!(dir.path().join("c.jsonl.new").exists() && dir.path().join("new.jsonl.new").exists());
    insta::assert_snapshot!(run);
}

#[test]
fn review_json_prints_the_decisions_for_tools() {
    let dir = dir_with(&[
        ("a.jsonl", KV),
        ("a.jsonl.new", &kv_fixed()),
        ("new.jsonl.new", KV),
    ]);
    let run = run_full(dir.path(), &["review", "--json"], &[], "s\na\n");
    assert_eq!(run.code, Some(0), "{run}");
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(
        json["outcomes"],
        json!([
            {"pending": "a.jsonl.new", "transcript": "a.jsonl", "decision": "skipped"},
            {"pending": "new.jsonl.new", "transcript": "new.jsonl", "decision": "accepted"},
        ])
    );
    assert!(
        run.stderr
            .contains("new transcript (there is no new.jsonl): 9 events, 2 inbound calls"),
        "{run}"
    );
    assert_eq!(read(dir.path(), "new.jsonl"), KV);
}

#[test]
fn review_help_describes_the_command() {
    let run: Run = run(&[], &["review", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}
