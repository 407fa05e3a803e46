//! Seeds and case counts from the environment, one seed per case, and the
//! command that reruns a case alone.

use proptest::test_runner::{RngAlgorithm, TestRng};

/// The environment variable a campaign takes its seed from when
/// [`Campaign::seed`](crate::Campaign::seed) is not given: a decimal `u64`.
/// With `PROPTEST_CASES=1` it reruns exactly the case whose seed it is,
/// which is the command a failing campaign prints.
///
/// ```
/// assert_eq!(reprise::entropy::SEED_ENV, "REPRISE_SEED");
/// ```
pub const SEED_ENV: &str = "REPRISE_SEED";

/// The environment variable proptest reads for its number of cases.
pub(crate) const CASES_ENV: &str = "PROPTEST_CASES";

/// A number from the environment variable `name`; `Err` names the variable
/// when it is set but not a number (never its value: it is the user's).
pub(crate) fn number_from_env(name: &str) -> Result<Option<u64>, String> {
    match std::env::var(name) {
        Ok(text) if !text.trim().is_empty() => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{name} is set but is not a whole number")),
        _ => Ok(None),
    }
}

/// A seed from the clock, for a campaign given none.
pub(crate) fn from_clock() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    mix(nanos as u64 ^ u64::from(std::process::id()))
}

/// The seed of case `i` of a campaign seeded with `seed`: the seed itself
/// for case 0, so a case's seed reruns it as case 0 of a one-case campaign.
pub(crate) fn of_case(seed: u64, i: u64) -> u64 {
    if i == 0 { seed } else { mix(seed ^ mix(i)) }
}

/// splitmix64's finaliser: a good spread of nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// proptest's random source for one case.
pub(crate) fn rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        chunk.copy_from_slice(&mix(seed.wrapping_add(i as u64)).to_le_bytes());
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// The command that reruns the case seeded `seed` alone, in the test `test`
/// of the running binary, as [`rerun_args`] guesses its package and target.
pub(crate) fn rerun_command(seed: u64, test: Option<&str>) -> String {
    let exe = std::env::current_exe().ok();
    let package = std::env::var("CARGO_PKG_NAME").ok();
    let (runner, target) = rerun_args(exe.as_deref(), package.as_deref());
    let mut command = format!("{SEED_ENV}={seed} {CASES_ENV}=1 cargo {runner}");
    if let Some(package) = package.filter(|p| !p.is_empty()) {
        command.push_str(&format!(" -p {package}"));
    }
    if let Some(target) = target {
        command.push_str(&format!(" {target}"));
    }
    if let Some(test) = test.filter(|_| runner == "test") {
        command.push_str(&format!(" -- {test} --exact"));
    }
    command
}

/// How cargo runs the binary at `exe` again, from its path: `target/*/examples/NAME`
/// is `run --example NAME`; `target/*/deps/NAME-HASH` is a test binary,
/// `test --lib` when `NAME` is the package's crate name (`package` with `-`
/// made `_`; cargo sets `CARGO_PKG_NAME` for what it runs), `test --doc` for a
/// doc test (`rust_out`), else `test --test NAME` (an integration test; the
/// guess is wrong for a bench or a binary's unit tests). Unknown: `test` alone.
pub(crate) fn rerun_args(
    exe: Option<&std::path::Path>,
    package: Option<&str>,
) -> (&'static str, Option<String>) {
    let Some(exe) = exe else {
        return ("test", None);
    };
    let Some(stem) = exe.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return ("test", None);
    };
    let name = match stem.rsplit_once('-') {
        Some((name, hash)) if !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            name.to_owned()
        }
        _ => stem,
    };
    let dir = exe
        .parent()
        .and_then(|d| d.file_name())
        .map(|d| d.to_string_lossy().into_owned());
    let crate_name = package.map(|p| p.replace('-', "_"));
    match dir.as_deref() {
        Some("examples") => ("run", Some(format!("--example {name}"))),
        _ if name == "rust_out" => ("test", Some("--doc".to_owned())),
        Some("deps") if crate_name.as_deref() == Some(name.as_str()) => {
            ("test", Some("--lib".to_owned()))
        }
        Some("deps") => ("test", Some(format!("--test {name}"))),
        _ => ("test", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_zero_runs_with_the_campaign_seed_and_others_differ() {
        assert_eq!(of_case(42, 0), 42);
        let seeds: std::collections::BTreeSet<u64> = (0..1000).map(|i| of_case(42, i)).collect();
        assert_eq!(seeds.len(), 1000);
    }

    #[test]
    fn the_rerun_command_sets_the_seed_and_one_case() {
        let command = rerun_command(17, Some("campaign_finds_it"));
        assert!(
            command.starts_with("REPRISE_SEED=17 PROPTEST_CASES=1 cargo test"),
            "{command}"
        );
        // These unit tests are the library's own.
        assert!(command.contains(" -p reprise-entropy --lib"), "{command}");
        assert!(
            command.ends_with(" -- campaign_finds_it --exact"),
            "{command}"
        );
    }

    #[test]
    fn the_rerun_target_is_guessed_from_the_binary_and_the_package() {
        use std::path::Path;
        let guess = |exe: &str, package| rerun_args(Some(Path::new(exe)), package);
        let test = |target: &str| ("test", Some(target.to_owned()));
        assert_eq!(
            guess(
                "/w/target/debug/deps/consensus-0054e4dc9c634271",
                Some("reprise")
            ),
            test("--test consensus")
        );
        assert_eq!(
            guess(
                "/w/target/debug/deps/reprise_entropy-34c89df9d4f38765",
                Some("reprise-entropy")
            ),
            test("--lib")
        );
        assert_eq!(
            guess("/w/target/debug/examples/consensus", Some("reprise")),
            ("run", Some("--example consensus".to_owned()))
        );
        assert_eq!(guess("/tmp/rustdoctest/rust_out", None), test("--doc"));
        assert_eq!(guess("/usr/bin/my-tool", None), ("test", None));
        assert_eq!(rerun_args(None, None), ("test", None));
    }
}
