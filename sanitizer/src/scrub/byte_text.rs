//! Text written as an array of its bytes: journald's JSON output writes a
//! field that is not valid UTF-8, or holds a control character (a colour
//! escape, a carriage return), as an array of byte values
//! (`"MESSAGE": [27, 91, 51, 51, 109, 119, 97, 114, 110, ...]`), and so do
//! other loggers and serializers of byte strings (a Rust `Vec<u8>`
//! through serde, a Node `Buffer` as its `data`).
//!
//! An array of whole numbers from 0 to 255 is read as text when its bytes
//! are UTF-8 and read as text: at most one in sixteen characters a control
//! character other than a tab, a line break or the escape of a terminal
//! colour, and a few letters. Counts, histograms and pixels are small or
//! spread over the whole range, so they decode to control characters or
//! invalid UTF-8 and stay as they are; a keypair's 64 random bytes are
//! taken before ([`crate::detect::is_keypair`]). What the text pass
//! replaces in the text is written back as an array of its bytes, which
//! may be longer or shorter than the original one.

use serde_json::Number;

use super::node::Node;

/// Fewest bytes an array holds to be read as text.
const MIN_BYTES: usize = 8;

/// The text the array `items` holds as bytes, if it does.
pub(super) fn text_of(items: &[Node<'_>]) -> Option<String> {
    if items.len() < MIN_BYTES || !matches!(items.first(), Some(Node::Number(_))) {
        return None;
    }
    let mut bytes = Vec::with_capacity(items.len());
    for item in items {
        let Node::Number(n) = item else { return None };
        bytes.push(u8::try_from(n.as_u64()?).ok()?);
    }
    let text = String::from_utf8(bytes).ok()?;
    let (mut chars, mut controls, mut letters) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{1b}') {
            controls += 1;
        }
        letters += usize::from(c.is_alphabetic());
    }
    (controls * 16 <= chars && letters >= 3).then_some(text)
}

/// The bytes of `text` as an array of numbers.
pub(super) fn bytes_of(text: &str) -> Vec<Node<'static>> {
    text.bytes()
        .map(|b| Node::Number(Number::from(b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn array(bytes: &[u8]) -> Vec<Node<'static>> {
        bytes
            .iter()
            .map(|&b| Node::Number(Number::from(b)))
            .collect()
    }

    #[test]
    fn bytes_of_text_read_as_text_and_counts_do_not() {
        let msg = "\u{1b}[33mwarn\u{1b}[0m reload: password=x";
        assert_eq!(text_of(&array(msg.as_bytes())).as_deref(), Some(msg));
        // Counts, a histogram, pixels: control characters, not text.
        assert_eq!(text_of(&array(&[0, 1, 2, 3, 5, 8, 13, 21, 34, 55])), None);
        assert_eq!(text_of(&array(&[255, 0, 255, 0, 128, 128, 12, 7])), None);
        // Too short, or not all bytes.
        assert_eq!(text_of(&array(b"abc")), None);
        let mut mixed = array(b"password=x");
        mixed.push(Node::Number(Number::from(300)));
        assert_eq!(text_of(&mixed), None);
        assert_eq!(bytes_of("a\u{e9}"), array(&[97, 0xc3, 0xa9]));
    }

    proptest! {
        /// Any array of bytes that reads as text is the bytes of that
        /// text.
        #[test]
        fn text_read_from_bytes_writes_back_as_them(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            if let Some(text) = text_of(&array(&bytes)) {
                prop_assert_eq!(bytes_of(&text), array(&bytes));
            }
        }
    }
}
