//! Cross-reference pass: split article bodies into claims, extract figures, dates, quotes and
//! entities, match claims across articles (sub-quadratic candidate search, then precise scoring),
//! measure document reuse and raise flags. Plain data in ([`Corpus`]), plain data out
//! ([`CrossRef`], see [`model`]).

pub mod aliases;
pub mod claims;
pub mod clusters;
pub mod copying;
pub mod corpus;
pub mod entities;
pub mod figures;
pub mod flags;
pub mod json;
pub mod matching;
pub mod mismatch;
pub mod model;
pub mod quotes;
pub mod report;
pub mod reuse;
pub mod sentences;
pub mod temporal;
pub mod text;
pub mod timeline;
pub mod verdicts;
pub mod window;

pub use model::*;

use crate::content::Corpus;
use corpus::Work;
use std::collections::BTreeSet;

impl CrossRef {
    /// Number of claims across all articles.
    pub fn claim_count(&self) -> usize {
        self.articles.iter().map(|a| a.claims.len()).sum()
    }
}

/// Runs the whole cross-reference pass.
pub fn cross_reference(corpus: &Corpus) -> CrossRef {
    finish(corpus, Work::new(corpus))
}

/// [`cross_reference`] with each article's extracted claims given (see [`Work::with_claims`]).
pub fn cross_reference_with_claims(
    corpus: &Corpus,
    per_article: Vec<claims::ArticleClaims>,
) -> CrossRef {
    finish(corpus, Work::with_claims(corpus, per_article))
}

fn finish(corpus: &Corpus, w: Work) -> CrossRef {
    let cl = clusters::cluster(&w);
    let reuse = reuse::reuse(&w);
    let flags = flags::finish(&w, raise_flags(&w, &reuse));
    CrossRef {
        articles: articles(&w, &cl),
        reuse: reuse.iter().map(|r| r.reuse.clone()).collect(),
        flags,
        entities: w.entities.clone(),
        timeline: timeline::events(&w, &cl),
        figure_timelines: mismatch::figure_timelines(&w, &copied(&reuse)),
        verdicts: verdicts::link(&w, &cl),
        warnings: w
            .alias_problems
            .iter()
            .map(|m| crate::content::Warning {
                file: corpus
                    .aliases
                    .as_ref()
                    .map_or_else(|| "aliases.toml".into(), |(f, _)| f.clone()),
                line: None,
                message: m.clone(),
            })
            .collect(),
        clusters: cl.clusters,
    }
}

/// Articles that are republished copies of an earlier one.
fn copied(reuse: &[reuse::ReuseInfo]) -> BTreeSet<usize> {
    reuse
        .iter()
        .filter(|r| copying::is_copy(r))
        .map(|r| r.later)
        .collect()
}

fn raise_flags(w: &Work, reuse: &[reuse::ReuseInfo]) -> Vec<flags::Draft> {
    let copies: BTreeSet<(usize, usize)> = reuse
        .iter()
        .filter(|r| r.reuse.share >= 0.3)
        .map(|r| (r.earlier.min(r.later), r.earlier.max(r.later)))
        .collect();
    let mut out = Vec::new();
    copying::republished(w, reuse, &mut out);
    copying::anachronisms(w, reuse, &mut out);
    mismatch::altered_quotes(w, &mut out);
    mismatch::figure_mismatches(w, &copies, &mut out);
    flags::duplicate_passages(w, &mut out);
    flags::injected_text(w, &mut out);
    flags::missing(w, &mut out);
    flags::name_variants(w, &mut out);
    out
}

fn articles(w: &Work, cl: &clusters::Clustering) -> Vec<ArticleXref> {
    let partners = flags::partners(w);
    let mut g = 0;
    w.corpus
        .articles
        .iter()
        .enumerate()
        .map(|(ai, a)| {
            let claims: Vec<Claim> = w.per_article[ai]
                .claims
                .iter()
                .map(|e| {
                    let mut c = e.claim.clone();
                    c.cluster = cl.of_claim[g].map(|k| cl.clusters[k].id.clone());
                    g += 1;
                    c
                })
                .collect();
            let date = a.date.as_ref().map(|d| d.value);
            let date_window = date
                .is_none()
                .then(|| window::infer(w, ai, &partners.get(&ai).cloned().unwrap_or_default()));
            ArticleXref {
                slug: a.slug.clone(),
                file: a.file.clone(),
                date,
                date_window,
                claims,
            }
        })
        .collect()
}
