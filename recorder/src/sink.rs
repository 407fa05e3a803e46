//! Where encoded lines go: the [`Sink`] trait and the two sinks shipped.

mod file;
mod memory;

pub use file::{Durability, FileSink, FileSinkBuilder, Overflow};
pub use memory::MemorySink;

use std::cell::Cell;

use crate::RecordError;

thread_local! {
    /// The buffer [`Sink::write_parts`] joins a line in, by default.
    static JOINED: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A thread keeps its joining buffer up to this size between lines.
const MAX_KEPT_JOINED: usize = 1 << 20;

/// The length of the line made of `parts`.
///
/// Summed one part at a time on purpose: the parts were stored just
/// before, a word at a time, and the vectorised sum the compiler makes of
/// `map(len).sum()` loads them two words at a time, which the CPU cannot
/// forward from those stores (it took a quarter of the file sink's time).
pub(crate) fn joined_len(parts: &[&[u8]]) -> usize {
    parts
        .iter()
        .try_fold(0usize, |len, part| len.checked_add(part.len()))
        .unwrap_or(usize::MAX)
}

/// Which line of a transcript a [`Sink`] is given.
///
/// ```
/// use reprise::recorder::LineKind;
/// assert!(LineKind::Event.may_drop());
/// assert!(!LineKind::End.may_drop());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineKind {
    /// The header, the first line. Must not be dropped.
    Header,
    /// An event line (`state`, `call`, `return`, `probe`). May be dropped under
    /// an overflow policy, if the sink says so by returning [`Delivery::Dropped`].
    Event,
    /// The closing `end` line. Must not be dropped.
    End,
}

impl LineKind {
    /// Whether a sink may drop a line of this kind under its overflow policy.
    pub fn may_drop(self) -> bool {
        self == LineKind::Event
    }
}

/// What a [`Sink`] did with a line.
///
/// ```
/// use reprise::recorder::{Delivery, LineKind, MemorySink, Sink};
/// let mut sink = MemorySink::new();
/// assert_eq!(sink.write(LineKind::Event, b"{}\n")?, Delivery::Accepted);
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// The line will be written (in the order it was given).
    Accepted,
    /// The line was dropped under the sink's overflow policy. The recorder
    /// counts it and writes the count in the `end` line's `dropped`.
    Dropped,
}

/// A destination for transcript lines: the extension point of recording.
///
/// The recorder encodes every line on the calling thread and calls
/// [`Sink::write`] under its lock, in `seq` order, so a sink sees lines in
/// file order and must keep it. A line is complete JSON ending in `\n`.
/// Only [`Sink::write`] is required; [`Sink::flush`] and [`Sink::close`] are
/// hooks with defaults. Wrap another sink to transform lines. With a
/// sanitizer configured, a sink is only ever given scrubbed lines (see
/// [`RecorderBuilder::sanitizer`](crate::RecorderBuilder::sanitizer)).
///
/// A sink must not block for long in `write` unless its overflow policy says
/// so: every recording thread waits for it.
///
/// ```
/// use reprise::recorder::{Delivery, LineKind, RecordError, Recorder, Sink};
/// use std::sync::{Arc, Mutex};
///
/// /// Counts lines instead of writing them.
/// #[derive(Clone, Default)]
/// struct Counting(Arc<Mutex<usize>>);
///
/// impl Sink for Counting {
///     fn write(&mut self, _kind: LineKind, _line: &[u8]) -> Result<Delivery, RecordError> {
///         *self.0.lock().unwrap() += 1;
///         Ok(Delivery::Accepted)
///     }
/// }
///
/// let sink = Counting::default();
/// let recorder = Recorder::builder("demo").sink(sink.clone()).start(&())?;
/// recorder.probe("tick", &());
/// recorder.finish()?;
/// assert_eq!(*sink.0.lock().unwrap(), 4); // header, initial state, probe, end
/// # Ok::<(), RecordError>(())
/// ```
pub trait Sink: Send + 'static {
    /// Takes one line (header, event or end), newline included.
    ///
    /// Return [`Delivery::Dropped`] only for a line whose kind
    /// [may be dropped](LineKind::may_drop). An error is kept by the recorder
    /// and returned by the next `flush` or by `finish`; recording goes on.
    fn write(&mut self, kind: LineKind, line: &[u8]) -> Result<Delivery, RecordError>;

    /// Takes one line given as consecutive parts: the line is their
    /// concatenation, with the same rules as [`Sink::write`].
    ///
    /// The recorder hands every event line over this way (its start, its
    /// `seq`, the fields drafted outside the lock, its `at_ns`, the rest),
    /// so that a sink that copies lines into a buffer of its own, as
    /// [`FileSink`] and [`MemorySink`] do, copies each line once rather
    /// than having it assembled first. Default: joins the parts in a
    /// reusable buffer and calls [`Sink::write`].
    ///
    /// ```
    /// use reprise::recorder::{Delivery, LineKind, MemorySink, Sink};
    /// let mut sink = MemorySink::new();
    /// sink.write_parts(LineKind::Event, &[b"{\"kind\":", b"\"probe\"", b"}\n"])?;
    /// assert_eq!(sink.contents_string(), "{\"kind\":\"probe\"}\n");
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    fn write_parts(&mut self, kind: LineKind, parts: &[&[u8]]) -> Result<Delivery, RecordError> {
        // Taken out for the call, so that a sink whose `write` writes parts
        // in turn gets a buffer of its own.
        let mut line = JOINED.try_with(Cell::take).unwrap_or_default();
        line.clear();
        for part in parts {
            line.extend_from_slice(part);
        }
        let written = self.write(kind, &line);
        if line.capacity() <= MAX_KEPT_JOINED {
            // Fails only while the thread is being torn down.
            let _ = JOINED.try_with(|cell| cell.set(line));
        }
        written
    }

    /// Hands every line accepted so far to the operating system (or the
    /// sink's final destination). Default: nothing to do.
    fn flush(&mut self) -> Result<(), RecordError> {
        Ok(())
    }

    /// Called once, after the `end` line: flush and release resources.
    /// Default: [`Sink::flush`].
    fn close(&mut self) -> Result<(), RecordError> {
        self.flush()
    }
}

impl<S: Sink + ?Sized> Sink for Box<S> {
    fn write(&mut self, kind: LineKind, line: &[u8]) -> Result<Delivery, RecordError> {
        (**self).write(kind, line)
    }

    fn write_parts(&mut self, kind: LineKind, parts: &[&[u8]]) -> Result<Delivery, RecordError> {
        (**self).write_parts(kind, parts)
    }

    fn flush(&mut self) -> Result<(), RecordError> {
        (**self).flush()
    }

    fn close(&mut self) -> Result<(), RecordError> {
        (**self).close()
    }
}
