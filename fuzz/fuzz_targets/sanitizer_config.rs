#![no_main]
//! See `reprise_fuzz::sanitizer_config`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::sanitizer_config(data));
