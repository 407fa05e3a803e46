use super::*;

/// A transcript of node `id` holding `lines` (events without the header).
fn node(id: u32, lines: &[&str]) -> String {
    let mut text = format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"created\":\"2026-01-0{}T00:00:00Z\",\"meta\":{{\"node\":{id}}}}}\n",
        id + 1
    );
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&format!(
        "{{\"kind\":\"end\",\"events\":{},\"dropped\":0}}\n",
        lines.len()
    ));
    text
}

fn merge(nodes: &[String]) -> (Summary, String) {
    let spec: Correlation =
        "net.send(@node, $.args.to, $.args.id) -> api.recv($.args.from, @node, $.args.id)"
            .parse()
            .unwrap();
    let inputs = nodes
        .iter()
        .enumerate()
        .map(|(i, text)| Input {
            file: format!("n{i}.jsonl"),
            reader: text.as_bytes(),
        })
        .collect();
    let mut out = Vec::new();
    let summary = Merge::new(spec).run(inputs, &mut out).unwrap();
    (summary, String::from_utf8(out).unwrap())
}

fn send(seq: u64, to: u32, id: u32, at_ns: u64) -> String {
    format!(
        r#"{{"kind":"call","seq":{seq},"dir":"out","port":"net","method":"send","args":{{"to":{to},"id":{id}}},"at_ns":{at_ns}}}"#
    )
}

fn recv(seq: u64, from: u32, id: u32, at_ns: u64) -> String {
    format!(
        r#"{{"kind":"call","seq":{seq},"dir":"in","port":"api","method":"recv","args":{{"from":{from},"id":{id}}},"at_ns":{at_ns}}}"#
    )
}

fn ret(seq: u64, call: u64, at_ns: u64) -> String {
    format!(r#"{{"kind":"return","seq":{seq},"call":{call},"ok":null,"at_ns":{at_ns}}}"#)
}

#[test]
fn a_ping_pong_merges_in_causal_order_whatever_the_wall_clocks() {
    // Node 1's wall clock is far behind node 0's: it must not matter.
    let n0 = node(
        0,
        &[
            &send(0, 1, 1, 5_000),
            &ret(1, 0, 5_100),
            &recv(2, 1, 2, 9_000),
            &ret(3, 2, 9_100),
        ],
    );
    let n1 = node(
        1,
        &[
            &recv(0, 0, 1, 10),
            &send(1, 0, 2, 20),
            &ret(2, 1, 30),
            &ret(3, 0, 40),
        ],
    );
    let (summary, text) = merge(&[n1, n0]);
    assert_eq!((summary.events, summary.matched), (8, 2));
    assert!(summary.unmatched_sends.is_empty() && summary.unmatched_receives.is_empty());
    insta::assert_snapshot!(text);
}

#[test]
fn lost_messages_and_receives_without_a_send_are_listed_not_dropped() {
    // Node 0 sends id 1 (never received) and node 1 receives id 9 (never sent).
    let n0 = node(0, &[&send(0, 1, 1, 100), &ret(1, 0, 110)]);
    let n1 = node(1, &[&recv(0, 0, 9, 50), &ret(1, 0, 60)]);
    let (summary, text) = merge(&[n0, n1]);
    assert_eq!(summary.events, 4);
    assert_eq!(text.lines().count(), 6, "every event is written");
    insta::assert_json_snapshot!(summary);
}

#[test]
fn duplicate_messages_pair_oldest_first() {
    let n0 = node(0, &[&send(0, 1, 3, 1), &send(1, 1, 3, 2)]);
    let n1 = node(1, &[&recv(0, 0, 3, 1), &recv(1, 0, 3, 2)]);
    let (summary, text) = merge(&[n0, n1]);
    assert_eq!(summary.matched, 2);
    let causes: Vec<u64> = text
        .lines()
        .filter_map(|l| {
            serde_json::from_str::<Value>(l)
                .ok()?
                .get("cause")?
                .as_u64()
        })
        .collect();
    assert_eq!(causes, [0, 1]);
}

#[test]
fn the_merged_file_reads_as_a_transcript_with_origins() {
    let n0 = node(0, &[&send(0, 1, 1, 5), &ret(1, 0, 6)]);
    let n1 = node(1, &[&recv(0, 0, 1, 1), &ret(1, 0, 2)]);
    let (_, text) = merge(&[n0, n1]);
    let mut reader = Reader::new(text.as_bytes()).unwrap();
    let mut origins = Vec::new();
    while let Some(event) = reader.next() {
        let event = event.unwrap();
        let origin = reader.origin().unwrap().clone();
        origins.push((
            event.seq().unwrap(),
            origin.node,
            origin.seq,
            origin.clock,
            origin.cause,
        ));
    }
    assert!(reader.ending().unwrap().is_clean());
    assert_eq!(reader.merge_summary().unwrap()["matched"], 1);
    assert_eq!(
        origins,
        [
            (0, "0".to_owned(), 0, Some(1), None),
            (1, "0".to_owned(), 1, Some(2), None),
            (2, "1".to_owned(), 0, Some(2), Some(0)),
            (3, "1".to_owned(), 1, Some(3), None),
        ]
    );
}

#[test]
fn a_bad_line_is_skipped_and_named_with_its_file_and_line() {
    let n0 = node(
        0,
        &[
            &send(0, 1, 1, 5),
            "{\"kind\":\"call\",\"seq\":1",
            &ret(2, 0, 6),
        ],
    );
    let n1 = node(1, &[&recv(0, 0, 1, 1)]);
    let (summary, _) = merge(&[n0, n1]);
    let problems: Vec<String> = summary.problems.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(problems);
}

#[test]
fn two_transcripts_of_one_node_are_refused() {
    let spec: Correlation = "net.send($.args.id) -> api.recv($.args.id)"
        .parse()
        .unwrap();
    let a = node(0, &[]);
    let inputs = vec![
        Input {
            file: "a.jsonl".into(),
            reader: a.as_bytes(),
        },
        Input {
            file: "b.jsonl".into(),
            reader: a.as_bytes(),
        },
    ];
    let err = Merge::new(spec).run(inputs, Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "b.jsonl: node `0` is already a.jsonl: give each node's transcript once"
    );
}

#[test]
fn a_file_that_is_not_a_transcript_is_named() {
    let spec: Correlation = "net.send($.args.id) -> api.recv($.args.id)"
        .parse()
        .unwrap();
    let inputs = vec![Input {
        file: "notes.txt".into(),
        reader: "hello\n".as_bytes(),
    }];
    let err = Merge::new(spec).run(inputs, Vec::new()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("notes.txt: line 1: not a reprise transcript"),
        "{err}"
    );
}

/// Regression: with a typo in a key path every key was `[null]`, so every
/// send matched every receive and the causal order was silently wrong.
#[test]
fn correctness_a_typo_in_a_key_path_pairs_nothing_and_is_counted() {
    let spec: Correlation = "net.send($.args.idd) -> api.recv($.args.idd)"
        .parse()
        .unwrap();
    let n0 = node(0, &[&send(0, 1, 1, 5), &send(1, 1, 2, 6)]);
    let n1 = node(1, &[&recv(0, 0, 2, 1)]);
    let inputs = vec![
        Input {
            file: "n0.jsonl".into(),
            reader: n0.as_bytes(),
        },
        Input {
            file: "n1.jsonl".into(),
            reader: n1.as_bytes(),
        },
    ];
    let mut out = Vec::new();
    let summary = Merge::new(spec).run(inputs, &mut out).unwrap();
    assert_eq!(summary.matched, 0);
    assert_eq!((summary.unkeyed_sends, summary.unkeyed_receives), (2, 1));
    assert!(summary.unmatched_sends.is_empty() && summary.unmatched_receives.is_empty());
    assert!(!String::from_utf8(out).unwrap().contains("\"cause\""));
}
