//! UPI virtual payment addresses (`name@okaxis`, `9876543210@ybl`): the
//! handle an Indian bank account is paid through. A VPA looks like an
//! e-mail address without a top-level domain, so its shape alone says
//! little (`deploy@build-01` is a login on a host); it is known by its
//! payment service provider's handle, from the list NPCI publishes of the
//! handles apps and banks issue. Under a `upi` or `vpa` label any handle is
//! taken by the key rule instead.

use std::sync::LazyLock;

/// The pattern: a local part, `@`, and a provider's handle ([`HANDLES`],
/// in any case), not followed by more of a domain: written out so that the
/// detectors' one regex set does not wake for every e-mail address.
static PATTERN: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?P<s>\b[A-Za-z0-9][A-Za-z0-9._-]{{1,255}}@(?i:{}))(?:$|[^A-Za-z0-9.@-]|\.(?:$|[^A-Za-z0-9]))",
        HANDLES.join("|")
    )
});

/// The pattern ([`PATTERN`]); the span is its group `s`.
pub(crate) fn pattern() -> &'static str {
    &PATTERN
}

/// The handles of UPI payment service providers (lowercase): the apps'
/// (PhonePe, Google Pay, Paytm, BHIM, Amazon Pay, WhatsApp, MobiKwik, ...)
/// and the banks' own.
const HANDLES: &[&str] = &[
    "abfspay",
    "airtel",
    "airtelpaymentsbank",
    "allbank",
    "andb",
    "apl",
    "aubank",
    "axisb",
    "axisbank",
    "axl",
    "bandhan",
    "barodampay",
    "boi",
    "cbin",
    "centralbank",
    "citi",
    "citigold",
    "cnrb",
    "csbpay",
    "dbs",
    "dcb",
    "dcbbank",
    "equitas",
    "ezeepay",
    "fbl",
    "federal",
    "freecharge",
    "hdfcbank",
    "hdfcbankjd",
    "hsbc",
    "ibl",
    "icici",
    "idbi",
    "idbibank",
    "idfcbank",
    "idfcfirst",
    "ikwik",
    "imobile",
    "indbank",
    "indianbank",
    "indus",
    "iob",
    "ippb",
    "jio",
    "jkb",
    "jupiteraxis",
    "kaypay",
    "kbl",
    "kmbl",
    "kotak",
    "kvb",
    "mahb",
    "naviaxis",
    "nsdl",
    "okaxis",
    "okbizaxis",
    "okhdfcbank",
    "okicici",
    "oksbi",
    "paytm",
    "pingpay",
    "pnb",
    "pockets",
    "postbank",
    "psb",
    "ptaxis",
    "pthdfc",
    "ptsbi",
    "ptyes",
    "rapl",
    "rbl",
    "sbi",
    "sc",
    "sib",
    "slc",
    "superyes",
    "tapicici",
    "timecosmos",
    "tjsb",
    "ubi",
    "uboi",
    "ucobank",
    "ujjivan",
    "unionbank",
    "unionbankofindia",
    "upi",
    "utbi",
    "vijb",
    "waaxis",
    "wahdfcbank",
    "waicici",
    "wasbi",
    "yapl",
    "ybl",
    "yesbank",
    "yesbankltd",
    "yesg",
];

/// Whether `start..end` of `text` is a UPI address: its handle is a
/// provider's, and no domain goes on after it (`x@upi.example.com` is an
/// e-mail address, which the e-mail detector takes).
pub(crate) fn upi(text: &str, start: usize, end: usize) -> bool {
    let Some((_, handle)) = text[start..end].rsplit_once('@') else {
        return false;
    };
    let rest = text.as_bytes().get(end..).unwrap_or(&[]);
    let domain_follows =
        rest.first() == Some(&b'.') && rest.get(1).is_some_and(|b| b.is_ascii_alphanumeric());
    let glued = matches!(rest.first(), Some(b'-' | b'@'));
    !domain_follows
        && !glued
        && HANDLES
            .binary_search(&handle.to_ascii_lowercase().as_str())
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let re = regex::Regex::new(pattern()).expect("pattern");
        re.captures_iter(text)
            .filter_map(|c| c.name("s"))
            .filter(|m| upi(text, m.start(), m.end()))
            .map(|m| m.as_str())
            .collect()
    }

    #[test]
    fn handles_are_sorted_for_the_binary_search() {
        assert!(HANDLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn addresses_of_known_providers_are_found() {
        assert_eq!(
            found("pay to priya.iyer@okhdfcbank now"),
            ["priya.iyer@okhdfcbank"]
        );
        assert_eq!(found("VPA: 9876543210@ybl"), ["9876543210@ybl"]);
        assert_eq!(found("upi://pay?pa=ravi123@PAYTM&pn=x"), ["ravi123@PAYTM"]);
    }

    #[test]
    fn logins_scopes_and_mail_stay() {
        assert!(found("ssh deploy@build-01").is_empty());
        assert!(found("npm i @types/node").is_empty());
        assert!(found("mail ravi@upi.example.com").is_empty());
        assert!(found("root@localhost").is_empty());
        assert!(found("git@github").is_empty());
    }
}
