//! Hand-assembled event lines, byte-for-byte what `encode_line` writes.
//!
//! An event line is drafted on the calling thread, outside any lock, into a
//! reusable thread-local buffer: every field but `seq` and `at_ns`, with the
//! payload serialised straight into place. Under the recorder's lock the line
//! is handed to the sink as parts ([`line_parts`]: `prefix(kind)`, `seq`,
//! the head, `,"at_ns":T`, the tail), which the file sink copies straight
//! into its queue: the draft is copied once. The unit tests below check the joined
//! parts against [`reprise_transcript::encode_line`] of the same event, so
//! the format has one definition.

use std::cell::Cell;

use std::ops::Range;

use reprise_expect::CallRoute;
use reprise_sanitizer::Report;
use reprise_transcript::Direction;
use serde::Serialize;

/// The kind of an event line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    State,
    Call,
    Return,
    Probe,
}

impl Kind {
    /// The start of the line, up to the value of `seq`.
    fn prefix(self) -> &'static [u8] {
        match self {
            Kind::State => br#"{"kind":"state","seq":"#,
            Kind::Call => br#"{"kind":"call","seq":"#,
            Kind::Return => br#"{"kind":"return","seq":"#,
            Kind::Probe => br#"{"kind":"probe","seq":"#,
        }
    }

    /// Whether the line has an `at_ns` field (every kind but `state`).
    pub(crate) fn timed(self) -> bool {
        self != Kind::State
    }
}

/// What an event is about, known before it is drafted: what the live
/// engine gets with the payload's text and the seq and time given at commit.
#[derive(Debug, Clone, Copy)]
pub(crate) enum About<'n> {
    State {
        label: &'n str,
    },
    Call {
        dir: Direction,
        port: &'n str,
        method: &'n str,
        route: Option<CallRoute>,
    },
    Return {
        call: u64,
        ok: bool,
        route: Option<CallRoute>,
    },
    Probe {
        name: &'n str,
    },
}

impl About<'_> {
    /// The kind of line it is written as.
    pub(crate) fn kind(self) -> Kind {
        match self {
            About::State { .. } => Kind::State,
            About::Call { .. } => Kind::Call,
            About::Return { .. } => Kind::Return,
            About::Probe { .. } => Kind::Probe,
        }
    }
}

/// An event line without its `seq` and `at_ns`.
///
/// `buf[..split]` goes between `seq` and `at_ns`, `buf[split..]` after
/// `at_ns`, closing brace and newline included.
#[derive(Debug)]
pub(crate) struct Draft<'b> {
    pub(crate) kind: Kind,
    pub(crate) buf: &'b mut Vec<u8>,
    pub(crate) split: usize,
    /// Where the payload's JSON text is in `buf`, for the live engine.
    pub(crate) payload: Range<usize>,
    /// What the sanitizer scrubbed in the payload, kept only for the flight
    /// recorder (a dump's `end` line reports what the dump holds) and only
    /// when something was scrubbed.
    pub(crate) scrubbed: Option<Box<Report>>,
}

impl<'b> Draft<'b> {
    /// An empty draft of a `kind` line into `buf`.
    pub(crate) fn new(kind: Kind, buf: &'b mut Vec<u8>) -> Self {
        Draft {
            kind,
            buf,
            split: 0,
            payload: 0..0,
            scrubbed: None,
        }
    }

    /// The payload, as written.
    pub(crate) fn payload_bytes(&self) -> &[u8] {
        self.buf.get(self.payload.clone()).unwrap_or_default()
    }
}

impl Draft<'_> {
    /// Marks the end of the head: what follows goes after `at_ns`.
    #[inline]
    pub(crate) fn split_here(&mut self) {
        self.split = self.buf.len();
    }

    /// Appends raw bytes.
    #[inline]
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Appends a JSON string.
    #[inline]
    pub(crate) fn string(&mut self, s: &str) {
        push_json_str(self.buf, s);
    }

    /// Appends a decimal number.
    #[inline]
    pub(crate) fn number(&mut self, n: u64) {
        push_u64(self.buf, n);
    }

    /// Closes the line.
    #[inline]
    pub(crate) fn close(&mut self) {
        self.buf.extend_from_slice(b"}\n");
    }
}

/// Calls `f` with the complete line of `draft` given its `seq` and
/// `at_ns`, as consecutive parts: `prefix(kind)`, `seq`, the head,
/// `,"at_ns":` and `T` (both empty for an untimed line), the tail. The sink copies
/// the parts straight into its queue ([`Sink::write_parts`]), so the line is
/// never assembled in a buffer of its own first.
///
/// [`Sink::write_parts`]: crate::Sink::write_parts
#[inline(always)]
pub(crate) fn line_parts<R>(
    draft: &Draft<'_>,
    seq: u64,
    at_ns: u64,
    f: impl FnOnce(&[&[u8]]) -> R,
) -> R {
    let (head, tail) = draft.buf.split_at(draft.split.min(draft.buf.len()));
    let mut seq_text = itoa::Buffer::new();
    let mut at_text = itoa::Buffer::new();
    let (at_key, at): (&[u8], &[u8]) = if draft.kind.timed() {
        (br#","at_ns":"#, at_text.format(at_ns).as_bytes())
    } else {
        (b"", b"")
    };
    let seq = seq_text.format(seq).as_bytes();
    f(&[draft.kind.prefix(), seq, head, at_key, at, tail])
}

/// Replaces `line` with the concatenation of `parts`.
pub(crate) fn join(line: &mut Vec<u8>, parts: &[&[u8]]) {
    line.clear();
    line.reserve(crate::sink::joined_len(parts));
    for part in parts {
        line.extend_from_slice(part);
    }
}

/// Appends `n` in decimal.
#[inline]
pub(crate) fn push_u64(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it.
#[inline]
pub(crate) fn push_json_str(buf: &mut Vec<u8>, s: &str) {
    reprise_transcript::json::push_str(buf, s);
}

/// Appends `value` as JSON, or the `{"$unserializable": ...}` placeholder if
/// its `Serialize` impl fails. Returns the error message on failure.
pub(crate) fn push_payload<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) -> Option<String> {
    let mark = buf.len();
    let found = std::cell::Cell::new(false);
    let written = match reprise_transcript::json::write(buf, value, &found) {
        Ok(()) => Ok(()),
        // Outside the fast serializer's subset, or failed: serde_json
        // writes it (or says why it cannot).
        Err(reprise_transcript::json::Unsupported) => {
            buf.truncate(mark);
            found.set(false);
            let watched = crate::finite::Finite {
                value,
                found: &found,
            };
            serde_json::to_writer(&mut *buf, &watched)
        }
    };
    let message = match written {
        // JSON cannot hold it: written as `null`, and counted.
        Ok(()) if found.get() && !too_deep(&buf[mark..]) => {
            return Some(NON_FINITE.to_owned());
        }
        Ok(()) if !too_deep(&buf[mark..]) => return None,
        Ok(()) => format!(
            "nested deeper than {MAX_DEPTH} levels, which no reader of the transcript accepts"
        ),
        Err(e) => e.to_string(),
    };
    buf.truncate(mark);
    buf.extend_from_slice(br#"{"$unserializable":"#);
    push_json_str(buf, &message);
    buf.push(b'}');
    Some(message)
}

/// The failure noted for a payload holding a NaN or an infinity.
pub(crate) const NON_FINITE: &str =
    "holds a NaN or infinite float, which JSON cannot hold: it was written as null";

/// The deepest nesting of arrays and objects a payload may have: serde_json's
/// recursion limit (a line nests at most 127 deep), which every reader of a
/// transcript (the CLI, replay, the sanitizer) parses with, less the one
/// level of the event line around the payload. The recorder refuses deeper
/// payloads when it writes them (as unserialisable, counted), so it never
/// writes a line its own tools reject.
pub(crate) const MAX_DEPTH: usize = 126;

/// Whether the JSON text `json` nests deeper than [`MAX_DEPTH`]. Most
/// payloads have far fewer brackets than that in all, and are passed by one
/// vectorised count.
pub(crate) fn too_deep(json: &[u8]) -> bool {
    // Each level takes an opening and a closing bracket: text this short
    // cannot nest too deep (most payloads end here).
    if json.len() <= 2 * MAX_DEPTH {
        return false;
    }
    // `[` and `{` differ only in the bit 0x20: one comparison a byte, which
    // the compiler vectorises.
    let brackets = json.iter().filter(|&&b| b | 0x20 == b'{').count();
    if brackets <= MAX_DEPTH {
        return false;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in json {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

thread_local! {
    static DRAFT_BUF: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Runs `f` with this thread's reusable draft buffer, empty. The buffer is
/// taken out of thread-local storage for the duration, so a `Serialize` impl
/// that records (re-entrancy) simply gets a fresh one, as does a thread being
/// torn down.
pub(crate) fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    let mut buf = DRAFT_BUF.try_with(Cell::take).unwrap_or_default();
    buf.clear();
    let result = f(&mut buf);
    if buf.capacity() <= MAX_KEPT_CAPACITY {
        // Fails only while the thread is being torn down; the buffer is then dropped.
        let _ = DRAFT_BUF.try_with(|cell| cell.set(buf));
    }
    result
}

/// A thread keeps a draft buffer up to this size between events; a larger one
/// (after an unusually large payload) is released.
const MAX_KEPT_CAPACITY: usize = 1 << 20;

#[cfg(test)]
mod tests {
    /// Issue 15: arguments nested 127+ deep were recorded, then refused by
    /// every reader. The recorder's limit is the readers' limit.
    #[test]
    fn regression_the_depth_limit_is_the_readers_limit() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let deepest = nested(super::MAX_DEPTH);
        assert!(!super::too_deep(deepest.as_bytes()));
        // The deepest payload still reads inside its event line.
        let line = format!("{{\"kind\":\"state\",\"state\":{deepest}}}");
        assert!(serde_json::from_str::<serde_json::Value>(&line).is_ok());
        let line = format!("{{\"kind\":\"state\",\"state\":[{deepest}]}}");
        assert!(serde_json::from_str::<serde_json::Value>(&line).is_err());
        let deeper = nested(super::MAX_DEPTH + 1);
        assert!(super::too_deep(deeper.as_bytes()));
        // Brackets inside strings do not count.
        let quoted = format!("[\"{}\"]", "[".repeat(500));
        assert!(!super::too_deep(quoted.as_bytes()));
        let mut buf = Vec::new();
        let value: serde_json::Value = serde_json::from_str(&deepest).unwrap();
        let wrapped = serde_json::json!([value]);
        assert!(super::push_payload(&mut buf, &wrapped).is_some());
        assert!(buf.starts_with(br#"{"$unserializable":"nested deeper than"#));
    }

    use reprise_transcript::{Call, Direction, Event, Outcome, Probe, Return, State, encode_line};
    use serde_json::{Value, json};

    use super::*;

    fn expected(event: &Event<Value>) -> String {
        let mut buf = Vec::new();
        encode_line(&mut buf, event).expect("encode");
        String::from_utf8(buf).expect("utf-8")
    }

    fn drafted(kind: Kind, seq: u64, at_ns: u64, build: impl FnOnce(&mut Draft<'_>)) -> String {
        let mut buf = Vec::new();
        let mut draft = Draft::new(kind, &mut buf);
        build(&mut draft);
        let mut line = Vec::new();
        line_parts(&draft, seq, at_ns, |parts| join(&mut line, parts));
        String::from_utf8(line).expect("utf-8")
    }

    fn payload(d: &mut Draft<'_>, v: &Value) {
        assert!(push_payload(d.buf, v).is_none());
    }

    #[test]
    fn call_lines_match_encode_line() {
        let args = json!({"to": 2, "msg": "h\u{e9}llo \"q\"\n", "n": [1.5, null]});
        for (parent, task) in [
            (None, None),
            (Some(7), Some("worker-1")),
            (None, Some("\u{1f980}")),
        ] {
            let want = expected(&Event::Call(Call {
                seq: 12,
                dir: Direction::Out,
                port: "net\"work".into(),
                method: "send".into(),
                args: args.clone(),
                at_ns: 1900,
                parent,
                task: task.map(Into::into),
            }));
            let got = drafted(Kind::Call, 12, 1900, |d| {
                d.raw(br#","dir":"out","port":"#);
                d.string("net\"work");
                d.raw(br#","method":"#);
                d.string("send");
                d.raw(br#","args":"#);
                payload(d, &args);
                d.split_here();
                if let Some(p) = parent {
                    d.raw(br#","parent":"#);
                    d.number(p);
                }
                if let Some(t) = task {
                    d.raw(br#","task":"#);
                    d.string(t);
                }
                d.close();
            });
            assert_eq!(got, want);
        }
    }

    #[test]
    fn return_probe_and_state_lines_match_encode_line() {
        let value = json!({"ok": [1, 2]});
        let want = expected(&Event::Return(Return {
            seq: 3,
            call: 2,
            outcome: Outcome::Err(value.clone()),
            at_ns: u64::MAX,
        }));
        let got = drafted(Kind::Return, 3, u64::MAX, |d| {
            d.raw(br#","call":"#);
            d.number(2);
            d.raw(br#","err":"#);
            payload(d, &value);
            d.split_here();
            d.close();
        });
        assert_eq!(got, want);

        let want = expected(&Event::Probe(Probe {
            seq: 0,
            name: "queue.depth".into(),
            fields: json!({"len": 12}),
            at_ns: 0,
        }));
        let got = drafted(Kind::Probe, 0, 0, |d| {
            d.raw(br#","name":"#);
            d.string("queue.depth");
            d.raw(br#","fields":"#);
            payload(d, &json!({"len": 12}));
            d.split_here();
            d.close();
        });
        assert_eq!(got, want);

        let want = expected(&Event::State(State {
            seq: 0,
            label: "initial".into(),
            state: json!(null),
        }));
        let got = drafted(Kind::State, 0, 99, |d| {
            d.raw(br#","label":"#);
            d.string("initial");
            d.raw(br#","state":"#);
            payload(d, &Value::Null);
            d.close();
            d.split_here();
        });
        assert_eq!(got, want);
    }

    #[test]
    fn push_u64_writes_decimal() {
        for n in [0, 7, 10, 99, 1234567890, u64::MAX] {
            let mut buf = b"x".to_vec();
            push_u64(&mut buf, n);
            assert_eq!(buf, format!("x{n}").into_bytes());
        }
    }

    #[test]
    fn a_failing_payload_becomes_a_placeholder() {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), "pair key");
        let mut buf = b"[".to_vec();
        let message = push_payload(&mut buf, &map).expect("a failure");
        assert!(message.contains("key must be a string"), "{message}");
        buf.push(b']');
        let value: Value = serde_json::from_slice(&buf).expect("valid JSON");
        assert_eq!(value, json!([{"$unserializable": message}]));
    }

    #[test]
    fn the_buffer_is_reentrant() {
        let outer = with_buffer(|outer| {
            outer.extend_from_slice(b"outer");
            let inner = with_buffer(|inner| {
                assert!(inner.is_empty());
                inner.extend_from_slice(b"inner");
                inner.clone()
            });
            (outer.clone(), inner)
        });
        assert_eq!(outer, (b"outer".to_vec(), b"inner".to_vec()));
    }
}
