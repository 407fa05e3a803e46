//! The correlation a user declares once: which outbound call sends a
//! message, which inbound call receives one, and the key that pairs them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use reprise_transcript::{Call, Direction, Matcher, Selector};

use crate::path::select_steps;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// How sends are matched to receives, parsed from text such as
///
/// ```text
/// network.send($.args.msg.id) -> api.on_message($.args.msg.id)
/// network.send(from=@node, to=$.args.to, seq=$.args.msg.seq) -> api.on_message(from=$.args.from, to=@node, seq=$.args.msg.seq)
/// ```
///
/// The left side names the outbound call that sends (`port.method`), the
/// right side the inbound call that receives. Each side lists the parts of
/// the key, in the same number and order on both sides: a JSON path into the
/// call's line (one value, no wildcards) or `@node`, the node's name. A part
/// may be labelled (`from=`), for the reader only. A send and a receive
/// match when their keys are equal JSON values (object keys in any order).
/// A `(from, to, seq)` triple is the second form above.
///
/// # What a path can reach
///
/// A path starts at the call's line but reaches only its `args` (`$.args`,
/// `$.args.msg.id`, `$.args[0]`), `port`, `method` and `task`; any other
/// start (`$.id`, `$.seq`, `$.at_ns`, `$.parent`: absent, or different on
/// each node by nature) is refused when parsing. A path naming nothing in a
/// call is a missing part; a call of the declared port and method whose
/// every path part is missing is *unkeyed*: neither a send nor a receive (a
/// typo in a path must not pair every send with every receive). Unkeyed
/// calls are counted in [`Summary`](crate::Summary), and `reprise merge`
/// warns when a side matched no call at all. A call with some path parts
/// present and others missing has a key, the missing parts `null`.
///
/// ```
/// use reprise::view::Correlation;
/// let spec: Correlation = "network.send(@node, $.args.to, $.args.msg) -> api.on_message($.args.from, @node, $.args.msg)".parse()?;
/// assert_eq!(spec.send().port, "network");
/// assert_eq!(spec.receive().method, "on_message");
/// assert_eq!(spec.send().parts.len(), 3);
/// assert!("network.send($.args.id) -> api.on_message(@node, $.args.id)".parse::<Correlation>().is_err());
/// # Ok::<(), reprise::view::CorrelationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    send: Side,
    receive: Side,
}

/// One side of a [`Correlation`]: the call and the parts of its key.
///
/// ```
/// use reprise::view::{Correlation, Side};
/// let spec: Correlation = "net.send(@node, $.args.id) -> api.recv($.args.from, $.args.id)".parse()?;
/// let side: &Side = spec.send();
/// assert_eq!(side.parts.len(), 2);
/// assert_eq!(side.to_string(), "net.send(@node, $.args.id)");
/// # Ok::<(), reprise::view::CorrelationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The call's port.
    pub port: String,
    /// The call's method.
    pub method: String,
    /// The parts of the key, in order.
    pub parts: Vec<Part>,
}

/// One part of a correlation key.
///
/// ```
/// use reprise::view::{Correlation, Part};
/// let spec: Correlation = "net.send(id=$.args.msg.id) -> api.recv(id=$.args.id)".parse()?;
/// match &spec.send().parts[0] {
///     Part::Path { label, path } => {
///         assert_eq!(label.as_deref(), Some("id"));
///         assert_eq!(path.to_string(), "$.args.msg.id");
///     }
///     Part::Node { .. } => unreachable!("a path"),
/// }
/// # Ok::<(), reprise::view::CorrelationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The value at this path of the call's line (`$.args.msg.id`).
    Path {
        /// The label written before `=`, if any.
        label: Option<String>,
        /// The path, made of keys and indices only.
        path: Selector,
    },
    /// The name (or `meta.node` value) of the node whose transcript holds the call.
    Node {
        /// The label written before `=`, if any.
        label: Option<String>,
    },
}

/// Why a correlation could not be parsed: the text and the byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid correlation `{text}` at byte {offset}: {reason}")]
pub struct CorrelationError {
    /// The correlation as given.
    pub text: String,
    /// Where parsing failed.
    pub offset: usize,
    /// What was wrong there.
    pub reason: String,
}

impl Correlation {
    /// The sending side (an outbound call).
    ///
    /// ```
    /// use reprise::view::{Correlation, Part};
    /// let spec: Correlation = "net.send(from=@node, $.args.id) -> api.recv($.args.from, $.args.id)".parse()?;
    /// assert_eq!((spec.send().port.as_str(), spec.send().method.as_str()), ("net", "send"));
    /// assert_eq!(spec.send().parts[0], Part::Node { label: Some("from".into()) });
    /// # Ok::<(), reprise::view::CorrelationError>(())
    /// ```
    pub fn send(&self) -> &Side {
        &self.send
    }

    /// The receiving side (an inbound call).
    ///
    /// ```
    /// use reprise::view::Correlation;
    /// let spec: Correlation = "net.send($.args.id) -> api.recv($.args.id)".parse()?;
    /// assert_eq!(spec.receive().to_string(), "api.recv($.args.id)");
    /// # Ok::<(), reprise::view::CorrelationError>(())
    /// ```
    pub fn receive(&self) -> &Side {
        &self.receive
    }

    /// The key of `call` if it is a send, made on the node named by `node`:
    /// `None` when it is not the send's port and method, `Some(None)` when
    /// it is but every path part of the key is missing (unkeyed).
    pub(crate) fn send_key<P: Args>(&self, call: &Call<P>, node: &Value) -> Option<Option<String>> {
        (call.dir == Direction::Out && self.send.is(call)).then(|| self.send.key(call, node))
    }

    /// The key of `call` if it is a receive, as [`Correlation::send_key`].
    pub(crate) fn receive_key<P: Args>(
        &self,
        call: &Call<P>,
        node: &Value,
    ) -> Option<Option<String>> {
        (call.dir == Direction::In && self.receive.is(call)).then(|| self.receive.key(call, node))
    }
}

impl Side {
    fn is<P>(&self, call: &Call<P>) -> bool {
        call.port == self.port && call.method == self.method
    }

    /// The key as canonical JSON text: an array of the parts, object keys
    /// sorted, a missing value as `null`; `None` when the key has path
    /// parts and every one is missing.
    fn key<P: Args>(&self, call: &Call<P>, node: &Value) -> Option<String> {
        // Parsed once per call of this side, only if a part needs them.
        let args = self
            .parts
            .iter()
            .any(|p| matches!(p, Part::Path { .. }))
            .then(|| call.args.args())
            .flatten();
        let mut paths = 0;
        let mut found = 0;
        let parts: Vec<Value> = self
            .parts
            .iter()
            .map(|part| match part {
                Part::Node { .. } => canonical(node),
                Part::Path { path, .. } => {
                    paths += 1;
                    match in_call(call, args.as_deref(), path) {
                        Some(value) => {
                            found += 1;
                            canonical(&value)
                        }
                        None => Value::Null,
                    }
                }
            })
            .collect();
        (paths == 0 || found > 0).then(|| Value::Array(parts).to_string())
    }
}

/// The fields of a call's line a path can reach (see [`Correlation`]).
const REACHABLE: [&str; 4] = ["args", "port", "method", "task"];

/// A call's payload as a correlation reads it: its `args` as a value.
pub(crate) trait Args {
    /// The args, or `None` if they cannot be read (then every path part is
    /// missing).
    fn args(&self) -> Option<Cow<'_, Value>>;
}

impl Args for Value {
    fn args(&self) -> Option<Cow<'_, Value>> {
        Some(Cow::Borrowed(self))
    }
}

/// A merge reads payloads raw and parses only the args of the calls of a
/// side of the correlation.
impl Args for Box<RawValue> {
    fn args(&self) -> Option<Cow<'_, Value>> {
        serde_json::from_str(self.get()).ok().map(Cow::Owned)
    }
}

/// The value `path` names in `call`'s line (its `args` given as `args`).
fn in_call<'a, P>(
    call: &'a Call<P>,
    args: Option<&'a Value>,
    path: &Selector,
) -> Option<Cow<'a, Value>> {
    let (first, rest) = path.steps().split_first()?;
    let Matcher::Key(field) = &first.matcher else {
        return None;
    };
    // `port`, `method` and `task` are strings: nothing below them.
    let string = |s: &str| {
        rest.is_empty()
            .then(|| Cow::Owned(Value::String(s.to_owned())))
    };
    match field.as_str() {
        "args" => select_steps(args?, rest).map(Cow::Borrowed),
        "port" => string(&call.port),
        "method" => string(&call.method),
        "task" => call.task.as_deref().and_then(string),
        _ => None,
    }
}

/// `value` with every object's keys sorted, so equal values print alike.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let sorted: Map<String, Value> = keys
                .into_iter()
                .map(|k| (k.clone(), canonical(&map[k])))
                .collect();
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

impl FromStr for Correlation {
    type Err = CorrelationError;

    fn from_str(text: &str) -> Result<Self, CorrelationError> {
        let mut p = Parser { text, pos: 0 };
        let send = p.side()?;
        p.skip_space();
        if !p.eat("->") {
            return p.fail("expected `->` between the send and the receive");
        }
        let receive = p.side()?;
        p.skip_space();
        if p.pos != text.len() {
            return p.fail("unexpected text after the receive");
        }
        if send.parts.len() != receive.parts.len() {
            return Err(CorrelationError {
                text: text.to_owned(),
                offset: 0,
                reason: format!(
                    "the send's key has {} parts but the receive's has {}",
                    send.parts.len(),
                    receive.parts.len()
                ),
            });
        }
        Ok(Correlation { send, receive })
    }
}

impl fmt::Display for Correlation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}", self.send, self.receive)
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}(", self.port, self.method)?;
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            let (label, body) = match part {
                Part::Path { label, path } => (label, path.to_string()),
                Part::Node { label } => (label, "@node".to_owned()),
            };
            if let Some(label) = label {
                write!(f, "{label}=")?;
            }
            f.write_str(&body)?;
        }
        f.write_str(")")
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn fail<T>(&self, reason: &str) -> Result<T, CorrelationError> {
        Err(CorrelationError {
            text: self.text.to_owned(),
            offset: self.pos,
            reason: reason.to_owned(),
        })
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// A name: letters, digits, `_` and `-`.
    fn name(&mut self, what: &str) -> Result<String, CorrelationError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if len == 0 {
            return self.fail(&format!("expected {what}"));
        }
        let name = rest[..len].to_owned();
        self.pos += len;
        Ok(name)
    }

    fn side(&mut self) -> Result<Side, CorrelationError> {
        self.skip_space();
        let port = self.name("a port name")?;
        if !self.eat(".") {
            return self.fail("expected `.` between the port and the method");
        }
        let method = self.name("a method name")?;
        if !self.eat("(") {
            return self.fail("expected `(` and the parts of the key");
        }
        let mut parts = Vec::new();
        loop {
            self.skip_space();
            parts.push(self.part()?);
            self.skip_space();
            if self.eat(")") {
                break;
            }
            if !self.eat(",") {
                return self.fail("expected `,` or `)` after a part of the key");
            }
        }
        Ok(Side {
            port,
            method,
            parts,
        })
    }

    fn part(&mut self) -> Result<Part, CorrelationError> {
        let label = if self.rest().starts_with(['$', '@']) {
            None
        } else {
            let label = self.name("a JSON path (`$.args...`), `@node` or a label")?;
            self.skip_space();
            if !self.eat("=") {
                return self.fail("expected `=` after a label");
            }
            self.skip_space();
            Some(label)
        };
        if self.eat("@node") {
            return Ok(Part::Node { label });
        }
        if !self.rest().starts_with('$') {
            return self.fail("expected a JSON path (`$.args...`) or `@node`");
        }
        let start = self.pos;
        let len = path_len(self.rest());
        let text = &self.text[start..start + len];
        let path: Selector = match text.trim_end().parse() {
            Ok(path) => path,
            Err(e) => {
                self.pos = start + e.offset;
                return self.fail(&format!("bad JSON path: {}", e.reason));
            }
        };
        if path
            .steps()
            .iter()
            .any(|s| s.deep || s.matcher == Matcher::Any)
        {
            return self.fail("a path in a correlation names one value: no `..` or `[*]`");
        }
        let reachable = match path.steps().first().map(|s| &s.matcher) {
            Some(Matcher::Key(field)) => REACHABLE.contains(&field.as_str()),
            _ => false,
        };
        if !reachable {
            return self.fail(
                "a path in a correlation starts with `$.args`, `$.port`, `$.method` or `$.task`",
            );
        }
        self.pos = start + len;
        Ok(Part::Path { label, path })
    }
}

/// The length of the path at the start of `text`: up to a `,` or `)` outside
/// brackets and quotes.
fn path_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' | ')' if depth == 0 => return i,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests;
