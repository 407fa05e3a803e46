//! The time written in an event's `at_ns`: monotonic nanoseconds since the
//! recording started, read once per event line, in the critical section.
//!
//! Reading the clock is a fixed cost of every line. `std::time::Instant`
//! (a vDSO `clock_gettime`, then a `Duration` and a `u128` to subtract and
//! convert) took about 34 ns per reading on the 2-core VM this was measured
//! on, 15% of a recorded call's CPU on the recording thread (a call writes
//! two lines). `quanta` reads the CPU's time-stamp counter and scales it to
//! nanoseconds with a multiply and a shift: about 10 ns. It uses the TSC only
//! where the CPU says it is invariant, and the OS's monotonic clock
//! otherwise; it calibrates the TSC against that clock once per process, in
//! about 0.6 ms, the first time a recorder starts.
//!
//! A TSC read on one core may lag one read just before on another by a few
//! cycles, and `rdtsc` is not ordered with the lock: so [`Timestamps::at_ns`]
//! is called in the critical section and never returns less than the
//! reading before it, which keeps `at_ns` non-decreasing in `seq` order, as
//! `Instant` under the lock did.

/// The recording's clock: nanoseconds since it was started.
#[derive(Debug, Clone)]
pub(crate) struct Timestamps {
    clock: quanta::Clock,
    /// The clock's raw reading at the start.
    start: u64,
}

impl Timestamps {
    /// A clock reading zero now.
    pub(crate) fn start() -> Timestamps {
        let clock = quanta::Clock::new();
        let start = clock.raw();
        Timestamps { clock, start }
    }

    /// Nanoseconds since the start.
    #[inline]
    pub(crate) fn now_ns(&self) -> u64 {
        self.clock.delta_as_nanos(self.start, self.clock.raw())
    }

    /// Nanoseconds since the start, never less than `last`, which it then
    /// holds: the `at_ns` of the next line, given the last line's.
    #[inline]
    pub(crate) fn at_ns(&self, last: &mut u64) -> u64 {
        let now = self.now_ns().max(*last);
        *last = now;
        now
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::Timestamps;

    #[test]
    fn readings_follow_the_system_clock_and_never_go_back() {
        let clock = Timestamps::start();
        let since = Instant::now();
        let mut last = 0;
        let mut readings = Vec::new();
        for _ in 0..1000 {
            readings.push(clock.at_ns(&mut last));
        }
        assert!(readings.windows(2).all(|w| w[0] <= w[1]));
        std::thread::sleep(Duration::from_millis(20));
        let ours = clock.now_ns();
        let std = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        // Both clocks started together: 20 ms later they agree to well
        // under a millisecond (the calibration is far closer than that).
        assert!(ours >= 20_000_000, "{ours}");
        assert!(ours.abs_diff(std) < 2_000_000, "ours {ours}, std {std}");
    }

    #[test]
    fn a_reading_behind_the_last_one_is_raised_to_it() {
        let clock = Timestamps::start();
        let mut last = u64::MAX - 1;
        assert_eq!(clock.at_ns(&mut last), u64::MAX - 1);
        assert_eq!(last, u64::MAX - 1);
    }
}
