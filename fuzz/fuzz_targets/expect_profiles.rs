#![no_main]
//! See `reprise_fuzz::expect_profiles`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reprise_fuzz::expect_profiles(data));
