//! Identifiers with valid check digits, written from the public
//! specifications of each format (not from the sanitizer's validators).

use base64::Engine as _;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sha2::{Digest, Sha256};

/// `n` random decimal digits.
pub fn digits(r: &mut StdRng, n: usize) -> Vec<u32> {
    (0..n).map(|_| r.random_range(0..10)).collect()
}

/// Digits as a string.
pub fn s(d: &[u32]) -> String {
    d.iter().map(|d| char::from(b'0' + *d as u8)).collect()
}

/// `n` random characters from `set`.
pub fn from_set(r: &mut StdRng, set: &str, n: usize) -> String {
    let b = set.as_bytes();
    (0..n)
        .map(|_| char::from(b[r.random_range(0..b.len())]))
        .collect()
}

pub const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const HEX: &str = "0123456789abcdef";
pub const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The Luhn check digit for `body`.
pub fn luhn_check(body: &[u32]) -> u32 {
    let mut sum = 0;
    for (i, d) in body.iter().rev().enumerate() {
        let mut v = *d;
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    (10 - sum % 10) % 10
}

/// `prefix` padded with random digits to `len`, Luhn-valid.
pub fn luhn_number(r: &mut StdRng, prefix: &str, len: usize) -> String {
    let mut d: Vec<u32> = prefix
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    d.extend(digits(r, len - 1 - d.len()));
    let c = luhn_check(&d);
    d.push(c);
    s(&d)
}

/// Groups `text` by `sizes` joined by `sep`.
pub fn group(text: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = Vec::new();
    let mut at = 0;
    for n in sizes {
        if at >= text.len() {
            break;
        }
        out.push(&text[at..(at + n).min(text.len())]);
        at += n;
    }
    if at < text.len() {
        out.push(&text[at..]);
    }
    out.join(sep)
}

/// A card number of one of the common networks, Luhn-valid.
pub fn card(r: &mut StdRng) -> (String, Vec<usize>) {
    let four = [4usize, 4, 4, 4];
    match r.random_range(0..7) {
        0 => (luhn_number(r, "4", 16), four.to_vec()),
        1 => {
            let p = format!("5{}", r.random_range(1..6));
            (luhn_number(r, &p, 16), four.to_vec())
        }
        2 => {
            let p = format!("{}", r.random_range(2221..2721));
            (luhn_number(r, &p, 16), four.to_vec())
        }
        3 => {
            let p = ["34", "37"].choose(r).copied().unwrap_or("34");
            (luhn_number(r, p, 15), vec![4, 6, 5])
        }
        4 => (luhn_number(r, "6011", 16), four.to_vec()),
        5 => {
            let p = format!("{}", r.random_range(3528..3590));
            (luhn_number(r, &p, 16), four.to_vec())
        }
        _ => (luhn_number(r, "62", 19), vec![4, 4, 4, 4, 3]),
    }
}

/// An IBAN of one of many countries, mod-97 valid, and its grouped form.
pub fn iban(r: &mut StdRng) -> String {
    // (country, BBAN pattern: n digit, a upper letter, c alnum upper)
    const FORMATS: &[(&str, &str)] = &[
        ("DE", "nnnnnnnnnnnnnnnnnn"),
        ("FR", "nnnnnnnnnnccccccccccccnn"),
        ("GB", "aaaannnnnnnnnnnnnn"),
        ("NL", "aaaannnnnnnnnn"),
        ("ES", "nnnnnnnnnnnnnnnnnnnn"),
        ("IT", "annnnnnnnnncccccccccccc"),
        ("BE", "nnnnnnnnnnnn"),
        ("CH", "nnnnnccccccccccccc"),
        ("PL", "nnnnnnnnnnnnnnnnnnnnnnnn"),
        ("SE", "nnnnnnnnnnnnnnnnnnnn"),
        ("NO", "nnnnnnnnnnn"),
        ("AT", "nnnnnnnnnnnnnnnn"),
        ("IE", "aaaannnnnnnnnnnnnn"),
        ("PT", "nnnnnnnnnnnnnnnnnnnnn"),
        ("SA", "nncccccccccccccccccc"),
        ("AE", "nnnnnnnnnnnnnnnnnnn"),
        ("DK", "nnnnnnnnnnnnnn"),
        ("FI", "nnnnnnnnnnnnnn"),
        ("LU", "nnnccccccccccccc"),
        ("TR", "nnnnnnccccccccccccccccc"),
    ];
    let (cc, pat) = FORMATS.choose(r).copied().unwrap_or(FORMATS[0]);
    let bban: String = pat
        .chars()
        .map(|k| match k {
            'n' => char::from(b'0' + r.random_range(0..10u8)),
            'a' => char::from(b'A' + r.random_range(0..26u8)),
            _ => {
                let set = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                char::from(set[r.random_range(0..set.len())])
            }
        })
        .collect();
    let rearranged = format!("{bban}{cc}00");
    let mut rem: u64 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36).unwrap_or(0) as u64;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    let check = 98 - rem;
    format!("{cc}{check:02}{bban}")
}

/// A US SSN (valid area, group and serial).
pub fn ssn(r: &mut StdRng) -> String {
    let area = loop {
        let a = r.random_range(1..900);
        if a != 666 {
            break a;
        }
    };
    format!(
        "{area:03}-{:02}-{:04}",
        r.random_range(1..100),
        r.random_range(1..10000)
    )
}

/// A US ITIN: 9XX-7X/8X/9X-XXXX.
pub fn itin(r: &mut StdRng) -> String {
    let groups = [
        70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 92, 94,
        95, 96, 97, 98, 99,
    ];
    format!(
        "9{:02}-{}-{:04}",
        r.random_range(0..100),
        groups.choose(r).copied().unwrap_or(70),
        r.random_range(0..10000)
    )
}

/// German Steuer-Identifikationsnummer (ISO 7064 MOD 11,10).
pub fn steuer_id(r: &mut StdRng) -> String {
    loop {
        let mut pool: Vec<u32> = (0..10).collect();
        let missing = r.random_range(0..10);
        pool.retain(|d| *d != missing);
        let twice = pool[r.random_range(0..pool.len())];
        pool.push(twice);
        // shuffle
        for i in (1..pool.len()).rev() {
            let j = r.random_range(0..=i);
            pool.swap(i, j);
        }
        if pool[0] == 0 {
            continue;
        }
        let mut product = 10;
        for d in &pool {
            let mut sum = (d + product) % 10;
            if sum == 0 {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        let check = (11 - product) % 10;
        pool.push(check);
        return s(&pool);
    }
}

/// French NIR (numéro de sécurité sociale), with its key, spaced.
pub fn nir(r: &mut StdRng) -> String {
    let sex = r.random_range(1..3);
    let yy = r.random_range(40..100);
    let mm = r.random_range(1..13);
    let dept = loop {
        let d = r.random_range(1..96);
        if d != 20 {
            break d;
        }
    };
    let commune = r.random_range(1..990);
    let order = r.random_range(1..1000);
    let body = format!("{sex}{yy:02}{mm:02}{dept:02}{commune:03}{order:03}");
    let n: u64 = body.parse().unwrap_or(0);
    let key = 97 - n % 97;
    format!("{sex} {yy:02} {mm:02} {dept:02} {commune:03} {order:03} {key:02}")
}

const DNI_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI.
pub fn dni(r: &mut StdRng) -> String {
    let n: u32 = r.random_range(10_000_000..99_999_999);
    format!("{n:08}{}", char::from(DNI_LETTERS[(n % 23) as usize]))
}

/// Spanish NIE.
pub fn nie(r: &mut StdRng) -> String {
    let p = r.random_range(0..3u32);
    let n: u32 = r.random_range(0..10_000_000);
    let full = p * 10_000_000 + n;
    format!(
        "{}{n:07}{}",
        ['X', 'Y', 'Z'][p as usize],
        char::from(DNI_LETTERS[(full % 23) as usize])
    )
}

/// Italian codice fiscale.
pub fn codice_fiscale(r: &mut StdRng) -> String {
    const ODD: [u32; 36] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let consonants = "BCDFGLMNPRSTVZ";
    let months = "ABCDEHLMPRST";
    let mut body = String::new();
    body += &from_set(r, consonants, 6);
    body += &format!("{:02}", r.random_range(40..100));
    body.push(char::from(months.as_bytes()[r.random_range(0..12)]));
    let day = r.random_range(1..29) + if r.random_bool(0.5) { 40 } else { 0 };
    body += &format!("{day:02}");
    body.push(['F', 'H', 'L', 'A', 'D'][r.random_range(0..5)]);
    body += &format!("{:03}", r.random_range(1..999));
    let mut sum = 0;
    for (i, c) in body.chars().enumerate() {
        let idx = if c.is_ascii_digit() {
            c as usize - '0' as usize
        } else {
            10 + (c as usize - 'A' as usize)
        };
        sum += if i % 2 == 0 {
            ODD[idx]
        } else if c.is_ascii_digit() {
            idx as u32
        } else {
            idx as u32 - 10
        };
    }
    body.push(char::from(b'A' + (sum % 26) as u8));
    body
}

/// Dutch BSN (elfproef).
pub fn bsn(r: &mut StdRng) -> String {
    loop {
        let d = digits(r, 8);
        if d[0] == 0 {
            continue;
        }
        let sum: u32 = d.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
        let last = sum % 11;
        if last < 10 {
            let mut d = d;
            d.push(last);
            return s(&d);
        }
    }
}

/// Polish PESEL.
pub fn pesel(r: &mut StdRng) -> String {
    let year = r.random_range(1950..2010);
    let month = r.random_range(1..13) + if year >= 2000 { 20 } else { 0 };
    let day = r.random_range(1..29);
    let mut d: Vec<u32> = format!("{:02}{month:02}{day:02}", year % 100)
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    d.extend(digits(r, 4));
    let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = d.iter().zip(w).map(|(d, w)| d * w).sum();
    d.push((10 - sum % 10) % 10);
    s(&d)
}

/// Swedish personnummer YYMMDD-NNNC.
pub fn personnummer(r: &mut StdRng) -> String {
    let body = format!(
        "{:02}{:02}{:02}{:03}",
        r.random_range(40..100),
        r.random_range(1..13),
        r.random_range(1..29),
        r.random_range(0..1000)
    );
    let d: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    // Luhn over 9 digits, weights 2,1,2,... from the left
    let mut sum = 0;
    for (i, v) in d.iter().enumerate() {
        let mut x = v * if i % 2 == 0 { 2 } else { 1 };
        if x > 9 {
            x -= 9;
        }
        sum += x;
    }
    let c = (10 - sum % 10) % 10;
    format!("{}-{}{c}", &body[..6], &body[6..])
}

/// Finnish henkilötunnus DDMMYY-NNNC.
pub fn hetu(r: &mut StdRng) -> String {
    let body = format!(
        "{:02}{:02}{:02}",
        r.random_range(1..29),
        r.random_range(1..13),
        r.random_range(40..100)
    );
    let n = r.random_range(2..900);
    let num: u64 = format!("{body}{n:03}").parse().unwrap_or(0);
    let table = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    format!("{body}-{n:03}{}", char::from(table[(num % 31) as usize]))
}

/// Norwegian fødselsnummer (two mod-11 check digits).
pub fn fodselsnummer(r: &mut StdRng) -> String {
    loop {
        let mut d: Vec<u32> = format!(
            "{:02}{:02}{:02}{:03}",
            r.random_range(1..29),
            r.random_range(1..13),
            r.random_range(40..100),
            r.random_range(0..500)
        )
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
        let k1w = [3, 7, 6, 1, 8, 9, 4, 5, 2];
        let k1 = 11 - d.iter().zip(k1w).map(|(d, w)| d * w).sum::<u32>() % 11;
        let k1 = if k1 == 11 { 0 } else { k1 };
        if k1 == 10 {
            continue;
        }
        d.push(k1);
        let k2w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        let k2 = 11 - d.iter().zip(k2w).map(|(d, w)| d * w).sum::<u32>() % 11;
        let k2 = if k2 == 11 { 0 } else { k2 };
        if k2 == 10 {
            continue;
        }
        d.push(k2);
        return s(&d);
    }
}

/// Indian Aadhaar, Verhoeff-valid, written in groups of four.
pub fn aadhaar(r: &mut StdRng) -> String {
    const D: [[u32; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u32; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    const INV: [u32; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut d = vec![r.random_range(2..10)];
    d.extend(digits(r, 10));
    let mut c = 0;
    for (i, v) in d.iter().rev().enumerate() {
        c = D[c as usize][P[(i + 1) % 8][*v as usize] as usize];
    }
    d.push(INV[c as usize]);
    group(&s(&d), &[4, 4, 4], " ")
}

/// Brazilian CPF, formatted 000.000.000-00.
pub fn cpf(r: &mut StdRng) -> String {
    let mut d = digits(r, 9);
    for len in [9usize, 10] {
        let sum: u32 = d
            .iter()
            .take(len)
            .enumerate()
            .map(|(i, v)| v * (len as u32 + 1 - i as u32))
            .sum();
        d.push((sum * 10 % 11) % 10);
    }
    let t = s(&d);
    format!("{}.{}.{}-{}", &t[..3], &t[3..6], &t[6..9], &t[9..])
}

/// Canadian SIN, spaced.
pub fn sin(r: &mut StdRng) -> String {
    let first = ["1", "2", "3", "4", "5", "6", "7", "9"]
        .choose(r)
        .copied()
        .unwrap_or("1");
    let n = luhn_number(r, first, 9);
    group(&n, &[3, 3, 3], " ")
}

/// Australian TFN.
pub fn tfn(r: &mut StdRng) -> String {
    let w = [1, 4, 3, 7, 5, 8, 6, 9];
    loop {
        let d = digits(r, 8);
        let sum: u32 = d.iter().zip(w).map(|(d, w)| d * w).sum();
        let last = sum % 11;
        if last < 10 {
            let mut d = d;
            d.push(last);
            return group(&s(&d), &[3, 3, 3], " ");
        }
    }
}

/// UK NHS number, spaced 3-3-4.
pub fn nhs(r: &mut StdRng) -> String {
    loop {
        let d = digits(r, 9);
        let sum: u32 = d.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let c = 11 - sum % 11;
        let c = if c == 11 { 0 } else { c };
        if c == 10 {
            continue;
        }
        let mut d = d;
        d.push(c);
        return group(&s(&d), &[3, 3, 4], " ");
    }
}

/// UK National Insurance number.
pub fn nino(r: &mut StdRng) -> String {
    let first = "ABCEGHJKLMNOPRSTWXYZ";
    let second = "ABCEGHJKLMNPRSTWXYZ";
    loop {
        let p = format!("{}{}", from_set(r, first, 1), from_set(r, second, 1));
        if ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&p.as_str()) {
            continue;
        }
        return format!(
            "{p} {:02} {:02} {:02} {}",
            r.random_range(0..100),
            r.random_range(0..100),
            r.random_range(0..100),
            from_set(r, "ABCD", 1)
        );
    }
}

/// Chinese resident identity number.
pub fn china_id(r: &mut StdRng) -> String {
    let body = format!(
        "{}{:04}{:02}{:02}{:03}",
        ["110101", "310104", "440305", "510107"]
            .choose(r)
            .copied()
            .unwrap_or("110101"),
        r.random_range(1950..2005),
        r.random_range(1..13),
        r.random_range(1..29),
        r.random_range(0..1000)
    );
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip(w)
        .map(|(d, w)| d * w)
        .sum();
    let map = b"10X98765432";
    format!("{body}{}", char::from(map[(sum % 11) as usize]))
}

/// South African identity number (Luhn).
pub fn za_id(r: &mut StdRng) -> String {
    let prefix = format!(
        "{:02}{:02}{:02}{:04}{}8",
        r.random_range(40..100),
        r.random_range(1..13),
        r.random_range(1..29),
        r.random_range(0..10000),
        r.random_range(0..2)
    );
    luhn_number(r, &prefix, 13)
}

/// Belgian national register number YY.MM.DD-SSS.CC.
pub fn belgian_nn(r: &mut StdRng) -> String {
    let yy = r.random_range(40..100);
    let mm = r.random_range(1..13);
    let dd = r.random_range(1..29);
    let seq = r.random_range(1..998);
    let n: u64 = format!("{yy:02}{mm:02}{dd:02}{seq:03}")
        .parse()
        .unwrap_or(0);
    let c = 97 - n % 97;
    format!("{yy:02}.{mm:02}.{dd:02}-{seq:03}.{c:02}")
}

/// A vehicle identification number with its North American check digit.
pub fn vin(r: &mut StdRng) -> String {
    let set = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let value = |c: char| -> u32 {
        match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A' | 'J' => 1,
            'B' | 'K' | 'S' => 2,
            'C' | 'L' | 'T' => 3,
            'D' | 'M' | 'U' => 4,
            'E' | 'N' | 'V' => 5,
            'F' | 'W' => 6,
            'G' | 'P' | 'X' => 7,
            'H' | 'Y' => 8,
            _ => 9, // R, Z
        }
    };
    let w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut chars: Vec<char> = from_set(r, set, 17).chars().collect();
    chars[0] = ['1', '2', '3', '4', '5', 'J', 'W', 'S', 'Y', 'V'][r.random_range(0..10)];
    let sum: u32 = chars.iter().zip(w).map(|(c, w)| value(*c) * w).sum();
    let c = sum % 11;
    chars[8] = if c == 10 {
        'X'
    } else {
        char::from(b'0' + c as u8)
    };
    chars.into_iter().collect()
}

/// An IMEI (14 digits + Luhn).
pub fn imei(r: &mut StdRng) -> String {
    let tac = ["35", "86", "01", "49"].choose(r).copied().unwrap_or("35");
    luhn_number(r, tac, 15)
}

/// A SIM ICCID (89 + Luhn, 19 digits).
pub fn iccid(r: &mut StdRng) -> String {
    luhn_number(r, "89", 19)
}

/// An ABA routing number (3-7-1 weights).
pub fn aba(r: &mut StdRng) -> String {
    loop {
        let mut d = vec![r.random_range(0..3), r.random_range(0..10)];
        d.extend(digits(r, 6));
        let w = [3, 7, 1, 3, 7, 1, 3, 7];
        let sum: u32 = d.iter().zip(w).map(|(d, w)| d * w).sum();
        d.push((10 - sum % 10) % 10);
        if d[0] == 0 && d[1] == 0 {
            continue;
        }
        return s(&d);
    }
}

fn base58(bytes: &[u8]) -> String {
    const A: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut n: Vec<u8> = bytes.to_vec();
    let mut out = Vec::new();
    while n.iter().any(|b| *b != 0) {
        let mut rem = 0u32;
        for b in n.iter_mut() {
            let acc = rem * 256 + *b as u32;
            *b = (acc / 58) as u8;
            rem = acc % 58;
        }
        out.push(A[rem as usize]);
    }
    for b in bytes {
        if *b == 0 {
            out.push(b'1');
        } else {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn base58check(payload: &[u8]) -> String {
    let h = Sha256::digest(Sha256::digest(payload));
    let mut all = payload.to_vec();
    all.extend_from_slice(&h[..4]);
    base58(&all)
}

/// A BIP32 extended private key (mainnet `xprv` or testnet `tprv`).
pub fn extended_key(r: &mut StdRng) -> String {
    let version: [u8; 4] = if r.random_bool(0.5) {
        [0x04, 0x88, 0xAD, 0xE4]
    } else {
        [0x04, 0x35, 0x83, 0x94]
    };
    let mut p = version.to_vec();
    p.push(r.random_range(0..4));
    p.extend((0..8).map(|_| r.random::<u8>()));
    p.extend((0..32).map(|_| r.random::<u8>()));
    p.push(0);
    p.extend((0..32).map(|_| r.random::<u8>()));
    base58check(&p)
}

/// A Bitcoin WIF private key (compressed, mainnet).
pub fn wif(r: &mut StdRng) -> String {
    let mut p = vec![0x80];
    p.extend((0..32).map(|_| r.random::<u8>()));
    p.push(1);
    base58check(&p)
}

/// A BIP39 mnemonic of 12 or 24 words with a valid checksum.
pub fn mnemonic(r: &mut StdRng) -> String {
    let words: Vec<&str> = include_str!("../corpus/bip39_english.txt")
        .lines()
        .collect();
    let bytes = if r.random_bool(0.5) { 16 } else { 32 };
    let entropy: Vec<u8> = (0..bytes).map(|_| r.random::<u8>()).collect();
    let h = Sha256::digest(&entropy);
    let mut bits: Vec<bool> = entropy
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| b >> i & 1 == 1))
        .collect();
    bits.extend((0..8).rev().map(|i| h[0] >> i & 1 == 1).take(bytes / 4));
    bits.chunks(11)
        .map(|c| {
            let i = c.iter().fold(0usize, |a, b| a * 2 + usize::from(*b));
            words.get(i).copied().unwrap_or("abandon")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Standard base64 of `bytes`.
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// URL-safe unpadded base64.
pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `n` random bytes.
pub fn bytes(r: &mut StdRng, n: usize) -> Vec<u8> {
    (0..n).map(|_| r.random::<u8>()).collect()
}
