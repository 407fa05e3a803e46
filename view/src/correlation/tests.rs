use proptest::prelude::*;
use serde_json::json;

use super::*;

fn call(dir: Direction, port: &str, method: &str, args: Value) -> Call<Value> {
    Call {
        seq: 0,
        dir,
        port: port.into(),
        method: method.into(),
        args,
        at_ns: 0,
        parent: None,
        task: None,
    }
}

/// One line of data per case: the spec and the error's offset and reason.
fn check_error(spec: &str, offset: usize, reason: &str) {
    let err = spec.parse::<Correlation>().expect_err(spec);
    assert_eq!(
        (err.offset, err.reason.as_str()),
        (offset, reason),
        "{spec}"
    );
}

#[test]
fn a_send_and_its_receive_have_the_same_key() {
    let spec: Correlation = "network.send(@node, $.args.to, $.args.msg) -> \
                             api.on_message($.args.from, @node, $.args.msg)"
        .parse()
        .unwrap();
    let send = call(
        Direction::Out,
        "network",
        "send",
        json!({"to": 2, "msg": {"view": 1, "type": "Commit"}}),
    );
    let receive = call(
        Direction::In,
        "api",
        "on_message",
        json!({"from": 0, "msg": {"type": "Commit", "view": 1}}),
    );
    let sent = spec.send_key(&send, &json!(0)).unwrap();
    assert!(sent.is_some());
    assert_eq!(spec.receive_key(&receive, &json!(2)), Some(sent.clone()));
    assert_ne!(spec.receive_key(&receive, &json!(1)), Some(sent));
    assert_eq!(spec.receive_key(&send, &json!(2)), None);
}

/// Regression: a missing path became `null`, so with a typo every send's
/// key was `[null]` and matched every receive's.
#[test]
fn correctness_a_call_whose_every_key_path_is_missing_is_unkeyed() {
    let spec: Correlation = "net.send($.args.idd) -> api.recv($.args.idd)"
        .parse()
        .unwrap();
    let send = call(Direction::Out, "net", "send", json!({"id": 1}));
    let receive = call(Direction::In, "api", "recv", json!({"id": 2}));
    assert_eq!(spec.send_key(&send, &json!(0)), Some(None));
    assert_eq!(spec.receive_key(&receive, &json!(1)), Some(None));
    // One part present is a key; `@node` alone is a key.
    let spec: Correlation = "net.send($.args.id, $.args.idd) -> api.recv($.args.id, $.args.idd)"
        .parse()
        .unwrap();
    assert_eq!(
        spec.send_key(&send, &json!(0)),
        Some(Some("[1,null]".to_owned()))
    );
    let spec: Correlation = "net.send(@node, $.method) -> api.recv(@node, $.task)"
        .parse()
        .unwrap();
    assert_eq!(
        spec.send_key(&send, &json!(0)),
        Some(Some(r#"[0,"send"]"#.to_owned()))
    );
    assert_eq!(
        spec.receive_key(&receive, &json!(1)),
        Some(None),
        "@node does not make a key of missing paths"
    );
}

#[test]
fn labels_are_for_the_reader() {
    let spec: Correlation =
        "net.send(from = @node, seq=$.args.seq) -> api.recv(from=$.args.from, seq=$.args.seq)"
            .parse()
            .unwrap();
    assert_eq!(
        spec.to_string(),
        "net.send(from=@node, seq=$.args.seq) -> api.recv(from=$.args.from, seq=$.args.seq)"
    );
}

#[test]
fn bad_correlations_say_where_and_why() {
    check_error(
        "network.send($.args.id)",
        23,
        "expected `->` between the send and the receive",
    );
    check_error(
        "network($.a) -> api.x($.a)",
        7,
        "expected `.` between the port and the method",
    );
    check_error(
        "n.s($..id) -> a.r($.id)",
        4,
        "a path in a correlation names one value: no `..` or `[*]`",
    );
    check_error(
        "n.s($.args.a, $.args.b) -> a.r($.args.a)",
        0,
        "the send's key has 2 parts but the receive's has 1",
    );
    check_error("n.s(x) -> a.r($.a)", 5, "expected `=` after a label");
    check_error(
        "n.s($.args.id) -> a.r($.id)",
        22,
        "a path in a correlation starts with `$.args`, `$.port`, `$.method` or `$.task`",
    );
    check_error(
        "n.s($.args.a) -> a.r($.args.a) extra",
        31,
        "unexpected text after the receive",
    );
}

proptest! {
    /// Parsing never panics, and what parses prints back to text that
    /// parses to the same correlation.
    #[test]
    fn parsing_never_panics_and_round_trips(text in "[a-z.$@()=,>\\-\\[\\]*'0-9 ]{0,60}") {
        if let Ok(spec) = text.parse::<Correlation>() {
            let again: Correlation = spec.to_string().parse().unwrap();
            prop_assert_eq!(again, spec);
        }
    }

    #[test]
    fn generated_correlations_round_trip(
        port in "[a-z][a-z0-9_]{0,8}",
        method in "[a-z][a-z0-9_]{0,8}",
        keys in proptest::collection::vec(proptest::option::of("[a-z][a-z0-9_]{0,6}"), 1..4),
    ) {
        let parts = |side: &str| keys.iter().map(|k| match k {
            Some(k) => format!("$.args.{side}.{k}"),
            None => "@node".to_owned(),
        }).collect::<Vec<_>>().join(", ");
        let text = format!("{port}.{method}({}) -> api.on_message({})", parts("out"), parts("in"));
        let spec: Correlation = text.parse().unwrap();
        prop_assert_eq!(spec.to_string(), text);
        prop_assert_eq!(spec.send().parts.len(), keys.len());
    }
}
