//! Support for the code `#[reprise::boundary]` generates. Not a public API:
//! anything here may change in any release.
//!
//! The generated code stays thin: it builds the arguments object with
//! [`field`], starts the call with `Port::begin`, and hands the rest to
//! [`call`], [`call_async`], [`serve`] or [`outcome`], with a marker value
//! that says how the return is written: [`Plain`] (`ok`), [`Res`] (`ok` /
//! `err`) or [`Io`] (`std::io::Result`, its error written as an [`IoError`]).
//!
//! The marker is chosen from the return *type*, not from how it is spelled,
//! so a type alias of a `Result` is recorded as one: the generated code
//! evaluates `(&&&Tag::<R>::new()).kind()`, and method resolution picks
//! [`RecIo`] (or [`ServeIo`]) for `io::Result<T>`, else [`RecRes`] (or
//! [`ServeRes`]) for any `Result<T, E>`, else [`RecPlain`] (or
//! [`ServePlain`]) (autoref specialisation; a generic `R` is `Plain`).

use std::future::Future;
use std::marker::PhantomData;

pub use serde::de::DeserializeOwned;
use serde::ser::SerializeStruct;

pub use reprise_recorder::{Direction, PendingCall, Port, Recorder};
pub use reprise_replayer::{Inbound, Outcome, Replay, ReplayError, ReplayPort};
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod convert;
pub use convert::*;

/// Brings the selection traits into scope, anonymously: the generated code
/// starts each method body with `use ::reprise::__private::select::*;`.
pub mod select {
    pub use super::{
        ArgOther as _, ArgReadNone as _, ArgReadSerde as _, ArgSerialize as _, FilledAll as _,
        FilledCount as _, ReadIo as _, ReadNone as _, ReadSerde as _, RecIo as _, RecNone as _,
        RecPlain as _, RecRes as _, ServeIo as _, ServeNone as _, ServePlain as _, ServeRes as _,
        ViaNone as _, ViaReadNone as _, ViaReadYes as _, ViaWrite as _, WriteIo as _,
        WriteNone as _, WriteSerde as _,
    };
}

/// The arguments of a call: a list of named fields, written as one JSON
/// object in declaration order.
pub struct Args<L>(pub L);

/// One named argument, and the rest of the list.
pub struct Field<V, R> {
    name: &'static str,
    value: V,
    rest: R,
}

/// The end of an argument list.
pub struct End;

/// Adds argument `name` in front of `rest`.
#[inline]
pub fn field<V: Serialize, R>(name: &'static str, value: V, rest: R) -> Field<V, R> {
    Field { name, value, rest }
}

/// A byte-buffer argument (`&[u8]`, `Vec<u8>`), written as a base64 string
/// like `reprise::bytes` writes a field.
pub struct Base64<'a, T: AsRef<[u8]> + ?Sized>(pub &'a T);

impl<T: AsRef<[u8]> + ?Sized> Serialize for Base64<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        reprise_recorder::bytes::serialize(self.0, serializer)
    }
}

/// A byte-buffer argument read back from its base64 string.
pub struct Base64Buf(pub Vec<u8>);

impl<'de> Deserialize<'de> for Base64Buf {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        reprise_recorder::bytes::deserialize(deserializer).map(Base64Buf)
    }
}

/// An argument, for choosing how to write it: `(&&ArgTag(&v)).arg()` is `&v`
/// when `v` is `Serialize` ([`ArgSerialize`]), else a [`NotSerialize`]
/// placeholder ([`ArgOther`]), so that the generated body type-checks either
/// way and the one error is the generated check's, at the argument's type.
pub struct ArgTag<'a, V: ?Sized>(pub &'a V);

/// Selects a serialisable argument as is.
pub trait ArgSerialize<'a, V: ?Sized> {
    /// The argument.
    fn arg(&self) -> &'a V;
}

impl<'a, V: Serialize + ?Sized> ArgSerialize<'a, V> for &ArgTag<'a, V> {
    #[inline]
    fn arg(&self) -> &'a V {
        self.0
    }
}

/// Selects a placeholder for an argument that is not serialisable.
pub trait ArgOther<V: ?Sized> {
    /// The placeholder.
    fn arg(&self) -> NotSerialize<V>;
}

impl<V: ?Sized> ArgOther<V> for ArgTag<'_, V> {
    fn arg(&self) -> NotSerialize<V> {
        NotSerialize(PhantomData)
    }
}

/// Stands in for an argument that is not `Serialize`; the crate using it
/// does not compile (the generated check fails), so it is never written.
pub struct NotSerialize<V: ?Sized>(pub(crate) PhantomData<fn() -> *const V>);

impl<V: ?Sized> Serialize for NotSerialize<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("unserializable", 1)?;
        s.serialize_field("$unserializable", std::any::type_name::<V>())?;
        s.end()
    }
}

/// A list of named arguments.
pub trait Fields {
    /// How many fields.
    const LEN: usize;
    /// Writes the fields into a struct serializer.
    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error>;
}

impl Fields for End {
    const LEN: usize = 0;
    #[inline]
    fn write<S: SerializeStruct>(&self, _: &mut S) -> Result<(), S::Error> {
        Ok(())
    }
}

impl<V: Serialize, R: Fields> Fields for Field<V, R> {
    const LEN: usize = 1 + R::LEN;
    #[inline]
    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field(self.name, &self.value)?;
        self.rest.write(s)
    }
}

impl<L: Fields> Serialize for Args<L> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("args", L::LEN)?;
        self.0.write(&mut s)?;
        s.end()
    }
}

/// The return is written as `ok`, whatever it is.
pub struct Plain;
/// The return is a `Result`: `Ok` written as `ok`, `Err` as `err`.
pub struct Res;
/// The return is a `std::io::Result`: its error written as an [`IoError`].
pub struct Io;
/// The return cannot be written (or, in replay, read); the crate using it
/// does not compile (the generated check fails at the return type).
pub struct Unusable<R>(PhantomData<fn() -> R>);

/// Names a return type `R` for choosing how to record it:
/// `(&&&&RecTag::<R>::new()).kind()` is [`Io`] for a `std::io::Result`
/// ([`RecIo`]), else [`Res`] for a `Result` ([`RecRes`]), else [`Plain`]
/// ([`RecPlain`]), each when the types inside are `Serialize`, else
/// [`Unusable`] ([`RecNone`]). The choice follows the type, not how it is
/// spelled: an alias of a `Result` is a `Result`. A generic `R` is `Plain`.
pub struct RecTag<R>(PhantomData<fn() -> R>);

impl<R> RecTag<R> {
    /// The tag of `R`.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        RecTag(PhantomData)
    }
}

/// Like [`RecTag`], for replay: the types inside must be `Deserialize`.
pub struct ServeTag<R>(PhantomData<fn() -> R>);

impl<R> ServeTag<R> {
    /// The tag of `R`.
    #[inline]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ServeTag(PhantomData)
    }
}

/// Selects [`Io`] for recording an `io::Result<T>`, `T: Serialize`.
pub trait RecIo {
    /// The marker.
    #[inline]
    fn kind(&self) -> Io {
        Io
    }
}
impl<T: Serialize> RecIo for &&&RecTag<std::io::Result<T>> {}

/// Selects [`Res`] for recording a `Result<T, E>`, both `Serialize`.
pub trait RecRes {
    /// The marker.
    #[inline]
    fn kind(&self) -> Res {
        Res
    }
}
impl<T: Serialize, E: Serialize> RecRes for &&RecTag<Result<T, E>> {}

/// Selects [`Plain`] for recording any other `Serialize` type.
pub trait RecPlain {
    /// The marker.
    #[inline]
    fn kind(&self) -> Plain {
        Plain
    }
}
impl<R: Serialize> RecPlain for &RecTag<R> {}

/// Selects [`Unusable`] for a type that cannot be recorded.
pub trait RecNone<R> {
    /// The marker.
    #[inline]
    fn kind(&self) -> Unusable<R> {
        Unusable(PhantomData)
    }
}
impl<R> RecNone<R> for RecTag<R> {}

/// Selects [`Io`] for replaying an `io::Result<T>`, `T: DeserializeOwned`.
pub trait ServeIo {
    /// The marker.
    #[inline]
    fn kind(&self) -> Io {
        Io
    }
}
impl<T: DeserializeOwned> ServeIo for &&&ServeTag<std::io::Result<T>> {}

/// Selects [`Res`] for replaying a `Result<T, E>`, both `DeserializeOwned`.
pub trait ServeRes {
    /// The marker.
    #[inline]
    fn kind(&self) -> Res {
        Res
    }
}
impl<T: DeserializeOwned, E: DeserializeOwned> ServeRes for &&ServeTag<Result<T, E>> {}

/// Selects [`Plain`] for replaying any other `DeserializeOwned` type.
pub trait ServePlain {
    /// The marker.
    #[inline]
    fn kind(&self) -> Plain {
        Plain
    }
}
impl<R: DeserializeOwned> ServePlain for &ServeTag<R> {}

/// Selects [`Unusable`] for a type that cannot be replayed.
pub trait ServeNone<R> {
    /// The marker.
    #[inline]
    fn kind(&self) -> Unusable<R> {
        Unusable(PhantomData)
    }
}
impl<R> ServeNone<R> for ServeTag<R> {}

/// How a return of type `R` is recorded.
pub trait Record<R> {
    /// Records the return of `call`.
    fn finish(call: PendingCall<'_>, ret: &R);
    /// The return as an outcome, for the driver.
    fn outcome(ret: &R) -> serde_json::Result<Outcome>;
}

/// How a return of type `R` is replayed.
pub trait Serve<R> {
    /// Serves the recorded return of `method` from `port`.
    fn serve<A: Serialize + ?Sized>(port: &ReplayPort, method: &str, args: &A) -> R;
}

impl<R> Record<R> for Unusable<R> {
    fn finish(call: PendingCall<'_>, _: &R) {
        call.finish_ok(&NotSerialize::<R>(PhantomData));
    }
    fn outcome(_: &R) -> serde_json::Result<Outcome> {
        Outcome::ok(&NotSerialize::<R>(PhantomData))
    }
}

impl<R> Serve<R> for Unusable<R> {
    fn serve<A: Serialize + ?Sized>(port: &ReplayPort, method: &str, _: &A) -> R {
        panic!(
            "reprise: {}.{method} returns `{}`, which cannot be replayed (this code does not compile)",
            port.name(),
            std::any::type_name::<R>()
        )
    }
}

impl<R: Serialize> Record<R> for Plain {
    #[inline]
    fn finish(call: PendingCall<'_>, ret: &R) {
        call.finish_ok(ret);
    }
    fn outcome(ret: &R) -> serde_json::Result<Outcome> {
        Outcome::ok(ret)
    }
}

impl<R: DeserializeOwned> Serve<R> for Plain {
    #[inline]
    fn serve<A: Serialize + ?Sized>(port: &ReplayPort, method: &str, args: &A) -> R {
        port.outbound(method, args)
    }
}

impl<T: Serialize, E: Serialize> Record<Result<T, E>> for Res {
    #[inline]
    fn finish(call: PendingCall<'_>, ret: &Result<T, E>) {
        call.finish_result(ret);
    }
    fn outcome(ret: &Result<T, E>) -> serde_json::Result<Outcome> {
        Outcome::from_result(ret)
    }
}

impl<T: DeserializeOwned, E: DeserializeOwned> Serve<Result<T, E>> for Res {
    #[inline]
    fn serve<A: Serialize + ?Sized>(port: &ReplayPort, method: &str, args: &A) -> Result<T, E> {
        port.outbound_result(method, args)
    }
}

impl<T: Serialize> Record<std::io::Result<T>> for Io {
    #[inline]
    fn finish(call: PendingCall<'_>, ret: &std::io::Result<T>) {
        match ret {
            Ok(value) => call.finish_ok(value),
            Err(error) => call.finish_err(&IoError::from(error)),
        }
    }
    fn outcome(ret: &std::io::Result<T>) -> serde_json::Result<Outcome> {
        Outcome::from_result(&ret.as_ref().map_err(IoError::from))
    }
}

impl<T: DeserializeOwned> Serve<std::io::Result<T>> for Io {
    #[inline]
    fn serve<A: Serialize + ?Sized>(
        port: &ReplayPort,
        method: &str,
        args: &A,
    ) -> std::io::Result<T> {
        port.outbound_result::<A, T, IoError>(method, args)
            .map_err(std::io::Error::from)
    }
}

/// A `std::io::Error` as recorded: its kind (`"NotFound"`) and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IoError {
    /// The `std::io::ErrorKind`, as its variant name.
    pub kind: String,
    /// The error's message.
    pub message: String,
}

impl From<&std::io::Error> for IoError {
    fn from(error: &std::io::Error) -> Self {
        IoError {
            kind: format!("{:?}", error.kind()),
            message: error.to_string(),
        }
    }
}

impl From<IoError> for std::io::Error {
    fn from(error: IoError) -> Self {
        use std::io::ErrorKind::*;
        let kind = [
            NotFound,
            PermissionDenied,
            ConnectionRefused,
            ConnectionReset,
            HostUnreachable,
            NetworkUnreachable,
            ConnectionAborted,
            NotConnected,
            AddrInUse,
            AddrNotAvailable,
            NetworkDown,
            BrokenPipe,
            AlreadyExists,
            WouldBlock,
            NotADirectory,
            IsADirectory,
            DirectoryNotEmpty,
            ReadOnlyFilesystem,
            StaleNetworkFileHandle,
            InvalidInput,
            InvalidData,
            TimedOut,
            WriteZero,
            StorageFull,
            NotSeekable,
            QuotaExceeded,
            FileTooLarge,
            ResourceBusy,
            ExecutableFileBusy,
            Deadlock,
            CrossesDevices,
            TooManyLinks,
            ArgumentListTooLong,
            Interrupted,
            Unsupported,
            UnexpectedEof,
            OutOfMemory,
            Other,
        ]
        .into_iter()
        .find(|kind| format!("{kind:?}") == error.kind)
        .unwrap_or(Other);
        std::io::Error::new(kind, error.message)
    }
}

/// Runs a synchronous call begun with `Port::begin`, current while it runs,
/// and records its return.
#[inline]
pub fn call<K: Record<R>, R>(_kind: K, call: PendingCall<'_>, f: impl FnOnce() -> R) -> R {
    let ret = {
        let _current = call.enter();
        f()
    };
    K::finish(call, &ret);
    ret
}

/// Runs a future begun with `Port::begin`, current while it is polled, and
/// records its output.
#[inline]
pub async fn call_async<K: Record<F::Output>, F: Future>(
    _kind: K,
    call: PendingCall<'_>,
    fut: F,
) -> F::Output {
    let ret = call.scope(fut).await;
    K::finish(call, &ret);
    ret
}

/// Serves a recorded return from a replaying port.
#[inline]
pub fn serve<K: Serve<R>, R, A: Serialize + ?Sized>(
    _kind: K,
    port: &ReplayPort,
    method: &str,
    args: &A,
) -> R {
    K::serve(port, method, args)
}

/// What a replaying stand-in does for a `#[reprise(skip)]` method without a
/// default body: there is nothing recorded to serve, so it panics, naming it.
#[track_caller]
pub fn skipped<R>(stand_in: &str, method: &str) -> R {
    panic!(
        "reprise: `{method}` is marked #[reprise(skip)] and has no default body, so `{stand_in}` cannot stand in for it: give it a default body, or do not call it in replay"
    )
}

/// The return of a dispatched inbound call, as the driver wants it.
#[inline]
pub fn outcome<K: Record<R>, R>(_kind: K, ret: &R) -> Result<Outcome, ReplayError> {
    Ok(K::outcome(ret)?)
}

#[cfg(test)]
// The borrows are the selection: autoref specialisation picks by their depth.
#[allow(clippy::needless_borrow)]
mod tests {
    use super::*;

    #[test]
    fn args_are_an_object_in_declaration_order() {
        let (to, msg) = (3u32, "hi");
        let args = Args(field("to", &to, field("msg", &msg, End)));
        let unserializable = Args(field(
            "conn",
            (&&ArgTag(&std::time::Instant::now())).arg(),
            End,
        ));
        assert_eq!(
            serde_json::to_string(&unserializable).unwrap(),
            r#"{"conn":{"$unserializable":"std::time::Instant"}}"#
        );
        assert_eq!(
            serde_json::to_string(&args).unwrap(),
            r#"{"to":3,"msg":"hi"}"#
        );
        assert_eq!(serde_json::to_string(&Args(End)).unwrap(), "{}");
    }

    #[test]
    fn markers_follow_the_type_not_its_spelling() {
        type Outcome = Result<Vec<u8>, String>;
        fn name<K>(_: K) -> &'static str {
            let full = std::any::type_name::<K>();
            full.split('<')
                .next()
                .unwrap()
                .rsplit("::")
                .next()
                .map(|head| {
                    let rest = &full[full.find('<').unwrap_or(full.len())..];
                    Box::leak(format!("{head}{rest}").into_boxed_str()) as &'static str
                })
                .unwrap()
        }
        use select::*;
        assert_eq!(name((&&&&RecTag::<Outcome>::new()).kind()), "Res");
        assert_eq!(
            name((&&&&RecTag::<std::io::Result<u8>>::new()).kind()),
            "Io"
        );
        assert_eq!(
            name((&&&&RecTag::<Result<u8, std::io::Error>>::new()).kind()),
            "Io"
        );
        assert_eq!(name((&&&&RecTag::<Option<u8>>::new()).kind()), "Plain");
        assert_eq!(name((&&&&RecTag::<()>::new()).kind()), "Plain");
        assert_eq!(
            name((&&&&RecTag::<Result<u8, std::time::Instant>>::new()).kind()),
            "Unusable<core::result::Result<u8, std::time::Instant>>"
        );
        assert_eq!(name((&&&&ServeTag::<Outcome>::new()).kind()), "Res");
        assert_eq!(
            name((&&&&ServeTag::<std::io::Result<u8>>::new()).kind()),
            "Io"
        );
        assert_eq!(
            name((&&&&ServeTag::<std::time::Instant>::new()).kind()),
            "Unusable<std::time::Instant>"
        );
    }

    #[test]
    fn io_errors_round_trip_their_kind_and_message() {
        let error = std::io::Error::new(std::io::ErrorKind::NotFound, "no such entry");
        let recorded = serde_json::to_value(IoError::from(&error)).unwrap();
        assert_eq!(
            recorded,
            serde_json::json!({"kind": "NotFound", "message": "no such entry"})
        );
        let back = std::io::Error::from(serde_json::from_value::<IoError>(recorded).unwrap());
        assert_eq!(back.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(back.to_string(), "no such entry");
    }
}
