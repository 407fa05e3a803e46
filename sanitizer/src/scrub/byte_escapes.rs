//! Bytes written with C escapes, as Python's `repr` of `bytes`
//! (`b'\xd0\x98\xd0\xb2...'`) and `strace` (`"\320\230\320\262..."`,
//! `\n`, `\"`) print a buffer: every byte that is not printable ASCII is
//! a `\xNN` or an octal `\NNN` escape, so a name in another script, or
//! text next to a line break, is read by no rule as it is written.
//!
//! The text is read as a view ([`View`], [`Escaping::Bytes`]): escapes of
//! bytes decoded, their UTF-8 read as the characters it encodes, and `\n`,
//! `\r`, `\t`, `\\`, `\"` and `\'` as what they stand for. What the view
//! finds is written back over the span it came from, escaped as the text
//! escapes its bytes (`\xNN`, or octal when the text uses octal). The view
//! is made only when the text has an escape of a byte the `\u`/`\x` view
//! ([`super::views`]) does not read: a `\x` of a byte over 0x7F, or an
//! octal escape.

use super::marks::Marks;
use super::views::{Escaping, View};

/// The byte an escape at `i` (a backslash) stands for, and its length.
fn escape_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let hex = |c: u8| char::from(c).to_digit(16);
    match *b.get(i + 1)? {
        b'x' => {
            let (h, l) = (hex(*b.get(i + 2)?)?, hex(*b.get(i + 3)?)?);
            Some(((h << 4 | l) as u8, 4))
        }
        d @ b'0'..=b'7' => {
            // One to three octal digits, as C reads them.
            let mut v = u32::from(d - b'0');
            let mut len = 2;
            while len < 4
                && let Some(&c @ b'0'..=b'7') = b.get(i + len)
            {
                v = v * 8 + u32::from(c - b'0');
                len += 1;
            }
            Some((u8::try_from(v).ok()?, len))
        }
        b'n' => Some((b'\n', 2)),
        b'r' => Some((b'\r', 2)),
        b't' => Some((b'\t', 2)),
        c @ (b'\\' | b'"' | b'\'') => Some((c, 2)),
        _ => None,
    }
}

/// Whether `text` has an escape of a byte that is no ASCII character
/// (`\xd0`), or an octal escape (`\320`, `\0`); and whether octal.
fn needs_view(text: &str) -> Option<bool> {
    let b = text.as_bytes();
    let mut found = None;
    for (i, _) in text.match_indices('\\') {
        match b.get(i + 1) {
            Some(b'x')
                if b.get(i + 2)
                    .is_some_and(|c| matches!(c, b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'))
                    && b.get(i + 3).is_some_and(u8::is_ascii_hexdigit) =>
            {
                found.get_or_insert(false);
            }
            Some(b'0'..=b'3')
                if b.get(i + 2).is_some_and(|c| matches!(c, b'0'..=b'7'))
                    && b.get(i + 3).is_some_and(|c| matches!(c, b'0'..=b'7')) =>
            {
                return Some(true);
            }
            _ => {}
        }
    }
    found
}

/// The view of `text` with its byte escapes decoded, when it has one the
/// other views do not read and the bytes are UTF-8.
pub(super) fn view(text: &str, marks: Marks) -> Option<View> {
    if !marks.backslash() {
        return None;
    }
    let octal = needs_view(text)?;
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut map = Vec::with_capacity(b.len() + 1);
    let mut ends = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (byte, len) = if b[i] == b'\\' {
            escape_at(b, i).unwrap_or((b[i], 1))
        } else {
            (b[i], 1)
        };
        out.push(byte);
        map.push(i);
        ends.push(i + len);
        i += len;
    }
    map.push(b.len());
    let decoded = String::from_utf8(out).ok()?;
    Some(View {
        escaping: Escaping::Bytes { octal },
        decoded,
        map,
        ends,
    })
}

/// `with` escaped as bytes are in the text: printable ASCII as itself
/// (`\`, `"` and `'` after a backslash), every other byte as `\xNN` or
/// octal `\NNN`.
pub(super) fn encode(with: &str, octal: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(with.len() + 8);
    for b in with.bytes() {
        match b {
            b'\\' | b'"' | b'\'' => {
                out.push('\\');
                out.push(char::from(b));
            }
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(char::from(b)),
            _ if octal => {
                let _ = write!(out, "\\{b:o}");
            }
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decoded(text: &str) -> Option<String> {
        view(text, Marks::of(text)).map(|v| v.decoded)
    }

    #[test]
    fn escaped_bytes_read_as_text() {
        let name = "Иван";
        let py = format!("b'name={}\\n'", encode(name, false));
        assert_eq!(decoded(&py).as_deref(), Some("b'name=Иван\n'"));
        let st = format!("write(5, \"{}\\n\", 9)", encode(name, true));
        assert_eq!(decoded(&st).as_deref(), Some("write(5, \"Иван\n\", 9)"));
        // Only ASCII escapes: the `\x` view reads those.
        assert_eq!(decoded("a\\x41b\\n"), None);
        assert_eq!(decoded("plain"), None);
    }

    proptest! {
        #[test]
        fn views_never_panic_and_map_inside_the_text(s in "(\\\\|x|[0-9a-f]{1,3}|[nrt'\"]|é| )*") {
            if let Some(v) = view(&s, Marks::of(&s)) {
                prop_assert_eq!(v.map.len(), v.decoded.len() + 1);
                prop_assert!(v.ends.iter().all(|&e| e <= s.len()));
            }
        }

        #[test]
        fn encoded_text_decodes_back(s in "[a-z\u{e9}\u{410}-\u{44f} \n\"'\\\\]{0,12}", octal in any::<bool>()) {
            let text = format!("{}{}", encode("\u{e9}", true), encode(&s, octal));
            let v = view(&text, Marks::of(&text));
            prop_assert_eq!(v.map(|v| v.decoded), Some(format!("\u{e9}{s}")));
        }
    }
}
