//! Encoded blocks inside a longer text, read as the text they encode:
//!
//! - a `hexdump -C` listing (offset, sixteen hex bytes, the printable
//!   gutter), whose bytes run on across its lines;
//! - hex bytes written with a separator (`70:61:73`, `70 61 73`,
//!   `70,00,61,00` with a `.reg` file's `\` continued lines), as UTF-8 or
//!   UTF-16LE text;
//! - base64 wrapped over lines of one width (a MIME body, a PEM-less
//!   attachment), whose lines only decode to the text together;
//! - base64 of a JSON document inside text (`state=eyJ...` in a URL).
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
    /// `nuls` terminating NUL characters.
    Hex {
        sep: u8,
        upper: bool,
        utf16: bool,
        nuls: usize,
    },
    /// Base64 lines of `width` characters.
    Wrapped { width: usize, crlf: bool },
    /// Base64 of a JSON document, in the URL-safe alphabet or not, padded
    /// or not.
    Json { url_safe: bool, padded: bool },
}

/// A block: its span in the text, the text it encodes, and its form.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) form: Form,
}

/// The blocks of `text`: none for almost every text.
pub(super) fn blocks(text: &str, marks: Marks, json_base64: bool) -> Vec<Block> {
    let mut out = Vec::new();
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
    out
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
    let (mut s, utf16) = if utf16 {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        (String::from_utf16(&units).ok()?, true)
    } else {
        (String::from_utf8(bytes.to_vec()).ok()?, false)
    };
    let trimmed = s.trim_end_matches('\0').len();
    let nuls = s.len() - trimmed;
    s.truncate(trimmed);
    super::text::is_printable(&s).then_some((s, utf16, nuls))
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
                if b.get(next) == Some(&b'\r') {
                    next += 1;
                }
                if b.get(next) != Some(&b'\n') {
                    break;
                }
                next += 1;
                while matches!(b.get(next), Some(b' ' | b'\t')) {
                    next += 1;
                }
            }
            i = next;
        }
        i = end.max(start + 1);
        if bytes.len() < MIN_HEX_BYTES || dumps.iter().any(|d| d.start <= start && start < d.end) {
            continue;
        }
        if let Some((t, utf16, nuls)) = text_of(&bytes) {
            out.push(Block {
                start,
                end,
                text: t,
                form: Form::Hex {
                    sep,
                    upper,
                    utf16,
                    nuls,
                },
            });
        }
    }
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
            });
        }
    }
}

/// `text` written back in `form`.
pub(super) fn encode(form: &Form, text: &str) -> String {
    use std::fmt::Write as _;
    match form {
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
        } => {
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

    fn found(text: &str) -> Vec<(String, Form)> {
        blocks(text, Marks::of(text), text.contains("ey"))
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
        let blocks = blocks(&text, Marks::of(&text), text.contains("ey"));
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
                    nuls: 0
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

    proptest::proptest! {
        /// Blocks never panic and lie inside the text, on character
        /// boundaries.
        #[test]
        fn blocks_lie_inside_the_text(text in "([0-9a-f]{2}[: ,]|eyJ[A-Za-z0-9]{0,30}|[A-Za-z0-9+/]{40}\n|,\\\\\n  |é| )*") {
            for b in blocks(&text, Marks::of(&text), text.contains("ey")) {
                proptest::prop_assert!(b.start < b.end && b.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
            }
        }
    }
}
