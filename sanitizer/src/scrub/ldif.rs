//! LDIF records and `ldapmodify` input (RFC 2849): after a `dn:` line,
//! each `attribute: value` line's value runs to the end of the line, and
//! on through continuation lines (a line starting with one space), so a
//! value may hold spaces and commas (`userPassword: correct horse
//! battery`, `postalAddress: 12 Main St, Leeds`). A `replace: attr` or
//! `add: attr` line of a modify names the attribute the lines below set;
//! the attribute lines name their values themselves. Each value is read
//! under its attribute's name
//! ([`Columns::rule_for`](super::table::Columns::rule_for)). Base64
//! values (`attr:: ...`) are read by [`super::blocks`].

use super::table::{Cell, Columns};

/// Whether `text` may hold an LDIF record: a line starting with `dn:`.
pub(crate) fn mentions(text: &str) -> bool {
    text.starts_with("dn:") || text.contains("\ndn:")
}

/// The values of the LDIF attribute lines in `text` that their names take.
pub(crate) fn attribute_values(
    text: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut in_record = false;
    let mut at = 0;
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let start = at;
        at += line.len() + 1;
        let row = line.trim_end_matches('\r');
        if row.starts_with("dn:") {
            in_record = true;
            continue;
        }
        if row.is_empty() {
            in_record = false;
            continue;
        }
        if !in_record || row.starts_with([' ', '#', '-']) {
            continue;
        }
        let Some(colon) = row.find(':') else {
            continue;
        };
        let name = &row[..colon];
        let is_attribute = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b';' | b'.' | b'_'));
        // `attr:: base64` and `attr:< url` are not the value itself.
        if !is_attribute || !row[colon + 1..].starts_with(' ') {
            continue;
        }
        let value_start =
            start + colon + 1 + (row[colon + 1..].len() - row[colon + 1..].trim_start().len());
        let mut value_end = start + row.len();
        // Continuation lines: each starts with one space.
        let mut next = at;
        for more in &lines[i + 1..] {
            if !more.starts_with(' ') {
                break;
            }
            value_end = next + more.trim_end_matches('\r').len();
            next += more.len() + 1;
        }
        if value_start >= value_end {
            continue;
        }
        // An attribute's options (`userPassword;binary`) are not its name.
        let name = name.split(';').next().unwrap_or(name);
        if let Some(rule) = columns.rule_for(name, &text[value_start..value_end], scratch) {
            out.push(Cell {
                start: value_start,
                end: value_end,
                rule,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrub::table::marked;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(
            marked("password|recovery_codes", text, attribute_values),
            expected
        );
    }

    #[test]
    fn an_attribute_value_runs_to_the_end_of_its_line() {
        check(
            "dn: uid=a,dc=x\nchangetype: modify\nreplace: userPassword\nuserPassword: correct horse, battery\n-\n",
            "dn: uid=a,dc=x\nchangetype: modify\nreplace: userPassword\nuserPassword: [x]\n-\n",
        );
        check(
            "dn: uid=a\r\nrecoveryCodes: a1 b2\r\n  c3 d4\r\ncn: A\r\n",
            "dn: uid=a\r\nrecoveryCodes: [x]\r\ncn: A\r\n",
        );
    }

    #[test]
    fn lines_outside_a_record_and_base64_values_are_left_alone() {
        for text in [
            "password: x y\n",
            "dn: uid=a\n\npassword: x y\n",
            "dn: uid=a\nuserPassword:: e1NTSEF9\n",
            "dn: uid=a\npasswords: 3\n",
        ] {
            check(text, text);
        }
    }
}
