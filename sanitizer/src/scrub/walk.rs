//! The walk over a payload. At each node, in this order: a path rule that
//! selects the node takes it; a key rule that the member's key announces
//! takes its value, and so does the name of a name/value pair
//! (`{"name": "DB_PASSWORD", "value": ...}`) or of a header or flag pair in
//! an array (`["Authorization", "..."]`, `["--password", "..."]`); a
//! high-entropy string under a secret-looking key is taken by the
//! `high-entropy` rule; otherwise strings go through the text pass
//! ([`super::text`]) and, in allowlist mode, a leaf at a path not allowed is
//! pseudonymized whole.
//!
//! Whatever takes a value keeps its JSON type: a redacted string becomes a
//! placeholder string, a number becomes a keyed pseudonym with as many
//! digits, bools and `null` stay, and an object or array keeps its keys
//! and length with each leaf taken in turn.

use super::node::{Node, Object};

use super::{ALLOWLIST_RULE, PathState, Sanitizer, Verdict};
use crate::action::Action;
use crate::detect::is_high_entropy;
use crate::keys::{self, NameMatch};
use crate::person::{self, PersonKey};

use super::geo_numbers::{self, GeoKey};
use super::key_facts::{self, KeyFacts};
use super::key_material::KeyMaterial;
use crate::pseudonym::Shape;
use crate::report::Tally;
use crate::rules::Target;

/// Keys that hold the name of a name/value pair, lowercased.
const PAIR_NAMES: &[&str] = &[
    "name",
    "key",
    "header",
    "field",
    "variable",
    "var",
    "param",
    "parameter",
    "attribute",
    "property",
    "setting",
    "option",
    "label",
    "parametername",
    "attributename",
    // FHIR names an identifier or a contact point by its `system` (a URL
    // whose last segment says what it is: `.../nhs-number`, or `phone`).
    "system",
];

/// Keys that hold the value of a name/value pair, lowercased.
const PAIR_VALUES: &[&str] = &[
    "value",
    "val",
    "data",
    "content",
    "stringvalue",
    "string_value",
    "text",
    "values",
    "secretvalue",
    "parametervalue",
    "attributevalue",
    // What a form records as typed into its named field.
    "entered",
    "input",
    "answer",
];

impl Sanitizer {
    pub(crate) fn rule_name(&self, rule: usize) -> &str {
        &self.rules[rule].name
    }

    /// The key rule a name announces.
    pub(crate) fn name_rule(&self, name: &str, scratch: &mut String) -> Option<NameMatch> {
        // A key the scrub replaced (`[redacted:phone]`) names a rule, not
        // what its value is.
        if crate::marker::mentions_redacted(name) {
            return None;
        }
        self.key_rules.lookup(name, scratch)
    }

    /// What object key `key` says ([`key_facts`]): whether it holds data
    /// itself, which key rule it announces, and what the rest of the walk
    /// asks of a key.
    fn key_facts(&self, key: &str, st: &mut PathState, depth: usize) -> KeyFacts {
        key_facts::facts(self.id, key, || {
            let mut first = FirstRule(None);
            let scrubbed = self.scrub_key(key, st, &mut first, depth);
            // In verify's working copy a key keeps the values it holds
            // (`super::keyed`): what the look reported says it holds one.
            let clean = matches!(scrubbed, Ok(None)) && first.0.is_none();
            let held_by = first
                .0
                .and_then(|name| self.rules.iter().position(|r| r.name == name));
            let mut scratch = std::mem::take(&mut st.scratch);
            let facts = KeyFacts {
                clean,
                held_by,
                rule: self.name_rule(key, &mut scratch),
                entropy: self.entropy_key(key, &mut scratch),
                pair_name: is_pair_name(key),
                pair_value: is_pair_value(key),
                names_key_format: matches!(key, "kty" | "typeUrl"),
                person: PersonKey::of(key, &mut scratch),
                rows: super::columns::is_rows_key(key),
                geo: GeoKey::of(key),
            };
            st.scratch = scratch;
            facts
        })
    }

    /// How a path shows object key `key` where it must not show a value
    /// (verify's findings): `None` when the rules find nothing in the key,
    /// otherwise a placeholder naming the first rule that finds something.
    pub(crate) fn masked_key(&self, key: &str) -> Option<String> {
        let facts = key_facts::known(self.id, key)
            .unwrap_or_else(|| PathState::with("", |st| self.key_facts(key, st, 0)));
        if facts.clean {
            return None;
        }
        Some(match facts.held_by {
            Some(rule) => self.placeholder(rule),
            None => crate::marker::placeholder("key"),
        })
    }

    /// Whether a high-entropy string under `key` is taken as a secret.
    pub(crate) fn entropy_key(&self, key: &str, scratch: &mut String) -> bool {
        keys::normalize(key, scratch);
        self.entropy_keys.is_match(scratch)
            && !self.entropy_exempt.is_match(scratch)
            && !keys::describes_value(key)
    }

    /// The first path rule selecting `path`.
    fn path_rule_at(&self, path: &reprise_transcript::JsonPath) -> Option<usize> {
        self.path_rules
            .iter()
            .find(|(s, _)| s.matches(path))
            .map(|(_, rule)| *rule)
    }

    pub(crate) fn walk(
        &self,
        value: &mut Node<'_>,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        match self.path_rule_at(&st.path) {
            Some(rule) => self.apply_rule(value, rule, st, tally),
            None => self.walk_below(value, st, tally, depth),
        }
    }

    /// Scrubs a node no rule selects as a whole.
    fn walk_below(
        &self,
        value: &mut Node<'_>,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        match value {
            Node::Object(map) => {
                self.walk_object(map, st, tally, depth);
                Verdict::Keep
            }
            // A keypair as `solana-keygen` writes it: 64 byte values.
            Node::Array(items)
                if items.len() == 64
                    && let Some(rule) = self.detectors.keypair_rule()
                    && crate::detect::is_keypair(items.iter().map(|item| match item {
                        Node::Number(n) => n.as_u64(),
                        _ => None,
                    })) =>
            {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    self.apply_rule(item, rule, st, tally);
                    st.pop();
                }
                Verdict::Keep
            }
            // Rows below a header row (a spreadsheet's `values`): each
            // cell is read under its column's name.
            Node::Array(items)
                if matches!(items.first(), Some(Node::Array(_)))
                    && let Some(names) = super::columns::header_row(items) =>
            {
                self.walk_rows(value, &names, 1, st, tally, depth)
            }
            // Text written as its bytes (journald's `MESSAGE` when it
            // holds a control character or is not UTF-8): scrubbed as the
            // text, written back as the bytes of what replaced it.
            Node::Array(items)
                if self.allowlist.is_none()
                    && let Some(text) = super::byte_text::text_of(items) =>
            {
                match self.scrub_text(&text, st, tally, depth) {
                    Ok(Some(new)) => {
                        *items = super::byte_text::bytes_of(&new);
                        Verdict::Keep
                    }
                    Ok(None) => Verdict::Keep,
                    Err(_) => Verdict::Drop,
                }
            }
            Node::Array(items) => {
                self.walk_array(items, st, tally, depth);
                Verdict::Keep
            }
            Node::String(s) => {
                if self.denied(st) {
                    *s = self.keyed.whole_string(s).value.into();
                    tally.record(&st.path, ALLOWLIST_RULE, Action::Pseudonymize);
                    return Verdict::Keep;
                }
                match self.scrub_text(s, st, tally, depth) {
                    Ok(Some(new)) => {
                        *s = new.into();
                        Verdict::Keep
                    }
                    Ok(None) => Verdict::Keep,
                    Err(_) => Verdict::Drop,
                }
            }
            Node::Number(n) => {
                if self.denied(st) {
                    *n = self.keyed.number(n).value;
                    tally.record(&st.path, ALLOWLIST_RULE, Action::Pseudonymize);
                    return Verdict::Keep;
                }
                // A card number may be stored as a JSON integer.
                match n.as_u64() {
                    Some(v) if v >= 1_000_000_000_000 => {
                        let text = v.to_string();
                        match self.scrub_text(&text, st, tally, depth) {
                            Ok(Some(new)) => {
                                *value = match new.parse::<u64>() {
                                    Ok(v) => Node::Number(v.into()),
                                    Err(_) => Node::String(new.into()),
                                };
                                Verdict::Keep
                            }
                            Ok(None) => Verdict::Keep,
                            Err(_) => Verdict::Drop,
                        }
                    }
                    _ => Verdict::Keep,
                }
            }
            Node::Bool(_) | Node::Null => Verdict::Keep,
        }
    }

    fn walk_array(
        &self,
        items: &mut [Node<'_>],
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) {
        // A header pair (`["Authorization", "..."]`) or a flag and its
        // argument in an argument vector (`["--password", "..."]`): the name
        // announces the element after it.
        let pair = items.len() == 2;
        let mut announced: Option<NameMatch> = None;
        let mut announced_person: Option<PersonKey> = None;
        let mut announced_entropy = false;
        let mut scratch = std::mem::take(&mut st.scratch);
        let secret_looking = |name: &str, scratch: &mut String| self.entropy_key(name, scratch);
        let columns = super::table::Columns {
            rules: &self.key_rules,
            entropy: self.entropy.map(|rule| (rule, &secret_looking as _)),
            person: self.person_rules,
        };
        let mut table = table_in_lines(items, &columns, &mut scratch);
        for (i, item) in items.iter_mut().enumerate() {
            // A row of a table whose header is an earlier element.
            if let Node::String(row) = item
                && let Some(cells) = table.get_mut(i)
                && !cells.is_empty()
            {
                st.push_index(i);
                let mut edited = row.to_string();
                for c in cells.iter().rev() {
                    match self.replace_span(&row[c.start..c.end], c.rule, st, tally) {
                        Ok(with) => edited.replace_range(c.start..c.end, &with.value),
                        Err(_) => edited = self.placeholder(c.rule),
                    }
                }
                *row = edited.into();
                st.pop();
            }
            let (next, next_person, next_entropy) = match &*item {
                Node::String(s) if s.len() <= 64 && ((pair && i == 0) || s.starts_with('-')) => {
                    let name = s.trim_start_matches('-');
                    let plausible = plausible_name(name);
                    let rule = plausible
                        .then(|| self.name_rule(name, &mut scratch))
                        .flatten();
                    // `["X-Address", "..."]`: a person field's value by its
                    // shape; `["X-Data-Key", "..."]`: a secret-looking
                    // name's value when it looks random.
                    let person = (plausible && rule.is_none())
                        .then(|| PersonKey::of(name.trim_start_matches("X-"), &mut scratch))
                        .filter(|key| key.is_field());
                    let entropy = plausible
                        && rule.is_none()
                        && person.is_none()
                        && self.entropy.is_some()
                        && self.entropy_key(name, &mut scratch);
                    (rule, person, entropy)
                }
                _ => (None, None, false),
            };
            st.push_index(i);
            let verdict = match (announced.take(), announced_person.take(), announced_entropy) {
                (Some(m), _, _) if !matches!(item, Node::Object(_) | Node::Array(_)) => {
                    self.apply_name(item, m, st, tally, depth)
                }
                (None, Some(key), _) if self.person_field_rule(key, item).is_some() => {
                    let rule = self.person_field_rule(key, item).unwrap_or_default();
                    self.apply_rule(item, rule, st, tally)
                }
                (None, None, true) if matches!(&*item, Node::String(s) if s.len() >= 16 && is_high_entropy(s)) =>
                {
                    let rule = self.entropy.unwrap_or_default();
                    self.apply_rule(item, rule, st, tally)
                }
                _ => self.walk(item, st, tally, depth),
            };
            if verdict == Verdict::Drop {
                *item = Node::Null;
            }
            st.pop();
            announced = next;
            announced_person = next_person;
            announced_entropy = next_entropy;
        }
        st.scratch = scratch;
    }

    fn walk_object(
        &self,
        map: &mut Object<'_>,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) {
        // What each key says, in the map's order, on a stack shared by the
        // whole walk (a nested object pushes above this one's and pops
        // back).
        let base = st.facts.len();
        // Keys can hold personal data too (a map keyed by email). They are
        // scrubbed first, so that the paths reported below them never carry
        // the original key (verify's working copy keeps a key's values,
        // `super::keyed`, and masks what it prints instead).
        let mut renames = Vec::new();
        // Whether any key names a pair (and another holds its value), or
        // the person of a record: only then are the pair and the record
        // looked for.
        let (mut pair_names, mut pair_values, mut names_person) = (false, false, false);
        // Whether a key says the map may be a key format (`kty`, `typeUrl`).
        let mut key_format = false;
        let mut rows_key = false;
        for key in map.keys() {
            let facts = self.key_facts(key, st, depth);
            st.facts.push(facts);
            rows_key |= facts.rows;
            pair_names |= facts.pair_name;
            pair_values |= facts.pair_value;
            names_person |= facts.person.names_person();
            key_format |= facts.names_key_format;
            if facts.clean {
                continue;
            }
            // Verify's working copy writes a key's values back as they
            // were: no rename.
            if let Ok(Some(new)) = self.scrub_key(key, st, tally, depth)
                && new != key
            {
                renames.push((key.to_owned(), new));
            }
        }
        if !renames.is_empty() {
            map.rename_all(renames);
            st.facts.truncate(base);
            (pair_names, pair_values, names_person) = (false, false, false);
            for key in map.keys() {
                let facts = self.key_facts(key, st, depth);
                st.facts.push(facts);
                pair_names |= facts.pair_name;
                pair_values |= facts.pair_value;
                names_person |= facts.person.names_person();
            }
        }
        // What a pair's name announces is taken only in a member holding
        // the pair's value.
        let pair_names = pair_names && pair_values;
        let mut scratch = std::mem::take(&mut st.scratch);
        // A name/value pair: the name announces its sibling value.
        // Only a small object is a pair (a header, an env var, a parameter).
        let pair = (pair_names && map.len() <= 6).then_some(()).and_then(|()| {
            map.values()
                .zip(&st.facts[base..])
                .find_map(|(v, facts)| match v {
                    Node::String(name) if facts.pair_name && plausible_name(name) => {
                        self.name_rule(name, &mut scratch).or_else(|| {
                            // `{"name": "deployer_key", "value": "0x..."}`: a
                            // secret-looking name takes a random value.
                            let rule = self.entropy?;
                            self.entropy_key(name, &mut scratch)
                                .then_some(NameMatch::whole(rule))
                        })
                    }
                    _ => None,
                })
        });
        // A JSON Patch operation: its path's last segment names its value.
        let pair = pair.or_else(|| self.patch_target(map, &mut scratch));
        // A pair whose name is a person field (`{"name": "X-Address",
        // "value": ...}`, `ParameterKey: Address`): the value is taken when
        // it has the shape the field says.
        let pair_person = if pair.is_none() && pair_names && map.len() <= 6 {
            map.values()
                .zip(&st.facts[base..])
                .find_map(|(v, facts)| match v {
                    Node::String(name) if facts.pair_name && plausible_name(name) => {
                        Some(PersonKey::of(name.trim_start_matches("X-"), &mut scratch))
                            .filter(|key| key.is_field())
                    }
                    _ => None,
                })
        } else if pair.is_none() {
            self.patch_path(map)
                .map(|last| PersonKey::of(&last, &mut scratch))
                .filter(|key| key.is_field())
        } else {
            None
        };
        // A record about a person ([`person::is_record`]): its name and
        // address members are taken by the rules of a person's name and a
        // street address, whatever their keys say.
        let record = if names_person && self.person_rules.is_some() {
            person::is_record(
                map.len(),
                st.facts[base..].iter().map(|f| f.person).zip(map.values()),
            )
        } else {
            person::Record::Other
        };
        let person = self
            .person_rules
            .filter(|_| record == person::Record::Person);
        // Members that are records named apart from what only a person
        // has: their siblings are asked ([`Sanitizer::name_parties`]).
        let mut named_only = Vec::new();
        // A query result: rows whose cells its column list names.
        let result = if rows_key && map.len() >= 2 {
            super::columns::result_in(map)
        } else {
            None
        };
        // A place: its precise latitude and longitude members are taken.
        let geo = self.geo_rule();
        let place = geo.is_some() && geo_numbers::is_place(map, &st.facts[base..]);
        // A private JSON Web Key, a Tink key's data: its key material.
        let material = match self.key_material_rule {
            Some(rule) if key_format => Some((rule, KeyMaterial::of(map))),
            _ => None,
        };
        let mut drops: Vec<String> = Vec::new();
        for (i, (key, child)) in map.iter_mut().enumerate() {
            let facts = st.facts[base + i];
            st.push_key(key);
            // What a typed wrapper holds (`{"S": "..."}`) is read as this
            // member's value.
            let leaf = super::typed::leaf(child);
            let verdict = if let Some(rule) = self.path_rule_at(&st.path) {
                self.apply_rule(child, rule, st, tally)
            } else if let Some((rule, _)) = material.filter(|(_, m)| m.holds(key))
                && matches!(leaf, Node::String(_))
            {
                self.apply_rule(child, rule, st, tally)
            } else if let Some(result) = result.as_ref().filter(|r| r.holds(key)) {
                self.walk_result_rows(child, result, st, tally, depth)
            } else if let Some(rule) = person.and_then(|rules| facts.person.member_rule(rules)) {
                self.apply_name(child, NameMatch::whole(rule), st, tally, depth)
            } else if person.is_some()
                && is_identifier_key(key)
                && let Some(m) = self.name_rule("national_id", &mut scratch)
            {
                self.walk_identifiers(child, m.rule, st, tally, depth)
            } else if let Some(m) = facts.rule {
                self.apply_name(child, m, st, tally, depth)
            } else if let Some(rule) = geo.filter(|_| place)
                && let GeoKey::Axis(axis, scale) = facts.geo
                && geo_numbers::precise_node(child, axis.bound(), scale)
            {
                self.take_coordinate(child, rule, (axis.bound(), scale), st, tally)
            } else if let Some(rule) = geo
                && let GeoKey::Place { geojson } = facts.geo
                && geo_numbers::has_point(child, geojson, geo_numbers::MAX_LEVELS)
            {
                let levels = geo_numbers::MAX_LEVELS;
                self.take_points(child, rule, geojson, levels, st, tally, depth)
            } else if let Some(rule) = self.person_field_rule(facts.person, leaf) {
                self.apply_rule(child, rule, st, tally)
            } else if let Some(m) = pair.filter(|m| {
                facts.pair_value
                    && (Some(m.rule) != self.entropy
                        || matches!(leaf, Node::String(s) if is_high_entropy(s)))
            }) {
                self.apply_name(child, m, st, tally, depth)
            } else if let Some(rule) = pair_person
                .filter(|_| facts.pair_value)
                .and_then(|key| self.person_field_rule(key, leaf))
            {
                self.apply_rule(child, rule, st, tally)
            } else if let Some(m) = self.aadhaar_under_uid(key, child, &mut scratch) {
                self.apply_name(child, m, st, tally, depth)
            } else if let (Some(rule), Node::String(s)) = (self.entropy, leaf)
                && s.len() >= 16
                && facts.entropy
                // The member naming a pair's value (`{"key":
                // "http.response.status_code", "value": ...}`) holds a
                // name, not a secret.
                && !(pair_names && facts.pair_name)
                && is_high_entropy(s)
                && !is_uuid(s)
                && !is_file_path(s)
            {
                self.apply_rule(child, rule, st, tally)
            } else {
                // Under a secret-looking name, a value the text pass
                // changed is asked again what it was asked before: a
                // pseudonym's new digits may read as random where the
                // value did not, and verify reads what scrub wrote.
                let by_pair =
                    facts.pair_value && pair.is_some_and(|m| self.entropy == Some(m.rule));
                let by_key = facts.entropy && !(pair_names && facts.pair_name);
                let verdict = self.walk_below(child, st, tally, depth);
                match (self.entropy, super::typed::leaf(child)) {
                    (Some(rule), Node::String(s))
                        if verdict != Verdict::Drop
                            && (by_pair && is_high_entropy(s)
                                || by_key
                                    && s.len() >= 16
                                    && is_high_entropy(s)
                                    && !is_uuid(s)
                                    && !is_file_path(s)) =>
                    {
                        self.apply_rule(child, rule, st, tally)
                    }
                    _ => verdict,
                }
            };
            st.pop();
            if std::mem::take(&mut st.named_only) && matches!(child, Node::Object(_)) {
                named_only.push(i);
            }
            if verdict == Verdict::Drop {
                drops.push(key.to_owned());
            }
        }
        if !named_only.is_empty() {
            self.name_parties(map, &named_only, st, tally, &mut scratch);
        }
        st.facts.truncate(base);
        st.scratch = scratch;
        map.swap_remove_all(drops);
        st.named_only = record == person::Record::Named;
    }

    /// Walks `value` as the value of an object member called `name`, when
    /// the name is given apart from it (a result's column): the key rule
    /// the name announces takes it, a secret-looking name a random value,
    /// a person field a value of the shape it says; otherwise it is walked
    /// as usual.
    pub(super) fn walk_named(
        &self,
        value: &mut Node<'_>,
        name: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        let facts = self.key_facts(name, st, depth);
        let leaf = super::typed::leaf(value);
        if let Some(rule) = self.path_rule_at(&st.path) {
            self.apply_rule(value, rule, st, tally)
        } else if let Some(m) = facts.rule {
            self.apply_name(value, m, st, tally, depth)
        } else if let Some(rule) = self.person_field_rule(facts.person, leaf) {
            self.apply_rule(value, rule, st, tally)
        } else if let (Some(rule), Node::String(s)) = (self.entropy, leaf)
            && s.len() >= 16
            && facts.entropy
            && is_high_entropy(s)
            && !is_uuid(s)
            && !is_file_path(s)
        {
            self.apply_rule(value, rule, st, tally)
        } else {
            // As in `walk_object`: what the text pass wrote under a
            // secret-looking name is asked again.
            let verdict = self.walk_below(value, st, tally, depth);
            match (self.entropy, super::typed::leaf(value)) {
                (Some(rule), Node::String(s))
                    if verdict != Verdict::Drop
                        && facts.entropy
                        && s.len() >= 16
                        && is_high_entropy(s)
                        && !is_uuid(s)
                        && !is_file_path(s) =>
                {
                    self.apply_rule(value, rule, st, tally)
                }
                _ => verdict,
            }
        }
    }

    /// What the path of a JSON Patch operation (RFC 6902: `{"op":
    /// "replace", "path": "/spec/password", "value": ...}`) says about its
    /// `value`: the path's last segment is the member it sets, so it names
    /// the value as a key would.
    fn patch_target(&self, map: &Object<'_>, scratch: &mut String) -> Option<NameMatch> {
        self.patch_path(map)
            .and_then(|last| self.name_rule(&last, scratch))
    }

    /// The member a JSON Patch operation sets: its path's last segment,
    /// unescaped (`~1` is `/`, `~0` is `~`), unless it is an array index.
    fn patch_path(&self, map: &Object<'_>) -> Option<String> {
        if map.len() > 4 || !map.get("op").is_some_and(Node::is_string) {
            return None;
        }
        let Some(Node::String(path)) = map.get("path") else {
            return None;
        };
        let last = path.rsplit('/').next()?;
        let last = last.replace("~1", "/").replace("~0", "~");
        (plausible_name(&last) && !last.bytes().all(|b| b.is_ascii_digit())).then_some(last)
    }

    /// The identifiers of a person record (FHIR's `identifier: [{system,
    /// type, value}]`, or one such object): each identifier's `value` is
    /// one of the person's, taken by `rule` (the national id rule) whatever
    /// its `system` or type code says; the rest is walked as usual.
    fn walk_identifiers(
        &self,
        value: &mut Node<'_>,
        rule: usize,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        match value {
            Node::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    if self.walk_identifiers(item, rule, st, tally, depth) == Verdict::Drop {
                        *item = Node::Null;
                    }
                    st.pop();
                }
                Verdict::Keep
            }
            Node::Object(map) if map.contains_key("value") => {
                let mut dropped = Vec::new();
                for (key, child) in map.iter_mut() {
                    st.push_key(key);
                    let verdict =
                        if key == "value" && matches!(child, Node::String(_) | Node::Number(_)) {
                            self.apply_rule(child, rule, st, tally)
                        } else {
                            self.walk(child, st, tally, depth)
                        };
                    st.pop();
                    if verdict == Verdict::Drop {
                        dropped.push(key.to_owned());
                    }
                }
                map.swap_remove_all(dropped);
                Verdict::Keep
            }
            _ => self.walk_below(value, st, tally, depth),
        }
    }

    /// `{"uid": "234567890123"}`: the key Aadhaar numbers go by, with a
    /// value that is one (twelve digits, Verhoeff valid), takes the
    /// national id rule. Any other uid (a user id) is left alone.
    fn aadhaar_under_uid(
        &self,
        key: &str,
        value: &Node<'_>,
        scratch: &mut String,
    ) -> Option<NameMatch> {
        if !key.eq_ignore_ascii_case("uid") {
            return None;
        }
        let digits = match value {
            Node::String(s) if s.len() <= 16 => s.to_string(),
            Node::Number(n) => n.to_string(),
            _ => return None,
        };
        if !crate::detect::is_aadhaar_digits(&digits) {
            return None;
        }
        self.name_rule("aadhaar", scratch)
    }

    /// The rule a generic person field takes its value by (`customer`,
    /// `address`), when the value has the shape of a person's name or a
    /// street address ([`person::field_of`]).
    pub(super) fn person_field_rule(&self, key: PersonKey, value: &Node<'_>) -> Option<usize> {
        let (name_rule, address_rule) = self.person_rules?;
        let Node::String(s) = value else {
            return None;
        };
        match person::field_of(key, s)? {
            person::Field::Name => Some(name_rule),
            person::Field::Address => Some(address_rule),
        }
    }

    /// The scrubbed form of an object key that holds data, if it does. A
    /// key whose rule would drop it is masked instead (its value decides).
    fn scrub_key(
        &self,
        key: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<Option<String>, super::text::Dropped> {
        match self.scrub_text(key, st, tally, depth) {
            Err(_) => Ok(Some(crate::marker::placeholder("key"))),
            other => other,
        }
    }

    /// Whether allowlist mode pseudonymizes the leaf at the current path.
    fn denied(&self, st: &PathState) -> bool {
        self.allowlist.as_ref().is_some_and(|a| !a.allows(&st.path))
    }

    /// Applies the key rule a name announced to the value it names, unless
    /// the value cannot hold a secret: a bool, `null`, a placeholder, a
    /// string already scrubbed, or a number under a plural name (a count).
    fn apply_name(
        &self,
        value: &mut Node<'_>,
        m: NameMatch,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        match value {
            Node::Bool(_) | Node::Null => Verdict::Keep,
            // `tokens: 3`, `auth_failed: 2`: a count, not the secret.
            Node::Number(_) if m.plural || !m.ends_with_word => Verdict::Keep,
            Node::String(s)
                if m.plural && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Verdict::Keep
            }
            Node::String(s) if keys::is_placeholder(s) => Verdict::Keep,
            // Partly scrubbed already (`password=x [redacted:email]`): what
            // is left is read as any text is, so that it does not depend on
            // the name, which a scrub may have changed.
            Node::String(s) if crate::contains_redacted(s) => {
                self.walk_below(value, st, tally, depth)
            }
            Node::Object(map) => {
                // `credentials: {"cpf": "..."}`: what a plural name holds is
                // taken whole; only its own number is a count.
                let m = NameMatch {
                    plural: false,
                    ends_with_word: true,
                    ..m
                };
                let mut drops = Vec::new();
                for (key, child) in map.iter_mut() {
                    st.push_key(key);
                    if self.apply_name(child, m, st, tally, depth) == Verdict::Drop {
                        drops.push(key.to_owned());
                    }
                    st.pop();
                }
                map.swap_remove_all(drops);
                Verdict::Keep
            }
            Node::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    if self.apply_name(item, m, st, tally, depth) == Verdict::Drop {
                        *item = Node::Null;
                    }
                    st.pop();
                }
                Verdict::Keep
            }
            // `pk: 42`, `naf: "6201Z"`: a short label whose value is not
            // the identifier it may name.
            Node::String(s) if !m.takes(s) => self.walk_below(value, st, tally, depth),
            Node::Number(n) if m.check.is_some() && !m.takes(&n.to_string()) => {
                self.walk_below(value, st, tally, depth)
            }
            Node::String(_) | Node::Number(_) => self.apply_rule(value, m.rule, st, tally),
        }
    }

    /// Applies rule `rule` to a whole node, keeping its JSON type.
    pub(crate) fn apply_rule(
        &self,
        value: &mut Node<'_>,
        rule: usize,
        st: &mut PathState,
        tally: &mut dyn Tally,
    ) -> Verdict {
        let action = self.rules[rule].action;
        if action == Action::Drop {
            tally.record(&st.path, self.rule_name(rule), action);
            return Verdict::Drop;
        }
        match value {
            Node::Bool(_) | Node::Null => {}
            Node::String(s) => {
                let new = match action {
                    Action::Redact | Action::Drop => {
                        let placeholder = self.placeholder(rule);
                        let changed = placeholder != *s;
                        super::keyed::Written {
                            value: placeholder,
                            changed,
                        }
                    }
                    // Verify's working copy keeps the value
                    // ([`super::keyed`]).
                    Action::Hash => self.keyed.hash(s),
                    Action::Pseudonymize => self.keyed.whole_string(s),
                };
                // A pseudonym equal to its value changed nothing.
                if new.changed {
                    tally.record(&st.path, self.rule_name(rule), action);
                    *s = new.value.into();
                }
            }
            Node::Number(n) => {
                // A number stays a number: a keyed pseudonym with as many
                // digits, whatever the action.
                tally.record(&st.path, self.rule_name(rule), Action::Pseudonymize);
                *n = self.keyed.number(n).value;
            }
            Node::Object(map) => {
                for (key, child) in map.iter_mut() {
                    st.push_key(key);
                    self.apply_rule(child, rule, st, tally);
                    st.pop();
                }
            }
            Node::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    st.push_index(i);
                    self.apply_rule(item, rule, st, tally);
                    st.pop();
                }
            }
        }
        Verdict::Keep
    }

    pub(crate) fn placeholder(&self, rule: usize) -> String {
        crate::marker::placeholder(self.rule_name(rule))
    }

    /// The shape a pseudonym of a span found by rule `rule` keeps.
    pub(crate) fn shape_of(&self, rule: usize, span: &str) -> Shape {
        match self.rules[rule].target {
            Target::Detector(d) => d.shape(),
            _ => Shape::infer(span),
        }
    }
}

/// A tally that remembers the first rule it is told of.
struct FirstRule(Option<String>);

impl Tally for FirstRule {
    fn record(&mut self, _: &reprise_transcript::JsonPath, rule: &str, _: Action) {
        if self.0.is_none() {
            self.0 = Some(rule.to_owned());
        }
    }
}

/// Whether `s` can be the name of a name/value pair: an identifier, a
/// header name or a key path (`DB_PASSWORD`, `X-Api-Key`,
/// `service/db/password`, a form's label `full name`), not a sentence or a
/// document.
fn plausible_name(s: &str) -> bool {
    const MAX_SPACES: usize = 3;
    if s.is_empty() || s.len() > 128 {
        return false;
    }
    // One pass (a pair's name is read for every pair): at most four words,
    // one space between two.
    let (mut spaces, mut after_space) = (0, false);
    s.chars().all(|c| {
        if c == ' ' {
            spaces += 1;
            let ok = !after_space && spaces <= MAX_SPACES;
            after_space = true;
            return ok;
        }
        after_space = false;
        // Names in other languages (`führerscheinnummer`) too.
        c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':')
    })
}

/// The cells to take in each element of an array of text lines whose first
/// element is a table's header (a fixed-width report split into lines):
/// for element `i`, its cells' spans within it.
fn table_in_lines(
    items: &[Node<'_>],
    columns: &super::table::Columns<'_>,
    scratch: &mut String,
) -> Vec<Vec<super::table::Cell>> {
    let lines: Option<Vec<&str>> = items
        .iter()
        .map(|v| v.as_str().filter(|s| !s.contains('\n')))
        .collect();
    let Some(lines) = lines.filter(|l| l.len() >= 2 && l.len() <= 10_000) else {
        return Vec::new();
    };
    let joined = lines.join("\n");
    let cells = super::table::sensitive_cells(&joined, columns, scratch);
    if cells.is_empty() {
        return Vec::new();
    }
    let mut per_line = vec![Vec::new(); lines.len()];
    let mut start = 0;
    let mut line = 0;
    for cell in cells {
        while line < lines.len() && cell.start > start + lines[line].len() {
            start += lines[line].len() + 1;
            line += 1;
        }
        if let Some(cells) = per_line.get_mut(line) {
            cells.push(super::table::Cell {
                start: cell.start - start,
                end: cell.end - start,
                rule: cell.rule,
            });
        }
    }
    per_line
}

/// Whether `key` holds the name of a name/value pair: one of
/// [`PAIR_NAMES`], or a compound ending in `Key` or `Name`
/// (`ParameterKey`, `OptionName`).
/// Whether a person record's member `key` lists the person's identifiers.
fn is_identifier_key(key: &str) -> bool {
    is_one_of(key, &["identifier", "identifiers"])
}

fn is_pair_name(key: &str) -> bool {
    is_one_of(key, PAIR_NAMES) || ends_with_ci(key, "key") || ends_with_ci(key, "name")
}

/// Whether `key` holds the value of a name/value pair: one of
/// [`PAIR_VALUES`], or a compound ending in `Value` (`ParameterValue`).
fn is_pair_value(key: &str) -> bool {
    is_one_of(key, PAIR_VALUES) || ends_with_ci(key, "value")
}

/// Whether `s` ends with `suffix` (ASCII), in any case.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether `key` is one of `names` (lowercase), in any ASCII case.
fn is_one_of(key: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(key))
}

/// Whether `s` reads as a file path (`/etc/ssl/private/x.key`,
/// `~/.ssh/id_ed25519`, `./config/master.key`, `C:\Users\x`).
fn is_file_path(s: &str) -> bool {
    let b = s.as_bytes();
    (s.starts_with('/') && s[1..].contains('/'))
        || s.starts_with("~/")
        || s.starts_with("./")
        || s.starts_with("../")
        || (b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
}

/// Whether `s` is a UUID: an identifier, whatever its entropy.
fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::plausible_name;

    /// What `plausible_name` says, as first written (four passes).
    fn plausible_name_by_passes(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= 128
            && s.split(' ').count() <= 4
            && !s.contains("  ")
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | ' '))
    }

    proptest::proptest! {
        #[test]
        fn plausible_name_in_one_pass_says_what_four_passes_said(
            s in "[a-zA-Z0-9 _./:ü,!-]{0,12}|( ?[A-Za-z]{1,3} ?){1,6}|[a-z ]{120,130}"
        ) {
            proptest::prop_assert_eq!(plausible_name(&s), plausible_name_by_passes(&s), "{:?}", s);
        }
    }

    #[test]
    fn plausible_names() {
        for (name, plausible) in [
            ("DB_PASSWORD", true),
            ("full name", true),
            ("a b c d", true),
            ("a b c d e", false),
            ("a  b", false),
            (" a", true),
            ("führerscheinnummer", true),
            ("x=y", false),
            ("", false),
        ] {
            assert_eq!(plausible_name(name), plausible, "{name:?}");
        }
    }
}
