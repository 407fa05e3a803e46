//! Leak verification: does anything sensitive remain in a transcript?
//!
//! [`Verifier`] runs every built-in rule (sensitive keys, all detectors,
//! high entropy under secret-looking keys) over a header or event without
//! changing it, and reports each place something fires as a [`Finding`]:
//! where (seq, JSON path) and which rule, never the value.
//!
//! A pseudonym is shaped like what it replaced (a pseudonymized card is a
//! Luhn-valid card), so it would fire again. The transcript's `sanitizer`
//! section lists the paths the sanitizer pseudonymized; a match at one of
//! them is a pseudonym, not a leak ([`crate::pseudonymized_paths`]).

use std::collections::BTreeSet;
use std::fmt;

use reprise_transcript::{Event, Header, Outcome};
use serde_json::Value;

use crate::detect::is_high_entropy;
use crate::error::Error;
use crate::report::generalize;
use crate::rules::Target;
use crate::scrub::{PathState, Sanitizer};

/// One place where a rule fired.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The event's seq; `None` for the header.
    pub seq: Option<u64>,
    /// The concrete JSON path (`$.args.users[2].email`).
    pub path: String,
    /// The rule that fired (`email`, `key:password`, ...).
    pub rule: String,
    /// The generalised path (`$.args.users[*].email`), as the `sanitizer`
    /// reports list paths: what to look up in the paths a report says were
    /// pseudonymized, when that report is known only later (the `end`
    /// line's report). Not part of the rendered finding.
    #[serde(skip)]
    pub generalized: String,
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
/// use reprise_sanitizer::Verifier;
/// use reprise_transcript::{Event, Probe};
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
/// # Ok::<(), reprise_sanitizer::Error>(())
/// ```
#[derive(Debug)]
pub struct Verifier {
    sanitizer: Sanitizer,
}

fn looks_scrubbed(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => {
            crate::marker::is_redacted(s)
                || (s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        }
        _ => false,
    }
}

impl Verifier {
    /// A verifier with every built-in rule.
    pub fn new() -> Result<Verifier, Error> {
        Ok(Verifier {
            sanitizer: Sanitizer::builder().build()?,
        })
    }

    /// A verifier using the rules of `sanitizer` (its custom regexes and
    /// key rules too; its allowlist and actions play no part).
    pub fn with_sanitizer(sanitizer: Sanitizer) -> Verifier {
        Verifier { sanitizer }
    }

    /// The findings in a header's `meta`.
    pub fn check_header(&self, header: &Header, accepted: &BTreeSet<String>) -> Vec<Finding> {
        let mut out = Vec::new();
        let meta = Value::Object(header.meta.clone());
        self.check_value(None, "meta", &meta, accepted, &mut out);
        out
    }

    /// The findings in one event's payload.
    pub fn check_event(&self, event: &Event<Value>, accepted: &BTreeSet<String>) -> Vec<Finding> {
        let mut out = Vec::new();
        let seq = event.seq();
        match event {
            Event::State(e) => self.check_value(seq, "state", &e.state, accepted, &mut out),
            Event::Call(e) => self.check_value(seq, "args", &e.args, accepted, &mut out),
            Event::Return(e) => {
                let (Outcome::Ok(v) | Outcome::Err(v)) = &e.outcome;
                self.check_value(seq, e.outcome.side(), v, accepted, &mut out);
            }
            Event::Probe(e) => self.check_value(seq, "fields", &e.fields, accepted, &mut out),
            Event::End(_) => {}
        }
        out
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
        let mut st = PathState::new(root);
        self.visit(seq, value, &mut st, accepted, out);
    }

    fn found(
        &self,
        seq: Option<u64>,
        st: &PathState,
        rule: &str,
        accepted: &BTreeSet<String>,
        out: &mut Vec<Finding>,
    ) {
        let generalized = generalize(&st.path);
        if accepted.contains(&generalized) {
            return;
        }
        let finding = Finding {
            seq,
            path: st.path.to_string(),
            rule: rule.to_owned(),
            generalized,
        };
        if !out.contains(&finding) {
            out.push(finding);
        }
    }

    fn visit(
        &self,
        seq: Option<u64>,
        value: &Value,
        st: &mut PathState,
        accepted: &BTreeSet<String>,
        out: &mut Vec<Finding>,
    ) {
        let s = &self.sanitizer;
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    // A key that holds a value is reported, and masked in the
                    // paths below it, so no finding prints it.
                    let mut masked = None;
                    for hit in s.detectors.scan(key) {
                        hit.for_each_rule(&mut |r| {
                            self.found(seq, st, &s.rules[r].name, accepted, out);
                            masked.get_or_insert_with(|| {
                                crate::marker::placeholder(&s.rules[r].name)
                            });
                        });
                    }
                    st.push_key(masked.as_deref().unwrap_or(key));
                    let mut scratch = std::mem::take(&mut st.scratch);
                    let key_rule = s.key_rule_for(key, &mut scratch);
                    let entropy = s.entropy.filter(|_| {
                        matches!(child, Value::String(v) if is_high_entropy(v))
                            && s.entropy_key_for(key, &mut scratch)
                    });
                    st.scratch = scratch;
                    match key_rule.or(entropy) {
                        Some(rule) if !looks_scrubbed(child) => {
                            self.found(seq, st, &s.rules[rule].name, accepted, out);
                        }
                        Some(_) => {}
                        None => self.visit(seq, child, st, accepted, out),
                    }
                    st.pop();
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    st.push_index(i);
                    self.visit(seq, item, st, accepted, out);
                    st.pop();
                }
            }
            Value::String(text) => {
                for hit in s.detectors.scan(text) {
                    hit.for_each_rule(&mut |r| {
                        self.found(seq, st, &s.rules[r].name, accepted, out)
                    });
                }
            }
            Value::Number(n) => {
                if let Some(v) = n.as_u64().filter(|v| *v >= 1_000_000_000_000) {
                    for hit in s.detectors.scan(&v.to_string()) {
                        hit.for_each_rule(&mut |r| {
                            self.found(seq, st, &s.rules[r].name, accepted, out)
                        });
                    }
                }
            }
            Value::Bool(_) | Value::Null => {}
        }
    }
}

impl Sanitizer {
    pub(crate) fn key_rule_for(&self, key: &str, scratch: &mut String) -> Option<usize> {
        self.key_rules_matching(key, scratch)
            .filter(|r| matches!(self.rules[*r].target, Target::Key(_)))
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
            "seq 4: $.args.api_key: key:api_key\nseq 4: $.args.to[0]: email",
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
    fn what_the_sanitizer_scrubs_verify_passes() {
        let sanitizer = Sanitizer::builder()
            .pseudonym_key(Key::from_bytes(b"0123456789abcdef", "test").expect("key"))
            .build()
            .expect("build");
        let mut event = call(json!({
            "to": "bob@corp.com", "card": "4111 1111 1111 1111", "token": "t0k3n",
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
