//! A probe of a recorded call's process CPU, every thread counted (the
//! sink's writer thread included), without criterion around it: records N
//! outbound calls of the record bench's message through a `FileSink` and
//! prints the CPU time per call.
//!
//! ```text
//! cargo run --release --example record_cpu -- [CALLS] [FILE]
//! ```
//!
//! CALLS defaults to 2,000,000 and FILE to `record_cpu.jsonl` in the
//! system's temporary directory; the file is deleted afterwards. The
//! bench (`cargo bench --bench record -- cpu/`) compares with the
//! baselines; this probe is for comparing builds of the recorder with each
//! other, run alternately, on a noisy machine.

use std::hint::black_box;

use reprise::recorder::{FileSink, Recorder};

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../benches/common/cpu.rs"]
mod cpu;

use cpu::process_cpu;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let calls: u64 = match args.next() {
        Some(n) => n.parse()?,
        None => 2_000_000,
    };
    let path = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("record_cpu.jsonl"));
    let msg = common::message();
    let recorder = Recorder::builder("bench")
        .sink(FileSink::builder(&path).open()?)
        .start(&())?;
    let network = recorder.port("network");
    let start = process_cpu();
    for _ in 0..calls {
        let _ = network.outbound_result("send", black_box(&msg), || common::send(&msg));
    }
    recorder.flush()?;
    let used = process_cpu().saturating_sub(start);
    recorder.finish()?;
    std::fs::remove_file(&path)?;
    println!(
        "{calls} recorded calls: {:.0} ns of process CPU per call",
        used.as_nanos() as f64 / calls as f64
    );
    Ok(())
}
