//! Misspelt or conflicting options, and the attribute on something else.

#[reprise::boundary(inbund)]
pub trait Typo {}

#[reprise::boundary(port)]
pub trait NoPortName {}

#[reprise::boundary]
pub trait MethodOptions {
    #[reprise(skipp)]
    fn typo(&self);
    #[reprise(skip, name = "other")]
    fn both(&self);
    #[reprise(name = "send")]
    fn send_v2(&self);
    fn send(&self);
}

#[reprise::boundary(inbound)]
pub trait InboundQuery {
    #[reprise(query)]
    fn status(&self) -> u64;
}

#[reprise::boundary]
pub trait SkippedQuery {
    #[reprise(skip, query)]
    fn peek(&self) -> u64;
}

#[reprise::boundary]
pub struct NotATrait;

fn main() {}
