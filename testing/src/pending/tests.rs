use std::collections::BTreeSet;
use std::path::Path;

use reprise_sanitizer::{Allowlist, Config, Key, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::json;

use super::*;

const HEADER: &str = r#"{"reprise":1,"kind":"header","component":"shop","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{}}"#;

/// A payment: the card and email come in, the card goes to the bank, a
/// receipt comes back.
fn payment(receipt: &str) -> String {
    [
        HEADER.to_owned(),
        r#"{"kind":"state","seq":0,"label":"initial","state":{"paid":0}}"#.to_owned(),
        r#"{"kind":"call","seq":1,"dir":"in","port":"api","method":"pay","args":{"card":"4916338506082832","email":"alice@corp.com","amount":5},"at_ns":1}"#.to_owned(),
        r#"{"kind":"call","seq":2,"dir":"out","port":"bank","method":"charge","args":{"card":"4916338506082832","amount":5},"at_ns":2,"parent":1}"#.to_owned(),
        r#"{"kind":"return","seq":3,"call":2,"ok":{"id":"ch_1"},"at_ns":3}"#.to_owned(),
        format!(r#"{{"kind":"return","seq":4,"call":1,"ok":{{"receipt":"{receipt}"}},"at_ns":4}}"#),
        r#"{"kind":"end","events":5,"dropped":0}"#.to_owned(),
    ]
    .iter()
    .map(|l| format!("{l}\n"))
    .collect()
}

fn key() -> Key {
    Key::from_bytes(b"the user's own key, not ours", "test").expect("a key")
}

/// `text` scrubbed by `sanitizer`, as `reprise scrub` writes it.
fn scrubbed(sanitizer: &Sanitizer, text: &str) -> String {
    let reader = Reader::new(text.as_bytes()).expect("a transcript");
    let mut out = Vec::new();
    sanitizer
        .scrub_transcript(
            reader,
            std::io::Cursor::new(Vec::new()),
            &mut out,
            &mut |_| {},
        )
        .expect("scrubbed");
    String::from_utf8(out).expect("UTF-8")
}

/// Every line of `text` parsed.
fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `text` with line `i` (0 is the header) changed by `f`.
fn edit(text: &str, i: usize, mut f: impl FnMut(&mut Value)) -> String {
    text.lines()
        .enumerate()
        .map(|(j, line)| {
            if i != j {
                return format!("{line}\n");
            }
            let mut value: Value = serde_json::from_str(line).expect("a JSON line");
            f(&mut value);
            format!("{value}\n")
        })
        .collect()
}

/// Writes `files` into a fresh folder.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// The findings `reprise verify` would print for `path`.
fn verify(path: &Path) -> Vec<String> {
    let verifier = Verifier::new().expect("verifier");
    let text = std::fs::read_to_string(path).expect("read");
    let mut reader = Reader::new(text.as_bytes()).expect("a transcript");
    let mut accepted: BTreeSet<String> = pseudonymized_paths(reader.header().sanitizer.as_ref());
    let events: Vec<Event> = reader.by_ref().map(|e| e.expect("an event")).collect();
    accepted.extend(pseudonymized_paths(
        reader.ending().and_then(Ending::sanitizer),
    ));
    let mut findings: Vec<String> = verifier
        .check_header(reader.header(), &accepted)
        .iter()
        .map(ToString::to_string)
        .collect();
    for event in &events {
        findings.extend(
            verifier
                .check_event(event, &accepted)
                .iter()
                .map(ToString::to_string),
        );
    }
    findings
}

#[test]
fn nothing_is_written_in_ci() {
    let dir = folder(&[("pay.jsonl", &payment("ok"))]);
    let transcript = dir.path().join("pay.jsonl");
    let err = write_pending_in(&transcript, payment("changed").as_bytes(), true).expect_err("CI");
    assert!(matches!(err, Error::WriteInCi { .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("pay.jsonl.new: not written: nothing is written in CI (CI is set)")
    );
    assert!(!pending_path(&transcript).exists());
}

#[test]
fn an_equivalent_update_is_not_written_and_clears_a_stale_one() {
    let dir = folder(&[("pay.jsonl", &payment("ok")), ("pay.jsonl.new", "stale")]);
    let transcript = dir.path().join("pay.jsonl");
    let same_but_later = payment("ok").replace("\"at_ns\":4", "\"at_ns\":9");
    let written = write_pending_in(&transcript, same_but_later.as_bytes(), false).expect("written");
    assert_eq!(written, PendingWrite::Unchanged);
    assert!(!pending_path(&transcript).exists());
}

#[test]
fn an_update_goes_beside_the_transcript_and_never_over_it() {
    let dir = folder(&[("pay.jsonl", &payment("ok"))]);
    let transcript = dir.path().join("pay.jsonl");
    let written =
        write_pending_in(&transcript, payment("changed").as_bytes(), false).expect("written");
    assert_eq!(written, PendingWrite::Written(pending_path(&transcript)));
    assert_eq!(
        std::fs::read_to_string(&transcript).expect("read"),
        payment("ok")
    );
    assert_eq!(
        std::fs::read_to_string(pending_path(&transcript)).expect("read"),
        payment("changed")
    );
}

#[test]
fn an_update_that_is_not_a_transcript_is_refused() {
    let dir = folder(&[("pay.jsonl", &payment("ok"))]);
    let transcript = dir.path().join("pay.jsonl");
    let err =
        write_pending_in(&transcript, b"{\"password\":\"hunter2\"}\n", false).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("pay.jsonl.new: line 1: not a reprise transcript"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
    assert!(!pending_path(&transcript).exists());
}

#[test]
fn accepting_an_update_of_an_unscrubbed_transcript_copies_it_as_it_is() {
    let dir = folder(&[
        ("pay.jsonl", &payment("ok")),
        ("pay.jsonl.new", &payment("bob@corp.com")),
    ]);
    let accepted =
        accept(&dir.path().join("pay.jsonl.new"), &AcceptOptions::new()).expect("accepted");
    assert!(!accepted.rescrubbed && !accepted.created);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pay.jsonl")).expect("read"),
        payment("bob@corp.com")
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no pending or temporary file left"
    );
}

#[test]
fn accepting_scrubs_what_the_update_adds_and_keeps_what_was_shipped() {
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(key())
        .build()
        .expect("sanitizer");
    let shipped = scrubbed(&sanitizer, &payment("sent"));
    assert!(!shipped.contains("4916338506082832") && !shipped.contains("alice@corp.com"));
    let card = lines(&shipped)[2]["args"]["card"]
        .as_str()
        .expect("a card")
        .to_owned();

    // The fixed component charges twice the amount, echoing the pseudonym
    // of the card it was fed, and now writes a clear email in its receipt.
    let update = edit(&shipped, 3, |call| call["args"]["amount"] = json!(10));
    let update = edit(&update, 5, |ret| {
        ret["ok"]["receipt"] = json!("sent to carol@corp.com")
    });
    assert_ne!(update, shipped);
    let dir = folder(&[("pay.jsonl", &shipped), ("pay.jsonl.new", &update)]);
    let transcript = dir.path().join("pay.jsonl");
    let options = AcceptOptions::new().pseudonym_key(key());
    let accepted = accept(&transcript, &options).expect("accepted");
    assert!(accepted.rescrubbed && !accepted.random_key);
    assert_eq!(
        (accepted.checked_payloads, accepted.scrubbed_payloads),
        (2, 1)
    );

    let text = std::fs::read_to_string(&transcript).expect("read");
    assert!(!text.contains("carol@corp.com"), "{text}");
    let (before, after) = (lines(&shipped), lines(&text));
    assert_eq!(
        after[2], before[2],
        "the recorded inbound call is kept as shipped"
    );
    assert_eq!(
        after[3]["args"],
        json!({"card": card, "amount": 10}),
        "an echoed pseudonym stays"
    );
    assert!(
        after[5]["ok"]["receipt"]
            .as_str()
            .expect("a receipt")
            .starts_with("sent to ")
    );
    // The header's section says what this scrub did, and keeps the first.
    let section = &after[0]["sanitizer"];
    assert_eq!(section["total"], 1);
    assert_eq!(section["previous"], before[0]["sanitizer"]);
    assert!(verify(&transcript).is_empty(), "{:?}", verify(&transcript));
    assert!(!pending_path(&transcript).exists());
}

#[test]
fn accepting_without_the_rules_a_transcript_was_scrubbed_with_writes_nothing() {
    let rules = Config::parse(
        "[[rule]]\nname = \"ticket\"\nregex = \"TCK-[0-9]{6}\"\n",
        "rules.toml",
    )
    .expect("rules");
    let sanitizer = rules
        .builder()
        .pseudonym_key(key())
        .build()
        .expect("sanitizer");
    let shipped = scrubbed(&sanitizer, &payment("TCK-123456"));
    assert!(!shipped.contains("TCK-123456"));
    let update = edit(&shipped, 3, |call| {
        call["args"]["amount"] = json!(6);
        call["args"]["ref"] = json!("TCK-654321");
    });
    let dir = folder(&[("pay.jsonl", &shipped), ("pay.jsonl.new", &update)]);
    let transcript = dir.path().join("pay.jsonl");

    let err = accept(&transcript, &AcceptOptions::new()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: cannot scrub the update as the transcript was scrubbed: `ticket` (regex) is not \
             built in: give the rules file it was scrubbed with (`--rules FILE`)",
            transcript.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&transcript).expect("read"), shipped);
    assert!(pending_path(&transcript).exists(), "still pending");

    accept(&transcript, &AcceptOptions::new().rules(rules)).expect("accepted");
    let text = std::fs::read_to_string(&transcript).expect("read");
    assert!(
        !text.contains("TCK-654321") && text.contains("\"amount\":6"),
        "{text}"
    );
}

#[test]
fn an_allowlist_transcript_needs_its_allowlist() {
    let list = Allowlist::parse("$.args.amount\n$..id\n", "allow.txt").expect("allowlist");
    let sanitizer = Sanitizer::builder()
        .allowlist(list.clone())
        .pseudonym_key(key())
        .build()
        .expect("sanitizer");
    let shipped = scrubbed(&sanitizer, &payment("sent"));
    let update = edit(&shipped, 3, |call| call["args"]["memo"] = json!("for dave"));
    let dir = folder(&[("pay.jsonl", &shipped), ("pay.jsonl.new", &update)]);
    let transcript = dir.path().join("pay.jsonl");
    let err = accept(&transcript, &AcceptOptions::new()).expect_err("refused");
    assert!(
        err.to_string().ends_with(
            "it was scrubbed in allowlist mode: give its allowlist (`--allowlist FILE`)"
        ),
        "{err}"
    );

    accept(&transcript, &AcceptOptions::new().allowlist(list)).expect("accepted");
    let text = std::fs::read_to_string(&transcript).expect("read");
    assert!(!text.contains("for dave"), "{text}");
}

#[test]
fn a_pending_file_with_a_bad_line_is_refused() {
    let bad = payment("ok").replace(r#""seq":3,"call":2"#, r#""seq":3,"call":"ch_secret""#);
    let dir = folder(&[("pay.jsonl", &payment("ok")), ("pay.jsonl.new", &bad)]);
    let err = accept(&dir.path().join("pay.jsonl"), &AcceptOptions::new()).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("pay.jsonl.new: line 5"), "{message}");
    assert!(!message.contains("ch_secret"), "{message}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pay.jsonl")).expect("read"),
        payment("ok")
    );
}

#[test]
fn a_new_recording_is_accepted_as_it_is() {
    let dir = folder(&[("pay.jsonl.new", &payment("ok"))]);
    let accepted =
        accept(&dir.path().join("pay.jsonl.new"), &AcceptOptions::new()).expect("accepted");
    assert!(accepted.created);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pay.jsonl")).expect("read"),
        payment("ok")
    );
}

#[test]
fn nothing_pending_is_an_error_naming_the_path() {
    let dir = folder(&[("pay.jsonl", &payment("ok"))]);
    for result in [
        accept(&dir.path().join("pay.jsonl"), &AcceptOptions::new()).map(drop),
        reject(&dir.path().join("pay.jsonl")).map(drop),
    ] {
        let err = result.expect_err("nothing pending");
        assert!(matches!(err, Error::NotPending { .. }), "{err}");
        assert!(
            err.to_string()
                .ends_with("pay.jsonl: no pending transcript (no `.jsonl.new` file)")
        );
    }
}

#[test]
fn accepting_an_update_of_a_transcript_scrubbed_while_recorded_keeps_its_end_report() {
    use reprise::recorder::{MemorySink, Recorder};
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(key())
        .build()
        .expect("sanitizer");
    let sink = MemorySink::new();
    let recorder = Recorder::builder("mailer")
        .sanitizer(sanitizer)
        .sink(sink.clone())
        .start(&json!({"sent": 0}))
        .expect("recording");
    let api = recorder.port("api");
    let smtp = recorder.port("smtp");
    api.inbound("send", &json!({"to": "alice@corp.com"}), || {
        smtp.outbound(
            "deliver",
            &json!({"rcpt": "alice@corp.com", "body": "hi"}),
            || true,
        )
    });
    recorder.finish().expect("finished");
    let shipped = sink.contents_string();
    assert!(!shipped.contains("alice@corp.com"));
    let all = lines(&shipped);
    assert!(
        all.last().expect("an end line")["sanitizer"].is_object(),
        "{shipped}"
    );
    let rcpt = all[3]["args"]["rcpt"].clone();

    // The fixed mailer echoes the recipient it was fed, and cc's a clear one.
    let update = edit(&shipped, 3, |call| call["args"]["body"] = json!("hello"));
    let update = edit(&update, 5, |ret| ret["ok"] = json!("cc bob@corp.com"));
    let dir = folder(&[("mail.jsonl", &shipped), ("mail.jsonl.new", &update)]);
    let transcript = dir.path().join("mail.jsonl");
    let accepted =
        accept(&transcript, &AcceptOptions::new().pseudonym_key(key())).expect("accepted");
    assert_eq!(
        (accepted.checked_payloads, accepted.scrubbed_payloads),
        (2, 1),
        "{accepted:?}"
    );

    let text = std::fs::read_to_string(&transcript).expect("read");
    assert!(!text.contains("bob@corp.com"), "{text}");
    let after = lines(&text);
    assert_eq!(after[3]["args"], json!({"rcpt": rcpt, "body": "hello"}));
    assert_eq!(
        after.last().map(|e| &e["sanitizer"]),
        all.last().map(|e| &e["sanitizer"])
    );
    assert!(verify(&transcript).is_empty(), "{:?}", verify(&transcript));
}

#[test]
fn accept_bytes_scrubs_in_memory_and_writes_only_the_target() {
    // A failing fuzz case was written unscrubbed to a pending file before
    // it was scrubbed; accept_bytes scrubs first and writes once.
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(key())
        .build()
        .expect("sanitizer");
    let shipped = scrubbed(&sanitizer, &payment("sent"));
    let update = edit(&shipped, 5, |ret| {
        ret["ok"]["receipt"] = json!("sent to carol@corp.com")
    });
    let dir = folder(&[]);
    let target = dir.path().join("pay-entropy-7.jsonl");
    let options = AcceptOptions::new().pseudonym_key(key());
    let accepted =
        accept_bytes(&target, shipped.as_bytes(), update.as_bytes(), &options).expect("accepted");
    assert!(accepted.created && accepted.rescrubbed);
    assert_eq!(accepted.scrubbed_payloads, 1);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("a folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(names, ["pay-entropy-7.jsonl"]);
    let text = std::fs::read_to_string(&target).expect("read");
    assert!(!text.contains("carol@corp.com"), "{text}");
    assert!(verify(&target).is_empty(), "{:?}", verify(&target));
}

#[test]
fn accept_bytes_without_the_rules_writes_nothing() {
    let header = r#"{"reprise":1,"kind":"header","component":"shop","sanitizer":{"mode":"rules","rules":[{"name":"ticket","target":"custom","action":"redact"}]}}"#;
    let dir = folder(&[]);
    let target = dir.path().join("shop.jsonl");
    let update = format!("{header}\n");
    let err = accept_bytes(
        &target,
        update.as_bytes(),
        update.as_bytes(),
        &AcceptOptions::new(),
    )
    .expect_err("the custom rule is missing");
    assert!(matches!(err, Error::Rescrub { .. }), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("a folder").count(), 0);
}

/// Regression: an accepted or pending transcript was written through a
/// temporary file created with mode 0600 and kept that mode, so a
/// recording committed to the repository was unreadable to the group.
#[cfg(unix)]
#[test]
fn regression_an_atomic_write_gets_a_new_files_mode_or_keeps_the_old_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.jsonl");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("written").permissions().mode() & 0o777;
    super::write_atomically(&path, &mut |w| w.write_all(b"x\n")).expect("written");
    // What a new file gets under this process's umask.
    let fresh = dir.path().join("fresh");
    std::fs::write(&fresh, b"").expect("fresh");
    assert_eq!(mode(&path), mode(&fresh));
    if mode(&fresh) != 0o600 {
        assert_ne!(mode(&path), 0o600, "not the temporary file's mode");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    super::write_atomically(&path, &mut |w| w.write_all(b"y\n")).expect("rewritten");
    assert_eq!(mode(&path), 0o640);
    assert_eq!(std::fs::read(&path).expect("read"), b"y\n");
}
