//! A structural diff of two JSON values, for people: the lines a replay
//! finding shows under `diff (-expected +actual)`, and `reprise diff` under
//! each difference. One renderer, so both read alike.
//!
//! Unlike a line diff of two pretty-printed values, it walks both values
//! together, so what a reader needs to place a difference is always in
//! view, however far apart the fields are:
//!
//! - every object on the way to a difference shows all its scalar fields
//!   (a message's `msg_type` and `to` stay beside a changed `commit`),
//!   equal ones as context lines;
//! - equal objects and arrays beside it are folded to `{…}` / `[…]` with
//!   their size;
//! - in an array, runs of equal elements are folded to one line;
//! - a changed value is shown in full, `-` then `+`.
//!
//! Fields come in the expected value's order, then the fields only the
//! actual value has.

use serde_json::Value;

/// One line of a [`diff_lines`] diff: its sign (`' '`, `'-'`, `'+'`) and its
/// text, indented two spaces per level.
pub type DiffLine = (char, String);

/// The structural diff of `expected` against `actual`, as lines: every
/// object on the way to a difference shows its scalar fields (equal ones as
/// context), equal containers beside it are folded to `{…N}` / `[…N]`, runs
/// of equal array elements to one line, and a changed value is shown whole,
/// `-` then `+`. Fields come in `expected`'s order, then those only
/// `actual` has.
///
/// ```
/// use serde_json::json;
/// let lines = reprise::transcript::diff_lines(
///     &json!({"type": "Append", "to": 2, "commit": 4, "entries": [1, 2]}),
///     &json!({"type": "Append", "to": 2, "commit": 5, "entries": [1, 2]}),
/// );
/// let text: Vec<String> = lines.iter().map(|(sign, line)| format!("{sign} {line}")).collect();
/// assert_eq!(text, [
///     "  {",
///     "    \"type\": \"Append\"",
///     "    \"to\": 2",
///     "-   \"commit\": 4",
///     "+   \"commit\": 5",
///     "    \"entries\": […2]",
///     "  }",
/// ]);
/// ```
pub fn diff_lines(expected: &Value, actual: &Value) -> Vec<DiffLine> {
    let mut out = Vec::new();
    node(&mut out, "", Some(expected), Some(actual), 0);
    out
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

/// `{…3}` or `[…5]` for a folded container, the JSON of a scalar.
fn short(v: &Value) -> String {
    match v {
        Value::Object(m) if m.is_empty() => "{}".to_owned(),
        Value::Array(a) if a.is_empty() => "[]".to_owned(),
        Value::Object(m) => format!("{{…{}}}", m.len()),
        Value::Array(a) => format!("[…{}]", a.len()),
        scalar => scalar.to_string(),
    }
}

/// Writes `value` in full under `label`, every line with `sign`.
fn whole(out: &mut Vec<DiffLine>, sign: char, label: &str, value: &Value, depth: usize) {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    for (i, text) in pretty.lines().enumerate() {
        let text = if i == 0 {
            format!("{}{label}{text}", pad(depth))
        } else {
            format!("{}{text}", pad(depth))
        };
        out.push((sign, text));
    }
}

/// The diff of one node, under `label` (`"key": ` or empty).
fn node(out: &mut Vec<DiffLine>, label: &str, e: Option<&Value>, a: Option<&Value>, depth: usize) {
    match (e, a) {
        (Some(e), Some(a)) if e == a => {
            out.push((' ', format!("{}{label}{}", pad(depth), short(e))))
        }
        (Some(Value::Object(e)), Some(Value::Object(a))) => {
            out.push((' ', format!("{}{label}{{", pad(depth))));
            let keys = e.keys().chain(a.keys().filter(|k| !e.contains_key(*k)));
            for key in keys {
                let label = format!("{}: ", Value::String(key.clone()));
                let (ev, av) = (e.get(key), a.get(key));
                // Equal containers beside a difference are folded; equal
                // scalars are context.
                node(out, &label, ev, av, depth + 1);
            }
            out.push((' ', format!("{}}}", pad(depth))));
        }
        (Some(Value::Array(e)), Some(Value::Array(a))) => {
            out.push((' ', format!("{}{label}[", pad(depth))));
            let n = e.len().max(a.len());
            let mut i = 0;
            while i < n {
                let same = |j: usize| j < e.len() && j < a.len() && e[j] == a[j];
                if same(i) {
                    let start = i;
                    while i < n && same(i) {
                        i += 1;
                    }
                    let text = match i - start {
                        1 => short(&e[start]),
                        run => format!("… {run} equal"),
                    };
                    out.push((' ', format!("{}{text}", pad(depth + 1))));
                    continue;
                }
                node(out, "", e.get(i), a.get(i), depth + 1);
                i += 1;
            }
            out.push((' ', format!("{}]", pad(depth))));
        }
        (e, a) => {
            if let Some(e) = e {
                whole(out, '-', label, e, depth);
            }
            if let Some(a) = a {
                whole(out, '+', label, a, depth);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(e: Value, a: Value) -> String {
        diff_lines(&e, &a)
            .into_iter()
            .map(|(sign, line)| format!("{sign} {line}\n"))
            .collect()
    }

    #[test]
    fn scalar_siblings_of_a_difference_stay_in_view_and_equal_containers_fold() {
        let mut e = json!({"msg_type": "MsgAppend", "to": 2, "commit": 4, "entries": [1, 2, 3], "ctx": {"a": 1}});
        for i in 0..12 {
            e[format!("f{i:02}")] = json!(i);
        }
        let mut a = e.clone();
        a["commit"] = json!(5);
        let out = text(e, a);
        assert!(out.contains("  \"msg_type\": \"MsgAppend\"\n"), "{out}");
        assert!(out.contains("  \"to\": 2\n"), "{out}");
        assert!(
            out.contains("-   \"commit\": 4\n+   \"commit\": 5\n"),
            "{out}"
        );
        assert!(out.contains("  \"entries\": […3]\n"), "{out}");
        assert!(out.contains("  \"ctx\": {…1}\n"), "{out}");
    }

    #[test]
    fn arrays_fold_runs_of_equal_elements() {
        let e = json!({"log": [1, 2, 3, 4, 5, 6]});
        let a = json!({"log": [1, 2, 3, 4, 9, 6, 7]});
        assert_eq!(
            text(e, a),
            "  {\n    \"log\": [\n      … 4 equal\n-     5\n+     9\n      6\n+     7\n    ]\n  }\n"
        );
    }

    #[test]
    fn a_changed_type_shows_both_values_whole() {
        assert_eq!(
            text(json!({"ok": 1}), json!({"err": "x"})),
            "  {\n-   \"ok\": 1\n+   \"err\": \"x\"\n  }\n"
        );
    }
}
