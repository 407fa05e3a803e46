//! Training and checking stay linear in the number of distinct
//! `port.method`s: 50,000 of them train, load and check in seconds (they
//! took minutes when each profile entry searched the whole set).

use std::fmt::Write;
use std::time::Instant;

use reprise_expect::{Expectations, Profiles, Trainer};

/// A transcript with `n` distinct outbound methods, one call each.
fn transcript(n: usize) -> String {
    let mut text = String::from("{\"reprise\":1,\"kind\":\"header\",\"component\":\"wide\"}\n");
    let mut seq = 0;
    for i in 0..n {
        let at = seq * 1000;
        let _ = writeln!(
            text,
            "{{\"seq\":{seq},\"kind\":\"call\",\"dir\":\"out\",\"port\":\"p{}\",\"method\":\"m{i}\",\"args\":{{}},\"at_ns\":{at}}}",
            i % 7
        );
        let _ = writeln!(
            text,
            "{{\"seq\":{},\"kind\":\"return\",\"call\":{seq},\"ok\":null,\"at_ns\":{}}}",
            seq + 1,
            at + 500
        );
        seq += 2;
    }
    let _ = writeln!(text, "{{\"kind\":\"end\",\"events\":{seq},\"dropped\":0}}");
    text
}

#[test]
fn regression_train_and_check_are_linear_in_distinct_methods() {
    const N: usize = 50_000;
    let text = transcript(N);
    let started = Instant::now();
    let mut trainer = Trainer::new().trained_at("2026-12-06T00:00:00Z");
    trainer.add_str(&text).expect("trains");
    let toml = trainer.to_profile_toml("trained");
    let trained = started.elapsed();
    let profiles = Profiles::from_str(&toml, "trained.toml").expect("parses");
    let expectations = Expectations::new()
        .with_profile(profiles.get("trained").expect("profile"))
        .expect("declares");
    assert!(
        expectations.ids().count() >= N,
        "one expectation per method at least"
    );
    let loaded = started.elapsed();
    let report = expectations.check_str(&text).expect("checks");
    assert!(report.passed(), "{}", report.to_text());
    // No timing assertion (machines are shared); the figures are printed,
    // and a quadratic cost would not finish in a test run.
    eprintln!(
        "{N} methods: trained in {trained:?}, loaded by {loaded:?}, checked by {:?}",
        started.elapsed()
    );
}
