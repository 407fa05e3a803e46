//! Identifiers whose usual label is too short to trust alone: `p.k.`
//! (Latvian *personas kods*), `naf` (Spanish social security number,
//! *número de afiliación*), `ird` (New Zealand IRD number) and `kt.`
//! (Icelandic *kennitala*) are also a primary key, a French activity code,
//! the end of `third` and an abbreviation of knots. A key rule's word can
//! name one of these checks (`ird=nz-ird`, see `keys.rs`): the word then
//! announces a value only when the value has the identifier's shape and
//! its check digits hold, so `pk: 42` and `naf: 6201Z` stay.
//!
//! The same holds for the short labels of identifiers from further away
//! (`ein`, `mbi`, `ci`, `ic`, `nik`, `nin`, `psn`, `nic`, `gst`, `pis`,
//! `nit`, `epic`, `kra`, `nid`, `hcn`, `rfc`, `ruc`, `rif`, `rnc`, `run`,
//! `dui`, `ak`, `taj`, `cc`, `iin`, `phn`, `a-number`): `CI: true`,
//! `CI=1`, `IC: LM317`, `epic: PROJ-12`, `RFC: 7231` and `cc: bob@x.io`
//! stay, `CI: 1.234.567-2` goes. A label several countries use names
//! each one's check (`nit=br-pis+co-nit`, [`IdChecks`]). Their validators
//! are in `americas.rs`, `latam.rs`, `europe.rs`, `asia_pacific.rs` and
//! `mena_africa.rs`; where an
//! issuer publishes no check digit, the documented structure (region
//! codes, a date of birth, letters and digits in their places) is what
//! is checked.

use std::fmt;

use super::{americas, asia_pacific, europe, latam, mena_africa};

/// A check a value must pass before a guarded key word announces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdCheck {
    /// Latvian personal code: `DDMMYY-CNNNK` with a valid date, century
    /// digit and mod-11 check digit, or the newer `32NNNN-NNNNN` (which
    /// has no check digit, so only with its dash).
    LvPersonalCode,
    /// Spanish social security number (NUSS): a province `01`–`53` or
    /// `66`, seven or eight digits and two mod-97 check digits, written
    /// together or with the same separator (`28 12345678 40`,
    /// `28/12345678/40`).
    EsNuss,
    /// New Zealand IRD number: eight or nine digits from 10,000,000 with
    /// the mod-11 check digit (and its second weighting), bare or
    /// `123-456-789`.
    NzIrd,
    /// Icelandic kennitala: `DDMMYY-RRCM` with a valid day (or day + 40
    /// for a company), month, mod-11 check digit and century digit.
    IsKennitala,
    /// Canadian social insurance number (French *NAS*): nine digits with
    /// the Luhn check, bare or in groups of three (`046 454 286`).
    CaSin,
    /// A 256-bit key or MAC in hex: 64 hex digits (an Ethereum keystore's
    /// `mac`), for a label that is also a MAC address's (`mac`).
    Hex256,
    /// US employer identification number, `12-3456789`, with an assigned
    /// prefix (`ein`, `fein`: also German words).
    UsEin,
    /// US Medicare beneficiary identifier, its characters in their
    /// classes (`mbi`).
    UsMbi,
    /// Ontario health card number, Luhn valid, perhaps with its version
    /// code (`hcn`).
    CaOnHealth,
    /// Uruguayan cédula, `1.234.567-2`, with its check digit (`ci`: also
    /// continuous integration).
    UyCedula,
    /// Brazilian PIS/PASEP/NIT, `123.45678.90-1`, with its check digit
    /// (`pis`, `nit`, `nis`: also other countries' numbers).
    BrPis,
    /// Indian GSTIN with its mod 36 check character (`gst`).
    InGstin,
    /// Indian voter id, three letters and seven digits (`epic`: also a
    /// kind of ticket).
    InEpic,
    /// Pakistani CNIC, `12345-1234567-1` (`nic`).
    PkCnic,
    /// Indonesian NIK: region codes and a date of birth (`nik`: also a
    /// first name).
    IdNik,
    /// Malaysian MyKad number, `YYMMDD-PB-###G` (`ic`: also an
    /// integrated circuit; `kp`).
    MyKad,
    /// Philippine PhilSys number, sixteen digits (`psn`, `pcn`).
    PhPsn,
    /// Japanese residence card number, `AB12345678CD`.
    JpResidenceCard,
    /// New Zealand NHI number, old or new format, with its check.
    NzNhi,
    /// Iranian national code with its mod 11 check digit (`melli`).
    IrNationalCode,
    /// Saudi national id or iqama number, Luhn valid.
    SaNationalId,
    /// Egyptian national id: century, date of birth, governorate (`nid`).
    EgNationalId,
    /// Nigerian NIN or BVN, eleven digits (`nin`).
    NgNin,
    /// Kenyan KRA PIN, `A123456789Z` (`kra`).
    KeKraPin,
    /// US ABA routing number with its check digit (`routing`: also a
    /// network's routes).
    UsAba,
    /// Mexican RFC with its check character (`rfc`: also a Request for
    /// Comments).
    MxRfc,
    /// Colombian NIT with its check digit (`nit`, with `br-pis`).
    CoNit,
    /// Peruvian RUC with its check digit (`ruc`).
    PeRuc,
    /// Ecuadorian RUC: a cédula or a company number with its check, and
    /// an establishment (`ruc`, with `pe-ruc`).
    EcRuc,
    /// Venezuelan RIF, `V-12345678-9`, with its check digit (`rif`).
    VeRif,
    /// Dominican cédula, `001-1234567-8`, Luhn valid.
    DoCedula,
    /// Dominican RNC with its check digit (`rnc`).
    DoRnc,
    /// Chilean RUT or RUN with its check character, written with its dash
    /// (`run`: also a verb).
    ClRut,
    /// Salvadoran DUI, `12345678-9`, with its check digit (`dui`: also
    /// driving under the influence).
    SvDui,
    /// Polish REGON, nine or fourteen digits, with its check digits
    /// (`regon`, found inside `oregon` too).
    PlRegon,
    /// Lithuanian or Estonian personal code: a century digit, a date of
    /// birth and the check digit (`ak`: also Alaska, a rifle).
    LtPersonalCode,
    /// Hungarian TAJ number with its check digit (`taj`).
    HuTaj,
    /// Hungarian tax identification number (adóazonosító jel) with its
    /// check digit.
    HuTax,
    /// German pension insurance number (RVNR), `12 150680 A 123`, with
    /// its check digit.
    DeRvnr,
    /// German health insurance number (KVNR), `A123456780`, with its
    /// check digit.
    DeKvnr,
    /// Portuguese Cartão de Cidadão number, `12345678 9 ZZ1`, with its
    /// check characters (`cc`: also a carbon copy).
    PtCc,
    /// Ukrainian RNOKPP with its check digit.
    UaRnokpp,
    /// Kazakh IIN: a date of birth, a century digit and the check digit
    /// (`iin`: also a card's issuer identification number).
    KzIin,
    /// British Columbia personal health number with its check digit
    /// (`phn`: also short for phone).
    CaBcPhn,
    /// Sri Lankan NIC, old (`853400937V`) or new (twelve digits), with a
    /// day of the year of birth (`nic`, with `pk-cnic`).
    LkNic,
    /// US alien registration number, `A` and eight or nine digits
    /// (`a_number`: also inside `area_number`; `uscis`).
    UsANumber,
    /// Guatemalan NIT, `576937-K`, with its check character (`nit`).
    GtNit,
    /// Paraguayan RUC, `80028061-0`, with its check digit (`ruc`).
    PyRuc,
}

impl IdCheck {
    /// Every check, for parsing their names.
    pub(crate) const ALL: [IdCheck; 48] = [
        IdCheck::LvPersonalCode,
        IdCheck::EsNuss,
        IdCheck::NzIrd,
        IdCheck::IsKennitala,
        IdCheck::CaSin,
        IdCheck::Hex256,
        IdCheck::UsEin,
        IdCheck::UsMbi,
        IdCheck::CaOnHealth,
        IdCheck::UyCedula,
        IdCheck::BrPis,
        IdCheck::InGstin,
        IdCheck::InEpic,
        IdCheck::PkCnic,
        IdCheck::IdNik,
        IdCheck::MyKad,
        IdCheck::PhPsn,
        IdCheck::JpResidenceCard,
        IdCheck::NzNhi,
        IdCheck::IrNationalCode,
        IdCheck::SaNationalId,
        IdCheck::EgNationalId,
        IdCheck::NgNin,
        IdCheck::KeKraPin,
        IdCheck::UsAba,
        IdCheck::MxRfc,
        IdCheck::CoNit,
        IdCheck::PeRuc,
        IdCheck::EcRuc,
        IdCheck::VeRif,
        IdCheck::DoCedula,
        IdCheck::DoRnc,
        IdCheck::ClRut,
        IdCheck::SvDui,
        IdCheck::PlRegon,
        IdCheck::LtPersonalCode,
        IdCheck::HuTaj,
        IdCheck::HuTax,
        IdCheck::DeRvnr,
        IdCheck::DeKvnr,
        IdCheck::PtCc,
        IdCheck::UaRnokpp,
        IdCheck::KzIin,
        IdCheck::CaBcPhn,
        IdCheck::LkNic,
        IdCheck::UsANumber,
        IdCheck::GtNit,
        IdCheck::PyRuc,
    ];

    /// The check's name in a key pattern (`ird=nz-ird`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            IdCheck::LvPersonalCode => "lv-personal-code",
            IdCheck::EsNuss => "es-nuss",
            IdCheck::NzIrd => "nz-ird",
            IdCheck::IsKennitala => "is-kennitala",
            IdCheck::CaSin => "ca-sin",
            IdCheck::Hex256 => "hex-256",
            IdCheck::UsEin => "us-ein",
            IdCheck::UsMbi => "us-mbi",
            IdCheck::CaOnHealth => "ca-on-health",
            IdCheck::UyCedula => "uy-cedula",
            IdCheck::BrPis => "br-pis",
            IdCheck::InGstin => "in-gstin",
            IdCheck::InEpic => "in-epic",
            IdCheck::PkCnic => "pk-cnic",
            IdCheck::IdNik => "id-nik",
            IdCheck::MyKad => "my-kad",
            IdCheck::PhPsn => "ph-psn",
            IdCheck::JpResidenceCard => "jp-residence-card",
            IdCheck::NzNhi => "nz-nhi",
            IdCheck::IrNationalCode => "ir-national-code",
            IdCheck::SaNationalId => "sa-national-id",
            IdCheck::EgNationalId => "eg-national-id",
            IdCheck::NgNin => "ng-nin",
            IdCheck::KeKraPin => "ke-kra-pin",
            IdCheck::UsAba => "us-aba",
            IdCheck::MxRfc => "mx-rfc",
            IdCheck::CoNit => "co-nit",
            IdCheck::PeRuc => "pe-ruc",
            IdCheck::EcRuc => "ec-ruc",
            IdCheck::VeRif => "ve-rif",
            IdCheck::DoCedula => "do-cedula",
            IdCheck::DoRnc => "do-rnc",
            IdCheck::ClRut => "cl-rut",
            IdCheck::SvDui => "sv-dui",
            IdCheck::PlRegon => "pl-regon",
            IdCheck::LtPersonalCode => "lt-personal-code",
            IdCheck::HuTaj => "hu-taj",
            IdCheck::HuTax => "hu-tax",
            IdCheck::DeRvnr => "de-rvnr",
            IdCheck::DeKvnr => "de-kvnr",
            IdCheck::PtCc => "pt-cc",
            IdCheck::UaRnokpp => "ua-rnokpp",
            IdCheck::KzIin => "kz-iin",
            IdCheck::CaBcPhn => "ca-bc-phn",
            IdCheck::LkNic => "lk-nic",
            IdCheck::UsANumber => "us-a-number",
            IdCheck::GtNit => "gt-nit",
            IdCheck::PyRuc => "py-ruc",
        }
    }

    /// The names of every check, comma separated, for error messages.
    pub(crate) fn known() -> String {
        IdCheck::ALL.map(IdCheck::name).join(", ")
    }

    /// Whether identifiers of this kind have letters as well as digits.
    fn has_letters(self) -> bool {
        matches!(
            self,
            IdCheck::UsMbi
                | IdCheck::CaOnHealth
                | IdCheck::InGstin
                | IdCheck::InEpic
                | IdCheck::JpResidenceCard
                | IdCheck::NzNhi
                | IdCheck::KeKraPin
                | IdCheck::MxRfc
                | IdCheck::VeRif
                | IdCheck::ClRut
                | IdCheck::DeRvnr
                | IdCheck::DeKvnr
                | IdCheck::PtCc
                | IdCheck::LkNic
                | IdCheck::UsANumber
                | IdCheck::GtNit
        )
    }

    /// The check named `name`, if there is one.
    pub(crate) fn named(name: &str) -> Option<IdCheck> {
        IdCheck::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether all of `value` (spaces around it aside) is an identifier
    /// of this kind.
    pub(crate) fn accepts(self, value: &str) -> bool {
        let v = value.trim();
        self.prefix_len(v) == Some(v.len())
    }

    /// The length of the identifier of this kind that `value` starts
    /// with, when it is followed by nothing or by something else than a
    /// letter or digit (`49 50607996 81 Bei Rückfragen` holds a NUSS of 14
    /// bytes). Each way of ending the number after one of its groups is
    /// tried, longest first.
    pub(crate) fn prefix_len(self, value: &str) -> Option<usize> {
        let bytes = value.as_bytes();
        if self == IdCheck::Hex256 {
            let hex = bytes.iter().take_while(|b| b.is_ascii_hexdigit()).count();
            let alone = bytes.get(hex).is_none_or(|b| !b.is_ascii_alphanumeric());
            return (hex == 64 && alone).then_some(64);
        }
        let letters = self.has_letters();
        let part = |b: u8| b.is_ascii_digit() || (letters && b.is_ascii_alphabetic());
        let mut run = 0;
        while run < bytes.len().min(MAX_LEN) && (is_number_byte(bytes[run]) || part(bytes[run])) {
            run += 1;
        }
        // An end after a character of the identifier and before no letter
        // or digit: glued to either, the value is something longer.
        (1..=run)
            .rev()
            .filter(|&end| {
                part(bytes[end - 1]) && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
            })
            .find(|&end| self.valid(&value[..end]))
    }

    /// The length of the base64 token `value` starts with, when it
    /// decodes to an identifier of this kind (LDIF writes a value that
    /// way after `::`).
    pub(crate) fn base64_len(self, value: &str) -> Option<usize> {
        use base64::Engine as _;
        let len = value
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            .count();
        if !(12..=32).contains(&len) {
            return None;
        }
        let decoded = crate::detect::engine(false).decode(&value[..len]).ok()?;
        let text = std::str::from_utf8(&decoded).ok()?;
        self.accepts(text).then_some(len)
    }

    /// Whether `s` (digits and separators only) is an identifier of this
    /// kind.
    fn valid(self, s: &str) -> bool {
        match self {
            IdCheck::LvPersonalCode => lv_personal_code(s),
            IdCheck::EsNuss => es_nuss(s),
            IdCheck::NzIrd => nz_ird(s),
            IdCheck::IsKennitala => is_kennitala(s),
            IdCheck::CaSin => ca_sin(s),
            IdCheck::Hex256 => s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()),
            IdCheck::UsEin => americas::us_ein(s),
            IdCheck::UsMbi => americas::us_mbi(s),
            IdCheck::CaOnHealth => americas::ca_on_health(s),
            IdCheck::UyCedula => americas::uy_cedula(s),
            IdCheck::BrPis => americas::br_pis(s),
            IdCheck::InGstin => asia_pacific::in_gstin(s),
            IdCheck::InEpic => asia_pacific::in_epic(s),
            IdCheck::PkCnic => asia_pacific::pk_cnic(s),
            IdCheck::IdNik => asia_pacific::id_nik(s),
            IdCheck::MyKad => asia_pacific::my_kad(s),
            IdCheck::PhPsn => asia_pacific::ph_psn(s),
            IdCheck::JpResidenceCard => asia_pacific::jp_residence_card(s),
            IdCheck::NzNhi => asia_pacific::nz_nhi(s),
            IdCheck::IrNationalCode => mena_africa::ir_national_code(s),
            IdCheck::SaNationalId => mena_africa::sa_national_id(s),
            IdCheck::EgNationalId => mena_africa::eg_national_id(s, false),
            IdCheck::NgNin => mena_africa::ng_nin(s),
            IdCheck::KeKraPin => mena_africa::ke_kra_pin(s),
            IdCheck::UsAba => americas::us_aba(s),
            IdCheck::MxRfc => latam::mx_rfc(s),
            IdCheck::CoNit => latam::co_nit(s),
            IdCheck::PeRuc => latam::pe_ruc(s),
            IdCheck::EcRuc => latam::ec_ruc(s),
            IdCheck::VeRif => latam::ve_rif(s),
            IdCheck::DoCedula => latam::do_cedula(s),
            IdCheck::DoRnc => latam::do_rnc(s),
            IdCheck::ClRut => latam::cl_rut(s),
            IdCheck::SvDui => latam::sv_dui(s),
            IdCheck::PlRegon => europe::pl_regon(s),
            IdCheck::LtPersonalCode => europe::lt_personal_code(s),
            IdCheck::HuTaj => europe::hu_taj(s),
            IdCheck::HuTax => europe::hu_tax(s),
            IdCheck::DeRvnr => europe::de_rvnr(s),
            IdCheck::DeKvnr => europe::de_kvnr(s),
            IdCheck::PtCc => europe::pt_cc(s),
            IdCheck::UaRnokpp => europe::ua_rnokpp(s),
            IdCheck::KzIin => europe::kz_iin(s),
            IdCheck::CaBcPhn => americas::ca_bc_phn(s),
            IdCheck::LkNic => asia_pacific::lk_nic(s),
            IdCheck::UsANumber => americas::us_a_number(s),
            IdCheck::GtNit => latam::gt_nit(s),
            IdCheck::PyRuc => latam::py_ruc(s),
        }
    }
}

impl fmt::Display for IdCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The checks a key word names, one or several: a label that several
/// countries use names each of their identifiers, joined by `+`
/// (`nit=br-pis+co-nit`: Brazil's PIS/NIT and Colombia's NIT;
/// `nic=pk-cnic+lk-nic`), and a value passing any of them is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IdChecks(u64);

// Each check is one bit of an `IdChecks`.
const _: () = assert!(IdCheck::ALL.len() <= 64);

impl IdChecks {
    /// The checks named in `names` (`br-pis+co-nit`), if each exists.
    pub(crate) fn named(names: &str) -> Option<IdChecks> {
        let mut bits = 0u64;
        for name in names.split('+') {
            let check = IdCheck::named(name.trim())?;
            let at = IdCheck::ALL.iter().position(|c| *c == check)?;
            bits |= 1 << at;
        }
        Some(IdChecks(bits))
    }

    /// The checks of both sets.
    pub(crate) fn union(self, other: IdChecks) -> IdChecks {
        IdChecks(self.0 | other.0)
    }

    /// Each check of the set.
    fn each(self) -> impl Iterator<Item = IdCheck> {
        IdCheck::ALL
            .into_iter()
            .enumerate()
            .filter(move |(at, _)| self.0 >> at & 1 == 1)
            .map(|(_, c)| c)
    }

    /// Whether all of `value` is an identifier one of the checks accepts.
    pub(crate) fn accepts(self, value: &str) -> bool {
        self.each().any(|c| c.accepts(value))
    }

    /// The longest identifier one of the checks finds at the start of
    /// `value` (see [`IdCheck::prefix_len`]).
    pub(crate) fn prefix_len(self, value: &str) -> Option<usize> {
        self.each().filter_map(|c| c.prefix_len(value)).max()
    }

    /// The length of the base64 token `value` starts with, when it
    /// decodes to an identifier one of the checks accepts.
    pub(crate) fn base64_len(self, value: &str) -> Option<usize> {
        self.each().find_map(|c| c.base64_len(value))
    }
}

/// The longest identifier looked at, separators included.
const MAX_LEN: usize = 24;

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'/' | b'.')
}

/// The digits of `s` as numbers, and the separators between them as
/// `(position in the digits, separator)`.
fn split(s: &str) -> (Vec<u32>, Vec<(usize, u8)>) {
    let mut digits = Vec::with_capacity(s.len());
    let mut seps = Vec::new();
    for b in s.bytes() {
        if b.is_ascii_digit() {
            digits.push(u32::from(b - b'0'));
        } else {
            seps.push((digits.len(), b));
        }
    }
    (digits, seps)
}

/// Whether the separators are exactly one `sep` (any of `allowed`) after
/// each of the digit counts in `at`, or none at all.
fn grouped(seps: &[(usize, u8)], at: &[usize], allowed: &[u8]) -> bool {
    seps.is_empty()
        || (seps.len() == at.len()
            && seps
                .iter()
                .zip(at)
                .all(|(&(pos, b), &want)| pos == want && allowed.contains(&b) && b == seps[0].1))
}

fn weighted(ds: &[u32], weights: &[u32]) -> u32 {
    ds.iter().zip(weights).map(|(d, w)| d * w).sum()
}

fn pair(ds: &[u32], at: usize) -> u32 {
    ds[at] * 10 + ds[at + 1]
}

fn ca_sin(s: &str) -> bool {
    let (ds, seps) = split(s);
    ds.len() == 9 && grouped(&seps, &[3, 6], b" -") && crate::detect::luhn_valid(s)
}

fn lv_personal_code(s: &str) -> bool {
    let (ds, seps) = split(s);
    if ds.len() != 11 || !grouped(&seps, &[6], b"-") {
        return false;
    }
    // The newer codes carry no date and no check digit: their prefix and
    // dash are all there is to go by.
    if ds[0] == 3 && ds[1] == 2 {
        return seps.len() == 1;
    }
    let (day, month) = (pair(&ds, 0), pair(&ds, 2));
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) || ds[6] > 2 {
        return false;
    }
    let sum = weighted(&ds, &[1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
    let check = (1101 - sum as i64).rem_euclid(11);
    check < 10 && check == i64::from(ds[10])
}

fn es_nuss(s: &str) -> bool {
    let (ds, seps) = split(s);
    if !(11..=12).contains(&ds.len()) || !grouped(&seps, &[2, ds.len() - 2], b" /-") {
        return false;
    }
    // Eleven digits only when the middle group is written apart (a
    // seven-digit number).
    if ds.len() == 11 && seps.is_empty() {
        return false;
    }
    let province = pair(&ds, 0);
    if !((1..=53).contains(&province) || province == 66) {
        return false;
    }
    let number = ds[2..ds.len() - 2]
        .iter()
        .fold(0u64, |n, &d| n * 10 + u64::from(d));
    let check = u64::from(pair(&ds, ds.len() - 2));
    let body = if number < 10_000_000 {
        u64::from(province) * 10_000_000 + number
    } else {
        u64::from(province) * 100_000_000 + number
    };
    body % 97 == check
}

fn nz_ird(s: &str) -> bool {
    let (ds, seps) = split(s);
    if !(8..=9).contains(&ds.len()) || !grouped(&seps, &[ds.len() - 6, ds.len() - 3], b"- ") {
        return false;
    }
    let mut padded = vec![0; 9 - ds.len()];
    padded.extend(&ds);
    let value = padded.iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    if value < 10_000_000 {
        return false;
    }
    let (base, check) = (&padded[..8], padded[8]);
    let digit = |weights: &[u32]| match weighted(base, weights) % 11 {
        0 => 0,
        r => 11 - r,
    };
    let mut c = digit(&[3, 2, 7, 6, 5, 4, 3, 2]);
    if c == 10 {
        c = digit(&[7, 4, 3, 2, 5, 2, 7, 6]);
    }
    c < 10 && c == check
}

fn is_kennitala(s: &str) -> bool {
    let (ds, seps) = split(s);
    if ds.len() != 10 || !grouped(&seps, &[6], b"-") {
        return false;
    }
    let (day, month) = (pair(&ds, 0), pair(&ds, 2));
    let day_ok = (1..=31).contains(&day) || (41..=71).contains(&day);
    if !day_ok || !(1..=12).contains(&month) || !matches!(ds[9], 0 | 8 | 9) {
        return false;
    }
    let check = match 11 - weighted(&ds, &[3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
        11 => 0,
        c => c,
    };
    check < 10 && check == ds[8]
}

#[cfg(test)]
mod tests {
    use super::IdCheck;
    use proptest::prelude::*;

    fn weighted(ds: &[u32], weights: &[u32]) -> u32 {
        ds.iter().zip(weights).map(|(d, w)| d * w).sum()
    }

    fn digits(s: &str) -> Vec<u32> {
        s.bytes().map(|b| u32::from(b - b'0')).collect()
    }

    /// A Latvian code for `body` (ten digits), with its check digit.
    fn lv(body: &str) -> Option<String> {
        let c = (1101 - i64::from(weighted(&digits(body), &[1, 6, 3, 7, 9, 10, 5, 8, 4, 2])))
            .rem_euclid(11);
        (c < 10).then(|| format!("{}-{}{c}", &body[..6], &body[6..]))
    }

    /// A kennitala for `body` (eight digits) and century digit.
    fn kt(body: &str, century: u32) -> Option<String> {
        let c = match 11 - weighted(&digits(body), &[3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
            11 => 0,
            c => c,
        };
        (c < 10).then(|| format!("{}-{}{c}{century}", &body[..6], &body[6..]))
    }

    /// The last digit of `s` changed.
    fn corrupt(s: &str) -> String {
        let mut out = s.to_owned();
        let last = out.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
        out.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        out
    }

    #[test]
    fn canadian_sins_after_nas() {
        for sin in ["046 454 286", "046-454-286", "046454286"] {
            assert!(IdCheck::CaSin.accepts(sin), "{sin}");
        }
        for not in [
            "046 454 287",
            "046 45 4286",
            "04645428",
            "nas_type",
            "046 454-286",
        ] {
            assert!(!IdCheck::CaSin.accepts(not), "{not}");
        }
    }

    #[test]
    fn latvian_codes_old_and_new() {
        let mut found = 0;
        for body in ["0703851234", "2512992004", "1411600871", "3001071555"] {
            if let Some(code) = lv(body) {
                assert!(IdCheck::LvPersonalCode.accepts(&code), "{code}");
                assert!(IdCheck::LvPersonalCode.accepts(&code.replace('-', "")));
                assert!(!IdCheck::LvPersonalCode.accepts(&corrupt(&code)), "{code}");
                found += 1;
            }
        }
        assert!(found >= 3);
        assert!(IdCheck::LvPersonalCode.accepts("321234-56789"));
        // The new format has nothing to check but its dash.
        assert!(!IdCheck::LvPersonalCode.accepts("32123456789"));
        // Not a date; a primary key; a century digit past 2.
        assert!(!IdCheck::LvPersonalCode.accepts("451399-12345"));
        assert!(!IdCheck::LvPersonalCode.accepts("42"));
        assert!(!IdCheck::LvPersonalCode.accepts("010190-51234"));
    }

    #[test]
    fn spanish_nuss_in_its_writings() {
        // 28 1234567 + check: 28 * 10^7 + 1234567 = 281234567, % 97.
        let short = 281_234_567u64 % 97;
        let long = 2_812_345_678u64 % 97;
        for v in [
            format!("28 12345678 {long:02}"),
            format!("28/12345678/{long:02}"),
            format!("2812345678{long:02}"),
            format!("28 1234567 {short:02}"),
        ] {
            assert!(IdCheck::EsNuss.accepts(&v), "{v}");
            assert!(!IdCheck::EsNuss.accepts(&corrupt(&v)), "{v}");
        }
        // Mixed separators, a province that does not exist, an activity
        // code.
        assert!(!IdCheck::EsNuss.accepts(&format!("28 12345678/{long:02}")));
        assert!(!IdCheck::EsNuss.accepts("99 12345678 01"));
        assert!(!IdCheck::EsNuss.accepts("6201Z"));
    }

    #[test]
    fn nz_ird_with_both_weightings() {
        // 49-091-850: weights 3,2,7,6,5,4,3,2 on 04909185 give 154,
        // which 11 divides: the check digit is 0.
        assert!(IdCheck::NzIrd.accepts("49-091-850"));
        assert!(IdCheck::NzIrd.accepts("049091850"));
        assert!(IdCheck::NzIrd.accepts("49091850"));
        assert!(IdCheck::NzIrd.accepts("49 091 850"));
        assert!(!IdCheck::NzIrd.accepts("49-091-851"));
        assert!(!IdCheck::NzIrd.accepts("49-091 850"));
        // 136410132: the first weighting gives 10, the second 2.
        let base = digits("13641013");
        let first = 11 - weighted(&base, &[3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        assert_eq!(first, 10);
        let second = 11 - weighted(&base, &[7, 4, 3, 2, 5, 2, 7, 6]) % 11;
        let ird = format!("136-410-13{second}");
        assert!(IdCheck::NzIrd.accepts(&ird), "{ird}");
        // Below the first number issued; a job number; a date.
        assert!(!IdCheck::NzIrd.accepts("00-000-000"));
        assert!(!IdCheck::NzIrd.accepts("359-702-413"));
        assert!(!IdCheck::NzIrd.accepts("2024-11-05"));
    }

    #[test]
    fn icelandic_kennitala_people_and_companies() {
        let mut found = 0;
        for (body, century) in [("12118637", 9), ("02078537", 9), ("43100512", 0)] {
            if let Some(kt) = kt(body, century) {
                assert!(IdCheck::IsKennitala.accepts(&kt), "{kt}");
                assert!(IdCheck::IsKennitala.accepts(&kt.replace('-', "")), "{kt}");
                // The check digit is the ninth; the tenth, the century,
                // may be 8, 9 or 0.
                let mut bad = kt.clone();
                let check = bad.remove(9).to_digit(10).unwrap_or(0);
                bad.insert(9, char::from_digit((check + 1) % 10, 10).unwrap_or('0'));
                assert!(!IdCheck::IsKennitala.accepts(&bad), "{bad}");
                found += 1;
            }
        }
        assert!(found >= 2);
        assert!(!IdCheck::IsKennitala.accepts("7.5"));
        assert!(!IdCheck::IsKennitala.accepts("1234"));
    }

    #[test]
    fn a_number_is_read_up_to_its_last_group() {
        let code = lv("0703851234").unwrap_or_default();
        let text = format!("{code} Bei Rückfragen");
        assert_eq!(IdCheck::LvPersonalCode.prefix_len(&text), Some(code.len()));
        let glued = format!("{code}X");
        assert_eq!(IdCheck::LvPersonalCode.prefix_len(&glued), None);
        assert_eq!(IdCheck::LvPersonalCode.prefix_len(""), None);
    }

    #[test]
    fn an_identifier_in_base64_is_read_decoded() {
        // `020785-3739` in base64, as LDIF writes it after `kt::`.
        assert_eq!(
            IdCheck::IsKennitala.base64_len("MDIwNzg1LTM3Mzk= x"),
            Some(16)
        );
        assert_eq!(IdCheck::NzIrd.base64_len("MDIwNzg1LTM3Mzk="), None);
        assert_eq!(IdCheck::IsKennitala.base64_len("not base64 at all"), None);
    }

    #[test]
    fn a_word_may_name_several_checks() {
        let both = super::IdChecks::named("br-pis+co-nit").expect("known");
        assert!(both.accepts("120.00000.00-4"));
        assert!(both.accepts("900.373.115-3"));
        assert!(!both.accepts("900.373.115-4"));
        assert_eq!(both.prefix_len("900.373.115-3 x"), Some(13));
        assert_eq!(super::IdChecks::named("br-pis+nz"), None);
        assert_eq!(super::IdChecks::named(""), None);
    }

    #[test]
    fn names_round_trip() {
        for check in IdCheck::ALL {
            assert_eq!(IdCheck::named(check.name()), Some(check));
        }
        assert_eq!(IdCheck::named("nz"), None);
    }

    proptest! {
        #[test]
        fn any_text_is_checked_without_panic(
            s in "\\PC{0,40}",
            digits in "[0-9 /-]{0,24}",
            alnum in "[0-9A-Za-z .-]{0,26}",
        ) {
            for check in IdCheck::ALL {
                let _ = check.accepts(&s);
                let _ = check.prefix_len(&s);
                for v in [&digits, &alnum] {
                    if let Some(n) = check.prefix_len(v) {
                        prop_assert!(n <= v.len());
                        prop_assert!(check.accepts(&v[..n]));
                    }
                }
            }
        }
    }
}
