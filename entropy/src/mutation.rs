//! [`Mutation`]: one change to a real transcript, and applying a list of
//! them.

use reprise_transcript::{Event, Outcome};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::layout::{self, Unit};
use crate::transcript::{Raw, Transcript};

/// One change to a transcript. Calls are named by their seq in the source
/// transcript, so a list of mutations reads against the file it came from;
/// it is written, as JSON, into the header `meta` of every failing case.
///
/// An inbound call moves, repeats or goes with everything it caused (the
/// outbound calls made inside it, their returns, its own return).
///
/// ```
/// use reprise::entropy::Mutation;
/// let delay = Mutation::Delay { call: 11, after: 40 };
/// assert_eq!(serde_json::to_string(&delay)?, r#"{"kind":"delay","call":11,"after":40}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mutation {
    /// The inbound call `call` is never delivered.
    Drop {
        /// The inbound call's seq.
        call: u64,
    },
    /// The inbound call `call` is delivered twice, the copy right after it.
    Duplicate {
        /// The inbound call's seq.
        call: u64,
    },
    /// The inbound call `call` is delivered earlier: just before `before`.
    Reorder {
        /// The inbound call's seq.
        call: u64,
        /// The earlier inbound call it now comes before.
        before: u64,
    },
    /// The inbound call `call` is delivered later: right after `after`.
    Delay {
        /// The inbound call's seq.
        call: u64,
        /// The later inbound call it now follows.
        after: u64,
    },
    /// The outbound call `call` fails: its return becomes the error `err`
    /// (one the transcript holds for that method, or a timeout).
    Fail {
        /// The outbound call's seq.
        call: u64,
        /// The error returned.
        err: Value,
    },
    /// A payload field is set to `value`: at JSON pointer `pointer` in the
    /// `args` of call `seq`, or in the `ok` value of return `seq`.
    Perturb {
        /// The call's or return's seq.
        seq: u64,
        /// `args` or `ok`.
        field: String,
        /// A JSON pointer into that payload (`/msg/view`).
        pointer: String,
        /// The new value.
        value: Value,
    },
}

impl Mutation {
    /// Whether it only changes when and how often messages arrive (drop,
    /// duplicate, reorder, delay), as an unreliable network does, rather
    /// than what they say or what a dependency answers.
    ///
    /// ```
    /// use reprise::entropy::Mutation;
    /// assert!(Mutation::Drop { call: 3 }.is_delivery());
    /// assert!(!Mutation::Fail { call: 4, err: "disk full".into() }.is_delivery());
    /// ```
    pub fn is_delivery(&self) -> bool {
        matches!(
            self,
            Mutation::Drop { .. }
                | Mutation::Duplicate { .. }
                | Mutation::Reorder { .. }
                | Mutation::Delay { .. }
        )
    }
}

impl Transcript {
    /// This transcript with `mutations` applied in order. A mutation whose
    /// call is no longer there (dropped by an earlier one) or that does not
    /// fit (a pointer to no field) changes nothing. Seqs are renumbered, so
    /// the result reads and replays like any transcript.
    ///
    /// ```
    /// use reprise::entropy::{Mutation, Transcript};
    /// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"a","args":{}}
    /// {"seq":1,"kind":"return","call":0,"ok":null}
    /// {"seq":2,"kind":"call","dir":"in","port":"api","method":"b","args":{}}
    /// {"seq":3,"kind":"return","call":2,"ok":null}
    /// {"kind":"end","events":4,"dropped":0}
    /// "#)?;
    /// let mutated = source.mutated(&[Mutation::Delay { call: 0, after: 2 }, Mutation::Duplicate { call: 2 }]);
    /// let methods: Vec<_> = mutated.inbound_calls().iter().map(|c| c.method.clone()).collect();
    /// assert_eq!(methods, ["b", "b", "a"]);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn mutated(&self, mutations: &[Mutation]) -> Transcript {
        let mut units = layout::units(self);
        for mutation in mutations {
            apply(&mut units, mutation);
        }
        self.with_units(units)
    }

    /// The same header and ending over other units.
    pub(crate) fn with_units(&self, units: Vec<Unit>) -> Transcript {
        let first = self.events.first().and_then(Event::seq).unwrap_or(0);
        Transcript {
            header: self.header.clone(),
            events: layout::flatten(units, first),
            end: self.end.clone(),
            source: self.source.clone(),
        }
    }
}

fn position(units: &[Unit], call: u64) -> Option<usize> {
    units.iter().position(|u| u.block_id() == Some(call))
}

fn apply(units: &mut Vec<Unit>, mutation: &Mutation) {
    match mutation {
        Mutation::Drop { call } => {
            if let Some(at) = position(units, *call) {
                units.remove(at);
            }
        }
        Mutation::Duplicate { call } => {
            if let Some(at) = position(units, *call) {
                let copy = units[at].clone();
                units.insert(at + 1, copy);
            }
        }
        Mutation::Reorder { call, before } => {
            if let (Some(from), Some(to)) = (position(units, *call), position(units, *before)) {
                if to < from {
                    let unit = units.remove(from);
                    units.insert(to, unit);
                }
            }
        }
        Mutation::Delay { call, after } => {
            if let (Some(from), Some(to)) = (position(units, *call), position(units, *after)) {
                if to > from {
                    let unit = units.remove(from);
                    units.insert(to, unit);
                }
            }
        }
        Mutation::Fail { call, err } => {
            for_each_event(units, |event| {
                if let Event::Return(ret) = event {
                    if ret.call == *call {
                        if let Some(raw) = to_raw(err) {
                            ret.outcome = Outcome::Err(raw);
                        }
                    }
                }
            });
        }
        Mutation::Perturb {
            seq,
            field,
            pointer,
            value,
        } => {
            for_each_event(units, |event| {
                let payload = match (event, field.as_str()) {
                    (Event::Call(c), "args") if c.seq == *seq => &mut c.args,
                    (Event::Return(r), "ok") if r.seq == *seq => match &mut r.outcome {
                        Outcome::Ok(raw) => raw,
                        _ => return,
                    },
                    _ => return,
                };
                set(payload, pointer, value);
            });
        }
    }
}

/// Runs `f` on every event of every unit (a duplicated block's copy too).
fn for_each_event(units: &mut [Unit], mut f: impl FnMut(&mut Event<Raw>)) {
    for unit in units {
        match unit {
            Unit::Loose(event) => f(event),
            Unit::Block(block) => block.events.iter_mut().for_each(&mut f),
        }
    }
}

fn to_raw(value: &Value) -> Option<Raw> {
    serde_json::value::to_raw_value(value).ok()
}

/// Sets the field at `pointer` of the payload `raw`; a pointer to no field
/// (or an unreadable payload) changes nothing.
pub(crate) fn set(raw: &mut Box<RawValue>, pointer: &str, value: &Value) {
    let Ok(mut payload) = serde_json::from_str::<Value>(raw.get()) else {
        return;
    };
    let Some(slot) = payload.pointer_mut(pointer) else {
        return;
    };
    *slot = value.clone();
    if let Some(new) = to_raw(&payload) {
        *raw = new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Transcript {
        Transcript::from_str(
            r#"{"reprise":1,"kind":"header","component":"kv","recorder":"0.1.0"}
{"seq":0,"kind":"state","label":"initial","state":{}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a","n":1},"at_ns":10}
{"seq":2,"kind":"call","dir":"out","port":"db","method":"write","args":{"key":"a"},"at_ns":11,"parent":1}
{"seq":3,"kind":"return","call":2,"ok":{"version":4},"at_ns":12}
{"seq":4,"kind":"return","call":1,"ok":null,"at_ns":13}
{"seq":5,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"},"at_ns":20}
{"seq":6,"kind":"return","call":5,"ok":null,"at_ns":21}
{"kind":"end","events":7,"dropped":0}
"#,
        )
        .expect("loads")
    }

    fn text(t: &Transcript) -> String {
        String::from_utf8(t.to_bytes()).expect("utf-8")
    }

    #[test]
    fn no_mutation_gives_the_source_back() {
        let s = source();
        assert_eq!(text(&s.mutated(&[])), text(&s));
    }

    #[test]
    fn drop_removes_the_call_with_what_it_caused() {
        let t = source().mutated(&[Mutation::Drop { call: 1 }]);
        assert_eq!(t.len(), 3);
        assert!(!text(&t).contains("\"db\""));
        // What was dropped cannot be mutated further.
        let again =
            source().mutated(&[Mutation::Drop { call: 1 }, Mutation::Duplicate { call: 1 }]);
        assert_eq!(text(&again), text(&t));
    }

    #[test]
    fn fail_and_perturb_change_payloads_only() {
        let t = source().mutated(&[
            Mutation::Fail {
                call: 2,
                err: serde_json::json!({"kind": "TimedOut", "message": "timed out"}),
            },
            Mutation::Perturb {
                seq: 1,
                field: "args".into(),
                pointer: "/n".into(),
                value: 2.into(),
            },
            Mutation::Perturb {
                seq: 1,
                field: "args".into(),
                pointer: "/no/such".into(),
                value: 2.into(),
            },
        ]);
        let out = text(&t);
        assert!(out.contains(r#""args":{"key":"a","n":2}"#), "{out}");
        assert!(
            out.contains(r#""err":{"kind":"TimedOut","message":"timed out"}"#),
            "{out}"
        );
        assert_eq!(t.len(), source().len());
    }

    #[test]
    fn a_mutated_transcript_reads_back() {
        let t = source().mutated(&[
            Mutation::Duplicate { call: 1 },
            Mutation::Reorder { call: 5, before: 1 },
        ]);
        let back = Transcript::from_bytes(&t.to_bytes(), "mutated").expect("reads back");
        let methods: Vec<_> = back
            .inbound_calls()
            .iter()
            .map(|c| c.method.clone())
            .collect();
        assert_eq!(methods, ["get", "put", "put"]);
    }
}
