//! Replay that is never fooled: each case of issue 10 as a regression test,
//! recorded with the real recorder where the recorder is part of the story.

use std::sync::atomic::{AtomicU64, Ordering};

use reprise_recorder::{MemorySink, Recorder};
use reprise_replayer::{FindingKind, Matching, Outcome, Replay, ReplayError, ReplayPort, Report};
use serde_json::json;

/// A tiny component: `a` and `b` each read a counter, `b` also sends it.
/// `shape` says how many reads each makes, and where `b`'s send happens.
#[derive(Clone, Copy)]
struct Shape {
    a_reads: usize,
    b_reads: usize,
    /// `b`'s read made in `a` instead (a call moved across inbound calls).
    b_read_in_a: bool,
}

const RECORDED: Shape = Shape {
    a_reads: 1,
    b_reads: 1,
    b_read_in_a: false,
};

fn run_a(store: &dyn Fn() -> u64, shape: Shape) -> u64 {
    let mut last = 0;
    for _ in 0..shape.a_reads {
        last = store();
    }
    if shape.b_read_in_a {
        last = store();
    }
    last
}

fn run_b(store: &dyn Fn() -> u64, send: &dyn Fn(u64), shape: Shape) -> u64 {
    let mut last = 0;
    for _ in 0..shape.b_reads {
        last = store();
    }
    send(last);
    last
}

/// Records `a` (read returns 1) then `b` (read returns 2, send) with the
/// real recorder: every outbound call carries its `parent`.
fn record() -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("ab")
        .sink(sink.clone())
        .start(&json!({}))
        .expect("starts");
    let (api, store, net) = (
        recorder.port("api"),
        recorder.port("store"),
        recorder.port("net"),
    );
    let value = AtomicU64::new(0);
    let read = || {
        store.outbound("read", &json!({}), || {
            value.fetch_add(1, Ordering::SeqCst) + 1
        })
    };
    let send = |v: u64| net.outbound("send", &json!({ "v": v }), || ());
    api.inbound("a", &json!({}), || run_a(&read, RECORDED));
    api.inbound("b", &json!({}), || run_b(&read, &send, RECORDED));
    recorder.finish().expect("finishes");
    sink.contents_string()
}

fn replay(text: &str, shape: Shape, builder: reprise_replayer::ReplayBuilder) -> Report {
    let replay = builder.stop_at_first(false).from_str(text).expect("loads");
    let (store, net) = (replay.port("store"), replay.port("net"));
    let read = || store.outbound::<_, u64>("read", &json!({}));
    let send = |v: u64| net.outbound::<_, ()>("send", &json!({ "v": v }));
    replay.drive(|call| match call.method() {
        "a" => Ok(Outcome::ok(&run_a(&read, shape))?),
        "b" => Ok(Outcome::ok(&run_b(&read, &send, shape))?),
        _ => Err(ReplayError::unknown_method(call)),
    })
}

fn seq_of(text: &str, method: &str) -> u64 {
    let line = text
        .lines()
        .find(|l| l.contains(&format!("\"method\":\"{method}\"")))
        .expect("recorded");
    let v: serde_json::Value = serde_json::from_str(line).expect("json");
    v["seq"].as_u64().expect("seq")
}

#[test]
fn regression_a_call_moved_into_an_earlier_inbound_call_is_never_clean() {
    let text = record();
    let moved = Shape {
        a_reads: 1,
        b_reads: 0,
        b_read_in_a: true,
    };
    for builder in [
        Replay::builder(),
        Replay::builder().matching(Matching::PerPort),
    ] {
        let report = replay(&text, moved, builder);
        let first = report.first().expect("a moved call is a divergence");
        // It lands in `a`, where the behaviour changed.
        assert_eq!(first.kind, FindingKind::UnexpectedCall, "{report}");
        assert_eq!(
            first.inbound.as_ref().map(|c| c.seq),
            Some(seq_of(&text, "a"))
        );
        assert_eq!(first.seq, None, "an unexpected call borrows no seq");
        assert_eq!(first.candidates[0].mismatched, ["$.parent"], "{report}");
    }
}

#[test]
fn regression_a_second_read_is_found_in_the_inbound_call_that_made_it_not_the_next() {
    let text = record();
    let report = replay(
        &text,
        Shape {
            a_reads: 2,
            ..RECORDED
        },
        Replay::builder(),
    );
    let first = report.first().expect("finding");
    assert_eq!(first.kind, FindingKind::UnexpectedCall);
    assert_eq!(
        first.inbound.as_ref().map(|c| c.seq),
        Some(seq_of(&text, "a"))
    );
    assert_eq!(
        first.message,
        format!(
            "the component called store.read, but no recorded outbound call is left in inbound call #{} api.a; inbound call #{} api.a was stopped at this call",
            seq_of(&text, "a"),
            seq_of(&text, "a")
        )
    );
    // `b` is fed and replays clean: one finding in all.
    assert_eq!(report.findings().len(), 1, "{report}");
}

#[test]
fn regression_a_missing_call_names_its_own_inbound_call_and_what_it_did_instead() {
    let text = record();
    let report = replay(
        &text,
        Shape {
            b_reads: 0,
            ..RECORDED
        },
        Replay::builder().matching(Matching::PerPort),
    );
    let text_report = report.to_text();
    let first = report.first().expect("finding");
    let b = seq_of(&text, "b");
    // The read is missing from `b` (it sent 0 instead of 2).
    assert_eq!(first.kind, FindingKind::ArgumentsDiffer, "{text_report}");
    let missing = report
        .findings()
        .iter()
        .find(|f| f.kind == FindingKind::MissingCall)
        .expect("missing read");
    assert_eq!(missing.inbound.as_ref().map(|c| c.seq), Some(b));
    assert!(
        missing
            .message
            .ends_with(&format!("in inbound call #{b} api.b, but the component did not make it; instead it returned ok 0")),
        "{}",
        missing.message
    );
    assert_eq!(missing.context[0], format!("#{b} call in api.b {{}}"));
}

#[test]
fn regression_an_extra_read_per_call_is_clean_when_reads_are_queries() {
    let text = record();
    let more_reads = Shape {
        a_reads: 3,
        b_reads: 2,
        b_read_in_a: false,
    };
    let report = replay(&text, more_reads, Replay::builder().query("store", "read"));
    report.assert_clean();
    // Without the declaration, the refactor diverges at its first extra read.
    let report = replay(&text, more_reads, Replay::builder());
    assert_eq!(
        report.first().map(|f| f.kind),
        Some(FindingKind::UnexpectedCall)
    );
}

#[test]
fn regression_with_queries_the_headline_is_the_first_divergence_of_an_effect() {
    let text = record();
    // `b` reads twice (fine for a query) and sends a wrong value.
    let replay = Replay::builder()
        .query_port("store")
        .stop_at_first(false)
        .from_str(&text)
        .expect("loads");
    let (store, net) = (replay.port("store"), replay.port("net"));
    let report = replay.drive(|call| {
        let v: u64 = store.outbound("read", &json!({}));
        if call.method() == "b" {
            let _: u64 = store.outbound("read", &json!({}));
            let () = net.outbound("send", &json!({ "v": v + 40 }));
        }
        Ok(Outcome::ok(&v)?)
    });
    let first = report.first().expect("finding");
    assert_eq!(
        (first.kind, first.paths.as_slice()),
        (FindingKind::ArgumentsDiffer, &["$.args.v".to_owned()][..]),
        "{report}"
    );
}

#[test]
fn regression_a_query_the_recording_never_had_stops_with_a_clear_finding() {
    let text = record();
    let replay = Replay::builder()
        .query("store", "read")
        .from_str(&text)
        .expect("loads");
    let store = replay.port("store");
    let report = replay.drive(|_| {
        let v: u64 = store.outbound("read", &json!({"key": "never"}));
        Ok(Outcome::ok(&v)?)
    });
    let first = report.first().expect("finding");
    assert_eq!(first.kind, FindingKind::UnexpectedCall);
    assert!(
        first.message.starts_with(
            "the component made the query store.read with arguments the recording never had"
        ),
        "{}",
        first.message
    );
}

/// A component whose `get` panics on a missing key, recorded through the
/// real recorder: the panic is a `return` with `panic`.
fn record_panic() -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("lookup")
        .sink(sink.clone())
        .start(&json!({}))
        .expect("starts");
    let (api, store) = (recorder.port("api"), recorder.port("store"));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        api.inbound("get", &json!({"key": "k"}), || {
            let found: Option<u64> = store.outbound("read", &json!({"key": "k"}), || None);
            found.expect("key k is present")
        })
    }));
    assert!(caught.is_err());
    recorder.finish().expect("finishes");
    sink.contents_string()
}

fn replay_lookup(text: &str, fixed: bool) -> Report {
    let replay = Replay::from_str(text).expect("loads");
    let store = replay.port("store");
    replay.drive(|call| {
        let found: Option<u64> = store.outbound("read", &call.args());
        let value = if fixed {
            found.unwrap_or(0)
        } else {
            found.expect("key k is present")
        };
        Ok(Outcome::ok(&value)?)
    })
}

#[test]
fn regression_a_panic_is_recorded_and_replays_clean_against_the_same_build() {
    let text = record_panic();
    assert!(
        text.contains(r#""panic":"key k is present""#),
        "the recorder writes the panic: {text}"
    );
    replay_lookup(&text, false).assert_clean();
}

#[test]
fn regression_a_recorded_panic_that_does_not_happen_is_a_finding() {
    let text = record_panic();
    let report = replay_lookup(&text, true);
    let first = report.first().expect("finding");
    assert_eq!(first.kind, FindingKind::ReturnDiffers);
    assert!(
        first.message.contains("the recorded panic did not happen"),
        "{}",
        first.message
    );
}

#[test]
fn regression_a_dependency_that_panicked_panics_again_in_replay() {
    let text = r#"{"reprise":1,"kind":"header","component":"c","recorder":"0.1.0"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"go","args":{}}
{"seq":1,"kind":"call","dir":"out","port":"dep","method":"call","args":{},"parent":0}
{"seq":2,"kind":"return","call":1,"panic":"dependency blew up"}
{"seq":3,"kind":"return","call":0,"panic":"dependency blew up"}
"#;
    let replay = Replay::from_str(text).expect("loads");
    let dep = replay.port("dep");
    let report = replay.drive(|_| {
        let () = dep.outbound("call", &json!({}));
        Ok(Outcome::ok(&())?)
    });
    report.assert_clean();
}

/// A node that reads its term from storage while it is built.
struct Node {
    term: u64,
    storage: ReplayPort,
}

impl Node {
    fn new(storage: ReplayPort) -> Node {
        let term = storage.outbound("term", &json!({}));
        Node { term, storage }
    }
}

fn record_node() -> String {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("node")
        .sink(sink.clone())
        .start(&json!({}))
        .expect("starts");
    let (api, storage) = (recorder.port("api"), recorder.port("storage"));
    let term: u64 = storage.outbound("term", &json!({}), || 4);
    api.inbound("step", &json!({}), || {
        storage.outbound("append", &json!({ "term": term }), || ());
        term
    });
    recorder.finish().expect("finishes");
    sink.contents_string()
}

#[test]
fn regression_a_component_that_reads_while_it_is_built_is_built_in_setup() {
    let text = record_node();
    let replay = Replay::from_str(&text).expect("loads");
    let node = replay
        .setup(|| Node::new(replay.port("storage")))
        .expect("builds");
    let report = replay.drive(|_| {
        let () = node
            .storage
            .outbound("append", &json!({ "term": node.term }));
        Ok(Outcome::ok(&node.term)?)
    });
    report.assert_clean();
}

#[test]
fn regression_a_setup_that_diverges_is_an_error_with_the_report_not_a_panic() {
    let text = record_node();
    let replay = Replay::from_str(&text).expect("loads");
    let err = replay
        .setup(|| {
            let storage = replay.port("storage");
            let _: u64 = storage.outbound("commit_index", &json!({}));
        })
        .expect_err("the build diverges");
    let ReplayError::Setup(report) = &err else {
        panic!("not a setup error: {err}");
    };
    let first = report.first().expect("finding");
    assert_eq!(
        (first.kind, first.inbound.is_none()),
        (FindingKind::UnexpectedCall, true)
    );
    assert!(
        first.message.contains("outside any inbound call"),
        "{}",
        first.message
    );
}

#[test]
fn regression_the_transcript_of_another_component_says_so_first() {
    let text = record_node();
    let err = Replay::builder()
        .component("raft-node")
        .from_str(&text)
        .expect_err("wrong component");
    assert_eq!(
        err.to_string(),
        "<string>: this transcript was recorded from component `node`, not `raft-node`"
    );
    // Without the check, the first unknown inbound method says it too.
    let replay = Replay::from_str(&text).expect("loads");
    let _ = replay.setup(|| Node::new(replay.port("storage")));
    let report = replay.drive(|call| Err(ReplayError::unknown_method(call)));
    let first = report.first().expect("finding");
    assert!(
        first
            .message
            .contains("this transcript was recorded from component `node`"),
        "{}",
        first.message
    );
}

#[test]
fn regression_a_flight_dump_that_dropped_events_says_it_replays_only_from_a_checkpoint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recorder = Recorder::builder("node")
        .sink(MemorySink::new())
        .flight_recorder(600)
        .start(&json!({}))
        .expect("starts");
    let storage = recorder.port("storage");
    for i in 0..40u64 {
        storage.outbound("append", &json!({ "entry": i }), || ());
    }
    let dump = recorder
        .dump_flight_recorder(dir.path().join("dump.jsonl"))
        .expect("dumps");
    assert!(dump.dropped > 0, "the window overflowed");
    let err = Replay::from_file(&dump.path).expect_err("a gap");
    assert!(matches!(err, ReplayError::Gap { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("this transcript can only be replayed from a checkpoint"),
        "{err}"
    );
    let replay = Replay::builder()
        .allow_gaps(true)
        .from_file(&dump.path)
        .expect("allowed");
    assert!(
        replay
            .report()
            .notes()
            .iter()
            .any(|n| n.starts_with("events are missing between")),
        "{:?}",
        replay.report().notes()
    );
    recorder.finish().expect("finishes");
}

#[tokio::test(flavor = "current_thread")]
async fn regression_an_async_drive_borrows_the_component_without_glue() {
    struct Counter {
        total: u64,
        net: ReplayPort,
    }
    impl Counter {
        async fn add(&mut self, n: u64) -> Result<Outcome, ReplayError> {
            self.total += n;
            let () = self.net.outbound("send", &json!({ "total": self.total }));
            Ok(Outcome::ok(&self.total)?)
        }
    }
    let text = r#"{"reprise":1,"kind":"header","component":"counter"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"add","args":{"n":2}}
{"seq":1,"kind":"call","dir":"out","port":"net","method":"send","args":{"total":2}}
{"seq":2,"kind":"return","call":1,"ok":null}
{"seq":3,"kind":"return","call":0,"ok":2}
{"seq":4,"kind":"call","dir":"in","port":"api","method":"add","args":{"n":3}}
{"seq":5,"kind":"call","dir":"out","port":"net","method":"send","args":{"total":5}}
{"seq":6,"kind":"return","call":5,"ok":null}
{"seq":7,"kind":"return","call":4,"ok":5}
"#;
    let replay = Replay::from_str(text).expect("loads");
    let mut counter = Counter {
        total: 0,
        net: replay.port("net"),
    };
    let report = replay
        .drive_async(async |call| counter.add(call.arg("n")?).await)
        .await;
    report.assert_clean();
    assert_eq!(counter.total, 5);
}

#[test]
fn regression_a_cut_short_multi_threaded_recording_replays_every_complete_call() {
    // Thread 0's `work` was in flight at the cut (its store0 call never
    // written); thread 1's complete `work` follows it in the file.
    let text = r#"{"reprise":1,"kind":"header","component":"pool","recorder":"0.1.0"}
{"seq":0,"kind":"state","label":"initial","state":{}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"work","args":{"thread":0}}
{"seq":2,"kind":"call","dir":"in","port":"api","method":"work","args":{"thread":1}}
{"seq":3,"kind":"call","dir":"out","port":"store1","method":"put","args":{"v":1},"parent":2}
{"seq":4,"kind":"return","call":3,"ok":null}
{"seq":5,"kind":"return","call":2,"ok":"done"}
"#;
    for matching in [Matching::Global, Matching::PerPort] {
        let replay = Replay::builder()
            .matching(matching)
            .from_str(text)
            .expect("loads");
        let report = replay.drive(|call| {
            let thread: u64 = call.arg("thread")?;
            let store = replay.port(&format!("store{thread}"));
            let () = store.outbound("put", &json!({"v": thread}));
            Ok(Outcome::ok("done")?)
        });
        report.assert_clean();
        assert_eq!(report.counts(), (2, 1), "{report}");
        assert!(
            report
                .notes()
                .iter()
                .any(|n| n
                    .contains("past the last outbound call recorded in inbound call #1 api.work")),
            "{:?}",
            report.notes()
        );
    }
}
