//! The transcript the scrub benchmark scrubs, written to any `Write`: shared
//! by `benches/scrub.rs` and the `scrub_input` example, which writes a large
//! one to a file for timing `reprise scrub`.
//!
//! It mixes inbound and outbound calls, returns and probes; about one event
//! in eight carries personal data or a secret (emails, IPs, a card in a log
//! line, tokens, a base64 blob hiding an email), the rest is the ordinary
//! clutter of ids, timestamps, hashes, versions and base64 payloads.

use std::io::{self, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reprise_transcript::{Call, Direction, Event, Header, Outcome, Probe, Return, Writer};
use serde_json::json;

/// Counts the bytes written through it.
struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a deterministic transcript of about `bytes` bytes to `out`, with
/// its `end` line; returns `out`.
pub fn write_transcript<W: Write>(out: W, bytes: u64) -> io::Result<W> {
    let mut w = Writer::new(Counted {
        inner: out,
        written: 0,
    });
    w.header(&Header::new("bench-node", "2026-11-22T10:00:00Z", "0.1.0"))?;
    let mut seq = 0u64;
    let mut i = 0u64;
    while w.get_mut().written < bytes {
        let pii = i % 8 == 0;
        let payload = STANDARD.encode(format!(
            "SET user:{i} {{\"plan\":\"pro\",\"seats\":{}}}",
            i % 40
        ));
        let args = if pii {
            json!({
                "key": format!("user-{i}"),
                "value": payload,
                "client": {"email": format!("user{}@corp{}.com", i % 97, i % 5), "ip": format!("10.{}.{}.{}", i % 200, i % 13, 1 + i % 250)},
                "note": format!("charge 4556 7375 8689 9855 for user{}@corp.com at 2026-11-22T10:00:{:02}Z", i % 97, i % 60),
                "auth": {"token": "ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
                "blob": STANDARD.encode(format!("contact user{}@corp.com", i % 97)),
            })
        } else {
            json!({
                "key": format!("user-{i}"),
                "value": payload,
                "view": i / 100,
                "index": i,
                "digest": format!("{:040x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                "note": format!("replicate entry {i} to node-{} (v1.4.{})", i % 5, i % 9),
            })
        };
        w.event(&Event::Call(Call {
            seq,
            dir: if i % 2 == 0 {
                Direction::In
            } else {
                Direction::Out
            },
            port: "api".into(),
            method: "put".into(),
            args,
            at_ns: seq * 1000,
            parent: None,
            task: Some("main".into()),
        }))?;
        let call = seq;
        seq += 1;
        w.event(&Event::Return(Return {
            seq,
            call,
            outcome: Outcome::Ok(json!({"version": i, "at": "2026-11-22T10:00:00.123456Z", "id": "67e55044-10b1-426f-9247-bb680e5fe0c8"})),
            at_ns: seq * 1000,
        }))?;
        seq += 1;
        if i % 4 == 0 {
            w.event(&Event::Probe(Probe {
                seq,
                name: "queue.depth".into(),
                fields: json!({"len": i % 100, "latency_ns": 1200 + i % 700}),
                at_ns: seq * 1000,
            }))?;
            seq += 1;
        }
        i += 1;
    }
    Ok(w.end(0)?.inner)
}
