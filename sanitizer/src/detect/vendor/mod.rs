//! Vendor credentials that are recognisable on their own: a fixed prefix or
//! signature, then a body of a known alphabet and length. Modelled on the
//! kinds of tokens public secret-scanning rule sets know about, each written
//! here from the vendor's documented token format.
//!
//! The table compiles into one alternation, the `vendor-token` detector,
//! so adding a vendor adds no pass over the text. Each pattern starts with
//! its literal prefix where the vendor has one. A few shapes with no prefix
//! (Azure AD client secrets, Discord bot tokens, Mailchimp keys, Terraform
//! Cloud tokens) are anchored on an inner signature and checked further.
//!
//! Secrets with no vendor but a format of their own (BIP38 keys, keytabs,
//! biometric templates, SCRAM verifiers, MySQL hashes, Maven encrypted
//! passwords, Laravel keys, recovery-code lists) are in `formats.rs` and
//! join the same alternation.
//!
//! Google and Slack credentials live in their own detectors
//! (`google-api-key`, `slack-token`), GitHub, GitLab, Stripe and AWS too.

use std::sync::LazyLock;

use base64::Engine as _;
use regex::Regex;

use super::validate::Validator;

mod formats;

/// One kind of vendor credential.
pub(crate) struct Vendor {
    /// What it is, for tests and diagnostics (reports say `vendor-token`).
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the tests"))]
    pub(crate) name: &'static str,
    /// The pattern; `\b` is made ASCII-only when compiled. At most one
    /// entry in the table may use the group `s` and one the group `s2`
    /// (the narrower part of a match).
    pub(crate) pattern: &'static str,
    /// A further check of a match, beyond the shared boundary check.
    pub(crate) check: Option<Validator>,
}

const fn v(name: &'static str, pattern: &'static str) -> Vendor {
    Vendor {
        name,
        pattern,
        check: None,
    }
}

/// The vendor credentials, most common first.
pub(crate) const VENDORS: &[Vendor] = &[
    v(
        "openai",
        r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
    ),
    v("openrouter", r"\bsk-or-v1-[a-f0-9]{64}"),
    v(
        "anthropic",
        r"\bsk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{40,200}",
    ),
    v("xai", r"\bxai-[A-Za-z0-9]{80}"),
    v("perplexity", r"\bpplx-[A-Za-z0-9]{48}"),
    v("groq", r"\bgsk_[A-Za-z0-9]{52}"),
    v("pinecone", r"\bpcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,90}\b"),
    v("replicate", r"\br8_[A-Za-z0-9]{37}"),
    v("huggingface", r"\b(?:hf_|api_org_)[A-Za-z]{34}"),
    v("langsmith", r"\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}"),
    v(
        "azure-storage-key",
        r"(?i:AccountKey|SharedAccessKey)[ \t]*=[ \t]*(?P<s>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)",
    ),
    Vendor {
        name: "azure-ad-client-secret",
        pattern: r"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
        check: Some(azure_ad_secret),
    },
    v("alibaba", r"\bLTAI[A-Za-z0-9]{12,20}"),
    v("tencent", r"\bAKID[A-Za-z0-9]{32}"),
    v("digitalocean", r"\bdo[opr]_v1_[a-f0-9]{64}"),
    // LaunchDarkly server-side SDK keys and mobile keys.
    v(
        "launchdarkly",
        r"\b(?:sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    ),
    // Yandex Cloud API keys, IAM tokens and OAuth tokens.
    v(
        "yandex",
        r"\bAQVN[A-Za-z0-9_-]{35,38}|\bt1\.[A-Za-z0-9_-]+=*\.[A-Za-z0-9_-]{86}=*|\by[0-3]_[A-Za-z0-9_-]{55}",
    ),
    // TeamCity access tokens (a JWT-like header naming `TCV2`).
    v(
        "teamcity",
        r"\beyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{36}\.[A-Za-z0-9_-]{48}",
    ),
    // CircleCI personal and project API tokens.
    v("circleci", r"\bCCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}"),
    // Amazon Marketplace Web Service auth tokens.
    v(
        "amazon-mws",
        r"\bamzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    ),
    // Bitwarden Secrets Manager machine-account access tokens.
    v(
        "bitwarden",
        r"\b0\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==",
    ),
    // GitLab runner registration tokens (the legacy `GR1348941` form).
    v("gitlab-runner", r"\bGR1348941[A-Za-z0-9_-]{20}"),
    // Typeform personal tokens, Adafruit IO keys.
    v("typeform", r"\btfp_[A-Za-z0-9_-]{44,59}"),
    v("adafruit", r"\baio_[A-Za-z0-9]{28}"),
    v(
        "cloudflare-origin-ca",
        r"\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}",
    ),
    v(
        "fly",
        r"\bfo1_[A-Za-z0-9_-]{43}|\bfm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}",
    ),
    v("heroku", r"\bHRKU-[A-Za-z0-9_-]{60}"),
    v("render", r"\brnd_[A-Za-z0-9]{32}"),
    v("netlify", r"\bnfp_[A-Za-z0-9]{36}"),
    v(
        "supabase",
        r"\bsbp_[a-f0-9]{40}|\bsb_secret_[A-Za-z0-9_-]{20,}",
    ),
    v("neon", r"\bnapi_[a-z0-9]{64}"),
    v(
        "planetscale",
        r"\bpscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}",
    ),
    v("databricks", r"\bdapi[a-f0-9]{32}(?:-[0-9])?"),
    v("clickhouse", r"\b4b1d[A-Za-z0-9]{38}"),
    v("pulumi", r"\bpul-[a-f0-9]{40}"),
    v("vault", r"\bhv[sb]\.[A-Za-z0-9_-]{24,}"),
    // Vault's service and batch tokens before 1.10: `s.` or `b.` and 24
    // characters of base62 (an accessor is the 24 characters alone).
    Vendor {
        name: "vault-legacy",
        pattern: r"\b[sb]\.[A-Za-z0-9]{24}\b",
        check: Some(vault_legacy),
    },
    v(
        "terraform-cloud",
        r"\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}",
    ),
    v(
        "doppler",
        r"\bdp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}",
    ),
    v(
        "1password",
        r"\bops_eyJ[A-Za-z0-9+/_-]{250,}={0,3}|\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
    ),
    v("age", r"\bAGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}"),
    v(
        "tailscale",
        r"\btskey-(?:api|auth|client|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}",
    ),
    v("docker", r"\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}"),
    v("npm", r"\bnpm_[A-Za-z0-9]{36}"),
    v("crates-io", r"\bcio[A-Za-z0-9]{32}\b"),
    v("nuget", r"\boy2[a-z0-9]{43}\b"),
    v(
        "pypi",
        r"\bpypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}",
    ),
    v("rubygems", r"\brubygems_[a-f0-9]{48}"),
    v("artifactory", r"\bAKCp[A-Za-z0-9]{69}"),
    v("octopus-deploy", r"\bAPI-[A-Z0-9]{26}"),
    v("buildkite", r"\bbkua_[a-f0-9]{40}"),
    v("scalingo", r"\btk-us-[A-Za-z0-9_-]{48}"),
    v("infracost", r"\bico-[A-Za-z0-9]{32}"),
    v("prefect", r"\bpnu_[A-Za-z0-9]{36}"),
    v(
        "sourcegraph",
        r"\bsgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}",
    ),
    v(
        "harness",
        r"\b(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}",
    ),
    v("openshift", r"\bsha256~[A-Za-z0-9_-]{43}"),
    v(
        "atlassian",
        r"\bATATT3[A-Za-z0-9_=-]{180,}|\bATBB[A-Za-z0-9]{28,}",
    ),
    v("linear", r"\blin_(?:api|oauth)_[A-Za-z0-9]{40}"),
    // Asana personal access tokens: `0/` and 32 hex digits (the first
    // format), or a version, the user's and the app's numeric ids, `:`
    // and 32 hex digits.
    v(
        "asana",
        r"\b[12]/[0-9]{7,20}(?:/[0-9]{7,20})?:[0-9a-f]{32}\b|\b0/[0-9a-f]{32}\b",
    ),
    // Azure DevOps personal access tokens in Microsoft's common format:
    // 52 random characters, the `JQQJ` signature, 20 more, `AZDO`, 4.
    v(
        "azure-devops",
        r"\b[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}AZDO[A-Za-z0-9]{4}\b",
    ),
    // Firebase Cloud Messaging legacy server keys: a 7-character key id
    // after `AAAA`, then `:APA91b` and the key.
    v(
        "fcm-server-key",
        r"\bAAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,160}",
    ),
    // Salesforce session ids (the access token of a session): the org's
    // id (`00D` and 12 or 15 characters), `!`, then the session's part.
    v(
        "salesforce-session",
        r"\b00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]{40,}",
    ),
    v(
        "brevo",
        r"\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}",
    ),
    // AWS STS session tokens: base64 of a structure that starts the same
    // way in every token (`IQoJb3JpZ2luX2Vj`, `FwoGZXIvYXdz`).
    v(
        "aws-session-token",
        r"\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9+/]{100,}={0,2}",
    ),
    v("notion", r"\bntn_[0-9]{11}[A-Za-z0-9]{35}"),
    v("airtable", r"\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}"),
    v("contentful", r"\bCFPAT-[A-Za-z0-9_-]{43}"),
    v("readme", r"\brdme_[a-z0-9]{70}"),
    v("frameio", r"\bfio-u-[A-Za-z0-9_=-]{64}"),
    v("postman", r"\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"),
    v(
        "grafana",
        r"\bglc_[A-Za-z0-9+/]{32,400}={0,2}|\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
    ),
    v(
        "new-relic",
        r"\bNRAK-[A-Z0-9]{27}|\bNRII-[A-Za-z0-9_-]{32}|\b[a-f0-9]{36}NRAL\b",
    ),
    v(
        "plaid",
        r"\b(?:access|link)-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    ),
    v(
        "sentry",
        r"\bsntrys_eyJ[A-Za-z0-9+/=_]{50,}|\bsntryu_[a-f0-9]{64}",
    ),
    v("dynatrace", r"\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}"),
    v("sendgrid", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
    v("mailchimp", r"\b[a-f0-9]{32}-us[0-9]{1,2}"),
    v("mailgun", r"\bkey-[a-f0-9]{32}"),
    v("twilio-api-key", r"\bSK[a-fA-F0-9]{32}"),
    v(
        "square",
        r"\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}|\bEAAA[A-Za-z0-9_-]{60}",
    ),
    v("shopify", r"\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"),
    v("shippo", r"\bshippo_(?:live|test)_[a-fA-F0-9]{40}"),
    v("duffel", r"\bduffel_(?:test|live)_[A-Za-z0-9_=-]{43}"),
    v("easypost", r"\bEZ[AT]K[A-Za-z0-9]{54}"),
    v("meta", r"\bEAA[A-Za-z0-9]{90,}"),
    v("mapbox", r"\bsk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,}"),
    v("maxmind", r"\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk"),
    Vendor {
        name: "discord-bot",
        pattern: r"\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}",
        check: Some(discord_bot),
    },
    v("telegram-bot", r"\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}"),
    v("dropbox", r"\bsl\.(?:u\.)?[A-Za-z0-9_-]{130,}"),
    // SonarQube user, project and analysis tokens.
    v("sonarqube", r"\bsq[upa]_[a-f0-9]{40}"),
    // HubSpot private app tokens: `pat-`, a region, a UUID.
    v(
        "hubspot",
        r"\bpat-(?:na|eu|ap)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}",
    ),
    // Braintree access tokens.
    v(
        "braintree",
        r"\baccess_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}",
    ),
    // Password hashes (crypt(3): bcrypt, MD5-crypt and Apache's `$apr1$`,
    // SHA-crypt, yescrypt, Cisco IOS types 8 and 9; PHC strings: argon2,
    // scrypt, pbkdf2; Django's `pbkdf2_sha256$...`; LDAP's `{SSHA}...`):
    // whoever holds one can guess the password offline.
    v(
        "password-hash",
        concat!(
            r"\$2[abxy]\$[0-9]{2}\$[./A-Za-z0-9]{53}",
            r"|\$(?:[156]|apr1)\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}",
            r"|\$[89]\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}",
            r"|\b(?:pbkdf2_sha(?:1|256|512)|argon2|bcrypt_sha256|scrypt)\$[A-Za-z0-9$=,+/.]{30,200}",
            r"|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|SMD5|PBKDF2(?:-SHA(?:1|256|512))?)\}[A-Za-z0-9+/.$=]{20,200}",
            r"|\$y\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}",
            r"|\$(?:argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha256|-sha512)?)\$[A-Za-z0-9=,$+/.\\-]{20,200}",
        ),
    ),
    // A PuTTY private key file, whole (its private lines are base64 of the
    // key, unencrypted unless `Encryption:` says otherwise).
    v(
        "putty-private-key",
        r"PuTTY-User-Key-File-[0-9]+\\?:(?s:.*?)Private-MAC\\?: *[0-9a-fA-F]{40,64}",
    ),
    // A private key or keystore as bare base64 DER (PKCS#8, PKCS#1, SEC1,
    // PKCS#12): a SEQUENCE whose first member is the version INTEGER 0, 1
    // or 3 (a certificate's or a public key's is another SEQUENCE).
    Vendor {
        name: "der-private-key",
        pattern: r"\bM[A-Za-z0-9+/]{59,}={0,2}",
        check: Some(der_private_key),
    },
    // Incoming-webhook URLs: whoever holds the URL can post.
    v(
        "discord-webhook",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80}",
    ),
    v(
        "ifttt-webhook",
        r"https://maker\.ifttt\.com/trigger/[A-Za-z0-9_-]+/(?:json/)?with/key/[A-Za-z0-9_-]{16,}",
    ),
    v(
        "zapier-webhook",
        r"https://hooks\.zapier\.com/hooks/catch/[0-9]{4,10}/[a-z0-9]{5,10}/?",
    ),
    // Mattermost (`/hooks/` and a 26-character id) and Rocket.Chat
    // (`/hooks/` and two ids) incoming webhooks, on any host.
    v(
        "chat-webhook",
        r"https?://[A-Za-z0-9.-]+(?::[0-9]{2,5})?/hooks/(?:[a-z0-9]{26}\b|[A-Za-z0-9]{17,24}/[A-Za-z0-9]{24,64})",
    ),
    // Windows password hashes as `secretsdump` and `pwdump` write them
    // (`user:rid:LM:NT:::`): the NT hash is as good as the password.
    v("ntlm-hash", r"\b[a-fA-F0-9]{32}:[a-fA-F0-9]{32}:::"),
    // Cisco IOS type 7 passwords: a fixed XOR table, reversible by anyone.
    v(
        "cisco-type7",
        r"\b(?:password|secret|key|md5|ascii) 7 [01][0-9](?:[0-9A-F]{2}){2,40}\b",
    ),
    v(
        "teams-webhook",
        r"https://[A-Za-z0-9-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/-]{40,}/IncomingWebhook/[A-Za-z0-9]{20,}/[A-Za-z0-9-]{36}",
    ),
];

/// Every entry: the vendors' tokens, then the formats of encrypted and
/// hashed secrets ([`formats::FORMATS`]).
fn entries() -> impl Iterator<Item = &'static Vendor> {
    VENDORS.iter().chain(formats::FORMATS)
}

/// Every entry's own pattern.
pub(crate) fn entry_patterns() -> impl Iterator<Item = &'static str> {
    entries().map(|v| v.pattern)
}

/// The table as one alternation.
static PATTERN: LazyLock<String> = LazyLock::new(|| {
    entries()
        .map(|v| format!("(?:{})", v.pattern))
        .collect::<Vec<_>>()
        .join("|")
});

/// The entries with a check of their own, each anchored to a whole match.
static CHECKED: LazyLock<Vec<(Regex, Validator)>> = LazyLock::new(|| {
    entries()
        .filter_map(|v| {
            let check = v.check?;
            let anchored = format!("^(?:{})$", super::ascii_boundaries(v.pattern));
            Regex::new(&anchored).ok().map(|re| (re, check))
        })
        .collect()
});

/// The `vendor-token` pattern.
pub(crate) fn pattern() -> &'static str {
    PATTERN.as_str()
}

/// Which vendor's credential `token` is (the whole string), if any.
#[cfg(test)]
pub(crate) fn vendor_of(token: &str) -> Option<&'static str> {
    entries().find_map(|v| {
        let anchored = format!("^(?:{})$", super::ascii_boundaries(v.pattern));
        let re = Regex::new(&anchored).expect("vendor patterns compile");
        let caps = re.captures(token)?;
        let span = caps
            .name("s")
            .or_else(|| caps.name("s2"))
            .unwrap_or_else(|| caps.get(0).expect("whole match"));
        v.check
            .is_none_or(|check| check(token, span.start(), span.end()))
            .then_some(v.name)
    })
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The `vendor-token` validator: the match is a whole token (no word
/// character glued to either end, so a fixed-length body is not the start of
/// something longer), and passes its entry's own check if it has one.
pub(crate) fn vendor_token(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(is_word) || after.is_some_and(is_word) {
        return false;
    }
    let span = &text[start..end];
    CHECKED
        .iter()
        .find(|(re, _)| re.is_match(span))
        .is_none_or(|(_, check)| check(text, start, end))
}

/// An Azure AD client secret: 40 characters of `[A-Za-z0-9_~.-]` with `Q~`
/// after the fourth; nothing of that alphabet on either side.
fn azure_ad_secret(text: &str, start: usize, end: usize) -> bool {
    let secret_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '~' | '.' | '-');
    !text[..start].chars().next_back().is_some_and(secret_char)
        && !text[end..].chars().next().is_some_and(secret_char)
}

/// Base64 of DER that is a private key or a keystore: an outer SEQUENCE
/// whose length is the whole of the decoded bytes, then `INTEGER` 0, 1 or
/// 3 (the version of PKCS#8, PKCS#1, SEC1 and PKCS#12 structures), then
/// the SEQUENCE, INTEGER or OCTET STRING those structures go on with.
fn der_private_key(text: &str, start: usize, end: usize) -> bool {
    let span = text[start..end].trim_end_matches('=');
    // The header is in the first 16 characters; the rest is only counted.
    let Some(Ok(der)) = span.get(..16).map(|h| super::engine(false).decode(h)) else {
        return false;
    };
    let total = span.len() * 3 / 4;
    let (len, header) = match der.get(1) {
        Some(&n) if n < 0x80 => (usize::from(n), 2),
        Some(0x81) => (der.get(2).map_or(0, |&n| usize::from(n)), 3),
        Some(0x82) => match (der.get(2), der.get(3)) {
            (Some(&hi), Some(&lo)) => (usize::from(hi) << 8 | usize::from(lo), 4),
            _ => return false,
        },
        _ => return false,
    };
    der.first() == Some(&0x30)
        && header + len == total
        && der
            .get(header..header + 3)
            .is_some_and(|v| v[0] == 0x02 && v[1] == 0x01 && matches!(v[2], 0 | 1 | 3))
        && matches!(der.get(header + 3), Some(0x30 | 0x02 | 0x04))
}

/// A Vault token of before 1.10: its 24 characters mix capitals, small
/// letters and digits, as random base62 does (a word after `s.` does
/// not), and it is not part of a dotted name (`a.s.x`).
fn vault_legacy(text: &str, start: usize, end: usize) -> bool {
    let body = &text.as_bytes()[start + 2..end];
    let dotted = |b: Option<&u8>| b.is_some_and(|&b| b == b'.');
    !dotted(text.as_bytes()[..start].last())
        && !dotted(text.as_bytes().get(end))
        && body.iter().any(u8::is_ascii_uppercase)
        && body.iter().any(u8::is_ascii_lowercase)
        && body.iter().any(u8::is_ascii_digit)
}

/// A Discord bot token: its first part is the bot's user id (a snowflake,
/// 17 to 20 digits) in base64.
fn discord_bot(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].split('.').next().unwrap_or_default();
    let engine = super::engine(true);
    engine
        .decode(first.trim_end_matches('='))
        .is_ok_and(|id| (17..=20).contains(&id.len()) && id.iter().all(u8::is_ascii_digit))
}
