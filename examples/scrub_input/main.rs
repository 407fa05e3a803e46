//! Writes the scrub benchmark's transcript, at any size, for timing
//! `reprise scrub` on a large file:
//!
//! ```text
//! cargo run --release --example scrub_input -- /tmp/big.jsonl 1024
//! reprise scrub /tmp/big.jsonl -o /tmp/big.scrubbed.jsonl
//! ```
//!
//! The second argument is the size in MiB (default 1024).

#[path = "../../benches/common/transcript.rs"]
mod transcript;

use std::fs::File;
use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: scrub_input FILE [MiB]");
        std::process::exit(2);
    };
    let mib: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1024);
    let out = BufWriter::with_capacity(1 << 20, File::create(&path)?);
    let mut out = transcript::write_transcript(out, mib << 20)?;
    out.flush()
}
