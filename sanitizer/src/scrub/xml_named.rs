//! XML elements whose name is given by an attribute: Windows event logs
//! (`<Data Name="TargetUserName">x</Data>`), Spring and Ant properties
//! (`<property name="password" value="..."/>`, or the value as the
//! element's text or in a `<value>` child), .NET `appSettings` (`<add
//! key="ApiKey" value="..."/>`), Java properties in XML (`<entry
//! key="...">...</entry>`), `<param name=..>`, HTML's `<meta name=..
//! content=..>`, and the same with namespace prefixes on the element or
//! the attributes (`<cfg:entry cfg:name=".." cfg:value=".."/>`).
//!
//! The naming attribute's value is read as the name of the element's
//! value (the `value`/`content` attribute, or else its text), as an
//! object member's key names its value
//! ([`Columns::rule_for`](super::table::Columns::rule_for)).
//!
//! Looked for only in text that has an attribute called like a name
//! ([`mentions`]).

use super::table::{Cell, Columns};

/// Attributes whose value names the element's value (local names,
/// lowercase).
const NAME_ATTRS: &[&str] = &[
    "name",
    "key",
    "property",
    "param",
    "field",
    "attribute",
    "variable",
];

/// Attributes that hold the element's value (local names, lowercase).
const VALUE_ATTRS: &[&str] = &["value", "val", "content"];

/// The longest element head read.
const MAX_HEAD: usize = 4096;

/// Whether `text` may hold an element named by an attribute: a `<` and
/// an `=` after one of [`NAME_ATTRS`]' last three letters.
pub(crate) fn mentions(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&b'<')
        && bytes.iter().enumerate().any(|(i, &b)| {
            b == b'='
                && i >= 3
                && matches!(
                    [
                        bytes[i - 3] | 0x20,
                        bytes[i - 2] | 0x20,
                        bytes[i - 1] | 0x20
                    ],
                    [b'a', b'm', b'e'] // name
                        | [_, b'e', b'y'] // key
                        | [b'r', b't', b'y'] // property
                        | [b'r', b'a', b'm'] // param
                        | [b'e', b'l', b'd'] // field
                        | [b'u', b't', b'e'] // attribute
                        | [b'b', b'l', b'e'] // variable
                )
        })
}

/// An attribute: its local name and its value's span.
struct Attr<'t> {
    local: &'t str,
    start: usize,
    end: usize,
}

/// Whether `b` may be part of an XML name.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':') || b >= 0x80
}

/// The name at `at` of `text` and where it ends.
fn name_at(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let len = bytes[at..].iter().take_while(|&&b| is_name_byte(b)).count();
    (len > 0 && text.is_char_boundary(at + len)).then(|| (&text[at..at + len], at + len))
}

/// A name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The head of the element opening at `open` (a `<`): its tag, its
/// attributes, where the head ends (after `>`) and whether it closes
/// itself (`/>`).
fn head(text: &str, open: usize) -> Option<(&str, Vec<Attr<'_>>, usize, bool)> {
    let bytes = text.as_bytes();
    let (tag, mut i) = name_at(text, open + 1)?;
    let mut attrs = Vec::new();
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i - open > MAX_HEAD {
            return None;
        }
        match *bytes.get(i)? {
            b'>' => return Some((tag, attrs, i + 1, false)),
            b'/' if bytes.get(i + 1) == Some(&b'>') => return Some((tag, attrs, i + 2, true)),
            _ => {}
        }
        let (name, end) = name_at(text, i)?;
        i = end;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let quote = *bytes.get(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = bytes[i + 1..].iter().position(|&b| b == quote)?;
        attrs.push(Attr {
            local: local(name),
            start: i + 1,
            end: i + 1 + len,
        });
        i += len + 2;
    }
}

/// Whether `name` is one of `names` (lowercase), in any ASCII case.
fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The span of the text of the element whose head ends at `from`, when
/// it holds only text (trimmed), or only a `<value>` child holding text.
fn text_of(text: &str, from: usize) -> Option<(usize, usize)> {
    let lt = text[from..].find('<')? + from;
    let bytes = text.as_bytes();
    if bytes.get(lt + 1) == Some(&b'/') {
        let raw = &text[from..lt];
        let trimmed = raw.trim();
        let start = from + (raw.len() - raw.trim_start().len());
        return (!trimmed.is_empty()).then_some((start, start + trimmed.len()));
    }
    if !text[from..lt].trim().is_empty() {
        return None;
    }
    let (tag, attrs, end, closed) = head(text, lt)?;
    if closed || !attrs.is_empty() || !local(tag).eq_ignore_ascii_case("value") {
        return None;
    }
    text_of(text, end)
}

/// The values of the elements in `text` named by an attribute that their
/// names take.
pub(crate) fn named_values(text: &str, columns: &Columns<'_>, scratch: &mut String) -> Vec<Cell> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(open) = bytes[at..].iter().position(|&b| b == b'<').map(|p| at + p) {
        at = open + 1;
        if !bytes
            .get(open + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
        {
            continue;
        }
        let Some((_, attrs, end, closed)) = head(text, open) else {
            continue;
        };
        at = end;
        let Some(name) = attrs.iter().find(|a| is_one_of(a.local, NAME_ATTRS)) else {
            continue;
        };
        let name = &text[name.start..name.end];
        let value = match attrs.iter().find(|a| is_one_of(a.local, VALUE_ATTRS)) {
            Some(v) => Some((v.start, v.end)),
            None if !closed => text_of(text, end),
            None => None,
        };
        if let Some((start, end)) = value
            && start < end
            && let Some(rule) = columns.rule_for(name, &text[start..end], scratch)
        {
            out.push(Cell { start, end, rule });
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
        assert!(mentions(text) || text == expected, "{text}");
        assert_eq!(
            marked("password|api_key|token", text, named_values),
            expected
        );
    }

    #[test]
    fn an_attribute_names_the_elements_value() {
        check(
            r#"<EventData><Data Name="Operation">Set</Data><Data Name="ApiKey">a &amp; b</Data></EventData>"#,
            r#"<EventData><Data Name="Operation">Set</Data><Data Name="ApiKey">[x]</Data></EventData>"#,
        );
        check(
            r#"<appSettings><add key="ApiKey" value="k1"/><add key="Mode" value="x"/></appSettings>"#,
            r#"<appSettings><add key="ApiKey" value="[x]"/><add key="Mode" value="x"/></appSettings>"#,
        );
        check(
            r#"<bean><property name="password"><value> s3cret </value></property></bean>"#,
            r#"<bean><property name="password"><value> [x] </value></property></bean>"#,
        );
        check(
            r#"<properties><entry key='token'>t0k</entry></properties>"#,
            r#"<properties><entry key='token'>[x]</entry></properties>"#,
        );
        check(
            r#"<cfg:s xmlns:cfg="urn:a"><cfg:entry cfg:name="authToken" cfg:value="d5"/></cfg:s>"#,
            r#"<cfg:s xmlns:cfg="urn:a"><cfg:entry cfg:name="authToken" cfg:value="[x]"/></cfg:s>"#,
        );
    }

    #[test]
    fn elements_with_no_value_or_a_harmless_name_stay() {
        for text in [
            r#"<Data Name="Password"/>"#,
            r#"<Data Name="Password"><Sub>x</Sub></Data>"#,
            r#"<input name="password" type="password">"#,
            r#"<param name="retries">3</param>"#,
            r#"<a name=password>x</a>"#,
            "<Data Name=\"Password\">",
        ] {
            check(text, text);
        }
    }
}
