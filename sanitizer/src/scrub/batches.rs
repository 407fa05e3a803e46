//! Scrubbing a transcript's events in batches of lines, written in order;
//! the same pipeline serves `verify`, with a job of its own.
//!
//! The calling thread only reads lines: it gathers their bytes undecoded
//! into batches ([`Lines`]). Each batch is decoded ([`decode_line`], the
//! decoding iteration uses, into [`Node`]s that borrow the batch's bytes),
//! its events scrubbed and encoded (into a report of its own), and what the
//! transcript's checks across lines need (seq, `end` line, why a line could
//! not be decoded) handed back line by line. Batches come back to the
//! calling thread in the order they were read, where the reader checks each
//! line as iteration would
//! ([`Reader::check`](reprise_transcript::Reader::check)) and only the
//! lines it keeps are written.
//!
//! On one thread ([`Pool::here`]) the calling thread makes what the job
//! makes of each batch as soon as it is gathered; on more
//! ([`Pool::start`]) worker threads do, while the calling thread goes on
//! reading. At most two batches per worker are in flight, so memory does
//! not grow with the transcript, and decoding, the larger part of reading,
//! is shared by every core. Either way the output is the same, byte for
//! byte.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use reprise_transcript::{Decoded, Event, LineAt, ReadError, decode_line, encode_line};

use super::Sanitizer;
use super::node::Node;
use crate::error::Error;
use crate::report::Report;

/// Events per batch.
const BATCH: usize = 512;

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

    /// Decodes each line ([`decode_line`], as iteration decodes it) and
    /// hands `f` each event: for each line, in order, what the checks
    /// across lines need (or why it could not be read) and what `f` made
    /// of its event, if it is one.
    pub(crate) fn decode_each<X>(
        &mut self,
        mut f: impl FnMut(Event<Node<'_>>) -> Result<X, Error>,
    ) -> Result<Vec<Checkable<X>>, Error> {
        self.decode_all()
            .into_iter()
            .map(|(line, event)| Ok((line, event.map(&mut f).transpose()?)))
            .collect()
    }

    /// Decodes every line ([`decode_line`], as iteration decodes it), in
    /// order: what the checks across lines need of each (or why it could
    /// not be read), and its event, if it is one. Decoding a batch whole
    /// before anything else is done with it keeps the decoder's code and
    /// tables warm, as scrubbing then encoding them all does theirs.
    pub(crate) fn decode_all(&mut self) -> Vec<Checkable<Event<Node<'_>>>> {
        let mut errors = std::mem::take(&mut self.errors).into_iter();
        let mut out = Vec::with_capacity(self.ends.len());
        for item in self.iter() {
            out.push(match item {
                Some((at, bytes)) => {
                    let (event, decoded) = decode_line::<Node>(bytes);
                    (Ok((at, decoded)), event)
                }
                None => (Err(errors.next().unwrap_or(ReadError::Empty)), None),
            });
        }
        out
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

/// A line as the reader's checks across lines take it (or why it could
/// not be read), with what was made of its event.
pub(crate) type Checkable<X> = (Result<(LineAt, Decoded), ReadError>, Option<X>);

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
type Done<T> = (u64, Result<T, Error>);

/// Lines on their way to what makes a `T` of each batch: worker threads,
/// which live in a scope, or the calling thread itself.
pub(crate) struct Pool<'j, T> {
    threads: usize,
    /// With no worker, what the calling thread makes of each batch.
    here: Option<&'j Job<'j, T>>,
    current: Lines,
    to_workers: SyncSender<Batch>,
    from_workers: Receiver<Done<T>>,
    sent: u64,
    written: u64,
    waiting: BTreeMap<u64, T>,
}

/// Takes what the workers made of each batch, in input order.
pub(crate) type Take<'a, T> = dyn FnMut(T) -> Result<(), Error> + 'a;

/// What is made of each batch.
pub(crate) type Job<'j, T> = dyn Fn(Lines) -> Result<T, Error> + Sync + 'j;

impl<'j, T: Send> Pool<'j, T> {
    /// A pool without workers: the calling thread makes what `job` makes of
    /// each batch once it is gathered.
    pub(crate) fn here(job: &'j Job<'j, T>) -> Pool<'j, T> {
        // Channels to no one: a batch never leaves the calling thread.
        let (to_workers, _) = sync_channel::<Batch>(0);
        let (_, from_workers) = sync_channel::<Done<T>>(0);
        Pool::with(0, Some(job), to_workers, from_workers)
    }

    /// A pool with nothing gathered, sent or waiting yet.
    fn with(
        threads: usize,
        here: Option<&'j Job<'j, T>>,
        to_workers: SyncSender<Batch>,
        from_workers: Receiver<Done<T>>,
    ) -> Pool<'j, T> {
        Pool {
            threads,
            here,
            current: Lines::with_capacity(BATCH),
            to_workers,
            from_workers,
            sent: 0,
            written: 0,
            waiting: BTreeMap::new(),
        }
    }

    /// Starts `threads` workers in `scope`, each making what `job` makes of
    /// the batches it takes.
    pub(crate) fn start<'scope, 'env, F>(
        threads: usize,
        scope: &'scope Scope<'scope, 'env>,
        job: &'env F,
    ) -> Pool<'j, T>
    where
        F: Fn(Lines) -> Result<T, Error> + Sync,
        T: 'scope,
    {
        let (to_workers, inbox) = sync_channel::<Batch>(2 * threads);
        let (outbox, from_workers) = sync_channel::<Done<T>>(2 * threads);
        let inbox = Arc::new(Mutex::new(inbox));
        for _ in 0..threads {
            let inbox = Arc::clone(&inbox);
            let outbox = outbox.clone();
            scope.spawn(move || work(job, &inbox, &outbox));
        }
        Pool::with(threads, None, to_workers, from_workers)
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
    pub(crate) fn send_if_full(&mut self, take: &mut Take<'_, T>) -> Result<(), Error> {
        if self.current.ends.len() >= BATCH {
            self.send(take)?;
        }
        Ok(())
    }

    /// Sends what is gathered and hands `take` every batch, in order.
    /// Dropping the pool ends the workers; the scope joins them.
    pub(crate) fn finish(&mut self, take: &mut Take<'_, T>) -> Result<(), Error> {
        if !self.current.ends.is_empty() {
            self.send(take)?;
        }
        while self.written < self.sent {
            self.receive(take)?;
        }
        Ok(())
    }

    fn send(&mut self, take: &mut Take<'_, T>) -> Result<(), Error> {
        let batch = std::mem::replace(&mut self.current, Lines::with_capacity(BATCH));
        if let Some(job) = self.here {
            return take(job(batch)?);
        }
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
    fn receive(&mut self, take: &mut Take<'_, T>) -> Result<(), Error> {
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
    Error::Write(std::io::Error::other("a worker thread stopped"))
}

/// A worker: makes what `job` makes of batches until the sender is dropped.
fn work<T, F: Fn(Lines) -> Result<T, Error>>(
    job: &F,
    inbox: &Mutex<Receiver<Batch>>,
    outbox: &SyncSender<Done<T>>,
) {
    loop {
        let next = match inbox.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((index, batch)) = next else {
            return;
        };
        if outbox.send((index, job(batch))).is_err() {
            return;
        }
    }
}

/// Takes what the workers made of each batch, in input order, with the
/// reader to check its lines.
pub(crate) type InOrder<'a, R, T> =
    dyn FnMut(&mut reprise_transcript::Reader<R>, T) -> Result<(), Error> + 'a;

/// Reads the lines of `reader` into `pool`, handing `take` what the workers
/// made of them, in order; then tells the reader the lines are over. An
/// I/O error ends reading with that error.
pub(crate) fn run<R: std::io::BufRead, T: Send>(
    pool: &mut Pool<'_, T>,
    reader: &mut reprise_transcript::Reader<R>,
    take: &mut InOrder<'_, R, T>,
) -> Result<(), Error> {
    while let Some(read) = reader.next_line() {
        match read {
            Ok(at) => pool.add(at, reader.line_bytes()),
            // Input that cannot be read at all ends the run: what follows
            // would silently be missed.
            Err(err @ ReadError::Io { .. }) => return Err(err.into()),
            Err(err) => pool.add_unreadable(err),
        }
        pool.send_if_full(&mut |done| take(reader, done))?;
    }
    pool.finish(&mut |done| take(reader, done))?;
    reader.end_of_lines();
    Ok(())
}

/// Decodes, scrubs and encodes the lines of `batch`.
pub(crate) fn scrub_batch(sanitizer: &Sanitizer, mut batch: Lines) -> Result<Scrubbed, Error> {
    let mut lines = Vec::with_capacity(batch.bytes.len() + batch.bytes.len() / 8);
    let mut report = Report::default();
    // Each phase over the whole batch in turn (decode, scrub, encode):
    // their code is too large to stay in the instruction cache together.
    let mut decoded = batch.decode_all();
    for event in decoded.iter_mut().filter_map(|(_, event)| event.as_mut()) {
        sanitizer.scrub_node_event(event, &mut report);
    }
    let mut entries = Vec::with_capacity(decoded.len());
    for (line, event) in decoded {
        if let Some(event) = event {
            encode_line(&mut lines, &event)?;
        }
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
            && let (Some(mut event), _) = decode_line::<Node>(bytes)
        {
            sanitizer.scrub_node_event(&mut event, report);
        }
    }
}
