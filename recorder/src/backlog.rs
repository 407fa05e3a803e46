//! [`Backlog`]: events committed but not yet evaluated by the live engine.
//!
//! The calling thread only copies an event into the backlog (its names and
//! payload text, a few dozen nanoseconds); the watchdog thread evaluates it.
//! Evaluation costs the same either way, but not on the component's thread
//! when a core is free. When the backlog grows past [`HELP_AT`] events, the
//! calling thread evaluates it itself: the backlog stays bounded, and a
//! component that records faster than the engine can follow is slowed to
//! the engine's pace rather than left to grow memory.

use std::ops::Range;

use reprise_expect::{CallRoute, Engine, EventRef};
use reprise_transcript::Direction;

use crate::encode::About;

/// Past this many events the watchdog is woken to evaluate them.
pub(crate) const WAKE_AT: usize = 1024;

/// Past this many events the calling thread evaluates the backlog itself.
pub(crate) const HELP_AT: usize = 16 * 1024;

/// Events in seq order, with their names and payloads in one text buffer.
#[derive(Debug, Default)]
pub(crate) struct Backlog {
    events: Vec<Queued>,
    /// Names and payloads, as the bytes written: checked as UTF-8 when
    /// evaluated, on the watchdog thread, not when queued.
    text: Vec<u8>,
}

/// One event of a [`Backlog`]; ranges are into its text.
#[derive(Debug)]
enum Queued {
    /// An event no expectation watches: only its count and time matter.
    Unwatched { at_ns: Option<u64> },
    Call {
        seq: u64,
        at_ns: u64,
        dir: Direction,
        route: Option<CallRoute>,
        port: Range<usize>,
        method: Range<usize>,
        args: Range<usize>,
    },
    Return {
        seq: u64,
        at_ns: u64,
        call: u64,
        ok: bool,
        route: Option<CallRoute>,
        value: Range<usize>,
    },
    Probe {
        seq: u64,
        at_ns: u64,
        name: Range<usize>,
        fields: Range<usize>,
    },
    State {
        seq: u64,
        label: Range<usize>,
        state: Range<usize>,
    },
}

impl Backlog {
    /// How many events wait.
    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }

    fn text(&mut self, bytes: &[u8]) -> Range<usize> {
        let start = self.text.len();
        self.text.extend_from_slice(bytes);
        start..self.text.len()
    }

    /// Adds the event `about`, committed as `seq` at `at_ns` with `payload`
    /// as the JSON it was written as; only its count and time if not
    /// `watched`.
    pub(crate) fn push(
        &mut self,
        about: About<'_>,
        watched: bool,
        seq: u64,
        at_ns: u64,
        payload: &[u8],
    ) {
        let queued = if !watched {
            Queued::Unwatched {
                at_ns: about.kind().timed().then_some(at_ns),
            }
        } else {
            match about {
                About::Call {
                    dir,
                    port,
                    method,
                    route,
                } => Queued::Call {
                    seq,
                    at_ns,
                    dir,
                    route,
                    port: self.text(port.as_bytes()),
                    method: self.text(method.as_bytes()),
                    args: self.text(payload),
                },
                About::Return { call, ok, route } => Queued::Return {
                    seq,
                    at_ns,
                    call,
                    ok,
                    route,
                    value: self.text(payload),
                },
                About::Probe { name } => Queued::Probe {
                    seq,
                    at_ns,
                    name: self.text(name.as_bytes()),
                    fields: self.text(payload),
                },
                About::State { label } => Queued::State {
                    seq,
                    label: self.text(label.as_bytes()),
                    state: self.text(payload),
                },
            }
        };
        self.events.push(queued);
    }

    /// Has `engine` evaluate every event, in order, and empties the
    /// backlog (keeping its buffers).
    pub(crate) fn evaluate(&mut self, engine: &mut Engine) {
        let text = self.text.as_slice();
        let at = |r: &Range<usize>| {
            text.get(r.clone())
                .and_then(|bytes| std::str::from_utf8(bytes).ok())
                .unwrap_or_default()
        };
        // A payload is never empty; should one be, the engine reads `null`.
        let json = |r: &Range<usize>| Some(at(r)).filter(|t| !t.is_empty()).unwrap_or("null");
        for queued in &self.events {
            let event = match queued {
                Queued::Unwatched { at_ns } => {
                    engine.observe_unwatched(*at_ns);
                    continue;
                }
                Queued::Call {
                    seq,
                    at_ns,
                    dir,
                    route,
                    port,
                    method,
                    args,
                } => EventRef::Call {
                    seq: *seq,
                    at_ns: *at_ns,
                    dir: *dir,
                    port: at(port),
                    method: at(method),
                    route: *route,
                    args: json(args),
                },
                Queued::Return {
                    seq,
                    at_ns,
                    call,
                    ok,
                    route,
                    value,
                } => EventRef::Return {
                    seq: *seq,
                    at_ns: *at_ns,
                    call: *call,
                    ok: *ok,
                    route: *route,
                    value: json(value),
                },
                Queued::Probe {
                    seq,
                    at_ns,
                    name,
                    fields,
                } => EventRef::Probe {
                    seq: *seq,
                    at_ns: *at_ns,
                    name: at(name),
                    fields: json(fields),
                },
                Queued::State { seq, label, state } => EventRef::State {
                    seq: *seq,
                    label: at(label),
                    state: json(state),
                },
            };
            engine.observe_ref(event);
        }
        self.events.clear();
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use reprise_expect::{Expectations, expect};

    use super::*;

    /// Queued events reach the engine as they were committed: names,
    /// payloads, routes, and the unwatched ones counted.
    #[test]
    fn evaluates_what_was_queued_in_order() {
        let expectations = Expectations::new()
            .expect(expect::never(expect::call("kv", "put").field("key", "tmp")).id("no.tmp"))
            .expect(expect::never(expect::returned("kv", "put").err()).id("no.err"))
            .expect(expect::never(expect::probe("panic")).id("no.panic"));
        let mut engine = expectations.engine("c");
        let route = engine.watches().route("kv", "put");
        let mut backlog = Backlog::default();
        let put = About::Call {
            dir: Direction::Out,
            port: "kv",
            method: "put",
            route,
        };
        backlog.push(put, true, 1, 10, br#"{"key":"tmp"}"#);
        backlog.push(About::Probe { name: "tick" }, false, 2, 11, b"{}");
        let failed = About::Return {
            call: 1,
            ok: false,
            route,
        };
        backlog.push(failed, true, 3, 12, br#""disk full""#);
        backlog.push(
            About::Probe { name: "panic" },
            true,
            4,
            13,
            br#"{"at":"x"}"#,
        );
        assert_eq!(backlog.len(), 4);
        backlog.evaluate(&mut engine);
        assert_eq!(backlog.len(), 0);
        assert_eq!(engine.events(), 4);
        let found: Vec<_> = engine
            .findings()
            .iter()
            .map(|f| (f.expectation.clone().unwrap_or_default(), f.seq))
            .collect();
        assert_eq!(
            found,
            [
                ("no.tmp".to_owned(), Some(1)),
                ("no.err".to_owned(), Some(3)),
                ("no.panic".to_owned(), Some(4))
            ]
        );
    }
}
