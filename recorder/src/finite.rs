//! Noticing non-finite floats while a payload is serialised.
//!
//! JSON has no NaN and no infinity: serde_json writes them as `null`, which
//! a replay then cannot read back as a float (`invalid type: null, expected
//! f64`), and a NaN would compare equal to a recorded `-inf`. The recorder
//! cannot write them faithfully in JSON, so it says so: [`Finite`] wraps a
//! value's `Serialize` and passes every call through unchanged, but flags a
//! non-finite `f32`/`f64` on the way; the recorder counts such a payload as
//! a serialisation failure, with a message saying where, so the
//! [`Summary`](crate::Summary) of the recording tells the user before a
//! replay does.

use std::cell::Cell;

use serde::ser::{
    Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

/// `value`, serialised as it is, setting `found` if it holds a NaN or an
/// infinity.
pub(crate) struct Finite<'a, T: ?Sized> {
    pub(crate) value: &'a T,
    pub(crate) found: &'a Cell<bool>,
}

impl<T: Serialize + ?Sized> Serialize for Finite<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Watch {
            inner: serializer,
            found: self.found,
        })
    }
}

/// A serializer that forwards to `inner` and watches floats.
struct Watch<'a, S> {
    inner: S,
    found: &'a Cell<bool>,
}

/// A compound serializer (sequence, map, struct) whose members are watched.
struct Compound<'a, C> {
    inner: C,
    found: &'a Cell<bool>,
}

impl<'a, C> Compound<'a, C> {
    fn wrap<T: ?Sized>(&self, value: &'a T) -> Finite<'a, T> {
        Finite {
            value,
            found: self.found,
        }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
                self.inner.$method($($arg),*)
            }
        )*
    };
}

impl<'a, S: Serializer> Serializer for Watch<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq>;
    type SerializeTuple = Compound<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'a, S::SerializeMap>;
    type SerializeStruct = Compound<'a, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        if !v.is_finite() {
            self.found.set(true);
        }
        self.inner.serialize_f32(v)
    }

    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        if !v.is_finite() {
            self.found.set(true);
        }
        self.inner.serialize_f64(v)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let found = self.found;
        self.inner.serialize_some(&Finite { value, found })
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let found = self.found;
        self.inner
            .serialize_newtype_struct(name, &Finite { value, found })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let found = self.found;
        self.inner
            .serialize_newtype_variant(name, index, variant, &Finite { value, found })
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self.inner.serialize_seq(len)?,
            found,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self.inner.serialize_tuple(len)?,
            found,
        })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self.inner.serialize_tuple_struct(name, len)?,
            found,
        })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self
                .inner
                .serialize_tuple_variant(name, index, variant, len)?,
            found,
        })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self.inner.serialize_map(len)?,
            found,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self.inner.serialize_struct(name, len)?,
            found,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let found = self.found;
        Ok(Compound {
            inner: self
                .inner
                .serialize_struct_variant(name, index, variant, len)?,
            found,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The compound serializers whose members come one at a time, each
/// watched on its way through.
macro_rules! watched_members {
    ($($trait:ident :: $method:ident;)*) => {
        $(
            impl<C: $trait> $trait for Compound<'_, C> {
                type Ok = C::Ok;
                type Error = C::Error;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                    let value = self.wrap(value);
                    self.inner.$method(&value)
                }

                fn end(self) -> Result<C::Ok, C::Error> {
                    self.inner.end()
                }
            }
        )*
    };
}

watched_members! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl<C: SerializeMap> SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        let key = self.wrap(key);
        self.inner.serialize_key(&key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let value = self.wrap(value);
        self.inner.serialize_value(&value)
    }

    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

/// The compound serializers whose members come with a field name.
macro_rules! watched_fields {
    ($($trait:ident;)*) => {
        $(
            impl<C: $trait> $trait for Compound<'_, C> {
                type Ok = C::Ok;
                type Error = C::Error;

                fn serialize_field<T: Serialize + ?Sized>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), C::Error> {
                    let value = self.wrap(value);
                    self.inner.serialize_field(key, &value)
                }

                fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                    self.inner.skip_field(key)
                }

                fn end(self) -> Result<C::Ok, C::Error> {
                    self.inner.end()
                }
            }
        )*
    };
}

watched_fields! {
    SerializeStruct;
    SerializeStructVariant;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn check<T: Serialize>(value: &T) -> (String, bool) {
        let found = Cell::new(false);
        let text = serde_json::to_string(&Finite {
            value,
            found: &found,
        })
        .unwrap();
        (text, found.get())
    }

    #[test]
    fn finds_non_finite_floats_anywhere_and_changes_nothing() {
        #[derive(serde::Serialize)]
        struct Reading {
            id: u32,
            values: Vec<f64>,
            peak: Option<f32>,
            tags: BTreeMap<String, (f64, bool)>,
        }
        let clean = Reading {
            id: 1,
            values: vec![1.5, -2.0],
            peak: Some(3.25),
            tags: BTreeMap::from([("a".to_owned(), (0.5, true))]),
        };
        let (text, found) = check(&clean);
        assert_eq!(text, serde_json::to_string(&clean).unwrap());
        assert!(!found);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(check(&vec![1.0, bad]).1);
            assert!(check(&json!({"deep": [[{"x": 1}]]})).0.contains("deep"));
            let nested = Reading {
                id: 2,
                values: vec![],
                peak: None,
                tags: BTreeMap::from([("t".to_owned(), (bad, false))]),
            };
            assert!(check(&nested).1);
        }
        assert!(check(&Some(f32::NAN)).1);
    }
}
