//! Hostile input for the reader: arbitrary bytes, and mutations of a real
//! recording (bytes flipped, ranges cut, lines duplicated and swapped,
//! garbage inserted). The reader never panics, always terminates, and every
//! error names a line. More cases on demand: `PROPTEST_CASES=100000`.

use proptest::prelude::*;
use reprise_transcript::{ReadError, Reader};

/// The project's checked-in recording.
const RECORDING: &str = include_str!("../../tests/recordings/consensus-view-change-race.jsonl");

/// Reads everything; returns how many events and errors it saw.
fn read_all(bytes: &[u8]) -> (usize, usize) {
    let Ok(mut reader) = Reader::with_max_line(std::io::BufReader::new(bytes), 1 << 16) else {
        return (0, 1);
    };
    let (mut events, mut errors) = (0, 0);
    for item in reader.by_ref() {
        match item {
            Ok(_) => events += 1,
            Err(e) => {
                errors += 1;
                let named = e.line().is_some() || matches!(e, ReadError::Io { .. });
                assert!(named, "an error that names no line: {e}");
            }
        }
        assert!(events + errors <= bytes.len() + 1, "more items than bytes");
    }
    assert!(
        reader.ending().is_some(),
        "iteration ended without an ending"
    );
    (events, errors)
}

/// One way to damage a transcript.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| Mutation::Cut(i, n)),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..64)
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::Flip(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
        }
        Mutation::Cut(i, n) => {
            let i = i.index(bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Insert(i, b) => {
            let i = i.index(bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        Mutation::DuplicateLine(i) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = i.index(lines.len());
            let line = lines[i].clone();
            lines.insert(i, line);
            *bytes = lines.join(&b'\n');
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            *bytes = lines.join(&b'\n');
        }
        Mutation::Truncate(i) => {
            let i = i.index(bytes.len());
            bytes.truncate(i);
        }
    }
}

proptest! {
    // Brief in `cargo test`; longer on demand with PROPTEST_CASES=100000.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn arbitrary_bytes_never_panic_or_hang(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        read_all(&bytes);
    }

    #[test]
    fn arbitrary_bytes_after_a_header_never_panic_or_hang(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let mut text = b"{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n".to_vec();
        text.extend_from_slice(&bytes);
        read_all(&text);
    }

    #[test]
    fn a_damaged_recording_never_panics_and_keeps_what_it_can(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = RECORDING.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        read_all(&bytes);
    }
}

#[test]
fn the_undamaged_recording_reads_clean() {
    assert_eq!(read_all(RECORDING.as_bytes()).1, 0);
}
