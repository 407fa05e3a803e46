//! A red-team corpus for the sanitizer, written apart from its rules and
//! from `tests/corpus.rs`: other field names and nestings, other countries'
//! identifiers, other message formats (protobuf `Struct`, Kafka headers,
//! Rails and Python log reprs, Go and Rust debug prints, `appSettings`,
//! HCL, text protos, HL7 v2, FHIR, airline PNRs, OpenTelemetry logs,
//! asciinema recordings, agent tool calls), and whole documents holding
//! several secrets at once (`red_team/scenes.rs`).
//!
//! Generation is deterministic (a fixed seed). Each *kind* (`red_team/
//! kinds.rs`) is planted in *shapes* (`red_team/shapes.rs`): in every
//! shape that names it (a field, a flag, a chat question), and, when it is
//! recognisable on its own, also in neutral ones (a ticket note, a log
//! line, a terminal, base64 and hex frames, a map key).
//!
//! The leak and keep definitions are `tests/scoring/mod.rs`, shared with
//! `tests/red_team_3.rs`. A secret **leaks** if, after one `scrub_value`, the output or a decoded
//! view of it (JSON in strings, percent-encoding, base64 and hex runs, a
//! few levels deep) holds it whole (when shorter than 16 characters, not
//! glued to other letters or digits) or any 16-character piece of it,
//! ignoring case; written with separators (spaces, dashes, dots), it is
//! also looked for without them. A benign value is **kept** if it is still
//! there verbatim (or, for numbers, the same JSON value at its place).
//! `verify(scrub(x))` must find nothing.
//!
//! `cargo test -p reprise-sanitizer --release --test red_team -- --nocapture`
//! prints recall per kind, shape and scene, keep per benign kind, and the
//! first leaks (at most four characters of each value).
//! `RED_TEAM_SAMPLES=N` sets the samples per kind (default 30).

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use reprise_sanitizer::{Report, Sanitizer, Verifier};
use serde_json::Value;

#[path = "red_team/benign.rs"]
mod benign;
#[path = "red_team/ids.rs"]
mod ids;
#[path = "red_team/kinds.rs"]
mod kinds;
#[path = "red_team/scenes.rs"]
mod scenes;
#[path = "scoring/mod.rs"]
mod scoring;
#[path = "red_team/shapes.rs"]
mod shapes;

use scoring::{Row, disagrees, hint, leaks, scrub, strip, views};

const SEED: u64 = 0x0DD_BA11_7EA7;
const SAMPLES_PER_KIND: usize = 30;
const BENIGN_PER_KIND: usize = 20;

/// What this corpus commits to: the test fails below these. The target
/// is recall 0.99 with keep 0.95; the default rules reach 0.998 and 1.0
/// (baseline before the red-team fixes: 0.790 recall, 0.894 keep; 0.911
/// after the first round). What still leaks is listed in the crate docs
/// ("What it cannot cover").
const MIN_RECALL: f64 = 0.995;
const MIN_KEEP: f64 = 0.99;

fn sanitizer() -> Sanitizer {
    scoring::sanitizer(b"red team key 0123456789", "red-team")
}

/// Scores one secret-bearing payload: `Some(first leaked secret)` or None.
fn score(
    s: &Sanitizer,
    payload: &Value,
    secrets: &[String],
) -> (Option<String>, Option<(Value, Report)>) {
    let Some((out, report)) = scrub(s, payload) else {
        return (Some("(sanitizer panicked)".into()), None);
    };
    let vs: Vec<String> = views(&out).iter().map(|v| v.to_lowercase()).collect();
    let st: Vec<String> = vs.iter().map(|v| strip(v)).collect();
    let leaked = secrets.iter().find(|x| leaks(x, &vs, &st)).cloned();
    (leaked, Some((out, report)))
}

#[test]
fn red_team_recall_and_keep() {
    let samples: usize = std::env::var("RED_TEAM_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SAMPLES_PER_KIND);
    let s = sanitizer();
    let verifier = Verifier::new().expect("the verifier builds");
    let mut rng = StdRng::seed_from_u64(SEED);
    let kinds = kinds::all();
    let shapes = shapes::all();
    let (mut by_kind, mut by_shape, mut by_scene, mut by_benign) = (
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
    );
    let mut disagreements = Vec::new();
    let dump = std::env::var("RED_TEAM_DUMP").ok();
    let mut dumped = String::new();

    for kind in &kinds {
        let mut fitting: Vec<&shapes::Shape> = shapes
            .iter()
            .filter(|sh| sh.context || kind.self_identifying)
            .collect();
        fitting.shuffle(&mut rng);
        for i in 0..samples.max(fitting.len().min(samples)) {
            let shape = fitting[i % fitting.len()];
            let secret = (kind.generate)(&mut rng);
            let label = kind.labels[i % kind.labels.len()];
            let payload = (shape.build)(&mut rng, kind, label, &secret.text);
            let (leaked, out) = score(&s, &payload, &secret.hide);
            let ok = leaked.is_none();
            let ex = || {
                format!(
                    "{} in {} under '{label}': {}",
                    kind.name,
                    shape.name,
                    leaked.as_deref().map(hint).unwrap_or_default()
                )
            };
            by_kind.entry(kind.name.into()).or_default().add(ok, ex);
            by_shape.entry(shape.name.into()).or_default().add(ok, ex);
            if let Some((v, report)) = &out {
                if !ok && dump.is_some() {
                    dumped += &format!(
                        "== {} / {} / {label}\nIN:  {payload}\nOUT: {v}\n",
                        kind.name, shape.name
                    );
                }
                if let Some(d) = disagrees(&verifier, v, report) {
                    disagreements.push(format!("{} in {}: {d}", kind.name, shape.name));
                }
            }
        }
    }
    for scene in scenes::all() {
        for _ in 0..samples {
            let (payload, secrets) = (scene.build)(&mut rng);
            let (leaked, out) = score(&s, &payload, &secrets);
            let ok = leaked.is_none();
            by_scene.entry(scene.name.into()).or_default().add(ok, || {
                format!(
                    "{}: {}",
                    scene.name,
                    leaked.as_deref().map(hint).unwrap_or_default()
                )
            });
            if let Some((v, report)) = &out {
                if !ok && dump.is_some() {
                    dumped += &format!("== scene {}\nIN:  {payload}\nOUT: {v}\n", scene.name);
                }
                if let Some(d) = disagrees(&verifier, v, report) {
                    disagreements.push(format!("scene {}: {d}", scene.name));
                }
            }
        }
    }
    let mut keep_total = (0usize, 0usize);
    for b in benign::all() {
        for _ in 0..BENIGN_PER_KIND {
            let (payload, keep, at) = (b.build)(&mut rng);
            let Some((out, _)) = scrub(&s, &payload) else {
                by_benign
                    .entry(b.name.into())
                    .or_default()
                    .add(false, || "(panicked)".into());
                continue;
            };
            let vs = views(&out);
            let lost_text = keep
                .iter()
                .find(|k| !vs.iter().any(|v| v.contains(k.as_str())));
            let lost_at = at.iter().find(|(p, v)| out.pointer(p) != Some(v));
            let ok = lost_text.is_none() && lost_at.is_none();
            keep_total.0 += 1;
            keep_total.1 += usize::from(!ok);
            if !ok && dump.is_some() {
                dumped += &format!("== benign {}\nIN:  {payload}\nOUT: {out}\n", b.name);
            }
            by_benign.entry(b.name.into()).or_default().add(ok, || {
                lost_text
                    .map(|t| format!("{}: lost {t}", b.name))
                    .or_else(|| lost_at.map(|(p, _)| format!("{}: changed {p}", b.name)))
                    .unwrap_or_default()
            });
        }
    }
    if let Some(path) = dump {
        std::fs::write(path, dumped).expect("the dump is writable");
    }

    scoring::corpus::print_table("recall per kind", &by_kind, "recall");
    scoring::corpus::print_table("recall per shape", &by_shape, "recall");
    scoring::corpus::print_table("recall per scene", &by_scene, "recall");
    scoring::corpus::print_table("keep per benign kind", &by_benign, "keep");
    println!("\nfirst leaks:");
    for row in by_kind.values().chain(by_scene.values()) {
        for e in &row.examples {
            println!("  {e}");
        }
    }
    println!("first losses:");
    for row in by_benign.values() {
        for e in &row.examples {
            println!("  {e}");
        }
    }
    let secret_total: usize = by_kind
        .values()
        .chain(by_scene.values())
        .map(|r| r.total)
        .sum();
    let secret_failed: usize = by_kind
        .values()
        .chain(by_scene.values())
        .map(|r| r.failed)
        .sum();
    let recall = 1.0 - secret_failed as f64 / secret_total as f64;
    let keep = 1.0 - keep_total.1 as f64 / keep_total.0.max(1) as f64;
    println!("verify disagreements: {}", disagreements.len());
    for d in disagreements.iter().take(10) {
        println!("  {d}");
    }
    println!(
        "TOTAL recall {:.2}% ({secret_failed} of {secret_total} leaked), keep {:.2}% ({} of {} lost)",
        recall * 100.0,
        keep * 100.0,
        keep_total.1,
        keep_total.0
    );
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
    assert!(keep >= MIN_KEEP, "keep {keep:.4} < {MIN_KEEP}");
    assert!(
        disagreements.is_empty(),
        "{} verify disagreements",
        disagreements.len()
    );
}
