//! Values that a sensitive name announces inside free text: the structural
//! pass over log lines, command lines, query strings, SQL, XML and config
//! files held in strings.
//!
//! One case-insensitive literal search (Aho-Corasick) finds the words of
//! every key rule in a text, cheap on clean text. Around each occurrence the
//! whole name is read (`DB_PASSWORD`, `x-api-key`), [`KeyRules::lookup`]
//! decides whether it announces a secret exactly as it does for an object
//! key, and the value is read after one of the shapes people write:
//!
//! - `name=value`, `name: value`, `name := value`, `name => value`,
//!   `"name": "value"`, `name%3Dvalue` (percent-encoded, once or twice);
//! - `--name value`, `-name value` (a flag and its argument);
//! - `name 'value'` (SQL `PASSWORD '...'`), `<name>value</name>`,
//!   `<name value="..."/>`;
//! - `name value` and `name is value`, only when the value looks like a
//!   credential (digits or symbols or mixed case, six characters or more),
//!   so prose (`password reset requested`) stays as it is; a label of a
//!   few words before the verb (`the api key for staging is x`, `my docker
//!   auth config is x`) when its first word after the name qualifies it
//!   ([`LABEL_QUALIFIERS`]);
//! - `name is value` of a person's name, address or date of birth (or a
//!   generic person field, `the patient's address was ...`), when what
//!   follows the verb reads as that field: a run of capitalised words, a
//!   clause that reads as an address or a date ([`crate::prose`]);
//!
//! A quoted value runs to its closing quote. An unquoted secret runs to the
//! next space or delimiter; an unquoted personal value (a rule that
//! pseudonymizes: `name: John Smith`, `address: 12 Main St`) and a seed
//! phrase run to the end of the field. A value may also follow a dot
//! leader (`PIN BLOCK ...... x`), be a YAML block scalar (`key: |` and the
//! lines indented under it), a `<![CDATA[...]]>` section, or a plan's
//! `"old" -> "new"` (both taken); a quoted name may sit in brackets
//! (`os.environ["NAME"] = "x"`). A few shapes need their own pattern:
//! SQL's `IDENTIFIED BY '...'`, `mysql -p<password>`, `curl -u
//! user:password`, IMAP's `a001 LOGIN user password` and PowerShell's
//! `ConvertTo-SecureString '...'`, the arguments by which tools take a
//! secret ([`SECRET_ARGUMENTS`]: `docker login -p`, `zip -P`, `smbclient
//! -U user%x`, `net use \\srv\share x`, ...), a secret piped to a command
//! that reads it (`echo x | docker login --password-stdin`), a user and a
//! password after a login label (`login: admin / x`, `creds bob:x`) and
//! a code in a message (`482913 is your verification code`, `enter the
//! code 482913`). A plural name takes a list of codes after its colon
//! (`backup codes: 1234 5678`), a passphrase runs over spaces to the end
//! of its field, and a dash between spaces separates a label from a value
//! that looks like a credential (`Password - x`), as does a change of the
//! value (`password reset to x`).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};

use crate::error::Error;
use crate::keys::{self, KeyRules, NameMatch};
use crate::person::PersonKey;
use crate::prose::{self, Reads};
use crate::spans::Spans;

/// Whether a name announces a secret-looking value (the entropy rule's
/// names), given a scratch string.
pub(crate) type NameTest<'a> = &'a dyn Fn(&str, &mut String) -> bool;

/// What [`NameValues::find`] needs to know of the sanitizer's rules.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The key rules.
    pub(crate) rules: &'a KeyRules,
    /// Whether a rule takes personal data (its value may hold spaces).
    pub(crate) personal: &'a dyn Fn(usize) -> bool,
    /// Whether a rule takes an identifier (a national id, a passport, an
    /// account, a card, a phone): in text its value must read as one
    /// ([`writes_an_identifier`]).
    pub(crate) identifier: &'a dyn Fn(usize) -> bool,
    /// The rule SQL's `IDENTIFIED BY` and mysql's `-p` report under.
    pub(crate) password_rule: Option<usize>,
    /// The rule whose short codes are taken after a space (`PIN 4921`).
    pub(crate) pin_rule: Option<usize>,
    /// The entropy rule, and which names it watches.
    pub(crate) entropy: Option<(usize, NameTest<'a>)>,
    /// The rules of a person's name and of a street address, for generic
    /// fields (`customer=...`, `address: ...`) whose value has that shape.
    pub(crate) person: Option<(usize, usize)>,
    /// The rule of a date of birth: in prose, its value is taken when it
    /// reads as a date (`my dob is 21 August 1961`).
    pub(crate) birth: Option<usize>,
    /// What a name says about a person ([`PersonKey::of`]), given a
    /// scratch string.
    pub(crate) person_key: &'a dyn Fn(&str, &mut String) -> PersonKey,
    /// What the detectors take in the text: a word inside a secret (`NIr`
    /// in `ghp_...A0NIrAa00...`) is part of it, not a name.
    pub(crate) taken: &'a Spans,
}

/// One value found: its span and the rule whose name announced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: usize,
}

/// The compiled finder.
#[derive(Debug)]
pub(crate) struct NameValues {
    /// The parts of every key rule's words, then [`SPECIAL_WORDS`]: one
    /// case-insensitive literal search, cheap on clean text.
    words: AhoCorasick,
    /// How many of `words` are parts of key words.
    n_names: usize,
    /// Whether each of the first `n_names` words is only ever a whole
    /// token of a name ([`KeyRules::token_needles`]): a hit of one inside
    /// a longer token (`ic` in `public`) is skipped unread.
    token_only: Vec<bool>,
    /// For each name, whether it is also one of [`SPECIAL_WORDS`].
    also_special: Vec<bool>,
    /// SQL's `IDENTIFIED BY '...'`, `mysql -p...`, `sshpass -p ...`, and
    /// the flags by which tools take a secret (`snmpwalk -c`, `snmp-server
    /// community`, `ipmitool -P`, `redis-cli -a`, `keytool -storepass`,
    /// `openssl -passin pass:`, `sqlcmd -P`), run only when one of
    /// [`SPECIAL_WORDS`] is in the text.
    special: Regex,
}

/// Words that, after `name:`, say a value is absent or in some state
/// rather than being the value (`token: expired`).
const STATE_WORDS: &[&str] = &[
    "expired",
    "invalid",
    "missing",
    "required",
    "reset",
    "changed",
    "updated",
    "revoked",
    "refreshed",
    "rotated",
    "set",
    "unset",
    "none",
    "null",
    "empty",
    "hidden",
    "redacted",
    "masked",
    "provided",
    "present",
    "absent",
    "ok",
    "valid",
    "true",
    "false",
    "yes",
    "no",
    "mismatch",
    "incorrect",
    "wrong",
    "accepted",
    "rejected",
    "denied",
    "failed",
    "ignored",
    "unknown",
    "pending",
    "generated",
    "created",
    "deleted",
    "stored",
    "saved",
    "sent",
];

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80
}

/// Whether `before` ends with the opening of an XML element's name: `<`,
/// or `<prefix:` of a namespaced one.
fn opens_element(before: &str) -> bool {
    if before.ends_with('<') {
        return true;
    }
    let Some(ns) = before.strip_suffix(':') else {
        return false;
    };
    let prefix = ns.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    prefix.len() < ns.len() && prefix.ends_with('<')
}

/// The start of the word before a name starting at `start`, when one
/// space separates them; `start` otherwise.
fn word_before(bytes: &[u8], start: usize) -> usize {
    if start < 2 || bytes[start - 1] != b' ' || !is_name_char(bytes[start - 2]) {
        return start;
    }
    let mut s = start - 1;
    while s > 0 && is_name_char(bytes[s - 1]) {
        s -= 1;
    }
    // A possessive is part of the word (`Driver's license`, `mother's
    // maiden name`).
    if s >= 2
        && bytes[s - 1] == b'\''
        && start - s == 2
        && bytes[s] == b's'
        && is_name_char(bytes[s - 2])
    {
        s -= 1;
        while s > 0 && is_name_char(bytes[s - 1]) {
            s -= 1;
        }
    }
    // A word that ends a sentence (`des Kontos. reference: x`) is no part
    // of the next one's name; an abbreviation (`Acct. number`, `Soc. Sec.
    // No.`) of four letters or fewer is.
    if bytes[start - 2] == b'.' && start - 2 - s > 4 {
        return start;
    }
    s
}

/// The end of the word after a name ending at `end`, when one space
/// separates them; `end` otherwise.
fn word_after(bytes: &[u8], end: usize) -> usize {
    if bytes.get(end) != Some(&b' ') || !bytes.get(end + 1).is_some_and(|b| is_name_char(*b)) {
        return end;
    }
    let mut e = end + 1;
    while e < bytes.len() && is_name_char(bytes[e]) {
        e += 1;
    }
    e
}

/// Whether `start..end` of `bytes` may be a whole token of a name (as
/// `keys::token_ends` splits one): no ASCII letter or digit glued to
/// either end, unless a lower-case letter or digit meets a capital there
/// (`userPin`, `pinCode`). A byte of another script counts as a
/// boundary, so that nothing is skipped that might be one.
fn token_bounded(bytes: &[u8], start: usize, end: usize) -> bool {
    let boundary = |before: Option<&u8>, after: Option<&u8>| match (before, after) {
        (Some(b), Some(a)) if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric() => {
            (b.is_ascii_lowercase() || b.is_ascii_digit()) && a.is_ascii_uppercase()
        }
        _ => true,
    };
    let at_start = boundary(
        start.checked_sub(1).and_then(|i| bytes.get(i)),
        bytes.get(start),
    );
    let at_end = boundary(
        end.checked_sub(1).and_then(|i| bytes.get(i)),
        bytes.get(end),
    );
    at_start && at_end
}

/// Whether a password flag's argument after a user flag (`-u bob -p x`)
/// is a password: not a port or a port mapping (`-p 2222`, `-p
/// 8080:80`), not a setting (`psql -P pager=off`), and not MySQL's
/// database name (`mysql -u root -p mydb` prompts for the password).
/// `true` for what is no such argument.
fn user_pass_value(text: &str, caps: &regex::Captures<'_>) -> bool {
    let Some(value) = caps
        .name("user_pass_p")
        .or_else(|| caps.name("user_pass_P"))
    else {
        return true;
    };
    let v = value.as_str();
    let line_start = text[..value.start()].rfind('\n').map_or(0, |i| i + 1);
    let command = &text[line_start..value.start()];
    !v.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'-' | b'/'))
        && !v.contains('=')
        && !command.contains("mysql")
        && !command.contains("mariadb")
}

/// Whether `value` looks like a credential rather than a word of prose.
fn credential_like(value: &str) -> bool {
    let has_digit = value.bytes().any(|b| b.is_ascii_digit());
    let has_symbol = value.bytes().any(|b| b.is_ascii_punctuation());
    let has_upper = value.bytes().skip(1).any(|b| b.is_ascii_uppercase());
    let has_lower = value.bytes().any(|b| b.is_ascii_lowercase());
    value.len() >= 6 && (has_digit || has_symbol || (has_upper && has_lower))
}

/// The separator after a name, and how the value may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `=`, `:`, `:=`, `=>`, `%3D`, `>` of an XML tag.
    Explicit,
    /// Percent-encoded `=`: the value ends at the next `%`.
    Encoded,
    /// Only spaces (a flag's argument, `PASSWORD 'x'`, `password is x`).
    Space,
}

/// The value of a tool's argument that takes a secret: quoted, or a run
/// of characters up to a space or a quote, not a flag (`-p` before
/// `--authenticationDatabase` asks for a prompt), a path or `*` (a prompt
/// too).
const SECRET_ARGUMENT: &str = r#"(?:'([^'\n]+)'|"([^"\n]+)"|([^\s'"\-/*][^\s'"]*))"#;

/// Tools that take a secret on their command line, and where: `(tool,
/// argument)`, two expressions, the first matching the command (and a
/// subcommand that the flag belongs to: `docker login -p`, not `docker
/// run -p 8080:80`), the second what stands between the rest of the
/// command and the secret ([`SECRET_ARGUMENT`]), within one command of a
/// line (not past `|`, `;` or `&`); after a `^`, what stands between the
/// command's name and the secret (a positional argument, counted from the
/// name). A flag is matched case-sensitively
/// where tools give the other case another meaning (`zip -P` a password,
/// `ldapsearch -W` a prompt). Every tool here is also one of
/// [`SPECIAL_WORDS`], so that the expression runs only where one is named.
const SECRET_ARGUMENTS: &[(&str, &str)] = &[
    // Registry logins: `-p x`, `-p=x`.
    (
        r"(?:docker|podman|buildah|nerdctl|skopeo|oras|crane|helm\s+registry|az\s+acr)\s+login",
        r"\s(?-i:-p)(?:\s+|=)",
    ),
    (r"az\s+login", r"\s(?-i:-p)(?:\s+|=)"),
    // MongoDB's shells and tools, remote desktops and remote shells.
    (
        r"mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop|mongofiles|rdesktop|psexec|psexec64|paexec|winexe|cqlsh|rabbitmqadmin",
        r"\s(?-i:-p)(?:\s+|=)",
    ),
    // `-P x`: MQTT clients, SQL Server's bulk copy, zip's encryption.
    (
        r"mosquitto_pub|mosquitto_sub|mosquitto_rr|bcp|isql|osql|zip|unzip|zipcloak",
        r"\s(?-i:-P)\s*",
    ),
    // 7-Zip's `-px`, written against its flag.
    (r"7z|7za|7zr", r"\s(?-i:-p)"),
    // OpenLDAP's clients: `-w x` (`-W` prompts), `ldappasswd -s new`
    // (`ldapsearch -s` is a scope).
    (
        r"ldapsearch|ldapmodify|ldapadd|ldapdelete|ldapwhoami|ldappasswd|ldapcompare|ldapmodrdn|ldapexop",
        r"\s(?-i:-w)\s*",
    ),
    (r"ldappasswd", r"\s(?-i:-s)\s*"),
    // `openssl enc -k x` and `-pass pass:x` of any subcommand.
    (r"openssl", r"\s(?:(?-i:-k)\s+|-pass\s+pass:)"),
    // Windows' `schtasks /rp x` (the task user's password).
    (r"schtasks", r"\s/rp\s+"),
    // FreeRDP's `/p:x`.
    (r"xfreerdp|wlfreerdp|sdl-freerdp|freerdp", r"\s/p:"),
    // Samba's and its kin's `-U user%password`.
    (
        r"smbclient|rpcclient|smbcacls|smbget|smbmap|smbcquotas|winexe|net\s+rpc|net\s+ads",
        r#"\s(?:-U|--user|--username)[=\s]\s*['"]?[^\s%'"]+%"#,
    ),
    // lftp's `-u user,password`.
    (r"lftp", r#"\s-u\s+['"]?[^\s,'"]+,"#),
    // `mysql -p'x'` and `-p"x"`: the quoted form of `-px`.
    (
        r"mysql|mysqldump|mysqladmin|mariadb|mariadb-dump",
        r"\s(?-i:-p)",
    ),
    // Positional passwords: `net use \\srv\share x /user:bob` (after the
    // share and its options), `net user bob x /add`, `htpasswd -b file
    // user x` (the command's last argument, after the file and the user or
    // the user alone), `rabbitmqctl add_user bob x`, `wpa_passphrase ssid
    // x`, Oracle's `sqlplus user/x@db` (not its old `exp`, `imp`: a
    // card's `exp 12/27`).
    (r"net\s+use", r#"\s\\\\[^\s'"]+(?:\s+/[^\s'"]+)*\s+"#),
    (r"net\s+user", r#"^\s+(?:"[^"\n]+"|[^\s/'"]+)\s+"#),
    (
        r"htpasswd",
        r"^(?:\s+-[a-zA-Z]+)*?\s+-[a-zA-Z]*(?-i:b)[a-zA-Z]*(?:\s+-[a-zA-Z]+)*(?:\s+[^\s-]\S*){1,2}\s+",
    ),
    (
        r"wpa_passphrase",
        r#"^[ \t]+(?:"[^"\n]+"|'[^'\n]+'|[^\s'"]+)[ \t]+"#,
    ),
    (
        r"sqlplus|expdp|impdp|sqlldr|rman|dgmgrl",
        r#"^\s+(?:-[sSlL]\w*\s+)*['"]?[^\s/'"@-][^\s/'"@]*/"#,
    ),
    (
        r"rabbitmqctl",
        r#"\s(?:add_user|change_password|authenticate_user)\s+(?:'[^'\n]+'|"[^"\n]+"|\S+)\s+"#,
    ),
];

/// Words that announce the shapes [`NameValues::special`] reads. None
/// holds a name's word where a name may start (the search finds one word
/// at a place: `wpa_passphrase` here would hide the name in
/// `wpa_passphrase=x`); a name that is one of them (`creds`) announces
/// them too.
const SPECIAL_WORDS: &[&str] = &[
    "identified",
    "mysql",
    "mariadb",
    "sshpass",
    "curl",
    "login",
    "securestring",
    "snmp",
    "ipmitool",
    "redis-cli",
    "keytool",
    "openssl",
    "sqlcmd",
    "radius-server",
    "tacacs-server",
    // The tools of [`SECRET_ARGUMENTS`] not named above.
    "docker",
    "podman",
    "buildah",
    "nerdctl",
    "skopeo",
    "oras",
    "crane",
    "helm registry",
    "az login",
    "az acr",
    "mongo",
    "rdesktop",
    "psexec",
    "paexec",
    "winexe",
    "mosquitto_",
    "bcp",
    "zip",
    "7z",
    "ldap",
    "freerdp",
    "smbclient",
    "smbcacls",
    "smbget",
    "smbmap",
    "smbcquotas",
    "rpcclient",
    "net use",
    "net user",
    "net rpc",
    "net ads",
    "lftp",
    "htpasswd",
    "rabbitmqctl",
    "rabbitmqadmin",
    "cqlsh",
    "isql",
    "osql",
    "schtasks",
    // With its space: `wpa_passphrase=x` is the name, read as one.
    "wpa_passphrase ",
    "sqlplus",
    "expdp",
    "impdp",
    "sqlldr",
    "rman",
    "dgmgrl",
    // A user flag, before a password flag (`-u bob -p x`).
    " -u ",
    // Labels of a login (with `login` above), before a user and a secret.
    "log in",
    "logon",
    "sign in",
    "signin",
    "sign-in",
    "sign on",
    "account",
    "acct",
    "wifi",
    "wi-fi",
    "wlan",
    "ssid",
    "creds",
    "credentials",
    "u/p",
    // Codes in a message: `482913 is your code`, `enter the code 482913`.
    "is your",
    "as your",
    "your code",
    "code is",
    "code:",
    "security answer",
    "secret answer",
    "question answer",
    "security question",
    "secret question",
    "enter the code",
    "enter code",
    "enter this code",
    "use code",
    "use the code",
    "use this code",
    "type the code",
    "type code",
    "input code",
    // Commands that read a secret piped to them.
    "password-stdin",
    "--stdin",
    "sudo -S",
    "chpasswd",
];

/// Phrases a person gives their address with, in prose (`I live at 12
/// Main St`); what follows is taken when it reads as a street address
/// ([`crate::person::looks_like_an_address`]).
const ADDRESS_INTROS: &[&str] = &[
    "i live at",
    "my address is",
    "my home address is",
    "ship it to",
    "ship to",
    "deliver it to",
    "send it to",
    "j'habite au",
    "j'habite",
    "ich wohne in der",
    "ich wohne in",
    "vivo en",
    "moro na",
    "abito in",
];

/// Phrases a person introduces their name with, in prose (`my name is
/// Inès Schäfer`); what follows is taken when it reads as a name
/// ([`crate::person::looks_like_a_name`]).
const NAME_INTROS: &[&str] = &[
    "my name is",
    "my full name is",
    "je m'appelle",
    "mon nom est",
    "ich heiße",
    "ich heisse",
    "mein name ist",
    "me llamo",
    "mi nombre es",
    "mi chiamo",
    "il mio nome è",
    "meu nome é",
    "mijn naam is",
    "jag heter",
    // Weak intros, last: the words after them must read as a person's
    // name and nothing else (`I'm Tomasz Kowalski`, not `I'm Team Lead`).
    "i'm",
    "i’m",
    "i am",
];

/// How many of [`NAME_INTROS`], at its end, are weak.
const WEAK_NAME_INTROS: usize = 3;

impl NameValues {
    /// A finder for the words of `rules`; `None` when there are none.
    pub(crate) fn new(rules: &KeyRules) -> Result<Option<NameValues>, Error> {
        if rules.is_empty() {
            return Ok(None);
        }
        let mut needles: Vec<String> = rules.text_needles().collect();
        needles.extend(crate::rules::ENTROPY_KEYS.iter().map(|w| (*w).to_owned()));
        // The search folds ASCII case only: a word with other letters is
        // also looked for in capitals and capitalised (`ПАРОЛЬ`, `Пароль`,
        // `CONTRASEÑA`).
        let folded: Vec<String> = needles
            .iter()
            .filter(|w| !w.is_ascii())
            .flat_map(|w| {
                let mut chars = w.chars();
                let capitalised = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>());
                [Some(w.to_uppercase()), capitalised]
            })
            .flatten()
            .collect();
        needles.extend(folded);
        needles.sort();
        needles.dedup();
        let n_names = needles.len();
        let token = rules.token_needles();
        // The entropy rule's fragments (`sig`, `pass`) are looked for
        // inside names (`jwsig`): never only whole tokens.
        let token_only = needles
            .iter()
            .map(|n| {
                let n = n.to_ascii_lowercase();
                token.binary_search(&n).is_ok() && !crate::rules::ENTROPY_KEYS.contains(&n.as_str())
            })
            .collect();
        // A name that is also a special word (`creds`, `account`) is found
        // as the name: it announces the special shapes too.
        let also_special = needles
            .iter()
            .map(|n| SPECIAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(n)))
            .collect();
        needles.extend(SPECIAL_WORDS.iter().map(|w| (*w).to_owned()));
        needles.extend(NAME_INTROS.iter().map(|w| (*w).to_owned()));
        needles.extend(ADDRESS_INTROS.iter().map(|w| (*w).to_owned()));
        needles.extend(prose::FACT_CUES.iter().map(|w| (*w).to_owned()));
        let words = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&needles)
            .map_err(|e| Error::Rule {
                rule: "key names in text".into(),
                message: e.to_string(),
            })?;
        let mut expression = String::from(
            r#"\bidentified\s+(?:with\s+[\w-]+\s+)?by\s+(?:password\s+)?['"`](?P<q>[^'"`\n]+)['"`]|\bidentified\s+by\s+(?P<unquoted>[^\s'"`;,)]+)|(?:^|[\s`'"=>(|;])(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n]*?\s-p(?P<p>[^\s'"]{3,})|\bsshpass\s+-p\s*(?P<s>\S+)|\bcurl\b[^\n]*?\s(?:-u|--user)\s*['"]?[^\s:'"]+:(?P<c>[^\s'"]+)|(?m:^[A-Za-z]{0,4}[0-9]{1,6}[ \t]+(?-i:LOGIN)[ \t]+(?:"[^"\n]*"|[^\s"]+)[ \t]+(?:"(?P<i>[^"\n]+)"|(?P<j>[^\s"]+)))|\bconvertto-securestring\s+(?:-string\s+)?(?:'(?P<w>[^'\n]+)'|"(?P<x>[^"\n]+)")|(?:^|[\s`'"=>(|;])snmp(?:walk|bulkwalk|get|getnext|bulkget|set|table|trap|delta|df|netstat|status)\b[^\n]*?\s-c\s*(?P<snmp>[^\s'"]+)|\bsnmp-server\s+community\s+(?P<community>[^\s'"]+)|\bipmitool\b[^\n]*?\s(?-i:-P)\s*(?P<ipmi>[^\s'"]+)|\bredis-cli\b[^\n]*?\s(?:-a|--pass)\s+(?P<redis>[^\s'"]+)|\bkeytool\b[^\n]*?\s-(?:src|dest|new)?(?:storepass|keypass)\s+(?P<keytool>[^\s'"]+)|\bopenssl\b[^\n]*?\s-pass(?:in|out)\s+pass:(?P<openssl>[^\s'"]+)|\bsqlcmd\b[^\n]*?\s(?-i:-P)\s*(?P<sqlcmd>[^\s'"]+)|\b(?:radius|tacacs)-server\b[^\n]*?\skey\s+(?:[067]\s+)?(?P<aaa>[^\s'"]+)"#,
        );
        for (tool, argument) in SECRET_ARGUMENTS {
            expression.push_str(r#"|(?:^|[\s`'"=>(|;&])(?:"#);
            expression.push_str(tool);
            expression.push_str(r")\b");
            // A positional argument is counted from the command's name.
            match argument.strip_prefix('^') {
                Some(argument) => expression.push_str(argument),
                None => {
                    expression.push_str(r"[^\n|;&]*?");
                    expression.push_str(argument);
                }
            }
            expression.push_str(SECRET_ARGUMENT);
            // `htpasswd -b file user x`: the password is the last argument.
            if *tool == "htpasswd" {
                expression.push_str(r"[ \t]*(?m:$|[|;&])");
            }
        }
        // `oc login -u bob -p x`, `mycli -u bob -p x`, `tool -U sa -P x`: a
        // password flag after a user flag of the same case, in one command
        // (a port, a port mapping, `pager=off` are filtered out below).
        for (user, pass) in [("u", "p"), ("U", "P")] {
            expression.push_str(r#"|(?:^|[\s;|&])(?-i:-"#);
            expression.push_str(user);
            expression
                .push_str(r#")\s*['"]?[^\s'"\-][^\s'"]*['"]?(?:[ \t]+[^\s;|&]+)*?[ \t]+(?-i:-"#);
            expression.push_str(pass);
            expression.push_str(r#")[ \t]+(?P<user_pass_"#);
            expression.push_str(pass);
            expression.push_str(r#">[^\s'"\-/*][^\s'"]*)"#);
        }
        // `482913 is your Google verification code`, `G-482913 is your
        // code`: a code before the message that names it; `enter the code
        // 482913`, `use code 4921 to unlock`: a code the reader is told to
        // type.
        expression.push_str(
            r"|\b(?:[A-Z]{1,3}-)?(\d{4,8})\s+(?:is|as)\s+your\s+(?:[\w-]+\s+){0,4}?(?:code|otp|pin|passcode|password)\b",
        );
        expression.push_str(
            r"|\b(?:enter|use|type|input)\s+(?:the\s+|this\s+)?(?:code|pin|otp)\s*:?\s+(\d{4,8})\b",
        );
        // `Your code is 738201`, `Your Uber code: 7382`, `your login
        // code: 738201`: a code of four digits or more (not an HTTP status
        // or an exit code) given to its reader, after what it is for or a
        // sender's capitalised name.
        expression.push_str(
            r"|\byour\s+(?:(?-i:[A-Z][A-Za-z]+)\s+)?(?:(?:verification|security|login|sign-in|one-time|2fa|mfa|otp|sms|access|auth|authentication|confirmation)\s+)?code\s*(?::|\bis\b)\s*(?:[A-Z]{1,3}-)?(\d{4,8})\b",
        );
        // The answer to a security question: `security answer is x`,
        // `answer to my security question: x`, `secret question: first
        // pet? answer: x`; one word, or capitalised words (`New York`).
        expression.push_str(
            r"|\b(?:(?:security|secret)\s+(?:question\s+)?answer|answer\s+to\s+(?:my\s+|the\s+|your\s+)?(?:security|secret)\s+question|(?:security|secret)\s+question\s*:?[^\n?]{0,80}\?\s*(?:answer)?)\s*(?:\bis\b|\bwas\b|[:=-])?\s*['\x22]?((?-i:[^\s.,;!?'\x22]+(?:[ \t][A-Z][^\s.,;!?'\x22]*)*))",
        );
        // `echo x | docker login --password-stdin`, `printf '%s' x | passwd
        // --stdin bob`, `echo 'bob:x' | chpasswd`: a secret piped to a
        // command that reads it from its input.
        expression.push_str(
            r#"|\b(?:echo|printf)\s+(?:-[a-zA-Z]+\s+)*(?:'%s(?:\\n)?'\s+|"%s(?:\\n)?"\s+)?"#,
        );
        expression.push_str(SECRET_ARGUMENT);
        expression.push_str(
            r"[ \t]*\|[^\n|;&]*?(?:--password-stdin|\bpasswd\b[^\n|;&]*?\s--stdin\b|\bsudo\s+-S\b)",
        );
        expression.push_str(r#"|\b(?:echo|printf)\s+(?:-[a-zA-Z]+\s+)*['"]?[^\s:'"|]+:"#);
        expression.push_str(r#"(?:([^\s'"|]+)|'([^'\n]+)'|"([^"\n]+)")"#);
        expression.push_str(r#"['"]?\s*\|\s*(?:sudo\s+)?chpasswd\b"#);
        // `login: admin / x`, `creds bob:x`, `WiFi: GuestNet / x`, `log
        // in with admin / x`: after a label of a login, a user and the
        // secret, separated by a slash or a colon; the user starts with a
        // letter (`wifi: 5GHz / 2.4GHz` is two bands) and an unquoted
        // secret is taken when it looks like one (`Login: failed / retry`
        // is prose).
        expression.push_str(
            r#"|\b(?:log(?:-?in|on|[ \t]+in)|sign(?:-?in|[ \t]+in|[ \t]+on)|account|acct|wi-?fi|wlan|ssid|creds|credentials|u/p|(?:user(?:name)?|login)[ \t]*/[ \t]*pass(?:word)?)\b(?:[ \t]+(?:is|are|with|as|using|was))?(?:[ \t]*(?:[:=-]|=>)[ \t]*|[ \t]+)['"]?[A-Za-z][^\s/:'",]*['"]?(?:[ \t]*/[ \t]*|:)(?:'(?P<pairq>[^'\n]+)'|"(?P<pairqq>[^"\n]+)"|(?P<pair>[^\s'"]+))"#,
        );
        let special = RegexBuilder::new(&expression)
            .case_insensitive(true)
            .build()
            .map_err(|e| Error::Regex {
                rule: "key names in text".into(),
                source: Box::new(e),
            })?;
        Ok(Some(NameValues {
            words,
            n_names,
            token_only,
            also_special,
            special,
        }))
    }

    /// The values sensitive names announce in `text`, in order, not
    /// overlapping.
    pub(crate) fn find(&self, text: &str, ctx: &Context<'_>, scratch: &mut String) -> Vec<Found> {
        let Context {
            rules,
            personal,
            identifier,
            password_rule,
            pin_rule,
            entropy,
            person,
            birth,
            person_key,
            taken,
        } = *ctx;
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        // A value is written after a separator or a space, in a call
        // (`setPassword("x")`), or in a script written without spaces
        // (kana, CJK, Hangul) right after its label: a text with none (an
        // id, a hash, a token) holds no name and its value.
        if !bytes.iter().any(|b| {
            matches!(
                b,
                b'=' | b':' | b' ' | b'>' | b'%' | b'\t' | b'\n' | b'(' | 0xe3..=0xed
            )
        }) {
            return found;
        }
        // An Amazon resource name (`arn:aws:secretsmanager:...:secret:db`)
        // names a resource: `secret:` in it is a resource type.
        if text.starts_with("arn:") && !text.contains([' ', '\n']) {
            return found;
        }
        let mut after = 0;
        // The end of the last name read around a word.
        let mut name_end = 0;
        let mut special = false;
        // A scrub's own placeholders (`[redacted:key:password]`) name rules,
        // not values.
        let placeholders = if crate::marker::mentions_redacted(text) {
            Spans::new(crate::marker::redacted_spans(text))
        } else {
            Spans::default()
        };
        let mut from = 0;
        while let Some(m) = self
            .words
            .find(aho_corasick::Input::new(text).span(from..text.len()))
        {
            from = m.end();
            // A salary or a diagnosis: the name of whom it is said.
            if m.pattern().as_usize()
                >= self.n_names + SPECIAL_WORDS.len() + NAME_INTROS.len() + ADDRESS_INTROS.len()
            {
                if let Some((name_rule, _)) = person
                    && let Some((vs, ve)) = prose::name_by_fact(text, m.start(), m.end())
                    && vs >= after
                    && !taken.overlaps(vs, ve)
                {
                    found.push(Found {
                        start: vs,
                        end: ve,
                        rule: name_rule,
                    });
                    after = ve.max(m.end());
                }
                continue;
            }
            if m.pattern().as_usize() >= self.n_names + SPECIAL_WORDS.len() + NAME_INTROS.len() {
                if let Some((_, address_rule)) = person
                    && let Some((vs, ve)) =
                        introduced_address(&text[..ahead(text, m.end())], m.end())
                {
                    found.push(Found {
                        start: vs,
                        end: ve,
                        rule: address_rule,
                    });
                    after = ve;
                }
                continue;
            }
            if m.pattern().as_usize() >= self.n_names + SPECIAL_WORDS.len() {
                let weak = m.pattern().as_usize()
                    >= self.n_names + SPECIAL_WORDS.len() + NAME_INTROS.len() - WEAK_NAME_INTROS;
                if let Some((name_rule, _)) = person
                    && token_bounded(bytes, m.start(), m.end())
                    && let Some((vs, ve)) = introduced_name(&text[..ahead(text, m.end())], m.end())
                    && (!weak || crate::person::reads_as_a_name(&text[vs..ve]))
                {
                    found.push(Found {
                        start: vs,
                        end: ve,
                        rule: name_rule,
                    });
                    after = ve;
                }
                continue;
            }
            if m.pattern().as_usize() >= self.n_names {
                special = true;
                continue;
            }
            special |= self.also_special[m.pattern().as_usize()];
            // Skipped, the search goes on from the hit's next byte: a
            // longer name's word may overlap it (`p_k` in `app_key`).
            if self.token_only[m.pattern().as_usize()] && !token_bounded(bytes, m.start(), m.end())
            {
                from = m.start() + 1;
                continue;
            }
            if m.start() < after
                || m.start() < name_end
                || placeholders.contains(m.start(), m.end())
                || taken.contains(m.start(), m.end())
            {
                continue;
            }
            // What follows is read in a window around the word, so that a
            // long text of names costs a bounded look per name; positions
            // in it are from `lo`.
            let full = text;
            let lo = behind(full, m.start());
            let text = &full[lo..ahead(full, m.end())];
            let bytes = text.as_bytes();
            let (m_start, m_end) = (m.start() - lo, m.end() - lo);
            // `密码是Tr0ub4dor&3`, `パスワードはabc123です`, `비밀번호는
            // x`: a label in a script written without spaces, a particle
            // (`is`, a topic marker), then the value in Latin letters.
            if let Some((vs, ve)) = particle_value(text, m_start, m_end)
                && let Some(hit) = rules.lookup(&text[m_start..m_end], scratch)
                && hit.takes(&text[vs..ve])
            {
                found.push(Found {
                    start: lo + vs,
                    end: lo + ve,
                    rule: hit.rule,
                });
                after = lo + ve;
                name_end = lo + ve;
                continue;
            }
            // The whole name around the word.
            // A name starts where a detector's hit ends: in
            // `10.0.0.1--password x` the name is the flag `--password`.
            let mut start = m_start;
            while start > 0
                && is_name_char(bytes[start - 1])
                && !taken.contains(lo + start - 1, lo + start)
            {
                start -= 1;
            }
            let mut end = m_end;
            while end < bytes.len() && is_name_char(bytes[end]) {
                end += 1;
            }
            // Every word found in this name reads the same name.
            name_end = lo + end;
            // A name ends before a trailing `.` or `-` (end of a sentence),
            // unless a separator follows them (`kt.: x`, `p.k.=x`: the
            // dots are the label's own).
            let separated = matches!(bytes.get(skip_spaces_at(bytes, end)), Some(b':' | b'='));
            // `$PASS https://...`, `"$USER:$TOKEN" https://...`: a shell
            // variable's reference, whose value is elsewhere; what follows
            // it is the next argument (`$password = "x"` assigns one).
            if start > 0 && bytes[start - 1] == b'$' && !separated {
                continue;
            }
            // A key word in a file's path (`/etc/app/keystore-7.p12 -Xmx2g`,
            // `C:\keys\api_token.txt`: the token around it reads as a
            // path) names the file, not a value after it; in `PIS/PASEP
            // 1709...` it is a label.
            if start > 0 && matches!(bytes[start - 1], b'/' | b'\\') && !separated {
                let from = text[..start]
                    .rfind(|c: char| c.is_whitespace() || matches!(c, '=' | '"' | '\''))
                    .map_or(0, |i| i + 1);
                let to = text[start..]
                    .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\''))
                    .map_or(text.len(), |i| start + i);
                if keys::is_file_reference(&text[from..to]) {
                    continue;
                }
            }
            // `Token.java:42`, `secrets.py:17`: a source file and a line
            // in a stack trace or a compiler's message, not a name and its
            // value.
            if is_source_position(bytes, start, end) {
                continue;
            }
            while end > m_end && matches!(bytes[end - 1], b'.' | b'-') && !separated {
                end -= 1;
            }
            // A name written in words (`API key`, `Street address`) takes
            // the word before or after it when that makes a sensitive name,
            // and a key word that is a whole word (`numéro de TVA`, not
            // `nric` in `Einrichtung des Kontos`) the two after it. None
            // does when no key word is anywhere in the widest of them
            // (`node` of `node_key` in `to node-3`): one search says so.
            let two_after = if (start, end) == (m_start, m_end) {
                let mut e = word_after(bytes, word_after(bytes, end));
                while e > end && matches!(bytes[e - 1], b'.' | b'-') {
                    e -= 1;
                }
                e
            } else {
                end
            };
            let widest = &text[word_before(bytes, word_before(bytes, start))..two_after];
            let announced = rules.mentions_a_word(widest, scratch).then(|| {
                [
                    (start, end),
                    (word_before(bytes, start), end),
                    (start, word_after(bytes, end)),
                    (word_before(bytes, word_before(bytes, start)), end),
                    (start, two_after),
                ]
                .into_iter()
                .enumerate()
                .filter(|&(i, span)| i == 0 || span.0 != start || span.1 != end)
                // A word taken into the name is a word: `access_key_id
                // AKIA...` is a name and its (masked) value.
                .filter(|&(i, (s, e))| {
                    i == 0
                        || text[s..start].chars().chain(text[end..e].chars()).all(|c| {
                            c.is_alphabetic()
                                || c.is_whitespace()
                                || matches!(c, '-' | '.' | '\'' | '’')
                        })
                })
                .find_map(|(_, (s, e))| {
                    let name = text[s..e].trim_start_matches('-');
                    rules.lookup(name, scratch).map(|hit| (s, e, hit))
                })
            });
            let Some((start, end, hit)) = announced.flatten() else {
                // A secret-looking name (`signer_key`, `nonce`) announces a
                // value only when the value looks random.
                let name = text[start..end].trim_start_matches('-');
                // `key="ValidatorSecretKey" value="x"`: the attribute `key`
                // holds a name, whose own match comes next.
                if names_a_sibling(text, end) {
                    continue;
                }
                if let Some((rule, is_entropy_name)) = entropy
                    && is_entropy_name(name, scratch)
                    && let Some((vs, ve)) = value_after(
                        text,
                        end,
                        text[start..end].starts_with('-'),
                        opens_element(&text[..start]),
                        false,
                        false,
                        Reads::Token,
                    )
                    && crate::detect::is_high_entropy(&text[vs..ve])
                {
                    let (vs, ve) = whole_value(full, lo, text.len(), vs, ve);
                    found.push(Found {
                        start: vs,
                        end: ve,
                        rule,
                    });
                    after = ve;
                } else if let Some((name_rule, address_rule)) = person
                    && let Some(key) = Some(person_key(name, scratch))
                        .map(|key| {
                            // `Name: KOWALSKA ANNA` in a text that also
                            // labels a date of birth, an address or an id:
                            // a record about a person, written out.
                            // (A label of its own: `Service name:` names
                            // a service; after a field of a `key=value`
                            // line, `city=Springfield name=...`, it is
                            // alone.)
                            let alone = start < 2
                                || bytes[start - 1] != b' '
                                || !bytes[start - 2].is_ascii_alphabetic()
                                || text[..start - 1]
                                    .rsplit(' ')
                                    .next()
                                    .is_some_and(|field| field.contains('='));
                            if key.names_person()
                                && !key.is_field()
                                && alone
                                && crate::person::labels_a_cue(full, scratch)
                            {
                                key.in_record()
                            } else {
                                key
                            }
                        })
                        .filter(|key| key.is_field())
                    && let Some((vs, ve)) = value_after(
                        text,
                        end,
                        false,
                        opens_element(&text[..start]),
                        true,
                        false,
                        Reads::Field(key),
                    )
                    && let Some(field) = crate::person::field_of(key, &text[vs..ve])
                {
                    let rule = match field {
                        crate::person::Field::Name => name_rule,
                        crate::person::Field::Address => address_rule,
                    };
                    let (vs, ve) = whole_value(full, lo, text.len(), vs, ve);
                    found.push(Found {
                        start: vs,
                        end: ve,
                        rule,
                    });
                    after = ve;
                }
                continue;
            };
            // `nodekey:<hex>`, `ENV NODE nodekey:<hex>`: a public key
            // written with its type, whose last word is the name's.
            let last_word = text[start..end].rfind(' ').map_or(start, |i| start + i + 1);
            if keys::is_typed_public_key(&text[last_word..]) {
                continue;
            }
            // `I changed it to 354302255 (the new BSN)`: a label in
            // parentheses right after the value names it.
            if let Some((vs, ve)) = value_before_label(text, start, end)
                && hit.takes(&text[vs..ve])
                && !found
                    .iter()
                    .rev()
                    .take(RECENT)
                    .any(|f: &Found| f.start < lo + ve && lo + vs < f.end)
            {
                found.push(Found {
                    start: lo + vs,
                    end: lo + ve,
                    rule: hit.rule,
                });
                after = lo + end;
                continue;
            }
            let written = &text[start..end];
            // `user/pass = admin / x`, `username / password: a/x`: a pair's
            // label, whose value the special shapes read.
            if Some(hit.rule) == password_rule
                && text[..start].trim_end_matches([' ', '\t']).ends_with('/')
            {
                special = true;
            }
            // `--password x`: the dashes were read as part of the name.
            let flag = written.starts_with('-');
            let xml = opens_element(&text[..start]);
            // `passphrase: correct horse battery staple`: a phrase runs to
            // the end of its field, like a personal value.
            let multiword = personal(hit.rule) || names_a_phrase(written);
            // What a personal value written in prose must read as.
            let reads = match person {
                _ if !multiword && pin_rule == Some(hit.rule) => Reads::Code,
                _ if !multiword => Reads::Token,
                Some((name_rule, _)) if hit.rule == name_rule => Reads::Name,
                Some((_, address_rule)) if hit.rule == address_rule => Reads::Address,
                _ if birth == Some(hit.rule) => Reads::Date,
                _ => Reads::Token,
            };
            let value = if let Some((vs, ve)) =
                value_after(text, end, flag, xml, multiword, hit.plural, reads)
                && let Some((vs, ve)) = checked_value(text, hit, vs, ve)
                && (!identifier(hit.rule) || writes_an_identifier(&text[vs..ve]))
            {
                Some((vs, coordinates_end(text, vs, ve)))
            } else if reads == Reads::Name && !flag && !xml && written.contains(' ') {
                name_after_words(text, end)
            } else {
                None
            };
            // `Ada Lovelace, born 10 December 1815`: the person whose
            // birth it is, named before the word.
            if value.is_some()
                && birth == Some(hit.rule)
                && let Some((name_rule, _)) = person
                && prose::BORN
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(written.trim_end_matches('.')))
                && let Some((ns, ne)) = prose::name_before(text, start)
                && lo + ns >= after
                && !taken.overlaps(lo + ns, lo + ne)
            {
                found.push(Found {
                    start: lo + ns,
                    end: lo + ne,
                    rule: name_rule,
                });
            }
            if let Some((vs, ve)) = value {
                let (vs, ve) = whole_value(full, lo, text.len(), vs, ve);
                found.push(Found {
                    start: vs,
                    end: ve,
                    rule: hit.rule,
                });
                after = ve;
            }
        }
        if let Some(rule) = password_rule.filter(|_| special) {
            for caps in self.special.captures_iter(text) {
                // Every group of the expression is a value.
                if let Some(v) = caps.iter().skip(1).flatten().next()
                    && !keys::is_placeholder(v.as_str())
                    && !FLAG_PROSE
                        .iter()
                        .chain(STATE_WORDS)
                        .any(|w| w.eq_ignore_ascii_case(v.as_str()))
                    && user_pass_value(text, &caps)
                    // Oracle's `IDENTIFIED BY VALUES 'hash'`: a keyword.
                    && caps.name("unquoted").is_none_or(|u| {
                        !["values", "password"]
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(u.as_str()))
                    })
                    && caps.name("pair").is_none_or(|p| {
                        credential_like(p.as_str().trim_end_matches(['.', ',', ';', ')']))
                    })
                {
                    found.push(Found {
                        start: v.start(),
                        end: v.end(),
                        rule,
                    });
                }
            }
        }
        if found.len() > 1 {
            found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
            let mut last_end = 0;
            found.retain(|f| {
                let keep = f.start >= last_end;
                if keep {
                    last_end = f.end;
                }
                keep
            });
        }
        found
    }
}

/// How far around a word its name and value are read, in bytes.
const WINDOW: usize = 4096;
/// How many of the latest values found a label's value is checked against
/// (values are found in order and do not overlap, so only the latest can).
const RECENT: usize = 64;

/// Where the window after position `at` of `text` ends (on a character).
fn ahead(text: &str, at: usize) -> usize {
    let mut end = at.saturating_add(WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Where the window before position `at` of `text` starts (on a
/// character).
fn behind(text: &str, at: usize) -> usize {
    let mut start = at.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start
}

/// The value found at `vs..ve` of a window that starts at `lo` of `full`
/// and is `len` bytes long, in `full`'s positions; a value running to the
/// window's end, before the end of `full`, is taken to the end of its
/// token, so that no part of a long value is left.
fn whole_value(full: &str, lo: usize, len: usize, vs: usize, ve: usize) -> (usize, usize) {
    let (vs, mut ve) = (lo + vs, lo + ve);
    if ve == lo + len && ve < full.len() {
        let bytes = full.as_bytes();
        while ve < bytes.len() && !bytes[ve].is_ascii_whitespace() {
            ve += 1;
        }
    }
    (vs, ve)
}

/// The span of the value after a name ending at `at`, if one is written
/// there. `flag`: the name was written as `--name`; `xml`: as `<name`;
/// `multiword`: the value may hold spaces (personal data); `plural`: a
/// number there is a count; `reads`: what a personal value written in
/// prose after a verb must read as ([`prose::personal_value`]).
fn value_after(
    text: &str,
    at: usize,
    flag: bool,
    xml: bool,
    multiword: bool,
    plural: bool,
    reads: Reads,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // `ur. 3 marca 1975`, `geb. 3. März`: an abbreviated word of birth.
    let at = if reads == Reads::Date && text[at..].starts_with(". ") {
        at + 1
    } else {
        at
    };
    // `setPassword("x")`, `.token('x')`, `PASSWORD('x')`: a call named by
    // the name passes its value.
    if bytes.get(at) == Some(&b'(') {
        return crate::calls::passed_value(text, at)
            .filter(|&(s, e)| !keys::is_placeholder(&text[s..e]));
    }
    let mut i = at;
    // The closing quote of a quoted name (`"password": "x"`) or bracket
    // (`Key (api_secret)=(x)`, `params[token]=x`).
    if matches!(bytes.get(i), Some(b'"' | b'\'' | b')' | b']')) {
        i += 1;
        // `os.environ["NAME"] = "x"`, `ENV['NAME'] = x`: a quoted name
        // in brackets.
        if matches!(bytes.get(at), Some(b'"' | b'\'')) && bytes.get(i) == Some(&b']') {
            i += 1;
        }
    }
    let after_name = i;
    // `<add key="SessionSecret" value="x"/>`: the name is an attribute's
    // value, and its sibling attribute holds the value.
    if matches!(bytes.get(at), Some(b'"' | b'\'')) {
        let rest = &text[skip_spaces_at(bytes, i)..];
        if starts_with_ci(rest, "value=") {
            return value_after(text, i, false, true, multiword, plural, reads);
        }
        // `<Attribute Name="x"><AttributeValue>v<`, a multipart part.
        if let Some(span) = crate::named_parts::value_of_named_part(text, at) {
            return Some(span);
        }
    }
    let skip_spaces = |mut i: usize| {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    i = skip_spaces(i);
    // A label's own suffix: `passport no: X`, `MRN#: 123`, `account number 12`.
    for suffix in [
        "number",
        "no.",
        "no",
        "nr.",
        "nr",
        "num",
        "#",
        "identifier",
        "id",
    ] {
        let after = i + suffix.len();
        if starts_with_ci(&text[i..], suffix)
            && !bytes.get(after).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            i = skip_spaces(after);
            break;
        }
    }
    // `password changed from x to y`: both.
    if !xml
        && !flag
        && i > after_name
        && let Some(span) = changed_from_to(text, i)
    {
        return Some(span);
    }
    // `Access Key Secret: x`, `your sort code and account?`, `| Sort Code
    // And Account | x |`: the label goes on to its colon, question mark or
    // cell end.
    if !xml
        && !flag
        && i > after_name
        && let Some(label_end) = label_end(text, i)
    {
        i = label_end;
    }
    // `my docker auth config is x`, `the api key for staging is x`: the
    // label goes on to a verb of prose.
    let mut labelled = false;
    if !xml
        && !flag
        && i > after_name
        && !prose::VERBS.iter().any(|v| starts_with_ci(&text[i..], v))
        && let Some(verb) = label_before_verb(text, i)
    {
        i = verb;
        labelled = true;
    }
    // `password reset to x`, `the pin was changed to x`: a change of
    // the value, and the new one after `to`.
    if !xml
        && !flag
        && i > after_name
        && let Some(to) = changed_to(text, i)
    {
        i = to;
    }
    let rest = &text[i..];
    // `Can you confirm your passport number?` and the reply on the next
    // line (a support chat, a form's question and answer).
    if rest.starts_with('?') && !flag && !xml {
        return answer_after(text, i + 1, multiword);
    }
    // `| Passport number | X1234567 |`: a row of a Markdown table whose
    // first cell is the name (not the header row, which a `|---|` line
    // follows).
    if rest.starts_with('|') && !flag && !xml {
        let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
        let next = text[line_end..].trim_start_matches('\n').trim_start();
        if next.starts_with("|-") || next.starts_with("|:") || next.starts_with("| -") {
            return None;
        }
        let vs = skip_spaces_at(bytes, i + 1);
        let cell = text[vs..line_end]
            .split('|')
            .next()
            .unwrap_or("")
            .trim_end();
        let ve = vs + cell.len();
        return (!cell.is_empty()
            && !keys::is_placeholder(cell)
            && !cell.starts_with(crate::REDACTED_PREFIX))
        .then_some((vs, ve));
    }
    // `password: x&y`: after a colon the value is not a query parameter,
    // and `&` is part of it.
    let leader = dot_leader(rest).filter(|_| !xml);
    let colon = rest.starts_with(':') && !rest.starts_with(":=") || leader.is_some();
    // `\=` and `\:`: a Java `.properties` file's escaped separators.
    let (sep, len) = if rest.starts_with(":=")
        || rest.starts_with("=>")
        || rest.starts_with("->")
        || rest.starts_with("\\=")
        || rest.starts_with("\\:")
    {
        (Sep::Explicit, 2)
    } else if rest.starts_with('=') || rest.starts_with(':') || (xml && rest.starts_with('>')) {
        (Sep::Explicit, 1)
    } else if starts_with_ci(rest, "%3D") {
        (Sep::Encoded, 3)
    } else if starts_with_ci(rest, "%253D") {
        (Sep::Encoded, 5)
    } else if let Some(len) = leader {
        (Sep::Explicit, len)
    } else if !xml
        && !flag
        && i > after_name
        && let Some(len) = dash_separator(rest)
    {
        // `Password - x`, `Pwd — x`: a dash between spaces, read as a
        // space (the value must look like a credential).
        (Sep::Space, len)
    } else if i > after_name || xml {
        (Sep::Space, 0)
    } else {
        return None;
    };
    i = skip_spaces(i + len);
    // `PrivateKey =: x`, `token = : x`: a doubled separator.
    while sep == Sep::Explicit
        && matches!(bytes.get(i), Some(b':' | b'='))
        && matches!(bytes.get(i + 1), Some(b' ' | b'\t'))
    {
        i = skip_spaces(i + 1);
    }
    // `<Password value="x"/>`: the attribute holds the value;
    // `<wsse:Password Type="...">x</wsse:Password>`: the element's text.
    if xml && sep == Sep::Space {
        let rest = &text[i..];
        if starts_with_ci(rest, "value=") {
            i += 6;
        } else {
            let close = rest.find('>')?;
            if rest[..close].contains(['<', '\n']) || rest[..close].ends_with('/') {
                return None;
            }
            let start = i + close + 1;
            if let Some(span) = cdata(text, start) {
                return span;
            }
            let end = start + text[start..].find('<')?;
            let value = &text[start..end];
            return (!value.trim().is_empty() && !keys::is_placeholder(value))
                .then_some((start, end));
        }
    }
    // `-storepass:env NAME`, `-keypass:file path`: keytool's and
    // jarsigner's modifiers say where the password is.
    if flag
        && sep == Sep::Explicit
        && (starts_with_ci(&text[i..], "env ") || starts_with_ci(&text[i..], "file "))
    {
        return None;
    }
    // `-passin file:/run/secrets/x`, `env:VAR`, `fd:3`, `stdin`: openssl's
    // sources of a passphrase other than `pass:` say where it is.
    let word_end = |at: usize| !bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
    if sep != Sep::Encoded
        && (["file:/", "file:~", "env:", "fd:"]
            .iter()
            .any(|p| starts_with_ci(&text[i..], p))
            || starts_with_ci(&text[i..], "stdin") && word_end(i + 5))
    {
        return None;
    }
    // A filter on the name (`passport: { _eq: "x" }`, `{"$eq": "x"}`): the
    // operator's operand is the value.
    if sep == Sep::Explicit && bytes.get(i) == Some(&b'{') {
        let mut j = skip_spaces(i + 1);
        if matches!(bytes.get(j), Some(b'"')) {
            j += 1;
        }
        let op_start = j;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'_' | b'$'))
        {
            j += 1;
        }
        if matches!(bytes.get(j), Some(b'"')) {
            j += 1;
        }
        if j == op_start || bytes.get(j) != Some(&b':') {
            return None;
        }
        // An object after the name is a filter only when its key is an
        // operator: `auth: {"type": "service_account", ...}` is a
        // document, whose members are read by their own names.
        let op = text[op_start..j].trim_matches('"');
        if !is_filter_operator(op) {
            return None;
        }
        i = skip_spaces(j + 1);
    }
    // `=(x)`: a value in parentheses, as PostgreSQL's errors write it.
    if sep == Sep::Explicit && bytes.get(i) == Some(&b'(') {
        let close = text[i + 1..].find(')')?;
        let (start, end) = (i + 1, i + 1 + close);
        let value = &text[start..end];
        return (!value.is_empty() && !value.contains('\n') && !keys::is_placeholder(value))
            .then_some((start, end));
    }
    // `pwd = MD5('x')`: a hash function's argument is the secret;
    // `password = os.getenv("DB_PASSWORD")`: a call that reads the value
    // by its name holds none.
    if let Some(call) = crate::calls::call_value(text, i) {
        return call.filter(|&(s, e)| !keys::is_placeholder(&text[s..e]));
    }
    // `ENV NAME value with spaces`: a Dockerfile's older form, whose
    // value is the rest of the line.
    if sep == Sep::Space
        && !flag
        && !xml
        && dockerfile_env(text, at)
        && !matches!(bytes.get(i), Some(b'"' | b'\''))
    {
        let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
        let value = text[i..line_end].trim_end_matches(['\r', ' ', '\t', '\\']);
        return (!value.is_empty()
            && !keys::is_placeholder(value)
            && !opens_placeholder(value)
            && !value.starts_with(crate::REDACTED_PREFIX))
        .then_some((i, i + value.len()));
    }
    // `is` in prose: `my password is hunter2`.
    let mut after_verb = false;
    if sep == Sep::Space && !flag {
        let rest = &text[i..];
        // `mi contraseña es x`, `mon mot de passe est x`, `mein Passwort
        // ist x`, `set the client secret to x`.
        for word in prose::VERBS {
            if starts_with_ci(rest, word) {
                i = skip_spaces(i + word.len());
                after_verb = true;
                break;
            }
        }
    }
    // `key: |` and `key: >-`: a YAML block scalar, the lines indented
    // under the key.
    if colon && let Some(span) = block_scalar(text, at, i) {
        return Some(span);
    }
    // `<street>12 Main St, Springfield</street>`: the element's text.
    if xml && sep == Sep::Explicit && text[..i].trim_end().ends_with('>') {
        if let Some(span) = cdata(text, i) {
            return span;
        }
        let end = i + text[i..].find('<')?;
        let value = text[i..end].trim_end();
        return (!value.is_empty() && !keys::is_placeholder(value) && !opens_placeholder(value))
            .then_some((i, i + value.len()));
    }
    // `born 10 December 1815`, `geboren am 3. März 1975`, `ur. 3 marca
    // 1975`: a date written in words right after a word of birth.
    if reads == Reads::Date && sep == Sep::Space && !after_verb && !flag && !xml {
        let mut at = i;
        for word in [
            "on ", "am ", "le ", "el ", "em ", "il ", "op ", "den ", "the ",
        ] {
            if starts_with_ci(&text[at..], word) {
                at = skip_spaces(at + word.len());
                break;
            }
        }
        if let Some((vs, ve)) = prose::personal_value(text, at, reads)
            && !keys::is_placeholder(&text[vs..ve])
        {
            return Some((vs, ve));
        }
    }
    // `her full name is Ada Lovelace`, `my anschrift is Lindenweg 44,
    // 81363 München`: a personal value read as what its label names.
    if after_verb
        && !matches!(bytes.get(i), Some(b'"' | b'\'' | b'`'))
        && !opens_placeholder(&text[i..])
        && let Some((vs, ve)) = prose::personal_value(text, i, reads)
        && !keys::is_placeholder(&text[vs..ve])
    {
        return Some((vs, ve));
    }
    // `here is the api key you asked for:` and the value set apart on a
    // line of its own below (an e-mail, a chat, a ticket).
    if colon && !xml && matches!(bytes.get(i), Some(b'\r' | b'\n')) {
        return value_below(text, i, multiword);
    }
    let (vs, ve, quoted) = match bytes.get(i) {
        Some(&q @ (b'"' | b'\'' | b'`')) => {
            // A template placeholder inside the quotes (`"{{ vault ... }}"`)
            // holds no secret, whatever quotes it uses inside.
            if opens_placeholder(&text[i + 1..]) {
                return None;
            }
            let close = text[i + 1..].find(q as char)?;
            let mut end = i + 1 + close;
            if text[i + 1..end].contains('\n') {
                return None;
            }
            // `~ password = "old" -> "new"` (a plan, a diff): both.
            let arrow = format!("{} -> {}", q as char, q as char);
            if text[end..].starts_with(&arrow)
                && let Some(close) = text[end + arrow.len()..].find(q as char)
                && !text[end..end + arrow.len() + close].contains('\n')
            {
                end += arrow.len() + close;
            }
            (i + 1, end, true)
        }
        Some(_) if opens_placeholder(&text[i..]) => return None,
        Some(_) => {
            let mut end = i;
            // `Authorization: Bearer x`: the scheme is not the secret.
            let rest = &text[i..];
            for scheme in ["bearer ", "basic ", "token ", "digest ", "apikey ", "ssws "] {
                if starts_with_ci(rest, scheme) {
                    end = skip_spaces(i + scheme.len());
                    break;
                }
            }
            // `Authorization: Digest username="bob", ..., response="..."`,
            // `AWS4-HMAC-SHA256 Credential=..., Signature=...`, `NTLM ...`:
            // a scheme whose credentials are parameters; the header's
            // whole value after the scheme is them.
            if colon
                && let Some(scheme) = PARAMETER_SCHEMES.iter().find(|s| starts_with_ci(rest, s))
            {
                let vs = skip_spaces(i + scheme.len());
                let ve = header_value_end(text, vs);
                // Parameters (`username="bob"`) or a blob, not prose
                // (`Digest is deprecated`).
                let value = &text[vs..ve];
                let first = value.split([' ', ',']).next().unwrap_or_default();
                let credentials = value.contains('=') || first.len() >= 16 || first.contains(':');
                return (credentials && !keys::is_placeholder(value)).then_some((vs, ve));
            }
            let vs = end;
            // After a colon or in prose (`my password is Tr0ub4dor&3`) the
            // value is no query parameter: `&` is part of it.
            let not_a_query = colon || sep == Sep::Space;
            end = unquoted_end(text, vs, sep, multiword && sep != Sep::Space, not_a_query);
            if sep == Sep::Space {
                end = digit_groups_end(text, vs, end);
            }
            (vs, end, false)
        }
        None => return None,
    };
    let value = &text[vs..ve];
    if value.is_empty() || keys::is_placeholder(value) || value.starts_with(crate::REDACTED_PREFIX)
    {
        return None;
    }
    // `backup codes: 12345678 87654321`, `recovery codes: 8f3k-2m9x
    // 7p1q-4z8w`: a list of codes after a plural name and its colon, all
    // of it; one number alone there is a count (`tokens: 3`).
    if plural && colon && !quoted {
        let list_end = code_list_end(text, vs, ve);
        if list_end > ve {
            return Some((vs, list_end));
        }
    }
    if plural && value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if !quoted {
        let word = value.trim_end_matches(['.', ',', ';', '!', '?']);
        if STATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return None;
        }
        // Without `=` or `:`, only a credential-looking value (or a flag's
        // argument) is taken: prose stays prose.
        // `use --password to pass it`: a word of prose after a flag named
        // in a sentence. `-keystore -srcstorepass x`, `passwd --stdin bob`:
        // a flag after a name and a space is the command's next flag, not
        // the name's value.
        if sep == Sep::Space
            && (value.starts_with("--")
                || value.starts_with('-')
                    && value.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic)
                || flag && FLAG_PROSE.iter().any(|w| w.eq_ignore_ascii_case(word)))
        {
            return None;
        }
        let flag_argument = flag && !value.starts_with('-');
        let code = reads == Reads::Code
            && (3..=8).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_digit());
        if sep == Sep::Space && !flag_argument && !credential_like(value) && !code {
            return None;
        }
        if sep == Sep::Space && after_verb && !credential_like(value) && !code {
            return None;
        }
        // After a label of several words, a link or a path is what the
        // label describes (`the token for staging is https://...`), and
        // lowercase words joined by dashes are prose (`short-lived`).
        if labelled
            && (value.contains("://")
                || value.starts_with('/')
                || value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || matches!(b, b'-' | b'.' | b'_')))
        {
            return None;
        }
        // `your otp secret?`: a word that ends a label or a question is
        // not a value.
        if sep == Sep::Space && !flag && value.ends_with([':', '?']) {
            return None;
        }
    }
    Some((vs, ve))
}

/// The part of the value at `vs..ve` that `hit` announces: all of it, or,
/// for a short label that needs a valid identifier (`kt`, `ird`), the
/// identifier its check finds at the start of the value or of a plan's new
/// value (`"(known after apply)" -> "121186-3739"`).
fn checked_value(text: &str, hit: NameMatch, vs: usize, ve: usize) -> Option<(usize, usize)> {
    if hit.check.is_none() {
        return Some((vs, ve));
    }
    // An identifier written in groups after its label and a space
    // (`CC 12345678 9 ZZ1`) runs past the first group the value reader
    // stopped at: its check says where it ends.
    let grouped = text.as_bytes()[vs..]
        .iter()
        .take(24)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'.' | b'/'))
        .count();
    let ve = ve.max(vs + grouped);
    let at = |vs: usize| hit.taken_len(&text[vs..ve]).map(|len| (vs, vs + len));
    at(vs).or_else(|| {
        let arrow = text[vs..ve].rfind(" -> ")?;
        let new = vs + arrow + 4;
        at(new + usize::from(matches!(text.as_bytes().get(new), Some(b'"' | b'\''))))
    })
}

/// Where a value that is a query's latitude ends together with the
/// longitude after it (`home_location=lat=52.52&lon=13.40`: the place is
/// both numbers); `ve` otherwise.
fn coordinates_end(text: &str, vs: usize, ve: usize) -> usize {
    let value = &text[vs..ve];
    if !(starts_with_ci(value, "lat=") || starts_with_ci(value, "latitude=")) {
        return ve;
    }
    let rest = &text[ve..];
    let Some(number) = ["&lon=", "&lng=", "&long=", "&longitude="]
        .iter()
        .find(|p| starts_with_ci(rest, p))
        .map(|p| ve + p.len())
    else {
        return ve;
    };
    let digits = text[number..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'))
        .count();
    if digits == 0 { ve } else { number + digits }
}

/// Words a reply starts with before the value it gives (`sure, it's X`).
const REPLY_FILLERS: &[&str] = &[
    "sure",
    "yes",
    "yeah",
    "yep",
    "ok",
    "okay",
    "of course",
    "certainly",
    "it's",
    "it’s",
    "its",
    "it is",
    "that's",
    "that is",
    "mine is",
    "my",
    "the",
    "number is",
    "is",
];

/// The value given in reply to a question that ends at `at` (`... your
/// account number?`): on the next line, after a speaker's name
/// (`Customer:`) and the filler words of a reply. A secret is one token
/// and taken when it holds a digit or looks like a credential; a personal
/// value (`multiword`) runs to the end of the line.
fn answer_after(text: &str, at: usize, multiword: bool) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = skip_spaces_at(bytes, at);
    if bytes.get(i) == Some(&b'\r') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'\n') {
        return None;
    }
    i += 1;
    let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
    let line = &text[i..line_end];
    // A speaker: `Customer:`, `User:`, `[10:02] Maria:`.
    if let Some(colon) = line.find(": ")
        && colon <= 32
        && !line[..colon].contains(['"', '=', '?'])
    {
        i += colon + 2;
    }
    loop {
        i = skip_spaces_at(bytes, i);
        while matches!(bytes.get(i), Some(b',' | b':' | b'-')) {
            i = skip_spaces_at(bytes, i + 1);
        }
        let rest = &text[i..line_end];
        let Some(filler) = REPLY_FILLERS.iter().find(|f| {
            starts_with_ci(rest, f)
                && !rest[f.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        }) else {
            break;
        };
        i += filler.len();
    }
    let rest = text[i..line_end].trim_end_matches(['\r', ' ', '.', '!']);
    let value = if multiword {
        rest
    } else {
        rest.split([' ', '\t'])
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '.', ';', '!', '?'])
    };
    let (vs, ve) = (i, i + value.len());
    let usable = !value.is_empty()
        && !keys::is_placeholder(value)
        && !value.starts_with(crate::REDACTED_PREFIX)
        && (multiword || value.bytes().any(|b| b.is_ascii_digit()) || credential_like(value));
    usable.then_some((vs, ve))
}

/// Whether the name ending at `at` is the first word of a Dockerfile
/// `ENV` instruction (`ENV NAME value`, at the start of its line).
#[inline(never)]
fn dockerfile_env(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let mut start = at;
    while start > 0 && is_name_char(b[start - 1]) {
        start -= 1;
    }
    let mut k = start;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    if k == start || k < 3 || !b[k - 3..k].eq_ignore_ascii_case(b"env") {
        return false;
    }
    k -= 3;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    k == 0 || b[k - 1] == b'\n'
}

/// Whether a value in text under an identifier's label (a national id, a
/// passport, an account, a card, a phone number, an e-mail address) can be
/// one: every such identifier is written with a digit, or an `@`. A word
/// (`ssn: unknown`, the word on the line below `AHV|`) is not one, and
/// its pseudonym, a word of letters, could spell a new label of its own.
fn writes_an_identifier(value: &str) -> bool {
    value.bytes().any(|b| b.is_ascii_digit() || b == b'@')
}

/// Whether `op` is a query filter's operator (Hasura's and PostgREST's
/// `_eq`, MongoDB's `$eq`, Prisma's and Sequelize's `equals`, `in`,
/// `contains`, ...): written with `_` or `$`, or one of the plain words.
fn is_filter_operator(op: &str) -> bool {
    const WORDS: &[&str] = &[
        "eq",
        "ne",
        "neq",
        "equals",
        "is",
        "in",
        "nin",
        "not",
        "like",
        "ilike",
        "contains",
        "startswith",
        "endswith",
        "gt",
        "gte",
        "lt",
        "lte",
        "match",
        "regex",
    ];
    op.starts_with(['_', '$']) || WORDS.iter().any(|w| w.eq_ignore_ascii_case(op))
}

/// HTTP authentication schemes whose credentials are parameters or a
/// blob (RFC 7616's Digest, AWS's signature version 4, NTLM, Kerberos'
/// Negotiate, Hawk, OAuth 1, HTTP message signatures, Azure's shared key,
/// Rails' `Token token="..."`), each with the space after it.
const PARAMETER_SCHEMES: &[&str] = &[
    "digest ",
    "aws4-hmac-sha256 ",
    "ntlm ",
    "negotiate ",
    "hawk ",
    "oauth ",
    "signature ",
    "sharedkey ",
    "sharedkeylite ",
    "token token=",
];

/// Where a header's value starting at `vs` ends: at the end of its line,
/// or, when the header is written inside a quoted string (`curl -H
/// "Authorization: Digest username=\"bob\", ..."`), at the quote that
/// closes it; trailing spaces and commas are not part of it.
fn header_value_end(text: &str, vs: usize) -> usize {
    let bytes = text.as_bytes();
    let line_start = text[..vs].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[vs..].find(['\n', '\r']).map_or(text.len(), |n| vs + n);
    let unescaped = |k: usize, q: u8| {
        bytes[k] == q
            && bytes[line_start..k]
                .iter()
                .rev()
                .take_while(|&&c| c == b'\\')
                .count()
                % 2
                == 0
    };
    let mut end = line_end;
    for q in [b'"', b'\''] {
        let before = (line_start..vs).filter(|&k| unescaped(k, q)).count();
        if before % 2 == 1
            && let Some(close) = (vs..line_end).find(|&k| unescaped(k, q))
        {
            end = end.min(close);
        }
    }
    while end > vs && matches!(bytes[end - 1], b' ' | b'\t' | b',') {
        end -= 1;
    }
    end
}

/// The particles between a label and its value in scripts written without
/// spaces: Chinese `是`/`为`/`為` (is), Japanese `は`/`が`/`：`, Korean
/// `는`/`은`/`이`/`가` (topic and subject markers).
const PARTICLES: &[&str] = &["是", "为", "為", "は", "が", "는", "은", "이", "가"];

/// The value after the label at `start..end` when the label is written in
/// a script without spaces (its first byte is not ASCII) and a particle
/// follows it (`密码是x`): what quotes after the particle hold
/// (`「Pa55w0rd!」`), or else the run of visible ASCII after it (and a
/// space), up to the next space, quote or letter of the script
/// (`abc123です`). It must look like a credential or an id.
fn particle_value(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if text.as_bytes().get(start).is_none_or(u8::is_ascii) {
        return None;
    }
    let rest = &text[end..];
    let particle = PARTICLES.iter().find(|p| rest.starts_with(**p))?;
    let mut vs = end + particle.len();
    // A quoted value is all that the quotes hold.
    for (open, close) in [
        ("「", "」"),
        ("『", "』"),
        ("“", "”"),
        ("\"", "\""),
        ("'", "'"),
    ] {
        if let Some(after) = text[vs..].strip_prefix(open) {
            let value = &after[..after.find(close)?];
            vs = text.len() - after.len();
            return (value.len() >= 4
                && !value.contains('\n')
                && (credential_like(value) || value.bytes().any(|b| b.is_ascii_digit()))
                && !keys::is_placeholder(value))
            .then_some((vs, vs + value.len()));
        }
    }
    if text[vs..].starts_with(' ') {
        vs += 1;
    }
    let len = text[vs..]
        .bytes()
        .take_while(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'`'))
        .count();
    let value = text[vs..vs + len].trim_end_matches([',', '.', ';', '!', '?', ')']);
    let ve = vs + value.len();
    (value.len() >= 4
        && (credential_like(value) || value.bytes().any(|b| b.is_ascii_digit()))
        && !keys::is_placeholder(value))
    .then_some((vs, ve))
}

/// The extensions of source files, as a stack frame or a compiler names
/// them (`Auth.java:42`).
const SOURCE_EXTENSIONS: &[&str] = &[
    "java", "kt", "kts", "scala", "groovy", "py", "rb", "go", "rs", "js", "mjs", "cjs", "ts",
    "jsx", "tsx", "cs", "fs", "vb", "c", "cc", "cpp", "cxx", "h", "hh", "hpp", "m", "mm", "swift",
    "php", "ex", "exs", "erl", "clj", "dart", "lua", "pl", "pm", "r", "jl", "zig", "vue", "svelte",
];

/// Whether the name at `start..end` is a source file followed by `:` and
/// a line number (`Token.java:42`, `token_store.rs:17:5`).
fn is_source_position(bytes: &[u8], start: usize, end: usize) -> bool {
    let Some(dot) = bytes[start..end].iter().rposition(|&b| b == b'.') else {
        return false;
    };
    let ext = &bytes[start + dot + 1..end];
    bytes.get(end) == Some(&b':')
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        && dot > 0
        && SOURCE_EXTENSIONS
            .iter()
            .any(|e| e.as_bytes().eq_ignore_ascii_case(ext))
}

/// The longest line [`value_below`] takes as a value.
const MAX_LINE_VALUE: usize = 512;

/// The value given on a line of its own below a label that ends its line
/// with `:` at `at` (`here is the IBAN you asked for:`, a blank line or
/// two, then `DE89 3704 ...`). The line must stand apart: a blank line
/// or the end of the text follows it, and it reads as no label or
/// `name: value` pair of its own (a YAML mapping nested under a key).
/// A secret is one token; a personal value (`multiword`) the whole line.
#[inline(never)]
fn value_below(text: &str, at: usize, multiword: bool) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut breaks = 0;
    // The label's line break, then at most two blank lines.
    loop {
        i = skip_spaces_at(bytes, i);
        match bytes.get(i) {
            Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            Some(b'\n') => i += 1,
            _ => break,
        }
        breaks += 1;
        if breaks > 3 {
            return None;
        }
    }
    let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
    let value = text[i..line_end].trim_end_matches(['\r', ' ', '\t']);
    let after = &text[line_end..];
    // Nothing below, or a blank line.
    let apart = match after.strip_prefix('\n') {
        None => true,
        Some(rest) => {
            let next = rest.find('\n').map_or(rest, |n| &rest[..n]);
            next.trim_matches([' ', '\t', '\r']).is_empty()
        }
    };
    let ve = i + value.len();
    let usable = apart
        && !value.is_empty()
        && value.len() <= MAX_LINE_VALUE
        && (multiword || !value.contains([' ', '\t']))
        // A sentence is no value (`Address:` then `Please call us.`).
        && !(value.contains(' ') && value.ends_with(['.', '!', '?']))
        && !value.ends_with(':')
        && !value.contains(": ")
        && !value.starts_with(['-', '*', '#', '>', '<', '|'])
        && !keys::is_placeholder(value)
        && !value.starts_with(crate::REDACTED_PREFIX)
        && !STATE_WORDS.iter().any(|w| {
            w.eq_ignore_ascii_case(value.trim_end_matches(['.', ',', ';', '!', '?']))
        });
    usable.then_some((i, ve))
}

/// The value a label written after it in parentheses names: in
/// `X (the new BSN)`, `X (my api key)`, the label starting at `start` is
/// preceded by `(` and a few filler words, and `X` is the one token before
/// the parenthesis, taken when it looks like an id or a credential (digits,
/// or `credential_like`), never a plain word. The label, ending at `end`,
/// closes the parenthesis, which is set apart from the value by a space: in
/// a stack frame's `com.acme.Auth.login(Auth.java:42)` the word in
/// parentheses starts a file's name, and `f(token)` is a call.
fn value_before_label(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if !text[end..].trim_start_matches([' ', '\t']).starts_with(')') {
        return None;
    }
    let mut before = text[..start].trim_end();
    for filler in [
        "the new", "the old", "the", "new", "my", "our", "your", "their", "his", "her",
    ] {
        if let Some(rest) = before.strip_suffix(filler)
            && rest.ends_with(['(', ' '])
        {
            before = rest.trim_end();
            break;
        }
    }
    // Prose sets the parenthesis apart from the value; a call glues it
    // (`refresh_v2(token_cache)`).
    let before = before.strip_suffix('(')?;
    if !before.ends_with([' ', '\t']) {
        return None;
    }
    let before = before.trim_end_matches([' ', '\t']);
    let ve = before.len();
    let vs = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ':' | '='))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let value = before.get(vs..ve)?.trim_end_matches([',', ';']);
    let ve = vs + value.len();
    let id_like = value.len() >= 6
        && value.bytes().any(|b| b.is_ascii_digit())
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b' '));
    (id_like || credential_like(value))
        .then_some((vs, ve))
        .filter(|_| !keys::is_placeholder(value) && !value.starts_with(crate::REDACTED_PREFIX))
}

/// Whether the name ending at `at` is an attribute (`key="..."`,
/// `name='...'`) whose content is followed by a sibling `value=`: its
/// content is then a name, not a value.
fn names_a_sibling(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let Some(&q @ (b'"' | b'\'')) = bytes.get(at + 1).filter(|_| bytes.get(at) == Some(&b'='))
    else {
        return false;
    };
    let Some(close) = text[at + 2..].find(q as char) else {
        return false;
    };
    let after = skip_spaces_at(bytes, at + 2 + close + 1);
    starts_with_ci(&text[after..], "value=")
}

/// The first byte at or after `i` that is not a space or a tab.
fn skip_spaces_at(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Whether `text` starts with `prefix` (ASCII), in any case.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `rest` starts with a template placeholder (`${X}`, `{{ x }}`,
/// `<x>`, `%(x)s`) that closes before the end of the line, within
/// [`MAX_PLACEHOLDER`] bytes (so that a text of many names costs no
/// search to its end per name).
fn opens_placeholder(rest: &str) -> bool {
    [
        ("${", "}"),
        ("{{", "}}"),
        ("<", ">"),
        ("%(", ")s"),
        ("$(", ")"),
    ]
    .iter()
    .any(|(open, close)| {
        rest.strip_prefix(open).is_some_and(|after| {
            let window = &after.as_bytes()[..after.len().min(MAX_PLACEHOLDER)];
            let line = window
                .iter()
                .position(|&b| b == b'\n')
                .map_or(window, |end| &window[..end]);
            line.windows(close.len()).any(|w| w == close.as_bytes())
        })
    })
}

/// The longest template placeholder looked for after a name.
const MAX_PLACEHOLDER: usize = 256;

/// Where an unquoted value starting at `start` ends.
fn unquoted_end(text: &str, start: usize, sep: Sep, multiword: bool, colon: bool) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    // Brackets a secret opened (`(`, `{`, `[`), which its own closers end.
    let mut open = 0u32;
    while end < bytes.len() {
        let b = bytes[end];
        let stop = match b {
            b'&' => !colon && (multiword || ends_at_ampersand(&bytes[start..end], &bytes[end..])),
            b';' | b'"' | b'\'' | b'`' | b'<' | b'>' | b'\n' | b'\r' | b'\t' | b'|' => true,
            // A redaction marker after the value is no part of it.
            b'[' if text[end..].starts_with(crate::REDACTED_PREFIX) => true,
            b'(' | b'{' | b'[' if !multiword => {
                open += 1;
                false
            }
            // A closer ends a secret unless it closes what the secret
            // opened or more of the secret follows it: Django's keys and
            // generated passwords hold brackets (`k5(ir)7y!m`), a record
            // or a call around the value closes it (`Settings(key=x)`).
            b')' | b'}' | b']' if !multiword => {
                if open > 0 {
                    open -= 1;
                    false
                } else {
                    !bytes.get(end + 1).is_some_and(|&n| continues_secret(n))
                }
            }
            b')' | b'}' | b']' => true,
            // A comma ends a secret; a personal value (an address) runs on
            // unless a new field starts after it (`, dob: ...`).
            b',' => !multiword || starts_field(&text[end + 1..]),
            b' ' => {
                // A personal value runs over single spaces; two end it,
                // and so does the next field of a `key=value` line
                // (`name=Björn_Eriksson email=...`).
                !multiword
                    || matches!(bytes.get(end + 1), Some(b' ') | None)
                    || starts_assignment(&bytes[end + 1..])
            }
            b'%' if sep == Sep::Encoded => true,
            _ => false,
        };
        if stop {
            break;
        }
        end += 1;
    }
    // A sentence's full stop is not part of the value.
    while end > start && matches!(bytes[end - 1], b'.' | b' ') {
        end -= 1;
    }
    // A seed phrase: twelve or more lowercase words in a row.
    if !multiword && end < bytes.len() && bytes[end] == b' ' {
        let run = seed_phrase_end(text, start);
        if run > end {
            return run;
        }
    }
    end
}

/// Whether `b`, after a closing bracket, is more of a secret: a letter,
/// a digit or the punctuation generated secrets hold (Django's
/// `!@#$%^&*(-_=+)`).
fn continues_secret(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!@#$%^&*(-_=+".contains(&b)
}

/// Whether an `&` ends the secret `value` read so far (after `=`): when
/// a query parameter follows it (`&name=`) and the value holds nothing a
/// query cannot hold as it is (`^`, `#`, `%` without two hex digits, a
/// backslash, a brace): then the value is one of the query's. Otherwise
/// the `&` is part of a secret that holds punctuation.
fn ends_at_ampersand(value: &[u8], rest: &[u8]) -> bool {
    let name = rest[1..]
        .iter()
        .take_while(|&&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'[' | b']')
        })
        .count();
    let parameter = name > 0 && rest.get(1 + name) == Some(&b'=');
    let not_a_query = value.iter().enumerate().any(|(i, &b)| match b {
        b'^' | b'#' | b'\\' | b'{' | b'}' | b'(' | b')' => true,
        b'%' => {
            !(value.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && value.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        }
        _ => false,
    });
    parameter && !not_a_query
}

/// The name introduced at `at` (after `my name is`): up to five words
/// that start with a capital (or are a particle such as `van`), taken
/// when they read as a person's name.
fn introduced_name(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut start = skip_spaces_at(text.as_bytes(), at);
    // `Name on card: Jane Doe`.
    if text.as_bytes().get(start) == Some(&b':') {
        start = skip_spaces_at(text.as_bytes(), start + 1);
    }
    let end = prose::name_end(text, start);
    let name = &text[start..end];
    (end > start && crate::person::looks_like_a_name(name)).then_some((start, end))
}

/// The name right after a person's name label written in words, with
/// no colon or verb between them (`name on account Gareth Llewellyn`,
/// `the account holder Gareth Llewellyn signed`), as a name intro
/// ([`NAME_INTROS`]) reads its name: one space, then words that read as a
/// person's name and nothing else ([`crate::person::looks_like_a_name`]
/// and [`crate::person::reads_as_a_name`]: `account holder Verification
/// Service` is no name). Read only after a label of the name rule that
/// announced no value, so it costs nothing in most texts.
fn name_after_words(text: &str, at: usize) -> Option<(usize, usize)> {
    let start = at + 1;
    if text.as_bytes().get(at) != Some(&b' ') {
        return None;
    }
    let end = prose::name_end(text, start);
    let name = &text[start..end];
    (end > start && crate::person::looks_like_a_name(name) && crate::person::reads_as_a_name(name))
        .then_some((start, end))
}

/// Where the label ends that goes on after a key name (`Access Key
/// Secret: x`, `Sort Code And Account: x`, `sort code and account?`): up
/// to three more words of letters (of any script), single-spaced, then `:`, `?` or a
/// table cell's ` |`. None when a word of it says
/// the value describes the secret rather than being it (`Password reset
/// link:`, `Password change date:`, `Token expires:`).
fn label_end(text: &str, at: usize) -> Option<usize> {
    const DESCRIBING: &[&str] = &[
        "date",
        "link",
        "change",
        "rules",
        "requirements",
        "strength",
        "history",
        "last",
        "policy",
        "hint",
        "expiry",
    ];
    let bytes = text.as_bytes();
    let mut i = at;
    for _ in 0..3 {
        let start = i;
        // Letters of any script: `شناختی کارڈ نمبر:`, `मतदाता पहचान पत्र
        // संख्या:` go on to their colon as `account number:` does.
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
        {
            i += 1;
        }
        let word = &text[start..i];
        if i == start
            || keys::describes_value(word)
            || DESCRIBING.iter().any(|w| w.eq_ignore_ascii_case(word))
            || STATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
        {
            return None;
        }
        match bytes.get(i) {
            Some(b':') if bytes.get(i + 1) != Some(&b'/') => return Some(i),
            Some(b'?') => return Some(i),
            Some(b'.') if dot_leader(&text[i..]).is_some() => return Some(i),
            Some(b' ') if dot_leader(&text[i + 1..]).is_some() => return Some(i + 1),
            Some(b' ') if bytes.get(i + 1) == Some(&b'|') => return Some(i + 1),
            Some(b' ') => i += 1,
            _ => return None,
        }
    }
    None
}

/// The length of a dot leader at the start of `rest` (`......`, `. . .`,
/// then maybe `:`), as listings write between a label and its value
/// (`PIN BLOCK ...... x`, `Physical Address. . . : x`).
fn dot_leader(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut dots = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'.' => dots += 1,
            b' ' if bytes.get(i + 1) == Some(&b'.') => {}
            _ => break,
        }
        i += 1;
    }
    if dots < 3 {
        return None;
    }
    let dots_end = i;
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    if bytes.get(i) == Some(&b':') {
        i += 1;
    } else if dots == 3 && !bytes[..dots_end].contains(&b' ') {
        // `AKIA... secret`: three dots against a word and no colon are an
        // ellipsis (a value cut short), not a leader.
        return None;
    }
    Some(i)
}

/// The text of a `<![CDATA[...]]>` section at `at`, if one starts there:
/// `Some(None)` when it is empty or a placeholder.
fn cdata(text: &str, at: usize) -> Option<Option<(usize, usize)>> {
    let start = at + text[at..].strip_prefix("<![CDATA[").map(|_| 9)?;
    let end = start + text[start..].find("]]>")?;
    let value = &text[start..end];
    Some((!value.trim().is_empty() && !keys::is_placeholder(value)).then_some((start, end)))
}

/// A YAML block scalar after the key that ends at `at`: `|` or `>` (and a
/// chomping or indentation indicator) at `i`, then the lines indented
/// deeper than the key's line; the span of their text.
fn block_scalar(text: &str, at: usize, i: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(i), Some(b'|' | b'>')) {
        return None;
    }
    let mut j = i + 1;
    while matches!(bytes.get(j), Some(b'-' | b'+' | b'0'..=b'9' | b' ' | b'\t')) {
        j += 1;
    }
    match bytes.get(j) {
        Some(b'\n') => j += 1,
        Some(b'\r') if bytes.get(j + 1) == Some(&b'\n') => j += 2,
        _ => return None,
    }
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let indent = bytes[line_start..]
        .iter()
        .take_while(|&&b| b == b' ')
        .count();
    let (mut start, mut end) = (None, j);
    let mut k = j;
    while k < bytes.len() {
        let line_end = text[k..].find('\n').map_or(bytes.len(), |n| k + n);
        let line = text[k..line_end].trim_end_matches('\r');
        let deeper = line.bytes().take_while(|&b| b == b' ').count();
        if !line.trim().is_empty() {
            if deeper <= indent {
                break;
            }
            start.get_or_insert(k + deeper);
            end = k + line.len();
        }
        k = line_end + 1;
    }
    let start = start?;
    let value = &text[start..end];
    (!keys::is_placeholder(value.trim())).then_some((start, end))
}

/// Words that, right after a key name, start a label that goes on to a
/// verb and still names the secret itself (`the api key for staging is`,
/// `my docker auth config is`, `the password you sent is`); a noun not
/// listed makes another thing of it (`password manager`, `auth server`).
const LABEL_QUALIFIERS: &[&str] = &[
    "for",
    "of",
    "on",
    "in",
    "from",
    "de",
    "del",
    "du",
    "des",
    "do",
    "da",
    "di",
    "für",
    "para",
    "pour",
    "per",
    "voor",
    "you",
    "i",
    "we",
    "they",
    "he",
    "she",
    "that",
    "which",
    "now",
    "here",
    "itself",
    "config",
    "configuration",
    "value",
    "values",
    "string",
    "data",
    "phrase",
    "text",
    "json",
    "blob",
    "base64",
    "entry",
    "pair",
    "line",
];

/// Whether a secret's name says it is a phrase of several words
/// (`passphrase`, `pass phrase`, `wpa_passphrase`), whose value runs over
/// spaces.
fn names_a_phrase(name: &str) -> bool {
    name.as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"phrase"))
}

/// Where a list of codes that starts with the value at `vs..ve` ends: the
/// value and the codes after it, separated by spaces or a comma, on one
/// line, each of four to 64 letters, digits and dashes with a digit in it;
/// `ve` when the value is not a code or no other follows it.
fn code_list_end(text: &str, vs: usize, ve: usize) -> usize {
    let is_code = |code: &[u8]| {
        (4..=64).contains(&code.len())
            && code.iter().any(u8::is_ascii_digit)
            && code.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    };
    let bytes = text.as_bytes();
    if !is_code(&bytes[vs..ve]) {
        return ve;
    }
    let mut end = ve;
    loop {
        let mut i = end;
        while matches!(bytes.get(i), Some(b' ' | b',')) {
            i += 1;
        }
        let mut j = i;
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
        {
            j += 1;
        }
        if i == end || !is_code(&bytes[i..j]) {
            return end;
        }
        end = j;
    }
}

/// Words of prose that follow a flag named in a sentence (`pass it with
/// --password instead`, `use --token to authenticate`), not its argument.
const FLAG_PROSE: &[&str] = &[
    "to", "the", "a", "an", "and", "or", "is", "are", "was", "for", "with", "flag", "option",
    "argument", "instead", "here", "if", "when", "in", "on", "of", "as", "but", "so", "which",
    "that", "then",
];

/// Words that say a value was changed, before the `to` that gives the new
/// one (`password reset to x`).
const CHANGE_WORDS: &[&str] = &["reset", "changed", "set", "updated", "rotated", "switched"];

/// Where the new value starts when `text[at..]` says the value was changed
/// to it: `reset to `, `was changed to `, `has been set to ` (an auxiliary,
/// a word of [`CHANGE_WORDS`], `to`).
fn changed_to(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = after_auxiliary(text, at);
    let word = CHANGE_WORDS
        .iter()
        .find(|w| starts_with_ci(&text[i..], w) && bytes.get(i + w.len()) == Some(&b' '))?;
    i = skip_spaces_at(bytes, i + word.len());
    starts_with_ci(&text[i..], "to ").then(|| skip_spaces_at(bytes, i + 3))
}

/// Where `text[at..]` goes on after an auxiliary verb (`was`, `has
/// been`, `is`, `got`, `been`) and its spaces; `at` when none starts it.
fn after_auxiliary(text: &str, at: usize) -> usize {
    ["was ", "has been ", "is ", "got ", "been "]
        .iter()
        .find(|aux| starts_with_ci(&text[at..], aux))
        .map_or(at, |aux| skip_spaces_at(text.as_bytes(), at + aux.len()))
}

/// The old value and the new when `text[at..]` says the value was changed
/// from one to the other (`changed from x to y`, `was rotated from x to
/// y`, `from x to y`): one span over both, each a single token that looks
/// like a credential (`changed from the settings page` is prose).
fn changed_from_to(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = after_auxiliary(text, at);
    if let Some(word) = CHANGE_WORDS
        .iter()
        .find(|w| starts_with_ci(&text[i..], w) && bytes.get(i + w.len()) == Some(&b' '))
    {
        i = skip_spaces_at(bytes, i + word.len());
    }
    if !starts_with_ci(&text[i..], "from ") {
        return None;
    }
    let token = |from: usize| {
        let end = text[from..]
            .find(|c: char| c.is_whitespace())
            .map_or(text.len(), |n| from + n);
        let end = from
            + text[from..end]
                .trim_end_matches(['.', ',', ';', '!', '?'])
                .len();
        let value = &text[from..end];
        (credential_like(value) && !keys::is_placeholder(value)).then_some(end)
    };
    let old_start = skip_spaces_at(bytes, i + 5);
    let old_end = token(old_start)?;
    let to = skip_spaces_at(bytes, old_end);
    if !starts_with_ci(&text[to..], "to ") {
        return None;
    }
    let new_start = skip_spaces_at(bytes, to + 3);
    Some((old_start, token(new_start)?))
}

/// The length of a dash set apart by a space on each side that separates a
/// label from its value (`- `, `– `, `— `; the space before it is skipped
/// already): `None` when `rest` does not start with one.
fn dash_separator(rest: &str) -> Option<usize> {
    ["- ", "– ", "— "]
        .iter()
        .find(|d| rest.starts_with(**d))
        .map(|d| d.len())
}

/// Where the verb is that ends a label of up to four more words after a
/// key name, single-spaced (`api key| for staging is x`, `auth| config is
/// x`): the first word one of [`LABEL_QUALIFIERS`], none describing the
/// value or saying its state (`token| expiry for staging is`). `None`
/// when no verb of [`prose::VERBS`] follows them.
fn label_before_verb(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    for n in 0..4 {
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'-' | b'_'))
        {
            i += 1;
        }
        let word = &text[start..i];
        if i == start
            || (n == 0
                && !LABEL_QUALIFIERS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(word)))
            || keys::describes_value(word)
            || STATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
            || bytes.get(i) != Some(&b' ')
        {
            return None;
        }
        i += 1;
        if prose::VERBS.iter().any(|v| starts_with_ci(&text[i..], v)) {
            return Some(i);
        }
    }
    None
}

/// The street address introduced at `at` (after `I live at`, `ship to:`):
/// the clause up to the end of the sentence ([`prose::clause_end`]), taken
/// when it reads as an address.
fn introduced_address(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = skip_spaces_at(bytes, at);
    if bytes.get(start) == Some(&b':') {
        start = skip_spaces_at(bytes, start + 1);
    }
    let end = prose::clause_end(text, start);
    let value = &text[start..end];
    (!value.is_empty() && crate::person::looks_like_an_address(value)).then_some((start, end))
}

/// When `text[start..end]` is a group of digits, the end of the digit
/// groups that follow it joined by single spaces or dashes (`my tfn is
/// 348 640 869`), so that a number written in groups is taken whole;
/// otherwise `end`.
fn digit_groups_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    if end == start || !bytes[start..end].iter().all(u8::is_ascii_digit) {
        return end;
    }
    while matches!(bytes.get(end), Some(b' ' | b'-'))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        && end - start < 32
    {
        end += 1;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
    }
    end
}

/// Whether `rest` starts with one word of a name and `=` (`email=`,
/// `user.id=`), as the next field of a `key=value` line does. Read at each
/// space of a personal value only.
fn starts_assignment(rest: &[u8]) -> bool {
    let name = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .count();
    name > 0 && rest.get(name) == Some(&b'=')
}

/// Whether `rest` starts (after spaces) with a field's name and its
/// separator: `dob: `, `email=`, `Date of birth:`.
fn starts_field(rest: &str) -> bool {
    let rest = rest.trim_start();
    let name_end = rest
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '#')))
        .unwrap_or(rest.len());
    name_end > 0
        && name_end <= 32
        && rest[name_end..].starts_with([':', '='])
        && rest[..name_end].split(' ').count() <= 4
}

/// The end of a run of 12 to 24 lowercase words starting at `start`, or
/// `start` when there is none.
fn seed_phrase_end(text: &str, start: usize) -> usize {
    let mut words = 0;
    let mut end = start;
    for (offset, raw) in text[start..].split(' ').scan(start, |at, w| {
        let o = *at;
        *at += w.len() + 1;
        Some((o, w))
    }) {
        let word = raw.trim_end_matches(['.', ',', ';']);
        if !(3..=8).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            break;
        }
        words += 1;
        end = offset + word.len();
        if words == 24 || word.len() < raw.len() {
            break;
        }
    }
    if words >= 12 { end } else { start }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyPattern;

    fn finder() -> (NameValues, KeyRules) {
        let rules = KeyRules::new(
            [
                "password|passwd|pwd|passwort",
                "token|api_key|secret",
                "first_name|dob|street_address|date_of_birth",
                "mnemonic|seed_phrase",
            ]
            .iter()
            .enumerate()
            .map(|(i, p)| (KeyPattern::new(p).expect("words"), i))
            .collect(),
        )
        .expect("literal words compile");
        let finder = NameValues::new(&rules).expect("compiles").expect("words");
        (finder, rules)
    }

    /// Finds values in `text` and renders each as `[rule:value]`.
    #[track_caller]
    fn check(text: &str, expected: &str) {
        let (finder, rules) = finder();
        let ctx = Context {
            rules: &rules,
            personal: &|r| r == 2,
            identifier: &|_| false,
            password_rule: Some(0),
            pin_rule: None,
            entropy: None,
            person: Some((2, 2)),
            birth: None,
            person_key: &PersonKey::of,
            taken: &Spans::default(),
        };
        assert_eq!(marked(&finder, &ctx, text), expected);
    }

    /// `text` with each value `finder` finds rendered as `[rule:value]`.
    fn marked(finder: &NameValues, ctx: &Context<'_>, text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for f in finder.find(text, ctx, &mut String::new()) {
            out.push_str(&text[at..f.start]);
            out.push_str(&format!("[{}:{}]", f.rule, &text[f.start..f.end]));
            at = f.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Regression: an object after a name (`auth: {"type":
    /// "service_account", ...}`) was read as a filter on the name, and its
    /// first member's value taken; only an operator's operand is.
    #[test]
    fn regression_an_object_after_a_name_is_a_filter_only_with_an_operator() {
        check(
            r#"token: {"type": "service_account", "project": "p"}"#,
            r#"token: {"type": "service_account", "project": "p"}"#,
        );
        check(
            r#"token: {"_eq": "abc123XYZ"}"#,
            r#"token: {"_eq": "[1:abc123XYZ]"}"#,
        );
        check(
            r#"{"token": {"$in": "abc123XYZ"}}"#,
            r#"{"token": {"$in": "[1:abc123XYZ]"}}"#,
        );
    }

    /// Regression: a word in parentheses that starts a file's name in a
    /// stack frame (`login(Token.java:42)`) was read as a label naming the
    /// frame before it, and the class and method were redacted.
    #[test]
    fn regression_stack_frame_is_no_value_before_a_label() {
        for kept in [
            "at com.acme.Token.login(Token.java:42)",
            "at com.acme.SecretStore.get(Secret.kt:7) caused by",
            "File \"app/tokens.py\", line 12, in refresh_v2(token_cache)",
        ] {
            check(kept, kept);
        }
        check(
            "I changed it to 8f3kQ9zLm2 (the new token) yesterday",
            "I changed it to [1:8f3kQ9zLm2] (the new token) yesterday",
        );
        check(
            "rotated: 8f3kQ9zLm2 ( my api_key ), ok",
            "rotated: [1:8f3kQ9zLm2] ( my api_key ), ok",
        );
    }

    #[test]
    fn regression_named_parts_properties_escapes_and_identifier_labels() {
        check(
            "app.db.password\\=s3cr3t!x\nserver.port\\=8080",
            "app.db.password\\=[0:s3cr3t!x]\nserver.port\\=8080",
        );
        check("app.secret\\:abc123 ok", "app.secret\\:[1:abc123] ok");
        check(
            "my token identifier is tk_83kd02ma",
            "my token identifier is [1:tk_83kd02ma]",
        );
        check(
            "<saml:Attribute Name=\"token\"><saml:AttributeValue>x9k2</saml:AttributeValue>",
            "<saml:Attribute Name=\"token\"><saml:AttributeValue>[1:x9k2]</saml:AttributeValue>",
        );
        check(
            "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--b--",
            "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n[0:hunter2]\r\n--b--",
        );
    }

    /// Finds values in `text` with rules that split a person's name (2),
    /// a street address (3) and a date of birth (4), as the default rules
    /// do, and renders each as `[rule:value]`.
    #[track_caller]
    fn check_people(text: &str, expected: &str) {
        let rules = KeyRules::new(
            [
                "password|passwort|contraseña",
                "token|api_key|auth|secret",
                "full_name|first_name|nom_complet|vollstandiger_name|customer_name|patient_name",
                "street_address|anschrift|adresse|direccion|dirección|address_line",
                "dob|date_of_birth|birth_date|fecha_de_nacimiento|geburtsdatum",
            ]
            .iter()
            .enumerate()
            .map(|(i, p)| (KeyPattern::new(p).expect("words"), i))
            .collect(),
        )
        .expect("literal words compile");
        let finder = NameValues::new(&rules).expect("compiles").expect("words");
        let ctx = Context {
            rules: &rules,
            personal: &|r| r >= 2,
            identifier: &|_| false,
            password_rule: Some(0),
            pin_rule: None,
            entropy: None,
            person: Some((2, 3)),
            birth: Some(4),
            person_key: &PersonKey::of,
            taken: &Spans::default(),
        };
        assert_eq!(marked(&finder, &ctx, text), expected);
    }

    /// Regression: a personal value after its label and `is` in prose
    /// leaked (`my anschrift is Lindenweg 44, 81363 München`): in prose
    /// only a credential-looking token was taken. It is now read as what
    /// the label names, to the end of the name or of the clause.
    #[test]
    fn regression_personal_values_in_prose_after_their_label() {
        for (text, expected) in [
            (
                "hi, my anschrift is Lindenweg 44, 81363 München - why does the login fail?",
                "hi, my anschrift is [3:Lindenweg 44, 81363 München] - why does the login fail?",
            ),
            (
                "hi, my nom complet is Zoë Dubois - why does the login fail?",
                "hi, my nom complet is [2:Zoë Dubois] - why does the login fail?",
            ),
            (
                "her full name is Ada Lovelace and I live in London",
                "her full name is [2:Ada Lovelace] and I live in London",
            ),
            (
                "the patient's address was 12 Main St, Springfield",
                "the patient's address was [3:12 Main St, Springfield]",
            ),
            (
                "mi dirección es Calle Mayor 12, 3º B, 28001 Madrid; gracias",
                "mi dirección es [3:Calle Mayor 12, 3º B, 28001 Madrid]; gracias",
            ),
            (
                "mon adresse est 12 rue des Lilas, 75001 Paris, merci",
                "mon adresse est [3:12 rue des Lilas, 75001 Paris], merci",
            ),
            (
                "My address line is ul. Złota 12/3, 00-123 Warszawa. Thanks!",
                "My address line is [3:ul. Złota 12/3, 00-123 Warszawa]. Thanks!",
            ),
            (
                "mein vollstandiger name ist Jürgen Müller-Lüdenscheidt!",
                "mein vollstandiger name ist [2:Jürgen Müller-Lüdenscheidt]!",
            ),
            (
                "Customer name is Nguyễn, Sakura.",
                "Customer name is [2:Nguyễn, Sakura].",
            ),
            (
                "her full name is \"Ada B. Lovelace\", she said",
                "her full name is \"[2:Ada B. Lovelace]\", she said",
            ),
            (
                "my date of birth is 21 August 1961 and my dob was 03.05.1990",
                "my date of birth is [4:21 August 1961] and my dob was [4:03.05.1990]",
            ),
            (
                "mi fecha de nacimiento es 3 de mayo de 1990.",
                "mi fecha de nacimiento es [4:3 de mayo de 1990].",
            ),
            (
                "mein Geburtsdatum ist 3. Mai 1990. Danke",
                "mein Geburtsdatum ist [4:3. Mai 1990]. Danke",
            ),
            (
                "the patient is Ada Lovelace and she is fine",
                "the patient is [2:Ada Lovelace] and she is fine",
            ),
            (
                "the guest's address is 12 rue des Lilas, 75001 Paris",
                "the guest's address is [3:12 rue des Lilas, 75001 Paris]",
            ),
            (
                "my name is Ada Lovelace and I live in Paris",
                "my name is [2:Ada Lovelace] and I live in Paris",
            ),
        ] {
            check_people(text, expected);
        }
    }

    #[test]
    fn regression_sentences_about_a_personal_field_stay() {
        for text in [
            "the address is unknown",
            "my name is not important",
            "the password is expired",
            "her name was mentioned",
            "my full name is on file",
            "the street address is required for shipping",
            "my anschrift is the same as before",
            "my date of birth is in the form, 3 days ago",
            "the address was 404 Not Found",
            "her full name is Ada",
            "the customer name is acme corp",
            "my dob is 21 August",
            "the address was changed to 12 Main St last week",
            "the customer is Acme Corp",
            "the client is Google Chrome",
        ] {
            check_people(text, text);
        }
    }

    /// Regression: a value after a label of several words whose key word
    /// comes first leaked (`my docker auth config is c3Zj...`): the label
    /// was read only to a colon.
    #[test]
    fn regression_a_secret_after_a_label_of_several_words_and_a_verb() {
        for (text, expected) in [
            (
                "hi, my docker auth config is c3Zjcm9ib3Q6aHVudGVyMg== - why?",
                "hi, my docker auth config is [1:c3Zjcm9ib3Q6aHVudGVyMg==] - why?",
            ),
            (
                "the api key for staging is sk_live_4eC39HqLyjWDarjt.",
                "the api key for staging is [1:sk_live_4eC39HqLyjWDarjt].",
            ),
            (
                "the password you gave me was Xy12ab99 yesterday",
                "the password you gave me was [0:Xy12ab99] yesterday",
            ),
            (
                "mi contraseña de gmail es Gato.Sol.425",
                "mi contraseña de gmail es [0:Gato.Sol.425]",
            ),
            (
                "the password for the admin account is Tr0ub4dor&3",
                "the password for the admin account is [0:Tr0ub4dor&3]",
            ),
            (
                "set the api key for prod-eu to 1i6qlnyvrgChx3Uk and restart",
                "set the api key for prod-eu to [1:1i6qlnyvrgChx3Uk] and restart",
            ),
        ] {
            check_people(text, expected);
        }
        for text in [
            "my password manager is 1Password",
            "the token endpoint for staging is https://login.example.com/token",
            "the api key for staging is https://vault.example.com/v1/kv/api",
            "the auth server is auth-01.internal",
            "the token for staging is expired",
            "the api key for staging is in the vault",
            "the password policy for admins is Strict-2024",
            "the token for this deploy is short-lived",
            "the auth config for nginx is /etc/nginx/auth.conf",
            "the key for the door is under the mat",
        ] {
            check_people(text, text);
        }
    }

    #[test]
    fn regression_a_short_word_inside_a_longer_token_is_not_read() {
        // `pwd` and `dob` match whole tokens only: `dobby` and `xpwdx` are
        // no names, `userPwd` and `PWD` are; a long word the skipped hit
        // overlaps (`token` after `pwd` in `xpwdtoken`) is still found.
        check(
            "dobby=hunter22 xpwdx=hunter33",
            "dobby=hunter22 xpwdx=hunter33",
        );
        check("userPwd=hunter22", "userPwd=[0:hunter22]");
        check("PWD: hunter22", "PWD: [0:hunter22]");
        check("xpwdtoken=hunter22", "xpwdtoken=[1:hunter22]");
    }

    #[test]
    fn log_lines_and_config_text() {
        check(
            "login ok user=bob password=hunter2 took=3ms",
            "login ok user=bob password=[0:hunter2] took=3ms",
        );
        check("DB_PASSWORD: s3cr3t!", "DB_PASSWORD: [0:s3cr3t!]");
        check(
            r#"{"api_key": "abc123", "n": 1}"#,
            r#"{"api_key": "[1:abc123]", "n": 1}"#,
        );
        check("token => 'x y z'", "token => '[1:x y z]'");
        check("export PASSWORT=geheim", "export PASSWORT=[0:geheim]");
    }

    #[test]
    fn regression_values_in_listings_plans_notebooks_and_block_scalars() {
        // A dot leader between a label and its value.
        check("DE052 PIN BLOCK ...... 9F3C", "DE052 PIN BLOCK ...... 9F3C");
        check(
            "Password . . . . . : Tr0ub4dor&3",
            "Password . . . . . : [0:Tr0ub4dor&3]",
        );
        check("token ...... abc123XYZ", "token ...... [1:abc123XYZ]");
        // A quoted name in brackets, as code assigns it.
        check(
            "os.environ[\"API_SECRET\"] = \"k3y-v4lue\"",
            "os.environ[\"API_SECRET\"] = \"[1:k3y-v4lue]\"",
        );
        // A plan's old and new values.
        check(
            "~ password = \"(known after apply)\" -> \"n3w-pa55\"",
            "~ password = \"[0:(known after apply)\" -> \"n3w-pa55]\"",
        );
        // CDATA in an element.
        check(
            "<password><![CDATA[s3cr3t&<x>]]></password>",
            "<password><![CDATA[[0:s3cr3t&<x>]]]></password>",
        );
        // A YAML block or folded scalar: the lines indented under the key.
        check(
            "db:\n  password: >-\n    hunter2-long\n  host: x\n",
            "db:\n  password: >-\n    [0:hunter2-long]\n  host: x\n",
        );
        check(
            "token: |\n  line-one\n  line-two\nnext: 1",
            "token: |\n  [1:line-one\n  line-two]\nnext: 1",
        );
        // An IMAP LOGIN and a PowerShell secure string.
        check(
            "a001 LOGIN \"archive@acme.example\" \"Zq!93 kd\"\r\na002 SELECT INBOX",
            "a001 LOGIN \"archive@acme.example\" \"[0:Zq!93 kd]\"\r\na002 SELECT INBOX",
        );
        check(
            "failed login for bob from 10.0.0.1",
            "failed login for bob from 10.0.0.1",
        );
        check(
            "$s = ConvertTo-SecureString 'P@ss w0rd' -AsPlainText -Force",
            "$s = ConvertTo-SecureString '[0:P@ss w0rd]' -AsPlainText -Force",
        );
    }

    #[test]
    fn flags_sql_xml_and_prose() {
        check(
            "app --token abc.def --verbose",
            "app --token [1:abc.def] --verbose",
        );
        check("app --password=pa55 -v", "app --password=[0:pa55] -v");
        check(
            "deploy --password hunter --force",
            "deploy --password [0:hunter] --force",
        );
        check("mysql -uroot -pS3cret db", "mysql -uroot -p[0:S3cret] db");
        check(
            "CREATE USER bob IDENTIFIED BY 'pa55word';",
            "CREATE USER bob IDENTIFIED BY '[0:pa55word]';",
        );
        check(
            "ALTER ROLE bob WITH PASSWORD 'pa55word';",
            "ALTER ROLE bob WITH PASSWORD '[0:pa55word]';",
        );
        check(
            "<password>hunter2</password>",
            "<password>[0:hunter2]</password>",
        );
        check(
            r#"<Password value="hunter2"/>"#,
            r#"<Password value="[0:hunter2]"/>"#,
        );
        check(
            r#"<wsse:Password Type="x#PasswordText">Th#3642</wsse:Password>"#,
            r#"<wsse:Password Type="x#PasswordText">[0:Th#3642]</wsse:Password>"#,
        );
        check(
            r#"users(where: { first_name: { _eq: "Kwame Silva" } })"#,
            r#"users(where: { first_name: { _eq: "[2:Kwame Silva]" } })"#,
        );
        check(
            "DETAIL:  Key (api_secret)=(MPsx/CUS7) already exists.",
            "DETAIL:  Key (api_secret)=([1:MPsx/CUS7]) already exists.",
        );
        check("my password is Hunter22", "my password is [0:Hunter22]");
        check(
            "mein passwort ist gato.soleil.425",
            "mein passwort ist [0:gato.soleil.425]",
        );
        check(
            "set the api secret to 1i6qlnyvrgChx3Uk and restart",
            "set the api secret to [1:1i6qlnyvrgChx3Uk] and restart",
        );
        check("the token to use", "the token to use");
        check("my dob is 1980 04 16", "my dob is [2:1980 04 16]");
        check(
            "hi, my name is Inès Schäfer. thanks",
            "hi, my name is [2:Inès Schäfer]. thanks",
        );
        check("my name is not important", "my name is not important");
        check(
            "I live at 8886 N Cedar Ave Apt 2. Thanks",
            "I live at [2:8886 N Cedar Ave Apt 2]. Thanks",
        );
        check(
            "I live at 12 Main St and it stopped working",
            "I live at [2:12 Main St] and it stopped working",
        );
        check(
            "Here is my ship to: Lindenweg 175, 10164 Berlin\nPlease update",
            "Here is my ship to: [2:Lindenweg 175, 10164 Berlin]\nPlease update",
        );
        check(
            "ship to Calle de Alcalá 188, 3º",
            "ship to [2:Calle de Alcalá 188, 3º]",
        );
        check("ship to production at 5pm", "ship to production at 5pm");
        check(
            "I live at the office these days",
            "I live at the office these days",
        );
        check(
            "Mein PASSWORT lautet W%4vMb!!Ck7",
            "Mein PASSWORT lautet [0:W%4vMb!!Ck7]",
        );
        check(
            "Access Key Secret: bd4e6234 ok",
            "Access Key Secret: [1:bd4e6234] ok",
        );
        check(
            "Password reset link: https://x.io/r and Password Change Date: 2024-01-01",
            "Password reset link: https://x.io/r and Password Change Date: 2024-01-01",
        );
        check(
            "confirm your api secret?\nCustomer: it's Xy12ab99",
            "confirm your api secret?\nCustomer: it's [1:Xy12ab99]",
        );
        check("API key: abc123", "API key: [1:abc123]");
        check(
            "Street address: 12 Main St, Springfield, dob: 1980-01-02",
            "Street address: [2:12 Main St, Springfield], dob: [2:1980-01-02]",
        );
        check(
            "Date of birth: 21 August 1961; ok",
            "Date of birth: [2:21 August 1961]; ok",
        );
        check(
            r#"<add key="ApiSecret" value="Zq8x2vLr"/>"#,
            r#"<add key="ApiSecret" value="[1:Zq8x2vLr]"/>"#,
        );
        check(
            "<street_address>9338 Hillcrest Ave, Columbus</street_address>",
            "<street_address>[2:9338 Hillcrest Ave, Columbus]</street_address>",
        );
        check(
            r#"password: "{{ vault "secret/db" "password" }}""#,
            r#"password: "{{ vault "secret/db" "password" }}""#,
        );
        check(
            "machine h login u password p4ss!wd",
            "machine h login u password [0:p4ss!wd]",
        );
    }

    #[test]
    fn urls_and_encodings() {
        check(
            "https://h/x?api_key=abc123&page=2",
            "https://h/x?api_key=[1:abc123]&page=2",
        );
        check(
            "https://h/cb?next=https%3A%2F%2Fo%2Fx%3Ftoken%3Dabc123%26y%3D1",
            "https://h/cb?next=https%3A%2F%2Fo%2Fx%3Ftoken%3D[1:abc123]%26y%3D1",
        );
        check(
            "Authorization: Bearer abc.def.ghi",
            "Authorization: Bearer abc.def.ghi",
        );
    }

    #[test]
    fn text_that_is_not_ascii_never_panics() {
        check("token: é€😀x", "token: [1:é€😀x]");
        check("password é€😀", "password é€😀");
        check("password=é", "password=[0:é]");
        check("<password é>", "<password é>");
        check("Authorization: Bear€", "Authorization: Bear€");
    }

    #[test]
    fn names_inside_placeholders_announce_nothing() {
        for text in [
            "kwargs={'user': 'x', 'password': '[redacted:key:password]', 'timeout': 30}",
            "a%3D1%26api_key%3D[redacted:key:api_key]%26b%3D2",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn prose_placeholders_and_counts_stay() {
        for text in [
            "password reset requested for bob",
            "token expired, refreshing",
            "token: expired",
            "the secret is out",
            "DB_PASSWORD=${DB_PASSWORD}",
            "password: <your-password>",
            "max_tokens=4096 token_count=12",
            "token_type=bearer",
            "passwords must have 12 characters",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn personal_values_and_seed_phrases_run_to_the_end_of_the_field() {
        check(
            "first_name: John Smith, dob: 1980-04-01",
            "first_name: [2:John Smith], dob: [2:1980-04-01]",
        );
        let phrase =
            "abandon ability able about above absent absorb abstract absurd abuse access accident";
        check(
            &format!("mnemonic: {phrase}. done"),
            &format!("mnemonic: [3:{phrase}]. done"),
        );
    }

    #[test]
    fn a_value_set_apart_on_the_line_below_its_label_is_taken() {
        check(
            "Hi,\nhere is the password you asked for:\n\nTr0ub4dor&3\n\nBye",
            "Hi,\nhere is the password you asked for:\n\n[0:Tr0ub4dor&3]\n\nBye",
        );
        // CRLF, no blank line, the end of the text; a personal value runs
        // over its line.
        check(
            "your date_of_birth:\r\n  12 March 1981\r\n",
            "your date_of_birth:\r\n  [2:12 March 1981]\r\n",
        );
        check("token:\nabc-123_XYZ", "token:\n[1:abc-123_XYZ]");
        // A YAML mapping under the key, a list, a sentence, a line that
        // does not stand apart, a state word, a placeholder: none is a
        // value.
        for text in [
            "secret:\n  name: db\n  key: x\n",
            "tokens:\n- a1b2c3\n- d4e5f6\n",
            "first_name:\n\nPlease ask the customer again.\n\n",
            "password:\nhunter2xyz\nmore text follows here\n",
            "password:\n\nexpired\n\n",
            "password:\n\n<your-password>\n\n",
            "password:\n\n\n\n\nhunter2xyz\n",
            "api_key:\n\ntwo words\n\n",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn a_dockerfile_env_value_runs_to_the_end_of_its_line() {
        check(
            "FROM x\nENV PASSWORD correct horse battery\nENV TOKEN=abc123XYZ LOG=info\n",
            "FROM x\nENV PASSWORD [0:correct horse battery]\nENV TOKEN=[1:abc123XYZ] LOG=info\n",
        );
        check(
            "env  secret s3cr3t value \\\r\n",
            "env  secret [1:s3cr3t value] \\\r\n",
        );
        for text in [
            "ENV NODE_ENV production\n",
            "ENV PATH=/usr/local/bin:$PATH\n",
            "ENV PASSWORD ${DB_PASSWORD}\n",
            "RUN set password off\n",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn regression_a_key_word_ending_a_sentence_does_not_name_the_next_label() {
        // `password.` ends a sentence; `job:` names what follows.
        check(
            "Set up the password. key: x1y2z3w4v5",
            "Set up the password. key: x1y2z3w4v5",
        );
        check("the dob. name: 12 Main St", "the dob. name: 12 Main St");
    }

    /// Tools that take a secret by their own flag, not by a word that
    /// names it; the same tools' other flags (a port, a host, a user, a
    /// keystore file) stay.
    #[test]
    fn secrets_given_by_a_tools_own_flag_are_taken() {
        for (input, expected) in [
            (
                "snmpwalk -v2c -c Xr7community 10.0.0.1 sysDescr",
                "snmpwalk -v2c -c [0:Xr7community] 10.0.0.1 sysDescr",
            ),
            // The command quoted, in backticks or after `=`.
            (
                "*cfg:* `snmpwalk -v2c -c Wh1sper-nHzt 10.0.0.1 1.3.6`",
                "*cfg:* `snmpwalk -v2c -c [0:Wh1sper-nHzt] 10.0.0.1 1.3.6`",
            ),
            (
                "poll=snmpget -v 2c -c c0rvid 10.0.0.1 sysUpTime.0",
                "poll=snmpget -v 2c -c [0:c0rvid] 10.0.0.1 sysUpTime.0",
            ),
            (
                "export CFG='mysql -uroot -pS3cretPass1 db'",
                "export CFG='mysql -uroot -p[0:S3cretPass1] db'",
            ),
            (
                "snmp-server community N0tPublic RO",
                "snmp-server community [0:N0tPublic] RO",
            ),
            (
                "ipmitool -I lanplus -H bmc1 -U admin -P Ipm1Pass chassis status",
                "ipmitool -I lanplus -H bmc1 -U admin -P [0:Ipm1Pass] chassis status",
            ),
            (
                "redis-cli -h cache -p 6379 -a R3disPw ping",
                "redis-cli -h cache -p 6379 -a [0:R3disPw] ping",
            ),
            (
                "keytool -importkeystore -srcstorepass St0rePw -deststorepass D3stPw",
                "keytool -importkeystore -srcstorepass [0:St0rePw] -deststorepass D3stPw",
            ),
            (
                "openssl pkcs12 -in a.p12 -passin pass:Pk12wd9 -nodes",
                "openssl pkcs12 -in a.p12 -passin pass:[0:Pk12wd9] -nodes",
            ),
            (
                "sqlcmd -S db1 -U sa -P Sq1Pass -Q \"select 1\"",
                "sqlcmd -S db1 -U sa -P [0:Sq1Pass] -Q \"select 1\"",
            ),
            (
                "radius-server host 10.0.0.5 auth-port 1812 acct-port 1813 key Rad1usKey",
                "radius-server host 10.0.0.5 auth-port 1812 acct-port 1813 key [0:Rad1usKey]",
            ),
            (
                "tacacs-server host 10.0.0.6 key 7 0822455D0A16",
                "tacacs-server host 10.0.0.6 key 7 [0:0822455D0A16]",
            ),
        ] {
            check(input, expected);
        }
        for kept in [
            "ipmitool -I lanplus -H bmc1 -U admin -p 623 sensor list",
            "redis-cli -h cache -p 6379 ping",
            "keytool -list -keystore server.jks",
            "openssl s_client -connect host:443",
            "snmpwalk -v3 -l authPriv host",
            "radius-server host 10.0.0.5 auth-port 1812 key-wrap enable",
            "radius-server dead-criteria time 5 tries 3",
        ] {
            check(kept, kept);
        }
    }
}
