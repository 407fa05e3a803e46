//! [`View`]: one event as the engine looks at it, built once per event.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use reprise_transcript::{Direction, Event, Outcome};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::{CallRoute, EventRef};

/// What kind of event a [`View`] is, as patterns match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    Call(Direction),
    /// A return; `true` when it is `ok`.
    Return(bool),
    Probe,
    State,
}

/// An event's payload: a parsed value (from a transcript), or the JSON text
/// a live recorder wrote, read only where an expectation needs a field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Payload<'a> {
    Value(&'a Value),
    Json(&'a str),
}

/// One event, flattened: a return carries its call's port and method when
/// the engine kept them (it keeps them for the port.methods someone watches).
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    pub seq: u64,
    pub at_ns: Option<u64>,
    /// The engine's running count of events, from 0: "within N events".
    pub index: u64,
    pub what: What,
    pub port: &'a str,
    pub method: &'a str,
    /// The probe's name, or the state's label.
    pub name: &'a str,
    /// The call's seq for a return, the event's own seq otherwise.
    pub call: u64,
    /// `args`, the `ok`/`err` value, the probe's `fields` or the `state`.
    pub payload: Payload<'a>,
    /// A call's or a return's route, when the observer gave it.
    pub route: Option<CallRoute>,
}

impl<'a> View<'a> {
    fn new(seq: u64, at_ns: Option<u64>, what: What, payload: Payload<'a>) -> Self {
        View {
            seq,
            at_ns,
            index: 0,
            what,
            port: "",
            method: "",
            name: "",
            call: seq,
            payload,
            route: None,
        }
    }

    /// The view of `event` (a return without its call's port and method;
    /// the engine fills them in), `None` for the `end` line.
    pub fn of(event: &'a Event) -> Option<Self> {
        let view = match event {
            Event::Call(c) => View {
                port: &c.port,
                method: &c.method,
                ..View::new(
                    c.seq,
                    Some(c.at_ns),
                    What::Call(c.dir),
                    Payload::Value(&c.args),
                )
            },
            Event::Return(r) => View {
                call: r.call,
                ..View::new(
                    r.seq,
                    Some(r.at_ns),
                    What::Return(matches!(r.outcome, Outcome::Ok(_))),
                    Payload::Value(r.outcome.value()),
                )
            },
            Event::Probe(p) => View {
                name: &p.name,
                ..View::new(p.seq, Some(p.at_ns), What::Probe, Payload::Value(&p.fields))
            },
            Event::State(s) => View {
                name: &s.label,
                ..View::new(s.seq, None, What::State, Payload::Value(&s.state))
            },
            Event::End(_) => return None,
        };
        Some(view)
    }

    /// The view of a borrowed event, as [`View::of`].
    pub fn of_ref(event: EventRef<'a>) -> Self {
        match event {
            EventRef::Call {
                seq,
                at_ns,
                dir,
                port,
                method,
                route,
                args,
            } => View {
                port,
                method,
                route,
                ..View::new(seq, Some(at_ns), What::Call(dir), Payload::Json(args))
            },
            EventRef::Return {
                seq,
                at_ns,
                call,
                ok,
                route,
                value,
            } => View {
                call,
                route,
                ..View::new(seq, Some(at_ns), What::Return(ok), Payload::Json(value))
            },
            EventRef::Probe {
                seq,
                at_ns,
                name,
                fields,
            } => View {
                name,
                ..View::new(seq, Some(at_ns), What::Probe, Payload::Json(fields))
            },
            EventRef::State { seq, label, state } => View {
                name: label,
                ..View::new(seq, None, What::State, Payload::Json(state))
            },
        }
    }

    /// The value at a dotted `path` inside the payload (`key`, `item.id`).
    /// From JSON text, only that value is built; the rest is skipped.
    pub fn field(&self, path: &str) -> Option<Cow<'a, Value>> {
        match self.payload {
            Payload::Value(value) => field(value, path).map(Cow::Borrowed),
            Payload::Json(json) => json_field(json, path).map(Cow::Owned),
        }
    }

    /// The whole payload, as a value (JSON text that does not parse, which
    /// a recorder never writes, is kept as a string).
    pub fn payload(&self) -> Value {
        match self.payload {
            Payload::Value(value) => value.clone(),
            Payload::Json(json) => {
                serde_json::from_str(json).unwrap_or_else(|_| Value::String(json.to_owned()))
            }
        }
    }
}

/// The value at a dotted `path` inside `value`; an empty path is the value.
pub(crate) fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, step| match v {
        Value::Object(map) => map.get(step),
        Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// What [`field`] finds at `path` in the value `json` holds, reading the
/// text only up to the value found and building only that value (`None`
/// when the text is not JSON up to there). Where an object has the same key
/// twice, which `serde_json` never writes for a map, the first one counts.
fn json_field(json: &str, path: &str) -> Option<Value> {
    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(json);
    // Stops as soon as the value is found, or its path is known to be
    // missing, leaving the object or array it is in unfinished, which the
    // deserializer reports as an error: the result is in `found` either way.
    let _ = At {
        path: (!path.is_empty()).then_some(path),
        found: &found,
    }
    .deserialize(&mut de);
    found.take()
}

/// Finds the value at the dotted `path` (`None`: here) in what it
/// deserializes, skipping everything before it. Reaching the value ends the
/// reading: it goes into `found`, and the objects and arrays around it are
/// left unfinished.
#[derive(Clone, Copy)]
struct At<'s> {
    path: Option<&'s str>,
    found: &'s Cell<Option<Value>>,
}

impl<'s> At<'s> {
    /// The first step of the path, and the seed for the rest.
    fn step(self) -> (&'s str, Self) {
        let path = self.path.unwrap_or_default();
        let (step, rest) = match path.split_once('.') {
            Some((step, rest)) => (step, Some(rest)),
            None => (path, None),
        };
        (step, At { path: rest, ..self })
    }
}

impl<'de> DeserializeSeed<'de> for At<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        if self.path.is_none() {
            self.found.set(Some(Value::deserialize(de)?));
            return Ok(());
        }
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for At<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (step, rest) = self.step();
        while let Some(hit) = map.next_key_seed(KeyIs(step))? {
            if hit {
                // Found, or the key is there but not the rest of the path.
                return map.next_value_seed(rest);
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (step, rest) = self.step();
        let Ok(wanted) = step.parse::<usize>() else {
            return Ok(());
        };
        for _ in 0..wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(rest).map(drop)
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads an object key and says whether it is the one wanted, without
/// keeping it.
struct KeyIs<'s>(&'s str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// A correlation key: strings as they are, anything else as JSON.
pub(crate) fn key_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_fields_in_json_text_as_in_a_value() {
        let text = r#"{"to":2,"msg":{"Prepare":{"entries":[{"op":"put"},{"op":"del"}]}},"s":"a\"b","to":3}"#;
        assert_eq!(
            json_field(text, "to"),
            Some(json!(2)),
            "the first of equal keys"
        );
        assert_eq!(
            json_field(text, "msg.Prepare.entries.1.op"),
            Some(json!("del"))
        );
        assert_eq!(json_field(text, "s"), Some(json!("a\"b")));
        assert_eq!(json_field(text, "msg.Prepare.entries.7"), None);
        assert_eq!(json_field(text, "to.x"), None);
        assert_eq!(json_field(text, "nope"), None);
        assert_eq!(json_field("[1,[2,3]]", "1.0"), Some(json!(2)));
        assert_eq!(json_field("5", ""), Some(json!(5)));
        assert_eq!(json_field("{\"a\":", "a"), None, "not JSON");
        assert_eq!(json_field("{\"a\":[}", "a"), None, "not JSON");
        assert_eq!(
            json_field(r#"{"a":1,"b":"#, "a"),
            Some(json!(1)),
            "read up to the value"
        );
    }

    fn json_values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "[a-c\"\\\\é]{0,4}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::btree_map("[a-c0-2]{1,2}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Reading a path out of the text finds what the parsed value has
        /// at that path.
        #[test]
        fn json_field_agrees_with_value_field(
            value in json_values(),
            path in prop::collection::vec("[a-c0-2]{0,2}", 0..4),
        ) {
            let text = value.to_string();
            let path = path.join(".");
            prop_assert_eq!(json_field(&text, &path), field(&value, &path).cloned());
        }
    }
}
