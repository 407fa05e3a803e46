//! Scrubbing values and events: each case is the input payload, and the
//! payload expected after scrubbing with a fixed key.

use serde_json::{Value, json};

use crate::{Action, Allowlist, Key, Sanitizer, SanitizerBuilder};

fn builder() -> SanitizerBuilder {
    Sanitizer::builder().pseudonym_key(Key::from_bytes(b"0123456789abcdef", "test").expect("key"))
}

#[track_caller]
fn check(sanitizer: &Sanitizer, input: Value, expected: Value) {
    let mut report = sanitizer.report();
    let mut value = input;
    sanitizer.scrub_value("args", &mut value, &mut report);
    assert_eq!(value, expected);
}

#[test]
fn sensitive_keys_are_redacted_at_any_depth_keeping_the_json_type() {
    let s = builder().build().expect("build");
    check(
        &s,
        json!({"a": {"b": [{"Password": "x", "X-Api-Key": 12, "user": "bob"}]}, "Cookie": {"sid": "1"}}),
        json!({"a": {"b": [{"Password": "[redacted:key:password]", "X-Api-Key": 76, "user": "bob"}]}, "Cookie": {"sid": "[redacted:key:cookie]"}}),
    );
}

#[test]
fn path_rules_take_precedence_and_every_action_works() {
    let s = builder()
        .path("drop-ssn", "$..ssn", Action::Drop)
        .and_then(|b| b.path("hash-id", "$.args.items[*].id", Action::Hash))
        .and_then(|b| b.path("mask-note", "$.args.note", Action::Redact))
        .expect("selectors parse")
        .build()
        .expect("build");
    let mut report = s.report();
    let mut value =
        json!({"ssn": "x", "deep": {"ssn": 1}, "items": [{"id": "a"}, {"id": "a"}], "note": "hi"});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["deep"], json!({}));
    assert!(value.get("ssn").is_none());
    assert_eq!(value["items"][0]["id"], value["items"][1]["id"]);
    assert_eq!(value["items"][0]["id"].as_str().map(str::len), Some(64));
    assert_eq!(value["note"], "[redacted:mask-note]");
    assert_eq!(report.count("$.args.items[*].id", "hash-id"), 2);
    assert_eq!(report.count("$.args.deep.ssn", "drop-ssn"), 1);
}

#[test]
fn detectors_replace_only_the_span() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value =
        json!({"log": "GET /?q=1 from 198.51.100.7 by alice@corp.com with Bearer abcdef123456789"});
    s.scrub_value("args", &mut value, &mut report);
    let log = value["log"].as_str().expect("a string");
    assert!(log.starts_with("GET /?q=1 from "), "{log}");
    assert!(log.ends_with("with Bearer [redacted:auth-header]"), "{log}");
    assert!(
        !log.contains("198.51.100.7") && !log.contains("alice@corp.com"),
        "{log}"
    );
}

#[test]
fn base64_is_scrubbed_and_re_encoded() {
    use base64::Engine as _;
    let s = builder().build().expect("build");
    let b64 = base64::engine::general_purpose::STANDARD;
    let blob = b64.encode("token for carol@corp.com");
    let mut report = s.report();
    let mut value = json!({"blob": blob});
    s.scrub_value("args", &mut value, &mut report);
    let out = b64
        .decode(value["blob"].as_str().expect("string"))
        .expect("still base64");
    let out = String::from_utf8(out).expect("utf-8");
    assert!(
        out.starts_with("token for ") && out.ends_with(".example"),
        "{out}"
    );
}

#[test]
fn custom_rules_add_to_the_defaults_unless_turned_off() {
    let s = builder()
        .regex("ticket", "TCK-[0-9]{6}", Action::Redact)
        .build()
        .expect("build");
    let mut report = s.report();
    let mut value = json!({"t": "TCK-123456", "k": "ssn 123-45-6789"});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["t"], "[redacted:ticket]");
    assert!(
        value["k"]
            .as_str()
            .is_some_and(|k| k.starts_with("ssn 9") && k.len() == 15)
    );
    let only = builder()
        .defaults(false)
        .regex("ticket", "TCK-[0-9]{6}", Action::Redact)
        .build()
        .expect("build");
    assert_eq!(only.rules().len(), 1);
    check(&only, json!({"password": "x"}), json!({"password": "x"}));
}

#[test]
fn a_detector_action_can_be_changed_without_losing_the_others() {
    let s = builder()
        .detector(crate::detect::Detector::Email, Action::Redact)
        .build()
        .expect("build");
    let mut report = s.report();
    let mut value = json!("a@corp.com 4539148803436467");
    s.scrub_value("args", &mut value, &mut report);
    let out = value.as_str().expect("a string");
    let card = out
        .strip_prefix("[redacted:email] ")
        .expect("email redacted");
    assert!(
        card != "4539148803436467" && crate::detect::luhn_valid(card),
        "{out}"
    );
}

#[test]
fn cards_stored_as_numbers_are_found() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"pan": 4539148803436467u64, "n": 1234567812345670u64});
    s.scrub_value("args", &mut value, &mut report);
    assert_ne!(value["pan"], 4539148803436467u64);
    assert!(value["pan"].is_u64());
    assert_eq!(value["n"], 1234567812345670u64);
}

#[test]
fn high_entropy_strings_under_secret_looking_keys() {
    let s = builder().build().expect("build");
    check(
        &s,
        json!({"access_x": "q8X2vLr0Zt7Wp4Nk1Ys9", "name": "q8X2vLr0Zt7Wp4Nk1Ys9a", "nonce": "abc",
               "idempotency_key": "q8X2vLr0Zt7Wp4Nk1Ys9", "request_key": "0f8fad5b-d9cb-469f-a165-70867728950e"}),
        json!({"access_x": "[redacted:high-entropy]", "name": "q8X2vLr0Zt7Wp4Nk1Ys9a", "nonce": "abc",
               "idempotency_key": "q8X2vLr0Zt7Wp4Nk1Ys9", "request_key": "0f8fad5b-d9cb-469f-a165-70867728950e"}),
    );
}

#[test]
fn map_keys_holding_emails_are_pseudonymized() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"alice@corp.com": 1});
    s.scrub_value("args", &mut value, &mut report);
    let key = value
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .expect("one key");
    assert!(key.ends_with(".example"), "{key}");
}

#[test]
fn allowlist_mode_pseudonymizes_everything_not_listed() {
    let allow = Allowlist::parse("$.args.op\n$.args.meta\n", "allow").expect("parse");
    let s = builder().allowlist(allow).build().expect("build");
    let mut report = s.report();
    let mut value = json!({
        "op": "put", "meta": {"v": 3, "by": "bob@corp.com"},
        "key": "user-42", "n": 1234, "ok": true, "id": "67e55044-10b1-426f-9247-bb680e5fe0c8"
    });
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["op"], "put");
    assert_eq!(value["meta"]["v"], 3);
    assert!(
        value["meta"]["by"]
            .as_str()
            .is_some_and(|v| v.ends_with(".example")),
        "detectors still run"
    );
    assert_ne!(value["key"], "user-42");
    assert!(
        value["key"]
            .as_str()
            .is_some_and(|k| k.len() == 7 && k.as_bytes()[4] == b'-')
    );
    assert!(
        value["n"]
            .as_u64()
            .is_some_and(|n| (1000..10000).contains(&n))
    );
    assert_eq!(value["ok"], true);
    assert!(value["id"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(report.count("$.args.key", crate::ALLOWLIST_RULE), 1);
    assert_eq!(report.to_json()["mode"], "allowlist");
}

#[test]
fn allowlist_mode_keeps_base64_text_decodable() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let s = builder()
        .allowlist(Allowlist::parse("$.args.op\n", "allow").expect("parse"))
        .build()
        .expect("build");
    let mut report = s.report();
    let blob = b64.encode("set k1 = 1");
    let mut value = json!({"op": "put", "payload": blob, "digest": "cbf29ce484222325"});
    s.scrub_value("args", &mut value, &mut report);
    let out = value["payload"].as_str().expect("a string");
    assert_ne!(out, blob);
    let text = String::from_utf8(b64.decode(out).expect("still strict base64")).expect("text");
    assert_eq!(text.len(), "set k1 = 1".len());
    assert!(
        text.chars().nth(3) == Some(' ') && text.contains(" = "),
        "{text}"
    );
    assert_ne!(value["digest"], "cbf29ce484222325");
    assert_eq!(value["digest"].as_str().map(str::len), Some(16));
}

#[test]
fn the_report_never_holds_a_value_or_the_key() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"password": "hunter2-secret", "to": "alice@corp.com"});
    s.scrub_value("args", &mut value, &mut report);
    let text = report.to_json().to_string();
    assert!(
        !text.contains("hunter2") && !text.contains("alice") && !text.contains("0123456789abcdef")
    );
    assert_eq!(report.to_json()["key"], "user");
}

#[test]
fn a_path_rule_beats_the_key_rule_of_the_same_member() {
    let s = builder()
        .path("keep-shape", "$.args.session", Action::Hash)
        .expect("selector parses")
        .build()
        .expect("build");
    let mut report = s.report();
    let mut value = json!({"session": "abc", "other": {"session": "abc"}});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["session"].as_str().map(str::len), Some(64));
    assert_eq!(value["other"]["session"], "[redacted:key:session]");
}

/// A transcript with one call carrying `args`, ended cleanly.
fn transcript(args: Value) -> Vec<u8> {
    use reprise_transcript::{Call, Direction, Event, Header, Writer};
    let mut w = Writer::new(Vec::new());
    w.header(&Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0"))
        .expect("header");
    w.event(&Event::Call(Call {
        seq: 0,
        dir: Direction::In,
        port: "api".into(),
        method: "put".into(),
        args,
        at_ns: 0,
        parent: None,
        task: None,
    }))
    .expect("event");
    w.end(0).expect("end")
}

fn scrub_bytes(s: &Sanitizer, input: &[u8]) -> Vec<u8> {
    let reader = reprise_transcript::Reader::new(input).expect("header");
    let mut out = Vec::new();
    s.scrub_transcript(
        reader,
        std::io::Cursor::new(Vec::new()),
        &mut out,
        &mut |_| {},
    )
    .expect("scrub");
    out
}

#[test]
fn a_second_scrub_keeps_the_first_report() {
    let s = builder().build().expect("build");
    let once = scrub_bytes(&s, &transcript(json!({"to": "alice@corp.com"})));
    let twice = scrub_bytes(&s, &once);
    let reader = reprise_transcript::Reader::new(&twice[..]).expect("header");
    let section = reader
        .header()
        .sanitizer
        .clone()
        .expect("a sanitizer section");
    assert_eq!(section["previous"]["paths"][0]["path"], "$.args.to");
    assert!(crate::pseudonymized_paths(Some(&section)).contains("$.args.to"));
}

#[test]
fn a_read_error_ends_the_scrub_instead_of_truncating_the_output() {
    struct Failing<'a>(&'a [u8]);
    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let s = builder().build().expect("build");
    let raw = transcript(json!({"k": 1}));
    let header_len = raw.iter().position(|b| *b == b'\n').expect("a header line") + 1;
    let reader = reprise_transcript::Reader::new(Failing(&raw[..header_len + 10])).expect("header");
    let err = s
        .scrub_transcript(
            reader,
            std::io::Cursor::new(Vec::new()),
            Vec::new(),
            &mut |_| {},
        )
        .expect_err("an I/O error");
    assert!(err.to_string().contains("disk on fire"), "{err}");
}

#[test]
fn a_person_record_has_its_name_and_address_pseudonymized_whatever_the_keys() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({
        "party": {"name": "Mrs. Olivia Dubois", "address": "Goethestrasse 8b, 80261 Munich", "dob": "17.01.1961", "id": 7},
        "patient": {"resourceType": "Patient", "name": [{"family": "Smith", "given": ["John"]}], "birthDate": "1980-04-01"},
        "product": {"name": "Blue Widget", "price": 3},
        "metric": {"name": "Queue Depth", "value": 12},
    });
    s.scrub_value("args", &mut value, &mut report);
    let text = value.to_string();
    for gone in [
        "Olivia",
        "Dubois",
        "Goethestrasse",
        "Smith",
        "John",
        "1980-04-01",
        "17.01.1961",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert_eq!(
        value["product"]["name"], "Blue Widget",
        "not a person's record"
    );
    assert_eq!(
        value["metric"]["name"], "Queue Depth",
        "not a person's record"
    );
    assert_eq!(value["party"]["id"], 7);
}

#[test]
fn a_random_value_after_a_secret_looking_name_in_text_is_redacted() {
    let s = builder().build().expect("build");
    check(
        &s,
        json!({"line": "msg=\"auth configured\" nonce_value=Q8x2vLr0Zt7Wp4Nk1Ys9aB attempt=2 sort_key=abc"}),
        json!({"line": "msg=\"auth configured\" nonce_value=[redacted:high-entropy] attempt=2 sort_key=abc"}),
    );
}

#[test]
fn a_table_split_into_lines_has_its_sensitive_column_taken() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"lines": [
        "REC_ID  BRANCH      SECRET_KEY                STATUS  ",
        "97966   PARIS       gnjklH4wofiBj5+rxxE0AU+S  A       ",
    ]});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(
        value["lines"][1],
        "97966   PARIS       [redacted:key:secret]  A       "
    );
    assert_eq!(report.count("$.args.lines[*]", "key:secret"), 1);
}

#[test]
fn a_scrub_on_several_threads_writes_what_one_thread_writes() {
    use reprise_transcript::{Call, Direction, Event, Header, Reader, Writer};
    let mut w = Writer::new(Vec::new());
    w.header(&Header::new("kv", "2026-11-22T10:00:00Z", "0.1.0"))
        .expect("header");
    for seq in 0..2_000u64 {
        let args = json!({"to": format!("user{}@corp{}.com", seq % 37, seq % 3), "n": seq,
            "log": format!("card 4539 1488 0343 6467 token={seq}abcdefgh")});
        w.event(&Event::Call(Call {
            seq,
            dir: Direction::In,
            port: "api".into(),
            method: "send".into(),
            args,
            at_ns: seq,
            parent: None,
            task: None,
        }))
        .expect("event");
    }
    let raw = w.end(0).expect("end");
    let s = builder().build().expect("build");
    let scrub = |threads: usize| {
        let mut out = Vec::new();
        let done = s
            .scrub_transcript_on(
                threads,
                Reader::new(&raw[..]).expect("header"),
                std::io::Cursor::new(Vec::new()),
                &mut out,
                &mut |_| {},
            )
            .expect("scrubbed");
        (out, done.report.to_json(), done.events)
    };
    let one = scrub(1);
    let three = scrub(3);
    assert_eq!(one.2, 2_000);
    assert_eq!(one.1, three.1, "the same report");
    assert!(one.0 == three.0, "the same bytes, in the same order");
    assert!(!String::from_utf8_lossy(&one.0).contains("4539 1488"));
}

/// Workers parse the payloads that the reading thread kept as text: a line
/// whose payload a `Value` cannot hold (nested deeper than serde_json
/// parses) is a bad line there as it is on one thread, and so are broken
/// lines, wherever they are.
#[test]
fn a_scrub_on_several_threads_counts_the_bad_lines_one_thread_counts() {
    use reprise_transcript::Reader;
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let mut text = String::from("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n");
    for i in 0..1_500u64 {
        let args = match i % 500 {
            7 => deep.clone(),
            9 => "{\"note\": \"mail ann@corp.com\"".to_owned(), // torn JSON
            _ => format!("{{\"to\": \"user{i}@corp.com\", \"n\": {i}}}"),
        };
        text.push_str(&format!(
            "{{\"seq\":{i},\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"send\",\"args\":{args}}}\n"
        ));
    }
    let s = builder().build().expect("build");
    let scrub = |threads: usize| {
        let mut out = Vec::new();
        let done = s
            .scrub_transcript_on(
                threads,
                Reader::new(text.as_bytes()).expect("header"),
                std::io::Cursor::new(Vec::new()),
                &mut out,
                &mut |_| {},
            )
            .expect("scrubbed");
        let lines: Vec<Option<u64>> = done.first_errors.iter().map(|e| e.line()).collect();
        (out, done.events, done.bad_lines, lines, done.ending)
    };
    let one = scrub(1);
    let two = scrub(2);
    assert_eq!(one.2, 6, "three deep and three torn lines");
    assert_eq!(one.1, 1_494);
    assert_eq!((one.1, one.2, &one.3), (two.1, two.2, &two.3));
    assert_eq!(one.4, two.4, "cut short both ways");
    assert!(one.0 == two.0, "the same bytes, in the same order");
    assert!(!String::from_utf8_lossy(&two.0).contains("@corp.com"));
}

#[test]
fn a_number_is_taken_only_under_a_name_that_ends_with_the_word() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"auth_failed": 3, "session_active": 1, "tokens": 7, "pin": 1234,
        "card_number": 4539148803436467u64, "metric": {"name": "auth_failed", "value": 2}});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["auth_failed"], 3);
    assert_eq!(value["session_active"], 1);
    assert_eq!(value["tokens"], 7);
    assert_eq!(
        value["metric"]["value"], 2,
        "a metric named after a secret is a count"
    );
    assert_ne!(value["pin"], 1234);
    assert!(value["pin"].is_number());
    assert_ne!(value["card_number"], 4539148803436467u64);
}

/// Any line of a transcript, good or bad, with something to scrub in it.
fn any_line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0u64..40, 0u64..97).prop_map(|(seq, u)| format!(
            r#"{{"seq":{seq},"kind":"call","dir":"in","port":"api","method":"send","args":{{"to":"user{u}@corp.com","n":{seq}}}}}"#
        )),
        2 => (0u64..40).prop_map(|seq| format!(
            r#"{{"seq":{seq},"kind":"probe","name":"p","fields":{{"note":"card 4539 1488 0343 6467"}}}}"#
        )),
        1 => (0u64..30).prop_map(|n| format!(r#"{{"kind":"end","events":{n},"dropped":0}}"#)),
        1 => Just(r#"{"reprise":1,"kind":"header","component":"kv"}"#.to_owned()),
        1 => Just(r#"{"seq":3,"kind":"call","args":{"to":"x@corp.com""#.to_owned()),
        1 => Just(r#"{"seq":"ann@corp.com","kind":"probe"}"#.to_owned()),
        1 => Just(format!(r#"{{"seq":99,"kind":"probe","name":"p","fields":{}1{}}}"#, "[".repeat(150), "]".repeat(150))),
        1 => Just(String::new()),
        1 => Just(format!(r#"{{"seq":5,"kind":"probe","name":"p","fields":{{"pad":"{}"}}}}"#, "z".repeat(300))),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// On several threads the lines are decoded away from where they are
    /// read and checked across each other afterwards: what is written,
    /// counted and reported must be what one thread makes of them, whatever
    /// the bad lines (reordered seqs, a second header, lines after the end
    /// line, torn, too deep or too long lines, a torn last line).
    #[test]
    fn a_scrub_on_several_threads_agrees_with_one_on_any_lines(
        body in proptest::collection::vec(any_line(), 0..1_200),
        newline_at_end in proptest::prelude::any::<bool>(),
    ) {
        use reprise_transcript::Reader;
        let mut text = format!("{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}}\n{}", body.join("\n"));
        if newline_at_end {
            text.push('\n');
        }
        let s = builder().build().expect("build");
        let scrub = |threads: usize| {
            let mut out = Vec::new();
            let done = s
                .scrub_transcript_on(
                    threads,
                    Reader::with_max_line(text.as_bytes(), 256).expect("header"),
                    std::io::Cursor::new(Vec::new()),
                    &mut out,
                    &mut |_| {},
                )
                .expect("scrubbed");
            let errors: Vec<String> = done.first_errors.iter().map(|e| e.to_string()).collect();
            (out, done.report.to_json(), done.events, done.bad_lines, errors, done.ending)
        };
        let one = scrub(1);
        let two = scrub(2);
        proptest::prop_assert_eq!(&one.1, &two.1, "the same report");
        proptest::prop_assert_eq!((one.2, one.3, &one.4, &one.5), (two.2, two.3, &two.4, &two.5));
        proptest::prop_assert!(one.0 == two.0, "the same bytes, in the same order");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// `verify` on several threads finds what it finds on one, in the same
    /// order, and the same bad lines, whatever the lines.
    #[test]
    fn a_verify_on_several_threads_agrees_with_one_on_any_lines(
        body in proptest::collection::vec(any_line(), 0..1_200),
    ) {
        use reprise_transcript::Reader;
        let text = format!("{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}}\n{}\n", body.join("\n"));
        let verifier = crate::Verifier::new().expect("verifier");
        let check = |threads: usize| {
            let mut reader = Reader::with_max_line(text.as_bytes(), 256).expect("header");
            let (mut found, mut bad, mut events) = (Vec::new(), Vec::new(), 0);
            verifier
                .check_transcript_on(
                    threads,
                    &mut reader,
                    &std::collections::BTreeSet::new(),
                    &mut |n, f| {
                        events = n;
                        found.extend(f);
                        Ok(())
                    },
                    &mut |e| bad.push(e.to_string()),
                )
                .expect("checked");
            (found, bad, events, reader.ending().cloned())
        };
        let one = check(1);
        proptest::prop_assert_eq!(check(2), one);
    }
}

/// Regression: `next_of_kin` was never taken: its `next` made it a
/// pagination name (`next_page_token`), though `next` is part of the word.
#[test]
fn regression_next_of_kin_is_a_person_and_a_next_page_token_is_not_a_secret() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"next_of_kin": "Maria Jensen", "next_page_token": "eyJvZmZzZXQiOjIwfQ",
        "previous_cursor": "b2Zmc2V0OjIw"});
    s.scrub_value("args", &mut value, &mut report);
    assert_ne!(value["next_of_kin"], "Maria Jensen");
    assert_eq!(value["next_page_token"], "eyJvZmZzZXQiOjIwfQ");
    assert_eq!(value["previous_cursor"], "b2Zmc2V0OjIw");
}

/// Regression: a JSON Patch operation sets the member its path names, so
/// `{"path": "/spec/password", "value": "x"}` held a password that no key
/// named; a path that names nothing keeps its value.
#[test]
fn regression_a_json_patch_path_names_its_value() {
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!([
        {"op": "replace", "path": "/spec/dbPassword", "value": "hunter2!x"},
        {"op": "add", "path": "/spec/displayName", "value": "Zoë Kowalczyk"},
        {"op": "replace", "path": "/spec/replicas", "value": "three"},
        {"path": "/spec/password", "value": "kept: no op, no patch"},
    ]);
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value[0]["value"], "[redacted:key:password]");
    assert_ne!(value[1]["value"], "Zoë Kowalczyk");
    assert_eq!(value[2]["value"], "three");
    assert_eq!(value[3]["value"], "kept: no op, no patch");
}

/// Regression: a protobuf map entry (`map<string, string>`) in a gRPC-web
/// frame names its value by its key, which the text pass saw as two
/// unrelated strings.
#[test]
fn regression_a_protobuf_map_entry_names_its_value() {
    use base64::Engine as _;
    let entry = |k: &str, v: &str| {
        let mut e = vec![0x0a, k.len() as u8];
        e.extend(k.bytes());
        e.push(0x12);
        e.push(v.len() as u8);
        e.extend(v.bytes());
        let mut m = vec![0x0a, e.len() as u8];
        m.extend(e);
        m
    };
    let msg = [
        entry("db_password", "hunter2!x"),
        entry("region", "eu-west-1"),
    ]
    .concat();
    let mut frame = vec![0u8];
    frame.extend((msg.len() as u32).to_be_bytes());
    frame.extend(&msg);
    let b64 = base64::engine::general_purpose::STANDARD;
    let s = builder().build().expect("build");
    let mut report = s.report();
    let mut value = json!({"body": b64.encode(&frame)});
    s.scrub_value("args", &mut value, &mut report);
    let out = b64
        .decode(value["body"].as_str().expect("a string"))
        .expect("still base64");
    let text = String::from_utf8_lossy(&out);
    assert_eq!(out.len(), frame.len(), "the frame's lengths stay right");
    assert!(!text.contains("hunter2!x"), "{text}");
    assert!(
        text.contains("db_password") && text.contains("eu-west-1"),
        "{text}"
    );
}

/// Regression: with the default rules, a personal value after its label
/// and `is` in prose, and a secret after a label of several words, leaked
/// (the third red-team corpus's chat turns); the sentences around them,
/// and sentences that only mention the field, stay as they were.
#[test]
fn regression_values_after_labels_in_prose_with_the_default_rules() {
    let s = builder().build().expect("build");
    let scrub = |text: &str| {
        let mut report = s.report();
        let mut value = json!({ "content": text });
        s.scrub_value("args", &mut value, &mut report);
        value["content"].as_str().expect("a string").to_owned()
    };
    for (text, gone, kept) in [
        (
            "hi, my anschrift is Lindenweg 44, 81363 München - why does the login fail?",
            "Lindenweg 44",
            " - why does the login fail?",
        ),
        (
            "hi, my nom complet is Zoë Dubois - why does the login fail?",
            "Zoë Dubois",
            " - why does the login fail?",
        ),
        (
            "her full name is Ada Lovelace and I live in London",
            "Ada Lovelace",
            " and I live in London",
        ),
        (
            "the patient's address was 12 Main St, Springfield",
            "12 Main St",
            "the patient's address was ",
        ),
        (
            "mi fecha de nacimiento es 3 de mayo de 1990. Gracias",
            "3 de mayo de 1990",
            ". Gracias",
        ),
        (
            "hi, my docker auth config is c3Zjcm9ib3Q6aHVudGVyMg== - why?",
            "c3Zjcm9ib3Q6aHVudGVyMg==",
            "[redacted:key:token] - why?",
        ),
        (
            "the api key for staging is q8Zr2LmX0pTa7VbN and the rest",
            "q8Zr2LmX0pTa7VbN",
            " and the rest",
        ),
    ] {
        let out = scrub(text);
        assert!(!out.contains(gone), "{out}");
        assert!(out.contains(kept), "{out}");
    }
    for text in [
        "the address is unknown",
        "my name is not important",
        "the password is expired",
        "her name was mentioned",
        "the client is Google Chrome",
        "the release date is 21 August 2024",
        "my password manager is 1Password",
    ] {
        assert_eq!(scrub(text), text);
    }
}

/// What `verify` finds in `value` as scrubbed by `s` (nothing, if they
/// agree).
fn verify_after(s: &Sanitizer, value: &Value) -> Vec<String> {
    let verifier = crate::Verifier::new().expect("verifier");
    let mut report = s.report();
    let mut v = value.clone();
    s.scrub_value("args", &mut v, &mut report);
    let accepted = crate::pseudonymized_paths(Some(&report.to_json()));
    let mut findings = Vec::new();
    verifier.check_value(None, "args", &v, &accepted, &mut findings);
    findings.iter().map(|f| f.rule.clone()).collect()
}

#[test]
fn regression_encoded_text_is_scrubbed_where_it_stands() {
    let s = builder().build().expect("build");
    let scrubbed = |v: Value| {
        let mut report = s.report();
        let mut v = v;
        s.scrub_value("args", &mut v, &mut report);
        v["t"].as_str().expect("a string").to_owned()
    };
    // HTML character references.
    let out = scrubbed(
        json!({"t": "<input name=\"x\" value=\"&#x70;&#x61;&#x73;&#x73;&#x77;&#x6f;&#x72;&#x64;&#x3d;&#x48;&#x75;&#x6e;&#x74;&#x65;&#x72;&#x32;&#x21;\">"}),
    );
    assert!(out.contains("[redacted:"), "{out}");
    assert!(!out.contains("&#x48;&#x75;&#x6e;"), "{out}");
    // Quoted-printable with a soft line break inside the value.
    let out = scrubbed(
        json!({"t": "Content-Transfer-Encoding: quoted-printable\r\n\r\nhier: password=3DTr0ub4=\r\ndor-and-more Gru=C3=9F"}),
    );
    assert!(!out.contains("Tr0ub4"), "{out}");
    assert!(out.contains("Gru=C3=9F"), "{out}");
    // A `.properties` value continued over lines.
    let out =
        scrubbed(json!({"t": "app.name=x\napi.secret=\\\n    abcd1234\\\n    efgh5678\nport=1"}));
    assert!(
        !out.contains("abcd1234") && !out.contains("efgh5678"),
        "{out}"
    );
    assert!(out.ends_with("port=1"), "{out}");
}

#[test]
fn regression_hex_dumps_and_wrapped_base64_are_read_whole() {
    let s = builder().build().expect("build");
    let body = "POST /login HTTP/1.1\r\n\r\nuser=7&password=correct-horse-battery-42";
    let dump = super::blocks::encode(&super::blocks::Form::Dump { offset: 0 }, body);
    let colons: Vec<String> = "{\"api_key\":\"Zq93Kd81Lp7Rt4Vw\"}"
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mime = super::blocks::encode(
        &super::blocks::Form::Wrapped {
            width: 40,
            crlf: false,
        },
        "LOG=info\nDB_PASSWORD=correct-horse-battery-staple-42\nX=1\n",
    );
    for t in [
        format!("{dump}\n"),
        colons.join(":"),
        format!("attachment:\n{mime}\n--end"),
        "https://a.example/cb?state=eyJyZXR1cm4iOiIvIiwibXNnIjoiUElOIEJMT0NLIC4uLi4uLiA5RjNDMjI3MTAwQUIifQ&x=%3A".to_owned(),
    ] {
        let v = json!({ "t": t });
        let mut report = s.report();
        let mut out = v.clone();
        s.scrub_value("args", &mut out, &mut report);
        assert_ne!(out, v, "{t}");
        assert!(verify_after(&s, &v).is_empty(), "{t}");
    }
}

/// Regression (red_team_5's OpenTelemetry attributes): in a pair
/// `{"key": "http.response.status_code", "value": {"intValue": "200"}}`
/// the member `key` names the value, but `key` is also a name that holds
/// secrets, and the long dotted name read as high entropy: it was
/// replaced by `[redacted:high-entropy]`, which loses which attribute the
/// value is. A pair's name member keeps its name.
#[test]
fn regression_a_pairs_name_member_is_never_taken_for_a_random_value() {
    let s = builder().build().expect("build");
    let names = [
        "http.response.status_code",
        "messaging.destination.partition.id",
        "k8s.deployment.replica_count",
    ];
    for name in names {
        check(
            &s,
            json!({"attributes": [{"key": name, "value": {"intValue": "200"}}]}),
            json!({"attributes": [{"key": name, "value": {"intValue": "200"}}]}),
        );
    }
    // A random value under `key` outside a pair is still taken.
    let mut report = s.report();
    let mut value = json!({"key": "q8Zr2VbN5xTt7LwK3mYc9HdP"});
    s.scrub_value("args", &mut value, &mut report);
    assert_eq!(value["key"], "[redacted:high-entropy]");
}

#[test]
fn regression_a_key_word_in_a_file_path_names_the_file_not_a_value() {
    let s = builder().build().expect("rules");
    let flags = "-Djavax.net.ssl.keyStoreType=PKCS12 -Djavax.net.ssl.keyStore=/etc/app/keystore-7.p12 -Xmx2g";
    let text = json!({
        "flags": flags,
        "keyStore": "/etc/app/keystore-7.p12",
        "password": "./secrets/db.txt",
    });
    check(&s, text.clone(), text);
    // A password that only starts with a slash is still a password.
    let mut v = json!({"flags": "-Djavax.net.ssl.keyStorePassword=/Tr0ub4dor3x -Xmx2g"});
    let mut report = s.report();
    s.scrub_value("args", &mut v, &mut report);
    assert!(!v.to_string().contains("Tr0ub4dor3x"), "{v}");
}

#[test]
fn regression_nas_is_a_canadian_sin_only_when_it_passes_the_check() {
    let s = builder().build().expect("rules");
    let radius = json!({"m": "client nas15 { ipaddr = nas02.wifi.acme.internal shortname = nas nas_type = cisco }"});
    check(&s, radius.clone(), radius);
    let mut v = json!({"m": "NAS: 046 454 286"});
    let mut report = s.report();
    s.scrub_value("args", &mut v, &mut report);
    assert!(!v.to_string().contains("046 454 286"), "{v}");
}
