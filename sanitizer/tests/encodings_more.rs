//! Values inside encodings the text pass decodes, scrubs and writes back
//! in the same encoding: base32, byte lists (Erlang binaries and
//! charlists), CBOR diagnostic byte strings (`h'...'`), C and Python byte
//! escapes of text in other scripts, `data:` URLs with a base64 payload,
//! and percent-encoding applied twice. Each case checks that the secret is
//! gone from what the encoding decodes to, that the output is still valid
//! in that encoding, and that `verify` passes on it; the near misses
//! check that benign encoded text stays byte for byte.

mod oracle;

use base64::Engine as _;
use oracle::scrub;
use serde_json::json;

const AWS: &str = "AKIAZ4QW7RT2MX9PLK3B";
const EMAIL: &str = "lena.morrow@fieldwork.io";
const PASSWORD: &str = "Vx9qLm2tRw8zp";

fn base32(bytes: &[u8], lower: bool) -> String {
    let a: &[u8] = if lower {
        b"abcdefghijklmnopqrstuvwxyz234567"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    };
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(a[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(a[((acc << (5 - bits)) & 31) as usize]));
    }
    while out.len() % 8 != 0 {
        out.push('=');
    }
    out
}

fn unbase32(s: &str) -> String {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {s}"),
        };
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(h: &str) -> String {
    let bytes: Vec<u8> = (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex"))
        .collect();
    String::from_utf8(bytes).expect("UTF-8")
}

fn byte_list(text: &str, sep: &str) -> String {
    text.bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

fn unlist(body: &str) -> String {
    let bytes: Vec<u8> = body
        .split(',')
        .map(|n| n.trim().parse().expect("a byte"))
        .collect();
    String::from_utf8(bytes).expect("UTF-8")
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).expect("opened") + open.len();
    let end = start + text[start..].find(close).expect("closed");
    &text[start..end]
}

fn out_str(out: &serde_json::Value, key: &str) -> String {
    out[key].as_str().expect("a string").to_owned()
}

#[test]
fn regression_base32_payloads_are_read_and_written_back_as_base32() {
    let plain = format!("aws_access_key_id={AWS} owner={EMAIL}");
    let doc = json!({"encoding": "base32", "payload": base32(plain.as_bytes(), false)});
    let out = scrub(&doc);
    let payload = out_str(&out, "payload");
    assert!(payload.len() % 8 == 0, "{payload}");
    let decoded = unbase32(&payload);
    assert!(
        !decoded.contains(AWS) && !decoded.contains(EMAIL),
        "{decoded}"
    );
    assert!(decoded.starts_with("aws_access_key_id="), "{decoded}");
    // Lower case, inside a longer text.
    let inner = base32(format!("password: {PASSWORD}").as_bytes(), true);
    let doc = json!({"log": format!("stored blob {inner} in cache")});
    let out = out_str(&scrub(&doc), "log");
    let run = between(&out, "stored blob ", " in cache");
    assert!(run.bytes().all(|b| !b.is_ascii_uppercase()), "{run}");
    assert!(!unbase32(run).contains(PASSWORD), "{out}");
}

#[test]
fn base32_that_is_no_secret_stays() {
    let doc = json!({
        "blob": base32(b"build 4127 finished in 3 minutes", false),
        "totp_seed_hint": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        "words": "THEQUICKBROWNFOXJUMPSOVERTHELAZYDOG",
    });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn regression_erlang_binaries_and_byte_lists_are_read_as_text() {
    let doc = json!({"log": format!(
        "<0.412.0> got {{config,<<{}>>}} from peer",
        byte_list(&format!("owner {EMAIL} key {AWS}"), ",")
    )});
    let out = out_str(&scrub(&doc), "log");
    let decoded = unlist(between(&out, "<<", ">>"));
    assert!(
        !decoded.contains(AWS) && !decoded.contains(EMAIL),
        "{decoded}"
    );
    assert!(out.starts_with("<0.412.0> got {config,<<") && out.ends_with(">>} from peer"));
    // A value named by its atom, and a spaced list.
    let doc = json!({"crash": format!(
        "bad config: [{{port,8443}},{{db_password,<<{}>>}},{{pool_size,10}}]",
        byte_list(PASSWORD, ",")
    )});
    let out = out_str(&scrub(&doc), "crash");
    let decoded = unlist(between(&out, "<<", ">>"));
    assert!(!decoded.contains(PASSWORD), "{out}");
    assert!(
        out.contains("{port,8443}") && out.contains("{pool_size,10}"),
        "{out}"
    );
    let doc = json!({"msg": format!("chars [{}] end", byte_list(&format!("mail {EMAIL}"), ", "))});
    let out = out_str(&scrub(&doc), "msg");
    let body = between(&out, "[", "]");
    assert!(body.contains(", "), "{out}");
    assert!(!unlist(body).contains(EMAIL), "{out}");
}

#[test]
fn byte_lists_that_are_no_text_or_no_secret_stay() {
    let doc = json!({
        "log": format!("recv {{data,<<{}>>}}", byte_list("status ok, 12 rows", ",")),
        "counts": "[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]",
        "pixels": "<<255,0,0,255,0,255,0,255,12,200>>",
    });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn regression_cbor_byte_strings_are_read_as_the_hex_they_are() {
    let doc = json!({"cbor_diagnostic": format!(
        "{{1: 42, \"kind\": \"cfg\", \"api_token\": h'{}', \"ttl\": 60}}",
        hex(PASSWORD)
    )});
    let out = out_str(&scrub(&doc), "cbor_diagnostic");
    let run = between(&out, "h'", "'");
    assert!(run.bytes().all(|b| b.is_ascii_hexdigit()), "{out}");
    assert!(!unhex(run).contains(PASSWORD), "{out}");
    assert!(out.ends_with("', \"ttl\": 60}"), "{out}");
    // Unnamed, with a secret the detectors know.
    let doc =
        json!({"cbor": format!("[7, h'{}', true]", hex(&format!("key {AWS}")).to_uppercase())});
    let out = out_str(&scrub(&doc), "cbor");
    let run = between(&out, "h'", "'");
    assert!(run.bytes().all(|b| !b.is_ascii_lowercase()), "{out}");
    assert!(!unhex(run).contains(AWS), "{out}");
}

#[test]
fn cbor_byte_strings_without_secrets_stay() {
    let doc = json!({
        "cbor": format!("[1, h'{}', h'00ff10ee20dd', true]", hex("hello, world")),
    });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn regression_bytes_escaped_in_other_scripts_are_read_as_text() {
    // Python's `repr` of bytes: every byte that is not printable ASCII as
    // `\xNN`, so the label `contraseña` is unreadable as written.
    let py = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if (0x20..0x7f).contains(&b) && b != b'\\' && b != b'\'' {
                    char::from(b).to_string()
                } else {
                    format!("\\x{b:02x}")
                }
            })
            .collect()
    };
    let doc = json!({"log": format!("send: b'{}'", py(&format!("usuario=ops&contraseña={PASSWORD}&idioma=es")))});
    let out = out_str(&scrub(&doc), "log");
    assert!(!out.contains(PASSWORD), "{out}");
    assert!(
        out.starts_with("send: b'usuario=ops&contrase\\xc3\\xb1a="),
        "{out}"
    );
    assert!(out.ends_with("&idioma=es'"), "{out}");
    // strace writes them in octal, and a line break as `\n`.
    let oct: String = format!("contraseña: {PASSWORD}\n")
        .bytes()
        .map(|b| match b {
            b'\n' => "\\n".to_owned(),
            0x20..=0x7e => char::from(b).to_string(),
            _ => format!("\\{b:o}"),
        })
        .collect();
    let doc = json!({"strace": format!("write(5, \"{oct}\", 27) = 27")});
    let out = out_str(&scrub(&doc), "strace");
    assert!(!out.contains(PASSWORD), "{out}");
    assert!(out.starts_with("write(5, \"contrase\\303\\261a: "), "{out}");
    assert!(out.ends_with("\\n\", 27) = 27"), "{out}");
    // Escaped text with no secret stays.
    let doc = json!({"log": format!("recv: b'{}'", py("ciudad=Logroño&idioma=es"))});
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn regression_data_url_payloads_in_base64_are_read() {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let doc = json!({"attachment": {"href": format!(
        "data:text/plain;charset=utf-8;base64,{}",
        b64(&format!("client secret: {PASSWORD}\naws {AWS}\n"))
    )}});
    let out = scrub(&doc);
    let href = out["attachment"]["href"].as_str().expect("text");
    let payload = href
        .strip_prefix("data:text/plain;charset=utf-8;base64,")
        .expect("the same URL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .expect("base64");
    let decoded = String::from_utf8(decoded).expect("UTF-8");
    assert!(!decoded.contains(AWS), "{decoded}");
    // A clean text and an image stay.
    let doc = json!({
        "a": format!("data:text/plain;base64,{}", b64("thanks for the report")),
        "b": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
    });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn percent_encoding_applied_twice_is_read_through() {
    let pct = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    let inner = format!("https://app.acme.io/cb?email={}&lang=en", pct(EMAIL));
    let doc = json!({"location": format!("https://sso.acme.io/out?next={}", pct(&pct(&inner)))});
    let out = out_str(&scrub(&doc), "location");
    assert!(!out.contains(&pct(&pct(EMAIL))), "{out}");
    assert!(out.starts_with("https://sso.acme.io/out?next="), "{out}");
}

#[test]
fn regression_a_value_cut_by_a_chunk_boundary_is_read_de_chunked() {
    let body =
        format!("{{\"user\":\"ops\",\"db_password\":\"{PASSWORD}\",\"contact\":\"{EMAIL}\"}}");
    let cut = body.find(&PASSWORD[4..]).expect("in it");
    let (a, b) = body.split_at(cut);
    let raw = format!(
        "POST /v1/cfg HTTP/1.1\r\nHost: api.acme.io\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    let out = out_str(&scrub(&json!({ "raw": raw })), "raw");
    let (head, chunks) = out.split_once("\r\n\r\n").expect("a head");
    assert!(head.ends_with("Transfer-Encoding: chunked"), "{out}");
    // De-chunk what scrub wrote: every size matches its chunk.
    let mut rest = chunks;
    let mut joined = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").expect("a size line");
        let n = usize::from_str_radix(size, 16).expect("hex size");
        if n == 0 {
            assert_eq!(after, "\r\n", "{out}");
            break;
        }
        joined.push_str(&after[..n]);
        assert_eq!(&after[n..n + 2], "\r\n", "{out}");
        rest = &after[n + 2..];
    }
    assert!(
        !joined.contains(PASSWORD) && !joined.contains(EMAIL),
        "{joined}"
    );
    assert!(joined.starts_with("{\"user\":\"ops\""), "{joined}");
    // A clean chunked body stays.
    let clean = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nall goo\r\n9\r\nd, thanks\r\n0\r\n\r\n";
    let doc = json!({ "raw": clean });
    assert_eq!(scrub(&doc), doc);
}

#[test]
fn regression_where_openssl_reads_a_passphrase_from_is_no_passphrase() {
    let plain = "openssl rsa -in tls.key -passin file:/etc/ssl/private/tls_pass -out tls.pem";
    let doc = json!({
        "runbook": plain,
        "cbor": format!("{{\"runbook\": h'{}'}}", hex(plain)),
    });
    assert_eq!(scrub(&doc), doc);
    let taken =
        json!({"runbook": format!("openssl rsa -in tls.key -passin pass:{PASSWORD} -out tls.pem")});
    let out = out_str(&scrub(&taken), "runbook");
    assert!(!out.contains(PASSWORD), "{out}");
}
