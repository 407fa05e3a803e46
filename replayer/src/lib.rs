//! The reprise replayer: re-drive a real component from a transcript inside
//! `cargo test`, stand in for every dependency, and report exactly where its
//! behaviour diverged.
//!
//! A [`Replay`] session loads one transcript. It hands out the recorded
//! initial state ([`Replay::initial_state`]) and a [`ReplayPort`] for each
//! outbound port, which serves recorded returns and never performs I/O. Its
//! driver ([`Replay::drive`], [`Replay::drive_async`]) feeds the recorded
//! inbound calls to the component and compares what comes back. Every
//! divergence is a [`Finding`]; the findings make a [`Report`], rendered as
//! text for people and JSON for tools.
//!
//! ```
//! use reprise::replayer::{Outcome, Replay, ReplayError};
//! use serde_json::json;
//!
//! // The component under test: a key-value store over a storage port.
//! struct Store<S> { write: S }
//! impl<S: FnMut(&str, u64) -> Result<u64, String>> Store<S> {
//!     fn put(&mut self, key: &str, value: u64) -> Result<u64, String> {
//!         (self.write)(key, value)
//!     }
//! }
//!
//! let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
//! {"seq":0,"kind":"state","label":"initial","state":{}}
//! {"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a","value":1}}
//! {"seq":2,"kind":"call","dir":"out","port":"storage","method":"write","args":{"key":"a","value":1}}
//! {"seq":3,"kind":"return","call":2,"ok":1}
//! {"seq":4,"kind":"return","call":1,"ok":1}
//! {"kind":"end","events":5,"dropped":0}
//! "#)?;
//! let storage = replay.port("storage");
//! let mut store = Store {
//!     write: |key: &str, value: u64| storage.outbound_result("write", &json!({"key": key, "value": value})),
//! };
//! let report = replay.drive(|call| match call.method() {
//!     "put" => Ok(Outcome::from_result(&store.put(call.arg("key")?, call.arg("value")?))?),
//!     _ => Err(ReplayError::unknown_method(call)),
//! });
//! report.assert_clean();
//! # Ok::<(), ReplayError>(())
//! ```
//!
//! # Key design decisions
//!
//! - **Divergences are data, not panics.** A changed argument, a changed
//!   return, a missing call, a panic in the component: each is a finding in
//!   the report, and the replay goes on (or stops, with
//!   [`ReplayBuilder::stop_at_first`], the default). When the component makes
//!   a call that can be given no value (it matches no recorded call, or the
//!   recorded return does not fit the type asked for), the port stops the
//!   inbound call by unwinding with a private marker through
//!   [`std::panic::resume_unwind`]: no panic message is printed, the driver
//!   catches it, and the calls that inbound call did not get to make are
//!   passed over rather than reported one by one.
//! - **Matching by order within the inbound call, comparing as JSON.** An
//!   outbound call is matched only against the calls recorded inside the
//!   same inbound call (by the transcript's `parent` links; calls outside
//!   any inbound call, such as setup and background tasks, are a scope of
//!   their own): the next one not yet made ([`Matching::Global`], the
//!   default) or the next one on its port ([`Matching::PerPort`], for
//!   components whose tasks use ports concurrently). A call moved from one
//!   inbound call to another is never clean, and every finding names the
//!   inbound call it belongs to ([`Finding::inbound`]). A call on another
//!   port or method matches nothing and the report lists the closest
//!   recorded candidates. Arguments and returns are compared as JSON
//!   values; ignore rules are JSON path selectors over the event line
//!   (`$.args.ts`, `$.ok.id`, `$..timestamp`).
//! - **Reads can be queries.** A port or method declared a query
//!   ([`ReplayBuilder::query`], [`ReplayPort::declare_query`],
//!   `#[reprise(query)]`) is served by equal arguments in any order and any
//!   number of times, and is never a divergence by itself.
//! - **Panics are part of the recording.** A recorded `panic` return is
//!   raised again in the component for an outbound call, and expected of it
//!   for an inbound call: the same crash replays clean, a fix is a finding.
//! - **The component is built inside the replay.** [`Replay::setup`] runs
//!   the constructor with the ports live, so its reads are matched and its
//!   divergences reported, not panicked.
//! - **Causal position, not sleeps.** Inbound call *k* is fed once the
//!   component has made every outbound call recorded before it. A
//!   synchronous component must have made them by the time the previous
//!   inbound call returned; for an asynchronous one, the driver waits for
//!   its background tasks, woken by each call they make, up to a settle
//!   timeout.
//! - **The report is stable.** Findings hold the transcript's seq, port and
//!   method, the JSON paths that differ, the expected and actual values and
//!   the events just before, and nothing that changes between runs
//!   (addresses, times, file paths, hash order): a report can be snapshotted.
//! - **Index in one pass, read payloads back when used: bounded memory.**
//!   The transcript is read once with [`reprise_transcript::Reader`], every
//!   line checked, and indexed: per event where its line starts, its seq
//!   and line number (about 2 bytes an event), per call its port and method
//!   (interned), its matching scope and the events of the call and of its
//!   return (16 to 20 bytes), per scope its calls in one flat array. Payloads are
//!   not kept. A payload is read back where it is used, and only the fields
//!   that use needs are decoded: a recorded return straight into the type
//!   the component asks for, recorded arguments into a short-lived value
//!   for the comparison, an inbound call's arguments once when it is fed,
//!   the events before a finding for its context. [`Replay::from_file`]
//!   reads them back from the file through a cache of 16 blocks of 64 KiB
//!   (replay moves through a transcript mostly in order, so one block read
//!   serves hundreds of lines); [`Replay::from_str`] and
//!   [`ReplayBuilder::from_reader`] keep the text in memory instead, and
//!   [`ReplayBuilder::from_events`] (a mutated transcript, held as events)
//!   indexes its events as they are and encodes them into such a text in
//!   memory to read payloads back from: one index, whatever the transcript
//!   comes from. Each
//!   block of the file is hashed while it is indexed and checked when read
//!   back: a file changed after loading is a [`ReplayError::Reread`] naming
//!   the file and the line (inside a drive, an error finding that stops the
//!   replay), never a value the index does not describe. A line laid out
//!   as the recorder writes it gives its payload without being decoded at
//!   all (its fields matched at both ends, the payload parsed strictly);
//!   any other layout is decoded. Measured with
//!   `cargo run --release --example replay_rss -- N` on this 2-core machine
//!   (other builds running): 1M events (185 MB) replay from the file in a
//!   peak RSS of 18.7 MiB (the whole-file loader it replaces: 219 MiB),
//!   5.4M events (1.02 GB) in 76.8 MiB (1169 MiB), at the same time per
//!   event as that loader, load included (2.4 µs at 1M events, 1.9 µs at
//!   5.4M); see benches/README.md.
//! - **A cut-short transcript replays up to its cut.** A recording without
//!   its `end` line (the process died) still loads: every inbound call before
//!   the cut is fed, a call past the cut stops the inbound call quietly, and
//!   the report notes the cut. A bad line is a [`ReplayError`] naming the file
//!   and the line.
//! - **Determinism is checked, not assumed.** [`check_determinism`] replays a
//!   transcript twice and reports the first event where the component did
//!   something different, which points at what it reads without a port.
//!
//! - **Expectations judge what the component does now.** With
//!   [`ReplayBuilder::expectations`], an expectation engine observes the
//!   inbound calls as they are fed, the outbound calls the component makes
//!   (actual arguments), the returns served to it and its actual returns,
//!   in the order they happen; its findings follow the divergences in the
//!   report. Replay has no clock, so events carry their recorded `at_ns`:
//!   latency expectations measure the recording, while counts, patterns,
//!   responses and orderings judge this run. Without expectations nothing
//!   is built and nothing is locked for them.
//!
//! Probes and checkpoints in a transcript are skipped by the driver (and
//! not shown to the replay's expectations: they are not something the
//! component did in this run); `reprise-expect` checks them offline. The
//! probes the component emits *now* reach the expectations through
//! [`Replay::probe`], which its probe hook calls during replay. [`Finding`],
//! [`FindingKind`], [`Candidate`], [`Severity`] and [`Report`] are defined
//! there, below both the recorder and the replayer, so that divergences and
//! failed expectations share one finding type and one report; this crate
//! re-exports them. A sanitized
//! transcript replays like any other; recognising scrubbed values by the
//! header's `sanitizer` section is left to the sanitizer's own work.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod abort;
mod actual;
mod clock;
mod compare;
mod determinism;
mod driver;
mod error;
mod expecting;
mod fallback;
mod findings;
mod inbound;
mod matching;
mod port;
mod positions;
mod probe;
mod recorded;
mod reread;
mod scope;
mod session;
mod store;

pub use clock::{ReplayClock, ReplayEntropy};
pub use determinism::{TranscriptSource, check_determinism, check_determinism_runs};
pub use error::ReplayError;
pub use inbound::Inbound;
pub use matching::Matching;
pub use port::ReplayPort;
pub use reprise_expect::{Candidate, Finding, FindingKind, InboundCall, Report, Severity};
pub use reprise_transcript::Outcome;
pub use session::{Replay, ReplayBuilder};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}
    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn handles_are_send_and_sync_and_the_async_driver_is_send() {
        assert_send_sync::<Replay>();
        assert_send_sync::<ReplayPort>();
        assert_send_sync::<Inbound>();
        assert_send_sync::<Report>();
        let replay = Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")
            .expect("loads");
        let drive = replay.drive_async(|_| async { Ok(Outcome::Ok(serde_json::Value::Null)) });
        assert_send(&drive);
    }
}
