//! What each fuzz target checks of one input, shared by the fuzzers
//! (`fuzz/fuzz_targets/`) and the test that replays the inputs that once
//! failed (`tests/fuzz_regressions.rs` at the workspace root, through
//! `#[path]`), so a regression is checked exactly as the fuzzer found it.
//!
//! Every check panics on what it guards against: a panic of the code under
//! test, an error that does not name its file (and line, where it has one),
//! an error that prints a payload value, and, for the oracles, `verify`
//! finding something in what `scrub` wrote, or the threaded paths
//! disagreeing with the one-thread ones.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::str::FromStr;
use std::sync::LazyLock;

use reprise_sanitizer::{Config, Key, Sanitizer, Verifier, pseudonymized_paths};
use reprise_transcript::{
    Ending, Event, Header, JsonPath, Reader, Selector, Step, Verdict, decode_line,
};
use serde_json::{Value, json};

/// Inputs longer than this are cut: the time and memory oracle
/// (`-timeout`, `-rss_limit_mb`) is about behaviour per byte, and every
/// target must stay linear-ish up to it.
pub const MAX_INPUT: usize = 64 * 1024;

/// The name the targets give the file they parse; errors must start with it.
const FILE: &str = "fuzz.input";

fn cap(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT)]
}

/// Top-level fields of a line that hold the format's own structure, not
/// a payload, though they nest.
const STRUCTURE: [&str; 3] = ["sanitizer", "origin", "merge"];

/// The payload oracle's two inputs: `data` with every line that is JSON
/// written again by serde_json, once as it was and once with every string
/// nested in a payload (below a line's top level, outside [`STRUCTURE`])
/// changed letter by letter (`a`→`b`, `9`→`0`) at the same length. An
/// error that prints no payload value reads the same for both; lines
/// that are not JSON stay as they are, and a JSON syntax error names a
/// place, never a value.
pub fn payload_variants(data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    fn rotate(value: &mut Value) {
        match value {
            Value::String(s) => {
                *s = s
                    .chars()
                    .map(|c| match c {
                        'z' => 'a',
                        'Z' => 'A',
                        '9' => '0',
                        'a'..='y' | 'A'..='Y' | '0'..='8' => char::from(c as u8 + 1),
                        other => other,
                    })
                    .collect();
            }
            Value::Array(items) => items.iter_mut().for_each(rotate),
            Value::Object(map) => map.values_mut().for_each(rotate),
            _ => {}
        }
    }
    let (mut same, mut rotated) = (Vec::new(), Vec::new());
    for line in data.split_inclusive(|&b| b == b'\n') {
        let (body, newline) = match line.strip_suffix(b"\n") {
            Some(body) => (body, &b"\n"[..]),
            None => (line, &b""[..]),
        };
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => {
                let mut changed = value.clone();
                if let Value::Object(map) = &mut changed {
                    for (key, field) in map.iter_mut() {
                        if !STRUCTURE.contains(&key.as_str())
                            && (field.is_object() || field.is_array())
                        {
                            rotate(field);
                        }
                    }
                }
                same.extend(serde_json::to_vec(&value).expect("a Value writes"));
                rotated.extend(serde_json::to_vec(&changed).expect("a Value writes"));
            }
            Err(_) => {
                same.extend(body);
                rotated.extend(body);
            }
        }
        same.extend(newline);
        rotated.extend(newline);
    }
    (same, rotated)
}

/// Panics when `errors` reads its input's payload: its messages differ
/// between the two [`payload_variants`] of `data`.
fn assert_no_payload<F: Fn(&[u8]) -> Vec<String>>(data: &[u8], errors: F) {
    let (same, rotated) = payload_variants(data);
    let (a, b) = (errors(&same), errors(&rotated));
    if a != b {
        let shown: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
        panic!("an error prints a payload value: {shown:?}");
    }
}

/// The transcript reader over arbitrary bytes: iteration never panics,
/// every error names a line and prints no payload value, and the split
/// path (`next_line`, `decode_line` anywhere, `check` in order) yields the
/// same events, errors and ending as iteration.
pub fn transcript_reader(data: &[u8]) {
    let data = cap(data);
    // A small line cap, so that long-line handling is reached too.
    let max_line = 4096;
    type Read = Result<(Header, Vec<Result<Event, String>>, Option<Ending>), String>;
    let read = |data: &[u8]| -> Read {
        let mut reader = Reader::with_max_line(data, max_line).map_err(|e| e.to_string())?;
        let mut items = Vec::new();
        for item in reader.by_ref() {
            items.push(item.map_err(|err| {
                let message = err.to_string();
                assert!(err.line().is_some(), "an error without a line: {message}");
                message
            }));
        }
        // The reader's accessors after the end.
        let _ = (reader.origin(), reader.merge_summary(), reader.line());
        Ok((reader.header().clone(), items, reader.ending().cloned()))
    };
    assert_no_payload(data, |d| match read(d) {
        Ok((_, items, _)) => items.into_iter().filter_map(Result::err).collect(),
        Err(message) => vec![message],
    });
    let Ok((header, iterated, ending)) = read(data) else {
        return;
    };
    // Replay's comparison of what was recorded with what happened.
    let events: Vec<Value> = iterated
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .map(|e| serde_json::to_value(e).expect("an event writes"))
        .collect();
    for pair in events.windows(2) {
        let lines = reprise_transcript::diff_lines(&pair[0], &pair[1]);
        let mut paths = 0;
        reprise_transcript::diff_paths(&pair[0], &pair[1], &mut |_| paths += 1);
        let changed = lines.iter().any(|(sign, _)| *sign != ' ');
        assert_eq!(changed, paths > 0, "diff_lines and diff_paths disagree");
    }
    let Ok(mut reader) = Reader::with_max_line(data, max_line) else {
        panic!("the header read once and not twice");
    };
    assert_eq!(reader.header(), &header);
    let mut split = Vec::new();
    while let Some(at) = reader.next_line() {
        let verdict = match at {
            Ok(at) => {
                let (event, decoded): (Option<Event>, _) = decode_line(reader.line_bytes());
                let verdict = reader.check(at, decoded);
                if let Verdict::Keep = verdict {
                    split.push(Ok(event.expect("a line kept without an event")));
                }
                verdict
            }
            Err(err) => reader.check_unreadable(err),
        };
        if let Verdict::Bad(err) = verdict {
            split.push(Err(err.to_string()));
        }
    }
    reader.end_of_lines();
    assert_eq!(split, iterated, "the split path and iteration disagree");
    assert_eq!(reader.ending().cloned(), ending, "the endings disagree");
}

/// Selectors (`$.args.user.email`, `$..token`, `$.items[*]`), allowlist
/// files and the view's correlation specs: parsing never panics, a parsed
/// selector prints as text that parses to the same selector, and matching
/// it against a path built from the input never panics.
pub fn selectors(data: &[u8]) {
    let text = String::from_utf8_lossy(cap(data));
    for line in text.lines().take(64) {
        if let Ok(selector) = Selector::from_str(line) {
            let printed = selector.to_string();
            match Selector::from_str(&printed) {
                Ok(again) => assert_eq!(again, selector, "`{printed}` reads back otherwise"),
                Err(err) => panic!("a selector prints as `{printed}`, which does not parse: {err}"),
            }
            let mut path = JsonPath::root();
            for (i, part) in line.split('.').enumerate() {
                path.push(match part.parse::<usize>() {
                    Ok(n) => Step::Index(n),
                    Err(_) if i % 3 == 2 => Step::Index(i),
                    Err(_) => Step::Key(part.to_owned()),
                });
            }
            let _ = (selector.matches(&path), selector.matches_prefix_of(&path));
        }
        let _ = reprise_view::Correlation::from_str(line);
    }
    match reprise_sanitizer::Allowlist::parse(&text, FILE) {
        Ok(_) => {}
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
        }
    }
}

/// The sanitizer's rules file: parsing and building never panic or hang
/// (a custom regex is size-limited), every error names the file, and a
/// sanitizer built from the file scrubs a small document without panic.
pub fn sanitizer_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(cap(data)) else {
        return;
    };
    let config = match Config::parse(text, FILE) {
        Ok(config) => config,
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
            return;
        }
    };
    let builder = config.builder().pseudonym_key(
        Key::from_bytes(b"a fuzzing key of 32 bytes at least", "fuzz").expect("key"),
    );
    let sanitizer = match builder.build() {
        Ok(sanitizer) => sanitizer,
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
            return;
        }
    };
    let mut doc = json!({
        "user": {"email": "ann@corp.com", "password": "hunter2", "id": 7},
        "msg": "token=abc123def456 TCK-123456 call +49 151 1234567",
        "items": [{"card": "4111 1111 1111 1111"}, "AKIAABCDEFGHIJKLMNOP"],
    });
    let mut report = sanitizer.report();
    sanitizer.scrub_value("args", &mut doc, &mut report);
    let _ = report.to_json();
}

static SANITIZER: LazyLock<Sanitizer> = LazyLock::new(|| {
    Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"verify agrees key", "test").expect("key"))
        .build()
        .expect("defaults build")
});

static VERIFIER: LazyLock<Verifier> = LazyLock::new(|| Verifier::new().expect("defaults build"));

/// Key names the sanitizer reads something into, for a text input to sit
/// under (the same list as `sanitizer/tests/verify_agrees.rs`).
const KEYS: [&str; 24] = [
    "password",
    "api_key",
    "token",
    "tokens",
    "max_tokens",
    "session_count",
    "note",
    "name",
    "value",
    "msg",
    "body",
    "url",
    "email",
    "dob",
    "first_name",
    "Authorization",
    "id",
    "count",
    "passwort",
    "secret_name",
    "cursor",
    "idempotency_key",
    "payload",
    "x",
];

/// The document a scrub oracle input stands for: the bytes as JSON when
/// they are a JSON document; otherwise the first byte picks a key and a
/// shape (plain member, a name/value pair, inside an array) and the rest
/// is the text.
pub fn oracle_document(data: &[u8]) -> Value {
    let data = cap(data);
    if let Ok(doc) = serde_json::from_slice::<Value>(data) {
        return doc;
    }
    let Some((&first, rest)) = data.split_first() else {
        return Value::Null;
    };
    let key = KEYS[usize::from(first) % KEYS.len()];
    let text = String::from_utf8_lossy(rest).into_owned();
    match first / 64 {
        0 => json!({ key: text }),
        1 => json!({ "name": key, "value": text }),
        2 => json!([text]),
        _ => json!({ "a": { key: [text] } }),
    }
}

/// What a scrub of `doc` wrote, its report, and what verify finds in it
/// given the paths the report lists as pseudonymized.
pub fn scrub_then_verify(doc: &Value) -> (Value, Value, Vec<String>) {
    let mut scrubbed = doc.clone();
    let mut report = SANITIZER.report();
    SANITIZER.scrub_value("args", &mut scrubbed, &mut report);
    let report = report.to_json();
    let accepted = pseudonymized_paths(Some(&report));
    let mut findings = Vec::new();
    VERIFIER.check_value(Some(1), "args", &scrubbed, &accepted, &mut findings);
    let found = findings.iter().map(ToString::to_string).collect();
    (scrubbed, report, found)
}

/// The scrub/verify oracle over one JSON payload:
///
/// - `verify(scrub(x))` finds nothing (given the report's pseudonymized
///   paths): the documented workflow never fails on scrub's own output;
/// - `verify(x)` finds something exactly where `scrub(x)` changes `x`;
/// - where nothing was pseudonymized, scrubbing scrub's output again
///   changes nothing (which the two above imply).
pub fn scrub_oracle(data: &[u8]) {
    let doc = oracle_document(data);
    let (scrubbed, report, found) = scrub_then_verify(&doc);
    assert!(
        found.is_empty(),
        "DISAGREEMENT verify after scrub found {found:?} in {scrubbed}"
    );

    let mut findings = Vec::new();
    VERIFIER.check_value(Some(1), "args", &doc, &BTreeSet::new(), &mut findings);
    assert_eq!(
        scrubbed != doc,
        !findings.is_empty(),
        "DISAGREEMENT scrub changed the document: {}, verify found {findings:?}",
        scrubbed != doc
    );

    if pseudonymized_paths(Some(&report)).is_empty() {
        let mut again = scrubbed.clone();
        let mut report = SANITIZER.report();
        SANITIZER.scrub_value("args", &mut again, &mut report);
        assert_eq!(
            again, scrubbed,
            "IDEMPOTENCE a second scrub changed the first's output"
        );
    }
}

/// `scrub` of a whole transcript read from arbitrary bytes, on one thread
/// and on two (the batch path): no panic, the same output bytes and
/// counts, errors name their line and print no payload, and `verify` of
/// the output (header and events, on one thread and on two) finds nothing
/// and no bad line.
pub fn scrub_transcript(data: &[u8]) {
    let data = cap(data);
    let run = |data: &[u8], threads: usize| {
        let reader = match Reader::with_max_line(data, 8192) {
            Ok(reader) => reader,
            Err(err) => return Err(err.to_string()),
        };
        let mut out = Vec::new();
        let done = SANITIZER
            .scrub_transcript_on(
                threads,
                reader,
                Cursor::new(Vec::new()),
                &mut out,
                &mut |_| {},
            )
            .unwrap_or_else(|err| panic!("scrub of bytes in memory failed: {err}"));
        Ok((
            out,
            done.events,
            done.bad_lines,
            done.report,
            done.ending,
            done.first_errors,
        ))
    };
    assert_no_payload(data, |d| match run(d, 1) {
        Ok(done) => done.5.iter().map(ToString::to_string).collect(),
        Err(message) => vec![message],
    });
    let one = run(data, 1).map(|d| {
        (
            d.0,
            d.1,
            d.2,
            d.3,
            d.4,
            d.5.iter().map(ToString::to_string).collect::<Vec<_>>(),
        )
    });
    let Ok(one) = one else {
        return;
    };
    let two = run(data, 2).map(|d| {
        (
            d.0,
            d.1,
            d.2,
            d.3,
            d.4,
            d.5.iter().map(ToString::to_string).collect::<Vec<_>>(),
        )
    });
    assert!(
        Ok(&one) == two.as_ref(),
        "one and two threads scrub differently"
    );
    let out = &one.0;
    let verified = |threads: usize| {
        let mut reader = Reader::with_max_line(&out[..], 1 << 20)
            .unwrap_or_else(|err| panic!("scrub wrote an unreadable header: {err}"));
        let header = reader.header().clone();
        let mut accepted = pseudonymized_paths(header.sanitizer.as_ref());
        let mut found: Vec<String> = VERIFIER
            .check_header(&header, &accepted)
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut bad = Vec::new();
        VERIFIER
            .check_transcript_on(
                threads,
                &mut reader,
                &accepted,
                &mut |_, findings| {
                    found.extend(findings.iter().map(ToString::to_string));
                    Ok(())
                },
                &mut |err| bad.push(err.to_string()),
            )
            .unwrap_or_else(|err| panic!("verify of bytes in memory failed: {err}"));
        accepted.extend(pseudonymized_paths(
            reader
                .ending()
                .and_then(reprise_transcript::Ending::sanitizer),
        ));
        (found, bad)
    };
    let (found, bad) = verified(1);
    assert!(
        bad.is_empty(),
        "scrub wrote lines that do not read: {bad:?}"
    );
    assert!(
        found.is_empty(),
        "DISAGREEMENT verify of scrub's output found {found:?} in {}",
        String::from_utf8_lossy(out)
    );
    assert_eq!(
        verified(2),
        (found, bad),
        "one and two threads verify differently"
    );
}

/// Expectations as a component declares them in code (the queue
/// worker example's, and one of every other kind), for profiles to apply
/// to and transcripts to be checked against.
fn declared_expectations() -> reprise_expect::Expectations {
    use reprise_expect::expect::{self, ms, secs};
    reprise_expect::Expectations::new()
        .expect(
            expect::latency("queue.item")
                .between("queue.enqueue", "queue.done")
                .by("id")
                .nominal(ms(20))
                .warn_after(ms(100))
                .fail_after(secs(1)),
        )
        .expect(
            expect::probe_bounds("queue.depth", "len")
                .id("queue.depth")
                .within(0.0..=16.0),
        )
        .expect(
            expect::call_latency("storage", "append")
                .id("append")
                .fail_after(ms(50)),
        )
        .expect(
            expect::count(expect::call("network", "send"))
                .id("sends")
                .at_most(100)
                .per(secs(1)),
        )
        .expect(expect::never(expect::returned("storage", "append").err()).id("no-errors"))
        .expect(
            expect::response(
                expect::call("api", "get").inbound(),
                expect::returned("api", "get"),
            )
            .id("answers")
            .within_events(8),
        )
}

/// The expectation profile file (`profiles.toml`), and `reprise check`:
/// the input is a profile file, then (after a `\x1e`) a transcript.
/// Parsing, applying every profile to declared expectations, and checking
/// the transcript against them never panic; profile errors name the file,
/// check errors print no payload.
pub fn expect_profiles(data: &[u8]) {
    let data = cap(data);
    let (profile, transcript) = match data.iter().position(|&b| b == 0x1e) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(text) = std::str::from_utf8(profile) else {
        return;
    };
    let mut sets = vec![declared_expectations()];
    match reprise_expect::Profiles::from_str(text, FILE) {
        Ok(profiles) => {
            let names: Vec<String> = profiles.names().map(str::to_owned).collect();
            for name in names {
                let profile = profiles.get(&name).expect("a listed profile");
                let _ = (profile.name(), profile.budget());
                match declared_expectations().with_profile(profile) {
                    Ok(expectations) => sets.push(expectations),
                    Err(err) => {
                        let message = err.to_string();
                        assert!(message.starts_with(FILE), "no file name: {message}");
                    }
                }
            }
            let _ = profiles.get("no such profile");
        }
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
        }
    }
    if transcript.is_empty() {
        return;
    }
    for expectations in &sets {
        let errors = |data: &[u8]| match expectations.check(data) {
            Ok(report) => {
                let _ = (report.to_string(), report.to_json(), report.passed());
                Vec::new()
            }
            Err(err) => vec![err.to_string()],
        };
        assert_no_payload(transcript, errors);
    }
}

/// The entropy crate's transcript (what the minimizer and campaigns read
/// and write): reading never panics, errors name the file and print no
/// payload, and what it writes reads back to the same events.
pub fn entropy_transcript(data: &[u8]) {
    let data = cap(data);
    let errors = |data: &[u8]| match reprise_entropy::Transcript::from_bytes(data, FILE) {
        Ok(_) => Vec::new(),
        Err(err) => vec![err.to_string()],
    };
    assert_no_payload(data, errors);
    match reprise_entropy::Transcript::from_bytes(data, FILE) {
        Ok(transcript) => {
            let _ = (
                transcript.len(),
                transcript.is_cut_short(),
                transcript.inbound_calls(),
            );
            let bytes = transcript.to_bytes();
            let again = reprise_entropy::Transcript::from_bytes(&bytes, FILE)
                .unwrap_or_else(|err| panic!("what the transcript wrote does not read: {err}"));
            assert_eq!(again.len(), transcript.len(), "a round trip loses events");
            assert_eq!(again.to_bytes(), bytes, "a round trip is not stable");
        }
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
        }
    }
}

/// The view: the timeline page of a transcript, a report overlaid on it,
/// and a merge of two transcripts (split at the first `\x1e`) under the
/// correlation spec on the input's first line. No panic; errors and the
/// problems listed name the file and print no payload.
pub fn view_timeline(data: &[u8]) {
    let data = cap(data);
    assert_no_payload(data, view_messages);
    for message in view_messages(data) {
        assert!(
            ["a.jsonl", "b.jsonl", "r.json"]
                .iter()
                .any(|f| message.starts_with(f)),
            "no file name: {message}"
        );
    }
}

/// What the view says of `data` (see [`view_timeline`]): its errors and
/// the problems it lists.
fn view_messages(data: &[u8]) -> Vec<String> {
    let mut messages = Vec::new();
    let text = String::from_utf8_lossy(data);
    let mut timeline = reprise_view::Timeline::new("fuzz");
    match reprise_view::Overlay::from_json("r.json", None, &text) {
        Ok(overlay) => timeline = timeline.overlay(overlay),
        Err(err) => messages.push(err.to_string()),
    }
    let inputs = vec![reprise_view::Input {
        file: "a.jsonl".into(),
        reader: data,
    }];
    match timeline.write(inputs, std::io::sink()) {
        Ok(summary) => messages.extend(summary.problems.iter().map(ToString::to_string)),
        Err(err) => messages.push(err.to_string()),
    }
    let Some(i) = data.iter().position(|&b| b == b'\n') else {
        return messages;
    };
    let (spec, rest) = (&data[..i], &data[i + 1..]);
    let Ok(correlation) = reprise_view::Correlation::from_str(&String::from_utf8_lossy(spec))
    else {
        return messages;
    };
    let (a, b) = match rest.iter().position(|&b| b == 0x1e) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, rest),
    };
    let inputs = vec![
        reprise_view::Input {
            file: "a.jsonl".into(),
            reader: a,
        },
        reprise_view::Input {
            file: "b.jsonl".into(),
            reader: b,
        },
    ];
    if let Err(err) = reprise_view::Merge::new(correlation).run(inputs, std::io::sink()) {
        messages.push(err.to_string());
    }
    messages
}

/// Replay's and the test harness's reading of a transcript
/// (`Replay::from_str`, `Outline::from_str`): no panic, errors print no
/// payload value and the outline's name the file.
pub fn replay_outline(data: &[u8]) {
    let data = cap(data);
    let errors = |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Err(err) = reprise_replayer::Replay::from_str(text) {
            out.push(err.to_string());
        }
        if let Err(err) = reprise_testing::Outline::from_str(FILE, text) {
            let message = err.to_string();
            assert!(message.starts_with(FILE), "no file name: {message}");
            out.push(message);
        }
        out
    };
    errors(data);
    assert_no_payload(data, errors);
}

/// A target's check of one input: it panics on what it guards against.
pub type Check = fn(&[u8]);

/// Every target by name, for the regression replay.
pub const TARGETS: [(&str, Check); 9] = [
    ("transcript_reader", transcript_reader),
    ("selectors", selectors),
    ("sanitizer_config", sanitizer_config),
    ("scrub_oracle", scrub_oracle),
    ("scrub_transcript", scrub_transcript),
    ("expect_profiles", expect_profiles),
    ("entropy_transcript", entropy_transcript),
    ("view_timeline", view_timeline),
    ("replay_outline", replay_outline),
];
