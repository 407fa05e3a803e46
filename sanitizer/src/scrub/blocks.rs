//! Encoded blocks inside a longer text, read as the text they encode:
//!
//! - a `hexdump -C` listing (offset, sixteen hex bytes, the printable
//!   gutter), whose bytes run on across its lines;
//! - hex bytes written with a separator (`70:61:73`, `70 61 73`,
//!   `70,00,61,00` with a `.reg` file's `\` continued lines), as UTF-8 or
//!   UTF-16LE text;
//! - base64 wrapped over lines of one width (a MIME body, a PEM-less
//!   attachment), whose lines only decode to the text together;
//! - base64 of a JSON document inside text (`state=eyJ...` in a URL);
//! - an LDIF attribute's base64 value (`attr:: ...`, folded over lines
//!   that start with a space).
//!
//! A block whose value a name announces, a `.reg` file's
//! `"Name"=hex(2):...` or an LDIF `name:: ...`, carries that name
//! ([`Block::label`]): the text pass scrubs what it encodes as the value
//! of a member of that name, so key rules apply as they do to the same
//! value written plainly (`"Name"="..."`, `name: ...`).
//!
//! The text pass scrubs what a block encodes with the same rules and,
//! when that changes something, writes the whole block again in its own
//! form (a hexdump's gutter included). Each form is looked for only when a
//! cheap test says the text may hold it: a count of hex pairs the marks
//! pass takes ([`super::marks::Marks::hex_pairs`]), a line break in a long
//! text, an `eyJ` (noted by [`super::records::mentions`]'s pass).

use base64::Engine as _;

use super::marks::Marks;
use crate::detect::engine;

/// Fewest bytes a separated hex block holds: a MAC address (six) is no
/// text.
const MIN_HEX_BYTES: usize = 8;
/// Fewest characters of a base64 line in a wrapped block.
const MIN_LINE: usize = 40;

/// How a block writes its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Form {
    /// `hexdump -C` lines, the first at this offset.
    Dump { offset: usize },
    /// Hex pairs joined by `sep`; `utf16`: the text is UTF-16LE, with
    /// `nuls` terminating NUL characters; `lines`: the NULs between the
    /// strings of a `.reg` multi-string (`hex(7)`) read as line breaks;
    /// `wrap`: continued over lines as a `.reg` file writes them.
    Hex {
        sep: u8,
        upper: bool,
        utf16: bool,
        nuls: usize,
        lines: bool,
        wrap: Option<Wrap>,
    },
    /// An LDIF attribute's base64 value, its first line holding `first`
    /// characters and each continuation line (after its space) `rest`.
    Ldif {
        first: usize,
        rest: usize,
        crlf: bool,
    },
    /// Base64 lines of `width` characters.
    Wrapped { width: usize, crlf: bool },
    /// Base64 of a JSON document, in the URL-safe alphabet or not, padded
    /// or not.
    Json { url_safe: bool, padded: bool },
    /// Base32 ([`super::base32`]).
    Base32(super::base32::Base32),
    /// A list of decimal byte values ([`super::byte_lists`]).
    ByteList(super::byte_lists::ByteList),
    /// The content of an Erlang binary written as a string, `<<"...">>`
    /// ([`super::byte_lists::strings`]).
    ErlangString,
    /// The hex of a CBOR byte string, `h'...'` ([`super::cbor_bytes`]).
    CborHex { upper: bool },
    /// The base64 payload of a `data:` URL ([`super::data_urls`]).
    DataUrl { padded: bool },
    /// An HTTP/1.1 chunked body ([`super::chunked`]).
    Chunked(super::chunked::Chunks),
}

/// How a `.reg` file continues a hex value over lines: `first` bytes on
/// the value's first line, `rest` on each line after it, each continued
/// line ending in `,\` and the next indented by `indent` spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wrap {
    first: usize,
    rest: usize,
    indent: usize,
    crlf: bool,
}

/// A block: its span in the text, the text it encodes, and its form.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) form: Form,
    /// The name that announces the block's value, and where that name
    /// starts in the text (the name and its separator, up to `start`,
    /// belong to the block).
    pub(super) label: Option<(String, usize)>,
}

/// The blocks of `text`: none for almost every text. `json_base64`: the
/// text holds `eyJ` or `eyI`; `ldif`: it holds `:: `
/// ([`super::records::mentions`]).
pub(super) fn blocks(text: &str, marks: Marks, json_base64: bool, ldif: bool) -> Vec<Block> {
    let mut out = Vec::new();
    if ldif {
        ldif_values(text, &mut out);
    }
    if marks.hex_pairs() >= 4 {
        let dumps = dumps(text);
        hex_runs(text, &dumps, &mut out);
        out.extend(dumps);
    }
    if marks.newline() && text.len() >= 2 * MIN_LINE {
        wrapped(text, &mut out);
    }
    if json_base64 {
        json_runs(text, &mut out);
    }
    encoded_runs(text, marks, &mut out);
    out
}

/// Runs of the encodings that have a module of their own: base32, byte
/// lists, CBOR byte strings, `data:` URLs. Each is looked for only when a
/// mark it needs is there (base32 as a whole text is tested first by its
/// first bytes).
fn encoded_runs(text: &str, marks: Marks, out: &mut Vec<Block>) {
    // A chunked body is read whole: what is inside it is read in it.
    if marks.newline()
        && let Some((start, end, t, chunks)) = super::chunked::body(text, true)
    {
        out.retain(|b| b.end <= start || b.start >= end);
        out.push(Block {
            start,
            end,
            text: t,
            form: Form::Chunked(chunks),
            label: None,
        });
    }
    let mut push = |start: usize, end: usize, text: String, form: Form, label| {
        if !out.iter().any(|b| b.start < end && start < b.end) {
            out.push(Block {
                start,
                end,
                text,
                form,
                label,
            });
        }
    };
    if text.len() >= 16 {
        for (start, end, t, form) in super::base32::runs(text, marks.equals()) {
            push(start, end, t, Form::Base32(form), None);
        }
    }
    if marks.less() || marks.bracket() {
        for (start, end, t, form) in super::byte_lists::runs(text, marks.less(), marks.bracket()) {
            let label = super::run_labels::label_before(text, start);
            push(start, end, t, Form::ByteList(form), label);
        }
    }
    if marks.less() {
        for (start, end, t) in super::byte_lists::strings(text) {
            if let Some(label) = super::run_labels::label_before(text, start - 3) {
                push(start, end, t, Form::ErlangString, Some(label));
            }
        }
    }
    if marks.apostrophe() {
        for (start, end, t, upper) in super::cbor_bytes::runs(text, true) {
            let label = super::run_labels::label_before(text, start - 2);
            push(start, end, t, Form::CborHex { upper }, label);
        }
    }
    if marks.semicolon() {
        for (start, end, t, padded) in super::data_urls::runs(text, true) {
            push(start, end, t, Form::DataUrl { padded }, None);
        }
    }
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

fn pair(bytes: &[u8], i: usize) -> Option<u8> {
    let (h, l) = (*bytes.get(i)?, *bytes.get(i + 1)?);
    let v = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    Some(v(h)? << 4 | v(l)?)
}

/// The printable text `bytes` hold, as UTF-16LE when every other byte is
/// a NUL, else as UTF-8; and how many NULs end it.
fn text_of(bytes: &[u8]) -> Option<(String, bool, usize)> {
    let utf16 = bytes.len() >= 4
        && bytes.len() % 2 == 0
        && bytes.iter().skip(1).step_by(2).all(|&b| b == 0);
    text_as(bytes, utf16, false).map(|(t, nuls, _)| (t, utf16, nuls))
}

/// The printable text `bytes` hold as UTF-16LE (`utf16`) or UTF-8, and
/// how many NULs end it; with `lines`, the NULs between strings (a
/// multi-string) read as line breaks, and whether there were any.
fn text_as(bytes: &[u8], utf16: bool, lines: bool) -> Option<(String, usize, bool)> {
    let mut s = if utf16 {
        if bytes.len() % 2 != 0 {
            return None;
        }
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()?
    } else {
        String::from_utf8(bytes.to_vec()).ok()?
    };
    let trimmed = s.trim_end_matches('\0').len();
    let nuls = s.len() - trimmed;
    s.truncate(trimmed);
    let mut joined = false;
    if lines && s.contains('\0') && !s.contains('\n') {
        s = s.replace('\0', "\n");
        joined = true;
    }
    super::text::is_printable(&s).then_some((s, nuls, joined))
}

/// `hexdump -C` listings: lines of an 8-digit offset, two spaces, hex
/// bytes and the gutter between `|`s.
fn dumps(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize, Vec<u8>, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        match dump_line(body) {
            Some((offset, bytes)) => {
                let end = start + body.len();
                match current.as_mut() {
                    Some(c) => {
                        c.1 = end;
                        c.2.extend(bytes);
                    }
                    None => current = Some((start, end, bytes, offset)),
                }
            }
            None => {
                if let Some((s, e, bytes, offset)) = current.take()
                    && let Some((t, false, 0)) = text_of(&bytes)
                {
                    out.push(Block {
                        start: s,
                        end: e,
                        text: t,
                        form: Form::Dump { offset },
                        label: None,
                    });
                }
            }
        }
    }
    if let Some((s, e, bytes, offset)) = current
        && let Some((t, false, 0)) = text_of(&bytes)
    {
        out.push(Block {
            start: s,
            end: e,
            text: t,
            form: Form::Dump { offset },
            label: None,
        });
    }
    out
}

/// The offset and bytes of one `hexdump -C` line.
fn dump_line(line: &str) -> Option<(usize, Vec<u8>)> {
    let b = line.as_bytes();
    if b.len() < 14 || !b[..8].iter().all(|&c| is_hex(c)) || &b[8..10] != b"  " {
        return None;
    }
    let offset = usize::from_str_radix(&line[..8], 16).ok()?;
    let bar = line.find("  |")?;
    let mut bytes = Vec::with_capacity(16);
    for part in line[10..bar].split(' ').filter(|p| !p.is_empty()) {
        if part.len() != 2 {
            return None;
        }
        bytes.push(pair(part.as_bytes(), 0)?);
    }
    (!bytes.is_empty() && bytes.len() <= 16 && line.ends_with('|')).then_some((offset, bytes))
}

/// Runs of hex pairs joined by one separator (`:`, a space, `,`, or `,`
/// and a `.reg` file's continued line), outside the `dumps`.
fn hex_runs(text: &str, dumps: &[Block], out: &mut Vec<Block>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if !(boundary && is_hex(b[i]) && is_hex(b[i + 1])) {
            i += 1;
            continue;
        }
        let start = i;
        let Some(&sep) = b.get(i + 2).filter(|s| matches!(s, b':' | b' ' | b',')) else {
            i += 1;
            continue;
        };
        let mut bytes = Vec::new();
        let mut end = i;
        let mut upper = false;
        // The byte counts at each continued line, and how it continues.
        let mut breaks: Vec<usize> = Vec::new();
        let (mut indent, mut crlf) = (0, false);
        while let Some(v) = pair(b, i) {
            if b.get(i + 2).is_some_and(|&c| is_hex(c)) {
                break;
            }
            upper |= b[i].is_ascii_uppercase() || b[i + 1].is_ascii_uppercase();
            bytes.push(v);
            end = i + 2;
            if b.get(end) != Some(&sep) {
                break;
            }
            let mut next = end + 1;
            if sep == b',' && b.get(next) == Some(&b'\\') {
                next += 1;
                crlf = b.get(next) == Some(&b'\r');
                if crlf {
                    next += 1;
                }
                if b.get(next) != Some(&b'\n') {
                    break;
                }
                next += 1;
                let from = next;
                while matches!(b.get(next), Some(b' ' | b'\t')) {
                    next += 1;
                }
                indent = next - from;
                breaks.push(bytes.len());
            }
            i = next;
        }
        i = end.max(start + 1);
        if dumps.iter().any(|d| d.start <= start && start < d.end) {
            continue;
        }
        // `"Name"=hex(2):...`: a `.reg` value, named; types 1, 2 and 7
        // are strings, UTF-16LE.
        let reg = if sep == b',' {
            reg_value(text, start)
        } else {
            None
        };
        if bytes.len() < if reg.is_some() { 2 } else { MIN_HEX_BYTES } {
            continue;
        }
        let (string, multi) = reg.as_ref().map_or((false, false), |r| (r.string, r.multi));
        let decoded = if string {
            text_as(&bytes, true, multi).map(|(t, nuls, lines)| (t, true, nuls, lines))
        } else {
            text_of(&bytes).map(|(t, utf16, nuls)| (t, utf16, nuls, false))
        };
        let Some((t, utf16, nuls, lines)) = decoded else {
            continue;
        };
        let wrap = breaks.first().map(|&first| Wrap {
            first,
            // One continued line says only that it holds no more than
            // its line width.
            rest: breaks
                .get(1)
                .map_or((bytes.len() - first).max(first), |second| second - first)
                .max(1),
            indent,
            crlf,
        });
        out.push(Block {
            start,
            end,
            text: t,
            form: Form::Hex {
                sep,
                upper,
                utf16,
                nuls,
                lines,
                wrap,
            },
            label: reg.and_then(|r| r.name),
        });
    }
}

/// What the text before a hex run at `start` says of a `.reg` value.
struct RegValue {
    /// The value's name and where its opening quote is; `None` for the
    /// key's default value (`@=`).
    name: Option<(String, usize)>,
    /// Of a string type (`hex(1)`, `hex(2)`, `hex(7)`): UTF-16LE text.
    string: bool,
    /// A multi-string (`hex(7)`).
    multi: bool,
}

/// `"Name"=hex(2):` (or `hex:`, `hex(b):`, `@=hex(7):`) right before
/// `start`: the value's name, unescaped (`\\` and `\"`), and its type.
fn reg_value(text: &str, start: usize) -> Option<RegValue> {
    let before = text.get(..start)?.strip_suffix(':')?;
    let (before, kind) = match before.strip_suffix(')') {
        Some(b) => {
            let open = b.rfind('(')?;
            let kind = &b[open + 1..];
            if kind.is_empty() || kind.len() > 2 || !kind.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            (&b[..open], kind)
        }
        None => (before, "3"),
    };
    let before = before.strip_suffix("hex")?.strip_suffix('=')?;
    let string = matches!(kind, "1" | "2" | "7");
    let multi = kind == "7";
    if before.ends_with('@') {
        return Some(RegValue {
            name: None,
            string,
            multi,
        });
    }
    let body = before.strip_suffix('"')?;
    // The opening quote: the first `"` before, on the same line, that no
    // backslash escapes.
    let line = body.rfind('\n').map_or(0, |n| n + 1);
    let b = body.as_bytes();
    let mut open = None;
    let mut k = body.len();
    while k > line {
        k -= 1;
        if b[k] == b'"' {
            let slashes = b[line..k].iter().rev().take_while(|&&c| c == b'\\').count();
            if slashes % 2 == 0 {
                open = Some(k);
                break;
            }
        }
    }
    let open = open?;
    let raw = &body[open + 1..];
    let mut name = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            name.extend(chars.next());
        } else {
            name.push(c);
        }
    }
    Some(RegValue {
        name: (!name.is_empty()).then_some((name, open)),
        string,
        multi,
    })
}

fn b64_line(line: &str) -> bool {
    line.bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
}

/// Base64 wrapped over two lines or more of one width (the last may be
/// shorter), decoding together to text.
fn wrapped(text: &str, out: &mut Vec<Block>) {
    let mut lines = text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    });
    // A block being read: its start, width, line ending, joined text, end.
    let mut open: Option<(usize, usize, bool, String, usize, usize)> = None;
    let close = |block: Option<(usize, usize, bool, String, usize, usize)>,
                 out: &mut Vec<Block>| {
        let Some((start, width, crlf, joined, end, n)) = block else {
            return;
        };
        if n >= 2
            && let Ok(bytes) = engine(false).decode(joined.trim_end_matches('='))
            && let Some((t, false, 0)) = text_of(&bytes)
        {
            out.push(Block {
                start,
                end,
                text: t,
                form: Form::Wrapped { width, crlf },
                label: None,
            });
        }
    };
    for (start, line) in lines.by_ref() {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some((_, width, _, joined, end, n)) = open.as_mut() {
            if !body.is_empty() && body.len() <= *width && b64_line(body) {
                joined.push_str(body);
                *end = start + body.len();
                *n += 1;
                if body.len() < *width || body.contains('=') {
                    close(open.take(), out);
                }
                continue;
            }
            close(open.take(), out);
        }
        if body.len() >= MIN_LINE && b64_line(body) && !body.contains('=') {
            open = Some((
                start,
                body.len(),
                line.ends_with("\r\n"),
                body.to_owned(),
                start + body.len(),
                1,
            ));
        }
    }
    close(open, out);
}

/// LDIF attributes whose value is base64 (`name:: ...`, at the start of a
/// line), folded over the lines after it that start with one space,
/// decoding to text; each named by its attribute (without options such
/// as `;lang-de`).
fn ldif_values(text: &str, out: &mut Vec<Block>) {
    let b = text.as_bytes();
    let b64 = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=');
    for (at, _) in text.match_indices(":: ") {
        let line = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let attr = &text[line..at];
        let name = attr.split(';').next().unwrap_or_default();
        let ok = name.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
            && attr
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b';' | b'.' | b'_'));
        if !ok {
            continue;
        }
        let mut start = at + 3;
        while b.get(start) == Some(&b' ') {
            start += 1;
        }
        let mut joined = String::new();
        let mut end = start;
        let mut i = start;
        let (mut first, mut rest, mut crlf) = (0, 0, false);
        loop {
            let from = i;
            while b.get(i).copied().is_some_and(b64) {
                i += 1;
            }
            if i == from {
                break;
            }
            let chunk = &text[from..i];
            if joined.is_empty() {
                first = chunk.len();
            } else if rest == 0 {
                rest = chunk.len();
            }
            joined.push_str(chunk);
            end = i;
            // A continuation: a line break, then one space.
            let mut next = i;
            if b.get(next) == Some(&b'\r') {
                next += 1;
            }
            if b.get(next) != Some(&b'\n') || b.get(next + 1) != Some(&b' ') {
                break;
            }
            crlf = next > i;
            i = next + 2;
        }
        if joined.len() < 4 || b.get(end).is_some_and(|&c| !matches!(c, b'\r' | b'\n')) {
            continue;
        }
        let Ok(bytes) = engine(false).decode(joined.trim_end_matches('=')) else {
            continue;
        };
        let Some((t, 0, false)) = text_as(&bytes, false, false) else {
            continue;
        };
        out.push(Block {
            start,
            end,
            text: t,
            form: Form::Ldif { first, rest, crlf },
            label: Some((name.to_owned(), line)),
        });
    }
}

/// Base64 runs that start like a JSON object (`eyJ`, `eyI`) and decode to
/// one.
fn json_runs(text: &str, out: &mut Vec<Block>) {
    let b = text.as_bytes();
    let b64 = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_');
    let mut from = 0;
    while let Some(found) = text[from..].find("ey") {
        let start = from + found;
        from = start + 2;
        if !matches!(b.get(start + 2), Some(b'J' | b'I')) || (start > 0 && b64(b[start - 1])) {
            continue;
        }
        let mut end = start;
        while end < b.len() && b64(b[end]) {
            end += 1;
        }
        let body_end = end;
        while end < b.len() && b[end] == b'=' && end - body_end < 2 {
            end += 1;
        }
        from = end;
        let run = &text[start..body_end];
        // A part of a JWT or JWS (`xxx.eyJ...`, `eyJ....yyy`) is the
        // token's, which the detectors take whole.
        if run.len() < 16 || (start > 0 && b[start - 1] == b'.') || b.get(end) == Some(&b'.') {
            continue;
        }
        let url_safe = run.contains(['-', '_']);
        let Ok(bytes) = engine(url_safe).decode(run) else {
            continue;
        };
        let Ok(doc) = String::from_utf8(bytes) else {
            continue;
        };
        let t = doc.trim();
        if t.starts_with('{') && t.ends_with('}') {
            out.push(Block {
                start,
                end,
                text: doc,
                form: Form::Json {
                    url_safe,
                    padded: end > body_end,
                },
                label: None,
            });
        }
    }
}

/// Where the name of a named block is written in `text` and what to
/// write there instead, for a name scrubbed into `new_name`: the name
/// starts at `at` (a `.reg` value's opening quote, or an LDIF line) and
/// ends before the value at `start`; a `.reg` name is written escaped.
pub(super) fn rename(
    text: &str,
    at: usize,
    start: usize,
    new_name: &str,
) -> (usize, usize, String) {
    let region = &text[at..start];
    if let Some(quoted) = region.strip_prefix('"') {
        let end = quoted.rfind("\"=").unwrap_or(quoted.len());
        let escaped = new_name.replace('\\', "\\\\").replace('"', "\\\"");
        return (at + 1, at + 1 + end, escaped);
    }
    // A term's name before its encoded value (`password,<<...`,
    // `key": h'...'`, see [`super::run_labels`]): the word alone.
    let word = region
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(region.len());
    if word > 0
        && matches!(
            region.as_bytes().get(word),
            Some(b',' | b'"' | b'\'' | b' ' | b'=')
        )
    {
        return (at, at + word, new_name.to_owned());
    }
    let len = region.find([';', ':']).unwrap_or(region.len());
    (at, at + len, new_name.to_owned())
}

/// `text` written back in `form`.
pub(super) fn encode(form: &Form, text: &str) -> String {
    use std::fmt::Write as _;
    match form {
        Form::Base32(form) => super::base32::encode(text.as_bytes(), *form),
        Form::ByteList(form) => super::byte_lists::encode(text, *form),
        Form::ErlangString => super::byte_lists::encode_string(text),
        Form::CborHex { upper } => super::cbor_bytes::encode(text, *upper),
        Form::DataUrl { padded } => super::data_urls::encode(text, *padded),
        Form::Chunked(chunks) => super::chunked::encode(text, chunks),
        Form::Dump { offset } => {
            let mut out = String::new();
            for (n, chunk) in text.as_bytes().chunks(16).enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                let _ = write!(out, "{:08x}  ", offset + n * 16);
                for j in 0..16 {
                    match chunk.get(j) {
                        Some(b) => {
                            let _ = write!(out, "{b:02x} ");
                        }
                        None => out.push_str("   "),
                    }
                    if j == 7 {
                        out.push(' ');
                    }
                }
                out.push_str(" |");
                out.extend(chunk.iter().map(|&b| {
                    if (0x20..0x7f).contains(&b) {
                        char::from(b)
                    } else {
                        '.'
                    }
                }));
                out.push('|');
            }
            out
        }
        Form::Hex {
            sep,
            upper,
            utf16,
            nuls,
            lines,
            wrap,
        } => {
            let text = if *lines {
                std::borrow::Cow::Owned(text.replace('\n', "\0"))
            } else {
                std::borrow::Cow::Borrowed(text)
            };
            let mut bytes: Vec<u8> = if *utf16 {
                text.encode_utf16().flat_map(u16::to_le_bytes).collect()
            } else {
                text.as_bytes().to_vec()
            };
            bytes.extend(std::iter::repeat_n(0, nuls * if *utf16 { 2 } else { 1 }));
            let mut out = String::with_capacity(bytes.len() * 3);
            for (n, b) in bytes.iter().enumerate() {
                if n > 0 {
                    out.push(char::from(*sep));
                    if let Some(w) = wrap
                        && (n == w.first || n > w.first && (n - w.first) % w.rest == 0)
                    {
                        out.push('\\');
                        out.push_str(if w.crlf { "\r\n" } else { "\n" });
                        out.extend(std::iter::repeat_n(' ', w.indent));
                    }
                }
                let _ = if *upper {
                    write!(out, "{b:02X}")
                } else {
                    write!(out, "{b:02x}")
                };
            }
            out
        }
        Form::Wrapped { width, crlf } => {
            let encoded = engine(false).encode(text.as_bytes());
            let eol = if *crlf { "\r\n" } else { "\n" };
            encoded
                .as_bytes()
                .chunks(*width)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(eol)
        }
        Form::Ldif { first, rest, crlf } => {
            let encoded = engine(false).encode(text.as_bytes());
            if *rest == 0 || encoded.len() <= *first {
                return encoded;
            }
            let (head, tail) = encoded.split_at((*first).min(encoded.len()));
            let eol = if *crlf { "\r\n " } else { "\n " };
            let mut out = head.to_owned();
            for chunk in tail.as_bytes().chunks(*rest) {
                out.push_str(eol);
                out.push_str(&String::from_utf8_lossy(chunk));
            }
            out
        }
        Form::Json { url_safe, padded } => {
            let encoded = engine(*url_safe).encode(text.as_bytes());
            if *padded {
                encoded
            } else {
                encoded.trim_end_matches('=').to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<Block> {
        blocks(
            text,
            Marks::of(text),
            text.contains("ey"),
            text.contains(":: "),
        )
    }

    fn found(text: &str) -> Vec<(String, Form)> {
        all(text)
            .into_iter()
            .map(|b| {
                assert!(!encode(&b.form, &b.text).is_empty());
                (b.text, b.form)
            })
            .collect()
    }

    #[test]
    fn a_hexdump_reads_across_its_lines_and_is_written_back_alike() {
        let data = b"POST /login HTTP/1.1\r\n\r\nuser=1&password=hunter2-and-more";
        let dump = encode(
            &Form::Dump { offset: 0 },
            std::str::from_utf8(data).unwrap(),
        );
        let text = format!("{dump}\n00000038\n");
        let blocks = all(&text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text.as_bytes(), data);
        assert_eq!(&text[blocks[0].start..blocks[0].end], dump);
    }

    #[test]
    fn separated_hex_reads_as_utf8_or_utf16() {
        assert_eq!(
            found("payload 70:61:73:73:77:6f:72:64:3d:78 end"),
            [(
                "password=x".to_owned(),
                Form::Hex {
                    sep: b':',
                    upper: false,
                    utf16: false,
                    nuls: 0,
                    lines: false,
                    wrap: None,
                }
            )]
        );
        let reg = "\"P\"=hex(2):70,00,61,00,73,00,\\\r\n  73,00,77,00,00,00\r\n";
        let f = found(reg);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "passw");
        assert_eq!(encode(&f[0].1, "ab"), "61,00,62,00,00,00");
        // A MAC address and a fingerprint are no text.
        assert!(found("aa:bb:cc:dd:ee:ff and 3A:9F:00:11:22:33:44:55:66:77:88:99").is_empty());
    }

    #[test]
    fn wrapped_base64_decodes_joined_and_json_runs_decode() {
        let body = "LOG_LEVEL=info\nDB_PASSWORD=correct-horse-battery-staple-42\nFEATURE=x\n";
        let wrapped = encode(
            &Form::Wrapped {
                width: 40,
                crlf: true,
            },
            body,
        );
        let text = format!("Content-Transfer-Encoding: base64\r\n\r\n{wrapped}\r\n--b1--");
        let f = found(&text);
        assert_eq!(
            f,
            [(
                body.to_owned(),
                Form::Wrapped {
                    width: 40,
                    crlf: true
                }
            )]
        );
        let url = "https://x.example/cb?state=eyJhIjoiYiIsInBhc3N3b3JkIjoieHl6In0&x=1";
        assert_eq!(
            found(url),
            [(
                r#"{"a":"b","password":"xyz"}"#.to_owned(),
                Form::Json {
                    url_safe: false,
                    padded: false
                }
            )]
        );
    }

    /// `text` as a `.reg` file writes a `hex(2)` value: UTF-16LE and a
    /// NUL, `per_line` bytes a line after the first's `first`.
    fn reg_hex(text: &str, first: usize, per_line: usize, eol: &str, upper: bool) -> String {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut out = String::new();
        for (n, b) in bytes.iter().enumerate() {
            if n > 0 {
                out.push(',');
                if n == first || n > first && (n - first) % per_line == 0 {
                    out.push('\\');
                    out.push_str(eol);
                    out.push_str("  ");
                }
            }
            out.push_str(&if upper {
                format!("{b:02X}")
            } else {
                format!("{b:02x}")
            });
        }
        out
    }

    #[test]
    fn a_reg_value_is_named_decoded_as_utf16_and_written_back_in_its_lines() {
        let value = reg_hex(
            "Şifre.Gülü#1889 — 密码 und noch mehr",
            20,
            25,
            "\r\n",
            false,
        );
        let text = format!(
            "[HKEY_CURRENT_USER\\Software\\Acme]\r\n\"Db \\\"Main\\\" Pass\"=hex(2):{value}\r\n\"Port\"=dword:00001f90\r\n"
        );
        let b = all(&text);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, "Şifre.Gülü#1889 — 密码 und noch mehr");
        let (name, at) = b[0].label.clone().unwrap_or_default();
        assert_eq!(name, "Db \"Main\" Pass");
        assert!(text[at..].starts_with("\"Db"));
        assert_eq!(&text[b[0].start..b[0].end], value);
        assert_eq!(encode(&b[0].form, &b[0].text), value);
        // Written again longer, it keeps continuing its lines alike.
        let longer = encode(&b[0].form, "[redacted:key:password] and more text");
        assert_eq!(
            longer,
            reg_hex(
                "[redacted:key:password] and more text",
                20,
                25,
                "\r\n",
                false
            )
        );
        // Upper-case hex, `\n` lines, the default value, a short string.
        let value = reg_hex("1234", 6, 6, "\n", true);
        let text = format!("@=hex(2):{value}\n");
        let b = all(&text);
        assert_eq!((b[0].text.as_str(), b[0].label.is_none()), ("1234", true));
        assert_eq!(
            encode(&b[0].form, "5678"),
            reg_hex("5678", 6, 6, "\n", true)
        );
    }

    #[test]
    fn a_reg_multi_string_reads_as_lines_and_binary_values_stay_binary() {
        let text = "\"Servers\"=hex(7):61,00,2e,00,78,00,00,00,62,00,2e,00,79,00,00,00,00,00\r\n";
        let b = all(text);
        assert_eq!(b[0].text, "a.x\nb.y");
        assert_eq!(
            encode(&b[0].form, "c.z\nd.w"),
            "63,00,2e,00,7a,00,00,00,64,00,2e,00,77,00,00,00,00,00"
        );
        // A binary value (no text), a DWORD, a value too short: no block.
        for text in [
            "\"Blob\"=hex:01,02,03,04,fe,ff,00,80,90,a0,\\\r\n  b0,c0\r\n",
            "\"N\"=hex(b):00,10,00,00,00,00,00,00\r\n",
            "\"Port\"=dword:00001f90\r\n",
            "\"X\"=hex(2):00,00\r\n",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
        // `hex:` of text is read, named.
        let b = all("\"Note\"=hex:68,65,6c,6c,6f,20,77,6f,72,6c,64\n");
        assert_eq!(
            (b[0].text.as_str(), b[0].label.clone().map(|l| l.0)),
            ("hello world", Some("Note".to_owned()))
        );
    }

    #[test]
    fn an_ldif_base64_value_is_named_unfolded_and_folded_back() {
        let long = "a customer's note that runs long enough to be folded over two lines or three";
        let encoded = engine(false).encode(long);
        let (head, tail) = encoded.split_at(60);
        let folded: Vec<String> = tail
            .as_bytes()
            .chunks(40)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        let value = format!("{head}\r\n {}", folded.join("\r\n "));
        let text = format!("dn: uid=x,dc=example\r\ndescription;lang-de:: {value}\r\nsn: Doe\r\n");
        let b = all(&text);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, long);
        assert_eq!(
            b[0].label.clone().map(|l| l.0),
            Some("description".to_owned())
        );
        assert_eq!(&text[b[0].start..b[0].end], value);
        assert_eq!(encode(&b[0].form, long), value);
        // Binary (a photo), a value that is not base64, a `::` inside a
        // line: no block.
        for text in [
            "jpegPhoto:: /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//\n",
            "cn:: not base64!\n",
            "see std:: vec\n",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    proptest::proptest! {
        /// A `.reg` string value and an LDIF base64 value of any text are
        /// found, decode to that text, and encode back to what was written.
        #[test]
        fn reg_and_ldif_values_round_trip(
            value in "[^\u{0}]{3,60}",
            first in 5usize..30,
            per_line in 5usize..30,
            crlf in proptest::bool::ANY,
            upper in proptest::bool::ANY,
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let hex = reg_hex(&value, first, per_line, eol, upper);
            let text = format!("\"K\"=hex(2):{hex}{eol}");
            if super::super::text::is_printable(&value) {
                let b = all(&text);
                proptest::prop_assert_eq!(b.len(), 1);
                proptest::prop_assert_eq!(&b[0].text, &value);
                proptest::prop_assert_eq!(&text[b[0].start..b[0].end], hex.as_str());
                proptest::prop_assert_eq!(encode(&b[0].form, &value), hex);
                let ldif = format!("k:: {}{eol}", engine(false).encode(&value));
                let b = all(&ldif);
                if value.len() >= 3 && !value.contains('\0') {
                    proptest::prop_assert_eq!(&b[0].text, &value);
                    proptest::prop_assert_eq!(
                        encode(&b[0].form, &value),
                        ldif.trim_start_matches("k:: ").trim_end()
                    );
                }
            }
        }

        /// Blocks never panic and lie inside the text, on character
        /// boundaries.
        #[test]
        fn blocks_lie_inside_the_text(text in "([0-9a-f]{2}[: ,]|eyJ[A-Za-z0-9]{0,30}|[A-Za-z0-9+/]{40}\n|,\\\\\n  |\"[a-z\\\\\"]{0,4}\"=hex(\\([0-9a-f]\\))?:|\n[a-z;]{0,4}:: |\n |é| )*") {
            for b in all(&text) {
                proptest::prop_assert!(b.start < b.end && b.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
            }
        }
    }
}
