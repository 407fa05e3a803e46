//! Coordinates held as JSON numbers: a latitude and a longitude member of
//! one object, a point under a place key, GeoJSON `coordinates`. Each
//! case checks what scrub changed, that the numbers stay numbers with as
//! many decimals and within range, and that verify agrees: it finds
//! something in the input exactly when scrub changes it, and nothing in
//! what scrub wrote. Near-misses (a city's two decimals, a latency, a
//! value out of range, a lone latitude, floats under other keys) stay.

mod oracle;

use proptest::prelude::*;
use serde_json::{Value, json};

/// Scrubs `doc`; returns what scrub wrote, its report, what verify finds
/// in `doc` and what it finds in what scrub wrote.
fn scrub_then_verify(doc: &Value) -> (Value, String, Vec<String>, Vec<String>) {
    let checked = oracle::check(doc);
    (
        checked.scrubbed,
        checked.report.to_string(),
        checked.before,
        checked.after,
    )
}

/// The numbers at `paths` (JSON pointers) in `doc`.
fn numbers<'a>(doc: &'a Value, paths: &[&str]) -> Vec<&'a serde_json::Number> {
    paths
        .iter()
        .map(|p| match doc.pointer(p) {
            Some(Value::Number(n)) => n,
            other => panic!("no number at {p}: {other:?}"),
        })
        .collect()
}

/// Scrub replaces the numbers at `paths` (and nothing else) by numbers
/// with the same decimals within range, by the geolocation rule; verify
/// finds them in the input and nothing in the output. The range is 90
/// for a latitude member and for an element of a pair that was within 90
/// (the pair's order is not known), else 180.
#[track_caller]
fn taken(doc: Value, paths: &[&str]) {
    let (scrubbed, report, before, after) = scrub_then_verify(&doc);
    assert!(
        after.is_empty(),
        "verify after scrub found {after:?} in {scrubbed}"
    );
    assert!(!before.is_empty(), "verify found nothing in {doc}");
    assert!(
        before.iter().all(|f| f.ends_with(": geolocation")),
        "{before:?}"
    );
    assert!(report.contains("geolocation"), "{report}");
    let olds = numbers(&doc, paths);
    for ((old, new), path) in olds.into_iter().zip(numbers(&scrubbed, paths)).zip(paths) {
        let (old_text, new_text) = (old.to_string(), new.to_string());
        assert_ne!(old_text, new_text, "unchanged in {scrubbed}");
        assert_eq!(
            old_text.split_once('.').map(|(_, f)| f.len()),
            new_text.split_once('.').map(|(_, f)| f.len()),
            "{old_text} -> {new_text}"
        );
        let last = path.rsplit('/').next().unwrap_or_default().to_lowercase();
        let element = last.bytes().all(|b| b.is_ascii_digit());
        let within_90 = old.as_f64().is_some_and(|v| v.abs() <= 90.0);
        let bound = if last.contains("lat") || last == "breite" || (element && within_90) {
            90.0
        } else {
            180.0
        };
        // `latitudeE7`: ten-millionths of a degree.
        let scale = if last.ends_with("e7") { 1e7 } else { 1.0 };
        assert!(
            new.as_f64().is_some_and(|v| v.abs() <= bound * scale),
            "{new_text}"
        );
    }
    // Only those numbers changed.
    let mut restored = scrubbed.clone();
    for p in paths {
        if let (Some(slot), Some(old)) = (restored.pointer_mut(p), doc.pointer(p)) {
            *slot = old.clone();
        }
    }
    assert_eq!(restored, doc, "more changed than {paths:?}: {scrubbed}");
}

/// Scrub leaves `doc` as it is, and verify finds nothing in it.
#[track_caller]
fn kept(doc: Value) {
    let (scrubbed, _, before, after) = scrub_then_verify(&doc);
    assert_eq!(scrubbed, doc);
    assert!(before.is_empty(), "verify found {before:?} in {doc}");
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn a_latitude_and_a_longitude_member_are_taken() {
    taken(
        json!({"lat": 52.516275, "lng": 13.377704}),
        &["/lat", "/lng"],
    );
    taken(
        json!({"location": {"latitude": -33.856784, "longitude": 151.215297}}),
        &["/location/latitude", "/location/longitude"],
    );
    taken(
        json!({"Lat": 48.8584, "Long": 2.2945, "name": "home"}),
        &["/Lat", "/Long"],
    );
    taken(
        json!({"LATITUDE": 40.689247, "LONGITUDE": -74.044502}),
        &["/LATITUDE", "/LONGITUDE"],
    );
    taken(
        json!({"home_lat": 51.501364, "home_lon": -0.14189, "zoom": 12}),
        &["/home_lat", "/home_lon"],
    );
    taken(
        json!({"gps_latitude": 35.658581, "gps_longitude": 139.745433}),
        &["/gps_latitude", "/gps_longitude"],
    );
    taken(
        json!({"homeLat": -22.951916, "homeLng": -43.210487}),
        &["/homeLat", "/homeLng"],
    );
    taken(
        json!({"GPSLatitude": 37.8199, "GPSLongitude": -122.4783}),
        &["/GPSLatitude", "/GPSLongitude"],
    );
    taken(
        json!({"breite": 52.516275, "länge": 13.377704}),
        &["/breite", "/länge"],
    );
}

#[test]
fn services_shapes_of_a_place_are_taken() {
    // Google Maps: a geocoding result's geometry.
    taken(
        json!({"results": [{"geometry": {"location": {"lat": 37.4224764, "lng": -122.0842499}}}]}),
        &[
            "/results/0/geometry/location/lat",
            "/results/0/geometry/location/lng",
        ],
    );
    // Firebase GeoPoint.
    taken(
        json!({"home": {"_latitude": 59.329323, "_longitude": 18.068581}}),
        &["/home/_latitude", "/home/_longitude"],
    );
    // The browser's Geolocation API: the accuracy stays.
    kept(json!({"coords": {"latitude": 45.4642, "longitude": 9.19, "accuracy": 12.5}}));
    taken(
        json!({"coords": {"latitude": 45.464211, "longitude": 9.189982, "accuracy": 12.5}}),
        &["/coords/latitude", "/coords/longitude"],
    );
    // Google location history: integers in ten-millionths of a degree.
    taken(
        json!({"locations": [{"latitudeE7": 525162750, "longitudeE7": 133777040, "accuracy": 20}]}),
        &["/locations/0/latitudeE7", "/locations/0/longitudeE7"],
    );
}

#[test]
fn points_in_arrays_of_objects_are_taken_each() {
    taken(
        json!({"track": [
            {"lat": 52.516275, "lon": 13.377704, "t": 0},
            {"lat": 52.517275, "lon": 13.379004, "t": 60},
        ]}),
        &[
            "/track/0/lat",
            "/track/0/lon",
            "/track/1/lat",
            "/track/1/lon",
        ],
    );
}

#[test]
fn a_pair_under_a_place_key_is_taken() {
    taken(
        json!({"pos": [52.516275, 13.377704]}),
        &["/pos/0", "/pos/1"],
    );
    taken(
        json!({"position": [-33.856784, 151.215297]}),
        &["/position/0", "/position/1"],
    );
    taken(
        json!({"lastKnownLocation": [151.215297, -33.856784]}),
        &["/lastKnownLocation/0", "/lastKnownLocation/1"],
    );
    taken(json!({"gps": [35.6586, 139.7454]}), &["/gps/0", "/gps/1"]);
    taken(
        json!({"map": {"center": [48.858370, 2.294481], "zoom": 15}}),
        &["/map/center/0", "/map/center/1"],
    );
}

#[test]
fn geojson_coordinates_are_taken() {
    taken(
        json!({"geometry": {"type": "Point", "coordinates": [13.377704, 52.516275]}}),
        &["/geometry/coordinates/0", "/geometry/coordinates/1"],
    );
    // With an altitude, which stays.
    taken(
        json!({"type": "Point", "coordinates": [13.377704, 52.516275, 34.5]}),
        &["/coordinates/0", "/coordinates/1"],
    );
    taken(
        json!({"type": "Feature", "properties": {"name": "run"}, "geometry": {
            "type": "LineString",
            "coordinates": [[13.377704, 52.516275], [13.379012, 52.517203]],
        }}),
        &[
            "/geometry/coordinates/0/0",
            "/geometry/coordinates/0/1",
            "/geometry/coordinates/1/0",
            "/geometry/coordinates/1/1",
        ],
    );
    taken(
        json!({"type": "Polygon", "coordinates": [[
            [13.3777, 52.5162], [13.3790, 52.5172], [13.3801, 52.5165], [13.3777, 52.5162],
        ]]}),
        &[
            "/coordinates/0/0/0",
            "/coordinates/0/0/1",
            "/coordinates/0/2/0",
            "/coordinates/0/2/1",
            "/coordinates/0/3/0",
            "/coordinates/0/3/1",
        ],
    );
}

#[test]
fn cities_latencies_and_values_out_of_range_stay() {
    kept(json!({"lat": 52.52, "lon": 13.40}));
    kept(json!({"lat_ms": 12.3456, "lon": 1.2345}));
    kept(json!({"latency": 12.3456, "lng": 1.2345}));
    kept(json!({"latitude": 123.4567, "longitude": 13.4050}));
    kept(json!({"lat": 0, "lng": 0}));
    kept(json!({"lat": null, "lng": null}));
    kept(json!({"lat": null}));
    kept(json!({"lat": 52.516275}));
    kept(json!({"lat": 52.516275, "lng": "n/a"}));
    kept(json!({"latitudeE7": 525000000, "longitudeE7": 133000000}));
    kept(json!({"pos": [52.52, 13.38]}));
    kept(json!({"pos": [152.5163, 113.3777]}));
    kept(json!({"coordinates": [1, 2]}));
}

#[test]
fn pairs_and_matrices_under_other_keys_stay() {
    kept(json!({"weights": [1.2345, 2.3456]}));
    kept(json!({"scores": [0.9123, 0.8812]}));
    kept(json!({"bounds_ms": [12.3456, 45.6789]}));
    kept(json!({"version": [1.2345, 2.3456]}));
    kept(json!({"matrix": [[0.1234, 0.5678], [0.9123, 0.4567]]}));
    kept(json!([[52.516275, 13.377704]]));
    kept(json!({"bbox": [5.8663, 47.2701, 15.0419, 55.0992]}));
    kept(json!({"pos": [1.2345, 2.3456, 3.4567]}));
}

#[test]
fn the_same_latitude_gets_the_same_pseudonym() {
    let (a, ..) = scrub_then_verify(&json!({"lat": 52.516275, "lng": 13.377704}));
    let (b, ..) = scrub_then_verify(&json!({"pos": [52.516275, 13.377704]}));
    assert_eq!(a["lat"], b["pos"][0]);
    // The longitude of a pair is kept within 90 too (either number may be
    // the latitude), so only where its pseudonym is within 90 anyway is it
    // the member's.
    assert_ne!(b["pos"][1], json!(13.377704));
}

/// A coordinate-like number: six, four, three or no decimals, in or out of
/// range.
fn coordinate() -> impl Strategy<Value = Value> {
    (
        -200.0f64..200.0,
        prop_oneof![Just(1e6), Just(1e4), Just(1e3), Just(1.0)],
    )
        .prop_map(|(v, scale)| json!((v * scale).round() / scale))
}

/// A member key: a latitude's, a longitude's, a place's or another's.
fn key() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "lat",
        "latitude",
        "lng",
        "lon",
        "Longitude",
        "_latitude",
        "home_lat",
        "latE7",
        "lngE7",
        "pos",
        "coordinates",
        "location",
        "weights",
        "lat_ms",
        "note",
    ])
    .prop_map(str::to_owned)
}

/// Documents of places and near-misses: members under latitude,
/// longitude, place and other keys, pairs and nested arrays of numbers.
fn places() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        4 => coordinate(),
        1 => (-1_800_000_000i64..1_800_000_000).prop_map(Value::from),
        1 => Just(Value::Null),
        1 => Just(json!("52.516275")),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            // A pair, or a line of pairs.
            2 => proptest::collection::vec(coordinate(), 2..=3).prop_map(Value::Array),
            1 => proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            // A point as members, with what else an object holds.
            2 => (
                proptest::sample::select(vec!["lat", "latitude", "_latitude", "homeLat", "latE7"]),
                proptest::sample::select(vec!["lng", "lon", "longitude", "LNG", "lngE7"]),
                coordinate(),
                coordinate(),
                proptest::collection::vec((key(), inner.clone()), 0..3),
            )
                .prop_map(|(lat, lon, a, b, rest)| {
                    let mut map: serde_json::Map<String, Value> = rest.into_iter().collect();
                    map.insert(lat.to_owned(), a);
                    map.insert(lon.to_owned(), b);
                    Value::Object(map)
                }),
            // A pair or a line under a place key.
            2 => (
                proptest::sample::select(vec!["pos", "coordinates", "location", "center"]),
                proptest::collection::vec(coordinate(), 2..=3),
                proptest::collection::vec(proptest::collection::vec(coordinate(), 2..=3), 0..3),
            )
                .prop_map(|(key, pair, line)| {
                    let line: Vec<Value> = line.into_iter().map(Value::from).collect();
                    json!({ key: if line.is_empty() { Value::from(pair) } else { Value::from(line) } })
                }),
            2 => proptest::collection::vec((key(), inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// verify finds something exactly where scrub changes a document, and
    /// nothing in what scrub wrote.
    #[test]
    fn verify_agrees_on_places(doc in places()) {
        let (scrubbed, _, before, after) = scrub_then_verify(&doc);
        prop_assert!(after.is_empty(), "verify after scrub found {after:?} in {scrubbed}");
        prop_assert_eq!(scrubbed != doc, !before.is_empty(), "{} -> {}", doc, scrubbed);
    }
}
