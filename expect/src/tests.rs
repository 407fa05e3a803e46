//! Every kind, passing and failing, through one `check` helper; deadlines;
//! profiles; the report's snapshot.

use reprise_transcript::{Call, Direction, Event};
use serde_json::{Value, json};

use crate::expect::{self, ms, secs};
use crate::{Expectation, Expectations, Profiles, Report};

/// A transcript from terse event lines.
fn transcript(events: &[Value]) -> String {
    let mut text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"worker\"}\n".to_owned();
    for event in events {
        text.push_str(&event.to_string());
        text.push('\n');
    }
    text.push_str(&json!({"kind": "end", "events": events.len(), "dropped": 0}).to_string());
    text.push('\n');
    text
}

fn call(seq: u64, port: &str, method: &str, at_ms: u64) -> Value {
    json!({"seq": seq, "kind": "call", "dir": "out", "port": port, "method": method,
           "args": {}, "at_ns": at_ms * 1_000_000})
}

fn ret(seq: u64, call: u64, at_ms: u64) -> Value {
    json!({"seq": seq, "kind": "return", "call": call, "ok": null, "at_ns": at_ms * 1_000_000})
}

fn err(seq: u64, call: u64, at_ms: u64) -> Value {
    json!({"seq": seq, "kind": "return", "call": call, "err": "disk full", "at_ns": at_ms * 1_000_000})
}

fn probe(seq: u64, name: &str, fields: Value, at_ms: u64) -> Value {
    json!({"seq": seq, "kind": "probe", "name": name, "fields": fields, "at_ns": at_ms * 1_000_000})
}

fn run(set: &Expectations, events: &[Value]) -> Report {
    set.check_str(&transcript(events))
        .expect("the transcript reads")
}

/// Checks `expectation` over `events`: the findings, as `#seq id severity`.
fn check(expectation: impl Into<Expectation>, events: &[Value], expected: &[&str]) {
    let report = run(&Expectations::new().expect(expectation), events);
    let actual: Vec<String> = report
        .findings()
        .iter()
        .map(|f| {
            let seq = f.seq.map_or("-".to_owned(), |s| format!("#{s}"));
            format!(
                "{seq} {} {}",
                f.expectation.as_deref().unwrap_or("?"),
                f.severity
            )
        })
        .collect();
    assert_eq!(actual, expected, "\n{}", report.to_text());
}

#[test]
fn call_latency_passes_under_its_limits() {
    let e = expect::call_latency("storage", "append")
        .warn_after(ms(200))
        .fail_after(secs(1));
    check(e, &[call(0, "storage", "append", 0), ret(1, 0, 150)], &[]);
}

#[test]
fn call_latency_warns_then_fails_by_tier() {
    let e = expect::call_latency("storage", "append")
        .warn_after(ms(200))
        .fail_after(secs(1));
    let events = [
        call(0, "storage", "append", 0),
        ret(1, 0, 300),
        call(2, "storage", "append", 1000),
        ret(3, 2, 2500),
        call(4, "storage", "read", 3000),
        ret(5, 4, 9000),
    ];
    check(
        e,
        &events,
        &[
            "#0 storage.append.latency warn",
            "#2 storage.append.latency fail",
        ],
    );
}

#[test]
fn probe_latency_pairs_by_key() {
    let e = || {
        expect::latency("queue.item")
            .between("queue.enqueue", "queue.done")
            .by("id")
            .warn_after(ms(200))
            .fail_after(secs(1))
    };
    let ok = [
        probe(0, "queue.enqueue", json!({"id": 1}), 0),
        probe(1, "queue.enqueue", json!({"id": 2}), 0),
        probe(2, "queue.done", json!({"id": 2}), 100),
        probe(3, "queue.done", json!({"id": 1}), 150),
    ];
    check(e(), &ok, &[]);
    let slow = [
        probe(0, "queue.enqueue", json!({"id": 1}), 0),
        probe(1, "queue.enqueue", json!({"id": 2}), 0),
        probe(2, "queue.done", json!({"id": 2}), 100),
        probe(3, "queue.done", json!({"id": 1}), 1500),
    ];
    check(e(), &slow, &["#0 queue.item fail"]);
}

#[test]
fn count_at_most_per_window() {
    let e = || {
        expect::count(expect::call("network", "send"))
            .warn_above(2)
            .at_most(3)
            .per(secs(1))
    };
    let spread: Vec<Value> = (0..6)
        .map(|i| call(i, "network", "send", i * 600))
        .collect();
    check(e(), &spread, &[]);
    let burst: Vec<Value> = (0..5).map(|i| call(i, "network", "send", i * 10)).collect();
    check(
        e(),
        &burst,
        &["#2 network.send.count warn", "#3 network.send.count fail"],
    );
}

#[test]
fn count_at_least_per_window() {
    let e = || {
        expect::count(expect::probe("heartbeat"))
            .at_least(1)
            .per(secs(5))
    };
    let steady: Vec<Value> = (0..4)
        .map(|i| probe(i, "heartbeat", json!({}), i * 4000))
        .collect();
    check(e(), &steady, &[]);
    let gap = [
        probe(0, "heartbeat", json!({}), 0),
        probe(1, "heartbeat", json!({}), 4000),
        probe(2, "other", json!({}), 12000),
        probe(3, "heartbeat", json!({}), 13000),
    ];
    check(e(), &gap, &["- heartbeat.count fail"]);
}

#[test]
fn probe_bounds_by_tier() {
    let e = || {
        expect::probe_bounds("queue.depth", "len")
            .warn_within(0.0..=800.0)
            .within(0.0..=1000.0)
    };
    check(e(), &[probe(0, "queue.depth", json!({"len": 12}), 0)], &[]);
    let events = [
        probe(0, "queue.depth", json!({"len": 900}), 0),
        probe(1, "queue.depth", json!({"len": 1200}), 1),
        probe(2, "queue.depth", json!({"size": 1}), 2),
    ];
    check(
        e(),
        &events,
        &[
            "#0 queue.depth.len.bounds warn",
            "#1 queue.depth.len.bounds fail",
            "#2 queue.depth.len.bounds fail",
        ],
    );
}

#[test]
fn never_matches_kind_port_method_and_fields() {
    let e = || {
        expect::never(
            expect::call("storage", "append")
                .matching("key", "^tmp/")
                .expect("a valid regex"),
        )
        .id("no.tmp.writes")
    };
    let with_key = |seq, key: &str| {
        let mut c = call(seq, "storage", "append", seq);
        c["args"] = json!({"key": key});
        c
    };
    check(
        e(),
        &[with_key(0, "data/a"), with_key(1, "data/tmp/b")],
        &[],
    );
    check(
        e(),
        &[with_key(0, "data/a"), with_key(1, "tmp/b")],
        &["#1 no.tmp.writes fail"],
    );
    let errors = expect::never(expect::returned("storage", "append").err())
        .warn()
        .id("err");
    let events = [
        call(0, "storage", "append", 0),
        err(1, 0, 1),
        call(2, "storage", "read", 2),
        err(3, 2, 3),
    ];
    check(errors, &events, &["#1 err warn"]);
}

#[test]
fn must_occur_at_least_once() {
    let e = || expect::must(expect::call("storage", "sync")).id("synced");
    check(e(), &[call(0, "storage", "sync", 0)], &[]);
    check(e(), &[call(0, "storage", "append", 0)], &["- synced fail"]);
}

#[test]
fn response_within_events_and_time() {
    let e = || {
        expect::response(expect::probe("request"), expect::probe("reply"))
            .by("id")
            .within_events(2)
            .fail_after(secs(1))
            .id("answered")
    };
    let ok = [
        probe(0, "request", json!({"id": "a"}), 0),
        probe(1, "request", json!({"id": "b"}), 0),
        probe(2, "reply", json!({"id": "a"}), 10),
        probe(3, "reply", json!({"id": "b"}), 20),
    ];
    check(e(), &ok, &[]);
    let late = [
        probe(0, "request", json!({"id": "a"}), 0),
        probe(1, "noise", json!({}), 1),
        probe(2, "noise", json!({}), 2),
        probe(3, "noise", json!({}), 3),
        probe(4, "reply", json!({"id": "a"}), 4),
        probe(5, "request", json!({"id": "c"}), 10),
        probe(6, "reply", json!({"id": "c"}), 2000),
    ];
    check(e(), &late, &["#0 answered fail", "#5 answered fail"]);
}

#[test]
fn a_call_that_never_returns_fails_at_its_deadline_not_at_the_end() {
    let mut engine = Expectations::new()
        .expect(expect::call_latency("storage", "append").fail_after(secs(1)))
        .engine("worker");
    engine.observe(&Event::Call(Call {
        seq: 0,
        dir: Direction::Out,
        port: "storage".into(),
        method: "append".into(),
        args: json!({}),
        at_ns: 0,
        parent: None,
        task: None,
    }));
    engine.check_deadlines(999_000_000);
    assert!(engine.findings().is_empty());
    engine.check_deadlines(1_000_000_001);
    assert_eq!(engine.findings().len(), 1);
    let finding = &engine.findings()[0];
    assert_eq!(finding.seq, Some(0));
    assert!(
        finding.message.contains("had not returned after 1s"),
        "{}",
        finding.message
    );
    engine.check_deadlines(5_000_000_000);
    assert_eq!(engine.findings().len(), 1, "flagged once");
}

#[test]
fn an_event_reaches_only_the_expectations_that_watch_it() {
    let set = Expectations::new()
        .expect(expect::call_latency("storage", "append").fail_after(ms(1)))
        .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1.0));
    let engine = set.engine("w");
    assert_eq!(engine.by_call["storage"]["append"], [0]);
    assert_eq!(engine.by_return["storage"]["append"], [0]);
    assert_eq!(engine.by_probe["queue.depth"], [1]);
    assert!(engine.any.is_empty());
}

const PROFILES: &str = r#"
[profiles.unit]
"storage.error" = "fail"
"queue.item" = { fail_after = "1s" }

[profiles.stress]
"storage.error" = "success"
"queue.item" = { severity = "warn", fail_after = "5s" }

[profiles.quiet]
"storage.error" = "ignore"
"#;

fn declared() -> Expectations {
    Expectations::new()
        .expect(expect::never(expect::returned("storage", "append").err()).id("storage.error"))
        .expect(
            expect::latency("queue.item")
                .between("queue.enqueue", "queue.done")
                .by("id")
                .warn_after(ms(200))
                .fail_after(secs(2)),
        )
}

fn story() -> Vec<Value> {
    vec![
        probe(0, "queue.enqueue", json!({"id": 7}), 0),
        call(1, "storage", "append", 10),
        err(2, 1, 20),
        probe(3, "queue.done", json!({"id": 7}), 1500),
    ]
}

#[test]
fn the_same_transcript_gets_a_verdict_per_profile() {
    let profiles = Profiles::from_str(PROFILES, "profiles.toml").expect("valid");
    let verdict = |name: &str| {
        let set = declared()
            .with_profile(profiles.get(name).expect("exists"))
            .expect("applies");
        let report = run(&set, &story());
        (report.passed(), report.tally())
    };
    assert_eq!(verdict("unit"), (false, (2, 0)));
    assert_eq!(verdict("stress"), (true, (0, 1)));
    assert_eq!(verdict("quiet"), (true, (0, 1)));
    let stress = declared()
        .with_profile(profiles.get("stress").expect("exists"))
        .expect("applies");
    assert_eq!(
        run(&stress, &story()).notes(),
        ["`storage.error` was not met once, graded success"]
    );
}

#[test]
fn profile_errors_name_the_file_and_line() {
    let check_err = |text: &str, expected: &str| {
        let err = Profiles::from_str(text, "p.toml")
            .and_then(|p| declared().with_profile(p.get("unit")?).map(|_| ()))
            .expect_err("an error");
        assert_eq!(err.to_string(), expected);
    };
    check_err(
        "[profiles.unit]\n\n\"queue.item\" = { fail_after = 5 }\n",
        "p.toml:3: profile `unit`, `queue.item`: `fail_after` wants a duration such as \"200ms\" or \"1.5s\", not 5",
    );
    check_err(
        "[profiles.unit]\n\"storage.error\" = \"sometimes\"\n",
        "p.toml:2: profile `unit`: `storage.error`: a grade is one of fail, warn, ignore, success, not \"sometimes\"",
    );
    check_err(
        "[profiles.unit]\n\"queue.item\" = { at_most = 3 }\n",
        "p.toml:2: profile `unit`, `queue.item`: `at_most` a latency expectation has no setting `at_most` (it has: nominal, warn_after, fail_after, severity)",
    );
    check_err(
        "[profiles.unit]\n\"typo\" = \"warn\"\n",
        "p.toml:2: profile `unit` sets `typo`, which is not declared",
    );
    check_err(
        "[profile.unit]\n",
        "p.toml:1: unknown field `profile`, expected one of `provenance`, `profiles`, `budgets`",
    );
}

#[test]
fn report_with_expectation_findings() {
    let report = run(
        &declared().expect(
            expect::probe_bounds("queue.depth", "len")
                .nominal(10.0)
                .within(0.0..=100.0),
        ),
        &[
            probe(0, "queue.enqueue", json!({"id": 7}), 0),
            call(1, "storage", "append", 10),
            err(2, 1, 20),
            probe(3, "queue.depth", json!({"len": 140}), 30),
            probe(4, "queue.done", json!({"id": 7}), 500),
        ],
    );
    insta::assert_snapshot!("report_text", report.to_text());
    insta::assert_json_snapshot!("report_json", report.to_json());
}

/// A recording of `n` appends taking `latency_ms(i)` each, one every 100 ms,
/// with a queue depth probe.
fn recording(n: u64, latency_ms: impl Fn(u64) -> u64) -> String {
    let mut events = Vec::new();
    for i in 0..n {
        let at = i * 100;
        events.push(call(3 * i, "storage", "append", at));
        events.push(ret(3 * i + 1, 3 * i, at + latency_ms(i)));
        events.push(probe(
            3 * i + 2,
            "queue.depth",
            json!({"len": i % 7}),
            at + 50,
        ));
    }
    transcript(&events)
}

fn trained() -> String {
    let mut trainer = crate::Trainer::new().trained_at("2026-11-25T00:00:00Z");
    for r in 0..3 {
        trainer
            .add_str(&recording(20, |i| 2 + (i + r) % 4))
            .expect("reads");
    }
    trainer.to_profile_toml("trained")
}

#[test]
fn training_writes_a_profile_with_provenance() {
    insta::assert_snapshot!("trained_profile", trained());
}

#[test]
fn a_call_five_times_slower_than_any_trained_is_flagged_alone() {
    let profiles = Profiles::from_str(&trained(), "trained.toml").expect("valid");
    let set = Expectations::new()
        .with_profile(profiles.get("trained").expect("exists"))
        .expect("applies");
    // Trained latencies are 2..=5 ms; call #21 (the 8th) takes 25 ms.
    let text = recording(20, |i| if i == 7 { 25 } else { 2 + i % 4 });
    let report = set.check_str(&text).expect("reads");
    let flagged: Vec<_> = report
        .findings()
        .iter()
        .map(|f| (f.seq, f.expectation.as_deref(), f.severity))
        .collect();
    assert_eq!(
        flagged,
        [(
            Some(21),
            Some("storage.append.latency"),
            crate::Severity::Fail
        )],
        "\n{report}"
    );
    assert!(
        set.check_str(&recording(20, |i| 2 + i % 4))
            .expect("reads")
            .is_clean()
    );
}

/// Calls still waiting when the events end get a note each, up to ten, and
/// one note counts the rest.
#[test]
fn calls_still_waiting_at_the_end_are_noted_ten_then_counted() {
    use crate::EventRef;
    let mut engine = Expectations::new()
        .expect(expect::call_latency("storage", "sync").warn_after(ms(100)))
        .engine("kv");
    for seq in 0..15 {
        engine.observe_ref(EventRef::Call {
            seq,
            at_ns: seq,
            dir: Direction::Out,
            port: "storage",
            method: "sync",
            route: None,
            args: "null",
        });
    }
    let report = engine.finish();
    let notes = report.notes();
    assert_eq!(notes.len(), 11, "{notes:?}");
    assert!(notes[0].starts_with("#0 storage.sync had not returned when the events ended"));
    assert_eq!(
        notes[10],
        "storage.sync calls: 5 more still waiting when the events ended"
    );
}
