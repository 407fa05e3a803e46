//! Loading transcripts: cut-short and corrupt files give the documented
//! results, naming the file and the line.

mod common;

use std::path::Path;

use common::{KV, Variant, replay_kv};
use reprise_replayer::{Replay, ReplayError};
use reprise_transcript::{DEFAULT_MAX_LINE, End, Ending, Event, Header, Reader};
use serde_json::value::RawValue;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write transcript");
    path
}

/// The transcript up to (not including) the line of event `seq`, plus `tail`.
fn cut_before(seq: u64, tail: &str) -> String {
    let tag = format!("{{\"seq\":{seq},");
    let mut text: String = KV
        .lines()
        .take_while(|line| !line.starts_with(&tag))
        .map(|line| format!("{line}\n"))
        .collect();
    text.push_str(tail);
    text
}

#[test]
fn a_transcript_cut_short_between_inbound_calls_replays_up_to_its_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The process died after `put` returned, before `get` was recorded.
    let path = write(dir.path(), "cut.jsonl", &cut_before(10, ""));
    let replay = Replay::from_file(&path).expect("a cut-short transcript loads");
    assert!(replay.is_cut_short());
    let report = replay_kv(&replay, Variant::Recorded);
    report.assert_clean();
    assert_eq!(report.counts(), (1, 3));
    insta::assert_snapshot!(report.to_text(), @r"
    replay of `kv-node`: clean (1 inbound call, 3 outbound calls)

    note: the recording was cut short after #9 (no `end` line): it was replayed up to its cut
    ");
}

#[test]
fn a_transcript_torn_inside_an_inbound_call_stops_that_call_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The process died while `put` was replicating: the line of event 6 is torn.
    let path = write(
        dir.path(),
        "torn.jsonl",
        &cut_before(6, r#"{"seq":6,"kind":"call","dir":"out","port":"netw"#),
    );
    let replay = Replay::from_file(&path).expect("a torn transcript loads");
    let report = replay_kv(&replay, Variant::Recorded);
    report.assert_clean();
    assert_eq!(report.notes().len(), 2, "{report}");
    insta::assert_snapshot!(report.to_text(), @r"
    replay of `kv-node`: clean (1 inbound call, 2 outbound calls)

    note: the recording was cut short after #5 (no `end` line): it was replayed up to its cut; its torn last line 8 was skipped
    note: the component called network.replicate past the last outbound call recorded in inbound call #1 api.put; the recording ends there, so inbound call #1 api.put was stopped at that call
    ");
}

#[test]
fn a_corrupt_line_is_an_error_naming_the_file_and_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = KV.replace(
        r#"{"seq":5,"kind":"return","call":4,"ok":null"#,
        r#"{"seq":5,"kind":"return","call":4,"ok":nul"#,
    );
    let path = write(dir.path(), "corrupt.jsonl", &text);
    let err = Replay::from_file(&path).expect_err("a corrupt line is an error");
    assert!(matches!(err, ReplayError::Read { .. }));
    assert_eq!(err.line(), Some(7));
    assert_eq!(err.file(), Some(path.display().to_string()));
    assert_eq!(
        err.to_string(),
        format!("{}: line 7, column 43: expected ident", path.display())
    );
}

#[test]
fn a_line_that_is_not_an_event_is_an_error_naming_the_field() {
    let text = KV.replace(
        r#""port":"storage","method":"read","#,
        r#""method":"read","#,
    );
    let err = Replay::from_str(&text).expect_err("a call without a port is an error");
    assert_eq!(
        err.to_string(),
        "<string>: line 13: call event is missing field `port`"
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = Replay::from_file("no/such/recording.jsonl").expect_err("no file");
    assert!(
        err.to_string()
            .starts_with("no/such/recording.jsonl: cannot open transcript: "),
        "{err}"
    );
}

#[test]
fn a_foreign_file_is_not_a_transcript() {
    let err = Replay::from_str("{\"hello\":1}\n").expect_err("not a transcript");
    assert_eq!(err.line(), Some(1));
    assert!(
        err.to_string()
            .starts_with("<string>: line 1: not a reprise transcript"),
        "{err}"
    );
}

#[test]
fn the_initial_state_is_typed_and_errors_name_the_type() {
    #[derive(Debug, serde::Deserialize)]
    struct Wrong {
        #[allow(dead_code, reason = "only its type matters")]
        leader: u32,
    }
    let replay = Replay::from_str(KV).expect("loads");
    let err = replay.initial_state::<Wrong>().expect_err("wrong type");
    assert_eq!(
        err.to_string(),
        "<string>: the initial state (seq 0) cannot be read as `load::the_initial_state_is_typed_and_errors_name_the_type::Wrong`: missing field `leader`"
    );
    let header_only =
        Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")
            .expect("loads");
    assert_eq!(
        header_only
            .initial_state::<serde_json::Value>()
            .expect_err("none")
            .to_string(),
        "<string>: the transcript has no initial state (no `state` event)"
    );
}

/// The events of `text` (header apart), payloads raw, as a reader gives
/// them, and its `end` line as an event when it has one.
fn events_of(text: &str) -> (Header, Vec<Event<Box<RawValue>>>) {
    let mut reader = Reader::<_, Box<RawValue>>::with_payload(text.as_bytes(), DEFAULT_MAX_LINE)
        .expect("a header");
    let mut events = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .expect("reads");
    if let Some(Ending::Clean {
        events: written,
        dropped,
        ..
    }) = reader.ending()
    {
        events.push(Event::End(End::new(*written, *dropped)));
    }
    (reader.header().clone(), events)
}

#[test]
fn a_transcript_built_from_events_in_memory_replays_as_its_text_does() {
    let (header, events) = events_of(KV);
    let replay = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect("builds");
    assert!(!replay.is_cut_short());
    let from_events = replay_kv(&replay, Variant::Recorded);
    let from_text = replay_kv(&Replay::from_str(KV).expect("loads"), Variant::Recorded);
    from_events.assert_clean();
    assert_eq!(from_events.counts(), from_text.counts());
    assert_eq!(from_events.to_text(), from_text.to_text());

    // A divergence is found and told the same way.
    let (header, events) = events_of(KV);
    let replay = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect("builds");
    let diverged = replay_kv(&replay, Variant::SkipsLastPeer);
    let expected = replay_kv(
        &Replay::from_str(KV).expect("loads"),
        Variant::SkipsLastPeer,
    );
    assert!(!diverged.is_clean());
    assert_eq!(diverged.to_text(), expected.to_text());
}

#[test]
fn events_without_an_end_event_are_a_transcript_cut_short() {
    let (header, events) = events_of(&cut_before(10, ""));
    let replay = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect("builds");
    assert!(replay.is_cut_short());
    let report = replay_kv(&replay, Variant::Recorded);
    report.assert_clean();
    assert_eq!(report.counts(), (1, 3));
}

/// A transcript whose seqs do not break but whose `end` line counts 3
/// dropped events (a writer that dropped lines and renumbered nothing).
const DROPPED: &str = r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":2}}
{"seq":1,"kind":"return","call":0,"ok":4}
{"kind":"end","events":2,"dropped":3}
"#;

#[test]
fn regression_an_end_line_counting_dropped_events_is_a_gap_though_the_seqs_do_not_break() {
    // The reader keeps the `end` line as its ending and never yields it:
    // the count of dropped events was read from nowhere, so such a
    // transcript loaded as if complete.
    let gap = |err: ReplayError| match err {
        ReplayError::Gap {
            before,
            after,
            dropped,
            ..
        } => (before, after, dropped),
        other => panic!("not a gap: {other}"),
    };
    let err = Replay::from_str(DROPPED).expect_err("a gap");
    assert_eq!(
        err.to_string(),
        "<string>: events are missing after #1 (the end line counts 3 dropped): this transcript can only be replayed from a checkpoint after them; replay a dump taken after a checkpoint, or allow the gap with `ReplayBuilder::allow_gaps(true)`"
    );
    assert_eq!(gap(err), (1, 1, 3));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "dropped.jsonl", DROPPED);
    let err = Replay::from_file(&path).expect_err("a gap from the file");
    assert_eq!(err.file(), Some(path.display().to_string()));
    assert_eq!(gap(err), (1, 1, 3));
    let err = Replay::builder()
        .from_reader(DROPPED.as_bytes(), "upload.jsonl")
        .expect_err("a gap from a reader");
    assert_eq!(gap(err), (1, 1, 3));

    // Events in memory with such an `end` event: the same.
    let (header, events) = events_of(DROPPED);
    assert!(matches!(events.last(), Some(Event::End(end)) if end.dropped == 3));
    let err = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect_err("a gap from events");
    assert_eq!(err.file().as_deref(), Some("<memory>"));
    assert_eq!(gap(err), (1, 1, 3));

    // Allowed, it loads, replays, and its report says events are missing.
    let replay = Replay::builder()
        .allow_gaps(true)
        .from_str(DROPPED)
        .expect("allowed");
    assert!(!replay.is_cut_short());
    let report =
        replay.drive(|call| Ok(reprise_replayer::Outcome::ok(&(call.arg::<u64>("n")? * 2))?));
    report.assert_clean();
    assert_eq!(
        report.notes(),
        [
            "events are missing: the end line counts 3 dropped, though the seqs do not break; the replay went on"
        ]
    );
    let (header, events) = events_of(DROPPED);
    assert!(
        Replay::builder()
            .allow_gaps(true)
            .from_events(header, events, "<memory>")
            .is_ok()
    );
}

#[test]
fn events_in_memory_are_checked_as_a_files_lines_are() {
    // Seqs that go back: an error naming the name given and the line the
    // event would be on (the header is line 1).
    let (header, mut events) = events_of(KV);
    events.swap(1, 2);
    let err = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect_err("seqs go back");
    assert_eq!(err.file().as_deref(), Some("<memory>"));
    assert_eq!(err.line(), Some(4));
    // An `end` event that miscounts the events before it.
    let (header, mut events) = events_of(KV);
    events.remove(0);
    let err = Replay::builder()
        .from_events(header, events, "<memory>")
        .expect_err("the end line miscounts");
    assert!(err.to_string().contains("the end line counts"), "{err}");
}
