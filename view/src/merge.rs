//! `reprise merge`: the transcripts of several nodes as one causal timeline.
//!
//! # How events are ordered
//!
//! Each node's transcript is read as a stream, one event ahead. An event is
//! *ready* unless it is a receive whose send has not been written yet. Of the
//! ready events the one with the lowest Lamport clock (then the lowest input
//! position) is written next, so the output is a linear order consistent with
//! happens-before: every node's own order, and every send before the receive
//! it matched. When only receives are left waiting, the one with the lowest
//! clock has no send in any input: it is written as an *unmatched receive*.
//! Sends still waiting at the end are *unmatched sends* (lost messages).
//! Wall clocks (`at_ns`) are kept as recorded but never compared across
//! nodes.
//!
//! # Memory
//!
//! Per input: one event (its line, bounded by the reader's line limit) and
//! the calls still open (their seqs, to renumber returns and `parent`
//! links). For the whole merge: the key of every message sent and not yet
//! received, and the position of every unmatched message (16 bytes each) for
//! the summary. It does not grow with the transcripts' size: three 1 GB
//! transcripts merge in a few MB (the readers' 64 KiB buffers, three
//! events), plus the keys of the messages in flight at any moment (for the
//! consensus example's whole-message keys, about 200 bytes each) and 16
//! bytes per unmatched message. Measured with `/usr/bin/time -f %M`: three
//! generated 360 MB node transcripts (6M events, 1.5M messages, each
//! received soon after it was sent) merge at a peak RSS of 5.7 MB. A key that many sends share and no receive
//! consumes stays until the end: that is the lost-message list.
//!
//! # Speed
//!
//! Payloads are read raw (`Reader<_, Box<RawValue>>`) and written back as
//! read; only the `args` of a call of a side of the correlation are parsed,
//! to make its key. Measured with the release `reprise merge` (wall time,
//! `/usr/bin/time`, 2-core machine shared with other builds, so +-10%):
//! three generated node transcripts of 56 MB each (300,000 messages, 1.2M
//! events, every message a whole-message key as in the consensus example)
//! merge in 3.7 to 4.6 s (about 300,000 events/s, 40 MB/s), against 6.1 to
//! 6.8 s when every payload was parsed into a `Value` and re-serialised:
//! about 1.6 times faster, with byte-identical output. The output is
//! synced to disk before it is renamed into place; that is in the figure.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, Write};

use reprise_transcript::{Event, Header, ReadError, Reader, encode_line};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::correlation::Correlation;
use crate::error::{Error, Problem};
use crate::input::Input;

/// Merges node transcripts into one causal timeline.
///
/// ```
/// use reprise::view::{Correlation, Input, Merge};
/// let node = |id: u32, line: &str| format!(
///     "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"meta\":{{\"node\":{id}}}}}\n{line}\n");
/// let a = node(0, r#"{"kind":"call","seq":0,"dir":"out","port":"net","method":"send","args":{"to":1,"id":7},"at_ns":900}"#);
/// let b = node(1, r#"{"kind":"call","seq":0,"dir":"in","port":"api","method":"recv","args":{"id":7},"at_ns":5}"#);
/// let spec: Correlation = "net.send($.args.id) -> api.recv($.args.id)".parse()?;
/// let mut out = Vec::new();
/// let summary = Merge::new(spec).run(
///     vec![Input { file: "b.jsonl".into(), reader: b.as_bytes() },
///          Input { file: "a.jsonl".into(), reader: a.as_bytes() }],
///     &mut out,
/// )?;
/// assert_eq!((summary.events, summary.matched), (2, 1));
/// let text = String::from_utf8(out)?;
/// // The send comes first though the receive's node started first and its
/// // wall clock is earlier: only the message orders them.
/// let lines: Vec<&str> = text.lines().collect();
/// assert!(lines[1].contains("\"node\":\"0\",\"node_seq\":0,\"clock\":1"));
/// assert!(lines[2].contains("\"node\":\"1\",\"node_seq\":0,\"clock\":2,\"cause\":0"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Merge {
    correlation: Correlation,
    node_key: String,
}

/// What a merge did: counts, every unmatched message, and the bad lines it
/// skipped. Also written, without the bad lines, as the `merge` field of
/// the merged file's `end` line.
///
/// ```
/// use reprise::view::{Input, Merge, Summary};
/// # let node = |id: u32, line: &str| format!(
/// #     "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"meta\":{{\"node\":{id}}}}}\n{line}\n");
/// # let a = node(0, r#"{"kind":"call","seq":0,"dir":"out","port":"net","method":"send","args":{"id":7},"at_ns":1}"#);
/// # let b = node(1, r#"{"kind":"call","seq":0,"dir":"in","port":"api","method":"recv","args":{"id":8},"at_ns":1}"#);
/// let summary: Summary = Merge::new("net.send($.args.idd) -> api.recv($.args.idd)".parse()?).run(
///     vec![Input { file: "a.jsonl".into(), reader: a.as_bytes() },
///          Input { file: "b.jsonl".into(), reader: b.as_bytes() }],
///     Vec::new(),
/// )?;
/// assert_eq!(summary.nodes, ["0", "1"]);
/// assert_eq!(summary.events, 2);
/// // A path naming nothing (`idd`) pairs nothing: the calls are unkeyed.
/// assert_eq!((summary.matched, summary.unkeyed_sends, summary.unkeyed_receives), (0, 1, 1));
/// assert!(summary.problems.is_empty() && summary.cut_short.len() == 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The nodes, in input order.
    pub nodes: Vec<String>,
    /// Events written.
    pub events: u64,
    /// Messages matched send to receive.
    pub matched: u64,
    /// Sends no receive matched (lost messages, or a receiver not given).
    pub unmatched_sends: Vec<Unmatched>,
    /// Receives no send matched (a sender not given, or a wrong correlation).
    pub unmatched_receives: Vec<Unmatched>,
    /// Calls of the send's port and method whose every key path is missing:
    /// not sends (a path of the correlation that names nothing, such as a
    /// typo, pairs nothing rather than everything).
    pub unkeyed_sends: u64,
    /// Calls of the receive's port and method whose every key path is
    /// missing: not receives.
    pub unkeyed_receives: u64,
    /// Inputs without their `end` line (cut short).
    pub cut_short: Vec<String>,
    /// Lines of the inputs that could not be read, skipped.
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

/// A send or receive that matched nothing: where it is in the merged file
/// and in its node's own transcript. See [`Summary`] and [`Merge::run`].
///
/// ```
/// use reprise::view::Unmatched;
/// let lost = Unmatched { seq: 12, node: "n2".into(), node_seq: 4 };
/// assert_eq!(serde_json::to_value(&lost)?, serde_json::json!({"seq": 12, "node": "n2", "node_seq": 4}));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// Its seq in the merged file.
    pub seq: u64,
    /// Its node.
    pub node: String,
    /// Its seq in the node's own transcript.
    pub node_seq: u64,
}

impl Merge {
    /// A merge that pairs messages by `correlation` and names each node by
    /// its header's `meta.node`, else by its file's name.
    ///
    /// ```
    /// use reprise::view::Merge;
    /// let merge = Merge::new("net.send($.args.id) -> api.recv($.args.id)".parse()?);
    /// # let _ = merge;
    /// # Ok::<(), reprise::view::CorrelationError>(())
    /// ```
    pub fn new(correlation: Correlation) -> Merge {
        Merge {
            correlation,
            node_key: "node".into(),
        }
    }

    /// The header `meta` key that names a node (default `node`). A node
    /// whose header has no such key is named by its file's name without
    /// the extension.
    ///
    /// ```
    /// use reprise::view::Merge;
    /// let merge = Merge::new("n.send($.args.id) -> n.recv($.args.id)".parse()?).node_key("host");
    /// # let _ = merge;
    /// # Ok::<(), reprise::view::CorrelationError>(())
    /// ```
    pub fn node_key(mut self, key: impl Into<String>) -> Merge {
        self.node_key = key.into();
        self
    }

    /// Reads every input and writes the merged transcript to `out`.
    ///
    /// A bad line in an input is skipped and listed in
    /// [`Summary::problems`]; an input that is not a transcript, two inputs
    /// of the same node, or a failed write is an error.
    ///
    /// ```
    /// use reprise::view::{Input, Merge, Unmatched};
    /// # let node = |id: u32, line: &str| format!(
    /// #     "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"meta\":{{\"node\":{id}}}}}\n{line}\n");
    /// # let a = node(0, r#"{"kind":"call","seq":0,"dir":"out","port":"net","method":"send","args":{"id":7},"at_ns":1}"#);
    /// # let b = node(1, r#"{"kind":"call","seq":0,"dir":"in","port":"api","method":"recv","args":{"id":8},"at_ns":1}"#);
    /// let summary = Merge::new("net.send($.args.id) -> api.recv($.args.id)".parse()?).run(
    ///     vec![Input { file: "a.jsonl".into(), reader: a.as_bytes() },
    ///          Input { file: "b.jsonl".into(), reader: b.as_bytes() }],
    ///     Vec::new(),
    /// )?;
    /// // Message 7 was never received and message 8 never sent: both listed.
    /// assert_eq!(summary.matched, 0);
    /// assert_eq!(summary.unmatched_sends, [Unmatched { seq: 0, node: "0".into(), node_seq: 0 }]);
    /// assert_eq!(summary.unmatched_receives[0].node, "1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run<R: BufRead, W: Write>(
        &self,
        inputs: Vec<Input<R>>,
        mut out: W,
    ) -> Result<Summary, Error> {
        let mut streams = Vec::with_capacity(inputs.len());
        for input in inputs {
            let reader = Reader::from_buf_read(input.reader)
                .map_err(|error| Error::Read {
                    file: input.file.clone(),
                    error,
                })?
                .into_payload::<Box<RawValue>>();
            let stream = Stream::new(input.file, reader, &self.node_key);
            if let Some(first) = streams.iter().find(|s: &&Stream<R>| s.node == stream.node) {
                return Err(Error::SameNode {
                    node: stream.node,
                    first: first.file.clone(),
                    second: stream.file,
                });
            }
            streams.push(stream);
        }
        let mut state = State {
            summary: Summary {
                nodes: streams.iter().map(|s| s.node.clone()).collect(),
                ..Summary::default()
            },
            ..State::default()
        };
        let mut buf = Vec::with_capacity(4096);
        encode_line(&mut buf, &self.header(&streams))?;
        out.write_all(&buf)?;
        while let Some((i, cause)) = self.next_stream(&mut streams, &mut state) {
            let stream = &mut streams[i];
            let Some(head) = stream.head.take() else {
                continue;
            };
            buf.clear();
            state.write(stream, head, cause, &mut buf)?;
            out.write_all(&buf)?;
        }
        for (_, queue) in state.pending.drain() {
            state
                .summary
                .unmatched_sends
                .extend(queue.into_iter().map(|s| s.at));
        }
        state.summary.unmatched_sends.sort_by_key(|u| u.seq);
        for stream in &streams {
            if !stream.reader.ending().is_some_and(|e| e.is_clean()) {
                state.summary.cut_short.push(stream.node.clone());
            }
        }
        let dropped = streams.iter().map(|s| s.dropped()).sum::<u64>();
        buf.clear();
        encode_line(
            &mut buf,
            &json!({
                "kind": "end",
                "events": state.summary.events,
                "dropped": dropped,
                "merge": state.summary,
            }),
        )?;
        out.write_all(&buf)?;
        out.flush()?;
        Ok(state.summary)
    }

    /// The merged header: the nodes' headers under `meta.merge.nodes`.
    fn header<R: BufRead>(&self, streams: &[Stream<R>]) -> Header {
        let components: Vec<&str> = streams
            .iter()
            .map(|s| s.reader.header().component.as_str())
            .collect();
        let component = match components.split_first() {
            Some((first, rest)) if rest.iter().all(|c| c == first) => (*first).to_owned(),
            _ => "cluster".to_owned(),
        };
        let created = streams
            .iter()
            .map(|s| s.reader.header().created.as_str())
            .min()
            .unwrap_or_default();
        let recorder = streams
            .first()
            .map(|s| s.reader.header().recorder.as_str())
            .unwrap_or_default();
        let mut header = Header::new(component, created, recorder);
        let nodes: Vec<Value> = streams
            .iter()
            .map(|s| {
                let h = s.reader.header();
                json!({
                    "node": s.node, "file": s.file, "component": h.component,
                    "created": h.created, "recorder": h.recorder, "meta": h.meta,
                    "sanitizer": h.sanitizer,
                })
            })
            .collect();
        header.meta.insert(
            "merge".into(),
            json!({ "correlation": self.correlation.to_string(), "nodes": nodes }),
        );
        header
    }

    /// Fills every stream's head and picks the one to write next, with the
    /// send a receive matched (`None` for an unmatched receive or not a
    /// receive). `None` when every stream is done.
    fn next_stream<R: BufRead>(
        &self,
        streams: &mut [Stream<R>],
        state: &mut State,
    ) -> Option<(usize, Option<Sent>)> {
        let mut best: Option<(u64, usize)> = None;
        let mut waiting: Option<(u64, usize)> = None;
        for (i, stream) in streams.iter_mut().enumerate() {
            stream.fill(&self.correlation, &mut state.summary);
            let Some(head) = &stream.head else { continue };
            let clock = match &head.receive {
                Some(key) => match state.pending.get(key).and_then(VecDeque::front) {
                    Some(sent) => stream.clock.max(sent.clock) + 1,
                    None => {
                        let candidate = (stream.clock + 1, i);
                        if waiting.is_none_or(|w| candidate < w) {
                            waiting = Some(candidate);
                        }
                        continue;
                    }
                },
                None => stream.clock + 1,
            };
            if best.is_none_or(|b| (clock, i) < b) {
                best = Some((clock, i));
            }
        }
        match (best, waiting) {
            (Some((_, i)), _) => {
                let cause = streams[i]
                    .head
                    .as_ref()
                    .and_then(|h| h.receive.as_ref())
                    .and_then(|key| state.take_send(key));
                Some((i, cause))
            }
            (None, Some((_, i))) => Some((i, None)),
            (None, None) => None,
        }
    }
}

/// A node's transcript being read, one event ahead.
struct Stream<R> {
    file: String,
    node: String,
    /// The node's name as a JSON value, for `@node` in a key.
    node_value: Value,
    /// Payloads are read raw: only the args of a send or receive are parsed.
    reader: Reader<R, Box<RawValue>>,
    head: Option<Head>,
    /// The clock of the node's last event written.
    clock: u64,
    /// Calls of this node still open: their seq here and in the output.
    open: HashMap<u64, u64>,
}

/// The next event of a stream, with its key if it is a send or a receive.
struct Head {
    event: Event<Box<RawValue>>,
    send: Option<String>,
    receive: Option<String>,
}

/// A send written and not yet received.
#[derive(Debug, Clone)]
struct Sent {
    at: Unmatched,
    clock: u64,
}

#[derive(Default)]
struct State {
    summary: Summary,
    /// Sends written and not yet received, by key, oldest first.
    pending: HashMap<String, VecDeque<Sent>>,
}

impl<R: BufRead> Stream<R> {
    fn new(file: String, reader: Reader<R, Box<RawValue>>, node_key: &str) -> Stream<R> {
        let (node, node_value) = match reader.header().meta.get(node_key) {
            Some(Value::String(s)) => (s.clone(), Value::String(s.clone())),
            Some(value) if !value.is_null() => (value.to_string(), value.clone()),
            _ => {
                let stem = std::path::Path::new(&file)
                    .file_stem()
                    .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
                (stem.clone(), Value::String(stem))
            }
        };
        Stream {
            file,
            node,
            node_value,
            reader,
            head: None,
            clock: 0,
            open: HashMap::new(),
        }
    }

    /// Reads the next event into `head` if it is empty, skipping bad lines
    /// (into `summary.problems`) and counting unkeyed calls.
    fn fill(&mut self, correlation: &Correlation, summary: &mut Summary) {
        while self.head.is_none() {
            match self.reader.next() {
                None => return,
                Some(Err(e)) => summary.problems.push(problem(&self.file, &e)),
                Some(Ok(event)) => {
                    let (send, receive) = match &event {
                        Event::Call(call) => (
                            correlation.send_key(call, &self.node_value),
                            correlation.receive_key(call, &self.node_value),
                        ),
                        _ => (None, None),
                    };
                    summary.unkeyed_sends += u64::from(send == Some(None));
                    summary.unkeyed_receives += u64::from(receive == Some(None));
                    let (send, receive) = (send.flatten(), receive.flatten());
                    self.head = Some(Head {
                        event,
                        send,
                        receive,
                    });
                }
            }
        }
    }

    fn dropped(&self) -> u64 {
        match self.reader.ending() {
            Some(reprise_transcript::Ending::Clean { dropped, .. }) => *dropped,
            _ => 0,
        }
    }
}

fn problem(file: &str, e: &ReadError) -> Problem {
    Problem {
        file: file.to_owned(),
        message: e.to_string(),
    }
}

impl State {
    fn take_send(&mut self, key: &str) -> Option<Sent> {
        let queue = self.pending.get_mut(key)?;
        let sent = queue.pop_front();
        if queue.is_empty() {
            self.pending.remove(key);
        }
        sent
    }

    /// Writes `head` of `stream` as the next merged event into `buf`.
    fn write<R: BufRead>(
        &mut self,
        stream: &mut Stream<R>,
        head: Head,
        cause: Option<Sent>,
        buf: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let seq = self.summary.events;
        self.summary.events += 1;
        let mut event = head.event;
        let node_seq = event.seq().unwrap_or_default();
        stream.clock = match &cause {
            Some(sent) => stream.clock.max(sent.clock) + 1,
            None => stream.clock + 1,
        };
        let at = Unmatched {
            seq,
            node: stream.node.clone(),
            node_seq,
        };
        match &mut event {
            Event::State(e) => e.seq = seq,
            Event::Probe(e) => e.seq = seq,
            Event::Call(e) => {
                e.seq = seq;
                stream.open.insert(node_seq, seq);
                e.parent = e.parent.and_then(|p| stream.open.get(&p).copied());
            }
            Event::Return(e) => {
                e.seq = seq;
                if let Some(call) = stream.open.remove(&e.call) {
                    e.call = call;
                } else {
                    // Its call was a bad line: keep the link out of range
                    // rather than point at another call.
                    e.call = u64::MAX;
                }
            }
            Event::End(_) => {}
        }
        if head.receive.is_some() {
            match &cause {
                Some(_) => self.summary.matched += 1,
                None => self.summary.unmatched_receives.push(at.clone()),
            }
        }
        if let Some(key) = head.send {
            self.pending.entry(key).or_default().push_back(Sent {
                at: at.clone(),
                clock: stream.clock,
            });
        }
        // The event as read (raw payload), its closing brace replaced by
        // the origin fields.
        encode_line(buf, &event)?;
        buf.truncate(buf.len().saturating_sub(2));
        buf.extend_from_slice(b",\"node\":");
        serde_json::to_writer(&mut *buf, &stream.node).map_err(std::io::Error::other)?;
        let cause = cause.map(|sent| sent.at.seq);
        for (key, value) in [
            ("node_seq", Some(node_seq)),
            ("clock", Some(stream.clock)),
            ("cause", cause),
        ] {
            if let Some(value) = value {
                write!(buf, ",\"{key}\":{value}")?;
            }
        }
        buf.extend_from_slice(b"}\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests;
