//! Positions: the message shapes a planted value is put in.
//!
//! Each [`Position`] builds a realistic payload around one [`Planted`]
//! value: a JSON request, a Kubernetes manifest, a log line, a SQL
//! statement, a URL, a document held in a string or in base64, ... A
//! *context* position names the value the way real code does (a key, a
//! sibling `name`, a flag, a label in the text); a *neutral* position does
//! not, and only self-identifying kinds are planted there.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Map, Value, json};

use crate::kinds::{Class, Kind, Planted};
use crate::people;
use crate::random::*;

/// Whether a position tells a reader what the value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A key, label, flag or sibling names the value.
    Context,
    /// Nothing names it: only a self-identifying value can be found.
    Neutral,
}

/// One message shape.
pub struct Position {
    pub name: &'static str,
    pub mode: Mode,
    /// Whether the shape makes sense for a kind (an ODBC `PWD=` holds a
    /// password or a token, not an IBAN).
    pub suits: fn(&Kind) -> bool,
    pub build: fn(&mut StdRng, &Kind, &Planted) -> Value,
}

// ---------------------------------------------------------------------------
// Names for a kind, as code spells them.
// ---------------------------------------------------------------------------

fn snake(r: &mut StdRng, k: &Kind) -> &'static str {
    pick(r, k.ctx.keys)
}

/// A key for the value, in one of the cases code bases use.
fn key(r: &mut StdRng, k: &Kind) -> String {
    let s = snake(r, k);
    key_case(r, s)
}

fn env(r: &mut StdRng, k: &Kind) -> String {
    let s = screaming(snake(r, k));
    if chance(r, 0.3) && !s.contains('_') {
        format!("{}_{s}", pick(r, &["APP", "PROD", "SERVICE", "DB", "API"]))
    } else {
        s
    }
}

fn flag(r: &mut StdRng, k: &Kind) -> String {
    format!("--{}", kebab(snake(r, k)))
}

fn label(r: &mut StdRng, k: &Kind) -> String {
    pick(r, k.ctx.labels).trim_end_matches(':').to_owned()
}

fn foreign(r: &mut StdRng, k: &Kind) -> String {
    pick(r, k.ctx.foreign).to_owned()
}

/// An HTTP header carrying the value: its name and full value.
fn header(r: &mut StdRng, k: &Kind, p: &Planted) -> (String, String) {
    let has_scheme = p.text.starts_with("Bearer ")
        || p.text.starts_with("bearer ")
        || p.text.starts_with("Basic ");
    if k.ctx.headers.is_empty() {
        (format!("X-{}", header_case(snake(r, k))), p.text.clone())
    } else {
        let (name, prefix) = k.ctx.headers[r.random_range(0..k.ctx.headers.len())];
        let prefix = if has_scheme { "" } else { prefix };
        (name.to_owned(), format!("{prefix}{}", p.text))
    }
}

fn is_credential(k: &Kind) -> bool {
    matches!(k.class, Class::Password | Class::Token)
}

/// Credentials that fit in a `key value` or `PWD=` slot.
fn credential_word(k: &Kind) -> bool {
    is_credential(k)
        && !matches!(
            k.name,
            "pem private key" | "seed phrase" | "basic auth" | "bearer token" | "session cookie"
        )
}

fn any(_: &Kind) -> bool {
    true
}

fn has_foreign(k: &Kind) -> bool {
    !k.ctx.foreign.is_empty()
}

fn not_pem(k: &Kind) -> bool {
    k.name != "pem private key"
}

// ---------------------------------------------------------------------------
// Filler: what surrounds a value in real payloads.
// ---------------------------------------------------------------------------

fn filler(r: &mut StdRng, n: usize) -> Map<String, Value> {
    let mut m = Map::new();
    for _ in 0..n {
        let (k, v) = match r.random_range(0..9) {
            0 => ("request_id", json!(uuid(r))),
            1 => ("ts", json!(timestamp(r))),
            2 => ("user_id", json!(r.random_range(1..200_000))),
            3 => (
                "region",
                json!(pick(r, &["eu-west-1", "us-east-1", "ap-south-1"])),
            ),
            4 => ("attempt", json!(r.random_range(1..5))),
            5 => (
                "status",
                json!(pick(r, &["ok", "pending", "failed", "active"])),
            ),
            6 => (
                "version",
                json!(format!(
                    "{}.{}.{}",
                    r.random_range(0..4),
                    r.random_range(0..30),
                    r.random_range(0..20)
                )),
            ),
            7 => ("enabled", json!(chance(r, 0.5))),
            _ => (
                "service",
                json!(pick(
                    r,
                    &["billing", "auth", "orders", "notifier", "ledger"]
                )),
            ),
        };
        m.insert(k.to_owned(), v);
    }
    m
}

fn obj_with(r: &mut StdRng, key: String, value: Value) -> Value {
    let n = r.random_range(0..4);
    let mut m = filler(r, n);
    m.insert(key, value);
    Value::Object(m)
}

fn log_prefix(r: &mut StdRng) -> String {
    match r.random_range(0..3) {
        0 => format!(
            "{} {} [{}]",
            timestamp(r),
            pick(r, &["INFO", "DEBUG", "WARN", "ERROR"]),
            pick(r, &["auth", "db", "http", "worker-3", "payments"])
        ),
        1 => format!(
            "{} {}",
            pick(r, &["I0501", "W0501", "E0501"]),
            pick(
                r,
                &[
                    "12:00:01.123456   1 client.go:88]",
                    "08:15:44.000812   7 handler.go:231]"
                ]
            )
        ),
        _ => format!(
            "[{}] {}:",
            timestamp(r),
            pick(r, &["app.INFO", "app.DEBUG", "security.WARNING"])
        ),
    }
}

fn quote_if_needed(s: &str) -> String {
    if s.contains([' ', '"', '\n', '=']) {
        serde_json::to_string(s).unwrap_or_default()
    } else {
        s.to_owned()
    }
}

fn path_segment(r: &mut StdRng) -> &'static str {
    pick(
        r,
        &[
            "v1/users",
            "v2/orders",
            "api/session",
            "v1/payments/intents",
            "oauth/token",
            "v3/accounts/me",
        ],
    )
}

/// Escapes a string for a GraphQL or JSON-ish double-quoted literal.
fn dq(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// The positions.
// ---------------------------------------------------------------------------

/// Every position in the corpus.
pub fn all() -> Vec<Position> {
    use Mode::*;
    vec![
        Position {
            name: "key",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = key(r, k);
                let inner = obj_with(r, key, p.value());
                match r.random_range(0..4) {
                    0 => json!({"user": inner}),
                    1 => json!({"request": {"method": "POST", "body": inner}}),
                    _ => inner,
                }
            },
        },
        Position {
            name: "nested key",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = key(r, k);
                let mut v = obj_with(r, key, p.value());
                for _ in 0..r.random_range(3..=6) {
                    let name = pick(
                        r,
                        &[
                            "spec",
                            "data",
                            "settings",
                            "services",
                            "db",
                            "credentials",
                            "auth",
                            "config",
                            "env",
                            "production",
                            "integrations",
                            "payload",
                            "attributes",
                            "profile",
                            "primary",
                        ],
                    );
                    v = if chance(r, 0.25) {
                        json!([{"name": "default", "enabled": false}, v])
                    } else {
                        let n = r.random_range(0..2);
                        let mut m = filler(r, n);
                        m.insert(name.to_owned(), v);
                        Value::Object(m)
                    };
                }
                if v.is_array() { json!({"items": v}) } else { v }
            },
        },
        Position {
            name: "foreign key",
            mode: Context,
            suits: has_foreign,
            build: |r, k, p| {
                let key = foreign(r, k);
                let user = people::username(r);
                let mut m = Map::new();
                m.insert(
                    pick(
                        r,
                        &[
                            "usuario",
                            "benutzer",
                            "utilisateur",
                            "usuário",
                            "gebruiker",
                            "użytkownik",
                        ],
                    )
                    .to_owned(),
                    json!(user),
                );
                m.insert(key, p.value());
                Value::Object(m)
            },
        },
        Position {
            name: "name/value pair",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let v = p.value();
                match r.random_range(0..6) {
                    0 => {
                        json!({"parameters": [{"name": "region", "value": "eu-west-1"}, {"name": snake(r, k), "value": v}]})
                    }
                    1 => {
                        let (h, hv) = header(r, k, p);
                        json!({"request": {"header": [{"key": "Content-Type", "value": "application/json"}, {"key": h, "value": hv}]}})
                    }
                    2 => {
                        json!({"Parameters": [{"ParameterKey": "Environment", "ParameterValue": "prod"}, {"ParameterKey": pascal(snake(r, k)), "ParameterValue": v}]})
                    }
                    3 => {
                        json!({"containerDefinitions": [{"name": "api", "environment": [{"name": "PORT", "value": "8080"}, {"name": env(r, k), "value": v}]}]})
                    }
                    4 => {
                        json!({"form_response": {"answers": [{"field": {"ref": "email_opt_in"}, "boolean": true}], "fields": [{"label": label(r, k), "value": v}]}})
                    }
                    _ => {
                        json!([{"name": "WEBSITE_NODE_DEFAULT_VERSION", "value": "~18", "slotSetting": false}, {"name": env(r, k), "value": v, "slotSetting": false}])
                    }
                }
            },
        },
        Position {
            name: "k8s env",
            mode: Context,
            suits: any,
            build: |r, k, p| match r.random_range(0..5) {
                0 => {
                    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "app-secrets", "namespace": "prod"}, "type": "Opaque",
                    "data": {snake(r, k): b64(p.text.as_bytes()), "username": b64(b"app")}})
                }
                1 => {
                    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "app-secrets"}, "stringData": {snake(r, k): p.text}})
                }
                _ => {
                    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}, "spec": {"template": {"spec": {"containers": [{
                    "name": "api", "image": "ghcr.io/acme/api:1.4.2",
                    "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": env(r, k), "value": p.text}]}]}}}})
                }
            },
        },
        Position {
            name: "terraform/consul/vault",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = snake(r, k);
                match r.random_range(0..4) {
                    0 => {
                        json!({"version": 4, "terraform_version": "1.7.5", "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "main",
                    "instances": [{"schema_version": 2, "attributes": {"engine": "postgres", "username": "app", key: p.value(), "port": 5432}}]}]})
                    }
                    1 => {
                        json!([{"LockIndex": 0, "Key": format!("config/api/{key}"), "Flags": 0, "Value": b64(p.text.as_bytes()), "CreateIndex": 812, "ModifyIndex": 907}])
                    }
                    2 => {
                        json!({"request_id": uuid(r), "lease_duration": 0, "data": {"data": {key: p.value()}, "metadata": {"version": 3, "created_time": timestamp(r)}}})
                    }
                    _ => {
                        json!({"Parameter": {"Name": format!("/prod/api/{key}"), "Type": "SecureString", "Value": p.text, "Version": 3, "DataType": "text"}})
                    }
                }
            },
        },
        Position {
            name: "header list",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let (h, hv) = header(r, k, p);
                if chance(r, 0.5) {
                    json!({"headers": [["Host", "api.stripe.com"], ["Accept", "application/json"], [h, hv], ["User-Agent", "okhttp/4.12.0"]]})
                } else {
                    json!({"log": {"entries": [{"request": {"method": "GET", "url": format!("https://{}/{}", people::host(r), path_segment(r)),
                    "headers": [{"name": "accept", "value": "*/*"}, {"name": h, "value": hv}]}}]}})
                }
            },
        },
        Position {
            name: "log key=value",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let prefix = log_prefix(r);
                let t = &p.text;
                let line = match r.random_range(0..5) {
                    0 => format!(
                        "{prefix} login attempt user={} {}={}",
                        people::username(r),
                        snake(r, k),
                        quote_if_needed(t)
                    ),
                    1 => format!("{prefix} config loaded: {}: {t}", key(r, k)),
                    2 => format!(
                        "{prefix} params {{{} => \"{t}\", \"remember\" => true}}",
                        dq(snake(r, k))
                    ),
                    3 => format!("{prefix} {}: {t}", label(r, k)),
                    _ => format!(
                        "{prefix} updated record; {}={} ok",
                        label(r, k).replace(' ', "_"),
                        quote_if_needed(t)
                    ),
                };
                json!({"message": line, "logger": "app"})
            },
        },
        Position {
            name: "logfmt",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let line = format!(
                    "ts={} level={} caller={} msg=\"{}\" {}={} attempt={}",
                    timestamp(r),
                    pick(r, &["debug", "info", "warn"]),
                    pick(r, &["db.go:112", "client.go:57", "auth/handler.go:231"]),
                    pick(
                        r,
                        &["connecting", "request sent", "auth configured", "retrying"]
                    ),
                    snake(r, k),
                    dq(&p.text),
                    r.random_range(1..4)
                );
                json!({"line": line})
            },
        },
        Position {
            name: "dict in log text",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = &p.text;
                let line = match r.random_range(0..4) {
                    0 => format!(
                        "DEBUG:urllib3: kwargs={{'user': '{}', '{}': '{}', 'timeout': 30}}",
                        people::username(r),
                        snake(r, k),
                        t.replace('\'', "\\'")
                    ),
                    1 => format!(
                        "Processing by SessionsController#create as JSON\n  Parameters: {{\"{}\"=>\"{t}\", \"commit\"=>\"Sign in\"}}",
                        snake(r, k)
                    ),
                    2 => format!(
                        "config: {{Host:{} Port:5432 {}:{t} Timeout:30s}}",
                        people::host(r),
                        pascal(snake(r, k))
                    ),
                    _ => format!(
                        "Creating client with ClientConfig{{endpoint='https://{}', {}='{t}', retries=3}}",
                        people::host(r),
                        camel(snake(r, k))
                    ),
                };
                json!({"msg": line})
            },
        },
        Position {
            name: "sql",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = &p.text;
                let col = snake(r, k);
                let table = pick(
                    r,
                    &[
                        "users",
                        "customers",
                        "accounts",
                        "integrations",
                        "patients",
                        "credentials",
                    ],
                );
                let sql = if k.class == Class::Password && chance(r, 0.7) {
                    let user = people::username(r);
                    match r.random_range(0..4) {
                        0 => format!("CREATE USER {user} IDENTIFIED BY {};", sql_quote(t)),
                        1 => format!("ALTER ROLE {user} WITH LOGIN PASSWORD {};", sql_quote(t)),
                        2 => format!("ALTER USER '{user}'@'%' IDENTIFIED BY {};", sql_quote(t)),
                        _ => format!(
                            "CREATE ROLE {user} LOGIN PASSWORD {} VALID UNTIL 'infinity';",
                            sql_quote(t)
                        ),
                    }
                } else {
                    match r.random_range(0..4) {
                        0 => format!(
                            "INSERT INTO {table} (id, {col}, created_at) VALUES ({}, {}, now());",
                            r.random_range(1..99_999),
                            sql_quote(t)
                        ),
                        1 => format!(
                            "UPDATE {table} SET {col} = {} WHERE id = {};",
                            sql_quote(t),
                            r.random_range(1..99_999)
                        ),
                        2 => format!(
                            "SELECT id, status FROM {table} WHERE {col} = {} LIMIT 1",
                            sql_quote(t)
                        ),
                        _ => format!(
                            "ERROR:  duplicate key value violates unique constraint \"{table}_{col}_key\"\nDETAIL:  Key ({col})=({t}) already exists."
                        ),
                    }
                };
                match r.random_range(0..3) {
                    0 => json!({"query": sql, "duration_ms": r.random_range(1..2000)}),
                    1 => json!({"db.statement": sql, "db.system": "postgresql"}),
                    _ => {
                        json!({"message": format!("slow query ({}ms): {sql}", r.random_range(500..5000))})
                    }
                }
            },
        },
        Position {
            name: "command line",
            mode: Context,
            suits: not_pem,
            build: |r, k, p| {
                let t = &p.text;
                let host = people::host(r);
                let argv: Vec<String> = if k.class == Class::Password && chance(r, 0.6) {
                    match r.random_range(0..5) {
                        0 => vec![
                            "mysql".into(),
                            "-uroot".into(),
                            format!("-p{t}"),
                            "-h".into(),
                            host,
                        ],
                        1 => vec![
                            "sshpass".into(),
                            "-p".into(),
                            t.clone(),
                            "ssh".into(),
                            format!("deploy@{host}"),
                        ],
                        2 => vec![
                            "redis-cli".into(),
                            "-h".into(),
                            host,
                            "-a".into(),
                            t.clone(),
                        ],
                        3 => vec![
                            "docker".into(),
                            "run".into(),
                            "-e".into(),
                            format!("POSTGRES_PASSWORD={t}"),
                            "postgres:16".into(),
                        ],
                        _ => vec![
                            "pg_dump".into(),
                            format!("--password={t}"),
                            "-h".into(),
                            host,
                            "orders".into(),
                        ],
                    }
                } else {
                    match r.random_range(0..5) {
                        0 => vec![
                            "./bin/server".into(),
                            flag(r, k),
                            t.clone(),
                            "--port".into(),
                            "8080".into(),
                        ],
                        1 => vec![
                            "deploy".into(),
                            format!("{}={t}", flag(r, k)),
                            "--env=prod".into(),
                        ],
                        2 => {
                            let (h, hv) = header(r, k, p);
                            vec![
                                "curl".into(),
                                "-sS".into(),
                                "-H".into(),
                                format!("{h}: {hv}"),
                                format!("https://{host}/{}", path_segment(r)),
                            ]
                        }
                        3 => vec![
                            "docker".into(),
                            "run".into(),
                            "-e".into(),
                            format!("{}={t}", env(r, k)),
                            "ghcr.io/acme/worker:2.1.0".into(),
                        ],
                        _ => vec![
                            "env".into(),
                            format!("{}={t}", env(r, k)),
                            "node".into(),
                            "dist/index.js".into(),
                        ],
                    }
                };
                if chance(r, 0.4) {
                    json!({"argv": argv, "pid": r.random_range(100..60_000)})
                } else {
                    let line: Vec<String> = argv.iter().map(|a| shell_quote(a)).collect();
                    json!({"cmdline": line.join(" "), "exit_code": 1})
                }
            },
        },
        Position {
            name: "stack trace",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let (t, l, key) = (&p.text, label(r, k), snake(r, k));
                match r.random_range(0..5) {
                    0 => json!({"traceback": format!(
                    "Traceback (most recent call last):\n  File \"/app/service/client.py\", line 88, in authenticate\n    raise ValueError(f\"invalid {{field}}: {{value!r}}\")\nValueError: invalid {l}: '{t}'")}),
                    1 => json!({"stack": format!(
                    "java.lang.IllegalArgumentException: Invalid {l}: {t}\n\tat com.acme.auth.CredentialValidator.validate(CredentialValidator.java:88)\n\tat com.acme.auth.LoginService.login(LoginService.java:41)")}),
                    2 => json!({"panic": format!(
                    "thread 'tokio-runtime-worker' panicked at src/client.rs:57:14:\ncalled `Result::unwrap()` on an `Err` value: Rejected {{ {key}: {}, reason: \"unknown\" }}\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", dq(t))}),
                    3 => {
                        json!({"exception": {"values": [{"type": "AuthError", "value": "authentication failed",
                    "stacktrace": {"frames": [{"function": "login", "module": "app.auth", "lineno": 42, "vars": {"self": "<AuthClient>", key: format!("'{t}'")}}]}}]}})
                    }
                    _ => {
                        json!({"error": format!("Error: request rejected for {l} {t}\n    at Client.request (/app/node_modules/api-client/dist/index.js:212:15)\n    at async main (/app/dist/main.js:18:3)")})
                    }
                }
            },
        },
        Position {
            name: "chat turn",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let (t, l) = (&p.text, label(r, k));
                let content = match r.random_range(0..5) {
                    0 => format!(
                        "hi, my {l} is {t} and it stopped working this morning, can you check?"
                    ),
                    1 => format!("Here is my {l}: {t}\nPlease update the account."),
                    2 => format!("{l} {t} — is that the right one for the prod account?"),
                    3 => format!("I changed it to {t} (the new {l}) but still can't get in"),
                    _ => format!("Can you summarise this for me?\n\n{l}: {t}\nThanks!"),
                };
                json!({"model": "gpt-4o-mini", "messages": [
                {"role": "system", "content": "You are a helpful support assistant."},
                {"role": "user", "content": content}]})
            },
        },
        Position {
            name: "url query",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let param = snake(r, k);
                let param = key_case(r, param);
                let path = format!(
                    "/{}?page={}&{param}={}&format=json",
                    path_segment(r),
                    r.random_range(1..9),
                    pct(&p.text)
                );
                if chance(r, 0.5) {
                    json!({"url": format!("https://{}{path}", people::host(r)), "method": "GET"})
                } else {
                    json!({"access_log": format!("{} - - [01/May/2024:12:00:00 +0000] \"GET {path} HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"",
                    pick(r, &["-", "lb-internal"]))})
                }
            },
        },
        Position {
            name: "percent-encoded",
            mode: Context,
            suits: any,
            build: |r, k, p| match r.random_range(0..3) {
                0 => {
                    let inner = json!({"type": "block_actions", "user": {"id": "U0G9QF9C6"}, snake(r, k): p.text}).to_string();
                    json!({"body": format!("payload={}", pct(&inner))})
                }
                1 => {
                    json!({"state": pct(&format!("{}={}&ts={}", snake(r, k), p.text, r.random_range(1_700_000_000..1_760_000_000u64)))})
                }
                _ => {
                    let key = key(r, k);
                    obj_with(r, key, json!(pct(&p.text)))
                }
            },
        },
        Position {
            name: "url in url",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let domain = people::domain(r);
                let inner = format!(
                    "https://app.{domain}/reset?{}={}&step=2",
                    snake(r, k),
                    pct(&p.text)
                );
                let outer = format!(
                    "https://login.{domain}/oauth/callback?{}={}",
                    pick(r, &["next", "redirect_uri", "return_to", "continue"]),
                    pct(&inner)
                );
                json!({"location": outer, "status": 302})
            },
        },
        Position {
            name: "json in string",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = key(r, k);
                let doc = obj_with(r, key, p.value());
                match r.random_range(0..3) {
                    0 => json!({"body": doc.to_string(), "content_type": "application/json"}),
                    1 => json!({"message": format!("request body: {doc}")}),
                    _ => json!({"payload": serde_json::to_string_pretty(&doc).unwrap_or_default()}),
                }
            },
        },
        Position {
            name: "json in string in string",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = key(r, k);
                let inner = obj_with(r, key, p.value()).to_string();
                let middle =
                    json!({"type": "webhook", "id": uuid(r), "payload": inner}).to_string();
                json!({"event": middle})
            },
        },
        Position {
            name: "base64 json",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let key = key(r, k);
                let doc = obj_with(r, key, p.value()).to_string();
                match r.random_range(0..3) {
                    0 => {
                        json!({"message": {"data": b64(doc.as_bytes()), "messageId": digits(r, 16), "attributes": {}}, "subscription": "projects/acme/subscriptions/orders"})
                    }
                    1 => {
                        json!({"topic": "user-events", "partition": r.random_range(0..12), "offset": r.random_range(1000..900_000), "value": b64(doc.as_bytes())})
                    }
                    _ => json!({"bytes": b64(doc.as_bytes())}),
                }
            },
        },
        Position {
            name: "hex",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let text = format!("{}={}", snake(r, k), p.text);
                match r.random_range(0..3) {
                    0 => json!({"payload_hex": hex(text.as_bytes()), "len": text.len()}),
                    1 => {
                        json!({"row": {"id": r.random_range(1..9999), "blob": format!("\\x{}", hex(text.as_bytes()))}})
                    }
                    _ => json!({format!("{}_hex", snake(r, k)): hex(p.text.as_bytes())}),
                }
            },
        },
        Position {
            name: "form body",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let body = if k.class == Class::Password && chance(r, 0.5) {
                    format!(
                        "grant_type=password&username={}&password={}&client_id=web-app&scope=openid",
                        form(&people::email(r)),
                        form(&p.text)
                    )
                } else {
                    format!("a=1&{}={}&submit=Save", snake(r, k), form(&p.text))
                };
                json!({"body": body, "content_type": "application/x-www-form-urlencoded"})
            },
        },
        Position {
            name: "xml",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = xml_escape(&p.text);
                let tag = camel(snake(r, k));
                let xml = match r.random_range(0..4) {
                    0 => format!(
                        "<?xml version=\"1.0\"?>\n<request><user>{}</user><{tag}>{t}</{tag}></request>",
                        people::username(r)
                    ),
                    1 => format!("<config><{} value=\"{t}\"/></config>", pascal(snake(r, k))),
                    2 => format!(
                        "<configuration><appSettings><add key=\"{}\" value=\"{t}\" /></appSettings></configuration>",
                        pascal(snake(r, k))
                    ),
                    _ if k.class == Class::Password => format!(
                        "<soap:Header><wsse:Security><wsse:UsernameToken><wsse:Username>{}</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">{t}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>",
                        people::username(r)
                    ),
                    _ => format!(
                        "<record id=\"{}\"><{tag}>{t}</{tag}></record>",
                        r.random_range(1..9999)
                    ),
                };
                json!({"xml": xml})
            },
        },
        Position {
            name: "graphql",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = dq(&p.text);
                let query = if k.class == Class::Password {
                    format!(
                        "mutation {{ login(email: {}, password: {t}) {{ token user {{ id }} }} }}",
                        dq(&people::email(r))
                    )
                } else {
                    let field = camel(snake(r, k));
                    match r.random_range(0..2) {
                        0 => format!(
                            "mutation {{ updateProfile(input: {{ {field}: {t} }}) {{ id updatedAt }} }}"
                        ),
                        _ => format!(
                            "query {{ users(where: {{ {field}: {{ _eq: {t} }} }}) {{ id status }} }}"
                        ),
                    }
                };
                json!({"query": query, "operationName": null})
            },
        },
        Position {
            name: "diff",
            mode: Context,
            suits: not_pem,
            build: |r, k, p| {
                let patch = if chance(r, 0.5) {
                    let e = env(r, k);
                    format!(
                        "diff --git a/.env b/.env\nindex 3b18e51..a9c2f10 100644\n--- a/.env\n+++ b/.env\n@@ -3,4 +3,4 @@\n LOG_LEVEL=info\n-{e}=\n+{e}={}\n PORT=8080\n",
                        p.text
                    )
                } else {
                    format!(
                        "--- a/config/production.yml\n+++ b/config/production.yml\n@@ -10,3 +10,4 @@\n   host: db.internal\n+  {}: {}\n   pool: 5\n",
                        snake(r, k),
                        dq(&p.text)
                    )
                };
                json!({"patch": patch, "commit": chars(r, HEX, 40)})
            },
        },
        Position {
            name: ".netrc",
            mode: Context,
            suits: credential_word,
            build: |r, _k, p| {
                let host = people::host(r);
                json!({"file": "/home/deploy/.netrc", "content": format!("machine {host}\n  login {}\n  password {}\n", people::username(r), p.text)})
            },
        },
        Position {
            name: "odbc",
            mode: Context,
            suits: credential_word,
            build: |r, _k, p| {
                let s = if chance(r, 0.5) {
                    format!(
                        "Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:{},1433;Database=orders;Uid={};Pwd={};Encrypt=yes;",
                        people::host(r),
                        people::username(r),
                        p.text
                    )
                } else {
                    format!(
                        "DSN=warehouse;Host={};Port=443;UID=token;PWD={};SSL=1",
                        people::host(r),
                        p.text
                    )
                };
                json!({"odbc": s})
            },
        },
        Position {
            name: "config text",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = &p.text;
                let (path, content) = match r.random_range(0..6) {
                    0 => {
                        let v = if t.contains('\n') {
                            format!("|\n    {}", t.trim_end().replace('\n', "\n    "))
                        } else {
                            dq(t)
                        };
                        (
                            "config/production.yml",
                            format!(
                                "database:\n  host: db.internal\n  {}: {v}\n  pool: 5\n",
                                snake(r, k)
                            ),
                        )
                    }
                    1 => (
                        "settings.ini",
                        format!(
                            "[service]\nhost = {}\n{} = {}\n",
                            people::host(r),
                            snake(r, k),
                            t.replace('\n', "\\n")
                        ),
                    ),
                    2 => (
                        ".env",
                        format!("NODE_ENV=production\n{}={}\n", env(r, k), dq(t)),
                    ),
                    3 => (
                        "config.toml",
                        format!(
                            "[auth]\nendpoint = \"https://{}\"\n{} = {}\n",
                            people::host(r),
                            snake(r, k),
                            dq(t)
                        ),
                    ),
                    4 => (
                        "application.properties",
                        format!(
                            "spring.datasource.url=jdbc:postgresql://db/app\napp.{}={}\n",
                            snake(r, k).replace('_', "-"),
                            t.replace('\n', "\\n")
                        ),
                    ),
                    _ => (
                        "main.tf",
                        format!(
                            "resource \"acme_integration\" \"main\" {{\n  name = \"billing\"\n  {} = {}\n}}\n",
                            snake(r, k),
                            dq(t)
                        ),
                    ),
                };
                json!({"path": path, "content": content})
            },
        },
        Position {
            name: "fixed-width record",
            mode: Context,
            suits: not_pem,
            build: |r, k, p| {
                let head = screaming(snake(r, k));
                let w = head.chars().count().max(p.text.chars().count()) + 2;
                let header = format!("{:<8}{:<12}{:<w$}{:<8}", "REC_ID", "BRANCH", head, "STATUS");
                let row = format!(
                    "{:<8}{:<12}{:<w$}{:<8}",
                    r.random_range(1..99_999),
                    pick(r, &["LONDON", "PARIS", "NYC-04", "MUMBAI"]),
                    p.text,
                    "A"
                );
                if chance(r, 0.5) {
                    json!({"lines": [header, row]})
                } else {
                    json!({"record": format!("{header}\n{row}")})
                }
            },
        },
        Position {
            name: "csv",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let t = if p.text.contains([',', '"', '\n']) {
                    format!("\"{}\"", p.text.replace('"', "\"\""))
                } else {
                    p.text.clone()
                };
                json!({"filename": "export.csv", "content": format!("id,{},status\n{},{t},active\n", snake(r, k), r.random_range(1..9999))})
            },
        },
        Position {
            name: "raw http",
            mode: Context,
            suits: any,
            build: |r, k, p| {
                let host = people::host(r);
                let raw = if chance(r, 0.5) {
                    let (h, hv) = header(r, k, p);
                    format!(
                        "GET /{} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n{h}: {hv}\r\n\r\n",
                        path_segment(r)
                    )
                } else {
                    let body = json!({snake(r, k): p.text}).to_string();
                    format!(
                        "POST /{} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        path_segment(r),
                        body.len()
                    )
                };
                json!({"raw_request": raw})
            },
        },
        // --- neutral positions: self-identifying kinds only -------------
        Position {
            name: "neutral key",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| {
                let key = pick(
                    r,
                    &[
                        "note",
                        "value",
                        "data",
                        "text",
                        "detail",
                        "comment",
                        "description",
                        "x",
                        "field_7",
                        "arg0",
                        "input",
                    ],
                )
                .to_owned();
                obj_with(r, key, p.value())
            },
        },
        Position {
            name: "free prose",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| {
                let t = &p.text;
                let text = match r.random_range(0..4) {
                    0 => format!("{}: {t}", people::filler_phrase(r)),
                    1 => format!("{t} — {}", people::filler_phrase(r)),
                    2 => format!(
                        "Hi team, {}.\n\n{t}\n\nThanks, {}",
                        people::filler_phrase(r),
                        pick(r, &["Sam", "the on-call", "ops"])
                    ),
                    _ => format!(
                        "{} ({t}), will follow up tomorrow",
                        people::filler_phrase(r)
                    ),
                };
                json!({pick(r, &["comment", "message", "body", "summary"]): text})
            },
        },
        Position {
            name: "array",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| json!({pick(r, &["items", "values", "rows", "list", "args"]): [pick(r, &["ok", "pending"]), p.value(), r.random_range(1..100), null]}),
        },
        Position {
            name: "map keyed by value",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| {
                let mut m = Map::new();
                m.insert(
                    p.text.clone(),
                    json!({"count": r.random_range(1..50), "last_seen": timestamp(r)}),
                );
                m.insert(
                    "other".into(),
                    json!({"count": 1, "last_seen": timestamp(r)}),
                );
                json!({pick(r, &["index", "seen", "lookup", "by_key", "cache"]): m})
            },
        },
        Position {
            name: "neutral log",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| {
                let line = match r.random_range(0..3) {
                    0 => format!(
                        "{} retrying job {} (attempt 2/5): {}",
                        log_prefix(r),
                        r.random_range(100..9999),
                        p.text
                    ),
                    1 => format!("{} received {} from upstream", log_prefix(r), p.text),
                    _ => format!(
                        "{} unexpected value {:?} in batch {}",
                        log_prefix(r),
                        p.text,
                        r.random_range(1..500)
                    ),
                };
                json!({"message": line})
            },
        },
        Position {
            name: "base64 text",
            mode: Neutral,
            suits: any,
            build: |r, _k, p| {
                let doc = format!(
                    "Hi team,\n\n{}:\n{}\n\nThanks",
                    people::filler_phrase(r),
                    p.text
                );
                json!({pick(r, &["blob", "attachment", "raw", "content_b64"]): b64(doc.as_bytes())})
            },
        },
    ]
}
