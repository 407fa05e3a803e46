//! The file sink: lines encoded on the calling thread, written by a
//! background thread through a bounded queue.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::RecordError;
use crate::sink::{Delivery, LineKind, Sink};

/// The default of [`FileSinkBuilder::flush_interval`].
const DEFAULT_FLUSH_INTERVAL: Duration = Duration::from_millis(100);
/// The default of [`FileSinkBuilder::queue_capacity`].
const DEFAULT_QUEUE_CAPACITY: usize = 8192;
/// The default of [`FileSinkBuilder::queue_bytes`]: 32 MiB.
const DEFAULT_QUEUE_BYTES: usize = 32 << 20;
/// The writer thread is woken early once this many bytes are waiting (or
/// half the queue's lines, 4,096 by default, whichever comes first).
/// The writer thread writes far faster than a component records, so it
/// sleeps between batches and each batch costs a wake-up: a `futex` call,
/// an inter-processor interrupt on a VM, two context switches. Larger
/// batches mean fewer of them: process CPU per call of
/// `examples/record_cpu.rs` (6M calls) was 700 ns at 64 KiB, 570 ns at
/// 256 KiB. After the recorder's own cost fell, 256 KiB against 1 MiB
/// (2M calls, the 180-byte message, so 4,096-line batches of about 680 KB),
/// medians of 9 to 13 alternate runs, three times: 445 → 414, 450 → 410,
/// 432 → 412 ns, with half the voluntary context switches (2,500 → 980).
/// An earlier look at the record bench with 1 MiB batches found the
/// kernel's copy out of them dearer, but within that machine's noise (the
/// copy into the page cache alone moves 4x between identical runs).
const BATCH_BYTES: usize = 1024 * 1024;
/// Each of the queue's two buffers keeps up to this much capacity between
/// batches.
const KEPT_BATCH_BYTES: usize = 2 * BATCH_BYTES;

/// What a [`FileSink`] does with an event when its queue is full.
///
/// ```
/// use reprise::recorder::Overflow;
/// assert_eq!(Overflow::default(), Overflow::Block);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Overflow {
    /// The recording thread waits until the writer thread has made room.
    /// Nothing is lost; the component slows down to the disk's pace.
    #[default]
    Block,
    /// The event is dropped and counted; the count is written in the `end`
    /// line's `dropped` and returned in the [`Summary`](crate::Summary). The
    /// component never waits for the disk. The dropped event's `seq` is left
    /// as a gap, so a reader sees where events are missing.
    DropAndCount,
    /// The recording thread waits for room up to this long, then the event
    /// is dropped and counted as with [`Overflow::DropAndCount`]: a slow
    /// disk slows the component by at most this much per event.
    ///
    /// ```
    /// use std::time::Duration;
    /// use reprise::recorder::{FileSink, Overflow};
    /// # let dir = tempfile::tempdir()?;
    /// let sink = FileSink::builder(dir.path().join("t.jsonl"))
    ///     .overflow(Overflow::BlockUpTo(Duration::from_millis(5)))
    ///     .open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    BlockUpTo(Duration),
}

/// What a line written by a [`FileSink`] survives once the sink counts it
/// as written (after each batch, and when [`Recorder::flush`](crate::Recorder::flush)
/// returns).
///
/// ```
/// use reprise::recorder::{Durability, FileSink};
/// # let dir = tempfile::tempdir()?;
/// let sink = FileSink::builder(dir.path().join("t.jsonl"))
///     .durability(Durability::Disk)
///     .open()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Durability {
    /// Each batch is handed to the operating system (`write`, then
    /// `flush`): it survives a crash or a kill of the process, not a power
    /// loss or a kernel crash, which may lose the last few seconds the OS
    /// had not yet written back. A cut-short transcript still reads up to
    /// its cut.
    #[default]
    Os,
    /// Each batch is also synced to the disk (`fsync` of the data) before
    /// it counts as written, and the file's directory entry when it is
    /// created: what was written survives a power loss. Costs a disk sync
    /// per batch (at most one per flush interval, or per 1 MiB under load).
    /// Applies to a file the builder opens ([`FileSinkBuilder::open`]).
    Disk,
}

/// Configures and opens a [`FileSink`]. Made by [`FileSink::builder`].
///
/// ```
/// use std::time::Duration;
/// use reprise::recorder::{FileSink, Overflow};
/// let dir = tempfile::tempdir()?;
/// let sink = FileSink::builder(dir.path().join("node.jsonl"))
///     .flush_interval(Duration::from_millis(50))
///     .queue_capacity(1024)
///     .overflow(Overflow::DropAndCount)
///     .open()?;
/// assert_eq!(sink.path(), dir.path().join("node.jsonl"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `.open()`"]
pub struct FileSinkBuilder {
    path: PathBuf,
    flush_interval: Duration,
    queue_capacity: usize,
    queue_bytes: usize,
    overflow: Overflow,
    durability: Durability,
}

impl FileSinkBuilder {
    /// How long a recorded line may wait before the writer thread hands it to
    /// the operating system (so it survives the process being killed).
    /// Default: 100 ms. A zero interval is treated as 1 ms.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let sink = reprise::recorder::FileSink::builder(dir.path().join("t.jsonl"))
    ///     .flush_interval(std::time::Duration::from_millis(10))
    ///     .open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn flush_interval(mut self, interval: Duration) -> Self {
        self.flush_interval = interval.max(Duration::from_millis(1));
        self
    }

    /// How many bytes of lines may wait for the writer thread (queued, and
    /// taken but not yet written) before the queue is full and the
    /// [`Overflow`] policy applies, whichever of this and
    /// [`queue_capacity`](FileSinkBuilder::queue_capacity) comes first. An
    /// empty queue takes any one line, however long. This bounds the
    /// sink's memory: 128 KiB events into a slow disk hold at most this
    /// much, not `queue_capacity` × 128 KiB. Default: 32 MiB.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let sink = reprise::recorder::FileSink::builder(dir.path().join("t.jsonl"))
    ///     .queue_bytes(4 << 20)
    ///     .open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn queue_bytes(mut self, bytes: usize) -> Self {
        self.queue_bytes = bytes.max(1);
        self
    }

    /// How many lines may wait for the writer thread before the queue is full
    /// and the [`Overflow`] policy applies. Default: 8192. Zero is treated as 1.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let sink = reprise::recorder::FileSink::builder(dir.path().join("t.jsonl"))
    ///     .queue_capacity(64 * 1024)
    ///     .open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn queue_capacity(mut self, lines: usize) -> Self {
        self.queue_capacity = lines.max(1);
        self
    }

    /// What happens to an event when the queue is full. Default:
    /// [`Overflow::Block`]. The header and `end` lines are never dropped.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// use reprise::recorder::{FileSink, Overflow};
    /// let sink = FileSink::builder(dir.path().join("t.jsonl"))
    ///     .overflow(Overflow::DropAndCount)
    ///     .open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn overflow(mut self, policy: Overflow) -> Self {
        self.overflow = policy;
        self
    }

    /// Creates (or truncates) the file and starts the writer thread.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let sink = reprise::recorder::FileSink::builder(dir.path().join("t.jsonl")).open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(self) -> Result<FileSink, RecordError> {
        let create_err = |source| RecordError::CreateFile {
            path: self.path.clone(),
            source,
        };
        let file = File::create(&self.path).map_err(create_err)?;
        if self.durability == Durability::Disk {
            file.sync_all().map_err(create_err)?;
            // The new directory entry, so the file itself survives a power loss.
            let dir = match self.path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            if let Ok(dir) = File::open(dir) {
                // Not every platform syncs a directory; the data sync stands.
                let _ = dir.sync_all();
            }
            return self.start(file, |f: &mut File| f.sync_data());
        }
        self.open_writer(file)
    }

    /// How much a written line survives: see [`Durability`]. Default:
    /// [`Durability::Os`].
    pub fn durability(mut self, durability: Durability) -> Self {
        self.durability = durability;
        self
    }

    /// Starts the writer thread over `out` instead of a file this builder
    /// creates: an already-open file, a socket, a pipe. The builder's path
    /// then only names the destination in errors. `out` receives large
    /// writes, so it needs no buffering of its own; it is flushed after each.
    ///
    /// ```
    /// use reprise::recorder::{FileSink, Recorder};
    /// let dir = tempfile::tempdir()?;
    /// let file = std::fs::File::create(dir.path().join("t.jsonl"))?;
    /// let sink = FileSink::builder("t.jsonl").open_writer(file)?;
    /// Recorder::builder("demo").sink(sink).start(&())?.finish()?;
    /// assert_eq!(std::fs::read_to_string(dir.path().join("t.jsonl"))?.lines().count(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_writer(self, out: impl Write + Send + 'static) -> Result<FileSink, RecordError> {
        self.start(out, |_| Ok(()))
    }

    /// Starts the writer thread over `out`, syncing each batch with `sync`.
    fn start<W: Write + Send + 'static>(
        self,
        out: W,
        sync: fn(&mut W) -> io::Result<()>,
    ) -> Result<FileSink, RecordError> {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            progress: Condvar::new(),
            capacity: self.queue_capacity,
            max_bytes: self.queue_bytes,
        });
        let thread_shared = Arc::clone(&shared);
        let interval = self.flush_interval;
        let writer = std::thread::Builder::new()
            .name("reprise-writer".into())
            .spawn(move || write_loop(&thread_shared, out, interval, sync))
            .map_err(|source| RecordError::SpawnWriter {
                path: self.path.clone(),
                source,
            })?;
        Ok(FileSink {
            path: self.path,
            shared,
            writer: Some(writer),
            overflow: self.overflow,
        })
    }
}

/// Writes a transcript to a file: the lines are encoded on the recording
/// threads, queued, and written by a background thread.
///
/// - **Flushed to the OS** every [`flush_interval`](FileSinkBuilder::flush_interval),
///   on [`Recorder::flush`](crate::Recorder::flush) and on finish, so a
///   process that is killed loses at most the last interval's events.
/// - **Bounded queue**, in lines and in bytes (8192 lines, 32 MiB by
///   default), with an explicit [`Overflow`] policy: block (default), drop
///   and count, or block up to a bound then drop and count. Never silent
///   loss.
/// - **Few wake-ups**: a recording thread only appends its line to the
///   queue. It wakes the writer thread only when that thread sleeps and a
///   batch is ready (1 MiB, or half the queue's bounds); otherwise the
///   writer thread takes the whole queue when it next looks (after its
///   current write, or at the flush interval), in one `write`. A flush or
///   the finish wakes it at once.
/// - **I/O errors** on the writer thread are kept and returned by
///   [`Recorder::flush`](crate::Recorder::flush) and
///   [`Recorder::finish`](crate::Recorder::finish); the component is not
///   disturbed.
///
/// ```
/// use reprise::recorder::{FileSink, Recorder};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("node.jsonl");
/// let recorder = Recorder::builder("kv-node").sink(FileSink::builder(&path).open()?).start(&())?;
/// recorder.probe("queue.depth", &serde_json::json!({"len": 3}));
/// recorder.finish()?;
/// let text = std::fs::read_to_string(&path)?;
/// assert!(text.contains(r#""name":"queue.depth""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct FileSink {
    path: PathBuf,
    shared: Arc<Shared>,
    writer: Option<JoinHandle<()>>,
    overflow: Overflow,
}

#[derive(Debug)]
struct Shared {
    queue: Mutex<Queue>,
    /// Wakes the writer thread: a batch is ready, a flush is wanted, or closing.
    work: Condvar,
    /// Wakes recording threads: the writer thread wrote a batch.
    progress: Condvar,
    capacity: usize,
    /// The most bytes that may wait (queued and in flight).
    max_bytes: usize,
}

#[derive(Debug, Default)]
struct Queue {
    /// Lines waiting for the writer thread.
    buf: Vec<u8>,
    /// How many lines `buf` holds.
    buf_lines: usize,
    /// Lines the writer thread has taken and not yet written, and their bytes.
    in_flight: usize,
    in_flight_bytes: usize,
    /// Lines accepted since the start.
    accepted: u64,
    /// Lines the writer thread has dealt with (written, or lost to an error).
    written: u64,
    /// The writer thread should write everything up to this count now.
    flush_to: u64,
    /// The writer thread is waiting for work.
    writer_idle: bool,
    /// Recording threads waiting for the writer thread's progress (a full
    /// queue, a flush).
    waiting: usize,
    /// The writer thread has exited (closed, or its `Write` impl panicked).
    writer_gone: bool,
    closing: bool,
    /// The first I/O error; later batches are discarded.
    error: Option<io::Error>,
}

impl Queue {
    fn queued(&self) -> usize {
        self.buf_lines + self.in_flight
    }

    fn queued_bytes(&self) -> usize {
        self.buf.len() + self.in_flight_bytes
    }

    /// Whether a line of `len` bytes must wait: the queue holds its most
    /// lines, or the line would take it past its most bytes (an empty queue
    /// takes any one line, however long).
    fn full(&self, shared: &Shared, len: usize) -> bool {
        self.queued() >= shared.capacity
            || (self.queued() > 0 && self.queued_bytes().saturating_add(len) > shared.max_bytes)
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for the writer thread's progress, counted in `waiting` so
    /// that the writer thread signals it only when someone waits.
    fn wait_progress<'a>(&self, mut guard: MutexGuard<'a, Queue>) -> MutexGuard<'a, Queue> {
        guard.waiting += 1;
        let mut guard = self
            .progress
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner);
        guard.waiting -= 1;
        guard
    }

    /// Whether the writer thread should write now rather than at the interval.
    fn urgent(&self, q: &Queue) -> bool {
        q.closing
            || q.flush_to > q.written
            || q.buf.len() >= BATCH_BYTES
            || q.queued() >= self.capacity.div_ceil(2)
            || q.queued_bytes() >= self.max_bytes.div_ceil(2)
    }
}

impl FileSink {
    /// Starts configuring a sink writing to `path`.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let sink = reprise::recorder::FileSink::builder(dir.path().join("t.jsonl")).open()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(path: impl AsRef<Path>) -> FileSinkBuilder {
        FileSinkBuilder {
            path: path.as_ref().to_path_buf(),
            flush_interval: DEFAULT_FLUSH_INTERVAL,
            queue_capacity: DEFAULT_QUEUE_CAPACITY,
            queue_bytes: DEFAULT_QUEUE_BYTES,
            overflow: Overflow::default(),
            durability: Durability::default(),
        }
    }

    /// The file written (or the name given to the destination).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("t.jsonl");
    /// let sink = reprise::recorder::FileSink::builder(&path).open()?;
    /// assert_eq!(sink.path(), path);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, q: &Queue) -> Result<(), RecordError> {
        match &q.error {
            Some(e) => Err(RecordError::Write {
                path: self.path.clone(),
                source: io::Error::new(e.kind(), e.to_string()),
            }),
            None if q.writer_gone && !q.closing => Err(RecordError::WriterPanicked {
                path: self.path.clone(),
            }),
            None => Ok(()),
        }
    }
}

impl Sink for FileSink {
    fn write(&mut self, kind: LineKind, line: &[u8]) -> Result<Delivery, RecordError> {
        self.write_parts(kind, &[line])
    }

    /// Copies the line's parts straight into the queue.
    fn write_parts(&mut self, kind: LineKind, parts: &[&[u8]]) -> Result<Delivery, RecordError> {
        let len = super::joined_len(parts);
        let shared = &*self.shared;
        let mut q = shared.lock();
        if q.full(shared, len) {
            let wait = match self.overflow {
                _ if !kind.may_drop() => None,
                Overflow::Block => None,
                Overflow::DropAndCount => Some(Duration::ZERO),
                Overflow::BlockUpTo(limit) => Some(limit),
            };
            let deadline = wait.map(|w| Instant::now() + w);
            while q.full(shared, len) && !q.writer_gone {
                q.writer_idle = false;
                shared.work.notify_one();
                match deadline {
                    None => q = shared.wait_progress(q),
                    Some(deadline) => {
                        let now = Instant::now();
                        if now >= deadline {
                            return Ok(Delivery::Dropped);
                        }
                        q.waiting += 1;
                        q = shared
                            .progress
                            .wait_timeout(q, deadline - now)
                            .unwrap_or_else(PoisonError::into_inner)
                            .0;
                        q.waiting -= 1;
                    }
                }
            }
        }
        if q.writer_gone {
            // Nothing will ever write it: say so rather than queue forever.
            return Err(match self.error(&q) {
                Err(e) => e,
                Ok(()) => RecordError::WriterPanicked {
                    path: self.path.clone(),
                },
            });
        }
        // The line is copied straight into the queue, once.
        let buf = &mut q.buf;
        buf.reserve(len);
        for part in parts {
            buf.extend_from_slice(part);
        }
        q.buf_lines += 1;
        q.accepted += 1;
        // The writer thread is woken only when it sleeps and a batch is
        // ready; otherwise it finds the lines at its next look (after its
        // current batch, or at the interval). It is woken after the lock is
        // released, so that it does not wake only to wait for the lock.
        let wake = q.writer_idle && shared.urgent(&q);
        if wake {
            q.writer_idle = false;
        }
        drop(q);
        if wake {
            shared.work.notify_one();
        }
        Ok(Delivery::Accepted)
    }

    /// Blocks until every line accepted so far has been written to the OS,
    /// and returns the writer thread's first I/O error, if any.
    fn flush(&mut self) -> Result<(), RecordError> {
        let shared = &*self.shared;
        let mut q = shared.lock();
        let target = q.accepted;
        q.flush_to = q.flush_to.max(target);
        q.writer_idle = false;
        drop(q);
        shared.work.notify_one();
        let mut q = shared.lock();
        while q.written < target && !q.writer_gone {
            q = shared.wait_progress(q);
        }
        self.error(&q)
    }

    /// Writes what is queued, stops the writer thread and returns its first
    /// I/O error, if any.
    fn close(&mut self) -> Result<(), RecordError> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        {
            let mut q = self.shared.lock();
            q.closing = true;
            self.shared.work.notify_one();
        }
        let panicked = writer.join().is_err();
        let mut q = self.shared.lock();
        if let Some(source) = q.error.take() {
            return Err(RecordError::Write {
                path: self.path.clone(),
                source,
            });
        }
        if panicked {
            return Err(RecordError::WriterPanicked {
                path: self.path.clone(),
            });
        }
        Ok(())
    }
}

impl Drop for FileSink {
    fn drop(&mut self) {
        // Best effort: a sink dropped without the recorder's finish (a failed
        // start) still writes what it was given.
        let _ = self.close();
    }
}

/// Marks the writer thread gone when it exits, even by a panic, so that no
/// recording thread waits for it forever.
struct GoneOnExit<'a>(&'a Shared);

impl Drop for GoneOnExit<'_> {
    fn drop(&mut self) {
        let mut q = self.0.lock();
        q.writer_gone = true;
        self.0.progress.notify_all();
    }
}

/// The writer thread: takes the whole queue at once (double buffering), writes
/// it with one call, and repeats at the interval or when woken.
fn write_loop<W: Write>(
    shared: &Shared,
    mut out: W,
    interval: Duration,
    sync: fn(&mut W) -> io::Result<()>,
) {
    let _gone = GoneOnExit(shared);
    let mut batch: Vec<u8> = Vec::new();
    loop {
        let mut q = shared.lock();
        let deadline = Instant::now() + interval;
        while !shared.urgent(&q) {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            q.writer_idle = true;
            q = shared
                .work
                .wait_timeout(q, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            q.writer_idle = false;
        }
        std::mem::swap(&mut q.buf, &mut batch);
        let lines = std::mem::take(&mut q.buf_lines);
        q.in_flight = lines;
        q.in_flight_bytes = batch.len();
        let closing = q.closing;
        let failed = q.error.is_some();
        drop(q);

        let result = if batch.is_empty() || failed {
            Ok(())
        } else {
            out.write_all(&batch)
                .and_then(|()| out.flush())
                .and_then(|()| sync(&mut out))
        };
        batch.clear();
        // The two buffers keep their capacity from batch to batch (growing
        // one again costs a reallocation and fresh pages), up to a bound;
        // one grown past it by a burst gives the memory back.
        if batch.capacity() > KEPT_BATCH_BYTES {
            batch.shrink_to(KEPT_BATCH_BYTES);
        }

        let mut q = shared.lock();
        if let Err(e) = result {
            q.error.get_or_insert(e);
        }
        q.in_flight = 0;
        q.in_flight_bytes = 0;
        q.written += lines as u64;
        // A signal is a system call: made only when someone waits for it,
        // after the lock is released.
        let waiting = q.waiting > 0;
        let done = closing && q.buf_lines == 0;
        drop(q);
        if waiting {
            shared.progress.notify_all();
        }
        if done {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A destination that fails every write after the first `ok` bytes.
    struct FailAfter {
        ok: usize,
    }

    impl Write for FailAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.ok == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            let n = buf.len().min(self.ok);
            self.ok -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_io_error_is_kept_and_named() {
        let mut sink = FileSink::builder("/data/node.jsonl")
            .open_writer(FailAfter { ok: 4 })
            .expect("sink");
        for _ in 0..3 {
            let delivery = sink.write(LineKind::Event, b"{\"kind\":\"x\"}\n");
            assert_eq!(delivery.expect("write"), Delivery::Accepted);
        }
        let err = sink.flush().expect_err("flush reports the error");
        assert_eq!(
            err.to_string(),
            "cannot write transcript `/data/node.jsonl`: disk full"
        );
        // Reported again on flush, and by close, and recording does not hang.
        assert!(sink.write(LineKind::Event, b"{}\n").is_ok());
        assert!(sink.flush().is_err());
        let err = sink.close().expect_err("close reports the error");
        assert!(
            matches!(err, RecordError::Write { ref source, .. } if source.kind() == io::ErrorKind::StorageFull)
        );
    }

    #[test]
    fn flush_writes_everything_accepted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        let mut sink = FileSink::builder(&path)
            .flush_interval(Duration::from_secs(3600))
            .open()
            .expect("sink");
        sink.write(LineKind::Header, b"a\n").expect("write");
        sink.write(LineKind::Event, b"b\n").expect("write");
        sink.flush().expect("flush");
        assert_eq!(std::fs::read(&path).expect("read"), b"a\nb\n");
        sink.close().expect("close");
    }

    #[test]
    fn the_interval_flushes_without_being_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        let mut sink = FileSink::builder(&path)
            .flush_interval(Duration::from_millis(5))
            .open()
            .expect("sink");
        sink.write(LineKind::Event, b"x\n").expect("write");
        let start = Instant::now();
        while std::fs::read(&path).expect("read").is_empty() {
            assert!(start.elapsed() < Duration::from_secs(10), "never flushed");
            std::thread::sleep(Duration::from_millis(2));
        }
        drop(sink);
        assert_eq!(std::fs::read(&path).expect("read"), b"x\n");
    }

    #[test]
    fn a_full_queue_blocks_by_default_and_loses_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        let mut sink = FileSink::builder(&path)
            .queue_capacity(2)
            .open()
            .expect("sink");
        for i in 0..1000 {
            let line = format!("{i}\n");
            assert_eq!(
                sink.write(LineKind::Event, line.as_bytes()).expect("write"),
                Delivery::Accepted
            );
        }
        sink.close().expect("close");
        let text = std::fs::read_to_string(&path).expect("read");
        let numbers: Vec<usize> = text.lines().map(|l| l.parse().expect("number")).collect();
        assert_eq!(numbers, (0..1000).collect::<Vec<_>>());
    }

    /// A destination that takes nothing until the gate opens.
    struct Gated(Arc<(Mutex<bool>, Condvar)>);

    impl Write for Gated {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let (open, cv) = &*self.0;
            let mut open = open.lock().unwrap_or_else(PoisonError::into_inner);
            while !*open {
                open = cv.wait(open).unwrap_or_else(PoisonError::into_inner);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn open_gate(gate: &Arc<(Mutex<bool>, Condvar)>) {
        *gate.0.lock().unwrap_or_else(PoisonError::into_inner) = true;
        gate.1.notify_all();
    }

    /// Issue 15: with 128 KiB events into a slow sink, a queue bounded in
    /// lines held 532 MB. Bounded in bytes, it holds about its bound.
    #[test]
    fn regression_the_queue_is_bounded_in_bytes_not_only_in_lines() {
        let gate = Arc::new((Mutex::new(false), Condvar::new()));
        let mut sink = FileSink::builder("big.jsonl")
            .queue_bytes(1 << 20)
            .overflow(Overflow::DropAndCount)
            .open_writer(Gated(gate.clone()))
            .expect("sink");
        let line = vec![b'x'; 128 << 10];
        let accepted = (0..100)
            .filter(|_| sink.write(LineKind::Event, &line).expect("write") == Delivery::Accepted)
            .count();
        // 8 lines fill 1 MiB; the writer may have taken one batch meanwhile.
        assert!(
            (8..=17).contains(&accepted),
            "{accepted} lines of 128 KiB accepted"
        );
        open_gate(&gate);
        sink.close().expect("close");
    }

    /// Issue 15: a producer blocked on a full queue waited as long as the
    /// disk took. With `BlockUpTo` it waits at most that long, then drops.
    #[test]
    fn regression_a_blocked_producer_gives_up_after_its_bound() {
        let gate = Arc::new((Mutex::new(false), Condvar::new()));
        let mut sink = FileSink::builder("slow.jsonl")
            .queue_capacity(1)
            .overflow(Overflow::BlockUpTo(Duration::from_millis(20)))
            .open_writer(Gated(gate.clone()))
            .expect("sink");
        let mut results = Vec::new();
        for _ in 0..4 {
            results.push(sink.write(LineKind::Event, b"1\n").expect("write"));
        }
        assert_eq!(results[0], Delivery::Accepted);
        assert!(results.contains(&Delivery::Dropped), "{results:?}");
        // The header and end lines are never dropped: they wait.
        open_gate(&gate);
        assert_eq!(
            sink.write(LineKind::Header, b"h\n").expect("write"),
            Delivery::Accepted
        );
        sink.close().expect("close");
    }

    #[test]
    fn a_panicking_destination_is_reported_not_waited_for() {
        struct Panics;
        impl Write for Panics {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                panic!("destination panicked")
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut sink = FileSink::builder("p.jsonl")
            .queue_capacity(1)
            .open_writer(Panics)
            .expect("sink");
        sink.write(LineKind::Event, b"1\n")
            .expect("first write is queued");
        // The queue is full until the writer thread takes the line and dies.
        let second = sink.write(LineKind::Event, b"2\n");
        assert!(
            matches!(second, Err(RecordError::WriterPanicked { .. })),
            "{second:?}"
        );
        assert!(matches!(
            sink.close(),
            Err(RecordError::WriterPanicked { .. })
        ));
    }
}
