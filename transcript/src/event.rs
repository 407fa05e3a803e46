//! The serde types of format version 1: the header and the five event kinds.
//!
//! Every payload (`state`, `args`, `ok`/`err`, probe `fields`) is generic so a
//! writer can serialise borrowed values of any type; a reader always produces
//! [`serde_json::Value`] payloads, the default type parameter.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The major version of the transcript format this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of every transcript: which component, when, by what.
///
/// ```
/// use reprise::transcript::Header;
/// let header = Header::new("kv-node", "2026-11-22T10:00:00Z", "0.1.0");
/// assert_eq!(header.reprise, reprise::transcript::FORMAT_VERSION);
/// assert!(header.meta.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Header {
    /// The format's major version; a reader rejects a newer one.
    pub reprise: u32,
    /// The recorded component's name, as given to the recorder.
    pub component: String,
    /// When recording started, RFC 3339 in UTC.
    pub created: String,
    /// The version of the recorder that wrote the transcript.
    pub recorder: String,
    /// Free-form metadata given by the recording program (version, host role).
    pub meta: Map<String, Value>,
    /// What the sanitizer did to this transcript, or `null` when it was not scrubbed.
    pub sanitizer: Option<Value>,
}

/// The header as written: `reprise` first, so `head -c 12` identifies a
/// transcript, then `kind`.
#[derive(Serialize)]
struct HeaderLine<'a> {
    reprise: u32,
    kind: &'static str,
    component: &'a str,
    created: &'a str,
    recorder: &'a str,
    meta: &'a Map<String, Value>,
    sanitizer: &'a Option<Value>,
}

impl Serialize for Header {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        HeaderLine {
            reprise: self.reprise,
            kind: "header",
            component: &self.component,
            created: &self.created,
            recorder: &self.recorder,
            meta: &self.meta,
            sanitizer: &self.sanitizer,
        }
        .serialize(s)
    }
}

impl Header {
    /// A header for `component` with empty metadata and no sanitizer section.
    pub fn new(
        component: impl Into<String>,
        created: impl Into<String>,
        recorder: impl Into<String>,
    ) -> Self {
        Header {
            reprise: FORMAT_VERSION,
            component: component.into(),
            created: created.into(),
            recorder: recorder.into(),
            meta: Map::new(),
            sanitizer: None,
        }
    }
}

/// Which way a call crosses the boundary.
///
/// ```
/// use reprise::transcript::Direction;
/// assert_eq!(serde_json::to_string(&Direction::Out).unwrap(), "\"out\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A call into the component (replay feeds it).
    In,
    /// A call the component makes to a dependency (replay serves its return).
    Out,
}

/// One line after the header.
///
/// ```
/// use reprise::transcript::{Event, Call, Direction};
/// let event: Event = Event::Call(Call {
///     seq: 1, dir: Direction::In, port: "api".into(), method: "get".into(),
///     args: serde_json::json!({"key": "a"}), at_ns: 10, parent: None, task: None,
/// });
/// assert_eq!(event.seq(), Some(1));
/// assert_eq!(event.kind(), "call");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Event<P = Value> {
    /// A snapshot of the component's state: the initial one, or a checkpoint.
    State(State<P>),
    /// A call across the boundary, inbound or outbound.
    Call(Call<P>),
    /// The return of an earlier call.
    Return(Return<P>),
    /// A named measurement the component or its host reported.
    Probe(Probe<P>),
    /// The closing line of a cleanly finished transcript.
    End(End),
}

impl<P> Event<P> {
    /// The event's sequence number; `None` for the `end` line, which has none.
    pub fn seq(&self) -> Option<u64> {
        match self {
            Event::State(e) => Some(e.seq),
            Event::Call(e) => Some(e.seq),
            Event::Return(e) => Some(e.seq),
            Event::Probe(e) => Some(e.seq),
            Event::End(_) => None,
        }
    }

    /// The `kind` field as written on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::State(_) => "state",
            Event::Call(_) => "call",
            Event::Return(_) => "return",
            Event::Probe(_) => "probe",
            Event::End(_) => "end",
        }
    }
}

/// A `state` event: the initial state (label `initial`) or a checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename = "state")]
pub struct State<P = Value> {
    /// Position in the transcript, unique and gap-free from 0.
    pub seq: u64,
    /// `initial` for the first state, `checkpoint` (or a caller's label) after.
    pub label: String,
    /// The component's state, as its `Serialize` impl writes it.
    pub state: P,
}

/// A `call` event: a call across the boundary with its arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename = "call")]
pub struct Call<P = Value> {
    /// Position in the transcript.
    pub seq: u64,
    /// `in` for a call into the component, `out` for a call it makes.
    pub dir: Direction,
    /// The boundary the call crosses (`network`, `storage`, `api`).
    pub port: String,
    /// The method called on that port.
    pub method: String,
    /// The arguments, usually an object keyed by argument name.
    pub args: P,
    /// Monotonic nanoseconds since recording started.
    pub at_ns: u64,
    /// The `seq` of the call this one happened inside, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    /// The task (thread or async task group) that made the call, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
}

/// How a call ended: `ok` with a value, or `err` with a serialised error.
///
/// ```
/// use reprise::transcript::Outcome;
/// let outcome: Outcome = Outcome::from_result(&Err::<u8, &str>("disk full")).unwrap();
/// assert!(!outcome.is_ok());
/// assert_eq!(outcome.value(), &serde_json::json!("disk full"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome<P = Value> {
    /// The call returned normally (or `Ok`), with this value.
    Ok(P),
    /// The call returned `Err`, with this error.
    Err(P),
    /// The call panicked, with this message (a JSON string), written as
    /// `"panic": "message"` by the recording wrapper's unwind path.
    Panic(P),
}

impl<P> Outcome<P> {
    /// Whether this is an `ok` outcome.
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok(_))
    }

    /// The value, whichever side it is on.
    pub fn value(&self) -> &P {
        match self {
            Outcome::Ok(v) | Outcome::Err(v) | Outcome::Panic(v) => v,
        }
    }

    /// `"ok"` or `"err"`, the field name on the wire.
    pub fn side(&self) -> &'static str {
        match self {
            Outcome::Ok(_) => "ok",
            Outcome::Err(_) => "err",
            Outcome::Panic(_) => "panic",
        }
    }
}

impl Outcome<Value> {
    /// Converts any serialisable value into an `ok` outcome.
    pub fn ok<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        Ok(Outcome::Ok(serde_json::to_value(value)?))
    }

    /// Converts a `Result` into `ok` or `err`.
    pub fn from_result<T: Serialize, E: Serialize>(
        result: &Result<T, E>,
    ) -> serde_json::Result<Self> {
        Ok(match result {
            Ok(v) => Outcome::Ok(serde_json::to_value(v)?),
            Err(e) => Outcome::Err(serde_json::to_value(e)?),
        })
    }

    /// The outcome as one JSON object, `{"ok": v}` or `{"err": e}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert(self.side().to_owned(), self.value().clone());
        Value::Object(map)
    }
}

/// A `return` event: how the call with seq `call` ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename = "return")]
pub struct Return<P = Value> {
    /// Position in the transcript.
    pub seq: u64,
    /// The `seq` of the call this returns from.
    pub call: u64,
    /// `ok` or `err`, flattened into the line as one of those two fields.
    #[serde(flatten)]
    pub outcome: Outcome<P>,
    /// Monotonic nanoseconds since recording started.
    pub at_ns: u64,
}

/// A `probe` event: a named measurement with fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename = "probe")]
pub struct Probe<P = Value> {
    /// Position in the transcript.
    pub seq: u64,
    /// Dotted name, such as `queue.depth`.
    pub name: String,
    /// The measured fields, usually an object.
    pub fields: P,
    /// Monotonic nanoseconds since recording started.
    pub at_ns: u64,
}

/// The `end` line: the recording finished cleanly.
///
/// `sanitizer` is written only when set: a recorder that scrubbed while
/// recording knows what it scrubbed where only once the recording ends, so
/// its per-path report goes here (the header's `sanitizer` section, written
/// first, lists the active rules). Readers of transcripts without it see
/// `None`; older readers ignore the field.
///
/// ```
/// use reprise::transcript::{End, encode_line};
/// let mut line = Vec::new();
/// encode_line(&mut line, &End::new(3, 0))?;
/// assert_eq!(line, b"{\"kind\":\"end\",\"events\":3,\"dropped\":0}\n");
/// let end = End { sanitizer: Some(serde_json::json!({"total": 1})), ..End::new(3, 0) };
/// line.clear();
/// encode_line(&mut line, &end)?;
/// assert!(line.ends_with(b",\"sanitizer\":{\"total\":1}}\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename = "end")]
pub struct End {
    /// How many events (lines between header and end) were written.
    pub events: u64,
    /// How many events the recorder dropped under its overflow policy.
    pub dropped: u64,
    /// What a sanitizer running inside the recorder scrubbed, where and how
    /// often (never a value); absent when none ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sanitizer: Option<Value>,
}

impl End {
    /// An `end` line counting `events` written and `dropped`, without a
    /// sanitizer report.
    ///
    /// ```
    /// let end = reprise::transcript::End::new(7, 1);
    /// assert_eq!((end.events, end.dropped, end.sanitizer), (7, 1, None));
    /// ```
    pub fn new(events: u64, dropped: u64) -> End {
        End {
            events,
            dropped,
            sanitizer: None,
        }
    }
}
