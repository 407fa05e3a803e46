//! [`Report`]: the findings of a replay or a check, as text for people and
//! JSON for tools.

use std::fmt::{self, Write as _};

use serde::Serialize;
use serde_json::{Value, json};

use crate::finding::{Finding, FindingKind};
use crate::severity::Severity;

/// The findings of a replay or a check; the first finding is the headline.
///
/// The text ([`Report::to_text`]) and the JSON ([`Report::to_json`]) depend
/// only on the transcript and on what the component did: no addresses,
/// times, file paths or hash order, so both can be snapshotted.
///
/// A replay report ([`Report::new`]) counts divergences; a check report
/// ([`Report::check`], what the expectation engine returns) counts failures
/// and warnings. Both hold the same [`Finding`]s.
///
/// ```
/// use reprise::expect::{Finding, FindingKind, Report};
/// use serde_json::json;
/// let finding = Finding::new(FindingKind::ArgumentsDiffer, "to differs")
///     .at(Some(0), "network", "send")
///     .values(Some(json!({"to": 2})), Some(json!({"to": 3})), vec!["$.args.to".into()]);
/// let report = Report::new("kv", vec![finding]).with_counts(0, 1);
/// assert!(!report.is_clean());
/// assert_eq!(report.first().unwrap().paths, ["$.args.to"]);
/// assert!(report.to_text().contains("-   \"to\": 2\n"));
/// assert_eq!(report.to_json()["findings"][0]["kind"], "arguments_differ");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    component: String,
    findings: Vec<Finding>,
    notes: Vec<String>,
    inbound: usize,
    outbound: usize,
    #[serde(skip)]
    check: Option<usize>,
    /// Failures and warnings found but not kept (past the engine's
    /// [`KEEP_PER_EXPECTATION`](crate::KEEP_PER_EXPECTATION)).
    #[serde(skip)]
    not_kept: (usize, usize),
}

impl Report {
    /// A replay report of `findings` about `component`, with no notes and
    /// zero counts (set them with [`Report::with_notes`] and
    /// [`Report::with_counts`]).
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind, Report};
    /// let report = Report::new("kv", vec![Finding::new(FindingKind::Panic, "boom")]);
    /// assert_eq!(report.findings().len(), 1);
    /// assert!(report.to_text().starts_with("replay of `kv`: 1 divergence"));
    /// ```
    pub fn new(component: impl Into<String>, findings: Vec<Finding>) -> Report {
        Report {
            component: component.into(),
            findings,
            notes: Vec::new(),
            inbound: 0,
            outbound: 0,
            check: None,
            not_kept: (0, 0),
        }
    }

    /// A check report: the findings of expectations evaluated over `events`
    /// events of `component`. Its text counts failures and warnings.
    ///
    /// ```
    /// use reprise::expect::{Finding, Report, Severity};
    /// let warned = Finding::expectation_failed("queue.item", Severity::Warn, "slow");
    /// let report = Report::check("worker", 12, vec![warned]);
    /// assert!(report.to_text().starts_with("check of `worker`: 0 failures, 1 warning (12 events)"));
    /// assert!(report.passed());
    /// ```
    pub fn check(component: impl Into<String>, events: usize, findings: Vec<Finding>) -> Report {
        Report {
            check: Some(events),
            ..Report::new(component, findings)
        }
    }

    /// This report with `notes` (remarks that are not findings).
    ///
    /// ```
    /// use reprise::expect::Report;
    /// let report = Report::new("kv", vec![]).with_notes(vec!["the recording was cut short".into()]);
    /// assert_eq!(report.notes(), ["the recording was cut short"]);
    /// ```
    pub fn with_notes(mut self, notes: Vec<String>) -> Report {
        self.notes = notes;
        self
    }

    /// This replay report with how many inbound calls were fed and outbound
    /// calls made.
    ///
    /// ```
    /// use reprise::expect::Report;
    /// assert_eq!(Report::new("kv", vec![]).with_counts(2, 5).counts(), (2, 5));
    /// ```
    pub fn with_counts(mut self, inbound: usize, outbound: usize) -> Report {
        self.inbound = inbound;
        self.outbound = outbound;
        self
    }

    /// This check report with `failures` and `warnings` that were found but
    /// not kept (an expectation that fails over and over keeps its first
    /// [`KEEP_PER_EXPECTATION`](crate::KEEP_PER_EXPECTATION) findings):
    /// they count in [`Report::tally`] and [`Report::passed`].
    ///
    /// ```
    /// use reprise::expect::Report;
    /// let report = Report::check("kv", 10, vec![]).with_not_kept(3, 1);
    /// assert_eq!((report.tally(), report.passed()), ((3, 1), false));
    /// assert_eq!(report.not_kept(), (3, 1));
    /// ```
    pub fn with_not_kept(mut self, failures: usize, warnings: usize) -> Report {
        self.not_kept = (failures, warnings);
        self
    }

    /// How many failures and warnings were found but not kept.
    pub fn not_kept(&self) -> (usize, usize) {
        self.not_kept
    }

    /// Every finding kept, in the order found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether there is no finding at all (no divergence, no failure, no
    /// warning).
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty() && self.not_kept == (0, 0)
    }

    /// Whether no finding fails the run: warnings are allowed.
    ///
    /// ```
    /// use reprise::expect::{Finding, Report, Severity};
    /// let warn = Finding::expectation_failed("x", Severity::Warn, "slow");
    /// let fail = Finding::expectation_failed("y", Severity::Fail, "too slow");
    /// assert!(Report::check("c", 1, vec![warn.clone()]).passed());
    /// assert!(!Report::check("c", 1, vec![warn, fail]).passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.not_kept.0 == 0 && !self.findings.iter().any(Finding::is_failure)
    }

    /// How many findings fail the run and how many are warnings.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind, Report, Severity};
    /// let findings = vec![
    ///     Finding::new(FindingKind::Panic, "boom"),
    ///     Finding::expectation_failed("x", Severity::Warn, "slow"),
    /// ];
    /// assert_eq!(Report::new("c", findings).tally(), (1, 1));
    /// ```
    pub fn tally(&self) -> (usize, usize) {
        let failures = self.findings.iter().filter(|f| f.is_failure()).count();
        (
            failures + self.not_kept.0,
            self.findings.len() - failures + self.not_kept.1,
        )
    }

    /// The first finding: the headline.
    pub fn first(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// Remarks that are not divergences: the recording was cut short, an
    /// inbound call was stopped at the cut.
    ///
    /// ```
    /// use reprise::expect::Report;
    /// let report = Report::new("kv", vec![]).with_notes(vec!["the recording was cut short".into()]);
    /// assert!(report.is_clean());
    /// assert!(report.notes()[0].starts_with("the recording was cut short"));
    /// ```
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The recorded component's name.
    pub fn component(&self) -> &str {
        &self.component
    }

    /// How many inbound calls were fed and how many outbound calls were
    /// made and matched.
    pub fn counts(&self) -> (usize, usize) {
        (self.inbound, self.outbound)
    }

    /// The report for people: a headline naming the first divergence, then
    /// each finding with its seq, port, method and kind, the message, the
    /// differing JSON paths, a line diff of the pretty-printed expected and
    /// actual values, the closest candidates, and the events just before.
    ///
    /// A replay report that holds findings of expectations evaluated during
    /// the replay counts them apart from the divergences in its headline:
    /// ``replay of `kv`: 1 divergence, expectations: 1 failure, 0 warnings (..)``.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(events) = self.check {
            let (failures, warnings) = self.tally();
            let _ = writeln!(
                out,
                "check of `{}`: {failures} {}, {warnings} {} ({events} {})",
                self.component,
                plural(failures, "failure", "failures"),
                plural(warnings, "warning", "warnings"),
                plural(events, "event", "events"),
            );
        } else {
            // Findings of expectations evaluated during the replay are
            // counted apart from divergences, as failures and warnings.
            let graded = self
                .findings
                .iter()
                .filter(|f| f.expectation.is_some() || f.kind == FindingKind::ExpectationFailed);
            let (mut failed, mut warned) = (0, 0);
            for finding in graded {
                match finding.is_failure() {
                    true => failed += 1,
                    false => warned += 1,
                }
            }
            let mut count = match self.findings.len() - failed - warned {
                0 if failed + warned == 0 => "clean".to_owned(),
                0 => "no divergence".to_owned(),
                1 => "1 divergence".to_owned(),
                n => format!("{n} divergences"),
            };
            if failed + warned > 0 {
                let _ = write!(
                    count,
                    ", expectations: {failed} {}, {warned} {}",
                    plural(failed, "failure", "failures"),
                    plural(warned, "warning", "warnings"),
                );
            }
            let _ = writeln!(
                out,
                "replay of `{}`: {count} ({} inbound {}, {} outbound {})",
                self.component,
                self.inbound,
                plural(self.inbound, "call", "calls"),
                self.outbound,
                plural(self.outbound, "call", "calls"),
            );
        }
        if let Some(first) = self.first() {
            let _ = write!(out, "first: {}: {}", location(first), what(first));
            if !first.paths.is_empty() {
                let _ = write!(out, " at {}", first.paths.join(", "));
            }
            out.push('\n');
        }
        for (i, finding) in self.findings.iter().enumerate() {
            out.push('\n');
            let _ = writeln!(out, "{}. {}: {}", i + 1, location(finding), what(finding));
            write_body(&mut out, finding);
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                let _ = writeln!(out, "note: {note}");
            }
        }
        out
    }

    /// The report for tools: `{"component", "clean", "inbound", "outbound",
    /// "findings": [..], "notes": [..]}` for a replay, `{"component",
    /// "clean", "passed", "events", "failures", "warnings", "findings": [..],
    /// "notes": [..]}` for a check (with `"not_kept": {"failures",
    /// "warnings"}` when some findings were not kept), each finding with
    /// every field of [`Finding`].
    ///
    /// ```
    /// use reprise::expect::{Finding, Report, Severity};
    /// let report = Report::check("c", 3, vec![Finding::expectation_failed("x", Severity::Fail, "slow")]);
    /// let json = report.to_json();
    /// assert_eq!((json["passed"].as_bool(), json["failures"].as_u64()), (Some(false), Some(1)));
    /// assert_eq!(json["findings"][0]["expectation"], "x");
    /// ```
    pub fn to_json(&self) -> Value {
        if let Some(events) = self.check {
            let (failures, warnings) = self.tally();
            let mut json = json!({
                "component": self.component,
                "clean": self.is_clean(),
                "passed": self.passed(),
                "events": events,
                "failures": failures,
                "warnings": warnings,
                "findings": self.findings,
                "notes": self.notes,
            });
            if self.not_kept != (0, 0) {
                json["not_kept"] = json!({
                    "failures": self.not_kept.0,
                    "warnings": self.not_kept.1,
                });
            }
            return json;
        }
        json!({
            "component": self.component,
            "clean": self.is_clean(),
            "inbound": self.inbound,
            "outbound": self.outbound,
            "findings": self.findings,
            "notes": self.notes,
        })
    }

    /// Panics with the text report unless there is no finding at all: the
    /// assertion for a replay in `cargo test`.
    ///
    /// ```
    /// use reprise::expect::Report;
    /// Report::new("kv", vec![]).assert_clean();
    /// ```
    ///
    /// A replay where a recorded call was never made:
    ///
    /// ```should_panic
    /// use reprise::expect::{Finding, FindingKind, Report};
    /// let missing = Finding::new(FindingKind::MissingCall, "never made").at(Some(0), "clock", "now");
    /// Report::new("kv", vec![missing]).assert_clean(); // panics: "#0 clock.now: missing call"
    /// ```
    #[track_caller]
    pub fn assert_clean(&self) {
        if !self.is_clean() {
            panic!("{}", self.to_text());
        }
    }
}

impl Report {
    /// Panics with the text report if a finding fails the run; warnings
    /// pass. The assertion for a check in `cargo test`.
    ///
    /// ```
    /// use reprise::expect::{Finding, Report, Severity};
    /// let warned = Finding::expectation_failed("queue.item", Severity::Warn, "slow");
    /// Report::check("worker", 4, vec![warned]).assert_passed();
    /// ```
    ///
    /// A failed expectation:
    ///
    /// ```should_panic
    /// use reprise::expect::{Finding, Report, Severity};
    /// let failed = Finding::expectation_failed("queue.item", Severity::Fail, "too slow");
    /// Report::check("worker", 4, vec![failed]).assert_passed(); // panics: "1 failure"
    /// ```
    #[track_caller]
    pub fn assert_passed(&self) {
        if !self.passed() {
            panic!("{}", self.to_text());
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `#5 network.send`, or as much of it as the finding has.
fn location(finding: &Finding) -> String {
    let name = match (finding.port.is_empty(), finding.method.is_empty()) {
        (false, false) => format!("{}.{}", finding.port, finding.method),
        (false, true) => finding.port.clone(),
        (true, false) => finding.method.clone(),
        (true, true) => String::new(),
    };
    let event = match (finding.seq, name.is_empty()) {
        (Some(seq), false) => format!("#{seq} {name}"),
        (Some(seq), true) => format!("#{seq}"),
        (None, false) => name,
        (None, true) => "(no event)".to_owned(),
    };
    match &finding.inbound {
        Some(inbound) if Some(inbound.seq) != finding.seq => {
            format!(
                "in #{} {}.{}: {event}",
                inbound.seq, inbound.port, inbound.method
            )
        }
        _ => event,
    }
}

/// What the finding is: its kind, or for an expectation its id and severity.
fn what(finding: &Finding) -> String {
    match (&finding.expectation, finding.kind) {
        (Some(id), _) => format!("expectation `{id}` failed ({})", finding.severity),
        (None, FindingKind::ExpectationFailed) => {
            format!("{} ({})", finding.kind, finding.severity)
        }
        (None, kind) if finding.severity == Severity::Warn => format!("{kind} (warn)"),
        (None, kind) => kind.to_string(),
    }
}

/// One finding on its own, as in the text report.
pub(crate) fn finding_text(finding: &Finding) -> String {
    let mut out = format!("{}: {}\n", location(finding), what(finding));
    write_body(&mut out, finding);
    out
}

fn write_body(out: &mut String, finding: &Finding) {
    const INDENT: &str = "   ";
    let _ = writeln!(out, "{INDENT}{}", finding.message);
    if !finding.paths.is_empty() {
        let _ = writeln!(out, "{INDENT}paths: {}", finding.paths.join(", "));
    }
    match (&finding.expected, &finding.actual) {
        // An expectation's values are short (a limit, a measure): one line each.
        (Some(expected), Some(actual)) if finding.expectation.is_some() => {
            let _ = writeln!(out, "{INDENT}expected: {}", short(expected));
            let _ = writeln!(out, "{INDENT}actual:   {}", short(actual));
        }
        (Some(expected), Some(actual)) => {
            let _ = writeln!(out, "{INDENT}diff (-expected +actual):");
            write_diff(out, expected, actual);
        }
        (Some(expected), None) => {
            let _ = writeln!(out, "{INDENT}expected:");
            write_value(out, expected);
        }
        (None, Some(actual)) => {
            let _ = writeln!(out, "{INDENT}actual:");
            write_value(out, actual);
        }
        (None, None) => {}
    }
    if !finding.candidates.is_empty() {
        let _ = writeln!(out, "{INDENT}closest recorded calls:");
        for candidate in &finding.candidates {
            let _ = writeln!(out, "{INDENT}  {candidate}");
        }
    }
    if !finding.context.is_empty() {
        let _ = writeln!(out, "{INDENT}events before:");
        for line in &finding.context {
            let _ = writeln!(out, "{INDENT}  {line}");
        }
    }
}

/// A string without its quotes, anything else as compact JSON.
fn short(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn write_value(out: &mut String, value: &Value) {
    for line in pretty(value).lines() {
        let _ = writeln!(out, "       {line}");
    }
}

/// The structural diff of the two values
/// ([`reprise_transcript::diff_lines`]): scalar siblings of each difference
/// in view, equal containers folded.
fn write_diff(out: &mut String, expected: &Value, actual: &Value) {
    for (sign, line) in reprise_transcript::diff_lines(expected, actual) {
        let _ = writeln!(out, "     {sign} {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let mut out = String::new();
        write_diff(
            &mut out,
            &json!({"a": 1, "b": 2, "c": 3}),
            &json!({"a": 1, "b": 5, "c": 3}),
        );
        assert_eq!(
            out,
            "       {\n         \"a\": 1\n     -   \"b\": 2\n     +   \"b\": 5\n         \"c\": 3\n       }\n"
        );
    }

    #[test]
    fn location_names_what_it_has() {
        let f = Finding::new(FindingKind::Panic, "x");
        assert_eq!(location(&f), "(no event)");
        assert_eq!(location(&f.clone().at(Some(3), "api", "")), "#3 api");
        assert_eq!(location(&f.at(None, "api", "put")), "api.put");
    }
}
