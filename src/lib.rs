//! reprise: record a component's boundary at a user's site, replay it in
//! `cargo test`.
//!
//! This is the crate applications depend on. It re-exports the parts:
//!
//! - [`transcript`]: the JSON Lines format, its reader and writer;
//! - [`recorder`]: the `Recorder`, recording ports, sinks, clock and entropy
//!   ports;
//! - [`replayer`]: the `Replay` session, replaying ports, the inbound driver,
//!   findings and reports;
//! - [`expect`]: expectations, profiles, training, findings and reports;
//! - [`sanitizer`]: scrubbing transcripts before they are shipped;
//! - [`testing`]: modes (`REPRISE_MODE`), pending transcripts and their
//!   review, structural diffs, one test per recording;
//! - [`bytes`]: the serde helper that writes byte buffers as base64 strings;
//! - [`convert`]: conversions for values that are not serde types (mirrors,
//!   codecs);
//! - `tower` (feature `tower`): a tower `Layer` that records any `Service`,
//!   and its replaying stand-in;
//! - [`boundary`]: the attribute that generates a trait's recording wrapper,
//!   replaying stand-in and inbound dispatcher.
//!
//! # The loop, from a user's bug to a passing test
//!
//! 1. **Record** at the user's site: wrap the traits at the component's
//!    boundary with [`boundary`] (or record calls by hand through
//!    [`recorder::Port`]), start a [`recorder::Recorder`] with a
//!    [`recorder::FileSink`], and let the component run. With a
//!    [`recorder::RecorderBuilder::sanitizer`] secrets never reach the disk.
//! 2. **Ship**: `reprise scrub recording.jsonl -o safe.jsonl` and
//!    `reprise verify safe.jsonl` (the [`sanitizer`] underneath) before the
//!    file leaves the machine; `reprise inspect` to read it.
//! 3. **Replay** in `cargo test`: drop the file into `tests/recordings/`;
//!    [`testing::recordings`] makes it a test of its own, which loads it
//!    with [`replayer::Replay`], builds the component with
//!    [`replayer::Replay::setup`] and drives it with
//!    [`replayer::Replay::drive`], or
//!    [`replayer::Replay::drive_async`] and an async closure
//!    (`async |call| ApiDispatcher::dispatch(&mut node, &call).await`).
//!    The report names the first divergence, in the inbound call where the
//!    behaviour changed.
//! 4. **Fix** the component until the replay shows the bug gone (the
//!    report then says where the fixed component now differs).
//! 5. **Update**: `REPRISE_MODE=update cargo test` writes what the fixed
//!    component does as `<name>.jsonl.new` beside the recording
//!    ([`replayer::Replay::actual_transcript`], [`testing::write_pending`]);
//!    the recording itself is never overwritten, and in CI nothing is
//!    written ([`testing::Mode`]).
//! 6. **Review**: `reprise review` shows each pending file as a structural
//!    diff and asks accept or reject (`reprise accept PATH` without
//!    asking); accepting re-applies the recording's sanitizer settings.
//!
//! The README's quick start is compiled and run as a doc test of this crate.
//!
//! ```
//! use reprise::recorder::{MemorySink, Recorder};
//! use reprise::replayer::Replay;
//!
//! let sink = MemorySink::new();
//! let recorder = Recorder::builder("clock-reader").sink(sink.clone()).start(&())?;
//! let clock = recorder.port("clock");
//! let now: u64 = clock.outbound("now", &(), || 1_700_000_000);
//! recorder.finish()?;
//!
//! let replay = Replay::from_str(&sink.contents_string())?;
//! let replayed: u64 = replay.port("clock").outbound("now", &());
//! assert_eq!(replayed, now);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

/// The transcript format: events, reader, writer, path selectors.
pub mod transcript {
    pub use reprise_transcript::*;
}

/// Expectations: declared rules over events, profiles, training, and the
/// `Finding`/`Report` shared with replay.
pub mod expect {
    pub use reprise_expect::*;
}

/// Scrubbing: rules, detectors, pseudonyms, verification.
pub mod sanitizer {
    pub use reprise_sanitizer::*;
}

/// Recording: the `Recorder`, ports, sinks, clock and entropy.
pub mod recorder {
    pub use reprise_recorder::*;
}

/// Seeing a run: `merge` (per-node transcripts into one causal timeline)
/// and `view` (a self-contained HTML timeline), behind `reprise merge` and
/// `reprise view`.
pub mod view {
    pub use reprise_view::*;
}

/// The test workflow: modes (`REPRISE_MODE`), pending transcripts, accept
/// and reject, structural diffs, and (feature `harness`, on by default) one
/// test per recording.
pub mod testing {
    pub use reprise_testing::*;
}

/// Replaying: the `Replay` session, ports, driver, findings, reports.
pub mod replayer {
    pub use reprise_replayer::*;
    pub use reprise_transcript::Outcome;
}

/// Entropy creators: proptest strategies that mutate a real transcript,
/// fuzz campaigns over tolerant replay, and minimization of a failing
/// transcript (the `reprise-entropy` crate).
pub mod entropy {
    pub use reprise_entropy::*;
}

pub use reprise_recorder::bytes;

pub mod convert;

#[cfg(feature = "tower")]
pub mod tower;

/// With the `tracing` feature: turns tracing events and spans into probes.
#[cfg(feature = "tracing")]
pub use reprise_tracing::ProbeLayer;

pub use reprise_macros::boundary;

#[doc(hidden)]
pub mod __private;

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
