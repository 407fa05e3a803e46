//! The determinism check: replay the same transcript twice and report the
//! first thing the component did differently.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::abort::{Unwind, classify};
use crate::matching::Matching;
use crate::session::{Action, Config, Replay};
use reprise_expect::Report;
use reprise_expect::{Finding, FindingKind};

/// The transcript a determinism check replays: a file, or a session
/// already loaded (whose settings, such as ignore rules, are kept).
///
/// ```
/// use std::path::Path;
/// use reprise::replayer::{Replay, TranscriptSource};
/// let _from_a_path: TranscriptSource = Path::new("tests/recordings/x.jsonl").into();
/// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
/// let _from_a_session: TranscriptSource = (&replay).into();
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TranscriptSource {
    /// A transcript file, loaded with default settings.
    File(PathBuf),
    /// A loaded session; each run gets a [`Replay::fresh`] copy of it.
    Session(Replay),
}

impl From<&Path> for TranscriptSource {
    fn from(path: &Path) -> Self {
        TranscriptSource::File(path.to_owned())
    }
}

impl From<PathBuf> for TranscriptSource {
    fn from(path: PathBuf) -> Self {
        TranscriptSource::File(path)
    }
}

impl From<&PathBuf> for TranscriptSource {
    fn from(path: &PathBuf) -> Self {
        TranscriptSource::File(path.clone())
    }
}

impl From<&Replay> for TranscriptSource {
    fn from(replay: &Replay) -> Self {
        TranscriptSource::Session(replay.clone())
    }
}

impl From<Replay> for TranscriptSource {
    fn from(replay: Replay) -> Self {
        TranscriptSource::Session(replay)
    }
}

/// Replays the same transcript twice with `replay_fn` and reports the first
/// event where a run differs from the other or from the recording, as a
/// [`FindingKind::Nondeterministic`] finding. [`check_determinism_runs`]
/// replays it more times.
///
/// `replay_fn` gets a fresh session each time; it builds the component from
/// it and drives it, as an ordinary replay test does. What the component
/// does is logged in each run (every outbound call with its arguments,
/// every inbound call's return, panics); the two logs are compared, ignore
/// rules applied, and the first difference is the finding: the first run's
/// value is `expected`, the second's `actual`. A difference means the
/// component reads something the transcript does not record, such as the
/// system clock, a random source or `HashMap` iteration order: route it
/// through a port.
///
/// Each run collects every divergence (as with `stop_at_first(false)`), so
/// a run does not stop before the difference shows. With
/// [`Matching::PerPort`], each port's calls are compared in order, so a
/// different interleaving of ports is not a difference.
///
/// Every run is also compared with the recording: a component that reads
/// a random source with few outcomes can pick the same value twice, but
/// not the recorded one. When a run's replay report diverges (the report
/// `replay_fn` returns) before any two runs differ, that divergence is the
/// finding: the component did something else than recorded, because it
/// changed or because it reads something unrecorded; the ordinary replay
/// test tells which. The finding has the recorded event's seq (or that of
/// the inbound call being handled) and the recorded events up to it as
/// context. A transcript that cannot be loaded gives a report with one
/// [`FindingKind::Error`].
///
/// A deterministic component:
///
/// ```
/// use reprise::replayer::{Outcome, Replay, check_determinism};
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":2}}
/// {"seq":1,"kind":"return","call":0,"ok":4}
/// "#)?;
/// let report = check_determinism(&replay, |replay| {
///     replay.drive(|call| Ok(Outcome::ok(&(call.arg::<u64>("n")? * 2))?))
/// });
/// report.assert_clean();
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
///
/// A component that reads an unrecorded counter:
///
/// ```should_panic
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use reprise::replayer::{Outcome, Replay, check_determinism};
/// static CALLS: AtomicU64 = AtomicU64::new(0);
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"next_id","args":{}}
/// {"seq":1,"kind":"return","call":0,"ok":0}
/// "#)?;
/// let report = check_determinism(&replay, |replay| {
///     replay.drive(|_| Ok(Outcome::ok(&CALLS.fetch_add(1, Ordering::SeqCst))?))
/// });
/// report.assert_clean(); // panics: "#0 api.next_id: nondeterministic at $.ok"
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
pub fn check_determinism<S, F>(source: S, replay_fn: F) -> Report
where
    S: Into<TranscriptSource>,
    F: FnMut(&Replay) -> Report,
{
    check_determinism_runs(source, 2, replay_fn)
}

/// [`check_determinism`] with `runs` replays (at least one: a single run is
/// compared with the recording only). More runs catch a source with more
/// outcomes: a coin that lands the same way twice in a row one time in
/// two is caught with five runs fifteen times in sixteen.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use reprise::replayer::{FindingKind, Outcome, Replay, check_determinism_runs};
/// static DRAWS: AtomicU64 = AtomicU64::new(0);
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"dice"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"roll","args":{}}
/// {"seq":1,"kind":"return","call":0,"ok":3}
/// "#)?;
/// // Rolls 1, 1, 2, 2, ...: the first two runs agree, but not with the recording.
/// let report = check_determinism_runs(&replay, 3, |replay| {
///     replay.drive(|_| Ok(Outcome::ok(&(DRAWS.fetch_add(1, Ordering::SeqCst) / 2 + 1))?))
/// });
/// let finding = report.first().expect("caught");
/// assert_eq!((finding.kind, finding.seq), (FindingKind::Nondeterministic, Some(0)));
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
pub fn check_determinism_runs<S, F>(source: S, runs: usize, mut replay_fn: F) -> Report
where
    S: Into<TranscriptSource>,
    F: FnMut(&Replay) -> Report,
{
    let base = match source.into() {
        TranscriptSource::Session(replay) => replay,
        TranscriptSource::File(path) => match Replay::from_file(&path) {
            Ok(replay) => replay,
            Err(e) => {
                let finding = Finding::new(
                    FindingKind::Error,
                    format!("the determinism check could not load the transcript: {e}"),
                );
                return Report::new("", vec![finding]);
            }
        },
    };
    let config = Config {
        stop_at_first: false,
        log_actions: true,
        // Runs' actions are compared; expectations would judge nothing.
        expectations: None,
        ..base.config().clone()
    };
    let mut run = || {
        let replay = base.fresh_with(config.clone());
        let report = match catch_unwind(AssertUnwindSafe(|| replay_fn(&replay))) {
            Ok(report) => Some(report),
            Err(payload) => {
                let message = match classify(&*payload) {
                    Unwind::Panic(message) => message,
                    Unwind::Abort => "the replay was stopped".to_owned(),
                };
                replay.shared.lock().log(|| Action {
                    seq: None,
                    port: String::new(),
                    method: String::new(),
                    field: "panic",
                    value: json!(message),
                });
                None
            }
        };
        let mut progress = replay.shared.lock();
        let counts = (progress.fed, progress.calls.made);
        (progress.actions.take().unwrap_or_default(), report, counts)
    };
    let runs = runs.max(1);
    let mut logs = Vec::with_capacity(runs);
    let mut first_divergence: Option<(u64, Finding)> = None;
    let mut counts = (0, 0);
    for n in 0..runs {
        let (log, report, run_counts) = run();
        if n == 0 {
            counts = run_counts;
        }
        let diverged = report.as_ref().and_then(|r| {
            r.findings()
                .iter()
                .find(|f| f.expectation.is_none() && f.kind != FindingKind::ExpectationFailed)
        });
        if let Some(divergence) = diverged {
            let rank = divergence
                .seq
                .or(divergence.inbound.as_ref().map(|c| c.seq))
                .unwrap_or(u64::MAX);
            if first_divergence.as_ref().is_none_or(|(r, _)| rank < *r) {
                let message = format!(
                    "replay {} of {runs} differs from the recording here: {}. Either the component changed, or it reads something the transcript does not record (a clock, a random source, HashMap iteration order): the ordinary replay test tells which",
                    n + 1,
                    divergence.message
                );
                let mut finding = divergence.clone();
                finding.kind = FindingKind::Nondeterministic;
                finding.message = message;
                finding.seq = Some(rank).filter(|&r| r != u64::MAX);
                first_divergence = Some((rank, finding));
            }
        }
        logs.push(log);
    }
    let mut best: Option<(u64, Finding)> = None;
    for (n, log) in logs.iter().enumerate().skip(1) {
        if let Some((rank, finding)) = first_difference(&base, &logs[0], log, n + 1) {
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, finding));
            }
        }
    }
    // Two runs that differ say more than a divergence at the same event.
    let chosen = match (best, first_divergence) {
        (Some(b), Some(d)) if d.0 < b.0 => Some(d.1),
        (Some(b), _) => Some(b.1),
        (None, d) => d.map(|d| d.1),
    };
    let mut findings = Vec::new();
    if let Some(mut finding) = chosen {
        let rec = &base.shared.rec;
        // The recorded events up to and including the one it is about.
        finding.context = match finding.seq {
            Some(seq) => rec.context(Some(seq + 1), base.config().context + 1),
            None => Vec::new(),
        };
        findings.push(finding);
    }
    let compared = logs.iter().map(Vec::len).max().unwrap_or(0);
    let note = format!(
        "the determinism check compared what the component did in {runs} {} with each other and with the recording ({compared} {} each)",
        if runs == 1 { "replay" } else { "replays" },
        if compared == 1 { "action" } else { "actions" }
    );
    Report::new(base.component(), findings)
        .with_notes(vec![note])
        .with_counts(counts.0, counts.1)
}

/// The first difference between two runs' logs, by position in each
/// matching scope (the whole log, or one port's part of it).
fn first_difference(
    base: &Replay,
    first: &[Action],
    second: &[Action],
    run: usize,
) -> Option<(u64, Finding)> {
    let config = base.config();
    let scopes: Vec<Option<&str>> = match config.matching {
        Matching::PerPort => {
            let mut ports: Vec<&str> = first
                .iter()
                .chain(second)
                .map(|a| a.port.as_str())
                .collect();
            ports.sort_unstable();
            ports.dedup();
            ports.into_iter().map(Some).collect()
        }
        _ => vec![None],
    };
    let mut best: Option<(u64, Finding)> = None;
    for scope in scopes {
        let pick = |log: &[Action]| -> Vec<usize> {
            (0..log.len())
                .filter(|&i| scope.is_none_or(|p| log[i].port == p))
                .collect()
        };
        let (a, b) = (pick(first), pick(second));
        for n in 0..a.len().max(b.len()) {
            let (x, y) = (a.get(n).map(|&i| &first[i]), b.get(n).map(|&i| &second[i]));
            if let Some(finding) = differ(base, x, y, run) {
                // Order by the recorded seq, then by position in the first log.
                let rank = x.or(y).and_then(|a| a.seq).unwrap_or(u64::MAX);
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, finding));
                }
                break;
            }
        }
    }
    best
}

/// The finding for two actions at the same position, if they differ.
fn differ(
    base: &Replay,
    first: Option<&Action>,
    second: Option<&Action>,
    run: usize,
) -> Option<Finding> {
    let ignore = &base.config().ignore;
    let describe = |a: &Action| {
        let value = crate::recorded::short_json(&a.value);
        let who = if a.port.is_empty() {
            "the replay function".to_owned()
        } else {
            format!("{}.{}", a.port, a.method)
        };
        match a.field {
            "args" => format!("the component called {who} with {value}"),
            "ok" | "err" => format!("{who} returned {} {value}", a.field),
            field => format!("{who} ended with {field} {value}"),
        }
    };
    let json = |a: &Action| json!({ a.field: a.value });
    let (message, paths, anchor) = match (first, second) {
        (Some(x), Some(y)) => {
            let same_call = x.port == y.port && x.method == y.method;
            let paths = if same_call && x.field == y.field {
                ignore.differing(x.field, &x.value, &y.value)
            } else if same_call {
                let mut fields = vec![format!("$.{}", x.field), format!("$.{}", y.field)];
                fields.sort();
                fields
            } else {
                vec!["$.port".to_owned(), "$.method".to_owned()]
            };
            if paths.is_empty() {
                return None;
            }
            let message = format!(
                "replays 1 and {run} differ here: in replay 1, {}; in replay {run}, {}",
                describe(x),
                describe(y)
            );
            (message, paths, x)
        }
        (Some(x), None) => (
            format!(
                "in replay 1, {}; replay {run} did nothing more",
                describe(x)
            ),
            Vec::new(),
            x,
        ),
        (None, Some(y)) => (
            format!(
                "in replay {run}, {}; replay 1 did nothing more",
                describe(y)
            ),
            Vec::new(),
            y,
        ),
        (None, None) => return None,
    };
    let message = format!(
        "{message}. The component reads something the transcript does not record (a clock, a random source, HashMap iteration order): route it through a port"
    );
    let seq = first.and_then(|a| a.seq).or(second.and_then(|a| a.seq));
    Some(
        Finding::new(FindingKind::Nondeterministic, message)
            .at(seq, anchor.port.clone(), anchor.method.clone())
            .values(first.map(json), second.map(json), paths),
    )
}
