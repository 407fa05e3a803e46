#![no_main]
//! See `reprise_fuzz::transcript_reader`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::transcript_reader(data));
