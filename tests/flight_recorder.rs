//! A flight-recorder dump taken on a live failure is a replay test: a
//! recorded toy component (an `api` port in, `storage` and `network` out)
//! fails an expectation while recording; the recorder dumps its flight
//! recorder (the latest checkpoint and every event since) on its watchdog
//! thread; the dump loads with `Replay::from_file` and replays with zero
//! divergences against the same component.

use std::time::{Duration, Instant};

use reprise::expect::{Expectations, expect};
use reprise::recorder::{Action, Budget, FileSink, Port, Recorder};
use reprise::replayer::{Outcome, Replay, ReplayError, ReplayPort};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The component's state: a running total, capped by its storage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct State {
    total: u64,
}

/// The component's outbound boundary.
trait Deps {
    fn write(&self, total: u64) -> Result<u64, String>;
    fn send(&self, total: u64);
}

/// The toy component: adds to a total, stores it, tells a peer.
struct Counter<D> {
    state: State,
    deps: D,
}

impl<D: Deps> Counter<D> {
    fn add(&mut self, n: u64) -> Result<u64, String> {
        let total = self.state.total + n;
        let stored = self.deps.write(total)?;
        self.state.total = stored;
        self.deps.send(stored);
        Ok(stored)
    }
}

/// Storage that refuses totals above a cap, behind recording ports.
struct RecordedDeps {
    storage: Port,
    network: Port,
    cap: u64,
}

impl Deps for RecordedDeps {
    fn write(&self, total: u64) -> Result<u64, String> {
        self.storage
            .outbound_result("write", &json!({ "total": total }), || {
                if total > self.cap {
                    Err(format!("{total} is over the cap"))
                } else {
                    Ok(total)
                }
            })
    }

    fn send(&self, total: u64) {
        self.network
            .outbound("send", &json!({ "total": total }), || ());
    }
}

/// The same boundary served from a transcript.
struct ReplayedDeps {
    storage: ReplayPort,
    network: ReplayPort,
}

impl Deps for ReplayedDeps {
    fn write(&self, total: u64) -> Result<u64, String> {
        self.storage
            .outbound_result("write", &json!({ "total": total }))
    }

    fn send(&self, total: u64) {
        self.network
            .outbound::<_, ()>("send", &json!({ "total": total }));
    }
}

#[test]
fn a_live_failure_dumps_a_replayable_flight_recorder() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let dumps = dir.path().join("dumps");
    let initial = State { total: 0 };
    let recorder = Recorder::builder("counter")
        .sink(FileSink::builder(dir.path().join("full.jsonl")).open()?)
        .flight_recorder(1 << 20)
        .expectations(
            Expectations::new()
                .expect(expect::never(expect::returned("api", "add").err()).id("api.add.error")),
        )
        .on_failure(
            Action::DumpFlightRecorder { dir: dumps.clone() },
            Budget::default(),
        )
        .watchdog_interval(Duration::from_millis(5))
        .start(&initial)?;
    let api = recorder.port("api");
    let mut counter = Counter {
        state: initial,
        deps: RecordedDeps {
            storage: recorder.port("storage"),
            network: recorder.port("network"),
            cap: 8,
        },
    };
    for n in [1, 2] {
        let _ = api.inbound_result("add", &json!({ "n": n }), || counter.add(n));
    }
    // The key frame the dump starts from.
    recorder.checkpoint(&counter.state);
    for n in [3, 4] {
        let _ = api.inbound_result("add", &json!({ "n": n }), || counter.add(n));
    }
    // add(4) makes 10, over the cap: the live expectation fails and the
    // watchdog dumps the flight recorder.
    assert_eq!(recorder.findings().len(), 1);
    let seq = recorder.findings()[0].seq.ok_or("a seq")?;
    let dump = dumps.join(format!("counter-seq{seq}-api.add.error.jsonl"));
    let deadline = Instant::now() + Duration::from_secs(5);
    while !dump.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let summary = recorder.finish()?;
    assert_eq!(summary.dumps, std::slice::from_ref(&dump));
    assert_eq!(summary.actions_skipped, 0);
    assert!(!summary.report.ok_or("a report")?.passed());

    // The dump is an ordinary transcript from the checkpoint on.
    let replay = Replay::from_file(&dump)?;
    assert!(!replay.is_cut_short());
    let state: State = replay.initial_state()?;
    assert_eq!(state, State { total: 3 });
    let mut counter = Counter {
        state,
        deps: ReplayedDeps {
            storage: replay.port("storage"),
            network: replay.port("network"),
        },
    };
    let report = replay.drive(|call| match call.method() {
        "add" => Ok(Outcome::from_result(&counter.add(call.arg("n")?))?),
        _ => Err(ReplayError::unknown_method(call)),
    });
    report.assert_clean();
    assert_eq!(report.counts(), (2, 3)); // add(3): write, send; add(4): write
    Ok(())
}
