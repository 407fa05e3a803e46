//! A probe of a recorded call's process CPU, every thread counted (the
//! sink's writer thread included), without criterion around it: records N
//! outbound calls of the record bench's message through a `FileSink` and
//! prints the CPU time per call, in all and on the recording thread (the
//! rest is the sink's writer thread, mostly the kernel's copy into the
//! page cache, the noisiest part on a shared machine).
//!
//! ```text
//! cargo run --release --example record_cpu -- [CALLS] [FILE]
//! ```
//!
//! CALLS defaults to 2,000,000 and FILE to `record_cpu.jsonl` in the
//! system's temporary directory; the file is deleted afterwards. The calls
//! are recorded in rounds of 100,000, the file emptied between rounds
//! outside the measured time, as the bench does. The
//! bench (`cargo bench --bench record -- cpu/`) compares with the
//! baselines; this probe is for comparing builds of the recorder with each
//! other, run alternately, on a noisy machine.

use std::fs::File;
use std::hint::black_box;
use std::io::Seek;
use std::time::Duration;

use reprise::recorder::{FileSink, Recorder};

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../benches/common/cpu.rs"]
mod cpu;

use cpu::{process_cpu, thread_cpu};

/// Calls recorded between two emptyings of the file (about 33 MB).
const ROUND: u64 = 100_000;

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
    // What `FileSink::builder(path).open()` does, keeping a handle to empty
    // the file between rounds (see `benches/record.rs`: memory the kernel
    // freed seconds ago may have been taken back by the hypervisor, and
    // writing into it again costs 5-8x; an emptied file is written into
    // pages just freed).
    let file = File::create(&path)?;
    let mut emptied = file.try_clone()?;
    let recorder = Recorder::builder("bench")
        .sink(FileSink::builder(&path).open_writer(file)?)
        .start(&())?;
    let network = recorder.port("network");
    let (mut used, mut used_thread) = (Duration::ZERO, Duration::ZERO);
    let mut left = calls;
    while left > 0 {
        let round = left.min(ROUND);
        left -= round;
        recorder.flush()?;
        emptied.set_len(0)?;
        emptied.rewind()?;
        let start = process_cpu();
        let start_thread = thread_cpu();
        for _ in 0..round {
            let _ = network.outbound_result("send", black_box(&msg), || common::send(&msg));
        }
        recorder.flush()?;
        used_thread += thread_cpu().saturating_sub(start_thread);
        used += process_cpu().saturating_sub(start);
    }
    recorder.finish()?;
    std::fs::remove_file(&path)?;
    let per_call = |d: Duration| d.as_nanos() as f64 / calls as f64;
    println!(
        "{calls} recorded calls: {:.0} ns of process CPU per call, {:.0} ns on the recording thread",
        per_call(used),
        per_call(used_thread)
    );
    Ok(())
}
