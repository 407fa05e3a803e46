//! Driving a real headless Chromium for the page tests: find it, dump the
//! DOM after the page's script ran, take a screenshot.
//!
//! Without a browser a test prints why it is skipped, unless
//! `REPRISE_REQUIRE_BROWSER` is set (CI sets it): then it fails.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser to use, or `None` (with a message) when there is none and
/// none is required.
pub fn browser(test: &str) -> Option<PathBuf> {
    let found = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        let paths = std::env::var_os("PATH")?;
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var_os("REPRISE_REQUIRE_BROWSER").is_some() {
            panic!(
                "{test}: REPRISE_REQUIRE_BROWSER is set but no Chromium is installed \
                 (apt-get install chromium)"
            );
        }
        // Written to the process's stderr, not through `eprintln!`, which
        // the test harness captures and hides for a passing test.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!(
                "SKIPPED {test}: no headless browser found (chromium, chromium-browser); \
                 install Debian's `chromium` to run it, or set REPRISE_REQUIRE_BROWSER=1 to make this a failure\n"
            )
            .as_bytes(),
        );
    }
    found
}

/// Runs the browser on `page` with `args`, killing it after two minutes.
fn run(browser: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the browser");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).expect("read the DOM");
        text
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for the browser").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().expect("kill the browser");
            panic!("the browser did not finish within 2 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("the DOM")
}

/// The DOM of `page` once its script ran.
pub fn dump_dom(browser: &Path, page: &Path) -> String {
    run(browser, page, &["--dump-dom".into()])
}

/// A screenshot of `page`, `width` by `height`, written to `png`.
pub fn screenshot(browser: &Path, page: &Path, png: &Path, width: u32, height: u32) {
    run(
        browser,
        page,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size={width},{height}"),
        ],
    );
    let bytes = std::fs::read(png).expect("the screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
}

/// The value of `data-NAME` on the body, once the script ran.
pub fn body_data<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("data-{name}=\"");
    let start = dom.find("<body")?;
    let tag_end = start + dom[start..].find('>')?;
    let tag = &dom[start..tag_end];
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// Where test artifacts (pages, screenshots) are kept: `target/reprise-view/`.
pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("Cargo.lock").exists())
        .unwrap_or(Path::new("."))
        .join("target")
        .join("reprise-view");
    std::fs::create_dir_all(&dir).expect("the artifacts directory");
    dir
}
