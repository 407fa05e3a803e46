//! Credentials handed to calls and statements, in code, logs and SQL, and
//! credentials read around a value written two ways: a call named by a
//! key word passes its value (`setPassword("x")`, `builder.token('x')`,
//! `withBasicAuth("bob", "x")`); a hash function's argument is the secret
//! it hides (`pwd = MD5('x')`, `PASSWORD('x')`, `crypt('x',
//! gen_salt('bf'))`); SQL's unquoted `IDENTIFIED BY x`; a password flag
//! after a user flag in any command (`oc login -u bob -p x`); a value
//! changed `from` an old one `to` a new one (both are taken); codes named
//! by what they unlock (`PUK`, `access code`, `safe combination`); a
//! masked value cut short with `...` before the next name.
//!
//! Near-misses stay: a call that reads a value by its name
//! (`os.getenv("DB_PASSWORD")`, `config.get('auth_token')`), a port or
//! a port mapping after `-p`, MySQL's database name after its prompting
//! `-p`, a hash function's algorithm name, a call of no literal
//! (`setPassword(pw)`), prose that says `from` and `to`. Scrub and verify
//! agree on every case.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::{Value, json};

/// How to read a text back from the document it was put in.
type Read = fn(&Value) -> Option<&str>;

/// The positions a text is tried in: a log message, a chat turn, a tool
/// call's argument, a log line with a prefix.
fn positions(text: &str) -> Vec<(Value, Read)> {
    vec![
        (json!({ "msg": text }), |v| v["msg"].as_str()),
        (json!([{ "role": "user", "content": text }]), |v| {
            v[0]["content"].as_str()
        }),
        (json!({ "args": { "code": text } }), |v| {
            v["args"]["code"].as_str()
        }),
        (
            json!({ "log": format!("2024-05-01T10:00:00Z DEBUG db: {text}") }),
            |v| v["log"].as_str(),
        ),
    ]
}

/// Each `(text, secrets, kept)`: no secret may be left in the scrubbed
/// text, every piece of `kept` must be, and verify finds nothing after.
fn assert_taken(cases: &[(&str, &[&str], &[&str])]) {
    for &(text, secrets, kept) in cases {
        for (doc, read) in positions(text) {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            let out = read(&scrubbed).unwrap_or_default();
            for secret in secrets {
                assert!(!out.contains(secret), "{secret:?} left in {out:?}");
            }
            for piece in kept {
                assert!(out.contains(piece), "{piece:?} went from {out:?}");
            }
        }
    }
}

#[test]
fn regression_a_call_named_by_a_key_word_passes_its_value() {
    assert_taken(&[
        (
            r#"builder.password("Zx81kqPw7").build()"#,
            &["Zx81kqPw7"],
            &["builder.password(", ").build()"],
        ),
        (
            r#"client.setApiKey("sk-live-Zx81kqPw7Zx81kqPw7")"#,
            &["Zx81kqPw7Zx81kqPw7"],
            &["client.setApiKey("],
        ),
        (
            r#"auth.token('Zx81kqPw7abc')"#,
            &["Zx81kqPw7abc"],
            &["auth.token("],
        ),
        (
            r#"setPassword("Zx81kqPw7");"#,
            &["Zx81kqPw7"],
            &["setPassword("],
        ),
        (
            r#"req.withBasicAuth("bob", "Zx81kqPw7")"#,
            &["Zx81kqPw7"],
            &["withBasicAuth(\"bob\""],
        ),
        (
            r#"set_secret( 'Qm9vKx71pz' )"#,
            &["Qm9vKx71pz"],
            &["set_secret("],
        ),
    ]);
}

#[test]
fn regression_a_hash_function_s_argument_is_the_secret() {
    assert_taken(&[
        (
            "UPDATE users SET pwd = MD5('Zx81kqPw7') WHERE id = 4",
            &["Zx81kqPw7"],
            &["UPDATE users SET pwd", "WHERE id = 4"],
        ),
        (
            "SET PASSWORD FOR 'app'@'%' = PASSWORD('Zx81kqPw7');",
            &["Zx81kqPw7"],
            &["SET PASSWORD FOR"],
        ),
        (
            "select * from users where pass = PASSWORD('Zx81kqPw7')",
            &["Zx81kqPw7"],
            &["select * from users where pass"],
        ),
        (
            "INSERT INTO users (name, passwd) VALUES ('bob', crypt('Zx81kqPw7', gen_salt('bf')))",
            &["Zx81kqPw7"],
            &["INSERT INTO users (name, passwd) VALUES ('bob',"],
        ),
        (
            "pwd_hash = HASHBYTES('SHA2_256', 'Zx81kqPw7')",
            &["Zx81kqPw7"],
            &["SHA2_256"],
        ),
    ]);
}

#[test]
fn regression_sql_identified_by_an_unquoted_password() {
    assert_taken(&[
        (
            "ALTER USER scott IDENTIFIED BY tiger99x REPLACE oldpw1;",
            &["tiger99x"],
            &["ALTER USER scott IDENTIFIED BY"],
        ),
        (
            "CREATE USER app@'%' IDENTIFIED BY Zx81kqPw7;",
            &["Zx81kqPw7"],
            &["CREATE USER app"],
        ),
        // A quoted one, and MySQL's hash form, as before.
        (
            "CREATE USER app IDENTIFIED BY 'Zx81kqPw7'",
            &["Zx81kqPw7"],
            &["CREATE USER app"],
        ),
        (
            "CREATE USER app IDENTIFIED BY PASSWORD '*A4B6157319038724E3560894F7F932C8886EBFCF'",
            &["A4B6157319038724E3560894F7F932C8886EBFCF"],
            &["CREATE USER app IDENTIFIED BY PASSWORD"],
        ),
    ]);
}

#[test]
fn regression_a_password_flag_after_a_user_flag() {
    assert_taken(&[
        (
            "oc login -u developer -p developer123 https://api.crc.testing:6443",
            &["developer123"],
            &["oc login -u developer -p", "https://api.crc.testing:6443"],
        ),
        (
            "mycli -u bob -p Zx81kqPw7 -h db",
            &["Zx81kqPw7"],
            &["mycli -u bob -p", "-h db"],
        ),
        (
            "cf login -a api.run.example.com -u bob -p Zx81kqPw7",
            &["Zx81kqPw7"],
            &["cf login -a api.run.example.com -u bob -p"],
        ),
        (
            "vendor-cli -U admin -P Zx81kqPw7 status",
            &["Zx81kqPw7"],
            &["vendor-cli -U admin -P", "status"],
        ),
    ]);
}

#[test]
fn regression_a_value_changed_from_one_to_another_takes_both() {
    assert_taken(&[
        (
            "password changed from Zx81kqPw7 to Qw93mmLr5",
            &["Zx81kqPw7", "Qw93mmLr5"],
            &["password changed from"],
        ),
        (
            "changed password from Zx81kqPw7 to Qw93!mmLr",
            &["Zx81kqPw7", "Qw93!mmLr"],
            &["changed password from"],
        ),
        (
            "the api token was rotated from tk_9fA2mQ71xZ to tk_3kP8wL02vY.",
            &["tk_9fA2mQ71xZ", "tk_3kP8wL02vY"],
            &["the api token was rotated from"],
        ),
    ]);
}

#[test]
fn regression_codes_named_by_what_they_unlock() {
    assert_taken(&[
        ("PUK 84920173", &["84920173"], &["PUK"]),
        ("access code: 7731-2290", &["7731-2290"], &["access code"]),
        (
            "the safe combination is 31-07-22",
            &["31-07-22"],
            &["the safe combination is"],
        ),
        ("keypad code: 5582", &["5582"], &["keypad code"]),
        (
            "wifi network key: sunflower-42-Orbit",
            &["sunflower-42-Orbit"],
            &["wifi network key"],
        ),
    ]);
}

#[test]
fn regression_a_value_cut_short_with_an_ellipsis_is_no_label() {
    assert_taken(&[(
        "rclone config create s3 access_key_id AKIA... secret_access_key Zx81kqPw7Zx81kqPw7Zx",
        &["Zx81kqPw7Zx81kqPw7Zx"],
        &["access_key_id AKIA...", "secret_access_key"],
    )]);
}

#[test]
fn near_misses_of_calls_flags_and_changes_stay() {
    for text in [
        r#"password = os.getenv("DB_PASSWORD")"#,
        r#"token = config.get('auth_token')"#,
        r#"api_key = settings.value("payments.apiKey")"#,
        "setPassword(pw)",
        "the password(s) expired yesterday",
        "ssh -p 2222 -u bob host",
        "docker run -u 1000 -p 8080:80 nginx",
        "mysql -u root -p mydb < dump.sql",
        "psql -U app -P pager=off -c 'select 1'",
        "pg_dump -U app -p 5432 app",
        "the token moved from staging to production",
        "password changed from the settings page to the admin panel",
        "digest = sha256(data)",
    ] {
        for (doc, read) in positions(text) {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            assert_eq!(
                read(&scrubbed),
                Some(read(&doc).unwrap_or_default()),
                "{text:?}"
            );
        }
    }
}
