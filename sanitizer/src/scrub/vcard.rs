//! vCard (RFC 6350) and iCalendar (RFC 5545) content lines: inside a
//! `BEGIN:VCARD` or `BEGIN:VCALENDAR` block, each line is
//! `NAME;PARAM=x:value`, its value running to the end of the line and on
//! through folded lines (starting with a space or a tab). A property
//! that holds personal data is taken as the field it is: `FN`, `N` and
//! an attendee's or organiser's `CN=` parameter (`ATTENDEE;CN=Jane
//! Doe:mailto:...`) by the rule of a person's name when they read as one
//! (`FN:Front desk` does not), `ADR` by the rule of a street address
//! when it holds a number, `BDAY` and `TEL` as a key of that name
//! announces ([`Columns::rule_for`]). Emails in `EMAIL` and `mailto:`
//! values are the detectors' own.

use super::table::{Cell, Columns};
use crate::person;

/// Whether `text` may hold a vCard or an iCalendar block.
pub(crate) fn mentions(text: &str) -> bool {
    text.contains("BEGIN:VCARD")
        || text.contains("BEGIN:VCALENDAR")
        || text.contains("BEGIN:VEVENT")
}

/// How a property's value is taken: the rule of a person's name when it
/// reads as one (`FN:Front desk` is a desk), of a home address, or the
/// rule a key of that field announces (`BDAY`, `TEL`).
fn rule_of(
    property: &str,
    value: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Option<usize> {
    let is = |name: &str| property.eq_ignore_ascii_case(name);
    let (name_rule, address_rule) = columns.person?;
    if is("FN") || is("NICKNAME") {
        person::looks_like_a_name(value).then_some(name_rule)
    } else if is("N") {
        // `Family;Given;Additional;Prefix;Suffix`.
        let parts: Vec<&str> = value.split([';', ',']).map(str::trim).collect();
        (parts.iter().any(|p| !p.is_empty())
            && parts
                .iter()
                .all(|p| p.is_empty() || p.split(' ').all(person::looks_like_a_name_word)))
        .then_some(name_rule)
    } else if is("ADR") || is("LABEL") {
        // `;;Street;City;Region;Postcode;Country`: taken when it has a street.
        value
            .split(';')
            .any(|p| {
                p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_alphabetic())
            })
            .then_some(address_rule)
    } else if is("BDAY") {
        columns.rule_for("birthday", value, scratch)
    } else if is("TEL") {
        columns.rule_for("phone", value, scratch)
    } else {
        None
    }
}

/// The values of the content lines in `text` that hold personal data,
/// and the `CN=` parameters of attendees and organisers.
pub(crate) fn property_values(
    text: &str,
    columns: &Columns<'_>,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        let start = at;
        at += line.len() + 1;
        let row = line.trim_end_matches('\r');
        let upper_begin = row
            .get(..6)
            .is_some_and(|b| b.eq_ignore_ascii_case("BEGIN:"));
        let upper_end = row.get(..4).is_some_and(|b| b.eq_ignore_ascii_case("END:"));
        if upper_begin {
            depth += 1;
            continue;
        }
        if upper_end {
            depth = depth.saturating_sub(1);
            continue;
        }
        if depth == 0 || row.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name_end, colon)) = property_parts(row) else {
            continue;
        };
        let name = &row[..name_end];
        // The value, with its folded lines.
        let value_start = start + colon + 1;
        let mut value_end = start + row.len();
        let mut next = at;
        for more in &lines[i + 1..] {
            if !more.starts_with([' ', '\t']) {
                break;
            }
            value_end = next + more.trim_end_matches('\r').len();
            next += more.len() + 1;
        }
        if value_start < value_end
            && let Some(rule) = rule_of(name, &text[value_start..value_end], columns, scratch)
        {
            out.push(Cell {
                start: value_start,
                end: value_end,
                rule,
            });
        }
        // `ATTENDEE;CN=Jane Doe;ROLE=...:mailto:...`: the common name.
        if let Some((cs, ce)) = common_name(&row[name_end..colon])
            && let Some((rule, _)) = columns.person
            && person::looks_like_a_name(&row[name_end + cs..name_end + ce])
        {
            out.push(Cell {
                start: start + name_end + cs,
                end: start + name_end + ce,
                rule,
            });
        }
    }
    out
}

/// Where a content line's name ends and where the colon before its value
/// is (the first outside a quoted parameter value), when the line is one.
fn property_parts(row: &str) -> Option<(usize, usize)> {
    let name_end = row.find([';', ':'])?;
    let name = &row[..name_end];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut quoted = false;
    for (i, b) in row.bytes().enumerate().skip(name_end) {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some((name_end, i)),
            _ => {}
        }
    }
    None
}

/// The span of the `CN=` parameter's value in `params` (`;CN=x;ROLE=y`),
/// its quotes left out.
fn common_name(params: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for param in params.split(';') {
        let here = at;
        at += param.len() + 1;
        let Some(value) = param
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("CN="))
            .map(|_| &param[3..])
        else {
            continue;
        };
        let start = here + 3;
        let (start, len) = match value.strip_prefix('"') {
            Some(inner) => (start + 1, inner.find('"').unwrap_or(inner.len())),
            None => (start, value.len()),
        };
        return (len > 0).then_some((start, start + len));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_parts_skip_quoted_colons() {
        let row = "ATTENDEE;CN=\"Doe: Jane\":mailto:j@x.org";
        let (name_end, colon) = property_parts(row).expect("a property");
        assert_eq!(&row[..name_end], "ATTENDEE");
        assert_eq!(&row[colon + 1..], "mailto:j@x.org");
        assert_eq!(property_parts("no property here"), None);
    }

    #[test]
    fn common_names_are_found_quoted_or_not() {
        let params = ";ROLE=REQ-PARTICIPANT;CN=\"Farid Haddad\"";
        let (s, e) = common_name(params).expect("a CN");
        assert_eq!(&params[s..e], "Farid Haddad");
        let params = ";CN=Mei Lin;RSVP=TRUE";
        let (s, e) = common_name(params).expect("a CN");
        assert_eq!(&params[s..e], "Mei Lin");
        assert_eq!(common_name(";ROLE=CHAIR"), None);
    }
}
