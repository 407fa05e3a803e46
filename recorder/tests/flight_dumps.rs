//! Flight-recorder dumps of a recording with a sanitizer are transcripts
//! that `reprise verify` passes: every line in them was scrubbed, and their
//! `end` line carries the scrub report of what they hold, so the verifier
//! tells their pseudonyms (a pseudonymized card is a Luhn-valid card) from
//! leaks.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use reprise_expect::{Expectations, expect};
use reprise_recorder::{Action, Budget, MemorySink, Recorder, RecorderBuilder};
use reprise_sanitizer::{Finding, Key, Sanitizer, Verifier, pseudonymized_paths};
use reprise_transcript::{Ending, Event, Header, Reader};
use serde_json::{Value, json};

const CARD: &str = "4539 1488 0343 6467";
const EMAIL: &str = "alice.canary@corp-secret.com";

/// Polls `cond` until it holds or 10 s pass.
fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

fn builder() -> RecorderBuilder {
    let key = Key::from_bytes(b"flight dump test key, 32 bytes!!", "test").expect("a key");
    Recorder::builder("shop")
        .sanitizer(
            Sanitizer::builder()
                .pseudonym_key(key)
                .build()
                .expect("the default rules build"),
        )
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
}

/// A payment holding a card number and an email.
fn charge(recorder: &Recorder) {
    let payments = recorder.port("payments");
    let _: Value = payments.outbound(
        "charge",
        &json!({"card": CARD, "to": EMAIL, "amount": 25}),
        || json!({"status": "declined"}),
    );
}

/// A transcript read back.
struct Dump {
    text: String,
    header: Header,
    events: Vec<Event>,
    ending: Ending,
}

fn read(path: &Path) -> Dump {
    let text = std::fs::read_to_string(path).expect("the dump");
    let mut reader = Reader::new(text.as_bytes()).expect("a header");
    let events = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .expect("every line reads");
    Dump {
        header: reader.header().clone(),
        ending: reader.ending().expect("ended").clone(),
        events,
        text,
    }
}

/// What `reprise verify` reports: every finding, unless its path is one the
/// header's or the `end` line's report says was pseudonymized.
fn verify(dump: &Dump) -> Vec<Finding> {
    let mut accepted: BTreeSet<String> = pseudonymized_paths(dump.header.sanitizer.as_ref());
    accepted.extend(pseudonymized_paths(dump.ending.sanitizer()));
    leaks(dump, &accepted)
}

fn leaks(dump: &Dump, accepted: &BTreeSet<String>) -> Vec<Finding> {
    let verifier = Verifier::new().expect("the built-in rules");
    let mut findings = verifier.check_header(&dump.header, &BTreeSet::new());
    for event in &dump.events {
        findings.extend(verifier.check_event(event, &BTreeSet::new()));
    }
    findings.retain(|f| !f.pseudonymized_in(accepted));
    findings
}

/// The `end` report's count of `rule` at `path`.
fn count(ending: &Ending, path: &str, rule: &str) -> u64 {
    let report = ending.sanitizer().expect("the end line holds a report");
    report["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .filter(|e| e["path"] == path && e["rule"] == rule)
        .map(|e| e["count"].as_u64().expect("a count"))
        .sum()
}

/// The dump a failure writes (`Action::DumpFlightRecorder`) holds a card
/// number and an email, pseudonymized, and passes verify.
#[test]
fn a_sanitized_dump_on_failure_passes_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = builder()
        .expectations(
            Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")),
        )
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            Budget::default(),
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"owner": EMAIL}))
        .expect("start");
    charge(&recorder);
    recorder.probe("panic", &json!({"at": 3}));
    let path = dir.path().join("shop-seq3-no.panic.jsonl");
    assert!(eventually(|| path.exists()), "no dump");
    recorder.finish().expect("finish");

    let dump = read(&path);
    assert!(!dump.text.contains(EMAIL), "{}", dump.text);
    assert!(!dump.text.contains(&CARD.replace(' ', "")), "{}", dump.text);
    assert!(!dump.text.contains(CARD), "{}", dump.text);
    // The dump holds the payment, pseudonymized: its card still looks like
    // a card, which is what a report must explain.
    assert_eq!(dump.events.len(), 4, "{}", dump.text);
    assert!(
        !leaks(&dump, &pseudonymized_paths(dump.header.sanitizer.as_ref())).is_empty(),
        "without the end line's report the pseudonyms are taken for leaks"
    );
    let findings = verify(&dump);
    assert!(findings.is_empty(), "{findings:?}\n{}", dump.text);
    assert_eq!(count(&dump.ending, "$.args.card", "card"), 1);
    assert_eq!(count(&dump.ending, "$.args.to", "email"), 1);
    assert_eq!(count(&dump.ending, "$.state.owner", "email"), 1);
}

/// A dump's report is of what the dump holds, not of the whole recording:
/// what was scrubbed before its checkpoint, or pushed out by its byte bound,
/// is not in it.
#[test]
fn a_dump_reports_what_it_holds_not_the_whole_recording() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sink = MemorySink::new();
    let recorder = builder()
        .sink(sink.clone())
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("login", &json!({"who": EMAIL}));
    charge(&recorder);
    recorder.checkpoint(&json!({"n": 1}));
    charge(&recorder);
    charge(&recorder);
    let written = recorder
        .dump_flight_recorder(dir.path().join("dump.jsonl"))
        .expect("dump");
    recorder.finish().expect("finish");

    let dump = read(&written.path);
    assert_eq!(dump.events.len(), 5, "{}", dump.text);
    assert_eq!(count(&dump.ending, "$.args.card", "card"), 2);
    assert_eq!(count(&dump.ending, "$.args.to", "email"), 2);
    assert_eq!(count(&dump.ending, "$.fields.who", "email"), 0);
    assert_eq!(dump.ending.sanitizer().expect("a report")["total"], 4);
    // The header's report (the rules) is the recording's.
    let rules = &dump.header.sanitizer.as_ref().expect("rules")["rules"];
    assert!(
        rules
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["name"] == "card"))
    );
    let findings = verify(&dump);
    assert!(findings.is_empty(), "{findings:?}\n{}", dump.text);

    // The recording's own report counts everything.
    let whole = sink.contents();
    let mut reader = Reader::new(&whole[..]).expect("a header");
    assert_eq!(reader.by_ref().count(), 9);
    let ending = reader.ending().expect("ended");
    assert_eq!(count(ending, "$.args.card", "card"), 3);
    assert_eq!(count(ending, "$.fields.who", "email"), 1);
}

/// Without a sanitizer a dump's `end` line has no report, as a recording's.
#[test]
fn a_dump_without_a_sanitizer_has_no_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("shop")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("tick", &json!({"i": 1}));
    let written = recorder
        .dump_flight_recorder(dir.path().join("dump.jsonl"))
        .expect("dump");
    let dump = read(&written.path);
    assert_eq!(dump.ending.sanitizer(), None);
    assert!(
        dump.text
            .ends_with("{\"kind\":\"end\",\"events\":2,\"dropped\":0}\n")
    );
    recorder.finish().expect("finish");
}
