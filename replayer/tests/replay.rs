//! Replaying a small real component (a replicated key-value store) from
//! its transcript, and every kind of divergence it can show.

mod common;

use common::{KV, Variant, edit, kv_path, replay_kv, replay_text};
use reprise_replayer::{FindingKind, Matching, Replay};

/// The shape of a report in one line per finding: `seq kind paths`.
fn summary(report: &reprise_replayer::Report) -> Vec<String> {
    report
        .findings()
        .iter()
        .map(|f| {
            let seq = f.seq.map_or("-".to_owned(), |s| s.to_string());
            format!("{seq} {:?} {}", f.kind, f.paths.join(","))
        })
        .collect()
}

fn check(text: &str, variant: Variant, expected: &[&str]) -> reprise_replayer::Report {
    let report = replay_text(text, variant);
    assert_eq!(summary(&report), expected, "{}", report.to_text());
    report
}

#[test]
fn the_recorded_component_replays_clean_from_its_file() {
    let replay = Replay::from_file(kv_path()).expect("loads");
    assert!(!replay.is_cut_short());
    let report = replay_kv(&replay, Variant::Recorded);
    report.assert_clean();
    assert_eq!(report.counts(), (2, 4));
    insta::assert_snapshot!(report.to_text(), @"replay of `kv-node`: clean (2 inbound calls, 4 outbound calls)");
}

#[test]
fn one_edited_outbound_argument_is_exactly_one_divergence_at_its_seq() {
    let text = edit(6, r#""to":3"#, r#""to":4"#);
    let report = check(&text, Variant::Recorded, &["6 ArgumentsDiffer $.args.to"]);
    let finding = report.first().expect("a finding");
    assert_eq!(
        (finding.port.as_str(), finding.method.as_str()),
        ("network", "replicate")
    );
    insta::assert_snapshot!("arguments_differ_text", report.to_text());
    insta::assert_json_snapshot!("arguments_differ_json", report.to_json());
}

#[test]
fn a_changed_inbound_return_is_return_differs() {
    let text = edit(13, r#""ok":"x""#, r#""ok":"y""#);
    let report = check(&text, Variant::Recorded, &["10 ReturnDiffers $.ok"]);
    insta::assert_snapshot!("return_differs_text", report.to_text());
}

#[test]
fn an_ok_recorded_as_err_differs_at_both_fields() {
    let text = edit(13, r#""ok":"x""#, r#""err":"not found""#);
    check(&text, Variant::Recorded, &["10 ReturnDiffers $.err,$.ok"]);
}

#[test]
fn an_unexpected_call_names_the_closest_candidates() {
    let report = check(KV, Variant::Broadcasts, &["- UnexpectedCall $.method"]);
    let finding = report.first().expect("a finding");
    let candidates: Vec<String> = finding.candidates.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        candidates,
        [
            "#4 network.replicate (differs at $.method)",
            "#6 network.replicate (differs at $.method, $.args.to)",
            "#11 storage.read (differs at $.parent, $.port, $.method, $.args.to, $.args.value, $.args.version)",
        ]
    );
    insta::assert_snapshot!("unexpected_call_text", report.to_text());
}

#[test]
fn an_unexpected_call_stops_only_its_inbound_call() {
    let replay = Replay::builder()
        .stop_at_first(false)
        .from_str(KV)
        .expect("loads");
    let report = replay_kv(&replay, Variant::Broadcasts);
    // `put` stopped at its first broadcast; its other calls are passed over,
    // and `get` is still fed and replays clean.
    assert_eq!(summary(&report), ["- UnexpectedCall $.method"]);
    assert_eq!(report.counts(), (2, 2));
}

#[test]
fn a_call_never_made_is_a_missing_call() {
    let report = check(KV, Variant::SkipsLastPeer, &["6 MissingCall "]);
    insta::assert_snapshot!("missing_call_text", report.to_text());
}

#[test]
fn a_panic_in_the_component_is_caught_and_reported_at_its_event() {
    let report = check(KV, Variant::PanicsOnGet, &["10 Panic $.panic"]);
    let finding = report.first().expect("a finding");
    assert!(
        finding
            .message
            .contains("after its outbound call #11 storage.read"),
        "{}",
        finding.message
    );
    insta::assert_snapshot!("panic_text", report.to_text());
}

#[test]
fn a_recorded_return_of_the_wrong_type_is_a_divergence_not_a_panic() {
    let text = edit(3, r#""ok":1"#, r#""ok":"one""#);
    let report = check(&text, Variant::Recorded, &["2 ReturnDiffers $.ok"]);
    let message = &report.first().expect("a finding").message;
    assert!(
        message
            == "the recorded return of #2 storage.write cannot be read as `u64`: invalid type: a string, expected u64",
        "{message}"
    );
}

#[test]
fn ignore_rules_select_paths_inside_the_line() {
    let changed_ts = edit(4, r#""to":2"#, r#""to":2,"ts":99"#);
    check(
        &changed_ts,
        Variant::Recorded,
        &["4 ArgumentsDiffer $.args.ts"],
    );
    for rule in ["$.args.ts", "$..ts", "$.args"] {
        let replay = Replay::builder()
            .ignore(rule)
            .expect("rule")
            .from_str(&changed_ts)
            .expect("loads");
        replay_kv(&replay, Variant::Recorded).assert_clean();
    }
    let changed_return = edit(13, r#""ok":"x""#, r#""ok":"y""#);
    let replay = Replay::builder()
        .ignore("$.ok")
        .expect("rule")
        .from_str(&changed_return)
        .expect("loads");
    replay_kv(&replay, Variant::Recorded).assert_clean();
    // A rule on another path does not hide the difference.
    let replay = Replay::builder()
        .ignore("$.args.to")
        .expect("rule")
        .from_str(&changed_ts)
        .expect("loads");
    assert_eq!(
        summary(&replay_kv(&replay, Variant::Recorded)),
        ["4 ArgumentsDiffer $.args.ts"]
    );
}

#[test]
fn an_invalid_ignore_rule_is_an_error() {
    let err = Replay::builder().ignore("args.ts").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid ignore rule: invalid path selector `args.ts` at byte 0: a selector starts with `$`"
    );
}

#[test]
fn per_port_matching_accepts_interleaved_ports() {
    // Replicating before writing changes the interleaving of the ports, not
    // each port's order: a strict global order rejects it, per-port accepts.
    let report = check(
        KV,
        Variant::ReplicatesFirst,
        &["- UnexpectedCall $.port,$.method,$.args.to,$.args.version"],
    );
    assert_eq!(report.first().expect("finding").candidates[0].seq, 4);
    let replay = Replay::builder()
        .matching(Matching::PerPort)
        .from_str(KV)
        .expect("loads");
    replay_kv(&replay, Variant::ReplicatesFirst).assert_clean();
}

#[test]
fn stop_at_first_reports_one_collect_all_reports_every_divergence() {
    let text = edit(6, r#""to":3"#, r#""to":4"#);
    let text = text.replace(r#"{"seq":11,"kind":"call","dir":"out","port":"storage","method":"read","args":{"key":"a"}"#,
        r#"{"seq":11,"kind":"call","dir":"out","port":"storage","method":"read","args":{"key":"b"}"#);
    let first = replay_text(&text, Variant::Recorded);
    assert_eq!(summary(&first), ["6 ArgumentsDiffer $.args.to"]);
    assert_eq!(
        first.counts().0,
        1,
        "no inbound call is fed after the first divergence"
    );

    let replay = Replay::builder()
        .stop_at_first(false)
        .from_str(&text)
        .expect("loads");
    let all = replay_kv(&replay, Variant::Recorded);
    assert_eq!(
        summary(&all),
        [
            "6 ArgumentsDiffer $.args.to",
            "11 ArgumentsDiffer $.args.key"
        ]
    );
    insta::assert_snapshot!("collect_all_text", all.to_text());
}

#[test]
fn an_unknown_inbound_method_is_an_error_finding() {
    let text = KV.replace(r#""method":"get""#, r#""method":"scan""#);
    let report = check(&text, Variant::Recorded, &["10 Error "]);
    assert_eq!(
        report.first().expect("finding").message,
        "the driver's closure failed on inbound call #10 api.scan: inbound call seq 10: unknown method `api.scan`"
    );
}

#[test]
fn ports_used_by_hand_diverge_with_a_panic_outside_a_driver() {
    let replay = Replay::from_str(KV).expect("loads");
    let network = replay.port("network");
    let result = std::panic::catch_unwind(|| {
        let () = network.outbound("send", &serde_json::json!({}));
    });
    let payload = result.expect_err("an unexpected call outside a driver panics");
    let message = payload.downcast_ref::<String>().expect("a message");
    assert!(
        message.starts_with("reprise replay diverged:\nnetwork.send: unexpected call"),
        "{message}"
    );
    assert_eq!(
        replay.report().first().expect("finding").kind,
        FindingKind::UnexpectedCall
    );
}

/// Values a transcript may hold and no error message may print: the
/// transcript below puts them where the replay fails to deserialise.
const CANARIES: &[&str] = &["AKIAIOSFODNN7EXAMPLE", "AKIA", "alice@corp.com", "alice"];

const SECRETS: &str = r#"{"reprise":1,"kind":"header","component":"vault"}
{"seq":0,"kind":"state","label":"initial","state":{"owner":"alice@corp.com","key":"AKIAIOSFODNN7EXAMPLE"}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"AKIAIOSFODNN7EXAMPLE","owner":"alice@corp.com"}}
{"seq":2,"kind":"return","call":1,"ok":null}
{"seq":3,"kind":"call","dir":"in","port":"api","method":"get","args":{}}
{"seq":4,"kind":"call","dir":"out","port":"storage","method":"read","args":{"k":1}}
{"seq":5,"kind":"return","call":4,"ok":"AKIAIOSFODNN7EXAMPLE"}
{"seq":6,"kind":"return","call":3,"ok":null}
{"seq":7,"kind":"call","dir":"in","port":"api","method":"load","args":{}}
{"seq":8,"kind":"call","dir":"out","port":"storage","method":"read","args":{"k":2}}
{"seq":9,"kind":"return","call":8,"err":{"code":"alice@corp.com"}}
{"seq":10,"kind":"return","call":7,"ok":null}
{"seq":11,"kind":"call","dir":"in","port":"api","method":"mode","args":{"mode":"alice@corp.com"}}
{"seq":12,"kind":"return","call":11,"ok":null}
{"seq":13,"kind":"call","dir":"in","port":"api","method":"parse","args":{"raw":"\"AKIAIOSFODNN7EXAMPLE\""}}
{"seq":14,"kind":"return","call":13,"ok":null}
"#;

/// An error's `Display` and `Debug`, and those of every error in its chain.
fn everything_shown(err: &(dyn std::error::Error + 'static)) -> String {
    let mut shown = String::new();
    let mut next = Some(err);
    while let Some(err) = next {
        shown.push_str(&format!("{err}\n{err:?}\n"));
        next = err.source();
    }
    shown
}

fn assert_no_canary(shown: &str) {
    for canary in CANARIES {
        assert!(!shown.contains(canary), "{canary} printed in:\n{shown}");
    }
}

#[test]
fn replay_errors_never_print_a_payload_value() {
    use reprise_replayer::{Outcome, ReplayError};

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only its type matters")]
    struct Owner {
        owner: u64,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Read,
        Write,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only its type matters")]
    struct Code {
        code: u32,
    }

    let replay = Replay::builder()
        .stop_at_first(false)
        .from_str(SECRETS)
        .expect("loads");
    let mut errors: Vec<ReplayError> = Vec::new();

    // An initial state of the wrong shape.
    errors.push(replay.initial_state::<Owner>().expect_err("not a u64"));
    errors.push(
        replay
            .initial_state::<std::collections::HashMap<String, Mode>>()
            .expect_err("not a mode"),
    );

    let storage = replay.port("storage");
    let report = replay.drive(|call| match call.method() {
        // Arguments of the wrong type, one by one and all at once; the
        // last error is the driver's finding.
        "put" => {
            errors.push(call.arg::<u64>("owner").expect_err("not a u64"));
            errors.push(call.args_as::<Owner>().expect_err("not a u64"));
            Err(call.arg::<u64>("key").expect_err("not a u64"))
        }
        // A recorded return, and a recorded error, of the wrong type.
        "get" => {
            let _: u64 = storage.outbound("read", &serde_json::json!({"k": 1}));
            Ok(Outcome::ok(&())?)
        }
        "load" => {
            let read: Result<u64, Code> =
                storage.outbound_result("read", &serde_json::json!({"k": 2}));
            Ok(Outcome::ok(&read.is_ok())?)
        }
        // An unknown variant.
        "mode" => Err(call.arg::<Mode>("mode").expect_err("no such mode")),
        // A serde_json error of the driver's closure, through `?`.
        "parse" => {
            let raw: String = call.arg("raw")?;
            let err = serde_json::from_str::<u64>(&raw).expect_err("not a u64");
            errors.push(ReplayError::from(err));
            let n: u64 = serde_json::from_str(&raw)?;
            Ok(Outcome::ok(&n)?)
        }
        _ => Err(ReplayError::unknown_method(call)),
    });

    assert_eq!(errors.len(), 5);
    for err in &errors {
        assert_no_canary(&everything_shown(err));
    }
    // Still precise: what was found (its type) and what was expected.
    assert_eq!(
        errors[0].to_string(),
        "<string>: the initial state (seq 0) cannot be read as `replay::replay_errors_never_print_a_payload_value::Owner`: invalid type: a string, expected u64"
    );
    assert_eq!(
        errors[3].to_string(),
        "inbound call seq 1 `put`: argument $: cannot be read as `replay::replay_errors_never_print_a_payload_value::Owner`: invalid type: a string, expected u64"
    );

    let messages: Vec<(String, &str)> = report
        .findings()
        .iter()
        .map(|f| (summary_of(f), f.message.as_str()))
        .collect();
    assert_eq!(
        messages.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        [
            "1 Error",
            "4 ReturnDiffers",
            "8 ReturnDiffers",
            "11 Error",
            "13 Error"
        ],
        "{}",
        report.to_text()
    );
    for (_, message) in &messages {
        assert_no_canary(message);
    }
    assert_eq!(
        messages[1].1,
        "the recorded return of #4 storage.read cannot be read as `u64`: invalid type: a string, expected u64"
    );
    assert!(
        messages[3].1.ends_with(
            "argument mode: cannot be read as `replay::replay_errors_never_print_a_payload_value::Mode`: unknown variant, expected `read` or `write`"
        ),
        "{}",
        messages[3].1
    );
    assert!(
        messages[4].1.ends_with(
            "JSON conversion failed: invalid type: a string, expected u64 at line 1 column 22"
        ),
        "{}",
        messages[4].1
    );
}

fn summary_of(f: &reprise_replayer::Finding) -> String {
    format!(
        "{} {:?}",
        f.seq.map_or("-".to_owned(), |s| s.to_string()),
        f.kind
    )
}
