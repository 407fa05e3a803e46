//! The reprise test workflow: what a replay test does with its transcript,
//! pending transcripts and their review, structural diffs, and one test
//! per recording. The facade re-exports it as `reprise::testing`.
//!
//! - **Modes** ([`Mode`]), chosen by `REPRISE_MODE` or bound in code for a
//!   scope ([`Mode::bind`]): `replay` (the default: a missing transcript is
//!   an error naming it and how to record it), `record` (run against the
//!   real dependencies and write the transcript), `auto` (replay what
//!   exists, record what does not), `update` (replay, and write what the
//!   component actually did as a pending `<name>.jsonl.new` beside the
//!   transcript). When `CI` is set every mode is `replay` and nothing is
//!   written ([`is_ci`]). [`Mode::plan`] turns the mode and a transcript's
//!   path into what the test does: a [`Plan`].
//! - **Pending transcripts**: [`write_pending`] writes an update beside its
//!   transcript (unless it is equivalent), [`find_pending`] lists them,
//!   [`accept`] writes one over its transcript, atomically and scrubbed with
//!   the transcript's own sanitizer settings, and [`reject`] removes it.
//!   `reprise pending`, `reprise review`, `reprise accept` and `reprise
//!   reject` are these functions on the command line.
//! - **Structural diffs** ([`diff`], [`Outline`], [`Diff`]): two
//!   transcripts aligned by inbound call, then by port and method, compared
//!   as JSON; each difference names its JSON paths. `reprise diff` and
//!   `reprise review` print them.
//! - **One test per recording** (feature `harness`, on in the facade by
//!   default): [`recordings`] makes a libtest-mimic trial of every
//!   `*.jsonl` under a folder, named after the file.
//!
//! # Key design decision: update mode writes through one function
//!
//! Only the replayer knows what the component actually did; this crate
//! knows where it goes and what may be written. So the replayer produces
//! the actual transcript as bytes (the transcript's header, the recorded
//! inputs, the component's actual outputs) and hands them to
//! [`write_pending`] (or [`Recording::write_pending`]), which refuses in
//! CI, writes nothing when the update is equivalent, and never touches the
//! transcript itself. Scrubbing happens when the update is accepted, with
//! the transcript's recorded settings, so a pending file is a local,
//! reviewable artefact (`*.jsonl.new` is in `.gitignore`) and what is
//! committed is always scrubbed as the transcript was.
//!
//! ```
//! use reprise::testing::{AcceptOptions, Mode, Plan, accept, diff_files, DiffOptions};
//! let dir = tempfile::tempdir()?;
//! let transcript = dir.path().join("kv.jsonl");
//! let recorded = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n\
//!                 {\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"get\",\"args\":{},\"at_ns\":1}\n\
//!                 {\"kind\":\"return\",\"seq\":1,\"call\":0,\"ok\":1,\"at_ns\":2}\n";
//! std::fs::write(&transcript, recorded)?;
//! assert_eq!(Mode::Update.plan_for(&transcript, false)?, Plan::Update);
//!
//! // What the replayer would hand to `write_pending` in update mode:
//! let pending = dir.path().join("kv.jsonl.new");
//! std::fs::write(&pending, recorded.replace("\"ok\":1", "\"ok\":2"))?;
//! let diff = diff_files(&transcript, &pending, &DiffOptions::new())?;
//! assert_eq!(diff.first().unwrap().to_string(), "return differs: inbound call #1 api.get (a: seq 0, b: seq 0) at $.ok");
//!
//! accept(&pending, &AcceptOptions::new())?;
//! assert!(std::fs::read_to_string(&transcript)?.contains("\"ok\":2"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(not(test), warn(clippy::unwrap_used))]
// The crate docs link to the harness, which exists with its feature only.
#![cfg_attr(not(feature = "harness"), allow(rustdoc::broken_intra_doc_links))]

mod diff;
mod error;
#[cfg(feature = "harness")]
mod harness;
mod mode;
mod paths;
mod pending;
mod rescrub;

pub use diff::{
    Diff, DiffOptions, Difference, DifferenceKind, Inbound, Outline, PathDifference, diff,
    diff_files,
};
pub use error::Error;
#[cfg(feature = "harness")]
pub use harness::{
    Arguments, Conclusion, Failed, Recording, Recordings, Trial, recordings, run_trials,
};
pub use mode::{CI_ENV, MODE_ENV, Mode, ModeError, ModeGuard, Plan, is_ci};
pub use paths::{
    PENDING_SUFFIX, find_pending, find_transcripts, pending_in, pending_path, transcript_path,
};
pub use pending::{Accepted, PendingWrite, accept, accept_bytes, reject, write_pending};
pub use rescrub::AcceptOptions;
