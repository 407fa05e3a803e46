//! [`Expectation`]: one declared rule with a stable id, and the [`Tracker`]
//! trait each kind implements to evaluate it.

use serde_json::Value;

use crate::finding::Finding;
use crate::kinds::{Bounds, CallLatency, Count, Occurrence, ProbeLatency, Response};
use crate::pattern::Route;
use crate::severity::Severity;
use crate::view::View;

/// A declared expectation: a rule about events with a stable id and warn
/// and fail tiers. Made by the constructors in [`expect`](crate::expect),
/// each of which converts into this type.
///
/// ```
/// use reprise::expect::{Expectation, expect, expect::{ms, secs}};
/// let e: Expectation = expect::call_latency("storage", "append")
///     .warn_after(ms(200))
///     .fail_after(secs(1))
///     .into();
/// assert_eq!(e.id(), "storage.append.latency");
/// ```
#[derive(Debug, Clone)]
pub struct Expectation {
    pub(crate) rule: Rule,
}

/// The kinds, each with its settings.
#[derive(Debug, Clone)]
pub(crate) enum Rule {
    CallLatency(CallLatency),
    ProbeLatency(ProbeLatency),
    Count(Count),
    Bounds(Bounds),
    Occurrence(Occurrence),
    Response(Response),
}

impl Expectation {
    /// The stable id profiles and findings use.
    pub fn id(&self) -> &str {
        match &self.rule {
            Rule::CallLatency(k) => &k.id,
            Rule::ProbeLatency(k) => &k.id,
            Rule::Count(k) => &k.id,
            Rule::Bounds(k) => &k.id,
            Rule::Occurrence(k) => &k.id,
            Rule::Response(k) => &k.id,
        }
    }

    /// What kind it is, as a profile's `kind` key names it.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0));
    /// assert_eq!(e.kind(), "probe_bounds");
    /// ```
    pub fn kind(&self) -> &'static str {
        match &self.rule {
            Rule::CallLatency(_) => "call_latency",
            Rule::ProbeLatency(_) => "latency",
            Rule::Count(_) => "count",
            Rule::Bounds(_) => "probe_bounds",
            Rule::Occurrence(k) if k.never => "never",
            Rule::Occurrence(_) => "must",
            Rule::Response(_) => "response",
        }
    }

    pub(crate) fn settings(&mut self) -> &mut dyn Settings {
        match &mut self.rule {
            Rule::CallLatency(k) => k,
            Rule::ProbeLatency(k) => k,
            Rule::Count(k) => k,
            Rule::Bounds(k) => k,
            Rule::Occurrence(k) => k,
            Rule::Response(k) => k,
        }
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        match &self.rule {
            Rule::CallLatency(k) => k.tracker(),
            Rule::ProbeLatency(k) => k.tracker(),
            Rule::Count(k) => k.tracker(),
            Rule::Bounds(k) => k.tracker(),
            Rule::Occurrence(k) => k.tracker(),
            Rule::Response(k) => k.tracker(),
        }
    }
}

macro_rules! from_kind {
    ($($kind:ident),*) => {$(
        impl From<$kind> for Expectation {
            fn from(kind: $kind) -> Expectation {
                Expectation { rule: Rule::$kind(kind) }
            }
        }
    )*};
}
from_kind!(
    CallLatency,
    ProbeLatency,
    Count,
    Bounds,
    Occurrence,
    Response
);

/// A kind's thresholds as a profile sets them, by key.
pub(crate) trait Settings {
    /// Sets `key` (`warn_after`, `at_most`, `within`) from a profile value;
    /// the error says what the key wants.
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String>;
}

/// The engine's clock when a tracker is called.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Now {
    /// The `at_ns` of the first timed event, or of the first tick.
    pub start_ns: u64,
    pub ns: u64,
    /// How many events were observed before this moment.
    pub index: u64,
}

/// The next moment a tracker wants [`Tracker::tick`]: at a time, or at an
/// event count; `u64::MAX` is never. (Two plain integers rather than two
/// options: it is returned once per tracker per event, in registers.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deadline {
    ns: u64,
    index: u64,
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::NEVER
    }
}

impl Deadline {
    /// No deadline.
    pub const NEVER: Deadline = Deadline {
        ns: u64::MAX,
        index: u64::MAX,
    };

    /// A deadline at a time (`at_ns`), at an event count (`index`), or
    /// both, whichever comes first.
    pub fn new(ns: Option<u64>, index: Option<u64>) -> Self {
        Deadline {
            ns: ns.unwrap_or(u64::MAX),
            index: index.unwrap_or(u64::MAX),
        }
    }

    /// Whether it is due at time `ns` after `index` events.
    pub fn due(self, ns: u64, index: u64) -> bool {
        (self.ns != u64::MAX && ns >= self.ns) || (self.index != u64::MAX && index >= self.index)
    }

    /// Its time, if it has one.
    pub fn ns(self) -> Option<u64> {
        (self.ns != u64::MAX).then_some(self.ns)
    }

    /// Its event count, if it has one.
    pub fn index(self) -> Option<u64> {
        (self.index != u64::MAX).then_some(self.index)
    }

    /// The earlier of two deadlines, field by field.
    pub fn earliest(self, other: Deadline) -> Deadline {
        Deadline {
            ns: self.ns.min(other.ns),
            index: self.index.min(other.index),
        }
    }
}

/// What a tracker found: findings with their tier, and notes.
#[derive(Debug, Default)]
pub(crate) struct Out {
    pub findings: Vec<(Severity, Finding)>,
    pub notes: Vec<String>,
}

/// How many of the things still waiting when the events end get a note of
/// their own; the rest are counted in one.
pub(crate) const WAITING_NOTES: usize = 10;

impl Out {
    /// Notes on what was still waiting when the events ended, `notes` giving
    /// one per thing: the first [`WAITING_NOTES`], then a count of the rest
    /// and of those forgotten earlier (past `MAX_PENDING` waiting).
    pub fn waiting_notes(
        &mut self,
        what: &str,
        notes: impl ExactSizeIterator<Item = String>,
        forgotten: u64,
    ) {
        let more = notes.len().saturating_sub(WAITING_NOTES);
        self.notes.extend(notes.take(WAITING_NOTES));
        if more > 0 {
            self.notes.push(format!(
                "{what}: {more} more still waiting when the events ended"
            ));
        }
        if forgotten > 0 {
            self.notes.push(format!(
                "{what}: {forgotten} forgotten unended, the oldest first, past {} waiting",
                crate::pending::MAX_PENDING
            ));
        }
    }

    /// Whether there is nothing to report (most events).
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.notes.is_empty()
    }

    pub fn push(&mut self, severity: Severity, finding: Finding) {
        self.findings.push((severity, finding));
    }
}

/// The running state of one expectation.
pub(crate) trait Tracker: Send + std::fmt::Debug {
    /// The index keys of the events it wants.
    fn routes(&self) -> Vec<Route>;
    /// One event it asked for (it may still not match).
    fn observe(&mut self, view: &View<'_>, out: &mut Out);
    /// When it next wants [`Tracker::tick`].
    fn deadline(&self) -> Deadline {
        Deadline::default()
    }
    /// Time (or the event count) moved on: fire what is overdue.
    fn tick(&mut self, _now: Now, _out: &mut Out) {}
    /// The events ended at `now`.
    fn finish(&mut self, now: Now, out: &mut Out) {
        self.tick(now, out);
    }
}

/// A threshold's text, with the nominal value when there is one.
pub(crate) fn limit_text(limit: String, nominal: Option<String>) -> Value {
    match nominal {
        Some(n) => Value::String(format!("{limit} (nominal {n})")),
        None => Value::String(limit),
    }
}

/// Reads a duration setting: a string such as `"200ms"`.
pub(crate) fn duration_setting(value: &toml::Value) -> Result<u64, String> {
    value
        .as_str()
        .and_then(crate::duration::parse_ns)
        .ok_or_else(|| format!("wants a duration such as \"200ms\" or \"1.5s\", not {value}"))
}

/// Reads a count setting: a non-negative integer.
pub(crate) fn count_setting(value: &toml::Value) -> Result<u64, String> {
    value
        .as_integer()
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| format!("wants a non-negative integer, not {value}"))
}

/// Reads a number setting: an integer or a float.
pub(crate) fn number_setting(value: &toml::Value) -> Result<f64, String> {
    match value {
        toml::Value::Integer(n) => Ok(*n as f64),
        toml::Value::Float(x) => Ok(*x),
        other => Err(format!("wants a number, not {other}")),
    }
}

/// Reads a range setting: `[min, max]`.
pub(crate) fn range_setting(value: &toml::Value) -> Result<std::ops::RangeInclusive<f64>, String> {
    match value.as_array().map(|a| a.as_slice()) {
        Some([lo, hi]) => {
            let (lo, hi) = (number_setting(lo)?, number_setting(hi)?);
            if lo <= hi {
                Ok(lo..=hi)
            } else {
                Err(format!("wants [min, max] with min <= max, not {value}"))
            }
        }
        _ => Err(format!("wants [min, max], not {value}")),
    }
}

/// The error for a key a kind does not have.
pub(crate) fn unknown_key(kind: &str, key: &str, known: &[&str]) -> String {
    format!(
        "a {kind} expectation has no setting `{key}` (it has: {}, severity)",
        known.join(", ")
    )
}
