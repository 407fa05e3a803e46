//! Credentials written in command lines, chat and prose: the arguments by
//! which tools take a secret (`docker login -p`, `mongo -p`, `zip -P`,
//! `ldapsearch -w`, `smbclient -U user%x`, `net use \\srv\share x`,
//! `htpasswd -b file user x`, ...); a secret piped to a command that reads
//! it (`echo x | docker login --password-stdin`, `| chpasswd`); a user and
//! a password after a login label (`login: admin / x`, `creds: bob / x`);
//! short password labels (`pw`, `pswd`), a dash as a label's separator and
//! a value changed `to` a new one; codes named by what they unlock (`gate
//! code 4921`, `482913 is your verification code`, `backup codes: ...`);
//! a passphrase of several words; the answer to a security question. Each is taken in a message, an agent's
//! turn, a tool call's arguments and a log line, with the rest of the text
//! kept, and near-misses (`docker run -p 8080:80`, `login failed for
//! admin`, `code 404 not found`, `curl -u $USER:$PASS`) stay as they are.
//! Scrub and verify agree on every case.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::{Value, json};

/// How to read a text back from the document it was put in.
type Read = fn(&Value) -> Option<&str>;

/// The positions a text is tried in, and how to read it back.
fn positions(text: &str) -> Vec<(Value, Read)> {
    vec![
        (json!({ "msg": text }), |v| v["msg"].as_str()),
        (json!([{ "role": "user", "content": text }]), |v| {
            v[0]["content"].as_str()
        }),
        (json!({ "args": { "cmd": text } }), |v| {
            v["args"]["cmd"].as_str()
        }),
    ]
}

/// Each `(text, secrets, kept)`: no secret may be left in the scrubbed
/// text, every piece of `kept` must be, and verify finds nothing after.
fn assert_taken(cases: &[(&str, &[&str], &[&str])]) {
    for &(text, secrets, kept) in cases {
        let line = format!("2024-05-01T10:00:00Z INFO worker: {text}");
        let mut docs = positions(text);
        docs.push((json!({ "log": line }), |v| v["log"].as_str()));
        for (doc, read) in docs {
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

/// Each text stays as it is, and verify finds nothing in it.
fn assert_kept(texts: &[&str]) {
    for &text in texts {
        for (doc, _) in positions(text) {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            assert_eq!(scrubbed, doc, "a text was changed");
        }
    }
}

#[test]
fn arguments_by_which_tools_take_a_secret_are_taken() {
    assert_taken(&[
        (
            "docker login -u bob -p S3cretPw99 registry.example.com",
            &["S3cretPw99"],
            &["docker login -u bob -p ", " registry.example.com"],
        ),
        (
            "podman login -p=Qm7vT2xLp4 quay.io",
            &["Qm7vT2xLp4"],
            &["podman login", "quay.io"],
        ),
        (
            "mongo -u admin -p S3cretPw99 --authenticationDatabase admin",
            &["S3cretPw99"],
            &["--authenticationDatabase admin"],
        ),
        (
            "mongodump --host db -u app -p 'Tr0ub4dor&3' --out /backup",
            &["Tr0ub4dor&3"],
            &["--out /backup"],
        ),
        (
            "rdesktop -u bob -p S3cretPw99 host",
            &["S3cretPw99"],
            &["host"],
        ),
        (
            "psexec \\\\host -u admin -p S3cretPw99 cmd",
            &["S3cretPw99"],
            &["cmd"],
        ),
        (
            "az login -u ops -p S3cretPw99",
            &["S3cretPw99"],
            &["az login"],
        ),
        (
            "mosquitto_pub -u bob -P S3cretPw99 -t x -m y",
            &["S3cretPw99"],
            &["-t x -m y"],
        ),
        (
            "bcp db.t out f -U sa -P S3cretPw99",
            &["S3cretPw99"],
            &["bcp db.t out f"],
        ),
        (
            "zip -P S3cretPw99 out.zip f",
            &["S3cretPw99"],
            &["out.zip f"],
        ),
        ("unzip -P S3cretPw99 a.zip", &["S3cretPw99"], &["a.zip"]),
        ("7z a -pS3cretPw99 out.7z f", &["S3cretPw99"], &["out.7z f"]),
        (
            "ldapsearch -x -D cn=admin -w S3cretPw99 -b dc=x",
            &["S3cretPw99"],
            &["-b dc=x"],
        ),
        (
            "ldappasswd -x -D cn=admin -W -s N3wSecret77 uid=bob",
            &["N3wSecret77"],
            &["uid=bob"],
        ),
        (
            "openssl enc -aes256 -k S3cretPw99 -in f",
            &["S3cretPw99"],
            &["-in f"],
        ),
        (
            "xfreerdp /u:bob /p:S3cretPw99 /v:host",
            &["S3cretPw99"],
            &["/v:host"],
        ),
        (
            "smbclient //srv/share -U bob%S3cretPw99",
            &["S3cretPw99"],
            &["//srv/share -U bob%"],
        ),
        (
            "smbclient -U 'dom\\bob%S3cretPw99' //srv/s",
            &["S3cretPw99"],
            &["//srv/s"],
        ),
        (
            "lftp -u bob,S3cretPw99 ftp.example.com",
            &["S3cretPw99"],
            &["ftp.example.com"],
        ),
        (
            "mysqldump -uroot -p'S3cr!tPw99' db > d.sql",
            &["S3cr!tPw99"],
            &["db > d.sql"],
        ),
        (
            "net use \\\\srv\\share /user:dom\\bob P@ssw0rd99",
            &["P@ssw0rd99"],
            &["/user:dom\\bob"],
        ),
        (
            "net use Z: \\\\srv\\share P@ssw0rd99 /user:bob",
            &["P@ssw0rd99"],
            &["/user:bob"],
        ),
        ("net user bob P@ssw0rd99 /add", &["P@ssw0rd99"], &["/add"]),
        (
            "htpasswd -b .htpasswd bob S3cretPw99",
            &["S3cretPw99"],
            &["htpasswd -b .htpasswd bob"],
        ),
        (
            "htpasswd -bc /etc/nginx/.htpasswd bob S3cretPw99 && nginx -s reload",
            &["S3cretPw99"],
            &["nginx -s reload"],
        ),
        (
            "cqlsh -u cassandra -p S3cretPw99 host",
            &["S3cretPw99"],
            &["host"],
        ),
        (
            "rabbitmqadmin -u guest -p S3cretPw99 list queues",
            &["S3cretPw99"],
            &["list queues"],
        ),
        (
            "isql -U sa -P S3cretPw99 -S srv",
            &["S3cretPw99"],
            &["-S srv"],
        ),
        (
            "schtasks /create /tn x /ru bob /rp S3cretPw99 /tr c.exe",
            &["S3cretPw99"],
            &["/tr c.exe"],
        ),
        (
            "sqlplus scott/Tiger123@orcl",
            &["Tiger123"],
            &["sqlplus scott/"],
        ),
        (
            "expdp system/Or4clePw@XE schemas=x",
            &["Or4clePw"],
            &["schemas=x"],
        ),
        (
            "wpa_passphrase HomeNet CoffeeShop2024 > /etc/wpa.conf",
            &["CoffeeShop2024"],
            &["HomeNet", "> /etc/wpa.conf"],
        ),
        (
            "rabbitmqctl add_user bob S3cretPw99",
            &["S3cretPw99"],
            &["add_user bob"],
        ),
    ]);
    // The same tools without a secret.
    assert_kept(&[
        "docker run -p 8080:80 nginx",
        "docker login registry.example.com && docker run -p 8080:80 app",
        "ssh -p 2222 user@host",
        "redis-cli -h cache -p 6379 ping",
        "mongo --port 27017 -u admin -p --authenticationDatabase admin",
        "zip -r out.zip folder",
        "7z a out.7z folder",
        "7z x archive.7z -o/tmp/out",
        "mysql -h db -P 3306 -u root -p mydb",
        "ldapsearch -x -W -D cn=admin -b dc=x",
        "ldapsearch -x -s base -b dc=x",
        "net use Z: \\\\srv\\share",
        "net use \\\\srv\\share /delete",
        "net user bob /delete",
        "net user bob * /add",
        "net user bob /add then reboot host",
        "htpasswd -c -B .htpasswd bob",
        "htpasswd -c .htpasswd bob",
        "rabbitmqctl list_users",
        "smbclient -L //srv -N",
        "lftp ftp.example.com",
        "zip -P flag is insecure",
        "htpasswd -b is insecure because the password shows in history",
        "sqlplus / as sysdba",
        "the card's exp 12/27 is printed on the back",
        "use -storepass:env STOREPASS",
    ]);
}

#[test]
fn secrets_piped_to_commands_that_read_them_are_taken() {
    assert_taken(&[
        (
            "echo S3cretPw99 | docker login --username bob --password-stdin",
            &["S3cretPw99"],
            &["| docker login --username bob --password-stdin"],
        ),
        (
            "echo 'S3cr!tPw99' | docker login -u bob --password-stdin reg.io",
            &["S3cr!tPw99"],
            &["reg.io"],
        ),
        (
            "printf '%s' S3cretPw99 | helm registry login --password-stdin",
            &["S3cretPw99"],
            &["helm registry login"],
        ),
        (
            "echo -n \"Qm7vT2xLp4\" | passwd --stdin bob",
            &["Qm7vT2xLp4"],
            &["passwd --stdin bob"],
        ),
        (
            "echo S3cretPw99 | sudo -S apt-get update",
            &["S3cretPw99"],
            &["apt-get update"],
        ),
        (
            "echo 'bob:S3cretPw99' | chpasswd",
            &["S3cretPw99"],
            &["bob:", "chpasswd"],
        ),
    ]);
    assert_kept(&[
        "echo $REGISTRY_TOKEN | docker login --password-stdin",
        "cat ~/pw.txt | docker login --username bob --password-stdin",
        "--password-stdin reads from stdin",
        "echo hello | grep h",
        "echo hello | grep --stdin",
        "echo done | tee -a log.txt",
    ]);
}

#[test]
fn a_user_and_password_after_a_login_label_are_taken() {
    assert_taken(&[
        (
            "login: admin / Adm1nPass!",
            &["Adm1nPass!"],
            &["login: admin / "],
        ),
        (
            "Login: admin / Adm1nPass! then click save",
            &["Adm1nPass!"],
            &["then click save"],
        ),
        ("login admin:Zq8!wrtLmn", &["Zq8!wrtLmn"], &["login admin:"]),
        (
            "log in with admin / Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["log in with admin"],
        ),
        (
            "sign in with ops-user / Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["sign in with ops-user / "],
        ),
        (
            "WiFi: GuestNet / CoffeeShop2024",
            &["CoffeeShop2024"],
            &["WiFi: GuestNet"],
        ),
        (
            "here are the creds: bob / Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["here are the creds"],
        ),
        (
            "user/pass = admin / Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["user/pass = "],
        ),
        // The label alone still takes its value.
        ("user/pass: Zq8!wrtLmn", &["Zq8!wrtLmn"], &["user/pass: "]),
        (
            "account: ops@example.com / Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["account: "],
        ),
    ]);
    assert_kept(&[
        "login failed for admin",
        "Login: failed / retry",
        "login page returns 500",
        "login: admin",
        "account: settings / profile",
        "wifi: on / off",
        "wifi: 5GHz / 2.4GHz",
        "sign in with Google / Apple",
        "the account was created at 10:30",
        "log in at 09:15 tomorrow",
    ]);
}

#[test]
fn short_password_labels_are_taken() {
    assert_taken(&[
        ("pw: Zq8!wrtLmn", &["Zq8!wrtLmn"], &["pw: "]),
        ("pw Zq8!wrtLmn", &["Zq8!wrtLmn"], &["pw "]),
        ("my pw is hunter2", &["hunter2"], &["my pw is "]),
        ("root pw is Zq8!wrtLmn", &["Zq8!wrtLmn"], &["root pw is "]),
        ("pswd: Zq8!wrtLmn", &["Zq8!wrtLmn"], &["pswd: "]),
        ("pword: Zq8!wrtLmn", &["Zq8!wrtLmn"], &["pword: "]),
    ]);
    assert_kept(&["pw reset flow is broken", "the pw field is required"]);
}

#[test]
fn a_dash_between_a_label_and_its_value_is_a_separator() {
    assert_taken(&[
        ("Password - Zq8!wrtLmn", &["Zq8!wrtLmn"], &["Password - "]),
        ("Pwd — Zq8!wrtLmn", &["Zq8!wrtLmn"], &["Pwd — "]),
        ("token – a1B2c3D4e5F6", &["a1B2c3D4e5F6"], &["token – "]),
    ]);
    assert_kept(&["Password - must be 8 characters", "password - see the wiki"]);
}

#[test]
fn a_value_changed_to_a_new_one_is_taken() {
    assert_taken(&[
        (
            "password reset to Zq8!wrtLmn",
            &["Zq8!wrtLmn"],
            &["password reset to "],
        ),
        (
            "password was changed to \"Zq8!wrtLmn\"",
            &["Zq8!wrtLmn"],
            &["password was changed to"],
        ),
        (
            "the admin password has been set to Zq8!wrtLmn for now",
            &["Zq8!wrtLmn"],
            &["for now"],
        ),
    ]);
    assert_kept(&[
        "password reset to default",
        "password changed to meet the policy",
        "the password was reset to the default",
    ]);
}

#[test]
fn codes_named_by_what_they_unlock_are_taken() {
    assert_taken(&[
        ("gate code 4921", &["4921"], &["gate code "]),
        ("alarm code: 4921", &["4921"], &["alarm code: "]),
        ("door code 4921, see you", &["4921"], &[", see you"]),
        ("your 2FA code: 482913", &["482913"], &["your 2FA code: "]),
        (
            "WPA key: CoffeeShop2024",
            &["CoffeeShop2024"],
            &["WPA key: "],
        ),
    ]);
    assert_kept(&[
        "code 404 not found",
        "exit code 1",
        "status code 201",
        "the gate code changed last week",
    ]);
}

#[test]
fn a_code_in_a_message_that_tells_what_it_is_for_is_taken() {
    assert_taken(&[
        (
            "482913 is your Google verification code",
            &["482913"],
            &[" is your Google verification code"],
        ),
        (
            "G-482913 is your Google verification code",
            &["482913"],
            &["G-", " is your Google verification code"],
        ),
        (
            "enter the code 482913 to continue",
            &["482913"],
            &["enter the code ", " to continue"],
        ),
        ("use code 4921 to unlock", &["4921"], &[" to unlock"]),
        ("Your code is 738201", &["738201"], &["Your code is "]),
        (
            "Your Uber code: 7382. Never share this code.",
            &["7382"],
            &["Your Uber code: ", ". Never share this code."],
        ),
        (
            "Use 738201 as your verification code",
            &["738201"],
            &[" as your verification code"],
        ),
    ]);
    assert_kept(&[
        "your error code: 5001",
        "Your error code is 404",
        "your code is ready",
        "exit code: 1",
        "use code review before merging",
        "enter the code below",
        "404 is your error code",
        "10 is your limit",
    ]);
}

#[test]
fn a_list_of_codes_after_a_plural_label_is_taken_whole() {
    assert_taken(&[
        (
            "backup codes: 12345678 87654321",
            &["12345678", "87654321"],
            &["backup codes: "],
        ),
        (
            "recovery codes: 8f3k-2m9x 7p1q-4z8w 3n6r-9b2v",
            &["8f3k-2m9x", "7p1q-4z8w", "3n6r-9b2v"],
            &["recovery codes: "],
        ),
    ]);
    assert_kept(&["backup codes: 3", "recovery codes: generated", "tokens: 12"]);
}

#[test]
fn a_passphrase_of_several_words_is_taken_whole() {
    assert_taken(&[
        (
            "passphrase: correct horse battery staple",
            &["correct", "horse", "battery", "staple"],
            &["passphrase: "],
        ),
        (
            "wpa_passphrase=blue river sunset 42\nssid=HomeNet",
            &["blue river", "sunset 42"],
            &["ssid=HomeNet"],
        ),
    ]);
    assert_kept(&["passphrase: required", "the passphrase field is empty"]);
}

#[test]
fn variable_references_and_prose_after_flags_are_kept() {
    assert_kept(&[
        "curl -u $USER:$PASS https://api.example.com",
        "curl -u \"$USER:$TOKEN\" https://api.example.com",
        "echo $PASSWORD then run the job",
        "use --password to pass it",
        "pass it with --token instead",
        "use --api-key for the staging cluster",
    ]);
    // A flag's value after a flag that takes one is not that value.
    assert_taken(&[(
        "keytool -importkeystore -srcstorepass S3cretPw99 -deststorepass An0therPw88",
        &["S3cretPw99", "An0therPw88"],
        &["-srcstorepass ", "-deststorepass "],
    )]);
}

#[test]
fn the_answer_to_a_security_question_is_taken() {
    assert_taken(&[
        (
            "security question answer is Fluffy",
            &["Fluffy"],
            &["security question answer is "],
        ),
        (
            "Answer to security question: Fluffy",
            &["Fluffy"],
            &["Answer to security question: "],
        ),
        (
            "secret question: first pet? answer: Fluffy",
            &["Fluffy"],
            &["secret question: first pet? answer: "],
        ),
        (
            "the answer to my security question is New York, ok?",
            &["New York"],
            &[", ok?"],
        ),
        (
            "security answer: Fluffy",
            &["Fluffy"],
            &["security answer: "],
        ),
    ]);
    assert_kept(&[
        "the security question is required",
        "security answer was wrong",
        "what is your security question?",
        "Set up a security question and answer in settings",
        "My secret answer is the same as yours",
    ]);
}
