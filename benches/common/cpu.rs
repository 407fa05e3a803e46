//! Process CPU time, every thread counted, and the calling thread's:
//! shared by `benches/record.rs`, the `record_cpu` example and the
//! sanitizer's linear-time tests (`sanitizer/tests/long_texts.rs`).

use std::time::Duration;

/// The CPU time this process's live threads have used, every thread
/// counted: the sum of each one's run time from `/proc/self/task/*/schedstat`
/// (nanoseconds). The writer threads live for the whole bench, so none of
/// the work measured is lost with an exited thread.
#[allow(dead_code)]
pub fn process_cpu() -> Duration {
    // A thread's run time is brought up to date when it is switched out:
    // sleeping a moment makes the calling thread's exact.
    std::thread::sleep(Duration::from_micros(200));
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(ns)
}

/// The CPU time the calling thread has used (its run time from
/// `/proc/thread-self/schedstat`, nanoseconds): with [`process_cpu`], it
/// tells the recording thread's share from the writer thread's.
#[allow(dead_code)]
pub fn thread_cpu() -> Duration {
    std::thread::sleep(Duration::from_micros(200));
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}
