use super::*;

const HEADER: &str = r#"{"reprise":1,"kind":"header","component":"kv","created":"2026-11-22T10:00:00Z","recorder":"0.1.0","meta":{"version":"1.0"}}"#;

/// A transcript: the header, then `lines`.
fn transcript(name: &str, lines: &[&str]) -> Outline {
    let mut text = format!("{HEADER}\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    Outline::from_str(name, &text).expect("a transcript")
}

/// Diffs two transcripts given as lines, with `options`, and checks the
/// headline and every difference (one a line, as `Display` writes them).
#[track_caller]
fn check_with(options: &DiffOptions, a: &[&str], b: &[&str], expected: &[&str]) {
    let diff = diff(&transcript("a", a), &transcript("b", b), options);
    let lines: Vec<String> = diff.differences.iter().map(ToString::to_string).collect();
    assert_eq!(lines, expected, "\n{}", diff.to_text());
    assert_eq!(diff.is_equivalent(), expected.is_empty());
}

#[track_caller]
fn check(a: &[&str], b: &[&str], expected: &[&str]) {
    check_with(&DiffOptions::new(), a, b, expected);
}

const PUT: &str = r#"{"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a"},"at_ns":10}"#;
const WRITE: &str = r#"{"kind":"call","seq":2,"dir":"out","port":"storage","method":"write","args":{"key":"a","v":1},"at_ns":20,"parent":1}"#;
const WRITE_OK: &str = r#"{"kind":"return","seq":3,"call":2,"ok":null,"at_ns":30}"#;
const PUT_OK: &str = r#"{"kind":"return","seq":4,"call":1,"ok":1,"at_ns":40}"#;
const GET: &str = r#"{"kind":"call","seq":5,"dir":"in","port":"api","method":"get","args":{"key":"a"},"at_ns":50}"#;
const READ: &str = r#"{"kind":"call","seq":6,"dir":"out","port":"storage","method":"read","args":{"key":"a"},"at_ns":60,"parent":5}"#;
const READ_OK: &str = r#"{"kind":"return","seq":7,"call":6,"ok":1,"at_ns":70}"#;
const GET_OK: &str = r#"{"kind":"return","seq":8,"call":5,"ok":1,"at_ns":80}"#;

fn story() -> Vec<&'static str> {
    vec![PUT, WRITE, WRITE_OK, PUT_OK, GET, READ, READ_OK, GET_OK]
}

/// `story()` with `from` replaced by `to` in line `i`.
fn changed(i: usize, from: &str, to: &str) -> Vec<String> {
    story()
        .iter()
        .enumerate()
        .map(|(j, l)| {
            if i == j {
                l.replace(from, to)
            } else {
                (*l).to_owned()
            }
        })
        .collect()
}

fn refs(lines: &[String]) -> Vec<&str> {
    lines.iter().map(String::as_str).collect()
}

#[test]
fn a_transcript_is_equivalent_to_itself() {
    check(&story(), &story(), &[]);
}

#[test]
fn timing_and_creation_are_noise_unless_asked_for() {
    let later = changed(1, r#""at_ns":20"#, r#""at_ns":25"#);
    check(&story(), &refs(&later), &[]);
    let noisy = DiffOptions::new().noise(true);
    check_with(
        &noisy,
        &story(),
        &refs(&later),
        &[
            "arguments differ: storage.write in inbound call #1 api.put (a: seq 2, b: seq 2) at $.at_ns",
        ],
    );
}

#[test]
fn changed_arguments_name_their_path_in_their_inbound_call() {
    let b = changed(1, r#""v":1"#, r#""v":2"#);
    check(
        &story(),
        &refs(&b),
        &[
            "arguments differ: storage.write in inbound call #1 api.put (a: seq 2, b: seq 2) at $.args.v",
        ],
    );
}

#[test]
fn a_changed_inbound_return_is_the_component_answering_differently() {
    let b = changed(7, r#""ok":1"#, r#""err":"gone""#);
    check(
        &story(),
        &refs(&b),
        &["return differs: inbound call #2 api.get (a: seq 5, b: seq 5) at $.err (and 1 more)"],
    );
}

#[test]
fn a_call_not_made_is_missing_and_a_new_one_unexpected() {
    let mut without_write = story();
    without_write.retain(|l| *l != WRITE && *l != WRITE_OK);
    check(
        &story(),
        &without_write,
        &["missing call: storage.write in inbound call #1 api.put (a: seq 2)"],
    );
    check(
        &without_write,
        &story(),
        &["unexpected call: storage.write in inbound call #1 api.put (b: seq 2)"],
    );
}

#[test]
fn a_call_moved_to_another_inbound_call_is_never_clean() {
    let moved_write = r#"{"kind":"call","seq":9,"dir":"out","port":"storage","method":"write","args":{"key":"a","v":1},"at_ns":20,"parent":5}"#;
    let moved_ok = r#"{"kind":"return","seq":10,"call":9,"ok":null,"at_ns":30}"#;
    let get_ok = GET_OK.replace(r#""seq":8"#, r#""seq":11"#);
    let b = [
        PUT,
        PUT_OK,
        GET,
        READ,
        READ_OK,
        moved_write,
        moved_ok,
        &get_ok,
    ];
    check(
        &story(),
        &b,
        &[
            "missing call: storage.write in inbound call #1 api.put (a: seq 2)",
            "unexpected call: storage.write in inbound call #2 api.get (b: seq 9)",
        ],
    );
}

#[test]
fn calls_align_by_their_arguments_before_their_port_and_method() {
    let send = |seq: u64, to: u64| {
        format!(
            r#"{{"kind":"call","seq":{seq},"dir":"out","port":"net","method":"send","args":{{"to":{to}}},"at_ns":1,"parent":1}}"#
        )
    };
    let (one, two, two_later) = (send(2, 1), send(3, 2), send(2, 2));
    check(
        &[PUT, &one, &two],
        &[PUT, &two_later],
        &["missing call: net.send in inbound call #1 api.put (a: seq 2)"],
    );
    let three = send(2, 3);
    check(
        &[PUT, &one, &two],
        &[PUT, &three, &two_later.replace("\"seq\":2", "\"seq\":3")],
        &[
            "arguments differ: net.send in inbound call #1 api.put (a: seq 2, b: seq 2) at $.args.to",
        ],
    );
}

#[test]
fn an_inbound_call_only_one_side_has_does_not_shift_the_others() {
    let b = [GET, READ, READ_OK, GET_OK];
    check(
        &story(),
        &b,
        &["missing call: inbound call #1 api.put (a: seq 1)"],
    );
}

#[test]
fn a_redacted_value_matches_anything_on_either_side() {
    let redacted = changed(1, r#""key":"a""#, r#""key":"[redacted:key:key]""#);
    check(&story(), &refs(&redacted), &[]);
    check(&refs(&redacted), &story(), &[]);
    let span = changed(1, r#""key":"a""#, r#""key":"user [redacted:email] here""#);
    let clear = changed(1, r#""key":"a""#, r#""key":"user bob@corp.com here""#);
    check(&refs(&span), &refs(&clear), &[]);
    let other = changed(1, r#""key":"a""#, r#""key":"admin bob@corp.com here""#);
    assert!(
        !diff(
            &transcript("a", &refs(&span)),
            &transcript("b", &refs(&other)),
            &DiffOptions::new()
        )
        .is_equivalent()
    );
}

#[test]
fn ignored_paths_are_left_out() {
    let b = changed(1, r#""v":1"#, r#""v":2"#);
    let options = DiffOptions::new().ignore("$.args.v").expect("a selector");
    check_with(&options, &story(), &refs(&b), &[]);
    let options = DiffOptions::new().ignore("$..v").expect("a selector");
    check_with(&options, &story(), &refs(&b), &[]);
}

#[test]
fn object_member_order_does_not_matter() {
    let b = changed(1, r#""key":"a","v":1"#, r#""v":1,"key":"a""#);
    check(&story(), &refs(&b), &[]);
}

#[test]
fn headers_states_probes_and_endings_are_compared() {
    let state = |seq: u64, label: &str, n: u64| {
        format!(r#"{{"kind":"state","seq":{seq},"label":"{label}","state":{{"n":{n}}}}}"#)
    };
    let probe = |n: u64| {
        format!(r#"{{"kind":"probe","seq":9,"name":"depth","fields":{{"len":{n}}},"at_ns":90}}"#)
    };
    let end = r#"{"kind":"end","events":2,"dropped":0}"#;
    let (s0, s1, c1) = (
        state(0, "initial", 0),
        state(0, "initial", 1),
        state(1, "checkpoint", 3),
    );
    let (p1, p2) = (probe(1), probe(2));
    check(
        &[&s0, &p1, end],
        &[&s1, &c1, &p2],
        &[
            "state differs: state initial (a: seq 0, b: seq 0) at $.state.n",
            "unexpected state: state checkpoint (b: seq 1)",
            "probe differs: depth (a: seq 9, b: seq 9) at $.fields.len",
            "ending differs: end at $.dropped (and 1 more)",
        ],
    );
    let a = Outline::from_str("a", &format!("{HEADER}\n")).expect("a");
    let b = Outline::from_str("b", &format!("{}\n", HEADER.replace("1.0", "1.1"))).expect("b");
    let diff = diff(&a, &b, &DiffOptions::new());
    assert_eq!(
        diff.first().map(ToString::to_string).as_deref(),
        Some("header differs: header at $.meta.version")
    );
}

#[test]
fn calls_outside_inbound_calls_are_a_scope_of_their_own() {
    let setup = |v: u64| {
        format!(
            r#"{{"kind":"call","seq":0,"dir":"out","port":"disk","method":"open","args":{{"v":{v}}},"at_ns":1}}"#
        )
    };
    let (a, b) = (setup(1), setup(2));
    check(
        &[&a, PUT, PUT_OK],
        &[&b, PUT, PUT_OK],
        &["arguments differ: disk.open outside inbound calls (a: seq 0, b: seq 0) at $.args.v"],
    );
}

#[test]
fn a_hostile_parent_link_is_not_followed() {
    let forward = r#"{"kind":"call","seq":2,"dir":"out","port":"storage","method":"write","args":{},"at_ns":20,"parent":9}"#;
    let looped = r#"{"kind":"call","seq":3,"dir":"out","port":"storage","method":"write","args":{},"at_ns":20,"parent":3}"#;
    let outline = transcript("a", &[PUT, forward, looped]);
    assert_eq!(outline.outside.len(), 2);
}

#[test]
fn a_bad_line_is_an_error_naming_it_without_its_value() {
    let text = format!("{HEADER}\n{PUT}\n{{\"kind\":\"call\",\"seq\":\"alice@corp.com\"}}\n");
    let err = Outline::from_str("a.jsonl", &text).expect_err("a bad line");
    let message = err.to_string();
    assert!(message.starts_with("a.jsonl: line 3"), "{message}");
    assert!(!message.contains("alice"), "{message}");
}

#[test]
fn the_text_report_shows_values_and_text_line_by_line() {
    let note = |text: &str| {
        format!(
            r#"{{"kind":"call","seq":2,"dir":"out","port":"log","method":"write","args":{{"text":{}}},"at_ns":1,"parent":1}}"#,
            serde_json::to_string(text).expect("json")
        )
    };
    let (a, b) = (note("one\ntwo\nthree\n"), note("one\n2\nthree\n"));
    let long = "x".repeat(400);
    let big = format!(
        r#"{{"kind":"call","seq":3,"dir":"out","port":"net","method":"send","args":{{"body":"{long}"}},"at_ns":1,"parent":1}}"#
    );
    let diff = diff(
        &transcript("a.jsonl", &[PUT, &a, &big, PUT_OK]),
        &transcript(
            "b.jsonl",
            &[
                PUT,
                &b,
                PUT_OK.replace("\"ok\":1", "\"ok\":{\"v\":2}").as_str(),
            ],
        ),
        &DiffOptions::new(),
    );
    insta::assert_snapshot!(diff.to_text());
    insta::assert_json_snapshot!(diff);
}
