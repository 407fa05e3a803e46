//! Where a value is planted: files and wire formats held in JSON strings,
//! written the way the tools that produce them write them. A *context*
//! shape names the value (a key, a header, a column, a local variable);
//! a *neutral* one does not, so only self-identifying kinds go there.

use crate::scoring::corpus::Shape;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::r#gen::{LOWER_NUM, b64, from_set, pick, uuid};

fn words(l: &str) -> Vec<&str> {
    l.split(' ').collect()
}
fn snake(l: &str) -> String {
    words(l).join("_")
}
fn kebab(l: &str) -> String {
    words(l).join("-")
}
fn upper(l: &str) -> String {
    snake(l).to_uppercase()
}
fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
fn camel(l: &str) -> String {
    let w = words(l);
    w[0].to_owned() + &w[1..].iter().map(|x| cap(x)).collect::<String>()
}
fn pascal(l: &str) -> String {
    words(l).iter().map(|x| cap(x)).collect()
}
fn header(l: &str) -> String {
    words(l)
        .iter()
        .map(|x| cap(x))
        .collect::<Vec<_>>()
        .join("-")
}
fn dotted(l: &str) -> String {
    words(l).join(".")
}
/// Percent-encoding as a form body writes it.
fn form_enc(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out += &format!("%{b:02X}"),
        }
    }
    out
}
fn yaml_scalar(v: &str) -> String {
    if v.contains('\n') {
        let body: Vec<String> = v.lines().map(|l| format!("    {l}")).collect();
        format!("|\n{}", body.join("\n"))
    } else {
        format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
fn one_line(v: &str) -> String {
    v.replace('\n', "\\n")
}
fn ts(r: &mut StdRng) -> String {
    format!(
        "2026-0{}-1{}T0{}:2{}:{}Z",
        r.random_range(1..10),
        r.random_range(0..10),
        r.random_range(0..10),
        r.random_range(0..10),
        r.random_range(10..60)
    )
}

fn yaml_file(r: &mut StdRng, l: &str, v: &str) -> Value {
    let doc = format!(
        "apiVersion: v1\nservice:\n  name: billing\n  replicas: {}\n  {}: {}\n  region: eu-west-1\n",
        r.random_range(1..5),
        snake(l),
        yaml_scalar(v).replace('\n', "\n  ")
    );
    json!({"path": "deploy/values.yaml", "content": doc})
}

fn toml_file(_: &mut StdRng, l: &str, v: &str) -> Value {
    let val = if v.contains('\n') {
        format!("'''\n{v}'''")
    } else {
        format!("'{v}'")
    };
    json!({"file": "Settings.toml", "text": format!("[package]\nname = \"svc\"\n\n[service.auth]\nenabled = true\n{} = {val}\n", snake(l))})
}

fn dotenv(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"stdout": format!("# generated\nAPP_ENV=production\nexport {}=\"{}\"\nLOG_LEVEL=info\n", upper(l), one_line(v))})
}

fn java_properties(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = one_line(v).replace(':', "\\:").replace('=', "\\=");
    json!({"resource": "application.properties", "body": format!("spring.application.name=orders\napp.{}={v}\nserver.port=8080\n", dotted(l))})
}

fn http_request(r: &mut StdRng, l: &str, v: &str) -> Value {
    let raw = format!(
        "POST /v2/{} HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: curl/8.5.0\r\n{}: {}\r\nContent-Length: 0\r\n\r\n",
        from_set(r, LOWER_NUM, 6),
        header(l),
        one_line(v)
    );
    json!({"direction": "out", "raw": raw})
}

fn http_response(_: &mut StdRng, l: &str, v: &str) -> Value {
    let raw = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: {}={}; Path=/; Secure; HttpOnly\r\nCache-Control: no-store\r\n\r\n<html></html>",
        snake(l),
        form_enc(v)
    );
    json!({"response": raw})
}

fn nested_json(_: &mut StdRng, l: &str, v: &str) -> Value {
    let inner = json!({ camel(l): v, "retries": 3 }).to_string();
    let middle = json!({"type": "config.updated", "data": inner}).to_string();
    json!({"event": middle})
}

fn base64_yaml(_: &mut StdRng, l: &str, v: &str) -> Value {
    let yaml = format!(
        "kind: Config\nspec:\n  {}: {}\n",
        snake(l),
        yaml_scalar(v).replace('\n', "\n  ")
    );
    json!({"configB64": b64(yaml.as_bytes()), "encoding": "base64"})
}

fn form_body(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"content_type": "application/x-www-form-urlencoded", "body": format!("grant_type=client_credentials&{}={}&scope=read", snake(l), form_enc(v))})
}

fn multipart(r: &mut StdRng, l: &str, v: &str) -> Value {
    let b = format!("----WebKitFormBoundary{}", from_set(r, LOWER_NUM, 16));
    json!({"body": format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--{b}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{v}\r\n--{b}--\r\n",
        snake(l)
    )})
}

fn graphql_vars(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "operationName": "UpdateSettings",
        "query": "mutation UpdateSettings($input: SettingsInput!) { updateSettings(input: $input) { id } }",
        "variables": {"input": { camel(l): v, "id": 7 }}
    })
}

fn graphql_inline(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = one_line(v).replace('"', "\\\"");
    json!({"query": format!("mutation {{ updateSettings(id: 7, {}: \"{v}\") {{ id }} }}", camel(l))})
}

fn grpc_web_text(_: &mut StdRng, l: &str, v: &str) -> Value {
    // A map<string, string> entry: field 1 { key = 1, value = 2 }.
    let (k, val) = (snake(l).into_bytes(), v.as_bytes().to_vec());
    let mut entry = vec![0x0a];
    entry.extend(varint(k.len()));
    entry.extend(&k);
    entry.push(0x12);
    entry.extend(varint(val.len()));
    entry.extend(&val);
    let mut msg = vec![0x0a];
    msg.extend(varint(entry.len()));
    msg.extend(entry);
    let mut frame = vec![0u8];
    frame.extend((msg.len() as u32).to_be_bytes());
    frame.extend(msg);
    json!({"content-type": "application/grpc-web-text", "body": b64(&frame)})
}

fn varint(mut n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

fn syslog(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"line": format!(
        "<34>1 {} web-{} auth 4242 ID47 [meta {}=\"{}\" user=\"42\"] sign-in rejected",
        ts(r),
        r.random_range(1..9),
        snake(l),
        one_line(v).replace('"', "\\\"")
    )})
}

fn csv_rows(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = one_line(v).replace('"', "\"\"");
    json!({"export": format!("id,{},status\n{},\"{v}\",active\n", snake(l), r.random_range(1000..9999))})
}

fn sql_update(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"statement": format!("UPDATE accounts SET {} = '{}', updated_at = now() WHERE id = {};", snake(l), one_line(v).replace('\'', "''"), r.random_range(1..999))})
}

fn sql_insert(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"sql": format!("INSERT INTO customers (id, {}, created_at) VALUES ({}, '{}', '2026-01-02');", snake(l), r.random_range(1..999), one_line(v).replace('\'', "''"))})
}

fn shell_history(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = one_line(v);
    let line = match r.random_range(0..3) {
        0 => format!("export {}='{v}'", upper(l)),
        1 => format!(
            "curl -sS -H '{}: {v}' https://api.example.com/v1/me",
            header(l)
        ),
        _ => format!("./bin/app --{}='{v}' --verbose", kebab(l)),
    };
    json!({"history": format!("  501  cd ~/src/app\n  502  {line}\n  503  git status\n")})
}

fn python_traceback(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = one_line(v).replace('\'', "\\'");
    json!({"exc": format!(
        "Traceback (most recent call last):\n  File \"/srv/app/client.py\", line 88, in connect\n    return session.post(url, data=payload)\n  Locals:\n    {} = '{v}'\n    retries = 3\nrequests.exceptions.ConnectionError: Max retries exceeded",
        snake(l)
    )})
}

fn go_panic(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"stderr": format!(
        "panic: config invalid: &config.Settings{{Region:\"eu-west-1\", {}:\"{}\", Timeout:30}}\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:42 +0x1d",
        pascal(l),
        one_line(v).replace('"', "\\\"")
    )})
}

fn java_exception(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"stack": format!(
        "java.lang.IllegalArgumentException: invalid {l}: {}\n\tat com.acme.auth.Validator.check(Validator.java:57)\n\tat com.acme.auth.Service.login(Service.java:112)",
        one_line(v)
    )})
}

fn markdown_table(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"comment": format!("Config as deployed:\n\n| setting | value |\n|---|---|\n| region | eu-west-1 |\n| {l} | `{}` |\n", one_line(v).replace('|', "\\|"))})
}

fn chat_turns(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"messages": [
        {"role": "system", "content": "You are a helpful support agent."},
        {"role": "user", "content": format!("hi, my {l} is {} - why does the login fail?", one_line(v))},
        {"role": "assistant", "content": "Let me check that for you."}
    ]})
}

fn soap_xml(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = v.replace('&', "&amp;").replace('<', "&lt;");
    json!({"envelope": format!(
        "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><UpdateProfile><{0}>{v}</{0}></UpdateProfile></soap:Body></soap:Envelope>",
        pascal(l)
    )})
}

fn saml_attribute(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = v.replace('&', "&amp;").replace('<', "&lt;");
    json!({"SAMLResponse": format!(
        "<saml:Assertion ID=\"_{}\"><saml:AttributeStatement><saml:Attribute Name=\"{}\"><saml:AttributeValue>{v}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>",
        from_set(r, LOWER_NUM, 20),
        camel(l)
    )})
}

fn json_patch(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"patch": [{"op": "test", "path": "/version", "value": 3}, {"op": "replace", "path": format!("/spec/{}", camel(l)), "value": v}]})
}

fn k8s_secret(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "app"}, "data": { kebab(l): b64(v.as_bytes()) }})
}

fn loki_push(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"streams": [{"stream": {"app": "api"}, "values": [[format!("17{}", from_set(r, "0123456789", 17)), format!("level=warn msg=\"retrying\" {}=\"{}\"", snake(l), one_line(v).replace('"', "\\\""))]]}]})
}

// --- neutral -------------------------------------------------------------

fn ticket_comment(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"ticket": {"id": 8812, "comments": [{"body": format!("Customer pasted this into the form:\n{v}\nplease look into it")}]}})
}

fn rpc_positional(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": r.random_range(1..99), "method": "vault.store", "params": ["svc-orders", v, 3600]})
}

fn b64_log(r: &mut StdRng, _: &str, v: &str) -> Value {
    let line = format!("{} INFO loaded {} from disk", ts(r), one_line(v));
    json!({"logB64": b64(line.as_bytes())})
}

fn commit_diff(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"diff": format!("--- a/ops/notes.txt\n+++ b/ops/notes.txt\n@@ -1,2 +1,3 @@\n context\n+{}\n other\n", one_line(v))})
}

fn array_of_strings(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"items": [uuid(r), pick(r, &["alpha", "beta"]), v]})
}

pub fn all() -> Vec<Shape> {
    let c = |name, build| Shape {
        name,
        context: true,
        credential_slot: false,
        build,
    };
    let n = |name, build| Shape {
        name,
        context: false,
        credential_slot: false,
        build,
    };
    vec![
        c(
            "yaml file in a string",
            yaml_file as fn(&mut StdRng, &str, &str) -> Value,
        ),
        c("toml file", toml_file),
        c(".env (export)", dotenv),
        c("java .properties", java_properties),
        c("raw http request header", http_request),
        c("raw http Set-Cookie", http_response),
        c("json in json in json", nested_json),
        c("base64 of yaml", base64_yaml),
        c("form-urlencoded body", form_body),
        c("multipart body", multipart),
        c("graphql variables", graphql_vars),
        c("graphql inline argument", graphql_inline),
        c("grpc-web-text frame", grpc_web_text),
        c("syslog structured data", syslog),
        c("csv rows", csv_rows),
        c("sql update", sql_update),
        c("sql insert", sql_insert),
        c("shell history", shell_history),
        c("python traceback locals", python_traceback),
        c("go panic struct", go_panic),
        c("java exception message", java_exception),
        c("markdown table", markdown_table),
        c("chat turns", chat_turns),
        c("soap xml element", soap_xml),
        c("saml attribute", saml_attribute),
        c("json patch", json_patch),
        c("k8s secret data", k8s_secret),
        c("loki push line", loki_push),
        n("ticket comment", ticket_comment),
        n("json-rpc positional", rpc_positional),
        n("base64 log line", b64_log),
        n("commit diff", commit_diff),
        n("array of strings", array_of_strings),
    ]
}

/// Shapes a benign value may go in: those where nothing about the
/// container itself says "secret" (a Kubernetes Secret's data is, and so is a cookie).
pub fn benign_ok(shape: &Shape) -> bool {
    shape.context && !["k8s secret data", "raw http Set-Cookie"].contains(&shape.name)
}
