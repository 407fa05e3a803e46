//! Leak verification: does anything sensitive remain in a transcript?
//!
//! [`Verifier`] runs the scrub itself over a copy of each header and event
//! and reports each place the scrub would change something as a
//! [`Finding`]: where (seq, JSON path) and which rule, never the value.
//! One code path decides what is sensitive for both, so `verify` fails
//! wherever `scrub` would have changed something, and passes on what
//! `scrub` wrote: its placeholders are skipped by every rule.
//!
//! A pseudonym is shaped like what it replaced (a pseudonymized card is a
//! Luhn-valid card), so it would fire again. The transcript's `sanitizer`
//! section lists the paths the sanitizer pseudonymized or hashed; a
//! pseudonym at one of them is not a leak ([`crate::pseudonymized_paths`]).
//!
//! # Verify reads scrub's output as scrub left it
//!
//! Verify's scrub runs on a working copy, and reads again what it wrote
//! there: a text's second look, the key rules of an object key it renamed,
//! the paths below that key. So where verify writes something other than
//! what scrub wrote, it judges a text scrub never wrote. Its placeholders
//! did exactly that: in place of a pseudonym, `[redacted:...]` changed
//! which column of a `COPY` statement's list a data row's cell fell under
//! (a `pass` column took a `1`), made an object key holding an HL7 `PID`
//! segment read as a personal access token's label, and, in place of a
//! pseudonymized key, left no path to match the report's. Shape-keeping
//! stand-ins (letters and digits replaced by fixed characters, punctuation
//! kept) would keep a column list but not what reads letters: a run of one
//! repeated letter is a mask, a pseudonym's new letters can spell a label
//! (`pass to Bvrop 7`), entropy is gone.
//!
//! So the working copy keeps what a keyed action (pseudonymize, hash)
//! takes as it is, reporting it all the same; it writes placeholders where
//! scrub writes placeholders. On scrub's output every reader then reads
//! scrub's own text, pseudonyms included, whatever reader a later change
//! adds: what a keyed action writes is decided in one place,
//! `scrub/keyed.rs`. What must not show a value is what verify prints: a
//! finding's path shows each object key the rules find something in as a
//! placeholder naming the rule (`$.args.accounts['[redacted:email]'].note`),
//! however the key was reached; the path as the transcript has it is kept
//! unprinted, to look up in the report's pseudonymized paths
//! ([`Finding::pseudonymized_in`]).

use std::collections::BTreeSet;
use std::fmt;

use reprise_transcript::{Event, Header, JsonPath, Outcome, ReadError, Reader, Step, Verdict};
use serde_json::Value;

use crate::scrub::node::Node;

use crate::action::Action;
use crate::error::Error;
use crate::report::{Tally, generalize};
use crate::scrub::{ALLOWLIST_RULE, Sanitizer};

/// One place where a rule fired.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The event's seq; `None` for the header.
    pub seq: Option<u64>,
    /// The concrete JSON path (`$.args.users[2].email`).
    pub path: String,
    /// The rule that fired (`email`, `key:password`, ...).
    pub rule: String,
    /// The generalised path (`$.args.users[*].email`), with the same keys
    /// masked as in `path`: what to count findings by. Not part of the
    /// rendered finding.
    #[serde(skip)]
    pub generalized: String,
    /// Where the finding is as the transcript has it: what to look up in
    /// the paths a report says were pseudonymized, when that report is
    /// known only later (the `end` line's report).
    #[serde(skip)]
    place: Place,
}

/// The generalised path of a finding with its keys as the transcript has
/// them, as the `sanitizer` reports list paths. It may hold a value (a key
/// holding an email), so it is opaque: it is compared, ordered and looked
/// up, never printed, not even by `Debug`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place(String);

impl fmt::Debug for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Place(..)")
    }
}

impl Place {
    /// Whether `paths` (what a `sanitizer` report says was pseudonymized
    /// or hashed, [`crate::pseudonymized_paths`]) holds this place.
    ///
    /// ```
    /// use std::collections::BTreeSet;
    /// use reprise::sanitizer::Verifier;
    /// use reprise::transcript::{Event, Probe};
    /// let verifier = Verifier::new()?;
    /// let probe = Event::Probe(Probe { seq: 1, name: "p".into(), at_ns: 0,
    ///     fields: serde_json::json!({"owner": "alice@corp.com"}) });
    /// let findings = verifier.check_event(&probe, &BTreeSet::new());
    /// let place = findings[0].place();
    /// let report: BTreeSet<String> = ["$.fields.owner".to_owned()].into();
    /// assert!(place.pseudonymized_in(&report));
    /// assert!(!place.pseudonymized_in(&BTreeSet::new()));
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn pseudonymized_in(&self, paths: &BTreeSet<String>) -> bool {
        paths.contains(&self.0)
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("seq", &self.seq)
            .field("path", &self.path)
            .field("rule", &self.rule)
            .field("generalized", &self.generalized)
            .finish_non_exhaustive()
    }
}

impl Finding {
    /// Whether `paths` (what a `sanitizer` report says was pseudonymized
    /// or hashed, [`crate::pseudonymized_paths`]) holds this finding's
    /// place: a pseudonym found there is not a leak.
    ///
    /// ```
    /// use std::collections::BTreeSet;
    /// use reprise::sanitizer::Verifier;
    /// use reprise::transcript::{Event, Probe};
    /// let verifier = Verifier::new()?;
    /// let probe = Event::Probe(Probe { seq: 1, name: "p".into(), at_ns: 0,
    ///     fields: serde_json::json!({"hosts": {"10.1.2.3": {"up": "since 10.1.2.4"}}}) });
    /// let findings = verifier.check_event(&probe, &BTreeSet::new());
    /// // The key holding an address is masked in what is printed ...
    /// assert_eq!(findings[1].path, "$.fields.hosts['[redacted:ipv4]'].up");
    /// // ... and looked up as the report lists it.
    /// let report: BTreeSet<String> = ["$.fields.hosts['10.1.2.3'].up".to_owned()].into();
    /// assert!(findings[1].pseudonymized_in(&report));
    /// assert!(!findings[1].pseudonymized_in(&BTreeSet::new()));
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn pseudonymized_in(&self, paths: &BTreeSet<String>) -> bool {
        self.place.pseudonymized_in(paths)
    }

    /// Where the finding is, as the transcript has it: what findings at
    /// one path are told apart by when a report comes later. It is never
    /// printed: a key on the way may hold a value.
    ///
    /// ```
    /// use std::collections::BTreeSet;
    /// use reprise::sanitizer::Verifier;
    /// use reprise::transcript::{Event, Probe};
    /// let verifier = Verifier::new()?;
    /// let probe = |seq| Event::Probe(Probe { seq, name: "p".into(), at_ns: 0,
    ///     fields: serde_json::json!({"hosts": {"10.1.2.3": "up since 10.1.2.4"}}) });
    /// let (a, b) = (verifier.check_event(&probe(1), &BTreeSet::new()),
    ///     verifier.check_event(&probe(2), &BTreeSet::new()));
    /// // The same place in two events, told apart from other places.
    /// assert_eq!(a[1].place(), b[1].place());
    /// assert_ne!(a[0].place(), a[1].place());
    /// assert_eq!(format!("{:?}", a[1].place()), "Place(..)");
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn place(&self) -> &Place {
        &self.place
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.seq {
            Some(seq) => write!(f, "seq {seq}: {}: {}", self.path, self.rule),
            None => write!(f, "header: {}: {}", self.path, self.rule),
        }
    }
}

/// Runs every rule over transcripts, reporting what it finds.
///
/// ```
/// use reprise::sanitizer::Verifier;
/// use reprise::transcript::{Event, Probe};
/// let verifier = Verifier::new()?;
/// let accepted = Default::default();
/// let leaky = Event::Probe(Probe { seq: 7, name: "auth".into(), at_ns: 0,
///     fields: serde_json::json!({"user": "alice@corp.com", "n": 3}) });
/// let findings = verifier.check_event(&leaky, &accepted);
/// assert_eq!(findings[0].to_string(), "seq 7: $.fields.user: email");
///
/// let clean = Event::Probe(Probe { seq: 8, name: "auth".into(), at_ns: 0,
///     fields: serde_json::json!({"user": "[redacted:email]"}) });
/// assert!(verifier.check_event(&clean, &accepted).is_empty());
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug)]
pub struct Verifier {
    sanitizer: Sanitizer,
}

/// Turns what a scrub would do into findings: everything it would take,
/// except a pseudonym or keyed hash at a path the report says was
/// pseudonymized or hashed, and allowlist mode's pseudonyms (verify checks
/// rules, not the allowlist).
struct Collect<'a> {
    sanitizer: &'a Sanitizer,
    seq: Option<u64>,
    accepted: &'a BTreeSet<String>,
    out: &'a mut Vec<Finding>,
}

impl Tally for Collect<'_> {
    fn record(&mut self, path: &JsonPath, rule: &str, action: Action) {
        if rule == ALLOWLIST_RULE {
            return;
        }
        let at = generalize(path);
        if matches!(action, Action::Pseudonymize | Action::Hash) && self.accepted.contains(&at) {
            return;
        }
        let shown = self.masked(path);
        let finding = Finding {
            seq: self.seq,
            path: shown.as_ref().unwrap_or(path).to_string(),
            rule: rule.to_owned(),
            generalized: shown.as_ref().map_or_else(|| at.clone(), generalize),
            place: Place(at),
        };
        if !self.out.contains(&finding) {
            self.out.push(finding);
        }
    }
}

impl Collect<'_> {
    /// `path` as a finding shows it, when that is not `path` itself: each
    /// object key that the rules find something in is a placeholder
    /// naming the rule (the working copy keeps keys as they are,
    /// `scrub/keyed.rs`).
    fn masked(&self, path: &JsonPath) -> Option<JsonPath> {
        let masks: Vec<Option<String>> = path
            .steps()
            .iter()
            .map(|step| match step {
                Step::Key(key) => self.sanitizer.masked_key(key),
                Step::Index(_) => None,
            })
            .collect();
        if masks.iter().all(Option::is_none) {
            return None;
        }
        let mut shown = JsonPath::root();
        for (step, mask) in path.steps().iter().zip(masks) {
            shown = match (step, mask) {
                (_, Some(mask)) => shown.key(&mask),
                (Step::Key(key), None) => shown.key(key),
                (Step::Index(i), None) => shown.index(*i),
            };
        }
        Some(shown)
    }
}

impl Verifier {
    /// A verifier with every built-in rule.
    pub fn new() -> Result<Verifier, Error> {
        Ok(Verifier::with_sanitizer(Sanitizer::builder().build()?))
    }

    /// A verifier using the rules of `sanitizer` (its custom regexes and
    /// key rules too; its allowlist and actions play no part).
    pub fn with_sanitizer(mut sanitizer: Sanitizer) -> Verifier {
        // What a keyed action takes stays as it is: verify reads scrub's
        // output as scrub left it. What it prints is masked (`Collect`).
        sanitizer.keyed.working_copy();
        Verifier { sanitizer }
    }

    /// The findings in a header's `meta`.
    pub fn check_header(&self, header: &Header, accepted: &BTreeSet<String>) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut meta = Node::borrowed_object(&header.meta);
        self.check_in_place(None, "meta", &mut meta, accepted, &mut out);
        out
    }

    /// The findings in one event's payload.
    pub fn check_event(&self, event: &Event<Value>, accepted: &BTreeSet<String>) -> Vec<Finding> {
        let mut out = Vec::new();
        let (root, payload) = match event {
            Event::State(e) => ("state", &e.state),
            Event::Call(e) => ("args", &e.args),
            Event::Return(e) => {
                let (Outcome::Ok(v) | Outcome::Err(v) | Outcome::Panic(v)) = &e.outcome;
                (e.outcome.side(), v)
            }
            Event::Probe(e) => ("fields", &e.fields),
            Event::End(_) => return out,
        };
        self.check_value(event.seq(), root, payload, accepted, &mut out);
        out
    }

    /// [`check_event`](Self::check_event) on an event read as [`Node`]s,
    /// which this verifier may change: its payload is scrubbed in place.
    fn check_node_event(
        &self,
        mut event: Event<Node<'_>>,
        accepted: &BTreeSet<String>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let seq = event.seq();
        if let Some((root, payload)) = crate::scrub::payload_mut(&mut event) {
            self.check_in_place(seq, root, payload, accepted, &mut out);
        }
        out
    }

    /// Checks every event of `reader` on `threads` threads, handing
    /// `found` each event's findings with the number of events checked so
    /// far, in the transcript's order, and `bad` each line that cannot be
    /// read (as iteration reports it). On more than one thread the calling
    /// thread only reads lines; the others decode and check them, and the
    /// reader checks the lines across each other (seqs, the `end` line) as
    /// iteration does, so the findings and bad lines are the same either
    /// way. An I/O error reading the input ends the check with that error.
    ///
    /// ```
    /// use std::collections::BTreeSet;
    /// use reprise::sanitizer::Verifier;
    /// use reprise::transcript::Reader;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
    ///             {\"seq\":0,\"kind\":\"probe\",\"name\":\"p\",\"fields\":{\"to\":\"ann@corp.com\"}}\n\
    ///             {\"seq\":0,\"kind\":\"probe\",\"name\":\"p\",\"fields\":{}}\n";
    /// let verifier = Verifier::new()?;
    /// let mut reader = Reader::new(text.as_bytes())?;
    /// let (mut findings, mut bad) = (Vec::new(), Vec::new());
    /// verifier.check_transcript_on(2, &mut reader, &BTreeSet::new(),
    ///     &mut |_, f| { findings.extend(f); Ok(()) }, &mut |e| bad.push(e))?;
    /// assert_eq!(findings[0].path, "$.fields.to");
    /// assert_eq!(bad.len(), 1, "a repeated seq");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_transcript_on<R: std::io::BufRead>(
        &self,
        threads: usize,
        reader: &mut Reader<R>,
        accepted: &BTreeSet<String>,
        found: &mut dyn FnMut(u64, Vec<Finding>) -> Result<(), Error>,
        bad: &mut dyn FnMut(ReadError),
    ) -> Result<(), Error> {
        let mut events = 0u64;
        let job = |mut lines: crate::scrub::batches::Lines| {
            lines.decode_each(|event| Ok(self.check_node_event(event, accepted)))
        };
        std::thread::scope(|scope| {
            let mut pool = if threads <= 1 {
                crate::scrub::batches::Pool::here(&job)
            } else {
                crate::scrub::batches::Pool::start(threads, scope, &job)
            };
            crate::scrub::batches::run(&mut pool, reader, &mut |reader, checked| {
                for (line, findings) in checked {
                    let verdict = match line {
                        Ok((at, decoded)) => reader.check(at, decoded),
                        Err(err) => reader.check_unreadable(err),
                    };
                    match verdict {
                        Verdict::Keep => {
                            events += 1;
                            found(events, findings.unwrap_or_default())?;
                        }
                        Verdict::Bad(err) => bad(err),
                        Verdict::Skip => {}
                    }
                }
                Ok(())
            })
        })
    }

    /// The findings in one payload, whose field is `root`.
    pub fn check_value(
        &self,
        seq: Option<u64>,
        root: &str,
        value: &Value,
        accepted: &BTreeSet<String>,
        out: &mut Vec<Finding>,
    ) {
        self.check_in_place(seq, root, &mut Node::borrowed(value), accepted, out);
    }

    /// The findings in `value`, which is scrubbed in place: verify is a
    /// scrub whose changes are thrown away, what the scrub would take is
    /// what is left to find.
    fn check_in_place(
        &self,
        seq: Option<u64>,
        root: &str,
        value: &mut Node<'_>,
        accepted: &BTreeSet<String>,
        out: &mut Vec<Finding>,
    ) {
        let mut collect = Collect {
            sanitizer: &self.sanitizer,
            seq,
            accepted,
            out,
        };
        self.sanitizer.scrub_node_into(root, value, &mut collect);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use reprise_transcript::{Call, Direction, Event};
    use serde_json::{Value, json};

    use super::*;
    use crate::{Key, Sanitizer};

    fn call(args: Value) -> Event {
        Event::Call(Call {
            seq: 4,
            dir: Direction::Out,
            port: "mail".into(),
            method: "send".into(),
            args,
            at_ns: 0,
            parent: None,
            task: None,
        })
    }

    /// Verifies `args` and renders the findings, one a line.
    #[track_caller]
    fn check(args: Value, accepted: &[&str], expected: &str) {
        let verifier = Verifier::new().expect("defaults build");
        let accepted: BTreeSet<String> = accepted.iter().map(|s| (*s).to_owned()).collect();
        let findings = verifier.check_event(&call(args), &accepted);
        let rendered: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert_eq!(rendered.join("\n"), expected);
    }

    #[test]
    fn findings_name_seq_path_and_rule() {
        check(
            json!({"to": ["bob@corp.com"], "api_key": "abc", "ok": "[redacted:email]"}),
            &[],
            "seq 4: $.args.to[0]: email\nseq 4: $.args.api_key: key:api_key",
        );
    }

    #[test]
    fn scrubbed_values_and_accepted_pseudonyms_are_not_findings() {
        check(
            json!({"password": "[redacted:key:password]", "to": "bob@corp.com", "ip": "10.1.2.3"}),
            &["$.args.to", "$.args.ip"],
            "",
        );
    }

    #[test]
    fn a_key_holding_an_email_is_masked_in_paths() {
        check(
            json!({"accounts": {"bob@corp.com": {"note": "ip 10.1.2.3"}}}),
            &[],
            "seq 4: $.args.accounts: email\nseq 4: $.args.accounts['[redacted:email]'].note: ipv4",
        );
    }

    #[test]
    fn printed_paths_show_no_key_holding_a_value_however_it_was_reached() {
        // Under a key rule's object the keys are not renamed by the walk;
        // below a map keyed by addresses they are, in scrub; either way
        // verify prints a placeholder for them.
        let verifier = Verifier::new().expect("defaults build");
        let args = json!({
            "password": {"bob@corp.com": "x"},
            "hosts": {"10.1.2.3": ["ip 10.9.8.7"]},
            "body": json!({"+49 151 23456789": {"note": "ip 10.9.8.6"}}).to_string(),
        });
        let findings = verifier.check_event(&call(args), &BTreeSet::new());
        let shown: Vec<String> = findings
            .iter()
            .flat_map(|f| [f.to_string(), f.generalized.clone(), format!("{f:?}")])
            .collect();
        assert!(shown.len() >= 4 * 3, "{shown:?}");
        for value in ["bob@corp.com", "10.1.2.3", "+49 151", "10.9.8"] {
            for line in &shown {
                assert!(!line.contains(value), "{line} shows {value}");
            }
        }
        assert!(
            shown.contains(&"seq 4: $.args.password['[redacted:email]']: key:password".to_owned()),
            "{shown:?}"
        );
    }

    #[test]
    fn a_long_key_is_masked_too() {
        // Keys over 64 bytes are not remembered: what one holds is worked
        // out while the finding below it is recorded.
        let key = format!("{} bob@corp.com", "x".repeat(80));
        check(
            json!({"accounts": {key: {"note": "ip 10.1.2.3"}}}),
            &[],
            "seq 4: $.args.accounts: email\nseq 4: $.args.accounts['[redacted:email]'].note: ipv4",
        );
    }

    #[test]
    fn findings_are_looked_up_by_the_path_the_transcript_has() {
        let verifier = Verifier::new().expect("defaults build");
        let findings = verifier.check_event(
            &call(json!({"hosts": {"10.1.2.3": "10.9.8.7"}})),
            &BTreeSet::new(),
        );
        let below = &findings[1];
        assert_eq!(below.path, "$.args.hosts['[redacted:ipv4]']");
        let listed: BTreeSet<String> = ["$.args.hosts['10.1.2.3']".to_owned()].into();
        assert!(below.pseudonymized_in(&listed));
        assert!(!below.pseudonymized_in(&["$.args.hosts['[redacted:ipv4]']".to_owned()].into()));
        // Checked with the report, the pseudonym below the key is accepted.
        let accepted: BTreeSet<String> = [
            "$.args.hosts".to_owned(),
            "$.args.hosts['10.1.2.3']".to_owned(),
        ]
        .into();
        let call = call(json!({"hosts": {"10.1.2.3": "10.9.8.7"}}));
        assert_eq!(verifier.check_event(&call, &accepted), []);
    }

    #[test]
    fn what_the_sanitizer_scrubs_verify_passes() {
        let sanitizer = Sanitizer::builder()
            .pseudonym_key(Key::from_bytes(b"0123456789abcdef", "test").expect("key"))
            .build()
            .expect("build");
        let mut event = call(json!({
            "to": "bob@corp.com", "card": "4539 1488 0343 6467", "token": "t0k3n",
            "log": "from 10.1.2.3 with Bearer abcdef0123456789",
        }));
        let mut report = sanitizer.report();
        sanitizer.scrub_event(&mut event, &mut report);
        let accepted = crate::pseudonymized_paths(Some(&report.to_json()));
        let verifier = Verifier::new().expect("defaults build");
        assert_eq!(verifier.check_event(&event, &accepted), []);
    }

    #[test]
    fn sanitizers_and_verifiers_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Sanitizer>();
        shareable::<Verifier>();
    }
}
