//! The scrub report: which rules were active, what was scrubbed where.
//!
//! It is written into the header's `sanitizer` section and holds paths,
//! rule names, actions and counts: never a value, never the key. Paths are
//! generalised (`$.args.items[*].card`), so the report stays small however
//! long the transcript, and at most [`Report::MAX_PATHS`] distinct entries
//! are kept (the rest are counted in `unlisted`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use reprise_transcript::{JsonPath, Step};
use serde_json::{Value, json};

use crate::action::Action;
use crate::rules::Rule;

/// The version of the `sanitizer` section's layout.
pub const REPORT_VERSION: u32 = 1;

/// What a sanitizer did, aggregated by generalised path and rule.
///
/// ```
/// use reprise::sanitizer::{Action, Report};
/// use reprise::transcript::JsonPath;
/// let mut report = Report::default();
/// let path = JsonPath::root().key("args").key("to").index(3);
/// report.record(&path, "email", Action::Pseudonymize);
/// report.record(&path, "email", Action::Pseudonymize);
/// assert_eq!(report.count("$.args.to[*]", "email"), 2);
/// assert_eq!(report.total(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    mode: &'static str,
    key: &'static str,
    rules: Vec<(String, &'static str, Action)>,
    /// Counts by (generalised path, rule, action): one rule may redact a
    /// string and pseudonymize a number at the same path.
    entries: BTreeMap<(String, String, Action), u64>,
    unlisted: u64,
    total: u64,
    previous: Option<Value>,
}

/// Where a walk over a payload reports what it scrubbed: a [`Report`]
/// counts it, `verify` turns it into findings. Scrub and verify run the
/// same walk, so they cannot disagree about what is sensitive.
pub(crate) trait Tally {
    /// One value at `path` taken by `rule` with `action`.
    fn record(&mut self, path: &JsonPath, rule: &str, action: Action);
}

impl Tally for Report {
    fn record(&mut self, path: &JsonPath, rule: &str, action: Action) {
        Report::record(self, path, rule, action);
    }
}

/// The generalised form of `path`: array indices become `[*]`.
///
/// ```
/// use reprise::transcript::JsonPath;
/// let p = JsonPath::root().key("ok").index(2).key("odd key");
/// assert_eq!(reprise::sanitizer::generalize(&p), "$.ok[*]['odd key']");
/// ```
pub fn generalize(path: &JsonPath) -> String {
    let mut out = String::new();
    generalize_into(path, &mut out);
    out
}

/// [`generalize`], written into `out` (cleared first). A key is written as
/// `JsonPath`'s `Display` writes it: `.name` when it is a plain name,
/// `['...']` with `'` and `\` escaped otherwise.
fn generalize_into(path: &JsonPath, out: &mut String) {
    out.clear();
    out.push('$');
    for step in path.steps() {
        match step {
            Step::Index(_) => out.push_str("[*]"),
            Step::Key(k) => {
                let plain = !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if plain {
                    out.push('.');
                    out.push_str(k);
                } else {
                    out.push_str("['");
                    for c in k.chars() {
                        match c {
                            '\'' => out.push_str("\\'"),
                            '\\' => out.push_str("\\\\"),
                            c => out.push(c),
                        }
                    }
                    out.push_str("']");
                }
            }
        }
    }
}

thread_local! {
    /// The key [`Report::record`] looks up, its buffers reused: most
    /// records count an entry that is already there.
    static LOOKUP: std::cell::Cell<Option<(String, String, Action)>> =
        const { std::cell::Cell::new(None) };
}

impl Report {
    /// How many distinct (path, rule, action) entries are kept.
    pub const MAX_PATHS: usize = 4096;

    /// An empty report for a sanitizer with these rules.
    pub(crate) fn for_rules(rules: &[Rule], allowlist: bool, key: &'static str) -> Report {
        Report {
            mode: if allowlist { "allowlist" } else { "rules" },
            key,
            rules: rules
                .iter()
                .map(|r| (r.name.clone(), r.target.kind(), r.action))
                .collect(),
            ..Report::default()
        }
    }

    /// Counts one scrubbed value at `path` by `rule`.
    pub fn record(&mut self, path: &JsonPath, rule: &str, action: Action) {
        self.total += 1;
        let mut key = LOOKUP
            .take()
            .unwrap_or_else(|| (String::new(), String::new(), action));
        generalize_into(path, &mut key.0);
        key.1.clear();
        key.1.push_str(rule);
        key.2 = action;
        if let Some(count) = self.entries.get_mut(&key) {
            *count += 1;
        } else if self.entries.len() < Self::MAX_PATHS {
            self.entries.insert(key.clone(), 1);
        } else {
            self.unlisted += 1;
        }
        LOOKUP.set(Some(key));
    }

    /// Adds what `other` counted to this report (its entries, totals and
    /// unlisted count; not its rules or mode). A recorder scrubs each
    /// payload into a small report of its own, outside any lock, and merges
    /// it into the recording's report only when something was scrubbed.
    ///
    /// ```
    /// use reprise::sanitizer::{Action, Report};
    /// use reprise::transcript::JsonPath;
    /// let (mut all, mut one) = (Report::default(), Report::default());
    /// one.record(&JsonPath::root().key("args").key("to"), "email", Action::Pseudonymize);
    /// all.merge(&one);
    /// all.merge(&one);
    /// assert_eq!((all.count("$.args.to", "email"), all.total()), (2, 2));
    /// ```
    pub fn merge(&mut self, other: &Report) {
        self.total += other.total;
        self.unlisted += other.unlisted;
        for (key, count) in &other.entries {
            if let Some(entry) = self.entries.get_mut(key) {
                *entry += count;
            } else if self.entries.len() < Self::MAX_PATHS {
                self.entries.insert(key.clone(), *count);
            } else {
                self.unlisted += count;
            }
        }
    }

    /// How many values at generalised `path` rule `rule` scrubbed.
    pub fn count(&self, path: &str, rule: &str) -> u64 {
        self.entries
            .iter()
            .filter(|((p, r, _), _)| p == path && r == rule)
            .map(|(_, count)| count)
            .sum()
    }

    /// How many values were scrubbed in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Keeps the `sanitizer` section of a transcript scrubbed before, so a
    /// second scrub does not lose what the first did.
    pub fn set_previous(&mut self, previous: Option<Value>) {
        self.previous = previous;
    }

    /// The report as the header's `sanitizer` section.
    ///
    /// ```
    /// let sanitizer = reprise::sanitizer::Sanitizer::builder().build()?;
    /// let json = sanitizer.report().to_json();
    /// assert_eq!(json["mode"], "rules");
    /// assert!(json["rules"].as_array().unwrap().iter().any(|r| r["name"] == "email"));
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn to_json(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|(name, kind, action)| json!({"name": name, "target": kind, "action": action.name()}))
            .collect();
        let paths: Vec<Value> = self
            .entries
            .iter()
            .map(|((path, rule, action), count)| {
                json!({"path": path, "rule": rule, "action": action.name(), "count": count})
            })
            .collect();
        let mut out = json!({
            "version": REPORT_VERSION,
            "mode": self.mode,
            "key": self.key,
            "rules": rules,
            "paths": paths,
            "total": self.total,
            "unlisted": self.unlisted,
        });
        if let Some(previous) = &self.previous {
            out["previous"] = previous.clone();
        }
        out
    }

    /// A short human summary, one line per entry, for the CLI.
    ///
    /// ```
    /// let report = reprise::sanitizer::Report::default();
    /// assert!(report.render().contains("0 values scrubbed"));
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} values scrubbed at {} paths ({} rules active, {} mode)",
            self.total,
            self.entries.len(),
            self.rules.len(),
            if self.mode.is_empty() {
                "rules"
            } else {
                self.mode
            },
        );
        for ((path, rule, action), count) in &self.entries {
            let _ = writeln!(out, "  {path}  {rule}  {action}  x{count}");
        }
        if self.unlisted > 0 {
            let _ = writeln!(out, "  ... {} more not listed", self.unlisted);
        }
        out
    }
}

/// The generalised paths a `sanitizer` section says were pseudonymized or
/// hashed, with those of any earlier scrub: a pseudonym (or a keyed hash)
/// there is not a leak.
///
/// ```
/// let section = serde_json::json!({"paths": [
///     {"path": "$.args.email", "rule": "email", "action": "pseudonymize", "count": 1},
///     {"path": "$.args.token", "rule": "key:token", "action": "redact", "count": 1},
/// ]});
/// let paths = reprise::sanitizer::pseudonymized_paths(Some(&section));
/// assert!(paths.contains("$.args.email") && !paths.contains("$.args.token"));
/// ```
pub fn pseudonymized_paths(section: Option<&Value>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut next = section;
    while let Some(section) = next {
        for entry in section["paths"].as_array().into_iter().flatten() {
            if (entry["action"] == "pseudonymize" || entry["action"] == "hash")
                && let Some(path) = entry["path"].as_str()
            {
                out.insert(path.to_owned());
            }
        }
        next = section.get("previous");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_keys_are_written_as_json_paths_write_them() {
        for key in [
            "plain",
            "with-dash_1",
            "",
            "odd key",
            "it's",
            "back\\slash",
            "é",
            "a.b",
            "[0]",
        ] {
            let path = JsonPath::root().key("args").key(key).index(3);
            let shown = path.to_string();
            let expected = format!("{}[*]", shown.strip_suffix("[3]").expect("an index last"));
            assert_eq!(generalize(&path), expected, "{key:?}");
        }
    }
}
