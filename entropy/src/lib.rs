//! Entropy creators for reprise: from one real transcript to many
//! disordered ones, and from a failing one to the smallest that still fails.
//!
//! reprise holds *real* traffic, which makes a far better seed for fuzzing
//! than anything generated from nothing. This crate (re-exported as
//! `reprise::entropy`) mutates a recorded transcript with proptest
//! strategies, replays each mutation tolerantly against the real component,
//! judges it by the expectations, panics and the component's own checks,
//! writes every failure as an ordinary transcript, and cuts a failing
//! transcript down by delta debugging.
//!
//! ```
//! use reprise::entropy::{Campaign, MutationConfig, Transcript, judge, tolerant};
//! use reprise::replayer::{Outcome, Replay};
//!
//! // A counter that must never see `reset` twice in a row.
//! let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"counter"}
//! {"seq":0,"kind":"call","dir":"in","port":"api","method":"reset","args":{}}
//! {"seq":1,"kind":"return","call":0,"ok":null}
//! {"seq":2,"kind":"call","dir":"in","port":"api","method":"add","args":{"n":2}}
//! {"seq":3,"kind":"return","call":2,"ok":null}
//! {"kind":"end","events":4,"dropped":0}
//! "#)?;
//! let report = Campaign::new(&source)
//!     .mutations(MutationConfig::delivery())
//!     .cases(64)
//!     .seed(7)
//!     .quiet()
//!     .run(|case| {
//!         let replay = case.replay(tolerant(Replay::builder()))?;
//!         let mut last = String::new();
//!         let report = replay.drive(|call| {
//!             assert!(!(last == "reset" && call.method() == "reset"), "reset twice");
//!             last = call.method().to_owned();
//!             Ok(Outcome::ok(&())?)
//!         });
//!         Ok(judge(&replay, &report))
//!     })?;
//! let found = report.failure.expect("a duplicated reset");
//! assert_eq!(found.mutations, [reprise::entropy::Mutation::Duplicate { call: 0 }]);
//! assert!(found.reason.contains("reset twice"));
//! # Ok::<(), reprise::entropy::EntropyError>(())
//! ```
//!
//! # Key design decisions
//!
//! - **Mutations act on inbound calls with everything they caused.** An
//!   inbound call, the outbound calls made inside it (by `parent` links, or
//!   by position in a transcript without them), their returns and its own
//!   return form one block: [`Mutation::Drop`], [`Mutation::Duplicate`],
//!   [`Mutation::Reorder`] and [`Mutation::Delay`] move blocks, never
//!   split them; [`Mutation::Fail`] and [`Mutation::Perturb`] change one
//!   payload. A block moves only among blocks of its `task`, never across a
//!   checkpoint and never past a call it depends on
//!   ([`MutationConfig::causal`] declares what the transcript does not
//!   record). Seqs are renumbered and `at_ns` never runs backwards (a
//!   moved block keeps its own latencies), so a mutated transcript is an
//!   ordinary one.
//! - **Shrinking is proptest's.** [`mutations`] is a strategy of up to N
//!   mutations; proptest shrinks the list toward empty (the source) and
//!   each mutation toward a smaller one, so a campaign's counterexample is
//!   already small, and every strategy shrinks toward the original.
//! - **Tolerant replay keeps a campaign going.** A mutated input makes the
//!   component behave differently; the replayer's tolerant mode
//!   ([`tolerant`], `ReplayBuilder::tolerant`) passes over divergences and
//!   serves unmatched calls from a per-port model (`ReplayBuilder::model`),
//!   by arguments (query-style), or from the nearest recorded call of the
//!   method. What is judged ([`judge`]) is panics and failed expectations
//!   (graded by the `fuzz` profile, [`fuzz_graded`]), plus whatever the
//!   caller's check adds (a node's own invariant error).
//! - **A case costs about a plain replay.** A case is replayed from the
//!   mutated events in memory ([`Case::replay`], [`Transcript::replay`],
//!   `ReplayBuilder::from_events`): never written out and parsed back.
//!   What the component did is captured on the final run of a shrunk
//!   failing case only, the one whose transcript is written
//!   ([`Case::final_run`]). `cargo bench --bench entropy` holds the ratio.
//! - **Every failure is a transcript.** A failing case is written as what
//!   the component did in it (the replay's actual transcript: the mutated
//!   inputs, its actual outbound calls with what was served, its actual
//!   returns), with the mutations and seed in the header `meta` under
//!   `entropy`, and scrubbed with the source's sanitizer settings (through
//!   `reprise::testing::accept_bytes`, in memory, so nothing unscrubbed
//!   is ever written). It replays strictly, clean against the
//!   build that failed: a regression test as it stands.
//! - **Seeds are explicit and per case.** A campaign's seed comes from
//!   [`Campaign::seed`], else [`SEED_ENV`] (`REPRISE_SEED`), else the clock;
//!   case 0 runs with the campaign's seed itself and case *i* with a seed
//!   derived from it, so `REPRISE_SEED=<case seed> PROPTEST_CASES=1` reruns
//!   one failing case alone; the report prints that command. The number of
//!   cases comes from [`Campaign::cases`], else `PROPTEST_CASES`, else 64.
//!   A campaign is an ordinary test, so `cargo nextest run --partition`
//!   shards campaigns as it shards any test.
//! - **The rerun command is guessed from what is running.** The package is
//!   `CARGO_PKG_NAME`, which cargo (and nextest) set for the binaries they
//!   run; the target comes from the binary's path: `target/*/deps/NAME-HASH`
//!   is `--lib` when `NAME` is the package's crate name and `--test NAME`
//!   otherwise, `target/*/examples/NAME` is `cargo run --example NAME`, a
//!   doc test is `--doc`; the test is the running thread's name (or
//!   [`Campaign::name`]), passed with `--exact`. A campaign in a bench or in
//!   a binary's unit tests gets `--test NAME`, which is wrong there; a
//!   binary run without cargo gets no `-p`. A seed given in code
//!   ([`Campaign::seed`]) wins over `REPRISE_SEED`, so such a campaign's
//!   command reruns it whole, up to the same failing case.
//! - **A failing case's panic is printed once.** Shrinking reruns it many
//!   times; while a campaign shrinks, a panic hook (installed for the
//!   campaign, shared by campaigns running in parallel, the previous hook
//!   restored when the last one ends) keeps those reruns' panics on the
//!   campaign's thread from being printed. Panics elsewhere print as always.
//! - **Minimization is delta debugging with a budget.** [`minimize`] runs
//!   ddmin over the inbound calls (as blocks), then the checkpoints, then
//!   payload fields (dropping object members and array items), keeping
//!   every step for which the caller's predicate still holds, within a
//!   [`Budget`] of runs and time. A cut-short transcript stays cut short
//!   and a flight-recorder dump keeps the checkpoint it starts from.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod campaign;
mod error;
mod judge;
mod layout;
mod minimize;
mod mutation;
mod perturb;
mod quiet;
mod seed;
mod strategy;
mod transcript;
mod write;

pub use campaign::{Campaign, CampaignReport, Case, DEFAULT_CASES, Found};
pub use error::EntropyError;
pub use judge::{Verdict, fuzz_graded, judge, tolerant};
pub use minimize::{Budget, Minimized, Removal, minimize, minimize_within};
pub use mutation::Mutation;
pub use seed::SEED_ENV;
pub use strategy::{Mutated, MutationConfig, MutationKind, TIMEOUT, mutations};
pub use transcript::Transcript;
