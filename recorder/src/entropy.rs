//! The entropy port: randomness taken through a trait, so it can be recorded
//! and replayed.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

use crate::clock::NoArgs;
use crate::{Port, Recorder};

/// A source of random numbers.
///
/// Only [`Entropy::next_u64`] is required; [`Entropy::fill_bytes`] is built
/// on it, so that recording `next_u64` records every random byte too.
///
/// ```
/// use reprise::recorder::{Entropy, SeededEntropy};
/// let entropy = SeededEntropy::new(7);
/// let mut id = [0u8; 12];
/// entropy.fill_bytes(&mut id);
/// assert_ne!(id, [0u8; 12]);
/// ```
pub trait Entropy: Send + Sync {
    /// The next random `u64`.
    fn next_u64(&self) -> u64;

    /// Fills `dest` with random bytes: little-endian `next_u64` values, the
    /// last one truncated. Override it only in an implementation that is not
    /// recorded: a recorded source must draw through `next_u64`.
    fn fill_bytes(&self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

/// The operating system's randomness: a `StdRng` seeded from the OS.
///
/// ```
/// use reprise::recorder::{Entropy, SystemEntropy};
/// let entropy = SystemEntropy::new();
/// assert_ne!(entropy.next_u64(), entropy.next_u64());
/// ```
#[derive(Debug)]
pub struct SystemEntropy {
    rng: Mutex<StdRng>,
}

impl SystemEntropy {
    /// A generator seeded from the OS (or, if the OS has no randomness to
    /// give, from the time and the process id).
    ///
    /// ```
    /// let entropy = reprise::recorder::SystemEntropy::new();
    /// ```
    pub fn new() -> Self {
        let rng = StdRng::try_from_os_rng().unwrap_or_else(|_| {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            let seed = (now.as_nanos() as u64) ^ (u64::from(std::process::id()) << 32);
            StdRng::seed_from_u64(seed)
        });
        SystemEntropy {
            rng: Mutex::new(rng),
        }
    }
}

impl Default for SystemEntropy {
    fn default() -> Self {
        SystemEntropy::new()
    }
}

impl Entropy for SystemEntropy {
    fn next_u64(&self) -> u64 {
        self.rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next_u64()
    }
}

/// A deterministic generator: the same seed gives the same numbers.
///
/// ```
/// use reprise::recorder::{Entropy, SeededEntropy};
/// let (a, b) = (SeededEntropy::new(42), SeededEntropy::new(42));
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert_ne!(SeededEntropy::new(1).next_u64(), SeededEntropy::new(2).next_u64());
/// ```
#[derive(Debug)]
pub struct SeededEntropy {
    rng: Mutex<StdRng>,
}

impl SeededEntropy {
    /// A generator seeded with `seed`.
    ///
    /// ```
    /// let entropy = reprise::recorder::SeededEntropy::new(42);
    /// ```
    pub fn new(seed: u64) -> Self {
        SeededEntropy {
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }
}

impl Entropy for SeededEntropy {
    fn next_u64(&self) -> u64 {
        self.rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next_u64()
    }
}

/// An entropy source that records every draw: an outbound call on port
/// `entropy`, method `next_u64`, args `{}`, returning the number as `ok`.
/// [`Entropy::fill_bytes`] draws through `next_u64`, so it is recorded too.
///
/// ```
/// use reprise::recorder::{Entropy, MemorySink, RecordedEntropy, Recorder, SeededEntropy};
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
/// let entropy = RecordedEntropy::new(SeededEntropy::new(1), &recorder);
/// let n = entropy.next_u64();
/// let mut bytes = [0u8; 10];
/// entropy.fill_bytes(&mut bytes); // two more draws
/// let summary = recorder.finish()?;
/// assert_eq!(summary.events, 1 + 3 * 2);
/// assert!(sink.contents_string().contains(&format!(r#""port":"entropy","method":"next_u64","args":{{}}"#)));
/// assert!(sink.contents_string().contains(&format!(r#""ok":{n}"#)));
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RecordedEntropy<E> {
    inner: E,
    port: Port,
}

impl<E: Entropy> RecordedEntropy<E> {
    /// Records the draws from `inner` with `recorder`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let entropy = reprise::recorder::RecordedEntropy::new(reprise::recorder::SystemEntropy::new(), &recorder);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn new(inner: E, recorder: &Recorder) -> Self {
        RecordedEntropy {
            inner,
            port: recorder.port("entropy"),
        }
    }
}

impl<E: Entropy> Entropy for RecordedEntropy<E> {
    fn next_u64(&self) -> u64 {
        self.port
            .outbound("next_u64", &NoArgs, || self.inner.next_u64())
    }
}

impl<E: Entropy + ?Sized> Entropy for &E {
    fn next_u64(&self) -> u64 {
        (**self).next_u64()
    }

    fn fill_bytes(&self, dest: &mut [u8]) {
        (**self).fill_bytes(dest)
    }
}

impl<E: Entropy + ?Sized> Entropy for Box<E> {
    fn next_u64(&self) -> u64 {
        (**self).next_u64()
    }

    fn fill_bytes(&self, dest: &mut [u8]) {
        (**self).fill_bytes(dest)
    }
}

impl<E: Entropy + ?Sized> Entropy for Arc<E> {
    fn next_u64(&self) -> u64 {
        (**self).next_u64()
    }

    fn fill_bytes(&self, dest: &mut [u8]) {
        (**self).fill_bytes(dest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_bytes_is_little_endian_next_u64() {
        let (a, b) = (SeededEntropy::new(9), SeededEntropy::new(9));
        let mut bytes = [0u8; 11];
        a.fill_bytes(&mut bytes);
        let first = b.next_u64().to_le_bytes();
        let second = b.next_u64().to_le_bytes();
        assert_eq!(bytes[..8], first);
        assert_eq!(bytes[8..], second[..3]);
    }
}
