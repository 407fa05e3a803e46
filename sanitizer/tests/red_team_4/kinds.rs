//! What the fourth corpus hides: identifiers of countries the earlier
//! corpora leave out, message families that carry customer data
//! (ISO 8583, DICOM, IATA boarding passes, NACHA, pain.001, call detail
//! records), personal values written the way people write them (European
//! phone numbers, obfuscated and internationalised addresses, home
//! coordinates, number plates, security answers), and credentials the
//! earlier corpora do not hold (vendor tokens, NTLM hashes, Cisco type 7,
//! Wi-Fi keys, non-Latin passwords, PINs, Solana keys, webhook path keys).
//! Each kind has a near-miss: the same shape with a failing check digit,
//! or the public counterpart (a public key, a BIC, a DICOM UID, a file
//! hash, a documented test card).

use crate::scoring::corpus::{Kind, Secret};
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::json;

use super::r#gen::{
    ALNUM, B64, B64URL, FIRST, HEX, LAST, LOWER_NUM, STREETS, UPPER, UPPER_NUM, b64, b64url,
    base58, bytes, digits, from_set, iban, join, pick, uuid,
};
use super::ids;

const ASCII_FIRST: &[&str] = &[
    "ANNA", "JONAS", "ZOFIA", "MATTEO", "LUCIA", "JOANA", "SVEN", "EERO", "DRAGAN", "IOANNA",
];
const ASCII_LAST: &[&str] = &[
    "KOWALCZYK",
    "BROUWER",
    "ESPOSITO",
    "FERNANDEZ",
    "CARVALHO",
    "LINDQVIST",
    "TAMM",
    "PETROVIC",
    "PAPADOPOULOU",
    "HAUGLAND",
];

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'å' => 'a',
            'é' | 'ë' | 'è' => 'e',
            'í' | 'ı' => 'i',
            'ó' | 'ö' | 'ø' => 'o',
            'ú' | 'ü' => 'u',
            'ć' => 'c',
            'ł' => 'l',
            'ś' => 's',
            'ð' => 'd',
            'ç' => 'c',
            'ñ' => 'n',
            'ğ' => 'g',
            c => c,
        })
        .collect()
}

fn person(r: &mut StdRng) -> (String, String) {
    (pick(r, FIRST).to_owned(), pick(r, LAST).to_owned())
}

// ---- message families -------------------------------------------------

fn iso8583(r: &mut StdRng) -> Secret {
    let pan = ids::pan(r);
    let exp = format!("{:02}{:02}", r.random_range(26..31), r.random_range(1..13));
    let svc = pick(r, &["101", "201", "121"]);
    let disc = join(&digits(r, 10));
    let track2 = if r.random_bool(0.5) {
        format!(";{pan}={exp}{svc}{disc}?")
    } else {
        format!("{pan}D{exp}{svc}{disc}")
    };
    let pin = from_set(r, "0123456789ABCDEF", 16);
    let text = format!(
        "MTI=0200 BITMAP=F23C46D129E08000\n\
         DE002 PAN ............ 16 {pan}\n\
         DE003 PROC CODE ...... 000000\n\
         DE004 AMOUNT ......... {:012}\n\
         DE011 STAN ........... {:06}\n\
         DE014 EXPIRY ......... {exp}\n\
         DE035 TRACK 2 ........ {} {track2}\n\
         DE041 TERMINAL ID .... TRM{:05}\n\
         DE052 PIN BLOCK ...... {pin}",
        r.random_range(100..99999),
        r.random_range(0..999999),
        track2.len(),
        r.random_range(0..99999)
    );
    Secret {
        text,
        hide: vec![pan, track2, pin],
    }
}

fn dicom(r: &mut StdRng) -> Secret {
    let (f, l) = person(r);
    let mid = pick(r, &["Maria", "J", "Lena", "Kai"]);
    let pid = format!(
        "{}{}",
        pick(r, &["PAT", "MRN", "", "H"]),
        join(&digits(r, 8))
    );
    let dob = format!(
        "{}{:02}{:02}",
        r.random_range(1940..2006),
        r.random_range(1..13),
        r.random_range(1..29)
    );
    let street = pick(r, STREETS).to_owned();
    let name = format!("{l}^{f}^{mid}");
    let text = format!(
        "(0008,0020) DA [20241107]                               #   8, 1 StudyDate\n\
         (0008,0060) CS [MR]                                     #   2, 1 Modality\n\
         (0010,0010) PN [{name}]                   # {:3}, 1 PatientName\n\
         (0010,0020) LO [{pid}]                           # {:3}, 1 PatientID\n\
         (0010,0030) DA [{dob}]                               #   8, 1 PatientBirthDate\n\
         (0010,0040) CS [{}]                                      #   2, 1 PatientSex\n\
         (0010,1040) LO [{street}]                   # {:3}, 1 PatientAddress\n\
         (0020,000d) UI [1.2.840.113619.2.55.3.{}]    #  36, 1 StudyInstanceUID",
        name.len(),
        pid.len(),
        pick(r, &["F", "M"]),
        street.len(),
        r.random_range(100_000_000..999_999_999u64)
    );
    Secret {
        text,
        hide: vec![name, format!("{l}^{f}"), pid, dob, street],
    }
}

fn bcbp(r: &mut StdRng) -> Secret {
    let name = format!("{}/{}", pick(r, ASCII_LAST), pick(r, ASCII_FIRST));
    let pnr = from_set(r, UPPER_NUM, 6);
    let (from, to) = (
        pick(r, &["WAW", "FRA", "AMS", "LIS", "ATH"]),
        pick(r, &["JFK", "KEF", "HKG", "BKK", "DXB"]),
    );
    let text = format!(
        "M1{name:<20}E{pnr:<7}{from}{to}{}{:04} {:03}Y{:03}{}{:04} 14A>5180      B2A              0{}",
        pick(r, &["LH ", "KL ", "TP ", "A3 "]),
        r.random_range(100..9999),
        r.random_range(1..366),
        r.random_range(1..60),
        pick(r, &["A", "C", "F"]),
        r.random_range(1..300),
        join(&digits(r, 13))
    );
    Secret {
        text,
        hide: vec![name, format!("E{pnr}")],
    }
}

fn nacha(r: &mut StdRng) -> Secret {
    let routing = ids::us_aba(r);
    let len = r.random_range(9..13);
    let acct = join(&digits(r, len));
    let name = format!("{} {}", pick(r, ASCII_LAST), pick(r, ASCII_FIRST));
    let entry = format!(
        "6{}{routing}{acct:<17}{:010}{:<15}{name:<22}  0{}{:07}",
        pick(r, &["22", "27", "32"]),
        r.random_range(1000..500000),
        format!("EMP{}", r.random_range(1000..99999)),
        &routing[..8],
        r.random_range(1..9999999)
    );
    let text = format!(
        "101 {routing} 1234567892411070830A094101ACME BANK              ACME PAYROLL INC       \n\
         5220ACME PAYROLL INC                    1234567892PPDPAYROLL         241108   1{}0000001\n\
         {entry}",
        &routing[..8]
    );
    Secret {
        text,
        hide: vec![acct, name],
    }
}

fn pain001(r: &mut StdRng) -> Secret {
    let (f, l) = person(r);
    let name = format!("{f} {l}");
    let street = pick(r, STREETS).to_owned();
    let acct = match r.random_range(0..6) {
        0 => iban("PL", &join(&digits(r, 24))),
        1 => iban(
            "NL",
            &format!(
                "{}{}",
                pick(r, &["INGB", "ABNA", "RABO"]),
                join(&digits(r, 10))
            ),
        ),
        2 => iban("PT", &join(&digits(r, 21))),
        3 => iban("AT", &join(&digits(r, 16))),
        4 => iban("HR", &join(&digits(r, 17))),
        _ => iban("EE", &join(&digits(r, 16))),
    };
    let text = format!(
        "<CdtTrfTxInf><PmtId><EndToEndId>E2E-{}</EndToEndId></PmtId>\
         <Amt><InstdAmt Ccy=\"EUR\">{}.{:02}</InstdAmt></Amt>\
         <CdtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></CdtrAgt>\
         <Cdtr><Nm>{name}</Nm><PstlAdr><StrtNm>{street}</StrtNm><Ctry>PL</Ctry></PstlAdr></Cdtr>\
         <CdtrAcct><Id><IBAN>{acct}</IBAN></Id></CdtrAcct>\
         <RmtInf><Ustrd>Invoice {}</Ustrd></RmtInf></CdtTrfTxInf>",
        r.random_range(1000..99999),
        r.random_range(10..9999),
        r.random_range(0..100),
        pick(r, &["BKAUATWW", "INGBNL2A", "WBKPPLPP", "BCOMPTPL"]),
        r.random_range(100..999)
    );
    Secret {
        text,
        hide: vec![name, acct, street],
    }
}

fn cdr(r: &mut StdRng) -> Secret {
    let a = format!("+48{}", join(&digits(r, 9)));
    let b = format!("+31{}{}", 6, join(&digits(r, 8)));
    let imei = ids::imei(r);
    let imsi = format!("26001{}", join(&digits(r, 10)));
    let text = format!(
        "20241107T{:02}{:02}{:02}Z|MOC|A={a}|B={b}|IMEI={imei}|IMSI={imsi}|LAC={}|CI={}|DUR={}|CAUSE=16",
        r.random_range(0..24),
        r.random_range(0..60),
        r.random_range(0..60),
        r.random_range(1000..9999),
        r.random_range(10000..65535),
        r.random_range(1..3600)
    );
    Secret {
        text,
        hide: vec![a, b, imei, imsi],
    }
}

// ---- personal values ---------------------------------------------------

fn eu_phone(r: &mut StdRng) -> Secret {
    let d = |r: &mut StdRng, n| join(&digits(r, n));
    let s = match r.random_range(0..8) {
        0 => format!(
            "+48 {}{} {} {}",
            pick(r, &["5", "6", "7", "8"]),
            d(r, 2),
            d(r, 3),
            d(r, 3)
        ),
        1 => format!("06-{}", d(r, 8)),
        2 => format!("+39 3{} {} {}", d(r, 2), d(r, 3), d(r, 4)),
        3 => format!("6{} {} {} {}", d(r, 2), d(r, 2), d(r, 2), d(r, 2)),
        4 => format!("+351 9{} {} {}", d(r, 2), d(r, 3), d(r, 3)),
        5 => format!(
            "07{} {} {} {}",
            pick(r, &["6", "8", "9"]),
            d(r, 3),
            d(r, 2),
            d(r, 2)
        ),
        6 => format!("+43 66{} {}", d(r, 1), d(r, 7)),
        _ => format!("07{}-{} {} {}", d(r, 1), d(r, 3), d(r, 2), d(r, 2)),
    };
    Secret::whole(s)
}

fn obfuscated_email(r: &mut StdRng) -> Secret {
    let (f, l) = person(r);
    let (f, l) = (
        fold(&f.to_lowercase()).replace(' ', ""),
        fold(&l.to_lowercase()),
    );
    let dom = pick(
        r,
        &[
            "wp", "onet", "ziggo", "libero", "sapo", "telia", "hotmail", "posteo",
        ],
    );
    let tld = pick(r, &["pl", "nl", "it", "pt", "se", "com", "de"]);
    let n = r.random_range(10..99);
    let (text, local) = match r.random_range(0..4) {
        0 => {
            let loc = format!("{f}.{l}{n}");
            (format!("{loc} [at] {dom} [dot] {tld}"), loc)
        }
        1 => {
            let loc = format!("{f}{l}");
            (format!("{loc} (at) {dom}.{tld}"), loc)
        }
        2 => {
            let loc = format!("{f} dot {l}");
            (format!("{loc} at {dom} dot {tld}"), loc)
        }
        _ => {
            let loc = format!("{f}_{l}{n}");
            (format!("{loc} AT {dom} DOT {tld}"), loc)
        }
    };
    Secret {
        text,
        hide: vec![local],
    }
}

fn idn_email(r: &mut StdRng) -> Secret {
    let (f, l) = person(r);
    let (f, l) = (f.to_lowercase().replace(' ', ""), l.to_lowercase());
    let s = match r.random_range(0..4) {
        0 => format!(
            "{f}.{l}+{}@{}",
            pick(r, &["rechnung", "faktura", "newsletter", "ordini"]),
            pick(
                r,
                &[
                    "bücher-haus.de",
                    "żabka-sklep.pl",
                    "müller.at",
                    "café-lisboa.pt"
                ]
            )
        ),
        1 => format!(
            "\"{f} {l}\"@{}",
            pick(r, &["example.pl", "posteo.de", "kpn.nl"])
        ),
        2 => format!(
            "{}.{l}@mail.{}",
            &f[..1],
            pick(r, &["uni-gdansk.edu.pl", "ut.ee", "hi.is"])
        ),
        _ => format!("{l}.{f}@{}", pick(r, &["почта.рф", "例え.jp", "ελλάδα.gr"])),
    };
    Secret::whole(s)
}

fn gps(r: &mut StdRng) -> Secret {
    let lat = format!(
        "{}.{:06}",
        r.random_range(36..60),
        r.random_range(0..1_000_000)
    );
    let lon = format!(
        "{}.{:06}",
        r.random_range(1..28),
        r.random_range(0..1_000_000)
    );
    let text = match r.random_range(0..4) {
        0 => format!("{lat}, {lon}"),
        1 => format!("geo:{lat},{lon}"),
        2 => format!("lat={lat}&lon={lon}"),
        _ => format!("POINT({lon} {lat})"),
    };
    Secret {
        text,
        hide: vec![lat, lon],
    }
}

fn plate(r: &mut StdRng) -> Secret {
    let u = |r: &mut StdRng, n| from_set(r, UPPER, n);
    let d = |r: &mut StdRng, n| join(&digits(r, n));
    let s = match r.random_range(0..7) {
        0 => format!(
            "{}-{} {}",
            pick(r, &["M", "B", "HH", "K", "S"]),
            u(r, 2),
            d(r, 4)
        ),
        1 => format!("{}-{}-{}", u(r, 2), d(r, 3), u(r, 2)),
        2 => format!("{}{} {}", u(r, 2), d(r, 2), u(r, 3)),
        3 => format!("{} {}", d(r, 4), from_set(r, "BCDFGHJKLMNPRSTVWXYZ", 3)),
        4 => format!("{} {} {}", u(r, 2), d(r, 3), u(r, 2)),
        5 => format!("{}-{}-{}", d(r, 2), u(r, 3), d(r, 1)),
        _ => format!("W{} {}", u(r, 1), d(r, 5)),
    };
    Secret::whole(s)
}

fn security_answer(r: &mut StdRng) -> Secret {
    Secret::whole(
        pick(
            r,
            &[
                "Schnuffel",
                "Burek",
                "Mruczek",
                "Pipoca",
                "Kowalska",
                "Brouwers",
                "Zeynep",
                "Tamagotchi",
                "Fluffykins",
                "Pumuckl",
            ],
        )
        .to_owned(),
    )
}

// ---- credentials -------------------------------------------------------

fn gh_user_token(r: &mut StdRng) -> Secret {
    if r.random_bool(0.5) {
        Secret::whole(format!("ghu_{}", from_set(r, ALNUM, 36)))
    } else {
        Secret::whole(format!("ghr_{}", from_set(r, ALNUM, 76)))
    }
}

fn tailscale(r: &mut StdRng) -> Secret {
    let kind = pick(r, &["auth", "api", "client"]);
    Secret::whole(format!(
        "tskey-{kind}-k{}CNTRL-{}",
        from_set(r, ALNUM, 10),
        from_set(r, ALNUM, 33)
    ))
}

fn sentry(r: &mut StdRng) -> Secret {
    if r.random_bool(0.5) {
        let claims = json!({"iat": 1731000000.5, "url": "https://sentry.io", "region_url": "https://de.sentry.io", "org": pick(r, &["acme-gmbh", "globex", "initech"])});
        let sig = from_set(r, B64, 43);
        let tok = format!(
            "sntrys_{}_{sig}",
            b64(claims.to_string().as_bytes()).trim_end_matches('=')
        );
        Secret {
            hide: vec![tok.clone(), sig],
            text: tok,
        }
    } else {
        Secret::whole(format!("sntryu_{}", from_set(r, HEX, 64)))
    }
}

fn supabase(r: &mut StdRng) -> Secret {
    Secret::whole(format!("sbp_{}", from_set(r, HEX, 40)))
}

fn replicate(r: &mut StdRng) -> Secret {
    Secret::whole(format!("r8_{}", from_set(r, ALNUM, 37)))
}

fn langsmith(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "lsv2_{}_{}_{}",
        pick(r, &["pt", "sk"]),
        from_set(r, HEX, 32),
        from_set(r, HEX, 10)
    ))
}

fn onepassword(r: &mut StdRng) -> Secret {
    let k = b64url(&bytes(r, 32));
    let srp = from_set(r, HEX, 64);
    let doc = json!({
        "signInAddress": "my.1password.eu",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000, "salt": b64url(&bytes(r, 16))},
        "email": format!("{}@1passwordserviceaccounts.eu", from_set(r, LOWER_NUM, 13)),
        "srpX": srp,
        "muk": {"alg": "A256GCM", "ext": true, "k": k, "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"},
        "secretKey": format!("A3-{}-{}-{}", from_set(r, UPPER_NUM, 6), from_set(r, UPPER_NUM, 6), from_set(r, UPPER_NUM, 5)),
        "deviceUuid": from_set(r, LOWER_NUM, 26)
    });
    let tok = format!("ops_{}", b64url(doc.to_string().as_bytes()));
    Secret {
        hide: vec![tok.clone(), k, srp],
        text: tok,
    }
}

fn square(r: &mut StdRng) -> Secret {
    match r.random_range(0..3) {
        0 => Secret::whole(format!("EAAA{}", from_set(r, B64URL, 60))),
        1 => Secret::whole(format!("sq0atp-{}", from_set(r, B64URL, 22))),
        _ => Secret::whole(format!("sq0csp-{}", from_set(r, B64URL, 43))),
    }
}

fn contentful(r: &mut StdRng) -> Secret {
    Secret::whole(format!("CFPAT-{}", from_set(r, B64URL, 43)))
}

fn dropbox(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "sl.{}{}",
        pick(r, &["B", "u.AF"]),
        from_set(r, B64URL, 136)
    ))
}

fn azure_ad_secret(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}{}Q~{}",
        from_set(r, ALNUM, 3),
        r.random_range(0..10),
        from_set(
            r,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-",
            34
        )
    ))
}

fn aws_session(r: &mut StdRng) -> Secret {
    let n = r.random_range(75..110) * 4;
    let head = pick(r, &["IQoJb3JpZ2luX2VjE", "FwoGZXIvYXdzE"]);
    Secret::whole(format!("{head}{}", from_set(r, B64, n)))
}

fn brevo(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "xkeysib-{}-{}",
        from_set(r, HEX, 64),
        from_set(r, ALNUM, 16)
    ))
}

fn ntlm(r: &mut StdRng) -> Secret {
    let (f, l) = person(r);
    let user = match r.random_range(0..3) {
        0 => "Administrator".to_owned(),
        1 => format!(
            "CORP\\{}.{}",
            fold(&f.to_lowercase()).replace(' ', ""),
            fold(&l.to_lowercase())
        ),
        _ => "svc_backup".to_owned(),
    };
    let nt = from_set(r, HEX, 32);
    let line = format!(
        "{user}:{}:aad3b435b51404eeaad3b435b51404ee:{nt}:::",
        r.random_range(500..4000)
    );
    Secret::part(line, vec![nt])
}

/// Cisco IOS type 7 "encryption" (a fixed XOR table): reversible, so the
/// encoded string is as secret as the password.
fn cisco7(r: &mut StdRng) -> Secret {
    const XLAT: &[u8] = b"dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
    let plain = format!(
        "{}{}{}",
        pick(r, &["Wr0ng", "N3tOps", "Sw1tch", "C0re"]),
        from_set(r, ALNUM, 6),
        pick(r, &["!", "#", "$"])
    );
    let salt = r.random_range(0..16usize);
    let hex: String = plain
        .bytes()
        .enumerate()
        .map(|(i, b)| format!("{:02X}", b ^ XLAT[(salt + i) % XLAT.len()]))
        .collect();
    let enc = format!("{salt:02}{hex}");
    let line = match r.random_range(0..3) {
        0 => format!("username netops privilege 15 password 7 {enc}"),
        1 => format!("enable password 7 {enc}"),
        _ => format!(" ip ospf message-digest-key 1 md5 7 {enc}"),
    };
    Secret {
        text: line,
        hide: vec![enc, plain],
    }
}

fn wifi_psk(r: &mut StdRng) -> Secret {
    let s = if r.random_bool(0.5) {
        format!(
            "{}-{}-{}",
            pick(
                r,
                &[
                    "sunflower",
                    "Pferdestall",
                    "mariposa",
                    "Kaszanka",
                    "tulipan",
                    "zeekoe"
                ]
            ),
            pick(r, &["Harbor", "Blau", "Lluvia", "Orzech", "Haven", "Dijk"]),
            r.random_range(1000..9999)
        )
    } else {
        from_set(r, ALNUM, 20)
    };
    Secret::whole(s)
}

fn unicode_password(r: &mut StdRng) -> Secret {
    let w = pick(
        r,
        &[
            "Zima-Mróz",
            "Пароль_Зима",
            "Jégvirág",
            "Şifre.Güçlü",
            "Ήλιος",
            "Żółw",
            "Kärlek",
            "Ђорђе",
            "Ørkenen",
            "Čokoláda",
        ],
    );
    Secret::whole(format!(
        "{w}{}{}",
        pick(r, &["#", "!", "%", "&"]),
        r.random_range(10..9999)
    ))
}

fn pin(r: &mut StdRng) -> Secret {
    let n = r.random_range(4..7);
    let mut d = digits(r, n);
    d[0] = r.random_range(1..10);
    Secret::whole(join(&d))
}

fn solana(r: &mut StdRng) -> Secret {
    let kp = bytes(r, 64);
    if r.random_bool(0.5) {
        Secret::whole(base58(&kp))
    } else {
        let arr = format!(
            "[{}]",
            kp.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
        );
        // The secret half, as the array writes it.
        let secret_half = kp[..32]
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(",");
        Secret {
            text: arr,
            hide: vec![secret_half],
        }
    }
}

fn webhook_path(r: &mut StdRng) -> Secret {
    let (url, key) = match r.random_range(0..4) {
        0 => {
            let k = from_set(r, B64URL, 22);
            (
                format!(
                    "https://maker.ifttt.com/trigger/{}/with/key/{k}",
                    pick(r, &["door_open", "backup_done"])
                ),
                k,
            )
        }
        1 => {
            let k = from_set(r, LOWER_NUM, 7);
            (
                format!(
                    "https://hooks.zapier.com/hooks/catch/{}/{k}/",
                    r.random_range(1_000_000..9_999_999)
                ),
                k,
            )
        }
        2 => {
            let k = from_set(r, LOWER_NUM, 26);
            (
                format!(
                    "https://chat.{}.org/hooks/{k}",
                    pick(r, &["acme", "globex"])
                ),
                k,
            )
        }
        _ => {
            let k = format!("{}/{}", from_set(r, ALNUM, 17), from_set(r, ALNUM, 48));
            (
                format!(
                    "https://rocket.{}.io/hooks/{k}",
                    pick(r, &["acme", "initech"])
                ),
                k,
            )
        }
    };
    Secret {
        text: url,
        hide: vec![key],
    }
}

// ---- near-misses -------------------------------------------------------

fn near_test_card(r: &mut StdRng) -> String {
    pick(
        r,
        &[
            "4242 4242 4242 4242",
            "4111 1111 1111 1111",
            "5555 5555 5555 4444",
            "4000 0566 5566 5556",
        ],
    )
    .to_owned()
}

fn near_dicom_uid(r: &mut StdRng) -> String {
    format!(
        "1.2.840.113619.2.55.3.{}.{}.{}",
        r.random_range(100_000_000..999_999_999u64),
        r.random_range(100..999),
        r.random_range(1_000_000_000..1_999_999_999u64)
    )
}

fn near_flight(r: &mut StdRng) -> String {
    format!(
        "{}{} {:02}{}",
        pick(r, &["LH", "KL", "TP", "A3"]),
        r.random_range(100..9999),
        r.random_range(1..29),
        pick(r, &["JAN", "MAR", "JUL", "NOV"])
    )
}

fn near_bic(r: &mut StdRng) -> String {
    pick(
        r,
        &[
            "BKAUATWW",
            "INGBNL2A",
            "WBKPPLPP",
            "BCOMPTPL",
            "DEUTDEFF500",
        ],
    )
    .to_owned()
}

fn near_cell(r: &mut StdRng) -> String {
    format!(
        "262-01-{}-{}",
        r.random_range(1000..9999),
        r.random_range(10000..65535)
    )
}

fn near_isbn(r: &mut StdRng) -> String {
    ids::isbn13(r)
}

fn near_schedule(r: &mut StdRng) -> String {
    format!(
        "{} at {:02}:{:02} UTC",
        pick(r, &["deploy", "backup", "rotate logs", "reindex"]),
        r.random_range(0..24),
        r.random_range(0..60)
    )
}

fn near_npm(r: &mut StdRng) -> String {
    format!(
        "@{}/{}@{}.{}.{}",
        pick(r, &["acme", "types", "babel"]),
        pick(r, &["core", "node", "parser"]),
        r.random_range(0..20),
        r.random_range(0..40),
        r.random_range(0..20)
    )
}

fn near_region(r: &mut StdRng) -> String {
    format!(
        "{}.{:02}, {}.{:02}",
        r.random_range(36..60),
        r.random_range(0..100),
        r.random_range(1..28),
        r.random_range(0..100)
    )
}

fn near_sku(r: &mut StdRng) -> String {
    format!(
        "{}-{}-{}",
        from_set(r, UPPER, 2),
        join(&digits(r, 3)),
        from_set(r, UPPER, 2)
    )
}

fn near_codename(r: &mut StdRng) -> String {
    pick(
        r,
        &[
            "Bionic", "Jammy", "Bookworm", "Trixie", "Ventura", "Sequoia",
        ],
    )
    .to_owned()
}

fn near_git_sha(r: &mut StdRng) -> String {
    from_set(r, HEX, 40)
}

fn near_nodekey(r: &mut StdRng) -> String {
    format!("nodekey:{}", from_set(r, HEX, 64))
}

fn near_event_id(r: &mut StdRng) -> String {
    from_set(r, HEX, 32)
}

fn near_project_ref(r: &mut StdRng) -> String {
    from_set(r, "abcdefghijklmnopqrstuvwxyz", 20)
}

fn near_model_version(r: &mut StdRng) -> String {
    from_set(r, HEX, 64)
}

fn near_uuid(r: &mut StdRng) -> String {
    uuid(r)
}

fn near_item_id(r: &mut StdRng) -> String {
    from_set(r, "abcdefghijklmnopqrstuvwxyz234567", 26)
}

fn near_location_id(r: &mut StdRng) -> String {
    format!("L{}", from_set(r, UPPER_NUM, 12))
}

fn near_space_id(r: &mut StdRng) -> String {
    from_set(r, LOWER_NUM, 12)
}

fn near_dropbox_id(r: &mut StdRng) -> String {
    format!("id:{}", from_set(r, B64URL, 22))
}

fn near_aws_account(r: &mut StdRng) -> String {
    format!(
        "arn:aws:iam::{}:role/{}",
        join(&digits(r, 12)),
        pick(r, &["ci-deploy", "reader"])
    )
}

fn near_message_id(r: &mut StdRng) -> String {
    format!(
        "<{}.{}@smtp-relay.mailin.fr>",
        r.random_range(100_000_000_000u64..999_999_999_999),
        r.random_range(10000..99999)
    )
}

fn near_md5(r: &mut StdRng) -> String {
    format!(
        "{}  backup-2024-11-{:02}.tar.gz",
        from_set(r, HEX, 32),
        r.random_range(1..29)
    )
}

fn near_ios_version(r: &mut StdRng) -> String {
    format!(
        "{}.{}({}){}",
        r.random_range(12..18),
        r.random_range(1..10),
        r.random_range(1..9),
        pick(r, &["E10", "M3", "S"])
    )
}

fn near_ssid(r: &mut StdRng) -> String {
    format!(
        "{}-{}",
        pick(r, &["HomeNet", "FRITZ!Box 7590", "Livebox", "UPC"]),
        from_set(r, UPPER_NUM, 4)
    )
}

fn near_release_name(r: &mut StdRng) -> String {
    format!(
        "{}-{}.{}",
        pick(r, &["Zima", "Jégvirág", "Kärlek", "Ørkenen"]),
        r.random_range(2020..2026),
        r.random_range(1..13)
    )
}

fn near_port(r: &mut StdRng) -> String {
    r.random_range(1024..65535).to_string()
}

fn near_solana_address(r: &mut StdRng) -> String {
    base58(&bytes(r, 32))
}

fn near_github_blob(r: &mut StdRng) -> String {
    format!(
        "https://github.com/{}/blob/{}/README.md",
        pick(r, &["acme/api", "rust-lang/rust"]),
        from_set(r, HEX, 40)
    )
}

fn near_aba(r: &mut StdRng) -> String {
    ids::us_aba(r)
}

macro_rules! id_kind {
    ($name:expr, $labels:expr, $f:path, $near_label:expr) => {
        Kind {
            name: $name,
            labels: $labels,
            self_identifying: false,
            generate: |r| Secret::whole($f(r, true)),
            near: |r| $f(r, false),
            near_label: $near_label,
        }
    };
}

pub fn all() -> Vec<Kind> {
    vec![
        id_kind!(
            "austrian svnr",
            &[
                "svnr",
                "sozialversicherungsnummer",
                "sv-nummer",
                "versicherungsnr"
            ],
            ids::at_svnr,
            "ticket"
        ),
        id_kind!(
            "estonian isikukood",
            &["isikukood", "personal code", "isikukood (EE)"],
            ids::ee_isikukood,
            "order no"
        ),
        id_kind!(
            "bulgarian egn",
            &["egn", "ЕГН", "edinen grazhdanski nomer"],
            ids::bg_egn,
            "invoice id"
        ),
        id_kind!(
            "croatian oib",
            &["oib", "osobni identifikacijski broj", "OIB korisnika"],
            ids::hr_oib,
            "shipment"
        ),
        id_kind!(
            "jmbg / emšo",
            &["jmbg", "emšo", "matični broj", "ЈМБГ"],
            ids::jmbg,
            "batch"
        ),
        id_kind!(
            "greek amka",
            &["amka", "ΑΜΚΑ", "arithmos mitroou"],
            ids::gr_amka,
            "reference"
        ),
        id_kind!(
            "icelandic kennitala",
            &["kennitala", "kt.", "kennitala viðskiptavinar"],
            ids::is_kennitala,
            "build"
        ),
        id_kind!(
            "hong kong hkid",
            &["hkid", "hong kong id", "身份證號碼"],
            ids::hk_hkid,
            "part"
        ),
        id_kind!(
            "taiwan national id",
            &["身分證字號", "taiwan id", "national id no"],
            ids::tw_id,
            "serial"
        ),
        id_kind!(
            "thai citizen id",
            &["thai id", "เลขประจำตัวประชาชน", "citizen id"],
            ids::th_id,
            "tracking"
        ),
        id_kind!(
            "nz ird number",
            &["ird number", "ird", "nz tax number"],
            ids::nz_ird,
            "job"
        ),
        id_kind!(
            "au medicare number",
            &["medicare number", "medicare card", "medicare no"],
            ids::au_medicare,
            "lot"
        ),
        id_kind!(
            "russian snils",
            &["снилс", "snils", "страховой номер"],
            ids::ru_snils,
            "case"
        ),
        id_kind!(
            "russian inn (personal)",
            &["инн", "inn", "taxpayer inn"],
            ids::ru_inn,
            "account ref"
        ),
        Kind {
            name: "emirates id",
            labels: &["emirates id", "eid", "رقم الهوية"],
            self_identifying: true,
            generate: |r| Secret::whole(ids::ae_emirates(r, true)),
            near: |r| ids::ae_emirates(r, false),
            near_label: "asset",
        },
        id_kind!(
            "ecuadorian cedula",
            &["cédula", "cedula de identidad", "numero de cedula"],
            ids::ec_cedula,
            "pedido"
        ),
        id_kind!(
            "brazilian cnpj",
            &["cnpj", "cnpj do cliente", "CNPJ/MF"],
            ids::br_cnpj,
            "protocolo"
        ),
        id_kind!(
            "mexican clabe",
            &["clabe", "cuenta clabe", "clabe interbancaria"],
            ids::mx_clabe,
            "folio"
        ),
        id_kind!(
            "eu vat number",
            &["vat number", "ust-idnr", "partita iva", "numéro de tva"],
            ids::eu_vat,
            "sku"
        ),
        id_kind!(
            "polish nip",
            &["nip", "numer nip", "NIP nabywcy"],
            ids::pl_nip,
            "zamówienie"
        ),
        id_kind!(
            "polish id card",
            &["numer dowodu", "dowód osobisty", "seria i numer dowodu"],
            ids::pl_dowod,
            "kod produktu"
        ),
        id_kind!(
            "german id card number",
            &["ausweisnummer", "personalausweisnummer", "dokumentennummer"],
            ids::de_ausweis,
            "seriennummer"
        ),
        id_kind!(
            "spanish nuss",
            &["nuss", "número de la seguridad social", "naf"],
            ids::es_nuss,
            "expediente"
        ),
        id_kind!(
            "uk utr",
            &["utr", "unique taxpayer reference", "self assessment utr"],
            ids::uk_utr,
            "case ref"
        ),
        id_kind!(
            "latvian personas kods",
            &["personas kods", "p.k.", "personal code (LV)"],
            ids::lv_kods,
            "order"
        ),
        Kind {
            name: "iso 8583 dump (pan, track 2, pin block)",
            labels: &["authorization request", "iso8583 trace", "host message"],
            self_identifying: true,
            generate: iso8583,
            near: near_test_card,
            near_label: "test card (stripe docs)",
        },
        Kind {
            name: "dicom patient tags",
            labels: &["dcmdump", "dicom header", "study header"],
            self_identifying: true,
            generate: dicom,
            near: near_dicom_uid,
            near_label: "study instance uid",
        },
        Kind {
            name: "iata boarding pass (bcbp)",
            labels: &["boarding pass", "bcbp", "barcode data"],
            self_identifying: true,
            generate: bcbp,
            near: near_flight,
            near_label: "flight",
        },
        Kind {
            name: "nacha ach file",
            labels: &["ach file", "nacha", "payroll batch"],
            self_identifying: true,
            generate: nacha,
            near: near_aba,
            near_label: "batch ref",
        },
        Kind {
            name: "pain.001 credit transfer",
            labels: &["pain001", "sepa xml", "payment instruction"],
            self_identifying: true,
            generate: pain001,
            near: near_bic,
            near_label: "bank bic",
        },
        Kind {
            name: "call detail record",
            labels: &["cdr", "call record", "charging record"],
            self_identifying: true,
            generate: cdr,
            near: near_cell,
            near_label: "cell",
        },
        Kind {
            name: "phone (pl/nl/it/es/pt/se/at)",
            labels: &[
                "telefon",
                "telefoonnummer",
                "cellulare",
                "móvil",
                "telemóvel",
                "mobilnummer",
                "nr tel.",
            ],
            self_identifying: false,
            generate: eu_phone,
            near: near_isbn,
            near_label: "isbn",
        },
        Kind {
            name: "obfuscated email",
            labels: &["contact", "e-mail", "kontakt", "correo"],
            self_identifying: true,
            generate: obfuscated_email,
            near: near_schedule,
            near_label: "schedule",
        },
        Kind {
            name: "email (idn, plus-tag, quoted)",
            labels: &["email", "adres e-mail", "courriel"],
            self_identifying: true,
            generate: idn_email,
            near: near_npm,
            near_label: "dependency",
        },
        Kind {
            name: "home gps coordinates",
            labels: &["home location", "wohnort", "lat/lng", "geolocalización"],
            self_identifying: false,
            generate: gps,
            near: near_region,
            near_label: "region centroid",
        },
        Kind {
            name: "number plate",
            labels: &[
                "kennzeichen",
                "immatriculation",
                "license plate",
                "matrícula",
                "targa",
                "kenteken",
            ],
            self_identifying: false,
            generate: plate,
            near: near_sku,
            near_label: "sku",
        },
        Kind {
            name: "security answer",
            labels: &[
                "security answer",
                "mother's maiden name",
                "first pet's name",
                "antwort sicherheitsfrage",
                "réponse secrète",
            ],
            self_identifying: false,
            generate: security_answer,
            near: near_codename,
            near_label: "release codename",
        },
        Kind {
            name: "github user/refresh token",
            labels: &["gh user token", "oauth token", "refresh"],
            self_identifying: true,
            generate: gh_user_token,
            near: near_git_sha,
            near_label: "commit",
        },
        Kind {
            name: "tailscale key",
            labels: &["ts authkey", "tailscale", "TS_AUTHKEY"],
            self_identifying: true,
            generate: tailscale,
            near: near_nodekey,
            near_label: "node",
        },
        Kind {
            name: "sentry auth token",
            labels: &["sentry auth", "SENTRY_AUTH_TOKEN", "sentry"],
            self_identifying: true,
            generate: sentry,
            near: near_event_id,
            near_label: "event id",
        },
        Kind {
            name: "supabase access token",
            labels: &["supabase token", "SUPABASE_ACCESS_TOKEN", "supabase"],
            self_identifying: true,
            generate: supabase,
            near: near_project_ref,
            near_label: "project ref",
        },
        Kind {
            name: "replicate token",
            labels: &["replicate", "REPLICATE_API_TOKEN", "r8"],
            self_identifying: true,
            generate: replicate,
            near: near_model_version,
            near_label: "model version",
        },
        Kind {
            name: "langsmith key",
            labels: &["langsmith", "LANGCHAIN_API_KEY", "ls key"],
            self_identifying: true,
            generate: langsmith,
            near: near_uuid,
            near_label: "run id",
        },
        Kind {
            name: "1password service account token",
            labels: &["op token", "OP_SERVICE_ACCOUNT_TOKEN", "1password"],
            self_identifying: true,
            generate: onepassword,
            near: near_item_id,
            near_label: "item",
        },
        Kind {
            name: "square token",
            labels: &["square", "SQUARE_ACCESS_TOKEN", "sq token"],
            self_identifying: true,
            generate: square,
            near: near_location_id,
            near_label: "location",
        },
        Kind {
            name: "contentful pat",
            labels: &["contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "cma"],
            self_identifying: true,
            generate: contentful,
            near: near_space_id,
            near_label: "space",
        },
        Kind {
            name: "dropbox short-lived token",
            labels: &["dropbox", "DROPBOX_TOKEN", "dbx"],
            self_identifying: true,
            generate: dropbox,
            near: near_dropbox_id,
            near_label: "file",
        },
        Kind {
            name: "azure ad client secret",
            labels: &[
                "client credential",
                "AZURE_CLIENT_SECRET",
                "app registration secret",
            ],
            self_identifying: true,
            generate: azure_ad_secret,
            near: near_uuid,
            near_label: "tenant",
        },
        Kind {
            name: "aws session token",
            labels: &["aws_session_token", "session", "sts"],
            self_identifying: true,
            generate: aws_session,
            near: near_aws_account,
            near_label: "role",
        },
        Kind {
            name: "brevo api key",
            labels: &["brevo", "sendinblue", "BREVO_API_KEY"],
            self_identifying: true,
            generate: brevo,
            near: near_message_id,
            near_label: "message id",
        },
        Kind {
            name: "ntlm hash (secretsdump)",
            labels: &["hashes", "dump", "ntds"],
            self_identifying: true,
            generate: ntlm,
            near: near_md5,
            near_label: "checksum",
        },
        Kind {
            name: "cisco type 7 password",
            labels: &["running-config", "config line", "ios"],
            self_identifying: true,
            generate: cisco7,
            near: near_ios_version,
            near_label: "version",
        },
        Kind {
            name: "wifi psk",
            labels: &[
                "wpa_psk",
                "wlan-schlüssel",
                "clé wpa",
                "psk",
                "hasło do wifi",
            ],
            self_identifying: false,
            generate: wifi_psk,
            near: near_ssid,
            near_label: "ssid",
        },
        Kind {
            name: "password (non-latin)",
            labels: &[
                "hasło",
                "lösenord",
                "adgangskode",
                "пароль",
                "heslo",
                "jelszó",
                "şifre",
                "parool",
            ],
            self_identifying: false,
            generate: unicode_password,
            near: near_release_name,
            near_label: "release",
        },
        Kind {
            name: "pin",
            labels: &[
                "pin",
                "card pin",
                "geheimzahl",
                "code pin",
                "passcode",
                "kod pin",
            ],
            self_identifying: false,
            generate: pin,
            near: near_port,
            near_label: "listen port",
        },
        Kind {
            name: "solana private key",
            labels: &["solana keypair", "phantom export", "wallet secret"],
            self_identifying: true,
            generate: solana,
            near: near_solana_address,
            near_label: "program id",
        },
        Kind {
            name: "webhook url with key in path",
            labels: &["webhook", "hook", "notify"],
            self_identifying: true,
            generate: webhook_path,
            near: near_github_blob,
            near_label: "docs",
        },
    ]
}
