//! The clock port: time taken through a trait, so it can be recorded and replayed.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Serialize, Serializer};

use crate::{Port, Recorder};

/// A source of wall-clock time, in nanoseconds since the Unix epoch.
///
/// A component that reads the time through a `Clock` (rather than
/// `SystemTime::now()`) can be recorded with [`RecordedClock`] and replayed
/// deterministically with the replayer's clock.
///
/// ```
/// use reprise::recorder::{Clock, SystemClock};
/// fn deadline(clock: &dyn Clock) -> u64 { clock.now_ns() + 1_000_000_000 }
/// assert!(deadline(&SystemClock) > 1_000_000_000);
/// ```
pub trait Clock: Send + Sync {
    /// Now, in nanoseconds since the Unix epoch.
    fn now_ns(&self) -> u64;
}

/// The system's wall clock.
///
/// ```
/// use reprise::recorder::{Clock, SystemClock};
/// let now = SystemClock.now_ns();
/// assert!(now > 1_600_000_000_000_000_000); // after September 2020
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ns(&self) -> u64 {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        u64::try_from(since_epoch.as_nanos()).unwrap_or(u64::MAX)
    }
}

/// A clock that records every reading: an outbound call on port `clock`,
/// method `now`, args `{}`, returning the nanoseconds as `ok`.
///
/// ```
/// use reprise::recorder::{Clock, MemorySink, RecordedClock, Recorder, SystemClock};
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
/// let clock = RecordedClock::new(SystemClock, &recorder);
/// let now = clock.now_ns();
/// recorder.finish()?;
/// let text = sink.contents_string();
/// assert!(text.contains(r#""dir":"out","port":"clock","method":"now","args":{}"#));
/// assert!(text.contains(&format!(r#""ok":{now}"#)));
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RecordedClock<C> {
    inner: C,
    port: Port,
}

impl<C: Clock> RecordedClock<C> {
    /// Records the readings of `inner` with `recorder`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let clock = reprise::recorder::RecordedClock::new(reprise::recorder::SystemClock, &recorder);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn new(inner: C, recorder: &Recorder) -> Self {
        RecordedClock {
            inner,
            port: recorder.port("clock"),
        }
    }
}

impl<C: Clock> Clock for RecordedClock<C> {
    fn now_ns(&self) -> u64 {
        self.port.outbound("now", &NoArgs, || self.inner.now_ns())
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now_ns(&self) -> u64 {
        (**self).now_ns()
    }
}

impl<C: Clock + ?Sized> Clock for Box<C> {
    fn now_ns(&self) -> u64 {
        (**self).now_ns()
    }
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now_ns(&self) -> u64 {
        (**self).now_ns()
    }
}

/// The arguments of a call that takes none: `{}`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NoArgs;

impl Serialize for NoArgs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        s.serialize_map(Some(0))?.end()
    }
}
