//! The run: seeded items put on a recorded queue in three bursts, the last
//! one a single slow item; and the replay of a transcript (a whole recording
//! or a flight-recorder dump) against the same component.

use std::error::Error;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use reprise::expect::{Profile, Profiles, Report};
use reprise::recorder::{Action, Budget, FileSink, Recorder, Summary, task};
use reprise::replayer::Replay;
use reprise::transcript::{Event, Reader};

use crate::queue::{
    self, Api, ApiDispatcher, Item, Probes, RecordedApi, RecordedProcessor, ReplayProcessor,
    Service, State,
};

/// The profile file next to the example.
pub const PROFILES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/queue_worker/profiles.toml"
);

/// The item that is slow: 1000 KiB, so a second in the processing service.
pub const SLOW_ITEM: u64 = 7;

/// Loads [`PROFILES`].
pub fn profiles() -> Result<Profiles, Box<dyn Error>> {
    Ok(Profiles::load(PROFILES)?)
}

/// The items, in three bursts: ids 0-2, ids 3-6 (sizes 2-8 KiB from a
/// seeded generator), then the slow item alone.
pub fn bursts() -> Vec<Vec<Item>> {
    let mut x: u64 = 42;
    let mut size = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        2 + (x >> 33) % 7
    };
    let mut item = |id| Item {
        id,
        size_kib: size(),
    };
    vec![
        (0..3).map(&mut item).collect(),
        (3..7).map(&mut item).collect(),
        vec![Item {
            id: SLOW_ITEM,
            size_kib: 1000,
        }],
    ]
}

/// What a recorded run left behind.
pub struct Recorded {
    /// The recorder's summary: the live report, the dumps.
    pub summary: Summary,
    /// The whole recording.
    pub transcript: PathBuf,
    /// The tickets the queue handed out.
    pub tickets: Vec<u64>,
}

/// Records one run of the queue under `profile`: the transcript and any
/// flight-recorder dump go to `dir`. A failure dumps the flight recorder and
/// asks the worker for a checkpoint.
pub fn record(profile: &Profile, dir: &Path) -> Result<Recorded, Box<dyn Error>> {
    std::fs::create_dir_all(dir)?;
    let transcript = dir.join(format!("{}.jsonl", profile.name()));
    let initial = State::default();
    // The operator's limits for this environment, from the profile file.
    let budget = Budget::from_profile(profile);
    let recorder = Recorder::builder("queue_worker")
        .meta("profile", profile.name())
        .sink(FileSink::builder(&transcript).open()?)
        .expectations(queue::expectations().with_profile(profile)?)
        .flight_recorder(1 << 20)
        .on_failure(
            Action::DumpFlightRecorder {
                dir: dir.to_owned(),
            },
            budget,
        )
        // The worker answers at the top of its loop (see `Worker::run`).
        .on_failure(Action::Checkpoint, budget)
        .start(&initial)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let tickets = runtime.block_on(produce(&recorder, initial))?;
    let summary = recorder.finish()?;
    Ok(Recorded {
        summary,
        transcript,
        tickets,
    })
}

/// The producer: puts each burst on the queue and waits for it to drain.
async fn produce(recorder: &Recorder, initial: State) -> Result<Vec<u64>, Box<dyn Error>> {
    let probes: Probes = {
        let recorder = recorder.clone();
        Arc::new(move |name, fields| recorder.probe(name, &fields))
    };
    let processor = RecordedProcessor::new(Service, recorder);
    let (queue, mut drain, worker) = queue::start(initial, processor, probes);
    let worker = worker.checkpoints(recorder.clone());
    let worker = tokio::spawn(task::in_task("worker", worker.run()));
    let mut api = RecordedApi::new(queue, recorder);
    let mut tickets = Vec::new();
    for burst in bursts() {
        for item in burst {
            tickets.push(api.enqueue(item)?);
        }
        drain.wait().await;
    }
    drop(api);
    worker.await?;
    Ok(tickets)
}

/// Replays the transcript at `path` against the real queue, its processing
/// service served from the transcript, and returns the report.
pub fn replay(path: &Path) -> Result<Report, Box<dyn Error>> {
    let replay = Replay::from_file(path)?;
    let state: State = replay.initial_state()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let report = runtime.block_on(async {
        let processor = ReplayProcessor::new(&replay);
        let (mut queue, _drain, worker) = queue::start(state, processor, queue::no_probes());
        let worker = tokio::spawn(worker.run());
        let report = replay
            .drive_async(async |call| ApiDispatcher::dispatch(&mut queue, &call))
            .await;
        drop(queue);
        // A dump whose calls had not returned within `DUMP_WAIT` ends inside
        // the last: the replayed worker is stopped there (the report notes
        // it), and its task ends with that unwind.
        let _ = worker.await;
        report
    });
    Ok(report)
}

/// The checkpoints (the `state` events after the initial one) of the
/// transcript at `path`: each one's seq and the queue's state.
pub fn checkpoints(path: &Path) -> Result<Vec<(u64, State)>, Box<dyn Error>> {
    let mut found = Vec::new();
    for event in Reader::new(File::open(path)?)? {
        if let Event::State(state) = event?
            && state.label == "checkpoint"
        {
            found.push((state.seq, serde_json::from_value(state.state)?));
        }
    }
    Ok(found)
}
