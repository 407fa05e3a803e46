//! Conversions at the boundary, for the code `#[reprise::boundary]`
//! generates when a value is not `Serialize` (or not `Deserialize`) as it
//! is: `via = Mirror`, `with = "module"`, the parts of a `Result`, and byte
//! buffers the callee fills (`&mut [u8]`).
//!
//! As in the parent module, the generated code picks what to do by the type
//! checker (autoref specialisation), so that a method body compiles whether
//! or not its types fit, and the one error is the check spanned at the type.
//!
//! - **`via = M`** records `M::from(value.clone())` and replays
//!   `T::from(m)`. Inside a `Vec`, a slice, an array, an `Option` or a
//!   `Box`, each element is converted: the marker `K` ([`Whole`] or
//!   [`Each`]) is inferred from the one impl that fits.
//! - **`with = "module"`** is served by a struct the generated code defines
//!   in the method's body, calling the module's `serialize` and
//!   `deserialize`; here only [`Unwrap`] and [`WithRead`] support it.
//! - **Parts of a `Result`**: [`IsResult`] names the `Ok` and `Err` types of
//!   any `Result`, also behind an alias, so each part gets its own
//!   conversion and its own error message.
//! - **Out buffers**: a `&mut [u8]` argument is an output. Its length is
//!   recorded with the arguments; what the callee wrote (the first `n`
//!   bytes when the call returns `n: usize`, else all of it) is recorded
//!   beside the return value as `{"value": .., "buf": "<base64>"}`, and a
//!   replaying stand-in writes it back.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Base64, Base64Buf, Inbound, IoError, NotSerialize, Outcome, ReplayError, ReplayPort};

// ---- Results, by their type ----

/// Any `Result`, whatever it is called: names its `Ok` and `Err` types.
pub trait IsResult: Sized {
    /// The `Ok` type.
    type Ok;
    /// The `Err` type.
    type Err;
    /// Borrows the parts.
    fn as_result(&self) -> Result<&Self::Ok, &Self::Err>;
    /// Builds it from its parts.
    fn from_result(result: Result<Self::Ok, Self::Err>) -> Self;
}

impl<T, E> IsResult for Result<T, E> {
    type Ok = T;
    type Err = E;
    #[inline]
    fn as_result(&self) -> Result<&T, &E> {
        self.as_ref()
    }
    #[inline]
    fn from_result(result: Result<T, E>) -> Self {
        result
    }
}

/// Borrows the parts of a returned `Result`.
#[inline]
pub fn as_result<R: IsResult>(ret: &R) -> Result<&R::Ok, &R::Err> {
    ret.as_result()
}

// ---- Recording a part as it is ----

/// A value to record as it is, for choosing how: `(&&&WriteTag(&v)).write_part()`
/// is an [`IoError`] for a `std::io::Error` ([`WriteIo`]), `&v` for a
/// `Serialize` value ([`WriteSerde`]), else a placeholder ([`WriteNone`]).
pub struct WriteTag<'a, T: ?Sized>(pub &'a T);

/// Selects an [`IoError`] for an `std::io::Error`.
pub trait WriteIo {
    /// The error as recorded.
    fn write_part(&self) -> IoError;
}
impl WriteIo for &&&WriteTag<'_, std::io::Error> {
    #[inline]
    fn write_part(&self) -> IoError {
        IoError::from(self.0)
    }
}

/// Selects a `Serialize` value as it is.
pub trait WriteSerde<'a, T: ?Sized> {
    /// The value.
    fn write_part(&self) -> &'a T;
}
impl<'a, T: Serialize + ?Sized> WriteSerde<'a, T> for &&WriteTag<'a, T> {
    #[inline]
    fn write_part(&self) -> &'a T {
        self.0
    }
}

/// Selects a placeholder for a value that cannot be recorded (the crate
/// does not compile: the generated check fails at its type).
pub trait WriteNone<T: ?Sized> {
    /// The placeholder.
    fn write_part(&self) -> NotSerialize<T>;
}
impl<T: ?Sized> WriteNone<T> for WriteTag<'_, T> {
    fn write_part(&self) -> NotSerialize<T> {
        NotSerialize(PhantomData)
    }
}

// ---- via = Mirror, recording ----

pub use crate::convert::{Each, Whole};

/// No conversion fits (the crate does not compile).
pub struct NoMirror;

/// A value that is recorded as its mirror `M`.
pub trait MirrorWrite<M, K> {
    /// Writes the value as its mirror.
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl<T: Clone + Into<M>, M: Serialize> MirrorWrite<M, Whole> for T {
    #[inline]
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.clone().into().serialize(serializer)
    }
}

impl<T: MirrorWrite<M, K>, M, K> MirrorWrite<M, Each<K>> for [T] {
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(ViaSer::<T, M, K>::new))
    }
}

impl<T: MirrorWrite<M, K>, M, K> MirrorWrite<M, Each<K>> for Vec<T> {
    #[inline]
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        <[T] as MirrorWrite<M, Each<K>>>::write_mirror(self, serializer)
    }
}

impl<T: MirrorWrite<M, K>, M, K, const N: usize> MirrorWrite<M, Each<K>> for [T; N] {
    #[inline]
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        <[T] as MirrorWrite<M, Each<K>>>::write_mirror(self, serializer)
    }
}

impl<T: MirrorWrite<M, K>, M, K> MirrorWrite<M, Each<K>> for Option<T> {
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&ViaSer::<T, M, K>::new(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: MirrorWrite<M, K> + ?Sized, M, K> MirrorWrite<M, Each<K>> for Box<T> {
    #[inline]
    fn write_mirror<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write_mirror(serializer)
    }
}

/// A borrowed value, serialised as its mirror `M`.
pub struct ViaSer<'a, T: ?Sized, M, K>(&'a T, PhantomData<fn() -> (M, K)>);

impl<'a, T: ?Sized, M, K> ViaSer<'a, T, M, K> {
    /// Wraps `value`.
    #[inline]
    pub fn new(value: &'a T) -> Self {
        ViaSer(value, PhantomData)
    }
}

impl<T: MirrorWrite<M, K> + ?Sized, M, K> Serialize for ViaSer<'_, T, M, K> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_mirror(serializer)
    }
}

/// A value to record through its mirror `M`, for choosing how:
/// `(&&ViaTag::<_, M, _>::new(&v)).via()` is a [`ViaSer`] when a
/// conversion fits ([`ViaWrite`]), else a placeholder ([`ViaNone`]).
pub struct ViaTag<'a, T: ?Sized, M, K>(&'a T, PhantomData<fn() -> (M, K)>);

impl<'a, T: ?Sized, M, K> ViaTag<'a, T, M, K> {
    /// The tag of `value`.
    #[inline]
    pub fn new(value: &'a T) -> Self {
        ViaTag(value, PhantomData)
    }
}

/// Selects the mirror.
pub trait ViaWrite<'a, T: ?Sized, M, K> {
    /// The value, serialised as its mirror.
    fn via(&self) -> ViaSer<'a, T, M, K>;
}
impl<'a, T: MirrorWrite<M, K> + ?Sized, M, K> ViaWrite<'a, T, M, K> for &ViaTag<'a, T, M, K> {
    #[inline]
    fn via(&self) -> ViaSer<'a, T, M, K> {
        ViaSer::new(self.0)
    }
}

/// Selects a placeholder when no conversion fits.
pub trait ViaNone<T: ?Sized> {
    /// The placeholder.
    fn via(&self) -> NotSerialize<T>;
}
impl<T: ?Sized, M> ViaNone<T> for ViaTag<'_, T, M, NoMirror> {
    fn via(&self) -> NotSerialize<T> {
        NotSerialize(PhantomData)
    }
}

// ---- via = Mirror, replaying ----

/// A value that is read back from its mirror `M`.
pub trait MirrorRead<M, K>: Sized {
    /// Reads the mirror and converts it.
    fn read_mirror<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl<T, M: DeserializeOwned + Into<T>> MirrorRead<M, Whole> for T {
    #[inline]
    fn read_mirror<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        M::deserialize(deserializer).map(Into::into)
    }
}

impl<T: MirrorRead<M, K>, M, K> MirrorRead<M, Each<K>> for Vec<T> {
    fn read_mirror<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<ViaDe<T, M, K>>::deserialize(deserializer)
            .map(|all| all.into_iter().map(|one| one.0).collect())
    }
}

impl<T: MirrorRead<M, K>, M, K> MirrorRead<M, Each<K>> for Option<T> {
    fn read_mirror<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<ViaDe<T, M, K>>::deserialize(deserializer).map(|one| one.map(|one| one.0))
    }
}

impl<T: MirrorRead<M, K>, M, K> MirrorRead<M, Each<K>> for Box<T> {
    fn read_mirror<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_mirror(deserializer).map(Box::new)
    }
}

/// A value read back through its mirror `M`.
pub struct ViaDe<T, M, K>(pub T, PhantomData<fn() -> (M, K)>);

impl<'de, T: MirrorRead<M, K>, M, K> Deserialize<'de> for ViaDe<T, M, K> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_mirror(deserializer).map(|value| ViaDe(value, PhantomData))
    }
}

// ---- Reading a part back ----

/// How a part of type `T` is read back from a transcript: as its `Repr`,
/// then converted.
pub trait ReadPart<T> {
    /// What is deserialised.
    type Repr: DeserializeOwned;
    /// The value it stands for.
    fn into_value(repr: Self::Repr) -> T;
}

/// Read as it is.
pub struct AsIs;
impl<T: DeserializeOwned> ReadPart<T> for AsIs {
    type Repr = T;
    #[inline]
    fn into_value(repr: T) -> T {
        repr
    }
}

/// An `std::io::Error`, read as an [`IoError`].
pub struct IoRead;
impl ReadPart<std::io::Error> for IoRead {
    type Repr = IoError;
    fn into_value(repr: IoError) -> std::io::Error {
        repr.into()
    }
}

/// Read through the mirror `M`.
pub struct ViaRead<M, K>(PhantomData<fn() -> (M, K)>);
impl<T: MirrorRead<M, K>, M, K> ReadPart<T> for ViaRead<M, K> {
    type Repr = ViaDe<T, M, K>;
    #[inline]
    fn into_value(repr: ViaDe<T, M, K>) -> T {
        repr.0
    }
}

/// Read through `W`, a struct the generated code defines for a
/// `with = "module"` conversion.
pub struct WithRead<W>(PhantomData<fn() -> W>);
impl<W> WithRead<W> {
    /// The marker.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        WithRead(PhantomData)
    }
}
impl<T, W: DeserializeOwned + Unwrap<T>> ReadPart<T> for WithRead<W> {
    type Repr = W;
    #[inline]
    fn into_value(repr: W) -> T {
        repr.unwrap_value()
    }
}

/// The value inside a `with = "module"` wrapper.
pub trait Unwrap<T> {
    /// The value.
    fn unwrap_value(self) -> T;
}

/// Cannot be read (the crate does not compile: the generated check fails).
pub struct NoRead;
/// What [`NoRead`] deserialises: nothing does.
pub enum Unreadable {}
impl<'de> Deserialize<'de> for Unreadable {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("this type cannot be replayed"))
    }
}
impl<T> ReadPart<T> for NoRead {
    type Repr = Unreadable;
    fn into_value(repr: Unreadable) -> T {
        match repr {}
    }
}

/// A part's type, for choosing how to read it back:
/// `(&&&ReadTag::<T>::new()).read_part()` is [`IoRead`] for an
/// `std::io::Error`, [`AsIs`] for a `DeserializeOwned` type, else [`NoRead`].
pub struct ReadTag<T>(PhantomData<fn() -> T>);
impl<T> ReadTag<T> {
    /// The tag.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ReadTag(PhantomData)
    }
}

/// Selects [`IoRead`].
pub trait ReadIo {
    /// The marker.
    #[inline]
    fn read_part(&self) -> IoRead {
        IoRead
    }
}
impl ReadIo for &&&ReadTag<std::io::Error> {}

/// Selects [`AsIs`].
pub trait ReadSerde {
    /// The marker.
    #[inline]
    fn read_part(&self) -> AsIs {
        AsIs
    }
}
impl<T: DeserializeOwned> ReadSerde for &&ReadTag<T> {}

/// Selects [`NoRead`].
pub trait ReadNone {
    /// The marker.
    #[inline]
    fn read_part(&self) -> NoRead {
        NoRead
    }
}
impl<T> ReadNone for ReadTag<T> {}

/// A part read through the mirror `M`, for choosing how:
/// `(&&ViaReadTag::<T, M, _>::new()).read_via()` is [`ViaRead`] when a
/// conversion fits, else [`NoRead`].
pub struct ViaReadTag<T, M, K>(Types<(T, M, K)>);

/// Carries types, and nothing else.
type Types<T> = PhantomData<fn() -> T>;
impl<T, M, K> ViaReadTag<T, M, K> {
    /// The tag.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ViaReadTag(PhantomData)
    }
}

/// Selects [`ViaRead`].
pub trait ViaReadYes<M, K> {
    /// The marker.
    #[inline]
    fn read_via(&self) -> ViaRead<M, K> {
        ViaRead(PhantomData)
    }
}
impl<T: MirrorRead<M, K>, M, K> ViaReadYes<M, K> for &ViaReadTag<T, M, K> {}

/// Selects [`NoRead`] when no conversion fits.
pub trait ViaReadNone {
    /// The marker.
    #[inline]
    fn read_via(&self) -> NoRead {
        NoRead
    }
}
impl<T, M> ViaReadNone for ViaReadTag<T, M, NoMirror> {}

/// Serves the recorded return of a call that returns a `Result` `R`, its
/// parts read as `O` and `E` say.
#[inline]
pub fn serve_result<R, A, O, E>(port: &ReplayPort, method: &str, args: &A, _ok: O, _err: E) -> R
where
    R: IsResult,
    A: Serialize + ?Sized,
    O: ReadPart<R::Ok>,
    E: ReadPart<R::Err>,
{
    R::from_result(
        port.outbound_result::<A, O::Repr, E::Repr>(method, args)
            .map(O::into_value)
            .map_err(E::into_value),
    )
}

/// Serves the recorded return of a call that returns a plain value `R`,
/// read as `O` says.
#[inline]
pub fn serve_plain<R, A, O>(port: &ReplayPort, method: &str, args: &A, _ok: O) -> R
where
    A: Serialize + ?Sized,
    O: ReadPart<R>,
{
    O::into_value(port.outbound::<A, O::Repr>(method, args))
}

// ---- Out buffers ----

/// The length of a byte buffer the callee fills, recorded as the argument:
/// `{"len": 8192}`.
pub struct OutLen(pub usize);

impl Serialize for OutLen {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("len", &self.0)?;
        map.end()
    }
}

/// A return value with the buffers the callee filled:
/// `{"value": .., "buf": "<base64>"}`.
pub struct OutSer<'a, V> {
    /// The return value (or its `Ok` value).
    pub value: V,
    /// Each filled buffer, by argument name.
    pub bufs: &'a [(&'static str, &'a [u8])],
}

impl<V: Serialize> Serialize for OutSer<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.bufs.len()))?;
        map.serialize_entry("value", &self.value)?;
        for (name, bytes) in self.bufs {
            map.serialize_entry(name, &Base64(*bytes))?;
        }
        map.end()
    }
}

/// How much of a buffer of `len` bytes the call filled, from what it
/// returned: `(&&FilledTag(&ret)).filled(len)` is `n` (at most `len`) for a
/// `usize` or an `Ok(usize)`, nothing for an `Err`, else `len`.
pub struct FilledTag<'a, R: ?Sized>(pub &'a R);

/// A count of bytes.
pub trait FilledCount {
    /// The filled length.
    fn filled(&self, len: usize) -> usize;
}
impl FilledCount for &&FilledTag<'_, usize> {
    #[inline]
    fn filled(&self, len: usize) -> usize {
        (*self.0).min(len)
    }
}
impl<E> FilledCount for &&FilledTag<'_, Result<usize, E>> {
    #[inline]
    fn filled(&self, len: usize) -> usize {
        self.0.as_ref().map_or(0, |n| (*n).min(len))
    }
}

/// Anything else: the whole buffer.
pub trait FilledAll {
    /// The whole length.
    #[inline]
    fn filled(&self, len: usize) -> usize {
        len
    }
}
impl<R: ?Sized> FilledAll for FilledTag<'_, R> {}

/// A return value read back with the buffers the callee filled.
pub struct OutDe<R> {
    value: R,
    bufs: Vec<(String, Vec<u8>)>,
}

impl<'de, R: Deserialize<'de>> Deserialize<'de> for OutDe<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields<R>(PhantomData<fn() -> R>);
        impl<'de, R: Deserialize<'de>> Visitor<'de> for Fields<R> {
            type Value = OutDe<R>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with the return `value` and each filled buffer in base64")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OutDe<R>, A::Error> {
                let mut value = None;
                let mut bufs = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "value" {
                        value = Some(map.next_value::<R>()?);
                    } else {
                        bufs.push((key, map.next_value::<Base64Buf>()?.0));
                    }
                }
                let value = value.ok_or_else(|| serde::de::Error::missing_field("value"))?;
                Ok(OutDe { value, bufs })
            }
        }
        deserializer.deserialize_map(Fields(PhantomData))
    }
}

/// Reads a part `T` with the buffers the callee filled, through `O`.
pub struct OutRead<O>(PhantomData<fn() -> O>);
impl<T, O: ReadPart<T>> ReadPart<(T, Vec<(String, Vec<u8>)>)> for OutRead<O> {
    type Repr = OutDe<O::Repr>;
    fn into_value(repr: OutDe<O::Repr>) -> (T, Vec<(String, Vec<u8>)>) {
        (O::into_value(repr.value), repr.bufs)
    }
}

/// Copies recorded buffers into the caller's, by argument name, as much as
/// fits.
fn fill(recorded: Vec<(String, Vec<u8>)>, outs: &mut [(&str, &mut [u8])]) {
    for (name, bytes) in recorded {
        if let Some((_, buf)) = outs.iter_mut().find(|(out, _)| *out == name) {
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
        }
    }
}

/// [`serve_result`] for a call with out buffers: the recorded bytes are
/// written into `outs`.
pub fn serve_result_out<R, A, O, E>(
    port: &ReplayPort,
    method: &str,
    args: &A,
    _ok: O,
    _err: E,
    outs: &mut [(&str, &mut [u8])],
) -> R
where
    R: IsResult,
    A: Serialize + ?Sized,
    O: ReadPart<R::Ok>,
    E: ReadPart<R::Err>,
{
    let served = port.outbound_result::<A, OutDe<O::Repr>, E::Repr>(method, args);
    R::from_result(match served {
        Ok(out) => {
            fill(out.bufs, outs);
            Ok(O::into_value(out.value))
        }
        Err(e) => Err(E::into_value(e)),
    })
}

/// [`serve_plain`] for a call with out buffers.
pub fn serve_plain_out<R, A, O>(
    port: &ReplayPort,
    method: &str,
    args: &A,
    _ok: O,
    outs: &mut [(&str, &mut [u8])],
) -> R
where
    A: Serialize + ?Sized,
    O: ReadPart<R>,
{
    let out = port.outbound::<A, OutDe<O::Repr>>(method, args);
    fill(out.bufs, outs);
    O::into_value(out.value)
}

// ---- Inbound calls ----

/// A dispatched call's `ok`, as the driver wants it.
#[inline]
pub fn outcome_ok<V: Serialize + ?Sized>(value: &V) -> Result<Outcome, ReplayError> {
    Ok(Outcome::Ok(serde_json::to_value(value)?))
}

/// A dispatched call's `err`, as the driver wants it.
#[inline]
pub fn outcome_err<V: Serialize + ?Sized>(value: &V) -> Result<Outcome, ReplayError> {
    Ok(Outcome::Err(serde_json::to_value(value)?))
}

/// An argument's type, for choosing how the dispatcher reads it:
/// `(&&ArgReadTag::<T>::new()).read_arg(call, "name")` deserialises it
/// ([`ArgReadSerde`]), or for a type that cannot be, fails ([`ArgReadNone`];
/// the crate does not compile: the generated check fails at its type).
pub struct ArgReadTag<T>(PhantomData<fn() -> T>);
impl<T> ArgReadTag<T> {
    /// The tag.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ArgReadTag(PhantomData)
    }
}

/// Reads a `DeserializeOwned` argument.
pub trait ArgReadSerde<T> {
    /// The argument.
    fn read_arg(&self, call: &Inbound, name: &str) -> Result<T, ReplayError>;
}
impl<T: DeserializeOwned> ArgReadSerde<T> for &ArgReadTag<T> {
    #[inline]
    fn read_arg(&self, call: &Inbound, name: &str) -> Result<T, ReplayError> {
        call.arg(name)
    }
}

/// Cannot read an argument that is not `Deserialize`.
pub trait ArgReadNone<T> {
    /// An error.
    fn read_arg(&self, call: &Inbound, name: &str) -> Result<T, ReplayError>;
}
impl<T> ArgReadNone<T> for ArgReadTag<T> {
    fn read_arg(&self, _: &Inbound, name: &str) -> Result<T, ReplayError> {
        Err(ReplayError::msg(format!(
            "argument `{name}` cannot be read from a recording"
        )))
    }
}

/// Reads argument `name` of a recorded inbound call through `O` (a
/// conversion's marker).
#[inline]
pub fn read_arg_with<T, O: ReadPart<T>>(
    call: &Inbound,
    name: &str,
    _read: O,
) -> Result<T, ReplayError> {
    call.arg::<O::Repr>(name).map(O::into_value)
}

/// The length of a recorded out buffer (`{"len": 8192}`), for the
/// dispatcher to hand the component a buffer of that size.
pub fn out_len(call: &Inbound, name: &str) -> Result<usize, ReplayError> {
    #[derive(Deserialize)]
    struct Len {
        len: usize,
    }
    call.arg::<Len>(name).map(|l| l.len)
}

#[cfg(test)]
#[allow(clippy::needless_borrow)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Entry {
        term: u64,
    }

    #[derive(Serialize, Deserialize)]
    struct EntryMirror {
        term: u64,
    }

    impl From<Entry> for EntryMirror {
        fn from(e: Entry) -> Self {
            EntryMirror { term: e.term }
        }
    }

    impl From<EntryMirror> for Entry {
        fn from(e: EntryMirror) -> Self {
            Entry { term: e.term }
        }
    }

    fn json<T: Serialize>(value: T) -> String {
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn via_converts_a_value_or_each_element() {
        let e = Entry { term: 3 };
        let all = vec![e.clone(), Entry { term: 4 }];
        assert_eq!(
            json((&&ViaTag::<_, EntryMirror, _>::new(&e)).via()),
            r#"{"term":3}"#
        );
        assert_eq!(
            json((&&ViaTag::<_, EntryMirror, _>::new(&all)).via()),
            r#"[{"term":3},{"term":4}]"#
        );
        assert_eq!(
            json((&&ViaTag::<_, EntryMirror, _>::new(&all[..])).via()),
            r#"[{"term":3},{"term":4}]"#
        );
        assert_eq!(
            json((&&ViaTag::<_, EntryMirror, _>::new(&Some(e.clone()))).via()),
            r#"{"term":3}"#
        );
        assert_eq!(
            json((&&ViaTag::<_, EntryMirror, _>::new(&std::time::Instant::now())).via()),
            r#"{"$unserializable":"std::time::Instant"}"#
        );
        let back: ViaDe<Vec<Entry>, EntryMirror, _> =
            serde_json::from_str(r#"[{"term":5}]"#).unwrap();
        assert_eq!(back.0, [Entry { term: 5 }]);
        let back: ViaDe<Option<Box<Entry>>, EntryMirror, _> =
            serde_json::from_str(r#"{"term":6}"#).unwrap();
        assert_eq!(back.0, Some(Box::new(Entry { term: 6 })));
    }

    #[test]
    fn parts_are_written_by_their_type() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(
            json((&&&WriteTag(&io)).write_part()),
            r#"{"kind":"NotFound","message":"gone"}"#
        );
        assert_eq!(json((&&&WriteTag(&7u8)).write_part()), "7");
    }

    #[test]
    fn filled_length_follows_the_returned_count() {
        assert_eq!((&&FilledTag(&5usize)).filled(8), 5);
        assert_eq!((&&FilledTag(&12usize)).filled(8), 8);
        assert_eq!((&&FilledTag(&Ok::<usize, String>(3))).filled(8), 3);
        assert_eq!(
            (&&FilledTag(&Err::<usize, String>("x".into()))).filled(8),
            0
        );
        assert_eq!((&&FilledTag(&())).filled(8), 8);
    }

    #[test]
    fn out_buffers_round_trip() {
        let bufs: &[(&str, &[u8])] = &[("buf", b"hello")];
        let text = json(OutSer {
            value: 5usize,
            bufs,
        });
        assert_eq!(text, r#"{"value":5,"buf":"aGVsbG8="}"#);
        let back: OutDe<usize> = serde_json::from_str(&text).unwrap();
        assert_eq!(back.value, 5);
        let mut buf = [0u8; 3];
        fill(back.bufs, &mut [("buf", &mut buf[..])]);
        assert_eq!(&buf, b"hel");
        assert!(serde_json::from_str::<OutDe<usize>>(r#"{"buf":"aGVsbG8="}"#).is_err());
    }
}
