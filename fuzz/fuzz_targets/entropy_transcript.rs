#![no_main]
//! See `reprise_fuzz::entropy_transcript`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::entropy_transcript(data));
