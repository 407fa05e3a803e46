//! Scrubs the scrub benchmark's transcript once, for counting the
//! instructions the scrub takes with `valgrind --tool=callgrind`, which,
//! unlike a timing on a shared machine, does not depend on the load:
//!
//! ```text
//! cargo build --release -p reprise-sanitizer --example scrub_cpu
//! valgrind --tool=callgrind target/release/examples/scrub_cpu 2
//! ```
//!
//! The argument is the transcript's size in MiB (default 2). The
//! transcript is written before the scrub; compare the count of
//! `scrub_transcript` (its inclusive cost), not the program's total.

#[path = "../../benches/common/transcript.rs"]
mod transcript;

use std::io::Cursor;

use reprise_sanitizer::{Key, Sanitizer};
use reprise_transcript::Reader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let input =
        transcript::write_transcript(Vec::with_capacity((mib << 20) + 4096), (mib as u64) << 20)?;
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"a benchmark key, not secret", "bench")?)
        .build()?;
    let reader = Reader::new(&input[..])?;
    let spool = Cursor::new(Vec::with_capacity(input.len()));
    let mut out = Vec::with_capacity(input.len() + 4096);
    let done = sanitizer.scrub_transcript(reader, spool, &mut out, &mut |_| {})?;
    println!("{} events, {} bytes out", done.events, out.len());
    Ok(())
}
