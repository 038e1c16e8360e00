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
    "d.c", "u.s.a", "ph.d", "u.s.c", "h.r",
];

/// Dotted state abbreviations that end many a dateline or sentence ("in Concord, N.H."): never
/// read as a person's initials.
const STATES: &[&str] = &[
    "n.h", "n.y", "n.j", "n.c", "s.c", "n.d", "s.d", "n.m", "r.i", "l.a",
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
    if initials_before_name(before, lower, after) {
        return true; // "Lt. Gen. H.R. McMaster", "author J.K. Rowling"
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

/// Dotted initials ("H.R", "J.K") before a capitalised name, not after a comma ("Warren, N.H.")
/// and not a state's abbreviation, are a person's initials, not a sentence's end.
fn initials_before_name(before: &str, word: &str, after: &str) -> bool {
    let letters: Vec<&str> = word.split('.').collect();
    let dotted = (2..=3).contains(&letters.len())
        && letters
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic));
    if !dotted || STATES.contains(&word) {
        return false;
    }
    let prev = before.trim_end().rsplit(' ').nth(1).unwrap_or("");
    let next = after.split_whitespace().next().unwrap_or("");
    let mut chars = next.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_lowercase);
    let word_after = next.trim_end_matches([',', '.', ';', ':']).to_lowercase();
    capitalised && !super::text::is_stop(&word_after) && !prev.ends_with(',') && !prev.is_empty()
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
    fn dotted_initials_before_a_name_do_not_split() {
        // Politico and CNN (corpus12): "Lt. Gen. H.R. McMaster" was cut after "H.R.".
        let t = "Spicer said the new national security adviser, Lt. Gen. H.R. McMaster, will have full authority. He starts Monday.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
        let t = "The proclamation cites 8 U.S.C. 1182(f) as its authority. It took effect.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
        // A state after a comma, or a sentence opening with initials, still ends a sentence.
        let t = "He spoke in Concord, N.H. Voters cheered. The crowd met A.B. Then it rained.";
        assert_eq!(sentences(t).len(), 4, "{:?}", sentences(t));
    }

    #[test]
    fn huge_paragraph_is_cut() {
        let t = "word ".repeat(100_000);
        let s = split(&t);
        assert!(s.len() > 100);
        assert!(s.iter().all(|r| r.len() <= MAX_SENTENCE + 10));
    }
}
