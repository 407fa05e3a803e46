//! Conversions at the boundary: how a value that is not `Serialize` (a
//! protobuf message, a foreign error, an HTTP request) is written to a
//! transcript and read back in replay.
//!
//! On a `#[reprise::boundary]` trait, a conversion is an attribute:
//! `#[reprise(via = Mirror)]` on an argument, `#[reprise(ok(via = Mirror))]`
//! or `#[reprise(err(via = Mirror))]` on a method, `err(via = Mirror)` on the
//! trait for every method that returns a `Result`, or `with = "module"` in
//! place of `via` (see [`boundary`](crate::boundary)). Where there is no
//! trait to annotate, as in the tower layer, a conversion is a type that
//! implements [`Codec`]: [`Serde`] (as it is), [`Via`] (through a mirror),
//! [`ErrorText`] (a boxed error as its message), [`Never`] (an error that
//! cannot happen), or one of your own: a serde `with` module becomes one
//! with [`codec!`](crate::codec).
//!
//! A mirror is a type of your own that derives `Serialize` and
//! `Deserialize`, with `From` conversions both ways:
//!
//! ```
//! use reprise::convert::{Codec, Via};
//! use serde::{Deserialize, Serialize};
//!
//! // A type from another crate: not serde, but Clone.
//! #[derive(Debug, Clone, PartialEq)]
//! pub struct Entry { pub term: u64, pub data: Vec<u8> }
//!
//! #[derive(Serialize, Deserialize)]
//! struct EntryMirror { term: u64, #[serde(with = "reprise::bytes")] data: Vec<u8> }
//! impl From<Entry> for EntryMirror {
//!     fn from(e: Entry) -> Self { EntryMirror { term: e.term, data: e.data } }
//! }
//! impl From<EntryMirror> for Entry {
//!     fn from(e: EntryMirror) -> Self { Entry { term: e.term, data: e.data } }
//! }
//!
//! let entry = Entry { term: 2, data: b"set x".to_vec() };
//! let json = Via::<EntryMirror>::serialize(&entry, serde_json::value::Serializer)?;
//! assert_eq!(json, serde_json::json!({"term": 2, "data": "c2V0IHg="}));
//! let back: Entry = Via::<EntryMirror>::deserialize(json)?;
//! assert_eq!(back, entry);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How values of type `T` cross the boundary: written with `serialize`,
/// read back in replay with `deserialize`. It has the two functions of a
/// serde `with` module, as a type, so that it can be a type parameter.
///
/// ```
/// use reprise::convert::Codec;
/// use serde::{Deserialize, Deserializer, Serialize, Serializer};
///
/// /// A duration, as whole milliseconds.
/// struct Millis;
/// impl Codec<std::time::Duration> for Millis {
///     fn serialize<S: Serializer>(value: &std::time::Duration, s: S) -> Result<S::Ok, S::Error> {
///         (value.as_millis() as u64).serialize(s)
///     }
///     fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<std::time::Duration, D::Error> {
///         u64::deserialize(d).map(std::time::Duration::from_millis)
///     }
/// }
///
/// let json = Millis::serialize(&std::time::Duration::from_secs(2), serde_json::value::Serializer)?;
/// assert_eq!(json, 2000);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait Codec<T> {
    /// Writes `value`.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value back.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Makes a [`Codec`] out of a serde `with` module: `codec!(pub EntryCodec
/// for Entry = entry_codec)` defines `EntryCodec`, whose two functions are
/// the module's `serialize` and `deserialize`, so the module a
/// `#[reprise(with = "entry_codec")]` attribute names also serves where a
/// codec type is wanted (the tower layer).
///
/// ```
/// use reprise::convert::Codec;
///
/// #[derive(Debug, PartialEq)]
/// pub struct Port(pub u16);
///
/// mod port_text {
///     use serde::{Deserialize, Deserializer, Serializer};
///     pub fn serialize<S: Serializer>(p: &super::Port, s: S) -> Result<S::Ok, S::Error> {
///         s.collect_str(&format_args!(":{}", p.0))
///     }
///     pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<super::Port, D::Error> {
///         let text = String::deserialize(d)?;
///         text.trim_start_matches(':').parse().map(super::Port).map_err(serde::de::Error::custom)
///     }
/// }
///
/// reprise::codec!(pub PortText for Port = port_text);
///
/// fn main() -> Result<(), serde_json::Error> {
///     let json = PortText::serialize(&Port(8080), serde_json::value::Serializer)?;
///     assert_eq!(json, ":8080");
///     assert_eq!(PortText::deserialize(json)?, Port(8080));
///     Ok(())
/// }
/// ```
#[macro_export]
macro_rules! codec {
    ($vis:vis $name:ident for $ty:ty = $($module:ident)::+) => {
        #[doc = concat!("The codec of the `", stringify!($($module)::+), "` serde `with` module.")]
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $crate::convert::Codec<$ty> for $name {
            fn serialize<S: $crate::__private::Serializer>(
                value: &$ty,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $($module)::+::serialize(value, serializer)
            }
            fn deserialize<'de, D: $crate::__private::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$ty, D::Error> {
                $($module)::+::deserialize(deserializer)
            }
        }
    };
}

/// A value as it is: for types that are `Serialize` and `Deserialize`.
///
/// ```
/// use reprise::convert::{Codec, Serde};
/// let json = Serde::serialize(&vec![1, 2], serde_json::value::Serializer)?;
/// assert_eq!(<Serde as Codec<Vec<u8>>>::deserialize(json)?, [1, 2]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Serde;

impl<T: Serialize + DeserializeOwned> Codec<T> for Serde {
    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A value through its mirror `M`: written as `M::from(value.clone())`,
/// read back as `T::from(mirror)`. See the [module docs](self).
pub struct Via<M>(PhantomData<fn() -> M>);

impl<T, M> Codec<T> for Via<M>
where
    T: Clone + Into<M>,
    M: Serialize + DeserializeOwned + Into<T>,
{
    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.clone().into().serialize(serializer)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        M::deserialize(deserializer).map(Into::into)
    }
}

/// A boxed error (`Box<dyn Error + Send + Sync>`, tower's `BoxError`),
/// written as its message and read back as an error with that message.
///
/// ```
/// use reprise::convert::{Codec, ErrorText};
/// type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// let error: BoxError = "connection reset".into();
/// let json = ErrorText::serialize(&error, serde_json::value::Serializer)?;
/// assert_eq!(json, "connection reset");
/// let back: BoxError = ErrorText::deserialize(json)?;
/// assert_eq!(back.to_string(), "connection reset");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorText;

impl Codec<Box<dyn std::error::Error + Send + Sync>> for ErrorText {
    fn serialize<S: Serializer>(
        value: &Box<dyn std::error::Error + Send + Sync>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Box<dyn std::error::Error + Send + Sync>, D::Error> {
        String::deserialize(deserializer).map(Into::into)
    }
}

/// An error that cannot happen (`std::convert::Infallible`): nothing is
/// ever written, and a recorded one does not read back.
///
/// ```
/// use reprise::convert::{Codec, Never};
/// let read: Result<std::convert::Infallible, _> = Never::deserialize(serde_json::json!("boom"));
/// assert!(read.is_err());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Never;

impl Codec<std::convert::Infallible> for Never {
    fn serialize<S: Serializer>(value: &std::convert::Infallible, _: S) -> Result<S::Ok, S::Error> {
        match *value {}
    }
    fn deserialize<'de, D: Deserializer<'de>>(_: D) -> Result<std::convert::Infallible, D::Error> {
        Err(serde::de::Error::custom(
            "the recording has an error where the type says none can happen",
        ))
    }
}

/// A borrowed value, serialised through the codec `C`.
///
/// ```
/// use reprise::convert::{Encoded, Serde};
/// assert_eq!(serde_json::to_string(&Encoded::<_, Serde>::new(&3u8))?, "3");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct Encoded<'a, T: ?Sized, C>(&'a T, PhantomData<fn() -> C>);

impl<'a, T: ?Sized, C> Encoded<'a, T, C> {
    /// Wraps `value`.
    #[inline]
    pub fn new(value: &'a T) -> Self {
        Encoded(value, PhantomData)
    }
}

impl<T, C: Codec<T>> Serialize for Encoded<'_, T, C> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// A value read back through the codec `C`.
///
/// ```
/// use reprise::convert::{Decoded, Serde};
/// let read: Decoded<u8, Serde> = serde_json::from_str("3")?;
/// assert_eq!(read.into_inner(), 3);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct Decoded<T, C>(T, PhantomData<fn() -> C>);

impl<T, C> Decoded<T, C> {
    /// The value.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, T, C: Codec<T>> Deserialize<'de> for Decoded<T, C> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::deserialize(deserializer).map(|value| Decoded(value, PhantomData))
    }
}

/// How a `via` mirror converts a value: the value itself. Inferred by the
/// compiler; it appears only in its messages.
#[derive(Debug)]
pub struct Whole;

/// How a `via` mirror converts a value: each element of a `Vec`, a slice,
/// an array, an `Option` or a `Box`, the way `K` says. Inferred by the
/// compiler; it appears only in its messages.
#[derive(Debug)]
pub struct Each<K>(PhantomData<fn() -> K>);
