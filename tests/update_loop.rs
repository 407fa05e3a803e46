//! The whole test workflow on a real component, through the public API: a
//! missing transcript is recorded (`auto`), the next run replays it clean, a
//! changed component fails, `update` writes what it now does as a pending
//! `.jsonl.new` (never over the transcript), accepting it makes the replay
//! clean again, and in CI nothing is ever written.

use std::path::Path;

use reprise::recorder::{FileSink, Recorder};
use reprise::replayer::{Outcome, Replay, ReplayError, ReplayPort, Report};
use reprise::testing::{AcceptOptions, Mode, PendingWrite, Plan, accept, write_pending};
use serde_json::json;

/// The component: a counter that stores each new total. `step` is how much
/// each `add` adds on top of its argument (0 for the first version).
fn add(store: &dyn Fn(u64) -> u64, total: &mut u64, n: u64, step: u64) -> u64 {
    *total += n + step;
    store(*total)
}

fn record(path: &Path, step: u64) {
    let sink = FileSink::builder(path).open().expect("sink");
    let recorder = Recorder::builder("counter")
        .sink(sink)
        .start(&json!({"total": 0}))
        .expect("start");
    let (api, storage) = (recorder.port("api"), recorder.port("storage"));
    let mut total = 0;
    for n in [1u64, 2, 3] {
        let store = |t: u64| storage.outbound("put", &json!({ "total": t }), || t);
        api.inbound("add", &json!({ "n": n }), || {
            add(&store, &mut total, n, step)
        });
    }
    recorder.finish().expect("finish");
}

fn replay(path: &Path, step: u64, capture: bool) -> (Report, Replay) {
    let replay = Replay::builder()
        .capture(capture)
        .stop_at_first(false)
        .from_file(path)
        .expect("loads");
    let storage: ReplayPort = replay.port("storage");
    let mut total = 0;
    let report = replay.drive(|call| {
        let store = |t: u64| storage.outbound::<_, u64>("put", &json!({ "total": t }));
        let n: u64 = call.arg("n")?;
        Ok(Outcome::ok(&add(&store, &mut total, n, step))?)
    });
    (report, replay)
}

/// One run of the test of `path` in `mode`, against the component `step`.
fn run(path: &Path, mode: Mode, ci: bool, step: u64) -> Result<(), String> {
    match mode.plan_for(path, ci).map_err(|e| e.to_string())? {
        Plan::Record(into) => {
            record(&into, step);
            Ok(())
        }
        Plan::Replay => {
            let (report, _) = replay(path, step, false);
            report
                .is_clean()
                .then_some(())
                .ok_or_else(|| report.to_text())
        }
        Plan::Update => {
            let (_, replay) = replay(path, step, true);
            let actual = replay
                .actual_transcript()
                .map_err(|e: ReplayError| e.to_string())?;
            match write_pending(path, &actual) {
                Ok(_) => Ok(()),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

#[test]
fn record_replay_change_update_accept_and_nothing_written_in_ci() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counter.jsonl");
    let pending = dir.path().join("counter.jsonl.new");

    // In CI a missing transcript is an error, and nothing is recorded.
    let err = run(&path, Mode::Auto, true, 0).expect_err("missing in CI");
    assert!(err.contains("counter.jsonl"), "{err}");
    assert!(!path.exists());

    // `auto` records the missing transcript (a recorder writes it, not the
    // testing crate); the next run replays it.
    run(&path, Mode::Auto, false, 0).expect("recorded");
    assert!(path.exists());
    run(&path, Mode::Auto, false, 0).expect("replays clean");

    // The component changes: the replay fails.
    let changed = 10;
    let err = run(&path, Mode::Replay, false, changed).expect_err("diverges");
    assert!(err.contains("divergence"), "{err}");

    // Writing pending files is refused whenever `CI` is set in this
    // process's environment (a CI runner): the rest of the loop needs it unset.
    if reprise::testing::is_ci() {
        return;
    }

    // `update` writes the pending file beside it, never over it.
    let before = std::fs::read(&path).expect("read");
    run(&path, Mode::Update, false, changed).expect("updated");
    assert!(pending.exists(), "pending transcript written");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "transcript untouched"
    );

    // In CI, `update` behaves as `replay` and writes nothing.
    std::fs::remove_file(&pending).expect("remove");
    assert!(run(&path, Mode::Update, true, changed).is_err());
    assert!(!pending.exists());
    let (_, captured) = replay(&path, changed, true);
    let actual = captured.actual_transcript().expect("captured");
    let written = write_pending(&path, &actual).expect("written");
    assert_eq!(written, PendingWrite::Written(pending.clone()));

    // Accepting makes the new behaviour the recording: replay is clean.
    accept(&pending, &AcceptOptions::default()).expect("accepted");
    assert!(!pending.exists());
    run(&path, Mode::Replay, false, changed).expect("clean after accept");
    // And the old component now diverges from it.
    assert!(run(&path, Mode::Replay, false, 0).is_err());
}
