//! Replaying stand-ins for the recorder's clock and entropy ports.
//!
//! They implement the recorder's [`Clock`] and [`Entropy`] traits, so a
//! component built over `Box<dyn Clock>` takes a `RecordedClock` while
//! recording and a [`ReplayClock`] in replay, and reads the same times.

use reprise_recorder::{Clock, Entropy};
use serde_json::{Map, Value};

use crate::{Replay, ReplayPort};

/// Serves the times a `RecordedClock` recorded (port `clock`, method `now`).
///
/// ```
/// use reprise::recorder::{Clock, MemorySink, RecordedClock, Recorder, SystemClock};
/// use reprise::replayer::{Replay, ReplayClock};
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("timer").sink(sink.clone()).start(&())?;
/// let recorded = RecordedClock::new(SystemClock, &recorder).now_ns();
/// recorder.finish()?;
///
/// let replay = Replay::from_str(&sink.contents_string())?;
/// assert_eq!(ReplayClock::new(&replay).now_ns(), recorded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReplayClock {
    port: ReplayPort,
}

impl ReplayClock {
    /// A clock served from `replay`'s `clock` port.
    pub fn new(replay: &Replay) -> Self {
        ReplayClock {
            port: replay.port("clock"),
        }
    }
}

impl Clock for ReplayClock {
    fn now_ns(&self) -> u64 {
        self.port.outbound("now", &Value::Object(Map::new()))
    }
}

/// Serves the random numbers a `RecordedEntropy` recorded (port `entropy`,
/// method `next_u64`).
///
/// ```
/// use reprise::recorder::{Entropy, MemorySink, RecordedEntropy, Recorder, SeededEntropy};
/// use reprise::replayer::{Replay, ReplayEntropy};
///
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("dice").sink(sink.clone()).start(&())?;
/// let mut id = [0u8; 12];
/// RecordedEntropy::new(SeededEntropy::new(7), &recorder).fill_bytes(&mut id);
/// recorder.finish()?;
///
/// let replay = Replay::from_str(&sink.contents_string())?;
/// let mut again = [0u8; 12];
/// ReplayEntropy::new(&replay).fill_bytes(&mut again);
/// assert_eq!(again, id);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReplayEntropy {
    port: ReplayPort,
}

impl ReplayEntropy {
    /// Random numbers served from `replay`'s `entropy` port.
    pub fn new(replay: &Replay) -> Self {
        ReplayEntropy {
            port: replay.port("entropy"),
        }
    }
}

impl Entropy for ReplayEntropy {
    fn next_u64(&self) -> u64 {
        self.port.outbound("next_u64", &Value::Object(Map::new()))
    }
}
