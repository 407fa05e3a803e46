//! Scrubbing a transcript's events, here or on several threads, written in
//! order.
//!
//! On one thread ([`Here`]), each event is scrubbed and encoded as it is
//! read, and the encoded lines are written 64 KiB at a time.
//! On more ([`Pool`]), the calling thread only reads lines: it hands their
//! bytes on undecoded, in batches. Worker threads decode the lines of a
//! batch ([`decode_line`], the decoding iteration uses), scrub and encode
//! the events (into a report of their own) while the calling thread goes on
//! reading, and hand back, line by line, what the transcript's checks
//! across lines need (seq, `end` line, why a line could not be decoded).
//! Batches come back to the calling thread in the order they were read,
//! where the reader checks each line as iteration would
//! ([`Reader::check`](reprise_transcript::Reader::check)) and only the
//! lines it keeps are written. At most two batches per worker are in
//! flight, so memory does not grow with the transcript, and decoding, the
//! larger part of reading, is shared by every core.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use reprise_transcript::{Decoded, Event, LineAt, ReadError, decode_line, encode_line};
use serde_json::Value;

use super::Sanitizer;
use crate::error::Error;
use crate::report::Report;

/// Events per batch.
const BATCH: usize = 512;
/// Encoded lines are written once they fill this many bytes.
const WRITE_AT: usize = 64 * 1024;

/// Lines to scrub, their bytes one after the other, and the lines that
/// could not be read, in order.
#[derive(Default)]
pub(crate) struct Lines {
    bytes: Vec<u8>,
    /// Each line read and where its bytes end; `None` for a line that could
    /// not be read, whose error is the next of `errors`.
    ends: Vec<Option<(LineAt, usize)>>,
    errors: Vec<ReadError>,
}

impl Lines {
    fn with_capacity(lines: usize) -> Lines {
        Lines {
            bytes: Vec::with_capacity(lines * 256),
            ends: Vec::with_capacity(lines),
            errors: Vec::new(),
        }
    }

    /// Each line read with its bytes (`None` for one that could not be
    /// read), in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<(LineAt, &[u8])>> {
        let mut start = 0;
        self.ends.iter().map(move |end| {
            end.map(|(at, end)| {
                let bytes = &self.bytes[start..end];
                start = end;
                (at, bytes)
            })
        })
    }
}

/// A batch to scrub: its number and its lines.
type Batch = (u64, Lines);

/// One line of a scrubbed batch: what the checks across lines need of it,
/// and where its encoded line (empty when it is no event) ends in
/// [`Scrubbed::lines`].
pub(crate) struct Entry {
    pub(crate) line: Result<(LineAt, Decoded), ReadError>,
    pub(crate) end: usize,
}

/// What a worker made of a batch.
pub(crate) struct Scrubbed {
    /// The encoded lines, one after the other.
    pub(crate) lines: Vec<u8>,
    /// Each input line, in order.
    pub(crate) entries: Vec<Entry>,
    /// What scrubbing every event of the batch counted.
    pub(crate) report: Report,
    /// The batch as read, to count again the events kept when some line
    /// turns out not to be part of the transcript.
    pub(crate) input: Lines,
}

/// What a worker hands back: a batch's number and what it made of it.
type Done = (u64, Result<Scrubbed, Error>);

/// Scrubs events on the calling thread.
pub(crate) struct Here<'a> {
    sanitizer: &'a Sanitizer,
    line: Vec<u8>,
}

impl<'a> Here<'a> {
    pub(crate) fn new(sanitizer: &'a Sanitizer) -> Here<'a> {
        Here {
            sanitizer,
            line: Vec::with_capacity(WRITE_AT + 4096),
        }
    }

    /// Scrubs and encodes `event`, and writes a buffer once it is full.
    pub(crate) fn push(
        &mut self,
        mut event: Event<Value>,
        out: &mut dyn Write,
        report: &mut Report,
    ) -> Result<(), Error> {
        self.sanitizer.scrub_event(&mut event, report);
        encode_line(&mut self.line, &event)?;
        if self.line.len() >= WRITE_AT {
            out.write_all(&self.line)?;
            self.line.clear();
        }
        Ok(())
    }

    /// Writes what is still buffered.
    pub(crate) fn finish(self, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(&self.line)?;
        Ok(())
    }
}

/// Lines on their way through worker threads, which live in a scope.
pub(crate) struct Pool {
    threads: usize,
    current: Lines,
    to_workers: SyncSender<Batch>,
    from_workers: Receiver<Done>,
    sent: u64,
    written: u64,
    waiting: BTreeMap<u64, Scrubbed>,
}

/// Takes each scrubbed batch, in input order.
pub(crate) type Take<'a> = dyn FnMut(Scrubbed) -> Result<(), Error> + 'a;

impl Pool {
    /// Starts `threads` workers over `sanitizer` in `scope`.
    pub(crate) fn start<'scope, 'env>(
        sanitizer: &'env Sanitizer,
        threads: usize,
        scope: &'scope Scope<'scope, 'env>,
    ) -> Pool {
        let (to_workers, inbox) = sync_channel::<Batch>(2 * threads);
        let (outbox, from_workers) = sync_channel::<Done>(2 * threads);
        let inbox = Arc::new(Mutex::new(inbox));
        for _ in 0..threads {
            let inbox = Arc::clone(&inbox);
            let outbox = outbox.clone();
            scope.spawn(move || work(sanitizer, &inbox, &outbox));
        }
        Pool {
            threads,
            current: Lines::with_capacity(BATCH),
            to_workers,
            from_workers,
            sent: 0,
            written: 0,
            waiting: BTreeMap::new(),
        }
    }

    /// Adds the line `bytes`, read at `at`, to the batch being gathered.
    pub(crate) fn add(&mut self, at: LineAt, bytes: &[u8]) {
        self.current.bytes.extend_from_slice(bytes);
        self.current.ends.push(Some((at, self.current.bytes.len())));
    }

    /// Adds a line that could not be read, to be checked in its place.
    pub(crate) fn add_unreadable(&mut self, err: ReadError) {
        self.current.ends.push(None);
        self.current.errors.push(err);
    }

    /// Sends the batch being gathered once it is full, handing `take` the
    /// batches that are done, in order, while too many are in flight.
    pub(crate) fn send_if_full(&mut self, take: &mut Take<'_>) -> Result<(), Error> {
        if self.current.ends.len() >= BATCH {
            self.send(take)?;
        }
        Ok(())
    }

    /// Sends what is gathered and hands `take` every batch, in order.
    /// Dropping the pool ends the workers; the scope joins them.
    pub(crate) fn finish(&mut self, take: &mut Take<'_>) -> Result<(), Error> {
        if !self.current.ends.is_empty() {
            self.send(take)?;
        }
        while self.written < self.sent {
            self.receive(take)?;
        }
        Ok(())
    }

    fn send(&mut self, take: &mut Take<'_>) -> Result<(), Error> {
        let batch = std::mem::replace(&mut self.current, Lines::with_capacity(BATCH));
        // Keep at most two batches per worker in flight.
        while self.sent - self.written >= 2 * self.threads as u64 {
            self.receive(take)?;
        }
        if self.to_workers.send((self.sent, batch)).is_err() {
            return Err(stopped());
        }
        self.sent += 1;
        Ok(())
    }

    /// Waits for one batch and hands on every batch that is next in order.
    fn receive(&mut self, take: &mut Take<'_>) -> Result<(), Error> {
        let Ok((index, done)) = self.from_workers.recv() else {
            return Err(stopped());
        };
        self.waiting.insert(index, done?);
        while let Some(done) = self.waiting.remove(&self.written) {
            self.written += 1;
            take(done)?;
        }
        Ok(())
    }
}

fn stopped() -> Error {
    Error::Write(std::io::Error::other("a scrub worker stopped"))
}

/// A worker: decodes, scrubs and encodes batches until the sender is
/// dropped.
fn work(sanitizer: &Sanitizer, inbox: &Mutex<Receiver<Batch>>, outbox: &SyncSender<Done>) {
    loop {
        let next = match inbox.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((index, batch)) = next else {
            return;
        };
        let done = scrub_batch(sanitizer, batch);
        if outbox.send((index, done)).is_err() {
            return;
        }
    }
}

/// Decodes, scrubs and encodes the lines of `batch`.
fn scrub_batch(sanitizer: &Sanitizer, mut batch: Lines) -> Result<Scrubbed, Error> {
    let mut lines = Vec::with_capacity(batch.bytes.len() + batch.bytes.len() / 8);
    let mut entries = Vec::with_capacity(batch.ends.len());
    let mut report = Report::default();
    let mut errors = std::mem::take(&mut batch.errors).into_iter();
    for item in batch.iter() {
        let line = match item {
            Some((at, bytes)) => {
                let (event, decoded) = decode_line::<Value>(bytes);
                if let Some(mut event) = event {
                    sanitizer.scrub_event(&mut event, &mut report);
                    encode_line(&mut lines, &event)?;
                }
                Ok((at, decoded))
            }
            None => Err(errors.next().unwrap_or(ReadError::Empty)),
        };
        entries.push(Entry {
            line,
            end: lines.len(),
        });
    }
    Ok(Scrubbed {
        lines,
        entries,
        report,
        input: batch,
    })
}

/// Scrubs again, into `report`, the events of `input` at the lines in
/// `kept`: what a batch counts when some of its lines are left out.
pub(crate) fn rescrub(sanitizer: &Sanitizer, input: &Lines, kept: &[u64], report: &mut Report) {
    for (at, bytes) in input.iter().flatten() {
        if kept.binary_search(&at.line).is_ok()
            && let (Some(mut event), _) = decode_line::<Value>(bytes)
        {
            sanitizer.scrub_event(&mut event, report);
        }
    }
}
