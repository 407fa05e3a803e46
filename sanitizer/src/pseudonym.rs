//! Keyed, stable, shape-preserving pseudonyms.
//!
//! A pseudonym is derived from HMAC-SHA256 under a [`Key`] the user holds,
//! over the shape's name and the value, so equal values get equal pseudonyms
//! (in one transcript and across transcripts scrubbed with the same key),
//! and nobody without the key can go back or check a guess. The pseudonym
//! keeps the value's shape so the component's parsers still parse it on
//! replay: an email stays an email (on a reserved `.example` domain), a card
//! number a Luhn-valid card number of the same length and first digit, an
//! IPv4 address an IPv4 address, a UUID a UUID, digits digits of the same
//! length; any other text keeps its character classes and punctuation.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::detect::{luhn_check_digit, luhn_valid};
use crate::error::Error;

type HmacSha256 = Hmac<Sha256>;

/// The environment variable holding the pseudonym key when none is given.
pub const KEY_ENV: &str = "REPRISE_SANITIZER_KEY";

/// The shortest key accepted, in bytes.
pub const MIN_KEY_LEN: usize = 16;

/// The secret that keys pseudonyms and hashes. It never appears in a
/// report, a transcript or a `Debug` output.
///
/// ```
/// use reprise::sanitizer::Key;
/// let key = Key::from_bytes("a key of 16 bytes or more".as_bytes(), "test")?;
/// assert_eq!(key.origin(), "test");
/// assert!(!format!("{key:?}").contains("16 bytes"));
/// assert!(Key::from_bytes(b"short", "test").is_err());
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Clone)]
pub struct Key {
    bytes: Vec<u8>,
    origin: String,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Key {
    /// A key from bytes; `origin` says where they came from, for messages
    /// and the report.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Key, Error> {
        if bytes.len() < MIN_KEY_LEN {
            return Err(Error::Key {
                origin: origin.to_owned(),
                message: format!("a key needs at least {MIN_KEY_LEN} bytes"),
            });
        }
        Ok(Key {
            bytes: bytes.to_vec(),
            origin: origin.to_owned(),
        })
    }

    /// The key in a file (its bytes, without a trailing newline).
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("key");
    /// std::fs::write(&path, "correct horse battery staple\n")?;
    /// let key = reprise::sanitizer::Key::from_file(&path)?;
    /// assert!(key.origin().starts_with("file "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(path: &Path) -> Result<Key, Error> {
        let origin = format!("file {}", path.display());
        let bytes = std::fs::read(path).map_err(|e| Error::Key {
            origin: origin.clone(),
            message: format!("cannot read: {e}"),
        })?;
        let trimmed = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        Key::from_bytes(trimmed, &origin)
    }

    /// The key in environment variable `var`, or `None` when it is unset.
    ///
    /// ```
    /// assert!(reprise::sanitizer::Key::from_env("REPRISE_DOCTEST_UNSET_VAR")?.is_none());
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn from_env(var: &str) -> Result<Option<Key>, Error> {
        match std::env::var_os(var) {
            None => Ok(None),
            Some(value) => {
                Key::from_bytes(value.as_encoded_bytes(), &format!("environment {var}")).map(Some)
            }
        }
    }

    /// A fresh random key from the operating system: pseudonyms are then
    /// stable within one run only.
    ///
    /// ```
    /// let key = reprise::sanitizer::Key::random()?;
    /// assert_eq!(key.origin(), "random");
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn random() -> Result<Key, Error> {
        use rand::TryRngCore as _;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| Error::Key {
                origin: "random".into(),
                message: format!("the operating system gave no randomness: {e}"),
            })?;
        Key::from_bytes(&bytes, "random")
    }

    /// Where the key came from (`file PATH`, `environment VAR`, `random`).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// The shape a pseudonym keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// Character classes kept: digit for digit, lower for lower, upper for
    /// upper; punctuation and spaces as they are.
    Text,
    /// `local@domain.example`, the domain pseudonymized on its own so that
    /// addresses at one domain stay at one domain.
    Email,
    /// A Luhn-valid number of the same length, first digit and separators.
    Card,
    /// An IBAN of the same country and length with valid check digits.
    Iban,
    /// `ddd-dd-dddd` in the 9xx area, which is never issued.
    Ssn,
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address in the documentation prefix `2001:db8::/32`.
    Ipv6,
    /// A locally administered MAC address with the same separator and case.
    Mac,
    /// Hex digits stay hex digits of the same case (UUIDs keep their version
    /// and variant).
    Hex,
}

impl Shape {
    fn domain(self) -> &'static [u8] {
        match self {
            Shape::Text => b"text",
            Shape::Email => b"email",
            Shape::Card => b"card",
            Shape::Iban => b"iban",
            Shape::Ssn => b"ssn",
            Shape::Ipv4 => b"ipv4",
            Shape::Ipv6 => b"ipv6",
            Shape::Mac => b"mac",
            Shape::Hex => b"hex",
        }
    }

    /// The most specific shape `value` has as a whole.
    ///
    /// ```
    /// use reprise::sanitizer::Shape;
    /// assert_eq!(Shape::infer("a@b.com"), Shape::Email);
    /// assert_eq!(Shape::infer("10.1.2.3"), Shape::Ipv4);
    /// assert_eq!(Shape::infer("67e55044-10b1-426f-9247-bb680e5fe0c8"), Shape::Hex);
    /// assert_eq!(Shape::infer("4111111111111111"), Shape::Card);
    /// assert_eq!(Shape::infer("hello 42"), Shape::Text);
    /// ```
    pub fn infer(value: &str) -> Shape {
        if value.parse::<Ipv4Addr>().is_ok() {
            return Shape::Ipv4;
        }
        if value.contains(':') && value.parse::<Ipv6Addr>().is_ok() {
            return Shape::Ipv6;
        }
        if let Some((local, domain)) = value.split_once('@')
            && !local.is_empty()
            && domain.contains('.')
            && !value.contains(char::is_whitespace)
            && !domain.contains('@')
        {
            return Shape::Email;
        }
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        if (13..=19).contains(&digits)
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
            && luhn_valid(value)
        {
            return Shape::Card;
        }
        if value.len() >= 8
            && value.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
            && value.bytes().any(|b| b.is_ascii_alphabetic())
            && value.bytes().any(|b| b.is_ascii_digit())
        {
            return Shape::Hex;
        }
        Shape::Text
    }
}

/// Makes pseudonyms and hashes under one key.
///
/// ```
/// use reprise::sanitizer::{Key, Pseudonymizer, Shape};
/// let p = Pseudonymizer::new(&Key::from_bytes(b"0123456789abcdef", "test")?);
/// let a = p.pseudonymize(Shape::Email, "alice@corp.com");
/// assert_eq!(a, p.pseudonymize(Shape::Email, "alice@corp.com"));
/// assert!(a.ends_with(".example") && a.contains('@'));
/// assert_ne!(a, p.pseudonymize(Shape::Email, "bob@corp.com"));
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Clone)]
pub struct Pseudonymizer {
    mac: HmacSha256,
    /// Which pseudonymizer this is, for the memory of pseudonyms made
    /// ([`memory`]); a clone has the same key and so the same id.
    id: u64,
}

impl std::fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pseudonymizer").finish_non_exhaustive()
    }
}

/// A stream of keyed pseudo-random bytes for one value.
struct Stream<'a> {
    mac: &'a HmacSha256,
    domain: &'a [u8],
    value: &'a [u8],
    counter: u32,
    block: [u8; 32],
    used: usize,
}

impl Stream<'_> {
    fn byte(&mut self) -> u8 {
        if self.used == self.block.len() {
            let mut mac = self.mac.clone();
            mac.update(&self.counter.to_be_bytes());
            mac.update(self.domain);
            mac.update(&[0]);
            mac.update(self.value);
            self.block.copy_from_slice(&mac.finalize().into_bytes());
            self.counter += 1;
            self.used = 0;
        }
        let b = self.block[self.used];
        self.used += 1;
        b
    }

    fn below(&mut self, n: u8) -> u8 {
        // Rejection sampling keeps the choice unbiased.
        let limit = 256 - (256 % u16::from(n));
        loop {
            let b = self.byte();
            if u16::from(b) < limit {
                return b % n;
            }
        }
    }

    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10))
    }

    fn nonzero_digit(&mut self) -> char {
        char::from(b'1' + self.below(9))
    }
}

impl Pseudonymizer {
    /// A pseudonymizer keyed by `key`.
    pub fn new(key: &Key) -> Pseudonymizer {
        // HMAC accepts keys of any length.
        let mac = <HmacSha256 as Mac>::new_from_slice(&key.bytes)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Pseudonymizer { mac, id }
    }

    fn stream<'a>(&'a self, shape: Shape, value: &'a str) -> Stream<'a> {
        Stream {
            mac: &self.mac,
            domain: shape.domain(),
            value: value.as_bytes(),
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }

    /// The keyed HMAC-SHA256 of `value`, as 64 lowercase hex digits.
    ///
    /// ```
    /// use reprise::sanitizer::{Key, Pseudonymizer};
    /// let p = Pseudonymizer::new(&Key::from_bytes(b"0123456789abcdef", "test")?);
    /// assert_eq!(p.hash("x").len(), 64);
    /// assert_eq!(p.hash("x"), p.hash("x"));
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn hash(&self, value: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(b"hash\0");
        mac.update(value.as_bytes());
        let mut out = String::with_capacity(64);
        for b in mac.finalize().into_bytes() {
            let _ = write!(out, "{b:02x}");
        }
        out
    }

    /// The pseudonym of `value` keeping `shape`. A value that does not have
    /// the shape gets the [`Shape::Text`] treatment.
    ///
    /// ```
    /// use reprise::sanitizer::{Key, Pseudonymizer, Shape, detect::luhn_valid};
    /// let p = Pseudonymizer::new(&Key::from_bytes(b"0123456789abcdef", "test")?);
    /// let card = p.pseudonymize(Shape::Card, "4111 1111 1111 1111");
    /// assert!(luhn_valid(&card) && card.len() == 19 && card.starts_with('4'));
    /// assert!(p.pseudonymize(Shape::Ipv4, "192.168.1.20").parse::<std::net::Ipv4Addr>().is_ok());
    /// assert_eq!(p.pseudonymize(Shape::Text, "Order 12-34").len(), "Order 12-34".len());
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn pseudonymize(&self, shape: Shape, value: &str) -> String {
        memory::pseudonym(self.id, shape, value, || self.make(shape, value))
    }

    fn make(&self, shape: Shape, value: &str) -> String {
        match shape {
            Shape::Email => self.email(value),
            Shape::Card => self.card(value),
            Shape::Iban => self.iban(value),
            Shape::Ssn => self.ssn(value),
            Shape::Ipv4 => self.ipv4(value),
            Shape::Ipv6 => self.ipv6(value),
            Shape::Mac => self.mac(value),
            Shape::Hex => self.hex(value),
            Shape::Text => self.text(value),
        }
    }

    /// Character classes kept; a digit run keeps a leading non-zero digit
    /// non-zero, so numbers keep their length.
    fn text_with(&self, shape: Shape, value: &str) -> String {
        let mut s = self.stream(shape, value);
        let mut out = String::with_capacity(value.len());
        let mut prev_digit = false;
        for c in value.chars() {
            let next = match c {
                '0'..='9' if !prev_digit && c != '0' => s.nonzero_digit(),
                '0'..='9' => s.digit(),
                'a'..='z' => char::from(b'a' + s.below(26)),
                'A'..='Z' => char::from(b'A' + s.below(26)),
                c if c.is_alphanumeric() => char::from(b'a' + s.below(26)),
                c => c,
            };
            prev_digit = c.is_ascii_digit();
            out.push(next);
        }
        // A pseudonym equal to its value (a one-letter value has one chance
        // in 26) would show the value: its first letter or digit moves on.
        if out == value
            && let Some((at, c)) = out.char_indices().find(|(_, c)| c.is_ascii_alphanumeric())
        {
            let moved = match c {
                'z' => 'a',
                'Z' => 'A',
                '9' => '1',
                c => char::from(c as u8 + 1),
            };
            out.replace_range(at..at + 1, moved.encode_utf8(&mut [0; 4]));
        }
        out
    }

    fn text(&self, value: &str) -> String {
        self.text_with(Shape::Text, value)
    }

    fn email(&self, value: &str) -> String {
        let Some((local, domain)) = value.rsplit_once('@') else {
            return self.text(value);
        };
        let local = self.text_with(Shape::Email, &format!("{local}@{domain}"));
        let local = local.split('@').next().unwrap_or_default().to_owned();
        let labels: Vec<&str> = domain.split('.').collect();
        let host = labels[..labels.len().saturating_sub(1)].join(".");
        let host = if host.is_empty() {
            "host".to_owned()
        } else {
            self.text_with(Shape::Email, &host)
        };
        format!("{local}@{host}.example")
    }

    fn card(&self, value: &str) -> String {
        let total = value.bytes().filter(u8::is_ascii_digit).count();
        if total < 2 {
            return self.text(value);
        }
        let mut s = self.stream(Shape::Card, value);
        let mut digits = String::with_capacity(total);
        for (i, c) in value.chars().filter(char::is_ascii_digit).enumerate() {
            if i == 0 {
                digits.push(c);
            } else if i + 1 < total {
                digits.push(s.digit());
            }
        }
        let check = luhn_check_digit(&digits);
        digits.push(char::from_digit(check, 10).unwrap_or('0'));
        let mut it = digits.chars();
        value
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    it.next().unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    fn iban(&self, value: &str) -> String {
        let compact: String = value.chars().filter(|c| *c != ' ').collect();
        if compact.len() < 5 || !compact.is_ascii() {
            return self.text(value);
        }
        let bban = self
            .text_with(Shape::Iban, &compact[4..])
            .to_ascii_uppercase();
        let head = format!("{}00", &compact[..2]);
        let check = match crate::detect::validate_iban_remainder(bban.as_bytes(), head.as_bytes()) {
            Some(rem) => 98 - rem,
            None => return self.text(value),
        };
        let full = format!("{}{check:02}{bban}", &compact[..2]);
        let mut it = full.chars();
        value
            .chars()
            .map(|c| if c == ' ' { c } else { it.next().unwrap_or(c) })
            .collect()
    }

    fn ssn(&self, value: &str) -> String {
        let mut s = self.stream(Shape::Ssn, value);
        let mut out = String::with_capacity(value.len());
        for (i, c) in value.chars().enumerate() {
            out.push(match (i, c) {
                (0, '0'..='9') => '9',
                (_, '0'..='9') => s.digit(),
                (_, c) => c,
            });
        }
        out
    }

    fn ipv4(&self, value: &str) -> String {
        let mut s = self.stream(Shape::Ipv4, value);
        let mut first = 1 + s.below(223);
        if first == 127 {
            first = 128;
        }
        let o = [first, s.byte(), s.byte(), 1 + s.below(254)];
        Ipv4Addr::from(o).to_string()
    }

    fn ipv6(&self, value: &str) -> String {
        let mut s = self.stream(Shape::Ipv6, value);
        let mut seg = [0x2001u16, 0x0db8, 0, 0, 0, 0, 0, 0];
        for part in seg.iter_mut().skip(2) {
            *part = u16::from_be_bytes([s.byte(), s.byte()]);
        }
        Ipv6Addr::from(seg).to_string()
    }

    fn mac(&self, value: &str) -> String {
        let sep = if value.contains('-') { '-' } else { ':' };
        let upper = value.bytes().any(|b| b.is_ascii_uppercase());
        let mut s = self.stream(Shape::Mac, value);
        let mut out = String::with_capacity(17);
        for i in 0..6 {
            let mut b = s.byte();
            if i == 0 {
                b = (b | 0x02) & !0x01;
            }
            if i > 0 {
                out.push(sep);
            }
            if upper {
                let _ = write!(out, "{b:02X}");
            } else {
                let _ = write!(out, "{b:02x}");
            }
        }
        out
    }

    fn hex(&self, value: &str) -> String {
        const LOWER: &[u8; 16] = b"0123456789abcdef";
        const UPPER: &[u8; 16] = b"0123456789ABCDEF";
        let is_uuid = value.len() == 36
            && value
                .bytes()
                .enumerate()
                .all(|(i, b)| (b == b'-') == matches!(i, 8 | 13 | 18 | 23));
        let mut s = self.stream(Shape::Hex, value);
        value
            .bytes()
            .enumerate()
            .map(|(i, b)| {
                let table = if b.is_ascii_uppercase() { UPPER } else { LOWER };
                if !b.is_ascii_hexdigit() || (is_uuid && i == 14) {
                    char::from(b)
                } else if is_uuid && i == 19 {
                    char::from(table[usize::from(8 + s.below(4))])
                } else {
                    char::from(table[usize::from(s.below(16))])
                }
            })
            .collect()
    }

    /// The pseudonym of a JSON number: an integer keeps its sign and number
    /// of digits, a float its digits' positions.
    ///
    /// ```
    /// use reprise::sanitizer::{Key, Pseudonymizer};
    /// let p = Pseudonymizer::new(&Key::from_bytes(b"0123456789abcdef", "test")?);
    /// let n = p.number(&serde_json::Number::from(123456));
    /// assert_eq!(n.to_string().len(), 6);
    /// # Ok::<(), reprise::sanitizer::Error>(())
    /// ```
    pub fn number(&self, n: &serde_json::Number) -> serde_json::Number {
        let text = n.to_string();
        if n.is_f64() {
            let (mantissa, exp) = match text.find(['e', 'E']) {
                Some(i) => text.split_at(i),
                None => (text.as_str(), ""),
            };
            let out = format!("{}{exp}", self.text_with(Shape::Text, mantissa));
            return out
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .unwrap_or_else(|| serde_json::Number::from(0));
        }
        let out = self.text_with(Shape::Text, &text);
        if let Ok(v) = out.parse::<u64>() {
            return serde_json::Number::from(v);
        }
        if let Ok(v) = out.parse::<i64>() {
            return serde_json::Number::from(v);
        }
        // Out of range: keep the length with a smaller first digit.
        let fallback: String = std::iter::once('1').chain(out.chars().skip(1)).collect();
        fallback
            .parse::<u64>()
            .map(serde_json::Number::from)
            .unwrap_or_else(|_| serde_json::Number::from(0))
    }
}

mod memory;
#[cfg(test)]
mod tests;
