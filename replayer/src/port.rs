//! [`ReplayPort`]: the stand-in for an outbound port.

use std::sync::{Arc, MutexGuard};

use reprise_transcript::{Call, Direction, Event, Outcome, Return, json_error_message};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::abort::{abort, diverged};
use crate::actual::Captured;
use crate::error::ReplayError;
use crate::fallback::{self, Fallback, Model};
use crate::findings::{self, Unexpected};
use crate::matching::{Matching, Take};
use crate::recorded::Ret;
use crate::scope;
use crate::session::{Action, Progress, Replay, Shared};
use reprise_expect::{Finding, FindingKind};

/// The replaying stand-in for one outbound port, from [`Replay::port`](crate::Replay::port).
///
/// Each call is matched to a recorded outbound call of the same scope (the
/// inbound call being handled on this thread, or the outside scope; see
/// [`Matching`](crate::Matching)), its arguments are compared with the
/// recorded ones as JSON (ignore rules applied), and the recorded return is
/// served, deserialised into the type the component asks for. A recorded
/// panic is raised again in the component. A query (see
/// [`ReplayPort::declare_query`]) is served by equal arguments instead. It
/// never performs real I/O.
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
/// use reprise::replayer::Replay;
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
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReplayPort {
    shared: Arc<Shared>,
    id: Option<usize>,
    name: Arc<str>,
    /// The port's model, if the session has one for it (`fallback.rs`).
    model: Option<Model>,
}

/// What [`ReplayPort::serve`] found for a call.
enum Served {
    /// The recorded return of outbound call `index`, in `scope`.
    Recorded(usize, usize),
    /// A model's answer.
    Model(Outcome),
}

impl Replay {
    /// The replaying stand-in for the outbound port `name`.
    ///
    /// It never performs I/O: see [`ReplayPort`]. A port the transcript
    /// never mentions is fine to create; any call on it is unexpected.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert_eq!(replay.port("storage").name(), "storage");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn port(&self, name: &str) -> ReplayPort {
        ReplayPort::new(self.shared.clone(), name)
    }
}

impl ReplayPort {
    pub(crate) fn new(shared: Arc<Shared>, name: &str) -> ReplayPort {
        let id = shared.rec.port_id(name);
        let model = shared.config.models.get(name);
        ReplayPort {
            shared,
            id,
            name: name.into(),
            model,
        }
    }

    /// The port's name.
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert_eq!(replay.port("network").name(), "network");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Declares `method` of this port a query for the whole session, as
    /// [`ReplayBuilder::query`](crate::ReplayBuilder::query) does: its
    /// calls are then served by equal arguments in any order and any
    /// number of times, and a recorded call of it not made is not missing.
    /// `#[reprise(query)]` on a boundary trait's method makes the generated
    /// replay stand-in declare it. Declare before the replay starts.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"first_index","args":{}}
    /// {"seq":1,"kind":"return","call":0,"ok":1}
    /// {"seq":2,"kind":"call","dir":"out","port":"storage","method":"append","args":{"entry":4}}
    /// {"seq":3,"kind":"return","call":2,"ok":null}
    /// "#)?;
    /// let storage = replay.port("storage");
    /// storage.declare_query("first_index");
    /// let () = storage.outbound("append", &serde_json::json!({"entry": 4}));
    /// let first: u64 = storage.outbound("first_index", &serde_json::json!({}));
    /// assert_eq!(first, 1);
    /// assert!(replay.finish().is_clean());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn declare_query(&self, method: &str) {
        if let Some(id) = self.id {
            self.shared.lock().calls.declare_query(id, Some(method));
        }
    }

    /// Replays an outbound call whose recorded return is a plain value
    /// (`ok`), as the recorder's `Port::outbound` writes it.
    ///
    /// A recorded `err` return is a [`FindingKind::ReturnDiffers`]: use
    /// [`ReplayPort::outbound_result`] for calls that return a `Result`.
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":{}}
    /// # {"seq":1,"kind":"return","call":0,"ok":1700000000}
    /// # "#)?;
    /// let now: u64 = replay.port("clock").outbound("now", &serde_json::json!({}));
    /// assert_eq!(now, 1_700_000_000);
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn outbound<A, R>(&self, method: &str, args: &A) -> R
    where
        A: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let (index, scope) = match self.serve(method, args) {
            Served::Recorded(index, scope) => (index, scope),
            Served::Model(Outcome::Ok(value)) => {
                return fallback::read(&self.shared, &self.name, method, value);
            }
            Served::Model(Outcome::Err(_)) => {
                fallback::stop(self.shared.lock(), &self.name, method)
            }
            Served::Model(Outcome::Panic(message)) => panic_again(message),
        };
        let ret = self.recorded_return(index, scope);
        match ret.side {
            "ok" => self.read::<R>(index, scope, &ret),
            "err" => {
                let message = format!(
                    "outbound call #{} {}.{method} recorded an `err` return, but the component asks for a plain value; replay it with `outbound_result`",
                    self.shared.rec.out(index).seq,
                    self.name
                );
                self.diverge_on_return(index, scope, &Outcome::Err(ret.value()), message)
            }
            _ => panic_again(ret.value()),
        }
    }

    /// Replays an outbound call that returns a `Result`: a recorded `ok` is
    /// served as `Ok(T)`, a recorded `err` as `Err(E)`.
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"out","port":"storage","method":"write","args":["a",40]}
    /// # {"seq":1,"kind":"return","call":0,"ok":41}
    /// # "#)?;
    /// let written: Result<u64, String> = replay.port("storage").outbound_result("write", &("a", 40));
    /// assert_eq!(written, Ok(41));
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn outbound_result<A, T, E>(&self, method: &str, args: &A) -> Result<T, E>
    where
        A: Serialize + ?Sized,
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let (index, scope) = match self.serve(method, args) {
            Served::Recorded(index, scope) => (index, scope),
            Served::Model(Outcome::Ok(value)) => {
                return Ok(fallback::read(&self.shared, &self.name, method, value));
            }
            Served::Model(Outcome::Err(value)) => {
                return Err(fallback::read(&self.shared, &self.name, method, value));
            }
            Served::Model(Outcome::Panic(message)) => panic_again(message),
        };
        let ret = self.recorded_return(index, scope);
        match ret.side {
            "ok" => Ok(self.read::<T>(index, scope, &ret)),
            "err" => Err(self.read::<E>(index, scope, &ret)),
            _ => panic_again(ret.value()),
        }
    }

    /// The recorded return of outbound call `index`, read back; stops the
    /// inbound call when there is none (cut short) or it cannot be read.
    fn recorded_return(&self, index: usize, scope: usize) -> Ret {
        let rec = &*self.shared.rec;
        match rec.ret(&rec.out(index)) {
            Ok(Some(ret)) => ret,
            Ok(None) => self.no_return(index, scope),
            Err(e) => self.cannot_read(self.shared.lock(), scope, &e.to_string()),
        }
    }

    /// A recorded line cannot be read back (the file changed): the replay
    /// stops with an error finding.
    fn cannot_read(&self, mut progress: MutexGuard<'_, Progress>, scope: usize, error: &str) -> ! {
        self.shared.unreadable(&mut progress, scope, error);
        let driving = progress.driving > 0;
        drop(progress);
        abort(driving, format!("reprise replay: {error}"));
    }

    /// Matches the call within its scope, compares its arguments, and
    /// returns the index of the recorded call to serve with the scope, or
    /// the port's model's answer; aborts when nothing matches.
    fn serve<A: Serialize + ?Sized>(&self, method: &str, args: &A) -> Served {
        let actual = serde_json::to_value(args)
            .unwrap_or_else(|e| json!({ "$unserializable": e.to_string() }));
        let shared = &*self.shared;
        let (rec, config) = (&*shared.rec, &*shared.config);
        let scope = scope::current(shared.id);
        let modelled = fallback::ask_model(self.model.as_ref(), method, &actual);
        let mut progress = shared.lock();
        if let Some(outcome) = modelled {
            fallback::observe_model(
                rec,
                &mut progress,
                &self.name,
                scope,
                method,
                &actual,
                &outcome,
            );
            return Served::Model(outcome);
        }
        let query = self
            .id
            .filter(|&id| progress.calls.is_query_method(id, method));
        let taken = match query {
            Some(id) => progress
                .calls
                .take_query(rec, &config.ignore, scope, id, method, &actual)
                .map(|(index, _)| index)
                .ok_or(None),
            None => match progress
                .calls
                .take(rec, config.matching, scope, self.id, method)
            {
                Take::Matched(index) => Ok(index),
                Take::Mismatch { expected } => Err(expected),
            },
        };
        let taken = match taken {
            Err(_) if config.tolerant => {
                let similar = fallback::similar(
                    rec,
                    &mut progress,
                    &config.ignore,
                    scope,
                    self.id,
                    method,
                    &actual,
                );
                match similar {
                    Fallback::Recorded(index) => {
                        progress.tolerated.served += 1;
                        Ok(index)
                    }
                    Fallback::Nothing => fallback::stop(progress, &self.name, method),
                }
            }
            taken => taken,
        };
        if let Some(error) = rec.failure() {
            self.cannot_read(progress, scope, error);
        }
        match taken {
            Ok(index) => {
                let waiters = std::mem::take(&mut progress.waiters);
                let call = rec.out(index);
                if query.is_none() && !config.tolerant {
                    if let Err(e) = self.compare_args(&mut progress, index, scope, method, &actual)
                    {
                        self.cannot_read(progress, scope, &e.to_string());
                    }
                }
                let parent = scope::inbound_of(scope).map(|k| rec.inb(k).seq);
                progress.observe(|_| {
                    Event::Call(Call {
                        seq: call.seq,
                        dir: Direction::Out,
                        port: self.name.to_string(),
                        method: method.to_owned(),
                        args: actual.clone(),
                        at_ns: rec.at_ns(&call).unwrap_or(0),
                        parent,
                        task: None,
                    })
                });
                progress.capture(|| Captured::Out {
                    port: self.name.clone(),
                    method: method.to_owned(),
                    args: actual.clone(),
                    scope,
                    served: Some(index),
                    modelled: None,
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
                Served::Recorded(index, scope)
            }
            Err(expected) => self.mismatch(progress, scope, method, actual, expected, query),
        }
    }

    /// An ArgumentsDiffer finding when the matched call's arguments differ.
    fn compare_args(
        &self,
        progress: &mut Progress,
        index: usize,
        scope: usize,
        method: &str,
        actual: &Value,
    ) -> Result<(), ReplayError> {
        let shared = &*self.shared;
        let (rec, config) = (&*shared.rec, &*shared.config);
        if progress.stopped(config) {
            return Ok(());
        }
        let call = rec.out(index);
        let recorded = rec.args(&call)?;
        let paths = config.ignore.differing("args", &recorded, actual);
        if paths.is_empty() {
            return Ok(());
        }
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
        let finding = shared.with_context(progress, finding, scope);
        progress.record(config, finding);
        Ok(())
    }

    /// The call matches nothing in its scope: at the cut of a cut-short
    /// recording it stops quietly, else it is an unexpected call.
    fn mismatch(
        &self,
        mut progress: std::sync::MutexGuard<'_, Progress>,
        scope: usize,
        method: &str,
        actual: Value,
        expected: Option<usize>,
        query: Option<usize>,
    ) -> ! {
        let shared = &*self.shared;
        let (rec, config) = (&*shared.rec, &*shared.config);
        progress.capture(|| Captured::Out {
            port: self.name.clone(),
            method: method.to_owned(),
            args: actual.clone(),
            scope,
            served: None,
            modelled: None,
        });
        progress.log(|| Action {
            seq: None,
            port: self.name.to_string(),
            method: method.to_owned(),
            field: "args",
            value: actual.clone(),
        });
        let driving = progress.driving > 0;
        // Past what the recording has of a call in flight at its cut.
        let at_the_cut = expected.is_none()
            && query.is_none()
            && rec.cut_short()
            && match scope::inbound_of(scope) {
                Some(k) => rec.inb(k).ret.is_none(),
                None => progress.next_inbound >= rec.inbound_len(),
            };
        if at_the_cut {
            if !progress.cut_noted {
                progress.cut_noted = true;
                let note = format!(
                    "the component called {}.{method} past the last outbound call recorded {}; the recording ends there, so {} was stopped at that call",
                    self.name,
                    in_scope(&findings::place(rec, scope), scope),
                    stopped_name(rec, scope),
                );
                progress.notes.push(note);
            }
            drop(progress);
            abort(
                driving,
                format!(
                    "reprise replay: {}.{method} was called past the end of a recording that was cut short",
                    self.name
                ),
            );
        }
        let parent = scope::inbound_of(scope).map(|k| rec.inb(k).seq);
        // The component did make this call: the engine sees it, at the
        // inbound call's seq and the latest recorded time.
        progress.observe(|at_ns| {
            Event::Call(Call {
                seq: parent.unwrap_or(0),
                dir: Direction::Out,
                port: self.name.to_string(),
                method: method.to_owned(),
                args: actual.clone(),
                at_ns,
                parent,
                task: None,
            })
        });
        let mut finding = findings::unexpected(
            rec,
            &config.ignore,
            &mut progress.calls,
            Unexpected {
                port: &self.name,
                method,
                args: actual,
                scope,
                expected,
                per_port: config.matching == Matching::PerPort,
            },
        );
        if query.is_some() {
            finding.message = format!(
                "the component made the query {}.{method} with arguments the recording never had, so nothing can be served; {} was stopped at this call",
                self.name,
                stopped_name(rec, scope),
            );
            finding.expected = None;
            finding.paths.clear();
        }
        let finding = shared.with_context(&progress, finding, scope);
        progress.record(config, finding.clone());
        drop(progress);
        abort(driving, diverged(&finding));
    }

    /// Deserialises a recorded return value, or diverges with a clear message.
    fn read<T: DeserializeOwned>(&self, index: usize, scope: usize, ret: &Ret) -> T {
        let side = ret.side;
        match ret.deserialize::<T>() {
            Ok(v) => {
                let call = self.shared.rec.out(index);
                // Served: the engine sees the return. No lock without expectations.
                if self.shared.config.expectations.is_none() {
                    return v;
                }
                self.shared.lock().observe(|_| {
                    let value = ret.value();
                    Event::Return(Return {
                        seq: ret.seq,
                        call: call.seq,
                        outcome: match side {
                            "err" => Outcome::Err(value),
                            _ => Outcome::Ok(value),
                        },
                        at_ns: ret.at_ns,
                    })
                });
                v
            }
            Err((e, value)) => {
                let call = self.shared.rec.out(index);
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
                self.diverge_on_return(index, scope, &outcome, message)
            }
        }
    }

    fn diverge_on_return(
        &self,
        index: usize,
        scope: usize,
        outcome: &Outcome,
        message: String,
    ) -> ! {
        let shared = &*self.shared;
        let call = shared.rec.out(index);
        let finding = Finding::new(FindingKind::ReturnDiffers, message)
            .at(Some(call.seq), &*self.name, call.method.to_string())
            .values(
                Some(outcome.to_json()),
                None,
                vec![format!("$.{}", outcome.side())],
            );
        let mut progress = shared.lock();
        let finding = shared.with_context(&progress, finding, scope);
        progress.record(&shared.config, finding.clone());
        let driving = progress.driving > 0;
        drop(progress);
        abort(driving, diverged(&finding));
    }

    /// The recorded call never returned (the recording was cut short inside
    /// it): nothing can be served, and the inbound call stops quietly.
    fn no_return(&self, index: usize, scope: usize) -> ! {
        let shared = &*self.shared;
        let call = shared.rec.out(index);
        let mut progress = shared.lock();
        let note = format!(
            "outbound call #{} {}.{} has no recorded return, so {} was stopped at it",
            call.seq,
            self.name,
            call.method,
            stopped_name(&shared.rec, scope)
        );
        progress.notes.push(note.clone());
        let driving = progress.driving > 0;
        drop(progress);
        abort(driving, format!("reprise replay: {note}"));
    }
}

/// Raises a recorded panic of a dependency again, in the component, with
/// the recorded message (without the panic hook: the recording had it).
fn panic_again(message: Value) -> ! {
    let message = match message {
        Value::String(s) => s,
        other => other.to_string(),
    };
    std::panic::resume_unwind(Box::new(message))
}

/// `in inbound call #3 api.step`, or `outside any inbound call (..)`.
fn in_scope(place: &str, scope: usize) -> String {
    match scope::inbound_of(scope) {
        Some(_) => format!("in {place}"),
        None => place.to_owned(),
    }
}

/// What a stop stops: the inbound call, or the caller outside one.
fn stopped_name(rec: &crate::recorded::Recorded, scope: usize) -> String {
    match scope::inbound_of(scope) {
        Some(_) => findings::place(rec, scope),
        None => "the caller".to_owned(),
    }
}
