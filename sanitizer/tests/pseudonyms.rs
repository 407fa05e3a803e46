//! Property tests of pseudonyms: for any value of a shape, the pseudonym
//! has the same shape, differs from the value, and is the same every time
//! under one key.

use std::net::{Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use reprise_sanitizer::detect::{luhn_check_digit, luhn_valid};
use reprise_sanitizer::{Key, Pseudonymizer, Shape};

fn pseudonymizer() -> Pseudonymizer {
    Pseudonymizer::new(&Key::from_bytes(b"a pseudonym property key", "test").expect("key"))
}

proptest! {
    #[test]
    fn emails_stay_emails(local in "[a-z][a-z0-9._]{0,15}", host in "[a-z]{1,10}", tld in "(com|org|io|de)") {
        let p = pseudonymizer();
        let email = format!("{local}@{host}.{tld}");
        let out = p.pseudonymize(Shape::Email, &email);
        prop_assert_eq!(Shape::infer(&out), Shape::Email);
        prop_assert!(out.ends_with(".example"));
        prop_assert_eq!(out.split('@').next().map(str::len), Some(local.len()));
        prop_assert_eq!(&out, &p.pseudonymize(Shape::Email, &email));
    }

    #[test]
    fn cards_stay_luhn_valid_cards_of_the_same_length(first in 3u8..=6, rest in "[0-9]{11,17}") {
        let p = pseudonymizer();
        let partial = format!("{first}{rest}");
        let card = format!("{partial}{}", luhn_check_digit(&partial));
        let out = p.pseudonymize(Shape::Card, &card);
        prop_assert!(luhn_valid(&out), "{} -> {}", card, out);
        prop_assert_eq!(out.len(), card.len());
        prop_assert_eq!(out.chars().next(), card.chars().next());
        prop_assert!(out.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn addresses_stay_addresses(v4 in any::<u32>(), v6 in any::<u128>()) {
        let p = pseudonymizer();
        let v4 = Ipv4Addr::from(v4).to_string();
        prop_assert!(p.pseudonymize(Shape::Ipv4, &v4).parse::<Ipv4Addr>().is_ok());
        let v6 = Ipv6Addr::from(v6).to_string();
        prop_assert!(p.pseudonymize(Shape::Ipv6, &v6).parse::<Ipv6Addr>().is_ok());
    }

    #[test]
    fn uuids_stay_uuids(bytes in any::<u128>()) {
        let hex = format!("{bytes:032x}");
        let uuid = format!("{}-{}-4{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..]);
        let out = pseudonymizer().pseudonymize(Shape::infer(&uuid), &uuid);
        prop_assert_eq!(out.len(), 36);
        prop_assert_eq!(&out[14..15], "4");
        prop_assert!("89ab".contains(&out[19..20]));
        let uuid_shaped = out.bytes().enumerate().all(|(i, b)| {
            if [8, 13, 18, 23].contains(&i) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        });
        prop_assert!(uuid_shaped, "{}", out);
    }

    #[test]
    fn digits_stay_digits_of_the_same_length(digits in "[1-9][0-9]{0,30}") {
        let out = pseudonymizer().pseudonymize(Shape::Text, &digits);
        prop_assert_eq!(out.len(), digits.len());
        prop_assert!(out.bytes().all(|b| b.is_ascii_digit()));
        prop_assert!(!out.starts_with('0'));
    }

    #[test]
    fn equal_inputs_equal_pseudonyms_in_every_shape(value in "\\PC{0,40}") {
        let a = pseudonymizer();
        let b = pseudonymizer();
        for shape in [Shape::Text, Shape::Email, Shape::Card, Shape::Iban, Shape::Ssn, Shape::Ipv4, Shape::Ipv6, Shape::Mac, Shape::Hex] {
            prop_assert_eq!(a.pseudonymize(shape, &value), b.pseudonymize(shape, &value));
        }
    }
}
