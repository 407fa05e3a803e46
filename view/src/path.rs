//! The value a JSON path of keys and indices names in a value.

use reprise_transcript::{Matcher, Selector, SelectorStep};
use serde_json::Value;

/// The value `path` (keys and indices only) names in `root`; `None` when a
/// step is missing or is a wildcard.
pub(crate) fn select<'a>(root: &'a Value, path: &Selector) -> Option<&'a Value> {
    select_steps(root, path.steps())
}

/// The value `steps` (keys and indices only) name in `root`.
pub(crate) fn select_steps<'a>(root: &'a Value, steps: &[SelectorStep]) -> Option<&'a Value> {
    steps
        .iter()
        .try_fold(root, |value, step| match &step.matcher {
            _ if step.deep => None,
            Matcher::Key(key) => value.get(key.as_str()),
            Matcher::Index(i) => value.get(*i),
            Matcher::Any => None,
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keys_and_indices_name_one_value_and_anything_else_none() {
        let root = json!({"args": {"to": [1, {"id": 7}]}});
        let at = |p: &str| select(&root, &p.parse().unwrap()).cloned();
        assert_eq!(at("$.args.to[1].id"), Some(json!(7)));
        assert_eq!(at("$.args.missing"), None);
        assert_eq!(at("$.args.to[*]"), None);
        assert_eq!(at("$..id"), None);
    }
}
