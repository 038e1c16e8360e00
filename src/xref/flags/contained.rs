//! Sentences repeated word for word inside a longer sentence of the same article: a tweet or
//! post quoted in the text and then again by its scraped embed, a pull-quote glued to the
//! sentence it repeats. Word-overlap scoring rates such a pair low (the longer sentence holds
//! much more), so these are found apart: by the first words of each sentence, and by a long run
//! of words that comes twice in one sentence (when the splitter could not part a quotation from
//! its repeat).

use super::corpus::Work;
use super::flags::{Draft, PASSAGE_SEVERITY, on_purpose, place};
use super::model::{Claim, FlagKind};
use super::text;
use ahash::HashMap;
use std::collections::BTreeMap;

/// Words a sentence needs to count as a repeated passage inside another.
const MIN_WORDS: usize = 10;
/// Words looked up at once: the start of a sentence found inside a longer one.
const SHINGLE: usize = 5;
/// A run of this many words that comes twice in one sentence is a repeated passage (a quotation
/// and its repeat the splitter could not part). Across two sentences, runs this long were tried
/// and dropped: they also pair a repeated appositive ("said Kabulov, who is director of the
/// Second Asian Department at the Russian Foreign Ministry") or a press release's stock line.
const RUN: usize = 15;

/// Adds to `by_lines` (article, earlier line, later line → flag) every claim of an article
/// repeated inside a longer claim of the same article.
pub fn contained_passages(w: &Work, by_lines: &mut BTreeMap<(usize, usize, usize), Draft>) {
    let mut start = 0;
    while start < w.gid.len() {
        let art = w.gid[start].0;
        let end = start + w.gid[start..].iter().take_while(|g| g.0 == art).count();
        for (first, second) in contained_in(&w.claims[art]) {
            if on_purpose(w, art, first, second) {
                continue;
            }
            let (cf, cs) = (&w.claims[art][first], &w.claims[art][second]);
            let d = by_lines.entry((art, cf.line, cs.line)).or_insert_with(|| {
                let message = if first == second {
                    format!(
                        "a passage at {} comes twice in it, verbatim",
                        place(w, art, cf)
                    )
                } else {
                    format!(
                        "the passage at {} appears again (verbatim, inside a longer sentence) at {}",
                        place(w, art, cf),
                        place(w, art, cs)
                    )
                };
                Draft::new(FlagKind::DuplicatePassage, PASSAGE_SEVERITY, art, message)
            });
            d.cite_claim(w, start + second);
            d.cite_claim(w, start + first);
        }
        start = end;
    }
}

/// Pairs (earlier, later) of claim indices where the shorter claim's words (at least
/// [`MIN_WORDS`]) run, in order, inside the longer claim; and (i, i) where a run of [`RUN`]
/// words comes twice in claim i.
fn contained_in(claims: &[Claim]) -> Vec<(usize, usize)> {
    // Words as numbers (one per distinct word of the article): runs of them are compared and
    // hashed many times over, and numbers do that far faster than strings.
    let texts: Vec<String> = claims.iter().map(|c| text::normalised(&c.text)).collect();
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let words: Vec<Vec<u32>> = (texts.iter())
        .map(|t| {
            t.split(' ')
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut starts: HashMap<&[u32], Vec<usize>> = HashMap::default();
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
                    out.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    for (j, ws) in words.iter().enumerate() {
        // Where each run of RUN words of this claim was first seen.
        let mut seen: HashMap<&[u32], usize> = HashMap::default();
        for (q, run) in ws.windows(RUN).enumerate() {
            match seen.get(run) {
                Some(&p) if q >= p + RUN => {
                    out.push((j, j));
                    break;
                }
                Some(_) => {}
                None => {
                    seen.insert(run, q);
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
        assert_eq!(contained_in(&claims), vec![(0, 1)]);
    }

    #[test]
    fn a_long_run_twice_in_one_sentence_is_found() {
        let t = "In a post he wrote: \"The threat from the storm is very real, just look at what is happening along the coast and in the hills. Stay safe!\" The threat from the storm is very real, just look at what is happening along the coast and in the hills.";
        assert_eq!(contained_in(&[claim(t)]), vec![(0, 0)]);
        let once = "The threat from the storm is very real, just look at what is happening along the coast and in the hills.";
        assert!(contained_in(&[claim(once)]).is_empty());
    }
}
