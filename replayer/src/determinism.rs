//! The determinism check: replay the same transcript twice and report the
//! first thing the component did differently.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::abort::{Unwind, classify};
use crate::session::{Action, Config, Matching, Replay};
use reprise_expect::Report;
use reprise_expect::{Finding, FindingKind};

/// The transcript a determinism check replays: a file, or a session
/// already loaded (whose settings, such as ignore rules, are kept).
///
/// ```
/// use std::path::Path;
/// use reprise_replayer::{Replay, TranscriptSource};
/// let _from_a_path: TranscriptSource = Path::new("tests/recordings/x.jsonl").into();
/// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
/// let _from_a_session: TranscriptSource = (&replay).into();
/// # Ok::<(), reprise_replayer::ReplayError>(())
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
/// event where the two runs differ, as a [`FindingKind::Nondeterministic`]
/// finding.
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
/// The returned report holds only the determinism finding; whether each
/// run matched the transcript is the business of the ordinary replay test.
/// A transcript that cannot be loaded gives a report with one
/// [`FindingKind::Error`].
///
/// A deterministic component:
///
/// ```
/// use reprise_replayer::{Outcome, Replay, check_determinism};
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":2}}
/// {"seq":1,"kind":"return","call":0,"ok":4}
/// "#)?;
/// let report = check_determinism(&replay, |replay| {
///     replay.drive(|call| Ok(Outcome::ok(&(call.arg::<u64>("n")? * 2))?))
/// });
/// report.assert_clean();
/// # Ok::<(), reprise_replayer::ReplayError>(())
/// ```
///
/// A component that reads an unrecorded counter:
///
/// ```should_panic
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use reprise_replayer::{Outcome, Replay, check_determinism};
/// static CALLS: AtomicU64 = AtomicU64::new(0);
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"next_id","args":{}}
/// {"seq":1,"kind":"return","call":0,"ok":0}
/// "#)?;
/// let report = check_determinism(&replay, |replay| {
///     replay.drive(|_| Ok(Outcome::ok(&CALLS.fetch_add(1, Ordering::SeqCst))?))
/// });
/// report.assert_clean(); // panics: "#0 api.next_id: nondeterministic at $.ok"
/// # Ok::<(), reprise_replayer::ReplayError>(())
/// ```
pub fn check_determinism<S, F>(source: S, mut replay_fn: F) -> Report
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
        // Two runs' actions are compared; expectations would judge nothing.
        expectations: None,
        ..base.config().clone()
    };
    let mut run = || {
        let replay = base.fresh_with(config.clone());
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| replay_fn(&replay))) {
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
        }
        let mut progress = replay.shared.lock();
        let counts = (progress.fed, progress.made);
        (progress.actions.take().unwrap_or_default(), counts)
    };
    let (first, (fed, made)) = run();
    let (second, _) = run();
    let compared = first.len().max(second.len());
    let mut findings = Vec::new();
    if let Some(finding) = first_difference(&base, &first, &second) {
        findings.push(base.shared.with_context(finding));
    }
    let note = format!(
        "the determinism check compared what the component did in two replays ({compared} {})",
        if compared == 1 { "action" } else { "actions" }
    );
    Report::new(base.component(), findings)
        .with_notes(vec![note])
        .with_counts(fed, made)
}

/// The first difference between two runs' logs, by position in each
/// matching scope (the whole log, or one port's part of it).
fn first_difference(base: &Replay, first: &[Action], second: &[Action]) -> Option<Finding> {
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
            if let Some(finding) = differ(base, x, y) {
                // Order by the recorded seq, then by position in the first log.
                let rank = x.or(y).and_then(|a| a.seq).unwrap_or(u64::MAX);
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, finding));
                }
                break;
            }
        }
    }
    best.map(|(_, f)| f)
}

/// The finding for two actions at the same position, if they differ.
fn differ(base: &Replay, first: Option<&Action>, second: Option<&Action>) -> Option<Finding> {
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
                "the two replays differ here: in the first, {}; in the second, {}",
                describe(x),
                describe(y)
            );
            (message, paths, x)
        }
        (Some(x), None) => (
            format!(
                "in the first replay, {}; the second did nothing more",
                describe(x)
            ),
            Vec::new(),
            x,
        ),
        (None, Some(y)) => (
            format!(
                "in the second replay, {}; the first did nothing more",
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
