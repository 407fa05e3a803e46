//! The streaming reader.

use std::io::{BufRead, BufReader, Read};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ReadError;
use crate::event::{Event, FORMAT_VERSION, Header};
use crate::line::{Line, LineProblem, decode_with_extras};
use crate::origin::Origin;

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
            Ok((Line::Header(h), _)) => h,
            Ok((Line::Event(e), _)) => {
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
        reader.header = header;
        Ok(reader)
    }

    /// The same reader, reading the events still to come with payloads of
    /// type `Q`: the line it is at, the seqs it has seen and its limits go
    /// with it. A scrub, for instance, opens a transcript as usual and then
    /// reads its events with raw payloads, to parse them on other threads.
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

    /// The bytes of the line the last event returned was read from, without
    /// its newline: what [`decode_event`](crate::decode_event) decodes again
    /// elsewhere, such as on another thread with a payload type this reader
    /// did not build (a reader that only checks the envelopes reads with
    /// [`serde::de::IgnoredAny`] payloads and hands each line on). Valid
    /// until the next call to `next`.
    ///
    /// ```
    /// use reprise::transcript::{Event, Reader, decode_event};
    /// use serde::de::IgnoredAny;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
    ///             {\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{\"n\": 1}}\n";
    /// let mut envelopes = Reader::new(text.as_bytes())?.into_payload::<IgnoredAny>();
    /// let Some(Ok(_)) = envelopes.next() else { panic!("an event") };
    /// let event: Event = decode_event(envelopes.line(), envelopes.line_bytes())?;
    /// let Event::State(state) = event else { panic!("a state") };
    /// assert_eq!(state.state["n"], 1);
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
            let complete = match self.read_line() {
                Ok(Some(complete)) => complete,
                Ok(None) => {
                    self.ending = Some(Ending::CutShort { torn_line: None });
                    return None;
                }
                Err(e) => {
                    if matches!(e, ReadError::Io { .. } | ReadError::LineNeverEnds { .. }) {
                        // The input failed, or a line never ends: nothing
                        // more can be read.
                        self.ending = Some(Ending::CutShort { torn_line: None });
                    }
                    return Some(Err(e));
                }
            };
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = self.line;
            self.origin = None;
            return match decode_with_extras(&self.buf) {
                Ok((Line::Event(Event::End(end)), extras)) => {
                    self.merge = extras.merge;
                    self.ending = Some(Ending::Clean {
                        events: end.events,
                        dropped: end.dropped,
                        sanitizer: end.sanitizer,
                    });
                    if end.events != self.events {
                        self.queued.push(ReadError::InvalidEvent {
                            line,
                            reason: format!(
                                "the end line counts {} events but {} were read",
                                end.events, self.events
                            ),
                        });
                    }
                    if let Some(after) = self.line_after_end() {
                        self.queued.push(ReadError::InvalidEvent {
                            line: after,
                            reason: format!(
                                "the transcript goes on after its end line (line {line}): what follows is ignored"
                            ),
                        });
                    }
                    self.queued.reverse();
                    self.queued.pop().map(Err)
                }
                Ok((Line::Event(event), extras)) => {
                    self.origin = extras.origin;
                    self.events += 1;
                    if let Some(seq) = event.seq() {
                        if let Some(last) = self.last_seq.filter(|&last| seq <= last) {
                            return Some(Err(ReadError::InvalidEvent {
                                line,
                                reason: format!(
                                    "seq {seq} comes after seq {last}: seqs must increase (a duplicated or reordered line)"
                                ),
                            }));
                        }
                        self.last_seq = Some(seq);
                    }
                    Some(Ok(event))
                }
                Ok((Line::Header(_), _)) => Some(Err(ReadError::InvalidEvent {
                    line,
                    reason: "a second header line".into(),
                })),
                Err(LineProblem::Json(_)) if !complete => {
                    // A last line without its newline that does not parse: a
                    // crash mid-write. Everything before it stands.
                    self.ending = Some(Ending::CutShort {
                        torn_line: Some(line),
                    });
                    None
                }
                Err(LineProblem::Json(source)) => Some(Err(ReadError::json(line, source))),
                Err(LineProblem::Invalid(reason)) => {
                    Some(Err(ReadError::InvalidEvent { line, reason }))
                }
            };
        }
    }
}

impl<R: BufRead, P: DeserializeOwned> Iterator for Reader<R, P> {
    type Item = Result<Event<P>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}
