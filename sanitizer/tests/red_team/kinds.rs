//! What is planted: secrets and personal data, each with the field names
//! real systems give it and the words people use for it in prose.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::ids::{self, ALNUM, HEX, UPPER, b64, b64url, bytes, from_set};

/// One planted value: how it is written, and what must not survive.
pub struct Secret {
    pub text: String,
    pub hide: Vec<String>,
}

impl Secret {
    fn whole(text: String) -> Secret {
        Secret {
            hide: vec![text.clone()],
            text,
        }
    }
}

/// A kind of secret or personal value.
pub struct Kind {
    pub name: &'static str,
    /// Recognisable on its own (a prefix, a checksum, a fixed shape), so it
    /// is also planted where nothing names it.
    pub self_identifying: bool,
    /// Field names systems give it (words separated by spaces; shapes
    /// write them in their own case style).
    pub labels: &'static [&'static str],
    /// How people mention it in prose; `{}` is the value.
    pub prose: &'static [&'static str],
    pub generate: fn(&mut StdRng) -> Secret,
}

const PASSWORD_LABELS: &[&str] = &[
    "password",
    "passwd",
    "db password",
    "admin pass",
    "login password",
    "user password",
    "root password",
    "passphrase",
    "pwd",
    "smtp password",
    "passwort",
    "kennwort",
    "contraseña",
    "mot de passe",
    "senha",
    "parola d ordine",
    "wachtwoord",
    "hasło",
    "пароль",
    "密码",
    "パスワード",
    "mysql root password",
    "redis password",
    "keystore password",
];
const PASSWORD_PROSE: &[&str] = &[
    "my password is {} but it stopped working",
    "try logging in with password {}",
    "pw: {}",
    "the admin account password was set to {} yesterday",
    "Mein Passwort lautet {} seit gestern.",
    "mi contraseña es {}",
    "mon mot de passe est {}",
    "use `{}` as the password for the staging db",
];
const API_KEY_LABELS: &[&str] = &[
    "api key",
    "apikey",
    "x api key",
    "client secret",
    "consumer secret",
    "app secret",
    "secret key",
    "signing secret",
    "webhook secret",
    "hmac key",
    "encryption key",
    "master key",
    "subscription key",
    "private token",
    "auth token",
    "access key secret",
    "license key",
    "shared secret",
];
const API_KEY_PROSE: &[&str] = &[
    "the API key is {}",
    "here is my api key: {}",
    "set the client secret to {} and restart",
    "our secret key {} was rotated",
    "apikey {} returns 401",
];
const TOKEN_LABELS: &[&str] = &[
    "access token",
    "refresh token",
    "id token",
    "session token",
    "bearer token",
    "oauth token",
    "personal access token",
    "csrf token",
    "auth",
];
const PERSONAL_PROSE_ID: &[&str] = &[
    "my {cue} is {}",
    "{cue}: {}",
    "customer gave {cue} {} over the phone",
];

fn password(r: &mut StdRng) -> Secret {
    const WORDS: &[&str] = &[
        "hunter",
        "horse",
        "battery",
        "staple",
        "sommer",
        "winter",
        "dragon",
        "monkey",
        "sunshine",
        "korova",
        "gato",
        "soleil",
        "frühling",
        "tiger",
        "falcon",
        "pepper",
        "orange",
    ];
    let text = match r.random_range(0..4) {
        0 => format!(
            "{}{}-{}",
            WORDS.choose(r).copied().unwrap_or("a"),
            r.random_range(1..99),
            WORDS.choose(r).copied().unwrap_or("b")
        ),
        1 => {
            let w = WORDS.choose(r).copied().unwrap_or("a");
            let mut c = w.chars();
            let first = c
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            format!(
                "{first}{}{}{}",
                c.as_str(),
                r.random_range(1990..2026),
                ["!", "#", "$", "?"][r.random_range(0..4)]
            )
        }
        2 => from_set(
            r,
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^&*",
            14,
        ),
        _ => format!(
            "{}.{}.{}",
            WORDS.choose(r).copied().unwrap_or("a"),
            WORDS.choose(r).copied().unwrap_or("b"),
            r.random_range(10..999)
        ),
    };
    Secret::whole(text)
}

fn api_key(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..4) {
        0 => from_set(r, ALNUM, 32),
        1 => from_set(r, HEX, 40),
        2 => b64url(&bytes(r, 30)),
        _ => from_set(r, ALNUM, 24),
    };
    Secret::whole(text)
}

fn opaque_token(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..3) {
        0 => b64url(&bytes(r, 48)),
        1 => format!("{}.{}", from_set(r, ALNUM, 20), from_set(r, ALNUM, 30)),
        _ => b64(&bytes(r, 36)),
    };
    Secret::whole(text)
}

fn jwt(r: &mut StdRng) -> Secret {
    let header = b64url(br#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#);
    let payload = b64url(
        format!(
            r#"{{"sub":"{}","iss":"https://auth.acme.io/","exp":{},"scope":"read write"}}"#,
            r.random_range(100000..999999),
            r.random_range(1_700_000_000u64..1_800_000_000)
        )
        .as_bytes(),
    );
    let sig = b64url(&bytes(r, 256));
    Secret::whole(format!("{header}.{payload}.{sig}"))
}

fn pem(r: &mut StdRng) -> Secret {
    let (label, body) = match r.random_range(0..4) {
        0 => ("RSA PRIVATE KEY", bytes(r, 600)),
        1 => ("EC PRIVATE KEY", bytes(r, 121)),
        2 => ("PRIVATE KEY", bytes(r, 300)),
        _ => {
            let mut b = b"openssh-key-v1\0".to_vec();
            b.extend(bytes(r, 380));
            ("OPENSSH PRIVATE KEY", b)
        }
    };
    let enc = b64(&body);
    let lines: Vec<String> = enc
        .as_bytes()
        .chunks(if label.starts_with("OPENSSH") { 70 } else { 64 })
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let text = format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    );
    Secret {
        text,
        hide: lines.into_iter().filter(|l| l.len() >= 16).collect(),
    }
}

fn pgp(r: &mut StdRng) -> Secret {
    let enc = b64(&bytes(r, 400));
    let lines: Vec<String> = enc
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let text = format!(
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: backup\n\n{}\n={}\n-----END PGP PRIVATE KEY BLOCK-----",
        lines.join("\n"),
        from_set(r, ALNUM, 4)
    );
    Secret {
        text,
        hide: lines.into_iter().filter(|l| l.len() >= 16).collect(),
    }
}

fn vendor(r: &mut StdRng) -> Secret {
    // Shapes modelled on what the vendors publish.
    let t = match r.random_range(0..48) {
        0 => format!("ghp_{}", from_set(r, ALNUM, 36)),
        1 => format!(
            "github_pat_11{}_{}",
            from_set(r, ALNUM, 20),
            from_set(r, ALNUM, 59)
        ),
        2 => format!("gho_{}", from_set(r, ALNUM, 36)),
        3 => format!("glpat-{}", from_set(r, ALNUM, 20)),
        4 => format!(
            "xoxb-{}-{}-{}",
            r.random_range(10_000_000_000u64..99_999_999_999),
            r.random_range(10_000_000_000u64..99_999_999_999),
            from_set(r, ALNUM, 24)
        ),
        5 => format!(
            "xoxp-{}-{}-{}-{}",
            r.random_range(1_000_000_000u64..9_999_999_999),
            r.random_range(1_000_000_000u64..9_999_999_999),
            r.random_range(1_000_000_000u64..9_999_999_999),
            from_set(r, HEX, 32)
        ),
        6 => format!("sk_live_{}", from_set(r, ALNUM, 99)),
        7 => format!("rk_live_{}", from_set(r, ALNUM, 24)),
        8 => format!("whsec_{}", from_set(r, ALNUM, 32)),
        9 => format!(
            "AKIA{}",
            from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        ),
        10 => format!(
            "AIza{}",
            from_set(
                r,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
                35
            )
        ),
        11 => format!("SG.{}.{}", from_set(r, ALNUM, 22), from_set(r, ALNUM, 43)),
        12 => format!("SK{}", from_set(r, HEX, 32)),
        13 => format!("npm_{}", from_set(r, ALNUM, 36)),
        14 => format!("sk-ant-api03-{}AA", from_set(r, ALNUM, 93)),
        15 => format!("sk-proj-{}", from_set(r, ALNUM, 120)),
        16 => format!(
            "hf_{}",
            from_set(
                r,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                34
            )
        ),
        17 => format!("shpat_{}", from_set(r, HEX, 32)),
        18 => format!("sq0atp-{}", from_set(r, ALNUM, 22)),
        19 => format!("key-{}", from_set(r, HEX, 32)),
        20 => format!("dop_v1_{}", from_set(r, HEX, 64)),
        21 => format!("hvs.{}", from_set(r, ALNUM, 90)),
        22 => format!("lin_api_{}", from_set(r, ALNUM, 40)),
        23 => format!("PMAK-{}-{}", from_set(r, HEX, 24), from_set(r, HEX, 34)),
        24 => format!(
            "NRAK-{}",
            from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 27)
        ),
        25 => format!("GOCSPX-{}", from_set(r, ALNUM, 28)),
        26 => format!("1//0{}", from_set(r, ALNUM, 100)),
        27 => format!("ya29.a0{}", from_set(r, ALNUM, 150)),
        28 => format!(
            "AAAA{}:APA91b{}",
            from_set(r, ALNUM, 7),
            from_set(r, ALNUM, 134)
        ),
        29 => format!("glsa_{}_{}", from_set(r, ALNUM, 32), from_set(r, HEX, 8)),
        30 => format!("dapi{}", from_set(r, HEX, 32)),
        31 => format!("pypi-AgEIcHlwaS5vcmc{}", from_set(r, ALNUM, 70)),
        32 => format!("figd_{}", from_set(r, ALNUM, 40)),
        33 => format!("squ_{}", from_set(r, HEX, 40)),
        34 => format!("dckr_pat_{}", from_set(r, ALNUM, 27)),
        35 => format!("ghs_{}", from_set(r, ALNUM, 36)),
        36 => format!("glrt-{}", from_set(r, ALNUM, 20)),
        37 => format!(
            "pat-na1-{}-{}-{}-{}-{}",
            from_set(r, HEX, 8),
            from_set(r, HEX, 4),
            from_set(r, HEX, 4),
            from_set(r, HEX, 4),
            from_set(r, HEX, 12)
        ),
        38 => format!("secret_{}", from_set(r, ALNUM, 43)),
        39 => format!(
            "access_token$production${}${}",
            from_set(r, "abcdefghijklmnopqrstuvwxyz0123456789", 16),
            from_set(r, HEX, 32)
        ),
        40 => format!("rzp_live_{}", from_set(r, ALNUM, 14)),
        41 => format!("pcsk_{}_{}", from_set(r, ALNUM, 5), from_set(r, ALNUM, 64)),
        42 => format!("re_{}_{}", from_set(r, ALNUM, 8), from_set(r, ALNUM, 24)),
        43 => format!(
            "xapp-1-A{}-{}-{}",
            from_set(r, UPPER, 10),
            r.random_range(1_000_000_000_000u64..9_999_999_999_999),
            from_set(r, HEX, 64)
        ),
        44 => format!("FLWSECK-{}-X", from_set(r, HEX, 32)),
        45 => format!(
            "AAAAAAAAAAAAAAAAAAAAA{}%3D{}",
            from_set(r, ALNUM, 30),
            from_set(r, ALNUM, 50)
        ),
        46 => format!("sk_live_{}", from_set(r, HEX, 40)),
        _ => format!("gsk_{}", from_set(r, ALNUM, 52)),
    };
    Secret::whole(t)
}

fn aws_secret(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(
        r,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        40,
    ))
}

fn raw_key(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..4) {
        0 => format!("0x{}", from_set(r, HEX, 64)),
        1 => b64(&bytes(r, 32)),
        2 => b64(&bytes(r, 64)),
        _ => from_set(r, HEX, 64),
    };
    Secret::whole(text)
}

fn connection(r: &mut StdRng) -> Secret {
    let pw = from_set(r, ALNUM, 18);
    let user = ["app", "svc_orders", "admin", "reporting"]
        .choose(r)
        .copied()
        .unwrap_or("app");
    let text = match r.random_range(0..10) {
        0 => format!("postgresql://{user}:{pw}@db-prod-3.internal:5432/orders?sslmode=require"),
        1 => format!(
            "mongodb+srv://{user}:{pw}@cluster0.ab1cd.mongodb.net/shop?retryWrites=true&w=majority"
        ),
        2 => format!("redis://default:{pw}@cache.internal:6379/0"),
        3 => format!("amqps://{user}:{pw}@rabbit.internal:5671/%2F"),
        4 => format!(
            "jdbc:sqlserver://sql01.corp.local:1433;databaseName=Billing;user={user};password={pw};encrypt=true"
        ),
        5 => format!("jdbc:mysql://mysql.internal:3306/app?user={user}&password={pw}&useSSL=true"),
        6 => format!(
            "Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:sql01,1433;Database=Billing;Uid={user};Pwd={pw};Encrypt=yes;"
        ),
        7 => format!(
            "Server=sql01;Database=Billing;User Id={user};Password={pw};TrustServerCertificate=True"
        ),
        8 => format!(
            "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey={};EndpointSuffix=core.windows.net",
            b64(&bytes(r, 64))
        ),
        _ => format!("{user}/{pw}@//oradb.corp.local:1521/ORCLPDB1"),
    };
    let hide = if r.random_bool(0.0) {
        vec![]
    } else if text.contains("AccountKey=") {
        vec![
            text.split("AccountKey=")
                .nth(1)
                .and_then(|s| s.split(';').next())
                .unwrap_or_default()
                .to_owned(),
        ]
    } else {
        vec![pw]
    };
    Secret { text, hide }
}

fn signed_url(r: &mut StdRng) -> Secret {
    let sig = from_set(r, HEX, 64);
    let text = match r.random_range(0..3) {
        0 => format!(
            "https://acme-exports.s3.eu-west-1.amazonaws.com/reports/q3.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA{}%2F20240611%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20240611T101500Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}",
            from_set(r, UPPER, 16)
        ),
        1 => {
            let s = b64(&bytes(r, 32))
                .replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D");
            let text = format!(
                "https://acmeprod.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-06-12T10:00:00Z&spr=https&sig={s}"
            );
            return Secret {
                text,
                hide: vec![s],
            };
        }
        _ => format!(
            "https://storage.googleapis.com/acme-exports/q3.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=exporter%40acme.iam.gserviceaccount.com%2F20240611%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20240611T101500Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature={}",
            from_set(r, HEX, 512)
        ),
    };
    Secret {
        hide: vec![text.rsplit('=').next().unwrap_or_default().to_owned()],
        text,
    }
}

fn webhook_url(r: &mut StdRng) -> Secret {
    let (text, secret) = match r.random_range(0..3) {
        0 => {
            let s = from_set(r, ALNUM, 24);
            (
                format!(
                    "https://hooks.slack.com/services/T{}/B{}/{s}",
                    from_set(r, UPPER, 8),
                    from_set(r, UPPER, 10)
                ),
                s,
            )
        }
        1 => {
            let s = from_set(
                r,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
                68,
            );
            (
                format!(
                    "https://discord.com/api/webhooks/{}/{s}",
                    r.random_range(100_000_000_000_000_000u64..999_999_999_999_999_999)
                ),
                s,
            )
        }
        _ => {
            let s = from_set(r, ALNUM, 43);
            (
                format!(
                    "https://acme.webhook.office.com/webhookb2/{}@{}/IncomingWebhook/{s}/{}",
                    uuid(r),
                    uuid(r),
                    uuid(r)
                ),
                s,
            )
        }
    };
    Secret {
        text,
        hide: vec![secret],
    }
}

pub fn uuid(r: &mut StdRng) -> String {
    let h = from_set(r, HEX, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

fn email(r: &mut StdRng) -> Secret {
    const FIRST: &[&str] = &[
        "maria",
        "j.smith",
        "chen.wei",
        "oluwaseun",
        "f.mueller",
        "anna-lena",
        "dmitri",
        "priya.k",
        "jose_garcia",
        "yuki",
    ];
    const DOMAINS: &[&str] = &[
        "gmail.com",
        "outlook.de",
        "yahoo.co.uk",
        "proton.me",
        "hospital-nord.de",
        "acme-corp.com",
        "mail.ru",
        "qq.com",
        "orange.fr",
        "uol.com.br",
    ];
    Secret::whole(format!(
        "{}{}@{}",
        FIRST.choose(r).copied().unwrap_or("a"),
        r.random_range(1..99),
        DOMAINS.choose(r).copied().unwrap_or("gmail.com")
    ))
}

fn phone(r: &mut StdRng) -> Secret {
    let d = |r: &mut StdRng, n: usize| ids::s(&ids::digits(r, n));
    let text = match r.random_range(0..16) {
        0 => format!("+44 7{} {}", d(r, 3), d(r, 6)),
        1 => format!("07{} {}", d(r, 3), d(r, 6)),
        2 => format!("+49 (0) 1{}{} {}", r.random_range(5..8), d(r, 1), d(r, 8)),
        3 => format!("0{} {}", r.random_range(30..90), d(r, 8)),
        4 => format!("+33 6 {} {} {} {}", d(r, 2), d(r, 2), d(r, 2), d(r, 2)),
        5 => format!("+61 4{} {} {}", d(r, 2), d(r, 3), d(r, 3)),
        6 => format!("+81 90-{}-{}", d(r, 4), d(r, 4)),
        7 => format!("+86 13{} {} {}", d(r, 1), d(r, 4), d(r, 4)),
        8 => format!("+55 (11) 9{}-{}", d(r, 4), d(r, 4)),
        9 => format!("+7 (916) {}-{}-{}", d(r, 3), d(r, 2), d(r, 2)),
        10 => format!("+34 6{} {} {} {}", d(r, 2), d(r, 2), d(r, 2), d(r, 2)),
        11 => format!("+39 3{} {} {}", d(r, 2), d(r, 3), d(r, 4)),
        12 => format!("+48 5{} {} {}", d(r, 2), d(r, 3), d(r, 3)),
        13 => format!(
            "({}) {}-{}",
            r.random_range(201..990),
            r.random_range(200..999),
            d(r, 4)
        ),
        14 => format!(
            "+1.{}.{}.{}",
            r.random_range(201..990),
            r.random_range(200..999),
            d(r, 4)
        ),
        _ => format!("+91 9{} {}", d(r, 4), d(r, 5)),
    };
    Secret::whole(text)
}

macro_rules! id_kind {
    ($f:ident, $g:path) => {
        fn $f(r: &mut StdRng) -> Secret {
            Secret::whole($g(r))
        }
    };
}
id_kind!(ssn, ids::ssn);
id_kind!(itin, ids::itin);
id_kind!(steuer_id, ids::steuer_id);
id_kind!(nir, ids::nir);
id_kind!(dni, ids::dni);
id_kind!(nie, ids::nie);
id_kind!(cf, ids::codice_fiscale);
id_kind!(bsn, ids::bsn);
id_kind!(pesel, ids::pesel);
id_kind!(personnummer, ids::personnummer);
id_kind!(hetu, ids::hetu);
id_kind!(fodselsnummer, ids::fodselsnummer);
id_kind!(aadhaar, ids::aadhaar);
id_kind!(cpf, ids::cpf);
id_kind!(sin, ids::sin);
id_kind!(tfn, ids::tfn);
id_kind!(nhs, ids::nhs);
id_kind!(nino, ids::nino);
id_kind!(china_id, ids::china_id);
id_kind!(za_id, ids::za_id);
id_kind!(belgian_nn, ids::belgian_nn);
id_kind!(vin, ids::vin);
id_kind!(imei, ids::imei);
id_kind!(iccid, ids::iccid);
id_kind!(xprv, ids::extended_key);
id_kind!(wif, ids::wif);
id_kind!(mnemonic, ids::mnemonic);

fn iban(r: &mut StdRng) -> Secret {
    let raw = ids::iban(r);
    let text = if r.random_bool(0.5) {
        ids::group(&raw, &[4, 4, 4, 4, 4, 4, 4, 4], " ")
    } else {
        raw
    };
    Secret::whole(text)
}

fn card(r: &mut StdRng) -> Secret {
    let (n, groups) = ids::card(r);
    let text = match r.random_range(0..3) {
        0 => n,
        1 => ids::group(&n, &groups, " "),
        _ => ids::group(&n, &groups, "-"),
    };
    Secret::whole(text)
}

fn track(r: &mut StdRng) -> Secret {
    let (pan, _) = ids::card(r);
    let exp = format!("{:02}{:02}", r.random_range(25..31), r.random_range(1..13));
    let disc = ids::s(&ids::digits(r, 14));
    let text = if r.random_bool(0.5) {
        format!("%B{pan}^GARCIA/MARIA L^{exp}101{disc}?")
    } else {
        format!(";{pan}={exp}101{disc}?")
    };
    Secret {
        hide: vec![pan, disc],
        text,
    }
}

fn cvv(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{:03}", r.random_range(100..1000)))
}

fn account_number(r: &mut StdRng) -> Secret {
    let n = r.random_range(10..13);
    Secret::whole(ids::s(&ids::digits(r, n)))
}

fn uk_account(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{:02}-{:02}-{:02} {}",
        r.random_range(10..99),
        r.random_range(0..99),
        r.random_range(0..99),
        ids::s(&ids::digits(r, 8))
    ))
}

fn passport(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..5) {
        0 => ids::s(&ids::digits(r, 9)),
        1 => format!(
            "{}{}",
            from_set(r, "CFGHJK", 1),
            from_set(r, "CFGHJKLMNPRTVWXYZ0123456789", 8)
        ),
        2 => format!(
            "{:02}{}{}",
            r.random_range(10..99),
            from_set(r, UPPER, 2),
            ids::s(&ids::digits(r, 5))
        ),
        3 => format!("{}{}", from_set(r, UPPER, 1), ids::s(&ids::digits(r, 7))),
        _ => format!("{}{}", from_set(r, UPPER, 2), ids::s(&ids::digits(r, 7))),
    };
    Secret::whole(text)
}

fn drivers_licence(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..3) {
        0 => format!("{}{}", from_set(r, UPPER, 1), ids::s(&ids::digits(r, 7))),
        1 => format!(
            "{}{}{}",
            from_set(r, UPPER, 5),
            ids::s(&ids::digits(r, 6)),
            from_set(r, UPPER, 2)
        ),
        _ => format!(
            "{}-{}-{}",
            ids::s(&ids::digits(r, 3)),
            ids::s(&ids::digits(r, 3)),
            ids::s(&ids::digits(r, 3))
        ),
    };
    Secret::whole(text)
}

fn mrn(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..3) {
        0 => ids::s(&ids::digits(r, 8)),
        1 => format!("MRN{}", ids::s(&ids::digits(r, 7))),
        _ => format!("{}-{}", from_set(r, UPPER, 3), ids::s(&ids::digits(r, 6))),
    };
    Secret::whole(text)
}

fn insurance_member(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}{}",
        from_set(r, UPPER, 3),
        ids::s(&ids::digits(r, 9))
    ))
}

fn dob(r: &mut StdRng) -> Secret {
    let (y, m, d) = (
        r.random_range(1940..2006),
        r.random_range(1..13),
        r.random_range(1..29),
    );
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let text = match r.random_range(0..6) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{d:02}.{m:02}.{y}"),
        2 => format!("{m:02}/{d:02}/{y}"),
        3 => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        4 => format!("{d:02}/{m:02}/{y}"),
        _ => format!("{y}{m:02}{d:02}"),
    };
    Secret::whole(text)
}

fn full_name(r: &mut StdRng) -> Secret {
    const FIRST: &[&str] = &[
        "Maria",
        "Jürgen",
        "Siobhan",
        "Oluwaseun",
        "Wei",
        "Priya",
        "Łukasz",
        "Inès",
        "Mateus",
        "Ingrid",
        "Kwame",
        "Svetlana",
    ];
    const LAST: &[&str] = &[
        "Okonkwo",
        "Schäfer",
        "Fitzgerald",
        "Nakamura",
        "Kowalczyk",
        "Rodríguez",
        "Lindqvist",
        "Dubois",
        "Venkataraman",
        "Oliveira",
        "Haddad",
        "Petrov",
    ];
    Secret::whole(format!(
        "{} {}",
        FIRST.choose(r).copied().unwrap_or("A"),
        LAST.choose(r).copied().unwrap_or("B")
    ))
}

fn street(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..5) {
        0 => format!(
            "{} {} Street",
            r.random_range(1..999),
            ["Willow", "Harbour", "Mill", "Kingsley"][r.random_range(0..4)]
        ),
        1 => format!(
            "{}straße {}",
            ["Linden", "Goethe", "Bahnhof", "Kastanien"][r.random_range(0..4)],
            r.random_range(1..120)
        ),
        2 => format!(
            "{} rue des {}",
            r.random_range(1..120),
            ["Lilas", "Peupliers", "Écoles"][r.random_range(0..3)]
        ),
        3 => format!(
            "Calle de {} {}, {}º",
            ["Alcalá", "Serrano", "Toledo"][r.random_range(0..3)],
            r.random_range(1..200),
            r.random_range(1..9)
        ),
        _ => format!(
            "{} N {} Ave Apt {}",
            r.random_range(100..9999),
            ["Lincoln", "Oak", "Cedar"][r.random_range(0..3)],
            r.random_range(1..40)
        ),
    };
    Secret::whole(text)
}

fn ip(r: &mut StdRng) -> Secret {
    let first = [81, 92, 145, 178, 203, 212, 37, 5][r.random_range(0..8)];
    Secret::whole(format!(
        "{first}.{}.{}.{}",
        r.random_range(0..256),
        r.random_range(0..256),
        r.random_range(1..255)
    ))
}

fn cookie(r: &mut StdRng) -> Secret {
    let text = match r.random_range(0..3) {
        0 => from_set(r, "abcdefghijklmnopqrstuvwxyz0123456789", 32),
        1 => format!("s%3A{}.{}", from_set(r, ALNUM, 32), from_set(r, ALNUM, 43)),
        _ => from_set(r, HEX, 32).to_uppercase(),
    };
    Secret::whole(text)
}

fn otp_secret(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32))
}

const fn k(
    name: &'static str,
    self_identifying: bool,
    labels: &'static [&'static str],
    prose: &'static [&'static str],
    generate: fn(&mut StdRng) -> Secret,
) -> Kind {
    Kind {
        name,
        self_identifying,
        labels,
        prose,
        generate,
    }
}

/// Every kind.
pub fn all() -> Vec<Kind> {
    vec![
        k("password", false, PASSWORD_LABELS, PASSWORD_PROSE, password),
        k(
            "api key (random)",
            false,
            API_KEY_LABELS,
            API_KEY_PROSE,
            api_key,
        ),
        k(
            "opaque token",
            false,
            TOKEN_LABELS,
            &["my access token is {}", "token={} expired"],
            opaque_token,
        ),
        k(
            "session cookie",
            false,
            &[
                "session id",
                "sessionid",
                "sid",
                "jsessionid",
                "phpsessid",
                "connect sid",
                "laravel session",
                "remember token",
            ],
            &["cookie sessionid={}"],
            cookie,
        ),
        k(
            "totp seed",
            false,
            &[
                "otp secret",
                "totp secret",
                "mfa secret",
                "2fa seed",
                "authenticator key",
            ],
            &["the 2FA secret is {}"],
            otp_secret,
        ),
        k(
            "aws secret key",
            false,
            &[
                "aws secret access key",
                "secret access key",
                "aws secret key",
                "SecretAccessKey",
            ],
            &["aws_secret_access_key {}"],
            aws_secret,
        ),
        k(
            "raw private key",
            false,
            &[
                "private key",
                "signing key",
                "wallet key",
                "privkey",
                "secret key",
                "validator key",
                "node key",
            ],
            &["private key: {}"],
            raw_key,
        ),
        k(
            "vendor token",
            true,
            &["token", "key", "credential"],
            &["here's the key {} for CI", "export TOKEN={}"],
            vendor,
        ),
        k(
            "jwt",
            true,
            TOKEN_LABELS,
            &["Authorization: Bearer {}"],
            jwt,
        ),
        k(
            "pem private key",
            true,
            &["private key", "tls key", "ssh key", "key pem"],
            &["here is the key:\n{}"],
            pem,
        ),
        k(
            "pgp private key",
            true,
            &["private key", "gpg key"],
            &["my backup key:\n{}"],
            pgp,
        ),
        k(
            "connection string",
            true,
            &[
                "database url",
                "connection string",
                "dsn",
                "db uri",
                "broker url",
            ],
            &["connect with {}"],
            connection,
        ),
        k(
            "signed url",
            true,
            &["download url", "presigned url", "export link"],
            &["download it from {} before it expires"],
            signed_url,
        ),
        k(
            "webhook url",
            true,
            &["webhook url", "hook", "notify url"],
            &["post alerts to {}"],
            webhook_url,
        ),
        k(
            "extended private key",
            true,
            &["xprv", "master key", "extended key"],
            &["recovered {}"],
            xprv,
        ),
        k(
            "wif private key",
            false,
            &["private key", "wif", "wallet import key"],
            &["imported WIF {}"],
            wif,
        ),
        k(
            "bip39 mnemonic",
            true,
            &[
                "mnemonic",
                "seed phrase",
                "recovery phrase",
                "seed words",
                "backup phrase",
            ],
            &["my seed phrase is {}", "recovery words: {}"],
            mnemonic,
        ),
        k(
            "email",
            true,
            &[
                "email", "e mail", "contact", "reply to", "correo", "courriel",
            ],
            &["you can reach me at {}"],
            email,
        ),
        k(
            "phone",
            true,
            &[
                "phone",
                "mobile",
                "tel",
                "msisdn",
                "handynummer",
                "teléfono",
                "telefone",
                "contact number",
            ],
            &["call me on {}", "my number is {}", "Rückruf unter {}"],
            phone,
        ),
        k(
            "ip address",
            true,
            &["client ip", "remote addr", "x forwarded for", "source ip"],
            &["login from {}"],
            ip,
        ),
        k(
            "us ssn",
            true,
            &["ssn", "social security number", "social"],
            PERSONAL_PROSE_ID,
            ssn,
        ),
        k(
            "us itin",
            false,
            &["itin", "tax id", "taxpayer id"],
            PERSONAL_PROSE_ID,
            itin,
        ),
        k(
            "de steuer-id",
            false,
            &["steuer id", "steueridentifikationsnummer", "tax id", "idnr"],
            PERSONAL_PROSE_ID,
            steuer_id,
        ),
        k(
            "fr nir",
            true,
            &["nir", "numero securite sociale", "insee", "secu"],
            PERSONAL_PROSE_ID,
            nir,
        ),
        k(
            "es dni",
            true,
            &["dni", "documento", "nif"],
            PERSONAL_PROSE_ID,
            dni,
        ),
        k(
            "es nie",
            true,
            &["nie", "nif", "documento"],
            PERSONAL_PROSE_ID,
            nie,
        ),
        k(
            "it codice fiscale",
            true,
            &["codice fiscale", "cf", "tax code"],
            PERSONAL_PROSE_ID,
            cf,
        ),
        k(
            "nl bsn",
            false,
            &["bsn", "burgerservicenummer", "sofinummer"],
            PERSONAL_PROSE_ID,
            bsn,
        ),
        k(
            "pl pesel",
            false,
            &["pesel", "national id"],
            PERSONAL_PROSE_ID,
            pesel,
        ),
        k(
            "se personnummer",
            true,
            &["personnummer", "personal number", "national id"],
            PERSONAL_PROSE_ID,
            personnummer,
        ),
        k(
            "fi hetu",
            true,
            &["hetu", "henkilotunnus", "personal identity code"],
            PERSONAL_PROSE_ID,
            hetu,
        ),
        k(
            "no fodselsnummer",
            false,
            &["fodselsnummer", "fnr", "national id"],
            PERSONAL_PROSE_ID,
            fodselsnummer,
        ),
        k(
            "in aadhaar",
            true,
            &["aadhaar", "aadhaar number", "uid"],
            PERSONAL_PROSE_ID,
            aadhaar,
        ),
        k(
            "br cpf",
            true,
            &["cpf", "cpf number"],
            PERSONAL_PROSE_ID,
            cpf,
        ),
        k(
            "ca sin",
            true,
            &["sin", "social insurance number"],
            PERSONAL_PROSE_ID,
            sin,
        ),
        k(
            "au tfn",
            false,
            &["tfn", "tax file number"],
            PERSONAL_PROSE_ID,
            tfn,
        ),
        k(
            "uk nhs number",
            true,
            &["nhs number", "nhs no", "nhs"],
            PERSONAL_PROSE_ID,
            nhs,
        ),
        k(
            "uk nino",
            true,
            &["ni number", "national insurance number", "nino"],
            PERSONAL_PROSE_ID,
            nino,
        ),
        k(
            "cn resident id",
            true,
            &["id card", "resident id", "shenfenzheng"],
            PERSONAL_PROSE_ID,
            china_id,
        ),
        k(
            "za id",
            false,
            &["id number", "sa id", "identity number"],
            PERSONAL_PROSE_ID,
            za_id,
        ),
        k(
            "be national number",
            true,
            &["rijksregisternummer", "numero national", "national number"],
            PERSONAL_PROSE_ID,
            belgian_nn,
        ),
        k(
            "passport",
            false,
            &[
                "passport",
                "passport number",
                "passport no",
                "reisepassnummer",
                "numero de pasaporte",
                "document number",
            ],
            PERSONAL_PROSE_ID,
            passport,
        ),
        k(
            "driver licence",
            false,
            &[
                "driver license",
                "drivers licence number",
                "dl number",
                "führerscheinnummer",
            ],
            PERSONAL_PROSE_ID,
            drivers_licence,
        ),
        k(
            "iban",
            true,
            &["iban", "bank account", "account"],
            &["please transfer to {}", "IBAN: {}"],
            iban,
        ),
        k(
            "bank account (us)",
            false,
            &[
                "account number",
                "acct no",
                "bank account",
                "checking account",
                "dda account",
            ],
            PERSONAL_PROSE_ID,
            account_number,
        ),
        k(
            "bank account (uk)",
            false,
            &["sort code and account", "bank details"],
            PERSONAL_PROSE_ID,
            uk_account,
        ),
        k(
            "card",
            true,
            &[
                "card number",
                "pan",
                "cc",
                "credit card",
                "cardnumber",
                "kartennummer",
            ],
            &["charge my card {}", "card: {} exp 09/27"],
            card,
        ),
        k(
            "card track",
            true,
            &["track1", "track2", "track data", "magstripe", "swipe data"],
            &["swipe {}"],
            track,
        ),
        k(
            "card cvv",
            false,
            &["cvv", "cvc", "cvv2", "security code", "card verification"],
            &["cvv {}"],
            cvv,
        ),
        k(
            "mrn",
            false,
            &["mrn", "medical record number", "patient id", "chart number"],
            PERSONAL_PROSE_ID,
            mrn,
        ),
        k(
            "insurance member id",
            false,
            &[
                "member id",
                "insurance id",
                "policy number",
                "subscriber id",
            ],
            PERSONAL_PROSE_ID,
            insurance_member,
        ),
        k(
            "vin",
            true,
            &["vin", "vehicle id", "chassis number"],
            &["my car's VIN is {}"],
            vin,
        ),
        k("imei", true, &["imei", "device imei"], &["IMEI {}"], imei),
        k("iccid", false, &["iccid", "sim serial"], &["sim {}"], iccid),
        k(
            "date of birth",
            false,
            &[
                "dob",
                "date of birth",
                "birthdate",
                "birth date",
                "born",
                "d o b",
                "geburtsdatum",
                "fecha de nacimiento",
                "date de naissance",
                "data di nascita",
            ],
            &["DOB {}", "born on {}", "d.o.b. {}"],
            dob,
        ),
        k(
            "person name",
            false,
            &[
                "full name",
                "patient name",
                "cardholder name",
                "passenger name",
                "customer name",
                "name on card",
                "beneficiary name",
            ],
            &["my name is {}"],
            full_name,
        ),
        k(
            "street address",
            false,
            &[
                "street address",
                "address line1",
                "billing address",
                "home address",
                "shipping street",
                "anschrift",
                "dirección",
            ],
            &["I live at {}", "ship to {}"],
            street,
        ),
    ]
}
