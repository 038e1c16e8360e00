//! Corrections: an article that says it corrects another ("CORRECTED - …" wire re-sends, "An
//! earlier version of this story said …") is linked to the article it corrects, and the words
//! that changed are named ("loss six cts" → "profit six cts"). Both articles get an `info` flag:
//! a correction is news about the record, not an error in the article that carries it.

use super::clusters::word_diff;
use super::corpus::Work;
use super::flags::Draft;
use super::model::{FlagKind, Severity};
use super::text;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// A title that announces a correction, as wires send them ("CORRECTED - …", "Correction: …").
static TITLE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:CORRECTED|CORRECTION|REFILE-CORRECTED)\b|^(?i:corrected|correction)\s*[:\-–—]")
        .expect("correction title")
});

/// An editor's note that says the text was corrected (a market "correction" is not one).
static NOTE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\ban earlier version of this (?:article|story|report)\b|\b(?:article|story|report) has been (?:corrected|updated to correct)\b|\bcorrects (?:an|the) (?:earlier|previous) (?:version|story|report)\b")
        .expect("correction note")
});

/// Most changed words a corrected sentence may have (more is a rewrite, not a correction).
const MAX_CHANGED: usize = 4;

/// Whether article `a` says it is a correction (in its title, or an editor's note at the top or
/// the end of its body).
pub fn is_correction(w: &Work, a: usize) -> bool {
    let art = &w.corpus.articles[a];
    TITLE_MARK.is_match(art.title.value.trim())
        || art.body().take(2).any(|b| NOTE_MARK.is_match(&b.text))
        || art
            .body()
            .last()
            .is_some_and(|b| NOTE_MARK.is_match(&b.text))
}

/// Corrections and the article each corrects: the earlier (or same-day) article it shares the
/// most matched claims with.
pub fn pairs(w: &Work) -> BTreeMap<usize, usize> {
    let corrections: BTreeSet<usize> = (0..w.corpus.articles.len())
        .filter(|&a| is_correction(w, a))
        .collect();
    if corrections.is_empty() {
        return BTreeMap::new();
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for p in w.matched() {
        let (x, y) = (w.gid[p.a].0, w.gid[p.b].0);
        for (c, o) in [(x, y), (y, x)] {
            if c != o && corrections.contains(&c) && !corrections.contains(&o) && not_later(w, o, c)
            {
                *shared.entry((c, o)).or_default() += 1;
            }
        }
    }
    let mut best: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for ((c, o), n) in shared {
        let e = best.entry(c).or_insert((o, n));
        if n > e.1 {
            *e = (o, n);
        }
    }
    // The original is the same story: at least half of the correction's claims are in it (a
    // correction note in an article with no earlier version here corrects nothing here).
    best.into_iter()
        .filter(|&(c, (_, n))| n >= 2 && 2 * n >= w.claims[c].len())
        .map(|(c, (o, _))| (c, o))
        .collect()
}

fn not_later(w: &Work, o: usize, c: usize) -> bool {
    match (w.date(o), w.date(c)) {
        (Some(d_o), Some(dc)) => d_o <= dc,
        _ => true,
    }
}

/// `correction` flags on both articles of each pair, naming the changed words.
pub fn flags(w: &Work, out: &mut Vec<Draft>) {
    for (c, o) in pairs(w) {
        let changes = changed_sentences(w, c, o);
        let what = if changes.is_empty() {
            "no sentence differs in a few words".to_string()
        } else {
            changes
                .iter()
                .map(|(_, _, was, now)| format!("“{was}” → “{now}”"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (cf, of) = (&w.corpus.articles[c].file, &w.corpus.articles[o].file);
        let mut d = Draft::new(
            FlagKind::Correction,
            Severity::Info,
            c,
            format!("corrects {of}: {what}"),
        );
        let mut back = Draft::new(
            FlagKind::Correction,
            Severity::Info,
            o,
            format!("corrected by {cf}: {what}"),
        );
        d.related.insert(o);
        back.related.insert(c);
        for &(gc, go, _, _) in changes.iter().take(3) {
            d.cite_claim(w, gc);
            d.cite_claim(w, go);
            back.cite_claim(w, go);
            back.cite_claim(w, gc);
        }
        if let Some(&(gc, go, _, _)) = changes.first() {
            d.diff = Some(word_diff(&w.claim(go).text, &w.claim(gc).text));
        }
        out.push(d);
        out.push(back);
    }
}

/// Matched sentences of correction `c` and original `o` that differ in a few words: (claim of
/// `c`, claim of `o`, the original's words, the correction's words).
fn changed_sentences(w: &Work, c: usize, o: usize) -> Vec<(usize, usize, String, String)> {
    let mut out = Vec::new();
    for p in w.matched() {
        let (ga, gb) = if w.gid[p.a].0 == c {
            (p.a, p.b)
        } else {
            (p.b, p.a)
        };
        if w.gid[ga].0 != c || w.gid[gb].0 != o {
            continue;
        }
        let (nc, no) = (
            text::normalised(&w.claim(ga).text),
            text::normalised(&w.claim(gb).text),
        );
        if nc == no {
            continue;
        }
        if let Some((was, now)) = changed_words(&no, &nc) {
            out.push((ga, gb, was, now));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The span of words that differs between two normalised sentences, with one word of context
/// each side when there is one: ("loss six cts", "profit six cts").
pub fn changed_words(old: &str, new: &str) -> Option<(String, String)> {
    let (wo, wn): (Vec<&str>, Vec<&str>) = (old.split(' ').collect(), new.split(' ').collect());
    let head = wo.iter().zip(&wn).take_while(|(a, b)| a == b).count();
    let tail = (wo[head..].iter().rev())
        .zip(wn[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (eo, en) = (wo.len() - tail, wn.len() - tail);
    if eo - head > MAX_CHANGED || en - head > MAX_CHANGED {
        return None;
    }
    let from = head.saturating_sub(usize::from(head > 0 && eo == head));
    let (to_o, to_n) = ((eo + 2).min(wo.len()), (en + 2).min(wn.len()));
    Some((wo[from..to_o].join(" "), wn[from..to_n].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::changed_words;

    #[test]
    fn the_changed_words_with_what_they_measure() {
        assert_eq!(
            changed_words(
                "acme corp 1st qtr loss six cts a share",
                "acme corp 1st qtr profit six cts a share"
            ),
            Some(("loss six cts".into(), "profit six cts".into()))
        );
        assert_eq!(changed_words("a b c d e f g h", "z y x w v u t s"), None);
    }
}
