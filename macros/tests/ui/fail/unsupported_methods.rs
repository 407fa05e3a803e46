//! Methods a wrapper cannot delegate, record or replay, each with what to do.

#[reprise::boundary]
pub trait Outbound {
    fn new() -> u32;
    fn consume(self) -> u32;
    fn pattern(&self, (a, b): (u32, u32)) -> u32 {
        a + b
    }
    fn borrowed(&self) -> &str;
    fn cloned(&self) -> Self;
    fn merge(&mut self, other: Self);
    fn opaque(&self) -> impl Iterator<Item = u32>;
    unsafe fn raw(&self);
    #[reprise(skip)]
    unsafe fn raw_skipped(&self);
    type Item<'a>;
}

#[reprise::boundary(inbound)]
pub trait Inbound {
    fn generic<T: serde::Serialize + serde::de::DeserializeOwned>(&mut self, value: T);
    fn opaque(&mut self, value: impl serde::Serialize);
}

fn main() {}
