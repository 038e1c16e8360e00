//! Document reuse: for each pair of articles sharing matched claims, the share of the later
//! article's body that matches the earlier one and whether the order is kept. Direction comes
//! from the datelines; undated articles count as later than dated ones (their window is inferred
//! from the text elsewhere), and equal dates fall back to file order.

use super::clusters::round3;
use super::corpus::Work;
use super::model::Reuse;
use std::collections::{BTreeMap, BTreeSet};

/// Fewest matched claims for a reuse pair to be reported.
pub const MIN_MATCHED: usize = 2;

/// Reuse pairs with the claims behind them.
pub struct ReuseInfo {
    pub reuse: Reuse,
    pub earlier: usize,
    pub later: usize,
    /// (later claim, earlier claim) global numbers, in the later article's order.
    pub links: Vec<(usize, usize)>,
}

/// A matched pair of claims (global numbers) and its score.
type Link = (usize, usize, f64);

/// Claim-number pairs matched across two different articles, grouped by article pair.
fn by_article_pair(w: &Work) -> BTreeMap<(usize, usize), Vec<Link>> {
    let common = common_sentences(w);
    let mut m: BTreeMap<(usize, usize), Vec<Link>> = BTreeMap::new();
    for p in w.matches() {
        if common[p.a] || common[p.b] {
            continue;
        }
        let (aa, ab) = (w.gid[p.a].0, w.gid[p.b].0);
        if aa != ab {
            m.entry((aa, ab)).or_default().push((p.a, p.b, p.score));
        }
    }
    m
}

/// A sentence matched in this many articles is an outlet's boilerplate ("The views expressed in
/// this article are the author's own"), not evidence of copying.
pub const COMMON_ARTICLES: usize = 8;

/// Per claim, whether its match component spans at least [`COMMON_ARTICLES`] articles.
fn common_sentences(w: &Work) -> Vec<bool> {
    let mut common = vec![false; w.gid.len()];
    for group in super::clusters::components(w) {
        let mut arts: Vec<usize> = group.iter().map(|&g| w.gid[g].0).collect();
        arts.sort_unstable();
        arts.dedup();
        if arts.len() >= COMMON_ARTICLES {
            for g in group {
                common[g] = true;
            }
        }
    }
    common
}

/// All reuse pairs, sorted by (later, earlier).
pub fn reuse(w: &Work) -> Vec<ReuseInfo> {
    let mut out: Vec<ReuseInfo> = by_article_pair(w)
        .into_iter()
        .filter_map(|((x, y), links)| pair(w, x, y, &links))
        .collect();
    out.sort_by(|a, b| (&a.reuse.later, &a.reuse.earlier).cmp(&(&b.reuse.later, &b.reuse.earlier)));
    out
}

fn direction(w: &Work, x: usize, y: usize) -> (usize, usize, &'static str) {
    match (w.date(x), w.date(y)) {
        (Some(dx), Some(dy)) if dx < dy => (x, y, "datelines"),
        (Some(dx), Some(dy)) if dy < dx => (y, x, "datelines"),
        (Some(_), None) => (x, y, "undated article taken as later"),
        (None, Some(_)) => (y, x, "undated article taken as later"),
        _ => (x.min(y), x.max(y), "file order (same or no dates)"),
    }
}

fn pair(w: &Work, x: usize, y: usize, links: &[Link]) -> Option<ReuseInfo> {
    let (earlier, later, how) = direction(w, x, y);
    // Best earlier claim for every matched later claim.
    let mut best: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
    for &(a, b, s) in links {
        let (l, e) = if w.gid[a].0 == later { (a, b) } else { (b, a) };
        let entry = best.entry(l).or_insert((e, s));
        if s > entry.1 {
            *entry = (e, s);
        }
    }
    if best.len() < MIN_MATCHED {
        return None;
    }
    let matched_len: usize = best.keys().map(|&l| w.claim(l).text.len()).sum();
    let body = w.extracted[later].body_len.max(1);
    let share = (matched_len as f64 / body as f64).min(1.0);
    let links: Vec<(usize, usize)> = best.iter().map(|(&l, &(e, _))| (l, e)).collect();
    let order_kept = order_kept(&links);
    let distinct_earlier: BTreeSet<usize> = links.iter().map(|l| l.1).collect();
    Some(ReuseInfo {
        reuse: Reuse {
            earlier: w.corpus.articles[earlier].slug.clone(),
            later: w.corpus.articles[later].slug.clone(),
            share: round3(share),
            matched: distinct_earlier.len().min(links.len()),
            order_kept,
            direction: how.to_string(),
        },
        earlier,
        later,
        links,
    })
}

/// True when at least 80% of the matched sentences keep their relative order (longest
/// increasing subsequence of the earlier positions, in the later article's order).
fn order_kept(links: &[(usize, usize)]) -> bool {
    let seq: Vec<usize> = links.iter().map(|l| l.1).collect();
    let mut tails: Vec<usize> = Vec::new();
    for &v in &seq {
        match tails.binary_search(&v) {
            Ok(_) => {}
            Err(i) if i == tails.len() => tails.push(v),
            Err(i) => tails[i] = v,
        }
    }
    tails.len() * 5 >= seq.len() * 4
}

#[cfg(test)]
mod tests {
    use super::order_kept;

    #[test]
    fn order() {
        assert!(order_kept(&[(1, 10), (2, 11), (3, 12), (4, 13), (5, 9)]));
        assert!(!order_kept(&[(1, 13), (2, 10), (3, 12), (4, 11)]));
    }
}
