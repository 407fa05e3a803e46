//! The bounded-memory replay probe: records a transcript of about N events
//! with the real recorder, then replays it from the file against the real
//! component in a fresh process, and prints the replay's peak RSS and its
//! time per event (load included).
//!
//! ```text
//! cargo run --release --example replay_rss -- 1000000            # 185 MB, target ≤ 64 MiB
//! cargo run --release --example replay_rss -- 5400000            # 1.02 GB, target ≤ 100 MiB
//! cargo run --release --example replay_rss -- 1000000 --in-memory  # Replay::from_str, for comparison
//! ```
//!
//! Measured on the 2-core development machine (benches/README.md has the
//! table): 18.7 MiB and 2.4 µs per event for 1M events, 76.8 MiB and 1.9 µs
//! for 5.4M. The same probe built before bounded-memory replay (commit
//! `f4d3810`) peaked at 219 MiB and 1169 MiB at the same time per event.
//!
//! The transcript is written to `target/reprise-demo/replay_rss/N.jsonl`
//! and reused by later runs with the same N (delete it to record again).
//! The replay runs in a child process (this program with `--replay`), so
//! its peak RSS (`VmHWM` in `/proc/self/status`) is the replay's alone, not
//! the recording's.
//!
//! The component ([`component`]) is a versioned key-value service: each
//! inbound `put` reads the clock, reads the key's record from storage and
//! writes the new one; each `get` reads it. Its own memory does not grow
//! with the transcript, so what grows is the replayer's.

mod component;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use component::{ApiDispatcher, RecordedApi, RecordedStorage, ReplayStorage, Service, Table};
use reprise::recorder::{FileSink, RecordedClock, Recorder, SystemClock};
use reprise::replayer::{Replay, ReplayClock};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--replay") {
        let path = PathBuf::from(args.get(1).ok_or("--replay PATH [--in-memory]")?);
        return replay(&path, args.iter().any(|a| a == "--in-memory"));
    }
    let events: u64 = match args.first() {
        Some(n) => n
            .parse()
            .map_err(|_| format!("not a number of events: {n}"))?,
        None => 1_000_000,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("reprise-demo")
        .join("replay_rss");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{events}.jsonl"));
    if !path.exists() {
        let started = Instant::now();
        let written = record(&path, events)?;
        println!(
            "recorded {written} events to {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut child = Command::new(std::env::current_exe()?);
    child.arg("--replay").arg(&path);
    if args.iter().any(|a| a == "--in-memory") {
        child.arg("--in-memory");
    }
    let status = child.status()?;
    if !status.success() {
        return Err(format!("the replay failed: {status}").into());
    }
    Ok(())
}

/// Records the service handling `put`s and `get`s until about `events`
/// events are written; returns how many were.
fn record(path: &Path, events: u64) -> Result<u64, Box<dyn Error>> {
    let recorder = Recorder::builder(component::COMPONENT)
        .sink(FileSink::builder(path).open()?)
        .start(&serde_json::json!({"keys": 0}))?;
    let service = Service::new(
        RecordedStorage::new(Table::default(), &recorder),
        Box::new(RecordedClock::new(SystemClock, &recorder)),
    );
    let mut api = RecordedApi::new(service, &recorder);
    // A put is 8 events (in, clock, read, write, and their returns), a get 4.
    let mut i = 0u64;
    while i * 6 < events {
        component::workload(&mut api, i);
        i += 1;
    }
    drop(api);
    Ok(recorder.finish()?.events)
}

/// Replays the transcript at `path` (from the file, or loaded into a string
/// with `in_memory`), and prints the peak RSS and the time per event.
fn replay(path: &Path, in_memory: bool) -> Result<(), Box<dyn Error>> {
    let size = std::fs::metadata(path)?.len();
    let started = Instant::now();
    let replay = if in_memory {
        Replay::from_str(&std::fs::read_to_string(path)?)?
    } else {
        Replay::from_file(path)?
    };
    let loaded = started.elapsed();
    let mut service = Service::new(
        ReplayStorage::new(&replay),
        Box::new(ReplayClock::new(&replay)),
    );
    let report = replay.drive(|call| ApiDispatcher::dispatch(&mut service, call));
    let total = started.elapsed();
    if !report.is_clean() {
        return Err(format!("the replay diverged:\n{}", report.to_text()).into());
    }
    let events = events_in(path)?;
    println!(
        "replayed {events} events ({:.0} MB) {}: peak RSS {:.1} MiB, {:.2} µs per event ({:.2} s, load {:.2} s), {} inbound calls fed",
        size as f64 / 1e6,
        if in_memory {
            "from a string"
        } else {
            "from the file"
        },
        peak_rss_kib()? as f64 / 1024.0,
        total.as_secs_f64() * 1e6 / events as f64,
        total.as_secs_f64(),
        loaded.as_secs_f64(),
        report.counts().0,
    );
    Ok(())
}

/// The event count the transcript's `end` line gives.
fn events_in(path: &Path) -> Result<u64, Box<dyn Error>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(200)))?;
    let mut tail = String::new();
    file.read_to_string(&mut tail)?;
    let end = tail.lines().last().ok_or("empty transcript")?;
    let end: serde_json::Value = serde_json::from_str(end)?;
    end["events"].as_u64().ok_or_else(|| "no `end` line".into())
}

/// The process's peak resident set size, in KiB (`VmHWM`).
fn peak_rss_kib() -> Result<u64, Box<dyn Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .ok_or("no VmHWM in /proc/self/status")?;
    let kib = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim();
    Ok(kib.parse()?)
}
