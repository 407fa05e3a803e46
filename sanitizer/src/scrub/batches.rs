//! Scrubbing a transcript's events, here or on several threads, written in
//! order.
//!
//! On one thread ([`Here`]), each event is scrubbed and encoded as it is
//! read, and the encoded lines are written 64 KiB at a time.
//! On more ([`Pool`]), the calling thread only reads: it checks each line's
//! envelope (kind, seq order, the end line), skipping over the payloads
//! without building them, and copies the line's bytes into a batch. Worker
//! threads decode the lines of a batch again, payloads and all (the same
//! decoding, so the same events), scrub and encode them (into a report of
//! their own, merged when the batch is written) while the calling thread
//! goes on reading, and batches are written in the order they were read.
//! At most two batches per worker are in flight, so memory does not grow
//! with the transcript, and parsing, the larger part of reading, is shared
//! by every core: the reading thread allocates nothing per payload.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use reprise_transcript::{Event, ReadError, decode_event, encode_line};
use serde_json::Value;

use super::Sanitizer;
use crate::error::Error;
use crate::report::Report;

/// Events per batch.
const BATCH: usize = 512;
/// Encoded lines are written once they fill this many bytes.
const WRITE_AT: usize = 64 * 1024;

/// Lines to scrub, their bytes one after the other.
#[derive(Default)]
struct Lines {
    bytes: Vec<u8>,
    /// Each line's number and where its bytes end.
    ends: Vec<(u64, usize)>,
}

impl Lines {
    fn with_capacity(lines: usize) -> Lines {
        Lines {
            bytes: Vec::with_capacity(lines * 256),
            ends: Vec::with_capacity(lines),
        }
    }

    /// Each line's number and bytes, in order.
    fn iter(&self) -> impl Iterator<Item = (u64, &[u8])> {
        let mut start = 0;
        self.ends.iter().map(move |&(line, end)| {
            let bytes = &self.bytes[start..end];
            start = end;
            (line, bytes)
        })
    }
}

/// A batch to scrub: its number and its lines.
type Batch = (u64, Lines);

/// What a worker made of a batch.
struct Scrubbed {
    /// The encoded lines.
    lines: Vec<u8>,
    report: Report,
    /// Lines that could not be decoded with their payloads; they are left
    /// out.
    unreadable: Vec<ReadError>,
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

/// Events on their way through worker threads, which live in a scope.
pub(crate) struct Pool {
    threads: usize,
    current: Lines,
    to_workers: SyncSender<Batch>,
    from_workers: Receiver<Done>,
    sent: u64,
    written: u64,
    waiting: BTreeMap<u64, Scrubbed>,
    /// Lines the workers could not parse, in input order.
    pub(crate) unreadable: Vec<ReadError>,
}

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
            unreadable: Vec::new(),
        }
    }

    /// Adds the event line `bytes`, read at `line`, to the batch being
    /// gathered, and sends the batch once it is full.
    pub(crate) fn push(
        &mut self,
        line: u64,
        bytes: &[u8],
        out: &mut dyn Write,
        report: &mut Report,
    ) -> Result<(), Error> {
        self.current.bytes.extend_from_slice(bytes);
        self.current.ends.push((line, self.current.bytes.len()));
        if self.current.ends.len() >= BATCH {
            self.send(out, report)?;
        }
        Ok(())
    }

    /// Scrubs and writes everything still pending. Dropping the pool ends
    /// the workers; the scope joins them.
    pub(crate) fn finish(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        if !self.current.ends.is_empty() {
            self.send(out, report)?;
        }
        while self.written < self.sent {
            self.receive(out, report)?;
        }
        Ok(())
    }

    fn send(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        let batch = std::mem::replace(&mut self.current, Lines::with_capacity(BATCH));
        // Keep at most two batches per worker in flight.
        while self.sent - self.written >= 2 * self.threads as u64 {
            self.receive(out, report)?;
        }
        if self.to_workers.send((self.sent, batch)).is_err() {
            return Err(stopped());
        }
        self.sent += 1;
        Ok(())
    }

    /// Waits for one batch and writes every batch that is next in order.
    fn receive(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        let Ok((index, done)) = self.from_workers.recv() else {
            return Err(stopped());
        };
        self.waiting.insert(index, done?);
        while let Some(done) = self.waiting.remove(&self.written) {
            out.write_all(&done.lines)?;
            report.merge(&done.report);
            self.unreadable.extend(done.unreadable);
            self.written += 1;
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
        let mut done = Scrubbed {
            lines: Vec::with_capacity(batch.bytes.len() + batch.bytes.len() / 8),
            report: Report::default(),
            unreadable: Vec::new(),
        };
        let mut result = Ok(());
        for (line, bytes) in batch.iter() {
            // The reading thread decoded this line with its payloads
            // skipped; a `Value` has limits the skipping does not (how deep
            // it nests).
            let mut event: Event<Value> = match decode_event(line, bytes) {
                Ok(event) => event,
                Err(e) => {
                    done.unreadable.push(e);
                    continue;
                }
            };
            sanitizer.scrub_event(&mut event, &mut done.report);
            if let Err(e) = encode_line(&mut done.lines, &event) {
                result = Err(Error::from(e));
                break;
            }
        }
        if outbox.send((index, result.map(|()| done))).is_err() {
            return;
        }
    }
}
