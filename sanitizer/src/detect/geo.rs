//! Precise coordinates of a person: GPS tracks and positions.
//!
//! A latitude and longitude written to four decimals or more place a
//! point within about ten metres: a track that starts at home gives the
//! home away. What is taken, each number on its own (so the text around
//! it, a GPX element or a JSON array, keeps its form):
//!
//! - a number of four decimals or more after a latitude or longitude label
//!   (`lat="52.516275"`, `"lng": 13.3777`, `<latitude>52.5162</latitude>`,
//!   `home_lat=...`), when the other axis is labelled within
//!   [`PAIR_WINDOW`] bytes: GPX and KML points, JSON and query strings;
//! - the numbers of a GeoJSON `"coordinates"` array (a point, a line, a
//!   polygon) with four decimals or more;
//! - a `lat, lon` pair after a label that says it is a position (`gps`,
//!   `location`, `coords`, `position`, `home`, a `geo:` URI).
//!
//! What stays: a bare pair with no label (`52.516275,13.377704` under
//! `poi`: a landmark, a store), coordinates of three decimals or fewer (a
//! city, a map's centre), a bounding box (`bbox`), a map tile's `z/x/y`,
//! floats of a metric, versions. Text with no decimal of four places or
//! more is never looked at further ([`has_precise_decimal`]).
//!
//! Coordinates held as JSON numbers are no text: the walk reads them by
//! the structure around them (`scrub/geo_numbers.rs`).

use std::sync::LazyLock;

use regex::Regex;

/// How far apart (in bytes) the two labelled axes of one point may be.
pub(crate) const PAIR_WINDOW: usize = 160;

/// A number after a latitude or longitude label: group `lat` or `lon`
/// names the axis, `v` is the number.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i:(?:^|[^a-z])(?:(?P<lat>lat|latitude|breite|breitengrad)|(?P<lon>lon|lng|long|longitude|länge|laengengrad|längengrad))(?:["']|&quot;|\\")?\s*\\?(?:[:=>]|&gt;)\s*(?:["']|&quot;|\\")?)(?P<v>[-+]?[0-9]{1,3}\.[0-9]{4,})"#,
    )
    .expect("a valid pattern")
});

/// A GeoJSON `coordinates` member's opening bracket.
static GEOJSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i:coordinates)(?:["']|\\")?\s*[:=]\s*\["#).expect("a valid pattern")
});

/// A `lat, lon` pair after a label that says it is a position.
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i:(?:^|[^a-z])(?:gps|location|loc|coords|coordinates|position|pos|latlng|latlon|lat_lng|lat_lon|home|geo|standort|ubicaci[oó]n|posizione)(?:["']|\\")?\s*[:=]\s*(?:["'\[(]|\\")?\s*)(?P<a>[-+]?[0-9]{1,3}\.[0-9]{4,})\s*[,;/ ]\s*(?P<b>[-+]?[0-9]{1,3}\.[0-9]{4,})"#,
    )
    .expect("a valid pattern")
});

/// A number with four decimals or more in a GeoJSON array.
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[-+]?[0-9]{1,3}\.[0-9]{4,}").expect("a valid pattern"));

/// Whether `bytes` holds a digit, a dot and four digits: what every
/// coordinate taken here has. One `memchr` pass over the dots.
pub(crate) fn has_precise_decimal(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|i| {
        i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes
                .get(i + 1..i + 5)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    })
}

fn in_range(number: &str, limit: f64) -> bool {
    number.parse::<f64>().is_ok_and(|v| v.abs() <= limit)
}

/// The spans of the coordinates in `text`, in order, not overlapping.
pub(crate) fn coordinates(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if !has_precise_decimal(text.as_bytes()) {
        return spans;
    }
    // Labelled axes, each kept when the other axis is near.
    let axes: Vec<(bool, usize, usize)> = LABELLED
        .captures_iter(text)
        .filter_map(|c| {
            let v = c.name("v")?;
            let is_lat = c.name("lat").is_some();
            in_range(v.as_str(), if is_lat { 90.0 } else { 180.0 }).then_some((
                is_lat,
                v.start(),
                v.end(),
            ))
        })
        .collect();
    for &(is_lat, start, end) in &axes {
        let paired = axes
            .iter()
            .any(|&(other, s, _)| other != is_lat && s.abs_diff(start) <= PAIR_WINDOW);
        if paired {
            spans.push((start, end));
        }
    }
    for m in GEOJSON.find_iter(text) {
        let body = &text[m.end()..];
        let mut depth = 1usize;
        let close = body
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                depth == 0
                    || !matches!(
                        c,
                        '0'..='9'
                            | '.'
                            | '-'
                            | '+'
                            | ','
                            | ' '
                            | '['
                            | ']'
                            | '\n'
                            | '\r'
                            | '\t'
                            | 'e'
                            | 'E'
                    )
            })
            .map_or(body.len(), |(i, _)| i);
        for d in DECIMAL.find_iter(&body[..close]) {
            if in_range(d.as_str(), 180.0) {
                spans.push((m.end() + d.start(), m.end() + d.end()));
            }
        }
    }
    for c in POSITION.captures_iter(text) {
        if let (Some(a), Some(b)) = (c.name("a"), c.name("b"))
            && in_range(a.as_str(), 180.0)
            && in_range(b.as_str(), 180.0)
        {
            spans.push((a.start(), a.end()));
            spans.push((b.start(), b.end()));
        }
    }
    spans.sort_unstable();
    spans.dedup();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(text: &str) -> Vec<&str> {
        coordinates(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn gpx_points_are_taken_number_by_number() {
        let gpx = r#"<trkseg><trkpt lat="52.516275" lon="13.377704"><time>2024-05-01T06:00:00Z</time></trkpt><trkpt lat="52.517275" lon="13.379004"/></trkseg>"#;
        assert_eq!(
            taken(gpx),
            ["52.516275", "13.377704", "52.517275", "13.379004"]
        );
    }

    #[test]
    fn json_members_query_strings_and_elements_are_taken() {
        assert_eq!(
            taken(r#"{"latitude": -33.856784, "longitude": 151.215297}"#),
            ["-33.856784", "151.215297"]
        );
        assert_eq!(
            taken("?home_lat=48.8584&home_lng=2.2945"),
            ["48.8584", "2.2945"]
        );
        assert_eq!(
            taken("<lat>40.6892</lat><lon>-74.0445</lon>"),
            ["40.6892", "-74.0445"]
        );
        assert_eq!(
            taken(r#"lat=&quot;52.5163&quot; lon=&quot;13.3777&quot;"#),
            ["52.5163", "13.3777"]
        );
        // CEF escapes `=` in a value.
        assert_eq!(
            taken(r#"cs1=<trkpt lat\="14.3915" lon\="58.6604">"#),
            ["14.3915", "58.6604"]
        );
    }

    #[test]
    fn geojson_coordinates_and_labelled_pairs_are_taken() {
        assert_eq!(
            taken(
                r#"{"type":"LineString","coordinates":[[13.377704,52.516275],[13.3790,52.5172]]}"#
            ),
            ["13.377704", "52.516275", "13.3790", "52.5172"]
        );
        assert_eq!(
            taken("gps: 52.516275, 13.377704"),
            ["52.516275", "13.377704"]
        );
        assert_eq!(taken("geo:37.7858,-122.4064"), ["37.7858", "-122.4064"]);
    }

    #[test]
    fn landmarks_tiles_boxes_and_metrics_stay() {
        assert!(taken("poi: 52.516275,13.377704").is_empty());
        assert!(taken(r#"{"lat": 52.52, "lon": 13.40}"#).is_empty());
        assert!(taken("tiles/12/2200/1343.png").is_empty());
        assert!(taken(r#"{"bbox": [5.8663, 47.2701, 15.0419, 55.0992]}"#).is_empty());
        assert!(taken("latency_p99=0.123456 load=1.2345").is_empty());
        assert!(taken("version 4.2.0").is_empty());
        assert!(taken("lat=52.516275 only").is_empty());
        // A latitude out of range is no latitude: the longitude has no pair.
        assert!(taken("lat=152.5163 lon=13.3777").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_in_order(text in "\\PC{0,200}") {
            let spans = coordinates(&text);
            for w in spans.windows(2) {
                proptest::prop_assert!(w[0].1 <= w[1].0);
            }
            for (s, e) in spans {
                proptest::prop_assert!(s < e && e <= text.len());
            }
        }
    }
}
