//! Expectations evaluated during replay, over what the real component
//! actually does (`ReplayBuilder::expectations`).

mod common;

use std::time::Duration;

use common::{KV, Variant, edit, replay_kv};
use reprise_expect::{Expectations, Severity, expect};
use reprise_replayer::{FindingKind, Replay, Report};

fn replay_with(text: &str, expectations: Expectations, variant: Variant) -> Report {
    let replay = Replay::builder()
        .expectations(expectations)
        .from_str(text)
        .expect("transcript loads");
    replay_kv(&replay, variant)
}

/// One line per finding: `seq kind expectation severity`.
fn summary(report: &Report) -> Vec<String> {
    report
        .findings()
        .iter()
        .map(|f| {
            let seq = f.seq.map_or("-".to_owned(), |s| s.to_string());
            let id = f.expectation.as_deref().unwrap_or("-");
            format!("{seq} {:?} {id} {}", f.kind, f.severity)
        })
        .collect()
}

fn no_broadcast() -> Expectations {
    Expectations::new()
        .expect(expect::never(expect::call("network", "broadcast").outbound()).id("no.broadcast"))
}

#[test]
fn a_never_pattern_the_changed_component_violates_is_in_the_replay_report() {
    let report = replay_with(KV, no_broadcast(), Variant::Broadcasts);
    // The divergence is the headline; the failed expectation follows it.
    assert_eq!(
        summary(&report),
        [
            // The call has no recorded seq; the engine saw it in inbound call #1.
            "- UnexpectedCall - fail",
            "1 ExpectationFailed no.broadcast fail"
        ],
        "{}",
        report.to_text()
    );
    let failed = &report.findings()[1];
    assert_eq!(failed.port, "network");
    assert_eq!(failed.method, "broadcast");
    assert!(!report.passed());
    assert!(
        report
            .to_text()
            .contains("expectation `no.broadcast` failed (fail)")
    );
}

#[test]
fn a_never_pattern_the_component_keeps_leaves_the_report_clean() {
    let report = replay_with(KV, no_broadcast(), Variant::Recorded);
    report.assert_clean();
    assert_eq!(report.counts(), (2, 4));
}

#[test]
fn an_expectation_fails_even_when_the_replay_does_not_diverge() {
    // The recorded behaviour itself reads key `a`: no divergence, one failure.
    let expectations = Expectations::new()
        .expect(expect::never(expect::call("storage", "read").field("key", "a")).id("no.read.a"));
    let report = replay_with(KV, expectations, Variant::Recorded);
    assert_eq!(
        summary(&report),
        ["11 ExpectationFailed no.read.a fail"],
        "{}",
        report.to_text()
    );
}

#[test]
fn the_engine_sees_the_actual_arguments_not_the_recorded_ones() {
    // The recording says the second replicate went to peer 4; the component
    // sends it to peer 3, as it always did.
    let text = edit(6, r#""to":3"#, r#""to":4"#);
    let expectations = Expectations::new()
        .expect(expect::never(expect::call("network", "replicate").field("to", 4)).id("never.4"))
        .expect(expect::must(expect::call("network", "replicate").field("to", 3)).id("must.3"));
    let report = replay_with(&text, expectations, Variant::Recorded);
    assert_eq!(
        summary(&report),
        ["6 ArgumentsDiffer - fail"],
        "{}",
        report.to_text()
    );
}

#[test]
fn served_and_actual_returns_are_observed() {
    let expectations = Expectations::new()
        // The served return of storage.write (recorded `ok: 1`).
        .expect(expect::must(expect::returned("storage", "write").ok()).id("write.ok"))
        // The component's actual return of api.get.
        .expect(expect::must(expect::returned("api", "get").ok()).id("get.ok"))
        // Every put is answered within seven events: its three calls and their returns.
        .expect(
            expect::response(
                expect::call("api", "put").inbound(),
                expect::returned("api", "put"),
            )
            .within_events(7)
            .id("put.answered"),
        );
    replay_with(KV, expectations, Variant::Recorded).assert_clean();
}

#[test]
fn latency_is_measured_on_recorded_time_and_warnings_stay_warnings() {
    // Each replicate took 100 ns in the recording.
    let expectations = Expectations::new().expect(
        expect::call_latency("network", "replicate")
            .warn_after(Duration::from_nanos(50))
            .fail_after(Duration::from_nanos(1000)),
    );
    let report = replay_with(KV, expectations, Variant::Recorded);
    assert_eq!(
        summary(&report),
        [
            "4 ExpectationFailed network.replicate.latency warn",
            "6 ExpectationFailed network.replicate.latency warn"
        ],
        "{}",
        report.to_text()
    );
    assert!(report.passed());
    assert!(!report.is_clean());
    assert_eq!(report.tally(), (0, 2));
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.severity == Severity::Warn)
    );
}

#[test]
fn expectation_findings_do_not_stop_the_replay() {
    // An expectation fails on the first inbound call; the second is still fed.
    let expectations =
        Expectations::new().expect(expect::never(expect::call("storage", "write")).id("no.write"));
    let report = replay_with(KV, expectations, Variant::Recorded);
    assert_eq!(report.counts(), (2, 4));
    assert_eq!(
        summary(&report),
        ["2 ExpectationFailed no.write fail"],
        "{}",
        report.to_text()
    );
}

#[test]
fn a_fresh_session_evaluates_anew_and_finish_is_idempotent() {
    let replay = Replay::builder()
        .expectations(no_broadcast())
        .from_str(KV)
        .expect("transcript loads");
    let first = replay_kv(&replay, Variant::Broadcasts);
    assert_eq!(first.findings().len(), 2);
    // Finishing again keeps the expectation's verdict.
    assert_eq!(replay.finish(), first);
    let again = replay_kv(&replay.fresh(), Variant::Recorded);
    again.assert_clean();
}

#[test]
fn without_expectations_the_report_is_unchanged() {
    let plain = replay_kv(&Replay::from_str(KV).expect("loads"), Variant::Broadcasts);
    let with = replay_with(KV, Expectations::new(), Variant::Broadcasts);
    assert_eq!(plain, with);
    assert_eq!(
        plain.findings().iter().map(|f| f.kind).collect::<Vec<_>>(),
        [FindingKind::UnexpectedCall]
    );
}

#[test]
fn the_replay_headline_counts_expectations_apart_from_divergences() {
    let expectations = no_broadcast()
        .expect(expect::call_latency("storage", "write").warn_after(Duration::from_nanos(50)));
    let report = replay_with(KV, expectations, Variant::Broadcasts);
    let headline = report
        .to_text()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        headline,
        "replay of `kv-node`: 1 divergence, expectations: 1 failure, 1 warning (1 inbound call, 1 outbound call)"
    );
    let warned = replay_with(
        KV,
        Expectations::new()
            .expect(expect::call_latency("storage", "write").warn_after(Duration::from_nanos(50))),
        Variant::Recorded,
    );
    assert!(
        warned
            .to_text()
            .starts_with("replay of `kv-node`: no divergence, expectations: 0 failures, 1 warning")
    );
}
