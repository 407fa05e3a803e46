//! SIP and SIPS URIs (`sip:+4915112345678@ims.example;user=phone`): a
//! subscriber's URI is personal data (its phone number is found by the
//! phone detector, a person's `alice@example.com` by the e-mail one), but a
//! service's is not: `sip:voicemail@...`, `sip:conference@...`, a meeting
//! room. This module tells them apart, so that the e-mail detector keeps
//! a service's URI as it is.

/// Words (lowercase) that name a service in a SIP URI's user part, whole or
/// as its first word (`conf-42`, `room_4b`, `ivr.main`).
const SERVICE_USERS: &[&str] = &[
    "anonymous",
    "attendant",
    "bridge",
    "callpark",
    "conf",
    "conference",
    "echo",
    "emergency",
    "focus",
    "helpdesk",
    "ivr",
    "mcu",
    "media",
    "meet",
    "meeting",
    "moh",
    "operator",
    "park",
    "pickup",
    "presence",
    "queue",
    "reception",
    "registrar",
    "room",
    "service",
    "sos",
    "support",
    "unknown",
    "vm",
    "voicebox",
    "voicemail",
];

/// Whether the address at `start..end` of `text` is the user and host of a
/// SIP URI (`sip:` or `sips:` right before it) whose user is a service
/// ([`SERVICE_USERS`]), not a subscriber.
pub(crate) fn is_service_uri(text: &str, start: usize, end: usize) -> bool {
    let before = text.as_bytes()[start.saturating_sub(5)..start].to_ascii_lowercase();
    if !(before.ends_with(b"sip:") || before.ends_with(b"sips:")) {
        return false;
    }
    let Some((user, _)) = text[start..end].split_once('@') else {
        return false;
    };
    let first = user
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    SERVICE_USERS.binary_search(&first.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(text: &str) -> bool {
        let at = text.find(':').map_or(0, |i| i + 1);
        let end = text.find(';').unwrap_or(text.len());
        is_service_uri(text, at, end)
    }

    #[test]
    fn words_are_sorted_for_the_binary_search() {
        assert!(SERVICE_USERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn services_are_told_from_subscribers() {
        assert!(service("sip:voicemail@ims.mnc001.mcc262.3gppnetwork.org"));
        assert!(service("SIPS:conf-4711@meet.example.org"));
        assert!(service("sip:room_4b@pbx.corp.org;transport=tls"));
        assert!(!service("sip:alice@atlanta.com"));
        assert!(!service("sip:+4915112345678@ims.org;user=phone"));
        assert!(!service("mailto:voicemail@corp.org"));
    }
}
