//! What the fifth corpus hides: credentials the earlier corpora do not
//! hold (more vendors, LLM gateways, framework secrets, infrastructure
//! shared secrets, encrypted wallets and keytabs, OAuth flow secrets,
//! recovery codes), identifiers of countries they leave out (Indonesia,
//! Viet Nam, Malaysia, the Philippines, Nigeria, Kenya, Egypt, Saudi
//! Arabia, Pakistan, Iran, Uruguay, Brazil's PIS, India's GSTIN, EPIC and
//! UPI handles, US EIN and MBI, Ontario and NZ health numbers, Japanese
//! residence cards) and personal data that is not a number (addresses
//! with postcodes, advertising ids, device ids, biometric templates,
//! diagnoses and salaries next to a name, GPS tracks, SIP URIs).
//! Where an issuer publishes no check digit (NIK, CCCD, PhilSys, BVN,
//! CNIC, EPIC, KRA PIN, the residence card), the identifier follows the
//! documented structure (region codes, a birth date, sex digits) only.
//! Each kind has a near-miss of the same look: a failing check digit,
//! the public counterpart (an account SID, a PKCE challenge, an address,
//! an SRI hash) or a value that only its label tells apart.

use crate::scoring::corpus::{Kind, Secret};
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::json;

use super::r#gen::{
    ALNUM, B64URL, HEX, LOWER, LOWER_NUM, UHEX, UPPER, UPPER_NUM, b64, b64url, base58check, birth,
    bytes, d2, digits, fix, from_set, join, luhn_digit, name, num, pick, sha256, uuid, weighted,
};

fn human_password(r: &mut StdRng) -> String {
    let w = pick(
        r,
        &[
            "Kestrel",
            "marmalade",
            "Obsidian",
            "tundra",
            "Velvet",
            "quokka",
            "Saffron",
            "harbor",
        ],
    );
    let w2 = pick(r, &["Moon", "river", "Tiger", "falcon", "Ember", "pine"]);
    format!(
        "{w}{}{w2}{}",
        pick(r, &["!", "#", "_", ".", "$", "%"]),
        r.random_range(10..9999)
    )
}

// ---- vendor and service credentials ------------------------------------

fn twilio_auth(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, HEX, 32))
}
fn n_twilio_sid(r: &mut StdRng) -> String {
    format!("AC{}", from_set(r, HEX, 32))
}

fn airtable(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "pat{}.{}",
        from_set(r, ALNUM, 14),
        from_set(r, HEX, 64)
    ))
}
fn n_airtable_base(r: &mut StdRng) -> String {
    format!("app{}", from_set(r, ALNUM, 14))
}

fn vault_token(r: &mut StdRng) -> Secret {
    if r.random_bool(0.5) {
        Secret::whole(format!("hvb.AAAAAQ{}", from_set(r, B64URL, 132)))
    } else {
        Secret::whole(format!("s.{}", from_set(r, ALNUM, 24)))
    }
}
fn n_vault_accessor(r: &mut StdRng) -> String {
    from_set(r, ALNUM, 24)
}

fn rubygems(r: &mut StdRng) -> Secret {
    Secret::whole(format!("rubygems_{}", from_set(r, HEX, 48)))
}
fn n_sha256(r: &mut StdRng) -> String {
    from_set(r, HEX, 64)
}

fn crates_io(r: &mut StdRng) -> Secret {
    Secret::whole(format!("cio{}", from_set(r, ALNUM, 32)))
}
fn n_commit(r: &mut StdRng) -> String {
    from_set(r, HEX, 40)
}

fn nuget(r: &mut StdRng) -> Secret {
    Secret::whole(format!("oy2{}", from_set(r, LOWER_NUM, 43)))
}
fn n_content_hash(r: &mut StdRng) -> String {
    b64(&bytes(r, 64))
}

fn fly_io(r: &mut StdRng) -> Secret {
    let a = b64(&bytes(r, 150));
    let b = b64(&bytes(r, 75));
    Secret::whole(format!("FlyV1 fm2_{a},fm2_{b}"))
}
fn n_fly_machine(r: &mut StdRng) -> String {
    from_set(r, HEX, 14)
}

fn render(r: &mut StdRng) -> Secret {
    Secret::whole(format!("rnd_{}", from_set(r, ALNUM, 32)))
}
fn n_render_srv(r: &mut StdRng) -> String {
    format!("srv-{}", from_set(r, LOWER_NUM, 20))
}

fn planetscale(r: &mut StdRng) -> Secret {
    let p = pick(r, &["pscale_pw_", "pscale_tkn_", "pscale_oauth_"]);
    Secret::whole(format!("{p}{}", from_set(r, B64URL, 43)))
}
fn n_pscale_branch(r: &mut StdRng) -> String {
    from_set(r, LOWER_NUM, 12)
}

fn bitbucket(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "ATBB{}{}",
        from_set(r, ALNUM, 28),
        from_set(r, UHEX, 8)
    ))
}

fn asana(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "2/{}/{}:{}",
        join(&digits(r, 16)),
        join(&digits(r, 16)),
        from_set(r, HEX, 32)
    ))
}
fn n_asana_gid(r: &mut StdRng) -> String {
    format!("120{}", join(&digits(r, 13)))
}

fn netlify(r: &mut StdRng) -> Secret {
    Secret::whole(format!("nfp_{}", from_set(r, ALNUM, 36)))
}

fn cloudflare_api(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, B64URL, 40))
}
fn n_zone_id(r: &mut StdRng) -> String {
    from_set(r, HEX, 32)
}

fn algolia_admin(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, HEX, 32))
}
fn n_algolia_app(r: &mut StdRng) -> String {
    from_set(r, UPPER_NUM, 10)
}

fn fcm_server(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "AAAA{}:APA91b{}",
        from_set(r, B64URL, 7),
        from_set(r, B64URL, 134)
    ))
}
fn n_fcm_sender(r: &mut StdRng) -> String {
    join(&digits(r, 12))
}

fn llm_gateway(r: &mut StdRng) -> Secret {
    Secret::whole(match r.random_range(0..5) {
        0 => format!("gsk_{}", from_set(r, ALNUM, 52)),
        1 => format!("pplx-{}", from_set(r, ALNUM, 48)),
        2 => format!("xai-{}", from_set(r, ALNUM, 80)),
        3 => format!("sk-or-v1-{}", from_set(r, HEX, 64)),
        _ => format!("pcsk_{}_{}", from_set(r, ALNUM, 5), from_set(r, ALNUM, 63)),
    })
}
fn n_llm_request(r: &mut StdRng) -> String {
    match r.random_range(0..3) {
        0 => format!("req_01{}", from_set(r, LOWER_NUM, 24)),
        1 => format!("gen-{}-{}", join(&digits(r, 10)), from_set(r, ALNUM, 20)),
        _ => format!("chatcmpl-{}", from_set(r, ALNUM, 29)),
    }
}

fn azure_devops_pat(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, "abcdefghijklmnopqrstuvwxyz234567", 52))
}
fn n_ulid_lower(r: &mut StdRng) -> String {
    from_set(r, "0123456789abcdefghjkmnpqrstvwxyz", 26)
}

fn salesforce_session(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "00D{}!AQ{}",
        from_set(r, ALNUM, 12),
        from_set(
            r,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._",
            96
        )
    ))
}
fn n_salesforce_record(r: &mut StdRng) -> String {
    format!("001{}", from_set(r, ALNUM, 15))
}

// ---- wallets, keytabs, framework and infrastructure secrets ------------

fn eth_keystore(r: &mut StdRng) -> Secret {
    let ct = from_set(r, HEX, 64);
    let mac = from_set(r, HEX, 64);
    let doc = json!({
        "address": from_set(r, HEX, 40),
        "crypto": {
            "cipher": "aes-128-ctr",
            "ciphertext": ct,
            "cipherparams": {"iv": from_set(r, HEX, 32)},
            "kdf": "scrypt",
            "kdfparams": {"dklen": 32, "n": 262144, "p": 1, "r": 8, "salt": from_set(r, HEX, 64)},
            "mac": mac,
        },
        "id": uuid(r),
        "version": 3,
    });
    Secret {
        text: doc.to_string(),
        hide: vec![ct, mac],
    }
}
fn n_eth_address(r: &mut StdRng) -> String {
    format!("0x{}", from_set(r, HEX, 40))
}

fn bip38(r: &mut StdRng) -> Secret {
    let mut p = vec![0x01, 0x42, 0xe0];
    p.extend(bytes(r, 36));
    Secret::whole(base58check(&p))
}
fn n_btc_address(r: &mut StdRng) -> String {
    let mut p = vec![0x00];
    p.extend(bytes(r, 20));
    base58check(&p)
}

fn keytab(r: &mut StdRng) -> Secret {
    let realm = pick(r, &["CORP.ACME.COM", "AD.EXAMPLE.ORG", "EU.BANK.LOCAL"]);
    let princ = pick(r, &["HTTP", "svc_etl", "host"]);
    let mut e = Vec::new();
    e.extend(1u16.to_be_bytes());
    e.extend((realm.len() as u16).to_be_bytes());
    e.extend(realm.as_bytes());
    e.extend((princ.len() as u16).to_be_bytes());
    e.extend(princ.as_bytes());
    e.extend(1u32.to_be_bytes());
    e.extend(r.random::<u32>().to_be_bytes());
    e.push(r.random_range(1..9));
    e.extend(18u16.to_be_bytes());
    e.extend(32u16.to_be_bytes());
    e.extend(bytes(r, 32));
    let mut all = vec![0x05, 0x02];
    all.extend((e.len() as u32).to_be_bytes());
    all.extend(e);
    Secret::whole(b64(&all))
}
fn n_der_cert(r: &mut StdRng) -> String {
    let mut d = vec![0x30, 0x82, 0x03, 0x1f, 0x30, 0x82, 0x02, 0x07, 0xa0, 0x03];
    d.extend(bytes(r, 60));
    b64(&d)
}

fn jks_password(r: &mut StdRng) -> Secret {
    let pw = human_password(r);
    let text = match r.random_range(0..3) {
        0 => format!(
            "-Djavax.net.ssl.keyStore=/etc/app/keystore.p12 -Djavax.net.ssl.keyStorePassword={pw} -Xmx2g"
        ),
        1 => format!(
            "keytool -importkeystore -srckeystore app.jks -destkeystore app.p12 -deststoretype PKCS12 -srcstorepass {pw} -deststorepass {pw}"
        ),
        _ => format!(
            "java -Djavax.net.ssl.trustStore=/opt/certs/truststore.jks -Djavax.net.ssl.trustStorePassword={pw} -jar billing.jar"
        ),
    };
    Secret {
        text,
        hide: vec![pw],
    }
}
fn n_jvm_flags(r: &mut StdRng) -> String {
    format!(
        "-Djavax.net.ssl.keyStoreType=PKCS12 -Djavax.net.ssl.keyStore=/etc/app/keystore-{}.p12 -Xmx{}g",
        r.random_range(1..9),
        r.random_range(1..9)
    )
}

fn word_secret(r: &mut StdRng) -> String {
    format!(
        "{}{}{}",
        pick(r, &["n0c", "Wh1sper", "corvid", "L4ntern", "mesa", "K1ln"]),
        pick(r, &["-", "_", ""]),
        from_set(r, ALNUM, 8)
    )
}

fn snmp_community(r: &mut StdRng) -> Secret {
    let c = word_secret(r);
    let ip = format!(
        "10.{}.{}.{}",
        r.random_range(0..255),
        r.random_range(0..255),
        r.random_range(1..255)
    );
    let text = match r.random_range(0..3) {
        0 => format!("snmpwalk -v2c -c {c} {ip} 1.3.6.1.2.1.1"),
        1 => format!("snmp-server community {c} RO 99"),
        _ => format!("snmpget -v 2c -c {c} {ip} sysUpTime.0"),
    };
    Secret {
        text,
        hide: vec![c],
    }
}
fn n_snmp_v3(r: &mut StdRng) -> String {
    format!(
        "snmpget -v3 -l noAuthNoPriv -u monitor sw-{:02}.dc2.acme.internal sysUpTime.0",
        r.random_range(1..64)
    )
}

fn radius_secret(r: &mut StdRng) -> Secret {
    let s = word_secret(r);
    let text = if r.random_bool(0.5) {
        format!(
            "client nas{:02} {{ ipaddr = 10.20.{}.{} secret = {s} shortname = nas }}",
            r.random_range(1..40),
            r.random_range(0..255),
            r.random_range(1..255)
        )
    } else {
        format!(
            "radius-server host 10.20.{}.{} auth-port 1812 acct-port 1813 key {s}",
            r.random_range(0..255),
            r.random_range(1..255)
        )
    };
    Secret {
        text,
        hide: vec![s],
    }
}
fn n_radius_client(r: &mut StdRng) -> String {
    format!(
        "client nas{:02} {{ ipaddr = nas{:02}.wifi.acme.internal shortname = nas nas_type = cisco }}",
        r.random_range(1..40),
        r.random_range(1..40)
    )
}

fn ipmi_password(r: &mut StdRng) -> Secret {
    let pw = human_password(r);
    Secret {
        text: format!(
            "ipmitool -I lanplus -H 10.9.{}.{} -U ADMIN -P {pw} chassis power status",
            r.random_range(0..255),
            r.random_range(1..255)
        ),
        hide: vec![pw],
    }
}
fn n_ipmi_env(r: &mut StdRng) -> String {
    format!(
        "ipmitool -I lanplus -H bmc-r{:02}.oob.acme.internal -U ADMIN -E sdr list",
        r.random_range(1..64)
    )
}

fn redis_resp_auth(r: &mut StdRng) -> Secret {
    let pw = from_set(r, ALNUM, 24);
    let text = if r.random_bool(0.5) {
        format!("*2\r\n$4\r\nAUTH\r\n${}\r\n{pw}\r\n", pw.len())
    } else {
        format!(
            "*3\r\n$4\r\nAUTH\r\n$6\r\nworker\r\n${}\r\n{pw}\r\n",
            pw.len()
        )
    };
    Secret {
        text,
        hide: vec![pw],
    }
}
fn n_redis_get(r: &mut StdRng) -> String {
    let k = format!("ratelimit:{}", from_set(r, LOWER_NUM, 16));
    format!("*2\r\n$3\r\nGET\r\n${}\r\n{k}\r\n", k.len())
}

fn pkce_verifier(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, B64URL, 64))
}
fn n_pkce_challenge(r: &mut StdRng) -> String {
    let v = from_set(r, B64URL, 64);
    b64url(&sha256(v.as_bytes()))
}

fn oauth_code(r: &mut StdRng) -> Secret {
    let code = match r.random_range(0..3) {
        0 => format!("4/0A{}", from_set(r, B64URL, 70)),
        1 => from_set(r, B64URL, 43),
        _ => format!("{}.{}", uuid(r), from_set(r, B64URL, 40)),
    };
    let host = pick(r, &["app.acme.io", "portal.example.org", "localhost:8765"]);
    let state = from_set(r, ALNUM, 16);
    Secret {
        text: format!(
            "https://{host}/oauth/callback?code={code}&state={state}&scope=openid%20email"
        ),
        hide: vec![code],
    }
}
fn n_oauth_error(r: &mut StdRng) -> String {
    format!(
        "https://app.acme.io/oauth/callback?error=access_denied&state={}",
        from_set(r, ALNUM, 16)
    )
}

fn rails_cookie(r: &mut StdRng) -> Secret {
    let v = format!(
        "{}--{}--{}",
        b64(&bytes(r, 96)),
        b64(&bytes(r, 12)),
        b64(&bytes(r, 16))
    );
    Secret::whole(
        v.replace('=', "%3D")
            .replace('/', "%2F")
            .replace('+', "%2B"),
    )
}
fn n_rails_asset(r: &mut StdRng) -> String {
    format!("application-{}.css", from_set(r, HEX, 64))
}

fn flask_cookie(r: &mut StdRng) -> Secret {
    let payload = json!({"_user_id": r.random_range(1..99999).to_string(), "_fresh": true, "csrf_token": from_set(r, HEX, 40)});
    Secret::whole(format!(
        "{}.{}.{}",
        b64url(payload.to_string().as_bytes()),
        from_set(r, B64URL, 6),
        from_set(r, B64URL, 27)
    ))
}
fn n_prefs_cookie(r: &mut StdRng) -> String {
    let p = json!({"theme": pick(r, &["dark", "light"]), "lang": pick(r, &["en", "de", "pt-BR"]), "tz": "Europe/Lisbon"});
    b64url(p.to_string().as_bytes())
}

fn django_secret(r: &mut StdRng) -> Secret {
    let body = from_set(r, "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50);
    Secret::whole(if r.random_bool(0.4) {
        format!("django-insecure-{body}")
    } else {
        body
    })
}
fn n_git_describe(r: &mut StdRng) -> String {
    format!(
        "v{}.{}.{}-{}-g{}",
        r.random_range(1..6),
        r.random_range(0..30),
        r.random_range(0..20),
        r.random_range(1..200),
        from_set(r, HEX, 12)
    )
}

fn laravel_key(r: &mut StdRng) -> Secret {
    Secret::whole(format!("base64:{}", b64(&bytes(r, 32))))
}
fn n_sri(r: &mut StdRng) -> String {
    format!("sha384-{}", b64(&bytes(r, 48)))
}

fn secret_key_base(r: &mut StdRng) -> Secret {
    Secret::whole(from_set(r, HEX, 128))
}
fn n_sha512(r: &mut StdRng) -> String {
    from_set(r, HEX, 128)
}

fn scram(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "SCRAM-SHA-256$4096:{}${}:{}",
        b64(&bytes(r, 16)),
        b64(&bytes(r, 32)),
        b64(&bytes(r, 32))
    ))
}
fn n_scram_first(r: &mut StdRng) -> String {
    format!("n,,n=app_user,r={}", b64(&bytes(r, 18)))
}

fn maven_encrypted(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{{{}}}", b64(&bytes(r, 32))))
}
fn n_clsid(r: &mut StdRng) -> String {
    format!("{{{}}}", uuid(r).to_uppercase())
}

fn npmrc_auth(r: &mut StdRng) -> Secret {
    let user = pick(r, &["ci-bot", "deploy", "jenkins", "mwalker"]);
    let pw = human_password(r);
    let enc = b64(format!("{user}:{pw}").as_bytes());
    Secret {
        text: enc.clone(),
        hide: vec![enc, pw],
    }
}
fn n_b64_meta(r: &mut StdRng) -> String {
    b64(format!("registry-mirror:{}:enabled", r.random_range(1..99)).as_bytes())
}

fn app_password(r: &mut StdRng) -> Secret {
    let g: Vec<String> = (0..4).map(|_| from_set(r, LOWER, 4)).collect();
    Secret::whole(g.join(pick(r, &["-", " "])))
}
fn n_slug(r: &mut StdRng) -> String {
    let g: Vec<String> = (0..4).map(|_| from_set(r, LOWER, 4)).collect();
    g.join("-")
}

fn recovery_codes(r: &mut StdRng) -> Secret {
    let codes: Vec<String> = (0..10)
        .map(|_| {
            format!(
                "{}-{}",
                from_set(r, LOWER_NUM, 5),
                from_set(r, LOWER_NUM, 5)
            )
        })
        .collect();
    Secret {
        text: codes.join(pick(r, &["\n", " ", ", "])),
        hide: codes,
    }
}
fn n_short_shas(r: &mut StdRng) -> String {
    (0..10)
        .map(|_| from_set(r, HEX, 7))
        .collect::<Vec<_>>()
        .join(" ")
}

fn mysql_hash(r: &mut StdRng) -> Secret {
    Secret::whole(format!("*{}", from_set(r, UHEX, 40)))
}
fn n_sha1_upper(r: &mut StdRng) -> String {
    from_set(r, UHEX, 40)
}

// ---- identifiers -------------------------------------------------------

fn id_nik(r: &mut StdRng) -> Secret {
    let (d, m, y) = birth(r);
    let d = if r.random_bool(0.5) { d + 40 } else { d };
    Secret::whole(format!(
        "{}{}{}{}{}{}{}",
        pick(r, &["31", "32", "33", "35", "51", "73"]),
        d2(r.random_range(1..30)),
        d2(r.random_range(1..40)),
        d2(d),
        d2(m),
        d2(y),
        join(&digits(r, 4))
    ))
}
fn n_nik(r: &mut StdRng) -> String {
    format!("3{}74{}", join(&digits(r, 5)), join(&digits(r, 8)))
}

fn vn_cccd(r: &mut StdRng) -> Secret {
    let (_, _, y) = birth(r);
    let g = if y >= 2000 { 2 } else { 0 } + r.random_range(0..2);
    Secret::whole(format!(
        "0{}{g}{}{}",
        d2(r.random_range(1..97)),
        d2(y),
        join(&digits(r, 6))
    ))
}
fn n_vn_tracking(r: &mut StdRng) -> String {
    format!("8{}", join(&digits(r, 11)))
}

fn mykad(r: &mut StdRng) -> Secret {
    let (d, m, y) = birth(r);
    let pb = pick(
        r,
        &[
            "01", "02", "05", "07", "08", "10", "12", "14", "21", "30", "52",
        ],
    );
    Secret::whole(format!(
        "{}{}{}-{pb}-{}",
        d2(y),
        d2(m),
        d2(d),
        join(&digits(r, 4))
    ))
}
fn n_mykad(r: &mut StdRng) -> String {
    format!(
        "{}{}{}-00-{}",
        d2(r.random_range(0..100)),
        r.random_range(13..20),
        d2(r.random_range(32..40)),
        join(&digits(r, 4))
    )
}

fn philsys(r: &mut StdRng) -> Secret {
    let d = join(&digits(r, 16));
    Secret::whole(format!(
        "{}-{}-{}-{}",
        &d[..4],
        &d[4..8],
        &d[8..12],
        &d[12..]
    ))
}
fn n_serial16(r: &mut StdRng) -> String {
    loop {
        let d = digits(r, 16);
        if luhn_digit(&d[..15]) != d[15] {
            let s = join(&d);
            return format!("{}-{}-{}-{}", &s[..4], &s[4..8], &s[8..12], &s[12..]);
        }
    }
}

fn ng_bvn(r: &mut StdRng) -> Secret {
    Secret::whole(if r.random_bool(0.5) {
        format!("22{}", join(&digits(r, 9)))
    } else {
        join(&digits(r, 11))
    })
}
fn n_digits11(r: &mut StdRng) -> String {
    format!("9{}", join(&digits(r, 10)))
}

fn kra_pin(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}{}{}",
        pick(r, &["A", "P"]),
        join(&digits(r, 9)),
        from_set(r, UPPER, 1)
    ))
}
fn n_part_no(r: &mut StdRng) -> String {
    format!("B{}{}", join(&digits(r, 9)), from_set(r, UPPER, 1))
}

/// The Egyptian national id's last digit as the open-source validators
/// compute it (the issuer publishes no scheme).
fn eg_check(d: &[u32]) -> u32 {
    let s = weighted(d, &[2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    (11 - s % 11) % 10
}
fn eg_id_core(r: &mut StdRng) -> Vec<u32> {
    let (d, m, y) = birth(r);
    let century = if y >= 2000 { 3 } else { 2 };
    let gov = *[1u32, 2, 3, 4, 12, 13, 14, 21, 88]
        .get(r.random_range(0..9))
        .unwrap_or(&1);
    num(&format!(
        "{century}{}{}{}{}{}",
        d2(y),
        d2(m),
        d2(d),
        d2(gov),
        join(&digits(r, 4))
    ))
}
fn egypt_id(r: &mut StdRng) -> Secret {
    let mut d = eg_id_core(r);
    d.push(eg_check(&d));
    Secret::whole(join(&d))
}
fn n_egypt(r: &mut StdRng) -> String {
    let mut d = eg_id_core(r);
    let c = eg_check(&d);
    d.push(fix(r, c, false));
    join(&d)
}

fn saudi_core(r: &mut StdRng, first: u32, ok: bool) -> String {
    let mut d = vec![first];
    d.extend(digits(r, 8));
    let c = luhn_digit(&d);
    d.push(fix(r, c, ok));
    join(&d)
}
fn saudi_id(r: &mut StdRng) -> Secret {
    let f = r.random_range(1..3);
    Secret::whole(saudi_core(r, f, true))
}
fn n_saudi(r: &mut StdRng) -> String {
    let f = r.random_range(1..3);
    saudi_core(r, f, false)
}

fn cnic(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}{}-{}-{}",
        r.random_range(1..8),
        join(&digits(r, 4)),
        join(&digits(r, 7)),
        r.random_range(0..10)
    ))
}
fn n_cnic(r: &mut StdRng) -> String {
    format!(
        "0{}-{}-{}",
        join(&digits(r, 4)),
        join(&digits(r, 7)),
        r.random_range(0..10)
    )
}

fn melli_core(r: &mut StdRng, ok: bool) -> String {
    let d = digits(r, 9);
    let s = weighted(&d, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    let c = if s < 2 { s } else { 11 - s };
    format!("{}{}", join(&d), fix(r, c, ok))
}
fn melli(r: &mut StdRng) -> Secret {
    Secret::whole(melli_core(r, true))
}
fn n_melli(r: &mut StdRng) -> String {
    melli_core(r, false)
}

fn uy_core(r: &mut StdRng, ok: bool) -> String {
    let d = num(&format!("{}{}", r.random_range(1..7), join(&digits(r, 6))));
    let c = (10 - weighted(&d, &[2, 9, 8, 7, 6, 3, 4]) % 10) % 10;
    let s = join(&d);
    format!("{}.{}.{}-{}", &s[..1], &s[1..4], &s[4..], fix(r, c, ok))
}
fn uy_ci(r: &mut StdRng) -> Secret {
    Secret::whole(uy_core(r, true))
}
fn n_uy(r: &mut StdRng) -> String {
    uy_core(r, false)
}

fn pis_core(r: &mut StdRng, ok: bool) -> String {
    let mut d = vec![1, 2];
    d.extend(digits(r, 8));
    let s = 11 - weighted(&d, &[3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    let c = if s >= 10 { 0 } else { s };
    let t = format!("{}{}", join(&d), fix(r, c, ok));
    format!("{}.{}.{}-{}", &t[..3], &t[3..8], &t[8..10], &t[10..])
}
fn br_pis(r: &mut StdRng) -> Secret {
    Secret::whole(pis_core(r, true))
}
fn n_pis(r: &mut StdRng) -> String {
    pis_core(r, false)
}

fn gstin_core(r: &mut StdRng, ok: bool) -> String {
    const A: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let body = format!(
        "{}{}{}{}{}{}Z",
        d2(r.random_range(1..38)),
        from_set(r, UPPER, 3),
        pick(r, &["P", "P", "C", "F"]),
        from_set(r, UPPER, 1),
        join(&digits(r, 4)),
        from_set(r, UPPER, 1)
    );
    let body = format!("{}{}{}", &body[..12], r.random_range(1..10), &body[12..]);
    let mut sum = 0;
    for (i, c) in body.chars().enumerate() {
        let v = A.find(c).unwrap_or(0) as u32 * if i % 2 == 0 { 1 } else { 2 };
        sum += v / 36 + v % 36;
    }
    let mut c = ((36 - sum % 36) % 36) as usize;
    if !ok {
        c = (c + r.random_range(1..36)) % 36;
    }
    format!("{body}{}", &A[c..c + 1])
}
fn gstin(r: &mut StdRng) -> Secret {
    Secret::whole(gstin_core(r, true))
}
fn n_gstin(r: &mut StdRng) -> String {
    gstin_core(r, false)
}

fn epic(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{}{}", from_set(r, UPPER, 3), join(&digits(r, 7))))
}
fn n_sku(r: &mut StdRng) -> String {
    format!("{}{}", from_set(r, UPPER, 3), join(&digits(r, 7)))
}

fn upi(r: &mut StdRng) -> Secret {
    let handle = match r.random_range(0..3) {
        0 => join(&{
            let mut d = vec![r.random_range(6..10)];
            d.extend(digits(r, 9));
            d
        }),
        1 => format!(
            "{}.{}",
            pick(r, &["priya", "arjun", "kavya", "rahul", "sneha"]),
            pick(r, &["iyer", "nair", "sharma", "reddy", "das"])
        ),
        _ => format!(
            "{}{}",
            pick(r, &["ravi", "meena", "anil"]),
            r.random_range(10..999)
        ),
    };
    let psp = pick(
        r,
        &[
            "okhdfcbank",
            "ybl",
            "paytm",
            "oksbi",
            "ibl",
            "axl",
            "okicici",
        ],
    );
    Secret::whole(format!("{handle}@{psp}"))
}
fn n_user_host(r: &mut StdRng) -> String {
    format!("deploy@build-{:02}", r.random_range(1..64))
}

const EIN_PREFIXES: &[&str] = &[
    "01", "04", "10", "12", "20", "22", "27", "30", "33", "36", "41", "45", "46", "52", "56", "61",
    "65", "71", "74", "81", "84", "86", "88", "91", "94", "98",
];
fn ein(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{}-{}", pick(r, EIN_PREFIXES), join(&digits(r, 7))))
}
fn n_ein(r: &mut StdRng) -> String {
    format!(
        "{}-{}",
        pick(
            r,
            &[
                "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89",
                "96", "97"
            ]
        ),
        join(&digits(r, 7))
    )
}

fn mbi_core(r: &mut StdRng, ok: bool) -> String {
    const ALPHA: &str = "ACDEFGHJKMNPQRTUVWXY";
    const AN: &str = "ACDEFGHJKMNPQRTUVWXY0123456789";
    let bad = "SLOIBZ";
    let a = |r: &mut StdRng| {
        if ok {
            from_set(r, ALPHA, 1)
        } else {
            from_set(r, bad, 1)
        }
    };
    let p1 = r.random_range(1..10);
    let s = format!(
        "{p1}{}{}{}",
        a(r),
        from_set(r, AN, 1),
        r.random_range(0..10)
    );
    let t = format!("{}{}{}", a(r), from_set(r, AN, 1), r.random_range(0..10));
    let u = format!("{}{}{}", a(r), a(r), join(&digits(r, 2)));
    if r.random_bool(0.5) {
        format!("{s}-{t}-{u}")
    } else {
        format!("{s}{t}{u}")
    }
}
fn mbi(r: &mut StdRng) -> Secret {
    Secret::whole(mbi_core(r, true))
}
fn n_mbi(r: &mut StdRng) -> String {
    mbi_core(r, false)
}

fn ohip_core(r: &mut StdRng, ok: bool) -> String {
    let mut d = vec![r.random_range(1..10)];
    d.extend(digits(r, 8));
    let c = luhn_digit(&d);
    d.push(fix(r, c, ok));
    let s = join(&d);
    format!(
        "{}-{}-{}-{}",
        &s[..4],
        &s[4..7],
        &s[7..],
        from_set(r, UPPER, 2)
    )
}
fn ohip(r: &mut StdRng) -> Secret {
    let s = ohip_core(r, true);
    Secret {
        hide: vec![s.clone(), s[..12].to_owned()],
        text: s,
    }
}
fn n_ohip(r: &mut StdRng) -> String {
    ohip_core(r, false)
}

fn nhi_core(r: &mut StdRng, ok: bool) -> String {
    const L: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    loop {
        let letters = from_set(r, L, 3);
        let d = digits(r, 3);
        let mut sum = 0;
        for (i, c) in letters.chars().enumerate() {
            sum += (L.find(c).unwrap_or(0) as u32 + 1) * (7 - i as u32);
        }
        sum += weighted(&d, &[4, 3, 2]);
        let m = sum % 11;
        if m == 0 {
            continue;
        }
        let c = (11 - m) % 10;
        return format!("{letters}{}{}", join(&d), fix(r, c, ok));
    }
}
fn nhi(r: &mut StdRng) -> Secret {
    Secret::whole(nhi_core(r, true))
}
fn n_nhi(r: &mut StdRng) -> String {
    nhi_core(r, false)
}

fn zairyu(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}{}{}",
        from_set(r, UPPER, 2),
        join(&digits(r, 8)),
        from_set(r, UPPER, 2)
    ))
}
fn n_model_no(r: &mut StdRng) -> String {
    format!(
        "{}{}{}",
        from_set(r, UPPER, 2),
        join(&digits(r, 8)),
        from_set(r, UPPER, 2)
    )
}

// ---- personal data that is not a number ---------------------------------

fn uk_address(r: &mut StdRng) -> Secret {
    let n = name(r);
    let street = format!(
        "{} {}",
        r.random_range(2..240),
        pick(
            r,
            &[
                "Albion Road",
                "Cranbrook Park",
                "Whitehall Lane",
                "Mafeking Avenue",
                "Gloucester Crescent"
            ]
        )
    );
    let (town, district) = *[
        ("London", "N16"),
        ("London", "SW9"),
        ("Leeds", "LS6"),
        ("Manchester", "M14"),
        ("Bristol", "BS3"),
        ("Edinburgh", "EH7"),
        ("Cardiff", "CF24"),
    ]
    .get(r.random_range(0..7))
    .unwrap_or(&("Leeds", "LS6"));
    let pc = format!(
        "{district} {}{}",
        r.random_range(1..10),
        from_set(r, "ABDEFGHJLNPQRSTUWXYZ", 2)
    );
    Secret {
        text: format!("{n}, Flat {}, {street}, {town} {pc}", r.random_range(1..9)),
        hide: vec![n, street],
    }
}
fn n_store(r: &mut StdRng) -> String {
    format!(
        "Tesco Express store {}, {} {}",
        r.random_range(1000..9999),
        pick(r, &["N16", "SW9", "LS6"]),
        pick(r, &["London", "Leeds"])
    )
}

fn us_address(r: &mut StdRng) -> Secret {
    let n = name(r);
    let street = format!(
        "{} {} {}",
        r.random_range(100..9999),
        pick(
            r,
            &[
                "N Elm St",
                "W Grand Ave",
                "Oak Hollow Dr",
                "SE Division St",
                "Magnolia Blvd"
            ]
        ),
        pick(r, &["Apt 5B", "Unit 12", "#204", ""])
    )
    .trim_end()
    .to_owned();
    let (city, st, zip) = *[
        ("Springfield", "IL", "62704"),
        ("Portland", "OR", "97214"),
        ("Austin", "TX", "78704"),
        ("Savannah", "GA", "31401"),
    ]
    .get(r.random_range(0..4))
    .unwrap_or(&("Austin", "TX", "78704"));
    let plus4 = format!("{zip}-{}", join(&digits(r, 4)));
    Secret {
        text: format!("{n}\n{street}\n{city}, {st} {plus4}"),
        hide: vec![n, street, plus4],
    }
}
fn n_us_store(r: &mut StdRng) -> String {
    format!("Store #{} Springfield, IL 62704", r.random_range(100..9999))
}

fn ad_id(r: &mut StdRng) -> Secret {
    let u = uuid(r);
    Secret::whole(if r.random_bool(0.5) {
        u.to_uppercase()
    } else {
        u
    })
}
fn n_request_id(r: &mut StdRng) -> String {
    uuid(r)
}

fn udid(r: &mut StdRng) -> Secret {
    Secret::whole(if r.random_bool(0.5) {
        from_set(r, HEX, 40)
    } else {
        format!(
            "0000{}-{}",
            pick(r, &["8030", "8101", "8110", "8120"]),
            from_set(r, UHEX, 16)
        )
    })
}

fn biometric(r: &mut StdRng) -> Secret {
    let mut t = b"FMR\0 20\0".to_vec();
    let n = r.random_range(20..40);
    t.extend(((26 + n * 6) as u32).to_be_bytes());
    t.extend([0, 0, 1, 0x40, 1, 0xe0, 0, 197, 0, 197, 1, 0]);
    t.push(r.random_range(40..100));
    t.push(n as u8);
    t.extend(bytes(r, n * 6));
    t.extend([0, 0]);
    Secret::whole(b64(&t))
}
fn n_png_icon(r: &mut StdRng) -> String {
    let mut t = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x20\0\0\0\x20\x08\x06\0\0\0".to_vec();
    t.extend(bytes(r, 60));
    b64(&t)
}

fn dob(r: &mut StdRng) -> String {
    let (d, m, y) = birth(r);
    format!("{}/{}/{y}", d2(d), d2(m))
}

fn diagnosis(r: &mut StdRng) -> Secret {
    let n = name(r);
    let b = dob(r);
    let dx = pick(
        r,
        &[
            "F32.1 major depressive disorder, moderate",
            "B20 HIV disease",
            "O09.529 supervision of elderly multigravida",
            "F10.20 alcohol dependence, uncomplicated",
            "C50.912 malignant neoplasm of left breast",
        ],
    );
    Secret {
        text: format!("Patient: {n} (DOB {b}) — Dx: {dx}. Follow-up in 4 weeks."),
        hide: vec![n, b],
    }
}
fn n_dx_reference(r: &mut StdRng) -> String {
    format!(
        "Dx: E11.9 type 2 diabetes mellitus without complications (coding guideline rev. {})",
        r.random_range(2019..2026)
    )
}

fn salary(r: &mut StdRng) -> Secret {
    let n = name(r);
    Secret {
        text: format!(
            "{n} — base salary {}{},{:03}, bonus {}%, band L{}",
            pick(r, &["€", "$", "£", "₹"]),
            r.random_range(40..250),
            r.random_range(0..1000),
            r.random_range(0..30),
            r.random_range(2..8)
        ),
        hide: vec![n],
    }
}
fn n_salary_band(r: &mut StdRng) -> String {
    format!(
        "Band L{} — base salary range €{},000–€{},000",
        r.random_range(2..8),
        r.random_range(40..80),
        r.random_range(80..150)
    )
}

fn gpx(r: &mut StdRng) -> Secret {
    let lat0: f64 = r.random_range(-40.0..60.0);
    let lon0: f64 = r.random_range(-120.0..150.0);
    let (la, lo) = (format!("{lat0:.6}"), format!("{lon0:.6}"));
    let mut pts = vec![format!(
        "<trkpt lat=\"{la}\" lon=\"{lo}\"><time>2024-05-0{}T06:0{}:00Z</time></trkpt>",
        r.random_range(1..9),
        r.random_range(0..9)
    )];
    for i in 1..4 {
        pts.push(format!(
            "<trkpt lat=\"{:.6}\" lon=\"{:.6}\"><time>2024-05-01T06:1{i}:00Z</time></trkpt>",
            lat0 + 0.001 * f64::from(i),
            lon0 + 0.0013 * f64::from(i)
        ));
    }
    Secret {
        text: format!(
            "<gpx version=\"1.1\"><trk><name>Morning run</name><trkseg>{}</trkseg></trk></gpx>",
            pts.join("")
        ),
        hide: vec![la, lo],
    }
}
fn n_poi(r: &mut StdRng) -> String {
    pick(
        r,
        &[
            "52.516275,13.377704",
            "48.858370,2.294481",
            "40.689247,-74.044502",
            "-33.856784,151.215297",
        ],
    )
    .to_owned()
}

fn sip_uri(r: &mut StdRng) -> Secret {
    let (cc, n) = *[
        ("49", 10usize),
        ("44", 10),
        ("34", 9),
        ("91", 10),
        ("234", 10),
    ]
    .get(r.random_range(0..5))
    .unwrap_or(&("49", 10));
    let mut d = vec![r.random_range(6..10)];
    d.extend(digits(r, n - 1));
    let e164 = format!("+{cc}{}", join(&d));
    Secret {
        text: format!(
            "sip:{e164}@ims.mnc{:03}.mcc{}.3gppnetwork.org;user=phone",
            r.random_range(1..99),
            r.random_range(200..750)
        ),
        hide: vec![e164.trim_start_matches('+').to_owned()],
    }
}
fn n_sip_service(r: &mut StdRng) -> String {
    format!(
        "sip:voicemail@ims.mnc{:03}.mcc262.3gppnetwork.org",
        r.random_range(1..99)
    )
}

macro_rules! kind {
    ($name:expr, [$($l:expr),*], $self_id:expr, $g:expr, $n:expr, $nl:expr) => {
        Kind {
            name: $name,
            labels: &[$($l),*],
            self_identifying: $self_id,
            generate: $g,
            near: $n,
            near_label: $nl,
        }
    };
}

pub fn all() -> Vec<Kind> {
    vec![
        kind!(
            "twilio auth token",
            ["twilio auth token", "TWILIO_AUTH_TOKEN", "authToken"],
            false,
            twilio_auth,
            n_twilio_sid,
            "account sid"
        ),
        kind!(
            "airtable pat",
            [
                "airtable token",
                "AIRTABLE_API_KEY",
                "personal access token"
            ],
            true,
            airtable,
            n_airtable_base,
            "base id"
        ),
        kind!(
            "vault token (hvb., legacy s.)",
            ["VAULT_TOKEN", "X-Vault-Token", "vault token"],
            false,
            vault_token,
            n_vault_accessor,
            "accessor"
        ),
        kind!(
            "rubygems api key",
            ["GEM_HOST_API_KEY", "rubygems api key", ":rubygems_api_key"],
            true,
            rubygems,
            n_sha256,
            "sha256"
        ),
        kind!(
            "crates.io token",
            ["CARGO_REGISTRY_TOKEN", "registry token", "token"],
            true,
            crates_io,
            n_commit,
            "rev"
        ),
        kind!(
            "nuget api key",
            ["NUGET_API_KEY", "apikey", "nuget key"],
            true,
            nuget,
            n_content_hash,
            "contentHash"
        ),
        kind!(
            "fly.io token",
            ["FLY_API_TOKEN", "fly token", "Authorization"],
            true,
            fly_io,
            n_fly_machine,
            "machine"
        ),
        kind!(
            "render api key",
            ["RENDER_API_KEY", "render key", "api key"],
            true,
            render,
            n_render_srv,
            "service"
        ),
        kind!(
            "planetscale password/token",
            ["DATABASE_PASSWORD", "pscale password", "service token"],
            true,
            planetscale,
            n_pscale_branch,
            "branch id"
        ),
        kind!(
            "bitbucket app password",
            ["BITBUCKET_APP_PASSWORD", "app password", "bitbucket token"],
            true,
            bitbucket,
            n_commit,
            "commit"
        ),
        kind!(
            "asana pat",
            ["ASANA_ACCESS_TOKEN", "asana pat", "token"],
            true,
            asana,
            n_asana_gid,
            "task gid"
        ),
        kind!(
            "netlify token",
            ["NETLIFY_AUTH_TOKEN", "netlify token", "auth"],
            true,
            netlify,
            n_request_id,
            "site id"
        ),
        kind!(
            "cloudflare api token",
            ["CLOUDFLARE_API_TOKEN", "cf api token", "CF_API_TOKEN"],
            false,
            cloudflare_api,
            n_zone_id,
            "zone id"
        ),
        kind!(
            "algolia admin key",
            ["ALGOLIA_ADMIN_KEY", "admin api key", "X-Algolia-API-Key"],
            false,
            algolia_admin,
            n_algolia_app,
            "application id"
        ),
        kind!(
            "fcm legacy server key",
            ["FCM_SERVER_KEY", "server key", "Authorization: key"],
            true,
            fcm_server,
            n_fcm_sender,
            "sender id"
        ),
        kind!(
            "llm gateway key (groq, perplexity, xai, openrouter, pinecone)",
            [
                "GROQ_API_KEY",
                "OPENROUTER_API_KEY",
                "XAI_API_KEY",
                "api key"
            ],
            true,
            llm_gateway,
            n_llm_request,
            "request id"
        ),
        kind!(
            "azure devops pat",
            ["AZURE_DEVOPS_EXT_PAT", "System.AccessToken", "ado pat"],
            false,
            azure_devops_pat,
            n_ulid_lower,
            "trace"
        ),
        kind!(
            "salesforce session id",
            ["sessionId", "SF_ACCESS_TOKEN", "sid"],
            true,
            salesforce_session,
            n_salesforce_record,
            "account id"
        ),
        kind!(
            "ethereum keystore (ciphertext, mac)",
            ["keystore", "UTC--wallet.json", "keyfile"],
            true,
            eth_keystore,
            n_eth_address,
            "address"
        ),
        kind!(
            "bip38 encrypted key",
            ["bip38", "encrypted private key", "paper wallet"],
            true,
            bip38,
            n_btc_address,
            "address"
        ),
        kind!(
            "kerberos keytab (base64)",
            ["keytab", "krb5.keytab", "KRB5_KEYTAB_B64"],
            false,
            keytab,
            n_der_cert,
            "certificate der"
        ),
        kind!(
            "java keystore password (jvm args)",
            ["JAVA_OPTS", "jvm args", "command"],
            true,
            jks_password,
            n_jvm_flags,
            "jvm flags"
        ),
        kind!(
            "snmp community string",
            ["snmp", "poll command", "running-config"],
            true,
            snmp_community,
            n_snmp_v3,
            "poll command"
        ),
        kind!(
            "radius shared secret",
            ["clients.conf", "radius", "aaa config"],
            true,
            radius_secret,
            n_radius_client,
            "nas entry"
        ),
        kind!(
            "ipmi password",
            ["bmc", "oob command", "ipmi"],
            true,
            ipmi_password,
            n_ipmi_env,
            "oob command"
        ),
        kind!(
            "redis resp auth",
            ["redis wire", "resp frame", "tcpdump payload"],
            true,
            redis_resp_auth,
            n_redis_get,
            "resp frame"
        ),
        kind!(
            "oauth pkce verifier",
            ["code_verifier", "pkce verifier", "codeVerifier"],
            false,
            pkce_verifier,
            n_pkce_challenge,
            "code challenge"
        ),
        kind!(
            "oauth authorization code",
            ["redirect", "callback url", "location"],
            true,
            oauth_code,
            n_oauth_error,
            "redirect"
        ),
        kind!(
            "rails encrypted session cookie",
            ["_shop_session", "rails session", "session cookie value"],
            false,
            rails_cookie,
            n_rails_asset,
            "asset"
        ),
        kind!(
            "flask session cookie",
            ["session", "flask session", "Cookie: session"],
            false,
            flask_cookie,
            n_prefs_cookie,
            "prefs"
        ),
        kind!(
            "django secret key",
            ["SECRET_KEY", "DJANGO_SECRET_KEY", "secret key"],
            false,
            django_secret,
            n_git_describe,
            "build version"
        ),
        kind!(
            "laravel app key",
            ["APP_KEY", "app key", "laravel key"],
            true,
            laravel_key,
            n_sri,
            "integrity"
        ),
        kind!(
            "rails secret_key_base",
            ["SECRET_KEY_BASE", "secret_key_base", "rails master secret"],
            false,
            secret_key_base,
            n_sha512,
            "sha512"
        ),
        kind!(
            "postgres scram verifier",
            ["rolpassword", "pg_authid", "password verifier"],
            true,
            scram,
            n_scram_first,
            "client-first"
        ),
        kind!(
            "maven encrypted password",
            ["password", "settings.xml password", "master"],
            false,
            maven_encrypted,
            n_clsid,
            "clsid"
        ),
        kind!(
            "npmrc _auth",
            ["_auth", "npm auth", "NPM_AUTH"],
            false,
            npmrc_auth,
            n_b64_meta,
            "metadata"
        ),
        kind!(
            "app-specific password",
            ["app-specific password", "app password", "SMTP password"],
            false,
            app_password,
            n_slug,
            "build slug"
        ),
        kind!(
            "2fa recovery codes",
            [
                "recovery codes",
                "backup codes",
                "github-recovery-codes.txt"
            ],
            false,
            recovery_codes,
            n_short_shas,
            "commits"
        ),
        kind!(
            "mysql native password hash",
            [
                "authentication_string",
                "password hash",
                "mysql_native_password"
            ],
            false,
            mysql_hash,
            n_sha1_upper,
            "sha1"
        ),
        kind!(
            "indonesian nik",
            ["NIK", "nomor induk kependudukan", "no KTP"],
            false,
            id_nik,
            n_nik,
            "invoice number"
        ),
        kind!(
            "vietnamese cccd",
            ["CCCD", "căn cước công dân", "số định danh cá nhân"],
            false,
            vn_cccd,
            n_vn_tracking,
            "mã vận đơn"
        ),
        kind!(
            "malaysian mykad",
            ["IC", "MyKad", "no. kad pengenalan"],
            true,
            mykad,
            n_mykad,
            "ref"
        ),
        kind!(
            "philippine philsys number",
            ["PhilSys number", "PSN", "PhilID"],
            false,
            philsys,
            n_serial16,
            "serial"
        ),
        kind!(
            "nigerian bvn / nin",
            ["BVN", "NIN", "bank verification number"],
            false,
            ng_bvn,
            n_digits11,
            "order no"
        ),
        kind!(
            "kenyan kra pin",
            ["KRA PIN", "tax pin", "PIN no"],
            false,
            kra_pin,
            n_part_no,
            "part number"
        ),
        kind!(
            "egyptian national id",
            ["الرقم القومي", "national id", "NID"],
            false,
            egypt_id,
            n_egypt,
            "ref"
        ),
        kind!(
            "saudi national id / iqama",
            ["رقم الهوية", "iqama", "national id"],
            false,
            saudi_id,
            n_saudi,
            "ref"
        ),
        kind!(
            "pakistani cnic",
            ["CNIC", "شناختی کارڈ نمبر", "NIC"],
            true,
            cnic,
            n_cnic,
            "ref"
        ),
        kind!(
            "iranian national code",
            ["کد ملی", "national code", "melli code"],
            false,
            melli,
            n_melli,
            "tracking"
        ),
        kind!(
            "uruguayan cedula",
            ["CI", "cédula de identidad", "documento"],
            false,
            uy_ci,
            n_uy,
            "ref"
        ),
        kind!(
            "brazilian pis/pasep",
            ["PIS", "NIT", "PIS/PASEP"],
            false,
            br_pis,
            n_pis,
            "protocolo"
        ),
        kind!(
            "indian gstin",
            ["GSTIN", "GST no", "gst number"],
            true,
            gstin,
            n_gstin,
            "ref"
        ),
        kind!(
            "indian voter id (epic)",
            ["EPIC no", "voter id", "मतदाता पहचान पत्र संख्या"],
            false,
            epic,
            n_sku,
            "sku"
        ),
        kind!(
            "upi id",
            ["UPI", "VPA", "pay to"],
            true,
            upi,
            n_user_host,
            "host login"
        ),
        kind!(
            "us ein",
            ["EIN", "FEIN", "employer identification number"],
            false,
            ein,
            n_ein,
            "ref"
        ),
        kind!(
            "us medicare mbi",
            ["MBI", "medicare number", "medicare beneficiary identifier"],
            false,
            mbi,
            n_mbi,
            "part no"
        ),
        kind!(
            "ontario health card",
            ["health card", "OHIP", "health number"],
            false,
            ohip,
            n_ohip,
            "ref"
        ),
        kind!(
            "nz nhi number",
            ["NHI", "NHI number", "national health index"],
            false,
            nhi,
            n_nhi,
            "ref"
        ),
        kind!(
            "japanese residence card",
            ["在留カード番号", "residence card no", "zairyu card"],
            false,
            zairyu,
            n_model_no,
            "model number"
        ),
        kind!(
            "uk address with postcode",
            ["address", "delivery address", "ship to"],
            false,
            uk_address,
            n_store,
            "store"
        ),
        kind!(
            "us address with zip+4",
            ["address", "mailing address", "bill to"],
            false,
            us_address,
            n_us_store,
            "store"
        ),
        kind!(
            "advertising id (idfa/gaid)",
            ["idfa", "advertising_id", "gaid"],
            false,
            ad_id,
            n_request_id,
            "request id"
        ),
        kind!(
            "apple device udid",
            ["UDID", "device udid", "device identifier"],
            false,
            udid,
            n_commit,
            "commit"
        ),
        kind!(
            "biometric template (base64)",
            ["fingerprint template", "biometric_template", "minutiae"],
            false,
            biometric,
            n_png_icon,
            "icon"
        ),
        kind!(
            "diagnosis next to patient name",
            ["clinical note", "note", "summary"],
            true,
            diagnosis,
            n_dx_reference,
            "reference"
        ),
        kind!(
            "salary next to a name",
            ["hr note", "comp review", "comment"],
            true,
            salary,
            n_salary_band,
            "policy"
        ),
        kind!(
            "gpx track from home",
            ["track", "gpx", "run.gpx"],
            true,
            gpx,
            n_poi,
            "poi"
        ),
        kind!(
            "sip uri with msisdn",
            ["contact", "P-Asserted-Identity", "from"],
            true,
            sip_uri,
            n_sip_service,
            "route"
        ),
    ]
}
