//! An HTTP/1.1 body sent with `Transfer-Encoding: chunked` (RFC 9112
//! §7.1): each chunk's size in hex on a line, its bytes, a line break,
//! and a last chunk of size 0. A value can be cut by a chunk boundary
//! (`...pass\r\n1a\r\nword=...`), so no rule reads it in the text as it
//! is written.
//!
//! The body after the head's blank line is read de-chunked, scrubbed as a
//! text of its own (a JSON body walked as a document), and chunked again
//! at the same sizes, the last chunk taking what the scrub made longer or
//! shorter (a cut never falls inside a character); the last, empty chunk
//! and the head stay as they were.

/// How a chunked body is cut: the chunks' sizes, and whether they are
/// written in upper-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chunks {
    pub(super) sizes: Vec<usize>,
    pub(super) upper: bool,
}

/// The chunked body of `text`, when it has one of two chunks at least
/// that ends with the empty chunk: its span (up to the empty chunk), the
/// de-chunked text, and how it was cut. `newline`: the text has a line
/// break.
pub(super) fn body(text: &str, newline: bool) -> Option<(usize, usize, String, Chunks)> {
    let last_chunk = || {
        memchr::memchr_iter(b'\r', text.as_bytes())
            .any(|i| text.as_bytes()[i..].starts_with(b"\r\n0\r\n"))
    };
    if !newline || !last_chunk() {
        return None;
    }
    let start = text.find("\r\n\r\n")? + 4;
    let b = text.as_bytes();
    let mut i = start;
    let mut bytes = Vec::new();
    let mut sizes = Vec::new();
    let mut upper = false;
    loop {
        let line = i;
        while b.get(i).is_some_and(u8::is_ascii_hexdigit) && i - line < 8 {
            i += 1;
        }
        if i == line || b.get(i..i + 2) != Some(b"\r\n") {
            return None;
        }
        let digits = &text[line..i];
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        upper |= digits.bytes().any(|c| c.is_ascii_uppercase());
        let n = usize::from_str_radix(digits, 16).ok()?;
        if n == 0 {
            // The span ends before the empty chunk.
            if sizes.len() < 2 {
                return None;
            }
            let body = String::from_utf8(bytes).ok()?;
            return Some((start, line, body, Chunks { sizes, upper }));
        }
        i += 2;
        let data = b.get(i..i.checked_add(n)?)?;
        bytes.extend_from_slice(data);
        sizes.push(n);
        i += n;
        if b.get(i..i + 2) != Some(b"\r\n") {
            return None;
        }
        i += 2;
    }
}

/// `text` chunked as `chunks` were (the empty last chunk not included).
pub(super) fn encode(text: &str, chunks: &Chunks) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() + chunks.sizes.len() * 8);
    let mut at = 0;
    for (k, &size) in chunks.sizes.iter().enumerate() {
        if at >= text.len() {
            break;
        }
        let mut end = if k + 1 == chunks.sizes.len() {
            text.len()
        } else {
            (at + size).min(text.len())
        };
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let n = end - at;
        let _ = if chunks.upper {
            write!(out, "{n:X}\r\n")
        } else {
            write!(out, "{n:x}\r\n")
        };
        out.push_str(&text[at..end]);
        out.push_str("\r\n");
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chunked_bodies_read_de_chunked() {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\npassw\r\n9\r\nord=x y z\r\n0\r\n\r\n";
        let (start, end, body, chunks) = body(text, true).expect("a body");
        assert_eq!(body, "password=x y z");
        assert_eq!(encode(&body, &chunks), &text[start..end]);
        assert!(text[end..].starts_with("0\r\n"));
        let longer = encode("password=[redacted]", &chunks);
        assert_eq!(longer, "5\r\npassw\r\ne\r\nord=[redacted]\r\n");
        assert!(super::body("a\r\n\r\n5\r\nabcde\r\n0\r\n\r\n", true).is_none());
    }

    proptest! {
        #[test]
        fn bodies_never_panic_and_write_back_as_read(s in "(\r\n|[0-9a-fA-F]{1,2}|[a-z]{1,5}|é)*") {
            if let Some((start, end, body, chunks)) = body(&s, true) {
                prop_assert_eq!(encode(&body, &chunks), &s[start..end]);
            }
        }
    }
}
