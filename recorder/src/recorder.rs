//! The [`Recorder`]: one transcript, written in `seq` order from any thread.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::SystemTime;

use reprise_sanitizer::{Config, KEY_ENV, Key, Report, Sanitizer};
use reprise_transcript::{End, Header, encode_line};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::RecordError;
use crate::action::{Action, Budget};
use crate::encode::{self, About, Draft};
use crate::flight::Dump;
use crate::live::{Live, LiveConfig};
use crate::port::Port;
use crate::sink::{Delivery, LineKind, Sink};
use crate::timestamp::Timestamps;
use reprise_expect::{Expectations, Finding, Watches};

/// The version written in the header's `recorder` field.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Writes one transcript: the header, the initial state, then every event
/// recorded through it or its [`Port`]s, from any number of threads and tasks.
///
/// A `Recorder` is a cheap handle (an `Arc` inside): clone it freely. The
/// transcript is finished by [`Recorder::finish`], or, best effort, when the
/// last handle to it (every `Recorder` clone, [`Port`], recorded clock and
/// entropy) is dropped.
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("kv-node")
///     .meta("version", "1.2.0")
///     .sink(sink.clone())
///     .start(&serde_json::json!({"keys": 0}))?;
/// let network = recorder.port("network");
/// let sent: usize = network.outbound("send", &serde_json::json!({"to": 2}), || 42);
/// recorder.probe("queue.depth", &serde_json::json!({"len": 12}));
/// recorder.checkpoint(&serde_json::json!({"keys": 1}));
/// let summary = recorder.finish()?;
/// assert_eq!((sent, summary.events), (42, 5));
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Clone)]
pub struct Recorder {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("component", &self.inner.component)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Recorder`]. Made by [`Recorder::builder`].
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// let recorder = Recorder::builder("kv-node")
///     .meta("node", 3)
///     .sink(MemorySink::new())
///     .start(&())?;
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[must_use = "a builder does nothing until `.start(..)`"]
pub struct RecorderBuilder {
    component: String,
    meta: Map<String, Value>,
    meta_failures: Vec<String>,
    sink: Option<Box<dyn Sink>>,
    sanitizer: Option<SanitizerSource>,
    live: LiveConfig,
}

/// Where the recorder's sanitizer comes from: built by the caller, or a
/// rules file loaded by `start`.
enum SanitizerSource {
    Built(Box<Sanitizer>),
    RulesFile(std::path::PathBuf),
}

impl std::fmt::Debug for RecorderBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecorderBuilder")
            .field("component", &self.component)
            .field("meta", &self.meta)
            .field("sink", &self.sink.is_some())
            .field("sanitizer", &self.sanitizer.is_some())
            .finish()
    }
}

/// What a finished recording wrote, from [`Recorder::finish`].
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// let summary = Recorder::builder("demo").sink(MemorySink::new()).start(&())?.finish()?;
/// assert_eq!(summary.events, 1); // the initial state
/// assert!(summary.is_complete());
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Summary {
    /// Event lines written (the `end` line's `events`).
    pub events: u64,
    /// Events dropped under the sink's overflow policy (the `end` line's `dropped`).
    pub dropped: u64,
    /// Values whose `Serialize` impl failed; each was recorded as
    /// `{"$unserializable": "<error>"}`.
    pub serialization_failures: u64,
    /// What the first of those failures was, and where.
    pub first_serialization_failure: Option<String>,
    /// The live expectations' report (see [`RecorderBuilder::expectations`]),
    /// with a note for each action on failure taken or skipped; `None`
    /// without expectations.
    pub report: Option<reprise_expect::Report>,
    /// The flight-recorder dumps written by actions on failure
    /// ([`RecorderBuilder::on_failure`]).
    pub dumps: Vec<std::path::PathBuf>,
    /// Actions on failure not taken: past the budget, failed, or (a
    /// checkpoint request) too late, the recording having ended.
    pub actions_skipped: u64,
}

impl Summary {
    /// Whether every event was written with its real value: nothing dropped,
    /// no serialisation failure.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let recorder = Recorder::builder("demo").sink(MemorySink::new()).start(&())?;
    /// let weird: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
    /// recorder.probe("weird", &weird);
    /// let summary = recorder.finish()?;
    /// assert!(!summary.is_complete());
    /// assert_eq!(summary.serialization_failures, 1);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn is_complete(&self) -> bool {
        self.dropped == 0 && self.serialization_failures == 0
    }
}

impl Recorder {
    /// Starts configuring the recorder of the component named `component`
    /// (written in the header).
    ///
    /// ```
    /// let builder = reprise::recorder::Recorder::builder("kv-node");
    /// ```
    pub fn builder(component: impl Into<String>) -> RecorderBuilder {
        RecorderBuilder {
            component: component.into(),
            meta: Map::new(),
            meta_failures: Vec::new(),
            sink: None,
            sanitizer: None,
            live: LiveConfig::default(),
        }
    }

    /// A recording port for the boundary named `name` (`network`, `storage`, `api`).
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let storage = recorder.port("storage");
    /// assert_eq!(storage.name(), "storage");
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn port(&self, name: &str) -> Port {
        Port::new(Arc::clone(&self.inner), name)
    }

    /// The component's name, as given to [`Recorder::builder`].
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("kv-node").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// assert_eq!(recorder.component(), "kv-node");
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn component(&self) -> &str {
        &self.inner.component
    }

    /// Records a `probe` event: a named measurement (`queue.depth`) with its
    /// fields, usually an object.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// recorder.probe("queue.depth", &serde_json::json!({"len": 12}));
    /// recorder.flush()?;
    /// assert!(sink.contents_string().contains(r#""kind":"probe","seq":1,"name":"queue.depth","fields":{"len":12}"#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn probe<F: Serialize + ?Sized>(&self, name: &str, fields: &F) {
        let inner = &*self.inner;
        let watched = inner.watches().is_some_and(|w| w.probe(name));
        inner.record(About::Probe { name }, watched, |d| {
            d.raw(br#","name":"#);
            d.string(name);
            d.raw(br#","fields":"#);
            inner.payload(d, "fields", fields, || {
                format!("the fields of probe `{name}`")
            });
            d.split_here();
            d.close();
        });
    }

    /// Records a checkpoint: a `state` event labelled `checkpoint`, a key
    /// frame that replay (and the flight recorder) can start from. It
    /// answers a pending request ([`Recorder::checkpoint_requested`]).
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("c").sink(sink.clone()).start(&0)?;
    /// recorder.checkpoint(&1);
    /// recorder.flush()?;
    /// assert!(sink.contents_string().contains(r#"{"kind":"state","seq":1,"label":"checkpoint","state":1}"#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn checkpoint<S: Serialize + ?Sized>(&self, state: &S) {
        self.inner.state("checkpoint", state);
    }

    /// Whether an [`Action::Checkpoint`] has requested a checkpoint that
    /// the component has not taken yet. The recorder cannot serialise the
    /// component's state itself: poll this at a safe point of the
    /// component's own (the top of its event loop) and answer with
    /// [`Recorder::checkpoint`], which clears it.
    ///
    /// One atomic load: cheap enough to call on every turn of a loop.
    /// Always `false` without live expectations.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::recorder::{Action, Budget, MemorySink, Recorder};
    /// let plain = Recorder::builder("c").sink(MemorySink::new()).start(&0)?;
    /// assert!(!plain.checkpoint_requested());
    ///
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .expectations(Expectations::new().expect(expect::probe_bounds("queue", "len").within(0.0..=10.0)))
    ///     .on_failure(Action::Checkpoint, Budget::default())
    ///     .watchdog_interval(Duration::from_millis(1))
    ///     .start(&0)?;
    /// recorder.probe("queue", &serde_json::json!({"len": 30}));
    /// let deadline = Instant::now() + Duration::from_secs(10);
    /// let mut state = 0;
    /// while Instant::now() < deadline {
    ///     // The top of the component's event loop.
    ///     if recorder.checkpoint_requested() {
    ///         recorder.checkpoint(&state);
    ///         break;
    ///     }
    ///     state += 1;
    ///     std::thread::sleep(Duration::from_millis(1));
    /// }
    /// assert!(!recorder.checkpoint_requested());
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn checkpoint_requested(&self) -> bool {
        self.inner
            .live
            .as_ref()
            .is_some_and(|live| live.checkpoint_requested())
    }

    /// The live expectations' findings so far (empty without
    /// [`RecorderBuilder::expectations`], and once finished: see
    /// [`Summary::report`]).
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .expectations(Expectations::new().expect(expect::probe_bounds("queue", "len").within(0.0..=10.0)))
    ///     .start(&())?;
    /// recorder.probe("queue", &serde_json::json!({"len": 3}));
    /// assert!(recorder.findings().is_empty());
    /// recorder.probe("queue", &serde_json::json!({"len": 30}));
    /// assert_eq!(recorder.findings().len(), 1);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn findings(&self) -> Vec<Finding> {
        self.inner
            .live
            .as_ref()
            .map(|live| live.findings())
            .unwrap_or_default()
    }

    /// Writes the flight recorder to `path` as an ordinary transcript: the
    /// header, the latest state (its seq kept), every event kept since, and
    /// an `end` line whose `dropped` counts the events the byte bound
    /// pushed out. Calls still running have no return in it.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let dir = tempfile::tempdir()?;
    /// let recorder = Recorder::builder("c").sink(MemorySink::new()).flight_recorder(1 << 20).start(&0)?;
    /// recorder.probe("tick", &1);
    /// recorder.checkpoint(&5);
    /// recorder.probe("tick", &2);
    /// let dump = recorder.dump_flight_recorder(dir.path().join("dump.jsonl"))?;
    /// let text = std::fs::read_to_string(&dump.path)?;
    /// assert!(text.lines().nth(1).unwrap().starts_with(r#"{"kind":"state","seq":2,"label":"checkpoint","state":5}"#));
    /// assert_eq!(dump.events, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dump_flight_recorder(
        &self,
        path: impl AsRef<std::path::Path>,
    ) -> Result<Dump, RecordError> {
        match &self.inner.live {
            Some(live) => live.dump(path.as_ref()),
            None => Err(RecordError::NoFlightRecorder {
                component: self.inner.component.clone(),
            }),
        }
    }

    /// Blocks until every event recorded so far has been handed to the
    /// operating system (it then survives the process being killed), and
    /// returns any write error met so far.
    ///
    /// Recording threads wait while it runs; call it at points that matter
    /// (before a risky operation, in tests), not per event.
    ///
    /// ```
    /// use reprise::recorder::{FileSink, Recorder};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("t.jsonl");
    /// let recorder = Recorder::builder("c").sink(FileSink::builder(&path).open()?).start(&())?;
    /// recorder.flush()?;
    /// assert_eq!(std::fs::read_to_string(&path)?.lines().count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn flush(&self) -> Result<(), RecordError> {
        let mut core = self.inner.lock();
        let flushed = core.sink.flush();
        match core.error.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    /// Finishes the transcript: writes the `end` line, flushes, stops the
    /// sink (joining a file sink's writer thread), and says what was written.
    ///
    /// Events recorded afterwards, through other handles, are not written.
    /// Returns the first write error met during the recording, if any, and
    /// [`RecordError::AlreadyFinished`] if another clone finished it first.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder, RecordError};
    /// let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// let other = recorder.clone();
    /// assert_eq!(recorder.finish()?.events, 1);
    /// assert!(matches!(other.finish(), Err(RecordError::AlreadyFinished { .. })));
    /// # Ok::<(), RecordError>(())
    /// ```
    pub fn finish(self) -> Result<Summary, RecordError> {
        self.inner.finish()
    }
}

impl RecorderBuilder {
    /// Adds `key` to the header's `meta` object (program version, host role,
    /// seed). Default: no metadata. A value that fails to serialise is
    /// recorded as `{"$unserializable": ...}` and counted in the [`Summary`].
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// Recorder::builder("c").meta("seed", 42).sink(sink.clone()).start(&())?.finish()?;
    /// assert!(sink.contents_string().contains(r#""meta":{"seed":42}"#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn meta(mut self, key: impl Into<String>, value: impl Serialize) -> Self {
        let key = key.into();
        let value = serde_json::to_value(value).unwrap_or_else(|e| {
            self.meta_failures
                .push(format!("the metadata `{key}`: {e}"));
            serde_json::json!({ "$unserializable": e.to_string() })
        });
        self.meta.insert(key, value);
        self
    }

    /// Where the transcript goes: a [`FileSink`](crate::FileSink), a
    /// [`MemorySink`](crate::MemorySink), or a sink of your own. Required:
    /// there is no default, and [`start`](Self::start) fails without one
    /// (a recording that goes nowhere would be silent loss).
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder, RecordError};
    /// let err = Recorder::builder("c").start(&()).unwrap_err();
    /// assert!(matches!(err, RecordError::NoSink { .. }));
    /// let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// # Ok::<(), RecordError>(())
    /// ```
    pub fn sink(mut self, sink: impl Sink) -> Self {
        self.sink = Some(Box::new(sink));
        self
    }

    /// Scrubs every payload with `sanitizer` before it is encoded: call
    /// arguments, `ok` and `err` returns, states, probe fields and the
    /// header's `meta`, on every path that writes (whatever the sink, on
    /// flush, finish and drop). Nothing reaches the sink unscrubbed.
    ///
    /// The header's `sanitizer` section lists the active rules (and what was
    /// scrubbed in `meta`); the `end` line's `sanitizer` field holds the
    /// complete report: which paths were scrubbed by which rule and action,
    /// and how often; never a value, never the key. Without a sanitizer,
    /// recording takes its usual path and pays nothing for this option.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// use reprise::sanitizer::{Key, Sanitizer};
    /// let sanitizer = Sanitizer::builder()
    ///     .pseudonym_key(Key::from_bytes(b"a key the user keeps", "doc")?)
    ///     .build()?;
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("mailer")
    ///     .meta("operator", "ops@corp.com")
    ///     .sanitizer(sanitizer)
    ///     .sink(sink.clone())
    ///     .start(&serde_json::json!({"api_key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}))?;
    /// recorder.port("smtp").outbound("send", &serde_json::json!({"to": "alice@corp.com"}), || ());
    /// recorder.finish()?;
    /// let text = sink.contents_string();
    /// assert!(!text.contains("alice@corp.com") && !text.contains("ops@corp.com"));
    /// assert!(!text.contains("sk_live_") && text.contains("[redacted:key:api_key]"));
    /// assert!(text.lines().last().unwrap().contains(r#""path":"$.args.to","rule":"email""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sanitizer(mut self, sanitizer: Sanitizer) -> Self {
        self.sanitizer = Some(SanitizerSource::Built(Box::new(sanitizer)));
        self
    }

    /// Scrubs every payload with the rules of the TOML file at `path` (see
    /// `reprise_sanitizer::Config`; they add to the built-in rules unless
    /// the file says otherwise), as [`sanitizer`](Self::sanitizer) does. The
    /// pseudonym key is read from the environment variable `REPRISE_SANITIZER_KEY`
    /// ([`reprise_sanitizer::KEY_ENV`]) when set, else a random key is used
    /// for this recording.
    ///
    /// The file is loaded by [`start`](Self::start): a file that cannot be
    /// read or parsed, or a key that is unusable, makes `start` fail with
    /// [`RecordError::Sanitizer`] before anything is written, rather than
    /// recording in the clear.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, RecordError, Recorder};
    /// let dir = tempfile::tempdir()?;
    /// let rules = dir.path().join("rules.toml");
    /// std::fs::write(&rules, "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9\"\naction = \"redact\"\n")?;
    /// let sink = MemorySink::new();
    /// let err = Recorder::builder("c").sanitizer_rules(&rules).sink(sink.clone()).start(&())
    ///     .unwrap_err();
    /// assert!(matches!(err, RecordError::Sanitizer { .. }));
    /// assert!(sink.contents().is_empty(), "nothing written");
    ///
    /// std::fs::write(&rules, "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9]{6}\"\naction = \"redact\"\n")?;
    /// let recorder = Recorder::builder("c").sanitizer_rules(&rules).sink(sink.clone()).start(&())?;
    /// recorder.probe("opened", &"TCK-123456");
    /// recorder.finish()?;
    /// assert!(sink.contents_string().contains(r#""fields":"[redacted:ticket]""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sanitizer_rules(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.sanitizer = Some(SanitizerSource::RulesFile(path.into()));
        self
    }

    /// Evaluates `expectations` live, over every event as written (after
    /// scrubbing, when a sanitizer is configured), in seq order. A watchdog
    /// thread checks deadlines every [`RecorderBuilder::watchdog_interval`],
    /// so a call that never returns is flagged once its fail deadline
    /// passes. Read the findings with [`Recorder::findings`] and the final
    /// report in [`Summary::report`].
    ///
    /// Without expectations (and without a flight recorder) recording
    /// costs one `Option` check more than before; with them, each event is
    /// parsed back into a `Value` event and evaluated in the critical
    /// section.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .expectations(Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")))
    ///     .start(&())?;
    /// recorder.probe("panic", &serde_json::json!({}));
    /// assert_eq!(recorder.findings()[0].expectation.as_deref(), Some("no.panic"));
    /// let summary = recorder.finish()?;
    /// assert!(!summary.report.expect("a report").passed());
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn expectations(mut self, expectations: Expectations) -> Self {
        self.live.expectations = Some(expectations);
        self
    }

    /// How often the watchdog checks the live expectations' deadlines and
    /// acts on new failures. Default: 50 ms
    /// ([`DEFAULT_WATCHDOG_INTERVAL`](crate::DEFAULT_WATCHDOG_INTERVAL)).
    /// Only used with [`RecorderBuilder::expectations`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let builder = reprise::recorder::Recorder::builder("c").watchdog_interval(Duration::from_millis(10));
    /// ```
    pub fn watchdog_interval(mut self, interval: std::time::Duration) -> Self {
        self.live.interval = Some(interval);
        self
    }

    /// Keeps a flight recorder: in memory, the latest state (the initial
    /// one or the latest [`Recorder::checkpoint`]) and every event line
    /// since, at most `max_bytes` of events (the checkpoint is never
    /// dropped; the oldest events are, and counted). Lines are kept as
    /// written, so scrubbed when a sanitizer is configured. Write it with
    /// [`Recorder::dump_flight_recorder`] or [`RecorderBuilder::on_failure`].
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let recorder = Recorder::builder("c").sink(MemorySink::new()).flight_recorder(64 << 10).start(&0)?;
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn flight_recorder(mut self, max_bytes: usize) -> Self {
        self.live.flight_bytes = Some(max_bytes);
        self
    }

    /// Takes `action` each time the live expectations report a new failure
    /// (severity `fail`), on the watchdog thread, within `budget` (the last
    /// budget given applies to all actions). Past the budget the recorder
    /// stops acting, counts it in [`Summary::actions_skipped`] and notes it
    /// in [`Summary::report`]. Needs [`RecorderBuilder::expectations`];
    /// [`Action::DumpFlightRecorder`] needs
    /// [`RecorderBuilder::flight_recorder`]; [`Action::Checkpoint`] needs
    /// the component to poll [`Recorder::checkpoint_requested`].
    /// Call it once per action.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::recorder::{Action, Budget, MemorySink, Recorder};
    /// let dir = tempfile::tempdir()?;
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .flight_recorder(1 << 20)
    ///     .expectations(Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")))
    ///     .on_failure(Action::DumpFlightRecorder { dir: dir.path().into() }, Budget::default())
    ///     .start(&())?;
    /// recorder.probe("panic", &serde_json::json!({}));
    /// let summary = recorder.finish()?;
    /// assert_eq!(summary.dumps, [dir.path().join("c-seq1-no.panic.jsonl")]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on_failure(mut self, action: Action, budget: Budget) -> Self {
        self.live.actions.push(action);
        self.live.budget = Some(budget);
        self
    }

    /// Starts recording: writes the header (`created` now, in RFC 3339 UTC)
    /// and the initial `state` event (seq 0, label `initial`).
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("kv-node").sink(sink.clone()).start(&vec![1, 2])?;
    /// recorder.flush()?;
    /// let text = sink.contents_string();
    /// let mut lines = text.lines();
    /// assert!(lines.next().unwrap().starts_with(r#"{"reprise":1,"kind":"header","component":"kv-node","created":""#));
    /// assert_eq!(lines.next(), Some(r#"{"kind":"state","seq":0,"label":"initial","state":[1,2]}"#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn start<S: Serialize + ?Sized>(self, initial_state: &S) -> Result<Recorder, RecordError> {
        let RecorderBuilder {
            component,
            meta,
            meta_failures,
            sink,
            sanitizer,
            live,
        } = self;
        let Some(mut sink) = sink else {
            return Err(RecordError::NoSink { component });
        };
        let scrub = match sanitizer {
            None => None,
            Some(source) => match load_sanitizer(source) {
                Ok(sanitizer) => Some(Scrub::new(sanitizer)),
                Err(source) => {
                    // Nothing was recorded: release the sink without a line.
                    let _ = sink.close();
                    return Err(RecordError::Sanitizer { component, source });
                }
            },
        };
        let created = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
        let mut header = Header::new(component.clone(), created, VERSION);
        header.meta = meta;
        if let Some(scrub) = &scrub {
            scrub.header(&mut header);
        }
        let mut line = Vec::with_capacity(256);
        encode_line(&mut line, &header).map_err(|source| RecordError::Encode {
            what: "header",
            source,
        })?;
        if let Err(e) = sink.write(LineKind::Header, &line) {
            // Nothing was recorded: release the sink without an `end` line.
            let _ = sink.close();
            return Err(e);
        }
        let failures = meta_failures.len() as u64;
        let first_failure = OnceLock::new();
        if let Some(first) = meta_failures.into_iter().next() {
            // Its message may quote the value it failed on: scrubbed, as
            // the placeholder written in `meta` is.
            let first = match &scrub {
                Some(scrub) => scrub.text("meta", first),
                None => first,
            };
            let _ = first_failure.set(first);
        }
        let clock = Timestamps::start();
        let live = if live.is_empty() {
            None
        } else {
            // A dump's `end` line reports what the dump holds: the header's
            // report (rules, `meta`) plus what its events' payloads had.
            let scrubbed = scrub.as_ref().map(|s| s.report().clone());
            match Live::start(live, &component, clock.clone(), &line, scrubbed) {
                Ok(live) => Some(live),
                Err(e) => {
                    let _ = sink.close();
                    return Err(e);
                }
            }
        };
        let inner = Arc::new(Inner {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            component,
            clock,
            live,
            core: Mutex::new(Core {
                next_seq: 0,
                last_at_ns: 0,
                events: 0,
                dropped: 0,
                line,
                sink,
                finished: false,
                error: None,
            }),
            failures: AtomicU64::new(failures),
            first_failure,
            scrub,
        });
        inner.state("initial", initial_state);
        if let Some(e) = inner.lock().error.take() {
            return Err(e);
        }
        Ok(Recorder { inner })
    }
}

/// Distinguishes recorders in one process, so a call's `parent` is only ever
/// a call of the same recorder.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The shared state of a recorder and all its handles.
pub(crate) struct Inner {
    pub(crate) id: u64,
    component: String,
    /// What `at_ns` is read from.
    clock: Timestamps,
    core: Mutex<Core>,
    failures: AtomicU64,
    first_failure: OnceLock<String>,
    /// The sanitizer every payload goes through, when one is configured.
    scrub: Option<Scrub>,
    /// Live expectations and the flight recorder, when configured.
    live: Option<Arc<Live>>,
}

/// A recorder's sanitizer and the report of what it scrubbed so far.
struct Scrub {
    sanitizer: Sanitizer,
    report: Mutex<Report>,
}

impl Scrub {
    fn new(sanitizer: Sanitizer) -> Scrub {
        let report = sanitizer.report();
        Scrub {
            sanitizer,
            report: Mutex::new(report),
        }
    }

    fn report(&self) -> MutexGuard<'_, Report> {
        self.report.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Scrubs the header's `meta` and writes the active rules (and what
    /// `meta` held) into its `sanitizer` section.
    fn header(&self, header: &mut Header) {
        let mut report = self.report();
        self.sanitizer.scrub_header(header, &mut report);
        header.sanitizer = Some(report.to_json());
    }

    /// Scrubs one payload, whose field is `root`, counting what it did, and
    /// returns what it did to this payload. The scrubbing runs outside any
    /// lock, into a report of its own; the shared report is locked only when
    /// something was scrubbed.
    fn value(&self, root: &str, value: &mut Value) -> Report {
        let mut found = Report::default();
        self.sanitizer.scrub_value(root, value, &mut found);
        if found.total() > 0 {
            self.report().merge(&found);
        }
        found
    }

    /// `text` scrubbed as a string at `root`, for a message reported rather
    /// than written (not counted in the report).
    fn text(&self, root: &str, text: String) -> String {
        let mut value = Value::String(text);
        self.sanitizer
            .scrub_value(root, &mut value, &mut Report::default());
        match value {
            Value::String(text) => text,
            _ => "(scrubbed)".to_owned(),
        }
    }
}

/// Builds the sanitizer a builder was given.
fn load_sanitizer(source: SanitizerSource) -> Result<Sanitizer, reprise_sanitizer::Error> {
    match source {
        SanitizerSource::Built(sanitizer) => Ok(*sanitizer),
        SanitizerSource::RulesFile(path) => {
            let mut builder = Config::from_file(&path)?.builder();
            if let Some(key) = Key::from_env(KEY_ENV)? {
                builder = builder.pseudonym_key(key);
            }
            builder.build()
        }
    }
}

/// What the short critical section guards: the next seq and the sink.
struct Core {
    next_seq: u64,
    /// The `at_ns` of the last event line: the next is never less.
    last_at_ns: u64,
    /// Event lines the sink accepted.
    events: u64,
    /// Event lines the sink dropped under its overflow policy.
    dropped: u64,
    /// Scratch space to assemble a line for the live extras.
    line: Vec<u8>,
    sink: Box<dyn Sink>,
    finished: bool,
    /// The first error a sink's `write` returned, until reported.
    error: Option<RecordError>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Core> {
        self.core.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Drafts an event on this thread with `build`, then commits it. Returns
    /// its seq, or `None` once the recording is finished.
    ///
    /// `watched` (from [`Inner::watches`]) says whether a live expectation
    /// watches the event: the engine then gets it, `about` and the payload
    /// as written; otherwise only its count and time.
    pub(crate) fn record(
        &self,
        about: About<'_>,
        watched: bool,
        build: impl FnOnce(&mut Draft<'_>),
    ) -> Option<u64> {
        encode::with_buffer(|buf| {
            let mut draft = Draft::new(about.kind(), buf);
            build(&mut draft);
            let scrubbed = draft.scrubbed.take();
            self.commit(&draft, about, watched, scrubbed)
        })
    }

    /// Which events the live expectations watch; `None` without any.
    pub(crate) fn watches(&self) -> Option<&Watches> {
        self.live.as_ref().and_then(|live| live.watches())
    }

    /// Serialises `value`, the line's field `root` (`args`, `ok`, `err`,
    /// `state`, `fields`), into the draft; on failure writes the placeholder
    /// and counts the failure, described by `what`.
    ///
    /// With a sanitizer, the value goes through a `Value` to be scrubbed
    /// first; without one it is serialised straight into place. Either way
    /// the draft notes where the payload's text is, for the live engine.
    pub(crate) fn payload<T: Serialize + ?Sized>(
        &self,
        draft: &mut Draft<'_>,
        root: &str,
        value: &T,
        what: impl FnOnce() -> String,
    ) {
        let start = draft.buf.len();
        let failure = match &self.scrub {
            None => encode::push_payload(draft.buf, value),
            Some(scrub) => {
                let found = std::cell::Cell::new(false);
                let watched = crate::finite::Finite {
                    value,
                    found: &found,
                };
                let (mut value, failure) = match serde_json::to_value(&watched) {
                    Ok(value) if found.get() => (value, Some(encode::NON_FINITE.to_owned())),
                    Ok(value) => (value, None),
                    Err(e) => {
                        let message = e.to_string();
                        let mut placeholder = Map::new();
                        placeholder.insert("$unserializable".into(), Value::from(message.clone()));
                        (Value::Object(placeholder), Some(message))
                    }
                };
                // The placeholder is scrubbed too: an error message may
                // quote the value it failed on.
                let found = scrub.value(root, &mut value);
                if found.total() > 0 && self.live.as_ref().is_some_and(|l| l.keeps_flight()) {
                    draft.scrubbed = Some(Box::new(found));
                }
                // A `Value` always serialises, but may nest too deep.
                let too_deep = encode::push_payload(draft.buf, &value);
                // The failure is reported as it was written: scrubbed.
                failure
                    .map(|message| match value.get("$unserializable") {
                        Some(Value::String(message)) => message.clone(),
                        Some(_) => "(its message was scrubbed)".to_owned(),
                        None => message,
                    })
                    .or(too_deep)
            }
        };
        draft.payload = start..draft.buf.len();
        if let Some(message) = failure {
            self.failures.fetch_add(1, Ordering::Relaxed);
            if self.first_failure.get().is_none() {
                let _ = self.first_failure.set(format!("{}: {message}", what()));
            }
        }
    }

    fn state<S: Serialize + ?Sized>(&self, label: &str, state: &S) {
        let watched = self.watches().is_some_and(Watches::state);
        self.record(About::State { label }, watched, |d| {
            d.raw(br#","label":"#);
            d.string(label);
            d.raw(br#","state":"#);
            self.payload(d, "state", state, || format!("the `{label}` state"));
            d.close();
            d.split_here();
        });
    }

    /// The critical section: assigns the seq and `at_ns` and hands the line
    /// to the sink in parts (see [`encode::line_parts`]), so lines reach the
    /// sink in seq order.
    ///
    /// With live expectations, the event is queued in the live backlog in
    /// the critical section, so in seq order, and evaluated by the watchdog
    /// thread (or by this one, after the critical section, when the backlog
    /// is long). Lock order: core, then backlog; nothing takes the core lock
    /// while holding the backlog's or the engine's.
    ///
    /// `scrubbed` is what the sanitizer scrubbed in the payload, for the
    /// flight recorder.
    fn commit(
        &self,
        draft: &Draft<'_>,
        about: About<'_>,
        watched: bool,
        scrubbed: Option<Box<Report>>,
    ) -> Option<u64> {
        let mut guard = self.lock();
        let core = &mut *guard;
        if core.finished {
            return None;
        }
        let seq = core.next_seq;
        core.next_seq += 1;
        let at_ns = self.clock.at_ns(&mut core.last_at_ns);
        let help = encode::line_parts(draft, seq, at_ns, |parts| {
            let help = self.live.as_ref().is_some_and(|live| {
                encode::join(&mut core.line, parts);
                live.on_line(about, seq, &core.line, scrubbed);
                let payload = if watched { draft.payload_bytes() } else { &[] };
                live.enqueue(about, watched, seq, at_ns, payload)
            });
            // Matched where it is returned: moving the whole result (an
            // error is large) before looking at it cost a store-forwarding
            // stall per line.
            match core.sink.write_parts(LineKind::Event, parts) {
                Ok(Delivery::Accepted) => core.events += 1,
                Ok(Delivery::Dropped) => core.dropped += 1,
                Err(e) => {
                    core.error.get_or_insert(e);
                }
            }
            help
        });
        drop(guard);
        if help && let Some(live) = &self.live {
            live.evaluate();
        }
        Some(seq)
    }

    fn finish(&self) -> Result<Summary, RecordError> {
        let mut guard = self.lock();
        let core = &mut *guard;
        if core.finished {
            return Err(RecordError::AlreadyFinished {
                component: self.component.clone(),
            });
        }
        core.finished = true;
        let end = End {
            sanitizer: self.scrub.as_ref().map(|s| s.report().to_json()),
            ..End::new(core.events, core.dropped)
        };
        core.line.clear();
        let written = encode_line(&mut core.line, &end)
            .map_err(|source| RecordError::Encode {
                what: "end",
                source,
            })
            .and_then(|()| core.sink.write(LineKind::End, &core.line));
        let closed = core.sink.close();
        // No event can be committed any more: stop the watchdog.
        let live = self.live.as_ref().map(|live| live.finish());
        if let Some(e) = core.error.take() {
            return Err(e);
        }
        written?;
        closed?;
        let (report, dumps, actions_skipped) = match live {
            Some(l) => (l.report, l.dumps, l.skipped),
            None => (None, Vec::new(), 0),
        };
        Ok(Summary {
            events: core.events,
            dropped: core.dropped,
            serialization_failures: self.failures.load(Ordering::Relaxed),
            first_serialization_failure: self.first_failure.get().cloned(),
            report,
            dumps,
            actions_skipped,
        })
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Best effort: there is nobody left to report an error to, and an
        // already finished recording says so harmlessly.
        let _ = self.finish();
    }
}

#[cfg(test)]
mod tests {
    use reprise_transcript::{Event, Reader};

    use super::*;
    use crate::MemorySink;

    fn events(sink: &MemorySink) -> (Vec<Event>, reprise_transcript::Ending) {
        let bytes = sink.contents();
        let mut reader = Reader::new(&bytes[..]).expect("header");
        let events = reader
            .by_ref()
            .collect::<Result<Vec<_>, _>>()
            .expect("events");
        (events, reader.ending().expect("ended").clone())
    }

    #[test]
    fn the_header_names_the_component_version_and_time() {
        let sink = MemorySink::new();
        Recorder::builder("kv-node")
            .meta("node", 3)
            .sink(sink.clone())
            .start(&())
            .expect("start")
            .finish()
            .expect("finish");
        let bytes = sink.contents();
        let reader = Reader::new(&bytes[..]).expect("header");
        let header = reader.header();
        assert_eq!(header.component, "kv-node");
        assert_eq!(header.recorder, VERSION);
        assert_eq!(header.meta.get("node"), Some(&serde_json::json!(3)));
        let created: SystemTime = humantime::parse_rfc3339(&header.created).expect("RFC 3339");
        let age = SystemTime::now()
            .duration_since(created)
            .expect("in the past");
        assert!(age.as_secs() < 60, "{}", header.created);
        assert!(header.created.ends_with('Z'));
    }

    #[test]
    fn dropping_the_last_handle_finishes_the_transcript() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let port = recorder.port("network");
        drop(recorder);
        port.outbound("send", &1, || ());
        assert!(!sink.contents_string().contains("\"end\""));
        drop(port);
        let (events, ending) = events(&sink);
        assert_eq!(events.len(), 3);
        assert_eq!(
            ending,
            reprise_transcript::Ending::Clean {
                events: 3,
                dropped: 0,
                sanitizer: None
            }
        );
    }

    #[test]
    fn events_after_finish_are_not_written() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let other = recorder.clone();
        recorder.finish().expect("finish");
        other.probe("late", &1);
        other.checkpoint(&2);
        let (events, ending) = events(&sink);
        assert_eq!(events.len(), 1);
        assert!(ending.is_clean());
    }

    #[test]
    fn unserializable_metadata_is_a_placeholder_and_counted() {
        let sink = MemorySink::new();
        let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let summary = Recorder::builder("c")
            .meta("bad", &bad)
            .sink(sink.clone())
            .start(&())
            .expect("start")
            .finish()
            .expect("finish");
        assert_eq!(summary.serialization_failures, 1);
        let first = summary.first_serialization_failure.expect("a failure");
        assert!(
            first.starts_with("the metadata `bad`: key must be a string"),
            "{first}"
        );
        assert!(
            sink.contents_string()
                .contains(r#""meta":{"bad":{"$unserializable":"key must be a string"}}"#)
        );
    }

    /// A sink that fails every event line.
    struct Failing;

    impl Sink for Failing {
        fn write(&mut self, kind: LineKind, _line: &[u8]) -> Result<Delivery, RecordError> {
            match kind {
                LineKind::Event => Err(RecordError::sink("no space")),
                _ => Ok(Delivery::Accepted),
            }
        }
    }

    /// Live, the engine gets full events only for what it watches and a
    /// count for the rest: its findings are those of an offline check of
    /// the same transcript, whose lines it never parses.
    #[test]
    fn live_findings_match_an_offline_check() {
        use reprise_expect::expect::{self, ms};
        let expectations = Expectations::new()
            .expect(expect::call_latency("storage", "append").fail_after(ms(1)))
            .expect(expect::never(expect::call("network", "send").field("to", 9)).id("to9"))
            .expect(expect::never(expect::returned("storage", "append").err()).id("err"))
            .expect(expect::probe_bounds("queue", "len").within(0.0..=5.0))
            .expect(
                expect::response(expect::probe("req"), expect::probe("rep"))
                    .within_events(2)
                    .id("reply"),
            )
            .expect(expect::must(expect::probe("never-sent")).id("must"));
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .expectations(expectations.clone())
            // Deadlines are checked once at start and then at finish only, so
            // the watchdog cannot catch the slow call below while it runs
            // (live, that is a finding "had not returned", which an offline
            // check of the finished transcript cannot see).
            .watchdog_interval(std::time::Duration::from_secs(3600))
            .start(&0)
            .expect("start");
        // Leave the watchdog's first pass time to happen before the slow call.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let network = recorder.port("network");
        let storage = recorder.port("storage");
        for to in [1, 9, 2] {
            network.outbound("send", &serde_json::json!({ "to": to }), || ());
        }
        let _: Result<(), String> = storage.outbound_result("append", &"x", || {
            std::thread::sleep(std::time::Duration::from_millis(3));
            Err("full".into())
        });
        recorder.probe("req", &1);
        recorder.probe("tick", &1);
        recorder.checkpoint(&1);
        recorder.probe("queue", &serde_json::json!({ "len": 7 }));
        let live = recorder.finish().expect("finish").report.expect("report");
        let offline = expectations.check(&sink.contents()[..]).expect("check");
        assert_eq!(live.findings(), offline.findings());
        assert_eq!(live.tally(), (6, 0), "{live:?}");
    }

    #[test]
    fn a_failing_sink_is_reported_by_start() {
        let err = Recorder::builder("c")
            .sink(Failing)
            .start(&())
            .expect_err("fails");
        assert_eq!(err.to_string(), "sink failed: no space");
    }
}
