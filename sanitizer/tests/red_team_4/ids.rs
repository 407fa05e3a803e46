//! National, tax, health and bank identifiers of countries the three
//! earlier corpora leave out, each with the check digits its issuer
//! specifies. `ok = false` gives the same shape with a failing check (the
//! near-miss).

use rand::Rng;
use rand::rngs::StdRng;

use super::r#gen::{aba, birth, d2, digits, from_set, join, luhn_digit, mod11_10, pick, weighted};

/// The check digit `c`, or another one when the near-miss is wanted.
fn fix(r: &mut StdRng, c: u32, ok: bool) -> u32 {
    if ok {
        c
    } else {
        (c + r.random_range(1..10)) % 10
    }
}

/// Austrian social insurance number: `NNNC DDMMYY`, check at place 4.
pub fn at_svnr(r: &mut StdRng, ok: bool) -> String {
    loop {
        let (d, m, y) = birth(r);
        let mut n = vec![
            r.random_range(1..10),
            r.random_range(0..10),
            r.random_range(0..10),
            0,
        ];
        n.extend([d / 10, d % 10, m / 10, m % 10, (y / 10) % 10, y % 10]);
        let c = weighted(&n, &[3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11;
        if c == 10 {
            continue;
        }
        n[3] = fix(r, c, ok);
        let s = join(&n);
        return format!("{} {}", &s[..4], &s[4..]);
    }
}

/// Estonian (and Lithuanian) personal code: `GYYMMDDSSSC`.
pub fn ee_isikukood(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let g = if y < 2000 {
        3 + r.random_range(0..2)
    } else {
        5 + r.random_range(0..2)
    };
    let s = format!(
        "{g}{}{}{}{:03}",
        d2(y),
        d2(m),
        d2(d),
        r.random_range(0..1000)
    );
    let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut c = weighted(&n, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if c == 10 {
        c = weighted(&n, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 % 10;
    }
    format!("{s}{}", fix(r, c, ok))
}

/// Bulgarian EGN: `YYMMDDSSSC`.
pub fn bg_egn(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let mm = if y >= 2000 { m + 40 } else { m };
    let s = format!("{}{}{}{:03}", d2(y), d2(mm), d2(d), r.random_range(0..1000));
    let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let c = weighted(&n, &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10;
    format!("{s}{}", fix(r, c, ok))
}

/// Croatian OIB: ten digits and an ISO 7064 MOD 11,10 check.
pub fn hr_oib(r: &mut StdRng, ok: bool) -> String {
    let mut n = digits(r, 10);
    n[0] = r.random_range(1..10);
    let c = mod11_10(&n);
    format!("{}{}", join(&n), fix(r, c, ok))
}

/// Former-Yugoslav JMBG / Slovenian EMŠO: `DDMMYYYRRBBBK`.
pub fn jmbg(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let region = pick(r, &["71", "72", "50", "80", "91", "10"]);
    let s = format!(
        "{}{}{:03}{region}{:03}",
        d2(d),
        d2(m),
        y % 1000,
        r.random_range(0..1000)
    );
    let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let k = 11 - weighted(&n, &[7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    let k = if k > 9 { 0 } else { k };
    format!("{s}{}", fix(r, k, ok))
}

/// Greek AMKA: `DDMMYY` + four digits + Luhn.
pub fn gr_amka(r: &mut StdRng, ok: bool) -> String {
    let (d, m, y) = birth(r);
    let s = format!("{}{}{}{:04}", d2(d), d2(m), d2(y), r.random_range(0..10000));
    let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let c = luhn_digit(&n);
    format!("{s}{}", fix(r, c, ok))
}

/// Icelandic kennitala: `DDMMYY-RRCK`.
pub fn is_kennitala(r: &mut StdRng, ok: bool) -> String {
    loop {
        let (d, m, y) = birth(r);
        let s = format!("{}{}{}{}", d2(d), d2(m), d2(y), r.random_range(20..100));
        let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        let c = 11 - weighted(&n, &[3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        let c = if c == 11 { 0 } else { c };
        if c == 10 {
            continue;
        }
        let century = if y >= 2000 { 0 } else { 9 };
        return format!("{}-{}{}{century}", &s[..6], &s[6..], fix(r, c, ok));
    }
}

/// Hong Kong identity card: `A123456(3)`.
pub fn hk_hkid(r: &mut StdRng, ok: bool) -> String {
    let l = from_set(r, "ABCDEGHKMPRVYZ", 1);
    let n = digits(r, 6);
    let lv = l.chars().next().map_or(10, |c| c as u32 - 'A' as u32 + 10);
    let sum = 9 * 36 + 8 * lv + weighted(&n, &[7, 6, 5, 4, 3, 2]);
    let c = (11 - sum % 11) % 11;
    let good = match c {
        10 => 'A',
        x => char::from_digit(x, 10).unwrap_or('0'),
    };
    let check = if ok {
        good
    } else {
        let alt = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'A'];
        *alt.iter().find(|a| **a != good).unwrap_or(&'1')
    };
    format!("{l}{}({check})", join(&n))
}

/// Taiwanese national identification number: `A123456789`.
pub fn tw_id(r: &mut StdRng, ok: bool) -> String {
    const CODES: &str = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    let i = r.random_range(0..CODES.len());
    let l = &CODES[i..=i];
    let code = 10 + i as u32;
    let mut n = vec![r.random_range(1..3)];
    n.extend(digits(r, 7));
    let sum = code / 10 + 9 * (code % 10) + weighted(&n, &[8, 7, 6, 5, 4, 3, 2, 1]);
    let c = (10 - sum % 10) % 10;
    format!("{l}{}{}", join(&n), fix(r, c, ok))
}

/// Thai citizen id: 13 digits, dashed `1-2345-67890-12-3` half the time.
pub fn th_id(r: &mut StdRng, ok: bool) -> String {
    let mut n = vec![r.random_range(1..9)];
    n.extend(digits(r, 11));
    let w: Vec<u32> = (2..=13).rev().collect();
    let c = (11 - weighted(&n, &w) % 11) % 10;
    let s = format!("{}{}", join(&n), fix(r, c, ok));
    if r.random_bool(0.5) {
        format!(
            "{}-{}-{}-{}-{}",
            &s[..1],
            &s[1..5],
            &s[5..10],
            &s[10..12],
            &s[12..]
        )
    } else {
        s
    }
}

/// New Zealand IRD number: `123-456-789`.
pub fn nz_ird(r: &mut StdRng, ok: bool) -> String {
    loop {
        let mut n = digits(r, 8);
        n[0] = r.random_range(1..10);
        let check = |w: &[u32]| {
            let rem = weighted(&n, w) % 11;
            if rem == 0 { 0 } else { 11 - rem }
        };
        let mut c = check(&[3, 2, 7, 6, 5, 4, 3, 2]);
        if c == 10 {
            c = check(&[7, 4, 3, 2, 5, 2, 7, 6]);
            if c == 10 {
                continue;
            }
        }
        let s = format!("{}{}", join(&n), fix(r, c, ok));
        return format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]);
    }
}

/// Australian Medicare card number: `2123 45670 1`.
pub fn au_medicare(r: &mut StdRng, ok: bool) -> String {
    let mut n = vec![r.random_range(2..7)];
    n.extend(digits(r, 7));
    let c = weighted(&n, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10;
    let s = join(&n);
    format!(
        "{} {}{} {}",
        &s[..4],
        &s[4..],
        fix(r, c, ok),
        r.random_range(1..10)
    )
}

/// Russian SNILS: `123-456-789 64`.
pub fn ru_snils(r: &mut StdRng, ok: bool) -> String {
    let mut n = digits(r, 9);
    n[0] = r.random_range(1..10);
    let s = weighted(&n, &[9, 8, 7, 6, 5, 4, 3, 2, 1]);
    let c = match s {
        0..=99 => s,
        100 | 101 => 0,
        _ => match s % 101 {
            100 => 0,
            m => m,
        },
    };
    let c = if ok {
        c
    } else {
        (c + r.random_range(1..90)) % 100
    };
    let t = join(&n);
    format!("{}-{}-{} {c:02}", &t[..3], &t[3..6], &t[6..])
}

/// Russian personal INN: 12 digits, two checks.
pub fn ru_inn(r: &mut StdRng, ok: bool) -> String {
    let mut n = digits(r, 10);
    n[0] = r.random_range(1..10);
    let c1 = weighted(&n, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
    n.push(c1);
    let c2 = weighted(&n, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
    n.push(fix(r, c2, ok));
    join(&n)
}

/// Emirates ID: `784-YYYY-NNNNNNN-C`, Luhn over the 15 digits.
pub fn ae_emirates(r: &mut StdRng, ok: bool) -> String {
    let y = r.random_range(1955..2006);
    let body = format!("784{y}{}", join(&digits(r, 7)));
    let n: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    let c = luhn_digit(&n);
    format!("784-{y}-{}-{}", &body[7..], fix(r, c, ok))
}

/// Ecuadorian cédula: province, a third digit below 6, a mod-10 check.
pub fn ec_cedula(r: &mut StdRng, ok: bool) -> String {
    let mut n: Vec<u32> = {
        let p = r.random_range(1..25);
        vec![p / 10, p % 10, r.random_range(0..6)]
    };
    n.extend(digits(r, 6));
    let s: u32 = n
        .iter()
        .zip([2, 1, 2, 1, 2, 1, 2, 1, 2])
        .map(|(d, w)| {
            let p = d * w;
            if p > 9 { p - 9 } else { p }
        })
        .sum();
    let c = (10 - s % 10) % 10;
    format!("{}{}", join(&n), fix(r, c, ok))
}

/// Brazilian CNPJ: `12.345.678/0001-95`.
pub fn br_cnpj(r: &mut StdRng, ok: bool) -> String {
    let mut n = digits(r, 8);
    n.extend([0, 0, 0, 1]);
    let check = |n: &[u32], w: &[u32]| {
        let rem = weighted(n, w) % 11;
        if rem < 2 { 0 } else { 11 - rem }
    };
    let c1 = check(&n, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    n.push(c1);
    let c2 = check(&n, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    n.push(fix(r, c2, ok));
    let s = join(&n);
    format!(
        "{}.{}.{}/{}-{}",
        &s[..2],
        &s[2..5],
        &s[5..8],
        &s[8..12],
        &s[12..]
    )
}

/// Mexican CLABE: 18 digits, weights 3, 7, 1.
pub fn mx_clabe(r: &mut StdRng, ok: bool) -> String {
    let bank = pick(r, &["002", "012", "014", "021", "072", "127"]);
    let mut n: Vec<u32> = bank.chars().filter_map(|c| c.to_digit(10)).collect();
    n.extend(digits(r, 14));
    let s: u32 = n
        .iter()
        .zip([3, 7, 1].iter().cycle())
        .map(|(d, w)| d * w % 10)
        .sum();
    let c = (10 - s % 10) % 10;
    format!("{}{}", join(&n), fix(r, c, ok))
}

/// EU VAT numbers of sole traders (DE, IT, BE).
pub fn eu_vat(r: &mut StdRng, ok: bool) -> String {
    match r.random_range(0..3) {
        0 => {
            let mut n = digits(r, 8);
            n[0] = r.random_range(1..10);
            let c = mod11_10(&n);
            format!("DE{}{}", join(&n), fix(r, c, ok))
        }
        1 => {
            let n = digits(r, 10);
            let c = luhn_digit(&n);
            format!("IT{}{}", join(&n), fix(r, c, ok))
        }
        _ => {
            let n: u64 = r.random_range(2_000_000..9_999_999);
            let c = 97 - (n % 97);
            let c = if ok { c } else { (c + 13) % 97 };
            format!("BE0{n}{c:02}")
        }
    }
}

/// Polish NIP: `123-456-78-19`.
pub fn pl_nip(r: &mut StdRng, ok: bool) -> String {
    loop {
        let mut n = digits(r, 9);
        n[0] = r.random_range(1..10);
        let c = weighted(&n, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
        if c == 10 {
            continue;
        }
        let s = format!("{}{}", join(&n), fix(r, c, ok));
        return format!("{}-{}-{}-{}", &s[..3], &s[3..6], &s[6..8], &s[8..]);
    }
}

/// Polish identity card (dowód osobisty): `ABC` + check + five digits.
pub fn pl_dowod(r: &mut StdRng, ok: bool) -> String {
    let l = from_set(r, "ABCDEFGHJKLMNPRSTUVWXYZ", 3);
    let n = digits(r, 5);
    let lv: Vec<u32> = l.chars().map(|c| c as u32 - 'A' as u32 + 10).collect();
    let s = weighted(&lv, &[7, 3, 1]) + weighted(&n, &[7, 3, 1, 7, 3]);
    format!("{l}{}{}", fix(r, s % 10, ok), join(&n))
}

/// German identity card number: nine characters and a 7-3-1 check.
pub fn de_ausweis(r: &mut StdRng, ok: bool) -> String {
    let first = from_set(r, "CFGHJKLMNPRTVWXYZ", 1);
    let rest = from_set(r, "CFGHJKLMNPRTVWXYZ0123456789", 8);
    let s = format!("{first}{rest}");
    let v: Vec<u32> = s
        .chars()
        .map(|c| c.to_digit(10).unwrap_or_else(|| c as u32 - 'A' as u32 + 10))
        .collect();
    let c = weighted(&v, &[7, 3, 1, 7, 3, 1, 7, 3, 1]) % 10;
    format!("{s}{}", fix(r, c, ok))
}

/// Spanish social security number (NUSS): `28 12345678 40`.
pub fn es_nuss(r: &mut StdRng, ok: bool) -> String {
    let p: u64 = r.random_range(1..53);
    let n: u64 = r.random_range(10_000_000..99_999_999);
    let c = (p * 100_000_000 + n) % 97;
    let c = if ok { c } else { (c + 11) % 97 };
    let sep = pick(r, &[" ", "/", ""]);
    format!("{p:02}{sep}{n}{sep}{c:02}")
}

/// UK Unique Taxpayer Reference: ten digits, the first a check.
pub fn uk_utr(r: &mut StdRng, ok: bool) -> String {
    let n = digits(r, 9);
    let c = [2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1]
        [(weighted(&n, &[6, 7, 8, 9, 10, 5, 4, 3, 2]) % 11) as usize];
    format!("{}{}", fix(r, c, ok), join(&n))
}

/// Latvian personal code: `DDMMYY-CNNNK`.
pub fn lv_kods(r: &mut StdRng, ok: bool) -> String {
    loop {
        let (d, m, y) = birth(r);
        let century = if y >= 2000 { 2 } else { 1 };
        let s = format!(
            "{}{}{}{century}{:03}",
            d2(d),
            d2(m),
            d2(y),
            r.random_range(0..1000)
        );
        let n: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        let c =
            (1101 - weighted(&n, &[1, 6, 3, 7, 9, 10, 5, 8, 4, 2]) as i64).rem_euclid(11) as u32;
        if c == 10 {
            continue;
        }
        return format!("{}-{}{}", &s[..6], &s[6..], fix(r, c, ok));
    }
}

/// A US ABA routing number (public: it names a bank, not a person).
pub fn us_aba(r: &mut StdRng) -> String {
    let mut n = vec![0, r.random_range(1..10)];
    n.extend(digits(r, 6));
    let c = aba(&n);
    format!("{}{c}", join(&n))
}

/// A Luhn-valid card number of one of the big networks.
pub fn pan(r: &mut StdRng) -> String {
    let mut n: Vec<u32> = match r.random_range(0..3) {
        0 => vec![4],
        1 => vec![5, r.random_range(1..6)],
        _ => vec![2, 2, 2, r.random_range(1..10)],
    };
    while n.len() < 15 {
        n.push(r.random_range(0..10));
    }
    let c = luhn_digit(&n);
    n.push(c);
    join(&n)
}

/// A Luhn-valid IMEI.
pub fn imei(r: &mut StdRng) -> String {
    let mut n: Vec<u32> = vec![3, 5];
    n.extend(digits(r, 12));
    let c = luhn_digit(&n);
    n.push(c);
    join(&n)
}

/// A valid ISBN-13, hyphenated.
pub fn isbn13(r: &mut StdRng) -> String {
    let mut n = vec![9, 7, 8, r.random_range(0..2)];
    n.extend(digits(r, 8));
    let s: u32 = n
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    let c = (10 - s % 10) % 10;
    let t = join(&n);
    format!("{}-{}-{}-{}-{c}", &t[..3], &t[3..4], &t[4..7], &t[7..12])
}
