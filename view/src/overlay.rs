//! The findings of a replay or check report (`Report::to_json`), read for
//! the timeline's overlay.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A report to overlay on a timeline: its findings, and the node whose
/// events their seqs name. Of each finding only its place, kind and paths
/// are kept (see [`OverlayFinding`]).
///
/// ```
/// use reprise::view::Overlay;
/// let json = r#"{"component":"kv","clean":false,"findings":[
///   {"seq":4,"port":"network","method":"send","kind":"arguments_differ",
///    "message":"`to` differs","expected":{"to":2},"actual":{"to":3},"paths":["$.args.to"]}]}"#;
/// let overlay = Overlay::from_json("report.json", None, json)?;
/// assert_eq!(overlay.findings()[0].seq, Some(4));
/// assert_eq!(overlay.node(), None);
/// let merged = Overlay::from_json("report.json", Some("n1".into()), json)?;
/// assert_eq!(merged.node(), Some("n1"));
/// assert!(Overlay::from_json("r.json", None, "{\"findings\": 3}").is_err());
/// # Ok::<(), reprise::view::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    file: String,
    node: Option<String>,
    findings: Vec<OverlayFinding>,
}

/// One finding of an [`Overlay`]: where it is and what kind it is.
///
/// Only these fields of a report's finding are read. Its `expected` and
/// `actual` values and its `message` are left out: a replay's `actual` is
/// what the component did, which the transcript does not hold, and a message
/// may quote a value (`instead it was 140`). The page shows the transcript's
/// own payload at [`paths`](OverlayFinding::paths) instead, so it never holds
/// a value the transcript does not.
///
/// ```
/// use reprise::view::{Overlay, OverlayFinding};
/// let json = r#"{"findings":[{"seq":2,"port":"pay","method":"charge","kind":"arguments_differ",
///   "message":"card 4916338506082832","actual":{"card":"4916338506082832"},"paths":["$.args.card"]}]}"#;
/// let overlay = Overlay::from_json("report.json", None, json)?;
/// let finding: &OverlayFinding = &overlay.findings()[0];
/// assert_eq!((finding.seq, finding.kind.as_str()), (Some(2), "arguments_differ"));
/// assert_eq!(finding.paths, ["$.args.card"]);
/// assert!(!format!("{finding:?}").contains("4111"), "neither the value nor the message is kept");
/// # Ok::<(), reprise::view::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlayFinding {
    /// The recorded event it is about, if any.
    #[serde(default)]
    pub seq: Option<u64>,
    /// Its port.
    #[serde(default)]
    pub port: String,
    /// Its method (or probe name).
    #[serde(default)]
    pub method: String,
    /// Its kind (`arguments_differ`, `expectation_failed`, ...).
    #[serde(default)]
    pub kind: String,
    /// `fail` or `warn` for an expectation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// The expectation's id, for a failed expectation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expectation: Option<String>,
    /// The JSON paths that differ, into the event's line (`$.args.to`).
    #[serde(default)]
    pub paths: Vec<String>,
}

#[derive(Deserialize)]
struct ReportJson {
    findings: Vec<OverlayFinding>,
}

impl Overlay {
    /// Reads a report's JSON text; `file` names it in errors, `node` is the
    /// node its seqs belong to (`None`: the view's only node). An error
    /// names the file, line and column, never a value.
    ///
    /// ```
    /// use reprise::view::Overlay;
    /// let err = Overlay::from_json("r.json", None, "{\"findings\": [\"secret\"]}").unwrap_err();
    /// assert!(err.to_string().starts_with("r.json: not a reprise report:"));
    /// assert!(!err.to_string().contains("secret"));
    /// ```
    pub fn from_json(file: &str, node: Option<String>, text: &str) -> Result<Overlay, Error> {
        let report: ReportJson = serde_json::from_str(text).map_err(|e| Error::Report {
            file: file.to_owned(),
            // Never the value: the category and the place.
            reason: format!(
                "{} at line {} column {}",
                reprise_transcript::json_error_message(&e),
                e.line(),
                e.column()
            ),
        })?;
        Ok(Overlay {
            file: file.to_owned(),
            node,
            findings: report.findings,
        })
    }

    /// The findings, first (the headline) first.
    ///
    /// ```
    /// use reprise::view::Overlay;
    /// let overlay = Overlay::from_json("r.json", None, r#"{"findings":[{"seq":1,"kind":"missing_call"},{"seq":3,"kind":"unexpected_call"}]}"#)?;
    /// let kinds: Vec<&str> = overlay.findings().iter().map(|f| f.kind.as_str()).collect();
    /// assert_eq!(kinds, ["missing_call", "unexpected_call"]);
    /// # Ok::<(), reprise::view::Error>(())
    /// ```
    pub fn findings(&self) -> &[OverlayFinding] {
        &self.findings
    }

    /// The report's name, as given.
    ///
    /// ```
    /// use reprise::view::Overlay;
    /// let overlay = Overlay::from_json("replay.json", None, r#"{"findings":[]}"#)?;
    /// assert_eq!(overlay.file(), "replay.json");
    /// # Ok::<(), reprise::view::Error>(())
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The node the findings' seqs belong to, if named.
    ///
    /// ```
    /// use reprise::view::Overlay;
    /// let overlay = Overlay::from_json("r.json", Some("n2".into()), r#"{"findings":[]}"#)?;
    /// assert_eq!(overlay.node(), Some("n2"));
    /// # Ok::<(), reprise::view::Error>(())
    /// ```
    pub fn node(&self) -> Option<&str> {
        self.node.as_deref()
    }
}
