//! `data:` URLs (RFC 2397) whose payload is base64
//! (`data:text/plain;base64,cGFzc3dvcmQ9...`): the payload is read as the
//! text it encodes, scrubbed, and written back as base64 (padded as it
//! was). A payload that is percent-encoded is read by the percent view of
//! the text pass already.

use base64::Engine as _;

/// The base64 payloads of `data:` URLs in `text` that encode printable
/// text: the payload's span, the text, and whether it was padded.
/// `semicolon`: the text holds a `;`.
pub(super) fn runs(text: &str, semicolon: bool) -> Vec<(usize, usize, String, bool)> {
    let mut out = Vec::new();
    if !semicolon {
        return out;
    }
    let b = text.as_bytes();
    const MARK: &str = ";base64,";
    let marks = memchr::memchr_iter(b';', b).filter(|&i| b[i..].starts_with(MARK.as_bytes()));
    for at in marks {
        // The media type before it, back to `data:`.
        let head = &text[..at];
        let Some(data) = head.rfind("data:") else {
            continue;
        };
        if head[data..]
            .bytes()
            .any(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b',' | b'<' | b'>'))
        {
            continue;
        }
        let start = at + MARK.len();
        let mut end = start;
        while b
            .get(end)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/'))
        {
            end += 1;
        }
        let body_end = end;
        while b.get(end) == Some(&b'=') && end - body_end < 2 {
            end += 1;
        }
        if end > body_end && (end - start) % 4 != 0 {
            continue;
        }
        if let Some(t) = decode(&text[start..end]) {
            out.push((start, end, t, end > body_end || (end - start) % 4 == 0));
        }
    }
    out
}

/// The printable text the base64 `s` encodes.
fn decode(s: &str) -> Option<String> {
    let body = s.trim_end_matches('=');
    if body.len() < 4 || body.len() % 4 == 1 {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(body)
        .ok()?;
    // Only canonical base64: written again, it is `s`.
    if base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes) != body {
        return None;
    }
    let t = String::from_utf8(bytes).ok()?;
    super::text::is_printable(&t).then_some(t)
}

/// `text` in base64, padded or not.
pub(super) fn encode(text: &str, padded: bool) -> String {
    if padded {
        base64::engine::general_purpose::STANDARD.encode(text)
    } else {
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64_payloads_of_text_are_read() {
        let payload = encode("api_key: abc\n", true);
        let text = format!("<img src=\"data:text/plain;charset=utf-8;base64,{payload}\">");
        let found = runs(&text, true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "api_key: abc\n");
        assert_eq!(&text[found[0].0..found[0].1], payload);
        // An image's bytes are no text.
        assert!(runs("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==", true).is_empty());
    }

    proptest! {
        #[test]
        fn payloads_never_panic_and_write_back_as_read(s in "(data:|text/plain|;base64,|[A-Za-z0-9+/]{1,8}|=| )*") {
            for (start, end, t, padded) in runs(&s, true) {
                prop_assert_eq!(encode(&t, padded), &s[start..end]);
            }
        }
    }
}
