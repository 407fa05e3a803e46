//! A serde helper that writes byte buffers as base64 strings.
//!
//! By default serde writes a `Vec<u8>` as an array of numbers, which makes a
//! transcript four times larger and unreadable. Put
//! `#[serde(with = "reprise_recorder::bytes")]` (or `reprise::bytes` through
//! the facade) on a byte field to write it as one base64 string (standard
//! alphabet, padded) instead.
//!
//! [`serialize`] takes anything `AsRef<[u8]>`; [`deserialize`] gives a
//! `Vec<u8>`, and also accepts the array-of-numbers form so that transcripts
//! recorded before the field was annotated still load.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! #[derive(Serialize, Deserialize, PartialEq, Debug)]
//! struct Message {
//!     to: u32,
//!     #[serde(with = "reprise::bytes")]
//!     payload: Vec<u8>,
//! }
//! let msg = Message { to: 2, payload: b"hello".to_vec() };
//! let json = serde_json::to_string(&msg)?;
//! assert_eq!(json, r#"{"to":2,"payload":"aGVsbG8="}"#);
//! assert_eq!(serde_json::from_str::<Message>(&json)?, msg);
//!
//! let err = serde_json::from_str::<Message>(r#"{"to":2,"payload":"not base64!"}"#).unwrap_err();
//! assert!(err.to_string().starts_with("invalid base64 in a byte field: "), "{err}");
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

/// Encodings up to this size are built on the stack, without allocating.
const STACK_ENCODED: usize = 512;

/// Writes `bytes` as a base64 string (standard alphabet, padded).
///
/// ```
/// let mut out = Vec::new();
/// reprise::bytes::serialize(&[0u8, 1, 2], &mut serde_json::Serializer::new(&mut out))?;
/// assert_eq!(out, br#""AAEC""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn serialize<T, S>(bytes: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: AsRef<[u8]> + ?Sized,
    S: Serializer,
{
    let bytes = bytes.as_ref();
    let mut stack = [0u8; STACK_ENCODED];
    if bytes.len() <= STACK_ENCODED / 4 * 3 {
        if let Ok(n) = STANDARD.encode_slice(bytes, &mut stack) {
            if let Ok(text) = std::str::from_utf8(&stack[..n]) {
                return serializer.serialize_str(text);
            }
        }
    }
    serializer.serialize_str(&STANDARD.encode(bytes))
}

/// Reads a base64 string (standard alphabet, padded) into bytes; an array of
/// numbers is accepted too. Invalid base64 is an error saying so.
///
/// ```
/// let mut de = serde_json::Deserializer::from_str(r#""AAEC""#);
/// assert_eq!(reprise::bytes::deserialize(&mut de)?, vec![0, 1, 2]);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    deserializer.deserialize_any(BytesVisitor)
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<u8>, E> {
        STANDARD
            .decode(text)
            .map_err(|e| E::custom(format_args!("invalid base64 in a byte field: {}", why(&e))))
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
        Ok(bytes.to_vec())
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(bytes)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        Ok(bytes)
    }
}

/// What is wrong with the base64, without the symbol it failed on: base64's
/// own message quotes it, and it is a piece of a recorded value.
fn why(err: &base64::DecodeError) -> String {
    match err {
        base64::DecodeError::InvalidByte(offset, _) => {
            format!("an invalid symbol at offset {offset}")
        }
        base64::DecodeError::InvalidLastSymbol(offset, _) => {
            format!("an invalid last symbol at offset {offset}")
        }
        base64::DecodeError::InvalidLength(len) => format!("an invalid length ({len} symbols)"),
        base64::DecodeError::InvalidPadding => "invalid padding".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Field(#[serde(with = "super")] Vec<u8>);

    fn check(bytes: &[u8], json: &str) {
        assert_eq!(
            serde_json::to_string(&Field(bytes.to_vec())).expect("ser"),
            json
        );
        assert_eq!(serde_json::from_str::<Field>(json).expect("de").0, bytes);
    }

    #[test]
    fn known_encodings() {
        check(b"", r#""""#);
        check(b"f", r#""Zg==""#);
        check(b"fo", r#""Zm8=""#);
        check(b"foo", r#""Zm9v""#);
        check(&[0xff, 0xfe, 0xfd], r#""//79""#);
    }

    #[test]
    fn large_buffers_take_the_heap_path() {
        let big: Vec<u8> = (0..=255).cycle().take(10_000).collect();
        let json = serde_json::to_string(&Field(big.clone())).expect("ser");
        assert_eq!(json.len(), 2 + 10_000usize.div_ceil(3) * 4);
        assert_eq!(serde_json::from_str::<Field>(&json).expect("de").0, big);
    }

    #[test]
    fn arrays_of_numbers_still_load() {
        assert_eq!(
            serde_json::from_str::<Field>("[1,2,255]").expect("de").0,
            [1, 2, 255]
        );
        assert!(serde_json::from_str::<Field>("[256]").is_err());
    }

    #[test]
    fn invalid_base64_is_a_clear_error() {
        let err = serde_json::from_str::<Field>(r#""abc""#).expect_err("bad padding");
        assert!(
            err.to_string()
                .starts_with("invalid base64 in a byte field: "),
            "{err}"
        );
        // The symbol it failed on is a piece of the value: never quoted.
        let err = serde_json::from_str::<Field>(r#""AKIA!SECRET""#).expect_err("a bad symbol");
        assert_eq!(
            err.to_string(),
            "invalid base64 in a byte field: an invalid symbol at offset 4 at line 1 column 13"
        );
        let err = serde_json::from_str::<Field>("12").expect_err("a number");
        assert!(
            err.to_string().contains("expected a base64 string"),
            "{err}"
        );
    }
}
