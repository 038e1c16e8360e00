//! Cross-reference pass: split article bodies into claims, extract figures, dates, quotes and
//! entities, match claims across articles (sub-quadratic candidate search, then precise scoring),
//! measure document reuse and raise flags. Plain data in ([`Corpus`]), plain data out
//! ([`CrossRef`], see [`model`]).

// The stages, each in its folder (module paths stay flat: `xref::claims`, `xref::links`, …).
//
// extract/: sentences, claims and what they state (figures, dates, quotations, words).
#[path = "extract/cards.rs"]
pub mod cards;
#[path = "extract/casualties.rs"]
pub mod casualties;
#[path = "extract/claims.rs"]
pub mod claims;
#[path = "extract/figures.rs"]
pub mod figures;
#[path = "extract/quotes.rs"]
pub mod quotes;
#[path = "extract/sentences.rs"]
pub mod sentences;
#[path = "extract/temporal.rs"]
pub mod temporal;
#[path = "extract/text.rs"]
pub mod text;
// matching/: candidate pairs and their scores, boilerplate, link strength, clusters.
#[path = "matching/boilerplate.rs"]
pub mod boilerplate;
#[path = "matching/clusters.rs"]
pub mod clusters;
#[path = "matching/links.rs"]
pub mod links;
#[path = "matching/matching.rs"]
pub mod matching;
#[path = "matching/pairs.rs"]
pub mod pairs;
// entities/: mentions, resolution and the alias table.
#[path = "entities/aliases.rs"]
pub mod aliases;
pub mod entities;
// flags/: reuse and copies, mismatches, corrections and the flags on single articles.
#[path = "flags/contained.rs"]
pub mod contained;
#[path = "flags/copying.rs"]
pub mod copying;
#[path = "flags/corrections.rs"]
pub mod corrections;
#[path = "flags/discrepancy.rs"]
pub mod discrepancy;
#[path = "flags/doubled.rs"]
pub mod doubled;
#[path = "flags/raise.rs"]
pub mod flags;
#[path = "flags/liveblog.rs"]
pub mod liveblog;
#[path = "flags/mismatch.rs"]
pub mod mismatch;
#[path = "flags/occasion.rs"]
pub mod occasion;
#[path = "flags/reuse.rs"]
pub mod reuse;
#[path = "flags/transcript.rs"]
pub mod transcript;
#[path = "flags/window.rs"]
pub mod window;
#[path = "flags/wording.rs"]
pub mod wording;
// The working state, the pass's results and what is made of them.
pub mod corpus;
pub mod json;
pub mod model;
pub mod preview;
pub mod report;
pub mod session;
pub mod timeline;
pub mod verdicts;

pub use model::*;
pub use session::Session;

use crate::content::Corpus;
use corpus::Work;
use rayon::prelude::*;
use std::collections::BTreeSet;

impl CrossRef {
    /// Number of claims across all articles.
    pub fn claim_count(&self) -> usize {
        self.articles.iter().map(|a| a.claims.len()).sum()
    }
}

/// Runs the whole cross-reference pass.
pub fn cross_reference(corpus: &Corpus) -> CrossRef {
    finish(corpus, Work::new(corpus)).0
}

/// [`cross_reference`] with each article's extracted claims given (see [`Work::with_claims`]).
pub fn cross_reference_with_claims(
    corpus: &Corpus,
    per_article: Vec<claims::ArticleClaims>,
) -> CrossRef {
    finish(corpus, Work::with_claims(corpus, per_article)).0
}

/// [`cross_reference_with_claims`], continuing from what the last pass left (`carried`, see
/// [`corpus::Carried`]) and keeping what a [`preview`] of an edited article is matched against
/// (`serve`).
pub fn baseline_with_claims(
    corpus: &Corpus,
    per_article: Vec<std::borrow::Cow<'_, claims::ArticleClaims>>,
    carried: corpus::Carried,
) -> preview::Baseline {
    let w = Work::with_carried(corpus, per_article, carried);
    let (xref, w, of_claim) = finish(corpus, w);
    preview::Baseline::new(xref, w, of_claim)
}

/// The pass's steps on the working state; returns the result, what is left of the working state
/// and each claim's cluster.
fn finish<'a>(corpus: &Corpus, mut w: Work<'a>) -> (CrossRef, Work<'a>, Vec<Option<usize>>) {
    // Clustering (then the timeline and verdict links, which read it), reuse (then the steps
    // that read it) and the other flag steps only read the working state: side by side.
    let mut memo = std::mem::take(&mut w.cluster_memo);
    let ((cl, (timeline, verdicts)), ((reuse, flags), figure_timelines)) = rayon::join(
        || {
            let cl = clusters::cluster_with(&w, &mut memo);
            let after = rayon::join(
                || timeline::events(&w, &cl),
                || verdicts::link(&verdicts::Pass { w: &w, cl: &cl }, &corpus.checks),
            );
            (cl, after)
        },
        || {
            let ((reuse, of_reuse, figure_timelines), others) = rayon::join(
                || {
                    let reuse = reuse::reuse(&w);
                    let (drafts, figure_timelines) = rayon::join(
                        || flags_of_reuse(&w, &reuse),
                        || mismatch::figure_timelines(&w, &copied(&reuse)),
                    );
                    (reuse, drafts, figure_timelines)
                },
                || other_flags(&w),
            );
            let (mut quotes, rest) = others;
            mismatch::grade_quotes(&mut quotes, &copy_pairs(&reuse));
            let flags = flags::finish(&w, in_order(of_reuse, (quotes, rest)));
            ((reuse, flags), figure_timelines)
        },
    );
    w.cluster_memo = memo;
    let warnings = w
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
        .collect();
    let links = claim_links(&w);
    // Last: the claims and entities move out of the working state instead of being cloned.
    let xref = CrossRef {
        links,
        articles: articles(&mut w, &cl),
        reuse: reuse.into_iter().map(|r| r.reuse).collect(),
        flags,
        entities: std::mem::take(&mut w.entities),
        timeline,
        figure_timelines,
        verdicts,
        warnings,
        clusters: cl.clusters,
    };
    (xref, w, cl.of_claim)
}

/// Every matched pair of claims of two articles, with its strength, sorted by claim ids.
fn claim_links(w: &Work) -> Vec<ClaimLink> {
    let mut out: Vec<ClaimLink> = w
        .matched_strengths()
        .filter(|(p, _)| w.gid[p.a].0 != w.gid[p.b].0)
        .map(|(p, strength)| {
            let (a, b) = (&w.claim(p.a).id, &w.claim(p.b).id);
            ClaimLink {
                a: a.min(b).clone(),
                b: a.max(b).clone(),
                strength,
                score: clusters::round3(p.score),
            }
        })
        .collect();
    out.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    out
}

/// Articles that are republished copies of an earlier one.
fn copied(reuse: &[reuse::ReuseInfo]) -> BTreeSet<usize> {
    reuse
        .iter()
        .filter(|r| copying::is_copy(r))
        .map(|r| r.later)
        .collect()
}

/// (earlier, later) article pairs, lower index first, where one is a copy of the other.
fn copy_pairs(reuse: &[reuse::ReuseInfo]) -> BTreeSet<(usize, usize)> {
    reuse
        .iter()
        .filter(|r| copying::is_copy(r))
        .map(|r| (r.earlier.min(r.later), r.earlier.max(r.later)))
        .collect()
}

/// Flag drafts in groups, so that those needing the reuse figures and the rest can be raised
/// side by side and still be handed on in one fixed order (see [`in_order`]).
type Drafts = Vec<flags::Draft>;

/// Republished copies and anachronisms; figure mismatches (which read the reuse figures).
fn flags_of_reuse(w: &Work, reuse: &[reuse::ReuseInfo]) -> (Drafts, Drafts) {
    let copies: BTreeSet<(usize, usize)> = reuse
        .iter()
        .filter(|r| r.reuse.share >= 0.3)
        .map(|r| (r.earlier.min(r.later), r.earlier.max(r.later)))
        .collect();
    let (mut copied, mut figures) = (Vec::new(), Vec::new());
    copying::republished(w, reuse, &mut copied);
    copying::anachronisms(w, reuse, &mut copied);
    mismatch::figure_mismatches(w, &copies, &mut figures);
    discrepancy::differing_reports(w, &copies, &mut figures);
    (copied, figures)
}

/// Altered quotations; duplicated passages, injected text, missing data and name variants.
fn other_flags(w: &Work) -> (Drafts, Drafts) {
    let (mut quotes, mut rest) = (Vec::new(), Vec::new());
    mismatch::altered_quotes(w, &mut quotes);
    flags::duplicate_passages(w, &mut rest);
    flags::injected_text(w, &mut rest);
    flags::missing(w, &mut rest);
    flags::name_variants(w, &mut rest);
    corrections::flags(w, &mut rest);
    (quotes, rest)
}

/// All drafts in the order the steps are listed in: copies, anachronisms, quotes, figures, and
/// the rest.
fn in_order((copied, figures): (Drafts, Drafts), (quotes, rest): (Drafts, Drafts)) -> Drafts {
    [copied, quotes, figures, rest]
        .into_iter()
        .flatten()
        .collect()
}

/// Per-article results; takes the finished claims out of `w`.
fn articles(w: &mut Work, cl: &clusters::Clustering) -> Vec<ArticleXref> {
    let partners = flags::partners(w);
    let none = BTreeSet::new();
    let windows: Vec<Option<DateWindow>> = (0..w.corpus.articles.len())
        .map(|ai| {
            let undated = w.corpus.articles[ai].date.is_none();
            undated.then(|| window::infer(w, ai, partners.get(&ai).unwrap_or(&none)))
        })
        .collect();
    // Each article's first global claim number, so articles can be finished in parallel.
    let firsts: Vec<usize> = (w.claims.iter())
        .scan(0, |next, cs| {
            *next += cs.len();
            Some(*next - cs.len())
        })
        .collect();
    let boiler = &w.boiler;
    std::mem::take(&mut w.claims)
        .into_par_iter()
        .zip(&w.corpus.articles)
        .zip(windows)
        .zip(firsts)
        .map(|(((cs, a), date_window), first)| {
            // An outlet's boilerplate is not a claim: it is left out of the article's claims.
            let claims: Vec<Claim> = (cs.into_iter().zip(first..))
                .filter(|(_, g)| !boiler[*g])
                .map(|(mut c, g)| {
                    c.cluster = cl.of_claim[g].map(|k| cl.clusters[k].id.clone());
                    c
                })
                .collect();
            ArticleXref {
                slug: a.slug.clone(),
                file: a.file.clone(),
                date: a.date.as_ref().map(|d| d.value),
                date_window,
                claims,
            }
        })
        .collect()
}
