//! What is planted: credentials in formats and containers the other two
//! corpora do not use, and national identifiers of other countries, each
//! with valid check digits. Every kind also has a benign near-miss (same
//! look, no secret, or a failing check digit) for the keep score.

use crate::scoring::corpus::{Kind, Secret};
use rand::Rng;
use rand::rngs::StdRng;

use super::r#gen::*;

const GIVEN: &[&str] = &[
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Aoife",
    "Björn",
    "Mónica",
    "Thị Minh",
    "Jürgen",
    "Élodie",
    "Giorgos",
    "Ayşe",
    "Kateřina",
    "Dmitri",
    "Inês",
    "Sakura",
];
const FAMILY: &[&str] = &[
    "Álvarez-Núñez",
    "Kowalczyk",
    "Wiśniewski",
    "Kierkegaard",
    "Ní Bhriain",
    "Lindqvist",
    "Fernández",
    "Nguyễn",
    "Müller-Lüdenscheidt",
    "Dubois",
    "Papadopoulos",
    "Yılmaz",
    "Dvořáková",
    "Sokolov",
    "Gonçalves",
    "Takahashi",
];

fn pct(s: &str) -> String {
    s.replace('%', "%25")
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

fn password(r: &mut StdRng) -> String {
    let n = r.random_range(12..20);
    from_set(
        r,
        "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*-_",
        n,
    )
}

fn user(r: &mut StdRng) -> String {
    let g = pick(r, &["ci-bot", "deploy", "jdoe", "svc-build", "m.kowalczyk"]);
    g.to_owned()
}

// --- credentials --------------------------------------------------------

fn docker_auth(r: &mut StdRng) -> Secret {
    let (u, p) = (user(r), password(r));
    let t = b64(format!("{u}:{p}").as_bytes());
    Secret::part(t.clone(), vec![t, p])
}

fn git_credential_url(r: &mut StdRng) -> Secret {
    let tok = match r.random_range(0..3) {
        0 => format!("ghp_{}", from_set(r, ALNUM, 36)),
        1 => format!("glpat-{}", from_set(r, B64URL, 20)),
        _ => password(r).replace(['#', '*'], "x"),
    };
    let host = pick(
        r,
        &["github.com", "gitlab.example.com", "git.internal:8443"],
    );
    let u = user(r);
    Secret::part(format!("https://{u}:{tok}@{host}"), vec![tok])
}

fn pem_ec_key(r: &mut StdRng) -> (String, String) {
    let mut body = vec![0x02, 0x01, 0x01];
    body.extend(der(0x04, &bytes(r, 32)));
    body.extend([
        0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
    ]);
    let mut pubk = vec![0x00, 0x04];
    pubk.extend(bytes(r, 64));
    body.extend(der(0xa1, &der(0x03, &pubk)));
    let inner = b64(&der(0x30, &body));
    (
        format!(
            "-----BEGIN EC PRIVATE KEY-----\n{}\n-----END EC PRIVATE KEY-----\n",
            wrap64(&inner)
        ),
        inner,
    )
}

fn kube_client_key(r: &mut StdRng) -> Secret {
    let (pem, inner) = pem_ec_key(r);
    let outer = b64(pem.as_bytes());
    Secret::part(outer.clone(), vec![outer, inner[..60].to_owned()])
}

fn bootstrap_token(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}.{}",
        from_set(r, LOWER_NUM, 6),
        from_set(r, LOWER_NUM, 16)
    ))
}

fn gcp_key_id(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, HEX, 40))
}

fn azure_sas(r: &mut StdRng) -> Secret {
    let sig = b64(&bytes(r, 32));
    let acct = format!("st{}", from_set(r, LOWER_NUM, 10));
    let url = format!(
        "https://{acct}.blob.core.windows.net/exports/{}.csv?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&spr=https&sig={}",
        from_set(r, LOWER_NUM, 8),
        pct(&sig)
    );
    Secret::part(url, vec![sig.clone(), pct(&sig)])
}

fn service_bus(r: &mut StdRng) -> Secret {
    let key = b64(&bytes(r, 32));
    let ns = format!("sb-{}", from_set(r, LOWER_NUM, 8));
    Secret::part(
        format!(
            "Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}"
        ),
        vec![key],
    )
}

fn doppler(r: &mut StdRng) -> Secret {
    let kind = pick(r, &["st.prd", "st.dev", "pt", "ct", "sa"]);
    Secret::whole(format!("dp.{kind}.{}", from_set(r, ALNUM, 43)))
}

fn sentry_dsn(r: &mut StdRng) -> Secret {
    let key = from_set(r, HEX, 32);
    Secret::part(
        format!(
            "https://{key}@o{}.ingest.sentry.io/{}",
            r.random_range(100_000..999_999),
            r.random_range(1_000_000..9_999_999)
        ),
        vec![key],
    )
}

fn hex32(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, HEX, 32))
}

fn heroku(r: &mut StdRng) -> Secret {
    Secret::whole(format!("HRKU-AA{}", from_set(r, B64URL, 58)))
}

fn age_key(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "AGE-SECRET-KEY-1{}",
        from_set(r, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)
    ))
}

fn openssh(r: &mut StdRng) -> Secret {
    let mut raw = b"openssh-key-v1\0".to_vec();
    raw.extend(bytes(r, 300));
    let body = wrap64(&b64(&raw));
    let lines: Vec<String> = body.lines().skip(1).map(str::to_owned).collect();
    Secret::part(
        format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----"),
        lines,
    )
}

fn putty(r: &mut StdRng) -> Secret {
    let mut pubk = b"\0\0\0\x0bssh-ed25519\0\0\0\x20".to_vec();
    pubk.extend(bytes(r, 32));
    let mut private = b"\0\0\0\x20".to_vec();
    private.extend(bytes(r, 32));
    let private = b64(&private);
    Secret::part(
        format!(
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20260104\nPublic-Lines: 2\n{}\nPrivate-Lines: 1\n{private}\nPrivate-MAC: {}\n",
            wrap64(&b64(&pubk)),
            from_set(r, HEX, 64)
        ),
        vec![private],
    )
}

fn pkcs12(r: &mut StdRng) -> Secret {
    let n = r.random_range(700..1200);
    let content = der(
        0x30,
        &[
            vec![
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
            ],
            der(0xa0, &der(0x04, &bytes(r, n))),
        ]
        .concat(),
    );
    let pfx = der(0x30, &[vec![0x02, 0x01, 0x03], content].concat());
    Secret::whole(b64(&pfx))
}

fn pkcs8(r: &mut StdRng) -> Secret {
    let der_bytes = if r.random_bool(0.5) {
        let mut v = vec![
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ];
        v.extend(bytes(r, 32));
        v
    } else {
        let n = r.random_range(600..1200);
        let mut inner = vec![
            0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00,
        ];
        inner.extend(der(0x04, &bytes(r, n)));
        der(0x30, &inner)
    };
    Secret::whole(b64(&der_bytes))
}

fn terraform(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}.atlasv1.{}",
        from_set(r, ALNUM, 14),
        from_set(r, ALNUM, 67)
    ))
}

fn cloudflare_ca(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "v1.0-{}-{}",
        from_set(r, HEX, 24),
        from_set(r, HEX, 146)
    ))
}

fn atlassian(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "ATATT3xFfGF0{}={}",
        from_set(r, B64URL, 170),
        from_set(r, "0123456789ABCDEF", 8)
    ))
}

fn okta(r: &mut StdRng) -> Secret {
    let t = format!("00{}", from_set(r, B64URL, 40));
    Secret::part(format!("SSWS {t}"), vec![t])
}

fn mapbox_like(r: &mut StdRng, prefix: &str) -> String {
    let claims = format!(
        "{{\"u\":\"{}\",\"a\":\"{}\"}}",
        from_set(r, LOWER_NUM, 6),
        from_set(r, LOWER_NUM, 24)
    );
    let c = b64(claims.as_bytes()).trim_end_matches('=').to_owned();
    format!("{prefix}.{c}.{}", from_set(r, B64URL, 22))
}

fn mapbox(r: &mut StdRng) -> Secret {
    Secret::whole(mapbox_like(r, "sk"))
}

fn discord(r: &mut StdRng) -> Secret {
    let id = r.random_range(100_000_000_000_000_000u64..999_999_999_999_999_999);
    let a = b64(id.to_string().as_bytes())
        .trim_end_matches('=')
        .to_owned();
    Secret::whole(format!(
        "{a}.{}.{}",
        from_set(r, B64URL, 6),
        from_set(r, B64URL, 27)
    ))
}

fn alibaba(r: &mut StdRng) -> Secret {
    Secret::whole(format!("LTAI{}", from_set(r, ALNUM, 20)))
}

fn jfrog(r: &mut StdRng) -> Secret {
    Secret::whole(format!("AKCp{}", from_set(r, ALNUM, 69)))
}

fn pgpass(r: &mut StdRng) -> Secret {
    let p = password(r).replace([':', '\\'], "x");
    let host = pick(
        r,
        &["db.internal", "10.2.3.4", "pg-primary.prod", "localhost"],
    );
    Secret::part(
        format!("{host}:5432:{}:{}:{p}", pick(r, &["orders", "*"]), user(r)),
        vec![p],
    )
}

fn password_hash(r: &mut StdRng) -> Secret {
    const CRYPT: &str = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    match r.random_range(0..3) {
        0 => {
            let h = from_set(r, CRYPT, 53);
            Secret::part(format!("$2b$12${h}"), vec![h])
        }
        1 => {
            let (s, h) = (from_set(r, CRYPT, 16), from_set(r, CRYPT, 86));
            Secret::part(format!("$6${s}${h}"), vec![h])
        }
        _ => {
            let (s, h) = (from_set(r, ALNUM, 22), from_set(r, ALNUM, 43));
            Secret::part(format!("$argon2id$v=19$m=65536,t=3,p=4${s}${h}"), vec![h])
        }
    }
}

fn otpauth(r: &mut StdRng) -> Secret {
    let s = from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32);
    let iss = pick(r, &["Acme", "Initech", "Globex"]);
    Secret::part(
        format!(
            "otpauth://totp/{iss}:{}?secret={s}&issuer={iss}&digits=6&period=30",
            user(r)
        ),
        vec![s],
    )
}

fn plaid(r: &mut StdRng) -> Secret {
    let env = pick(r, &["production", "development"]);
    Secret::whole(format!("access-{env}-{}", uuid(r)))
}

fn notion(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "ntn_{}{}",
        from_set(r, DIGITS, 11),
        from_set(r, ALNUM, 35)
    ))
}

fn tencent(r: &mut StdRng) -> Secret {
    Secret::whole(format!("AKID{}", from_set(r, ALNUM, 32)))
}

fn grafana_cloud(r: &mut StdRng) -> Secret {
    let claims = format!(
        "{{\"o\":\"{}\",\"n\":\"stack-{}-hm-read\",\"k\":\"{}\",\"m\":{{\"r\":\"prod-us-east-0\"}}}}",
        r.random_range(100_000..999_999),
        r.random_range(100_000..999_999),
        from_set(r, ALNUM, 24)
    );
    Secret::whole(format!("glc_{}", b64(claims.as_bytes())))
}

fn pulumi(r: &mut StdRng) -> Secret {
    Secret::whole(format!("pul-{}", from_set(r, HEX, 40)))
}

fn new_relic(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{}NRAL", from_set(r, HEX, 36)))
}

// --- personal data ------------------------------------------------------

fn ascii_upper(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' => Some(c.to_ascii_uppercase()),
            'ü' | 'Ü' => Some('U'),
            'ö' | 'Ö' | 'ø' => Some('O'),
            'ä' | 'á' | 'Á' => Some('A'),
            'é' | 'É' | 'ë' => Some('E'),
            'ñ' | 'ň' => Some('N'),
            'ł' | 'Ł' => Some('L'),
            'ś' => Some('S'),
            'ç' => Some('C'),
            'ı' => Some('I'),
            'ř' => Some('R'),
            'ş' => Some('S'),
            ' ' | '-' => Some('<'),
            _ => None,
        })
        .collect()
}

fn mrz(r: &mut StdRng) -> Secret {
    let iss = pick(r, &["DEU", "FRA", "ESP", "POL", "SWE", "IRL"]);
    let (fam, giv) = (ascii_upper(pick(r, FAMILY)), ascii_upper(pick(r, GIVEN)));
    let name = format!("{fam}<<{giv}");
    let line1 = format!("P<{iss}{name:<<39}");
    let doc = from_set(r, UPPER_NUM, 9);
    let (y, m, d) = birth(r);
    let dob = format!("{:02}{m:02}{d:02}", y % 100);
    let exp = format!("{:02}{:02}{:02}", r.random_range(27..35), m, d);
    let sex = pick(r, &["M", "F"]);
    let personal = "<<<<<<<<<<<<<<";
    let mut l2 = format!(
        "{doc}{}{iss}{dob}{}{sex}{exp}{}{personal}{}",
        mrz_check(&doc),
        mrz_check(&dob),
        mrz_check(&exp),
        mrz_check(personal)
    );
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    l2.push(mrz_check(&composite));
    Secret::part(
        format!("{line1}\n{l2}"),
        vec![format!("{iss}{name}"), l2[..28].to_owned()],
    )
}

fn dvla(r: &mut StdRng) -> Secret {
    let fam = ascii_upper(pick(r, FAMILY)).replace('<', "");
    let five = format!("{:9<5}", &fam[..fam.len().min(5)]);
    let (y, m, d) = birth(r);
    let month = if r.random_bool(0.5) { m + 50 } else { m };
    let t = format!(
        "{five}{}{month:02}{d:02}{}{}9{}",
        (y / 10) % 10,
        y % 10,
        from_set(r, "ABCDEFGHIJKLMNOPRSTW", 2),
        from_set(r, UPPER_NUM, 2)
    );
    Secret::whole(t)
}

fn us_dl(r: &mut StdRng) -> Secret {
    let l = from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1);
    let d = |r: &mut StdRng, n| from_set(r, DIGITS, n);
    Secret::whole(match r.random_range(0..6) {
        0 => format!("{l}{}", d(r, 7)),
        1 => d(r, 9),
        2 => format!(
            "{l}{}-{}-{}-{}-{}",
            d(r, 3),
            d(r, 3),
            d(r, 2),
            d(r, 3),
            d(r, 1)
        ),
        3 => format!("{l}{}-{}-{}", d(r, 3), d(r, 4), d(r, 4)),
        4 => format!("WDL{}", from_set(r, UPPER_NUM, 9)),
        _ => format!("{} {} {}", d(r, 2), d(r, 3), d(r, 3)),
    })
}

fn eu_dl(r: &mut StdRng) -> Secret {
    Secret::whole(match r.random_range(0..3) {
        0 => format!(
            "{}{}{}",
            from_set(r, UPPER_NUM, 1),
            from_set(r, DIGITS, 3),
            from_set(r, UPPER_NUM, 7)
        ),
        1 => format!(
            "U1{}{}{}",
            from_set(r, UPPER_NUM, 1),
            from_set(r, DIGITS, 5),
            from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)
        ),
        _ => from_set(r, DIGITS, 12),
    })
}

fn rare_iban(r: &mut StdRng) -> String {
    const UP: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let (c, bban) = match r.random_range(0..8) {
        0 => (
            "MT",
            format!(
                "{}{}{}",
                from_set(r, UP, 4),
                from_set(r, DIGITS, 5),
                from_set(r, UPPER_NUM, 18)
            ),
        ),
        1 => (
            "SC",
            format!("{}{}{}", from_set(r, UP, 4), from_set(r, DIGITS, 20), "SCR"),
        ),
        2 => (
            "BR",
            format!(
                "{}{}{}",
                from_set(r, DIGITS, 23),
                from_set(r, UP, 1),
                from_set(r, UPPER_NUM, 1)
            ),
        ),
        3 => (
            "KW",
            format!("{}{}", from_set(r, UP, 4), from_set(r, UPPER_NUM, 22)),
        ),
        4 => (
            "PK",
            format!("{}{}", from_set(r, UP, 4), from_set(r, DIGITS, 16)),
        ),
        5 => (
            "UA",
            format!("{}{}", from_set(r, DIGITS, 6), from_set(r, DIGITS, 19)),
        ),
        6 => ("CR", format!("0{}", from_set(r, DIGITS, 17))),
        _ => (
            "SA",
            format!("{}{}", from_set(r, DIGITS, 2), from_set(r, UPPER_NUM, 18)),
        ),
    };
    iban(c, &bban)
}

fn iban_spaced(r: &mut StdRng) -> Secret {
    Secret::whole(spaced4(&rare_iban(r)))
}

fn ahv_digits(r: &mut StdRng) -> Vec<u32> {
    let mut d = vec![7, 5, 6];
    d.extend(digits(r, 9));
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, x)| if i % 2 == 0 { *x } else { x * 3 })
        .sum();
    d.push((10 - sum % 10) % 10);
    d
}

fn ahv_fmt(d: &[u32]) -> String {
    let s = join(d);
    format!("{}.{}.{}.{}", &s[..3], &s[3..7], &s[7..11], &s[11..])
}

fn ahv(r: &mut StdRng) -> Secret {
    Secret::whole(ahv_fmt(&ahv_digits(r)))
}

fn cpr_valid(r: &mut StdRng) -> String {
    loop {
        let (y, m, d) = birth(r);
        let mut ds = vec![d / 10, d % 10, m / 10, m % 10, (y / 10) % 10, y % 10];
        ds.extend(digits(r, 4));
        if weighted(&ds, &[4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 {
            let s = join(&ds);
            return format!("{}-{}", &s[..6], &s[6..]);
        }
    }
}

fn cpr(r: &mut StdRng) -> Secret {
    Secret::whole(cpr_valid(r))
}

fn cnp_digits(r: &mut StdRng) -> Vec<u32> {
    let (y, m, d) = birth(r);
    let s = if y < 2000 {
        r.random_range(1..3)
    } else {
        r.random_range(5..7)
    };
    let mut ds = vec![s, (y / 10) % 10, y % 10, m / 10, m % 10, d / 10, d % 10];
    let county = r.random_range(1..47);
    ds.extend([county / 10, county % 10]);
    ds.extend(digits(r, 3));
    let c = weighted(&ds, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    ds.push(if c == 10 { 1 } else { c });
    ds
}

fn cnp(r: &mut StdRng) -> Secret {
    Secret::whole(join(&cnp_digits(r)))
}

fn rodne_cislo(r: &mut StdRng) -> Secret {
    loop {
        let (y, m, d) = birth(r);
        if y < 1954 {
            continue;
        }
        let mm = if r.random_bool(0.5) { m + 50 } else { m };
        let base: u64 = format!("{:02}{mm:02}{d:02}{:03}", y % 100, r.random_range(0..1000))
            .parse()
            .unwrap_or(0);
        let c = (base % 11) % 10;
        let n = base * 10 + c;
        if n % 11 == 0 {
            let s = format!("{n:010}");
            return Secret::whole(format!("{}/{}", &s[..6], &s[6..]));
        }
    }
}

fn rrn_digits(r: &mut StdRng) -> Vec<u32> {
    let (y, m, d) = birth(r);
    let mut ds = vec![(y / 10) % 10, y % 10, m / 10, m % 10, d / 10, d % 10];
    ds.push(if y < 2000 {
        r.random_range(1..3)
    } else {
        r.random_range(3..5)
    });
    ds.extend(digits(r, 5));
    let c = (11 - weighted(&ds, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10;
    ds.push(c);
    ds
}

fn rrn(r: &mut StdRng) -> Secret {
    let s = join(&rrn_digits(r));
    Secret::whole(format!("{}-{}", &s[..6], &s[6..]))
}

const CURP_ALPHA: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

fn curp_check(s17: &str) -> u32 {
    let sum: u32 = s17
        .chars()
        .enumerate()
        .map(|(i, c)| CURP_ALPHA.chars().position(|a| a == c).unwrap_or(0) as u32 * (18 - i as u32))
        .sum();
    (10 - sum % 10) % 10
}

fn curp17(r: &mut StdRng) -> String {
    let (y, m, d) = birth(r);
    format!(
        "{}{}{}{:02}{m:02}{d:02}{}{}{}{}",
        from_set(r, "BCDFGHJKLMNPRSTVZ", 1),
        from_set(r, "AEIOU", 1),
        from_set(r, "ABCDEFGHIJKLMNOPRSTUVZ", 2),
        y % 100,
        pick(r, &["H", "M"]),
        pick(r, &["DF", "JC", "NL", "VZ", "YN", "GT"]),
        from_set(r, "BCDFGHJKLMNPRSTVXZ", 3),
        if y < 2000 {
            from_set(r, DIGITS, 1)
        } else {
            from_set(r, "ABCDEFGH", 1)
        }
    )
}

fn curp(r: &mut StdRng) -> Secret {
    let s = curp17(r);
    let c = curp_check(&s);
    Secret::whole(format!("{s}{c}"))
}

fn rut_dv(body: u32) -> char {
    let mut sum = 0;
    let mut w = 2;
    let mut b = body;
    while b > 0 {
        sum += (b % 10) * w;
        b /= 10;
        w = if w == 7 { 2 } else { w + 1 };
    }
    match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        x => char::from_digit(x, 10).unwrap_or('0'),
    }
}

fn rut_fmt(body: u32, dv: char) -> String {
    let s = body.to_string();
    let (a, rest) = s.split_at(s.len() - 6);
    format!("{a}.{}.{}-{dv}", &rest[..3], &rest[3..])
}

fn rut(r: &mut StdRng) -> Secret {
    let body = r.random_range(5_000_000..25_000_000);
    Secret::whole(rut_fmt(body, rut_dv(body)))
}

fn tckn_digits(r: &mut StdRng) -> Vec<u32> {
    let mut d = vec![r.random_range(1..10)];
    d.extend(digits(r, 8));
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    d.push((odd * 7 + 100 - even) % 10);
    let s: u32 = d.iter().sum();
    d.push(s % 10);
    d
}

fn tckn(r: &mut StdRng) -> Secret {
    Secret::whole(join(&tckn_digits(r)))
}

fn nric_letter(prefix: char, d: &[u32]) -> char {
    let mut s = weighted(d, &[2, 7, 6, 5, 4, 3, 2]);
    if prefix == 'T' {
        s += 4;
    }
    "JZIHGFEDCBA".chars().nth((s % 11) as usize).unwrap_or('J')
}

fn nric(r: &mut StdRng) -> Secret {
    let p = if r.random_bool(0.5) { 'S' } else { 'T' };
    let d = digits(r, 7);
    Secret::whole(format!("{p}{}{}", join(&d), nric_letter(p, &d)))
}

fn tfn_valid(r: &mut StdRng) -> String {
    loop {
        let d = digits(r, 9);
        if d[0] != 0 && weighted(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0 {
            let s = join(&d);
            return format!("{} {} {}", &s[..3], &s[3..6], &s[6..]);
        }
    }
}

fn tfn(r: &mut StdRng) -> Secret {
    Secret::whole(tfn_valid(r))
}

fn ppsn(r: &mut StdRng) -> Secret {
    let d = digits(r, 7);
    let w = r.random_bool(0.5);
    let s = weighted(&d, &[8, 7, 6, 5, 4, 3, 2]) + if w { 9 } else { 0 };
    let c = "WABCDEFGHIJKLMNOPQRSTUV"
        .chars()
        .nth((s % 23) as usize)
        .unwrap_or('W');
    Secret::whole(format!("{}{c}{}", join(&d), if w { "A" } else { "" }))
}

fn nif_digits(r: &mut StdRng) -> Vec<u32> {
    let mut d = vec![r.random_range(1..4)];
    d.extend(digits(r, 7));
    let c = 11 - weighted(&d, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    d.push(if c >= 10 { 0 } else { c });
    d
}

fn nif(r: &mut StdRng) -> Secret {
    Secret::whole(join(&nif_digits(r)))
}

fn cuit(r: &mut StdRng) -> Secret {
    loop {
        let p = pick(r, &["20", "27", "23"]);
        let mut d: Vec<u32> = p.chars().filter_map(|c| c.to_digit(10)).collect();
        d.extend(digits(r, 8));
        let c = 11 - weighted(&d, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        if c == 10 {
            continue;
        }
        let s = join(&d);
        return Secret::whole(format!("{}-{}-{}", &s[..2], &s[2..], c % 11));
    }
}

fn israeli(r: &mut StdRng) -> Secret {
    let mut d = digits(r, 8);
    d.push(luhn_digit(&d));
    Secret::whole(join(&d))
}

fn my_number_digits(r: &mut StdRng) -> Vec<u32> {
    let mut d = digits(r, 11);
    let s: u32 = (1..=11u32)
        .map(|n| d[11 - n as usize] * if n <= 6 { n + 1 } else { n - 5 })
        .sum();
    let rem = s % 11;
    d.push(if rem <= 1 { 0 } else { 11 - rem });
    d
}

fn my_number(r: &mut StdRng) -> Secret {
    let s = join(&my_number_digits(r));
    Secret::whole(if r.random_bool(0.5) {
        format!("{} {} {}", &s[..4], &s[4..8], &s[8..])
    } else {
        s
    })
}

fn npi(r: &mut StdRng) -> Secret {
    let mut d = vec![r.random_range(1..3)];
    d.extend(digits(r, 8));
    let mut full = vec![8, 0, 8, 4, 0];
    full.extend(&d);
    d.push(luhn_digit(&full));
    Secret::whole(join(&d))
}

fn dea(r: &mut StdRng) -> Secret {
    let d = digits(r, 6);
    let c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    Secret::whole(format!(
        "{}{}{}{c}",
        pick(r, &["A", "B", "F", "M"]),
        from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
        join(&d)
    ))
}

fn iccid(r: &mut StdRng) -> Secret {
    let mut d = vec![8, 9];
    d.extend(digits(r, 16));
    d.push(luhn_digit(&d));
    Secret::whole(join(&d))
}

fn imsi(r: &mut StdRng) -> Secret {
    let p = pick(r, &["310260", "26201", "23415", "20801", "46000"]);
    Secret::whole(format!("{p}{}", from_set(r, DIGITS, 15 - p.len())))
}

fn person_name(r: &mut StdRng) -> Secret {
    let (g, f) = (pick(r, GIVEN), pick(r, FAMILY));
    Secret::whole(if r.random_bool(0.5) {
        format!("{g} {f}")
    } else {
        format!("{f}, {g}")
    })
}

fn ldap_dn(r: &mut StdRng) -> Secret {
    let (g, f) = (pick(r, GIVEN), pick(r, FAMILY));
    let ou = pick(r, &["Sales", "Finance", "Engineering"]);
    match r.random_range(0..3) {
        0 => Secret::part(
            format!("CN={f}\\, {g},OU={ou},DC=corp,DC=example,DC=com"),
            vec![format!("{f}\\, {g}"), format!("{f}, {g}")],
        ),
        1 => Secret::part(
            format!("cn={g} {f},ou=people,dc=example,dc=org"),
            vec![format!("{g} {f}")],
        ),
        _ => Secret::part(
            format!("CN={g} {f},OU=Users,OU={ou},DC=ad,DC=example,DC=net"),
            vec![format!("{g} {f}")],
        ),
    }
}

fn address(r: &mut StdRng) -> Secret {
    let n = r.random_range(1..180);
    let (street, rest) = match r.random_range(0..5) {
        0 => (
            format!(
                "{} {n}",
                pick(r, &["Hauptstraße", "Lindenweg", "Am Mühlbach"])
            ),
            format!("{} München", r.random_range(80_000..81_999)),
        ),
        1 => (
            format!(
                "{n} rue {}",
                pick(r, &["des Lilas", "Oberkampf", "de la Roquette"])
            ),
            format!("750{:02} Paris", r.random_range(1..21)),
        ),
        2 => (
            format!(
                "Calle {} {n}, 3º B",
                pick(r, &["Mayor", "de Alcalá", "Serrano"])
            ),
            format!("280{:02} Madrid", r.random_range(1..55)),
        ),
        3 => (
            format!(
                "ul. {} {n}/{}",
                pick(r, &["Marszałkowska", "Piękna", "Złota"]),
                r.random_range(1..40)
            ),
            format!("00-{:03} Warszawa", r.random_range(100..999)),
        ),
        _ => (
            format!("Via {} {n}", pick(r, &["Garibaldi", "dei Mille", "Roma"])),
            format!("201{:02} Milano MI", r.random_range(10..62)),
        ),
    };
    Secret::part(format!("{street}, {rest}"), vec![street])
}

fn dob(r: &mut StdRng) -> Secret {
    let (y, m, d) = birth(r);
    const ES: &[&str] = &[
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    Secret::whole(match r.random_range(0..5) {
        0 => format!("{d:02}.{m:02}.{y}"),
        1 => format!("{y}年{m}月{d}日"),
        2 => format!("{d} de {} de {y}", ES[(m - 1) as usize]),
        3 => format!("{d:02}/{m:02}/{y}"),
        _ => format!("{y}-{m:02}-{d:02}"),
    })
}

// --- near-misses --------------------------------------------------------

fn n_registry(_: &mut StdRng) -> String {
    "https://index.docker.io/v1/".into()
}
fn n_remote(r: &mut StdRng) -> String {
    format!("https://github.com/acme/{}.git", from_set(r, LOWER_NUM, 8))
}
fn n_cert_data(r: &mut StdRng) -> String {
    let mut body = vec![0x30, 0x82, 0x01, 0x0a, 0xa0, 0x03, 0x02, 0x01, 0x02];
    body.extend(bytes(r, 120));
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        wrap64(&b64(&der(0x30, &body)))
    );
    b64(pem.as_bytes())
}
fn n_node(r: &mut StdRng) -> String {
    format!(
        "ip-10-0-{}-{}.eu-west-1.compute.internal",
        r.random_range(1..255),
        r.random_range(1..255)
    )
}
fn n_hex40(r: &mut StdRng) -> String {
    from_set(r, HEX, 40)
}
fn n_blob_url(r: &mut StdRng) -> String {
    format!(
        "https://st{}.blob.core.windows.net/exports/report.csv",
        from_set(r, LOWER_NUM, 8)
    )
}
fn n_sb(r: &mut StdRng) -> String {
    format!(
        "Endpoint=sb://sb-{}.servicebus.windows.net/;EntityPath=orders",
        from_set(r, LOWER_NUM, 8)
    )
}
fn n_doppler(_: &mut StdRng) -> String {
    "doppler run --project api --config prd -- ./server".into()
}
fn n_sentry(r: &mut StdRng) -> String {
    format!(
        "https://o{}.ingest.sentry.io/api/{}/envelope/",
        r.random_range(100_000..999_999),
        r.random_range(1000..9999)
    )
}
fn n_hex32(r: &mut StdRng) -> String {
    from_set(r, HEX, 32)
}
fn n_uuid(r: &mut StdRng) -> String {
    uuid(r)
}
fn n_age(r: &mut StdRng) -> String {
    format!(
        "age1{}",
        from_set(r, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)
    )
}
fn n_ssh_pub(r: &mut StdRng) -> String {
    let mut k = b"\0\0\0\x0bssh-ed25519\0\0\0\x20".to_vec();
    k.extend(bytes(r, 32));
    format!("ssh-ed25519 {} deploy-key", b64(&k))
}
fn n_fingerprint(r: &mut StdRng) -> String {
    format!("SHA256:{}", b64(&bytes(r, 32)).trim_end_matches('='))
}
fn n_cert_der(r: &mut StdRng) -> String {
    let n = r.random_range(600..900);
    let mut tbs = vec![0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x10];
    tbs.extend(bytes(r, 16));
    tbs.extend(bytes(r, n));
    b64(&der(0x30, &[der(0x30, &tbs), bytes(r, 40)].concat()))
}
fn n_spki(r: &mut StdRng) -> String {
    let mut v = vec![
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    v.extend(bytes(r, 32));
    b64(&v)
}
fn n_workspace(r: &mut StdRng) -> String {
    format!("ws-{}", from_set(r, ALNUM, 16))
}
fn n_issue(r: &mut StdRng) -> String {
    format!("OPS-{}", r.random_range(100..9999))
}
fn n_okta_client(r: &mut StdRng) -> String {
    format!("0oa{}", from_set(r, ALNUM, 17))
}
fn n_mapbox_pk(r: &mut StdRng) -> String {
    mapbox_like(r, "pk")
}
fn n_snowflake(r: &mut StdRng) -> String {
    r.random_range(100_000_000_000_000_000u64..999_999_999_999_999_999)
        .to_string()
}
fn n_role_arn(r: &mut StdRng) -> String {
    format!(
        "acs:ram::{}:role/aliyunecsdefaultrole",
        from_set(r, DIGITS, 16)
    )
}
fn n_sha256(r: &mut StdRng) -> String {
    from_set(r, HEX, 64)
}
fn n_hostport(r: &mut StdRng) -> String {
    format!("pg-{}.internal:5432", from_set(r, LOWER_NUM, 6))
}
fn n_digest(r: &mut StdRng) -> String {
    if r.random_bool(0.5) {
        format!("sha256:{}", from_set(r, HEX, 64))
    } else {
        "$HOME/.cache/$USER/build".into()
    }
}
fn n_otp(_: &mut StdRng) -> String {
    "otpauth enrollment pending for the account".into()
}
fn n_request_id(r: &mut StdRng) -> String {
    from_set(r, ALNUM, 15)
}
fn n_instance(r: &mut StdRng) -> String {
    format!("ins-{}", from_set(r, LOWER_NUM, 8))
}
fn n_dash_uid(r: &mut StdRng) -> String {
    from_set(r, ALNUM, 12)
}
fn n_stack(r: &mut StdRng) -> String {
    format!("acme/api/prod-{}", from_set(r, LOWER_NUM, 4))
}
fn n_account(r: &mut StdRng) -> String {
    from_set(r, DIGITS, 7)
}
fn n_container(r: &mut StdRng) -> String {
    format!("MSCU{}", from_set(r, DIGITS, 7))
}
fn n_build_tag(r: &mut StdRng) -> String {
    format!(
        "RELEASE2026Q{}RC{}",
        r.random_range(1..5),
        r.random_range(1..9)
    )
}
fn n_part(r: &mut StdRng) -> String {
    format!(
        "{}{}",
        from_set(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
        from_set(r, DIGITS, 7)
    )
}
fn n_bad_iban(r: &mut StdRng) -> String {
    let good = rare_iban(r);
    let cd: u32 = good[2..4].parse().unwrap_or(0);
    let bad = format!("{}{:02}{}", &good[..2], (cd + 1) % 97 + 2, &good[4..]);
    spaced4(&bad)
}
fn n_bad_ahv(r: &mut StdRng) -> String {
    let mut d = ahv_digits(r);
    d[12] = (d[12] + 1) % 10;
    ahv_fmt(&d)
}
fn n_bad_cpr(r: &mut StdRng) -> String {
    let s = cpr_valid(r);
    let last = s.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0);
    format!("{}{}", &s[..s.len() - 1], (last + 1) % 10)
}
fn bump_last(s: String) -> String {
    let last = s.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0);
    format!("{}{}", &s[..s.len() - 1], (last + 1) % 10)
}
fn n_bad_cnp(r: &mut StdRng) -> String {
    bump_last(join(&cnp_digits(r)))
}
fn n_bad_rc(r: &mut StdRng) -> String {
    bump_last(rodne_cislo(r).text)
}
fn n_bad_rrn(r: &mut StdRng) -> String {
    bump_last(rrn(r).text)
}
fn n_bad_curp(r: &mut StdRng) -> String {
    let s = curp17(r);
    format!("{s}{}", (curp_check(&s) + 1) % 10)
}
fn n_bad_rut(r: &mut StdRng) -> String {
    let body = r.random_range(5_000_000..25_000_000);
    let good = rut_dv(body);
    let bad = if good == '5' { '6' } else { '5' };
    rut_fmt(body, bad)
}
fn n_bad_tckn(r: &mut StdRng) -> String {
    bump_last(join(&tckn_digits(r)))
}
fn n_bad_nric(r: &mut StdRng) -> String {
    let d = digits(r, 7);
    let good = nric_letter('S', &d);
    format!("S{}{}", join(&d), if good == 'A' { 'B' } else { 'A' })
}
fn n_bad_tfn(r: &mut StdRng) -> String {
    bump_last(tfn_valid(r))
}
fn n_bad_ppsn(r: &mut StdRng) -> String {
    let d = digits(r, 7);
    let s = weighted(&d, &[8, 7, 6, 5, 4, 3, 2]);
    let c = "WABCDEFGHIJKLMNOPQRSTUV"
        .chars()
        .nth(((s + 1) % 23) as usize)
        .unwrap_or('W');
    format!("{}{c}", join(&d))
}
fn n_bad_nif(r: &mut StdRng) -> String {
    bump_last(join(&nif_digits(r)))
}
fn n_bad_cuit(r: &mut StdRng) -> String {
    bump_last(cuit(r).text)
}
fn n_bad_israeli(r: &mut StdRng) -> String {
    bump_last(israeli(r).text)
}
fn n_bad_my_number(r: &mut StdRng) -> String {
    bump_last(join(&my_number_digits(r)))
}
fn n_epoch(r: &mut StdRng) -> String {
    r.random_range(1_600_000_000u64..1_800_000_000).to_string()
}
fn n_bad_dea(r: &mut StdRng) -> String {
    bump_last(dea(r).text)
}
fn n_bad_iccid(r: &mut StdRng) -> String {
    bump_last(iccid(r).text)
}
fn n_order15(r: &mut StdRng) -> String {
    format!("9{}", from_set(r, DIGITS, 14))
}
fn n_city(r: &mut StdRng) -> String {
    pick(
        r,
        &[
            "Frankfurt am Main",
            "Saint-Étienne",
            "Castellón de la Plana",
            "Zielona Góra",
        ],
    )
    .into()
}
fn n_service_dn(r: &mut StdRng) -> String {
    format!(
        "CN=svc-{},OU=Service Accounts,DC=corp,DC=example,DC=com",
        pick(r, &["backup", "ldap-sync", "jenkins"])
    )
}
fn n_location(r: &mut StdRng) -> String {
    format!(
        "Aisle {}, Bay {}",
        r.random_range(1..40),
        r.random_range(1..20)
    )
}
fn n_created(r: &mut StdRng) -> String {
    format!(
        "2026-{:02}-{:02}",
        r.random_range(1..13),
        r.random_range(1..29)
    )
}

#[allow(clippy::too_many_arguments)]
const fn k(
    name: &'static str,
    labels: &'static [&'static str],
    self_identifying: bool,
    generate: fn(&mut StdRng) -> Secret,
    near: fn(&mut StdRng) -> String,
    near_label: &'static str,
) -> Kind {
    Kind {
        name,
        labels,
        self_identifying,
        generate,
        near,
        near_label,
    }
}

pub fn all() -> Vec<Kind> {
    vec![
        k(
            "docker config auth",
            &["auth", "registry auth", "docker auth config"],
            false,
            docker_auth,
            n_registry,
            "registry",
        ),
        k(
            "git credential url",
            &["remote url", "git credentials", "repo"],
            true,
            git_credential_url,
            n_remote,
            "remote",
        ),
        k(
            "kubeconfig client-key-data",
            &["client key data", "client-key-data"],
            true,
            kube_client_key,
            n_cert_data,
            "client certificate data",
        ),
        k(
            "kubeadm bootstrap token",
            &["bootstrap token", "token", "join token"],
            false,
            bootstrap_token,
            n_node,
            "node name",
        ),
        k(
            "gcp private_key_id",
            &["private key id"],
            false,
            gcp_key_id,
            n_hex40,
            "commit",
        ),
        k(
            "azure sas url",
            &["download url", "sas url", "blob url"],
            true,
            azure_sas,
            n_blob_url,
            "blob url",
        ),
        k(
            "azure service bus connection",
            &["connection string", "service bus", "endpoint"],
            true,
            service_bus,
            n_sb,
            "queue endpoint",
        ),
        k(
            "doppler token",
            &["doppler token", "token"],
            true,
            doppler,
            n_doppler,
            "command",
        ),
        k(
            "sentry dsn",
            &["sentry dsn", "dsn"],
            true,
            sentry_dsn,
            n_sentry,
            "envelope url",
        ),
        k(
            "datadog api key",
            &["dd api key", "datadog api key", "dd app key"],
            false,
            hex32,
            n_hex32,
            "md5",
        ),
        k(
            "heroku api key",
            &["heroku api key", "api key"],
            true,
            heroku,
            n_uuid,
            "app id",
        ),
        k(
            "age secret key",
            &["age key", "identity"],
            true,
            age_key,
            n_age,
            "recipient",
        ),
        k(
            "openssh private key",
            &["ssh key", "private key", "deploy key"],
            true,
            openssh,
            n_ssh_pub,
            "authorized key",
        ),
        k(
            "putty private key",
            &["ppk", "putty key"],
            true,
            putty,
            n_fingerprint,
            "host key fingerprint",
        ),
        k(
            "pkcs12 keystore (base64)",
            &["keystore", "pfx", "p12 base64", "keystore base64"],
            false,
            pkcs12,
            n_cert_der,
            "certificate",
        ),
        k(
            "pkcs8 der key (base64)",
            &["signing key", "key der", "private key"],
            true,
            pkcs8,
            n_spki,
            "public key",
        ),
        k(
            "terraform cloud token",
            &["tfe token", "terraform token"],
            true,
            terraform,
            n_workspace,
            "workspace id",
        ),
        k(
            "cloudflare origin ca key",
            &["origin ca key", "cf key"],
            true,
            cloudflare_ca,
            n_hex32,
            "zone id",
        ),
        k(
            "atlassian api token",
            &["jira token", "atlassian token"],
            true,
            atlassian,
            n_issue,
            "issue",
        ),
        k(
            "okta ssws token",
            &["authorization"],
            true,
            okta,
            n_okta_client,
            "client id",
        ),
        k(
            "mapbox secret token",
            &["mapbox token", "access token"],
            true,
            mapbox,
            n_mapbox_pk,
            "map style",
        ),
        k(
            "discord bot token",
            &["bot token", "discord token"],
            true,
            discord,
            n_snowflake,
            "guild id",
        ),
        k(
            "alibaba access key id",
            &["access key id", "aliyun access key"],
            true,
            alibaba,
            n_role_arn,
            "role arn",
        ),
        k(
            "jfrog api key",
            &["artifactory api key", "jfrog key"],
            true,
            jfrog,
            n_sha256,
            "sha256",
        ),
        k(
            "pgpass line",
            &["pgpass", "pgpass entry"],
            false,
            pgpass,
            n_hostport,
            "database host",
        ),
        k(
            "password hash (crypt)",
            &["password hash", "hashed password", "shadow"],
            true,
            password_hash,
            n_digest,
            "image digest",
        ),
        k(
            "otpauth uri",
            &["totp uri", "otp enrollment"],
            true,
            otpauth,
            n_otp,
            "status",
        ),
        k(
            "plaid access token",
            &["plaid access token", "access token"],
            true,
            plaid,
            n_request_id,
            "request id",
        ),
        k(
            "notion token",
            &["notion token", "integration token"],
            true,
            notion,
            n_hex32,
            "page id",
        ),
        k(
            "tencent secret id",
            &["secret id", "tencent secret id"],
            true,
            tencent,
            n_instance,
            "instance id",
        ),
        k(
            "grafana cloud token",
            &["grafana token", "cloud access policy token"],
            true,
            grafana_cloud,
            n_dash_uid,
            "dashboard uid",
        ),
        k(
            "pulumi token",
            &["pulumi access token"],
            true,
            pulumi,
            n_stack,
            "stack",
        ),
        k(
            "new relic license key",
            &["license key", "new relic license key"],
            true,
            new_relic,
            n_account,
            "account id",
        ),
        k(
            "passport mrz (td3)",
            &["mrz", "machine readable zone"],
            true,
            mrz,
            n_container,
            "container",
        ),
        k(
            "uk driving licence",
            &["driving licence number", "licence no", "dvla number"],
            false,
            dvla,
            n_build_tag,
            "build tag",
        ),
        k(
            "us driver license",
            &["driver license number", "dl number", "dln"],
            false,
            us_dl,
            n_part,
            "part number",
        ),
        k(
            "eu driving licence",
            &[
                "fuhrerscheinnummer",
                "numero patente",
                "permiso de conducir",
            ],
            false,
            eu_dl,
            n_part,
            "sku",
        ),
        k(
            "iban (spaced, rare countries)",
            &["iban", "konto", "bank account"],
            true,
            iban_spaced,
            n_bad_iban,
            "reference",
        ),
        k(
            "swiss ahv number",
            &["ahv nummer", "avs", "sozialversicherungsnummer"],
            true,
            ahv,
            n_bad_ahv,
            "order ref",
        ),
        k(
            "danish cpr",
            &["cpr", "cpr nummer"],
            false,
            cpr,
            n_bad_cpr,
            "batch",
        ),
        k(
            "romanian cnp",
            &["cnp", "cod numeric personal"],
            false,
            cnp,
            n_bad_cnp,
            "tracking number",
        ),
        k(
            "czech rodne cislo",
            &["rodne cislo", "birth number"],
            false,
            rodne_cislo,
            n_bad_rc,
            "invoice",
        ),
        k(
            "korean rrn",
            &["resident registration number", "jumin"],
            false,
            rrn,
            n_bad_rrn,
            "order",
        ),
        k("mexican curp", &["curp"], true, curp, n_bad_curp, "folio"),
        k(
            "chilean rut",
            &["rut", "rol unico tributario"],
            false,
            rut,
            n_bad_rut,
            "folio",
        ),
        k(
            "turkish tc kimlik",
            &["tc kimlik no", "tckn"],
            false,
            tckn,
            n_bad_tckn,
            "shipment",
        ),
        k(
            "singapore nric",
            &["nric", "nric no"],
            false,
            nric,
            n_bad_nric,
            "ref",
        ),
        k(
            "australian tfn",
            &["tfn", "tax file number"],
            false,
            tfn,
            n_bad_tfn,
            "invoice",
        ),
        k(
            "irish ppsn",
            &["ppsn", "pps number"],
            false,
            ppsn,
            n_bad_ppsn,
            "ticket",
        ),
        k(
            "portuguese nif",
            &["nif", "numero de contribuinte"],
            false,
            nif,
            n_bad_nif,
            "order",
        ),
        k(
            "argentine cuit",
            &["cuit", "cuil"],
            false,
            cuit,
            n_bad_cuit,
            "factura",
        ),
        k(
            "israeli id",
            &["teudat zehut", "mispar zehut"],
            false,
            israeli,
            n_bad_israeli,
            "order",
        ),
        k(
            "japanese my number",
            &["my number", "kojin bango"],
            false,
            my_number,
            n_bad_my_number,
            "order",
        ),
        k(
            "us npi",
            &["npi", "national provider identifier"],
            false,
            npi,
            n_epoch,
            "created at",
        ),
        k(
            "us dea number",
            &["dea number", "dea"],
            false,
            dea,
            n_bad_dea,
            "lot",
        ),
        k(
            "iccid",
            &["iccid", "sim serial"],
            false,
            iccid,
            n_bad_iccid,
            "tracking number",
        ),
        k(
            "imsi",
            &["imsi", "subscriber id"],
            false,
            imsi,
            n_order15,
            "order id",
        ),
        k(
            "person name (several scripts)",
            &[
                "display name",
                "full name",
                "nombre completo",
                "nom complet",
                "vollstandiger name",
            ],
            false,
            person_name,
            n_city,
            "city",
        ),
        k(
            "ldap dn of a person",
            &["distinguished name", "member", "manager"],
            true,
            ldap_dn,
            n_service_dn,
            "service dn",
        ),
        k(
            "postal address (eu)",
            &[
                "anschrift",
                "adresse",
                "direccion",
                "indirizzo",
                "address line",
            ],
            false,
            address,
            n_location,
            "location",
        ),
        k(
            "date of birth (several formats)",
            &[
                "geburtsdatum",
                "fecha de nacimiento",
                "date de naissance",
                "birth date",
                "dob",
            ],
            false,
            dob,
            n_created,
            "created on",
        ),
    ]
}
