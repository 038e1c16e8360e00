//! Every scored pair of claims, found from scratch or, in `serve` after an edit, from the last
//! pass's pairs by rescoring only the claims the edit touched.
//!
//! A claim is touched when it is new (its article's text changed) or holds a term whose weight
//! changed, or whose count changed while the term is rare enough to be looked up. Nothing that
//! decides the pair of two untouched claims changed (their terms, the terms' weights, their
//! lookups and the postings those lookups read), so the last pass's verdict on it stands. Every
//! pair with a touched claim is found again from both sides: the claim's own candidates, and the
//! claims whose lookup finds it. The result is the same as from scratch: the unit tests here and
//! `tests/xref_carried.rs` check it.

use super::matching::{Index, Item, Lookup, Norms, Pair, RELATED, finds, score_with};
use rayon::prelude::*;

/// What one pass's pair search leaves for the next.
#[derive(Default)]
pub struct Scoring {
    pub index: Index,
    /// Per item, the terms it looked up.
    pub lookups: Vec<Lookup>,
    pub pairs: Vec<Pair>,
}

/// The last pass's pair search and, per item of this pass, its number in that pass when its
/// claim was carried over unchanged.
pub struct Since<'a> {
    pub last: &'a Scoring,
    pub old_of: &'a [Option<u32>],
}

/// When more than this share of the claims is touched, starting over is as fast.
const MAX_TOUCHED: f64 = 0.3;

/// What [`pairs_since`] found.
pub struct Found {
    /// Sorted by (a, b).
    pub pairs: Vec<Pair>,
    /// Per item, the terms it looked up.
    pub lookups: Vec<Lookup>,
    /// How many claims were touched and scored again; `None` when all were (from scratch).
    pub rescored: Option<usize>,
}

/// All pairs scoring at least [`RELATED`] (score or cosine), sorted by (a, b).
pub fn pairs(ix: &Index, items: &[Item]) -> Vec<Pair> {
    pairs_since(ix, items, None).pairs
}

/// [`pairs`] and each item's lookup, continuing from `since` when given.
pub fn pairs_since(ix: &Index, items: &[Item], since: Option<Since<'_>>) -> Found {
    match since.and_then(|s| touched(ix, items, &s).map(|t| (s, t))) {
        Some((since, touched)) => update(ix, items, &since, &touched),
        None => from_scratch(ix, items),
    }
}

/// Per item, whether it is touched since the last pass; `None` when so many are that starting
/// over is as fast, or every weight changed.
fn touched(ix: &Index, items: &[Item], since: &Since<'_>) -> Option<Vec<bool>> {
    let known = since.last.lookups.len();
    if since.old_of.len() != items.len()
        || since.old_of.iter().flatten().any(|&o| o as usize >= known)
    {
        return None; // not the last pass's numbering
    }
    let changed = ix.changed_since(&since.last.index)?;
    let touched: Vec<bool> = (items.par_iter().zip(since.old_of))
        .map(|(it, old)| old.is_none() || it.terms.iter().any(|&t| changed[t as usize]))
        .collect();
    let n = touched.iter().filter(|&&t| t).count();
    (n as f64 <= MAX_TOUCHED * items.len() as f64).then_some(touched)
}

/// Every pair, scored as it is found: a pair is scored once, from its lower-numbered item when
/// that one finds the other, else from the higher one. So no list of candidate pairs (tens of
/// millions at 10,000 articles, most found from both sides) is ever held.
fn from_scratch(ix: &Index, items: &[Item]) -> Found {
    let lookups: Vec<Lookup> = items.par_iter().map(|it| ix.lookup(&it.terms)).collect();
    let norms: Vec<Norms> = items.par_iter().map(|it| Norms::of(ix, it)).collect();
    let (lookups_, norms_) = (&lookups, &norms);
    let mut pairs: Vec<Pair> = (0..items.len())
        .into_par_iter()
        .map_init(
            || vec![0u8; items.len()],
            |seen, i| (i, ix.candidates(&lookups[i], seen)),
        )
        .flat_map_iter(|(i, found)| {
            found.into_iter().filter_map(move |j| {
                let j = j as usize;
                let mine = j > i || (j < i && !finds(&lookups_[j], &items[i].terms));
                mine.then(|| scored_pair(ix, items, norms_, i.min(j), i.max(j)))
                    .flatten()
            })
        })
        .collect();
    pairs.par_sort_unstable_by_key(|p| (p.a, p.b));
    Found {
        pairs,
        lookups,
        rescored: None,
    }
}

/// The pair `a`, `b` when it scores at least [`RELATED`] (score or cosine).
fn scored_pair(ix: &Index, items: &[Item], norms: &[Norms], a: usize, b: usize) -> Option<Pair> {
    let (score, cosine) = score_with(ix, &items[a], &items[b], norms[a], norms[b]);
    (score >= RELATED || cosine >= RELATED).then_some(Pair {
        a,
        b,
        score,
        cosine,
    })
}

/// The last pass's pairs between untouched claims, renumbered, and every pair of a touched
/// claim scored again.
fn update(ix: &Index, items: &[Item], since: &Since<'_>, touched: &[bool]) -> Found {
    let last = since.last;
    let lookups: Vec<Lookup> = (items.par_iter().zip(since.old_of).zip(touched))
        .map(|((it, old), &t)| match old {
            Some(o) if !t => last.lookups[*o as usize],
            _ => ix.lookup(&it.terms),
        })
        .collect();
    let todo: Vec<usize> = (0..items.len()).filter(|&i| touched[i]).collect();
    let candidates = todo
        .par_iter()
        .map_init(
            || vec![0u8; items.len()],
            |seen, &i| {
                let mut found = ix.candidates(&lookups[i], seen);
                found.extend(ix.finders(&items[i].terms, &lookups, seen));
                (i, found)
            },
        )
        .flat_map_iter(|(i, found)| ordered(i, found))
        .collect();
    let mut pairs = scored(ix, items, candidates);
    let mut new_of = vec![None; last.lookups.len()];
    for (i, old) in since.old_of.iter().enumerate() {
        if let Some(o) = old.filter(|_| !touched[i]) {
            new_of[o as usize] = Some(i);
        }
    }
    pairs.extend(last.pairs.iter().filter_map(|p| {
        let (a, b) = (new_of[p.a]?, new_of[p.b]?);
        Some(Pair {
            a: a.min(b),
            b: a.max(b),
            ..*p
        })
    }));
    pairs.par_sort_unstable_by_key(|p| (p.a, p.b));
    Found {
        pairs,
        lookups,
        rescored: Some(todo.len()),
    }
}

/// The pairs of item `i` with each of `found` (itself left out), lower number first.
fn ordered(i: usize, found: Vec<u32>) -> impl Iterator<Item = (u32, u32)> {
    found
        .into_iter()
        .filter(move |&j| j as usize != i)
        .map(move |j| (i.min(j as usize) as u32, i.max(j as usize) as u32))
}

/// The candidate pairs (deduplicated here) that score at least [`RELATED`], sorted.
fn scored(ix: &Index, items: &[Item], mut candidates: Vec<(u32, u32)>) -> Vec<Pair> {
    candidates.par_sort_unstable();
    candidates.dedup();
    // Norms of the items some candidate holds (after an edit, a few hundred of thousands).
    let mut needed = vec![false; items.len()];
    for &(a, b) in &candidates {
        needed[a as usize] = true;
        needed[b as usize] = true;
    }
    let norms: Vec<Norms> = (items.par_iter().zip(needed))
        .map(|(it, needed)| match needed {
            true => Norms::of(ix, it),
            false => Norms::default(),
        })
        .collect();
    candidates
        .into_par_iter()
        .filter_map(|(a, b)| scored_pair(ix, items, &norms, a as usize, b as usize))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::Rng;
    use crate::xref::matching::{Interner, MAX_DF};

    /// An item of 8–19 distinct terms drawn from 30,000 words, Zipf-like (some terms are in
    /// most items, most in few), its first two terms standing for names.
    fn random_item(inter: &mut Interner, rng: &mut Rng) -> Item {
        let mut terms: Vec<u32> = (0..8 + rng.below(12))
            .map(|_| {
                let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
                inter.id(&format!("w{}", 30_000f64.powf(u) as usize - 1))
            })
            .collect();
        let names = terms[..2].to_vec();
        terms.sort_unstable();
        terms.dedup();
        let mut names: Vec<u32> = names.into_iter().filter(|t| terms.contains(t)).collect();
        names.sort_unstable();
        names.dedup();
        Item {
            terms,
            names,
            figures: vec![],
        }
    }

    /// `it` with about a fifth of its terms swapped: a reworded copy.
    fn reworded(it: &Item, inter: &mut Interner, rng: &mut Rng) -> Item {
        let mut terms: Vec<u32> = (it.terms.iter())
            .map(|&t| {
                if rng.chance(0.2) {
                    inter.id(&format!("w{}", rng.below(30_000)))
                } else {
                    t
                }
            })
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let names = (it.names.iter())
            .filter(|t| terms.contains(t))
            .copied()
            .collect();
        Item {
            terms,
            names,
            ..it.clone()
        }
    }

    /// 2,000 items, a third of them reworded copies of earlier ones, and their pair search.
    fn corpus(inter: &mut Interner, rng: &mut Rng) -> (Vec<Item>, Scoring) {
        let mut items: Vec<Item> = Vec::new();
        while items.len() < 2000 {
            let it = match items.len() {
                n if n > 10 && rng.chance(0.3) => reworded(&items[rng.below(n)], inter, rng),
                _ => random_item(inter, rng),
            };
            items.push(it);
        }
        let index = Index::new(&items, inter);
        let found = pairs_since(&index, &items, None);
        assert!(found.pairs.iter().filter(|p| p.score >= RELATED).count() > 100);
        let scoring = Scoring {
            index,
            lookups: found.lookups,
            pairs: found.pairs,
        };
        (items, scoring)
    }

    /// `items` with `range` (one "article") replaced by `new`, and each item's old number.
    fn edited(
        items: &[Item],
        range: std::ops::Range<usize>,
        new: Vec<Item>,
    ) -> (Vec<Item>, Vec<Option<u32>>) {
        let mut out: Vec<(Item, Option<u32>)> =
            (items.iter().cloned()).zip((0..).map(Some)).collect();
        out.splice(range, new.into_iter().map(|it| (it, None)));
        out.into_iter().unzip()
    }

    /// Continues from `last` and checks the result against a search from scratch.
    fn continue_and_compare(
        inter: &Interner,
        last: &Scoring,
        items: &[Item],
        old_of: &[Option<u32>],
    ) -> Found {
        let index = Index::new(items, inter);
        let since = Since { last, old_of };
        let found = pairs_since(&index, items, Some(since));
        let fresh = pairs_since(&index, items, None);
        assert!(found.pairs == fresh.pairs, "the same pairs, bit for bit");
        assert!(found.lookups == fresh.lookups);
        found
    }

    #[test]
    fn an_edit_rescores_the_claims_it_touches_and_gives_the_pairs_from_scratch() {
        let (mut inter, mut rng) = (Interner::default(), Rng::new(11));
        let (items, last) = corpus(&mut inter, &mut rng);
        // An article of ten claims edited: one reworded, one replaced by a claim that rewords a
        // claim elsewhere and brings a word new to the corpus. (The claim count stays: a changed
        // count changes every term's weight, and the search starts over.)
        let mut new: Vec<Item> = items[300..310].to_vec();
        new[5] = reworded(&new[5], &mut inter, &mut rng);
        let mut added = reworded(&items[40], &mut inter, &mut rng);
        added.terms.push(inter.id("a-word-never-seen"));
        new[9] = added;
        let (items, old_of) = edited(&items, 300..310, new);
        let found = continue_and_compare(&inter, &last, &items, &old_of);
        // Weights are exact, so the edit moves the weight of every term whose count it changes:
        // the search continues when few claims hold those, else starts over. Either way the
        // pairs are those of a search from scratch (checked above).
        if let Some(rescored) = found.rescored {
            assert!(rescored >= 2, "{rescored} rescored");
        }
        let added = (found.pairs.iter()).filter(|p| p.score >= RELATED && (p.a, p.b) == (40, 309));
        assert_eq!(
            added.count(),
            1,
            "the added claim pairs with the one it rewords"
        );
    }

    #[test]
    fn a_common_term_whose_weight_moves_touches_every_claim_holding_it() {
        let (mut inter, mut rng) = (Interner::default(), Rng::new(12));
        let (items, last) = corpus(&mut inter, &mut rng);
        // A common term (in a tenth to a fifth of the claims) added to as many claims as take
        // its count to the next step of its coarse count: its weight changes.
        let df = |t: u32| last.index.df[t as usize] as usize;
        let common = (0..inter.len() as u32)
            .filter(|&t| df(t) < items.len() / 5)
            .max_by_key(|&t| df(t))
            .unwrap();
        assert!(df(common) > 2 * MAX_DF, "{}", df(common));
        let shift = usize::BITS - df(common).leading_zeros() - 5;
        let next = ((df(common) >> shift) + 1) << shift;
        let mut lacking = (0..items.len()).filter(|&i| !items[i].terms.contains(&common));
        let given: Vec<usize> = lacking.by_ref().take(next - df(common)).collect();
        let (mut items, mut old_of) = edited(&items, 0..0, vec![]);
        for &i in &given {
            items[i].terms.push(common);
            items[i].terms.sort_unstable();
            old_of[i] = None;
        }
        let index = Index::new(&items, &inter);
        assert_ne!(
            index.weight[common as usize],
            last.index.weight[common as usize]
        );
        let found = continue_and_compare(&inter, &last, &items, &old_of);
        assert!(
            found.rescored.unwrap() >= df(common),
            "every holder of the term is scored again"
        );
    }

    #[test]
    fn numbers_the_last_pass_never_had_start_over() {
        let (mut inter, mut rng) = (Interner::default(), Rng::new(14));
        let (items, last) = corpus(&mut inter, &mut rng);
        let mut old_of: Vec<Option<u32>> = (0..items.len() as u32).map(Some).collect();
        old_of[7] = Some(items.len() as u32 + 5);
        assert_eq!(
            continue_and_compare(&inter, &last, &items, &old_of).rescored,
            None
        );
    }

    #[test]
    fn a_claim_count_on_another_step_starts_over() {
        let (mut inter, mut rng) = (Interner::default(), Rng::new(13));
        let (items, last) = corpus(&mut inter, &mut rng);
        let new = (0..60).map(|_| random_item(&mut inter, &mut rng)).collect();
        let (items, old_of) = edited(&items, 300..310, new);
        assert_eq!(
            continue_and_compare(&inter, &last, &items, &old_of).rescored,
            None
        );
    }
}
