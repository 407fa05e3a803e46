//! Structural diff of two transcripts: what `reprise diff` and
//! `reprise review` print.
//!
//! Two transcripts are compared as the replayer sees them, not line by
//! line: the inbound calls are aligned with each other (by port, method and
//! arguments, then by port and method), and within each inbound call its
//! outbound calls (those whose `parent` chain leads to it) are aligned the
//! same way; calls made outside any inbound call form one scope of their
//! own. States are aligned by label, probes by name. An aligned pair is
//! compared as JSON values, and every difference names the JSON paths
//! (inside the event line: `$.args.to`, `$.ok.id`, `$.state.log[2]`) where
//! the two disagree.
//!
//! What is left out by default is noise: `at_ns`, the header's `created`
//! and `recorder`, the sanitizer reports, and `seq` numbers themselves
//! (they locate a difference, they are not one). [`DiffOptions::noise`]
//! compares `at_ns`, `created` and `recorder` too, and
//! [`DiffOptions::ignore`] leaves out more paths (ids, timestamps). A
//! redacted value (`"[redacted:RULE]"`) on either side matches anything, as
//! it does in replay.
//!
//! Alignment uses Myers' algorithm (the `similar` crate); on very large
//! transcripts that differ almost everywhere it gives up looking for the
//! best alignment after a few seconds and reports a coarser one.
//!
//! ```
//! use reprise::testing::{DiffOptions, Outline, diff};
//! let a = Outline::from_str("a.jsonl", r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-01-01T00:00:00Z"}
//! {"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a"},"at_ns":10}
//! {"kind":"call","seq":2,"dir":"out","port":"storage","method":"write","args":{"key":"a","v":1},"at_ns":20,"parent":1}
//! {"kind":"return","seq":3,"call":2,"ok":null,"at_ns":30}
//! {"kind":"return","seq":4,"call":1,"ok":1,"at_ns":40}
//! "#)?;
//! let b = Outline::from_str("b.jsonl", r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-02-02T00:00:00Z"}
//! {"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a"},"at_ns":11}
//! {"kind":"call","seq":2,"dir":"out","port":"storage","method":"write","args":{"key":"a","v":2},"at_ns":21,"parent":1}
//! {"kind":"return","seq":3,"call":2,"ok":null,"at_ns":31}
//! {"kind":"return","seq":4,"call":1,"ok":1,"at_ns":41}
//! "#)?;
//! let diff = diff(&a, &b, &DiffOptions::new());
//! assert!(!diff.is_equivalent());
//! let first = diff.first().unwrap();
//! assert_eq!(first.paths[0].path, "$.args.v");
//! assert_eq!(
//!     first.to_string(),
//!     "arguments differ: storage.write in inbound call #1 api.put (a: seq 2, b: seq 2) at $.args.v",
//! );
//! # Ok::<(), reprise::testing::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::path::Path;
use std::time::{Duration, Instant};

use reprise_sanitizer::{is_redacted, matches_redacted};
use reprise_transcript::{
    Direction, Ending, Event, Header, JsonPath, Outcome, Reader, Selector, SelectorError, Step,
    diff_paths,
};
use serde::Serialize;
use serde_json::Value;
use similar::{Algorithm, DiffTag};

use crate::error::Error;

/// What a diff compares and leaves out. The default leaves out noise
/// (`at_ns`, `created`, `recorder`, sanitizer reports) and ignores no
/// other path.
///
/// ```
/// use reprise::testing::DiffOptions;
/// let options = DiffOptions::new().ignore("$.args.request_id")?.ignore("$..trace_id")?;
/// assert_eq!(options.ignored().len(), 2);
/// assert!(DiffOptions::new().ignore("args.id").is_err(), "a selector starts with `$`");
/// # Ok::<(), reprise::transcript::SelectorError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    ignore: Vec<Selector>,
    noise: bool,
}

impl DiffOptions {
    /// Options that leave out noise and ignore nothing else.
    ///
    /// ```
    /// assert!(reprise::testing::DiffOptions::new().ignored().is_empty());
    /// ```
    pub fn new() -> DiffOptions {
        DiffOptions::default()
    }

    /// Leaves out the differences at the paths `selector` matches and below
    /// them. Paths are inside the event line: `$.args.id`, `$.ok.token`,
    /// `$.state.epoch`, `$.fields.host`, `$.meta.build` (the header),
    /// `$..timestamp` (anywhere).
    ///
    /// ```
    /// let options = reprise::testing::DiffOptions::new().ignore("$.ok.session")?;
    /// assert_eq!(options.ignored()[0].to_string(), "$.ok.session");
    /// # Ok::<(), reprise::transcript::SelectorError>(())
    /// ```
    pub fn ignore(mut self, selector: &str) -> Result<DiffOptions, SelectorError> {
        self.ignore.push(selector.parse()?);
        Ok(self)
    }

    /// [`DiffOptions::ignore`] with a parsed selector.
    ///
    /// ```
    /// let selector = "$..id".parse()?;
    /// let options = reprise::testing::DiffOptions::new().ignore_selector(selector);
    /// assert_eq!(options.ignored().len(), 1);
    /// # Ok::<(), reprise::transcript::SelectorError>(())
    /// ```
    pub fn ignore_selector(mut self, selector: Selector) -> DiffOptions {
        self.ignore.push(selector);
        self
    }

    /// Whether noise is compared too: each call's and probe's `at_ns`, and
    /// the header's `created` and `recorder` (default: no).
    ///
    /// ```
    /// let options = reprise::testing::DiffOptions::new().noise(true);
    /// assert!(options.compares_noise());
    /// ```
    pub fn noise(mut self, on: bool) -> DiffOptions {
        self.noise = on;
        self
    }

    /// The selectors of [`DiffOptions::ignore`].
    ///
    /// ```
    /// assert!(reprise::testing::DiffOptions::new().ignored().is_empty());
    /// ```
    pub fn ignored(&self) -> &[Selector] {
        &self.ignore
    }

    /// Whether [`DiffOptions::noise`] is on.
    ///
    /// ```
    /// assert!(!reprise::testing::DiffOptions::new().compares_noise());
    /// ```
    pub fn compares_noise(&self) -> bool {
        self.noise
    }

    fn ignores(&self, path: &JsonPath) -> bool {
        self.ignore.iter().any(|s| s.matches_prefix_of(path))
    }
}

/// A transcript read for comparison: its header, states, inbound calls
/// with the outbound calls made inside each, calls made outside any
/// inbound call, probes, and how it ended.
///
/// The whole transcript is held in memory (its payloads as JSON values).
///
/// ```
/// use reprise::testing::Outline;
/// let outline = Outline::from_str("kv.jsonl", r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"kind":"call","seq":1,"dir":"in","port":"api","method":"get","args":{},"at_ns":1}
/// {"kind":"return","seq":2,"call":1,"ok":7,"at_ns":2}
/// {"kind":"end","events":2,"dropped":0}
/// "#)?;
/// assert_eq!(outline.name(), "kv.jsonl");
/// assert_eq!(outline.inbound_calls(), 1);
/// assert_eq!(outline.events(), 2);
/// # Ok::<(), reprise::testing::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Outline {
    name: String,
    header: Header,
    states: Vec<StateRec>,
    /// Calls made outside any inbound call.
    outside: Vec<CallRec>,
    scopes: Vec<Scope>,
    probes: Vec<ProbeRec>,
    ending: Option<Ending>,
    events: u64,
}

#[derive(Debug, Clone)]
struct StateRec {
    seq: u64,
    label: String,
    state: Value,
}

#[derive(Debug, Clone)]
struct CallRec {
    seq: u64,
    dir: Direction,
    port: String,
    method: String,
    args: Value,
    at_ns: u64,
    outcome: Option<Outcome>,
}

#[derive(Debug, Clone)]
struct Scope {
    call: CallRec,
    calls: Vec<CallRec>,
}

#[derive(Debug, Clone)]
struct ProbeRec {
    seq: u64,
    name: String,
    fields: Value,
    at_ns: u64,
}

/// Where a call of the transcript being read went.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Scope(usize),
    InScope(usize, usize),
    Outside(usize),
}

impl Outline {
    /// Reads the transcript at `path`; `progress` is called with the
    /// number of events read so far, every 4,096 events and at the end.
    /// A line that cannot be read is an error naming it: a diff of a
    /// transcript with holes would mislead.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("kv.jsonl");
    /// std::fs::write(&path, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// let outline = reprise::testing::Outline::read(&path, &mut |_| {})?;
    /// assert_eq!(outline.events(), 0);
    /// let err = reprise::testing::Outline::read(&dir.path().join("none.jsonl"), &mut |_| {}).unwrap_err();
    /// assert!(err.to_string().contains("none.jsonl: cannot open"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read(path: &Path, progress: &mut dyn FnMut(u64)) -> Result<Outline, Error> {
        let file = std::fs::File::open(path).map_err(Error::io(path, "open"))?;
        let input = std::io::BufReader::with_capacity(64 * 1024, file);
        let reader = Reader::from_buf_read(input).map_err(Error::read(path))?;
        Outline::from_reader(&path.display().to_string(), reader, progress)
            .map_err(|err| err.at(path))
    }

    /// Reads a transcript held in memory; `name` names it in messages.
    ///
    /// ```
    /// let err = reprise::testing::Outline::from_str("x.jsonl", "{\"kind\":\"end\"}\n").unwrap_err();
    /// assert!(err.to_string().starts_with("x.jsonl: line 1: not a reprise transcript"), "{err}");
    /// ```
    #[allow(
        clippy::should_implement_trait,
        reason = "it takes a name too, as Replay::from_str does not"
    )]
    pub fn from_str(name: &str, text: &str) -> Result<Outline, Error> {
        let reader = Reader::new(text.as_bytes()).map_err(Error::read(name))?;
        Outline::from_reader(name, reader, &mut |_| {})
    }

    /// Reads the rest of `reader`; `name` names the transcript in messages.
    ///
    /// ```
    /// use reprise::transcript::Reader;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// let outline = reprise::testing::Outline::from_reader("kv.jsonl", Reader::new(text.as_bytes())?, &mut |_| {})?;
    /// assert_eq!(outline.header().component, "kv");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_reader<R: BufRead>(
        name: &str,
        mut reader: Reader<R>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Outline, Error> {
        let mut outline = Outline {
            name: name.to_owned(),
            header: reader.header().clone(),
            states: Vec::new(),
            outside: Vec::new(),
            scopes: Vec::new(),
            probes: Vec::new(),
            ending: None,
            events: 0,
        };
        let mut slots: HashMap<u64, Slot> = HashMap::new();
        for item in reader.by_ref() {
            let event = item.map_err(Error::read(name))?;
            outline.events += 1;
            if outline.events % 4096 == 0 {
                progress(outline.events);
            }
            match event {
                Event::State(e) => outline.states.push(StateRec {
                    seq: e.seq,
                    label: e.label,
                    state: e.state,
                }),
                Event::Call(e) => {
                    // The nearest inbound call up the parent chain; parents
                    // come before their children, so a forward or circular
                    // link is not followed.
                    let scope = match e.parent.and_then(|p| (p < e.seq).then_some(p)) {
                        Some(parent) => match slots.get(&parent) {
                            Some(Slot::Scope(i) | Slot::InScope(i, _)) => Some(*i),
                            _ => None,
                        },
                        None => None,
                    };
                    let call = CallRec {
                        seq: e.seq,
                        dir: e.dir,
                        port: e.port,
                        method: e.method,
                        args: e.args,
                        at_ns: e.at_ns,
                        outcome: None,
                    };
                    let slot = match (call.dir, scope) {
                        (Direction::In, _) => {
                            outline.scopes.push(Scope {
                                call,
                                calls: Vec::new(),
                            });
                            Slot::Scope(outline.scopes.len() - 1)
                        }
                        (Direction::Out, Some(i)) => {
                            outline.scopes[i].calls.push(call);
                            Slot::InScope(i, outline.scopes[i].calls.len() - 1)
                        }
                        (Direction::Out, None) => {
                            outline.outside.push(call);
                            Slot::Outside(outline.outside.len() - 1)
                        }
                    };
                    slots.insert(e.seq, slot);
                }
                Event::Return(e) => {
                    let call = match slots.get(&e.call) {
                        Some(Slot::Scope(i)) => Some(&mut outline.scopes[*i].call),
                        Some(Slot::InScope(i, j)) => Some(&mut outline.scopes[*i].calls[*j]),
                        Some(Slot::Outside(i)) => Some(&mut outline.outside[*i]),
                        None => None,
                    };
                    if let Some(call) = call {
                        call.outcome = Some(e.outcome);
                    }
                }
                Event::Probe(e) => outline.probes.push(ProbeRec {
                    seq: e.seq,
                    name: e.name,
                    fields: e.fields,
                    at_ns: e.at_ns,
                }),
                Event::End(_) => {}
            }
        }
        progress(outline.events);
        outline.ending = reader.ending().cloned();
        Ok(outline)
    }

    /// The name given when it was read (the path, for [`Outline::read`]).
    ///
    /// ```
    /// let outline = reprise::testing::Outline::from_str("a.jsonl", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// assert_eq!(outline.name(), "a.jsonl");
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header.
    ///
    /// ```
    /// let outline = reprise::testing::Outline::from_str("a.jsonl", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// assert_eq!(outline.header().component, "c");
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// How many events were read (the `end` line is not one).
    ///
    /// ```
    /// let outline = reprise::testing::Outline::from_str("a.jsonl", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// assert_eq!(outline.events(), 0);
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn events(&self) -> u64 {
        self.events
    }

    /// How many inbound calls it holds.
    ///
    /// ```
    /// let outline = reprise::testing::Outline::from_str("a.jsonl", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// assert_eq!(outline.inbound_calls(), 0);
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn inbound_calls(&self) -> usize {
        self.scopes.len()
    }
}

impl Error {
    /// A read error about `name` (the path's display) re-attached to `path`.
    fn at(self, path: &Path) -> Error {
        match self {
            Error::Read { source, .. } => Error::Read {
                path: path.to_owned(),
                source,
            },
            other => other,
        }
    }
}

/// What kind of difference: the replay vocabulary where it applies.
///
/// ```
/// use reprise::testing::DifferenceKind;
/// assert_eq!(DifferenceKind::MissingCall.to_string(), "missing call");
/// assert_eq!(serde_json::to_value(DifferenceKind::ArgumentsDiffer)?, "arguments_differ");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DifferenceKind {
    /// The headers differ (component, `meta`; with noise, `created` and
    /// `recorder`).
    Header,
    /// A state (the initial state or a checkpoint) differs.
    StateDiffers,
    /// A state of the first transcript has none to match in the second.
    MissingState,
    /// A state of the second transcript has none to match in the first.
    UnexpectedState,
    /// A call of the first transcript has none to match in the second.
    MissingCall,
    /// A call of the second transcript has none to match in the first.
    UnexpectedCall,
    /// Two matched calls have different arguments.
    ArgumentsDiffer,
    /// Two matched calls returned differently (or one did not return).
    ReturnDiffers,
    /// A probe of the first transcript has none to match in the second.
    MissingProbe,
    /// A probe of the second transcript has none to match in the first.
    UnexpectedProbe,
    /// Two matched probes have different fields.
    ProbeDiffers,
    /// One transcript ended cleanly and the other was cut short, or their
    /// `end` lines count different dropped events.
    Ending,
}

impl fmt::Display for DifferenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DifferenceKind::Header => "header differs",
            DifferenceKind::StateDiffers => "state differs",
            DifferenceKind::MissingState => "missing state",
            DifferenceKind::UnexpectedState => "unexpected state",
            DifferenceKind::MissingCall => "missing call",
            DifferenceKind::UnexpectedCall => "unexpected call",
            DifferenceKind::ArgumentsDiffer => "arguments differ",
            DifferenceKind::ReturnDiffers => "return differs",
            DifferenceKind::MissingProbe => "missing probe",
            DifferenceKind::UnexpectedProbe => "unexpected probe",
            DifferenceKind::ProbeDiffers => "probe differs",
            DifferenceKind::Ending => "ending differs",
        })
    }
}

/// One place where two transcripts disagree.
///
/// `seq_a` and `seq_b` are the event's seq in each transcript (`None` on
/// the side it is missing from, and for the header and the ending);
/// `inbound` is the 1-based position of the inbound call it happened in,
/// in the first transcript (in the second when only it has the call).
///
/// ```
/// use reprise::testing::{DiffOptions, Outline, diff};
/// let head = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
/// let a = Outline::from_str("a", &format!("{head}{}", r#"{"kind":"probe","seq":0,"name":"depth","fields":{"n":1},"at_ns":0}"#))?;
/// let b = Outline::from_str("b", head)?;
/// let diff = diff(&a, &b, &DiffOptions::new());
/// let first = diff.first().unwrap();
/// assert_eq!((first.seq_a, first.seq_b, first.name.as_deref()), (Some(0), None, Some("depth")));
/// assert_eq!(first.to_string(), "missing probe: depth (a: seq 0)");
/// # Ok::<(), reprise::testing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// What differs.
    pub kind: DifferenceKind,
    /// The call's direction, for a call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<Direction>,
    /// The call's port, for a call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// The call's method, for a call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The probe's name, or the state's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The inbound call this happened in: its 1-based position, port and
    /// method. `None` for the header, states, probes, the ending and calls
    /// made outside any inbound call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound: Option<Inbound>,
    /// Its seq in the first transcript.
    pub seq_a: Option<u64>,
    /// Its seq in the second transcript.
    pub seq_b: Option<u64>,
    /// The JSON paths that differ, with the value on each side (`None`
    /// where a side has nothing there).
    pub paths: Vec<PathDifference>,
}

/// The inbound call a difference happened in.
///
/// ```
/// let inbound = reprise::testing::Inbound { position: 2, port: "api".into(), method: "put".into() };
/// assert_eq!(inbound.to_string(), "inbound call #2 api.put");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inbound {
    /// Its 1-based position among the inbound calls.
    pub position: usize,
    /// Its port.
    pub port: String,
    /// Its method.
    pub method: String,
}

impl fmt::Display for Inbound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "inbound call #{} {}.{}",
            self.position, self.port, self.method
        )
    }
}

/// One JSON path where two values differ, with the value on each side.
///
/// ```
/// let d = reprise::testing::PathDifference { path: "$.args.to".into(), a: Some(2.into()), b: None };
/// assert_eq!(d.path, "$.args.to");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathDifference {
    /// The path inside the event line (`$.args.to`, `$.ok`, `$.meta.build`).
    pub path: String,
    /// The value in the first transcript, if it has one there.
    pub a: Option<Value>,
    /// The value in the second transcript, if it has one there.
    pub b: Option<Value>,
}

impl Difference {
    fn new(kind: DifferenceKind) -> Difference {
        Difference {
            kind,
            dir: None,
            port: None,
            method: None,
            name: None,
            inbound: None,
            seq_a: None,
            seq_b: None,
            paths: Vec::new(),
        }
    }

    /// What the difference is about: `storage.append in inbound call #2
    /// api.on_message`, `inbound call #3 api.put`, `state initial`, `probe
    /// queue.depth`, `header`, `end`.
    ///
    /// ```
    /// use reprise::testing::{Difference, DifferenceKind};
    /// # let d = reprise::testing::DiffOptions::new();
    /// let head = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    /// let a = reprise::testing::Outline::from_str("a", head)?;
    /// let b = reprise::testing::Outline::from_str("b", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"d\"}\n")?;
    /// let diff = reprise::testing::diff(&a, &b, &d);
    /// assert_eq!(diff.first().unwrap().subject(), "header");
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn subject(&self) -> String {
        match self.kind {
            DifferenceKind::Header => "header".to_owned(),
            DifferenceKind::Ending => "end".to_owned(),
            DifferenceKind::StateDiffers
            | DifferenceKind::MissingState
            | DifferenceKind::UnexpectedState => {
                format!("state {}", self.name.as_deref().unwrap_or(""))
            }
            DifferenceKind::MissingProbe
            | DifferenceKind::UnexpectedProbe
            | DifferenceKind::ProbeDiffers => self.name.clone().unwrap_or_default(),
            _ => {
                let call = format!(
                    "{}.{}",
                    self.port.as_deref().unwrap_or(""),
                    self.method.as_deref().unwrap_or("")
                );
                match (&self.inbound, self.dir) {
                    (_, Some(Direction::In)) => match &self.inbound {
                        Some(inbound) => format!("inbound call #{} {call}", inbound.position),
                        None => format!("inbound call {call}"),
                    },
                    (Some(inbound), _) => format!("{call} in {inbound}"),
                    (None, _) => format!("{call} outside inbound calls"),
                }
            }
        }
    }

    /// Where it is in each transcript: `(a: seq 7, b: seq 9)`, `(a: seq
    /// 7)`, or nothing for the header and the ending.
    fn seqs(&self) -> String {
        match (self.seq_a, self.seq_b) {
            (Some(a), Some(b)) => format!(" (a: seq {a}, b: seq {b})"),
            (Some(a), None) => format!(" (a: seq {a})"),
            (None, Some(b)) => format!(" (b: seq {b})"),
            (None, None) => String::new(),
        }
    }
}

/// One line: `kind: subject (a: seq N, b: seq M) at PATH`, the path being
/// the first that differs, when it says more than the kind.
impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}{}", self.kind, self.subject(), self.seqs())?;
        let says_more = !matches!(
            self.kind,
            DifferenceKind::MissingCall
                | DifferenceKind::UnexpectedCall
                | DifferenceKind::MissingProbe
                | DifferenceKind::UnexpectedProbe
                | DifferenceKind::MissingState
                | DifferenceKind::UnexpectedState
        );
        if says_more && let Some(first) = self.paths.first() {
            write!(f, " at {}", first.path)?;
            if self.paths.len() > 1 {
                write!(f, " (and {} more)", self.paths.len() - 1)?;
            }
        }
        Ok(())
    }
}

/// The differences between two transcripts, in the order of the first:
/// header, states, calls outside inbound calls, inbound calls (each with
/// its outbound calls), probes, ending.
///
/// ```
/// use reprise::testing::{DiffOptions, Outline, diff};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
/// let same = diff(&Outline::from_str("a", text)?, &Outline::from_str("b", text)?, &DiffOptions::new());
/// assert!(same.is_equivalent());
/// assert_eq!(same.to_text(), "a and b are equivalent\n");
/// assert_eq!(same.to_json()["equivalent"], true);
/// # Ok::<(), reprise::testing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The first transcript's name.
    pub a: String,
    /// The second transcript's name.
    pub b: String,
    /// Every difference, the first one first.
    pub differences: Vec<Difference>,
}

/// How many paths of one difference the text shows.
const SHOWN_PATHS: usize = 10;

/// How many characters of a value the text shows.
const SHOWN_CHARS: usize = 160;

impl Diff {
    /// Whether the two transcripts are equivalent: no difference outside
    /// what the options leave out.
    ///
    /// ```
    /// # use reprise::testing::{DiffOptions, Outline, diff};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    /// assert!(diff(&Outline::from_str("a", text)?, &Outline::from_str("b", text)?, &DiffOptions::new()).is_equivalent());
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn is_equivalent(&self) -> bool {
        self.differences.is_empty()
    }

    /// The first difference: the headline.
    ///
    /// ```
    /// # use reprise::testing::{DiffOptions, Outline, diff};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    /// assert!(diff(&Outline::from_str("a", text)?, &Outline::from_str("b", text)?, &DiffOptions::new()).first().is_none());
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn first(&self) -> Option<&Difference> {
        self.differences.first()
    }

    /// The diff for people: a headline (the first difference), then each
    /// difference with its paths, `-` for the first transcript's value and
    /// `+` for the second's (a line diff for text over several lines).
    ///
    /// ```
    /// # use reprise::testing::{DiffOptions, Outline, diff};
    /// let a = Outline::from_str("a", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\",\"meta\":{\"v\":1}}\n")?;
    /// let b = Outline::from_str("b", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\",\"meta\":{\"v\":2}}\n")?;
    /// let text = diff(&a, &b, &DiffOptions::new()).to_text();
    /// assert_eq!(text, "a and b differ: 1 difference\n\
    ///                   first: header differs: header at $.meta.v\n\
    ///                   \n\
    ///                   1. header differs: header at $.meta.v\n   \
    ///                   $.meta.v\n     \
    ///                   - 1\n     \
    ///                   + 2\n");
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let Some(first) = self.first() else {
            let _ = writeln!(out, "{} and {} are equivalent", self.a, self.b);
            return out;
        };
        let n = self.differences.len();
        let _ = writeln!(
            out,
            "{} and {} differ: {n} {}",
            self.a,
            self.b,
            if n == 1 { "difference" } else { "differences" }
        );
        let _ = writeln!(out, "first: {first}");
        for (i, difference) in self.differences.iter().enumerate() {
            let _ = writeln!(out, "\n{}. {difference}", i + 1);
            for path in difference.paths.iter().take(SHOWN_PATHS) {
                let _ = writeln!(out, "   {}", path.path);
                render_values(&mut out, path.a.as_ref(), path.b.as_ref());
            }
            if difference.paths.len() > SHOWN_PATHS {
                let _ = writeln!(
                    out,
                    "   ... {} more paths",
                    difference.paths.len() - SHOWN_PATHS
                );
            }
        }
        out
    }

    /// The diff for tools: `a`, `b`, `equivalent`, `first` (the headline
    /// line, or `null`) and every difference with its paths and values.
    ///
    /// ```
    /// # use reprise::testing::{DiffOptions, Outline, diff};
    /// let a = Outline::from_str("a", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// let b = Outline::from_str("b", "{\"reprise\":1,\"kind\":\"header\",\"component\":\"d\"}\n")?;
    /// let json = diff(&a, &b, &DiffOptions::new()).to_json();
    /// assert_eq!(json["equivalent"], false);
    /// assert_eq!(json["differences"][0]["kind"], "header");
    /// assert_eq!(json["differences"][0]["paths"][0]["b"], "d");
    /// # Ok::<(), reprise::testing::Error>(())
    /// ```
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// The JSON of [`Diff::to_json`], in this field order.
impl Serialize for Diff {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Document<'d> {
            a: &'d str,
            b: &'d str,
            equivalent: bool,
            first: Option<String>,
            differences: &'d [Difference],
        }
        Document {
            a: &self.a,
            b: &self.b,
            equivalent: self.is_equivalent(),
            first: self.first().map(ToString::to_string),
            differences: &self.differences,
        }
        .serialize(s)
    }
}

/// Writes the two sides of one path: a line diff for strings over several
/// lines, else `- a` and `+ b` as compact JSON, cut to [`SHOWN_CHARS`].
fn render_values(out: &mut String, a: Option<&Value>, b: Option<&Value>) {
    if let (Some(Value::String(a)), Some(Value::String(b))) = (a, b)
        && (a.contains('\n') || b.contains('\n'))
    {
        let diff = similar::TextDiff::from_lines(a.as_str(), b.as_str());
        for change in diff.iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            };
            let _ = writeln!(out, "     {sign} {}", change.value().trim_end_matches('\n'));
        }
        return;
    }
    // Two containers: the structural diff replay findings show, so both
    // read alike.
    if let (Some(a), Some(b)) = (a, b)
        && (a.is_object() || a.is_array())
        && (b.is_object() || b.is_array())
    {
        for (sign, line) in reprise_transcript::diff_lines(a, b) {
            let _ = writeln!(out, "     {sign} {}", shorten(&line));
        }
        return;
    }
    for (sign, value) in [('-', a), ('+', b)] {
        match value {
            Some(value) => {
                let _ = writeln!(out, "     {sign} {}", shorten(&value.to_string()));
            }
            None => {
                let _ = writeln!(out, "     {sign} (nothing)");
            }
        }
    }
}

/// `text` cut to [`SHOWN_CHARS`] characters, with `...` when it was cut.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_owned(),
    }
}

/// Reads both transcripts and compares them.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
/// std::fs::write(&a, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\",\"created\":\"2026-01-01T00:00:00Z\"}\n")?;
/// std::fs::write(&b, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\",\"created\":\"2026-01-02T00:00:00Z\"}\n")?;
/// let options = reprise::testing::DiffOptions::new();
/// assert!(reprise::testing::diff_files(&a, &b, &options)?.is_equivalent(), "created is noise");
/// assert!(!reprise::testing::diff_files(&a, &b, &options.noise(true))?.is_equivalent());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff_files(a: &Path, b: &Path, options: &DiffOptions) -> Result<Diff, Error> {
    let a = Outline::read(a, &mut |_| {})?;
    let b = Outline::read(b, &mut |_| {})?;
    Ok(diff(&a, &b, options))
}

/// Compares two transcripts read with [`Outline`].
///
/// ```
/// use reprise::testing::{DiffOptions, Outline, diff};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
/// assert!(diff(&Outline::from_str("a", text)?, &Outline::from_str("b", text)?, &DiffOptions::new()).is_equivalent());
/// # Ok::<(), reprise::testing::Error>(())
/// ```
pub fn diff(a: &Outline, b: &Outline, options: &DiffOptions) -> Diff {
    let mut differ = Differ {
        options,
        out: Vec::new(),
    };
    differ.header(&a.header, &b.header);
    differ.states(&a.states, &b.states);
    differ.calls(&a.outside, &b.outside, None);
    differ.scopes(&a.scopes, &b.scopes);
    differ.probes(&a.probes, &b.probes);
    differ.ending(a.ending.as_ref(), b.ending.as_ref());
    Diff {
        a: a.name.clone(),
        b: b.name.clone(),
        differences: differ.out,
    }
}

/// One aligned position of two sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    Both(usize, usize),
    OnlyA(usize),
    OnlyB(usize),
}

/// How long one alignment may look for the best answer.
const ALIGN_DEADLINE: Duration = Duration::from_secs(2);

/// Aligns `a` with `b`: first by `exact` keys (what makes two items the
/// same), then, inside each stretch that did not align, by `loose` keys
/// (what makes two items the same thing, changed).
fn align<T>(a: &[T], b: &[T], exact: impl Fn(&T) -> u64, loose: impl Fn(&T) -> u64) -> Vec<Pair> {
    let ka: Vec<u64> = a.iter().map(&exact).collect();
    let kb: Vec<u64> = b.iter().map(&exact).collect();
    let deadline = Some(Instant::now() + ALIGN_DEADLINE);
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &ka, &kb, deadline);
    let mut out = Vec::new();
    // The stretch that did not align since the last equal run: a[ga..ea], b[gb..eb].
    let (mut ga, mut ea, mut gb, mut eb) = (0, 0, 0, 0);
    let loosely = |ga: usize, ea: usize, gb: usize, eb: usize, out: &mut Vec<Pair>| {
        let la: Vec<u64> = a[ga..ea].iter().map(&loose).collect();
        let lb: Vec<u64> = b[gb..eb].iter().map(&loose).collect();
        let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &la, &lb, deadline);
        for op in ops {
            let (tag, ra, rb) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                out.extend(ra.zip(rb).map(|(i, j)| Pair::Both(ga + i, gb + j)));
            } else {
                out.extend(ra.map(|i| Pair::OnlyA(ga + i)));
                out.extend(rb.map(|j| Pair::OnlyB(gb + j)));
            }
        }
    };
    for op in ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            loosely(ga, ea, gb, eb, &mut out);
            out.extend(ra.clone().zip(rb.clone()).map(|(i, j)| Pair::Both(i, j)));
            (ga, ea, gb, eb) = (ra.end, ra.end, rb.end, rb.end);
        } else {
            ea = ea.max(ra.end);
            eb = eb.max(rb.end);
        }
    }
    loosely(ga, ea, gb, eb, &mut out);
    out
}

/// A hash of a JSON value that does not depend on the order of object
/// members.
fn fingerprint(value: &Value, h: &mut impl Hasher) {
    match value {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, n.to_string()).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(items) => {
            (4u8, items.len()).hash(h);
            for item in items {
                fingerprint(item, h);
            }
        }
        Value::Object(map) => {
            (5u8, map.len()).hash(h);
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for key in keys {
                key.hash(h);
                fingerprint(&map[key], h);
            }
        }
    }
}

/// A key from names and values.
fn key(names: &[&str], values: &[&Value]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    names.hash(&mut h);
    for value in values {
        fingerprint(value, &mut h);
    }
    h.finish()
}

/// A call's outcome as the fields of its return line: `{"ok": v}`,
/// `{"err": e}`, or `{}` when it did not return.
fn outcome_line(outcome: Option<&Outcome>) -> Value {
    outcome.map_or_else(|| Value::Object(Default::default()), Outcome::to_json)
}

/// The node at `path` inside `value`.
fn lookup<'v>(value: &'v Value, path: &JsonPath) -> Option<&'v Value> {
    path.steps()
        .iter()
        .try_fold(value, |node, step| match step {
            Step::Key(k) => node.get(k.as_str()),
            Step::Index(i) => node.get(*i),
        })
}

/// Whether a placeholder on either side stands for what is on the other.
fn redacted_match(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::String(a)), Some(Value::String(b))) => {
            matches_redacted(a, b) || matches_redacted(b, a)
        }
        (Some(Value::String(s)), Some(_)) | (Some(_), Some(Value::String(s))) => is_redacted(s),
        _ => false,
    }
}

struct Differ<'o> {
    options: &'o DiffOptions,
    out: Vec<Difference>,
}

impl Differ<'_> {
    /// The paths where `a` and `b` (the line's field `field`, or the whole
    /// line when `field` is empty) differ, without the ignored ones and
    /// the redacted matches.
    fn paths(&self, field: &str, a: &Value, b: &Value) -> Vec<PathDifference> {
        if a == b {
            return Vec::new();
        }
        let mut out = Vec::new();
        diff_paths(a, b, &mut |p: &JsonPath| {
            let mut full = if field.is_empty() {
                JsonPath::root()
            } else {
                JsonPath::root().key(field)
            };
            for step in p.steps() {
                full.push(step.clone());
            }
            if self.options.ignores(&full) {
                return;
            }
            let (va, vb) = (lookup(a, p), lookup(b, p));
            if redacted_match(va, vb) {
                return;
            }
            out.push(PathDifference {
                path: full.to_string(),
                a: va.cloned(),
                b: vb.cloned(),
            });
        });
        out
    }

    fn header(&mut self, a: &Header, b: &Header) {
        let fields = |h: &Header| {
            let mut map = serde_json::Map::new();
            map.insert("component".into(), h.component.clone().into());
            map.insert("meta".into(), Value::Object(h.meta.clone()));
            if self.options.noise {
                map.insert("created".into(), h.created.clone().into());
                map.insert("recorder".into(), h.recorder.clone().into());
            }
            Value::Object(map)
        };
        let paths = self.paths("", &fields(a), &fields(b));
        if !paths.is_empty() {
            let mut d = Difference::new(DifferenceKind::Header);
            d.paths = paths;
            self.out.push(d);
        }
    }

    fn states(&mut self, a: &[StateRec], b: &[StateRec]) {
        let pairs = align(
            a,
            b,
            |s| key(&[&s.label], &[&s.state]),
            |s| key(&[&s.label], &[]),
        );
        for pair in pairs {
            let (kind, sa, sb) = match pair {
                Pair::Both(i, j) => (DifferenceKind::StateDiffers, Some(&a[i]), Some(&b[j])),
                Pair::OnlyA(i) => (DifferenceKind::MissingState, Some(&a[i]), None),
                Pair::OnlyB(j) => (DifferenceKind::UnexpectedState, None, Some(&b[j])),
            };
            let paths = match (sa, sb) {
                (Some(x), Some(y)) => self.paths("state", &x.state, &y.state),
                _ => vec![PathDifference {
                    path: "$.state".into(),
                    a: sa.map(|s| s.state.clone()),
                    b: sb.map(|s| s.state.clone()),
                }],
            };
            if paths.is_empty() {
                continue;
            }
            let mut d = Difference::new(kind);
            d.name = sa.or(sb).map(|s| s.label.clone());
            d.seq_a = sa.map(|s| s.seq);
            d.seq_b = sb.map(|s| s.seq);
            d.paths = paths;
            self.out.push(d);
        }
    }

    fn scopes(&mut self, a: &[Scope], b: &[Scope]) {
        let pairs = align(
            a,
            b,
            |s| key(&[&s.call.port, &s.call.method], &[&s.call.args]),
            |s| key(&[&s.call.port, &s.call.method], &[]),
        );
        for pair in pairs {
            match pair {
                Pair::Both(i, j) => {
                    let inbound = Inbound {
                        position: i + 1,
                        port: a[i].call.port.clone(),
                        method: a[i].call.method.clone(),
                    };
                    // In event order: its arguments, the calls it made, its return.
                    let (ca, cb) = (&a[i].call, &b[j].call);
                    self.call_side(DifferenceKind::ArgumentsDiffer, ca, cb, Some(&inbound));
                    self.calls(&a[i].calls, &b[j].calls, Some(&inbound));
                    self.call_side(DifferenceKind::ReturnDiffers, ca, cb, Some(&inbound));
                }
                Pair::OnlyA(i) => self.lone_call(DifferenceKind::MissingCall, &a[i].call, i + 1),
                Pair::OnlyB(j) => {
                    self.lone_call(DifferenceKind::UnexpectedCall, &b[j].call, j + 1);
                }
            }
        }
    }

    /// An inbound call only one side has.
    fn lone_call(&mut self, kind: DifferenceKind, call: &CallRec, position: usize) {
        let mut d = self.call_difference(kind, call, None);
        d.inbound = Some(Inbound {
            position,
            port: call.port.clone(),
            method: call.method.clone(),
        });
        let (a, b) = if kind == DifferenceKind::MissingCall {
            (Some(call.args.clone()), None)
        } else {
            (None, Some(call.args.clone()))
        };
        d.paths = vec![PathDifference {
            path: "$.args".into(),
            a,
            b,
        }];
        if kind == DifferenceKind::MissingCall {
            d.seq_a = Some(call.seq);
        } else {
            d.seq_b = Some(call.seq);
        }
        self.out.push(d);
    }

    fn call_difference(
        &self,
        kind: DifferenceKind,
        call: &CallRec,
        inbound: Option<&Inbound>,
    ) -> Difference {
        let mut d = Difference::new(kind);
        d.dir = Some(call.dir);
        d.port = Some(call.port.clone());
        d.method = Some(call.method.clone());
        d.inbound = inbound.cloned();
        d
    }

    /// Two matched calls: their arguments, then their returns.
    fn call_pair(&mut self, a: &CallRec, b: &CallRec, inbound: Option<&Inbound>) {
        self.call_side(DifferenceKind::ArgumentsDiffer, a, b, inbound);
        self.call_side(DifferenceKind::ReturnDiffers, a, b, inbound);
    }

    /// One side of two matched calls: their arguments (with noise, their
    /// `at_ns` too), or their returns.
    fn call_side(
        &mut self,
        kind: DifferenceKind,
        a: &CallRec,
        b: &CallRec,
        inbound: Option<&Inbound>,
    ) {
        let paths = if kind == DifferenceKind::ArgumentsDiffer {
            let mut paths = self.paths("args", &a.args, &b.args);
            let at_ns = JsonPath::root().key("at_ns");
            if self.options.noise && a.at_ns != b.at_ns && !self.options.ignores(&at_ns) {
                paths.push(PathDifference {
                    path: at_ns.to_string(),
                    a: Some(a.at_ns.into()),
                    b: Some(b.at_ns.into()),
                });
            }
            paths
        } else {
            self.paths(
                "",
                &outcome_line(a.outcome.as_ref()),
                &outcome_line(b.outcome.as_ref()),
            )
        };
        if paths.is_empty() {
            return;
        }
        let mut d = self.call_difference(kind, a, inbound);
        d.seq_a = Some(a.seq);
        d.seq_b = Some(b.seq);
        d.paths = paths;
        self.out.push(d);
    }

    /// The outbound calls of one scope.
    fn calls(&mut self, a: &[CallRec], b: &[CallRec], inbound: Option<&Inbound>) {
        let pairs = align(
            a,
            b,
            |c| key(&[&c.port, &c.method], &[&c.args]),
            |c| key(&[&c.port, &c.method], &[]),
        );
        for pair in pairs {
            match pair {
                Pair::Both(i, j) => self.call_pair(&a[i], &b[j], inbound),
                Pair::OnlyA(i) => {
                    let mut d = self.call_difference(DifferenceKind::MissingCall, &a[i], inbound);
                    d.seq_a = Some(a[i].seq);
                    d.paths = vec![PathDifference {
                        path: "$.args".into(),
                        a: Some(a[i].args.clone()),
                        b: None,
                    }];
                    self.out.push(d);
                }
                Pair::OnlyB(j) => {
                    let mut d =
                        self.call_difference(DifferenceKind::UnexpectedCall, &b[j], inbound);
                    d.seq_b = Some(b[j].seq);
                    d.paths = vec![PathDifference {
                        path: "$.args".into(),
                        a: None,
                        b: Some(b[j].args.clone()),
                    }];
                    self.out.push(d);
                }
            }
        }
    }

    fn probes(&mut self, a: &[ProbeRec], b: &[ProbeRec]) {
        let pairs = align(
            a,
            b,
            |p| key(&[&p.name], &[&p.fields]),
            |p| key(&[&p.name], &[]),
        );
        for pair in pairs {
            let (kind, pa, pb) = match pair {
                Pair::Both(i, j) => (DifferenceKind::ProbeDiffers, Some(&a[i]), Some(&b[j])),
                Pair::OnlyA(i) => (DifferenceKind::MissingProbe, Some(&a[i]), None),
                Pair::OnlyB(j) => (DifferenceKind::UnexpectedProbe, None, Some(&b[j])),
            };
            let paths = match (pa, pb) {
                (Some(x), Some(y)) => {
                    let mut paths = self.paths("fields", &x.fields, &y.fields);
                    let at_ns = JsonPath::root().key("at_ns");
                    if self.options.noise && x.at_ns != y.at_ns && !self.options.ignores(&at_ns) {
                        paths.push(PathDifference {
                            path: at_ns.to_string(),
                            a: Some(x.at_ns.into()),
                            b: Some(y.at_ns.into()),
                        });
                    }
                    paths
                }
                _ => vec![PathDifference {
                    path: "$.fields".into(),
                    a: pa.map(|p| p.fields.clone()),
                    b: pb.map(|p| p.fields.clone()),
                }],
            };
            if paths.is_empty() {
                continue;
            }
            let mut d = Difference::new(kind);
            d.name = pa.or(pb).map(|p| p.name.clone());
            d.seq_a = pa.map(|p| p.seq);
            d.seq_b = pb.map(|p| p.seq);
            d.paths = paths;
            self.out.push(d);
        }
    }

    fn ending(&mut self, a: Option<&Ending>, b: Option<&Ending>) {
        let line = |e: Option<&Ending>| match e {
            Some(Ending::Clean { dropped, .. }) => {
                serde_json::json!({"end": "clean", "dropped": dropped})
            }
            _ => serde_json::json!({"end": "cut short"}),
        };
        let paths = self.paths("", &line(a), &line(b));
        if !paths.is_empty() {
            let mut d = Difference::new(DifferenceKind::Ending);
            d.paths = paths;
            self.out.push(d);
        }
    }
}

#[cfg(test)]
mod tests;
