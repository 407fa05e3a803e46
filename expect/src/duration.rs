//! Durations: the `ms`/`secs` helpers, and how durations are written and read
//! in reports and profiles.

use std::time::Duration;

/// `n` milliseconds, for thresholds: `warn_after(ms(200))`.
///
/// ```
/// use reprise::expect::expect::ms;
/// assert_eq!(ms(200), std::time::Duration::from_millis(200));
/// ```
pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// `n` seconds, for thresholds: `fail_after(secs(1))`.
///
/// ```
/// use reprise::expect::expect::secs;
/// assert_eq!(secs(1), std::time::Duration::from_secs(1));
/// ```
pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Nanoseconds in a `Duration`, saturating at `u64::MAX`.
pub(crate) fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// A duration in nanoseconds as people write it: `1.5s`, `200ms`, `12us`, `7ns`.
pub(crate) fn format_ns(ns: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (1_000_000_000, "s"),
        (1_000_000, "ms"),
        (1_000, "us"),
        (1, "ns"),
    ];
    for (scale, unit) in UNITS {
        if ns >= scale || scale == 1 {
            let whole = ns / scale;
            let frac = (ns % scale) * 1000 / scale;
            return if frac == 0 {
                format!("{whole}{unit}")
            } else {
                let frac = format!("{frac:03}");
                format!("{whole}.{}{unit}", frac.trim_end_matches('0'))
            };
        }
    }
    format!("{ns}ns")
}

/// Reads `200ms`, `1.5s`, `30us`, `10ns`, `2m` into nanoseconds.
pub(crate) fn parse_ns(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let scale: f64 = match unit {
        "ns" => 1.0,
        "us" | "µs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" | "min" => 60e9,
        _ => return None,
    };
    let number: f64 = number.trim().parse().ok()?;
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    Some((number * scale).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ns: u64, text: &str) {
        assert_eq!(format_ns(ns), text);
        assert_eq!(parse_ns(text), Some(ns), "{text}");
    }

    #[test]
    fn durations_read_back_as_written() {
        check(1_500_000_000, "1.5s");
        check(200_000_000, "200ms");
        check(12_000, "12us");
        check(7, "7ns");
        check(0, "0ns");
        check(1_250_000, "1.25ms");
    }

    #[test]
    fn bad_durations_are_refused() {
        assert_eq!(parse_ns("200"), None);
        assert_eq!(parse_ns("fast"), None);
        assert_eq!(parse_ns("-1s"), None);
        assert_eq!(parse_ns("1h"), None);
    }
}
