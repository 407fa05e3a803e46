//! Validators that cut the false positives of the detector regexes: a
//! candidate span is reported only when its validator accepts it.
//!
//! Each takes the whole text and the span, so it can look at the characters
//! around the match as well as the match itself.

use std::net::Ipv6Addr;

/// A validator: does the span `text[start..end]` really hold what the
/// detector looks for?
pub type Validator = fn(text: &str, start: usize, end: usize) -> bool;

/// The digits of `s`, ignoring every other character.
fn digits(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.chars().filter_map(|c| c.to_digit(10))
}

/// Whether the digits of `s` pass the Luhn checksum (payment cards).
///
/// ```
/// use reprise::sanitizer::detect::luhn_valid;
/// assert!(luhn_valid("4111 1111 1111 1111"));
/// assert!(!luhn_valid("4111 1111 1111 1112"));
/// ```
pub fn luhn_valid(s: &str) -> bool {
    let ds: Vec<u32> = digits(s).collect();
    if ds.is_empty() {
        return false;
    }
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The Luhn check digit that completes `partial` (the digits without their
/// last one).
///
/// ```
/// use reprise::sanitizer::detect::luhn_check_digit;
/// assert_eq!(luhn_check_digit("411111111111111"), 1);
/// ```
pub fn luhn_check_digit(partial: &str) -> u32 {
    let ds: Vec<u32> = digits(partial).collect();
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Whether `s` (spaces allowed) is an IBAN with valid mod-97 check digits.
///
/// ```
/// use reprise::sanitizer::detect::iban_valid;
/// assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
/// assert!(!iban_valid("DE88 3704 0044 0532 0130 00"));
/// ```
pub fn iban_valid(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    iban_remainder(&compact[4..], &compact[..4]) == Some(1)
}

/// The mod-97 remainder of an IBAN given as its BBAN and its first four
/// characters (country code and check digits), or `None` for a bad character.
pub(crate) fn iban_remainder(bban: &[u8], head: &[u8]) -> Option<u32> {
    let mut rem: u32 = 0;
    for &b in bban.iter().chain(head) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    Some(rem)
}

fn before(text: &str, start: usize) -> Option<char> {
    text[..start].chars().next_back()
}

fn after(text: &str, end: usize) -> Option<char> {
    text[end..].chars().next()
}

pub(crate) fn card(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if !card_grouping(span) {
        return false;
    }
    let ds: String = span.chars().filter(char::is_ascii_digit).collect();
    // `+4...` is an international phone number.
    if !(13..=19).contains(&ds.len()) || !luhn_valid(&ds) || before(text, start) == Some('+') {
        return false;
    }
    let prefix = |p: &str| ds.starts_with(p);
    let two: u32 = ds[..2].parse().unwrap_or(0);
    let four: u32 = ds[..4].parse().unwrap_or(0);
    // Only American Express (and some Maestro) numbers are 15 digits long;
    // other 15-digit Luhn numbers are IMEIs. An 18-digit number that is a
    // valid Chinese resident id is one.
    if ds.len() == 15 && !(two == 34 || two == 37 || prefix("6")) {
        return false;
    }
    if ds.len() == 18 && super::national::cn_id_valid(&ds) {
        return false;
    }
    prefix("4")
        || (51..=55).contains(&two)
        || (2221..=2720).contains(&four)
        || two == 34
        || two == 37
        || prefix("6011")
        || prefix("65")
        || (644..=649).contains(&(four / 10))
        || two == 35
        || two == 36
        || two == 38
        || two == 30
        || prefix("62")
}

/// Whether a card number's digit groups are grouped as cards are
/// printed: none (`4111111111111111`), or a first group of four and no
/// group shorter than three but the last (`4111 1111 1111 1111`,
/// `3782 822463 10005`, `6011-0009-9013-9424-123`). Digits in pairs
/// (`41 11 11 ...`, the bytes of a hex dump) are not a card, however
/// their Luhn sum falls.
fn card_grouping(span: &str) -> bool {
    let groups: Vec<usize> = span.split([' ', '-']).map(str::len).collect();
    match groups.split_last() {
        Some((_, [])) | None => true,
        Some((_, head)) => head[0] == 4 && head.iter().all(|&n| n >= 3),
    }
}

/// Whether `start..end` is a value rather than a placeholder
/// (`${DB_PASSWORD}`, `<password>`, `****`).
pub(crate) fn not_placeholder(text: &str, start: usize, end: usize) -> bool {
    !crate::keys::is_placeholder(&text[start..end])
}

/// A connection string's password: not a placeholder, and not a call
/// (`password=os.getenv("DB_PASSWORD")` reads the value by its name;
/// `pwd=MD5('x')` hashes one, read by the name/value pass as such).
pub(crate) fn connection_password(text: &str, start: usize, end: usize) -> bool {
    not_placeholder(text, start, end) && crate::calls::call_value(text, start).is_none()
}

/// The password of a `.pgpass` line: not a placeholder, on a line whose
/// host is `*` or a name of three characters or more that is not only hex
/// digits (a fingerprint, `AD:07:A3:...`, is colon-separated hex).
pub(crate) fn pgpass_password(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let host = text[line_start..start].split(':').next().unwrap_or("");
    (host == "*" || (host.len() >= 3 && !host.bytes().all(|b| b.is_ascii_hexdigit())))
        && not_placeholder(text, start, end)
}

pub(crate) fn iban(text: &str, start: usize, end: usize) -> bool {
    iban_valid(&text[start..end])
}

/// A US SSN, `ddd-dd-dddd` or `ddd dd dddd`, in the issued ranges and not
/// one group of a longer run of digit groups.
pub(crate) fn ssn(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let area = &span[..3];
    let group = &span[4..6];
    let serial = &span[7..];
    area != "000"
        && area != "666"
        && !area.starts_with('9')
        && group != "00"
        && serial != "0000"
        && !matches!(before(text, start), Some(c) if c.is_ascii_digit() || c == '-')
        && !matches!(after(text, end), Some(c) if c.is_ascii_digit() || c == '-')
        && super::national::isolated(text, start, end)
}

/// A phone number: 8 to 15 digits in international form (`+...`, or
/// `00...`), 10 or 11 in North American form, 10 to 12 in a national form
/// with a trunk `0`
/// (one kind of separator throughout); not glued to a word, a longer
/// number, a time or a version. (A card is never taken for a phone: it has
/// no `+`, and 13 digits or more.)
pub(crate) fn phone(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let n = digits(span).count();
    let national = span.trim_start_matches('(').starts_with('0');
    let counts = if span.starts_with('+') {
        8..=15
    } else if span.starts_with("00") && !span.starts_with("000") {
        // `00` is the international prefix in most of the world.
        10..=17
    } else if national {
        10..=12
    } else {
        10..=11
    };
    if !counts.contains(&n) {
        return false;
    }
    if national {
        // The separators after the area code (a closing parenthesis and
        // what follows it aside) are all the same.
        let body = span
            .rsplit_once(')')
            .map_or(span, |(_, rest)| rest.trim_start());
        let mut seps = body.chars().filter(|c| !c.is_ascii_digit());
        if let Some(first) = seps.next()
            && !seps.all(|c| c == first)
        {
            return false;
        }
    }
    let digit_at = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let glued_before = match before(text, start) {
        Some(c) if c.is_ascii_alphanumeric() || "._-/+@\\".contains(c) => true,
        Some(':') => text[..start - 1].ends_with(|c: char| c.is_ascii_digit()),
        _ => false,
    };
    let glued_after = match after(text, end) {
        Some(c) if ".-:/".contains(c) => digit_at(&text[end + 1..]),
        _ => false,
    };
    // Without a `+`, not one group of a longer run of digit groups either.
    let grouped = !span.starts_with('+') && !super::national::isolated(text, start, end);
    !glued_before && !glued_after && !grouped
}

pub(crate) fn ipv4(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let dotted_neighbour = |c: Option<char>| matches!(c, Some(c) if c == '.' || c.is_ascii_digit());
    let followed_by_more =
        after(text, end) == Some('.') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
    let special = span == "0.0.0.0" || span.starts_with("127.");
    !(special || dotted_neighbour(before(text, start)) || followed_by_more)
}

pub(crate) fn ipv6(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let hexish = |c: Option<char>| matches!(c, Some(c) if c.is_ascii_hexdigit() || c == ':');
    // Nor the end of a word before `::` (an LDIF `achFile:: ...`, a C++
    // `Type::`): an address starts a token.
    let wordish = |c: Option<char>| matches!(c, Some(c) if c.is_alphanumeric() || c == '_');
    if hexish(before(text, start)) || hexish(after(text, end)) || wordish(before(text, start)) {
        return false;
    }
    // Decimal groups after a date are a time: Erlang writes a timestamp
    // as `1-Mar-2025::10:00:00.660`.
    let decimal = span.bytes().all(|b| b.is_ascii_digit() || b == b':');
    if decimal && matches!(before(text, start), Some('-' | '/' | '.')) {
        return false;
    }
    match span.parse::<Ipv6Addr>() {
        Ok(ip) => {
            let seg = ip.segments();
            let documentation = seg[0] == 0x2001 && seg[1] == 0x0db8;
            !(ip.is_loopback() || ip.is_unspecified() || documentation)
        }
        Err(_) => false,
    }
}

/// A MAC address: six hex pairs with one separator throughout, or Cisco's
/// three dotted quads (with a hex letter, so not a dotted number). Not a
/// run of more groups (a certificate fingerprint `AB:CD:...`), and not a
/// locally administered address (the pseudonyms).
pub(crate) fn mac(text: &str, start: usize, end: usize) -> bool {
    let span = &text.as_bytes()[start..end];
    let hex_at = |s: &str| s.starts_with(|c: char| c.is_ascii_hexdigit());
    let longer_before = matches!(before(text, start), Some(':' | '-' | '.'))
        && text[..start - 1].ends_with(|c: char| c.is_ascii_hexdigit());
    let longer_after =
        matches!(after(text, end), Some(':' | '-' | '.')) && hex_at(&text[end + 1..]);
    if longer_before || longer_after {
        return false;
    }
    let well_formed = if span.len() == 14 {
        span.iter().any(u8::is_ascii_alphabetic)
    } else {
        let sep = span[2];
        span.iter().skip(2).step_by(3).all(|&b| b == sep)
    };
    let first = u8::from_str_radix(&text[start..start + 2], 16).unwrap_or(0);
    well_formed && first & 0x02 == 0
}

pub(crate) fn email(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let tld = span
        .rsplit(['.', ']', ')', '}', ' '])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !span.starts_with('.')
        && !matches!(
            tld.as_str(),
            "example" | "invalid" | "test" | "localhost" | "local"
        )
        && !is_message_id(text, start, end)
        && !prose_at(span)
        && !super::sip::is_service_uri(text, start, end)
}

/// Whether the address at `start..end` is a message identifier (RFC 5322
/// `Message-ID`, `In-Reply-To`) that a mail server made, not a mailbox: a
/// local part of digit groups joined by dots (`<1731000123456.12345@host>`,
/// a timestamp and a counter), or, in angle brackets, of sixteen hex
/// digits or more (`<3f09a76d4fe24c1b8e@host>`). A mailbox of digits
/// alone (`12345678@qq.com`, an SMS gateway's phone number) is one group
/// and stays an address.
fn is_message_id(text: &str, start: usize, end: usize) -> bool {
    let Some((local, _)) = text[start..end].split_once('@') else {
        return false;
    };
    let groups = local.split('.').count();
    let digits = local.bytes().filter(u8::is_ascii_digit).count();
    if groups >= 2
        && digits >= 6
        && local
            .split('.')
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return true;
    }
    let bracketed = before(text, start) == Some('<') && after(text, end) == Some('>');
    bracketed
        && local.len() >= 16
        && local.bytes().all(|b| b.is_ascii_hexdigit())
        && local.bytes().any(|b| b.is_ascii_digit())
        && local.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Words that, as an obfuscated address's host (`... at the dot com`),
/// say the match is prose (`the dot com bubble`).
const PROSE_HOSTS: &[&str] = &[
    "the", "a", "an", "this", "that", "my", "your", "our", "their", "his", "her", "its", "least",
    "most", "all", "any", "some", "no", "home", "work", "first", "last", "one", "once",
];

/// Whether an address written out in words (`x at host dot com`) reads as
/// a sentence instead (`meet at the dot com`).
fn prose_at(span: &str) -> bool {
    let Some(at) = span.find(" at ").or_else(|| span.find(" AT ")) else {
        return false;
    };
    let host = span[at + 4..].split(' ').next().unwrap_or("");
    PROSE_HOSTS.iter().any(|w| w.eq_ignore_ascii_case(host))
}

pub(crate) fn auth_header(text: &str, start: usize, end: usize) -> bool {
    use base64::Engine as _;
    let cred = &text[start..end];
    let keyword = text[..start].trim_end().to_ascii_lowercase();
    if keyword.ends_with("basic") {
        base64::engine::general_purpose::STANDARD
            .decode(cred)
            .is_ok_and(|bytes| bytes.contains(&b':'))
    } else {
        cred.len() >= 20 || cred.bytes().any(|b| b.is_ascii_digit())
    }
}

pub(crate) fn aws_secret(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let boundary = |c: Option<char>| matches!(c, Some(c) if c.is_ascii_alphanumeric() || c == '/' || c == '+' || c == '=');
    !boundary(before(text, start))
        && !boundary(after(text, end))
        && span.bytes().any(|b| b.is_ascii_uppercase())
        && span.bytes().any(|b| b.is_ascii_lowercase())
        && span.bytes().any(|b| b.is_ascii_digit())
        && shannon_entropy(span) >= 4.0
        && !encodes_text(span)
}

/// Whether base64 `span` decodes to bytes holding a run of twelve
/// printable characters: a small message (a protobuf with a string field,
/// `\n\nexpediente\x12\x0e52 14059883 76...`), not random key bytes, where
/// such a run comes about once in ten thousand keys.
fn encodes_text(span: &str) -> bool {
    use base64::Engine as _;
    let Ok(bytes) = super::engine(false).decode(span) else {
        return false;
    };
    let mut run = 0;
    bytes.iter().any(|&b| {
        run = if b == b' ' || b.is_ascii_graphic() {
            run + 1
        } else {
            0
        };
        run >= 12
    })
}

/// A BIP32 extended private key: base58check decodes to 78 bytes whose key
/// data starts with a zero byte, and the checksum matches.
pub(crate) fn extended_private_key(text: &str, start: usize, end: usize) -> bool {
    use sha2::{Digest, Sha256};
    let Some(bytes) = base58_decode(&text[start..end]) else {
        return false;
    };
    if bytes.len() != 82 {
        return false;
    }
    let (payload, check) = bytes.split_at(78);
    let digest = Sha256::digest(Sha256::digest(payload));
    payload[45] == 0 && digest[..4] == *check
}

/// Decodes base58 (the Bitcoin alphabet), or `None` for a character outside
/// it.
pub(super) fn base58_decode(s: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    // Big-endian base-256 digits.
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = u32::try_from(ALPHABET.iter().position(|&a| a == c)?).ok()?;
        for byte in out.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&b| b == b'1').count();
    let mut decoded = vec![0; zeros];
    decoded.extend(out);
    Some(decoded)
}

/// The Shannon entropy of `s` in bits per character: about 4.5 or more for
/// random base64, 3 to 4 for words.
///
/// ```
/// use reprise::sanitizer::detect::shannon_entropy;
/// assert_eq!(shannon_entropy("aaaa"), 0.0);
/// assert!(shannon_entropy("q8X2vLr0Zt7Wp4Nk1Ys9") > 4.0);
/// ```
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[usize::from(b)] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether `s` looks like a random secret: long enough, high entropy, and
/// made of token characters (used under sensitive-looking key names).
///
/// ```
/// use reprise::sanitizer::detect::is_high_entropy;
/// assert!(is_high_entropy("q8X2vLr0Zt7Wp4Nk1Ys9"));
/// assert!(!is_high_entropy("not a secret at all"));
/// ```
pub fn is_high_entropy(s: &str) -> bool {
    s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=_-.~".contains(&b))
        && shannon_entropy(s) >= 3.5
}
