//! Where the fourth corpus plants a value: encodings a real transcript
//! carries (JSON `\u` escapes, HTML entities, quoted-printable, base64url
//! without padding, MIME base64 wrapped at 76 columns, `hexdump -C`, hex
//! with colons, double percent-encoding, UTF-16 hex in a `.reg` export,
//! JS-escaped state in a `<script>`) and files and protocols that hold
//! values their own way (YAML block and folded scalars, heredocs,
//! `.properties` continuation lines, nginx and systemd, Dockerfiles,
//! GitHub Actions, LDIF, MongoDB shell, `redis-cli MONITOR`, SMTP and
//! IMAP sessions, socket.io frames, protobuf bytes, Ansible inventories,
//! Terraform plans, notebooks, quoted e-mail replies).

use crate::scoring::corpus::Shape;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::r#gen::{HEX, b64, b64url, from_set, pick};

fn words(l: &str) -> Vec<String> {
    l.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn snake(l: &str) -> String {
    words(l).join("_")
}

fn upper(l: &str) -> String {
    snake(l).to_uppercase()
}

fn camel(l: &str) -> String {
    let w = words(l);
    let mut out = w.first().cloned().unwrap_or_default();
    for x in w.iter().skip(1) {
        let mut c = x.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

fn dotted(l: &str) -> String {
    words(l).join(".")
}

fn title(l: &str) -> String {
    words(l)
        .iter()
        .map(|x| {
            let mut c = x.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn oneline(v: &str) -> String {
    v.replace('\n', " ")
}

/// Every character as a JSON `\uXXXX` escape.
fn u_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mut buf = [0u16; 2];
        for unit in c.encode_utf16(&mut buf) {
            out += &format!("\\u{unit:04x}");
        }
    }
    out
}

/// What a JS-in-HTML serialiser escapes.
fn js_escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' | '>' | '/' | '&' | '\'' | '=' | '+' | '@' | '"' | '\\' => {
                format!("\\u{:04X}", c as u32)
            }
            '\n' => "\\n".into(),
            c if !c.is_ascii() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn entities(r: &mut StdRng, s: &str) -> String {
    let hexy = r.random_bool(0.5);
    s.chars()
        .map(|c| match c {
            '"' => "&quot;".to_string(),
            '&' => "&amp;".to_string(),
            c if hexy => format!("&#x{:X};", c as u32),
            c => format!("&#{};", c as u32),
        })
        .collect()
}

/// Quoted-printable (RFC 2045), soft line breaks at 76 columns.
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for line in text.split('\n') {
        for b in line.bytes() {
            let tok = if (33..=126).contains(&b) && b != b'=' || b == b' ' {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if col + tok.len() > 75 {
                out += "=\r\n";
                col = 0;
            }
            col += tok.len();
            out += &tok;
        }
        out += "\r\n";
        col = 0;
    }
    out
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn mime76(bytes: &[u8]) -> String {
    let e = STANDARD.encode(bytes);
    e.as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn hexdump_c(data: &[u8]) -> String {
    let mut out = String::new();
    for (i, chunk) in data.chunks(16).enumerate() {
        out += &format!("{:08x}  ", i * 16);
        for j in 0..16 {
            match chunk.get(j) {
                Some(b) => out += &format!("{b:02x} "),
                None => out += "   ",
            }
            if j == 7 {
                out.push(' ');
            }
        }
        out += " |";
        out.extend(chunk.iter().map(|b| {
            if (32..127).contains(b) {
                *b as char
            } else {
                '.'
            }
        }));
        out += "|\n";
    }
    out += &format!("{:08x}\n", data.len());
    out
}

fn ts(r: &mut StdRng) -> String {
    format!(
        "2024-11-{:02}T{:02}:{:02}:{:02}Z",
        r.random_range(1..29),
        r.random_range(0..24),
        r.random_range(0..60),
        r.random_range(0..60)
    )
}

// ---- encodings -----------------------------------------------------

fn json_u_escapes(r: &mut StdRng, l: &str, v: &str) -> Value {
    let body = format!(
        "{{\"{}\":\"{}\",\"region\":\"eu-central-1\"}}",
        u_escape(&snake(l)),
        u_escape(v)
    );
    json!({"event": "config.push", "at": ts(r), "body": body})
}

fn html_entities(r: &mut StdRng, l: &str, v: &str) -> Value {
    let html = format!(
        "<form method=\"post\" action=\"/settings\"><label for=\"f1\">{l}</label><input id=\"f1\" type=\"hidden\" name=\"{}\" value=\"{}\"><button>Save</button></form>",
        snake(l),
        entities(r, v)
    );
    json!({"status": 200, "content_type": "text/html", "body": html})
}

fn qp_email(r: &mut StdRng, l: &str, v: &str) -> Value {
    let body = format!(
        "Guten Tag, wie telefonisch besprochen finden Sie unten die Angaben für die Einrichtung des Kontos. {l}: {v} Bei Rückfragen melden Sie sich gern. Viele Grüße, Buchhaltung"
    );
    let raw = format!(
        "From: buchhaltung@acme.example\r\nTo: support@vendor.example\r\nSubject: =?UTF-8?Q?Zugangsdaten?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\nMessage-ID: <{}@acme.example>\r\n\r\n{}",
        from_set(r, HEX, 12),
        quoted_printable(&body)
    );
    json!({"mailbox": "INBOX", "uid": r.random_range(1000..9999), "raw": raw})
}

fn b64url_state(r: &mut StdRng, l: &str, v: &str) -> Value {
    let state = json!({"return_to": "/billing", camel(l): v, "nonce": from_set(r, HEX, 8)});
    let url = format!(
        "https://login.acme.example/authorize?client_id=web&response_type=code&state={}&redirect_uri=https%3A%2F%2Fapp.acme.example%2Fcb",
        b64url(state.to_string().as_bytes())
    );
    json!({"method": "GET", "url": url})
}

fn mime_attachment(r: &mut StdRng, l: &str, v: &str) -> Value {
    let file = format!(
        "# exported {}\nLOG_LEVEL=info\n{}={v}\nFEATURE_FLAGS=beta,search\n",
        ts(r),
        upper(l)
    );
    let raw = format!(
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b1\r\nContent-Type: text/plain; name=\"prod.env\"\r\nContent-Disposition: attachment; filename=\"prod.env\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
        mime76(file.as_bytes())
    );
    json!({"message": {"raw": raw}})
}

fn hexdump(r: &mut StdRng, l: &str, v: &str) -> Value {
    let data = format!(
        "POST /api/v2/profile HTTP/1.1\r\nHost: api.acme.example\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nuser={}&{}={}",
        r.random_range(100..999),
        snake(l),
        v
    );
    json!({"tool": "tcpdump", "stdout": hexdump_c(data.as_bytes())})
}

fn hex_colons(_: &mut StdRng, l: &str, v: &str) -> Value {
    let inner = json!({snake(l): v}).to_string();
    let sep = if inner.len() % 2 == 0 { ":" } else { " " };
    let hex: Vec<String> = inner.bytes().map(|b| format!("{b:02x}")).collect();
    json!({"frame": {"opcode": 1, "payload_hex": hex.join(sep)}})
}

fn double_percent(_: &mut StdRng, l: &str, v: &str) -> Value {
    let inner = format!("https://app.acme.example/cb?{}={}", snake(l), pct(v));
    let url = format!(
        "https://sso.acme.example/logout?return_to={}",
        pct(&pct(&inner))
    );
    json!({"redirect": url, "status": 302})
}

fn reg_export(r: &mut StdRng, l: &str, v: &str) -> Value {
    let name = title(l).replace('-', "");
    let line = if r.random_bool(0.5) {
        let units: Vec<String> = v
            .encode_utf16()
            .chain([0])
            .flat_map(|u| u.to_le_bytes())
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut s = format!("\"{name}\"=hex(2):");
        for (i, u) in units.iter().enumerate() {
            if i > 0 {
                s.push(',');
                if i % 20 == 0 {
                    s.push_str("\\\r\n  ");
                }
            }
            s.push_str(u);
        }
        s
    } else {
        format!(
            "\"{name}\"=\"{}\"",
            v.replace('\\', "\\\\").replace('"', "\\\"")
        )
    };
    let text = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme\\Agent\\Settings]\r\n\"Server\"=\"agent.acme.local\"\r\n\"Port\"=dword:00001f90\r\n{line}\r\n"
    );
    json!({"path": "C:\\Users\\Public\\agent.reg", "content": text})
}

fn script_state(r: &mut StdRng, l: &str, v: &str) -> Value {
    let html = format!(
        "<!doctype html><html><body><div id=\"root\"></div><script>window.__INITIAL_STATE__ = {{\"user\":{{\"id\":{},\"{}\":\"{}\"}},\"flags\":[\"new-nav\"]}};</script></body></html>",
        r.random_range(1000..99999),
        camel(l),
        js_escape(v)
    );
    json!({"url": "https://app.acme.example/account", "html": html})
}

// ---- files -----------------------------------------------------------

fn yaml_block(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-env\ndata:\n  app.env: |\n    LOG_LEVEL=debug\n    {}={}\n    FEATURE_X=true\n",
        upper(l),
        oneline(v)
    );
    json!({"file": "k8s/configmap.yaml", "text": text})
}

fn helm_folded(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "replicaCount: 2\nimage:\n  repository: registry.acme.example/billing\n  tag: \"1.14.2\"\nbilling:\n  integrations:\n    {}: >-\n      {}\n    timeoutSeconds: 30\n",
        camel(l),
        oneline(v)
    );
    json!({"chart": "billing", "values_yaml": text})
}

fn heredoc(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "sudo mkdir -p /etc/acme\ncat > /etc/acme/agent.conf <<'EOF'\n[agent]\nserver = agent.acme.local\n{} = {}\nEOF\nsudo chmod 600 /etc/acme/agent.conf\n",
        snake(l),
        oneline(v)
    );
    json!({"history": text})
}

fn properties_continuation(r: &mut StdRng, l: &str, v: &str) -> Value {
    let chars: Vec<char> = oneline(v).chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0;
    let parts = if chars.len() > 12 { 3 } else { 2 };
    for p in 0..parts {
        let rest = chars.len() - at;
        let take = if p + 1 == parts {
            rest
        } else {
            (rest / (parts - p)).max(1) + r.random_range(0..2)
        };
        let take = take.min(rest);
        pieces.push(chars[at..at + take].iter().collect::<String>());
        at += take;
    }
    let text = format!(
        "# application.properties\napp.name=billing\n{}=\\\n    {}\nserver.port=8443\n",
        dotted(l),
        pieces.join("\\\n    ")
    );
    json!({"resource": "application.properties", "text": text})
}

fn nginx(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = if r.random_bool(0.5) {
        format!(
            "server {{\n    listen 443 ssl;\n    location /api/ {{\n        proxy_pass http://backend;\n        proxy_set_header X-{} \"{}\";\n    }}\n}}\n",
            title(l),
            oneline(v)
        )
    } else {
        format!(
            "<VirtualHost *:443>\n    ServerName app.acme.example\n    SetEnv {} \"{}\"\n    ProxyPass / http://127.0.0.1:8080/\n</VirtualHost>\n",
            upper(l),
            oneline(v)
        )
    };
    json!({"file": "/etc/web/site.conf", "text": text})
}

fn systemd(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "[Unit]\nDescription=Acme agent\n\n[Service]\nEnvironment=\"LOG_LEVEL=info\" \"{}={}\"\nExecStart=/usr/local/bin/agent --config /etc/acme/agent.toml\nRestart=always\n",
        upper(l),
        oneline(v)
    );
    json!({"unit": "acme-agent.service", "text": text})
}

fn dockerfile(r: &mut StdRng, l: &str, v: &str) -> Value {
    let line = match r.random_range(0..3) {
        0 => format!("ENV {} {}", upper(l), oneline(v)),
        1 => format!("ARG {}={}", upper(l), oneline(v)),
        _ => format!("RUN echo \"{}\" > /run/{}", oneline(v), snake(l)),
    };
    let text = format!(
        "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n{line}\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]\n"
    );
    json!({"dockerfile": text})
}

fn gh_actions(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./scripts/deploy.sh\n        env:\n          {}: '{}'\n",
        upper(l),
        oneline(v).replace('\'', "''")
    );
    json!({"path": ".github/workflows/deploy.yml", "content": text})
}

fn ldif(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "dn: uid=u{},ou=people,dc=acme,dc=example\nobjectClass: inetOrgPerson\nobjectClass: acmePerson\ncn: Customer Record\n{}:: {}\n",
        v.len() * 7919 % 10000,
        camel(l),
        b64(v.as_bytes())
    );
    json!({"ldif": text})
}

fn mongo_shell(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "db.customers.insertOne({{ _id: ObjectId(\"{}\"), {}: '{}', createdAt: ISODate(\"{}\") }})",
        from_set(r, HEX, 24),
        camel(l),
        oneline(v).replace('\'', "\\'"),
        ts(r)
    );
    json!({"shell": "mongosh", "input": text})
}

fn redis_monitor(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "1731000000.{:06} [0 10.0.3.7:51234] \"HGET\" \"customer:{}\" \"tier\"\n1731000000.{:06} [0 10.0.3.7:51234] \"HSET\" \"customer:{}\" \"{}\" \"{}\"\n",
        r.random_range(0..999999),
        r.random_range(1..99999),
        r.random_range(0..999999),
        r.random_range(1..99999),
        snake(l),
        oneline(v).replace('"', "\\\"")
    );
    json!({"monitor": text})
}

fn sql_multirow(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "INSERT INTO customers (id, created_at, tier, {}, country)\nVALUES\n  ({}, '{}', 'gold', NULL, 'PL'),\n  ({}, '{}', 'basic', '{}', 'NL');",
        snake(l),
        r.random_range(100..500),
        ts(r),
        r.random_range(500..999),
        ts(r),
        oneline(v).replace('\'', "''")
    );
    json!({"query": text, "rows_affected": 2})
}

fn notebook(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"nbformat": 4, "cells": [
        {"cell_type": "markdown", "source": ["# Setup\n"]},
        {"cell_type": "code", "execution_count": 3, "source": [
            "import os\n",
            format!("os.environ[\"{}\"] = \"{}\"\n", upper(l), oneline(v).replace('"', "\\\"")),
            "client = Client.from_env()\n"
        ], "outputs": []}
    ]})
}

fn quoted_reply(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "Thanks, that worked.\n\nOn Tue, 5 Nov 2024 at 10:14, Operations <ops@acme.example> wrote:\n> Hi,\n> here is the {l} you asked for:\n>\n> {}\n>\n> Please delete this mail afterwards.\n",
        oneline(v)
    );
    json!({"ticket": {"id": 4711, "last_reply": text}})
}

fn xml_cdata(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "<?xml version=\"1.0\"?><settings><server>agent.acme.local</server><{0}><![CDATA[{1}]]></{0}></settings>",
        camel(l),
        v
    );
    json!({"xml": text})
}

fn socketio(_: &mut StdRng, l: &str, v: &str) -> Value {
    let frame = format!("42[\"update\",{}]", json!({camel(l): v, "seq": 7}));
    json!({"ws": {"dir": "send", "data": frame}})
}

fn protobuf_bytes(_: &mut StdRng, l: &str, v: &str) -> Value {
    let mut buf = vec![0x0a];
    varint(&mut buf, l.len());
    buf.extend(l.bytes());
    buf.push(0x12);
    varint(&mut buf, v.len());
    buf.extend(v.bytes());
    buf.extend([0x18, 0x01]);
    json!({"@type": "type.googleapis.com/acme.v1.Attribute", "payload": b64(&buf)})
}

fn varint(buf: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        buf.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    buf.push(n as u8);
}

fn ansible_inventory(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "[db]\ndb1.acme.local ansible_user=deploy {}=\"{}\" ansible_port=22\ndb2.acme.local ansible_user=deploy\n",
        snake(l),
        oneline(v).replace('"', "\\\"")
    );
    json!({"inventory": text})
}

fn terraform_plan(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "  # acme_customer.main will be updated in-place\n  ~ resource \"acme_customer\" \"main\" {{\n        id   = \"cus_{}\"\n      ~ {} = \"{}\" -> \"{}\"\n        tier = \"gold\"\n    }}\n\nPlan: 0 to add, 1 to change, 0 to destroy.\n",
        from_set(r, HEX, 10),
        snake(l),
        "(known after apply)",
        oneline(v).replace('"', "\\\"")
    );
    json!({"stdout": text})
}

fn env_fence(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"role": "user", "content": format!(
        "my container keeps crashing on boot, here's the env file, what's wrong?\n```\nNODE_ENV=production\nPORT=8080\n{}={}\n```",
        upper(l), oneline(v)
    )})
}

fn curl(r: &mut StdRng, l: &str, v: &str) -> Value {
    let cmd = match r.random_range(0..3) {
        0 => format!(
            "curl -sS -H 'X-{}: {}' https://api.acme.example/v1/me",
            title(l),
            oneline(v)
        ),
        1 => format!(
            "curl -sS --data-urlencode '{}={}' https://api.acme.example/v1/profile",
            snake(l),
            oneline(v)
        ),
        _ => format!(
            "curl -sS -F '{}={}' -F 'file=@report.pdf' https://api.acme.example/upload",
            snake(l),
            oneline(v)
        ),
    };
    json!({"cmd": cmd, "exit": 0})
}

// ---- credential slots ------------------------------------------------

fn smtp_auth(r: &mut StdRng, _: &str, v: &str) -> Value {
    let text = if r.random_bool(0.5) {
        format!(
            "S: 220 mail.acme.example ESMTP\r\nC: EHLO app01\r\nS: 250-AUTH PLAIN LOGIN\r\nC: AUTH PLAIN {}\r\nS: 235 2.7.0 Authentication successful\r\n",
            b64(format!("\0mailer@acme.example\0{v}").as_bytes())
        )
    } else {
        format!(
            "C: AUTH LOGIN\r\nS: 334 VXNlcm5hbWU6\r\nC: {}\r\nS: 334 UGFzc3dvcmQ6\r\nC: {}\r\nS: 235 ok\r\n",
            b64(b"mailer@acme.example"),
            b64(v.as_bytes())
        )
    };
    json!({"session": text})
}

fn imap_login(_: &mut StdRng, _: &str, v: &str) -> Value {
    let text = format!(
        "* OK IMAP4rev1 ready\r\na001 LOGIN \"archive@acme.example\" \"{}\"\r\na001 OK LOGIN completed\r\na002 SELECT INBOX\r\n",
        oneline(v).replace('"', "\\\"")
    );
    json!({"transcript": text})
}

fn powershell(r: &mut StdRng, l: &str, v: &str) -> Value {
    let q = oneline(v).replace('\'', "''");
    let text = if r.random_bool(0.5) {
        format!(
            "# {l}\n$sec = ConvertTo-SecureString '{q}' -AsPlainText -Force\n$cred = New-Object PSCredential ('ACME\\svc-sync', $sec)"
        )
    } else {
        format!(
            "New-LocalUser -Name 'svc-sync' -Password (ConvertTo-SecureString \"{}\" -AsPlainText -Force) -Description '{l}'",
            oneline(v).replace('"', "`\"")
        )
    };
    json!({"script": text})
}

fn proxy_basic(r: &mut StdRng, _: &str, v: &str) -> Value {
    let user = pick(r, &["svc-proxy", "build", "j.tamm"]);
    let cred = b64(format!("{user}:{v}").as_bytes());
    let text = format!(
        "CONNECT api.vendor.example:443 HTTP/1.1\r\nHost: api.vendor.example:443\r\nProxy-Authorization: Basic {cred}\r\nUser-Agent: curl/8.5.0\r\n\r\n"
    );
    json!({"raw_request": text})
}

// ---- neutral (no label) ----------------------------------------------

fn hexdump_neutral(r: &mut StdRng, _: &str, v: &str) -> Value {
    let data = format!(
        "{} worker[{}]: payload {}\n",
        ts(r),
        r.random_range(100..999),
        oneline(v)
    );
    json!({"tool": "xxd", "stdout": hexdump_c(data.as_bytes())})
}

fn qp_neutral(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"raw": format!(
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n{}",
        quoted_printable(&format!("Hallo zusammen, anbei wie besprochen, bitte nicht weiterleiten: {v} Gruß aus dem Büro"))
    )})
}

fn mime_neutral(_: &mut StdRng, _: &str, v: &str) -> Value {
    let note = format!(
        "call notes 2024-11-05\n- customer asked about renewal\n- {v}\n- follow up next week\n"
    );
    json!({"attachment": {"filename": "notes.txt", "content_base64": mime76(note.as_bytes())}})
}

fn html_neutral(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"body": format!("<div class=\"note\"><p>{}</p></div>", entities(r, v))})
}

fn ws_neutral(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"ws": {"dir": "recv", "data": format!("42[\"message\",{}]", json!({"text": v, "room": "support"}))}})
}

pub fn all() -> Vec<Shape> {
    let s = |name, context, credential_slot, build| Shape {
        name,
        context,
        credential_slot,
        build,
    };
    vec![
        s(
            "json \\u escapes in a string",
            true,
            false,
            json_u_escapes as fn(&mut StdRng, &str, &str) -> Value,
        ),
        s("html form, entity-encoded", true, false, html_entities),
        s("quoted-printable e-mail", true, false, qp_email),
        s("base64url state (no padding)", true, false, b64url_state),
        s(
            "mime base64 attachment (76 cols)",
            true,
            false,
            mime_attachment,
        ),
        s("hexdump -C of a request", true, false, hexdump),
        s("hex with colons", true, false, hex_colons),
        s(
            "double percent-encoded redirect",
            true,
            false,
            double_percent,
        ),
        s(".reg export (utf-16 hex)", true, false, reg_export),
        s("script state, js-escaped", true, false, script_state),
        s("yaml block scalar", true, false, yaml_block),
        s("helm folded scalar", true, false, helm_folded),
        s("shell heredoc", true, false, heredoc),
        s(
            ".properties continuation",
            true,
            false,
            properties_continuation,
        ),
        s("nginx / apache config", true, false, nginx),
        s("systemd Environment=", true, false, systemd),
        s("dockerfile ENV/ARG", true, false, dockerfile),
        s("github actions env", true, false, gh_actions),
        s("ldif base64 attribute", true, false, ldif),
        s("mongo shell", true, false, mongo_shell),
        s("redis monitor", true, false, redis_monitor),
        s("sql insert (multi-row)", true, false, sql_multirow),
        s("jupyter notebook source", true, false, notebook),
        s("quoted e-mail reply", true, false, quoted_reply),
        s("xml cdata", true, false, xml_cdata),
        s("socket.io frame", true, false, socketio),
        s("protobuf bytes (base64)", true, false, protobuf_bytes),
        s("ansible inventory vars", true, false, ansible_inventory),
        s("terraform plan diff", true, false, terraform_plan),
        s("llm turn with .env fence", true, false, env_fence),
        s("curl header/form", true, false, curl),
        s("smtp auth", true, true, smtp_auth),
        s("imap login", true, true, imap_login),
        s("powershell securestring", true, true, powershell),
        s("proxy-authorization basic", true, true, proxy_basic),
        s("hexdump (no label)", false, false, hexdump_neutral),
        s("quoted-printable (no label)", false, false, qp_neutral),
        s(
            "mime text attachment (no label)",
            false,
            false,
            mime_neutral,
        ),
        s("html entities (no label)", false, false, html_neutral),
        s("socket.io message (no label)", false, false, ws_neutral),
    ]
}
