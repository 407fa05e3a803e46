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
//! - **One clear error per unsupported type.** Shapes the macro can see
//!   (a `self` by value, a returned reference, a pattern argument) are
//!   rejected with a spanned message while expanding. Whether a type is
//!   `Serialize` or `Deserialize` only the type checker knows: the generated
//!   bodies compile either way, and one assertion per argument and return,
//!   spanned at its type, fails with a message that says what to do.
//! - **Symmetry.** The recording wrapper and the replaying stand-in start a
//!   call at the same moment (when the method is called, or for `async fn`
//!   when its future is first polled), so a transcript recorded through one
//!   replays through the other in the same order.

mod attr;
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
/// | `impl<T: Network + ?Sized> Network for Box<T>` | for object-safe traits (all methods `&self` / `&mut self`, none generic), so the wrappers wrap and become `Box<dyn Network>`. Turn it off with `no_box`. |
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
/// `no_box` to skip the `Box<T>` impl.
///
/// On a method: `#[reprise(skip)]` delegates without recording (for
/// non-serialisable or irrelevant methods; in replay the stand-in uses the
/// default body, or panics naming the method); `#[reprise(name = "..")]`
/// records the method under another name; `#[reprise(query)]` (outbound
/// traits) marks a read with no effect: the replay stand-in declares it a
/// query (`reprise::replayer::ReplayPort::declare_query`), so it is
/// served by equal arguments in any order and any number of times and is
/// never a divergence by itself.
///
/// # What it handles
///
/// `&self` and `&mut self`; arguments by value and by reference (`&T`,
/// `&str`, `&[u8]`, `&mut T`, `impl Serialize`), with byte buffers
/// (`&[u8]`, `Vec<u8>`, `&Vec<u8>`) recorded as base64 strings, as
/// `reprise::bytes` writes them; returns `()`, `T`, `Option<T>`,
/// `Result<T, E>` (also behind an alias), `io::Result<T>` (its error recorded
/// as `{"kind", "message"}` and rebuilt in replay); `async fn` in traits,
/// `-> impl Future<Output = ..>`, and
/// `#[async_trait]` traits, with the attribute above or below
/// `#[reprise::boundary]` (the wrapped type must then be `Send + Sync`,
/// unless `#[async_trait(?Send)]`); generic traits and generic methods whose
/// parameters have serde bounds; associated types and consts; default
/// methods (recorded as one call, delegated to the inner implementation).
/// The wrappers are `Send` and `Sync` when the wrapped type is.
///
/// Anything else is a compile error at the offending span that says what
/// to do: a `self` by value, a method without `self`, a returned reference or
/// `Self`, an argument that is a pattern, an argument or return type that is
/// not `Serialize` (or, to replay, `Deserialize`), a generic method in an
/// inbound trait.
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
                "#[reprise::boundary] goes on a trait definition (the trait at the component's boundary), not on an impl or another item",
            )
            .to_compile_error();
            out.extend(item);
            out.into()
        }
    }
}
