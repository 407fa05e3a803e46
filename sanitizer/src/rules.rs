//! Rules: what to scrub, and the builder that compiles them into a
//! [`Sanitizer`].
//!
//! Rules compose: the built-in rules (sensitive key names, every value
//! detector, high-entropy strings under secret-looking keys) are active
//! unless [`SanitizerBuilder::defaults`] turns them off, custom rules are
//! added to them, and a custom rule with the name of a built-in one replaces
//! it (so `detector = "email", action = "redact"` changes what happens to
//! emails without losing the other detectors). The report lists every active
//! rule, so nobody has to guess which ones ran.

use std::fmt;

use reprise_transcript::Selector;

use crate::action::Action;
use crate::allowlist::Allowlist;
use crate::detect::{Detector, DetectorSet};
use crate::error::Error;
use crate::pseudonym::{Key, Pseudonymizer};
use crate::scrub::Sanitizer;

/// Key names that the default rules redact wherever they appear, matched
/// case-insensitively, ignoring `_`, `-`, `.` and spaces, anywhere in the key
/// (`api_key` matches `X-Api-Key` and `apiKeyV2`).
pub const SENSITIVE_KEYS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "authorization",
    "cookie",
    "session",
    "api_key",
    "access_key",
    "private_key",
    "credential",
    "client_secret",
];

/// Key name fragments under which a high-entropy string is taken to be a
/// secret by the default `high-entropy` rule.
pub const ENTROPY_KEYS: &[&str] = &[
    "key", "secret", "token", "auth", "cred", "sig", "private", "session", "access", "pass",
    "nonce", "salt", "hmac",
];

/// What a rule selects.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Target {
    /// Object members whose key contains this pattern (case-insensitive,
    /// ignoring `_`, `-`, `.` and spaces), at any depth: the whole value.
    Key(String),
    /// Values at paths this selector matches (`$.args.user.email`,
    /// `$..ssn`, `$.ok.items[*].card`): the whole value. Paths start at the
    /// event's payload field (`args`, `ok`, `err`, `state`, `fields`) or the
    /// header's `meta`.
    Path(Selector),
    /// Spans that a built-in detector finds inside strings.
    Detector(Detector),
    /// Spans that this regex finds inside strings (a named group `s`
    /// narrows the span).
    Regex(String),
    /// High-entropy strings under keys containing one of [`ENTROPY_KEYS`].
    HighEntropy,
}

impl Target {
    /// The kind of target, as the report names it.
    ///
    /// ```
    /// assert_eq!(reprise_sanitizer::Target::HighEntropy.kind(), "entropy");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Key(_) => "key",
            Target::Path(_) => "path",
            Target::Detector(_) => "detector",
            Target::Regex(_) => "regex",
            Target::HighEntropy => "entropy",
        }
    }
}

/// One rule: a name, what it selects, what it does.
///
/// ```
/// use reprise_sanitizer::{Action, Rule, Target};
/// let rule = Rule::new("pin", Target::Key("pin".into()), Action::Redact);
/// assert_eq!(rule.to_string(), "pin (key, redact)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule's name, unique in a rule set; reports and findings use it.
    pub name: String,
    /// What it selects.
    pub target: Target,
    /// What it does to what it selects.
    pub action: Action,
}

impl Rule {
    /// A rule.
    pub fn new(name: impl Into<String>, target: Target, action: Action) -> Rule {
        Rule {
            name: name.into(),
            target,
            action,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {})", self.name, self.target.kind(), self.action)
    }
}

/// The built-in rules, in the order they are listed in reports.
///
/// ```
/// let rules = reprise_sanitizer::default_rules();
/// assert!(rules.iter().any(|r| r.name == "key:password"));
/// assert!(rules.iter().any(|r| r.name == "card"));
/// assert!(rules.iter().any(|r| r.name == "high-entropy"));
/// ```
pub fn default_rules() -> Vec<Rule> {
    let mut rules: Vec<Rule> = SENSITIVE_KEYS
        .iter()
        .map(|k| {
            Rule::new(
                format!("key:{k}"),
                Target::Key((*k).to_owned()),
                Action::Redact,
            )
        })
        .collect();
    rules.extend(
        Detector::ALL
            .iter()
            .map(|d| Rule::new(d.name(), Target::Detector(*d), d.default_action())),
    );
    rules.push(Rule::new(
        "high-entropy",
        Target::HighEntropy,
        Action::Redact,
    ));
    rules
}

/// Lowercases `key` into `out`, without `_`, `-`, `.` and spaces.
pub(crate) fn normalize_key(key: &str, out: &mut String) {
    out.clear();
    out.extend(
        key.chars()
            .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// Builds a [`Sanitizer`] from rules.
///
/// ```
/// use reprise_sanitizer::{Action, Sanitizer};
/// let sanitizer = Sanitizer::builder()
///     .key("pin", "pin", Action::Redact)
///     .path("customer", "$.args.customer.name", Action::Pseudonymize)?
///     .regex("ticket", r"TCK-[0-9]{6}", Action::Hash)
///     .build()?;
/// assert!(sanitizer.rules().iter().any(|r| r.name == "ticket"));
/// assert!(sanitizer.rules().iter().any(|r| r.name == "email"));
/// # Ok::<(), reprise_sanitizer::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct SanitizerBuilder {
    no_defaults: bool,
    rules: Vec<Rule>,
    allowlist: Option<Allowlist>,
    key: Option<Key>,
}

impl SanitizerBuilder {
    /// Whether the built-in rules are active (they are by default).
    pub fn defaults(mut self, on: bool) -> Self {
        self.no_defaults = !on;
        self
    }

    /// Adds a rule; one with the name of an earlier rule replaces it.
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rules.retain(|r| r.name != rule.name);
        self.rules.push(rule);
        self
    }

    /// Adds a key-name rule.
    pub fn key(self, name: &str, pattern: &str, action: Action) -> Self {
        self.rule(Rule::new(name, Target::Key(pattern.to_owned()), action))
    }

    /// Adds a path rule; fails when the selector does not parse.
    pub fn path(self, name: &str, selector: &str, action: Action) -> Result<Self, Error> {
        let selector = selector.parse().map_err(|source| Error::Selector {
            rule: name.to_owned(),
            source,
        })?;
        Ok(self.rule(Rule::new(name, Target::Path(selector), action)))
    }

    /// Adds a custom regex rule (compiled, and checked, by [`build`](Self::build)).
    pub fn regex(self, name: &str, pattern: &str, action: Action) -> Self {
        self.rule(Rule::new(name, Target::Regex(pattern.to_owned()), action))
    }

    /// Sets the action of a built-in detector (replacing its default rule).
    pub fn detector(self, detector: Detector, action: Action) -> Self {
        self.rule(Rule::new(
            detector.name(),
            Target::Detector(detector),
            action,
        ))
    }

    /// Turns on allowlist mode: only the allowlist's paths stay in clear.
    pub fn allowlist(mut self, allowlist: Allowlist) -> Self {
        self.allowlist = Some(allowlist);
        self
    }

    /// The pseudonym key; a random one per sanitizer when not given.
    pub fn pseudonym_key(mut self, key: Key) -> Self {
        self.key = Some(key);
        self
    }

    /// Compiles the rules. Fails on a bad regex or an unusable key.
    pub fn build(self) -> Result<Sanitizer, Error> {
        let mut rules = if self.no_defaults {
            Vec::new()
        } else {
            default_rules()
        };
        for rule in self.rules {
            match rules.iter_mut().find(|r| r.name == rule.name) {
                Some(slot) => *slot = rule,
                None => rules.push(rule),
            }
        }
        let mut builtins = Vec::new();
        let mut custom = Vec::new();
        let mut key_rules = Vec::new();
        let mut path_rules = Vec::new();
        let mut entropy = None;
        let mut scratch = String::new();
        for (i, rule) in rules.iter().enumerate() {
            match &rule.target {
                Target::Key(pattern) => {
                    normalize_key(pattern, &mut scratch);
                    if scratch.is_empty() {
                        return Err(Error::Rule {
                            rule: rule.name.clone(),
                            message: "empty key pattern".into(),
                        });
                    }
                    key_rules.push((scratch.clone(), i));
                }
                Target::Path(selector) => path_rules.push((selector.clone(), i)),
                Target::Detector(d) => builtins.push((*d, i)),
                Target::Regex(pattern) => custom.push((pattern.as_str(), i, rule.name.as_str())),
                Target::HighEntropy => entropy = Some(i),
            }
        }
        let detectors = DetectorSet::new(&builtins, &custom)?;
        let literals = |patterns: &mut dyn Iterator<Item = &str>| {
            let alternation: Vec<String> = patterns.map(regex::escape).collect();
            regex::Regex::new(&alternation.join("|")).map_err(|e| Error::Regex {
                rule: "key names".into(),
                source: Box::new(e),
            })
        };
        let key_prefilter = if key_rules.is_empty() {
            None
        } else {
            Some(literals(&mut key_rules.iter().map(|(p, _)| p.as_str()))?)
        };
        let entropy_keys = literals(&mut ENTROPY_KEYS.iter().copied())?;
        let key = match self.key {
            Some(key) => key,
            None => Key::random()?,
        };
        Ok(Sanitizer {
            pseudonymizer: Pseudonymizer::new(&key),
            key_origin: if key.origin() == "random" {
                "random"
            } else {
                "user"
            },
            detectors,
            key_rules,
            key_prefilter,
            entropy_keys,
            path_rules,
            entropy,
            allowlist: self.allowlist,
            rules,
        })
    }
}
