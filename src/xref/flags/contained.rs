//! Sentences repeated word for word inside a longer sentence of the same article: a tweet or
//! post quoted in the text and then again by its scraped embed, a pull-quote glued to the
//! sentence it repeats. Word-overlap scoring rates such a pair low (the longer sentence holds
//! much more), so these are found apart, by the first words of each sentence.

use super::corpus::Work;
use super::flags::{Draft, place, restates_lead};
use super::model::{Claim, FlagKind, Severity};
use super::text;
use ahash::HashMap;
use std::collections::BTreeMap;

/// Words a sentence needs to count as a repeated passage inside another.
const MIN_WORDS: usize = 10;
/// Words looked up at once: the start of a sentence found inside a longer one.
const SHINGLE: usize = 5;

/// Adds to `by_lines` (article, earlier line, later line → flag) every claim of an article
/// repeated inside a longer claim of the same article.
pub fn contained_passages(w: &Work, by_lines: &mut BTreeMap<(usize, usize, usize), Draft>) {
    let mut start = 0;
    while start < w.gid.len() {
        let art = w.gid[start].0;
        let end = start + w.gid[start..].iter().take_while(|g| g.0 == art).count();
        for (short, long) in contained_in(&w.claims[art]) {
            let (first, second) = (short.min(long), short.max(long));
            if restates_lead(&w.claims[art], first, second) {
                continue;
            }
            let (cf, cs) = (&w.claims[art][first], &w.claims[art][second]);
            let d = by_lines.entry((art, cf.line, cs.line)).or_insert_with(|| {
                Draft::new(
                    FlagKind::DuplicatePassage,
                    Severity::Warning,
                    art,
                    format!(
                        "the passage at {} appears again (verbatim, within a longer sentence) at {}",
                        place(w, art, cf),
                        place(w, art, cs)
                    ),
                )
            });
            d.cite_claim(w, start + second);
            d.cite_claim(w, start + first);
        }
        start = end;
    }
}

/// Pairs (shorter, longer) of claim indices where the shorter claim's words (at least
/// [`MIN_WORDS`]) run, in order, inside the longer claim.
fn contained_in(claims: &[Claim]) -> Vec<(usize, usize)> {
    let words: Vec<Vec<String>> = claims
        .iter()
        .map(|c| {
            text::normalised(&c.text)
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    let mut starts: HashMap<&[String], Vec<usize>> = HashMap::default();
    for (i, ws) in words.iter().enumerate() {
        if ws.len() >= MIN_WORDS {
            starts.entry(&ws[..SHINGLE]).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    if starts.is_empty() {
        return out;
    }
    for (j, long) in words.iter().enumerate() {
        for (pos, window) in long.windows(SHINGLE).enumerate() {
            for &i in starts.get(window).map_or(&[][..], Vec::as_slice) {
                if i != j && words[i].len() < long.len() && long[pos..].starts_with(&words[i]) {
                    out.push((i, j));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(t: &str) -> Claim {
        Claim {
            text: t.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_sentence_inside_a_longer_one_is_found_and_a_shared_start_is_not() {
        let claims = [
            claim(
                "\"Travel is NOT recommended tomorrow morning due to heavy snow across the state. If you must go out, carry a kit,\" the service said.",
            ),
            claim("Travel is NOT recommended tomorrow morning due to heavy snow across the state."),
            claim(
                "Travel is NOT recommended tomorrow morning due to heavy rain in the north of the state.",
            ),
        ];
        assert_eq!(contained_in(&claims), vec![(1, 0)]);
    }
}
