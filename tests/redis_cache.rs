//! The `redis_cache` example's story, checked without printing: a component
//! on the redis crate's `redis::ConnectionLike` (a trait reprise does not
//! own, with values and errors that are not serde types) is recorded
//! through the `remote` wrapper, replays clean with no redis anywhere, and
//! a changed component diverges at the command word that changed.
//!
//! The example's modules are compiled into this test as they are.

#[path = "../examples/redis_cache/counter.rs"]
mod counter;
#[path = "../examples/redis_cache/glue.rs"]
mod glue;
#[path = "../examples/redis_cache/server.rs"]
mod server;
#[path = "../examples/redis_cache/story.rs"]
mod story;

use reprise::replayer::FindingKind;

fn recorded() -> (String, Vec<String>) {
    let server = server::MemoryRedis::default().with("views:legacy", "n/a");
    story::record(server, counter::TTL).expect("record")
}

#[test]
fn the_transcript_reads_like_the_commands_sent() {
    let (transcript, seen) = recorded();
    assert_eq!(
        seen,
        [
            "1 views, top page home",
            "1 views, top page home",
            "2 views, top page docs",
            "error: value is not an integer or out of range",
            "3 views, top page docs",
        ]
    );
    for line in [
        r#""method":"req_packed_command","args":{"cmd":["INCRBY","views:home","1"]}"#,
        r#""ok":{"Int":1}"#,
        r#""args":{"cmd":["GET","top:page"]}"#,
        r#""ok":"Nil""#,
        r#""ok":{"Text":"home"}"#,
        r#""ok":"Okay""#,
        r#""err":{"kind":"Server(ResponseError)","code":"ERR","detail":"value is not an integer or out of range"}"#,
    ] {
        assert!(transcript.contains(line), "{line} in {transcript}");
    }
}

#[test]
fn the_component_replays_clean_with_no_redis() {
    let (transcript, seen) = recorded();
    let (report, replayed) = story::replay(&transcript, counter::TTL).expect("replay");
    report.assert_clean();
    assert_eq!(
        replayed, seen,
        "values and errors come back through their mirrors"
    );
}

#[test]
fn a_changed_expiry_diverges_at_the_command_word() {
    let (transcript, _) = recorded();
    let (report, _) = story::replay(&transcript, 60).expect("replay");
    let first = report.first().expect("a divergence");
    assert_eq!(
        (first.kind, first.port.as_str(), first.method.as_str()),
        (FindingKind::ArgumentsDiffer, "redis", "req_packed_command")
    );
    assert_eq!(first.paths, ["$.args.cmd[2]"]);
}
