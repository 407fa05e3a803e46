//! [`CallLatency`]: a call returns within a time.

use std::time::Duration;

use serde_json::json;

use crate::duration::{format_ns, nanos};
use crate::expectation::{
    Deadline, Now, Out, Settings, Tracker, duration_setting, limit_text, unknown_key,
};
use crate::finding::{Finding, FindingKind};
use crate::pattern::Route;
use crate::pending::Pending;
use crate::severity::Severity;
use crate::view::{View, What};

/// Latency of a call, from its `call` event to its `return`, for one
/// port.method. Made by [`expect::call_latency`](crate::expect::call_latency);
/// its id defaults to `port.method.latency`.
///
/// A return later than [`fail_after`](CallLatency::fail_after) is a failure,
/// later than [`warn_after`](CallLatency::warn_after) a warning. A call that
/// has not returned when its fail deadline passes is a failure at once
/// ([`Engine::check_deadlines`](crate::Engine::check_deadlines)), and its
/// late return is not reported again.
///
/// ```
/// use reprise::expect::{Expectations, expect, expect::ms};
/// let engine = Expectations::new()
///     .expect(expect::call_latency("storage", "append").fail_after(ms(10)));
/// let fast = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
/// {"seq":1,"kind":"return","call":0,"ok":null,"at_ns":2000000}
/// "#;
/// engine.check_str(fast)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// A call that took 20 ms:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect, expect::ms};
/// let engine = Expectations::new()
///     .expect(expect::call_latency("storage", "append").fail_after(ms(10)));
/// let slow = r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
/// {"seq":1,"kind":"return","call":0,"ok":null,"at_ns":20000000}
/// "#;
/// // panics: "expected storage.append to return within 10ms, but instead it took 20ms"
/// engine.check_str(slow)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct CallLatency {
    pub(crate) id: String,
    pub(crate) port: String,
    pub(crate) method: String,
    pub(crate) nominal: Option<u64>,
    pub(crate) warn: Option<u64>,
    pub(crate) fail: Option<u64>,
}

impl CallLatency {
    pub(crate) fn new(port: &str, method: &str) -> Self {
        CallLatency {
            id: format!("{port}.{method}.latency"),
            port: port.to_owned(),
            method: method.to_owned(),
            nominal: None,
            warn: None,
            fail: None,
        }
    }

    /// Sets the id. Default: `port.method.latency`.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::call_latency("storage", "append").id("append"));
    /// assert_eq!(e.id(), "append");
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// The usual latency, shown beside the limits in findings. Default: none.
    ///
    /// ```
    /// use reprise::expect::expect::{self, ms};
    /// let e = expect::call_latency("storage", "append").nominal(ms(2)).fail_after(ms(10));
    /// ```
    pub fn nominal(mut self, latency: Duration) -> Self {
        self.nominal = Some(nanos(latency));
        self
    }

    /// A return later than this is a warning. Default: no warn tier.
    ///
    /// ```
    /// use reprise::expect::expect::{self, ms};
    /// let e = expect::call_latency("storage", "append").warn_after(ms(200));
    /// ```
    pub fn warn_after(mut self, latency: Duration) -> Self {
        self.warn = Some(nanos(latency));
        self
    }

    /// A return later than this, or no return by then, is a failure.
    /// Default: no fail tier.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::call_latency("storage", "append").fail_after(secs(1));
    /// ```
    pub fn fail_after(mut self, latency: Duration) -> Self {
        self.fail = Some(nanos(latency));
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        Box::new(CallLatencyTracker {
            spec: self.clone(),
            calls: Pending::default(),
        })
    }
}

impl Settings for CallLatency {
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        match key {
            "nominal" => self.nominal = Some(duration_setting(value)?),
            "warn_after" => self.warn = Some(duration_setting(value)?),
            "fail_after" => self.fail = Some(duration_setting(value)?),
            _ => {
                return Err(unknown_key(
                    "call_latency",
                    key,
                    &["nominal", "warn_after", "fail_after"],
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct CallLatencyTracker {
    spec: CallLatency,
    /// When each call in flight was made, by its seq.
    calls: Pending<u64>,
}

impl CallLatencyTracker {
    fn finding(&self, seq: u64, limit: u64, message: String, actual: u64) -> Finding {
        let nominal = self.spec.nominal.map(format_ns);
        Finding::new(FindingKind::ExpectationFailed, message)
            .at(Some(seq), &self.spec.port, &self.spec.method)
            .values(
                Some(limit_text(format!("at most {}", format_ns(limit)), nominal)),
                Some(json!(format_ns(actual))),
                Vec::new(),
            )
    }
}

impl Tracker for CallLatencyTracker {
    fn routes(&self) -> Vec<Route> {
        let (p, m) = (self.spec.port.clone(), self.spec.method.clone());
        vec![Route::Call(p.clone(), m.clone()), Route::Return(p, m)]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        let Some(at_ns) = view.at_ns else { return };
        match view.what {
            What::Call(_) => {
                // Forgotten past the bound: counted, and noted at the end.
                let _ = self.calls.start(view.seq, at_ns);
            }
            What::Return(_) => {
                let call = view.call;
                let Some(made) = self.calls.end(call) else {
                    return; // Not watched, or already flagged by its deadline.
                };
                let took = at_ns.saturating_sub(made);
                let tier = match (self.spec.fail, self.spec.warn) {
                    (Some(fail), _) if took > fail => Some((Severity::Fail, fail)),
                    (_, Some(warn)) if took > warn => Some((Severity::Warn, warn)),
                    _ => None,
                };
                if let Some((severity, limit)) = tier {
                    let message = format!(
                        "expected {}.{} to return within {}, but instead it took {} (return #{})",
                        self.spec.port,
                        self.spec.method,
                        format_ns(limit),
                        format_ns(took),
                        view.seq
                    );
                    out.push(severity, self.finding(call, limit, message, took));
                }
            }
            _ => {}
        }
    }

    fn deadline(&self) -> Deadline {
        let ns = self
            .spec
            .fail
            .zip(self.calls.oldest())
            .map(|(fail, (_, made))| made.saturating_add(fail).saturating_add(1));
        Deadline::new(ns, None)
    }

    fn tick(&mut self, now: Now, out: &mut Out) {
        let Some(fail) = self.spec.fail else { return };
        for (call, made) in self
            .calls
            .expire(|made| now.ns.saturating_sub(*made) > fail)
        {
            let waited = now.ns - made;
            let message = format!(
                "expected {}.{} to return within {}, but instead it had not returned after {}",
                self.spec.port,
                self.spec.method,
                format_ns(fail),
                format_ns(waited)
            );
            out.push(Severity::Fail, self.finding(call, fail, message, waited));
        }
    }

    fn finish(&mut self, now: Now, out: &mut Out) {
        self.tick(now, out);
        let (port, method) = (&self.spec.port, &self.spec.method);
        let notes = self.calls.drain().into_iter().map(|(call, made)| {
            format!(
                "#{call} {port}.{method} had not returned when the events ended, {} after it was made",
                format_ns(now.ns.saturating_sub(made))
            )
        });
        let what = format!("{port}.{method} calls");
        out.waiting_notes(&what, notes, self.calls.forgotten());
    }
}
