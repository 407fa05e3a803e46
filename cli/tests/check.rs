//! End-to-end tests of `reprise check` and `reprise train`: each runs the
//! real built binary on transcripts and expectation files written into a
//! temporary directory, with relative paths, and snapshots what a person
//! would see (exit code, stdout, stderr).

mod common;

use common::{dir_with, run, run_env, run_in};

/// A small transcript: two slow-ish appends to storage, a network send and
/// two queue-depth probes.
const KV: &str = r#"{"reprise":1,"kind":"header","component":"kv-node","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{},"sanitizer":null}
{"kind":"call","seq":0,"dir":"out","port":"storage","method":"append","args":{"entry":"a"},"at_ns":0}
{"kind":"return","seq":1,"call":0,"ok":null,"at_ns":150000000}
{"kind":"probe","seq":2,"name":"queue.depth","fields":{"len":12},"at_ns":150000000}
{"kind":"call","seq":3,"dir":"out","port":"storage","method":"append","args":{"entry":"b"},"at_ns":200000000}
{"kind":"return","seq":4,"call":3,"ok":null,"at_ns":260000000}
{"kind":"call","seq":5,"dir":"out","port":"network","method":"send","args":{"to":2},"at_ns":300000000}
{"kind":"return","seq":6,"call":5,"err":"connection reset","at_ns":301000000}
{"kind":"probe","seq":7,"name":"queue.depth","fields":{"len":3},"at_ns":310000000}
{"kind":"end","events":8,"dropped":0}
"#;

/// Expectations for [`KV`] under two profiles: `unit` is strict (the 150 ms
/// append fails, a network error fails), `stress` only warns.
const EXPECTATIONS: &str = r#"# Expectations of the kv node.
[profiles.unit]
"storage.append.latency" = { kind = "call_latency", port = "storage", method = "append", warn_after = "50ms", fail_after = "100ms" }
"queue.depth.len.bounds" = { kind = "probe_bounds", probe = "queue.depth", field = "len", within = [0, 100] }

[profiles.stress]
"storage.append.latency" = { kind = "call_latency", port = "storage", method = "append", warn_after = "100ms", fail_after = "1s" }
"queue.depth.len.bounds" = { kind = "probe_bounds", probe = "queue.depth", field = "len", within = [0, 10], severity = "warn" }

[profiles.relaxed]
"storage.append.latency" = { kind = "call_latency", port = "storage", method = "append", fail_after = "1s" }
"#;

#[test]
fn check_passes_a_transcript_within_its_expectations() {
    let run = run(
        &[("kv.jsonl", KV), ("expectations.toml", EXPECTATIONS)],
        &[
            "check",
            "kv.jsonl",
            "--expectations",
            "expectations.toml",
            "--profile",
            "relaxed",
        ],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn check_fails_a_transcript_with_a_failed_expectation() {
    let run = run(
        &[("kv.jsonl", KV), ("expectations.toml", EXPECTATIONS)],
        &[
            "check",
            "kv.jsonl",
            "--expectations",
            "expectations.toml",
            "--profile",
            "unit",
        ],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn check_json_reports_for_tools() {
    let run = run(
        &[("kv.jsonl", KV), ("expectations.toml", EXPECTATIONS)],
        &[
            "check",
            "kv.jsonl",
            "--expectations",
            "expectations.toml",
            "--profile",
            "unit",
            "--json",
        ],
    );
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["passed"], false);
    assert_eq!(json["failures"], 1);
    assert_eq!(json["findings"][0]["expectation"], "storage.append.latency");
    insta::assert_snapshot!(run);
}

#[test]
fn check_gives_two_verdicts_under_two_profiles_without_recompiling() {
    let dir = dir_with(&[("kv.jsonl", KV), ("expectations.toml", EXPECTATIONS)]);
    let args = ["check", "kv.jsonl", "--expectations", "expectations.toml"];
    let unit = run_env(dir.path(), &args, &[("REPRISE_PROFILE", "unit")]);
    let stress = run_env(dir.path(), &args, &[("REPRISE_PROFILE", "stress")]);
    // `--profile` wins over the environment.
    let chosen = run_env(
        dir.path(),
        &[&args[..], &["--profile", "stress"]].concat(),
        &[("REPRISE_PROFILE", "unit")],
    );
    assert_eq!((unit.code, stress.code), (Some(1), Some(0)));
    assert_eq!(chosen.stdout, stress.stdout);
    insta::assert_snapshot!(format!(
        "REPRISE_PROFILE=unit\n{unit}\nREPRISE_PROFILE=stress\n{stress}"
    ));
}

#[test]
fn check_asks_which_profile_when_the_file_has_several() {
    let run = run(
        &[("kv.jsonl", KV), ("expectations.toml", EXPECTATIONS)],
        &["check", "kv.jsonl", "--expectations", "expectations.toml"],
    );
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn check_refuses_a_bad_expectations_file_naming_its_line() {
    let bad = EXPECTATIONS.replace(
        r#"method = "append", fail_after = "1s""#,
        r#"method = "append", fail_after = "soon""#,
    );
    let run = run(
        &[("kv.jsonl", KV), ("expectations.toml", &bad)],
        &[
            "check",
            "kv.jsonl",
            "--expectations",
            "expectations.toml",
            "--profile",
            "relaxed",
        ],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.starts_with("error: expectations.toml:11: "),
        "{run}"
    );
    insta::assert_snapshot!(run);
}

#[test]
fn check_refuses_an_expectations_file_that_is_not_toml_naming_its_line() {
    let run = run(
        &[
            ("kv.jsonl", KV),
            ("expectations.toml", "[profiles.unit]\n\"x\" = {\n"),
        ],
        &["check", "kv.jsonl", "--expectations", "expectations.toml"],
    );
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn check_reports_an_unreadable_line_with_its_number_and_fails() {
    let bad = KV.replacen(r#""name":"queue.depth","#, "", 1);
    let run = run(
        &[("kv.jsonl", &bad), ("expectations.toml", EXPECTATIONS)],
        &[
            "check",
            "kv.jsonl",
            "--expectations",
            "expectations.toml",
            "--profile",
            "relaxed",
        ],
    );
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run);
}

#[test]
fn check_help_describes_the_command() {
    let run = run(&[], &["check", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

/// A recording of `storage.append` calls taking `latencies_us` (one every
/// 100 ms), a `network.send` after each, and a queue-depth probe.
fn recording(created: &str, latencies_us: &[u64]) -> String {
    let mut out = format!(
        r#"{{"reprise":1,"kind":"header","component":"kv-node","created":"{created}","recorder":"0.1.0","meta":{{"version":"1.4.2"}},"sanitizer":null}}"#
    );
    out.push('\n');
    let mut seq = 0;
    for (i, us) in latencies_us.iter().enumerate() {
        let at = i as u64 * 100_000_000;
        let back = at + us * 1000;
        let depth = i % 3 + 1;
        out += &format!(
            r#"{{"kind":"call","seq":{seq},"dir":"out","port":"storage","method":"append","args":{{"n":{i}}},"at_ns":{at}}}
{{"kind":"return","seq":{},"call":{seq},"ok":null,"at_ns":{back}}}
{{"kind":"call","seq":{},"dir":"out","port":"network","method":"send","args":{{"n":{i}}},"at_ns":{}}}
{{"kind":"return","seq":{},"call":{},"ok":null,"at_ns":{}}}
{{"kind":"probe","seq":{},"name":"queue.depth","fields":{{"len":{depth}}},"at_ns":{}}}
"#,
            seq + 1,
            seq + 2,
            back + 1000,
            seq + 3,
            seq + 2,
            back + 501_000,
            seq + 4,
            back + 600_000,
        );
        seq += 5;
    }
    out += &format!(r#"{{"kind":"end","events":{seq},"dropped":0}}"#);
    out.push('\n');
    out
}

/// Three recordings whose slowest append takes 4 ms.
fn training_set() -> Vec<(&'static str, String)> {
    vec![
        (
            "a.jsonl",
            recording("2026-11-20T09:00:00Z", &[2000, 3000, 2500, 4000]),
        ),
        (
            "b.jsonl",
            recording("2026-11-22T09:30:00Z", &[1800, 2200, 3100]),
        ),
        (
            "c.jsonl",
            recording("2026-11-21T14:00:00Z", &[2600, 3900, 2100, 2400]),
        ),
    ]
}

#[test]
fn train_writes_a_profile_from_recordings() {
    let set = training_set();
    let files: Vec<(&str, &str)> = set.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = dir_with(&files);
    let run = run_in(
        dir.path(),
        &[
            "train",
            "a.jsonl",
            "b.jsonl",
            "c.jsonl",
            "-o",
            "trained.toml",
        ],
    );
    assert_eq!(run.code, Some(0));
    let toml = std::fs::read_to_string(dir.path().join("trained.toml")).expect("written");
    // trained_at is the latest `created` of the recordings, not the clock.
    assert!(
        toml.contains("trained_at = \"2026-11-22T09:30:00Z\""),
        "{toml}"
    );
    insta::assert_snapshot!("train_summary", run);
    insta::assert_snapshot!("trained_toml", toml);

    // Training again writes the same file, byte for byte.
    let again = run_in(
        dir.path(),
        &["train", "c.jsonl", "a.jsonl", "b.jsonl", "-o", "again.toml"],
    );
    assert_eq!(again.code, Some(0));
    let again = std::fs::read_to_string(dir.path().join("again.toml")).expect("written");
    assert_eq!(again, toml);
}

#[test]
fn train_then_check_flags_exactly_the_call_five_times_slower_than_any_trained() {
    let set = training_set();
    // The third append takes 20 ms: 5x the slowest trained (4 ms).
    let slow = recording("2026-11-23T08:00:00Z", &[2000, 3000, 20_000, 2500]);
    let mut files: Vec<(&str, &str)> = set.iter().map(|(n, t)| (*n, t.as_str())).collect();
    files.push(("slow.jsonl", &slow));
    let dir = dir_with(&files);
    let trained = run_in(
        dir.path(),
        &[
            "train",
            "a.jsonl",
            "b.jsonl",
            "c.jsonl",
            "-o",
            "trained.toml",
            "--name",
            "nominal",
        ],
    );
    assert_eq!(trained.code, Some(0), "{trained}");
    // A recording that was trained on passes with no finding at all.
    let nominal = run_in(
        dir.path(),
        &[
            "check",
            "a.jsonl",
            "--expectations",
            "trained.toml",
            "--json",
        ],
    );
    assert_eq!(nominal.code, Some(0), "{nominal}");
    let json: serde_json::Value = serde_json::from_str(&nominal.stdout).expect("JSON");
    assert_eq!(json["clean"], true, "{nominal}");

    let run = run_in(
        dir.path(),
        &[
            "check",
            "slow.jsonl",
            "--expectations",
            "trained.toml",
            "--profile",
            "nominal",
        ],
    );
    assert_eq!(run.code, Some(1));
    let json = run_in(
        dir.path(),
        &[
            "check",
            "slow.jsonl",
            "--expectations",
            "trained.toml",
            "--json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{run}");
    assert_eq!(findings[0]["seq"], 10, "the third append is seq 10: {run}");
    assert_eq!(findings[0]["severity"], "fail");
    assert_eq!(findings[0]["expectation"], "storage.append.latency");
    insta::assert_snapshot!(run);
}

#[test]
fn train_refuses_an_unreadable_recording_naming_its_line_and_writes_nothing() {
    let bad = recording("2026-11-20T09:00:00Z", &[2000, 3000]).replacen(r#""seq":3,"#, "", 1);
    let dir = dir_with(&[("bad.jsonl", &bad)]);
    let run = run_in(dir.path(), &["train", "bad.jsonl", "-o", "trained.toml"]);
    assert_eq!(run.code, Some(1));
    assert!(!dir.path().join("trained.toml").exists());
    insta::assert_snapshot!(run);
}

#[test]
fn train_refuses_a_margin_below_one() {
    let run = run(
        &[],
        &["train", "a.jsonl", "-o", "t.toml", "--margin", "0.9"],
    );
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run);
}

#[test]
fn train_help_describes_the_command() {
    let run = run(&[], &["train", "--help"]);
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!(run);
}

#[test]
fn train_json_says_what_was_written_for_tools() {
    let set = training_set();
    let files: Vec<(&str, &str)> = set.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = dir_with(&files);
    let args = [
        "train",
        "a.jsonl",
        "b.jsonl",
        "c.jsonl",
        "-o",
        "trained.toml",
        "--json",
    ];
    let run = run_in(dir.path(), &args);
    assert_eq!(run.code, Some(0), "{run}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["output"], "trained.toml");
    assert_eq!(json["recordings"], 3);
    assert!(dir.path().join("trained.toml").exists());

    let to_stdout = run_in(dir.path(), &["train", "a.jsonl", "-o", "-", "--json"]);
    assert_eq!(to_stdout.code, Some(2), "{to_stdout}");
}
