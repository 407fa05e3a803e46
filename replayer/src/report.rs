//! [`Report`]: the findings of a replay, as text for people and JSON for tools.

use std::fmt::{self, Write as _};

use serde::Serialize;
use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};

use crate::finding::Finding;

/// The findings of a replay or a check; the first finding is the headline.
///
/// The text ([`Report::to_text`]) and the JSON ([`Report::to_json`]) depend
/// only on the transcript and on what the component did: no addresses,
/// times, file paths or hash order, so both can be snapshotted.
///
/// ```
/// use reprise_replayer::Replay;
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"network","method":"send","args":{"to":2}}
/// {"seq":1,"kind":"return","call":0,"ok":null}
/// {"kind":"end","events":2,"dropped":0}
/// "#)?;
/// let () = replay.port("network").outbound("send", &serde_json::json!({"to": 3}));
/// let report = replay.finish();
/// assert!(!report.is_clean());
/// assert_eq!(report.first().unwrap().paths, ["$.args.to"]);
/// assert!(report.to_text().contains("-   \"to\": 2\n"));
/// assert_eq!(report.to_json()["findings"][0]["kind"], "arguments_differ");
/// # Ok::<(), reprise_replayer::ReplayError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    component: String,
    findings: Vec<Finding>,
    notes: Vec<String>,
    inbound: usize,
    outbound: usize,
}

impl Report {
    pub(crate) fn build(
        component: String,
        findings: Vec<Finding>,
        notes: Vec<String>,
        inbound: usize,
        outbound: usize,
    ) -> Report {
        Report {
            component,
            findings,
            notes,
            inbound,
            outbound,
        }
    }

    /// A report of `findings` about `component`, for checks outside replay.
    ///
    /// ```
    /// use reprise_replayer::{Finding, FindingKind, Report};
    /// let report = Report::new("kv", vec![Finding::new(FindingKind::Panic, "boom")]);
    /// assert_eq!(report.findings().len(), 1);
    /// ```
    pub fn new(component: impl Into<String>, findings: Vec<Finding>) -> Report {
        Report::build(component.into(), findings, Vec::new(), 0, 0)
    }

    /// Every finding, in the order found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether nothing diverged.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The first finding: the headline.
    pub fn first(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// Remarks that are not divergences: the recording was cut short, an
    /// inbound call was stopped at the cut.
    ///
    /// ```
    /// use reprise_replayer::Replay;
    /// let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// let report = replay.finish();
    /// assert!(report.is_clean());
    /// assert!(report.notes()[0].starts_with("the recording was cut short"));
    /// # Ok::<(), reprise_replayer::ReplayError>(())
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
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let count = match self.findings.len() {
            0 => "clean".to_owned(),
            1 => "1 divergence".to_owned(),
            n => format!("{n} divergences"),
        };
        let _ = writeln!(
            out,
            "replay of `{}`: {count} ({} inbound {}, {} outbound {})",
            self.component,
            self.inbound,
            plural(self.inbound, "call", "calls"),
            self.outbound,
            plural(self.outbound, "call", "calls"),
        );
        if let Some(first) = self.first() {
            let _ = write!(out, "first: {}: {}", location(first), first.kind);
            if !first.paths.is_empty() {
                let _ = write!(out, " at {}", first.paths.join(", "));
            }
            out.push('\n');
        }
        for (i, finding) in self.findings.iter().enumerate() {
            out.push('\n');
            let _ = writeln!(out, "{}. {}: {}", i + 1, location(finding), finding.kind);
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
    /// "findings": [..], "notes": [..]}`, each finding with every field of
    /// [`Finding`].
    pub fn to_json(&self) -> Value {
        json!({
            "component": self.component,
            "clean": self.is_clean(),
            "inbound": self.inbound,
            "outbound": self.outbound,
            "findings": self.findings,
            "notes": self.notes,
        })
    }

    /// Panics with the text report unless the replay was clean: the
    /// assertion for `cargo test`.
    ///
    /// ```
    /// use reprise_replayer::Replay;
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":5}
    /// "#)?;
    /// let now: u64 = replay.port("clock").outbound("now", &());
    /// replay.finish().assert_clean();
    /// # Ok::<(), reprise_replayer::ReplayError>(())
    /// ```
    ///
    /// A replay where a recorded call was never made:
    ///
    /// ```should_panic
    /// use reprise_replayer::Replay;
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"out","port":"clock","method":"now","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":5}
    /// "#)?;
    /// replay.finish().assert_clean(); // panics: "#0 clock.now: missing call"
    /// # Ok::<(), reprise_replayer::ReplayError>(())
    /// ```
    #[track_caller]
    pub fn assert_clean(&self) {
        if !self.is_clean() {
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
    match (finding.seq, name.is_empty()) {
        (Some(seq), false) => format!("#{seq} {name}"),
        (Some(seq), true) => format!("#{seq}"),
        (None, false) => name,
        (None, true) => "(no event)".to_owned(),
    }
}

/// One finding on its own, as in the text report.
pub(crate) fn finding_text(finding: &Finding) -> String {
    let mut out = format!("{}: {}\n", location(finding), finding.kind);
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

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn write_value(out: &mut String, value: &Value) {
    for line in pretty(value).lines() {
        let _ = writeln!(out, "       {line}");
    }
}

/// A line diff of the pretty-printed values, with three lines of context
/// around each change and `...` between distant changes.
fn write_diff(out: &mut String, expected: &Value, actual: &Value) {
    let (expected, actual) = (pretty(expected), pretty(actual));
    let diff = TextDiff::from_lines(&expected, &actual);
    for (i, group) in diff.grouped_ops(3).iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "       ...");
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                let line = change.value().trim_end_matches(['\n', '\r']);
                let _ = writeln!(out, "     {sign} {line}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::FindingKind;

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
            "       {\n         \"a\": 1,\n     -   \"b\": 2,\n     +   \"b\": 5,\n         \"c\": 3\n       }\n"
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
