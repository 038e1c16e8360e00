//! Sentence splitting for news copy: splits after `.`, `!`, `?` and `…` when the next word starts
//! a sentence, but not after abbreviations ("Mr.", "U.S.", "No. 10", "Dec. 8", initials) and not
//! inside a balanced quotation, so a quote of several sentences stays one claim.

use super::quotes::quote_regions;
use std::ops::Range;

/// Sentences longer than this are cut at the next space (a 5 MB paragraph is not one claim).
pub const MAX_SENTENCE: usize = 2000;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "gen", "sen", "sens", "rep", "reps", "gov",
    "govs", "lt", "col", "capt", "sgt", "maj", "adm", "rev", "hon", "pres", "no", "nos", "vs", "v",
    "etc", "e.g", "i.e", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "approx", "dept", "est", "fig", "vol", "mt", "ft", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
    "d.c", "u.s.a", "ph.d",
];

/// Byte ranges of the sentences of `text`, trimmed, in order.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let quotes = quote_regions(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut q = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if i < start {
            continue;
        }
        while q < quotes.len() && quotes[q].end <= i {
            q += 1;
        }
        let in_quote = quotes.get(q).is_some_and(|r| r.start < i && i + 1 < r.end);
        let too_long = i - start > MAX_SENTENCE && c.is_whitespace();
        if too_long {
            push(&mut out, text, start..i);
            start = i;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') || in_quote {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Swallow closing quotes, brackets and repeated terminators.
        while let Some(n) = text[end..].chars().next() {
            if matches!(
                n,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']'
            ) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        if end < bytes.len() && !text[end..].starts_with(char::is_whitespace) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..i], &text[end..]) {
            continue;
        }
        if !next_starts_sentence(&text[end..]) {
            continue;
        }
        push(&mut out, text, start..end);
        start = end;
    }
    push(&mut out, text, start..text.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((r.start + lead)..(r.end - trail));
    }
}

/// The word before the dot is an abbreviation or an initial.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let lower = lower.trim_start_matches(['\'', '‘']);
    if lower.chars().count() == 1 && lower.chars().all(char::is_alphabetic) {
        return true; // initial: "J. Smith"
    }
    if !ABBREVIATIONS.contains(&lower) {
        return false;
    }
    // "the U.S. The president…": an abbreviation that ends a sentence is rare except for
    // country initials followed by a pronoun or article.
    let next = after.split_whitespace().next().unwrap_or("");
    let country = matches!(lower, "u.s" | "u.k" | "u.n" | "e.u" | "d.c");
    !(country
        && matches!(
            next,
            "The" | "He" | "She" | "It" | "They" | "We" | "But" | "In"
        ))
}

fn next_starts_sentence(after: &str) -> bool {
    let rest = after.trim_start();
    match rest.chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || matches!(
                    c,
                    '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-' | '•' | '·'
                )
                || c.is_ascii_digit()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Mr. Smith met U.S. officials at No. 10 Downing St. on Dec. 8. They talked.";
        assert_eq!(
            sentences(t),
            [
                "Mr. Smith met U.S. officials at No. 10 Downing St. on Dec. 8.",
                "They talked."
            ]
        );
        let t = "Talks also continued Tuesday between Sens. Bob Corker and John Hoeven. They met twice.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
    }

    #[test]
    fn quotes_spanning_sentences_stay_together() {
        let t = "'It makes no sense. These are linked,' the official added. Next one.";
        assert_eq!(
            sentences(t),
            [
                "'It makes no sense. These are linked,' the official added.",
                "Next one."
            ]
        );
    }

    #[test]
    fn unbalanced_quotes_still_split() {
        let t = "He said “this is open. Then more text follows. And more.";
        assert_eq!(sentences(t).len(), 3);
    }

    #[test]
    fn figures_and_initials() {
        let t = "The deal is worth $4.5 billion. J. K. Rowling agreed! Is it true? Yes.";
        assert_eq!(
            sentences(t),
            [
                "The deal is worth $4.5 billion.",
                "J. K. Rowling agreed!",
                "Is it true?",
                "Yes."
            ]
        );
    }

    #[test]
    fn huge_paragraph_is_cut() {
        let t = "word ".repeat(100_000);
        let s = split(&t);
        assert!(s.len() > 100);
        assert!(s.iter().all(|r| r.len() <= MAX_SENTENCE + 10));
    }
}
