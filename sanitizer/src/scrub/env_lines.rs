//! Environment assignments one to a line: `.env` files (`NAME=value`,
//! `export NAME=value`) and the list form of a compose file's
//! `environment:` (`- NAME=value`). An unquoted value runs to the end of
//! its line, spaces and `&`, `=`, `#` included (`SECRET_KEY=a)&b*c=d#e`,
//! `RECOVERY_CODES=a1b2c d3e4f`); a quoted one to its closing quote. Each
//! is read under its name
//! ([`Columns::rule_for`](super::table::Columns::rule_for)).
//!
//! A line counts only when it is nothing but the assignment: a log line
//! with more `key=value` pairs after the first (`user=a password=b`) is
//! left to the text pass, which ends each value at its space.

use super::table::{Cell, Columns};

/// The values of the assignment lines in `text` that their names take.
pub(crate) fn assigned_values(
    text: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        let Some(eq) = line.find('=') else {
            continue;
        };
        let head = line[..eq].trim_start();
        let head = head
            .strip_prefix("- ")
            .or_else(|| head.strip_prefix("export "))
            .unwrap_or(head)
            .trim_start();
        let is_name = head.len() <= 128
            && head
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && head.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !is_name {
            continue;
        }
        let raw = line[eq + 1..].trim_end_matches('\r');
        let (vs, ve) = match raw.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => match raw[1..].find(q as char) {
                Some(close) => (1, 1 + close),
                None => continue,
            },
            _ => {
                let value = raw.trim_end();
                if more_pairs(value) {
                    continue;
                }
                (0, value.len())
            }
        };
        if vs >= ve {
            continue;
        }
        let base = start + eq + 1;
        if let Some(rule) = columns.rule_for(head, &raw[vs..ve], scratch) {
            out.push(Cell {
                start: base + vs,
                end: base + ve,
                rule,
            });
        }
    }
    out
}

/// Whether `value` holds another `name=` pair after a space or `&` (a log
/// line's fields or a query string, not one value).
fn more_pairs(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b == b' ' || b == b'&')
            && bytes[i + 1..]
                .iter()
                .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.'))
                .is_some_and(|len| len > 0 && bytes[i + 1 + len] == b'=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrub::table::marked;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(
            marked("secret_key|recovery_codes|password", text, assigned_values),
            expected
        );
    }

    #[test]
    fn an_assignment_runs_to_the_end_of_its_line() {
        check(
            "    environment:\n      - NODE_ENV=production\n      - SECRET_KEY=a)&b*c=d#e^f\n      - PORT=8080\n",
            "    environment:\n      - NODE_ENV=production\n      - SECRET_KEY=[x]\n      - PORT=8080\n",
        );
        check(
            "export RECOVERY_CODES=a1b2c d3e4f\r\nPASSWORD='p w'\n",
            "export RECOVERY_CODES=[x]\r\nPASSWORD='[x]'\n",
        );
    }

    #[test]
    fn log_lines_with_more_pairs_and_other_lines_stay() {
        for text in [
            "password=abc user=bob\n",
            "password=abc&page=2\n",
            "2025-01-01 password=abc def\n",
            "- name: PASSWORD\n  value: x\n",
            "PASSWORD=\"unclosed\n",
            "passwords=3\n",
        ] {
            check(text, text);
        }
    }
}
