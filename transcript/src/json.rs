//! The line serializer: compact JSON straight into a line buffer, byte for
//! byte what `serde_json::to_writer` writes. [`crate::encode_line`] writes
//! every transcript line with it, and the recorder its payloads; it is
//! public for the recorder only (hidden from the docs, not part of the
//! API).
//!
//! Serialising the payload is the largest part of a recorded call's cost,
//! and of writing a scrubbed line,
//! and most of serde_json's share of it is its string escaping, which looks
//! at every byte of every key and string value in turn, with no way to skip
//! it from outside. Most strings in a payload need no escaping at all (keys,
//! ids, digests, base64 bytes), so this serializer checks a string with one
//! vectorised pass and copies it in whole; a string that needs escaping is
//! escaped by serde_json itself. Integers are formatted by `itoa`, as
//! serde_json formats them, floats by serde_json. It also notes non-finite floats on the way
//! (written as `null`, as serde_json writes them), which on serde_json's
//! path takes the recorder's `Finite` wrapper.
//!
//! It covers what payloads are made of: every primitive, options, sequences,
//! tuples, maps with string, char or integer keys, structs and enums. For
//! anything else (serde's private types such as serde_json's `RawValue`,
//! other map keys) and for a value whose `Serialize` impl fails, it says
//! [`Unsupported`] and the caller serialises the value with serde_json
//! instead, which writes it (or the error) exactly as before: the value's
//! `Serialize` impl then runs a second time, which a pure impl (as serde
//! expects them) does not notice. The unit tests below compare the output
//! with serde_json's on generated values.

use std::cell::Cell;
use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// The value is left to serde_json: outside this serializer's subset, or
/// its `Serialize` impl failed.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Unsupported
    }
}

/// Appends `value` as compact JSON to `buf`, setting `found` if it holds a
/// NaN or an infinity. On [`Unsupported`], `buf` may hold part of the value:
/// the caller truncates it.
pub fn write<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    value: &T,
    found: &Cell<bool>,
) -> Result<(), Unsupported> {
    value.serialize(&mut Json { buf, found })
}

/// Whether serde_json writes `s` unchanged between its quotes: no control
/// character, quote or backslash, the only bytes it escapes.
///
/// Most strings in a payload are short (keys, names, small ids): up to 16
/// bytes are checked as two overlapping 8-byte words, a handful of
/// instructions, where a byte loop took about twelve a byte. Longer ones
/// are checked without an early exit, so that the compiler vectorises it.
#[inline]
fn is_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() <= 16 {
        return is_plain_short(bytes);
    }
    !bytes.iter().fold(false, |bad, &b| {
        bad | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// [`is_plain`] of at most 16 bytes: the first and the last 8 (or 4) bytes
/// as words, which between them cover every byte.
#[inline]
fn is_plain_short(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let word = |at: usize| -> u64 {
        match bytes
            .get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            Some(w) => u64::from_le_bytes(w),
            // Not reached (the caller checked the length): a control
            // character, so the string is escaped by serde_json.
            None => 0,
        }
    };
    let half = |at: usize| -> u64 {
        match bytes
            .get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
        {
            Some(w) => u64::from(u32::from_le_bytes(w)),
            None => 0,
        }
    };
    if n >= 8 {
        plain_word(word(0)) && plain_word(word(n - 8))
    } else if n >= 4 {
        plain_word(half(0) | (half(n - 4) << 32))
    } else {
        bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
    }
}

/// Whether none of the 8 bytes of `x` is below 0x20, a quote or a
/// backslash. Each test is the classic word-at-a-time one: a borrow can
/// only start at a byte that matches, so a match anywhere is never missed
/// and no match is invented.
#[inline]
fn plain_word(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let quote = below(x ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(x ^ (ONES * u64::from(b'\\')), 1);
    (below(x, 0x20) | quote | backslash) == 0
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it.
#[inline]
pub fn push_str(buf: &mut Vec<u8>, s: &str) {
    if is_plain(s) {
        buf.reserve(s.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        // Serialising a `str` into a `Vec` cannot fail: there is no I/O and
        // no fallible `Serialize` impl involved.
        let _ = serde_json::to_writer(&mut *buf, s);
    }
}

/// Serde's private types (serde_json's `RawValue`, its arbitrary-precision
/// numbers) are structs whose names start with `$`, written specially by
/// serde_json: left to it.
fn private(name: &str) -> Result<(), Unsupported> {
    if name.starts_with('$') {
        Err(Unsupported)
    } else {
        Ok(())
    }
}

struct Json<'a> {
    buf: &'a mut Vec<u8>,
    found: &'a Cell<bool>,
}

impl Json<'_> {
    #[inline]
    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    #[inline]
    fn int(&mut self, n: impl itoa::Integer) {
        self.raw(itoa::Buffer::new().format(n).as_bytes());
    }

    /// `{"variant":`, the start of an enum variant with content.
    fn variant(&mut self, variant: &str) {
        self.buf.push(b'{');
        push_str(self.buf, variant);
        self.buf.push(b':');
    }
}

/// A sequence, map or struct being written: `first` until its first member.
struct Compound<'s, 'a> {
    json: &'s mut Json<'a>,
    first: bool,
    /// What closes it: `]`, `}`, or those followed by `}` for a variant.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    #[inline]
    fn comma(&mut self) {
        if !self.first {
            self.json.buf.push(b',');
        }
        self.first = false;
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.comma();
        value.serialize(&mut *self.json)
    }

    #[inline]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unsupported> {
        self.comma();
        push_str(self.json.buf, key);
        self.json.buf.push(b':');
        value.serialize(&mut *self.json)
    }

    #[inline]
    fn close(self) -> Result<(), Unsupported> {
        self.json.raw(self.close);
        Ok(())
    }
}

impl<'s, 'a> ser::Serializer for &'s mut Json<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.raw(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        if v.is_finite() {
            // serde_json's own float formatting: a number cannot fail.
            let _ = serde_json::to_writer(&mut *self.buf, &v);
        } else {
            self.found.set(true);
            self.raw(b"null");
        }
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        if v.is_finite() {
            // serde_json's own float formatting: a number cannot fail.
            let _ = serde_json::to_writer(&mut *self.buf, &v);
        } else {
            self.found.set(true);
            self.raw(b"null");
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        push_str(self.buf, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        push_str(self.buf, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unsupported> {
        // An array of numbers, as serde_json writes bytes.
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.raw(b"null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.raw(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        self.raw(b"null");
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        push_str(self.buf, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        private(name)?;
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.buf.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Unsupported> {
        self.buf.push(b'[');
        Ok(Compound {
            json: self,
            first: true,
            close: b"]",
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Unsupported> {
        private(name)?;
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Unsupported> {
        self.variant(variant);
        self.buf.push(b'[');
        Ok(Compound {
            json: self,
            first: true,
            close: b"]}",
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Unsupported> {
        self.buf.push(b'{');
        Ok(Compound {
            json: self,
            first: true,
            close: b"}",
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Unsupported> {
        private(name)?;
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Unsupported> {
        self.variant(variant);
        self.buf.push(b'{');
        Ok(Compound {
            json: self,
            first: true,
            close: b"}}",
        })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.comma();
        key.serialize(Key {
            buf: &mut *self.json.buf,
        })?;
        self.json.buf.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut *self.json)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

/// A map key: a string, a char, an integer (quoted, as serde_json writes
/// it), a unit variant's name, or a newtype around one of those. Any other
/// key is left to serde_json, which accepts some more and refuses the rest.
struct Key<'b> {
    buf: &'b mut Vec<u8>,
}

impl Key<'_> {
    fn int(self, n: impl itoa::Integer) -> Result<(), Unsupported> {
        self.buf.push(b'"');
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.buf.push(b'"');
        Ok(())
    }
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        push_str(self.buf, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        push_str(self.buf, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        push_str(self.buf, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        private(name)?;
        value.serialize(self)
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        self.int(v)
    }

    fn serialize_bool(self, _v: bool) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_f32(self, _v: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;

    /// What `write` gives for `value`, or `None` when it leaves it to serde_json.
    fn ours<T: Serialize + ?Sized>(value: &T) -> Option<(String, bool)> {
        let mut buf = b"[".to_vec();
        let found = Cell::new(false);
        write(&mut buf, value, &found).ok()?;
        let text = String::from_utf8(buf).expect("utf-8");
        Some((text[1..].to_owned(), found.get()))
    }

    fn same<T: Serialize + ?Sized>(value: &T) {
        let theirs = serde_json::to_string(value).expect("serde_json");
        assert_eq!(ours(value).expect("supported").0, theirs);
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(u8);

    #[derive(Serialize)]
    struct Tuple(i8, &'static str);

    #[derive(Serialize)]
    enum Shape {
        Empty,
        Wrapped(Option<u16>),
        Pair(char, f32),
        Named { w: u64, tag: &'static str },
    }

    #[derive(Serialize)]
    struct Message {
        to: u32,
        digest: String,
        #[serde(with = "reprise::bytes")]
        payload: Vec<u8>,
        raw: Vec<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        shapes: Vec<Shape>,
        unit: Unit,
        newtype: Newtype,
        tuple: Tuple,
        nothing: (),
        by_id: BTreeMap<i64, bool>,
        by_char: BTreeMap<char, i128>,
        by_variant: BTreeMap<Key2, u128>,
        floats: (f64, f64, f32),
    }

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Key2 {
        Left,
        Right,
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        let message = Message {
            to: 2,
            digest: "9f86d081884c7d659a2feaa0c55ad015".into(),
            payload: b"SET user:1042 {\"plan\":\"pro\"}".to_vec(),
            raw: vec![0, 1, 255],
            skipped: None,
            shapes: vec![
                Shape::Empty,
                Shape::Wrapped(Some(7)),
                Shape::Wrapped(None),
                Shape::Pair('\u{1f980}', 1.5),
                Shape::Pair('"', -0.0),
                Shape::Named {
                    w: u64::MAX,
                    tag: "a\tb\u{7f}\u{e9}",
                },
            ],
            unit: Unit,
            newtype: Newtype(9),
            tuple: Tuple(-128, "\\"),
            nothing: (),
            by_id: BTreeMap::from([(-3, true), (4, false)]),
            by_char: BTreeMap::from([('\n', i128::MIN), ('k', 0)]),
            by_variant: BTreeMap::from([(Key2::Left, u128::MAX), (Key2::Right, 1)]),
            floats: (1e300, 0.1, 3.4e38),
        };
        same(&message);
        struct Bytes(&'static [u8]);
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        same(&(Bytes(b"\x00\xff"), Bytes(b"")));
        same(&Vec::<u8>::new());
        same(&BTreeMap::<String, u8>::new());
        same(&"");
    }

    #[test]
    fn a_non_finite_float_is_null_and_noticed() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let (text, found) = ours(&vec![1.0, bad]).expect("supported");
            assert_eq!(text, "[1.0,null]");
            assert!(found);
        }
        assert!(ours(&Some(f32::NAN)).expect("supported").1);
        assert!(!ours(&1.5f32).expect("supported").1);
    }

    #[test]
    fn what_serde_json_writes_specially_or_refuses_is_left_to_it() {
        let raw = serde_json::value::RawValue::from_string("{\"a\" : 1}".into()).expect("raw");
        assert!(ours(&raw).is_none());
        assert!(ours(&BTreeMap::from([((1, 2), 3)])).is_none());
        assert!(ours(&BTreeMap::from([(true, 3)])).is_none());
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("no"))
            }
        }
        assert!(ours(&vec![Fails]).is_none());
    }

    /// Any JSON value, strings with any characters, integers and floats
    /// of every range.
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            "[ -~\\n\\t\"\\\\]{0,40}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_is_written_as_serde_json_writes_it(value in value()) {
            let theirs = serde_json::to_string(&value).expect("serde_json");
            prop_assert_eq!(ours(&value).expect("supported").0, theirs);
        }

        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in any::<String>(), bytes in any::<Vec<u8>>()) {
            let mut buf = Vec::new();
            push_str(&mut buf, &s);
            prop_assert_eq!(buf, serde_json::to_vec(&s).expect("serde_json"));
            let ascii: String = bytes.iter().map(|&b| char::from(b & 0x7f)).collect();
            prop_assert_eq!(is_plain(&ascii), !serde_json::to_string(&ascii).expect("serde_json")[1..].contains('\\'));
        }

        #[test]
        fn short_strings_are_checked_as_byte_by_byte(bytes in prop::collection::vec(any::<u8>(), 0..=16)) {
            let text = String::from_utf8_lossy(&bytes);
            let plain = text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
            prop_assert_eq!(is_plain(&text), plain);
        }
    }

    /// The word-at-a-time check of short strings, at every length and every
    /// position of every byte serde_json escapes, among bytes that are
    /// close to them (one above, the top of the range, UTF-8).
    #[test]
    fn every_escaped_byte_is_found_at_every_place_of_a_short_string() {
        for len in 0..=17 {
            let plain: String = "a!~\u{e9}#]".chars().cycle().take(len).collect();
            assert!(is_plain(&plain), "{plain:?}");
            for at in 0..len {
                for bad in (0u8..0x20).chain([b'"', b'\\']) {
                    let mut bytes = "A".repeat(len).into_bytes();
                    bytes[at] = bad;
                    let text = String::from_utf8(bytes).expect("ascii");
                    assert!(!is_plain(&text), "{text:?}");
                }
                for good in [0x20u8, b'#', b']', b'[', 0x7f] {
                    let mut bytes = "A".repeat(len).into_bytes();
                    bytes[at] = good;
                    let text = String::from_utf8(bytes).expect("ascii");
                    assert!(is_plain(&text), "{text:?}");
                }
            }
        }
    }
}
