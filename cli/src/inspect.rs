//! `reprise inspect`: what is in a transcript, at a glance.
//!
//! The summary is aggregated while the transcript streams past ([`Tally`]),
//! never by collecting its events, so a multi-gigabyte transcript is read in
//! memory bounded by the number of distinct ports, methods and probe names and
//! by the calls still waiting for their return, not by the number of events.
//! The result is plain data ([`Summary`]), rendered as text for people or as
//! JSON for tools.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::PathBuf;

use reprise_transcript::{Direction, Ending, Event, Header, Outcome, ReadError};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::Status;
use crate::input::{self, BadLines, plural};
use crate::output;

/// Arguments of `reprise inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The transcript to read (a `.jsonl` file), or `-` for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print every event, indented, each after a `--- line N` separator,
    /// instead of the summary.
    #[arg(long, conflicts_with = "json")]
    pub pretty: bool,
    /// Print the summary as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// Runs `reprise inspect`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let mut input = input::open(&args.file)?;
    let mut out = output::stdout();
    let bad = if args.pretty {
        crate::pretty::write(&mut input, &mut out)?
    } else {
        let summary = summarize(&mut input);
        if args.json {
            output::json_pretty(&mut out, &summary)?;
        } else {
            render(&summary, &mut out)?;
        }
        summary.bad_lines
    };
    out.flush()?;
    bad.report(&input.name);
    Ok(if bad.count == 0 {
        Status::Success
    } else {
        Status::BadTranscript
    })
}

/// Reads the rest of `input` into its summary.
pub fn summarize(input: &mut input::Input) -> Summary {
    let mut tally = Tally::new(&input.name, input.reader.header());
    let progress = crate::progress::Progress::events(&format!("reading {}", input.name));
    for (n, item) in input.reader.by_ref().enumerate() {
        if n % 4096 == 0 {
            progress.set(n as u64);
        }
        match item {
            Ok(event) => tally.event(event),
            Err(err) => tally.bad_line(&err),
        }
    }
    tally.finish(input.reader.ending())
}

/// What a transcript holds, counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The file as named on the command line, or `<stdin>`.
    pub file: String,
    /// The format major version from the header.
    pub format: u32,
    /// The recorded component.
    pub component: String,
    /// When the recording started, as the header says (RFC 3339).
    pub created: String,
    /// The version of the recorder that wrote it.
    pub recorder: String,
    /// The header's free-form metadata.
    pub meta: Map<String, Value>,
    /// Whether the header has a `sanitizer` section (the transcript was scrubbed).
    pub sanitized: bool,
    /// Events by kind (the `end` line is not an event).
    pub events: EventCounts,
    /// `state` events after the first one.
    pub checkpoints: u64,
    /// Calls into the component, by port and method.
    pub inbound: Vec<CallStats>,
    /// Calls the component made, by port and method.
    pub outbound: Vec<CallStats>,
    /// `return` events whose `call` names no call read before them.
    pub returns_without_call: u64,
    /// Probes by name.
    pub probes: BTreeMap<String, u64>,
    /// The first and last `at_ns`, when any event has one.
    pub time: Option<TimeSpan>,
    /// How the transcript ended.
    pub ending: End,
    /// Lines that could not be read, skipped.
    pub bad_lines: BadLines,
}

/// Events by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    /// All events.
    pub total: u64,
    /// `state` events: the initial state and the checkpoints.
    pub state: u64,
    /// `call` events, both directions.
    pub call: u64,
    /// `return` events.
    #[serde(rename = "return")]
    pub return_: u64,
    /// `probe` events.
    pub probe: u64,
}

/// The calls of one method of one port, in one direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallStats {
    /// The port.
    pub port: String,
    /// The method.
    pub method: String,
    /// How many calls.
    pub calls: u64,
    /// How many of them returned `err`.
    pub errors: u64,
    /// How many have no `return` in the transcript.
    pub without_return: u64,
}

/// The span of `at_ns` over the events that carry one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeSpan {
    /// The smallest `at_ns` (the first, in a well-formed transcript).
    pub first_at_ns: u64,
    /// The largest `at_ns`.
    pub last_at_ns: u64,
    /// `last_at_ns - first_at_ns`.
    pub duration_ns: u64,
}

/// How a transcript ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum End {
    /// The `end` line was read.
    Clean {
        /// Events written, as the `end` line says.
        events: u64,
        /// Events the recorder dropped, as the `end` line says.
        dropped: u64,
    },
    /// There is no `end` line: the recording was cut short.
    CutShort {
        /// The torn last line that was skipped, if any.
        torn_line: Option<u64>,
    },
}

impl From<Option<&Ending>> for End {
    fn from(ending: Option<&Ending>) -> Self {
        match ending {
            Some(Ending::Clean {
                events, dropped, ..
            }) => End::Clean {
                events: *events,
                dropped: *dropped,
            },
            Some(Ending::CutShort { torn_line }) => End::CutShort {
                torn_line: *torn_line,
            },
            None => End::CutShort { torn_line: None },
        }
    }
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Clean { events, dropped } => write!(
                f,
                "clean (end line: {events} {}, {dropped} dropped)",
                plural(*events, "event", "events")
            ),
            End::CutShort { torn_line: None } => {
                write!(f, "cut short (no end line)")
            }
            End::CutShort {
                torn_line: Some(line),
            } => write!(f, "cut short (no end line; torn last line {line} skipped)"),
        }
    }
}

/// Aggregates events into a [`Summary`] as they stream past.
#[derive(Debug)]
pub struct Tally {
    summary: Summary,
    /// Per direction (`in`, `out`): rows, and where each (port, method) is.
    rows: [Vec<CallStats>; 2],
    index: [HashMap<(String, String), usize>; 2],
    /// Calls waiting for their return: seq to (direction, row).
    pending: HashMap<u64, (usize, usize)>,
    /// Whether a `state` event was seen (the next ones are checkpoints).
    seen_state: bool,
}

impl Tally {
    /// Starts a summary of the transcript `file` with this header.
    pub fn new(file: &str, header: &Header) -> Self {
        Tally {
            summary: Summary {
                file: file.to_owned(),
                format: header.reprise,
                component: header.component.clone(),
                created: header.created.clone(),
                recorder: header.recorder.clone(),
                meta: header.meta.clone(),
                sanitized: header.sanitizer.is_some(),
                events: EventCounts::default(),
                checkpoints: 0,
                inbound: Vec::new(),
                outbound: Vec::new(),
                returns_without_call: 0,
                probes: BTreeMap::new(),
                time: None,
                ending: End::CutShort { torn_line: None },
                bad_lines: BadLines::default(),
            },
            rows: [Vec::new(), Vec::new()],
            index: [HashMap::new(), HashMap::new()],
            pending: HashMap::new(),
            seen_state: false,
        }
    }

    /// Counts one event.
    pub fn event(&mut self, event: Event) {
        let s = &mut self.summary;
        match event {
            Event::State(_) => {
                s.events.state += 1;
                if self.seen_state {
                    s.checkpoints += 1;
                }
                self.seen_state = true;
            }
            Event::Call(call) => {
                s.events.call += 1;
                self.time(call.at_ns);
                let dir = match call.dir {
                    Direction::In => 0,
                    Direction::Out => 1,
                };
                let rows = &mut self.rows[dir];
                let row = *self.index[dir]
                    .entry((call.port, call.method))
                    .or_insert_with_key(|(port, method)| {
                        rows.push(CallStats {
                            port: port.clone(),
                            method: method.clone(),
                            calls: 0,
                            errors: 0,
                            without_return: 0,
                        });
                        rows.len() - 1
                    });
                rows[row].calls += 1;
                self.pending.insert(call.seq, (dir, row));
            }
            Event::Return(ret) => {
                s.events.return_ += 1;
                match self.pending.remove(&ret.call) {
                    Some((dir, row)) => {
                        if matches!(ret.outcome, Outcome::Err(_)) {
                            self.rows[dir][row].errors += 1;
                        }
                    }
                    None => s.returns_without_call += 1,
                }
                self.time(ret.at_ns);
            }
            Event::Probe(probe) => {
                s.events.probe += 1;
                *s.probes.entry(probe.name).or_default() += 1;
                self.time(probe.at_ns);
            }
            // The reader does not yield the end line; it says so in `Ending`.
            Event::End(_) => return,
        }
        self.summary.events.total += 1;
    }

    /// Counts a line that could not be read.
    pub fn bad_line(&mut self, err: &ReadError) {
        self.summary.bad_lines.push(err);
    }

    fn time(&mut self, at_ns: u64) {
        let span = self.summary.time.get_or_insert(TimeSpan {
            first_at_ns: at_ns,
            last_at_ns: at_ns,
            duration_ns: 0,
        });
        span.first_at_ns = span.first_at_ns.min(at_ns);
        span.last_at_ns = span.last_at_ns.max(at_ns);
        span.duration_ns = span.last_at_ns - span.first_at_ns;
    }

    /// The summary, given how the transcript ended.
    pub fn finish(mut self, ending: Option<&Ending>) -> Summary {
        for (dir, row) in self.pending.into_values() {
            self.rows[dir][row].without_return += 1;
        }
        let [mut inbound, mut outbound] = self.rows;
        for rows in [&mut inbound, &mut outbound] {
            rows.sort_by(|a, b| (&a.port, &a.method).cmp(&(&b.port, &b.method)));
        }
        self.summary.inbound = inbound;
        self.summary.outbound = outbound;
        self.summary.ending = End::from(ending);
        self.summary
    }
}

/// Writes the summary as text for people.
pub fn render(s: &Summary, out: &mut impl Write) -> io::Result<()> {
    fn field(out: &mut dyn Write, name: &str, value: &dyn std::fmt::Display) -> io::Result<()> {
        writeln!(out, "{name:<14}{value}")
    }
    let or_unknown = |v: &str| if v.is_empty() { "(unknown)" } else { v }.to_owned();
    field(out, "file", &s.file)?;
    field(out, "component", &s.component)?;
    field(out, "created", &or_unknown(&s.created))?;
    field(out, "recorder", &or_unknown(&s.recorder))?;
    field(out, "format", &format_args!("version {}", s.format))?;
    field(out, "meta", &render_meta(&s.meta))?;
    field(out, "sanitized", &if s.sanitized { "yes" } else { "no" })?;
    match s.time {
        Some(t) => field(
            out,
            "duration",
            &format_args!(
                "{} (at_ns {} to {})",
                human_duration(t.duration_ns),
                t.first_at_ns,
                t.last_at_ns
            ),
        )?,
        None => field(out, "duration", &"unknown (no event has an at_ns)")?,
    }
    field(out, "ending", &s.ending)?;
    if s.bad_lines.count > 0 {
        field(out, "bad lines", &render_bad_lines(&s.bad_lines))?;
    }

    let e = &s.events;
    writeln!(out)?;
    field(out, "events", &e.total)?;
    let width = e.total.to_string().len();
    for (kind, n) in [
        ("state", e.state),
        ("call", e.call),
        ("return", e.return_),
        ("probe", e.probe),
    ] {
        write!(out, "  {kind:<12}{n:>width$}")?;
        if kind == "state" {
            let n = s.checkpoints;
            write!(out, "  ({n} {})", plural(n, "checkpoint", "checkpoints"))?;
        }
        writeln!(out)?;
    }

    let rows = s.inbound.iter().chain(&s.outbound);
    let port_w = rows.clone().map(|r| r.port.len()).max().unwrap_or(0);
    let method_w = rows.clone().map(|r| r.method.len()).max().unwrap_or(0);
    let calls_w = rows.map(|r| r.calls.to_string().len()).max().unwrap_or(0);
    for (title, calls) in [("inbound", &s.inbound), ("outbound", &s.outbound)] {
        let total: u64 = calls.iter().map(|c| c.calls).sum();
        writeln!(out)?;
        writeln!(out, "{title} calls ({total})")?;
        for c in calls {
            write!(
                out,
                "  {:<port_w$}  {:<method_w$}  {:>calls_w$} {}",
                c.port,
                c.method,
                c.calls,
                plural(c.calls, "call", "calls")
            )?;
            if c.errors > 0 {
                write!(
                    out,
                    ", {} {}",
                    c.errors,
                    plural(c.errors, "error", "errors")
                )?;
            }
            if c.without_return > 0 {
                write!(out, ", {} without return", c.without_return)?;
            }
            writeln!(out)?;
        }
    }
    if s.returns_without_call > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} without a matching call",
            s.returns_without_call,
            plural(s.returns_without_call, "return", "returns"),
        )?;
    }

    writeln!(out)?;
    writeln!(out, "probes ({})", e.probe)?;
    let name_w = s.probes.keys().map(String::len).max().unwrap_or(0);
    let count_w = s.probes.values().map(|n| n.to_string().len()).max();
    for (name, n) in &s.probes {
        writeln!(out, "  {name:<name_w$}  {n:>w$}", w = count_w.unwrap_or(0))?;
    }
    Ok(())
}

/// `key: value, ...` with strings unquoted; `(none)` when empty.
fn render_meta(meta: &Map<String, Value>) -> String {
    if meta.is_empty() {
        return "(none)".into();
    }
    let items: Vec<String> = meta
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}: {s}"),
            v => format!("{k}: {v}"),
        })
        .collect();
    items.join(", ")
}

/// `2 (lines 5, 9)`, listing the lines kept.
fn render_bad_lines(bad: &BadLines) -> String {
    let lines: Vec<String> = bad
        .first
        .iter()
        .filter_map(|e| e.line)
        .map(|l| l.to_string())
        .collect();
    let mut text = format!(
        "{} ({} {}",
        bad.count,
        plural(bad.count, "line", "lines"),
        lines.join(", ")
    );
    let unlisted = bad.count - lines.len() as u64;
    if unlisted > 0 {
        text.push_str(&format!(" and {unlisted} more"));
    }
    text.push_str("; see the errors below)");
    text
}

/// A duration for people: `850 ns`, `1.40 µs`, `8.06 ms`, `12.3 s`,
/// `4m 05s`, `2h 03m 04s`. Three significant digits below a minute.
pub fn human_duration(ns: u64) -> String {
    const US: u64 = 1_000;
    const MS: u64 = 1_000_000;
    const S: u64 = 1_000_000_000;
    const MINUTE: u64 = 60 * S;
    let ns = if ns < MINUTE { round_3_digits(ns) } else { ns };
    let scaled = |unit: u64, name: &str| {
        let v = ns as f64 / unit as f64;
        match v {
            v if v < 10.0 => format!("{v:.2} {name}"),
            v if v < 100.0 => format!("{v:.1} {name}"),
            v => format!("{v:.0} {name}"),
        }
    };
    match ns {
        ns if ns < US => format!("{ns} ns"),
        ns if ns < MS => scaled(US, "µs"),
        ns if ns < S => scaled(MS, "ms"),
        ns if ns < MINUTE => scaled(S, "s"),
        ns => {
            let secs = ns / S;
            let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
            if h > 0 {
                format!("{h}h {m:02}m {s:02}s")
            } else {
                format!("{m}m {s:02}s")
            }
        }
    }
}

/// Rounds to three significant decimal digits, half up.
fn round_3_digits(n: u64) -> u64 {
    let mut factor = 1;
    while n / factor >= 1000 {
        factor *= 10;
    }
    (n + factor / 2) / factor * factor
}

#[cfg(test)]
mod tests;
