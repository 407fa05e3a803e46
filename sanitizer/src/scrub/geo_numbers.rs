//! Coordinates held as JSON numbers: `{"lat": 52.516275, "lng":
//! 13.377704}`, `{"pos": [52.516275, 13.377704]}`, a GeoJSON geometry's
//! `coordinates`.
//!
//! Text is read for coordinates by `detect/geo.rs`; a number is no text,
//! so the walk reads the structure instead:
//!
//! - an object with a latitude member (`lat`, `latitude`, `homeLat`,
//!   `gps_latitude`, `_latitude`, `latitudeE7`, ...) and a longitude member
//!   (`lon`, `lng`, `long`, `longitude`, ...), each a number in range with
//!   four decimals or more (about ten metres; an integer `E7` value not a
//!   multiple of 1,000): each such member is taken;
//! - an array of two numbers (three under `coordinates`, the third an
//!   altitude) under a key that says it is a place (`pos`, `location`,
//!   `coords`, `gps`, `center`, ...), both in range with four decimals or
//!   more, in either order; under such a key, arrays of them (a GeoJSON
//!   line or polygon) too.
//!
//! Each number taken becomes its pseudonym by the `geolocation` rule, the
//! same digits a coordinate in text gets, kept a number with as many
//! digits before and after the point, no trailing zero (which a number
//! would lose) and within its range. Fewer decimals (a city), a lone
//! latitude, `lat_ms` or `latency`, and pairs under other keys (`weights`,
//! `scores`, a matrix) stay.

use serde_json::Number;

use super::node::{Node, Object};
use super::{PathState, Sanitizer, Verdict};
use crate::action::Action;
use crate::pseudonym::{Pseudonymizer, Shape};
use crate::report::Tally;

use super::key_facts::KeyFacts;

/// Words that name a latitude, lowercased.
const LATITUDE: &[&str] = &[
    "lat",
    "latitude",
    "breite",
    "breitengrad",
    "latitud",
    "latitudine",
];

/// Words that name a longitude, lowercased.
const LONGITUDE: &[&str] = &[
    "lon",
    "lng",
    "long",
    "longitude",
    "länge",
    "laenge",
    "längengrad",
    "laengengrad",
    "longitud",
    "longitudine",
];

/// Last words of a key that holds a point as an array.
const PLACE: &[&str] = &[
    "pos",
    "position",
    "coord",
    "coords",
    "coordinate",
    "coordinates",
    "location",
    "loc",
    "latlng",
    "latlon",
    "lnglat",
    "lonlat",
    "gps",
    "geo",
    "geopoint",
    "center",
    "centre",
    "standort",
    "posizione",
    "ubicacion",
];

/// Whole keys (their words joined) that hold a point as an array.
const PLACE_JOINED: &[&str] = &[
    "latlng", "latlon", "latlong", "lnglat", "lonlat", "geopoint", "gpspoint",
];

/// How many levels of arrays above a point are looked through (a GeoJSON
/// `MultiPolygon` has three).
pub(super) const MAX_LEVELS: usize = 3;

/// A coordinate's axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    /// The largest magnitude of the axis, in degrees.
    pub(crate) fn bound(self) -> u64 {
        match self {
            Axis::Latitude => 90,
            Axis::Longitude => 180,
        }
    }
}

/// How a coordinate is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scale {
    /// In degrees, with decimals.
    Degrees,
    /// As an integer of ten-millionths of a degree (`latitudeE7`).
    E7,
}

/// What a key says about a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum GeoKey {
    /// Nothing.
    #[default]
    None,
    /// A latitude or longitude member.
    Axis(Axis, Scale),
    /// A member holding a point as an array, or arrays of points;
    /// `geojson` when it is `coordinates` (a point may carry an altitude).
    Place { geojson: bool },
}

impl GeoKey {
    /// What `key` says about a place, read by its words (`homeLat`,
    /// `gps_latitude`, `GPSLatitude`, `latitudeE7`).
    pub(crate) fn of(key: &str) -> GeoKey {
        if key.len() > 64 {
            return GeoKey::None;
        }
        let words = words(key);
        let Some(last) = words.last() else {
            return GeoKey::None;
        };
        if PLACE_JOINED.contains(&words.concat().as_str()) {
            return GeoKey::Place { geojson: false };
        }
        let (axis_word, scale) = if last == "e7" && words.len() >= 2 {
            (words[words.len() - 2].as_str(), Scale::E7)
        } else if let Some(stem) = last.strip_suffix("e7") {
            (stem, Scale::E7)
        } else {
            (last.as_str(), Scale::Degrees)
        };
        if LATITUDE.contains(&axis_word) {
            GeoKey::Axis(Axis::Latitude, scale)
        } else if LONGITUDE.contains(&axis_word) {
            GeoKey::Axis(Axis::Longitude, scale)
        } else if PLACE.contains(&last.as_str()) {
            GeoKey::Place {
                geojson: last == "coordinates",
            }
        } else {
            GeoKey::None
        }
    }
}

/// The words of a key, lowercased: split at anything not a letter or a
/// digit and where case changes (`homeLat`, `GPSLatitude`, `latE7`).
fn words(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let starts_word = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if starts_word && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether `n` is a precise coordinate within `bound` degrees: four
/// decimals or more in degrees, or an `E7` integer that is not a multiple
/// of 1,000 (which is as coarse as three decimals).
pub(crate) fn precise(n: &Number, bound: u64, scale: Scale) -> bool {
    match scale {
        Scale::Degrees => {
            let text = n.to_string();
            let decimals = match text.split_once('.') {
                Some((_, frac)) => frac.bytes().all(|b| b.is_ascii_digit()) && frac.len() >= 4,
                None => false,
            };
            decimals && n.as_f64().is_some_and(|v| v.abs() <= bound as f64)
        }
        Scale::E7 => n
            .as_i64()
            .is_some_and(|v| v.unsigned_abs() <= bound.saturating_mul(10_000_000) && v % 1000 != 0),
    }
}

/// Whether `node` is a number that is a precise coordinate within `bound`.
pub(crate) fn precise_node(node: &Node<'_>, bound: u64, scale: Scale) -> bool {
    matches!(node, Node::Number(n) if precise(n, bound, scale))
}

/// Whether an object's members (with their keys' facts) hold a precise
/// latitude and a precise longitude: then each of them is taken.
pub(crate) fn is_place(map: &Object<'_>, facts: &[KeyFacts]) -> bool {
    let mut axes = (false, false);
    for (value, facts) in map.values().zip(facts) {
        if let GeoKey::Axis(axis, scale) = facts.geo
            && precise_node(value, axis.bound(), scale)
        {
            match axis {
                Axis::Latitude => axes.0 = true,
                Axis::Longitude => axes.1 = true,
            }
        }
    }
    axes == (true, true)
}

/// Whether `items` is one point: two precise numbers (three under a
/// GeoJSON `coordinates`, the third an altitude), one of them a latitude,
/// in either order.
pub(crate) fn is_point(items: &[Node<'_>], geojson: bool) -> bool {
    let (Some(Node::Number(a)), Some(Node::Number(b))) = (items.first(), items.get(1)) else {
        return false;
    };
    let len_ok = items.len() == 2 || (geojson && items.len() == 3);
    len_ok
        && precise(a, 180, Scale::Degrees)
        && precise(b, 180, Scale::Degrees)
        && (precise(a, 90, Scale::Degrees) || precise(b, 90, Scale::Degrees))
}

/// Whether `node` is a point or holds one within `levels` levels of
/// arrays.
pub(crate) fn has_point(node: &Node<'_>, geojson: bool, levels: usize) -> bool {
    let Node::Array(items) = node else {
        return false;
    };
    is_point(items, geojson)
        || (levels > 0 && items.iter().any(|i| has_point(i, geojson, levels - 1)))
}

impl Sanitizer {
    /// The rule coordinates are taken by, if it is active.
    pub(super) fn geo_rule(&self) -> Option<usize> {
        self.detectors.geolocation_rule()
    }

    /// Takes a coordinate (a number within `bound` degrees, written in
    /// `scale`) by `rule`: its pseudonym ([`coordinate_pseudonym`]), or
    /// nothing when the rule drops it.
    pub(super) fn take_coordinate(
        &self,
        value: &mut Node<'_>,
        rule: usize,
        (bound, scale): (u64, Scale),
        st: &mut PathState,
        tally: &mut dyn Tally,
    ) -> Verdict {
        if self.rules[rule].action == Action::Drop {
            return self.apply_rule(value, rule, st, tally);
        }
        let Node::Number(n) = value else {
            return Verdict::Keep;
        };
        tally.record(&st.path, self.rule_name(rule), Action::Pseudonymize);
        *n = self.keyed.coordinate(n, bound, scale).value;
        Verdict::Keep
    }

    /// Takes the points in `value`, a member under a place key: a point's
    /// two numbers, each within the bound of the axis it can be; arrays of
    /// points within `levels` levels, element by element. Anything else is
    /// walked as usual.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn take_points(
        &self,
        value: &mut Node<'_>,
        rule: usize,
        geojson: bool,
        levels: usize,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        match value {
            Node::Array(items) if is_point(items, geojson) => {
                for (i, item) in items.iter_mut().take(2).enumerate() {
                    st.push_index(i);
                    let bound = if precise_node(item, 90, Scale::Degrees) {
                        90
                    } else {
                        180
                    };
                    let verdict =
                        self.take_coordinate(item, rule, (bound, Scale::Degrees), st, tally);
                    if verdict == Verdict::Drop {
                        *item = Node::Null;
                    }
                    st.pop();
                }
                Verdict::Keep
            }
            Node::Array(items)
                if levels > 0 && items.iter().any(|i| has_point(i, geojson, levels - 1)) =>
            {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    let verdict =
                        self.take_points(item, rule, geojson, levels - 1, st, tally, depth);
                    if verdict == Verdict::Drop {
                        *item = Node::Null;
                    }
                    st.pop();
                }
                Verdict::Keep
            }
            _ => self.walk(value, st, tally, depth),
        }
    }
}

/// The pseudonym of coordinate `n` (within `bound` degrees, in `scale`):
/// the digits a coordinate in text gets (the `Text` shape), with as many
/// digits before and after the point, the last decimal not zero (a number
/// would drop it), within the bound and never `n` itself. A text that
/// does not read back as a number falls back to [`Pseudonymizer::number`].
pub(crate) fn coordinate_pseudonym(
    p: &Pseudonymizer,
    n: &Number,
    bound: u64,
    scale: Scale,
) -> Number {
    let text = n.to_string();
    let limit = match scale {
        Scale::Degrees => bound,
        Scale::E7 => bound.saturating_mul(10_000_000),
    };
    let fitted = within(&p.pseudonymize(Shape::Text, &text), limit).map(|out| {
        if out == text {
            bump_last_digit(&out)
        } else {
            out
        }
    });
    let number = fitted.and_then(|out| match scale {
        Scale::Degrees => out.parse::<f64>().ok().and_then(Number::from_f64),
        Scale::E7 => out.parse::<i64>().ok().map(Number::from),
    });
    number.unwrap_or_else(|| p.number(n))
}

/// `text` (a number: a sign, digits, maybe a point and decimals) with its
/// last decimal not zero and its magnitude at most `limit`: an integer
/// part beyond it is folded back below it, keeping its count of digits
/// where the limit allows. `None` when `text` is not such a number.
fn within(text: &str, limit: u64) -> Option<String> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(body) => ("-", body),
        None => ("", text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut frac = frac.to_owned();
    if frac.ends_with('0') {
        let digit_sum: u32 = frac.bytes().map(|b| u32::from(b - b'0')).sum();
        frac.pop();
        frac.push(char::from(b'1' + (digit_sum % 9) as u8));
    }
    let mut whole: u64 = int.parse().ok()?;
    let over = whole > limit || (whole == limit && !frac.is_empty());
    if over {
        whole = fold(whole, int.len(), limit.saturating_sub(1));
    }
    Some(if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    })
}

/// `whole` (of `digits` digits) brought to at most `max`, keeping its
/// count of digits when some number of that many digits is at most `max`.
fn fold(whole: u64, digits: usize, max: u64) -> u64 {
    let low = match digits {
        0 | 1 => 0,
        d => u32::try_from(d - 1)
            .ok()
            .and_then(|e| 10u64.checked_pow(e))
            .unwrap_or(u64::MAX),
    };
    if max >= low {
        low + whole.saturating_sub(low) % (max - low + 1)
    } else {
        whole % max.saturating_add(1)
    }
}

/// `text` with its last digit moved on (`1` to `9`, `9` to `1`, `0` to
/// `1`), so that it stays as long and never ends in zero.
fn bump_last_digit(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some((at, c)) = out.char_indices().rev().find(|(_, c)| c.is_ascii_digit()) {
        let d = c as u8 - b'0';
        let moved = char::from(b'1' + d % 9);
        out.replace_range(at..at + 1, moved.encode_utf8(&mut [0; 4]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Key;

    fn number(v: f64) -> Number {
        Number::from_f64(v).expect("finite")
    }

    #[test]
    fn keys_are_read_by_their_words() {
        let lat = GeoKey::Axis(Axis::Latitude, Scale::Degrees);
        let lon = GeoKey::Axis(Axis::Longitude, Scale::Degrees);
        for key in [
            "lat",
            "Lat",
            "LATITUDE",
            "latitude",
            "home_lat",
            "homeLat",
            "gps_latitude",
            "GPSLatitude",
            "_latitude",
            "breite",
            "pickup-latitude",
        ] {
            assert_eq!(GeoKey::of(key), lat, "{key}");
        }
        for key in [
            "lon",
            "lng",
            "long",
            "Longitude",
            "länge",
            "_longitude",
            "home_lng",
        ] {
            assert_eq!(GeoKey::of(key), lon, "{key}");
        }
        assert_eq!(
            GeoKey::of("latitudeE7"),
            GeoKey::Axis(Axis::Latitude, Scale::E7)
        );
        assert_eq!(
            GeoKey::of("lngE7"),
            GeoKey::Axis(Axis::Longitude, Scale::E7)
        );
        for key in [
            "pos",
            "position",
            "location",
            "lastKnownLocation",
            "latLng",
            "gps",
            "center",
        ] {
            assert_eq!(GeoKey::of(key), GeoKey::Place { geojson: false }, "{key}");
        }
        assert_eq!(GeoKey::of("coordinates"), GeoKey::Place { geojson: true });
        for key in [
            "lat_ms",
            "latency",
            "flat",
            "plateau",
            "weights",
            "scores",
            "bounds_ms",
            "",
            "_",
        ] {
            assert_eq!(GeoKey::of(key), GeoKey::None, "{key}");
        }
    }

    #[test]
    fn precise_means_four_decimals_in_range() {
        assert!(precise(&number(52.516275), 90, Scale::Degrees));
        assert!(precise(&number(-33.8567), 90, Scale::Degrees));
        assert!(!precise(&number(52.52), 90, Scale::Degrees));
        assert!(!precise(&number(123.4567), 90, Scale::Degrees));
        assert!(precise(&number(123.4567), 180, Scale::Degrees));
        assert!(!precise(&Number::from(52), 90, Scale::Degrees));
        assert!(!precise(&number(1.0e-7), 90, Scale::Degrees));
        assert!(precise(&Number::from(525_162_750), 90, Scale::E7));
        assert!(!precise(&Number::from(525_000_000), 90, Scale::E7));
        assert!(!precise(&Number::from(1_525_162_750), 90, Scale::E7));
    }

    #[test]
    fn points_are_two_precise_numbers_one_a_latitude() {
        let point = |a: f64, b: f64| vec![Node::Number(number(a)), Node::Number(number(b))];
        assert!(is_point(&point(52.516275, 13.377704), false));
        assert!(is_point(&point(151.215297, -33.856784), false));
        assert!(!is_point(&point(151.2152, 120.8567), false));
        assert!(!is_point(&point(52.52, 13.3777), false));
        let mut with_altitude = point(13.377704, 52.516275);
        with_altitude.push(Node::Number(number(34.5)));
        assert!(is_point(&with_altitude, true));
        assert!(!is_point(&with_altitude, false));
    }

    #[test]
    fn pseudonyms_keep_digits_decimals_and_range() {
        let p = Pseudonymizer::new(&Key::from_bytes(b"0123456789abcdef", "test").expect("key"));
        for v in [
            52.516275, -33.856784, 89.9999, -89.1234, 0.1234, 13.377704, 45.5001, 10.0001,
        ] {
            let n = number(v);
            let out = coordinate_pseudonym(&p, &n, 90, Scale::Degrees);
            let (text, new) = (n.to_string(), out.to_string());
            assert_ne!(text, new);
            assert_eq!(text.len(), new.len(), "{text} -> {new}");
            assert_eq!(text.find('.'), new.find('.'), "{text} -> {new}");
            assert!(out.as_f64().is_some_and(|x| x.abs() <= 90.0), "{new}");
        }
        for v in [151.215297, -179.9999, 100.0001] {
            let out = coordinate_pseudonym(&p, &number(v), 180, Scale::Degrees);
            assert!(
                out.as_f64()
                    .is_some_and(|x| (100.0..=180.0).contains(&x.abs())),
                "{out}"
            );
        }
        let e7 = coordinate_pseudonym(&p, &Number::from(525_162_750), 90, Scale::E7);
        assert!(
            e7.as_i64()
                .is_some_and(|x| (100_000_000..=900_000_000).contains(&x)),
            "{e7}"
        );
    }

    #[test]
    fn folding_keeps_the_count_of_digits() {
        assert_eq!(fold(95, 2, 89), 15);
        assert_eq!(fold(999, 3, 179), 119);
        assert_eq!(fold(7, 1, 89), 7);
        assert_eq!(fold(95, 2, 5), 95 % 6);
        assert_eq!(within("97.12340", 90).as_deref(), Some("17.12342"));
        assert_eq!(within("x", 90), None);
        assert_eq!(bump_last_digit("52.5169"), "52.5161");
    }
}
