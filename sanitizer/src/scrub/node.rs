//! A payload as the walk reads it: a JSON tree whose strings and keys
//! borrow from the bytes they were read from.
//!
//! Reading a line into a [`serde_json::Value`] allocates every string and
//! key and hashes every key into an index; the walk needs neither. A
//! [`Node`] read from a line ([`Node`]'s `Deserialize`) borrows every string
//! without an escape, and an object is a plain list of members, so reading
//! costs less than half as much. One read from a `Value`
//! ([`Node::borrowed`]) copies nothing at all.
//!
//! A `Node` means exactly what the `Value` read from the same bytes means,
//! and writes the same bytes: an object that repeats a key keeps the key's
//! first place and its last value (what `serde_json`'s `preserve_order` map
//! does), so no value the walk did not see reaches the output; members are
//! removed and renamed the way that map removes and inserts them
//! ([`Object::swap_remove_all`], [`Object::rename_all`]); numbers are
//! [`serde_json::Number`]s read by the same rules. The tests hold both to
//! the same bytes on generated documents.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Number, Value};

/// One JSON value, its strings borrowed where they can be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Object<'a>),
}

/// An object's members in order, each key once.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a> {
    members: Vec<(Cow<'a, str>, Node<'a>)>,
}

/// Objects up to this many members look for a repeated key by comparing
/// every pair; larger ones through a hash map.
const SMALL_OBJECT: usize = 16;

impl<'a> Object<'a> {
    /// An object of `members`, read in order: a repeated key keeps its
    /// first place and takes its last value.
    pub(crate) fn from_members(mut members: Vec<(Cow<'a, str>, Node<'a>)>) -> Object<'a> {
        let repeats = repeated_keys(&members);
        if !repeats.is_empty() {
            let mut gone = vec![false; members.len()];
            for (later, first) in repeats {
                let value = std::mem::replace(&mut members[later].1, Node::Null);
                members[first].1 = value;
                gone[later] = true;
            }
            let mut i = 0;
            members.retain(|_| {
                i += 1;
                !gone[i - 1]
            });
        }
        Object { members }
    }

    pub(crate) fn len(&self) -> usize {
        self.members.len()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(k, _)| &**k)
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &Node<'a>> {
        self.members.iter().map(|(_, v)| v)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Node<'a>)> {
        self.members.iter().map(|(k, v)| (&**k, v))
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Node<'a>)> {
        self.members.iter_mut().map(|(k, v)| (&**k, v))
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// One removal, for the tests: `key`'s member goes, the last member
    /// taking its place.
    #[cfg(test)]
    fn swap_remove(&mut self, key: &str) -> Option<Node<'a>> {
        let at = self.members.iter().position(|(k, _)| k == key)?;
        Some(self.members.swap_remove(at).1)
    }

    /// One insertion, for the tests: `key` set to `value` in its place if
    /// the key is there, at the end otherwise.
    #[cfg(test)]
    fn insert(&mut self, key: Cow<'a, str>, value: Node<'a>) {
        match self.members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.members.push((key, value)),
        }
    }

    /// Removes each of `keys`, in order, the last member taking the place
    /// of each removed one (what `serde_json::Map::remove` does with
    /// `preserve_order`, one key after the other).
    pub(crate) fn swap_remove_all(&mut self, keys: Vec<String>) {
        self.edit(keys.into_iter().map(Edit::Remove));
    }

    /// Renames each member `from` to `to`, in order, as removing `from` and
    /// inserting `to` with its value would (a `to` already there takes the
    /// value in its place; what `serde_json::Map` does).
    pub(crate) fn rename_all(&mut self, renames: Vec<(String, String)>) {
        self.edit(renames.into_iter().map(|(from, to)| Edit::Rename(from, to)));
    }

    /// Applies `edits` in order. An object of many members keeps an index
    /// of where each key is, so that many edits cost time in proportion to
    /// their number, not to it times the object's size.
    fn edit(&mut self, edits: impl ExactSizeIterator<Item = Edit>) {
        let mut index: Option<HashMap<String, usize>> =
            (edits.len() > 1 && self.members.len() > SMALL_OBJECT).then(|| {
                self.members
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.to_string(), i))
                    .collect()
            });
        for edit in edits {
            let (from, to) = match edit {
                Edit::Remove(key) => (key, None),
                Edit::Rename(from, to) => (from, Some(to)),
            };
            let at = match &mut index {
                Some(index) => index.remove(&from),
                None => self.members.iter().position(|(k, _)| *k == from),
            };
            let Some(at) = at else { continue };
            let (_, value) = self.members.swap_remove(at);
            if let (Some(index), Some((moved, _))) = (&mut index, self.members.get(at)) {
                index.insert(moved.to_string(), at);
            }
            let Some(to) = to else { continue };
            let there = match &index {
                Some(index) => index.get(&to).copied(),
                None => self.members.iter().position(|(k, _)| *k == to),
            };
            match there {
                Some(j) => self.members[j].1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(to.clone(), self.members.len());
                    }
                    self.members.push((Cow::Owned(to), value));
                }
            }
        }
    }
}

/// One change to an object's members.
enum Edit {
    Remove(String),
    Rename(String, String),
}

/// Each member whose key an earlier member has, with the first such
/// member's index.
fn repeated_keys(members: &[(Cow<'_, str>, Node<'_>)]) -> Vec<(usize, usize)> {
    let mut repeats = Vec::new();
    if members.len() <= SMALL_OBJECT {
        for (later, (key, _)) in members.iter().enumerate() {
            if let Some(first) = members[..later].iter().position(|(k, _)| k == key) {
                repeats.push((later, first));
            }
        }
    } else {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(members.len());
        for (i, (key, _)) in members.iter().enumerate() {
            match first.get(&**key) {
                Some(&at) => repeats.push((i, at)),
                None => {
                    first.insert(&**key, i);
                }
            }
        }
    }
    repeats
}

impl<'a> Node<'a> {
    /// A node of `value`, borrowing all its strings.
    pub(crate) fn borrowed(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::borrowed).collect()),
            Value::Object(map) => Node::borrowed_object(map),
        }
    }

    /// A node of the object `map`, borrowing all its strings.
    pub(crate) fn borrowed_object(map: &'a Map<String, Value>) -> Node<'a> {
        Node::Object(Object {
            members: map
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::borrowed(v)))
                .collect(),
        })
    }

    /// The `Value` this node is.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => Value::Number(n),
            Node::String(s) => Value::String(s.into_owned()),
            Node::Array(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Object(object) => {
                let mut map = Map::with_capacity(object.members.len());
                for (k, v) in object.members {
                    map.insert(k.into_owned(), v.into_value());
                }
                Value::Object(map)
            }
        }
    }

    /// Whether this node is `value`, member for member in the same order.
    pub(crate) fn same_as(&self, value: &Value) -> bool {
        match (self, value) {
            (Node::Null, Value::Null) => true,
            (Node::Bool(a), Value::Bool(b)) => a == b,
            (Node::Number(a), Value::Number(b)) => a == b,
            // A string still borrowed from the value is the value's own.
            (Node::String(Cow::Borrowed(a)), Value::String(b)) => {
                std::ptr::eq(*a, b.as_str()) || *a == b
            }
            (Node::String(a), Value::String(b)) => **a == **b,
            (Node::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.same_as(b))
            }
            (Node::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.same_as(vb))
            }
            _ => false,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Node::String(_))
    }
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Number(n) => n.serialize(s),
            Node::String(v) => s.serialize_str(v),
            Node::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(object) => {
                let mut map = s.serialize_map(Some(object.len()))?;
                for (k, v) in object.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        // As `Value` reads it: a float JSON cannot hold is `null`.
        Ok(Number::from_f64(v).map_or(Node::Null, Node::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        // JSON gives no size: most objects of a payload fit in eight.
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8).min(4096));
        while let Some(Key(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        Ok(Node::Object(Object::from_members(members)))
    }
}

/// An object's key, borrowed where it has no escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }

            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key<'de>, E> {
                std::str::from_utf8(v)
                    .map(|s| Key(Cow::Owned(s.to_owned())))
                    .map_err(|_| E::invalid_value(de::Unexpected::Bytes(&[]), &self))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str) -> Node<'_> {
        serde_json::from_str(text).expect("json")
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let Node::Object(object) = read(r#"{"a":"plain","b\n":"esc\"aped"}"#) else {
            panic!("not an object")
        };
        let members = &object.members;
        assert!(matches!(members[0].0, Cow::Borrowed("a")));
        assert!(matches!(members[0].1, Node::String(Cow::Borrowed("plain"))));
        assert!(matches!(&members[1].0, Cow::Owned(k) if k == "b\n"));
        assert!(matches!(&members[1].1, Node::String(Cow::Owned(s)) if s == "esc\"aped"));
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let text = r#"{"a":1,"b":"secret","c":3,"b":"last"}"#;
        let node = read(text);
        let value: Value = serde_json::from_str(text).expect("json");
        assert_eq!(
            serde_json::to_string(&node).expect("json"),
            r#"{"a":1,"b":"last","c":3}"#
        );
        assert!(node.same_as(&value));
    }

    #[test]
    fn a_large_object_with_repeated_keys_reads_in_linear_time() {
        // 40,000 members, every key twice: a look at every pair would take
        // 800 million comparisons.
        let mut text = String::from("{");
        for i in 0..20_000 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        for i in 0..20_000 {
            text.push_str(&format!("\"k{i}\":\"v{i}\","));
        }
        text.pop();
        text.push('}');
        let value: Value = serde_json::from_str(&text).expect("json");
        let node = read(&text);
        assert!(node.same_as(&value));
        assert_eq!(
            serde_json::to_string(&node).expect("json"),
            serde_json::to_string(&value).expect("json")
        );
    }

    #[test]
    fn remove_and_insert_move_members_as_the_value_map_does() {
        let text = r#"{"a":1,"b":2,"c":3,"d":4}"#;
        let Node::Object(mut object) = read(text) else {
            panic!("not an object")
        };
        let Value::Object(mut map) = serde_json::from_str(text).expect("json") else {
            panic!("not an object")
        };
        assert_eq!(object.swap_remove("b"), Some(Node::Number(2.into())));
        map.remove("b");
        object.insert(Cow::Borrowed("e"), Node::Bool(true));
        map.insert("e".into(), Value::Bool(true));
        object.insert(Cow::Borrowed("a"), Node::Null);
        map.insert("a".into(), Value::Null);
        assert!(Node::Object(object).same_as(&Value::Object(map)));
    }

    /// What one edit does to a `Value`'s map, the reference.
    fn edit_map(map: &mut Map<String, Value>, edit: &(String, Option<String>)) {
        if let Some(value) = map.remove(&edit.0)
            && let Some(to) = &edit.1
        {
            map.insert(to.clone(), value);
        }
    }

    proptest! {
        /// Removing and renaming members, a few or many at once, in small
        /// objects and in large ones (which keep an index), leaves the
        /// members where `serde_json`'s map leaves them.
        #[test]
        fn edits_move_members_as_the_value_map_does(
            n in prop_oneof![0usize..6, 14usize..40],
            edits in prop::collection::vec((0usize..48, prop::option::of(0usize..48)), 0..30),
        ) {
            let key = |i: usize| format!("k{i}");
            let text = serde_json::to_string(&Value::Object(
                (0..n).map(|i| (key(i), Value::from(i))).collect(),
            )).expect("json");
            let Node::Object(mut object) = read(&text) else { panic!("not an object") };
            let Value::Object(mut map) = serde_json::from_str(&text).expect("json") else {
                panic!("not an object")
            };
            let edits: Vec<(String, Option<String>)> =
                edits.into_iter().map(|(f, t)| (key(f), t.map(key))).collect();
            for edit in &edits {
                edit_map(&mut map, edit);
            }
            object.edit(edits.into_iter().map(|(from, to)| match to {
                Some(to) => Edit::Rename(from, to),
                None => Edit::Remove(from),
            }).collect::<Vec<_>>().into_iter());
            prop_assert!(Node::Object(object).same_as(&Value::Object(map)));
        }
    }

    /// JSON text of any shape, with repeated keys, escapes, big and
    /// negative numbers, floats.
    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            (-1e30f64..1e30).prop_map(|f| format!("{f:e}")),
            "[a-c\"\\\\\\n é\u{1F600}]{0,6}".prop_map(|s| serde_json::to_string(&s).expect("json")),
            Just("\"\\u00e9\\/x\"".to_owned()),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(("[a-c]{1,2}", inner), 0..8).prop_map(|members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(k, v)| format!("\"{k}\" : {v}"))
                        .collect();
                    format!("{{ {} }}", members.join(", "))
                }),
            ]
        })
    }

    proptest! {
        /// A node read from any JSON text is the `Value` read from it, and
        /// writes the same bytes, through `Value` and back.
        #[test]
        fn a_node_means_and_writes_what_the_value_does(text in json_text()) {
            let value: Value = serde_json::from_str(&text).expect("generated JSON");
            let node: Node = serde_json::from_str(&text).expect("generated JSON");
            prop_assert!(node.same_as(&value));
            let written = serde_json::to_string(&value).expect("json");
            prop_assert_eq!(serde_json::to_string(&node).expect("json"), written.clone());
            prop_assert!(Node::borrowed(&value).same_as(&value));
            prop_assert_eq!(serde_json::to_string(&node.clone().into_value()).expect("json"), written);
        }
    }
}
