//! Values hidden by an encoding or a serialisation of text, read through:
//! journald's byte-array messages, iCalendar and vCard content lines,
//! Slack mrkdwn, PHP `serialize()`, labels written with Cyrillic or Greek
//! look-alikes, Redis commands carrying a password, OAuth authorization
//! codes in flow URLs and PKCE verifiers. Each case checks that the value
//! is gone, that the outer value keeps its shape (it still parses as its
//! format) and that `verify` passes on what `scrub` wrote; the near
//! misses check that what is no secret stays.

mod oracle;

use oracle::scrub;
use serde_json::{Value, json};

fn bytes(text: &str) -> Value {
    text.bytes().map(Value::from).collect()
}

fn text_of(array: &Value) -> String {
    let bytes: Vec<u8> = array
        .as_array()
        .expect("an array")
        .iter()
        .map(|b| u8::try_from(b.as_u64().expect("a number")).expect("a byte"))
        .collect();
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn journald_messages_written_as_bytes_are_scrubbed_as_text() {
    let msg =
        "\u{1b}[33mwarn\u{1b}[0m config reload: password=Wq8#zr!Lm2 contact ops@corp.example.com";
    let doc = json!({"_SYSTEMD_UNIT": "api.service", "MESSAGE": bytes(msg)});
    let out = scrub(&doc);
    let text = text_of(&out["MESSAGE"]);
    assert!(!text.contains("Wq8#zr!Lm2"), "{text}");
    assert!(!text.contains("ops@corp.example.com"), "{text}");
    assert!(text.starts_with("\u{1b}[33mwarn"), "{text}");
}

#[test]
fn arrays_of_numbers_that_are_no_text_stay() {
    let doc = json!({
        "histogram": [0, 1, 3, 9, 27, 81, 243, 81, 27, 9, 3, 1],
        "pixels": [255, 0, 0, 255, 0, 255, 0, 255, 12, 200, 7, 9],
        "counts": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "clean": bytes("service started on port 8080")
    });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn calendar_descriptions_folded_and_escaped_are_read_unfolded() {
    let desc = "DESCRIPTION:Access for the workshop. Wi-Fi password: Tr0ub4dor\\,3xq-Lm9\r\n \\; door PIN: 4711\\nsee you";
    let ics = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Onboarding\r\n{desc}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let out = scrub(&json!({ "ics": ics }));
    let text = out["ics"].as_str().expect("text");
    assert!(!text.contains("Tr0ub4dor"), "{text}");
    assert!(text.contains("SUMMARY:Onboarding\r\n"), "{text}");
    assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
    // A password folded across lines.
    let folded =
        "BEGIN:VEVENT\r\nDESCRIPTION:bring the badge. password: Hq7-zzLm\r\n 28xq!a\r\nEND:VEVENT";
    let out = scrub(&json!({ "ics": folded }));
    let text = out["ics"].as_str().expect("text");
    assert!(
        !text.contains("28xq!a") && !text.contains("Hq7-zzLm"),
        "{text}"
    );
}

/// Regression: base64 folded over two content lines had its second line
/// taken as a key of its own (a 40-character run reads as an AWS secret
/// key), though unfolded it is base64 of a clean JSON document.
#[test]
fn regression_a_value_cut_by_a_fold_is_not_read_as_two() {
    let ics = "BEGIN:VEVENT\r\nDESCRIPTION:Access for the workshop. prefs: eyJ0aGVtZSI6ImxpZ2h0IiwibGFuZyI\r\n 6InB0LUJSIiwidHoiOiJFdXJvcGUvTGlzYm9uIn0\r\nEND:VEVENT\r\n";
    let doc = json!({ "ics": ics });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn vcard_notes_with_escaped_commas_are_read_unescaped() {
    let vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Front desk\r\nNOTE:Home address: 42 Elm Street\\, Springfield\\; alt e-mail: jane.doe@example.org\r\nEND:VCARD\r\n";
    let out = scrub(&json!({ "vcf": vcf }));
    let text = out["vcf"].as_str().expect("text");
    assert!(!text.contains("jane.doe@example.org"), "{text}");
    assert!(
        text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Front desk\r\n"),
        "{text}"
    );
}

#[test]
fn slack_mrkdwn_labels_announce_their_values() {
    let doc = json!({"blocks": [{"type": "section", "text": {"type": "mrkdwn",
        "text": "*Password:* `Xk29-qqLm7!` and _api token_: `f3a9c1d2e4b5a6c7`"}}]});
    let out = scrub(&doc);
    let text = out["blocks"][0]["text"]["text"].as_str().expect("text");
    assert!(!text.contains("Xk29-qqLm7!"), "{text}");
    assert!(text.starts_with("*Password:* `"), "{text}");
    let plain = json!({"text": "Deployed `api` v1.9.2 to *prod*: all green"});
    assert_eq!(scrub(&plain), plain);
}

#[test]
fn php_serialized_values_are_scrubbed_under_their_names_and_keep_their_lengths() {
    let s = r#"a:4:{s:2:"id";i:4711;s:8:"password";s:10:"Wq8zr!Lm2x";s:5:"email";s:20:"jane.doe@example.org";s:7:"profile";O:8:"stdClass":1:{s:5:"token";s:16:"f3a9c1d2e4b5a6c7";}}"#;
    let out = scrub(&json!({ "meta_value": s }));
    let text = out["meta_value"].as_str().expect("text");
    for secret in ["Wq8zr!Lm2x", "jane.doe@example.org", "f3a9c1d2e4b5a6c7"] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains(r#"s:2:"id";i:4711;"#), "{text}");
    // Every string's length is its length in bytes again.
    let mut rest = text;
    while let Some(at) = rest.find("s:") {
        rest = &rest[at + 2..];
        let Some((len, tail)) = rest.split_once(":\"") else {
            break;
        };
        let Ok(len) = len.parse::<usize>() else {
            continue;
        };
        assert_eq!(tail.as_bytes().get(len), Some(&b'"'), "{text}");
    }
    let clean = json!({"meta_value": r#"a:2:{s:5:"theme";s:4:"dark";s:4:"rows";i:25;}"#});
    assert_eq!(scrub(&clean), clean);
}

#[test]
fn labels_written_with_look_alike_letters_are_read_as_latin() {
    let doc = json!({"settings": {"раssword": "Wq8zr!Lm2x", "ТОКЕN": "f3a9c1d2e4b5a6c7d8", "region": "eu-central-1"}});
    let out = scrub(&doc);
    assert_ne!(out["settings"]["раssword"], "Wq8zr!Lm2x");
    assert_ne!(out["settings"]["ТОКЕN"], "f3a9c1d2e4b5a6c7d8");
    assert_eq!(out["settings"]["region"], "eu-central-1");
    let text = json!({"msg": "раssword: Wq8zr!Lm2x"});
    assert!(
        !scrub(&text)["msg"]
            .as_str()
            .expect("text")
            .contains("Wq8zr!Lm2x")
    );
    // Russian and Greek words are read as written.
    let russian = json!({"описание": "Сервер работает", "ΑΡΙΘΜΟΣ": "42"});
    assert_eq!(scrub(&russian), russian);
}

#[test]
fn redis_passwords_are_taken_and_frame_lengths_rewritten() {
    let frame = "*3\r\n$4\r\nAUTH\r\n$6\r\nworker\r\n$24\r\nQm7zLw2xVb9kTn4rYp6sHc3d\r\n";
    let out = scrub(&json!({ "payload": frame }));
    let text = out["payload"].as_str().expect("text");
    assert!(!text.contains("Qm7zLw2xVb9kTn4rYp6sHc3d"), "{text}");
    // The bulk string's length is the replacement's.
    let (head, value) = text.rsplit_once("\r\n$").expect("a bulk string");
    assert!(head.ends_with("worker"));
    let (len, value) = value.split_once("\r\n").expect("its length");
    assert_eq!(
        len.parse::<usize>().ok(),
        Some(value.trim_end().len()),
        "{text}"
    );
    for typed in [
        "127.0.0.1:6379> AUTH default Qm7zLw2xVb9k",
        "CONFIG SET requirepass Qm7zLw2xVb9k",
        "MIGRATE 10.0.0.9 6379 \"\" 0 5000 AUTH2 admin Qm7zLw2xVb9k KEYS a",
    ] {
        let out = scrub(&json!({ "cmd": typed }));
        assert!(
            !out["cmd"].as_str().expect("text").contains("Qm7zLw2xVb9k"),
            "{out}"
        );
    }
    let get = json!({"payload": "*2\r\n$3\r\nGET\r\n$26\r\nratelimit:a1b2c3d4e5f6g7h8\r\n"});
    assert_eq!(scrub(&get), get);
}

#[test]
fn oauth_codes_in_flow_urls_are_taken_and_other_codes_stay() {
    let code = "4/0AX4XfWhQ-9kLm2ZtYp8sRvBn3cXd7eFg";
    for url in [
        format!("https://app.acme.io/oauth/callback?code={code}&state=Zx81kq0Lm2Pq7Rt4"),
        format!("Location: https://localhost:8765/cb#code={code}&state=x1"),
        format!(
            "https%3A%2F%2Fapp.acme.io%2Fcallback%3Fcode%3D{}%26state%3Dab12",
            code.replace('/', "%2F")
        ),
    ] {
        let out = scrub(&json!({ "url": url }));
        let text = out["url"].as_str().expect("text");
        assert!(!text.contains("XfWhQ-9kLm2ZtYp8sRvBn3cXd7eFg"), "{text}");
    }
    let kept = json!({
        "error": "https://app.acme.io/oauth/callback?error=access_denied&state=Zx81kq0Lm2Pq7Rt4",
        "promo": "https://shop.example.com/cart?code=SUMMER2025SALE"
    });
    assert_eq!(scrub(&kept), kept);
}

#[test]
fn pkce_verifiers_are_taken_and_challenges_stay() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    for key in ["code_verifier", "codeVerifier", "pkce verifier"] {
        let out = scrub(&json!({ key: verifier }));
        assert_ne!(out[key], verifier, "{key}");
    }
    let challenge = json!({"code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256"});
    assert_eq!(scrub(&challenge), challenge);
}

#[test]
fn a_form_field_names_the_value_typed_into_it_even_in_fullwidth_forms() {
    let doc = json!({"form": {"field": "api token", "entered": "ｆ３ｅｃ９８ｅ７ｂｄｅｃ６４ａ７ｆ７７７７７２ｅ７５"}});
    let out = scrub(&doc);
    assert_ne!(out["form"]["entered"], doc["form"]["entered"]);
    let zero_width =
        json!({"content": "here is the password you asked for: Wq8z\u{200b}r!Lm\u{2060}2x"});
    let out = scrub(&zero_width);
    assert!(
        !out["content"].as_str().expect("text").contains("Lm"),
        "{out}"
    );
    let kept = json!({"form": {"field": "city", "entered": "Ｌｉｓｂｏｎ"}, "note": "IME input"});
    assert_eq!(scrub(&kept), kept);
}
