//! The reprise expectation engine: rules about a component's events
//! (latency, counts, bounds, patterns, responses) with warn and fail tiers,
//! evaluated over an event stream, graded by a profile chosen at run time,
//! and reported with the same [`Finding`] and [`Report`] as replay
//! divergences.
//!
//! ```
//! use reprise::expect::{Expectations, expect, expect::{ms, secs}};
//!
//! let expectations = Expectations::new()
//!     .expect(expect::call_latency("storage", "append").warn_after(ms(200)).fail_after(secs(1)))
//!     .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0))
//!     .expect(expect::never(expect::returned("storage", "append").err()).id("storage.error"));
//!
//! let report = expectations.check_str(r#"{"reprise":1,"kind":"header","component":"worker"}
//! {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
//! {"seq":1,"kind":"return","call":0,"ok":null,"at_ns":300000000}
//! {"seq":2,"kind":"probe","name":"queue.depth","fields":{"len":3},"at_ns":300000000}
//! "#)?;
//! assert!(report.passed()); // one warning: 300 ms > 200 ms
//! assert_eq!(report.tally(), (0, 1));
//! # Ok::<(), reprise::expect::CheckError>(())
//! ```
//!
//! # Key design decisions
//!
//! - **Below the recorder and the replayer.** The engine runs in three
//!   places: live in the recorder, offline over a transcript, and during
//!   replay. So this crate depends on `reprise-transcript` only, and owns
//!   the vocabulary both sides report in: [`Finding`], [`FindingKind`],
//!   [`Candidate`] and [`Report`] live here and the replayer re-exports them.
//!   A divergence is a finding of severity `fail` with no expectation id,
//!   and its JSON is what it always was.
//! - **One event at a time, touching only what watches it.** [`Engine`]
//!   indexes its expectations by port and method, and by probe name; an
//!   event costs a hash lookup or two when nothing watches it. Deadlines
//!   (a call that has not returned, a window short of heartbeats) are kept
//!   as one earliest moment, compared once per event, and also fired by
//!   [`Engine::check_deadlines`] from a live observer's timer.
//! - **Payloads read only where a field is.** A live observer gives the
//!   engine each event borrowed, with the payload as the JSON text it wrote
//!   ([`EventRef`], [`Engine::observe_ref`]) and the call's [`CallRoute`];
//!   a field pattern reads the text up to its field and builds only that
//!   value, so an expectation that looks at no payload costs no parsing.
//! - **Time is the events' `at_ns`.** The engine never reads a clock, so a
//!   check over a transcript is deterministic and its report snapshots.
//! - **Stable ids, tiers in code, grades in profiles.** Every expectation
//!   has an id (`storage.append.latency` by default). Code declares the
//!   nominal value and the warn and fail tiers; a [`Profile`] (TOML, chosen
//!   by `REPRISE_PROFILE` or the API) overrides thresholds by id and
//!   re-grades findings (`fail`, `warn`, `ignore`, `success`) without
//!   recompiling, and can declare expectations of its own.
//! - **Trained, not guessed.** A [`Trainer`] reads recordings and writes a
//!   profile that declares the observed latencies, probe ranges and rates
//!   with a margin, and says where they came from.
//! - **Failures say "expected X, but instead Y".** Each finding names the
//!   event's seq, the expectation id, the limit (with the nominal value)
//!   and what was measured.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod budget;
mod deadlines;
mod duration;
mod engine;
mod error;
mod event_ref;
pub mod expect;
mod expectation;
mod finding;
mod grade;
mod kinds;
mod pattern;
mod pending;
mod profile;
mod report;
mod samples;
mod severity;
mod train;
mod view;
mod waiting;
mod watches;

#[cfg(test)]
mod tests;

pub use budget::ActionBudget;
pub use engine::{Engine, Expectations, KEEP_PER_EXPECTATION};
pub use error::{CheckError, ProfileError};
pub use event_ref::EventRef;
pub use expectation::Expectation;
pub use finding::{Candidate, Finding, FindingKind, InboundCall};
pub use grade::Grade;
pub use kinds::{Bounds, CallLatency, Count, Occurrence, ProbeLatency, Response};
pub use pattern::Pattern;
pub use profile::{PROFILE_ENV, Profile, Profiles};
pub use report::Report;
pub use severity::Severity;
pub use train::Trainer;
pub use watches::{CallRoute, Watches};
