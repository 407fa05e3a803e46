//! Minimization of transcripts a real deployment leaves: one cut short by
//! a crash, and a flight-recorder dump that starts from a checkpoint. The
//! predicate replays each candidate tolerantly against a small real
//! component, as a user's would.

use reprise::entropy::{Removal, Transcript, judge, minimize, tolerant};
use reprise::replayer::{Outcome, Replay};

/// A store that panics when it is handed a poisoned key after holding
/// `need` keys: the bug.
fn fails(transcript: &Transcript) -> bool {
    let Ok(replay) = transcript.replay(tolerant(Replay::builder())) else {
        return false;
    };
    let Ok(state) = replay.initial_state::<serde_json::Value>() else {
        return false;
    };
    let mut held = state["held"].as_u64().unwrap_or(0);
    let report = replay.drive(|call| {
        let key: String = call.arg("key")?;
        assert!(
            !(key == "poison" && held >= 2),
            "poisoned with {held} keys held"
        );
        held += 1;
        Ok(Outcome::ok(&held)?)
    });
    judge(&replay, &report).failed()
}

fn puts(first_seq: u64, keys: &[&str], returns: bool) -> String {
    let mut text = String::new();
    let mut seq = first_seq;
    for (i, key) in keys.iter().enumerate() {
        text.push_str(&format!(
            "{{\"seq\":{seq},\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{{\"key\":\"{key}\"}},\"at_ns\":{}}}\n",
            seq * 10
        ));
        if returns || i + 1 < keys.len() {
            text.push_str(&format!(
                "{{\"seq\":{},\"kind\":\"return\",\"call\":{seq},\"ok\":{},\"at_ns\":{}}}\n",
                seq + 1,
                i + 1,
                seq * 10 + 5
            ));
            seq += 1;
        }
        seq += 1;
    }
    text
}

#[test]
fn a_cut_short_transcript_stays_cut_short() -> Result<(), Box<dyn std::error::Error>> {
    let text = format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"store\"}}\n{{\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{{\"held\":0}}}}\n{}",
        puts(1, &["a", "b", "c", "d", "poison"], false)
    );
    let source = Transcript::from_str(&text)?;
    assert!(source.is_cut_short() && fails(&source));
    let found = minimize(&source, fails)?;
    assert!(found.transcript.is_cut_short());
    let keys: Vec<_> = found
        .transcript
        .inbound_calls()
        .iter()
        .map(|c| c.args.get().to_owned())
        .collect();
    assert_eq!(keys.len(), 3, "two keys and the poison: {keys:?}");
    assert_eq!(keys[2], r#"{"key":"poison"}"#);
    assert_eq!(found.inbound, (5, 3));
    assert!(matches!(found.removed[0], Removal::Inbound { .. }));
    Ok(())
}

#[test]
fn a_flight_recorder_dump_keeps_the_checkpoint_it_starts_from()
-> Result<(), Box<dyn std::error::Error>> {
    // The dump starts at seq 100 from a checkpoint holding two keys, and
    // has a later checkpoint that does not matter.
    let text = format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"store\"}}\n{{\"seq\":100,\"kind\":\"state\",\"label\":\"checkpoint\",\"state\":{{\"held\":2}}}}\n{}{{\"seq\":105,\"kind\":\"state\",\"label\":\"checkpoint\",\"state\":{{\"held\":4}}}}\n{}{{\"kind\":\"end\",\"events\":10,\"dropped\":0}}\n",
        puts(101, &["x", "y"], true),
        puts(106, &["z", "poison"], true),
    );
    let source = Transcript::from_str(&text)?;
    assert!(fails(&source));
    let found = minimize(&source, fails)?;
    let out = String::from_utf8(found.transcript.to_bytes())?;
    let second = out.lines().nth(1).unwrap_or_default();
    assert!(
        second.contains("\"seq\":100") && second.contains("\"held\":2"),
        "{out}"
    );
    assert_eq!(found.inbound, (4, 1));
    assert!(
        found
            .removed
            .iter()
            .any(|r| matches!(r, Removal::Checkpoint { seq: 105, .. })),
        "{:?}",
        found.removed
    );
    assert!(!out.contains("\"held\":4"));
    Ok(())
}

#[test]
fn a_transcript_that_does_not_fail_is_refused() -> Result<(), Box<dyn std::error::Error>> {
    let source = Transcript::from_str(&format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"store\"}}\n{{\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{{\"held\":0}}}}\n{}",
        puts(1, &["a"], true)
    ))?;
    let err = minimize(&source, fails).unwrap_err();
    assert_eq!(
        err.to_string(),
        "<string>: the predicate does not hold for the transcript given, so there is no failure to minimize"
    );
    Ok(())
}

/// A transcript of `n` inbound calls, each returning.
fn many_calls(n: usize) -> Result<Transcript, reprise::entropy::EntropyError> {
    let keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    Transcript::from_str(&format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"store\"}}\n{{\"seq\":0,\"kind\":\"state\",\"label\":\"initial\",\"state\":{{\"held\":0}}}}\n{}",
        puts(1, &keys, true)
    ))
}

#[test]
fn minimize_stops_as_soon_as_the_run_budget_is_spent() -> Result<(), Box<dyn std::error::Error>> {
    // 16k inbound calls took 177 s with a two-run budget: ddmin kept
    // halving, building every candidate, after the budget was spent.
    let source = many_calls(16_000)?;
    let mut calls = 0;
    let found = reprise::entropy::minimize_within(
        &source,
        reprise::entropy::Budget::default().runs(2),
        |t| {
            calls += 1;
            t.inbound_calls().len() > 1
        },
    )?;
    assert_eq!(calls, 2);
    assert_eq!(found.runs, 2);
    assert!(found.exhausted);
    Ok(())
}

#[test]
fn a_time_budget_spent_before_the_first_check_is_not_not_failing()
-> Result<(), Box<dyn std::error::Error>> {
    // A budget spent before the first check made it "the predicate does
    // not hold" (NotFailing); the first check now runs outside the budget.
    let source = many_calls(3)?;
    for time in [
        std::time::Duration::from_millis(1),
        std::time::Duration::ZERO,
    ] {
        let found = reprise::entropy::minimize_within(
            &source,
            reprise::entropy::Budget::default().time(time),
            |t| {
                std::thread::sleep(std::time::Duration::from_millis(5));
                !t.inbound_calls().is_empty()
            },
        )?;
        assert!(found.exhausted);
        assert_eq!(found.runs, 1);
        assert_eq!(found.inbound, (3, 3));
    }
    Ok(())
}
