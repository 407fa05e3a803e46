//! Benign near-misses: values that look like secrets or personal data and
//! are not, each in a message where a scrubber might be tempted. Every
//! string listed in `keep` must come back verbatim; every `(pointer,
//! value)` in `at` must still be there.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::ids::{self, ALNUM, HEX, from_set};
use super::kinds::uuid;

pub struct Benign {
    pub name: &'static str,
    pub build: fn(&mut StdRng) -> Out,
}

type Out = (Value, Vec<String>, Vec<(&'static str, Value)>);

fn trace_ids(r: &mut StdRng) -> Out {
    let (t, s) = (from_set(r, HEX, 32), from_set(r, HEX, 16));
    let tp = format!("00-{t}-{s}-01");
    (
        json!({"headers": {"traceparent": tp, "x-request-id": uuid(r)}, "trace_id": t, "span_id": s}),
        vec![tp, t, s],
        vec![],
    )
}

fn uuids(r: &mut StdRng) -> Out {
    let (a, b) = (uuid(r), uuid(r));
    (
        json!({"order_id": a, "idempotency_key": b, "message": format!("order {a} created")}),
        vec![a, b],
        vec![],
    )
}

fn git_shas(r: &mut StdRng) -> Out {
    let (a, b) = (from_set(r, HEX, 40), from_set(r, HEX, 7));
    (
        json!({"commit": a, "log": format!("deployed {b} (HEAD -> main, origin/main) to prod"), "build": {"revision": a}}),
        vec![a, b],
        vec![],
    )
}

fn digests(r: &mut StdRng) -> Out {
    let d = format!("sha256:{}", from_set(r, HEX, 64));
    let cid = from_set(r, HEX, 64);
    (
        json!({"image": format!("ghcr.io/acme/api@{d}"), "container_id": cid, "etag": format!("\"{}\"", from_set(r, HEX, 32))}),
        vec![d, cid],
        vec![],
    )
}

fn timestamps(r: &mut StdRng) -> Out {
    let ms = r.random_range(1_600_000_000_000u64..1_800_000_000_000);
    let ns = format!(
        "{}",
        r.random_range(1_600_000_000_000_000_000u64..1_800_000_000_000_000_000)
    );
    let iso = format!(
        "2024-06-{:02}T10:15:{:02}.123456Z",
        r.random_range(1..29),
        r.random_range(0..60)
    );
    (
        json!({"ts": ms, "timeUnixNano": ns, "created_at": iso, "log": format!("{iso} took {}ms", r.random_range(1..999))}),
        vec![ns, iso],
        vec![("/ts", json!(ms))],
    )
}

fn versions(r: &mut StdRng) -> Out {
    let v = format!(
        "{}.{}.{}-rc.{}+build.{}",
        r.random_range(0..20),
        r.random_range(0..50),
        r.random_range(0..100),
        r.random_range(1..9),
        r.random_range(1000..9999)
    );
    let go = format!(
        "v0.0.0-2024{:02}{:02}120000-{}",
        r.random_range(1..13),
        r.random_range(1..29),
        from_set(r, HEX, 12)
    );
    (
        json!({"version": v, "go_mod": format!("github.com/acme/lib {go}"), "user_agent": format!("acme-cli/{v} (linux; amd64)")}),
        vec![v, go],
        vec![],
    )
}

fn placeholders(r: &mut StdRng) -> Out {
    let p = [
        "${DB_PASSWORD}",
        "<redacted>",
        "****",
        "{{ .Values.db.password }}",
        "%(password)s",
        "$(cat /run/secrets/db)",
        "<YOUR_API_KEY>",
        "REPLACE_ME",
        "[FILTERED]",
        "********",
    ];
    let a = p[r.random_range(0..p.len())];
    let b = p[r.random_range(0..p.len())];
    (
        json!({"password": a, "api_key": b, "env": [format!("DB_PASSWORD={a}")]}),
        vec![a.to_owned(), b.to_owned()],
        vec![],
    )
}

fn secret_refs(r: &mut StdRng) -> Out {
    let arn = format!(
        "arn:aws:secretsmanager:eu-west-1:{}:secret:prod/billing/db-{}",
        ids::s(&ids::digits(r, 12)),
        from_set(r, ALNUM, 6)
    );
    let gcp = format!(
        "projects/acme-prod/secrets/stripe-key/versions/{}",
        r.random_range(1..20)
    );
    let vault = "vault:secret/data/billing#password".to_owned();
    (
        json!({"password_secret_arn": arn, "api_key_ref": gcp, "db": {"passwordFrom": vault}}),
        vec![arn, gcp, vault],
        vec![],
    )
}

fn doc_examples(_: &mut StdRng) -> Out {
    let a = "user@example.com";
    let b = "https://api.example.com/v1/items";
    // An address on example.com is pseudonymized like any other (a planted
    // one may use the domain too): only the docs URL must stay.
    (
        json!({"help": format!("Send a request to {b} with your address, e.g. {a}."), "example_email": a}),
        vec![b.to_owned()],
        vec![],
    )
}

fn token_counts(r: &mut StdRng) -> Out {
    let (a, b, c) = (
        r.random_range(1..100000),
        r.random_range(1..8192),
        r.random_range(1..999),
    );
    (
        json!({"usage": {"prompt_tokens": a, "completion_tokens": b, "total_tokens": a + b}, "max_tokens": 4096, "limiter": {"tokens": c, "refill_per_sec": 5}, "password_min_length": 12, "token_type": "Bearer", "expires_in": 3600}),
        vec!["Bearer".into()],
        vec![
            ("/usage/prompt_tokens", json!(a)),
            ("/max_tokens", json!(4096)),
            ("/limiter/tokens", json!(c)),
            ("/password_min_length", json!(12)),
            ("/expires_in", json!(3600)),
        ],
    )
}

fn order_numbers(r: &mut StdRng) -> Out {
    let inv = format!("INV-2024-{:06}", r.random_range(1..999999));
    let po = format!("PO{}", r.random_range(10_000_000..99_999_999));
    let n = r.random_range(1_000_000u64..99_999_999);
    (
        json!({"invoice": inv, "purchase_order": po, "order_number": n, "line": format!("invoice {inv} for {po} shipped")}),
        vec![inv, po],
        vec![("/order_number", json!(n))],
    )
}

fn isbn_ean(r: &mut StdRng) -> Out {
    // EAN-13 check digit: weights 1,3.
    let mut d = vec![9, 7, 8];
    d.extend(ids::digits(r, 9));
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, v)| v * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    d.push((10 - sum % 10) % 10);
    let ean = ids::s(&d);
    (
        json!({"product": {"gtin": ean, "title": "The Rust Programming Language", "sku": format!("BK-{}", r.random_range(100..999))}}),
        vec![ean],
        vec![],
    )
}

fn public_keys(r: &mut StdRng) -> Out {
    let ssh = format!(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} deploy@ci",
        from_set(r, ALNUM, 43)
    );
    let cert_body = ids::b64(&ids::bytes(r, 48));
    let cert = format!("-----BEGIN CERTIFICATE-----\n{cert_body}\n-----END CERTIFICATE-----");
    (
        json!({"authorized_key": ssh, "ca_cert": cert, "public_key": from_set(r, HEX, 64)}),
        vec![ssh, cert_body],
        vec![],
    )
}

fn fingerprints(r: &mut StdRng) -> Out {
    let fp: Vec<String> = (0..32)
        .map(|_| from_set(r, "0123456789ABCDEF", 2))
        .collect();
    let fp = fp.join(":");
    (
        json!({"tls": {"sha256_fingerprint": fp, "serial": from_set(r, HEX, 32)}}),
        vec![fp],
        vec![],
    )
}

fn metrics(r: &mut StdRng) -> Out {
    let line = format!(
        "http_requests_total{{method=\"post\",code=\"200\",route=\"/login\"}} {} {}",
        r.random_range(1..999999),
        r.random_range(1_700_000_000_000u64..1_800_000_000_000)
    );
    (
        json!({"scrape": line, "latency_p99_ms": 412.5}),
        vec![line],
        vec![("/latency_p99_ms", json!(412.5))],
    )
}

fn prose_about_passwords(r: &mut StdRng) -> Out {
    let t = [
        "Your password must be at least 12 characters and include a number.",
        "To reset your password, click the link we sent you. The token expires in 15 minutes.",
        "We never ask for your password or API key over chat.",
        "The secret to good sourdough is patience.",
    ];
    let s = t[r.random_range(0..t.len())];
    (
        json!({"role": "assistant", "content": s}),
        vec![s.to_owned()],
        vec![],
    )
}

fn empty_secrets(_: &mut StdRng) -> Out {
    (
        json!({"password": "", "token": null, "api_key": false, "secret": []}),
        vec![],
        vec![
            ("/password", json!("")),
            ("/token", Value::Null),
            ("/api_key", json!(false)),
        ],
    )
}

fn paths_and_urls(r: &mut StdRng) -> Out {
    let p = format!(
        "/var/lib/acme/tokens/{}.json",
        from_set(r, "abcdefghijklmnopqrstuvwxyz", 8)
    );
    let u = format!(
        "https://docs.acme.io/guides/api-keys#rotating-{}",
        r.random_range(1..9)
    );
    (
        json!({"file": p, "docs": u, "secret_file": "/run/secrets/db_password"}),
        vec![p, u, "/run/secrets/db_password".into()],
        vec![],
    )
}

fn kafka_meta(r: &mut StdRng) -> Out {
    let key = format!("customer-{}", r.random_range(1..999999));
    (
        json!({"topic": "orders.v1", "partition": 7, "offset": r.random_range(1..99_999_999), "key": key, "timestamp": 1718100900123u64, "headers": [{"key": "schema-version", "value": "Mw=="}]}),
        vec![key],
        vec![("/partition", json!(7))],
    )
}

fn block(r: &mut StdRng) -> Out {
    let h = format!("0x{}", from_set(r, HEX, 64));
    let addr = format!("0x{}", from_set(r, HEX, 40));
    (
        json!({"block": {"number": r.random_range(1..20_000_000), "hash": h, "parentHash": format!("0x{}", from_set(r, HEX, 64)), "miner": addr, "nonce": "0x0000000000000000"}}),
        vec![h, addr],
        vec![],
    )
}

fn colours_and_codes(r: &mut StdRng) -> Out {
    let c = format!("#{}", from_set(r, "0123456789abcdef", 6));
    let icd = ["E11.9", "I10", "J45.909", "M54.5"][r.random_range(0..4)].to_owned();
    (
        json!({"theme": {"primary": c}, "diagnosis_code": icd, "airport": "FRA", "flight": "LH400", "currency": "EUR"}),
        vec![c, icd, "LH400".into()],
        vec![],
    )
}

fn cursors(r: &mut StdRng) -> Out {
    let cur = ids::b64(
        format!(
            "{{\"offset\":{},\"sort\":\"created_at\"}}",
            r.random_range(1..9999)
        )
        .as_bytes(),
    );
    let next = ids::b64url(&ids::bytes(r, 24));
    (
        json!({"page": {"next_cursor": next, "after": cur, "page_token": next}}),
        vec![cur, next],
        vec![],
    )
}

fn durations_and_sizes(r: &mut StdRng) -> Out {
    let n = r.random_range(1_000_000u64..9_000_000_000);
    (
        json!({"timeout": "PT30S", "bytes_written": n, "message": format!("wrote {n} bytes in 1.2s")}),
        vec!["PT30S".into()],
        vec![("/bytes_written", json!(n))],
    )
}

pub fn all() -> Vec<Benign> {
    vec![
        Benign {
            name: "trace ids",
            build: trace_ids,
        },
        Benign {
            name: "uuids",
            build: uuids,
        },
        Benign {
            name: "git shas",
            build: git_shas,
        },
        Benign {
            name: "digests / container ids",
            build: digests,
        },
        Benign {
            name: "timestamps",
            build: timestamps,
        },
        Benign {
            name: "versions",
            build: versions,
        },
        Benign {
            name: "placeholders",
            build: placeholders,
        },
        Benign {
            name: "secret references",
            build: secret_refs,
        },
        Benign {
            name: "example.com docs",
            build: doc_examples,
        },
        Benign {
            name: "token counts",
            build: token_counts,
        },
        Benign {
            name: "order numbers",
            build: order_numbers,
        },
        Benign {
            name: "isbn / ean",
            build: isbn_ean,
        },
        Benign {
            name: "public keys / certs",
            build: public_keys,
        },
        Benign {
            name: "fingerprints",
            build: fingerprints,
        },
        Benign {
            name: "metrics line",
            build: metrics,
        },
        Benign {
            name: "prose about passwords",
            build: prose_about_passwords,
        },
        Benign {
            name: "empty secrets",
            build: empty_secrets,
        },
        Benign {
            name: "paths and doc urls",
            build: paths_and_urls,
        },
        Benign {
            name: "kafka metadata",
            build: kafka_meta,
        },
        Benign {
            name: "block hashes",
            build: block,
        },
        Benign {
            name: "colours and codes",
            build: colours_and_codes,
        },
        Benign {
            name: "cursors",
            build: cursors,
        },
        Benign {
            name: "durations and sizes",
            build: durations_and_sizes,
        },
    ]
}
