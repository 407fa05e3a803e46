//! [`Count`]: how many events match, in total or per sliding window.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::json;

use crate::duration::{format_ns, nanos};
use crate::expectation::{
    Deadline, Now, Out, Settings, Tracker, count_setting, duration_setting, unknown_key,
};
use crate::finding::{Finding, FindingKind};
use crate::pattern::{Pattern, Route};
use crate::severity::Severity;
use crate::view::View;

/// How many events match a [`Pattern`]: at most N (`network.send` at most
/// 100 per second) or at least N (a heartbeat at least once per 5 s), in
/// the whole run or in every sliding window of [`per`](Count::per). Made by
/// [`expect::count`](crate::expect::count); its id defaults to the pattern's
/// subject followed by `.count`.
///
/// An upper limit is flagged at the event that goes over it, once until the
/// count is back under. A lower limit per window is flagged when a window
/// ends short (at the next event or [`Engine::check_deadlines`](crate::Engine::check_deadlines)),
/// once until a matching event comes; a lower limit without a window is
/// checked when the events end.
///
/// ```
/// use reprise::expect::{Expectations, expect, expect::secs};
/// let engine = Expectations::new()
///     .expect(expect::count(expect::probe("heartbeat")).at_least(1).per(secs(5)));
/// let text = r#"{"reprise":1,"kind":"header","component":"node"}
/// {"seq":0,"kind":"probe","name":"heartbeat","fields":{},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"heartbeat","fields":{},"at_ns":4000000000}
/// {"seq":2,"kind":"probe","name":"heartbeat","fields":{},"at_ns":8000000000}
/// "#;
/// engine.check_str(text)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// Three sends within one second, at most two allowed:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect, expect::secs};
/// let engine = Expectations::new()
///     .expect(expect::count(expect::call("network", "send")).at_most(2).per(secs(1)));
/// let text = r#"{"reprise":1,"kind":"header","component":"node"}
/// {"seq":0,"kind":"call","dir":"out","port":"network","method":"send","args":{},"at_ns":0}
/// {"seq":1,"kind":"call","dir":"out","port":"network","method":"send","args":{},"at_ns":10}
/// {"seq":2,"kind":"call","dir":"out","port":"network","method":"send","args":{},"at_ns":20}
/// "#;
/// engine.check_str(text)?.assert_passed(); // panics: "but instead saw 3"
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Count {
    pub(crate) id: String,
    pub(crate) pattern: Pattern,
    pub(crate) window: Option<u64>,
    pub(crate) fail_above: Option<u64>,
    pub(crate) warn_above: Option<u64>,
    pub(crate) fail_below: Option<u64>,
    pub(crate) warn_below: Option<u64>,
}

impl Count {
    pub(crate) fn new(pattern: Pattern) -> Self {
        let subject = match (&pattern.port, &pattern.method, &pattern.name) {
            (Some(p), Some(m), _) => format!("{p}.{m}"),
            (_, _, Some(n)) => n.clone(),
            _ => "events".to_owned(),
        };
        Count {
            id: format!("{subject}.count"),
            pattern,
            window: None,
            fail_above: None,
            warn_above: None,
            fail_below: None,
            warn_below: None,
        }
    }

    /// Sets the id. Default: the subject (`port.method` or the probe name)
    /// followed by `.count`.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::count(expect::probe("heartbeat")).id("alive"));
    /// assert_eq!(e.id(), "alive");
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Counts in every sliding window of this length. Default: the whole run.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let rate = expect::count(expect::call("network", "send")).at_most(100).per(secs(1));
    /// ```
    pub fn per(mut self, window: Duration) -> Self {
        self.window = Some(nanos(window).max(1));
        self
    }

    /// More than `n` is a failure. Default: no upper limit.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::count(expect::call("storage", "open")).at_most(1);
    /// ```
    pub fn at_most(mut self, n: u64) -> Self {
        self.fail_above = Some(n);
        self
    }

    /// More than `n` is a warning. Default: no warn tier above.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::count(expect::call("network", "send")).warn_above(80).at_most(100).per(secs(1));
    /// ```
    pub fn warn_above(mut self, n: u64) -> Self {
        self.warn_above = Some(n);
        self
    }

    /// Fewer than `n` is a failure. Default: no lower limit.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::count(expect::probe("heartbeat")).at_least(1).per(secs(5));
    /// ```
    pub fn at_least(mut self, n: u64) -> Self {
        self.fail_below = Some(n);
        self
    }

    /// Fewer than `n` is a warning. Default: no warn tier below.
    ///
    /// ```
    /// use reprise::expect::expect::{self, secs};
    /// let e = expect::count(expect::probe("heartbeat")).warn_below(2).at_least(1).per(secs(5));
    /// ```
    pub fn warn_below(mut self, n: u64) -> Self {
        self.warn_below = Some(n);
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        let keep = self.fail_below.max(self.warn_below).unwrap_or(0);
        Box::new(CountTracker {
            spec: self.clone(),
            total: 0,
            recent: VecDeque::new(),
            sorted: true,
            keep: usize::try_from(keep).unwrap_or(usize::MAX),
            over: [false; 2],
            short: [false; 2],
        })
    }

    fn per_text(&self) -> String {
        match self.window {
            Some(w) => format!(" per {}", format_ns(w)),
            None => String::new(),
        }
    }
}

impl Settings for Count {
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        match key {
            "per" => self.window = Some(duration_setting(value)?.max(1)),
            "at_most" => self.fail_above = Some(count_setting(value)?),
            "warn_above" => self.warn_above = Some(count_setting(value)?),
            "at_least" => self.fail_below = Some(count_setting(value)?),
            "warn_below" => self.warn_below = Some(count_setting(value)?),
            _ => {
                return Err(unknown_key(
                    "count",
                    key,
                    &["per", "at_most", "warn_above", "at_least", "warn_below"],
                ));
            }
        }
        Ok(())
    }
}

/// The tiers in the order they are checked: fail first.
const TIERS: [Severity; 2] = [Severity::Fail, Severity::Warn];

#[derive(Debug)]
struct CountTracker {
    spec: Count,
    total: u64,
    /// Timestamps of recent matches: within the window (upper limits) and
    /// at least the last `keep` (lower limits).
    recent: VecDeque<u64>,
    /// Whether `recent` is in non-decreasing order (it is whenever the
    /// events' times are, as a recorder writes them), so that the window
    /// can be counted by binary search instead of a scan.
    sorted: bool,
    keep: usize,
    /// Per tier (fail, warn): already flagged over the upper limit.
    over: [bool; 2],
    /// Per tier (fail, warn): already flagged short of the lower limit.
    short: [bool; 2],
}

impl CountTracker {
    fn above(&self, tier: usize) -> Option<u64> {
        [self.spec.fail_above, self.spec.warn_above][tier]
    }

    fn below(&self, tier: usize) -> Option<u64> {
        [self.spec.fail_below, self.spec.warn_below][tier]
    }

    /// Matches in the window ending at `ns`.
    fn in_window(&self, ns: u64) -> u64 {
        match self.spec.window {
            // Sorted, the matches out of the window are a prefix.
            Some(w) if self.sorted => {
                let out = match self.recent.front() {
                    // All in the window: the usual case once pruned.
                    Some(t) if ns.saturating_sub(*t) < w => 0,
                    _ => self.recent.partition_point(|t| ns.saturating_sub(*t) >= w),
                };
                (self.recent.len() - out) as u64
            }
            Some(w) => self
                .recent
                .iter()
                .filter(|t| ns.saturating_sub(**t) < w)
                .count() as u64,
            None => self.total,
        }
    }

    /// When the window ending short of `n` matches starts: the n-th latest
    /// match (or the start) plus the window.
    fn short_at(&self, n: u64, start_ns: u64) -> Option<u64> {
        let w = self.spec.window?;
        let n = usize::try_from(n).ok()?;
        let from = if n == 0 {
            return None;
        } else if self.recent.len() >= n {
            self.recent[self.recent.len() - n]
        } else {
            start_ns
        };
        Some(from.saturating_add(w))
    }

    fn finding(&self, seq: Option<u64>, expected: String, message: String, actual: u64) -> Finding {
        let p = &self.spec.pattern;
        let port = p
            .port
            .clone()
            .or_else(|| p.name.clone())
            .unwrap_or_default();
        Finding::new(FindingKind::ExpectationFailed, message)
            .at(seq, port, p.method.clone().unwrap_or_default())
            .values(Some(json!(expected)), Some(json!(actual)), Vec::new())
    }
}

impl Tracker for CountTracker {
    fn routes(&self) -> Vec<Route> {
        vec![self.spec.pattern.route()]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        if !self.spec.pattern.matches(view) {
            return;
        }
        let ns = view.at_ns.unwrap_or(0);
        self.total += 1;
        match self.recent.back() {
            None => self.sorted = true,
            Some(last) if *last > ns => self.sorted = false,
            Some(_) => {}
        }
        self.recent.push_back(ns);
        if let Some(w) = self.spec.window {
            while self.recent.len() > self.keep
                && self
                    .recent
                    .front()
                    .is_some_and(|t| ns.saturating_sub(*t) >= w)
            {
                self.recent.pop_front();
            }
        } else {
            while self.recent.len() > self.keep {
                self.recent.pop_front();
            }
        }
        self.short = [false; 2];
        let count = self.in_window(ns);
        for (tier, severity) in TIERS.into_iter().enumerate() {
            let Some(limit) = self.above(tier) else {
                continue;
            };
            if count <= limit {
                self.over[tier] = false;
            } else if !(self.over[tier] || (tier == 1 && self.over[0])) {
                self.over[tier] = true;
                let expected = format!("at most {limit}{}", self.spec.per_text());
                let within = match self.spec.window {
                    Some(w) => format!(" within {}", format_ns(w)),
                    None => String::new(),
                };
                let message = format!(
                    "expected at most {limit} {}{}, but instead saw {count}{within}",
                    self.spec.pattern,
                    self.spec.per_text()
                );
                out.push(
                    severity,
                    self.finding(Some(view.seq), expected, message, count),
                );
            }
        }
    }

    fn deadline(&self) -> Deadline {
        let ns = (0..2)
            .filter(|tier| !self.short[*tier])
            .filter_map(|tier| self.short_at(self.below(tier)?, 0))
            .min();
        Deadline::new(ns, None)
    }

    fn tick(&mut self, now: Now, out: &mut Out) {
        for (tier, severity) in TIERS.into_iter().enumerate() {
            let Some(n) = self.below(tier) else { continue };
            if self.short[tier] || (tier == 1 && self.short[0]) {
                continue;
            }
            let Some(at) = self.short_at(n, now.start_ns) else {
                continue;
            };
            if now.ns < at {
                continue;
            }
            self.short[tier] = true;
            let seen = self.in_window(at.saturating_sub(1));
            let message = format!(
                "expected at least {n} {}{}, but instead saw {seen} in the {} before {}",
                self.spec.pattern,
                self.spec.per_text(),
                format_ns(self.spec.window.unwrap_or(0)),
                format_ns(at)
            );
            let expected = format!("at least {n}{}", self.spec.per_text());
            out.push(severity, self.finding(None, expected, message, seen));
        }
    }

    fn finish(&mut self, now: Now, out: &mut Out) {
        if self.spec.window.is_some() {
            return self.tick(now, out);
        }
        for (tier, severity) in TIERS.into_iter().enumerate() {
            let Some(n) = self.below(tier) else { continue };
            if self.total < n && !(tier == 1 && self.short[0]) {
                self.short[tier] = true;
                let message = format!(
                    "expected at least {n} {}, but instead saw {}",
                    self.spec.pattern, self.total
                );
                out.push(
                    severity,
                    self.finding(None, format!("at least {n}"), message, self.total),
                );
            }
        }
    }
}
