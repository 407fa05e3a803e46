//! People's names and addresses where no key rule names them: a record
//! about a person (a name next to a date of birth, an address, a phone),
//! and a generic field (`customer`, `guest`, `address`) whose value has the
//! shape of a person's name or of a street address.

use crate::scrub::node::Node;

use crate::keys;

/// What a key says to this module, worked out once per key (the walk
/// remembers it with the key's other facts): whether it names the person
/// of a record, is a cue only a person's record has, is a generic name or
/// address field, or holds where a person lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PersonKey {
    /// One of [`PERSON_NAME_KEYS`].
    names_person: bool,
    /// Starts or ends with one of [`PERSON_CUES`].
    cue: bool,
    /// One of [`NAME_FIELDS`].
    name_field: bool,
    /// One of [`PEOPLE_ONLY_FIELDS`].
    people_only: bool,
    /// One of [`ADDRESS_FIELDS`].
    address_field: bool,
    /// One of [`PERSON_ADDRESS_KEYS`].
    lives_at: bool,
    /// One of [`NAME_PART_KEYS`]: one word of a name is enough.
    name_part: bool,
    /// One of [`LOGIN_FIELDS`]: a user's name, more often a login.
    login: bool,
}

impl PersonKey {
    /// What `key` says.
    pub(crate) fn of(key: &str, scratch: &mut String) -> PersonKey {
        keys::normalize(key, scratch);
        let k = scratch.as_str();
        let lists = KEY_TABLES.exact.get(k).copied().unwrap_or(0);
        PersonKey {
            names_person: lists & IN_PERSON_NAME_KEYS != 0,
            cue: is_cue(k),
            login: lists & IN_LOGIN_FIELDS != 0,
            name_field: lists & IN_NAME_FIELDS != 0,
            people_only: lists & IN_PEOPLE_ONLY_FIELDS != 0,
            address_field: lists & IN_ADDRESS_FIELDS != 0,
            lives_at: lists & IN_PERSON_ADDRESS_KEYS != 0,
            name_part: lists & IN_NAME_PART_KEYS != 0,
        }
    }

    /// Whether the key names the person of a record: a record has one
    /// ([`is_record`]).
    pub(crate) fn names_person(self) -> bool {
        self.names_person || self.name_part
    }

    /// What the key says in a record about a person: one that names the
    /// person is a name field ([`field_of`] takes a name under it).
    pub(crate) fn in_record(mut self) -> PersonKey {
        self.name_field |= self.names_person || self.name_part;
        self
    }

    /// Whether `value`, under this key in a record about a person, is the
    /// person's name: a name under a key that names them, or one
    /// capitalised word under a key that holds a part of it (`nom`).
    pub(crate) fn holds_name(self, value: &str) -> bool {
        (self.names_person || self.name_part)
            && (looks_like_a_name(value) || (self.name_part && looks_like_a_name_word(value)))
    }

    /// Whether `value`, under this key in a record named apart from what
    /// only a person has (a payment party whose account is its sibling),
    /// is a person's name: as [`PersonKey::holds_name`], and, of several
    /// words, none a company's, a role's or a label's
    /// ([`reads_as_a_name`]: `ACME GmbH`, `Northwind Traders Ltd` stay).
    pub(crate) fn holds_party_name(self, value: &str) -> bool {
        self.holds_name(value)
            && (reads_as_a_name(&value.replace('_', " "))
                || (self.name_part && looks_like_a_name_word(value)))
    }

    /// Whether a generic field's value is ever looked at ([`field_of`]).
    pub(crate) fn is_field(self) -> bool {
        self.name_field || self.address_field
    }

    /// The rule that takes this member of a person record, given the rules
    /// of a person's name and of a street address.
    pub(crate) fn member_rule(self, rules: (usize, usize)) -> Option<usize> {
        if self.names_person || self.name_part {
            Some(rules.0)
        } else if self.lives_at {
            Some(rules.1)
        } else {
            None
        }
    }
}

/// Bits of [`KeyTables::exact`]: which of the lists a key is in.
const IN_PERSON_NAME_KEYS: u8 = 1;
const IN_NAME_FIELDS: u8 = 2;
const IN_PEOPLE_ONLY_FIELDS: u8 = 4;
const IN_ADDRESS_FIELDS: u8 = 8;
const IN_PERSON_ADDRESS_KEYS: u8 = 16;
const IN_NAME_PART_KEYS: u8 = 32;
const IN_LOGIN_FIELDS: u8 = 64;

/// The key lists as [`PersonKey::of`] reads them, built once: every key
/// of the exact lists with the lists it is in, and the cues by their
/// first and by their last byte (a key is looked up once, and compared
/// with the few cues that can start or end it, not with all of them).
struct KeyTables {
    exact: rustc_hash::FxHashMap<&'static str, u8>,
    cues_by_first: Vec<Vec<&'static str>>,
    cues_by_last: Vec<Vec<&'static str>>,
}

static KEY_TABLES: std::sync::LazyLock<KeyTables> = std::sync::LazyLock::new(|| {
    let mut exact = rustc_hash::FxHashMap::default();
    for (list, bit) in [
        (PERSON_NAME_KEYS, IN_PERSON_NAME_KEYS),
        (NAME_FIELDS, IN_NAME_FIELDS),
        (PEOPLE_ONLY_FIELDS, IN_PEOPLE_ONLY_FIELDS),
        (ADDRESS_FIELDS, IN_ADDRESS_FIELDS),
        (PERSON_ADDRESS_KEYS, IN_PERSON_ADDRESS_KEYS),
        (NAME_PART_KEYS, IN_NAME_PART_KEYS),
        (LOGIN_FIELDS, IN_LOGIN_FIELDS),
    ] {
        for &key in list {
            *exact.entry(key).or_insert(0) |= bit;
        }
    }
    let (mut cues_by_first, mut cues_by_last) = (vec![Vec::new(); 256], vec![Vec::new(); 256]);
    for &cue in PERSON_CUES {
        if let (Some(&first), Some(&last)) = (cue.as_bytes().first(), cue.as_bytes().last()) {
            cues_by_first[usize::from(first)].push(cue);
            cues_by_last[usize::from(last)].push(cue);
        }
    }
    KeyTables {
        exact,
        cues_by_first,
        cues_by_last,
    }
});

/// Whether `k`, a normalized key, starts or ends with one of
/// [`PERSON_CUES`].
fn is_cue(k: &str) -> bool {
    let tables = &*KEY_TABLES;
    let (first, last) = match k.as_bytes() {
        [] => (None, None),
        [first, .., last] => (Some(*first), Some(*last)),
        [only] => (Some(*only), Some(*only)),
    };
    // A vehicle's number (`vin`, not `vintage`) is its owner's.
    k == "vin"
        || first.is_some_and(|b| {
            tables.cues_by_first[usize::from(b)]
                .iter()
                .any(|c| k.starts_with(c))
        })
        || last.is_some_and(|b| {
            tables.cues_by_last[usize::from(b)]
                .iter()
                .any(|c| k.ends_with(c))
        })
}

/// Whether `key` is a cue that says who a party is: one of
/// [`PERSON_CUES`] but none of [`ADDRESS_CUES`] (`iban`, `email`, not
/// `postcode`). Asked only of the siblings of a record named without a
/// cue (`scrub::parties`), so it is no fact the walk keeps of every key.
pub(crate) fn is_party_cue(key: &str, scratch: &mut String) -> bool {
    keys::normalize(key, scratch);
    let k = scratch.as_str();
    is_cue(k)
        && !ADDRESS_CUES
            .iter()
            .any(|c| k.starts_with(c) || k.ends_with(c))
}

/// What a map's members make of it ([`is_record`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Record {
    /// A record about a person: a name and what only a person has.
    Person,
    /// A name written as a string, and nothing only a person has: a
    /// person's record only if a sibling says so (a payment party whose
    /// account is named apart, `Dbtr` and `DbtrAcct`).
    Named,
    /// Neither.
    Other,
}

/// What a map of `len` members is, given what each member's key says and
/// its value: a record about a person when a member names one (`name`,
/// `patient`, `holder`: a person's name, or a structure such as FHIR's
/// `name: [{family, given}]`) next to one that only a person has (a date
/// of birth, a street address, a national id, a phone number, a gender).
pub(crate) fn is_record<'a, 'b: 'a>(
    len: usize,
    members: impl IntoIterator<Item = (PersonKey, &'a Node<'b>)>,
) -> Record {
    if len > 64 {
        return Record::Other;
    }
    let (mut named, mut named_by_string, mut cue) = (false, false, false);
    for (key, value) in members {
        if key.names_person || key.name_part {
            match value {
                Node::String(s)
                    if looks_like_a_name(s) || (key.name_part && looks_like_a_name_word(s)) =>
                {
                    named_by_string = true;
                }
                Node::Object(_) | Node::Array(_) => named = true,
                _ => {}
            }
        } else if key.cue {
            cue |= !matches!(value, Node::Null | Node::Bool(_));
        }
    }
    match (named || named_by_string, cue) {
        (true, true) => Record::Person,
        (_, false) if named_by_string => Record::Named,
        _ => Record::Other,
    }
}

/// Whether the column names `names` make each row a record about a
/// person: one names the person (`name`, `nom`) and another is one only a
/// person has (`email`, `dob`, `ssn`).
pub(crate) fn is_record_header<'a>(
    names: impl IntoIterator<Item = &'a str>,
    scratch: &mut String,
) -> bool {
    let (mut named, mut cue) = (false, false);
    for name in names {
        let key = PersonKey::of(name, scratch);
        named |= key.names_person();
        cue |= key.cue;
    }
    named && cue
}

/// Whether `text` labels a value that only a person has (`Date of
/// Birth:`, `email=`, `PESEL:`): a label of up to three words before a
/// `:` or `=` that is one of [`PERSON_CUES`], and whose value is no flag
/// (`email_enabled: true`, `dob: null` in a GraphQL query or a JavaScript
/// object: as [`is_record`] does not count a member that is a bool or
/// null). Read only when a name's label is found, so it costs nothing in
/// most texts.
pub(crate) fn labels_a_cue(text: &str, scratch: &mut String) -> bool {
    const MAX_LABELS: usize = 64;
    let bytes = text.as_bytes();
    let mut labels = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b':' | b'=') {
            continue;
        }
        labels += 1;
        if labels > MAX_LABELS {
            return false;
        }
        // Up to three words of letters (and `_`, `-`) before it.
        let mut start = i;
        let mut words = 0;
        while start > 0 && words < 3 {
            let mut s = start;
            while s > 0
                && (bytes[s - 1].is_ascii_alphabetic() || matches!(bytes[s - 1], b'_' | b'-'))
            {
                s -= 1;
            }
            if s == start {
                break;
            }
            words += 1;
            start = s;
            if start == 0 || bytes[start - 1] != b' ' {
                break;
            }
            start -= 1;
        }
        let label = text[start..i].trim();
        if !label.is_empty() && PersonKey::of(label, scratch).cue && !flag_after(&text[i + 1..]) {
            return true;
        }
    }
    false
}

/// Whether the value after a label's separator is a flag or nothing
/// (`true`, `false`, `null`, `None`, `nil`, `undefined`), quoted or not.
fn flag_after(rest: &str) -> bool {
    let value = rest.trim_start_matches([' ', '\t', '"', '\'']);
    let end = value
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let word = &value[..end];
    ["true", "false", "null", "none", "nil", "undefined"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// What a generic person field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// A person's name.
    Name,
    /// A street address.
    Address,
}

/// Keys (normalized) whose value is a person's name when it reads as one.
/// A bare `name` is not one of them (products and metrics have names too):
/// it counts only in a person record ([`is_record`]).
const NAME_FIELDS: &[&str] = &[
    "fullname",
    "displayname",
    "customer",
    "customername",
    "patient",
    "guest",
    "kunde",
    "cliente",
    "client",
    "clientname",
    "holder",
    "holdername",
    "cardholdername",
    "contact",
    "contactname",
    "recipient",
    "recipientname",
    "passenger",
    "passengername",
    "employee",
    "nomcomplet",
    "nombre",
    "nome",
    "naam",
    "person",
    "xname",
    // A user's name, as a key or a header (`user_name`, `X-User-Name`):
    // most hold a login (`admin`, `svc-deploy`, `jdoe`), which no name's
    // shape has; only two or more capitalised words are taken.
    "username",
    "xusername",
    "xcustomer",
    "xdisplayname",
    "xcardholdername",
    "xcontactname",
    "xpatient",
];

/// Name fields (normalized) that hold a user's name, which is more often
/// a login than a person's name: taken only when the value reads as a
/// person's name ([`reads_as_a_name`]: `Admin User`, `System Bot` stay).
const LOGIN_FIELDS: &[&str] = &["username", "xusername"];

/// Keys (normalized) whose value is a street address when it reads as one.
const ADDRESS_FIELDS: &[&str] = &[
    "address",
    "addr",
    "shipto",
    "adresse",
    "direccion",
    "indirizzo",
    "endereco",
    "anschrift",
    "xaddress",
    "location",
    "residence",
];

/// What `value` under a key is, given what the key says
/// ([`PersonKey::of`]), when the key is a generic person field and the
/// value has the shape that goes with it.
pub(crate) fn field_of(key: PersonKey, value: &str) -> Option<Field> {
    if !key.is_field() || value.len() > 200 {
        return None;
    }
    // A login of capitalised words (`Admin User`, `Build Bot`) is no
    // person's name.
    if key.login && !reads_as_a_name(&value.replace('_', " ")) {
        return None;
    }
    if key.name_field && (looks_like_a_name(value) || looks_like_a_person(value)) {
        Some(Field::Name)
    } else if key.address_field && looks_like_an_address(value) {
        Some(Field::Address)
    } else if key.name_field && looks_like_an_address(value) {
        // `customer: "Jane Doe, 12 Main St, ..."`: a name and an address.
        Some(Field::Name)
    } else {
        None
    }
}

/// Name fields (normalized) that only a person fills: in prose, where a
/// product or a company is written with capitals too (`the client is
/// Google Chrome`, `the customer is Acme Corp`), only these take a name.
const PEOPLE_ONLY_FIELDS: &[&str] = &[
    "fullname",
    "customername",
    "patient",
    "guest",
    "clientname",
    "holder",
    "holdername",
    "cardholdername",
    "contactname",
    "recipientname",
    "passenger",
    "passengername",
    "employee",
    "nomcomplet",
    "xpatient",
    "xcardholdername",
    "xcontactname",
];

/// What `value` written in prose after a generic person field and a verb
/// is (`the patient's address was 12 Main St`): as [`field_of`], but a
/// name only under a field that only a person fills
/// ([`PEOPLE_ONLY_FIELDS`]), and an address only when it starts as one
/// does (a number, a capital or a street word), not with a verb (`the
/// address was changed to ...`).
pub(crate) fn field_in_prose(key: PersonKey, value: &str) -> Option<Field> {
    match field_of(key, value)? {
        Field::Name if key.people_only => Some(Field::Name),
        Field::Address if starts_as_an_address(value) => Some(Field::Address),
        _ => None,
    }
}

/// Whether `s` starts as a street address does: with a number, a capital
/// or a street word (`rue des Lilas`, `ul. Złota`), not with a verb.
pub(crate) fn starts_as_an_address(s: &str) -> bool {
    let first = s.split([' ', '.']).next().unwrap_or("").to_lowercase();
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
        || STREET_WORDS.contains(&first.as_str())
        || first == "ul"
}

/// Words that name a street, in several languages.
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "way",
    "drive",
    "dr",
    "court",
    "ct",
    "place",
    "pl",
    "square",
    "crescent",
    "close",
    "terrace",
    "flat",
    "apt",
    "suite",
    "unit",
    "straße",
    "strasse",
    "str",
    "platz",
    "weg",
    "allee",
    "gasse",
    "via",
    "viale",
    "piazza",
    "calle",
    "avenida",
    "paseo",
    "plaza",
    "rua",
    "rue",
    "chemin",
    "quai",
    "laan",
    "straat",
    "plein",
    "ulica",
    "aleja",
    "gracht",
    "kade",
    "damm",
    "gatan",
    "vägen",
    "veien",
    "carrer",
    "corso",
    "travessa",
    "praça",
];

/// Whether `s` reads as a street address: a number, words, and a street
/// word (`12 Main St`, `Lindenweg 175`, `Via Roma 146, 79018 Sevilla`).
pub(crate) fn looks_like_an_address(s: &str) -> bool {
    // The cheap conditions first: most values fail them.
    if !(8..=160).contains(&s.len()) || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let (street_words, glued_by_last) = &*STREET_TABLES;
    let (mut letters, mut street) = (false, false);
    let mut word = String::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        letters |= w.chars().any(char::is_alphabetic);
        if street {
            continue;
        }
        word.clear();
        word.extend(w.chars().flat_map(char::to_lowercase));
        street = street_words.contains(word.as_str())
            // A street word glued to a name of three letters or more
            // (`Lindenweg`): only a word of six bytes or more.
            || (word.len() >= 6
                && word.as_bytes().last().is_some_and(|&b| {
                    glued_by_last[usize::from(b)]
                        .iter()
                        .any(|sw| word.len() > sw.len() + 2 && word.ends_with(sw))
                }));
    }
    letters && street
}

/// [`STREET_WORDS`] as a set, and those of three bytes or more (which may
/// end a longer word) by their last byte.
type StreetTables = (rustc_hash::FxHashSet<&'static str>, Vec<Vec<&'static str>>);

static STREET_TABLES: std::sync::LazyLock<StreetTables> = std::sync::LazyLock::new(|| {
    let mut glued_by_last = vec![Vec::new(); 256];
    for &sw in STREET_WORDS.iter().filter(|sw| sw.len() >= 3) {
        if let Some(&last) = sw.as_bytes().last() {
            glued_by_last[usize::from(last)].push(sw);
        }
    }
    (STREET_WORDS.iter().copied().collect(), glued_by_last)
});

/// Whether `s` starts with a person's name and goes on to describe them
/// (`Jane Doe (born 1970-01-01) lives at ...`, `Name: Jane Doe; ...`).
fn looks_like_a_person(s: &str) -> bool {
    let lower = s.to_lowercase();
    (lower.contains("born") || lower.contains("date of birth") || lower.contains("dob"))
        && (lower.starts_with("name:")
            || s.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || caseless_letter(c)))
}

/// Keys (normalized) that name the person of a record.
const PERSON_NAME_KEYS: &[&str] = &[
    "name",
    "fullname",
    "displayname",
    "holder",
    "holdername",
    "patient",
    "customer",
    "passenger",
    "guest",
    "recipient",
    "employee",
    "contact",
    "person",
    "owner",
    "accountholder",
    // ISO 20022's debtor, creditor and party names (`Dbtr: {Nm, PstlAdr}`).
    "nm",
];

/// Keys (normalized) that hold one part of a person's name (`nom`,
/// `cognome`, `vorname`): in a person record, one capitalised word under
/// one of them is a name (`{"nom": "Durand", "adresse": ...}`).
const NAME_PART_KEYS: &[&str] = &[
    "nom",
    "nome",
    "cognome",
    "prenom",
    "prénom",
    "vorname",
    "nachname",
    "firstname",
    "lastname",
    "surname",
    "givenname",
    "familyname",
    "forename",
    "apellido",
    "apellidos",
    "nombre",
];

/// Whether `s` is one capitalised word of letters (`Durand`, `O'Neil`,
/// `Weißmüller`), as a part of a name is written.
pub(crate) fn looks_like_a_name_word(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 40
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

/// Key prefixes or suffixes (normalized) only a person's record has.
const PERSON_CUES: &[&str] = &[
    "dob",
    "email",
    "iban",
    "accountnumber",
    "cardnumber",
    "licensenumber",
    "licencenumber",
    "cpf",
    "dni",
    "nino",
    "pesel",
    "taxid",
    "pstladr",
    "codicefiscale",
    "fiscalcode",
    "socialsecurity",
    "nationalinsurance",
    "bsn",
    "curp",
    "cnic",
    "aadhaar",
    "adresse",
    "indirizzo",
    "direccion",
    "naissance",
    "nascita",
    "nacimiento",
    "geburt",
    "telefon",
    "telefono",
    "birth",
    "born",
    "address",
    "street",
    "ssn",
    "nationalid",
    "passport",
    "phone",
    "mobile",
    "gender",
    "sex",
    "nationality",
    "mrn",
    "postalcode",
    "postcode",
    "zipcode",
];

/// The [`PERSON_CUES`] that say where someone is, not who they are: a
/// sibling holding only these names no party (`shipping` and
/// `shipping_address`: a shipping method and where it goes).
const ADDRESS_CUES: &[&str] = &[
    "pstladr",
    "adresse",
    "indirizzo",
    "direccion",
    "address",
    "street",
    "postalcode",
    "postcode",
    "zipcode",
];

/// Keys (normalized) of a person record that hold where they live.
const PERSON_ADDRESS_KEYS: &[&str] = &[
    "address",
    "addr",
    "street",
    "line",
    "line1",
    "line2",
    "residence",
    "home",
];

/// Whether `s` reads as a person's name: two to five words, each starting
/// with a capital (a title such as `Mrs.` or a particle such as `van`
/// allowed), or `SURNAME, Given`; in a script without capitals (`李秀英`,
/// `山田 花子`, `محمد القحطاني`), as [`reads_as_a_name`] says.
pub(crate) fn looks_like_a_name(s: &str) -> bool {
    // `Björn_Eriksson` (a query string, a `key=value` log): underscores
    // for spaces.
    if !s.contains(' ') && s.contains('_') {
        return looks_like_a_joined_name(s);
    }
    if s.chars().any(caseless_letter) {
        return reads_as_a_name(s);
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    (2..=5).contains(&words.len())
        && s.len() <= 80
        && words.iter().all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase()
                || matches!(
                    *w,
                    "van" | "von" | "de" | "der" | "da" | "di" | "la" | "le" | "bin" | "al"
                )
        })
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// Whether `s`, a name written with underscores for spaces
/// (`Anna_Maria_Schmidt`, `Zoë_Ångström`), reads as a person's name: as
/// [`looks_like_a_name`] reads the words, each a capital and lowercase
/// letters. A constant or an identifier joins its words the same way
/// (`SOME_CONSTANT`, `build_42`, `Order_Service_V2`); a word in capitals
/// only, a digit or a lowercase word other than a particle is none of a
/// name's here.
fn looks_like_a_joined_name(s: &str) -> bool {
    let words = s.split('_');
    s.len() <= 80
        && (2..=5).contains(&words.clone().count())
        && words.clone().all(|w| {
            let mut chars = w.chars();
            NAME_PARTICLES.contains(&w)
                || (chars.next().is_some_and(char::is_uppercase)
                    && chars.clone().any(char::is_lowercase)
                    && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'')))
        })
        && reads_as_a_name(&s.replace('_', " "))
}

/// Lowercase words that stand inside a person's name (`van`, `binti`,
/// `dela`).
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "binti", "bint", "da", "das", "de", "del", "dela", "della", "den", "der", "di",
    "do", "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y", "zu",
];

/// Capitalised words (lowercase here) that head an address or a fact
/// but are no person's name: companies, places of business, roles,
/// labels and greetings.
const NOT_NAME_WORDS: &[&str] = &[
    // Words of a sentence written in capitals (`I'm Not Sure`).
    "a",
    "also",
    "an",
    "and",
    "at",
    "back",
    "done",
    "for",
    "from",
    "glad",
    "going",
    "happy",
    "here",
    "in",
    "it",
    "just",
    "looking",
    "my",
    "new",
    "not",
    "of",
    "on",
    "or",
    "our",
    "ready",
    "really",
    "sorry",
    "still",
    "sure",
    "that",
    "this",
    "trying",
    "using",
    "very",
    "with",
    "your",
    "ag",
    // Words of an account that is no person's (`Admin User`, `Build Bot`).
    "admin",
    "administrator",
    "anonymous",
    "bot",
    "default",
    "root",
    "system",
    "user",
    "attn",
    "average",
    "band",
    "bank",
    "bill",
    "billing",
    "bv",
    "co",
    "company",
    "corp",
    "corporation",
    "customer",
    "dear",
    "delivery",
    "department",
    "dept",
    "director",
    "dx",
    "employee",
    "engineer",
    "gmbh",
    "grade",
    "headquarters",
    "hello",
    "hi",
    "home",
    "hotel",
    "hq",
    "inc",
    "level",
    "limited",
    "llc",
    "llp",
    "ltd",
    "mailing",
    "manager",
    "max",
    "median",
    "min",
    // Words of a form's or a system's label (`Account Holder Name`,
    // `Account Holder Verification Service`).
    "name",
    "service",
    "verification",
    "note",
    "office",
    "patient",
    "plc",
    "policy",
    "range",
    "re",
    "sa",
    "senior",
    "ship",
    "shop",
    "store",
    "summary",
    "team",
    "the",
    "to",
    "total",
    "warehouse",
];

/// Whether `c` may be part of a name's word: a letter of any script, a
/// combining mark (`ọ̀`), or `.`, `-`, `'`, `’`.
pub(crate) fn name_char(c: char) -> bool {
    c.is_alphabetic()
        || matches!(c, '.' | '-' | '\'' | '’')
        || ('\u{300}'..='\u{36f}').contains(&c)
        || ('\u{64b}'..='\u{65f}').contains(&c)
}

/// Whether `c` is a letter of a script without capitals (Han, kana,
/// hangul, Arabic, Hebrew, Devanagari, Thai, ...).
pub(crate) fn caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// Whether `s` reads as a person's name where the text around it says a
/// person stands there (heading an address, before a salary or a
/// diagnosis): one to five words of letters in any script, each
/// capitalised, in a script without capitals, or a particle (`binti`,
/// `dela`); a single word only in a script without capitals (`李秀英`).
/// Companies, roles and labels (`Acme Ltd`, `Senior Engineer`, `Band L3`)
/// do not.
pub(crate) fn reads_as_a_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 60 {
        return false;
    }
    let mut people_words = 0;
    for w in &words {
        let lower = w.to_lowercase();
        let bare = lower.trim_end_matches('.');
        if NOT_NAME_WORDS.contains(&bare) || !w.chars().all(name_char) {
            return false;
        }
        if NAME_PARTICLES.contains(w) {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || caseless_letter(first)) {
            return false;
        }
        people_words += 1;
    }
    match people_words {
        0 => false,
        1 => {
            let n = s.chars().filter(|c| !c.is_whitespace()).count();
            words.len() == 1 && s.chars().all(caseless_letter) && (2..=8).contains(&n)
        }
        _ => true,
    }
}

/// The person's name that ends at `end` of `text`: the longest run of up
/// to five words before `end`, on its line (a line break escaped as `\n`
/// counts) and at most 120 bytes back, that reads as a name
/// ([`reads_as_a_name`]). The first word may be glued to a label or a
/// quote (`billTo=Siti ...`, `` `Chidinma ``): the name starts after it.
pub(crate) fn name_ending_at(text: &str, end: usize) -> Option<(usize, usize)> {
    let mut lo = end.saturating_sub(120);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut window = &text[lo..end];
    if let Some(i) = window.rfind(['\n', '\r']) {
        lo += i + 1;
        window = &text[lo..end];
    }
    if let Some(i) = window.rfind("\\n") {
        lo += i + 2;
        window = &text[lo..end];
    }
    let mut best = None;
    let mut cursor = window.len();
    for _ in 0..5 {
        // The space before the word (`ws_at`, any width: a no-break space
        // is two bytes) and where the word starts.
        let ws_at = window[..cursor].rfind(char::is_whitespace);
        let word_at = ws_at.map_or(0, |i| {
            i + window[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &window[word_at..cursor];
        // Where the name part of the word starts: after its last
        // character that no name has.
        let glued = word
            .char_indices()
            .rfind(|&(_, c)| !name_char(c))
            .map(|(i, c)| i + c.len_utf8());
        let start = word_at + glued.unwrap_or(0);
        // A quote opening the name is no part of it (`'Chidinma`).
        let bare = window[start..cursor].trim_start_matches(['\'', '’', '-', '.']);
        let quoted = bare.len() < cursor - start;
        let start = cursor - bare.len();
        if start < cursor && reads_as_a_name(&window[start..]) {
            best = Some((lo + start, end));
        }
        if glued.is_some() || quoted || word_at == 0 {
            break;
        }
        // Only single spaces between the words of a name.
        let Some(ws_at) = ws_at else {
            break;
        };
        if window[..ws_at].ends_with(char::is_whitespace) {
            break;
        }
        cursor = ws_at;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `looks_like_an_address` said before its tables, word by word.
    fn looks_like_an_address_by_lists(s: &str) -> bool {
        if !(8..=160).contains(&s.len()) || !s.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.iter().any(|w| w.chars().any(char::is_alphabetic))
            && words.iter().any(|w| {
                STREET_WORDS.contains(&w.as_str())
                    || (w.len() >= 6
                        && STREET_WORDS
                            .iter()
                            .any(|sw| sw.len() >= 3 && w.len() > sw.len() + 2 && w.ends_with(sw)))
            })
    }

    proptest::proptest! {
        #[test]
        fn address_tables_say_what_the_lists_said(
            number in "[0-9]{1,4}[a-z]?",
            name in "[A-Za-zäöüÄÖÜß]{0,9}",
            word in proptest::sample::select(STREET_WORDS.to_vec()),
            upper in proptest::bool::ANY,
            sep in proptest::sample::select(vec![" ", ", ", "-", ""]),
        ) {
            let word = if upper { word.to_uppercase() } else { word.to_owned() };
            for s in [
                format!("{number} {name}{sep}{word}"),
                format!("{name}{word} {number}"),
                format!("{number}{sep}{name}"),
            ] {
                proptest::prop_assert_eq!(
                    looks_like_an_address(&s),
                    looks_like_an_address_by_lists(&s),
                    "{:?}", s
                );
            }
        }
    }

    /// The tables say what the lists say: every list entry, with prefixes
    /// and suffixes around it, and words in none of them.
    #[test]
    fn key_tables_agree_with_the_lists() {
        let by_lists = |k: &str| PersonKey {
            names_person: PERSON_NAME_KEYS.contains(&k),
            cue: k == "vin"
                || PERSON_CUES
                    .iter()
                    .any(|c| k.starts_with(c) || k.ends_with(c)),
            login: LOGIN_FIELDS.contains(&k),
            name_field: NAME_FIELDS.contains(&k),
            people_only: PEOPLE_ONLY_FIELDS.contains(&k),
            address_field: ADDRESS_FIELDS.contains(&k),
            lives_at: PERSON_ADDRESS_KEYS.contains(&k),
            name_part: NAME_PART_KEYS.contains(&k),
        };
        let lists = [
            PERSON_NAME_KEYS,
            NAME_FIELDS,
            PEOPLE_ONLY_FIELDS,
            ADDRESS_FIELDS,
            PERSON_ADDRESS_KEYS,
            NAME_PART_KEYS,
            LOGIN_FIELDS,
            PERSON_CUES,
        ];
        let mut scratch = String::new();
        let mut checked = 0;
        for &word in lists.iter().flat_map(|l| l.iter()) {
            for key in [
                word.to_owned(),
                format!("x{word}"),
                format!("{word}1"),
                format!("my_{word}_id"),
                word[1..].to_owned(),
                word[..word.len() - 1].to_owned(),
            ] {
                assert_eq!(
                    PersonKey::of(&key, &mut scratch),
                    by_lists(&scratch),
                    "{key}"
                );
                checked += 1;
            }
        }
        for key in [
            "", "v", "vin", "vintage", "user-123", "Grüße", "名前", "value",
        ] {
            assert_eq!(
                PersonKey::of(key, &mut scratch),
                by_lists(&scratch),
                "{key}"
            );
        }
        assert!(checked > 500, "{checked}");
    }

    #[track_caller]
    fn check(key: &str, value: &str, expected: Option<Field>) {
        assert_eq!(
            field_of(PersonKey::of(key, &mut String::new()), value),
            expected,
            "{key}: {value}"
        );
    }

    #[test]
    fn generic_fields_are_personal_only_with_the_right_shape() {
        check("customer", "Siobhan O. García", Some(Field::Name));
        check("X-Cardholder-Name", "Diego Schmidt", Some(Field::Name));
        check(
            "guest",
            "Jane Doe (born 1970-01-02) lives at 12 Main St",
            Some(Field::Name),
        );
        check(
            "address",
            "76 Baker Street, London HC7 8FL",
            Some(Field::Address),
        );
        check("address", "Lindenweg 96b, 50704 Köln", Some(Field::Address));
        check("address", "0.0.0.0:8080", None);
        check("address", "us-east-1", None);
        check("location", "eu-west-1b", None);
        check("customer", "cus_8812", None);
        check("customer", "acme corp", None);
        check("name", "Blue Widget", None);
    }

    #[test]
    fn in_prose_names_need_a_field_only_people_fill() {
        let key = |k: &str| PersonKey::of(k, &mut String::new());
        assert_eq!(
            field_in_prose(key("patient"), "Ada Lovelace"),
            Some(Field::Name)
        );
        assert_eq!(field_in_prose(key("customer"), "Acme Corp"), None);
        assert_eq!(field_in_prose(key("client"), "Google Chrome"), None);
        assert_eq!(
            field_in_prose(key("address"), "12 Main St, Springfield"),
            Some(Field::Address)
        );
        assert_eq!(
            field_in_prose(key("address"), "rue des Lilas 12, Paris"),
            Some(Field::Address)
        );
        assert_eq!(
            field_in_prose(key("address"), "changed to 12 Main St"),
            None
        );
    }

    #[test]
    fn names_in_any_script_read_as_names_in_context() {
        for name in [
            "Zoë Ångström",
            "李秀英",
            "山田 花子",
            "محمد القحطاني",
            "Olúwaseun Adébáyọ̀",
            "Siti Nurhaliza binti Tarudin",
            "Juan dela Cruz",
            "Aoife Ní Bhriain",
            "Kim Min-jun",
            "Đorđe Đurić",
        ] {
            assert!(reads_as_a_name(name), "{name}");
        }
        for not in [
            "Acme Widgets Ltd",
            "Senior Engineer",
            "Band L3",
            "Springfield",
            "queue depth",
            "HQ",
            "Store 12",
            "",
        ] {
            assert!(!reads_as_a_name(not), "{not}");
        }
    }

    #[test]
    fn regression_a_wide_space_before_a_word_is_no_panic() {
        // A no-break space is two bytes; the words before it are read on.
        let text = "B e\u{a0}Zoë Dubois";
        let _ = name_ending_at(text, text.len());
        let text = "x\u{a0}\u{a0}Zoë";
        let _ = name_ending_at(text, text.len());
    }

    #[test]
    fn names_are_read_back_from_where_they_end() {
        fn read(text: &str) -> Option<&str> {
            name_ending_at(text, text.len()).map(|(s, e)| &text[s..e])
        }
        assert_eq!(
            read("billTo: Siti Nurhaliza binti Tarudin"),
            Some("Siti Nurhaliza binti Tarudin")
        );
        assert_eq!(
            read("cs1=María Florencia Ibarra"),
            Some("María Florencia Ibarra")
        );
        assert_eq!(
            read("export HR_NOTE='Chidinma Okafor"),
            Some("Chidinma Okafor")
        );
        assert_eq!(read("*address:* `Chidinma Okafor"), Some("Chidinma Okafor"));
        assert_eq!(read("x\\nZoë Ångström"), Some("Zoë Ångström"));
        assert_eq!(read("12127\tt\t李秀英"), Some("李秀英"));
        assert_eq!(read("Ship To John Smith"), Some("John Smith"));
        assert_eq!(read("our office is at"), None);
        assert_eq!(read("Band L3"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn names_joined_by_underscores_read_as_names() {
        for name in ["Björn_Eriksson", "Anna_Maria_Schmidt", "Juan_dela_Cruz"] {
            assert!(looks_like_a_name(name), "{name}");
        }
        for not in [
            "build_42",
            "SOME_CONSTANT",
            "Order_Service_V2",
            "read_only",
            "Anna_",
            "_Anna_Schmidt",
            "Acme_Ltd",
            "Björn__Eriksson",
        ] {
            assert!(!looks_like_a_name(not), "{not}");
        }
    }

    #[test]
    fn a_cue_labelled_with_a_flag_is_no_cue() {
        let mut scratch = String::new();
        assert!(labels_a_cue(
            "name: \"Jane Roe\", email: \"j@x.io\"",
            &mut scratch
        ));
        assert!(!labels_a_cue(
            "name: \"Team\", email_enabled: true",
            &mut scratch
        ));
        assert!(!labels_a_cue("name=x dob=null phone='None'", &mut scratch));
        assert!(labels_a_cue("name=x dob=1990-01-01", &mut scratch));
    }

    #[test]
    fn names_and_addresses_by_shape() {
        assert!(looks_like_a_name("Mrs. Olivia Dubois"));
        assert!(looks_like_a_name("RODRIGUEZ, Sakura"));
        assert!(!looks_like_a_name("queue depth"));
        assert!(!looks_like_a_name("Q3 Report 2025"));
        assert!(looks_like_an_address(
            "9544 Sunset Way # 398, Austin, TX 78714"
        ));
        assert!(!looks_like_an_address("v1.4.2 build 7"));
        for street in [
            "Keizersgracht 123",
            "Storgatan 1, 114 55 Stockholm",
            "Carrer de Mallorca 401",
            "Corso Buenos Aires 5",
            "Kurfürstendamm 21",
        ] {
            assert!(looks_like_an_address(street), "{street}");
        }
    }
}
