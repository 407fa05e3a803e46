#![no_main]
//! See `reprise_fuzz::scrub_transcript`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::scrub_transcript(data));
