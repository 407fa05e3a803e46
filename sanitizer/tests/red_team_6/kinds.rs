//! What the sixth corpus hides: credentials the earlier corpora do not
//! hold (CI systems, observability and SaaS keys, cloud secrets in their
//! own config files, database and queue credentials in driver-specific
//! forms, signing keys and keysets, stored passwords of desktop clients
//! and network gear, password-manager machine tokens), identifiers of
//! countries they leave out (Mexico's RFC, Colombia, Peru, Venezuela, the
//! Dominican Republic, Poland's REGON, Lithuania, Hungary, Germany's
//! pension and health insurance numbers, Portugal's Cartão de Cidadão,
//! Kazakhstan, Ukraine, British Columbia, Sri Lanka, the EHIC, USCIS
//! A-numbers) and personal data that is not a number (addresses in
//! Japanese and Cyrillic script, a prescription, a special-category fact
//! or a birth date in words next to a name). Where an issuer publishes no
//! check digit (Sri Lankan NIC, EHIC, A-number), the identifier follows
//! the documented structure only. Each kind has a near-miss of the same
//! look: a failing check digit, the public counterpart (a public JWK or
//! keyset, a minisign public key, a client id) or a value only its label
//! tells apart.

use crate::scoring::corpus::{Kind, Secret};
use rand::Rng;
use rand::rngs::StdRng;

use super::r#gen::{
    ALNUM, B64URL, HEX, LOWER, LOWER_NUM, UHEX, UPPER, UPPER_NUM, b64, b64url, birth, bytes, d2,
    day_of_year, days_from_civil, digits, fix, from_set, join, luhn_digit, name, num, pick, uuid,
    weighted,
};

fn password(r: &mut StdRng) -> String {
    let w = pick(
        r,
        &[
            "Lantern", "cobalt", "Meadow", "quartz", "Nimbus", "walrus", "Juniper", "ferry",
        ],
    );
    let w2 = pick(r, &["Storm", "otter", "Cedar", "plum", "Rook", "dune"]);
    format!(
        "{w}{}{w2}{}",
        pick(r, &["!", "#", "_", ".", "@", "%", "+"]),
        r.random_range(10..9999)
    )
}

// ---- CI systems --------------------------------------------------------

fn buildkite(r: &mut StdRng) -> Secret {
    Secret::whole(format!("bkua_{}", from_set(r, HEX, 40)))
}
fn n_buildkite_build(r: &mut StdRng) -> String {
    uuid(r)
}

fn circleci(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "CCIPAT_{}_{}",
        from_set(r, ALNUM, 22),
        from_set(r, HEX, 40)
    ))
}
fn n_circleci_pipeline(r: &mut StdRng) -> String {
    format!("gh/acme/api/{}", r.random_range(1000..99999))
}

fn gitlab_ci(r: &mut StdRng) -> Secret {
    Secret::whole(match r.random_range(0..3) {
        0 => format!("glcbt-64_{}", from_set(r, B64URL, 20)),
        1 => format!("GR1348941{}", from_set(r, B64URL, 20)),
        _ => format!("glptt-{}", from_set(r, HEX, 40)),
    })
}
fn n_gitlab_pipeline(r: &mut StdRng) -> String {
    format!("pipeline #{}", r.random_range(100_000_000..999_999_999u64))
}

fn jenkins_api(r: &mut StdRng) -> Secret {
    Secret::whole(format!("11{}", from_set(r, HEX, 32)))
}
fn n_hex40(r: &mut StdRng) -> String {
    from_set(r, HEX, 40)
}

fn jenkins_xml(r: &mut StdRng) -> Secret {
    let mut b = vec![1u8, 0, 0, 0, 16, 0, 0, 0];
    let n = 16 + 16 * r.random_range(1..3);
    b.extend(bytes(r, n));
    let v = format!("{{{}}}", b64(&b));
    Secret::part(
        format!("<secret>{v}</secret>"),
        vec![v.trim_matches(['{', '}']).to_owned()],
    )
}
fn n_braced_guid(r: &mut StdRng) -> String {
    format!("{{{}}}", uuid(r).to_uppercase())
}

fn teamcity(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "eyJ0eXAiOiAiVENWMiJ9.{}.{}",
        from_set(r, B64URL, 36),
        from_set(r, B64URL, 48)
    ))
}
fn n_teamcity_build(r: &mut StdRng) -> String {
    format!("Acme_Api_Build_{}", from_set(r, UPPER, 6))
}

// ---- observability and SaaS --------------------------------------------

fn dynatrace(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "dt0c01.{}.{}",
        from_set(r, UPPER_NUM, 24),
        from_set(r, UPPER_NUM, 64)
    ))
}
fn n_dynatrace_entity(r: &mut StdRng) -> String {
    format!("HOST-{}", from_set(r, UHEX, 16))
}

fn launchdarkly(r: &mut StdRng) -> Secret {
    Secret::whole(format!("{}{}", pick(r, &["sdk-", "api-", "mob-"]), uuid(r)))
}
fn n_ld_client_side(r: &mut StdRng) -> String {
    from_set(r, HEX, 24)
}

fn saas_keys(r: &mut StdRng) -> Secret {
    Secret::whole(match r.random_range(0..4) {
        0 => format!("tfp_{}_{}", from_set(r, ALNUM, 44), from_set(r, ALNUM, 14)),
        1 => format!("pnu_{}", from_set(r, ALNUM, 36)),
        2 => format!("rdme_{}", from_set(r, LOWER_NUM, 70)),
        _ => format!("aio_{}", from_set(r, ALNUM, 28)),
    })
}
fn n_saas_ids(r: &mut StdRng) -> String {
    match r.random_range(0..2) {
        0 => format!("form_{}", from_set(r, ALNUM, 8)),
        _ => format!("flow-run-{}", uuid(r)),
    }
}

fn pagerduty_routing(r: &mut StdRng) -> Secret {
    Secret::whole(if r.random_bool(0.5) {
        from_set(r, HEX, 32)
    } else {
        format!("R0{}", from_set(r, UPPER_NUM, 30))
    })
}
fn n_pd_service(r: &mut StdRng) -> String {
    format!("P{}", from_set(r, UPPER_NUM, 6))
}

fn webex_bot(r: &mut StdRng) -> Secret {
    Secret::whole(format!(
        "{}_{}_{}",
        from_set(r, ALNUM, 64),
        pick(r, &["PF84", "PE93", "P0A1"]),
        uuid(r)
    ))
}
fn n_webex_room(r: &mut StdRng) -> String {
    b64(format!("ciscospark://us/ROOM/{}", uuid(r)).as_bytes())
        .trim_end_matches('=')
        .to_owned()
}

fn bitwarden_infisical(r: &mut StdRng) -> Secret {
    Secret::whole(if r.random_bool(0.5) {
        format!(
            "0.{}.{}:{}",
            uuid(r),
            from_set(r, ALNUM, 30),
            b64(&bytes(r, 16))
        )
    } else {
        format!(
            "st.{}.{}.{}",
            uuid(r),
            from_set(r, HEX, 32),
            from_set(r, HEX, 32)
        )
    })
}
fn n_org_uuid(r: &mut StdRng) -> String {
    uuid(r)
}

fn consul_acl(r: &mut StdRng) -> Secret {
    Secret::whole(uuid(r))
}

fn amazon_mws(r: &mut StdRng) -> Secret {
    Secret::whole(format!("amzn.mws.{}", uuid(r)))
}
fn n_lwa_client(r: &mut StdRng) -> String {
    format!("amzn1.application-oa2-client.{}", from_set(r, HEX, 32))
}

fn yandex(r: &mut StdRng) -> Secret {
    Secret::whole(if r.random_bool(0.5) {
        format!("AQVN{}", from_set(r, B64URL, 35))
    } else {
        format!("t1.9euelZq{}", from_set(r, B64URL, 120))
    })
}
fn n_yc_folder(r: &mut StdRng) -> String {
    format!("b1g{}", from_set(r, LOWER_NUM, 17))
}

// ---- cloud secrets in their config files ----------------------------------

fn scaleway(r: &mut StdRng) -> Secret {
    let s = uuid(r);
    Secret::part(
        format!(
            "access_key: SCW{}\nsecret_key: {s}\ndefault_organization_id: {}\ndefault_region: fr-par\n",
            from_set(r, UPPER_NUM, 17),
            uuid(r)
        ),
        vec![s],
    )
}
fn n_scw_project(r: &mut StdRng) -> String {
    format!("default_project_id: {}", uuid(r))
}

fn oci_config(r: &mut StdRng) -> Secret {
    let p = password(r);
    Secret::part(
        format!(
            "[DEFAULT]\nuser=ocid1.user.oc1..aaaa{}\nfingerprint={}\nkey_file=~/.oci/oci_api_key.pem\npass_phrase={p}\ntenancy=ocid1.tenancy.oc1..aaaa{}\nregion=eu-frankfurt-1\n",
            from_set(r, LOWER_NUM, 52),
            (0..16)
                .map(|_| from_set(r, HEX, 2))
                .collect::<Vec<_>>()
                .join(":"),
            from_set(r, LOWER_NUM, 52)
        ),
        vec![p],
    )
}
fn n_oci_ocid(r: &mut StdRng) -> String {
    format!("ocid1.compartment.oc1..aaaa{}", from_set(r, LOWER_NUM, 52))
}

fn cosmos(r: &mut StdRng) -> Secret {
    let k = format!("{}==", from_set(r, ALNUM, 86));
    Secret::part(
        format!(
            "AccountEndpoint=https://acme-{}.documents.azure.com:443/;AccountKey={k};Database=orders;",
            from_set(r, LOWER, 6)
        ),
        vec![k],
    )
}
fn n_cosmos_endpoint(r: &mut StdRng) -> String {
    format!(
        "AccountEndpoint=https://acme-{}.documents.azure.com:443/;Database=orders;",
        from_set(r, LOWER, 6)
    )
}

fn es_api_key(r: &mut StdRng) -> Secret {
    let id = from_set(r, B64URL, 20);
    let key = from_set(r, B64URL, 22);
    let enc = b64(format!("{id}:{key}").as_bytes());
    Secret::part(enc.clone(), vec![enc, key])
}
fn n_es_cloud_id(r: &mut StdRng) -> String {
    format!(
        "prod-search:{}",
        b64(format!(
            "eu-west-1.aws.found.io${}${}",
            from_set(r, HEX, 32),
            from_set(r, HEX, 32)
        )
        .as_bytes())
    )
}

// ---- database and queue credentials in driver-specific forms --------------

fn kafka_jaas(r: &mut StdRng) -> Secret {
    let p = if r.random_bool(0.5) {
        password(r)
    } else {
        from_set(r, ALNUM, 64)
    };
    let module = pick(
        r,
        &[
            "org.apache.kafka.common.security.plain.PlainLoginModule",
            "org.apache.kafka.common.security.scram.ScramLoginModule",
        ],
    );
    Secret::part(
        format!(
            "{module} required username=\"{}\" password=\"{p}\";",
            from_set(r, UPPER_NUM, 16)
        ),
        vec![p],
    )
}
fn n_kafka_krb(r: &mut StdRng) -> String {
    format!(
        "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/security/keytabs/kafka-{}.keytab\" principal=\"kafka/broker@ACME.LOCAL\";",
        r.random_range(1..9)
    )
}

fn oracle_ezconnect(r: &mut StdRng) -> Secret {
    let p = password(r);
    Secret::part(
        format!(
            "{}/{p}@//ora-{}.acme.internal:1521/ORCLPDB1",
            pick(r, &["scott", "app_rw", "etl_user", "system"]),
            r.random_range(1..9)
        ),
        vec![p],
    )
}
fn n_oracle_tns(r: &mut StdRng) -> String {
    format!("//ora-{}.acme.internal:1521/ORCLPDB1", r.random_range(1..9))
}

fn libpq_conninfo(r: &mut StdRng) -> Secret {
    let p = password(r);
    Secret::part(
        format!(
            "host=pg-{}.acme.internal port=5432 dbname=orders user=app password={p} sslmode=require",
            r.random_range(1..9)
        ),
        vec![p],
    )
}
fn n_libpq(r: &mut StdRng) -> String {
    format!(
        "host=pg-{}.acme.internal port=5432 dbname=orders user=app sslmode=verify-full",
        r.random_range(1..9)
    )
}

fn db_cli_flag(r: &mut StdRng) -> Secret {
    let p = password(r);
    let t = match r.random_range(0..3) {
        0 => format!("cqlsh -u cassandra -p '{p}' cass-1.acme.internal 9042"),
        1 => format!("clickhouse-client --host ch.acme.internal --user default --password '{p}'"),
        _ => format!("mongosh \"mongodb://db.acme.internal/admin\" -u root -p '{p}'"),
    };
    Secret::part(t, vec![p])
}
fn n_db_cli(r: &mut StdRng) -> String {
    format!(
        "clickhouse-client --host ch-{}.acme.internal --user default --ask-password",
        r.random_range(1..9)
    )
}

// ---- keys, keysets and passphrases -----------------------------------------

fn key_passphrase_cmd(r: &mut StdRng) -> Secret {
    let p = password(r);
    let t = match r.random_range(0..3) {
        0 => format!("gpg --batch --pinentry-mode loopback --passphrase '{p}' -d backup.tar.gpg"),
        1 => format!("ssh-keygen -t ed25519 -N '{p}' -f ~/.ssh/deploy_ed25519"),
        _ => format!("openssl rsa -in server.key -passin pass:{p} -out server.nopass.key"),
    };
    Secret::part(t, vec![p])
}
fn n_passin_file(r: &mut StdRng) -> String {
    format!(
        "openssl rsa -in server.key -passin file:/run/secrets/key_pass_{} -out server.nopass.key",
        r.random_range(1..9)
    )
}

fn minisign(r: &mut StdRng) -> Secret {
    let (head, n) = if r.random_bool(0.5) {
        ("minisign encrypted secret key", 158)
    } else {
        ("signify secret key", 104)
    };
    let mut b = if n == 158 {
        b"Ed".to_vec()
    } else {
        b"EdBK".to_vec()
    };
    b.extend(bytes(r, n - b.len()));
    let k = b64(&b);
    Secret::part(format!("untrusted comment: {head}\n{k}\n"), vec![k])
}
fn n_minisign_pub(r: &mut StdRng) -> String {
    let mut b = b"Ed".to_vec();
    b.extend(bytes(r, 40));
    format!(
        "untrusted comment: minisign public key {}\n{}",
        from_set(r, UHEX, 16),
        b64(&b)
    )
}

fn tink_keyset(r: &mut StdRng) -> Secret {
    let mut raw = vec![0x1a, 0x20];
    raw.extend(bytes(r, 32));
    let v = b64(&raw);
    let id = r.random_range(100_000_000..999_999_999u32);
    Secret::part(
        format!(
            "{{\"primaryKeyId\":{id},\"key\":[{{\"keyData\":{{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"{v}\",\"keyMaterialType\":\"SYMMETRIC\"}},\"status\":\"ENABLED\",\"keyId\":{id},\"outputPrefixType\":\"TINK\"}}]}}"
        ),
        vec![v],
    )
}
fn n_tink_public(r: &mut StdRng) -> String {
    let id = r.random_range(100_000_000..999_999_999u32);
    format!(
        "{{\"primaryKeyId\":{id},\"key\":[{{\"keyData\":{{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.EcdsaPublicKey\",\"value\":\"{}\",\"keyMaterialType\":\"ASYMMETRIC_PUBLIC\"}},\"status\":\"ENABLED\",\"keyId\":{id},\"outputPrefixType\":\"TINK\"}}]}}",
        b64(&bytes(r, 72))
    )
}

fn jwk_private(r: &mut StdRng) -> Secret {
    let d = b64url(&bytes(r, 32));
    Secret::part(
        format!(
            "{{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"{}\",\"x\":\"{}\",\"y\":\"{}\",\"d\":\"{d}\"}}",
            from_set(r, LOWER_NUM, 8),
            b64url(&bytes(r, 32)),
            b64url(&bytes(r, 32))
        ),
        vec![d],
    )
}
fn n_jwk_public(r: &mut StdRng) -> String {
    format!(
        "{{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"{}\",\"x\":\"{}\",\"y\":\"{}\",\"use\":\"sig\"}}",
        from_set(r, LOWER_NUM, 8),
        b64url(&bytes(r, 32)),
        b64url(&bytes(r, 32))
    )
}

fn steam_mafile(r: &mut StdRng) -> Secret {
    let s = b64(&bytes(r, 20));
    let i = b64(&bytes(r, 20));
    Secret::part(
        format!(
            "{{\"shared_secret\":\"{s}\",\"serial_number\":\"{}\",\"revocation_code\":\"R{}\",\"account_name\":\"player{}\",\"identity_secret\":\"{i}\",\"device_id\":\"android:{}\"}}",
            r.random_range(1_000_000_000_000_000u64..9_999_999_999_999_999),
            join(&digits(r, 5)),
            r.random_range(10..999),
            uuid(r)
        ),
        vec![s, i],
    )
}
fn n_steam_profile(r: &mut StdRng) -> String {
    format!(
        "{{\"steamid\":\"7656119{}\",\"personaname\":\"player{}\",\"avatarhash\":\"{}\"}}",
        join(&digits(r, 10)),
        r.random_range(10..999),
        from_set(r, HEX, 40)
    )
}

// ---- stored passwords of clients and network gear ---------------------------

fn rclone(r: &mut StdRng) -> Secret {
    let n = 16 + r.random_range(8..20);
    let p = b64url(&bytes(r, n));
    Secret::part(
        format!(
            "[nas]\ntype = sftp\nhost = nas-{}.home.arpa\nuser = backup\npass = {p}\nshell_type = unix\n",
            r.random_range(1..9)
        ),
        vec![p],
    )
}
fn n_rclone_keyfile(r: &mut StdRng) -> String {
    format!(
        "[nas]\ntype = sftp\nhost = nas-{}.home.arpa\nuser = backup\nkey_file = ~/.ssh/id_ed25519\n",
        r.random_range(1..9)
    )
}

fn winscp_filezilla(r: &mut StdRng) -> Secret {
    if r.random_bool(0.5) {
        let p = format!("A35C{}", from_set(r, UHEX, 60));
        Secret::part(
            format!(
                "[Sessions\\deploy@web{}]\nHostName=web.acme.io\nUserName=deploy\nPassword={p}\n",
                r.random_range(1..9)
            ),
            vec![p],
        )
    } else {
        let p = password(r);
        let e = b64(p.as_bytes());
        Secret::part(
            format!(
                "<Server><Host>ftp.acme.io</Host><Port>21</Port><User>deploy</User><Pass encoding=\"base64\">{e}</Pass></Server>"
            ),
            vec![p, e],
        )
    }
}
fn n_filezilla_anon(r: &mut StdRng) -> String {
    format!(
        "<Server><Host>ftp-{}.acme.io</Host><Port>21</Port><Logontype>0</Logontype><User>anonymous</User></Server>",
        r.random_range(1..9)
    )
}

fn vnc_password(r: &mut StdRng) -> Secret {
    let p = from_set(r, HEX, 16);
    Secret::part(
        format!(
            "{}={p}",
            pick(r, &["Password", "password", "PasswordViewOnly"])
        ),
        vec![p],
    )
}
fn n_hex16(r: &mut StdRng) -> String {
    from_set(r, HEX, 16)
}

fn net_gear_secret(r: &mut StdRng) -> Secret {
    let s = match r.random_range(0..3) {
        0 => format!(
            "$9${}",
            from_set(
                r,
                "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                28
            )
        ),
        1 => format!(
            "$9${}${}",
            from_set(r, ALNUM, 14),
            from_set(
                r,
                "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                43
            )
        ),
        _ => format!(
            "$8${}${}",
            from_set(r, ALNUM, 14),
            from_set(
                r,
                "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                43
            )
        ),
    };
    let text = if s.starts_with("$9$") && s.len() < 40 {
        format!("set system login user ops authentication encrypted-password \"{s}\"")
    } else {
        format!("username admin privilege 15 secret {} {s}", &s[1..2])
    };
    Secret::part(text, vec![s])
}
fn n_junos_version(r: &mut StdRng) -> String {
    format!(
        "set version {}.{}R{}-S{}.{}",
        r.random_range(18..24),
        r.random_range(1..5),
        r.random_range(1..4),
        r.random_range(1..9),
        r.random_range(1..9)
    )
}

// ---- national identifiers ----------------------------------------------------

const RFC_CHARS: &str = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";

fn rfc_check(s12: &str) -> char {
    let sum: usize = s12
        .chars()
        .enumerate()
        .map(|(i, c)| RFC_CHARS.find(c).unwrap_or(37) * (13 - i))
        .sum();
    match 11 - sum % 11 {
        11 => '0',
        10 => 'A',
        d => char::from_digit(d as u32, 10).unwrap_or('0'),
    }
}
fn mx_rfc_ok(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let s = format!(
        "{}{}{}{}{}",
        from_set(r, UPPER, 4),
        d2(y),
        d2(m),
        d2(d),
        from_set(r, "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ", 2)
    );
    let c = rfc_check(&s);
    let c = if ok {
        c
    } else {
        let alt = "0123456789A";
        let i = alt.find(c).unwrap_or(0);
        alt.as_bytes()[(i + r.random_range(1..11)) % 11] as char
    };
    format!("{s}{c}")
}
fn mx_rfc(r: &mut StdRng) -> Secret {
    Secret::whole(mx_rfc_ok(r, true))
}
fn n_mx_rfc(r: &mut StdRng) -> String {
    mx_rfc_ok(r, false)
}

fn co_nit_ok(r: &mut StdRng, ok: bool) -> String {
    let mut d = digits(r, 9);
    d[0] = if r.random_bool(0.5) { 9 } else { 1 };
    let w = [3u32, 7, 13, 17, 19, 23, 29, 37, 41];
    let rev: Vec<u32> = d.iter().rev().copied().collect();
    let s = weighted(&rev, &w) % 11;
    let dv = if s > 1 { 11 - s } else { s };
    let dv = fix(r, dv, ok);
    let n = join(&d);
    if r.random_bool(0.5) {
        format!("{}.{}.{}-{dv}", &n[..3], &n[3..6], &n[6..])
    } else {
        format!("{n}-{dv}")
    }
}
fn co_nit(r: &mut StdRng) -> Secret {
    Secret::whole(co_nit_ok(r, true))
}
fn n_co_nit(r: &mut StdRng) -> String {
    co_nit_ok(r, false)
}

fn pe_ruc_ok(r: &mut StdRng, ok: bool) -> String {
    let mut d = vec![1, if r.random_bool(0.7) { 0 } else { 5 }];
    d.extend(digits(r, 8));
    let s = weighted(&d, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    let c = match 11 - s % 11 {
        10 => 0,
        11 => 1,
        x => x,
    };
    d.push(fix(r, c, ok));
    join(&d)
}
fn pe_ruc(r: &mut StdRng) -> Secret {
    Secret::whole(pe_ruc_ok(r, true))
}
fn n_pe_ruc(r: &mut StdRng) -> String {
    pe_ruc_ok(r, false)
}

fn ve_rif_ok(r: &mut StdRng, ok: bool) -> String {
    let (l, lv) = *[('V', 1u32), ('E', 2)]
        .get(r.random_range(0..2))
        .unwrap_or(&('V', 1));
    let d = digits(r, 8);
    let mut all = vec![lv];
    all.extend(&d);
    let s = weighted(&all, &[4, 3, 2, 7, 6, 5, 4, 3, 2]);
    let c = match 11 - s % 11 {
        x if x >= 10 => 0,
        x => x,
    };
    format!("{l}-{}-{}", join(&d), fix(r, c, ok))
}
fn ve_rif(r: &mut StdRng) -> Secret {
    Secret::whole(ve_rif_ok(r, true))
}
fn n_ve_rif(r: &mut StdRng) -> String {
    ve_rif_ok(r, false)
}

fn do_cedula_ok(r: &mut StdRng, ok: bool) -> String {
    let mut d = vec![0, 0, r.random_range(1..4)];
    d.extend(digits(r, 7));
    let c = fix(r, luhn_digit(&d), ok);
    let n = join(&d);
    format!("{}-{}-{c}", &n[..3], &n[3..])
}
fn do_cedula(r: &mut StdRng) -> Secret {
    Secret::whole(do_cedula_ok(r, true))
}
fn n_do_cedula(r: &mut StdRng) -> String {
    do_cedula_ok(r, false)
}

fn regon_ok(r: &mut StdRng, ok: bool) -> String {
    let d = digits(r, 8);
    let c = weighted(&d, &[8, 9, 2, 3, 4, 5, 6, 7]) % 11 % 10;
    format!("{}{}", join(&d), fix(r, c, ok))
}
fn regon(r: &mut StdRng) -> Secret {
    Secret::whole(regon_ok(r, true))
}
fn n_regon(r: &mut StdRng) -> String {
    regon_ok(r, false)
}

fn lt_asmens_ok(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let g = if y >= 2000 { 5 } else { 3 } + r.random_range(0..2);
    let mut ds = vec![g];
    ds.extend(num(&format!("{}{}{}", d2(y), d2(m), d2(d))));
    ds.extend(digits(r, 3));
    let s1 = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    let c = if s1 < 10 {
        s1
    } else {
        let s2 = weighted(&ds, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
        if s2 < 10 { s2 } else { 0 }
    };
    ds.push(fix(r, c, ok));
    join(&ds)
}
fn lt_asmens(r: &mut StdRng) -> Secret {
    Secret::whole(lt_asmens_ok(r, true))
}
fn n_lt_asmens(r: &mut StdRng) -> String {
    lt_asmens_ok(r, false)
}

fn hu_taj_ok(r: &mut StdRng, ok: bool) -> String {
    let d = digits(r, 8);
    let c = weighted(&d, &[3, 7, 3, 7, 3, 7, 3, 7]) % 10;
    let n = format!("{}{}", join(&d), fix(r, c, ok));
    if r.random_bool(0.5) {
        format!("{} {} {}", &n[..3], &n[3..6], &n[6..])
    } else {
        n
    }
}
fn hu_taj(r: &mut StdRng) -> Secret {
    Secret::whole(hu_taj_ok(r, true))
}
fn n_hu_taj(r: &mut StdRng) -> String {
    hu_taj_ok(r, false)
}

fn hu_tax_ok(r: &mut StdRng, ok: bool) -> String {
    loop {
        let (d, m, y) = birth(r);
        let days = days_from_civil(i64::from(y), m, d) - days_from_civil(1867, 1, 1);
        let mut ds = vec![8];
        ds.extend(num(&format!("{days:05}")));
        ds.extend(digits(r, 3));
        let c = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9]) % 11;
        if c == 10 {
            continue;
        }
        ds.push(fix(r, c, ok));
        return join(&ds);
    }
}
fn hu_tax(r: &mut StdRng) -> Secret {
    Secret::whole(hu_tax_ok(r, true))
}
fn n_hu_tax(r: &mut StdRng) -> String {
    hu_tax_ok(r, false)
}

fn cross_sum(n: u32) -> u32 {
    n / 10 + n % 10
}

fn de_rvnr_ok(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let area = pick(r, &["12", "13", "15", "24", "28", "53", "65"]);
    let letter = from_set(r, UPPER, 1);
    let li = UPPER.find(&letter).unwrap_or(0) as u32 + 1;
    let serial = r.random_range(0..100u32);
    let all = num(&format!(
        "{area}{}{}{}{:02}{serial:02}",
        d2(d),
        d2(m),
        d2(y),
        li
    ));
    let w = [2u32, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
    let s: u32 = all.iter().zip(w).map(|(a, b)| cross_sum(a * b)).sum();
    let c = fix(r, s % 10, ok);
    format!("{area} {}{}{} {letter} {serial:02}{c}", d2(d), d2(m), d2(y))
}
fn de_rvnr(r: &mut StdRng) -> Secret {
    Secret::whole(de_rvnr_ok(r, true))
}
fn n_de_rvnr(r: &mut StdRng) -> String {
    de_rvnr_ok(r, false)
}

fn de_kvnr_ok(r: &mut StdRng, ok: bool) -> String {
    let letter = from_set(r, UPPER, 1);
    let li = UPPER.find(&letter).unwrap_or(0) as u32 + 1;
    let d = digits(r, 8);
    let mut all = num(&format!("{li:02}"));
    all.extend(&d);
    let s: u32 = all
        .iter()
        .enumerate()
        .map(|(i, a)| cross_sum(a * if i % 2 == 0 { 1 } else { 2 }))
        .sum();
    format!("{letter}{}{}", join(&d), fix(r, s % 10, ok))
}
fn de_kvnr(r: &mut StdRng) -> Secret {
    Secret::whole(de_kvnr_ok(r, true))
}
fn n_de_kvnr(r: &mut StdRng) -> String {
    de_kvnr_ok(r, false)
}

fn pt_cc_value(c: char) -> u32 {
    c.to_digit(36).unwrap_or(0)
}
fn pt_cc_ok(r: &mut StdRng, ok: bool) -> String {
    let d = digits(r, 8);
    let s = weighted(&d, &[9, 8, 7, 6, 5, 4, 3, 2]);
    let c1 = match 11 - s % 11 {
        x if x >= 10 => 0,
        x => x,
    };
    let ver = format!("{}{}", from_set(r, UPPER, 1), from_set(r, "0123456789", 1));
    let ver = format!("Z{}", &ver[1..]);
    let body = format!("{}{c1}{ver}", join(&d));
    let chars: Vec<char> = body.chars().collect();
    // The final digit sits at position 0 from the right (not doubled).
    let sum: u32 = chars
        .iter()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = pt_cc_value(*c);
            if i % 2 == 0 {
                let y = v * 2;
                if y >= 10 { y - 9 } else { y }
            } else {
                v
            }
        })
        .sum();
    let c2 = fix(r, (10 - sum % 10) % 10, ok);
    format!("{} {c1} {ver}{c2}", join(&d))
}
fn pt_cc(r: &mut StdRng) -> Secret {
    Secret::whole(pt_cc_ok(r, true))
}
fn n_pt_cc(r: &mut StdRng) -> String {
    pt_cc_ok(r, false)
}

fn kz_iin_ok(r: &mut StdRng, ok: bool) -> String {
    loop {
        let (d, m, y) = birth(r);
        let g = if y >= 2000 { 5 } else { 3 } + r.random_range(0..2);
        let mut ds = num(&format!("{}{}{}", d2(y), d2(m), d2(d)));
        ds.push(g);
        ds.extend(digits(r, 4));
        let s1 = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
        let c = if s1 < 10 {
            s1
        } else {
            weighted(&ds, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11
        };
        if c == 10 {
            continue;
        }
        ds.push(fix(r, c, ok));
        return join(&ds);
    }
}
fn kz_iin(r: &mut StdRng) -> Secret {
    Secret::whole(kz_iin_ok(r, true))
}
fn n_kz_iin(r: &mut StdRng) -> String {
    kz_iin_ok(r, false)
}

fn ua_rnokpp_ok(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let days = days_from_civil(i64::from(y), m, d) - days_from_civil(1899, 12, 31);
    let mut ds = num(&format!("{days:05}"));
    ds.extend(digits(r, 4));
    let w: [i64; 9] = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
    let s: i64 = ds.iter().zip(w).map(|(a, b)| i64::from(*a) * b).sum();
    let c = (s.rem_euclid(11) % 10) as u32;
    ds.push(fix(r, c, ok));
    join(&ds)
}
fn ua_rnokpp(r: &mut StdRng) -> Secret {
    Secret::whole(ua_rnokpp_ok(r, true))
}
fn n_ua_rnokpp(r: &mut StdRng) -> String {
    ua_rnokpp_ok(r, false)
}

fn bc_phn_ok(r: &mut StdRng, ok: bool) -> String {
    loop {
        let mut d = vec![9];
        d.extend(digits(r, 8));
        let s = weighted(&d[1..], &[2, 4, 8, 5, 10, 9, 7, 3]) % 11;
        let c = 11 - s;
        if c >= 10 {
            continue;
        }
        d.push(fix(r, c, ok));
        let n = join(&d);
        return format!("{} {} {}", &n[..4], &n[4..7], &n[7..]);
    }
}
fn bc_phn(r: &mut StdRng) -> Secret {
    Secret::whole(bc_phn_ok(r, true))
}
fn n_bc_phn(r: &mut StdRng) -> String {
    bc_phn_ok(r, false)
}

fn lk_nic(r: &mut StdRng) -> Secret {
    let (d, m, y) = birth(r);
    let doy = day_of_year(y, m, d) + if r.random_bool(0.5) { 500 } else { 0 };
    Secret::whole(if r.random_bool(0.5) {
        format!("{}{doy:03}{}V", d2(y), join(&digits(r, 4)))
    } else {
        format!("{y}{doy:03}0{}", join(&digits(r, 4)))
    })
}
fn n_lk_receipt(r: &mut StdRng) -> String {
    format!("{}{}", join(&digits(r, 9)), pick(r, &["A", "B", "X"]))
}

fn ehic(r: &mut StdRng) -> Secret {
    let c = pick(r, &["276", "250", "380", "724", "616", "040", "528"]);
    let n = format!("80{c}{}", join(&digits(r, 15)));
    Secret::whole(if r.random_bool(0.5) {
        n
    } else {
        format!("{} {} {} {}", &n[..5], &n[5..10], &n[10..15], &n[15..])
    })
}
fn n_digits20(r: &mut StdRng) -> String {
    join(&digits(r, 20))
}

fn a_number(r: &mut StdRng) -> Secret {
    let d = join(&digits(r, 9));
    Secret::whole(if r.random_bool(0.5) {
        format!("A{d}")
    } else {
        format!("A-{}-{}-{}", &d[..3], &d[3..6], &d[6..])
    })
}
fn n_a_part(r: &mut StdRng) -> String {
    format!("A{}", join(&digits(r, 9)))
}

// ---- personal data that is not a number ----------------------------------------

fn jp_address(r: &mut StdRng) -> Secret {
    let (pref, ward, town) = *[
        ("東京都", "渋谷区", "神南"),
        ("大阪府", "大阪市北区", "梅田"),
        ("北海道", "札幌市中央区", "北一条西"),
        ("福岡県", "福岡市博多区", "博多駅前"),
    ]
    .get(r.random_range(0..4))
    .unwrap_or(&("東京都", "渋谷区", "神南"));
    let street = format!(
        "{town}{}丁目{}番{}号",
        r.random_range(1..6),
        r.random_range(1..30),
        r.random_range(1..20)
    );
    let who = pick(r, &["佐藤 美咲", "鈴木 一郎", "高橋 陽子", "田中 健太"]);
    let zip = format!(
        "{:03}-{:04}",
        r.random_range(100..999),
        r.random_range(0..9999)
    );
    let room = format!("{}号室", r.random_range(101..1203));
    Secret::part(
        format!("〒{zip} {pref}{ward}{street} {room} {who} 様"),
        vec![format!("{street} {room}"), who.to_owned()],
    )
}
fn n_jp_store(r: &mut StdRng) -> String {
    format!(
        "〒{:03}-{:04} 東京都千代田区丸の内1丁目 ACME 東京本店 (営業時間 10:00-20:00)",
        r.random_range(100..999),
        r.random_range(0..9999)
    )
}

fn cyr_address(r: &mut StdRng) -> Secret {
    let who = pick(
        r,
        &[
            "Иванова Анна Сергеевна",
            "Коваленко Олена Петрівна",
            "Παπαδόπουλος Γεώργιος",
            "Смирнов Дмитрий Олегович",
        ],
    );
    let street = if who.starts_with('Π') {
        format!(
            "Οδός Ερμού {}, Διαμ. {}",
            r.random_range(2..120),
            r.random_range(1..20)
        )
    } else {
        format!(
            "ул. {}, д. {}, кв. {}",
            pick(r, &["Садовая", "Ленина", "Шевченка", "Пушкинская"]),
            r.random_range(2..120),
            r.random_range(1..300)
        )
    };
    let place = if who.starts_with('Π') {
        "105 63 Αθήνα"
    } else {
        pick(
            r,
            &[
                "190000, г. Санкт-Петербург",
                "01001, м. Київ",
                "630099, г. Новосибирск",
            ],
        )
    };
    Secret::part(
        format!("{who}, {street}, {place}"),
        vec![street, who.to_owned()],
    )
}
fn n_cyr_office(r: &mut StdRng) -> String {
    format!(
        "Офис ACME: г. Москва, Пресненская наб., д. {}, БЦ «Федерация», пн-пт 9:00-18:00",
        r.random_range(2..12)
    )
}

fn prescription(r: &mut StdRng) -> Secret {
    let n = name(r);
    let drug = pick(
        r,
        &[
            "Sertraline 50 mg, 1 tab daily",
            "Quetiapine 100 mg at night",
            "Emtricitabine/tenofovir 200/245 mg (PrEP)",
            "Methadone 60 mg oral solution",
            "Lithium carbonate 400 mg bd",
        ],
    );
    Secret::part(
        format!("Rx for {n}: {drug}; repeat x{}", r.random_range(1..6)),
        vec![n],
    )
}
fn n_rx_leaflet(r: &mut StdRng) -> String {
    format!(
        "Rx template: Amoxicillin 500 mg tds for 7 days (formulary rev. {})",
        r.random_range(2019..2026)
    )
}

fn special_category(r: &mut StdRng) -> Secret {
    let n = name(r);
    let fact = pick(
        r,
        &[
            "is a member of the union (ver.di) and asked for the rep",
            "converted to Islam last year and needs Friday prayers off",
            "came out as gay to the team and asked us not to tell the client",
            "disclosed a past conviction for drink-driving",
            "is pregnant, due in March; keep off the night rota",
        ],
    );
    Secret::part(format!("HR: {n} {fact}."), vec![n])
}
fn n_policy_text(r: &mut StdRng) -> String {
    format!(
        "Policy {}: employees may request leave for religious holidays and union duties.",
        r.random_range(100..999)
    )
}

fn dob_in_words(r: &mut StdRng) -> Secret {
    let n = name(r);
    let (d, m, y) = birth(r);
    const EN: [&str; 12] = [
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
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    let mi = (m - 1) as usize;
    let date = match r.random_range(0..5) {
        0 => format!(
            "the {d}{} of {} {y}",
            if d == 1 || d == 21 {
                "st"
            } else if d == 2 || d == 22 {
                "nd"
            } else if d == 3 || d == 23 {
                "rd"
            } else {
                "th"
            },
            EN[mi]
        ),
        1 => format!("{d}. {} {y}", DE[mi]),
        2 => format!("{d} {} {y} г.", RU[mi]),
        3 => format!("{y}年{m}月{d}日"),
        _ => format!("{} {d}, {y}", EN[mi]),
    };
    Secret::part(format!("{n}, born {date}"), vec![n, date])
}
fn n_founded(r: &mut StdRng) -> String {
    format!(
        "ACME GmbH, gegründet am {}. März {}",
        r.random_range(1..29),
        r.random_range(1950..2005)
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
            "buildkite api token",
            ["BUILDKITE_API_TOKEN", "buildkite token", "bk token"],
            true,
            buildkite,
            n_buildkite_build,
            "build id"
        ),
        kind!(
            "circleci personal token",
            ["CIRCLE_TOKEN", "circleci token", "circle-token"],
            true,
            circleci,
            n_circleci_pipeline,
            "pipeline"
        ),
        kind!(
            "gitlab ci job / runner / trigger token",
            ["CI_JOB_TOKEN", "registration-token", "trigger token"],
            true,
            gitlab_ci,
            n_gitlab_pipeline,
            "pipeline"
        ),
        kind!(
            "jenkins api token",
            ["JENKINS_API_TOKEN", "jenkins token", "apiToken"],
            false,
            jenkins_api,
            n_hex40,
            "revision"
        ),
        kind!(
            "jenkins credentials.xml secret",
            ["credentials.xml", "jenkins secret", "privateKeyPassphrase"],
            true,
            jenkins_xml,
            n_braced_guid,
            "clsid"
        ),
        kind!(
            "teamcity access token",
            ["TEAMCITY_TOKEN", "teamcity token", "bearer"],
            true,
            teamcity,
            n_teamcity_build,
            "build type"
        ),
        kind!(
            "dynatrace api token",
            ["DT_API_TOKEN", "Api-Token", "dynatrace token"],
            true,
            dynatrace,
            n_dynatrace_entity,
            "entity"
        ),
        kind!(
            "launchdarkly sdk / api key",
            ["LAUNCHDARKLY_SDK_KEY", "ld sdk key", "ldApiKey"],
            true,
            launchdarkly,
            n_ld_client_side,
            "client side id"
        ),
        kind!(
            "saas keys (typeform, prefect, readme, adafruit)",
            [
                "TYPEFORM_TOKEN",
                "PREFECT_API_KEY",
                "README_API_KEY",
                "X-AIO-Key"
            ],
            true,
            saas_keys,
            n_saas_ids,
            "resource"
        ),
        kind!(
            "pagerduty routing key",
            ["routing_key", "integration key", "PAGERDUTY_ROUTING_KEY"],
            false,
            pagerduty_routing,
            n_pd_service,
            "service"
        ),
        kind!(
            "webex bot token",
            ["WEBEX_BOT_TOKEN", "webex access token", "spark token"],
            true,
            webex_bot,
            n_webex_room,
            "room id"
        ),
        kind!(
            "bitwarden / infisical machine token",
            ["BWS_ACCESS_TOKEN", "INFISICAL_TOKEN", "machine token"],
            true,
            bitwarden_infisical,
            n_org_uuid,
            "organization"
        ),
        kind!(
            "consul / nomad acl token",
            ["X-Consul-Token", "CONSUL_HTTP_TOKEN", "NOMAD_TOKEN"],
            false,
            consul_acl,
            n_org_uuid,
            "correlation"
        ),
        kind!(
            "amazon mws auth token",
            ["MWSAuthToken", "mws auth token", "seller token"],
            true,
            amazon_mws,
            n_lwa_client,
            "client"
        ),
        kind!(
            "yandex cloud api key / iam token",
            ["YC_TOKEN", "yandex api key", "X-YaCloud-SubjectToken"],
            true,
            yandex,
            n_yc_folder,
            "folder"
        ),
        kind!(
            "scaleway config secret_key",
            [
                "scaleway config",
                "~/.config/scw/config.yaml",
                "SCW_SECRET_KEY"
            ],
            true,
            scaleway,
            n_scw_project,
            "project"
        ),
        kind!(
            "oci config pass_phrase",
            ["~/.oci/config", "oci config", "OCI_CLI_CONFIG"],
            true,
            oci_config,
            n_oci_ocid,
            "compartment"
        ),
        kind!(
            "azure cosmos db connection string",
            [
                "COSMOS_CONNECTION",
                "cosmos connection",
                "ConnectionStrings__Cosmos"
            ],
            true,
            cosmos,
            n_cosmos_endpoint,
            "endpoint"
        ),
        kind!(
            "elasticsearch api key (base64 id:key)",
            ["ES_API_KEY", "Authorization: ApiKey", "elastic api key"],
            false,
            es_api_key,
            n_es_cloud_id,
            "cloud id"
        ),
        kind!(
            "kafka sasl jaas config",
            ["sasl.jaas.config", "KAFKA_SASL_JAAS_CONFIG", "jaas"],
            true,
            kafka_jaas,
            n_kafka_krb,
            "jaas template"
        ),
        kind!(
            "oracle ezconnect user/password",
            ["ORACLE_CONNECT", "sqlplus", "connect string"],
            true,
            oracle_ezconnect,
            n_oracle_tns,
            "service"
        ),
        kind!(
            "libpq conninfo password",
            ["PG_CONNINFO", "conninfo", "primary_conninfo"],
            true,
            libpq_conninfo,
            n_libpq,
            "replica"
        ),
        kind!(
            "database cli password flag",
            ["command", "ran", "shell"],
            true,
            db_cli_flag,
            n_db_cli,
            "runbook"
        ),
        kind!(
            "key passphrase in a command",
            ["command", "history", "step"],
            true,
            key_passphrase_cmd,
            n_passin_file,
            "runbook"
        ),
        kind!(
            "minisign / signify secret key",
            ["minisign.key", "signing key", "secret key file"],
            true,
            minisign,
            n_minisign_pub,
            "public key"
        ),
        kind!(
            "tink cleartext keyset",
            ["keyset", "TINK_KEYSET", "cleartext keyset"],
            true,
            tink_keyset,
            n_tink_public,
            "public keyset"
        ),
        kind!(
            "jwk private key (d)",
            ["jwk", "signing jwk", "JWKS_PRIVATE"],
            true,
            jwk_private,
            n_jwk_public,
            "jwks entry"
        ),
        kind!(
            "steam guard mafile",
            ["maFile", "steamguard", "authenticator file"],
            true,
            steam_mafile,
            n_steam_profile,
            "profile"
        ),
        kind!(
            "rclone obscured password",
            ["rclone.conf", "rclone config", "RCLONE_CONFIG"],
            true,
            rclone,
            n_rclone_keyfile,
            "remote"
        ),
        kind!(
            "winscp / filezilla stored password",
            ["WinSCP.ini", "sitemanager.xml", "saved session"],
            true,
            winscp_filezilla,
            n_filezilla_anon,
            "server"
        ),
        kind!(
            "vnc password (des hex)",
            [
                "passwd",
                "vnc password",
                "HKLM\\SOFTWARE\\RealVNC\\vncserver"
            ],
            false,
            vnc_password,
            n_hex16,
            "checksum"
        ),
        kind!(
            "junos $9$ / cisco type 8-9 secret",
            ["config", "running-config", "set system"],
            true,
            net_gear_secret,
            n_junos_version,
            "version"
        ),
        kind!(
            "mexican rfc",
            [
                "RFC",
                "registro federal de contribuyentes",
                "rfc del cliente"
            ],
            false,
            mx_rfc,
            n_mx_rfc,
            "folio"
        ),
        kind!(
            "colombian nit",
            [
                "NIT",
                "número de identificación tributaria",
                "nit del cliente"
            ],
            false,
            co_nit,
            n_co_nit,
            "radicado"
        ),
        kind!(
            "peruvian ruc",
            [
                "RUC",
                "registro único de contribuyentes",
                "ruc del proveedor"
            ],
            false,
            pe_ruc,
            n_pe_ruc,
            "pedido"
        ),
        kind!(
            "venezuelan rif",
            ["RIF", "registro de información fiscal", "cédula/RIF"],
            true,
            ve_rif,
            n_ve_rif,
            "control"
        ),
        kind!(
            "dominican cedula",
            ["cédula", "cédula de identidad y electoral", "no. cédula"],
            true,
            do_cedula,
            n_do_cedula,
            "referencia"
        ),
        kind!(
            "polish regon",
            ["REGON", "numer REGON", "regon firmy"],
            false,
            regon,
            n_regon,
            "nr zamówienia"
        ),
        kind!(
            "lithuanian asmens kodas",
            ["asmens kodas", "AK", "personal code"],
            false,
            lt_asmens,
            n_lt_asmens,
            "užsakymo nr"
        ),
        kind!(
            "hungarian taj",
            ["TAJ szám", "TAJ", "társadalombiztosítási azonosító jel"],
            false,
            hu_taj,
            n_hu_taj,
            "rendelésszám"
        ),
        kind!(
            "hungarian tax id",
            ["adóazonosító jel", "adószám", "tax id"],
            false,
            hu_tax,
            n_hu_tax,
            "számlaszám"
        ),
        kind!(
            "german pension insurance number",
            ["Rentenversicherungsnummer", "RVNR", "Versicherungsnummer"],
            true,
            de_rvnr,
            n_de_rvnr,
            "Aktenzeichen"
        ),
        kind!(
            "german health insurance number (kvnr)",
            ["Krankenversichertennummer", "KVNR", "Versichertennummer"],
            false,
            de_kvnr,
            n_de_kvnr,
            "Artikelnummer"
        ),
        kind!(
            "portuguese cartao de cidadao",
            ["cartão de cidadão", "CC", "n.º documento"],
            true,
            pt_cc,
            n_pt_cc,
            "referência"
        ),
        kind!(
            "kazakh iin",
            ["ИИН", "IIN", "жеке сәйкестендіру нөмірі"],
            false,
            kz_iin,
            n_kz_iin,
            "номер заказа"
        ),
        kind!(
            "ukrainian rnokpp",
            ["РНОКПП", "ІПН", "ідентифікаційний код"],
            false,
            ua_rnokpp,
            n_ua_rnokpp,
            "номер замовлення"
        ),
        kind!(
            "british columbia phn",
            ["PHN", "personal health number", "BC services card"],
            false,
            bc_phn,
            n_bc_phn,
            "claim ref"
        ),
        kind!(
            "sri lankan nic",
            ["NIC", "national identity card no", "ජාතික හැඳුනුම්පත් අංකය"],
            false,
            lk_nic,
            n_lk_receipt,
            "receipt"
        ),
        kind!(
            "ehic card number",
            [
                "EHIC",
                "european health insurance card",
                "Kartennummer EHIC"
            ],
            false,
            ehic,
            n_digits20,
            "tracking"
        ),
        kind!(
            "uscis a-number",
            ["A-Number", "alien registration number", "USCIS #"],
            false,
            a_number,
            n_a_part,
            "part no"
        ),
        kind!(
            "japanese address (kanji) with name",
            ["住所", "お届け先", "shipping address"],
            true,
            jp_address,
            n_jp_store,
            "store"
        ),
        kind!(
            "cyrillic / greek address with name",
            ["адрес", "адреса доставки", "διεύθυνση"],
            true,
            cyr_address,
            n_cyr_office,
            "office"
        ),
        kind!(
            "prescription next to patient name",
            ["note", "rx", "pharmacy note"],
            true,
            prescription,
            n_rx_leaflet,
            "template"
        ),
        kind!(
            "special-category fact next to a name",
            ["hr note", "note", "comment"],
            true,
            special_category,
            n_policy_text,
            "policy"
        ),
        kind!(
            "birth date in words next to a name",
            ["about", "bio", "note"],
            true,
            dob_in_words,
            n_founded,
            "company"
        ),
    ]
}
