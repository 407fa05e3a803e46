//! Base32 (RFC 4648): a byte payload written in `A`–`Z` and `2`–`7`
//! (TOTP secrets, DNS labels, some queues' and stores' exports), padded
//! with `=` to a multiple of eight characters or not.
//!
//! A run is read as base32 only when it is strictly that: one case
//! throughout, a length (and padding) base32 can have, no bits left over
//! after its last byte, and bytes that are printable UTF-8 text with
//! letters in it. Random upper-case words and TOTP secrets (random bytes)
//! decode to control characters and stay as they are. What the text pass
//! replaces in the text is written back as base32 in the same case, padded
//! as the original was.

/// Fewest characters of a base32 run (ten bytes).
const MIN_CHARS: usize = 16;

/// How a base32 run is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Base32 {
    pub(super) lower: bool,
    pub(super) padded: bool,
}

fn value(b: u8, lower: bool) -> Option<u8> {
    match b {
        b'A'..=b'Z' if !lower => Some(b - b'A'),
        b'a'..=b'z' if lower => Some(b - b'a'),
        b'2'..=b'7' => Some(b - b'2' + 26),
        _ => None,
    }
}

/// The bytes `s` (a whole run, its padding included) encodes, and how it
/// is written; `None` when `s` is no canonical base32.
pub(super) fn decode(s: &str) -> Option<(Vec<u8>, Base32)> {
    let body = s.trim_end_matches('=');
    let pad = s.len() - body.len();
    let b = body.as_bytes();
    let first = *b.first()?;
    let lower = first.is_ascii_lowercase();
    // A base32 body ends in one of these lengths modulo eight; padded, it
    // fills the last group of eight exactly.
    if !matches!(b.len() % 8, 0 | 2 | 4 | 5 | 7)
        || (pad > 0 && (b.len() % 8 == 0 || (b.len() + pad) % 8 != 0))
    {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in b {
        acc = (acc << 5) | u32::from(value(c, lower)?);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Bits left over must be zero: then encoding the bytes gives `s` back.
    if acc != 0 {
        return None;
    }
    Some((
        out,
        Base32 {
            lower,
            padded: pad > 0,
        },
    ))
}

/// `bytes` in base32, written as `form`.
pub(super) fn encode(bytes: &[u8], form: Base32) -> String {
    let alphabet: &[u8; 32] = if form.lower {
        b"abcdefghijklmnopqrstuvwxyz234567"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    };
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(alphabet[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(alphabet[((acc << (5 - bits)) & 31) as usize]));
    }
    if form.padded {
        while out.len() % 8 != 0 {
            out.push('=');
        }
    }
    out
}

/// The text a base32 run encodes, when it is printable text with letters
/// in it.
pub(super) fn text(s: &str) -> Option<(String, Base32)> {
    if s.len() < MIN_CHARS {
        return None;
    }
    let (bytes, form) = decode(s)?;
    let text = String::from_utf8(bytes).ok()?;
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (super::text::is_printable(&text) && letters * 3 >= text.chars().count())
        .then_some((text, form))
}

/// Whether `b` is a base32 character of the case `lower` says.
fn in_case(b: u8, lower: bool) -> bool {
    value(b, lower).is_some()
}

/// The base32 runs of `text` and what they encode: `text` as a whole, and
/// runs inside it that end in padding (`=`), which few other things do.
/// `equals`: the text holds a `=`.
pub(super) fn runs(text: &str, equals: bool) -> Vec<(usize, usize, String, Base32)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    if b.len() < MIN_CHARS {
        return out;
    }
    // The whole text: one case throughout its first characters (most
    // texts fail at their first few bytes).
    let lower = b[0].is_ascii_lowercase();
    if b.iter().take(MIN_CHARS).all(|&c| in_case(c, lower)) {
        if let Some((t, form)) = self::text(text) {
            out.push((0, text.len(), t, form));
            return out;
        }
    }
    if !equals {
        return out;
    }
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'=', &b[i..]).map(|p| p + i) {
        let mut end = at;
        while b.get(end) == Some(&b'=') && end - at < 7 {
            end += 1;
        }
        i = end.max(at + 1);
        let pad = end - at;
        if at == 0
            || !matches!(pad, 1 | 3 | 4 | 6)
            || b.get(end)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'=')
        {
            continue;
        }
        let lower = b[at - 1].is_ascii_lowercase();
        let mut start = at;
        while start > 0 && in_case(b[start - 1], lower) {
            start -= 1;
        }
        if (end - start) % 8 != 0
            || end - start < MIN_CHARS
            || start > 0
                && (b[start - 1].is_ascii_alphanumeric()
                    || matches!(b[start - 1], b'+' | b'/' | b'-' | b'_'))
        {
            continue;
        }
        if let Some((t, form)) = self::text(&text[start..end]) {
            out.push((start, end, t, form));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc_4648_vectors_decode_and_encode() {
        let up = Base32 {
            lower: false,
            padded: true,
        };
        for (plain, enc) in [
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(encode(plain.as_bytes(), up), enc);
            assert_eq!(decode(enc).map(|d| d.0), Some(plain.as_bytes().to_vec()));
        }
        // Bits left over, a length base32 has not, mixed case.
        assert!(decode("MZXW6YTBOJ======").is_none());
        assert!(decode("MZX").is_none());
        assert!(decode("MZXw6YTB").is_none());
    }

    #[test]
    fn only_text_is_read() {
        let enc = encode(
            b"password=hunter2 ok",
            Base32 {
                lower: false,
                padded: true,
            },
        );
        assert_eq!(
            text(&enc).map(|t| t.0).as_deref(),
            Some("password=hunter2 ok")
        );
        // A TOTP secret is random bytes; upper-case words are no base32.
        assert!(text("JBSWY3DPEHPK3PXPJBSWY3DP").is_none());
        assert!(text("ABCDEFGHIJKLMNOPQRSTUVWX").is_none());
        let at = format!("payload {enc} end");
        let found = runs(&at, true);
        assert_eq!(found.len(), 1);
        assert_eq!(&at[found[0].0..found[0].1], enc);
    }

    proptest! {
        #[test]
        fn decoding_never_panics_and_encodes_back(s in "[A-Za-z2-7=]{0,40}") {
            if let Some((bytes, form)) = decode(&s) {
                prop_assert_eq!(encode(&bytes, form), s.as_str());
            }
            let _ = runs(&s, true);
        }
    }
}
