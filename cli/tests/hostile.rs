//! Every command that reads a transcript, on damaged copies of a real
//! recording and on raw garbage: each ends (no hang), exits 0, 1 or 2, and
//! never panics. The damage is deterministic (a fixed-seed generator), so a
//! failure reproduces.

mod common;

use std::path::Path;

const RECORDING: &str = include_str!("../../tests/recordings/consensus-view-change-race.jsonl");

/// A small fixed-seed generator (xorshift), so each run damages alike.
struct Damage(u64);

impl Damage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    /// The recording with a few bytes flipped, a range cut, garbage put in
    /// and two lines swapped.
    fn copy(&mut self) -> Vec<u8> {
        let mut bytes = RECORDING.as_bytes().to_vec();
        for _ in 0..1 + self.below(4) {
            let i = self.below(bytes.len());
            bytes[i] = self.next().to_le_bytes()[0];
        }
        let i = self.below(bytes.len());
        let end = (i + self.below(300)).min(bytes.len());
        bytes.drain(i..end);
        let i = self.below(bytes.len());
        let junk: Vec<u8> = (0..self.below(50))
            .map(|_| self.next().to_le_bytes()[1])
            .collect();
        bytes.splice(i..i, junk);
        let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        let (a, b) = (self.below(lines.len()), self.below(lines.len()));
        lines.swap(a, b);
        lines.join(&b'\n')
    }
}

fn run(dir: &Path, args: &[&str]) {
    let output = common::reprise(dir, args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "{args:?} exited with {:?}: {stderr}",
        output.status.code()
    );
}

#[test]
fn every_command_survives_damaged_and_garbage_transcripts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path();
    std::fs::write(path.join("expect.toml"), "[profiles.unit]\n").expect("profile");
    let mut damage = Damage(0x5eed_cafe_f00d_d00d);
    let mut inputs: Vec<Vec<u8>> = (0..10).map(|_| damage.copy()).collect();
    inputs.push((0..4096).map(|_| damage.next().to_le_bytes()[2]).collect());
    inputs.push(Vec::new());
    inputs.push(b"{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\0\0\0".to_vec());
    for (i, bytes) in inputs.iter().enumerate() {
        let file = format!("t{i}.jsonl");
        std::fs::write(path.join(&file), bytes).expect("write");
        let out = format!("out{i}.jsonl");
        let toml = format!("trained{i}.toml");
        for args in [
            vec!["inspect", &file],
            vec!["inspect", "--pretty", &file],
            vec!["verify", &file],
            vec!["verify", "--json", &file],
            vec!["scrub", &file, "-o", &out],
            vec!["check", "--expectations", "expect.toml", &file],
            vec!["train", &file, "-o", &toml],
        ] {
            run(path, &args);
        }
    }
}

/// Issue 15: an in-place scrub changed the file's mode to 0600, and a
/// temporary file left by a kill did not say what it was. The output keeps
/// the mode of the file it replaces, and no temporary file is left.
#[cfg(unix)]
#[test]
fn regression_an_in_place_scrub_keeps_the_mode_and_leaves_nothing_behind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.jsonl");
    std::fs::write(&path, RECORDING).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let output = common::reprise(dir.path(), &["scrub", "t.jsonl", "-o", "t.jsonl"])
        .env("REPRISE_SANITIZER_KEY", "a-test-key-of-32-bytes-or-so....")
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["t.jsonl"]);
}
