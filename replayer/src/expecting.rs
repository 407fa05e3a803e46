//! Expectations during replay: an [`Engine`] that observes what the real
//! component actually does while it is replayed.
//!
//! The session feeds it, under the session's lock and so in the order
//! things happen, one event for each of:
//!
//! - an inbound call as it is fed (its recorded arguments, which are the
//!   ones the component gets);
//! - each outbound call the component makes, with the arguments it actually
//!   passed, then the recorded return once it has been served (a return
//!   that cannot be read as the requested type was not served, and is not
//!   observed);
//! - an outbound call that matches no recorded call, with its actual
//!   arguments and no return (it was stopped there);
//! - the inbound call's actual return, when the component returned (not
//!   when it panicked or was stopped).
//!
//! Replay has no clock: every event carries the recorded `seq` and `at_ns`
//! of the event it was matched with (an unmatched call gets the time of the
//! last event seen). So latency expectations measure the *recorded* times,
//! while counts, patterns, orderings and bounds judge what the component
//! does now.

use reprise_expect::{Engine, Expectations, Finding};
use reprise_transcript::Event;

/// The engine of a session, then, once the replay has ended, its verdict.
#[derive(Debug)]
pub(crate) enum Expecting {
    Running {
        engine: Box<Engine>,
        /// The `at_ns` of the last event observed, for unmatched calls.
        last_at_ns: u64,
    },
    Done {
        findings: Vec<Finding>,
        notes: Vec<String>,
        /// Failures and warnings found past the kept ones.
        not_kept: (usize, usize),
    },
}

impl Expecting {
    pub(crate) fn new(expectations: &Expectations, component: &str) -> Self {
        Expecting::Running {
            engine: Box::new(expectations.engine(component)),
            last_at_ns: 0,
        }
    }

    /// The `at_ns` of the last event observed (0 before the first).
    pub(crate) fn last_at_ns(&self) -> u64 {
        match self {
            Expecting::Running { last_at_ns, .. } => *last_at_ns,
            Expecting::Done { .. } => 0,
        }
    }

    /// Observes one event; nothing once the replay has ended.
    pub(crate) fn observe(&mut self, event: &Event) {
        if let Expecting::Running { engine, last_at_ns } = self {
            if let Some(at) = at_ns(event) {
                *last_at_ns = (*last_at_ns).max(at);
            }
            engine.observe(event);
        }
    }

    /// Ends the evaluation (once): what is overdue by the last event's time
    /// and what must have happened is settled.
    pub(crate) fn finish(&mut self) {
        if let Expecting::Done { .. } = self {
            return;
        }
        let done = Expecting::Done {
            findings: Vec::new(),
            notes: Vec::new(),
            not_kept: (0, 0),
        };
        if let Expecting::Running { engine, .. } = std::mem::replace(self, done) {
            let report = engine.finish();
            *self = Expecting::Done {
                findings: report.findings().to_vec(),
                notes: report.notes().to_vec(),
                not_kept: report.not_kept(),
            };
        }
    }

    /// The findings and notes so far (all of them once finished).
    pub(crate) fn verdict(&self) -> (&[Finding], &[String]) {
        match self {
            Expecting::Running { engine, .. } => (engine.findings(), &[]),
            Expecting::Done {
                findings, notes, ..
            } => (findings, notes),
        }
    }

    /// The failures and warnings found but not kept (known once finished).
    pub(crate) fn not_kept(&self) -> (usize, usize) {
        match self {
            Expecting::Running { .. } => (0, 0),
            Expecting::Done { not_kept, .. } => *not_kept,
        }
    }
}

fn at_ns(event: &Event) -> Option<u64> {
    match event {
        Event::Call(c) => Some(c.at_ns),
        Event::Return(r) => Some(r.at_ns),
        Event::Probe(p) => Some(p.at_ns),
        _ => None,
    }
}
