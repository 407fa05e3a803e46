//! CBOR diagnostic notation (RFC 8949 §8) writes a byte string as hex
//! between `h'` and `'` (`h'68756e74'`), and tools print CBOR and COSE
//! messages that way. The hex inside is read as the bytes it encodes:
//! when they are printable text, the text pass scrubs that text and
//! writes it back as hex of the same case, between the same quotes (the
//! span read is the hex alone: `h'` and `'` stay).

/// Fewest bytes a byte string holds to be read as text.
const MIN_BYTES: usize = 4;

/// The hex runs inside `h'...'` in `text` that encode printable text: the
/// run's span (inside the quotes), the text, and whether the hex is upper
/// case. `apostrophe`: the text holds a `'`.
pub(super) fn runs(text: &str, apostrophe: bool) -> Vec<(usize, usize, String, bool)> {
    let mut out = Vec::new();
    if !apostrophe {
        return out;
    }
    let b = text.as_bytes();
    let opens = memchr::memchr_iter(b'\'', b).filter(|&i| i > 0 && b[i - 1] == b'h');
    for at in opens.map(|i| i - 1) {
        if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_') {
            continue;
        }
        let start = at + 2;
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_hexdigit) {
            end += 1;
        }
        if b.get(end) != Some(&b'\'') || (end - start) % 2 != 0 || end - start < 2 * MIN_BYTES {
            continue;
        }
        let hex = &text[start..end];
        let upper = hex.bytes().any(|c| c.is_ascii_uppercase());
        let lower = hex.bytes().any(|c| c.is_ascii_lowercase());
        if upper && lower {
            continue;
        }
        if let Some(t) = decode(hex) {
            out.push((start, end, t, upper));
        }
    }
    out
}

/// The printable text the hex digits `hex` (an even number) encode.
fn decode(hex: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = hex
        .as_bytes()
        .chunks_exact(2)
        .map(|p| {
            let v = |c: u8| char::from(c).to_digit(16);
            Some((v(p[0])? << 4 | v(p[1])?) as u8)
        })
        .collect();
    let t = String::from_utf8(bytes?).ok()?;
    super::text::is_printable(&t).then_some(t)
}

/// `text`'s bytes as hex, upper case or not.
pub(super) fn encode(text: &str, upper: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        let _ = if upper {
            write!(out, "{b:02X}")
        } else {
            write!(out, "{b:02x}")
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn byte_strings_of_text_are_read() {
        let hex = encode("pin 4921 ok", false);
        let text = format!("{{1: 7, \"v\": h'{hex}'}}");
        let found = runs(&text, true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "pin 4921 ok");
        assert_eq!(&text[found[0].0..found[0].1], hex);
        // Not text, too short, not after a word's end.
        assert!(runs("[1, h'00ff00ff00ff', true]", true).is_empty());
        assert!(runs("h'6869'", true).is_empty());
        assert!(runs(&format!("bath'{hex}'"), true).is_empty());
    }

    proptest! {
        #[test]
        fn byte_strings_never_panic_and_write_back_as_read(s in "(h'|'|[0-9a-fA-F]{1,6}|x| )*") {
            for (start, end, t, upper) in runs(&s, true) {
                prop_assert_eq!(encode(&t, upper), &s[start..end]);
            }
        }
    }
}
