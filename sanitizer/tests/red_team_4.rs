//! A fourth adversarial corpus for the sanitizer, written before reading
//! its rules and apart from `tests/corpus.rs`, `tests/red_team.rs` and
//! `tests/red_team_3.rs`: the encodings a real transcript carries (JSON
//! `\u` escapes, HTML entities, quoted-printable, base64url without
//! padding, MIME base64 at 76 columns, `hexdump -C`, hex with colons,
//! UTF-16 hex in a `.reg` export, double percent-encoding, JS-escaped
//! page state), files and protocols that hold values their own way (YAML
//! block and folded scalars, heredocs, `.properties` continuation lines,
//! nginx, systemd, Dockerfiles, GitHub Actions, LDIF `::`, MongoDB shell,
//! `redis-cli MONITOR`, SMTP `AUTH`, IMAP `LOGIN`, `Proxy-Authorization`,
//! PowerShell `ConvertTo-SecureString`, socket.io frames, protobuf bytes,
//! Ansible inventories, Terraform plans, notebooks, quoted replies);
//! identifiers of other countries with valid check digits (SVNR,
//! isikukood, EGN, OIB, JMBG, AMKA, kennitala, HKID, Taiwanese and Thai
//! ids, IRD, Medicare, SNILS, INN, Emirates ID, cédula, CNPJ, CLABE, VAT,
//! NIP, dowód, Personalausweis, NUSS, UTR, personas kods); message
//! families holding customer data (ISO 8583 with track 2 and PIN block,
//! DICOM patient tags, IATA boarding passes, NACHA, pain.001, call detail
//! records); and credentials the earlier corpora do not hold (GitHub user
//! and refresh tokens, Tailscale, Sentry, Supabase, Replicate, LangSmith,
//! 1Password, Square, Contentful, Dropbox, Azure AD secrets, AWS session
//! tokens, Brevo, NTLM hashes, Cisco type 7, Wi-Fi keys, non-Latin
//! passwords, PINs, Solana keys, webhook keys in URL paths).
//!
//! Generation is deterministic (a fixed seed). Each kind
//! (`red_team_4/kinds.rs`, `red_team_4/ids.rs`) goes into every shape
//! (`red_team_4/shapes.rs`) that carries a label, and, when recognisable
//! on its own, also into neutral ones. Each kind has a benign near-miss
//! (a failing check digit, a public key or address, a BIC, a DICOM UID, a
//! file hash, a documented test card, an ISBN, a SKU shaped like a number
//! plate) planted under a neutral label, never in a credential slot.
//! Leak and keep are defined as in `tests/red_team.rs` (`scoring/mod.rs`),
//! with the views also decoded from the encodings above
//! (`red_team_4/decode.rs`); `verify(scrub(x))` must find nothing.
//!
//! `cargo test -p reprise-sanitizer --release --test red_team_4 -- --nocapture`
//! prints recall per kind and shape, keep per near-miss kind, and the
//! first leaks (four characters of each value at most).
//! `RED_TEAM_4_SAMPLES=N` sets the samples per kind (default 40);
//! `RED_TEAM_4_DUMP=path` writes every failing input and output there.
//!
//! # Baseline
//!
//! On `red-team-4` before any fix (a8bd09a, main of 2026-12-07), the
//! default rules reached recall **36.05%** (1458 of 2280 leaked) and keep
//! **93.86%** (70 of 1140 lost), with 0 verify disagreements.
//!
//! Worst kinds (recall, percent): DICOM patient tags, Emirates ID, home
//! coordinates, HKID, NACHA file, NTLM hash, obfuscated e-mail, pain.001,
//! Polish id card, SNILS and webhook path keys 5.0; Cisco type 7, NIP and
//! NUSS 7.5; ISO 8583 15.0; JMBG 17.5; kennitala, UTR and security answers
//! 20.0; BCBP, Brevo, IRD and Taiwanese ids 22.5. Best: Square 82.5,
//! Azure AD secret and Replicate 80.0.
//!
//! Worst shapes (recall, percent): `.properties` continuation, hex with
//! colons, `hexdump -C` (labelled or not), HTML entities and MIME and
//! quoted-printable text without a label 0; labelled hexdump 1.6; MIME
//! base64 attachment 9.8; base64url state 19.4; `.reg` export 23.0; Terraform
//! plan, Jupyter source, quoted reply, XML CDATA, PowerShell and IMAP
//! 22–25. SMTP `AUTH` and `Proxy-Authorization` were at 100.
//!
//! Near-misses lost: Tailscale node keys (public) 95% of the time,
//! Brevo message ids 80%, documented test cards 85%, and one in ten or
//! twenty for a handful of failing-check numbers.
//!
//! One corpus bug was fixed after the baseline: the boarding passes put a
//! space too many before the flight number, so no real BCBP reader could
//! have parsed them.
//!
//! # After the fixes
//!
//! The national, tax and bank identifiers (the `id_kind!` rows, marked
//! "lead" below) were fixed on the lead's branch (their names in their
//! own languages, `tests/id_names.rs`, and the Emirates ID, SNILS and
//! HKID check digits); this branch fixed the rest (alone it reached
//! 70.13%, 93.52% on its 32 kinds). Merged, on main: recall **92.63%**
//! (168 of 2280 leaked), keep **93.25%** (77 of 1140 lost; card numbers
//! are no longer read in digits written in pairs, which a hex dump's bytes
//! are), 0 verify disagreements. The test holds these figures (recall
//! 0.92, keep 0.93), short of the 0.99 / 0.95 this corpus aims at: what
//! still leaks is listed below. Recall per kind that moved, in percent
//! (baseline, now):
//!
//! | kind | baseline | now |
//! |---|---|---|
//! | dicom patient tags | 5.0 | 97.5 |
//! | emirates id (lead) | 5.0 | 100.0 |
//! | home gps coordinates | 5.0 | 85.0 |
//! | hong kong hkid (lead) | 5.0 | 100.0 |
//! | nacha ach file | 5.0 | 45.0 |
//! | ntlm hash (secretsdump) | 5.0 | 100.0 |
//! | obfuscated email | 5.0 | 50.0 |
//! | pain.001 credit transfer | 5.0 | 97.5 |
//! | polish id card (lead) | 5.0 | 90.0 |
//! | russian snils (lead) | 5.0 | 100.0 |
//! | webhook url with key in path | 5.0 | 100.0 |
//! | cisco type 7 password | 7.5 | 100.0 |
//! | polish nip (lead) | 7.5 | 97.5 |
//! | spanish nuss (lead) | 7.5 | 62.5 |
//! | iso 8583 dump (pan, track 2, pin block) | 15.0 | 100.0 |
//! | jmbg / emšo (lead) | 17.5 | 92.5 |
//! | icelandic kennitala (lead) | 20.0 | 77.5 |
//! | security answer | 20.0 | 95.0 |
//! | uk utr (lead) | 20.0 | 97.5 |
//! | brevo api key | 22.5 | 100.0 |
//! | iata boarding pass (bcbp) | 22.5 | 97.5 |
//! | nz ird number (lead) | 22.5 | 70.0 |
//! | taiwan national id (lead) | 22.5 | 95.0 |
//! | greek amka (lead) | 25.0 | 95.0 |
//! | austrian svnr (lead) | 27.5 | 95.0 |
//! | eu vat number (lead) | 27.5 | 97.5 |
//! | mexican clabe (lead) | 27.5 | 92.5 |
//! | solana private key | 27.5 | 57.5 |
//! | thai citizen id (lead) | 27.5 | 97.5 |
//! | bulgarian egn (lead) | 30.0 | 97.5 |
//! | latvian personas kods (lead) | 30.0 | 65.0 |
//! | number plate | 30.0 | 92.5 |
//! | russian inn (personal) (lead) | 30.0 | 92.5 |
//! | email (idn, plus-tag, quoted) | 35.0 | 95.0 |
//! | german id card number (lead) | 35.0 | 97.5 |
//! | aws session token | 37.5 | 100.0 |
//! | wifi psk | 42.5 | 95.0 |
//! | ecuadorian cedula (lead) | 45.0 | 95.0 |
//! | github user/refresh token | 45.0 | 100.0 |
//! | croatian oib (lead) | 52.5 | 97.5 |
//! | password (non-latin) | 52.5 | 92.5 |
//! | pin | 55.0 | 95.0 |
//! | au medicare number (lead) | 60.0 | 90.0 |
//! | estonian isikukood (lead) | 62.5 | 92.5 |
//! | call detail record | 65.0 | 97.5 |
//! | contentful pat | 72.5 | 100.0 |
//! | dropbox short-lived token | 72.5 | 100.0 |
//! | phone (pl/nl/it/es/pt/se/at) | 72.5 | 100.0 |
//! | sentry auth token | 72.5 | 100.0 |
//! | 1password service account token | 75.0 | 100.0 |
//! | langsmith key | 75.0 | 100.0 |
//! | supabase access token | 77.5 | 100.0 |
//! | tailscale key | 77.5 | 100.0 |
//! | azure ad client secret | 80.0 | 100.0 |
//! | replicate token | 80.0 | 100.0 |
//! | square token | 82.5 | 100.0 |
//! | brazilian cnpj (lead) | 87.5 | 100.0 |
//!
//! The fixes, by class (see the crate docs): text that escapes other text
//! one character at a time is read as a decoded view with a map back
//! (HTML character references, quoted-printable, `\u`/`\x` escapes,
//! backslash-continued lines: `scrub/views.rs`); encoded blocks are read
//! whole and written back in their own form (`hexdump -C`, hex with a
//! separator as UTF-8 or UTF-16LE, base64 wrapped over lines, base64 of
//! JSON inside text: `scrub/blocks.rs`); records that say what a field is by
//! where it stands (DICOM patient tags, NACHA entries, IATA boarding
//! passes, ISO 20022 parties: `scrub/records.rs`); values after dot leaders,
//! YAML block scalars, CDATA, a plan's `"old" -> "new"`, subscripted names
//! (`os.environ["X"] = ...`), IMAP `LOGIN` and `ConvertTo-SecureString`;
//! a card after a length prefix and track 2 with `D`; vendor entries (AWS
//! session tokens, Brevo, IFTTT/Zapier/Mattermost/Rocket.Chat hooks, NTLM
//! hashes, Cisco type 7, GitHub refresh tokens of 76 characters, 1Password
//! tokens in base64url, Solana keypairs on the token runs); internationalised,
//! quoted and `[at]`-obfuscated e-mails; key words for Wi-Fi keys, security
//! answers, PINs in German, non-Latin passwords, home coordinates, number
//! plates, phones in more languages, booking references. Two verify
//! disagreements the corpus found were fixed at their class: a prefixed
//! token (`ops_eyJ...`) read as base64 of bytes as a whole, and a block
//! of base64 JSON read both whole and by the detectors' look into base64.
//!
//! # The shapes
//!
//! Then the shapes that still leaked were fixed by class (branch
//! `rt4-shapes`): a value set apart on the line below its label (`here is
//! the X you asked for:`, a blank line, the value) and quoted e-mail
//! lines read without their `>` marks (`scrub/views.rs`); blocks named by
//! the label written beside them, a `.reg` file's `"Name"=hex(2):...`
//! (UTF-16LE, multi-strings, continued lines written back alike) and an
//! LDIF `name:: base64` (folded), scrubbed as that member's value
//! (`scrub/blocks.rs`); a value a shell command writes to a file named
//! for it (`echo "x" > /run/secrets/db_password`, `printf | tee`:
//! `scrub/redirects.rs`) and a Dockerfile's `ENV NAME value with spaces`;
//! a socket.io packet's JSON after its `42`; NACHA records of a file
//! joined into one line (found by the header's `094101`, every 94
//! columns or after any separator). Two near-miss losses went with them: a
//! `=` of base64 padding at a line's end read as a quoted-printable soft
//! break, and a key word ending a sentence naming the next label (`des
//! Kontos. job: x`). Recall **96.27%** (85 of 2280 leaked), keep **93.68%**
//! (72 of 1140 lost), 0 verify disagreements. Recall per shape that moved,
//! in percent (before, after):
//!
//! | shape | before | after |
//! |---|---|---|
//! | quoted e-mail reply | 46.2 | 90.8 |
//! | .reg export (utf-16 hex) | 70.5 | 95.1 |
//! | dockerfile ENV/ARG | 75.8 | 98.4 |
//! | ldif base64 attribute | 88.3 | 96.7 |
//! | socket.io message (no label) | 88.5 | 96.2 |
//! | llm turn with .env fence | 91.4 | 93.1 |
//! | ansible inventory vars | 93.5 | 95.2 |
//! | curl header/form | 93.8 | 95.3 |
//! | .properties continuation | 93.3 | 95.0 |
//! | mongo shell | 95.2 | 96.8 |
//! | socket.io frame | 95.0 | 96.7 |
//! | script state, js-escaped | 95.0 | 96.7 |
//! | redis monitor | 98.3 | 100.0 |
//!
//! NACHA files went from 45% to 100%, DICOM tags, boarding passes,
//! pain.001 and call records inside LDIF to 100%.
//!
//! # What still leaks
//!
//! With both branches of the second round merged (the kinds: short labels
//! checked by their identifier's check digits, e-mails in words, byte-array
//! keypairs, public node keys, message ids; the shapes: quoted e-mail
//! lines, values below their label, `.reg` and LDIF blocks read as their
//! member's value, Dockerfile `ENV`, joined NACHA files), on main: recall
//! **99.78%** (5 of 2280 leaked), keep **97.72%** (26 of 1140 lost), 0
//! verify disagreements; the test holds 0.99 and 0.97. The five leaks are
//! all in the quoted e-mail reply (a label of several words, or a short
//! label, on the line before its value: `cedula de identidad`, `kt.`,
//! `p.k.`, `clé wpa`). Near-misses lost: documented test card numbers
//! (20: taken like any card on purpose, a reader cannot tell them from a
//! leak) and one each of AMKA, kennitala, IRD, PIN, NUSS and a webhook
//! URL that another country's check digits or a detector match by chance.
//!

use reprise_sanitizer::Sanitizer;

#[path = "red_team_4/decode.rs"]
mod decode;
#[path = "red_team_4/gen.rs"]
mod r#gen;
#[path = "red_team_4/ids.rs"]
mod ids;
#[path = "red_team_4/kinds.rs"]
mod kinds;
#[path = "scoring/mod.rs"]
mod scoring;
#[path = "red_team_4/shapes.rs"]
mod shapes;

use scoring::corpus::{self, Corpus};

const SEED: u64 = 0x4EA_D7EA_4444;
const SAMPLES_PER_KIND: usize = 40;
const BENIGN_PER_KIND: usize = 20;

/// What this corpus commits to: the recall 0.99, and keep 0.97
/// (above the 0.95; the default rules reach 0.9978 and 0.9772).
const MIN_RECALL: f64 = 0.99;
const MIN_KEEP: f64 = 0.97;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"fourth red team key 4567", "red-team-4")
}

#[test]
fn red_team_4_recall_and_keep() {
    let kinds = kinds::all();
    let shapes = shapes::all();
    assert!(kinds.len() >= 40 && shapes.len() >= 20);
    let score = corpus::run(&Corpus {
        name: "red_team_4",
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
