//! Campaigns whose check errs: the failure already found is kept, and an
//! error before any failure stops the campaign without more checks.

use std::cell::Cell;

use reprise::entropy::{Campaign, EntropyError, MutationConfig, Transcript, Verdict};

fn source() -> Result<Transcript, EntropyError> {
    let mut text = String::from("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n");
    for i in 0..6u64 {
        text.push_str(&format!(
            "{{\"seq\":{},\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{{\"n\":{i}}}}}\n{{\"seq\":{},\"kind\":\"return\",\"call\":{},\"ok\":null}}\n",
            2 * i,
            2 * i + 1,
            2 * i
        ));
    }
    Transcript::from_str(&text)
}

#[test]
fn an_error_while_shrinking_keeps_the_failure_found() -> Result<(), EntropyError> {
    let source = source()?;
    let (checks, failed) = (Cell::new(0usize), Cell::new(false));
    let report = Campaign::new(&source)
        .mutations(MutationConfig::delivery())
        .cases(64)
        .seed(11)
        .quiet()
        .run(|case| {
            checks.set(checks.get() + 1);
            if failed.get() {
                // Every check after the first failure errs.
                return Err(EntropyError::Config("the replayer went away".into()));
            }
            if case.mutated.mutations.is_empty() {
                return Ok(Verdict::Passed);
            }
            failed.set(true);
            Ok(Verdict::Failed {
                reason: "bad order".into(),
                actual: None,
            })
        })?;
    let found = report.failure.expect("the failure found before the error");
    assert!(found.reason.starts_with("bad order"), "{}", found.reason);
    assert!(!found.mutations.is_empty());
    // The first failure, at most one erring shrink attempt (then no more
    // checks from proptest), one per mutation to drop, the final run.
    assert!(
        checks.get() <= found.mutations.len() + 3,
        "{} checks",
        checks.get()
    );
    Ok(())
}

#[test]
fn an_error_before_any_failure_stops_the_campaign_without_more_checks() -> Result<(), EntropyError>
{
    let source = source()?;
    let checks = Cell::new(0usize);
    let result = Campaign::new(&source)
        .mutations(MutationConfig::delivery())
        .cases(64)
        .seed(11)
        .quiet()
        .run(|_| {
            checks.set(checks.get() + 1);
            Err(EntropyError::Config("cannot replay".into()))
        });
    assert!(matches!(result, Err(EntropyError::Config(m)) if m == "cannot replay"));
    assert_eq!(checks.get(), 1);
    Ok(())
}
