//! What a rebuild reports on its way to the exact site, and what it asks: the pages written from
//! a preview, the pages open in a browser (written before the rest of the site) once they are
//! exact. `serve`'s build loop turns the reports into reload notices.

use std::time::Duration;

/// Pages written from provisional data before the exact pass (see
/// [`super::site::SiteBuilder::rebuild_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Output paths of the pages written.
    pub pages: Vec<String>,
    /// Time from the start of the rebuild.
    pub elapsed: Duration,
}

/// Open pages written from the exact pass before the rest of the site (see [`Progress`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPages {
    /// Output paths of the open pages that were rendered: they are now what `build` gives.
    pub rendered: Vec<String>,
    /// Those of them whose bytes changed, and were written.
    pub written: Vec<String>,
    /// Time from the start of the rebuild.
    pub elapsed: Duration,
}

/// What a rebuild asks and reports on its way to the exact site (`serve`'s build loop implements
/// it; a closure taking a [`Preview`] is one that has no open pages).
pub trait Progress {
    /// Output paths (`articles/x/index.html`) of the pages open in a browser: once the
    /// cross-reference pass has run they are rendered and written before the rest of the site.
    fn open_pages(&self) -> Vec<String> {
        Vec::new()
    }
    /// Pages were written from a preview.
    fn previewed(&mut self, _: &Preview) {}
    /// The open pages were written from the exact pass; the rest of the site follows.
    fn opened(&mut self, _: &OpenPages) {}
}

impl<F: FnMut(&Preview)> Progress for F {
    fn previewed(&mut self, p: &Preview) {
        self(p)
    }
}
