use super::*;
use crate::Input;

const CARD: &str = "4916338506082832";

fn transcript() -> String {
    concat!(
        "{\"reprise\":1,\"kind\":\"header\",\"component\":\"pay\"}\n",
        "{\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"pay\",\"args\":{\"amount\":5},\"at_ns\":1}\n",
        "{\"kind\":\"call\",\"seq\":1,\"dir\":\"out\",\"port\":\"bank\",\"method\":\"charge\",\"args\":{\"card\":\"[redacted:card]\",\"amount\":5},\"at_ns\":2}\n",
        "{\"kind\":\"return\",\"seq\":2,\"call\":1,\"ok\":true,\"at_ns\":3}\n",
        "{\"kind\":\"return\",\"seq\":3,\"call\":0,\"ok\":null,\"at_ns\":4}\n",
    )
    .to_owned()
}

fn page(report: &str) -> String {
    let text = transcript();
    let mut out = Vec::new();
    Timeline::new("pay")
        .overlay(Overlay::from_json("report.json", None, report).unwrap())
        .write(
            vec![Input {
                file: "pay.jsonl".into(),
                reader: text.as_bytes(),
            }],
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// Regression: the page embedded a report's `expected`/`actual` values and
/// its message, so a replay's `actual` (what the component did, which the
/// transcript does not hold) put a card number into the HTML.
#[test]
fn leak_report_values_never_reach_the_page() {
    let report = format!(
        r#"{{"findings":[
          {{"seq":1,"port":"bank","method":"charge","kind":"arguments_differ",
           "message":"`card` differs: expected \"[redacted:card]\", got \"{CARD}\"",
           "expected":{{"card":"[redacted:card]"}},"actual":{{"card":"{CARD}"}},
           "paths":["$.args.card","$.args['{CARD}']"]}},
          {{"seq":null,"port":"bank","method":"refund","kind":"unexpected_call",
           "message":"bank.refund({CARD})","actual":["{CARD}"],"paths":["$.args[0]"]}}]}}"#
    );
    let html = page(&report);
    assert!(!html.contains(CARD), "the page holds the planted value");
    assert!(!html.contains("\"actual\""));
    assert!(!html.contains("\"expected\""));
    // The path the transcript holds is kept, the others are counted.
    assert!(html.contains(r#""paths":["$.args.card"],"hidden_paths":1"#));
    assert!(html.contains(r#""paths":[],"hidden_paths":1"#));
}
