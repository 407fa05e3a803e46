//! The run every generated corpus (`red_team_3`, `red_team_4`,
//! `red_team_5`) shares: plant each kind's values in fitting shapes,
//! scrub, score recall per kind and per shape, plant each kind's benign
//! near-miss in the shapes that may hold one, score keep, check that
//! `verify` finds nothing in what `scrub` wrote, and print the tables.
//!
//! `<PREFIX>_SAMPLES=N` sets the samples per kind and `<PREFIX>_DUMP=path`
//! writes every failing input and output there, where `PREFIX` is the
//! corpus's name in capitals (`RED_TEAM_5`).

#![allow(dead_code)]

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use reprise_sanitizer::{Sanitizer, Verifier};
use serde_json::Value;

use super::{Row, disagrees, hint, leaks, scrub, strip};

/// One planted value: the text that goes into the payload, and the
/// pieces of it that must not survive.
pub struct Secret {
    pub text: String,
    pub hide: Vec<String>,
}

impl Secret {
    /// A value that must not survive in any part.
    pub fn whole(text: String) -> Secret {
        Secret {
            hide: vec![text.clone()],
            text,
        }
    }

    /// A value of which only the `hide` pieces are secret (the rest is a
    /// prefix, a user name or a host).
    pub fn part(text: String, hide: Vec<String>) -> Secret {
        Secret { text, hide }
    }
}

/// A kind of secret or personal value, with its benign near-miss.
pub struct Kind {
    pub name: &'static str,
    /// Labels a person or program would put before it.
    pub labels: &'static [&'static str],
    /// Whether it can be recognised without a label.
    pub self_identifying: bool,
    pub generate: fn(&mut StdRng) -> Secret,
    /// A value of the same look that must stay.
    pub near: fn(&mut StdRng) -> String,
    /// The neutral label the near-miss is planted under.
    pub near_label: &'static str,
}

/// Where a value is planted: `build(rng, label, value)` writes a payload.
pub struct Shape {
    pub name: &'static str,
    /// Whether the shape names the value (a key, a header, a column);
    /// neutral shapes only get self-identifying kinds.
    pub context: bool,
    /// Whether whatever sits there is a credential (a JWT's claims, an
    /// `apikey` auth entry), so a near-miss there is rightly scrubbed.
    pub credential_slot: bool,
    pub build: fn(&mut StdRng, &str, &str) -> Value,
}

/// A corpus and what it is scored with.
pub struct Corpus {
    /// The corpus's name, lower snake case: `red_team_5`.
    pub name: &'static str,
    pub seed: u64,
    pub samples_per_kind: usize,
    pub benign_per_kind: usize,
    pub kinds: Vec<Kind>,
    pub shapes: Vec<Shape>,
    /// Which shapes a near-miss may be planted in.
    pub benign_shape: fn(&Shape) -> bool,
    /// Every string of a payload and what it decodes to.
    pub views: fn(&Value) -> Vec<String>,
    pub sanitizer: Sanitizer,
}

/// What a run measured.
pub struct Score {
    pub recall: f64,
    pub keep: f64,
    pub disagreements: usize,
}

impl Score {
    /// Fails unless recall and keep reach `min_recall` and `min_keep` and
    /// verify found nothing in what scrub wrote.
    #[track_caller]
    pub fn assert_at_least(&self, min_recall: f64, min_keep: f64) {
        let (recall, keep) = (self.recall, self.keep);
        assert!(recall >= min_recall, "recall {recall:.4} < {min_recall}");
        assert!(keep >= min_keep, "keep {keep:.4} < {min_keep}");
        assert_eq!(self.disagreements, 0, "verify disagreements");
    }
}

/// Runs `corpus`, prints its tables and returns its score.
pub fn run(corpus: &Corpus) -> Score {
    let prefix = corpus.name.to_uppercase();
    let samples: usize = std::env::var(format!("{prefix}_SAMPLES"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(corpus.samples_per_kind);
    let dump = std::env::var(format!("{prefix}_DUMP")).ok();
    let mut dumped = String::new();
    let s = &corpus.sanitizer;
    let verifier = Verifier::new().expect("the verifier builds");
    let mut rng = StdRng::seed_from_u64(corpus.seed);
    let (mut by_kind, mut by_shape, mut by_benign) = (
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
        BTreeMap::<String, Row>::new(),
    );
    let mut disagreements = Vec::new();

    for kind in &corpus.kinds {
        let mut fitting: Vec<&Shape> = corpus
            .shapes
            .iter()
            .filter(|sh| sh.context || kind.self_identifying)
            .collect();
        fitting.shuffle(&mut rng);
        for i in 0..samples {
            let shape = fitting[i % fitting.len()];
            let secret = (kind.generate)(&mut rng);
            let label = kind.labels[i % kind.labels.len()];
            let payload = (shape.build)(&mut rng, label, &secret.text);
            let Some((out, report)) = scrub(s, &payload) else {
                by_kind
                    .entry(kind.name.into())
                    .or_default()
                    .add(false, || format!("{}: panicked", kind.name));
                continue;
            };
            let vs: Vec<String> = (corpus.views)(&out)
                .iter()
                .map(|v| v.to_lowercase())
                .collect();
            let st: Vec<String> = vs.iter().map(|v| strip(v)).collect();
            let leaked = secret.hide.iter().find(|x| leaks(x, &vs, &st));
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

    let benign_shapes: Vec<&Shape> = corpus
        .shapes
        .iter()
        .filter(|sh| (corpus.benign_shape)(sh))
        .collect();
    let mut keep_total = (0usize, 0usize);
    for (ki, kind) in corpus.kinds.iter().enumerate() {
        for i in 0..corpus.benign_per_kind {
            let shape = benign_shapes[(ki + i * 7) % benign_shapes.len()];
            let value = (kind.near)(&mut rng);
            let payload = (shape.build)(&mut rng, kind.near_label, &value);
            let ok = match scrub(s, &payload) {
                Some((out, _)) => {
                    let vs = (corpus.views)(&out);
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
    let recall = 1.0 - failed as f64 / total.max(1) as f64;
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
    Score {
        recall,
        keep,
        disagreements: disagreements.len(),
    }
}

pub fn print_table(title: &str, rows: &BTreeMap<String, Row>, what: &str) {
    println!("\n{title}");
    for (name, row) in rows {
        let rate = 1.0 - row.failed as f64 / row.total.max(1) as f64;
        let mark = if row.failed > 0 { "  <--" } else { "" };
        println!(
            "  {name:<44} {:>7.2}% {what} ({} of {}){mark}",
            rate * 100.0,
            row.total - row.failed,
            row.total
        );
    }
}
