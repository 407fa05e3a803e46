//! Security event records whose fields are read by their own grammar:
//! ArcSight CEF and QRadar LEEF lines.
//!
//! - CEF (`CEF:0|Vendor|Product|1.0|100|name|5|k=v k=v`): after seven
//!   header fields comes the extension, `key=value` pairs separated by
//!   spaces, a value running to the next ` key=` (an `=` inside a value is
//!   written `\=`), so a value may hold spaces. The custom fields
//!   (`cs1`..`cs6`, `cn1`.., `cfp1`.., `flexString1`, `deviceCustomDate1`)
//!   are named by a label in the same record: `cs1Label=password` names
//!   `cs1`'s value. Any `XLabel=name` names the value of `X`.
//! - LEEF (`LEEF:1.0|Vendor|Product|1.0|event|k=v<tab>k=v`, or
//!   `LEEF:2.0|...|event|^|k=v^k=v` with the delimiter, written as a
//!   character or in hex (`x5E`, `0x5E`), as a sixth header field):
//!   attributes separated by the delimiter.
//!
//! Each value is read under its name (the label's, for a custom field) as
//! an object member's value would be
//! ([`Columns::rule_for`](super::table::Columns::rule_for)).

use super::table::{Cell, Columns};

/// Whether `text` may hold a CEF or LEEF record.
pub(crate) fn mentions(text: &str) -> bool {
    text.contains("CEF:") || text.contains("LEEF:")
}

/// The values of the CEF and LEEF records in `text` that their names take.
pub(crate) fn labelled_values(
    text: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if let Some(at) = line.find("CEF:") {
            cef(line, line_start, at, columns, scratch, &mut out);
        } else if let Some(at) = line.find("LEEF:") {
            leef(line, line_start, at, columns, scratch, &mut out);
        }
        line_start += line.len() + 1;
        // `trim_end_matches('\r')` shortened the line by its `\r`.
        if text.as_bytes().get(line_start - 1) == Some(&b'\r') {
            line_start += 1;
        }
    }
    out
}

/// Where the `n`th unescaped `|` after `from` in `line` ends (the byte
/// after it).
fn after_pipes(line: &str, from: usize, n: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut seen = 0;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'|' => {
                seen += 1;
                if seen == n {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// One field: its name and its value's span in the line.
struct Field<'l> {
    name: &'l str,
    start: usize,
    end: usize,
}

/// The fields of a CEF extension starting at `from` of `line`.
fn cef_fields(line: &str, from: usize) -> Vec<Field<'_>> {
    let bytes = line.as_bytes();
    // Where each `key=` starts: a key is letters, digits, `_` or `.`
    // after a space (or the extension's start), before an unescaped `=`.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        if (i == from || bytes[i - 1] == b' ')
            && bytes[i].is_ascii_alphabetic()
            && let Some(len) = bytes[i..]
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
            && bytes[i + len] == b'='
        {
            keys.push((i, i + len));
            i += len + 1;
            continue;
        }
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    keys.iter()
        .enumerate()
        .map(|(k, &(s, e))| {
            let end = keys.get(k + 1).map_or(bytes.len(), |next| next.0 - 1);
            let value = line[e + 1..end.max(e + 1)].trim_end();
            Field {
                name: &line[s..e],
                start: e + 1,
                end: e + 1 + value.len(),
            }
        })
        .collect()
}

/// Reads the CEF record at `at` of `line` (which starts at `base` of the
/// text).
fn cef(
    line: &str,
    base: usize,
    at: usize,
    columns: &Columns<'_>,
    scratch: &mut String,
    out: &mut Vec<Cell>,
) {
    let Some(from) = after_pipes(line, at, 7) else {
        return;
    };
    let fields = cef_fields(line, from);
    for f in &fields {
        if f.name.ends_with("Label") && f.name.len() > "Label".len() {
            continue;
        }
        // A custom field goes by its label's name when it has one.
        let label = fields.iter().find(|l| {
            l.name.len() == f.name.len() + "Label".len()
                && l.name.starts_with(f.name)
                && l.name.ends_with("Label")
        });
        let name = label.map_or(f.name, |l| &line[l.start..l.end]);
        take(line, base, name, f.start, f.end, columns, scratch, out);
    }
}

/// Takes the value at `start..end` of `line` when `name` takes it.
#[allow(clippy::too_many_arguments)]
fn take(
    line: &str,
    base: usize,
    name: &str,
    start: usize,
    end: usize,
    columns: &Columns<'_>,
    scratch: &mut String,
    out: &mut Vec<Cell>,
) {
    if start >= end || name.is_empty() || name.len() > 128 {
        return;
    }
    if let Some(rule) = columns.rule_for(name, &line[start..end], scratch) {
        out.push(Cell {
            start: base + start,
            end: base + end,
            rule,
        });
    }
}

/// The delimiter a LEEF 2.0 header names: one character, or its code in
/// hex (`x5E`, `0x5E`).
fn leef_delimiter(field: &str) -> Option<char> {
    let hex = field
        .strip_prefix("0x")
        .or_else(|| field.strip_prefix("x"))
        .or_else(|| field.strip_prefix("X"));
    match hex {
        Some(h) if !h.is_empty() && h.len() <= 4 => {
            u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
        }
        _ => {
            let mut chars = field.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(c)
        }
    }
}

/// Reads the LEEF record at `at` of `line` (which starts at `base` of the
/// text).
fn leef(
    line: &str,
    base: usize,
    at: usize,
    columns: &Columns<'_>,
    scratch: &mut String,
    out: &mut Vec<Cell>,
) {
    let Some(from) = after_pipes(line, at, 5) else {
        return;
    };
    let version_2 = line[at..].starts_with("LEEF:2");
    let (delimiter, from) = match after_pipes(line, from, 1) {
        Some(next) if version_2 => match leef_delimiter(&line[from..next - 1]) {
            Some(d) => (d, next),
            None => return,
        },
        _ => ('\t', from),
    };
    let mut start = from;
    let rest = &line[from..];
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == delimiter {
            pieces.push((start, from + i));
            start = from + i + c.len_utf8();
        }
    }
    pieces.push((start, line.len()));
    for (s, e) in pieces {
        let Some(eq) = line[s..e].find('=') else {
            continue;
        };
        let name = line[s..s + eq].trim();
        let is_key = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if is_key {
            let value_end = s + eq + 1 + line[s + eq + 1..e].trim_end().len();
            take(
                line,
                base,
                name,
                s + eq + 1,
                value_end,
                columns,
                scratch,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrub::table::marked;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(
            marked("password|api_key|token", text, labelled_values),
            expected
        );
    }

    #[test]
    fn a_cef_custom_field_is_named_by_its_label() {
        check(
            "<134>CEF:0|Acme|Gw|4.2|300|change|5|src=10.0.0.1 cs1Label=apiKey cs1=ab c\\=d msg=done",
            "<134>CEF:0|Acme|Gw|4.2|300|change|5|src=10.0.0.1 cs1Label=apiKey cs1=[x] msg=done",
        );
        // The label after its field, a value at the end of the line, and a
        // second record on the next line.
        check(
            "CEF:0|A|B|1|2|n|3|cs2=hunter 2 cs2Label=password\nCEF:0|A|B|1|2|n|3|token=xyz",
            "CEF:0|A|B|1|2|n|3|cs2=[x] cs2Label=password\nCEF:0|A|B|1|2|n|3|token=[x]",
        );
        // A field whose label says nothing, a label with no field, a
        // header with escaped pipes.
        check(
            "CEF:0|A\\|x|B|1|2|n|3|cs1Label=retries cs1=3 cs3Label=password suser=bob",
            "CEF:0|A\\|x|B|1|2|n|3|cs1Label=retries cs1=3 cs3Label=password suser=bob",
        );
    }

    #[test]
    fn leef_attributes_are_split_by_their_delimiter() {
        check(
            "LEEF:2.0|Acme|WAF|3.1|upd|^|src=1.2.3.4^apiKey=a b\\^c^action=update",
            "LEEF:2.0|Acme|WAF|3.1|upd|^|src=1.2.3.4^apiKey=[x]^action=update",
        );
        check(
            "LEEF:2.0|Acme|WAF|3.1|upd|x7C|password=p q|n=1",
            "LEEF:2.0|Acme|WAF|3.1|upd|x7C|password=[x]|n=1",
        );
        check(
            "LEEF:1.0|Acme|WAF|3.1|upd|usrName=bob\tpassword=s3 cret\tsev=2",
            "LEEF:1.0|Acme|WAF|3.1|upd|usrName=bob\tpassword=[x]\tsev=2",
        );
        // Too few header fields: no record.
        check("LEEF:1.0|Acme|password=x", "LEEF:1.0|Acme|password=x");
    }
}
