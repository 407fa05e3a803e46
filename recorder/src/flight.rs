//! The flight recorder: the latest checkpoint and every event since, in
//! memory, bounded in bytes; and [`Dump`], what a dump of it wrote.
//!
//! With a sanitizer, every line kept was scrubbed before it was encoded, and
//! a dump is a transcript like any other: its header (the recording's) lists
//! the rules, and its `end` line carries the scrub report of what the dump
//! holds, as a recording's `end` line does for the recording, so that
//! `reprise verify` tells the dump's pseudonyms from leaks. That report is
//! exact, not the recording's: each kept line keeps the report of what was
//! scrubbed in its payload (only when something was), and a dump adds those
//! of the lines it holds to the header's report (the rules and what `meta`
//! held). It lists paths, rules, actions and counts, never a value.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

use reprise_sanitizer::Report;
use reprise_transcript::{End, encode_line};

use crate::RecordError;
use crate::encode::About;

/// What a flight-recorder dump wrote, from
/// [`Recorder::dump_flight_recorder`](crate::Recorder::dump_flight_recorder).
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
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
/// every event line since (with its seq), bounded in bytes; which calls in
/// it have not returned yet; and, with a sanitizer, what was scrubbed in
/// each of them.
pub(crate) struct Flight {
    header: Vec<u8>,
    /// The header's scrub report (the rules, what `meta` held), with a
    /// sanitizer: a dump's `end` report starts from it.
    scrubbed: Option<Report>,
    checkpoint: Kept,
    events: VecDeque<(u64, Kept)>,
    bytes: usize,
    max_bytes: usize,
    dropped: u64,
    /// Calls kept whose return has not been seen.
    open: HashSet<u64>,
}

/// One line kept, and what the sanitizer scrubbed in it (`None` when
/// nothing was, or without a sanitizer).
#[derive(Default)]
struct Kept {
    line: Vec<u8>,
    scrubbed: Option<Box<Report>>,
}

impl Flight {
    /// An empty flight recorder of at most `max_bytes` of events, whose
    /// dumps start with the `header` line; `scrubbed` is the header's scrub
    /// report when a sanitizer is configured.
    pub(crate) fn new(header: &[u8], max_bytes: usize, scrubbed: Option<Report>) -> Flight {
        Flight {
            header: header.strip_suffix(b"\n").unwrap_or(header).to_vec(),
            scrubbed,
            checkpoint: Kept::default(),
            events: VecDeque::new(),
            bytes: 0,
            max_bytes,
            dropped: 0,
            open: HashSet::new(),
        }
    }

    /// Keeps the line of event `about`, committed as `seq`, with what the
    /// sanitizer `scrubbed` in it: a state starts the window over, any other
    /// event goes at its end, pushing the oldest out past the byte bound.
    pub(crate) fn push(
        &mut self,
        about: About<'_>,
        seq: u64,
        line: &[u8],
        scrubbed: Option<Box<Report>>,
    ) {
        match about {
            About::State { .. } => {
                self.checkpoint.line.clear();
                self.checkpoint.line.extend_from_slice(line);
                self.checkpoint.scrubbed = scrubbed;
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
            self.bytes -= old.line.len();
            self.dropped += 1;
            // A call no longer kept has nothing to wait for.
            self.open.remove(&old_seq);
            buf = old.line;
        }
        if line.len() > self.max_bytes {
            self.dropped += 1;
            self.open.remove(&seq);
            return;
        }
        buf.clear();
        buf.extend_from_slice(line);
        self.bytes += buf.len();
        self.events.push_back((
            seq,
            Kept {
                line: buf,
                scrubbed,
            },
        ));
    }

    /// Whether a call kept has not returned yet: a dump now would end with
    /// a call and no return.
    pub(crate) fn calls_in_flight(&self) -> bool {
        !self.open.is_empty()
    }

    /// What was scrubbed in the lines a dump holds, added to the header's
    /// report: the dump's `end` line report; `None` without a sanitizer.
    fn scrub_report(&self) -> Option<Report> {
        let mut report = self.scrubbed.clone()?;
        let kept = std::iter::once(&self.checkpoint).chain(self.events.iter().map(|(_, k)| k));
        for scrubbed in kept.filter_map(|k| k.scrubbed.as_deref()) {
            report.merge(scrubbed);
        }
        Some(report)
    }

    /// The dump as transcript text, with its event count and how many
    /// events the bound pushed out.
    pub(crate) fn render(&self) -> Result<(Vec<u8>, u64, u64), RecordError> {
        let mut out =
            Vec::with_capacity(self.header.len() + self.checkpoint.line.len() + self.bytes);
        for line in std::iter::once(&self.header)
            .chain(std::iter::once(&self.checkpoint.line))
            .chain(self.events.iter().map(|(_, kept)| &kept.line))
        {
            out.extend_from_slice(line);
            if !line.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        let events = 1 + self.events.len() as u64;
        // The `end` line, with the scrub report of what the dump holds.
        let end = End {
            sanitizer: self.scrub_report().map(|r| r.to_json()),
            ..End::new(events, self.dropped)
        };
        let mut line = Vec::new();
        encode_line(&mut line, &end).map_err(|source| RecordError::Encode {
            what: "end",
            source,
        })?;
        out.extend_from_slice(&line);
        if !line.ends_with(b"\n") {
            out.push(b'\n');
        }
        Ok((out, events, self.dropped))
    }
}
