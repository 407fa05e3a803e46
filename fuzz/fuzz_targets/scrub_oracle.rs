#![no_main]
//! See `reprise_fuzz::scrub_oracle`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::scrub_oracle(data));
