//! Where a value is planted: message shapes written the way real systems
//! write them. A *context* shape names the value (a field name, a flag, a
//! question in a chat); a *neutral* one does not, so only self-identifying
//! kinds go there.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::ids::{self, b64};
use super::kinds::{Kind, uuid};

pub struct Shape {
    pub name: &'static str,
    pub context: bool,
    pub build: fn(&mut StdRng, &Kind, &str, &str) -> Value,
}

fn words(label: &str) -> Vec<String> {
    label.split(' ').map(str::to_owned).collect()
}
pub fn snake(l: &str) -> String {
    words(l).join("_")
}
pub fn kebab(l: &str) -> String {
    words(l).join("-")
}
pub fn upper(l: &str) -> String {
    snake(l).to_uppercase()
}
fn cap(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
pub fn camel(l: &str) -> String {
    let w = words(l);
    let mut out = w[0].clone();
    for x in &w[1..] {
        out += &cap(x);
    }
    out
}
pub fn pascal(l: &str) -> String {
    words(l).iter().map(|w| cap(w)).collect()
}
fn header(l: &str) -> String {
    words(l)
        .iter()
        .map(|w| cap(w))
        .collect::<Vec<_>>()
        .join("-")
}
fn title(l: &str) -> String {
    words(l)
        .iter()
        .map(|w| cap(w))
        .collect::<Vec<_>>()
        .join(" ")
}
fn dotted(l: &str) -> String {
    words(l).join(".")
}
fn ts(r: &mut StdRng) -> String {
    format!(
        "2024-0{}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        r.random_range(1..10),
        r.random_range(1..29),
        r.random_range(0..24),
        r.random_range(0..60),
        r.random_range(0..60),
        r.random_range(0..1000)
    )
}
fn oneline(v: &str) -> String {
    v.replace('\n', "\\n")
}
fn pct(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

fn rest(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    let mut inner = serde_json::Map::new();
    inner.insert("id".into(), json!(r.random_range(1000..99999)));
    inner.insert(camel(l), json!(v));
    inner.insert("updatedAt".into(), json!(ts(r)));
    json!({"data": {"account": inner, "links": {"self": "/v2/accounts/me"}}, "meta": {"requestId": uuid(r)}})
}

fn proto_struct(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    let mut fields = serde_json::Map::new();
    fields.insert("region".into(), json!({"stringValue": "eu-west-1"}));
    fields.insert(snake(l), json!({"stringValue": v}));
    json!({"name": format!("projects/acme/configs/{}", r.random_range(1..99)), "metadata": {"fields": fields}})
}

fn kafka_headers(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({
        "topic": "customer-events", "partition": r.random_range(0..12), "offset": r.random_range(1000..9_000_000),
        "headers": [{"key": "content-type", "value": b64(b"application/json")}, {"key": kebab(l), "value": b64(v.as_bytes())}],
        "value": {"event": "profile.updated"}
    })
}

fn yaml(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    let q = if r.random_bool(0.5) {
        format!("\"{}\"", oneline(v))
    } else if v.contains('\n') {
        format!(
            "|\n{}",
            v.lines()
                .map(|x| format!("    {x}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    } else {
        v.to_owned()
    };
    json!({"path": "deploy/values-prod.yaml", "content": format!("replicaCount: 3\nimage:\n  tag: v1.14.2\nbackend:\n  host: db.internal\n  {}: {q}\n  timeoutSeconds: 30\n", camel(l))})
}

fn ini(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"file": "/etc/app/settings.ini", "text": format!("[server]\nport = 8443\n\n[upstream]\nhost = api.partner.net\n{} = \"{}\"\nretries = 5\n", snake(l), oneline(v))})
}

fn properties(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"source": "application-prod.properties", "body": format!("server.port=8080\nspring.datasource.url=jdbc:postgresql://db/app\napp.integration.{}={}\nlogging.level.root=INFO", dotted(l), oneline(v))})
}

fn xml_element(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"soap": format!("<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><ns2:UpdateCustomer xmlns:ns2=\"urn:crm\"><ns2:CustomerId>{}</ns2:CustomerId><ns2:{}>{}</ns2:{}></ns2:UpdateCustomer></soap:Body></soap:Envelope>", r.random_range(1000..9999), pascal(l), v, pascal(l))})
}

fn xml_attribute(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"config": format!("<configuration>\n  <appSettings>\n    <add key=\"Environment\" value=\"Production\" />\n    <add key=\"{}\" value=\"{}\" />\n  </appSettings>\n</configuration>", pascal(l), oneline(v))})
}

fn rails_log(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"line": format!("I, [{} #{}]  INFO -- : Parameters: {{\"utf8\"=>\"✓\", \"user\"=>{{\"login\"=>\"bob\", \"{}\"=>\"{}\"}}, \"commit\"=>\"Save\"}}", ts(r), r.random_range(1000..9999), snake(l), oneline(v))})
}

fn python_repr(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"msg": format!("DEBUG celery.worker: task payload {{'user_id': {}, '{}': '{}', 'retry': False}}", r.random_range(1..9999), snake(l), oneline(v))})
}

fn go_struct(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"log": format!("level=debug msg=\"loaded config\" cfg=\"{{Host:api.internal Port:{} {}:{} Timeout:30s}}\"", r.random_range(1000..9999), pascal(l), oneline(v))})
}

fn rust_debug(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"fields": {"message": format!("connecting with Settings {{ host: \"db.internal\", port: {}, {}: \"{}\", pool: 8 }}", r.random_range(1000..9999), snake(l), oneline(v))}})
}

fn env_array(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"Config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin", "LANG=C.UTF-8", format!("{}={}", upper(l), oneline(v)), "APP_ENV=production"], "Image": "acme/api:1.4.2"}})
}

fn argv(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    if r.random_bool(0.5) {
        json!({"exec": {"argv": ["/usr/bin/backup-agent", "--verbose", format!("--{}", kebab(l)), v, "--target", "s3://backups"]}})
    } else {
        json!({"exec": {"argv": ["/usr/bin/backup-agent", format!("--{}={}", kebab(l), v)]}})
    }
}

fn shell(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"command": format!("./scripts/deploy.sh --region eu-west-1 --{} '{}' --yes", kebab(l), oneline(v))})
}

fn query(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"request_line": format!("GET /api/v2/items?page={}&{}={}&sort=desc HTTP/1.1", r.random_range(1..20), snake(l), pct(v))})
}

fn form(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"body": format!("grant_type=client_credentials&scope=read&{}={}", snake(l), pct(v)), "content_type": "application/x-www-form-urlencoded"})
}

fn graphql(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"query": format!("mutation {{ updateProfile(id: {}, input: {{ {}: \"{}\", locale: \"en-GB\" }}) {{ id updatedAt }} }}", r.random_range(1..9999), camel(l), oneline(v))})
}

fn markdown_table(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"role": "assistant", "content": format!("Here is what I found in the record:\n\n| Field | Value |\n|---|---|\n| Status | active |\n| {} | {} |\n\nLet me know if you need anything else.", title(l), oneline(v))})
}

fn hcl(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"tf": format!("resource \"acme_integration\" \"crm\" {{\n  name    = \"crm-sync\"\n  {} = \"{}\"\n}}\n", snake(l), oneline(v))})
}

fn textproto(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"debug_string": format!("config {{ endpoint: \"grpc.internal:443\" {}: \"{}\" deadline_ms: 2500 }}", snake(l), oneline(v))})
}

fn traceback(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"exception": format!("Traceback (most recent call last):\n  File \"/app/sync.py\", line 88, in run\n    client = Client(host='api.partner.net', {}='{}')\n  File \"/app/client.py\", line 12, in __init__\n    raise ConnectionError('refused')\nConnectionError: refused", snake(l), oneline(v))})
}

fn header_dump(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"raw": format!("POST /v1/sync HTTP/1.1\r\nHost: api.partner.net\r\nContent-Type: application/json\r\nX-{}: {}\r\nAccept: */*\r\n\r\n", header(l), oneline(v))})
}

fn pair_list(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    match r.random_range(0..4) {
        0 => {
            json!({"Tags": [{"Key": "team", "Value": "payments"}, {"Key": pascal(l), "Value": v}]})
        }
        1 => {
            json!({"Parameter": {"Name": format!("/prod/crm/{}", kebab(l)), "Type": "SecureString", "Value": v, "Version": 3}})
        }
        2 => {
            json!({"attributes": [{"attributeName": "locale", "attributeValue": "de-DE"}, {"attributeName": camel(l), "attributeValue": v}]})
        }
        _ => {
            json!({"settings": [{"field": "timezone", "val": "UTC"}, {"field": title(l), "val": v}]})
        }
    }
}

fn prose(r: &mut StdRng, k: &Kind, l: &str, v: &str) -> Value {
    let t = k.prose[r.random_range(0..k.prose.len())];
    let text = t.replace("{cue}", l).replace("{}", v);
    json!({"messages": [{"role": "user", "content": text}]})
}

fn json_in_string(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("level".into(), json!("info"));
    m.insert(camel(l), json!(v));
    let inner = Value::Object(m).to_string();
    json!({"@timestamp": ts(r), "message": inner})
}

fn support_chat(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"transcript": format!("Agent: Thanks for holding. For verification, can you confirm your {l}?\nCustomer: sure, it's {}\nAgent: Thank you, that matches.", oneline(v))})
}

fn email_form(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"subject": "New application received", "text_body": format!("A new application was submitted.\n\nReference: APP-2024-118\n{}: {}\nSubmitted via: web\n", title(l), oneline(v))})
}

fn sql_update(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"db.statement": format!("UPDATE customers SET {} = '{}', updated_at = now() WHERE id = {}", snake(l), oneline(v), r.random_range(1..99999))})
}

fn env_diff(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!({"patch": format!("diff --git a/.env.production b/.env.production\n--- a/.env.production\n+++ b/.env.production\n@@ -3,3 +3,3 @@\n APP_ENV=production\n-{u}=changeme\n+{u}={}\n LOG_LEVEL=info\n", oneline(v), u = upper(l))})
}

fn asciinema(r: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    json!([
        r.random_range(1..90) as f64 + 0.25,
        "o",
        format!("$ export {}='{}'\r\n", upper(l), oneline(v))
    ])
}

fn tool_call(_: &mut StdRng, _: &Kind, l: &str, v: &str) -> Value {
    let mut args = serde_json::Map::new();
    args.insert(snake(l), json!(v));
    args.insert("dry_run".into(), json!(false));
    json!({"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "update_settings", "arguments": Value::Object(args).to_string()}}]})
}

// Neutral shapes.

fn note(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"ticket": {"id": 4812, "note": format!("customer pasted this: {v} — escalating")}})
}
fn log_line(r: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"line": format!("{} WARN [worker-3] request failed for input {} after 3 retries", ts(r), oneline(v))})
}
fn tags(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"labels": ["prod", v, "eu"]})
}
fn b64_blob(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"attachment": {"filename": "notes.txt", "data": b64(format!("notes from call:\n{v}\nend\n").as_bytes())}})
}
fn llm_turn(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": format!("why does this fail? {v}")}], "max_tokens": 1024})
}
fn terminal(r: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"version": 2, "events": [[0.5, "o", "$ cat notes.txt\r\n"], [r.random_range(1..5) as f64 + 0.5, "o", format!("{}\r\n", v.replace('\n', "\r\n"))]]})
}
fn map_key(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(v.to_owned(), json!(3));
    json!({"seen": m})
}
fn exception(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"stack": format!("java.lang.IllegalArgumentException: rejected value [{}]\n\tat com.acme.billing.Validator.check(Validator.java:42)\n\tat com.acme.billing.Api.post(Api.java:88)", oneline(v))})
}
fn hex_text(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    let h: String = format!("msg={v};")
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect();
    json!({"frame_hex": h})
}
fn csv(r: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    json!({"export": format!("id,created,comment\n{},{},\"{}\"\n", r.random_range(1..999), ts(r), oneline(v))})
}
fn kafka_value(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    let inner = json!({"type": "note.added", "data": {"text": v}}).to_string();
    json!({"topic": "notes", "key": "n-1", "value": inner})
}
fn grpc_bytes(_: &mut StdRng, _: &Kind, _: &str, v: &str) -> Value {
    let mut b = vec![0x0a, v.len() as u8];
    b.extend(v.as_bytes());
    json!({"method": "/acme.notes.v1.Notes/Create", "message_bytes": ids::b64(&b)})
}

/// Every shape.
pub fn all() -> Vec<Shape> {
    let c = |name, build| Shape {
        name,
        context: true,
        build,
    };
    let n = |name, build| Shape {
        name,
        context: false,
        build,
    };
    vec![
        c(
            "rest response (camelCase)",
            rest as fn(&mut StdRng, &Kind, &str, &str) -> Value,
        ),
        c("protobuf Struct", proto_struct),
        c("kafka header (base64)", kafka_headers),
        c("yaml text", yaml),
        c("ini text", ini),
        c("java properties", properties),
        c("soap xml element", xml_element),
        c("xml appSettings key/value", xml_attribute),
        c("rails params log", rails_log),
        c("python repr log", python_repr),
        c("go %+v log", go_struct),
        c("rust Debug log", rust_debug),
        c("docker env array", env_array),
        c("argv array", argv),
        c("shell command", shell),
        c("request line query", query),
        c("form body", form),
        c("graphql inline", graphql),
        c("markdown table (llm)", markdown_table),
        c("hcl", hcl),
        c("protobuf text", textproto),
        c("python traceback", traceback),
        c("http header dump", header_dump),
        c("name/value lists (aws tags, ssm, attrs)", pair_list),
        c("prose with cue", prose),
        c("json log in string", json_in_string),
        c("support chat q/a", support_chat),
        c("email form text", email_form),
        c("sql update", sql_update),
        c("env diff", env_diff),
        c("asciinema export", asciinema),
        c("agent tool call args", tool_call),
        n("ticket note", note),
        n("log line", log_line),
        n("array item", tags),
        n("base64 attachment", b64_blob),
        n("llm user turn", llm_turn),
        n("terminal output", terminal),
        n("map key", map_key),
        n("java exception", exception),
        n("hex frame", hex_text),
        n("csv cell", csv),
        n("kafka value json", kafka_value),
        n("grpc message bytes", grpc_bytes),
    ]
}
