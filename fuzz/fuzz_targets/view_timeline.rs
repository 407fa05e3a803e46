#![no_main]
//! See `reprise_fuzz::view_timeline`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::view_timeline(data));
