//! The story, shared by `cargo run --example redis_cache` and
//! `tests/redis_cache.rs`: the component recorded against the user's
//! redis, then replayed with no redis at all.

use reprise::recorder::{MemorySink, RecordError, Recorder};
use reprise::replayer::{Replay, ReplayError, Report};

use crate::counter::{Visit, visit};
use crate::glue::{RecordedConnectionLike, ReplayConnectionLike};

/// The pages visited, in order; `legacy`'s counter holds text, so its
/// visit fails with the server's error.
pub const PAGES: [&str; 5] = ["home", "docs", "docs", "legacy", "docs"];

fn describe(visit: redis::RedisResult<Visit>) -> String {
    match visit {
        Ok(v) => format!("{} views, top page {}", v.views, v.top),
        Err(e) => format!("error: {}", e.detail().unwrap_or("(no detail)")),
    }
}

/// At the user's site: the component runs against their redis, through the
/// recording wrapper. Returns the transcript and what each visit saw.
pub fn record(
    con: impl redis::ConnectionLike,
    ttl: i64,
) -> Result<(String, Vec<String>), RecordError> {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("page-counter")
        .sink(sink.clone())
        .start(&())?;
    let mut con = RecordedConnectionLike::new(con, &recorder);
    let seen = PAGES
        .iter()
        .map(|page| describe(visit(&mut con, page, ttl)))
        .collect();
    drop(con);
    recorder.finish()?;
    Ok((sink.contents_string(), seen))
}

/// In `cargo test`: the same component against the replaying stand-in,
/// which implements `redis::ConnectionLike` from the transcript.
pub fn replay(transcript: &str, ttl: i64) -> Result<(Report, Vec<String>), ReplayError> {
    let replay = Replay::from_str(transcript)?;
    let mut con = ReplayConnectionLike::new(&replay);
    let seen = PAGES
        .iter()
        .map(|page| describe(visit(&mut con, page, ttl)))
        .collect();
    Ok((replay.finish(), seen))
}
