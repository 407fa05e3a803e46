//! The built-in detectors: what each looks for, its pattern and validator.

use std::fmt;
use std::str::FromStr;

use super::validate::{self, Validator};
use crate::action::Action;
use crate::pseudonym::Shape;

/// A built-in value detector.
///
/// ```
/// use reprise_sanitizer::detect::Detector;
/// assert_eq!("email".parse::<Detector>(), Ok(Detector::Email));
/// assert_eq!(Detector::AwsAccessKey.name(), "aws-access-key");
/// assert_eq!(Detector::ALL.len(), 20);
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
    /// The credential of an `Authorization: Bearer` or `Basic` header.
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
    /// A Google API key or OAuth access token.
    GoogleApiKey,
}

impl Detector {
    /// Every built-in detector, in a fixed order.
    pub const ALL: [Detector; 20] = [
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
    ];

    /// The name used in rules files, reports and `reprise verify`.
    ///
    /// ```
    /// assert_eq!(reprise_sanitizer::detect::Detector::Card.name(), "card");
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
        }
    }

    /// What the default rules do with a match: personal data is
    /// pseudonymized (so replay still sees equal values as equal), secrets
    /// are redacted.
    ///
    /// ```
    /// use reprise_sanitizer::{Action, detect::Detector};
    /// assert_eq!(Detector::Email.default_action(), Action::Pseudonymize);
    /// assert_eq!(Detector::Jwt.default_action(), Action::Redact);
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
            | Detector::Mac => Action::Pseudonymize,
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
    /// token and slow every text down.
    pub(crate) fn pattern(self) -> Option<(&'static str, Option<Validator>)> {
        Some(match self {
            Detector::Email => (
                r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b",
                Some(validate::email),
            ),
            Detector::Phone => (
                r"\+[1-9][0-9]{7,14}\b|(?:\+[1-9][0-9]{0,2}[ .-]?)?(?:\([0-9]{2,4}\)[ .-]?|[0-9]{2,4}[ .-])[0-9]{3,4}[ .-][0-9]{3,4}\b",
                Some(validate::phone),
            ),
            Detector::Card => (r"\b[0-9](?:[ -]?[0-9]){12,18}\b", Some(validate::card)),
            Detector::Iban => (
                r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
                Some(validate::iban),
            ),
            Detector::Ssn => (r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b", Some(validate::ssn)),
            Detector::Ipv4 => (
                r"\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\b",
                Some(validate::ipv4),
            ),
            Detector::Ipv6 => (
                r"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?",
                Some(validate::ipv6),
            ),
            Detector::Mac => (
                r"\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b",
                Some(validate::mac),
            ),
            Detector::Jwt => (
                r"\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*",
                None,
            ),
            Detector::AuthHeader => (
                r"(?i:\b(?:bearer|basic))[ \t]+(?P<s>[A-Za-z0-9._~+/=-]{8,})",
                Some(validate::auth_header),
            ),
            Detector::UrlCredentials => (
                r"[A-Za-z][A-Za-z0-9+.-]*://(?P<s>[^\s:/?#@]+:[^\s/?#@]+)@",
                None,
            ),
            Detector::ConnectionString => (
                r"(?i:\b(?:password|passwd|pwd))[ \t]*=[ \t]*(?P<s>[^;\s'&]+)",
                None,
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
                r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,255}\b",
                None,
            ),
            Detector::GitlabToken => (r"\bgl(?:pat|ptt|rt|dt|cbt|soat)-[A-Za-z0-9_-]{20,}", None),
            Detector::SlackToken => (
                r"\bxox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+",
                None,
            ),
            Detector::StripeKey => (
                r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}",
                None,
            ),
            Detector::GoogleApiKey => (r"\bAIza[0-9A-Za-z_-]{35}|\bya29\.[0-9A-Za-z_-]{20,}", None),
            Detector::AwsSecretKey => return None,
        })
    }
}

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
