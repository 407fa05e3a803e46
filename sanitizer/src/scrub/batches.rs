//! Scrubbing a transcript's events, here or on several threads, written in
//! order.
//!
//! On one thread ([`Here`]), each event is scrubbed and encoded as it is
//! read, and the encoded lines are written 64 KiB at a time.
//! On more ([`Pool`]), the calling thread only reads: it checks each line's
//! envelope (kind, seq order, the end line) and keeps the payloads as raw
//! JSON text. Events are gathered in batches; worker threads parse the
//! payloads, scrub and encode a batch each (into a report of their own,
//! merged when the batch is written) while the calling thread goes on
//! reading, and batches are written in the order they were read. At most
//! two batches per worker are in flight, so memory does not grow with the
//! transcript, and parsing, the larger part of reading, is shared by every
//! core.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use reprise_transcript::{Event, Outcome, ReadError, encode_line, json_error_message};
use serde_json::Value;
use serde_json::value::RawValue;

use super::Sanitizer;
use crate::error::Error;
use crate::report::Report;

/// Events per batch.
const BATCH: usize = 512;
/// Encoded lines are written once they fill this many bytes.
const WRITE_AT: usize = 64 * 1024;

/// An event whose payload is still its JSON text.
pub(crate) type RawEvent = Event<Box<RawValue>>;

/// A batch to scrub: its number and its events with their line numbers.
type Batch = (u64, Vec<(u64, RawEvent)>);

/// What a worker made of a batch.
struct Scrubbed {
    /// The encoded lines.
    lines: Vec<u8>,
    report: Report,
    /// Lines whose payload could not be parsed; they are left out.
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
    current: Vec<(u64, RawEvent)>,
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
            current: Vec::with_capacity(BATCH),
            to_workers,
            from_workers,
            sent: 0,
            written: 0,
            waiting: BTreeMap::new(),
            unreadable: Vec::new(),
        }
    }

    /// Adds `event`, read at `line`, to the batch being gathered, and sends
    /// the batch once it is full.
    pub(crate) fn push(
        &mut self,
        line: u64,
        event: RawEvent,
        out: &mut dyn Write,
        report: &mut Report,
    ) -> Result<(), Error> {
        self.current.push((line, event));
        if self.current.len() >= BATCH {
            self.send(out, report)?;
        }
        Ok(())
    }

    /// Scrubs and writes everything still pending. Dropping the pool ends
    /// the workers; the scope joins them.
    pub(crate) fn finish(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        if !self.current.is_empty() {
            self.send(out, report)?;
        }
        while self.written < self.sent {
            self.receive(out, report)?;
        }
        Ok(())
    }

    fn send(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        let batch = std::mem::replace(&mut self.current, Vec::with_capacity(BATCH));
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

/// A worker: parses, scrubs and encodes batches until the sender is
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
            lines: Vec::with_capacity(batch.len() * 256),
            report: Report::default(),
            unreadable: Vec::new(),
        };
        let mut result = Ok(());
        for (line, event) in batch {
            let mut event = match parsed(event) {
                Ok(event) => event,
                Err(e) => {
                    done.unreadable.push(ReadError::InvalidEvent {
                        line,
                        reason: format!("its payload cannot be read: {}", json_error_message(&e)),
                    });
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

/// `event` with its payload parsed. The reader checked that the payload is
/// JSON, but a `Value` has limits its text does not (how deep it nests).
fn parsed(event: RawEvent) -> Result<Event<Value>, serde_json::Error> {
    let parse = |raw: Box<RawValue>| serde_json::from_str::<Value>(raw.get());
    Ok(match event {
        Event::State(e) => Event::State(reprise_transcript::State {
            seq: e.seq,
            label: e.label,
            state: parse(e.state)?,
        }),
        Event::Call(e) => Event::Call(reprise_transcript::Call {
            seq: e.seq,
            dir: e.dir,
            port: e.port,
            method: e.method,
            args: parse(e.args)?,
            at_ns: e.at_ns,
            parent: e.parent,
            task: e.task,
        }),
        Event::Return(e) => Event::Return(reprise_transcript::Return {
            seq: e.seq,
            call: e.call,
            outcome: match e.outcome {
                Outcome::Ok(v) => Outcome::Ok(parse(v)?),
                Outcome::Err(v) => Outcome::Err(parse(v)?),
                Outcome::Panic(v) => Outcome::Panic(parse(v)?),
            },
            at_ns: e.at_ns,
        }),
        Event::Probe(e) => Event::Probe(reprise_transcript::Probe {
            seq: e.seq,
            name: e.name,
            fields: parse(e.fields)?,
            at_ns: e.at_ns,
        }),
        Event::End(end) => Event::End(end),
    })
}
