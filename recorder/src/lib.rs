//! The reprise recorder: writes a component's boundary to a transcript.
//!
//! A [`Recorder`] writes one transcript (see `reprise_transcript::Writer` for
//! the format): a header, the component's initial state, then every call
//! that crosses the boundary through a recording [`Port`], with its return,
//! plus probes and checkpoints. The clock and randomness are boundaries too:
//! take them through the [`Clock`] and [`Entropy`] traits and record them
//! with [`RecordedClock`] and [`RecordedEntropy`].
//!
//! ```
//! use reprise::recorder::{FileSink, Overflow, Recorder};
//! use serde_json::json;
//! use std::time::Duration;
//!
//! let dir = tempfile::tempdir()?;
//! let recorder = Recorder::builder("kv-node")
//!     .meta("version", "1.2.0")
//!     .sink(FileSink::builder(dir.path().join("kv-node.jsonl"))
//!         .flush_interval(Duration::from_millis(100))
//!         .queue_capacity(8192)
//!         .overflow(Overflow::Block)
//!         .open()?)
//!     .start(&json!({"keys": 0}))?;
//! let (api, network) = (recorder.port("api"), recorder.port("network"));
//!
//! let reply = api.inbound("on_message", &json!({"from": 1, "msg": "put a"}), || {
//!     network.outbound("send", &json!({"to": 2, "msg": "ack"}), || ());
//!     "ok"
//! });
//! recorder.probe("queue.depth", &json!({"len": 0}));
//! let summary = recorder.finish()?;
//! assert_eq!((reply, summary.events, summary.dropped), ("ok", 6, 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Key design decisions
//!
//! - **Encoding on the calling thread, outside any lock.** A call's
//!   arguments and return value are serialised by the thread that makes the
//!   call, straight into a reusable thread-local buffer, so the component's
//!   values are only borrowed, never cloned or sent anywhere, and threads
//!   serialise in parallel. In steady state recording allocates nothing.
//!   The payload is written by the transcript crate's compact JSON serializer,
//!   which writes serde_json's exact bytes but copies a string needing no
//!   escape whole (serde_json looks at each byte of every string in turn);
//!   serde_json itself writes what that serializer leaves to it: floats,
//!   strings to escape, serde's private types, unusual map keys, failures.
//! - **One short critical section gives the order.** Under a mutex the
//!   recorder assigns the `seq` and `at_ns` and hands the line to the
//!   [`Sink`] in parts ([`Sink::write_parts`]: its start, `seq`, the fields
//!   drafted outside the lock, `at_ns`, the rest), which [`FileSink`]
//!   copies straight into its queue: the drafted line is copied once. So
//!   `seq` is unique, gap-free and increasing in file order whatever the
//!   number of threads, `at_ns` never goes backwards along the file, and
//!   per-thread order is preserved.
//! - **`at_ns` from the CPU's time-stamp counter.** The clock is read once
//!   per line, in the critical section: through `quanta` (the TSC where the
//!   CPU says it is invariant, scaled to nanoseconds; the OS's monotonic
//!   clock otherwise), about 10 ns a reading against 34 for
//!   `Instant::elapsed` on the machine measured, where the clock had been
//!   12-15 % of a recorded call's CPU. Each reading is raised to the one
//!   before if a core's counter lags, so `at_ns` stays non-decreasing in
//!   `seq` order; the watchdog's deadlines read the same clock. The first
//!   recorder of a process calibrates it, about 0.6 ms.
//! - **Writing on a background thread.** [`FileSink`] queues the encoded
//!   lines and a writer thread writes them in large batches, handing them to
//!   the OS at least every flush interval, on [`Recorder::flush`] and on
//!   finish: a process that is killed loses at most the last interval, and a
//!   reader returns everything before the cut. A recording thread wakes the
//!   writer thread only when it sleeps and a batch (1 MiB, or half the
//!   queue) is ready, not per line: a wake-up is a system call and a
//!   context switch.
//! - **The durability promise.** By default ([`Durability::Os`]) a line
//!   counts as written once the OS has it: it survives the process being
//!   killed or crashing (at most the last flush interval is lost), not a
//!   power loss or kernel crash, which may lose what the OS had not yet
//!   written back. With [`Durability::Disk`] each batch is synced to the
//!   disk before it counts, so a power loss loses at most the batch being
//!   written; [`Recorder::flush`] then returns once everything recorded is
//!   on disk.
//! - **Overflow is explicit; no silent loss.** The queue is bounded. By
//!   default ([`Overflow::Block`]) a full queue (8192 lines or 32 MiB) makes
//!   the recording thread wait; with [`Overflow::DropAndCount`] the event is
//!   dropped, its `seq` left as a gap, and the count written in the `end`
//!   line's `dropped`; [`Overflow::BlockUpTo`] waits up to a bound, then
//!   drops and counts.
//!   A value whose `Serialize` impl fails is recorded as
//!   `{"$unserializable": "<error>"}` and counted; I/O errors are kept. All
//!   of it is reported by [`Recorder::finish`] in the [`Summary`] or as an
//!   error; none of it ever breaks the component.
//! - **Causality without instrumentation.** A call's `parent` is the call
//!   running on this thread, or inside the future being polled, when it
//!   starts; its `task` is the innermost [`task::scope`] / [`task::in_task`].
//!   Both follow a future across threads because they are set per poll.
//!
//! - **Scrubbing before encoding, not in a sink.** With
//!   [`RecorderBuilder::sanitizer`] (or [`RecorderBuilder::sanitizer_rules`])
//!   every payload (call arguments, `ok`/`err`, states, probe fields, the
//!   header's `meta`) is serialised to a `serde_json::Value`, scrubbed by
//!   `reprise_sanitizer::Sanitizer::scrub_value` on the calling thread, then
//!   encoded. Scrubbing at that one choke point, rather than in a wrapping
//!   sink that would re-parse each line, covers every sink and every path
//!   that writes (flush, finish, finish on drop) and keeps the line format
//!   defined once. Without a sanitizer the payload is serialised straight
//!   into place as before: the option costs one branch. With one, values go
//!   through `Value`, so an `f32` is written as the `f64` it widens to and an
//!   integer beyond `u64`/`i64` becomes an unserialisable placeholder.
//! - **No recording in the clear.** A rules file that cannot be read or
//!   parsed, or an unusable key, makes [`RecorderBuilder::start`] fail with
//!   [`RecordError::Sanitizer`] before anything is written.
//! - **The report is split.** The header, written first, gets the active
//!   rules in its `sanitizer` section; the complete report (paths, rules,
//!   actions, counts, never a value) goes in the `end` line's `sanitizer`
//!   field, known only at the end. A transcript cut short has only the
//!   header's section; `reprise verify` then reports pseudonyms shaped like
//!   cards or IPv4 addresses as findings, erring on the safe side.
//!
//! - **Live expectations, flight recorder, actions: one `Option` check.**
//!   With [`RecorderBuilder::expectations`] or
//!   [`RecorderBuilder::flight_recorder`], the critical section hands each
//!   assembled (already scrubbed) line to them, in seq order: the flight
//!   recorder copies it into a byte-bounded ring after the latest `state`
//!   line; the engine's backlog gets the event's names and the payload's
//!   JSON text as written (a copy, no parsing). Without either, that is one
//!   `None` check.
//! - **Evaluation off the component's threads.** A watchdog thread (only
//!   with expectations; every [`DEFAULT_WATCHDOG_INTERVAL`] by default, or
//!   sooner when 1,024 events wait) evaluates the backlog, fires deadlines,
//!   so a call that never returns fails while still blocked, and runs the
//!   [`Action`]s on new failures within their [`Budget`], also for failures
//!   found only at [`Recorder::finish`] (a `must` never met). Past 16,384
//!   waiting events a recording thread evaluates them itself: the backlog
//!   is bounded. [`Recorder::findings`] evaluates what waits first. A dump
//!   keeps the events' seq (the replayer accepts gaps) and takes the
//!   checkpoint as its initial state; a checkpoint request
//!   ([`Action::Checkpoint`]) is a flag the component polls
//!   ([`Recorder::checkpoint_requested`]) at a safe point of its own.
//! - **Latency under contention.** Every event passes one short critical
//!   section (seq, `at_ns`, the line's copy into the sink's queue), so threads
//!   recording at once queue for it. Measured by `cargo bench --bench
//!   contention` (64 threads on a 2-core machine, each recording no-op calls
//!   as fast as it can): the bound kept is a recorded call's p99 of at most
//!   15 µs (2.8 to 10.8 µs measured). p99.9, the maximum and fairness between
//!   threads are not bounded yet: a thread descheduled inside the critical
//!   section holds the others up, and the lock does not serve them in
//!   order; benches/README.md has the figures and the ring design tried.
//!
//! # Where the crate stops
//!
//! A dump on failure waits up to [`DUMP_WAIT`] for the calls in flight to
//! return; one still running then (a hung call) ends the dump without its
//! return, and replay stops there and says so. A checkpoint request needs the
//! component's cooperation: one that never polls never answers.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod action;
mod backlog;
pub mod bytes;
mod clock;
mod encode;
mod entropy;
mod error;
mod finite;
mod flight;
mod live;
mod port;
mod recorder;
mod sink;
pub mod task;
mod timestamp;

pub use action::{Action, Budget};
pub use clock::{Clock, RecordedClock, SystemClock};
pub use entropy::{Entropy, RecordedEntropy, SeededEntropy, SystemEntropy};
pub use error::RecordError;
pub use flight::Dump;
pub use live::{DEFAULT_WATCHDOG_INTERVAL, DUMP_WAIT};
pub use port::{CallGuard, PendingCall, Port};
pub use recorder::{Recorder, RecorderBuilder, Summary};
pub use reprise_transcript::Direction;
pub use sink::{
    Delivery, Durability, FileSink, FileSinkBuilder, LineKind, MemorySink, Overflow, Sink,
};
