//! [`Bounds`]: a probe's numeric field stays within a range.

use std::ops::RangeInclusive;

use serde_json::{Value, json};

use crate::expectation::{
    Out, Settings, Tracker, limit_text, number_setting, range_setting, unknown_key,
};
use crate::finding::{Finding, FindingKind};
use crate::pattern::Route;
use crate::severity::Severity;
use crate::view::View;

/// Bounds on a numeric field of a probe, such as `queue.depth`'s `len` in
/// `0..=1000`. Made by [`expect::probe_bounds`](crate::expect::probe_bounds);
/// its id defaults to `probe.field.bounds`.
///
/// A value outside [`within`](Bounds::within) is a failure, outside
/// [`warn_within`](Bounds::warn_within) a warning. A probe without the field,
/// or with a value that is not a number, is a failure.
///
/// ```
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new()
///     .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0));
/// let text = r#"{"reprise":1,"kind":"header","component":"worker"}
/// {"seq":0,"kind":"probe","name":"queue.depth","fields":{"len":12},"at_ns":0}
/// "#;
/// engine.check_str(text)?.assert_passed();
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
///
/// A queue 1200 deep:
///
/// ```should_panic
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new()
///     .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0));
/// let text = r#"{"reprise":1,"kind":"header","component":"worker"}
/// {"seq":0,"kind":"probe","name":"queue.depth","fields":{"len":1200},"at_ns":0}
/// "#;
/// engine.check_str(text)?.assert_passed(); // panics: "but instead it was 1200"
/// # Ok::<(), reprise::expect::CheckError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Bounds {
    pub(crate) id: String,
    pub(crate) probe: String,
    pub(crate) field: String,
    pub(crate) nominal: Option<f64>,
    pub(crate) warn: Option<RangeInclusive<f64>>,
    pub(crate) fail: Option<RangeInclusive<f64>>,
}

impl Bounds {
    pub(crate) fn new(probe: &str, field: &str) -> Self {
        Bounds {
            id: format!("{probe}.{field}.bounds"),
            probe: probe.to_owned(),
            field: field.to_owned(),
            nominal: None,
            warn: None,
            fail: None,
        }
    }

    /// Sets the id. Default: `probe.field.bounds`.
    ///
    /// ```
    /// use reprise::expect::{Expectation, expect};
    /// let e = Expectation::from(expect::probe_bounds("queue.depth", "len").id("depth"));
    /// assert_eq!(e.id(), "depth");
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// A value outside this range is a failure. Default: any value.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0);
    /// ```
    pub fn within(mut self, range: RangeInclusive<f64>) -> Self {
        self.fail = Some(range);
        self
    }

    /// A value outside this range is a warning. Default: no warn tier.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::probe_bounds("queue.depth", "len").warn_within(0.0..=800.0).within(0.0..=1000.0);
    /// ```
    pub fn warn_within(mut self, range: RangeInclusive<f64>) -> Self {
        self.warn = Some(range);
        self
    }

    /// The usual value, shown beside the limits in findings. Default: none.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let e = expect::probe_bounds("queue.depth", "len").nominal(12.0);
    /// ```
    pub fn nominal(mut self, value: f64) -> Self {
        self.nominal = Some(value);
        self
    }

    pub(crate) fn tracker(&self) -> Box<dyn Tracker> {
        Box::new(BoundsTracker { spec: self.clone() })
    }
}

impl Settings for Bounds {
    fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        match key {
            "within" => self.fail = Some(range_setting(value)?),
            "warn_within" => self.warn = Some(range_setting(value)?),
            "nominal" => self.nominal = Some(number_setting(value)?),
            _ => {
                return Err(unknown_key(
                    "probe_bounds",
                    key,
                    &["within", "warn_within", "nominal"],
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct BoundsTracker {
    spec: Bounds,
}

fn range_text(range: &RangeInclusive<f64>) -> String {
    format!("{}..={}", range.start(), range.end())
}

impl Tracker for BoundsTracker {
    fn routes(&self) -> Vec<Route> {
        vec![Route::Probe(self.spec.probe.clone())]
    }

    fn observe(&mut self, view: &View<'_>, out: &mut Out) {
        let spec = &self.spec;
        let path = || format!("$.fields.{}", spec.field);
        let at = |f: Finding| f.at(Some(view.seq), &spec.probe, &spec.field);
        let value = view.field(&spec.field);
        let value = value.as_deref();
        let Some(number) = value.and_then(Value::as_f64) else {
            let message = format!(
                "expected a number at {} of {}, but instead found {}",
                path(),
                spec.probe,
                value.map_or("nothing".to_owned(), Value::to_string)
            );
            let finding = Finding::new(FindingKind::ExpectationFailed, message).values(
                Some(json!("a number")),
                value.cloned(),
                vec![path()],
            );
            return out.push(Severity::Fail, at(finding));
        };
        let tier = [(Severity::Fail, &spec.fail), (Severity::Warn, &spec.warn)]
            .into_iter()
            .find_map(|(s, r)| r.as_ref().filter(|r| !r.contains(&number)).map(|r| (s, r)));
        if let Some((severity, range)) = tier {
            let message = format!(
                "expected {}.{} within {}, but instead it was {}",
                spec.probe,
                spec.field,
                range_text(range),
                value.map_or(String::new(), Value::to_string)
            );
            let expected = limit_text(range_text(range), spec.nominal.map(|n| n.to_string()));
            let finding = Finding::new(FindingKind::ExpectationFailed, message).values(
                Some(expected),
                value.cloned(),
                vec![path()],
            );
            out.push(severity, at(finding));
        }
    }
}
