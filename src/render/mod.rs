//! Render stage: Tera templates fed with plain serde structs, Markdown, highlighting, data files.

use crate::config::Config;
use crate::content::Corpus;
use crate::error::Result;
use crate::xref::CrossRef;
use std::path::Path;

/// One file of the built site: path relative to the output folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub struct Renderer {}

impl Renderer {
    pub fn new(_root: &Path) -> Result<Renderer> {
        Ok(Renderer {})
    }

    pub fn render(
        &self,
        _config: &Config,
        _corpus: &Corpus,
        _xref: &CrossRef,
    ) -> Result<Vec<OutFile>> {
        Ok(vec![])
    }
}
