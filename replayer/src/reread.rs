//! Decoding a line read back from the transcript while replaying.
//!
//! The line was read and checked in full by the transcript's reader when
//! the index was built, and its bytes are checked against the index's hash
//! when read back (see [`crate::store`]), so this decoder only picks out
//! the fields replay needs, borrowing the payloads' JSON text from the line
//! without copying or parsing it.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// The fields of an event line replay reads back.
#[derive(Debug, Deserialize)]
pub(crate) struct Back<'a> {
    #[serde(borrow)]
    pub(crate) kind: Cow<'a, str>,
    pub(crate) seq: Option<u64>,
    #[serde(borrow)]
    pub(crate) dir: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) port: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) method: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) label: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) name: Option<Cow<'a, str>>,
    pub(crate) call: Option<u64>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) args: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) state: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) ok: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) err: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) panic: Option<&'a RawValue>,
}

/// The fields of a call line replay reads back on its way (the others are
/// skipped, not decoded).
#[derive(Debug, Deserialize)]
pub(crate) struct CallBack<'a> {
    pub(crate) seq: Option<u64>,
    pub(crate) at_ns: Option<u64>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) args: Option<&'a RawValue>,
}

/// The fields of a return line replay reads back on its way.
#[derive(Debug, Deserialize)]
pub(crate) struct RetBack<'a> {
    pub(crate) seq: Option<u64>,
    pub(crate) call: Option<u64>,
    pub(crate) at_ns: Option<u64>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) ok: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) err: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub(crate) panic: Option<&'a RawValue>,
}

/// Decodes `line` (blank lines before it and its newline included) into
/// one of the structs above.
pub(crate) fn decode<'a, T: Deserialize<'a>>(line: &'a [u8]) -> Option<T> {
    serde_json::from_slice(line.trim_ascii()).ok()
}

/// Tells a field present with `null` from an absent one.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_out_the_fields_and_tells_null_from_absent() {
        let line = b"\n  \n{\"seq\":3,\"kind\":\"return\",\"call\":2,\"ok\":null,\"at_ns\":5,\"x\":[1]}\r\n";
        let back: Back<'_> = decode(line).unwrap();
        assert_eq!((back.kind.as_ref(), back.seq, back.call), ("return", Some(3), Some(2)));
        assert_eq!(back.ok.map(RawValue::get), Some("null"));
        assert!(back.err.is_none() && back.args.is_none());
        let ret: RetBack<'_> = decode(line).unwrap();
        assert_eq!((ret.seq, ret.call, ret.at_ns), (Some(3), Some(2), Some(5)));
        assert_eq!(ret.ok.map(RawValue::get), Some("null"));
        let text = br#"{"seq":1,"kind":"call","dir":"out","port":"a\"b","method":"m","args":{"k": [1, 2]}}"#;
        let call: Back<'_> = decode(text).unwrap();
        assert_eq!(call.port.as_deref(), Some("a\"b"));
        let call: CallBack<'_> = decode(text).unwrap();
        assert_eq!(call.args.map(RawValue::get), Some(r#"{"k": [1, 2]}"#));
        assert!(decode::<Back<'_>>(b"{\"seq\":1").is_none());
    }
}
