//! A third adversarial corpus for the sanitizer, written before reading
//! its rules and apart from `tests/corpus.rs` and `tests/red_team.rs`:
//! other credential formats (docker `auths`, kubeconfig key data, PuTTY
//! and bare PKCS#8/PKCS#12 DER in base64, crypt hashes, `otpauth://` URIs,
//! Azure SAS and Service Bus strings, a dozen vendor prefixes), other
//! countries' identifiers with valid check digits (CPR, CNP, rodné číslo,
//! RRN, CURP, RUT, TC Kimlik, NRIC, TFN, PPSN, NIF, CUIT, Teudat Zehut, My
//! Number, AHV, NPI, DEA, ICCID), passport MRZ lines, driving licences,
//! LDAP DNs of people, names, addresses and birth dates in several
//! languages; planted in files and wire formats held in strings (YAML,
//! TOML, `.env`, `.properties`, raw HTTP, multipart, gRPC-web text frames,
//! syslog, CSV, SQL, shell history, tracebacks, SOAP, SAML, JSON Patch,
//! Loki pushes, ...).
//!
//! Generation is deterministic (a fixed seed). Each kind
//! (`red_team_3/kinds.rs`) goes into every shape (`red_team_3/shapes.rs`)
//! that names it, and, when recognisable on its own, also into neutral
//! ones. Each kind has a benign near-miss (a public key beside a private
//! one, a certificate beside a keystore, a failing check digit, a
//! service account's DN beside a person's) planted under a neutral label.
//! Leak and keep are defined as in `tests/red_team.rs`
//! (`scoring/mod.rs`); `verify(scrub(x))` must find nothing.
//!
//! `cargo test -p reprise-sanitizer --release --test red_team_3 -- --nocapture`
//! prints recall per kind and shape, keep per near-miss kind, and the
//! first leaks (four characters of each value at most).
//! `RED_TEAM_3_SAMPLES=N` sets the samples per kind (default 40);
//! `RED_TEAM_3_DUMP=path` writes every failing input and output there.
//!
//! # Baseline and what moved
//!
//! On main before the fixes (95db4a1), the default rules reached recall
//! **65.61%** (839 of 2440 leaked) and keep **98.36%**; after them, recall
//! **99.88%** (3 leaked) and keep 98.36% (99.79% and 99.18% with 150
//! samples per kind). Every shape was between 37% (SAML attributes) and 74%
//! recall and is now at 100%, but chat turns (96.4%). Recall per kind, in
//! percent, where it was below 100 (baseline, now):
//!
//! | kind | baseline | now |
//! |---|---|---|
//! | chilean rut | 2.5 | 100.0 |
//! | czech rodne cislo | 2.5 | 100.0 |
//! | eu driving licence | 2.5 | 100.0 |
//! | ldap dn of a person | 2.5 | 100.0 |
//! | passport mrz (td3) | 2.5 | 100.0 |
//! | turkish tc kimlik | 2.5 | 100.0 |
//! | us dea number | 2.5 | 100.0 |
//! | us npi | 2.5 | 100.0 |
//! | argentine cuit | 5.0 | 100.0 |
//! | irish ppsn | 5.0 | 100.0 |
//! | israeli id | 5.0 | 100.0 |
//! | romanian cnp | 5.0 | 100.0 |
//! | putty private key | 7.5 | 100.0 |
//! | pgpass line | 25.0 | 100.0 |
//! | swiss ahv number | 25.0 | 100.0 |
//! | uk driving licence | 32.5 | 100.0 |
//! | pkcs12 keystore (base64) | 37.5 | 100.0 |
//! | portuguese nif | 42.5 | 100.0 |
//! | japanese my number | 45.0 | 100.0 |
//! | danish cpr | 50.0 | 100.0 |
//! | password hash (crypt) | 50.0 | 100.0 |
//! | okta ssws token | 62.5 | 100.0 |
//! | person name (several scripts) | 62.5 | 97.5 |
//! | us driver license | 62.5 | 100.0 |
//! | pkcs8 der key (base64) | 75.0 | 100.0 |
//! | mexican curp | 77.5 | 100.0 |
//! | plaid access token | 77.5 | 100.0 |
//! | singapore nric | 80.0 | 100.0 |
//! | date of birth (several formats) | 82.5 | 100.0 |
//! | docker config auth | 82.5 | 97.5 |
//! | gcp private_key_id | 82.5 | 100.0 |
//! | kubeadm bootstrap token | 82.5 | 100.0 |
//! | postal address (eu) | 82.5 | 97.5 |
//! | datadog api key | 87.5 | 100.0 |
//! | imsi | 87.5 | 100.0 |
//! | australian tfn | 90.0 | 100.0 |
//! | new relic license key | 90.0 | 100.0 |
//! | korean rrn | 92.5 | 100.0 |
//! | azure sas url | 97.5 | 100.0 |
//! | azure service bus connection | 97.5 | 100.0 |
//! | kubeconfig client-key-data | 97.5 | 100.0 |
//! | otpauth uri | 97.5 | 100.0 |
//!
//! The fixes, by class: key words for more countries' identifiers,
//! driving licences, MRZ, provider ids and keystores; values named by
//! their container (a SAML-style `Name=` attribute and its child element,
//! a multipart part, a JSON Patch path, a protobuf map entry's key); the
//! `id-document` (MRZ, CURP, AHV check digits) and `ldap-person` detectors;
//! vendor entries (password hashes, PuTTY keys, bare DER private keys and
//! keystores by their version field, New Relic, Plaid), the `SSWS` scheme;
//! `.properties` escapes (`\=`, `\:`), MRZ and DN escapes, a label ending
//! in `identifier`, base64 glued to a diff's `+`.
//!
//! Two corpus bugs were fixed before the baseline was taken (a Loki line
//! rewrote spaces, and near-misses went into `Set-Cookie`, where any value
//! is a session); the Mapbox near-miss was first planted under a label
//! holding `token`, which any scrubber rightly takes, and now goes under
//! `map style`.
//!
//! The three last leaks were in chat turns: a personal value given in
//! prose after a label and `is` (`my anschrift is Lindenweg 44, 81363
//! München`, `my nom complet is Zoë Dubois`), where only a
//! credential-looking value was taken so that sentences stay, and a value
//! after a label of several words whose key word comes first (`my docker
//! auth config is c3Zj...`). A personal value in prose is now read as what
//! its label names (a name's capitalised words, an address's or a date's
//! clause) and a label may run to its verb (`the api key for staging
//! is`): recall **100%** (0 leaked), keep 98.36% (99.93% and 99.18% with
//! 150 samples per kind, where `display name`, which is no key word in
//! text, still leaks six times).
//!
//! What still leaks, and why (see also the crate docs): with 150 samples,
//! a name under `display name` in text. What is lost of the near-misses is inherent to
//! check digits: one number in ten passes another country's check
//! (a CPR-shaped date-and-four-digits that is a valid Swedish
//! personnummer, a 15-digit order number that is a valid IMEI, a
//! TFN-shaped number that is a valid Canadian SIN, 11 digits that are a
//! valid German tax id), and an ed25519 public key after the words
//! `public key` in text is taken as a high-entropy value after `key`.

use reprise_sanitizer::Sanitizer;

#[path = "red_team_3/gen.rs"]
mod r#gen;
#[path = "red_team_3/kinds.rs"]
mod kinds;
#[path = "scoring/mod.rs"]
mod scoring;
#[path = "red_team_3/shapes.rs"]
mod shapes;

use scoring::corpus::{self, Corpus};

const SEED: u64 = 0x3A_D7EA_3333;
const SAMPLES_PER_KIND: usize = 40;
const BENIGN_PER_KIND: usize = 20;

/// What this corpus commits to (reached: 1.0 and 0.9836 by default,
/// 0.9993 and 0.9918 with 150 samples per kind).
const MIN_RECALL: f64 = 0.995;
const MIN_KEEP: f64 = 0.98;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"third red team key 0123", "red-team-3")
}

#[test]
fn red_team_3_recall_and_keep() {
    let kinds = kinds::all();
    let shapes = shapes::all();
    assert!(kinds.len() >= 40 && shapes.len() >= 15);
    let score = corpus::run(&Corpus {
        name: "red_team_3",
        seed: SEED,
        samples_per_kind: SAMPLES_PER_KIND,
        benign_per_kind: BENIGN_PER_KIND,
        kinds,
        shapes,
        benign_shape: shapes::benign_ok,
        views: scoring::views,
        sanitizer: sanitizer(),
    });
    score.assert_at_least(MIN_RECALL, MIN_KEEP);
}
