//! `reprise review` on a terminal: the binary runs in a pseudo-terminal
//! and is answered with single key presses, no Enter, as a person would.

#![cfg(unix)]

mod common;

use std::path::Path;

use common::{dir_with, reprise};
use rexpect::session::{PtySession, spawn_command};

/// A transcript with one inbound call returning `ok`.
fn transcript(ok: u64) -> String {
    format!(
        "{{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"created\":\"2026-11-22T10:00:00Z\",\"recorder\":\"0.1.0\",\"meta\":{{}}}}\n\
         {{\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"get\",\"args\":{{\"key\":\"a\"}},\"at_ns\":1}}\n\
         {{\"kind\":\"return\",\"seq\":1,\"call\":0,\"ok\":{ok},\"at_ns\":2}}\n\
         {{\"kind\":\"end\",\"events\":2,\"dropped\":0}}\n"
    )
}

const PROMPT: &str = "accept (a), reject (r), skip (s), quit (q)? ";

/// `reprise review` in `dir`, in a pseudo-terminal.
fn review(dir: &Path) -> PtySession {
    spawn_command(reprise(dir, &["review"]), Some(20_000)).expect("reprise in a pty")
}

#[test]
fn review_on_a_terminal_takes_single_keys() -> Result<(), rexpect::error::Error> {
    let (one, two) = (transcript(1), transcript(2));
    let dir = dir_with(&[
        ("a.jsonl", &one),
        ("a.jsonl.new", &two),
        ("b.jsonl", &one),
        ("b.jsonl.new", &two),
        ("c.jsonl", &one),
        ("c.jsonl.new", &two),
    ]);
    let mut session = review(dir.path());
    session.exp_string("[1/3] a.jsonl.new")?;
    session.exp_string(
        "first: return differs: inbound call #1 api.get (a: seq 0, b: seq 0) at $.ok",
    )?;
    session.exp_string(PROMPT)?;
    // A key it does not know asks again.
    session.send("x")?;
    session.flush()?;
    session.exp_string("press a, r, s or q")?;
    session.exp_string(PROMPT)?;
    session.send("a")?;
    session.flush()?;
    session.exp_string("accepted a.jsonl.new -> a.jsonl")?;
    session.exp_string("[2/3] b.jsonl.new")?;
    session.exp_string(PROMPT)?;
    session.send("r")?;
    session.flush()?;
    session.exp_string("rejected b.jsonl.new")?;
    session.exp_string("[3/3] c.jsonl.new")?;
    session.exp_string(PROMPT)?;
    session.send("q")?;
    session.flush()?;
    session.exp_string("review: 1 accepted, 1 rejected, 1 skipped")?;
    session.exp_eof()?;

    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect("a file");
    assert_eq!(read("a.jsonl"), two);
    assert!(!dir.path().join("a.jsonl.new").exists());
    assert_eq!(read("b.jsonl"), one);
    assert!(!dir.path().join("b.jsonl.new").exists());
    assert_eq!(read("c.jsonl.new"), two, "quitting skips what is left");
    Ok(())
}
