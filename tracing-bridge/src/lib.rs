//! A [`tracing_subscriber::Layer`] that turns `tracing` events and spans
//! into reprise probes, so the instrumentation a component already has
//! feeds the expectation engine (probe bounds, latency between probes,
//! counts and patterns over probes) without changing a line of it.
//!
//! ```
//! use reprise::recorder::{MemorySink, Recorder};
//! use tracing_subscriber::layer::SubscriberExt;
//!
//! let sink = MemorySink::new();
//! let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
//! let subscriber = tracing_subscriber::registry().with(reprise::ProbeLayer::new(&recorder));
//! tracing::subscriber::with_default(subscriber, || {
//!     tracing::info!(target: "queue", len = 3, "depth");
//!     let span = tracing::info_span!(target: "queue", "item", id = 42);
//!     span.in_scope(|| { /* the work */ });
//! });
//! recorder.finish()?;
//! let text = sink.contents_string();
//! assert!(text.contains(r#""name":"queue.depth","fields":{"len":3}"#));
//! // Fields are written in the order the span gives them, then its times.
//! assert!(text.contains(r#""name":"queue.item","fields":{"id":42,"busy_ns":"#));
//! assert!(text.contains(r#","elapsed_ns":"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What becomes a probe
//!
//! - **An event** becomes a probe when it happens. Its name is the value of
//!   its `probe` field if it has one (`tracing::info!(probe = "queue.depth",
//!   len = 3)`), otherwise `{target}.{message}` (`target: "queue"` and the
//!   message `"depth"` give `queue.depth`), or the bare target when there
//!   is no message. The target defaults to the module path, so a probe name
//!   meant for expectations reads best with an explicit `target:` or a
//!   `probe` field. Use a constant message: a formatted one
//!   (`"took {ms} ms"`) makes a new name each time; put the values in
//!   fields instead.
//! - **A span** becomes a probe when it closes (its last handle is
//!   dropped). Its name is its `probe` field, or `{target}.{span name}`.
//!   Its fields are the span's fields, including those recorded later with
//!   `Span::record`, plus `busy_ns` (time spent entered, summed over every
//!   entry) and `elapsed_ns` (from creation to close), as integers of
//!   nanoseconds. So `expect::probe_bounds("queue.item", "elapsed_ns")`
//!   bounds how long an item takes.
//! - **Fields** keep their type: integers and floats are JSON numbers
//!   (a float that is not finite, or an integer beyond 64 bits, is a
//!   string), booleans are booleans, strings are strings, and `?debug` and
//!   `%display` values and errors are strings. A dotted field name nests,
//!   so `item.id = 3` is `{"item":{"id":3}}` and the expectation's dotted
//!   path `item.id` finds it. The `probe` field is never a field of the
//!   probe; the message is part of the name and is not repeated, unless a
//!   `probe` field names the probe, in which case it is kept as `message`.
//!   For a span, `busy_ns` and `elapsed_ns` win over fields of the same name.
//! - Spans' fields are not copied onto the events inside them, and levels
//!   are not recorded: filter on them instead (below).
//!
//! The probe's time (`at_ns`) is the recorder's, when the layer sees the
//! event or the close; the durations are measured with
//! [`std::time::Instant`].
//!
//! # Filtering
//!
//! Which events and spans become probes is chosen the usual
//! `tracing_subscriber` way, with a per-layer filter, so the probes can be
//! narrower than what is logged:
//!
//! ```
//! use reprise::recorder::{MemorySink, Recorder};
//! use reprise::ProbeLayer;
//! use tracing::Level;
//! use tracing_subscriber::{Layer, filter::Targets, layer::SubscriberExt};
//!
//! let sink = MemorySink::new();
//! let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
//! // Only `queue` at INFO or above becomes probes.
//! let probes = ProbeLayer::new(&recorder).with_filter(Targets::new().with_target("queue", Level::INFO));
//! let subscriber = tracing_subscriber::registry().with(probes);
//! tracing::subscriber::with_default(subscriber, || {
//!     tracing::info!(target: "queue", len = 3, "depth");
//!     tracing::debug!(target: "queue", len = 4, "depth"); // below INFO
//!     tracing::info!(target: "http", status = 200, "served"); // another target
//! });
//! recorder.finish()?;
//! assert_eq!(sink.contents_string().matches(r#""kind":"probe""#).count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `EnvFilter` (feature `env-filter` of `tracing_subscriber`), `LevelFilter`
//! and `filter_fn` work the same way.
//!
//! # The recording's end
//!
//! The layer holds a clone of the [`Recorder`], and a recording ends when
//! its last handle goes. A layer installed as the global default subscriber
//! is never dropped, so call [`Recorder::finish`] yourself to write the
//! `end` line; probes after it are not written.
//!
//! A probe recorded from inside the recorder (a sink that logs through
//! `tracing`, say) is not turned into a probe again: the layer ignores what
//! happens on a thread while it is recording a probe.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

use std::cell::Cell;
use std::fmt;
use std::time::Instant;

use reprise_recorder::Recorder;
use serde_json::{Map, Number, Value};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// The field whose value names the probe, instead of the target and the
/// message (or the span's name).
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use tracing_subscriber::layer::SubscriberExt;
/// # let sink = MemorySink::new();
/// # let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
/// # let subscriber = tracing_subscriber::registry().with(reprise::ProbeLayer::new(&recorder));
/// assert_eq!(reprise_tracing::PROBE_FIELD, "probe");
/// tracing::subscriber::with_default(subscriber, || {
///     tracing::warn!(probe = "queue.depth", len = 1200, "queue is deep");
/// });
/// recorder.finish()?;
/// assert!(sink.contents_string().contains(
///     r#""name":"queue.depth","fields":{"len":1200,"message":"queue is deep"}"#
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const PROBE_FIELD: &str = "probe";

/// The `tracing_subscriber` layer that records events and closed spans as
/// probes of a [`Recorder`]. See the [crate docs](crate) for what becomes a
/// probe, and how to filter.
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::ProbeLayer;
/// use tracing_subscriber::layer::SubscriberExt;
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
/// let subscriber = tracing_subscriber::registry().with(ProbeLayer::new(&recorder));
/// tracing::subscriber::with_default(subscriber, || {
///     tracing::info!(target: "cache", hit = true, ratio = 0.5, key = "a", "lookup");
/// });
/// recorder.finish()?;
/// assert!(sink.contents_string().contains(
///     r#""name":"cache.lookup","fields":{"hit":true,"ratio":0.5,"key":"a"}"#
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ProbeLayer {
    recorder: Recorder,
    events: bool,
    spans: bool,
}

impl ProbeLayer {
    /// A layer recording into `recorder` (it keeps a clone of the handle):
    /// events and closed spans both become probes.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let recorder = Recorder::builder("worker").sink(MemorySink::new()).start(&())?;
    /// let layer = reprise::ProbeLayer::new(&recorder);
    /// # let _ = layer;
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn new(recorder: &Recorder) -> Self {
        ProbeLayer {
            recorder: recorder.clone(),
            events: true,
            spans: true,
        }
    }

    /// Whether events become probes. Default: `true`.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// use tracing_subscriber::layer::SubscriberExt;
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
    /// let layer = reprise::ProbeLayer::new(&recorder).events(false);
    /// tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
    ///     tracing::info!(len = 3, "depth");
    ///     tracing::info_span!("item").in_scope(|| {});
    /// });
    /// recorder.finish()?;
    /// assert_eq!(sink.contents_string().matches(r#""kind":"probe""#).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events(mut self, on: bool) -> Self {
        self.events = on;
        self
    }

    /// Whether spans become probes when they close. Default: `true`. When
    /// off, the layer keeps no state per span.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// use tracing_subscriber::layer::SubscriberExt;
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("worker").sink(sink.clone()).start(&())?;
    /// let layer = reprise::ProbeLayer::new(&recorder).spans(false);
    /// tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
    ///     tracing::info_span!("item").in_scope(|| tracing::info!(len = 3, "depth"));
    /// });
    /// recorder.finish()?;
    /// assert_eq!(sink.contents_string().matches(r#""kind":"probe""#).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn spans(mut self, on: bool) -> Self {
        self.spans = on;
        self
    }

    /// Records one probe, unless this thread is already recording one.
    fn probe(&self, name: &str, fields: &Map<String, Value>) {
        if RECORDING.with(|r| r.replace(true)) {
            return;
        }
        let _reset = Reset;
        self.recorder.probe(name, fields);
    }
}

/// Clears [`RECORDING`] when dropped, even by an unwind.
struct Reset;

impl Drop for Reset {
    fn drop(&mut self) {
        RECORDING.with(|r| r.set(false));
    }
}

thread_local! {
    /// Set while this thread records a probe: what the recorder itself
    /// traces is not turned into probes.
    static RECORDING: Cell<bool> = const { Cell::new(false) };
}

/// What the layer keeps per span, in the registry's extensions.
#[derive(Debug)]
struct SpanProbe {
    fields: Fields,
    created: Instant,
    busy_ns: u64,
    /// How many times the span is entered right now, and since when.
    entered: usize,
    entered_at: Option<Instant>,
}

impl<S> tracing_subscriber::Layer<S> for ProbeLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if !self.spans {
            return;
        }
        let Some(span) = ctx.span(id) else {
            return;
        };
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        span.extensions_mut().insert(SpanProbe {
            fields,
            created: Instant::now(),
            busy_ns: 0,
            entered: 0,
            entered_at: None,
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else {
            return;
        };
        if let Some(probe) = span.extensions_mut().get_mut::<SpanProbe>() {
            values.record(&mut probe.fields);
        }
    }

    fn on_enter(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else {
            return;
        };
        if let Some(probe) = span.extensions_mut().get_mut::<SpanProbe>() {
            if probe.entered == 0 {
                probe.entered_at = Some(Instant::now());
            }
            probe.entered += 1;
        }
    }

    fn on_exit(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else {
            return;
        };
        if let Some(probe) = span.extensions_mut().get_mut::<SpanProbe>() {
            probe.entered = probe.entered.saturating_sub(1);
            if probe.entered == 0
                && let Some(since) = probe.entered_at.take()
            {
                probe.busy_ns = probe.busy_ns.saturating_add(nanos_since(since));
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else {
            return;
        };
        let Some(probe) = span.extensions_mut().remove::<SpanProbe>() else {
            return;
        };
        let mut busy_ns = probe.busy_ns;
        if let Some(since) = probe.entered_at {
            busy_ns = busy_ns.saturating_add(nanos_since(since));
        }
        let elapsed_ns = nanos_since(probe.created);
        let metadata = span.metadata();
        let Fields { mut map, name, .. } = probe.fields;
        let name = name.unwrap_or_else(|| format!("{}.{}", metadata.target(), metadata.name()));
        map.insert("busy_ns".to_owned(), Value::from(busy_ns));
        map.insert("elapsed_ns".to_owned(), Value::from(elapsed_ns));
        self.probe(&name, &map);
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if !self.events || RECORDING.with(Cell::get) {
            return;
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        let target = event.metadata().target();
        let Fields {
            mut map,
            name,
            message,
        } = fields;
        let name = match (name, message) {
            (Some(name), Some(message)) => {
                map.insert("message".to_owned(), Value::String(message));
                name
            }
            (Some(name), None) => name,
            (None, Some(message)) if !message.is_empty() => format!("{target}.{message}"),
            (None, _) => target.to_owned(),
        };
        self.probe(&name, &map);
    }
}

fn nanos_since(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// The fields of an event or a span, typed, with the probe name and the
/// message set apart.
#[derive(Debug, Default)]
struct Fields {
    map: Map<String, Value>,
    name: Option<String>,
    message: Option<String>,
}

impl Fields {
    fn put(&mut self, field: &Field, value: Value) {
        match field.name() {
            PROBE_FIELD => self.name = Some(text(value)),
            "message" => self.message = Some(text(value)),
            key => insert(&mut self.map, key, value),
        }
    }
}

/// A string as it is, anything else as JSON text.
fn text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Inserts `value` at the dotted `key`, nesting objects; where a part of
/// the path is already something else than an object, the key stays flat.
fn insert(map: &mut Map<String, Value>, key: &str, value: Value) {
    let Some((head, rest)) = key.split_once('.') else {
        map.insert(key.to_owned(), value);
        return;
    };
    if head.is_empty() || rest.is_empty() {
        map.insert(key.to_owned(), value);
        return;
    }
    match map
        .entry(head.to_owned())
        .or_insert_with(|| Value::Object(Map::new()))
    {
        Value::Object(inner) => insert(inner, rest, value),
        _ => {
            map.insert(key.to_owned(), value);
        }
    }
}

impl Visit for Fields {
    fn record_f64(&mut self, field: &Field, value: f64) {
        let value = match Number::from_f64(value) {
            Some(n) => Value::Number(n),
            None => Value::String(value.to_string()),
        };
        self.put(field, value);
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, Value::from(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, Value::from(value));
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        let value = match i64::try_from(value) {
            Ok(v) => Value::from(v),
            Err(_) => Value::String(value.to_string()),
        };
        self.put(field, value);
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        let value = match u64::try_from(value) {
            Ok(v) => Value::from(v),
            Err(_) => Value::String(value.to_string()),
        };
        self.put(field, value);
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, Value::Bool(value));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, Value::String(value.to_owned()));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.put(field, Value::String(value.to_string()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, Value::String(format!("{value:?}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_keys_nest_and_fall_back_to_flat() {
        let mut map = Map::new();
        insert(&mut map, "item.id", json!(3));
        insert(&mut map, "item.queue", json!("inbox"));
        insert(&mut map, "len", json!(1));
        insert(&mut map, "len.max", json!(9));
        insert(&mut map, ".odd", json!(true));
        assert_eq!(
            Value::Object(map),
            json!({"item": {"id": 3, "queue": "inbox"}, "len": 1, "len.max": 9, ".odd": true})
        );
    }

    #[test]
    fn text_keeps_strings_and_writes_the_rest_as_json() {
        assert_eq!(text(json!("a")), "a");
        assert_eq!(text(json!(4)), "4");
    }
}
