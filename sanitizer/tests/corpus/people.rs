//! People: names, street addresses and dates of birth from several
//! countries, and the hosts, users and words the rest of the corpus uses
//! to look like real traffic.

use rand::Rng;
use rand::rngs::StdRng;

use crate::random::{LOWER, LOWER_ALNUM, chance, chars, digits, num, pick};

const FIRST: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "Michael",
    "Jennifer",
    "David",
    "Linda",
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Sophia",
    "Lukas",
    "Hannah",
    "Maximilian",
    "Lea",
    "Jonas",
    "Marie",
    "Léa",
    "Gabriel",
    "Chloé",
    "Louis",
    "Camille",
    "Hugo",
    "Inès",
    "Lucía",
    "Mateo",
    "Sofía",
    "Alejandro",
    "Valentina",
    "João",
    "Ana",
    "Pedro",
    "Beatriz",
    "Giulia",
    "Francesco",
    "Alessandro",
    "Chiara",
    "Priya",
    "Arjun",
    "Ananya",
    "Rahul",
    "Aditi",
    "Wei",
    "Xiu Ying",
    "Hiroshi",
    "Yuki",
    "Sakura",
    "Min-jun",
    "Seo-yeon",
    "Fatima",
    "Mohammed",
    "Aisha",
    "Omar",
    "Olga",
    "Dmitri",
    "Agnieszka",
    "Krzysztof",
    "Sven",
    "Ingrid",
    "Pieter",
    "Sanne",
    "Aoife",
    "Siobhan",
    "Kwame",
    "Ngozi",
    "Thandiwe",
    "Diego",
    "Camila",
    "Zoë",
    "Björn",
    "Małgorzata",
];

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Anderson",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Petit",
    "Durand",
    "Lefèvre",
    "García",
    "Fernández",
    "González",
    "López",
    "Sánchez",
    "Pérez",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Sharma",
    "Patel",
    "Gupta",
    "Iyer",
    "Reddy",
    "Wang",
    "Li",
    "Zhang",
    "Chen",
    "Liu",
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Kim",
    "Park",
    "Nguyen",
    "O'Brien",
    "MacDonald",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Ivanova",
    "Petrov",
    "van der Berg",
    "de Jong",
    "Jansen",
    "Okafor",
    "Mensah",
    "Haddad",
    "Al-Sayed",
    "Nakamura",
    "Lindqvist",
];

/// A person's full name, in one of the orders real systems store.
pub fn full_name(rng: &mut StdRng) -> String {
    let first = pick(rng, FIRST);
    let last = pick(rng, LAST);
    match rng.random_range(0..10) {
        0 => format!("{}, {first}", last.to_uppercase()),
        1 => {
            let middle = pick(rng, FIRST);
            format!("{first} {}. {last}", middle.chars().next().unwrap_or('A'))
        }
        2 => format!("{first} {last}-{}", pick(rng, LAST)),
        3 => format!(
            "{} {first} {last}",
            pick(rng, &["Dr.", "Mr.", "Ms.", "Mrs.", "Prof."])
        ),
        _ => format!("{first} {last}"),
    }
}

pub fn first_name(rng: &mut StdRng) -> &'static str {
    pick(rng, FIRST)
}

pub fn last_name(rng: &mut StdRng) -> &'static str {
    pick(rng, LAST)
}

/// A street address with city and postal code, in one country's format.
pub fn street_address(rng: &mut StdRng) -> String {
    match rng.random_range(0..6) {
        0 | 1 => {
            let street = pick(
                rng,
                &[
                    "Oak",
                    "Maple",
                    "Cedar",
                    "Pine",
                    "Elm",
                    "Washington",
                    "Lakeview",
                    "Sunset",
                    "Hillcrest",
                    "Park",
                    "Willow",
                    "Highland",
                    "Jefferson",
                    "Meadowbrook",
                ],
            );
            let suffix = pick(
                rng,
                &[
                    "St", "Street", "Ave", "Avenue", "Rd", "Blvd", "Lane", "Dr", "Court", "Way",
                ],
            );
            let (city, state, zip) = *[
                ("Springfield", "IL", "627"),
                ("Austin", "TX", "787"),
                ("Portland", "OR", "972"),
                ("Columbus", "OH", "432"),
                ("Sacramento", "CA", "958"),
                ("Brooklyn", "NY", "112"),
                ("Boulder", "CO", "803"),
                ("Madison", "WI", "537"),
            ]
            .get(rng.random_range(0..8))
            .unwrap_or(&("Denver", "CO", "802"));
            let unit = if chance(rng, 0.3) {
                format!(
                    " {} {}",
                    pick(rng, &["Apt", "Unit", "Suite", "#"]),
                    rng.random_range(1..=420)
                )
            } else {
                String::new()
            };
            format!(
                "{} {street} {suffix}{unit}, {city}, {state} {zip}{}",
                rng.random_range(10..=9899),
                digits(rng, 2)
            )
        }
        2 => {
            let street = pick(
                rng,
                &[
                    "Hauptstraße",
                    "Goethestraße",
                    "Bahnhofstraße",
                    "Lindenweg",
                    "Schillerplatz",
                    "Am Mühlenbach",
                    "Kastanienallee",
                    "Friedrichstraße",
                ],
            );
            let (plz, city) = *[
                ("10", "Berlin"),
                ("80", "München"),
                ("50", "Köln"),
                ("20", "Hamburg"),
                ("60", "Frankfurt am Main"),
            ]
            .get(rng.random_range(0..5))
            .unwrap_or(&("01", "Dresden"));
            format!(
                "{street} {}{}, {plz}{} {city}",
                rng.random_range(1..=180),
                pick(rng, &["", "", "a", "b"]),
                digits(rng, 3)
            )
        }
        3 => {
            let street = pick(
                rng,
                &[
                    "rue de la République",
                    "avenue Victor Hugo",
                    "boulevard Haussmann",
                    "rue des Lilas",
                    "chemin des Vignes",
                    "place Bellecour",
                    "rue du Faubourg Saint-Antoine",
                ],
            );
            let (cp, city) = *[
                ("750", "Paris"),
                ("690", "Lyon"),
                ("130", "Marseille"),
                ("310", "Toulouse"),
                ("330", "Bordeaux"),
            ]
            .get(rng.random_range(0..5))
            .unwrap_or(&("440", "Nantes"));
            format!(
                "{}{} {street}, {cp}{} {city}",
                rng.random_range(1..=140),
                pick(rng, &["", "", " bis"]),
                digits(rng, 2)
            )
        }
        4 => {
            let street = pick(
                rng,
                &[
                    "Baker Street",
                    "Church Lane",
                    "Victoria Road",
                    "Mill Lane",
                    "Station Road",
                    "The Crescent",
                ],
            );
            let city = pick(
                rng,
                &["London", "Manchester", "Leeds", "Bristol", "Edinburgh"],
            );
            let flat = if chance(rng, 0.4) {
                format!("Flat {}, ", rng.random_range(1..=40))
            } else {
                String::new()
            };
            format!(
                "{flat}{} {street}, {city} {}{} {}{}",
                rng.random_range(1..=250),
                chars(rng, "ABCDEGHKLMNPRSTW", 2),
                rng.random_range(1..=20),
                rng.random_range(1..=9),
                chars(rng, "ABDEFGHJLNPQRSTUWXYZ", 2)
            )
        }
        _ => {
            let street = pick(
                rng,
                &[
                    "Calle Mayor",
                    "Avenida de la Constitución",
                    "Rua Augusta",
                    "Via Roma",
                    "Paseo de Gracia",
                ],
            );
            let city = pick(rng, &["Madrid", "Sevilla", "Lisboa", "Milano", "Barcelona"]);
            format!(
                "{street} {}, {} {city}",
                rng.random_range(1..=300),
                digits(rng, 5)
            )
        }
    }
}

/// A date of birth in one of the formats forms and records use.
pub fn date_of_birth(rng: &mut StdRng) -> String {
    let (y, m, d) = (
        rng.random_range(1938..=2006),
        rng.random_range(1..=12u32),
        rng.random_range(1..=28u32),
    );
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS[(m - 1) as usize];
    match rng.random_range(0..6) {
        0 | 1 => format!("{y}-{m:02}-{d:02}"),
        2 => format!("{m:02}/{d:02}/{y}"),
        3 => format!("{d:02}.{m:02}.{y}"),
        4 => format!("{d} {month} {y}"),
        _ => format!("{month} {d}, {y}"),
    }
}

/// A login name.
pub fn username(rng: &mut StdRng) -> String {
    match rng.random_range(0..5) {
        0 => format!(
            "{}.{}",
            first_name(rng).to_lowercase(),
            last_name(rng).to_lowercase()
        ),
        1 => format!(
            "svc_{}",
            pick(
                rng,
                &["billing", "etl", "deploy", "backup", "reporting", "ingest"]
            )
        ),
        2 => pick(
            rng,
            &[
                "admin", "root", "postgres", "app", "deploy", "ubuntu", "ec2-user", "sa",
            ],
        )
        .to_owned(),
        _ => format!("{}{}", chars(rng, LOWER, 3..8), num(rng, 1, 99, 2)),
    }
    .replace([' ', '\''], "")
}

/// A company's internet domain.
pub fn domain(rng: &mut StdRng) -> String {
    let name = pick(
        rng,
        &[
            "acme",
            "globex",
            "initech",
            "umbrella-corp",
            "hooli",
            "piedpiper",
            "contoso",
            "northwind",
            "wayne-ent",
            "stark-ind",
            "tyrell",
            "cyberdyne",
            "soylent",
            "vandelay",
            "bluth",
            "dunder-mifflin",
            "wonka",
            "gringotts",
        ],
    );
    let tld = pick(
        rng,
        &[
            "com", "io", "net", "de", "co.uk", "fr", "com.br", "in", "es", "nl", "ai", "dev",
        ],
    );
    format!("{name}.{tld}")
}

/// A private or cloud host name.
pub fn host(rng: &mut StdRng) -> String {
    match rng.random_range(0..5) {
        0 => format!(
            "{}-{}.{}.rds.amazonaws.com",
            pick(rng, &["orders", "billing", "users", "prod"]),
            chars(rng, LOWER_ALNUM, 12),
            pick(rng, &["eu-west-1", "us-east-1", "ap-south-1"])
        ),
        1 => format!(
            "db-{}-{:02}.internal.{}",
            pick(rng, &["primary", "replica", "prod", "stage"]),
            rng.random_range(1..20),
            domain(rng)
        ),
        2 => format!(
            "{}.{}",
            pick(rng, &["api", "auth", "mq", "cache", "search", "ledger"]),
            domain(rng)
        ),
        3 => format!(
            "{}.svc.cluster.local",
            pick(
                rng,
                &["postgres.db", "redis.cache", "rabbitmq.queue", "mongo.data"]
            )
        ),
        _ => format!(
            "{}-{}",
            pick(rng, &["pg", "mysql", "redis", "kafka", "es"]),
            num(rng, 1, 12, 2)
        ),
    }
}

/// An email address (real-looking domains, never a documentation one).
pub fn email(rng: &mut StdRng) -> String {
    let first = ascii(first_name(rng)).to_lowercase();
    let last = ascii(last_name(rng)).to_lowercase();
    let local = match rng.random_range(0..7) {
        0 => format!("{first}.{last}"),
        1 => format!("{}{last}", &first[..1]),
        2 => format!("{first}{}", num(rng, 1, 99, 2)),
        3 => format!(
            "{first}.{last}+{}",
            pick(rng, &["shop", "news", "work", "test", "2024"])
        ),
        4 => format!("{first}_{last}{}", rng.random_range(1..2000)),
        5 => format!("{}{}", chars(rng, LOWER, 4..9), digits(rng, 0..4)),
        _ => format!("{}.{}", first.to_uppercase(), last),
    };
    let domain = match rng.random_range(0..3) {
        0 => pick(
            rng,
            &[
                "gmail.com",
                "outlook.com",
                "yahoo.co.jp",
                "hotmail.fr",
                "web.de",
                "gmx.net",
                "icloud.com",
                "proton.me",
                "yandex.ru",
                "uol.com.br",
                "rediffmail.com",
                "qq.com",
            ],
        )
        .to_owned(),
        1 => domain(rng),
        _ => format!(
            "{}.{}",
            pick(rng, &["mail", "corp", "eu", "staff", "students"]),
            domain(rng)
        ),
    };
    format!("{local}@{domain}")
        .replace(' ', "")
        .replace('\'', "")
}

/// Strips diacritics (for email local parts).
pub fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'ã' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ô' | 'ö' => 'o',
            'ú' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ś' => 's',
            'ł' => 'l',
            'ø' => 'o',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// A neutral English sentence fragment (no label, no secret).
pub fn filler_phrase(rng: &mut StdRng) -> &'static str {
    pick(
        rng,
        &[
            "forwarding this from the support queue",
            "see below",
            "as discussed on the call",
            "FYI",
            "copied from the ticket",
            "pasting what the customer sent",
            "this came in overnight",
            "from the incident channel",
            "original message follows",
            "not sure if this is related",
        ],
    )
}
