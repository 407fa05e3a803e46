//! [`Occurrence`]: a pattern that must never, or must, occur.

use serde_json::json;

use crate::expectation::{Now, Out, Settings, Tracker, unknown_key};
use crate::finding::{Finding, FindingKind};
use crate::pattern::{Pattern, Route};
use crate::severity::Severity;
use crate::view::View;

/// A pattern that must never occur ([`expect::never`](crate::expect::never):
/// every match is a finding) or must occur at least once
/// ([`expect::must`](crate::expect::must): none by the end is a finding).
/// Its id defaults to `never: <pattern>` or `must: <pattern>`; a finding is
/// a failure unless declared [`warn`](Occurrence::warn).
///
/// ```
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new()
///     .expect(expect::never(expect::returned("storage", "append").err()).id("storage.error"));
/// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
/// {"seq":1,"kind":"return","call":0,"ok":null,"at_ns":10}
/// "#;
/// engine.check_str(text)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// A write that failed:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new()
///     .expect(expect::never(expect::returned("storage", "append").err()).id("storage.error"));
/// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
/// {"seq":1,"kind":"return","call":0,"err":"disk full","at_ns":10}
/// "#;
/// engine.check_str(text)?.assert_passed(); // panics: "expected no err from storage.append"
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub(crate) id: String,
    pub(crate) pattern: Pattern,
    pub(crate) never: bool,
    pub(crate) severity: Severity,
}

impl Occurrence {
    pub(crate) fn new(pattern: Pattern, never: bool) -> Self {
        let id = format!("{}: {pattern}", if never { "never" } else { "must" });
        Occurrence {
            id,
            pattern,
            never,
            severity: Severity::Fail,
        }
    }

    /// Sets the id. Default: `never: <pattern>` or `must: <pattern>`.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::never(expect::probe("panic")));
    /// assert_eq!(e.id(), "never: probe panic");
    /// let e = Expectation::from(expect::never(expect::probe("panic")).id("no.panic"));
    /// assert_eq!(e.id(), "no.panic");
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Its findings are warnings. Default: failures.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::never(expect::returned("network", "send").err()).warn();
    /// ```
    pub fn warn(mut self) -> Self {
        self.severity = Severity::Warn;
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        Box::new(OccurrenceTracker {
            spec: self.clone(),
            seen: 0,
        })
    }
}

impl Settings for Occurrence {
    fn set(&mut self, key: &str, _value: &toml::Value) -> Result<(), String> {
        Err(unknown_key(
            if self.never { "never" } else { "must" },
            key,
            &[],
        ))
    }
}

#[derive(Debug)]
struct OccurrenceTracker {
    spec: Occurrence,
    seen: u64,
}

impl Tracker for OccurrenceTracker {
    fn routes(&self) -> Vec<Route> {
        vec![self.spec.pattern.route()]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        if !self.spec.pattern.matches(view) {
            return;
        }
        self.seen += 1;
        if self.spec.never {
            let message = format!(
                "expected no {}, but instead saw one at #{}",
                self.spec.pattern, view.seq
            );
            let (port, method) = match view.name {
                "" => (view.port, view.method),
                name => (name, ""),
            };
            let finding = Finding::new(FindingKind::ExpectationFailed, message)
                .at(Some(view.seq), port, method)
                .values(Some(json!("none")), Some(view.payload()), Vec::new());
            out.push(self.spec.severity, finding);
        }
    }

    fn finish(&mut self, _now: Now, out: &mut Out) {
        if !self.spec.never && self.seen == 0 {
            let message = format!(
                "expected {} at least once, but instead saw none",
                self.spec.pattern
            );
            let p = &self.spec.pattern;
            let port = p
                .port
                .clone()
                .or_else(|| p.name.clone())
                .unwrap_or_default();
            let finding = Finding::new(FindingKind::ExpectationFailed, message)
                .at(None, port, p.method.clone().unwrap_or_default())
                .values(Some(json!("at least 1")), Some(json!(0)), Vec::new());
            out.push(self.spec.severity, finding);
        }
    }
}
