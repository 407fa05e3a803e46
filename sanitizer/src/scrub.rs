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
use serde_json::Value;

use crate::allowlist::Allowlist;
use crate::detect::DetectorSet;
use crate::error::Error;
use crate::keys::KeyRules;
use crate::name_value::NameValues;
use crate::report::{Report, Tally};
use crate::rules::{Rule, SanitizerBuilder};
use node::Node;

/// The rule name allowlist-mode pseudonyms are reported under.
pub const ALLOWLIST_RULE: &str = "allowlist";

/// A compiled rule set with its pseudonym key: scrubs values, events and
/// transcripts. Build it with [`Sanitizer::builder`] or from a rules file
/// ([`crate::Config`]).
///
/// ```
/// use reprise::sanitizer::Sanitizer;
/// use serde_json::json;
/// let sanitizer = Sanitizer::builder().build()?;
/// let mut report = sanitizer.report();
/// let mut args = json!({"user": {"password": "hunter2", "note": "call +1 415 555 0134"}});
/// sanitizer.scrub_value("args", &mut args, &mut report);
/// assert_eq!(args["user"]["password"], "[redacted:key:password]");
/// assert!(!args["user"]["note"].as_str().unwrap().contains("555 0134"));
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug)]
pub struct Sanitizer {
    pub(crate) rules: Vec<Rule>,
    pub(crate) detectors: DetectorSet,
    pub(crate) key_rules: KeyRules,
    /// Finds the values that key names announce inside text.
    pub(crate) name_values: Option<NameValues>,
    /// The key rule that announces `password`: SQL's `IDENTIFIED BY` and
    /// mysql's `-p` report under it.
    pub(crate) password_rule: Option<usize>,
    /// The key rule that announces a `pin`: its short codes are taken
    /// after a space in text (`PIN 4921`, `cvv 123`).
    pub(crate) pin_rule: Option<usize>,
    /// The detector rule of email addresses: a person's name written with
    /// one (`Jane Doe <jane@x.org>`) is taken with it.
    pub(crate) email_rule: Option<usize>,
    /// The key rules of a person's name and of a street address: a person
    /// record's members are taken by them.
    pub(crate) person_rules: Option<(usize, usize)>,
    /// The key rule of a date of birth: in prose, a value that reads as a
    /// date is taken after it.
    pub(crate) birth_rule: Option<usize>,
    /// The key rule that announces a mnemonic: bare seed phrases are
    /// reported under it.
    /// The rule of private key material (`private_key`): what a key
    /// format's private members hold (`scrub::key_material`).
    pub(crate) key_material_rule: Option<usize>,
    pub(crate) seed_rule: Option<usize>,
    /// One regex over [`crate::ENTROPY_KEYS`].
    pub(crate) entropy_keys: regex::Regex,
    /// One regex over [`crate::ENTROPY_EXEMPT_KEYS`].
    pub(crate) entropy_exempt: regex::Regex,
    pub(crate) path_rules: Vec<(Selector, usize)>,
    pub(crate) entropy: Option<usize>,
    pub(crate) allowlist: Option<Allowlist>,
    /// What a keyed action (pseudonymize, hash) writes: pseudonyms in a
    /// scrub, the values as they were in verify's working copy.
    pub(crate) keyed: keyed::Keyed,
    /// This sanitizer's number, unique in the process: what is remembered
    /// about keys belongs to one sanitizer.
    pub(crate) id: u64,
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
pub(crate) enum Verdict {
    Keep,
    Drop,
}

/// The path of the node being visited, with key strings recycled so that a
/// walk does not allocate per key.
pub(crate) struct PathState {
    pub(crate) path: JsonPath,
    pool: Vec<String>,
    pub(crate) scratch: String,
    /// What the keys of the objects being walked say, outermost first.
    pub(crate) facts: Vec<key_facts::KeyFacts>,
    /// Whether a look only asks what would be taken, not what replaces
    /// it: a pseudonym or hash is then not computed (the span stands in
    /// for it), see `text::second_look`.
    pub(crate) dry: bool,
    /// Whether a (dry) look asks only what the rules that redact find:
    /// see `text::second_look`.
    pub(crate) redacting_only: bool,
    /// Whether the object last walked is named but holds nothing only a
    /// person has ([`crate::person::Record::Named`]): its parent reads
    /// it after walking each member, and asks the member's siblings
    /// (`parties`).
    pub(crate) named_only: bool,
}

thread_local! {
    /// A walk's state, kept between payloads so that its buffers are
    /// allocated once per thread rather than once per payload.
    static SPARE: std::cell::Cell<Option<PathState>> = const { std::cell::Cell::new(None) };
}

impl PathState {
    /// Runs `f` with the state of a walk starting at payload field `root`,
    /// reusing this thread's spare one when there is one.
    pub(crate) fn with<R>(root: &str, f: impl FnOnce(&mut PathState) -> R) -> R {
        let mut st = SPARE.take().unwrap_or_else(|| PathState {
            path: JsonPath::root(),
            pool: Vec::new(),
            scratch: String::new(),
            facts: Vec::new(),
            dry: false,
            redacting_only: false,
            named_only: false,
        });
        st.named_only = false;
        while !st.path.steps().is_empty() {
            st.pop();
        }
        st.facts.clear();
        st.push_key(root);
        let out = f(&mut st);
        // What is kept stays small: no buffer a deep payload grew (the
        // pool keeps no long key's, see `pop`).
        if st.facts.capacity() > 1024 {
            st.facts = Vec::new();
        }
        if st.scratch.capacity() > 4096 {
            st.scratch = String::new();
        }
        SPARE.set(Some(st));
        out
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
        if let Some(Step::Key(s)) = self.path.pop()
            && s.capacity() <= 256
            && self.pool.len() < 64
        {
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
    /// use reprise::sanitizer::{Allowlist, Sanitizer};
    /// assert!(!Sanitizer::builder().build()?.is_allowlist());
    /// assert!(Sanitizer::builder().allowlist(Allowlist::default()).build()?.is_allowlist());
    /// # Ok::<(), reprise::sanitizer::Error>(())
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
        self.scrub_value_into(root, value, report);
    }

    /// [`scrub_value`](Self::scrub_value), reporting to any tally. The
    /// walk reads the value as a [`Node`] borrowing its strings; the value
    /// is rebuilt only when the walk changed something.
    pub(crate) fn scrub_value_into(&self, root: &str, value: &mut Value, tally: &mut dyn Tally) {
        let mut node = Node::borrowed(value);
        self.scrub_node_into(root, &mut node, tally);
        if !node.same_as(value) {
            let scrubbed = node.into_value();
            *value = scrubbed;
        }
    }

    /// Scrubs one payload read as a [`Node`] in place.
    pub(crate) fn scrub_node_into(&self, root: &str, node: &mut Node<'_>, tally: &mut dyn Tally) {
        PathState::with(root, |st| {
            if self.walk(node, st, tally, 0) == Verdict::Drop {
                *node = Node::Null;
            }
        });
    }

    /// [`scrub_event`](Self::scrub_event) on an event read as [`Node`]s.
    pub(crate) fn scrub_node_event(&self, event: &mut Event<Node<'_>>, tally: &mut dyn Tally) {
        if let Some((root, payload)) = payload_mut(event) {
            self.scrub_node_into(root, payload, tally);
        }
    }

    /// Scrubs the payload of one event in place, counting in `report`. This
    /// is what a recorder's sink calls before writing each event.
    ///
    /// ```
    /// use reprise::sanitizer::Sanitizer;
    /// use reprise::transcript::{Event, Probe};
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
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn scrub_event(&self, event: &mut Event<Value>, report: &mut Report) {
        if let Some((root, payload)) = payload_mut(event) {
            self.scrub_value(root, payload, report);
        }
    }

    /// Scrubs the header's `meta` in place. The `sanitizer` section is left
    /// to the caller, who writes the report there once it is complete.
    ///
    /// ```
    /// use reprise::transcript::Header;
    /// let sanitizer = reprise::sanitizer::Sanitizer::builder().build()?;
    /// let mut report = sanitizer.report();
    /// let mut header = Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0");
    /// header.meta.insert("operator".into(), "ops@corp.com".into());
    /// sanitizer.scrub_header(&mut header, &mut report);
    /// assert_ne!(header.meta["operator"], "ops@corp.com");
    /// # Ok::<(), reprise::sanitizer::Error>(())
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
    /// use reprise::transcript::{Call, Direction, Event, Header, Reader, Writer};
    /// let mut w = Writer::new(Vec::new());
    /// w.header(&Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0"))?;
    /// w.event(&Event::Call(Call { seq: 0, dir: Direction::In, port: "api".into(),
    ///     method: "login".into(), args: serde_json::json!({"token": "s3cr3t-t0k3n"}),
    ///     at_ns: 0, parent: None, task: None }))?;
    /// let raw = w.end(0)?;
    ///
    /// let sanitizer = reprise::sanitizer::Sanitizer::builder().build()?;
    /// let mut out = Vec::new();
    /// let done = sanitizer.scrub_transcript(
    ///     Reader::new(&raw[..])?, std::io::Cursor::new(Vec::new()), &mut out, &mut |_| {})?;
    /// assert_eq!(done.events, 1);
    /// let text = String::from_utf8(out)?;
    /// assert!(!text.contains("s3cr3t") && text.contains("\"sanitizer\":{"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scrub_transcript<R: BufRead, S: Read + Write + Seek + Send, W: Write>(
        &self,
        reader: Reader<R>,
        spool: S,
        out: W,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Scrubbed, Error> {
        self.scrub_transcript_on(1, reader, spool, out, progress)
    }

    /// [`scrub_transcript`](Self::scrub_transcript) on `threads` threads:
    /// the calling thread reads the lines and hands them on undecoded; the
    /// others decode, scrub and encode batches of them; the calling thread
    /// checks each line across the others as iteration would (seqs, the
    /// `end` line, a torn last line) and writes the lines kept, and the lines are written in their input order,
    /// so the output is byte for byte the one thread's. Memory stays
    /// bounded: at most two batches per thread are in flight.
    ///
    /// ```
    /// use reprise::transcript::{Header, Reader, Writer};
    /// let mut w = Writer::new(Vec::new());
    /// w.header(&Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0"))?;
    /// let raw = w.end(0)?;
    /// let sanitizer = reprise::sanitizer::Sanitizer::builder().build()?;
    /// let mut out = Vec::new();
    /// let done = sanitizer.scrub_transcript_on(
    ///     2, Reader::new(&raw[..])?, std::io::Cursor::new(Vec::new()), &mut out, &mut |_| {})?;
    /// assert_eq!(done.events, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scrub_transcript_on<R: BufRead, S: Read + Write + Seek + Send, W: Write>(
        &self,
        threads: usize,
        mut reader: Reader<R>,
        mut spool: S,
        out: W,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Scrubbed, Error> {
        let mut report = self.report();
        let mut header = reader.header().clone();
        let mut previous = header.sanitizer.take();
        self.scrub_header(&mut header, &mut report);

        let mut counts = Counts::default();
        let job = |lines| batches::scrub_batch(self, lines);
        let ending = std::thread::scope(|scope| -> Result<Option<Ending>, Error> {
            // Lines reach the spool a batch at a time, so it needs no buffer
            // of its own.
            let spool_out = &mut spool;
            let mut pool = if threads <= 1 {
                batches::Pool::here(&job)
            } else {
                batches::Pool::start(threads, scope, &job)
            };
            batches::run(&mut pool, &mut reader, &mut |reader, done| {
                self.write_batch(done, reader, spool_out, &mut report, &mut counts, progress)
            })?;
            spool_out.flush()?;
            Ok(reader.ending().cloned())
        })?;
        let Counts {
            events,
            bad_lines,
            first_errors,
        } = counts;
        progress(events);
        // A transcript scrubbed while it was recorded has the full report in
        // its `end` line (the header's section lists the rules and the
        // header's own scrubbing only): keep that one as the previous scrub.
        if let Some(section) = ending.as_ref().and_then(Ending::sanitizer) {
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
        if let Some(Ending::Clean { dropped, .. }) = ending {
            let mut line = Vec::with_capacity(256);
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
}

impl Sanitizer {
    /// Writes the lines of a batch scrubbed on another thread that the
    /// reader, checking each line as iteration would, keeps; counts them,
    /// the bad lines and what was scrubbed in the lines kept.
    fn write_batch<R: BufRead>(
        &self,
        done: batches::Scrubbed,
        reader: &mut Reader<R>,
        out: &mut dyn Write,
        report: &mut Report,
        counts: &mut Counts,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), Error> {
        let mut start = 0;
        // Where the encoded lines not yet written begin.
        let mut pending = 0;
        let mut kept = Vec::new();
        let mut left_out = false;
        for entry in done.entries {
            let verdict = match entry.line {
                Ok((at, decoded)) => {
                    let verdict = reader.check(at, decoded);
                    if matches!(verdict, reprise_transcript::Verdict::Keep) {
                        kept.push(at.line);
                    }
                    verdict
                }
                Err(err) => reader.check_unreadable(err),
            };
            let (from, to) = (start, entry.end);
            start = entry.end;
            match verdict {
                reprise_transcript::Verdict::Keep => {
                    counts.events += 1;
                    if counts.events % 4096 == 0 {
                        progress(counts.events);
                    }
                    continue;
                }
                reprise_transcript::Verdict::Bad(err) => counts.bad_line(err),
                reprise_transcript::Verdict::Skip => {}
            }
            if from < to {
                // An event the reader leaves out: what precedes it is
                // written, it is not.
                left_out = true;
                out.write_all(&done.lines[pending..from])?;
                pending = to;
            }
        }
        out.write_all(&done.lines[pending..])?;
        if left_out {
            let mut counted = Report::default();
            batches::rescrub(self, &done.input, &kept, &mut counted);
            report.merge(&counted);
        } else {
            report.merge(&done.report);
        }
        Ok(())
    }
}

/// What reading a transcript's events found.
#[derive(Default)]
struct Counts {
    events: u64,
    bad_lines: u64,
    first_errors: Vec<ReadError>,
}

/// How many errors a scrub keeps to show.
const FIRST_ERRORS: usize = 20;

impl Counts {
    fn bad_line(&mut self, err: ReadError) {
        self.bad_lines += 1;
        if self.first_errors.len() < FIRST_ERRORS {
            self.first_errors.push(err);
        }
    }
}

/// The payload of `event` with the name of its field (`args`, `ok`, ...),
/// unless it is an `end` line.
pub(crate) fn payload_mut<P>(event: &mut Event<P>) -> Option<(&'static str, &mut P)> {
    match event {
        Event::State(e) => Some(("state", &mut e.state)),
        Event::Call(e) => Some(("args", &mut e.args)),
        Event::Return(e) => {
            let side = e.outcome.side();
            match &mut e.outcome {
                reprise_transcript::Outcome::Ok(v)
                | reprise_transcript::Outcome::Err(v)
                | reprise_transcript::Outcome::Panic(v) => Some((side, v)),
            }
        }
        Event::Probe(e) => Some(("fields", &mut e.fields)),
        Event::End(_) => None,
    }
}

mod base32;
pub(crate) mod batches;
mod binary;
mod blocks;
mod byte_escapes;
mod byte_lists;
mod byte_text;
mod cbor_bytes;
mod cef;
mod chunked;
mod clean_texts;
mod columns;
mod data_urls;
mod env_lines;
mod folded;
mod geo_numbers;
mod hl7;
mod key_facts;
mod key_material;
mod keyed;
pub(crate) use keyed::Keyed;
mod ldif;
mod marks;
pub(crate) mod node;
mod oauth;
mod parties;
mod php;
#[cfg(test)]
mod readers_props;
mod records;
mod redirects;
mod resp;
mod run_labels;
mod seed;
mod sql;
mod table;
mod text;
mod typed;
mod vcard;
mod views;
mod walk;
mod xml_named;

#[cfg(test)]
mod tests;
