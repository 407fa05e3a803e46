//! Scrubs the `scrub` bench's transcript once, on one thread, with the
//! default rules: a fixed amount of work for comparing builds of the
//! sanitizer by instruction count, which a shared machine's load does not
//! move.
//!
//! ```text
//! cargo build --release --example scrub_once
//! valgrind --tool=callgrind target/release/examples/scrub_once [MiB]
//! ```
//!
//! The transcript (`benches/common/transcript.rs`, 8 MiB unless told) is
//! written in memory first; to count the scrub alone, compare with a run
//! given `0` as a second argument, which writes it and does not scrub it.

use std::hint::black_box;
use std::io::Cursor;

use reprise::sanitizer::{Key, Sanitizer};
use reprise::transcript::Reader;

#[path = "../benches/common/transcript.rs"]
mod transcript;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mib: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let scrub = args.next().is_none_or(|a| a != "0");
    let input =
        transcript::write_transcript(Vec::with_capacity((mib + 1) << 20), (mib as u64) << 20)?;
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"a benchmark key, not secret", "bench")?)
        .build()?;
    if scrub {
        let mut out = Vec::with_capacity(input.len() + 4096);
        let reader = Reader::new(&input[..])?;
        let spool = Cursor::new(Vec::with_capacity(input.len()));
        let done = sanitizer.scrub_transcript(reader, spool, &mut out, &mut |_| {})?;
        black_box((done.events, out.len()));
    }
    black_box(input.len());
    Ok(())
}
