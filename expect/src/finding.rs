//! What a divergence or a failed expectation produces: one [`Finding`] type
//! for every kind.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;
use serde_json::Value;

use crate::severity::Severity;

/// What kind of divergence a [`Finding`] reports.
///
/// ```
/// use reprise::expect::FindingKind;
/// assert_eq!(FindingKind::ArgumentsDiffer.to_string(), "arguments differ");
/// assert_eq!(serde_json::to_value(FindingKind::MissingCall)?, "missing_call");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// The component made the recorded outbound call with other arguments.
    /// The recorded return was served anyway and the replay went on.
    ArgumentsDiffer,
    /// An inbound call returned something else than recorded, or a recorded
    /// outbound return could not be read as the type the component asked for.
    ReturnDiffers,
    /// The component made an outbound call that matches no recorded call at
    /// its position (another port or method). The inbound call being driven
    /// was stopped there, since the component could not be given a value.
    UnexpectedCall,
    /// A recorded outbound call was never made by the component.
    MissingCall,
    /// The component panicked.
    Panic,
    /// Two replays of the same transcript did something different.
    Nondeterministic,
    /// The replay could not go on: the driver's closure returned an error,
    /// or the transcript could not be loaded for a determinism check.
    Error,
    /// A declared expectation (latency, count, bound, pattern, response) was
    /// not met. The finding names the expectation in
    /// [`Finding::expectation`] and carries its [`Finding::severity`].
    ExpectationFailed,
}

impl FindingKind {
    /// The kind in words, as the text report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::ArgumentsDiffer => "arguments differ",
            FindingKind::ReturnDiffers => "return differs",
            FindingKind::UnexpectedCall => "unexpected call",
            FindingKind::MissingCall => "missing call",
            FindingKind::Panic => "panic",
            FindingKind::Nondeterministic => "nondeterministic",
            FindingKind::Error => "error",
            FindingKind::ExpectationFailed => "expectation failed",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place where the replayed component did not do what the transcript
/// says (a divergence), or where a declared expectation was not met.
///
/// Every kind uses the same fields, so that tools read one shape; a field a
/// kind has nothing for is empty (`None`, `[]`). Paths are JSON paths inside
/// the event line (`$.args.to`, `$.ok.value`, `$.method`).
///
/// A divergence is always a failure: its [`severity`](Finding::severity) is
/// [`Severity::Fail`] and its [`expectation`](Finding::expectation) is
/// `None`, and neither field is written in its JSON, which keeps the JSON of
/// divergence reports as it always was. A finding about an expectation
/// writes both, after `kind`.
///
/// ```
/// use reprise::expect::{Finding, FindingKind};
/// let finding = Finding::new(FindingKind::MissingCall, "storage.write was never made");
/// assert_eq!(finding.seq, None);
/// assert!(finding.paths.is_empty());
/// let json = serde_json::to_value(&finding)?;
/// assert_eq!(json["kind"], "missing_call");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Finding {
    /// The seq of the recorded event the finding is about, when there is one.
    pub seq: Option<u64>,
    /// The port of that event (or of the component's call).
    pub port: String,
    /// The method of that event (or of the component's call).
    pub method: String,
    /// What kind of divergence this is.
    pub kind: FindingKind,
    /// For [`FindingKind::ExpectationFailed`]: the id of the expectation.
    pub expectation: Option<String>,
    /// How bad it is: [`Severity::Fail`] for every divergence, the graded
    /// tier for an expectation.
    pub severity: Severity,
    /// One or two sentences saying what happened.
    pub message: String,
    /// What the transcript (or the first run) says.
    pub expected: Option<Value>,
    /// What the component did (or the second run).
    pub actual: Option<Value>,
    /// The JSON paths inside the event line where expected and actual differ.
    pub paths: Vec<String>,
    /// One-line summaries of the recorded events just before this one.
    pub context: Vec<String>,
    /// For [`FindingKind::UnexpectedCall`]: the closest recorded calls, best first.
    pub candidates: Vec<Candidate>,
    /// The inbound call the component was handling when this happened, for
    /// a replay finding inside one (`None` for setup, background tasks and
    /// offline checks).
    pub inbound: Option<InboundCall>,
}

impl Finding {
    /// A finding of `kind` with a message and every other field empty.
    pub fn new(kind: FindingKind, message: impl Into<String>) -> Self {
        Finding {
            seq: None,
            port: String::new(),
            method: String::new(),
            kind,
            expectation: None,
            severity: Severity::Fail,
            message: message.into(),
            expected: None,
            actual: None,
            paths: Vec::new(),
            context: Vec::new(),
            candidates: Vec::new(),
            inbound: None,
        }
    }

    /// This finding, inside the inbound call `inbound`.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind, InboundCall};
    /// let step = InboundCall { seq: 3, port: "api".into(), method: "step".into(), args: "{\"to\":2}".into() };
    /// let f = Finding::new(FindingKind::MissingCall, "gone").at(Some(5), "net", "send").within(Some(step));
    /// assert_eq!(f.to_text().lines().next(), Some("in #3 api.step: #5 net.send: missing call"));
    /// ```
    pub fn within(mut self, inbound: Option<InboundCall>) -> Self {
        self.inbound = inbound;
        self
    }

    /// This finding, about the event `seq` on `port`/`method`.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind};
    /// let f = Finding::new(FindingKind::Panic, "boom").at(Some(4), "api", "put");
    /// assert_eq!((f.seq, f.port.as_str(), f.method.as_str()), (Some(4), "api", "put"));
    /// ```
    pub fn at(
        mut self,
        seq: Option<u64>,
        port: impl Into<String>,
        method: impl Into<String>,
    ) -> Self {
        self.seq = seq;
        self.port = port.into();
        self.method = method.into();
        self
    }

    /// This finding with expected and actual values and the paths where they differ.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind};
    /// use serde_json::json;
    /// let f = Finding::new(FindingKind::ArgumentsDiffer, "to differs")
    ///     .values(Some(json!({"to": 2})), Some(json!({"to": 3})), vec!["$.args.to".into()]);
    /// assert_eq!(f.paths, ["$.args.to"]);
    /// ```
    pub fn values(
        mut self,
        expected: Option<Value>,
        actual: Option<Value>,
        paths: Vec<String>,
    ) -> Self {
        self.expected = expected;
        self.actual = actual;
        self.paths = paths;
        self
    }
}

impl Finding {
    /// A finding that the expectation `id` was not met, at `severity`.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind, Severity};
    /// let f = Finding::expectation_failed("queue.item", Severity::Warn, "too slow");
    /// assert_eq!(f.kind, FindingKind::ExpectationFailed);
    /// let json = serde_json::to_value(&f)?;
    /// assert_eq!((json["expectation"].as_str(), json["severity"].as_str()), (Some("queue.item"), Some("warn")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn expectation_failed(
        id: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let mut finding = Finding::new(FindingKind::ExpectationFailed, message);
        finding.expectation = Some(id.into());
        finding.severity = severity;
        finding
    }

    /// Whether this finding fails the run (a divergence, or an expectation
    /// graded [`Severity::Fail`]).
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind, Severity};
    /// assert!(Finding::new(FindingKind::MissingCall, "gone").is_failure());
    /// assert!(!Finding::expectation_failed("x", Severity::Warn, "slow").is_failure());
    /// ```
    pub fn is_failure(&self) -> bool {
        self.severity == Severity::Fail
    }

    /// The finding on its own, as the text report writes it.
    ///
    /// ```
    /// use reprise::expect::{Finding, FindingKind};
    /// let f = Finding::new(FindingKind::Panic, "boom").at(Some(4), "api", "put");
    /// assert_eq!(f.to_text(), "#4 api.put: panic\n   boom\n");
    /// ```
    pub fn to_text(&self) -> String {
        crate::report::finding_text(self)
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A divergence writes the ten fields it always wrote.
        let graded = self.expectation.is_some() || self.severity != Severity::Fail;
        let fields = if graded { 12 } else { 10 } + usize::from(self.inbound.is_some());
        let mut st = s.serialize_struct("Finding", fields)?;
        st.serialize_field("seq", &self.seq)?;
        st.serialize_field("port", &self.port)?;
        st.serialize_field("method", &self.method)?;
        st.serialize_field("kind", &self.kind)?;
        if graded {
            st.serialize_field("expectation", &self.expectation)?;
            st.serialize_field("severity", &self.severity)?;
        }
        st.serialize_field("message", &self.message)?;
        st.serialize_field("expected", &self.expected)?;
        st.serialize_field("actual", &self.actual)?;
        st.serialize_field("paths", &self.paths)?;
        st.serialize_field("context", &self.context)?;
        st.serialize_field("candidates", &self.candidates)?;
        if let Some(inbound) = &self.inbound {
            st.serialize_field("inbound", inbound)?;
        } else {
            st.skip_field("inbound")?;
        }
        st.end()
    }
}

/// The recorded inbound call a replay finding belongs to: its seq, port,
/// method and its arguments in short (compact JSON cut to about 60
/// characters).
///
/// ```
/// use reprise::expect::InboundCall;
/// let c = InboundCall { seq: 7, port: "api".into(), method: "step".into(), args: "{}".into() };
/// assert_eq!(c.to_string(), "#7 api.step {}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundCall {
    /// The inbound call's seq.
    pub seq: u64,
    /// Its port.
    pub port: String,
    /// Its method.
    pub method: String,
    /// Its arguments, short.
    pub args: String,
}

impl fmt::Display for InboundCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {}.{} {}",
            self.seq, self.port, self.method, self.args
        )
    }
}

/// A recorded outbound call that an unexpected call might have meant.
///
/// ```
/// use reprise::expect::Candidate;
/// let c = Candidate { seq: 7, port: "network".into(), method: "send".into(), mismatched: vec!["$.args.to".into()] };
/// assert_eq!(c.to_string(), "#7 network.send (differs at $.args.to)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The recorded call's seq.
    pub seq: u64,
    /// Its port.
    pub port: String,
    /// Its method.
    pub method: String,
    /// What did not match: `$.port`, `$.method`, and the argument paths that differ.
    pub mismatched: Vec<String>,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {}.{}", self.seq, self.port, self.method)?;
        if self.mismatched.is_empty() {
            f.write_str(" (arguments match)")
        } else {
            write!(f, " (differs at {})", self.mismatched.join(", "))
        }
    }
}
