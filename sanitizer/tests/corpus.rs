//! An independent leak-detection corpus for the sanitizer, and its score.
//!
//! The corpus is generated in code from a fixed seed, and written the way
//! real traffic looks, not tuned to the sanitizer's rules (its authors did
//! not read the detectors). It is expected to be hard: the score it prints
//! is what detection work is measured against.
//!
//! # What it holds
//!
//! - **Kinds** (`corpus/kinds.rs`): over 75 kinds of secrets and personal
//!   data (passwords, vendor tokens, JWTs, PEM and raw keys, connection
//!   strings, signed URLs, seed phrases; emails, phones in several
//!   countries' formats, national ids, cards, IBANs, addresses, ...), each
//!   generated with fresh random values per sample and checksum-valid
//!   where the format has a checksum (Luhn, mod 97, Verhoeff, ISO 7064,
//!   ABA, BIP39, Base58Check, ...).
//! - **Positions** (`corpus/positions.rs`): over 35 message shapes built
//!   around the planted value: keys (nested, in other languages),
//!   name/value siblings, Kubernetes and Terraform documents, header
//!   lists, log lines, SQL, command lines, stack traces, chat turns, URLs
//!   (also percent-encoded and nested), JSON in strings, base64 and hex,
//!   form bodies, XML, GraphQL, diffs, `.netrc`, ODBC, config files,
//!   fixed-width records, CSV, raw HTTP.
//! - **Benign near-misses** (`corpus/benign.rs`): values a good scrubber
//!   must leave alone: Luhn-invalid order ids, UUIDs, digests and block
//!   hashes, fingerprints, versions, timestamps, placeholders and counts
//!   under secret-sounding keys, cursors, file paths, prose about
//!   passwords, public certificates, ...
//!
//! # Which kinds go in which positions
//!
//! A kind is either **self-identifying** (its format is recognisable on
//! its own: vendor tokens with a prefix, JWTs, PEM keys, emails, Luhn-valid
//! cards, IBANs, international phone numbers, SSNs, ...) or
//! **context-needing** (passwords, generic random secrets, raw keys,
//! passport and account numbers, MRNs, names, addresses, national ids
//! without a strong format). Self-identifying kinds are planted in every
//! position, including the *neutral* ones (a neutral key such as `note`,
//! free prose, arrays, map keys, base64 of prose) where nothing names the
//! value. Context-needing kinds are planted only in *context* positions,
//! which give a human reader the context: a key name, a sibling `name`, a
//! `key=value`, a flag, a labelled field in text (`passport no: ...`). A
//! random password under `note` is undetectable by anyone, so it is not
//! asked for.
//!
//! # What counts as a leak, and as kept
//!
//! Each sample is scrubbed once with [`Sanitizer::scrub_value`] and then
//! searched. A planted secret **leaks** if the whole secret (when shorter
//! than 16 bytes, not glued to other letters or digits) or any 16-byte
//! window of it (when longer) appears, ignoring ASCII case, in the
//! serialized output or in a decoded view of it: JSON strings unescaped
//! (recursively, for JSON held in strings), percent- and form-decoded,
//! base64 tokens decoded (standard and URL-safe, 12 characters or more
//! with padding, so that a short password in a Kubernetes secret counts),
//! hex runs decoded. Secrets written with separators (cards, phones,
//! national ids, grouped IBANs) are also looked for with letters and
//! digits only. A person record's name, address and date of birth are
//! separate secrets; a sample leaks if any of its secrets does. A sample
//! the sanitizer panics on counts as leaked (or, if benign, lost).
//!
//! A benign value is **kept** if it still appears verbatim in a string of
//! the output (or, for a number or setting, the same JSON value is at the
//! same path).
//!
//! [`Verifier`] must agree with the scrubber: after scrubbing, verifying
//! the output (with the paths the report says were pseudonymized accepted)
//! should find nothing. A sample where it finds something is a
//! disagreement.
//!
//! Run with `cargo test -p reprise-sanitizer --test corpus -- --nocapture`
//! to see the table (recall per kind and per position, keep per benign
//! kind, the first leaks with where they are and at most four characters
//! of the value). The test asserts recall >= 99%, keep >= 95% and at most
//! 1% verify disagreement. Samples are scored on all cores; by default
//! there are 2,000 secret samples (the same number for every kind) and
//! about 1,000 benign ones. `CORPUS_SAMPLES=3000` puts every kind in every
//! position that fits it.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use reprise_sanitizer::{Key, Report, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::Value;

#[path = "corpus/benign.rs"]
mod benign;
#[path = "corpus/kinds.rs"]
mod kinds;
#[path = "corpus/people.rs"]
mod people;
#[path = "corpus/positions.rs"]
mod positions;
#[path = "corpus/random.rs"]
mod random;
#[path = "corpus/score.rs"]
mod score;

use benign::Keep;
use positions::Mode;

/// The corpus seed: change it only with a reason, scores move with it.
const SEED: u64 = 0x5EC2_E7C0_2F05;
/// Secret samples, shared equally between the kinds. The sanitizer is slow
/// in debug builds, so the default keeps the test near ten seconds; set
/// `CORPUS_SAMPLES` for a bigger run (3,000 puts every kind in every
/// position that fits it).
const SECRET_SAMPLES: usize = 2_000;
/// Benign samples per benign kind.
const BENIGN_PER_KIND: usize = 29;

/// The share of planted secrets that must not leak.
const MIN_RECALL: f64 = 0.99;
const MIN_KEEP: f64 = 0.95;
/// `verify(scrub(x))` passes for every sample: no disagreement at all.
const MAX_DISAGREEMENT: f64 = 0.0;

/// A payload with planted secrets.
struct SecretSample {
    kind: usize,
    position: usize,
    payload: Value,
    secrets: Vec<String>,
}

/// A payload with benign near-misses.
struct BenignCase {
    kind: usize,
    sample: benign::BenignSample,
}

struct Corpus {
    kinds: Vec<kinds::Kind>,
    positions: Vec<positions::Position>,
    benign: Vec<benign::Benign>,
    secrets: Vec<SecretSample>,
    benign_samples: Vec<BenignCase>,
}

fn fits(kind: &kinds::Kind, position: &positions::Position) -> bool {
    (kind.self_identifying || position.mode == Mode::Context) && (position.suits)(kind)
}

/// The number of secret samples: [`SECRET_SAMPLES`] or `CORPUS_SAMPLES`.
fn secret_samples() -> usize {
    std::env::var("CORPUS_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SECRET_SAMPLES)
}

/// Generates the whole corpus, deterministically.
fn corpus() -> Corpus {
    let kinds = kinds::all();
    let positions = positions::all();
    let benign = benign::all();
    let mut rng = StdRng::seed_from_u64(SEED);
    let plant = |rng: &mut StdRng, k: usize, p: usize| {
        let planted = (kinds[k].generate)(rng);
        let payload = (positions[p].build)(rng, &kinds[k], &planted);
        SecretSample {
            kind: k,
            position: p,
            payload,
            secrets: planted.secrets,
        }
    };
    // The same number of samples for every kind, each in positions drawn
    // without repeats (until the kind has been everywhere it fits).
    let n = secret_samples();
    let mut secrets = Vec::with_capacity(n);
    for k in 0..kinds.len() {
        let mut fitting: Vec<usize> = (0..positions.len())
            .filter(|&p| fits(&kinds[k], &positions[p]))
            .collect();
        fitting.shuffle(&mut rng);
        let count = n / kinds.len() + usize::from(k < n % kinds.len());
        for i in 0..count {
            secrets.push(plant(&mut rng, k, fitting[i % fitting.len()]));
        }
    }
    let mut benign_samples = Vec::new();
    for (i, b) in benign.iter().enumerate() {
        for _ in 0..BENIGN_PER_KIND {
            benign_samples.push(BenignCase {
                kind: i,
                sample: (b.generate)(&mut rng),
            });
        }
    }
    Corpus {
        kinds,
        positions,
        benign,
        secrets,
        benign_samples,
    }
}

fn sanitizer() -> Sanitizer {
    let key = Key::from_bytes(b"corpus key 0123456789", "corpus").expect("a valid key");
    Sanitizer::builder()
        .pseudonym_key(key)
        .build()
        .expect("the default rules build")
}

/// Scrubs a copy of `payload`, or says the sanitizer panicked (which
/// counts as a leak: a recording that cannot be scrubbed is not shipped
/// scrubbed).
fn scrub(sanitizer: &Sanitizer, payload: &Value) -> Option<(Value, Report)> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut value = payload.clone();
        let mut report = sanitizer.report();
        sanitizer.scrub_value("args", &mut value, &mut report);
        (value, report)
    }))
    .ok()
}

thread_local! {
    /// Set on the threads that score the corpus: their panics (the
    /// sanitizer's) are counted, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that is silent on [`QUIET`] threads and
/// prints as usual everywhere else.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// At most the first four characters of a secret, for printing.
fn hint(secret: &str) -> String {
    let head: String = secret.chars().take(4).collect();
    format!("{head}…")
}

fn keep_holds(keep: &Keep, payload: &Value, views: &[score::View]) -> bool {
    match keep {
        Keep::Text(text) => score::kept(views, text),
        Keep::At(pointer, value) => payload.pointer(pointer) == Some(value),
    }
}

/// A row of a score table.
#[derive(Default, Clone)]
struct Tally {
    total: usize,
    bad: usize,
}

impl Tally {
    fn add(&mut self, bad: bool) {
        self.total += 1;
        self.bad += usize::from(bad);
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            1.0 - self.bad as f64 / self.total as f64
        }
    }
}

fn print_table(title: &str, bad_label: &str, rate_label: &str, rows: &[(String, Tally)]) {
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(10)
        .max(title.len());
    println!();
    println!(
        "{title:<width$}  {:>7}  {bad_label:>7}  {rate_label:>7}",
        "samples"
    );
    println!("{}", "-".repeat(width + 27));
    for (name, t) in rows {
        let mark = if t.bad > 0 { " *" } else { "" };
        println!(
            "{name:<width$}  {:>7}  {:>7}  {:>6.1}%{mark}",
            t.total,
            t.bad,
            100.0 * t.rate()
        );
    }
}

/// The corpus is what it says: every planted secret is found in the
/// unscrubbed payload, every benign value is there to keep, and the
/// sizes and coverage the scoring relies on hold.
#[test]
fn corpus_is_well_formed() {
    let c = corpus();
    assert!(c.kinds.len() >= 50, "{} kinds", c.kinds.len());
    assert!(c.positions.len() >= 20, "{} positions", c.positions.len());
    assert!(c.secrets.len() >= 2_000 && c.benign_samples.len() >= 1_000);
    for (k, kind) in c.kinds.iter().enumerate() {
        let n = c.secrets.iter().filter(|s| s.kind == k).count();
        assert!(n >= 20, "{}: only {n} samples", kind.name);
    }
    for s in &c.secrets {
        let (kind, position) = (&c.kinds[s.kind], &c.positions[s.position]);
        assert!(!s.secrets.is_empty(), "{} has no secret", kind.name);
        let views = score::views(&s.payload, true);
        let needles = score::Needles::new(&s.secrets);
        for (secret, leak) in s.secrets.iter().zip(score::leaks(&views, &needles)) {
            assert!(
                leak.is_some(),
                "{} @ {}: planted {:?} is not found in {}",
                kind.name,
                position.name,
                secret,
                s.payload
            );
        }
    }
    for b in &c.benign_samples {
        let views = score::views(&b.sample.payload, false);
        for keep in &b.sample.keep {
            assert!(
                keep_holds(keep, &b.sample.payload, &views),
                "{}: {keep:?} is not in {}",
                c.benign[b.kind].name,
                b.sample.payload
            );
        }
    }
    // The same seed gives the same corpus.
    let again = corpus();
    assert!(
        c.secrets
            .iter()
            .zip(&again.secrets)
            .all(|(a, b)| a.payload == b.payload)
    );
}

/// The checksum helpers agree with published valid examples.
#[test]
fn checksums_match_known_examples() {
    assert!(random::luhn_valid("4111111111111111") && !random::luhn_valid("4111111111111112"));
    assert!(random::luhn_valid("490154203237518"), "IMEI example");
    assert!(random::luhn_valid("046454286"), "SIN example");
    assert!(
        random::iban_valid("DE89370400440532013000")
            && random::iban_valid("GB29NWBK60161331926819")
    );
    assert_eq!(
        random::iban("DE", "370400440532013000"),
        "DE89370400440532013000"
    );
    assert!(random::verhoeff_valid("2363"), "Verhoeff example");
    assert_eq!(random::iso7064_mod11_2("11010519491231002"), 'X');
    assert_eq!(random::aba_digit("02100002"), 1, "JPMorgan Chase 021000021");
    assert_eq!(
        random::cpf_digits("529982247"),
        (2, 5),
        "CPF 529.982.247-25"
    );
    assert_eq!(random::dni_letter(12_345_678), 'Z');
    assert_eq!(random::codice_fiscale_check("RSSMRA85T10A562"), 'S');
    assert_eq!(
        random::vin_check("1M8GDM9A_KP042788"),
        'X',
        "VIN 1M8GDM9AXKP042788"
    );
    assert_eq!(
        random::nir_key("2550814168025"),
        38,
        "NIR 2 55 08 14 168 025 38"
    );
    assert_eq!(random::bsn_digit("11122233"), Some(3), "BSN 111222333");
    assert_eq!(
        random::iso7064_mod11_10("8609574271"),
        9,
        "Steuer-ID 86095742719"
    );
    assert_eq!(random::base58(&[0, 0, 0x28, 0x7f, 0xb4, 0xcd]), "11233QC4");
    let m = random::bip39_mnemonic(&mut StdRng::seed_from_u64(1), 24);
    assert_eq!(m.split(' ').count(), 24);
}

/// One sample to score.
enum Job<'a> {
    Secret(&'a SecretSample),
    Benign(&'a BenignCase),
}

/// What scoring one sample found.
#[derive(Default)]
struct Outcome {
    /// The sanitizer panicked on it.
    panicked: bool,
    /// A secret leaked, or a benign value was lost.
    bad: bool,
    /// Where (the path, and a hint of the value), for the report.
    detail: Option<String>,
    /// What the verifier still found after scrubbing.
    verify: Option<String>,
    /// Time spent scrubbing, scoring, verifying.
    times: [Duration; 3],
}

struct Tools {
    sanitizer: Sanitizer,
    verifier: Verifier,
}

/// What the verifier finds in a scrubbed payload, summarised.
fn verify(verifier: &Verifier, scrubbed: &Value, report: &Report) -> Option<String> {
    let accepted: BTreeSet<String> = pseudonymized_paths(Some(&report.to_json()));
    let mut findings = Vec::new();
    let ran = catch_unwind(AssertUnwindSafe(|| {
        verifier.check_value(None, "args", scrubbed, &accepted, &mut findings);
    }));
    match (ran, findings.first()) {
        (Err(_), _) => Some("the verifier panicked".to_owned()),
        (Ok(()), Some(f)) => {
            let more = if findings.len() > 1 {
                format!(" and {} more", findings.len() - 1)
            } else {
                String::new()
            };
            Some(format!("{} ({}){more}", f.path, f.rule))
        }
        (Ok(()), None) => None,
    }
}

fn evaluate(tools: &Tools, job: &Job) -> Outcome {
    let payload = match job {
        Job::Secret(s) => &s.payload,
        Job::Benign(b) => &b.sample.payload,
    };
    let clock = Instant::now();
    let Some((scrubbed, report)) = scrub(&tools.sanitizer, payload) else {
        return Outcome {
            panicked: true,
            bad: true,
            detail: Some("the sanitizer panicked".into()),
            ..Outcome::default()
        };
    };
    let t_scrub = clock.elapsed();
    let clock = Instant::now();
    let (bad, detail) = match job {
        Job::Secret(s) => {
            let views = score::views(&scrubbed, true);
            let found = score::leaks(&views, &score::Needles::new(&s.secrets));
            let first =
                s.secrets.iter().zip(&found).find_map(|(secret, path)| {
                    Some(format!("{} ({})", path.as_ref()?, hint(secret)))
                });
            (first.is_some(), first)
        }
        Job::Benign(b) => {
            let views = score::views(&scrubbed, false);
            let lost = b
                .sample
                .keep
                .iter()
                .find(|k| !keep_holds(k, &scrubbed, &views));
            let detail = lost.map(|k| match k {
                Keep::Text(t) => hint(t),
                Keep::At(p, _) => p.clone(),
            });
            (detail.is_some(), detail)
        }
    };
    let t_score = clock.elapsed();
    // `CORPUS_DUMP=FILE` appends every bad sample, before and after, for a
    // person to read (the corpus is synthetic: nothing real is written).
    if bad && let Ok(path) = std::env::var("CORPUS_DUMP") {
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(
                f,
                "{}\n  IN  {payload}\n  OUT {scrubbed}",
                detail.as_deref().unwrap_or("")
            );
        }
    }
    let clock = Instant::now();
    let verify = verify(&tools.verifier, &scrubbed, &report);
    // A verify disagreement is dumped too, for the same reader.
    if let (Some(v), Ok(path)) = (&verify, std::env::var("CORPUS_DUMP")) {
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "VERIFY {v}\n  IN  {payload}\n  OUT {scrubbed}");
        }
    }
    Outcome {
        panicked: false,
        bad,
        detail,
        verify,
        times: [t_scrub, t_score, clock.elapsed()],
    }
}

/// Scores every job, on as many threads as there are cores (the
/// sanitizer is slow in debug builds), in a deterministic order.
fn evaluate_all(tools: &Tools, jobs: &[Job]) -> Vec<Outcome> {
    install_quiet_hook();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    QUIET.with(|q| q.set(true));
                    jobs.iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, job)| (i, evaluate(tools, job)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Outcome)> = handles
            .into_iter()
            .flat_map(|h| h.join().expect("a scoring thread finishes"))
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, o)| o).collect()
    })
}

/// Scrubs the corpus and scores it: recall per kind and position, keep per
/// benign kind, verifier disagreement. Fails below the thresholds.
#[test]
fn corpus_recall_and_keep() {
    let started = Instant::now();
    let c = corpus();
    let generated = started.elapsed();
    let tools = Tools {
        sanitizer: sanitizer(),
        verifier: Verifier::new().expect("the verifier builds"),
    };
    let jobs: Vec<Job> = c
        .secrets
        .iter()
        .map(Job::Secret)
        .chain(c.benign_samples.iter().map(Job::Benign))
        .collect();
    let outcomes = evaluate_all(&tools, &jobs);

    let mut by_kind = vec![Tally::default(); c.kinds.len()];
    let mut by_position = vec![Tally::default(); c.positions.len()];
    let mut by_benign = vec![Tally::default(); c.benign.len()];
    let mut verifier_panics = 0usize;
    let (mut leaks, mut losses, mut disagreements, mut panics) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut disagreeing, mut panicked) = (0usize, 0usize);
    let mut times = [Duration::ZERO; 3];
    for (job, o) in jobs.iter().zip(&outcomes) {
        let label = match job {
            Job::Secret(s) => {
                by_kind[s.kind].add(o.bad);
                by_position[s.position].add(o.bad);
                format!(
                    "{} @ {}",
                    c.kinds[s.kind].name, c.positions[s.position].name
                )
            }
            Job::Benign(b) => {
                by_benign[b.kind].add(o.bad);
                format!("{} @ {}", c.benign[b.kind].name, b.sample.place)
            }
        };
        let list = match job {
            Job::Secret(_) => &mut leaks,
            Job::Benign(_) => &mut losses,
        };
        if o.panicked {
            panicked += 1;
            if panics.len() < 5 {
                panics.push(label.clone());
            }
        } else if let Some(detail) = &o.detail {
            if list.len() < 20 {
                list.push(format!("{label}: {detail}"));
            }
        }
        if let Some(v) = &o.verify {
            verifier_panics += usize::from(v.contains("panicked"));
            disagreeing += 1;
            if disagreements.len() < 10 {
                disagreements.push(format!("{label}: {v}"));
            }
        }
        for (total, t) in times.iter_mut().zip(o.times) {
            *total += t;
        }
    }

    let sum = |rows: &[Tally]| {
        rows.iter().fold(Tally::default(), |a, t| Tally {
            total: a.total + t.total,
            bad: a.bad + t.bad,
        })
    };
    let (secret_total, benign_total) = (sum(&by_kind), sum(&by_benign));
    let samples = jobs.len();
    let disagreement = disagreeing as f64 / samples as f64;

    // Context-needing kinds are marked `(ctx)`: planted only where named.
    let kind_rows: Vec<(String, Tally)> = c
        .kinds
        .iter()
        .zip(&by_kind)
        .map(|(k, t)| {
            (
                if k.self_identifying {
                    k.name.to_owned()
                } else {
                    format!("{} (ctx)", k.name)
                },
                t.clone(),
            )
        })
        .collect();
    print_table("kind (recall)", "leaked", "recall", &kind_rows);
    let position_rows: Vec<(String, Tally)> = c
        .positions
        .iter()
        .zip(&by_position)
        .map(|(p, t)| {
            (
                if p.mode == Mode::Neutral {
                    format!("{} (neutral)", p.name)
                } else {
                    p.name.to_owned()
                },
                t.clone(),
            )
        })
        .collect();
    print_table("position (recall)", "leaked", "recall", &position_rows);
    let benign_rows: Vec<(String, Tally)> = c
        .benign
        .iter()
        .zip(&by_benign)
        .map(|(b, t)| (format!("{} [near: {}]", b.name, b.near), t.clone()))
        .collect();
    print_table("benign kind (keep)", "lost", "keep", &benign_rows);

    println!();
    println!("first leaks (kind @ position: where (first characters)):");
    for l in &leaks {
        println!("  {l}");
    }
    println!("first benign losses (kind @ placement: what):");
    for l in &losses {
        println!("  {l}");
    }
    println!("first verify disagreements (sample: path (rule)):");
    for d in &disagreements {
        println!("  {d}");
    }
    if panicked > 0 {
        println!(
            "the sanitizer panicked on {panicked} samples (counted as leaked or lost), first: {}",
            panics.join("; ")
        );
    }
    println!();
    println!(
        "corpus: {} kinds ({} self-identifying), {} positions ({} neutral), {} secret samples, {} benign samples ({} kinds); seed {SEED:#x}",
        c.kinds.len(),
        c.kinds.iter().filter(|k| k.self_identifying).count(),
        c.positions.len(),
        c.positions
            .iter()
            .filter(|p| p.mode == Mode::Neutral)
            .count(),
        c.secrets.len(),
        c.benign_samples.len(),
        c.benign.len(),
    );
    println!(
        "TOTAL recall {:.2}% ({} of {} leaked), keep {:.2}% ({} of {} lost), verify disagrees on {disagreeing} of {samples} samples ({:.2}%)",
        100.0 * secret_total.rate(),
        secret_total.bad,
        secret_total.total,
        100.0 * benign_total.rate(),
        benign_total.bad,
        benign_total.total,
        100.0 * disagreement,
    );
    let [t_scrub, t_score, t_verify] = times;
    println!(
        "time: generate {generated:.2?}; scrub {t_scrub:.2?}, score {t_score:.2?}, verify {t_verify:.2?} (summed over threads); wall {:.2?}",
        started.elapsed()
    );

    let mut failures = Vec::new();
    if panicked > 0 || verifier_panics > 0 {
        failures.push(format!(
            "the sanitizer panicked on {panicked} samples, the verifier on {verifier_panics}"
        ));
    }
    if secret_total.rate() < MIN_RECALL {
        failures.push(format!(
            "recall {:.2}% < {:.0}%",
            100.0 * secret_total.rate(),
            100.0 * MIN_RECALL
        ));
    }
    if benign_total.rate() < MIN_KEEP {
        failures.push(format!(
            "keep {:.2}% < {:.0}%",
            100.0 * benign_total.rate(),
            100.0 * MIN_KEEP
        ));
    }
    if disagreement > MAX_DISAGREEMENT {
        failures.push(format!(
            "verify disagrees on {:.2}% > {:.2}%",
            100.0 * disagreement,
            100.0 * MAX_DISAGREEMENT
        ));
    }
    assert!(
        failures.is_empty(),
        "corpus score below thresholds: {}",
        failures.join("; ")
    );
}
