//! A scrubbed transcript replays when its state and messages hold counts
//! under names that contain `token` or `session` (`tokens`,
//! `session_count`, `max_tokens`): the key rules do not take a count, a
//! scrubbed value keeps its JSON type, and the secret next to them is gone.
//!
//! Regression test for "scrubbing breaks replay": a limiter state
//! `{"tokens": 3}` used to become `"[redacted:key:token]"`, and the replay
//! failed with `invalid type: string, expected u32`.

use std::collections::BTreeSet;

use reprise::recorder::{MemorySink, Recorder};
use reprise::replayer::Replay;
use reprise::transcript::{Event, Reader};
use reprise_sanitizer::{Key, Sanitizer, Verifier, pseudonymized_paths};
use serde::{Deserialize, Serialize};

/// The limiter's state, as checkpointed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limiter {
    tokens: u32,
    max_tokens: u32,
    session_count: u64,
    sessions: Vec<String>,
}

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    session: String,
    api_token: String,
    token_count: u32,
    prompt_tokens: u32,
}

/// The component's storage port: it loads and saves the limiter.
#[reprise::boundary]
pub trait Store {
    /// The limiter as stored.
    fn load(&mut self) -> Limiter;
    /// Stores the limiter; returns the tokens left.
    fn save(&mut self, limiter: &Limiter) -> Result<u32, String>;
}

/// The component's API.
#[reprise::boundary(inbound)]
pub trait Api {
    /// Admits a request if enough tokens are left.
    fn admit(&mut self, request: Request) -> Result<Limiter, String>;
}

struct Gate<S> {
    store: S,
}

impl<S: Store> Api for Gate<S> {
    fn admit(&mut self, request: Request) -> Result<Limiter, String> {
        let mut limiter = self.store.load();
        if limiter.tokens < request.token_count {
            return Err(format!("only {} tokens left", limiter.tokens));
        }
        limiter.tokens -= request.token_count;
        limiter.session_count += 1;
        limiter.sessions.push(request.session);
        self.store.save(&limiter)?;
        Ok(limiter)
    }
}

struct Memory(Limiter);

impl Store for Memory {
    fn load(&mut self) -> Limiter {
        self.0.clone()
    }
    fn save(&mut self, limiter: &Limiter) -> Result<u32, String> {
        self.0 = limiter.clone();
        Ok(limiter.tokens)
    }
}

fn sanitizer() -> Sanitizer {
    Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"a key only the user holds", "test").expect("key"))
        .build()
        .expect("defaults build")
}

#[test]
fn a_scrubbed_transcript_with_counts_under_token_names_replays_clean()
-> Result<(), Box<dyn std::error::Error>> {
    let initial = Limiter {
        tokens: 10,
        max_tokens: 10,
        session_count: 0,
        sessions: Vec::new(),
    };
    let sink = MemorySink::new();
    let recorder = Recorder::builder("limiter")
        .sanitizer(sanitizer())
        .sink(sink.clone())
        .start(&initial)?;
    let store = RecordedStore::new(Memory(initial.clone()), &recorder);
    let mut gate = RecordedApi::new(Gate { store }, &recorder);
    for (i, count) in [3u32, 4, 5].into_iter().enumerate() {
        let _ = gate.admit(Request {
            session: format!("sess-{i}"),
            api_token: format!("tok_live_Q8x2vLr0Zt7Wp4Nk{i}Ys9"),
            token_count: count,
            prompt_tokens: 100 + count,
        });
    }
    recorder.finish()?;
    let text = sink.contents_string();

    // The secret is gone; the counts are intact numbers.
    assert!(!text.contains("tok_live_"), "the api token was scrubbed");
    assert!(text.contains(r#""tokens":3"#) && text.contains(r#""token_count":4"#));
    assert!(text.contains(r#""max_tokens":10"#) && text.contains(r#""session_count":2"#));
    assert!(text.contains(r#""prompt_tokens":105"#));

    // verify agrees with what the recorder's sanitizer wrote.
    let mut reader = Reader::new(text.as_bytes())?;
    let events: Vec<Event> = reader.by_ref().collect::<Result<_, _>>()?;
    let accepted: BTreeSet<String> = match reader.ending() {
        Some(ending) => pseudonymized_paths(ending.sanitizer()),
        None => BTreeSet::new(),
    };
    let verifier = Verifier::new()?;
    for event in &events {
        assert_eq!(verifier.check_event(event, &accepted), [], "{event:?}");
    }

    // And the scrubbed transcript replays against the real component.
    let replay = Replay::from_str(&text)?;
    let restored: Limiter = replay.initial_state()?;
    assert_eq!(restored, initial);
    let mut gate = Gate {
        store: ReplayStore::new(&replay),
    };
    replay
        .drive(|call| ApiDispatcher::dispatch(&mut gate, call))
        .assert_clean();
    Ok(())
}
