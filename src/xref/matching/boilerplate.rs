//! Boilerplate learnt across the corpus: a sentence that recurs in many articles of one outlet
//! (share bars, page footers with dates, slogans, "Contact the writer at …", standard closing
//! lines) is the outlet's furniture, not a claim. Such sentences are kept out of claim links,
//! reuse and flags.
//!
//! A sentence's shape is its lower-cased words with numbers and web addresses taken out, so a
//! footer that carries the day's date or a share bar that carries the article's short link still
//! counts as one sentence.

use super::model::Claim;
use ahash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

/// Articles of one outlet a sentence must recur in to be boilerplate whatever else they share.
pub const MIN_ARTICLES: usize = 4;
/// Fewest claims of the articles whose one shared sentence is taken for furniture.
pub const LONG_ARTICLE: usize = 6;
/// Sentences longer than this are never taken for furniture by their words alone.
pub const MAX_MARKED_WORDS: usize = 40;

/// Words that mark page furniture: a short sentence holding one is boilerplate wherever it is.
const MARKERS: &[&str] = &[
    "permalink",
    "facebook twitter",
    "contact the writer",
    "do not necessarily reflect",
    "views expressed",
    "story suggestion",
    "editorial policy",
    "all rights reserved",
    "click here",
    "follow us",
    "sign up for",
    "sign up to our",
    "newsletter",
    "news agencies",
    "subscribe to",
    "contributed to this report",
    "is not responsible for the material",
    "getinspired",
    "for more ideas information and inspiration",
    "commentary listings",
    "is broadcast on",
    "latest rumours and stories",
];

/// The shape two copies of a boilerplate sentence share.
pub fn shape(t: &str) -> String {
    t.split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www.") && !w.contains('@'))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per global claim (in `claims` order, article by article), whether it is boilerplate.
/// `outlet_of` gives each article's outlet (its host or name); articles without one are only
/// checked for furniture words.
///
/// A sentence is boilerplate when it holds furniture words (see `MARKERS`), recurs in at least
/// [`MIN_ARTICLES`] articles of its outlet, or recurs in two or more articles of its outlet that
/// share no other sentence: a footer or a column's standing note does, a story's background
/// paragraph reused in a follow-up comes with others.
pub fn find(claims: &[Vec<Claim>], outlet_of: &[Option<String>]) -> Vec<bool> {
    let shapes: Vec<Vec<String>> = claims
        .iter()
        .map(|cs| cs.iter().map(|c| shape(&c.text)).collect())
        .collect();
    // (outlet, shape) → articles it appears in.
    let mut seen: HashMap<(Option<&str>, &str), BTreeSet<usize>> = HashMap::new();
    // Only articles that name their outlet are grouped: sources without one are not one outlet.
    for (a, ss) in shapes
        .iter()
        .enumerate()
        .filter(|(a, _)| outlet_of[*a].is_some())
    {
        for s in ss.iter().filter(|s| s.split(' ').count() >= 3) {
            seen.entry((outlet_of[a].as_deref(), s.as_str()))
                .or_default()
                .insert(a);
        }
    }
    // Sentences recurring in articles that share nothing else, found again once those are known
    // (two promos recurring together in the same two articles are both furniture).
    let mut out = marked_or_common(claims, &shapes, &seen, outlet_of);
    for _ in 0..3 {
        let next = alone(&shapes, &seen, outlet_of, &out);
        if next == out {
            break;
        }
        out = next;
    }
    out
}

type Seen<'s> = HashMap<(Option<&'s str>, &'s str), BTreeSet<usize>>;

/// Per global claim: holds furniture words, or recurs in [`MIN_ARTICLES`] articles of its outlet.
fn marked_or_common(
    claims: &[Vec<Claim>],
    shapes: &[Vec<String>],
    seen: &Seen<'_>,
    outlet_of: &[Option<String>],
) -> Vec<bool> {
    let mut out = Vec::with_capacity(claims.iter().map(Vec::len).sum());
    for (a, ss) in shapes.iter().enumerate() {
        for (c, s) in claims[a].iter().zip(ss) {
            let marked = c.text.split_whitespace().count() <= MAX_MARKED_WORDS
                && MARKERS.iter().any(|m| s.contains(m));
            let n = seen
                .get(&(outlet_of[a].as_deref(), s.as_str()))
                .map_or(0, BTreeSet::len);
            out.push(marked || n >= MIN_ARTICLES);
        }
    }
    out
}

/// `known` (per global claim) and the sentences that recur in two or more articles of their
/// outlet sharing no other sentence that is not known boilerplate.
fn alone(
    shapes: &[Vec<String>],
    seen: &Seen<'_>,
    outlet_of: &[Option<String>],
    known: &[bool],
) -> Vec<bool> {
    // Shapes already known as boilerplate, per outlet.
    let mut boiler: ahash::HashSet<(Option<&str>, &str)> = ahash::HashSet::default();
    let mut g = 0;
    for (a, ss) in shapes.iter().enumerate() {
        for s in ss {
            if known[g] {
                boiler.insert((outlet_of[a].as_deref(), s.as_str()));
            }
            g += 1;
        }
    }
    // How many recurring, not yet boilerplate sentences each article pair shares.
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for arts in (seen.iter())
        .filter(|(k, a)| a.len() >= 2 && !boiler.contains(*k))
        .map(|(_, a)| a)
    {
        let v: Vec<usize> = arts.iter().copied().collect();
        for (i, &x) in v.iter().enumerate() {
            for &y in &v[i + 1..] {
                *shared.entry((x, y)).or_default() += 1;
            }
        }
    }
    let mut out = known.to_vec();
    let mut g = 0;
    for (a, ss) in shapes.iter().enumerate() {
        for s in ss {
            if !out[g]
                && let Some(arts) = seen.get(&(outlet_of[a].as_deref(), s.as_str()))
                && arts.len() >= 2
            {
                let v: Vec<usize> = arts.iter().copied().collect();
                // In a short article one shared sentence is much of it: not furniture.
                let long = v.iter().all(|&x| shapes[x].len() >= LONG_ARTICLE);
                out[g] = long
                    && v.iter().enumerate().all(|(i, &x)| {
                        v[i + 1..]
                            .iter()
                            .all(|&y| shared.get(&(x, y)).copied() == Some(1))
                    });
            }
            g += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_drops_numbers_links_and_addresses() {
        assert_eq!(
            shape("Contact the writer atedzhang@chinadaily.com.cn (China Daily 12/09/2016 page12)"),
            "contact the writer china daily page"
        );
        assert_eq!(
            shape("Send Facebook Twitter Permalink http://dw.com/p/1JRGC"),
            shape("Send Facebook Twitter Permalink http://dw.com/p/2XYZ")
        );
    }
}
