//! A long text full of what the text pass looks for (a log of
//! `password=...` lines, a CSV export, a query string of a thousand
//! parameters) is scrubbed in time that grows with its length, not with its
//! square: a transcript holding one must not stall `reprise scrub`.
//!
//! Each shape is scrubbed at two lengths, an eighth and the whole, and the
//! time of the whole may be at most sixteen times the eighth's (eight when
//! linear, sixty-four when quadratic). The times are the best of three, so a
//! busy machine slows both alike; this is a guard on how the cost grows,
//! not a speed target (those are in `benches/`).

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reprise_sanitizer::{Report, Sanitizer};
use serde_json::json;

#[path = "../../benches/common/cpu.rs"]
mod cpu;

/// A named way to write a text of about `n` bytes.
type Shape = (&'static str, fn(usize) -> String);

/// Texts of about `n` bytes that were once scrubbed in quadratic time.
fn shapes() -> Vec<Shape> {
    vec![
        ("password=x lines", |n| "password=x ".repeat(n / 11)),
        ("token: labels", |n| "token: ".repeat(n / 7)),
        ("percent-encoded pairs", |n| {
            "password%3Dx%26".repeat(n / 15)
        }),
        ("a CSV export", |n| {
            let mut t = String::from("name,password,email\n");
            while t.len() < n {
                t.push_str("bob,hunter2,b@x.io\n");
            }
            t
        }),
        ("a wide SQL insert", |n| {
            let k = n / 20;
            let columns: Vec<String> = (0..k).map(|i| format!("password{i}")).collect();
            format!(
                "INSERT INTO t ({}) VALUES ({})",
                columns.join(","),
                vec!["'x'"; k].join(",")
            )
        }),
        ("base64 four levels deep", |n| {
            let mut t = "password=hunter2 ".repeat(n / 40);
            for _ in 0..4 {
                t = STANDARD.encode(t);
            }
            t
        }),
        ("a query string", |n| {
            format!("https://h/p?{}", "api_key=abcdefgh12345678&".repeat(n / 25))
        }),
        ("names introduced in prose", |n| {
            "my name is John Smith and ".repeat(n / 26)
        }),
        ("personal values in prose", |n| {
            "her full name is Ada Lovelace, my anschrift is Lindenweg 44, 81363 ".repeat(n / 68)
        }),
        ("labels of several words", |n| {
            "the api key for staging is ".repeat(n / 27)
        }),
        ("one long name", |n| "password_".repeat(n / 9)),
        ("unclosed parentheses", |n| "password=(x ".repeat(n / 12)),
        ("labels without spaces", |n| "x(BSN(".repeat(n / 6)),
    ]
}

/// The fastest of three scrubs of `text`. The time is the calling
/// thread's CPU time where Linux gives it (the
/// benches' `thread_cpu`), so that a loaded machine, which preempts a long
/// run more often than a short one, does not pass for a quadratic cost;
/// wall time elsewhere.
fn best_of_three(sanitizer: &Sanitizer, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let mut value = json!({ "note": text });
            let (cpu, started) = (cpu::thread_cpu(), Instant::now());
            sanitizer.scrub_value("args", &mut value, &mut Report::default());
            let (cpu, wall) = (cpu::thread_cpu().saturating_sub(cpu), started.elapsed());
            if cpu.is_zero() { wall } else { cpu }
        })
        .min()
        .unwrap_or_default()
}

/// Regression: per name found, the text pass looked at every placeholder
/// it had written, searched the rest of the text for a template's end, and
/// read the whole run of name characters around the word; a 200 KB log of
/// `password=x` took a second, and 10 MB would have taken most of an hour.
#[test]
fn regression_a_long_text_of_many_names_is_scrubbed_in_linear_time() {
    let sanitizer = Sanitizer::builder().build().expect("default rules");
    let mut slow = Vec::new();
    for (name, make) in shapes() {
        let (short, long) = (make(20_000), make(160_000));
        let (t_short, t_long) = (
            best_of_three(&sanitizer, &short),
            best_of_three(&sanitizer, &long),
        );
        let growth = t_long.as_secs_f64() / t_short.as_secs_f64().max(1e-6);
        println!(
            "{name:28} {:>7} B {:>9.2?} | {:>7} B {:>9.2?} | x{growth:.1}",
            short.len(),
            t_short,
            long.len(),
            t_long
        );
        // Below a few milliseconds the ratio is timer noise.
        if growth > 16.0 && t_long > Duration::from_millis(20) {
            slow.push(format!("{name}: x{growth:.1}"));
        }
    }
    assert!(slow.is_empty(), "cost grows faster than length: {slow:?}");
}

/// An object of `n` members whose keys are personal data (a map keyed by
/// email), each of which the scrub renames.
fn keyed_by_email(n: usize) -> serde_json::Value {
    let members: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| (format!("user{i}@corp{}.com", i % 7), json!(i)))
        .collect();
    serde_json::Value::Object(members)
}

/// Regression: each key the scrub renamed was looked for among all the
/// object's members, and so was its new name; an object keyed by 40,000
/// emails took a look at 3.2 billion members.
#[test]
fn regression_an_object_keyed_by_many_emails_is_scrubbed_in_linear_time() {
    let sanitizer = Sanitizer::builder().build().expect("default rules");
    let time = |n: usize| {
        let doc = keyed_by_email(n);
        (0..3)
            .map(|_| {
                let mut value = doc.clone();
                let started = Instant::now();
                sanitizer.scrub_value("state", &mut value, &mut Report::default());
                let elapsed = started.elapsed();
                let text = value.to_string();
                assert!(!text.contains("@corp"), "every key is scrubbed");
                assert_eq!(value.as_object().map(|m| m.len()), Some(n));
                elapsed
            })
            .min()
            .unwrap_or_default()
    };
    // Both sizes are past the few thousand keys the memory of what keys
    // say holds, whose end makes each key dearer once.
    let (t_short, t_long) = (time(10_000), time(40_000));
    let growth = t_long.as_secs_f64() / t_short.as_secs_f64().max(1e-6);
    println!("{t_short:.2?} | {t_long:.2?} | x{growth:.1}");
    // Four times the members: four times the time when linear, sixteen
    // when quadratic.
    assert!(
        growth <= 8.0 || t_long < Duration::from_millis(20),
        "cost grows faster than the object: x{growth:.1}"
    );
}
