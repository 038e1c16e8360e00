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

/// Articles of one outlet a sentence must recur in to be boilerplate.
pub const MIN_ARTICLES: usize = 4;
/// Fewer suffice for sentences made of share-bar and footer words.
pub const MIN_ARTICLES_MARKED: usize = 2;

/// Words that mark page furniture.
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
    "news agencies",
    "subscribe to",
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
/// `outlet_of` gives each article's outlet (its host or name; `None` groups undated sources).
pub fn find(claims: &[Vec<Claim>], outlet_of: &[Option<String>]) -> Vec<bool> {
    // (outlet, shape) → articles it appears in.
    let mut seen: HashMap<(Option<&str>, String), BTreeSet<usize>> = HashMap::new();
    for (a, cs) in claims.iter().enumerate() {
        for c in cs {
            let s = shape(&c.text);
            if s.split(' ').count() >= 3 {
                seen.entry((outlet_of[a].as_deref(), s))
                    .or_default()
                    .insert(a);
            }
        }
    }
    let mut out = Vec::with_capacity(claims.iter().map(Vec::len).sum());
    for (a, cs) in claims.iter().enumerate() {
        for c in cs {
            let s = shape(&c.text);
            let marked = MARKERS.iter().any(|m| s.contains(m));
            let n = seen
                .get(&(outlet_of[a].as_deref(), s))
                .map_or(0, BTreeSet::len);
            out.push(
                n >= if marked {
                    MIN_ARTICLES_MARKED
                } else {
                    MIN_ARTICLES
                },
            );
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
