//! A sixth adversarial corpus for the sanitizer, written without reading
//! its rules or source and apart from the five before it
//! (`tests/corpus.rs`, `tests/red_team.rs`, `tests/red_team_3.rs`,
//! `tests/red_team_4.rs`, `tests/red_team_5.rs`): only their kind and
//! shape names were read (and `red_team_5`'s structure and scoring), so as
//! not to repeat them. It holds credentials those corpora do not (CI
//! systems: Buildkite, CircleCI, GitLab job, runner and trigger tokens,
//! Jenkins API tokens and `credentials.xml` secrets, TeamCity; SaaS and
//! observability keys: Dynatrace, LaunchDarkly, Typeform, Prefect,
//! ReadMe, Adafruit IO, PagerDuty routing keys, Webex bots, Amazon MWS,
//! Yandex Cloud; machine tokens of Bitwarden and Infisical, Consul and
//! Nomad ACL tokens; cloud secrets in their own config files: Scaleway
//! `config.yaml`, OCI `~/.oci/config`, Cosmos DB connection strings,
//! Elasticsearch `ApiKey` credentials; database and queue credentials in
//! driver-specific forms: Kafka SASL JAAS, Oracle EZConnect, libpq
//! conninfo, `cqlsh -p`, `clickhouse-client --password`, `mongosh -p`;
//! key passphrases on a command line (`gpg --passphrase`, `ssh-keygen
//! -N`, `openssl -passin pass:`); minisign and signify secret keys, Tink
//! cleartext keysets, private JWKs, Steam Guard `maFile`s; stored
//! passwords of rclone, WinSCP, FileZilla and VNC; Junos `$9$` and Cisco
//! type 8/9 secrets), identifiers of countries they leave out, with the
//! check digits their issuers publish (Mexican RFC, Colombian NIT,
//! Peruvian RUC, Venezuelan RIF, Dominican cédula, Polish REGON,
//! Lithuanian asmens kodas, Hungarian TAJ and tax id, German pension and
//! health insurance numbers, Portuguese Cartão de Cidadão, Kazakh IIN,
//! Ukrainian RNOKPP, British Columbia PHN) or their documented structure
//! (Sri Lankan NIC, EHIC card numbers, USCIS A-numbers), and personal
//! data that is not a number (addresses in Japanese, Cyrillic and Greek
//! script with a name, a prescription, a special-category fact such as a
//! religion or a union membership, or a birth date in words in several
//! languages next to a name).
//!
//! The shapes are wire and storage formats of other services (MessagePack
//! maps as flat arrays, CBOR diagnostic notation, Thrift's JSON protocol,
//! JSON:API, HAL, OData `$filter`, SOAP with WS-Security, XML-RPC,
//! Terraform state, CloudFormation parameters, Consul KV exports, etcd v3
//! responses, SQS message attributes, Pub/Sub push bodies, Fluentd forward
//! entries, GELF, Google Sheets value ranges, `mysqlbinlog -v` row events,
//! bencode), logs (nginx access logs, W3C extended logs naming a header
//! column), dumps of other languages (Ruby `inspect` hashes, Elixir
//! structs, Erlang terms with binaries, Perl `Data::Dumper`, Clojure EDN,
//! Lua tables, PowerShell hashtables, Swift `dump`, Apple plists, Postgres
//! `hstore`, Python bytes `repr`, `strace` string arguments, `.properties`
//! written by `native2ascii`), HTTP as written on the wire (HTTP/1.1
//! chunked bodies, HTTP/2 frames as `nghttp -v` prints them, STOMP frames
//! in SockJS) and encodings (percent-encoding twice, base32, data URLs,
//! JSON text with every character `\u`-escaped).
//!
//! Generation is deterministic (a fixed seed). Each kind
//! (`red_team_6/kinds.rs`) goes into every shape (`red_team_6/shapes.rs`)
//! that carries a label, and, when recognisable on its own, also into
//! neutral ones. Each kind has a benign near-miss (a failing check digit,
//! the public counterpart such as a public JWK or keyset, a minisign
//! public key, an Elasticsearch cloud id or a Login with Amazon client id,
//! the same command reading its secret from a file, or a value only its
//! label tells apart) planted under a neutral label. Leak and keep are
//! defined as in `tests/red_team.rs` (`scoring/mod.rs`), with the views
//! also read through the encodings above (`red_team_6/decode.rs`: `\u`
//! and C escapes, Erlang byte lists, base32, chunked bodies);
//! `verify(scrub(x))` must find nothing.
//!
//! `cargo test -p reprise-sanitizer --release --test red_team_6 -- --nocapture`
//! prints recall per kind and shape, keep per near-miss kind, and the
//! first leaks (four characters of each value at most).
//! `RED_TEAM_6_SAMPLES=N` sets the samples per kind (default 40);
//! `RED_TEAM_6_DUMP=path` writes every failing input and output there.
//! It runs in about 7 s in `--release` and 14 s in a debug build.
//!
//! # Baseline
//!
//! On `redteam6` with the sanitizer of main at 4e4c1d1 (2026-12-07),
//! which had never seen this corpus, the default rules reached recall
//! **44.68%** (1217 of 2200 leaked) and keep **97.82%** (24 of 1100
//! lost), with 0 verify disagreements. 55 kinds, 50 shapes (41 that name
//! the value, 9 neutral).
//!
//! # Fixed, by class (eighth session)
//!
//! Fixed in the sanitizer for each class, with its own tests
//! (`tests/key_material.rs`, `births_and_facts.rs`,
//! `credentials_in_code.rs`, `national_ids_more.rs`,
//! `encodings_more.rs`), not for this corpus's strings: private key
//! material in key formats (JWK private members, Tink key data), more
//! password-hash formats and vendor token formats; a person named beside
//! a birth date written in words (more languages' month names) or a
//! prescription or special-category fact; national identifiers of more
//! countries with their check digits, their labels and several checks per
//! shared label; base32, Erlang and other byte lists, CBOR byte strings,
//! `\x` and octal byte escapes, `data:` URLs and chunked HTTP bodies read
//! through. Recall **75.41%** (541 of 2200 leaked), keep **99.27%** (8
//! of 1100 lost), 0 verify disagreements; the test holds recall 0.75 and
//! keep 0.98.
//!
//! Worst kinds (recall, percent): a birth date in words, a prescription
//! or a special-category fact next to a name, Cyrillic and Greek
//! addresses, private JWKs and Tink keysets 0; Colombian NITs, Kazakh
//! IINs, Mexican RFCs, Peruvian RUCs, Polish REGONs and Ukrainian RNOKPPs
//! 2.5; USCIS A-numbers 5.0; Venezuelan RIFs 15.0; Japanese addresses and
//! Junos/Cisco secrets 20.0; PagerDuty routing keys 22.5; BC PHN,
//! Hungarian TAJ and Sri Lankan NIC 27.5. Best: VNC passwords 92.5,
//! Cosmos DB 90.0, Buildkite and libpq 87.5.
//!
//! Worst shapes (recall, percent): base32 (labelled or not), CBOR byte
//! strings and Erlang binaries as byte lists 0; HTTP/1.1 chunked bodies
//! 10.3 (no label) and 13.0; CBOR diagnostic maps 16.0; Erlang terms 16.7;
//! Apple plists, SOAP name/value elements and W3C logs 23.4-23.9; Thrift
//! JSON 25.0; MessagePack flat maps 25.5; data URLs 29.0 (no label) and
//! 36.0; etcd v3 and `mysqlbinlog -v` 29.2; XML-RPC 32.6; OData `$filter`
//! 32.6. Even the plain-key shapes (Terraform state, GELF, Lua, hstore)
//! are at 57.7-60.9, because a third of the kinds are not known by any label.
//!
//! Near-misses lost: `openssl -passin file:/run/secrets/...` 85% of the
//! time (the flag's argument redacted as a secret), a Kerberos JAAS line's
//! `keyTab="..."` path 20%, and one in twenty of a failing Dominican
//! cédula, Peruvian RUC and Polish REGON.
//!
//! # What leaked at the baseline, by class
//!
//! Counted from the dump (`RED_TEAM_6_DUMP`), 1217 leaks:
//!
//! - Label words and formats it does not know (636): national numbers
//!   under their own labels (`RFC`, `NIT`, `RUC`, `REGON`, `ИИН`,
//!   `РНОКПП`, `A-Number`, `NIC`; 301), found nowhere, not even as a
//!   JSON key; personal data with no number (a name next to a
//!   prescription, a special-category fact or a birth date in words;
//!   Cyrillic, Greek and Japanese addresses with a name; 192); key
//!   material inside a structured value (a Tink keyset's `keyData.value`,
//!   a JWK's `d`; 80); Junos `$9$` and Cisco `secret 8/9` lines (32);
//!   PagerDuty routing keys (31).
//! - Encodings never read through (311), for kinds it finds under a plain
//!   key at least half the time: base32 (53), CBOR `h'...'` byte strings
//!   (47; in 4 the redaction took the `h` and left the hex), Erlang
//!   binaries written as byte lists (49), HTTP/1.1 chunked bodies that
//!   split a value at a chunk boundary (44), C and Python escapes in
//!   `strace` and bytes `repr` (37), data URLs (30), base64 values whose
//!   key is base64 too (etcd) or in another field (Consul, Pub/Sub; 27),
//!   percent-encoding twice (13), `\u`-escaped `.properties` and JSON
//!   (11).
//! - A name and its value apart (173): Apple plist `<key>`/`<string>`
//!   siblings (22), a W3C `#Fields:` header naming `cs(X-...)` with the
//!   value in the data row (22; in 9 the redaction fell on the next
//!   header field's name), SOAP and XML-RPC name/value elements (38),
//!   MessagePack maps as flat arrays (19), `mysqlbinlog` `@N=` columns
//!   (18), Thrift field ids (18), an OData `$filter` comparison (18),
//!   Sheets header rows, HAL and CloudFormation name/value pairs (18).
//! - Kinds found under some labels only (71): short labels (`TAJ`, `PHN`,
//!   `KVNR`, `AK`, `CC`, `RIF`) and file names as labels (`rclone.conf`,
//!   `~/.config/scw/config.yaml`, `maFile`, `minisign.key`) in plain keys.
//! - Wire frames (26): a STOMP header line in a SockJS frame, an HTTP/2
//!   header in `nghttp -v` output, an nginx query string, and a value
//!   alone in a MessagePack array.
//!
//! # Odd things seen at the baseline (not leaks)
//!
//! - An Erlang report's timestamp `1-Mar-2025::10:00:00.660` is taken for
//!   an IPv6 address (`2025::10:00:00`) and pseudonymised into
//!   `2001:db8:...`, in all 41 dumped Erlang term samples.
//! - A pseudonymised number swallows the hex digits of the percent
//!   escape before it: `%27` then a number came out as `%79...` or
//!   `%24...` in an OData `$filter`, so the quote became another
//!   character.
//! - Near-misses that are digits only, written as CBOR hex, are
//!   pseudonymised as numbers (the hex changes).
//! - No panics and no hangs.

use reprise_sanitizer::Sanitizer;

#[path = "red_team_6/decode.rs"]
mod decode;
#[path = "red_team_6/gen.rs"]
mod r#gen;
#[path = "red_team_6/kinds.rs"]
mod kinds;
#[path = "scoring/mod.rs"]
mod scoring;
#[path = "red_team_6/shapes.rs"]
mod shapes;

use scoring::corpus::{self, Corpus};

const SEED: u64 = 0x5EED_0006_6666;
const SAMPLES_PER_KIND: usize = 40;
const BENIGN_PER_KIND: usize = 20;

/// The baseline this corpus measured (recall 0.4468, keep 0.9782), and
/// where the eighth session's fixes by class left it (0.7541, 0.9927:
/// key material in key formats, births and special-category facts beside
/// a name, calls and statements, national identifiers with their checks
/// and labels, base32, byte lists, CBOR byte strings, byte escapes,
/// `data:` URLs and chunked bodies read through), with a floor slightly
/// below it, so that the test passes now and fails on a regression. The
/// targets, as for the corpora before it, are 0.99 and 0.95.
const MIN_RECALL: f64 = 0.75;
const MIN_KEEP: f64 = 0.98;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"sixth red team key cd01", "red-team-6")
}

#[test]
fn red_team_6_recall_and_keep() {
    let kinds = kinds::all();
    let shapes = shapes::all();
    assert!(kinds.len() >= 40 && shapes.len() >= 20);
    let score = corpus::run(&Corpus {
        name: "red_team_6",
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
