//! What the component actually did during a replay, as a transcript: the
//! pending transcript of update mode (see `reprise::testing::write_pending`).
//!
//! With [`ReplayBuilder::capture`](crate::ReplayBuilder::capture) the
//! session notes, in the order they happen, each inbound call fed, each
//! outbound call the component made (its actual arguments, and which
//! recorded call served it, if one did) and each inbound call's actual
//! return. [`Replay::actual_transcript`](crate::Replay::actual_transcript)
//! writes them out with the recorded inputs, so that accepting the file
//! makes the new behaviour the recording.

use std::sync::Arc;

use reprise_transcript::{Call, Direction, Event, Outcome, Return, State, Writer};
use serde_json::Value;

use crate::error::ReplayError;
use crate::recorded::{self, Recorded};
use crate::scope;

/// One thing noted while capturing.
#[derive(Debug)]
pub(crate) enum Captured {
    /// Inbound call `index` was fed.
    In(usize),
    /// The component made an outbound call.
    Out {
        port: Arc<str>,
        method: String,
        args: Value,
        /// The scope it was made in.
        scope: usize,
        /// The recorded call whose return was served, if one was.
        served: Option<usize>,
        /// What a model served instead, if it did (tolerant replay).
        modelled: Option<Outcome>,
    },
    /// Inbound call `index` returned (or panicked) with `outcome`.
    Ret { index: usize, outcome: Outcome },
    /// The component emitted a probe ([`crate::Replay::probe`]).
    Probe { name: String, fields: Value },
}

/// The transcript of what was captured: the recorded header and initial
/// state, then the events with new, increasing seqs, then an `end` line.
/// The recorded payloads are read back; a line that cannot be is an error.
pub(crate) fn transcript(rec: &Recorded, captured: &[Captured]) -> Result<Vec<u8>, ReplayError> {
    let io = |e: std::io::Error| ReplayError::msg(e.to_string());
    let mut writer = Writer::new(Vec::new());
    writer.header(&rec.header).map_err(io)?;
    let mut seq = 0u64;
    if let Some((_, state)) = rec.initial_state()? {
        writer
            .event(&Event::State(State {
                seq,
                label: "initial".to_owned(),
                state: recorded::value(&state),
            }))
            .map_err(io)?;
        seq += 1;
    }
    // The new seq of each inbound call written, by index.
    let mut written = vec![None; rec.inbound_len()];
    for item in captured {
        match item {
            Captured::In(index) => {
                let call = rec.inb(*index);
                written[*index] = Some(seq);
                writer
                    .event(&Event::Call(Call {
                        seq,
                        dir: Direction::In,
                        port: rec.ports[call.port].clone(),
                        method: call.method.to_string(),
                        args: rec.args(&call)?,
                        at_ns: rec.at_ns(&call)?,
                        parent: None,
                        task: None,
                    }))
                    .map_err(io)?;
                seq += 1;
            }
            Captured::Out {
                port,
                method,
                args,
                scope,
                served,
                modelled,
            } => {
                let parent = scope::inbound_of(*scope).and_then(|k| written[k]);
                let recorded_call = served.map(|i| rec.out(i));
                let call_seq = seq;
                writer
                    .event(&Event::Call(Call {
                        seq,
                        dir: Direction::Out,
                        port: port.to_string(),
                        method: method.clone(),
                        args: args.clone(),
                        at_ns: match &recorded_call {
                            Some(call) => rec.at_ns(call)?,
                            None => 0,
                        },
                        parent,
                        task: None,
                    }))
                    .map_err(io)?;
                seq += 1;
                if let Some(call) = recorded_call {
                    if let Some(ret) = rec.ret(&call)? {
                        writer
                            .event(&Event::Return(Return {
                                seq,
                                call: call_seq,
                                outcome: ret.outcome(),
                                at_ns: ret.at_ns,
                            }))
                            .map_err(io)?;
                        seq += 1;
                    }
                } else if let Some(outcome) = modelled {
                    writer
                        .event(&Event::Return(Return {
                            seq,
                            call: call_seq,
                            outcome: outcome.clone(),
                            at_ns: 0,
                        }))
                        .map_err(io)?;
                    seq += 1;
                }
            }
            Captured::Probe { name, fields } => {
                writer
                    .event(&Event::Probe(reprise_transcript::Probe {
                        seq,
                        name: name.clone(),
                        fields: fields.clone(),
                        at_ns: 0,
                    }))
                    .map_err(io)?;
                seq += 1;
            }
            Captured::Ret { index, outcome } => {
                let Some(call_seq) = written[*index] else {
                    continue;
                };
                let at_ns = rec.ret(&rec.inb(*index))?.map_or(0, |r| r.at_ns);
                writer
                    .event(&Event::Return(Return {
                        seq,
                        call: call_seq,
                        outcome: outcome.clone(),
                        at_ns,
                    }))
                    .map_err(io)?;
                seq += 1;
            }
        }
    }
    writer.end(0).map_err(io)
}
