//! Claim matching. Candidates come from an inverted index over rare terms (as passim does: a term
//! is indexed only when it occurs in at most [`MAX_DF`] claims; each claim looks up its
//! [`RARE_PER_CLAIM`] rarest terms and keeps claims sharing two of them), so the work grows with
//! the number of claims times a constant, not with its square. Candidates are then scored
//! precisely: idf-weighted cosine of the term sets, with the overlap outside names required (two
//! sentences that only share names are not the same claim) and a bonus for equal figures.

use std::collections::HashMap;

/// A term in more claims than this is not indexed (still scored).
pub const MAX_DF: usize = 100;
/// How many of its rarest terms a claim looks up.
pub const RARE_PER_CLAIM: usize = 8;
/// Score at or above which two claims are the same claim.
pub const MATCH: f64 = 0.5;
/// Score at or above which two claims are about the same subject (figure timelines, verdicts).
pub const RELATED: f64 = 0.25;

/// What the matcher needs to know about one claim.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Interned term ids, sorted, unique.
    pub terms: Vec<u32>,
    /// Subset of `terms` that come from names, sorted.
    pub names: Vec<u32>,
    /// Exact figure keys (kind, thousandths, currency).
    pub figures: Vec<(u8, i64, u8)>,
}

/// A scored pair of claims (`a < b`, indices into the items).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    /// Same-claim score (see [`score`]).
    pub score: f64,
    /// Relatedness, names included (idf cosine, or overlap with the shorter claim): "about the
    /// same subject".
    pub cosine: f64,
}

/// Interns terms. Ids follow first appearance and are never reassigned, so `serve` keeps one
/// interner from pass to pass; nothing in the output depends on the ids themselves (ties between
/// terms break on [`Interner::order_keys`], sums are exact: see [`Index`]). The map is only looked
/// up, never iterated, so its hasher does not matter for the output.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32, ahash::RandomState>,
    /// Per id, a hash of the term's text (FNV-1a): an order of terms that does not depend on
    /// which article was read first.
    order: Vec<u64>,
}

impl Interner {
    /// Id of a term, assigning the next one when new (allocating only then).
    pub fn id(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.ids.get(t) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(t.to_string(), next);
        self.order.push(fnv1a(t));
        next
    }

    /// Per id, the key that orders terms independently of their ids.
    pub fn order_keys(&self) -> &[u64] {
        &self.order
    }

    /// Number of terms interned.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Id of a known term.
    pub fn get(&self, t: &str) -> Option<u32> {
        self.ids.get(t).copied()
    }
}

/// 64-bit FNV-1a hash of a term: stable across runs and machines.
fn fnv1a(t: &str) -> u64 {
    t.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Squared weights are summed in fixed point (this many fractional bits) so that a sum does not
/// depend on the order of its terms, and so not on term ids.
const FIXED: f64 = (1u64 << 40) as f64;

/// Term statistics and postings for a set of items.
#[derive(Default)]
pub struct Index {
    pub df: Vec<u32>,
    pub weight: Vec<f64>,
    /// Squared weights in fixed point (see [`FIXED`]).
    w2: Vec<u64>,
    /// Per term id, its [`Interner::order_keys`] entry.
    order: Vec<u64>,
    /// Per term id, the items holding it when it is rare enough to be looked up: term `t`'s
    /// are `postings[starts[t]..starts[t + 1]]` (one list, no allocation per term).
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// The number of items.
    n: f64,
}

impl Index {
    /// Builds the index over `items`, whose term ids come from `interner`. A term no item holds
    /// (interned by an earlier pass) is unknown to the index, as if never interned.
    pub fn new(items: &[Item], interner: &Interner) -> Index {
        let mut df = vec![0u32; interner.len()];
        for it in items {
            for &t in &it.terms {
                df[t as usize] += 1;
            }
        }
        let n = items.len() as f64;
        let weight: Vec<f64> = df.iter().map(|&d| idf(n, d)).collect();
        let w2 = weight.iter().map(|w| fixed(w * w)).collect();
        let rare = |d: u32| (d as usize) <= MAX_DF;
        let mut starts = Vec::with_capacity(df.len() + 1);
        let mut total = 0u32;
        for &d in &df {
            starts.push(total);
            total += if rare(d) { d } else { 0 };
        }
        starts.push(total);
        let mut next = starts.clone();
        let mut postings = vec![0u32; total as usize];
        for (i, it) in items.iter().enumerate() {
            for &t in &it.terms {
                if rare(df[t as usize]) {
                    postings[next[t as usize] as usize] = i as u32;
                    next[t as usize] += 1;
                }
            }
        }
        Index {
            df,
            weight,
            w2,
            order: interner.order_keys().to_vec(),
            starts,
            postings,
            n,
        }
    }

    /// The items holding term `t` when it is rare enough to be looked up (else none).
    fn postings(&self, t: u32) -> &[u32] {
        match (self.starts.get(t as usize), self.starts.get(t as usize + 1)) {
            (Some(&a), Some(&b)) => &self.postings[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Per term id, whether a claim holding the term may score or look up differently under
    /// `self` than under `old` (an index of an earlier pass over the same interner): its weight
    /// changed, or its count did while it is rare enough to be looked up. `None` when every
    /// weight changed (the claim count changed).
    pub(super) fn changed_since(&self, old: &Index) -> Option<Vec<bool>> {
        if self.n.to_bits() != old.n.to_bits() {
            return None;
        }
        let changed = (0..self.df.len())
            .map(|t| {
                let (now, was) = (self.df[t], old.df.get(t).copied().unwrap_or(0));
                now != was
                    && (now.min(was) as usize <= MAX_DF
                        || old.w2.get(t).is_none_or(|&w| w != self.w2[t]))
            })
            .collect();
        Some(changed)
    }

    /// Whether some item holds the term.
    pub fn knows(&self, t: u32) -> bool {
        self.df.get(t as usize).is_some_and(|&d| d > 0)
    }

    /// Weight of a term id (idf); unknown terms weigh like a term seen once.
    pub fn w(&self, t: u32) -> f64 {
        if self.knows(t) {
            self.weight[t as usize]
        } else {
            idf(self.n, 1)
        }
    }

    /// Squared weight in fixed point.
    fn w2(&self, t: u32) -> u64 {
        if self.knows(t) {
            self.w2[t as usize]
        } else {
            fixed(self.w(t).powi(2))
        }
    }

    /// The rare terms a claim looks up: at most [`RARE_PER_CLAIM`] of `terms` held by at most
    /// [`MAX_DF`] items, rarest first (ties broken by [`Interner::order_keys`]).
    pub(super) fn lookup(&self, terms: &[u32]) -> Lookup {
        let mut r: Vec<u32> = terms
            .iter()
            .copied()
            .filter(|&t| {
                let d = self.df.get(t as usize).copied().unwrap_or(0) as usize;
                (1..=MAX_DF).contains(&d)
            })
            .collect();
        r.sort_by_key(|&t| (self.df[t as usize], self.order[t as usize], t));
        let mut out = [NO_TERM; RARE_PER_CLAIM];
        for (o, t) in out.iter_mut().zip(r) {
            *o = t;
        }
        out
    }

    /// Items sharing at least [`needed`] of the terms `lookup` looks up, in no particular order.
    /// `seen` is scratch space with a zero per item, left all zero.
    pub(super) fn candidates(&self, lookup: &Lookup, seen: &mut [u8]) -> Vec<u32> {
        let need = needed(lookup);
        let postings = || looked_up(lookup).iter().flat_map(|&t| self.postings(t));
        counted_to(postings, |_| need, seen)
    }

    /// The reverse of [`Index::candidates`]: the items `j` whose own lookup (`lookups[j]`)
    /// finds an item holding `terms`, in no particular order. `seen` as there.
    pub(super) fn finders(&self, terms: &[u32], lookups: &[Lookup], seen: &mut [u8]) -> Vec<u32> {
        let holders = || {
            terms.iter().flat_map(|&t| {
                // A lookup's padding is no term, so the whole array can be searched.
                (self.postings(t).iter()).filter(move |&&j| lookups[j as usize].contains(&t))
            })
        };
        counted_to(holders, |j| needed(&lookups[j as usize]), seen)
    }
}

/// The items that `hits` (an iterator made afresh on each call) names at least `need(item)`
/// times, in order of reaching it. `seen` is scratch space with a zero per item, left all zero.
fn counted_to<'a, I: Iterator<Item = &'a u32>>(
    hits: impl Fn() -> I,
    need: impl Fn(u32) -> u8,
    seen: &mut [u8],
) -> Vec<u32> {
    let mut out = Vec::new();
    for &i in hits() {
        let n = &mut seen[i as usize];
        *n += 1;
        if *n == need(i) {
            out.push(i);
        }
    }
    for &i in hits() {
        seen[i as usize] = 0;
    }
    out
}

/// The rare terms one claim looks up (at most [`RARE_PER_CLAIM`] of its terms in at most
/// [`MAX_DF`] claims, rarest first), padded with [`NO_TERM`].
pub type Lookup = [u32; RARE_PER_CLAIM];

/// Padding of a [`Lookup`].
pub const NO_TERM: u32 = u32::MAX;

/// The terms a lookup holds.
fn looked_up(lookup: &Lookup) -> &[u32] {
    let n = lookup
        .iter()
        .position(|&t| t == NO_TERM)
        .unwrap_or(RARE_PER_CLAIM);
    &lookup[..n]
}

/// Whether the item looking up `lookup` finds an item holding `terms` (sorted): the test
/// [`Index::candidates`] makes through the postings, made on the two items alone.
pub(super) fn finds(lookup: &Lookup, terms: &[u32]) -> bool {
    let shared = (looked_up(lookup).iter())
        .filter(|t| terms.binary_search(t).is_ok())
        .count();
    shared >= needed(lookup) as usize
}

/// How many looked-up terms a candidate must share: two, or one when only one is looked up.
fn needed(lookup: &Lookup) -> u8 {
    if lookup[1] == NO_TERM { 1 } else { 2 } // padding comes last
}

/// Similarity of two claims in 0..=1 (0 when they only share names or little content).
pub fn score(ix: &Index, a: &Item, b: &Item) -> f64 {
    score_parts(ix, a, b).0
}

/// (same-claim score, plain cosine) of two claims.
pub fn score_parts(ix: &Index, a: &Item, b: &Item) -> (f64, f64) {
    score_with(ix, a, b, Norms::of(ix, a), Norms::of(ix, b))
}

/// Inverse document frequency of a term held by `df` of `n` claims. Exact: `build` and `serve`
/// score with the same weights, whatever `serve` keeps from the last pass.
fn idf(n: f64, df: u32) -> f64 {
    ((n + 1.0) / (f64::from(df) + 0.5)).ln().max(0.1)
}

/// A squared weight in fixed point.
fn fixed(w2: f64) -> u64 {
    (w2 * FIXED).round() as u64
}

/// The squared term weights of an item summed over all its terms and over its terms outside
/// names, in fixed point (what [`score_parts`] divides by); [`super::pairs`] computes them once per item.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Norms {
    all: u64,
    content: u64,
}

impl Norms {
    pub(super) fn of(ix: &Index, it: &Item) -> Norms {
        let (mut all, mut content) = (0u64, 0u64);
        for &t in &it.terms {
            let w2 = ix.w2(t);
            all = all.saturating_add(w2);
            if it.names.binary_search(&t).is_err() {
                content = content.saturating_add(w2);
            }
        }
        Norms { all, content }
    }
}

/// [`score_parts`] with both items' [`Norms`] given.
pub(super) fn score_with(
    ix: &Index,
    a: &Item,
    b: &Item,
    norm_a: Norms,
    norm_b: Norms,
) -> (f64, f64) {
    let (mut shared, mut shared_content, mut n_content) = (0u64, 0u64, 0usize);
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].cmp(&b.terms[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let t = a.terms[i];
                let w2 = ix.w2(t);
                shared = shared.saturating_add(w2);
                if a.names.binary_search(&t).is_err() && b.names.binary_search(&t).is_err() {
                    shared_content = shared_content.saturating_add(w2);
                    n_content += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if norm_a.all == 0 || norm_b.all == 0 {
        return (0.0, 0.0);
    }
    // Ratios of sums: the fixed-point scale cancels.
    let (shared, na, nb) = (shared as f64, norm_a.all as f64, norm_b.all as f64);
    let cos = shared / (na * nb).sqrt();
    let related = cos.max(0.6 * shared / na.min(nb));
    let content = norm_a.content.saturating_add(norm_b.content).max(1);
    let dice = 2.0 * shared_content as f64 / content as f64;
    if dice < 0.3 || n_content < 2 {
        return (0.0, related);
    }
    let small = a.terms.len().min(b.terms.len());
    let contain = if small >= 6 && n_content >= 4 {
        0.85 * shared / na.min(nb)
    } else {
        0.0
    };
    let same_figure = a.figures.iter().any(|f| b.figures.contains(f));
    (
        (cos.max(contain) + if same_figure { 0.05 } else { 0.0 }).min(1.0),
        related,
    )
}

/// The item scoring highest against `probe` (at least `min`; ties go to the lower index), among
/// the candidates the index finds for it and `keep` accepts. The probe need not be in `items`:
/// its terms unknown to the index weigh like terms seen once (see [`Index::w`]).
pub fn best_match(
    ix: &Index,
    items: &[Item],
    probe: &Item,
    min: f64,
    keep: impl Fn(usize) -> bool,
) -> Option<(usize, f64)> {
    let mut seen = vec![0u8; items.len()];
    let norm = Norms::of(ix, probe);
    let mut best: Option<(usize, f64)> = None;
    for j in ix.candidates(&ix.lookup(&probe.terms), &mut seen) {
        let j = j as usize;
        if !keep(j) {
            continue;
        }
        let (score, _) = score_with(ix, probe, &items[j], norm, Norms::of(ix, &items[j]));
        let better = best.is_none_or(|(bj, bs)| score > bs || (score == bs && j < bj));
        if score >= min && better {
            best = Some((j, score));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xref::pairs::pairs;
    use crate::xref::text;
    use std::collections::BTreeSet;

    fn items(texts: &[&str]) -> (Vec<Item>, Interner) {
        let mut inter = Interner::default();
        (items_with(texts, &mut inter), inter)
    }

    /// Items of `texts`, their terms numbered by `inter`.
    fn items_with(texts: &[&str], inter: &mut Interner) -> Vec<Item> {
        texts
            .iter()
            .map(|t| {
                let mut terms: Vec<u32> = text::terms(t).iter().map(|s| inter.id(s)).collect();
                terms.sort();
                terms.dedup();
                let names = text::words(t)
                    .iter()
                    .filter(|w| t[w.span.clone()].starts_with(char::is_uppercase))
                    .filter_map(|w| text::term(&w.lower))
                    .map(|s| inter.id(&s))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                Item {
                    terms,
                    names,
                    figures: vec![],
                }
            })
            .collect()
    }

    #[test]
    fn reworded_matches_and_names_only_does_not() {
        let (it, inter) = items(&[
            "Zelensky last month publicly asked South Korea to provide arms to force Russia to relinquish territorial gains.",
            "Zelensky last month publicly called on South Korea to provide weapons to force Russia to give up territorial gains.",
            "Zelensky met South Korea's president in Seoul to discuss trade in semiconductors.",
            "Unrelated filler about football transfers and a pre-match prank by a famous striker.",
        ]);
        let ix = Index::new(&it, &inter);
        assert!(
            score(&ix, &it[0], &it[1]) >= MATCH,
            "{}",
            score(&ix, &it[0], &it[1])
        );
        assert!(score(&ix, &it[0], &it[2]) < MATCH);
        let p = pairs(&ix, &it);
        assert!(p.iter().any(|p| (p.a, p.b) == (0, 1)));
        assert!(!p.iter().any(|p| p.b == 3));
    }

    #[test]
    fn scores_do_not_depend_on_term_ids() {
        let texts = [
            "Zelensky last month publicly asked South Korea to provide arms to force Russia to relinquish territorial gains.",
            "Zelensky last month publicly called on South Korea to provide weapons to force Russia to give up territorial gains.",
            "South Korea will provide weapons, the defence ministry in Seoul said last month.",
            "Russia asked South Korea last month to stop the arms exports to Ukraine.",
        ];
        let (a, ia) = items(&texts);
        // The same texts after an earlier pass interned other words and these in another order.
        let mut ib = Interner::default();
        let mut earlier: Vec<&str> = texts.iter().rev().copied().collect();
        earlier.insert(0, "Quokkas and wallabies were counted.");
        items_with(&earlier, &mut ib);
        let b = items_with(&texts, &mut ib);
        assert_ne!(a[0].terms, b[0].terms, "the ids differ");
        let (pa, pb) = (
            pairs(&Index::new(&a, &ia), &a),
            pairs(&Index::new(&b, &ib), &b),
        );
        assert!(!pa.is_empty());
        assert_eq!(pa, pb, "same pairs, bit-for-bit the same scores");
    }

    #[test]
    fn rare_terms_looked_up_do_not_depend_on_term_ids() {
        // Twelve terms, each in both claims: which 8 are looked up is decided by a tie.
        let texts = [
            "Harbour cranes loaded grain, barley, maize, sunflower oil, wheat, rapeseed, soybeans, sorghum, millet and oats.",
            "Grain, barley, maize, sunflower oil, wheat, rapeseed, soybeans, sorghum, millet and oats left by harbour cranes loaded.",
        ];
        let words = |inter: &Interner, ids: &[u32]| -> BTreeSet<String> {
            let by_id: HashMap<u32, &String> = inter.ids.iter().map(|(k, v)| (*v, k)).collect();
            ids.iter().map(|id| by_id[id].clone()).collect()
        };
        let (a, ia) = items(&texts);
        let mut ib = Interner::default();
        items_with(
            &[texts[0].split(',').rev().collect::<String>().as_str()],
            &mut ib,
        );
        let b = items_with(&texts, &mut ib);
        assert!(a[0].terms.len() > RARE_PER_CLAIM);
        let (ra, rb) = (
            Index::new(&a, &ia).lookup(&a[0].terms),
            Index::new(&b, &ib).lookup(&b[0].terms),
        );
        assert_eq!(looked_up(&ra).len(), RARE_PER_CLAIM);
        assert_eq!(words(&ia, looked_up(&ra)), words(&ib, looked_up(&rb)));
    }

    #[test]
    fn a_term_no_item_holds_is_unknown() {
        let (it, inter) = items(&[
            "Rangers counted quokkas on the island.",
            "Rangers counted wallabies on the island.",
            "Marguerite Xanthopoulos studies quokkas.",
        ]);
        let ix = Index::new(&it[..2], &inter);
        let xanthopoulos = inter.get(&text::term("xanthopoulos").unwrap()).unwrap();
        let rangers = inter.get(&text::term("rangers").unwrap()).unwrap();
        assert!(!ix.knows(xanthopoulos) && ix.knows(rangers));
        assert_eq!(
            ix.w(xanthopoulos),
            ix.w(u32::MAX),
            "weighs like a never-seen term"
        );
    }

    #[test]
    fn best_match_finds_the_reworded_claim_within_what_it_may_keep() {
        let (it, inter) = items(&[
            "Zelensky last month publicly asked South Korea to provide arms to force Russia to relinquish territorial gains.",
            "Zelensky met South Korea's president in Seoul to discuss trade in semiconductors.",
            "Zelensky last month publicly called on South Korea to provide weapons to force Russia to give up territorial gains.",
        ]);
        let ix = Index::new(&it[..2], &inter);
        let probe = &it[2];
        let found = best_match(&ix, &it[..2], probe, MATCH, |_| true);
        assert_eq!(found.map(|(j, _)| j), Some(0));
        assert!(found.unwrap().1 >= MATCH);
        assert_eq!(best_match(&ix, &it[..2], probe, MATCH, |j| j != 0), None);
        assert_eq!(best_match(&ix, &it[..2], probe, 1.01, |_| true), None);
    }
}
