//! Decoding one line into a [`Header`] or an [`Event`], in a single pass.
//!
//! A line is deserialised into [`RawLine`], a flat struct of optional fields,
//! and then checked against the fields its `kind` requires. This is one serde
//! pass (no intermediate `Value` of the whole line), ignores unknown fields,
//! and lets the error say exactly which field a kind is missing.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::event::{Call, Direction, End, Event, Header, Outcome, Probe, Return, State};
use crate::origin::Origin;

/// What a line decodes to.
#[derive(Debug)]
pub(crate) enum Line<P = Value> {
    Header(Box<Header>),
    Event(Event<P>),
}

/// Why a syntactically valid JSON line is not a valid line of a transcript.
#[derive(Debug)]
pub(crate) enum LineProblem {
    Json(serde_json::Error),
    Invalid(String),
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Header,
    State,
    Call,
    Return,
    Probe,
    End,
}

/// The names of a line's fields (those of [`RawLine`]): the keys an error
/// message may name, as they are the format's, not a payload's.
pub(crate) const FIELDS: &[&str] = &[
    "seq",
    "kind",
    "at_ns",
    "dir",
    "port",
    "method",
    "args",
    "call",
    "ok",
    "task",
    "parent",
    "name",
    "fields",
    "err",
    "state",
    "label",
    "panic",
    "events",
    "dropped",
    "reprise",
    "component",
    "created",
    "recorder",
    "meta",
    "sanitizer",
    "node",
    "node_seq",
    "clock",
    "cause",
    "merge",
];

/// A line's fields, most frequent first: serde matches a key against the
/// names in this order, one after the other.
#[derive(Deserialize)]
#[serde(bound = "P: Deserialize<'de>", expecting = "a JSON object")]
struct RawLine<P> {
    seq: Option<u64>,
    kind: Option<Kind>,
    at_ns: Option<u64>,
    dir: Option<Direction>,
    port: Option<String>,
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    args: Option<P>,
    call: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    ok: Option<P>,
    task: Option<String>,
    parent: Option<u64>,
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    fields: Option<P>,
    #[serde(default, deserialize_with = "present")]
    err: Option<P>,
    #[serde(default, deserialize_with = "present")]
    state: Option<P>,
    label: Option<String>,
    #[serde(default, deserialize_with = "present")]
    panic: Option<P>,
    events: Option<u64>,
    dropped: Option<u64>,
    reprise: Option<u64>,
    component: Option<String>,
    created: Option<String>,
    recorder: Option<String>,
    // The rare fields are boxed: the struct is moved whole a few times per
    // line, and every byte of it is copied each time.
    meta: Option<Box<Map<String, Value>>>,
    #[serde(default, deserialize_with = "present")]
    sanitizer: Option<Box<Value>>,
    // The fields a merged transcript adds (see `Origin`).
    node: Option<String>,
    node_seq: Option<u64>,
    clock: Option<u64>,
    cause: Option<u64>,
    merge: Option<Box<Value>>,
}

/// What a line holds beyond its event: the fields of a merged transcript.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    /// Where the event came from, when the line has `node` and `node_seq`.
    pub(crate) origin: Option<Box<Origin>>,
    /// The `end` line's `merge` summary.
    pub(crate) merge: Option<Box<Value>>,
}

/// Distinguishes a field that is present with `null` from an absent one.
fn present<'de, D: Deserializer<'de>, P: Deserialize<'de>>(d: D) -> Result<Option<P>, D::Error> {
    P::deserialize(d).map(Some)
}

/// The payload `null`, for a call or probe line that omits its payload.
fn null<'de, P: Deserialize<'de>>() -> Result<P, LineProblem> {
    serde_json::from_str("null").map_err(LineProblem::Json)
}

fn need<T>(field: Option<T>, kind: &str, name: &str) -> Result<T, LineProblem> {
    field.ok_or_else(|| LineProblem::Invalid(format!("{kind} event is missing field `{name}`")))
}

/// Decodes one line (without its newline).
#[cfg(test)]
pub(crate) fn decode<P: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<Line<P>, LineProblem> {
    decode_with_extras(bytes).map(|(line, _)| line)
}

/// Decodes one line (without its newline), with the fields of a merged
/// transcript. The payloads may borrow from `bytes`.
pub(crate) fn decode_with_extras<'de, P: Deserialize<'de>>(
    bytes: &'de [u8],
) -> Result<(Line<P>, Extras), LineProblem> {
    // A line of UTF-8 (any line a writer wrote) is checked once as a whole,
    // rather than string by string as it is read; any other line is read
    // as bytes, which says where its first bad byte is.
    let raw: RawLine<P> = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
    .map_err(LineProblem::Json)?;
    let extras = Extras {
        origin: match (raw.node, raw.node_seq) {
            (Some(node), Some(seq)) => Some(Box::new(Origin {
                node,
                seq,
                clock: raw.clock,
                cause: raw.cause,
            })),
            _ => None,
        },
        merge: raw.merge,
    };
    let kind = raw
        .kind
        .ok_or_else(|| LineProblem::Invalid("line has no `kind` field".into()))?;
    let line = match kind {
        Kind::Header => {
            let version = need(raw.reprise, "header", "reprise")?;
            let version = u32::try_from(version).unwrap_or(u32::MAX);
            let mut header = Header::new(
                need(raw.component, "header", "component")?,
                raw.created.unwrap_or_default(),
                raw.recorder.unwrap_or_default(),
            );
            header.reprise = version;
            header.meta = raw.meta.map(|m| *m).unwrap_or_default();
            header.sanitizer = raw.sanitizer.map(|v| *v).filter(|v| !v.is_null());
            Line::Header(Box::new(header))
        }
        Kind::State => Line::Event(Event::State(State {
            seq: need(raw.seq, "state", "seq")?,
            label: need(raw.label, "state", "label")?,
            state: need(raw.state, "state", "state")?,
        })),
        Kind::Call => Line::Event(Event::Call(Call {
            seq: need(raw.seq, "call", "seq")?,
            dir: need(raw.dir, "call", "dir")?,
            port: need(raw.port, "call", "port")?,
            method: need(raw.method, "call", "method")?,
            args: match raw.args {
                Some(args) => args,
                None => null()?,
            },
            at_ns: raw.at_ns.unwrap_or(0),
            parent: raw.parent,
            task: raw.task,
        })),
        Kind::Return => {
            let outcome = match (raw.ok, raw.err, raw.panic) {
                (Some(v), None, None) => Outcome::Ok(v),
                (None, Some(e), None) => Outcome::Err(e),
                (None, None, Some(p)) => Outcome::Panic(p),
                (None, None, None) => {
                    return Err(LineProblem::Invalid(
                        "return event has none of `ok`, `err` and `panic`".into(),
                    ));
                }
                _ => {
                    return Err(LineProblem::Invalid(
                        "return event has more than one of `ok`, `err` and `panic`".into(),
                    ));
                }
            };
            Line::Event(Event::Return(Return {
                seq: need(raw.seq, "return", "seq")?,
                call: need(raw.call, "return", "call")?,
                outcome,
                at_ns: raw.at_ns.unwrap_or(0),
            }))
        }
        Kind::Probe => Line::Event(Event::Probe(Probe {
            seq: need(raw.seq, "probe", "seq")?,
            name: need(raw.name, "probe", "name")?,
            fields: match raw.fields {
                Some(fields) => fields,
                None => null()?,
            },
            at_ns: raw.at_ns.unwrap_or(0),
        })),
        Kind::End => Line::Event(Event::End(End {
            events: need(raw.events, "end", "events")?,
            dropped: raw.dropped.unwrap_or(0),
            sanitizer: raw.sanitizer.map(|v| *v).filter(|v| !v.is_null()),
        })),
    };
    Ok((line, extras))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: &str) -> String {
        match decode::<Value>(line.as_bytes()) {
            Ok(l) => panic!("expected a problem, decoded {l:?}"),
            Err(LineProblem::Json(e)) => format!("json: {e}"),
            Err(LineProblem::Invalid(m)) => m,
        }
    }

    /// [`FIELDS`] is exactly the fields [`RawLine`] asks for: a deserializer
    /// that only records the field names the struct declares.
    #[test]
    fn fields_are_the_raw_line_s() {
        struct Names(Vec<&'static str>);
        impl<'de> Deserializer<'de> for &mut Names {
            type Error = serde::de::value::Error;
            fn deserialize_any<V: serde::de::Visitor<'de>>(
                self,
                _: V,
            ) -> Result<V::Value, Self::Error> {
                Err(serde::de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 = fields.to_vec();
                Err(serde::de::Error::custom("names recorded"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut names = Names(Vec::new());
        assert!(RawLine::<Value>::deserialize(&mut names).is_err());
        assert_eq!(names.0, FIELDS);
    }

    #[test]
    fn a_return_with_ok_null_is_ok_not_missing() {
        let Line::Event(Event::Return(r)) =
            decode::<Value>(br#"{"seq":3,"kind":"return","call":2,"ok":null,"at_ns":5}"#).unwrap()
        else {
            panic!("not a return")
        };
        assert_eq!(r.outcome, Outcome::Ok(Value::Null));
    }

    /// A line of UTF-8 is read as text, any other as bytes: either way
    /// the same line decodes the same, and a bad byte is an error with its
    /// place.
    #[test]
    fn a_line_that_is_not_utf8_is_an_error_with_its_column() {
        let good = br#"{"seq":1,"kind":"probe","name":"p\u00e9","fields":{"k":"\u00e9"}}"#;
        let Ok(Line::Event(Event::Probe(p))) = decode::<Value>(good) else {
            panic!("a probe")
        };
        assert_eq!(
            (p.name.as_str(), &p.fields["k"]),
            ("p\u{e9}", &Value::from("\u{e9}"))
        );
        let bad = b"{\"seq\":1,\"kind\":\"probe\",\"name\":\"p\xff\"}";
        match decode::<Value>(bad) {
            Err(LineProblem::Json(e)) => {
                assert_eq!((e.line(), e.column()), (1, 34));
                assert!(e.to_string().contains("invalid unicode"), "{e}");
            }
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let line = decode::<Value>(
            br#"{"seq":0,"kind":"state","label":"initial","state":{},"future":[1]}"#,
        );
        assert!(matches!(line, Ok(Line::Event(Event::State(_)))));
    }

    #[test]
    fn problems_name_the_field() {
        assert_eq!(
            problem(r#"{"seq":1,"kind":"call","dir":"in","method":"m","args":{}}"#),
            "call event is missing field `port`"
        );
        assert_eq!(
            problem(r#"{"seq":1,"kind":"return","call":0,"ok":1,"err":2}"#),
            "return event has more than one of `ok`, `err` and `panic`"
        );
        assert_eq!(problem(r#"{"seq":1}"#), "line has no `kind` field");
        assert!(problem(r#"{"kind":"banana"}"#).contains("unknown variant `banana`"));
        // Read through the reader, a line's error never quotes its values.
        let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
                    {\"kind\":\"banana\"}\n{\"kind\":\"call\",\"seq\":\"one\"}\n";
        let errors: Vec<String> = crate::Reader::new(text.as_bytes())
            .expect("header")
            .filter_map(|r| r.err().map(|e| e.to_string()))
            .collect();
        assert_eq!(
            errors,
            [
                "line 2, column 16: unknown variant, expected one of `header`, `state`, `call`, `return`, `probe`, `end`",
                "line 3, column 26: invalid type: a string, expected u64",
            ]
        );
        assert!(problem(r#"{"kind":"call","seq":"one"}"#).contains("invalid type"));
    }
}
