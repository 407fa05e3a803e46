//! The transcript as the replayer holds it: loaded once, indexed up front.
//!
//! Events are read with [`reprise_transcript::Reader`] and their payloads
//! moved (never cloned) into two vectors, the outbound calls and the inbound
//! calls in recorded order, each with its return attached. Ports are interned
//! to small integers, and each inbound call knows how many outbound calls
//! were recorded before it (its causal position). A light timeline of every
//! event is kept for the "events just before" of a finding.
//!
//! Payloads are kept raw: the reader validates their JSON text but does not
//! parse it, and each one is parsed only where it is used, into a
//! short-lived value ([`value`]) or straight into the type the component
//! asks for ([`deserialize`]). Holding a whole transcript of parsed `Value`
//! trees cost more than replaying it.

use std::collections::HashMap;
use std::io::BufRead;
use std::sync::Arc;

use reprise_expect::InboundCall;
use reprise_transcript::{
    DEFAULT_MAX_LINE, Direction, Ending, Event, Header, Outcome, Reader, json_error_message,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::ReplayError;
use crate::scope;

/// A recorded payload: its JSON text, validated by the reader, not parsed.
pub(crate) type Raw = Box<RawValue>;

/// One recorded call with its return.
#[derive(Debug)]
pub(crate) struct CallRec {
    pub(crate) seq: u64,
    pub(crate) port: usize,
    /// Interned: a transcript has few distinct methods, and sharing their
    /// names keeps one allocation per call out of the loaded transcript.
    pub(crate) method: Arc<str>,
    pub(crate) args: Raw,
    /// When the call was recorded (`at_ns`): the time replay's expectations
    /// see, since replay has no clock of its own.
    pub(crate) at_ns: u64,
    /// The matching scope of an outbound call (see [`crate::scope`]):
    /// [`scope::OUTSIDE`], the scope of the inbound call it was made
    /// inside, or [`ORPHAN`]. An inbound call's own scope.
    pub(crate) scope: usize,
    /// `None` when the call never returned in the recording (cut short).
    pub(crate) ret: Option<Outcome<Raw>>,
    /// The seq and `at_ns` of the recorded return (zero while `ret` is `None`).
    pub(crate) ret_seq: u64,
    pub(crate) ret_at_ns: u64,
}

/// The scope of an outbound call whose parent is not in the transcript (a
/// flight-recorder window that starts inside an inbound call): it is never
/// matched, and never missing.
pub(crate) const ORPHAN: usize = usize::MAX;

/// A recorded inbound call and its causal position.
#[derive(Debug)]
pub(crate) struct InRec {
    pub(crate) call: CallRec,
    /// How many outbound calls of the outside scope (setup, background
    /// tasks) were recorded before this inbound call: all of them must have
    /// been made before it is fed.
    pub(crate) outside_before: usize,
    /// How many outbound calls (of any scope) were recorded before it.
    pub(crate) out_before: usize,
}

/// One event of the timeline, pointing into the vectors above.
#[derive(Debug)]
enum Entry {
    State {
        seq: u64,
        label: String,
    },
    In(usize),
    Out(usize),
    Return {
        seq: u64,
        dir: Direction,
        index: usize,
    },
    Probe {
        seq: u64,
        name: String,
    },
}

impl Entry {
    fn seq(&self, rec: &Recorded) -> u64 {
        match self {
            Entry::State { seq, .. } | Entry::Return { seq, .. } | Entry::Probe { seq, .. } => *seq,
            Entry::In(i) => rec.inbound[*i].call.seq,
            Entry::Out(i) => rec.outbound[*i].seq,
        }
    }
}

/// A loaded, indexed transcript. Immutable once built.
#[derive(Debug)]
pub(crate) struct Recorded {
    /// The file's path as given, or `<string>`.
    pub(crate) source: String,
    pub(crate) header: Header,
    pub(crate) initial_state: Option<(u64, Raw)>,
    pub(crate) ending: Ending,
    pub(crate) ports: Vec<String>,
    port_ids: HashMap<String, usize>,
    methods: HashMap<String, Arc<str>>,
    pub(crate) outbound: Vec<CallRec>,
    pub(crate) inbound: Vec<InRec>,
    /// For each scope (index [`scope::OUTSIDE`], then one per inbound call),
    /// the indices of its outbound calls, in recorded order.
    pub(crate) scopes: Vec<Vec<usize>>,
    /// Outbound calls whose parent is not in the transcript.
    pub(crate) orphans: usize,
    /// The first break in the seqs (the seq before it and the one after),
    /// and the events the `end` line says were dropped: events are missing,
    /// so the transcript replays only from a checkpoint after them.
    pub(crate) gap: Option<(u64, u64)>,
    pub(crate) dropped: u64,
    timeline: Vec<Entry>,
}

/// A call still waiting for its return while loading.
#[derive(Debug, Clone, Copy)]
struct Open {
    dir: Direction,
    index: usize,
    /// The scope calls made inside it belong to.
    scope: usize,
}

impl Recorded {
    /// Reads a whole transcript. The first bad line is an error naming
    /// `source` and the line; a cut-short transcript loads up to its cut.
    ///
    /// Each outbound call gets its scope from its `parent` link. A
    /// transcript not written by the recorder (its header names no
    /// `recorder`) may have no links at all, as hand-written ones do: there
    /// a call without a `parent` made while exactly one inbound call was
    /// open belongs to that call.
    pub(crate) fn load<R: BufRead>(input: R, source: String) -> Result<Self, ReplayError> {
        let read_err = |e| ReplayError::Read {
            file: source.clone(),
            source: e,
        };
        let mut reader =
            Reader::<_, Raw>::with_payload(input, DEFAULT_MAX_LINE).map_err(read_err)?;
        let header = reader.header().clone();
        let mut rec = Recorded::index(
            header,
            source.clone(),
            reader.by_ref().map(|event| event.map_err(read_err)),
        )?;
        if let Some(ending) = reader.ending() {
            rec.ending = ending.clone();
        }
        Ok(rec)
    }

    /// Indexes a transcript held in memory as events, moved in (a mutated
    /// transcript needs no text). An [`Event::End`] among them ends it
    /// cleanly; without one it is cut short.
    pub(crate) fn from_events(
        header: Header,
        source: String,
        events: impl IntoIterator<Item = Event<Raw>>,
    ) -> Self {
        let indexed = Recorded::index(
            header,
            source,
            events.into_iter().map(Ok::<_, std::convert::Infallible>),
        );
        match indexed {
            Ok(rec) => rec,
            Err(never) => match never {},
        }
    }

    /// The loading loop over events read or held: every event is moved into
    /// the vectors above. The ending is set from an `end` event (a reader's
    /// own ending, which also knows a torn line, is set after).
    fn index<E>(
        header: Header,
        source: String,
        events: impl Iterator<Item = Result<Event<Raw>, E>>,
    ) -> Result<Self, E> {
        let infer = header.recorder.is_empty();
        let mut rec = Recorded {
            source,
            header,
            initial_state: None,
            ending: Ending::CutShort { torn_line: None },
            ports: Vec::new(),
            port_ids: HashMap::new(),
            methods: HashMap::new(),
            outbound: Vec::new(),
            inbound: Vec::new(),
            scopes: vec![Vec::new()],
            orphans: 0,
            gap: None,
            dropped: 0,
            timeline: Vec::new(),
        };
        // Calls still waiting for their return, by seq.
        let mut open: HashMap<u64, Open> = HashMap::new();
        // Inbound calls open, by index, for inferring scopes.
        let mut open_inbound: Vec<usize> = Vec::new();
        let mut last_seq: Option<u64> = None;
        for event in events {
            let event = event?;
            if let Some(seq) = event.seq() {
                if let Some(last) = last_seq {
                    if rec.gap.is_none() && seq > last + 1 {
                        rec.gap = Some((last, seq));
                    }
                }
                last_seq = Some(seq);
            }
            match event {
                Event::State(s) => {
                    if rec.initial_state.is_none() {
                        rec.initial_state = Some((s.seq, s.state));
                    }
                    rec.timeline.push(Entry::State {
                        seq: s.seq,
                        label: s.label,
                    });
                }
                Event::Call(c) => {
                    let port = rec.intern(c.port);
                    let mut call = CallRec {
                        seq: c.seq,
                        port,
                        method: rec.intern_method(c.method),
                        args: c.args,
                        at_ns: c.at_ns,
                        scope: scope::OUTSIDE,
                        ret: None,
                        ret_seq: 0,
                        ret_at_ns: 0,
                    };
                    match c.dir {
                        Direction::Out => {
                            let index = rec.outbound.len();
                            call.scope = match c.parent {
                                Some(parent) => open.get(&parent).map_or(ORPHAN, |o| o.scope),
                                None if infer && open_inbound.len() == 1 => {
                                    scope::of_inbound(open_inbound[0])
                                }
                                None => scope::OUTSIDE,
                            };
                            match rec.scopes.get_mut(call.scope) {
                                Some(list) => list.push(index),
                                None => rec.orphans += 1,
                            }
                            open.insert(
                                c.seq,
                                Open {
                                    dir: Direction::Out,
                                    index,
                                    scope: call.scope,
                                },
                            );
                            rec.outbound.push(call);
                            rec.timeline.push(Entry::Out(index));
                        }
                        Direction::In => {
                            let index = rec.inbound.len();
                            call.scope = scope::of_inbound(index);
                            open.insert(
                                c.seq,
                                Open {
                                    dir: Direction::In,
                                    index,
                                    scope: call.scope,
                                },
                            );
                            open_inbound.push(index);
                            rec.scopes.push(Vec::new());
                            rec.inbound.push(InRec {
                                call,
                                outside_before: rec.scopes[scope::OUTSIDE].len(),
                                out_before: rec.outbound.len(),
                            });
                            rec.timeline.push(Entry::In(index));
                        }
                    }
                }
                Event::Return(r) => {
                    // A return for a call we never saw (a transcript that
                    // starts mid-way) is kept in nothing but the timeline.
                    if let Some(Open { dir, index, .. }) = open.remove(&r.call) {
                        let call = match dir {
                            Direction::Out => &mut rec.outbound[index],
                            Direction::In => {
                                open_inbound.retain(|&i| i != index);
                                &mut rec.inbound[index].call
                            }
                        };
                        call.ret = Some(r.outcome);
                        call.ret_seq = r.seq;
                        call.ret_at_ns = r.at_ns;
                        rec.timeline.push(Entry::Return {
                            seq: r.seq,
                            dir,
                            index,
                        });
                    }
                }
                Event::Probe(p) => rec.timeline.push(Entry::Probe {
                    seq: p.seq,
                    name: p.name,
                }),
                Event::End(end) => {
                    rec.dropped = end.dropped;
                    rec.ending = Ending::Clean {
                        events: end.events,
                        dropped: end.dropped,
                        sanitizer: end.sanitizer,
                    };
                }
            }
        }
        Ok(rec)
    }

    fn intern(&mut self, port: String) -> usize {
        if let Some(&id) = self.port_ids.get(&port) {
            return id;
        }
        let id = self.ports.len();
        self.port_ids.insert(port.clone(), id);
        self.ports.push(port);
        id
    }

    fn intern_method(&mut self, method: String) -> Arc<str> {
        if let Some(name) = self.methods.get(&method) {
            return name.clone();
        }
        let name: Arc<str> = method.as_str().into();
        self.methods.insert(method, name.clone());
        name
    }

    /// The id of a port that appears in the transcript.
    pub(crate) fn port_id(&self, port: &str) -> Option<usize> {
        self.port_ids.get(port).copied()
    }

    /// Whether the recording was cut short (no `end` line).
    pub(crate) fn cut_short(&self) -> bool {
        !self.ending.is_clean()
    }

    /// The seq of the last event read.
    pub(crate) fn last_seq(&self) -> Option<u64> {
        self.timeline.last().map(|e| e.seq(self))
    }

    /// One-line summaries of the `n` events recorded just before `seq`.
    pub(crate) fn context(&self, seq: Option<u64>, n: usize) -> Vec<String> {
        let end = match seq {
            Some(seq) => self.timeline.partition_point(|e| e.seq(self) < seq),
            None => self.timeline.len(),
        };
        let start = end.saturating_sub(n);
        self.timeline[start..end]
            .iter()
            .map(|e| self.summary(e))
            .collect()
    }

    fn summary(&self, entry: &Entry) -> String {
        match entry {
            Entry::State { seq, label } => format!("#{seq} state {label}"),
            Entry::In(i) => self.call_summary(&self.inbound[*i].call, "in"),
            Entry::Out(i) => self.call_summary(&self.outbound[*i], "out"),
            Entry::Return { seq, dir, index } => {
                let call = match dir {
                    Direction::Out => &self.outbound[*index],
                    Direction::In => &self.inbound[*index].call,
                };
                let outcome = match &call.ret {
                    Some(o) => format!("{} {}", o.side(), short_json(&value(o.value()))),
                    None => String::new(),
                };
                format!(
                    "#{seq} return of #{} {}.{} {outcome}",
                    call.seq, self.ports[call.port], call.method
                )
            }
            Entry::Probe { seq, name } => format!("#{seq} probe {name}"),
        }
    }

    fn call_summary(&self, call: &CallRec, dir: &str) -> String {
        format!(
            "#{} call {dir} {}.{} {}",
            call.seq,
            self.ports[call.port],
            call.method,
            short_json(&value(&call.args))
        )
    }

    /// The inbound call whose scope `scope` is, as findings name it.
    pub(crate) fn inbound_call(&self, scope: usize) -> Option<InboundCall> {
        let call = &self.inbound.get(scope::inbound_of(scope)?)?.call;
        Some(InboundCall {
            seq: call.seq,
            port: self.ports[call.port].clone(),
            method: call.method.to_string(),
            args: short_json(&value(&call.args)),
        })
    }

    /// One line for a recorded call made in this run: `#4 out storage.read
    /// {"key":"a"} → ok 3`.
    pub(crate) fn made_summary(&self, index: usize) -> String {
        let call = &self.outbound[index];
        let mut line = self.call_summary(call, "out");
        if let Some(ret) = &call.ret {
            line.push_str(&format!(
                " → {} {}",
                ret.side(),
                short_json(&value(ret.value()))
            ));
        }
        line
    }

    /// The line naming inbound call `index` with its arguments.
    pub(crate) fn inbound_summary(&self, index: usize) -> String {
        self.call_summary(&self.inbound[index].call, "in")
    }

    /// A recorded outbound call as `{"port", "method", "args"}`, the shape
    /// findings show for a call.
    pub(crate) fn call_json(&self, call: &CallRec) -> Value {
        serde_json::json!({
            "port": self.ports[call.port],
            "method": &*call.method,
            "args": value(&call.args),
        })
    }
}

/// A recorded payload parsed into a [`Value`], the one way the replayer
/// turns raw payloads into values.
///
/// The reader has validated the text as JSON, so what can still fail is
/// what a `Value` cannot hold: nesting deeper than serde_json's recursion
/// limit, or a number beyond the range of `f64`. Such a payload becomes
/// `{"$unreadable": reason}`: it compares as a difference and shows in a
/// report, rather than failing the replay.
pub(crate) fn value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get())
        .unwrap_or_else(|e| serde_json::json!({ "$unreadable": json_error_message(&e) }))
}

/// A recorded outcome with its payload parsed by [`value`].
pub(crate) fn outcome(raw: &Outcome<Raw>) -> Outcome {
    match raw {
        Outcome::Ok(v) => Outcome::Ok(value(v)),
        Outcome::Err(e) => Outcome::Err(value(e)),
        Outcome::Panic(p) => Outcome::Panic(value(p)),
    }
}

/// Deserialises a recorded payload into `T` straight from its text, with
/// no intermediate `Value`.
///
/// When that fails, `T` is deserialised from the payload parsed by
/// [`value`], as the replayer did before payloads were kept raw: a type
/// that reads the value but not the text still gets it, and the error
/// reads as before, without a position inside the payload's text. The
/// error comes with that value, for the report. The error's message may
/// quote the payload: a message built from it renders it with
/// [`json_error_message`], and an error that keeps it keeps
/// [`redacted`](crate::error::redacted) instead.
pub(crate) fn deserialize<T: DeserializeOwned>(
    raw: &RawValue,
) -> Result<T, (serde_json::Error, Value)> {
    if let Ok(v) = serde_json::from_str(raw.get()) {
        return Ok(v);
    }
    let parsed = value(raw);
    T::deserialize(&parsed).map_err(|e| (e, parsed))
}

/// Compact JSON, cut to about 60 characters.
pub(crate) fn short_json(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    let mut short: String = text.chars().take(MAX).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"state","label":"initial","state":{"n":1}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"k":"a"}}
{"seq":2,"kind":"call","dir":"out","port":"storage","method":"write","args":{"k":"a"}}
{"seq":3,"kind":"return","call":2,"ok":7}
{"seq":4,"kind":"return","call":1,"ok":null}
{"seq":5,"kind":"probe","name":"q.depth","fields":{}}
{"seq":6,"kind":"call","dir":"in","port":"api","method":"get","args":{"k":"a"}}
"#;

    fn load(text: &str) -> Recorded {
        Recorded::load(text.as_bytes(), "<string>".into()).unwrap()
    }

    #[test]
    fn indexes_calls_with_their_returns_and_causal_position() {
        let rec = load(TEXT);
        assert_eq!(rec.outbound.len(), 1);
        assert_eq!(
            rec.outbound[0].ret.as_ref().map(outcome),
            Some(Outcome::Ok(7.into()))
        );
        assert_eq!(rec.inbound[0].outside_before, 0);
        assert_eq!(rec.inbound[1].outside_before, 0);
        assert!(rec.inbound[1].call.ret.is_none());
        // No `recorder` in the header and no parent links: the write made
        // while `put` was open belongs to it.
        assert_eq!(rec.scopes, [vec![], vec![0], vec![]]);
        assert_eq!(rec.outbound[0].scope, scope::of_inbound(0));
        assert!(rec.cut_short());
        let (seq, state) = rec.initial_state.as_ref().unwrap();
        assert_eq!((*seq, value(state)), (0, serde_json::json!({"n": 1})));
    }

    #[test]
    fn context_summarises_the_events_before() {
        let rec = load(TEXT);
        assert_eq!(
            rec.context(Some(6), 3),
            [
                "#3 return of #2 storage.write ok 7",
                "#4 return of #1 api.put ok null",
                "#5 probe q.depth",
            ]
        );
        assert_eq!(rec.context(Some(0), 3), Vec::<String>::new());
    }

    fn raw(text: &str) -> Raw {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn a_payload_a_value_cannot_hold_is_unreadable_not_an_error() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let unreadable = value(&raw(&deep));
        assert!(unreadable["$unreadable"].is_string(), "{unreadable}");
        assert_eq!(
            value(&raw(r#"{"a": [1, 2.5]}"#)),
            serde_json::json!({"a": [1, 2.5]})
        );
    }

    #[test]
    fn deserialize_reads_the_text_and_errors_read_as_from_a_value() {
        assert_eq!(deserialize::<u64>(&raw("7")).unwrap(), 7);
        let (e, parsed) = deserialize::<u64>(&raw(r#""one""#)).unwrap_err();
        assert_eq!(e.to_string(), r#"invalid type: string "one", expected u64"#);
        assert_eq!(parsed, "one");
    }

    #[test]
    fn short_json_cuts_long_values() {
        let long = Value::String("x".repeat(100));
        assert_eq!(short_json(&long).chars().count(), 61);
    }
}
