//! Scrubs the scrub benchmark's transcript, for counting the instructions
//! the scrub takes with `valgrind --tool=callgrind`, which, unlike a
//! timing on a shared machine, does not depend on the load:
//!
//! ```text
//! cargo build --release -p reprise-sanitizer --example scrub_cpu
//! valgrind --tool=callgrind --toggle-collect='scrub_cpu::measured' \
//!     target/release/examples/scrub_cpu 2
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep scrub_cpu::measured
//! ```
//!
//! The first argument is the transcript's size in MiB (default 2). The
//! transcript is written, and scrubbed once to warm the regexes' lazy
//! DFAs (as the benchmark's repeated samples do), before the scrub that is
//! measured: with `--toggle-collect` as above, only the
//! function `scrub_cpu::measured` is counted.
//!
//! A second argument `N` also times, on this thread's CPU clock, the
//! benchmark's baseline (serde_json parse and re-serialise of each line)
//! and the scrub, best of `N` rounds each, alternating, and prints their
//! ratio: the `cargo bench --bench scrub` target, quicker to read.

#[path = "../../benches/common/transcript.rs"]
mod transcript;

use std::io::{BufRead, Cursor};
use std::time::Duration;

use reprise_sanitizer::{Key, Sanitizer};
use reprise_transcript::Reader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mib: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2);
    let rounds: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let input =
        transcript::write_transcript(Vec::with_capacity((mib << 20) + 4096), (mib as u64) << 20)?;
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"a benchmark key, not secret", "bench")?)
        .build()?;
    warm_up(&sanitizer, &input)?;
    let Some(rounds) = rounds else {
        let (events, bytes) = measured(&sanitizer, &input)?;
        println!("{events} events, {bytes} bytes out");
        return Ok(());
    };
    let (mut serde_best, mut scrub_best) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let start = thread_cpu();
        roundtrip(&input)?;
        serde_best = serde_best.min(thread_cpu() - start);
        let start = thread_cpu();
        measured(&sanitizer, &input)?;
        scrub_best = scrub_best.min(thread_cpu() - start);
    }
    println!(
        "best of {rounds}: scrub {:.1} ms, serde_json roundtrip {:.1} ms: {:.3}x",
        scrub_best.as_secs_f64() * 1e3,
        serde_best.as_secs_f64() * 1e3,
        serde_best.as_secs_f64() / scrub_best.as_secs_f64()
    );
    Ok(())
}

/// One scrub of `input` on this thread: events and bytes written.
#[inline(never)]
fn measured(
    sanitizer: &Sanitizer,
    input: &[u8],
) -> Result<(u64, usize), Box<dyn std::error::Error>> {
    let reader = Reader::new(input)?;
    let spool = Cursor::new(Vec::with_capacity(input.len()));
    let mut out = Vec::with_capacity(input.len() + 4096);
    let done = sanitizer.scrub_transcript_on(1, reader, spool, &mut out, &mut |_| {})?;
    Ok((done.events, out.len()))
}

/// A scrub before the measured one, outside it (through
/// `scrub_transcript`, so that the two are not folded into one function).
fn warm_up(sanitizer: &Sanitizer, input: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    sanitizer.scrub_transcript(
        Reader::new(input)?,
        Cursor::new(Vec::new()),
        &mut out,
        &mut |_| {},
    )?;
    Ok(())
}

/// The benchmark's baseline: each line parsed into a `Value` and written.
#[inline(never)]
fn roundtrip(input: &[u8]) -> Result<usize, Box<dyn std::error::Error>> {
    let mut out = Vec::with_capacity(input.len() + 4096);
    for line in input.lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        serde_json::to_writer(&mut out, &value)?;
        out.push(b'\n');
    }
    Ok(out.len())
}

/// The CPU time this thread has used (`/proc/thread-self/schedstat`).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}
