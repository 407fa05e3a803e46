//! Random pieces, encoders and check-digit schemes the fifth corpus is
//! built from. Identifiers carry the check digits their issuers (or the
//! validators everyone uses for them) specify; near-misses break them.

use rand::Rng;
use rand::rngs::StdRng;

pub use crate::scoring::r#gen::*;

/// Day, month and year of a birth date between 1950 and 2004.
pub fn birth(r: &mut StdRng) -> (u32, u32, u32) {
    (
        r.random_range(1..29),
        r.random_range(1..13),
        r.random_range(1950..2005),
    )
}

/// `c` when `ok`, otherwise another digit (a failing check).
pub fn fix(r: &mut StdRng, c: u32, ok: bool) -> u32 {
    if ok {
        c
    } else {
        (c + r.random_range(1..10)) % 10
    }
}

/// Base58Check: `payload` followed by the first four bytes of its
/// double SHA-256.
pub fn base58check(payload: &[u8]) -> String {
    let sum = sha256(&sha256(payload));
    let mut all = payload.to_vec();
    all.extend_from_slice(&sum[..4]);
    base58(&all)
}

/// People of many places, written as they write their own names.
pub const NAMES: &[&str] = &[
    "Zoë Ångström",
    "Nguyễn Thị Minh Khai",
    "Siti Nurhaliza binti Tarudin",
    "李秀英",
    "山田 花子",
    "Chidinma Okafor",
    "Olúwaseun Adébáyọ̀",
    "محمد القحطاني",
    "Ayşe Güler",
    "Priya Venkataraman",
    "Wanjiru Kamau",
    "José María Núñez",
    "Đorđe Đurić",
    "Søren Kjærgaard",
    "Hamza Qureshi",
    "Rezvan Karimi",
    "María Florencia Ibarra",
    "Kim Min-jun",
    "Juan dela Cruz",
    "Aoife Ní Bhriain",
];

pub fn name(r: &mut StdRng) -> String {
    pick(r, NAMES).to_owned()
}
