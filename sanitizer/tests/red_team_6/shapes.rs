//! Where the sixth corpus plants a value: wire and storage formats of
//! other services (MessagePack maps as flat arrays, CBOR diagnostic
//! notation, Thrift's JSON protocol, JSON:API, HAL, OData `$filter`,
//! SOAP with WS-Security, XML-RPC, Terraform state, CloudFormation
//! parameters, Consul KV exports and etcd v3 responses with base64 keys
//! and values, SQS message attributes, Pub/Sub push bodies, Fluentd
//! forward entries, GELF, Google Sheets value ranges, `mysqlbinlog -v`
//! row events, bencode), logs (nginx access logs, W3C extended logs with
//! a header column), dumps of other languages (Ruby `inspect` hashes,
//! Elixir maps, Erlang terms with binaries, Perl `Data::Dumper`, Clojure
//! EDN, Lua tables, PowerShell hashtables, Swift `dump`, Apple plists,
//! Postgres `hstore`, Python bytes `repr`, `strace` string arguments, Java
//! `.properties` written with `\u` escapes), HTTP as it is written on the
//! wire (HTTP/1.1 chunked bodies, HTTP/2 frames as `nghttp -v` prints
//! them, STOMP frames in SockJS), and encodings (percent-encoding twice,
//! base32, data URLs, JSON text with every character `\u`-escaped).

use crate::scoring::corpus::Shape;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::r#gen::{ALNUM, HEX, b64, base32, from_set, hex, pick, uuid};

fn words(l: &str) -> Vec<String> {
    l.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn snake(l: &str) -> String {
    let w = words(l);
    if w.is_empty() {
        "value".into()
    } else {
        w.join("_")
    }
}

fn kebab(l: &str) -> String {
    snake(l).replace('_', "-")
}

fn camel(l: &str) -> String {
    let w = words(l);
    let mut out = w.first().cloned().unwrap_or_else(|| "value".into());
    for x in w.iter().skip(1) {
        let mut c = x.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

fn pascal(l: &str) -> String {
    let c = camel(l);
    let mut it = c.chars();
    it.next()
        .map(|f| f.to_uppercase().collect::<String>() + it.as_str())
        .unwrap_or_default()
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
    v.replace("\r\n", " ").replace('\n', " ")
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

/// A string as a double-quoted literal of C-like languages.
fn quoted(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// A string as a single-quoted literal (Perl, Lua, PowerShell, SQL).
fn squoted(v: &str, esc: &str) -> String {
    v.replace('\\', "\\\\").replace('\'', esc)
}

fn ts(r: &mut StdRng) -> String {
    format!(
        "2025-0{}-{:02}T{:02}:{:02}:{:02}Z",
        r.random_range(1..10),
        r.random_range(1..29),
        r.random_range(0..24),
        r.random_range(0..60),
        r.random_range(0..60)
    )
}

fn ip(r: &mut StdRng) -> String {
    format!(
        "10.{}.{}.{}",
        r.random_range(0..255),
        r.random_range(0..255),
        r.random_range(1..255)
    )
}

// ---- wire and storage formats of services --------------------------------

fn msgpack_flat(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"codec": "msgpack", "decoded": [
        "id", r.random_range(1..99999),
        "kind", "integration",
        snake(l), v,
        "enabled", true
    ]})
}

fn cbor_diag(r: &mut StdRng, l: &str, v: &str) -> Value {
    let val = if r.random_bool(0.5) {
        format!("h'{}'", hex(v.as_bytes()))
    } else {
        format!("\"{}\"", quoted(v))
    };
    json!({"cbor_diagnostic": format!(
        "{{1: {}, \"type\": \"config\", \"{}\": {val}, \"ttl\": 3600}}",
        r.random_range(1..9999),
        snake(l)
    )})
}

fn thrift_json(r: &mut StdRng, l: &str, v: &str) -> Value {
    let msg = json!([1, "setSetting", 1, r.random_range(1..999), {
        "1": {"rec": {
            "1": {"str": snake(l)},
            "2": {"str": v},
            "3": {"i32": 1}
        }}
    }]);
    json!({"transport": "http", "protocol": "TJSONProtocol", "body": msg.to_string()})
}

fn json_api(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"data": {
        "type": "integrations",
        "id": r.random_range(1..9999).to_string(),
        "attributes": {"display-name": "billing sync", kebab(l): v},
        "relationships": {"owner": {"data": {"type": "users", "id": r.random_range(1..9999).to_string()}}}
    }, "jsonapi": {"version": "1.1"}})
}

fn hal(r: &mut StdRng, l: &str, v: &str) -> Value {
    let id = r.random_range(1..9999);
    json!({
        "_links": {"self": {"href": format!("/api/accounts/{id}")}, "curies": [{"name": "acme", "href": "https://docs.acme.io/rels/{rel}", "templated": true}]},
        "_embedded": {"acme:settings": [{
            "_links": {"self": {"href": format!("/api/accounts/{id}/settings/{}", kebab(l))}},
            "name": camel(l),
            "value": v
        }]}
    })
}

fn odata_filter(r: &mut StdRng, l: &str, v: &str) -> Value {
    let f = format!("{} eq '{}'", pascal(l), oneline(v).replace('\'', "''"));
    json!({"request": format!(
        "GET /odata/v4/Customers?$filter={}&$select=Id,Name&$top={} HTTP/1.1",
        pct(&f),
        r.random_range(1..50)
    )})
}

fn soap_wss(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('&', "&amp;").replace('<', "&lt;");
    json!({"body": format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" xmlns:acme=\"urn:acme:admin\"><soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>svc-{}</wsse:Username><wsse:Password Type=\"#PasswordDigest\">{}</wsse:Password><wsse:Nonce>{}</wsse:Nonce></wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body><acme:SetParameter><acme:Name>{l}</acme:Name><acme:Value>{v}</acme:Value></acme:SetParameter></soapenv:Body></soapenv:Envelope>",
        r.random_range(1..99),
        b64(&[r.random(), r.random(), r.random(), 7, 9, 1, 3, 3, 5, 8, 1, 2, 2, 1, 1, 0, 0, 1, 1, 4]),
        b64(&[r.random(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    )})
}

fn xml_rpc(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('&', "&amp;").replace('<', "&lt;");
    json!({"body": format!(
        "<?xml version=\"1.0\"?><methodCall><methodName>system.setOption</methodName><params><param><value><struct><member><name>option</name><value><string>{}</string></value></member><member><name>value</name><value><string>{v}</string></value></member></struct></value></param></params></methodCall>",
        snake(l)
    )})
}

fn tf_state(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"version": 4, "terraform_version": "1.9.5", "serial": r.random_range(1..300), "lineage": uuid(r),
        "resources": [{"mode": "managed", "type": "acme_integration", "name": "billing", "provider": "provider[\"registry.terraform.io/acme/acme\"]",
            "instances": [{"schema_version": 0, "attributes": {"id": from_set(r, HEX, 12), snake(l): v, "region": "eu-west-1"},
                "sensitive_attributes": [], "private": b64(b"{\"schema_version\":\"0\"}")}]}]})
}

fn cfn_params(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"StackName": format!("billing-{}", r.random_range(1..99)), "Parameters": [
        {"ParameterKey": "Environment", "ParameterValue": "prod"},
        {"ParameterKey": pascal(l), "ParameterValue": v},
        {"ParameterKey": "InstanceType", "UsePreviousValue": true}
    ], "Capabilities": ["CAPABILITY_IAM"]})
}

fn consul_kv(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!([
        {"Key": "apps/billing/region", "Flags": 0, "Value": b64(b"eu-west-1"), "CreateIndex": r.random_range(10..999), "ModifyIndex": 1000},
        {"Key": format!("apps/billing/{}", snake(l)), "Flags": 0, "Value": b64(v.as_bytes()), "CreateIndex": r.random_range(10..999), "ModifyIndex": 1001}
    ])
}

fn etcd_v3(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"header": {"cluster_id": r.random_range(1_000_000u64..9_999_999).to_string(), "revision": "88"},
        "kvs": [{"key": b64(format!("/config/billing/{}", kebab(l)).as_bytes()), "create_revision": "12", "mod_revision": "80", "version": "3", "value": b64(v.as_bytes())}],
        "count": "1"})
}

fn sqs_attributes(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"QueueUrl": format!("https://sqs.eu-west-1.amazonaws.com/{}/jobs", r.random_range(100_000_000_000u64..999_999_999_999)),
    "MessageBody": "{\"job\":\"sync\"}",
    "MessageAttributes": {
        "Source": {"DataType": "String", "StringValue": "scheduler"},
        pascal(l): {"DataType": "String", "StringValue": v}
    }})
}

fn pubsub_push(r: &mut StdRng, l: &str, v: &str) -> Value {
    let inner = json!({"event": "settings.changed", snake(l): v});
    json!({"message": {"data": b64(inner.to_string().as_bytes()), "messageId": r.random_range(1_000_000_000u64..9_999_999_999).to_string(), "publishTime": ts(r), "attributes": {"origin": "settings"}},
        "subscription": "projects/acme/subscriptions/settings-push"})
}

fn fluentd_forward(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!(["app.settings", 1_735_000_000 + r.random_range(0..9_000_000), {"level": "info", "msg": "updated", snake(l): v}, {"chunk": b64(&[r.random(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])}])
}

fn gelf(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"version": "1.1", "host": format!("api-{}", r.random_range(1..9)), "short_message": "settings updated", "timestamp": 1_735_000_000.5, "level": 6,
        format!("_{}", snake(l)): v, "_request_id": uuid(r)})
}

fn sheets_values(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"range": "Customers!A1:D3", "majorDimension": "ROWS", "values": [
        ["id", "plan", l, "created"],
        [r.random_range(1..9999).to_string(), "pro", v, "2024-05-01"]
    ]})
}

fn mysqlbinlog(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('\\', "\\\\").replace('\'', "\\'");
    let id = r.random_range(1..9999);
    json!({"output": format!(
        "# at 1187\n#250301 10:22:41 server id 1  end_log_pos 1290 CRC32 0x{}  Update_rows: table id 91 flags: STMT_END_F\n### UPDATE `acme`.`settings`\n### WHERE\n###   @1={id}\n###   @2='{}'\n###   @3='-'\n### SET\n###   @1={id}\n###   @2='{}'\n###   @3='{v}'\n",
        from_set(r, HEX, 8),
        snake(l),
        snake(l)
    )})
}

fn bencode(_: &mut StdRng, l: &str, v: &str) -> Value {
    let k = snake(l);
    json!({"bencoded": format!(
        "d7:enabledi1e{}:{k}{}:{v}4:name7:billinge",
        k.len(),
        v.len()
    )})
}

// ---- logs ------------------------------------------------------------------------

fn nginx_access(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"line": format!(
        "{} - - [01/Mar/2025:10:{:02}:{:02} +0000] \"GET /v1/callback?{}={}&state={} HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=0.031",
        ip(r),
        r.random_range(0..60),
        r.random_range(0..60),
        snake(l),
        pct(&oneline(v)),
        from_set(r, ALNUM, 10)
    )})
}

fn w3c_extended(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace(' ', "+");
    json!({"log": format!(
        "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2025-03-01 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs(X-{}) sc-status time-taken\n2025-03-01 10:{:02}:{:02} {} POST /api/sync {v} 200 31\n",
        title(l),
        r.random_range(0..60),
        r.random_range(0..60),
        ip(r)
    )})
}

// ---- dumps of other languages -------------------------------------------------------

fn ruby_hash(r: &mut StdRng, l: &str, v: &str) -> Value {
    let k = if r.random_bool(0.5) {
        format!(":{}=>", snake(l))
    } else {
        format!("\"{}\"=>", snake(l))
    };
    json!({"log": format!(
        "I, [2025-03-01T10:00:00 #{}]  INFO -- : params={{\"plan\"=>\"pro\", {k}\"{}\", :retries=>3}}",
        r.random_range(1000..99999),
        quoted(v)
    )})
}

fn elixir_map(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"log": format!(
        "[info] config loaded: %Acme.Integration{{id: {}, enabled: true, {}: \"{}\", region: \"eu\"}}",
        r.random_range(1..9999),
        snake(l),
        quoted(v)
    )})
}

fn erlang_term(r: &mut StdRng, l: &str, v: &str) -> Value {
    let bin = if r.random_bool(0.5) {
        format!("<<\"{}\">>", quoted(v))
    } else {
        format!(
            "<<{}>>",
            v.bytes()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    json!({"crash_report": format!(
        "=ERROR REPORT==== 1-Mar-2025::10:00:00.{} ===\nbad config: [{{port,8443}},{{{},{bin}}},{{pool_size,10}}]",
        r.random_range(100..999),
        snake(l)
    )})
}

fn perl_dumper(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"stderr": format!(
        "$VAR1 = {{\n          'host' => 'db.acme.internal',\n          '{}' => '{}',\n          'port' => 5432\n        }};\n",
        snake(l),
        squoted(v, "\\'")
    )})
}

fn clojure_edn(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"edn": format!(
        "{{:service/id {}, :service/{} \"{}\", :service/enabled? true}}",
        r.random_range(1..9999),
        kebab(l),
        quoted(v)
    )})
}

fn lua_table(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"file": "conf/plugin.lua", "content": format!(
        "return {{\n  name = \"billing\",\n  {} = \"{}\",\n  timeout = 30,\n}}\n",
        snake(l),
        quoted(v)
    )})
}

fn powershell_hashtable(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"script": format!(
        "$params = @{{\n    Region = 'westeurope'\n    {} = '{}'\n    Force = $true\n}}\nNew-AcmeConnection @params\n",
        pascal(l),
        oneline(v).replace('\'', "''")
    )})
}

fn swift_dump(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"console": format!(
        "▿ Acme.Settings\n  - id: {}\n  - {}: \"{}\"\n  ▿ region: Optional(\"eu\")\n    - some: \"eu\"\n",
        r.random_range(1..9999),
        camel(l),
        quoted(v)
    )})
}

fn plist_xml(_: &mut StdRng, l: &str, v: &str) -> Value {
    let v = v.replace('&', "&amp;").replace('<', "&lt;");
    json!({"file": "com.acme.agent.plist", "content": format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>Label</key>\n\t<string>com.acme.agent</string>\n\t<key>{}</key>\n\t<string>{v}</string>\n\t<key>RunAtLoad</key>\n\t<true/>\n</dict>\n</plist>\n",
        pascal(l)
    )})
}

fn hstore(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"row": {"id": r.random_range(1..9999), "attrs": format!(
        "\"plan\"=>\"pro\", \"{}\"=>\"{}\", \"seats\"=>\"5\"",
        snake(l),
        quoted(v)
    )}})
}

/// Python's `repr` of bytes: printable ASCII as is, the rest `\xNN`;
/// with `all`, every byte as `\xNN`.
fn py_bytes(v: &str, all: bool) -> String {
    let mut out = String::from("b'");
    for b in v.bytes() {
        if !all && (0x20..0x7f).contains(&b) && b != b'\\' && b != b'\'' {
            out.push(b as char);
        } else {
            out += &format!("\\x{b:02x}");
        }
    }
    out.push('\'');
    out
}

fn python_bytes(r: &mut StdRng, l: &str, v: &str) -> Value {
    let payload = format!("{}={}", snake(l), v);
    json!({"log": format!(
        "DEBUG:urllib3.connectionpool: send: {}",
        py_bytes(&payload, r.random_bool(0.5))
    )})
}

/// `strace -s 4096` writes a string argument with C escapes, bytes over
/// 0x7e in octal.
fn strace_escape(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'\n' => out += "\\n",
            b'\r' => out += "\\r",
            b'\t' => out += "\\t",
            b'"' => out += "\\\"",
            b'\\' => out += "\\\\",
            0x20..=0x7e => out.push(b as char),
            _ => out += &format!("\\{b:o}"),
        }
    }
    out
}

fn strace(r: &mut StdRng, l: &str, v: &str) -> Value {
    let body = format!("{}: {}\n", title(l), v);
    json!({"strace": format!(
        "{} write(5, \"{}\", {}) = {}",
        r.random_range(1000..99999),
        strace_escape(&body),
        body.len(),
        body.len()
    )})
}

/// `.properties` as `native2ascii` writes it: every character of the
/// value as `\uXXXX`.
fn properties_unicode(_: &mut StdRng, l: &str, v: &str) -> Value {
    let esc: String = v.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
    json!({"file": "application.properties", "content": format!(
        "spring.application.name=billing\nacme.{}={esc}\nserver.port=8080\n",
        kebab(l)
    )})
}

// ---- HTTP on the wire ------------------------------------------------------------

/// `body` as HTTP/1.1 chunks of 20 to 47 bytes.
fn chunked(r: &mut StdRng, body: &str) -> String {
    let mut chunks = String::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let mut n = r.random_range(20..48).min(b.len() - i);
        while !body.is_char_boundary(i + n) {
            n += 1;
        }
        chunks += &format!("{n:x}\r\n{}\r\n", &body[i..i + n]);
        i += n;
    }
    chunks += "0\r\n\r\n";
    chunks
}

fn http_chunked(r: &mut StdRng, l: &str, v: &str) -> Value {
    let body = json!({snake(l): v, "source": "ci"}).to_string();
    json!({"raw": format!(
        "POST /v1/settings HTTP/1.1\r\nHost: api.acme.io\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{}",
        chunked(r, &body)
    )})
}

fn http2_frames(r: &mut StdRng, l: &str, v: &str) -> Value {
    let sid = r.random_range(1..60) * 2 + 1;
    json!({"nghttp": format!(
        "[  0.031] send HEADERS frame <length=71, flags=0x25, stream_id={sid}>\n          ; END_STREAM | END_HEADERS | PRIORITY\n          (padlen=0, dep_stream_id=0, weight=16, exclusive=0)\n          ; Open new stream\n          :method: GET\n          :path: /v1/me\n          :scheme: https\n          :authority: api.acme.io\n          accept: */*\n          {}: {}\n          user-agent: nghttp2/1.61.0\n[  0.062] recv (stream_id={sid}) :status: 200\n",
        kebab(l),
        oneline(v)
    )})
}

fn sockjs_stomp(r: &mut StdRng, l: &str, v: &str) -> Value {
    let frame = format!(
        "SEND\ndestination:/app/settings\ncontent-type:application/json\n{}:{}\n\n{{\"id\":{}}}\u{0}",
        kebab(l),
        oneline(v).replace(':', "\\c"),
        r.random_range(1..999)
    );
    json!({"ws": {"direction": "send", "opcode": 1, "data": format!("[{}]", json!(frame))}})
}

// ---- encodings ---------------------------------------------------------------------

fn pct_twice(r: &mut StdRng, l: &str, v: &str) -> Value {
    let inner = format!(
        "https://app.acme.io/finish?{}={}&lang=en",
        snake(l),
        pct(&oneline(v))
    );
    json!({"location": format!(
        "https://sso.acme.io/logout?sid={}&next={}",
        from_set(r, ALNUM, 8),
        pct(&pct(&inner))
    )})
}

fn base32_blob(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"id": r.random_range(1..9999), "encoding": "base32", "payload": base32(format!("{}={v}", snake(l)).as_bytes())})
}

fn data_url(r: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!("{}: {v}\n", l);
    let url = if r.random_bool(0.5) {
        format!("data:text/plain;base64,{}", b64(text.as_bytes()))
    } else {
        format!("data:text/plain;charset=utf-8,{}", pct(&text))
    };
    json!({"attachment": {"name": "note.txt", "href": url}})
}

fn json_all_escaped(_: &mut StdRng, l: &str, v: &str) -> Value {
    let esc = |s: &str| -> String { s.encode_utf16().map(|u| format!("\\u{u:04x}")).collect() };
    json!({"body": format!("{{\"{}\": \"{}\", \"ok\": true}}", esc(&snake(l)), esc(v))})
}

// ---- neutral: the value with no name -------------------------------------------

fn n_python_bytes(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"log": format!("DEBUG recv: {}", py_bytes(v, r.random_bool(0.5)))})
}

fn n_strace(r: &mut StdRng, _: &str, v: &str) -> Value {
    let body = format!("{v}\n");
    json!({"strace": format!(
        "{} read(7, \"{}\", 4096) = {}",
        r.random_range(1000..99999),
        strace_escape(&body),
        body.len()
    )})
}

fn n_base32(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"seq": r.random_range(1..9999), "blob": base32(v.as_bytes())})
}

fn n_data_url(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"img_alt": "pasted", "src": format!("data:text/plain;base64,{}", b64(v.as_bytes()))})
}

fn n_cbor_bytes(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"cbor_diagnostic": format!("[{}, h'{}', true]", r.random_range(1..99), hex(v.as_bytes()))})
}

fn n_erlang_binary(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"log": format!(
        "<0.{}.0> received {{data,<<{}>>}}",
        r.random_range(100..999),
        v.bytes().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
    )})
}

fn n_chunked(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"raw": format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n{}",
        chunked(r, v)
    )})
}

fn n_pct_twice(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"referer": format!("https://search.acme.io/?q={}", pct(&pct(&oneline(v))))})
}

fn n_msgpack_array(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"codec": "msgpack", "decoded": [r.random_range(1..9999), "message", v, pick(r, &["in", "out"])]})
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
            "msgpack map as flat array",
            msgpack_flat as fn(&mut StdRng, &str, &str) -> Value,
        ),
        c("cbor diagnostic notation", cbor_diag),
        c("thrift tjsonprotocol (field ids)", thrift_json),
        c("json:api attributes (kebab)", json_api),
        c("hal _embedded name/value", hal),
        c("odata $filter", odata_filter),
        c("soap ws-security body name/value", soap_wss),
        c("xml-rpc struct members", xml_rpc),
        c("terraform state attributes", tf_state),
        c("cloudformation ParameterKey/Value", cfn_params),
        c("consul kv export (base64)", consul_kv),
        c("etcd v3 range (base64 key/value)", etcd_v3),
        c("sqs MessageAttributes", sqs_attributes),
        c("pub/sub push (base64 json)", pubsub_push),
        c("fluentd forward entry", fluentd_forward),
        c("gelf additional field", gelf),
        c("google sheets values (header row)", sheets_values),
        c("mysqlbinlog -v row event", mysqlbinlog),
        c("bencode dict", bencode),
        c("nginx access log query", nginx_access),
        c("w3c extended log header field", w3c_extended),
        c("ruby hash inspect (=>)", ruby_hash),
        c("elixir struct inspect", elixir_map),
        c("erlang term with binary", erlang_term),
        c("perl Data::Dumper", perl_dumper),
        c("clojure edn map", clojure_edn),
        c("lua table", lua_table),
        c("powershell hashtable", powershell_hashtable),
        c("swift dump()", swift_dump),
        c("apple plist xml", plist_xml),
        c("postgres hstore", hstore),
        c("python bytes repr (\\x)", python_bytes),
        c("strace write() string", strace),
        c(".properties all \\u-escaped", properties_unicode),
        c("http/1.1 chunked body", http_chunked),
        c("http/2 frames (nghttp -v)", http2_frames),
        c("sockjs stomp frame header", sockjs_stomp),
        c("percent-encoded twice", pct_twice),
        c("base32 payload", base32_blob),
        c("data url", data_url),
        c("json text with every char \\u-escaped", json_all_escaped),
        n("python bytes repr (no label)", n_python_bytes),
        n("strace read() (no label)", n_strace),
        n("base32 blob (no label)", n_base32),
        n("data url (no label)", n_data_url),
        n("cbor byte string (no label)", n_cbor_bytes),
        n("erlang binary (no label)", n_erlang_binary),
        n("http/1.1 chunked (no label)", n_chunked),
        n("percent-encoded twice (no label)", n_pct_twice),
        n("msgpack array (no label)", n_msgpack_array),
    ]
}
