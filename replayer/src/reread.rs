//! Decoding a line read back from the transcript while replaying.
//!
//! The line was read and checked in full by the transcript's reader when
//! the index was built, and its bytes are checked against the index's hash
//! when read back (see [`crate::store`]), so this decoder only picks out
//! the fields replay needs, borrowing the payloads' JSON text from the line
//! without copying or parsing it.
//!
//! Lines laid out as the recorder writes them (`{"kind":"call","seq":..,
//! "dir":..,"port":..,"method":..,"args":PAYLOAD,"at_ns":..[,"parent":..]}`
//! and `{"kind":"return","seq":..,"call":..,"ok":PAYLOAD,"at_ns":..}`) are
//! not decoded at all: [`recorder_call`] and [`recorder_return`] match that
//! layout at both ends of the line and give the bytes in between. Those
//! bytes are the payload exactly when they parse as one JSON value (the
//! line was checked as a whole when it was indexed, so the fields matched
//! at its start and end are top-level ones; anything else between would be
//! trailing characters): callers parse them strictly, and decode the line
//! when that fails.

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

/// The payload bytes of a call line `seq` laid out as the recorder writes
/// it, and its `at_ns` (see the module docs: the bytes are the payload only
/// if they parse as one value).
pub(crate) fn recorder_call(line: &[u8], seq: u64) -> Option<(&[u8], u64)> {
    let mut at = Cursor(line.trim_ascii());
    at.literal(b"{\"kind\":\"call\",\"seq\":")?;
    (at.number()? == seq).then_some(())?;
    at.literal(b",\"dir\":\"")?;
    at.plain_string()?;
    at.literal(b",\"port\":\"")?;
    at.plain_string()?;
    at.literal(b",\"method\":\"")?;
    at.plain_string()?;
    at.literal(b",\"args\":")?;
    let (payload, at_ns) = at_ns_suffix(at.0, true)?;
    Some((payload, at_ns))
}

/// The side (`ok`, `err`, `panic`), payload bytes and `at_ns` of a return
/// line `seq` laid out as the recorder writes it.
pub(crate) fn recorder_return(line: &[u8], seq: u64) -> Option<(&'static str, &[u8], u64)> {
    let mut at = Cursor(line.trim_ascii());
    at.literal(b"{\"kind\":\"return\",\"seq\":")?;
    (at.number()? == seq).then_some(())?;
    at.literal(b",\"call\":")?;
    at.number()?;
    let side = ["ok", "err", "panic"]
        .into_iter()
        .find(|side| at.0.get(2..2 + side.len()) == Some(side.as_bytes()))?;
    at.literal(b",\"")?;
    at.0 = &at.0[side.len()..];
    at.literal(b"\":")?;
    let (payload, at_ns) = at_ns_suffix(at.0, false)?;
    Some((side, payload, at_ns))
}

/// Splits `rest` (a line from its payload on) into the payload and the
/// `,"at_ns":N}` that ends it (for a call, `,"at_ns":N[,"parent":M][,"task":"T"]}`),
/// matched from the end.
fn at_ns_suffix(rest: &[u8], parent: bool) -> Option<(&[u8], u64)> {
    let mut body = rest.strip_suffix(b"}")?;
    if parent {
        // A `task` name without escapes: its opening quote follows the
        // key's colon, so it is a real quote.
        if let Some(name) = body.strip_suffix(b"\"") {
            let open = memchr::memrchr(b'"', name)?;
            (!name[open..].contains(&b'\\')).then_some(())?;
            body = name[..open].strip_suffix(b",\"task\":")?;
        }
    }
    let mut last = number_before(&mut body)?;
    if parent {
        if let Some(before) = body.strip_suffix(b",\"parent\":") {
            body = before;
            last = number_before(&mut body)?;
        }
    }
    let payload = body.strip_suffix(b",\"at_ns\":")?;
    Some((payload, last))
}

/// The digits that end `text`, as a `u64`, taken off it.
fn number_before(text: &mut &[u8]) -> Option<u64> {
    let digits = text.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (before, number) = text.split_at(text.len() - digits);
    *text = before;
    Cursor(number).number()
}

/// A position in a line.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn literal(&mut self, text: &[u8]) -> Option<()> {
        self.0 = self.0.strip_prefix(text)?;
        Some(())
    }

    /// Digits, as a `u64` (`None` for none, or too many).
    fn number(&mut self) -> Option<u64> {
        let digits = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut n: u64 = 0;
        for &digit in &self.0[..digits] {
            n = n.checked_mul(10)?.checked_add(u64::from(digit - b'0'))?;
        }
        self.0 = &self.0[digits..];
        (digits > 0).then_some(n)
    }

    /// The rest of a string without escapes, and its closing quote.
    fn plain_string(&mut self) -> Option<()> {
        let end = memchr::memchr(b'"', self.0)?;
        (!self.0[..end].contains(&b'\\')).then_some(())?;
        self.0 = &self.0[end + 1..];
        Some(())
    }
}

/// Tells a field present with `null` from an absent one.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use reprise_transcript::{Call, Direction, Event, Outcome, Return, encode_line};
    use serde_json::Value;

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[ -~\\\\\"\\n{}]{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::vec(("[a-z_\"]{0,6}", inner), 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn line(event: &Event) -> Vec<u8> {
        let mut buf = Vec::new();
        encode_line(&mut buf, event).unwrap();
        buf
    }

    proptest! {
        #[test]
        fn the_recorder_s_layout_gives_back_the_payload_it_wrote(
            args in json(),
            out in json(),
            port in "[a-z\"\\\\]{1,6}",
            seq in 0u64..u64::MAX / 2,
            at_ns in any::<u64>(),
            parent in proptest::option::of(any::<u64>()),
            task in proptest::option::of("[a-z\"\\\\]{0,6}"),
            side in 0..3usize,
        ) {
            let call = line(&Event::Call(Call {
                seq, dir: Direction::Out, port: port.clone(), method: "m".into(),
                args: args.clone(), at_ns, parent, task: task.clone(),
            }));
            match recorder_call(&call, seq) {
                Some((payload, at)) => {
                    prop_assert_eq!(at, at_ns);
                    prop_assert_eq!(serde_json::from_slice::<Value>(payload).unwrap(), args);
                }
                // Only a name with escapes is decoded instead.
                None => prop_assert!(
                    port.contains(['"', '\\']) || task.is_some_and(|t| t.contains(['"', '\\']))
                ),
            }
            prop_assert!(recorder_call(&call, seq + 1).is_none());
            let outcome = match side {
                0 => Outcome::Ok(out.clone()),
                1 => Outcome::Err(out.clone()),
                _ => Outcome::Panic(out.clone()),
            };
            let ret = line(&Event::Return(Return { seq, call: seq / 2, outcome: outcome.clone(), at_ns }));
            let (found, payload, at) = recorder_return(&ret, seq).unwrap();
            prop_assert_eq!((found, at), (outcome.side(), at_ns));
            prop_assert_eq!(serde_json::from_slice::<Value>(payload).unwrap(), out);
        }

        #[test]
        fn any_bytes_are_matched_or_refused_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..80), seq in 0u64..3) {
            let mut line = b"{\"kind\":\"return\",\"seq\":1,\"call\":0,\"ok\":".to_vec();
            line.extend_from_slice(&bytes);
            let _ = recorder_return(&line, seq);
            let _ = recorder_call(&bytes, seq);
            let _ = recorder_return(&bytes, seq);
            let _ = decode::<Back<'_>>(&bytes);
        }
    }

    #[test]
    fn picks_out_the_fields_and_tells_null_from_absent() {
        let line = b"\n  \n{\"seq\":3,\"kind\":\"return\",\"call\":2,\"ok\":null,\"at_ns\":5,\"x\":[1]}\r\n";
        let back: Back<'_> = decode(line).unwrap();
        assert_eq!(
            (back.kind.as_ref(), back.seq, back.call),
            ("return", Some(3), Some(2))
        );
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

    #[test]
    fn the_recorder_s_layout_gives_its_payload_without_decoding() {
        let call = br#"{"kind":"call","seq":2,"dir":"out","port":"clock","method":"now","args":{"at_ns":1},"at_ns":24156,"parent":1}"#;
        assert_eq!(
            recorder_call(call, 2),
            Some((&br#"{"at_ns":1}"#[..], 24156))
        );
        assert_eq!(recorder_call(call, 3), None);
        let inbound = b"{\"kind\":\"call\",\"seq\":1,\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":[1,\"}\"],\"at_ns\":7}\n";
        assert_eq!(recorder_call(inbound, 1), Some((&b"[1,\"}\"]"[..], 7)));
        let ret = br#"{"kind":"return","seq":3,"call":2,"err":"x","at_ns":26319}"#;
        assert_eq!(
            recorder_return(ret, 3),
            Some(("err", &br#""x""#[..], 26319))
        );
        // Another layout: decoded instead.
        let escaped =
            br#"{"kind":"call","seq":2,"dir":"out","port":"a\"b","method":"m","args":1,"at_ns":5}"#;
        assert_eq!(recorder_call(escaped, 2), None);
        let reordered = br#"{"seq":3,"kind":"return","call":2,"ok":1,"at_ns":5}"#;
        assert_eq!(recorder_return(reordered, 3), None);
        let nested_end = br#"{"kind":"return","seq":3,"call":2,"ok":{"at_ns":5}}"#;
        assert_eq!(recorder_return(nested_end, 3), None);
        // An extra field between: bytes that are not one value, which the
        // callers' strict parse refuses.
        let extra = br#"{"kind":"return","seq":3,"call":2,"ok":1,"x":2,"at_ns":5}"#;
        let (_, payload, _) = recorder_return(extra, 3).unwrap();
        assert!(serde_json::from_slice::<serde_json::Value>(payload).is_err());
    }
}
