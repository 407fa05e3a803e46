//! [`Response`]: every X is followed by a Y within N events or a time.

use std::time::Duration;

use serde_json::json;

use crate::duration::{format_ns, nanos};
use crate::expectation::{
    Deadline, Now, Out, Settings, Tracker, count_setting, duration_setting, unknown_key,
};
use crate::finding::{Finding, FindingKind};
use crate::pattern::{Pattern, Route};
use crate::severity::Severity;
use crate::view::{View, key_text};
use crate::waiting::{Started, Waiting};

/// Every event matching a trigger is followed by one matching a reply
/// (every request gets a response), paired by a key field or first in,
/// first out, within [`within_events`](Response::within_events) events
/// and/or [`fail_after`](Response::fail_after). Made by
/// [`expect::response`](crate::expect::response); its id defaults to
/// `response: <trigger> -> <reply>`.
///
/// A trigger whose reply has not come by its deadline is a failure at once;
/// a reply later than [`warn_after`](Response::warn_after) is a warning. With
/// no limit at all, a trigger still unanswered when the events end is a
/// failure; with limits, it is a note.
///
/// ```
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new().expect(
///     expect::response(expect::probe("request"), expect::probe("reply")).by("id").within_events(3),
/// );
/// let text = r#"{"reprise":1,"kind":"header","component":"api"}
/// {"seq":0,"kind":"probe","name":"request","fields":{"id":"a"},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"reply","fields":{"id":"a"},"at_ns":5}
/// "#;
/// engine.check_str(text)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// A request that got no reply:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new().expect(
///     expect::response(expect::probe("request"), expect::probe("reply")).by("id"),
/// );
/// let text = r#"{"reprise":1,"kind":"header","component":"api"}
/// {"seq":0,"kind":"probe","name":"request","fields":{"id":"a"},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"reply","fields":{"id":"b"},"at_ns":5}
/// "#;
/// engine.check_str(text)?.assert_passed(); // panics: "but instead none came"
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Response {
    pub(crate) id: String,
    pub(crate) trigger: Pattern,
    pub(crate) reply: Pattern,
    pub(crate) key: Option<String>,
    pub(crate) within_events: Option<u64>,
    pub(crate) warn: Option<u64>,
    pub(crate) fail: Option<u64>,
}

impl Response {
    pub(crate) fn new(trigger: Pattern, reply: Pattern) -> Self {
        Response {
            id: format!("response: {trigger} -> {reply}"),
            trigger,
            reply,
            key: None,
            within_events: None,
            warn: None,
            fail: None,
        }
    }

    /// Sets the id. Default: `response: <trigger> -> <reply>`.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::response(expect::probe("a"), expect::probe("b")));
    /// assert_eq!(e.id(), "response: probe a -> probe b");
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// The field (a dotted path in both events' payloads) that pairs a
    /// trigger with its reply. Default: none, the oldest trigger is answered
    /// first.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::response(expect::probe("request"), expect::probe("reply")).by("id");
    /// ```
    pub fn by(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The reply must come within this many events after the trigger.
    /// Default: any number.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::response(expect::probe("request"), expect::probe("reply")).within_events(10);
    /// ```
    pub fn within_events(mut self, n: u64) -> Self {
        self.within_events = Some(n);
        self
    }

    /// A reply later than this is a warning. Default: no warn tier.
    ///
    /// ```
    /// use reprise::expect::expect::{self, ms};
    /// let e = expect::response(expect::probe("request"), expect::probe("reply")).warn_after(ms(50));
    /// ```
    pub fn warn_after(mut self, latency: Duration) -> Self {
        self.warn = Some(nanos(latency));
        self
    }

    /// No reply within this time is a failure. Default: any time.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::response(expect::probe("request"), expect::probe("reply")).fail_after(secs(1));
    /// ```
    pub fn fail_after(mut self, latency: Duration) -> Self {
        self.fail = Some(nanos(latency));
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        Box::new(ResponseTracker {
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

    fn limits(&self) -> String {
        let mut parts = Vec::new();
        if let Some(n) = self.within_events {
            parts.push(format!("{n} events"));
        }
        if let Some(t) = self.fail {
            parts.push(format_ns(t));
        }
        parts.join(" and ")
    }
}

impl Settings for Response {
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        match key {
            "within_events" => self.within_events = Some(count_setting(value)?),
            "warn_after" => self.warn = Some(duration_setting(value)?),
            "fail_after" => self.fail = Some(duration_setting(value)?),
            _ => {
                return Err(unknown_key(
                    "response",
                    key,
                    &["within_events", "warn_after", "fail_after"],
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct ResponseTracker {
    spec: Response,
    waiting: Waiting,
}

impl ResponseTracker {
    fn finding(&self, seq: u64, started: &Started, message: String, actual: String) -> Finding {
        Finding::new(FindingKind::ExpectationFailed, message)
            .at(Some(seq), &started.port, &started.method)
            .values(
                Some(json!(format!(
                    "{} within {}",
                    self.spec.reply,
                    self.spec.limits()
                ))),
                Some(json!(actual)),
                Vec::new(),
            )
    }

    fn overdue(&self, now: Now, s: &Started) -> bool {
        self.spec
            .fail
            .is_some_and(|t| now.ns.saturating_sub(s.at_ns) > t)
            || self
                .spec
                .within_events
                .is_some_and(|n| now.index.saturating_sub(s.index) > n)
    }
}

impl Tracker for ResponseTracker {
    fn routes(&self) -> Vec<Route> {
        vec![self.spec.trigger.route(), self.spec.reply.route()]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        let at_ns = view.at_ns.unwrap_or(0);
        if self.spec.reply.matches(view) {
            let Some(key) = self.spec.key_of(view) else {
                return;
            };
            if let Some((seq, started)) = self.waiting.end(&key) {
                let took = at_ns.saturating_sub(started.at_ns);
                let after = view.index.saturating_sub(started.index);
                let late = self.spec.fail.is_some_and(|t| took > t);
                if late || self.spec.within_events.is_some_and(|n| after > n) {
                    let actual = format!("{after} events and {} later", format_ns(took));
                    let message = format!(
                        "expected {} within {} of #{seq}, but instead it came {actual} (#{})",
                        self.spec.reply,
                        self.spec.limits(),
                        view.seq
                    );
                    out.push(Severity::Fail, self.finding(seq, &started, message, actual));
                } else if self.spec.warn.is_some_and(|w| took > w) {
                    let message = format!(
                        "expected {} within {} of #{seq}, but instead it came after {} (#{})",
                        self.spec.reply,
                        format_ns(self.spec.warn.unwrap_or(0)),
                        format_ns(took),
                        view.seq
                    );
                    let finding = self.finding(seq, &started, message, format_ns(took));
                    out.push(Severity::Warn, finding);
                }
            }
        } else if self.spec.trigger.matches(view)
            && let Some(key) = self.spec.key_of(view)
        {
            let (port, method) = match view.name {
                "" => (view.port, view.method),
                name => (name, ""),
            };
            let started = Started {
                key,
                at_ns,
                index: view.index,
                port: port.to_owned(),
                method: method.to_owned(),
            };
            self.waiting.start(view.seq, started);
        }
    }

    fn deadline(&self) -> Deadline {
        let Some((_, s)) = self.waiting.oldest() else {
            return Deadline::default();
        };
        Deadline::new(
            self.spec
                .fail
                .map(|t| s.at_ns.saturating_add(t).saturating_add(1)),
            self.spec
                .within_events
                .map(|n| s.index.saturating_add(n).saturating_add(1)),
        )
    }

    fn tick(&mut self, now: Now, out: &mut Out) {
        let expired = {
            let spec = &self.spec;
            let (fail, within) = (spec.fail, spec.within_events);
            self.waiting.expire(|s| {
                fail.is_some_and(|t| now.ns.saturating_sub(s.at_ns) > t)
                    || within.is_some_and(|n| now.index.saturating_sub(s.index) > n)
            })
        };
        for (seq, started) in expired {
            debug_assert!(self.overdue(now, &started));
            let actual = format!(
                "none after {} events and {}",
                now.index - started.index,
                format_ns(now.ns.saturating_sub(started.at_ns))
            );
            let message = format!(
                "expected {} within {} of #{seq}, but instead there was {actual}",
                self.spec.reply,
                self.spec.limits()
            );
            out.push(Severity::Fail, self.finding(seq, &started, message, actual));
        }
    }

    fn finish(&mut self, now: Now, out: &mut Out) {
        self.tick(now, out);
        let unlimited = self.spec.fail.is_none() && self.spec.within_events.is_none();
        let mut waiting_notes = Vec::new();
        for (seq, started) in self.waiting.drain() {
            if unlimited {
                let message = format!(
                    "expected {} after #{seq}, but instead none came before the events ended",
                    self.spec.reply
                );
                let finding = Finding::new(FindingKind::ExpectationFailed, message)
                    .at(Some(seq), &started.port, &started.method)
                    .values(
                        Some(json!(self.spec.reply.to_string())),
                        Some(json!("none")),
                        Vec::new(),
                    );
                out.push(Severity::Fail, finding);
            } else {
                waiting_notes.push(format!(
                    "#{seq} had no {} when the events ended",
                    self.spec.reply
                ));
            }
        }
        let what = format!("{} awaiting {}", self.spec.trigger, self.spec.reply);
        out.waiting_notes(&what, waiting_notes.into_iter(), self.waiting.forgotten());
    }
}
