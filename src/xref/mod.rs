//! Cross-reference pass: claims, matching across articles, reuse and flags.
//! (Stub: filled in by the cross-reference issue.)

use crate::content::Corpus;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Flag {
    pub kind: String,
    pub severity: String,
    pub article: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CrossRef {
    pub flags: Vec<Flag>,
}

impl CrossRef {
    pub fn claim_count(&self) -> usize {
        0
    }
}

pub fn cross_reference(_corpus: &Corpus) -> CrossRef {
    CrossRef::default()
}
