//! Tolerant replay: what a port serves when the component does something
//! the recording does not have, so that a mutated transcript (see
//! `reprise::entropy`) replays to its end instead of stopping at the first
//! unmatched call.
//!
//! Two settings, both on [`ReplayBuilder`]:
//!
//! - [`ReplayBuilder::model`]: a user-supplied fake or model of one port
//!   serves every call on it (the recording of that port is not consulted),
//!   unless it answers `None` for a call.
//! - [`ReplayBuilder::tolerant`]: divergences from the recording (arguments
//!   that differ, an unexpected or missing call, a return that differs) are
//!   tolerated rather than reported, and a call that matches no recorded
//!   call is served, in this order: by its port's model; query-style, by a
//!   recorded call of the same method with equal arguments (in the inbound
//!   call first, then the nearest elsewhere); by the nearest recorded call
//!   of the same method whatever its arguments. A call nothing can serve
//!   stops its inbound call quietly (the report counts it in a note).
//!
//! What a tolerant replay still reports is what a campaign judges: panics,
//! the driver's errors and the expectations.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use reprise_expect::FindingKind;
use reprise_transcript::{Call, Direction, Event, Outcome, Return};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::abort::abort;
use crate::actual::Captured;
use crate::recorded::Recorded;
use crate::scope;
use crate::session::{Progress, ReplayBuilder};

/// A model of one port: the method and the arguments of a call, and what
/// to return, or `None` when it does not know the call.
type ModelFn = dyn FnMut(&str, &Value) -> Option<Outcome> + Send;

/// A port's model, shared by the session's clones and ports.
#[derive(Clone)]
pub(crate) struct Model(Arc<Mutex<Box<ModelFn>>>);

impl Model {
    fn answer(&self, method: &str, args: &Value) -> Option<Outcome> {
        let mut model = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        model(method, args)
    }
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Model(..)")
    }
}

/// The models of a session, by port name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Models(Vec<(String, Model)>);

impl Models {
    pub(crate) fn get(&self, port: &str) -> Option<Model> {
        self.0
            .iter()
            .find(|(name, _)| name == port)
            .map(|(_, model)| model.clone())
    }
}

/// How much a tolerant replay let pass, for its report's notes.
#[derive(Debug, Default)]
pub(crate) struct Tolerated {
    /// Divergence findings not reported.
    pub(crate) divergences: usize,
    /// Calls served by a model, by arguments, or by a call of the same method.
    pub(crate) served: usize,
    /// Inbound calls stopped at a call nothing could serve.
    pub(crate) stopped: usize,
}

impl Tolerated {
    /// Whether a tolerant replay passes over a finding of `kind`.
    pub(crate) fn passes_over(kind: FindingKind) -> bool {
        matches!(
            kind,
            FindingKind::ArgumentsDiffer
                | FindingKind::UnexpectedCall
                | FindingKind::MissingCall
                | FindingKind::ReturnDiffers
        )
    }

    /// The note a tolerant replay's report carries, if anything was tolerated.
    pub(crate) fn note(&self) -> Option<String> {
        (self.divergences + self.served + self.stopped > 0).then(|| {
            format!(
                "tolerant replay: {} divergences from the recording passed over, {} calls served by a model or a similar recorded call, {} inbound calls stopped at a call nothing could serve",
                self.divergences, self.served, self.stopped
            )
        })
    }
}

impl ReplayBuilder {
    /// Replays tolerantly: the component may do what the recording does not
    /// have (a mutated transcript, see `reprise::entropy`) and the replay
    /// goes on. Divergences from the recording are not findings; a call
    /// that matches no recorded call is served by its port's
    /// [model](ReplayBuilder::model), else the recorded return of a call
    /// of the same method with equal arguments (query-style, the inbound
    /// call's own first, then the nearest), else that of the nearest call
    /// of the same method; a call none of these can serve stops its inbound
    /// call quietly. Panics, the driver's errors and failed expectations are
    /// still findings: they are what a campaign judges. Default: off.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"}}
    /// {"seq":1,"kind":"call","dir":"out","port":"storage","method":"read","args":{"key":"a"}}
    /// {"seq":2,"kind":"return","call":1,"ok":1}
    /// {"seq":3,"kind":"return","call":0,"ok":1}
    /// {"seq":4,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"b"}}
    /// {"seq":5,"kind":"call","dir":"out","port":"storage","method":"read","args":{"key":"b"}}
    /// {"seq":6,"kind":"return","call":5,"ok":2}
    /// {"seq":7,"kind":"return","call":4,"ok":2}
    /// "#;
    /// let replay = Replay::builder().tolerant(true).from_str(text)?;
    /// let storage = replay.port("storage");
    /// // This build reads both keys each time: strict replay would stop at
    /// // the first extra read.
    /// let mut got = Vec::new();
    /// let report = replay.drive(|_| {
    ///     for key in ["a", "b"] {
    ///         let value: u64 = storage.outbound("read", &serde_json::json!({"key": key}));
    ///         got.push(value);
    ///     }
    ///     Ok(Outcome::ok(&got.len())?)
    /// });
    /// assert_eq!(got, [1, 2, 1, 2], "served by arguments");
    /// assert!(report.is_clean());
    /// assert!(report.notes().iter().any(|n| n.starts_with("tolerant replay:")));
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn tolerant(mut self, tolerant: bool) -> Self {
        self.config.tolerant = tolerant;
        self
    }

    /// Serves every call on `port` from `model` (a fake or a model of the
    /// dependency) instead of the recording: `model` gets the method's name
    /// and the actual arguments and returns what to serve, or `None` when
    /// it does not know the call (then the recording serves it as usual).
    /// The recorded calls of that port the component does not make are
    /// passed over in a [tolerant](ReplayBuilder::tolerant) replay and
    /// missing calls otherwise. May be called once per port; a later model
    /// of the same port replaces the earlier.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// use reprise::transcript::Outcome as Served;
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{}}
    /// {"seq":1,"kind":"call","dir":"out","port":"wal","method":"append","args":{"entry":"x"}}
    /// {"seq":2,"kind":"return","call":1,"ok":1}
    /// {"seq":3,"kind":"return","call":0,"ok":1}
    /// "#;
    /// // An in-memory write-ahead log: `append` returns the new length.
    /// let mut wal = Vec::new();
    /// let replay = Replay::builder()
    ///     .tolerant(true)
    ///     .model("wal", move |method, args| match method {
    ///         "append" => {
    ///             wal.push(args["entry"].clone());
    ///             Some(Served::Ok(wal.len().into()))
    ///         }
    ///         _ => None,
    ///     })
    ///     .from_str(text)?;
    /// let wal = replay.port("wal");
    /// let report = replay.drive(|_| {
    ///     let first: u64 = wal.outbound("append", &serde_json::json!({"entry": "x"}));
    ///     let second: u64 = wal.outbound("append", &serde_json::json!({"entry": "y"}));
    ///     Ok(Outcome::ok(&(first + second))?)
    /// });
    /// assert!(report.is_clean(), "{}", report.to_text());
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn model(
        mut self,
        port: &str,
        model: impl FnMut(&str, &Value) -> Option<Outcome> + Send + 'static,
    ) -> Self {
        let model = Model(Arc::new(Mutex::new(Box::new(model))));
        let models = &mut self.config.models.0;
        models.retain(|(name, _)| name != port);
        models.push((port.to_owned(), model));
        self
    }
}

/// What serves a call the recording cannot match.
pub(crate) enum Fallback {
    /// The recorded return of this outbound call.
    Recorded(usize),
    /// Nothing: the inbound call stops.
    Nothing,
}

/// Asks the port's model, if it has one.
pub(crate) fn ask_model(model: Option<&Model>, method: &str, args: &Value) -> Option<Outcome> {
    model.and_then(|m| m.answer(method, args))
}

/// What a tolerant replay serves a call that matched nothing: a recorded
/// call of the method with equal arguments (query-style), else the nearest
/// recorded call of the method.
pub(crate) fn similar(
    rec: &Recorded,
    progress: &mut Progress,
    ignore: &crate::compare::Ignore,
    scope: usize,
    port: Option<usize>,
    method: &str,
    args: &Value,
) -> Fallback {
    let Some(port) = port else {
        return Fallback::Nothing;
    };
    if let Some((index, _)) = progress
        .calls
        .take_query(rec, ignore, scope, port, method, args)
    {
        return Fallback::Recorded(index);
    }
    // The nearest recorded call of the method, by position: after the
    // scope's last call made, or its inbound call.
    let near = scope::inbound_of(scope)
        .and_then(|k| rec.inbound(k))
        .map_or(0, |(_, ix)| ix.out_before());
    let same = |&i: &usize| {
        rec.out_port(i) == port && &**rec.out_method(i) == method && rec.out(i).ret.is_some()
    };
    let n = rec.outbound_len();
    let found = (0..n).find_map(|d| {
        [
            near.checked_add(d).filter(|&i| i < n),
            near.checked_sub(d + 1),
        ]
        .into_iter()
        .flatten()
        .find(same)
    });
    found.map_or(Fallback::Nothing, Fallback::Recorded)
}

/// A model answered: the engine sees the call and its return, and a
/// capture keeps both.
#[allow(clippy::too_many_arguments, reason = "one call site, all of it needed")]
pub(crate) fn observe_model(
    rec: &Recorded,
    progress: &mut Progress,
    port: &Arc<str>,
    scope: usize,
    method: &str,
    args: &Value,
    outcome: &Outcome,
) {
    progress.tolerated.served += 1;
    let parent = scope::inbound_of(scope).map(|k| rec.inb(k).seq);
    // The engine pairs a return with its call by seq: the model's call and
    // return get seqs of their own, past the recording's, never the
    // inbound call's (whose return the model's would otherwise be).
    let seq = progress.fresh_seq(rec);
    progress.fresh_seq(rec);
    progress.observe(|at_ns| {
        Event::Call(Call {
            seq,
            dir: Direction::Out,
            port: port.to_string(),
            method: method.to_owned(),
            args: args.clone(),
            at_ns,
            parent,
            task: None,
        })
    });
    progress.observe(|at_ns| {
        Event::Return(Return {
            seq: seq + 1,
            call: seq,
            outcome: outcome.clone(),
            at_ns,
        })
    });
    progress.capture(|| Captured::Out {
        port: port.clone(),
        method: method.to_owned(),
        args: args.clone(),
        scope,
        served: None,
        modelled: Some(outcome.clone()),
    });
}

/// Nothing can serve the call: the inbound call stops quietly.
pub(crate) fn stop(
    mut progress: std::sync::MutexGuard<'_, Progress>,
    port: &str,
    method: &str,
) -> ! {
    progress.tolerated.stopped += 1;
    let driving = progress.driving > 0;
    drop(progress);
    abort(
        driving,
        format!(
            "reprise replay: nothing recorded or modelled can serve {port}.{method} in this tolerant replay"
        ),
    )
}

/// Reads a model's answer as the type the component asks for; an answer
/// that does not fit stops the inbound call quietly.
pub(crate) fn read<T: DeserializeOwned>(
    shared: &crate::session::Shared,
    port: &str,
    method: &str,
    value: Value,
) -> T {
    match serde_json::from_value(value) {
        Ok(v) => v,
        Err(_) => stop(shared.lock(), port, method),
    }
}
