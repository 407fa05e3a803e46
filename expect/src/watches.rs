//! [`Watches`]: which events can reach an engine's expectations, and
//! [`CallRoute`], a watched port.method's handle.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU32, Ordering};

/// The hasher of the engine's indexes, looked up a few times per event:
/// FxHash (rustc-hash), much cheaper than SipHash on short names. Their keys
/// come from declared expectations and the recorder's own seqs, not from
/// untrusted input, so SipHash's resistance to collisions buys nothing.
pub(crate) type Fast = rustc_hash::FxBuildHasher;

/// A port.method that an [`Engine`](crate::Engine) watches, from
/// [`Watches::route`]. Given back in an [`EventRef`](crate::EventRef) call
/// and its return, it spares the engine looking the names up again and
/// keeping them for the return. It is only meaningful to the engine whose
/// watches gave it; any other engine ignores it and goes by the names.
///
/// ```
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new().expect(expect::call_latency("storage", "append")).engine("kv");
/// assert!(engine.watches().route("storage", "append").is_some());
/// assert!(engine.watches().route("storage", "read").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallRoute {
    pub(crate) engine: u32,
    pub(crate) index: u32,
}

/// Which events can reach an expectation of an [`Engine`](crate::Engine),
/// from [`Engine::watches`](crate::Engine::watches): a snapshot of its
/// index, cheap to clone and to share, so that a live observer builds
/// events only for those and hands the others to
/// [`Engine::observe_unwatched`](crate::Engine::observe_unwatched).
///
/// ```
/// use reprise::expect::{Expectations, expect};
/// let engine = Expectations::new()
///     .expect(expect::never(expect::returned("storage", "append").err()))
///     .expect(expect::probe_bounds("queue", "len").within(0.0..=9.0))
///     .engine("kv");
/// let watches = engine.watches();
/// assert!(watches.call("storage", "append"));
/// assert!(!watches.call("network", "send"));
/// assert!(watches.probe("queue") && !watches.probe("tick") && !watches.state());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Watches {
    /// The engine these are the watches of.
    pub(crate) engine: u32,
    /// port -> method -> route index, for the calls or returns something
    /// watches by port and method.
    pub(crate) calls: HashMap<String, HashMap<String, u32, Fast>, Fast>,
    pub(crate) probes: HashSet<String, Fast>,
    /// Something watches every event (or every return).
    pub(crate) all: bool,
}

impl Watches {
    /// Empty watches for a new engine, with an id of its own.
    pub(crate) fn new() -> Self {
        static ENGINES: AtomicU32 = AtomicU32::new(0);
        Watches {
            engine: ENGINES.fetch_add(1, Ordering::Relaxed),
            ..Watches::default()
        }
    }

    /// Whether a call on `port.method`, or its return, can reach an
    /// expectation.
    pub fn call(&self, port: &str, method: &str) -> bool {
        self.all || self.route(port, method).is_some()
    }

    /// The route of `port.method` when an expectation watches its calls or
    /// returns by port and method; `None` otherwise (though a catch-all
    /// expectation may still watch it: see [`Watches::call`]).
    pub fn route(&self, port: &str, method: &str) -> Option<CallRoute> {
        let index = *self.calls.get(port)?.get(method)?;
        Some(CallRoute {
            engine: self.engine,
            index,
        })
    }

    /// Whether the probe `name` can reach an expectation.
    pub fn probe(&self, name: &str) -> bool {
        self.all || self.probes.contains(name)
    }

    /// Whether a state event can reach an expectation.
    pub fn state(&self) -> bool {
        self.all
    }
}
