//! A fifth adversarial corpus for the sanitizer, written without reading
//! its rules or source and apart from the four before it
//! (`tests/corpus.rs`, `tests/red_team.rs`, `tests/red_team_3.rs`,
//! `tests/red_team_4.rs`): only their kind and shape names were read, so
//! as not to repeat them. It holds credentials those corpora do not
//! (Twilio auth tokens, Airtable, Vault batch and legacy tokens,
//! RubyGems, crates.io, NuGet, Fly.io, Render, PlanetScale, Bitbucket,
//! Asana, Netlify, Cloudflare API tokens, Algolia admin keys, FCM server
//! keys, LLM gateway keys, Azure DevOps PATs, Salesforce session ids,
//! Ethereum keystores, BIP38 keys, Kerberos keytabs, keystore passwords
//! in JVM arguments, SNMP communities, RADIUS secrets, IPMI passwords,
//! Redis `AUTH` on the wire, PKCE verifiers, OAuth codes, Rails and
//! Flask session cookies, Django, Laravel and Rails framework keys,
//! SCRAM verifiers, Maven encrypted passwords, `.npmrc` `_auth`,
//! app-specific passwords, 2FA recovery codes, MySQL password hashes),
//! identifiers of countries they leave out, with their check digits
//! where there is one (Indonesian NIK, Vietnamese CCCD, MyKad, PhilSys,
//! BVN, KRA PIN, Egyptian national id, Saudi id, CNIC, Iranian national
//! code, Uruguayan cédula, PIS/PASEP, GSTIN, EPIC, UPI handles, US EIN and
//! Medicare MBI, Ontario health cards, NZ NHI, Japanese residence cards),
//! and personal data that is not a number (UK and US addresses with
//! postcodes, advertising ids, device UDIDs, biometric templates, a
//! diagnosis or a salary next to a name, GPS tracks from home, SIP URIs).
//!
//! The shapes are the wire and storage formats of services a transcript
//! talks to (gRPC JSON transcoding, Kafka Connect, Elasticsearch bulk,
//! Prometheus, OTLP, Sentry, DynamoDB, Firestore, BigQuery, Avro unions,
//! CloudTrail, Slack blocks, journald byte arrays), dumps of other
//! languages (PHP `serialize`, ActiveRecord `inspect`, Lombok
//! `toString`, TOML inline tables, namespaced XML, SQL `COPY`,
//! `ldapmodify`, Windows event XML, CEF, LEEF, `set -x` traces, HAR,
//! Postman, docker-compose), URLs and tokens that hold a value (`#`
//! fragments, JWT claims), personal-information formats (MIME headers,
//! vCard, iCalendar folded at 75 octets) and text that hides a value
//! (zero-width characters, fullwidth forms, Cyrillic look-alike labels).
//!
//! Generation is deterministic (a fixed seed). Each kind
//! (`red_team_5/kinds.rs`) goes into every shape (`red_team_5/shapes.rs`)
//! that carries a label, and, when recognisable on its own, also into
//! neutral ones. Each kind has a benign near-miss (a failing check
//! digit, the public counterpart such as a Twilio account SID, a PKCE
//! challenge, an SRI hash or a bitcoin address, or a value only its label
//! tells apart) planted under a neutral label, never in a credential
//! slot. Leak and keep are defined as in `tests/red_team.rs`
//! (`scoring/mod.rs`), with the views also read through the encodings
//! above (`red_team_5/decode.rs`); `verify(scrub(x))` must find nothing.
//!
//! `cargo test -p reprise-sanitizer --release --test red_team_5 -- --nocapture`
//! prints recall per kind and shape, keep per near-miss kind, and the
//! first leaks (four characters of each value at most).
//! `RED_TEAM_5_SAMPLES=N` sets the samples per kind (default 40);
//! `RED_TEAM_5_DUMP=path` writes every failing input and output there.
//!
//! # Baseline
//!
//! On `red-team-5` with the sanitizer of main at 180ffaa (2026-12-07),
//! which had never seen this corpus, the default rules reached recall
//! **46.91%** (1444 of 2720 leaked) and keep **93.75%** (85 of 1360
//! lost), with 0 verify disagreements. The test holds these figures
//! (recall 0.46, keep 0.93), far short of the 0.99 / 0.95 it aims at.
//!
//! Worst kinds (recall, percent): SNMP community strings and UPI handles
//! 2.5; advertising ids, Apple UDIDs, biometric templates, PIS/PASEP,
//! GPX tracks, GSTIN, IPMI passwords, Iranian national codes, Japanese
//! residence cards, OAuth codes, PKCE verifiers, Redis `AUTH` frames,
//! salaries next to a name and US EINs 5.0 (found only where the whole
//! value sits in a credential slot: a JWT or a Postman `apikey` entry);
//! PhilSys numbers 15.0; Ethereum keystores 17.5. Best: Netlify and
//! RADIUS 92.5, Render and SIP URIs 90.0.
//!
//! Worst shapes (recall, percent): fullwidth values (in chat or a form)
//! and journald messages written as byte arrays 0; zero-width characters
//! inside a value in chat 7.1; Slack mrkdwn blocks 14.5; Windows event
//! XML `<Data Name=...>` 15.9; PHP `serialize()` 18.3; SQL `COPY ... FROM
//! stdin` 18.8; BigQuery rows (name in the schema, value in `f`/`v`)
//! 20.0; Cyrillic look-alike labels 20.8; iCalendar folded at 75 octets
//! 24.6; LLM tool results 31.0; namespaced XML 33.3; an Elasticsearch
//! document's message 34.5; OTLP log bodies 41.4; zero-width characters
//! in a labelled value 41.8. The two credential slots (a JWT's claims,
//! Postman `apikey` auth) were at 100; `set -x` traces 68.1.
//!
//! Near-misses lost: a JVM `-Djavax.net.ssl.keyStore=` path 100% of the
//! time (the key word `keyStore`), a FreeRADIUS `client` block without a
//! secret 95%, a `sip:voicemail@...` service URI 85% (pseudonymised as an
//! e-mail), a Twilio account SID 75% (`accountSid` read as a session
//! id), a Vault token accessor 55% (high entropy), and one in twenty of
//! a few others (a failing Egyptian national id, a preferences cookie, a
//! DER certificate).
//!
//! Two corpus bugs were fixed before this baseline was taken: the JWT
//! shape is a credential slot (a near-miss inside a bearer token is
//! rightly scrubbed with it), and one near-miss label (`version`)
//! collided with a key of the DynamoDB item and was overwritten. Near-
//! misses carry host names, not IP addresses (which the default policy
//! treats as personal data).
//!
//! # What leaks, by class
//!
//! - Text not folded before matching: fullwidth forms (`ｒｕｂｙｇｅｍｓ_…`)
//!   pass every detector, vendor prefixes included (0%); zero-width
//!   characters inside a value (`FlyV\u{200d}1 fm2_…`) pass most of them
//!   (7% found in chat, 42% with a label before it).
//! - Encodings never decoded: journald's `MESSAGE` as an array of bytes;
//!   iCalendar lines folded at 75 octets (only the part before the fold
//!   is redacted).
//! - A name and its value apart: BigQuery (schema names, `f`/`v` rows),
//!   SQL `COPY` (column list, then tab-separated rows), CEF
//!   `cs1Label=`/`cs1=`, Windows `<Data Name="X">value</Data>`, PHP
//!   `s:N:"key";s:M:"value";`, Slack mrkdwn (`*label:*`, then the value
//!   in backticks).
//! - Labels written with Cyrillic look-alikes (`раssword`).
//! - A value's end guessed at punctuation in text: a Django key cut at
//!   `)` or `&` leaves its tail (more than 16 characters) behind.
//! - Label words and formats it does not know: identifiers of Indonesia,
//!   Viet Nam, the Philippines, Nigeria, Iran, India (GSTIN, EPIC),
//!   Brazil (PIS), Japan (residence card), US EIN and MBI; UPI handles
//!   (no TLD, so no e-mail); advertising ids and UDIDs; OAuth `code=` in a
//!   callback URL and PKCE `code_verifier`.
//! - Credentials given by a tool's own flag or frame: `snmpwalk -c`,
//!   `snmp-server community`, `ipmitool -P`, Redis `AUTH` as RESP.
//! - Personal data with no number in it: a name next to a salary or a
//!   diagnosis in prose, addresses with postcodes, GPX `lat`/`lon`.
//! - Encrypted or hashed secrets: Ethereum keystore `ciphertext`/`mac`,
//!   BIP38 keys, keytabs, SCRAM verifiers, MySQL `*` hashes, Maven
//!   `{…}` passwords, biometric templates.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use reprise_sanitizer::{Sanitizer, Verifier};

#[path = "red_team_5/decode.rs"]
mod decode;
#[path = "red_team_5/gen.rs"]
mod r#gen;
#[path = "red_team_5/kinds.rs"]
mod kinds;
#[path = "scoring/mod.rs"]
mod scoring;
#[path = "red_team_5/shapes.rs"]
mod shapes;

use scoring::{Row, disagrees, hint, scrub};

const SEED: u64 = 0x5EED_F1F7_5555;
const SAMPLES_PER_KIND: usize = 40;
const BENIGN_PER_KIND: usize = 20;

/// What this corpus commits to. The targets are recall 0.99 and keep
/// 0.95 (the issue's); the test holds the measured baseline (floored to
/// two decimals) as a guard: raise these to the targets as the misses
/// listed above are fixed. First fixes, on main: fullwidth and zero-width
/// text read as the ASCII it looks like, a pair's name member never taken
/// for a random value, secrets given by a tool's own flag: recall 46.91%
/// -> 50.85%, keep 93.75% -> 93.46%.
const MIN_RECALL: f64 = 0.50;
const MIN_KEEP: f64 = 0.93;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"fifth red team key 89ab", "red-team-5")
}

fn print_table(title: &str, rows: &BTreeMap<String, Row>, what: &str) {
    println!("\n{title}");
    for (name, row) in rows {
        let rate = 1.0 - row.failed as f64 / row.total.max(1) as f64;
        let mark = if row.failed > 0 { "  <--" } else { "" };
        println!(
            "  {name:<40} {:>7.2}% {what} ({} of {}){mark}",
            rate * 100.0,
            row.total - row.failed,
            row.total
        );
    }
}

#[test]
fn red_team_5_recall_and_keep() {
    let samples: usize = std::env::var("RED_TEAM_5_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SAMPLES_PER_KIND);
    let dump = std::env::var("RED_TEAM_5_DUMP").ok();
    let mut dumped = String::new();
    let s = sanitizer();
    let verifier = Verifier::new().expect("the verifier builds");
    let mut rng = StdRng::seed_from_u64(SEED);
    let kinds = kinds::all();
    let shapes = shapes::all();
    let (mut by_kind, mut by_shape, mut by_benign) = (
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
    );
    let mut disagreements = Vec::new();

    for kind in &kinds {
        let mut fitting: Vec<&shapes::Shape> = shapes
            .iter()
            .filter(|sh| sh.context || kind.self_identifying)
            .collect();
        fitting.shuffle(&mut rng);
        for i in 0..samples {
            let shape = fitting[i % fitting.len()];
            let secret = (kind.generate)(&mut rng);
            let label = kind.labels[i % kind.labels.len()];
            let payload = (shape.build)(&mut rng, label, &secret.text);
            let Some((out, report)) = scrub(&s, &payload) else {
                by_kind
                    .entry(kind.name.into())
                    .or_default()
                    .add(false, || format!("{}: panicked", kind.name));
                continue;
            };
            let vs: Vec<String> = decode::views(&out)
                .iter()
                .map(|v| v.to_lowercase())
                .collect();
            let st: Vec<String> = vs.iter().map(|v| scoring::strip(v)).collect();
            let leaked = secret.hide.iter().find(|x| scoring::leaks(x, &vs, &st));
            let ok = leaked.is_none();
            let ex = || {
                format!(
                    "{} in {} under '{label}': {}",
                    kind.name,
                    shape.name,
                    leaked.map(|l| hint(l)).unwrap_or_default()
                )
            };
            by_kind.entry(kind.name.into()).or_default().add(ok, ex);
            by_shape.entry(shape.name.into()).or_default().add(ok, ex);
            if !ok && dump.is_some() {
                dumped += &format!(
                    "== {} / {} / {label}\nIN:  {payload}\nOUT: {out}\n",
                    kind.name, shape.name
                );
            }
            if let Some(d) = disagrees(&verifier, &out, &report) {
                disagreements.push(format!("{} in {}: {d}", kind.name, shape.name));
                if dump.is_some() {
                    dumped += &format!(
                        "== disagreement {} / {} / {label}: {d}\nIN:  {payload}\nOUT: {out}\n",
                        kind.name, shape.name
                    );
                }
            }
        }
    }

    let benign_shapes: Vec<&shapes::Shape> =
        shapes.iter().filter(|sh| !sh.credential_slot).collect();
    let mut keep_total = (0usize, 0usize);
    for (ki, kind) in kinds.iter().enumerate() {
        for i in 0..BENIGN_PER_KIND {
            let shape = benign_shapes[(ki + i * 7) % benign_shapes.len()];
            let value = (kind.near)(&mut rng);
            let payload = (shape.build)(&mut rng, kind.near_label, &value);
            let ok = match scrub(&s, &payload) {
                Some((out, _)) => {
                    let vs = decode::views(&out);
                    // Line-oriented shapes write a value's line breaks
                    // as spaces: the value is kept if that form is.
                    let forms = [
                        value.clone(),
                        value.replace("\r\n", "\n"),
                        value.replace("\r\n", " ").replace('\n', " "),
                    ];
                    let kept = vs
                        .iter()
                        .any(|v| forms.iter().any(|f| v.contains(f.as_str())));
                    if !kept && dump.is_some() {
                        dumped += &format!(
                            "== benign {} / {}\nIN:  {payload}\nOUT: {out}\n",
                            kind.name, shape.name
                        );
                    }
                    kept
                }
                None => false,
            };
            keep_total.0 += 1;
            keep_total.1 += usize::from(!ok);
            by_benign
                .entry(format!("near {}", kind.name))
                .or_default()
                .add(ok, || {
                    format!(
                        "near {} in {}: lost {}",
                        kind.name,
                        shape.name,
                        hint(&value)
                    )
                });
        }
    }
    if let Some(path) = dump {
        std::fs::write(path, dumped).expect("the dump is writable");
    }

    print_table("recall per kind", &by_kind, "recall");
    print_table("recall per shape", &by_shape, "recall");
    print_table("keep per benign kind", &by_benign, "keep");
    println!("\nfirst leaks:");
    for row in by_kind.values() {
        row.examples.iter().for_each(|e| println!("  {e}"));
    }
    println!("first losses:");
    for row in by_benign.values() {
        row.examples.iter().for_each(|e| println!("  {e}"));
    }
    let total: usize = by_kind.values().map(|r| r.total).sum();
    let failed: usize = by_kind.values().map(|r| r.failed).sum();
    let recall = 1.0 - failed as f64 / total as f64;
    let keep = 1.0 - keep_total.1 as f64 / keep_total.0.max(1) as f64;
    println!("verify disagreements: {}", disagreements.len());
    disagreements
        .iter()
        .take(10)
        .for_each(|d| println!("  {d}"));
    println!(
        "TOTAL recall {:.2}% ({failed} of {total} leaked), keep {:.2}% ({} of {} lost)",
        recall * 100.0,
        keep * 100.0,
        keep_total.1,
        keep_total.0
    );
    assert!(kinds.len() >= 50 && shapes.len() >= 25);
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
    assert!(keep >= MIN_KEEP, "keep {keep:.4} < {MIN_KEEP}");
    assert!(
        disagreements.is_empty(),
        "{} verify disagreements",
        disagreements.len()
    );
}
