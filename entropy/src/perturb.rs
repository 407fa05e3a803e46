//! The payload fields a [`Mutation::Perturb`] can change, and the values it
//! tries: numbers near the range recorded at that place, strings recorded
//! there, array lengths at the edges, a flipped flag.
//!
//! A *place* is a port, a method, a side (`args` of inbound calls, `ok` of
//! outbound returns) and a field path with array positions generalised,
//! so `api.on_message args /msg/view` gathers every view the node was sent.

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use reprise_transcript::{Direction, Event, Outcome};
use serde_json::Value;

use crate::mutation::Mutation;
use crate::transcript::Transcript;

/// Strings kept per place.
const STRINGS_PER_PLACE: usize = 16;

/// One field of one payload.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    seq: u64,
    side: &'static str,
    pointer: String,
    value: Value,
    place: Arc<Place>,
}

/// What was recorded at one place.
#[derive(Debug, Default)]
struct Place {
    min: Option<f64>,
    max: Option<f64>,
    /// The least and greatest recorded integers, exactly (`min` and `max`
    /// round beyond 2^53).
    int_range: Option<(i128, i128)>,
    integers: bool,
    strings: Vec<String>,
}

impl Field {
    /// The perturbations of this field; each shrinks toward the recorded value.
    pub(crate) fn strategy(&self) -> BoxedStrategy<Mutation> {
        let (seq, side, pointer) = (self.seq, self.side, self.pointer.clone());
        let values: BoxedStrategy<Value> = match &self.value {
            Value::Number(n) => number(n, &self.place),
            Value::String(s) => {
                let others: Vec<String> = self
                    .place
                    .strings
                    .iter()
                    .filter(|o| *o != s)
                    .cloned()
                    .collect();
                if others.is_empty() {
                    Just(Value::String(String::new())).boxed()
                } else {
                    proptest::sample::select(others)
                        .prop_map(Value::String)
                        .boxed()
                }
            }
            Value::Bool(b) => Just(Value::Bool(!b)).boxed(),
            Value::Array(items) => {
                let mut edges = vec![Value::Array(Vec::new())];
                if let Some(last) = items.last() {
                    edges.push(Value::Array(items[..items.len() - 1].to_vec()));
                    let mut longer = items.clone();
                    longer.push(last.clone());
                    edges.push(Value::Array(longer));
                }
                proptest::sample::select(edges).boxed()
            }
            Value::Null | Value::Object(_) => Just(self.value.clone()).boxed(),
        };
        values
            .prop_map(move |value| Mutation::Perturb {
                seq,
                field: side.to_owned(),
                pointer: pointer.clone(),
                value,
            })
            .boxed()
    }
}

/// A number near the range recorded at its place: within it widened by one
/// (integers, kept non-negative when every recorded one was) or by a tenth.
fn number(n: &serde_json::Number, place: &Place) -> BoxedStrategy<Value> {
    let here = n.as_f64().unwrap_or(0.0);
    let (min, max) = (place.min.unwrap_or(here), place.max.unwrap_or(here));
    if let (true, Some((min, max))) = (place.integers, place.int_range) {
        // Recorded integers are within i64 and u64: as i128 they do not
        // wrap, and clamped to those bounds every value is a JSON number.
        let lo = if min >= 0 { (min - 1).max(0) } else { min - 1 };
        let lo = lo.max(i128::from(i64::MIN));
        let hi = (max + 1).min(i128::from(u64::MAX));
        (lo..=hi)
            .prop_map(|v| match (u64::try_from(v), i64::try_from(v)) {
                (Ok(u), _) => Value::from(u),
                (_, Ok(i)) => Value::from(i),
                _ => Value::Null,
            })
            .boxed()
    } else {
        // Halved before subtracting so that a range as wide as the floats
        // themselves (-1e308 to 1e308) does not overflow to infinity.
        // One value recorded: a tenth of it either side.
        let spread = match max / 10.0 - min / 10.0 {
            s if s > 0.0 => s,
            _ => (min.abs() / 10.0).max(f64::EPSILON),
        };
        let lo = (min - spread).max(f64::MIN / 2.0).min(min);
        let hi = (max + spread).min(f64::MAX / 2.0).max(max);
        // proptest's float ranges want a finite, non-empty width.
        if !((hi - lo).is_finite() && hi - lo > 0.0) {
            // Too wide for a uniform range: the edges and zero.
            return proptest::sample::select(vec![min, max, 0.0])
                .prop_map(float)
                .boxed();
        }
        (lo..=hi).prop_map(float).boxed()
    }
}

/// `v` as a JSON number (`null` if it is not finite).
fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// Every leaf (number, string, flag) and array of the inbound calls'
/// arguments and the outbound calls' `ok` returns.
pub(crate) fn fields(source: &Transcript) -> Vec<Field> {
    let mut outbound: BTreeMap<u64, (String, String)> = BTreeMap::new();
    // (place key, seq, side, pointer, value)
    let mut found: Vec<(String, u64, &'static str, String, Value)> = Vec::new();
    for event in &source.events {
        let (key, seq, side, raw) = match event {
            Event::Call(c) if c.dir == Direction::In => (
                format!("{}.{} args", c.port, c.method),
                c.seq,
                "args",
                &c.args,
            ),
            Event::Call(c) => {
                outbound.insert(c.seq, (c.port.clone(), c.method.clone()));
                continue;
            }
            Event::Return(r) => match (&r.outcome, outbound.get(&r.call)) {
                (Outcome::Ok(raw), Some((port, method))) => {
                    (format!("{port}.{method} ok"), r.seq, "ok", raw)
                }
                _ => continue,
            },
            _ => continue,
        };
        let Ok(payload) = serde_json::from_str::<Value>(raw.get()) else {
            continue;
        };
        leaves(
            &payload,
            &mut String::new(),
            &mut String::new(),
            &mut |pointer, place, v| {
                found.push((
                    format!("{key} {place}"),
                    seq,
                    side,
                    pointer.to_owned(),
                    v.clone(),
                ));
            },
        );
    }
    let mut places: BTreeMap<String, Place> = BTreeMap::new();
    for (key, _, _, _, value) in &found {
        let place = places.entry(key.clone()).or_insert_with(|| Place {
            integers: true,
            ..Place::default()
        });
        match value {
            Value::Number(n) => {
                let v = n.as_f64().unwrap_or(0.0);
                place.min = Some(place.min.map_or(v, |m| m.min(v)));
                place.max = Some(place.max.map_or(v, |m| m.max(v)));
                place.integers &= n.is_i64() || n.is_u64();
                if let Some(i) = n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)) {
                    place.int_range = Some(
                        place
                            .int_range
                            .map_or((i, i), |(lo, hi)| (lo.min(i), hi.max(i))),
                    );
                }
            }
            Value::String(s)
                if place.strings.len() < STRINGS_PER_PLACE && !place.strings.contains(s) =>
            {
                place.strings.push(s.clone());
            }
            _ => {}
        }
    }
    let places: BTreeMap<String, Arc<Place>> =
        places.into_iter().map(|(k, p)| (k, Arc::new(p))).collect();
    found
        .into_iter()
        .filter_map(|(key, seq, side, pointer, value)| {
            Some(Field {
                seq,
                side,
                pointer,
                value,
                place: places.get(&key)?.clone(),
            })
        })
        .collect()
}

/// Calls `f(pointer, place, value)` for each leaf and array under `value`;
/// `place` is the pointer with array positions written `*`.
fn leaves(
    value: &Value,
    pointer: &mut String,
    place: &mut String,
    f: &mut dyn FnMut(&str, &str, &Value),
) {
    let (p_len, k_len) = (pointer.len(), place.len());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointer.push('/');
                pointer.push_str(&escaped);
                place.push('/');
                place.push_str(&escaped);
                leaves(child, pointer, place, f);
                pointer.truncate(p_len);
                place.truncate(k_len);
            }
        }
        Value::Array(items) => {
            f(pointer, place, value);
            for (i, child) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                place.push_str("/*");
                leaves(child, pointer, place, f);
                pointer.truncate(p_len);
                place.truncate(k_len);
            }
        }
        Value::Null => {}
        _ => f(pointer, place, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    fn source() -> Transcript {
        Transcript::from_str(
            r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"view":3,"key":"a","tags":[1,2],"on":true}}
{"seq":1,"kind":"return","call":0,"ok":null}
{"seq":2,"kind":"call","dir":"in","port":"api","method":"put","args":{"view":7,"key":"b","tags":[],"on":false}}
{"seq":3,"kind":"return","call":2,"ok":null}
"#,
        )
        .expect("loads")
    }

    #[test]
    fn fields_cover_leaves_and_arrays_by_place() {
        let fields = fields(&source());
        let pointers: Vec<_> = fields
            .iter()
            .filter(|f| f.seq == 0)
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(
            pointers,
            ["/view", "/key", "/tags", "/tags/0", "/tags/1", "/on"]
        );
    }

    /// A transcript whose two inbound calls carry `a` and `b` at `/n`.
    fn two_numbers(a: &Value, b: &Value) -> Transcript {
        Transcript::from_str(&format!(
            r#"{{"reprise":1,"kind":"header","component":"kv"}}
{{"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{{"n":{a}}}}}
{{"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{{"n":{b}}}}}
"#
        ))
        .expect("loads")
    }

    /// Any recorded number: a float of any size, or an integer at the i64
    /// and u64 extremes.
    fn recorded_number() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
                .map(Value::Number)),
            prop_oneof![
                Just(f64::MAX),
                Just(f64::MIN),
                Just(1e308),
                Just(-1e308),
                Just(f64::MIN_POSITIVE)
            ]
            .prop_map(float),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            prop_oneof![Just(i64::MIN), Just(i64::MAX)].prop_map(Value::from),
            Just(Value::from(u64::MAX)),
        ]
    }

    #[test]
    fn perturbing_a_float_range_of_1e308_does_not_panic() {
        let source = two_numbers(&float(-1e308), &float(1e308));
        let mut runner = TestRunner::deterministic();
        for field in fields(&source) {
            for _ in 0..32 {
                let tree = field.strategy().new_tree(&mut runner).expect("tree");
                let Mutation::Perturb { value, .. } = tree.current() else {
                    panic!("a perturbation");
                };
                assert!(value.as_f64().is_some_and(f64::is_finite), "{value}");
            }
        }
    }

    proptest! {
        #[test]
        fn perturbing_arbitrary_recorded_numbers_never_panics(
            a in recorded_number(),
            b in recorded_number(),
            seed in any::<u64>(),
        ) {
            let source = two_numbers(&a, &b);
            let mut runner = TestRunner::new_with_rng(
                proptest::test_runner::Config::default(),
                proptest::test_runner::TestRng::from_seed(
                    proptest::test_runner::RngAlgorithm::ChaCha,
                    &[seed.to_le_bytes(), [0; 8], [0; 8], [0; 8]].concat(),
                ),
            );
            let fields = fields(&source);
            prop_assert_eq!(fields.len(), 2);
            for field in &fields {
                let mut tree = field.strategy().new_tree(&mut runner).expect("tree");
                for _ in 0..8 {
                    let Mutation::Perturb { value, .. } = tree.current() else {
                        panic!("a perturbation");
                    };
                    prop_assert!(value.is_number(), "{}", value);
                    if !tree.simplify() {
                        break;
                    }
                }
            }
        }

        #[test]
        fn perturbed_values_stay_near_what_was_recorded(seed in any::<u64>()) {
            let fields = fields(&source());
            let mut runner = TestRunner::new_with_rng(
                proptest::test_runner::Config::default(),
                proptest::test_runner::TestRng::from_seed(
                    proptest::test_runner::RngAlgorithm::ChaCha,
                    &[seed.to_le_bytes(), [0; 8], [0; 8], [0; 8]].concat(),
                ),
            );
            for field in &fields {
                let Mutation::Perturb { value, .. } = field.strategy().new_tree(&mut runner).expect("tree").current() else {
                    panic!("a perturbation");
                };
                match (field.pointer.as_str(), &value) {
                    ("/view", Value::Number(n)) => prop_assert!((2..=8).contains(&n.as_u64().expect("u64"))),
                    ("/key", Value::String(s)) => prop_assert!(s == "a" || s == "b"),
                    ("/on", Value::Bool(b)) => prop_assert_eq!(Some(*b), field.value.as_bool().map(|v| !v)),
                    ("/tags", Value::Array(items)) => prop_assert!(items.len() <= 3),
                    (p, v) if p.starts_with("/tags/") => prop_assert!(v.as_u64().is_some_and(|n| n <= 3)),
                    (p, v) => prop_assert!(false, "{p}: {v}"),
                }
            }
        }
    }
}
