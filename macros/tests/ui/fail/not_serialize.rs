//! Arguments and returns that are not serialisable point at their type.

pub struct Conn;

#[derive(serde::Serialize)]
pub struct RecordOnly;

#[reprise::boundary]
pub trait Network {
    fn connect(&self, addr: String, conn: Conn) -> u32;
    fn open(&self) -> Conn;
    fn ping(&self) -> RecordOnly;
    fn status(&self) -> Result<u32, Conn>;
}

fn main() {}
