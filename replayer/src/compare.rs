//! Comparing recorded and actual JSON values, with ignore rules.
//!
//! Paths are paths inside the event line, so an ignore rule reads like the
//! transcript: `$.args.ts` for an argument, `$.ok.id` for a field of a
//! return, `$..timestamp` anywhere. A rule ignores the path it selects and
//! everything below it.
//!
//! Comparison knows the sanitizer: an expected value that was redacted
//! (`"[redacted:RULE]"`, see [`reprise_sanitizer::is_redacted`]) matches any
//! actual value, and an expected string with a redacted span inside matches
//! an actual string that agrees around it
//! ([`reprise_sanitizer::matches_redacted`]). Pseudonyms need nothing: the
//! component is fed the same pseudonyms and echoes them, so they compare
//! exactly.

use reprise_transcript::{JsonPath, Outcome, Selector, Step, diff_paths};
use serde_json::Value;

/// The ignore rules of a session.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ignore {
    selectors: Vec<Selector>,
}

impl Ignore {
    pub(crate) fn push(&mut self, selector: Selector) {
        self.selectors.push(selector);
    }

    fn ignores(&self, path: &JsonPath) -> bool {
        self.selectors.iter().any(|s| s.matches_prefix_of(path))
    }

    /// The paths, below the line's field `field` (`args`, `ok`, `err`), where
    /// `expected` and `actual` differ and no rule ignores the difference.
    pub(crate) fn differing(&self, field: &str, expected: &Value, actual: &Value) -> Vec<String> {
        if expected == actual {
            return Vec::new();
        }
        let mut paths = Vec::new();
        diff_paths(expected, actual, &mut |p: &JsonPath| {
            let mut full = JsonPath::root().key(field);
            for step in p.steps() {
                full.push(step.clone());
            }
            if !self.ignores(&full) && !redacted_match(expected, actual, p) {
                paths.push(full.to_string());
            }
        });
        paths
    }

    /// The differing paths of two outcomes; `ok` against `err` differs at
    /// both fields.
    pub(crate) fn differing_outcomes(&self, expected: &Outcome, actual: &Outcome) -> Vec<String> {
        if expected.side() == actual.side() {
            return self.differing(expected.side(), expected.value(), actual.value());
        }
        ["err", "ok"]
            .into_iter()
            .map(|side| JsonPath::root().key(side))
            .filter(|p| !self.ignores(p))
            .map(|p| p.to_string())
            .collect()
    }

    /// Whether a field of the line (`port`, `method`) is ignored as a whole.
    pub(crate) fn ignores_field(&self, field: &str) -> bool {
        self.ignores(&JsonPath::root().key(field))
    }
}

/// The node at `path` inside `value`, if there is one.
fn lookup<'v>(value: &'v Value, path: &JsonPath) -> Option<&'v Value> {
    path.steps()
        .iter()
        .try_fold(value, |node, step| match step {
            Step::Key(k) => node.get(k.as_str()),
            Step::Index(i) => node.get(*i),
        })
}

/// Whether the difference at `path` is only a redacted expected value: a
/// whole placeholder matches anything there, a placeholder inside a string
/// matches the text it stands for.
fn redacted_match(expected: &Value, actual: &Value, path: &JsonPath) -> bool {
    let Some(Value::String(e)) = lookup(expected, path) else {
        return false;
    };
    if reprise_sanitizer::is_redacted(e) {
        return lookup(actual, path).is_some();
    }
    matches!(lookup(actual, path), Some(Value::String(a))
        if reprise_sanitizer::contains_redacted(e) && reprise_sanitizer::matches_redacted(e, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ignore(rules: &[&str]) -> Ignore {
        let mut ignore = Ignore::default();
        for rule in rules {
            ignore.push(rule.parse().unwrap());
        }
        ignore
    }

    fn check(rules: &[&str], expected: Value, actual: Value, paths: &[&str]) {
        assert_eq!(ignore(rules).differing("args", &expected, &actual), paths);
    }

    #[test]
    fn equal_values_have_no_paths() {
        check(
            &[],
            json!({"a": [1, {"b": 2}]}),
            json!({"a": [1, {"b": 2}]}),
            &[],
        );
    }

    #[test]
    fn paths_are_inside_the_line() {
        check(&[], json!({"to": 2}), json!({"to": 3}), &["$.args.to"]);
        check(&[], json!([1, 2]), json!([1]), &["$.args[1]"]);
    }

    #[test]
    fn rules_ignore_the_path_and_below() {
        check(
            &["$.args.ts"],
            json!({"ts": 1, "to": 2}),
            json!({"ts": 5, "to": 2}),
            &[],
        );
        check(
            &["$.args.ts"],
            json!({"ts": {"s": 1}}),
            json!({"ts": {"s": 2}}),
            &[],
        );
        check(
            &["$..id"],
            json!({"m": {"id": 1}, "x": 1}),
            json!({"m": {"id": 2}, "x": 2}),
            &["$.args.x"],
        );
        check(
            &["$.ok.ts"],
            json!({"ts": 1}),
            json!({"ts": 2}),
            &["$.args.ts"],
        );
    }

    #[test]
    fn a_redacted_expected_value_matches_anything_and_pseudonyms_compare_exactly() {
        check(
            &[],
            json!({"token": "[redacted:key:token]", "auth": "Bearer [redacted:auth-header] (v2)"}),
            json!({"token": {"any": "shape"}, "auth": "Bearer abc.def (v2)"}),
            &[],
        );
        check(
            &[],
            json!({"auth": "Bearer [redacted:auth-header] (v2)"}),
            json!({"auth": "Basic abc.def (v2)"}),
            &["$.args.auth"],
        );
        check(
            &[],
            json!({"token": "[redacted:key:token]"}),
            json!({}),
            &["$.args.token"],
        );
        check(
            &[],
            json!({"to": "u7f2q@k3v9.example"}),
            json!({"to": "alice@corp.com"}),
            &["$.args.to"],
        );
    }

    #[test]
    fn outcomes_on_different_sides_differ_at_both_fields() {
        let ok = Outcome::Ok(json!(1));
        let err = Outcome::Err(json!("e"));
        assert_eq!(ignore(&[]).differing_outcomes(&ok, &err), ["$.err", "$.ok"]);
        assert_eq!(
            ignore(&["$.ok.id"]).differing_outcomes(
                &Outcome::Ok(json!({"id": 1})),
                &Outcome::Ok(json!({"id": 2}))
            ),
            Vec::<String>::new()
        );
    }
}
