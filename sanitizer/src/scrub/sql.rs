//! SQL `INSERT ... (columns) VALUES (values)` in text: a value is named by
//! the column at its position, so a column whose name announces a secret or
//! personal data (`bank_account_number`, `seed_phrase`) has its value
//! taken, in every row of the statement.

use std::sync::LazyLock;

use regex::bytes::Regex;

use crate::keys::{KeyRules, NameMatch};

use super::table::Cell;

/// `insert into`, in any case: the cheap question asked of every text.
static INSERT: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)insert\s+into").ok());

/// Whether `text` may hold an INSERT statement. The regex runs only on
/// text that has `nsert` in some case (or a long `ſ`, which a
/// case-insensitive `s` also matches).
pub(crate) fn mentions_insert(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() > 20
        && (has_nsert(bytes) || (!text.is_ascii() && text.contains('\u{17F}')))
        && INSERT.as_ref().is_some_and(|r| r.is_match(bytes))
}

/// Whether `bytes` holds `nsert` in any ASCII case. Eight bytes are
/// looked at a time for an `n` or `N`; only where one is are the next four
/// compared.
fn has_nsert(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const CASE: u64 = u64::from_ne_bytes([0x20; 8]);
    const N: u64 = u64::from_ne_bytes([b'n'; 8]);
    let at = |i: usize| {
        bytes[i] | 0x20 == b'n'
            && bytes
                .get(i + 1..i + 5)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"sert"))
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A byte of `x` is zero where the chunk has `n` or `N` (`| 0x20`
        // lowercases only those two to `n`); the test below is true when
        // some byte of `x` is zero.
        let x = (u64::from_ne_bytes(word) | CASE) ^ N;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 && (start..start + 8).any(at) {
            return true;
        }
        start += 8;
    }
    (start..bytes.len()).any(at)
}

/// The values of `text`'s INSERT statements under sensitive columns.
pub(crate) fn sensitive_values(text: &str, rules: &KeyRules, scratch: &mut String) -> Vec<Cell> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("insert into") {
        let start = from + at + "insert into".len();
        from = start;
        let Some(open) = lower[start..].find('(').map(|o| start + o) else {
            break;
        };
        let Some(close) = lower[open..].find(')').map(|c| open + c) else {
            break;
        };
        let columns: Vec<&str> = text[open + 1..close]
            .split(',')
            .map(|c| c.trim().trim_matches(['"', '`', '[', ']']))
            .collect();
        let rules_of: Vec<Option<NameMatch>> = columns
            .iter()
            .map(|c| rules.lookup(c, scratch).filter(|m| !m.plural))
            .collect();
        let rest = lower[close + 1..].trim_start();
        if !rest.starts_with("values") || rules_of.iter().all(Option::is_none) {
            continue;
        }
        let mut i = close + 1 + (lower[close + 1..].len() - rest.len()) + "values".len();
        // Each row: `( v1, v2, ... )`, separated by commas.
        loop {
            while text
                .as_bytes()
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
            {
                i += 1;
            }
            if text.as_bytes().get(i) != Some(&b'(') {
                break;
            }
            let Some((values, end)) = tuple(text, i) else {
                break;
            };
            if values.len() == columns.len() {
                for ((s, e), m) in values.into_iter().zip(&rules_of) {
                    if let Some(m) = m
                        && m.takes(&text[s..e])
                    {
                        out.push(Cell {
                            start: s,
                            end: e,
                            rule: m.rule,
                        });
                    }
                }
            }
            i = end;
        }
        from = i.max(from);
    }
    out
}

/// The value spans of the tuple opening at `open`, and where it ends. A
/// quoted value's span is inside its quotes.
fn tuple(text: &str, open: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let bytes = text.as_bytes();
    let mut values = Vec::new();
    let mut i = open + 1;
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match *bytes.get(i)? {
            q @ (b'\'' | b'"') => {
                let mut j = i + 1;
                // `''` is a quote inside a SQL string.
                loop {
                    match *bytes.get(j)? {
                        b if b == q && bytes.get(j + 1) == Some(&q) => j += 2,
                        b if b == q => break,
                        _ => j += 1,
                    }
                }
                values.push((i + 1, j));
                i = j + 1;
            }
            _ => {
                let mut depth = 0;
                let start = i;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        b',' if depth == 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
                values.push((start, text[start..i].trim_end().len() + start));
            }
        }
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match bytes.get(i)? {
            b',' => i += 1,
            b')' => return Some((values, i + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nsert_is_found_in_any_case_at_any_offset() {
        for pad in 0..12 {
            for word in ["nsert", "NSERT", "nSeRt", "INSERT into"] {
                let text = format!("{}{word}{}", "x".repeat(pad), "y".repeat(pad % 3));
                assert!(has_nsert(text.as_bytes()), "{text}");
            }
            let text = format!("{}nser{}", "n".repeat(pad), "N".repeat(pad));
            assert!(!has_nsert(text.as_bytes()), "{text}");
        }
        assert!(mentions_insert("-- then INSERT  INTO t (a) VALUES (1)"));
        assert!(mentions_insert(
            "-- then in\u{17F}ert into t (a) VALUES (1)"
        ));
        assert!(!mentions_insert("nothing to see in this line at all"));
    }
    use crate::keys::KeyPattern;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let rules = KeyRules::new(vec![(
            KeyPattern::new("bank_account|seed_phrase|password").expect("words"),
            0,
        )])
        .expect("compiles");
        let mut out = String::new();
        let mut at = 0;
        for c in sensitive_values(text, &rules, &mut String::new()) {
            out.push_str(&text[at..c.start]);
            out.push_str("[x]");
            at = c.end;
        }
        out.push_str(&text[at..]);
        assert_eq!(out, expected);
    }

    #[test]
    fn values_are_taken_by_their_column() {
        check(
            "INSERT INTO accounts (id, bank_account_number, created_at) VALUES (99805, '356763877', now());",
            "INSERT INTO accounts (id, bank_account_number, created_at) VALUES (99805, '[x]', now());",
        );
        check(
            "insert into u (\"password\", n) values ('it''s', 1), ('b', 2)",
            "insert into u (\"password\", n) values ('[x]', 1), ('[x]', 2)",
        );
        check(
            "INSERT INTO t (a, b) VALUES (1, 2)",
            "INSERT INTO t (a, b) VALUES (1, 2)",
        );
        check(
            "insert into t (password) select x",
            "insert into t (password) select x",
        );
        check(
            "INSERT INTO t (password, n) VALUES ('a'",
            "INSERT INTO t (password, n) VALUES ('a'",
        );
    }
}
