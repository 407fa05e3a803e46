//! The flight recorder: the latest checkpoint and every event since, in
//! memory, bounded in bytes; and [`Dump`], what a dump of it wrote.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

use reprise_transcript::{End, encode_line};

use crate::RecordError;
use crate::encode::About;

/// What a flight-recorder dump wrote, from
/// [`Recorder::dump_flight_recorder`](crate::Recorder::dump_flight_recorder).
///
/// ```
/// use reprise_recorder::{MemorySink, Recorder};
/// let dir = tempfile::tempdir()?;
/// let recorder = Recorder::builder("c").sink(MemorySink::new()).flight_recorder(1 << 20).start(&0)?;
/// recorder.probe("tick", &1);
/// let dump = recorder.dump_flight_recorder(dir.path().join("dump.jsonl"))?;
/// assert_eq!((dump.events, dump.dropped), (2, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dump {
    /// The file written.
    pub path: PathBuf,
    /// Event lines written, the checkpoint included.
    pub events: u64,
    /// Events since the checkpoint that the byte bound pushed out.
    pub dropped: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The flight recorder's memory: the header, the latest checkpoint and
/// every event line since (with its seq), bounded in bytes; and which calls
/// in it have not returned yet.
pub(crate) struct Flight {
    header: Vec<u8>,
    checkpoint: Vec<u8>,
    events: VecDeque<(u64, Vec<u8>)>,
    bytes: usize,
    max_bytes: usize,
    dropped: u64,
    /// Calls kept whose return has not been seen.
    open: HashSet<u64>,
}

impl Flight {
    /// An empty flight recorder of at most `max_bytes` of events, whose
    /// dumps start with the `header` line.
    pub(crate) fn new(header: &[u8], max_bytes: usize) -> Flight {
        Flight {
            header: header.strip_suffix(b"\n").unwrap_or(header).to_vec(),
            checkpoint: Vec::new(),
            events: VecDeque::new(),
            bytes: 0,
            max_bytes,
            dropped: 0,
            open: HashSet::new(),
        }
    }

    /// Keeps the line of event `about`, committed as `seq`: a state starts
    /// the window over, any other event goes at its end, pushing the oldest
    /// out past the byte bound.
    pub(crate) fn push(&mut self, about: About<'_>, seq: u64, line: &[u8]) {
        match about {
            About::State { .. } => {
                self.checkpoint.clear();
                self.checkpoint.extend_from_slice(line);
                self.events.clear();
                self.bytes = 0;
                self.dropped = 0;
                self.open.clear();
                return;
            }
            About::Call { .. } => {
                self.open.insert(seq);
            }
            About::Return { call, .. } => {
                self.open.remove(&call);
            }
            About::Probe { .. } => {}
        }
        // Reuse the oldest buffer when the bound pushes it out.
        let mut buf = Vec::new();
        while self.bytes + line.len() > self.max_bytes {
            let Some((old_seq, old)) = self.events.pop_front() else {
                break;
            };
            self.bytes -= old.len();
            self.dropped += 1;
            // A call no longer kept has nothing to wait for.
            self.open.remove(&old_seq);
            buf = old;
        }
        if line.len() > self.max_bytes {
            self.dropped += 1;
            self.open.remove(&seq);
            return;
        }
        buf.clear();
        buf.extend_from_slice(line);
        self.bytes += buf.len();
        self.events.push_back((seq, buf));
    }

    /// Whether a call kept has not returned yet: a dump now would end with
    /// a call and no return.
    pub(crate) fn calls_in_flight(&self) -> bool {
        !self.open.is_empty()
    }

    /// The dump as transcript text, with its event count and how many
    /// events the bound pushed out.
    pub(crate) fn render(&self) -> Result<(Vec<u8>, u64, u64), RecordError> {
        let mut out = Vec::with_capacity(self.header.len() + self.checkpoint.len() + self.bytes);
        for line in std::iter::once(&self.header)
            .chain(std::iter::once(&self.checkpoint))
            .chain(self.events.iter().map(|(_, line)| line))
        {
            out.extend_from_slice(line);
            if !line.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        let events = 1 + self.events.len() as u64;
        let mut end = Vec::new();
        encode_line(&mut end, &End::new(events, self.dropped)).map_err(|source| {
            RecordError::Encode {
                what: "end",
                source,
            }
        })?;
        out.extend_from_slice(&end);
        if !end.ends_with(b"\n") {
            out.push(b'\n');
        }
        Ok((out, events, self.dropped))
    }
}
