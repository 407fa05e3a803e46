//! The streaming writer, and the documentation of the wire format.

use std::io::{self, Write};

use serde::Serialize;

use crate::event::{End, Event, Header};

/// Writes a transcript, one JSON object per line, to any [`io::Write`].
///
/// # The format, version 1
///
/// A transcript is [JSON Lines](https://jsonlines.org): UTF-8, one JSON object
/// per line, each line ended by `\n`, file extension `.jsonl`. Field order
/// within a line carries no meaning; readers ignore fields they do not know.
///
/// The **envelope**: every line has a `kind`. The first line is the header,
/// every following line but the last is an event with a `seq` (unique,
/// gap-free from 0, increasing in file order), and a cleanly finished
/// transcript closes with an `end` line. A transcript without `end` was cut
/// short (the recording process died); everything before the cut is valid.
///
/// | kind | fields |
/// | --- | --- |
/// | `header` | `reprise` (format major version, `1`), `component`, `created` (RFC 3339, UTC), `recorder` (version), `meta` (object), `sanitizer` (object or `null`) |
/// | `state` | `seq`, `label` (`initial` for the first, `checkpoint` after), `state` (the component's state) |
/// | `call` | `seq`, `dir` (`in`: into the component; `out`: to a dependency), `port`, `method`, `args` (object keyed by argument name), `at_ns`, `parent` (seq of the enclosing call, optional), `task` (optional) |
/// | `return` | `seq`, `call` (seq of the call), exactly one of `ok` / `err`, `at_ns` |
/// | `probe` | `seq`, `name` (dotted, e.g. `queue.depth`), `fields` (object), `at_ns` |
/// | `end` | `events` (how many event lines were written), `dropped` (how many the recorder dropped under its overflow policy) |
///
/// `at_ns` is monotonic nanoseconds since the recording started. A `Result`
/// return is written as `ok` or `err`; any other return as `ok`.
///
/// **Text versus bytes**: payloads are whatever the component's `Serialize`
/// impls write. Byte buffers should be written as base64 strings (the
/// recorder's `bytes` serde helper does this) rather than arrays of numbers,
/// so a transcript stays small and readable.
///
/// ```
/// use reprise::transcript::{Writer, Header, Event, State, Reader};
/// let mut writer = Writer::new(Vec::new());
/// writer.header(&Header::new("demo", "2026-11-22T10:00:00Z", "0.1.0"))?;
/// writer.event(&Event::State(State { seq: 0, label: "initial".into(), state: 42 }))?;
/// let bytes = writer.end(0)?;
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.lines().last().unwrap().contains(r#""kind":"end""#));
///
/// let mut reader = Reader::new(text.as_bytes())?;
/// assert_eq!(reader.header().component, "demo");
/// assert_eq!(reader.by_ref().count(), 1);
/// assert!(reader.ending().unwrap().is_clean());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: W,
    buf: Vec<u8>,
    events: u64,
}

impl<W: Write> Writer<W> {
    /// A writer over `out`. It does not buffer: give it a `BufWriter` for files.
    pub fn new(out: W) -> Self {
        Writer {
            out,
            buf: Vec::with_capacity(256),
            events: 0,
        }
    }

    /// Writes the header line. Call it once, first.
    pub fn header(&mut self, header: &Header) -> io::Result<()> {
        self.line(header)
    }

    /// Writes one event line and counts it.
    pub fn event<P: Serialize>(&mut self, event: &Event<P>) -> io::Result<()> {
        self.line(event)?;
        self.events += 1;
        Ok(())
    }

    /// Writes a line that was already encoded with [`encode_line`] and counts
    /// it as an event.
    pub fn encoded_event(&mut self, line: &[u8]) -> io::Result<()> {
        self.out.write_all(line)?;
        self.events += 1;
        Ok(())
    }

    /// How many events have been written so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Writes the `end` line, flushes, and returns the inner writer.
    pub fn end(mut self, dropped: u64) -> io::Result<W> {
        let end = End::new(self.events, dropped);
        self.line(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// The inner writer, for flushing or syncing.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn line<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.buf.clear();
        encode_line(&mut self.buf, value)?;
        self.out.write_all(&self.buf)
    }
}

/// Appends `value` as one JSON line, newline included, to `buf`.
///
/// This is the encoding step of [`Writer`], exposed so that a recorder can
/// encode on the calling thread and write the bytes elsewhere.
///
/// ```
/// let mut buf = Vec::new();
/// reprise::transcript::encode_line(&mut buf, &serde_json::json!({"kind": "end", "events": 0}))?;
/// assert_eq!(buf, b"{\"kind\":\"end\",\"events\":0}\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn encode_line<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) -> io::Result<()> {
    let start = buf.len();
    // The same bytes as serde_json's, written faster; what that serializer
    // leaves to serde_json (private types, a failing `Serialize`) is
    // written by serde_json itself.
    if crate::json::write(buf, value, &std::cell::Cell::new(false)).is_err() {
        buf.truncate(start);
        serde_json::to_writer(&mut *buf, value).map_err(io::Error::other)?;
    }
    buf.push(b'\n');
    Ok(())
}
