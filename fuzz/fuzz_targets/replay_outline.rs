#![no_main]
//! See `reprise_fuzz::replay_outline`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::replay_outline(data));
