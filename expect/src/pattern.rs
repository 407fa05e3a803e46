//! [`Pattern`]: which events an expectation is about.

use std::fmt;

use regex::Regex;
use reprise_transcript::Direction;
use serde_json::Value;

use crate::view::{View, What};

/// Which events an expectation is about: a kind (call, return, probe), a
/// port and method or a probe name, and conditions on fields (equal to a
/// JSON value, or a string matching a regex).
///
/// Made with [`expect::call`](crate::expect::call),
/// [`expect::returned`](crate::expect::returned) and
/// [`expect::probe`](crate::expect::probe). Fields are dotted paths inside
/// the call's `args`, the return's `ok`/`err` value, or the probe's `fields`.
///
/// ```
/// use reprise::expect::expect;
/// let tmp_writes = expect::call("storage", "append").matching("key", "^tmp/")?;
/// assert_eq!(tmp_writes.to_string(), r#"call storage.append where key =~ "^tmp/""#);
/// let errors = expect::returned("storage", "append").err();
/// assert_eq!(errors.to_string(), "err from storage.append");
/// # Ok::<(), regex::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pattern {
    pub(crate) kind: PatternKind,
    pub(crate) port: Option<String>,
    pub(crate) method: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) dir: Option<Direction>,
    /// For returns: `Some(true)` only `ok`, `Some(false)` only `err`.
    pub(crate) ok: Option<bool>,
    pub(crate) fields: Vec<(String, FieldMatch)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatternKind {
    Call,
    Return,
    Probe,
}

#[derive(Debug, Clone)]
pub(crate) enum FieldMatch {
    Equals(Value),
    Regex(Regex),
}

impl Pattern {
    pub(crate) fn new(kind: PatternKind) -> Self {
        Pattern {
            kind,
            port: None,
            method: None,
            name: None,
            dir: None,
            ok: None,
            fields: Vec::new(),
        }
    }

    /// Only events whose field at `path` equals `value` (as JSON).
    ///
    /// ```
    /// use reprise::expect::expect;
    /// let p = expect::probe("queue.depth").field("queue", "inbox");
    /// assert_eq!(p.to_string(), "probe queue.depth where queue = \"inbox\"");
    /// ```
    pub fn field(mut self, path: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields
            .push((path.into(), FieldMatch::Equals(value.into())));
        self
    }

    /// Only events whose field at `path` is a string matching `regex`.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// assert!(expect::call("api", "get").matching("key", "(").is_err());
    /// ```
    pub fn matching(mut self, path: impl Into<String>, regex: &str) -> Result<Self, regex::Error> {
        self.fields
            .push((path.into(), FieldMatch::Regex(Regex::new(regex)?)));
        Ok(self)
    }

    /// Only inbound calls (into the component). Default: either direction.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// assert_eq!(expect::call("api", "put").inbound().to_string(), "inbound call api.put");
    /// ```
    pub fn inbound(mut self) -> Self {
        self.dir = Some(Direction::In);
        self
    }

    /// Only outbound calls (made by the component). Default: either direction.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// assert_eq!(expect::call("network", "send").outbound().to_string(), "outbound call network.send");
    /// ```
    pub fn outbound(mut self) -> Self {
        self.dir = Some(Direction::Out);
        self
    }

    /// Only `ok` returns. Default: `ok` and `err`.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// assert_eq!(expect::returned("storage", "append").ok().to_string(), "ok from storage.append");
    /// ```
    pub fn ok(mut self) -> Self {
        self.ok = Some(true);
        self
    }

    /// Only `err` returns. Default: `ok` and `err`.
    ///
    /// ```
    /// use reprise::expect::expect;
    /// assert_eq!(expect::returned("storage", "append").err().to_string(), "err from storage.append");
    /// ```
    pub fn err(mut self) -> Self {
        self.ok = Some(false);
        self
    }

    /// Whether the event matches.
    pub(crate) fn matches(&self, view: &View<'_>) -> bool {
        let kind_ok = match (self.kind, view.what) {
            (PatternKind::Call, What::Call(dir)) => self.dir.is_none_or(|d| d == dir),
            (PatternKind::Return, What::Return(ok)) => self.ok.is_none_or(|o| o == ok),
            (PatternKind::Probe, What::Probe) => true,
            _ => false,
        };
        kind_ok
            && self.port.as_deref().is_none_or(|p| p == view.port)
            && self.method.as_deref().is_none_or(|m| m == view.method)
            && self.name.as_deref().is_none_or(|n| n == view.name)
            && self
                .fields
                .iter()
                .all(|(path, m)| match (m, view.field(path).as_deref()) {
                    (FieldMatch::Equals(want), Some(got)) => want == got,
                    (FieldMatch::Regex(re), Some(Value::String(s))) => re.is_match(s),
                    _ => false,
                })
    }

    /// Where the engine files this pattern: by port and method, probe name,
    /// or (neither given) with every event of its kind.
    pub(crate) fn route(&self) -> Route {
        match (self.kind, &self.port, &self.method, &self.name) {
            (PatternKind::Call, Some(p), Some(m), _) => Route::Call(p.clone(), m.clone()),
            (PatternKind::Return, Some(p), Some(m), _) => Route::Return(p.clone(), m.clone()),
            (PatternKind::Probe, _, _, Some(n)) => Route::Probe(n.clone()),
            _ => Route::Any,
        }
    }
}

/// Where an expectation listens: the engine's index keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Call(String, String),
    Return(String, String),
    Probe(String),
    Any,
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = match (&self.port, &self.method) {
            (Some(p), Some(m)) => format!("{p}.{m}"),
            (Some(p), None) => format!("{p}.*"),
            (None, Some(m)) => format!("*.{m}"),
            (None, None) => self.name.clone().unwrap_or_else(|| "*".to_owned()),
        };
        match self.kind {
            PatternKind::Call => {
                match self.dir {
                    Some(Direction::In) => f.write_str("inbound ")?,
                    Some(Direction::Out) => f.write_str("outbound ")?,
                    None => {}
                }
                write!(f, "call {subject}")?;
            }
            PatternKind::Return => match self.ok {
                Some(true) => write!(f, "ok from {subject}")?,
                Some(false) => write!(f, "err from {subject}")?,
                None => write!(f, "return from {subject}")?,
            },
            PatternKind::Probe => write!(f, "probe {subject}")?,
        }
        for (i, (path, m)) in self.fields.iter().enumerate() {
            f.write_str(if i == 0 { " where " } else { " and " })?;
            match m {
                FieldMatch::Equals(v) => write!(f, "{path} = {v}")?,
                FieldMatch::Regex(re) => write!(f, "{path} =~ {:?}", re.as_str())?,
            }
        }
        Ok(())
    }
}
