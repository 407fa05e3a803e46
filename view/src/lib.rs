//! Seeing a run: `reprise merge` and `reprise view`.
//!
//! - [`Merge`] puts the transcripts of a cluster's nodes into one causal
//!   timeline: messages are paired send to receive by a [`Correlation`] the
//!   user declares once, clocks are reconciled along those pairs (Lamport
//!   clocks; the nodes' wall clocks are never compared), and every event
//!   keeps its node and original seq (the [`Origin`](reprise_transcript::Origin)
//!   fields, a minor addition to format version 1). Unmatched sends and
//!   receives are listed, never dropped.
//! - [`Timeline`] writes one self-contained HTML page (inline CSS and
//!   JavaScript, no network) of one or more transcripts, merged or not,
//!   with findings of a replay or check report overlaid.
//!
//! # Key design decisions
//!
//! - **Streaming.** Both read their inputs one event at a time: a merge
//!   holds one event per input and the keys of messages in flight; a
//!   timeline writes each event into the page as it reads it. The page, not
//!   the command, holds the whole run.
//! - **The browser lays out.** The page carries the events as compact JSON
//!   records and draws only what is on screen on a canvas, so it stays
//!   responsive with 100,000 events (the tested limit; see [`Timeline`]).
//! - **The page shows what the file holds.** Scrubbed values are shown as
//!   scrubbed, as they are in the file: the page never holds a value the
//!   transcript does not.

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod correlation;
mod error;
mod escape;
mod input;
mod merge;
mod overlay;
mod page;
mod path;
mod record;
mod timeline;

pub use correlation::{Correlation, CorrelationError, Part, Side};
pub use error::{Error, Problem};
pub use input::Input;
pub use merge::{Merge, Summary, Unmatched};
pub use overlay::{Overlay, OverlayFinding};
pub use timeline::{Timeline, ViewSummary};
