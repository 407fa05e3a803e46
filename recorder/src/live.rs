//! Live expectations, the flight recorder and actions on failure.
//!
//! Everything here is optional and reached through one `Option` check in the
//! recorder's critical section: with no expectations and no flight recorder
//! configured, recording costs what it always did.

use std::collections::VecDeque;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use reprise_expect::{Engine, Finding, Report, Watches};
use reprise_transcript::{End, encode_line};

use crate::RecordError;
use crate::backlog::{Backlog, HELP_AT, WAKE_AT};
use crate::encode::{About, Kind};

/// The default interval at which the watchdog checks deadlines: 50 ms.
pub const DEFAULT_WATCHDOG_INTERVAL: Duration = Duration::from_millis(50);

/// What the recorder does when its live expectations report a new failure.
/// Set with [`RecorderBuilder::on_failure`](crate::RecorderBuilder::on_failure).
///
/// Actions observe only: they never change the component's state, and they
/// run on the recorder's watchdog thread, never on the calling thread.
///
/// Each action taken adds a note to the live report
/// ([`Summary::report`](crate::Summary::report)) saying what it did.
///
/// ```
/// use reprise_recorder::Action;
/// let actions = [Action::DumpFlightRecorder { dir: std::env::temp_dir() }, Action::Checkpoint];
/// assert!(matches!(actions[0], Action::DumpFlightRecorder { .. }));
/// assert_eq!(actions[1], Action::Checkpoint);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Writes the flight recorder (see
    /// [`RecorderBuilder::flight_recorder`](crate::RecorderBuilder::flight_recorder))
    /// as a transcript in `dir`, named
    /// `<component>-seq<seq>-<expectation id>.jsonl` after the failure.
    DumpFlightRecorder {
        /// The directory the dumps go to (created if missing).
        dir: PathBuf,
    },
    /// Requests a checkpoint: the recorder cannot serialise the
    /// component's state itself, so it raises a flag that the component
    /// polls at a safe point of its own (the top of its event loop) with
    /// [`Recorder::checkpoint_requested`](crate::Recorder::checkpoint_requested),
    /// and answers with [`Recorder::checkpoint`](crate::Recorder::checkpoint),
    /// which clears it. The checkpoint then restarts the flight recorder's
    /// window, so a later dump starts from a state after the failure.
    ///
    /// Several failures while a request is pending make one request. Each
    /// request counts against
    /// [`Budget::checkpoints_per_hour`]; a failure found only when the
    /// recording finishes can no longer be answered, and is counted as
    /// skipped.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use reprise_expect::{Expectations, expect};
    /// use reprise_recorder::{Action, Budget, MemorySink, Recorder};
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .expectations(Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")))
    ///     .on_failure(Action::Checkpoint, Budget::default())
    ///     .watchdog_interval(Duration::from_millis(1))
    ///     .start(&0)?;
    /// recorder.probe("panic", &serde_json::json!({}));
    /// // The component's event loop: poll at the top, answer with its state.
    /// let deadline = Instant::now() + Duration::from_secs(10);
    /// while !recorder.checkpoint_requested() && Instant::now() < deadline {
    ///     std::thread::sleep(Duration::from_millis(1));
    /// }
    /// recorder.checkpoint(&1);
    /// assert!(!recorder.checkpoint_requested());
    /// let report = recorder.finish()?.report.expect("a report");
    /// assert!(report.notes().iter().any(|n| n == "checkpoint requested for `no.panic` at seq 1"));
    /// # Ok::<(), reprise_recorder::RecordError>(())
    /// ```
    Checkpoint,
}

/// An operator's limit on what actions may cost. Past it, the recorder
/// stops acting and counts what it skipped
/// ([`Summary::actions_skipped`](crate::Summary::actions_skipped)) and says
/// so in the report's notes.
///
/// The defaults: 6 dumps per hour, 16 MiB per dump, 256 MiB in all, 60
/// checkpoint requests per hour.
///
/// ```
/// use reprise_recorder::Budget;
/// let budget = Budget { dumps_per_hour: 2, ..Budget::default() };
/// assert_eq!((budget.dumps_per_hour, budget.bytes_per_dump), (2, 16 << 20));
/// assert_eq!(budget.checkpoints_per_hour, 60);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Dumps allowed in any sliding hour.
    pub dumps_per_hour: u32,
    /// A dump larger than this is not written (and counted as skipped).
    pub bytes_per_dump: u64,
    /// Bytes all dumps of this recording may write together.
    pub total_bytes: u64,
    /// Checkpoint requests ([`Action::Checkpoint`]) allowed in any sliding
    /// hour. Failures while a request is pending add none.
    ///
    /// ```
    /// use reprise_recorder::Budget;
    /// let budget = Budget { checkpoints_per_hour: 1, ..Budget::default() };
    /// assert_eq!((budget.checkpoints_per_hour, budget.dumps_per_hour), (1, 6));
    /// ```
    pub checkpoints_per_hour: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            dumps_per_hour: 6,
            bytes_per_dump: 16 << 20,
            total_bytes: 256 << 20,
            checkpoints_per_hour: 60,
        }
    }
}

impl Budget {
    /// The budget a profile file sets for this environment
    /// (`[budgets.<profile>]`), with the defaults for any limit it leaves out.
    ///
    /// ```
    /// use reprise_expect::Profiles;
    /// use reprise_recorder::Budget;
    /// let profiles = Profiles::from_str(
    ///     "[profiles.prod]\n[budgets.prod]\ndumps_per_hour = 1\ncheckpoints_per_hour = 4\n",
    ///     "p.toml",
    /// )?;
    /// let budget = Budget::from_profile(profiles.get("prod")?);
    /// assert_eq!((budget.dumps_per_hour, budget.checkpoints_per_hour), (1, 4));
    /// assert_eq!(budget.total_bytes, Budget::default().total_bytes);
    /// # Ok::<(), reprise_expect::ProfileError>(())
    /// ```
    pub fn from_profile(profile: &reprise_expect::Profile) -> Budget {
        let default = Budget::default();
        let Some(set) = profile.budget() else {
            return default;
        };
        Budget {
            dumps_per_hour: set.dumps_per_hour.unwrap_or(default.dumps_per_hour),
            bytes_per_dump: set.bytes_per_dump.unwrap_or(default.bytes_per_dump),
            total_bytes: set.total_bytes.unwrap_or(default.total_bytes),
            checkpoints_per_hour: set
                .checkpoints_per_hour
                .unwrap_or(default.checkpoints_per_hour),
        }
    }
}

/// What a flight-recorder dump wrote, from
/// [`Recorder::dump_flight_recorder`](crate::Recorder::dump_flight_recorder).
///
/// ```
/// use reprise_recorder::{MemorySink, Recorder};
/// let dir = tempfile::tempdir()?;
/// let recorder = Recorder::builder("c").sink(MemorySink::new()).flight_recorder(1 << 20).start(&0)?;
/// recorder.probe("tick", &1);
/// let dump = recorder.dump_flight_recorder(dir.path().join("dump.jsonl"))?;
/// assert_eq!((dump.events, dump.dropped), (2, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dump {
    /// The file written.
    pub path: PathBuf,
    /// Event lines written, the checkpoint included.
    pub events: u64,
    /// Events since the checkpoint that the byte bound pushed out.
    pub dropped: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The flight recorder's memory: the header, the latest checkpoint and
/// every event line since, bounded in bytes.
pub(crate) struct Flight {
    header: Vec<u8>,
    checkpoint: Vec<u8>,
    events: VecDeque<Vec<u8>>,
    bytes: usize,
    max_bytes: usize,
    dropped: u64,
}

impl Flight {
    fn push(&mut self, kind: Kind, line: &[u8]) {
        if matches!(kind, Kind::State) {
            self.checkpoint.clear();
            self.checkpoint.extend_from_slice(line);
            self.events.clear();
            self.bytes = 0;
            self.dropped = 0;
            return;
        }
        // Reuse the oldest buffer when the bound pushes it out.
        let mut buf = Vec::new();
        while self.bytes + line.len() > self.max_bytes {
            let Some(old) = self.events.pop_front() else {
                break;
            };
            self.bytes -= old.len();
            self.dropped += 1;
            buf = old;
        }
        if line.len() > self.max_bytes {
            self.dropped += 1;
            return;
        }
        buf.clear();
        buf.extend_from_slice(line);
        self.bytes += buf.len();
        self.events.push_back(buf);
    }

    /// The dump as transcript text.
    fn render(&self) -> Result<(Vec<u8>, u64, u64), RecordError> {
        let mut out = Vec::with_capacity(self.header.len() + self.checkpoint.len() + self.bytes);
        for line in std::iter::once(&self.header)
            .chain(std::iter::once(&self.checkpoint))
            .chain(self.events.iter())
        {
            out.extend_from_slice(line);
            if !line.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        let events = 1 + self.events.len() as u64;
        let mut end = Vec::new();
        encode_line(&mut end, &End::new(events, self.dropped)).map_err(|source| {
            RecordError::Encode {
                what: "end",
                source,
            }
        })?;
        out.extend_from_slice(&end);
        if !end.ends_with(b"\n") {
            out.push(b'\n');
        }
        Ok((out, events, self.dropped))
    }
}

/// The action settings and what they did so far.
struct Acting {
    actions: Vec<Action>,
    budget: Budget,
    /// Failures already acted on (an index into the engine's findings).
    seen: usize,
    /// When the dumps of the last hour were written.
    recent: VecDeque<Instant>,
    /// When the checkpoint requests of the last hour were made.
    recent_checkpoints: VecDeque<Instant>,
    total_bytes: u64,
    dumps: Vec<PathBuf>,
    skipped: u64,
    notes: Vec<String>,
}

/// The live extras of one recorder, shared with its watchdog thread.
pub(crate) struct Live {
    component: String,
    start: Instant,
    /// The engine (until the recording finishes), locked to evaluate.
    engine: Option<Mutex<Evaluating>>,
    /// Events committed and not yet evaluated (lock order: the recorder's
    /// core, then this; the engine, then this).
    backlog: Mutex<Backlog>,
    /// What the engine watches, shared without its lock.
    watches: Option<Watches>,
    flight: Option<Mutex<Flight>>,
    acting: Mutex<Acting>,
    /// A checkpoint is requested ([`Action::Checkpoint`]) and not yet
    /// taken: set by the watchdog, cleared when a `state` line is committed.
    checkpoint_requested: AtomicBool,
    /// The recording has finished: a checkpoint can no longer be taken.
    ended: AtomicBool,
    stop: Mutex<bool>,
    wake: Condvar,
    watchdog: Mutex<Option<JoinHandle<()>>>,
}

/// The engine and the buffers it evaluates the backlog from.
struct Evaluating {
    engine: Option<Engine>,
    /// The backlog's other half: swapped with it to evaluate, so that
    /// recording threads wait on the backlog's lock only for a swap.
    spare: Backlog,
}

/// What the live extras report at the end of a recording.
pub(crate) struct LiveSummary {
    pub(crate) report: Option<Report>,
    pub(crate) dumps: Vec<PathBuf>,
    pub(crate) skipped: u64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The live settings a builder collected.
#[derive(Default)]
pub(crate) struct LiveConfig {
    pub(crate) expectations: Option<reprise_expect::Expectations>,
    pub(crate) interval: Option<Duration>,
    pub(crate) flight_bytes: Option<usize>,
    pub(crate) actions: Vec<Action>,
    pub(crate) budget: Option<Budget>,
}

impl LiveConfig {
    pub(crate) fn is_empty(&self) -> bool {
        self.expectations.is_none() && self.flight_bytes.is_none()
    }
}

impl Live {
    /// Sets up the extras, and the watchdog thread when expectations are
    /// configured. `header` is the encoded header line.
    pub(crate) fn start(
        config: LiveConfig,
        component: &str,
        start: Instant,
        header: &[u8],
    ) -> Result<Arc<Live>, RecordError> {
        let engine = config.expectations.as_ref().map(|e| e.engine(component));
        let has_engine = engine.is_some();
        let watches = engine.as_ref().map(|e| e.watches().clone());
        let live = Arc::new(Live {
            component: component.to_owned(),
            start,
            watches,
            engine: engine.map(|e| {
                Mutex::new(Evaluating {
                    engine: Some(e),
                    spare: Backlog::default(),
                })
            }),
            backlog: Mutex::new(Backlog::default()),
            flight: config.flight_bytes.map(|max_bytes| {
                Mutex::new(Flight {
                    header: header.strip_suffix(b"\n").unwrap_or(header).to_vec(),
                    checkpoint: Vec::new(),
                    events: VecDeque::new(),
                    bytes: 0,
                    max_bytes,
                    dropped: 0,
                })
            }),
            acting: Mutex::new(Acting {
                actions: config.actions,
                budget: config.budget.unwrap_or_default(),
                seen: 0,
                recent: VecDeque::new(),
                recent_checkpoints: VecDeque::new(),
                total_bytes: 0,
                dumps: Vec::new(),
                skipped: 0,
                notes: Vec::new(),
            }),
            checkpoint_requested: AtomicBool::new(false),
            ended: AtomicBool::new(false),
            stop: Mutex::new(false),
            wake: Condvar::new(),
            watchdog: Mutex::new(None),
        });
        if has_engine {
            let interval = config.interval.unwrap_or(DEFAULT_WATCHDOG_INTERVAL);
            let shared = Arc::clone(&live);
            let handle = std::thread::Builder::new()
                .name(format!("reprise-watchdog-{component}"))
                .spawn(move || shared.watch(interval))
                .map_err(|source| RecordError::SpawnWatchdog {
                    component: component.to_owned(),
                    source,
                })?;
            *lock(&live.watchdog) = Some(handle);
        }
        Ok(live)
    }

    /// Called in the critical section with each assembled event line.
    ///
    /// A `state` line answers a pending checkpoint request. Clearing the
    /// request here, under the recorder's lock, rather than before or after
    /// it, means no request is lost: one made before this line is answered
    /// by it (its seq comes after the failing event's), one made after
    /// stays pending.
    pub(crate) fn on_line(&self, kind: Kind, line: &[u8]) {
        if matches!(kind, Kind::State) {
            self.checkpoint_requested.store(false, Ordering::Relaxed);
        }
        if let Some(flight) = &self.flight {
            lock(flight).push(kind, line);
        }
    }

    /// Whether a checkpoint is requested and not yet taken.
    pub(crate) fn checkpoint_requested(&self) -> bool {
        self.checkpoint_requested.load(Ordering::Relaxed)
    }

    /// What the engine watches; `None` without expectations.
    pub(crate) fn watches(&self) -> Option<&Watches> {
        self.watches.as_ref()
    }

    /// Queues the event `about`, committed as `seq` at `at_ns`, for the
    /// engine (called in the critical section, so in seq order). Returns
    /// whether the backlog is past [`HELP_AT`]: the caller then evaluates
    /// it, with [`Live::evaluate`], once out of the critical section.
    pub(crate) fn enqueue(
        &self,
        about: About<'_>,
        watched: bool,
        seq: u64,
        at_ns: u64,
        payload: &str,
    ) -> bool {
        if self.engine.is_none() {
            return false;
        }
        let mut backlog = lock(&self.backlog);
        backlog.push(about, watched, seq, at_ns, payload);
        let waiting = backlog.len();
        drop(backlog);
        if waiting == WAKE_AT {
            self.wake.notify_one();
        }
        waiting >= HELP_AT
    }

    /// Evaluates the backlog.
    pub(crate) fn evaluate(&self) {
        if let Some(engine) = &self.engine {
            Live::evaluate_locked(&mut lock(engine), &self.backlog);
        }
    }

    /// Evaluates the backlog with the engine's lock held: whoever holds it
    /// evaluates what was queued before anything queued after.
    fn evaluate_locked(evaluating: &mut Evaluating, backlog: &Mutex<Backlog>) {
        std::mem::swap(&mut *lock(backlog), &mut evaluating.spare);
        if let Some(engine) = evaluating.engine.as_mut() {
            evaluating.spare.evaluate(engine);
        }
    }

    fn now_ns(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    /// The watchdog loop: checks deadlines and acts on new failures every
    /// `interval`, until told to stop; then one last pass.
    fn watch(&self, interval: Duration) {
        let mut stop = lock(&self.stop);
        while !*stop {
            drop(stop);
            self.pass();
            stop = lock(&self.stop);
            if *stop {
                break;
            }
            stop = self
                .wake
                .wait_timeout(stop, interval)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(stop);
        self.pass();
    }

    /// One watchdog pass.
    fn pass(&self) {
        let now = self.now_ns();
        let new: Vec<Finding> = match &self.engine {
            Some(engine) => {
                let mut guard = lock(engine);
                Live::evaluate_locked(&mut guard, &self.backlog);
                let Some(engine) = guard.engine.as_mut() else {
                    return;
                };
                engine.check_deadlines(now);
                let seen = lock(&self.acting).seen;
                let new = engine.findings().get(seen..).unwrap_or_default().to_vec();
                lock(&self.acting).seen = engine.findings().len();
                new
            }
            None => return,
        };
        for finding in new.iter().filter(|f| f.is_failure()) {
            self.act(finding);
        }
    }

    /// Runs the configured actions for one failure, within the budget.
    fn act(&self, finding: &Finding) {
        let actions = lock(&self.acting).actions.clone();
        for action in actions {
            match action {
                Action::DumpFlightRecorder { dir } => self.act_dump(&dir, finding),
                Action::Checkpoint => self.act_checkpoint(finding),
            }
        }
    }

    /// Requests a checkpoint, unless one is pending already.
    fn act_checkpoint(&self, finding: &Finding) {
        let (id, seq) = describe(finding);
        let mut acting = lock(&self.acting);
        if self.ended.load(Ordering::Relaxed) {
            acting.skipped += 1;
            acting.notes.push(format!(
                "no checkpoint for `{id}` at seq {seq}: the recording had ended"
            ));
            return;
        }
        // The pending request answers this failure too. (The component may
        // clear it right after this check: the failure then gets a request
        // of its own, one checkpoint more than needed, never one less.)
        if self.checkpoint_requested.load(Ordering::Relaxed) {
            return;
        }
        let hour = Duration::from_secs(3600);
        while acting
            .recent_checkpoints
            .front()
            .is_some_and(|t| t.elapsed() >= hour)
        {
            acting.recent_checkpoints.pop_front();
        }
        if acting.recent_checkpoints.len() as u64 >= u64::from(acting.budget.checkpoints_per_hour) {
            acting.skipped += 1;
            acting.notes.push(format!(
                "budget (checkpoints per hour) exhausted: no checkpoint requested for `{id}` at seq {seq}"
            ));
            return;
        }
        acting.recent_checkpoints.push_back(Instant::now());
        self.checkpoint_requested.store(true, Ordering::Relaxed);
        acting
            .notes
            .push(format!("checkpoint requested for `{id}` at seq {seq}"));
    }

    fn act_dump(&self, dir: &Path, finding: &Finding) {
        let (id, seq) = describe(finding);
        let name = format!(
            "{}-seq{seq}-{}.jsonl",
            sanitize(&self.component),
            sanitize(id)
        );
        let rendered = match &self.flight {
            Some(flight) => lock(flight).render(),
            None => {
                let mut acting = lock(&self.acting);
                acting.skipped += 1;
                acting.notes.push(format!(
                    "no flight recorder to dump for `{id}` at seq {seq}"
                ));
                return;
            }
        };
        let mut acting = lock(&self.acting);
        let hour = Duration::from_secs(3600);
        while acting.recent.front().is_some_and(|t| t.elapsed() >= hour) {
            acting.recent.pop_front();
        }
        let (bytes, ..) = match rendered {
            Ok(r) => r,
            Err(e) => {
                acting.skipped += 1;
                acting.notes.push(format!("dump for `{id}` failed: {e}"));
                return;
            }
        };
        let size = bytes.len() as u64;
        let budget = acting.budget;
        let over = if acting.recent.len() as u64 >= u64::from(budget.dumps_per_hour) {
            Some("dumps per hour")
        } else if size > budget.bytes_per_dump {
            Some("bytes per dump")
        } else if acting.total_bytes + size > budget.total_bytes {
            Some("total bytes")
        } else {
            None
        };
        if let Some(limit) = over {
            acting.skipped += 1;
            acting.notes.push(format!(
                "budget ({limit}) exhausted: no flight-recorder dump for `{id}` at seq {seq}"
            ));
            return;
        }
        acting.recent.push_back(Instant::now());
        acting.total_bytes += size;
        drop(acting);
        let path = dir.join(name);
        let written = fs::create_dir_all(dir).and_then(|()| fs::write(&path, &bytes));
        let mut acting = lock(&self.acting);
        match written {
            Ok(()) => {
                acting.notes.push(format!(
                    "flight recorder dumped to {} for `{id}` at seq {seq}",
                    path.display()
                ));
                acting.dumps.push(path);
            }
            Err(e) => {
                acting.skipped += 1;
                acting
                    .notes
                    .push(format!("cannot write dump `{}`: {e}", path.display()));
            }
        }
    }

    /// The findings so far.
    pub(crate) fn findings(&self) -> Vec<Finding> {
        let Some(engine) = &self.engine else {
            return Vec::new();
        };
        let mut guard = lock(engine);
        Live::evaluate_locked(&mut guard, &self.backlog);
        guard
            .engine
            .as_ref()
            .map(|e| e.findings().to_vec())
            .unwrap_or_default()
    }

    /// Writes the flight recorder to `path`.
    pub(crate) fn dump(&self, path: &Path) -> Result<Dump, RecordError> {
        let Some(flight) = &self.flight else {
            return Err(RecordError::NoFlightRecorder {
                component: self.component.clone(),
            });
        };
        let (bytes, events, dropped) = lock(flight).render()?;
        fs::write(path, &bytes).map_err(|source| RecordError::Write {
            path: path.to_owned(),
            source,
        })?;
        Ok(Dump {
            path: path.to_owned(),
            events,
            dropped,
            bytes: bytes.len() as u64,
        })
    }

    /// Stops the watchdog (after its last pass) and finishes the engine.
    pub(crate) fn finish(&self) -> LiveSummary {
        // No event can be committed any more, so no checkpoint taken.
        self.ended.store(true, Ordering::Relaxed);
        *lock(&self.stop) = true;
        self.wake.notify_all();
        let handle = lock(&self.watchdog).take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
        let engine = self.engine.as_ref().and_then(|e| {
            let mut guard = lock(e);
            Live::evaluate_locked(&mut guard, &self.backlog);
            guard.engine.take()
        });
        let report = engine.map(|mut engine| {
            engine.check_deadlines(self.now_ns());
            let report = engine.finish();
            // Failures found only now (a `must` never met, a window short at
            // the end) get their actions too.
            let seen = lock(&self.acting).seen;
            for finding in report.findings().iter().skip(seen) {
                if finding.is_failure() {
                    self.act(finding);
                }
            }
            let mut acting = lock(&self.acting);
            let mut notes = report.notes().to_vec();
            notes.append(&mut acting.notes);
            if self.checkpoint_requested() {
                notes.push(
                    "the checkpoint requested last was not taken before the recording ended"
                        .to_owned(),
                );
            }
            if acting.skipped > 0 {
                notes.push(format!(
                    "{} action(s) on failure skipped (budget or error)",
                    acting.skipped
                ));
            }
            report.with_notes(notes)
        });
        let mut acting = lock(&self.acting);
        LiveSummary {
            report,
            dumps: std::mem::take(&mut acting.dumps),
            skipped: acting.skipped,
        }
    }
}

/// The expectation id and the seq of `finding`, as notes and file names
/// give them.
fn describe(finding: &Finding) -> (&str, String) {
    let id = finding.expectation.as_deref().unwrap_or("divergence");
    let seq = finding
        .seq
        .map_or_else(|| "none".to_owned(), |s| s.to_string());
    (id, seq)
}

/// A file-name-safe form of `s`.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
