//! Text that writes other text one character at a time in an escaped
//! form: HTML character references (`&#x70;&#97;`), quoted-printable
//! (`=3D`, soft line breaks), `\uXXXX` and `\xXX` escapes of JavaScript
//! and JSON text that is not a document of its own, and lines continued
//! with a backslash (Java `.properties`, shell, `.reg` files), and the
//! lines of a quoted e-mail reply (`> `, `>> `), whose prefixes stand
//! between a label and the value on the line below it, the content lines
//! of iCalendar and vCard (RFC 5545, RFC 6350: folded at 75 octets, a
//! continuation line starting with a space or a tab, and `\n`, `\,`,
//! `\;`, `\\` escaped in values), and text marked up as Slack's mrkdwn or
//! Markdown writes it (`*Label:* `value``, `_x_`), whose marks stand
//! between a label and its value.
//!
//! Each is read as a *view*: the decoded text, and for each of its bytes
//! the offset in the original it came from, as the percent-encoded view
//! is read. The text pass scrubs the view with the same rules and writes
//! what it replaces back over the original span, escaped the way the view
//! escapes it, so the rest of the text stays as it was. A view is only
//! made when a cheap byte test ([`super::marks::Marks`]) and a search for
//! its escape find one.

use super::marks::Marks;

/// How a view encodes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Escaping {
    /// `&#x41;`, `&#65;`, `&quot;`.
    Entities,
    /// `=41`, `=\r\n`.
    QuotedPrintable,
    /// `\u0041`, `\x41`.
    Escapes,
    /// `\` at the end of a line, then the next line's indentation.
    Continuation,
    /// Fullwidth forms and invisible characters ([`super::folded`]):
    /// written back in plain ASCII.
    Folded,
    /// `>` (one or more, each maybe followed by a space) at the start of
    /// a line.
    Quoted,
    /// iCalendar and vCard content lines: a line break followed by a
    /// space or a tab (a fold), and `\n`, `\,`, `\;`, `\\` in values.
    ContentLines,
    /// Emphasis marks (`*`, `_`, `~`) at the edge of a word and code
    /// marks (`` ` ``): written back as plain text.
    Markup,
    /// Bytes as C escapes, `\xd0` or octal `\320` ([`super::byte_escapes`]).
    Bytes { octal: bool },
}

/// A decoded view of a text.
#[derive(Debug)]
pub(super) struct View {
    pub(super) escaping: Escaping,
    pub(super) decoded: String,
    /// For each byte of `decoded`, and its end, the offset in the original
    /// text it came from.
    pub(super) map: Vec<usize>,
    /// For each byte of `decoded`, where what it came from ends in the
    /// original (after an escape's last character), so that a span of
    /// the view ends where its last character's source does, not where
    /// the next one's starts: what the view drops after it (a code mark,
    /// a fold, an invisible character) stays.
    pub(super) ends: Vec<usize>,
}

impl View {
    /// The span of the original text that `start..end` of the view came
    /// from.
    pub(super) fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.map[start];
        let to = match end.checked_sub(1) {
            Some(last) if end > start => self.ends[last],
            _ => self.map[end],
        };
        (from, to.max(from))
    }
}

/// The views `text` has: none for almost every text.
pub(super) fn views(text: &str, marks: Marks) -> Vec<View> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Whether a byte `at` is followed by one of `next`, for every `at`
    // (found with `memchr`).
    let followed = |at: char, next: &[u8]| {
        text.match_indices(at)
            .any(|(i, _)| b.get(i + 1).is_some_and(|c| next.contains(c)))
    };
    if marks.ampersand() && followed('&', b"#") {
        out.extend(decode(text, Escaping::Entities));
    }
    // Quoted-printable is a body of lines: soft line breaks and an escape
    // (`=3D`, `=C3=BC`), or a header saying so. A `=` alone at the end of
    // a line is base64's padding as often (an LDIF or `.env` value).
    let escaped_byte = || {
        text.match_indices('=').any(|(i, _)| {
            b.get(i + 1).copied().and_then(upper_hex).is_some()
                && b.get(i + 2).copied().and_then(upper_hex).is_some()
        })
    };
    if marks.equals()
        && marks.newline()
        && (mentions_qp(text) || followed('=', b"\r\n") && escaped_byte())
    {
        out.extend(decode(text, Escaping::QuotedPrintable));
    }
    if marks.backslash() {
        if followed('\\', b"ux") {
            out.extend(decode(text, Escaping::Escapes));
        }
        if marks.newline() && followed('\\', b"\r\n") {
            out.extend(decode(text, Escaping::Continuation));
        }
    }
    // Quoted lines: two at least, so that a lone `>` (a prompt, a
    // redirect) makes no view.
    if marks.greater() && marks.newline() && quotes_lines(text) {
        out.extend(decode(text, Escaping::Quoted));
    }
    // Content lines: a fold or a value's escape first (two searches for
    // a byte), then a calendar's or a card's property.
    if (marks.newline() && followed('\n', b" \t") || marks.backslash() && followed('\\', b",;nN"))
        && content_lines(text)
    {
        out.extend(decode(text, Escaping::ContentLines));
    }
    if marks.markup() && marked_up(text) {
        out.extend(decode(text, Escaping::Markup));
    }
    out
}

/// Whether `text` is (part of) an iCalendar or a vCard: a `BEGIN:V...`
/// line, or a property of theirs that holds free text.
fn content_lines(text: &str) -> bool {
    const PROPERTIES: [&str; 5] = ["BEGIN:V", "DESCRIPTION", "NOTE:", "COMMENT:", "SUMMARY:"];
    PROPERTIES.iter().any(|p| text.contains(p))
}

/// Whether `text` has a code mark, or an emphasis mark next to a label's
/// colon (`*Label:*`, `*Label*:`, `_Label:_`).
fn marked_up(text: &str) -> bool {
    let b = text.as_bytes();
    let mark = |at: Option<usize>| {
        at.and_then(|i| b.get(i))
            .is_some_and(|c| matches!(c, b'*' | b'_'))
    };
    text.contains('`')
        || text
            .match_indices(':')
            .any(|(i, _)| mark(i.checked_sub(1)) || mark(Some(i + 1)))
}

/// Whether two lines of `text` or more start with `>`.
fn quotes_lines(text: &str) -> bool {
    let first = usize::from(text.starts_with('>'));
    first + text.matches("\n>").take(2).count() >= 2
}

/// Whether a MIME header says the body is quoted-printable (two literal
/// searches, as headers write it).
fn mentions_qp(text: &str) -> bool {
    text.contains("uoted-printable") || text.contains("UOTED-PRINTABLE")
}

/// `text` decoded under `escaping`; `None` when nothing was decoded or
/// the result is not UTF-8.
fn decode(text: &str, escaping: Escaping) -> Option<View> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut ends = Vec::with_capacity(bytes.len());
    let mut decoded = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let step = match escaping {
            Escaping::Entities => entity(text, i),
            Escaping::QuotedPrintable => qp(bytes, i),
            Escaping::Escapes => escape(text, i),
            Escaping::Continuation => continuation(bytes, i),
            Escaping::Quoted => quote_prefix(bytes, i),
            Escaping::ContentLines => content_line(bytes, i),
            Escaping::Markup => markup(bytes, i),
            // Built character by character by `folded::view` and
            // `byte_escapes::view`.
            Escaping::Folded | Escaping::Bytes { .. } => None,
        };
        match step {
            Some((len, produced)) => {
                for b in produced.as_bytes() {
                    out.push(*b);
                    map.push(i);
                    ends.push(i + len);
                }
                decoded += 1;
                i += len;
            }
            None => {
                out.push(bytes[i]);
                map.push(i);
                ends.push(i + 1);
                i += 1;
            }
        }
    }
    map.push(bytes.len());
    if decoded == 0 {
        return None;
    }
    let decoded = String::from_utf8(out).ok()?;
    Some(View {
        escaping,
        decoded,
        map,
        ends,
    })
}

/// The character reference at `i`: its length and what it stands for.
fn entity(text: &str, i: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes[i] != b'&' {
        return None;
    }
    let rest = &text[i + 1..];
    let semi = rest.get(..rest.len().min(10))?.find(';')?;
    let body = &rest[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)?
    } else {
        match body {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            "nbsp" => ' ',
            _ => return None,
        }
    };
    Some((semi + 2, c.to_string()))
}

/// The quoted-printable escape at `i`: a soft line break (nothing) or
/// `=XX` (a byte; UTF-8 of one character may take several).
fn qp(bytes: &[u8], i: usize) -> Option<(usize, String)> {
    if bytes[i] != b'=' {
        return None;
    }
    if bytes[i + 1..].starts_with(b"\r\n") {
        return Some((3, String::new()));
    }
    if bytes.get(i + 1) == Some(&b'\n') {
        return Some((2, String::new()));
    }
    // The bytes of one character, `=C3=A9`.
    let mut raw = Vec::new();
    let mut j = i;
    while bytes.get(j) == Some(&b'=') && raw.len() < 4 {
        let hi = upper_hex(*bytes.get(j + 1)?);
        let lo = upper_hex(*bytes.get(j + 2)?);
        let (Some(hi), Some(lo)) = (hi, lo) else {
            break;
        };
        raw.push(hi << 4 | lo);
        j += 3;
        if std::str::from_utf8(&raw).is_ok() {
            return Some((j - i, String::from_utf8(raw).ok()?));
        }
    }
    None
}

/// The value of an upper-case hex digit (quoted-printable writes only
/// those, which keeps `=ab` in a query string from reading as an escape).
fn upper_hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The `\uXXXX` (a surrogate pair taking two) or `\xXX` escape at `i`.
fn escape(text: &str, i: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes[i] != b'\\' {
        return None;
    }
    let unit = |at: usize| {
        text.get(at..at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    };
    match bytes.get(i + 1)? {
        b'u' => {
            let hi = unit(i + 2)?;
            if (0xD800..0xDC00).contains(&hi) {
                if text.get(i + 6..i + 8) != Some("\\u") {
                    return None;
                }
                let lo = unit(i + 8)?;
                let s = String::from_utf16(&[hi, lo]).ok()?;
                return Some((12, s));
            }
            Some((6, String::from_utf16(&[hi]).ok()?))
        }
        b'x' => {
            let h = text.get(i + 2..i + 4)?;
            let b = u8::from_str_radix(h, 16).ok()?;
            (b.is_ascii() && !h.starts_with(['+', '-'])).then(|| (4, char::from(b).to_string()))
        }
        _ => None,
    }
}

/// A backslash that ends a line, and the next line's indentation.
fn continuation(bytes: &[u8], i: usize) -> Option<(usize, String)> {
    if bytes[i] != b'\\' {
        return None;
    }
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'\r') {
        j += 1;
    }
    if bytes.get(j) != Some(&b'\n') {
        return None;
    }
    j += 1;
    while matches!(bytes.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    Some((j - i, String::new()))
}

/// The quote marks that start a line at `i` (`> `, `>> `, `> > `):
/// nothing in the view.
fn quote_prefix(bytes: &[u8], i: usize) -> Option<(usize, String)> {
    if bytes[i] != b'>' || (i > 0 && bytes[i - 1] != b'\n') {
        return None;
    }
    let mut j = i;
    while bytes.get(j) == Some(&b'>') {
        j += 1;
        if bytes.get(j) == Some(&b' ') {
            j += 1;
        }
    }
    Some((j - i, String::new()))
}

/// A fold (a line break and the space or tab that starts the next line)
/// or a value's escape (`\n`, `\N`, `\,`, `\;`, `\:`, `\\`) at `i`.
fn content_line(bytes: &[u8], i: usize) -> Option<(usize, String)> {
    let next = |k: usize| bytes.get(i + k).copied();
    match bytes[i] {
        b'\r' if next(1) == Some(b'\n') && matches!(next(2), Some(b' ' | b'\t')) => {
            Some((3, String::new()))
        }
        b'\n' if matches!(next(1), Some(b' ' | b'\t')) => Some((2, String::new())),
        // Unfolding comes before unescaping: a fold may stand between a
        // backslash and what it escapes.
        b'\\' => {
            let fold = match (next(1)?, next(2), next(3)) {
                (b'\r', Some(b'\n'), Some(b' ' | b'\t')) => 3,
                (b'\n', Some(b' ' | b'\t'), _) => 2,
                _ => 0,
            };
            match next(1 + fold)? {
                b'n' | b'N' => Some((2 + fold, "\n".to_owned())),
                c @ (b',' | b';' | b':' | b'\\') => Some((2 + fold, char::from(c).to_string())),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A mark of mrkdwn or Markdown at `i`: a code mark (`` ` ``), or an
/// emphasis mark (`*`, `_`, `~`) at the edge of a word (`snake_case` and
/// `2*3` keep theirs).
fn markup(bytes: &[u8], i: usize) -> Option<(usize, String)> {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    match bytes[i] {
        b'`' => Some((1, String::new())),
        b'*' | b'_' | b'~'
            if !(word(i.checked_sub(1).and_then(|p| bytes.get(p))) && word(bytes.get(i + 1))) =>
        {
            Some((1, String::new()))
        }
        _ => None,
    }
}

/// `with` written the way `escaping` writes text, so that what replaces a
/// span reads back as itself.
pub(super) fn encode(escaping: Escaping, with: &str) -> String {
    use std::fmt::Write as _;
    if let Escaping::Bytes { octal } = escaping {
        return super::byte_escapes::encode(with, octal);
    }
    let mut out = String::with_capacity(with.len() + 8);
    for c in with.chars() {
        match escaping {
            Escaping::Entities => match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            },
            Escaping::QuotedPrintable => {
                if c.is_ascii_graphic() && c != '=' || c == ' ' {
                    out.push(c);
                } else {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        let _ = write!(out, "={b:02X}");
                    }
                }
            }
            Escaping::Escapes => match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            },
            Escaping::Continuation
            | Escaping::Folded
            | Escaping::Markup
            | Escaping::Bytes { .. } => out.push(c),
            // A value's text escaped as RFC 5545 and 6350 write it (the
            // line is left unfolded: readers take longer lines).
            Escaping::ContentLines => match c {
                '\\' | ',' | ';' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => {}
                c => out.push(c),
            },
            // A value found on quoted lines is written on one line: its
            // line breaks (a pseudonym keeps them) take the quote mark.
            Escaping::Quoted => {
                out.push(c);
                if c == '\n' {
                    out.push_str("> ");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> Vec<(Escaping, String)> {
        views(text, Marks::of(text))
            .into_iter()
            .map(|v| (v.escaping, v.decoded))
            .collect()
    }

    #[test]
    fn character_references_decode_with_their_offsets() {
        let v = &views("a&#x70;&#97;ss&quot;", Marks::of("a&#x70;&#97;ss&quot;"))[0];
        assert_eq!(v.decoded, "apass\"");
        assert_eq!(v.map, [0, 1, 7, 12, 13, 14, 20]);
        assert!(view("fish & chips").is_empty());
        assert!(view("a &#zz; b").is_empty());
    }

    #[test]
    fn quoted_printable_joins_soft_breaks_and_decodes_characters() {
        assert_eq!(
            view("Passwort=3D gr=C3=BC=\r\nn42 Ende"),
            [(
                Escaping::QuotedPrintable,
                "Passwort= grün42 Ende".to_owned()
            )]
        );
        // Lower-case hex in a query string is no escape.
        assert!(view("a=ab&b=cd").is_empty());
        // Base64's padding at the end of a line is no soft line break.
        assert!(view("userPassword:: VHIwdWI0ZG9y=\nsn: plain\n").is_empty());
        assert_eq!(
            view("a=\nb=3D\n"),
            [(Escaping::QuotedPrintable, "ab=\n".to_owned())]
        );
    }

    #[test]
    fn js_escapes_and_continuations_decode() {
        assert_eq!(
            view(r#"{"k":"\u0031\u0032\u002F"}"#),
            [(Escaping::Escapes, r#"{"k":"12/"}"#.to_owned())]
        );
        assert_eq!(
            view("\\ud83d\\ude00"),
            [(Escaping::Escapes, "\u{1f600}".to_owned())]
        );
        assert_eq!(
            view("key=\\\n    ab\\\r\n  cd"),
            [(Escaping::Continuation, "key=abcd".to_owned())]
        );
        assert!(view("C:\\Users\\x").is_empty());
    }

    #[test]
    fn quoted_lines_lose_their_marks() {
        let text = "On Tue, Ops wrote:\n> Hi,\n>> here it is:\n> > \n>\n> 4711\nx > y\n";
        let v = &views(text, Marks::of(text))[0];
        assert_eq!(v.escaping, Escaping::Quoted);
        assert_eq!(
            v.decoded,
            "On Tue, Ops wrote:\nHi,\nhere it is:\n\n\n4711\nx > y\n"
        );
        let four = v.decoded.find("4711").unwrap_or_default();
        assert_eq!(&text[v.map[four]..v.map[four + 4]], "4711");
        // One quoted line (a prompt, a redirect) is no reply.
        assert!(view("$ echo x\n> out.txt\n").is_empty());
        assert_eq!(encode(Escaping::Quoted, "a\nb"), "a\n> b");
    }

    #[test]
    fn calendar_content_lines_unfold_and_unescape() {
        let text = "BEGIN:VEVENT\r\nDESCRIPTION:Door code: 12\\, 34\\; and the pass\r\n word: x\\ny\r\nEND:VEVENT";
        let v = &views(text, Marks::of(text))[0];
        assert_eq!(v.escaping, Escaping::ContentLines);
        assert_eq!(
            v.decoded,
            "BEGIN:VEVENT\r\nDESCRIPTION:Door code: 12, 34; and the password: x\ny\r\nEND:VEVENT"
        );
        let at = v.decoded.find("password").unwrap_or_default();
        assert_eq!(&text[v.map[at]..v.map[at + 8]], "pass\r\n word");
        assert_eq!(
            encode(Escaping::ContentLines, "a,b;c\\d\ne"),
            "a\\,b\\;c\\\\d\\ne"
        );
        // A fold between a backslash and what it escapes.
        let text = "NOTE:Núñez\\\r\n n9882 SE Division St\\\n\t,x";
        assert!(view(text).contains(&(
            Escaping::ContentLines,
            "NOTE:Núñez\n9882 SE Division St,x".to_owned()
        )));
        // No calendar, no view.
        assert!(view("line one\n indented").is_empty());
    }

    #[test]
    fn regression_a_span_ends_before_the_marks_the_view_dropped_after_it() {
        let text = "*sid:* `AC12`";
        let v = &views(text, Marks::of(text))[0];
        let at = v.decoded.find("AC12").unwrap_or_default();
        let (start, end) = v.span(at, v.decoded.len());
        assert_eq!(&text[start..end], "AC12");
        let text = "a &#x70;&#x71; b";
        let v = &views(text, Marks::of(text))[0];
        assert_eq!(v.span(2, 4), (2, 14));
    }

    #[test]
    fn mrkdwn_marks_are_read_as_plain_text() {
        assert_eq!(
            view("*Password:* `hunter2` and _api_key_: ~x~"),
            [(
                Escaping::Markup,
                "Password: hunter2 and api_key: x".to_owned()
            )]
        );
        // Marks inside a word stay; no mark next to a colon, no view.
        assert!(view("2*3 is snake_case").is_empty());
    }

    #[test]
    fn replacements_are_written_the_way_the_view_escapes() {
        assert_eq!(encode(Escaping::Entities, "a&\"b"), "a&amp;&quot;b");
        assert_eq!(encode(Escaping::QuotedPrintable, "a=ü"), "a=3D=C3=BC");
        assert_eq!(encode(Escaping::Escapes, "a\"b"), "a\\\"b");
    }

    proptest::proptest! {
        /// A view never panics, and maps every decoded character boundary
        /// to one of the original.
        #[test]
        fn views_map_inside_the_text(text in "(&#x?[0-9a-f]{0,3};?|=[0-9A-F\r\n]{0,2}|\\\\[ux0-9a-f\n,;]{0,5}|\n>{0,3} ?|\r?\n[ \t]|NOTE:|[*_`~:]|[a-z é])*") {
            for v in views(&text, Marks::of(&text)) {
                proptest::prop_assert_eq!(v.map.len(), v.decoded.len() + 1);
                proptest::prop_assert_eq!(v.ends.len(), v.decoded.len());
                for j in 0..v.decoded.len() {
                    proptest::prop_assert!(v.map[j] < v.ends[j] && v.ends[j] <= text.len());
                    if j + 1 == v.decoded.len() || v.decoded.is_char_boundary(j + 1) {
                        proptest::prop_assert!(text.is_char_boundary(v.ends[j]));
                    }
                }
                proptest::prop_assert!(v.map.iter().all(|&m| m <= text.len()));
                for (j, &m) in v.map.iter().enumerate() {
                    if v.decoded.is_char_boundary(j) {
                        proptest::prop_assert!(text.is_char_boundary(m));
                    }
                }
            }
        }
    }
}
