//! [`EventRef`]: one event as a live observer has it, borrowed.

use reprise_transcript::Direction;

use crate::CallRoute;

/// One event as a live observer has it, for [`Engine::observe_ref`]: names
/// borrowed and the payload as the JSON text written for it, so that
/// nothing is built or parsed unless an expectation reads a field.
///
/// Its seqs and times are those of the transcript line the event was
/// written as; `at_ns` is nanoseconds since the recording started.
///
/// [`Engine::observe_ref`]: crate::Engine::observe_ref
///
/// ```
/// use reprise::expect::{EventRef, Expectations, expect};
/// use reprise::transcript::Direction;
/// let mut engine = Expectations::new()
///     .expect(expect::never(expect::call("storage", "append").field("key", "tmp/1")))
///     .engine("kv");
/// engine.observe_ref(EventRef::Call {
///     seq: 0, at_ns: 10, dir: Direction::Out, port: "storage", method: "append",
///     route: engine.watches().route("storage", "append"),
///     args: r#"{"key":"tmp/1","value":[1,2]}"#,
/// });
/// assert_eq!(engine.findings().len(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventRef<'a> {
    /// A call into or out of the component.
    Call {
        /// The event's seq.
        seq: u64,
        /// When the call was made.
        at_ns: u64,
        /// Which way it went.
        dir: Direction,
        /// The port it went through.
        port: &'a str,
        /// The method called.
        method: &'a str,
        /// Its route, from [`Watches::route`](crate::Watches::route), if
        /// the observer asked for it: the engine then goes by it rather
        /// than the names, and expects it with the return as well.
        route: Option<CallRoute>,
        /// The arguments, as JSON text.
        args: &'a str,
    },
    /// The return of a call.
    Return {
        /// The event's seq.
        seq: u64,
        /// When the call returned.
        at_ns: u64,
        /// The seq of the call that returned.
        call: u64,
        /// `true` for `ok`, `false` for `err`.
        ok: bool,
        /// The route its call came with, if any: with it, the engine knows
        /// the call's port and method without having kept them.
        route: Option<CallRoute>,
        /// The `ok` or `err` value, as JSON text.
        value: &'a str,
    },
    /// A probe.
    Probe {
        /// The event's seq.
        seq: u64,
        /// When the probe fired.
        at_ns: u64,
        /// The probe's name.
        name: &'a str,
        /// Its fields, as JSON text.
        fields: &'a str,
    },
    /// A state (the initial state or a checkpoint).
    State {
        /// The event's seq.
        seq: u64,
        /// Its label (`initial`, `checkpoint`).
        label: &'a str,
        /// The state, as JSON text.
        state: &'a str,
    },
}
