//! Hostile transcripts for replay: a real recording damaged at random. A
//! transcript either loads or is an error naming the file and line; one that
//! loads is driven to its end without a panic escaping, whatever it holds.

use proptest::prelude::*;
use reprise_replayer::{Outcome, Replay};

const RECORDING: &str = include_str!("../../tests/recordings/consensus-view-change-race.jsonl");

fn damage(text: &str, at: prop::sample::Index, cut: usize, with: &[u8]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let i = at.index(bytes.len());
    let end = (i + cut).min(bytes.len());
    bytes.splice(i..end, with.iter().copied());
    bytes
}

proptest! {
    // Brief in `cargo test`; longer on demand with PROPTEST_CASES=100000.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn a_damaged_recording_loads_or_names_its_line_and_drives_without_panicking(
        at in any::<prop::sample::Index>(),
        cut in 0usize..300,
        with in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let bytes = damage(RECORDING, at, cut, &with);
        match Replay::builder().allow_gaps(true).from_reader(&bytes[..], "damaged.jsonl") {
            Err(e) => {
                let text = e.to_string();
                prop_assert!(text.starts_with("damaged.jsonl"), "{}", text);
            }
            Ok(replay) => {
                // A stand-in that echoes what was recorded, calling a port
                // with whatever arguments the inbound call carries.
                let clock = replay.port("clock");
                let report = replay.drive(|call| {
                    let _: Option<u64> = clock.outbound("now", call.args());
                    Ok(call.recorded_return().unwrap_or(Outcome::Ok(serde_json::Value::Null)))
                });
                let _ = report.to_text();
                let _ = report.to_json();
            }
        }
    }
}
