use proptest::prelude::*;

use super::*;

fn check(selector: &str, path: JsonPath, expected: bool) {
    let sel: Selector = selector.parse().expect("selector parses");
    assert_eq!(sel.matches(&path), expected, "{selector} vs {path}");
}

fn p() -> JsonPath {
    JsonPath::root()
}

#[test]
fn selectors_match_what_they_say() {
    check("$", p(), true);
    check("$.args", p().key("args"), true);
    check("$.args", p().key("args").key("x"), false);
    check("$.args.*", p().key("args").key("x"), true);
    check("$.args[*]", p().key("args").index(4), true);
    check("$.args[2]", p().key("args").index(2), true);
    check("$.args[2]", p().key("args").index(3), false);
    check("$..ts", p().key("ts"), true);
    check("$..ts", p().key("a").index(0).key("ts"), true);
    check("$..ts", p().key("a").key("ts").key("x"), false);
    check(
        "$..items[*].id",
        p().key("args").key("items").index(9).key("id"),
        true,
    );
    check("$['odd key']", p().key("odd key"), true);
    check("$[\"it's\"]", p().key("it's"), true);
    check("$..*", p().key("x").index(1), true);
}

#[test]
fn prefix_matching_covers_descendants() {
    let sel: Selector = "$.args.user".parse().expect("parses");
    assert!(sel.matches_prefix_of(&p().key("args").key("user").key("email")));
    assert!(!sel.matches_prefix_of(&p().key("args").key("users")));
}

#[test]
fn bad_selectors_say_where() {
    for (text, offset) in [
        ("args", 0),
        ("$.", 2),
        ("$[", 2),
        ("$['a", 4),
        ("$.a b", 3),
        ("$[1", 3),
    ] {
        let err = text.parse::<Selector>().expect_err(text);
        assert_eq!(err.offset, offset, "{text}: {err}");
    }
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z_][a-z0-9_-]{0,6}", ".{0,6}"]
}

fn arb_path() -> impl Strategy<Value = JsonPath> {
    prop::collection::vec(
        prop_oneof![
            arb_key().prop_map(Step::Key),
            (0usize..50).prop_map(Step::Index)
        ],
        0..6,
    )
    .prop_map(|steps| JsonPath { steps })
}

fn arb_selector() -> impl Strategy<Value = Selector> {
    let matcher = prop_oneof![
        arb_key().prop_map(Matcher::Key),
        (0usize..50).prop_map(Matcher::Index),
        Just(Matcher::Any),
    ];
    prop::collection::vec(
        (any::<bool>(), matcher).prop_map(|(deep, matcher)| SelectorStep { deep, matcher }),
        0..6,
    )
    .prop_map(|steps| Selector { steps })
}

proptest! {
    #[test]
    fn a_rendered_path_parses_to_a_selector_that_matches_it(path in arb_path()) {
        let sel: Selector = path.to_string().parse().expect("rendered path parses");
        prop_assert!(sel.matches(&path));
    }

    #[test]
    fn selectors_round_trip_through_text(sel in arb_selector()) {
        let text = sel.to_string();
        let back: Selector = text.parse().expect("rendered selector parses");
        prop_assert_eq!(back, sel);
    }

    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,24}") {
        let _ = text.parse::<Selector>();
    }
}

/// What a selector means, by definition: each way to place its `..`
/// steps is tried (exponential in their number; the automaton in
/// `matches_from` must agree with it).
fn matches_by_definition(sel: &[SelectorStep], path: &[Step]) -> bool {
    let Some((first, rest)) = sel.split_first() else {
        return path.is_empty();
    };
    if first.deep {
        (0..path.len()).any(|skip| {
            step_matches(&first.matcher, &path[skip])
                && matches_by_definition(rest, &path[skip + 1..])
        })
    } else {
        match path.split_first() {
            Some((step, tail)) => {
                step_matches(&first.matcher, step) && matches_by_definition(rest, tail)
            }
            None => false,
        }
    }
}

/// Paths and selectors over two keys and two indices, so that they often
/// match.
fn small_path() -> impl Strategy<Value = JsonPath> {
    prop::collection::vec(
        prop_oneof![
            prop_oneof![Just("a"), Just("b")].prop_map(|k| Step::Key(k.to_owned())),
            (0usize..2).prop_map(Step::Index)
        ],
        0..9,
    )
    .prop_map(|steps| JsonPath { steps })
}

fn small_selector() -> impl Strategy<Value = Selector> {
    let matcher = prop_oneof![
        prop_oneof![Just("a"), Just("b")].prop_map(|k| Matcher::Key(k.to_owned())),
        (0usize..2).prop_map(Matcher::Index),
        Just(Matcher::Any),
    ];
    prop::collection::vec(
        (any::<bool>(), matcher).prop_map(|(deep, matcher)| SelectorStep { deep, matcher }),
        0..7,
    )
    .prop_map(|steps| Selector { steps })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn matching_agrees_with_the_definition(sel in small_selector(), path in small_path()) {
        prop_assert_eq!(sel.matches(&path), matches_by_definition(&sel.steps, &path.steps));
        let prefix = (0..=path.steps.len())
            .any(|n| matches_by_definition(&sel.steps, &path.steps[..n]));
        prop_assert_eq!(sel.matches_prefix_of(&path), prefix);
    }
}

/// Regression (found by the `selectors` fuzzer, `fuzz/`): matching tried
/// every way to place a selector's `..` steps along the path, exponential
/// in their number; `$..a..a..a..a..a..a..a..a..b` against a path of 60
/// `a`s (a deep payload under an allowlist or path rule) ran for minutes.
/// Matching now takes the selector's length times the path's.
#[test]
fn regression_many_deep_steps_match_in_polynomial_time() {
    let deep_a = SelectorStep {
        deep: true,
        matcher: Matcher::Key("a".into()),
    };
    let deep_b = SelectorStep {
        deep: true,
        matcher: Matcher::Key("b".into()),
    };
    let mut path = p();
    for _ in 0..60 {
        path = path.key("a");
    }
    let ended = path.clone().key("b");
    for n in [8, 70] {
        let mut steps = vec![deep_a.clone(); n];
        steps.push(deep_b.clone());
        let sel = Selector { steps };
        assert!(!sel.matches(&path), "{n} steps");
        assert!(!sel.matches_prefix_of(&path), "{n} steps");
        // Each `..a` takes one of the 60 `a`s at least.
        assert_eq!(sel.matches(&ended), n <= 60, "{n} steps");
    }
    let sel: Selector = "$..a..a..a..a..a..a..a..a..b".parse().expect("parses");
    assert!(sel.matches(&ended));
    assert!(sel.matches_prefix_of(&ended.key("c")));
}
