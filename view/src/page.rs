//! The page's templates (minijinja): the part before the events, and the
//! part after them. The events are streamed in between.

use std::io::Write;

use minijinja::Environment;
use serde::Serialize;

use crate::error::Error;

const HEAD: &str = include_str!("../assets/head.html");
const TAIL: &str = include_str!("../assets/tail.html");
const STYLE: &str = include_str!("../assets/timeline.css");
const SCRIPT: &str = include_str!("../assets/timeline.js");

/// The templates, loaded once.
pub(crate) struct Page {
    env: Environment<'static>,
}

/// One input file as the page's header shows it.
#[derive(Serialize)]
pub(crate) struct FileInfo {
    pub name: String,
    pub component: String,
    pub created: String,
    pub merged: bool,
    pub nodes: Vec<String>,
    pub scrubbed: bool,
}

impl Page {
    pub(crate) fn new() -> Result<Page, Error> {
        let mut env = Environment::new();
        // `.html` names turn on HTML escaping of every value.
        env.add_template("head.html", HEAD)?;
        env.add_template("tail.html", TAIL)?;
        Ok(Page { env })
    }

    /// Writes the page up to the opening of the events' script element.
    pub(crate) fn head(
        &self,
        out: &mut impl Write,
        title: &str,
        files: &[FileInfo],
    ) -> Result<(), Error> {
        let ctx = minijinja::context! {
            title, files, style => STYLE, version => env!("CARGO_PKG_VERSION"),
        };
        self.env
            .get_template("head.html")?
            .render_captured_to(ctx, &mut *out)?;
        Ok(())
    }

    /// Writes the rest: `meta` (JSON text, already safe inside a script
    /// element) and the script.
    pub(crate) fn tail(&self, out: &mut impl Write, meta: &str) -> Result<(), Error> {
        let ctx = minijinja::context! { meta, script => SCRIPT };
        self.env
            .get_template("tail.html")?
            .render_captured_to(ctx, &mut *out)?;
        Ok(())
    }
}
