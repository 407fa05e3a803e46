//! The checks behind reprise's fuzz targets; see `README.md`.

#[path = "checks.rs"]
mod checks_impl;

pub use checks_impl::*;
