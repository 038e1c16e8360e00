//! Paragraphs each printed twice in a row: a scraped photo gallery that carries every caption
//! in two views, or a page element the scrape took twice. Each pair is a true duplicate, but a
//! reader needs one flag for the run, not forty: three or more such pairs in one article are
//! raised as one `duplicate_passage` citing them all.

use super::flags::Draft;
use std::collections::{BTreeMap, BTreeSet};

/// Fewest paragraphs printed twice in a row in one article for them to be one flag.
pub const MIN_DOUBLED: usize = 3;

/// Key of a duplicate-passage draft: article, earlier line, later line.
pub type Lines = (usize, usize, usize);

/// Replaces, per article, the drafts in `doubled` (verbatim repeats of a paragraph in the very
/// next one) with one draft for them all, when there are at least [`MIN_DOUBLED`].
pub fn group(by_lines: &mut BTreeMap<Lines, Draft>, doubled: &BTreeSet<Lines>) {
    let mut per_article: BTreeMap<usize, Vec<Lines>> = BTreeMap::new();
    for k in doubled.iter().filter(|k| by_lines.contains_key(k)) {
        per_article.entry(k.0).or_default().push(*k);
    }
    for (art, keys) in per_article {
        if keys.len() < MIN_DOUBLED {
            continue;
        }
        let lines = keys.iter().flat_map(|k| [k.1, k.2]);
        let (first, last) = (lines.clone().min().unwrap_or(0), lines.max().unwrap_or(0));
        let mut one: Option<Draft> = None;
        for k in &keys {
            let Some(d) = by_lines.remove(k) else {
                continue;
            };
            let Some(all) = one.as_mut() else {
                one = Some(d);
                continue;
            };
            for c in d.claims {
                if !all.claims.contains(&c) {
                    all.claims.push(c);
                }
            }
            for e in d.evidence {
                if !all.evidence.contains(&e) {
                    all.evidence.push(e);
                }
            }
        }
        if let Some(mut d) = one {
            d.message = format!(
                "{} paragraphs are each printed twice in a row, lines {first}–{last} (a photo \
                 gallery or page element scraped twice)",
                keys.len()
            );
            by_lines.insert((art, first, last), d);
        }
    }
}
