use reprise_sanitizer::{Key, Sanitizer};
use std::io::BufRead;
fn main() {
    let key = Key::from_bytes(b"fourth red team key 4567", "red-team-4").unwrap();
    let s = Sanitizer::builder().pseudonym_key(key).build().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let mut v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => serde_json::Value::String(line.clone()),
        };
        let mut r = s.report();
        s.scrub_value("args", &mut v, &mut r);
        println!("IN : {line}\nOUT: {v}\n{}", r.render());
    }
}
