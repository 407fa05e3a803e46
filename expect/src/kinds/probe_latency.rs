//! [`ProbeLatency`]: the time between two probes correlated by a key.

use std::time::Duration;

use serde_json::json;

use crate::duration::{format_ns, nanos};
use crate::expectation::{
    Deadline, Now, Out, Settings, Tracker, duration_setting, limit_text, unknown_key,
};
use crate::finding::{Finding, FindingKind};
use crate::pattern::Route;
use crate::severity::Severity;
use crate::view::{View, key_text};
use crate::waiting::{Started, Waiting};

/// Latency between two probes, such as an item's `queue.enqueue` and its
/// `queue.done`, paired by a key field (`id`), or first in, first out when
/// no key is given. Made by [`expect::latency`](crate::expect::latency),
/// whose argument is the id.
///
/// An end later than [`fail_after`](ProbeLatency::fail_after) after its
/// start is a failure, later than [`warn_after`](ProbeLatency::warn_after) a
/// warning; a start whose end has not come by its fail deadline is a
/// failure at once.
///
/// ```
/// use reprise::expect::{Expectations, expect, expect::{ms, secs}};
/// let engine = Expectations::new().expect(
///     expect::latency("queue.item").between("queue.enqueue", "queue.done").by("id")
///         .warn_after(ms(200)).fail_after(secs(1)),
/// );
/// let text = r#"{"reprise":1,"kind":"header","component":"worker"}
/// {"seq":0,"kind":"probe","name":"queue.enqueue","fields":{"id":1},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"queue.enqueue","fields":{"id":2},"at_ns":0}
/// {"seq":2,"kind":"probe","name":"queue.done","fields":{"id":2},"at_ns":50000000}
/// {"seq":3,"kind":"probe","name":"queue.done","fields":{"id":1},"at_ns":100000000}
/// "#;
/// engine.check_str(text)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// Item 1 done after 1.5 s:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect, expect::secs};
/// let engine = Expectations::new().expect(
///     expect::latency("queue.item").between("queue.enqueue", "queue.done").by("id").fail_after(secs(1)),
/// );
/// let text = r#"{"reprise":1,"kind":"header","component":"worker"}
/// {"seq":0,"kind":"probe","name":"queue.enqueue","fields":{"id":1},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"queue.done","fields":{"id":1},"at_ns":1500000000}
/// "#;
/// engine.check_str(text)?.assert_passed(); // panics: "but instead it came after 1.5s"
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ProbeLatency {
    pub(crate) id: String,
    pub(crate) start: String,
    pub(crate) end: String,
    pub(crate) key: Option<String>,
    pub(crate) nominal: Option<u64>,
    pub(crate) warn: Option<u64>,
    pub(crate) fail: Option<u64>,
}

impl ProbeLatency {
    pub(crate) fn new(id: &str) -> Self {
        ProbeLatency {
            id: id.to_owned(),
            start: format!("{id}.start"),
            end: format!("{id}.end"),
            key: None,
            nominal: None,
            warn: None,
            fail: None,
        }
    }

    /// The probe names that start and end the measured span. Default:
    /// `<id>.start` and `<id>.end`.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::latency("queue.item").between("queue.enqueue", "queue.done");
    /// ```
    pub fn between(mut self, start: impl Into<String>, end: impl Into<String>) -> Self {
        self.start = start.into();
        self.end = end.into();
        self
    }

    /// The field (a dotted path in the probes' fields) that pairs a start
    /// with its end. Default: none, the oldest start pairs with each end.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::latency("queue.item").between("queue.enqueue", "queue.done").by("id");
    /// ```
    pub fn by(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The usual latency, shown beside the limits in findings. Default: none.
    ///
    /// ```
    /// use reprise::expect::expect::{self, ms};
    /// let e = expect::latency("queue.item").nominal(ms(20));
    /// ```
    pub fn nominal(mut self, latency: Duration) -> Self {
        self.nominal = Some(nanos(latency));
        self
    }

    /// An end later than this after its start is a warning. Default: no
    /// warn tier.
    ///
    /// ```
    /// use reprise::expect::expect::{self, ms};
    /// let e = expect::latency("queue.item").warn_after(ms(200));
    /// ```
    pub fn warn_after(mut self, latency: Duration) -> Self {
        self.warn = Some(nanos(latency));
        self
    }

    /// An end later than this after its start, or none by then, is a
    /// failure. Default: no fail tier.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::latency("queue.item").fail_after(secs(1));
    /// ```
    pub fn fail_after(mut self, latency: Duration) -> Self {
        self.fail = Some(nanos(latency));
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        Box::new(ProbeLatencyTracker {
            spec: self.clone(),
            waiting: Waiting::default(),
        })
    }

    fn key_of(&self, view: &View<'_>) -> Option<String> {
        match &self.key {
            Some(path) => view.field(path).map(|v| key_text(&v)),
            None => Some(String::new()),
        }
    }

    fn keyed(&self, key: &str) -> String {
        match &self.key {
            Some(path) => format!(" ({path} = {key})"),
            None => String::new(),
        }
    }
}

impl Settings for ProbeLatency {
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        match key {
            "nominal" => self.nominal = Some(duration_setting(value)?),
            "warn_after" => self.warn = Some(duration_setting(value)?),
            "fail_after" => self.fail = Some(duration_setting(value)?),
            _ => {
                return Err(unknown_key(
                    "latency",
                    key,
                    &["nominal", "warn_after", "fail_after"],
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct ProbeLatencyTracker {
    spec: ProbeLatency,
    waiting: Waiting,
}

impl ProbeLatencyTracker {
    fn finding(&self, seq: u64, limit: u64, message: String, actual: u64) -> Finding {
        let nominal = self.spec.nominal.map(format_ns);
        Finding::new(FindingKind::ExpectationFailed, message)
            .at(Some(seq), &self.spec.start, "")
            .values(
                Some(limit_text(format!("at most {}", format_ns(limit)), nominal)),
                Some(json!(format_ns(actual))),
                Vec::new(),
            )
    }
}

impl Tracker for ProbeLatencyTracker {
    fn routes(&self) -> Vec<Route> {
        vec![
            Route::Probe(self.spec.start.clone()),
            Route::Probe(self.spec.end.clone()),
        ]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        let (Some(at_ns), Some(key)) = (view.at_ns, self.spec.key_of(view)) else {
            return;
        };
        if view.name == self.spec.start {
            let started = Started {
                key,
                at_ns,
                index: view.index,
                port: String::new(),
                method: String::new(),
            };
            self.waiting.start(view.seq, started);
        } else if let Some((start, started)) = self.waiting.end(&key) {
            let took = at_ns.saturating_sub(started.at_ns);
            let tier = match (self.spec.fail, self.spec.warn) {
                (Some(fail), _) if took > fail => Some((Severity::Fail, fail)),
                (_, Some(warn)) if took > warn => Some((Severity::Warn, warn)),
                _ => None,
            };
            if let Some((severity, limit)) = tier {
                let message = format!(
                    "expected {} within {} of {}{}, but instead it came after {} (#{})",
                    self.spec.end,
                    format_ns(limit),
                    self.spec.start,
                    self.spec.keyed(&key),
                    format_ns(took),
                    view.seq
                );
                out.push(severity, self.finding(start, limit, message, took));
            }
        }
    }

    fn deadline(&self) -> Deadline {
        let ns = self
            .spec
            .fail
            .zip(self.waiting.oldest())
            .map(|(fail, (_, s))| s.at_ns.saturating_add(fail).saturating_add(1));
        Deadline::new(ns, None)
    }

    fn tick(&mut self, now: Now, out: &mut Out) {
        let Some(fail) = self.spec.fail else { return };
        for (start, started) in self
            .waiting
            .expire(|s| now.ns.saturating_sub(s.at_ns) > fail)
        {
            let waited = now.ns - started.at_ns;
            let message = format!(
                "expected {} within {} of {}{}, but instead there was none after {}",
                self.spec.end,
                format_ns(fail),
                self.spec.start,
                self.spec.keyed(&started.key),
                format_ns(waited)
            );
            out.push(Severity::Fail, self.finding(start, fail, message, waited));
        }
    }

    fn finish(&mut self, now: Now, out: &mut Out) {
        self.tick(now, out);
        let spec = &self.spec;
        let notes = self.waiting.drain().into_iter().map(|(start, started)| {
            format!(
                "#{start} {}{} had no {} when the events ended, {} after it",
                spec.start,
                spec.keyed(&started.key),
                spec.end,
                format_ns(now.ns.saturating_sub(started.at_ns))
            )
        });
        let what = format!("{} items", spec.start);
        out.waiting_notes(&what, notes, self.waiting.forgotten());
    }
}
