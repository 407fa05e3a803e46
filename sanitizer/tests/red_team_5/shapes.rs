//! Where the fifth corpus plants a value: the wire and storage formats of
//! services a transcript talks to (gRPC JSON transcoding, Kafka Connect,
//! Elasticsearch bulk NDJSON, Prometheus exposition, OTLP span
//! attributes, Sentry events, DynamoDB, Firestore, BigQuery rows, Avro
//! JSON unions, CloudTrail, Slack blocks, journald with byte-array
//! messages), files and dumps of other languages (docker-compose lists,
//! HAR, Postman collections, PHP `serialize`, ActiveRecord `inspect`,
//! Lombok `toString`, TOML inline tables, namespaced XML, `COPY ... FROM
//! stdin`, `ldapmodify`, Windows event XML, CEF and LEEF lines, bash
//! `set -x` traces), URLs and tokens that hold a value (`#fragment`, JWT
//! claims), personal-information formats (MIME headers, vCard with RFC
//! 6350 escapes, iCalendar folded at 75 octets), and text that hides a
//! value from a plain reader (zero-width characters inside it, fullwidth
//! forms, a label written with Cyrillic look-alikes).

use crate::scoring::corpus::Shape;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::r#gen::{ALNUM, HEX, b64url, from_set, pick, uuid};

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

fn upper(l: &str) -> String {
    snake(l).to_uppercase()
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

fn ts(r: &mut StdRng) -> String {
    format!(
        "2025-0{}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        r.random_range(1..10),
        r.random_range(1..29),
        r.random_range(0..24),
        r.random_range(0..60),
        r.random_range(0..60),
        r.random_range(0..1000)
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

// ---- services and their wire formats -----------------------------------

fn grpc_transcoding(r: &mut StdRng, l: &str, v: &str) -> Value {
    let c = camel(l);
    json!({
        "method": "PATCH",
        "path": format!("/v1/projects/acme-{}/integrations/{}", r.random_range(1..99), from_set(r, HEX, 8)),
        "query": {"updateMask": c},
        "body": {
            "@type": format!("type.googleapis.com/acme.integrations.v1.{}Integration", pascal(l)),
            "displayName": "billing sync",
            c: v,
            "etag": b64url(&[1, 2, 3, r.random()]),
        }
    })
}

fn kafka_connect(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "method": "PUT",
        "url": format!("http://connect-{}.kafka.svc:8083/connectors/pg-sink-orders/config", r.random_range(0..3)),
        "body": {
            "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
            "tasks.max": "2",
            "topics": "orders.v1",
            "connection.url": "jdbc:postgresql://pg.internal:5432/orders",
            format!("connection.{}", dotted(l)): v,
            "insert.mode": "upsert",
        }
    })
}

fn es_bulk(r: &mut StdRng, l: &str, v: &str) -> Value {
    let doc = json!({"@timestamp": ts(r), "user_id": r.random_range(1..99999), snake(l): v, "event": "profile.update"});
    let body = format!(
        "{}\n{}\n{}\n{}\n",
        json!({"index": {"_index": "audit-2025.03", "_id": uuid(r)}}),
        doc,
        json!({"delete": {"_index": "audit-2025.02", "_id": uuid(r)}}),
        json!({"index": {"_index": "audit-2025.03"}}),
    );
    json!({"request": {"method": "POST", "path": "/_bulk", "content_type": "application/x-ndjson", "body": body}})
}

fn prometheus(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "# HELP app_build_info Build and config facts.\n# TYPE app_build_info gauge\napp_build_info{{version=\"2.{}.0\",env=\"prod\",{}=\"{v}\"}} 1\n# TYPE http_requests_total counter\nhttp_requests_total{{code=\"200\",method=\"get\"}} {}\n",
        r.random_range(0..20),
        snake(l),
        r.random_range(1000..999999)
    );
    json!({"scrape": {"target": format!("{}:9102", ip(r)), "body": text}})
}

fn otel_attributes(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
        "scopeSpans": [{"scope": {"name": "acme.http"}, "spans": [{
            "traceId": from_set(r, HEX, 32),
            "spanId": from_set(r, HEX, 16),
            "name": "POST /api/profile",
            "kind": 2,
            "attributes": [
                {"key": "http.request.method", "value": {"stringValue": "POST"}},
                {"key": format!("app.{}", dotted(l)), "value": {"stringValue": v}},
                {"key": "http.response.status_code", "value": {"intValue": "200"}}
            ]
        }]}]
    }]})
}

fn sentry_event(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "event_id": from_set(r, HEX, 32),
        "level": "error",
        "platform": "python",
        "exception": {"values": [{"type": "HTTPError", "value": "502 Bad Gateway"}]},
        "request": {
            "url": "https://api.acme.io/v2/sync",
            "method": "POST",
            "headers": [["Content-Type", "application/json"], [format!("X-{}", title(l)), v]]
        },
        "breadcrumbs": {"values": [{"category": "http", "message": "POST https://api.acme.io/v2/sync [502]"}]}
    })
}

fn dynamodb(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "TableName": "customers",
        "Item": {
            "pk": {"S": format!("CUST#{}", r.random_range(1000..99999))},
            "sk": {"S": "PROFILE"},
            snake(l): {"S": v},
            "version": {"N": "3"}
        }
    })
}

fn firestore(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "name": format!("projects/acme/databases/(default)/documents/users/{}", from_set(r, ALNUM, 20)),
        "fields": {
            "plan": {"stringValue": "pro"},
            camel(l): {"stringValue": v},
            "seats": {"integerValue": "5"}
        },
        "updateTime": ts(r)
    })
}

fn bigquery(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "kind": "bigquery#queryResponse",
        "schema": {"fields": [
            {"name": "id", "type": "INTEGER", "mode": "NULLABLE"},
            {"name": snake(l), "type": "STRING", "mode": "NULLABLE"},
            {"name": "created", "type": "TIMESTAMP", "mode": "NULLABLE"}
        ]},
        "rows": [{"f": [{"v": r.random_range(1..99999).to_string()}, {"v": v}, {"v": "1.73e9"}]}],
        "totalRows": "1",
        "jobComplete": true
    })
}

fn avro_union(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({
        "topic": "crm.contacts.v2",
        "partition": r.random_range(0..12),
        "value": {"id": r.random_range(1..99999), snake(l): {"string": v}, "deleted": {"boolean": false}}
    })
}

fn cloudtrail(r: &mut StdRng, l: &str, v: &str) -> Value {
    let params = if r.random_bool(0.5) {
        json!({"functionName": "billing-sync", "environment": {"variables": {upper(l): v, "LOG_LEVEL": "info"}}})
    } else {
        json!({"name": format!("/prod/app/{}", snake(l)), "value": v, "type": "String", "overwrite": true})
    };
    json!({"Records": [{
        "eventVersion": "1.09",
        "eventTime": ts(r),
        "eventSource": "lambda.amazonaws.com",
        "eventName": "UpdateFunctionConfiguration20150331v2",
        "sourceIPAddress": ip(r),
        "requestParameters": params
    }]})
}

fn slack_block(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"channel": "C04QH7TNS2L", "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Onboarding checklist"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": format!("*{l}:* `{}`", oneline(v))}}
    ]})
}

fn journald(r: &mut StdRng, l: &str, v: &str) -> Value {
    let msg = format!("\u{1b}[33mwarn\u{1b}[0m config reload: {l}={}", oneline(v));
    let arr: Vec<Value> = msg.bytes().map(|b| json!(b)).collect();
    json!({
        "__REALTIME_TIMESTAMP": format!("17{}", r.random_range(10_000_000_000_000u64..99_999_999_999_999)),
        "_SYSTEMD_UNIT": "api.service",
        "PRIORITY": "4",
        "_COMM": "api",
        "MESSAGE": arr
    })
}

// ---- files and dumps ----------------------------------------------------

fn compose_env(_: &mut StdRng, l: &str, v: &str) -> Value {
    let text = format!(
        "services:\n  api:\n    image: ghcr.io/acme/api:1.9.2\n    environment:\n      - NODE_ENV=production\n      - {}={}\n      - PORT=8080\n",
        upper(l),
        oneline(v)
    );
    json!({"path": "docker-compose.yml", "content": text})
}

fn har(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"log": {"version": "1.2", "entries": [{
        "startedDateTime": ts(r),
        "request": {
            "method": "POST",
            "url": "https://portal.acme.io/account/settings",
            "postData": {
                "mimeType": "application/x-www-form-urlencoded",
                "params": [{"name": "utf8", "value": "✓"}, {"name": snake(l), "value": v}]
            }
        },
        "response": {"status": 302}
    }]}})
}

fn postman_auth(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"info": {"name": "Acme API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "item": [{"name": "Get profile", "request": {
        "method": "GET",
        "url": "{{baseUrl}}/v1/me",
        "auth": {"type": "apikey", "apikey": [
            {"key": "value", "value": v, "type": "string"},
            {"key": "key", "value": title(l), "type": "string"},
            {"key": "in", "value": "header", "type": "string"}
        ]}
    }}]})
}

fn postman_vars(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"info": {"name": "Acme API"}, "variable": [
        {"key": "baseUrl", "value": "https://api.acme.io"},
        {"key": camel(l), "value": v, "type": "string"}
    ]})
}

fn curl_urlencode(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"cmd": format!(
        "curl -sS -X POST https://hooks.acme.io/v1/ingest --data-urlencode \"{}={}\" --data-urlencode \"source=ci\"",
        snake(l),
        oneline(v).replace('"', "\\\"")
    )})
}

fn php_serialized(r: &mut StdRng, l: &str, v: &str) -> Value {
    let k = snake(l);
    let s = format!(
        "a:3:{{s:2:\"id\";i:{};s:{}:\"{k}\";s:{}:\"{v}\";s:6:\"active\";b:1;}}",
        r.random_range(1..9999),
        k.len(),
        v.len()
    );
    json!({"table": "wp_usermeta", "meta_value": s})
}

fn activerecord_inspect(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"log": format!(
        "D, [{}] DEBUG -- : #<Account id: {}, plan: \"pro\", {}: \"{}\", created_at: \"2024-02-11 09:14:03.000000000 +0000\">",
        ts(r),
        r.random_range(1..9999),
        snake(l),
        oneline(v).replace('"', "\\\"")
    )})
}

fn lombok_to_string(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"logger": "c.a.b.SyncJob", "message": format!(
        "Loaded IntegrationSettings(id={}, enabled=true, {}={}, retries=3)",
        r.random_range(1..9999),
        camel(l),
        oneline(v)
    )})
}

fn toml_inline(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('\\', "\\\\").replace('"', "\\\"");
    json!({"path": "config/deploy.toml", "content": format!(
        "[servers]\nalpha = {{ host = \"{}\", port = 8443, {} = \"{v}\" }}\nbeta = {{ host = \"{}\", port = 8443 }}\n",
        ip(r),
        snake(l),
        ip(r)
    )})
}

fn xml_namespaced(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    let doc = if r.random_bool(0.5) {
        format!(
            "<cfg:settings xmlns:cfg=\"urn:acme:config:2\"><cfg:entry cfg:name=\"{l}\" cfg:value=\"{v}\"/></cfg:settings>"
        )
    } else {
        format!(
            "<ns2:profile xmlns:ns2=\"http://acme.io/schema/crm/v3\"><ns2:{c}>{v}</ns2:{c}></ns2:profile>",
            c = camel(l)
        )
    };
    json!({"body": doc, "content_type": "application/xml"})
}

fn sql_copy(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('\\', "\\\\").replace('\t', "\\t");
    json!({"dump": format!(
        "COPY public.contacts (id, email_verified, {}, created_at) FROM stdin;\n{}\tt\t{v}\t2024-06-01 10:00:00+00\n\\.\n",
        snake(l),
        r.random_range(1..99999)
    )})
}

fn ldapmodify(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"stdin": format!(
        "dn: uid=u{},ou=people,dc=acme,dc=org\nchangetype: modify\nreplace: {c}\n{c}: {}\n-\n",
        r.random_range(1000..9999),
        oneline(v),
        c = camel(l)
    )})
}

fn windows_event(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('&', "&amp;").replace('<', "&lt;");
    json!({"xml": format!(
        "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Acme-Agent\"/><EventID>4104</EventID><TimeCreated SystemTime=\"{}\"/><Computer>WS-{}.corp.acme.com</Computer></System><EventData><Data Name=\"Operation\">SetConfig</Data><Data Name=\"{}\">{v}</Data></EventData></Event>",
        ts(r),
        r.random_range(100..999),
        pascal(l)
    )})
}

fn cef(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v = oneline(v).replace('\\', "\\\\").replace('=', "\\=");
    json!({"syslog": format!(
        "<134>1 {} gw01 CEF:0|Acme|Gateway|4.2|300|config change|5|rt={} src={} suser=admin cs1Label={} cs1={v} msg=setting updated",
        ts(r),
        r.random_range(1_700_000_000_000u64..1_800_000_000_000),
        ip(r),
        camel(l)
    )})
}

fn leef(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"line": format!(
        "LEEF:2.0|Acme|WAF|3.1|policy_update|^|devTime={}^src={}^usrName=svc-waf^{}={}^action=update",
        ts(r),
        ip(r),
        camel(l),
        oneline(v).replace('^', "\\^")
    )})
}

fn bash_xtrace(r: &mut StdRng, l: &str, v: &str) -> Value {
    let v1 = oneline(v);
    let q = if v1.contains(|c: char| c.is_whitespace() || "$'\"&;|<>(){}*?!#".contains(c)) {
        format!("'{}'", v1.replace('\'', "'\\''"))
    } else {
        v1
    };
    json!({"output": format!(
        "+ set -euo pipefail\n+ cd /srv/app\n++ date +%s\n+ START={}\n+ export {}={q}\n+ ./bin/migrate --env prod\nmigrations: 0 pending\n",
        r.random_range(1_700_000_000u64..1_800_000_000),
        upper(l)
    )})
}

// ---- URLs, tokens and personal-information formats ------------------------

fn url_fragment(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"status": 302, "headers": {"location": format!(
        "https://app.acme.io/auth/complete#{}={}&token_type=Bearer&expires_in=3600&state={}",
        snake(l),
        pct(&oneline(v)),
        from_set(r, ALNUM, 12)
    )}})
}

fn jwt_claim(r: &mut StdRng, l: &str, v: &str) -> Value {
    let header = b64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({"sub": format!("user_{}", r.random_range(1..99999)), snake(l): v, "iat": 1_735_000_000 + r.random_range(0..9_000_000)});
    let jwt = format!(
        "{header}.{}.{}",
        b64url(claims.to_string().as_bytes()),
        from_set(
            r,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            43
        )
    );
    json!({"level": "debug", "msg": "issued invite link", "invite_token": jwt})
}

fn mime_headers(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"raw": format!(
        "Return-Path: <bounce@mail.acme.io>\r\nFrom: \"Acme Support\" <support@acme.io>\r\nTo: customer-{}@example.net\r\nSubject: Re: your request\r\nMessage-ID: <{}@mail.acme.io>\r\nX-{}: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThanks, we have updated your account.\r\n",
        r.random_range(1..9999),
        uuid(r),
        title(l),
        oneline(v)
    )})
}

fn vcard(_: &mut StdRng, l: &str, v: &str) -> Value {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;")
            .replace("\r\n", "\\n")
            .replace('\n', "\\n")
    };
    json!({"attachment": {"filename": "contact.vcf", "text": format!(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Front desk\r\nORG:Acme Clinic\r\nNOTE:{}: {}\r\nEND:VCARD\r\n",
        esc(l),
        esc(v)
    )}})
}

/// Folds a content line at 75 octets (RFC 5545 3.1), on character
/// boundaries.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    for c in line.chars() {
        if n + c.len_utf8() > 75 {
            out += "\r\n ";
            n = 1;
        }
        out.push(c);
        n += c.len_utf8();
    }
    out
}

fn ical(r: &mut StdRng, l: &str, v: &str) -> Value {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;")
            .replace("\r\n", "\\n")
            .replace('\n', "\\n")
    };
    let desc = fold(&format!(
        "DESCRIPTION:Access for the workshop. {}: {}",
        esc(l),
        esc(v)
    ));
    json!({"ics": format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Cal 1.0//EN\r\nBEGIN:VEVENT\r\nUID:{}@acme.io\r\nDTSTART:2025031{}T090000Z\r\nSUMMARY:Onboarding\r\n{desc}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        uuid(r),
        r.random_range(0..10)
    )})
}

// ---- text that hides a value ---------------------------------------------

const ZW: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// `v` with a zero-width character after every few characters, as pasted
/// from a chat app or a web page that inserts break opportunities.
fn zero_width(r: &mut StdRng, v: &str) -> String {
    let mut out = String::new();
    for (i, c) in v.chars().enumerate() {
        out.push(c);
        if i % 4 == 3 && !c.is_whitespace() {
            out.push(ZW[r.random_range(0..ZW.len())]);
        }
    }
    out
}

fn zero_width_labelled(r: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"role": "user", "content": format!("here is the {l} you asked for: {}", zero_width(r, v))})
}

fn zero_width_chat(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"role": "user", "content": format!("pasted from the portal, does this look right? {}", zero_width(r, v))})
}

/// ASCII printable characters as their fullwidth forms (U+FF01..U+FF5E),
/// as typed with a Japanese or Chinese input method.
fn fullwidth(v: &str) -> String {
    v.chars()
        .map(|c| {
            if ('!'..='~').contains(&c) {
                char::from_u32(c as u32 - 0x21 + 0xff01).unwrap_or(c)
            } else if c == ' ' {
                '\u{3000}'
            } else {
                c
            }
        })
        .collect()
}

fn fullwidth_chat(_: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"role": "user", "content": format!("すみません、これで合っていますか？ {}", fullwidth(v))})
}

fn fullwidth_labelled(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"form": {"field": l, "entered": fullwidth(v)}, "note": "IME input"})
}

/// The label with Latin letters swapped for Cyrillic look-alikes.
fn confusable(l: &str) -> String {
    l.chars()
        .map(|c| match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'y' => 'у',
            'A' => 'А',
            'E' => 'Е',
            'O' => 'О',
            'P' => 'Р',
            'C' => 'С',
            'T' => 'Т',
            'K' => 'К',
            'M' => 'М',
            'H' => 'Н',
            'B' => 'В',
            c => c,
        })
        .collect()
}

fn confusable_label(_: &mut StdRng, l: &str, v: &str) -> Value {
    json!({"settings": {confusable(&snake(l)): v, "region": "eu-central-1"}})
}

fn es_doc_unlabelled(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"_index": "support-tickets", "_id": uuid(r), "_source": {"@timestamp": ts(r), "message": format!("customer wrote: {}", oneline(v)), "tags": ["inbound"]}})
}

fn otel_log_unlabelled(r: &mut StdRng, _: &str, v: &str) -> Value {
    json!({"resourceLogs": [{"scopeLogs": [{"logRecords": [{
        "timeUnixNano": format!("17{}", r.random_range(10_000_000_000_000_000u64..99_999_999_999_999_999)),
        "severityText": "INFO",
        "body": {"stringValue": format!("inbound payload {}", oneline(v))},
        "attributes": [{"key": "thread.name", "value": {"stringValue": "worker-3"}}]
    }]}]}]})
}

fn pick_shape<'a>(r: &mut StdRng, xs: &[&'a str]) -> &'a str {
    pick(r, xs)
}

fn llm_tool_result(r: &mut StdRng, _: &str, v: &str) -> Value {
    let tool = pick_shape(r, &["read_file", "run_shell", "fetch_url"]);
    json!({"type": "tool_result", "tool_use_id": format!("toolu_{}", from_set(r, ALNUM, 24)), "name": tool, "content": [{"type": "text", "text": v}]})
}

pub fn all() -> Vec<Shape> {
    let c = |name, build| Shape {
        name,
        context: true,
        credential_slot: false,
        build,
    };
    let slot = |name, build| Shape {
        name,
        context: true,
        credential_slot: true,
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
            "grpc json transcoding (updateMask)",
            grpc_transcoding as fn(&mut StdRng, &str, &str) -> Value,
        ),
        c("kafka connect config", kafka_connect),
        c("elasticsearch bulk ndjson", es_bulk),
        c("prometheus exposition label", prometheus),
        c("otlp span attributes", otel_attributes),
        c("sentry event header pairs", sentry_event),
        c("dynamodb json", dynamodb),
        c("firestore fields", firestore),
        c("bigquery rows (schema + f/v)", bigquery),
        c("avro json union", avro_union),
        c("cloudtrail requestParameters", cloudtrail),
        c("slack mrkdwn block", slack_block),
        c("journald json (MESSAGE as bytes)", journald),
        c("docker-compose environment list", compose_env),
        c("har postData params", har),
        slot("postman apikey auth", postman_auth),
        c("postman collection variables", postman_vars),
        c("curl --data-urlencode", curl_urlencode),
        c("php serialize()", php_serialized),
        c("activerecord inspect", activerecord_inspect),
        c("lombok toString", lombok_to_string),
        c("toml inline table", toml_inline),
        c("xml with namespaces", xml_namespaced),
        c("sql COPY from stdin", sql_copy),
        c("ldapmodify replace", ldapmodify),
        c("windows event xml Data Name", windows_event),
        c("cef cs1Label/cs1", cef),
        c("leef line", leef),
        c("bash xtrace", bash_xtrace),
        c("url fragment", url_fragment),
        slot("jwt claim", jwt_claim),
        c("mime X- header", mime_headers),
        c("vcard NOTE (escaped)", vcard),
        c("icalendar DESCRIPTION (folded)", ical),
        c("zero-width chars in value (labelled)", zero_width_labelled),
        c("fullwidth value (labelled form)", fullwidth_labelled),
        c("cyrillic look-alike label", confusable_label),
        n("zero-width chars in value (chat)", zero_width_chat),
        n("fullwidth value (chat)", fullwidth_chat),
        n("elasticsearch doc message", es_doc_unlabelled),
        n("otlp log body", otel_log_unlabelled),
        n("llm tool result", llm_tool_result),
    ]
}
