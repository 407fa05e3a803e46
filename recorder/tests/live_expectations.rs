//! Live expectations in the recorder: deadlines fire while a call is still
//! blocked, patterns fire on the event that matches, and actions on failure
//! dump the flight recorder or request a checkpoint within their budget.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use reprise_expect::expect::{self, ms};
use reprise_expect::{Expectations, Severity};
use reprise_recorder::{Action, Budget, FileSink, MemorySink, Recorder};
use reprise_transcript::{Event, Reader};
use serde_json::{Value, json};

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

#[test]
fn a_call_that_never_returns_fails_while_still_blocked() {
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .expectations(
            Expectations::new().expect(
                expect::call_latency("storage", "append")
                    .warn_after(ms(20))
                    .fail_after(ms(100)),
            ),
        )
        .watchdog_interval(Duration::from_millis(10))
        .start(&())
        .expect("start");
    let storage = recorder.port("storage");
    let (tx, rx) = mpsc::channel::<u32>();
    let returned = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&returned);
    let blocked = std::thread::spawn(move || {
        let n: u32 = storage.outbound("append", &json!({"item": 1}), || rx.recv().unwrap_or(0));
        flag.store(true, Ordering::SeqCst);
        n
    });
    assert!(
        eventually(|| recorder.findings().iter().any(|f| f.is_failure())),
        "no live failure: {:?}",
        recorder.findings()
    );
    assert!(
        !returned.load(Ordering::SeqCst),
        "the call is still blocked"
    );
    let failure = recorder
        .findings()
        .into_iter()
        .find(|f| f.is_failure())
        .expect("a failure");
    assert_eq!(
        failure.expectation.as_deref(),
        Some("storage.append.latency")
    );
    assert_eq!(failure.severity, Severity::Fail);
    tx.send(7).expect("unblock");
    assert_eq!(blocked.join().expect("no panic"), 7);
    let summary = recorder.finish().expect("finish");
    let report = summary.report.expect("a report");
    assert!(!report.passed());
}

#[test]
fn fast_calls_pass() {
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .expectations(
            Expectations::new().expect(
                expect::call_latency("storage", "append")
                    .warn_after(ms(500))
                    .fail_after(ms(2000)),
            ),
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&())
        .expect("start");
    let storage = recorder.port("storage");
    for i in 0..20 {
        let _: u32 = storage.outbound("append", &json!({"item": i}), || i);
    }
    std::thread::sleep(Duration::from_millis(30));
    assert!(recorder.findings().is_empty());
    let summary = recorder.finish().expect("finish");
    let report = summary.report.expect("a report");
    assert!(report.passed());
    assert_eq!(report.tally(), (0, 0));
    assert!(summary.dumps.is_empty());
}

#[test]
fn a_never_pattern_fires_live() {
    let recorder =
        Recorder::builder("worker")
            .sink(MemorySink::new())
            .expectations(Expectations::new().expect(
                expect::never(expect::returned("storage", "append").err()).id("storage.error"),
            ))
            .start(&())
            .expect("start");
    let storage = recorder.port("storage");
    let ok: Result<u32, String> = storage.outbound_result("append", &json!({"item": 1}), || Ok(1));
    assert!(ok.is_ok());
    assert!(recorder.findings().is_empty());
    let err: Result<u32, String> =
        storage.outbound_result(
            "append",
            &json!({"item": 2}),
            || Err("disk full".to_owned()),
        );
    assert!(err.is_err());
    // Evaluated on the event itself, before the recording ends.
    let findings = recorder.findings();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].expectation.as_deref(), Some("storage.error"));
    assert_eq!(findings[0].seq, Some(4));
    recorder.finish().expect("finish");
}

#[test]
fn dumps_stop_at_the_budget_and_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .expectations(
            Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")),
        )
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            Budget {
                dumps_per_hour: 1,
                ..Budget::default()
            },
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("panic", &json!({"at": 1}));
    assert!(eventually(|| dir
        .path()
        .join("worker-seq1-no.panic.jsonl")
        .exists()));
    recorder.probe("panic", &json!({"at": 2}));
    let summary = recorder.finish().expect("finish");
    assert_eq!(
        summary.dumps,
        [dir.path().join("worker-seq1-no.panic.jsonl")]
    );
    assert_eq!(summary.actions_skipped, 1);
    let report = summary.report.expect("a report");
    assert!(
        report
            .notes()
            .iter()
            .any(|n| n.contains("budget (dumps per hour) exhausted")),
        "{:?}",
        report.notes()
    );
    let written = format!(
        "flight recorder dumped to {} for `no.panic` at seq 1",
        dir.path().join("worker-seq1-no.panic.jsonl").display()
    );
    assert!(report.notes().contains(&written), "{:?}", report.notes());
}

/// A call fails its deadline while still blocked; the dump waits for it to
/// return (up to `DUMP_WAIT`), so it holds the return and the events up to
/// it, not a call cut off in the middle.
#[test]
fn a_dump_waits_for_the_call_in_flight_to_return() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .expectations(
            Expectations::new()
                .expect(expect::call_latency("storage", "append").fail_after(ms(30))),
        )
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            Budget::default(),
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    let storage = recorder.port("storage");
    let (tx, rx) = mpsc::channel::<u32>();
    let blocked = std::thread::spawn(move || {
        let n: u32 = storage.outbound("append", &json!({"item": 1}), || rx.recv().unwrap_or(0));
        n
    });
    assert!(
        eventually(|| recorder.findings().iter().any(|f| f.is_failure())),
        "no live failure"
    );
    let dump = dir.path().join("worker-seq1-storage.append.latency.jsonl");
    // Found while the call is blocked: no dump yet, it waits for the return.
    std::thread::sleep(Duration::from_millis(50));
    assert!(!dump.exists(), "dumped before the call returned");
    tx.send(7).expect("send");
    assert_eq!(blocked.join().expect("thread"), 7);
    recorder.probe("after", &json!({}));
    assert!(eventually(|| dump.exists()), "no dump after the return");
    let kinds: Vec<String> = Reader::new(
        std::fs::File::open(&dump)
            .map(std::io::BufReader::new)
            .expect("dump"),
    )
    .expect("header")
    .map(|e| match e.expect("event") {
        Event::State(_) => "state".to_owned(),
        Event::Call(c) => format!("call {}", c.seq),
        Event::Return(r) => format!("return of {}", r.call),
        Event::Probe(p) => p.name,
        Event::End(_) => "end".to_owned(),
    })
    .collect();
    assert_eq!(kinds[..3], ["state", "call 1", "return of 1"], "{kinds:?}");
    recorder.finish().expect("finish");
}

/// Expectations that fail on every `panic` probe.
fn no_panic() -> Expectations {
    Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic"))
}

/// The notes of `report` about checkpoint requests.
fn requests(report: &reprise_expect::Report) -> Vec<&str> {
    report
        .notes()
        .iter()
        .map(String::as_str)
        .filter(|n| n.starts_with("checkpoint requested"))
        .collect()
}

#[test]
fn a_failure_requests_a_checkpoint_that_the_component_takes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("worker.jsonl");
    let recorder = Recorder::builder("worker")
        .sink(FileSink::builder(&path).open().expect("open"))
        .expectations(no_panic())
        .on_failure(Action::Checkpoint, Budget::default())
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("tick", &json!({"n": 1}));
    assert!(!recorder.checkpoint_requested());
    recorder.probe("panic", &json!({"n": 2}));
    assert!(
        eventually(|| recorder.checkpoint_requested()),
        "no checkpoint requested"
    );
    // The component, at the top of its loop, answers with its state.
    recorder.checkpoint(&json!({"n": 2}));
    assert!(!recorder.checkpoint_requested());
    // A second failure, within the budget, requests again.
    recorder.probe("panic", &json!({"n": 4}));
    assert!(
        eventually(|| recorder.checkpoint_requested()),
        "no second request"
    );
    recorder.checkpoint(&json!({"n": 4}));
    assert!(!recorder.checkpoint_requested());
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.actions_skipped, 0);
    let report = summary.report.expect("a report");
    let failed: Vec<Option<u64>> = report.findings().iter().map(|f| f.seq).collect();
    assert_eq!(failed, [Some(2), Some(4)]);
    assert_eq!(
        requests(&report),
        [
            "checkpoint requested for `no.panic` at seq 2",
            "checkpoint requested for `no.panic` at seq 4"
        ]
    );
    assert!(
        !report.notes().iter().any(|n| n.contains("not taken")),
        "{:?}",
        report.notes()
    );

    // The transcript has each extra checkpoint right after its failure.
    let text = std::fs::read_to_string(&path).expect("read");
    let states: Vec<(u64, String, Value)> = Reader::new(text.as_bytes())
        .expect("header")
        .map(|e| e.expect("event"))
        .filter_map(|e| match e {
            Event::State(s) => Some((s.seq, s.label, s.state)),
            _ => None,
        })
        .collect();
    assert_eq!(
        states,
        [
            (0, "initial".to_owned(), json!({"n": 0})),
            (3, "checkpoint".to_owned(), json!({"n": 2})),
            (5, "checkpoint".to_owned(), json!({"n": 4})),
        ]
    );
}

#[test]
fn checkpoint_requests_stop_at_the_budget_and_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let budget = Budget {
        checkpoints_per_hour: 1,
        ..Budget::default()
    };
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .expectations(no_panic())
        // Actions run in this order: once a failure's dump is written, its
        // checkpoint request has been made or skipped.
        .on_failure(Action::Checkpoint, budget)
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            budget,
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("panic", &json!({"n": 1}));
    assert!(eventually(|| recorder.checkpoint_requested()));
    recorder.checkpoint(&json!({"n": 1}));
    recorder.probe("panic", &json!({"n": 3}));
    let second = dir.path().join("worker-seq3-no.panic.jsonl");
    assert!(
        eventually(|| second.exists()),
        "no dump for the second failure"
    );
    assert!(!recorder.checkpoint_requested(), "past the budget");
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.dumps.len(), 2);
    assert_eq!(summary.actions_skipped, 1);
    let report = summary.report.expect("a report");
    assert_eq!(
        requests(&report),
        ["checkpoint requested for `no.panic` at seq 1"]
    );
    let notes = report.notes();
    assert!(
        notes.iter().any(|n| n
            == "budget (checkpoints per hour) exhausted: no checkpoint requested for `no.panic` at seq 3"),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n == "1 action(s) on failure skipped (budget or error)"),
        "{notes:?}"
    );
}

#[test]
fn failures_while_a_request_is_pending_make_one_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .expectations(no_panic())
        .on_failure(Action::Checkpoint, Budget::default())
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            Budget::default(),
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("panic", &json!({"n": 1}));
    recorder.probe("panic", &json!({"n": 2}));
    let second = dir.path().join("worker-seq2-no.panic.jsonl");
    assert!(
        eventually(|| second.exists()),
        "no dump for the second failure"
    );
    assert!(recorder.checkpoint_requested());
    recorder.checkpoint(&json!({"n": 2}));
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.actions_skipped, 0);
    let report = summary.report.expect("a report");
    assert_eq!(report.tally().0, 2);
    assert_eq!(
        requests(&report),
        ["checkpoint requested for `no.panic` at seq 1"]
    );
}

#[test]
fn a_request_left_unanswered_and_one_too_late_are_noted() {
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .expectations(no_panic().expect(expect::must(expect::probe("ready")).id("ready")))
        .on_failure(Action::Checkpoint, Budget::default())
        .watchdog_interval(Duration::from_millis(5))
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("panic", &json!({"n": 1}));
    assert!(eventually(|| recorder.checkpoint_requested()));
    // The component never polls; `ready` never comes, which fails only at
    // the end, when no checkpoint can be taken any more.
    let summary = recorder.finish().expect("finish");
    assert_eq!(summary.actions_skipped, 1);
    let report = summary.report.expect("a report");
    let notes = report.notes();
    assert_eq!(
        requests(&report),
        ["checkpoint requested for `no.panic` at seq 1"]
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("no checkpoint for `ready` at seq ")
                && n.ends_with(": the recording had ended")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n == "the checkpoint requested last was not taken before the recording ended"),
        "{notes:?}"
    );
}

#[test]
fn the_flight_recorder_keeps_the_checkpoint_and_drops_the_oldest_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(200)
        .start(&json!({"n": 0}))
        .expect("start");
    recorder.probe("tick", &json!({"i": 0}));
    recorder.checkpoint(&json!({"n": 1}));
    for i in 1..=10 {
        recorder.probe("tick", &json!({"i": i}));
    }
    let dump = recorder
        .dump_flight_recorder(dir.path().join("d.jsonl"))
        .expect("dump");
    let text = std::fs::read_to_string(&dump.path).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains(r#""kind":"header""#));
    assert_eq!(
        lines[1],
        r#"{"kind":"state","seq":2,"label":"checkpoint","state":{"n":1}}"#
    );
    assert!(dump.dropped > 0);
    assert!(lines[lines.len() - 2].contains(r#""i":10"#), "{text}");
    let end = format!(
        r#"{{"kind":"end","events":{},"dropped":{}}}"#,
        dump.events, dump.dropped
    );
    assert_eq!(lines[lines.len() - 1], end);
    // The transcript reader accepts it.
    let mut reader = reprise_transcript::Reader::new(text.as_bytes()).expect("header");
    assert_eq!(reader.by_ref().count() as u64, dump.events);
    recorder.finish().expect("finish");
}

#[test]
fn dumping_without_a_flight_recorder_is_an_error() {
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .start(&())
        .expect("start");
    let err = recorder
        .dump_flight_recorder(std::env::temp_dir().join("never.jsonl"))
        .expect_err("no flight recorder");
    assert!(err.to_string().contains("no flight recorder"), "{err}");
}

/// Four threads record 40,000 watched calls, the watchdog's timer set to an
/// hour: the backlog is evaluated when it wakes the watchdog (at 1,024
/// events) or, when the watchdog lags, by the recording threads themselves
/// (at 16,384). Whoever evaluates, the live verdict is exactly the offline
/// one over the file written: events are evaluated in seq order.
#[test]
fn a_busy_multithreaded_recording_is_judged_live_as_offline() {
    let expectations = || {
        Expectations::new()
            .expect(expect::never(expect::call("kv", "put").field("key", 13)).id("no.13"))
            .expect(
                expect::count(expect::returned("kv", "put").err())
                    .at_most(10)
                    .id("few.errors"),
            )
            .expect(expect::must(expect::probe("done")).id("done"))
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("busy.jsonl");
    let recorder = Recorder::builder("busy")
        .sink(FileSink::builder(&path).open().expect("sink"))
        .expectations(expectations())
        .watchdog_interval(Duration::from_secs(3600))
        .start(&())
        .expect("start");
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let kv = recorder.port("kv");
            std::thread::spawn(move || {
                for i in 0..10_000u64 {
                    let key = t * 10_000 + i;
                    let result: Result<(), String> = if key % 997 == 0 {
                        Err("conflict".into())
                    } else {
                        Ok(())
                    };
                    let _ = kv.outbound_result("put", &json!({ "key": key }), || result);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
    let live = recorder.finish().expect("finish").report.expect("report");
    let offline = expectations()
        .check(std::io::BufReader::new(
            std::fs::File::open(&path).expect("file"),
        ))
        .expect("check");
    assert_eq!(live.findings(), offline.findings());
    // key 13 once; 41 errors (multiples of 997 below 40,000), so the count
    // fails once when it passes 10; `done` never came.
    let ids: Vec<_> = live
        .findings()
        .iter()
        .filter_map(|f| f.expectation.as_deref())
        .collect();
    assert_eq!(ids, ["no.13", "few.errors", "done"], "{live:?}");
}

/// A failure repeating past its budget: every action skipped is counted,
/// but the notes saying so stop at 100 and count the rest.
#[test]
fn notes_on_actions_stop_growing_past_a_hundred() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("worker")
        .sink(MemorySink::new())
        .flight_recorder(1 << 20)
        .expectations(no_panic())
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.path().to_owned(),
            },
            Budget {
                dumps_per_hour: 1,
                ..Budget::default()
            },
        )
        .start(&json!({"n": 0}))
        .expect("start");
    for at in 0..150 {
        recorder.probe("panic", &json!({ "at": at }));
    }
    let summary = recorder.finish().expect("finish");
    assert_eq!((summary.dumps.len(), summary.actions_skipped), (1, 149));
    let report = summary.report.expect("a report");
    let on_actions = report
        .notes()
        .iter()
        .filter(|n| n.contains("flight recorder dumped") || n.contains("exhausted"))
        .count();
    assert_eq!(on_actions, 100, "{:?}", report.notes());
    assert!(
        report
            .notes()
            .contains(&"50 more note(s) on actions not kept (the first 100 are)".to_owned()),
        "{:?}",
        report.notes()
    );
}
