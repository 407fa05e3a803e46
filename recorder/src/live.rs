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
use reprise_sanitizer::Report as ScrubReport;

use crate::RecordError;
use crate::action::{Action, Budget};
use crate::backlog::{Backlog, HELP_AT, WAKE_AT};
use crate::encode::About;
use crate::flight::{Dump, Flight};
use crate::timestamp::Timestamps;

/// The default interval at which the watchdog checks deadlines: 50 ms.
pub const DEFAULT_WATCHDOG_INTERVAL: Duration = Duration::from_millis(50);

/// How long a flight-recorder dump on failure waits for the calls in flight
/// to return, so that the dump holds their returns and replays to its end:
/// 2 s. A call still running after that (one that hangs) ends the dump
/// without its return; replay stops there and says so.
pub const DUMP_WAIT: Duration = Duration::from_secs(2);

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
    /// Dumps decided but waiting for the calls in flight to return.
    waiting_dumps: Vec<WaitingDump>,
    skipped: u64,
    notes: Vec<String>,
    /// Notes past [`ACTION_NOTES`], counted.
    notes_not_kept: u64,
}

/// How many notes the actions keep: a failure repeating for days past its
/// budget must not grow memory; the rest are counted.
const ACTION_NOTES: usize = 100;

impl Acting {
    /// Counts an action not taken, with a note saying why.
    fn skip(&mut self, note: String) {
        self.skipped += 1;
        self.note(note);
    }

    /// Keeps a note on what an action did, up to [`ACTION_NOTES`].
    fn note(&mut self, note: String) {
        if self.notes.len() < ACTION_NOTES {
            self.notes.push(note);
        } else {
            self.notes_not_kept += 1;
        }
    }
}

/// A dump on failure waiting for the calls in flight to return.
struct WaitingDump {
    dir: PathBuf,
    finding: Finding,
    since: Instant,
    /// The dump, rendered when a checkpoint came first (it starts the
    /// flight recorder over, and the dump is of the window before it).
    rendered: Option<Rendered>,
}

/// A rendered dump: its text, event count and events dropped.
type Rendered = Result<(Vec<u8>, u64, u64), RecordError>;

/// The live extras of one recorder, shared with its watchdog thread.
pub(crate) struct Live {
    component: String,
    /// The recording's clock, which `at_ns` is read from: deadlines are
    /// checked against it.
    clock: Timestamps,
    /// The engine (until the recording finishes), locked to evaluate.
    engine: Option<Mutex<Evaluating>>,
    /// Events committed and not yet evaluated (lock order: the recorder's
    /// core, then this; the engine, then this).
    backlog: Mutex<Backlog>,
    /// What the engine watches, shared without its lock.
    watches: Option<Watches>,
    flight: Option<Mutex<Flight>>,
    acting: Mutex<Acting>,
    /// Some dump waits for calls in flight (see [`Acting::waiting_dumps`]).
    dumps_waiting: AtomicBool,
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
    /// configured. `header` is the encoded header line; `scrubbed`, with a
    /// sanitizer, its report so far (the rules, and what the header's `meta`
    /// held), which a dump's `end` line starts from.
    pub(crate) fn start(
        config: LiveConfig,
        component: &str,
        clock: Timestamps,
        header: &[u8],
        scrubbed: Option<ScrubReport>,
    ) -> Result<Arc<Live>, RecordError> {
        let engine = config.expectations.as_ref().map(|e| e.engine(component));
        let has_engine = engine.is_some();
        let watches = engine.as_ref().map(|e| e.watches().clone());
        let live = Arc::new(Live {
            component: component.to_owned(),
            clock,
            watches,
            engine: engine.map(|e| {
                Mutex::new(Evaluating {
                    engine: Some(e),
                    spare: Backlog::default(),
                })
            }),
            backlog: Mutex::new(Backlog::default()),
            flight: config
                .flight_bytes
                .map(|max_bytes| Mutex::new(Flight::new(header, max_bytes, scrubbed))),
            acting: Mutex::new(Acting {
                actions: config.actions,
                budget: config.budget.unwrap_or_default(),
                seen: 0,
                recent: VecDeque::new(),
                recent_checkpoints: VecDeque::new(),
                total_bytes: 0,
                dumps: Vec::new(),
                waiting_dumps: Vec::new(),
                skipped: 0,
                notes: Vec::new(),
                notes_not_kept: 0,
            }),
            dumps_waiting: AtomicBool::new(false),
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
    ///
    /// `scrubbed` is what the sanitizer scrubbed in the line's payload, for
    /// the flight recorder (see [`Live::keeps_flight`]).
    pub(crate) fn on_line(
        &self,
        about: About<'_>,
        seq: u64,
        line: &[u8],
        scrubbed: Option<Box<ScrubReport>>,
    ) {
        if matches!(about, About::State { .. }) {
            self.checkpoint_requested.store(false, Ordering::Relaxed);
        }
        if let Some(flight) = &self.flight {
            let mut flight = lock(flight);
            if matches!(about, About::State { .. }) && self.dumps_waiting.load(Ordering::Acquire) {
                // The checkpoint starts the window over: the dumps waiting
                // are of the window it ends. (Lock order: flight, then
                // acting; nothing takes the flight's lock holding acting's.)
                let mut acting = lock(&self.acting);
                for waiting in &mut acting.waiting_dumps {
                    if waiting.rendered.is_none() {
                        waiting.rendered = Some(flight.render());
                    }
                }
            }
            flight.push(about, seq, line, scrubbed);
        }
    }

    /// Whether a flight recorder is kept: only then does a line's scrub
    /// report need to reach [`Live::on_line`].
    pub(crate) fn keeps_flight(&self) -> bool {
        self.flight.is_some()
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
        payload: &[u8],
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
        self.clock.now_ns()
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
        self.write_dumps(false);
    }

    /// Writes the dumps waiting for calls in flight once none is left, or
    /// once they have waited [`DUMP_WAIT`]; all of them when `now`.
    fn write_dumps(&self, now: bool) {
        if !self.dumps_waiting.load(Ordering::Acquire) {
            return;
        }
        // Decided and rendered under the flight recorder's lock, so that no
        // checkpoint comes between (lock order: flight, then acting).
        let flight = self.flight.as_ref().map(lock);
        let ready = now || flight.as_ref().is_none_or(|f| !f.calls_in_flight());
        let mut due: Vec<WaitingDump> = {
            let mut acting = lock(&self.acting);
            let waiting = std::mem::take(&mut acting.waiting_dumps);
            let (due, wait): (Vec<_>, Vec<_>) = waiting
                .into_iter()
                .partition(|w| ready || w.rendered.is_some() || w.since.elapsed() >= DUMP_WAIT);
            acting.waiting_dumps = wait;
            self.dumps_waiting
                .store(!acting.waiting_dumps.is_empty(), Ordering::Release);
            due
        };
        if let Some(flight) = &flight {
            for waiting in due.iter_mut().filter(|w| w.rendered.is_none()) {
                waiting.rendered = Some(flight.render());
            }
        }
        drop(flight);
        for waiting in due {
            self.act_dump(&waiting.dir, &waiting.finding, waiting.rendered);
        }
    }

    /// Runs the configured actions for one failure, within the budget.
    fn act(&self, finding: &Finding) {
        let actions = lock(&self.acting).actions.clone();
        for action in actions {
            match action {
                Action::DumpFlightRecorder { dir } => {
                    lock(&self.acting).waiting_dumps.push(WaitingDump {
                        dir,
                        finding: finding.clone(),
                        since: Instant::now(),
                        rendered: None,
                    });
                    self.dumps_waiting.store(true, Ordering::Release);
                }
                Action::Checkpoint => self.act_checkpoint(finding),
            }
        }
    }

    /// Requests a checkpoint, unless one is pending already.
    fn act_checkpoint(&self, finding: &Finding) {
        let (id, seq) = describe(finding);
        let mut acting = lock(&self.acting);
        if self.ended.load(Ordering::Relaxed) {
            acting.skip(format!(
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
        let budget = u64::from(acting.budget.checkpoints_per_hour);
        if in_last_hour(&mut acting.recent_checkpoints) >= budget {
            acting.skip(format!(
                "budget (checkpoints per hour) exhausted: no checkpoint requested for `{id}` at seq {seq}"
            ));
            return;
        }
        acting.recent_checkpoints.push_back(Instant::now());
        self.checkpoint_requested.store(true, Ordering::Relaxed);
        acting.note(format!("checkpoint requested for `{id}` at seq {seq}"));
    }

    /// Writes a dump for `finding` in `dir` (the flight recorder now, unless
    /// `rendered` before), within the budget.
    fn act_dump(&self, dir: &Path, finding: &Finding, rendered: Option<Rendered>) {
        let (id, seq) = describe(finding);
        let name = format!(
            "{}-seq{seq}-{}.jsonl",
            sanitize(&self.component),
            sanitize(id)
        );
        let rendered = match (&self.flight, rendered) {
            (_, Some(rendered)) => rendered,
            (Some(flight), None) => lock(flight).render(),
            (None, None) => {
                let mut acting = lock(&self.acting);
                acting.skip(format!(
                    "no flight recorder to dump for `{id}` at seq {seq}"
                ));
                return;
            }
        };
        let mut acting = lock(&self.acting);
        let recent = in_last_hour(&mut acting.recent);
        let (bytes, ..) = match rendered {
            Ok(r) => r,
            Err(e) => {
                acting.skip(format!("dump for `{id}` failed: {e}"));
                return;
            }
        };
        let size = bytes.len() as u64;
        let budget = acting.budget;
        let over = if recent >= u64::from(budget.dumps_per_hour) {
            Some("dumps per hour")
        } else if size > budget.bytes_per_dump {
            Some("bytes per dump")
        } else if acting.total_bytes + size > budget.total_bytes {
            Some("total bytes")
        } else {
            None
        };
        if let Some(limit) = over {
            acting.skip(format!(
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
                acting.note(format!(
                    "flight recorder dumped to {} for `{id}` at seq {seq}",
                    path.display()
                ));
                acting.dumps.push(path);
            }
            Err(e) => {
                acting.skip(format!("cannot write dump `{}`: {e}", path.display()));
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
            // Nothing more will return: the dumps still waiting go now.
            self.write_dumps(true);
            let mut acting = lock(&self.acting);
            let mut notes = report.notes().to_vec();
            notes.append(&mut acting.notes);
            if acting.notes_not_kept > 0 {
                notes.push(format!(
                    "{} more note(s) on actions not kept (the first {ACTION_NOTES} are)",
                    acting.notes_not_kept
                ));
            }
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

/// How many of `times` are within the last hour, forgetting the older ones.
fn in_last_hour(times: &mut VecDeque<Instant>) -> u64 {
    let hour = Duration::from_secs(3600);
    while times.front().is_some_and(|t| t.elapsed() >= hour) {
        times.pop_front();
    }
    times.len() as u64
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
