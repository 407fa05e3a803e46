//! Scrubbing a transcript's events on several threads, written in order.
//!
//! With one thread, each event is scrubbed and encoded as it is pushed, and
//! the encoded lines are written 64 KiB at a time.
//! With more, events are gathered in batches; worker threads scrub and
//! encode a batch each (into a report of their own, merged when the batch
//! is written) while the calling thread goes on reading, and batches are
//! written in the order they were read. At most two batches per worker are
//! in flight, so memory does not grow with the transcript.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use reprise_transcript::{Event, encode_line};
use serde_json::Value;

use super::Sanitizer;
use crate::error::Error;
use crate::report::Report;

/// Events per batch.
const BATCH: usize = 512;
/// On one thread, encoded lines are written once they fill this many bytes.
const WRITE_AT: usize = 64 * 1024;

/// A batch to scrub: its number and its events.
type Batch = (u64, Vec<Event<Value>>);

/// What a worker hands back: a batch's number, its encoded lines and what
/// scrubbing it did.
type Done = (u64, Result<(Vec<u8>, Report), Error>);

/// Events on their way through the workers, which live in `scope`.
pub(crate) struct Batches<'scope, 'env> {
    sanitizer: &'env Sanitizer,
    threads: usize,
    scope: &'scope Scope<'scope, 'env>,
    current: Vec<Event<Value>>,
    line: Vec<u8>,
    pool: Option<Pool>,
}

/// The worker threads and the channels to and from them.
struct Pool {
    to_workers: SyncSender<Batch>,
    from_workers: Receiver<Done>,
    sent: u64,
    written: u64,
    waiting: BTreeMap<u64, (Vec<u8>, Report)>,
}

impl<'scope, 'env> Batches<'scope, 'env> {
    pub(crate) fn new(
        sanitizer: &'env Sanitizer,
        threads: usize,
        scope: &'scope Scope<'scope, 'env>,
    ) -> Batches<'scope, 'env> {
        Batches {
            sanitizer,
            threads,
            scope,
            current: Vec::new(),
            line: Vec::with_capacity(WRITE_AT + 4096),
            pool: None,
        }
    }

    /// Scrubs `event` (now, or in a batch) and writes what is ready.
    pub(crate) fn push(
        &mut self,
        mut event: Event<Value>,
        out: &mut dyn Write,
        report: &mut Report,
    ) -> Result<(), Error> {
        if self.threads <= 1 {
            // Lines are encoded one after the other into one buffer, and
            // written a buffer at a time.
            self.sanitizer.scrub_event(&mut event, report);
            encode_line(&mut self.line, &event)?;
            if self.line.len() >= WRITE_AT {
                out.write_all(&self.line)?;
                self.line.clear();
            }
            return Ok(());
        }
        self.current.push(event);
        if self.current.len() >= BATCH {
            self.send(out, report)?;
        }
        Ok(())
    }

    /// Scrubs and writes everything still pending, and stops the workers.
    pub(crate) fn finish(mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        if !self.line.is_empty() {
            out.write_all(&self.line)?;
            self.line.clear();
        }
        if !self.current.is_empty() {
            self.send(out, report)?;
        }
        if let Some(mut pool) = self.pool.take() {
            while pool.written < pool.sent {
                pool.receive(out, report)?;
            }
            // Dropping the sender ends the workers; the scope joins them.
        }
        Ok(())
    }

    fn send(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        let batch = std::mem::take(&mut self.current);
        let threads = self.threads;
        let (sanitizer, scope) = (self.sanitizer, self.scope);
        let pool = self
            .pool
            .get_or_insert_with(|| Pool::start(sanitizer, threads, scope));
        // Keep at most two batches per worker in flight.
        while pool.sent - pool.written >= 2 * threads as u64 {
            pool.receive(out, report)?;
        }
        if pool.to_workers.send((pool.sent, batch)).is_err() {
            return Err(Error::Write(std::io::Error::other(
                "a scrub worker stopped",
            )));
        }
        pool.sent += 1;
        Ok(())
    }
}

impl Pool {
    /// Starts `threads` workers over `sanitizer` in `scope`.
    fn start<'scope, 'env>(
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
            to_workers,
            from_workers,
            sent: 0,
            written: 0,
            waiting: BTreeMap::new(),
        }
    }

    /// Waits for one batch and writes every batch that is next in order.
    fn receive(&mut self, out: &mut dyn Write, report: &mut Report) -> Result<(), Error> {
        let Ok((index, done)) = self.from_workers.recv() else {
            return Err(Error::Write(std::io::Error::other(
                "a scrub worker stopped",
            )));
        };
        self.waiting.insert(index, done?);
        while let Some((lines, batch_report)) = self.waiting.remove(&self.written) {
            out.write_all(&lines)?;
            report.merge(&batch_report);
            self.written += 1;
        }
        Ok(())
    }
}

/// A worker: scrubs and encodes batches until the sender is dropped.
fn work(sanitizer: &Sanitizer, inbox: &Mutex<Receiver<Batch>>, outbox: &SyncSender<Done>) {
    loop {
        let next = match inbox.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((index, batch)) = next else {
            return;
        };
        let mut report = Report::default();
        let mut lines = Vec::with_capacity(batch.len() * 256);
        let mut result = Ok(());
        for mut event in batch {
            sanitizer.scrub_event(&mut event, &mut report);
            if let Err(e) = encode_line(&mut lines, &event) {
                result = Err(Error::from(e));
                break;
            }
        }
        if outbox
            .send((index, result.map(|()| (lines, report))))
            .is_err()
        {
            return;
        }
    }
}
