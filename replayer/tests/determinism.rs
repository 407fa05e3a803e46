//! The determinism check: two replays of one transcript, and the first
//! thing the component did differently.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use common::{KV, Variant, kv_path, replay_kv};
use reprise_replayer::{FindingKind, Outcome, Replay, ReplayError, check_determinism};
use serde_json::json;

#[test]
fn a_deterministic_component_is_clean() {
    let report = check_determinism(kv_path(), |replay| replay_kv(replay, Variant::Recorded));
    report.assert_clean();
    assert_eq!(
        report.notes(),
        [
            "the determinism check compared what the component did in 2 replays with each other and with the recording (6 actions each)"
        ]
    );
}

#[test]
fn an_unrecorded_counter_is_caught_at_the_first_call_it_changes() {
    static NONCE: AtomicU64 = AtomicU64::new(0);
    // The store stamps each write with a process-wide counter it does not
    // read through a port.
    let replay = Replay::from_str(&KV.replace(
        r#""args":{"key":"a","value":"x"},"at_ns":1100"#,
        r#""args":{"key":"a","value":"x","nonce":1},"at_ns":1100"#,
    ))
    .expect("loads");
    let report = check_determinism(&replay, |replay| {
        let storage = replay.port("storage");
        replay.drive(|call| {
            let key: &str = call.arg("key")?;
            match call.method() {
                "put" => {
                    let nonce = NONCE.fetch_add(1, Ordering::SeqCst);
                    let version: Result<u64, String> = storage.outbound_result(
                        "write",
                        &json!({"key": key, "value": call.arg::<&str>("value")?, "nonce": nonce}),
                    );
                    Ok(Outcome::from_result(&version)?)
                }
                _ => Err(ReplayError::unknown_method(call)),
            }
        })
    });
    let finding = report.first().expect("a finding");
    assert_eq!(
        (finding.kind, finding.seq),
        (FindingKind::Nondeterministic, Some(2))
    );
    assert_eq!(finding.paths, ["$.args.nonce"]);
    // The counter's values depend on the other tests of this binary: check
    // the shape, not the numbers.
    let first = finding.expected.as_ref().expect("first run")["args"]["nonce"]
        .as_u64()
        .expect("nonce");
    let second = finding.actual.as_ref().expect("second run")["args"]["nonce"]
        .as_u64()
        .expect("nonce");
    assert_eq!(second, first + 1);
    assert!(finding.message.starts_with(
        "replays 1 and 2 differ here: in replay 1, the component called storage.write with"
    ));
}

#[test]
fn hash_map_iteration_order_is_caught() {
    // A flush writes every buffered key; the recording wrote them in the
    // order its HashMap happened to iterate.
    let keys: Vec<String> = (0..24).map(|i| format!("k{i:02}")).collect();
    let mut text = String::from("{\"reprise\":1,\"kind\":\"header\",\"component\":\"buffer\"}\n");
    text.push_str("{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"flush\",\"args\":{}}\n");
    let mut seq = 1;
    for key in &keys {
        text.push_str(&format!(
            "{{\"seq\":{seq},\"kind\":\"call\",\"dir\":\"out\",\"port\":\"storage\",\"method\":\"write\",\"args\":{{\"key\":\"{key}\"}}}}\n{{\"seq\":{},\"kind\":\"return\",\"call\":{seq},\"ok\":null}}\n",
            seq + 1
        ));
        seq += 2;
    }
    text.push_str(&format!(
        "{{\"seq\":{seq},\"kind\":\"return\",\"call\":0,\"ok\":null}}\n"
    ));
    let replay = Replay::builder()
        .stop_at_first(false)
        .from_str(&text)
        .expect("loads");
    let report = check_determinism(&replay, |replay| {
        let storage = replay.port("storage");
        let buffer: HashMap<&str, ()> = keys.iter().map(|k| (k.as_str(), ())).collect();
        replay.drive(|_| {
            for key in buffer.keys() {
                let () = storage.outbound("write", &json!({"key": key}));
            }
            Ok(Outcome::ok(&())?)
        })
    });
    let finding = report.first().expect("a finding");
    assert_eq!(finding.kind, FindingKind::Nondeterministic, "{report}");
    assert_eq!(finding.paths, ["$.args.key"]);
}

#[test]
fn ignore_rules_apply_to_the_comparison() {
    static CLOCK: AtomicU64 = AtomicU64::new(0);
    let replay = Replay::builder()
        .ignore("$.ok.at")
        .expect("rule")
        .from_str(
            r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"ping","args":{}}
{"seq":1,"kind":"return","call":0,"ok":{"pong":true,"at":0}}
"#,
        )
        .expect("loads");
    let report = check_determinism(&replay, |replay| {
        replay.drive(|_| {
            Ok(Outcome::ok(
                &json!({"pong": true, "at": CLOCK.fetch_add(1, Ordering::SeqCst)}),
            )?)
        })
    });
    report.assert_clean();
}

#[test]
fn the_report_text_says_what_to_wrap() {
    // Used by this test only, so the numbers in the snapshot are stable.
    static COUNT: AtomicU64 = AtomicU64::new(40);
    let replay = Replay::from_str(
        r#"{"reprise":1,"kind":"header","component":"ids"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"next_id","args":{}}
{"seq":1,"kind":"return","call":0,"ok":40}
"#,
    )
    .expect("loads");
    let report = check_determinism(&replay, |replay| {
        replay.drive(|_| Ok(Outcome::ok(&COUNT.fetch_add(1, Ordering::SeqCst))?))
    });
    insta::assert_snapshot!(report.to_text());
}

#[test]
fn a_transcript_that_does_not_load_is_an_error_finding() {
    let report = check_determinism(std::path::PathBuf::from("no/such.jsonl"), |replay| {
        replay.finish()
    });
    let finding = report.first().expect("a finding");
    assert_eq!(finding.kind, FindingKind::Error);
    assert!(finding.message.starts_with(
        "the determinism check could not load the transcript: no/such.jsonl: cannot open transcript"
    ));
}

/// Issue 10, case 7: two runs of a component that draws from a source with
/// few outcomes can agree with each other; every run is also compared with
/// the recording, so the draw is caught all the same, with its seq and the
/// events up to it.
#[test]
fn regression_runs_that_agree_with_each_other_but_not_with_the_recording_are_caught() {
    use reprise_replayer::check_determinism_runs;
    let text = r#"{"reprise":1,"kind":"header","component":"dice"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"roll","args":{}}
{"seq":1,"kind":"call","dir":"out","port":"net","method":"send","args":{"face":3}}
{"seq":2,"kind":"return","call":1,"ok":null}
{"seq":3,"kind":"return","call":0,"ok":null}
"#;
    let replay = Replay::from_str(text).expect("loads");
    // Every run rolls a 5: the runs agree, the recording rolled a 3.
    for runs in [1, 2, 5] {
        let report = check_determinism_runs(&replay, runs, |replay| {
            let net = replay.port("net");
            replay.drive(|_| {
                let () = net.outbound("send", &json!({"face": 5}));
                Ok(Outcome::ok(&())?)
            })
        });
        let finding = report.first().expect("caught");
        assert_eq!(
            (finding.kind, finding.seq),
            (FindingKind::Nondeterministic, Some(1)),
            "{runs} runs"
        );
        assert!(
            finding.message.starts_with("replay 1 of "),
            "{}",
            finding.message
        );
        assert_eq!(
            finding.context,
            [
                "#0 call in api.roll {}",
                "#1 call out net.send {\"face\":3}"
            ]
        );
    }
}
