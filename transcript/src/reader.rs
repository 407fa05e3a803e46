//! The streaming reader.

use std::io::{BufRead, BufReader, Read};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ReadError;
use crate::event::{Event, FORMAT_VERSION, Header};
use crate::line::{LineProblem, decode_with_extras};
use crate::origin::Origin;
use crate::split::{Decoded, LineAt, Summary, Verdict, summarize};

/// The default longest line a [`Reader`] accepts: 256 MiB.
pub const DEFAULT_MAX_LINE: usize = 256 << 20;

/// How a transcript ended, known once the reader has returned `None`.
///
/// ```
/// use reprise::transcript::{Reader, Ending};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n{\"seq\":0,\"kind\":\"st";
/// let mut reader = Reader::new(text.as_bytes())?;
/// assert_eq!(reader.by_ref().count(), 0);
/// assert_eq!(reader.ending(), Some(&Ending::CutShort { torn_line: Some(2) }));
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The `end` line was read: the recording finished cleanly.
    Clean {
        /// Events written, as the `end` line says.
        events: u64,
        /// Events the recorder dropped under its overflow policy.
        dropped: u64,
        /// The `end` line's `sanitizer` report, when a sanitizer ran inside
        /// the recorder: what was scrubbed where (see
        /// [`End::sanitizer`](crate::End::sanitizer)).
        sanitizer: Option<Value>,
    },
    /// There is no `end` line: the recording was cut short. Every complete
    /// event before the cut was returned.
    CutShort {
        /// The line number of a torn last line (a crash mid-write), which was
        /// skipped, or `None` if the input ended on a line boundary.
        torn_line: Option<u64>,
    },
}

impl Ending {
    /// Whether the transcript closed with its `end` line.
    pub fn is_clean(&self) -> bool {
        matches!(self, Ending::Clean { .. })
    }

    /// The `end` line's `sanitizer` report, if the transcript ended cleanly
    /// and a sanitizer ran inside the recorder.
    ///
    /// ```
    /// use reprise::transcript::Reader;
    /// let text = concat!(
    ///     "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n",
    ///     "{\"kind\":\"end\",\"events\":0,\"dropped\":0,\"sanitizer\":{\"total\":2}}\n",
    /// );
    /// let mut reader = Reader::new(text.as_bytes())?;
    /// assert_eq!(reader.by_ref().count(), 0);
    /// let ending = reader.ending().unwrap();
    /// assert_eq!(ending.sanitizer(), Some(&serde_json::json!({"total": 2})));
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn sanitizer(&self) -> Option<&Value> {
        match self {
            Ending::Clean { sanitizer, .. } => sanitizer.as_ref(),
            Ending::CutShort { .. } => None,
        }
    }
}

/// Reads a transcript one event at a time, in bounded memory.
///
/// [`Reader::new`] reads and checks the header; iterating yields each event.
/// The `end` line is not yielded: once iteration returns `None`,
/// [`Reader::ending`] says whether the transcript finished cleanly or was cut
/// short.
///
/// - A torn last line (no newline and not valid JSON) is the mark of a crash
///   mid-write: it is skipped and reported in [`Ending::CutShort`].
/// - A bad line anywhere else yields a [`ReadError`] naming the line, and
///   iteration goes on with the next line, so a caller can report every bad
///   line or stop at the first.
/// - Unknown fields are ignored; a header with a newer major version is an
///   error.
///
/// ```
/// use reprise::transcript::{Reader, Event};
/// let text = r#"{"reprise":1,"kind":"header","component":"kv","created":"","recorder":"0.1.0","meta":{},"sanitizer":null}
/// {"seq":0,"kind":"state","label":"initial","state":{"keys":0}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"},"at_ns":1200}
/// {"seq":2,"kind":"return","call":1,"ok":null,"at_ns":2500}
/// {"kind":"end","events":3,"dropped":0}
/// "#;
/// let mut reader = Reader::new(text.as_bytes())?;
/// let events: Vec<Event> = reader.by_ref().collect::<Result<_, _>>()?;
/// assert_eq!(events.len(), 3);
/// assert!(reader.ending().unwrap().is_clean());
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
///
/// # Payload type
///
/// Payloads (`state`, `args`, `ok`/`err`, `fields`) are read as
/// [`serde_json::Value`] by default. A reader of another payload type, such
/// as `Box<serde_json::value::RawValue>` (the payload's JSON text, validated
/// but not parsed), is made with [`Reader::with_payload`]; a replayer keeps
/// raw payloads in memory and parses each one only when it compares it.
///
/// ```
/// use reprise::transcript::{DEFAULT_MAX_LINE, Event, Reader};
/// use serde_json::value::RawValue;
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
///             {\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{\"n\": 1}}\n";
/// let mut reader = Reader::<_, Box<RawValue>>::with_payload(text.as_bytes(), DEFAULT_MAX_LINE)?;
/// let Some(Ok(Event::State(state))) = reader.next() else { panic!("a state") };
/// assert_eq!(state.state.get(), "{\"n\": 1}");
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
#[derive(Debug)]
pub struct Reader<R, P = Value> {
    input: R,
    header: Header,
    line: u64,
    buf: Vec<u8>,
    max_line: usize,
    /// The seq of the last event read, to refuse one that does not follow it.
    last_seq: Option<u64>,
    /// Problems found at the end line, still to be returned (last first).
    queued: Vec<ReadError>,
    events: u64,
    ending: Option<Ending>,
    /// The origin of the last event returned, in a merged transcript.
    origin: Option<Origin>,
    /// The `end` line's `merge` summary, in a merged transcript.
    merge: Option<Value>,
    /// The `end` line's number, once it is checked.
    end_line: Option<u64>,
    /// Whether a line after the `end` line was read, to report it.
    past_end: bool,
    /// Whether the line after the `end` line was reported.
    reported_after_end: bool,
    /// Whether the input failed or a line never ended: nothing more can be
    /// read.
    stopped: bool,
    payload: PhantomData<fn() -> P>,
}

impl<R: Read> Reader<BufReader<R>> {
    /// Reads the header from `input` (buffered internally) and checks its version.
    pub fn new(input: R) -> Result<Self, ReadError> {
        Reader::from_buf_read(BufReader::with_capacity(64 * 1024, input))
    }
}

impl<R: BufRead> Reader<R> {
    /// Like [`Reader::new`] for input that is already buffered.
    pub fn from_buf_read(input: R) -> Result<Self, ReadError> {
        Reader::with_max_line(input, DEFAULT_MAX_LINE)
    }

    /// Like [`Reader::from_buf_read`], with a limit on the length of one line
    /// (default [`DEFAULT_MAX_LINE`]), so hostile input cannot exhaust memory.
    ///
    /// A longer line is a [`ReadError::LineTooLong`] and is skipped when it
    /// ends within another `max_line` bytes; one that does not (input such
    /// as `/dev/zero`) is a [`ReadError::LineNeverEnds`] and reading stops:
    /// a reader holds at most `max_line` bytes and reads at most twice that
    /// for one line.
    ///
    /// ```
    /// use reprise::transcript::{ReadError, Reader};
    /// let header = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    /// let input = std::io::Read::chain(header.as_bytes(), std::io::repeat(b'x'));
    /// let mut reader = Reader::with_max_line(std::io::BufReader::new(input), 1 << 16)?;
    /// assert!(matches!(reader.next(), Some(Err(ReadError::LineNeverEnds { line: 2, .. }))));
    /// assert!(reader.next().is_none());
    /// # Ok::<(), ReadError>(())
    /// ```
    pub fn with_max_line(input: R, max_line: usize) -> Result<Self, ReadError> {
        Reader::with_payload(input, max_line)
    }
}

impl<R: BufRead, P: DeserializeOwned> Reader<R, P> {
    /// A reader whose payloads are of type `P`, with a limit on the length of
    /// one line. See "Payload type" above.
    pub fn with_payload(input: R, max_line: usize) -> Result<Self, ReadError> {
        let mut reader = Reader {
            input,
            header: Header::new("", "", ""),
            line: 0,
            buf: Vec::with_capacity(1024),
            max_line,
            last_seq: None,
            queued: Vec::new(),
            events: 0,
            ending: None,
            origin: None,
            merge: None,
            end_line: None,
            past_end: false,
            reported_after_end: false,
            stopped: false,
            payload: PhantomData,
        };
        let complete = loop {
            match reader.read_line()? {
                None => return Err(ReadError::Empty),
                Some(_) if reader.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Some(complete) => break complete,
            }
        };
        let line = reader.line;
        let header = match decode_with_extras::<P>(&reader.buf) {
            Ok((crate::line::Line::Header(h), _)) => h,
            Ok((crate::line::Line::Event(e), _)) => {
                return Err(ReadError::NotATranscript {
                    line,
                    reason: format!("the first line is a `{}` event, not a header", e.kind()),
                });
            }
            Err(LineProblem::Json(e)) if !complete && e.is_eof() => {
                return Err(ReadError::NotATranscript {
                    line,
                    reason: "the header line is torn".into(),
                });
            }
            Err(LineProblem::Json(e)) => {
                // Never the value: see `json_error_message`.
                return Err(ReadError::NotATranscript {
                    line,
                    reason: format!(
                        "the first line is not a header: {} at line {} column {}",
                        crate::error::json_error_message(&e),
                        e.line(),
                        e.column()
                    ),
                });
            }
            Err(LineProblem::Invalid(reason)) => {
                return Err(ReadError::NotATranscript { line, reason });
            }
        };
        if header.reprise > FORMAT_VERSION {
            return Err(ReadError::UnsupportedVersion {
                line,
                found: header.reprise,
                supported: FORMAT_VERSION,
            });
        }
        reader.header = *header;
        Ok(reader)
    }

    /// The same reader, reading the events still to come with payloads of
    /// type `Q`: the line it is at, the seqs it has seen and its limits go
    /// with it. A replay, for instance, opens a transcript as usual and
    /// then keeps each payload as its JSON text, parsed only when used.
    ///
    /// ```
    /// use reprise::transcript::{Event, Reader};
    /// use serde_json::value::RawValue;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
    ///             {\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{\"n\": 1}}\n";
    /// let reader = Reader::new(text.as_bytes())?;
    /// let mut raw = reader.into_payload::<Box<RawValue>>();
    /// let Some(Ok(Event::State(state))) = raw.next() else { panic!("a state") };
    /// assert_eq!(state.state.get(), "{\"n\": 1}");
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn into_payload<Q: DeserializeOwned>(self) -> Reader<R, Q> {
        Reader {
            input: self.input,
            header: self.header,
            line: self.line,
            buf: self.buf,
            max_line: self.max_line,
            last_seq: self.last_seq,
            queued: self.queued,
            events: self.events,
            ending: self.ending,
            origin: self.origin,
            merge: self.merge,
            end_line: self.end_line,
            past_end: self.past_end,
            reported_after_end: self.reported_after_end,
            stopped: self.stopped,
            payload: PhantomData,
        }
    }

    /// The header, read by the constructor.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// How the transcript ended; `None` until iteration has returned `None`.
    pub fn ending(&self) -> Option<&Ending> {
        self.ending.as_ref()
    }

    /// Where the last event returned came from, when the transcript is a
    /// merged one (see [`Origin`]); `None` for an ordinary transcript.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }

    /// The `merge` summary of a merged transcript's `end` line (messages
    /// matched, unmatched sends and receives; see [`Origin`]), once
    /// iteration has returned `None`.
    pub fn merge_summary(&self) -> Option<&Value> {
        self.merge.as_ref()
    }

    /// The number of the last line read (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The bytes of the last line read, without its newline: after
    /// [`next_line`](Self::next_line), what [`decode_line`](crate::decode_line)
    /// decodes, possibly on another thread. Valid until the next read.
    ///
    /// ```
    /// use reprise::transcript::Reader;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n{\"seq\":0}\n";
    /// let mut reader = Reader::new(text.as_bytes())?;
    /// reader.next_line().unwrap()?;
    /// assert_eq!(reader.line_bytes(), b"{\"seq\":0}");
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn line_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Reads the next line into `buf`, without its newline. Returns whether
    /// the line was complete (ended by a newline), or `None` at the end.
    fn read_line(&mut self) -> Result<Option<bool>, ReadError> {
        self.buf.clear();
        self.line += 1;
        // At most one byte past the longest line is read: a longer line is
        // skipped, so that reading goes on. `read_until` finds the newline
        // a word at a time.
        let limit = u64::try_from(self.max_line).map_or(u64::MAX, |max| max.saturating_add(1));
        let read = (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut self.buf);
        let n = read.map_err(|source| ReadError::Io {
            line: self.line,
            source,
        })?;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            return Ok(Some(true));
        }
        if self.buf.len() > self.max_line {
            let limit = self.max_line;
            // Give the memory back: the line is not kept.
            self.buf = Vec::with_capacity(1024);
            // Skip the rest of the over-long line so reading can go on, if
            // it ends within another `limit` bytes.
            if self.skip_rest_of_line(limit)? {
                return Err(ReadError::LineTooLong {
                    line: self.line,
                    limit,
                });
            }
            return Err(ReadError::LineNeverEnds {
                line: self.line,
                limit,
            });
        }
        Ok((n > 0).then_some(false))
    }

    /// Skips to the end of the current line, reading at most `budget`
    /// bytes; returns whether it ended (or the input did) within them.
    fn skip_rest_of_line(&mut self, budget: usize) -> Result<bool, ReadError> {
        let mut skipped = 0usize;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(ReadError::Io {
                        line: self.line,
                        source,
                    });
                }
            };
            if available.is_empty() {
                return Ok(true);
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.input.consume(i + 1);
                    return Ok(true);
                }
                None => {
                    let n = available.len();
                    self.input.consume(n);
                    skipped = skipped.saturating_add(n);
                    if skipped > budget {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// The number of the first non-blank line after the `end` line, if
    /// there is one (an unreadable one counts).
    fn line_after_end(&mut self) -> Option<u64> {
        let end_line = self.line;
        loop {
            match self.read_line() {
                Ok(None) => {
                    // Nothing follows: the last line read is still the end line.
                    self.line = end_line;
                    return None;
                }
                Ok(Some(_)) if self.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(_)) | Err(_) => return Some(self.line),
            }
        }
    }

    fn next_event(&mut self) -> Option<Result<Event<P>, ReadError>> {
        if let Some(queued) = self.queued.pop() {
            return Some(Err(queued));
        }
        if self.ending.is_some() {
            return None;
        }
        loop {
            let at = match self.next_line() {
                None => {
                    self.end_of_lines();
                    return None;
                }
                Some(Err(e)) => {
                    if self.stopped {
                        self.ending = Some(Ending::CutShort { torn_line: None });
                    }
                    return Some(Err(e));
                }
                Some(Ok(at)) => at,
            };
            let (event, summary) = summarize(decode_with_extras::<P>(&self.buf));
            let is_end = matches!(summary, Summary::End { .. });
            match self.check(at, Decoded(summary)) {
                Verdict::Keep => return event.map(Ok),
                Verdict::Bad(e) if !is_end => return Some(Err(e)),
                Verdict::Bad(e) => self.queued.push(e),
                Verdict::Skip => {}
            }
            if is_end {
                // Look past the end line now, without decoding what follows.
                if let Some(after) = self.line_after_end() {
                    self.queued.push(after_end(after, at.line));
                }
                self.past_end = true;
                self.reported_after_end = true;
                self.queued.reverse();
                return self.queued.pop().map(Err);
            }
            if self.ending.is_some() {
                // A torn last line.
                return None;
            }
        }
    }

    /// Reads the next non-blank line without decoding it, for decoding
    /// elsewhere (see [`decode_line`](crate::decode_line)); its bytes are
    /// [`line_bytes`](Self::line_bytes) until the next call. `None` at the
    /// end of the input, after an I/O error or a line that never ends
    /// (both are returned as errors first, and nothing more can be read),
    /// and once the `end` line is checked and one line after it was read.
    /// An over-long line is an error and reading goes on.
    ///
    /// Each line read is handed to [`check`](Self::check) in this order,
    /// and [`end_of_lines`](Self::end_of_lines) is called once this returns
    /// `None` and every line is checked. The example is on
    /// [`decode_line`](crate::decode_line).
    ///
    /// ```
    /// use reprise::transcript::Reader;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\n{\"seq\":0}\n";
    /// let mut reader = Reader::new(text.as_bytes())?;
    /// let at = reader.next_line().unwrap()?;
    /// assert_eq!((at.line, reader.line_bytes()), (3, &b"{\"seq\":0}"[..]));
    /// assert!(reader.next_line().is_none());
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn next_line(&mut self) -> Option<Result<LineAt, ReadError>> {
        if self.stopped || matches!(self.ending, Some(Ending::CutShort { .. })) {
            return None;
        }
        if self.end_line.is_some() {
            if self.past_end {
                return None;
            }
            self.past_end = true;
        }
        loop {
            match self.read_line() {
                Ok(None) => return None,
                Ok(Some(_)) if self.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(complete)) => {
                    return Some(Ok(LineAt {
                        line: self.line,
                        complete,
                    }));
                }
                Err(e) => {
                    self.stopped =
                        matches!(e, ReadError::Io { .. } | ReadError::LineNeverEnds { .. });
                    return Some(Err(e));
                }
            }
        }
    }

    /// Checks the line read at `at`, decoded elsewhere into `decoded`,
    /// against the lines checked before it, as iteration does: seqs must
    /// increase, nothing may follow the `end` line, whose count must match,
    /// and a torn last line ends the transcript. Lines must be checked in
    /// the order [`next_line`](Self::next_line) read them.
    ///
    /// ```
    /// use reprise::transcript::{Event, Reader, Verdict, decode_line};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
    ///             {\"kind\":\"end\",\"events\":0,\"dropped\":0}\n{\"seq\":9}\n";
    /// let mut reader = Reader::new(text.as_bytes())?;
    /// let mut verdicts = Vec::new();
    /// while let Some(at) = reader.next_line() {
    ///     let at = at?;
    ///     let (_, decoded): (Option<Event>, _) = decode_line(reader.line_bytes());
    ///     verdicts.push(reader.check(at, decoded));
    /// }
    /// reader.end_of_lines();
    /// assert!(matches!(verdicts[0], Verdict::Skip));
    /// assert!(matches!(&verdicts[1], Verdict::Bad(e) if e.line() == Some(3)));
    /// assert!(reader.ending().unwrap().is_clean());
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn check(&mut self, at: LineAt, decoded: Decoded) -> Verdict {
        let line = at.line;
        if let Some(end_line) = self.end_line {
            if self.reported_after_end {
                return Verdict::Skip;
            }
            self.reported_after_end = true;
            return Verdict::Bad(after_end(line, end_line));
        }
        if self.ending.is_some() {
            return Verdict::Skip;
        }
        self.origin = None;
        match decoded.0 {
            Summary::End { end, merge } => {
                self.merge = merge.map(|m| *m);
                self.end_line = Some(line);
                let counted = self.events;
                self.ending = Some(Ending::Clean {
                    events: end.events,
                    dropped: end.dropped,
                    sanitizer: end.sanitizer,
                });
                if end.events != counted {
                    return Verdict::Bad(ReadError::InvalidEvent {
                        line,
                        reason: format!(
                            "the end line counts {} events but {counted} were read",
                            end.events
                        ),
                    });
                }
                Verdict::Skip
            }
            Summary::Event { seq, origin } => {
                self.origin = origin.map(|o| *o);
                self.events += 1;
                if let Some(seq) = seq {
                    if let Some(last) = self.last_seq.filter(|&last| seq <= last) {
                        return Verdict::Bad(ReadError::InvalidEvent {
                            line,
                            reason: format!(
                                "seq {seq} comes after seq {last}: seqs must increase (a duplicated or reordered line)"
                            ),
                        });
                    }
                    self.last_seq = Some(seq);
                }
                Verdict::Keep
            }
            Summary::Header => Verdict::Bad(ReadError::InvalidEvent {
                line,
                reason: "a second header line".into(),
            }),
            Summary::Problem(LineProblem::Json(_)) if !at.complete => {
                // A last line without its newline that does not parse: a
                // crash mid-write. Everything before it stands.
                self.ending = Some(Ending::CutShort {
                    torn_line: Some(line),
                });
                Verdict::Skip
            }
            Summary::Problem(LineProblem::Json(source)) => {
                Verdict::Bad(ReadError::json(line, source))
            }
            Summary::Problem(LineProblem::Invalid(reason)) => {
                Verdict::Bad(ReadError::InvalidEvent { line, reason })
            }
        }
    }

    /// [`check`](Self::check) for a line [`next_line`](Self::next_line)
    /// could not read (`err`, an over-long line): a bad line, or the line
    /// after the `end` line.
    ///
    /// ```
    /// use reprise::transcript::{Reader, Verdict};
    /// let text = format!("{{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}}\n{}\n", "x".repeat(300));
    /// let mut reader = Reader::with_max_line(text.as_bytes(), 256)?;
    /// let Some(Err(err)) = reader.next_line() else { panic!("too long") };
    /// assert!(matches!(reader.check_unreadable(err), Verdict::Bad(e) if e.line() == Some(2)));
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn check_unreadable(&mut self, err: ReadError) -> Verdict {
        match self.end_line {
            Some(_) if self.reported_after_end => Verdict::Skip,
            Some(end_line) => {
                self.reported_after_end = true;
                Verdict::Bad(after_end(err.line().unwrap_or(self.line), end_line))
            }
            None => Verdict::Bad(err),
        }
    }

    /// Closes a transcript read with [`next_line`](Self::next_line) and
    /// [`check`](Self::check): with no `end` line checked, it was cut
    /// short. [`ending`](Self::ending) says how it ended from then on.
    ///
    /// ```
    /// use reprise::transcript::{Ending, Reader};
    /// let mut reader = Reader::new("{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n".as_bytes())?;
    /// assert!(reader.next_line().is_none());
    /// reader.end_of_lines();
    /// assert_eq!(reader.ending(), Some(&Ending::CutShort { torn_line: None }));
    /// # Ok::<(), reprise::transcript::ReadError>(())
    /// ```
    pub fn end_of_lines(&mut self) {
        if self.ending.is_none() {
            self.ending = Some(Ending::CutShort { torn_line: None });
        }
    }
}

/// The error for line `after`, which follows the `end` line `end_line`.
fn after_end(after: u64, end_line: u64) -> ReadError {
    ReadError::InvalidEvent {
        line: after,
        reason: format!(
            "the transcript goes on after its end line (line {end_line}): what follows is ignored"
        ),
    }
}

impl<R: BufRead, P: DeserializeOwned> Iterator for Reader<R, P> {
    type Item = Result<Event<P>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}
