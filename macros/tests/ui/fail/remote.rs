//! A local copy of a foreign trait that does not match it, and conversions
//! that do not fit.

pub mod foreign {
    pub struct Entry(pub u64);
    pub trait Storage {
        fn append(&mut self, entry: Entry) -> Result<u64, String>;
        fn last(&self) -> u64;
        fn first(&self) -> u64;
    }
}

/// A mirror without the conversions.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Unrelated(u64);

// `last` takes another type, `first` is missing, `extra` is not a member.
#[reprise::boundary(remote = foreign::Storage)]
pub trait Storage {
    fn append(&mut self, #[reprise(via = Unrelated)] entry: foreign::Entry) -> Result<u64, String>;
    fn last(&self) -> u32;
    fn extra(&self) -> u64;
}

fn main() {}
