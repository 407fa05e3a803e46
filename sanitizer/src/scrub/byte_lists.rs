//! Text written as a list of its bytes' decimal values inside a longer
//! text: an Erlang or Elixir binary (`<<104,117,110,116>>`), or a list
//! (`[104, 117, 110, 116]`) as Erlang prints a charlist and other
//! languages print a byte array in a log line.
//!
//! A list is read as text when it holds [`MIN_BYTES`] values at least,
//! each from 0 to 255, that are UTF-8 of printable text with letters in
//! it: counts, coordinates and pixels decode to control characters or to
//! no text. What the text pass replaces in the text is written back as a
//! list of the same brackets and separator.

/// Fewest values a list holds to be read as text.
const MIN_BYTES: usize = 8;

/// How a byte list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ByteList {
    /// `<<...>>` rather than `[...]`.
    pub(super) binary: bool,
    /// A space after each comma.
    pub(super) spaced: bool,
}

/// The byte lists of `text`: their spans (brackets included), the text
/// they hold, and how they are written. `less`: the text holds a `<`;
/// `bracket`: a `[`.
pub(super) fn runs(text: &str, less: bool, bracket: bool) -> Vec<(usize, usize, String, ByteList)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut opens: Vec<(usize, bool)> = Vec::new();
    if less {
        opens.extend(
            memchr::memchr_iter(b'<', b)
                .filter(|&i| {
                    b.get(i + 1) == Some(&b'<') && b.get(i + 2).is_some_and(u8::is_ascii_digit)
                })
                .map(|i| (i, true)),
        );
    }
    if bracket {
        opens.extend(
            memchr::memchr_iter(b'[', b)
                .filter(|&i| b.get(i + 1).is_some_and(u8::is_ascii_digit))
                .map(|i| (i, false)),
        );
    }
    for (open, binary) in opens {
        if let Some((end, t, form)) = list_at(text, open, binary) {
            out.push((open, end, t, form));
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

/// The list starting at `open`, when it is one of bytes that read as
/// text: where it ends, the text, its form.
fn list_at(text: &str, open: usize, binary: bool) -> Option<(usize, String, ByteList)> {
    let b = text.as_bytes();
    let mut i = open + if binary { 2 } else { 1 };
    let mut bytes = Vec::new();
    let mut spaced = None;
    loop {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) && i - start < 4 {
            i += 1;
        }
        // `007` is no byte written by a printer of bytes.
        if i == start || i - start > 3 || (i - start > 1 && b[start] == b'0') {
            return None;
        }
        bytes.push(u8::try_from(text[start..i].parse::<u16>().ok()?).ok()?);
        match b.get(i)? {
            b',' => {
                i += 1;
                let space = b.get(i) == Some(&b' ');
                if *spaced.get_or_insert(space) != space {
                    return None;
                }
                i += usize::from(space);
            }
            b'>' if binary && b.get(i + 1) == Some(&b'>') => {
                i += 2;
                break;
            }
            b']' if !binary => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    if bytes.len() < MIN_BYTES {
        return None;
    }
    let t = String::from_utf8(bytes).ok()?;
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (super::text::is_printable(&t) && letters * 3 >= t.chars().count()).then_some((
        i,
        t,
        ByteList {
            binary,
            spaced: spaced.unwrap_or(false),
        },
    ))
}

/// The Erlang binaries written as a string (`<<"...">>`) in `text`: the
/// span of the string's content (inside `<<"` and `">>`) and the text it
/// holds, its `\"`, `\\`, `\n`, `\r` and `\t` escapes read. The text
/// pass reads one only when a name stands before it
/// (`{password,<<"...">>}`), as that member's value.
pub(super) fn strings(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let opens = memchr::memchr_iter(b'<', b).filter(|&i| b[i..].starts_with(b"<<\""));
    for open in opens {
        let start = open + 3;
        let mut value = String::new();
        let mut i = start;
        let mut plain = start;
        let end = loop {
            match b.get(i) {
                None | Some(b'\n' | b'\r' | b'\t') => break None,
                Some(b'"') => break (b.get(i + 1..i + 3) == Some(b">>")).then_some(i),
                Some(b'\\') => {
                    let c = match b.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        _ => break None,
                    };
                    value.push_str(&text[plain..i]);
                    value.push(c);
                    i += 2;
                    plain = i;
                }
                Some(_) => i += 1,
            }
        };
        if let Some(end) = end {
            value.push_str(&text[plain..end]);
            out.push((start, end, value));
        }
    }
    out
}

/// `text` escaped as an Erlang string binary's content.
pub(super) fn encode_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// `text`'s bytes written as a list of `form`.
pub(super) fn encode(text: &str, form: ByteList) -> String {
    let sep = if form.spaced { ", " } else { "," };
    let body = text
        .bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(sep);
    if form.binary {
        format!("<<{body}>>")
    } else {
        format!("[{body}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn list(s: &str, form: ByteList) -> String {
        encode(s, form)
    }

    #[test]
    fn lists_of_text_bytes_are_read_and_counts_are_not() {
        let bin = ByteList {
            binary: true,
            spaced: false,
        };
        let text = format!("got {{data,{}}} ok", list("token=abc123", bin));
        let found = runs(&text, true, true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "token=abc123");
        assert_eq!(&text[found[0].0..found[0].1], list("token=abc123", bin));
        let spaced = ByteList {
            binary: false,
            spaced: true,
        };
        let text = format!("chars {}", list("user secret", spaced));
        assert_eq!(runs(&text, false, true)[0].2, "user secret");
        // Counts, a histogram, too short, over 255.
        assert!(runs("[1, 2, 3, 5, 8, 13, 21, 34, 55, 89]", false, true).is_empty());
        assert!(runs("<<104,105>>", true, true).is_empty());
        assert!(runs("[104,105,106,107,108,109,110,300]", false, true).is_empty());
    }

    #[test]
    fn string_binaries_read_their_escapes() {
        let text = r#"{token,<<"a\"b\\c\nd">>}"#;
        let found = strings(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "a\"b\\c\nd");
        assert_eq!(encode_string(&found[0].2), &text[found[0].0..found[0].1]);
        assert!(strings(r#"<<"unterminated"#).is_empty());
    }

    proptest! {
        #[test]
        fn string_binaries_never_panic_and_write_back_as_read(s in "(<<\"|\">>|\\\\[\"\\\\nrtx]|[a-z \"]|é)*") {
            for (start, end, t) in strings(&s) {
                prop_assert_eq!(encode_string(&t), &s[start..end]);
            }
        }

        #[test]
        fn lists_never_panic_and_write_back_as_read(s in "(<<|\\[|[0-9]{1,4}|,|, |>>|\\]|a)*") {
            for (start, end, t, form) in runs(&s, true, true) {
                prop_assert_eq!(encode(&t, form), &s[start..end]);
            }
        }
    }
}
