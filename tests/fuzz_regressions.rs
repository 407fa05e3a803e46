//! Replays every input the fuzzers (`fuzz/`, see its README) once failed
//! on: each file of `fuzz/corpus-regressions/<target>/` goes through the
//! same check as the fuzz target `<target>` (`fuzz/src/checks.rs`, shared
//! through `#[path]`), so `cargo test --workspace` guards what fuzzing
//! found without building the fuzzers.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_input_that_once_failed_passes_its_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus-regressions");
    let mut replayed = 0;
    let mut failing = Vec::new();
    for entry in std::fs::read_dir(&root).expect("fuzz/corpus-regressions") {
        let dir = entry.expect("a directory entry").path();
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name");
        let Some((_, check)) = checks::TARGETS.iter().find(|(target, _)| *target == name) else {
            panic!("fuzz/corpus-regressions/{name}: no such fuzz target");
        };
        for input in std::fs::read_dir(&dir).expect("a target's folder") {
            let path = input.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a regression input");
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failing.push(path.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(
        failing.is_empty(),
        "these inputs fail their fuzz target again: {failing:#?}"
    );
    assert!(
        replayed > 0,
        "no regression input found under {}",
        root.display()
    );
}
