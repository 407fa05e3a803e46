//! Constructors of expectations and patterns, to read like the rule they
//! state: `expect::call_latency("storage", "append").fail_after(secs(1))`.

pub use crate::duration::{ms, secs};
use crate::kinds::{Bounds, CallLatency, Count, Occurrence, ProbeLatency, Response};
use crate::pattern::{Pattern, PatternKind};

/// Latency between two probes correlated by a key; `id` names the
/// expectation.
///
/// ```
/// use reprise::expect::expect::{self, ms, secs};
/// let e = expect::latency("queue.item").between("queue.enqueue", "queue.done").by("id")
///     .warn_after(ms(200)).fail_after(secs(1));
/// ```
pub fn latency(id: &str) -> ProbeLatency {
    ProbeLatency::new(id)
}

/// Latency of calls to `port.method`, from call to return.
///
/// ```
/// use reprise::expect::expect::{self, ms};
/// let e = expect::call_latency("storage", "append").fail_after(ms(50));
/// ```
pub fn call_latency(port: &str, method: &str) -> CallLatency {
    CallLatency::new(port, method)
}

/// Bounds on the numeric `field` of the probe `name`.
///
/// ```
/// use reprise::expect::expect;
/// let e = expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0);
/// ```
pub fn probe_bounds(name: &str, field: &str) -> Bounds {
    Bounds::new(name, field)
}

/// A count of events matching `pattern`, with limits.
///
/// ```
/// use reprise::expect::expect::{self, secs};
/// let e = expect::count(expect::call("network", "send")).at_most(100).per(secs(1));
/// ```
pub fn count(pattern: Pattern) -> Count {
    Count::new(pattern)
}

/// `pattern` must never occur.
///
/// ```
/// use reprise::expect::expect;
/// let e = expect::never(expect::returned("storage", "append").err());
/// ```
pub fn never(pattern: Pattern) -> Occurrence {
    Occurrence::new(pattern, true)
}

/// `pattern` must occur at least once.
///
/// ```
/// use reprise::expect::expect;
/// let e = expect::must(expect::call("storage", "sync"));
/// ```
pub fn must(pattern: Pattern) -> Occurrence {
    Occurrence::new(pattern, false)
}

/// Every event matching `trigger` is followed by one matching `reply`.
///
/// ```
/// use reprise::expect::expect;
/// let e = expect::response(expect::call("api", "request"), expect::call("network", "reply")).within_events(10);
/// ```
pub fn response(trigger: Pattern, reply: Pattern) -> Response {
    Response::new(trigger, reply)
}

/// Calls to `port.method`, in either direction.
///
/// ```
/// use reprise::expect::expect;
/// assert_eq!(expect::call("network", "send").to_string(), "call network.send");
/// ```
pub fn call(port: &str, method: &str) -> Pattern {
    let mut p = Pattern::new(PatternKind::Call);
    p.port = Some(port.to_owned());
    p.method = Some(method.to_owned());
    p
}

/// Returns from calls to `port.method`, `ok` or `err`.
///
/// ```
/// use reprise::expect::expect;
/// assert_eq!(expect::returned("storage", "append").to_string(), "return from storage.append");
/// ```
pub fn returned(port: &str, method: &str) -> Pattern {
    let mut p = Pattern::new(PatternKind::Return);
    p.port = Some(port.to_owned());
    p.method = Some(method.to_owned());
    p
}

/// Probes named `name`.
///
/// ```
/// use reprise::expect::expect;
/// assert_eq!(expect::probe("heartbeat").to_string(), "probe heartbeat");
/// ```
pub fn probe(name: &str) -> Pattern {
    let mut p = Pattern::new(PatternKind::Probe);
    p.name = Some(name.to_owned());
    p
}

/// Every call, on any port (narrow it with fields or a direction).
///
/// ```
/// use reprise::expect::expect;
/// assert_eq!(expect::any_call().inbound().to_string(), "inbound call *");
/// ```
pub fn any_call() -> Pattern {
    Pattern::new(PatternKind::Call)
}
