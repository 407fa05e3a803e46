//! The replay session: [`Replay`], its builder, and the state it shares
//! between clones, ports and the driver.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::Waker;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use reprise_expect::Expectations;
use reprise_transcript::{Event, Header, Outcome, Selector};
use serde::de::DeserializeOwned;

use crate::actual::{self, Captured};
use crate::compare::Ignore;
use crate::error::ReplayError;
use crate::expecting::Expecting;
use crate::fallback::{Models, Tolerated};
use crate::findings;
use crate::matching::{CallState, MatchState, Matching, Queries};
use crate::recorded::{self, Recorded};
use reprise_expect::Report;
use reprise_expect::{Finding, FindingKind};

/// The settings of a session, fixed when it is built.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) matching: Matching,
    pub(crate) ignore: Ignore,
    pub(crate) stop_at_first: bool,
    pub(crate) settle_timeout: Duration,
    pub(crate) context: usize,
    /// Whether to log what the component does, for the determinism check.
    pub(crate) log_actions: bool,
    /// Expectations evaluated over what the component does, if any.
    pub(crate) expectations: Option<Arc<Expectations>>,
    /// Ports and methods declared queries.
    pub(crate) queries: Queries,
    /// The component the transcript must have been recorded from.
    pub(crate) component: Option<String>,
    /// Whether a transcript with missing events replays anyway.
    pub(crate) allow_gaps: bool,
    /// Whether what the component does is kept for `actual_transcript`.
    pub(crate) capture: bool,
    /// Whether divergences are tolerated and unmatched calls served (`fallback.rs`).
    pub(crate) tolerant: bool,
    /// Models serving every call of their port (`fallback.rs`).
    pub(crate) models: Models,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            matching: Matching::Global,
            ignore: Ignore::default(),
            stop_at_first: true,
            settle_timeout: Duration::from_secs(1),
            context: 3,
            log_actions: false,
            expectations: None,
            queries: Queries::default(),
            component: None,
            allow_gaps: false,
            capture: false,
            tolerant: false,
            models: Models::default(),
        }
    }
}

/// Builds a [`Replay`] with non-default settings.
///
/// ```
/// use std::time::Duration;
/// use reprise::replayer::{Matching, Replay};
/// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":{"ts":1}}
/// {"seq":1,"kind":"return","call":0,"ok":5}
/// "#;
/// let replay = Replay::builder()
///     .matching(Matching::PerPort)
///     .ignore("$.args.ts")?
///     .stop_at_first(false)
///     .settle_timeout(Duration::from_millis(200))
///     .from_str(text)?;
/// let now: u64 = replay.port("clock").outbound("now", &serde_json::json!({"ts": 99}));
/// assert_eq!(now, 5);
/// assert!(replay.finish().is_clean());
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ReplayBuilder {
    pub(crate) config: Config,
}

impl ReplayBuilder {
    /// How outbound calls are matched to recorded ones. Default:
    /// [`Matching::Global`], strict global order.
    pub fn matching(mut self, matching: Matching) -> Self {
        self.config.matching = matching;
        self
    }

    /// Ignores differences at the paths `selector` selects, and below them.
    /// Paths are inside the event line: `$.args.ts` (an argument),
    /// `$.ok.id` (a field of a return value), `$..timestamp` (at any depth).
    /// May be called many times; a path is ignored if any rule selects it.
    /// Default: no rules, every difference counts.
    ///
    /// An invalid selector is a [`ReplayError::Selector`].
    pub fn ignore(mut self, selector: &str) -> Result<Self, ReplayError> {
        self.config.ignore.push(selector.parse::<Selector>()?);
        Ok(self)
    }

    /// Like [`ReplayBuilder::ignore`] with a selector already parsed.
    pub fn ignore_selector(mut self, selector: Selector) -> Self {
        self.config.ignore.push(selector);
        self
    }

    /// Whether the replay stops at the first divergence (`true`), or goes on
    /// and collects every one (`false`). Stopping means no further finding
    /// is recorded and the driver feeds no further inbound call once the
    /// current one returns. Default: `true`.
    pub fn stop_at_first(mut self, stop: bool) -> Self {
        self.config.stop_at_first = stop;
        self
    }

    /// How long [`Replay::drive_async`] waits, before feeding an inbound
    /// call, for background tasks to make the outbound calls recorded before
    /// it; the calls still not made then are reported as missing. Default:
    /// one second.
    pub fn settle_timeout(mut self, timeout: Duration) -> Self {
        self.config.settle_timeout = timeout;
        self
    }

    /// How many recorded events before a finding its report shows. Default: 3.
    pub fn context(mut self, events: usize) -> Self {
        self.config.context = events;
        self
    }

    /// Evaluates `expectations` over what the component actually does during
    /// the replay, and appends their findings to the replay's [`Report`],
    /// after the divergences. Default: none (and no cost).
    ///
    /// The engine observes, in the order they happen: each inbound call as
    /// it is fed, each outbound call the component makes with the arguments
    /// it actually passed, the recorded return served to it, an outbound
    /// call that matches no recorded call (with no return: it was stopped),
    /// and the inbound call's actual return. Recorded probes and checkpoints
    /// are not fed: they are not something the component did in this run.
    ///
    /// **Time is recorded time.** Replay has no clock, so each event carries
    /// the `seq` and `at_ns` of the recorded event it was matched with (an
    /// unmatched call, the time of the last event seen). A latency
    /// expectation therefore measures the recording, not this run; counts,
    /// patterns (`never`, `must`), responses within N events and bounds are
    /// what replay judges. A finding keeps its severity: a warning is a
    /// warning ([`Report::passed`] still holds), a failure fails. Expectation
    /// findings do not stop the replay, whatever
    /// [`stop_at_first`](ReplayBuilder::stop_at_first) says.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::replayer::{FindingKind, Outcome, Replay};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a"},"at_ns":0}
    /// {"seq":1,"kind":"call","dir":"out","port":"storage","method":"write","args":{"key":"a"},"at_ns":10}
    /// {"seq":2,"kind":"return","call":1,"ok":null,"at_ns":20}
    /// {"seq":3,"kind":"return","call":0,"ok":true,"at_ns":30}
    /// {"kind":"end","events":4,"dropped":0}
    /// "#;
    /// let no_tmp = Expectations::new()
    ///     .expect(expect::never(expect::call("storage", "write").field("key", "tmp")).id("no.tmp"));
    /// let replay = Replay::builder().expectations(no_tmp).from_str(text)?;
    /// let storage = replay.port("storage");
    /// // The component now writes `tmp`: a divergence, and the expectation fails.
    /// let report = replay.drive(|call| {
    ///     let () = storage.outbound("write", &serde_json::json!({"key": "tmp"}));
    ///     Ok(Outcome::ok(&true)?)
    /// });
    /// let kinds: Vec<_> = report.findings().iter().map(|f| f.kind).collect();
    /// assert_eq!(kinds, [FindingKind::ArgumentsDiffer, FindingKind::ExpectationFailed]);
    /// assert_eq!(report.findings()[1].expectation.as_deref(), Some("no.tmp"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expectations(mut self, expectations: Expectations) -> Self {
        self.config.expectations = Some(Arc::new(expectations));
        self
    }

    /// Declares `port.method` a *query*: a read with no effect. A query is
    /// served the recorded return of a call with equal arguments (ignore
    /// rules applied) within the inbound call being handled, in any order
    /// and any number of times, or else of the nearest such call elsewhere
    /// in the transcript; a recorded query the component does not make is
    /// not missing. Only a query the transcript never recorded with those
    /// arguments is a divergence (nothing can be served). The headline of
    /// a report is then the first divergence of an *effect*, and a refactor
    /// that reads more or less often stays clean.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"tick","args":{}}
    /// {"seq":1,"kind":"call","dir":"out","port":"storage","method":"term","args":{}}
    /// {"seq":2,"kind":"return","call":1,"ok":3}
    /// {"seq":3,"kind":"call","dir":"out","port":"net","method":"send","args":{"term":3}}
    /// {"seq":4,"kind":"return","call":3,"ok":null}
    /// {"seq":5,"kind":"return","call":0,"ok":null}
    /// "#;
    /// let replay = Replay::builder().query("storage", "term").from_str(text)?;
    /// let (storage, net) = (replay.port("storage"), replay.port("net"));
    /// let report = replay.drive(|_| {
    ///     // Reads twice where the recording read once: still clean.
    ///     let term: u64 = storage.outbound("term", &serde_json::json!({}));
    ///     let again: u64 = storage.outbound("term", &serde_json::json!({}));
    ///     let () = net.outbound("send", &serde_json::json!({"term": term.max(again)}));
    ///     Ok(Outcome::ok(&())?)
    /// });
    /// report.assert_clean();
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn query(mut self, port: &str, method: &str) -> Self {
        self.config.queries.push(port, Some(method));
        self
    }

    /// Declares every method of `port` a query (see [`ReplayBuilder::query`]).
    ///
    /// ```
    /// let builder = reprise::replayer::Replay::builder().query_port("storage");
    /// # let _ = builder;
    /// ```
    pub fn query_port(mut self, port: &str) -> Self {
        self.config.queries.push(port, None);
        self
    }

    /// The component the transcript must have been recorded from: loading
    /// a transcript whose header names another component is a
    /// [`ReplayError::WrongComponent`], said before anything is replayed.
    /// Default: any component.
    ///
    /// ```
    /// use reprise::replayer::{Replay, ReplayError};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// let err = Replay::builder().component("raft-node").from_str(text).unwrap_err();
    /// assert!(matches!(err, ReplayError::WrongComponent { .. }));
    /// assert_eq!(err.to_string(), "<string>: this transcript was recorded from component `kv`, not `raft-node`");
    /// assert!(Replay::builder().component("kv").from_str(text).is_ok());
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn component(mut self, name: &str) -> Self {
        self.config.component = Some(name.to_owned());
        self
    }

    /// Whether a transcript with missing events (a break in its seqs, or an
    /// `end` line that counts dropped events, as a flight-recorder dump
    /// whose window overflowed has) replays anyway. Such a transcript can
    /// only be replayed faithfully from a checkpoint after the break, so by
    /// default loading it is a [`ReplayError::Gap`]. With `true` it loads,
    /// and its report says where events are missing.
    ///
    /// ```
    /// use reprise::replayer::{Replay, ReplayError};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"state","label":"checkpoint","state":{}}
    /// {"seq":7,"kind":"call","dir":"out","port":"clock","method":"now","args":{}}
    /// {"seq":8,"kind":"return","call":7,"ok":5}
    /// "#;
    /// let err = Replay::from_str(text).unwrap_err();
    /// assert!(matches!(err, ReplayError::Gap { before: 0, after: 7, .. }));
    /// assert!(Replay::builder().allow_gaps(true).from_str(text).is_ok());
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn allow_gaps(mut self, allow: bool) -> Self {
        self.config.allow_gaps = allow;
        self
    }

    /// Keeps what the component actually does during the replay, for
    /// [`Replay::actual_transcript`]: the pending transcript of update mode.
    /// Default: off (nothing is kept).
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":2}}
    /// {"seq":1,"kind":"return","call":0,"ok":4}
    /// "#;
    /// let replay = Replay::builder().capture(true).from_str(text)?;
    /// let report = replay.drive(|call| Ok(Outcome::ok(&(call.arg::<u64>("n")? * 3))?));
    /// assert!(!report.is_clean());
    /// let actual = String::from_utf8(replay.actual_transcript()?).unwrap();
    /// assert!(actual.contains(r#""ok":6"#), "{actual}");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn capture(mut self, capture: bool) -> Self {
        self.config.capture = capture;
        self
    }

    /// Checks what the settings require of a loaded transcript.
    fn build(self, rec: Recorded) -> Result<Replay, ReplayError> {
        if let Some(name) = &self.config.component {
            if *name != rec.header.component {
                return Err(ReplayError::WrongComponent {
                    file: rec.source.clone(),
                    expected: name.clone(),
                    found: rec.header.component.clone(),
                });
            }
        }
        if !self.config.allow_gaps {
            let gap = match (rec.gap, rec.dropped) {
                (Some((before, after)), dropped) => Some((before, after, dropped)),
                (None, 0) => None,
                (None, dropped) => rec.last_seq().map(|last| (last, last, dropped)),
            };
            if let Some((before, after, dropped)) = gap {
                return Err(ReplayError::Gap {
                    file: rec.source.clone(),
                    before,
                    after,
                    dropped,
                });
            }
        }
        Ok(Replay::new(Arc::new(rec), Arc::new(self.config)))
    }

    /// Loads the transcript at `path`. Errors name the file and the line.
    ///
    /// The file is indexed in one pass and its payloads are read back from
    /// it while replaying, through a bounded cache: memory does not grow
    /// with the payloads. The file must stay as it is while the replay runs;
    /// a line read back that differs from what was indexed is a
    /// [`ReplayError::Reread`] (inside a drive, an error finding that stops
    /// the replay). A path that is not a regular file (a named pipe, a
    /// device) cannot be read twice: its bytes are kept in memory, as with
    /// [`ReplayBuilder::from_reader`].
    pub fn from_file(self, path: impl AsRef<Path>) -> Result<Replay, ReplayError> {
        let rec = Recorded::load_file(path.as_ref())?;
        self.build(rec)
    }

    /// Loads a transcript held in a string (copied: the session keeps the
    /// text and reads payloads back from it). Errors name `<string>` and
    /// the line.
    pub fn from_str(self, text: &str) -> Result<Replay, ReplayError> {
        let rec = Recorded::load_text(text.as_bytes(), "<string>".into())?;
        self.build(rec)
    }

    /// Loads a transcript from any reader; `name` stands for the file in
    /// errors. The bytes read are kept in memory, as with
    /// [`ReplayBuilder::from_str`].
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// let replay = Replay::builder().from_reader(text.as_bytes(), "upload.jsonl")?;
    /// assert_eq!(replay.component(), "kv");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn from_reader(self, input: impl Read, name: &str) -> Result<Replay, ReplayError> {
        let rec = Recorded::load_reader(input, name.to_owned())?;
        self.build(rec)
    }

    /// Builds the session from a transcript held in memory as events (a
    /// header and the events after it, payloads as JSON text). An
    /// [`Event::End`] last ends the transcript cleanly (its count must be
    /// the number of events before it, and what it counts as dropped is a
    /// [`ReplayError::Gap`] unless [`allow_gaps`](ReplayBuilder::allow_gaps));
    /// without one it is cut short. This is how `reprise::entropy` replays a
    /// mutated transcript.
    ///
    /// The events are indexed as they are given (not parsed again), and
    /// encoded, in memory, into the lines a file would hold, from which
    /// payloads are read back as [`ReplayBuilder::from_str`] reads them:
    /// nothing is written out. They are checked as a file's lines are (seqs
    /// that increase); `name` stands for the file in errors, with the line
    /// the event would be on (the header is line 1).
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// use reprise::transcript::{Call, Direction, End, Event, Header, Return};
    /// use serde_json::value::to_raw_value;
    /// let header = Header::new("kv", "", "");
    /// let events = vec![
    ///     Event::Call(Call { seq: 0, dir: Direction::In, port: "api".into(), method: "double".into(),
    ///         args: to_raw_value(&serde_json::json!({"n": 2}))?, at_ns: 0, parent: None, task: None }),
    ///     Event::Return(Return { seq: 1, call: 0, outcome: Outcome::Ok(to_raw_value(&4)?), at_ns: 0 }),
    ///     Event::End(End::new(2, 0)),
    /// ];
    /// let replay = Replay::builder().from_events(header, events, "<memory>")?;
    /// assert!(!replay.is_cut_short());
    /// replay.drive(|call| Ok(Outcome::ok(&(call.arg::<u64>("n")? * 2))?)).assert_clean();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_events(
        self,
        header: Header,
        events: impl IntoIterator<Item = Event<Box<serde_json::value::RawValue>>>,
        name: &str,
    ) -> Result<Replay, ReplayError> {
        self.build(Recorded::load_events(header, events, name.to_owned())?)
    }
}

/// A replay session over one transcript.
///
/// A session hands out the recorded initial state
/// ([`Replay::initial_state`]), a replaying stand-in for each outbound port
/// ([`Replay::port`]), and drives the recorded inbound calls into the
/// component ([`Replay::drive`], [`Replay::drive_async`]), collecting every
/// divergence into a [`Report`].
///
/// Cloning is cheap (an `Arc`); clones, ports and the driver share one
/// progress through the transcript, behind a mutex, so the component may
/// call its ports from any thread or task. A session replays its transcript
/// once; [`Replay::fresh`] starts over.
///
/// ```
/// use reprise::replayer::{Outcome, Replay};
/// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"state","label":"initial","state":{"factor":2}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":21}}
/// {"seq":2,"kind":"call","dir":"out","port":"audit","method":"log","args":{"n":21}}
/// {"seq":3,"kind":"return","call":2,"ok":null}
/// {"seq":4,"kind":"return","call":1,"ok":42}
/// {"kind":"end","events":5,"dropped":0}
/// "#;
/// let replay = Replay::from_str(text)?;
/// let factor: u64 = replay.initial_state::<serde_json::Value>()?["factor"].as_u64().unwrap();
/// let audit = replay.port("audit");
/// let report = replay.drive(|call| {
///     let n: u64 = call.arg("n")?;
///     let () = audit.outbound("log", &serde_json::json!({"n": n}));
///     Ok(Outcome::ok(&(n * factor))?)
/// });
/// report.assert_clean();
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Replay {
    pub(crate) shared: Arc<Shared>,
}

/// What clones of a session share.
#[derive(Debug)]
pub(crate) struct Shared {
    /// Tells this session's scopes from another's on the same thread.
    pub(crate) id: u64,
    pub(crate) rec: Arc<Recorded>,
    pub(crate) config: Arc<Config>,
    progress: Mutex<Progress>,
    /// Wakes the settle timer thread of `drive_async`.
    pub(crate) timer_cv: Condvar,
}

/// One thing the component did, logged for the determinism check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Action {
    /// The recorded event it was matched with, if any.
    pub(crate) seq: Option<u64>,
    pub(crate) port: String,
    pub(crate) method: String,
    /// The field of the line the value stands for: `args`, `ok`, `err`,
    /// `panic`, `error`.
    pub(crate) field: &'static str,
    pub(crate) value: serde_json::Value,
}

/// The mutable state of a session.
#[derive(Debug)]
pub(crate) struct Progress {
    /// Where each recorded outbound call stands.
    pub(crate) calls: MatchState,
    pub(crate) findings: Vec<Finding>,
    pub(crate) notes: Vec<String>,
    /// How many drivers (or setups) are running: a divergence then aborts
    /// the inbound call rather than panicking.
    pub(crate) driving: usize,
    /// The next inbound call to feed.
    pub(crate) next_inbound: usize,
    pub(crate) fed: usize,
    pub(crate) cut_noted: bool,
    /// A recorded line could not be read back: the replay has stopped.
    pub(crate) broken: bool,
    pub(crate) actions: Option<Vec<Action>>,
    /// What the component did, when capturing.
    pub(crate) captured: Option<Vec<Captured>>,
    /// The expectation engine, when the session has expectations.
    pub(crate) expecting: Option<Box<Expecting>>,
    /// Tasks of `drive_async` waiting for outbound calls to be made.
    pub(crate) waiters: Vec<Waker>,
    pub(crate) timer: Timer,
    /// What a tolerant replay let pass.
    pub(crate) tolerated: Tolerated,
    /// Seqs given so far to events the recording does not have (a model's
    /// calls and returns, probes): they count on from its last seq.
    pub(crate) fresh_seqs: u64,
}

/// The settle timer of `drive_async`: one thread per running driver.
#[derive(Debug, Default)]
pub(crate) struct Timer {
    pub(crate) deadline: Option<(Instant, Waker)>,
    pub(crate) handle: Option<JoinHandle<()>>,
    pub(crate) stop: bool,
}

impl Progress {
    /// Whether the replay has stopped at its first divergence, or because
    /// the transcript could not be read back.
    pub(crate) fn stopped(&self, config: &Config) -> bool {
        self.broken || (config.stop_at_first && !self.findings.is_empty())
    }

    /// Adds a finding, unless the replay has already stopped.
    pub(crate) fn record(&mut self, config: &Config, finding: Finding) {
        if config.tolerant && Tolerated::passes_over(finding.kind) {
            self.tolerated.divergences += 1;
            return;
        }
        if !self.stopped(config) {
            self.findings.push(finding);
        }
    }

    /// A seq no recorded event has, for an event the engine sees that the
    /// recording does not have: the engine pairs returns with calls by seq.
    pub(crate) fn fresh_seq(&mut self, rec: &Recorded) -> u64 {
        let seq = rec.last_seq().map_or(0, |last| last + 1) + self.fresh_seqs;
        self.fresh_seqs += 1;
        seq
    }

    pub(crate) fn capture(&mut self, item: impl FnOnce() -> Captured) {
        if let Some(captured) = &mut self.captured {
            captured.push(item());
        }
    }

    pub(crate) fn log(&mut self, action: impl FnOnce() -> Action) {
        if let Some(actions) = &mut self.actions {
            actions.push(action());
        }
    }

    /// Feeds the expectation engine, if there is one. `event` gets the
    /// `at_ns` of the last event observed (for an event the recording does
    /// not have) and is only built when an engine will see it.
    pub(crate) fn observe(&mut self, event: impl FnOnce(u64) -> Event) {
        if let Some(expecting) = &mut self.expecting {
            let event = event(expecting.last_at_ns());
            expecting.observe(&event);
        }
    }
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Progress> {
        // No user code runs under this lock; recover from poisoning anyway.
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Ends the scope of an inbound call (or the outside scope up to
    /// position `end`): each recorded effect not made is a missing call, or
    /// is passed over silently when `silently` (the call was stopped by an
    /// earlier finding) or once the replay has stopped. `returned` is what
    /// the inbound call returned, if it did, for the message; `when` says
    /// by when an outside call should have been made.
    pub(crate) fn end_scope(
        &self,
        progress: &mut Progress,
        scope: usize,
        end: usize,
        silently: bool,
        returned: Option<&Outcome>,
        when: &str,
    ) {
        let quiet = silently || progress.stopped(&self.config);
        let state = if quiet {
            CallState::Skipped
        } else {
            CallState::Missing
        };
        let left = progress.calls.settle(&self.rec, scope, end, state);
        if quiet {
            return;
        }
        if self.config.tolerant {
            // Missing calls are passed over: not written up at all.
            progress.tolerated.divergences += left.len();
            return;
        }
        for index in left {
            let finding = findings::missing(&self.rec, index, returned, when);
            let finding = self.with_context(progress, finding, scope);
            progress.record(&self.config, finding);
        }
    }

    /// A recorded line could not be read back (`error` names the file and
    /// the line): an error finding, whatever was found before, and the
    /// replay stops.
    pub(crate) fn unreadable(&self, progress: &mut Progress, scope: usize, error: &str) {
        if progress.broken {
            return;
        }
        let finding = Finding::new(
            FindingKind::Error,
            format!("the replay cannot go on: {error}"),
        );
        let finding = self.with_context(progress, finding, scope);
        progress.findings.push(finding);
        progress.broken = true;
    }

    /// Adds what led to the finding, in `scope`: the inbound call being
    /// handled, with its arguments, then the calls it made so far.
    pub(crate) fn with_context(
        &self,
        progress: &Progress,
        mut finding: Finding,
        scope: usize,
    ) -> Finding {
        if self.config.tolerant && Tolerated::passes_over(finding.kind) {
            // It will be passed over: its context would be read for nothing.
            return finding;
        }
        finding.inbound = self.rec.inbound_call(scope);
        finding.context = findings::context(
            &self.rec,
            &progress.calls,
            scope,
            self.config.context,
            finding.seq,
        );
        finding
    }

    /// The report of everything found so far.
    pub(crate) fn report(&self, progress: &Progress) -> Report {
        let mut notes = progress.notes.clone();
        if let reprise_transcript::Ending::CutShort { torn_line } = &self.rec.ending {
            let after = match self.rec.last_seq() {
                Some(seq) => format!("after #{seq}"),
                None => "before its first event".to_owned(),
            };
            let mut note = format!(
                "the recording was cut short {after} (no `end` line): it was replayed up to its cut"
            );
            if let Some(line) = torn_line {
                note.push_str(&format!("; its torn last line {line} was skipped"));
            }
            notes.insert(0, note);
        }
        match (self.rec.gap, self.rec.dropped) {
            (Some((before, after)), _) => notes.push(format!(
                "events are missing between #{before} and #{after}: the replay went on past them"
            )),
            (None, 0) => {}
            (None, dropped) => notes.push(format!(
                "events are missing: the end line counts {dropped} dropped, though the seqs do not break; the replay went on"
            )),
        }
        if self.rec.orphans > 0 {
            notes.push(format!(
                "{} outbound {} made inside an inbound call that is not in the transcript (it began before its first event) {} not replayed",
                self.rec.orphans,
                if self.rec.orphans == 1 { "call" } else { "calls" },
                if self.rec.orphans == 1 { "was" } else { "were" },
            ));
        }
        notes.extend(progress.tolerated.note());
        let mut findings = progress.findings.clone();
        if let (Some(error), false) = (self.rec.failure(), progress.broken) {
            // Only a line shown in a finding could not be read back.
            findings.push(Finding::new(
                FindingKind::Error,
                format!("the replay cannot go on: {error}"),
            ));
        }
        let mut not_kept = (0, 0);
        if let Some(expecting) = &progress.expecting {
            let (found, remarks) = expecting.verdict();
            findings.extend_from_slice(found);
            notes.extend_from_slice(remarks);
            not_kept = expecting.not_kept();
        }
        Report::new(self.rec.header.component.clone(), findings)
            .with_notes(notes)
            .with_counts(progress.fed, progress.calls.made)
            .with_not_kept(not_kept.0, not_kept.1)
    }
}

impl Replay {
    pub(crate) fn new(rec: Arc<Recorded>, config: Arc<Config>) -> Replay {
        let progress = Progress {
            calls: MatchState::new(&rec, &config.queries),
            findings: Vec::new(),
            notes: Vec::new(),
            driving: 0,
            next_inbound: 0,
            fed: 0,
            cut_noted: false,
            broken: false,
            actions: config.log_actions.then(Vec::new),
            captured: config.capture.then(Vec::new),
            expecting: config
                .expectations
                .as_deref()
                .map(|e| Box::new(Expecting::new(e, &rec.header.component))),
            waiters: Vec::new(),
            timer: Timer::default(),
            tolerated: Tolerated::default(),
            fresh_seqs: 0,
        };
        static SESSIONS: AtomicU64 = AtomicU64::new(0);
        Replay {
            shared: Arc::new(Shared {
                id: SESSIONS.fetch_add(1, Ordering::Relaxed),
                rec,
                config,
                progress: Mutex::new(progress),
                timer_cv: Condvar::new(),
            }),
        }
    }

    /// A builder for a session with non-default settings.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// let replay = Replay::builder().stop_at_first(false).from_str(text)?;
    /// assert!(replay.drive(|_| unreachable!()).is_clean());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn builder() -> ReplayBuilder {
        ReplayBuilder::default()
    }

    /// Loads the transcript at `path` with default settings.
    ///
    /// The file is indexed, not loaded: payloads are read back from it when
    /// used (see [`ReplayBuilder::from_file`]), so a replay of a transcript
    /// of any size stays within a few tens of MiB. A bad line is an error
    /// naming the file and the line. A transcript
    /// that was cut short (no `end` line, perhaps a torn last line) loads up
    /// to its cut, and its report says so.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("bad.jsonl");
    /// std::fs::write(&path, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0}\n")?;
    /// let err = Replay::from_file(&path).unwrap_err();
    /// assert_eq!(err.to_string(), format!("{}: line 2: line has no `kind` field", path.display()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Replay, ReplayError> {
        Replay::builder().from_file(path)
    }

    /// Loads a transcript held in a string, with default settings.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert_eq!(replay.component(), "kv");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    #[allow(
        clippy::should_implement_trait,
        reason = "the contract's spelling; `FromStr` is implemented too"
    )]
    pub fn from_str(text: &str) -> Result<Replay, ReplayError> {
        Replay::builder().from_str(text)
    }

    /// A new session over the same transcript and settings, with nothing
    /// consumed yet. The transcript is not read again.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":5}
    /// "#;
    /// let replay = Replay::from_str(text)?;
    /// let first: u64 = replay.port("clock").outbound("now", &());
    /// let again: u64 = replay.fresh().port("clock").outbound("now", &());
    /// assert_eq!(first, again);
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn fresh(&self) -> Replay {
        Replay::new(self.shared.rec.clone(), self.shared.config.clone())
    }

    pub(crate) fn fresh_with(&self, config: Config) -> Replay {
        Replay::new(self.shared.rec.clone(), Arc::new(config))
    }

    pub(crate) fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The recorded component's name, from the header.
    pub fn component(&self) -> &str {
        &self.shared.rec.header.component
    }

    /// The transcript's header.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"meta\":{\"v\":\"1.2\"}}\n")?;
    /// assert_eq!(replay.header().meta["v"], "1.2");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn header(&self) -> &Header {
        &self.shared.rec.header
    }

    /// Whether the recording was cut short (it has no `end` line). Such a
    /// transcript replays up to its cut: the inbound calls before the cut
    /// are fed, and an outbound call the component makes past the last
    /// recorded one stops the inbound call quietly instead of diverging.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert!(replay.is_cut_short());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn is_cut_short(&self) -> bool {
        self.shared.rec.cut_short()
    }

    /// The recorded initial state, deserialised.
    ///
    /// It is the first `state` event of the transcript: normally the one
    /// labelled `initial`, or the checkpoint a flight-recorder dump starts
    /// from.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// #[derive(serde::Deserialize)]
    /// struct Node { term: u64 }
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"state","label":"initial","state":{"term":7}}
    /// "#)?;
    /// assert_eq!(replay.initial_state::<Node>()?.term, 7);
    /// assert!(replay.initial_state::<String>().is_err());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn initial_state<S: DeserializeOwned>(&self) -> Result<S, ReplayError> {
        let rec = &self.shared.rec;
        let Some((seq, state)) = rec.initial_state()? else {
            return Err(ReplayError::NoInitialState {
                file: rec.source.clone(),
            });
        };
        recorded::deserialize(&state).map_err(|(source, _)| ReplayError::InitialState {
            file: rec.source.clone(),
            seq,
            ty: std::any::type_name::<S>(),
            source: crate::error::redacted(source),
        })
    }

    /// What the component actually did, as a transcript (JSON Lines): the
    /// pending transcript `reprise::testing::write_pending` takes in update
    /// mode. It holds the recorded header and initial state, each inbound
    /// call fed with its recorded arguments, each outbound call the
    /// component made with its actual arguments (its `parent` the inbound
    /// call it was made in) followed by the recorded return it was served
    /// (none for a call that matched nothing), and each inbound call's
    /// actual return (`ok`, `err` or `panic`); recorded calls the component
    /// did not make are left out, and so are probes and checkpoints. Seqs
    /// are new and increasing. Needs
    /// [`ReplayBuilder::capture`]; call it once the drive has returned.
    ///
    /// Without capture it is a [`ReplayError::NotCaptured`].
    ///
    /// ```
    /// use reprise::replayer::{Replay, ReplayError};
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert!(matches!(replay.actual_transcript(), Err(ReplayError::NotCaptured)));
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn actual_transcript(&self) -> Result<Vec<u8>, ReplayError> {
        let progress = self.shared.lock();
        let captured = progress
            .captured
            .as_deref()
            .ok_or(ReplayError::NotCaptured)?;
        actual::transcript(&self.shared.rec, captured)
    }

    /// The report of what was found so far, without ending the replay.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert!(replay.report().is_clean());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn report(&self) -> Report {
        let progress = self.shared.lock();
        self.shared.report(&progress)
    }

    /// Ends a replay driven by hand (through ports only, without
    /// [`Replay::drive`]): every recorded outbound call not made is a
    /// [`FindingKind::MissingCall`](crate::FindingKind::MissingCall), and the report is returned. The drivers
    /// do this themselves.
    ///
    /// ```
    /// use reprise::replayer::{FindingKind, Replay};
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":5}
    /// "#)?;
    /// let report = replay.finish();
    /// assert_eq!(report.first().unwrap().kind, FindingKind::MissingCall);
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn finish(&self) -> Report {
        self.finish_after()
    }

    /// Ends the replay: the recorded effects not made, in the scopes of
    /// inbound calls not fed and in the outside scope, are missing calls
    /// (passed over once the replay has stopped).
    pub(crate) fn finish_after(&self) -> Report {
        let shared = &*self.shared;
        let mut progress = shared.lock();
        for scope in 0..shared.rec.scopes_len() {
            shared.end_scope(
                &mut progress,
                scope,
                usize::MAX,
                false,
                None,
                "by the end of the replay",
            );
        }
        if let Some(expecting) = &mut progress.expecting {
            expecting.finish();
        }
        shared.report(&progress)
    }
}

impl std::str::FromStr for Replay {
    type Err = ReplayError;

    /// Same as [`Replay::from_str`].
    fn from_str(text: &str) -> Result<Replay, ReplayError> {
        Replay::builder().from_str(text)
    }
}
