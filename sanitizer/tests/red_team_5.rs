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
//! # What leaked at the baseline, by class
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
//!
//! # Fixed, by class (2026-12-07)
//!
//! Each class was fixed in the sanitizer for the class, with its own
//! tests (`tests/personal_data.rs`, `secret_formats.rs`,
//! `national_ids.rs`, `named_apart.rs`, `wire_shapes.rs`), not for this
//! corpus's strings:
//!
//! - encodings read through: journald byte arrays, iCalendar and vCard
//!   folding, mrkdwn marks, PHP `serialize()`, Redis RESP frames,
//!   Cyrillic and Greek look-alike letters in a Latin word;
//! - values apart from their names: query results by column (BigQuery,
//!   Trino, ClickHouse, Athena), typed wrappers (DynamoDB, Firestore,
//!   Avro), `COPY ... FROM stdin` and mysqldump rows, XML elements named by
//!   an attribute, CEF labels and LEEF fields, LDIF and `.env` lines;
//! - national identifiers of 19 more kinds by label and check digit,
//!   short labels (`CI`, `IC`, `EIN`, `NIK`, `nas`) taking only a value
//!   that passes;
//! - secrets by format (BIP38, keytabs, SCRAM, MySQL and Maven hashes,
//!   Ethereum keystores, biometric templates, recovery codes) and more
//!   vendors; value ends that keep a secret's punctuation;
//! - personal data with no number: postal addresses (US, UK), GPS
//!   coordinates, a name next to a salary or a diagnosis, UPI handles,
//!   advertising and device ids by label;
//! - near-misses kept: a file path under a key word, SIP service URIs,
//!   Twilio SIDs, Vault accessors.
//!
//! With all of them: recall **99.49%** (14 of 2720 leaked), keep
//! **97.79%** (30 of 1360 lost), 0 verify disagreements. The four
//! corpora before this one did not move (red_team_4's recall 99.78%).

use reprise_sanitizer::Sanitizer;

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

use scoring::corpus::{self, Corpus};

const SEED: u64 = 0x5EED_F1F7_5555;
const SAMPLES_PER_KIND: usize = 40;
const BENIGN_PER_KIND: usize = 20;

/// What this corpus commits to: the targets, recall 0.99 and keep
/// 0.95 (reached: 0.9949 and 0.9779). The first fixes on main (fullwidth
/// and zero-width text read as the ASCII it looks like, a pair's name
/// member never taken for a random value, secrets given by a tool's own
/// flag) took recall from 46.91% to 50.85%; the five branches of
/// 2026-12-07 (see "Fixed, by class" above) took it to 99.49%.
const MIN_RECALL: f64 = 0.99;
const MIN_KEEP: f64 = 0.97;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"fifth red team key 89ab", "red-team-5")
}

#[test]
fn red_team_5_recall_and_keep() {
    let kinds = kinds::all();
    let shapes = shapes::all();
    assert!(kinds.len() >= 50 && shapes.len() >= 25);
    let score = corpus::run(&Corpus {
        name: "red_team_5",
        seed: SEED,
        samples_per_kind: SAMPLES_PER_KIND,
        benign_per_kind: BENIGN_PER_KIND,
        kinds,
        shapes,
        benign_shape: |sh| !sh.credential_slot,
        views: decode::views,
        sanitizer: sanitizer(),
    });
    score.assert_at_least(MIN_RECALL, MIN_KEEP);
}
