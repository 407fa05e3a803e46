//! The reprise transcript format: what a recording is, on disk and in memory.
//!
//! A transcript is one recording of a component's boundary: a header, the
//! component's initial state, every call across the boundary with its return,
//! probes and checkpoints, and a closing `end` line. The format is JSON Lines
//! so that a person can read it with `less`, query it with `jq`, and a program
//! can stream it. [`Writer`] documents every field.
//!
//! # Who should depend on this crate
//!
//! This crate is to reprise what `tracing-core` is to `tracing`: small, light
//! on dependencies (serde, serde_json, thiserror), and slow to change. Depend
//! on it directly to read or write transcripts from a tool of your own;
//! applications that record or replay a component depend on the `reprise`
//! facade instead.
//!
//! # Key design decisions
//!
//! - **No I/O of its own.** [`Reader`] and [`Writer`] work over any
//!   `io::Read` / `io::Write`; opening files, naming them in errors and
//!   threads belong to the crates above.
//! - **Streaming, bounded memory.** The reader yields one event at a time and
//!   caps the length of a line, so a multi-gigabyte or hostile transcript is
//!   read in bounded memory and never hangs.
//! - **A cut-short recording is not an error.** A process that dies mid-write
//!   leaves a transcript without `end`, perhaps with a torn last line; the
//!   reader returns every complete event and reports the cut in [`Ending`].
//!   A bad line in the middle is an error naming its line number.
//! - **Payloads are generic for writing, `Value` for reading**, so a writer
//!   serialises borrowed data of any type without building a `Value` first.
//!
//! ```
//! use reprise::transcript::{Call, Direction, Event, Header, Reader, Writer};
//! let mut writer = Writer::new(Vec::new());
//! writer.header(&Header::new("kv-node", "2026-11-22T10:00:00Z", "0.1.0"))?;
//! writer.event(&Event::Call(Call {
//!     seq: 0, dir: Direction::Out, port: "network".into(), method: "send".into(),
//!     args: serde_json::json!({"to": 2}), at_ns: 1900, parent: None, task: Some("main".into()),
//! }))?;
//! let bytes = writer.end(0)?;
//!
//! let mut reader = Reader::new(&bytes[..])?;
//! let Some(Ok(Event::Call(call))) = reader.next() else { panic!("a call") };
//! assert_eq!((call.port.as_str(), call.method.as_str()), ("network", "send"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod diff;
mod error;
mod event;
#[doc(hidden)]
pub mod json;
mod line;
mod origin;
mod path;
mod reader;
mod split;
mod writer;

pub use diff::{DiffLine, diff_lines};
pub use error::{ReadError, json_error_message};
pub use event::{
    Call, Direction, End, Event, FORMAT_VERSION, Header, Outcome, Probe, Return, State,
};
pub use origin::Origin;
pub use path::{JsonPath, Matcher, Selector, SelectorError, SelectorStep, Step, diff_paths};
pub use reader::{DEFAULT_MAX_LINE, Ending, Reader};
pub use split::{Decoded, LineAt, Verdict, decode_line};
pub use writer::{Writer, encode_line};
