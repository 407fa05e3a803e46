//! JSON paths: concrete locations in a value, and selectors that match them.
//!
//! A [`JsonPath`] names one place in a JSON value, written `$.args.msg[2]`.
//! A [`Selector`] is a pattern over paths, used by replay ignore rules and by
//! the sanitizer: `$.args.ts`, `$.args.items[*].id`, `$..timestamp`,
//! `$['odd key']`.
//!
//! Grammar of a selector: `$` followed by steps, each one of
//! `.name` (letters, digits, `_`, `-`), `['name']` or `["name"]` (any key,
//! with `\'`, `\"` and `\\` escapes), `[N]` (an array index), `.*` or `[*]`
//! (any key or index), and `..` before any of these (at any depth below).

use std::fmt;

/// One step of a concrete path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A concrete location in a JSON value.
///
/// ```
/// use reprise::transcript::{JsonPath, Step};
/// let path = JsonPath::root().key("args").key("to").index(1);
/// assert_eq!(path.to_string(), "$.args.to[1]");
/// assert_eq!(JsonPath::root().key("odd key").to_string(), "$['odd key']");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPath {
    steps: Vec<Step>,
}

impl JsonPath {
    /// The root, `$`.
    pub fn root() -> Self {
        JsonPath::default()
    }

    /// This path extended by an object key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.steps.push(Step::Key(key.into()));
        self
    }

    /// This path extended by an array index.
    pub fn index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// Appends a step in place.
    pub fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    /// Removes the last step in place.
    pub fn pop(&mut self) -> Option<Step> {
        self.steps.pop()
    }

    /// The steps from the root.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }
}

fn is_plain_name(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn write_key(f: &mut fmt::Formatter<'_>, key: &str) -> fmt::Result {
    if is_plain_name(key) {
        write!(f, ".{key}")
    } else {
        f.write_str("['")?;
        for c in key.chars() {
            match c {
                '\'' => f.write_str("\\'")?,
                '\\' => f.write_str("\\\\")?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("']")
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.steps {
            match step {
                Step::Key(k) => write_key(f, k)?,
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// What one selector step matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Matcher {
    /// This object key.
    Key(String),
    /// This array index.
    Index(usize),
    /// Any key or index.
    Any,
}

/// One step of a selector: a matcher, applied to the next step of a path or,
/// when `deep`, to any step at or below it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SelectorStep {
    /// Whether the step was written with `..` (match at any depth).
    pub deep: bool,
    /// What the step matches.
    pub matcher: Matcher,
}

/// A pattern over [`JsonPath`]s, parsed from text like `$.args.items[*].id`.
///
/// ```
/// use reprise::transcript::{JsonPath, Selector};
/// let sel: Selector = "$..timestamp".parse()?;
/// assert!(sel.matches(&JsonPath::root().key("args").key("msg").key("timestamp")));
/// assert!(!sel.matches(&JsonPath::root().key("args").key("time")));
///
/// let items: Selector = "$.args.items[*].id".parse()?;
/// assert!(items.matches(&JsonPath::root().key("args").key("items").index(3).key("id")));
/// assert!("$.args[".parse::<Selector>().is_err());
/// # Ok::<(), reprise::transcript::SelectorError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Selector {
    steps: Vec<SelectorStep>,
}

/// Why a selector could not be parsed: the text and the byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid path selector `{text}` at byte {offset}: {reason}")]
pub struct SelectorError {
    /// The selector as given.
    pub text: String,
    /// Where parsing failed.
    pub offset: usize,
    /// What was expected there.
    pub reason: &'static str,
}

impl Selector {
    /// The steps of this selector.
    pub fn steps(&self) -> &[SelectorStep] {
        &self.steps
    }

    /// Whether `path` is selected by this selector (exactly, not a prefix).
    pub fn matches(&self, path: &JsonPath) -> bool {
        matches_from(&self.steps, path.steps(), false)
    }

    /// Whether `path` is selected by this selector or lies below a path that is.
    pub fn matches_prefix_of(&self, path: &JsonPath) -> bool {
        matches_from(&self.steps, path.steps(), true)
    }
}

fn step_matches(matcher: &Matcher, step: &Step) -> bool {
    match (matcher, step) {
        (Matcher::Any, _) => true,
        (Matcher::Key(k), Step::Key(s)) => k == s,
        (Matcher::Index(i), Step::Index(s)) => i == s,
        _ => false,
    }
}

/// Whether `sel` matches `path` (or, with `prefix`, one of its prefixes).
///
/// The selector is run as an automaton over the path, one step at a time,
/// with the set of selector steps reached so far: state `i` means the first
/// `i` selector steps matched; a `..` step may also take a path step and
/// stay. Time is the selector's length times the path's, whatever the
/// number of `..` steps (trying each way to place them was exponential in
/// their number: `$..a..a..a..a..a` against a deep path took minutes).
fn matches_from(sel: &[SelectorStep], path: &[Step], prefix: bool) -> bool {
    let k = sel.len();
    if k < 64 {
        // The states as bits, for the selectors anyone writes.
        let deep = sel
            .iter()
            .enumerate()
            .filter(|(_, s)| s.deep)
            .fold(0u64, |m, (i, _)| m | 1 << i);
        let accept = 1u64 << k;
        let mut live = 1u64;
        for step in path {
            if prefix && live & accept != 0 {
                return true;
            }
            let mut next = live & deep;
            let mut rest = live & !accept;
            while rest != 0 {
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if step_matches(&sel[i].matcher, step) {
                    next |= 1 << (i + 1);
                }
            }
            if next == 0 {
                return false;
            }
            live = next;
        }
        return live & accept != 0;
    }
    let mut live = vec![false; k + 1];
    live[0] = true;
    for step in path {
        if prefix && live[k] {
            return true;
        }
        let mut next = vec![false; k + 1];
        for i in (0..k).filter(|&i| live[i]) {
            next[i] |= sel[i].deep;
            next[i + 1] |= step_matches(&sel[i].matcher, step);
        }
        if !next.contains(&true) {
            return false;
        }
        live = next;
    }
    live[k]
}

impl std::str::FromStr for Selector {
    type Err = SelectorError;

    fn from_str(text: &str) -> Result<Self, SelectorError> {
        Parser { text, pos: 0 }.selector()
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.steps {
            match (&step.matcher, step.deep) {
                (Matcher::Key(k), false) => write_key(f, k)?,
                (Matcher::Key(k), true) if is_plain_name(k) => write!(f, "..{k}")?,
                (Matcher::Key(k), true) => {
                    f.write_str("..")?;
                    // `..['key']` is written without the dot of `write_key`.
                    let mut s = String::new();
                    for c in k.chars() {
                        match c {
                            '\'' => s.push_str("\\'"),
                            '\\' => s.push_str("\\\\"),
                            c => s.push(c),
                        }
                    }
                    write!(f, "['{s}']")?;
                }
                (Matcher::Index(i), deep) => write!(f, "{}[{i}]", if deep { ".." } else { "" })?,
                (Matcher::Any, deep) => f.write_str(if deep { "..*" } else { "[*]" })?,
            }
        }
        Ok(())
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn fail<T>(&self, reason: &'static str) -> Result<T, SelectorError> {
        Err(SelectorError {
            text: self.text.to_owned(),
            offset: self.pos,
            reason,
        })
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.text[self.pos..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn selector(mut self) -> Result<Selector, SelectorError> {
        if !self.eat("$") {
            return self.fail("a selector starts with `$`");
        }
        let mut steps = Vec::new();
        while self.pos < self.text.len() {
            let deep = self.eat("..");
            let matcher = if self.peek() == Some('[') {
                self.bracket()?
            } else if deep || self.eat(".") {
                if self.eat("*") {
                    Matcher::Any
                } else {
                    self.name()?
                }
            } else {
                return self.fail("expected `.`, `..` or `[`");
            };
            steps.push(SelectorStep { deep, matcher });
        }
        Ok(Selector { steps })
    }

    fn name(&mut self) -> Result<Matcher, SelectorError> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if start == self.pos {
            return self.fail("expected a name, `*` or `[`");
        }
        Ok(Matcher::Key(self.text[start..self.pos].to_owned()))
    }

    fn bracket(&mut self) -> Result<Matcher, SelectorError> {
        self.eat("[");
        let matcher = if self.eat("*") {
            Matcher::Any
        } else if let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') {
            self.pos += 1;
            let mut key = String::new();
            loop {
                match self.peek() {
                    None => return self.fail("unterminated quoted key"),
                    Some('\\') => {
                        self.pos += 1;
                        match self.peek() {
                            Some(c) => {
                                key.push(c);
                                self.pos += c.len_utf8();
                            }
                            None => return self.fail("unterminated escape"),
                        }
                    }
                    Some(c) if c == quote => {
                        self.pos += 1;
                        break;
                    }
                    Some(c) => {
                        key.push(c);
                        self.pos += c.len_utf8();
                    }
                }
            }
            Matcher::Key(key)
        } else {
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            match self.text[start..self.pos].parse::<usize>() {
                Ok(i) => Matcher::Index(i),
                Err(_) => return self.fail("expected an index, `*` or a quoted key"),
            }
        };
        if !self.eat("]") {
            return self.fail("expected `]`");
        }
        Ok(matcher)
    }
}

/// Calls `f` with the path of every scalar or empty container in `value`
/// that differs between `expected` and `actual`, depth first.
///
/// Objects are compared key by key (a key on one side only is a difference
/// at that key); arrays index by index; anything else by equality.
///
/// ```
/// use reprise::transcript::{diff_paths, JsonPath};
/// use serde_json::json;
/// let mut paths = Vec::new();
/// diff_paths(&json!({"a": 1, "b": [1, 2]}), &json!({"a": 1, "b": [1, 3], "c": 0}), &mut |p: &JsonPath| paths.push(p.to_string()));
/// assert_eq!(paths, ["$.b[1]", "$.c"]);
/// ```
pub fn diff_paths(
    expected: &serde_json::Value,
    actual: &serde_json::Value,
    f: &mut dyn FnMut(&JsonPath),
) {
    let mut path = JsonPath::root();
    diff_into(expected, actual, &mut path, f);
}

fn diff_into(
    expected: &serde_json::Value,
    actual: &serde_json::Value,
    path: &mut JsonPath,
    f: &mut dyn FnMut(&JsonPath),
) {
    use serde_json::Value;
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let mut keys: Vec<&String> = e
                .keys()
                .chain(a.keys().filter(|k| !e.contains_key(*k)))
                .collect();
            keys.sort();
            for key in keys {
                path.push(Step::Key(key.clone()));
                match (e.get(key), a.get(key)) {
                    (Some(ev), Some(av)) => diff_into(ev, av, path, f),
                    _ => f(path),
                }
                path.pop();
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                path.push(Step::Index(i));
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => diff_into(ev, av, path, f),
                    _ => f(path),
                }
                path.pop();
            }
        }
        (e, a) if e == a => {}
        _ => f(path),
    }
}

#[cfg(test)]
mod tests;
