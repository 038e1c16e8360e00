//! Fact-checkers' verdicts: each check's claim is scored against the corpus claims through the
//! same term index; every matched claim and the rest of its cluster become appearances the
//! verdict is shown beside.

use super::clusters::{Clustering, appearance, order_key};
use super::corpus::Work;
use super::matching::{self, Item};
use super::model::VerdictLink;
use super::text;
use std::collections::BTreeSet;

/// Score at or above which a verdict applies to a claim.
pub const VERDICT: f64 = 0.4;

/// Verdict links, sorted by check slug.
pub fn link(w: &Work, cl: &Clustering) -> Vec<VerdictLink> {
    let mut out: Vec<VerdictLink> = w
        .corpus
        .checks
        .iter()
        .map(|check| {
            let item = check_item(w, &check.claim);
            let mut hits: BTreeSet<usize> = BTreeSet::new();
            let mut clusters: BTreeSet<String> = BTreeSet::new();
            for g in candidates(w, &item) {
                if matching::score(&w.index, &item, &w.items[g]) < VERDICT {
                    continue;
                }
                hits.insert(g);
                if let Some(c) = cl.of_claim[g] {
                    clusters.insert(cl.clusters[c].id.clone());
                    hits.extend(cl.members[c].iter().copied());
                }
            }
            let mut hits: Vec<usize> = hits.into_iter().collect();
            hits.sort_by_key(|&g| order_key(w, g));
            VerdictLink {
                check: check.slug.clone(),
                claim: check.claim.clone(),
                rating: check.rating.clone(),
                clusters: clusters.into_iter().collect(),
                appearances: hits.into_iter().map(|g| appearance(w, g)).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.check.cmp(&b.check));
    out
}

fn check_item(w: &Work, claim: &str) -> Item {
    let mut terms: Vec<u32> = text::terms(claim)
        .iter()
        .filter_map(|t| w.interner.get(t))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    Item {
        terms,
        names: vec![],
        figures: vec![],
    }
}

/// Claims sharing a term with the check (all postings: checks are few).
fn candidates(w: &Work, item: &Item) -> Vec<usize> {
    let mut c: Vec<usize> = w
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            item.terms
                .iter()
                .filter(|t| it.terms.binary_search(t).is_ok())
                .count()
                >= 2
        })
        .map(|(g, _)| g)
        .collect();
    c.sort_unstable();
    c
}
