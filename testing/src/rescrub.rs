//! The sanitizer a transcript was scrubbed with, rebuilt from what its
//! `sanitizer` sections record, so that accepting an update scrubs it the
//! same way.
//!
//! A section lists each active rule by name, target kind and action, and
//! says whether it ran in allowlist mode; it does not hold a custom rule's
//! pattern, the allowlist or the key. So a built-in rule is rebuilt from
//! its name with the recorded action, a custom rule is taken from the rules
//! file the caller gives ([`AcceptOptions::rules`]), and an allowlist-mode
//! transcript needs its allowlist ([`AcceptOptions::allowlist`]). When one
//! is missing, accepting fails rather than write a file scrubbed with less
//! than it was.

use std::collections::BTreeSet;
use std::path::Path;

use reprise_sanitizer::{
    Action, Allowlist, Config, Key, Rule, Sanitizer, SanitizerBuilder, Verifier, default_rules,
    pseudonymized_paths,
};
use serde_json::Value;

use crate::error::Error;

/// How [`accept`](crate::accept) scrubs an update of a transcript that was
/// shipped scrubbed: what its header cannot record.
///
/// The default has no rules file, no allowlist and no key (a random key
/// is used, and [`Accepted::random_key`](crate::Accepted::random_key) says
/// so: pseudonyms of values the update adds are then stable within this
/// file only).
///
/// ```
/// use reprise::sanitizer::{Config, Key};
/// use reprise::testing::AcceptOptions;
/// let rules = Config::parse("[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9]{6}\"\n", "rules.toml")?;
/// let options = AcceptOptions::new()
///     .rules(rules)
///     .pseudonym_key(Key::from_bytes(b"the key the user scrubbed with", "key-file")?);
/// # let _ = options;
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct AcceptOptions {
    rules: Option<Config>,
    allowlist: Option<Allowlist>,
    key: Option<Key>,
}

impl AcceptOptions {
    /// No rules file, no allowlist, a random key.
    ///
    /// ```
    /// let _ = reprise::testing::AcceptOptions::new();
    /// ```
    pub fn new() -> AcceptOptions {
        AcceptOptions::default()
    }

    /// The rules file the transcript was scrubbed with: where its custom
    /// rules (those that are not built in) are found, by name. Default:
    /// none, so a transcript scrubbed with a custom rule cannot be
    /// accepted.
    ///
    /// ```
    /// let rules = reprise::sanitizer::Config::parse("[[rule]]\nname = \"pin\"\nkey = \"pin\"\n", "rules.toml")?;
    /// let _ = reprise::testing::AcceptOptions::new().rules(rules);
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn rules(mut self, rules: Config) -> AcceptOptions {
        self.rules = Some(rules);
        self
    }

    /// The allowlist of a transcript scrubbed in allowlist mode. Default:
    /// none, so such a transcript cannot be accepted.
    ///
    /// ```
    /// let list = reprise::sanitizer::Allowlist::parse("$.args.key\n", "allow.txt")?;
    /// let _ = reprise::testing::AcceptOptions::new().allowlist(list);
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn allowlist(mut self, allowlist: Allowlist) -> AcceptOptions {
        self.allowlist = Some(allowlist);
        self
    }

    /// The pseudonym key for values the update adds. Default: a random one.
    ///
    /// ```
    /// let key = reprise::sanitizer::Key::from_bytes(b"sixteen bytes at least", "test")?;
    /// let _ = reprise::testing::AcceptOptions::new().pseudonym_key(key);
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn pseudonym_key(mut self, key: Key) -> AcceptOptions {
        self.key = Some(key);
        self
    }
}

/// The rebuilt sanitizer of one transcript, and what it needs to decide
/// which payloads of an update to scrub.
pub(crate) struct Rescrubber {
    pub(crate) sanitizer: Sanitizer,
    pub(crate) verifier: Verifier,
    /// The generalised paths the transcript's sections say were
    /// pseudonymized or hashed: a pseudonym there is not clear text.
    pub(crate) accepted: BTreeSet<String>,
    /// Allowlist mode: every payload the update changed is scrubbed.
    pub(crate) allowlist: bool,
    /// No key was given.
    pub(crate) random_key: bool,
}

/// The sections of a transcript: its header's and its `end` line's, each
/// with the earlier scrubs it keeps as `previous`, latest first.
fn chain<'v>(sections: &[Option<&'v Value>]) -> Vec<&'v Value> {
    let mut out = Vec::new();
    for mut next in sections.iter().copied() {
        while let Some(section) = next {
            out.push(section);
            next = section.get("previous");
        }
    }
    out
}

/// Rebuilds the sanitizer `header` and `end` (the transcript's `sanitizer`
/// sections) record; `None` when neither says the transcript was scrubbed.
pub(crate) fn rescrubber(
    transcript: &Path,
    header: Option<&Value>,
    end: Option<&Value>,
    options: &AcceptOptions,
) -> Result<Option<Rescrubber>, Error> {
    let sections = chain(&[header, end]);
    if sections.is_empty() {
        return Ok(None);
    }
    let fail = |message: String| Error::Rescrub {
        path: transcript.to_owned(),
        message,
    };
    let allowlist = sections.iter().any(|s| s["mode"] == "allowlist");
    let builtins = default_rules();
    let custom: &[Rule] = options.rules.as_ref().map_or(&[], Config::rules);
    let mut rules: Vec<Rule> = Vec::new();
    let mut missing = Vec::new();
    for entry in sections
        .iter()
        .flat_map(|s| s["rules"].as_array().into_iter().flatten())
    {
        let (Some(name), Some(target), Some(action)) = (
            entry["name"].as_str(),
            entry["target"].as_str(),
            entry["action"].as_str(),
        ) else {
            return Err(fail(
                "a rule in its `sanitizer` section has no name, target or action".into(),
            ));
        };
        if rules.iter().any(|r| r.name == name) {
            // The latest scrub's rule of that name stands.
            continue;
        }
        let action: Action = action
            .parse()
            .map_err(|_| fail(format!("rule `{name}` has an unknown action")))?;
        let found = custom
            .iter()
            .chain(&builtins)
            .find(|r| r.name == name && r.target.kind() == target);
        match found {
            Some(rule) => rules.push(Rule {
                action,
                ..rule.clone()
            }),
            None => missing.push(format!("`{name}` ({target})")),
        }
    }
    if !missing.is_empty() {
        return Err(fail(format!(
            "{} {} not built in: give the rules file it was scrubbed with (`--rules FILE`)",
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" },
        )));
    }
    if allowlist && options.allowlist.is_none() {
        return Err(fail(
            "it was scrubbed in allowlist mode: give its allowlist (`--allowlist FILE`)".into(),
        ));
    }
    let builder = |key: Option<Key>| {
        let mut builder = SanitizerBuilder::default().defaults(false);
        for rule in &rules {
            builder = builder.rule(rule.clone());
        }
        if let Some(list) = options.allowlist.clone().filter(|_| allowlist) {
            builder = builder.allowlist(list);
        }
        if let Some(key) = key {
            builder = builder.pseudonym_key(key);
        }
        builder.build()
    };
    let sanitizer_error = |source| Error::Sanitizer {
        path: transcript.to_owned(),
        source,
    };
    let sanitizer = builder(options.key.clone()).map_err(sanitizer_error)?;
    let verifier = Verifier::with_sanitizer(builder(None).map_err(sanitizer_error)?);
    let mut accepted = pseudonymized_paths(header);
    accepted.extend(pseudonymized_paths(end));
    Ok(Some(Rescrubber {
        sanitizer,
        verifier,
        accepted,
        allowlist,
        random_key: options.key.is_none(),
    }))
}
