#![no_main]
//! See `reprise_fuzz::selectors`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::selectors(data));
