//! Benign near-misses: values that look like secrets or personal data (or
//! sit under keys that do) and that a good scrubber leaves alone, planted
//! where real traffic has them.
//!
//! Each [`Benign`] kind generates a payload and what must come out of
//! scrubbing unchanged ([`Keep`]).

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use crate::people;
use crate::random::*;

/// What must survive scrubbing.
#[derive(Debug, Clone)]
pub enum Keep {
    /// This text, verbatim, in a string (or key) of the output.
    Text(String),
    /// This exact JSON value (a number stays a number) at this JSON pointer.
    At(String, Value),
}

/// One generated benign payload.
#[derive(Debug)]
pub struct BenignSample {
    pub payload: Value,
    pub keep: Vec<Keep>,
    /// How it was placed (for the report).
    pub place: &'static str,
}

/// One kind of near-miss.
pub struct Benign {
    pub name: &'static str,
    /// The secret kinds it is a near miss of (documentation).
    pub near: &'static str,
    pub generate: fn(&mut StdRng) -> BenignSample,
}

/// Places a string value under `key` in one of the shapes real payloads
/// use, and keeps it.
fn place(r: &mut StdRng, key: &str, value: String) -> BenignSample {
    let keep = vec![Keep::Text(value.clone())];
    let (payload, place) = match r.random_range(0..7) {
        0 | 1 => (
            json!({key: value, "ts": timestamp(r), "status": "ok"}),
            "key",
        ),
        2 => (
            json!({"data": {"attributes": {key: value, "type": "record"}}}),
            "nested key",
        ),
        3 => (
            json!({"message": format!("{} {key}={value} ok", timestamp(r))}),
            "log line",
        ),
        4 => (
            json!({"body": json!({key: value, "seq": r.random_range(1..9999)}).to_string()}),
            "json in string",
        ),
        5 => (
            json!({"headers": [["Accept", "application/json"], [header_case(key), value]]}),
            "header list",
        ),
        _ => (
            json!({"env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": screaming(key), "value": value}]}),
            "k8s env",
        ),
    };
    BenignSample {
        payload,
        keep,
        place,
    }
}

/// Places a number (or a number as a string) where it is data, and keeps
/// it as exactly that JSON value.
fn place_number(r: &mut StdRng, key: &str, value: Value) -> BenignSample {
    let (payload, pointer, place) = match r.random_range(0..3) {
        0 => (
            json!({key: value, "seq": r.random_range(1..9999)}),
            format!("/{key}"),
            "key",
        ),
        1 => (
            json!({"usage": {key: value}}),
            format!("/usage/{key}"),
            "nested key",
        ),
        _ => (
            json!({"data": [{key: value}]}),
            format!("/data/0/{key}"),
            "array",
        ),
    };
    BenignSample {
        payload,
        keep: vec![Keep::At(pointer, value)],
        place,
    }
}

fn sample(payload: Value, keep: Vec<String>, place: &'static str) -> BenignSample {
    BenignSample {
        payload,
        keep: keep.into_iter().map(Keep::Text).collect(),
        place,
    }
}

fn luhn_invalid(r: &mut StdRng, len: usize) -> String {
    loop {
        let n = format!("{}{}", r.random_range(1..=9), digits(r, len - 1));
        if !luhn_valid(&n) {
            return n;
        }
    }
}

fn ulid(r: &mut StdRng) -> String {
    format!("01H{}", chars(r, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 23))
}

fn colon_hex(r: &mut StdRng, n: usize) -> String {
    bytes(r, n)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn semver(r: &mut StdRng) -> String {
    let base = format!(
        "{}.{}.{}",
        r.random_range(0..5),
        r.random_range(0..40),
        r.random_range(0..30)
    );
    match r.random_range(0..5) {
        0 => format!("v{base}"),
        1 => format!("{base}-rc.{}", r.random_range(1..5)),
        2 => format!("{base}+build.{}", r.random_range(1..900)),
        _ => base,
    }
}

fn ean13(r: &mut StdRng) -> String {
    let twelve = format!(
        "{}{}",
        pick(r, &["400", "590", "978", "871", "300", "500"]),
        digits(r, 9)
    );
    let sum: u32 = twelve
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d } else { 3 * d })
        .sum();
    format!("{twelve}{}", (10 - sum % 10) % 10)
}

/// Every benign kind in the corpus.
pub fn all() -> Vec<Benign> {
    vec![
        Benign {
            name: "order id (16 digits, Luhn-invalid)",
            near: "cards",
            generate: |r| {
                let id = luhn_invalid(r, 16);
                match r.random_range(0..4) {
                    0 => place_number(r, "order_id", json!(id.parse::<u64>().unwrap_or(1))),
                    1 => sample(
                        json!({"message": format!("Order #{id} has shipped")}),
                        vec![id],
                        "prose",
                    ),
                    _ => {
                        let key = pick(
                            r,
                            &[
                                "order_id",
                                "invoice_number",
                                "confirmation_number",
                                "reference",
                            ],
                        );
                        place(r, key, id)
                    }
                }
            },
        },
        Benign {
            name: "uuid",
            near: "api keys, tokens",
            generate: |r| {
                let id = uuid(r);
                if chance(r, 0.3) {
                    sample(
                        json!({"url": format!("https://api.{}/v1/orders/{id}/items", people::domain(r))}),
                        vec![id],
                        "url path",
                    )
                } else {
                    let key = pick(
                        r,
                        &[
                            "request_id",
                            "trace_id",
                            "correlation_id",
                            "id",
                            "event_id",
                            "job_id",
                        ],
                    );
                    place(r, key, id)
                }
            },
        },
        Benign {
            name: "idempotency key",
            near: "api keys",
            generate: |r| {
                let id = if chance(r, 0.6) { uuid(r) } else { ulid(r) };
                match r.random_range(0..2) {
                    0 => sample(
                        json!({"headers": [["Idempotency-Key", id], ["Content-Type", "application/json"]]}),
                        vec![id],
                        "header list",
                    ),
                    _ => place(r, "idempotency_key", id),
                }
            },
        },
        Benign {
            name: "git sha",
            near: "hex keys",
            generate: |r| {
                let sha = chars(r, HEX, 40);
                match r.random_range(0..3) {
                    0 => sample(
                        json!({"message": format!("deployed {} (main) to prod", &sha[..r.random_range(7..=12)])}),
                        vec![sha[..7].to_owned()],
                        "prose",
                    ),
                    _ => {
                        let key = pick(
                            r,
                            &[
                                "commit",
                                "sha",
                                "head_sha",
                                "revision",
                                "git_commit",
                                "after",
                            ],
                        );
                        place(r, key, sha)
                    }
                }
            },
        },
        Benign {
            name: "sha256 / sri digest",
            near: "raw keys, hex keys",
            generate: |r| match r.random_range(0..3) {
                0 => {
                    let d = format!("sha256:{}", chars(r, HEX, 64));
                    sample(
                        json!({"image": format!("ghcr.io/acme/api@{d}"), "digest": d}),
                        vec![d],
                        "key",
                    )
                }
                1 => {
                    let d = chars(r, HEX, 64);
                    place(r, "checksum", d)
                }
                _ => {
                    let d = format!("sha512-{}", b64(&bytes(r, 64)));
                    sample(
                        json!({"packages": {"node_modules/lodash": {"version": "4.17.21", "integrity": d}}}),
                        vec![d],
                        "nested key",
                    )
                }
            },
        },
        Benign {
            name: "block and tx hashes (0x + 64 hex)",
            near: "raw keys (0x hex)",
            generate: |r| {
                let h = |r: &mut StdRng| format!("0x{}", chars(r, HEX, 64));
                let (hash, parent, state, tx) = (h(r), h(r), h(r), h(r));
                let miner = format!("0x{}", chars(r, HEX, 40));
                let block = json!({"block": {"number": r.random_range(1_000_000..20_000_000), "block_hash": hash, "parent_hash": parent,
                "state_root": state, "miner": miner, "transactions": [{"tx_hash": tx, "nonce": r.random_range(0..500)}]}});
                sample(
                    block,
                    vec![hash, parent, state, tx, miner],
                    "consensus block",
                )
            },
        },
        Benign {
            name: "certificate / ssh fingerprint",
            near: "mac addresses, hex keys",
            generate: |r| match r.random_range(0..4) {
                0 => {
                    let f = colon_hex(r, 20);
                    place(r, "sha1_fingerprint", f)
                }
                1 => {
                    let f = colon_hex(r, 32);
                    place(r, "fingerprint", f)
                }
                2 => {
                    let f = format!("SHA256:{}", b64(&bytes(r, 32)).trim_end_matches('='));
                    sample(
                        json!({"message": format!("Accepted publickey for deploy from bastion port 22 ssh2: ED25519 {f}")}),
                        vec![f],
                        "log line",
                    )
                }
                _ => {
                    let f = chars(r, "0123456789ABCDEF", 40);
                    place(r, "thumbprint", f)
                }
            },
        },
        Benign {
            name: "version string",
            near: "ipv4",
            generate: |r| {
                let v = match r.random_range(0..4) {
                    0 => format!(
                        "10.0.{}.{}",
                        r.random_range(17_000..=26_100),
                        r.random_range(1000..=5000)
                    ),
                    1 => format!(
                        "1.3.6.1.4.1.{}.{}",
                        r.random_range(300..60_000),
                        r.random_range(1..30)
                    ),
                    _ => semver(r),
                };
                let key = pick(
                    r,
                    &[
                        "version",
                        "app_version",
                        "build",
                        "os_version",
                        "oid",
                        "sdk_version",
                    ],
                );
                place(r, key, v)
            },
        },
        Benign {
            name: "timestamp",
            near: "dates of birth, numbers",
            generate: |r| match r.random_range(0..5) {
                0 => {
                    let t = timestamp(r);
                    place(r, "created_at", t)
                }
                1 => {
                    let v = r.random_range(1_700_000_000u64..1_760_000_000);
                    place_number(r, "ts", json!(v))
                }
                2 => {
                    let v = r.random_range(1_700_000_000_000u64..1_760_000_000_000);
                    place_number(r, "timestamp_ms", json!(v))
                }
                3 => {
                    let v = r.random_range(1_700_000_000_000_000_000u64..1_760_000_000_000_000_000);
                    place_number(r, "at_ns", json!(v))
                }
                _ => {
                    let d = format!(
                        "{}, {:02} May 2024 {:02}:{:02}:{:02} GMT",
                        pick(r, &["Wed", "Thu", "Fri"]),
                        r.random_range(1..29),
                        r.random_range(0..24),
                        r.random_range(0..60),
                        r.random_range(0..60)
                    );
                    sample(
                        json!({"headers": [["Date", d], ["Server", "nginx"]]}),
                        vec![d],
                        "header list",
                    )
                }
            },
        },
        Benign {
            name: "duration",
            near: "numbers",
            generate: |r| match r.random_range(0..3) {
                0 => {
                    let v = r.random_range(100..120_000);
                    place_number(r, "timeout_ms", json!(v))
                }
                _ => {
                    let d = pick(
                        r,
                        &["1h30m", "250ms", "PT15M", "00:15:30", "30s", "7d", "P1DT2H"],
                    )
                    .to_owned();
                    let key = pick(
                        r,
                        &[
                            "timeout",
                            "ttl",
                            "token_ttl",
                            "session_timeout",
                            "retry_after",
                            "expires_in",
                        ],
                    );
                    place(r, key, d)
                }
            },
        },
        Benign {
            name: "placeholder under secret key",
            near: "passwords, tokens",
            generate: |r| {
                let v = pick(
                    r,
                    &[
                        "${DB_PASSWORD}",
                        "{{ .Values.db.password }}",
                        "<your-token-here>",
                        "${{ secrets.NPM_TOKEN }}",
                        "$(DB_PASSWORD)",
                        "{{ vault \"secret/data/db\" \"password\" }}",
                        "<YOUR_API_KEY>",
                        "%(DB_PASS)s",
                        "${env:API_TOKEN}",
                    ],
                )
                .to_owned();
                let key = pick(
                    r,
                    &[
                        "password",
                        "db_password",
                        "api_token",
                        "secret",
                        "client_secret",
                        "token",
                        "api_key",
                    ],
                );
                match r.random_range(0..3) {
                    0 => sample(
                        json!({"path": "values.yaml", "content": format!("db:\n  host: postgres\n  {key}: \"{v}\"\n")}),
                        vec![v],
                        "config text",
                    ),
                    _ => place(r, key, v),
                }
            },
        },
        Benign {
            name: "token and session counts",
            near: "tokens, passwords (by key)",
            generate: |r| {
                let key = pick(
                    r,
                    &[
                        "tokens",
                        "max_tokens",
                        "token_count",
                        "session_count",
                        "prompt_tokens",
                        "completion_tokens",
                        "total_tokens",
                        "password_min_length",
                        "key_count",
                        "secret_version",
                        "max_sessions",
                        "tokens_used",
                    ],
                );
                let n = r.random_range(1..200_000u64);
                match r.random_range(0..4) {
                    0 => place_number(r, key, json!(n.to_string())),
                    1 => {
                        let (p, c) = (r.random_range(10..4000u64), r.random_range(1..2000u64));
                        BenignSample {
                            payload: json!({"id": "chatcmpl-123", "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}}),
                            keep: vec![
                                Keep::At("/usage/prompt_tokens".into(), json!(p)),
                                Keep::At("/usage/total_tokens".into(), json!(p + c)),
                            ],
                            place: "llm usage",
                        }
                    }
                    _ => place_number(r, key, json!(n)),
                }
            },
        },
        Benign {
            name: "auth settings",
            near: "tokens, passwords (by key)",
            generate: |r| {
                let token_type = pick(r, &["Bearer", "bearer", "MAC", "DPoP"]);
                let grant = pick(
                    r,
                    &[
                        "password",
                        "client_credentials",
                        "refresh_token",
                        "authorization_code",
                    ],
                );
                let policy = pick(r, &["strong", "default", "legacy", "nist-800-63b"]);
                let endpoint = format!("https://auth.{}/oauth/token", people::domain(r));
                let secret_name = pick(r, &["db-credentials", "stripe-api", "app-secrets"]);
                let min_len = r.random_range(8..16);
                BenignSample {
                    payload: json!({"oauth": {"token_type": token_type, "grant_type": grant, "token_endpoint": endpoint},
                    "security": {"password_policy": policy, "password_min_length": min_len, "secret_name": secret_name, "api_key_header": "X-Api-Key"}}),
                    keep: vec![
                        Keep::At("/oauth/token_type".into(), json!(token_type)),
                        Keep::At("/oauth/grant_type".into(), json!(grant)),
                        Keep::At("/oauth/token_endpoint".into(), json!(endpoint)),
                        Keep::At("/security/password_policy".into(), json!(policy)),
                        Keep::At("/security/password_min_length".into(), json!(min_len)),
                        Keep::At("/security/secret_name".into(), json!(secret_name)),
                    ],
                    place: "settings object",
                }
            },
        },
        Benign {
            name: "kafka message key",
            near: "api keys (by key)",
            generate: |r| {
                let k = format!(
                    "{}-{}",
                    pick(r, &["order", "customer", "invoice", "shipment"]),
                    r.random_range(1000..999_999)
                );
                BenignSample {
                    payload: json!({"topic": "orders", "partition": r.random_range(0..12), "offset": r.random_range(1..900_000), "key": k, "value": {"status": "created"}}),
                    keep: vec![Keep::At("/key".into(), json!(k))],
                    place: "kafka record",
                }
            },
        },
        Benign {
            name: "cache key",
            near: "api keys (by key)",
            generate: |r| {
                let k = match r.random_range(0..3) {
                    0 => format!("user:{}:profile", r.random_range(1..99_999)),
                    1 => format!("lock:invoice:{}", r.random_range(1..99_999)),
                    _ => format!(
                        "feature-flags:v{}:{}",
                        r.random_range(1..9),
                        pick(r, &["web", "ios", "android"])
                    ),
                };
                let key = pick(r, &["cache_key", "redis_key", "lock_key"]);
                place(r, key, k)
            },
        },
        Benign {
            name: "pagination cursor",
            near: "base64 keys, tokens (by key)",
            generate: |r| {
                let doc = match r.random_range(0..3) {
                0 => json!({"offset": r.random_range(1..50) * 20}),
                1 => json!({"id": r.random_range(1..999_999), "ts": r.random_range(1_700_000_000u64..1_760_000_000)}),
                _ => json!({"after": format!("cus_{}", r.random_range(100..9999)), "limit": 50}),
            }
            .to_string();
                let c = if chance(r, 0.6) {
                    b64(doc.as_bytes())
                } else {
                    b64url(doc.as_bytes())
                };
                let key = pick(
                    r,
                    &[
                        "cursor",
                        "next_page_token",
                        "page_token",
                        "continuation_token",
                        "next_token",
                        "after",
                    ],
                );
                match r.random_range(0..3) {
                    0 => sample(
                        json!({"data": [], "pagination": {key: c, "has_more": true}}),
                        vec![c],
                        "nested key",
                    ),
                    _ => place(r, key, c),
                }
            },
        },
        Benign {
            name: "file path",
            near: "keys, tokens (by key)",
            generate: |r| {
                let p = pick(
                    r,
                    &[
                        "/etc/ssl/private/server.key",
                        "/var/run/secrets/kubernetes.io/serviceaccount/token",
                        "~/.ssh/id_ed25519",
                        "C:\\Users\\svc\\.aws\\credentials",
                        "/run/secrets/db_password",
                        "/etc/pki/tls/private/localhost.key",
                        "./config/master.key",
                    ],
                )
                .to_owned();
                let key = pick(
                    r,
                    &[
                        "key_file",
                        "token_path",
                        "password_file",
                        "credentials_file",
                        "tls_key_path",
                        "ssh_key_path",
                    ],
                );
                place(r, key, p)
            },
        },
        Benign {
            name: "prose about secrets",
            near: "passwords, tokens (in text)",
            generate: |r| {
                let m = pick(
                    r,
                    &[
                        "password reset email sent",
                        "token expired, refreshing",
                        "secret rotation scheduled for Sunday",
                        "invalid password for user",
                        "API key missing from request",
                        "session expired, please sign in again",
                        "private key not found, generating a new one",
                        "card declined: insufficient funds",
                        "credentials file is world-readable",
                        "refresh token revoked by user",
                        "password must be at least 12 characters",
                    ],
                )
                .to_owned();
                sample(
                    json!({"level": "warn", "message": m, "user_id": r.random_range(1..99_999)}),
                    vec![m],
                    "log message",
                )
            },
        },
        Benign {
            name: "hostname",
            near: "emails, urls",
            generate: |r| {
                let h = people::host(r);
                let key = pick(r, &["host", "hostname", "server", "db_host", "endpoint"]);
                place(r, key, h)
            },
        },
        Benign {
            name: "port",
            near: "numbers",
            generate: |r| {
                let port = *[5432u64, 3306, 6379, 8443, 9092, 27017, 443, 8080]
                    .get(r.random_range(0..8))
                    .unwrap_or(&443);
                match r.random_range(0..3) {
                    0 => place_number(r, "port", json!(port)),
                    1 => place_number(r, "port", json!(port.to_string())),
                    _ => {
                        let b = format!(":{port}");
                        place(r, "listen", b)
                    }
                }
            },
        },
        Benign {
            name: "short numeric id",
            near: "account numbers, ids (by key)",
            generate: |r| {
                let key = pick(
                    r,
                    &[
                        "user_id",
                        "account_id",
                        "customer_number",
                        "ticket_id",
                        "patient_count",
                        "tenant_id",
                    ],
                );
                let n = r.random_range(1..999_999u64);
                if chance(r, 0.5) {
                    place_number(r, key, json!(n))
                } else {
                    place_number(r, key, json!(n.to_string()))
                }
            },
        },
        Benign {
            name: "vendor object ids",
            near: "vendor tokens",
            generate: |r| match r.random_range(0..4) {
                0 => {
                    let id = format!(
                        "{}_{}",
                        pick(r, &["cus", "pi", "ch", "evt", "in", "sub", "price", "prod"]),
                        chars(r, ALNUM, 14..=24)
                    );
                    let key = pick(r, &["customer", "payment_intent", "id", "object_id"]);
                    place(r, key, id)
                }
                1 => {
                    let (c, u) = (
                        format!("C{}", chars(r, UPPER_ALNUM, 10)),
                        format!("U{}", chars(r, UPPER_ALNUM, 10)),
                    );
                    sample(
                        json!({"event": {"type": "message", "channel": c, "user": u, "text": "deploy done"}}),
                        vec![c, u],
                        "slack event",
                    )
                }
                2 => {
                    let sid = format!("AC{}", chars(r, HEX, 32));
                    let url =
                        format!("https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json");
                    sample(json!({"url": url, "method": "POST"}), vec![sid], "url path")
                }
                _ => {
                    let id = b64(format!("04:User{}", r.random_range(1000..99_999_999)).as_bytes());
                    sample(
                        json!({"viewer": {"id": id, "login": "octocat"}}),
                        vec![id],
                        "nested key",
                    )
                }
            },
        },
        Benign {
            name: "aws arn",
            near: "aadhaar (12 digits), account numbers",
            generate: |r| {
                let acct = digits(r, 12);
                let arn = match r.random_range(0..3) {
                    0 => format!("arn:aws:iam::{acct}:role/deploy"),
                    1 => format!("arn:aws:sqs:eu-west-1:{acct}:orders-dlq"),
                    _ => format!("arn:aws:lambda:us-east-1:{acct}:function:thumbnailer"),
                };
                let key = pick(r, &["arn", "role_arn", "resource", "queue_arn"]);
                place(r, key, arn)
            },
        },
        Benign {
            name: "product codes (EAN/ISBN)",
            near: "checksummed numbers",
            generate: |r| {
                let code = ean13(r);
                let key = pick(r, &["gtin", "ean", "isbn", "barcode"]);
                if chance(r, 0.3) {
                    place_number(r, key, json!(code.parse::<u64>().unwrap_or(1)))
                } else {
                    place(r, key, code)
                }
            },
        },
        Benign {
            name: "public certificate / key",
            near: "pem private keys",
            generate: |r| {
                let text = match r.random_range(0..3) {
                    0 => {
                        let mut der = vec![
                            0x30, 0x82, 0x03, 0x2d, 0x30, 0x82, 0x02, 0x15, 0xa0, 0x03, 0x02, 0x01,
                            0x02,
                        ];
                        der.extend(bytes(r, 800));
                        let body = group(&b64(&der), 64, "\n");
                        format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n")
                    }
                    1 => {
                        let mut der = vec![
                            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
                        ];
                        der.extend(bytes(r, 32));
                        format!(
                            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
                            b64(&der)
                        )
                    }
                    _ => {
                        let mut blob = b"\0\0\0\x0bssh-ed25519\0\0\0\x20".to_vec();
                        blob.extend(bytes(r, 32));
                        format!(
                            "ssh-ed25519 {} deploy@ci-runner-{}",
                            b64(&blob),
                            r.random_range(1..9)
                        )
                    }
                };
                let key = pick(
                    r,
                    &[
                        "ca_cert",
                        "certificate",
                        "public_key",
                        "tls_crt",
                        "authorized_key",
                    ],
                );
                sample(
                    json!({key: text, "kind": "trust-anchor"}),
                    vec![text],
                    "key",
                )
            },
        },
        Benign {
            name: "content hashes",
            near: "hex and base64 keys",
            generate: |r| match r.random_range(0..4) {
                0 => {
                    let e = format!("\"{}\"", chars(r, HEX, 40));
                    sample(
                        json!({"headers": [["ETag", e], ["Cache-Control", "max-age=60"]]}),
                        vec![e],
                        "header list",
                    )
                }
                1 => {
                    let m = chars(r, HEX, 32);
                    place(r, "md5", m)
                }
                2 => {
                    let m = b64(&bytes(r, 16));
                    place(r, "content_md5", m)
                }
                _ => {
                    let m = b64(&bytes(r, 4));
                    place(r, "crc32c", m)
                }
            },
        },
        Benign {
            name: "dates that are not birth dates",
            near: "dates of birth",
            generate: |r| {
                let (y, m, d) = (
                    r.random_range(2023..=2027),
                    r.random_range(1..=12),
                    r.random_range(1..=28),
                );
                let v = match r.random_range(0..3) {
                    0 => format!("{y}-{m:02}-{d:02}"),
                    1 => format!("{m:02}/{d:02}/{y}"),
                    _ => format!("{d:02}.{m:02}.{y}"),
                };
                let key = pick(
                    r,
                    &[
                        "expires_on",
                        "invoice_date",
                        "valid_until",
                        "due_date",
                        "release_date",
                        "renewal_date",
                    ],
                );
                place(r, key, v)
            },
        },
        Benign {
            name: "tracking and order numbers",
            near: "phones, aadhaar, cards",
            generate: |r| {
                let v = match r.random_range(0..4) {
                    0 => format!("1Z{}{}", chars(r, UPPER_ALNUM, 6), digits(r, 10)),
                    1 => format!("{}-{}-{}", digits(r, 3), digits(r, 7), digits(r, 7)),
                    2 => group(&format!("9400{}", digits(r, 18)), 4, " "),
                    _ => format!("{}{}", pick(r, &["7", "9"]), digits(r, 11)),
                };
                let key = pick(
                    r,
                    &["tracking_number", "order_number", "shipment_id", "awb"],
                );
                place(r, key, v)
            },
        },
        Benign {
            name: "user agent",
            near: "ipv4, versions",
            generate: |r| {
                let ua = match r.random_range(0..4) {
                    0 => format!(
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{}.0.{}.{} Safari/537.36",
                        r.random_range(110..130),
                        r.random_range(5000..7000),
                        r.random_range(50..250)
                    ),
                    1 => format!(
                        "okhttp/4.{}.{}",
                        r.random_range(9..13),
                        r.random_range(0..5)
                    ),
                    2 => format!(
                        "python-requests/2.{}.{}",
                        r.random_range(25..33),
                        r.random_range(0..4)
                    ),
                    _ => format!(
                        "aws-sdk-go-v2/1.{}.{} os/linux lang/go#1.22.3 md/GOOS#linux",
                        r.random_range(20..30),
                        r.random_range(0..9)
                    ),
                };
                sample(
                    json!({"headers": [["User-Agent", ua], ["Accept", "*/*"]]}),
                    vec![ua],
                    "header list",
                )
            },
        },
        Benign {
            name: "amounts",
            near: "phones, account numbers",
            generate: |r| match r.random_range(0..3) {
                0 => {
                    let v = r.random_range(100..10_000_000u64);
                    place_number(r, "amount", json!(v))
                }
                1 => {
                    let v = r.random_range(1_000_000_000u64..9_999_999_999);
                    place_number(r, "balance_cents", json!(v))
                }
                _ => {
                    let v = format!("{}.{:02}", r.random_range(1..999), r.random_range(0..100));
                    place_number(r, "price", json!(v))
                }
            },
        },
        Benign {
            name: "inline image data",
            near: "base64 keys",
            generate: |r| {
                let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
                let len = r.random_range(200..600);
                png.extend(bytes(r, len));
                let data = format!("data:image/png;base64,{}", b64(&png));
                let key = pick(r, &["thumbnail", "avatar", "logo", "preview"]);
                sample(json!({key: data, "width": 64}), vec![data], "key")
            },
        },
        Benign {
            name: "public urls",
            near: "url credentials, signed urls",
            generate: |r| {
                let u = match r.random_range(0..3) {
                    0 => format!(
                        "https://github.com/{}/api/pull/{}",
                        pick(r, &["acme", "globex"]),
                        r.random_range(1..9000)
                    ),
                    1 => format!("https://docs.{}/v2/auth#tokens", people::domain(r)),
                    _ => format!(
                        "https://api.{}/v1/users?page={}&per_page=50&sort=created_at",
                        people::domain(r),
                        r.random_range(1..40)
                    ),
                };
                let key = pick(r, &["url", "link", "href", "next"]);
                place(r, key, u)
            },
        },
        Benign {
            name: "k8s secret references",
            near: "passwords (by key)",
            generate: |r| {
                let (name, skey) = (
                    pick(r, &["db-credentials", "stripe-api", "app-secrets"]),
                    pick(r, &["password", "api-key", "token"]),
                );
                let env = pick(r, &["DB_PASSWORD", "STRIPE_SECRET_KEY", "API_TOKEN"]);
                BenignSample {
                    payload: json!({"env": [{"name": env, "valueFrom": {"secretKeyRef": {"name": name, "key": skey}}}],
                    "serviceAccountName": "token-refresher", "image": "ghcr.io/acme/api:1.4.2"}),
                    keep: vec![
                        Keep::At("/env/0/valueFrom/secretKeyRef/name".into(), json!(name)),
                        Keep::At("/env/0/valueFrom/secretKeyRef/key".into(), json!(skey)),
                        Keep::At("/serviceAccountName".into(), json!("token-refresher")),
                    ],
                    place: "k8s env",
                }
            },
        },
        Benign {
            name: "masked values",
            near: "cards, phones, emails",
            generate: |r| {
                let last4 = digits(r, 4);
                let masked = format!("{}******{last4}", pick(r, &["411111", "555555", "378282"]));
                let hint = format!(
                    "{}***@{}",
                    chars(r, LOWER, 1),
                    pick(r, &["gmail.com", "outlook.com"])
                );
                BenignSample {
                    payload: json!({"payment_method": {"card": {"last4": last4, "masked_pan": masked, "brand": "visa"}}, "email_hint": hint}),
                    keep: vec![
                        Keep::Text(masked),
                        Keep::At("/payment_method/card/last4".into(), json!(last4)),
                        Keep::Text(hint),
                    ],
                    place: "nested key",
                }
            },
        },
        Benign {
            name: "english prose",
            near: "seed phrases, names",
            generate: |r| {
                let m = pick(r, &[
                "Please review the attached report before the meeting on Friday and let me know if anything is missing.",
                "The nightly backup finished in 42 minutes; no action needed.",
                "Customer asked whether the order can be delivered to the office instead of home.",
                "We rolled back the release because the cache warmup took too long on the new nodes.",
                "Thanks for the quick turnaround, the fix works on staging.",
                "Reminder: the quarterly access review is due next week.",
            ]).to_owned();
                sample(
                    json!({"comment": m, "author_id": r.random_range(1..9999)}),
                    vec![m],
                    "prose",
                )
            },
        },
    ]
}
