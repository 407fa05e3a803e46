//! Scrubbing: a value, an event, a header, a whole transcript.
//!
//! [`Sanitizer::scrub_event`] is the unit everything else is built from: it
//! scrubs one event in place and counts what it did in a running [`Report`],
//! so a recorder's sink can call it on each event before the writer, and
//! [`Sanitizer::scrub_transcript`] calls it on each line of a file.
//!
//! At each node of a payload, in this order: a path rule that selects the
//! node takes the whole node; a key rule that matches the member's key takes
//! its whole value; a high-entropy string under a secret-looking key is
//! taken by the `high-entropy` rule; otherwise strings are scanned by the
//! detectors and custom regexes, which replace only the spans they find,
//! and (in allowlist mode) a string or number at a path not allowed is
//! pseudonymized whole. Object keys are scanned too (an email used as a map
//! key is pseudonymized like any other). Only payloads are scrubbed: the
//! event's own fields (`seq`, `port`, `method`, `task`, `label`, a probe's
//! `name`) are the transcript's structure and stay as they are.

use std::io::{BufRead, Read, Seek, SeekFrom, Write};

use reprise_transcript::{
    End, Ending, Event, Header, JsonPath, ReadError, Reader, Selector, Step, Writer, encode_line,
};
use serde_json::{Map, Value};

use crate::action::Action;
use crate::allowlist::Allowlist;
use crate::detect::{DetectorSet, Hit, engine, is_high_entropy};
use crate::error::Error;
use crate::pseudonym::{Pseudonymizer, Shape};
use crate::report::Report;
use crate::rules::{Rule, SanitizerBuilder, Target, normalize_key};

/// The rule name allowlist-mode pseudonyms are reported under.
pub const ALLOWLIST_RULE: &str = "allowlist";

/// A compiled rule set with its pseudonym key: scrubs values, events and
/// transcripts. Build it with [`Sanitizer::builder`] or from a rules file
/// ([`crate::Config`]).
///
/// ```
/// use reprise_sanitizer::Sanitizer;
/// use serde_json::json;
/// let sanitizer = Sanitizer::builder().build()?;
/// let mut report = sanitizer.report();
/// let mut args = json!({"user": {"password": "hunter2", "note": "call +1 415 555 0134"}});
/// sanitizer.scrub_value("args", &mut args, &mut report);
/// assert_eq!(args["user"]["password"], "[redacted:key:password]");
/// assert!(!args["user"]["note"].as_str().unwrap().contains("555 0134"));
/// # Ok::<(), reprise_sanitizer::Error>(())
/// ```
#[derive(Debug)]
pub struct Sanitizer {
    pub(crate) rules: Vec<Rule>,
    pub(crate) detectors: DetectorSet,
    pub(crate) key_rules: Vec<(String, usize)>,
    /// One regex over every key pattern: a quick "no" for most keys.
    pub(crate) key_prefilter: Option<regex::Regex>,
    /// One regex over [`ENTROPY_KEYS`].
    pub(crate) entropy_keys: regex::Regex,
    pub(crate) path_rules: Vec<(Selector, usize)>,
    pub(crate) entropy: Option<usize>,
    pub(crate) allowlist: Option<Allowlist>,
    pub(crate) pseudonymizer: Pseudonymizer,
    pub(crate) key_origin: &'static str,
}

/// What a scrub of a whole transcript did.
#[derive(Debug)]
pub struct Scrubbed {
    /// What was scrubbed, as written into the output's header.
    pub report: Report,
    /// Events written.
    pub events: u64,
    /// Lines that could not be parsed; they are left out of the output (a
    /// line that cannot be parsed cannot be scrubbed, so it is never copied).
    /// An I/O error reading the input is not a bad line: it ends the scrub
    /// with an error.
    pub bad_lines: u64,
    /// The first few of those errors.
    pub first_errors: Vec<ReadError>,
    /// How the input ended; the output ends the same way (an `end` line only
    /// when the input had one).
    pub ending: Option<Ending>,
}

/// Whether the parent keeps a node after scrubbing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    Drop,
}

/// The path of the node being visited, with key strings recycled so that a
/// walk does not allocate per key.
pub(crate) struct PathState {
    pub(crate) path: JsonPath,
    pool: Vec<String>,
    pub(crate) scratch: String,
}

impl PathState {
    pub(crate) fn new(root: &str) -> PathState {
        PathState {
            path: JsonPath::root().key(root),
            pool: Vec::new(),
            scratch: String::new(),
        }
    }

    pub(crate) fn push_key(&mut self, key: &str) {
        let mut s = self.pool.pop().unwrap_or_default();
        s.clear();
        s.push_str(key);
        self.path.push(Step::Key(s));
    }

    pub(crate) fn push_index(&mut self, i: usize) {
        self.path.push(Step::Index(i));
    }

    pub(crate) fn pop(&mut self) {
        if let Some(Step::Key(s)) = self.path.pop() {
            self.pool.push(s);
        }
    }
}

impl Sanitizer {
    /// A builder with the default rules.
    pub fn builder() -> SanitizerBuilder {
        SanitizerBuilder::default()
    }

    /// The active rules, built-in and custom, in report order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Whether this sanitizer is in allowlist mode.
    ///
    /// ```
    /// use reprise_sanitizer::{Allowlist, Sanitizer};
    /// assert!(!Sanitizer::builder().build()?.is_allowlist());
    /// assert!(Sanitizer::builder().allowlist(Allowlist::default()).build()?.is_allowlist());
    /// # Ok::<(), reprise_sanitizer::Error>(())
    /// ```
    pub fn is_allowlist(&self) -> bool {
        self.allowlist.is_some()
    }

    /// The compiled detectors (for `verify`).
    pub fn detectors(&self) -> &DetectorSet {
        &self.detectors
    }

    /// A fresh report listing this sanitizer's active rules.
    pub fn report(&self) -> Report {
        Report::for_rules(&self.rules, self.allowlist.is_some(), self.key_origin)
    }

    /// Scrubs one payload in place; `root` names its field (`args`, `ok`,
    /// `err`, `state`, `fields`, `meta`), which is where path selectors
    /// start. A payload dropped whole becomes `null`.
    pub fn scrub_value(&self, root: &str, value: &mut Value, report: &mut Report) {
        let mut st = PathState::new(root);
        if self.walk(value, &mut st, report) == Verdict::Drop {
            *value = Value::Null;
        }
    }

    /// Scrubs the payload of one event in place, counting in `report`. This
    /// is what a recorder's sink calls before writing each event.
    ///
    /// ```
    /// use reprise_sanitizer::Sanitizer;
    /// use reprise_transcript::{Event, Probe};
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let mut report = sanitizer.report();
    /// let mut event = Event::Probe(Probe {
    ///     seq: 3, name: "login".into(), at_ns: 0,
    ///     fields: serde_json::json!({"from": "203.0.113.9 via 10.20.30.40"}),
    /// });
    /// sanitizer.scrub_event(&mut event, &mut report);
    /// let Event::Probe(probe) = &event else { unreachable!() };
    /// assert!(!probe.fields["from"].as_str().unwrap().contains("10.20.30.40"));
    /// assert_eq!(report.count("$.fields.from", "ipv4"), 2);
    /// # Ok::<(), reprise_sanitizer::Error>(())
    /// ```
    pub fn scrub_event(&self, event: &mut Event<Value>, report: &mut Report) {
        match event {
            Event::State(e) => self.scrub_value("state", &mut e.state, report),
            Event::Call(e) => self.scrub_value("args", &mut e.args, report),
            Event::Return(e) => {
                let side = e.outcome.side();
                let value = match &mut e.outcome {
                    reprise_transcript::Outcome::Ok(v) | reprise_transcript::Outcome::Err(v) => v,
                };
                self.scrub_value(side, value, report);
            }
            Event::Probe(e) => self.scrub_value("fields", &mut e.fields, report),
            Event::End(_) => {}
        }
    }

    /// Scrubs the header's `meta` in place. The `sanitizer` section is left
    /// to the caller, who writes the report there once it is complete.
    ///
    /// ```
    /// use reprise_transcript::Header;
    /// let sanitizer = reprise_sanitizer::Sanitizer::builder().build()?;
    /// let mut report = sanitizer.report();
    /// let mut header = Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0");
    /// header.meta.insert("operator".into(), "ops@corp.com".into());
    /// sanitizer.scrub_header(&mut header, &mut report);
    /// assert_ne!(header.meta["operator"], "ops@corp.com");
    /// # Ok::<(), reprise_sanitizer::Error>(())
    /// ```
    pub fn scrub_header(&self, header: &mut Header, report: &mut Report) {
        let mut meta = Value::Object(std::mem::take(&mut header.meta));
        self.scrub_value("meta", &mut meta, report);
        if let Value::Object(map) = meta {
            header.meta = map;
        }
    }

    /// Scrubs a whole transcript from `reader` to `out`, streaming.
    ///
    /// The header comes first in the output but the report is complete only
    /// at the end, so the scrubbed events go to `spool` (a temporary file,
    /// for a large transcript) and are copied after the header: memory stays
    /// bounded whatever the size. `progress` is called with the number of
    /// events scrubbed so far, every 4096 events.
    ///
    /// ```
    /// use reprise_transcript::{Call, Direction, Event, Header, Reader, Writer};
    /// let mut w = Writer::new(Vec::new());
    /// w.header(&Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0"))?;
    /// w.event(&Event::Call(Call { seq: 0, dir: Direction::In, port: "api".into(),
    ///     method: "login".into(), args: serde_json::json!({"token": "s3cr3t-t0k3n"}),
    ///     at_ns: 0, parent: None, task: None }))?;
    /// let raw = w.end(0)?;
    ///
    /// let sanitizer = reprise_sanitizer::Sanitizer::builder().build()?;
    /// let mut out = Vec::new();
    /// let done = sanitizer.scrub_transcript(
    ///     Reader::new(&raw[..])?, std::io::Cursor::new(Vec::new()), &mut out, &mut |_| {})?;
    /// assert_eq!(done.events, 1);
    /// let text = String::from_utf8(out)?;
    /// assert!(!text.contains("s3cr3t") && text.contains("\"sanitizer\":{"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scrub_transcript<R: BufRead, S: Read + Write + Seek, W: Write>(
        &self,
        mut reader: Reader<R>,
        mut spool: S,
        out: W,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Scrubbed, Error> {
        let mut report = self.report();
        let mut header = reader.header().clone();
        let mut previous = header.sanitizer.take();
        self.scrub_header(&mut header, &mut report);

        let mut events = 0u64;
        let mut bad_lines = 0u64;
        let mut first_errors = Vec::new();
        let mut line = Vec::with_capacity(1024);
        {
            let mut spool_out = std::io::BufWriter::with_capacity(64 * 1024, &mut spool);
            for item in reader.by_ref() {
                match item {
                    Ok(mut event) => {
                        self.scrub_event(&mut event, &mut report);
                        line.clear();
                        encode_line(&mut line, &event)?;
                        spool_out.write_all(&line)?;
                        events += 1;
                        if events % 4096 == 0 {
                            progress(events);
                        }
                    }
                    // Input that cannot be read at all ends the scrub: the
                    // output would silently miss the rest.
                    Err(err @ ReadError::Io { .. }) => return Err(err.into()),
                    Err(err) => {
                        bad_lines += 1;
                        if first_errors.len() < 20 {
                            first_errors.push(err);
                        }
                    }
                }
            }
            spool_out.flush()?;
        }
        progress(events);
        // A transcript scrubbed while it was recorded has the full report in
        // its `end` line (the header's section lists the rules and the
        // header's own scrubbing only): keep that one as the previous scrub.
        if let Some(section) = reader.ending().and_then(Ending::sanitizer) {
            previous = Some(section.clone());
        }
        report.set_previous(previous);
        header.sanitizer = Some(report.to_json());

        // The spool holds whole encoded lines: copy it in bulk after the
        // header, and close with the `end` line that `Writer::end` would
        // write, counting the events spooled.
        let mut writer = Writer::new(out);
        writer.header(&header)?;
        spool.seek(SeekFrom::Start(0))?;
        let out = writer.get_mut();
        std::io::copy(&mut spool, out)?;
        let ending = reader.ending().cloned();
        if let Some(Ending::Clean { dropped, .. }) = ending {
            line.clear();
            encode_line(&mut line, &End::new(events, dropped))?;
            out.write_all(&line)?;
        }
        out.flush()?;
        Ok(Scrubbed {
            report,
            events,
            bad_lines,
            first_errors,
            ending,
        })
    }

    fn rule_name(&self, rule: usize) -> &str {
        &self.rules[rule].name
    }

    pub(crate) fn key_rules_matching(&self, key: &str, scratch: &mut String) -> Option<usize> {
        let prefilter = self.key_prefilter.as_ref()?;
        normalize_key(key, scratch);
        if !prefilter.is_match(scratch) {
            return None;
        }
        self.key_rules
            .iter()
            .find(|(pattern, _)| scratch.contains(pattern.as_str()))
            .map(|(_, rule)| *rule)
    }

    pub(crate) fn entropy_key_for(&self, key: &str, scratch: &mut String) -> bool {
        normalize_key(key, scratch);
        self.entropy_keys.is_match(scratch)
    }

    /// The first path rule selecting `path`.
    fn path_rule_at(&self, path: &JsonPath) -> Option<usize> {
        self.path_rules
            .iter()
            .find(|(s, _)| s.matches(path))
            .map(|(_, rule)| *rule)
    }

    fn walk(&self, value: &mut Value, st: &mut PathState, report: &mut Report) -> Verdict {
        match self.path_rule_at(&st.path) {
            Some(rule) => self.apply_whole(value, rule, st, report),
            None => self.walk_below(value, st, report),
        }
    }

    /// Scrubs a node no path rule selects as a whole.
    fn walk_below(&self, value: &mut Value, st: &mut PathState, report: &mut Report) -> Verdict {
        match value {
            Value::Object(map) => {
                self.walk_object(map, st, report);
                Verdict::Keep
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    if self.walk(item, st, report) == Verdict::Drop {
                        *item = Value::Null;
                    }
                    st.pop();
                }
                Verdict::Keep
            }
            Value::String(s) => {
                if self.denied(st) {
                    *s = self.pseudonymize_string(s);
                    report.record(&st.path, ALLOWLIST_RULE, Action::Pseudonymize);
                    return Verdict::Keep;
                }
                let hits = self.detectors.scan(s);
                if hits.is_empty() {
                    return Verdict::Keep;
                }
                match self.replace(s, &hits, st, report) {
                    Some(new) => {
                        *s = new;
                        Verdict::Keep
                    }
                    None => Verdict::Drop,
                }
            }
            Value::Number(n) => {
                if self.denied(st) {
                    *n = self.pseudonymizer.number(n);
                    report.record(&st.path, ALLOWLIST_RULE, Action::Pseudonymize);
                    return Verdict::Keep;
                }
                // A card number may be stored as a JSON integer.
                match n.as_u64() {
                    Some(v) if v >= 1_000_000_000_000 => {
                        let text = v.to_string();
                        let hits = self.detectors.scan(&text);
                        if hits.is_empty() {
                            return Verdict::Keep;
                        }
                        match self.replace(&text, &hits, st, report) {
                            Some(new) => {
                                *value = match new.parse::<u64>() {
                                    Ok(v) => Value::from(v),
                                    Err(_) => Value::String(new),
                                };
                                Verdict::Keep
                            }
                            None => Verdict::Drop,
                        }
                    }
                    _ => Verdict::Keep,
                }
            }
            Value::Bool(_) | Value::Null => Verdict::Keep,
        }
    }

    fn walk_object(&self, map: &mut Map<String, Value>, st: &mut PathState, report: &mut Report) {
        // Keys can hold personal data too (a map keyed by email). They are
        // scrubbed first, so that the paths reported below them never carry
        // the original key.
        let mut renames = Vec::new();
        for key in map.keys() {
            let hits = self.detectors.scan(key);
            if !hits.is_empty() {
                renames.push((key.clone(), hits));
            }
        }
        for (key, hits) in renames {
            let new = self.replace(&key, &hits, st, report);
            if let Some(value) = map.remove(&key)
                && let Some(new) = new
            {
                map.insert(new, value);
            }
        }
        let mut drops: Vec<String> = Vec::new();
        for (key, child) in map.iter_mut() {
            st.push_key(key);
            let mut scratch = std::mem::take(&mut st.scratch);
            // A path rule on the member comes first, then its key, then
            // high entropy under a secret-looking key.
            let rule = if let Some(rule) = self.path_rule_at(&st.path) {
                Some(rule)
            } else if let Some(rule) = self.key_rules_matching(key, &mut scratch) {
                Some(rule)
            } else if let (Some(rule), Value::String(s)) = (self.entropy, &*child)
                && self.entropy_key_for(key, &mut scratch)
                && is_high_entropy(s)
            {
                Some(rule)
            } else {
                None
            };
            st.scratch = scratch;
            let verdict = match rule {
                Some(rule) => self.apply_whole(child, rule, st, report),
                None => self.walk_below(child, st, report),
            };
            st.pop();
            if verdict == Verdict::Drop {
                drops.push(key.clone());
            }
        }
        for key in drops {
            map.remove(&key);
        }
    }

    /// Whether allowlist mode pseudonymizes the leaf at the current path.
    fn denied(&self, st: &PathState) -> bool {
        self.allowlist.as_ref().is_some_and(|a| !a.allows(&st.path))
    }

    /// Applies rule `rule` to a whole node.
    fn apply_whole(
        &self,
        value: &mut Value,
        rule: usize,
        st: &mut PathState,
        report: &mut Report,
    ) -> Verdict {
        let action = self.rules[rule].action;
        report.record(&st.path, self.rule_name(rule), action);
        match action {
            Action::Drop => return Verdict::Drop,
            Action::Redact => *value = Value::String(self.placeholder(rule)),
            Action::Hash => {
                let text = match &mut *value {
                    Value::String(s) => std::mem::take(s),
                    other => other.to_string(),
                };
                *value = Value::String(self.pseudonymizer.hash(&text));
            }
            Action::Pseudonymize => self.pseudonymize_tree(value),
        }
        Verdict::Keep
    }

    fn placeholder(&self, rule: usize) -> String {
        crate::marker::placeholder(self.rule_name(rule))
    }

    /// The pseudonym of a whole string. A string that is base64 of text (a
    /// byte payload written by the `bytes` helper) stays base64: its text is
    /// pseudonymized and encoded again, so the component can still decode
    /// it. Any other string keeps the shape [`Shape::infer`] finds.
    fn pseudonymize_string(&self, s: &str) -> String {
        use base64::Engine as _;
        if let Some((decoded, url_safe)) = base64_text(s) {
            let inner = self.pseudonymize_string(&decoded);
            let encoded = engine(url_safe).encode(inner.as_bytes());
            return if s.ends_with('=') || s.len() % 4 == 0 {
                encoded
            } else {
                encoded.trim_end_matches('=').to_owned()
            };
        }
        self.pseudonymizer.pseudonymize(Shape::infer(s), s)
    }

    fn pseudonymize_tree(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.pseudonymize_string(s),
            Value::Number(n) => *n = self.pseudonymizer.number(n),
            Value::Array(items) => items.iter_mut().for_each(|v| self.pseudonymize_tree(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.pseudonymize_tree(v)),
            Value::Bool(_) | Value::Null => {}
        }
    }

    /// `text` with every hit replaced, or `None` when a hit's rule drops the
    /// whole field.
    fn replace(
        &self,
        text: &str,
        hits: &[Hit],
        st: &PathState,
        report: &mut Report,
    ) -> Option<String> {
        let mut out = String::with_capacity(text.len() + 16);
        let mut at = 0;
        for hit in hits {
            match hit {
                Hit::Match { start, end, rule } => {
                    let r = &self.rules[*rule];
                    report.record(&st.path, &r.name, r.action);
                    out.push_str(&text[at..*start]);
                    let span = &text[*start..*end];
                    match r.action {
                        Action::Drop => return None,
                        Action::Redact => out.push_str(&self.placeholder(*rule)),
                        Action::Hash => out.push_str(&self.pseudonymizer.hash(span)),
                        Action::Pseudonymize => {
                            let shape = match r.target {
                                Target::Detector(d) => d.shape(),
                                _ => Shape::Text,
                            };
                            out.push_str(&self.pseudonymizer.pseudonymize(shape, span));
                        }
                    }
                    at = *end;
                }
                Hit::Base64 {
                    start,
                    end,
                    decoded,
                    url_safe,
                    padded,
                    hits,
                } => {
                    let inner = self.replace(decoded, hits, st, report)?;
                    out.push_str(&text[at..*start]);
                    let encoded = {
                        use base64::Engine as _;
                        engine(*url_safe).encode(inner.as_bytes())
                    };
                    out.push_str(if *padded {
                        &encoded
                    } else {
                        encoded.trim_end_matches('=')
                    });
                    at = *end;
                }
            }
        }
        out.push_str(&text[at..]);
        Some(out)
    }
}

/// The text `s` encodes, and whether in the URL-safe alphabet, when `s` as
/// a whole is base64 of printable UTF-8 text (not hex, which is far likelier
/// to be a digest or an id).
fn base64_text(s: &str) -> Option<(String, bool)> {
    use base64::Engine as _;
    let body = s.trim_end_matches('=');
    if body.len() < 4
        || body.len() % 4 == 1
        || s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
    {
        return None;
    }
    let url_safe = s.contains(['-', '_']);
    let decoded = String::from_utf8(engine(url_safe).decode(s).ok()?).ok()?;
    let printable = decoded
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    (printable && !decoded.trim().is_empty()).then_some((decoded, url_safe))
}

#[cfg(test)]
mod tests;
