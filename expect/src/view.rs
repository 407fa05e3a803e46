//! [`View`]: one event as the engine looks at it, built once per event.

use reprise_transcript::{Direction, Event, Outcome};
use serde_json::Value;

/// What kind of event a [`View`] is, as patterns match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    Call(Direction),
    /// A return; `true` when it is `ok`.
    Return(bool),
    Probe,
    State,
}

/// One event, flattened: a return carries its call's port and method when
/// the engine kept them (it keeps them for the port.methods someone watches).
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    pub seq: u64,
    pub at_ns: Option<u64>,
    /// The engine's running count of events, from 0: "within N events".
    pub index: u64,
    pub what: What,
    pub port: &'a str,
    pub method: &'a str,
    /// The probe's name, or the state's label.
    pub name: &'a str,
    /// The call's seq for a return, the event's own seq otherwise.
    pub call: u64,
    /// `args`, the `ok`/`err` value, the probe's `fields` or the `state`.
    pub payload: &'a Value,
}

impl<'a> View<'a> {
    /// The view of `event`; `call` gives a return its call's port and method.
    pub fn of(event: &'a Event, index: u64, call: Option<(&'a str, &'a str)>) -> Option<Self> {
        let view = match event {
            Event::Call(c) => View {
                seq: c.seq,
                at_ns: Some(c.at_ns),
                index,
                what: What::Call(c.dir),
                port: &c.port,
                method: &c.method,
                name: "",
                call: c.seq,
                payload: &c.args,
            },
            Event::Return(r) => {
                let (port, method) = call.unwrap_or(("", ""));
                View {
                    seq: r.seq,
                    at_ns: Some(r.at_ns),
                    index,
                    what: What::Return(matches!(r.outcome, Outcome::Ok(_))),
                    port,
                    method,
                    name: "",
                    call: r.call,
                    payload: r.outcome.value(),
                }
            }
            Event::Probe(p) => View {
                seq: p.seq,
                at_ns: Some(p.at_ns),
                index,
                what: What::Probe,
                port: "",
                method: "",
                name: &p.name,
                call: p.seq,
                payload: &p.fields,
            },
            Event::State(s) => View {
                seq: s.seq,
                at_ns: None,
                index,
                what: What::State,
                port: "",
                method: "",
                name: &s.label,
                call: s.seq,
                payload: &s.state,
            },
            Event::End(_) => return None,
        };
        Some(view)
    }

    /// The value at a dotted `path` inside the payload (`key`, `item.id`).
    pub fn field(&self, path: &str) -> Option<&'a Value> {
        field(self.payload, path)
    }
}

/// The value at a dotted `path` inside `value`; an empty path is the value.
pub(crate) fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, step| match v {
        Value::Object(map) => map.get(step),
        Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// A correlation key: strings as they are, anything else as JSON.
pub(crate) fn key_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
