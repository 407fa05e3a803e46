//! SQL in text whose values are named by the column at their position:
//! `INSERT ... (columns) VALUES (values), ...`, an INSERT without a column
//! list under the `CREATE TABLE` that defines them (mysqldump's extended
//! inserts), and PostgreSQL's `COPY table (columns) FROM stdin;` followed
//! by tab-separated rows up to `\.` (pg_dump). A column whose name
//! announces a secret or personal data (`bank_account_number`,
//! `seed_phrase`) has its value taken, in every row.

use std::sync::LazyLock;

use regex::bytes::Regex;

use crate::keys::{KeyRules, NameMatch};
use crate::person::PersonKey;

use super::table::{Cell, Columns};

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

/// The values of `text`'s INSERT statements under sensitive columns. The
/// columns are those the statement lists, or, for an INSERT without a
/// column list (mysqldump's extended inserts), those of the table's
/// `CREATE TABLE` earlier in the text.
#[cfg(test)]
pub(crate) fn sensitive_values(text: &str, rules: &KeyRules, scratch: &mut String) -> Vec<Cell> {
    sensitive_values_of(text, rules, None, scratch)
}

/// [`sensitive_values`], and with `person_name` (the rule of a person's
/// name) the names in a column that names the person of a row whose other
/// columns are a person's (`(id, name, email, phone)`), when they read as
/// names ([`crate::person::is_record_header`]).
pub(crate) fn sensitive_values_of(
    text: &str,
    rules: &KeyRules,
    person_name: Option<usize>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("insert into") {
        let start = from + at + "insert into".len();
        from = start;
        let Some((table, after)) = identifier(text, skip_spaces(text, start)) else {
            continue;
        };
        let after = skip_spaces(text, after);
        let (columns, values_at): (Vec<&str>, usize) = if text.as_bytes().get(after) == Some(&b'(')
        {
            let Some(close) = lower[after..].find(')').map(|c| after + c) else {
                break;
            };
            let columns = text[after + 1..close]
                .split(',')
                .map(|c| unquote(c.trim()))
                .collect();
            (columns, close + 1)
        } else {
            match created_columns(text, &lower[..start], table) {
                Some(columns) => (columns, after),
                None => continue,
            }
        };
        let rules_of: Vec<Option<NameMatch>> = columns
            .iter()
            .map(|c| rules.lookup(c, scratch).filter(|m| !m.plural))
            .collect();
        let names_of: Vec<Option<PersonKey>> = match person_name {
            Some(_) if crate::person::is_record_header(columns.iter().copied(), scratch) => columns
                .iter()
                .map(|c| Some(PersonKey::of(c, scratch)).filter(|k| k.names_person()))
                .collect(),
            _ => vec![None; columns.len()],
        };
        let rest = lower[values_at..].trim_start();
        if !rest.starts_with("values")
            || rules_of.iter().all(Option::is_none) && names_of.iter().all(Option::is_none)
        {
            continue;
        }
        let mut i = values_at + (lower[values_at..].len() - rest.len()) + "values".len();
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
                for (((s, e), m), key) in values.into_iter().zip(&rules_of).zip(&names_of) {
                    let rule = match (m, key, person_name) {
                        (Some(m), _, _) => m.takes(&text[s..e]).then_some(m.rule),
                        (None, Some(key), Some(rule)) => key
                            .holds_name(text[s..e].trim_matches(['\'', '"']))
                            .then_some(rule),
                        _ => None,
                    };
                    if let Some(rule) = rule {
                        out.push(Cell {
                            start: s,
                            end: e,
                            rule,
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

/// Where the first byte after `at` that is not whitespace is.
fn skip_spaces(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// A name's quotes taken off (`` `a` ``, `"a"`, `[a]`).
fn unquote(name: &str) -> &str {
    name.trim_matches(['"', '`', '[', ']'])
}

/// The (possibly qualified, possibly quoted) identifier at `at`, unquoted
/// in its last part, and where it ends.
fn identifier(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut last;
    loop {
        last = i;
        match *bytes.get(i)? {
            q @ (b'`' | b'"' | b'[') => {
                let close = if q == b'[' { b']' } else { q };
                let len = bytes[i + 1..].iter().position(|&b| b == close)?;
                i += len + 2;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' => {
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
                {
                    i += 1;
                }
            }
            _ => return None,
        }
        if bytes.get(i) != Some(&b'.') {
            break;
        }
        i += 1;
    }
    (i > at).then(|| (unquote(&text[last..i]), i))
}

/// The columns of table `table` as the last `CREATE TABLE` of it in
/// `before` (lowercased text, same offsets as `text`) defines them: the
/// first identifier of each definition, leaving out keys and constraints.
fn created_columns<'t>(text: &'t str, before: &str, table: &str) -> Option<Vec<&'t str>> {
    let mut found = None;
    let mut from = 0;
    while let Some(at) = before[from..].find("create table") {
        let mut i = skip_spaces(text, from + at + "create table".len());
        from = i;
        if before[i..].starts_with("if not exists") {
            i = skip_spaces(text, i + "if not exists".len());
        }
        if let Some((name, end)) = identifier(text, i)
            && name.eq_ignore_ascii_case(table)
            && text.as_bytes().get(skip_spaces(text, end)) == Some(&b'(')
        {
            found = Some(skip_spaces(text, end));
        }
    }
    let open = found?;
    let mut columns = Vec::new();
    let mut depth = 0usize;
    let mut part = open + 1;
    for (i, b) in text.bytes().enumerate().skip(open + 1) {
        match b {
            b'(' => depth += 1,
            b')' | b',' if depth == 0 => {
                let def = text[part..i].trim_start();
                let lower = def.get(..12).unwrap_or(def).to_ascii_lowercase();
                let constraint = [
                    "primary",
                    "key",
                    "unique",
                    "constraint",
                    "index",
                    "foreign",
                    "check",
                    "fulltext",
                    "spatial",
                    "exclude",
                ]
                .iter()
                .any(|w| {
                    lower.starts_with(w)
                        && lower[w.len()..]
                            .bytes()
                            .next()
                            .is_none_or(|b| b.is_ascii_whitespace() || b == b'(')
                });
                if !constraint && let Some((name, _)) = identifier(def, 0) {
                    columns.push(name);
                }
                if b == b')' {
                    return (!columns.is_empty()).then_some(columns);
                }
                part = i + 1;
            }
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `COPY table (columns) FROM stdin`, in any case: what a text must hold
/// for [`copy_cells`] to find anything.
pub(crate) fn mentions_copy(text: &str) -> bool {
    text.len() > 24 && (text.contains("stdin") || text.contains("STDIN"))
}

/// The cells of `text`'s `COPY ... FROM stdin` blocks (pg_dump) that their
/// columns' names take: the rows are the lines after the statement, up to
/// `\.`, their cells separated by tabs.
pub(crate) fn copy_cells(text: &str, columns: &Columns<'_>, scratch: &mut String) -> Vec<Cell> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("copy ") {
        let start = from + at + "copy ".len();
        from = start;
        let Some((_, after)) = identifier(text, skip_spaces(text, start)) else {
            continue;
        };
        let open = skip_spaces(text, after);
        if text.as_bytes().get(open) != Some(&b'(') {
            continue;
        }
        let Some(close) = lower[open..].find(')').map(|c| open + c) else {
            break;
        };
        let Some(line_end) = lower[close..].find('\n').map(|e| close + e) else {
            break;
        };
        let statement = lower[close + 1..line_end].trim_start();
        if !statement.starts_with("from") || !statement[4..].trim_start().starts_with("stdin") {
            continue;
        }
        let names: Vec<&str> = text[open + 1..close]
            .split(',')
            .map(|c| unquote(c.trim()))
            .collect();
        let mut at = line_end + 1;
        for line in text[at..].split('\n') {
            let row = line.trim_end_matches('\r');
            if row == "\\." {
                break;
            }
            let mut cell_start = at;
            let cells: Vec<(usize, usize)> = row
                .split('\t')
                .map(|cell| {
                    let span = (cell_start, cell_start + cell.len());
                    cell_start += cell.len() + 1;
                    span
                })
                .collect();
            if cells.len() == names.len() {
                for (&(s, e), name) in cells.iter().zip(&names) {
                    let value = &text[s..e];
                    if value == "\\N" {
                        continue;
                    }
                    if let Some(rule) = columns.rule_for(name, value, scratch) {
                        out.push(Cell {
                            start: s,
                            end: e,
                            rule,
                        });
                    }
                }
            }
            at += line.len() + 1;
        }
        from = at.min(text.len()).max(from);
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
    use crate::scrub::table::marked;

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

    #[test]
    fn an_insert_without_columns_is_read_by_its_create_table() {
        let create = "CREATE TABLE IF NOT EXISTS `u` (\n  `id` int(11) NOT NULL,\n  `password` varchar(64),\n  `n` decimal(10,2),\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `key_x` (`n`)\n);\n";
        check(
            &format!("{create}INSERT INTO `u` VALUES (1,'a',2.5),(2,'b',NULL);"),
            &format!("{create}INSERT INTO `u` VALUES (1,'[x]',2.5),(2,'[x]',NULL);"),
        );
        // Another table's CREATE says nothing of this one's columns.
        let other = "CREATE TABLE v (id int, password text);\nINSERT INTO u VALUES (1,'a');";
        check(other, other);
        // A column named like a constraint word is still a column.
        check(
            "CREATE TABLE t (key_id int, keyword text, password text);\nINSERT INTO t VALUES (1,'k','s');",
            "CREATE TABLE t (key_id int, keyword text, password text);\nINSERT INTO t VALUES (1,'k','[x]');",
        );
    }

    #[track_caller]
    fn check_copy(text: &str, expected: &str) {
        assert_eq!(marked("password", text, copy_cells), expected);
    }

    #[test]
    fn copy_rows_are_read_up_to_their_end_mark() {
        check_copy(
            "COPY public.u (id, password, note) FROM stdin;\n1\ta b\tx\n2\t\\N\ty\n\\.\n3\tz\tw\n",
            "COPY public.u (id, password, note) FROM stdin;\n1\t[x]\tx\n2\t\\N\ty\n\\.\n3\tz\tw\n",
        );
        // Rows of another width, a COPY to a file, no column list.
        for text in [
            "COPY u (id, password) FROM stdin;\n1\ta\tb\n\\.\n",
            "COPY u (id, password) TO '/tmp/x';\n1\ta\n",
            "COPY u FROM stdin;\n1\ta\n\\.\n",
        ] {
            check_copy(text, text);
        }
        assert!(mentions_copy("COPY u (a, b) FROM stdin;\n"));
        assert!(!mentions_copy("copy that, over and out; nothing here"));
    }

    #[test]
    fn regression_a_copy_block_running_to_the_end_of_the_text_ends_the_search() {
        // No end mark and no last line break: the next search starts at
        // the text's end, not past it.
        check_copy(
            "COPY t (a, password) FROM stdin;\n1\tx",
            "COPY t (a, password) FROM stdin;\n1\t[x]",
        );
    }
}
