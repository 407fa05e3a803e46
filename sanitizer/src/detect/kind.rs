//! The built-in detectors: what each looks for, its pattern and validator.

use std::fmt;
use std::str::FromStr;

use super::validate::{self, Validator};
use super::{directory, national, upi, vendor};
use crate::action::Action;
use crate::pseudonym::Shape;

/// A built-in value detector.
///
/// ```
/// use reprise::sanitizer::detect::Detector;
/// assert_eq!("email".parse::<Detector>(), Ok(Detector::Email));
/// assert_eq!(Detector::AwsAccessKey.name(), "aws-access-key");
/// assert_eq!(Detector::ALL.len(), 49);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detector {
    /// An email address.
    Email,
    /// A phone number (international `+` form, or grouped digits).
    Phone,
    /// A payment card number with a known prefix and a valid Luhn digit.
    Card,
    /// An IBAN with valid mod-97 check digits.
    Iban,
    /// A US social security number, `ddd-dd-dddd`, in the issued ranges.
    Ssn,
    /// An IPv4 address (not loopback or unspecified).
    Ipv4,
    /// An IPv6 address (not loopback, unspecified or documentation).
    Ipv6,
    /// A MAC address.
    Mac,
    /// A JSON web token.
    Jwt,
    /// The credential of an `Authorization: Bearer`, `Basic` or `SSWS`
    /// (Okta) header.
    AuthHeader,
    /// The `user:password` of a URL (`postgres://u:p@host`).
    UrlCredentials,
    /// A `password=` / `pwd=` of a connection string.
    ConnectionString,
    /// A PEM private key block.
    PrivateKey,
    /// An AWS access key id (`AKIA...`).
    AwsAccessKey,
    /// An AWS secret access key (40 random base64 characters).
    AwsSecretKey,
    /// A GitHub token (`ghp_`, `gho_`, `github_pat_` ...).
    GithubToken,
    /// A GitLab token (`glpat-` ...).
    GitlabToken,
    /// A Slack token or webhook URL.
    SlackToken,
    /// A Stripe secret or restricted key, or webhook secret.
    StripeKey,
    /// A Google API key, OAuth access or refresh token, or OAuth client
    /// secret.
    GoogleApiKey,
    /// A vendor credential recognisable by its prefix (OpenAI, Anthropic,
    /// Azure, npm, PyPI, Twilio, SendGrid, Shopify, Hugging Face,
    /// DigitalOcean, Vault, Atlassian, Discord, Telegram, ...: see
    /// `detect/vendor.rs`).
    VendorToken,
    /// A BIP32 extended private key (`xprv...`, `tprv...`, `zprv...`) with
    /// a valid base58check checksum.
    ExtendedPrivateKey,
    /// Payment card magnetic stripe data (track 1 `%B...^NAME^...?` or
    /// track 2 `;...=...?`) with a Luhn-valid card number.
    CardTrack,
    /// A UK National Insurance number (`AB123456C`).
    UkNino,
    /// A Canadian social insurance number (`046 454 286`), Luhn valid.
    CaSin,
    /// A French social security number (NIR) with a valid key.
    FrNir,
    /// A Spanish DNI or NIE with a valid check letter.
    EsDni,
    /// An Italian codice fiscale with a valid check character.
    ItCodiceFiscale,
    /// A German tax id (Steuer-ID) with a valid check digit.
    DeTaxId,
    /// An Indian Aadhaar number (`2345 6789 0123`), Verhoeff valid; written
    /// as twelve bare digits, only right after a `uid` or `aadhaar` label
    /// (`uid=234567890123`, `UID: ...`), as a bare twelve-digit number is
    /// as often an ordinary id.
    InAadhaar,
    /// An Indian PAN (`ABCPE1234F`).
    InPan,
    /// A Brazilian CPF (`123.456.789-09`) with valid check digits.
    BrCpf,
    /// A Brazilian CNPJ (`12.345.678/0001-95`) with valid check digits.
    BrCnpj,
    /// A Chinese resident id: region, date of birth, check character.
    CnResidentId,
    /// A mobile device IMEI, Luhn valid.
    Imei,
    /// A vehicle identification number with a valid check digit.
    Vin,
    /// A Belgian national register number (`85.07.30-033.28`), mod 97.
    BeNationalNumber,
    /// A Finnish personal identity code (`131052-308T`), mod 31 check
    /// character.
    FiHetu,
    /// A Swedish personnummer (`811228-9874`, `19811228-9874`), Luhn valid.
    SePersonnummer,
    /// A South African identity number (`8001015009087`): date of birth,
    /// citizenship digit, Luhn digit.
    ZaId,
    /// A UK NHS number (`943 476 5919`), mod 11.
    UkNhs,
    /// The password of a PostgreSQL `.pgpass` line
    /// (`host:port:database:user:password`).
    PgpassLine,
    /// The password of an Oracle connect string (`scott/tiger@//host:1521/svc`,
    /// `scott/tiger@host:1521/svc`, `scott/tiger@(DESCRIPTION=...)`).
    OracleConnect,
    /// A SIM card's ICCID (`89` and 17 or 18 digits), Luhn valid.
    Iccid,
    /// An identity document number whose check digits hold: a passport's
    /// machine-readable zone (ICAO 9303 TD3, with its name line when it
    /// comes first), a Mexican CURP, a Swiss AHV/AVS number
    /// (`756.1234.5678.97`).
    IdDocument,
    /// A person's name as the common name of an LDAP or Active Directory
    /// distinguished name (`CN=Kowalczyk\, Zoë,OU=Sales,DC=corp,...`).
    LdapPerson,
    /// A postal address written out whole with its postcode: a US street
    /// address with its city, state and ZIP (or ZIP+4), a UK one with its
    /// town and postcode, a continental European one with its postcode and
    /// place, and the addressee's name heading it (see
    /// `detect/address.rs`).
    PostalAddress,
    /// Precise coordinates of a place (four decimals or more): GPX and KML
    /// points, labelled latitude and longitude pairs, GeoJSON coordinates
    /// (see `detect/geo.rs`).
    Geolocation,
    /// A UPI virtual payment address (`name@okaxis`, `9876543210@ybl`)
    /// at a known payment service provider's handle.
    UpiId,
}

impl Detector {
    /// Every built-in detector, in a fixed order.
    pub const ALL: [Detector; 49] = [
        Detector::Email,
        Detector::Phone,
        Detector::Card,
        Detector::Iban,
        Detector::Ssn,
        Detector::Ipv4,
        Detector::Ipv6,
        Detector::Mac,
        Detector::Jwt,
        Detector::AuthHeader,
        Detector::UrlCredentials,
        Detector::ConnectionString,
        Detector::PrivateKey,
        Detector::AwsAccessKey,
        Detector::AwsSecretKey,
        Detector::GithubToken,
        Detector::GitlabToken,
        Detector::SlackToken,
        Detector::StripeKey,
        Detector::GoogleApiKey,
        Detector::VendorToken,
        Detector::ExtendedPrivateKey,
        Detector::CardTrack,
        Detector::UkNino,
        Detector::CaSin,
        Detector::FrNir,
        Detector::EsDni,
        Detector::ItCodiceFiscale,
        Detector::DeTaxId,
        Detector::InAadhaar,
        Detector::InPan,
        Detector::BrCpf,
        Detector::BrCnpj,
        Detector::CnResidentId,
        Detector::Imei,
        Detector::Vin,
        Detector::BeNationalNumber,
        Detector::FiHetu,
        Detector::SePersonnummer,
        Detector::ZaId,
        Detector::UkNhs,
        Detector::PgpassLine,
        Detector::OracleConnect,
        Detector::Iccid,
        Detector::IdDocument,
        Detector::LdapPerson,
        Detector::PostalAddress,
        Detector::Geolocation,
        Detector::UpiId,
    ];

    /// The name used in rules files, reports and `reprise verify`.
    ///
    /// ```
    /// assert_eq!(reprise::sanitizer::detect::Detector::Card.name(), "card");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Detector::Email => "email",
            Detector::Phone => "phone",
            Detector::Card => "card",
            Detector::Iban => "iban",
            Detector::Ssn => "ssn",
            Detector::Ipv4 => "ipv4",
            Detector::Ipv6 => "ipv6",
            Detector::Mac => "mac",
            Detector::Jwt => "jwt",
            Detector::AuthHeader => "auth-header",
            Detector::UrlCredentials => "url-credentials",
            Detector::ConnectionString => "connection-string",
            Detector::PrivateKey => "private-key",
            Detector::AwsAccessKey => "aws-access-key",
            Detector::AwsSecretKey => "aws-secret-key",
            Detector::GithubToken => "github-token",
            Detector::GitlabToken => "gitlab-token",
            Detector::SlackToken => "slack-token",
            Detector::StripeKey => "stripe-key",
            Detector::GoogleApiKey => "google-api-key",
            Detector::VendorToken => "vendor-token",
            Detector::ExtendedPrivateKey => "extended-private-key",
            Detector::CardTrack => "card-track",
            Detector::UkNino => "uk-nino",
            Detector::CaSin => "ca-sin",
            Detector::FrNir => "fr-nir",
            Detector::EsDni => "es-dni",
            Detector::ItCodiceFiscale => "it-codice-fiscale",
            Detector::DeTaxId => "de-tax-id",
            Detector::InAadhaar => "in-aadhaar",
            Detector::InPan => "in-pan",
            Detector::BrCpf => "br-cpf",
            Detector::BrCnpj => "br-cnpj",
            Detector::CnResidentId => "cn-resident-id",
            Detector::Imei => "imei",
            Detector::Vin => "vin",
            Detector::BeNationalNumber => "be-national-number",
            Detector::FiHetu => "fi-hetu",
            Detector::SePersonnummer => "se-personnummer",
            Detector::ZaId => "za-id",
            Detector::UkNhs => "uk-nhs",
            Detector::PgpassLine => "pgpass",
            Detector::OracleConnect => "oracle-connect",
            Detector::Iccid => "iccid",
            Detector::IdDocument => "id-document",
            Detector::LdapPerson => "ldap-person",
            Detector::PostalAddress => "postal-address",
            Detector::Geolocation => "geolocation",
            Detector::UpiId => "upi-id",
        }
    }

    /// What the default rules do with a match: personal data is
    /// pseudonymized (so replay still sees equal values as equal), secrets
    /// are redacted. Card track data is a credential (it clones the card),
    /// so it is redacted too.
    ///
    /// ```
    /// use reprise::sanitizer::{Action, detect::Detector};
    /// assert_eq!(Detector::Email.default_action(), Action::Pseudonymize);
    /// assert_eq!(Detector::FrNir.default_action(), Action::Pseudonymize);
    /// assert_eq!(Detector::Jwt.default_action(), Action::Redact);
    /// assert_eq!(Detector::CardTrack.default_action(), Action::Redact);
    /// ```
    pub fn default_action(self) -> Action {
        match self {
            Detector::Email
            | Detector::Phone
            | Detector::Card
            | Detector::Iban
            | Detector::Ssn
            | Detector::Ipv4
            | Detector::Ipv6
            | Detector::Mac
            | Detector::UkNino
            | Detector::CaSin
            | Detector::FrNir
            | Detector::EsDni
            | Detector::ItCodiceFiscale
            | Detector::DeTaxId
            | Detector::InAadhaar
            | Detector::InPan
            | Detector::BrCpf
            | Detector::BrCnpj
            | Detector::CnResidentId
            | Detector::Imei
            | Detector::Vin
            | Detector::BeNationalNumber
            | Detector::FiHetu
            | Detector::SePersonnummer
            | Detector::ZaId
            | Detector::UkNhs
            | Detector::Iccid
            | Detector::IdDocument
            | Detector::LdapPerson
            | Detector::PostalAddress
            | Detector::Geolocation
            | Detector::UpiId => Action::Pseudonymize,
            _ => Action::Redact,
        }
    }

    /// The shape a pseudonym of a match keeps.
    pub(crate) fn shape(self) -> Shape {
        match self {
            Detector::Email => Shape::Email,
            Detector::Card => Shape::Card,
            Detector::Iban => Shape::Iban,
            Detector::Ssn => Shape::Ssn,
            Detector::Ipv4 => Shape::Ipv4,
            Detector::Ipv6 => Shape::Ipv6,
            Detector::Mac => Shape::Mac,
            _ => Shape::Text,
        }
    }

    /// The pattern (`\b` is made ASCII-only when compiled) and validator.
    /// A named group `s` narrows the match to the secret part. `None` for
    /// the AWS secret key, which is checked on the prefilter's token runs
    /// instead: a regex for "40 base64 characters" would match every long
    /// token and slow every text down; and for postal addresses and
    /// coordinates, which their own modules find behind a cheap gate.
    pub(crate) fn pattern(self) -> Option<(&'static str, Option<Validator>)> {
        Some(match self {
            Detector::Email => (
                concat!(
                    r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})\b",
                    // Internationalised (`zoë@bücher.de`) and quoted
                    // (`"jane doe"@x.org`) addresses.
                    r#"|(?:[\p{L}\p{N}._%+-]+|"[^"\n\\@]{1,64}")@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}"#,
                    // Written to fool harvesters: `jane.doe [at] x [dot] org`.
                    r"|[A-Za-z0-9._%+-]+ ?[\[({](?i:at)[\])}] ?[A-Za-z0-9-]+(?: ?(?:[\[({](?i:dot)[\])}]|\.) ?[A-Za-z0-9-]+)*? ?(?:[\[({](?i:dot)[\])}]|\.) ?[A-Za-z]{2,24}\b",
                ),
                Some(validate::email),
            ),
            // International (`+` and 8 to 15 digits in any grouping), North
            // American (`(415) 555-0134`, `415.555.0134`), or national with
            // a trunk `0` and separators (`06 84 49 41 84`, `020 7946 0958`).
            Detector::Phone => (
                concat!(
                    r"\+[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,8})){1,6}\b",
                    r"|(?:\b1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|\b[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}\b",
                    r"|(?:\(0[0-9]{1,4}\)[ .-]?|\b0[0-9]{1,4}[ ./-])[0-9]{2,8}(?:[ .-][0-9]{2,8}){0,4}\b",
                ),
                Some(validate::phone),
            ),
            // Also after an IATA form of payment's `CC` and card type
            // (`FP CCVI4111111111111111/0927`).
            Detector::Card => (
                r"(?:\b|\bCC[A-Z]{2})(?P<s>[0-9](?:[ -]?[0-9]){12,18})\b",
                Some(validate::card),
            ),
            Detector::Iban => (
                r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
                Some(validate::iban),
            ),
            Detector::Ssn => (
                r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b|\b[0-9]{3} [0-9]{2} [0-9]{4}\b",
                Some(validate::ssn),
            ),
            Detector::Ipv4 => (
                r"\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\b",
                Some(validate::ipv4),
            ),
            Detector::Ipv6 => (
                r"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?",
                Some(validate::ipv6),
            ),
            // Colon or dash pairs, or Cisco's dotted quads (`f895.105f.b620`).
            Detector::Mac => (
                r"\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b",
                Some(validate::mac),
            ),
            Detector::Jwt => (
                r"\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*",
                None,
            ),
            Detector::AuthHeader => (
                // An Okta API token (`SSWS 00...`) is 42 characters of a
                // token run.
                concat!(
                    r"(?i:\b(?:bearer|basic))[ \t]+(?P<s>[A-Za-z0-9._~+/=-]{8,})",
                    r"|(?i:\bssws)[ \t]+(?P<s2>[A-Za-z0-9_-]{20,})",
                ),
                Some(validate::auth_header),
            ),
            Detector::UrlCredentials => (
                r"[A-Za-z][A-Za-z0-9+.-]*://(?P<s>[^\s:/?#@]*:[^\s/?#@]+)@",
                None,
            ),
            // A masked or templated password (`Password=****`,
            // `pwd=${DB_PASSWORD}`) holds none. ODBC braces a value that
            // holds a `;` (`Pwd={p@ss;word}`, `}}` for a `}`); a quoted
            // one may hold spaces.
            Detector::ConnectionString => (
                r#"(?i:\b(?:password|passwd|pwd))[ \t]*=[ \t]*(?:"(?P<s2>[^"\n]+)"|(?P<s>\{(?:[^}\n]|\}\})*\}|[^;\s'&]+))"#,
                Some(validate::connection_password),
            ),
            Detector::PrivateKey => (
                r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?s:.*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)",
                None,
            ),
            Detector::AwsAccessKey => (
                r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b",
                None,
            ),
            Detector::GithubToken => (
                r"\b(?:ghp|gho|ghu|ghs)_[A-Za-z0-9]{36}\b|\bghr_[A-Za-z0-9]{36,76}\b|\bgithub_pat_[A-Za-z0-9_]{22,255}\b",
                None,
            ),
            Detector::GitlabToken => (r"\bgl(?:pat|ptt|rt|dt|cbt|soat)-[A-Za-z0-9_-]{20,}", None),
            // Bot, user and legacy tokens, app-level tokens (`xapp-`),
            // configuration tokens (`xoxe.xoxp-`, `xoxe-`), webhook URLs.
            Detector::SlackToken => (
                concat!(
                    r"\bxox[abposr]-[A-Za-z0-9-]{10,}|\bxapp-[0-9]-[A-Za-z0-9-]{20,}",
                    r"|\bxoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,}",
                    r"|https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+",
                ),
                None,
            ),
            Detector::StripeKey => (
                r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}",
                None,
            ),
            // API keys, OAuth access tokens (`ya29.`), refresh tokens
            // (`1//0`), OAuth client secrets (`GOCSPX-`).
            Detector::GoogleApiKey => (
                r"\bAIza[0-9A-Za-z_-]{35}|\bya29\.[0-9A-Za-z_-]{20,}|\b1//0[0-9A-Za-z_-]{40,}|\bGOCSPX-[0-9A-Za-z_-]{28}\b",
                None,
            ),
            Detector::VendorToken => (vendor::pattern(), Some(vendor::vendor_token)),
            Detector::ExtendedPrivateKey => (
                r"\b[xyztuvXYZTUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b",
                Some(validate::extended_private_key),
            ),
            Detector::CardTrack => (
                concat!(
                    r"%?\bB[0-9]{13,19}\^[A-Za-z0-9 /.'-]{1,26}\^(?:[0-9]{7}|[0-9]{4}\^|\^[0-9]{3}|\^\^)[0-9A-Za-z]{0,79}\??",
                    r"|;?\b[0-9]{13,19}=(?:[0-9]{4}|=)(?:[0-9]{3}|=)[0-9]{0,40}\??",
                    // Track 2 as ISO 8583 field 35 writes it, `D` for `=`.
                    r"|\b[0-9]{13,19}D[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{3}[0-9]{0,40}\b",
                ),
                Some(national::card_track),
            ),
            Detector::UkNino => (
                r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b",
                Some(national::uk_nino),
            ),
            Detector::CaSin => (
                r"\b[0-9]{3}(?: [0-9]{3} |-[0-9]{3}-)[0-9]{3}\b",
                Some(national::ca_sin),
            ),
            Detector::FrNir => (
                r"\b[1-478] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\b",
                Some(national::fr_nir),
            ),
            Detector::EsDni => (
                r"\b(?:[XYZ]-?[0-9]{7}|[0-9]{8})-?[A-HJ-NP-TV-Z]\b",
                Some(national::es_dni),
            ),
            Detector::ItCodiceFiscale => (
                r"\b[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]\b",
                Some(national::it_codice_fiscale),
            ),
            Detector::DeTaxId => (
                r"\b[1-9][0-9](?: ?[0-9]{3}){3}\b",
                Some(national::de_tax_id),
            ),
            Detector::InAadhaar => (
                r"\b[2-9][0-9]{3}(?: [0-9]{4} |-[0-9]{4}-)[0-9]{4}\b|\b[2-9][0-9]{11}\b",
                Some(national::in_aadhaar),
            ),
            Detector::InPan => (
                r"\b[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]\b",
                Some(national::in_pan),
            ),
            Detector::BrCpf => (
                r"\b[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}\b",
                Some(national::br_cpf),
            ),
            Detector::BrCnpj => (
                r"\b[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2}\b",
                Some(national::br_cnpj),
            ),
            Detector::CnResidentId => (
                r"\b[1-8][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]\b",
                Some(national::cn_resident_id),
            ),
            Detector::Imei => (
                r"\b[0-9]{2}(?:-[0-9]{6}-[0-9]{6}-| [0-9]{6} [0-9]{6} |[0-9]{12})[0-9]\b",
                Some(national::imei),
            ),
            Detector::Vin => (r"\b[A-HJ-NPR-Z0-9]{17}\b", Some(national::vin)),
            Detector::Iccid => (r"\b89[0-9]{17,18}\b", Some(national::iccid)),
            Detector::IdDocument => (national::ID_DOCUMENT, Some(national::id_document)),
            Detector::LdapPerson => (directory::PATTERN, Some(directory::ldap_person)),
            Detector::BeNationalNumber => (
                r"\b[0-9]{2}(?:\.[0-9]{2}\.[0-9]{2}|[0-9]{4})[-. ][0-9]{3}[-. ][0-9]{2}\b",
                Some(national::be_national_number),
            ),
            Detector::FiHetu => (
                r"\b[0-3][0-9][01][0-9]{3}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]\b",
                Some(national::fi_hetu),
            ),
            Detector::SePersonnummer => (
                r"\b(?:19|20)?[0-9]{6}[-+][0-9]{4}\b",
                Some(national::se_personnummer),
            ),
            Detector::ZaId => (
                r"\b[0-9]{6}[ -]?[0-9]{4}[ -]?[0-9]{3}\b",
                Some(national::za_id),
            ),
            Detector::UkNhs => (
                r"\b[0-9]{3} [0-9]{3} [0-9]{4}\b|\b[0-9]{3}-[0-9]{3}-[0-9]{4}\b",
                Some(national::uk_nhs),
            ),
            // A whole line: a host (or `*`) with a letter or a dot in it, a
            // port (or `*`), a database, a user, and the rest of the line.
            Detector::PgpassLine => (
                r"(?m)^(?:\*|[A-Za-z0-9_.-]*[A-Za-z.][A-Za-z0-9_.-]*):(?:[1-9][0-9]{0,4}|\*):[^:\s]+:[^:\s]+:(?P<s>[^\r\n]+)$",
                Some(validate::pgpass_password),
            ),
            // `user/password@` followed by what only a connect string has
            // there: `//`, `host:port/`, or a `(DESCRIPTION=...)`.
            Detector::OracleConnect => (
                r"\b[A-Za-z][A-Za-z0-9_$#]{0,127}/(?P<s>[^\s/@:\x22'()]{1,128})@(?://|(?i:\(description)|[A-Za-z0-9][A-Za-z0-9.-]*:[0-9]{2,5}/)",
                Some(validate::not_placeholder),
            ),
            Detector::UpiId => (upi::pattern(), Some(upi::upi)),
            Detector::AwsSecretKey | Detector::PostalAddress | Detector::Geolocation => {
                return None;
            }
        })
    }
}

/// An address written out in bare words (`jane dot doe at x dot org`,
/// `jane_doe AT x DOT org`), with a `dot` before the top-level domain at
/// least, so that `look at x.org` stays. Reported as an email; looked for
/// only in text with the word `dot` (see `Prefilter`), so that the
/// detectors' one regex set does not try it at every word.
pub(crate) const EMAIL_IN_WORDS: &str = r"\b[A-Za-z0-9_%+-]+(?:(?:\.| dot | DOT )[A-Za-z0-9_%+-]+)*(?: at | AT )[A-Za-z0-9-]+(?:(?:\.| dot | DOT )[A-Za-z0-9-]+)*(?: dot | DOT )[A-Za-z]{2,6}\b";

impl fmt::Display for Detector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Detector {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Detector::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| format!("unknown detector `{s}`"))
    }
}
