//! Tables held in text: CSV, TSV and other delimited exports, and
//! fixed-width records. A header row names the columns; a column whose
//! name announces a secret or personal data (`new_password`, `sin`,
//! `passport_no`) has its cell taken in every row below, the way a key rule
//! takes an object member's value; a secret-looking name (`deployer_key`)
//! takes the cells that look random, and a person field (`guest`,
//! `address`) the cells with the shape it names, as for object members.
//! Fixed-width columns are counted in characters, so accented rows split
//! where the header says.

use crate::keys::{KeyRules, NameMatch};
use crate::person::{self, PersonKey};
use crate::spans::Spans;

/// Whether a column's name is secret-looking (`Sanitizer::entropy_key`).
pub(crate) type SecretLooking<'a> = &'a dyn Fn(&str, &mut String) -> bool;

/// What makes a column sensitive: its name announces a rule; or it is a
/// secret-looking name (`deployer_key`, `seed`) and its cells are taken
/// when they look random; or it is a generic person field (`guest`,
/// `address`) and its cells are taken when they have the shape it says.
pub(crate) struct Columns<'a> {
    pub(crate) rules: &'a KeyRules,
    /// The rule random values take, and whether a name is secret-looking.
    pub(crate) entropy: Option<(usize, SecretLooking<'a>)>,
    /// The rules of a person's name and of a street address.
    pub(crate) person: Option<(usize, usize)>,
}

/// How one column is taken.
#[derive(Clone, Copy)]
enum Column {
    Rule(NameMatch),
    Random(usize),
    Person(PersonKey, (usize, usize)),
}

/// One cell to take: its span in the text and the rule its column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: usize,
}

impl Columns<'_> {
    /// How the column (or field, or attribute) called `name` is taken.
    fn column(&self, name: &str, scratch: &mut String) -> Option<Column> {
        if let Some(m) = self.rules.lookup(name, scratch) {
            return Some(Column::Rule(m));
        }
        if let Some((rule, secret_looking)) = self.entropy
            && secret_looking(name, scratch)
        {
            return Some(Column::Random(rule));
        }
        let rules = self.person?;
        Some(PersonKey::of(name, scratch))
            .filter(|key| key.is_field())
            .map(|key| Column::Person(key, rules))
    }

    /// The rule that takes `value` when `name` names it, as a key names an
    /// object member's value (the key rule it announces; a random value
    /// under a secret-looking name; a person field's value of the shape it
    /// says), or `None`. Readers of records that give a value's name apart
    /// from it (a column list, a `Name` attribute, a CEF label) ask this
    /// of each value.
    pub(crate) fn rule_for(&self, name: &str, value: &str, scratch: &mut String) -> Option<usize> {
        let value = value.trim();
        if value.is_empty() || crate::marker::mentions_redacted(value) {
            return None;
        }
        taken_by(self.column(name, scratch)?, value)
    }
}

/// The rule column `column` takes `value` by, if it does.
fn taken_by(column: Column, value: &str) -> Option<usize> {
    match column {
        // `tokens: 3`: under a plural name, a count is not the secret.
        Column::Rule(m) if m.plural && value.bytes().all(|b| b.is_ascii_digit()) => None,
        Column::Rule(m) => m.takes(value).then_some(m.rule),
        Column::Random(rule) => crate::detect::is_high_entropy(value).then_some(rule),
        Column::Person(key, (name_rule, address_rule)) => match person::field_of(key, value)? {
            person::Field::Name => Some(name_rule),
            person::Field::Address => Some(address_rule),
        },
    }
}

/// How a table's rows are split into cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Delimited(u8),
    /// Columns start where the header's names start.
    Fixed,
}

/// The cells of `text` under sensitive columns, in order; empty when the
/// text is not a table or no column is sensitive.
pub(crate) fn sensitive_cells(
    text: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut cells = Vec::new();
    let Some(header_end) = text.find('\n') else {
        return cells;
    };
    let header = text[..header_end].trim_end_matches('\r');
    if header.len() > 4096 || !header.is_ascii() {
        return cells;
    }
    let Some(layout) = layout_of(header) else {
        return cells;
    };
    let names = split(header, 0, layout, &fixed_starts(header));
    if names.len() < 2
        || !names
            .iter()
            .all(|&(s, e)| is_column_name(header[s..e].trim()))
    {
        return cells;
    }
    // A header that makes each row a record about a person (`name,email,
    // dob`): its `name` column holds people's names.
    let record = columns.person.is_some()
        && person::is_record_header(names.iter().map(|&(s, e)| header[s..e].trim()), scratch);
    let sensitive: Vec<(usize, Column)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, &(s, e))| {
            let name = header[s..e].trim();
            let column = columns.column(name, scratch).or_else(|| {
                let rules = columns.person.filter(|_| record)?;
                let key = PersonKey::of(name, scratch);
                key.names_person()
                    .then(|| Column::Person(key.in_record(), rules))
            });
            Some((i, column?))
        })
        .collect();
    if sensitive.is_empty() {
        return cells;
    }
    let starts = fixed_starts(header);
    // A scrub's placeholder may be wider than its column and push into the
    // next one: a cell that overlaps one was scrubbed, and is not read as a
    // value again (so verify agrees with what scrub wrote).
    let placeholders = if crate::marker::mentions_redacted(text) {
        Spans::new(crate::marker::redacted_spans(text))
    } else {
        Spans::default()
    };
    let mut at = header_end + 1;
    for line in text[at..].split('\n') {
        let row = line.trim_end_matches('\r');
        let spans = split(row, at, layout, &starts);
        if spans.len() == names.len() {
            for &(i, column) in &sensitive {
                let (s, e) = spans[i];
                let cell = &text[s..e];
                let trimmed = cell.trim().trim_matches('"');
                if trimmed.is_empty() {
                    continue;
                }
                let offset = cell.find(trimmed).unwrap_or(0);
                let (cs, ce) = (s + offset, s + offset + trimmed.len());
                if placeholders.overlaps(cs, ce) {
                    continue;
                }
                let Some(rule) = taken_by(column, trimmed) else {
                    continue;
                };
                cells.push(Cell {
                    start: s + offset,
                    end: s + offset + trimmed.len(),
                    rule,
                });
            }
        }
        at += line.len() + 1;
    }
    cells
}

/// How the header is laid out: the delimiter it uses, or fixed width when
/// its names are separated by runs of two spaces or more.
fn layout_of(header: &str) -> Option<Layout> {
    for d in [b',', b'\t', b';', b'|'] {
        if header.bytes().filter(|&b| b == d).count() >= 1 && !header.contains(' ') {
            return Some(Layout::Delimited(d));
        }
    }
    for d in [b'\t', b'|', b';'] {
        if header.bytes().any(|b| b == d) {
            return Some(Layout::Delimited(d));
        }
    }
    header.contains("  ").then_some(Layout::Fixed)
}

/// Where the columns of a fixed-width header start.
fn fixed_starts(header: &str) -> Vec<usize> {
    let bytes = header.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] != b' ' && (i == 0 || (i >= 2 && &bytes[i - 2..i] == b"  ")))
        .collect()
}

/// The spans (absolute, from `base`) of the cells of `row`.
fn split(row: &str, base: usize, layout: Layout, starts: &[usize]) -> Vec<(usize, usize)> {
    match layout {
        Layout::Delimited(d) => {
            let bytes = row.as_bytes();
            let mut spans = Vec::new();
            let mut start = 0;
            let mut quoted = false;
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == d && !quoted {
                    spans.push((base + start, base + i));
                    start = i + 1;
                }
            }
            spans.push((base + start, base + bytes.len()));
            spans
        }
        Layout::Fixed => {
            // The header is ASCII: its starts are columns of characters,
            // which a row with accents (`Pérez`) has at other byte offsets.
            let at: Vec<usize> = if row.is_ascii() {
                Vec::new()
            } else {
                row.char_indices().map(|(i, _)| i).collect()
            };
            let width = if row.is_ascii() { row.len() } else { at.len() };
            // A row that stops short of the last column is one whose last
            // cells are empty when what it has is aligned on the columns
            // (`77      10.0.0.1` under `ID  SECRET_KEY  STATUS`): a value
            // scrubbed to another length must not turn a row that was not
            // read as one into one that is.
            if starts.is_empty()
                || (width < *starts.last().unwrap_or(&0) && !aligned(row, starts, width))
            {
                return Vec::new();
            }
            let byte = |col: usize| {
                if at.is_empty() {
                    col.min(row.len())
                } else {
                    at.get(col).copied().unwrap_or(row.len())
                }
            };
            starts
                .iter()
                .enumerate()
                .map(|(k, &s)| {
                    let e = starts.get(k + 1).copied().unwrap_or(width).min(width);
                    let (bs, be) = (byte(s), byte(e.max(s)));
                    (base + bs, base + be)
                })
                .collect()
        }
    }
}

/// Whether every column start within `row` (of `width` characters) has a
/// value starting right there after a space, as a fixed-width row does.
fn aligned(row: &str, starts: &[usize], width: usize) -> bool {
    let chars: Vec<char> = row.chars().collect();
    let inside: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&s| s > 0 && s < width)
        .collect();
    !inside.is_empty()
        && inside
            .iter()
            .all(|&s| chars.get(s - 1) == Some(&' ') && chars.get(s).is_some_and(|c| *c != ' '))
}

/// Whether a header cell reads as a column name.
pub(crate) fn is_column_name(s: &str) -> bool {
    let s = s.trim_matches('"');
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b' ' | b'#'))
}

/// What a reader of named values (`cef`, `env_lines`, `ldif`, `sql`,
/// `xml_named`) takes in `text` under key rules of `words`, each cell
/// written `[x]`: the one way their unit tests read a result.
#[cfg(test)]
pub(crate) fn marked(
    words: &str,
    text: &str,
    read: impl Fn(&str, &Columns<'_>, &mut String) -> Vec<Cell>,
) -> String {
    let rules = KeyRules::new(vec![(
        crate::keys::KeyPattern::new(words).expect("words"),
        0,
    )])
    .expect("compiles");
    let columns = Columns {
        rules: &rules,
        entropy: None,
        person: None,
    };
    let mut out = String::new();
    let mut at = 0;
    for c in read(text, &columns, &mut String::new()) {
        out.push_str(&text[at..c.start]);
        out.push_str("[x]");
        at = c.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyPattern;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let rules = KeyRules::new(vec![
            (KeyPattern::new("password|sin|passport").expect("words"), 0),
            (KeyPattern::new("token").expect("words"), 1),
        ])
        .expect("compiles");
        let columns = Columns {
            rules: &rules,
            entropy: None,
            person: None,
        };
        let cells = sensitive_cells(text, &columns, &mut String::new());
        let mut out = String::new();
        let mut at = 0;
        for c in cells {
            out.push_str(&text[at..c.start]);
            out.push_str(&format!("[{}]", c.rule));
            at = c.end;
        }
        out.push_str(&text[at..]);
        assert_eq!(out, expected);
    }

    #[test]
    fn delimited_tables() {
        check(
            "id,new_password,status\n2267,Qw$1,active\n2268,\"a,b\",gone\n",
            "id,new_password,status\n2267,[0],active\n2268,\"[0]\",gone\n",
        );
        check("id\tsin\n1\t046 454 286\n", "id\tsin\n1\t[0]\n");
        check("id,tokens,status\n1,3,ok\n", "id,tokens,status\n1,3,ok\n");
    }

    #[test]
    fn fixed_width_records() {
        check(
            "REC_ID  BRANCH      OLD_PASSWORD  STATUS  \n92482   PARIS       giulia1999    A       ",
            "REC_ID  BRANCH      OLD_PASSWORD  STATUS  \n92482   PARIS       [0]    A       ",
        );
    }

    #[test]
    fn text_that_is_no_table_is_left_alone() {
        for text in [
            "password reset\nfor bob",
            "hello, world\nthe token is ok",
            "one line only, password",
        ] {
            check(text, text);
        }
    }
}
