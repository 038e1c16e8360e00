//! The one interface to the cross-reference pass for a process that runs it again and again
//! (`serve`): [`Session::run`] makes an exact pass, continuing from the last session's caches
//! (term interner, pair search, entity and cluster records, finished claims), and
//! [`Session::preview`] gives an edited article's provisional share in milliseconds. What is
//! cached, and how, stays behind it: a step of the pass can be rewritten without touching
//! `serve`. Whatever a session carries, [`Session::xref`] equals [`super::cross_reference`] of the
//! same corpus (`tests/xref_carried.rs`, `tests/serve_incremental.rs`).

use super::claims::ArticleClaims;
use super::model::CrossRef;
use super::preview::{Baseline, Provisional};
use crate::content::{Article, Check, Corpus};
use std::borrow::Cow;

/// An exact pass and what the next one may continue from.
pub struct Session {
    baseline: Baseline,
}

impl Session {
    /// The exact pass over `corpus` with each article's extracted claims (in corpus order),
    /// continuing from `last` when given (which hands over what it carries and should then be
    /// dropped).
    pub fn run(
        corpus: &Corpus,
        claims: Vec<Cow<'_, ArticleClaims>>,
        last: Option<&mut Session>,
    ) -> Session {
        let carried = last.map(|s| s.baseline.take_carried()).unwrap_or_default();
        Session {
            baseline: super::baseline_with_claims(corpus, claims, carried),
        }
    }

    /// The pass's result.
    pub fn xref(&self) -> &CrossRef {
        &self.baseline.xref
    }

    /// An edited article's provisional cross-reference, matched against this pass.
    pub fn preview(&self, article: &Article, claims: ArticleClaims) -> Option<Provisional> {
        self.baseline.preview(article, claims)
    }

    /// Links edited verdicts again to this pass's claims (exact: claims depend on articles only).
    pub fn relink_verdicts(&mut self, checks: &[Check]) {
        self.baseline.relink_verdicts(checks);
    }

    /// How many claims the pair search scored again (`None`: all, from scratch).
    pub fn rescored(&self) -> Option<usize> {
        self.baseline.rescored()
    }
}
