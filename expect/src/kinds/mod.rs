//! The expectation kinds, one file each: the builder that declares it and
//! the tracker that evaluates it.

mod bounds;
mod call_latency;
mod count;
mod occurrence;
mod probe_latency;
mod response;

pub use bounds::Bounds;
pub use call_latency::CallLatency;
pub use count::Count;
pub use occurrence::Occurrence;
pub use probe_latency::ProbeLatency;
pub use response::Response;
