//! `#[reprise::boundary]`: wrap an I/O trait for recording and replay in one
//! line. Use it through the facade, as `reprise::boundary`; this crate is
//! its implementation.
//!
//! # Key design decisions
//!
//! - **Generated code calls the runtime only through `::reprise::__private`.**
//!   A method body is the argument list, one `Port::begin` and one call into
//!   the support module, which holds the logic (how a return is written, how
//!   an `io::Error` is recorded, what a skipped stand-in does). The output
//!   stays small and the behaviour lives in one tested place.
//! - **Arguments are borrowed, never cloned.** The `args` object is a list of
//!   `(name, &value)` pairs serialised in declaration order straight into the
//!   recorder's buffer: a call through the generated wrapper costs what the
//!   same call recorded by hand through `Port::outbound_result` costs.
//! - **How a return is recorded follows its type, not its spelling.** The
//!   generated code lets the type checker pick (autoref specialisation in
//!   `reprise::__private`): an `io::Result<T>` records its error as
//!   `{"kind": "NotFound", "message": ".."}`, any other `Result<T, E>` (also
//!   behind a type alias) records `ok` / `err`, anything else `ok`. A
//!   generic return type is recorded as a plain value.
//! - **A foreign trait is described, not wrapped by hand.** With `remote`,
//!   the annotated trait is a local copy of a trait the user does not own;
//!   the generated types implement the foreign trait itself, so the
//!   compiler checks the copy (a wrong signature is an error at that
//!   method) and the foreign default methods go through the recorded ones.
//! - **Conversions are per place and chosen by the type checker.** `via`
//!   and `with` on an argument, on `ok`/`err` of a method, or `err` for the
//!   whole trait; a mirror converts each element of a container; an
//!   `io::Error` is recorded as `{kind, message}` without one. The generated
//!   code only names the conversion: which impl applies (whole value or
//!   element-wise) is inferred.
//! - **One clear error per unsupported type.** Shapes the macro can see
//!   (a `self` by value, a returned reference, a pattern argument) are
//!   rejected with a spanned message while expanding. Whether a type is
//!   `Serialize` or `Deserialize` only the type checker knows: the generated
//!   bodies compile either way, and one check per argument and part of the
//!   return, spanned at its type, fails with a message that names it and
//!   says what to do. Each check is a trait the generated code defines for
//!   that place (`#[diagnostic::on_unimplemented]`, its blanket impl marked
//!   `#[diagnostic::do_not_recommend]`), so no message shows the runtime's
//!   private names.
//! - **Symmetry.** The recording wrapper and the replaying stand-in start a
//!   call at the same moment (when the method is called, or for `async fn`
//!   when its future is first polled), so a transcript recorded through one
//!   replays through the other in the same order.

mod attr;
mod conv;
mod expand;

use proc_macro::TokenStream;

/// Generates the recording wrapper and the replaying stand-in (or, with
/// `inbound`, the dispatcher) of a trait at a component's boundary.
///
/// For `trait Network` it generates, beside the trait, and lists on the
/// trait's own docs page:
///
/// | item | what it is |
/// | --- | --- |
/// | `RecordedNetwork<T>` | wraps any `T: Network`; delegates each call and records it, its arguments and its return on port `network` (outbound; inbound with `inbound`). `new(inner, &recorder)`, `with_port(inner, port)`, `inner()`, `inner_mut()`, `into_inner()`, `port()`, `PORT`. |
/// | `ReplayNetwork` | (outbound traits) implements `Network` from a replay session: matches each call to the recorded one, compares the arguments, serves the recorded return. `new(&replay)`, `with_port(port)`, `PORT`. With associated types or consts it is `ReplayNetwork<T>`, taking them from the implementation `T` it stands in for. |
/// | `NetworkDispatcher` | (with `inbound`) `NetworkDispatcher::dispatch(&mut target, &call)` calls the method of any `T: Network + ?Sized` that a recorded inbound call names, with the recorded arguments, and returns the driver's `Outcome`; `async fn` for async traits. |
/// | `impl<T: Network + ?Sized> Network for Box<T>` | for object-safe traits (all methods `&self` / `&mut self`, none generic), so the wrappers wrap and become `Box<dyn Network>`. Turn it off with `no_box`; never for a `remote` trait. |
///
/// With `remote = path::to::Trait`, the same items implement the foreign
/// trait instead, and the annotated trait (a local copy) is not emitted.
///
/// A call is recorded with the method's name and its arguments as a JSON
/// object keyed by argument name (`{"to": 2, "msg": {..}}`); its return as
/// `ok`, or for a `Result`, `ok` / `err`.
///
/// # Options
///
/// On the trait: `#[reprise::boundary(inbound)]` for the component's own API
/// (called by the outside world); `port = "name"` for the port name
/// (default: the trait's name in snake case, `TcpNetwork` → `tcp_network`);
/// `no_box` to skip the `Box<T>` impl; `remote = path::to::Trait` for a
/// trait you do not own (below); `err(via = Mirror)` or
/// `err(with = "module")` for the error of every method whose return type
/// is spelled as a `Result` (a name ending in `Result`: `Result<T, E>`,
/// `io::Result<T>`, `raft::Result<T>`, `RedisResult<T>`).
///
/// On a method: `#[reprise(skip)]` delegates without recording (for calls
/// replay need not serve; in replay the stand-in uses the default body, or
/// panics naming the method); `#[reprise(name = "..")]` records the method
/// under another name; `#[reprise(query)]` (outbound traits) marks a read
/// with no effect: the replay stand-in declares it a query
/// (`reprise::replayer::ReplayPort::declare_query`), so it is
/// served by equal arguments in any order and any number of times and is
/// never a divergence by itself; `#[reprise(ok(via = Mirror))]` /
/// `ok(with = "module")` converts the return (a `Result`'s `Ok` value, as
/// recorded in `ok`), `#[reprise(err(via = Mirror))]` / `err(with = "..")`
/// its error.
///
/// On an argument: `#[reprise(via = Mirror)]` or `#[reprise(with =
/// "module")]` converts it; `#[reprise(skip)]` leaves it out of the
/// recording (a context or a handle replay need not compare; the
/// dispatcher passes `Default::default()`).
///
/// # Wrapping what you don't own
///
/// **Remote traits**, as serde's `#[serde(remote = "..")]`: put
/// `#[reprise::boundary(remote = path::to::Trait)]` on a local copy of the
/// foreign trait's required methods (the same signatures; a `Result` alias
/// may be written out). The copy is a description and is not emitted: the
/// generated `RecordedX<T: path::to::Trait>` and `ReplayX` implement the
/// *foreign* trait, so the component takes them where it takes the real
/// thing, and the foreign trait's default methods go through the recorded
/// ones. The compiler checks the copy against the foreign trait: a method
/// whose signature differs is an error at that method, one it lacks is
/// "not all trait items implemented". Associated types (their bounds in the
/// copy become where clauses), generic methods, `impl Trait` arguments and
/// async methods (`async fn`, `-> impl Future<Output = ..> + Send`,
/// `#[async_trait]`) work as in a local trait; there is no `Box<T>` impl.
/// The generated types are `Debug`, `Clone`, `Send` and `Sync` when the
/// wrapped type is; any other supertrait of the foreign trait (`Display`)
/// is yours to implement for them. A method that returns an associated
/// type standing for a future (`tower::Service::call` returns
/// `Self::Future`) cannot be wrapped this way: `reprise::tower` records
/// services.
///
/// **Conversions**: a value that is not a serde type crosses the boundary
/// through `via = Mirror`, a type of yours that derives `Serialize` and
/// `Deserialize`, with `From` conversions both ways (recorded as
/// `Mirror::from(value.clone())`, replayed as `T::from(mirror)`; inside a
/// `Vec`, a slice, an array, an `Option` or a `Box` each element converts),
/// or through `with = "module"`, a module with serde's `serialize` and
/// `deserialize` functions (for concrete types; an outbound argument only
/// needs `serialize`). An `impl Into<X>` argument (or a type parameter
/// bounded by `Into<X>` alone) is recorded, compared and passed on as the
/// `X` it converts to; an `impl AsRef<X>` one is recorded as the `&X` it
/// borrows. A `&mut [u8]` argument is a buffer the callee fills: its
/// length is recorded with the arguments, what was written beside the
/// return value (`{"value": 5, "buf": "aGVsbG8="}`, the first `n` bytes
/// when the call returns a count `n`), and the stand-in writes it back, so
/// `std::io::Read` replays.
///
/// **Errors that say what to do**: an argument or part that does not fit is
/// one error at its type that names it (the argument `ctx` of
/// `Storage::entries`, the `Err` type of `Storage::term`) and suggests
/// `via`/`with` first, then `skip` for what replay need not serve.
///
/// ```
/// use std::io::Write as _;
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::replayer::Replay;
///
/// // `std::io::Write` is not ours: a local copy of its required methods.
/// #[reprise::boundary(remote = std::io::Write, port = "log")]
/// trait Write {
///     fn write(&mut self, buf: &[u8]) -> std::io::Result<usize>;
///     fn flush(&mut self) -> std::io::Result<()>;
/// }
///
/// // The component takes any `std::io::Write`.
/// fn greet(out: &mut impl std::io::Write, name: &str) -> std::io::Result<()> {
///     out.write_all(format!("hello {name}\n").as_bytes())?; // a default method
///     out.flush()
/// }
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("greeter").sink(sink.clone()).start(&())?;
/// let mut out = RecordedWrite::new(Vec::new(), &recorder);
/// greet(&mut out, "ada")?;
/// assert_eq!(out.inner(), b"hello ada\n");
/// drop(out);
/// recorder.finish()?;
///
/// // Replay: the stand-in is a `std::io::Write` that writes nowhere.
/// let replay = Replay::from_str(&sink.contents_string())?;
/// greet(&mut ReplayWrite::new(&replay), "ada")?;
/// replay.finish().assert_clean();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A foreign type through a mirror, a foreign error for every method, an
/// `impl Into` argument and a skipped context, as a consensus library's
/// storage trait has them:
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::replayer::Replay;
/// use serde::{Deserialize, Serialize};
///
/// mod foreign {
///     #[derive(Debug, Clone, PartialEq)]
///     pub struct Entry { pub term: u64 }
///     #[derive(Debug, Clone, PartialEq)]
///     pub enum Error { Compacted }
///     #[derive(Default)]
///     pub struct Context;
///     pub trait Storage {
///         fn entries(&self, low: u64, max: impl Into<Option<u64>>, ctx: Context) -> Result<Vec<Entry>, Error>;
///     }
/// }
///
/// #[derive(Serialize, Deserialize)]
/// struct EntryMirror { term: u64 }
/// impl From<foreign::Entry> for EntryMirror { fn from(e: foreign::Entry) -> Self { EntryMirror { term: e.term } } }
/// impl From<EntryMirror> for foreign::Entry { fn from(e: EntryMirror) -> Self { foreign::Entry { term: e.term } } }
///
/// #[derive(Serialize, Deserialize)]
/// enum ErrorMirror { Compacted }
/// impl From<foreign::Error> for ErrorMirror { fn from(_: foreign::Error) -> Self { ErrorMirror::Compacted } }
/// impl From<ErrorMirror> for foreign::Error { fn from(_: ErrorMirror) -> Self { foreign::Error::Compacted } }
///
/// #[reprise::boundary(remote = foreign::Storage, err(via = ErrorMirror))]
/// trait Storage {
///     #[reprise(ok(via = EntryMirror))]
///     fn entries(
///         &self,
///         low: u64,
///         max: impl Into<Option<u64>>,
///         #[reprise(skip)] ctx: foreign::Context,
///     ) -> Result<Vec<foreign::Entry>, foreign::Error>;
/// }
///
/// struct Log;
/// impl foreign::Storage for Log {
///     fn entries(&self, low: u64, _: impl Into<Option<u64>>, _: foreign::Context) -> Result<Vec<foreign::Entry>, foreign::Error> {
///         if low == 0 { Err(foreign::Error::Compacted) } else { Ok(vec![foreign::Entry { term: 3 }]) }
///     }
/// }
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("node").sink(sink.clone()).start(&())?;
/// let storage = RecordedStorage::new(Log, &recorder);
/// use foreign::Storage as _;
/// assert_eq!(storage.entries(1, 10, foreign::Context), Ok(vec![foreign::Entry { term: 3 }]));
/// assert_eq!(storage.entries(0, None, foreign::Context), Err(foreign::Error::Compacted));
/// drop(storage);
/// recorder.finish()?;
/// let text = sink.contents_string();
/// assert!(text.contains(r#""args":{"low":1,"max":10},"#) && text.contains(r#""ok":[{"term":3}]"#));
///
/// let replay = Replay::from_str(&text)?;
/// let storage = ReplayStorage::new(&replay);
/// assert_eq!(storage.entries(1, 10, foreign::Context), Ok(vec![foreign::Entry { term: 3 }]));
/// assert_eq!(storage.entries(0, None, foreign::Context), Err(foreign::Error::Compacted));
/// replay.finish().assert_clean();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Example
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::replayer::{FindingKind, Replay};
///
/// #[reprise::boundary]
/// pub trait Storage {
///     fn append(&mut self, key: &str, value: u64) -> Result<u64, String>;
/// }
///
/// struct Memory(Vec<u64>);
/// impl Storage for Memory {
///     fn append(&mut self, _key: &str, value: u64) -> Result<u64, String> {
///         self.0.push(value);
///         Ok(self.0.len() as u64)
///     }
/// }
///
/// // Record.
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("kv").sink(sink.clone()).start(&())?;
/// let mut storage = RecordedStorage::new(Memory(Vec::new()), &recorder);
/// assert_eq!(storage.append("a", 7), Ok(1));
/// recorder.finish()?;
/// assert!(sink.contents_string().contains(
///     r#""port":"storage","method":"append","args":{"key":"a","value":7}"#
/// ));
///
/// // Replay: the stand-in serves the recorded return, no storage anywhere.
/// let replay = Replay::from_str(&sink.contents_string())?;
/// let mut storage = ReplayStorage::new(&replay);
/// assert_eq!(storage.append("a", 7), Ok(1));
/// assert!(replay.finish().is_clean());
///
/// // A different argument is a divergence naming the method and the path.
/// let replay = Replay::from_str(&sink.contents_string())?;
/// let mut storage: Box<dyn Storage> = Box::new(ReplayStorage::new(&replay));
/// assert_eq!(storage.append("a", 8), Ok(1));
/// let report = replay.finish();
/// let finding = report.first().unwrap();
/// assert_eq!((finding.kind, finding.method.as_str()), (FindingKind::ArgumentsDiffer, "append"));
/// assert_eq!(finding.paths, ["$.args.value"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// An inbound trait, re-driven by the dispatcher:
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::replayer::Replay;
///
/// #[reprise::boundary(inbound, port = "api")]
/// pub trait Counter {
///     fn add(&mut self, n: u64) -> u64;
/// }
///
/// #[derive(Default)]
/// struct Total(u64);
/// impl Counter for Total {
///     fn add(&mut self, n: u64) -> u64 {
///         self.0 += n;
///         self.0
///     }
/// }
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("counter").sink(sink.clone()).start(&())?;
/// let mut counter = RecordedCounter::new(Total::default(), &recorder);
/// counter.add(2);
/// counter.add(3);
/// recorder.finish()?;
///
/// let replay = Replay::from_str(&sink.contents_string())?;
/// let mut total = Total::default();
/// let report = replay.drive(|call| CounterDispatcher::dispatch(&mut total, call));
/// report.assert_clean();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[proc_macro_attribute]
pub fn boundary(args: TokenStream, item: TokenStream) -> TokenStream {
    let opts = match syn::parse::<attr::TraitOpts>(args) {
        Ok(opts) => opts,
        Err(e) => {
            let mut out = e.to_compile_error();
            out.extend(proc_macro2::TokenStream::from(item));
            return out.into();
        }
    };
    match syn::parse::<syn::ItemTrait>(item.clone()) {
        Ok(item) => expand::expand(opts, item).into(),
        Err(_) => {
            let item = proc_macro2::TokenStream::from(item);
            let mut out = syn::Error::new_spanned(
                &item,
                "#[reprise::boundary] goes on a trait definition (the trait at the component's boundary), not on an impl or another item; for a trait you do not own, copy its required methods into a local trait and put #[reprise::boundary(remote = path::to::Trait)] on that",
            )
            .to_compile_error();
            out.extend(item);
            out.into()
        }
    }
}
