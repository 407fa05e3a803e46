//! A component built on a trait it does not own, recorded and replayed:
//! a page-view counter over the redis crate's `redis::ConnectionLike`.
//!
//! `glue.rs` is everything the user writes for it: a local copy of the
//! trait's required methods under `#[reprise::boundary(remote = ..)]`, two
//! mirrors (`redis::Value`, `redis::RedisError`) and a `with` module that
//! writes commands as words. The component (`counter.rs`) uses the redis
//! crate's `Commands` as it would in production.
//!
//! It records against an in-memory stand-in for a redis server, or against
//! a real one when `REDIS_URL` is set (`REDIS_URL=redis://127.0.0.1/`).

mod counter;
mod glue;
mod server;
mod story;

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let (transcript, seen) = match std::env::var("REDIS_URL") {
        Ok(url) => {
            println!("== recording against the redis server at {url}");
            story::record(redis::Client::open(url)?.get_connection()?, counter::TTL)?
        }
        Err(_) => {
            println!("== recording against an in-memory redis (set REDIS_URL for a real one)");
            story::record(
                server::MemoryRedis::default().with("views:legacy", "n/a"),
                counter::TTL,
            )?
        }
    };
    for (page, saw) in story::PAGES.iter().zip(&seen) {
        println!("   visit {page:<7} -> {saw}");
    }
    println!(
        "\n== the transcript (JSON Lines), commands as words, values and errors through their mirrors"
    );
    for line in transcript
        .lines()
        .filter(|l| {
            l.contains(r#""method":"req_packed_command""#) || l.contains(r#""kind":"return""#)
        })
        .take(8)
    {
        println!("   {line}");
    }

    println!("\n== replaying the same component: no redis anywhere");
    let (report, replayed) = story::replay(&transcript, counter::TTL)?;
    println!(
        "   same answers: {}; {}",
        replayed == seen,
        report.to_text().lines().next().unwrap_or("clean")
    );

    println!("\n== replaying a component whose counters live 60 s instead of an hour");
    let (report, _) = story::replay(&transcript, 60)?;
    println!("{}", report.to_text());
    Ok(())
}
