//! Fact-checkers' verdicts: each check's claim is scored against the corpus claims through the
//! same term index; every matched claim and the rest of its cluster become appearances the
//! verdict is shown beside.

use super::clusters::{self, Clustering};
use super::corpus::Work;
use super::matching::{self, Index, Item};
use super::model::{Appearance, VerdictLink};
use super::text;
use crate::content::Check;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Score at or above which a verdict applies to a claim.
pub const VERDICT: f64 = 0.4;

/// What linking verdicts reads of a finished pass, by global claim number: the claims' matching
/// items and clusters. The pass itself provides it ([`Pass`]), and so does the copy `serve` keeps
/// of the last pass ([`super::preview::Baseline`]), which relinks edited verdicts without
/// running the pass again.
pub trait Matched {
    /// Id of a known term.
    fn term(&self, t: &str) -> Option<u32>;
    fn index(&self) -> &Index;
    fn items(&self) -> &[Item];
    /// Id and members of the cluster of claim `g`, if it is in one.
    fn cluster(&self, g: usize) -> Option<(&str, &[usize])>;
    /// Date (undated last), article and claim index: the order appearances are listed in.
    fn order_key(&self, g: usize) -> (NaiveDate, usize, usize);
    fn appearance(&self, g: usize) -> Appearance;
}

/// A pass's working state and clusters, as [`Matched`].
pub struct Pass<'a> {
    pub w: &'a Work<'a>,
    pub cl: &'a Clustering,
}

impl Matched for Pass<'_> {
    fn term(&self, t: &str) -> Option<u32> {
        (self.w.interner.get(t)).filter(|&id| self.w.index.knows(id))
    }
    fn index(&self) -> &Index {
        &self.w.index
    }
    fn items(&self) -> &[Item] {
        &self.w.items
    }
    fn cluster(&self, g: usize) -> Option<(&str, &[usize])> {
        let k = self.cl.of_claim[g]?;
        Some((&self.cl.clusters[k].id, &self.cl.members[k]))
    }
    fn order_key(&self, g: usize) -> (NaiveDate, usize, usize) {
        clusters::order_key(self.w, g)
    }
    fn appearance(&self, g: usize) -> Appearance {
        clusters::appearance(self.w, g)
    }
}

/// Verdict links of `checks`, sorted by check slug.
pub fn link(m: &impl Matched, checks: &[Check]) -> Vec<VerdictLink> {
    let mut out: Vec<VerdictLink> = checks
        .iter()
        .map(|check| {
            let item = check_item(m, &check.claim);
            let mut hits: BTreeSet<usize> = BTreeSet::new();
            let mut clusters: BTreeSet<String> = BTreeSet::new();
            for g in candidates(m, &item) {
                if matching::score(m.index(), &item, &m.items()[g]) < VERDICT {
                    continue;
                }
                hits.insert(g);
                if let Some((id, members)) = m.cluster(g) {
                    clusters.insert(id.to_string());
                    hits.extend(members.iter().copied());
                }
            }
            let mut hits: Vec<usize> = hits.into_iter().collect();
            hits.sort_by_key(|&g| m.order_key(g));
            VerdictLink {
                check: check.slug.clone(),
                claim: check.claim.clone(),
                rating: check.rating.clone(),
                clusters: clusters.into_iter().collect(),
                appearances: hits.into_iter().map(|g| m.appearance(g)).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.check.cmp(&b.check));
    out
}

fn check_item(m: &impl Matched, claim: &str) -> Item {
    let mut terms: Vec<u32> = text::terms(claim)
        .iter()
        .filter_map(|t| m.term(t))
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
fn candidates(m: &impl Matched, item: &Item) -> Vec<usize> {
    let mut c: Vec<usize> = m
        .items()
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
