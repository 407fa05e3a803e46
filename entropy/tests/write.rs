//! A failing case is written scrubbed: nothing unscrubbed touches the
//! recordings folder, not even for a moment.

use reprise::entropy::{Campaign, EntropyError, MutationConfig, Transcript, Verdict};

const SECRET: &str = "alice@corp.com";

#[test]
fn a_failing_case_never_writes_its_secret_unscrubbed() -> Result<(), Box<dyn std::error::Error>> {
    // The source was recorded scrubbed: its header says how.
    let header = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"sanitizer\":{\"mode\":\"rules\",\"rules\":[{\"name\":\"email\",\"target\":\"detector\",\"action\":\"redact\"}]}}\n";
    let mut text = header.to_owned();
    for i in 0..4u64 {
        text.push_str(&format!(
            "{{\"seq\":{},\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{{\"n\":{i}}}}}\n{{\"seq\":{},\"kind\":\"return\",\"call\":{},\"ok\":null}}\n",
            2 * i,
            2 * i + 1,
            2 * i
        ));
    }
    let source = Transcript::from_str(&text)?;
    // What the component did in the failing case: it echoed a secret.
    let actual = format!(
        "{header}{{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{{\"n\":0}}}}\n{{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":{{\"owner\":\"{SECRET}\"}}}}\n"
    );
    let dir = tempfile::tempdir()?;
    // Meanwhile, every file that appears in the folder is read: the
    // unscrubbed case once sat there as `<case>.jsonl.new` until scrubbed.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (stop, dir) = (stop.clone(), dir.path().to_owned());
        std::thread::spawn(move || {
            let mut seen = std::collections::BTreeSet::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    if std::fs::read_to_string(entry.path()).is_ok_and(|t| t.contains(SECRET)) {
                        seen.insert(entry.path());
                    }
                }
            }
            seen
        })
    };
    let report = Campaign::new(&source)
        .mutations(MutationConfig::delivery())
        .cases(64)
        .seed(5)
        .quiet()
        .write_failures_to(dir.path())
        .run(|case| {
            Ok::<_, EntropyError>(if case.mutated.mutations.is_empty() {
                Verdict::Passed
            } else {
                Verdict::Failed {
                    reason: "owner leaked".into(),
                    actual: Some(actual.clone().into_bytes()),
                }
            })
        });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = watcher.join().expect("the watcher");
    assert!(seen.is_empty(), "the secret was on disk in {seen:?}");
    let written = report?
        .failure
        .and_then(|f| f.transcript)
        .expect("a failing case written");
    let files: Vec<_> = std::fs::read_dir(dir.path())?.collect::<Result<_, _>>()?;
    assert_eq!(
        files.len(),
        1,
        "only the case, no pending or temporary file"
    );
    assert_eq!(files[0].path(), written);
    for file in &files {
        let text = std::fs::read_to_string(file.path())?;
        assert!(!text.contains(SECRET), "{}", file.path().display());
        assert!(text.contains("[redacted:email]"));
    }
    Ok(())
}
