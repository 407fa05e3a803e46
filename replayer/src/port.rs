//! [`ReplayPort`]: the stand-in for an outbound port.

use std::sync::Arc;

use reprise_transcript::{Call, Direction, Event, Outcome, Return, json_error_message};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::abort::{abort, diverged};
use crate::matching::{Take, candidates, mismatches, pending_window, take};
use crate::recorded;
use crate::session::{Action, Matching, Shared};
use reprise_expect::{Finding, FindingKind};

/// The replaying stand-in for one outbound port, from [`Replay::port`](crate::Replay::port).
///
/// Each call is matched to a recorded outbound call (see
/// [`Matching`](crate::Matching)), its arguments are compared with the
/// recorded ones as JSON (ignore rules applied), and the recorded return is
/// served, deserialised into the type the component asks for. It never
/// performs real I/O.
///
/// - Arguments differ: a [`FindingKind::ArgumentsDiffer`], and the recorded
///   return is still served so the replay goes on.
/// - No recorded call matches (another port or method): a
///   [`FindingKind::UnexpectedCall`] naming the closest recorded candidates.
///   The component cannot be given a value, so the inbound call being
///   driven is stopped by unwinding with a private marker that the driver
///   catches (no panic message is printed). Outside a driver, the call
///   panics with the finding.
/// - The recorded return does not deserialise into the requested type: a
///   [`FindingKind::ReturnDiffers`], and the inbound call is stopped the same
///   way.
///
/// Cloning is cheap; ports are `Send + Sync`.
///
/// ```
/// use reprise_replayer::Replay;
/// use serde_json::json;
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"read","args":{"key":"a"}}
/// {"seq":1,"kind":"return","call":0,"ok":{"value":3}}
/// {"seq":2,"kind":"call","dir":"out","port":"storage","method":"append","args":{"key":"a"}}
/// {"seq":3,"kind":"return","call":2,"err":"disk full"}
/// {"kind":"end","events":4,"dropped":0}
/// "#)?;
/// let storage = replay.port("storage");
/// let read: serde_json::Value = storage.outbound("read", &json!({"key": "a"}));
/// assert_eq!(read["value"], 3);
/// let appended: Result<u64, String> = storage.outbound_result("append", &json!({"key": "a"}));
/// assert_eq!(appended, Err("disk full".to_owned()));
/// assert!(replay.finish().is_clean());
/// # Ok::<(), reprise_replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReplayPort {
    shared: Arc<Shared>,
    id: Option<usize>,
    name: Arc<str>,
}

impl ReplayPort {
    pub(crate) fn new(shared: Arc<Shared>, name: &str) -> ReplayPort {
        let id = shared.rec.port_id(name);
        ReplayPort {
            shared,
            id,
            name: name.into(),
        }
    }

    /// The port's name.
    ///
    /// ```
    /// # let replay = reprise_replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert_eq!(replay.port("network").name(), "network");
    /// # Ok::<(), reprise_replayer::ReplayError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Replays an outbound call whose recorded return is a plain value
    /// (`ok`), as the recorder's `Port::outbound` writes it.
    ///
    /// A recorded `err` return is a [`FindingKind::ReturnDiffers`]: use
    /// [`ReplayPort::outbound_result`] for calls that return a `Result`.
    ///
    /// ```
    /// # let replay = reprise_replayer::Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":{}}
    /// # {"seq":1,"kind":"return","call":0,"ok":1700000000}
    /// # "#)?;
    /// let now: u64 = replay.port("clock").outbound("now", &serde_json::json!({}));
    /// assert_eq!(now, 1_700_000_000);
    /// # Ok::<(), reprise_replayer::ReplayError>(())
    /// ```
    pub fn outbound<A, R>(&self, method: &str, args: &A) -> R
    where
        A: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let index = self.serve(method, args);
        match &self.shared.rec.outbound[index].ret {
            Some(Outcome::Ok(value)) => self.read::<R>(index, "ok", value),
            Some(Outcome::Err(error)) => {
                let message = format!(
                    "outbound call #{} {}.{method} recorded an `err` return, but the component asks for a plain value; replay it with `outbound_result`",
                    self.shared.rec.outbound[index].seq, self.name
                );
                self.diverge_on_return(index, &Outcome::Err(recorded::value(error)), message)
            }
            None => self.no_return(index),
        }
    }

    /// Replays an outbound call that returns a `Result`: a recorded `ok` is
    /// served as `Ok(T)`, a recorded `err` as `Err(E)`.
    ///
    /// ```
    /// # let replay = reprise_replayer::Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"out","port":"storage","method":"write","args":["a",40]}
    /// # {"seq":1,"kind":"return","call":0,"ok":41}
    /// # "#)?;
    /// let written: Result<u64, String> = replay.port("storage").outbound_result("write", &("a", 40));
    /// assert_eq!(written, Ok(41));
    /// # Ok::<(), reprise_replayer::ReplayError>(())
    /// ```
    pub fn outbound_result<A, T, E>(&self, method: &str, args: &A) -> Result<T, E>
    where
        A: Serialize + ?Sized,
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let index = self.serve(method, args);
        match &self.shared.rec.outbound[index].ret {
            Some(Outcome::Ok(value)) => Ok(self.read::<T>(index, "ok", value)),
            Some(Outcome::Err(value)) => Err(self.read::<E>(index, "err", value)),
            None => self.no_return(index),
        }
    }

    /// Matches the call, compares its arguments, and returns the index of
    /// the recorded call to serve; aborts when nothing matches.
    fn serve<A: Serialize + ?Sized>(&self, method: &str, args: &A) -> usize {
        let actual = serde_json::to_value(args)
            .unwrap_or_else(|e| json!({ "$unserializable": e.to_string() }));
        let shared = &*self.shared;
        let (rec, config) = (&*shared.rec, &*shared.config);
        let mut progress = shared.lock();
        match take(rec, config, &mut progress, self.id, method) {
            Take::Matched(index) => {
                let waiters = std::mem::take(&mut progress.waiters);
                let call = &rec.outbound[index];
                let recorded = recorded::value(&call.args);
                let paths = config.ignore.differing("args", &recorded, &actual);
                if !paths.is_empty() && !progress.stopped(config) {
                    let finding = Finding::new(
                        FindingKind::ArgumentsDiffer,
                        format!(
                            "the component called {}.{method} with arguments that differ from the recording at {}; the recorded return was served",
                            self.name,
                            paths.join(", ")
                        ),
                    )
                    .at(Some(call.seq), &*self.name, method)
                    .values(Some(recorded), Some(actual.clone()), paths);
                    progress.record(config, shared.with_context(finding));
                }
                let parent = progress.current.map(|i| rec.inbound[i].call.seq);
                progress.observe(|_| {
                    Event::Call(Call {
                        seq: call.seq,
                        dir: Direction::Out,
                        port: self.name.to_string(),
                        method: method.to_owned(),
                        args: actual.clone(),
                        at_ns: call.at_ns,
                        parent,
                        task: None,
                    })
                });
                progress.log(|| Action {
                    seq: Some(call.seq),
                    port: self.name.to_string(),
                    method: method.to_owned(),
                    field: "args",
                    value: actual,
                });
                drop(progress);
                for waker in waiters {
                    waker.wake();
                }
                index
            }
            Take::Mismatch { expected } => {
                progress.log(|| Action {
                    seq: None,
                    port: self.name.to_string(),
                    method: method.to_owned(),
                    field: "args",
                    value: actual.clone(),
                });
                let at_the_cut = expected.is_none()
                    && rec.cut_short()
                    && progress.next_inbound >= rec.inbound.len();
                if at_the_cut {
                    if !progress.cut_noted {
                        progress.cut_noted = true;
                        let note = format!(
                            "the component called {}.{method} past the last recorded outbound call; the recording ends there, so {} was stopped at that call",
                            self.name,
                            current_call(shared, &progress)
                        );
                        progress.notes.push(note);
                    }
                    let why = format!(
                        "reprise replay: {}.{method} was called past the end of a recording that was cut short",
                        self.name
                    );
                    drop(progress);
                    abort(shared, why);
                }
                let window = pending_window(rec, &progress);
                let current = current_call(shared, &progress);
                let inbound_seq = progress.current.map(|i| rec.inbound[i].call.seq);
                // The component did make this call: the engine sees it, at
                // the seq the finding names and the latest recorded time.
                let seq = expected.map(|i| rec.outbound[i].seq).or(inbound_seq);
                progress.observe(|at_ns| {
                    Event::Call(Call {
                        seq: seq.unwrap_or(0),
                        dir: Direction::Out,
                        port: self.name.to_string(),
                        method: method.to_owned(),
                        args: actual.clone(),
                        at_ns,
                        parent: inbound_seq,
                        task: None,
                    })
                });
                drop(progress);
                let finding =
                    self.unexpected(method, actual, expected, &window, &current, inbound_seq);
                shared.lock().record(config, finding.clone());
                abort(shared, diverged(&finding));
            }
        }
    }

    fn unexpected(
        &self,
        method: &str,
        actual: Value,
        expected: Option<usize>,
        window: &[usize],
        current: &str,
        inbound_seq: Option<u64>,
    ) -> Finding {
        let shared = &*self.shared;
        let (rec, config) = (&*shared.rec, &*shared.config);
        let scope = match config.matching {
            Matching::PerPort => format!(" on port `{}`", self.name),
            _ => String::new(),
        };
        let candidates = candidates(rec, config, window, &self.name, method, &actual);
        let (seq, message, expected_json, paths) = match expected {
            Some(index) => {
                let call = &rec.outbound[index];
                (
                    Some(call.seq),
                    format!(
                        "the component called {}.{method}, but the next recorded outbound call{scope} is #{} {}.{}; {current} was stopped at this call",
                        self.name, call.seq, rec.ports[call.port], call.method
                    ),
                    Some(rec.call_json(call)),
                    mismatches(rec, config, index, &self.name, method, &actual),
                )
            }
            None => (
                inbound_seq,
                format!(
                    "the component called {}.{method}, but no recorded outbound call{scope} is left; {current} was stopped at this call",
                    self.name
                ),
                None,
                Vec::new(),
            ),
        };
        let actual_json = json!({"port": &*self.name, "method": method, "args": actual});
        let mut finding = Finding::new(FindingKind::UnexpectedCall, message)
            .at(seq, &*self.name, method)
            .values(expected_json, Some(actual_json), paths);
        finding.candidates = candidates;
        shared.with_context(finding)
    }

    /// Deserialises a recorded return value, or diverges with a clear message.
    fn read<T: DeserializeOwned>(&self, index: usize, side: &'static str, raw: &RawValue) -> T {
        match recorded::deserialize(raw) {
            Ok(v) => {
                let call = &self.shared.rec.outbound[index];
                // Served: the engine sees the return. No lock without expectations.
                if self.shared.config.expectations.is_none() {
                    return v;
                }
                self.shared.lock().observe(|_| {
                    let value = recorded::value(raw);
                    Event::Return(Return {
                        seq: call.ret_seq,
                        call: call.seq,
                        outcome: match side {
                            "err" => Outcome::Err(value),
                            _ => Outcome::Ok(value),
                        },
                        at_ns: call.ret_at_ns,
                    })
                });
                v
            }
            Err((e, value)) => {
                let call = &self.shared.rec.outbound[index];
                let message = format!(
                    "the recorded return of #{} {}.{} cannot be read as `{}`: {}",
                    call.seq,
                    self.name,
                    call.method,
                    std::any::type_name::<T>(),
                    json_error_message(&e)
                );
                let outcome = match side {
                    "err" => Outcome::Err(value),
                    _ => Outcome::Ok(value),
                };
                self.diverge_on_return(index, &outcome, message)
            }
        }
    }

    fn diverge_on_return(&self, index: usize, outcome: &Outcome, message: String) -> ! {
        let shared = &*self.shared;
        let call = &shared.rec.outbound[index];
        let finding = Finding::new(FindingKind::ReturnDiffers, message)
            .at(Some(call.seq), &*self.name, call.method.to_string())
            .values(
                Some(outcome.to_json()),
                None,
                vec![format!("$.{}", outcome.side())],
            );
        let finding = shared.with_context(finding);
        shared.lock().record(&shared.config, finding.clone());
        abort(shared, diverged(&finding));
    }

    /// The recorded call never returned (the recording was cut short inside
    /// it): nothing can be served, and the inbound call stops quietly.
    fn no_return(&self, index: usize) -> ! {
        let shared = &*self.shared;
        let call = &shared.rec.outbound[index];
        let mut progress = shared.lock();
        let note = format!(
            "outbound call #{} {}.{} has no recorded return, so {} was stopped at it",
            call.seq,
            self.name,
            call.method,
            current_call(shared, &progress)
        );
        progress.notes.push(note.clone());
        drop(progress);
        abort(shared, format!("reprise replay: {note}"));
    }
}

/// Names the inbound call being driven, for messages.
fn current_call(shared: &Shared, progress: &crate::session::Progress) -> String {
    match progress.current {
        Some(i) => {
            let call = &shared.rec.inbound[i].call;
            format!(
                "inbound call #{} {}.{}",
                call.seq, shared.rec.ports[call.port], call.method
            )
        }
        None => "the caller".to_owned(),
    }
}
