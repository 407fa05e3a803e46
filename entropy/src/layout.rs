//! A transcript as *units*: each inbound call with everything it caused
//! (the outbound calls made inside it, their returns, its own return) is one
//! block that moves, repeats or goes as a whole; every other event (states,
//! probes, calls outside any inbound call) stays where it is. Writing units
//! back gives the events new, increasing seqs and keeps time from running
//! backwards.

use std::collections::HashMap;

use reprise_transcript::{Direction, Event};

use crate::transcript::{Raw, Transcript};

/// One inbound call and what it caused.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The inbound call's seq in the source transcript.
    pub(crate) id: u64,
    /// Its `task`, if recorded.
    pub(crate) task: Option<String>,
    pub(crate) events: Vec<Event<Raw>>,
}

/// A block, or an event that belongs to no inbound call.
#[derive(Debug, Clone)]
pub(crate) enum Unit {
    Loose(Event<Raw>),
    Block(Block),
}

impl Unit {
    pub(crate) fn block_id(&self) -> Option<u64> {
        match self {
            Unit::Block(b) => Some(b.id),
            Unit::Loose(_) => None,
        }
    }

    /// Whether this unit is a checkpoint: a state no block moves across.
    pub(crate) fn is_barrier(&self) -> bool {
        matches!(self, Unit::Loose(Event::State(_)))
    }
}

/// Splits `transcript` into units, in order. An outbound call belongs to
/// the inbound call its `parent` link names (through any nesting); without
/// links, in a transcript not written by the recorder, to the one inbound
/// call open when it was made, as replay attributes it.
pub(crate) fn units(transcript: &Transcript) -> Vec<Unit> {
    let infer = transcript.header.recorder.is_empty();
    let mut units: Vec<Unit> = Vec::new();
    // The unit each call's seq belongs to, for its parent's and return's sake.
    let mut owner: HashMap<u64, usize> = HashMap::new();
    let mut open_inbound: Vec<(u64, usize)> = Vec::new();
    for event in &transcript.events {
        let home = match event {
            Event::Call(call) => {
                let by_parent = call.parent.and_then(|p| owner.get(&p).copied());
                let home = match (call.dir, by_parent) {
                    (_, Some(unit)) => Some(unit),
                    (Direction::In, None) => {
                        units.push(Unit::Block(Block {
                            id: call.seq,
                            task: call.task.clone(),
                            events: Vec::new(),
                        }));
                        open_inbound.push((call.seq, units.len() - 1));
                        Some(units.len() - 1)
                    }
                    (Direction::Out, None) if infer && call.parent.is_none() => {
                        match open_inbound.as_slice() {
                            [(_, unit)] => Some(*unit),
                            _ => None,
                        }
                    }
                    (Direction::Out, None) => None,
                };
                if let Some(unit) = home {
                    owner.insert(call.seq, unit);
                }
                home
            }
            Event::Return(ret) => {
                open_inbound.retain(|(seq, _)| *seq != ret.call);
                owner.get(&ret.call).copied()
            }
            _ => None,
        };
        match home.and_then(|u| match &mut units[u] {
            Unit::Block(block) => Some(block),
            Unit::Loose(_) => None,
        }) {
            Some(block) => block.events.push(event.clone()),
            None => units.push(Unit::Loose(event.clone())),
        }
    }
    units
}

/// The events of `units`, in order, with new seqs from `first_seq` on
/// (links follow their targets; a link to an event not in the transcript
/// keeps pointing at nothing) and `at_ns` never decreasing: a block that
/// moved later is shifted in time as a whole, so its own latencies stay.
pub(crate) fn flatten(units: Vec<Unit>, first_seq: u64) -> Vec<Event<Raw>> {
    let mut events = Vec::new();
    let mut renumber = Renumber {
        next: first_seq,
        first: first_seq,
        map: HashMap::new(),
    };
    let mut last_at = 0u64;
    for unit in units {
        match unit {
            Unit::Loose(mut event) => {
                if let Some(at) = at_ns(&mut event) {
                    *at = (*at).max(last_at);
                    last_at = *at;
                }
                renumber.event(&mut event);
                events.push(event);
            }
            Unit::Block(block) => {
                let mut block_events = block.events;
                let start = block_events
                    .iter_mut()
                    .find_map(|e| at_ns(e).map(|at| *at))
                    .unwrap_or(last_at);
                let shift = last_at.saturating_sub(start);
                for mut event in block_events {
                    if let Some(at) = at_ns(&mut event) {
                        *at = at.saturating_add(shift).max(last_at);
                        last_at = *at;
                    }
                    renumber.event(&mut event);
                    events.push(event);
                }
            }
        }
    }
    events
}

fn at_ns(event: &mut Event<Raw>) -> Option<&mut u64> {
    match event {
        Event::Call(c) => Some(&mut c.at_ns),
        Event::Return(r) => Some(&mut r.at_ns),
        Event::Probe(p) => Some(&mut p.at_ns),
        Event::State(_) | Event::End(_) => None,
    }
}

struct Renumber {
    next: u64,
    first: u64,
    /// Old seq to new, the latest copy winning (a duplicated block's links
    /// point into the copy being written).
    map: HashMap<u64, u64>,
}

impl Renumber {
    fn link(&self, old: u64) -> u64 {
        match self.map.get(&old) {
            Some(&new) => new,
            // Before the first event (a dump that starts mid-call): no new
            // seq can be that low. Otherwise nothing is that high.
            None if old < self.first => old,
            None => u64::MAX,
        }
    }

    fn event(&mut self, event: &mut Event<Raw>) {
        let seq = self.next;
        self.next += 1;
        match event {
            Event::Call(c) => {
                c.parent = c.parent.map(|p| self.link(p));
                self.map.insert(c.seq, seq);
                c.seq = seq;
            }
            Event::Return(r) => {
                r.call = self.link(r.call);
                r.seq = seq;
            }
            Event::State(s) => s.seq = seq,
            Event::Probe(p) => p.seq = seq,
            Event::End(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv","recorder":"0.1.0"}
{"seq":0,"kind":"state","label":"initial","state":{}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"a","args":{},"at_ns":10}
{"seq":2,"kind":"call","dir":"out","port":"db","method":"w","args":{},"at_ns":11,"parent":1}
{"seq":3,"kind":"return","call":2,"ok":null,"at_ns":12}
{"seq":4,"kind":"return","call":1,"ok":null,"at_ns":13}
{"seq":5,"kind":"probe","name":"p","fields":{},"at_ns":14}
{"seq":6,"kind":"call","dir":"in","port":"api","method":"b","args":{},"at_ns":20}
{"seq":7,"kind":"return","call":6,"ok":null,"at_ns":21}
"#;

    #[test]
    fn blocks_hold_what_their_inbound_call_caused() {
        let t = Transcript::from_str(TEXT).expect("loads");
        let units = units(&t);
        let shape: Vec<_> = units
            .iter()
            .map(|u| match u {
                Unit::Loose(e) => format!("loose {}", e.kind()),
                Unit::Block(b) => format!("block {} of {}", b.id, b.events.len()),
            })
            .collect();
        assert_eq!(
            shape,
            ["loose state", "block 1 of 4", "loose probe", "block 6 of 2"]
        );
    }

    #[test]
    fn flattening_a_duplicate_renumbers_and_links_into_the_copy() {
        let t = Transcript::from_str(TEXT).expect("loads");
        let mut units = units(&t);
        let copy = units[1].clone();
        units.insert(2, copy);
        let events = flatten(units, 0);
        let seqs: Vec<_> = events.iter().filter_map(Event::seq).collect();
        assert_eq!(seqs, (0..12).collect::<Vec<_>>());
        let Event::Call(out) = &events[6] else {
            panic!("the copy's outbound call")
        };
        assert_eq!(out.parent, Some(5));
        let Event::Return(ret) = &events[7] else {
            panic!("its return")
        };
        assert_eq!(ret.call, 6);
    }

    #[test]
    fn a_block_moved_earlier_is_shifted_and_time_never_runs_back() {
        let t = Transcript::from_str(TEXT).expect("loads");
        let mut units = units(&t);
        let late = units.remove(3);
        units.insert(1, late);
        let events = flatten(units, 0);
        let mut times: Vec<u64> = Vec::new();
        for mut e in events {
            if let Some(at) = at_ns(&mut e) {
                times.push(*at);
            }
        }
        assert_eq!(times, [20, 21, 21, 22, 23, 24, 24]);
    }
}
