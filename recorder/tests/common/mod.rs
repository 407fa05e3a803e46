//! Reading transcripts back in the integration tests.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::path::Path;

use reprise_transcript::{Call, Ending, Event, Header, Reader, Return};

/// A transcript read back: every event must be well-formed.
pub struct ReadBack {
    pub header: Header,
    pub events: Vec<Event>,
    pub ending: Ending,
}

pub fn read_file(path: &Path) -> ReadBack {
    let file = std::fs::File::open(path).expect("open transcript");
    read(Reader::new(file).expect("header"))
}

pub fn read_bytes(bytes: &[u8]) -> ReadBack {
    read(Reader::new(bytes).expect("header"))
}

fn read<R: std::io::BufRead>(mut reader: Reader<R>) -> ReadBack {
    let events = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .expect("every event reads");
    ReadBack {
        header: reader.header().clone(),
        ending: reader.ending().expect("iteration ended").clone(),
        events,
    }
}

impl ReadBack {
    pub fn calls(&self) -> impl Iterator<Item = &Call> {
        self.events.iter().filter_map(|e| match e {
            Event::Call(c) => Some(c),
            _ => None,
        })
    }

    pub fn returns(&self) -> impl Iterator<Item = &Return> {
        self.events.iter().filter_map(|e| match e {
            Event::Return(r) => Some(r),
            _ => None,
        })
    }

    /// The seq of every event, in file order.
    pub fn seqs(&self) -> Vec<u64> {
        self.events
            .iter()
            .map(|e| e.seq().expect("an event has a seq"))
            .collect()
    }
}
