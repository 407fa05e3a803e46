//! The kinds of secrets and personal data the corpus plants.
//!
//! Each [`Kind`] generates fresh values ([`Planted`]) in the formats real
//! systems emit, checksum-valid where the format has a checksum, and says
//! whether it is *self-identifying* (recognisable with no context at all)
//! or needs the context a position gives (a key name, a label, a flag). Its
//! [`Ctx`] lists the names real code uses for it: keys, prose labels, keys
//! in other languages, HTTP headers.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use crate::people;
use crate::random::*;

/// What a kind is, which decides the positions it fits in (an ODBC `PWD=`
/// holds a password or token, not an IBAN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A password a person chose or a generator made.
    Password,
    /// A key or token a machine issued.
    Token,
    /// Text that carries its own credential (connection strings, URLs).
    Connection,
    /// A personal identifier: email, phone, national id, card, account.
    Identifier,
    /// A network or device address.
    Network,
    /// A person's name, address, date of birth.
    Person,
}

/// The names real code and people use for a kind.
#[derive(Debug)]
pub struct Ctx {
    /// Keys (`snake_case`; positions vary the case).
    pub keys: &'static [&'static str],
    /// Labels in prose and log text (`passport no`, `MRN`).
    pub labels: &'static [&'static str],
    /// Keys in other languages.
    pub foreign: &'static [&'static str],
    /// HTTP headers that carry it, with the value's prefix (`Bearer `).
    pub headers: &'static [(&'static str, &'static str)],
}

/// One kind of secret or personal data.
pub struct Kind {
    pub name: &'static str,
    pub class: Class,
    /// Recognisable on its own: planted in every position, neutral ones
    /// included. Otherwise planted only where context names it.
    pub self_identifying: bool,
    pub ctx: Ctx,
    pub generate: Box<dyn Fn(&mut StdRng) -> Planted>,
}

/// One generated value.
#[derive(Debug, Clone)]
pub struct Planted {
    /// The text to plant.
    pub text: String,
    /// A JSON form real payloads use for it (a card as a number, a person
    /// as an object), planted instead of the text where JSON is expected.
    pub json: Option<Value>,
    /// What must not survive scrubbing (usually the text itself; for a
    /// connection string, the password in it).
    pub secrets: Vec<String>,
}

impl Planted {
    fn whole(text: String) -> Planted {
        Planted {
            secrets: vec![text.clone()],
            text,
            json: None,
        }
    }

    fn with(text: String, secrets: Vec<String>) -> Planted {
        Planted {
            text,
            json: None,
            secrets,
        }
    }

    fn json(mut self, json: Value) -> Planted {
        self.json = Some(json);
        self
    }

    /// The value to put where a JSON value goes.
    pub fn value(&self) -> Value {
        self.json
            .clone()
            .unwrap_or_else(|| Value::String(self.text.clone()))
    }
}

// ---------------------------------------------------------------------------
// Context tables.
// ---------------------------------------------------------------------------

const PASSWORD_KEYS: &[&str] = &[
    "password",
    "db_password",
    "passwd",
    "pwd",
    "user_password",
    "admin_password",
    "new_password",
    "current_password",
    "smtp_password",
    "root_password",
    "pass",
    "password_confirmation",
    "old_password",
    "ldap_bind_password",
    "keystore_password",
];
const PASSWORD_LABELS: &[&str] = &[
    "password",
    "pwd",
    "passwd",
    "pass",
    "login password",
    "temp password",
];
const PASSWORD_FOREIGN: &[&str] = &[
    "passwort",
    "contraseña",
    "mot_de_passe",
    "senha",
    "wachtwoord",
    "hasło",
    "parola_d_ordine",
    "пароль",
    "パスワード",
    "密码",
    "lösenord",
    "salasana",
    "kennwort",
    "clave",
];
const TOKEN_FOREIGN: &[&str] = &[
    "clave_api",
    "clé_api",
    "chave_api",
    "api_schlüssel",
    "klucz_api",
    "geheimer_schlüssel",
    "jeton_d_accès",
    "token_de_acceso",
    "zugangstoken",
    "segreto",
];
const BEARER: &[(&str, &str)] = &[("Authorization", "Bearer ")];
const PRIVATE_KEY_FOREIGN: &[&str] = &[
    "clave_privada",
    "clé_privée",
    "privater_schlüssel",
    "chave_privada",
    "chiave_privata",
];

const fn ctx(
    keys: &'static [&'static str],
    labels: &'static [&'static str],
    foreign: &'static [&'static str],
    headers: &'static [(&'static str, &'static str)],
) -> Ctx {
    Ctx {
        keys,
        labels,
        foreign,
        headers,
    }
}

fn kind(
    name: &'static str,
    class: Class,
    self_identifying: bool,
    ctx: Ctx,
    generate: impl Fn(&mut StdRng) -> Planted + 'static,
) -> Kind {
    Kind {
        name,
        class,
        self_identifying,
        ctx,
        generate: Box::new(generate),
    }
}

/// Every kind in the corpus.
pub fn all() -> Vec<Kind> {
    use Class::*;
    let vendor = |keys, labels, headers| ctx(keys, labels, TOKEN_FOREIGN, headers);
    vec![
        // --- credentials ------------------------------------------------
        kind(
            "password (human)",
            Password,
            false,
            ctx(PASSWORD_KEYS, PASSWORD_LABELS, PASSWORD_FOREIGN, &[]),
            |r| Planted::whole(human_password(r)),
        ),
        kind(
            "password (strong)",
            Password,
            false,
            ctx(PASSWORD_KEYS, PASSWORD_LABELS, PASSWORD_FOREIGN, &[]),
            |r| Planted::whole(strong_password(r)),
        ),
        kind(
            "api key (generic)",
            Token,
            false,
            ctx(
                &[
                    "api_key",
                    "apikey",
                    "x_api_key",
                    "access_key",
                    "client_secret",
                    "app_secret",
                    "secret_key",
                    "api_secret",
                    "auth_key",
                    "license_key",
                    "webhook_secret",
                    "signing_secret",
                    "api_token",
                    "secret",
                ],
                &[
                    "api key",
                    "API key",
                    "secret key",
                    "client secret",
                    "app secret",
                    "api token",
                    "webhook secret",
                ],
                TOKEN_FOREIGN,
                &[
                    ("X-Api-Key", ""),
                    ("Api-Key", ""),
                    ("X-API-KEY", ""),
                    ("X-Auth-Token", ""),
                    ("X-Client-Secret", ""),
                ],
            ),
            generic_api_key,
        ),
        kind(
            "bearer token",
            Token,
            true,
            ctx(
                &["authorization", "auth_header", "auth", "access_token"],
                &["Authorization:", "auth header", "authorization"],
                &[
                    "autorización",
                    "autorisation",
                    "autorização",
                    "autorisierung",
                ],
                &[("Authorization", ""), ("Proxy-Authorization", "")],
            ),
            bearer,
        ),
        kind(
            "basic auth",
            Token,
            true,
            ctx(
                &[
                    "authorization",
                    "auth_header",
                    "proxy_authorization",
                    "auth",
                ],
                &["Authorization:", "auth header", "authorization"],
                &["autorización", "autorisation", "autorisierung"],
                &[("Authorization", ""), ("Proxy-Authorization", "")],
            ),
            basic_auth,
        ),
        kind(
            "session cookie",
            Token,
            false,
            ctx(
                &[
                    "cookie",
                    "set_cookie",
                    "session_cookie",
                    "cookies",
                    "session",
                ],
                &["cookie", "Cookie:", "session cookie", "Set-Cookie:"],
                &["cookie_de_sesión", "sitzungscookie", "cookie_de_session"],
                &[("Cookie", ""), ("Set-Cookie", "")],
            ),
            session_cookie,
        ),
        kind(
            "jwt",
            Token,
            true,
            ctx(
                &[
                    "id_token",
                    "access_token",
                    "jwt",
                    "token",
                    "auth_token",
                    "refresh_token",
                    "assertion",
                ],
                &["token", "id token", "JWT", "access token"],
                &["jeton", "jeton_d_accès", "zugangstoken", "token_de_acceso"],
                BEARER,
            ),
            jwt,
        ),
        kind(
            "pem private key",
            Token,
            true,
            ctx(
                &[
                    "private_key",
                    "tls_key",
                    "ssl_key",
                    "key_pem",
                    "signing_key",
                    "ssh_private_key",
                    "client_key",
                    "service_account_key",
                ],
                &["private key", "key", "ssh key"],
                PRIVATE_KEY_FOREIGN,
                &[],
            ),
            pem_private_key,
        ),
        kind(
            "raw key (base64, 32 bytes)",
            Token,
            false,
            ctx(
                &[
                    "private_key",
                    "secret_key",
                    "signing_key",
                    "node_key",
                    "validator_key",
                    "seed",
                    "ed25519_secret",
                    "encryption_key",
                    "master_key",
                    "hmac_key",
                    "wireguard_private_key",
                    "data_key",
                ],
                &[
                    "private key",
                    "secret key",
                    "signing key",
                    "encryption key",
                    "master key",
                    "PrivateKey =",
                ],
                PRIVATE_KEY_FOREIGN,
                &[],
            ),
            |r| {
                let b = bytes(r, 32);
                Planted::whole(if chance(r, 0.25) { b64url(&b) } else { b64(&b) })
            },
        ),
        kind(
            "raw key (base64, 64 bytes)",
            Token,
            false,
            ctx(
                &[
                    "private_key",
                    "secret_key",
                    "signing_key",
                    "keypair",
                    "ed25519_keypair",
                    "encryption_key",
                    "session_secret",
                    "jwt_secret",
                ],
                &["private key", "secret key", "keypair", "jwt secret"],
                PRIVATE_KEY_FOREIGN,
                &[],
            ),
            |r| Planted::whole(b64(&bytes(r, 64))),
        ),
        kind(
            "raw key (0x hex)",
            Token,
            false,
            ctx(
                &[
                    "private_key",
                    "priv_key",
                    "wallet_private_key",
                    "signer_key",
                    "eth_private_key",
                    "validator_secret_key",
                    "deployer_key",
                ],
                &["private key", "privkey", "signer key"],
                PRIVATE_KEY_FOREIGN,
                &[],
            ),
            |r| {
                let h = hex(&bytes(r, 32));
                Planted::whole(if chance(r, 0.8) { format!("0x{h}") } else { h })
            },
        ),
        kind(
            "aws access key id",
            Token,
            true,
            vendor(
                &[
                    "aws_access_key_id",
                    "access_key_id",
                    "access_key",
                    "aws_key",
                ],
                &["access key", "AWS access key id", "key id"],
                &[],
            ),
            |r| {
                Planted::whole(format!(
                    "{}{}",
                    pick(r, &["AKIA", "AKIA", "ASIA"]),
                    chars(r, BASE32, 16)
                ))
            },
        ),
        kind(
            "aws secret key",
            Token,
            false,
            ctx(
                &[
                    "aws_secret_access_key",
                    "secret_access_key",
                    "aws_secret_key",
                    "secret_key",
                    "aws_secret",
                ],
                &[
                    "AWS secret",
                    "secret access key",
                    "aws secret key",
                    "secret key",
                ],
                &[
                    "clave_secreta_aws",
                    "clé_secrète_aws",
                    "geheimer_zugriffsschlüssel",
                ],
                &[],
            ),
            |r| Planted::whole(chars(r, B64, 40)),
        ),
        kind(
            "github token (classic)",
            Token,
            true,
            vendor(
                &[
                    "github_token",
                    "gh_token",
                    "token",
                    "personal_access_token",
                    "oauth_token",
                ],
                &["GitHub token", "PAT", "token"],
                &[("Authorization", "token "), ("Authorization", "Bearer ")],
            ),
            |r| {
                Planted::whole(format!(
                    "{}_{}",
                    pick(r, &["ghp", "ghp", "gho", "ghu", "ghs", "ghr"]),
                    chars(r, ALNUM, 36)
                ))
            },
        ),
        kind(
            "github token (fine-grained)",
            Token,
            true,
            vendor(
                &["github_token", "gh_pat", "token", "personal_access_token"],
                &["GitHub token", "fine-grained PAT", "token"],
                &[("Authorization", "Bearer ")],
            ),
            |r| {
                Planted::whole(format!(
                    "github_pat_{}_{}",
                    chars(r, ALNUM, 22),
                    chars(r, ALNUM, 59)
                ))
            },
        ),
        kind(
            "gitlab token",
            Token,
            true,
            vendor(
                &[
                    "gitlab_token",
                    "private_token",
                    "access_token",
                    "gitlab_pat",
                ],
                &["GitLab token", "PAT", "private token"],
                &[("PRIVATE-TOKEN", ""), ("Authorization", "Bearer ")],
            ),
            |r| {
                let n = if chance(r, 0.8) { 20 } else { 26 };
                Planted::whole(format!("glpat-{}", chars(r, URLSAFE, n)))
            },
        ),
        kind(
            "slack bot token",
            Token,
            true,
            vendor(
                &["slack_token", "bot_token", "slack_bot_token", "token"],
                &["slack token", "bot token"],
                BEARER,
            ),
            |r| {
                Planted::whole(format!(
                    "xoxb-{}-{}-{}",
                    digits(r, 10..=13),
                    digits(r, 10..=13),
                    chars(r, ALNUM, 24)
                ))
            },
        ),
        kind(
            "slack app token",
            Token,
            true,
            vendor(
                &["slack_app_token", "app_token", "socket_token"],
                &["app token", "slack app-level token"],
                BEARER,
            ),
            |r| {
                Planted::whole(format!(
                    "xapp-1-A{}-{}-{}",
                    chars(r, UPPER_ALNUM, 10),
                    digits(r, 13),
                    chars(r, HEX, 64)
                ))
            },
        ),
        kind(
            "slack refresh token",
            Token,
            true,
            vendor(
                &["refresh_token", "slack_refresh_token", "token"],
                &["refresh token", "slack token"],
                &[],
            ),
            |r| {
                Planted::whole(format!(
                    "xoxe.{}-1-{}",
                    pick(r, &["xoxp", "xoxb"]),
                    chars(r, ALNUM, 140..=170)
                ))
            },
        ),
        kind(
            "stripe secret key",
            Token,
            true,
            vendor(
                &[
                    "stripe_secret_key",
                    "stripe_key",
                    "secret_key",
                    "stripe_api_key",
                ],
                &["stripe key", "secret key", "Stripe secret"],
                BEARER,
            ),
            |r| {
                let n = if chance(r, 0.5) { 24 } else { 99 };
                Planted::whole(format!(
                    "{}_live_{}",
                    pick(r, &["sk", "sk", "rk"]),
                    chars(r, ALNUM, n)
                ))
            },
        ),
        kind(
            "openai key",
            Token,
            true,
            vendor(
                &["openai_api_key", "api_key", "openai_key"],
                &["OpenAI key", "api key"],
                BEARER,
            ),
            openai_key,
        ),
        kind(
            "anthropic key",
            Token,
            true,
            vendor(
                &["anthropic_api_key", "api_key", "claude_api_key"],
                &["Anthropic key", "api key"],
                &[("x-api-key", "")],
            ),
            |r| Planted::whole(format!("sk-ant-api03-{}AA", chars(r, URLSAFE, 93))),
        ),
        kind(
            "azure storage key",
            Connection,
            true,
            ctx(
                &[
                    "connection_string",
                    "storage_connection_string",
                    "azure_storage_connection_string",
                    "azure_web_jobs_storage",
                    "account_key",
                ],
                &["connection string", "storage connection", "AccountKey"],
                &[
                    "cadena_de_conexión",
                    "chaîne_de_connexion",
                    "verbindungszeichenfolge",
                ],
                &[],
            ),
            azure_storage,
        ),
        kind(
            "google api key",
            Token,
            true,
            vendor(
                &[
                    "google_api_key",
                    "maps_api_key",
                    "api_key",
                    "firebase_api_key",
                    "key",
                ],
                &["Google API key", "maps key", "api key"],
                &[("X-Goog-Api-Key", "")],
            ),
            |r| Planted::whole(format!("AIza{}", chars(r, URLSAFE, 35))),
        ),
        kind(
            "google oauth client secret",
            Token,
            true,
            vendor(
                &[
                    "client_secret",
                    "google_client_secret",
                    "oauth_client_secret",
                ],
                &["client secret", "OAuth secret"],
                &[],
            ),
            |r| Planted::whole(format!("GOCSPX-{}", chars(r, URLSAFE, 28))),
        ),
        kind(
            "google refresh token",
            Token,
            true,
            vendor(
                &["refresh_token", "google_refresh_token", "token"],
                &["refresh token"],
                &[],
            ),
            |r| {
                Planted::whole(format!(
                    "1//0{}{}",
                    chars(r, "4569cdgefh", 1),
                    chars(r, URLSAFE, 96..=100)
                ))
            },
        ),
        kind(
            "google access token",
            Token,
            true,
            vendor(
                &["access_token", "google_access_token", "token"],
                &["access token", "oauth token"],
                BEARER,
            ),
            |r| Planted::whole(format!("ya29.{}", chars(r, URLSAFE, 150..=220))),
        ),
        kind(
            "postman key",
            Token,
            true,
            vendor(
                &["postman_api_key", "api_key"],
                &["Postman key", "api key"],
                &[("X-Api-Key", "")],
            ),
            |r| Planted::whole(format!("PMAK-{}-{}", chars(r, HEX, 24), chars(r, HEX, 34))),
        ),
        kind(
            "npm token",
            Token,
            true,
            vendor(
                &["npm_token", "auth_token", "npm_auth_token", "token"],
                &["npm token", "auth token"],
                BEARER,
            ),
            |r| Planted::whole(format!("npm_{}", chars(r, ALNUM, 36))),
        ),
        kind(
            "mailchimp key",
            Token,
            true,
            vendor(
                &["mailchimp_api_key", "mc_api_key", "api_key"],
                &["Mailchimp key", "api key"],
                &[("Authorization", "apikey ")],
            ),
            |r| {
                Planted::whole(format!(
                    "{}-us{}",
                    chars(r, HEX, 32),
                    r.random_range(1..=21)
                ))
            },
        ),
        kind(
            "facebook token",
            Token,
            true,
            vendor(
                &[
                    "fb_access_token",
                    "page_access_token",
                    "access_token",
                    "facebook_token",
                ],
                &["page token", "access token", "FB token"],
                BEARER,
            ),
            |r| {
                Planted::whole(format!(
                    "{}{}",
                    pick(r, &["EAAB", "EAAG", "EAAJ", "EAAI"]),
                    chars(r, ALNUM, 100..=200)
                ))
            },
        ),
        kind(
            "twilio api key",
            Token,
            true,
            vendor(
                &["twilio_api_key", "api_key_sid", "twilio_key", "api_key"],
                &["Twilio key", "API key SID"],
                &[],
            ),
            |r| Planted::whole(format!("SK{}", chars(r, HEX, 32))),
        ),
        kind(
            "sendgrid key",
            Token,
            true,
            vendor(
                &[
                    "sendgrid_api_key",
                    "smtp_password",
                    "api_key",
                    "sendgrid_key",
                ],
                &["SendGrid key", "api key"],
                BEARER,
            ),
            |r| {
                Planted::whole(format!(
                    "SG.{}.{}",
                    chars(r, URLSAFE, 22),
                    chars(r, URLSAFE, 43)
                ))
            },
        ),
        kind(
            "shopify token",
            Token,
            true,
            vendor(
                &[
                    "shopify_access_token",
                    "admin_api_access_token",
                    "access_token",
                    "shopify_token",
                ],
                &["Shopify token", "admin API token"],
                &[("X-Shopify-Access-Token", "")],
            ),
            |r| {
                Planted::whole(format!(
                    "{}_{}",
                    pick(r, &["shpat", "shpat", "shpss", "shpca", "shppa"]),
                    chars(r, HEX, 32)
                ))
            },
        ),
        kind(
            "hugging face token",
            Token,
            true,
            vendor(
                &[
                    "hf_token",
                    "huggingface_token",
                    "hugging_face_hub_token",
                    "token",
                ],
                &["HF token", "hub token"],
                BEARER,
            ),
            |r| Planted::whole(format!("hf_{}", chars(r, ALPHA, 34))),
        ),
        kind(
            "digitalocean token",
            Token,
            true,
            vendor(
                &["digitalocean_token", "do_token", "api_token", "token"],
                &["DO token", "api token"],
                BEARER,
            ),
            |r| {
                Planted::whole(format!(
                    "{}_v1_{}",
                    pick(r, &["dop", "dop", "doo", "dor"]),
                    chars(r, HEX, 64)
                ))
            },
        ),
        kind(
            "telegram bot token",
            Token,
            true,
            vendor(
                &["bot_token", "telegram_bot_token", "telegram_token", "token"],
                &["bot token", "telegram token"],
                &[],
            ),
            |r| {
                Planted::whole(format!(
                    "{}:AA{}",
                    num(r, 100_000_000, 7_999_999_999, 0),
                    chars(r, URLSAFE, 33)
                ))
            },
        ),
        kind(
            "database url",
            Connection,
            true,
            ctx(
                &[
                    "database_url",
                    "dsn",
                    "connection_string",
                    "db_url",
                    "sqlalchemy_database_uri",
                    "mongo_uri",
                    "redis_url",
                    "broker_url",
                    "jdbc_url",
                ],
                &["connection string", "DSN", "database url", "conn"],
                &[
                    "cadena_de_conexión",
                    "chaîne_de_connexion",
                    "verbindungszeichenfolge",
                    "url_do_banco",
                ],
                &[],
            ),
            database_url,
        ),
        kind(
            "url credentials",
            Connection,
            true,
            ctx(
                &[
                    "remote_url",
                    "repo_url",
                    "origin",
                    "proxy",
                    "endpoint",
                    "upstream",
                    "url",
                    "registry",
                ],
                &["url", "remote", "proxy", "endpoint"],
                &["dirección_url", "adresse_url"],
                &[],
            ),
            url_credentials,
        ),
        kind(
            "signed url",
            Connection,
            true,
            ctx(
                &[
                    "download_url",
                    "presigned_url",
                    "upload_url",
                    "signed_url",
                    "location",
                    "export_url",
                ],
                &["link", "download link", "signed url"],
                &["enlace_de_descarga", "lien_de_téléchargement"],
                &[("Location", "")],
            ),
            signed_url,
        ),
        kind(
            "seed phrase",
            Token,
            true,
            ctx(
                &[
                    "mnemonic",
                    "seed_phrase",
                    "recovery_phrase",
                    "wallet_seed",
                    "secret_recovery_phrase",
                    "seed_words",
                ],
                &["seed phrase", "recovery phrase", "mnemonic", "wallet words"],
                &[
                    "frase_semilla",
                    "phrase_de_récupération",
                    "wiederherstellungsphrase",
                    "frase_de_recuperação",
                ],
                &[],
            ),
            |r| {
                let n = if chance(r, 0.6) { 12 } else { 24 };
                Planted::whole(bip39_mnemonic(r, n))
            },
        ),
        kind(
            "xprv",
            Token,
            true,
            ctx(
                &[
                    "xprv",
                    "extended_private_key",
                    "master_private_key",
                    "root_key",
                    "hd_key",
                ],
                &["xprv", "extended private key", "master key"],
                PRIVATE_KEY_FOREIGN,
                &[],
            ),
            xprv,
        ),
        // --- personal data ----------------------------------------------
        kind(
            "email",
            Identifier,
            true,
            ctx(
                &[
                    "email",
                    "email_address",
                    "user_email",
                    "contact_email",
                    "to",
                    "from",
                    "reply_to",
                    "billing_email",
                    "login",
                    "username",
                ],
                &["email", "e-mail", "email address", "mail"],
                &[
                    "correo",
                    "correo_electrónico",
                    "courriel",
                    "e_mail_adresse",
                    "adresse_mail",
                    "posta_elettronica",
                    "電子メール",
                ],
                &[("X-User-Email", ""), ("From", "")],
            ),
            |r| Planted::whole(people::email(r)),
        ),
        phone("phone (US, international)", |r| {
            let (a, e, n) = nanp(r);
            match r.random_range(0..4) {
                0 => format!("+1 {a} {e} {n}"),
                1 => format!("+1-{a}-{e}-{n}"),
                2 => format!("+1{a}{e}{n}"),
                _ => format!("+1 ({a}) {e}-{n}"),
            }
        }),
        phone("phone (US, national)", |r| {
            let (a, e, n) = nanp(r);
            match r.random_range(0..3) {
                0 => format!("({a}) {e}-{n}"),
                1 => format!("{a}-{e}-{n}"),
                _ => format!("{a}.{e}.{n}"),
            }
        }),
        phone("phone (DE)", |r| {
            let mobile = format!(
                "1{}",
                pick(
                    r,
                    &[
                        "51", "52", "57", "60", "62", "70", "71", "72", "73", "75", "76", "77",
                        "78", "79"
                    ]
                )
            );
            match r.random_range(0..4) {
                0 => format!("+49 {mobile} {}", digits(r, 8)),
                1 => format!(
                    "+49 (0){} {}",
                    pick(r, &["30", "40", "89", "221", "69"]),
                    digits(r, 7)
                ),
                2 => format!("+49-{mobile}-{}", digits(r, 7)),
                _ => format!("0049 {mobile} {}", digits(r, 8)),
            }
        }),
        phone("phone (FR)", |r| {
            let n = format!(
                "{}{}",
                pick(r, &["6", "7", "1", "2", "3", "4", "5", "9"]),
                digits(r, 8)
            );
            match r.random_range(0..3) {
                0 => group(&format!("0{n}"), 2, " "),
                1 => format!("+33 {} {}", &n[..1], group(&n[1..], 2, " ")),
                _ => group(&format!("0{n}"), 2, "."),
            }
        }),
        phone("phone (IN)", |r| {
            let n = format!("{}{}", pick(r, &["9", "8", "7", "6"]), digits(r, 9));
            match r.random_range(0..3) {
                0 => format!("+91-{}-{}", &n[..5], &n[5..]),
                1 => format!("+91 {} {}", &n[..5], &n[5..]),
                _ => format!("+91{n}"),
            }
        }),
        phone("phone (UK)", |r| match r.random_range(0..3) {
            0 => format!("+44 7{} {}", digits(r, 3), digits(r, 6)),
            1 => format!("+44 20 {} {}", digits(r, 4), digits(r, 4)),
            _ => format!("07{} {}", digits(r, 3), digits(r, 6)),
        }),
        phone("phone (BR)", |r| {
            format!(
                "+55 {} 9{}-{}",
                pick(r, &["11", "21", "31", "41", "51", "61", "71", "81"]),
                digits(r, 4),
                digits(r, 4)
            )
        }),
        kind(
            "us ssn",
            Identifier,
            true,
            ctx(
                &[
                    "ssn",
                    "social_security_number",
                    "tax_id",
                    "tin",
                    "ssn_full",
                    "social",
                ],
                &["SSN", "social security number", "SSN#", "soc sec no"],
                &[
                    "numero_seguro_social",
                    "número_de_seguro_social",
                    "sozialversicherungsnummer",
                ],
                &[],
            ),
            |r| {
                let area = loop {
                    let a = r.random_range(1..=899);
                    if a != 666 {
                        break a;
                    }
                };
                let (g, s) = (r.random_range(1..=99), r.random_range(1..=9999));
                Planted::whole(if chance(r, 0.7) {
                    format!("{area:03}-{g:02}-{s:04}")
                } else {
                    format!("{area:03} {g:02} {s:04}")
                })
            },
        ),
        kind(
            "uk nino",
            Identifier,
            true,
            ctx(
                &[
                    "ni_number",
                    "nino",
                    "national_insurance_number",
                    "national_insurance_no",
                ],
                &["NI number", "National Insurance number", "NINO", "NI no"],
                &[],
                &[],
            ),
            uk_nino,
        ),
        kind(
            "canadian sin",
            Identifier,
            false,
            ctx(
                &["sin", "social_insurance_number", "sin_number"],
                &["SIN", "social insurance number", "NAS"],
                &["numéro_d_assurance_sociale", "nas"],
                &[],
            ),
            |r| {
                let first = pick(r, &["1", "2", "3", "4", "5", "6", "7", "9"]);
                let n = luhn_complete(&format!("{first}{}", digits(r, 7)));
                Planted::whole(match r.random_range(0..3) {
                    0 => group(&n, 3, " "),
                    1 => group(&n, 3, "-"),
                    _ => n,
                })
            },
        ),
        kind(
            "french nir",
            Identifier,
            false,
            ctx(
                &[
                    "nir",
                    "numero_securite_sociale",
                    "social_security_number",
                    "insee_number",
                    "num_secu",
                ],
                &[
                    "numéro de sécurité sociale",
                    "NIR",
                    "n° SS",
                    "social security number",
                    "n° de sécu",
                ],
                &["numéro_de_sécurité_sociale", "numero_secu"],
                &[],
            ),
            french_nir,
        ),
        kind(
            "spanish dni",
            Identifier,
            false,
            ctx(
                &["dni", "nif", "nie", "documento_identidad", "national_id"],
                &["DNI", "NIF", "NIE", "documento de identidad"],
                &["documento_nacional_de_identidad", "número_dni"],
                &[],
            ),
            |r| {
                let (prefix, n) = if chance(r, 0.25) {
                    let p = r.random_range(0..3u32);
                    let n: u32 = r.random_range(0..10_000_000);
                    (Some(p), p * 10_000_000 + n)
                } else {
                    (None, r.random_range(100_000..100_000_000))
                };
                let letter = dni_letter(n);
                let body = match prefix {
                    Some(p) => format!("{}{:07}", ['X', 'Y', 'Z'][p as usize], n % 10_000_000),
                    None => format!("{n:08}"),
                };
                Planted::whole(if chance(r, 0.3) {
                    format!("{body}-{letter}")
                } else {
                    format!("{body}{letter}")
                })
            },
        ),
        kind(
            "italian codice fiscale",
            Identifier,
            true,
            ctx(
                &["codice_fiscale", "tax_code", "fiscal_code", "cf"],
                &["codice fiscale", "CF", "tax code"],
                &[],
                &[],
            ),
            codice_fiscale,
        ),
        kind(
            "german steuer-id",
            Identifier,
            false,
            ctx(
                &[
                    "steuer_id",
                    "steueridentifikationsnummer",
                    "tax_id",
                    "idnr",
                    "steuer_idnr",
                ],
                &[
                    "Steuer-ID",
                    "Steuerliche Identifikationsnummer",
                    "IdNr",
                    "tax id",
                ],
                &[],
                &[],
            ),
            steuer_id,
        ),
        kind(
            "dutch bsn",
            Identifier,
            false,
            ctx(
                &[
                    "bsn",
                    "burgerservicenummer",
                    "citizen_service_number",
                    "national_id",
                ],
                &["BSN", "burgerservicenummer", "sofinummer"],
                &[],
                &[],
            ),
            |r| loop {
                let eight = format!("{}{}", r.random_range(1..=6), digits(r, 7));
                if let Some(d) = bsn_digit(&eight) {
                    let n = format!("{eight}{d}");
                    break Planted::whole(if chance(r, 0.3) {
                        format!("{}.{}.{}", &n[..4], &n[4..6], &n[6..])
                    } else {
                        n
                    });
                }
            },
        ),
        kind(
            "indian aadhaar",
            Identifier,
            false,
            ctx(
                &[
                    "aadhaar",
                    "aadhaar_number",
                    "uid",
                    "aadhar_no",
                    "uidai_number",
                ],
                &["Aadhaar", "Aadhaar no", "aadhar number", "UID"],
                &["आधार"],
                &[],
            ),
            |r| {
                let partial = format!("{}{}", r.random_range(2..=9), digits(r, 10));
                let n = format!("{partial}{}", verhoeff_digit(&partial));
                Planted::whole(match r.random_range(0..3) {
                    0 => group(&n, 4, " "),
                    1 => group(&n, 4, "-"),
                    _ => n,
                })
            },
        ),
        kind(
            "indian pan",
            Identifier,
            false,
            ctx(
                &["pan", "pan_number", "pan_card", "income_tax_pan"],
                &["PAN", "PAN no", "PAN card number"],
                &[],
                &[],
            ),
            |r| {
                Planted::whole(format!(
                    "{}{}{}{}{}",
                    chars(r, UPPER, 3),
                    chars(r, "PCHFATBLJG", 1),
                    chars(r, UPPER, 1),
                    digits(r, 4),
                    chars(r, UPPER, 1)
                ))
            },
        ),
        kind(
            "brazilian cpf",
            Identifier,
            false,
            ctx(
                &["cpf", "cpf_number", "tax_id", "documento", "cpf_cnpj"],
                &["CPF", "CPF nº", "cadastro de pessoa física"],
                &["número_do_cpf"],
                &[],
            ),
            |r| {
                let nine = digits(r, 9);
                let (a, b) = cpf_digits(&nine);
                let plain = format!("{nine}{a}{b}");
                let text = if chance(r, 0.6) {
                    format!("{}.{}.{}-{a}{b}", &nine[..3], &nine[3..6], &nine[6..])
                } else {
                    plain
                };
                Planted::whole(text)
            },
        ),
        kind(
            "chinese resident id",
            Identifier,
            false,
            ctx(
                &[
                    "id_card",
                    "id_number",
                    "resident_id",
                    "shenfenzheng",
                    "citizen_id",
                    "national_id",
                ],
                &["身份证号", "ID card number", "resident ID", "身份证"],
                &["身份证号码", "shenfenzheng_hao"],
                &[],
            ),
            |r| {
                let region = pick(
                    r,
                    &[
                        "110101", "310104", "440305", "330106", "510107", "420102", "320106",
                        "370202",
                    ],
                );
                let partial = format!(
                    "{region}{}{:02}{:02}{}",
                    r.random_range(1950..=2005),
                    r.random_range(1..=12),
                    r.random_range(1..=28),
                    digits(r, 3)
                );
                Planted::whole(format!("{partial}{}", iso7064_mod11_2(&partial)))
            },
        ),
        kind(
            "passport number",
            Identifier,
            false,
            ctx(
                &[
                    "passport",
                    "passport_number",
                    "passport_no",
                    "travel_document_number",
                    "document_number",
                ],
                &[
                    "passport no",
                    "passport number",
                    "passport #",
                    "travel document no",
                ],
                &[
                    "reisepassnummer",
                    "pasaporte",
                    "numéro_de_passeport",
                    "número_do_passaporte",
                    "numero_passaporto",
                    "paszport",
                ],
                &[],
            ),
            |r| {
                Planted::whole(match r.random_range(0..6) {
                    0 => digits(r, 9),
                    1 => format!("{}{}", chars(r, UPPER, 1), digits(r, 8)),
                    2 => format!("C{}", chars(r, "CFGHJKLMNPRTVWXYZ0123456789", 8)),
                    3 => format!("{}{}{}", digits(r, 2), chars(r, UPPER, 2), digits(r, 5)),
                    4 => format!("{}{}", chars(r, "JKLMNPRSTUVWZ", 1), digits(r, 7)),
                    _ => format!("E{}", digits(r, 8)),
                })
            },
        ),
        kind(
            "iban",
            Identifier,
            true,
            ctx(
                &[
                    "iban",
                    "bank_account",
                    "account_iban",
                    "payout_iban",
                    "debtor_iban",
                    "creditor_account",
                ],
                &["IBAN", "account", "bank account", "pay to"],
                &[
                    "kontonummer",
                    "cuenta_bancaria",
                    "compte_bancaire",
                    "conta_bancária",
                    "rekeningnummer",
                ],
                &[],
            ),
            random_iban,
        ),
        kind(
            "us bank account",
            Identifier,
            false,
            ctx(
                &[
                    "account_number",
                    "bank_account_number",
                    "acct_no",
                    "checking_account",
                    "dda_account",
                ],
                &["account number", "acct #", "account no", "checking account"],
                &["numero_de_cuenta", "numéro_de_compte", "kontonummer"],
                &[],
            ),
            us_bank_account,
        ),
        card("card (visa)", |r| {
            luhn_complete(&format!("4{}", digits(r, 14)))
        }),
        card("card (mastercard)", |r| {
            let prefix = if chance(r, 0.7) {
                format!("5{}", r.random_range(1..=5))
            } else {
                format!("{}", r.random_range(2221..=2720))
            };
            luhn_complete(&format!("{prefix}{}", digits(r, 15 - prefix.len())))
        }),
        card("card (amex)", |r| {
            luhn_complete(&format!("{}{}", pick(r, &["34", "37"]), digits(r, 12)))
        }),
        kind(
            "card track data",
            Identifier,
            true,
            ctx(
                &[
                    "track1",
                    "track2",
                    "track_data",
                    "swipe_data",
                    "magstripe",
                    "card_data",
                ],
                &["track data", "track 2", "swipe"],
                &[],
                &[],
            ),
            card_track,
        ),
        kind(
            "medical record number",
            Identifier,
            false,
            ctx(
                &[
                    "mrn",
                    "medical_record_number",
                    "patient_mrn",
                    "chart_number",
                    "ehr_id",
                ],
                &["MRN", "medical record number", "MRN#", "chart #"],
                &[
                    "numero_historia_clinica",
                    "patientennummer",
                    "numéro_de_dossier_médical",
                ],
                &[],
            ),
            |r| {
                Planted::whole(match r.random_range(0..5) {
                    0 => format!("MRN{}", digits(r, 8)),
                    1 => digits(r, 7..=10),
                    2 => format!("{}-{}-{}", digits(r, 3), digits(r, 3), digits(r, 3)),
                    3 => format!("{}{}", chars(r, "AEMP", 1), digits(r, 9)),
                    _ => format!("{}{}", digits(r, 2), digits(r, 6)),
                })
            },
        ),
        kind(
            "ipv4 address",
            Network,
            true,
            ctx(
                &[
                    "ip",
                    "client_ip",
                    "remote_addr",
                    "ip_address",
                    "source_ip",
                    "x_forwarded_for",
                    "last_login_ip",
                    "peer",
                ],
                &["ip", "from", "client", "IP address", "src"],
                &["dirección_ip", "adresse_ip", "endereço_ip"],
                &[
                    ("X-Forwarded-For", ""),
                    ("X-Real-IP", ""),
                    ("CF-Connecting-IP", ""),
                ],
            ),
            |r| Planted::whole(public_ipv4(r)),
        ),
        kind(
            "ipv6 address",
            Network,
            true,
            ctx(
                &[
                    "ip",
                    "client_ip",
                    "remote_addr",
                    "ip_address",
                    "source_ip",
                    "ipv6",
                ],
                &["ip", "from", "client", "IPv6"],
                &["dirección_ip", "adresse_ip"],
                &[("X-Forwarded-For", ""), ("X-Real-IP", "")],
            ),
            ipv6,
        ),
        mac("mac address (colon)", |o| {
            o.iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(":")
        }),
        mac("mac address (dash)", |o| {
            o.iter()
                .map(|b| format!("{b:02X}"))
                .collect::<Vec<_>>()
                .join("-")
        }),
        mac("mac address (cisco)", |o| {
            let h = hex(o);
            format!("{}.{}.{}", &h[..4], &h[4..8], &h[8..])
        }),
        kind(
            "imei",
            Identifier,
            false,
            ctx(
                &["imei", "device_imei", "imei_number", "hardware_id"],
                &["IMEI", "imei no", "device IMEI"],
                &[],
                &[],
            ),
            |r| {
                let tac = pick(
                    r,
                    &[
                        "35209900", "35332509", "86891603", "35460311", "01332700", "35875711",
                    ],
                );
                let n = luhn_complete(&format!("{tac}{}", digits(r, 6)));
                Planted::whole(if chance(r, 0.3) {
                    format!("{}-{}-{}-{}", &n[..2], &n[2..8], &n[8..14], &n[14..])
                } else {
                    n
                })
            },
        ),
        kind(
            "vin",
            Identifier,
            false,
            ctx(
                &[
                    "vin",
                    "vehicle_vin",
                    "vehicle_identification_number",
                    "chassis_number",
                ],
                &["VIN", "vehicle id", "chassis no"],
                &[
                    "fahrgestellnummer",
                    "número_de_bastidor",
                    "numéro_de_série_du_véhicule",
                ],
                &[],
            ),
            |r| {
                let wmi = pick(
                    r,
                    &[
                        "1HG", "WVW", "JTD", "5YJ", "WBA", "1FT", "3VW", "KMH", "VF1", "ZFA",
                    ],
                );
                let tail = format!(
                    "{wmi}{}0{}",
                    chars(r, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 5),
                    chars(r, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 8)
                );
                let check = vin_check(&tail);
                Planted::whole(format!("{}{check}{}", &tail[..8], &tail[9..]))
            },
        ),
        kind(
            "full name",
            Person,
            false,
            ctx(
                &[
                    "full_name",
                    "name",
                    "customer_name",
                    "cardholder_name",
                    "patient_name",
                    "display_name",
                    "contact_name",
                    "legal_name",
                ],
                &["name", "full name", "customer name", "patient name"],
                &[
                    "nombre_completo",
                    "vollständiger_name",
                    "nom_complet",
                    "nome_completo",
                    "naam",
                    "imię_i_nazwisko",
                ],
                &[],
            ),
            |r| Planted::whole(people::full_name(r)),
        ),
        kind(
            "street address",
            Person,
            false,
            ctx(
                &[
                    "address",
                    "street_address",
                    "shipping_address",
                    "billing_address",
                    "home_address",
                    "address_line1",
                    "mailing_address",
                ],
                &["address", "shipping address", "home address", "ship to"],
                &[
                    "dirección",
                    "adresse",
                    "endereço",
                    "indirizzo",
                    "anschrift",
                    "adres",
                    "住所",
                ],
                &[],
            ),
            |r| Planted::whole(people::street_address(r)),
        ),
        kind(
            "date of birth",
            Person,
            false,
            ctx(
                &[
                    "dob",
                    "date_of_birth",
                    "birth_date",
                    "birthdate",
                    "birthday",
                ],
                &["DOB", "date of birth", "born", "birthday", "d.o.b."],
                &[
                    "geburtsdatum",
                    "fecha_de_nacimiento",
                    "date_de_naissance",
                    "data_de_nascimento",
                    "data_di_nascita",
                    "geboortedatum",
                ],
                &[],
            ),
            |r| Planted::whole(people::date_of_birth(r)),
        ),
        kind(
            "person record",
            Person,
            false,
            ctx(
                &[
                    "patient",
                    "customer",
                    "applicant",
                    "insured",
                    "beneficiary",
                    "cardholder",
                    "guest",
                ],
                &["patient", "customer", "applicant", "insured"],
                &["paciente", "kunde", "cliente", "assuré"],
                &[],
            ),
            person_record,
        ),
    ]
}

fn phone(name: &'static str, format: fn(&mut StdRng) -> String) -> Kind {
    kind(
        name,
        Class::Identifier,
        true,
        ctx(
            &[
                "phone",
                "phone_number",
                "mobile",
                "msisdn",
                "telephone",
                "contact_phone",
                "cell",
                "to_number",
                "caller_id",
            ],
            &["phone", "tel", "mobile", "phone number", "cell"],
            &[
                "telefono",
                "telefonnummer",
                "téléphone",
                "numero_de_telefone",
                "handynummer",
                "teléfono_móvil",
                "电话",
            ],
            &[("X-Phone-Number", "")],
        ),
        move |r| Planted::whole(format(r)),
    )
}

fn card(name: &'static str, number: fn(&mut StdRng) -> String) -> Kind {
    kind(
        name,
        Class::Identifier,
        true,
        ctx(
            &[
                "card_number",
                "pan",
                "cc_number",
                "credit_card",
                "card",
                "number",
                "primary_account_number",
                "card_no",
            ],
            &["card", "card number", "cc", "credit card", "card no"],
            &[
                "numero_tarjeta",
                "numéro_de_carte",
                "kartennummer",
                "numero_cartao",
                "numer_karty",
            ],
            &[],
        ),
        move |r| {
            let n = number(r);
            let amex = n.len() == 15;
            let text = match r.random_range(0..10) {
                0..=4 => n.clone(),
                5..=7 if amex => format!("{} {} {}", &n[..4], &n[4..10], &n[10..]),
                5..=7 => group(&n, 4, " "),
                _ => group(&n, 4, "-"),
            };
            let planted = Planted::whole(text.clone());
            match n.parse::<u64>() {
                Ok(v) if text == n && chance(r, 0.3) => planted.json(json!(v)),
                _ => planted,
            }
        },
    )
}

fn mac(name: &'static str, format: fn(&[u8]) -> String) -> Kind {
    kind(
        name,
        Class::Network,
        true,
        ctx(
            &[
                "mac",
                "mac_address",
                "hw_addr",
                "bssid",
                "device_mac",
                "client_mac",
            ],
            &["MAC", "mac address", "hwaddr", "ether"],
            &["dirección_mac", "adresse_mac"],
            &[],
        ),
        move |r| {
            let mut o = bytes(r, 6);
            o[0] &= 0xfc; // unicast, globally administered: real hardware
            Planted::whole(format(&o))
        },
    )
}

/// A NANP number: area code, exchange, line (never 555 or N11).
fn nanp(r: &mut StdRng) -> (String, String, String) {
    let area = loop {
        let a = format!(
            "{}{}{}",
            r.random_range(2..=9),
            r.random_range(0..=8),
            r.random_range(0..=9)
        );
        if &a[1..] != "11" {
            break a;
        }
    };
    let exchange = loop {
        let e = format!("{}{}", r.random_range(2..=9), digits(r, 2));
        if &e[1..] != "11" && e != "555" {
            break e;
        }
    };
    (area, exchange, digits(r, 4))
}

const SYMBOLS: &str = "!#$%&*+-.=?@^_~";

fn human_password(r: &mut StdRng) -> String {
    let word = |r: &mut StdRng| BIP39[r.random_range(0..BIP39.len())].to_owned();
    let cap = |w: String| pascal(&w);
    let symbol = |r: &mut StdRng| chars(r, "!#$%*?@.", 1);
    let p = match r.random_range(0..8) {
        0 => format!(
            "{}{}{}",
            cap(word(r)),
            r.random_range(1970..=2025),
            symbol(r)
        ),
        1 => format!("{}-{}-{}-{}", word(r), word(r), word(r), word(r)),
        2 => {
            let leet: String = word(r)
                .chars()
                .map(|c| match c {
                    'a' => '@',
                    'o' => '0',
                    'e' => '3',
                    's' => '$',
                    'i' => '1',
                    c => c,
                })
                .collect();
            format!("{}{}", cap(leet), digits(r, 2..=4))
        }
        3 => format!(
            "{}{}",
            people::ascii(people::first_name(r)).to_lowercase(),
            r.random_range(1960..=2010)
        ),
        4 => format!("{}{}{}", cap(word(r)), cap(word(r)), r.random_range(1..=99)),
        5 => format!("{}_{}{}", word(r), word(r), symbol(r)),
        6 => format!(
            "{}{}{}",
            pick(
                r,
                &[
                    "Summer", "Winter", "Spring", "Autumn", "Welcome", "January", "October",
                    "Company"
                ]
            ),
            r.random_range(2015..=2025),
            symbol(r)
        ),
        _ => format!(
            "{}{}{}",
            people::ascii(people::last_name(r)),
            symbol(r),
            digits(r, 4)
        ),
    };
    if p.chars().count() < 8 {
        format!("{p}{}", digits(r, 8 - p.chars().count()))
    } else {
        p
    }
}

fn strong_password(r: &mut StdRng) -> String {
    let n = r.random_range(12..=40);
    let mut p = chars(r, &format!("{ALNUM}{SYMBOLS}"), n - 2);
    p.push_str(&chars(r, SYMBOLS, 1));
    p.push_str(&digits(r, 1));
    p
}

fn generic_api_key(r: &mut StdRng) -> Planted {
    Planted::whole(match r.random_range(0..8) {
        0 => chars(r, HEX, 32),
        1 => chars(r, HEX, 40),
        2 => chars(r, ALNUM, 32..=48),
        3 => b64url(&bytes(r, 32)),
        4 => {
            let h = hex(&bytes(r, 16));
            format!(
                "{}-{}-4{}-a{}-{}",
                &h[..8],
                &h[8..12],
                &h[13..16],
                &h[17..20],
                &h[20..]
            )
        }
        5 => format!("key-{}", chars(r, HEX, 32)),
        6 => format!(
            "{}_{}",
            pick(r, &["live", "prod", "sec", "api", "key"]),
            chars(r, ALNUM, 40)
        ),
        _ => b64(&bytes(r, 24)),
    })
}

fn bearer(r: &mut StdRng) -> Planted {
    let token = match r.random_range(0..5) {
        0 => chars(r, ALNUM, 32..=64),
        1 => b64url(&bytes(r, 32)),
        2 => chars(r, HEX, 40),
        3 => format!("v2.local.{}", b64url(&bytes(r, 90))),
        _ => format!("{}.{}", chars(r, ALNUM, 24), chars(r, URLSAFE, 43)),
    };
    let scheme = if chance(r, 0.15) { "bearer" } else { "Bearer" };
    Planted::with(format!("{scheme} {token}"), vec![token])
}

fn basic_auth(r: &mut StdRng) -> Planted {
    let user = people::username(r);
    let password = if chance(r, 0.5) {
        human_password(r)
    } else {
        strong_password(r)
    };
    let token = b64(format!("{user}:{password}").as_bytes());
    Planted::with(format!("Basic {token}"), vec![token, password])
}

fn session_cookie(r: &mut StdRng) -> Planted {
    let (name, value) = match r.random_range(0..7) {
        0 => ("sessionid", chars(r, LOWER_ALNUM, 32)),
        1 => ("JSESSIONID", chars(r, "0123456789ABCDEF", 32)),
        2 => (
            "connect.sid",
            format!(
                "s%3A{}.{}",
                chars(r, URLSAFE, 32),
                pct(b64(&bytes(r, 32)).trim_end_matches('='))
            ),
        ),
        3 => (
            "PHPSESSID",
            chars(r, "abcdefghijklmnopqrstuv0123456789", 26),
        ),
        4 => (
            "_shop_session",
            format!("{}--{}", pct(&b64(&bytes(r, 96))), chars(r, HEX, 40)),
        ),
        5 => {
            let payload = b64url(
                json!({"user_id": r.random_range(1..100_000), "_fresh": true})
                    .to_string()
                    .as_bytes(),
            );
            (
                "session",
                format!(
                    "{payload}.{}.{}",
                    b64url(&bytes(r, 4)),
                    b64url(&bytes(r, 20))
                ),
            )
        }
        _ => ("__Secure-next-auth.session-token", chars(r, HEX, 64)),
    };
    let mut text = String::new();
    if chance(r, 0.3) {
        text.push_str(&format!("_ga=GA1.2.{}.{}; ", digits(r, 10), digits(r, 10)));
    }
    text.push_str(&format!("{name}={value}"));
    if chance(r, 0.4) {
        text.push_str("; Path=/; HttpOnly; Secure; SameSite=Lax");
    }
    Planted::with(text, vec![value])
}

fn jwt(r: &mut StdRng) -> Planted {
    let (alg, sig_len) = *[("HS256", 32), ("RS256", 256), ("ES256", 64)]
        .get(r.random_range(0..3))
        .unwrap_or(&("HS256", 32));
    let mut header = json!({"alg": alg, "typ": "JWT"});
    if chance(r, 0.5) {
        header["kid"] = json!(chars(r, HEX, 16));
    }
    let now: u64 = r.random_range(1_700_000_000..1_760_000_000);
    let mut claims = json!({
        "sub": if chance(r, 0.5) { format!("auth0|{}", chars(r, HEX, 24)) } else { r.random_range(1..1_000_000u32).to_string() },
        "iss": format!("https://auth.{}/", people::domain(r)),
        "aud": pick(r, &["api", "orders-service", "https://api.example-app.io"]),
        "iat": now,
        "exp": now + 3600,
    });
    if chance(r, 0.5) {
        claims["email"] = json!(people::email(r));
        claims["scope"] = json!("read:orders write:orders");
    }
    let (h, p, s) = (
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes()),
        b64url(&bytes(r, sig_len)),
    );
    Planted::with(format!("{h}.{p}.{s}"), vec![p, s])
}

fn pem_private_key(r: &mut StdRng) -> Planted {
    let (label, prefix, len, wrap): (&str, &[u8], usize, usize) = match r.random_range(0..6) {
        0 => (
            "RSA PRIVATE KEY",
            &[
                0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00,
            ],
            1192,
            64,
        ),
        1 => (
            "PRIVATE KEY",
            &[
                0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48,
                0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
            ],
            1218,
            64,
        ),
        2 => (
            "EC PRIVATE KEY",
            &[0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20],
            121,
            64,
        ),
        3 => (
            "PRIVATE KEY",
            &[
                0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
                0x04, 0x20,
            ],
            48,
            64,
        ),
        4 => (
            "OPENSSH PRIVATE KEY",
            b"openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none",
            400,
            70,
        ),
        _ => (
            "ENCRYPTED PRIVATE KEY",
            &[
                0x30, 0x82, 0x05, 0x2d, 0x30, 0x57, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                0x01, 0x05, 0x0d,
            ],
            1329,
            64,
        ),
    };
    let mut der = prefix.to_vec();
    der.extend(bytes(r, len - prefix.len()));
    let body = b64(&der);
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(wrap)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    // The first characters encode the fixed DER prefix, not the key.
    let skip = prefix.len().div_ceil(3) * 4;
    let mut secrets: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = if i == 0 {
            &line[skip.min(line.len())..]
        } else {
            line.as_str()
        };
        if line.len() >= 16 {
            secrets.push(line.to_owned());
        }
    }
    let nl = if chance(r, 0.25) { "\\n" } else { "\n" };
    let text = format!(
        "-----BEGIN {label}-----{nl}{}{nl}-----END {label}-----{nl}",
        lines.join(nl)
    );
    Planted::with(text, secrets)
}

fn openai_key(r: &mut StdRng) -> Planted {
    Planted::whole(match r.random_range(0..4) {
        0 | 1 => format!(
            "sk-proj-{}T3BlbkFJ{}",
            chars(r, URLSAFE, 74),
            chars(r, URLSAFE, 74)
        ),
        2 => format!("sk-proj-{}", chars(r, URLSAFE, 48..=156)),
        _ => format!("sk-{}T3BlbkFJ{}", chars(r, ALNUM, 20), chars(r, ALNUM, 20)),
    })
}

fn azure_storage(r: &mut StdRng) -> Planted {
    let key = b64(&bytes(r, 64));
    let account = format!(
        "{}{}",
        pick(r, &["prod", "logs", "backup", "media", "data"]),
        chars(r, LOWER_ALNUM, 4..12)
    );
    let text = match r.random_range(0..3) {
        0 | 1 => format!(
            "DefaultEndpointsProtocol=https;AccountName={account};AccountKey={key};EndpointSuffix=core.windows.net"
        ),
        _ => format!(
            "AccountName={account};AccountKey={key};BlobEndpoint=https://{account}.blob.core.windows.net/"
        ),
    };
    Planted::with(text, vec![key])
}

fn any_password(r: &mut StdRng) -> String {
    match r.random_range(0..3) {
        0 => human_password(r),
        1 => strong_password(r),
        _ => chars(r, ALNUM, 16..=32),
    }
}

fn database_url(r: &mut StdRng) -> Planted {
    let (user, pw, host) = (people::username(r), any_password(r), people::host(r));
    let db = pick(
        r,
        &[
            "orders",
            "billing",
            "app_production",
            "users",
            "analytics",
            "core",
        ],
    );
    let enc = pct(&pw);
    // Key-value formats cannot hold every character unquoted.
    let kv_pw = pw.replace([';', ' ', '\'', '='], "x");
    let text = match r.random_range(0..10) {
        0 => format!("postgres://{user}:{enc}@{host}:5432/{db}?sslmode=require"),
        1 => format!("postgresql://{user}:{enc}@{host}/{db}"),
        2 => format!("mysql://{user}:{enc}@{host}:3306/{db}"),
        3 => format!(
            "mongodb+srv://{user}:{enc}@cluster0.{}.mongodb.net/{db}?retryWrites=true&w=majority",
            chars(r, LOWER_ALNUM, 5)
        ),
        4 => format!(
            "{}://{}:{enc}@{host}:6379/0",
            pick(r, &["redis", "rediss"]),
            pick(r, &["", "default"])
        ),
        5 => format!("amqp://{user}:{enc}@{host}:5672/%2F"),
        6 => format!(
            "Server=tcp:{}.database.windows.net,1433;Initial Catalog={db};Persist Security Info=False;User ID={user};Password={kv_pw};MultipleActiveResultSets=False;Encrypt=True;",
            chars(r, LOWER, 8)
        ),
        7 => format!("Host={host};Port=5432;Database={db};Username={user};Password={kv_pw}"),
        8 => format!("jdbc:postgresql://{host}:5432/{db}?user={user}&password={enc}&ssl=true"),
        _ => format!(
            "host={host} port=5432 dbname={db} user={user} password={kv_pw} sslmode=disable"
        ),
    };
    let secret = if text.contains(&kv_pw) && !text.contains(&enc) {
        kv_pw
    } else {
        pw
    };
    Planted::with(text, vec![secret])
}

fn url_credentials(r: &mut StdRng) -> Planted {
    let (user, pw, domain) = (people::username(r), any_password(r), people::domain(r));
    let (text, secret) = match r.random_range(0..7) {
        0 => (
            format!(
                "https://{user}:{}@{}/{}",
                pct(&pw),
                people::host(r),
                pick(r, &["api/v1/export", "dav/files", "", "admin"])
            ),
            pw,
        ),
        1 => {
            let t = format!("glpat-{}", chars(r, URLSAFE, 20));
            (
                format!("https://oauth2:{t}@gitlab.{domain}/platform/billing-service.git"),
                t,
            )
        }
        2 => {
            let t = format!("ghs_{}", chars(r, ALNUM, 36));
            (
                format!(
                    "https://x-access-token:{t}@github.com/{}/deploy-config.git",
                    pick(r, &["acme", "globex-inc", "initech"])
                ),
                t,
            )
        }
        3 => (
            format!("http://{user}:{}@proxy.{domain}:3128", pct(&pw)),
            pw,
        ),
        4 => (
            format!("ftp://{user}:{}@ftp.{domain}/incoming/", pct(&pw)),
            pw,
        ),
        5 => {
            let t = format!("SG.{}.{}", chars(r, URLSAFE, 22), chars(r, URLSAFE, 43));
            (format!("smtp://apikey:{t}@smtp.sendgrid.net:587"), t)
        }
        _ => (
            format!(
                "https://{user}:{}@artifacts.{domain}/artifactory/api/npm/npm-remote/",
                pct(&pw)
            ),
            pw,
        ),
    };
    Planted::with(text, vec![secret])
}

fn signed_url(r: &mut StdRng) -> Planted {
    let domain = people::domain(r);
    let object = format!(
        "{}/{}.{}",
        pick(r, &["exports", "invoices", "uploads/2024/05", "reports"]),
        chars(r, LOWER_ALNUM, 12),
        pick(r, &["pdf", "csv", "zip", "png"])
    );
    match r.random_range(0..5) {
        0 => {
            let akid = format!("AKIA{}", chars(r, BASE32, 16));
            let sig = chars(r, HEX, 64);
            let mut secrets = vec![sig.clone(), akid.clone()];
            let token = if chance(r, 0.4) {
                let t = b64(&bytes(r, 300));
                let q = format!("&X-Amz-Security-Token={}", pct(&t));
                secrets.push(t);
                q
            } else {
                String::new()
            };
            Planted::with(
                format!(
                    "https://{}.s3.{}.amazonaws.com/{object}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={akid}%2F20240501%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600{token}&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}",
                    pick(r, &["acme-exports", "prod-uploads", "billing-docs"]),
                    pick(r, &["us-east-1", "eu-west-1", "ap-southeast-2"])
                ),
                secrets,
            )
        }
        1 => {
            let sig = b64(&bytes(r, 32));
            Planted::with(
                format!(
                    "https://{}.blob.core.windows.net/{object}?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2025-06-01T00:00:00Z&st=2024-05-01T00:00:00Z&spr=https&sig={}",
                    chars(r, LOWER, 10),
                    pct(&sig)
                ),
                vec![sig],
            )
        }
        2 => {
            let sig = chars(r, HEX, 512);
            Planted::with(
                format!(
                    "https://storage.googleapis.com/{}/{object}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=exporter%40{}.iam.gserviceaccount.com%2F20240501%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20240501T120000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature={sig}",
                    chars(r, LOWER, 8),
                    chars(r, LOWER, 8)
                ),
                vec![sig],
            )
        }
        3 => {
            let sig = b64(&bytes(r, 128))
                .replace('+', "-")
                .replace('=', "_")
                .replace('/', "~");
            Planted::with(
                format!(
                    "https://{}.cloudfront.net/{object}?Expires={}&Signature={sig}&Key-Pair-Id=K{}",
                    chars(r, LOWER_ALNUM, 14),
                    r.random_range(1_714_000_000..1_760_000_000u64),
                    chars(r, UPPER_ALNUM, 13)
                ),
                vec![sig],
            )
        }
        _ => {
            let sig = b64(&bytes(r, 20));
            Planted::with(
                format!(
                    "https://media.{domain}.oss-eu-central-1.aliyuncs.com/{object}?OSSAccessKeyId=LTAI{}&Expires={}&Signature={}",
                    chars(r, ALNUM, 20),
                    r.random_range(1_714_000_000..1_760_000_000u64),
                    pct(&sig)
                ),
                vec![sig],
            )
        }
    }
}

fn xprv(r: &mut StdRng) -> Planted {
    let version: [u8; 4] = *[
        [0x04, 0x88, 0xad, 0xe4],
        [0x04, 0x88, 0xad, 0xe4],
        [0x04, 0x35, 0x83, 0x94],
        [0x04, 0x9d, 0x78, 0x78],
        [0x04, 0xb2, 0x43, 0x0c],
    ]
    .get(r.random_range(0..5))
    .unwrap_or(&[0x04, 0x88, 0xad, 0xe4]);
    let depth: u8 = r.random_range(0..5);
    let mut payload = version.to_vec();
    payload.push(depth);
    payload.extend(if depth == 0 { vec![0; 8] } else { bytes(r, 8) });
    payload.extend(bytes(r, 32));
    payload.push(0);
    payload.extend(bytes(r, 32));
    Planted::whole(base58check(&payload))
}

fn uk_nino(r: &mut StdRng) -> Planted {
    let prefix = loop {
        let p = format!(
            "{}{}",
            chars(r, "ABCEGHJKLMNOPRSTWXYZ", 1),
            chars(r, "ABCEGHJKLMNPRSTWXYZ", 1)
        );
        if !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&p.as_str()) {
            break p;
        }
    };
    let (d, suffix) = (digits(r, 6), chars(r, "ABCD", 1));
    let text = if chance(r, 0.5) {
        format!("{prefix} {} {} {} {suffix}", &d[..2], &d[2..4], &d[4..])
    } else {
        format!("{prefix}{d}{suffix}")
    };
    Planted::whole(text)
}

fn french_nir(r: &mut StdRng) -> Planted {
    let dept = loop {
        let d = r.random_range(1..=95);
        if d != 20 {
            break d;
        }
    };
    let n = format!(
        "{}{:02}{:02}{dept:02}{:03}{:03}",
        r.random_range(1..=2),
        r.random_range(0..=99),
        r.random_range(1..=12),
        r.random_range(1..=990),
        r.random_range(1..=999)
    );
    let key = nir_key(&n);
    let text = if chance(r, 0.5) {
        format!(
            "{} {} {} {} {} {} {key:02}",
            &n[..1],
            &n[1..3],
            &n[3..5],
            &n[5..7],
            &n[7..10],
            &n[10..13]
        )
    } else {
        format!("{n}{key:02}")
    };
    Planted::whole(text)
}

fn codice_fiscale(r: &mut StdRng) -> Planted {
    let consonants = "BCDFGHJKLMNPQRSTVWXZ";
    let day = r.random_range(1..=31) + if chance(r, 0.5) { 40 } else { 0 };
    let first15 = format!(
        "{}{}{:02}{}{day:02}{}",
        chars(r, consonants, 3),
        chars(r, consonants, 3),
        r.random_range(0..=99),
        chars(r, "ABCDEHLMPRST", 1),
        pick(
            r,
            &[
                "H501", "F205", "L219", "A944", "G273", "D612", "F839", "C351"
            ]
        )
    );
    Planted::whole(format!("{first15}{}", codice_fiscale_check(&first15)))
}

fn steuer_id(r: &mut StdRng) -> Planted {
    use rand::seq::SliceRandom;
    loop {
        let mut d: Vec<u32> = (0..10).collect();
        d.shuffle(r);
        d.pop();
        let dup = d[r.random_range(0..9)];
        d.push(dup);
        d.shuffle(r);
        if d[0] == 0 {
            continue;
        }
        let ten: String = d
            .iter()
            .map(|x| char::from_digit(*x, 10).unwrap_or('1'))
            .collect();
        let n = format!("{ten}{}", iso7064_mod11_10(&ten));
        let text = if chance(r, 0.4) {
            format!("{} {} {} {}", &n[..2], &n[2..5], &n[5..8], &n[8..])
        } else {
            n
        };
        return Planted::whole(text);
    }
}

fn spanish_control(ten: &str) -> u32 {
    const W: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let sum: u32 = ten
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip(W)
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => 0,
        10 => 1,
        v => v,
    }
}

fn random_iban(r: &mut StdRng) -> Planted {
    let (country, bban) = match r.random_range(0..8) {
        0 | 1 => ("DE", digits(r, 18)),
        2 => (
            "GB",
            format!(
                "{}{}",
                pick(r, &["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]),
                digits(r, 14)
            ),
        ),
        3 => {
            let (bank, branch, account) = (digits(r, 5), digits(r, 5), digits(r, 11));
            let n = |s: &str| s.parse::<u64>().unwrap_or(0);
            let key = 97 - (89 * n(&bank) + 15 * n(&branch) + 3 * n(&account)) % 97;
            ("FR", format!("{bank}{branch}{account}{key:02}"))
        }
        4 => (
            "NL",
            format!(
                "{}{}",
                pick(r, &["ABNA", "INGB", "RABO", "TRIO", "SNSB"]),
                digits(r, 10)
            ),
        ),
        5 => {
            let (bank, branch, account) = (digits(r, 4), digits(r, 4), digits(r, 10));
            let c1 = spanish_control(&format!("00{bank}{branch}"));
            let c2 = spanish_control(&account);
            ("ES", format!("{bank}{branch}{c1}{c2}{account}"))
        }
        6 => {
            let ten = digits(r, 10);
            let check = match ten.parse::<u64>().unwrap_or(0) % 97 {
                0 => 97,
                v => v,
            };
            ("BE", format!("{ten}{check:02}"))
        }
        _ => ("AT", digits(r, 16)),
    };
    let compact = iban(country, &bban);
    Planted::whole(if chance(r, 0.4) {
        group(&compact, 4, " ")
    } else {
        compact
    })
}

fn us_bank_account(r: &mut StdRng) -> Planted {
    let lead = *[
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
    ]
    .get(r.random_range(0..24))
    .unwrap_or(&2);
    let partial = format!("{lead:02}{}", digits(r, 6));
    let routing = format!("{partial}{}", aba_digit(&partial));
    let account = format!("{}{}", r.random_range(1..=9), digits(r, 7..=16));
    let p = Planted::whole(account.clone());
    if chance(r, 0.4) {
        p.json(json!({"routing_number": routing, "account_number": account, "account_type": pick(r, &["checking", "savings"])}))
    } else {
        p
    }
}

fn card_track(r: &mut StdRng) -> Planted {
    let pan = if chance(r, 0.6) {
        luhn_complete(&format!("4{}", digits(r, 14)))
    } else {
        luhn_complete(&format!("5{}{}", r.random_range(1..=5), digits(r, 13)))
    };
    let name = format!(
        "{}/{}",
        people::ascii(people::last_name(r)).to_uppercase(),
        people::ascii(people::first_name(r)).to_uppercase()
    );
    let exp = format!("{}{:02}", r.random_range(25..=31), r.random_range(1..=12));
    let svc = pick(r, &["101", "201", "120"]);
    let disc = digits(r, 12..=20);
    let track1 = format!("%B{pan}^{name}^{exp}{svc}{disc}?");
    let track2 = format!(";{pan}={exp}{svc}{disc}?");
    let text = match r.random_range(0..3) {
        0 => track1,
        1 => track2,
        _ => format!("{track1}{track2}"),
    };
    Planted::with(text, vec![pan, format!("{exp}{svc}{disc}")])
}

fn public_ipv4(r: &mut StdRng) -> String {
    loop {
        let o: Vec<u8> = bytes(r, 4);
        let (a, b, c) = (o[0], o[1], o[2]);
        let reserved = a == 0
            || a == 10
            || a == 127
            || a >= 224
            || (a == 100 && (64..128).contains(&b))
            || (a == 169 && b == 254)
            || (a == 172 && (16..32).contains(&b))
            || (a == 192 && b == 168)
            || (a == 192 && b == 0 && (c == 0 || c == 2))
            || (a == 198 && (b == 18 || b == 19))
            || (a == 198 && b == 51 && c == 100)
            || (a == 203 && b == 0 && c == 113);
        if !reserved {
            return format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]);
        }
    }
}

fn ipv6(r: &mut StdRng) -> Planted {
    let prefix = pick(
        r,
        &[
            "2a00",
            "2a02",
            "2a01",
            "2600",
            "2601",
            "2607",
            "2406",
            "2804",
            "2c0f",
            "2a03",
            "2001:4860",
        ],
    );
    let fixed: Vec<String> = prefix.split(':').map(str::to_owned).collect();
    let mut groups = fixed.clone();
    while groups.len() < 8 {
        groups.push(format!("{:x}", r.random_range(0..=0xffffu32)));
    }
    let text = match r.random_range(0..5) {
        0 | 1 => groups.join(":"),
        2 | 3 => {
            // Zeros in the middle, compressed.
            let keep_head = fixed.len() + 1;
            let tail_len = r.random_range(2..=4);
            let head = groups[..keep_head].join(":");
            let tail = groups[8 - tail_len..].join(":");
            format!("{head}::{tail}")
        }
        _ => groups.join(":").to_uppercase(),
    };
    Planted::whole(text)
}

fn person_record(r: &mut StdRng) -> Planted {
    let (name, address, dob) = (
        people::full_name(r),
        people::street_address(r),
        people::date_of_birth(r),
    );
    let text = match r.random_range(0..4) {
        0 => format!("{name}, {address}, DOB {dob}"),
        1 => format!("Name: {name}; Address: {address}; Date of birth: {dob}"),
        2 => format!("{name} (born {dob}) lives at {address}"),
        _ => format!("{name} | {dob} | {address}"),
    };
    let p = Planted::with(text, vec![name.clone(), address.clone(), dob.clone()]);
    if chance(r, 0.6) {
        let (nk, ak, dk) = match r.random_range(0..3) {
            0 => ("name", "address", "dob"),
            1 => ("fullName", "homeAddress", "birthDate"),
            _ => ("patient_name", "street_address", "date_of_birth"),
        };
        p.json(json!({nk: name, ak: address, dk: dob, "id": r.random_range(1000..99_999)}))
    } else {
        p
    }
}
