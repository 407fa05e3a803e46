//! The page in a real headless Chromium: lanes, arrows and the highlighted
//! divergence are in the DOM after the script ran, and a 100,000-event
//! transcript opens and redraws quickly. Screenshots are kept under
//! `target/reprise-view/`.

#[path = "support/browser.rs"]
mod support;

use std::fs;
use std::path::Path;

use reprise::transcript::{Call, Direction, Event, Header, Outcome, Probe, Return, State, Writer};
use reprise::view::{Input, Merge, Overlay, Timeline};
use serde_json::json;

/// A node that receives `n` messages from the other and answers each.
fn node(id: u64, other: u64, n: u64) -> Vec<u8> {
    let mut header = Header::new("pinger", "2026-01-01T00:00:00Z", "0.1.0");
    header.meta.insert("node".into(), json!(id));
    let mut w = Writer::new(Vec::new());
    w.header(&header).unwrap();
    let mut seq = 0;
    let mut next = || {
        seq += 1;
        seq - 1
    };
    let at = |k: u64| 1_000 + k * 10_000 + id * 3_000_000;
    w.event(&Event::State(State {
        seq: next(),
        label: "initial".into(),
        state: json!({"n": 0, "token": "[redacted:secret]"}),
    }))
    .unwrap();
    for k in 0..n {
        if id == 0 || k > 0 {
            let send = next();
            w.event(&Event::Call(Call {
                seq: send,
                dir: Direction::Out,
                port: "network".into(),
                method: "send".into(),
                args: json!({"to": other, "msg": {"k": k, "from": id}}),
                at_ns: at(k),
                parent: None,
                task: None,
            }))
            .unwrap();
            w.event(&Event::Return(Return {
                seq: next(),
                call: send,
                outcome: Outcome::Ok(json!(null)),
                at_ns: at(k) + 500,
            }))
            .unwrap();
        }
        let recv = next();
        let k_in = if id == 0 { k } else { k.saturating_sub(1) };
        w.event(&Event::Call(Call {
            seq: recv,
            dir: Direction::In,
            port: "api".into(),
            method: "on_message".into(),
            args: json!({"from": other, "msg": {"k": k_in, "from": other}}),
            at_ns: at(k) + 4_000,
            parent: None,
            task: None,
        }))
        .unwrap();
        let store = next();
        w.event(&Event::Call(Call {
            seq: store,
            dir: Direction::Out,
            port: "storage".into(),
            method: "append".into(),
            args: json!({"k": k}),
            at_ns: at(k) + 4_500,
            parent: Some(recv),
            task: None,
        }))
        .unwrap();
        w.event(&Event::Return(Return {
            seq: next(),
            call: store,
            outcome: Outcome::Ok(json!(k)),
            at_ns: at(k) + 5_500,
        }))
        .unwrap();
        w.event(&Event::Return(Return {
            seq: next(),
            call: recv,
            outcome: Outcome::Ok(json!([])),
            at_ns: at(k) + 6_000,
        }))
        .unwrap();
        w.event(&Event::Probe(Probe {
            seq: next(),
            name: "log.len".into(),
            fields: json!({"len": k}),
            at_ns: at(k) + 6_100,
        }))
        .unwrap();
    }
    w.end(0).unwrap()
}

/// Writes the timeline of one transcript, `name` holding `text`, with
/// `overlay`, to `page`.
fn write_page(title: &str, overlay: Overlay, name: &str, text: &[u8], page: &Path) {
    Timeline::new(title)
        .overlay(overlay)
        .write(
            vec![Input {
                file: name.into(),
                reader: text,
            }],
            fs::File::create(page).unwrap(),
        )
        .unwrap();
}

#[test]
fn a_merged_cluster_shows_node_lanes_arrows_and_the_highlighted_divergence() {
    let Some(browser) =
        support::browser("a_merged_cluster_shows_node_lanes_arrows_and_the_highlighted_divergence")
    else {
        return;
    };
    let dir = support::artifacts();
    let (a, b) = (node(0, 1, 6), node(1, 0, 6));
    let mut cluster = Vec::new();
    let summary = Merge::new(
        "network.send(@node, $.args.to, $.args.msg) -> api.on_message($.args.from, @node, $.args.msg)"
            .parse()
            .unwrap(),
    )
    .run(
        vec![
            Input { file: "n0.jsonl".into(), reader: &a[..] },
            Input { file: "n1.jsonl".into(), reader: &b[..] },
        ],
        &mut cluster,
    )
    .unwrap();
    assert!(summary.matched >= 10, "{summary:?}");
    // A replay report of node 1 whose first divergence is its seq 9 (a storage append).
    let report = r#"{"component":"pinger","clean":false,"findings":[
        {"seq":9,"port":"storage","method":"append","kind":"missing_call","message":"the component did not append","expected":{"k":1},"actual":null,"paths":[]}]}"#;
    let page = dir.join("cluster.html");
    write_page(
        "two pingers",
        Overlay::from_json("report.json", Some("1".into()), report).unwrap(),
        "cluster.jsonl",
        &cluster,
        &page,
    );

    let dom = support::dump_dom(&browser, &page);
    assert_eq!(
        support::body_data(&dom, "ready"),
        Some("1"),
        "the script ran"
    );
    // Node 0 and node 1, each with api, network, storage, probe and state lanes.
    assert_eq!(dom.matches("class=\"lane node-start\"").count(), 2);
    assert_eq!(support::body_data(&dom, "lanes"), Some("10"));
    for lane in ["0/api/", "0/network/", "1/storage/", "1/probe/", "1/state/"] {
        assert!(
            dom.contains(&format!("data-lane=\"{lane}\"")),
            "lane {lane}"
        );
    }
    assert!(
        dom.contains("class=\"finding headline\""),
        "the divergence is listed first"
    );
    assert!(dom.contains("missing call"), "the finding's kind, in words");
    // The page opened on it: its event's payload is shown, scrubbed value marked.
    assert!(dom.contains("node 1 #"), "details of the event");
    assert!(dom.contains("outbound storage.append"));
    support::screenshot(&browser, &page, &dir.join("cluster.png"), 1400, 700);
}

#[test]
fn a_scrubbed_value_is_shown_as_scrubbed() {
    let Some(browser) = support::browser("a_scrubbed_value_is_shown_as_scrubbed") else {
        return;
    };
    let a = node(0, 1, 1);
    let report = r#"{"findings":[{"seq":0,"port":"state","method":"initial","kind":"error","message":"look here"}]}"#;
    let page = support::artifacts().join("scrubbed.html");
    write_page(
        "scrubbed",
        Overlay::from_json("r.json", None, report).unwrap(),
        "n0.jsonl",
        &a,
        &page,
    );
    let dom = support::dump_dom(&browser, &page);
    assert!(
        dom.contains("<mark class=\"scrubbed\""),
        "the placeholder is marked"
    );
    assert!(dom.contains("[redacted:secret]</mark>"));
}

/// Regression: the details of a finding showed the report's `expected` and
/// `actual` values (a replay's `actual` is not in the transcript); they show
/// the transcript's own value at each path instead.
#[test]
fn leak_a_finding_shows_the_transcripts_values_at_its_paths_not_the_reports() {
    let Some(browser) = support::browser(
        "leak_a_finding_shows_the_transcripts_values_at_its_paths_not_the_reports",
    ) else {
        return;
    };
    let a = node(0, 1, 1);
    let report = r#"{"findings":[{"seq":1,"port":"network","method":"send","kind":"arguments_differ",
        "message":"`to` differs: got 4916338506082832","expected":{"to":1},"actual":{"to":4916338506082832},
        "paths":["$.args.to","$.args.msg.k","$.args.card"]}]}"#;
    let page = support::artifacts().join("finding-paths.html");
    write_page(
        "finding paths",
        Overlay::from_json("r.json", None, report).unwrap(),
        "n0.jsonl",
        &a,
        &page,
    );
    assert!(
        !fs::read_to_string(&page)
            .unwrap()
            .contains("4916338506082832")
    );
    let dom = support::dump_dom(&browser, &page);
    assert_eq!(support::body_data(&dom, "ready"), Some("1"));
    assert!(
        dom.contains(
            "arguments differ at $.args.to, $.args.msg.k and 1 path the transcript does not hold"
        ),
        "the finding in words"
    );
    assert!(dom.contains("recorded at $.args.to</h2><pre>1</pre>"));
    assert!(dom.contains("recorded at $.args.msg.k</h2><pre>0</pre>"));
    assert!(!dom.contains("4916338506082832"));
}

#[test]
fn a_100000_event_transcript_opens_and_redraws_quickly() {
    let Some(browser) = support::browser("a_100000_event_transcript_opens_and_redraws_quickly")
    else {
        return;
    };
    let dir = support::artifacts();
    let mut w = Writer::new(Vec::new());
    w.header(&Header::new("big", "2026-01-01T00:00:00Z", "0.1.0"))
        .unwrap();
    let ports = ["network", "storage", "clock", "timer"];
    let mut seq = 0u64;
    while seq < 100_000 {
        let k = seq / 2;
        w.event(&Event::Call(Call {
            seq,
            dir: Direction::Out,
            port: ports[(k % 4) as usize].into(),
            method: "op".into(),
            args: json!({"k": k, "text": "some payload text"}),
            at_ns: seq * 1_000,
            parent: None,
            task: Some(format!("t{}", k % 3)),
        }))
        .unwrap();
        w.event(&Event::Return(Return {
            seq: seq + 1,
            call: seq,
            outcome: Outcome::Ok(json!(k)),
            at_ns: seq * 1_000 + 700,
        }))
        .unwrap();
        seq += 2;
    }
    let text = w.end(0).unwrap();
    let page = dir.join("big.html");
    let summary = Timeline::new("100,000 events")
        .write(
            vec![Input {
                file: "big.jsonl".into(),
                reader: &text[..],
            }],
            fs::File::create(&page).unwrap(),
        )
        .unwrap();
    assert_eq!(summary.events, 100_000);
    let dom = support::dump_dom(&browser, &page);
    assert_eq!(support::body_data(&dom, "ready"), Some("1"));
    assert_eq!(support::body_data(&dom, "events"), Some("100000"));
    let open_ms: f64 = support::body_data(&dom, "open-ms")
        .unwrap()
        .parse()
        .unwrap();
    let redraw_ms: f64 = support::body_data(&dom, "redraw-ms")
        .unwrap()
        .parse()
        .unwrap();
    eprintln!("100,000 events: opened in {open_ms} ms, one full redraw {redraw_ms} ms");
    fs::write(
        dir.join("big-timing.txt"),
        format!("open_ms {open_ms}\nredraw_ms {redraw_ms}\n"),
    )
    .unwrap();
    // Generous bounds for a loaded 2-core CI machine; typical figures are
    // far lower (see the Timeline docs).
    assert!(open_ms < 15_000.0, "opening took {open_ms} ms");
    assert!(redraw_ms < 250.0, "a redraw took {redraw_ms} ms");
    let _ = Path::new(&page);
}
