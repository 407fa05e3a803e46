//! Whole documents as systems emit them, each holding several secrets or
//! personal values at once.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::ids::{self, ALNUM, HEX, UPPER, b64, b64url, bytes, from_set};
use super::kinds::uuid;

pub struct Scene {
    pub name: &'static str,
    pub build: fn(&mut StdRng) -> (Value, Vec<String>),
}

fn pw(r: &mut StdRng) -> String {
    from_set(r, ALNUM, 16)
}

fn k8s_secret(r: &mut StdRng) -> (Value, Vec<String>) {
    let (p, t) = (pw(r), from_set(r, ALNUM, 40));
    let v = json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
        "metadata": {"name": "billing-db", "namespace": "prod", "resourceVersion": "88123"},
        "data": {"username": b64(b"billing"), "password": b64(p.as_bytes()), "stripe-key": b64(format!("sk_live_{t}").as_bytes())}});
    (v, vec![p, t])
}

fn docker_inspect(r: &mut StdRng) -> (Value, Vec<String>) {
    let (p, k) = (pw(r), from_set(r, ALNUM, 32));
    let v = json!([{"Id": from_set(r, HEX, 64), "Name": "/billing-api",
        "Config": {"Hostname": from_set(r, HEX, 12), "Env": [format!("POSTGRES_PASSWORD={p}"), format!("SENDGRID_API_KEY=SG.{}.{k}", from_set(r, ALNUM, 22)), "NODE_ENV=production"],
        "Cmd": ["node", "server.js"], "Image": format!("sha256:{}", from_set(r, HEX, 64))},
        "NetworkSettings": {"IPAddress": "172.17.0.3"}}]);
    (v, vec![p, k])
}

fn aws_credentials(r: &mut StdRng) -> (Value, Vec<String>) {
    let id = format!(
        "AKIA{}",
        from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    );
    let secret = from_set(
        r,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        40,
    );
    let session = b64(&bytes(r, 200));
    let v = json!({"path": "/home/ci/.aws/credentials", "content": format!("[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n\n[prod]\naws_access_key_id={id}\naws_secret_access_key={secret}\naws_session_token={session}\nregion=eu-west-1\n")});
    (v, vec![id, secret, session])
}

fn gcp_service_account(r: &mut StdRng) -> (Value, Vec<String>) {
    let body = b64(&bytes(r, 1190));
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let key_id = from_set(r, HEX, 40);
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    );
    let doc = json!({"type": "service_account", "project_id": "acme-prod", "private_key_id": key_id, "private_key": pem,
        "client_email": "exporter@acme-prod.iam.gserviceaccount.com", "client_id": "1048820993112233445566",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"});
    let v = json!({"secret_payload": doc.to_string()});
    let mut hide: Vec<String> = lines.into_iter().filter(|l| l.len() >= 16).collect();
    hide.push(key_id);
    (v, hide)
}

fn netrc_and_pgpass(r: &mut StdRng) -> (Value, Vec<String>) {
    let (a, b) = (pw(r), pw(r));
    let v = json!({"files": {"~/.netrc": format!("machine api.heroku.com\n  login ops@acme.io\n  password {a}\nmachine git.acme.io login deploy password {b}\n"),
        "~/.pgpass": format!("db.internal:5432:billing:billing_rw:{b}\n")}});
    (v, vec![a, b])
}

fn curl(r: &mut StdRng) -> (Value, Vec<String>) {
    let (t, p) = (from_set(r, ALNUM, 40), pw(r));
    let v = json!({"history": [
        format!("curl -sS -X POST https://api.partner.net/v1/orders -H 'Authorization: Bearer {t}' -H 'Content-Type: application/json' -d '{{\"sku\":\"A-1\"}}'"),
        format!("curl -u admin:{p} https://jenkins.internal/api/json"),
    ]});
    (v, vec![t, p])
}

fn http_exchange(r: &mut StdRng) -> (Value, Vec<String>) {
    let (sid, csrf, basic_pw, proxy) = (from_set(r, HEX, 32), from_set(r, ALNUM, 32), pw(r), pw(r));
    let basic = b64(format!("svc-report:{basic_pw}").as_bytes());
    let proxy_b = b64(format!("corp\\jdoe:{proxy}").as_bytes());
    let v = json!({"request": {"method": "GET", "url": "https://shop.acme.io/account/orders",
        "headers": [["Cookie", format!("_ga=GA1.2.1234.5678; sessionid={sid}; csrftoken={csrf}")], ["Authorization", format!("Basic {basic}")], ["Proxy-Authorization", format!("Basic {proxy_b}")]]},
        "response": {"status": 200, "headers": {"Set-Cookie": format!("sessionid={sid}; HttpOnly; Secure; Path=/; SameSite=Lax")}}});
    (v, vec![sid, csrf, basic_pw, proxy])
}

fn hl7_pid(r: &mut StdRng) -> (Value, Vec<String>) {
    let mrn = ids::s(&ids::digits(r, 8));
    let ssn = ids::ssn(r).replace('-', "");
    let phone = format!(
        "({}){}-{}",
        r.random_range(201..989),
        r.random_range(200..999),
        ids::s(&ids::digits(r, 4))
    );
    let dob = format!(
        "19{}{:02}{:02}",
        r.random_range(40..99),
        r.random_range(1..13),
        r.random_range(1..29)
    );
    let msg = format!(
        "MSH|^~\\&|EPIC|NORTHGEN|LAB|NORTHGEN|20240611101500||ADT^A08|MSG{}|P|2.5.1\rPID|1||{mrn}^^^NGH^MR||OKAFOR^CHIDI^N||{dob}|M|||1447 WILLOW BEND RD^^SPRINGFIELD^IL^62704^USA||{phone}|||S||{}|{ssn}\rPV1|1|I|4W^412^B",
        r.random_range(1000..9999),
        r.random_range(100000..999999)
    );
    (
        json!({"hl7": msg}),
        vec![
            mrn,
            ssn,
            phone,
            dob,
            "OKAFOR^CHIDI".into(),
            "1447 WILLOW BEND".into(),
        ],
    )
}

fn fhir_patient(r: &mut StdRng) -> (Value, Vec<String>) {
    let mrn = format!("{}", r.random_range(10_000_000..99_999_999));
    let dob = format!(
        "19{}-{:02}-{:02}",
        r.random_range(40..99),
        r.random_range(1..13),
        r.random_range(1..29)
    );
    let phone = format!(
        "+44 7{} {}",
        ids::s(&ids::digits(r, 3)),
        ids::s(&ids::digits(r, 6))
    );
    let nhs = ids::nhs(r);
    let v = json!({"resourceType": "Patient", "id": uuid(r),
        "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": nhs.replace(' ', "")}, {"type": {"coding": [{"code": "MR"}]}, "value": mrn}],
        "name": [{"use": "official", "family": "Fitzgerald", "given": ["Siobhan", "Mary"]}],
        "telecom": [{"system": "phone", "value": phone, "use": "mobile"}],
        "gender": "female", "birthDate": dob,
        "address": [{"line": ["27 Harbour View Terrace"], "city": "Cork", "postalCode": "T12 X8RD"}]});
    (
        v,
        vec![
            nhs.replace(' ', ""),
            mrn,
            dob,
            phone,
            "Fitzgerald".into(),
            "27 Harbour View Terrace".into(),
        ],
    )
}

fn pnr(r: &mut StdRng) -> (Value, Vec<String>) {
    let passport = format!(
        "{}{}",
        from_set(r, "CFGHJK", 1),
        from_set(r, "CFGHJKLMNPRTVWXYZ0123456789", 8)
    );
    let dob = format!(
        "{:02}{}{}",
        r.random_range(1..29),
        ["JAN", "MAR", "JUL", "OCT"][r.random_range(0..4)],
        r.random_range(40..99)
    );
    let phone = format!("+49 170 {}", ids::s(&ids::digits(r, 7)));
    let (card, _) = ids::card(r);
    let v = json!({"pnr": {"recordLocator": from_set(r, UPPER, 6), "passengers": [{"surname": "SCHAEFER", "givenName": "JUERGEN MR", "ssr": [format!("SSR DOCS LH HK1 P/DEU/{passport}/DEU/{dob}/M/15AUG30/SCHAEFER/JUERGEN"), format!("SSR CTCM LH HK1/{}", phone.replace(' ', ""))]}],
        "fop": format!("FP CCVI{card}/0927*CV/N123"), "segments": [{"flight": "LH400", "from": "FRA", "to": "JFK"}]}});
    (
        v,
        vec![
            passport,
            dob,
            phone.replace(' ', ""),
            card,
            "SCHAEFER/JUERGEN".into(),
        ],
    )
}

fn payment(r: &mut StdRng) -> (Value, Vec<String>) {
    let (card, _) = ids::card(r);
    let cvv = format!("{}", r.random_range(100..1000));
    let routing = ids::aba(r);
    let account = ids::s(&ids::digits(r, 11));
    let v = json!({"jsonrpc": "2.0", "id": r.random_range(1..999), "method": "payments.create", "params": {
        "amount_minor": 12999, "currency": "USD",
        "source": {"object": "card", "number": card, "exp_month": 9, "exp_year": 2027, "cvc": cvv, "holder": "Kwame Mensah"},
        "fallback": {"type": "ach", "routing_number": routing, "account_number": account, "account_holder_name": "Kwame Mensah"}}});
    (v, vec![card, cvv, account, "Kwame Mensah".into()])
}

fn agent_turns(r: &mut StdRng) -> (Value, Vec<String>) {
    let p = format!("Falcon{}!", r.random_range(1000..9999));
    let key = format!("sk-proj-{}", from_set(r, ALNUM, 100));
    let ssn = ids::ssn(r);
    let v = json!({"conversation": [
        {"role": "user", "content": format!("ok so I tried logging in with my password {p} and it says locked. my SSN is {ssn} if you need it")},
        {"role": "assistant", "content": "I can't use personal details like that. Let me check the account status instead."},
        {"role": "tool", "name": "shell", "content": format!("$ env | grep OPENAI\r\nOPENAI_API_KEY={key}\r\n")}]});
    (v, vec![p, key, ssn])
}

fn telemetry(r: &mut StdRng) -> (Value, Vec<String>) {
    let email = format!("priya.k{}@outlook.com", r.random_range(1..99));
    let ip = format!(
        "81.{}.{}.{}",
        r.random_range(0..255),
        r.random_range(0..255),
        r.random_range(1..254)
    );
    let imei = ids::imei(r);
    let tok = b64url(&bytes(r, 32));
    let v = json!({"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "mobile-gw"}}, {"key": "device.imei", "value": {"stringValue": imei}}]},
        "scopeLogs": [{"logRecords": [{"timeUnixNano": "1718100900000000000", "severityText": "INFO", "body": {"stringValue": format!("login ok user={email} ip={ip}")},
        "attributes": [{"key": "http.request.header.authorization", "value": {"stringValue": format!("Bearer {tok}")}}, {"key": "enduser.id", "value": {"stringValue": email}}]}]}]}]});
    (v, vec![email, ip, imei, tok])
}

fn audit(r: &mut StdRng) -> (Value, Vec<String>) {
    let old = pw(r);
    let new = pw(r);
    let v = json!({"eventVersion": "1.08", "eventName": "ChangePassword", "sourceIPAddress": "203.0.113.77",
        "requestParameters": {"oldPassword": old, "newPassword": new}, "responseElements": null,
        "additionalEventData": {"MFAUsed": "No"}, "requestID": uuid(r)});
    (v, vec![old, new])
}

fn terminal_session(r: &mut StdRng) -> (Value, Vec<String>) {
    let p = pw(r);
    let t = format!("ghp_{}", from_set(r, ALNUM, 36));
    let v = json!({"header": {"version": 2, "width": 120, "height": 30}, "events": [
        [0.1, "o", &format!("$ mysql -h db.internal -u root -p{p} billing\r\n")], [1.4, "o", "ERROR 1045 (28000): Access denied\r\n"],
        [3.0, "o", &format!("$ git clone https://oauth2:{t}@github.com/acme/infra.git\r\n")]]});
    (v, vec![p, t])
}

fn kubeconfig(r: &mut StdRng) -> (Value, Vec<String>) {
    let key_body = b64(&bytes(r, 600));
    let key_pem =
        format!("-----BEGIN RSA PRIVATE KEY-----\n{key_body}\n-----END RSA PRIVATE KEY-----\n");
    let token = format!(
        "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.{}.{}",
        b64url(
            format!(
                "{{\"sub\":\"system:serviceaccount:ci:deployer\",\"n\":{}}}",
                r.random_range(1..9999)
            )
            .as_bytes()
        ),
        b64url(&bytes(r, 256))
    );
    let v = json!({"kubeconfig": format!("apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    client-key-data: {}\n    token: {token}\nclusters:\n- name: prod\n  cluster:\n    server: https://10.0.0.1:6443\n", b64(key_pem.as_bytes()))});
    (v, vec![key_body, token])
}

fn docker_config(r: &mut StdRng) -> (Value, Vec<String>) {
    let p = pw(r);
    let npm = from_set(r, ALNUM, 36);
    let v = json!({"docker_config": {"auths": {"registry.acme.io": {"auth": b64(format!("robot$ci:{p}").as_bytes())}}},
        "npmrc": format!("registry=https://registry.npmjs.org/\n//npm.acme.io/:_authToken={npm}\nalways-auth=true\n")});
    (v, vec![p, npm])
}

pub fn all() -> Vec<Scene> {
    vec![
        Scene {
            name: "k8s Secret",
            build: k8s_secret,
        },
        Scene {
            name: "docker inspect",
            build: docker_inspect,
        },
        Scene {
            name: "aws credentials file",
            build: aws_credentials,
        },
        Scene {
            name: "gcp service account in string",
            build: gcp_service_account,
        },
        Scene {
            name: ".netrc + .pgpass",
            build: netrc_and_pgpass,
        },
        Scene {
            name: "curl history",
            build: curl,
        },
        Scene {
            name: "http exchange",
            build: http_exchange,
        },
        Scene {
            name: "hl7 v2 PID",
            build: hl7_pid,
        },
        Scene {
            name: "fhir Patient",
            build: fhir_patient,
        },
        Scene {
            name: "airline PNR",
            build: pnr,
        },
        Scene {
            name: "json-rpc payment",
            build: payment,
        },
        Scene {
            name: "agent turns",
            build: agent_turns,
        },
        Scene {
            name: "otel log record",
            build: telemetry,
        },
        Scene {
            name: "cloudtrail audit",
            build: audit,
        },
        Scene {
            name: "terminal session",
            build: terminal_session,
        },
        Scene {
            name: "kubeconfig",
            build: kubeconfig,
        },
        Scene {
            name: "docker config + npmrc",
            build: docker_config,
        },
    ]
}
